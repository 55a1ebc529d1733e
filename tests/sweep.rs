//! Organisation sweeps: per-root records in `--state` (resume after a kill), `--shard K/N` +
//! `mcpsweep merge` equal to one run, the blob-id facts cache, roots side by side. Fixtures are
//! bare repositories served through `file://` URLs, made with the git command line.

use crate::git::{git, work_tree};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const CASES: &[&str] = &[
    "typescript/sdk-v1-variadic",
    "go/flows-mcp-go",
    "python/mcp-v1-fastmcp",
    "configs/link-local",
    "python/effects-and-exposure",
];

/// Bare repositories of several corpus cases under `d/remote`, and `d/repos.txt` listing
/// them as `file://` URLs, plus one that does not exist and an empty repository (7 roots).
fn org(d: &Path) {
    let mut list = String::from("# the org\n");
    for (i, case) in CASES.iter().enumerate() {
        let src = format!("src/r{i}");
        work_tree(&d.join(&src), case);
        let bare = format!("remote/r{i}.git");
        git(d, &["clone", "-q", "--bare", &src, &bare]);
        list.push_str(&format!("file://{}\n", d.join(&bare).display()));
    }
    list.push_str(&format!(
        "file://{}\n",
        d.join("remote/missing.git").display()
    ));
    // a repository with no commit: an error for that root only
    git(d, &["init", "-q", "--bare", "remote/empty.git"]);
    list.push_str("remote/empty.git\n");
    std::fs::write(d.join("repos.txt"), list).unwrap();
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Run with `MCPSWEEP_STATS` set (counters on stderr).
fn run(d: &Path, args: &[&str]) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_mcpsweep"))
        .current_dir(d)
        .env("MCPSWEEP_STATS", "1")
        .args(args)
        .output()
        .unwrap();
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn sweep(d: &Path, extra: &[&str]) -> Out {
    let mut a = vec![
        "scan",
        "--repos",
        "repos.txt",
        "--cache",
        "cache",
        "--no-progress",
    ];
    if !extra.contains(&"-f") {
        a.extend(["-f", "json"]);
    }
    a.extend_from_slice(extra);
    run(d, &a)
}

/// `(roots scanned, from state, files parsed, facts from cache)` of the stats line.
fn stats(stderr: &str) -> (u64, u64, u64, u64) {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("mcpsweep: stats:"))
        .unwrap_or_else(|| panic!("no stats line in {stderr}"));
    let n: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    (n[0], n[1], n[2], n[3])
}

fn without_from_state(text: &str) -> Value {
    let mut v: Value = serde_json::from_str(text).unwrap();
    v["coverage"]
        .as_object_mut()
        .unwrap()
        .remove("roots_from_state");
    v
}

