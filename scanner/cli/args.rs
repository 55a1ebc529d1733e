//! Command-line arguments.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "mcpsweep",
    version,
    about = "Find every MCP server in your repositories and report what each can do"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Scan folders for MCP servers and write the inventory or capability matrix.
    Scan(Box<ScanArgs>),
    /// Print the JSON Schema of the inventory JSON.
    Schema,
    /// List the audit rules (built-in, plus `--rules DIR`).
    Rules(RulesArgs),
    /// Print one rule's documentation (Markdown).
    Rule(RuleArgs),
    /// Combine the per-root records of shards (`scan --shard K/N --state DIR`) into exactly
    /// what one run over all roots produces, in any format.
    Merge(Box<MergeArgs>),
}

#[derive(clap::Args, Debug, Clone)]
pub struct MergeArgs {
    /// State folders written by `scan --state DIR` (their plan and records), or record files
    /// (JSON lines).
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    pub inputs: Vec<PathBuf>,

    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(clap::Args, Debug, Clone)]
pub struct RulesArgs {
    /// Also load the rules (`*.toml`) of this folder (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// `text` (default), `markdown` (the README table) or `json`.
    #[arg(long, short = 'f', default_value = "text")]
    pub format: String,
}

#[derive(clap::Args, Debug, Clone)]
pub struct RuleArgs {
    /// The rule id, e.g. MCP-EXEC-001.
    pub id: String,
    /// Also load the rules (`*.toml`) of this folder (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ScanArgs {
    /// Folders, git work trees or bare repositories to scan (each is its own root). Default:
    /// the current folder, unless `--repos` or `--each-repo` gives the roots.
    pub paths: Vec<PathBuf>,

    /// A file listing repositories to sweep: one path or git URL per line, `#` comments.
    /// URLs are cloned (bare, depth 1, no checkout, no hooks) into `--cache`, or fetched again.
    #[arg(long, value_name = "FILE")]
    pub repos: Option<PathBuf>,

    /// Where `--repos` keeps its clones. Default: `$XDG_CACHE_HOME/mcpsweep/repos` (or
    /// `~/.cache/mcpsweep/repos`).
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,

    /// Every git repository under DIR (work tree or bare) is its own root (repeatable).
    #[arg(long, value_name = "DIR")]
    pub each_repo: Vec<PathBuf>,

    /// Files larger than this many bytes are not parsed (recorded in coverage).
    #[arg(long, default_value_t = 4 * 1024 * 1024, value_name = "BYTES")]
    pub max_file_size: u64,

    /// Seconds allowed to parse and query one file before it is reported as a gap.
    #[arg(long, default_value_t = 5, value_name = "SECONDS")]
    pub parse_timeout: u64,

    /// Only scan paths matching this glob (relative to the root; repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Skip paths matching this glob (relative to the root; repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Also extract from test code (test folders, *.test.ts, *_test.go, test_*.py...).
    #[arg(long)]
    pub include_tests: bool,

    /// Do not skip dependency and build folders (node_modules, vendor, .venv, target, dist...).
    #[arg(long)]
    pub no_default_excludes: bool,

    /// Number of worker threads (default: number of CPUs).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,

    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,

    /// Write each root's record to DIR as it finishes (one JSON line per root, written
    /// atomically); a run started again with the same DIR takes the roots already recorded
    /// at the same commit from it instead of scanning them again (bare repositories and
    /// `--repos` clones; folders and work trees are always scanned). `mcpsweep merge DIR...`
    /// combines the records of shards.
    #[arg(long, value_name = "DIR")]
    pub state: Option<PathBuf>,

    /// Scan only shard K of N (1-based) of the sorted list of roots: roots number K, K+N,
    /// K+2N... Combine the shards' `--state` folders with `mcpsweep merge`.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,

    /// Keep each parsed file's facts in DIR, keyed by git blob id (computed for files on
    /// disk) and the scanner build: unchanged files are not parsed again on the next sweep.
    #[arg(long, value_name = "DIR")]
    pub facts_cache: Option<PathBuf>,

    #[command(flatten)]
    pub report: ReportArgs,
}

/// How the results are audited and rendered (shared by `scan` and `merge`).
#[derive(clap::Args, Debug, Clone)]
pub struct ReportArgs {
    /// Output format. Default: `text` on a terminal, else `json`; with `-o`, from the file
    /// extension (.json, .csv, .md), else `json`.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,

    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Also load the audit rules (`*.toml`) of this folder (repeatable); a rule with the id of
    /// a built-in one replaces it.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,

    /// Do not run this rule (repeatable).
    #[arg(long, value_name = "RULE")]
    pub disable: Vec<String>,

    /// Run no audit rules (inventory only).
    #[arg(long)]
    pub no_rules: bool,

    /// Exit with code 1 when a finding at or above this severity is not suppressed.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,

    /// An earlier inventory JSON or SARIF log: findings it already holds (by fingerprint) are
    /// marked suppressed and do not count.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// SARIF analysis category (`automationDetails.id`); keep it stable.
    #[arg(long, default_value = "mcpsweep", value_name = "NAME")]
    pub sarif_category: String,

    /// SARIF profile: `github` leaves suppressed findings out (for upload), `full` keeps them
    /// with their justification.
    #[arg(long, value_enum, default_value = "github")]
    pub sarif_profile: crate::report::sarif::Profile,
}

/// `K/N` with 1 <= K <= N.
pub fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("`{s}`: expected K/N with 1 <= K <= N, e.g. 2/8");
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let k: usize = k.trim().parse().map_err(|_| bad())?;
    let n: usize = n.trim().parse().map_err(|_| bad())?;
    if n == 0 || k == 0 || k > n {
        return Err(bad());
    }
    Ok((k, n))
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Inventory JSON (see `mcpsweep schema`).
    Json,
    /// SARIF 2.1.0 findings for GitHub code scanning.
    Sarif,
    /// Capability matrix, one row per tool, CSV.
    Csv,
    /// Capability matrix, Markdown table.
    Markdown,
    /// Human-readable summary.
    Text,
}
