//! Facts of one root → servers. A server is an SDK server object (or wrapper) plus what is
//! registered on it. Files are grouped into packages by their nearest manifest; names are
//! resolved through the package's symbols; registrations attach to the server object they are
//! called on, else to the package's server, else to a server in the same root whose package
//! depends on this one; a package with registrations and no server object still yields a
//! server (`kind: registrations-only`) so that no tool is lost.

use crate::facts::{FileFacts, RegFact, ServerFact};
use crate::interpret::{
    go_callee_name, go_wrapper_of, interpret, interpret_go_wrapper_call, str_of, Draft, GoWrapper,
    Resolver, What,
};
use crate::lang::Lang;
use crate::manifest::{Ecosystem, Manifest};
use crate::modules::Modules;
use crate::mutates;
use crate::sdk::{self, Role};
use crate::value::Value;
use mcpsweep_model::{Location, Prompt, Resource, Server, Tool, Unresolved};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub struct SourceFile {
    /// Path relative to the root, forward slashes.
    pub path: String,
    pub lang: Lang,
    pub facts: FileFacts,
}

pub struct Assembled {
    pub servers: Vec<Server>,
    pub unresolved: Vec<Unresolved>,
}

/// Where a server's SDK dependency is declared (the manifest line) and the version the nearest
/// lockfile of its package or workspace pins.
fn sdk_dependency(
    s: &Server,
    key: &PackageKey,
    pkg_manifest: &HashMap<PackageKey, Vec<&Manifest>>,
    manifests: &[Manifest],
) -> Option<mcpsweep_model::SdkDependency> {
    let pkg = crate::manifest::SDK_PACKAGES
        .iter()
        .find(|(e, _, id)| *e == key.1 && *id == s.sdk)
        .map(|(_, n, _)| *n)?;
    let ms = pkg_manifest.get(key)?;
    let declaring = ms
        .iter()
        .find(|m| m.deps.iter().any(|(n, _)| n == pkg))
        .or_else(|| ms.first())?;
    let line = declaring
        .dep_lines
        .iter()
        .find(|(n, _)| n == pkg)
        .map_or(1, |(_, l)| *l);
    let within =
        |dir: &str| dir.is_empty() || key.0 == dir || key.0.starts_with(&format!("{dir}/"));
    let lock = manifests
        .iter()
        .filter(|m| m.lock && m.eco == key.1 && within(&m.dir))
        .filter_map(|m| {
            let v = m.locked.iter().find(|(n, _)| n == pkg)?;
            Some((m.dir.len(), m.path.clone(), v.1.clone()))
        })
        .max_by_key(|(len, ..)| *len);
    Some(mcpsweep_model::SdkDependency {
        file: declaring.path.clone(),
        line,
        locked_version: lock.as_ref().map(|l| l.2.clone()),
        lockfile: lock.map(|l| l.1),
    })
}

/// The language a server's `language` names (its family: TypeScript for JS too).
fn lang_of(language: &str) -> Lang {
    match language {
        "python" => Lang::Python,
        "rust" => Lang::Rust,
        "go" => Lang::Go,
        _ => Lang::TypeScript,
    }
}

fn eco_of(lang: Lang) -> Ecosystem {
    match lang {
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => Ecosystem::Npm,
        Lang::Python => Ecosystem::Python,
        Lang::Rust => Ecosystem::Cargo,
        Lang::Go => Ecosystem::Go,
    }
}

/// The nearest manifest of the file's ecosystem: (package dir, manifests in that dir).
fn package_of<'m>(
    path: &str,
    eco: Ecosystem,
    by_dir: &'m BTreeMap<String, Vec<&Manifest>>,
) -> (String, Vec<&'m Manifest>) {
    let mut dir = path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    loop {
        if let Some(ms) = by_dir.get(dir) {
            let mine: Vec<&Manifest> = ms.iter().copied().filter(|m| m.eco == eco).collect();
            if !mine.is_empty() {
                return (dir.to_string(), mine);
            }
        }
        if dir.is_empty() {
            return (String::new(), Vec::new());
        }
        dir = dir.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    }
}

struct PkgResolver<'a> {
    file: &'a HashMap<&'a str, &'a Value>,
    pkg: &'a HashMap<&'a str, &'a Value>,
    depth: Cell<usize>,
    /// JS/TS: the module graph and this file's path in it. Names are looked up in the file,
    /// then through its imports, then package-wide.
    modules: Option<(&'a Modules<'a>, &'a str)>,
}

/// First definition of each symbol name in these files (files are in path order).
fn symbol_map<'f>(files: &[&'f SourceFile]) -> HashMap<&'f str, &'f Value> {
    let mut h = HashMap::new();
    for f in files {
        for (k, v) in &f.facts.symbols {
            h.entry(k.as_str()).or_insert(v);
        }
    }
    h
}

impl<'a> PkgResolver<'a> {
    /// The resolver for one file of a package.
    fn new(
        file: &'a HashMap<&'a str, &'a Value>,
        pkg: &'a HashMap<&'a str, &'a Value>,
        modules: &'a Modules<'a>,
        path: &'a str,
    ) -> Self {
        PkgResolver {
            file,
            pkg,
            depth: Cell::new(0),
            modules: modules.has(path).then_some((modules, path)),
        }
    }
}

impl PkgResolver<'_> {
    /// Member `m` of a value; in JS/TS also of a builder call's definition
    /// (`defineTool({ name: "x" }).name`).
    fn member_of(&self, v: &Value, m: &str) -> Option<Value> {
        let v = match crate::interpret::builder_object(v) {
            Some(o) if self.modules.is_some() => o,
            _ => v,
        };
        v.get(m).cloned()
    }

    fn lookup(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.file.get(name) {
            return Some((*v).clone());
        }
        if let Some((m, path)) = self.modules {
            if m.binds(path, name) {
                if let Some(v) = m.lookup(path, name) {
                    return Some(v);
                }
            }
        }
        if let Some(v) = self.pkg.get(name) {
            return Some((*v).clone());
        }
        // Rust paths `crate::names::TOOL`, `Self::NAME`: items are keyed by their own name.
        if let Some((_, last)) = name.rsplit_once("::") {
            if !last.contains('.') {
                return self
                    .file
                    .get(last)
                    .or_else(|| self.pkg.get(last))
                    .map(|v| (*v).clone());
            }
        }
        // `A.B.C`: resolve `A`, then walk members of an object literal.
        let (head, rest) = name.split_once('.')?;
        match self.lookup(head) {
            Some(mut v) => {
                for seg in rest.split('.') {
                    let rv = self.resolve(&v);
                    v = self.member_of(&rv, seg)?;
                }
                Some(v)
            }
            // `module.NAME` / `self.NAME` where the head is an import or an instance. Not in
            // JS/TS, where imports are followed: there `tool.name` is some object's field.
            None if self.modules.is_some() => None,
            None => {
                // the file's own definition first (`self.method` of a class in this file)
                let last = rest.rsplit('.').next()?;
                self.file
                    .get(last)
                    .or_else(|| self.pkg.get(last))
                    .map(|v| (*v).clone())
            }
        }
    }
}

impl Resolver for PkgResolver<'_> {
    fn resolve(&self, v: &Value) -> Value {
        let d = self.depth.get();
        if d > 12 {
            return v.clone();
        }
        self.depth.set(d + 1);
        let out = match v {
            Value::Ident(name) => match self.lookup(name) {
                Some(found) if &found != v => self.resolve(&found),
                _ => v.clone(),
            },
            // JS/TS `defs()`: the literal a function without parameters returns
            Value::Call { callee, args, .. }
                if args.is_empty() && self.modules.is_some() && callee.path().is_some() =>
            {
                match callee.path().and_then(|p| self.lookup(&format!("{p}()"))) {
                    Some(found) => self.resolve(&found),
                    None => v.clone(),
                }
            }
            Value::Member(base, m) => match self.member_of(&self.resolve(base), m) {
                Some(found) => self.resolve(&found),
                None => v.clone(),
            },
            _ => v.clone(),
        };
        self.depth.set(d);
        out
    }
}

/// Names bound by the code around a registration: loop elements (bound to a value) and
/// function parameters (bound at run time: opaque, never a package constant).
struct ScopeResolver<'a> {
    bound: Vec<(String, Value)>,
    opaque: &'a [String],
    inner: &'a dyn Resolver,
}

impl Resolver for ScopeResolver<'_> {
    fn resolve(&self, v: &Value) -> Value {
        match v {
            Value::Ident(p) => {
                let (head, rest) = match p.split_once('.') {
                    Some((h, r)) => (h, Some(r)),
                    None => (p.as_str(), None),
                };
                if let Some((_, b)) = self.bound.iter().rev().find(|(n, _)| n == head) {
                    let mut cur = self.inner.resolve(b);
                    for seg in rest.into_iter().flat_map(|r| r.split('.')) {
                        let cur_def = crate::interpret::builder_object(&cur).unwrap_or(&cur);
                        match cur_def.get(seg) {
                            Some(x) => cur = self.inner.resolve(&x.clone()),
                            None => return v.clone(),
                        }
                    }
                    return cur;
                }
                if self.opaque.iter().any(|n| n == head) {
                    return v.clone();
                }
                self.inner.resolve(v)
            }
            Value::Member(base, m) => match self.resolve(base).get(m) {
                Some(found) => self.resolve(&found.clone()),
                None => v.clone(),
            },
            _ => self.inner.resolve(v),
        }
    }
}

/// Interpret a registration in the scope of its enclosing functions and loops. A loop over a
/// list whose elements all resolve yields one registration per element; otherwise the loop's
/// names stay unresolved (a dynamic registration).
fn interpret_in_scope(reg: &RegFact, r: &dyn Resolver) -> crate::interpret::Interpreted {
    let mut opaque: Vec<String> = reg.scope_params.clone();
    for l in &reg.loops {
        opaque.extend(l.var.iter().cloned());
        opaque.extend(l.key.iter().cloned());
        opaque.extend(l.fields.iter().map(|(_, local)| local.clone()));
    }
    let mut out = crate::interpret::Interpreted::default();
    expand_loops(reg, &reg.loops, Vec::new(), &opaque, r, &mut out, &mut 0);
    out
}

