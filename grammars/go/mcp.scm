; MCP extraction patterns for Go (mark3labs/mcp-go, modelcontextprotocol/go-sdk).
; Capture names follow grammars/README.md.

; ---------------------------------------------------------------- imports
(import_spec path: (_) @import.source) @import

; ---------------------------------------------------------------- servers
; mcp-go: server.NewMCPServer("name", "1.0.0", opts...)
(call_expression
  function: (selector_expression field: (field_identifier) @server.ctor)
  arguments: (argument_list) @server.args
  (#eq? @server.ctor "NewMCPServer")
  (#set! kind "go.NewMCPServer")) @server

; go-sdk: mcp.NewServer(&mcp.Implementation{Name: "x", Version: "1"}, opts)
(call_expression
  function: (selector_expression field: (field_identifier) @server.ctor)
  arguments: (argument_list) @server.args
  (#eq? @server.ctor "NewServer")
  (#set! kind "go.NewServer")) @server

; ---------------------------------------------------------------- tools
; mcp-go: mcp.NewTool("name", mcp.WithDescription(...), mcp.WithString(...), ...)
(call_expression
  function: (selector_expression field: (field_identifier) @_f)
  arguments: (argument_list) @reg.args
  (#eq? @_f "NewTool")
  (#set! style "go.mcp-go.NewTool")) @reg

(call_expression
  function: (selector_expression field: (field_identifier) @_f)
  arguments: (argument_list) @reg.args
  (#eq? @_f "NewToolWithRawSchema")
  (#set! style "go.mcp-go.NewToolWithRawSchema")) @reg

; go-sdk: &mcp.Tool{Name: "x", Description: "...", Annotations: &mcp.ToolAnnotations{...}}
(composite_literal
  type: (qualified_type name: (type_identifier) @_t)
  (#eq? @_t "Tool")
  (#set! style "go.Tool-literal")) @reg.value @reg

; ---------------------------------------------------------------- resources and prompts
(call_expression
  function: (selector_expression field: (field_identifier) @_f)
  arguments: (argument_list) @reg.args
  (#eq? @_f "NewPrompt")
  (#set! style "go.mcp-go.NewPrompt")
  (#set! what "prompt")) @reg

(call_expression
  function: (selector_expression field: (field_identifier) @_f)
  arguments: (argument_list) @reg.args
  (#any-of? @_f "NewResource" "NewResourceTemplate")
  (#set! style "go.mcp-go.NewResource")
  (#set! what "resource")) @reg

(composite_literal
  type: (qualified_type name: (type_identifier) @_t)
  (#eq? @_t "Prompt")
  (#set! style "go.Prompt-literal")
  (#set! what "prompt")) @reg.value @reg

(composite_literal
  type: (qualified_type name: (type_identifier) @_t)
  (#any-of? @_t "Resource" "ResourceTemplate")
  (#set! style "go.Resource-literal")
  (#set! what "resource")) @reg.value @reg

; ---------------------------------------------------------------- symbols
(const_spec name: (identifier) @symbol.name value: (expression_list . (_) @symbol.value))
(var_spec name: (identifier) @symbol.name value: (expression_list . (_) @symbol.value))
(type_spec name: (type_identifier) @symbol.name type: (struct_type) @symbol.value)
