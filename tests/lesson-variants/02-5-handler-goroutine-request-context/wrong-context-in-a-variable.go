package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

type auditLog struct {
	mu      sync.Mutex
	entries []string
}

// write stores one audit entry; like a database call, it gives up when ctx ends.
func (a *auditLog) write(ctx context.Context, entry string) error {
	select {
	case <-time.After(20 * time.Millisecond): // the audit database round trip
	case <-ctx.Done():
		return ctx.Err()
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.entries = append(a.entries, entry)
	return nil
}

func (a *auditLog) count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.entries)
}

var audit = &auditLog{}

// handleDelete deletes a document and records who did it, without delaying the response.
func handleDelete(w http.ResponseWriter, r *http.Request) {
	user := r.Header.Get("X-User")
	w.WriteHeader(http.StatusNoContent)
	entry := user + " DELETE " + r.URL.Path
	ctx := r.Context()
	go func() {
		if err := audit.write(ctx, entry); err != nil {
			log.Printf("audit entry lost: %v", err)
		}
	}()
}

func main() {
	srv := httptest.NewServer(http.HandlerFunc(handleDelete))
	defer srv.Close()
	req, err := http.NewRequest(http.MethodDelete, srv.URL+"/docs/42", nil)
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("X-User", "ada")
	resp, err := srv.Client().Do(req)
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	time.Sleep(100 * time.Millisecond) // let the audit write finish before counting
	fmt.Println(resp.Status, "- audit entries:", audit.count())
}
