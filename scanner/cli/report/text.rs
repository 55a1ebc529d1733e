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
    }
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
