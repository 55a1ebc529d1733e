; Code patterns audit rules read (Python): `@pattern.<kind>` is where the pattern is;
; `#set!` properties say what patterns.rs checks (see grammars/README.md).

; ---------------------------------------------------------------- prefix-containment
; str(resolved).startswith(str(root)) / real.startswith(allowed_dir): a directory checked by
; string prefix. Not flagged: a prefix ending in a separator (`root + os.sep`, f"{root}/"),
; a literal prefix, URLs, request paths, module paths and search filters.
(call
  function: (_ object: (_) @pattern.subject attribute: (identifier) @_m)
  arguments: (argument_list . (_) @pattern.arg .)
  (#eq? @_m "startswith")
  (#not-match? @pattern.arg "^\\(?\\s*[rbuRBU]*['\"]")
  (#set! arg "path-like")
  (#set! not "not-a-directory")
  (#set! absent "separator")) @pattern.prefix-containment

; ---------------------------------------------------------------- jwt-no-audience
; PyJWT / python-jose / authlib: jwt.decode(token, key, algorithms=[...]) with no `audience`
; (a decode that does not verify the signature is another problem: not this one)
(call
  function: (_ object: (identifier) @_o attribute: (identifier) @_m)
  arguments: (argument_list) @pattern.arg
  (#eq? @_o "jwt")
  (#any-of? @_m "decode" "decode_complete")
  (#set! import "^(jwt|jwt\\..*|jose|jose\\.jwt|authlib\\.jose.*)$")
  (#set! absent "audience|['\"]aud['\"]|\\*\\*|verify_signature['\"]?\\s*:\\s*False")
  (#set! redact "1 key")) @pattern.jwt-no-audience
; ... or with options={"verify_aud": False}
(call
  function: (_ object: (identifier) @_o attribute: (identifier) @_m)
  arguments: (argument_list) @pattern.arg
  (#eq? @_o "jwt")
  (#any-of? @_m "decode" "decode_complete")
  (#set! import "^(jwt|jwt\\..*|jose|jose\\.jwt|authlib\\.jose.*)$")
  (#set! present "verify_aud['\"]?\\s*:\\s*False")
  (#set! absent "verify_signature['\"]?\\s*:\\s*False")
  (#set! redact "1 key")) @pattern.jwt-no-audience

; ---------------------------------------------------------------- tls-verify-off
; requests / httpx / aiohttp: verify=False, verify_ssl=False
(keyword_argument
  name: (identifier) @_k
  value: (false)
  (#any-of? @_k "verify" "verify_ssl")) @pattern.tls-verify-off
; cert_reqs=ssl.CERT_NONE
(keyword_argument
  name: (identifier) @_k
  value: (_) @_v
  (#eq? @_k "cert_reqs")
  (#match? @_v "CERT_NONE$")) @pattern.tls-verify-off
; ctx.verify_mode = ssl.CERT_NONE
(assignment
  left: (_ attribute: (identifier) @_k)
  right: (_) @_v
  (#eq? @_k "verify_mode")
  (#match? @_v "CERT_NONE$")) @pattern.tls-verify-off
; ssl._create_unverified_context()
(call
  function: [(identifier) @_f (_ attribute: (identifier) @_f)]
  (#eq? @_f "_create_unverified_context")) @pattern.tls-verify-off

; ---------------------------------------------------------------- cors-wildcard
; CORSMiddleware(allow_origins=["*"]) / CORS(app, origins="*")
(keyword_argument
  name: (identifier) @_k
  value: (list (string) @_v)
  (#any-of? @_k "allow_origins" "origins" "cors_allowed_origins")
  (#match? @_v "^['\"]\\*['\"]$")) @pattern.cors-wildcard
(keyword_argument
  name: (identifier) @_k
  value: (string) @_v
  (#any-of? @_k "allow_origins" "origins" "cors_allowed_origins")
  (#match? @_v "^['\"]\\*['\"]$")) @pattern.cors-wildcard
; flask_cors: CORS(app) with no options allows every origin
(call
  function: (identifier) @_f
  arguments: (argument_list . (_) .)
  (#eq? @_f "CORS")
  (#set! import "^flask_cors")) @pattern.cors-wildcard
; {"Access-Control-Allow-Origin": "*"}
(pair
  key: (string) @_h
  value: (string) @_v
  (#match? @_h "^['\"][Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin['\"]$")
  (#match? @_v "^['\"]\\*['\"]$")) @pattern.cors-wildcard
; response.headers["Access-Control-Allow-Origin"] = "*"
(assignment
  left: (_ subscript: (string) @_h)
  right: (string) @_v
  (#match? @_h "^['\"][Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin['\"]$")
  (#match? @_v "^['\"]\\*['\"]$")) @pattern.cors-wildcard
