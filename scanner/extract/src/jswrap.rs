//! JS/TS tool wrappers: a registration whose name comes from a parameter of the function it
//! sits in (`function addTool({ name, description }) { server.registerTool(name, ...) }`,
//! `registerTool = (name, cfg, cb) => server.registerTool(name, cfg, cb)`, a list handler
//! returning a `tools` parameter) is a template; each call of that function is a tool.
//! Wrappers of wrappers are followed a few levels up. Call sites bind the parameters to their
//! arguments; arguments are closed over the module of the call site.

use crate::assemble::SourceFile;
use crate::facts::{CallFact, JsFn, RegFact};
use crate::interpret::Resolver;
use crate::lang::Lang;
use crate::modules::Modules;
use crate::value::Value;
use std::collections::{HashMap, HashSet};

/// Levels of wrappers followed from a registration to the call that names the tool.
const MAX_LEVELS: usize = 4;
/// Most expansions of one template.
const MAX_SITES: usize = 2000;

/// One call of a wrapper that names a tool: the template registration to interpret with
/// `bound` parameters, located at the call.
pub struct Expansion<'a> {
    pub template: &'a RegFact,
    /// The template with its arguments closed over its own module (the wrapper's file).
    pub reg: RegFact,
    pub sdk: &'static str,
    pub bound: Vec<(String, Value)>,
    /// The receiver, with a parameter replaced by the caller's argument (`server`).
    pub receiver: Option<String>,
    /// Matched by method name only (`ctx.register(...)`): kept only when it names the tool
    /// statically, so that an unrelated `app.register(plugin)` never becomes a tool.
    pub loose: bool,
    pub line: u32,
    pub column: u32,
}

#[derive(Default)]
pub struct JsExpansions<'a> {
    /// Expansions by the file of the call that names the tool.
    pub by_site: HashMap<String, Vec<Expansion<'a>>>,
    /// Templates (file, line, column) that were expanded: not tools themselves.
    pub templates: HashSet<(String, u32, u32)>,
}

/// One file's part of `JsExpansions`, its call sites' expansions in the order found.
#[derive(Default)]
struct FileExpansions<'a> {
    by_site_ordered: Vec<(String, Vec<Expansion<'a>>)>,
    templates: Vec<(String, u32, u32)>,
}

impl<'a> FileExpansions<'a> {
    fn push(&mut self, site: &str, e: Expansion<'a>) {
        match self.by_site_ordered.iter_mut().find(|(s, _)| s == site) {
            Some((_, v)) => v.push(e),
            None => self.by_site_ordered.push((site.to_string(), vec![e])),
        }
    }
}

/// Calls by the function name they call (last segment of the callee).
type Calls<'a> = HashMap<&'a str, Vec<(&'a SourceFile, &'a CallFact)>>;

fn is_js(lang: Lang) -> bool {
    matches!(lang, Lang::TypeScript | Lang::Tsx | Lang::JavaScript)
}

/// Every name a function's parameters bind.
fn param_names(f: &JsFn) -> Vec<&str> {
    let mut out = Vec::new();
    for (var, fields) in &f.params {
        out.extend(var.as_deref());
        out.extend(fields.iter().map(|(_, l)| l.as_str()));
    }
    out
}

fn mentions(v: &Value, names: &[&str]) -> bool {
    if let Some((name, _)) = default_name(v) {
        return names.contains(&name);
    }
    let mut hs = Vec::new();
    v.heads(false, &mut hs);
    hs.iter().any(|h| names.contains(&h.as_str()))
}

/// `toolName || "web_fetch"` / `toolName ?? "web_fetch"`: a name with a default, as
/// (identifier, default).
fn default_name(v: &Value) -> Option<(&str, String)> {
    let Value::Expr(t) = v else { return None };
    let (left, right) = t.split_once("||").or_else(|| t.split_once("??"))?;
    let left = left.trim();
    if left.is_empty()
        || !left
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
    {
        return None;
    }
    let right = right.trim();
    let q = right.chars().next()?;
    if !matches!(q, '"' | '\'' | '`') || right.len() < 2 || !right.ends_with(q) {
        return None;
    }
    let lit = &right[1..right.len() - 1];
    if lit.contains(q) || (q == '`' && lit.contains("${")) {
        return None;
    }
    Some((left, lit.to_string()))
}

