package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

type Config struct {
	Listen string
}

var defaultConfig = Config{Listen: ":8080"}

func loadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, errors.New(fmt.Sprintf("load config from %s: %v", path, err))
	}
	return Config{Listen: strings.TrimSpace(string(data))}, nil
}

// configOrDefault uses the defaults when there is no config file yet (a first start).
func configOrDefault(path string) (Config, error) {
	cfg, err := loadConfig(path)
	if errors.Is(err, fs.ErrNotExist) {
		return defaultConfig, nil
	}
	return cfg, err
}

func main() {
	cfg, err := configOrDefault("/etc/shop/does-not-exist.conf")
	fmt.Printf("config %+v, error: %v\n", cfg, err)
}
