package main

import (
	"context"
	"fmt"
	"time"
)

// heartbeat reports that a job is alive every interval until the job's context ends.
func heartbeat(ctx context.Context, job string, interval time.Duration, report func(string)) {
	t := time.NewTicker(interval)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			report(job)
		}
	}
	t.Stop()
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 35*time.Millisecond)
	defer cancel()
	heartbeat(ctx, "export-42", 10*time.Millisecond, func(job string) {
		fmt.Println(job, "alive")
	})
}
