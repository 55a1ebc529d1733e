//! End-to-end scan benchmark: mcpsweep against `rg -l -F` with the same SDK marker strings
//! over the same large mixed tree (many copies of corpus/ among plenty of ordinary, non-MCP
//! source in all four languages). Reports wall-time medians and their ratio; the target is
//! a ratio of at most 2.
//!
//!     cargo bench --bench scan
//!
//! Knobs (environment): MCPSWEEP_BENCH_COPIES (corpus copies, default 20),
//! MCPSWEEP_BENCH_FILES (ordinary files, default 80000), MCPSWEEP_BENCH_RUNS (default 7).
//! The tree is generated once under target/ and reused. Every corpus copy's files differ from
//! the other copies' (a trailing comment or blank lines naming the copy), so no content or
//! blob-id cache can dedupe the copies within a run.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{env_num, median, tree_size, Rng, WORDS};

fn main() {
    let copies = env_num("MCPSWEEP_BENCH_COPIES", 20);
    let files = env_num("MCPSWEEP_BENCH_FILES", 80_000);
    let runs = env_num("MCPSWEEP_BENCH_RUNS", 7).max(1);
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // the tree is regenerated when the corpus changes (file count and bytes as fingerprint)
    let (c_files, c_bytes) = tree_size(&repo.join("corpus"));
    let tree = repo.join(format!(
        "target/bench-tree-u-{copies}-{files}-{c_files}-{c_bytes}"
    ));
    if !tree.join(".complete").exists() {
        eprintln!("generating {} ...", tree.display());
        let _ = std::fs::remove_dir_all(&tree);
        generate(&repo.join("corpus"), &tree, copies, files);
        std::fs::write(tree.join(".complete"), "").unwrap();
    }
    let (n_files, bytes) = tree_size(&tree);
    let bin = env!("CARGO_BIN_EXE_mcpsweep");
    // rg -F takes no newline in a pattern: `.tool\n` (bare Python decorator) becomes `.tool`,
    // a superset, so rg does no less work than mcpsweep's prefilter.
    let mut markers: Vec<String> = mcpsweep_extract::prefilter::all_markers()
        .iter()
        .map(|m| m.trim_end_matches(['\n', '\r']).to_string())
        .collect();
    markers.sort();
    markers.dedup();
    let mut rg = Command::new("rg");
    rg.args(["-l", "-F", "--no-messages", "--no-ignore-parent"]);
    for m in &markers {
        rg.arg("-e").arg(m);
    }
    rg.arg(&tree);
    let mut sweep = Command::new(bin);
    sweep
        .args(["scan", "--format", "json", "--no-progress"])
        .arg(&tree);
    if Command::new("rg")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_err()
    {
        eprintln!("ripgrep (rg) is not installed: apt-get install ripgrep");
        std::process::exit(2);
    }
    // warm the page cache and check both work
    let rg_out = rg.output().expect("rg runs");
    assert!(
        rg_out.status.success(),
        "rg failed: {}",
        String::from_utf8_lossy(&rg_out.stderr)
    );
    let rg_hits = rg_out.stdout;
    let (_, out) = run(&mut sweep);
    let inv: serde_json::Value = serde_json::from_slice(&out).expect("mcpsweep prints JSON");
    let servers = inv["servers"].as_array().map(|a| a.len()).unwrap_or(0);
    let mut t_rg = Vec::new();
    let mut t_sweep = Vec::new();
    for _ in 0..runs {
        t_rg.push(run(&mut rg).0);
        t_sweep.push(run(&mut sweep).0);
    }
    let (m_rg, m_sweep) = (median(&mut t_rg), median(&mut t_sweep));
    let mut report = String::new();
    let _ = writeln!(
        report,
        "tree: {n_files} files, {:.1} MiB ({copies} corpus copies + {files} ordinary files)",
        bytes as f64 / 1048576.0
    );
    let _ = writeln!(
        report,
        "rg -l -F ({} markers): median {:.3}s over {runs} runs, {} files listed",
        markers.len(),
        m_rg.as_secs_f64(),
        rg_hits
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .count()
    );
    let _ = writeln!(
        report,
        "mcpsweep scan:        median {:.3}s over {runs} runs, {servers} servers",
        m_sweep.as_secs_f64()
    );
    let _ = writeln!(
        report,
        "ratio mcpsweep / rg:  {:.2} (target <= 2.00)",
        m_sweep.as_secs_f64() / m_rg.as_secs_f64()
    );
    print!("{report}");
}

fn run(cmd: &mut Command) -> (Duration, Vec<u8>) {
    let start = Instant::now();
    let out = cmd.stderr(Stdio::null()).output().expect("command runs");
    (start.elapsed(), out.stdout)
}

