//! Git sources, with `gix` (no `git` subprocess): a work tree is scanned from disk with its HEAD
//! commit recorded; a bare repository (or a clone in the cache) is read from HEAD's tree in the
//! object database, without a checkout. Clones are bare and shallow (depth 1) and never run
//! hooks, filters, LFS or submodules: nothing from a scanned repository is executed.

use crate::discover::Filters;
use crate::scan::Loaded;
use anyhow::Context;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// What a scan root is.
pub enum Kind {
    /// A plain folder.
    Folder,
    /// A git work tree: scanned from disk, HEAD recorded (None for a repository with no commit).
    WorkTree { commit: Option<String> },
    /// A bare repository: scanned from HEAD's tree.
    Bare(Box<Tree>),
}

/// HEAD's tree of a repository: its files (path → blob id and size) and a handle to read them.
pub struct Tree {
    pub repo: gix::ThreadSafeRepository,
    pub commit: String,
    pub files: BTreeMap<String, (gix::ObjectId, u64)>,
    /// Skipped on purpose, by reason (symlinks, submodules, excluded paths...).
    pub skipped: BTreeMap<&'static str, u64>,
    /// Entries that could not be listed: (path, reason).
    pub errors: Vec<(String, String)>,
}

/// Decide what `path` is. A folder that is not a repository is a folder; a repository that
/// cannot be read is an error for that root.
pub fn classify(path: &Path, filters: &Filters) -> anyhow::Result<Kind> {
    let is_repo = path.join(".git").exists()
        || (path.join("HEAD").is_file() && path.join("objects").is_dir());
    if !is_repo {
        return Ok(Kind::Folder);
    }
    let repo = gix::open_opts(path, open_options())
        .with_context(|| format!("{}: not a readable git repository", path.display()))?;
    if repo.is_bare() {
        let commit = repo
            .head_commit()
            .with_context(|| format!("{}: repository has no HEAD commit", path.display()))?
            .id;
        let tree = list_tree(repo.into_sync(), commit, filters)?;
        Ok(Kind::Bare(Box::new(tree)))
    } else {
        let commit = repo.head_id().ok().map(|id| id.to_string());
        Ok(Kind::WorkTree { commit })
    }
}

/// Open without trusting the repository's configuration more than needed to read objects.
fn open_options() -> gix::open::Options {
    gix::open::Options::isolated()
}

/// List HEAD's tree. Hostile entries (`..`, absolute paths, `.git` components, names with
/// NUL or backslashes) are errors for that entry; symlinks and submodules are skipped, as on
/// disk.
pub fn list_tree(
    repo: gix::ThreadSafeRepository,
    commit: gix::ObjectId,
    filters: &Filters,
) -> anyhow::Result<Tree> {
    let local = repo.to_thread_local();
    let tree = local
        .find_commit(commit)
        .context("HEAD commit not found")?
        .tree()
        .context("HEAD tree not found")?;
    let mut rec = gix::traverse::tree::Recorder::default();
    tree.traverse()
        .breadthfirst(&mut rec)
        .context("the tree could not be walked")?;
    let mut files = BTreeMap::new();
    let mut skipped: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut errors = Vec::new();
    for e in rec.records {
        let rel = match std::str::from_utf8(&e.filepath) {
            Ok(s) => s.to_string(),
            Err(_) => {
                errors.push((
                    String::from_utf8_lossy(&e.filepath).into_owned(),
                    "path is not UTF-8: not analysed".into(),
                ));
                continue;
            }
        };
        if let Some(why) = hostile(&rel) {
            errors.push((rel, format!("hostile tree entry ({why}): not analysed")));
            continue;
        }
        let mode = e.mode;
        if mode.is_tree() {
            continue;
        }
        // inside `node_modules/`, `.git/`...: skipped as the disk walk skips those folders
        let mut dirs = rel.split('/');
        dirs.next_back();
        if dirs.any(|d| filters.excluded_dir(d)) {
            continue;
        }
        if mode.is_link() {
            *skipped.entry("symlink").or_default() += 1;
            continue;
        }
        if mode.is_commit() {
            *skipped.entry("submodule").or_default() += 1;
            continue;
        }
        if let Some(reason) = filters.skip_reason(&rel) {
            *skipped.entry(reason).or_default() += 1;
            continue;
        }
        let size = local.find_header(e.oid).map(|h| h.size()).unwrap_or(0);
        files.insert(rel, (e.oid, size));
    }
    Ok(Tree {
        commit: commit.to_string(),
        repo,
        files,
        skipped,
        errors,
    })
}