fn expand_loops(
    reg: &RegFact,
    loops: &[crate::facts::LoopFact],
    bound: Vec<(String, Value)>,
    opaque: &[String],
    r: &dyn Resolver,
    out: &mut crate::interpret::Interpreted,
    budget: &mut usize,
) {
    let scoped = ScopeResolver {
        bound: bound.clone(),
        opaque,
        inner: r,
    };
    let Some((l, rest)) = loops.split_first() else {
        if !bound.is_empty() {
            let reg = crate::jswrap::with_bound(reg, &bound);
            let res = interpret(&reg, &scoped);
            out.drafts.extend(res.drafts);
            out.unresolved.extend(res.unresolved);
            return;
        }
        let res = interpret(reg, &scoped);
        out.drafts.extend(res.drafts);
        out.unresolved.extend(res.unresolved);
        return;
    };
    let elements = loop_elements(&scoped.resolve(&l.iter), &scoped);
    match elements {
        Some(els) if !els.is_empty() && *budget + els.len() <= 5000 => {
            *budget += els.len();
            for (key, el) in els {
                let b = bind_loop_element(l, &bound, key, &el);
                expand_loops(reg, rest, b, opaque, r, out, budget);
            }
        }
        _ => expand_loops(reg, rest, bound, opaque, r, out, budget),
    }
}

/// The elements of a loop's iterable, each with its key for `Object.entries`: only when every
/// element is a literal (an object, or a string / number). None otherwise.
pub fn loop_elements(iter: &Value, r: &dyn Resolver) -> Option<Vec<(Option<String>, Value)>> {
    loop_elements_d(iter, r, 0)
}

/// The pairs of an object literal, spreads of known objects included (`{ ...A, b: x }`).
fn object_pairs(v: &Value, r: &dyn Resolver, depth: usize) -> Option<Vec<(String, Value)>> {
    let Value::Object(pairs) = r.resolve(v) else {
        return None;
    };
    let mut out = Vec::new();
    for (k, x) in pairs {
        match (k.as_str(), &x) {
            ("...", Value::Spread(inner)) if depth < 6 => {
                out.extend(object_pairs(inner, r, depth + 1)?);
            }
            ("...", _) => return None,
            _ => out.push((k, x)),
        }
    }
    Some(out)
}

fn loop_elements_d(
    iter: &Value,
    r: &dyn Resolver,
    depth: usize,
) -> Option<Vec<(Option<String>, Value)>> {
    if depth > 6 {
        return None;
    }
    let mut out = Vec::new();
    match iter {
        Value::Array(items) => {
            for it in items {
                match it {
                    Value::Spread(inner) => {
                        out.extend(loop_elements_d(&r.resolve(inner), r, depth + 1)?);
                    }
                    other => out.push((None, r.resolve(other))),
                }
            }
        }
        Value::Call { callee, args, .. } if args.len() == 1 => match callee.path() {
            Some("Object.values") => {
                for (_, v) in object_pairs(&args[0], r, 0)? {
                    out.push((None, r.resolve(&v)));
                }
            }
            Some("Object.entries") => {
                for (k, v) in object_pairs(&args[0], r, 0)? {
                    out.push((Some(k), r.resolve(&v)));
                }
            }
            Some("Object.keys") => {
                for (k, _) in object_pairs(&args[0], r, 0)? {
                    out.push((None, Value::Str(k)));
                }
            }
            // `TOOLS.filter(enabled)`: any element may come through
            _ => match crate::interpret::array_method(callee) {
                Some((base, "filter" | "slice" | "sort" | "toSorted" | "reverse")) => {
                    return loop_elements_d(&r.resolve(&base), r, depth + 1)
                }
                _ => return None,
            },
        },
        Value::Call { callee, args, .. } if args.is_empty() => {
            match crate::interpret::array_method(callee) {
                Some((base, _)) => return loop_elements_d(&r.resolve(&base), r, depth + 1),
                None => return None,
            }
        }
        _ => return None,
    }
    // `defineTool({ name, ... })`: a builder's definition object stands for the tool
    let out: Vec<(Option<String>, Value)> = out
        .into_iter()
        .map(|(k, v)| match crate::interpret::builder_object(&v) {
            Some(o) => (k, r.resolve(o)),
            None => (k, v),
        })
        .collect();
    let literal = |v: &Value| matches!(v, Value::Object(_) | Value::Str(_) | Value::Num(_));
    out.iter().all(|(_, v)| literal(v)).then_some(out)
}

/// A draft waiting for its server: (draft, file, receiver, sdk).
type Pending = (Draft, String, Option<String>, &'static str);

struct ServerDraft {
    server: Server,
    /// Names the object is reachable by in its file (variable, field, type).
    var: Option<String>,
    file: String,
}

/// Is this file part of an MCP server? Returns the SDK it speaks, and whether that was only
/// inferred from the package manifest (the file itself imports no MCP module).
fn file_sdk(file: &SourceFile, pkg_sdk: Option<&'static str>) -> Option<(&'static str, bool)> {
    let mut client_only = false;
    let mut types: Option<&'static str> = None;
    for imp in &file.facts.imports {
        if let Some((sdk, role)) = sdk::classify(file.lang, &imp.source) {
            match role {
                Role::Server => return Some((sdk, false)),
                Role::Types => types = types.or(Some(sdk)),
                Role::Client => client_only = true,
            }
        }
    }
    // A client that also imports the shared types (`from mcp import ClientSession, types`)
    // is still a client.
    if client_only {
        return None;
    }
    if let Some(t) = types {
        return Some((t, false));
    }
    pkg_sdk.map(|s| (s, true))
}

fn manifests_by_dir(manifests: &[Manifest]) -> BTreeMap<String, Vec<&Manifest>> {
    let mut by_dir: BTreeMap<String, Vec<&Manifest>> = BTreeMap::new();
    // lockfiles make no folder a package
    for m in manifests.iter().filter(|m| !m.lock) {
        by_dir.entry(m.dir.clone()).or_default().push(m);
    }
    by_dir
}

/// Package key of a file: (package dir, ecosystem).
pub type PackageKey = (String, Ecosystem);

/// Finds the package of a file; build once per root.
pub struct Packages<'m> {
    by_dir: BTreeMap<String, Vec<&'m Manifest>>,
}

impl<'m> Packages<'m> {
    pub fn new(manifests: &'m [Manifest]) -> Self {
        Packages {
            by_dir: manifests_by_dir(manifests),
        }
    }

    pub fn key(&self, path: &str, lang: Lang) -> PackageKey {
        let eco = eco_of(lang);
        (package_of(path, eco, &self.by_dir).0, eco)
    }
}

/// Identifiers that registrations and servers use but no parsed file of their package
/// defines, per package. The caller parses the package's other files that mention them
/// (constants and enums often live in files with no SDK marker).
pub fn wanted_symbols<'a>(
    files: impl IntoIterator<Item = &'a SourceFile>,
    manifests: &[Manifest],
) -> BTreeMap<PackageKey, Vec<String>> {
    let by_dir = manifests_by_dir(manifests);
    let mut defined: HashMap<PackageKey, std::collections::HashSet<&str>> = HashMap::new();
    let mut values: HashMap<PackageKey, HashMap<&str, Vec<&Value>>> = HashMap::new();
    let mut used: BTreeMap<PackageKey, std::collections::BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let eco = eco_of(f.lang);
        let key = (package_of(&f.path, eco, &by_dir).0, eco);
        let d = defined.entry(key.clone()).or_default();
        let vals = values.entry(key.clone()).or_default();
        for (k, v) in &f.facts.symbols {
            let head = k.split('.').next().unwrap_or(k);
            d.insert(head);
            vals.entry(head).or_default().push(v);
        }
        let u = used.entry(key).or_default();
        let mut names = Vec::new();
        for r in &f.facts.regs {
            r.args
                .iter()
                .chain(r.kwargs.iter().map(|(_, v)| v))
                .chain(r.items.iter())
                .chain(r.loops.iter().map(|l| &l.iter))
                .for_each(|v| idents(v, &mut names, 0));
            if let Some(func) = &r.func {
                for p in &func.params {
                    if let Some(inner) =
                        p.ty.as_deref()
                            .and_then(|t| t.split_once('<'))
                            .map(|(_, r)| r.trim_end_matches('>'))
                    {
                        // Rust `Parameters<crate::args::T>`: the struct is named `T`
                        names.push(inner.rsplit("::").next().unwrap_or(inner).to_string());
                    }
                }
            }
        }
        for s in &f.facts.servers {
            s.args.iter().for_each(|v| idents(v, &mut names, 0));
        }
        if f.lang == Lang::Go {
            // the types of the function around a definition: a conversion of the project's
            // own tool type (`func toSDK(st api.ServerTool)`) names it there
            for r in &f.facts.regs {
                if r.style == "go.wrapper-call" {
                    continue;
                }
                for p in r.within.iter().flat_map(|w| w.params.iter()) {
                    names.extend(p.ty.as_deref().and_then(go_type_name));
                }
                // a method value handler (`store.Delete`): the method
                for a in &r.args {
                    if let Value::Ident(p) = a {
                        if let Some((_, m)) = p.rsplit_once('.') {
                            names.push(m.to_string());
                        }
                    }
                }
            }
        }
        u.extend(names);
    }
    // Names used by the values of used names defined here (`tools: ALL` where
    // `const ALL = [{ inputSchema: zodToJsonSchema(ArgsSchema) }]` and `ArgsSchema` lives in a
    // file with no MCP marker), transitively.
    for (k, u) in used.iter_mut() {
        let Some(vals) = values.get(k) else { continue };
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut work: Vec<String> = u.iter().cloned().collect();
        while let Some(n) = work.pop() {
            if seen.len() > 10_000 || !seen.insert(n.clone()) {
                continue;
            }
            for v in vals.get(n.as_str()).into_iter().flatten() {
                let mut inner = Vec::new();
                idents(v, &mut inner, 0);
                // `ALL.filter(...)`: the list the method is called on
                if let Value::Call { callee, .. } = v {
                    if let Some((head, _)) = callee.path().and_then(|p| p.split_once('.')) {
                        inner.push(head.to_string());
                    }
                }
                if k.1 == Ecosystem::Go {
                    match v {
                        // a handler: its input type (go-sdk typed tools)
                        Value::Func(f) => inner.extend(
                            f.params
                                .iter()
                                .filter_map(|p| p.ty.as_deref())
                                .filter_map(go_type_name),
                        ),
                        // a struct: its fields' types
                        Value::Object(fields) => inner.extend(
                            fields
                                .iter()
                                .filter_map(|(_, f)| f.get("type").and_then(|t| t.as_str()))
                                .filter_map(go_type_name),
                        ),
                        _ => {}
                    }
                }
                work.extend(inner);
            }
        }
        u.extend(seen);
    }
    used.into_iter()
        .filter_map(|(k, names)| {
            let d = defined.get(&k);
            let want: Vec<String> = names
                .into_iter()
                .filter(|n| n.len() > 1 && !d.is_some_and(|d| d.contains(n.as_str())))
                .filter(|n| {
                    !matches!(
                        n.as_str(),
                        "this" | "self" | "z" | "mcp" | "server" | "true" | "false"
                    )
                })
                .collect();
            (!want.is_empty()).then_some((k, want))
        })
        .collect()
}

