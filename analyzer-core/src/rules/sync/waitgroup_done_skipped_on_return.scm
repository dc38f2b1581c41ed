; A goroutine started from a function literal. The body is searched in Rust for a
; non-deferred `wg.Done()` that an earlier `return` can skip.
(go_statement
  (call_expression
    function: (func_literal
      body: (block) @body))) @go
