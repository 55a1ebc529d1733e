//! Owner hints per server: the CODEOWNERS rule that applies to its entry file, and the top
//! committers of its folder in the history that was fetched.
//!
//! - CODEOWNERS: the first of `.github/CODEOWNERS`, `CODEOWNERS`, `docs/CODEOWNERS` (GitHub's
//!   order), read through the root's reader (disk or object database), at most 3 MB (GitHub's
//!   limit). Patterns are matched with the `ignore` crate's gitignore matcher; the last
//!   matching rule wins. A pattern matching a folder owns everything beneath it, except a
//!   pattern ending in `/*`, which owns only the folder's direct entries (GitHub's rules).
//!   Lines GitHub rejects (`!` negation, `[ ]` ranges, owners that are not `@user`,
//!   `@org/team` or an e-mail address, invalid globs) are coverage errors naming the file and
//!   line, and are skipped, as GitHub skips them. GitLab section headers (`[Section]`) are
//!   skipped; the rules under them are read as one list.
//! - Committers: a walk from HEAD, newest commit first, bounded to [`MAX_COMMITS`]. A
//!   non-merge commit touches a folder when the folder's tree id differs from its first
//!   parent's; a root commit or the boundary commit of a shallow clone is compared with
//!   nothing (as `git log -- <dir>` does), so in a depth-1 clone the HEAD commit's author is
//!   the one committer. No mailmap is applied. Commit e-mail addresses are personal data and
//!   are never kept: only a GitHub login from a `users.noreply.github.com` address, or the
//!   domain of any other address. Names ending in `[bot]` are not committers.

use crate::repo::Reader;
use crate::scan::Loaded;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use mcpsweep_model::{CodeownersRule, Committer, CoverageError, OwnerHistory, Owners, Server};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Commits read from HEAD at most, per repository.
pub const MAX_COMMITS: u32 = 1000;
/// Committers kept per server.
pub const TOP: usize = 3;
/// GitHub ignores CODEOWNERS files larger than this.
const MAX_CODEOWNERS: u64 = 3 * 1024 * 1024;
/// Where GitHub looks for CODEOWNERS, in order; the first found is used.
pub const CODEOWNERS_PATHS: [&str; 3] = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

/// Fill `owners` of the servers of one root. Problems are coverage errors of that root.
pub fn annotate(
    root: &str,
    reader: &Reader,
    servers: &mut [Server],
    errors: &mut Vec<CoverageError>,
) {
    if servers.is_empty() {
        return;
    }
    let mut error = |file: &str, reason: String| {
        errors.push(CoverageError {
            root: root.to_string(),
            file: file.to_string(),
            reason,
        })
    };
    let codeowners = read_codeowners(reader, &mut error);
    let mut dirs: Vec<String> = servers.iter().map(|s| s.dir.clone()).collect();
    dirs.sort();
    dirs.dedup();
    let history = match open_repo(reader) {
        Ok(None) => None,
        Ok(Some(repo)) => match history(&repo, &dirs) {
            Ok(h) => h,
            Err(e) => {
                error(
                    "",
                    format!("owner hints: the history could not be read: {e:#}"),
                );
                None
            }
        },
        Err(e) => {
            error(
                "",
                format!("owner hints: the repository could not be opened: {e:#}"),
            );
            None
        }
    };
    for s in servers {
        let rule = codeowners.as_ref().and_then(|c| c.owner_of(&s.entry.file));
        let (top, hist) = match &history {
            Some(h) => {
                let i = dirs.binary_search(&s.dir).expect("every dir was listed");
                let (touching, top) = h.per_dir[i].summary();
                let hist = OwnerHistory {
                    commits_walked: h.walked,
                    commits_touching: touching,
                    shallow: h.shallow,
                    truncated: h.truncated,
                };
                (top, Some(hist))
            }
            None => (Vec::new(), None),
        };
        s.owners = (codeowners.is_some() || hist.is_some()).then_some(Owners {
            codeowners: rule,
            top_committers: top,
            history: hist,
        });
    }
}

// ---------------------------------------------------------------------------------------
// CODEOWNERS

struct Codeowners {
    rules: Vec<CodeownersRule>,
    /// Every rule, matched against the file itself.
    all: Gitignore,
    /// Rules that own what is beneath a matching folder (all but `.../*` patterns), matched
    /// against the file's folders.
    subtree: Gitignore,
}

