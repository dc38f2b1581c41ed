package main

import (
	"testing"
	"time"
)

// When the mail server is slow, every mail must still be counted.
func TestSlowMailServerEveryMailCounted(t *testing.T) {
	subscribers := []string{"a@example.com", "b@example.com", "c@example.com"}
	slow := func(string) error {
		time.Sleep(300 * time.Millisecond)
		return nil
	}
	if got := notifyAll(subscribers, slow); got != len(subscribers) {
		t.Fatalf("counted %d of %d mails: the sleep ended before the goroutines did", got, len(subscribers))
	}
}
