package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
)

// sniffCache keeps the first bytes of every uploaded file, to detect its type later.
type sniffCache struct {
	heads map[string][]byte
}

func (c *sniffCache) add(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	c.heads[path] = data
	return nil
}

func main() {
	dir, err := os.MkdirTemp("", "uploads")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	c := &sniffCache{heads: make(map[string][]byte)}
	for _, name := range []string{"report.pdf", "photo.png"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, make([]byte, 4<<20), 0o600); err != nil {
			panic(err)
		}
		if err := c.add(path); err != nil {
			panic(err)
		}
		fmt.Println(name, http.DetectContentType(c.heads[path]), "head", len(c.heads[path]), "bytes")
	}
}
