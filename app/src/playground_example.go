package main

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"time"
)

// checkHealth fetches the health endpoint and reports its status line.
func checkHealth(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	fmt.Printf("%s: %s\n", resp.Status, body)
	return nil
}

func main() {
	ticker := time.NewTicker(10 * time.Second)
	for range ticker.C {
		if err := checkHealth("http://localhost:8080/healthz"); err != nil {
			log.Printf("health check failed: %v", err)
			return
		}
	}
}
