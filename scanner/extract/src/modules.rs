//! The JS/TS module graph: relative imports, `require`s, re-exports and default exports.
//!
//! Package-wide symbol lookup by bare name breaks on real code where every tool module exports
//! its own `name` / `description` / `default`. Here a name used in a file resolves to the
//! binding *that file* gives it, through its imports, and the value found is closed over the
//! bindings of the module that defines it.

use crate::assemble::SourceFile;
use crate::facts::ModuleLink;
use crate::lang::Lang;
use crate::manifest::{Ecosystem, Manifest};
use crate::value::Value;
use std::cell::Cell;
use std::collections::{HashMap, HashSet};

/// Most nested lookups while closing one value.
const MAX_DEPTH: usize = 8;
/// Most identifier substitutions per top-level lookup (hostile or huge modules).
const MAX_STEPS: usize = 4000;

thread_local! {
    /// Steps of the current `lookup` / `close_in` call on this thread (each call starts at
    /// 0 and runs on one thread): a bound on the work one value can cause.
    static STEPS: Cell<usize> = const { Cell::new(0) };
}

pub struct Modules<'a> {
    /// npm packages of the root: (name, folder), for `@scope/pkg/src/x` imports.
    workspace: Vec<(String, String)>,
    syms: HashMap<&'a str, HashMap<&'a str, &'a Value>>,
    links: HashMap<&'a str, &'a [ModuleLink]>,
    paths: HashSet<&'a str>,
}

fn is_js(lang: Lang) -> bool {
    matches!(lang, Lang::TypeScript | Lang::Tsx | Lang::JavaScript)
}

/// `a/b/../c/./d` → `a/c/d`; None when it leaves the root.
fn normalize(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            s => out.push(s),
        }
    }
    Some(out.join("/"))
}

impl<'a> Modules<'a> {
    pub fn new(files: &'a [SourceFile], manifests: &[Manifest]) -> Modules<'a> {
        let mut syms: HashMap<&str, HashMap<&str, &Value>> = HashMap::new();
        let mut links = HashMap::new();
        let mut paths = HashSet::new();
        for f in files.iter().filter(|f| is_js(f.lang)) {
            let m = syms.entry(f.path.as_str()).or_default();
            for (k, v) in &f.facts.symbols {
                m.entry(k.as_str()).or_insert(v);
            }
            links.insert(f.path.as_str(), f.facts.links.as_slice());
            paths.insert(f.path.as_str());
        }
        Modules {
            workspace: workspace(manifests),
            syms,
            links,
            paths,
        }
    }

    /// Whether `path` is a JS/TS module of this root.
    pub fn has(&self, path: &str) -> bool {
        self.paths.contains(path)
    }

    /// The file a relative module specifier of `from` names, among the parsed files
    /// (`./a.js` → `a.ts`, `./dir` → `dir/index.ts`...).
    pub fn target(&self, from: &str, source: &str) -> Option<&'a str> {
        candidates(from, source, &self.workspace)
            .into_iter()
            .find_map(|c| self.paths.get(c.as_str()).copied())
    }

    /// Whether `name` (its first segment) is bound in module `path` by a symbol or an import.
    pub fn binds(&self, path: &str, name: &str) -> bool {
        let head = name.split('.').next().unwrap_or(name);
        let head = head.strip_suffix("()").unwrap_or(head);
        self.syms.get(path).is_some_and(|s| s.contains_key(head))
            || self
                .links
                .get(path)
                .is_some_and(|ls| ls.iter().any(|l| l.local == head))
    }

