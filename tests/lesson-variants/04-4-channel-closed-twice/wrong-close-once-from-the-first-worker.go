package main

import (
	"fmt"
	"sync"
)

// crawl fetches pages with a pool of workers and returns the size of each page.
func crawl(urls []string, workers int, fetch func(string) int) []int {
	jobs := make(chan string)
	results := make(chan int)
	var wg sync.WaitGroup
	var closeOnce sync.Once
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer closeOnce.Do(func() { close(results) })
			for u := range jobs {
				results <- fetch(u)
			}
		}()
	}
	go func() {
		for _, u := range urls {
			jobs <- u
		}
		close(jobs)
	}()
	var sizes []int
	for size := range results {
		sizes = append(sizes, size)
	}
	return sizes
}

func main() {
	urls := []string{"/", "/pricing", "/docs", "/blog", "/careers"}
	sizes := crawl(urls, 3, func(u string) int { return 1000 + len(u) })
	fmt.Println(len(sizes), "pages crawled")
}
