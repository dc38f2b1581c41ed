package main

import (
	"fmt"
	"strings"
	"sync"
)

// resizeAll makes a thumbnail for every uploaded image, in parallel.
func resizeAll(names []string) []string {
	thumbs := make([]string, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		go func() {
			defer wg.Done()
			thumbs[i] = resize(name)
		}()
	}
	wg.Wait()
	return thumbs
}

func resize(name string) string {
	return strings.TrimSuffix(name, ".jpg") + "_200x200.jpg"
}

func main() {
	thumbs := resizeAll([]string{"cat.jpg", "dog.jpg", "fox.jpg"})
	fmt.Printf("%q\n", thumbs)
}
