; MCP extraction patterns for Go (mark3labs/mcp-go, modelcontextprotocol/go-sdk).
; Capture names follow grammars/README.md.

; ---------------------------------------------------------------- imports
(import_spec name: (_)? @import.alias path: (_) @import.source) @import

; ---------------------------------------------------------------- servers
; mcp-go: server.NewMCPServer("name", "1.0.0", opts...)
(call_expression
  function: (selector_expression field: (field_identifier) @_f) @server.ctor
  arguments: (argument_list) @server.args
  (#eq? @_f "NewMCPServer")
  (#set! kind "go.NewMCPServer")) @server

; go-sdk: mcp.NewServer(&mcp.Implementation{Name: "x", Version: "1"}, opts)
(call_expression
  function: (selector_expression field: (field_identifier) @_f) @server.ctor
  arguments: (argument_list) @server.args
  (#eq? @_f "NewServer")
  (#set! kind "go.NewServer")) @server

; ---------------------------------------------------------------- tools
; mcp-go: mcp.NewTool("name", mcp.WithDescription(...), mcp.WithString(...), ...)
(call_expression
  function: (selector_expression field: (field_identifier) @_f) @reg.callee
  arguments: (argument_list) @reg.args
  (#eq? @_f "NewTool")
  (#set! style "go.mcp-go.NewTool")) @reg

(call_expression
  function: (selector_expression field: (field_identifier) @_f) @reg.callee
  arguments: (argument_list) @reg.args
  (#eq? @_f "NewToolWithRawSchema")
  (#set! style "go.mcp-go.NewToolWithRawSchema")) @reg

; go-sdk typed tool: mcp.AddTool(srv, &mcp.Tool{...}, handler). The input schema is inferred
; from the handler's input type, so this match supersedes the plain literal match below.
(call_expression
  function: (selector_expression field: (field_identifier) @_f)
  arguments: (argument_list
    .
    (_) @reg.receiver
    .
    (unary_expression
      operand: (composite_literal
        type: (qualified_type name: (type_identifier) @_t) @reg.callee) @reg.at)
    .
    (_)) @reg.args
  (#eq? @_f "AddTool")
  (#eq? @_t "Tool")
  (#set! style "go.sdk.AddTool")
  (#set! supersedes "go.Tool-literal")) @reg

; go-sdk: &mcp.Tool{Name: "x", Description: "...", Annotations: &mcp.ToolAnnotations{...}}
(composite_literal
  type: (qualified_type name: (type_identifier) @_t) @reg.callee
  (#eq? @_t "Tool")
  (#set! style "go.Tool-literal")) @reg.value @reg

; calls of functions that may wrap a tool definition (`MustTool("name", "desc", h, opts...)`
; where MustTool's parameter becomes the tool's name): kept only when the callee is such a
; wrapper of the same module (assemble.rs finds them), so most matches are dropped.
(call_expression
  function: [
    (identifier) @_n
    (selector_expression field: (field_identifier) @_n)
    (index_expression operand: [
      (identifier) @_n
      (selector_expression field: (field_identifier) @_n)])
  ] @reg.callee
  arguments: (argument_list) @reg.args
  (#match? @_n "[Tt]ool")
  (#not-match? @_n "^(NewToolResult|With|Get|Set|Call|List|Delete|Remove|Handle)")
  (#set! style "go.wrapper-call")) @reg

; ---------------------------------------------------------------- resources and prompts
(call_expression
  function: (selector_expression field: (field_identifier) @_f) @reg.callee
  arguments: (argument_list) @reg.args
  (#eq? @_f "NewPrompt")
  (#set! style "go.mcp-go.NewPrompt")
  (#set! what "prompt")) @reg

(call_expression
  function: (selector_expression field: (field_identifier) @_f) @reg.callee
  arguments: (argument_list) @reg.args
  (#any-of? @_f "NewResource" "NewResourceTemplate")
  (#set! style "go.mcp-go.NewResource")
  (#set! what "resource")) @reg

(composite_literal
  type: (qualified_type name: (type_identifier) @_t) @reg.callee
  (#eq? @_t "Prompt")
  (#set! style "go.Prompt-literal")
  (#set! what "prompt")) @reg.value @reg

(composite_literal
  type: (qualified_type name: (type_identifier) @_t) @reg.callee
  (#any-of? @_t "Resource" "ResourceTemplate")
  (#set! style "go.Resource-literal")
  (#set! what "resource")) @reg.value @reg

; ---------------------------------------------------------------- symbols
(const_spec name: (identifier) @symbol.name value: (expression_list . (_) @symbol.value))
(var_spec name: (identifier) @symbol.name value: (expression_list . (_) @symbol.value))
(type_spec name: (type_identifier) @symbol.name type: (struct_type) @symbol.value)
; handlers passed by name (go-sdk typed tools read their input type)
(function_declaration name: (identifier) @symbol.name) @symbol.value
(method_declaration name: (field_identifier) @symbol.name) @symbol.value
