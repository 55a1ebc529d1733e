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

/// Commit everything in `dir` as `name <email>` at `date` (author and committer).
fn commit_as(dir: &Path, name: &str, email: &str, date: &str, msg: &str) {
    git(dir, &["add", "-A"]);
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            &format!("user.name={name}"),
            "-c",
            &format!("user.email={email}"),
            "commit",
            "-qm",
            msg,
        ])
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn append(path: &Path, text: &str) {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    f.write_all(text.as_bytes()).unwrap();
}

/// The owner hints of the server in `dir`.
fn owners_of(v: &Value, dir: &str) -> Value {
    let s = v["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["dir"] == dir)
        .unwrap_or_else(|| panic!("no server in {dir}: {v}"));
    s["owners"].clone()
}

/// A repository of two servers with a CODEOWNERS file and five commits by three people
/// and a bot: full history from a bare clone and the work tree, one commit from a depth-1
/// clone, and never an e-mail address in the output.
#[test]
fn owner_hints_from_codeowners_and_history() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let work = d.join("work");
    std::fs::create_dir_all(work.join("packages/notes")).unwrap();
    std::fs::create_dir_all(work.join("packages/weather")).unwrap();
    std::fs::create_dir_all(work.join(".github")).unwrap();
    copy_dir(
        &repo().join("corpus/python/mcp-v1-fastmcp"),
        &work.join("packages/notes"),
    );
    copy_dir(
        &repo().join("corpus/go/mcp-go-server"),
        &work.join("packages/weather"),
    );
    std::fs::write(
        work.join(".github/CODEOWNERS"),
        "# owners\n*  @acme/platform\n/packages/notes/ @acme/notes @carol-gh\n",
    )
    .unwrap();
    git(&work, &["init", "-q"]);
    let alice = ("Alice Doe", "alice@acme.com");
    let bob = ("Bob", "1234+bobby@users.noreply.github.com");
    let carol = ("Carol", "carol@example.org");
    let bot = (
        "dependabot[bot]",
        "49699333+dependabot[bot]@users.noreply.github.com",
    );
    let notes = work.join("packages/notes/src/notes_server/names.py");
    let weather = work.join("packages/weather/main.go");
    commit_as(&work, alice.0, alice.1, "2024-01-01T10:00:00Z", "start");
    append(&notes, "# one\n");
    commit_as(&work, bob.0, bob.1, "2024-02-01T10:00:00Z", "notes 1");
    append(&notes, "# two\n");
    commit_as(&work, bob.0, bob.1, "2024-03-01T10:00:00Z", "notes 2");
    append(&work.join("packages/weather/go.mod"), "// bump\n");
    commit_as(&work, bot.0, bot.1, "2024-04-01T10:00:00Z", "bump");
    append(&weather, "// three\n");
    commit_as(&work, carol.0, carol.1, "2024-05-01T10:00:00Z", "weather");
    git(d, &["clone", "-q", "--bare", "work", "full.git"]);

    let (code, v, err) = scan(d, &["full.git"]);
    assert_eq!(code, 0, "{err}");
    let notes = owners_of(&v, "packages/notes");
    assert_eq!(
        notes["codeowners"],
        serde_json::json!({"file": ".github/CODEOWNERS", "line": 3,
            "pattern": "/packages/notes/", "owners": ["@acme/notes", "@carol-gh"]})
    );
    assert_eq!(
        notes["top_committers"],
        serde_json::json!([
            {"name": "Bob", "login": "bobby", "email_domain": null, "commits": 2,
             "latest": "2024-03-01"},
            {"name": "Alice Doe", "login": null, "email_domain": "acme.com", "commits": 1,
             "latest": "2024-01-01"}
        ])
    );
    assert_eq!(
        notes["history"],
        serde_json::json!({"commits_walked": 5, "commits_touching": 3,
            "shallow": false, "truncated": false})
    );
    let weather = owners_of(&v, "packages/weather");
    assert_eq!(
        weather["codeowners"]["owners"],
        serde_json::json!(["@acme/platform"])
    );
    assert_eq!(weather["codeowners"]["line"], 2);
    let names: Vec<(&str, u64)> = weather["top_committers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap(), c["commits"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        names,
        [("Alice Doe", 1), ("Carol", 1)],
        "most commits first, then by name; the bot is not a committer"
    );
    assert_eq!(
        weather["history"]["commits_touching"], 3,
        "the bot's commit still touched the folder"
    );
    let text = v.to_string();
    for email in [alice.1, bob.1, carol.1, "alice@", "carol@"] {
        assert!(!text.contains(email), "an author e-mail reached the output");
    }

    // the work tree has the same history
    let (code, w, err) = scan(d, &["work"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(owners_of(&w, "packages/notes"), notes);

    // a depth-1 clone holds one commit: its author stands for the whole folder's history
    let url = format!("file://{}", d.join("full.git").display());
    std::fs::write(d.join("repos.txt"), format!("{url}\n")).unwrap();
    let (code, s, err) = scan(d, &["--repos", "repos.txt", "--cache", "cache"]);
    assert_eq!(code, 0, "{err}");
    for dir in ["packages/notes", "packages/weather"] {
        let o = owners_of(&s, dir);
        assert_eq!(
            o["history"],
            serde_json::json!({"commits_walked": 1, "commits_touching": 1,
                "shallow": true, "truncated": false}),
            "{dir}"
        );
        assert_eq!(o["top_committers"][0]["name"], "Carol", "{dir}");
        assert_eq!(o["top_committers"].as_array().unwrap().len(), 1);
    }
    assert_eq!(
        owners_of(&s, "packages/notes")["codeowners"],
        notes["codeowners"]
    );
}

/// A folder that is not a repository: CODEOWNERS only, and a malformed line is a coverage
/// error naming the file and the line, not a failure.
#[test]
fn owner_hints_of_a_folder_and_malformed_codeowners() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("srv");
    std::fs::create_dir_all(&d).unwrap();
    copy_dir(&repo().join("corpus/python/mcp-v1-fastmcp"), &d);
    std::fs::write(
        d.join("CODEOWNERS"),
        "*.py @py-team\n!src/ @nobody\n/src/notes_server/ @acme/notes nobody\nsrc/ @acme/src\n",
    )
    .unwrap();
    let (code, v, err) = scan(tmp.path(), &["srv"]);
    assert_eq!(code, 0, "{err}");
    let o = owners_of(&v, "");
    assert_eq!(
        o,
        serde_json::json!({
            "codeowners": {"file": "CODEOWNERS", "line": 4, "pattern": "src/",
                "owners": ["@acme/src"]},
            "top_committers": [],
            "history": null
        })
    );
    let errors: Vec<(&str, &str)> = v["coverage"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["file"].as_str().unwrap(), e["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().all(|(f, _)| *f == "CODEOWNERS"));
    assert!(errors[0].1.contains("line 2") && errors[0].1.contains("negation"));
    assert!(errors[1].1.contains("line 3") && errors[1].1.contains("owner 2"));
    // the matrix shows the owners
    let run = mcpsweep(
        tmp.path(),
        &["scan", "--format", "csv", "--no-progress", "srv"],
    );
    assert!(run.stdout.lines().next().unwrap().contains(",owners,"));
    assert!(run.stdout.contains("@acme/src"), "{}", run.stdout);
}

/// The history walk stops at its bound (1,000 commits) and says so.
#[test]
fn owner_history_is_bounded() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    git(d, &["init", "-q", "--bare", "big.git"]);
    // one commit with a server at the root, then 1,004 commits changing a file beside it
    let mut stream = Vec::new();
    let case = repo().join("corpus/python/mcp-v1-fastmcp");
    let people = ["Ann <ann@a.io>", "Ben <ben@b.io>", "Cy <cy@c.io>"];
    for n in 0..1005u32 {
        let who = people[(n % 3) as usize];
        let when = 1_700_000_000 + n * 60;
        write!(
            stream,
            "commit refs/heads/main\nauthor {who} {when} +0000\ncommitter {who} {when} +0000\ndata 1\nc\n"
        )
        .unwrap();
        if n == 0 {
            for f in [
                "pyproject.toml",
                "src/notes_server/__init__.py",
                "src/notes_server/names.py",
                "src/notes_server/server.py",
            ] {
                let body = std::fs::read(case.join(f)).unwrap();
                write!(stream, "M 644 inline {f}\ndata {}\n", body.len()).unwrap();
                stream.extend_from_slice(&body);
                stream.push(b'\n');
            }
        }
        let body = format!("{n}\n");
        write!(
            stream,
            "M 644 inline log.txt\ndata {}\n{body}\n",
            body.len()
        )
        .unwrap();
    }
    let mut c = Command::new("git")
        .current_dir(d)
        .args(["--git-dir", "big.git", "fast-import", "--quiet"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    c.stdin.take().unwrap().write_all(&stream).unwrap();
    assert!(c.wait().unwrap().success());
    let (code, v, err) = scan(d, &["big.git"]);
    assert_eq!(code, 0, "{err}");
    let o = owners_of(&v, "");
    assert_eq!(
        o["history"],
        serde_json::json!({"commits_walked": 1000, "commits_touching": 1000,
            "shallow": false, "truncated": true})
    );
    // the newest 1,000 commits (5 to 1,004): Cy 334, then Ann and Ben 333 each, by name
    let counts: Vec<(&str, u64)> = o["top_committers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap(), c["commits"].as_u64().unwrap()))
        .collect();
    assert_eq!(counts, [("Cy", 334), ("Ann", 333), ("Ben", 333)]);
    assert!(o["codeowners"].is_null());
}

#[test]
fn a_huge_blob_and_a_corrupt_repository_are_gaps_of_their_own_roots_only() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let work = d.join("work");
    work_tree(&work, "python/mcp-v1-fastmcp");
    // a 3 MiB blob beside the server, over the 1 MiB limit given below
    std::fs::write(work.join("big.py"), "x = 1\n".repeat(512 * 1024)).unwrap();
    git(&work, &["add", "-A"]);
    git(&work, &["commit", "-qm", "big"]);
    git(d, &["clone", "-q", "--bare", "work", "good.git"]);
    // a repository whose object database is gone: HEAD names a commit no one can read
    git(d, &["clone", "-q", "--bare", "work", "corrupt.git"]);
    std::fs::remove_dir_all(d.join("corrupt.git/objects")).unwrap();
    std::fs::create_dir_all(d.join("corrupt.git/objects/pack")).unwrap();
    let (code, v, err) = scan(
        d,
        &["good.git", "corrupt.git", "--max-file-size", "1048576"],
    );
    assert_eq!(
        code, 2,
        "a root that could not be read fails the run: {err}"
    );
    let roots = v["roots"].as_array().unwrap();
    let status = |label: &str| {
        roots
            .iter()
            .find(|r| r["path"].as_str().unwrap().ends_with(label))
            .map(|r| r["status"].as_str().unwrap().to_string())
    };
    assert_eq!(status("good.git").as_deref(), Some("ok"));
    assert_eq!(status("corrupt.git").as_deref(), Some("error"));
    let errors = v["coverage"]["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e["root"].as_str().unwrap().ends_with("corrupt.git")
                && e["file"].as_str().unwrap().is_empty()),
        "the corrupt repository is a root error: {errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e["root"].as_str().unwrap().ends_with("good.git") && e["file"] == "big.py"),
        "the huge blob is a gap of the good repository: {errors:?}"
    );
    // the good repository's server is still there
    let servers = v["servers"].as_array().unwrap();
    assert!(servers
        .iter()
        .any(|s| s["root"].as_str().unwrap().ends_with("good.git")));
    assert!(!servers
        .iter()
        .any(|s| s["root"].as_str().unwrap().ends_with("corrupt.git")));
}
