; A `select` with a `default` case directly in the body of a `for` loop. Rust checks that the
; loop is endless (or conditional) and that neither the default case nor the rest of the
; loop body ever blocks or leaves.
(for_statement
  body: (block
    (statement_list
      (select_statement
        (default_case) @default) @select))) @for
