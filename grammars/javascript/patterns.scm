; Code patterns audit rules read (JavaScript, TypeScript, TSX): `@pattern.<kind>` is where
; the pattern is; `#set!` properties say what patterns.rs checks on `@pattern.subject` /
; `@pattern.arg` and their bindings (see grammars/README.md, "Pattern properties").

; ---------------------------------------------------------------- prefix-containment
; resolved.startsWith(allowedDir): a directory checked by string prefix. Not flagged: a
; prefix ending in a separator (`dir + path.sep`, `${dir}/`), a literal prefix
; (`rel.startsWith("..")`), URLs, request paths, module paths and search filters.
(call_expression
  function: (_ object: (_) @pattern.subject property: (property_identifier) @_m)
  arguments: (arguments . (_) @pattern.arg .)
  (#eq? @_m "startsWith")
  (#not-match? @pattern.arg "^['\"]")
  (#set! arg "path-like")
  (#set! not "not-a-directory")
  (#set! absent "separator")) @pattern.prefix-containment

; ---------------------------------------------------------------- jwt-no-audience
; jsonwebtoken: jwt.verify(token, key) with no options, or options without `audience`
(call_expression
  function: (_ object: (identifier) @_o property: (property_identifier) @_m)
  arguments: (arguments . (_) . (_) .)
  (#match? @_o "^(jwt|JWT|jsonwebtoken)$")
  (#eq? @_m "verify")
  (#set! import "^jsonwebtoken$")
  (#set! redact "1")) @pattern.jwt-no-audience
(call_expression
  function: (_ object: (identifier) @_o property: (property_identifier) @_m)
  arguments: (arguments . (_) . (_) . (_) @pattern.arg)
  (#match? @_o "^(jwt|JWT|jsonwebtoken)$")
  (#eq? @_m "verify")
  (#set! import "^jsonwebtoken$")
  (#set! known "arg")
  (#set! absent "audience|\\.\\.\\.")
  (#set! redact "1")) @pattern.jwt-no-audience
; import { verify } from "jsonwebtoken"
(call_expression
  function: (identifier) @_m
  arguments: (arguments . (_) . (_) .)
  (#eq? @_m "verify")
  (#set! import "^jsonwebtoken$")
  (#set! redact "1")) @pattern.jwt-no-audience
(call_expression
  function: (identifier) @_m
  arguments: (arguments . (_) . (_) . (_) @pattern.arg)
  (#eq? @_m "verify")
  (#set! import "^jsonwebtoken$")
  (#set! known "arg")
  (#set! absent "audience|\\.\\.\\.")
  (#set! redact "1")) @pattern.jwt-no-audience
; jose: jwtVerify(token, key) / jwtVerify(token, key, { issuer }) without `audience`
(call_expression
  function: [(identifier) @_m (_ property: (property_identifier) @_m)]
  arguments: (arguments . (_) . (_) .)
  (#eq? @_m "jwtVerify")
  (#set! import "^jose")
  (#set! redact "1")) @pattern.jwt-no-audience
(call_expression
  function: [(identifier) @_m (_ property: (property_identifier) @_m)]
  arguments: (arguments . (_) . (_) . (_) @pattern.arg)
  (#eq? @_m "jwtVerify")
  (#set! import "^jose")
  (#set! known "arg")
  (#set! absent "audience|\\.\\.\\.")
  (#set! redact "1")) @pattern.jwt-no-audience

; ---------------------------------------------------------------- tls-verify-off
; { rejectUnauthorized: false } (https.Agent, tls.connect, undici, axios httpsAgent...)
(pair
  key: [(property_identifier) (string)] @_k
  value: (false)
  (#match? @_k "^['\"]?rejectUnauthorized['\"]?$")) @pattern.tls-verify-off
; process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"
(assignment_expression
  left: [(_ property: (property_identifier) @_k)
         (_ index: (string) @_k)]
  right: [(string) (number)] @_v
  (#match? @_k "NODE_TLS_REJECT_UNAUTHORIZED")
  (#match? @_v "^['\"]?0['\"]?$")) @pattern.tls-verify-off

; ---------------------------------------------------------------- cors-wildcard
; cors() with no options: every origin (the cors package and hono/cors default to `*`)
(call_expression
  function: (identifier) @_f
  arguments: (arguments) @_a
  (#eq? @_f "cors")
  (#match? @_a "^\\(\\s*\\)$")
  (#set! import "^(cors|hono/cors)$")) @pattern.cors-wildcard
; cors({ origin: "*" }) / cors({ origin: true }) (reflects any origin)
(call_expression
  function: (identifier) @_f
  arguments: (arguments
    (object (pair key: [(property_identifier) (string)] @_k value: [(string) (true)] @_v)))
  (#eq? @_f "cors")
  (#match? @_k "^['\"]?origin['\"]?$")
  (#match? @_v "^(['\"]\\*['\"]|true)$")
  (#set! import "^(cors|hono/cors)$")) @pattern.cors-wildcard
; res.setHeader("Access-Control-Allow-Origin", "*"), res.header(..), headers.set(..)
(call_expression
  arguments: (arguments . (string) @_h . (string) @_v .)
  (#match? @_h "^['\"`][Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin['\"`]$")
  (#match? @_v "^['\"`]\\*['\"`]$")) @pattern.cors-wildcard
; { "Access-Control-Allow-Origin": "*" } (writeHead, Response headers)
(pair
  key: (string) @_h
  value: (string) @_v
  (#match? @_h "^['\"][Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin['\"]$")
  (#match? @_v "^['\"]\\*['\"]$")) @pattern.cors-wildcard
