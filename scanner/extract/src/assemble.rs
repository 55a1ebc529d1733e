//! Facts of one root → servers. A server is an SDK server object (or wrapper) plus what is
//! registered on it. Files are grouped into packages by their nearest manifest; names are
//! resolved through the package's symbols; registrations attach to the server object they are
//! called on, else to the package's server, else to a server in the same root whose package
//! depends on this one; a package with registrations and no server object still yields a
//! server (`kind: registrations-only`) so that no tool is lost.

use crate::facts::{FileFacts, RegFact, ServerFact};
use crate::interpret::{interpret, str_of, Draft, Resolver, What};
use crate::lang::Lang;
use crate::manifest::{Ecosystem, Manifest};
use crate::mutates;
use crate::sdk::{self, Role};
use crate::value::Value;
use mcpsweep_model::{Location, Prompt, Resource, Server, Tool, Unresolved};
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};

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
}

impl PkgResolver<'_> {
    fn lookup(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.file.get(name).or_else(|| self.pkg.get(name)) {
            return Some((*v).clone());
        }
        // `A.B.C`: resolve `A`, then walk members of an object literal.
        let (head, rest) = name.split_once('.')?;
        match self.lookup(head) {
            Some(mut v) => {
                for seg in rest.split('.') {
                    v = self.resolve(&v).get(seg)?.clone();
                }
                Some(v)
            }
            // `module.NAME` / `self.NAME` where the head is an import or an instance.
            None => {
                let last = rest.rsplit('.').next()?;
                self.pkg.get(last).map(|v| (*v).clone())
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
            Value::Member(base, m) => match self.resolve(base).get(m) {
                Some(found) => self.resolve(&found.clone()),
                None => v.clone(),
            },
            _ => v.clone(),
        };
        self.depth.set(d);
        out
    }
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
    if let Some(t) = types {
        return Some((t, false));
    }
    if client_only {
        return None;
    }
    pkg_sdk.map(|s| (s, true))
}

fn manifests_by_dir(manifests: &[Manifest]) -> BTreeMap<String, Vec<&Manifest>> {
    let mut by_dir: BTreeMap<String, Vec<&Manifest>> = BTreeMap::new();
    for m in manifests {
        by_dir.entry(m.dir.clone()).or_default().push(m);
    }
    by_dir
}

/// Package key of a file: (package dir, ecosystem).
pub type PackageKey = (String, Ecosystem);

pub fn package_key(path: &str, lang: Lang, manifests: &[Manifest]) -> PackageKey {
    let eco = eco_of(lang);
    (package_of(path, eco, &manifests_by_dir(manifests)).0, eco)
}

/// Identifiers that registrations and servers use but no parsed file of their package
/// defines, per package. The caller parses the package's other files that mention them
/// (constants and enums often live in files with no SDK marker).
pub fn wanted_symbols(
    files: &[SourceFile],
    manifests: &[Manifest],
) -> BTreeMap<PackageKey, Vec<String>> {
    let by_dir = manifests_by_dir(manifests);
    let mut defined: HashMap<PackageKey, std::collections::HashSet<&str>> = HashMap::new();
    let mut used: BTreeMap<PackageKey, std::collections::BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let eco = eco_of(f.lang);
        let key = (package_of(&f.path, eco, &by_dir).0, eco);
        let d = defined.entry(key.clone()).or_default();
        for (k, _) in &f.facts.symbols {
            d.insert(k.split('.').next().unwrap_or(k));
        }
        let u = used.entry(key).or_default();
        let mut names = Vec::new();
        for r in &f.facts.regs {
            r.args
                .iter()
                .chain(r.kwargs.iter().map(|(_, v)| v))
                .chain(r.items.iter())
                .for_each(|v| idents(v, &mut names, 0));
            if let Some(func) = &r.func {
                for p in &func.params {
                    if let Some(inner) =
                        p.ty.as_deref()
                            .and_then(|t| t.split_once('<'))
                            .map(|(_, r)| r.trim_end_matches('>'))
                    {
                        names.push(inner.to_string());
                    }
                }
            }
        }
        for s in &f.facts.servers {
            s.args.iter().for_each(|v| idents(v, &mut names, 0));
        }
        u.extend(names);
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
        Value::Ident(p) => out.push(p.split(['.', ':']).next().unwrap_or(p).to_string()),
        Value::Member(b, _) | Value::Spread(b) => idents(b, out, depth + 1),
        Value::Array(items) => items.iter().for_each(|i| idents(i, out, depth + 1)),
        Value::Object(pairs) => pairs.iter().for_each(|(_, i)| idents(i, out, depth + 1)),
        Value::Call { args, kwargs, .. } => args
            .iter()
            .chain(kwargs.iter().map(|(_, v)| v))
            .for_each(|i| idents(i, out, depth + 1)),
        _ => {}
    }
}

