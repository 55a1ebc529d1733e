//! The scan pipeline: walk each root, prefilter and extract files in parallel, assemble
//! servers per root, and account for every file that was not analysed.

use crate::args::ScanArgs;
use crate::discover::{self, Entry, Filters};
use crate::record::RootRecord;
use mcpsweep_extract::clientconfig;
use mcpsweep_extract::manifest::{self, Manifest};
use mcpsweep_extract::{extract, prefilter, Lang, Limits, SourceFile};
use mcpsweep_model::{Config, CoverageError, Root};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The records of a scan's roots, in root order.
pub struct Scanned {
    pub records: Vec<RootRecord>,
    /// Roots taken from `--state` rather than scanned.
    pub from_state: u64,
    /// Operational problems that did not stop the sweep (a state record not written).
    pub warnings: Vec<String>,
    /// A one-root scan's working data (files' facts, walk, manifests), kept rather than
    /// freed: the process ends after the report, and freeing it one allocation at a time
    /// would compete with the report for the CPU. A sweep of several roots frees each root's
    /// as it goes.
    pub retained: Vec<Box<dyn std::any::Any + Send>>,
}

enum FileOutcome {
    /// A source file with no SDK marker: kept in case it defines a constant a registration
    /// elsewhere in its package needs.
    NotCandidate(Option<Lang>),
    Skipped(&'static str),
    Error(String),
    /// (boxed: the facts are large and most files have none)
    Facts(Lang, Box<mcpsweep_extract::FileFacts>),
    /// A file with an SDK marker, read and waiting for extraction.
    Candidate(Lang, Vec<u8>),
    Manifest(Box<Manifest>),
}

struct Processed {
    rel: String,
    outcome: FileOutcome,
    /// A client config or server manifest read from this file (or why it could not be).
    /// (boxed, as the manifest above: a scan holds one of these per file of the tree)
    config: Option<Box<Result<Config, String>>>,
    bytes: u64,
    /// A candidate parsed (even with syntax errors).
    parsed: bool,
    candidate: bool,
}

/// Phase timings on stderr when MCPSWEEP_TIMINGS is set (for profiling; not an output):
/// wall time and the process's CPU time (user + system, all threads) of each phase.
pub(crate) struct Timer(Option<(std::time::Instant, f64)>);

fn cpu_seconds() -> f64 {
    // SAFETY: getrusage writes the struct it is given and nothing else.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } != 0 {
        return 0.0;
    }
    let t = |v: libc::timeval| v.tv_sec as f64 + v.tv_usec as f64 / 1e6;
    t(u.ru_utime) + t(u.ru_stime)
}

impl Timer {
    pub(crate) fn new() -> Timer {
        Timer(
            std::env::var_os("MCPSWEEP_TIMINGS")
                .map(|_| (std::time::Instant::now(), cpu_seconds())),
        )
    }
    pub(crate) fn lap(&mut self, what: &str) {
        if let Some((t, cpu)) = self.0 {
            let now = cpu_seconds();
            eprintln!(
                "mcpsweep: {what}: {:.3}s (cpu {:.3}s)",
                t.elapsed().as_secs_f64(),
                now - cpu
            );
            self.0 = Some((std::time::Instant::now(), now));
        }
    }
}

/// Counters for `MCPSWEEP_STATS` (stderr; not part of any output).
pub static FILES_EXTRACTED: AtomicU64 = AtomicU64::new(0);
pub static FACTS_FROM_CACHE: AtomicU64 = AtomicU64::new(0);

/// What every root of a scan shares.
struct Ctx<'a> {
    args: &'a ScanArgs,
    filters: Filters,
    limits: Limits,
    key: String,
    facts: Option<crate::factcache::FactsCache>,
    progress: crate::progress::Progress,
    /// Where a one-root scan leaves its working data (see `Scanned::retained`); None when
    /// there are several roots.
    retain: Option<std::sync::Mutex<Vec<Box<dyn std::any::Any + Send>>>>,
}

