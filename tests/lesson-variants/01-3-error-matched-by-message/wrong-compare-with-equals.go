package main

import (
	"errors"
	"fmt"
)

var errRateLimited = errors.New("rate limited")

// notifyPartner sends a webhook to a partner; the partner may ask us to slow down.
func notifyPartner(name string, attempt int) error {
	if attempt < 2 {
		return fmt.Errorf("notify partner %s: %w", name, errRateLimited)
	}
	return nil
}

// shouldRetry retries only when the partner asked us to slow down.
func shouldRetry(err error) bool {
	return err == errRateLimited
}

func main() {
	for attempt := 0; attempt < 3; attempt++ {
		err := notifyPartner("acme", attempt)
		fmt.Printf("attempt %d: %v\n", attempt+1, err)
		if !shouldRetry(err) {
			break
		}
	}
}
