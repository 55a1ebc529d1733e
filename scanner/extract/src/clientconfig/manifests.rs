//! Manifests that publish the server of their folder: the MCP Registry's `server.json` (both
//! schema generations), `smithery.yaml`, MCPB `manifest.json`, npm `mcpName`, and the
//! `io.modelcontextprotocol.server.name` label of a Dockerfile.

use super::clients::{finish, transport_of};
use super::redact;
use super::tree::Node;
use mcpsweep_model::{ConfigInput, ConfigServer, ConfigValue, Launch};

fn blank(name: &str, line: u32) -> ConfigServer {
    ConfigServer {
        name: name.to_string(),
        line,
        kind: "declared".into(),
        transport: None,
        command: None,
        args: Vec::new(),
        url: None,
        env: Vec::new(),
        headers: Vec::new(),
        launch: None,
        warnings: Vec::new(),
        disabled: false,
        scope: None,
        links: Vec::new(),
        auto_approve: Vec::new(),
    }
}

/// A field under its current (camelCase) or older (snake_case) name.
fn get2<'a>(n: &'a Node, camel: &str, snake: &str) -> Option<&'a Node> {
    n.get(camel).or_else(|| n.get(snake))
}

/// `{var}` templates of the registry schema count as inputs.
fn template_or_value(name: &str, raw: Option<&str>, secret: bool) -> ConfigValue {
    match raw {
        Some(v) if v.contains('{') && v.contains('}') && !v.contains("${") => ConfigValue {
            name: name.to_string(),
            value: "input-variable".into(),
            reference: v
                .split('{')
                .nth(1)
                .and_then(|r| r.split('}').next())
                .map(|r| r.trim().to_string()),
            secret,
        },
        Some(v) if !v.is_empty() => {
            let mut c = redact::value(name, v);
            c.secret |= secret && c.value == "literal";
            c
        }
        _ => ConfigValue {
            name: name.to_string(),
            value: "declared".into(),
            reference: None,
            secret,
        },
    }
}

