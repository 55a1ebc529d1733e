//! Client configuration formats: one reader for a server entry (every client's key spelling),
//! and the few shapes the entries sit in (`mcpServers` maps, VS Code `servers` + `inputs`,
//! Codex `[mcp_servers.*]`, Zed `context_servers`, Continue lists, Goose `extensions`).

use super::launch;
use super::redact;
use super::tree::{Node, V};
use mcpsweep_model::{ConfigInput, ConfigServer, ConfigValue};

/// `stdio`, `sse`, `streamable-http` from any client's spelling.
pub fn transport_of(t: &str) -> Option<&'static str> {
    match t.to_ascii_lowercase().replace(['_', '-'], "").as_str() {
        "stdio" | "local" | "command" => Some("stdio"),
        "sse" => Some("sse"),
        "http" | "streamablehttp" | "streamable" | "https" | "remote" => Some("streamable-http"),
        _ => None,
    }
}

fn scalar_list(n: Option<&Node>) -> Vec<String> {
    match n.map(|n| &n.v) {
        Some(V::Arr(a)) => a
            .iter()
            .filter_map(|x| x.scalar())
            .map(|s| s.into_owned())
            .collect(),
        Some(V::Str(s)) => s.split_whitespace().map(String::from).collect(),
        _ => Vec::new(),
    }
}

fn values(n: Option<&Node>) -> Vec<ConfigValue> {
    let mut out = Vec::new();
    match n.map(|n| &n.v) {
        Some(V::Obj(m)) => {
            for (k, v) in m {
                let raw = v.scalar().map(|s| s.into_owned()).unwrap_or_default();
                out.push(redact::value(k, &raw));
            }
        }
        // [{name, value}] lists
        Some(V::Arr(a)) => {
            for e in a {
                if let Some(name) = e.get_str("name").or_else(|| e.get_str("key")) {
                    let raw = e
                        .get("value")
                        .and_then(|v| v.scalar())
                        .map(|s| s.into_owned())
                        .unwrap_or_default();
                    out.push(redact::value(name, &raw));
                } else if let Some(s) = e.str() {
                    // ["NAME=value"] lists
                    match s.split_once('=') {
                        Some((k, v)) => out.push(redact::value(k, v)),
                        None => out.push(redact::reference(s, "env-reference", s)),
                    }
                }
            }
        }
        _ => {}
    }
    out
}

/// Client-specific reading of an entry that has a URL but no type.
#[derive(Clone, Copy)]
pub struct Defaults {
    /// Transport of `url` with no `type` (Cline, Gemini CLI: SSE).
    pub url_transport: Option<&'static str>,
}

pub const NO_DEFAULTS: Defaults = Defaults {
    url_transport: None,
};

