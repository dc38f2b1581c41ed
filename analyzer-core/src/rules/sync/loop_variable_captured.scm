; `go func() {...}()` and `defer func() {...}()`: Rust finds the enclosing loops and the
; loop variables the literal refers to.
(go_statement
  (call_expression
    function: (func_literal))) @stmt
(defer_statement
  (call_expression
    function: (func_literal))) @stmt
