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
    Scan(ScanArgs),
    /// Print the JSON Schema of the inventory JSON.
    Schema,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ScanArgs {
    /// Folders to scan (each is its own root). Default: the current folder.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format. Default: `text` on a terminal, else `json`; with `-o`, from the file
    /// extension (.json, .csv, .md), else `json`.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,

    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

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
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Inventory JSON (see `mcpsweep schema`).
    Json,
    /// Capability matrix, one row per tool, CSV.
    Csv,
    /// Capability matrix, Markdown table.
    Markdown,
    /// Human-readable summary.
    Text,
}
