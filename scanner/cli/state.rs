//! `--state DIR`: each root's record is written as the root finishes, so that a sweep killed at
//! any moment and started again resumes, and so that `mcpsweep merge` can combine shards.
//!
//! Layout:
//!
//! ```text
//! DIR/plan.json              the run's key, shard and the labels of its roots
//! DIR/roots/<name>.jsonl     one root's record: one JSON line, ending with a newline
//! ```
//!
//! A record is written to a temporary file beside its final name, flushed to disk, then
//! renamed over it (and the folder flushed): a kill leaves either the old record, the new one,
//! or a stray temporary file (removed at the next start), never half a record. A record that
//! does not parse, lacks its final newline, or was made with another key is ignored: that root
//! is scanned again and its record replaced. Nothing is lost or duplicated: there is one file
//! per root label.

use crate::record::RootRecord;
use anyhow::Context;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub key: String,
    /// `K/N` when the run was a shard.
    pub shard: Option<String>,
    /// The labels of the roots this run covers, sorted.
    pub roots: Vec<String>,
}

pub struct State {
    dir: PathBuf,
    key: String,
}

/// The file name of a root's record: readable, unique, safe.
fn record_name(label: &str) -> String {
    use sha2::{Digest, Sha256};
    let tail: String = label
        .trim_end_matches('/')
        .rsplit(['/', ':'])
        .next()
        .unwrap_or("")
        .chars()
        .take(40)
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.+".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let hash: String = Sha256::digest(label.as_bytes())[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{}-{hash}.jsonl", tail.trim_start_matches('.'))
}

