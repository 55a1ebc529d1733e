//! Walking a root: the `ignore` walker, sequential and sorted, hidden files included,
//! `.gitignore` honoured, symlinks never followed, dependency folders skipped by default.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::BTreeMap;
use std::path::Path;

/// Folders that hold other people's code or build output, skipped unless
/// `--no-default-excludes`.
pub const DEFAULT_EXCLUDED_DIRS: &[&str] = &[
    ".git",
    "node_modules",
    "bower_components",
    "vendor",
    "third_party",
    ".venv",
    "venv",
    "site-packages",
    "__pycache__",
    ".tox",
    ".mypy_cache",
    "target",
    "dist",
    "build",
    "out",
    ".next",
    ".nuxt",
    ".turbo",
    ".cache",
];

#[derive(Debug)]
pub struct Entry {
    /// Path relative to the root, forward slashes.
    pub rel: String,
}

#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<Entry>,
    /// Skipped on purpose, by reason.
    pub skipped: BTreeMap<&'static str, u64>,
    /// Paths that could not be listed: (relative path, reason).
    pub errors: Vec<(String, String)>,
}

pub struct Filters {
    pub include: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
    pub default_excludes: bool,
}

impl Filters {
    pub fn new(
        include: &[String],
        exclude: &[String],
        default_excludes: bool,
    ) -> anyhow::Result<Filters> {
        let build = |globs: &[String]| -> anyhow::Result<Option<GlobSet>> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(Glob::new(g).map_err(|e| anyhow::anyhow!("bad glob {g:?}: {e}"))?);
            }
            Ok(Some(b.build()?))
        };
        Ok(Filters {
            include: build(include)?,
            exclude: build(exclude)?,
            default_excludes,
        })
    }
}

impl Filters {
    /// Why a file is not scanned by the include / exclude globs, if it is not.
    pub fn skip_reason(&self, rel: &str) -> Option<&'static str> {
        if self.include.as_ref().is_some_and(|inc| !inc.is_match(rel)) {
            return Some("not-included");
        }
        if self.exclude.as_ref().is_some_and(|exc| exc.is_match(rel)) {
            return Some("excluded");
        }
        None
    }

    /// A folder the walk does not enter (`.git`, and dependency and build folders unless
    /// `--no-default-excludes`).
    pub fn excluded_dir(&self, rel: &str) -> bool {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        name == ".git" || (self.default_excludes && DEFAULT_EXCLUDED_DIRS.contains(&name))
    }
}

pub fn walk(root: &Path, filters: &Filters) -> anyhow::Result<Walked> {
    let meta = std::fs::symlink_metadata(root)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", root.display()))?;
    if !meta.is_dir() {
        anyhow::bail!("{} is not a folder", root.display());
    }
    let default_excludes = filters.default_excludes;
    let mut wb = ignore::WalkBuilder::new(root);
    wb.hidden(false)
        .parents(false)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(false)
        .require_git(false)
        .ignore(false)
        .follow_links(false)
        .filter_entry(move |e| {
            let name = e.file_name().to_str().unwrap_or("");
            if e.depth() == 0 {
                return true;
            }
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            !(is_dir
                && (name == ".git" || (default_excludes && DEFAULT_EXCLUDED_DIRS.contains(&name))))
        });
    // The parallel walker yields in no particular order: each thread collects into its own
    // Walked, merged under a lock when the thread's visitor is dropped, then sorted.
    let merged = std::sync::Mutex::new(Walked::default());
    let mut builder = Collector {
        root,
        filters,
        merged: &merged,
    };
    wb.build_parallel().visit(&mut builder);
    let mut out = merged.into_inner().expect("no walker thread panicked");
    {
        use rayon::slice::ParallelSliceMut;
        // (paths are unique: an unstable sort gives the one order)
        out.files.par_sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    }
    out.errors.sort();
    Ok(out)
}

struct Collector<'a> {
    root: &'a Path,
    filters: &'a Filters,
    merged: &'a std::sync::Mutex<Walked>,
}

impl<'s> ignore::ParallelVisitorBuilder<'s> for Collector<'s> {
    fn build(&mut self) -> Box<dyn ignore::ParallelVisitor + 's> {
        Box::new(Visitor {
            root: self.root,
            filters: self.filters,
            merged: self.merged,
            local: Walked::default(),
        })
    }
}

struct Visitor<'a> {
    root: &'a Path,
    filters: &'a Filters,
    merged: &'a std::sync::Mutex<Walked>,
    local: Walked,
}

impl Drop for Visitor<'_> {
    fn drop(&mut self) {
        let local = std::mem::take(&mut self.local);
        if let Ok(mut m) = self.merged.lock() {
            m.files.extend(local.files);
            m.errors.extend(local.errors);
            for (k, v) in local.skipped {
                *m.skipped.entry(k).or_default() += v;
            }
        }
    }
}

