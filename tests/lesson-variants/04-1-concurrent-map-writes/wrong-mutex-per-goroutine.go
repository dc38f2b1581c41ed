package main

import (
	"fmt"
	"strings"
	"sync"
)

// countWords counts word frequencies over many documents, one goroutine per document.
func countWords(docs []string) map[string]int {
	counts := make(map[string]int)
	var wg sync.WaitGroup
	for _, doc := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mu sync.Mutex
			for _, w := range strings.Fields(doc) {
				mu.Lock()
				counts[strings.ToLower(w)]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return counts
}

func main() {
	counts := countWords([]string{"the cat sat", "the dog ran", "The end"})
	fmt.Println("the:", counts["the"], "cat:", counts["cat"])
}
