package main

import (
	"testing"
	"time"
)

// Under a steady stream of lines (one per millisecond, for 300 ms), no line may wait much
// longer than flushEvery (20 ms) before its batch is shipped.
func TestBatchesShipWithinFlushEvery(t *testing.T) {
	lines := make(chan string)
	go func() {
		for i := 0; i < 300; i++ {
			// Each line is its own arrival time.
			lines <- time.Now().Format(time.RFC3339Nano)
			time.Sleep(time.Millisecond)
		}
		close(lines)
	}()
	var worst time.Duration
	batchLogs(lines, 1000, 20*time.Millisecond, func(b []string) {
		first, err := time.Parse(time.RFC3339Nano, b[0])
		if err != nil {
			t.Fatal(err)
		}
		if wait := time.Since(first); wait > worst {
			worst = wait
		}
	})
	t.Logf("longest wait before shipping: %v", worst)
	if worst > 100*time.Millisecond {
		t.Fatalf("a line waited %v before shipping; flushEvery is 20ms: the timeout restarts on every line", worst)
	}
}
