package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
)

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderGreeting builds the body of the greeting endpoint with a pooled buffer.
func renderGreeting(name string) string {
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.WriteString("Hello, ")
	buf.WriteString(name)
	buf.WriteString("!\n")
	buf.Reset()
	return buf.String()
}

func greet(w http.ResponseWriter, r *http.Request) {
	fmt.Fprint(w, renderGreeting(r.URL.Query().Get("name")))
}

func main() {
	for _, name := range []string{"Ada", "Linus"} {
		rec := httptest.NewRecorder()
		greet(rec, httptest.NewRequest("GET", "/greet?name="+name, nil))
		fmt.Print(rec.Body.String())
	}
}