    /// The module that defines the value bare `name` is bound to in module `path`.
    pub fn origin(&self, path: &str, name: &str) -> Option<&'a str> {
        self.binding(path, name, 0).map(|(p, _)| p)
    }

    /// The value `name` (possibly dotted: `NS.X`, `TOOLS.search`) has in module `path`,
    /// closed over the bindings of the module that defines it. None when it is not bound
    /// there, or is bound to a module that was not parsed (a package import).
    pub fn lookup(&self, path: &str, name: &str) -> Option<Value> {
        STEPS.with(|c| c.set(0));
        self.lookup_d(path, name, 0)
    }

    fn lookup_d(&self, path: &str, name: &str, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (head, rest) = match name.split_once('.') {
            Some((h, r)) => (h, Some(r)),
            None => (name, None),
        };
        // `import * as NS from "./m"`: `NS.X` is `X` of m
        if let Some(l) = self.link(path, head).filter(|l| l.imported == "*") {
            let t = self.target(path, &l.source)?;
            return self.lookup_d(t, rest?, depth + 1);
        }
        let (def, raw) = self.binding(path, head, depth)?;
        let mut v = self.close(def, raw, depth + 1);
        for seg in rest.into_iter().flat_map(|r| r.split('.')) {
            v = crate::interpret::builder_object(&v)
                .unwrap_or(&v)
                .get(seg)?
                .clone();
        }
        Some(v)
    }

    fn link(&self, path: &str, local: &str) -> Option<&'a ModuleLink> {
        self.links
            .get(path)
            .and_then(|ls| ls.iter().find(|l| l.local == local))
    }

    /// The raw value bound to a bare `name` in module `path`, and the module defining it.
    fn binding(&self, path: &str, name: &str, depth: usize) -> Option<(&'a str, &'a Value)> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (path_key, syms) = self.syms.get_key_value(path)?;
        if let Some(v) = syms.get(name) {
            return Some((path_key, v));
        }
        // `defs()` of an imported `defs`: the return value symbol of the defining module
        let (stem, call) = match name.strip_suffix("()") {
            Some(stem) => (stem, "()"),
            None => (name, ""),
        };
        if let Some(l) = self.link(path, stem) {
            let t = self.target(path, &l.source)?;
            if l.imported == "*" {
                return None; // a namespace is not a value
            }
            return self.binding(t, &format!("{}{call}", l.imported), depth + 1);
        }
        // `export * from "./m"`
        for l in self.links.get(path).into_iter().flat_map(|ls| ls.iter()) {
            if l.local == "*" {
                if let Some(found) = self
                    .target(path, &l.source)
                    .and_then(|t| self.binding(t, name, depth + 1))
                {
                    return Some(found);
                }
            }
        }
        None
    }

    /// `v` closed over the bindings of module `path`, except the names in `keep` (parameters
    /// and loop variables around the code `v` comes from).
    pub fn close_in(&self, path: &str, v: &Value, keep: &[String]) -> Value {
        if !self.has(path) {
            return v.clone();
        }
        STEPS.with(|c| c.set(0));
        self.close_k(path, v, 0, keep)
    }

    fn close(&self, path: &str, v: &Value, depth: usize) -> Value {
        self.close_k(path, v, depth, &[])
    }

    /// Substitute the identifiers of `v` that module `path` binds by their (closed) values.
    /// Callees are kept as written (`z.object`, `tool(...)`) so call shapes stay readable.
    fn close_k(&self, path: &str, v: &Value, depth: usize, keep: &[String]) -> Value {
        let n = STEPS.with(|c| {
            c.set(c.get() + 1);
            c.get()
        });
        if depth > MAX_DEPTH || n > MAX_STEPS {
            return v.clone();
        }
        let close = |x: &Value| self.close_k(path, x, depth, keep);
        match v {
            Value::Ident(p) if keep.iter().any(|k| k == p.split('.').next().unwrap_or(p)) => {
                v.clone()
            }
            Value::Ident(p) if self.binds(path, p) => {
                if let Some(found) = self.lookup_d(path, p, depth + 1) {
                    return found;
                }
                // `params.shape` of a `z.object(...)`: keep the member on the closed head
                match p.split_once('.') {
                    Some((head, rest)) => match self.lookup_d(path, head, depth + 1) {
                        Some(h) => rest
                            .split('.')
                            .fold(h, |b, seg| Value::Member(Box::new(b), seg.to_string())),
                        None => v.clone(),
                    },
                    None => v.clone(),
                }
            }
            Value::Member(b, m) => Value::Member(Box::new(close(b)), m.clone()),
            Value::Array(items) => Value::Array(items.iter().map(close).collect()),
            Value::Object(pairs) => {
                Value::Object(pairs.iter().map(|(k, x)| (k.clone(), close(x))).collect())
            }
            Value::Call { callee, args, .. }
                if args.is_empty()
                    && callee
                        .path()
                        .is_some_and(|p| !p.contains('.') && self.binds(path, p)) =>
            {
                let p = callee.path().unwrap_or_default();
                self.lookup_d(path, &format!("{p}()"), depth + 1)
                    .unwrap_or_else(|| v.clone())
            }
            Value::Call {
                callee,
                args,
                kwargs,
            } => Value::Call {
                callee: callee.clone(),
                args: args.iter().map(close).collect(),
                kwargs: kwargs.iter().map(|(k, x)| (k.clone(), close(x))).collect(),
            },
            Value::Spread(inner) => Value::Spread(Box::new(close(inner))),
            other => other.clone(),
        }
    }
}

/// The npm packages of a root by name: (name, folder).
pub fn workspace(manifests: &[Manifest]) -> Vec<(String, String)> {
    let mut w: Vec<(String, String)> = manifests
        .iter()
        .filter(|m| m.eco == Ecosystem::Npm)
        .filter_map(|m| Some((m.name.clone()?, m.dir.clone())))
        .collect();
    // longest name first: `@repo/a-b` before `@repo/a`
    w.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
    w
}