/// Identifier heads in argument positions (not callees: `z.string()` needs no symbol).
fn idents(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Ident(p) => {
            out.push(p.split(['.', ':']).next().unwrap_or(p).to_string());
            // Rust paths `names::TOOL`, `Self::NAME`: the item is the last segment
            if let Some((_, last)) = p.rsplit_once("::") {
                out.push(last.to_string());
            }
        }
        Value::Member(b, _) | Value::Spread(b) => idents(b, out, depth + 1),
        Value::Array(items) => items.iter().for_each(|i| idents(i, out, depth + 1)),
        Value::Object(pairs) => pairs.iter().for_each(|(_, i)| idents(i, out, depth + 1)),
        Value::Call {
            callee,
            args,
            kwargs,
        } => {
            // a schema taken from a class: pydantic `Model.model_json_schema()`
            if let Some((head, "model_json_schema" | "schema")) =
                callee.path().and_then(|p| p.rsplit_once('.'))
            {
                out.push(head.split('.').next().unwrap_or(head).to_string());
            }
            // a Rust `#[serde(flatten)]` field: its struct type
            if callee.path() == Some("field") && v.get("flatten").is_some() {
                if let Some(t) = v.get("type").and_then(|t| t.as_str()) {
                    let t = t.trim_start_matches("Option<").trim_end_matches('>');
                    out.push(t.rsplit("::").next().unwrap_or(t).to_string());
                }
            }
            args.iter()
                .chain(kwargs.iter().map(|(_, v)| v))
                .for_each(|i| idents(i, out, depth + 1))
        }
        _ => {}
    }
}

/// A coverage gap: something at `file:line` that could not be resolved, and why.
fn gap(root: &str, file: &str, line: u32, reason: String) -> Unresolved {
    Unresolved {
        root: root.into(),
        file: file.into(),
        line,
        reason,
    }
}

