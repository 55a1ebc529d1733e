//! Audit: rules as data over the model. This crate sees only the model (no files, no
//! tree-sitter): every fact a rule needs is in the inventory.
//!
//! Built-in rules are `rules/*.toml`, embedded at build time; `--rules DIR` loads user rules
//! through the same loader ([`RuleSet::load_dir`]).

pub mod predicate;
pub mod rule;

pub use rule::{Example, Expect, LoadError, Precision, Rule, Severity};

use mcpsweep_model::{Finding, Inventory};
use sha2::{Digest, Sha256};
use std::path::Path;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// A loaded, validated set of rules, sorted by id.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
}

impl RuleSet {
    /// The built-in rules. An error here is a bug in a rule file (a test loads them all).
    pub fn builtin() -> Result<RuleSet, Vec<LoadError>> {
        use rayon::prelude::*;
        // side by side: parsing the rule files is most of a scan's start-up time
        let parsed: Vec<_> = builtin::BUILTIN
            .par_iter()
            .map(|(name, text)| rule::parse_rule(&format!("rules/{name}"), text))
            .collect();
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        for r in parsed {
            match r {
                Ok(r) => set.rules.push(r),
                Err(e) => errors.push(e),
            }
        }
        set.finish(errors)
    }

    /// Add the rules of `dir` (every `*.toml`, sorted). A rule with the id of a loaded rule
    /// replaces it.
    pub fn load_dir(&mut self, dir: &Path) -> Result<(), Vec<LoadError>> {
        let read = std::fs::read_dir(dir).map_err(|e| {
            vec![LoadError {
                file: dir.display().to_string(),
                line: 0,
                column: 0,
                message: format!("cannot read the rules folder: {e}"),
            }]
        })?;
        let mut files: Vec<_> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        let mut errors = Vec::new();
        for f in files {
            let name = f.display().to_string();
            match std::fs::read_to_string(&f) {
                Ok(text) => match rule::parse_rule(&name, &text) {
                    Ok(r) => {
                        self.rules.retain(|x| x.id != r.id);
                        self.rules.push(r);
                    }
                    Err(e) => errors.push(e),
                },
                Err(e) => errors.push(LoadError {
                    file: name,
                    line: 0,
                    column: 0,
                    message: format!("cannot read: {e}"),
                }),
            }
        }
        let taken = std::mem::take(self);
        *self = taken.finish(errors)?;
        Ok(())
    }

    fn finish(mut self, errors: Vec<LoadError>) -> Result<RuleSet, Vec<LoadError>> {
        if !errors.is_empty() {
            return Err(errors);
        }
        self.rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(self)
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id.eq_ignore_ascii_case(id))
    }

    /// Drop rules by id (an org's `disabled` list).
    pub fn disable(&mut self, ids: &[String]) {
        self.rules
            .retain(|r| !ids.iter().any(|d| d.eq_ignore_ascii_case(&r.id)));
    }

    /// Run every rule over the inventory. Findings are sorted (root, file, line, rule) and
    /// carry a fingerprint of rule, root, file and logical anchor.
    pub fn evaluate(&self, inv: &Inventory) -> Vec<Finding> {
        use rayon::prelude::*;
        let context: std::collections::HashMap<&str, &str> = inv
            .servers
            .iter()
            .map(|s| (s.id.as_str(), s.context.as_str()))
            .collect();
        // the rules side by side (each reads the whole inventory), collected in rule order
        let per_rule: Vec<Vec<Finding>> =
            self.rules
                .par_iter()
                .with_max_len(1)
                .map(|r| {
                    let mut out = Vec::new();
                    for h in r.matcher.eval(inv) {
                        // a finding about a server of a context the rule does not audit (a finding
                        // at a client config entry is about the config, whatever it launches)
                        let ctx = h.context.as_deref().or_else(|| {
                            h.server.as_deref().and_then(|id| context.get(id).copied())
                        });
                        let at_config = inv
                            .configs
                            .iter()
                            .any(|c| c.root == h.root && c.file == h.file);
                        if !at_config && ctx.is_some_and(|c| !r.contexts.iter().any(|x| x == c)) {
                            continue;
                        }
                        let message = fill(&r.message, &h.vars);
                        out.push(Finding {
                            rule: r.id.clone(),
                            severity: r.severity.as_str().to_string(),
                            fingerprint: fingerprint(&r.id, &h.root, &h.file, &h.anchor),
                            root: h.root,
                            file: h.file,
                            line: h.line,
                            column: h.column,
                            message,
                            server: h.server,
                            tool: h.tool,
                            suppression: None,
                        });
                    }
                    out
                })
                .collect();
        let mut out: Vec<Finding> = per_rule.into_iter().flatten().collect();
        sort_findings(&mut out);
        out
    }
}

/// The deterministic order of findings.
pub fn sort_findings(v: &mut Vec<Finding>) {
    v.sort_by(|a, b| {
        (
            &a.root,
            &a.file,
            a.line,
            a.column,
            &a.rule,
            &a.message,
            &a.fingerprint,
        )
            .cmp(&(
                &b.root,
                &b.file,
                b.line,
                b.column,
                &b.rule,
                &b.message,
                &b.fingerprint,
            ))
    });
    v.dedup_by(|a, b| a.fingerprint == b.fingerprint && a.line == b.line);
}

/// Fill `{placeholders}`; unknown ones stay as written.
fn fill(template: &str, vars: &std::collections::BTreeMap<&'static str, String>) -> String {
    let mut s = template.to_string();
    for (k, v) in vars {
        s = s.replace(&format!("{{{k}}}"), &one_line(v));
    }
    s
}

/// Values in messages stay on one line and short.
fn one_line(v: &str) -> String {
    let v: String = v.split_whitespace().collect::<Vec<_>>().join(" ");
    if v.chars().count() > 80 {
        let mut t: String = v.chars().take(77).collect();
        t.push_str("...");
        t
    } else {
        v
    }
}

/// 16 hex digits of SHA-256 over the rule, root, file and anchor.
pub fn fingerprint(rule: &str, root: &str, file: &str, anchor: &str) -> String {
    let mut h = Sha256::new();
    for part in [rule, root, file, anchor] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Does `--fail-on SEVERITY` trip? Suppressed findings never count.
pub fn fails(findings: &[Finding], threshold: Severity) -> bool {
    findings.iter().any(|f| {
        f.suppression.is_none() && Severity::parse(&f.severity).is_some_and(|s| s >= threshold)
    })
}

/// The README's rule table, generated from the rule files.
pub fn readme_table(rules: &RuleSet) -> String {
    let mut s = String::from(
        "| Rule | Title | Severity | Precision | CWE | SOC2 | Domain |\n|---|---|---|---|---|---|---|\n",
    );
    for r in &rules.rules {
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} |\n",
            r.id,
            r.title.replace('|', "\\|"),
            r.severity,
            r.precision.as_str(),
            r.cwe.join(", "),
            r.soc2.join(", "),
            r.domain
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_load() {
        let set = RuleSet::builtin().unwrap_or_else(|e| {
            panic!(
                "{}",
                e.iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        assert!(!set.rules.is_empty());
    }

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        let a = fingerprint("R", "root", "a.py", "x");
        assert_eq!(a, fingerprint("R", "root", "a.py", "x"));
        assert_ne!(a, fingerprint("R", "root", "a.py", "y"));
        assert_eq!(a.len(), 16);
    }
}
