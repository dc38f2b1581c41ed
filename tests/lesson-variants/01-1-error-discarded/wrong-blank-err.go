package main

import (
	"fmt"
	"time"
	_ "time/tzdata" // the zone database, even on hosts without one
)

// nextReport returns when the next daily 06:00 report runs in the customer's time zone.
func nextReport(now time.Time, zone string) (time.Time, error) {
	loc, err := time.LoadLocation(zone)
	_ = err
	local := now.In(loc)
	next := time.Date(local.Year(), local.Month(), local.Day(), 6, 0, 0, 0, loc)
	if !next.After(local) {
		next = next.AddDate(0, 0, 1)
	}
	return next, nil
}

func main() {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	for _, zone := range []string{"Asia/Shanghai", "Europe/Berln"} {
		next, err := nextReport(now, zone)
		fmt.Println(zone, next, err)
	}
}