pub fn run(args: &ScanArgs, show_progress: bool) -> anyhow::Result<Scanned> {
    let filters = Filters::new(&args.include, &args.exclude, !args.no_default_excludes)?;
    let limits = Limits {
        parse_timeout: Duration::from_secs(args.parse_timeout.max(1)),
    };
    let mut specs = crate::repo::resolve_roots(args)?;
    if let Some((k, n)) = args.shard {
        specs = specs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % n == k - 1)
            .map(|(_, s)| s)
            .collect();
    }
    let key = crate::record::scan_key(args);
    let labels: Vec<String> = specs.iter().map(|s| s.label.clone()).collect();
    let state = match &args.state {
        Some(dir) => Some(crate::state::State::open(dir, &key, args.shard, &labels)?),
        None => None,
    };
    let facts = match &args.facts_cache {
        Some(dir) => Some(crate::factcache::FactsCache::open(dir)?),
        None => None,
    };
    let ctx = Ctx {
        args,
        filters,
        limits,
        key,
        facts,
        progress: crate::progress::Progress::new(show_progress, specs.len() as u64),
        retain: (specs.len() == 1).then(|| std::sync::Mutex::new(Vec::new())),
    };
    let warnings = std::sync::Mutex::new(Vec::new());
    // roots side by side (and files side by side within each); collected in root order
    let done: Vec<(RootRecord, bool)> = specs
        .par_iter()
        .with_max_len(1)
        .map(|spec| {
            ctx.progress.start(&spec.label);
            let path = spec.fetch();
            let reused = match (&state, &path) {
                (Some(st), Ok(p)) => st.get(&spec.label).filter(|r| {
                    // only a bare repository (or a clone) is its commit; a folder or work
                    // tree can change without one
                    r.kind == "bare"
                        && r.root.status == "ok"
                        && r.root.commit.is_some()
                        && r.root.commit == crate::repo::bare_head(p)
                        && r.root_uri == crate::report::sarif::root_uri(&spec.label)
                }),
                _ => None,
            };
            let out = match reused {
                Some(r) => (r, true),
                None => {
                    let r = scan_root(&ctx, &spec.label, path);
                    if let Some(st) = &state {
                        if let Err(e) = st.save(&r) {
                            warnings.lock().unwrap().push(format!("{e:#}"));
                        }
                    }
                    (r, false)
                }
            };
            ctx.progress.finish_root(&spec.label);
            out
        })
        .collect();
    ctx.progress.clear();
    let from_state = done.iter().filter(|(_, reused)| *reused).count() as u64;
    if std::env::var_os("MCPSWEEP_STATS").is_some() {
        eprintln!(
            "mcpsweep: stats: roots scanned {}, from state {}; files parsed {}, facts from cache {}",
            done.len() as u64 - from_state,
            from_state,
            FILES_EXTRACTED.load(Ordering::Relaxed),
            FACTS_FROM_CACHE.load(Ordering::Relaxed),
        );
    }
    Ok(Scanned {
        records: done.into_iter().map(|(r, _)| r).collect(),
        from_state,
        warnings: warnings.into_inner().unwrap(),
        retained: ctx
            .retain
            .map(|r| r.into_inner().unwrap_or_default())
            .unwrap_or_default(),
    })
}

