package main

import (
	"fmt"
	"strings"
	"sync"
)

type probe struct {
	backend string
	ok      bool
}

// unhealthy probes every backend concurrently and returns the ones that failed.
func unhealthy(backends []string, check func(string) bool) []string {
	results := make(chan probe)
	var wg sync.WaitGroup
	for _, b := range backends {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- probe{backend: b, ok: check(b)}
		}()
	}
	var down []string
	for r := range results {
		if !r.ok {
			down = append(down, r.backend)
		}
	}
	close(results)
	return down
}

func main() {
	check := func(b string) bool { return !strings.HasPrefix(b, "db-") }
	fmt.Println("down:", unhealthy([]string{"api-1", "db-2", "cache-3"}, check))
}
