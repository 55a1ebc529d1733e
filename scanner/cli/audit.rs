//! Runs the audit rules over the inventory, then marks findings suppressed by an inline
//! comment (`mcpsweep: ignore[MCP-EXEC-001] reason`, on the finding's line or the line above)
//! or by a baseline (an earlier inventory JSON or SARIF log: findings whose fingerprint it
//! holds do not count).

use crate::record::Lines;
use anyhow::Context;
use mcpsweep_audit::RuleSet;
use mcpsweep_model::{Inventory, Suppression};
use std::collections::BTreeSet;
use std::path::Path;

/// Fingerprints of an earlier run's findings.
pub struct Baseline {
    pub file: String,
    pub fingerprints: BTreeSet<String>,
}

impl Baseline {
    /// Read an mcpsweep inventory JSON (`findings[].fingerprint`) or a SARIF log
    /// (`results[].partialFingerprints["mcpsweep/v1"]`). Suppressed findings of the old run
    /// are part of the baseline too.
    pub fn load(path: &Path) -> anyhow::Result<Baseline> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading baseline {}", path.display()))?;
        let v: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("baseline {} is not JSON", path.display()))?;
        let mut fingerprints = BTreeSet::new();
        if let Some(findings) = v.get("findings").and_then(|f| f.as_array()) {
            for f in findings {
                if let Some(fp) = f.get("fingerprint").and_then(|x| x.as_str()) {
                    fingerprints.insert(fp.to_string());
                }
            }
        } else if let Some(runs) = v.get("runs").and_then(|r| r.as_array()) {
            for r in runs {
                for res in r
                    .get("results")
                    .and_then(|x| x.as_array())
                    .into_iter()
                    .flatten()
                {
                    if let Some(fp) = res
                        .pointer("/partialFingerprints/mcpsweep~1v1")
                        .and_then(|x| x.as_str())
                    {
                        fingerprints.insert(fp.to_string());
                    }
                }
            }
        } else {
            anyhow::bail!(
                "baseline {}: neither an mcpsweep inventory (findings) nor a SARIF log (runs)",
                path.display()
            );
        }
        Ok(Baseline {
            file: path.display().to_string(),
            fingerprints,
        })
    }
}

/// Evaluate the rules and apply suppressions; the comments on the findings' lines come from
/// the roots' records.
pub fn run(inv: &mut Inventory, rules: &RuleSet, baseline: Option<&Baseline>, src: &Lines) {
    let mut findings = rules.evaluate(inv);
    for f in &mut findings {
        let above = f.line.checked_sub(1).filter(|l| *l > 0);
        let inline = [Some(f.line), above].into_iter().flatten().find_map(|l| {
            src.ignore(&f.root, &f.file, l)
                .and_then(|t| ignore_comment(t, &f.rule))
        });
        if let Some(reason) = inline {
            f.suppression = Some(Suppression {
                kind: "inline".into(),
                justification: reason,
            });
        } else if let Some(b) = baseline.filter(|b| b.fingerprints.contains(&f.fingerprint)) {
            f.suppression = Some(Suppression {
                kind: "baseline".into(),
                justification: format!("in baseline {}", b.file),
            });
        }
    }
    inv.findings = findings;
}

/// `mcpsweep: ignore[ID, ID2] reason` naming `rule`: the reason (or a note that none was
/// given).
pub fn ignore_comment(line: &str, rule: &str) -> Option<String> {
    let i = line
        .find("mcpsweep: ignore[")
        .or_else(|| line.find("mcpsweep:ignore["))?;
    let rest = &line[i..];
    let open = rest.find('[')?;
    let close = rest.find(']')?;
    let ids = &rest[open + 1..close];
    if !ids
        .split(',')
        .any(|id| id.trim().eq_ignore_ascii_case(rule))
    {
        return None;
    }
    let reason = rest[close + 1..]
        .trim()
        .trim_end_matches("*/")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches(['-', ':'])
        .trim();
    Some(if reason.is_empty() {
        "no reason given".into()
    } else {
        reason.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::ignore_comment;

    #[test]
    fn ignore_comments() {
        let l = "  exec(cmd) // mcpsweep: ignore[MCP-EXEC-001] fixed command list";
        assert_eq!(
            ignore_comment(l, "MCP-EXEC-001").as_deref(),
            Some("fixed command list")
        );
        assert_eq!(ignore_comment(l, "MCP-PATH-001"), None);
        assert_eq!(
            ignore_comment("# mcpsweep: ignore[MCP-A-001, MCP-B-002]", "MCP-B-002").as_deref(),
            Some("no reason given")
        );
        assert_eq!(
            ignore_comment("/* mcpsweep: ignore[MCP-A-001] - test only */", "MCP-A-001").as_deref(),
            Some("test only")
        );
    }
}