/// One root's servers from its files' facts (`files` sorted by path) and its manifests.
pub fn assemble(root: &str, files: &[SourceFile], manifests: &[Manifest]) -> Assembled {
    debug_assert!(
        files.windows(2).all(|w| w[0].path <= w[1].path),
        "assemble wants its files sorted by path"
    );
    let inherited = crate::manifest::inherit_workspace_versions(manifests);
    let manifests = &inherited[..];
    let by_dir = manifests_by_dir(manifests);
    let modules = Modules::new(files, manifests);
    // Package key = (dir, ecosystem). Files are sorted by path by the caller.
    let mut packages: BTreeMap<(String, Ecosystem), Vec<&SourceFile>> = BTreeMap::new();
    let mut pkg_manifest: HashMap<(String, Ecosystem), Vec<&Manifest>> = HashMap::new();
    for f in files {
        let eco = eco_of(f.lang);
        let (dir, ms) = package_of(&f.path, eco, &by_dir);
        pkg_manifest.insert((dir.clone(), eco), ms);
        packages.entry((dir, eco)).or_default().push(f);
    }

    let mut unresolved = Vec::new();
    let mut handlers: Handlers = HashMap::new();
    let mut servers: Vec<ServerDraft> = Vec::new();

    // JS/TS tool wrappers: their calls are the tools (in the callers' packages).
    let pkg_key_of = |path: &str, lang: Lang| {
        let eco = eco_of(lang);
        (package_of(path, eco, &by_dir).0, eco)
    };
    let sdk_of = |f: &SourceFile| {
        let key = pkg_key_of(&f.path, f.lang);
        let pkg_sdk = pkg_manifest
            .get(&key)
            .and_then(|ms| ms.iter().find_map(|m| m.sdk()).map(|(s, _)| s));
        file_sdk(f, pkg_sdk).map(|(s, _)| s)
    };
    let reaches = |site: &str, def: &str| {
        let (a, b) = (
            pkg_key_of(site, Lang::TypeScript),
            pkg_key_of(def, Lang::TypeScript),
        );
        a == b
            || pkg_manifest.get(&b).is_some_and(|bm| {
                bm.iter().filter_map(|m| m.name.as_deref()).any(|name| {
                    pkg_manifest
                        .get(&a)
                        .is_some_and(|am| am.iter().any(|m| m.depends_on(name)))
                })
            })
    };
    let js = crate::jswrap::expand(&crate::jswrap::Inputs {
        files,
        modules: &modules,
        sdk_of: &sdk_of,
        reaches: &reaches,
        package_of: &|p: &str| pkg_key_of(p, Lang::TypeScript).0,
    });

    // Each package on its own, side by side: its servers, registrations and mounts
    // involve no other package's (registrations left without a server are matched across
    // packages below). The results are joined in package order.
    struct PackageOut {
        servers: Vec<ServerDraft>,
        unresolved: Vec<Unresolved>,
        handlers: Handlers,
        orphans: Option<(PackageKey, Vec<Pending>)>,
    }
    let per_package: Vec<PackageOut> = {
        use rayon::prelude::*;
        let packages: Vec<(&PackageKey, &Vec<&SourceFile>)> = packages.iter().collect();
        packages
            .par_iter()
            .with_max_len(1)
            .map(|&(key, pfiles)| {
                let mut servers: Vec<ServerDraft> = Vec::new();
                let mut unresolved: Vec<Unresolved> = Vec::new();
                let mut handlers: Handlers = HashMap::new();
                let mut orphans: Option<(PackageKey, Vec<Pending>)> = None;
                let ms = &pkg_manifest[key];
                let pkg_sdk = ms.iter().find_map(|m| m.sdk()).map(|(s, _)| s);
                let pkg_syms = symbol_map(pfiles);
                let mut drafts: Vec<Pending> = Vec::new();
                let mut mounts = Vec::new();
                let go_wraps = go_wrappers(pfiles);
                let go_mirrors = {
                    let none = HashMap::new();
                    let r = PkgResolver {
                        file: &none,
                        pkg: &pkg_syms,
                        depth: Cell::new(0),
                        modules: None,
                    };
                    go_mirror_types(pfiles, &r)
                };
                // ---- JS/TS tools named by calls of a wrapper, in this package's files
                for f in pfiles {
                    let Some(exps) = js.by_site.get(&f.path) else {
                        continue;
                    };
                    let file_syms = symbol_map(std::slice::from_ref(f));
                    let r = PkgResolver::new(&file_syms, &pkg_syms, &modules, &f.path);
                    for e in exps {
                        let mut opaque: Vec<String> = e.reg.scope_params.clone();
                        for l in &e.reg.loops {
                            opaque.extend(l.var.iter().cloned());
                            opaque.extend(l.key.iter().cloned());
                            opaque.extend(l.fields.iter().map(|(_, x)| x.clone()));
                        }
                        let reg = crate::jswrap::with_bound(&e.reg, &e.bound);
                        let mut res = crate::interpret::Interpreted::default();
                        expand_loops(
                            &reg,
                            &reg.loops,
                            e.bound.clone(),
                            &opaque,
                            &r,
                            &mut res,
                            &mut 0,
                        );
                        for (_, reason) in res.unresolved {
                            unresolved.push(gap(root, &f.path, e.line, reason));
                        }
                        for mut d in res.drafts {
                            if e.loose && d.name.is_err() {
                                continue;
                            }
                            d.line = e.line;
                            d.column = e.column;
                            d.style = format!("{} (via wrapper)", e.template.style);
                            drafts.push((d, f.path.clone(), e.receiver.clone(), e.sdk));
                        }
                    }
                }
                for f in pfiles {
                    let Some((sdk, via_package)) = file_sdk(f, pkg_sdk) else {
                        continue;
                    };
                    let file_syms = symbol_map(std::slice::from_ref(f));
                    let r = PkgResolver::new(&file_syms, &pkg_syms, &modules, &f.path);
                    // ---- servers
                    let has_mcpserver = f.facts.servers.iter().any(|s| s.kind == "ts.new");
                    for s in &f.facts.servers {
                        if !server_accepted(s, f, sdk) {
                            continue;
                        }
                        if s.kind == "py.subclass" && !py_server_class(&s.ctor, &r, 0) {
                            continue;
                        }
                        if s.kind == "ts.McpAgent" && has_mcpserver {
                            continue; // the McpServer field inside the agent is the server object
                        }
                        if f.lang == Lang::Rust {
                            // one server per type: ServerHandler impl and tool_router impls merge
                            let var = s.var.clone();
                            if let Some(i) = servers[..]
                                .iter()
                                .position(|d| d.var == var && d.server.language == "rust")
                            {
                                // the `impl ServerHandler` is the server's entry, wherever it is
                                let d = &mut servers[i];
                                if s.kind == "rust.ServerHandler" && d.server.kind != s.kind {
                                    d.server = new_server(root, &key.0, ms, f, s, sdk, &r);
                                    d.file = f.path.clone();
                                }
                                continue;
                            }
                        }
                        // a Go file may import both Go SDKs: the constructor says which one
                        let sdk = match s.kind.as_str() {
                            "go.NewMCPServer" => "mark3labs/mcp-go",
                            "go.NewServer" => "modelcontextprotocol/go-sdk",
                            _ => sdk,
                        };
                        let mut server = new_server(root, &key.0, ms, f, s, sdk, &r);
                        if let Some(reason) = py_runtime_tools(s, f, &r) {
                            if s.kind == "py.derived" {
                                // `FastMCP.as_proxy("http://...")`: the first argument is no name
                                server.name = s
                                    .kwargs
                                    .iter()
                                    .find(|(k, _)| k == "name")
                                    .and_then(|(_, v)| str_of(v, &r));
                            }
                            unresolved.push(gap(root, &f.path, s.line, reason));
                        }
                        servers.push(ServerDraft {
                            server,
                            var: server_var(s),
                            file: f.path.clone(),
                        });
                    }
                    // ---- registrations
                    for reg in &f.facts.regs {
                        // A file with no MCP import of its own can only register on a server it was
                        // handed (a parameter, an import): a receiver bound in the file to something
                        // else (`const reg = new FakeRegistry()`) is not an MCP server.
                        // (A server object built in this file is no such "something else".)
                        let on_file_server = reg.receiver.as_deref().is_some_and(|recv| {
                            let head = recv.split(['.', ':']).next().unwrap_or(recv);
                            servers[..]
                                .iter()
                                .any(|d| d.file == f.path && d.var.as_deref() == Some(head))
                        });
                        if via_package
                            && receiver_bound_locally(reg, &file_syms)
                            && !on_file_server
                            && !py_factory_receiver(reg, f, &file_syms, &pkg_syms)
                        {
                            continue;
                        }
                        if py_foreign_receiver(reg, f, &file_syms, &pkg_syms, &r) {
                            continue;
                        }
                        // Go: the calls of a tool wrapper are the tools, the definition inside the
                        // wrapper is their template
                        if f.lang == Lang::Go {
                            if reg.style == "go.wrapper-call" {
                                if let Some(w) = go_wrapper_call(reg, f, &go_wraps.0) {
                                    let res = interpret_go_wrapper_call(reg, w, &r);
                                    for d in res.drafts {
                                        let sdk = w.sdk.unwrap_or(sdk);
                                        drafts.push((d, f.path.clone(), reg.receiver.clone(), sdk));
                                    }
                                }
                                continue;
                            }
                            if go_wrapper_of(reg, &go_wraps.0)
                                .is_some_and(|w| go_wraps.1.contains(&w.func))
                            {
                                continue;
                            }
                            // the conversion into the SDK's type: its literals elsewhere are the
                            // definitions
                            if go_mirrors.iter().any(|m| {
                                m.at.0 == f.path && m.at.1 == reg.line && m.at.2 == reg.column
                            }) {
                                continue;
                            }
                        }
                        if f.lang == Lang::Go && !reg_accepted(reg, sdk, f) {
                            // the project's own tool type, adapted to the SDK's elsewhere
                            if let Some(m) = go_mirror_of(reg, f, &go_mirrors) {
                                let res = interpret_in_scope(reg, &r);
                                for (line, reason) in res.unresolved {
                                    unresolved.push(gap(root, &f.path, line, reason));
                                }
                                for mut d in res.drafts {
                                    d.style = format!("go.adapted({})", m.via);
                                    drafts.push((d, f.path.clone(), reg.receiver.clone(), m.sdk));
                                }
                                continue;
                            }
                        }
                        if !reg_accepted(reg, sdk, f) {
                            if let Some(reason) = rejected_reason(reg, sdk, f) {
                                unresolved.push(gap(root, &f.path, reg.line, reason));
                            }
                            continue;
                        }
                        if js
                            .templates
                            .contains(&(f.path.clone(), reg.line, reg.column))
                        {
                            continue; // its calls are the tools
                        }
                        let res = interpret_in_scope(reg, &r);
                        for (line, reason) in res.unresolved {
                            unresolved.push(gap(root, &f.path, line, reason));
                        }
                        let receiver = py_factory_server(reg, f, &file_syms, &pkg_syms)
                            .or(reg.receiver.clone());
                        for d in res.drafts {
                            drafts.push((d, f.path.clone(), receiver.clone(), sdk));
                        }
                    }
                    for m in &f.facts.mounts {
                        mounts.push((m.clone(), f.path.clone(), r.resolve(&Value::Null)));
                    }
                }
                // ---- attach registrations to this package's servers
                let local = 0..servers.len();
                let mut left = Vec::new();
                let providers = provider_servers(pfiles);
                for (d, file, receiver, sdk) in drafts {
                    // fastmcp 3.x: standalone `@tool`s belong to the server reading their folder
                    // (`FileSystemProvider`), `@provider.tool`s to the server listing that provider
                    let key = match d.style.as_str() {
                        "py.standalone" => Some(FS_PROVIDER),
                        _ => receiver.as_deref(),
                    };
                    // the provider's server: the one whose folder holds this file, else the first
                    let in_dir = |server_file: &str| {
                        let dir = server_file.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
                        dir.is_empty() || file.starts_with(&format!("{dir}/"))
                    };
                    let provided = key.and_then(|k| {
                        let mut hits = providers.iter().filter(|(p, _, _)| p == k);
                        let first = hits.clone().next();
                        hits.find(|(_, _, sf)| in_dir(sf)).or(first)
                    });
                    let (pick_file, receiver) = match provided {
                        Some((_, var, server_file)) => (server_file.clone(), Some(var.clone())),
                        None => (file.clone(), receiver),
                    };
                    match pick_server(
                        &servers[local.clone()],
                        &pick_file,
                        receiver.as_deref(),
                        sdk,
                    ) {
                        Some(i) => add_draft(
                            &mut servers[i].server,
                            d,
                            &file,
                            root,
                            &mut unresolved,
                            &mut handlers,
                        ),
                        None => left.push((d, file, receiver, sdk)),
                    }
                }
                if !left.is_empty() {
                    orphans = Some((key.clone(), left));
                }
                // ---- fastmcp mount(sub, prefix=...) / import_server(sub, prefix): a mounted server's
                // tools are exposed by its parent, which is the server that runs; the mounted one is
                // not listed on its own. Children are completed before their parents are.
                let mut pending: Vec<_> = mounts
                    .into_iter()
                    .filter_map(|(m, file, _)| {
                        let parts =
                            mount_parts(&servers[local.clone()], &m, &file, root, &mut unresolved)?;
                        Some((parts, m.line))
                    })
                    .collect();
                let mut mounted = Vec::new();
                while !pending.is_empty() {
                    let ready = pending
                        .iter()
                        .position(|((_, child, _), _)| {
                            !pending.iter().any(|((p, _, _), _)| p == child)
                        })
                        .unwrap_or(0);
                    let ((parent, child, prefix), _) = pending.remove(ready);
                    let tools = servers[child].server.tools.clone();
                    let prompts = servers[child].server.prompts.clone();
                    let resources = servers[child].server.resources.clone();
                    let into = &mut servers[parent].server;
                    for mut t in tools {
                        if let Some(p) = &prefix {
                            t.name = format!("{p}_{}", t.name);
                        }
                        t.registration = format!("py.mount({})", t.registration);
                        into.tools.push(t);
                    }
                    for mut pr in prompts {
                        if let Some(p) = &prefix {
                            pr.name = format!("{p}_{}", pr.name);
                        }
                        into.prompts.push(pr);
                    }
                    for mut r in resources {
                        // fastmcp's path format: `scheme://path` → `scheme://prefix/path`
                        if let (Some(p), Some(uri)) = (&prefix, r.uri.as_mut()) {
                            if let Some((scheme, rest)) = uri.split_once("://") {
                                *uri = format!("{scheme}://{p}/{rest}");
                            }
                        }
                        into.resources.push(r);
                    }
                    mounted.push(child);
                }
                mounted.sort_unstable();
                mounted.dedup();
                for i in mounted.into_iter().rev() {
                    servers.remove(i);
                }
                PackageOut {
                    servers,
                    unresolved,
                    handlers,
                    orphans,
                }
            })
            .collect()
    };
    let mut orphans: Vec<(PackageKey, Vec<Pending>)> = Vec::new();
    for out in per_package {
        servers.extend(out.servers);
        unresolved.extend(out.unresolved);
        handlers.extend(out.handlers);
        orphans.extend(out.orphans);
    }

    // ---- registrations without a server in their package
    for (key, left) in orphans {
        let pkg_name = pkg_manifest[&key].iter().find_map(|m| m.name.clone());
        let host = pkg_name.as_ref().and_then(|name| {
            servers.iter().position(|s| {
                s.server.dir != key.0
                    && pkg_manifest
                        .get(&(s.server.dir.clone(), key.1))
                        .is_some_and(|ms| ms.iter().any(|m| m.depends_on(name)))
            })
        });
        // A Rust tool value (`Tool::new(..)`, `Tool { .. }`) is a tool only where a server
        // can list it: client code builds them too (converting a server's tools).
        let left: Vec<Pending> = if host.is_none() {
            left.into_iter()
                .filter(|(d, ..)| !d.style.starts_with("rust.Tool"))
                .collect()
        } else {
            left
        };
        if left.is_empty() {
            continue;
        }
        let idx = match host {
            Some(i) => i,
            None => {
                let (d, file, _, sdk) = &left[0];
                let ms = &pkg_manifest[&key];
                let lang = files
                    .iter()
                    .find(|f| &f.path == file)
                    .map(|f| f.lang.name())
                    .unwrap_or("");
                let mut s = Server {
                    id: String::new(),
                    root: root.into(),
                    dir: key.0.clone(),
                    name: ms.iter().find_map(|m| m.name.clone()),
                    version: ms.iter().find_map(|m| m.version.clone()),
                    language: lang.into(),
                    sdk: sdk.to_string(),
                    sdk_version: sdk_version(ms, sdk),
                    manifest: ms.first().map(|m| m.path.clone()),
                    package: ms.iter().find_map(|m| m.name.clone()),
                    entry: Location {
                        file: file.clone(),
                        line: d.line,
                        column: d.column,
                    },
                    kind: "registrations-only".into(),
                    context: crate::context::APPLICATION.into(),
                    sdk_dependency: None,
                    features: vec![],
                    transports: vec![],
                    auth: None,
                    tools: vec![],
                    resources: vec![],
                    prompts: vec![],
                    env_vars: vec![],
                    endpoints: vec![],
                    secrets: vec![],
                    flows: vec![],
                    observations: vec![],
                    launched_by: vec![],
                    published_by: vec![],
                    owners: None,
                };
                s.sdk_version = sdk_version(ms, sdk).or_else(|| {
                    // a workspace package reaching the SDK through a package of the same root
                    // it depends on: that package's SDK version
                    manifests
                        .iter()
                        .filter(|m| m.eco == key.1)
                        .filter(|m| {
                            m.name
                                .as_deref()
                                .is_some_and(|n| ms.iter().any(|mine| mine.depends_on(n)))
                        })
                        .find_map(|m| m.sdk_version(sdk))
                });
                servers.push(ServerDraft {
                    server: s,
                    var: None,
                    file: file.clone(),
                });
                servers.len() - 1
            }
        };
        for (d, file, _, _) in left {
            add_draft(
                &mut servers[idx].server,
                d,
                &file,
                root,
                &mut unresolved,
                &mut handlers,
            );
        }
    }

    // ---- the context of each server (application, example, test, library) and, per package,
    // the files each server is defined in: a package's transports, bind addresses, DNS-rebinding
    // and auth settings belong to the servers of their own file (else of their own folder, else
    // all), never to servers of another context (the SDK's own library code serves no example)
    let is_sdk_pkg = |key: &PackageKey| {
        pkg_manifest.get(key).is_some_and(|ms| {
            ms.iter()
                .filter_map(|m| m.name.as_deref())
                .any(|n| crate::context::is_sdk_package(key.1, n))
        })
    };
    let harness = |f: &SourceFile| {
        f.facts.sites.iter().any(|s| {
            crate::context::HARNESS_CALLEES
                .iter()
                .any(|h| crate::effects::callee_matches(h, &s.callee))
        })
    };
    let file_ctx = |f: &SourceFile, key: &PackageKey| -> &'static str {
        let c = crate::context::file_context(&f.path, is_sdk_pkg(key));
        if c != crate::context::TEST && harness(f) {
            crate::context::TEST
        } else {
            c
        }
    };
    // per package: (entry file, variable) of each server
    let mut entries: HashMap<PackageKey, Vec<(String, Option<String>)>> = HashMap::new();
    for d in &mut servers {
        let key = (d.server.dir.clone(), eco_of(lang_of(&d.server.language)));
        // (files are sorted by path)
        let entry = files
            .binary_search_by(|f| f.path.as_str().cmp(&d.server.entry.file))
            .ok()
            .map(|i| &files[i]);
        d.server.context = match entry {
            Some(f) => file_ctx(f, &key),
            None => crate::context::file_context(&d.server.entry.file, is_sdk_pkg(&key)),
        }
        .to_string();
        entries
            .entry(key)
            .or_default()
            .push((d.server.entry.file.clone(), d.var.clone()));
    }
    let parent = |p: &str| p.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    // where each server's SDK dependency is declared, and what a lockfile pins
    for d in &mut servers {
        let key = (d.server.dir.clone(), eco_of(lang_of(&d.server.language)));
        d.server.sdk_dependency = sdk_dependency(&d.server, &key, &pkg_manifest, manifests);
    }

    // ---- what the tools do and what the servers hold and reach (each server on its own)
    use rayon::prelude::*;
    servers.par_iter_mut().with_max_len(1).for_each(|d| {
        let lang = lang_of(&d.server.language);
        let key = (d.server.dir.clone(), eco_of(lang));
        let pfiles: Vec<&SourceFile> = match packages.get(&key) {
            Some(fs) => fs.clone(),
            None => files
                .iter()
                .filter(|f| f.path == d.server.entry.file)
                .collect(),
        };
        let pkg = crate::effects::Package::new(&pfiles);
        for t in &mut d.server.tools {
            let go = || {
                (lang == Lang::Go)
                    .then(|| {
                        pfiles
                            .iter()
                            .find(|f| f.path == t.file)
                            .and_then(|f| crate::effects::go_handler(&pkg, f, t.line))
                    })
                    .flatten()
            };
            let named = || handlers.get(&(t.file.clone(), t.line, t.column)).cloned();
            // Go tool definitions (`mcp.NewTool`, tool literals) are registered apart from
            // their handler: find the registration first
            let h = if lang == Lang::Go
                && !t.registration.starts_with("go.sdk.")
                && !t.registration.starts_with("go.wrapper")
            {
                go().or_else(named)
            } else {
                named().or_else(go)
            };
            if let Some(h) = h {
                crate::effects::analyze_tool(t, &h, &pkg, lang);
                crate::taint::tool_flows(t, &h, &pkg, lang);
            }
            // a Go tool wrapper (`issueUpdateTool(t, "name", ..., buildRequest)`) may make the
            // calls itself: its body belongs to every tool it defines
            if let Some(w) = t
                .registration
                .strip_prefix("go.wrapper(")
                .and_then(|r| r.strip_suffix(')'))
            {
                let wh = crate::effects::Handler::Name {
                    file: t.file.clone(),
                    name: w.to_string(),
                    line: t.line,
                };
                crate::effects::analyze_tool(t, &wh, &pkg, lang);
                crate::taint::tool_flows(t, &wh, &pkg, lang);
            }
            t.annotation_conflict = crate::effects::annotation_conflict(t);
        }
        let vars: Vec<String> = d.var.iter().cloned().collect();
        let mine = &d.server.entry.file;
        let here = entries.get(&key).map(Vec::as_slice).unwrap_or_default();
        // file → its context, for the files whose exposure belongs to this server
        let owned: BTreeMap<String, &'static str> = pfiles
            .iter()
            .filter(|f| {
                let c = file_ctx(f, &key);
                let ctx = d.server.context.as_str();
                // test and library code serve only servers of their own context; examples
                // serve examples, and the SDK's own examples that build its library class
                // directly (their transports keep the context `example`)
                let fits = c == ctx
                    || c == crate::context::APPLICATION
                    || (c == crate::context::EXAMPLE && ctx == crate::context::LIBRARY);
                if !fits {
                    return false;
                }
                if lang == Lang::Rust {
                    return true; // Rust: the files naming the server decide (analyze_server)
                }
                if here.iter().any(|(e, _)| e == &f.path) {
                    return &f.path == mine;
                }
                let dir = parent(&f.path);
                let in_dir: BTreeSet<&str> = here
                    .iter()
                    .filter(|(e, _)| parent(e) == dir)
                    .map(|(e, _)| e.as_str())
                    .collect();
                if in_dir.is_empty() {
                    return true;
                }
                // Go: the files of a folder are one package; one server file in the folder:
                // its transports
                if lang == Lang::Go || in_dir.len() == 1 {
                    return parent(mine) == dir;
                }
                // several server files in the folder (examples, docs snippets): the servers
                // this file calls by their variable (`mcp.run()`, `server.connect(t)`), else none
                let calls = |v: &str| {
                    f.facts
                        .sites
                        .iter()
                        .any(|s| s.callee.strip_prefix(v).is_some_and(|r| r.starts_with('.')))
                };
                here.iter()
                    .any(|(e, v)| e == mine && parent(e) == dir && v.as_deref().is_some_and(calls))
            })
            .map(|f| (f.path.clone(), file_ctx(f, &key)))
            .collect();
        crate::effects::analyze_server(&mut d.server, &pkg, lang, &vars, &owned);
        // code patterns found in the files of the server's package
        let mut observations: Vec<mcpsweep_model::Observation> = pfiles
            .iter()
            .flat_map(|f| {
                f.facts
                    .observations
                    .iter()
                    .map(|o| mcpsweep_model::Observation {
                        file: f.path.clone(),
                        ..o.clone()
                    })
            })
            .collect();
        observations.sort_by(|a, b| {
            (&a.kind, &a.file, a.line, a.column, &a.detail)
                .cmp(&(&b.kind, &b.file, b.line, b.column, &b.detail))
        });
        observations.dedup();
        d.server.observations = observations;
        crate::taint::server_flows(&mut d.server, &pkg, lang);
    });
    let mut out: Vec<Server> = servers.into_iter().map(|d| d.server).collect();
    for s in &mut out {
        finish_server(s);
    }
    out.sort_by(|a, b| (&a.dir, &a.name, &a.entry).cmp(&(&b.dir, &b.name, &b.entry)));
    assign_ids(&mut out);
    unresolved.sort();
    unresolved.dedup();
    Assembled {
        servers: out,
        unresolved,
    }
}

