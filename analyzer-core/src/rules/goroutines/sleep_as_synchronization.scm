; `x.Sleep(d)` as a statement. Rust checks that it is time.Sleep, that the function started
; goroutines before it, and that nothing else waits for them.
(expression_statement
  (call_expression
    function: (selector_expression
      field: (field_identifier) @name)
    (#eq? @name "Sleep")) @call) @stmt
