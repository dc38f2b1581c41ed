package main

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// 20,000 finished lookups must not leave their contexts registered on the long-lived base.
func TestFinishedLookupsReleaseTheirContexts(t *testing.T) {
	base, shutdown := context.WithCancel(context.Background())
	defer shutdown()
	s := &Store{base: base, timeout: time.Minute, data: map[string]string{"plan": "pro"}}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := 0; i < 20000; i++ {
		if _, err := s.Lookup("plan"); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	retained := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("heap retained after 20000 lookups: %d KiB", retained/1024)
	if retained > 1<<20 {
		t.Fatalf("%d KiB retained: every lookup's context stays registered on base until its deadline", retained/1024)
	}
	runtime.KeepAlive(s)
}
