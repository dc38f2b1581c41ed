package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// checksumAll returns the SHA-256 of every file, for a backup manifest.
func checksumAll(paths []string) (map[string]string, error) {
	sums := make(map[string]string, len(paths))
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return nil, err
		}
		f.Close()
		sums[p] = hex.EncodeToString(h.Sum(nil))
	}
	return sums, nil
}

func main() {
	dir, err := os.MkdirTemp("", "backup")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	var paths []string
	for _, name := range []string{"orders.csv", "users.csv"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(name), 0o600); err != nil {
			panic(err)
		}
		paths = append(paths, p)
	}
	sums, err := checksumAll(paths)
	fmt.Println(len(sums), "checksums, error:", err)
}
