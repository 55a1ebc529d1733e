//! Package manifests: which folder is a package, its name and version, and which MCP SDK it
//! depends on at which version. Read as data, never executed (setup.py is scanned as text).

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ecosystem {
    Npm,
    Python,
    Cargo,
    Go,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    /// Path relative to the root.
    pub path: String,
    /// Folder relative to the root (`""` for the root itself).
    pub dir: String,
    pub eco: Ecosystem,
    pub name: Option<String>,
    pub version: Option<String>,
    /// Dependency name → version requirement (as written; `*` when none).
    pub deps: Vec<(String, String)>,
    /// Line of each MCP SDK dependency in the file (1-based).
    pub dep_lines: Vec<(String, u32)>,
    /// A lockfile (`package-lock.json`, `pnpm-lock.yaml`, `yarn.lock`, `uv.lock`,
    /// `poetry.lock`, `Cargo.lock`), not a package manifest: it names no package and makes no
    /// folder a package; `locked` holds the versions it pins.
    pub lock: bool,
    /// Lockfiles: MCP SDK package → the lowest version the lockfile pins.
    pub locked: Vec<(String, String)>,
}

/// Lockfiles by file name.
pub fn lock_ecosystem_of(file_name: &str) -> Option<Ecosystem> {
    match file_name {
        "package-lock.json" | "npm-shrinkwrap.json" | "pnpm-lock.yaml" | "yarn.lock" => {
            Some(Ecosystem::Npm)
        }
        "uv.lock" | "poetry.lock" | "pdm.lock" => Some(Ecosystem::Python),
        "Cargo.lock" => Some(Ecosystem::Cargo),
        _ => None,
    }
}

/// Server-side SDK packages per ecosystem, and the SDK id the model reports for each.
pub const SDK_PACKAGES: &[(Ecosystem, &str, &str)] = &[
    (
        Ecosystem::Npm,
        "@modelcontextprotocol/sdk",
        "@modelcontextprotocol/sdk",
    ),
    (
        Ecosystem::Npm,
        "@modelcontextprotocol/server",
        "@modelcontextprotocol/server",
    ),
    (Ecosystem::Npm, "fastmcp", "fastmcp"),
    (Ecosystem::Npm, "agents", "agents"),
    (Ecosystem::Npm, "mcp-handler", "mcp-handler"),
    (Ecosystem::Npm, "@vercel/mcp-adapter", "mcp-handler"),
    (Ecosystem::Python, "mcp", "mcp"),
    (Ecosystem::Python, "fastmcp", "fastmcp"),
    (Ecosystem::Cargo, "rmcp", "rmcp"),
    (
        Ecosystem::Go,
        "github.com/mark3labs/mcp-go",
        "mark3labs/mcp-go",
    ),
    (
        Ecosystem::Go,
        "github.com/modelcontextprotocol/go-sdk",
        "modelcontextprotocol/go-sdk",
    ),
];

pub fn ecosystem_of(file_name: &str) -> Option<Ecosystem> {
    match file_name {
        "package.json" => Some(Ecosystem::Npm),
        "pyproject.toml" | "setup.py" | "setup.cfg" => Some(Ecosystem::Python),
        "Cargo.toml" => Some(Ecosystem::Cargo),
        "go.mod" => Some(Ecosystem::Go),
        n if n.starts_with("requirements") && n.ends_with(".txt") => Some(Ecosystem::Python),
        n => lock_ecosystem_of(n),
    }
}

