; Data-flow facts (Rust): function and closure scopes and their parameters, `let` / `if let` /
; `match` bindings, assignments, returned values and `ServerHandler::call_tool`. Read by
; scanner/extract/src/taint.rs with the [taint], [[handler]], [[sink]], [[sanitizer]] and
; [[source]] tables of effects.toml.

[(function_item) (closure_expression)] @scope

; let x = v; let Parameters(req) = params; let Req { a, b } = req; let (a, b) = ...
; (a new binding: it shadows the name, replacing what it held)
(let_declaration pattern: (_) @assign.left value: (_) @assign.right (#set! op "bind")) @assign
; if let Some(x) = v / while let Some(x) = v
(let_condition pattern: (_) @assign.left value: (_) @assign.right (#set! op "bind")) @assign
(assignment_expression left: (_) @assign.left right: (_) @assign.right) @assign
(compound_assignment_expr left: (_) @assign.left right: (_) @assign.right (#set! op "augment")) @assign
(for_expression pattern: (_) @assign.left value: (_) @assign.right (#set! op "iter")) @assign
; match v { Some(x) => .., Ok(Req { a, .. }) => .. }: each arm binds from the value
(match_expression
  value: (_) @assign.right
  body: (match_block (match_arm pattern: (_) @assign.left))) @assign

(return_expression (_) @ret.value (#set! form "return")) @ret
; a function's tail expression is its result: found from the function's @scope match in
; taint.rs (`rust_tail`), not here (as an end-anchored child pattern it doubled matching time)
; bail!(..) / ensure!(c, ..) return an error
((macro_invocation
   macro: [(identifier) (scoped_identifier)] @_m) @ret.value @ret
  (#match? @_m "(^|::)(bail|ensure)$")
  (#set! form "bail!"))

; impl ServerHandler for S { async fn call_tool(&self, request: CallToolRequestParam, ctx) }
(impl_item
  trait: (_) @_t
  body: (declaration_list
    (function_item name: (identifier) @_n) @dispatch.fn)
  (#match? @_t "(^|::)ServerHandler$")
  (#eq? @_n "call_tool")
  (#set! params "request:1")) @dispatch
