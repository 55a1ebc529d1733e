; MCP extraction patterns for Rust (rmcp).
; Capture names follow grammars/README.md.

; ---------------------------------------------------------------- imports
(use_declaration argument: (_) @import.source) @import
(extern_crate_declaration name: (identifier) @import.source) @import

; ---------------------------------------------------------------- servers
; impl ServerHandler for T
(impl_item
  trait: (_) @server.ctor
  type: (_) @server.var
  (#match? @server.ctor "ServerHandler$")
  (#set! kind "rust.ServerHandler")) @server

; #[tool_router] impl T { ... } (also rmcp 0.1 #[tool(tool_box)])
((attribute_item (attribute (identifier) @server.ctor))
  .
  (impl_item type: (_) @server.var) @server
  (#any-of? @server.ctor "tool_router" "tool_box")
  (#set! kind "rust.tool_router"))

; ---------------------------------------------------------------- tools
; #[tool(...)] methods (the attribute is checked in code: `attr`)
(impl_item
  type: (_) @reg.receiver
  body: (declaration_list (function_item name: (identifier) @reg.at) @reg.fn)
  (#set! style "rust.tool-attr")
  (#set! attr "tool")) @reg

; #[prompt(...)] methods in a #[prompt_router] impl
(impl_item
  type: (_) @reg.receiver
  body: (declaration_list (function_item name: (identifier) @reg.at) @reg.fn)
  (#set! style "rust.tool-attr")
  (#set! attr "prompt")
  (#set! what "prompt")) @reg

; manual list_tools: Tool::new(name, description, schema)
(call_expression
  function: (scoped_identifier path: (identifier) @_t name: (identifier) @_n)
  arguments: (arguments) @reg.args
  (#eq? @_t "Tool")
  (#eq? @_n "new")
  (#set! style "rust.Tool::new")) @reg

; ---------------------------------------------------------------- symbols
(const_item name: (identifier) @symbol.name value: (_) @symbol.value)
(static_item name: (identifier) @symbol.name value: (_) @symbol.value)
(struct_item name: (type_identifier) @symbol.name body: (field_declaration_list) @symbol.value)
