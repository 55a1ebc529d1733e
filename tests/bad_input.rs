//! Hostile and broken files: each is a coverage gap naming the file and the reason; the scan
//! never stops early and never loses another file's results.

use crate::common::{mcpsweep, repo};
use std::fs;

const GOOD: &str = r#"import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
const server = new McpServer({ name: "good", version: "1.0.0" });
server.tool("still_found", "Survives its neighbours", async () => ({ content: [] }));
"#;

#[test]
fn bad_files_are_gaps_and_good_files_survive() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("package.json"),
        r#"{"name":"hostile","dependencies":{"@modelcontextprotocol/sdk":"1.0.0"}}"#,
    )
    .unwrap();
    fs::write(d.join("good.ts"), GOOD).unwrap();
    // binary content with a source extension (and an SDK marker, so it would be parsed)
    let mut bin = b"@modelcontextprotocol/sdk\0\0\x01\x02".to_vec();
    bin.extend(std::iter::repeat_n(0u8, 100));
    fs::write(d.join("blob.ts"), bin).unwrap();
    // invalid UTF-8
    let mut bad = GOOD.replace("good", "bad").into_bytes();
    bad.extend_from_slice(b"\n// \xff\xfe broken\n");
    fs::write(d.join("latin1.ts"), bad).unwrap();
    // over the size limit
    fs::write(
        d.join("huge.ts"),
        format!("{GOOD}\n{}", "// padding\n".repeat(2000)),
    )
    .unwrap();
    // syntax error with a registration after it
    fs::write(
        d.join("broken.ts"),
        format!(
            "{}\nfunction (( {{\nserver.tool(\"after_error\", async () => ({{ content: [] }}));\n",
            GOOD.replace("still_found", "before_error")
        ),
    )
    .unwrap();
    // a malformed manifest in a sub-package
    fs::create_dir_all(d.join("sub")).unwrap();
    fs::write(d.join("sub/package.json"), "{ \"name\": ").unwrap();
    // symlinks out of the root are never followed
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", d.join("escape.ts")).unwrap();
        std::os::unix::fs::symlink("/usr", d.join("usr-link")).unwrap();
    }

    let run = mcpsweep(
        &repo(),
        &[
            "scan",
            "-f",
            "json",
            "--max-file-size",
            "8000",
            d.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let inv: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let errors = inv["coverage"]["errors"].as_array().unwrap();
    let reason = |file: &str| -> String {
        errors
            .iter()
            .find(|e| e["file"] == file)
            .map(|e| e["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no coverage error for {file}: {errors:#?}"))
    };
    assert!(reason("blob.ts").contains("binary"));
    assert!(reason("latin1.ts").contains("invalid UTF-8"));
    assert!(reason("huge.ts").contains("over the 8000 byte limit"));
    assert!(reason("broken.ts").contains("syntax error at line"));
    assert!(reason("sub/package.json").contains("invalid JSON"));

    let names: Vec<&str> = inv["servers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["tools"].as_array().unwrap())
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"still_found"), "{names:?}");
    assert!(
        names.contains(&"before_error"),
        "partially parsed file keeps what it has: {names:?}"
    );
    assert!(!names.iter().any(|n| n.contains("passwd")));
    let skipped = inv["coverage"]["skipped"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|s| s["reason"] == "symlink" && s["count"] == 2),
        "{skipped:?}"
    );
}

#[test]
fn deep_nesting_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // a registration whose arguments nest 20,000 levels deep, in TypeScript and Python
    let deep_ts = format!(
        "{GOOD}\nserver.tool(\"deep\", {{ a: {}1{} }}, async () => ({{ content: [] }}));\n",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    fs::write(d.join("deep.ts"), deep_ts).unwrap();
    let deep_py = format!(
        "from mcp.server.fastmcp import FastMCP\nmcp = FastMCP(\"deep\")\nX = {}1{}\n@mcp.tool()\ndef ok() -> str:\n    return ''\n",
        "(".repeat(20_000),
        ")".repeat(20_000)
    );
    fs::write(d.join("deep.py"), deep_py).unwrap();
    let run = mcpsweep(&repo(), &["scan", "-f", "json", d.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let inv: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let names: Vec<&str> = inv["servers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["tools"].as_array().unwrap())
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"deep") && names.contains(&"ok"),
        "{names:?} {}",
        run.stdout
    );
}