impl Codeowners {
    /// The rule that applies to `file` (relative to the root): the last one matching it or
    /// one of its folders.
    fn owner_of(&self, file: &str) -> Option<CodeownersRule> {
        let mut best = line_of(self.all.matched(file, false));
        let mut dir = Path::new(file).parent();
        while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
            best = best.max(line_of(self.subtree.matched(d, true)));
            dir = d.parent();
        }
        let line = best?;
        self.rules.iter().find(|r| r.line == line).cloned()
    }
}

/// The CODEOWNERS line a match came from (carried in the glob's `from`).
fn line_of(m: ignore::Match<&ignore::gitignore::Glob>) -> Option<u32> {
    match m {
        ignore::Match::Ignore(g) => g.from()?.to_str()?.parse().ok(),
        _ => None,
    }
}

fn read_codeowners(reader: &Reader, error: &mut impl FnMut(&str, String)) -> Option<Codeowners> {
    for path in CODEOWNERS_PATHS {
        match reader.read(path, MAX_CODEOWNERS) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                error(path, format!("owner hints: CODEOWNERS not read: {e}"));
                return None;
            }
            Ok(Loaded::TooLarge(size)) => {
                error(
                    path,
                    format!("owner hints: CODEOWNERS not read: {size} bytes is over GitHub's 3 MB limit"),
                );
                return None;
            }
            Ok(Loaded::Bytes(bytes)) => {
                let Ok(text) = String::from_utf8(bytes) else {
                    error(
                        path,
                        "owner hints: CODEOWNERS not read: not UTF-8".to_string(),
                    );
                    return None;
                };
                return Some(parse_codeowners(path, &text, error));
            }
        }
    }
    None
}

fn parse_codeowners(file: &str, text: &str, error: &mut impl FnMut(&str, String)) -> Codeowners {
    let mut rules = Vec::new();
    let mut all = GitignoreBuilder::new(".");
    let mut subtree = GitignoreBuilder::new(".");
    for (i, raw) in text.lines().enumerate() {
        let line = i as u32 + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        // GitLab sections: `[Section]`, `^[Optional section]`, with default owners
        if trimmed.starts_with('[') || trimmed.starts_with("^[") {
            continue;
        }
        let tokens = tokenize(trimmed);
        let (pattern, rest) = tokens.split_first().expect("a non-empty line has a token");
        let owners: Vec<String> = rest
            .iter()
            .take_while(|t| !t.starts_with('#'))
            .cloned()
            .collect();
        let bad = |why: String| {
            format!("owner hints: CODEOWNERS line {line}: {why}; the line is ignored")
        };
        if pattern.starts_with('!') {
            error(
                file,
                bad("negation (`!`) is not supported in CODEOWNERS".into()),
            );
            continue;
        }
        if pattern.contains('[') && !pattern.contains("\\[") {
            error(
                file,
                bad("character ranges (`[ ]`) are not supported in CODEOWNERS".into()),
            );
            continue;
        }
        if let Some(n) = owners.iter().position(|o| !is_owner(o)) {
            error(
                file,
                bad(format!(
                    "owner {} is not `@user`, `@org/team` or an e-mail address",
                    n + 1
                )),
            );
            continue;
        }
        // the rule's line travels with its glob, to find it again from a match
        let from = Some(PathBuf::from(line.to_string()));
        if let Err(e) = all.add_line(from.clone(), pattern) {
            error(file, bad(format!("the pattern is not a valid glob ({e})")));
            continue;
        }
        if !pattern.ends_with("/*") {
            let _ = subtree.add_line(from, pattern);
        }
        rules.push(CodeownersRule {
            file: file.to_string(),
            line,
            pattern: pattern.clone(),
            owners,
        });
    }
    let build = |b: GitignoreBuilder| b.build().unwrap_or_else(|_| Gitignore::empty());
    Codeowners {
        rules,
        all: build(all),
        subtree: build(subtree),
    }
}

/// Whitespace-separated tokens; `\ ` is a space inside a token.
fn tokenize(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_whitespace()) {
            cur.push(chars.next().expect("peeked"));
        } else if c.is_whitespace() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `@user`, `@org/team`, or an e-mail address.
fn is_owner(o: &str) -> bool {
    let name = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    };
    if let Some(handle) = o.strip_prefix('@') {
        return match handle.split_once('/') {
            Some((org, team)) => name(org) && name(team),
            None => name(handle),
        };
    }
    match o.rsplit_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !local.contains(char::is_whitespace)
                && domain.contains('.')
                && name(domain)
        }
        None => false,
    }
}

// ---------------------------------------------------------------------------------------
// History

