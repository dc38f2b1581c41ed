package main

import "testing"

// A rate-limited notification must be retried.
func TestRateLimitedNotificationIsRetried(t *testing.T) {
	err := notifyPartner("acme", 0)
	if err == nil {
		t.Fatal("the first attempt is rate limited in this test")
	}
	if !shouldRetry(err) {
		t.Fatalf("shouldRetry(%q) = false: the wrapped error's message is not exactly \"rate limited\"", err)
	}
	if shouldRetry(nil) {
		t.Fatal("a successful call must not be retried")
	}
}
