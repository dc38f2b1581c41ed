; `fmt.Errorf("...", args...)` with a literal format. That the callee is fmt.Errorf, which
; verb formats which argument, and whether that argument is an error is decided in Rust.
(call_expression
  function: (_) @func
  arguments: (argument_list
    . [(interpreted_string_literal) (raw_string_literal)] @format)) @call
