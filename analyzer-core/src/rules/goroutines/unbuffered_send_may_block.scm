; A goroutine started from a function literal. Rust finds its sends on unbuffered channels
; made by the enclosing function and checks whether every receive of them is conditional.
(go_statement
  (call_expression
    function: (func_literal
      body: (block) @body))) @go

; `go worker(ch)` / `go s.worker(ch)`: a function of this file that sends on its parameter.
(go_statement
  (call_expression
    function: [(identifier) (selector_expression)]) @call) @go
