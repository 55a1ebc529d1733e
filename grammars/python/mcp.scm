; MCP extraction patterns for Python (mcp SDK v1/v2, fastmcp 2.x/3.x).
; Capture names follow grammars/README.md.

; ---------------------------------------------------------------- imports
; `from m import a, b as c` is one import of `m.a` and one of `m.b`; `from m import *` of `m`
(import_from_statement
  module_name: (dotted_name) @import.source
  name: [(dotted_name) @import.name
         (aliased_import name: (dotted_name) @import.name alias: (identifier) @import.alias)]) @import
(import_from_statement module_name: (dotted_name) @import.source (wildcard_import)) @import
(import_statement name: (dotted_name) @import.source) @import
(import_statement name: (aliased_import name: (dotted_name) @import.source alias: (identifier) @import.alias)) @import

; ---------------------------------------------------------------- servers
; FastMCP("name") / MCPServer("name") / Server("name"); qualified `fastmcp.FastMCP(...)`,
; `lowlevel.Server(...)` keep the qualifier (checked against the imports: `uvicorn.Server`
; is no MCP server)
(call
  function: [(identifier) @server.ctor
             (_ attribute: (identifier)) @server.ctor]
  arguments: (argument_list) @server.args
  (#match? @server.ctor "(^|[.])(FastMCP|MCPServer|Server)$")
  (#set! kind "py.new")) @server

; fastmcp servers whose tools are derived at run time: FastMCP.from_openapi(...),
; FastMCP.from_fastapi(...), FastMCP.as_proxy(...), create_proxy(...)
(call
  function: [(_ object: (identifier) @_c attribute: (identifier) @server.ctor)
             (identifier) @server.ctor]
  arguments: (argument_list) @server.args
  (#any-of? @server.ctor "from_openapi" "from_fastapi" "as_proxy" "create_proxy")
  (#set! kind "py.derived")) @server

; `app = MyServer(...)`: a server when `MyServer` is a class of the package that subclasses
; FastMCP / MCPServer / Server (checked in assemble.rs)
(assignment
  right: (call
    function: [(identifier) @server.ctor
               (_ attribute: (identifier) @server.ctor)]
    arguments: (argument_list) @server.args) @server
  (#match? @server.ctor "^[A-Z]")
  (#not-any-of? @server.ctor "FastMCP" "MCPServer" "Server")
  (#set! kind "py.subclass"))

; ---------------------------------------------------------------- tools
; @mcp.tool() / @mcp.tool(name=..., description=..., annotations=...) / @mcp.tool("name")
(decorated_definition
  (_
    (call
      function: (_ object: (_) @reg.receiver attribute: (identifier) @_m)
      arguments: (argument_list) @reg.args))
  definition: (function_definition name: (identifier) @reg.at) @reg.fn
  (#eq? @_m "tool")
  (#set! style "py.decorator")) @reg

; bare @mcp.tool (fastmcp >= 2.7; a TypeError in the mcp SDK)
(decorated_definition
  (_
    (_ object: (_) @reg.receiver attribute: (identifier) @_m))
  definition: (function_definition name: (identifier) @reg.at) @reg.fn
  (#eq? @_m "tool")
  (#set! style "py.decorator-bare")) @reg

; fastmcp 3.x standalone @tool / @tool(...) (from fastmcp.tools import tool), likewise
; @resource("uri") and @prompt; accepted only where the file imports them from fastmcp
; (langchain, smolagents, strands... have their own `@tool`)
(decorated_definition
  (decorator [(identifier) @_m
              (call function: (identifier) @_m arguments: (argument_list) @reg.args)])
  definition: (function_definition name: (identifier) @reg.at) @reg.fn
  (#eq? @_m "tool")
  (#set! style "py.standalone")) @reg

(decorated_definition
  (decorator (call function: (identifier) @_m arguments: (argument_list) @reg.args))
  definition: (function_definition name: (identifier) @reg.at) @reg.fn
  (#eq? @_m "resource")
  (#set! style "py.standalone")
  (#set! what "resource")) @reg

(decorated_definition
  (decorator [(identifier) @_m
              (call function: (identifier) @_m arguments: (argument_list) @reg.args)])
  definition: (function_definition name: (identifier) @reg.at) @reg.fn
  (#eq? @_m "prompt")
  (#set! style "py.standalone")
  (#set! what "prompt")) @reg

; fastmcp direct call mcp.tool(fn, name=...) (the decorator form `@mcp.tool(NAME)` also
; matches here; interpret keeps only a first argument that is a function)
(call
  function: (_ object: (_) @reg.receiver attribute: (identifier) @_m)
  arguments: (argument_list . (_)) @reg.args
  (#eq? @_m "tool")
  (#set! style "py.tool-call")) @reg

; a decorator applied by a call: mcp.tool(name="x")(fn), self.mcp.tool()(self.method),
; mcp.resource("uri")(fn), mcp.prompt()(fn)
(call
  function: (_
    function: (_ object: (_) @reg.receiver attribute: (identifier) @_m)
    arguments: (argument_list) @reg.args)
  arguments: (argument_list . (_) @reg.value)
  (#eq? @_m "tool")
  (#set! style "py.decorator-call")) @reg

(call
  function: (_
    function: (_ object: (_) @reg.receiver attribute: (identifier) @_m)
    arguments: (argument_list) @reg.args)
  arguments: (argument_list . (_) @reg.value)
  (#eq? @_m "resource")
  (#set! style "py.decorator-call")
  (#set! what "resource")) @reg

(call
  function: (_
    function: (_ object: (_) @reg.receiver attribute: (identifier) @_m)
    arguments: (argument_list) @reg.args)
  arguments: (argument_list . (_) @reg.value)
  (#eq? @_m "prompt")
  (#set! style "py.decorator-call")
  (#set! what "prompt")) @reg

; mcp.add_tool(fn, name=..., description=...)
(call
  function: (_ object: (_) @reg.receiver attribute: (identifier) @_m)
  arguments: (argument_list) @reg.args
  (#eq? @_m "add_tool")
  (#set! style "py.add_tool")) @reg

; fastmcp Tool.from_function(fn, name=...)
(call
  function: (_ object: (identifier) @_t @reg.callee attribute: (identifier) @_m)
  arguments: (argument_list) @reg.args
  (#eq? @_t "Tool")
  (#eq? @_m "from_function")
  (#set! style "py.from_function")) @reg

; Prompt.from_function(fn, name=...) / Resource.from_function(fn, uri=...)
(call
  function: (_ object: (identifier) @_t @reg.callee attribute: (identifier) @_m)
  arguments: (argument_list) @reg.args
  (#eq? @_t "Prompt")
  (#eq? @_m "from_function")
  (#set! style "py.from_function")
  (#set! what "prompt")) @reg

(call
  function: (_ object: (identifier) @_t @reg.callee attribute: (identifier) @_m)
  arguments: (argument_list) @reg.args
  (#eq? @_t "Resource")
  (#eq? @_m "from_function")
  (#set! style "py.from_function")
  (#set! what "resource")) @reg

; low-level: types.Tool(name=..., description=..., inputSchema=...) in list_tools handlers
(call
  function: [(identifier) @_t (_ attribute: (identifier) @_t)] @reg.callee
  arguments: (argument_list (keyword_argument))
  (#eq? @_t "Tool")
  (#set! style "py.Tool")) @reg.value @reg

; ---------------------------------------------------------------- resources and prompts
; low-level: types.Resource(uri=..., name=...) / types.Prompt(name=...) in list handlers
(call
  function: [(identifier) @_t (_ attribute: (identifier) @_t)] @reg.callee
  arguments: (argument_list (keyword_argument))
  (#any-of? @_t "Resource" "ResourceTemplate")
  (#set! style "py.Resource")
  (#set! what "resource")) @reg.value @reg

(call
  function: [(identifier) @_t (_ attribute: (identifier) @_t)] @reg.callee
  arguments: (argument_list (keyword_argument))
  (#eq? @_t "Prompt")
  (#set! style "py.Prompt")
  (#set! what "prompt")) @reg.value @reg

(decorated_definition
  (_
    (call
      function: (_ object: (_) @reg.receiver attribute: (identifier) @_m)
      arguments: (argument_list) @reg.args))
  definition: (function_definition name: (identifier) @reg.at) @reg.fn
  (#eq? @_m "resource")
  (#set! style "py.decorator")
  (#set! what "resource")) @reg

(decorated_definition
  (_
    (call
      function: (_ object: (_) @reg.receiver attribute: (identifier) @_m)
      arguments: (argument_list) @reg.args))
  definition: (function_definition name: (identifier) @reg.at) @reg.fn
  (#eq? @_m "prompt")
  (#set! style "py.decorator")
  (#set! what "prompt")) @reg

(decorated_definition
  (_
    (_ object: (_) @reg.receiver attribute: (identifier) @_m))
  definition: (function_definition name: (identifier) @reg.at) @reg.fn
  (#eq? @_m "prompt")
  (#set! style "py.decorator-bare")
  (#set! what "prompt")) @reg

; ---------------------------------------------------------------- composition (fastmcp)
; main.mount(sub, prefix="x") / main.mount("x", sub) / await main.import_server(sub, "x")
(call
  function: (_ object: (_) @mount.receiver attribute: (identifier) @_m)
  arguments: (argument_list) @mount.args
  (#any-of? @_m "mount" "import_server")) @mount

; ---------------------------------------------------------------- symbols
(module (_ (assignment left: (identifier) @symbol.name right: (_) @symbol.value)))
(class_definition
  name: (identifier) @symbol.scope
  body: (_ (_ (assignment left: (identifier) @symbol.name right: (_) @symbol.value))))
(function_definition name: (identifier) @symbol.name) @symbol.value
; a class: its annotated fields (pydantic models used as input schemas)
(class_definition name: (identifier) @symbol.name) @symbol.value