/// Why a tree path must not be used, if it must not.
fn hostile(rel: &str) -> Option<&'static str> {
    if rel.starts_with('/') {
        return Some("absolute path");
    }
    if rel.contains('\\') || rel.contains('\0') {
        return Some("backslash or NUL in the name");
    }
    for part in rel.split('/') {
        match part {
            "" | "." | ".." => return Some("`.`, `..` or empty component"),
            p if p.eq_ignore_ascii_case(".git") => return Some("`.git` component"),
            _ => {}
        }
    }
    None
}

/// Reads the files of one root: from disk, or from the object database.
pub enum Reader<'a> {
    Disk(&'a Path),
    Git {
        repo: &'a gix::ThreadSafeRepository,
        files: &'a BTreeMap<String, (gix::ObjectId, u64)>,
    },
}

thread_local! {
    /// One thread-local repository handle per repository (gix handles are per thread).
    static HANDLES: std::cell::RefCell<HashMap<PathBuf, gix::Repository>> =
        std::cell::RefCell::new(HashMap::new());
}

impl Reader<'_> {
    /// The git blob id of `rel` when the root is read from the object database (free there).
    pub fn blob_id(&self, rel: &str) -> Option<gix::ObjectId> {
        match self {
            Reader::Disk(_) => None,
            Reader::Git { files, .. } => files.get(rel).map(|(oid, _)| *oid),
        }
    }

    /// Hand the bytes of `rel` to `f` without keeping them: a file on disk is read into a
    /// per-thread buffer, so the many files a scan only looks at allocate nothing (and cost
    /// no `fstat`). `Unread` when over `limit`.
    pub fn with_bytes<R>(
        &self,
        rel: &str,
        limit: u64,
        f: impl FnOnce(&[u8]) -> R,
    ) -> std::io::Result<Result<R, crate::scan::Unread>> {
        match self {
            Reader::Disk(root) => crate::scan::with_limited(root, rel, limit, f),
            Reader::Git { .. } => Ok(match self.read(rel, limit)? {
                Loaded::Bytes(b) if b.len() as u64 > limit => Err(crate::scan::Unread::Grew),
                Loaded::Bytes(b) => Ok(f(&b)),
                Loaded::TooLarge(size) => Err(crate::scan::Unread::TooLarge(size)),
            }),
        }
    }

    /// Read `rel` (relative, forward slashes) within `limit` bytes.
    pub fn read(&self, rel: &str, limit: u64) -> std::io::Result<Loaded> {
        match self {
            Reader::Disk(root) => crate::scan::read_limited(root, rel, limit),
            Reader::Git { repo, files } => {
                let (oid, size) = files.get(rel).copied().ok_or_else(|| {
                    std::io::Error::new(std::io::ErrorKind::NotFound, "not in the tree")
                })?;
                if size > limit {
                    return Ok(Loaded::TooLarge(size));
                }
                let key = repo.git_dir().to_path_buf();
                HANDLES.with(|h| {
                    let mut h = h.borrow_mut();
                    // roots are scanned side by side: keep a few repositories' handles per
                    // thread, not one for every repository of the sweep
                    if h.len() >= 8 && !h.contains_key(repo.git_dir()) {
                        h.clear();
                    }
                    let local = h.entry(key).or_insert_with(|| repo.to_thread_local());
                    let obj = local
                        .find_object(oid)
                        .map_err(|e| std::io::Error::other(e.to_string()))?;
                    Ok(Loaded::Bytes(obj.detach().data))
                })
            }
        }
    }
}

/// Clone `url` into `cache` (bare, depth 1, no checkout), or fetch it again when the clone is
/// there. Returns the repository's folder.
pub fn fetch(url: &str, cache: &Path) -> anyhow::Result<PathBuf> {
    let dest = cache.join(cache_name(url));
    let interrupt = AtomicBool::new(false);
    let depth = gix::remote::fetch::Shallow::DepthAtRemote(1.try_into().expect("non-zero"));
    if dest.join("HEAD").is_file() {
        let repo = gix::open_opts(&dest, open_options())
            .with_context(|| format!("cached clone {} is not readable", dest.display()))?;
        // a bare clone keeps no fetch refspec: update its branches (HEAD follows its branch)
        let remote = repo
            .find_default_remote(gix::remote::Direction::Fetch)
            .context("the cached clone has no remote")?
            .context("the cached clone's remote is invalid")?
            .with_refspecs(
                Some("+refs/heads/*:refs/heads/*"),
                gix::remote::Direction::Fetch,
            )
            .context("bad refspec")?;
        remote
            .connect(gix::remote::Direction::Fetch)
            .with_context(|| format!("{url}: cannot connect"))?
            .prepare_fetch(gix::progress::Discard, Default::default())
            .with_context(|| format!("{url}: fetch refused"))?
            .with_shallow(depth)
            .receive(gix::progress::Discard, &interrupt)
            .with_context(|| format!("{url}: fetch failed"))?;
        return Ok(dest);
    }
    std::fs::create_dir_all(cache)
        .with_context(|| format!("cannot create the cache folder {}", cache.display()))?;
    let tmp = cache.join(format!(".{}.partial", cache_name(url)));
    let _ = std::fs::remove_dir_all(&tmp);
    let mut prep = gix::prepare_clone_bare(url, &tmp)
        .with_context(|| format!("{url}: cannot prepare a clone"))?
        .with_shallow(depth);
    prep.fetch_only(gix::progress::Discard, &interrupt)
        .with_context(|| format!("{url}: clone failed"))?;
    std::fs::rename(&tmp, &dest).context("cannot move the clone into the cache")?;
    Ok(dest)
}