/// Registry `server.json`. `None` when the document is not one.
pub fn registry(doc: &Node) -> Option<(Option<String>, Vec<ConfigServer>)> {
    let schema = doc.get_str("$schema").unwrap_or("");
    let packages = doc.get("packages").and_then(Node::arr);
    let remotes = doc.get("remotes").and_then(Node::arr);
    let name = doc.get_str("name")?;
    if !(schema.contains("modelcontextprotocol")
        || (name.contains('/') && (packages.is_some() || remotes.is_some())))
    {
        return None;
    }
    let mut out = Vec::new();
    for p in packages.unwrap_or(&[]) {
        let eco = get2(p, "registryType", "registry_type")
            .or_else(|| p.get("registry_name"))
            .and_then(Node::str)
            .unwrap_or("")
            .to_ascii_lowercase();
        let ident = p
            .get_str("identifier")
            .or_else(|| p.get_str("name"))
            .unwrap_or("")
            .to_string();
        let version = p.get_str("version").map(String::from);
        let hint = get2(p, "runtimeHint", "runtime_hint").and_then(Node::str);
        let transport = p.get("transport");
        let t = transport
            .and_then(|t| t.get_str("type"))
            .and_then(transport_of)
            .unwrap_or("stdio");
        let mut s = blank(name, p.line);
        s.transport = Some(t.to_string());
        s.kind = if t == "stdio" { "stdio" } else { "remote" }.into();
        let ecosystem = match eco.as_str() {
            "docker" | "oci" => "oci",
            "pypi" => "pypi",
            "npm" => "npm",
            "nuget" => "nuget",
            "mcpb" => "mcpb",
            "cargo" | "crates" => "cargo",
            other => other,
        };
        let runner = hint.map(String::from).unwrap_or_else(|| {
            match ecosystem {
                "npm" => "npx",
                "pypi" => "uvx",
                "oci" => "docker",
                "nuget" => "dnx",
                "mcpb" => "mcpb",
                "cargo" => "cargo",
                _ => "binary",
            }
            .to_string()
        });
        s.launch = Some(Launch {
            runner,
            ecosystem: ecosystem.to_string(),
            target: ident,
            version,
        });
        for v in get2(p, "environmentVariables", "environment_variables")
            .and_then(Node::arr)
            .unwrap_or(&[])
        {
            if let Some(n) = v.get_str("name") {
                let secret = get2(v, "isSecret", "is_secret").and_then(Node::bool) == Some(true);
                s.env.push(template_or_value(n, v.get_str("value"), secret));
            }
        }
        let mut raw_args = Vec::new();
        for key in [
            ("runtimeArguments", "runtime_arguments"),
            ("packageArguments", "package_arguments"),
        ] {
            for a in get2(p, key.0, key.1).and_then(Node::arr).unwrap_or(&[]) {
                let named = a.get_str("type") == Some("named");
                if named {
                    raw_args.extend(a.get_str("name").map(String::from));
                }
                if let Some(v) = a
                    .get_str("value")
                    .or_else(|| a.get_str("valueHint"))
                    .or_else(|| a.get_str("value_hint"))
                {
                    raw_args.push(v.to_string());
                }
            }
        }
        s.args = redact::args(&raw_args);
        if let Some(t) = transport {
            if let Some(u) = t.get_str("url") {
                url_of(&mut s, u);
            }
            for h in t.get("headers").and_then(Node::arr).unwrap_or(&[]) {
                if let Some(n) = h.get_str("name") {
                    let secret =
                        get2(h, "isSecret", "is_secret").and_then(Node::bool) == Some(true);
                    s.headers
                        .push(template_or_value(n, h.get_str("value"), secret));
                }
            }
        }
        out.push(s);
    }
    for r in remotes.unwrap_or(&[]) {
        let mut s = blank(name, r.line);
        s.kind = "remote".into();
        s.transport = get2(r, "type", "transport_type")
            .and_then(Node::str)
            .and_then(transport_of)
            .map(String::from);
        if let Some(u) = r.get_str("url") {
            url_of(&mut s, u);
            s.launch = Some(Launch {
                runner: "url".into(),
                ecosystem: "url".into(),
                target: s.url.clone().unwrap_or_default(),
                version: None,
            });
        }
        for h in r.get("headers").and_then(Node::arr).unwrap_or(&[]) {
            if let Some(n) = h.get_str("name") {
                let secret = get2(h, "isSecret", "is_secret").and_then(Node::bool) == Some(true);
                s.headers
                    .push(template_or_value(n, h.get_str("value"), secret));
            }
        }
        out.push(s);
    }
    if out.is_empty() {
        out.push(blank(name, doc.get("name").map(|n| n.line).unwrap_or(1)));
    }
    Some((Some(name.to_string()), out))
}

fn url_of(s: &mut ConfigServer, u: &str) {
    if u.starts_with("http://") && !super::launch::is_loopback_url(u) {
        s.warnings.push("plain-http".into());
    }
    s.url = Some(redact::text(u));
}

