; A goroutine started from a function literal. Rust collects the map writes in its body
; (`m[k] = v`, `m[k]++`, `delete(m, k)`) and checks how many such goroutines run at once.
(go_statement
  (call_expression
    function: (func_literal))) @go
