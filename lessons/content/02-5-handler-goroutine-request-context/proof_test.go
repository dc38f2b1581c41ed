package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// The audit entry must be written even though the response was sent first.
func TestDeleteIsAudited(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(handleDelete))
	defer srv.Close()
	before := audit.count()
	req, err := http.NewRequest(http.MethodDelete, srv.URL+"/docs/42", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-User", "ada")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	time.Sleep(300 * time.Millisecond) // the audit write takes 20 ms
	if got := audit.count() - before; got != 1 {
		t.Fatalf("%d audit entries written, want 1: the request context was cancelled when the handler returned", got)
	}
}
