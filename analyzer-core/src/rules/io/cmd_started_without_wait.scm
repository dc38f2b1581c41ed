; `cmd.Start()` on a named command. That `cmd` is an *exec.Cmd, that it is never waited for
; and that it does not escape are decided in Rust.
(call_expression
  function: (selector_expression
    operand: (identifier) @cmd
    field: (field_identifier) @method (#eq? @method "Start"))) @call

; `exec.Command(...).Start()`: the command is never named, so it can never be waited for.
(call_expression
  function: (selector_expression
    operand: (call_expression) @ctor
    field: (field_identifier) @method (#eq? @method "Start"))) @call
