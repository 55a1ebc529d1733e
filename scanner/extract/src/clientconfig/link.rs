//! Which scanned server each config entry launches, and which manifests publish each server.
//!
//! A manifest publishes the servers of its own folder (or the one server below it). A client
//! entry launches a server when what it runs is published by the scanned roots: the npm /
//! PyPI / Cargo / Go package a server's manifest names (or a registry `server.json` package in
//! its folder), a container image named by a `server.json` or built by a Dockerfile in the
//! server's folder, a Python module, or a file in the server's package folder (same root).
//! Entries that launch nothing scanned are external servers.

use mcpsweep_model::{Config, ConfigRef, Launch, Server};
use std::collections::{BTreeMap, BTreeSet};

/// Folders (root, dir) holding a Dockerfile, for images named after their server.
pub type DockerDirs = BTreeSet<(String, String)>;

fn parent(file: &str) -> &str {
    file.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

fn under(dir: &str, path: &str) -> bool {
    dir.is_empty()
        || path == dir
        || (path.len() > dir.len() && path.starts_with(dir) && path.as_bytes()[dir.len()] == b'/')
}

fn manifest_name(s: &Server) -> &str {
    s.manifest
        .as_deref()
        .map(|m| m.rsplit('/').next().unwrap_or(m))
        .unwrap_or("")
}

/// PEP 503 normalised.
fn py_norm(n: &str) -> String {
    n.to_ascii_lowercase().replace(['_', '.'], "-")
}

/// Image without registry host, tag or digest: `ghcr.io/acme/x:1` → `acme/x`.
fn image_norm(i: &str) -> String {
    let (repo, _) = super::launch::split_image(i);
    let mut parts: Vec<&str> = repo.split('/').collect();
    if parts.len() > 1
        && (parts[0].contains('.') || parts[0].contains(':') || parts[0] == "localhost")
    {
        parts.remove(0);
    }
    if parts.len() > 1 && parts[0] == "library" {
        parts.remove(0);
    }
    parts.join("/").to_ascii_lowercase()
}

fn identity(l: &Launch) -> Option<(String, String)> {
    let t = match l.ecosystem.as_str() {
        "npm" | "nuget" | "jsr" | "go" => l.target.clone(),
        "pypi" => py_norm(&l.target),
        "cargo" => l.target.replace('_', "-"),
        "oci" => image_norm(&l.target),
        _ => return None,
    };
    Some((l.ecosystem.clone(), t))
}

/// The servers indexed once for linking, so that each config entry costs a few map
/// look-ups rather than a pass over every server.
struct Index<'a> {
    servers: &'a [Server],
    /// root → package folder → servers there (in index order)
    dirs: BTreeMap<&'a str, BTreeMap<&'a str, Vec<usize>>>,
    /// (root, path component of a Python entry file, or its module stem) → servers
    py_modules: BTreeMap<(&'a str, &'a str), BTreeSet<usize>>,
    /// package name and its last `/` segment → servers
    packages: BTreeMap<&'a str, BTreeSet<usize>>,
    /// lower-cased package last segment and folder last segment → servers built by a
    /// Dockerfile in their folder or above it
    built: BTreeMap<String, BTreeSet<usize>>,
}