/// The values that name the tool(s) of a registration: a template when they use a parameter.
fn naming_values(reg: &RegFact) -> Vec<&Value> {
    let mut out: Vec<&Value> = match reg.style.as_str() {
        "ts.list-handler" => reg.items.iter().collect(),
        s if s.starts_with("ts.") => reg.args.first().into_iter().collect(),
        _ => Vec::new(),
    };
    // `for (const t of tools) server.tool(t.name, ...)`: the list the loop walks names the tools
    if !out.is_empty() {
        out.extend(reg.loops.iter().map(|l| &l.iter));
    }
    out
}

/// A registration with the bound names in place in its arguments and list items (a dynamic
/// name then reads as the caller or the list wrote it).
pub fn with_bound(reg: &crate::facts::RegFact, b: &[(String, Value)]) -> crate::facts::RegFact {
    map_values(reg, |v| subst(v, b, 0))
}

/// A copy of a registration with `f` applied to its arguments, keyword arguments and list
/// items.
fn map_values(reg: &crate::facts::RegFact, f: impl Fn(&Value) -> Value) -> crate::facts::RegFact {
    let mut out = reg.clone();
    out.args = reg.args.iter().map(&f).collect();
    out.items = reg.items.iter().map(&f).collect();
    out.kwargs = reg.kwargs.iter().map(|(k, v)| (k.clone(), f(v))).collect();
    out
}

/// Replace identifiers bound in `b` (`p`, `p.x.y`) by their values.
pub fn subst(v: &Value, b: &[(String, Value)], depth: usize) -> Value {
    if depth > 12 || b.is_empty() {
        return v.clone();
    }
    match v {
        Value::Ident(p) => {
            let (head, rest) = match p.split_once('.') {
                Some((h, r)) => (h, Some(r)),
                None => (p.as_str(), None),
            };
            let Some((_, val)) = b.iter().rev().find(|(n, _)| n == head) else {
                return v.clone();
            };
            let mut cur = val.clone();
            for seg in rest.into_iter().flat_map(|r| r.split('.')) {
                cur = match crate::interpret::builder_object(&cur)
                    .unwrap_or(&cur)
                    .get(seg)
                {
                    Some(x) => x.clone(),
                    None => Value::Member(Box::new(cur), seg.to_string()),
                };
            }
            cur
        }
        Value::Member(base, m) => {
            let base = subst(base, b, depth + 1);
            match base.get(m) {
                Some(x) => x.clone(),
                None => Value::Member(Box::new(base), m.clone()),
            }
        }
        Value::Array(items) => Value::Array(items.iter().map(|i| subst(i, b, depth + 1)).collect()),
        Value::Object(pairs) => {
            // `{ ...config, extra }`: a spread of a known object contributes its keys
            let mut out: Vec<(String, Value)> = Vec::new();
            for (k, x) in pairs {
                let x = subst(x, b, depth + 1);
                match (k.as_str(), &x) {
                    ("...", Value::Spread(inner)) if matches!(**inner, Value::Object(_)) => {
                        if let Value::Object(ps) = &**inner {
                            for (k2, v2) in ps {
                                out.retain(|(k, _)| k != k2);
                                out.push((k2.clone(), v2.clone()));
                            }
                        }
                    }
                    _ => {
                        if k != "..." {
                            out.retain(|(k0, _)| k0 != k);
                        }
                        out.push((k.clone(), x));
                    }
                }
            }
            Value::Object(out)
        }
        Value::Call {
            callee,
            args,
            kwargs,
        } => Value::Call {
            callee: callee.clone(),
            args: args.iter().map(|a| subst(a, b, depth + 1)).collect(),
            kwargs: kwargs
                .iter()
                .map(|(k, x)| (k.clone(), subst(x, b, depth + 1)))
                .collect(),
        },
        Value::Spread(inner) => Value::Spread(Box::new(subst(inner, b, depth + 1))),
        // `toolName || "default"`: the caller's string, or the default when it passed none
        Value::Expr(_) => match default_name(v) {
            Some((name, lit)) => match b.iter().rev().find(|(n, _)| n == name) {
                Some((_, Value::Str(s))) if !s.is_empty() => Value::Str(s.clone()),
                Some((_, Value::Null)) => Value::Str(lit),
                _ => v.clone(),
            },
            None => v.clone(),
        },
        other => other.clone(),
    }
}

