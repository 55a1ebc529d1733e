//! What the walker reads: hidden files yes, .gitignore'd paths no, dependency folders no
//! (unless asked), include/exclude globs relative to the root.

use crate::common::{mcpsweep, repo};
use std::fs;
use std::path::Path;

fn server(dir: &Path, name: &str) {
    fs::create_dir_all(dir).unwrap();
    fs::write(
        dir.join("server.ts"),
        format!(
            "import {{ McpServer }} from \"@modelcontextprotocol/sdk/server/mcp.js\";\nconst s = new McpServer({{ name: \"{name}\", version: \"1\" }});\ns.tool(\"t_{name}\", async () => ({{ content: [] }}));\n"
        ),
    )
    .unwrap();
}

fn names(args: &[&str], root: &Path) -> Vec<String> {
    let mut a = vec!["scan", "-f", "json"];
    a.extend_from_slice(args);
    a.push(root.to_str().unwrap());
    let run = mcpsweep(&repo(), &a);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let inv: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut v: Vec<String> = inv["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn walker_scope() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    server(&d.join("app"), "app");
    server(&d.join(".hidden/tools"), "hidden");
    server(&d.join("generated"), "ignored");
    server(&d.join("node_modules/@acme/srv"), "dependency");
    server(&d.join("vendor/x"), "vendored");
    fs::write(d.join(".gitignore"), "generated/\n").unwrap();

    assert_eq!(names(&[], d), ["app", "hidden"]);
    assert_eq!(
        names(&["--no-default-excludes"], d),
        ["app", "dependency", "hidden", "vendored"]
    );
    assert_eq!(names(&["--exclude", ".hidden/**"], d), ["app"]);
    assert_eq!(names(&["--include", "app/**"], d), ["app"]);
}
