; `resp, err := f(...)` / `resp, err = f(...)` / `var resp, err = f(...)`: that f returns an
; *http.Response and that resp.Body is never closed (and resp does not escape) is decided in
; Rust. `_` in the first position discards the response outright.
(short_var_declaration
  left: (expression_list . (identifier) @resp)
  right: (expression_list . (call_expression) @call .)) @stmt

(assignment_statement
  left: (expression_list . (identifier) @resp)
  right: (expression_list . (call_expression) @call .)) @stmt

(var_spec
  . name: (identifier) @resp
  value: (expression_list . (call_expression) @call .)) @stmt

; `http.Get(url)` as a statement (also `go http.Get(url)`): the response is dropped unread.
(expression_statement (call_expression) @call) @stmt
(go_statement (call_expression) @call) @stmt
