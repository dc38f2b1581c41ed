; `x := p.Get().(*T)`: an object taken from a pool (that p is a sync.Pool, that T has a
; Reset method, and that x is used without Reset while the pool gets dirty objects back is
; decided in Rust).
(short_var_declaration
  left: (expression_list . (identifier) @var)
  right: (expression_list
    . (type_assertion_expression
      operand: (call_expression
        function: (selector_expression
          operand: (_) @pool
          field: (field_identifier) @method (#eq? @method "Get"))) @get
      type: (_) @type) @assert .)) @stmt

; `var x = p.Get().(*T)`
(var_spec
  name: (identifier) @var
  value: (expression_list
    . (type_assertion_expression
      operand: (call_expression
        function: (selector_expression
          operand: (_) @pool
          field: (field_identifier) @method (#eq? @method "Get"))) @get
      type: (_) @type) @assert .)) @stmt