/// `smithery.yaml`.
pub fn smithery(doc: &Node, dir_name: &str) -> (Vec<ConfigServer>, Vec<ConfigInput>) {
    let start = doc.get("startCommand");
    let runtime = doc.get_str("runtime");
    if start.is_none() && runtime.is_none() {
        return Default::default();
    }
    let mut s = blank(dir_name, start.map(|s| s.line).unwrap_or(1));
    let ty = start.and_then(|s| s.get_str("type"));
    s.transport = match (ty, runtime) {
        (Some("stdio"), _) => Some("stdio".into()),
        (Some("http"), _) | (None, Some("typescript")) => Some("streamable-http".into()),
        _ => None,
    };
    // `commandFunction: (config) => ({ command: 'node', args: ['dist/index.js'], env: {...} })`
    if let Some(f) = start.and_then(|s| s.get_str("commandFunction")) {
        let command = js_string_after(f, "command");
        let args = js_array_after(f, "args");
        if let Some(c) = command {
            finish(&mut s, Some(&c), &args, None, None, true);
        }
        // env keys of the function's object (values are expressions: declared)
        if let Some(env) = f
            .split("env")
            .nth(1)
            .and_then(|e| e.split('{').nth(1))
            .and_then(|e| e.split('}').next())
        {
            for part in env.split(',') {
                if let Some((k, _)) = part.split_once(':') {
                    let k = k.trim().trim_matches(['"', '\'']);
                    if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                        s.env.push(ConfigValue {
                            name: k.to_string(),
                            value: "declared".into(),
                            reference: None,
                            secret: redact::secret_name(k),
                        });
                    }
                }
            }
        }
    }
    if s.command.is_none() {
        s.kind = if ty == Some("stdio") {
            "stdio"
        } else {
            "declared"
        }
        .into();
    }
    let mut inputs = Vec::new();
    let schema = start.and_then(|s| s.get("configSchema"));
    let required: Vec<String> = schema
        .and_then(|s| s.get("required"))
        .and_then(Node::arr)
        .map(|a| a.iter().filter_map(|x| x.str().map(String::from)).collect())
        .unwrap_or_default();
    let _ = required;
    for (k, p) in schema
        .and_then(|s| s.get("properties"))
        .and_then(Node::obj)
        .unwrap_or(&[])
    {
        inputs.push(ConfigInput {
            id: k.clone(),
            line: p.line,
            ty: p.get_str("type").map(String::from),
            secret: redact::secret_name(k),
        });
    }
    (vec![s], inputs)
}

fn js_string_after(f: &str, key: &str) -> Option<String> {
    let i = f
        .find(&format!("{key}:"))
        .or_else(|| f.find(&format!("{key} :")))?;
    let rest = f[i + key.len()..].trim_start_matches([' ', ':']);
    let q = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let body = &rest[1..];
    Some(body[..body.find(q)?].to_string())
}

fn js_array_after(f: &str, key: &str) -> Vec<String> {
    let Some(i) = f.find(&format!("{key}:")) else {
        return Vec::new();
    };
    let rest = &f[i + key.len() + 1..];
    let Some(open) = rest.find('[') else {
        return Vec::new();
    };
    let Some(close) = rest[open..].find(']') else {
        return Vec::new();
    };
    rest[open + 1..open + close]
        .split(',')
        .map(|a| a.trim())
        .filter(|a| a.len() >= 2 && (a.starts_with(['"', '\'', '`'])))
        .map(|a| a[1..a.len() - 1].to_string())
        .collect()
}

/// MCPB (ex-DXT) bundle `manifest.json`. `None` when the document is not one.
pub fn mcpb(doc: &Node) -> Option<(Option<String>, Vec<ConfigServer>, Vec<ConfigInput>)> {
    doc.get("manifest_version")
        .or_else(|| doc.get("dxt_version"))?;
    let server = doc.get("server")?;
    let name = doc.get_str("name").unwrap_or("mcpb").to_string();
    let mut s = blank(&name, server.line);
    s.transport = Some("stdio".into());
    let cfg = server.get("mcp_config");
    let command = cfg.and_then(|c| c.get_str("command"));
    let args: Vec<String> = cfg
        .and_then(|c| c.get("args"))
        .and_then(Node::arr)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.scalar())
                .map(|s| s.into_owned())
                .collect()
        })
        .unwrap_or_default();
    if let Some(env) = cfg.and_then(|c| c.get("env")).and_then(Node::obj) {
        for (k, v) in env {
            s.env.push(redact::value(k, v.str().unwrap_or("")));
        }
    }
    finish(&mut s, command, &args, None, None, true);
    s.kind = "stdio".into();
    if let Some(entry) = server.get_str("entry_point") {
        s.launch = Some(Launch {
            runner: server.get_str("type").unwrap_or("binary").to_string(),
            ecosystem: "path".into(),
            target: entry.to_string(),
            version: None,
        });
    }
    let inputs = doc
        .get("user_config")
        .and_then(Node::obj)
        .unwrap_or(&[])
        .iter()
        .map(|(k, v)| ConfigInput {
            id: k.clone(),
            line: v.line,
            ty: v.get_str("type").map(String::from),
            secret: v.get("sensitive").and_then(Node::bool) == Some(true),
        })
        .collect();
    Some((Some(name), vec![s], inputs))
}

