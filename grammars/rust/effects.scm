; Call sites, functions and environment reads (Rust).

(call_expression function: (_) @site.callee arguments: (arguments) @site.args) @site

; Macro calls are sites too, named with their `!` (`sqlx::query!`, `env!`); their arguments
; are the comma-separated groups of the token tree. Calls written inside a macro's token tree
; (`format!("{}", std::env::var("X")?)`) are found by parsing the token tree again.
(macro_invocation macro: (_) @site.callee (token_tree) @site.args (#set! macro "1")) @site

; struct literals are sites too (their fields become keyword arguments):
; `StreamableHttpServerConfig { allowed_hosts: vec![], .. }`, `SseServerConfig { bind, .. }`
(struct_expression name: (_) @site.callee body: (field_initializer_list) @site.args) @site

(function_item name: (identifier) @fn.name) @fn
; methods know their type: `Type::f(..)` is followed to `impl Type { fn f }` only
(impl_item
  type: [(type_identifier) @fn.owner
         (scoped_type_identifier name: (type_identifier) @fn.owner)
         (generic_type type: [(type_identifier) @fn.owner
                              (scoped_type_identifier name: (type_identifier) @fn.owner)])]
  body: (declaration_list (function_item name: (identifier) @fn.name) @fn))

; clap: #[arg(long, env = "API_KEY")] / #[clap(env = "API_KEY")]
(attribute
  [(identifier) (scoped_identifier)] @_a
  arguments: (token_tree (identifier) @_k . "=" . (string_literal) @env.name)
  (#match? @_a "(^|::)(arg|clap)$")
  (#eq? @_k "env")
  (#set! form "clap env")) @env
; #[arg(long, env)] on a field: the field name in upper case
(field_declaration_list
  (attribute_item
    (attribute
      [(identifier) (scoped_identifier)] @_a
      arguments: (token_tree (identifier) @_k . ["," ")"])))
  .
  (field_declaration name: (field_identifier) @env.name) @env
  (#match? @_a "(^|::)(arg|clap)$")
  (#eq? @_k "env")
  (#set! form "clap env")
  (#set! case "upper"))
