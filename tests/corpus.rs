//! Every corpus case's expected inventory, as a snapshot. A case is a folder
//! `corpus/<language>/<case>/` with a CASE.md saying what it covers.

use crate::common::{redacted, repo, scan_json};

#[test]
fn corpus_cases() {
    insta::glob!("../corpus", "*/*/CASE.md", |case_md| {
        let case = case_md.parent().unwrap();
        let rel = case
            .strip_prefix(repo())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let inv = scan_json(&repo(), &[&rel]);
        insta::assert_snapshot!(redacted(inv));
    });
}

fn tool_names(inv: &serde_json::Value) -> Vec<String> {
    let mut v: Vec<String> = inv["servers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["tools"].as_array().unwrap().iter())
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

/// Negative cases yield no server at all.
#[test]
fn negatives_yield_nothing() {
    for case in [
        "corpus/typescript/client-only",
        "corpus/typescript/docs-only",
        "corpus/typescript/test-double",
        "corpus/rust/client-only",
        "corpus/go/mcp-go-client",
        "corpus/go/go-sdk-client",
        "corpus/python/client-only",
        "corpus/python/unrelated-tool-decorator",
    ] {
        let inv = scan_json(&repo(), &[case]);
        assert_eq!(
            inv["servers"],
            serde_json::json!([]),
            "{case} must yield no server"
        );
    }
}

/// Test code is scanned on request.
#[test]
fn include_tests_finds_the_test_double() {
    let run = crate::common::mcpsweep(
        &repo(),
        &[
            "scan",
            "--format",
            "json",
            "--include-tests",
            "corpus/typescript/test-double",
        ],
    );
    let inv: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(tool_names(&inv), ["stub"]);
}

/// Names held in constants and enums in files with no SDK marker are resolved.
#[test]
fn constants_in_other_files_resolve() {
    let inv = scan_json(&repo(), &["corpus/typescript/sdk-v1-variadic"]);
    let names = tool_names(&inv);
    for want in [
        "purge_cache",
        "restart_service",
        "service_status",
        "rotate_keys",
    ] {
        assert!(
            names.contains(&want.to_string()),
            "{want} missing from {names:?}"
        );
    }
}

/// Go: a tool from a package that is not the SDK (`llm.Tool{...}`, `llm.NewTool(...)`) is not an
/// MCP tool; the SDK's own `mcp.NewTool` in the same file is.
#[test]
fn go_non_sdk_tool_types_are_not_tools() {
    let inv = scan_json(&repo(), &["corpus/go/mcp-go-server"]);
    let names = tool_names(&inv);
    assert!(names.contains(&"lookup_user".to_string()), "{names:?}");
    for not in ["not_an_mcp_tool", "also_not_mcp", "still_not_mcp"] {
        assert!(!names.contains(&not.to_string()), "{not} in {names:?}");
    }
}

/// Go: calls of a project's tool wrapper are the tools; the wrapper's own definition (named
/// by its parameter) is not.
#[test]
fn go_wrapper_calls_are_tools() {
    let inv = scan_json(&repo(), &["corpus/go/tool-wrappers"]);
    let names = tool_names(&inv);
    for want in ["drop_table", "list_tables", "ping_db"] {
        assert!(
            names.contains(&want.to_string()),
            "{want} missing from {names:?}"
        );
    }
    assert!(
        !names.contains(&"name".to_string()),
        "template reported: {names:?}"
    );
}
