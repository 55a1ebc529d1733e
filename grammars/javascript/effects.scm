; Call sites, functions and environment reads (JavaScript, TypeScript, TSX): what the
; effect, credential, endpoint and transport tables of effects.toml are matched against.

(call_expression function: (_) @site.callee arguments: (arguments) @site.args) @site
(new_expression constructor: (_) @site.callee arguments: (arguments)? @site.args) @site

(function_declaration name: (identifier) @fn.name) @fn
(method_definition name: (property_identifier) @fn.name) @fn
(variable_declarator name: (identifier) @fn.name value: [(arrow_function) (function_expression)]) @fn

; process.env.X
(member_expression
  object: (_ object: (identifier) @_p property: (property_identifier) @_e)
  property: (property_identifier) @env.name
  (#eq? @_p "process") (#eq? @_e "env")
  (#set! form "process.env")) @env
; process.env["X"]
(subscript_expression
  object: (_ object: (identifier) @_p property: (property_identifier) @_e)
  index: (string) @env.name
  (#eq? @_p "process") (#eq? @_e "env")
  (#set! form "process.env")) @env
; process.env[NAME]: the name is a constant (resolved by effects.rs) or computed (dropped)
(subscript_expression
  object: (_ object: (identifier) @_p property: (property_identifier) @_e)
  index: (identifier) @env.name
  (#eq? @_p "process") (#eq? @_e "env")
  (#set! form "process.env[ident]")) @env
; const { X, Y: y } = process.env
(variable_declarator
  name: (_ [(shorthand_property_identifier_pattern) @env.name
                         (_ key: (property_identifier) @env.name)])
  value: (_ object: (identifier) @_p property: (property_identifier) @_e)
  (#eq? @_p "process") (#eq? @_e "env")
  (#set! form "destructuring process.env")) @env
; process.env.X = ... / process.env["X"] = ...: a write, not a read (effects.rs drops the read
; matched at the same place)
(assignment_expression
  left: (_
    object: (_ object: (identifier) @_p property: (property_identifier) @_e)
    property: (property_identifier) @env.name) @env
  (#eq? @_p "process") (#eq? @_e "env")
  (#set! form "env-write"))
(assignment_expression
  left: (_
    object: (_ object: (identifier) @_p property: (property_identifier) @_e)
    index: (_) @env.name) @env
  (#eq? @_p "process") (#eq? @_e "env")
  (#set! form "env-write"))
