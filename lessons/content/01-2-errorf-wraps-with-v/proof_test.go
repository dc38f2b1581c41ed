package main

import (
	"path/filepath"
	"testing"
)

// On a first start there is no config file: the defaults must be used.
func TestMissingConfigFallsBackToDefaults(t *testing.T) {
	cfg, err := configOrDefault(filepath.Join(t.TempDir(), "shop.conf"))
	if err != nil {
		t.Fatalf("got error %q: errors.Is cannot see fs.ErrNotExist through a %%v-formatted error", err)
	}
	if cfg != defaultConfig {
		t.Fatalf("got %+v, want the defaults", cfg)
	}
}
