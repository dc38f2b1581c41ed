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
	buf := scratch.Get().([]byte)
	buf = append(buf, method...)
	buf = append(buf, ' ')
	buf = append(buf, path...)
	buf = append(buf, ' ')
	buf = strconv.AppendInt(buf, int64(status), 10)
	buf = append(buf, '\n')
	_, err := w.Write(buf)
	var boxed any = buf[:0]
	scratch.Put(boxed)
	return err
}

func main() {
	if err := writeAccessLog(os.Stdout, "GET", "/orders/42", 200); err != nil {
		log.Fatal(err)
	}
}
