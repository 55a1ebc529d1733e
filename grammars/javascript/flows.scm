; Data-flow facts (JavaScript, TypeScript, TSX): function scopes and their parameters,
; assignments, returned and thrown values, and low-level tools/call handlers. Read by
; scanner/extract/src/taint.rs with the [taint], [[handler]], [[sink]], [[sanitizer]] and
; [[source]] tables of effects.toml.

[(function_declaration) (function_expression) (arrow_function) (method_definition)
 (generator_function) (generator_function_declaration)] @scope

(variable_declarator name: (_) @assign.left value: (_) @assign.right) @assign
(assignment_expression left: (_) @assign.left right: (_) @assign.right) @assign
(augmented_assignment_expression left: (_) @assign.left right: (_) @assign.right
  (#set! op "augment")) @assign
; for (const x of xs) / for (const k in obj)
(for_in_statement left: (_) @assign.left right: (_) @assign.right (#set! op "iter")) @assign

(return_statement (_) @ret.value (#set! form "return")) @ret
(throw_statement (_) @ret.value (#set! form "throw")) @ret
; an expression-bodied arrow function returns its body (a block body is dropped by taint.rs)
(arrow_function body: (_) @ret.value (#set! form "return")) @ret

; server.setRequestHandler(CallToolRequestSchema, async (request) => ...) / ("tools/call", ...)
(call_expression
  function: (_ property: (property_identifier) @_m)
  arguments: (arguments . (_) @_schema . (_) @dispatch.fn)
  (#eq? @_m "setRequestHandler")
  (#match? @_schema "^(CallToolRequestSchema|[a-zA-Z_]+\\.CallToolRequestSchema|\"tools/call\"|'tools/call')$")
  (#set! params "request:0")) @dispatch
