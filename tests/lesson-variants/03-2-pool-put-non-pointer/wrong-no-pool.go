package main

import (
	"io"
	"log"
	"os"
	"strconv"
	"sync"
)

var scratch = sync.Pool{New: func() any { return make([]byte, 0, 1024) }}

// writeAccessLog formats one access-log line into w with a pooled scratch buffer.
func writeAccessLog(w io.Writer, method, path string, status int) error {
	buf := make([]byte, 0, 1024)
	buf = append(buf, method...)
	buf = append(buf, ' ')
	buf = append(buf, path...)
	buf = append(buf, ' ')
	buf = strconv.AppendInt(buf, int64(status), 10)
	buf = append(buf, '\n')
	_, err := w.Write(buf)
	return err
}

func main() {
	if err := writeAccessLog(os.Stdout, "GET", "/orders/42", 200); err != nil {
		log.Fatal(err)
	}
}
