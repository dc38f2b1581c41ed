package main

import (
	"runtime"
	"testing"
	"time"
)

// After 100 timed-out lookups have finished in the backend, no goroutine may be left.
func TestTimedOutLookupsLeaveNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	slow := func(id int) User {
		time.Sleep(20 * time.Millisecond)
		return User{ID: id}
	}
	for i := 0; i < 100; i++ {
		if _, err := fetchUser(i, time.Millisecond, slow); err != errTimeout {
			t.Fatalf("lookup %d: want errTimeout, got %v", i, err)
		}
	}
	time.Sleep(300 * time.Millisecond) // every backend call has returned by now
	if left := runtime.NumGoroutine() - before; left > 2 {
		t.Fatalf("%d goroutines still alive after the work is done: each is blocked sending a result nobody receives", left)
	}
}
