package main

import (
	"fmt"
	"sync"
)

// featureFlags is read on every request and written when an operator flips a flag.
type featureFlags struct {
	mu    sync.RWMutex
	flags map[string]bool
}

func (f *featureFlags) enabled(name string) bool {
	return f.flags[name] // reads are safe without a lock
}

func (f *featureFlags) set(name string, on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.flags[name] = on
}

func main() {
	flags := &featureFlags{flags: make(map[string]bool)}
	flags.set("new-checkout", true)
	fmt.Println("new-checkout enabled:", flags.enabled("new-checkout"))
}
