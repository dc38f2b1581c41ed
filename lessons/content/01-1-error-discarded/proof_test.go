package main

import (
	"testing"
	"time"
)

// A misspelt zone in a customer's settings must be reported, not crash the scheduler.
func TestMisspeltZoneDoesNotPanic(t *testing.T) {
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("nextReport panicked: %v: the LoadLocation error was discarded", p)
		}
	}()
	next, err := nextReport(time.Now(), "Europe/Berln")
	t.Logf("next=%v err=%v", next, err)
}