/// One server entry, in any client's spelling.
pub fn entry(name: &str, n: &Node, d: Defaults) -> Option<ConfigServer> {
    n.obj()?;
    // Continue's legacy `transport: {type, command, args}` and Zed's older
    // `command: {path, args, env}` nest the launch one level down.
    let nested = n.get("transport").filter(|t| t.obj().is_some());
    let launches_here = ["command", "cmd", "url", "serverUrl", "httpUrl", "uri"]
        .iter()
        .any(|k| n.get(k).is_some());
    if let Some(t) = nested.filter(|_| !launches_here) {
        let mut s = entry(name, t, d)?;
        s.line = n.line;
        return Some(s);
    }
    let ty = n
        .get_str("type")
        .or_else(|| n.get_str("transportType"))
        .or_else(|| n.get_str("transport"))
        .or_else(|| nested.and_then(|t| t.get_str("type")));
    if ty.is_some_and(|t| matches!(t, "builtin" | "platform" | "frontend" | "inline_python")) {
        return None; // bundled into the client (Goose), not a server anyone launches
    }
    let cmd_node = n.get("command").or_else(|| n.get("cmd"));
    let (command, mut raw_args, nested_env) = match cmd_node.map(|c| &c.v) {
        Some(V::Str(c)) => (Some(c.clone()), scalar_list(n.get("args")), None),
        Some(V::Obj(_)) => {
            let c = cmd_node.unwrap();
            (
                c.get_str("path")
                    .or_else(|| c.get_str("command"))
                    .map(String::from),
                scalar_list(c.get("args")),
                c.get("env"),
            )
        }
        Some(V::Arr(a)) => {
            let mut parts: Vec<String> = a
                .iter()
                .filter_map(|x| x.scalar())
                .map(|s| s.into_owned())
                .collect();
            if parts.is_empty() {
                (None, Vec::new(), None)
            } else {
                let c = parts.remove(0);
                parts.extend(scalar_list(n.get("args")));
                (Some(c), parts, None)
            }
        }
        _ => (None, scalar_list(n.get("args")), None),
    };
    if command.is_none() && !raw_args.is_empty() && n.get("url").is_none() {
        raw_args.clear();
    }
    let http_url = n.get_str("httpUrl");
    let url_raw = n
        .get_str("url")
        .or_else(|| n.get_str("serverUrl"))
        .or(http_url)
        .or_else(|| n.get_str("uri"))
        .map(String::from);

    let mut env = values(n.get("env").or_else(|| n.get("envs")).or(nested_env));
    for k in scalar_list(n.get("env_vars")) {
        env.push(redact::reference(&k, "env-reference", &k));
    }
    for k in scalar_list(n.get("env_keys")) {
        env.push(redact::reference(&k, "secret-reference", &k));
    }
    let mut headers = values(n.get("headers").or_else(|| n.get("http_headers")));
    if let Some(V::Obj(m)) = n.get("env_http_headers").map(|h| &h.v) {
        for (h, v) in m {
            if let Some(var) = v.str() {
                headers.push(redact::reference(h, "env-reference", var));
            }
        }
    }
    if let Some(var) = n.get_str("bearer_token_env_var") {
        headers.push(redact::reference("Authorization", "env-reference", var));
    }
    let disabled = n.get("disabled").and_then(Node::bool) == Some(true)
        || n.get("enabled").and_then(Node::bool) == Some(false);

    let mut s = ConfigServer {
        name: n
            .get_str("name")
            .filter(|_| name.is_empty())
            .unwrap_or(name)
            .to_string(),
        line: n.line,
        kind: String::new(),
        transport: ty.and_then(transport_of).map(String::from),
        command: None,
        args: Vec::new(),
        url: None,
        env,
        headers,
        launch: None,
        warnings: Vec::new(),
        disabled,
        scope: None,
        links: Vec::new(),
        auto_approve: super::settings::auto_approve(n),
    };
    if s.transport.is_none() {
        s.transport = if command.is_some() {
            Some("stdio".into())
        } else if http_url.is_some() {
            Some("streamable-http".into())
        } else if url_raw.is_some() {
            d.url_transport.map(String::from)
        } else {
            None
        };
    }
    finish(
        &mut s,
        command.as_deref(),
        &raw_args,
        url_raw.as_deref(),
        n.get_str("cwd"),
        false,
    );
    Some(s)
}

