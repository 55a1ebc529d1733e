//! The command line: formats, schema, determinism, exit codes.

use crate::common::{mcpsweep, repo, scan_json};

#[test]
fn schema_file_matches_the_model() {
    let generated = mcpsweep_model::json_schema();
    let path = repo().join("schema/inventory.schema.json");
    if std::env::var_os("MCPSWEEP_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let published = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        published == generated,
        "schema/inventory.schema.json is stale: rerun with MCPSWEEP_BLESS=1 and bump SCHEMA_VERSION if the contract changed"
    );
    let run = mcpsweep(&repo(), &["schema"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout, published,
        "`mcpsweep schema` prints the published schema"
    );
}

#[test]
fn corpus_inventory_validates_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("schema/inventory.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let inv = scan_json(&repo(), &["corpus"]);
    let errors: Vec<String> = validator
        .iter_errors(&inv)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "inventory does not match its schema: {errors:#?}"
    );
    assert!(inv["servers"].as_array().unwrap().len() >= 12);
}

#[test]
fn output_is_deterministic_across_thread_counts() {
    let one = mcpsweep(&repo(), &["scan", "-f", "json", "-j", "1", "corpus"]);
    let many = mcpsweep(&repo(), &["scan", "-f", "json", "-j", "4", "corpus"]);
    assert_eq!(one.code, 0);
    assert!(
        one.stdout == many.stdout,
        "JSON differs between -j1 and -j4"
    );
    let csv1 = mcpsweep(&repo(), &["scan", "-f", "csv", "-j", "1", "corpus"]);
    let csv4 = mcpsweep(&repo(), &["scan", "-f", "csv", "-j", "3", "corpus"]);
    assert!(csv1.stdout == csv4.stdout);
}

#[test]
fn matrix_formats() {
    let csv = mcpsweep(
        &repo(),
        &["scan", "-f", "csv", "corpus/typescript/fastmcp-npm"],
    );
    insta::assert_snapshot!("fastmcp_npm_csv", csv.stdout);
    let md = mcpsweep(
        &repo(),
        &["scan", "-f", "markdown", "corpus/typescript/fastmcp-npm"],
    );
    insta::assert_snapshot!("fastmcp_npm_markdown", md.stdout);
    let text = mcpsweep(
        &repo(),
        &["scan", "-f", "text", "corpus/typescript/fastmcp-npm"],
    );
    assert!(text.stdout.contains("get_forecast"), "{}", text.stdout);
    assert!(
        text.stdout.contains("1 servers, 2 tools"),
        "{}",
        text.stdout
    );
}

#[test]
fn output_file_is_written_and_format_follows_extension() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("matrix.csv");
    let run = mcpsweep(
        &repo(),
        &[
            "scan",
            "-o",
            out.to_str().unwrap(),
            "corpus/typescript/fastmcp-npm",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let body = std::fs::read_to_string(&out).unwrap();
    assert!(body.starts_with("server,language,sdk"), "{body}");
    // nothing but the target is left behind
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn missing_root_is_an_operational_error_but_others_are_reported() {
    let run = mcpsweep(
        &repo(),
        &[
            "scan",
            "-f",
            "json",
            "no/such/folder",
            "corpus/typescript/fastmcp-npm",
        ],
    );
    assert_eq!(run.code, 2);
    let inv: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(inv["servers"].as_array().unwrap().len(), 1);
    let roots = inv["roots"].as_array().unwrap();
    assert!(roots
        .iter()
        .any(|r| r["path"] == "no/such/folder" && r["status"] == "error"));
    assert!(run.stderr.contains("no/such/folder"), "{}", run.stderr);
}

#[test]
fn paths_are_relative_with_forward_slashes() {
    let inv = scan_json(&repo(), &["corpus"]);
    for s in inv["servers"].as_array().unwrap() {
        let f = s["entry"]["file"].as_str().unwrap();
        assert!(!f.starts_with('/') && !f.contains('\\'), "{f}");
        assert_eq!(s["root"], "corpus");
    }
}
