//! Client configs and manifests in the reports: the external servers they launch (for the
//! capability matrix) and a per-entry listing (text and Markdown). Only what the model holds
//! is shown: it never has a literal variable or header value.

use mcpsweep_model::{ConfigServer, ConfigValue, Inventory};

/// A server launched by configs whose code is not in the scanned roots.
pub struct External {
    /// `npm:@scope/pkg@1.2`, `oci:acme/x`, `url:https://...`, `path:...`, `config:name`.
    pub id: String,
    pub root: String,
    pub file: String,
    pub line: u32,
    /// `file:line (client)` of every entry launching it.
    pub launched_by: Vec<String>,
}

pub fn identity(e: &ConfigServer) -> String {
    match &e.launch {
        Some(l) => {
            let v = l
                .version
                .as_deref()
                .map(|v| format!("@{v}"))
                .unwrap_or_default();
            format!("{}:{}{}", l.ecosystem, l.target, v)
        }
        None => match &e.url {
            Some(u) => format!("url:{u}"),
            None => format!("config:{}", e.name),
        },
    }
}

/// External servers, one per identity, in order of first appearance (configs are sorted).
pub fn external(inv: &Inventory) -> Vec<External> {
    let mut out: Vec<External> = Vec::new();
    for c in inv.configs.iter().filter(|c| c.kind == "client") {
        for e in c.servers.iter().filter(|e| e.links.is_empty()) {
            let id = identity(e);
            let at = format!("{}:{} ({})", c.file, e.line, c.client);
            match out.iter_mut().find(|x| x.id == id) {
                Some(x) => x.launched_by.push(at),
                None => out.push(External {
                    id,
                    root: c.root.clone(),
                    file: c.file.clone(),
                    line: e.line,
                    launched_by: vec![at],
                }),
            }
        }
    }
    out
}

fn values(label: &str, v: &[ConfigValue]) -> String {
    if v.is_empty() {
        return String::new();
    }
    let items: Vec<String> = v
        .iter()
        .map(|x| {
            let r = x
                .reference
                .as_deref()
                .map(|r| format!("({r})"))
                .unwrap_or_default();
            let s = if x.secret { " SECRET" } else { "" };
            format!("{}={}{r}{s}", x.name, x.value)
        })
        .collect();
    format!("{label}: {}", items.join(" "))
}

fn launches(e: &ConfigServer) -> String {
    let mut parts = Vec::new();
    if let Some(c) = &e.command {
        parts.push(c.clone());
        parts.extend(e.args.iter().cloned());
    }
    if let Some(u) = &e.url {
        if e.command.is_none() {
            parts.push(u.clone());
        }
    }
    if parts.is_empty() {
        if let Some(l) = &e.launch {
            parts.push(identity_of_launch(l));
        }
    }
    parts.join(" ")
}

fn identity_of_launch(l: &mcpsweep_model::Launch) -> String {
    let v = l
        .version
        .as_deref()
        .map(|v| format!("@{v}"))
        .unwrap_or_default();
    format!("{} {}{v}", l.ecosystem, l.target)
}

/// Counts over all config entries: (files, entries, external, literal secrets, unpinned
/// launches, plain-http URLs).
pub fn totals(inv: &Inventory) -> (usize, usize, usize, usize, usize, usize) {
    let entries = inv.configs.iter().flat_map(|c| c.servers.iter());
    let mut n = (inv.configs.len(), 0, external(inv).len(), 0, 0, 0);
    for e in entries {
        n.1 += 1;
        n.3 += e
            .env
            .iter()
            .chain(&e.headers)
            .filter(|v| v.value == "literal" && v.secret)
            .count();
        n.3 += e.warnings.iter().any(|w| w == "secret-in-args") as usize;
        n.4 += e
            .warnings
            .iter()
            .any(|w| matches!(w.as_str(), "unpinned" | "latest" | "version-range"))
            as usize;
        n.5 += e.warnings.iter().any(|w| w == "plain-http") as usize;
    }
    n
}

pub fn text(inv: &Inventory, o: &mut String) {
    use std::fmt::Write;
    if inv.configs.is_empty() {
        return;
    }
    let (files, entries, ext, secrets, unpinned, http) = totals(inv);
    let _ = writeln!(
        o,
        "\n{files} client configs and manifests, {entries} entries: {ext} external servers, {secrets} literal secrets, {unpinned} unpinned launches, {http} plain-http URLs"
    );
    let multi = inv.roots.len() > 1;
    for c in &inv.configs {
        let file = if multi {
            format!("{}/{}", c.root, c.file)
        } else {
            c.file.clone()
        };
        let name = c
            .name
            .as_deref()
            .map(|n| format!(" {n}"))
            .unwrap_or_default();
        let _ = writeln!(o, "{file}  [{} {}{name}]", c.client, c.kind);
        for e in &c.servers {
            let target = if e.links.is_empty() {
                if c.kind == "client" {
                    "external".to_string()
                } else {
                    "no server found".to_string()
                }
            } else {
                format!("-> {}", e.links.join(", "))
            };
            let mut extra: Vec<String> = Vec::new();
            extra.push(values("env", &e.env));
            extra.push(values("headers", &e.headers));
            if !e.warnings.is_empty() {
                extra.push(format!("warnings: {}", e.warnings.join(",")));
            }
            if e.disabled {
                extra.push("disabled".into());
            }
            let extra: Vec<String> = extra.into_iter().filter(|x| !x.is_empty()).collect();
            let _ = writeln!(
                o,
                "  {}:{}  {} {}  {}  {}{}",
                e.name,
                e.line,
                e.kind,
                e.transport.as_deref().unwrap_or("-"),
                launches(e),
                target,
                if extra.is_empty() {
                    String::new()
                } else {
                    format!("  {}", extra.join("; "))
                }
            );
        }
        for i in &c.inputs {
            let _ = writeln!(
                o,
                "  input {}{}",
                i.id,
                if i.secret { " (secret)" } else { "" }
            );
        }
    }
}

fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

pub fn markdown(inv: &Inventory, o: &mut String) {
    if inv.configs.is_empty() {
        return;
    }
    let (files, entries, ext, secrets, unpinned, http) = totals(inv);
    o.push_str("\n## MCP client configs and manifests\n\n");
    o.push_str(&format!(
        "{files} files, {entries} entries: {ext} external servers, {secrets} literal secrets, {unpinned} unpinned launches, {http} plain-http URLs. Values of variables and headers are never shown, only their kind.\n\n"
    ));
    o.push_str("| file | client | entry | kind | transport | launches | env | headers | warnings | server |\n");
    o.push_str("|---|---|---|---|---|---|---|---|---|---|\n");
    let multi = inv.roots.len() > 1;
    for c in &inv.configs {
        let file = if multi {
            format!("{}/{}", c.root, c.file)
        } else {
            c.file.clone()
        };
        for e in &c.servers {
            let server = if e.links.is_empty() {
                if c.kind == "client" {
                    "external".to_string()
                } else {
                    String::new()
                }
            } else {
                e.links.join(" ")
            };
            let cells = [
                format!("{file}:{}", e.line),
                format!("{} {}", c.client, c.kind),
                e.name.clone(),
                e.kind.clone(),
                e.transport.clone().unwrap_or_default(),
                launches(e),
                values("", &e.env).trim_start_matches(": ").to_string(),
                values("", &e.headers).trim_start_matches(": ").to_string(),
                e.warnings.join(" "),
                server,
            ];
            let cells: Vec<String> = cells.iter().map(|c| md_cell(c)).collect();
            o.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
}