/// Parse a manifest. Errors name what was wrong (the caller adds the file).
pub fn parse(path: &str, bytes: &[u8]) -> Result<Manifest, String> {
    let file_name = path.rsplit('/').next().unwrap_or(path);
    let eco = ecosystem_of(file_name).ok_or("not a manifest")?;
    let dir = path
        .rsplit_once('/')
        .map(|(d, _)| d)
        .unwrap_or("")
        .to_string();
    let text = std::str::from_utf8(bytes).map_err(|e| format!("invalid UTF-8: {e}"))?;
    let mut m = Manifest {
        path: path.to_string(),
        dir,
        eco,
        name: None,
        version: None,
        deps: Vec::new(),
        dep_lines: Vec::new(),
        lock: lock_ecosystem_of(file_name).is_some(),
        locked: Vec::new(),
    };
    if m.lock {
        m.locked = locked_versions(file_name, text)?;
        return Ok(m);
    }
    match file_name {
        "package.json" => {
            let v: serde_json::Value =
                serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
            m.name = v.get("name").and_then(|n| n.as_str()).map(String::from);
            m.version = v.get("version").and_then(|n| n.as_str()).map(String::from);
            for key in [
                "dependencies",
                "devDependencies",
                "peerDependencies",
                "optionalDependencies",
            ] {
                if let Some(obj) = v.get(key).and_then(|d| d.as_object()) {
                    for (k, val) in obj {
                        m.deps
                            .push((k.clone(), val.as_str().unwrap_or("*").to_string()));
                    }
                }
            }
        }
        "pyproject.toml" => {
            let v: toml::Table = text.parse().map_err(|e| format!("invalid TOML: {e}"))?;
            let project = v.get("project");
            let poetry = v.get("tool").and_then(|t| t.get("poetry"));
            m.name = project
                .or(poetry)
                .and_then(|p| p.get("name"))
                .and_then(|n| n.as_str())
                .map(String::from);
            m.version = project
                .or(poetry)
                .and_then(|p| p.get("version"))
                .and_then(|n| n.as_str())
                .map(String::from);
            if let Some(deps) = project
                .and_then(|p| p.get("dependencies"))
                .and_then(|d| d.as_array())
            {
                for d in deps.iter().filter_map(|d| d.as_str()) {
                    m.deps.extend(pep508(d));
                }
            }
            if let Some(groups) = project
                .and_then(|p| p.get("optional-dependencies"))
                .and_then(|d| d.as_table())
            {
                for d in groups.values().filter_map(|g| g.as_array()).flatten() {
                    m.deps.extend(d.as_str().and_then(pep508));
                }
            }
            if let Some(deps) = poetry
                .and_then(|p| p.get("dependencies"))
                .and_then(|d| d.as_table())
            {
                for (k, val) in deps {
                    let spec = match val {
                        toml::Value::String(s) => s.clone(),
                        toml::Value::Table(t) => t
                            .get("version")
                            .and_then(|v| v.as_str())
                            .unwrap_or("*")
                            .to_string(),
                        _ => "*".into(),
                    };
                    m.deps.push((k.to_lowercase(), spec));
                }
            }
        }
        "setup.py" | "setup.cfg" => {
            // Never executed: quoted strings and `key = value` lines that look like
            // requirements are read as text.
            for s in quoted_strings(text) {
                if let Some(d) = pep508(&s) {
                    if SDK_PACKAGES
                        .iter()
                        .any(|(e, n, _)| *e == Ecosystem::Python && *n == d.0)
                    {
                        m.deps.push(d);
                    }
                }
            }
            for line in text.lines() {
                let l = line.trim();
                if let Some(rest) = l.strip_prefix("name").map(str::trim_start) {
                    if let Some(v) = rest.strip_prefix('=') {
                        let v = v.trim().trim_matches(['"', '\'', ',']).trim();
                        if !v.is_empty() && m.name.is_none() {
                            m.name = Some(v.to_string());
                        }
                    }
                }
                if let Some(rest) = l.strip_prefix("version").map(str::trim_start) {
                    if let Some(v) = rest.strip_prefix('=') {
                        let v = v.trim().trim_end_matches(',').trim();
                        // only a literal: `version=get_version()` is not one
                        let lit = v
                            .strip_prefix(['"', '\''])
                            .and_then(|v| v.strip_suffix(['"', '\'']));
                        if let Some(lit) = lit.filter(|l| !l.is_empty()) {
                            m.version = m.version.take().or(Some(lit.to_string()));
                        }
                    }
                }
                if file_name == "setup.cfg" {
                    if let Some(d) = pep508(l) {
                        if SDK_PACKAGES
                            .iter()
                            .any(|(e, n, _)| *e == Ecosystem::Python && *n == d.0)
                        {
                            m.deps.push(d);
                        }
                    }
                }
            }
        }
        n if n.starts_with("requirements") => {
            for line in text.lines() {
                let l = line.split('#').next().unwrap_or("").trim();
                if l.is_empty() || l.starts_with('-') {
                    continue;
                }
                m.deps.extend(pep508(l));
            }
        }
        "Cargo.toml" => {
            let v: toml::Table = text.parse().map_err(|e| format!("invalid TOML: {e}"))?;
            let pkg = v.get("package");
            m.name = pkg
                .and_then(|p| p.get("name"))
                .and_then(|n| n.as_str())
                .map(String::from);
            m.version = pkg
                .and_then(|p| p.get("version"))
                .and_then(|n| n.as_str())
                .map(String::from);
            let tables = [
                v.get("dependencies"),
                v.get("dev-dependencies"),
                v.get("workspace").and_then(|w| w.get("dependencies")),
            ];
            for t in tables.into_iter().flatten().filter_map(|t| t.as_table()) {
                for (k, val) in t {
                    let spec = match val {
                        toml::Value::String(s) => s.clone(),
                        toml::Value::Table(t) => t
                            .get("version")
                            .and_then(|v| v.as_str())
                            .map(String::from)
                            .or_else(|| t.get("workspace").map(|_| "workspace".to_string()))
                            .or_else(|| t.get("git").map(|_| "git".to_string()))
                            .unwrap_or_else(|| "*".into()),
                        _ => "*".into(),
                    };
                    let name = match val {
                        toml::Value::Table(t) => t
                            .get("package")
                            .and_then(|p| p.as_str())
                            .unwrap_or(k)
                            .to_string(),
                        _ => k.clone(),
                    };
                    m.deps.push((name, spec));
                }
            }
        }
        "go.mod" => {
            let mut in_block = false;
            let mut in_replace = false;
            // `replace mod => ../local/path`: the module is built from that folder (an SDK's
            // own examples use the SDK's source), not at the required version
            let mut local: Vec<String> = Vec::new();
            for line in text.lines() {
                let l = line.split("//").next().unwrap_or("").trim();
                let rep = if in_replace {
                    Some(l)
                } else {
                    l.strip_prefix("replace ")
                };
                if let Some((from, to)) = rep.and_then(|r| r.split_once("=>")) {
                    let to = to.trim();
                    if to.starts_with('.') || to.starts_with('/') {
                        local.extend(from.split_whitespace().next().map(String::from));
                    }
                    continue;
                }
                if let Some(rest) = l.strip_prefix("module ") {
                    m.name = Some(rest.trim().trim_matches('"').to_string());
                } else if l.starts_with("replace (") || l == "replace(" {
                    in_replace = true;
                } else if in_replace && l == ")" {
                    in_replace = false;
                } else if l.starts_with("require (") || l == "require(" {
                    in_block = true;
                } else if in_block && l == ")" {
                    in_block = false;
                } else {
                    let req = if in_block {
                        Some(l)
                    } else {
                        l.strip_prefix("require ")
                    };
                    if let Some(req) = req {
                        let mut parts = req.split_whitespace();
                        if let (Some(name), Some(ver)) = (parts.next(), parts.next()) {
                            m.deps.push((name.to_string(), ver.to_string()));
                        }
                    }
                }
            }
            for (name, ver) in m.deps.iter_mut() {
                if local.contains(name) {
                    *ver = "local".into();
                }
            }
        }
        _ => {}
    }
    m.deps.sort();
    m.deps.dedup();
    m.dep_lines = SDK_PACKAGES
        .iter()
        .filter(|(e, n, _)| *e == eco && m.deps.iter().any(|(d, _)| d == n))
        .filter_map(|(_, n, _)| Some((n.to_string(), dep_line(text, n, eco)?)))
        .collect();
    Ok(m)
}

