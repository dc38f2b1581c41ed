package main

import (
	"fmt"
	"time"
)

// notifyAll e-mails every subscriber in parallel and returns how many mails went out.
func notifyAll(subscribers []string, send func(string) error) int {
	results := make(chan error, len(subscribers))
	for _, s := range subscribers {
		go func() {
			results <- send(s)
		}()
	}
	sent := 0
	for range subscribers {
		if <-results == nil {
			sent++
		}
	}
	return sent
}

func main() {
	send := func(to string) error {
		time.Sleep(5 * time.Millisecond) // the mail server round trip
		return nil
	}
	fmt.Println(notifyAll([]string{"ada@example.com", "linus@example.com"}, send), "mails sent")
}