/// A folder name for a URL in the cache: readable, unique, safe.
pub fn cache_name(url: &str) -> String {
    let tail: String = url
        .trim_end_matches('/')
        .trim_end_matches(".git")
        .rsplit(['/', ':'])
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join("+")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.+".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let hash = mcpsweep_audit::fingerprint("repo", url, "", "");
    format!("{tail}-{}.git", &hash[..8])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_paths() {
        assert!(hostile("a/../b").is_some());
        assert!(hostile("/etc/passwd").is_some());
        assert!(hostile("x/.git/config").is_some());
        assert!(hostile("x/.GIT/hooks/pre-commit").is_some());
        assert!(hostile("a\\b").is_some());
        assert!(hostile("src/.gitignore").is_none());
        assert!(hostile("src/server.py").is_none());
    }

    #[test]
    fn cache_names() {
        let n = cache_name("https://github.com/acme/tools-mcp.git");
        assert!(
            n.starts_with("acme+tools-mcp-") && n.ends_with(".git"),
            "{n}"
        );
        assert_ne!(n, cache_name("https://gitlab.com/acme/tools-mcp.git"));
        let n = cache_name("file:///tmp/repos/a b");
        assert!(!n.contains(' ') && !n.contains('/'), "{n}");
    }
}

/// One root to scan: its label (as given, a URL without credentials) and where it comes from.
pub struct RootSpec {
    pub label: String,
    pub source: Source,
}

pub enum Source {
    Path(PathBuf),
    /// A git URL, cloned or fetched into the cache when the root is scanned.
    Url {
        url: String,
        cache: PathBuf,
    },
}

impl RootSpec {
    /// Where the root is on disk (fetching a URL first), or why it could not be had.
    pub fn fetch(&self) -> Result<PathBuf, String> {
        match &self.source {
            Source::Path(p) => Ok(p.clone()),
            Source::Url { url, cache } => fetch(url, cache).map_err(|e| {
                // error chains can quote the URL: never its credentials
                redact_url_in(&format!("{e:#}"), url)
            }),
        }
    }
}

/// The roots of a scan: the PATHs, the lines of `--repos` (URLs are fetched into the cache
/// when scanned), and every repository under each `--each-repo` folder. Sorted by label, unique.
pub fn resolve_roots(args: &crate::args::ScanArgs) -> anyhow::Result<Vec<RootSpec>> {
    let mut specs: Vec<RootSpec> = args
        .paths
        .iter()
        .map(|p| RootSpec {
            label: crate::scan::display_root(p),
            source: Source::Path(p.clone()),
        })
        .collect();
    if let Some(list) = &args.repos {
        let text = std::fs::read_to_string(list)
            .with_context(|| format!("reading the repository list {}", list.display()))?;
        let cache = match &args.cache {
            Some(c) => c.clone(),
            None => default_cache()?,
        };
        let lines = text
            .lines()
            .map(|l| l.split(" #").next().unwrap_or("").trim())
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        for line in lines {
            specs.push(if is_url(line) {
                RootSpec {
                    label: redact_url(line),
                    source: Source::Url {
                        url: line.to_string(),
                        cache: cache.clone(),
                    },
                }
            } else {
                RootSpec {
                    label: crate::scan::display_root(Path::new(line)),
                    source: Source::Path(PathBuf::from(line)),
                }
            });
        }
    }
    for dir in &args.each_repo {
        let mut found = Vec::new();
        find_repos(dir, 0, &mut found);
        if found.is_empty() {
            anyhow::bail!("--each-repo {}: no git repository found", dir.display());
        }
        specs.extend(found.into_iter().map(|p| RootSpec {
            label: crate::scan::display_root(&p),
            source: Source::Path(p),
        }));
    }
    if specs.is_empty() {
        specs.push(RootSpec {
            label: ".".into(),
            source: Source::Path(PathBuf::from(".")),
        });
    }
    specs.sort_by(|a, b| a.label.cmp(&b.label));
    specs.dedup_by(|a, b| a.label == b.label);
    Ok(specs)
}

