; A goroutine started from a function literal: `go func() { wg.Add(1); ... }()`. Whether a
; leading statement is `Add` on a sync.WaitGroup is decided in Rust with the model.
(go_statement
  (call_expression
    function: (func_literal
      body: (block) @body))) @go
