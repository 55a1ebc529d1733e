//! mcpsweep: find every MCP server in a set of repositories and report what each can do.

mod args;
mod discover;
mod report;
mod scan;

use anyhow::Context;
use args::{Cli, Command, Format, ScanArgs};
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Schema => {
            print!("{}", report::schema());
            Ok(ExitCode::SUCCESS)
        }
        Command::Scan(args) => run_scan(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("mcpsweep: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run_scan(args: ScanArgs) -> anyhow::Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .ok();
    }
    let show_progress = !args.no_progress && std::io::stderr().is_terminal();
    let outcome = scan::run(&args, show_progress)?;
    let format = args.format.unwrap_or_else(|| match &args.output {
        Some(p) => match p.extension().and_then(|e| e.to_str()) {
            Some("csv") => Format::Csv,
            Some("md") | Some("markdown") => Format::Markdown,
            Some("txt") => Format::Text,
            _ => Format::Json,
        },
        None if std::io::stdout().is_terminal() => Format::Text,
        None => Format::Json,
    });
    let inv = &outcome.inventory;
    let rendered = match format {
        Format::Json => report::json(inv),
        Format::Csv => report::matrix::csv(inv),
        Format::Markdown => report::matrix::markdown(inv),
        Format::Text => report::text::render(inv),
    };
    match &args.output {
        Some(path) => write_atomic(path, rendered.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(rendered.as_bytes())?;
            out.flush()?;
        }
    }
    for e in inv.coverage.errors.iter().filter(|e| e.file.is_empty()) {
        eprintln!("mcpsweep: error: root {}: {}", e.root, e.reason);
    }
    Ok(if outcome.failed_roots > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Write to a temporary file beside the target, then rename over it.
fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
