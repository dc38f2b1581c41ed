; `ctx, cancel := f(...)`, `ctx, cancel = f(...)` and `var ctx, cancel = f(...)` with two
; names on the left. Rust checks that f is context.WithCancel/WithTimeout/WithDeadline (or a
; *Cause variant) and follows the uses of the cancel func.
(short_var_declaration
  left: (expression_list . (_) . (_) @cancel .)
  right: (expression_list . (call_expression) @call .)) @stmt

(assignment_statement
  left: (expression_list . (_) . (_) @cancel .)
  right: (expression_list . (call_expression) @call .)) @stmt

(var_spec
  name: (identifier)
  name: (identifier) @cancel
  value: (expression_list . (call_expression) @call .)) @stmt