/// Fill what follows from the raw command, arguments and URL: the launch, proxied URLs,
/// `docker -e` variables, `--header` values, warnings, and the redacted strings kept.
pub fn finish(
    s: &mut ConfigServer,
    command: Option<&str>,
    raw_args: &[String],
    url: Option<&str>,
    cwd: Option<&str>,
    manifest: bool,
) {
    let mut url = url.map(String::from);
    if let Some(c) = command {
        let mut l = launch::analyse(c, raw_args);
        if let (Some(l), Some(cwd)) = (l.as_mut(), cwd) {
            if l.ecosystem == "path"
                && !l.target.starts_with('/')
                && !l.target.starts_with('$')
                && !cwd.is_empty()
            {
                l.target = format!(
                    "{}/{}",
                    cwd.trim_end_matches('/'),
                    l.target.trim_start_matches("./")
                );
            }
        }
        if let Some(l) = l.as_mut() {
            if l.ecosystem == "path" || l.ecosystem == "binary" {
                l.target = redact::text(&l.target);
            }
        }
        // a stdio proxy to a remote server (`npx mcp-remote https://...`): the URL is the
        // server's (other URLs in arguments are a local server's own settings)
        let proxy = l.as_ref().is_some_and(|l| {
            let t = l.target.rsplit('/').next().unwrap_or(&l.target);
            matches!(
                t,
                "mcp-remote" | "supergateway" | "mcp-proxy" | "remote-mcp" | "mcp-remote-client"
            )
        });
        if url.is_none() && proxy {
            url = raw_args
                .iter()
                .find(|a| a.starts_with("https://") || a.starts_with("http://"))
                .cloned();
        }
        if l.as_ref().is_some_and(|l| l.ecosystem == "oci") {
            for (k, v) in launch::docker_env(raw_args) {
                match v {
                    Some(v) => s.env.push(redact::value(&k, &v)),
                    None => s.env.push(redact::reference(&k, "env-reference", &k)),
                }
            }
        }
        // `--header "Name: value"` (mcp-remote, supergateway)
        let mut i = 0;
        while i < raw_args.len() {
            let a = raw_args[i].as_str();
            let h = if a == "--header" || a == "-H" {
                i += 1;
                raw_args.get(i).map(String::as_str)
            } else {
                a.strip_prefix("--header=")
            };
            if let Some((k, v)) = h.and_then(|h| h.split_once(':')) {
                s.headers.push(redact::value(k.trim(), v.trim()));
            }
            i += 1;
        }
        if !manifest {
            if let Some(w) = l.as_ref().and_then(launch::pinning) {
                s.warnings.push(w.to_string());
            }
        }
        s.launch = l;
        s.command = Some(redact::text(c));
        s.args = redact::args(raw_args);
    }
    if let Some(u) = &url {
        if u.starts_with("http://") && !launch::is_loopback_url(u) {
            s.warnings.push("plain-http".into());
        }
        s.url = Some(redact::text(u));
    }
    // a secret written into the command line (an environment value passed as `NAME=value`
    // is counted with the entry's `env` instead)
    let in_args = s
        .command
        .iter()
        .chain(s.args.iter())
        .chain(s.url.iter())
        .any(|a| a.contains(redact::REDACTED) && !redact::is_env_assignment(a));
    if in_args {
        s.warnings.push("secret-in-args".into());
    }
    s.kind = if command.is_some() {
        "stdio".into()
    } else if url.is_some() {
        "remote".into()
    } else {
        "declared".into()
    };
    if s.launch.is_none() && command.is_none() {
        if let Some(u) = &s.url {
            s.launch = Some(mcpsweep_model::Launch {
                runner: "url".into(),
                ecosystem: "url".into(),
                target: u.split(['?', '#']).next().unwrap_or(u).to_string(),
                version: None,
            });
        }
    }
}

/// A map of name → entry.
pub fn map(n: Option<&Node>, d: Defaults) -> Vec<ConfigServer> {
    n.and_then(Node::obj)
        .map(|m| m.iter().filter_map(|(k, v)| entry(k, v, d)).collect())
        .unwrap_or_default()
}

/// A list of entries each with a `name` (Continue).
pub fn list(n: Option<&Node>, d: Defaults) -> Vec<ConfigServer> {
    let Some(a) = n.and_then(Node::arr) else {
        return map(n, d);
    };
    a.iter()
        .enumerate()
        .filter_map(|(i, e)| {
            if let Some(uses) = e.get_str("uses") {
                // a hub block reference: declared, resolved by the client
                return Some(ConfigServer {
                    name: uses.to_string(),
                    line: e.line,
                    kind: "declared".into(),
                    transport: None,
                    command: None,
                    args: Vec::new(),
                    url: None,
                    env: values(e.get("with")),
                    headers: Vec::new(),
                    launch: None,
                    warnings: Vec::new(),
                    disabled: false,
                    scope: None,
                    links: Vec::new(),
                    auto_approve: Vec::new(),
                });
            }
            let name = e
                .get_str("name")
                .map(String::from)
                .unwrap_or_else(|| format!("#{}", i + 1));
            entry(&name, e, d)
        })
        .collect()
}

