; TypeScript-only patterns, appended to javascript/mcp.scm for .ts/.tsx files.

; enum ToolName { ECHO = "echo" }
(enum_declaration name: (identifier) @symbol.name body: (enum_body) @symbol.value)