/// Bind a function's parameters to a call's arguments.
fn bind(f: &JsFn, args: &[Value]) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if args.iter().any(|a| matches!(a, Value::Spread(_))) {
        // `f(...args)`: positions unknown past the spread
        let upto = args
            .iter()
            .position(|a| matches!(a, Value::Spread(_)))
            .unwrap_or(0);
        return bind_upto(f, &args[..upto]);
    }
    for (i, (var, fields)) in f.params.iter().enumerate() {
        // an argument left out is `undefined`
        let a = args.get(i).unwrap_or(&Value::Null);
        if let Some(v) = var {
            out.push((v.clone(), a.clone()));
        }
        for (prop, local) in fields {
            if let Some(x) = a.get(prop) {
                out.push((local.clone(), x.clone()));
            }
        }
    }
    out
}

/// Bind only the parameters the arguments before a spread reach.
fn bind_upto(f: &JsFn, args: &[Value]) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for ((var, fields), a) in f.params.iter().zip(args) {
        if let Some(v) = var {
            out.push((v.clone(), a.clone()));
        }
        for (prop, local) in fields {
            if let Some(x) = a.get(prop) {
                out.push((local.clone(), x.clone()));
            }
        }
    }
    out
}

/// Resolves names through the module graph only (the file of a call site).
struct ModuleScope<'a> {
    modules: &'a Modules<'a>,
    path: &'a str,
}

impl Resolver for ModuleScope<'_> {
    fn resolve(&self, v: &Value) -> Value {
        match v {
            Value::Ident(p) if self.modules.binds(self.path, p) => self
                .modules
                .lookup(self.path, p)
                .unwrap_or_else(|| v.clone()),
            other => other.clone(),
        }
    }
}

/// Loop elements around a call site, as bindings of the loop's names; one empty binding set
/// when there is no loop or its list does not resolve.
fn loop_bindings(
    call: &CallFact,
    scope: &ModuleScope,
    outer: &[(String, Value)],
) -> Vec<Vec<(String, Value)>> {
    let mut sets: Vec<Vec<(String, Value)>> = vec![Vec::new()];
    for l in &call.loops {
        let mut next = Vec::new();
        for set in &sets {
            let mut all: Vec<(String, Value)> = outer.to_vec();
            all.extend(set.iter().cloned());
            let iter = scope.resolve(&subst(&l.iter, &all, 0));
            match crate::assemble::loop_elements(&iter, scope) {
                Some(els) if !els.is_empty() && next.len() + els.len() <= MAX_SITES => {
                    for (key, el) in els {
                        next.push(crate::assemble::bind_loop_element(l, set, key, &el));
                    }
                }
                _ => next.push(set.clone()),
            }
        }
        sets = next;
    }
    sets
}

pub struct Inputs<'a, 'b> {
    pub files: &'a [SourceFile],
    pub modules: &'b Modules<'a>,
    /// The SDK a file speaks, when it is an MCP file.
    pub sdk_of: &'b (dyn Fn(&SourceFile) -> Option<&'static str> + Sync),
    /// Whether code in file `site` can call a method defined in file `def` (same package, or
    /// a package that depends on it).
    pub reaches: &'b (dyn Fn(&str, &str) -> bool + Sync),
    /// The package (folder) of a file.
    pub package_of: &'b (dyn Fn(&str) -> String + Sync),
}

/// Find every JS/TS wrapper template and the calls that name its tools.
pub fn expand<'a>(inp: &Inputs<'a, '_>) -> JsExpansions<'a> {
    let mut out = JsExpansions::default();
    // calls by the function name they call (last segment of the callee)
    let mut calls: Calls<'a> = HashMap::new();
    for f in inp.files.iter().filter(|f| is_js(f.lang)) {
        for c in &f.facts.calls {
            let name = c.callee.rsplit('.').next().unwrap_or(&c.callee);
            calls.entry(name).or_default().push((f, c));
        }
    }
    if calls.is_empty() {
        return out;
    }
    // each file's templates on their own, side by side; joined in file order
    use rayon::prelude::*;
    let js: Vec<&'a SourceFile> = inp.files.iter().filter(|f| is_js(f.lang)).collect();
    let per_file: Vec<FileExpansions<'a>> = js
        .par_iter()
        .with_max_len(1)
        .map(|f| expand_file(inp, &calls, f))
        .collect();
    for part in per_file {
        out.templates.extend(part.templates);
        for (site, exps) in part.by_site_ordered {
            out.by_site.entry(site).or_default().extend(exps);
        }
    }
    out
}

