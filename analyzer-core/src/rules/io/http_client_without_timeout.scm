; `http.Get(url)` and friends: package functions that use http.DefaultClient (no timeout).
; The callee is resolved in Rust (aliases, dot imports, a local `http` shadowing the package).
(call_expression
  function: (selector_expression
    field: (field_identifier) @fn
    (#any-of? @fn "Get" "Head" "Post" "PostForm"))) @call

; The same through a dot import: `Get(url)`.
(call_expression
  function: (identifier) @fn
  (#any-of? @fn "Get" "Head" "Post" "PostForm")) @call

; `http.Client{...}` / `&http.Client{...}`: whether the type is net/http.Client and whether
; Timeout is set is decided in Rust.
(composite_literal
  type: (qualified_type
    name: (type_identifier) @tname (#eq? @tname "Client"))
  body: (literal_value) @body) @lit
