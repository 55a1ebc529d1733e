//! Organisation sweep benchmark (issue 6): many small generated repositories, served as bare
//! repositories through `file://` URLs.
//!
//!   (a) `mcpsweep scan --repos LIST --cache C`: gix clones each bare and at depth 1 (no
//!       checkout; clones in parallel on the rayon pool, one thread per core) and scans HEAD's
//!       tree from the object database; the cache starts empty.
//!   (b) `git clone --depth 1` of each URL (work tree checked out), run `-P <cores>` at a time
//!       with `xargs` (and once more one at a time, `-P 1`, for reference), then
//!       `mcpsweep scan --each-repo` over the work trees.
//!   (c) the sweep of (a) again with nothing changed: same `--cache` (fetch, nothing new),
//!       and the same `--state` folder when the binary has `--state` (resume / facts cache).
//!   (d) for reference: `mcpsweep scan --each-repo` over the bare repositories themselves (no
//!       clone at all: the scan of the object database alone).
//!
//! Reports medians and the ratios (b)/(a) and (c)/(a). Ratios only: nothing is asserted on
//! time. Outputs are checked to agree (same servers and tools in (a), (b) and (c)).
//!
//!     cargo bench --bench sweep
//!
//! Knobs (environment): MCPSWEEP_SWEEP_REPOS (default 240), MCPSWEEP_SWEEP_RUNS (default 3).
//! The repositories are generated once under target/ (with the `git` command line: this is
//! the benchmark's own fixture; mcpsweep itself never runs git) and reused. Child processes
//! get an empty pipe as stdin and piped output, never /dev/null.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{env_num, median, tree_size, Rng, WORDS};

/// Bump when the generator changes, so an old tree is not reused.
const GENERATOR: u32 = 1;

