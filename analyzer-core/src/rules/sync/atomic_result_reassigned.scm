; `x = f(...)` with one target and one value (a call, maybe parenthesized); Rust checks that f is sync/atomic.AddXxx and
; that its first argument is `&x` (or `p` for `*p = ...`).
(assignment_statement
  left: (expression_list . (_) @lhs .)
  operator: "="
  right: (expression_list . (_) @rhs .)) @assign
