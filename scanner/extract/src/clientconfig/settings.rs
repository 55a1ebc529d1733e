//! Settings of a client config that change what the client trusts or runs: pre-approved
//! servers and tools, hooks that run commands, model API base URLs. Values are kept as
//! compact JSON with every secret-looking part redacted.

use super::redact;
use super::tree::{Node, V};
use mcpsweep_model::ConfigSetting;

/// Tools an entry pre-approves: Cline / Roo `alwaysAllow` and `autoApprove` lists (`true`:
/// all, `*`), Gemini CLI `trust: true` (no confirmation for any of the server's tools).
pub fn auto_approve(n: &Node) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for key in ["alwaysAllow", "autoApprove"] {
        match n.get(key).map(|v| &v.v) {
            Some(V::Arr(a)) => out.extend(a.iter().filter_map(|x| x.scalar()).map(|s| s.into())),
            Some(V::Bool(true)) => out.push("*".into()),
            Some(V::Str(s)) if s == "*" || s == "true" => out.push("*".into()),
            _ => {}
        }
    }
    if n.get("trust").and_then(Node::bool) == Some(true) {
        out.push("*".into());
    }
    out.dedup();
    out
}

/// The trust- and launch-relevant settings of a client config file.
pub fn read(client: &str, doc: &Node) -> Vec<ConfigSetting> {
    let mut out = Vec::new();
    match client {
        "claude-code-settings" => claude(doc, &mut out),
        "vscode-settings" => {
            // as written: VS Code has spelt some of them two ways (`chat.mcp.autostart`,
            // now `chat.mcp.autoStart`)
            for (key, v) in doc.obj().unwrap_or_default() {
                let k = key.to_ascii_lowercase();
                if matches!(
                    k.as_str(),
                    "chat.tools.autoapprove"
                        | "chat.tools.global.autoapprove"
                        | "chat.mcp.autostart"
                ) {
                    out.push(setting(key, v, v.line));
                }
            }
        }
        _ => {}
    }
    out
}

/// Claude Code `.claude/settings.json` / `.claude/settings.local.json`.
fn claude(doc: &Node, out: &mut Vec<ConfigSetting>) {
    for key in ["enableAllProjectMcpServers", "enabledMcpjsonServers"] {
        if let Some(v) = doc.get(key) {
            out.push(setting(key, v, v.line));
        }
    }
    // MCP tools allowed without asking
    if let Some(allow) = doc.get("permissions").and_then(|p| p.get("allow")) {
        let mcp: Vec<Node> = allow
            .arr()
            .unwrap_or_default()
            .iter()
            .filter(|e| e.str().is_some_and(|s| s.starts_with("mcp__")))
            .cloned()
            .collect();
        if !mcp.is_empty() {
            let list = Node {
                line: allow.line,
                v: V::Arr(mcp),
            };
            out.push(setting("permissions.allow", &list, allow.line));
        }
    }
    // hooks: every command, under its event (`hooks.PreToolUse`)
    if let Some(events) = doc.get("hooks").and_then(Node::obj) {
        for (event, groups) in events {
            let key = format!("hooks.{event}");
            let mut commands = 0;
            for group in groups.arr().unwrap_or_default() {
                // `{matcher, hooks: [{type, command}]}`; older files put `command` on the group
                let hooks = group.get("hooks").and_then(Node::arr).unwrap_or_default();
                for hook in hooks.iter().chain(std::iter::once(group)) {
                    if let Some(c) = hook.get("command") {
                        out.push(setting(&key, c, c.line));
                        commands += 1;
                    }
                }
            }
            if commands == 0 {
                out.push(setting(&key, groups, groups.line));
            }
        }
    }
    // model API base URLs: where prompts, code and keys are sent
    if let Some(env) = doc.get("env").and_then(Node::obj) {
        for (name, v) in env {
            let n = name.to_ascii_uppercase();
            if n.ends_with("_BASE_URL") || n.ends_with("_API_BASE") {
                out.push(setting(&format!("env.{name}"), v, v.line));
            }
        }
    }
}

