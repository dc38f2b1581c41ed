; `case <-f(...):` and `case v := <-f(...):` in a select. That f is time.After and that the
; select runs in a loop of the same function is decided in Rust.
(communication_case
  communication: (receive_statement
    right: (unary_expression
      operand: (call_expression) @call))) @case