/// The name registrations reach a server by. `createMcpHandler((server) => {...})` hands the
/// server to its callback: the callback's first parameter, not the handler variable.
fn server_var(s: &ServerFact) -> Option<String> {
    if s.kind == "ts.createMcpHandler" {
        if let Some(Value::Func(f)) = s.args.first() {
            if let Some(p) = f.params.first() {
                return Some(p.name.clone());
            }
        }
    }
    s.var.clone()
}

/// Python servers whose tools come from somewhere only known at run time: fastmcp servers
/// derived from an OpenAPI spec, a FastAPI app or a proxied server, and servers given
/// providers other than `FileSystemProvider` / `LocalProvider` (whose tools are read).
fn py_runtime_tools(s: &ServerFact, f: &SourceFile, r: &dyn Resolver) -> Option<String> {
    if f.lang != Lang::Python {
        return None;
    }
    if s.kind == "py.derived" {
        return Some(format!(
            "server built by {}(...): its tools are derived at run time",
            s.ctor
        ));
    }
    let (_, Value::Array(items)) = s.kwargs.iter().find(|(k, _)| k == "providers")? else {
        return None;
    };
    let other: Vec<String> = items
        .iter()
        .filter(|item| {
            let bound = r.resolve(item);
            !matches!(bound, Value::Call { callee, .. }
                if matches!(callee.last_segment(), Some("FileSystemProvider" | "LocalProvider")))
        })
        .map(|i| i.text())
        .collect();
    (!other.is_empty()).then(|| {
        format!(
            "server gets tools from provider {} at run time: they are not listed",
            other.join(", ")
        )
    })
}

const FS_PROVIDER: &str = "(FileSystemProvider)";

/// fastmcp 3.x `FastMCP(..., providers=[p, FileSystemProvider(...)])`: (provider, server var,
/// server file), where provider is the provider's variable or [`FS_PROVIDER`] for a
/// `FileSystemProvider` (written inline or bound to a variable of the file).
fn provider_servers(files: &[&SourceFile]) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for f in files {
        for s in &f.facts.servers {
            let Some(var) = &s.var else { continue };
            let Some((_, Value::Array(items))) = s.kwargs.iter().find(|(k, _)| k == "providers")
            else {
                continue;
            };
            for item in items {
                let bound = match item {
                    Value::Ident(name) => f
                        .facts
                        .symbols
                        .iter()
                        .find(|(k, _)| k == name)
                        .map(|(_, v)| v),
                    other => Some(other),
                };
                let is_fs = matches!(bound, Some(Value::Call { callee, .. })
                    if callee.last_segment() == Some("FileSystemProvider"));
                if is_fs {
                    out.push((FS_PROVIDER.to_string(), var.clone(), f.path.clone()));
                }
                if let Value::Ident(name) = item {
                    out.push((name.clone(), var.clone(), f.path.clone()));
                }
            }
        }
    }
    out
}

const PY_SERVER_CTORS: &[&str] = &["FastMCP", "MCPServer", "Server", "LocalProvider"];

/// Python: is `name` a class of the package that subclasses a server class
/// (`class S3Server(FastMCP)`, also through another class of the package)?
fn py_server_class(name: &str, r: &dyn Resolver, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    let Value::Object(fields) = r.resolve(&Value::Ident(name.to_string())) else {
        return false;
    };
    let Some((_, Value::Array(bases))) = fields.iter().find(|(k, _)| k == "(bases)") else {
        return false;
    };
    bases.iter().any(|b| {
        let Some(p) = b.path() else { return false };
        let last = p.rsplit('.').next().unwrap_or(p);
        PY_SERVER_CTORS.contains(&last) || (last != name && py_server_class(last, r, depth + 1))
    })
}

