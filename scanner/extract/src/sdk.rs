//! Import markers: which module paths belong to which MCP SDK, and in which role
//! (sdk-surface.md §0). Data, not logic.

use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Server-side API: a file importing it can define a server.
    Server,
    /// Shared types (tool and annotation types): neutral.
    Types,
    /// Client-side API only: a file that imports only this is not a server.
    Client,
}

/// (language family, module prefix, SDK id, role). First match wins, so longer prefixes
/// come first.
const MARKERS: &[(Family, &str, &str, Role)] = &[
    (
        Family::Js,
        "@modelcontextprotocol/sdk/server",
        "@modelcontextprotocol/sdk",
        Role::Server,
    ),
    (
        Family::Js,
        "@modelcontextprotocol/sdk/client",
        "@modelcontextprotocol/sdk",
        Role::Client,
    ),
    (
        Family::Js,
        "@modelcontextprotocol/sdk",
        "@modelcontextprotocol/sdk",
        Role::Types,
    ),
    (
        Family::Js,
        "@modelcontextprotocol/server",
        "@modelcontextprotocol/server",
        Role::Server,
    ),
    (
        Family::Js,
        "@modelcontextprotocol/node",
        "@modelcontextprotocol/server",
        Role::Server,
    ),
    (
        Family::Js,
        "@modelcontextprotocol/express",
        "@modelcontextprotocol/server",
        Role::Server,
    ),
    (
        Family::Js,
        "@modelcontextprotocol/hono",
        "@modelcontextprotocol/server",
        Role::Server,
    ),
    (
        Family::Js,
        "@modelcontextprotocol/fastify",
        "@modelcontextprotocol/server",
        Role::Server,
    ),
    (
        Family::Js,
        "@modelcontextprotocol/client",
        "@modelcontextprotocol/sdk",
        Role::Client,
    ),
    (Family::Js, "agents/mcp", "agents", Role::Server),
    (Family::Js, "mcp-handler", "mcp-handler", Role::Server),
    (
        Family::Js,
        "@vercel/mcp-adapter",
        "mcp-handler",
        Role::Server,
    ),
    (Family::Js, "fastmcp", "fastmcp", Role::Server),
    (Family::Py, "mcp.server", "mcp", Role::Server),
    (Family::Py, "mcp.client", "mcp", Role::Client),
    // client names re-exported by the top-level package (`from mcp import ClientSession`)
    (Family::Py, "mcp.ClientSession", "mcp", Role::Client),
    (Family::Py, "mcp.ClientSessionGroup", "mcp", Role::Client),
    (Family::Py, "mcp.StdioServerParameters", "mcp", Role::Client),
    (Family::Py, "mcp.stdio_client", "mcp", Role::Client),
    (Family::Py, "mcp.types", "mcp", Role::Types),
    (Family::Py, "mcp", "mcp", Role::Types),
    (Family::Py, "fastmcp.client", "fastmcp", Role::Client),
    (Family::Py, "fastmcp.Client", "fastmcp", Role::Client),
    (Family::Py, "fastmcp", "fastmcp", Role::Server),
    (Family::Rust, "rmcp", "rmcp", Role::Server),
    (
        Family::Go,
        "github.com/mark3labs/mcp-go/server",
        "mark3labs/mcp-go",
        Role::Server,
    ),
    (
        Family::Go,
        "github.com/mark3labs/mcp-go/client",
        "mark3labs/mcp-go",
        Role::Client,
    ),
    (
        Family::Go,
        "github.com/mark3labs/mcp-go",
        "mark3labs/mcp-go",
        Role::Types,
    ),
    (
        Family::Go,
        "github.com/modelcontextprotocol/go-sdk",
        "modelcontextprotocol/go-sdk",
        Role::Types,
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Js,
    Py,
    Rust,
    Go,
}

fn family(lang: Lang) -> Family {
    match lang {
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => Family::Js,
        Lang::Python => Family::Py,
        Lang::Rust => Family::Rust,
        Lang::Go => Family::Go,
    }
}

/// Classify one import source (`@modelcontextprotocol/sdk/server/mcp.js`, `mcp.server.fastmcp`,
/// `rmcp::handler::server`, `github.com/mark3labs/mcp-go/server`).
pub fn classify(lang: Lang, source: &str) -> Option<(&'static str, Role)> {
    let fam = family(lang);
    let source = source.trim_start_matches("::");
    MARKERS.iter().find_map(|(f, prefix, sdk, role)| {
        if *f != fam {
            return None;
        }
        let rest = source.strip_prefix(prefix)?;
        // a whole path segment must match: `mcp` must not match `mcpx`
        let boundary = rest.is_empty() || rest.starts_with(['/', '.', ':', '{']);
        boundary.then_some((*sdk, *role))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles() {
        assert_eq!(
            classify(Lang::TypeScript, "@modelcontextprotocol/sdk/server/mcp.js"),
            Some(("@modelcontextprotocol/sdk", Role::Server))
        );
        assert_eq!(
            classify(
                Lang::TypeScript,
                "@modelcontextprotocol/sdk/client/index.js"
            )
            .map(|c| c.1),
            Some(Role::Client)
        );
        assert_eq!(
            classify(Lang::Python, "mcp.server.fastmcp").map(|c| c.1),
            Some(Role::Server)
        );
        assert_eq!(classify(Lang::Python, "mcpx"), None);
        assert_eq!(
            classify(Lang::Python, "fastmcp.client").map(|c| c.1),
            Some(Role::Client)
        );
        // Python `from m import name` is recorded as `m.name`
        assert_eq!(
            classify(Lang::Python, "fastmcp.Client").map(|c| c.1),
            Some(Role::Client)
        );
        assert_eq!(
            classify(Lang::Python, "fastmcp.FastMCP").map(|c| c.1),
            Some(Role::Server)
        );
        assert_eq!(
            classify(Lang::Python, "mcp.ClientSession").map(|c| c.1),
            Some(Role::Client)
        );
        assert_eq!(
            classify(Lang::Python, "mcp.types.Tool").map(|c| c.1),
            Some(Role::Types)
        );
        assert_eq!(
            classify(Lang::Rust, "rmcp::{tool, tool_router}").map(|c| c.0),
            Some("rmcp")
        );
    }
}
