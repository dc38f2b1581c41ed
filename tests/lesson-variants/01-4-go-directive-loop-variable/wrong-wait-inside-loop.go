package main

import (
	"fmt"
	"sort"
	"sync"
)

// warmCaches preloads every region's cache in parallel and reports which were warmed.
func warmCaches(regions []string) []string {
	var (
		mu     sync.Mutex
		warmed []string
		wg     sync.WaitGroup
	)
	for _, region := range regions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			warmed = append(warmed, region)
			mu.Unlock()
		}()
		wg.Wait()
	}
	sort.Strings(warmed)
	return warmed
}

func main() {
	fmt.Println(warmCaches([]string{"ap-south", "eu-west", "us-east"}))
}
