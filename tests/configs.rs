//! Client configs and manifests: secrets never reach any output, broken files are coverage
//! gaps with a line, and config entries are linked to the servers they launch.

use crate::common::{mcpsweep, repo, scan_json};

/// Every literal secret in `corpus/configs` contains this marker (and nothing else does).
const MARKER: &str = "FAKESECRET";

#[test]
fn no_secret_value_reaches_any_output() {
    // the corpus does hold literal secrets, in env, headers, args, URLs and broken files
    let mut planted = 0;
    for entry in walk(&repo().join("corpus/configs")) {
        if entry.file_name().is_some_and(|n| n == "CASE.md") {
            continue;
        }
        let text = std::fs::read_to_string(&entry).unwrap_or_default();
        planted += text.matches(MARKER).count();
    }
    assert!(planted >= 15, "only {planted} planted secrets");
    for format in ["json", "csv", "markdown", "text"] {
        let run = mcpsweep(
            &repo(),
            &["scan", "-f", format, "--no-progress", "corpus/configs"],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            !run.stdout.contains(MARKER) && !run.stderr.contains(MARKER),
            "a secret value leaked into the {format} output:\n{}",
            run.stdout
                .lines()
                .filter(|l| l.contains(MARKER))
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert!(run.stdout.len() > 1000, "{format} output is empty");
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn malformed_configs_are_gaps_with_a_line() {
    let inv = scan_json(&repo(), &["corpus/configs/malformed"]);
    let errors = inv["coverage"]["errors"].as_array().unwrap();
    let reason = |file: &str| -> String {
        errors
            .iter()
            .find(|e| e["file"] == file)
            .map(|e| e["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no coverage error for {file}: {errors:#?}"))
    };
    assert!(reason(".mcp.json").contains("invalid JSON at line 5"));
    assert!(reason(".codex/config.toml").contains("invalid TOML at line 3"));
    assert!(reason("smithery.yaml").contains("invalid YAML at line 5"));
    assert!(reason("registry/server.json").contains("invalid JSON at line 3"));
    // the valid config next to them is read
    let files: Vec<&str> = inv["configs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, [".cursor/mcp.json"]);
}

#[test]
fn config_over_the_size_limit_is_a_gap() {
    let dir = tempfile::tempdir().unwrap();
    let big = format!(
        "{{\"mcpServers\": {{\"a\": {{\"command\": \"npx\", \"args\": [{}\"x\"]}}}}}}",
        "\"pad\", ".repeat(2000)
    );
    std::fs::write(dir.path().join(".mcp.json"), big).unwrap();
    let run = mcpsweep(
        &repo(),
        &[
            "scan",
            "-f",
            "json",
            "--max-file-size",
            "4000",
            dir.path().to_str().unwrap(),
        ],
    );
    let inv: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(inv["configs"], serde_json::json!([]));
    let e = &inv["coverage"]["errors"][0];
    assert_eq!(e["file"], ".mcp.json");
    assert!(e["reason"]
        .as_str()
        .unwrap()
        .contains("over the 4000 byte limit"));
}

#[test]
fn config_entries_link_to_the_servers_they_launch() {
    let inv = scan_json(&repo(), &["corpus/configs/link-local"]);
    let entries = &inv["configs"][0]["servers"];
    let links = |name: &str| -> Vec<String> {
        entries
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name)
            .unwrap_or_else(|| panic!("no entry {name}"))["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().rsplit(':').next().unwrap().to_string())
            .collect()
    };
    for (entry, server) in [
        ("weather-build", "weather"),
        ("weather-abs", "weather"),
        ("weather-npm", "weather"),
        ("notes-uv", "notes"),
        ("notes-module", "notes"),
        ("notes-pypi", "notes"),
        ("inventory", "inventory"),
    ] {
        assert_eq!(links(entry), [server], "{entry}");
    }
    assert!(links("unrelated").is_empty());
    assert!(links("seed").is_empty());
    // the server side says which configs launch it
    let weather = inv["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "weather")
        .unwrap();
    assert_eq!(weather["launched_by"].as_array().unwrap().len(), 3);
    // the matrix lists the external servers
    let csv = mcpsweep(&repo(), &["scan", "-f", "csv", "corpus/configs/link-local"]);
    assert!(
        csv.stdout.contains("external:npm:@other/unrelated-mcp"),
        "{}",
        csv.stdout
    );
    assert!(
        !csv.stdout.contains("external:npm:@acme/weather"),
        "{}",
        csv.stdout
    );
}

#[test]
fn manifests_publish_and_link_across_roots() {
    // the consumer config and the published server given as two roots
    let inv = scan_json(
        &repo(),
        &[
            "corpus/configs/manifests/consumer",
            "corpus/configs/manifests",
        ],
    );
    let weather = inv["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "weather")
        .unwrap();
    let launched: Vec<&str> = weather["launched_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["root"].as_str().unwrap())
        .collect();
    assert!(
        launched.contains(&"corpus/configs/manifests/consumer"),
        "{launched:?}"
    );
    let published: Vec<&str> = weather["published_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["client"].as_str().unwrap())
        .collect();
    for m in ["dockerfile", "mcp-registry", "npm"] {
        assert!(published.contains(&m), "{published:?}");
    }
}
