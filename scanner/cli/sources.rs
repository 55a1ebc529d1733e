//! Reading scanned files back after the audit (for inline suppressions, SARIF regions and
//! line hashes). Same safety as the scan: paths come from the scan itself, are opened without
//! following a symlink, and are size-limited.

use crate::repo::OwnedReader;
use crate::scan::Loaded;
use std::collections::{BTreeMap, HashMap};

pub struct Sources<'a> {
    limit: u64,
    readers: &'a BTreeMap<String, OwnedReader>,
    cache: HashMap<(String, String), Option<String>>,
}

impl<'a> Sources<'a> {
    pub fn new(limit: u64, readers: &'a BTreeMap<String, OwnedReader>) -> Sources<'a> {
        Sources {
            limit,
            readers,
            cache: HashMap::new(),
        }
    }

    /// The text of `file` (relative, forward slashes) in scan root `root` (as given on the
    /// command line), or None when it cannot be read as UTF-8 within the size limit.
    pub fn text(&mut self, root: &str, file: &str) -> Option<&str> {
        let key = (root.to_string(), file.to_string());
        if !self.cache.contains_key(&key) {
            let text = if file.is_empty() || file.split('/').any(|p| p == "..") {
                None
            } else {
                match self
                    .readers
                    .get(root)
                    .map(|r| r.reader().read(file, self.limit))
                {
                    Some(Ok(Loaded::Bytes(b))) => String::from_utf8(b).ok(),
                    _ => None,
                }
            };
            self.cache.insert(key.clone(), text);
        }
        self.cache.get(&key).and_then(|t| t.as_deref())
    }

    /// Line `n` (1-based) of a file, without its line ending.
    pub fn line(&mut self, root: &str, file: &str, n: u32) -> Option<&str> {
        let text = self.text(root, file)?;
        text.split('\n')
            .nth(n.checked_sub(1)? as usize)
            .map(|l| l.trim_end_matches('\r'))
    }
}