#[test]
fn killed_sweep_resumes_from_its_state_without_losing_or_repeating_a_root() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    org(d);
    let first = sweep(d, &["--state", "state"]);
    assert_eq!(first.code, 2, "the missing repository: {}", first.stderr);
    assert_eq!(stats(&first.stderr).0, 7);
    let v: Value = serde_json::from_str(&first.stdout).unwrap();
    assert_eq!(v["roots"].as_array().unwrap().len(), 7);
    let errors: Vec<&Value> = v["roots"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "error")
        .collect();
    assert_eq!(errors.len(), 2, "the missing and the empty repository");
    assert!(v["coverage"].get("roots_from_state").is_none());
    assert!(!v["findings"].as_array().unwrap().is_empty());

    // a run started again with nothing changed takes every repository from the state
    // (the unreachable and the empty one are tried again)
    let again = sweep(d, &["--state", "state"]);
    assert_eq!(stats(&again.stderr).0, 2, "{}", again.stderr);
    assert_eq!(stats(&again.stderr).1, 5);
    assert_eq!(
        without_from_state(&again.stdout),
        without_from_state(&first.stdout)
    );
    let v: Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(v["coverage"]["roots_from_state"], 5);

    // simulate a kill: one record cut in the middle of its line, one never written, and a
    // temporary file left behind
    let mut records: Vec<_> = std::fs::read_dir(d.join("state/roots"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .contains("\"status\":\"ok\"")
        })
        .collect();
    records.sort();
    assert_eq!(records.len(), 5);
    let text = std::fs::read_to_string(&records[0]).unwrap();
    std::fs::write(&records[0], &text[..text.len() / 2]).unwrap();
    std::fs::remove_file(&records[1]).unwrap();
    std::fs::write(d.join("state/roots/.tmpkilled"), "{\"key\":").unwrap();
    let resumed = sweep(d, &["--state", "state"]);
    assert_eq!(
        stats(&resumed.stderr),
        (4, 3, stats(&resumed.stderr).2, 0),
        "only the two lost repositories (and the two in error) are scanned again: {}",
        resumed.stderr
    );
    assert_eq!(
        without_from_state(&resumed.stdout),
        without_from_state(&first.stdout),
        "none lost, none duplicated"
    );
    assert!(!d.join("state/roots/.tmpkilled").exists());
    // the lost records were written again
    let last = sweep(d, &["--state", "state"]);
    assert_eq!(stats(&last.stderr).1, 5, "{}", last.stderr);

    // a new commit in one repository: that one is scanned again
    let src = d.join("src/r2");
    std::fs::write(src.join("NOTES.md"), "changed\n").unwrap();
    git(&src, &["add", "-A"]);
    git(&src, &["commit", "-qm", "change"]);
    git(
        &src,
        &[
            "push",
            "-q",
            d.join("remote/r2.git").to_str().unwrap(),
            "HEAD:main",
        ],
    );
    let changed = sweep(d, &["--state", "state"]);
    assert_eq!(stats(&changed.stderr).1, 4, "{}", changed.stderr);
    let v: Value = serde_json::from_str(&changed.stdout).unwrap();
    let head = git(&src, &["rev-parse", "HEAD"]);
    assert!(v["roots"].to_string().contains(&head));
}