impl ignore::ParallelVisitor for Visitor<'_> {
    fn visit(&mut self, item: Result<ignore::DirEntry, ignore::Error>) -> ignore::WalkState {
        let out = &mut self.local;
        let entry = match item {
            Ok(e) => e,
            Err(err) => {
                let path = match &err {
                    ignore::Error::WithPath { path, .. } => rel_of(self.root, path),
                    _ => String::new(),
                };
                out.errors.push((path, err.to_string()));
                return ignore::WalkState::Continue;
            }
        };
        let Some(ft) = entry.file_type() else {
            return ignore::WalkState::Continue;
        };
        if ft.is_symlink() {
            *out.skipped.entry("symlink").or_default() += 1;
            return ignore::WalkState::Continue;
        }
        if !ft.is_file() {
            return ignore::WalkState::Continue;
        }
        let rel = rel_of(self.root, entry.path());
        if let Some(reason) = self.filters.skip_reason(&rel) {
            *out.skipped.entry(reason).or_default() += 1;
            return ignore::WalkState::Continue;
        }
        out.files.push(Entry { rel });
        ignore::WalkState::Continue
    }
}

fn rel_of(root: &Path, p: &Path) -> String {
    // the common case, without comparing the paths component by component nor an
    // allocation per component: the walker's path is the root's bytes, a slash and a UTF-8
    // rest whose components are the parts between its slashes
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let (r, b) = (root.as_os_str().as_bytes(), p.as_os_str().as_bytes());
        let rest = b.strip_prefix(r).and_then(|rest| {
            if r.ends_with(b"/") {
                Some(rest)
            } else {
                rest.strip_prefix(b"/")
            }
        });
        if let Some(s) = rest.and_then(|x| std::str::from_utf8(x).ok()) {
            if s.split('/').all(|c| !c.is_empty() && c != ".") {
                return s.to_string();
            }
        }
    }
    // otherwise (`a//./b`, a root spelled differently, not UTF-8): the components, joined
    let rel = p.strip_prefix(root).unwrap_or(p);
    let s: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    s.join("/")
}

/// Test code: test folders and test file naming conventions of the four languages.
pub fn is_test_path(rel: &str) -> bool {
    let (dirs, file) = match rel.rsplit_once('/') {
        Some((d, f)) => (d, f),
        None => ("", rel),
    };
    let test_dir = dirs.split('/').any(|d| {
        matches!(
            d,
            "test" | "tests" | "__tests__" | "__mocks__" | "spec" | "specs" | "testdata" | "e2e"
        )
    });
    let stem_ext = file.split_once('.');
    let test_file = file.starts_with("test_")
        || file == "conftest.py"
        || file.ends_with("_test.go")
        || file.ends_with("_test.py")
        || stem_ext.is_some_and(|(_, ext)| {
            // `x.test.ts`, and `x.unit.test.ts` / `x.tools.spec.ts`: any dotted part before the
            // extension
            let parts: Vec<&str> = ext.split('.').collect();
            parts[..parts.len() - 1]
                .iter()
                .any(|p| matches!(*p, "test" | "spec" | "e2e"))
        });
    test_dir || test_file
}

#[cfg(test)]
mod tests {
    use super::is_test_path;

    #[test]
    fn relative_paths() {
        use super::rel_of;
        use std::path::Path;
        let root = Path::new("/r/x");
        assert_eq!(rel_of(root, Path::new("/r/x/a/b.ts")), "a/b.ts");
        assert_eq!(rel_of(root, Path::new("/r/x/b.ts")), "b.ts");
        // not the plain case: the components, joined
        assert_eq!(rel_of(root, Path::new("/r/x/a//./b.ts")), "a/b.ts");
        assert_eq!(rel_of(root, Path::new("/r/x")), "");
        // the root as given: a trailing slash, `.`, a relative path
        assert_eq!(
            rel_of(Path::new("/r/x/"), Path::new("/r/x/a/b.ts")),
            "a/b.ts"
        );
        assert_eq!(rel_of(Path::new("."), Path::new("./a/b.ts")), "a/b.ts");
        assert_eq!(
            rel_of(Path::new("corpus"), Path::new("corpus/a.py")),
            "a.py"
        );
        // a byte prefix of the root that is not its folder: not cut
        assert!(rel_of(Path::new("/r/x"), Path::new("/r/xy/a.ts")).ends_with("r/xy/a.ts"));
    }

    #[test]
    fn test_paths() {
        assert!(is_test_path("src/__tests__/server.ts"));
        assert!(is_test_path("pkg/server_test.go"));
        assert!(is_test_path("tests/test_tools.py"));
        assert!(is_test_path("src/tools.test.ts"));
        assert!(is_test_path("src/Server.batch-methods.test.ts"));
        assert!(is_test_path("src/shared/docs.tools.spec.ts"));
        assert!(!is_test_path("src/test.ts"));
        assert!(!is_test_path("src/tools.testing.ts"));
        assert!(!is_test_path("src/testing_utils.ts"));
        assert!(!is_test_path("src/server.ts"));
        assert!(!is_test_path("latest/server.py"));
    }
}
