package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// zombieChildren counts this process's children that have exited but were never waited for
// (state Z in /proc/<pid>/stat).
func zombieChildren(t *testing.T) int {
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil {
		t.Fatal(err)
	}
	me := strconv.Itoa(os.Getpid())
	n := 0
	for _, path := range stats {
		data, err := os.ReadFile(path)
		if err != nil {
			continue // the process is gone
		}
		// pid (comm) state ppid ...: comm may contain spaces, so split after the last ')'.
		fields := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
		if len(fields) > 1 && fields[0] == "Z" && fields[1] == me {
			n++
		}
	}
	return n
}

// After the hooks have finished, none of them may linger as a zombie process.
func TestFinishedHooksAreReaped(t *testing.T) {
	hooks := make([][]string, 5)
	for i := range hooks {
		hooks[i] = []string{"true"}
	}
	if err := runHooks(hooks); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond) // the hooks exit at once; give the reaper time
	if n := zombieChildren(t); n > 0 {
		t.Fatalf("%d finished hooks are zombie processes: nobody called Wait", n)
	}
}