#[test]
fn shards_merged_equal_one_run_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    org(d);
    let formats = ["json", "sarif", "csv", "markdown", "text"];
    let one: Vec<String> = formats
        .iter()
        .map(|f| {
            let o = sweep(d, &["-f", f, "--sarif-profile", "full"]);
            assert_eq!(o.code, 2, "{}", o.stderr);
            assert!(o.stdout.len() > 100, "{}", o.stderr);
            o.stdout
        })
        .collect();
    let mut roots = Vec::new();
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let state = format!("shard{k}");
        let o = sweep(d, &["--shard", &shard, "--state", &state]);
        let v: Value = serde_json::from_str(&o.stdout).unwrap();
        let n = v["roots"].as_array().unwrap().len();
        assert!((2..=3).contains(&n), "{shard}: {n} roots");
        roots.extend(
            v["roots"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["path"].clone()),
        );
    }
    roots.sort_by_key(|r| r.to_string());
    roots.dedup();
    assert_eq!(roots.len(), 7, "every root in exactly one shard");
    for (f, expected) in formats.iter().zip(&one) {
        let o = run(
            d,
            &[
                "merge",
                "shard3",
                "shard1",
                "shard2",
                "-f",
                f,
                "--sarif-profile",
                "full",
            ],
        );
        assert_eq!(
            o.code, 2,
            "the unreachable repository still counts: {}",
            o.stderr
        );
        assert!(
            o.stdout == *expected,
            "merge differs from one run in {f}:\n{}",
            o.stdout
        );
    }
    // record files (JSON lines) too: all the records in one file
    let mut lines = String::new();
    for k in 1..=3 {
        let mut files: Vec<_> = std::fs::read_dir(d.join(format!("shard{k}/roots")))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            lines.push_str(&std::fs::read_to_string(f).unwrap());
        }
    }
    std::fs::write(d.join("all.jsonl"), &lines).unwrap();
    let o = run(
        d,
        &[
            "merge",
            "all.jsonl",
            "-f",
            "json",
            "--sarif-profile",
            "full",
        ],
    );
    assert!(o.stdout == one[0], "{}", o.stderr);
    std::fs::write(d.join("cut.jsonl"), &lines[..lines.len() - 10]).unwrap();
    let o = run(d, &["merge", "cut.jsonl"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("truncated"), "{}", o.stderr);
    // -o, by extension
    let o = run(
        d,
        &["merge", "shard1", "shard2", "shard3", "-o", "all.sarif"],
    );
    assert_eq!(o.code, 2, "{}", o.stderr);
    let single = sweep(d, &["-f", "sarif"]).stdout;
    assert_eq!(
        std::fs::read_to_string(d.join("all.sarif")).unwrap(),
        single
    );
    // the roots side by side give the same bytes as one at a time
    let j1 = sweep(d, &["-j", "1", "-f", "sarif"]).stdout;
    let j4 = sweep(d, &["-j", "4", "-f", "sarif"]).stdout;
    assert!(j1 == j4 && j1 == single);

    // a missing shard, a lost record, a bad shard spec: clear errors, never a partial result
    let o = run(d, &["merge", "shard1", "shard3"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("2/3 missing"), "{}", o.stderr);
    let rec = std::fs::read_dir(d.join("shard2/roots"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::remove_file(rec).unwrap();
    let o = run(d, &["merge", "shard1", "shard2", "shard3"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("without a sound record"), "{}", o.stderr);
    assert!(o.stdout.is_empty());
    for bad in ["0/3", "4/3", "x", "1/0"] {
        let o = sweep(d, &["--shard", bad]);
        assert_eq!(o.code, 2);
        assert!(o.stderr.contains("expected K/N"), "{bad}: {}", o.stderr);
    }
}

#[test]
fn facts_cache_skips_unchanged_files_and_ignores_damaged_entries() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // a folder on disk (blob ids computed) and a bare repository (blob ids from the tree)
    work_tree(&d.join("work"), "typescript/flows-tools");
    work_tree(&d.join("src"), "python/flows-fastmcp");
    git(d, &["clone", "-q", "--bare", "src", "bare.git"]);
    let scan = |extra: &[&str]| {
        let mut a = vec![
            "scan",
            "work",
            "bare.git",
            "--no-progress",
            "-f",
            "sarif",
            "--facts-cache",
            "facts",
        ];
        a.extend_from_slice(extra);
        run(d, &a)
    };
    // no progress bar when stderr is not a terminal, even without --no-progress
    let plain = run(d, &["scan", "work", "bare.git", "-f", "sarif"]);
    assert!(
        plain
            .stderr
            .lines()
            .all(|l| l.starts_with("mcpsweep: stats:")),
        "{}",
        plain.stderr
    );
    let first = scan(&[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let (_, _, parsed, cached) = stats(&first.stderr);
    assert!(parsed > 2 && cached == 0, "{}", first.stderr);
    assert_eq!(first.stdout, plain.stdout, "the cache changes nothing");
    let second = scan(&[]);
    assert_eq!(
        stats(&second.stderr).2,
        0,
        "nothing parsed: {}",
        second.stderr
    );
    assert_eq!(stats(&second.stderr).3, parsed);
    assert_eq!(second.stdout, first.stdout);
    // damaged entries: garbage, and valid JSON that does not match its checksum
    let mut entries = Vec::new();
    let mut stack = vec![d.join("facts")];
    while let Some(p) = stack.pop() {
        for e in std::fs::read_dir(p).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                entries.push(p);
            }
        }
    }
    entries.sort();
    assert_eq!(entries.len() as u64, parsed);
    std::fs::write(&entries[0], b"\x00\xffgarbage").unwrap();
    let text = std::fs::read_to_string(&entries[1]).unwrap();
    let (sum, json) = text.split_once('\n').unwrap();
    std::fs::write(
        &entries[1],
        format!("{sum}\n{}", json.replacen("1", "2", 1)),
    )
    .unwrap();
    let third = scan(&[]);
    assert_eq!(third.code, 0, "{}", third.stderr);
    assert_eq!(stats(&third.stderr).2, 2, "{}", third.stderr);
    assert_eq!(
        third.stdout, first.stdout,
        "a damaged entry never changes a result"
    );
    let fourth = scan(&[]);
    assert_eq!(stats(&fourth.stderr).2, 0, "the entries were rewritten");
}
