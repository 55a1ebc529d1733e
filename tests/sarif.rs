//! SARIF output: valid against the official OASIS 2.1.0 schema and holding every GitHub
//! requirement of shared/docs/sarif.md §10 (the S-numbers below).

use crate::common::{mcpsweep, repo};
use crate::rules::write_examples;
use mcpsweep_audit::RuleSet;
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/fixtures/sarif/sarif-schema-2.1.0.json"))
            .unwrap(),
    )
    .unwrap();
    jsonschema::draft4::new(&schema).expect("the SARIF schema compiles")
}

/// When MCPSWEEP_SARIF_OUT names a folder, every SARIF log the tests check is also written
/// there, for `.ci/run` to validate with Microsoft's SARIF multitool (GitHub rules).
fn keep(text: &str) {
    if let Some(dir) = std::env::var_os("MCPSWEEP_SARIF_OUT") {
        let dir = Path::new(&dir);
        std::fs::create_dir_all(dir).unwrap();
        let name = format!(
            "{}.sarif",
            mcpsweep_audit::fingerprint("sarif", "", "", text)
        );
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// S-02 and the GitHub checks of sarif.md §10.
pub fn check_sarif(text: &str, cwd: &Path) {
    keep(text);
    assert!(!text.starts_with('\u{feff}'), "S-01 no BOM");
    let log: Value = serde_json::from_str(text).expect("S-01 SARIF is JSON");
    let errors: Vec<String> = validator()
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "S-02 schema errors:\n{}",
        errors.join("\n")
    );
    assert_eq!(
        log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json",
        "S-03"
    );
    assert_eq!(log["version"], "2.1.0", "S-04");
    let runs = log["runs"].as_array().unwrap();
    assert!(!runs.is_empty() && runs.len() <= 20, "S-05");
    let mut categories = HashSet::new();
    let cwe = regex::Regex::new(r"^external/cwe/cwe-\d+$").unwrap();
    let hash = regex::Regex::new(r"^[0-9a-f]{1,16}:[1-9]\d*$").unwrap();
    let rule_id = regex::Regex::new(r"^MCP-[A-Z]+-\d{3}$").unwrap();
    for run in runs {
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "mcpsweep", "S-08");
        assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"), "S-09");
        assert!(
            driver["informationUri"]
                .as_str()
                .unwrap()
                .starts_with("https://"),
            "S-10"
        );
        let id = run["automationDetails"]["id"].as_str().unwrap();
        assert!(
            id.starts_with("mcpsweep/") && id.ends_with('/'),
            "S-12 {id}"
        );
        assert!(
            categories.insert(id.to_string()),
            "S-05 duplicate category {id}"
        );
        let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .unwrap();
        assert!(
            base.starts_with("file:///") && base.ends_with('/'),
            "S-13 {base}"
        );
        assert_eq!(run["columnKind"], "utf16CodeUnits", "S-14");
        let rules = driver["rules"].as_array().unwrap();
        let mut ids = HashSet::new();
        for r in rules {
            let rid = r["id"].as_str().unwrap();
            assert!(ids.insert(rid), "S-11 duplicate rule {rid}");
            assert!(rule_id.is_match(rid), "S-22");
            for k in ["shortDescription", "fullDescription"] {
                let t = r[k]["text"].as_str().unwrap();
                assert!(!t.is_empty() && t.chars().count() <= 1024, "S-16 {rid} {k}");
            }
            assert!(r["name"].as_str().unwrap().len() <= 255, "S-16");
            assert!(!r["help"]["text"].as_str().unwrap().is_empty(), "S-17");
            assert!(
                r["help"]["markdown"]
                    .as_str()
                    .unwrap()
                    .contains("## How to fix"),
                "S-17"
            );
            assert!(
                r["helpUri"].as_str().unwrap().starts_with("https://"),
                "S-17"
            );
            let level = r["defaultConfiguration"]["level"].as_str().unwrap();
            let tags: Vec<&str> = r["properties"]["tags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect();
            assert!(tags.len() <= 20, "S-19");
            assert_eq!(
                tags.iter().collect::<HashSet<_>>().len(),
                tags.len(),
                "S-19 dups"
            );
            for t in tags.iter().filter(|t| t.starts_with("external/cwe")) {
                assert!(cwe.is_match(t), "S-19 {t}");
            }
            let prec = r["properties"]["precision"].as_str().unwrap();
            assert!(
                ["very-high", "high", "medium", "low"].contains(&prec),
                "S-20"
            );
            match r["properties"]["security-severity"].as_str() {
                Some(s) => {
                    assert!(["9.5", "8.0", "5.5", "3.0"].contains(&s), "S-21 {s}");
                    assert_eq!(tags[0], "security", "S-19 security first");
                    let want = match s {
                        "9.5" | "8.0" => "error",
                        "5.5" => "warning",
                        _ => "note",
                    };
                    assert_eq!(level, want, "S-18 {rid}");
                }
                None => {
                    assert!(!tags.contains(&"security"), "S-21");
                    assert_eq!(level, "note", "S-18");
                }
            }
        }
        let results = run["results"].as_array().expect("S-39 results present");
        assert!(results.len() <= 25_000, "S-15");
        let root = base.trim_start_matches("file://");
        for res in results {
            let rid = res["ruleId"].as_str().unwrap();
            let idx = res["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[idx]["id"], rid, "S-23");
            let msg = res["message"]["text"].as_str().unwrap();
            let first = msg.split(". ").next().unwrap();
            assert!(!msg.is_empty() && msg.ends_with('.'), "S-24 {msg}");
            assert!(first.chars().count() <= 200, "S-24 {msg}");
            assert!(
                !msg.contains(root.trim_end_matches('/')),
                "S-24 absolute path in {msg}"
            );
            let locs = res["locations"].as_array().unwrap();
            assert_eq!(locs.len(), 1, "S-25");
            let pl = &locs[0]["physicalLocation"];
            let uri = pl["artifactLocation"]["uri"].as_str().unwrap();
            assert_eq!(pl["artifactLocation"]["uriBaseId"], "%SRCROOT%", "S-26");
            assert!(
                !uri.starts_with('/') && !uri.starts_with("./") && !uri.contains(".."),
                "S-26 {uri}"
            );
            assert!(!uri.contains(' ') && !uri.contains('\\'), "S-26 {uri}");
            let decoded = percent_decode(uri);
            let on_disk = Path::new(&percent_decode(root)).join(&decoded);
            assert!(
                std::fs::symlink_metadata(&on_disk).is_ok_and(|m| m.is_file()),
                "S-26 {} is not a file in the root",
                on_disk.display()
            );
            let r = &pl["region"];
            let (sl, sc, el, ec) = (
                r["startLine"].as_u64().unwrap(),
                r["startColumn"].as_u64().unwrap(),
                r["endLine"].as_u64().unwrap(),
                r["endColumn"].as_u64().unwrap(),
            );
            assert!(
                sl >= 1 && sc >= 1 && el >= sl && (el > sl || ec > sc),
                "S-27 {r}"
            );
            let fp = &res["partialFingerprints"];
            assert!(
                hash.is_match(fp["primaryLocationLineHash"].as_str().unwrap()),
                "S-29 {fp}"
            );
            assert_eq!(fp["mcpsweep/v1"].as_str().unwrap().len(), 16, "S-30");
        }
    }
    let _ = cwd;
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn sarif_of_every_rule_example_is_valid_and_github_ready() {
    let set = RuleSet::builtin().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let roots = write_examples(&set, tmp.path());
    // GitHub takes at most 20 runs (roots) per file
    let mut n = 0;
    for chunk in roots.chunks(20) {
        let mut args = vec!["scan", "--format", "sarif", "--no-progress"];
        args.extend(chunk.iter().map(|r| r.1.as_str()));
        let a = mcpsweep(tmp.path(), &args);
        assert_eq!(a.code, 0, "{}", a.stderr);
        check_sarif(&a.stdout, tmp.path());
        let v: Value = serde_json::from_str(&a.stdout).unwrap();
        n += v["runs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["results"].as_array().unwrap().len())
            .sum::<usize>();
        // S-07 byte-identical on a second run
        let b = mcpsweep(tmp.path(), &args);
        assert_eq!(a.stdout, b.stdout, "S-07");
    }
    assert!(n >= set.rules.len(), "only {n} results");
}

#[test]
fn sarif_of_the_corpus_is_valid() {
    let run = mcpsweep(
        &repo(),
        &["scan", "corpus", "--format", "sarif", "--no-progress"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    check_sarif(&run.stdout, &repo());
}

#[test]
fn empty_scan_still_has_a_run_with_empty_results() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("README.md"), "nothing here").unwrap();
    let run = mcpsweep(tmp.path(), &["scan", ".", "-f", "sarif"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    check_sarif(&run.stdout, tmp.path());
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["runs"][0]["results"], serde_json::json!([]), "S-39");
    assert_eq!(v["runs"][0]["automationDetails"]["id"], "mcpsweep/", "S-12");
}

#[test]
fn regions_are_utf16_and_coverage_gaps_are_notifications() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let line = "  \"ñ😀gh\": { \"command\": \"npx\", \"args\": [\"-y\", \"@acme/gh-mcp\"] }";
    std::fs::write(
        d.join(".mcp.json"),
        format!("{{ \"mcpServers\": {{\n{line}\n}} }}\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("bad.py"),
        b"from mcp.server.fastmcp import FastMCP\n\xff\xfe\n",
    )
    .unwrap();
    let run = mcpsweep(d, &["scan", ".", "-f", "sarif"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    check_sarif(&run.stdout, d);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let r = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(r["startLine"], 2);
    assert_eq!(r["startColumn"], 3);
    assert_eq!(
        r["endColumn"].as_u64().unwrap() as usize,
        line.encode_utf16().count() + 1,
        "end column in UTF-16 units"
    );
    let notes = &v["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    let text = notes.to_string();
    assert!(text.contains("bad.py"), "{text}");
}
