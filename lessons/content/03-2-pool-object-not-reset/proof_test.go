package main

import "testing"

// Each response must contain only its own greeting, however often the buffer is reused.
func TestPooledBufferStartsEmpty(t *testing.T) {
	for i := 0; i < 100; i++ {
		renderGreeting("Ada")
		if got := renderGreeting("Linus"); got != "Hello, Linus!\n" {
			t.Fatalf("response for Linus is %q: the pooled buffer still held the previous response", got)
		}
	}
}
