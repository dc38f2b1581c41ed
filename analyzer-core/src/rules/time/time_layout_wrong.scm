; `time.Parse(layout, s)`, `time.ParseInLocation(layout, s, loc)`, `t.Format(layout)`,
; `t.AppendFormat(buf, layout)`. The callee, the receiver's type and the layout's value (a
; literal or a constant of this file) are checked in Rust.
(call_expression
  function: (selector_expression
    field: (field_identifier) @method
    (#any-of? @method "Parse" "ParseInLocation" "Format" "AppendFormat"))) @call
