package main

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
)

type Order struct {
	ID     string
	Amount int
}

// importOrders parses "id,amount" lines concurrently; malformed lines are skipped.
func importOrders(lines []string) []Order {
	orders := make([]Order, len(lines))
	var wg sync.WaitGroup
	for i, line := range lines {
		wg.Add(1)
		go func() {
			id, amount, ok := strings.Cut(line, ",")
			if !ok {
				wg.Done()
				return
			}
			cents, err := strconv.Atoi(amount)
			if err != nil {
				wg.Done()
				return
			}
			orders[i] = Order{ID: id, Amount: cents}
			wg.Done()
		}()
	}
	wg.Wait()
	return orders
}

func main() {
	orders := importOrders([]string{"A-1001,2500", "A-1002,n/a", "A-1003,750"})
	fmt.Println("imported:", orders)
}