/// Paths a specifier may name: a relative one, or one into a package of the same root
/// (`@repo/common/src/names` → `packages/common/src/names`); as written, with the TS source
/// extension for an emitted `.js`, with each extension, and as a folder's index.
pub fn candidates(from: &str, source: &str, workspace: &[(String, String)]) -> Vec<String> {
    let relative =
        source.starts_with("./") || source.starts_with("../") || source == "." || source == "..";
    let joined = if relative {
        let dir = from.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        if dir.is_empty() {
            source.to_string()
        } else {
            format!("{dir}/{source}")
        }
    } else {
        let Some((name, dir)) = workspace.iter().find(|(n, _)| {
            source
                .strip_prefix(n.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        }) else {
            return Vec::new();
        };
        let rest = source[name.len()..].trim_start_matches('/');
        if rest.is_empty() {
            // the package itself: its conventional entry points
            let d = |f: &str| {
                if dir.is_empty() {
                    f.to_string()
                } else {
                    format!("{dir}/{f}")
                }
            };
            return [
                "src/index.ts",
                "src/index.js",
                "index.ts",
                "index.js",
                "src/index.mts",
            ]
            .iter()
            .map(|f| d(f))
            .collect();
        }
        if dir.is_empty() {
            rest.to_string()
        } else {
            format!("{dir}/{rest}")
        }
    };
    let Some(base) = normalize(&joined) else {
        return Vec::new();
    };
    const EXTS: &[&str] = &["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"];
    let mut out = vec![base.clone()];
    let stem = ["js", "jsx", "mjs", "cjs"]
        .iter()
        .find_map(|e| base.strip_suffix(&format!(".{e}")));
    if let Some(stem) = stem {
        for e in ["ts", "tsx", "mts", "cts"] {
            out.push(format!("{stem}.{e}"));
        }
    }
    for e in EXTS {
        out.push(format!("{base}.{e}"));
    }
    for e in EXTS {
        out.push(if base.is_empty() {
            format!("index.{e}")
        } else {
            format!("{base}/index.{e}")
        });
    }
    out
}

/// Module files the parsed JS/TS files import and that were not parsed yet: candidate paths
/// (the caller keeps those that exist). A file with registrations or servers contributes the
/// imports of the names its registrations use; any other parsed file (reached for its symbols)
/// contributes all of its relative imports and re-exports. Only the imports of `scope` (some of
/// the parsed `files`) are looked at.
pub fn wanted_paths<'f>(
    scope: impl IntoIterator<Item = &'f SourceFile>,
    files: &[SourceFile],
    manifests: &[Manifest],
) -> std::collections::BTreeSet<String> {
    let ws = workspace(manifests);
    let parsed: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut out = std::collections::BTreeSet::new();
    for f in scope.into_iter().filter(|f| is_js(f.lang)) {
        let follow_all = f.facts.regs.is_empty() && f.facts.servers.is_empty();
        let used: HashSet<String> = if follow_all {
            HashSet::new()
        } else {
            used_names(f)
        };
        for l in &f.facts.links {
            if follow_all || l.local == "*" || used.contains(&l.local) {
                let c = candidates(&f.path, &l.source, &ws);
                if c.iter().any(|p| parsed.contains(p.as_str())) {
                    continue;
                }
                out.extend(c);
            }
        }
    }
    out
}

/// Identifier heads the registrations and servers of a file use, through the file's own
/// symbols (transitively).
fn used_names(f: &SourceFile) -> HashSet<String> {
    let mut work: Vec<String> = Vec::new();
    for r in &f.facts.regs {
        for v in r
            .args
            .iter()
            .chain(r.kwargs.iter().map(|(_, v)| v))
            .chain(r.items.iter())
            .chain(r.loops.iter().map(|l| &l.iter))
        {
            v.heads(true, &mut work);
        }
    }
    for s in &f.facts.servers {
        for v in s.args.iter().chain(s.kwargs.iter().map(|(_, v)| v)) {
            v.heads(true, &mut work);
        }
    }
    let mut seen = HashSet::new();
    while let Some(n) = work.pop() {
        if seen.len() > 10_000 || !seen.insert(n.clone()) {
            continue;
        }
        for (k, v) in &f.facts.symbols {
            if *k == n {
                v.heads(true, &mut work);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specifiers_map_to_source_files() {
        let c = candidates("src/server.ts", "./tools/index.js", &[]);
        assert!(c.contains(&"src/tools/index.ts".to_string()));
        let c = candidates("src/a/b.ts", "../shared", &[]);
        assert!(c.contains(&"src/shared.ts".to_string()));
        assert!(c.contains(&"src/shared/index.ts".to_string()));
        assert!(candidates("src/a.ts", "zod", &[]).is_empty());
        assert!(candidates("a.ts", "../../x", &[]).is_empty());
        let ws = vec![("@repo/common".to_string(), "packages/common".to_string())];
        let c = candidates("apps/x/src/a.ts", "@repo/common/src/names", &ws);
        assert!(c.contains(&"packages/common/src/names.ts".to_string()));
        let c = candidates("apps/x/src/a.ts", "@repo/common", &ws);
        assert!(c.contains(&"packages/common/src/index.ts".to_string()));
        assert!(candidates("apps/x/src/a.ts", "@repo/commons", &ws).is_empty());
    }
}
