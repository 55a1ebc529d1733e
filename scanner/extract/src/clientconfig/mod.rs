//! MCP client configuration files and server manifests committed to repositories: which files
//! they are (by path), what servers they declare, and which scanned servers those entries
//! launch or publish. No tree-sitter: the files are JSON (with comments), TOML, YAML or a
//! Dockerfile. Literal values of variables and headers never enter the model; secrets in
//! commands, arguments and URLs are replaced by `[redacted]` before they are stored.

pub mod clients;
pub mod launch;
pub mod link;
pub mod manifests;
pub mod redact;
pub mod settings;
pub mod tree;

use mcpsweep_model::Config;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Toml,
    Yaml,
    Dockerfile,
}

/// A file recognised by its path as a possible config or manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub client: &'static str,
    pub manifest: bool,
    pub syntax: Syntax,
    /// The file is one only if its bytes contain one of these (shared names such as
    /// `settings.json` or `package.json`); empty = always.
    pub markers: &'static [&'static str],
}

const fn c(client: &'static str, syntax: Syntax, markers: &'static [&'static str]) -> Detected {
    Detected {
        client,
        manifest: false,
        syntax,
        markers,
    }
}

const fn m(client: &'static str, syntax: Syntax, markers: &'static [&'static str]) -> Detected {
    Detected {
        client,
        manifest: true,
        syntax,
        markers,
    }
}

const MCP_MAP: &[&str] = &["mcpServers", "\"servers\""];
/// Claude Code settings worth reading (`settings::read`); a file with none is not a config.
const CLAUDE_SETTINGS: &[&str] = &[
    "enableAllProjectMcpServers",
    "enabledMcpjsonServers",
    "mcp__",
    "\"hooks\"",
    "\"env\"",
];

/// Recognise a config or manifest by its path (relative, forward slashes).
pub fn detect(rel: &str) -> Option<Detected> {
    use Syntax::*;
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let lname = name.to_ascii_lowercase();
    let parent = dir.rsplit('/').next().unwrap_or("");
    let in_dir = |d: &str| dir == d || dir.ends_with(&format!("/{d}"));
    let d = match lname.as_str() {
        n if n.starts_with("claude_desktop_config") && n.ends_with(".json") => {
            c("claude-desktop", Json, &[])
        }
        ".mcp.json" => c("claude-code", Json, &[]),
        ".claude.json" => c("claude-code-user", Json, &[]),
        "mcp.json" => match parent {
            ".cursor" => c("cursor", Json, &[]),
            ".vscode" => c("vscode", Json, &[]),
            ".roo" => c("roo-code", Json, &[]),
            ".amazonq" => c("amazon-q", Json, &[]),
            "settings" if in_dir(".kiro/settings") => c("kiro", Json, &[]),
            "mcp" if in_dir(".junie/mcp") => c("junie", Json, &[]),
            _ => c("mcp-json", Json, MCP_MAP),
        },
        "settings.json" => match parent {
            ".vscode" => c(
                "vscode-settings",
                Json,
                &["\"mcp\"", "\"chat.tools.", "\"chat.mcp."],
            ),
            ".claude" => c("claude-code-settings", Json, CLAUDE_SETTINGS),
            ".gemini" => c("gemini-cli", Json, &["mcpServers"]),
            _ => c("zed", Json, &["context_servers"]),
        },
        "settings.local.json" if parent == ".claude" => {
            c("claude-code-settings", Json, CLAUDE_SETTINGS)
        }
        "mcp_config.json" => c("windsurf", Json, &[]),
        "cline_mcp_settings.json" => c("cline", Json, &[]),
        "mcp_settings.json" => c("roo-code", Json, &["mcpServers"]),
        "devcontainer.json" | ".devcontainer.json" => c("vscode-devcontainer", Json, &["\"mcp\""]),
        "config.toml" if matches!(parent, ".codex" | "codex") => c("codex", Toml, &[]),
        "config.toml" => c("codex", Toml, &["mcp_servers"]),
        "config.yaml" | "config.yml" | "config.json"
            if matches!(parent, ".continue" | "continue") =>
        {
            let syntax = if lname.ends_with(".json") { Json } else { Yaml };
            c(
                "continue",
                syntax,
                &["mcpServers", "modelContextProtocolServers"],
            )
        }
        "config.yaml" | "config.yml" if parent == "goose" => c("goose", Yaml, &["extensions"]),
        n if in_dir(".continue/mcpServers") && (n.ends_with(".yaml") || n.ends_with(".yml")) => {
            c("continue", Yaml, &[])
        }
        n if in_dir(".continue/mcpServers") && n.ends_with(".json") => c("continue", Json, &[]),
        "plugin.json" => c("claude-code-plugin", Json, &["mcpServers"]),
        "gemini-extension.json" => c("gemini-extension", Json, &[]),
        "server.json" => m(
            "mcp-registry",
            Json,
            &["modelcontextprotocol", "\"packages\"", "\"remotes\""],
        ),
        "smithery.yaml" | "smithery.yml" => m("smithery", Yaml, &[]),
        "manifest.json" => m("mcpb", Json, &["mcp_config", "entry_point"]),
        "package.json" => m("npm", Json, &["\"mcpName\""]),
        n if n == "dockerfile"
            || n == "containerfile"
            || n.starts_with("dockerfile.")
            || n.ends_with(".dockerfile") =>
        {
            m(
                "dockerfile",
                Dockerfile,
                &["io.modelcontextprotocol.server.name"],
            )
        }
        _ => return None,
    };
    Some(d)
}

fn contains(hay: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    !n.is_empty() && hay.windows(n.len()).any(|w| w == n)
}

/// Read one detected file. `Ok(None)`: not a config after all (a shared file name without the
/// marker, a `server.json` of something else). `Err`: the reason it could not be read, with
/// the line.
pub fn parse(root: &str, rel: &str, d: &Detected, bytes: &[u8]) -> Result<Option<Config>, String> {
    if !d.markers.is_empty() && !d.markers.iter().any(|mk| contains(bytes, mk)) {
        return Ok(None);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))?;
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    let doc = match d.syntax {
        Syntax::Json => tree::json(text)?,
        Syntax::Toml => tree::toml(text)?,
        Syntax::Yaml => tree::yaml(text)?,
        Syntax::Dockerfile => tree::Node {
            line: 1,
            v: tree::V::Null,
        },
    };
    let mut cfg = Config {
        root: root.to_string(),
        file: rel.to_string(),
        client: d.client.to_string(),
        kind: if d.manifest { "manifest" } else { "client" }.into(),
        name: None,
        servers: Vec::new(),
        inputs: Vec::new(),
        settings: Vec::new(),
    };
    if d.manifest {
        match d.client {
            "mcp-registry" => {
                let Some((n, s)) = manifests::registry(&doc) else {
                    return Ok(None);
                };
                cfg.name = n;
                cfg.servers = s;
            }
            "smithery" => {
                let folder = dir
                    .rsplit('/')
                    .next()
                    .filter(|f| !f.is_empty())
                    .unwrap_or(root_name(root));
                let (s, i) = manifests::smithery(&doc, folder);
                cfg.servers = s;
                cfg.inputs = i;
            }
            "mcpb" => {
                let Some((n, s, i)) = manifests::mcpb(&doc) else {
                    return Ok(None);
                };
                cfg.name = n;
                cfg.servers = s;
                cfg.inputs = i;
            }
            "npm" => {
                let Some((n, s)) = manifests::npm(&doc) else {
                    return Ok(None);
                };
                cfg.name = n;
                cfg.servers = s;
            }
            "dockerfile" => {
                let Some((n, s)) = manifests::dockerfile(text) else {
                    return Ok(None);
                };
                cfg.name = n;
                cfg.servers = s;
            }
            _ => return Ok(None),
        }
    } else {
        if doc.obj().is_none() {
            return if d.markers.is_empty() {
                Err(format!(
                    "line {}: expected an object at the top level",
                    doc.line
                ))
            } else {
                Ok(None)
            };
        }
        let (s, i) = clients::read(d.client, &doc, stem);
        let settings = settings::read(d.client, &doc);
        if s.is_empty() && i.is_empty() && settings.is_empty() && !d.markers.is_empty() {
            return Ok(None);
        }
        cfg.servers = s;
        cfg.inputs = i;
        cfg.settings = settings;
    }
    Ok(Some(cfg))
}

/// Last component of a root label.
pub fn root_name(root: &str) -> &str {
    root.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_by_path() {
        assert_eq!(detect(".vscode/mcp.json").unwrap().client, "vscode");
        assert_eq!(detect("a/.cursor/mcp.json").unwrap().client, "cursor");
        assert_eq!(
            detect("docs/claude_desktop_config.json").unwrap().client,
            "claude-desktop"
        );
        assert_eq!(detect(".codex/config.toml").unwrap().client, "codex");
        assert_eq!(
            detect(".continue/mcpServers/db.yaml").unwrap().client,
            "continue"
        );
        assert_eq!(detect(".zed/settings.json").unwrap().client, "zed");
        assert_eq!(detect("Dockerfile").unwrap().client, "dockerfile");
        assert_eq!(detect("src/config.yaml"), None);
        assert_eq!(detect("src/index.ts"), None);
    }

    #[test]
    fn shared_names_need_their_marker() {
        let d = detect("package.json").unwrap();
        assert_eq!(parse("r", "package.json", &d, br#"{"name":"x"}"#), Ok(None));
        let d = detect("server.json").unwrap();
        assert_eq!(parse("r", "server.json", &d, br#"{"port": 3}"#), Ok(None));
        // a malformed shared file without the marker is not ours to report
        let d = detect(".vscode/settings.json").unwrap();
        assert_eq!(
            parse("r", ".vscode/settings.json", &d, b"{ broken"),
            Ok(None)
        );
    }
}