impl<'a> Index<'a> {
    fn new(servers: &'a [Server], docker_dirs: &DockerDirs) -> Index<'a> {
        let mut ix = Index {
            servers,
            dirs: BTreeMap::new(),
            py_modules: BTreeMap::new(),
            packages: BTreeMap::new(),
            built: BTreeMap::new(),
        };
        for (i, s) in servers.iter().enumerate() {
            ix.dirs
                .entry(s.root.as_str())
                .or_default()
                .entry(s.dir.as_str())
                .or_default()
                .push(i);
            if s.language == "python" {
                let file = s.entry.file.as_str();
                for c in file.split('/') {
                    ix.py_modules.entry((&s.root, c)).or_default().insert(i);
                }
                let last = file.rsplit('/').next().unwrap_or(file);
                if let Some(stem) = last.strip_suffix(".py") {
                    ix.py_modules.entry((&s.root, stem)).or_default().insert(i);
                }
            }
            let pkg = s.package.as_deref().unwrap_or("");
            if !pkg.is_empty() {
                let last = pkg.rsplit('/').next().unwrap_or(pkg);
                ix.packages.entry(pkg).or_default().insert(i);
                ix.packages.entry(last).or_default().insert(i);
            }
            // a Dockerfile in the server's folder or a folder above it
            let built =
                ancestors(&s.dir).any(|d| docker_dirs.contains(&(s.root.clone(), d.to_string())));
            if built {
                let pkg_last = pkg.rsplit('/').next().unwrap_or(pkg).to_ascii_lowercase();
                let dir_last = s.dir.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
                for name in [pkg_last, dir_last] {
                    if !name.is_empty() {
                        ix.built.entry(name).or_default().insert(i);
                    }
                }
            }
        }
        ix
    }

    /// Servers of `root` in folder `dir`: those exactly there, else the single one below it.
    fn servers_at(&self, root: &str, dir: &str) -> Vec<usize> {
        let Some(dirs) = self.dirs.get(root) else {
            return Vec::new();
        };
        if let Some(exact) = dirs.get(dir) {
            return exact.clone();
        }
        // folders below `dir`: `dir/...`, i.e. from `dir/` up to (excluding) `dir0`
        let (lo, hi) = (format!("{dir}/"), format!("{dir}0"));
        let mut below: Box<dyn Iterator<Item = &Vec<usize>>> = if dir.is_empty() {
            Box::new(dirs.values())
        } else {
            Box::new(
                dirs.range::<str, _>((
                    std::ops::Bound::Included(lo.as_str()),
                    std::ops::Bound::Excluded(hi.as_str()),
                ))
                .map(|(_, v)| v),
            )
        };
        match (below.next(), below.next()) {
            (Some(one), None) => one.clone(),
            _ => Vec::new(),
        }
    }
}

/// `a/b/c` → `a/b/c`, `a/b`, `a`, `` (each folder holding the path, the path itself first).
fn ancestors(p: &str) -> impl Iterator<Item = &str> {
    std::iter::once(p)
        .chain(p.rmatch_indices('/').map(move |(i, _)| &p[..i]))
        .chain((!p.is_empty()).then_some(""))
}

/// `a/./b/../c` → `a/c`; `None` when it climbs out of the root.
fn normalise(p: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            c => out.push(c),
        }
    }
    Some(out.join("/"))
}

const BUILD_DIRS: &[&str] = &[
    "build",
    "dist",
    "out",
    "lib",
    "bin",
    "target",
    "src",
    "dist-server",
];

/// Servers of `root` whose package holds root-relative path `p`.
fn servers_for_path(ix: &Index, root: &str, p: &str, strict: bool) -> Vec<usize> {
    let servers = ix.servers;
    let Some(dirs) = ix.dirs.get(root) else {
        return Vec::new();
    };
    let fits_entry = |i: usize, rel: &str| {
        let s = &servers[i];
        let entry = s
            .entry
            .file
            .strip_prefix(s.dir.as_str())
            .and_then(|e| e.strip_prefix('/'))
            .unwrap_or(&s.entry.file);
        let first = |x: &str| x.split('/').next().unwrap_or("").to_string();
        let stem = |x: &str| {
            let f = x.rsplit('/').next().unwrap_or(x);
            f.split('.').next().unwrap_or(f).to_string()
        };
        rel == entry
            || (rel.contains('/')
                && (BUILD_DIRS.contains(&first(rel).as_str())
                    || (entry.contains('/') && first(rel) == first(entry))))
            || (!rel.contains('/') && stem(rel) == stem(entry))
            || rel.is_empty()
    };
    // the deepest non-root package folder holding the path
    if let Some((dir, cands)) = ancestors(p)
        .filter(|d| !d.is_empty())
        .find_map(|d| dirs.get(d).map(|v| (d, v)))
    {
        let exact: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&i| servers[i].entry.file == p)
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        let rel = p.strip_prefix(dir).unwrap_or(p).trim_start_matches('/');
        return cands
            .iter()
            .copied()
            .filter(|&i| !strict || fits_entry(i, rel))
            .collect();
    }
    let Some(cands) = dirs.get("") else {
        return Vec::new();
    };
    let exact: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|&i| servers[i].entry.file == p)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    cands
        .iter()
        .copied()
        .filter(|&i| fits_entry(i, p))
        .collect()
}

