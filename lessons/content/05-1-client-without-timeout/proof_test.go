package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// When the inventory service stalls, stockLevel must give up long before the stall ends.
func TestStalledInventoryServiceTimesOut(t *testing.T) {
	release := make(chan struct{})
	stalled := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-time.After(6 * time.Second):
		}
		fmt.Fprint(w, `{"units": 7}`)
	}))
	defer stalled.Close()
	defer close(release)
	start := time.Now()
	_, err := stockLevel(stalled.URL, "book-42")
	took := time.Since(start)
	t.Logf("stockLevel returned after %v with error %v", took.Round(time.Millisecond), err)
	if took > 4*time.Second {
		t.Fatalf("stockLevel waited %v for a stalled dependency: the request has no timeout", took.Round(time.Second))
	}
	if err == nil {
		t.Fatal("a stalled dependency must be reported as an error")
	}
}