/// The expansions of the templates in one file (see `expand`).
fn expand_file<'a>(
    inp: &Inputs<'a, '_>,
    calls: &Calls<'a>,
    f: &'a SourceFile,
) -> FileExpansions<'a> {
    let mut out = FileExpansions::default();
    let Some(sdk) = (inp.sdk_of)(f) else {
        return out;
    };
    for reg in &f.facts.regs {
        let Some(within) = &reg.within_js else {
            continue;
        };
        let params = param_names(within);
        let mut sites: Vec<Site<'a>> = Vec::new();
        if naming_values(reg).iter().any(|v| mentions(v, &params)) {
            // the parameters the tool's name comes from
            let naming: Vec<String> = params
                .iter()
                .filter(|p| naming_values(reg).iter().any(|v| mentions(v, &[**p])))
                .map(|p| p.to_string())
                .collect();
            find_sites(
                inp,
                calls,
                f,
                within,
                (Vec::new(), Vec::new()),
                (&naming, 0),
                &mut sites,
            );
            if sites.is_empty() {
                continue;
            }
            // a wrapper call inside a shared registration function names its tool in
            // every other package calling that function too
            let mut shared: Vec<Site<'a>> = Vec::new();
            for (site_file, call, bound, raw, loose) in &sites {
                if let Some(w) = &call.within {
                    let mut foreign = Vec::new();
                    foreign_sites(inp, calls, site_file, w, 0, &mut foreign);
                    for (ff, fc, _, _, _) in foreign {
                        shared.push((ff, fc, bound.clone(), raw.clone(), *loose));
                    }
                }
            }
            sites.extend(shared);
            out.templates.push((f.path.clone(), reg.line, reg.column));
        } else {
            // a shared registration function (`registerDocsTools(server)`): its tools are
            // also those of every other package that calls it
            foreign_sites(inp, calls, f, within, 0, &mut sites);
            if sites.is_empty() {
                continue;
            }
        }
        // the template closed over its own module, its parameters and loops kept open
        let mut keep: Vec<String> = reg.scope_params.clone();
        for l in &reg.loops {
            keep.extend(l.var.iter().cloned());
            keep.extend(l.key.iter().cloned());
            keep.extend(l.fields.iter().map(|(_, x)| x.clone()));
        }
        let closed = map_values(reg, |v| inp.modules.close_in(&f.path, v, &keep));
        for (site_file, call, bound, raw, loose) in sites.into_iter().take(MAX_SITES) {
            let receiver = reg.receiver.as_ref().map(|r| {
                let head = r.split('.').next().unwrap_or(r);
                match raw.iter().rev().find(|(n, _)| n == head) {
                    Some((_, Value::Ident(x))) => {
                        let x = passed_on(inp, calls, site_file, call, x, 0);
                        format!("{x}{}", &r[head.len()..])
                    }
                    _ => r.clone(),
                }
            });
            out.push(
                &site_file.path,
                Expansion {
                    template: reg,
                    reg: closed.clone(),
                    sdk,
                    bound,
                    receiver,
                    loose,
                    line: call.line,
                    column: call.column,
                },
            );
        }
    }
    out
}

/// Method names too common to tell one object's method from another's by name alone
/// (`server.connect(t)`, `app.register(plugin)`, `tool.register(server)`).
const GENERIC_METHODS: &[&str] = &[
    "connect",
    "close",
    "start",
    "stop",
    "run",
    "listen",
    "init",
    "initialize",
    "use",
    "handle",
    "register",
    "setup",
    "call",
    "apply",
    "bind",
    "emit",
    "on",
    "send",
    "write",
    "end",
    "get",
    "set",
    "add",
    "create",
    "build",
    "load",
    "execute",
    "handler",
    "default",
    "main",
];

