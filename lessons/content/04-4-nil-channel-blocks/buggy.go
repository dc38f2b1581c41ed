package main

import "fmt"

// uploadAll uploads files in the background and returns when all of them are uploaded.
func uploadAll(files []string, upload func(string)) {
	var done chan struct{}
	go func() {
		for _, f := range files {
			upload(f)
		}
		done <- struct{}{}
	}()
	<-done
}

func main() {
	uploadAll([]string{"invoice-1.pdf", "invoice-2.pdf"}, func(f string) {
		fmt.Println("uploaded", f)
	})
	fmt.Println("all uploads finished")
}
