package main

import (
	"sync"
	"testing"
)

// 100 concurrent requests must all be counted.
func TestEveryRequestIsCounted(t *testing.T) {
	stats := &requestStats{}
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stats.record()
		}()
	}
	wg.Wait()
	if got := stats.snapshot(); got != 100 {
		t.Fatalf("counted %d of 100 requests: record locked and incremented a copy", got)
	}
}
