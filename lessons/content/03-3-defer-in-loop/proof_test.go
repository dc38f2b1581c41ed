package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// With a limit of 64 open files, checksumming 200 files must still work: a file is only
// needed while it is being read.
func TestChecksumsUnderALowFileLimit(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i := 0; i < 200; i++ {
		p := filepath.Join(dir, fmt.Sprintf("part-%03d.dat", i))
		if err := os.WriteFile(p, []byte(p), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &old); err != nil {
		t.Fatal(err)
	}
	low := old
	low.Cur = 64
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &low); err != nil {
		t.Fatal(err)
	}
	defer syscall.Setrlimit(syscall.RLIMIT_NOFILE, &old)
	if _, err := checksumAll(paths); err != nil {
		t.Fatalf("checksumAll: %v: every file stays open until the function returns", err)
	}
}
