package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
)

// pageViews counts article views across all handler goroutines.
var pageViews int64

func viewArticle(w http.ResponseWriter, r *http.Request) {
	n := atomic.AddInt64(&pageViews, 1)
	pageViews = n
	fmt.Fprintln(w, "article", r.URL.Path)
}

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Go(func() {
			rec := httptest.NewRecorder()
			viewArticle(rec, httptest.NewRequest("GET", "/articles/memory-model", nil))
		})
	}
	wg.Wait()
	fmt.Println("views:", atomic.LoadInt64(&pageViews))
}
