; Data-flow facts (Go): function scopes and their parameters, assignments and returned values.
; Read by scanner/extract/src/taint.rs with the [taint], [[handler]], [[sink]], [[sanitizer]]
; and [[source]] tables of effects.toml.

[(function_declaration) (method_declaration) (func_literal)] @scope

; x := v / a, err := f(x) (with [taint] multi_assign_first, only `a` takes the value)
(short_var_declaration left: (_) @assign.left right: (_) @assign.right) @assign
(assignment_statement left: (_) @assign.left operator: "=" right: (_) @assign.right) @assign
(assignment_statement left: (_) @assign.left operator: "+=" right: (_) @assign.right
  (#set! op "augment")) @assign
(var_spec name: (_) @assign.left value: (_) @assign.right) @assign
; for i, v := range xs
(range_clause left: (_) @assign.left right: (_) @assign.right (#set! op "iter")) @assign

; return result, err
(return_statement (expression_list) @ret.value (#set! form "return")) @ret
