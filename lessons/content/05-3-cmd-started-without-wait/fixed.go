package main

import (
	"errors"
	"fmt"
	"os/exec"
)

// runHooks runs the post-deploy hooks (purge the CDN, notify the chat channel) in parallel.
func runHooks(hooks [][]string) error {
	var started []*exec.Cmd
	var errs []error
	for _, hook := range hooks {
		cmd := exec.Command(hook[0], hook[1:]...)
		if err := cmd.Start(); err != nil {
			errs = append(errs, fmt.Errorf("start hook %q: %w", hook[0], err))
			continue
		}
		started = append(started, cmd)
	}
	// Wait reaps every started process, even when a later Start failed.
	for _, cmd := range started {
		if err := cmd.Wait(); err != nil {
			errs = append(errs, fmt.Errorf("hook %q: %w", cmd.Path, err))
		}
	}
	return errors.Join(errs...)
}

func main() {
	err := runHooks([][]string{
		{"sh", "-c", "echo purging cdn"},
		{"sh", "-c", "echo notifying #deploys"},
	})
	fmt.Println("hooks started, error:", err)
}