/// Scan one root to its record.
fn scan_root(ctx: &Ctx, label: &str, path: Result<std::path::PathBuf, String>) -> RootRecord {
    let args = ctx.args;
    let limits = &ctx.limits;
    let mut timer = Timer::new();
    let mut rec = RootRecord {
        key: ctx.key.clone(),
        root: Root {
            path: label.to_string(),
            commit: None,
            status: "ok".into(),
        },
        kind: "error".into(),
        root_uri: crate::report::sarif::root_uri(label),
        servers: Vec::new(),
        configs: Vec::new(),
        files_seen: 0,
        files_candidates: 0,
        files_parsed: 0,
        bytes_read: 0,
        skipped: BTreeMap::new(),
        errors: Vec::new(),
        unresolved: Vec::new(),
        docker_dirs: Vec::new(),
        lines: BTreeMap::new(),
    };
    // a folder or work tree is walked on disk; a bare repository is read from HEAD's tree
    let opened = path
        .map_err(anyhow::Error::msg)
        .and_then(|p| crate::repo::open_root(&p, &ctx.filters));
    let opened = match opened {
        Ok(o) => o,
        Err(e) => {
            rec.root.status = "error".into();
            rec.errors.push(CoverageError {
                root: label.to_string(),
                file: String::new(),
                reason: format!("{e:#}"),
            });
            return rec;
        }
    };
    let crate::repo::Opened {
        walked,
        commit,
        reader: owned,
        kind,
    } = opened;
    let reader = owned.reader();
    rec.root.commit = commit;
    rec.kind = kind.into();
    let skipped = &mut rec.skipped;
    for (reason, n) in &walked.skipped {
        *skipped.entry(reason.to_string()).or_default() += n;
    }
    for (file, reason) in &walked.errors {
        rec.errors.push(CoverageError {
            root: label.to_string(),
            file: file.clone(),
            reason: reason.clone(),
        });
    }
    rec.files_seen += walked.files.len() as u64;
    let mut docker_dirs = std::collections::BTreeSet::new();
    for f in &walked.files {
        let (dir, name) = f.rel.rsplit_once('/').unwrap_or(("", &f.rel));
        let n = name.to_ascii_lowercase();
        if n == "dockerfile" || n == "containerfile" || n.starts_with("dockerfile.") {
            docker_dirs.insert(dir.to_string());
        }
    }
    rec.docker_dirs = docker_dirs.into_iter().collect();
    ctx.progress.add_files(0);
    timer.lap("walk");
    // Read and prefilter every file, then extract the candidates: the queries of the
    // candidates' languages compile on the pool meanwhile (see `warm`).
    let mut processed: Vec<Processed> = walked
        .files
        .par_iter()
        // (pieces of at most 64 files, for the reason given at the extraction below)
        .with_max_len(64)
        .map(|e| {
            let p = process(e, args, label, &reader, ctx.facts.as_ref());
            if !matches!(p.outcome, FileOutcome::Candidate(..)) {
                ctx.progress.add_files(1);
            }
            p
        })
        .collect();
    timer.lap("read + prefilter");
    // One file per piece of work, largest first. Rayon cuts a parallel iterator into about as
    // many pieces as there are threads, each done in order, and cuts a piece again only when
    // an idle thread steals it: at the end of the phase, one thread was left with hundreds of
    // files while the others waited (40-60 ms on the scan benchmark). Pieces of one file let
    // an idle thread take the next file, and the files left last are small ones. Ties in
    // path order.
    let mut candidates: Vec<&mut Processed> = processed
        .iter_mut()
        .filter(|p| matches!(p.outcome, FileOutcome::Candidate(..)))
        .collect();
    candidates.sort_by_key(|p| match &p.outcome {
        FileOutcome::Candidate(_, bytes) => std::cmp::Reverse(bytes.len()),
        _ => std::cmp::Reverse(0),
    });
    candidates.par_iter_mut().with_max_len(1).for_each(|p| {
        extract_candidate(p, limits, ctx.facts.as_ref(), &reader);
        ctx.progress.add_files(1);
    });
    timer.lap("extract");

    let mut sources = Vec::new();
    let mut manifests = Vec::new();
    let mut others: Vec<(String, Lang)> = Vec::new();
    for p in processed {
        rec.bytes_read += p.bytes;
        rec.files_candidates += p.candidate as u64;
        rec.files_parsed += p.parsed as u64;
        match p.config.map(|c| *c) {
            Some(Ok(c)) => rec.configs.push(c),
            Some(Err(reason)) => rec.errors.push(CoverageError {
                root: label.to_string(),
                file: p.rel.clone(),
                reason: format!("config not read: {reason}"),
            }),
            None => {}
        }
        match p.outcome {
            FileOutcome::NotCandidate(Some(lang)) => others.push((p.rel, lang)),
            FileOutcome::NotCandidate(None) => {}
            FileOutcome::Skipped(reason) => {
                *rec.skipped.entry(reason.to_string()).or_default() += 1
            }
            FileOutcome::Error(reason) => rec.errors.push(CoverageError {
                root: label.to_string(),
                file: p.rel,
                reason,
            }),
            FileOutcome::Facts(lang, facts) => {
                if let Some((line, col)) = facts.syntax_error {
                    rec.errors.push(CoverageError {
                        root: label.to_string(),
                        file: p.rel.clone(),
                        reason: format!(
                            "partially analysed: syntax error at line {line} column {col}; the rest of the file was read"
                        ),
                    });
                }
                sources.push(SourceFile {
                    path: p.rel,
                    lang,
                    facts: *facts,
                })
            }
            FileOutcome::Manifest(m) => manifests.push(*m),
            // every candidate was extracted above
            FileOutcome::Candidate(..) => {}
        }
    }
    // Second pass, in rounds: files with no SDK marker that define identifiers the
    // package's registrations use (name constants, enums, schema structs), and the JS/TS
    // modules those files import (tool modules behind a barrel file).
    let mut searched = Searched::default();
    // each marker-less file's package, computed once for all rounds
    let others = {
        let packages = mcpsweep_extract::assemble::Packages::new(&manifests);
        // a file's package depends on its folder and language: found once per folder
        fn folder(rel: &str) -> Option<&str> {
            rel.rsplit_once('/').map(|(d, _)| d)
        }
        let keys: Vec<_> = others
            .par_chunk_by(|a, b| folder(&a.0) == folder(&b.0))
            .flat_map_iter(|files| {
                let packages = &packages;
                let mut known: Vec<(Lang, mcpsweep_extract::assemble::PackageKey)> = Vec::new();
                files.iter().map(move |(rel, lang)| {
                    if let Some((_, k)) = known.iter().find(|(l, _)| l == lang) {
                        return k.clone();
                    }
                    let k = packages.key(rel, *lang);
                    known.push((*lang, k.clone()));
                    k
                })
            })
            .collect();
        Others::new(
            others
                .into_iter()
                .zip(keys)
                .map(|((rel, lang), key)| (rel, lang, key))
                .collect(),
        )
    };
    for _round in 0..4 {
        let extra = symbol_files(&reader, &sources, &manifests, &others, ctx, &mut searched);
        if extra.is_empty() {
            break;
        }
        for (rel, lang, facts) in extra {
            rec.files_parsed += 1;
            sources.push(SourceFile {
                path: rel,
                lang,
                facts,
            });
        }
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    timer.lap("second pass");
    let mut assembled = mcpsweep_extract::assemble(label, &sources, &manifests);
    timer.lap("assemble + effects");
    crate::owners::annotate(label, &reader, &mut assembled.servers, &mut rec.errors);
    timer.lap("owners");
    rec.servers = assembled.servers;
    rec.unresolved = assembled.unresolved;
    rec.configs
        .sort_by(|a, b| (&a.root, &a.file).cmp(&(&b.root, &b.file)));
    // what the audit and SARIF will need from the files, while they can be read
    rec.lines =
        crate::record::source_lines(&reader, args.max_file_size, &rec.servers, &rec.configs);
    timer.lap("source lines");
    // the root's files are freed on the pool while the next root goes on (or kept to the end
    // of a one-root scan)
    let garbage = (walked, sources, others, manifests, owned);
    match &ctx.retain {
        Some(keep) => keep.lock().unwrap().push(Box::new(garbage)),
        None => rayon::spawn(move || drop(garbage)),
    }
    rec
}

/// Compile a language's query on the thread pool when the first candidate of that language
/// is read: the queries of several languages compile side by side while files are still
/// being read, rather than each in one thread while the others wait for it.
fn warm(lang: Lang) {
    use std::sync::atomic::{AtomicBool, Ordering};
    static STARTED: [AtomicBool; 16] = [const { AtomicBool::new(false) }; 16];
    let Some(i) = mcpsweep_extract::lang::LANGS
        .iter()
        .position(|s| s.lang == lang)
    else {
        return;
    };
    if STARTED
        .get(i)
        .is_some_and(|s| !s.swap(true, Ordering::Relaxed))
    {
        // On a thread of its own: a job spawned on the pool would wait behind the reading
        // (the pool's workers take queued jobs only when they run out of files), and the
        // first extraction of the language would then wait for it. A query that does not
        // compile fails the files that need it, as without this.
        let _ = std::thread::Builder::new()
            .name(format!("mcpsweep-query-{}", lang.name()))
            .spawn(move || {
                let _ = std::panic::catch_unwind(|| lang.query());
            });
    }
}

/// What earlier rounds of the second pass already looked for, so that no round reads a
/// file for a needle it was already searched for.
#[derive(Default)]
struct Searched {
    /// per package, the names its files were searched for
    names: std::collections::HashMap<
        mcpsweep_extract::assemble::PackageKey,
        std::collections::HashSet<String>,
    >,
    wrappers: std::collections::HashSet<String>,
    modules: std::collections::HashSet<String>,
    /// The package of each source file, in the order of the sources (sources are only
    /// appended to between rounds: the keys past the end are the new files').
    keys: Vec<mcpsweep_extract::assemble::PackageKey>,
    /// The packages holding sources.
    holding: std::collections::HashSet<mcpsweep_extract::assemble::PackageKey>,
    /// The paths of the sources.
    parsed: std::collections::HashSet<String>,
}

/// Second pass: files with no SDK marker that the MCP code needs — files defining an
/// identifier a registration uses, modules it imports, and JS/TS files calling a tool
/// wrapper function. Only packages that already hold MCP code, or depend on one that does,
/// are searched for wrapper calls.
fn symbol_files(
    reader: &crate::repo::Reader,
    sources: &[SourceFile],
    manifests: &[Manifest],
    others: &Others,
    ctx: &Ctx,
    searched: &mut Searched,
) -> Vec<(String, Lang, mcpsweep_extract::FileFacts)> {
    let (limits, max, cache) = (&ctx.limits, ctx.args.max_file_size, ctx.facts.as_ref());
    let packages = mcpsweep_extract::assemble::Packages::new(manifests);
    // the packages of the sources added since the last round (all sources in the first)
    let first_new = searched.keys.len();
    let new_keys: Vec<_> = sources[first_new..]
        .par_iter()
        .map(|f| packages.key(&f.path, f.lang))
        .collect();
    for (f, k) in sources[first_new..].iter().zip(&new_keys) {
        searched.holding.insert(k.clone());
        searched.parsed.insert(f.path.clone());
    }
    searched.keys.extend(new_keys);
    // a package's wanted symbols and helpers depend on its own files only: only the packages
    // that received files since the last round can want anything new
    let changed: std::collections::HashSet<&mcpsweep_extract::assemble::PackageKey> =
        searched.keys[first_new..].iter().collect();
    let scope: Vec<&SourceFile> = sources
        .iter()
        .zip(&searched.keys)
        .filter(|(_, k)| changed.contains(k))
        .map(|(f, _)| f)
        .collect();
    // what this round looks for, computed side by side
    let ((symbols, helpers), (module_paths, wrapper_names)) = rayon::join(
        || {
            rayon::join(
                // identifiers registrations use
                || mcpsweep_extract::assemble::wanted_symbols(scope.iter().copied(), manifests),
                // helper functions handlers call
                || {
                    let key_of = |f: &SourceFile| packages.key(&f.path, f.lang);
                    mcpsweep_extract::effects::wanted_helpers(scope.iter().copied(), &key_of)
                },
            )
        },
        || {
            rayon::join(
                // the imports of files the earlier rounds looked at are all either parsed
                // now or searched for already: `parsed` only grows
                || {
                    mcpsweep_extract::modules::wanted_paths(
                        scope.iter().copied(),
                        sources,
                        manifests,
                    )
                },
                || mcpsweep_extract::jswrap::wanted_names(sources),
            )
        },
    );
    // per package, the names not searched for yet (packages side by side)
    let mut slots: Vec<_> = {
        let mut w = symbols;
        for (k, needles) in helpers {
            w.entry(k).or_default().extend(needles);
        }
        w
    }
    .into_iter()
    .map(|(k, names)| {
        let seen = searched.names.remove(&k).unwrap_or_default();
        (k, names, seen)
    })
    .collect();
    slots.par_iter_mut().for_each(|(_, names, seen)| {
        names.retain(|n| !seen.contains(n) && seen.insert(n.clone()));
    });
    let wanted: BTreeMap<_, Vec<String>> = slots
        .into_iter()
        .filter_map(|(k, names, seen)| {
            searched.names.insert(k.clone(), seen);
            (!names.is_empty()).then_some((k, names))
        })
        .collect();
    let modules: std::collections::BTreeSet<String> = module_paths
        .into_iter()
        .filter(|m| searched.modules.insert(m.clone()))
        .collect();
    // JS/TS: files calling a tool wrapper (`ctx.accountTool(...)`) name tools
    let wrappers: Vec<String> = wrapper_names
        .into_iter()
        .filter(|n| searched.wrappers.insert(n.clone()))
        .map(|n| format!("{n}("))
        .collect();
    if wanted.is_empty() && modules.is_empty() && wrappers.is_empty() {
        return Vec::new();
    }
    let wrapper_calls = (!wrappers.is_empty())
        .then(|| aho_corasick::AhoCorasick::new(&wrappers).ok())
        .flatten();
    // Packages holding MCP code, and the packages whose manifests depend on them.
    let holding = &searched.holding;
    let names_of: std::collections::HashSet<&str> = manifests
        .iter()
        .filter(|m| holding.contains(&(m.dir.clone(), m.eco)))
        .filter_map(|m| m.name.as_deref())
        .collect();
    let dependents: std::collections::HashSet<_> = manifests
        .iter()
        .filter(|m| m.deps.iter().any(|(d, _)| names_of.contains(d.as_str())))
        .map(|m| (m.dir.clone(), m.eco))
        .collect();
    let relevant =
        |k: &mcpsweep_extract::assemble::PackageKey| holding.contains(k) || dependents.contains(k);
    let parsed = &searched.parsed;
    let needles = Needles::new(&wanted);
    let is_js = |lang: &Lang| matches!(lang, Lang::TypeScript | Lang::Tsx | Lang::JavaScript);
    // The files worth a look: those of the packages with needles, the JS/TS files of the
    // relevant packages when there are wrapper calls to find, and the imported modules.
    // Packages are looked at, not each file: most files are in no package the pass looks
    // into.
    let mut look: Vec<usize> = Vec::new();
    for (key, runs) in &others.by_package {
        let has_needles = needles.of.contains_key(key);
        let wrappers_here = wrapper_calls.is_some() && relevant(key);
        if !has_needles && !wrappers_here {
            continue;
        }
        for i in runs.iter().flat_map(|r| r.clone()) {
            if has_needles || is_js(&others.files[i].1) {
                look.push(i);
            }
        }
    }
    look.extend(modules.iter().filter_map(|m| others.index_of(m)));
    look.sort_unstable();
    look.dedup();
    let mut out: Vec<_> = look
        .par_iter()
        .with_max_len(64)
        .filter_map(|&i| {
            let (rel, lang, key) = &others.files[i];
            let m = needles.of.get(key);
            let js = is_js(lang);
            if parsed.contains(rel) {
                return None;
            }
            let imported = modules.contains(rel);
            let w = wrapper_calls.as_ref().filter(|_| js && relevant(key));
            if m.is_none() && !imported && w.is_none() {
                return None;
            }
            let Loaded::Bytes(bytes) = reader.read(rel, max).ok()? else {
                return None;
            };
            if bytes.len() as u64 > max
                || !(imported
                    || m.is_some_and(|m| needles.any_in(m, &bytes))
                    || w.is_some_and(|w| w.is_match(&bytes)))
                || std::str::from_utf8(&bytes).is_err()
            {
                return None;
            }
            let facts = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                extract_file(*lang, &bytes, rel, reader, limits, cache)
            }))
            .ok()?
            .ok()?;
            Some((rel.clone(), *lang, facts))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The files with no SDK marker that the second pass may read, in path order, with their
/// package; and where each package's files are, computed once for all rounds.
struct Others {
    files: Vec<(String, Lang, mcpsweep_extract::assemble::PackageKey)>,
    /// per package, the runs of `files` in it
    by_package: std::collections::HashMap<
        mcpsweep_extract::assemble::PackageKey,
        Vec<std::ops::Range<usize>>,
    >,
}

impl Others {
    fn new(mut files: Vec<(String, Lang, mcpsweep_extract::assemble::PackageKey)>) -> Others {
        // (walks and git trees list files in path order already; `index_of` needs it)
        if !files.windows(2).all(|w| w[0].0 < w[1].0) {
            files.sort_by(|a, b| a.0.cmp(&b.0));
        }
        let mut by_package: std::collections::HashMap<_, Vec<std::ops::Range<usize>>> =
            std::collections::HashMap::new();
        let mut start = 0;
        // files of a folder share a package: a run per folder (or less)
        for i in 1..=files.len() {
            if i == files.len() || files[i].2 != files[start].2 {
                by_package
                    .entry(files[start].2.clone())
                    .or_default()
                    .push(start..i);
                start = i;
            }
        }
        Others { files, by_package }
    }

    /// The index of the file at this path, if it is one of them.
    fn index_of(&self, rel: &str) -> Option<usize> {
        self.files
            .binary_search_by(|(r, _, _)| r.as_str().cmp(rel))
            .ok()
    }
}

/// The needles of every package in one automaton (one build per round, however many
/// packages), each package keeping the ids of its own.
struct Needles {
    ac: Option<aho_corasick::AhoCorasick>,
    /// per package: whether it looks for the empty string (found in any file), and the
    /// ids of its needles
    of: std::collections::HashMap<
        mcpsweep_extract::assemble::PackageKey,
        (bool, std::collections::HashSet<aho_corasick::PatternID>),
    >,
}

impl Needles {
    fn new(wanted: &BTreeMap<mcpsweep_extract::assemble::PackageKey, Vec<String>>) -> Needles {
        let mut ids: std::collections::HashMap<&str, aho_corasick::PatternID> =
            std::collections::HashMap::new();
        let mut patterns: Vec<&str> = Vec::new();
        let mut of = std::collections::HashMap::new();
        for (k, names) in wanted {
            let mut empty = false;
            let mut own = std::collections::HashSet::new();
            for n in names {
                if n.is_empty() {
                    empty = true;
                    continue;
                }
                let id = *ids.entry(n.as_str()).or_insert_with(|| {
                    patterns.push(n.as_str());
                    aho_corasick::PatternID::new_unchecked(patterns.len() - 1)
                });
                own.insert(id);
            }
            of.insert(k.clone(), (empty, own));
        }
        let ac = (!patterns.is_empty())
            .then(|| aho_corasick::AhoCorasick::new(&patterns).ok())
            .flatten();
        Needles { ac, of }
    }

    /// Does the text hold one of the package's needles?
    fn any_in(
        &self,
        (empty, own): &(bool, std::collections::HashSet<aho_corasick::PatternID>),
        text: &[u8],
    ) -> bool {
        *empty
            || self.ac.as_ref().is_some_and(|ac| {
                ac.find_overlapping_iter(text)
                    .any(|m| own.contains(&m.pattern()))
            })
    }
}

/// Root label: the path as given, forward slashes, no trailing slash.
pub fn display_root(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let t = s.trim_end_matches('/');
    if t.is_empty() {
        "/".into()
    } else {
        t.to_string()
    }
}

fn process(
    e: &Entry,
    args: &ScanArgs,
    root: &str,
    reader: &crate::repo::Reader,
    cache: Option<&crate::factcache::FactsCache>,
) -> Processed {
    let file_name = e.rel.rsplit('/').next().unwrap_or(&e.rel);
    let lang = Lang::from_path(&e.rel);
    let is_manifest = manifest::ecosystem_of(file_name).is_some();
    // client configs and server manifests are recognised by path, whatever the prefilter says
    let config = clientconfig::detect(&e.rel);
    let mut p = Processed {
        rel: e.rel.clone(),
        outcome: FileOutcome::NotCandidate(None),
        config: None,
        bytes: 0,
        parsed: false,
        candidate: false,
    };
    if lang.is_none() && !is_manifest && config.is_none() {
        return p;
    }
    if !args.include_tests && discover::is_test_path(&e.rel) {
        p.outcome = FileOutcome::Skipped("test-code");
        return p;
    }
    let read = reader.with_bytes(&e.rel, args.max_file_size, |bytes| {
        classify(
            &mut p,
            bytes,
            lang,
            is_manifest,
            config.as_ref(),
            root,
            &e.rel,
        )
    });
    match read {
        Ok(Ok(None)) => {}
        // a candidate, waiting for extraction unless the facts cache has it
        Ok(Ok(Some((lang, bytes)))) => {
            if let Some(c) = cache {
                let blob = reader
                    .blob_id(&e.rel)
                    .or_else(|| crate::factcache::blob_id(&bytes));
                if let Some(facts) = blob.and_then(|b| c.get(&b, lang)) {
                    FACTS_FROM_CACHE.fetch_add(1, Ordering::Relaxed);
                    p.parsed = true;
                    p.outcome = FileOutcome::Facts(lang, Box::new(facts));
                    return p;
                }
            }
            warm(lang);
            p.outcome = FileOutcome::Candidate(lang, bytes);
        }
        Ok(Err(Unread::TooLarge(size))) => {
            p.outcome = FileOutcome::Error(format!(
                "not analysed: {} bytes is over the {} byte limit (--max-file-size)",
                size, args.max_file_size
            ));
        }
        Ok(Err(Unread::Grew)) => {
            p.outcome = FileOutcome::Error(format!(
                "not analysed: grew past the {} byte limit while being read",
                args.max_file_size
            ));
        }
        Err(err) => {
            p.outcome = FileOutcome::Error(format!("not analysed: cannot read: {err}"));
        }
    }
    p
}

/// What a file read by [`process`] is, from its bytes: its config and outcome set on `p`;
/// for a source file worth extracting, its language and an owned copy of the bytes.
#[allow(clippy::too_many_arguments)]
fn classify(
    p: &mut Processed,
    bytes: &[u8],
    lang: Option<Lang>,
    is_manifest: bool,
    config: Option<&clientconfig::Detected>,
    root: &str,
    rel: &str,
) -> Option<(Lang, Vec<u8>)> {
    p.bytes = bytes.len() as u64;
    if let Some(d) = config {
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            clientconfig::parse(root, rel, d, bytes)
        }))
        .unwrap_or_else(|_| Err("internal error while reading".into()));
        p.config = read.transpose().map(Box::new);
        if p.config.is_some() {
            p.candidate = true;
            p.parsed = matches!(p.config.as_deref(), Some(Ok(_)));
        }
        if lang.is_none() && !is_manifest {
            return None;
        }
    }
    if is_manifest {
        p.outcome = match manifest::parse(rel, bytes) {
            Ok(m) => FileOutcome::Manifest(Box::new(m)),
            Err(reason) => FileOutcome::Error(format!("manifest not read: {reason}")),
        };
        return None;
    }
    let lang = lang.expect("checked above");
    let head = &bytes[..bytes.len().min(8192)];
    // (memchr's SIMD search: std's `contains` reads a word at a time, and this runs on every
    // source file of the tree)
    if memchr::memchr(0, head).is_some() {
        p.outcome =
            FileOutcome::Error("not analysed: binary content (NUL byte) in a source file".into());
        return None;
    }
    if !prefilter::is_candidate(lang, bytes) {
        p.outcome = FileOutcome::NotCandidate(Some(lang));
        return None;
    }
    p.candidate = true;
    if let Err(err) = std::str::from_utf8(bytes) {
        p.outcome = FileOutcome::Error(format!(
            "not analysed: invalid UTF-8 at byte {}",
            err.valid_up_to()
        ));
        return None;
    }
    Some((lang, bytes.to_vec()))
}