/// The line a dependency is declared on: the first line naming it as a dependency
/// (`"@modelcontextprotocol/sdk": "^1.2"`, `"mcp>=1.9"`, `mcp = "^1.9"`, `rmcp = {..}`,
/// `github.com/mark3labs/mcp-go v0.30.0`).
fn dep_line(text: &str, name: &str, eco: Ecosystem) -> Option<u32> {
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || "-_./@".contains(c);
    text.lines().enumerate().find_map(|(i, line)| {
        let l = line.trim_start();
        let hit = match eco {
            Ecosystem::Npm => l.starts_with(&format!("\"{name}\"")),
            Ecosystem::Go => l
                .strip_prefix("require ")
                .unwrap_or(l)
                .trim_start()
                .strip_prefix(name)
                .is_some_and(|r| r.starts_with([' ', '\t'])),
            Ecosystem::Python | Ecosystem::Cargo => {
                // `"mcp>=1"`, `'mcp[cli]'`, `mcp = "1"`, `mcp>=1` (requirements)
                let body = l.trim_start_matches(['"', '\'', '-', ' ']);
                body.strip_prefix(name)
                    .is_some_and(|r| !r.starts_with(is_name_char))
                    && !l.starts_with('#')
                    && !l.starts_with("name")
            }
        };
        hit.then_some(i as u32 + 1)
    })
}