/// HEAD's commit of a bare repository, cheaply (to decide whether a recorded root is current),
/// or None for anything else.
pub fn bare_head(path: &Path) -> Option<String> {
    if path.join(".git").exists() || !(path.join("HEAD").is_file() && path.join("objects").is_dir())
    {
        return None;
    }
    let repo = gix::open_opts(path, open_options()).ok()?;
    if !repo.is_bare() {
        return None;
    }
    Some(repo.head_id().ok()?.to_string())
}

fn default_cache() -> anyhow::Result<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .context("no cache folder: give --cache DIR")?;
    Ok(base.join("mcpsweep").join("repos"))
}

/// Repositories under `dir` (not inside another repository), sorted; symlinks not followed.
fn find_repos(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > 6 {
        return;
    }
    let is_repo =
        dir.join(".git").exists() || (dir.join("HEAD").is_file() && dir.join("objects").is_dir());
    if is_repo && depth > 0 {
        out.push(dir.to_path_buf());
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut subs: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    subs.sort();
    for s in subs {
        find_repos(&s, depth + 1, out);
    }
}

fn is_url(s: &str) -> bool {
    s.contains("://") || (s.contains('@') && s.contains(':') && !s.starts_with('/'))
}

/// A URL without `user:password@`.
pub fn redact_url(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
            let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            if path.is_empty() && !rest.contains('/') {
                format!("{scheme}://{host}")
            } else {
                format!("{scheme}://{host}/{path}")
            }
        }
        None => url.to_string(),
    }
}

fn redact_url_in(text: &str, url: &str) -> String {
    text.replace(url, &redact_url(url))
}

#[cfg(test)]
mod url_tests {
    use super::*;

    #[test]
    fn credentials_never_reach_labels() {
        assert_eq!(
            redact_url("https://x-access-token:ghs_abc@github.com/acme/mcp.git"),
            "https://github.com/acme/mcp.git"
        );
        assert_eq!(redact_url("file:///tmp/r.git"), "file:///tmp/r.git");
        assert!(is_url("git@github.com:acme/mcp.git"));
        assert!(!is_url("/srv/repos/mcp"));
    }
}

/// A root's files and how to read them, kept after the scan for suppressions and SARIF.
pub enum OwnedReader {
    Disk(PathBuf),
    Git {
        repo: Box<gix::ThreadSafeRepository>,
        files: BTreeMap<String, (gix::ObjectId, u64)>,
    },
}

impl OwnedReader {
    pub fn reader(&self) -> Reader<'_> {
        match self {
            OwnedReader::Disk(p) => Reader::Disk(p),
            OwnedReader::Git { repo, files } => Reader::Git { repo, files },
        }
    }
}

/// One opened root.
pub struct Opened {
    pub walked: crate::discover::Walked,
    /// HEAD commit when the root is a repository.
    pub commit: Option<String>,
    pub reader: OwnedReader,
    /// `folder`, `work-tree` or `bare`.
    pub kind: &'static str,
}

/// Open one root: its file list (walked on disk, or HEAD's tree of a bare repository), its
/// HEAD commit when it is a repository, and its reader.
pub fn open_root(path: &Path, filters: &Filters) -> anyhow::Result<Opened> {
    match classify(path, filters)? {
        Kind::Folder => Ok(Opened {
            walked: crate::discover::walk(path, filters)?,
            commit: None,
            reader: OwnedReader::Disk(path.to_path_buf()),
            kind: "folder",
        }),
        Kind::WorkTree { commit } => Ok(Opened {
            walked: crate::discover::walk(path, filters)?,
            commit,
            reader: OwnedReader::Disk(path.to_path_buf()),
            kind: "work-tree",
        }),
        Kind::Bare(tree) => {
            let tree = *tree;
            let walked = crate::discover::Walked {
                files: tree
                    .files
                    .keys()
                    .map(|rel| crate::discover::Entry { rel: rel.clone() })
                    .collect(),
                skipped: tree.skipped,
                errors: tree.errors,
            };
            Ok(Opened {
                walked,
                commit: Some(tree.commit),
                reader: OwnedReader::Git {
                    repo: Box::new(tree.repo),
                    files: tree.files,
                },
                kind: "bare",
            })
        }
    }
}
