package main

import (
	"fmt"
	"os/exec"
)

// runHooks runs the post-deploy hooks (purge the CDN, notify the chat channel) in parallel.
func runHooks(hooks [][]string) error {
	for _, hook := range hooks {
		cmd := exec.Command(hook[0], hook[1:]...)
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("start hook %q: %w", hook[0], err)
		}
		defer cmd.Process.Kill()
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
