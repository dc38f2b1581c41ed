package main

import (
	"errors"
	"net"
	"net/http"
	"os"
	"testing"
	"time"
)

// A client that sends half a request and then goes quiet (slowloris) must be cut off,
// or a few thousand of them hold every connection the server can accept.
func TestSlowClientIsDisconnected(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go serve(ln, http.NotFoundHandler())
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("GET /orders/1 HTTP/1.1\r\nHost: shop\r\n")); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(6 * time.Second))
	buf := make([]byte, 512)
	for {
		_, err := conn.Read(buf)
		if errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatal("after 6s the server still holds the half-sent request's connection: the server has no read timeouts")
		}
		if err != nil {
			return // the server closed the connection
		}
	}
}
