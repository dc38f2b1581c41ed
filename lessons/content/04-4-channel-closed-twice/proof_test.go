package main

import (
	"testing"
	"time"
)

// Crawling must return every page and must not crash the process.
func TestCrawlReturnsEveryPage(t *testing.T) {
	urls := []string{"/", "/pricing", "/docs", "/blog", "/careers", "/about", "/jobs"}
	for run := 0; run < 20; run++ {
		sizes := crawl(urls, 3, func(u string) int { return len(u) })
		if len(sizes) != len(urls) {
			t.Fatalf("run %d: %d of %d pages: results was closed while workers were still sending", run, len(sizes), len(urls))
		}
	}
	time.Sleep(100 * time.Millisecond) // a late close in a leftover worker panics here
}