pub fn assemble(root: &str, files: &[SourceFile], manifests: &[Manifest]) -> Assembled {
    let by_dir = manifests_by_dir(manifests);
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
    let mut servers: Vec<ServerDraft> = Vec::new();
    // Registrations that found no server in their package: (package key, drafts).
    let mut orphans: Vec<(PackageKey, Vec<Pending>)> = Vec::new();

    for (key, pfiles) in &packages {
        let ms = &pkg_manifest[key];
        let pkg_sdk = ms.iter().find_map(|m| m.sdk()).map(|(s, _)| s);
        let pkg_syms: HashMap<&str, &Value> = {
            let mut h = HashMap::new();
            for f in pfiles {
                for (k, v) in &f.facts.symbols {
                    h.entry(k.as_str()).or_insert(v);
                }
            }
            h
        };
        let first_start = servers.len();
        let mut drafts: Vec<Pending> = Vec::new();
        let mut mounts = Vec::new();
        for f in pfiles {
            let Some((sdk, via_package)) = file_sdk(f, pkg_sdk) else {
                continue;
            };
            let file_syms: HashMap<&str, &Value> = {
                let mut h = HashMap::new();
                for (k, v) in &f.facts.symbols {
                    h.entry(k.as_str()).or_insert(v);
                }
                h
            };
            let r = PkgResolver {
                file: &file_syms,
                pkg: &pkg_syms,
                depth: Cell::new(0),
            };
            // ---- servers
            let has_mcpserver = f.facts.servers.iter().any(|s| s.kind == "ts.new");
            for s in &f.facts.servers {
                if !server_accepted(s, f, sdk) {
                    continue;
                }
                if s.kind == "ts.McpAgent" && has_mcpserver {
                    continue; // the McpServer field inside the agent is the server object
                }
                if f.lang == Lang::Rust {
                    // one server per type: ServerHandler impl and tool_router impls merge
                    let var = s.var.clone();
                    if servers[first_start..]
                        .iter()
                        .any(|d| d.var == var && d.server.language == "rust")
                    {
                        continue;
                    }
                }
                servers.push(ServerDraft {
                    server: new_server(root, &key.0, ms, f, s, sdk, &r),
                    var: s.var.clone(),
                    file: f.path.clone(),
                });
            }
            // ---- registrations
            for reg in &f.facts.regs {
                // A file with no MCP import of its own can only register on a server it was
                // handed (a parameter, an import): a receiver bound in the file to something
                // else (`const reg = new FakeRegistry()`) is not an MCP server.
                if via_package && receiver_bound_locally(reg, &file_syms) {
                    continue;
                }
                if !reg_accepted(reg, sdk, f) {
                    if let Some(reason) = rejected_reason(reg, sdk, f) {
                        unresolved.push(Unresolved {
                            root: root.into(),
                            file: f.path.clone(),
                            line: reg.line,
                            reason,
                        });
                    }
                    continue;
                }
                let res = interpret(reg, &r);
                for (line, reason) in res.unresolved {
                    unresolved.push(Unresolved {
                        root: root.into(),
                        file: f.path.clone(),
                        line,
                        reason,
                    });
                }
                for d in res.drafts {
                    drafts.push((d, f.path.clone(), reg.receiver.clone(), sdk));
                }
            }
            for m in &f.facts.mounts {
                mounts.push((m.clone(), f.path.clone(), r.resolve(&Value::Null)));
            }
        }
        // ---- attach registrations to this package's servers
        let local = first_start..servers.len();
        let mut left = Vec::new();
        for (d, file, receiver, sdk) in drafts {
            match pick_server(&servers[local.clone()], &file, receiver.as_deref()) {
                Some(i) => add_draft(
                    &mut servers[first_start + i].server,
                    d,
                    &file,
                    root,
                    &mut unresolved,
                ),
                None => left.push((d, file, receiver, sdk)),
            }
        }
        if !left.is_empty() {
            orphans.push((key.clone(), left));
        }
        // ---- fastmcp mount(sub, prefix=...) / import_server(sub, prefix)
        for (m, file, _) in mounts {
            apply_mount(
                &mut servers[local.clone()],
                &m,
                &file,
                root,
                &mut unresolved,
            );
        }
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
                    transports: vec![],
                    auth: None,
                    tools: vec![],
                    resources: vec![],
                    prompts: vec![],
                    env_vars: vec![],
                    endpoints: vec![],
                };
                s.sdk_version = sdk_version(ms, sdk);
                servers.push(ServerDraft {
                    server: s,
                    var: None,
                    file: file.clone(),
                });
                servers.len() - 1
            }
        };
        for (d, file, _, _) in left {
            add_draft(&mut servers[idx].server, d, &file, root, &mut unresolved);
        }
    }

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
        "py.new" => match s.ctor.as_str() {
            "Server" => imports().any(|i| i.starts_with("mcp.server")),
            _ => true,
        },
        "go.NewMCPServer" => sdk == "mark3labs/mcp-go",
        "go.NewServer" => sdk == "modelcontextprotocol/go-sdk",
        _ => true,
    }
}

