package main

import (
	"fmt"
	"sync"
)

// priceCache memoises prices fetched from the catalogue service.
type priceCache struct {
	mu     sync.Mutex
	prices map[string]int
	fetch  func(sku string) int
}

func (c *priceCache) price(sku string) int {
	if p, ok := c.prices[sku]; ok {
		return p
	}
	p := c.fetch(sku)
	c.prices[sku] = p
	return p
}

func main() {
	c := &priceCache{
		prices: make(map[string]int),
		fetch:  func(sku string) int { return 100 * len(sku) },
	}
	for _, sku := range []string{"book-42", "book-42", "pen-7"} {
		fmt.Println(sku, c.price(sku))
	}
}
