; `close(x)`. Rust checks that `close` is the builtin, finds the other closes of the same
; channel in the function and the goroutines it starts, and whether the close can run twice.
(call_expression
  function: (identifier) @fn
  arguments: (argument_list . (_) @ch .)
  (#eq? @fn "close")) @call