/// Write `bytes` to `path` through a flushed temporary file and a rename.
pub fn write_durable(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // the rename itself reaches the disk with the folder
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Parse one record file: exactly one complete JSON line.
fn parse_record(text: &str) -> Result<RootRecord, String> {
    let Some(line) = text.strip_suffix('\n') else {
        return Err("truncated (no final newline)".into());
    };
    if line.contains('\n') {
        return Err("more than one line".into());
    }
    serde_json::from_str(line).map_err(|e| format!("not a record: {e}"))
}

impl State {
    /// Open (or create) the state folder for a run with `key` over `roots`.
    pub fn open(
        dir: &Path,
        key: &str,
        shard: Option<(usize, usize)>,
        roots: &[String],
    ) -> anyhow::Result<State> {
        let rdir = dir.join("roots");
        std::fs::create_dir_all(&rdir)
            .with_context(|| format!("cannot create the state folder {}", dir.display()))?;
        // temporary files of a run that was killed while writing
        for e in std::fs::read_dir(&rdir)?.flatten() {
            if e.file_name().to_string_lossy().starts_with(".tmp") {
                let _ = std::fs::remove_file(e.path());
            }
        }
        let plan = Plan {
            key: key.to_string(),
            shard: shard.map(|(k, n)| format!("{k}/{n}")),
            roots: roots.to_vec(),
        };
        let mut text = serde_json::to_string_pretty(&plan)?;
        text.push('\n');
        write_durable(&dir.join("plan.json"), text.as_bytes())
            .with_context(|| format!("cannot write {}", dir.join("plan.json").display()))?;
        Ok(State {
            dir: dir.to_path_buf(),
            key: key.to_string(),
        })
    }

    fn path(&self, label: &str) -> PathBuf {
        self.dir.join("roots").join(record_name(label))
    }

    /// The record of `label` made by a run with this key, if there is a sound one.
    pub fn get(&self, label: &str) -> Option<RootRecord> {
        let text = std::fs::read_to_string(self.path(label)).ok()?;
        let r = parse_record(&text).ok()?;
        (r.key == self.key && r.root.path == label).then_some(r)
    }

    /// Record a finished root.
    pub fn save(&self, r: &RootRecord) -> anyhow::Result<()> {
        let mut line = serde_json::to_string(r)?;
        line.push('\n');
        let path = self.path(&r.root.path);
        write_durable(&path, line.as_bytes())
            .with_context(|| format!("cannot write the state record {}", path.display()))
    }
}

/// The records of `mcpsweep merge`'s inputs: state folders (the roots of their plans; every
/// planned root must have a sound record) or files of record lines. All records must have the
/// same key; a root found twice must have the same record both times.
pub fn load_for_merge(inputs: &[PathBuf]) -> anyhow::Result<Vec<RootRecord>> {
    let mut records: BTreeMap<String, RootRecord> = BTreeMap::new();
    let mut keys: BTreeSet<String> = BTreeSet::new();
    fn add(
        records: &mut BTreeMap<String, RootRecord>,
        keys: &mut BTreeSet<String>,
        r: RootRecord,
        from: &Path,
    ) -> anyhow::Result<()> {
        keys.insert(r.key.clone());
        match records.get(&r.root.path) {
            Some(old) if *old != r => anyhow::bail!(
                "root {} is recorded twice with different results (again in {})",
                r.root.path,
                from.display()
            ),
            Some(_) => {}
            None => {
                records.insert(r.root.path.clone(), r);
            }
        }
        Ok(())
    }
    // shards seen, by their count N: which K of N
    let mut shards: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for input in inputs {
        if input.is_dir() {
            let plan_path = input.join("plan.json");
            let plan: Plan = serde_json::from_str(
                &std::fs::read_to_string(&plan_path)
                    .with_context(|| format!("{}: not a state folder", input.display()))?,
            )
            .with_context(|| format!("{} is not a plan", plan_path.display()))?;
            keys.insert(plan.key.clone());
            if let Some((k, n)) = plan
                .shard
                .as_deref()
                .and_then(|s| crate::args::parse_shard(s).ok())
            {
                shards.entry(n).or_default().insert(k);
            }
            let state = State {
                dir: input.clone(),
                key: plan.key.clone(),
            };
            let mut missing = Vec::new();
            for label in &plan.roots {
                let path = state.path(label);
                let text = match std::fs::read_to_string(&path) {
                    Ok(t) => t,
                    Err(_) => {
                        missing.push(format!("{label} (no record)"));
                        continue;
                    }
                };
                match parse_record(&text) {
                    Ok(r) if r.key == plan.key && r.root.path == *label => {
                        add(&mut records, &mut keys, r, &path)?
                    }
                    Ok(_) => missing.push(format!("{label} (record of another run)")),
                    Err(e) => missing.push(format!("{label} ({e})")),
                }
            }
            if !missing.is_empty() {
                anyhow::bail!(
                    "{}{}: roots of the plan without a sound record (run the shard again with the same --state to finish it):\n  {}",
                    input.display(),
                    plan.shard.map(|s| format!(" (shard {s})")).unwrap_or_default(),
                    missing.join("\n  ")
                );
            }
        } else {
            let text = std::fs::read_to_string(input)
                .with_context(|| format!("reading {}", input.display()))?;
            if !text.is_empty() && !text.ends_with('\n') {
                anyhow::bail!("{}: the last record is truncated", input.display());
            }
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let r: RootRecord = serde_json::from_str(line)
                    .with_context(|| format!("{}:{}: not a record", input.display(), i + 1))?;
                add(&mut records, &mut keys, r, input)?;
            }
        }
    }
    // a missing shard would silently drop its roots
    if shards.len() > 1 {
        anyhow::bail!(
            "the inputs are shards of different splits ({}): merge the shards of one sweep",
            shards
                .keys()
                .map(|n| format!("N={n}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if let Some((n, ks)) = shards.iter().next() {
        let missing: Vec<String> = (1..=*n)
            .filter(|k| !ks.contains(k))
            .map(|k| format!("{k}/{n}"))
            .collect();
        if !missing.is_empty() {
            anyhow::bail!(
                "shard{} {} missing: give the state folder of every shard",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", ")
            );
        }
    }
    if keys.len() > 1 {
        anyhow::bail!(
            "the inputs were made by different scanner versions or with different scan options (keys {}): scan all shards with the same mcpsweep and options",
            keys.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
    Ok(records.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_names_are_safe_and_distinct() {
        let a = record_name("file:///tmp/org/a b.git");
        assert!(
            a.ends_with(".jsonl") && !a.contains('/') && !a.contains(' '),
            "{a}"
        );
        assert_ne!(a, record_name("file:///tmp/other/a b.git"));
        assert!(!record_name("..").starts_with('.'));
    }

    #[test]
    fn truncated_records_are_refused() {
        assert!(parse_record("{\"key\":").is_err());
        assert!(parse_record("{}").is_err());
    }
}