fn reg_accepted(reg: &RegFact, sdk: &str, f: &SourceFile) -> bool {
    match reg.style.as_str() {
        // bare `@mcp.tool`: fastmcp ≥ 2.7 only; the mcp SDK raises TypeError.
        "py.decorator-bare" => sdk == "fastmcp",
        "go.mcp-go.NewTool"
        | "go.mcp-go.NewToolWithRawSchema"
        | "go.mcp-go.NewPrompt"
        | "go.mcp-go.NewResource" => sdk == "mark3labs/mcp-go",
        "py.Tool" => f.facts.imports.iter().any(|i| i.source.starts_with("mcp")),
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
        transports: vec![],
        auth: None,
        tools: vec![],
        resources: vec![],
        prompts: vec![],
        env_vars: vec![],
        endpoints: vec![],
    }
}

/// Which of a package's servers a registration belongs to.
fn pick_server(servers: &[ServerDraft], file: &str, receiver: Option<&str>) -> Option<usize> {
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
    Some(0)
}

fn add_draft(s: &mut Server, d: Draft, file: &str, root: &str, unresolved: &mut Vec<Unresolved>) {
    let (name, dynamic) = match d.name {
        Ok(n) => (n, false),
        Err(expr) => {
            unresolved.push(Unresolved {
                root: root.into(),
                file: file.into(),
                line: d.line,
                reason: format!("{} name computed at run time: {expr}", what_word(d.what)),
            });
            (expr, true)
        }
    };
    match d.what {
        What::Tool => {
            if !d.params_resolved {
                unresolved.push(Unresolved {
                    root: root.into(),
                    file: file.into(),
                    line: d.line,
                    reason: format!("input schema of tool {name} not statically known"),
                });
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
                sdk_default_annotations: d.sdk_defaults,
                mutates: None,
                mutates_evidence: vec![],
                effects: vec![],
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

fn apply_mount(
    servers: &mut [ServerDraft],
    m: &crate::facts::MountFact,
    file: &str,
    root: &str,
    unresolved: &mut Vec<Unresolved>,
) {
    // mount(sub, prefix="x") (fastmcp ≥ 2.9), mount("x", sub) (≤ 2.8), namespace= (3.x)
    let (mut sub, mut prefix) = (None, None);
    for a in &m.args {
        match a {
            Value::Str(s) => prefix = Some(s.clone()),
            Value::Ident(i) => sub = Some(i.clone()),
            _ => {}
        }
    }
    for (k, v) in &m.kwargs {
        match (k.as_str(), v) {
            ("prefix" | "namespace", Value::Str(s)) => prefix = Some(s.clone()),
            ("server" | "app", Value::Ident(i)) => sub = Some(i.clone()),
            _ => {}
        }
    }
    let Some(sub) = sub else {
        unresolved.push(Unresolved {
            root: root.into(),
            file: file.into(),
            line: m.line,
            reason: "mounted server not statically known".into(),
        });
        return;
    };
    let find = |name: &str| servers.iter().position(|s| s.var.as_deref() == Some(name));
    let recv_last = m
        .receiver
        .rsplit('.')
        .next()
        .unwrap_or(&m.receiver)
        .to_string();
    let (Some(parent), Some(child)) = (find(&recv_last), find(&sub)) else {
        unresolved.push(Unresolved {
            root: root.into(),
            file: file.into(),
            line: m.line,
            reason: format!(
                "mount of {sub} into {} not resolved to server objects",
                m.receiver
            ),
        });
        return;
    };
    if parent == child {
        return;
    }
    let tools: Vec<Tool> = servers[child].server.tools.clone();
    for mut t in tools {
        if let Some(p) = &prefix {
            t.name = format!("{p}_{}", t.name);
        }
        t.registration = format!("py.mount({})", t.registration);
        servers[parent].server.tools.push(t);
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
