package main

import (
	"context"
	"fmt"
	"time"
)

// heartbeat reports that a job is alive every interval until the job's context ends.
func heartbeat(ctx context.Context, job string, interval time.Duration, report func(string)) {
	for ctx.Err() == nil {
		time.Sleep(interval)
		report(job)
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 35*time.Millisecond)
	defer cancel()
	heartbeat(ctx, "export-42", 10*time.Millisecond, func(job string) {
		fmt.Println(job, "alive")
	})
}