/// Extract the facts of a file, or take them from the facts cache when it holds its blob.
fn extract_file(
    lang: Lang,
    bytes: &[u8],
    rel: &str,
    reader: &crate::repo::Reader,
    limits: &Limits,
    cache: Option<&crate::factcache::FactsCache>,
) -> Result<mcpsweep_extract::FileFacts, mcpsweep_extract::ExtractError> {
    let blob = cache.and_then(|_| {
        reader
            .blob_id(rel)
            .or_else(|| crate::factcache::blob_id(bytes))
    });
    if let (Some(c), Some(b)) = (cache, &blob) {
        if let Some(f) = c.get(b, lang) {
            FACTS_FROM_CACHE.fetch_add(1, Ordering::Relaxed);
            return Ok(f);
        }
    }
    FILES_EXTRACTED.fetch_add(1, Ordering::Relaxed);
    let facts = extract(lang, bytes, limits)?;
    if let (Some(c), Some(b)) = (cache, &blob) {
        c.put(b, lang, &facts);
    }
    Ok(facts)
}

/// Extract the facts of a candidate read by [`process`].
fn extract_candidate(
    p: &mut Processed,
    limits: &Limits,
    cache: Option<&crate::factcache::FactsCache>,
    reader: &crate::repo::Reader,
) {
    let FileOutcome::Candidate(lang, bytes) =
        std::mem::replace(&mut p.outcome, FileOutcome::NotCandidate(None))
    else {
        return;
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extract_file(lang, &bytes, &p.rel, reader, limits, cache)
    }));
    p.outcome = match result {
        Ok(Ok(facts)) => {
            p.parsed = true;
            FileOutcome::Facts(lang, Box::new(facts))
        }
        Ok(Err(err)) => FileOutcome::Error(format!("not analysed: {err}")),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            FileOutcome::Error(format!(
                "not analysed: internal error while extracting: {msg}"
            ))
        }
    };
}

