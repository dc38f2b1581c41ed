package main

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// Once its context is cancelled, a watcher must stop: no goroutine may be left behind.
func TestCancelledWatchersStop(t *testing.T) {
	before := runtime.NumGoroutine()
	for i := 0; i < 20; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		watchConfig(ctx, time.Millisecond, func() {})
		cancel()
	}
	time.Sleep(200 * time.Millisecond) // plenty of ticks to notice the cancellation
	if left := runtime.NumGoroutine() - before; left > 2 {
		t.Fatalf("%d goroutines still alive after the work is done: the watchers ignore their context", left)
	}
}
