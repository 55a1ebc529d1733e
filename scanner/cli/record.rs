//! A root's record: everything one scanned root contributes to the output, self-contained and
//! serialisable, so that the output can be rendered from records alone (a resumed sweep, the
//! shards of `mcpsweep merge`) without the repositories.
//!
//! Every run goes the same way: each root is scanned to a record (or its record is taken from
//! `--state`), then [`combine`] joins the records in root order, links client configs to
//! servers across roots, and the audit and the renderers run over the result. The audit runs
//! after the cross-root link because config findings name the server an entry launches and the
//! config trifecta combines servers of other roots; what the audit and SARIF read from source
//! files (inline `mcpsweep: ignore[...]` comments, line hashes, regions) is computed per root
//! while its files can be read, for every location the root's model holds, and kept in
//! [`RootRecord::lines`].

use crate::repo::Reader;
use crate::scan::Loaded;
use mcpsweep_extract::clientconfig;
use mcpsweep_model::{
    Config, Coverage, CoverageError, Inventory, Root, ScannerInfo, Server, SkipCount, Unresolved,
    SCHEMA_VERSION,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Version of the record format; part of [`scan_key`].
pub const RECORD_FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RootRecord {
    /// Scanner version, record format, grammars and scan options ([`scan_key`]): records
    /// with different keys are never combined or reused.
    pub key: String,
    pub root: Root,
    /// `folder`, `work-tree`, `bare` or `error`.
    pub kind: String,
    /// The root as an absolute URI (SARIF `%SRCROOT%`).
    pub root_uri: String,
    pub servers: Vec<Server>,
    pub configs: Vec<Config>,
    pub files_seen: u64,
    pub files_candidates: u64,
    pub files_parsed: u64,
    pub bytes_read: u64,
    pub skipped: BTreeMap<String, u64>,
    pub errors: Vec<CoverageError>,
    pub unresolved: Vec<Unresolved>,
    /// Folders (relative to the root) holding a Dockerfile, for linking images to servers.
    pub docker_dirs: Vec<String>,
    /// What the audit and SARIF need from each file the model points into.
    pub lines: BTreeMap<String, FileLines>,
}

/// Facts of one source file at the locations the model points to.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FileLines {
    /// False when the file could not be read back as UTF-8 within the size limit.
    pub readable: bool,
    /// Line → `primaryLocationLineHash` (GitHub's algorithm).
    pub hashes: BTreeMap<u32, String>,
    /// `[line, byte column, start, end]`: the SARIF region's UTF-16 columns.
    pub regions: Vec<[u32; 4]>,
    /// Line → the `mcpsweep: ignore[...]` comment on it (from its start).
    pub ignores: BTreeMap<u32, String>,
}

