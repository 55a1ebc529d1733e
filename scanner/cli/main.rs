//! mcpsweep: find every MCP server in a set of repositories and report what each can do.

mod args;
mod audit;
mod discover;
mod factcache;
mod owners;
mod progress;
mod record;
mod repo;
mod report;
mod scan;
mod state;

use anyhow::Context;
use args::{Cli, Command, FailOn, Format, MergeArgs, ReportArgs, RuleArgs, RulesArgs, ScanArgs};
use clap::Parser;
use mcpsweep_audit::{RuleSet, Severity};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// mimalloc for Rust and for tree-sitter's C core: a sweep allocates and frees millions of
/// small tree nodes and strings on every thread, where glibc's malloc spent ~12% of the scan.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod c_alloc {
    use std::ffi::c_void;
    fn check(p: *mut c_void, size: usize) -> *mut c_void {
        if p.is_null() && size != 0 {
            // tree-sitter must not be handed null: fail as Rust does when memory runs out
            std::alloc::handle_alloc_error(
                std::alloc::Layout::from_size_align(size, 16).expect("a valid layout"),
            );
        }
        p
    }
    pub unsafe extern "C" fn malloc(size: usize) -> *mut c_void {
        check(unsafe { libmimalloc_sys::mi_malloc(size) }, size)
    }
    pub unsafe extern "C" fn calloc(n: usize, size: usize) -> *mut c_void {
        // an overflowing product is refused, as calloc does
        let Some(total) = n.checked_mul(size) else {
            return check(std::ptr::null_mut(), usize::MAX);
        };
        check(unsafe { libmimalloc_sys::mi_zalloc(total) }, total)
    }
    pub unsafe extern "C" fn realloc(p: *mut c_void, size: usize) -> *mut c_void {
        check(unsafe { libmimalloc_sys::mi_realloc(p, size) }, size)
    }
    pub unsafe extern "C" fn free(p: *mut c_void) {
        unsafe { libmimalloc_sys::mi_free(p) }
    }
}

fn main() -> ExitCode {
    // No transparent huge pages: mimalloc asks for them, and the kernel then zeroes 2 MiB at
    // every first touch of a region that grows a few KiB at a time; on the scan benchmark that
    // zeroing was 10% of the CPU time, and is near 0% without.
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integer arguments and changes only this process
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    // SAFETY: first thing in main, before any tree-sitter object exists; one family (mimalloc),
    // never null for a non-zero size (`check`), malloc's alignment.
    unsafe {
        mcpsweep_extract::set_parser_allocator(mcpsweep_extract::ParserAllocator {
            malloc: c_alloc::malloc,
            calloc: c_alloc::calloc,
            realloc: c_alloc::realloc,
            free: c_alloc::free,
        });
    }
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Schema => {
            print!("{}", report::schema());
            Ok(ExitCode::SUCCESS)
        }
        Command::Scan(args) => run_scan(*args),
        Command::Rules(args) => list_rules(args),
        Command::Rule(args) => show_rule(args),
        Command::Merge(args) => run_merge(*args),
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
    // rules and baseline first: a bad rule file fails before the sweep
    let (rules, baseline) = audit_inputs(&args.report)?;
    let mut timer = scan::Timer::new();
    let scanned = scan::run(&args, show_progress)?;
    timer.lap("scan");
    let combined = record::combine(scanned.records, scanned.from_state);
    timer.lap("combine");
    let code = report(&args.report, combined, &rules, baseline.as_ref())?;
    timer.lap("audit + report");
    for w in &scanned.warnings {
        eprintln!("mcpsweep: error: {w}");
    }
    // freed by the end of the process (see `Scanned::retained`)
    std::mem::forget(scanned.retained);
    Ok(if scanned.warnings.is_empty() {
        code
    } else {
        ExitCode::from(2)
    })
}

/// `mcpsweep merge`: the records of shards, combined and reported as one run would.
fn run_merge(args: MergeArgs) -> anyhow::Result<ExitCode> {
    let (rules, baseline) = audit_inputs(&args.report)?;
    let records = state::load_for_merge(&args.inputs)?;
    let combined = record::combine(records, 0);
    report(&args.report, combined, &rules, baseline.as_ref())
}

fn audit_inputs(args: &ReportArgs) -> anyhow::Result<(RuleSet, Option<audit::Baseline>)> {
    let rules = if args.no_rules {
        RuleSet::default()
    } else {
        let mut r = load_rules(&args.rules)?;
        r.disable(&args.disable);
        r
    };
    let baseline = match &args.baseline {
        Some(p) => Some(audit::Baseline::load(p)?),
        None => None,
    };
    Ok((rules, baseline))
}

