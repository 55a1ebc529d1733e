; Call sites and functions (Go).

(call_expression function: (_) @site.callee arguments: (argument_list) @site.args) @site
; struct literals are sites too: `&http.Server{Addr: ":8080"}`, `&mcp.StdioTransport{}`,
; `server.ServerTool{Tool: ..., Handler: h}` (their keyed fields become keyword arguments)
(composite_literal
  type: [(qualified_type) (type_identifier)] @site.callee
  body: (literal_value) @site.args) @site
; elements of a slice literal with their type elided: `[]api.ServerTool{{Tool: ..., Handler: h}}`
(composite_literal
  type: (slice_type element: (_) @site.callee)
  body: (literal_value (literal_element (literal_value) @site.args) @site))

(function_declaration name: (identifier) @fn.name) @fn
(method_declaration name: (field_identifier) @fn.name) @fn

; struct fields filled from the environment: `env:"NAME"` (caarlos0/env, sethvargo/go-envconfig),
; `envconfig:"NAME"` (kelseyhightower/envconfig)
(field_declaration
  tag: (_) @env.name
  (#match? @env.name "(^|[ `])(env|envconfig):\"[^\"]")
  (#set! tag "env envconfig")
  (#set! form "struct tag")) @env