/// npm `package.json` with `mcpName`.
pub fn npm(doc: &Node) -> Option<(Option<String>, Vec<ConfigServer>)> {
    let mcp = doc.get("mcpName")?;
    let reg = mcp.str()?;
    let mut s = blank(reg, mcp.line);
    if let Some(pkg) = doc.get_str("name") {
        s.launch = Some(Launch {
            runner: "npx".into(),
            ecosystem: "npm".into(),
            target: pkg.to_string(),
            version: doc.get_str("version").map(String::from),
        });
    }
    Some((Some(reg.to_string()), vec![s]))
}

/// Dockerfile `LABEL io.modelcontextprotocol.server.name="..."`.
pub fn dockerfile(text: &str) -> Option<(Option<String>, Vec<ConfigServer>)> {
    const KEY: &str = "io.modelcontextprotocol.server.name";
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(p) = line.find(KEY) else { continue };
        let rest = line[p + KEY.len()..].trim_start();
        let Some(v) = rest.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        let name: String = if let Some(q) = v.strip_prefix('"') {
            q.split('"').next().unwrap_or("").to_string()
        } else {
            v.split_whitespace()
                .next()
                .unwrap_or("")
                .trim_end_matches('\\')
                .to_string()
        };
        if !name.is_empty() {
            out.push(blank(&name, i as u32 + 1));
        }
    }
    let first = out.first()?.name.clone();
    Some((Some(first), out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clientconfig::tree;

    #[test]
    fn registry_both_generations() {
        let new = tree::json(r#"{"$schema":"https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
          "name":"io.github.acme/weather","version":"1.0.0",
          "packages":[{"registryType":"npm","identifier":"@acme/weather","version":"1.0.0","transport":{"type":"stdio"},
            "environmentVariables":[{"name":"WEATHER_KEY","isSecret":true}]}],
          "remotes":[{"type":"streamable-http","url":"https://w.example.com/mcp","headers":[{"name":"Authorization","value":"Bearer {token}","isSecret":true}]}]}"#).unwrap();
        let (name, s) = registry(&new).unwrap();
        assert_eq!(name.as_deref(), Some("io.github.acme/weather"));
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].launch.as_ref().unwrap().target, "@acme/weather");
        assert!(s[0].env[0].secret);
        assert_eq!(s[1].headers[0].value, "input-variable");
        let old = tree::json(r#"{"name":"io.github.acme/old","version_detail":{"version":"0.1.0"},
          "packages":[{"registry_name":"pypi","name":"acme-old","version":"0.1.0","environment_variables":[{"name":"T","is_secret":true}]}],
          "remotes":[{"transport_type":"sse","url":"http://old.example.com/sse"}]}"#).unwrap();
        let (_, s) = registry(&old).unwrap();
        assert_eq!(s[0].launch.as_ref().unwrap().ecosystem, "pypi");
        assert!(s[0].env[0].secret);
        assert_eq!(s[1].transport.as_deref(), Some("sse"));
        assert_eq!(s[1].warnings, ["plain-http"]);
        assert!(registry(&tree::json(r#"{"name":"x","port":3}"#).unwrap()).is_none());
    }

    #[test]
    fn docker_label() {
        let (n, s) = dockerfile("FROM node:20\nLABEL io.modelcontextprotocol.server.name=\"io.github.acme/x\" \\\n  other=1\n").unwrap();
        assert_eq!(n.as_deref(), Some("io.github.acme/x"));
        assert_eq!(s[0].line, 2);
    }
}
