package main

import (
	"syscall"
	"testing"
	"time"
)

func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// While the queue is idle for 500 ms, the consumer must not burn CPU.
func TestIdleConsumerDoesNotSpin(t *testing.T) {
	jobs := make(chan string)
	quit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		drain(jobs, quit, func(string) {})
		close(done)
	}()
	jobs <- "warm-up"
	start := cpuTime(t)
	time.Sleep(500 * time.Millisecond)
	used := cpuTime(t) - start
	close(quit)
	<-done
	t.Logf("CPU used while idle for 500ms: %v", used)
	if used > 100*time.Millisecond {
		t.Fatalf("the idle consumer used %v of CPU in 500ms: select with default spins", used)
	}
}