/// VS Code `inputs`.
pub fn inputs(n: Option<&Node>) -> Vec<ConfigInput> {
    n.and_then(Node::arr)
        .map(|a| {
            a.iter()
                .filter_map(|i| {
                    Some(ConfigInput {
                        id: i.get_str("id")?.to_string(),
                        line: i.line,
                        ty: i.get_str("type").map(String::from),
                        secret: i.get("password").and_then(Node::bool) == Some(true),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The servers of a client config whose root shape is known, plus its inputs.
pub fn read(client: &str, doc: &Node, file_stem: &str) -> (Vec<ConfigServer>, Vec<ConfigInput>) {
    let sse = Defaults {
        url_transport: Some("sse"),
    };
    let mcp_servers = |d: Defaults| {
        let mut v = map(doc.get("mcpServers"), d);
        if v.is_empty() {
            v = map(doc.get("servers"), d);
        }
        v
    };
    match client {
        "vscode" => {
            let mut s = map(doc.get("servers"), NO_DEFAULTS);
            if s.is_empty() {
                s = map(doc.get("mcpServers"), NO_DEFAULTS);
            }
            (s, inputs(doc.get("inputs")))
        }
        "vscode-settings" => {
            let Some(m) = doc.get("mcp") else {
                return Default::default();
            };
            (map(m.get("servers"), NO_DEFAULTS), inputs(m.get("inputs")))
        }
        "vscode-devcontainer" => {
            let m = doc
                .get("customizations")
                .and_then(|c| c.get("vscode"))
                .and_then(|v| v.get("mcp"));
            match m {
                Some(m) => (map(m.get("servers"), NO_DEFAULTS), inputs(m.get("inputs"))),
                None => Default::default(),
            }
        }
        "cline" | "roo-code" => (mcp_servers(sse), Vec::new()),
        "gemini-cli" | "gemini-extension" => (mcp_servers(sse), Vec::new()),
        // Codex speaks Streamable HTTP to every `url`
        "codex" => (
            map(
                doc.get("mcp_servers"),
                Defaults {
                    url_transport: Some("streamable-http"),
                },
            ),
            Vec::new(),
        ),
        "zed" => (map(doc.get("context_servers"), NO_DEFAULTS), Vec::new()),
        "goose" => (map(doc.get("extensions"), NO_DEFAULTS), Vec::new()),
        "continue" => {
            let mut s = list(doc.get("mcpServers"), NO_DEFAULTS);
            if s.is_empty() {
                // legacy config.json
                s = list(
                    doc.get("experimental")
                        .and_then(|e| e.get("modelContextProtocolServers")),
                    NO_DEFAULTS,
                );
            }
            if s.is_empty() && (doc.get("command").is_some() || doc.get("url").is_some()) {
                // a dropped-in single server
                s.extend(entry(file_stem, doc, NO_DEFAULTS));
            }
            (s, Vec::new())
        }
        "claude-code-user" => {
            let mut s = map(doc.get("mcpServers"), NO_DEFAULTS);
            if let Some(projects) = doc.get("projects").and_then(Node::obj) {
                for (path, p) in projects {
                    for mut e in map(p.get("mcpServers"), NO_DEFAULTS) {
                        e.scope = Some(redact::text(path));
                        s.push(e);
                    }
                }
            }
            (s, Vec::new())
        }
        _ => (mcp_servers(NO_DEFAULTS), Vec::new()),
    }
}
