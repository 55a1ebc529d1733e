; MCP extraction patterns shared by JavaScript, TypeScript and TSX.
; Capture names follow grammars/README.md. `#set!` properties name the pattern's meaning.

; ---------------------------------------------------------------- imports
(import_statement source: (string) @import.source) @import
(call_expression
  function: (identifier) @_require
  arguments: (arguments . (string) @import.source)
  (#any-of? @_require "require" "import")) @import
(call_expression
  function: (import)
  arguments: (arguments . (string) @import.source)) @import
; re-exports: `export { A } from "./a"`, `export * from "./a"`
(export_statement source: (string) @import.source) @import

; ---------------------------------------------------------------- servers
; new McpServer({...}) / new Server({...}) / new FastMCP({...})
(new_expression
  constructor: [(identifier) @server.ctor
                (_ property: (property_identifier) @server.ctor)]
  arguments: (arguments)? @server.args
  (#any-of? @server.ctor "McpServer" "Server" "FastMCP")
  (#set! kind "ts.new")) @server

; Vercel createMcpHandler((server) => {...}, serverOptions, config)
(call_expression
  function: (identifier) @server.ctor
  arguments: (arguments) @server.args
  (#any-of? @server.ctor "createMcpHandler" "experimental_createMcpHandler")
  (#set! kind "ts.createMcpHandler")) @server

; Cloudflare: class MyMCP extends McpAgent { server = new McpServer(...) }
(class_declaration
  name: (_) @server.var
  (class_heritage) @server.ctor
  (#match? @server.ctor "McpAgent")
  (#set! kind "ts.McpAgent")) @server

; ---------------------------------------------------------------- tools
; McpServer.tool(name, [description], [shape | annotations], [annotations], cb)
(call_expression
  function: (_ object: (_) @reg.receiver property: (property_identifier) @_m)
  arguments: (arguments . [(string) (template_string) (identifier) (member_expression) (binary_expression) (call_expression)]) @reg.args
  (#eq? @_m "tool")
  (#set! style "ts.tool")) @reg

; McpServer.registerTool(name, config, cb); task tools (SDK ≥ 1.23):
; server.experimental.tasks.registerToolTask(name, config, handler)
(call_expression
  function: (_ object: (_) @reg.receiver property: (property_identifier) @_m)
  arguments: (arguments) @reg.args
  (#any-of? @_m "registerTool" "registerToolTask")
  (#set! style "ts.registerTool")) @reg

; fastmcp (npm) server.addTool({ name, description, parameters, annotations, execute })
(call_expression
  function: (_ object: (_) @reg.receiver property: (property_identifier) @_m)
  arguments: (arguments) @reg.args
  (#eq? @_m "addTool")
  (#set! style "ts.addTool")) @reg

; low-level: server.setRequestHandler(ListToolsRequestSchema | "tools/list", handler)
(call_expression
  function: (_ object: (_) @reg.receiver property: (property_identifier) @_m)
  arguments: (arguments . (_) @_schema . (_) @reg.handler)
  (#eq? @_m "setRequestHandler")
  (#match? @_schema "^(ListToolsRequestSchema|[\"'`]tools/list[\"'`])$")
  (#set! style "ts.list-handler")) @reg

; ---------------------------------------------------------------- resources and prompts
(call_expression
  function: (_ object: (_) @reg.receiver property: (property_identifier) @_m)
  arguments: (arguments) @reg.args
  (#any-of? @_m "resource" "registerResource" "addResource" "addResourceTemplate")
  (#set! style "ts.resource")
  (#set! what "resource")) @reg

(call_expression
  function: (_ object: (_) @reg.receiver property: (property_identifier) @_m)
  arguments: (arguments . [(string) (template_string) (identifier) (member_expression) (object)]) @reg.args
  (#any-of? @_m "prompt" "registerPrompt" "addPrompt")
  (#set! style "ts.prompt")
  (#set! what "prompt")) @reg

; ---------------------------------------------------------------- symbols (for resolution)
(variable_declarator name: (identifier) @symbol.name value: (_) @symbol.value)
(function_declaration name: (identifier) @symbol.name) @symbol.value
; `export default <expression>`: the module's `default` (resolved through imports only)
(export_statement "default" value: (_) @symbol.value (#set! symbol "default"))
