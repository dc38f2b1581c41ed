package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
)

// requestStats counts served requests for the /metrics page.
type requestStats struct {
	total atomic.Int64
}

func (s *requestStats) record() {
	s.total.Add(1)
}

func (s *requestStats) snapshot() int {
	return int(s.total.Load())
}

func main() {
	stats := &requestStats{}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stats.record()
		fmt.Fprintln(w, "ok")
	})
	for i := 0; i < 3; i++ {
		handler.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	}
	fmt.Println("requests served:", stats.snapshot())
}