/// When `out` is a pipe, ask for a buffer of up to 1 MiB (the default is 64 KiB): a large
/// inventory then crosses in a few hundred writes instead of one per 64 KiB, each waking the
/// reader. Best effort: a refusal changes nothing.
#[cfg(target_os = "linux")]
fn widen_pipe(out: &impl std::os::fd::AsRawFd, len: usize) {
    let fd = out.as_raw_fd();
    // SAFETY: fstat writes the struct it is given; F_SETPIPE_SZ takes an integer and only
    // changes the pipe's capacity.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        if libc::fstat(fd, &mut st) == 0 && (st.st_mode & libc::S_IFMT) == libc::S_IFIFO {
            let want = len.clamp(64 << 10, 1 << 20) as libc::c_int;
            libc::fcntl(fd, libc::F_SETPIPE_SZ, want);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn widen_pipe<T>(_: &T, _: usize) {}

/// Audit the combined records and write the output; the exit code.
fn report(
    args: &ReportArgs,
    combined: record::Combined,
    rules: &RuleSet,
    baseline: Option<&audit::Baseline>,
) -> anyhow::Result<ExitCode> {
    let record::Combined {
        mut inventory,
        lines,
        root_uris,
        failed_roots,
    } = combined;
    let mut timer = scan::Timer::new();
    audit::run(&mut inventory, rules, baseline, &lines);
    timer.lap("audit");
    let format = args.format.unwrap_or_else(|| match &args.output {
        Some(p) => match p.extension().and_then(|e| e.to_str()) {
            Some("csv") => Format::Csv,
            Some("sarif") => Format::Sarif,
            Some("md") | Some("markdown") => Format::Markdown,
            Some("txt") => Format::Text,
            _ => Format::Json,
        },
        None if std::io::stdout().is_terminal() => Format::Text,
        None => Format::Json,
    });
    let inv = &inventory;
    let rendered = match format {
        Format::Json => report::Rendered::Json(report::JsonPieces::new(inv)),
        Format::Sarif => report::Rendered::Text(report::sarif::render(
            inv,
            rules,
            &report::sarif::Options {
                category: &args.sarif_category,
                profile: args.sarif_profile,
            },
            &lines,
            &root_uris,
        )),
        Format::Csv => report::Rendered::Text(report::matrix::csv(inv)),
        Format::Markdown => report::Rendered::Text(report::matrix::markdown(inv)),
        Format::Text => report::Rendered::Text(report::text::render(inv)),
    };
    timer.lap("render");
    match &args.output {
        Some(path) => {
            write_atomic(path, &rendered).with_context(|| format!("writing {}", path.display()))?
        }
        None => {
            widen_pipe(&std::io::stdout(), rendered.len());
            rendered.write_buffered(std::io::stdout().lock())?;
        }
    }
    if format == Format::Sarif && inv.roots.len() > 20 {
        eprintln!(
            "mcpsweep: warning: {} roots make {} SARIF runs; GitHub accepts at most 20 per upload and one repository per upload: scan each repository on its own for code scanning",
            inv.roots.len(),
            inv.roots.len()
        );
    }
    for e in inv.coverage.errors.iter().filter(|e| e.file.is_empty()) {
        eprintln!("mcpsweep: error: root {}: {}", e.root, e.reason);
    }
    let tripped = args
        .fail_on
        .is_some_and(|t| mcpsweep_audit::fails(&inv.findings, severity(t)));
    // The process ends after this: freeing the inventory, its source lines and the rendered
    // output one allocation at a time would only cost time (tens of ms on a large sweep).
    std::mem::forget(inventory);
    std::mem::forget(lines);
    std::mem::forget(rendered);
    Ok(if failed_roots > 0 {
        ExitCode::from(2)
    } else if tripped {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn severity(f: FailOn) -> Severity {
    match f {
        FailOn::Critical => Severity::Critical,
        FailOn::High => Severity::High,
        FailOn::Medium => Severity::Medium,
        FailOn::Low => Severity::Low,
        FailOn::Info => Severity::Info,
    }
}

/// Built-in rules plus the rules of `dirs`; a bad rule file is an operational error that
/// names the file and position.
fn load_rules(dirs: &[std::path::PathBuf]) -> anyhow::Result<RuleSet> {
    let report = |errs: Vec<mcpsweep_audit::LoadError>| {
        anyhow::anyhow!(
            "bad rule files:\n{}",
            errs.iter()
                .map(|e| format!("  {e}"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    };
    let mut set = RuleSet::builtin().map_err(report)?;
    for d in dirs {
        set.load_dir(d).map_err(report)?;
    }
    Ok(set)
}

fn list_rules(args: RulesArgs) -> anyhow::Result<ExitCode> {
    let set = load_rules(&args.rules)?;
    let out = match args.format.as_str() {
        "markdown" | "md" => mcpsweep_audit::readme_table(&set),
        "json" => {
            let v: Vec<serde_json::Value> = set
                .rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "name": r.name, "title": r.title,
                        "severity": r.severity.as_str(), "precision": r.precision.as_str(),
                        "cwe": r.cwe, "soc2": r.soc2, "domain": r.domain, "tags": r.sarif_tags(),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&v)? + "\n"
        }
        "text" => set
            .rules
            .iter()
            .map(|r| format!("{:<14} {:<9} {}\n", r.id, r.severity.as_str(), r.title))
            .collect(),
        other => anyhow::bail!("unknown rules format `{other}` (text, markdown, json)"),
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn show_rule(args: RuleArgs) -> anyhow::Result<ExitCode> {
    let set = load_rules(&args.rules)?;
    match set.get(&args.id) {
        Some(r) => {
            print!("{}", r.help_markdown());
            Ok(ExitCode::SUCCESS)
        }
        None => anyhow::bail!("no rule `{}` (see `mcpsweep rules` for the list)", args.id),
    }
}

/// Write to a temporary file beside the target, then rename over it.
fn write_atomic(path: &Path, rendered: &report::Rendered) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    rendered.write_buffered(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

    #[test]
    fn widen_pipe_grows_a_pipe_and_leaves_a_file_alone() {
        let mut fds = [0; 2];
        // SAFETY: pipe writes two new descriptors into the array, owned below.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        let (_read, write) =
            unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        let size = |fd: &OwnedFd| unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_GETPIPE_SZ) };
        let before = size(&write);
        super::widen_pipe(&write, 8 << 20);
        let max: i32 = std::fs::read_to_string("/proc/sys/fs/pipe-max-size")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0);
        let after = size(&write);
        assert!(after >= before, "{before} -> {after}");
        if max >= 1 << 20 {
            assert_eq!(after, 1 << 20);
        }
        // a regular file is not touched (and nothing fails)
        let file = tempfile::tempfile().unwrap();
        super::widen_pipe(&file, 8 << 20);
    }
}