/// The repository whose history a root's committers come from: the bare repository it is
/// read from, or the work tree's repository. None for a plain folder.
fn open_repo(reader: &Reader) -> anyhow::Result<Option<gix::Repository>> {
    let mut repo = match reader {
        Reader::Git { repo, .. } => repo.to_thread_local(),
        Reader::Disk(path) => {
            if !path.join(".git").exists() {
                return Ok(None);
            }
            gix::open_opts(path, gix::open::Options::isolated())?
        }
    };
    repo.object_cache_size_if_unset(4 * 1024 * 1024);
    Ok(Some(repo))
}

struct History {
    walked: u32,
    shallow: bool,
    truncated: bool,
    /// Per folder (in the order of the sorted folder list).
    per_dir: Vec<DirCommits>,
}

#[derive(Default)]
struct DirCommits {
    touching: u32,
    /// By author key (lower-case e-mail, else name).
    authors: BTreeMap<String, Committer>,
}

impl DirCommits {
    fn summary(&self) -> (u32, Vec<Committer>) {
        let mut all: Vec<Committer> = self.authors.values().cloned().collect();
        all.sort_by(|a, b| {
            b.commits
                .cmp(&a.commits)
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.login.cmp(&b.login))
                .then_with(|| a.email_domain.cmp(&b.email_domain))
        });
        all.truncate(TOP);
        (self.touching, all)
    }
}

/// Walk HEAD's history (newest first, at most [`MAX_COMMITS`]) and count, per folder, the
/// authors of the commits that changed it. None when HEAD has no commit.
fn history(repo: &gix::Repository, dirs: &[String]) -> anyhow::Result<Option<History>> {
    use gix::revision::walk::Sorting;
    use gix::traverse::commit::simple::CommitTimeOrder;
    let Ok(head) = repo.head_id() else {
        return Ok(None);
    };
    let shallow_ids: Vec<gix::ObjectId> = repo
        .shallow_commits()?
        .map(|s| s.iter().copied().collect())
        .unwrap_or_default();
    let mut h = History {
        walked: 0,
        shallow: !shallow_ids.is_empty(),
        truncated: false,
        per_dir: dirs.iter().map(|_| DirCommits::default()).collect(),
    };
    // each tree's folder ids, computed once (a commit's tree is its child's parent tree)
    let mut ids_of: HashMap<gix::ObjectId, Vec<Option<gix::ObjectId>>> = HashMap::new();
    let mut folder_ids = |tree: gix::ObjectId| -> anyhow::Result<Vec<Option<gix::ObjectId>>> {
        if let Some(v) = ids_of.get(&tree) {
            return Ok(v.clone());
        }
        let t = repo.find_tree(tree)?;
        let mut v = Vec::with_capacity(dirs.len());
        for d in dirs {
            v.push(if d.is_empty() {
                Some(tree)
            } else {
                t.lookup_entry_by_path(d)?.map(|e| e.object_id())
            });
        }
        ids_of.insert(tree, v.clone());
        Ok(v)
    };
    let walk = repo
        .rev_walk([head.detach()])
        .sorting(Sorting::ByCommitTime(CommitTimeOrder::NewestFirst))
        .all()?;
    for info in walk {
        let info = info?;
        if h.walked == MAX_COMMITS {
            h.truncated = true;
            break;
        }
        h.walked += 1;
        let commit = info.object()?;
        let parents: Vec<gix::ObjectId> = commit.parent_ids().map(|p| p.detach()).collect();
        if parents.len() > 1 {
            continue;
        }
        let here = folder_ids(commit.tree_id()?.detach())?;
        // a root commit, or the boundary of a shallow clone: compared with nothing
        let parent_tree = match parents.first() {
            Some(p) if !shallow_ids.contains(&info.id) => match repo.find_commit(*p) {
                Ok(pc) => Some(pc.tree_id()?.detach()),
                Err(_) => {
                    // a parent that is not there: the history is cut here
                    h.shallow = true;
                    None
                }
            },
            _ => None,
        };
        let before = match parent_tree {
            Some(t) => folder_ids(t)?,
            None => vec![None; dirs.len()],
        };
        let touched: Vec<usize> = (0..dirs.len()).filter(|&i| here[i] != before[i]).collect();
        if touched.is_empty() {
            continue;
        }
        let author = commit.author()?;
        let name = author.name.to_string().trim().to_string();
        let email = author.email.to_string().trim().to_ascii_lowercase();
        let bot = name.ends_with("[bot]") || email.contains("[bot]@");
        let date = author
            .time()
            .map(|t| t.format_or_unix(gix::date::time::format::SHORT))
            .unwrap_or_default();
        let key = if email.is_empty() {
            format!("name:{name}")
        } else {
            email.clone()
        };
        for i in touched {
            let d = &mut h.per_dir[i];
            d.touching += 1;
            if bot {
                continue;
            }
            // newest first: the first commit seen names the author and dates the latest
            d.authors
                .entry(key.clone())
                .or_insert_with(|| {
                    let (login, email_domain) = identity(&email);
                    Committer {
                        name: name.clone(),
                        login,
                        email_domain,
                        commits: 0,
                        latest: date.clone(),
                    }
                })
                .commits += 1;
        }
    }
    Ok(Some(h))
}