/// The key of a scan's records: scanner version, record format, the embedded grammars and
/// tables, and the options that change what a root yields. (Rules are not part of it: records
/// hold no findings; the audit runs when records are combined.)
pub fn scan_key(args: &crate::args::ScanArgs) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    let opts = serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "format": RECORD_FORMAT,
        "grammars": mcpsweep_extract::lang::grammar_key(),
        "include": args.include,
        "exclude": args.exclude,
        "include_tests": args.include_tests,
        "default_excludes": !args.no_default_excludes,
        "max_file_size": args.max_file_size,
        "parse_timeout": args.parse_timeout,
    });
    h.update(opts.to_string().as_bytes());
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Collect every (file, line, column) the model of a root points to: any JSON object with a
/// `line` (and the `file` of it or of the nearest object around it that has one).
fn locations(servers: &[Server], configs: &[Config]) -> BTreeMap<String, BTreeSet<(u32, u32)>> {
    fn walk(
        v: &serde_json::Value,
        file: Option<&str>,
        out: &mut BTreeMap<String, BTreeSet<(u32, u32)>>,
    ) {
        match v {
            serde_json::Value::Object(m) => {
                let file = m.get("file").and_then(|f| f.as_str()).or(file);
                if let (Some(f), Some(line)) = (file, m.get("line").and_then(|l| l.as_u64())) {
                    let line = line.min(u32::MAX as u64) as u32;
                    let col = m
                        .get("column")
                        .and_then(|c| c.as_u64())
                        .unwrap_or(0)
                        .min(u32::MAX as u64) as u32;
                    let set = out.entry(f.to_string()).or_default();
                    set.insert((line, col));
                    set.insert((line, 0));
                }
                for x in m.values() {
                    walk(x, file, out);
                }
            }
            serde_json::Value::Array(a) => {
                for x in a {
                    walk(x, file, out);
                }
            }
            _ => {}
        }
    }
    use rayon::prelude::*;
    type Locs = BTreeMap<String, BTreeSet<(u32, u32)>>;
    // each server and config on its own (a set union: the order does not matter)
    let per_server = servers.par_iter().with_max_len(1).map(|s| {
        let mut out = Locs::new();
        walk(
            &serde_json::to_value(s).expect("serialises"),
            None,
            &mut out,
        );
        // a finding about the package (a vulnerable SDK version) points at its manifest
        if let Some(m) = &s.manifest {
            out.entry(m.clone()).or_default().insert((1, 0));
        }
        out
    });
    let per_config = configs.par_iter().with_max_len(1).map(|c| {
        let mut out = Locs::new();
        walk(
            &serde_json::to_value(c).expect("serialises"),
            None,
            &mut out,
        );
        out
    });
    let merge = |mut a: Locs, b: Locs| {
        for (file, set) in b {
            a.entry(file).or_default().extend(set);
        }
        a
    };
    per_server.chain(per_config).reduce(Locs::new, merge)
}

/// The source facts of every location the root's servers and configs point to, read with the
/// root's reader (same limits and safety as the scan).
pub fn source_lines(
    reader: &Reader,
    limit: u64,
    servers: &[Server],
    configs: &[Config],
) -> BTreeMap<String, FileLines> {
    use rayon::prelude::*;
    let locs: Vec<(String, BTreeSet<(u32, u32)>)> =
        locations(servers, configs).into_iter().collect();
    locs.into_par_iter()
        .with_max_len(1)
        .map(|(file, at)| {
            let text = if file.is_empty() || file.split('/').any(|p| p == "..") {
                None
            } else {
                match reader.read(&file, limit) {
                    Ok(Loaded::Bytes(b)) => String::from_utf8(b).ok(),
                    _ => None,
                }
            };
            let Some(text) = text else {
                return (file, FileLines::default());
            };
            // nothing after the last line a location needs is looked at (a suppression
            // comment is on the line or the one above)
            let last = at
                .iter()
                .map(|(l, _)| *l as usize)
                .max()
                .unwrap_or(0)
                .max(1);
            let lines: Vec<&str> = text
                .split('\n')
                .take(last)
                .map(|l| l.trim_end_matches('\r'))
                .collect();
            let hashes = crate::report::sarif::line_hash_values(&text, last);
            let mut fl = FileLines {
                readable: true,
                ..FileLines::default()
            };
            for (line, col) in at {
                let n = line.max(1);
                let l = lines.get(n as usize - 1).copied().unwrap_or("");
                let (s, e) = crate::report::sarif::columns(l, col);
                fl.regions.push([n, col, s as u32, e as u32]);
                if let Some(h) = hashes.get(n as usize - 1) {
                    fl.hashes
                        .insert(n, crate::report::sarif::line_hash_text(*h));
                }
                // inline suppressions: the line itself and the line above
                for k in [Some(line), line.checked_sub(1).filter(|l| *l > 0)]
                    .into_iter()
                    .flatten()
                {
                    let Some(t) = (k as usize).checked_sub(1).and_then(|i| lines.get(i)) else {
                        continue;
                    };
                    let i = t
                        .find("mcpsweep: ignore[")
                        .or_else(|| t.find("mcpsweep:ignore["));
                    if let Some(i) = i {
                        fl.ignores.insert(k, t[i..].to_string());
                    }
                }
            }
            fl.regions.sort_unstable();
            fl.regions.dedup();
            (file, fl)
        })
        .collect()
}

