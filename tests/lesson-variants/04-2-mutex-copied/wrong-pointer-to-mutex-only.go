package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
)

// requestStats counts served requests for the /metrics page.
type requestStats struct {
	mu    *sync.Mutex
	total int
}

func (s requestStats) record() {
	s.mu.Lock()
	s.total++
	s.mu.Unlock()
}

func (s *requestStats) snapshot() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

func main() {
	stats := &requestStats{mu: new(sync.Mutex)}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stats.record()
		fmt.Fprintln(w, "ok")
	})
	for i := 0; i < 3; i++ {
		handler.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	}
	fmt.Println("requests served:", stats.snapshot())
}