/// The name a server handed through parameters has where it comes from: `target` in
/// `function setup(target) { registerX(target) }` called as `setup(server)` is `server`
/// (when every call of `setup` passes the same name).
fn passed_on<'a>(
    inp: &Inputs<'a, '_>,
    calls: &HashMap<&str, Vec<(&'a SourceFile, &'a CallFact)>>,
    file: &'a SourceFile,
    call: &CallFact,
    name: &str,
    depth: usize,
) -> String {
    let head = name.split('.').next().unwrap_or(name);
    let Some(w) = call.within.as_ref().filter(|_| depth < MAX_LEVELS) else {
        return name.to_string();
    };
    let Some(pos) = w
        .params
        .iter()
        .position(|(v, _)| v.as_deref() == Some(head))
    else {
        return name.to_string();
    };
    let mut found: Option<(String, &'a SourceFile, &'a CallFact)> = None;
    for (f, c) in calls.get(w.name.as_str()).into_iter().flatten() {
        if !calls_it(inp, file, w, f, c, true) {
            continue;
        }
        match c.args.get(pos) {
            Some(Value::Ident(x)) if found.as_ref().is_none_or(|(y, ..)| y == x) => {
                found = Some((x.clone(), f, c))
            }
            _ => return name.to_string(),
        }
    }
    match found {
        Some((x, f, c)) => {
            let up = passed_on(inp, calls, f, c, &x, depth + 1);
            format!("{up}{}", &name[head.len()..])
        }
        None => name.to_string(),
    }
}

/// Whether `call` in `site` calls `func` defined in `def` (see `find_sites`).
fn calls_it(
    inp: &Inputs,
    def: &SourceFile,
    func: &JsFn,
    site: &SourceFile,
    call: &CallFact,
    // the call must name the tool itself (a template's call): a generic method name is
    // then acceptable, since only calls naming a tool statically are kept
    naming: bool,
) -> bool {
    let bare = !call.callee.contains('.');
    let ok = if bare {
        !func.method && inp.modules.origin(&site.path, &func.name) == Some(&def.path)
    } else {
        (naming || !GENERIC_METHODS.contains(&func.name.as_str()))
            && (inp.reaches)(&site.path, &def.path)
    };
    ok && !(site.path == def.path && call.within.as_ref().is_some_and(|w| w.name == func.name))
}

/// Calls of `func` from other packages than `def`'s, through helpers of `def`'s package.
fn foreign_sites<'a>(
    inp: &Inputs<'a, '_>,
    calls: &HashMap<&str, Vec<(&'a SourceFile, &'a CallFact)>>,
    def: &'a SourceFile,
    func: &JsFn,
    level: usize,
    out: &mut Vec<Site<'a>>,
) {
    if level >= MAX_LEVELS || out.len() >= MAX_SITES {
        return;
    }
    let home = (inp.package_of)(&def.path);
    for (site_file, call) in calls.get(func.name.as_str()).into_iter().flatten() {
        if !calls_it(inp, def, func, site_file, call, false) {
            continue;
        }
        if (inp.package_of)(&site_file.path) != home {
            if !out
                .iter()
                .any(|s| (inp.package_of)(&s.0.path) == (inp.package_of)(&site_file.path))
            {
                let loose = call.callee.contains('.');
                out.push((site_file, call, Vec::new(), Vec::new(), loose));
            }
        } else if let Some(w) = &call.within {
            foreign_sites(inp, calls, site_file, w, level + 1, out);
        }
    }
}

/// Names bound to values.
type Bindings = Vec<(String, Value)>;

/// A call naming tools: (its file, the call, parameter bindings closed and as written,
/// matched by member name only).
type Site<'a> = (
    &'a SourceFile,
    &'a CallFact,
    Vec<(String, Value)>,
    Vec<(String, Value)>,
    bool,
);

