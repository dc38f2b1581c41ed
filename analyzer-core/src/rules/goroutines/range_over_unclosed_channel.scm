; `for v := range ch` over a channel named by a plain identifier. Rust checks that `ch` is a
; local channel made with make(chan T) that nothing closes or hands on.
(for_statement
  (range_clause
    right: (identifier) @ch) @range) @for