/// The folder a client resolves relative paths against: the config's folder, above any
/// dot-folder it sits in (`.vscode/`, `.cursor/`, `.continue/mcpServers/`).
fn workspace(file: &str) -> String {
    let dir = parent(file);
    let parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    match parts.iter().rposition(|p| p.starts_with('.')) {
        Some(i) => parts[..i].join("/"),
        None => dir.to_string(),
    }
}

const PATH_VARS: &[&str] = &[
    "${workspaceFolder}",
    "${workspaceRoot}",
    "${CLAUDE_PLUGIN_ROOT}",
    "${CLAUDE_PROJECT_DIR}",
    "${__dirname}",
    "${PWD}",
    "$PWD",
    "${cwd}",
    "${extensionPath}",
    "${workspaceFolderBasename}",
];

/// Servers launched by a path target.
fn path_target(ix: &Index, root: &str, file: &str, manifest: bool, target: &str) -> Vec<usize> {
    let mut t = target.replace('\\', "/");
    let mut had_var = false;
    for v in PATH_VARS {
        if let Some(rest) = t.strip_prefix(v) {
            t = rest.trim_start_matches('/').to_string();
            had_var = true;
            break;
        }
    }
    if t.starts_with('$') || t.contains("${") {
        return Vec::new();
    }
    let absolute = !had_var
        && (t.starts_with('/') || t.starts_with('~') || t.as_bytes().get(1) == Some(&b':'));
    if !absolute {
        let base = if manifest || had_var && target.contains("__dirname") {
            parent(file).to_string()
        } else {
            workspace(file)
        };
        let Some(p) = normalise(&format!("{base}/{t}")) else {
            return Vec::new();
        };
        return servers_for_path(ix, root, &p, true);
    }
    // an absolute path from someone's machine: the longest tail that names a package folder
    // of this root, or that follows the root's own folder name
    let comps: Vec<&str> = t.split('/').filter(|c| !c.is_empty()).collect();
    let root_base = super::root_name(root);
    for k in 1..comps.len() {
        let tail = comps[k..].join("/");
        let named_root = comps[k - 1] == root_base;
        let found = servers_for_path(ix, root, &tail, true);
        let found: Vec<usize> = found
            .into_iter()
            .filter(|&i| {
                let dir = &ix.servers[i].dir;
                named_root || (!dir.is_empty() && under(dir, &tail))
            })
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// Link configs and servers (all roots at once: a config in one repository may launch a
/// server published by another).
pub fn link(configs: &mut [Config], servers: &mut [Server], docker_dirs: &DockerDirs) {
    // manifests → the servers they publish, and the identities they publish them under
    let mut published: BTreeMap<(String, String), BTreeSet<usize>> = BTreeMap::new();
    for (i, s) in servers.iter().enumerate() {
        let Some(pkg) = s.package.as_deref() else {
            continue;
        };
        let key = match manifest_name(s) {
            "package.json" => ("npm".to_string(), pkg.to_string()),
            "Cargo.toml" => ("cargo".to_string(), pkg.replace('_', "-")),
            "go.mod" => ("go".to_string(), pkg.to_string()),
            n if n == "pyproject.toml"
                || n.starts_with("setup")
                || n.starts_with("requirements") =>
            {
                ("pypi".to_string(), py_norm(pkg))
            }
            _ => continue,
        };
        published.entry(key).or_default().insert(i);
    }
    let ix = Index::new(servers, docker_dirs);
    let mut refs: Vec<(usize, bool, ConfigRef)> = Vec::new();
    for cfg in configs.iter_mut().filter(|c| c.kind == "manifest") {
        let dir = parent(&cfg.file).to_string();
        let at = (cfg.root.clone(), cfg.file.clone(), cfg.client.clone());
        for e in cfg.servers.iter_mut() {
            let mut ids: BTreeSet<usize> = BTreeSet::new();
            if let Some(l) = e.launch.as_ref().filter(|l| l.ecosystem == "path") {
                ids.extend(path_target(&ix, &at.0, &at.1, true, &l.target));
            }
            if ids.is_empty() {
                ids.extend(ix.servers_at(&at.0, &dir));
            }
            if let Some(key) = e.launch.as_ref().and_then(identity) {
                published
                    .entry(key)
                    .or_default()
                    .extend(ids.iter().copied());
            }
            for &i in &ids {
                refs.push((i, true, cref(&at, e)));
            }
            e.links = ids.iter().map(|&i| ix.servers[i].id.clone()).collect();
        }
    }
    // client entries → the servers they launch
    for cfg in configs.iter_mut().filter(|c| c.kind == "client") {
        let at = (cfg.root.clone(), cfg.file.clone(), cfg.client.clone());
        for e in cfg.servers.iter_mut() {
            let Some(l) = e.launch.as_ref() else { continue };
            let mut ids: BTreeSet<usize> = BTreeSet::new();
            match l.ecosystem.as_str() {
                "path" => ids.extend(path_target(&ix, &at.0, &at.1, false, &l.target)),
                "python-module" => {
                    let m = l.target.split('.').next().unwrap_or(&l.target);
                    if let Some(found) = published.get(&("pypi".to_string(), py_norm(m))) {
                        ids.extend(found);
                    }
                    // a module folder of a package in the same root: src/<m>/..., <m>/...
                    if let Some(found) = ix.py_modules.get(&(at.0.as_str(), m)) {
                        ids.extend(found);
                    }
                }
                "binary" => {
                    if let Some(found) = ix.packages.get(l.target.as_str()) {
                        ids.extend(found);
                    }
                }
                _ => {
                    if let Some(key) = identity(l) {
                        if let Some(found) = published.get(&key) {
                            ids.extend(found);
                        }
                        if key.0 == "go" {
                            // `go run module/cmd/x`: the module that holds the path
                            for (at_slash, _) in key.1.match_indices('/') {
                                let module = ("go".to_string(), key.1[..at_slash].to_string());
                                if let Some(v) = published.get(&module) {
                                    ids.extend(v);
                                }
                            }
                        }
                        if key.0 == "oci" && ids.is_empty() {
                            // an image named after a server built by a Dockerfile in its folder
                            let name = key.1.rsplit('/').next().unwrap_or(&key.1);
                            if let Some(found) = ix.built.get(name) {
                                ids.extend(found);
                            }
                        }
                    }
                }
            }
            for &i in &ids {
                refs.push((i, false, cref(&at, e)));
            }
            e.links = ids.iter().map(|&i| ix.servers[i].id.clone()).collect();
        }
    }
    for (i, manifest, r) in refs {
        let list = if manifest {
            &mut servers[i].published_by
        } else {
            &mut servers[i].launched_by
        };
        if !list.contains(&r) {
            list.push(r);
        }
    }
    for s in servers.iter_mut() {
        s.launched_by.sort();
        s.published_by.sort();
    }
}

fn cref(at: &(String, String, String), e: &mcpsweep_model::ConfigServer) -> ConfigRef {
    ConfigRef {
        root: at.0.clone(),
        file: at.1.clone(),
        line: e.line,
        client: at.2.clone(),
        name: e.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_folder() {
        assert_eq!(workspace(".vscode/mcp.json"), "");
        assert_eq!(workspace("app/.cursor/mcp.json"), "app");
        assert_eq!(workspace("app/.continue/mcpServers/x.yaml"), "app");
        assert_eq!(workspace("docs/claude_desktop_config.json"), "docs");
        assert_eq!(normalise("a/./b/../c").as_deref(), Some("a/c"));
        assert_eq!(normalise("../x"), None);
        assert_eq!(image_norm("ghcr.io/acme/x:1.0"), "acme/x");
        assert_eq!(image_norm("docker.io/library/redis"), "redis");
    }

    #[test]
    fn folders_holding_a_path() {
        fn all(p: &str) -> Vec<&str> {
            ancestors(p).collect()
        }
        assert_eq!(all("a/b/c"), ["a/b/c", "a/b", "a", ""]);
        assert_eq!(all(""), [""]);
        assert!(under("", "x") && under("a/b", "a/b") && under("a/b", "a/b/c"));
        assert!(!under("a/b", "a/bc") && !under("a/b", "a") && !under("a/b", "a/b0"));
        // every folder `under` accepts is one `ancestors` yields
        for p in ["a/b/c", "a-b/c", "a/b.c", "x"] {
            for d in ["", "a", "a/b", "a/b/c", "a-b", "a/b.c", "x", "a/b/c/d"] {
                assert_eq!(under(d, p), all(p).contains(&d), "{d} {p}");
            }
        }
    }
}
