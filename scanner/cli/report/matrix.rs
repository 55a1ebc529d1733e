//! The capability matrix: one row per tool (and one per server without tools), CSV or
//! Markdown.

use mcpsweep_model::{Annotations, Endpoint, EnvVar, Inventory, Server, Tool};

pub const COLUMNS: &[&str] = &[
    "server",
    "language",
    "sdk",
    "sdk_version",
    "tool",
    "dynamic",
    "mutates",
    "mutates_evidence",
    "readOnlyHint",
    "destructiveHint",
    "idempotentHint",
    "openWorldHint",
    "params",
    "effects",
    "annotation_conflict",
    "credentials",
    "endpoints",
    "server_credentials",
    "server_endpoints",
    "transport",
    "bind",
    "auth",
    "owners",
    "description",
    "location",
];

/// Distinct values in first-seen order, joined with spaces.
fn join_distinct<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for i in items {
        if !seen.contains(&i) {
            seen.push(i);
        }
    }
    seen.join(" ")
}

/// Distinct variable names, secret-like ones marked `*`.
pub fn env_names(vars: &[EnvVar]) -> String {
    let names: Vec<String> = vars
        .iter()
        .map(|v| {
            if v.secret_like {
                format!("{}*", v.name)
            } else {
                v.name.clone()
            }
        })
        .collect();
    join_distinct(names.iter().map(String::as_str))
}

/// Hosts of endpoints; an endpoint from an environment variable shows as `env:NAME`.
fn hosts(eps: &[Endpoint]) -> String {
    let hosts: Vec<String> = eps
        .iter()
        .map(|e| match (&e.host, &e.env_var) {
            (Some(h), _) => h.clone(),
            (None, Some(v)) => format!("env:{v}"),
            (None, None) => e.url.clone(),
        })
        .collect();
    join_distinct(hosts.iter().map(String::as_str))
}

fn hint(v: Option<bool>) -> String {
    v.map(|b| b.to_string()).unwrap_or_default()
}

fn tri(v: Option<bool>) -> String {
    match v {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => "unknown".into(),
    }
}

/// The CODEOWNERS owners of the server (`@org/team @user`), else its top committers
/// (`committers: Jane Doe (12), octocat (3)`); empty when neither is known.
pub fn owners(s: &Server) -> String {
    let Some(o) = &s.owners else {
        return String::new();
    };
    if let Some(rule) = o.codeowners.as_ref().filter(|r| !r.owners.is_empty()) {
        return rule.owners.join(" ");
    }
    if o.top_committers.is_empty() {
        return String::new();
    }
    let people: Vec<String> = o
        .top_committers
        .iter()
        .map(|c| format!("{} ({})", c.name, c.commits))
        .collect();
    format!("committers: {}", people.join(", "))
}

pub fn first_line(s: Option<&str>) -> String {
    s.and_then(|d| d.lines().map(str::trim).find(|l| !l.is_empty()))
        .unwrap_or("")
        .to_string()
}

fn row(s: &Server, t: Option<&Tool>) -> Vec<String> {
    let empty = Annotations::default();
    let a = t.map(|t| &t.annotations).unwrap_or(&empty);
    let evidence = t
        .and_then(|t| t.mutates_evidence.first())
        .map(|e| format!("{}: {}", e.source, e.detail))
        .unwrap_or_default();
    vec![
        s.id.clone(),
        s.language.clone(),
        s.sdk.clone(),
        s.sdk_version.clone().unwrap_or_default(),
        t.map(|t| t.name.clone()).unwrap_or_default(),
        t.map(|t| t.dynamic.to_string()).unwrap_or_default(),
        t.map(|t| tri(t.mutates)).unwrap_or_default(),
        evidence,
        hint(a.read_only_hint),
        hint(a.destructive_hint),
        hint(a.idempotent_hint),
        hint(a.open_world_hint),
        t.map(|t| {
            t.params
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default(),
        // what the tool does: effect kinds, and where they disagree with annotations
        t.map(|t| join_distinct(t.effects.iter().map(|e| e.kind.as_str())))
            .unwrap_or_default(),
        t.and_then(|t| t.annotation_conflict.clone())
            .unwrap_or_default(),
        // credentials (secret-like names marked *) and endpoints: the tool's, then the server's
        t.map(|t| env_names(&t.env_vars)).unwrap_or_default(),
        t.map(|t| hosts(&t.endpoints)).unwrap_or_default(),
        env_names(&s.env_vars),
        hosts(&s.endpoints),
        join_distinct(s.transports.iter().map(|t| t.kind.as_str())),
        join_distinct(s.transports.iter().filter_map(|t| t.bind.as_deref())),
        s.auth.as_ref().map(|a| a.kind.clone()).unwrap_or_default(),
        owners(s),
        first_line(t.and_then(|t| t.description.as_deref())),
        match t {
            Some(t) => format!("{}:{}", t.file, t.line),
            None => format!("{}:{}", s.entry.file, s.entry.line),
        },
    ]
}

fn rows(inv: &Inventory) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for s in &inv.servers {
        if s.tools.is_empty() {
            out.push(row(s, None));
        }
        for t in &s.tools {
            out.push(row(s, Some(t)));
        }
    }
    // servers launched by client configs whose code is not in the scanned roots
    for x in super::configs::external(inv) {
        let mut r = vec![String::new(); COLUMNS.len()];
        let mut set = |col: &str, v: String| {
            if let Some(i) = COLUMNS.iter().position(|c| *c == col) {
                r[i] = v;
            }
        };
        set("server", format!("external:{}", x.id));
        set(
            "description",
            format!("external server launched by {}", x.launched_by.join(", ")),
        );
        // with several roots the config's root is named (tool rows name it in `server`)
        let file = if inv.roots.len() > 1 {
            format!("{}/{}", x.root, x.file)
        } else {
            x.file.clone()
        };
        set("location", format!("{file}:{}", x.line));
        out.push(r);
    }
    out
}

pub fn csv(inv: &Inventory) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS).expect("in-memory write");
    for r in rows(inv) {
        w.write_record(&r).expect("in-memory write");
    }
    String::from_utf8(w.into_inner().expect("in-memory flush")).expect("CSV of UTF-8 strings")
}

fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

pub fn markdown(inv: &Inventory) -> String {
    let mut out = String::from("# MCP capability matrix\n\n");
    out.push_str(&format!(
        "{} servers, {} tools, {} files not analysed (see the inventory's coverage).\n\n",
        inv.servers.len(),
        inv.servers.iter().map(|s| s.tools.len()).sum::<usize>(),
        inv.coverage.errors.len()
    ));
    out.push_str(&format!("| {} |\n", COLUMNS.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(COLUMNS.len())));
    for r in rows(inv) {
        let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    super::configs::markdown(inv, &mut out);
    out
}