/// Python: does `Tool`, `types.Tool` or `mcp.types.Tool` name something the file imports
/// from an MCP module (`from mcp.types import Tool`, `from mcp import types`,
/// `import mcp.types as types`, `from fastmcp.tools import Tool`)?
fn py_name_from_mcp(f: &SourceFile, callee: &str) -> bool {
    let (qual, last) = match callee.rsplit_once('.') {
        Some((q, l)) => (Some(q), l),
        None => (None, callee),
    };
    f.facts.imports.iter().any(|i| {
        if sdk::classify(f.lang, &i.source).is_none_or(|(_, r)| r == Role::Client) {
            return false;
        }
        let local = i
            .alias
            .as_deref()
            .unwrap_or_else(|| i.source.rsplit('.').next().unwrap_or(&i.source));
        match qual {
            None => local == last,
            Some(q) => {
                local == q
                    || i.source == q
                    || (i.alias.is_none() && q.starts_with(&format!("{}.", i.source)))
            }
        }
    })
}

/// Python: a registration on a module-level object that another library built
/// (`agent = Agent(...)` then `@agent.tool`: pydantic-ai, not MCP). The receiver is trusted
/// when it is built by an MCP server constructor, by a name imported from an MCP module, or
/// by a function or class of the package (a factory).
fn py_foreign_receiver(
    reg: &RegFact,
    f: &SourceFile,
    file_syms: &HashMap<&str, &Value>,
    pkg_syms: &HashMap<&str, &Value>,
    r: &dyn Resolver,
) -> bool {
    if f.lang != Lang::Python {
        return false;
    }
    let Some(path) = receiver_call_path(reg, file_syms) else {
        return false;
    };
    if path.split('.').any(|s| PY_SERVER_CTORS.contains(&s)) {
        return false;
    }
    if py_server_class(path, r, 0) {
        return false;
    }
    let callee_head = path.split('.').next().unwrap_or(path);
    let from_mcp = f.facts.imports.iter().any(|i| {
        let local = i
            .alias
            .as_deref()
            .unwrap_or_else(|| i.source.rsplit('.').next().unwrap_or(&i.source));
        (local == callee_head || i.source == callee_head)
            && sdk::classify(f.lang, &i.source).is_some_and(|(_, r)| r != Role::Client)
    });
    !from_mcp && !py_factory_receiver(reg, f, file_syms, pkg_syms)
}

/// Python: `mcp = build_server()` then `@mcp.tool()`: the receiver is the server that
/// `build_server` returns (its server var is `build_server()`).
fn py_factory_server(
    reg: &RegFact,
    f: &SourceFile,
    file_syms: &HashMap<&str, &Value>,
    pkg_syms: &HashMap<&str, &Value>,
) -> Option<String> {
    if !py_factory_receiver(reg, f, file_syms, pkg_syms) {
        return None;
    }
    let path = receiver_call_path(reg, file_syms)?;
    Some(format!("{}()", path.rsplit('.').next().unwrap_or(path)))
}

/// The callee path of the call the registration's receiver is bound to in its file
/// (`agent = Agent(...)` → `Agent`), if it is bound to a call.
fn receiver_call_path<'v>(reg: &RegFact, file_syms: &HashMap<&str, &'v Value>) -> Option<&'v str> {
    let recv = reg.receiver.as_deref()?;
    let head = recv.split('.').next().unwrap_or(recv);
    match file_syms.get(head) {
        Some(Value::Call { callee, .. }) => callee.path(),
        _ => None,
    }
}

/// Python: the receiver is bound in the file to the result of a function of the package
/// (`mcp = build_server()`): a server factory.
fn py_factory_receiver(
    reg: &RegFact,
    f: &SourceFile,
    file_syms: &HashMap<&str, &Value>,
    pkg_syms: &HashMap<&str, &Value>,
) -> bool {
    if f.lang != Lang::Python {
        return false;
    }
    let Some(path) = receiver_call_path(reg, file_syms) else {
        return false;
    };
    let last = path.rsplit('.').next().unwrap_or(path);
    matches!(pkg_syms.get(last), Some(Value::Func(_)))
}

/// The bindings of one loop iteration: the loop variable (`for (const t of list)`), the
/// key (`for (const [k, v] of Object.entries(o))`) and destructured fields
/// (`for (const { name, handler } of list)`), added to the outer bindings.
pub(crate) fn bind_loop_element(
    l: &crate::facts::LoopFact,
    outer: &[(String, Value)],
    key: Option<String>,
    el: &Value,
) -> Vec<(String, Value)> {
    let mut b = outer.to_vec();
    if let (Some(k), Some(key)) = (&l.key, key) {
        b.push((k.clone(), Value::Str(key)));
    }
    if let Some(var) = &l.var {
        b.push((var.clone(), el.clone()));
    }
    for (field, local) in &l.fields {
        if let Some(x) = el.get(field) {
            b.push((local.clone(), x.clone()));
        }
    }
    b
}

fn receiver_bound_locally(reg: &RegFact, syms: &HashMap<&str, &Value>) -> bool {
    let Some(recv) = reg.receiver.as_deref() else {
        return false;
    };
    let head = recv.split(['.', ':']).next().unwrap_or(recv);
    syms.contains_key(head)
}

fn sdk_version(ms: &[&Manifest], sdk: &str) -> Option<String> {
    ms.iter().find_map(|m| m.sdk_version(sdk))
}

/// Server constructions are only MCP servers in files that speak the SDK that defines them.
fn server_accepted(s: &ServerFact, f: &SourceFile, sdk: &str) -> bool {
    let imports = || f.facts.imports.iter().map(|i| i.source.as_str());
    match s.kind.as_str() {
        // `new Server(...)` is also node:http's and many others': require an MCP import.
        "ts.new" => match s.ctor.as_str() {
            "Server" => {
                imports().any(|i| sdk::classify(f.lang, i).is_some_and(|(_, r)| r == Role::Server))
            }
            "FastMCP" => sdk == "fastmcp",
            _ => true,
        },
        // a qualified constructor must come from an MCP module (`uvicorn.Server` does not)
        "py.new" if s.ctor.contains('.') => py_name_from_mcp(f, &s.ctor),
        "py.new" => match s.ctor.as_str() {
            "Server" => imports().any(|i| i.starts_with("mcp.server")),
            _ => true,
        },
        // FastMCP.from_openapi / as_proxy, create_proxy: fastmcp only
        "py.derived" => sdk == "fastmcp",
        // Vercel's `createMcpHandler((server) => ...)` builds a server; the v2 SDK's and
        // Cloudflare agents' functions of that name only serve a server built elsewhere.
        "ts.createMcpHandler" => imports().any(|i| {
            sdk::classify(f.lang, i).is_some_and(|(s, r)| s == "mcp-handler" && r == Role::Server)
        }),
        // Go: the constructor's package qualifier must be the SDK's package in this file
        "go.NewMCPServer" => go_qualifier_sdk(f, &s.ctor) == Some("mark3labs/mcp-go"),
        "go.NewServer" => go_qualifier_sdk(f, &s.ctor) == Some("modelcontextprotocol/go-sdk"),
        // rmcp 0.1 `#[tool(tool_box)] impl T` (a plain `#[tool]` item is not a router)
        "rust.tool_box" => s.kwargs.iter().any(|(k, _)| k == "tool_box"),
        _ => true,
    }
}

/// Rust `Tool::new(..)` / `Tool { .. }`: the `Tool` type must be rmcp's. A path from `rmcp`
/// is; a bare name is unless the file defines its own `Tool` or imports one from elsewhere
/// and none from rmcp (`use crate::llm::Tool;`).
fn rust_tool_is_rmcp(reg: &RegFact, f: &SourceFile) -> bool {
    let path = reg.callee.as_deref().unwrap_or("Tool");
    let head = path.split("::").next().unwrap_or(path);
    if head == "rmcp" {
        return true;
    }
    let names = |src: &str| -> Vec<String> {
        src.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect()
    };
    let imports_head = |i: &crate::facts::Import| {
        let words = names(&i.source);
        // `use a::b::Tool;`, `use a::{b, Tool}`; not `use a::Tool as Other`
        words.iter().any(|w| w == head) && !i.source.contains(&format!("{head} as "))
    };
    let from_rmcp = f
        .facts
        .imports
        .iter()
        .any(|i| i.source.starts_with("rmcp") && (imports_head(i) || i.source.ends_with('*')));
    let from_other = f
        .facts
        .imports
        .iter()
        .any(|i| !i.source.starts_with("rmcp") && imports_head(i));
    let defined_here = head == "Tool" && f.facts.symbols.iter().any(|(k, _)| k == "Tool");
    from_rmcp || (!from_other && !defined_here)
}

/// Go tool wrappers among a package's files (wrappers of wrappers too), and the names of
/// those that are called with a tool of their own.
fn go_wrappers(files: &[&SourceFile]) -> (Vec<GoWrapper>, std::collections::HashSet<String>) {
    let mut ws: Vec<GoWrapper> = Vec::new();
    let go_files = || files.iter().filter(|f| f.lang == Lang::Go);
    for _ in 0..6 {
        let before = ws.len();
        for f in go_files() {
            for reg in &f.facts.regs {
                let candidate = if reg.style == "go.wrapper-call" {
                    !go_sdk_call(reg, f)
                } else {
                    reg_accepted(reg, "", f)
                };
                if !candidate {
                    continue;
                }
                if let Some(mut w) = go_wrapper_of(reg, &ws) {
                    if w.sdk.is_none() {
                        w.sdk = go_qualifier_sdk(f, reg.callee.as_deref().unwrap_or(""));
                    }
                    if !ws.iter().any(|x| x.func == w.func) {
                        ws.push(w);
                    }
                }
            }
        }
        if ws.len() == before {
            break;
        }
    }
    let mut called = std::collections::HashSet::new();
    for f in go_files() {
        for reg in &f.facts.regs {
            if let Some(w) = go_wrapper_call(reg, f, &ws) {
                called.insert(w.func.clone());
            }
        }
    }
    // a wrapper called through a called wrapper is called too
    for _ in 0..6 {
        let inner: Vec<String> = ws
            .iter()
            .filter(|w| called.contains(&w.func))
            .filter_map(|w| w.inner.clone())
            .filter(|i| !called.contains(i))
            .collect();
        if inner.is_empty() {
            break;
        }
        called.extend(inner);
    }
    (ws, called)
}

