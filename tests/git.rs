//! Git sources: work trees (HEAD recorded), bare repositories read from the object database,
//! `--repos` lists of `file://` URLs cloned into `--cache`, hostile trees. The fixtures are
//! made with the `git` command line (our own test setup; nothing from a scanned repository is
//! ever run by mcpsweep).

use crate::common::{mcpsweep, repo};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

pub(crate) fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.email=t@example.com",
            "-c",
            "user.name=t",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// A work tree holding a copy of a corpus case, committed; returns its HEAD.
pub(crate) fn work_tree(dir: &Path, case: &str) -> String {
    std::fs::create_dir_all(dir).unwrap();
    copy_dir(&repo().join("corpus").join(case), dir);
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", "fixture"]);
    git(dir, &["rev-parse", "HEAD"])
}

fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn scan(cwd: &Path, args: &[&str]) -> (i32, Value, String) {
    let mut a = vec!["scan", "--format", "json", "--no-progress"];
    a.extend_from_slice(args);
    let run = mcpsweep(cwd, &a);
    let v = serde_json::from_str(&run.stdout).unwrap_or(Value::Null);
    (run.code, v, run.stderr)
}

/// Servers without their root, for comparing the same code scanned from different sources.
fn servers(v: &Value) -> Vec<Value> {
    v["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut s = s.clone();
            s["root"] = Value::Null;
            s["id"] = Value::Null;
            s
        })
        .collect()
}

#[test]
fn work_tree_records_head_and_bare_repo_reads_the_object_database() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let head = work_tree(&d.join("work"), "python/mcp-v1-fastmcp");
    git(d, &["clone", "-q", "--bare", "work", "bare.git"]);
    let (code, w, err) = scan(d, &["work"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(w["roots"][0]["commit"], head.as_str());
    let (code, b, err) = scan(d, &["bare.git"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(b["roots"][0]["commit"], head.as_str());
    assert!(!servers(&b).is_empty());
    assert_eq!(
        servers(&w),
        servers(&b),
        "a bare repo yields what its work tree yields"
    );
}

#[test]
fn repos_list_clones_into_the_cache_and_reports_bad_urls_as_gaps() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let head = work_tree(&d.join("src/ts"), "typescript/sdk-v1-variadic");
    work_tree(&d.join("src/go"), "go/mcp-go-server");
    git(d, &["clone", "-q", "--bare", "src/ts", "remote/ts.git"]);
    git(d, &["clone", "-q", "--bare", "src/go", "remote/go.git"]);
    let url = |p: &str| format!("file://{}", d.join(p).display());
    std::fs::write(
        d.join("repos.txt"),
        format!(
            "# the org\n{}\n\n{}\n{}\n",
            url("remote/ts.git"),
            url("remote/go.git"),
            url("remote/missing.git")
        ),
    )
    .unwrap();
    let (code, v, err) = scan(d, &["--repos", "repos.txt", "--cache", "cache"]);
    assert_eq!(
        code, 2,
        "an unreachable repository is an operational error: {err}"
    );
    let roots = v["roots"].as_array().unwrap();
    assert_eq!(roots.len(), 3);
    let ts = roots
        .iter()
        .find(|r| r["path"].as_str().unwrap().ends_with("ts.git"))
        .unwrap();
    assert_eq!(ts["commit"], head.as_str());
    assert_eq!(ts["status"], "ok");
    let missing = roots
        .iter()
        .find(|r| r["path"].as_str().unwrap().ends_with("missing.git"))
        .unwrap();
    assert_eq!(missing["status"], "error");
    let langs: Vec<&str> = v["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["language"].as_str().unwrap())
        .collect();
    assert!(
        langs.contains(&"typescript") && langs.contains(&"go"),
        "{langs:?}"
    );
    // nothing was checked out: the cache holds bare repositories
    for e in std::fs::read_dir(d.join("cache")).unwrap() {
        let p = e.unwrap().path();
        assert!(
            p.join("HEAD").is_file() && !p.join(".git").exists(),
            "{}",
            p.display()
        );
    }
    // a second sweep fetches into the same cache and gives the same result
    let (_, again, _) = scan(d, &["--repos", "repos.txt", "--cache", "cache"]);
    assert_eq!(v, again);
}

#[test]
fn hostile_tree_entries_are_gaps_and_symlinks_are_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let work = d.join("work");
    work_tree(&work, "python/mcp-v1-fastmcp");
    // a tree with `..`, `.git` and a symlink beside the real files
    let server_blob = git(&work, &["rev-parse", "HEAD:src/notes_server/server.py"]);
    let entries = format!(
        "100644 blob {server_blob}\tserver.py\n100644 blob {server_blob}\t..\n100644 blob {server_blob}\t.git\n120000 blob {server_blob}\tlink.py\n"
    );
    let tree = {
        let mut c = Command::new("git")
            .current_dir(&work)
            .args(["mktree"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        c.stdin
            .take()
            .unwrap()
            .write_all(entries.as_bytes())
            .unwrap();
        let out = c.wait_with_output().unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let commit = git(&work, &["commit-tree", &tree, "-m", "hostile"]);
    git(&work, &["update-ref", "refs/heads/hostile", &commit]);
    git(
        d,
        &[
            "clone",
            "-q",
            "--bare",
            "--branch",
            "hostile",
            "work",
            "hostile.git",
        ],
    );
    let (code, v, err) = scan(d, &["hostile.git"]);
    assert_eq!(code, 0, "{err}");
    let errors = v["coverage"]["errors"].to_string();
    assert!(errors.contains("hostile tree entry"), "{errors}");
    assert!(
        !v["servers"].as_array().unwrap().is_empty(),
        "the real file is still scanned"
    );
    let files: Vec<&str> = v["servers"][0]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["file"].as_str().unwrap())
        .collect();
    assert!(files.iter().all(|f| *f == "server.py"), "{files:?}");
}
