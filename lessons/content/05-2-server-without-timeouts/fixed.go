package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"time"
)

// serve runs the order API on ln until the listener fails.
func serve(ln net.Listener, api http.Handler) error {
	srv := &http.Server{
		Handler:           api,
		ReadHeaderTimeout: 2 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	return srv.Serve(ln)
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /orders/{id}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "order %s: shipped\n", r.PathValue("id"))
	})
	ln, err := net.Listen("tcp", "127.0.0.1:8080")
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(serve(ln, mux))
}
