; `p.Put(x)` with one argument. That p is a sync.Pool and that x is evidently a slice, array,
; string or struct value (not pointer-shaped) is decided in Rust.
(call_expression
  function: (selector_expression
    field: (field_identifier) @method (#eq? @method "Put"))
  arguments: (argument_list . (_) @arg .)) @call
