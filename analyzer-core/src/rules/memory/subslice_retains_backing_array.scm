; A sub-slice of a named slice: `data[a:b]`, `buf[:n]`. Whether `data` is evidently large
; (os.ReadFile, io.ReadAll, a big make) and whether the sub-slice outlives the function
; (returned, stored in a field/map/global, appended to one, sent) is decided in Rust.
(slice_expression
  operand: (identifier) @base) @slice