/// What is kept of an author e-mail: the GitHub login of a no-reply address, or the domain.
fn identity(email: &str) -> (Option<String>, Option<String>) {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return (None, None);
    };
    if domain == "users.noreply.github.com" {
        // `12345+login@...` or the older `login@...`
        let login = local.rsplit_once('+').map_or(local, |(_, l)| l);
        return ((!login.is_empty()).then(|| login.to_string()), None);
    }
    if domain.ends_with("noreply.github.com") || domain.is_empty() {
        return (None, None);
    }
    (None, Some(domain.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Codeowners, Vec<String>) {
        let mut errs = Vec::new();
        let c = parse_codeowners("CODEOWNERS", text, &mut |f: &str, r: String| {
            errs.push(format!("{f}: {r}"))
        });
        (c, errs)
    }

    fn owners(c: &Codeowners, file: &str) -> Option<(u32, Vec<String>)> {
        c.owner_of(file).map(|r| (r.line, r.owners))
    }

    #[test]
    fn last_matching_rule_wins_and_folders_own_what_is_beneath() {
        let (c, errs) = parse(
            "# comment\n\
             *       @acme/everyone\n\
             *.py    @py-team  # python\n\
             /packages/weather/ @acme/weather\n\
             docs/*  @writers\n\
             apps    @apps-team\n\
             /packages/weather/vendored.py\n",
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(owners(&c, "README.md").unwrap().1, ["@acme/everyone"]);
        assert_eq!(owners(&c, "tools/x.py").unwrap().1, ["@py-team"]);
        assert_eq!(
            owners(&c, "packages/weather/src/server.py").unwrap(),
            (4, vec!["@acme/weather".to_string()])
        );
        // a rule with no owner leaves the file unowned (the rule is still the one that applies)
        assert_eq!(
            owners(&c, "packages/weather/vendored.py").unwrap(),
            (7, vec![])
        );
        // `docs/*` owns the folder's direct files, not deeper ones
        assert_eq!(owners(&c, "docs/a.md").unwrap().1, ["@writers"]);
        assert_eq!(owners(&c, "docs/deep/a.md").unwrap().1, ["@acme/everyone"]);
        // an unanchored name owns a folder of that name anywhere
        assert_eq!(owners(&c, "x/apps/srv/main.go").unwrap().1, ["@apps-team"]);
    }

    #[test]
    fn malformed_lines_are_errors_with_their_line() {
        let (c, errs) = parse(
            "src/ @ok\n!src/gen/ @nope\nsrc/[ab]/ @nope\nsrc/x/ not-an-owner\nsrc/y/ a@b.io @o/t\n",
        );
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(errs[0].contains("line 2") && errs[0].contains("negation"));
        assert!(errs[1].contains("line 3"));
        assert!(errs[2].contains("line 4") && errs[2].contains("owner 1"));
        assert_eq!(owners(&c, "src/gen/a.ts").unwrap().1, ["@ok"]);
        assert_eq!(owners(&c, "src/y/a.ts").unwrap().1, ["a@b.io", "@o/t"]);
    }

    #[test]
    fn identities_keep_no_address() {
        assert_eq!(
            identity("123+octo-cat@users.noreply.github.com"),
            (Some("octo-cat".into()), None)
        );
        assert_eq!(
            identity("octocat@users.noreply.github.com"),
            (Some("octocat".into()), None)
        );
        assert_eq!(
            identity("jane.doe@acme.com"),
            (None, Some("acme.com".into()))
        );
        assert_eq!(identity(""), (None, None));
    }

    #[test]
    fn escaped_spaces_stay_in_the_pattern() {
        assert_eq!(
            tokenize(r"my\ dir/ @a  @b"),
            vec!["my dir/".to_string(), "@a".into(), "@b".into()]
        );
    }
}
