package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
)

// serve runs the order API on ln until the listener fails.
func serve(ln net.Listener, api http.Handler) error {
	return http.Serve(ln, api)
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
