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
	for _, s := range subscribers {
		go func() {
			if send(s) == nil {
				mu.Lock()
				sent++
				mu.Unlock()
			}
		}()
	}
	time.Sleep(2 * time.Second) // surely long enough
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
