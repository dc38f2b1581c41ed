package main

import (
	"fmt"
	"sync"
)

type List[T any] struct{ items []T }

type Box struct{ v int }

func (l *List[T]) Map[U any](f func(T) U) []U {
	out := make([]U, 0, len(l.items))
	for _, it := range l.items {
		out = append(out, f(it))
	}
	return out
}

func (b Box) Pair[K comparable, V any](k K, v V) map[K]V { return map[K]V{k: v} }

// A local variable may shadow a builtin.
func shadowed() int {
	make := func(n int) int { return n }
	return make(2 - 1)
}

func main() {
	ch := make(chan int, 1)
	ch <- shadowed()
	p := new(42)
	q := new(int64(-64))
	b := new(Box{v: 1})
	s := new("svc")
	mu := new(sync.Mutex)
	l := new(List[int])
	pp := new(*int)
	xs := new([]int)
	mu.Lock()
	fmt.Println(<-ch, *p, *q, b.v, *s, l.Map[string](func(i int) string { return fmt.Sprint(i) }), *pp, *xs, Box{}.Pair("a", 1))
	mu.Unlock()
}
