; `case <-f(...):` and `case v := <-f(...):` in a select. That f is time.After and that the
; select runs in a loop of the same function is decided in Rust.
(communication_case
  communication: (receive_statement
    right: (unary_expression
      operand: (call_expression) @call))) @case

; `case <-timeout:` where `timeout := time.After(...)` is declared inside the same loop: one
; new timer per iteration all the same (checked in Rust).
(communication_case
  communication: (receive_statement
    right: (unary_expression
      operand: (identifier) @var))) @case