/// The calls of `func` (defined in `def`), with `func`'s parameters bound; a call that passes
/// its own enclosing function's parameters on is followed up to that function's calls.
fn find_sites<'a>(
    inp: &Inputs<'a, '_>,
    calls: &HashMap<&str, Vec<(&'a SourceFile, &'a CallFact)>>,
    def: &'a SourceFile,
    func: &JsFn,
    // bindings still to resolve at the outer level: values mention `func`'s parameters;
    // closed over their modules, and as written (for receivers: `server` → `inbox`)
    pending: (Bindings, Bindings),
    // the template's parameters its tool name comes from, and how many wrapper levels up
    // this is
    (naming, level): (&[String], usize),
    out: &mut Vec<Site<'a>>,
) {
    if level >= MAX_LEVELS || out.len() >= MAX_SITES {
        return;
    }
    for (site_file, call) in calls.get(func.name.as_str()).into_iter().flatten() {
        let bare = !call.callee.contains('.');
        if !calls_it(inp, def, func, site_file, call, true) {
            continue;
        }
        // an SDK registration in an MCP file is a tool by itself, not a call of the wrapper
        if (inp.sdk_of)(site_file).is_some()
            && site_file
                .facts
                .regs
                .iter()
                .any(|r| r.line == call.line && r.column == call.column)
        {
            continue;
        }
        let scope = ModuleScope {
            modules: inp.modules,
            path: &site_file.path,
        };
        let mut keep: Vec<String> = call.scope_params.clone();
        for l in &call.loops {
            keep.extend(l.var.iter().cloned());
            keep.extend(l.key.iter().cloned());
            keep.extend(l.fields.iter().map(|(_, x)| x.clone()));
        }
        for loop_b in loop_bindings(call, &scope, &[]) {
            let args: Vec<Value> = call
                .args
                .iter()
                .map(|a| {
                    inp.modules
                        .close_in(&site_file.path, &subst(a, &loop_b, 0), &keep)
                })
                .collect();
            let raw_args: Vec<Value> = call.args.iter().map(|a| subst(a, &loop_b, 0)).collect();
            let mut bound = bind(func, &args);
            let mut raw = bind(func, &raw_args);
            // bindings of inner levels, now in terms of this level's parameters
            let inner: Vec<(String, Value)> = pending
                .0
                .iter()
                .map(|(n, v)| (n.clone(), subst(v, &bound, 0)))
                .collect();
            let inner_raw: Vec<(String, Value)> = pending
                .1
                .iter()
                .map(|(n, v)| (n.clone(), subst(v, &raw, 0)))
                .collect();
            bound.extend(inner);
            raw.extend(inner_raw);
            // does the tool's name still depend on the parameters of the function this call
            // sits in?
            let outer = call.within.as_ref().filter(|w| {
                let ps = param_names(w);
                naming.iter().any(|n| {
                    bound
                        .iter()
                        .rev()
                        .find(|(b, _)| b == n)
                        .is_some_and(|(_, v)| mentions(v, &ps))
                })
            });
            match outer {
                Some(w) if level + 1 < MAX_LEVELS => {
                    let before = out.len();
                    let pend = (bound.clone(), raw.clone());
                    find_sites(inp, calls, site_file, w, pend, (naming, level + 1), out);
                    if out.len() == before {
                        out.push((site_file, call, bound, raw, !bare));
                    }
                }
                _ => out.push((site_file, call, bound, raw, !bare)),
            }
        }
    }
}

/// Names of JS/TS functions that register tools (directly or through each other): files
/// calling them are worth parsing even without an MCP marker of their own.
pub fn wanted_names(files: &[SourceFile]) -> Vec<String> {
    let mut names: HashSet<String> = HashSet::new();
    for f in files.iter().filter(|f| is_js(f.lang)) {
        for reg in &f.facts.regs {
            if let Some(w) = &reg.within_js {
                names.insert(w.name.clone());
            }
        }
    }
    for _ in 0..MAX_LEVELS {
        let before = names.len();
        for f in files.iter().filter(|f| is_js(f.lang)) {
            for c in &f.facts.calls {
                let callee = c.callee.rsplit('.').next().unwrap_or(&c.callee);
                let Some(w) = &c.within else { continue };
                if names.contains(callee) && !names.contains(&w.name) {
                    names.insert(w.name.clone());
                }
            }
        }
        if names.len() == before {
            break;
        }
    }
    let mut v: Vec<String> = names.into_iter().filter(|n| n.len() > 2).collect();
    v.sort();
    v
}
