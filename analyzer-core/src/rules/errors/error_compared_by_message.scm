; `err.Error() == "..."`, and `err == ErrX` (which sides are errors is decided in Rust).
(binary_expression
  left: (_) @left
  right: (_) @right) @cmp

; `strings.Contains(err.Error(), "timeout")`: one match per call argument.
(call_expression
  function: (selector_expression)
  arguments: (argument_list (call_expression) @msg)) @call

; `switch err.Error() { case "...": }`
(expression_switch_statement
  value: (call_expression) @msg) @switch
