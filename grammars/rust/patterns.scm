; Code patterns audit rules read (Rust): `@pattern.<kind>` is where the pattern is; `#set!`
; properties say what patterns.rs checks (see grammars/README.md).

; ---------------------------------------------------------------- prefix-containment
; path_str.starts_with(&root_str) on a `str`/`String` (a `to_str()`/`to_string_lossy()`
; result, a `&str`/`String` binding): a directory checked by string prefix. Not flagged:
; `Path::starts_with` (whole components: a receiver that is not known to be a string), a
; prefix ending in a separator (`format!("{root}/")`, `MAIN_SEPARATOR`), a literal prefix.
(call_expression
  function: (field_expression value: (_) @pattern.subject field: (field_identifier) @_m)
  arguments: (arguments . (_) @pattern.arg .)
  (#eq? @_m "starts_with")
  (#not-match? @pattern.arg "^&?(b?r#*)?['\"]")
  (#set! subject "string-typed")
  (#set! arg "path-like")
  (#set! not "not-a-directory")
  (#set! absent "separator")) @pattern.prefix-containment

; ---------------------------------------------------------------- jwt-no-audience
; jsonwebtoken: Validation::new(alg) / Validation::default() never given an audience
(call_expression
  function: (scoped_identifier path: (_) @_t name: (identifier) @_n)
  (#match? @_t "(^|::)Validation$")
  (#any-of? @_n "new" "default")
  (#set! import "jsonwebtoken")
  (#set! unless_file "set_audience|validate_aud|\\.aud\\s*=\\s*Some")) @pattern.jwt-no-audience
; validation.validate_aud = false
(assignment_expression
  left: (field_expression field: (field_identifier) @_f)
  right: (boolean_literal) @_v
  (#eq? @_f "validate_aud")
  (#eq? @_v "false")
  (#set! import "jsonwebtoken")) @pattern.jwt-no-audience
; Validation { validate_aud: false, .. }
(field_initializer
  field: (field_identifier) @_f
  value: (boolean_literal) @_v
  (#eq? @_f "validate_aud")
  (#eq? @_v "false")
  (#set! import "jsonwebtoken")) @pattern.jwt-no-audience

; ---------------------------------------------------------------- tls-verify-off
; reqwest::Client::builder().danger_accept_invalid_certs(true)
(call_expression
  function: (field_expression field: (field_identifier) @_m)
  arguments: (arguments . (boolean_literal) @_v .)
  (#any-of? @_m "danger_accept_invalid_certs" "danger_accept_invalid_hostnames")
  (#eq? @_v "true")) @pattern.tls-verify-off

; ---------------------------------------------------------------- cors-wildcard
; tower-http CorsLayer::permissive() / very_permissive(); actix-cors Cors::permissive()
(call_expression
  function: (scoped_identifier path: (_) @_t name: (identifier) @_n)
  (#match? @_t "(^|::)(CorsLayer|Cors)$")
  (#any-of? @_n "permissive" "very_permissive")) @pattern.cors-wildcard
; .allow_origin(Any) / .allow_origin(cors::Any) / .allow_origin(AllowOrigin::any()) / "*"
(call_expression
  function: (field_expression field: (field_identifier) @_m)
  arguments: (arguments . (_) @_v .)
  (#eq? @_m "allow_origin")
  (#match? @_v "((^|::)Any$|AllowOrigin::any\\(\\)|\"\\*\")")) @pattern.cors-wildcard
; actix-cors: Cors::default().allow_any_origin()
(call_expression
  function: (field_expression field: (field_identifier) @_m)
  (#eq? @_m "allow_any_origin")) @pattern.cors-wildcard
; .header("Access-Control-Allow-Origin", "*") / (ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"))
(call_expression
  arguments: (arguments . (_) @_h . (_) @_v .)
  (#match? @_h "(?i)access.control.allow.origin")
  (#match? @_v "^(HeaderValue::from_static\\()?\"\\*\"\\)?$")) @pattern.cors-wildcard
(tuple_expression
  . (_) @_h . (_) @_v .
  (#match? @_h "(?i)access.control.allow.origin")
  (#match? @_v "^(HeaderValue::from_static\\()?\"\\*\"\\)?$")) @pattern.cors-wildcard
