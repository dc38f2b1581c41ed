package main

import (
	"context"
	"fmt"
	"time"
)

// watchConfig reloads the configuration every interval until ctx is cancelled.
func watchConfig(ctx context.Context, interval time.Duration, reload func()) {
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for range t.C {
			reload()
		}
	}()
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 35*time.Millisecond)
	defer cancel()
	watchConfig(ctx, 10*time.Millisecond, func() { fmt.Println("config reloaded") })
	<-ctx.Done()
}
