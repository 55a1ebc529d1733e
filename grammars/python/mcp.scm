; MCP extraction patterns for Python (mcp SDK v1/v2, fastmcp 2.x/3.x).
; Capture names follow grammars/README.md.

; ---------------------------------------------------------------- imports
(import_from_statement module_name: (dotted_name) @import.source) @import
(import_statement name: (dotted_name) @import.source) @import
(import_statement name: (aliased_import name: (dotted_name) @import.source)) @import

; ---------------------------------------------------------------- servers
; FastMCP("name") / MCPServer("name") / Server("name")
(call
  function: [(identifier) @server.ctor
             (attribute attribute: (identifier) @server.ctor)]
  arguments: (argument_list) @server.args
  (#any-of? @server.ctor "FastMCP" "MCPServer" "Server")
  (#set! kind "py.new")) @server

; ---------------------------------------------------------------- tools
; @mcp.tool() / @mcp.tool(name=..., description=..., annotations=...) / @mcp.tool("name")
(decorated_definition
  (decorator
    (call
      function: (attribute object: (_) @reg.receiver attribute: (identifier) @_m)
      arguments: (argument_list) @reg.args))
  definition: (function_definition name: (identifier) @reg.at) @reg.fn
  (#eq? @_m "tool")
  (#set! style "py.decorator")) @reg

; bare @mcp.tool (fastmcp >= 2.7; a TypeError in the mcp SDK)
(decorated_definition
  (decorator
    (attribute object: (_) @reg.receiver attribute: (identifier) @_m))
  definition: (function_definition name: (identifier) @reg.at) @reg.fn
  (#eq? @_m "tool")
  (#set! style "py.decorator-bare")) @reg

; fastmcp 3.x standalone @tool / @tool(...) (from fastmcp.tools import tool)
(decorated_definition
  (decorator [(identifier) @_m
              (call function: (identifier) @_m arguments: (argument_list) @reg.args)])
  definition: (function_definition name: (identifier) @reg.at) @reg.fn
  (#eq? @_m "tool")
  (#set! style "py.decorator")) @reg

; mcp.add_tool(fn, name=..., description=...)
(call
  function: (attribute object: (_) @reg.receiver attribute: (identifier) @_m)
  arguments: (argument_list) @reg.args
  (#eq? @_m "add_tool")
  (#set! style "py.add_tool")) @reg

; fastmcp Tool.from_function(fn, name=...)
(call
  function: (attribute object: (identifier) @_t attribute: (identifier) @_m)
  arguments: (argument_list) @reg.args
  (#eq? @_t "Tool")
  (#eq? @_m "from_function")
  (#set! style "py.from_function")) @reg

; low-level: types.Tool(name=..., description=..., inputSchema=...) in list_tools handlers
(call
  function: [(identifier) @_t (attribute attribute: (identifier) @_t)]
  arguments: (argument_list (keyword_argument))
  (#eq? @_t "Tool")
  (#set! style "py.Tool")) @reg.value @reg

; ---------------------------------------------------------------- resources and prompts
(decorated_definition
  (decorator
    (call
      function: (attribute object: (_) @reg.receiver attribute: (identifier) @_m)
      arguments: (argument_list) @reg.args))
  definition: (function_definition name: (identifier) @reg.at) @reg.fn
  (#eq? @_m "resource")
  (#set! style "py.decorator")
  (#set! what "resource")) @reg

(decorated_definition
  (decorator
    (call
      function: (attribute object: (_) @reg.receiver attribute: (identifier) @_m)
      arguments: (argument_list) @reg.args))
  definition: (function_definition name: (identifier) @reg.at) @reg.fn
  (#eq? @_m "prompt")
  (#set! style "py.decorator")
  (#set! what "prompt")) @reg

(decorated_definition
  (decorator
    (attribute object: (_) @reg.receiver attribute: (identifier) @_m))
  definition: (function_definition name: (identifier) @reg.at) @reg.fn
  (#eq? @_m "prompt")
  (#set! style "py.decorator-bare")
  (#set! what "prompt")) @reg

; ---------------------------------------------------------------- composition (fastmcp)
; main.mount(sub, prefix="x") / main.mount("x", sub) / await main.import_server(sub, "x")
(call
  function: (attribute object: (_) @mount.receiver attribute: (identifier) @_m)
  arguments: (argument_list) @mount.args
  (#any-of? @_m "mount" "import_server")) @mount

; ---------------------------------------------------------------- symbols
(module (expression_statement (assignment left: (identifier) @symbol.name right: (_) @symbol.value)))
(class_definition
  name: (identifier) @symbol.scope
  body: (block (expression_statement (assignment left: (identifier) @symbol.name right: (_) @symbol.value))))
(function_definition name: (identifier) @symbol.name) @symbol.value