/// The source facts of all records, for the audit (inline suppressions) and SARIF.
#[derive(Default)]
pub struct Lines {
    files: HashMap<(String, String), FileLines>,
}

impl Lines {
    fn get(&self, root: &str, file: &str) -> Option<&FileLines> {
        self.files
            .get(&(root.to_string(), file.to_string()))
            .filter(|f| f.readable)
    }

    /// The `mcpsweep: ignore[...]` comment on line `n` of a file, if it has one.
    pub fn ignore(&self, root: &str, file: &str, n: u32) -> Option<&str> {
        self.get(root, file)?.ignores.get(&n).map(String::as_str)
    }

    /// SARIF start line, start and end column (UTF-16) and line hash of a location.
    pub fn region(
        &self,
        root: &str,
        file: &str,
        line: u32,
        col: u32,
    ) -> (u32, u32, u32, Option<&str>) {
        let n = line.max(1);
        match self.get(root, file) {
            Some(f) => {
                let (s, e) = f
                    .regions
                    .binary_search_by(|r| (r[0], r[1]).cmp(&(n, col)))
                    .map(|i| (f.regions[i][2], f.regions[i][3]))
                    .unwrap_or((1, 2));
                (n, s, e, f.hashes.get(&n).map(String::as_str))
            }
            None => (n, 1, 2, None),
        }
    }
}

/// The combined output of records, before the audit.
pub struct Combined {
    pub inventory: Inventory,
    pub lines: Lines,
    /// Root label → `%SRCROOT%` URI.
    pub root_uris: BTreeMap<String, String>,
    /// Roots that could not be scanned at all.
    pub failed_roots: usize,
}

/// Join records (sorted here by root) into one inventory and link client configs to servers
/// across roots.
pub fn combine(mut records: Vec<RootRecord>, roots_from_state: u64) -> Combined {
    records.sort_by(|a, b| a.root.path.cmp(&b.root.path));
    let mut inv = Inventory {
        schema_version: SCHEMA_VERSION.into(),
        scanner: ScannerInfo {
            name: "mcpsweep".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        roots: Vec::new(),
        servers: Vec::new(),
        configs: Vec::new(),
        findings: Vec::new(),
        coverage: Coverage::default(),
    };
    let mut skipped: BTreeMap<String, u64> = BTreeMap::new();
    let mut docker_dirs = clientconfig::link::DockerDirs::new();
    let mut lines = Lines::default();
    let mut root_uris = BTreeMap::new();
    let mut failed_roots = 0;
    for r in records {
        if r.root.status != "ok" {
            failed_roots += 1;
        }
        let label = r.root.path.clone();
        inv.roots.push(r.root);
        inv.servers.extend(r.servers);
        inv.configs.extend(r.configs);
        let c = &mut inv.coverage;
        c.files_seen += r.files_seen;
        c.files_candidates += r.files_candidates;
        c.files_parsed += r.files_parsed;
        c.bytes_read += r.bytes_read;
        c.errors.extend(r.errors);
        c.unresolved.extend(r.unresolved);
        for (reason, n) in r.skipped {
            *skipped.entry(reason).or_default() += n;
        }
        for d in r.docker_dirs {
            docker_dirs.insert((label.clone(), d));
        }
        for (file, fl) in r.lines {
            lines.files.insert((label.clone(), file), fl);
        }
        root_uris.insert(label, r.root_uri);
    }
    inv.configs
        .sort_by(|a, b| (&a.root, &a.file).cmp(&(&b.root, &b.file)));
    clientconfig::link::link(&mut inv.configs, &mut inv.servers, &docker_dirs);
    inv.coverage.skipped = skipped
        .into_iter()
        .map(|(reason, count)| SkipCount { reason, count })
        .collect();
    inv.coverage.errors.sort();
    inv.coverage.unresolved.sort();
    inv.coverage.roots_from_state = roots_from_state;
    Combined {
        inventory: inv,
        lines,
        root_uris,
        failed_roots,
    }
}
