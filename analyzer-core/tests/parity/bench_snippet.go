package worker

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"sync"
	"time"
)

type Job struct {
	ID      int
	Payload []byte
}

type Result struct {
	JobID int
	Err   error
}

type Cache struct {
	mu    sync.Mutex
	items map[string][]byte
}

func (c *Cache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[key]
	return v, ok
}

func (c *Cache) Put(key string, v []byte) {
	c.mu.Lock()
	c.items[key] = v
	c.mu.Unlock()
}

func process(ctx context.Context, j Job) error {
	if len(j.Payload) == 0 {
		return errors.New("empty payload")
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(10 * time.Millisecond):
		return nil
	}
}

func Run(ctx context.Context, jobs []Job, workers int) []Result {
	in := make(chan Job)
	out := make(chan Result, len(jobs))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range in {
				out <- Result{JobID: j.ID, Err: process(ctx, j)}
			}
		}()
	}
	for _, j := range jobs {
		in <- j
	}
	close(in)
	wg.Wait()
	close(out)
	var results []Result
	for r := range out {
		results = append(results, r)
	}
	return results
}

func heartbeat(ctx context.Context) {
	t := time.NewTicker(time.Second)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			log.Println("alive")
		}
	}
}

func handler(c *Cache) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.Query().Get("key")
		if v, ok := c.Get(key); ok {
			w.Write(v)
			return
		}
		http.Error(w, fmt.Sprintf("no key %q", key), http.StatusNotFound)
	}
}
