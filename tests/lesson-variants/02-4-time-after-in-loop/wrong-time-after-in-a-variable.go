package main

import (
	"fmt"
	"time"
)

// batchLogs ships log lines in batches: when a batch is full, or flushEvery after a line
// arrived, whichever comes first.
func batchLogs(lines <-chan string, maxBatch int, flushEvery time.Duration, ship func([]string)) {
	var batch []string
	for {
		timeout := time.After(flushEvery)
		select {
		case line, ok := <-lines:
			if !ok {
				if len(batch) > 0 {
					ship(batch)
				}
				return
			}
			batch = append(batch, line)
			if len(batch) == maxBatch {
				ship(batch)
				batch = nil
			}
		case <-timeout:
			if len(batch) > 0 {
				ship(batch)
				batch = nil
			}
		}
	}
}

func main() {
	lines := make(chan string)
	go func() {
		for i := 0; i < 20; i++ {
			lines <- fmt.Sprintf("GET /orders/%d 200", i)
			time.Sleep(5 * time.Millisecond)
		}
		close(lines)
	}()
	batchLogs(lines, 100, 20*time.Millisecond, func(b []string) {
		fmt.Println("shipped", len(b), "lines")
	})
}
