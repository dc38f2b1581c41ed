package main

import (
	"errors"
	"fmt"
	"time"
)

type User struct {
	ID   int
	Name string
}

var errTimeout = errors.New("user lookup timed out")

// fetchUser asks the users backend, but answers the caller within timeout.
func fetchUser(id int, timeout time.Duration, lookup func(int) User) (User, error) {
	ch := make(chan User, 1) // the send never blocks, even if nobody receives
	go func() {
		ch <- lookup(id)
	}()
	select {
	case u := <-ch:
		return u, nil
	case <-time.After(timeout):
		return User{}, errTimeout
	}
}

func main() {
	slowBackend := func(id int) User {
		time.Sleep(50 * time.Millisecond)
		return User{ID: id, Name: "Ada"}
	}
	u, err := fetchUser(42, 10*time.Millisecond, slowBackend)
	fmt.Println(u, err)
}
