; Every `go` statement. Rust checks that it is started by an HTTP handler (a function with a
; http.ResponseWriter and a *http.Request parameter) that does not wait for it, and looks for
; uses of the request, its context or the writer in what the goroutine runs.
(go_statement
  (call_expression) @call) @go
