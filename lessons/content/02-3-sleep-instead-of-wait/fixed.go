package main

import (
	"fmt"
	"sync"
	"time"
)

// notifyAll e-mails every subscriber in parallel and returns how many mails went out.
func notifyAll(subscribers []string, send func(string) error) int {
	var mu sync.Mutex
	sent := 0
	var wg sync.WaitGroup
	for _, s := range subscribers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if send(s) == nil {
				mu.Lock()
				sent++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	return sent
}

func main() {
	send := func(to string) error {
		time.Sleep(5 * time.Millisecond) // the mail server round trip
		return nil
	}
	fmt.Println(notifyAll([]string{"ada@example.com", "linus@example.com"}, send), "mails sent")
}
