package main

import (
	"io"
	"testing"
)

// With a warm pool, writing a log line must not allocate at all.
func TestPooledWriteDoesNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(1000, func() {
		_ = writeAccessLog(io.Discard, "GET", "/orders/42", 200)
	})
	t.Logf("allocations per call: %.2f", allocs)
	if allocs >= 1 {
		t.Fatalf("%.0f allocation(s) per call: Put boxes the slice header every time", allocs)
	}
}
