package main

import (
	"fmt"
	"time"
)

// drain hands queued jobs to handle until quit is closed.
func drain(jobs <-chan string, quit <-chan struct{}, handle func(string)) {
	for {
		select {
		case job := <-jobs:
			handle(job)
		case <-quit:
			return
		}
	}
}

func main() {
	jobs := make(chan string)
	quit := make(chan struct{})
	go func() {
		jobs <- "resize cat.jpg"
		jobs <- "resize dog.jpg"
		time.Sleep(50 * time.Millisecond) // the queue is idle for a while
		close(quit)
	}()
	drain(jobs, quit, func(job string) { fmt.Println("done:", job) })
}
