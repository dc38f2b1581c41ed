; A call used as a statement: `os.Remove(tmp)`. Whether the callee returns an error, and
; whether dropping it is conventional (`fmt.Println`, a reader's `Close`), is decided in Rust.
; `defer f()` and `go f()` are different nodes and are not matched.
(expression_statement (call_expression) @call) @stmt

; `_ = f()`, `n, _ = f()`: the error position holds `_` (checked in Rust).
(assignment_statement
  left: (expression_list) @left
  right: (expression_list . (call_expression) @call .)) @assign

; `n, _ := strconv.Atoi(s)`
(short_var_declaration
  left: (expression_list) @left
  right: (expression_list . (call_expression) @call .)) @assign
