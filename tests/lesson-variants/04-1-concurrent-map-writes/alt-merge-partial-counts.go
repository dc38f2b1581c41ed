package main

import (
	"fmt"
	"strings"
	"sync"
)

// countWords counts word frequencies over many documents, one goroutine per document.
func countWords(docs []string) map[string]int {
	partial := make([]map[string]int, len(docs))
	var wg sync.WaitGroup
	for i, doc := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := make(map[string]int)
			for _, w := range strings.Fields(doc) {
				mine[strings.ToLower(w)]++
			}
			partial[i] = mine
		}()
	}
	wg.Wait()
	counts := make(map[string]int)
	for _, p := range partial {
		for w, n := range p {
			counts[w] += n
		}
	}
	return counts
}

func main() {
	counts := countWords([]string{"the cat sat", "the dog ran", "The end"})
	fmt.Println("the:", counts["the"], "cat:", counts["cat"])
}
