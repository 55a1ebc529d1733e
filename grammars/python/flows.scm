; Data-flow facts (Python): function scopes and their parameters, assignments, returned and
; raised values, and low-level tools/call handlers. Read by scanner/extract/src/taint.rs with
; the [taint], [[handler]], [[sink]], [[sanitizer]] and [[source]] tables of effects.toml.

[(function_definition) (lambda)] @scope

(assignment left: (_) @assign.left right: (_) @assign.right) @assign
(augmented_assignment left: (_) @assign.left right: (_) @assign.right (#set! op "augment")) @assign
(named_expression name: (_) @assign.left value: (_) @assign.right) @assign
(for_statement left: (_) @assign.left right: (_) @assign.right (#set! op "iter")) @assign
; with open(p) as f: / async with session.get(url) as r:
(with_item value: (as_pattern (_) @assign.right alias: (as_pattern_target (_) @assign.left))) @assign

(return_statement (_) @ret.value (#set! form "return")) @ret
(raise_statement (_) @ret.value (#set! form "raise")) @ret

; @server.call_tool() async def call_tool(name, arguments): ...
(decorated_definition
  (_ (call function: (_ attribute: (identifier) @_m)))
  definition: (function_definition) @dispatch.fn
  (#eq? @_m "call_tool")
  (#set! params "args:1")) @dispatch

; x in ALLOWED / x not in SUPPORTED (membership tests; other comparisons are dropped)
(comparison_operator) @member
