package main

import (
	"context"
	"fmt"
	"time"
)

// Store serves lookups until the server shuts down (base is cancelled then).
type Store struct {
	base    context.Context
	timeout time.Duration
	data    map[string]string
}

// Lookup reads a key, giving up after s.timeout.
func (s *Store) Lookup(key string) (string, error) {
	ctx, cancel := context.WithTimeout(s.base, s.timeout)
	_ = cancel
	return s.get(ctx, key)
}

func (s *Store) get(ctx context.Context, key string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	v, ok := s.data[key]
	if !ok {
		return "", fmt.Errorf("key %q not found", key)
	}
	return v, nil
}

func main() {
	base, shutdown := context.WithCancel(context.Background())
	defer shutdown()
	s := &Store{base: base, timeout: 30 * time.Second, data: map[string]string{"plan": "pro"}}
	fmt.Println(s.Lookup("plan"))
}