/// A call of an SDK function (`mcp.NewTool`, `server.NewMCPServer`): not a wrapper.
fn go_sdk_call(reg: &RegFact, f: &SourceFile) -> bool {
    reg.callee
        .as_deref()
        .is_some_and(|c| c.contains('.') && go_qualifier_sdk(f, c).is_some())
}

/// The wrapper a `go.wrapper-call` registration builds a tool with, unless it only passes
/// its own parameter on (then it is part of a wrapper).
fn go_wrapper_call<'w>(
    reg: &RegFact,
    f: &SourceFile,
    ws: &'w [GoWrapper],
) -> Option<&'w GoWrapper> {
    if reg.style != "go.wrapper-call" || go_sdk_call(reg, f) {
        return None;
    }
    let name = go_callee_name(reg.callee.as_deref()?);
    let w = ws.iter().find(|w| w.func == name)?;
    if go_wrapper_of(reg, ws).is_some() {
        return None;
    }
    Some(w)
}

/// A project's own tool type that the module converts into the SDK's tool
/// (`&mcp.Tool{Name: t.Tool.Name, ...}` where `t api.ServerTool` holds an `api.Tool`): its
/// literals are the tools.
struct GoMirror {
    /// The type's name (`Tool`) and the directories (Go packages) that declare it.
    name: String,
    dirs: Vec<String>,
    /// The converting function, for the registration label.
    via: String,
    sdk: &'static str,
    /// The literal style the type's literals are read with (tool, prompt or resource).
    style: &'static str,
    /// The SDK literal inside the converting function (file, line, column): not a definition.
    at: (String, u32, u32),
}

fn go_mirror_types(files: &[&SourceFile], r: &dyn Resolver) -> Vec<GoMirror> {
    let mut out: Vec<GoMirror> = Vec::new();
    let strip = |t: &str| t.trim().trim_start_matches(['*', '[', ']']).to_string();
    let struct_of = |t: &str| match r.resolve(&Value::Ident(t.to_string())) {
        Value::Object(fields) => Some(fields),
        _ => None,
    };
    for f in files.iter().filter(|f| f.lang == Lang::Go) {
        for reg in &f.facts.regs {
            let style = match reg.style.as_str() {
                "go.Tool-literal" | "go.sdk.AddTool" => "go.Tool-literal",
                "go.Prompt-literal" => "go.Prompt-literal",
                "go.Resource-literal" => "go.Resource-literal",
                _ => continue,
            };
            if !reg_accepted(reg, "", f) {
                continue;
            }
            let Some(func) = &reg.within else { continue };
            let lit = reg.args.get(usize::from(reg.style == "go.sdk.AddTool"));
            let Some(Value::Ident(path)) = lit.and_then(|l| l.get("Name")) else {
                continue;
            };
            let segs: Vec<&str> = path.split('.').collect();
            if segs.len() < 2 || segs[segs.len() - 1] != "Name" {
                continue;
            }
            let Some(mut ty) = func
                .params
                .iter()
                .find(|p| p.name == segs[0])
                .and_then(|p| p.ty.as_deref())
                .map(strip)
            else {
                continue;
            };
            let mut ok = true;
            for seg in &segs[1..segs.len() - 1] {
                let next = struct_of(&ty).and_then(|fields| {
                    let (_, field) = fields.iter().find(|(k, _)| k == seg)?;
                    field.get("type").and_then(|t| t.as_str()).map(strip)
                });
                match next {
                    Some(t) => ty = t,
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            let has_name = |fields: &[(String, Value)]| fields.iter().any(|(k, _)| k == "Name");
            if !ok || !struct_of(&ty).is_some_and(|fs| has_name(&fs)) {
                continue;
            }
            let name = ty.rsplit('.').next().unwrap_or(&ty).to_string();
            let dirs: Vec<String> = files
                .iter()
                .filter(|g| {
                    g.lang == Lang::Go
                        && g.facts.symbols.iter().any(|(k, v)| {
                            *k == name && matches!(v, Value::Object(fs) if has_name(fs))
                        })
                })
                .map(|g| {
                    g.path
                        .rsplit_once('/')
                        .map(|(d, _)| d)
                        .unwrap_or("")
                        .to_string()
                })
                .collect();
            let sdk = go_qualifier_sdk(f, reg.callee.as_deref().unwrap_or(""));
            if let (false, Some(sdk)) = (dirs.is_empty(), sdk) {
                if !out.iter().any(|m| m.name == name && m.style == style) {
                    out.push(GoMirror {
                        name,
                        dirs,
                        via: func.name.clone().unwrap_or_default(),
                        sdk,
                        style,
                        at: (f.path.clone(), reg.line, reg.column),
                    });
                }
            }
        }
    }
    // only types that have literals: otherwise the conversion stays a dynamic definition
    out.retain(|m| {
        files.iter().any(|f| {
            f.lang == Lang::Go
                && f.facts
                    .regs
                    .iter()
                    .any(|r| go_mirror_of(r, f, std::slice::from_ref(m)).is_some())
        })
    });
    out
}

/// The mirror type a rejected `X.Tool{...}` literal is: `X` must be the import of a package
/// that declares it.
fn go_mirror_of<'m>(
    reg: &RegFact,
    f: &SourceFile,
    mirrors: &'m [GoMirror],
) -> Option<&'m GoMirror> {
    let (qual, ty) = reg.callee.as_deref()?.rsplit_once('.')?;
    let m = mirrors
        .iter()
        .find(|m| m.name == ty && m.style == reg.style)?;
    let import = f.facts.imports.iter().find(|i| {
        let local = i
            .alias
            .as_deref()
            .unwrap_or_else(|| i.source.rsplit('/').next().unwrap_or(""));
        local == qual
    })?;
    m.dirs
        .iter()
        .any(|d| {
            !d.is_empty() && (import.source == *d || import.source.ends_with(&format!("/{d}")))
        })
        .then_some(m)
}

/// The declared name of a Go type expression: `*api.ServerTool` → `ServerTool`,
/// `[]Item` → `Item`, `*mcp.CallToolParamsFor[In]` → `In`.
/// None for built-in types and the SDKs' and `context`'s own parameter types.
fn go_type_name(t: &str) -> Option<String> {
    let t = t.trim().trim_start_matches(['*', '[', ']']);
    let t = match t.split_once('[') {
        Some((_, generic)) => generic.trim_end_matches(']'),
        None => t,
    };
    let t = t.trim_start_matches(['*', '[', ']']);
    let name = t.rsplit('.').next().unwrap_or(t);
    let builtin = matches!(
        name,
        "string"
            | "bool"
            | "int"
            | "int32"
            | "int64"
            | "uint"
            | "uint32"
            | "uint64"
            | "float32"
            | "float64"
            | "byte"
            | "rune"
            | "any"
            | "error"
    );
    let known = matches!(name, "Context" | "CallToolRequest" | "ServerSession");
    (!builtin && !known && !name.is_empty() && !name.contains(['{', '(', ' ']))
        .then(|| name.to_string())
}

/// Go: the MCP SDK the package of a qualified name (`mcp.NewTool`, `server.NewMCPServer`,
/// `mcp.Tool`) comes from, through the file's imports — bound to their alias, else to the last
/// path element (`/v2` suffixes skipped); a bare name needs a dot import. None when the
/// qualifier is another package (`llm.Tool`, `openai.NewTool`).
fn go_qualifier_sdk(f: &SourceFile, qualified: &str) -> Option<&'static str> {
    let qual = qualified
        .trim_start_matches(['&', '*'])
        .rsplit_once('.')
        .map(|(q, _)| q.trim());
    f.facts.imports.iter().find_map(|i| {
        let (sdk, _) = sdk::classify(f.lang, &i.source)?;
        let local = match i.alias.as_deref() {
            Some(a) => a,
            None => {
                let mut segs = i.source.rsplit('/');
                let last = segs.next()?;
                let versioned = last.len() > 1
                    && last.starts_with('v')
                    && last[1..].chars().all(|c| c.is_ascii_digit());
                if versioned {
                    segs.next()?
                } else {
                    last
                }
            }
        };
        let hit = match qual {
            Some(q) => local == q,
            None => local == ".",
        };
        hit.then_some(sdk)
    })
}

fn reg_accepted(reg: &RegFact, sdk: &str, f: &SourceFile) -> bool {
    match reg.style.as_str() {
        "rust.Tool::new" | "rust.Tool-literal" => rust_tool_is_rmcp(reg, f),
        // bare `@mcp.tool`: fastmcp ≥ 2.7 only; the mcp SDK raises TypeError.
        "py.decorator-bare" => sdk == "fastmcp",
        // `mcp.tool(fn)`: fastmcp only (the mcp SDK's first parameter is the name)
        "py.tool-call" => sdk == "fastmcp",
        // fastmcp 3.x standalone `@tool` / `@resource(...)` / `@prompt`: only when imported
        // from fastmcp (other frameworks have their own `@tool`)
        "py.standalone" => f.facts.imports.iter().any(|i| {
            let m = match reg.what.as_str() {
                "resource" => "fastmcp.resources",
                "prompt" => "fastmcp.prompts",
                _ => "fastmcp.tools",
            };
            i.source == m || i.source.starts_with(&format!("{m}."))
        }),
        "go.mcp-go.NewTool"
        | "go.mcp-go.NewToolWithRawSchema"
        | "go.mcp-go.NewPrompt"
        | "go.mcp-go.NewResource" => {
            go_qualifier_sdk(f, reg.callee.as_deref().unwrap_or("")) == Some("mark3labs/mcp-go")
        }
        // any other Go definition: its type or constructor must come from an MCP SDK package
        st if st.starts_with("go.") => match reg.callee.as_deref() {
            Some(c) => go_qualifier_sdk(f, c).is_some(),
            None => true,
        },
        // `Tool(...)`, `types.Tool(...)`, `Tool.from_function(...)`: only MCP's (LangChain,
        // OpenAI, Gemini... have a `Tool` class too)
        "py.Tool" | "py.Resource" | "py.Prompt" | "py.from_function" => reg
            .callee
            .as_deref()
            .is_some_and(|c| py_name_from_mcp(f, c)),
        _ => true,
    }
}

fn rejected_reason(reg: &RegFact, sdk: &str, _f: &SourceFile) -> Option<String> {
    (reg.style == "py.decorator-bare" && sdk != "fastmcp").then(|| {
        "bare @<server>.tool decorator without () raises TypeError in the mcp SDK: not registered"
            .to_string()
    })
}