fn setting(key: &str, v: &Node, line: u32) -> ConfigSetting {
    let last = key.rsplit('.').next().unwrap_or(key);
    ConfigSetting {
        key: key.to_string(),
        value: compact(v, last),
        line,
    }
}

/// Compact JSON of a value: strings redacted (credential shapes, URL passwords, secret
/// query parameters), literals under a secret-looking key replaced.
pub fn compact(n: &Node, key: &str) -> String {
    match &n.v {
        V::Null => "null".into(),
        V::Bool(b) => b.to_string(),
        V::Num(s) => s.clone(),
        V::Str(s) => {
            let secret = redact::secret_name(key) && redact::classify(s).0 == "literal";
            let shown = if secret {
                redact::REDACTED.to_string()
            } else {
                redact::text(s)
            };
            serde_json::to_string(&shown).unwrap_or_default()
        }
        V::Arr(a) => format!(
            "[{}]",
            a.iter()
                .map(|x| compact(x, key))
                .collect::<Vec<_>>()
                .join(",")
        ),
        V::Obj(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!(
                    "{}:{}",
                    serde_json::to_string(k).unwrap_or_default(),
                    compact(v, k)
                ))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clientconfig::tree::json;

    #[test]
    fn claude_settings() {
        let doc = json(
            r#"{
  "enableAllProjectMcpServers": true,
  "enabledMcpjsonServers": ["github", "files"],
  "permissions": { "allow": ["Bash(npm test)", "mcp__github__create_issue"] },
  "hooks": { "PostToolUse": [ { "matcher": "Edit", "hooks": [ { "type": "command", "command": "npx prettier --write ." } ] } ] },
  "env": { "ANTHROPIC_BASE_URL": "https://user:pw-FAKESECRET@llm-proxy.example.com", "NODE_ENV": "dev" }
}"#,
        )
        .unwrap();
        let s = read("claude-code-settings", &doc);
        let kv: Vec<(&str, &str, u32)> = s
            .iter()
            .map(|s| (s.key.as_str(), s.value.as_str(), s.line))
            .collect();
        assert_eq!(kv[0], ("enableAllProjectMcpServers", "true", 2));
        assert_eq!(kv[1], ("enabledMcpjsonServers", r#"["github","files"]"#, 3));
        assert_eq!(
            kv[2],
            ("permissions.allow", r#"["mcp__github__create_issue"]"#, 4)
        );
        assert_eq!(
            kv[3],
            ("hooks.PostToolUse", r#""npx prettier --write .""#, 5)
        );
        assert_eq!(kv[4].0, "env.ANTHROPIC_BASE_URL");
        assert!(!kv[4].1.contains("FAKESECRET"), "{}", kv[4].1);
        assert_eq!(kv.len(), 5);
    }

    #[test]
    fn vscode_keys_and_old_hooks() {
        let doc = json(r#"{"chat.mcp.autoStart": "newAndOutdated", "editor.tabSize": 2}"#).unwrap();
        let s = read("vscode-settings", &doc);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].key, "chat.mcp.autoStart");
        let doc =
            json(r#"{"hooks": {"PreToolUse": [{"matcher": "Edit", "command": "bash x.sh"}]}}"#)
                .unwrap();
        let s = read("claude-code-settings", &doc);
        assert_eq!(s[0].key, "hooks.PreToolUse");
        assert_eq!(s[0].value, r#""bash x.sh""#);
    }

    #[test]
    fn auto_approve_lists() {
        let n = json(r#"{"alwaysAllow": ["read"], "autoApprove": true}"#).unwrap();
        assert_eq!(auto_approve(&n), ["read", "*"]);
        let n = json(r#"{"autoApprove": [], "trust": false}"#).unwrap();
        assert!(auto_approve(&n).is_empty());
    }
}
