; Code patterns audit rules read (Go): `@pattern.<kind>` is where the pattern is; `#set!`
; properties say what patterns.rs checks (see grammars/README.md).

; ---------------------------------------------------------------- prefix-containment
; strings.HasPrefix(absPath, root): a directory checked by string prefix. Not flagged: a
; prefix ending in a separator (`root + string(os.PathSeparator)`, `root + "/"`), a literal
; prefix, URLs, request paths, module paths and search filters.
(call_expression
  function: (selector_expression operand: (identifier) @_p field: (field_identifier) @_f)
  arguments: (argument_list . (_) @pattern.subject . (_) @pattern.arg .)
  (#eq? @_p "strings")
  (#eq? @_f "HasPrefix")
  (#not-match? @pattern.arg "^[\"`]")
  (#set! arg "path-like")
  (#set! not "not-a-directory")
  (#set! absent "separator")) @pattern.prefix-containment

; ---------------------------------------------------------------- jwt-no-audience
; golang-jwt / jwx: jwt.Parse(s, keyFunc), jwt.ParseWithClaims(s, claims, keyFunc),
; jwt.NewParser(opts...) without jwt.WithAudience(...)
(call_expression
  function: (selector_expression operand: (identifier) @_p field: (field_identifier) @_f)
  arguments: (argument_list) @pattern.arg
  (#eq? @_p "jwt")
  (#any-of? @_f "Parse" "ParseWithClaims" "NewParser" "ParseString" "ParseRequest")
  (#set! import "golang-jwt/jwt|dgrijalva/jwt-go|lestrrat-go/jwx")
  (#set! absent "WithAudience|\\.\\.\\.")
  (#set! unless_file "VerifyAudience|GetAudience")
  (#set! redact "1 2")) @pattern.jwt-no-audience

; ---------------------------------------------------------------- tls-verify-off
; tls.Config{InsecureSkipVerify: true}
(keyed_element
  key: (literal_element (identifier) @_k)
  value: (literal_element (true))
  (#eq? @_k "InsecureSkipVerify")) @pattern.tls-verify-off
; cfg.InsecureSkipVerify = true
(assignment_statement
  left: (expression_list (selector_expression field: (field_identifier) @_k))
  right: (expression_list (true))
  (#eq? @_k "InsecureSkipVerify")) @pattern.tls-verify-off

; ---------------------------------------------------------------- cors-wildcard
; rs/cors, go-chi/cors: cors.Options{AllowedOrigins: []string{"*"}}; gin-contrib/cors AllowOrigins
(keyed_element
  key: (literal_element (identifier) @_k)
  value: (literal_element (composite_literal
    body: (literal_value (literal_element (interpreted_string_literal) @_v))))
  (#any-of? @_k "AllowedOrigins" "AllowOrigins")
  (#eq? @_v "\"*\"")) @pattern.cors-wildcard
; gin-contrib/cors: AllowAllOrigins: true
(keyed_element
  key: (literal_element (identifier) @_k)
  value: (literal_element (true))
  (#eq? @_k "AllowAllOrigins")) @pattern.cors-wildcard
; cors.AllowAll(), cors.Default() (rs/cors and gin-contrib/cors allow every origin)
(call_expression
  function: (selector_expression operand: (identifier) @_p field: (field_identifier) @_f)
  (#eq? @_p "cors")
  (#any-of? @_f "AllowAll" "Default")
  (#set! import "cors")) @pattern.cors-wildcard
; w.Header().Set("Access-Control-Allow-Origin", "*"), c.Header(..)
(call_expression
  arguments: (argument_list . (interpreted_string_literal) @_h . (interpreted_string_literal) @_v .)
  (#match? @_h "^\"[Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin\"$")
  (#eq? @_v "\"*\"")) @pattern.cors-wildcard
; map[string]string{"Access-Control-Allow-Origin": "*"}
(keyed_element
  key: (literal_element (interpreted_string_literal) @_h)
  value: (literal_element (interpreted_string_literal) @_v)
  (#match? @_h "^\"[Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin\"$")
  (#eq? @_v "\"*\"")) @pattern.cors-wildcard