pub(crate) enum Loaded {
    Bytes(Vec<u8>),
    TooLarge(u64),
}

/// Why [`with_limited`] did not hand a file's bytes over.
pub(crate) enum Unread {
    /// Its size, over the limit.
    TooLarge(u64),
    /// Within the limit by its size, over it by the time it was read.
    Grew,
}

/// Open `rel` under `root` without following a symlink (one swapped in after the walk is
/// refused), check the size on the open handle, and read at most `limit + 1` bytes so a file
/// that grows while being read cannot exhaust memory.
pub(crate) fn read_limited(root: &Path, rel: &str, limit: u64) -> std::io::Result<Loaded> {
    let f = open_in(root, rel)?;
    let size = f.metadata()?.len();
    if size > limit {
        return Ok(Loaded::TooLarge(size));
    }
    let mut buf = Vec::with_capacity(size as usize + 1);
    f.take(limit + 1).read_to_end(&mut buf)?;
    Ok(Loaded::Bytes(buf))
}

/// Open the file `rel` (forward slashes) of `root` for reading, refusing a symlink in its
/// last component (the walk reports symlinks and never descends into linked folders).
///
/// On Unix the file is opened relative to its folder, whose handle the thread keeps while
/// it goes on with files of the same folder (files are read in path order): the kernel then
/// looks up one name per file rather than every component of the path (on the scan
/// benchmark, `openat` went from 8.4% to 7.1% of the CPU samples).
fn open_in(root: &Path, rel: &str) -> std::io::Result<std::fs::File> {
    #[cfg(unix)]
    {
        use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
        use std::os::unix::fs::OpenOptionsExt;
        thread_local! {
            /// The folder of the thread's last file: (root, folder relative to it, handle).
            static FOLDER: std::cell::RefCell<Option<(std::path::PathBuf, String, OwnedFd)>> =
                const { std::cell::RefCell::new(None) };
        }
        let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        let name = std::ffi::CString::new(name)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "NUL in name"))?;
        FOLDER.with(|cell| {
            let mut cached = cell.borrow_mut();
            let hit = matches!(&*cached, Some((r, d, _)) if d == dir && r == root);
            if !hit {
                *cached = None;
                let folder = std::fs::OpenOptions::new()
                    .read(true)
                    .custom_flags(libc::O_DIRECTORY)
                    .open(if dir.is_empty() {
                        root.to_path_buf()
                    } else {
                        root.join(dir)
                    })?;
                *cached = Some((root.to_path_buf(), dir.to_string(), OwnedFd::from(folder)));
            }
            let fd = cached.as_ref().expect("set above").2.as_raw_fd();
            // SAFETY: `fd` is an open folder handle owned by the cell, `name` a NUL-terminated
            // string; the returned descriptor is owned by the `File` and nothing else
            let file = unsafe {
                libc::openat(
                    fd,
                    name.as_ptr(),
                    libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_CLOEXEC,
                )
            };
            if file < 0 {
                return Err(std::io::Error::last_os_error());
            }
            // SAFETY: `file` is a descriptor just opened and owned by nobody else
            Ok(unsafe { std::fs::File::from_raw_fd(file) })
        })
    }
    #[cfg(not(unix))]
    {
        std::fs::File::open(root.join(rel))
    }
}

