//! Audit rules: every built-in rule's examples run through the real scanner (one scan, one
//! root per example); the rule loader's errors; the README's rule table; `--fail-on`,
//! suppressions and baselines.

use crate::common::{mcpsweep, repo};
use mcpsweep_audit::{Expect, RuleSet};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn builtin() -> RuleSet {
    RuleSet::builtin().unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

/// Write every example of every rule under `dir/<rule>/<n>/` and return the root names.
pub fn write_examples(set: &RuleSet, dir: &Path) -> Vec<(String, String, Expect, String)> {
    let mut roots = Vec::new();
    for r in &set.rules {
        for (i, ex) in r.examples.iter().enumerate() {
            let root = format!("{}/{}", r.id, i + 1);
            for (path, text) in &ex.files {
                let p = dir.join(&root).join(path);
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(&p, text).unwrap();
            }
            roots.push((r.id.clone(), root, ex.expect, ex.note.clone()));
        }
    }
    roots
}

#[test]
fn every_rule_has_a_failing_and_a_passing_example_and_they_hold() {
    let set = builtin();
    assert!(set.rules.len() >= 10, "{} rules", set.rules.len());
    for r in &set.rules {
        assert!(
            r.examples.iter().any(|e| e.expect == Expect::Fail)
                && r.examples.iter().any(|e| e.expect == Expect::Pass),
            "{} needs at least one failing and one passing example",
            r.id
        );
    }
    let tmp = tempfile::tempdir().unwrap();
    let roots = write_examples(&set, tmp.path());
    let mut args = vec!["scan", "--format", "json", "--no-progress"];
    args.extend(roots.iter().map(|r| r.1.as_str()));
    let run = mcpsweep(tmp.path(), &args);
    assert!(run.code == 0, "scan failed ({}): {}", run.code, run.stderr);
    let inv: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut fired: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in inv["findings"].as_array().unwrap() {
        fired
            .entry(f["root"].as_str().unwrap().to_string())
            .or_default()
            .insert(f["rule"].as_str().unwrap().to_string());
    }
    let mut failures = Vec::new();
    for (rule, root, expect, note) in &roots {
        let got = fired.get(root).is_some_and(|s| s.contains(rule));
        let ok = match expect {
            Expect::Fail => got,
            Expect::Pass => !got,
        };
        if !ok {
            failures.push(format!(
                "{root} ({note}): expected {rule} to {}; rules fired: {:?}",
                if *expect == Expect::Fail {
                    "fire"
                } else {
                    "stay quiet"
                },
                fired.get(root)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn readme_rule_table_is_generated_from_the_rule_files() {
    let table = mcpsweep_audit::readme_table(&builtin());
    let readme_path = repo().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = readme.find(start).expect("README has a rules:start marker") + start.len();
    let b = readme.find(end).expect("README has a rules:end marker");
    if std::env::var_os("MCPSWEEP_BLESS").is_some() {
        let new = format!("{}{}{}", &readme[..a], table, &readme[b..]);
        std::fs::write(&readme_path, new).unwrap();
        return;
    }
    assert_eq!(
        &readme[a..b],
        table,
        "README's rule table is stale: run MCPSWEEP_BLESS=1 cargo test --test integration readme_rule_table"
    );
}

fn load_error(text: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("MCP-TEST-001.toml"), text).unwrap();
    let mut set = RuleSet::default();
    let errs = set
        .load_dir(tmp.path())
        .expect_err("the rule must not load");
    errs[0]
        .to_string()
        .replace(&tmp.path().display().to_string(), "DIR")
}

const GOOD: &str = r#"id = "MCP-TEST-001"
name = "TestRule"
title = "A test rule"
severity = "low"
precision = "high"
domain = "D4"
message = "Tool '{tool}' passes {name} to {callee}."

[docs]
summary = "s"
flags = "f"
why = "w"
fix = "x"

[match.flow]
sources = ["tool-arg"]
sinks = ["shell"]
"#;

#[test]
fn user_rules_load_through_the_same_loader() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("MCP-TEST-001.toml"), GOOD).unwrap();
    let mut set = builtin();
    let n = set.rules.len();
    set.load_dir(tmp.path()).unwrap();
    assert_eq!(set.rules.len(), n + 1);
    assert!(set.get("MCP-TEST-001").is_some());
}

#[test]
fn bad_rule_files_fail_with_file_and_position() {
    let e = load_error(&GOOD.replace("domain = \"D4\"", "domain = \"D4\"\ncolour = \"red\""));
    assert!(
        e.starts_with("DIR/MCP-TEST-001.toml:7:1: unknown field `colour`"),
        "{e}"
    );
    let e = load_error(&GOOD.replace("sinks = [\"shell\"]", "sinks = [\"shel\"]"));
    assert!(
        e.contains(":17:") && e.contains("unknown flow sink `shel`"),
        "{e}"
    );
    let e = load_error(&GOOD.replace("[match.flow]", "[match.flowz]"));
    assert!(
        e.contains(":15:") && e.contains("unknown variant `flowz`"),
        "{e}"
    );
    let e = load_error(&GOOD.replace("{callee}", "{nope}"));
    assert!(
        e.contains(":7:1:") && e.contains("placeholder {nope}"),
        "{e}"
    );
    let e = load_error(&GOOD.replace(
        "[match.flow]\nsources = [\"tool-arg\"]\nsinks = [\"shell\"]",
        "[[match.config-launch.patterns]]\nregex = \"(unclosed\"\nlabel = \"x\"",
    ));
    assert!(e.contains(":16:") && e.contains("bad regex"), "{e}");
    let e = load_error(&GOOD.replace("id = \"MCP-TEST-001\"", "id = \"MCP-TEST-002\""));
    assert!(e.contains("does not match the file name"), "{e}");
}

#[test]
fn rules_and_rule_commands() {
    let run = mcpsweep(&repo(), &["rules"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.lines().count() >= 10);
    let run = mcpsweep(&repo(), &["rule", "MCP-CFG-002"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for h in ["## What it flags", "## Why it matters", "## How to fix"] {
        assert!(run.stdout.contains(h), "{}", run.stdout);
    }
    let run = mcpsweep(&repo(), &["rule", "MCP-NOPE-999"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no rule `MCP-NOPE-999`"));
}

const UNPINNED: &str =
    r#"{ "mcpServers": { "gh": { "command": "npx", "args": ["-y", "@acme/gh-mcp"] } } }"#;

#[test]
fn fail_on_inline_suppression_and_baseline() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join(".mcp.json"), UNPINNED).unwrap();
    // medium finding: --fail-on medium trips, --fail-on high does not
    let run = mcpsweep(d, &["scan", ".", "-f", "json", "--fail-on", "medium"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let run = mcpsweep(d, &["scan", ".", "-f", "json", "--fail-on", "high"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // a baseline made from this run suppresses it
    let run = mcpsweep(d, &["scan", ".", "-f", "json", "-o", "base.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = mcpsweep(
        d,
        &[
            "scan",
            ".",
            "-f",
            "sarif",
            "--fail-on",
            "low",
            "--baseline",
            "base.json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 0);
    // ... and so does a SARIF baseline
    let full = mcpsweep(d, &["scan", ".", "-f", "sarif", "-o", "base.sarif"]);
    assert_eq!(full.code, 0, "{}", full.stderr);
    let run = mcpsweep(
        d,
        &[
            "scan",
            ".",
            "-f",
            "json",
            "--fail-on",
            "low",
            "--baseline",
            "base.sarif",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let inv: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(inv["findings"][0]["suppression"]["kind"], "baseline");
    // an inline comment (JSONC) on the entry's line suppresses it, with its reason
    std::fs::write(
        d.join(".mcp.json"),
        "{ \"mcpServers\": {\n  // mcpsweep: ignore[MCP-CFG-002] internal registry, immutable tags\n  \"gh\": { \"command\": \"npx\", \"args\": [\"-y\", \"@acme/gh-mcp\"] } } }",
    )
    .unwrap();
    let run = mcpsweep(d, &["scan", ".", "-f", "json", "--fail-on", "low"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let inv: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let f = &inv["findings"][0];
    assert_eq!(f["suppression"]["kind"], "inline");
    assert_eq!(
        f["suppression"]["justification"],
        "internal registry, immutable tags"
    );
    // the GitHub profile leaves it out, the full profile keeps it as suppressed
    let gh = mcpsweep(d, &["scan", ".", "-f", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&gh.stdout).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 0);
    let full = mcpsweep(d, &["scan", ".", "-f", "sarif", "--sarif-profile", "full"]);
    let v: serde_json::Value = serde_json::from_str(&full.stdout).unwrap();
    let s = &v["runs"][0]["results"][0]["suppressions"][0];
    assert_eq!(s["kind"], "inSource");
    assert_eq!(s["justification"], "internal registry, immutable tags");
}

#[test]
fn a_bad_user_rule_is_an_operational_error_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("myrules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(
        rules.join("MCP-TEST-001.toml"),
        GOOD.replace("severity = \"low\"", "severity = \"urgent\""),
    )
    .unwrap();
    let run = mcpsweep(
        tmp.path(),
        &["scan", ".", "-f", "json", "--rules", "myrules"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("myrules/MCP-TEST-001.toml:4:")
            && run.stderr.contains("unknown variant `urgent`"),
        "{}",
        run.stderr
    );
}
