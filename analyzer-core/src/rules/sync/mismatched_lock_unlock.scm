; `mu.Lock()` / `mu.RLock()` as a statement. Rust looks at the statement right after it:
; `defer mu.RUnlock()` after Lock (or `defer mu.Unlock()` after RLock), `defer mu.Lock()`,
; or an immediate `mu.Unlock()` (an empty critical section).
(expression_statement
  (call_expression
    function: (selector_expression
      field: (field_identifier) @method)) @call
  (#any-of? @method "Lock" "RLock")) @stmt
