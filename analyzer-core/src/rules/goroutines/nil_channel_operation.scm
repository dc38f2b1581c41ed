; `var ch chan T` (no value): a nil channel. Rust follows its uses.
(var_spec
  name: (identifier) @name
  type: (channel_type)) @spec

; `var w Worker`, `w := Worker{...}`, `w := &Worker{...}`: a struct of this file whose channel
; fields the declaration leaves nil. Rust checks the struct's fields and the uses.
(var_spec
  name: (identifier) @name
  type: (type_identifier)) @spec

(short_var_declaration
  left: (expression_list . (identifier) @name .)
  right: (expression_list .
    [(composite_literal) @lit
     (unary_expression operand: (composite_literal) @lit)] .)) @spec
