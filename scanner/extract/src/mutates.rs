//! The `mutates` verdict of a tool, from evidence in a fixed order of strength: effects found
//! in the handler, declared annotations, then the tool's name and description wording.
//! SDK-filled defaults (mcp-go's destructive=true on every tool) are recorded but rank below
//! wording: they say nothing about this tool in particular.

use mcpsweep_model::{Evidence, Tool};

/// Verbs that name a change of state.
const MUTATING_VERBS: &[&str] = &[
    "add",
    "append",
    "apply",
    "approve",
    "archive",
    "assign",
    "cancel",
    "charge",
    "chmod",
    "clear",
    "close",
    "commit",
    "create",
    "delete",
    "deploy",
    "destroy",
    "disable",
    "drop",
    "edit",
    "enable",
    "exec",
    "execute",
    "insert",
    "install",
    "invite",
    "kill",
    "merge",
    "mkdir",
    "modify",
    "move",
    "patch",
    "pay",
    "post",
    "publish",
    "purge",
    "push",
    "put",
    "reboot",
    "refund",
    "remove",
    "rename",
    "reset",
    "restart",
    "revoke",
    "rm",
    "run",
    "save",
    "schedule",
    "send",
    "set",
    "shutdown",
    "start",
    "stop",
    "submit",
    "terminate",
    "transfer",
    "truncate",
    "uninstall",
    "update",
    "upload",
    "upsert",
    "wipe",
    "write",
];

/// Verbs that name a read.
const READING_VERBS: &[&str] = &[
    "analyze",
    "browse",
    "calculate",
    "check",
    "compare",
    "count",
    "describe",
    "diff",
    "download",
    "echo",
    "explain",
    "export",
    "fetch",
    "find",
    "get",
    "inspect",
    "list",
    "lookup",
    "peek",
    "preview",
    "query",
    "read",
    "resolve",
    "retrieve",
    "search",
    "show",
    "stat",
    "status",
    "summarize",
    "validate",
    "view",
    "whoami",
];

/// Verbs that decide nothing when they are the whole name.
const AMBIGUOUS_ALONE: &[&str] = &["add", "set", "run", "start", "stop", "apply", "post", "put"];

pub fn decide(t: &Tool) -> (Option<bool>, Vec<Evidence>) {
    let mut ev: Vec<Evidence> = Vec::new();
    for e in &t.effects {
        let m = crate::effects::is_mutating(&e.kind);
        ev.push(Evidence {
            source: "effect".into(),
            detail: format!("{} at {}:{}", e.kind, e.file, e.line),
            mutates: m,
            confidence: e.confidence.clone(),
        });
    }
    let a = &t.annotations;
    if a.read_only_hint == Some(true) {
        ev.push(Evidence {
            source: "annotation".into(),
            detail: "readOnlyHint: true".into(),
            mutates: false,
            confidence: None,
        });
    }
    if a.destructive_hint == Some(true) {
        ev.push(Evidence {
            source: "annotation".into(),
            detail: "destructiveHint: true".into(),
            mutates: true,
            confidence: None,
        });
    }
    if a.read_only_hint == Some(false) {
        ev.push(Evidence {
            source: "annotation".into(),
            detail: "readOnlyHint: false".into(),
            mutates: true,
            confidence: None,
        });
    }
    if !t.dynamic {
        if let Some((verb, m)) = verb_of(&t.name) {
            ev.push(Evidence {
                source: "name".into(),
                detail: format!("name verb \"{verb}\""),
                mutates: m,
                confidence: None,
            });
        }
    }
    if let Some((verb, m)) = t.description.as_deref().and_then(first_words_verb) {
        ev.push(Evidence {
            source: "description".into(),
            detail: format!("description verb \"{verb}\""),
            mutates: m,
            confidence: None,
        });
    }
    if let Some(d) = &t.sdk_default_annotations {
        if a.read_only_hint.is_none()
            && a.destructive_hint.is_none()
            && d.destructive_hint == Some(true)
        {
            ev.push(Evidence {
                source: "sdk-default".into(),
                detail: "destructiveHint: true (SDK default)".into(),
                mutates: true,
                confidence: None,
            });
        }
    }
    // The strongest source decides; within a source, any mutating evidence wins. A write of
    // low confidence (a POST to a URL whose end is not known) decides only when no other
    // source does: until then, the tool's certain reads do not say it only reads.
    let low = |e: &Evidence| e.confidence.as_deref() == Some("low");
    let unsure_write = ev
        .iter()
        .any(|e| e.source == "effect" && low(e) && e.mutates);
    let verdict = ["effect", "annotation", "name", "description", "effect-low"]
        .iter()
        .find_map(|src| {
            let of: Vec<&Evidence> = match *src {
                "effect-low" => ev.iter().filter(|e| e.source == "effect").collect(),
                "effect" => {
                    let sure: Vec<&Evidence> = ev
                        .iter()
                        .filter(|e| e.source == "effect" && !low(e))
                        .collect();
                    if unsure_write && !sure.iter().any(|e| e.mutates) {
                        return None;
                    }
                    sure
                }
                _ => ev.iter().filter(|e| e.source == *src).collect(),
            };
            (!of.is_empty()).then(|| of.iter().any(|e| e.mutates))
        });
    (verdict, ev)
}

/// The leading verb of a tool name in any case style: `delete_file`, `deleteFile`,
/// `files.delete` (last segment first), `kebab-case`.
fn verb_of(name: &str) -> Option<(String, bool)> {
    let words = split_words(name);
    // a namespaced name (`github.create_issue`, `db_users_list`) may carry the verb anywhere
    for w in words.iter().take(4) {
        // `add` alone is arithmetic as often as not; `add_user` is a write.
        if words.len() == 1 && AMBIGUOUS_ALONE.contains(&w.as_str()) {
            return None;
        }
        if let Some(m) = classify(w) {
            return Some((w.clone(), m));
        }
    }
    None
}

fn first_words_verb(desc: &str) -> Option<(String, bool)> {
    let first = desc.split_whitespace().next()?;
    let w = first
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let stem = w
        .strip_suffix("es")
        .filter(|s| classify(s).is_some())
        .or_else(|| w.strip_suffix('s').filter(|s| classify(s).is_some()))
        .unwrap_or(&w)
        .to_string();
    classify(&stem).map(|m| (stem, m))
}

fn classify(w: &str) -> Option<bool> {
    if MUTATING_VERBS.contains(&w) {
        Some(true)
    } else if READING_VERBS.contains(&w) {
        Some(false)
    } else {
        None
    }
}

fn split_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(split_words("deleteFile"), ["delete", "file"]);
        assert_eq!(
            split_words("github.create_issue"),
            ["github", "create", "issue"]
        );
        assert_eq!(verb_of("list-repos"), Some(("list".into(), false)));
        assert_eq!(verb_of("weather"), None);
        assert_eq!(
            first_words_verb("Deletes a file."),
            Some(("delete".into(), true))
        );
        assert_eq!(first_words_verb("Returns the weather"), None);
    }
}