fn main() {
    let n = env_num("MCPSWEEP_SWEEP_REPOS", 240);
    let runs = env_num("MCPSWEEP_SWEEP_RUNS", 3).max(1);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let base = repo.join(format!("target/sweep-bench-{n}-g{GENERATOR}"));
    if Command::new("git")
        .arg("--version")
        .stdin(Stdio::piped())
        .output()
        .is_err()
    {
        eprintln!("git is not installed");
        std::process::exit(2);
    }
    if !base.join(".complete").exists() {
        eprintln!("generating {n} repositories under {} ...", base.display());
        let _ = std::fs::remove_dir_all(&base);
        let t = Instant::now();
        generate(&base, n);
        std::fs::write(base.join(".complete"), "").unwrap();
        eprintln!("generated in {:.1}s", t.elapsed().as_secs_f64());
    }
    let bare = base.join("bare");
    let list = base.join("repos.txt");
    let urls = std::fs::read_to_string(&list).unwrap();
    let bin = env!("CARGO_BIN_EXE_mcpsweep");
    let help = Command::new(bin)
        .args(["scan", "--help"])
        .stdin(Stdio::piped())
        .output()
        .unwrap();
    let has_state = String::from_utf8_lossy(&help.stdout).contains("--state");
    let run_dir = base.join("run");

    let sweep = |cache: &Path, state: &Path, out: &Path| {
        let mut c = Command::new(bin);
        c.args(["scan", "--format", "json", "--no-progress", "--repos"])
            .arg(&list)
            .arg("--cache")
            .arg(cache)
            .arg("-o")
            .arg(out);
        if has_state {
            c.arg("--state").arg(state);
        }
        timed(&mut c)
    };
    let fresh = |p: &Path| {
        let _ = std::fs::remove_dir_all(p);
        std::fs::create_dir_all(p).unwrap();
    };

    let clone_all = |dest: &Path, parallel: usize| {
        fresh(dest);
        let mut c = Command::new("xargs");
        c.current_dir(dest)
            .args(["-P", &parallel.to_string(), "-n", "1"])
            .args(["git", "clone", "-q", "--depth", "1", "--no-tags"]);
        timed_stdin(&mut c, &urls)
    };
    let scan_dir = |dir: &Path, out: &Path| {
        timed(
            Command::new(bin)
                .args(["scan", "--format", "json", "--no-progress", "--each-repo"])
                .arg(dir)
                .arg("-o")
                .arg(out),
        )
    };
    // The runs interleave the variants, so that the load of a shared machine weighs on all
    // of them alike.
    let (mut t_a, mut t_c, mut t_d) = (Vec::new(), Vec::new(), Vec::new());
    let (mut t_b_clone, mut t_b_scan, mut t_b, mut t_b_seq) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let wt = run_dir.join("wt");
    for run in 0..runs {
        eprintln!("run {}/{runs} ...", run + 1);
        fresh(&run_dir);
        // (a) first sweep from an empty cache, and (c) the repeat with nothing changed
        let (cache, state) = (run_dir.join("cache"), run_dir.join("state"));
        t_a.push(sweep(&cache, &state, &run_dir.join("a.json")));
        t_c.push(sweep(&cache, &state, &run_dir.join("c.json")));
        // (b) git clone --depth 1 of each (parallel, then sequential), then scan the trees
        let tc = clone_all(&wt, cores);
        let ts = scan_dir(&wt, &run_dir.join("b.json"));
        t_b_clone.push(tc);
        t_b_scan.push(ts);
        t_b.push(tc + ts);
        let tc = clone_all(&wt, 1);
        t_b_seq.push(tc + scan_dir(&wt, &run_dir.join("b-seq.json")));
        // (d) the bare repositories scanned in place
        t_d.push(scan_dir(&bare, &run_dir.join("d.json")));
    }
    let _ = std::fs::remove_dir_all(&wt);
    let a = std::fs::read(run_dir.join("a.json")).unwrap();
    let c = std::fs::read(run_dir.join("c.json")).unwrap();
    // the same inventory, but for `coverage.roots_from_state` (how many roots a resumed
    // sweep took from its state: all of them on the repeat)
    let without_state_count = |b: &[u8]| {
        let mut v: serde_json::Value = serde_json::from_slice(b).expect("an inventory");
        if let Some(c) = v["coverage"].as_object_mut() {
            c.remove("roots_from_state");
        }
        v
    };
    assert!(
        without_state_count(&a) == without_state_count(&c),
        "the repeat sweep gives the same inventory"
    );
    let inv_a = summary(&a);
    for other in ["b.json", "b-seq.json", "d.json"] {
        let inv = summary(&std::fs::read(run_dir.join(other)).unwrap());
        assert_eq!(
            inv_a, inv,
            "(a) and {other} find the same servers and tools"
        );
    }

    let m = |v: &mut Vec<Duration>| median(v).as_secs_f64();
    let (a, c) = (m(&mut t_a), m(&mut t_c));
    let (b, b_clone, b_scan, b_seq) = (
        m(&mut t_b),
        m(&mut t_b_clone),
        m(&mut t_b_scan),
        m(&mut t_b_seq),
    );
    let d = m(&mut t_d);
    let (files, bytes) = tree_stats(&base.join("stats.txt"));
    let mut r = String::new();
    let _ = writeln!(
        r,
        "{n} bare repositories over file:// ({files} files, {:.1} MiB at HEAD; 2 commits each); \
         {} servers, {} tools; {cores} cores; medians of {runs} runs",
        bytes as f64 / 1048576.0,
        inv_a.0,
        inv_a.1
    );
    let _ = writeln!(
        r,
        "(a) mcpsweep --repos (gix bare depth-1 clone + scan):     {a:.3}s"
    );
    let _ = writeln!(
        r,
        "(b) git clone --depth 1 (xargs -P {cores}) + scan --each-repo: {b:.3}s \
         (clone {b_clone:.3}s + scan {b_scan:.3}s)"
    );
    let _ = writeln!(
        r,
        "    the same with sequential clones (xargs -P 1):         {b_seq:.3}s"
    );
    let _ = writeln!(
        r,
        "(c) repeat of (a), nothing changed (same --cache{}):  {c:.3}s",
        if has_state {
            ", same --state"
        } else {
            "; no --state in this binary"
        }
    );
    let _ = writeln!(
        r,
        "(d) scan --each-repo over the bare repos (no clone):      {d:.3}s"
    );
    let _ = writeln!(
        r,
        "ratio (b)/(a): {:.2}   (a is {:.2}x faster)",
        b / a,
        b / a
    );
    let _ = writeln!(r, "ratio (b sequential)/(a): {:.2}", b_seq / a);
    let _ = writeln!(
        r,
        "ratio (c)/(a): {:.2}   (repeat sweep / first sweep)",
        c / a
    );
    print!("{r}");
}