/// Copy `from` to `to`, making every file unique to copy number `copy`: a comment naming the
/// copy appended in the file's own comment syntax, or (formats without comments) `copy + 1`
/// trailing blank lines.
fn copy_dir(from: &Path, to: &Path, copy: usize) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let ft = e.file_type().unwrap();
        let dest = to.join(e.file_name());
        if ft.is_dir() {
            copy_dir(&e.path(), &dest, copy);
        } else if ft.is_file() {
            let mut bytes = std::fs::read(e.path()).unwrap();
            let name = e.file_name().to_string_lossy().to_lowercase();
            let ext = name.rsplit_once('.').map(|(_, x)| x).unwrap_or("");
            let tail = match ext {
                "ts" | "tsx" | "mts" | "cts" | "js" | "jsx" | "mjs" | "cjs" | "rs" | "go"
                | "mod" => {
                    format!("\n// bench copy {copy}\n")
                }
                "py" | "pyi" | "toml" | "yaml" | "yml" | "txt" => {
                    format!("\n# bench copy {copy}\n")
                }
                "md" => format!("\n<!-- bench copy {copy} -->\n"),
                _ if name == "dockerfile" => format!("\n# bench copy {copy}\n"),
                _ => "\n".repeat(copy + 1),
            };
            bytes.extend_from_slice(tail.as_bytes());
            std::fs::write(dest, bytes).unwrap();
        }
    }
}

fn ident(r: &mut Rng) -> String {
    format!(
        "{}{}",
        r.pick(WORDS),
        r.pick(WORDS).to_uppercase().get(..1).unwrap_or("X")
    ) + r.pick(WORDS)
}

/// One ordinary source file of a few KiB in the given language.
fn ordinary(r: &mut Rng, lang: usize) -> (String, &'static str) {
    let mut s = String::new();
    let funcs = 8 + (r.next() % 24) as usize;
    match lang {
        0 => {
            s.push_str("import { readFile } from \"node:fs/promises\";\nimport express from \"express\";\n\n");
            for _ in 0..funcs {
                let (f, a, b) = (ident(r), ident(r), ident(r));
                let _ = writeln!(s, "export async function {f}({a}: string, {b}: number): Promise<string> {{\n  const out = await readFile(`${{{a}}}/{b}.json`, \"utf8\");\n  if ({b} > 10) {{ return out.trim(); }}\n  return JSON.stringify({{ {a}, {b}, kind: \"{}\" }});\n}}\n", r.pick(WORDS));
            }
            (s, "ts")
        }
        1 => {
            s.push_str("import json\nimport os\nfrom dataclasses import dataclass\n\n");
            for _ in 0..funcs {
                let (f, a, b) = (ident(r), ident(r), ident(r));
                let _ = writeln!(s, "def {f}({a}: str, {b}: int = 3) -> dict:\n    \"\"\"Return the {} for {a}.\"\"\"\n    path = os.path.join({a}, str({b}))\n    with open(path) as fh:\n        return json.load(fh)\n", r.pick(WORDS));
            }
            (s, "py")
        }
        2 => {
            s.push_str("use std::collections::HashMap;\n\n");
            for _ in 0..funcs {
                let (f, a) = (ident(r).to_lowercase(), ident(r).to_lowercase());
                let _ = writeln!(s, "/// Compute the {} table.\npub fn {f}({a}: &[u32]) -> HashMap<u32, usize> {{\n    let mut m = HashMap::new();\n    for (i, v) in {a}.iter().enumerate() {{\n        m.insert(*v, i);\n    }}\n    m\n}}\n", r.pick(WORDS));
            }
            (s, "rs")
        }
        _ => {
            s.push_str("package svc\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n)\n\n");
            for _ in 0..funcs {
                let (f, a) = (ident(r), ident(r));
                let _ = writeln!(s, "// {f} serves the {} endpoint.\nfunc {f}(w http.ResponseWriter, {a} *http.Request) {{\n\tfmt.Fprintf(w, \"%s\", {a}.URL.Path)\n}}\n", r.pick(WORDS));
            }
            (s, "go")
        }
    }
}

fn generate(corpus: &Path, tree: &Path, copies: usize, files: usize) {
    for i in 0..copies {
        copy_dir(corpus, &tree.join(format!("repo-{i:04}/mcp")), i);
    }
    let mut r = Rng(0x9e3779b97f4a7c15);
    for i in 0..files {
        let lang = i % 4;
        let (text, ext) = ordinary(&mut r, lang);
        let dir = tree.join(format!(
            "repo-{:04}/src/{}/m{}",
            i % copies.max(1),
            ["ts", "py", "rs", "go"][lang],
            (i / 40) % 25
        ));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("f{i}.{ext}")), text).unwrap();
        if i % 10 == 0 {
            std::fs::write(
                dir.join(format!("README{i}.md")),
                format!("# module {i}\n\nNothing to see.\n"),
            )
            .unwrap();
        }
    }
}
