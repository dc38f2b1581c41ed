; A ticker bound to a name: `t := time.NewTicker(d)`. The callee is resolved in Rust (an
; aliased or dot import still counts; a local `time` variable does not).
(short_var_declaration
  left: (expression_list . (identifier) @var .)
  right: (expression_list . (call_expression) @call .))

; `var t = time.NewTicker(d)`
(var_spec
  name: (identifier) @var
  value: (expression_list . (call_expression) @call .))