fn timed(cmd: &mut Command) -> Duration {
    let start = Instant::now();
    let out = cmd.stdin(Stdio::piped()).output().expect("command runs");
    let t = start.elapsed();
    // mcpsweep exits 0 or 1 (findings); 2 is an operational error
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    t
}

fn timed_stdin(cmd: &mut Command, input: &str) -> Duration {
    use std::io::Write;
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("command runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let t = start.elapsed();
    assert!(out.status.success(), "{cmd:?} failed");
    t
}

/// (servers, tools, per-server (language, tool count)) of an inventory, for comparing sweeps
/// whose root labels differ.
fn summary(json: &[u8]) -> (usize, usize, Vec<(String, String, usize)>) {
    let v: serde_json::Value = serde_json::from_slice(json).expect("an inventory");
    let servers = v["servers"].as_array().unwrap();
    let mut per: Vec<(String, String, usize)> = servers
        .iter()
        .map(|s| {
            let root = s["root"].as_str().unwrap();
            let name = root
                .rsplit('/')
                .next()
                .unwrap()
                .trim_end_matches(".git")
                .to_string();
            (
                format!("{name}:{}", s["dir"].as_str().unwrap()),
                s["language"].as_str().unwrap().to_string(),
                s["tools"].as_array().unwrap().len(),
            )
        })
        .collect();
    per.sort();
    let tools = per.iter().map(|p| p.2).sum();
    (servers.len(), tools, per)
}

fn tree_stats(path: &Path) -> (u64, u64) {
    let s = std::fs::read_to_string(path).unwrap_or_default();
    let mut it = s.split_whitespace().map(|x| x.parse().unwrap_or(0));
    (it.next().unwrap_or(0), it.next().unwrap_or(0))
}

// ---------------------------------------------------------------------------------------
// Generation

fn ident(r: &mut Rng) -> String {
    let (a, b) = (r.pick(WORDS), r.pick(WORDS));
    format!("{a}{}{}", b[..1].to_uppercase(), &b[1..])
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// One MCP server package of language `lang` named `name` under `dir`: 2–4 tools whose
/// names carry the repository number, so every repository's files are its own.
fn server(r: &mut Rng, dir: &Path, lang: usize, name: &str, i: usize) {
    let tools: Vec<String> = (0..r.range(2, 5))
        .map(|k| {
            format!(
                "{}_{}_{i}_{k}",
                ["get", "list", "delete", "update"][k % 4],
                r.pick(WORDS)
            )
        })
        .collect();
    match lang {
        0 => {
            write(
                &dir.join("package.json"),
                &format!(
                    "{{\n  \"name\": \"@acme/{name}\",\n  \"version\": \"1.{i}.0\",\n  \"type\": \"module\",\n  \"dependencies\": {{\n    \"@modelcontextprotocol/sdk\": \"^1.12.0\",\n    \"zod\": \"^3.23.8\"\n  }}\n}}\n"
                ),
            );
            let mut s = String::from(
                "import { McpServer } from \"@modelcontextprotocol/sdk/server/mcp.js\";\nimport { StdioServerTransport } from \"@modelcontextprotocol/sdk/server/stdio.js\";\nimport { z } from \"zod\";\nimport { rm } from \"node:fs/promises\";\n\n",
            );
            let _ = writeln!(
                s,
                "const server = new McpServer({{ name: \"{name}\", version: \"1.{i}.0\" }});\n"
            );
            for t in &tools {
                let body = if t.starts_with("delete") {
                    "await rm(`/var/data/${id}`, { force: true });\n    "
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "server.registerTool(\n  \"{t}\",\n  {{ description: \"{t} for repository {i}\", inputSchema: {{ id: z.string().describe(\"the id\") }} }},\n  async ({{ id }}) => {{\n    {body}return {{ content: [{{ type: \"text\", text: `{t} ${{id}}` }}] }};\n  }},\n);\n"
                );
            }
            s.push_str("await server.connect(new StdioServerTransport());\n");
            write(&dir.join("src/index.ts"), &s);
        }
        1 => {
            let module = name.replace('-', "_");
            write(
                &dir.join("pyproject.toml"),
                &format!(
                    "[project]\nname = \"{name}\"\nversion = \"0.{i}.0\"\ndependencies = [\"mcp>=1.9.0\"]\n"
                ),
            );
            let mut s = format!(
                "import os\n\nfrom mcp.server.fastmcp import FastMCP\n\nmcp = FastMCP(\"{name}\")\n\n"
            );
            for t in &tools {
                let body = if t.starts_with("delete") {
                    "os.remove(os.path.join(\"/var/data\", key))\n    "
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "@mcp.tool()\ndef {t}(key: str) -> str:\n    \"\"\"{t} for repository {i}.\"\"\"\n    {body}return key\n\n"
                );
            }
            s.push_str("if __name__ == \"__main__\":\n    mcp.run()\n");
            write(&dir.join(format!("src/{module}/server.py")), &s);
            write(&dir.join(format!("src/{module}/__init__.py")), "");
        }
        2 => {
            write(
                &dir.join("go.mod"),
                &format!(
                    "module example.com/acme/{name}\n\ngo 1.22\n\nrequire github.com/mark3labs/mcp-go v0.32.0\n"
                ),
            );
            let mut s = String::from(
                "package main\n\nimport (\n\t\"context\"\n\t\"os\"\n\n\t\"github.com/mark3labs/mcp-go/mcp\"\n\t\"github.com/mark3labs/mcp-go/server\"\n)\n\n",
            );
            let _ = writeln!(
                s,
                "func main() {{\n\ts := server.NewMCPServer(\"{name}\", \"1.{i}.0\")"
            );
            for t in &tools {
                let body = if t.starts_with("delete") {
                    "os.Remove(\"/var/data/\" + id)\n\t\t"
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "\ts.AddTool(mcp.NewTool(\"{t}\",\n\t\tmcp.WithDescription(\"{t} for repository {i}\"),\n\t\tmcp.WithString(\"id\", mcp.Required()),\n\t), func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {{\n\t\tid, _ := req.RequireString(\"id\")\n\t\t{body}return mcp.NewToolResultText(id), nil\n\t}})"
                );
            }
            s.push_str("\tif err := server.ServeStdio(s); err != nil {\n\t\tos.Exit(1)\n\t}\n}\n");
            write(&dir.join("main.go"), &s);
        }
        _ => {
            write(
                &dir.join("Cargo.toml"),
                &format!(
                    "[package]\nname = \"{name}\"\nversion = \"0.{i}.0\"\nedition = \"2021\"\n\n[dependencies]\nrmcp = {{ version = \"0.8\", features = [\"server\", \"transport-io\"] }}\nschemars = \"1\"\nserde = {{ version = \"1\", features = [\"derive\"] }}\ntokio = {{ version = \"1\", features = [\"full\"] }}\n"
                ),
            );
            let mut s = String::from(
                "use rmcp::handler::server::{router::tool::ToolRouter, wrapper::Parameters};\nuse rmcp::model::*;\nuse rmcp::{tool, tool_handler, tool_router, ErrorData as McpError, ServerHandler, ServiceExt};\n\n#[derive(serde::Deserialize, schemars::JsonSchema)]\npub struct Req {\n    /// The id.\n    pub id: String,\n}\n\n#[derive(Clone)]\npub struct Svc {\n    tool_router: ToolRouter<Svc>,\n}\n\n#[tool_router]\nimpl Svc {\n",
            );
            for t in &tools {
                let body = if t.starts_with("delete") {
                    "let _ = std::fs::remove_file(format!(\"/var/data/{}\", p.id));\n        "
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "    #[tool(description = \"{t} for repository {i}\")]\n    async fn {t}(&self, Parameters(p): Parameters<Req>) -> Result<CallToolResult, McpError> {{\n        {body}Ok(CallToolResult::success(vec![Content::text(p.id)]))\n    }}\n"
                );
            }
            s.push_str("}\n\n#[tool_handler]\nimpl ServerHandler for Svc {}\n\n#[tokio::main]\nasync fn main() -> anyhow::Result<()> {\n    let svc = Svc { tool_router: Svc::tool_router() }.serve(rmcp::transport::stdio()).await?;\n    svc.waiting().await?;\n    Ok(())\n}\n");
            write(&dir.join("src/main.rs"), &s);
        }
    }
}

/// One ordinary (non-MCP) source file of a few KiB.
fn ordinary(r: &mut Rng, lang: usize) -> (String, &'static str) {
    let mut s = String::new();
    let funcs = r.range(6, 30);
    match lang {
        0 => {
            s.push_str("import { readFile } from \"node:fs/promises\";\n\n");
            for _ in 0..funcs {
                let (f, a, b) = (ident(r), ident(r), ident(r));
                let _ = writeln!(s, "export async function {f}({a}: string, {b}: number): Promise<string> {{\n  const out = await readFile(`${{{a}}}/${{{b}}}.json`, \"utf8\");\n  return {b} > 10 ? out.trim() : JSON.stringify({{ {a}, {b} }});\n}}\n");
            }
            (s, "ts")
        }
        1 => {
            s.push_str("import json\nimport os\n\n");
            for _ in 0..funcs {
                let (f, a, b) = (ident(r), ident(r), ident(r));
                let _ = writeln!(s, "def {f}({a}: str, {b}: int = 3) -> dict:\n    \"\"\"Return the {} for {a}.\"\"\"\n    with open(os.path.join({a}, str({b}))) as fh:\n        return json.load(fh)\n", r.pick(WORDS));
            }
            (s, "py")
        }
        2 => {
            s.push_str("package svc\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n)\n\n");
            for _ in 0..funcs {
                let (f, a) = (ident(r), ident(r));
                let _ = writeln!(s, "// {f} serves the {} endpoint.\nfunc {f}(w http.ResponseWriter, {a} *http.Request) {{\n\tfmt.Fprintf(w, \"%s\", {a}.URL.Path)\n}}\n", r.pick(WORDS));
            }
            (s, "go")
        }
        _ => {
            s.push_str("use std::collections::HashMap;\n\n");
            for _ in 0..funcs {
                let (f, a) = (ident(r).to_lowercase(), ident(r).to_lowercase());
                let _ = writeln!(s, "/// Compute the {} table.\npub fn {f}({a}: &[u32]) -> HashMap<u32, usize> {{\n    {a}.iter().enumerate().map(|(i, v)| (*v, i)).collect()\n}}\n", r.pick(WORDS));
            }
            (s, "rs")
        }
    }
}

fn git(git_dir: &Path, work: &Path, args: &[&str], who: (&str, &str), date: &str) {
    let out = Command::new("git")
        .arg("--git-dir")
        .arg(git_dir)
        .arg("--work-tree")
        .arg(work)
        .args(["-c", &format!("user.name={}", who.0)])
        .args(["-c", &format!("user.email={}", who.1)])
        .args(["-c", "init.defaultBranch=main"])
        .args(args)
        .envs(
            [("GIT_AUTHOR_DATE", date), ("GIT_COMMITTER_DATE", date)]
                .into_iter()
                .filter(|(_, d)| !d.is_empty()),
        )
        .stdin(Stdio::piped())
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `n` bare repositories (two commits each: everything, then a change to one ordinary
/// file), packed as a server would hold them, and the list of their `file://` URLs.
fn generate(base: &Path, n: usize) {
    let bare = base.join("bare");
    let src = base.join("src");
    std::fs::create_dir_all(&bare).unwrap();
    let mut urls = String::new();
    let (mut files, mut bytes) = (0u64, 0u64);
    const LANG_DIR: [&str; 4] = ["packages", "services", "cmd", "crates"];
    for i in 0..n {
        let mut r = Rng(0x9e37_79b9_7f4a_7c15 ^ ((i as u64 + 1) * 0x2545_f491_4f6c_dd1d));
        let work = src.join(format!("repo-{i:04}"));
        let _ = std::fs::remove_dir_all(&work);
        // every repository holds 1–3 servers (of different languages) among ordinary code
        let servers = 1 + i % 3;
        for j in 0..servers {
            let lang = (i + j) % 4;
            let name = format!("{}-mcp-{i}-{j}", r.pick(WORDS));
            let dir = work.join(LANG_DIR[lang]).join(&name);
            server(&mut r, &dir, lang, &name, i);
        }
        for k in 0..r.range(20, 60) {
            let lang = (i + k) % 4;
            let (text, ext) = ordinary(&mut r, lang);
            let sub = ["src", "lib", "internal", "app"][k % 4];
            write(
                &work.join(format!("{sub}/m{}/f{i}_{k}.{ext}", k % 5)),
                &text,
            );
        }
        write(
            &work.join("README.md"),
            &format!("# repository {i}\n\nGenerated for the sweep benchmark.\n"),
        );
        write(
            &work.join(".github/CODEOWNERS"),
            &format!("*  @acme/team-{}\n", i % 7),
        );
        let git_dir = bare.join(format!("repo-{i:04}.git"));
        let alice = ("Alice", "alice@acme.example");
        let bob = ("Bob", "1+bob@users.noreply.github.com");
        let init = Command::new("git")
            .args(["init", "-q", "--bare", "--initial-branch=main"])
            .arg(&git_dir)
            .stdin(Stdio::piped())
            .output()
            .expect("git runs");
        assert!(init.status.success(), "git init --bare failed");
        git(&git_dir, &work, &["add", "-A"], alice, "");
        git(
            &git_dir,
            &work,
            &["commit", "-qm", "start"],
            alice,
            "2024-01-01T10:00:00Z",
        );
        write(&work.join("src/m0/changed.txt"), "changed\n");
        git(&git_dir, &work, &["add", "-A"], bob, "");
        git(
            &git_dir,
            &work,
            &["commit", "-qm", "change"],
            bob,
            "2024-02-01T10:00:00Z",
        );
        // packed, as a server holds them (pack-objects fed on a pipe: `git repack` would give
        // it /dev/null as stdin), loose copies removed; the index the commits used is not part
        // of a bare repository
        pipe_git(
            &git_dir,
            &["pack-objects", "--revs", "--quiet", "objects/pack/pack"],
            "refs/heads/main\n",
        );
        pipe_git(&git_dir, &["prune-packed"], "");
        let _ = std::fs::remove_file(git_dir.join("index"));
        let (f, b) = tree_size(&work);
        files += f;
        bytes += b;
        std::fs::remove_dir_all(&work).unwrap();
        let _ = writeln!(urls, "file://{}", git_dir.display());
    }
    let _ = std::fs::remove_dir_all(&src);
    std::fs::write(base.join("repos.txt"), urls).unwrap();
    std::fs::write(base.join("stats.txt"), format!("{files} {bytes}\n")).unwrap();
}

/// Run git in `git_dir` with `input` on stdin.
fn pipe_git(git_dir: &Path, args: &[&str], input: &str) {
    use std::io::Write;
    let mut child = Command::new("git")
        .current_dir(git_dir)
        .arg("--git-dir")
        .arg(git_dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("git runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
