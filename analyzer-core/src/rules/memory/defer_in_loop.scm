; Any `defer`; whether it sits in a loop of the same function (not in a func literal inside
; the loop) and whether the iteration leaves the loop right after is decided in Rust.
(defer_statement) @defer
