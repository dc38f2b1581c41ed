package main

import "testing"

// Every call must return every thumbnail: Wait has to wait for all the work.
func TestEveryImageGetsAThumbnail(t *testing.T) {
	names := []string{"cat.jpg", "dog.jpg", "fox.jpg", "owl.jpg"}
	for run := 0; run < 200; run++ {
		for i, thumb := range resizeAll(names) {
			if thumb == "" {
				t.Fatalf("run %d: thumbnail %d of %d missing: Wait returned before the work was done", run, i+1, len(names))
			}
		}
	}
}
