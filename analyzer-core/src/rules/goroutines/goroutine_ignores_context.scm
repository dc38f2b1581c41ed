; Every `go` statement. Rust finds the function it runs (a literal, a function or a method of
; this file), a context.Context in scope, and an endless loop there that never exits.
(go_statement
  (call_expression) @call) @go