/// The versions a lockfile pins for the MCP SDK packages of its ecosystem (the lowest when it
/// pins several).
fn locked_versions(file_name: &str, text: &str) -> Result<Vec<(String, String)>, String> {
    let eco = lock_ecosystem_of(file_name).ok_or("not a lockfile")?;
    let names: Vec<&str> = SDK_PACKAGES
        .iter()
        .filter(|(e, ..)| *e == eco)
        .map(|(_, n, _)| *n)
        .collect();
    let mut found: Vec<(String, String)> = Vec::new();
    match file_name {
        "package-lock.json" | "npm-shrinkwrap.json" => {
            let v: serde_json::Value =
                serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
            // lockfileVersion 2/3: "packages": {"node_modules/<name>": {"version": ..}}
            if let Some(pkgs) = v.get("packages").and_then(|p| p.as_object()) {
                for (k, p) in pkgs {
                    for n in &names {
                        let tail = format!("node_modules/{n}");
                        if k == &tail || k.ends_with(&format!("/{tail}")) {
                            if let Some(ver) = p.get("version").and_then(|x| x.as_str()) {
                                found.push((n.to_string(), ver.to_string()));
                            }
                        }
                    }
                }
            }
            // lockfileVersion 1: "dependencies": {"<name>": {"version": ..}}
            if let Some(deps) = v.get("dependencies").and_then(|p| p.as_object()) {
                for n in &names {
                    if let Some(ver) = deps
                        .get(*n)
                        .and_then(|d| d.get("version"))
                        .and_then(|x| x.as_str())
                    {
                        found.push((n.to_string(), ver.to_string()));
                    }
                }
            }
        }
        "pnpm-lock.yaml" => {
            // package keys: `/@scope/name@1.2.3:` (v6), `'@scope/name@1.2.3':` or
            // `name@1.2.3(peer@x):` (v9)
            for line in text.lines() {
                let l = line
                    .trim()
                    .trim_start_matches('/')
                    .trim_start_matches(['\'', '"']);
                for n in &names {
                    if let Some(rest) = l.strip_prefix(&format!("{n}@")) {
                        let ver: String = rest
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || ".-+".contains(*c))
                            .collect();
                        if ver.starts_with(|c: char| c.is_ascii_digit()) && l.ends_with(':') {
                            found.push((n.to_string(), ver));
                        }
                    }
                }
            }
        }
        "yarn.lock" => {
            // `"@scope/name@^1.2.0", "@scope/name@npm:^1.3":` then `  version "1.3.0"`
            // (classic) or `  version: 1.3.0` (berry)
            let mut current: Option<&str> = None;
            for line in text.lines() {
                if !line.starts_with(' ') && !line.is_empty() {
                    let head = line.trim_start_matches('"');
                    current = names
                        .iter()
                        .find(|n| head.starts_with(&format!("{n}@")))
                        .copied();
                } else if let Some(n) = current {
                    let l = line.trim();
                    if let Some(v) = l.strip_prefix("version") {
                        let v = v.trim_start_matches(':').trim().trim_matches('"');
                        found.push((n.to_string(), v.to_string()));
                        current = None;
                    }
                }
            }
        }
        _ => {
            // uv.lock, poetry.lock, pdm.lock, Cargo.lock: [[package]] name / version
            let v: toml::Table = text.parse().map_err(|e| format!("invalid TOML: {e}"))?;
            for p in v
                .get("package")
                .and_then(|p| p.as_array())
                .into_iter()
                .flatten()
            {
                let (Some(n), Some(ver)) = (
                    p.get("name").and_then(|x| x.as_str()),
                    p.get("version").and_then(|x| x.as_str()),
                ) else {
                    continue;
                };
                if names.contains(&n) {
                    found.push((n.to_string(), ver.to_string()));
                }
            }
        }
    }
    // the lowest version pinned for each package
    let key = |v: &str| -> Vec<u64> {
        v.split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .take(3)
            .map(|p| p.parse().unwrap_or(0))
            .collect()
    };
    found.sort_by(|a, b| (&a.0, key(&a.1)).cmp(&(&b.0, key(&b.1))));
    found.dedup_by(|a, b| a.0 == b.0);
    Ok(found)
}

