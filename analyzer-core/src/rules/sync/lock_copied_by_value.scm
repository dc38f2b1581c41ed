; A method receiver; value (non-pointer) receivers of lock-holding types are reported.
(method_declaration
  receiver: (parameter_list
    (parameter_declaration
      type: (_) @recv_type) @recv)) @method

; Parameters of functions, methods and function literals.
(function_declaration
  parameters: (parameter_list
    (parameter_declaration
      type: (_) @param_type) @param))
(method_declaration
  parameters: (parameter_list
    (parameter_declaration
      type: (_) @param_type) @param))
(func_literal
  parameters: (parameter_list
    (parameter_declaration
      type: (_) @param_type) @param))

; `for _, v := range xs`: each element is copied into v.
(range_clause
  left: (expression_list) @range_left
  right: (_) @range_right)

; `a := *p`, `a = b`, `var a = s.inner`: the right side is copied into the left.
(short_var_declaration
  left: (expression_list) @lhs
  right: (expression_list) @rhs)
(assignment_statement
  left: (expression_list) @lhs
  operator: "="
  right: (expression_list) @rhs)
(var_spec
  value: (expression_list) @rhs) @spec
