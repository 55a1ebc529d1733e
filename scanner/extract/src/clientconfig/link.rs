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
    dir.is_empty() || path == dir || path.starts_with(&format!("{dir}/"))
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

/// Servers of `root` in folder `dir`: those exactly there, else the single one below it.
fn servers_at(servers: &[Server], root: &str, dir: &str) -> Vec<usize> {
    let exact: Vec<usize> = (0..servers.len())
        .filter(|&i| servers[i].root == root && servers[i].dir == dir)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    let below: Vec<usize> = (0..servers.len())
        .filter(|&i| servers[i].root == root && under(dir, &servers[i].dir))
        .collect();
    let dirs: BTreeSet<&str> = below.iter().map(|&i| servers[i].dir.as_str()).collect();
    if dirs.len() == 1 {
        below
    } else {
        Vec::new()
    }
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
fn servers_for_path(servers: &[Server], root: &str, p: &str, strict: bool) -> Vec<usize> {
    let in_root: Vec<usize> = (0..servers.len())
        .filter(|&i| servers[i].root == root)
        .collect();
    // the deepest non-root package folder holding the path
    let best = in_root
        .iter()
        .filter(|&&i| !servers[i].dir.is_empty() && under(&servers[i].dir, p))
        .map(|&i| servers[i].dir.len())
        .max();
    let fits_entry = |i: usize, rel: &str| {
        let s = &servers[i];
        let entry = s
            .entry
            .file
            .strip_prefix(&format!("{}/", s.dir))
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
    let pick = |cands: Vec<usize>, rel_of: &dyn Fn(usize) -> String| -> Vec<usize> {
        let exact: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&i| servers[i].entry.file == p)
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        cands
            .into_iter()
            .filter(|&i| !strict || fits_entry(i, &rel_of(i)))
            .collect()
    };
    if let Some(len) = best {
        let cands: Vec<usize> = in_root
            .iter()
            .copied()
            .filter(|&i| servers[i].dir.len() == len && under(&servers[i].dir, p))
            .collect();
        return pick(cands, &|i| {
            p.strip_prefix(servers[i].dir.as_str())
                .unwrap_or(p)
                .trim_start_matches('/')
                .to_string()
        });
    }
    let cands: Vec<usize> = in_root
        .iter()
        .copied()
        .filter(|&i| servers[i].dir.is_empty())
        .collect();
    let exact: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|&i| servers[i].entry.file == p)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    cands.into_iter().filter(|&i| fits_entry(i, p)).collect()
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
fn path_target(
    servers: &[Server],
    root: &str,
    file: &str,
    manifest: bool,
    target: &str,
) -> Vec<usize> {
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
        return servers_for_path(servers, root, &p, true);
    }
    // an absolute path from someone's machine: the longest tail that names a package folder
    // of this root, or that follows the root's own folder name
    let comps: Vec<&str> = t.split('/').filter(|c| !c.is_empty()).collect();
    let root_base = super::root_name(root);
    for k in 1..comps.len() {
        let tail = comps[k..].join("/");
        let named_root = comps[k - 1] == root_base;
        let found = servers_for_path(servers, root, &tail, true);
        let found: Vec<usize> = found
            .into_iter()
            .filter(|&i| {
                named_root || (!servers[i].dir.is_empty() && under(&servers[i].dir, &tail))
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
    let mut refs: Vec<(usize, bool, ConfigRef)> = Vec::new();
    for cfg in configs.iter_mut().filter(|c| c.kind == "manifest") {
        let dir = parent(&cfg.file).to_string();
        let at = (cfg.root.clone(), cfg.file.clone(), cfg.client.clone());
        for e in cfg.servers.iter_mut() {
            let mut ids: BTreeSet<usize> = BTreeSet::new();
            if let Some(l) = e.launch.as_ref().filter(|l| l.ecosystem == "path") {
                ids.extend(path_target(servers, &at.0, &at.1, true, &l.target));
            }
            if ids.is_empty() {
                ids.extend(servers_at(servers, &at.0, &dir));
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
            e.links = ids.iter().map(|&i| servers[i].id.clone()).collect();
        }
    }
    // client entries → the servers they launch
    for cfg in configs.iter_mut().filter(|c| c.kind == "client") {
        let at = (cfg.root.clone(), cfg.file.clone(), cfg.client.clone());
        for e in cfg.servers.iter_mut() {
            let Some(l) = e.launch.as_ref() else { continue };
            let mut ids: BTreeSet<usize> = BTreeSet::new();
            match l.ecosystem.as_str() {
                "path" => ids.extend(path_target(servers, &at.0, &at.1, false, &l.target)),
                "python-module" => {
                    let m = l.target.split('.').next().unwrap_or(&l.target);
                    if let Some(found) = published.get(&("pypi".to_string(), py_norm(m))) {
                        ids.extend(found);
                    }
                    // a module folder of a package in the same root: src/<m>/..., <m>/...
                    for (i, s) in servers.iter().enumerate() {
                        if s.root == at.0 && s.language == "python" {
                            let in_module = s.entry.file.split('/').any(|c| c == m)
                                || s.entry.file.rsplit('/').next() == Some(&format!("{m}.py"));
                            if in_module {
                                ids.insert(i);
                            }
                        }
                    }
                }
                "binary" => {
                    for (i, s) in servers.iter().enumerate() {
                        let pkg = s.package.as_deref().unwrap_or("");
                        let last = pkg.rsplit('/').next().unwrap_or(pkg);
                        if !pkg.is_empty() && (pkg == l.target || last == l.target) {
                            ids.insert(i);
                        }
                    }
                }
                _ => {
                    if let Some(key) = identity(l) {
                        if let Some(found) = published.get(&key) {
                            ids.extend(found);
                        }
                        if key.0 == "go" {
                            // `go run module/cmd/x`: the module that holds the path
                            for (k, v) in published.range(("go".to_string(), String::new())..) {
                                if k.0 != "go" {
                                    break;
                                }
                                if key.1.starts_with(&format!("{}/", k.1)) {
                                    ids.extend(v);
                                }
                            }
                        }
                        if key.0 == "oci" && ids.is_empty() {
                            // an image named after a server built by a Dockerfile in its folder
                            let name = key.1.rsplit('/').next().unwrap_or(&key.1).to_string();
                            for (i, s) in servers.iter().enumerate() {
                                let pkg = s.package.as_deref().unwrap_or("");
                                let pkg_last =
                                    pkg.rsplit('/').next().unwrap_or(pkg).to_ascii_lowercase();
                                let dir_last =
                                    s.dir.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
                                let named = (!pkg_last.is_empty() && pkg_last == name)
                                    || (!dir_last.is_empty() && dir_last == name);
                                let built = docker_dirs
                                    .iter()
                                    .any(|(r, d)| *r == s.root && under(d, &s.dir));
                                if named && built {
                                    ids.insert(i);
                                }
                            }
                        }
                    }
                }
            }
            for &i in &ids {
                refs.push((i, false, cref(&at, e)));
            }
            e.links = ids.iter().map(|&i| servers[i].id.clone()).collect();
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
}