thread_local! {
    /// [`with_limited`]'s buffer: one per thread, kept between files.
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// [`read_limited`] for bytes that are only looked at: read into the thread's buffer (no
/// allocation, no `fstat` unless the file is over the limit) and handed to `f`.
pub(crate) fn with_limited<R>(
    root: &Path,
    rel: &str,
    limit: u64,
    f: impl FnOnce(&[u8]) -> R,
) -> std::io::Result<Result<R, Unread>> {
    let file = open_in(root, rel)?;
    // taken out for the call, so a nested call (none today) would get a buffer of its own
    let mut buf = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
    buf.clear();
    let read = (&file).take(limit + 1).read_to_end(&mut buf);
    let out = match read {
        Err(e) => Err(e),
        Ok(_) if buf.len() as u64 > limit => match file.metadata() {
            Ok(m) if m.len() > limit => Ok(Err(Unread::TooLarge(m.len()))),
            Ok(_) => Ok(Err(Unread::Grew)),
            Err(e) => Err(e),
        },
        Ok(_) => Ok(Ok(f(&buf))),
    };
    // a buffer grown by one large file is not kept for the rest of the scan
    if buf.capacity() <= 1 << 20 {
        SCRATCH.with(|s| *s.borrow_mut() = buf);
    }
    out
}
