//! Human-readable summary for a terminal.

use super::matrix::first_line;
use mcpsweep_model::Inventory;
use std::fmt::Write;

pub fn render(inv: &Inventory) -> String {
    let mut o = String::new();
    let tools: usize = inv.servers.iter().map(|s| s.tools.len()).sum();
    for s in &inv.servers {
        let _ = writeln!(
            o,
            "{}  [{} · {}{}]  {}:{}",
            s.id,
            s.language,
            s.sdk,
            s.sdk_version
                .as_deref()
                .map(|v| format!(" {v}"))
                .unwrap_or_default(),
            s.entry.file,
            s.entry.line
        );
        for t in &s.transports {
            let _ = writeln!(
                o,
                "  serves {}{}{}{}",
                t.kind,
                t.path
                    .as_deref()
                    .map(|p| format!(" {p}"))
                    .unwrap_or_default(),
                t.bind
                    .as_deref()
                    .map(|b| format!(" on {b}"))
                    .unwrap_or_default(),
                t.dns_rebinding
                    .as_deref()
                    .map(|d| format!(" (DNS rebinding: {d})"))
                    .unwrap_or_default(),
            );
        }
        if let Some(a) = &s.auth {
            let _ = writeln!(o, "  auth {}", a.kind);
        }
        let owners = super::matrix::owners(s);
        if !owners.is_empty() {
            let _ = writeln!(o, "  owners {owners}");
        }
        if !s.env_vars.is_empty() {
            let _ = writeln!(o, "  reads env {}", super::matrix::env_names(&s.env_vars));
        }
        let mut hosts: Vec<&str> = s
            .endpoints
            .iter()
            .filter_map(|e| e.host.as_deref())
            .collect();
        hosts.sort();
        hosts.dedup();
        if !hosts.is_empty() {
            let _ = writeln!(o, "  calls {}", hosts.join(" "));
        }
        for sec in &s.secrets {
            let _ = writeln!(
                o,
                "  hard-coded {} ({}) at {}:{} fingerprint {}",
                sec.kind,
                sec.name.as_deref().unwrap_or("-"),
                sec.file,
                sec.line,
                sec.fingerprint
            );
        }
        for t in &s.tools {
            let m = match t.mutates {
                Some(true) => "mutates",
                Some(false) => "read-only",
                None => "unknown",
            };
            let name = if t.dynamic {
                format!("<dynamic: {}>", t.name)
            } else {
                t.name.clone()
            };
            let _ = writeln!(
                o,
                "  tool {name:<32} {m:<9} {}",
                first_line(t.description.as_deref())
            );
            let mut kinds: Vec<&str> = t.effects.iter().map(|e| e.kind.as_str()).collect();
            kinds.dedup();
            if !kinds.is_empty() {
                let _ = writeln!(o, "       effects: {}", kinds.join(", "));
            }
            if let Some(c) = &t.annotation_conflict {
                let _ = writeln!(o, "       conflict: {c}");
            }
        }
        for r in &s.resources {
            let _ = writeln!(
                o,
                "  resource {} {}",
                r.name,
                r.uri.as_deref().unwrap_or("")
            );
        }
        for p in &s.prompts {
            let _ = writeln!(o, "  prompt {}", p.name);
        }
        // a config in another root names its root
        let at = |r: &mcpsweep_model::ConfigRef| {
            if r.root == s.root {
                format!("{}:{}", r.file, r.line)
            } else {
                format!("{}/{}:{}", r.root, r.file, r.line)
            }
        };
        for r in &s.launched_by {
            let _ = writeln!(o, "  launched by {} ({} \"{}\")", at(r), r.client, r.name);
        }
        for r in &s.published_by {
            let _ = writeln!(o, "  published by {} ({} {})", at(r), r.client, r.name);
        }
    }
    super::configs::text(inv, &mut o);
    findings(inv, &mut o);
    let c = &inv.coverage;
    let _ = writeln!(
        o,
        "\n{} servers, {} tools in {} roots; {} files seen, {} candidates, {} parsed, {} not analysed, {} unresolved registrations",
        inv.servers.len(),
        tools,
        inv.roots.len(),
        c.files_seen,
        c.files_candidates,
        c.files_parsed,
        c.errors.len(),
        c.unresolved.len()
    );
    for e in c.errors.iter().take(20) {
        let _ = writeln!(o, "  gap: {}/{}: {}", e.root, e.file, e.reason);
    }
    if c.errors.len() > 20 {
        let _ = writeln!(
            o,
            "  ... and {} more (see --format json)",
            c.errors.len() - 20
        );
    }
    o
}

/// Findings, most severe first, then the counts (suppressed ones counted apart).
fn findings(inv: &Inventory, o: &mut String) {
    const ORDER: [&str; 5] = ["critical", "high", "medium", "low", "info"];
    let rank = |s: &str| ORDER.iter().position(|x| *x == s).unwrap_or(ORDER.len());
    let mut open: Vec<&mcpsweep_model::Finding> = inv
        .findings
        .iter()
        .filter(|f| f.suppression.is_none())
        .collect();
    if open.is_empty() && inv.findings.is_empty() {
        return;
    }
    open.sort_by_key(|f| rank(&f.severity));
    let _ = writeln!(o, "\nfindings:");
    for f in &open {
        let _ = writeln!(
            o,
            "  {:<8} {:<14} {}/{}:{}  {}",
            f.severity, f.rule, f.root, f.file, f.line, f.message
        );
    }
    let counts: Vec<String> = ORDER
        .iter()
        .map(|s| (s, open.iter().filter(|f| f.severity == *s).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {s}"))
        .collect();
    let suppressed = inv.findings.len() - open.len();
    let _ = writeln!(
        o,
        "  {} findings{}{}",
        open.len(),
        if counts.is_empty() {
            String::new()
        } else {
            format!(" ({})", counts.join(", "))
        },
        if suppressed > 0 {
            format!("; {suppressed} suppressed")
        } else {
            String::new()
        }
    );
}
