; `mu.Lock()` / `mu.RLock()` as a statement. Rust checks that `mu` is a sync.Mutex/RWMutex
; (or a struct embedding one) and follows the statements after it.
(expression_statement
  (call_expression
    function: (selector_expression
      field: (field_identifier) @method)) @call
  (#any-of? @method "Lock" "RLock")) @stmt
