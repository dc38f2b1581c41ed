package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
)

// stockLevel asks the inventory service how many units of a SKU are left.
func stockLevel(baseURL, sku string) (int, error) {
	resp, err := http.DefaultClient.Get(baseURL + "/stock/" + sku)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var body struct {
		Units int `json:"units"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return 0, err
	}
	return body.Units, nil
}

func main() {
	inventory := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"units": 7}`)
	}))
	defer inventory.Close()
	units, err := stockLevel(inventory.URL, "book-42")
	fmt.Println("units:", units, "error:", err)
}
