; `http.ListenAndServe(addr, h)` and friends: package functions that serve with a Server
; that has no timeouts. The callee is resolved in Rust (aliases, dot imports, shadowing).
(call_expression
  function: (selector_expression
    field: (field_identifier) @fn
    (#any-of? @fn "ListenAndServe" "ListenAndServeTLS" "Serve" "ServeTLS"))) @call

; The same through a dot import: `ListenAndServe(addr, h)`.
(call_expression
  function: (identifier) @fn
  (#any-of? @fn "ListenAndServe" "ListenAndServeTLS" "Serve" "ServeTLS")) @call

; `http.Server{...}` / `&http.Server{...}`: whether the type is net/http.Server and which
; fields are set is decided in Rust.
(composite_literal
  type: (qualified_type
    name: (type_identifier) @tname (#eq? @tname "Server"))
  body: (literal_value) @body) @lit