fn new_server(
    root: &str,
    dir: &str,
    ms: &[&Manifest],
    f: &SourceFile,
    s: &ServerFact,
    sdk: &'static str,
    r: &dyn Resolver,
) -> Server {
    // Declared name and version, wherever the SDK keeps them.
    let first = s.args.first().map(|v| r.resolve(v));
    let kw = |k: &str| {
        s.kwargs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| r.resolve(v))
    };
    let (mut name, mut version) = (None, None);
    match &first {
        Some(Value::Str(n)) => {
            name = Some(n.clone());
            version = s.args.get(1).and_then(|v| str_of(v, r));
        }
        Some(obj @ Value::Object(_)) => {
            name = obj.get("name").and_then(|v| str_of(v, r));
            version = obj.get("version").and_then(|v| str_of(v, r));
        }
        Some(call @ Value::Call { .. }) => {
            // go-sdk mcp.NewServer(&mcp.Implementation{Name: ..., Version: ...}, nil)
            name = call.get("Name").and_then(|v| str_of(v, r));
            version = call.get("Version").and_then(|v| str_of(v, r));
        }
        Some(Value::Func(_)) => {
            // createMcpHandler(fn, { serverInfo: {name, version} })
            if let Some(opts) = s.args.get(1).map(|v| r.resolve(v)) {
                if let Some(info) = opts.get("serverInfo") {
                    name = info.get("name").and_then(|v| str_of(v, r));
                    version = info.get("version").and_then(|v| str_of(v, r));
                }
            }
        }
        _ => {}
    }
    if let Some(v) = kw("name") {
        name = str_of(&v, r);
    }
    if let Some(v) = kw("version") {
        version = str_of(&v, r);
    }
    if s.kind == "ts.McpAgent" || s.kind.starts_with("rust.") {
        name = name.or_else(|| s.var.clone());
    }
    Server {
        id: String::new(),
        root: root.into(),
        dir: dir.into(),
        name,
        version: version.or_else(|| ms.iter().find_map(|m| m.version.clone())),
        language: f.lang.name().into(),
        sdk: sdk.into(),
        sdk_version: sdk_version(ms, sdk),
        manifest: ms.first().map(|m| m.path.clone()),
        package: ms.iter().find_map(|m| m.name.clone()),
        entry: Location {
            file: f.path.clone(),
            line: s.line,
            column: s.column,
        },
        kind: s.kind.clone(),
        context: crate::context::APPLICATION.into(),
        sdk_dependency: None,
        features: vec![],
        transports: vec![],
        auth: None,
        tools: vec![],
        resources: vec![],
        prompts: vec![],
        env_vars: vec![],
        endpoints: vec![],
        secrets: vec![],
        flows: vec![],
        observations: vec![],
        launched_by: vec![],
        published_by: vec![],
        owners: None,
    }
}

/// Which of a package's servers a registration belongs to.
fn pick_server(
    servers: &[ServerDraft],
    file: &str,
    receiver: Option<&str>,
    sdk: &str,
) -> Option<usize> {
    if servers.is_empty() {
        return None;
    }
    if let Some(recv) = receiver {
        let recv_last = recv.rsplit(['.', ':']).next().unwrap_or(recv);
        // same file, same variable (`server`, `this.server`, `self.mcp`)
        if let Some(i) = servers.iter().position(|s| {
            s.file == file
                && s.var
                    .as_deref()
                    .is_some_and(|v| v == recv || v == recv_last)
        }) {
            return Some(i);
        }
        // Rust: impl type; others: a module-level server imported by name
        if let Some(i) = servers.iter().position(|s| {
            s.var
                .as_deref()
                .is_some_and(|v| v == recv || v == recv_last)
        }) {
            return Some(i);
        }
    }
    if let Some(i) = servers.iter().position(|s| s.file == file) {
        return Some(i);
    }
    // Go: a package is a directory, and one module often holds several servers (one per
    // command, or one per SDK): prefer the same directory, then the same SDK.
    let dir_of = |p: &str| {
        p.rsplit_once('/')
            .map(|(d, _)| d.to_string())
            .unwrap_or_default()
    };
    if file.ends_with(".go") {
        if let Some(i) = servers
            .iter()
            .position(|s| s.server.sdk == sdk && dir_of(&s.file) == dir_of(file))
        {
            return Some(i);
        }
        if let Some(i) = servers.iter().position(|s| s.server.sdk == sdk) {
            return Some(i);
        }
    }
    Some(0)
}

/// mcp-go's `NewTool` pre-fills the hints since v0.21.0; older versions leave them unset.
fn sdk_prefills_hints(s: &Server) -> bool {
    if s.sdk != "mark3labs/mcp-go" {
        return true;
    }
    let Some(v) = s.sdk_version.as_deref() else {
        return true;
    };
    let mut parts = v
        .trim_start_matches(['v', '^', '~', '='])
        .split(['.', '-'])
        .map(|p| p.parse::<u64>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(major), Some(minor)) => (major, minor) >= (0, 21),
        _ => true,
    }
}

/// Where each tool's handler is, by the tool's (file, line, column).
type Handlers = HashMap<(String, u32, u32), crate::effects::Handler>;

fn add_draft(
    s: &mut Server,
    d: Draft,
    file: &str,
    root: &str,
    unresolved: &mut Vec<Unresolved>,
    handlers: &mut Handlers,
) {
    if let Some(h) = &d.handler {
        let h = match h {
            crate::interpret::HandlerRef::Span(a, b) => crate::effects::Handler::Span {
                file: file.into(),
                span: (*a, *b),
            },
            crate::interpret::HandlerRef::Name(n) => crate::effects::Handler::Name {
                file: file.into(),
                name: n.clone(),
                line: d.line,
            },
        };
        handlers.insert((file.to_string(), d.line, d.column), h);
    }
    let (name, dynamic) = match d.name {
        Ok(n) => (n, false),
        Err(expr) => {
            unresolved.push(gap(
                root,
                file,
                d.line,
                format!("{} name computed at run time: {expr}", what_word(d.what)),
            ));
            (expr, true)
        }
    };
    match d.what {
        What::Tool => {
            if !d.params_resolved {
                unresolved.push(gap(
                    root,
                    file,
                    d.line,
                    format!("input schema of tool {name} not statically known"),
                ));
            }
            s.tools.push(Tool {
                name,
                dynamic,
                file: file.into(),
                line: d.line,
                column: d.column,
                registration: d.style,
                title: d.title.or_else(|| d.annotations.title.clone()),
                description: d.description,
                params: d.params,
                params_resolved: d.params_resolved,
                annotations: d.annotations,
                sdk_default_annotations: d.sdk_defaults.filter(|_| sdk_prefills_hints(s)),
                mutates: None,
                mutates_evidence: vec![],
                effects: vec![],
                annotation_conflict: None,
                flows: vec![],
                env_vars: vec![],
                endpoints: vec![],
            })
        }
        What::Resource => s.resources.push(Resource {
            name,
            uri: d.uri,
            dynamic,
            file: file.into(),
            line: d.line,
        }),
        What::Prompt => s.prompts.push(Prompt {
            name,
            dynamic,
            description: d.description,
            file: file.into(),
            line: d.line,
        }),
    }
}

fn what_word(w: What) -> &'static str {
    match w {
        What::Tool => "tool",
        What::Resource => "resource",
        What::Prompt => "prompt",
    }
}

/// A composition call on a server of the package: (parent, child, prefix) as indexes into
/// `servers`. None when the receiver is no server of the package (Starlette / FastAPI
/// `app.mount("/mcp", ...)` is not MCP composition); a child that is not statically known is
/// listed in coverage.unresolved.
fn mount_parts(
    servers: &[ServerDraft],
    m: &crate::facts::MountFact,
    file: &str,
    root: &str,
    unresolved: &mut Vec<Unresolved>,
) -> Option<(usize, usize, Option<String>)> {
    let find = |name: &str| servers.iter().position(|s| s.var.as_deref() == Some(name));
    let recv_last = m.receiver.rsplit('.').next().unwrap_or(&m.receiver);
    let parent = find(recv_last)?;
    // mount(sub, prefix="x") (fastmcp ≥ 2.9), mount("x", sub) (≤ 2.8), namespace= (3.x)
    let (mut sub, mut prefix, mut other) = (None, None, None);
    for a in &m.args {
        match a {
            Value::Str(s) => prefix = Some(s.clone()),
            Value::Ident(i) => sub = Some(i.clone()),
            v => other = Some(v.text()),
        }
    }
    for (k, v) in &m.kwargs {
        match (k.as_str(), v) {
            ("prefix" | "namespace", Value::Str(s)) => prefix = Some(s.clone()),
            ("server" | "app", Value::Ident(i)) => sub = Some(i.clone()),
            ("server" | "app", v) => other = Some(v.text()),
            _ => {}
        }
    }
    let child = sub
        .as_deref()
        .and_then(|s| find(s.rsplit('.').next().unwrap_or(s)));
    match child {
        Some(c) if c != parent => Some((parent, c, prefix)),
        Some(_) => None,
        None => {
            let what = sub.or(other).unwrap_or_else(|| "?".into());
            let reason = format!(
                "mounted server {what} (into {}) not statically known: its tools are not listed",
                m.receiver
            );
            unresolved.push(gap(root, file, m.line, reason));
            None
        }
    }
}

fn finish_server(s: &mut Server) {
    for t in &mut s.tools {
        let (m, ev) = mutates::decide(t);
        t.mutates = m;
        t.mutates_evidence = ev;
    }
    s.tools.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.name).cmp(&(&b.file, b.line, b.column, &b.name))
    });
    s.tools.dedup_by(|a, b| {
        a.file == b.file && a.line == b.line && a.column == b.column && a.name == b.name
    });
    s.resources
        .sort_by(|a, b| (&a.file, a.line, &a.name).cmp(&(&b.file, b.line, &b.name)));
    s.prompts
        .sort_by(|a, b| (&a.file, a.line, &a.name).cmp(&(&b.file, b.line, &b.name)));
}

fn assign_ids(servers: &mut [Server]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for s in servers.iter_mut() {
        let label = s.name.clone().unwrap_or_else(|| {
            s.entry
                .file
                .rsplit('/')
                .next()
                .unwrap_or("server")
                .to_string()
        });
        let base = format!("{}:{}:{}", s.root, s.dir, label);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        s.id = if *n == 1 { base } else { format!("{base}#{n}") };
    }
}
