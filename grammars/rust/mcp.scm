; MCP extraction patterns for Rust (rmcp).
; Capture names follow grammars/README.md.
; Types are captured by their last path segment without generics (`crate::s::Ops<T>` → `Ops`)
; so that every impl of one type names one server.

; ---------------------------------------------------------------- imports
(use_declaration argument: (_) @import.source) @import
(extern_crate_declaration name: (identifier) @import.source) @import

; ---------------------------------------------------------------- servers
; impl ServerHandler for T
(impl_item
  trait: (_) @server.ctor
  type: [(type_identifier) @server.var
         (scoped_type_identifier name: (type_identifier) @server.var)
         (generic_type type: [(type_identifier) @server.var
                              (scoped_type_identifier name: (type_identifier) @server.var)])]
  (#match? @server.ctor "ServerHandler$")
  (#set! kind "rust.ServerHandler")) @server

; #[tool_router] impl T { ... } — the attribute (any path, after other attributes) is checked
; in code: `attr`. rmcp 0.1: #[tool(tool_box)] impl T.
(impl_item
  !trait
  type: [(type_identifier) @server.var
         (scoped_type_identifier name: (type_identifier) @server.var)
         (generic_type type: [(type_identifier) @server.var
                              (scoped_type_identifier name: (type_identifier) @server.var)])]
  (#set! kind "rust.tool_router")
  (#set! attr "tool_router")) @server

(impl_item
  !trait
  type: [(type_identifier) @server.var
         (scoped_type_identifier name: (type_identifier) @server.var)
         (generic_type type: [(type_identifier) @server.var
                              (scoped_type_identifier name: (type_identifier) @server.var)])]
  (#set! kind "rust.tool_box")
  (#set! attr "tool")) @server

; ---------------------------------------------------------------- tools
; #[tool(...)] methods (the attribute is checked in code: `attr`)
(impl_item
  type: [(type_identifier) @reg.receiver
         (scoped_type_identifier name: (type_identifier) @reg.receiver)
         (generic_type type: [(type_identifier) @reg.receiver
                              (scoped_type_identifier name: (type_identifier) @reg.receiver)])]
  body: (declaration_list (function_item name: (identifier) @reg.at) @reg.fn)
  (#set! style "rust.tool-attr")
  (#set! attr "tool")) @reg

; #[prompt(...)] methods in a #[prompt_router] impl
(impl_item
  type: [(type_identifier) @reg.receiver
         (scoped_type_identifier name: (type_identifier) @reg.receiver)
         (generic_type type: [(type_identifier) @reg.receiver
                              (scoped_type_identifier name: (type_identifier) @reg.receiver)])]
  body: (declaration_list (function_item name: (identifier) @reg.at) @reg.fn)
  (#set! style "rust.tool-attr")
  (#set! attr "prompt")
  (#set! what "prompt")) @reg

; manual list_tools: Tool::new(name, description, schema), also `model::Tool::new`;
; builder calls chained on it (`.annotate(...)`, `.with_title(...)`) are read too: `chain`.
(call_expression
  function: (scoped_identifier path: (_) @reg.callee name: (identifier) @_n)
  arguments: (arguments) @reg.args
  (#match? @reg.callee "(^|::)Tool$")
  (#eq? @_n "new")
  (#set! style "rust.Tool::new")
  (#set! chain "method")) @reg

; Tool { name: ..., description: ..., input_schema: ..., annotations: ... }
(struct_expression
  name: [(type_identifier) (scoped_type_identifier)] @reg.callee
  (#match? @reg.callee "(^|::)Tool$")
  (#set! style "rust.Tool-literal")) @reg @reg.value

; ---------------------------------------------------------------- symbols
(const_item name: (identifier) @symbol.name value: (_) @symbol.value)
(static_item name: (identifier) @symbol.name value: (_) @symbol.value)
(struct_item name: (type_identifier) @symbol.name body: (field_declaration_list) @symbol.value)
