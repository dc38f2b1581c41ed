; A write to a field of a plain variable: `r.f = v` and `r.f op= v` (each selector on the left
; is its own match), `r.f++`, `r.f--`. Rust checks that `r` is the value receiver of the
; enclosing method, a struct of this file, and looks at every other use of `r` in the method.
; Only nodes inside the body are captured, so the match belongs to that body (see `Document`).
(assignment_statement
  left: (expression_list
    (selector_expression
      operand: (identifier) @recv
      field: (field_identifier) @field) @sel)) @write

(inc_statement
  (selector_expression
    operand: (identifier) @recv
    field: (field_identifier) @field) @sel) @write

(dec_statement
  (selector_expression
    operand: (identifier) @recv
    field: (field_identifier) @field) @sel) @write
