//! `--facts-cache DIR`: the facts extracted from each parsed file, keyed by the file's git
//! blob id (free from a bare repository's tree; computed, as git does, for a file on disk),
//! its language, and the scanner build. An unchanged file is then not parsed again on the
//! next sweep, whichever repository or path it is in.
//!
//! Layout: `DIR/<build key>/<2 hex>/<rest of the blob id>-<lang>.json`. An entry is a line with
//! the SHA-256 (16 hex) of the JSON that follows it, then the JSON of the facts. An entry that
//! is missing, does not match its checksum or does not parse is ignored (the file is parsed as
//! if there were no cache, and the entry rewritten): a damaged cache can cost time, never
//! change a result. Entries are written through a temporary file and a rename.

use anyhow::Context;
use mcpsweep_extract::{FileFacts, Lang};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Version of the entry format; part of the build key.
const FACTS_FORMAT: u32 = 1;

pub struct FactsCache {
    dir: PathBuf,
}

fn hex16(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The scanner build: version, entry format, embedded grammars and tables, and the running
/// executable's size and modification time (so that a rebuilt scanner never reads the facts
/// of another build, even at the same version).
fn build_key() -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let t = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            format!("{}:{t}", m.len())
        })
        .unwrap_or_default();
    hex16(
        format!(
            "{}|{FACTS_FORMAT}|{}|{exe}",
            env!("CARGO_PKG_VERSION"),
            mcpsweep_extract::lang::grammar_key()
        )
        .as_bytes(),
    )
}

/// The git blob id of `bytes` (SHA-1, as `git hash-object` computes it).
pub fn blob_id(bytes: &[u8]) -> Option<gix::ObjectId> {
    gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, bytes).ok()
}

impl FactsCache {
    pub fn open(root: &Path) -> anyhow::Result<FactsCache> {
        let dir = root.join(format!("v{FACTS_FORMAT}-{}", build_key()));
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create the facts cache {}", dir.display()))?;
        Ok(FactsCache { dir })
    }

    fn path(&self, blob: &gix::ObjectId, lang: Lang) -> PathBuf {
        let hex = blob.to_hex().to_string();
        self.dir.join(&hex[..2]).join(format!(
            "{}-{}.json",
            &hex[2..],
            format!("{lang:?}").to_lowercase()
        ))
    }

    /// The cached facts of a blob, when there is a sound entry.
    pub fn get(&self, blob: &gix::ObjectId, lang: Lang) -> Option<FileFacts> {
        let bytes = std::fs::read(self.path(blob, lang)).ok()?;
        let nl = bytes.iter().position(|b| *b == b'\n')?;
        let (sum, json) = (&bytes[..nl], &bytes[nl + 1..]);
        if sum != hex16(json).as_bytes() {
            return None;
        }
        serde_json::from_slice(json).ok()
    }

    /// Keep the facts of a blob (best effort: a cache that cannot be written only costs time).
    pub fn put(&self, blob: &gix::ObjectId, lang: Lang, facts: &FileFacts) {
        let Ok(json) = serde_json::to_vec(facts) else {
            return;
        };
        let path = self.path(blob, lang);
        let Some(dir) = path.parent() else {
            return;
        };
        let _ = std::fs::create_dir_all(dir);
        let mut entry = hex16(&json).into_bytes();
        entry.push(b'\n');
        entry.extend_from_slice(&json);
        let write = || -> std::io::Result<()> {
            use std::io::Write;
            let mut tmp = tempfile::Builder::new().prefix(".tmp").tempfile_in(dir)?;
            tmp.write_all(&entry)?;
            tmp.persist(&path).map_err(|e| e.error)?;
            Ok(())
        };
        let _ = write();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn blob_ids_are_git_s() {
        // `printf 'hello\n' | git hash-object --stdin`
        assert_eq!(
            super::blob_id(b"hello\n").unwrap().to_string(),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
    }
}
