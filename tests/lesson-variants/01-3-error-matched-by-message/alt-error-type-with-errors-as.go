package main

import (
	"errors"
	"fmt"
)

// rateLimitedError says the partner asked us to slow down.
type rateLimitedError struct{ partner string }

func (e *rateLimitedError) Error() string { return "rate limited by " + e.partner }

// notifyPartner sends a webhook to a partner; the partner may ask us to slow down.
func notifyPartner(name string, attempt int) error {
	if attempt < 2 {
		return fmt.Errorf("notify partner %s: %w", name, &rateLimitedError{partner: name})
	}
	return nil
}

// shouldRetry retries only when the partner asked us to slow down.
func shouldRetry(err error) bool {
	var rl *rateLimitedError
	return errors.As(err, &rl)
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