/// A PEP 508 requirement → (normalised name, version spec or `*`).
fn pep508(s: &str) -> Option<(String, String)> {
    let s = s.trim();
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
        .unwrap_or(s.len());
    let name = &s[..end];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    let mut rest = s[end..].trim();
    if rest.starts_with('[') {
        rest = rest.split_once(']').map(|(_, r)| r).unwrap_or("").trim();
    }
    let spec = rest.split(';').next().unwrap_or("").trim();
    if !spec.is_empty() && !spec.starts_with(['=', '<', '>', '~', '!', '(', '@']) {
        return None;
    }
    let spec = if spec.is_empty() { "*" } else { spec };
    Some((name.to_lowercase().replace('_', "-"), spec.to_string()))
}

fn quoted_strings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' || b[i] == b'\'' {
            let q = b[i];
            if let Some(end) = b[i + 1..].iter().position(|c| *c == q || *c == b'\n') {
                if b[i + 1 + end] == q {
                    out.push(text[i + 1..i + 1 + end].to_string());
                }
                i += end + 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

impl Manifest {
    /// The SDK this manifest depends on (first in [`SDK_PACKAGES`] order), with its version.
    pub fn sdk(&self) -> Option<(&'static str, String)> {
        SDK_PACKAGES.iter().find_map(|(eco, pkg, sdk)| {
            if *eco != self.eco {
                return None;
            }
            self.deps
                .iter()
                .find(|(n, _)| n == pkg)
                .map(|(_, v)| (*sdk, v.clone()))
        })
    }

    /// Version requirement of one SDK in this manifest.
    pub fn sdk_version(&self, sdk: &str) -> Option<String> {
        SDK_PACKAGES
            .iter()
            .filter(|(eco, _, s)| *eco == self.eco && *s == sdk)
            .find_map(|(_, pkg, _)| {
                self.deps
                    .iter()
                    .find(|(n, _)| n == pkg)
                    .map(|(_, v)| v.clone())
            })
    }

    pub fn depends_on(&self, name: &str) -> bool {
        self.deps.iter().any(|(n, _)| n == name)
    }
}

/// Cargo workspace inheritance: a dependency written `dep = { workspace = true }` takes the
/// version of the nearest enclosing `Cargo.toml` that declares it (its
/// `[workspace.dependencies]`).
pub fn inherit_workspace_versions(manifests: &[Manifest]) -> Vec<Manifest> {
    let mut out = manifests.to_vec();
    for m in out.iter_mut().filter(|m| m.eco == Ecosystem::Cargo) {
        for (name, spec) in m.deps.iter_mut().filter(|(_, s)| s == "workspace") {
            let found = manifests
                .iter()
                .filter(|w| {
                    w.eco == Ecosystem::Cargo
                        && (w.dir.is_empty()
                            || m.dir == w.dir
                            || m.dir.starts_with(&format!("{}/", w.dir)))
                })
                .filter_map(|w| {
                    let v = w.deps.iter().find(|(n, v)| n == name && v != "workspace")?;
                    Some((w.dir.len(), v.1.clone()))
                })
                .max_by_key(|(len, _)| *len);
            if let Some((_, v)) = found {
                *spec = v;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pep508_forms() {
        assert_eq!(
            pep508("mcp[cli]>=1.2.0"),
            Some(("mcp".into(), ">=1.2.0".into()))
        );
        assert_eq!(pep508("fastmcp"), Some(("fastmcp".into(), "*".into())));
        assert_eq!(
            pep508("httpx==0.27; python_version>'3.8'"),
            Some(("httpx".into(), "==0.27".into()))
        );
        assert_eq!(pep508("# comment"), None);
    }

    #[test]
    fn go_mod_requires() {
        let m = parse(
            "svc/go.mod",
            b"module example.com/svc\n\ngo 1.22\n\nrequire (\n\tgithub.com/mark3labs/mcp-go v0.32.0\n\tgolang.org/x/net v0.1.0 // indirect\n)\nrequire github.com/modelcontextprotocol/go-sdk v1.0.0\n",
        )
        .unwrap();
        assert_eq!(m.dir, "svc");
        assert_eq!(m.name.as_deref(), Some("example.com/svc"));
        assert_eq!(m.sdk(), Some(("mark3labs/mcp-go", "v0.32.0".into())));
        assert_eq!(
            m.sdk_version("modelcontextprotocol/go-sdk").as_deref(),
            Some("v1.0.0")
        );
    }

    #[test]
    fn cargo_workspace_versions_are_inherited() {
        let root = parse(
            "Cargo.toml",
            b"[workspace]\nmembers = [\"crates/*\"]\n[workspace.dependencies]\nrmcp = { version = \"0.9.1\", features = [\"server\"] }\n",
        )
        .unwrap();
        let member = parse(
            "crates/srv/Cargo.toml",
            b"[package]\nname = \"srv\"\n[dependencies]\nrmcp = { workspace = true }\n",
        )
        .unwrap();
        assert_eq!(member.sdk_version("rmcp").as_deref(), Some("workspace"));
        let ms = inherit_workspace_versions(&[root, member]);
        assert_eq!(ms[1].sdk_version("rmcp").as_deref(), Some("0.9.1"));
    }

    #[test]
    fn lockfiles_pin_the_lowest_version() {
        let locked = |name: &str, text: &str| parse(name, text.as_bytes()).unwrap().locked;
        let pnpm = "packages:\n\n  '@modelcontextprotocol/sdk@1.25.1':\n    resolution: {}\n\n  /@modelcontextprotocol/sdk@1.12.0:\n    resolution: {}\n";
        assert_eq!(
            locked("pnpm-lock.yaml", pnpm),
            [(
                "@modelcontextprotocol/sdk".to_string(),
                "1.12.0".to_string()
            )]
        );
        let yarn = "\"@modelcontextprotocol/sdk@^1.12.1\":\n  version \"1.26.0\"\n  resolved \"x\"\n\nzod@^3:\n  version \"3.0.0\"\n";
        assert_eq!(
            locked("yarn.lock", yarn),
            [(
                "@modelcontextprotocol/sdk".to_string(),
                "1.26.0".to_string()
            )]
        );
        let cargo = "version = 3\n\n[[package]]\nname = \"rmcp\"\nversion = \"0.6.0\"\n\n[[package]]\nname = \"tokio\"\nversion = \"1.0.0\"\n";
        assert_eq!(
            locked("Cargo.lock", cargo),
            [("rmcp".to_string(), "0.6.0".to_string())]
        );
        let npm = r#"{"lockfileVersion": 3, "packages": {"": {}, "node_modules/@modelcontextprotocol/sdk": {"version": "1.26.0"}, "node_modules/x/node_modules/@modelcontextprotocol/sdk": {"version": "1.11.0"}}}"#;
        assert_eq!(
            locked("package-lock.json", npm),
            [(
                "@modelcontextprotocol/sdk".to_string(),
                "1.11.0".to_string()
            )]
        );
        let m = parse(
            "uv.lock",
            b"version = 1\n[[package]]\nname = \"mcp\"\nversion = \"1.29.0\"\n",
        )
        .unwrap();
        assert!(m.lock && m.name.is_none() && m.deps.is_empty());
        assert_eq!(m.locked, [("mcp".to_string(), "1.29.0".to_string())]);
    }

    #[test]
    fn sdk_dependency_lines() {
        let py = "[project]\nname = \"mcp-notes\"\ndependencies = [\n  \"mcp-server-git>=1\",\n  \"mcp[cli]>=1.9.0\",\n]\n";
        let m = parse("pyproject.toml", py.as_bytes()).unwrap();
        assert_eq!(m.dep_lines, [("mcp".to_string(), 5)]);
        let js = "{\n  \"name\": \"x\",\n  \"dependencies\": {\n    \"@modelcontextprotocol/sdk\": \"^1.2.0\"\n  }\n}\n";
        let m = parse("package.json", js.as_bytes()).unwrap();
        assert_eq!(m.dep_lines, [("@modelcontextprotocol/sdk".to_string(), 4)]);
        let go = "module x\n\nrequire (\n\tgithub.com/mark3labs/mcp-go v0.40.0\n)\n";
        let m = parse("go.mod", go.as_bytes()).unwrap();
        assert_eq!(
            m.dep_lines,
            [("github.com/mark3labs/mcp-go".to_string(), 4)]
        );
        // built from a local folder: no version to compare
        let go = format!("{go}\nreplace github.com/mark3labs/mcp-go => ../../\n");
        let m = parse("go.mod", go.as_bytes()).unwrap();
        assert_eq!(m.sdk_version("mark3labs/mcp-go").as_deref(), Some("local"));
    }

    #[test]
    fn bad_json_names_the_problem() {
        let e = parse("package.json", b"{ \"name\": ").unwrap_err();
        assert!(e.starts_with("invalid JSON"), "{e}");
    }
}
