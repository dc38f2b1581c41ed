; `f, err := os.Open(...)` (or `=`): a file-opening call whose first result is kept in a
; variable. Rust checks the callee (os.Open, OpenFile, Create, CreateTemp) and follows `f`.
(short_var_declaration
  left: (expression_list . (identifier) @file)
  right: (expression_list . (call_expression) @call .)) @stmt

(assignment_statement
  left: (expression_list . (identifier) @file)
  right: (expression_list . (call_expression) @call .)) @stmt
