package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Caching the 512-byte heads of twenty 2 MiB files must not keep the files in memory.
func TestCachedHeadsDoNotPinWholeFiles(t *testing.T) {
	dir := t.TempDir()
	c := &sniffCache{heads: make(map[string][]byte)}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := 0; i < 20; i++ {
		path := filepath.Join(dir, fmt.Sprintf("upload-%d.bin", i))
		if err := os.WriteFile(path, make([]byte, 2<<20), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := c.add(path); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	retained := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("heap retained for 20 cached heads (10 KiB of data): %d KiB", retained/1024)
	if retained > 4<<20 {
		t.Fatalf("the cache pins %d MiB: each 512-byte head keeps its whole file alive", retained>>20)
	}
	runtime.KeepAlive(c)
}
