package broken

import "time"

func half( {
	t := time.NewTicker(time.Second)
	for range t.C {
	}

func ok() {
	x := 1 +
}
