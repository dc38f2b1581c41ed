package main

import (
	"fmt"
	"log"
	"os/exec"
)

// runHooks runs the post-deploy hooks (purge the CDN, notify the chat channel) in parallel.
func runHooks(hooks [][]string) error {
	for _, hook := range hooks {
		cmd := exec.Command(hook[0], hook[1:]...)
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("start hook %q: %w", hook[0], err)
		}
		// Reap the process when it exits, without holding up the deploy.
		go func() {
			if err := cmd.Wait(); err != nil {
				log.Printf("hook %q: %v", cmd.Path, err)
			}
		}()
	}
	return nil
}

func main() {
	err := runHooks([][]string{
		{"sh", "-c", "echo purging cdn"},
		{"sh", "-c", "echo notifying #deploys"},
	})
	fmt.Println("hooks started, error:", err)
}
