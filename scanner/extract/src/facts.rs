//! Per-file facts: run the language's one compiled query over a parsed file and map captures
//! to owned facts through the capture vocabulary of `grammars/README.md`.

use crate::fields::{FieldExt, KindExt};
use crate::lang::Lang;
use crate::value::{named_children, truncate, Eval, FnInfo, Value};
use mcpsweep_model::Param;
use std::cell::RefCell;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};
use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, ParseOptions, Parser, QueryCursor, QueryCursorOptions};

/// What one file contributes. Everything is owned: trees do not outlive extraction.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, Default, PartialEq)]
pub struct FileFacts {
    pub imports: Vec<Import>,
    pub servers: Vec<ServerFact>,
    pub regs: Vec<RegFact>,
    pub symbols: Vec<(String, Value)>,
    pub mounts: Vec<MountFact>,
    /// JS/TS module bindings: imports, `require`s and re-exports.
    pub links: Vec<ModuleLink>,
    /// JS/TS calls in statement position (`registerX(server)`, `context.addThing({...})`,
    /// `return helper(name, cfg)`): the possible call sites of tool wrappers.
    pub calls: Vec<CallFact>,
    /// Every call site (`@site`): what the effect, credential, endpoint and transport
    /// tables of `grammars/<lang>/effects.toml` are matched against.
    pub sites: Vec<Site>,
    /// Named functions and methods (`@fn`): where a handler's helpers are found by name.
    pub fn_spans: Vec<FnSpan>,
    /// Environment reads that are not calls (`process.env.X`, `os.environ["X"]`).
    pub env_refs: Vec<EnvRef>,
    /// Secrets written as literals into constants (kind, name, line, fingerprint; the
    /// value itself is not kept). `file` is filled in by the assembler.
    pub secrets: Vec<mcpsweep_model::HardcodedSecret>,
    /// Lines carrying a secret-scanner allow comment (`# pragma: allowlist secret`,
    /// `// gitleaks:allow`): a literal there was reviewed and is not reported.
    pub secret_allow: Vec<u32>,
    /// Code patterns audit rules read (`@pattern.<kind>`, `patterns.rs`). `file` is filled
    /// in by the assembler.
    pub observations: Vec<mcpsweep_model::Observation>,
    /// Data-flow facts (`<lang>/flows.scm`): function scopes and parameters, assignments,
    /// returned and thrown values, low-level tools/call handlers (see `taint.rs`).
    pub flow: crate::taint::FlowFacts,
    /// First syntax error (line, column), when the file did not parse cleanly.
    pub syntax_error: Option<(u32, u32)>,
}

/// Most arguments kept per call site.
pub const SITE_ARGS: usize = 8;

/// A call site: the callee as written (`fs.promises.writeFile`, `subprocess.run`,
/// `std::fs::write`, `exec.Command`) and its first arguments, evaluated.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Site {
    pub callee: String,
    pub args: Vec<Value>,
    pub kwargs: Vec<(String, Value)>,
    pub line: u32,
    /// 1-based column of the call's start.
    pub column: u32,
    pub byte: usize,
    /// End byte of the whole call (or Go composite literal): sites within are nested in it.
    pub end: usize,
    /// A struct literal (`http.Server{Addr: ...}`), not a call: it configures transports,
    /// binds and auth, but performs no effect.
    pub literal: bool,
    /// Arguments replaced by the value of the local variable they name (Rust `let url =
    /// format!(..); client.get(&url)`): (position, name). Data flows read the variable.
    pub replaced: Vec<(usize, String)>,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct FnSpan {
    pub name: String,
    pub span: (usize, usize),
    pub line: u32,
    /// The type whose `impl` block holds the function (Rust `@fn.owner`).
    pub owner: Option<String>,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct EnvRef {
    /// The variable name, or None when it is computed.
    pub name: Option<String>,
    /// How it is read: `process.env`, `os.environ`, destructuring...
    pub form: String,
    pub line: u32,
    pub byte: usize,
}

/// `import { A as B } from "./m"` → (B, "./m", A); `import D from "./m"` → (D, "./m",
/// "default"); `import * as NS from "./m"` / `const NS = require("./m")` → (NS, "./m", "*");
/// `export { A as C } from "./m"` → (C, "./m", A); `export * from "./m"` → ("*", "./m", "*").
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct ModuleLink {
    pub local: String,
    pub source: String,
    pub imported: String,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Import {
    pub source: String,
    /// The local name the import is bound to, when the statement gives one (`@import.alias`).
    pub alias: Option<String>,
    pub line: u32,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct ServerFact {
    /// `#set! kind` of the pattern, e.g. `ts.new`.
    pub kind: String,
    /// The constructor or marker name captured by `@server.ctor`.
    pub ctor: String,
    /// The variable / field / type the server is bound to.
    pub var: Option<String>,
    pub args: Vec<Value>,
    pub kwargs: Vec<(String, Value)>,
    pub line: u32,
    pub column: u32,
}

/// A registration site (or a tool definition) found by a `@reg` pattern.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct RegFact {
    /// `#set! style`, e.g. `ts.registerTool`, `py.decorator`.
    pub style: String,
    /// `tool`, `resource` or `prompt` (`#set! what`, default `tool`).
    pub what: String,
    /// Source text of the object the registration is called on, when there is one.
    pub receiver: Option<String>,
    pub args: Vec<Value>,
    pub kwargs: Vec<(String, Value)>,
    /// The decorated / attributed function, or the handler.
    pub func: Option<FnInfo>,
    /// Items found in a list handler (low-level servers).
    pub items: Vec<Value>,
    /// Attribute arguments (Rust `#[tool(...)]`), as keyword arguments.
    pub attr: Option<Vec<(String, Value)>>,
    /// Source text of the definition's constructor or type (`mcp.NewTool`, `mcp.Tool`).
    pub callee: Option<String>,
    /// JS/TS: parameters of the functions around the registration. They are bound at run time,
    /// so they are never resolved as package constants of the same name.
    pub scope_params: Vec<String>,
    /// JS/TS: loops around the registration, outermost first.
    pub loops: Vec<LoopFact>,
    /// JS/TS: the named function the registration sits in.
    pub within_js: Option<JsFn>,
    /// The named function the registration sits in directly (not through a closure): a
    /// definition whose name is one of its parameters makes that function a tool wrapper.
    pub within: Option<FnInfo>,
    pub line: u32,
    pub column: u32,
}

/// A positional JS/TS parameter: its name when bound whole, and its destructured fields as
/// (property, local name).
pub type JsParam = (Option<String>, Vec<(String, String)>);

/// A JS/TS function a registration or call sits in, by name: a registration that takes its
/// name from one of the parameters makes the function a tool wrapper.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct JsFn {
    pub name: String,
    /// A method (`obj.name(...)` calls it) rather than a plain function (`name(...)`).
    pub method: bool,
    /// Positional parameters: the whole parameter's name and/or its destructured fields.
    pub params: Vec<JsParam>,
}

/// A JS/TS call in statement position, with the scope around it.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct CallFact {
    /// Callee text: `registerTool`, `context.accountTool`, `this.add`.
    pub callee: String,
    pub args: Vec<Value>,
    pub scope_params: Vec<String>,
    pub loops: Vec<LoopFact>,
    pub within: Option<JsFn>,
    pub line: u32,
    pub column: u32,
}

/// A loop around a registration: `for (const t of X)`, `X.forEach((t) => ...)`,
/// `for (const [name, def] of Object.entries(X))`, `for (const { name, schema } of X)`.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct LoopFact {
    /// The element's variable, when it is bound whole.
    pub var: Option<String>,
    /// Destructured element fields: (property, local name).
    pub fields: Vec<(String, String)>,
    /// `[k, v]` of `Object.entries(X)`: the name bound to the key.
    pub key: Option<String>,
    /// What is iterated.
    pub iter: Value,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct MountFact {
    pub receiver: String,
    pub args: Vec<Value>,
    pub kwargs: Vec<(String, Value)>,
    pub line: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("parse timed out after {0:?}")]
    Timeout(Duration),
    #[error("query timed out after {0:?}")]
    QueryTimeout(Duration),
    #[error("parser could not be set up for {0:?}")]
    Language(Lang),
}

pub struct Limits {
    pub parse_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            parse_timeout: Duration::from_secs(5),
        }
    }
}

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new(Parser::new());
    static CURSOR: RefCell<QueryCursor> = RefCell::new(QueryCursor::new());
}

/// Parse `src` as `lang` and extract its facts.
pub fn extract(lang: Lang, src: &[u8], limits: &Limits) -> Result<FileFacts, ExtractError> {
    extract_at(lang, src, limits, 0)
}

fn extract_at(
    lang: Lang,
    src: &[u8],
    limits: &Limits,
    depth: usize,
) -> Result<FileFacts, ExtractError> {
    let tree = PARSER.with(|p| {
        let mut p = p.borrow_mut();
        p.set_language(&lang.language())
            .map_err(|_| ExtractError::Language(lang))?;
        let start = Instant::now();
        let budget = limits.parse_timeout;
        let mut progress = |_: &tree_sitter::ParseState| {
            if start.elapsed() > budget {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let len = src.len();
        let tree = p.parse_with_options(
            &mut |i, _| if i < len { &src[i..] } else { &[] },
            None,
            Some(ParseOptions::new().progress_callback(&mut progress)),
        );
        p.reset();
        tree.ok_or(ExtractError::Timeout(budget))
    })?;
    let root = tree.root_node();
    let ev = Eval::new(src, root);
    let mut facts = FileFacts::default();
    if root.has_error() {
        facts.syntax_error = first_error(root);
    }
    let query = lang.query();
    // Rust test code (`#[cfg(test)] mod tests`, `#[test] fn`): its patterns, calls and
    // environment reads say nothing about the server
    let rust_tests = match lang {
        Lang::Rust => rust_test_ranges(&ev, root),
        _ => Vec::new(),
    };
    let names = query.capture_names();
    CURSOR.with(|c| -> Result<(), ExtractError> {
        let mut cursor = c.borrow_mut();
        cursor.set_match_limit(4096);
        let start = Instant::now();
        let budget = limits.parse_timeout;
        let timed_out = std::cell::Cell::new(false);
        let mut progress = |_: &tree_sitter::QueryCursorState| {
            if start.elapsed() > budget {
                timed_out.set(true);
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let opts = QueryCursorOptions::new().progress_callback(&mut progress);
        let mut matches = cursor.matches_with_options(query, root, src, opts);
        // (style, line, column) of general matches that a more specific pattern replaces
        let mut superseded: Vec<(String, u32, u32)> = Vec::new();
        // Go: local string constants per function (by node id)
        let mut go_locals: GoLocals = std::collections::HashMap::new();
        // Rust: local bindings per function (by node id)
        let mut rs_locals: RustLocals = std::collections::HashMap::new();
        // code-pattern observations, until the file's imports are known
        let mut observed: Vec<crate::patterns::Pending> = Vec::new();
        let mut bindings: Option<crate::patterns::Index> = None;
        // Rust functions' tail expressions (see taint::collect)
        let mut tails: Vec<crate::taint::Ret> = Vec::new();
        while let Some(m) = matches.next() {
            let props = query.property_settings(m.pattern_index);
            let prop = |k: &str| {
                props
                    .iter()
                    .find(|p| &*p.key == k)
                    .and_then(|p| p.value.as_deref())
            };
            let cap = |name: &str| {
                m.captures()
                    .iter()
                    .find(|c| names[c.index as usize] == name)
                    .map(|c| c.node)
            };
            // the copy of a file's macro arguments (depth > 0) yields only registrations,
            // call sites and environment reads (see the end of this function): its code
            // patterns and data flow are not looked at
            if crate::patterns::is_pattern(m, names) {
                if depth == 0 {
                    observed.extend(crate::patterns::observe(&ev, query, m, root, &mut bindings));
                }
                continue;
            }
            if depth > 0 && crate::taint::is_flow(m, names) {
                continue;
            }
            if crate::taint::collect(&ev, query, m, names, &mut facts.flow, &mut tails) {
                continue;
            }
            if let Some(node) = cap("site") {
                let Some(callee) = cap("site.callee") else {
                    continue;
                };
                // Rust macro calls: `name!` with the groups of the token tree as arguments
                let is_macro = prop("macro").is_some();
                // Rust struct literals (`StreamableHttpServerConfig { allowed_hosts, .. }`):
                // the fields are keyword arguments
                let is_struct = node.kind_str() == "struct_expression";
                let (mut args, kwargs) = match cap("site.args") {
                    Some(a) if is_macro => (ev.macro_args(a), Vec::new()),
                    Some(_) if is_struct => match ev.value(node) {
                        Value::Call { args, kwargs, .. } => (args, kwargs),
                        _ => (Vec::new(), Vec::new()),
                    },
                    Some(a) => ev.args(a, crate::value::SITE_ARGS_DEPTH),
                    None => (Vec::new(), Vec::new()),
                };
                // enough for an argument vector (`exec.Command("kubectl", "get", "pods", "-n", ns)`)
                args.truncate(SITE_ARGS);
                let mut callee = normalize_callee(ev.text(callee));
                if is_macro {
                    callee.push('!');
                }
                let mut kwargs = kwargs;
                let mut replaced = Vec::new();
                if lang == Lang::Rust {
                    // `let url = format!(..); client.get(&url)`: locals bound once in the function
                    let local = |v: &Value| matches!(v, Value::Ident(n) if !n.contains(['.', ':']));
                    if args.iter().chain(kwargs.iter().map(|(_, v)| v)).any(local) {
                        if let Some(locals) = rust_locals(&ev, node, &mut rs_locals) {
                            let n_args = args.len();
                            for (i, v) in args
                                .iter_mut()
                                .chain(kwargs.iter_mut().map(|(_, v)| v))
                                .enumerate()
                            {
                                if let Value::Ident(n) = v {
                                    if let Some(Some(x)) = locals.get(n.as_str()) {
                                        if i < n_args {
                                            replaced.push((i, std::mem::take(n)));
                                        }
                                        *v = x.clone();
                                    }
                                }
                            }
                        }
                    }
                }
                if lang == Lang::Go {
                    // `q := "INSERT ..."; db.Exec(q)`: local string constants of the function
                    if let Some(locals) = go_local_strings(&ev, node, &mut go_locals) {
                        for v in args.iter_mut().chain(kwargs.iter_mut().map(|(_, v)| v)) {
                            substitute_locals(v, locals, 0);
                        }
                    }
                }
                facts.sites.push(Site {
                    callee,
                    args,
                    kwargs,
                    line: line_of(node),
                    column: node.start_position().column as u32 + 1,
                    byte: node.start_byte(),
                    end: node.end_byte(),
                    literal: is_struct
                        || matches!(node.kind_str(), "composite_literal" | "literal_element"),
                    replaced,
                });
                continue;
            } else if let Some(node) = cap("fn") {
                if let Some(name) = cap("fn.name") {
                    let span = (node.start_byte(), node.end_byte());
                    let owner = cap("fn.owner").map(|o| ev.text(o).to_string());
                    // a method matched by the plain and by the `impl` pattern is one function
                    let dup = if lang == Lang::Rust {
                        facts.fn_spans.iter_mut().rev().find(|f| f.span == span)
                    } else {
                        None
                    };
                    if let Some(old) = dup {
                        if owner.is_some() {
                            old.owner = owner;
                        }
                        continue;
                    }
                    facts.fn_spans.push(FnSpan {
                        name: ev.text(name).to_string(),
                        span,
                        line: line_of(node),
                        owner,
                    });
                }
                continue;
            } else if let Some(node) = cap("env") {
                let name = cap("env.name").map(|n| match ev.value(n) {
                    // Go struct tags (`env:"TOKEN,required" json:"token"`): the value of the
                    // first of the keys the pattern names
                    Value::Str(s) if prop("tag").is_some() => prop("tag")
                        .unwrap_or("")
                        .split_whitespace()
                        .find_map(|k| struct_tag(&s, k)),
                    Value::Str(s) => Some(s),
                    Value::Ident(i) if !i.contains('.') => Some(i),
                    // destructuring patterns are not expressions: their text is the name
                    _ => Some(ev.text(n).to_string()).filter(|t| {
                        !t.is_empty() && t.chars().all(|c| c.is_alphanumeric() || c == '_')
                    }),
                });
                let mut name = name.flatten();
                // clap `#[arg(env)]`: the field name in upper case
                if prop("case") == Some("upper") {
                    name = name.map(|n| n.to_uppercase());
                }
                facts.env_refs.push(EnvRef {
                    name,
                    form: prop("form").unwrap_or("env").to_string(),
                    line: line_of(node),
                    byte: node.start_byte(),
                });
                continue;
            }
            if let Some(node) = cap("import") {
                if let Some(src_node) = cap("import.source") {
                    let s = match ev.value(src_node) {
                        Value::Str(s) => s,
                        _ => ev.text(src_node).trim_matches(['"', '`', '\'']).to_string(),
                    };
                    js_links(&ev, node, &s, &mut facts.links);
                    // Python `from m import a`: the imported name says more than the module
                    // (`fastmcp.FastMCP` is a server, `fastmcp.Client` a client)
                    let s = match cap("import.name") {
                        Some(n) => format!("{s}.{}", ev.text(n)),
                        None => s,
                    };
                    facts.imports.push(Import {
                        source: s,
                        alias: cap("import.alias").map(|a| ev.text(a).to_string()),
                        line: line_of(node),
                    });
                }
            } else if let Some(node) = cap("server") {
                let (args, mut kwargs) = match cap("server.args") {
                    Some(a) => ev.args(a, 0),
                    None => (Vec::new(), Vec::new()),
                };
                // Rust: a server marked by an attribute on the item (`#[tool_router(...)]`);
                // its arguments become keyword arguments.
                if let Some(attr) = prop("attr") {
                    match rust_attribute(&ev, node, attr) {
                        Some(a) => kwargs.extend(a),
                        None => continue,
                    }
                }
                if in_rust_test_code(&ev, node) {
                    continue;
                }
                let var = cap("server.var")
                    .map(|n| ev.text(n).to_string())
                    .or_else(|| binding_name(&ev, node));
                let p = node.start_position();
                facts.servers.push(ServerFact {
                    kind: prop("kind").unwrap_or("server").to_string(),
                    ctor: cap("server.ctor")
                        .map(|n| ev.text(n).to_string())
                        .unwrap_or_default(),
                    var,
                    args,
                    kwargs,
                    line: p.row as u32 + 1,
                    column: p.column as u32 + 1,
                });
            } else if let Some(node) = cap("reg") {
                let style = prop("style").unwrap_or("unknown").to_string();
                if in_rust_test_code(&ev, node) {
                    continue; // `#[cfg(test)] mod tests`, `#[test] fn`
                }
                let (mut args, mut kwargs) = match cap("reg.args") {
                    Some(a) => ev.args(a, 0),
                    None => (Vec::new(), Vec::new()),
                };
                if let Some(v) = cap("reg.value") {
                    args.insert(0, ev.value(v));
                }
                if prop("chain") == Some("method") {
                    kwargs.extend(chained_calls(&ev, node));
                }
                let mut func = cap("reg.fn").map(|f| ev.function(f));
                let items = match cap("reg.handler") {
                    Some(h) => list_items(&ev, h),
                    None => Vec::new(),
                };
                let attr = cap("reg.fn").and_then(|f| rust_attribute(&ev, f, prop("attr")?));
                if prop("attr").is_some() && attr.is_none() {
                    continue; // a method without the required attribute
                }
                if let (Some(f), Some(fnode)) = (func.as_mut(), cap("reg.fn")) {
                    if prop("attr").is_some() {
                        f.params = rust_tool_params(&ev, fnode);
                        f.doc = rust_doc(&ev, fnode);
                    }
                }
                let receiver = cap("reg.receiver")
                    .map(|n| ev.text(n).to_string())
                    .or_else(|| enclosing_receiver(&ev, node));
                if lang == Lang::Go {
                    // `name := "x"; mcp.NewTool(name, ...)`: local string constants
                    if let Some(locals) = go_local_strings(&ev, node, &mut go_locals) {
                        for v in args.iter_mut().chain(kwargs.iter_mut().map(|(_, v)| v)) {
                            substitute_locals(v, locals, 0);
                        }
                    }
                }
                let (scope_params, loops) = js_scope(&ev, node);
                // Decorated definitions are located at the function name, calls at the call.
                let at = cap("reg.at").unwrap_or(node);
                let p = at.start_position();
                facts.regs.push(RegFact {
                    style,
                    what: prop("what").unwrap_or("tool").to_string(),
                    receiver,
                    args,
                    kwargs,
                    func,
                    items,
                    attr,
                    callee: cap("reg.callee").map(|c| ev.text(c).to_string()),
                    scope_params,
                    loops,
                    within_js: js_within(&ev, node),
                    within: enclosing_function(&ev, node),
                    line: p.row as u32 + 1,
                    column: p.column as u32 + 1,
                });
                if let Some(old) = prop("supersedes") {
                    superseded.push((old.to_string(), p.row as u32 + 1, p.column as u32 + 1));
                }
            } else if let Some(node) = cap("mount") {
                let (args, kwargs) = match cap("mount.args") {
                    Some(a) => ev.args(a, 0),
                    None => (Vec::new(), Vec::new()),
                };
                facts.mounts.push(MountFact {
                    receiver: cap("mount.receiver")
                        .map(|n| ev.text(n).to_string())
                        .unwrap_or_default(),
                    args,
                    kwargs,
                    line: line_of(node),
                });
            } else if let (Some(name), Some(value)) = (cap("symbol.name"), cap("symbol.value")) {
                if let Value::Str(text) = ev.value(value) {
                    if let Some(kind) = crate::effects::secret_kind(Some(ev.text(name)), &text) {
                        facts.secrets.push(mcpsweep_model::HardcodedSecret {
                            kind,
                            name: Some(ev.text(name).to_string()),
                            file: String::new(),
                            line: line_of(name),
                            fingerprint: crate::effects::fingerprint(&text),
                        });
                    }
                }
                let mut key = ev.text(name).to_string();
                if let Some(scope) = cap("symbol.scope") {
                    key = format!("{}.{key}", ev.text(scope));
                }
                // JS/TS `function defs() { return [...] }`, `const defs = () => [...]`: what a
                // call without arguments returns is the symbol `defs()`
                if let Some(ret) = js_constant_return(value) {
                    facts.symbols.push((format!("{key}()"), ev.value(ret)));
                }
                facts.symbols.push((key, symbol_value(&ev, value)));
            } else if let (Some(value), Some(key)) = (cap("symbol.value"), prop("symbol")) {
                // a symbol whose name the pattern gives (`export default ...` → `default`)
                facts
                    .symbols
                    .push((key.to_string(), symbol_value(&ev, value)));
            }
        }
        drop(matches);
        facts.flow.rets.append(&mut tails);
        observed.retain(|p| !rust_tests.iter().any(|(s, e)| *s <= p.byte && p.byte < *e));
        facts.observations = crate::patterns::finish(observed, &facts.imports);
        if !superseded.is_empty() {
            facts.regs.retain(|r| {
                !superseded
                    .iter()
                    .any(|(st, l, c)| *st == r.style && *l == r.line && *c == r.column)
            });
        }
        if timed_out.get() {
            return Err(ExtractError::QueryTimeout(budget));
        }
        Ok(())
    })?;
    if matches!(lang, Lang::TypeScript | Lang::Tsx | Lang::JavaScript) {
        facts.calls = js_calls(&ev, root);
    }
    if !rust_tests.is_empty() {
        let inside = |b: usize| rust_tests.iter().any(|(s, e)| *s <= b && b < *e);
        facts.sites.retain(|s| !inside(s.byte));
        facts.env_refs.retain(|r| !inside(r.byte));
    }
    // Rust: the arguments of macros are tokens, not expressions, to the grammar; tool lists
    // (`tools: vec![Tool::new(..), ..]`) and calls (`format!("{}", env::var("X")?)`) live
    // there. Parse them again as expressions: registrations from `vec!` lists, call sites
    // and environment reads from every macro.
    if lang == Lang::Rust && depth < 3 {
        if let Some((buf, lists)) = rust_macro_exprs(&ev, root) {
            let inner = extract_at(lang, &buf, limits, depth + 1)?;
            facts.regs.extend(inner.regs.into_iter().filter(|r| {
                lists
                    .iter()
                    .any(|(a, b)| (r.line, r.column) >= *a && (r.line, r.column) < *b)
            }));
            facts.sites.extend(inner.sites);
            facts.env_refs.extend(inner.env_refs);
        }
    }
    if depth == 0 {
        facts.secret_allow = secret_allow_lines(src);
    }
    Ok(facts)
}

/// Comments of secret scanners that mark a literal as reviewed, on the literal's line.
const SECRET_ALLOW: &[&str] = &[
    "pragma: allowlist secret",
    "gitleaks:allow",
    "trufflehog:ignore",
];

/// The lines (1-based) holding one of [`SECRET_ALLOW`].
fn secret_allow_lines(src: &[u8]) -> Vec<u32> {
    let text = String::from_utf8_lossy(src);
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let l = l.to_ascii_lowercase();
            SECRET_ALLOW.iter().any(|m| l.contains(m))
        })
        .map(|(i, _)| i as u32 + 1)
        .collect()
}

/// A copy of a Rust file in which only the token trees of macro invocations (outside test
/// code) are kept, at their own byte offsets, inside a function body so that they parse as
/// expressions; everything else is blanked (newlines kept, so lines and columns stay right).
/// Also the (line, column) ranges of the `vec!` lists among them. None when there is no macro.
type MacroCopy = (Vec<u8>, Vec<((u32, u32), (u32, u32))>);
fn rust_macro_exprs(ev: &Eval, root: Node) -> Option<MacroCopy> {
    const WRAP: &[u8] = b"fn f(){";
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut lists = Vec::new();
    let pos = |p: tree_sitter::Point| (p.row as u32 + 1, p.column as u32 + 1);
    let mut stack = vec![root];
    let mut budget = 1_000_000usize;
    while let Some(n) = stack.pop() {
        budget = budget.checked_sub(1)?;
        if n.kind_str() == "macro_invocation" {
            let name = n.field("macro").map(|m| ev.text(m)).unwrap_or("");
            if let Some(tt) = named_children(n).find(|c| c.kind_str() == "token_tree") {
                let list = name == "vec" || name.ends_with("::vec");
                if (list || tokens_have_call(tt)) && !in_rust_test_code(ev, n) {
                    ranges.push((tt.start_byte(), tt.end_byte()));
                    if list {
                        lists.push((pos(tt.start_position()), pos(tt.end_position())));
                    }
                }
            }
            continue; // nested macros are found when the copy is parsed
        }
        if n.kind_str() == "token_tree" {
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    if ranges.is_empty() {
        return None;
    }
    ranges.sort();
    let src = ev.src;
    let mut buf: Vec<u8> = src
        .iter()
        .map(|b| if matches!(b, b'\n' | b'\r') { *b } else { b' ' })
        .collect();
    for (s, e) in &ranges {
        buf[*s..*e].copy_from_slice(&src[*s..*e]);
        // end the statement when there is room, so that lists do not index each other
        if buf.get(*e) == Some(&b' ') {
            buf[*e] = b';';
        }
    }
    // the wrapper goes on a blanked stretch of one line before the first list
    let first = ranges[0].0;
    let at = (0..first.saturating_sub(WRAP.len()))
        .find(|&i| buf[i..i + WRAP.len()].iter().all(|b| *b == b' '))?;
    buf[at..at + WRAP.len()].copy_from_slice(WRAP);
    buf.extend_from_slice(b"\n}\n");
    Some((buf, lists))
}

/// Does a token tree hold something that parses as a call (`name(...)`, `name!(...)`)?
fn tokens_have_call(tt: Node) -> bool {
    let mut stack = vec![tt];
    while let Some(t) = stack.pop() {
        let mut prev_name = false;
        let mut c = t.walk();
        for k in t.children(&mut c) {
            if k.kind_str() == "token_tree" {
                if prev_name && k.child(0).is_some_and(|o| o.kind_str() == "(") {
                    return true;
                }
                stack.push(k);
            }
            prev_name = matches!(k.kind_str(), "identifier" | "self" | "!");
        }
    }
    false
}

/// Callee text on one line without generic arguments or `new `: `new Foo<T>(...)` → `Foo`.
fn normalize_callee(t: &str) -> String {
    let t = t.trim_start_matches("new ").trim();
    let mut out = String::with_capacity(t.len());
    let mut depth = 0usize;
    for c in t.chars() {
        match c {
            '<' | '[' => depth += 1,
            '>' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    out
}

fn line_of(n: Node) -> u32 {
    n.start_position().row as u32 + 1
}

fn first_error(root: Node) -> Option<(u32, u32)> {
    let mut cursor = root.walk();
    let mut stack = vec![root];
    let mut budget = 1_000_000usize;
    while let Some(n) = stack.pop() {
        budget = budget.checked_sub(1)?;
        if n.is_error() || n.is_missing() {
            let p = n.start_position();
            return Some((p.row as u32 + 1, p.column as u32 + 1));
        }
        if n.has_error() {
            let kids: Vec<Node> = n.children(&mut cursor).collect();
            stack.extend(kids.into_iter().rev());
        }
    }
    None
}

/// Symbol values: enum bodies and struct bodies become objects; the rest is evaluated.
fn symbol_value(ev: &Eval, node: Node) -> Value {
    match node.kind_str() {
        "enum_body" => {
            let mut pairs = Vec::new();
            for c in named_children(node) {
                match c.kind_str() {
                    "enum_assignment" => {
                        if let (Some(n), Some(v)) = (c.field("name"), c.field("value")) {
                            pairs.push((ev.text(n).to_string(), ev.value(v)));
                        }
                    }
                    "property_identifier" => {
                        pairs.push((ev.text(c).to_string(), Value::Expr(ev.text(c).into())))
                    }
                    _ => {}
                }
            }
            Value::Object(pairs)
        }
        // Python class: its annotated fields (pydantic models, dataclasses, TypedDicts)
        "class_definition" => ev.py_class_fields(node),
        "function_definition" | "function_declaration" => ev.value(node),
        // Go struct: its JSON-visible fields
        "struct_type" => go_struct_fields(ev, node),
        // Rust struct body: its fields, with serde / schemars attributes and doc comments
        "field_declaration_list"
            if node.parent().is_some_and(|p| p.kind_str() == "struct_item") =>
        {
            rust_struct_fields(ev, node)
        }
        _ => ev.value(node),
    }
}

/// Fields of a Go struct type as `{Field: field(type=, description=, rename=, optional=)}`,
/// the shape `interpret::struct_params` reads. The JSON name comes from the `json` tag
/// (`json:"-"` and unexported fields are dropped); `omitempty` / `omitzero` make a field
/// optional; the description is the `jsonschema` tag (go-sdk / google jsonschema-go: the whole
/// tag; invopop style `jsonschema:"required,description=..."`) or `jsonschema_description`.
/// An embedded struct becomes `("...", Spread(Type))`: its fields are promoted.
fn go_struct_fields(ev: &Eval, node: Node) -> Value {
    let mut out = Vec::new();
    let Some(list) = named_children(node).find(|c| c.kind_str() == "field_declaration_list") else {
        return Value::Object(out);
    };
    for fd in named_children(list).filter(|c| c.kind_str() == "field_declaration") {
        let Some(ty) = fd.field("type") else {
            continue;
        };
        let ty_text = ev.text(ty).trim_start_matches('*').to_string();
        let tag = fd
            .field("tag")
            .and_then(|t| ev.value(t).as_str().map(str::to_string))
            .unwrap_or_default();
        let json = go_tag_lookup(&tag, "json");
        let names: Vec<String> = {
            let mut c = fd.walk();
            fd.children_by_field_name("name", &mut c)
                .map(|n| ev.text(n).to_string())
                .collect()
        };
        let (json_name, json_opts) = match json.as_deref() {
            Some(j) => match j.split_once(',') {
                Some((n, o)) => (n.to_string(), o.to_string()),
                None => (j.to_string(), String::new()),
            },
            None => (String::new(), String::new()),
        };
        if json_name == "-" && json_opts.is_empty() {
            continue;
        }
        if names.is_empty() {
            // embedded: promoted fields, unless the tag names it
            if json_name.is_empty() {
                out.push((
                    "...".to_string(),
                    Value::Spread(Box::new(Value::Ident(ty_text))),
                ));
                continue;
            }
        }
        let (description, tag_required) = go_tag_description(&tag);
        let optional = json_opts
            .split(',')
            .any(|o| o == "omitempty" || o == "omitzero")
            && !tag_required;
        let field_names = if names.is_empty() {
            vec![ty_text.rsplit('.').next().unwrap_or(&ty_text).to_string()]
        } else {
            names
        };
        for name in field_names {
            if !name.starts_with(|c: char| c.is_uppercase()) {
                continue; // unexported: not marshalled
            }
            let mut kwargs = vec![("type".to_string(), Value::Str(ty_text.clone()))];
            if let Some(d) = &description {
                kwargs.push(("description".into(), Value::Str(d.clone())));
            }
            if !json_name.is_empty() {
                kwargs.push(("rename".into(), Value::Str(json_name.clone())));
            }
            if optional {
                kwargs.push(("optional".into(), Value::Bool(true)));
            }
            out.push((name, Value::field(kwargs)));
        }
    }
    Value::Object(out)
}

/// `reflect.StructTag.Lookup`: the value of `key` in a Go struct tag.
fn go_tag_lookup(tag: &str, key: &str) -> Option<String> {
    let mut rest = tag.trim_start();
    while !rest.is_empty() {
        let colon = rest.find(':')?;
        let name = &rest[..colon];
        let after = rest[colon + 1..].strip_prefix('"')?;
        let mut value = String::new();
        let mut end = None;
        let mut chars = after.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, n)) = chars.next() {
                        value.push(n);
                    }
                }
                '"' => {
                    end = Some(i);
                    break;
                }
                c => value.push(c),
            }
        }
        let end = end?;
        if name == key {
            return Some(value);
        }
        rest = after[end + 1..].trim_start();
    }
    None
}

/// The description of a field from its tags, and whether an invopop-style `jsonschema` tag
/// says `required`.
fn go_tag_description(tag: &str) -> (Option<String>, bool) {
    let explicit = go_tag_lookup(tag, "jsonschema_description").filter(|d| !d.trim().is_empty());
    let Some(js) = go_tag_lookup(tag, "jsonschema").filter(|t| !t.trim().is_empty()) else {
        return (explicit, false);
    };
    // invopop/jsonschema: comma-separated `key=value` items and bare keywords
    let parts: Vec<&str> = js.split(',').collect();
    let keyword = |p: &str| {
        let head = p.split('=').next().unwrap_or(p);
        !head.is_empty() && head.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    let invopop = parts.iter().all(|p| keyword(p.trim()))
        && parts
            .iter()
            .any(|p| p.contains('=') || matches!(p.trim(), "required" | "nullable"));
    if invopop {
        let required = parts.iter().any(|p| p.trim() == "required");
        let desc = parts
            .iter()
            .find_map(|p| p.trim().strip_prefix("description="))
            .map(str::to_string);
        return (explicit.or(desc), required);
    }
    (explicit.or(Some(js)), false)
}

/// The name a constructed value is bound to: `const x = …`, `x = …`, `x := …`,
/// `let x = …`, a class field `server = new McpServer(...)`, `self.x = …`.
fn binding_name(ev: &Eval, node: Node) -> Option<String> {
    let mut cur = node;
    for _ in 0..4 {
        let parent = cur.parent()?;
        let named = match parent.kind_str() {
            "variable_declarator" => parent.field("name"),
            "assignment_expression" | "assignment" | "augmented_assignment" => parent.field("left"),
            "public_field_definition" | "field_definition" => {
                parent.field("name").or_else(|| parent.field("property"))
            }
            "short_var_declaration" | "assignment_statement" => {
                parent.field("left").and_then(|l| l.named_child(0))
            }
            "var_spec" | "const_spec" => parent.field("name"),
            "let_declaration" => parent.field("pattern"),
            // Python factory `def build_server(): return FastMCP(...)`: `build_server()`, the
            // name a caller's `mcp = build_server()` is matched against
            "return_statement" => {
                let mut up = parent.parent();
                while let Some(u) = up {
                    if u.kind_str() == "function_definition" {
                        let name = u.field("name")?;
                        return Some(format!("{}()", ev.text(name)));
                    }
                    if matches!(u.kind_str(), "class_definition" | "lambda") {
                        return None;
                    }
                    up = u.parent();
                }
                None
            }
            "await_expression"
            | "await"
            | "parenthesized_expression"
            | "as_expression"
            | "unary_expression"
            | "expression_list"
            | "try_expression"
            | "call_expression"
            | "reference_expression" => {
                // `x := server.NewMCPServer(...)`, `let s = Server::new(...)?`; a call wrapping
                // the construction (`withAuth(new McpServer())`) is looked through only once.
                if parent.kind_str() == "call_expression" && cur.kind_str() != "arguments" {
                    None
                } else {
                    cur = parent;
                    continue;
                }
            }
            "arguments" => {
                cur = parent;
                continue;
            }
            _ => None,
        };
        return named.map(|n| ev.text(n).to_string());
    }
    None
}

/// Per Go function (node id): its local names bound once to a string literal (`Some`), or
/// bound otherwise / more than once (`None`).
type RustLocals =
    std::collections::HashMap<usize, std::collections::HashMap<String, Option<Value>>>;

/// The locals of the Rust function around `node` (closures included) bound once by
/// `let name = value;` (`let mut`, a type annotation and a trailing `?` allowed): their values.
/// A name bound more than once (shadowing) has none.
fn rust_locals<'c, 't>(
    ev: &Eval<'_, 't>,
    node: Node<'t>,
    cache: &'c mut RustLocals,
) -> Option<&'c std::collections::HashMap<String, Option<Value>>> {
    let func = ev
        .ancestors(node)
        .into_iter()
        .find(|p| p.kind_str() == "function_item")?;
    Some(cache.entry(func.id()).or_insert_with(|| {
        let mut m: std::collections::HashMap<String, Option<Value>> =
            std::collections::HashMap::new();
        let mut stack = vec![func];
        let mut budget = 200_000usize;
        while let Some(n) = stack.pop() {
            budget = match budget.checked_sub(1) {
                Some(b) => b,
                None => break,
            };
            if n.kind_str() == "let_declaration" {
                let pat = n.field("pattern");
                let name = match pat {
                    Some(p) if p.kind_str() == "identifier" => Some(ev.text(p).to_string()),
                    Some(p) if p.kind_str() == "mut_pattern" => p
                        .named_children(&mut p.walk())
                        .find(|c| c.kind_str() == "identifier")
                        .map(|c| ev.text(c).to_string()),
                    _ => None,
                };
                if let Some(name) = name {
                    // `"x".to_string()`, `String::from("x")`: the string
                    let value = n.field("value").map(|v| match ev.value(v) {
                        Value::Call {
                            callee,
                            args,
                            kwargs,
                        } => match (*callee, args.first()) {
                            (Value::Member(base, m), _)
                                if matches!(*base, Value::Str(_))
                                    && matches!(m.as_str(), "to_string" | "to_owned" | "into") =>
                            {
                                *base
                            }
                            (Value::Ident(c), Some(Value::Str(s)))
                                if c.ends_with("String::from") =>
                            {
                                Value::Str(s.clone())
                            }
                            (callee, _) => Value::Call {
                                callee: Box::new(callee),
                                args,
                                kwargs,
                            },
                        },
                        other => other,
                    });
                    m.entry(name).and_modify(|e| *e = None).or_insert(value);
                }
            }
            if n.kind_str() == "function_item" && n.id() != func.id() {
                continue;
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
        m
    }))
}

type GoLocals = std::collections::HashMap<usize, std::collections::HashMap<String, Option<String>>>;

/// The local string constants of the Go function declaration around `node` (closures
/// included): `name := "x"`, `var name = "x"`, assigned nowhere else.
fn go_local_strings<'c, 't>(
    ev: &Eval<'_, 't>,
    node: Node<'t>,
    cache: &'c mut GoLocals,
) -> Option<&'c std::collections::HashMap<String, Option<String>>> {
    // Go functions and methods do not nest: the outermost one around the node, found walking
    // down from the root (one step in a file that parses: they are declared at the top level)
    let mut cur = ev.root;
    let func = loop {
        let next = cur
            .child_with_descendant(node)
            .filter(|n| n.id() != node.id())?;
        if matches!(
            next.kind_str(),
            "function_declaration" | "method_declaration"
        ) {
            break next;
        }
        cur = next;
    };
    Some(cache.entry(func.id()).or_insert_with(|| {
        let mut m: std::collections::HashMap<String, Option<String>> =
            std::collections::HashMap::new();
        let mut bind = |name: String, value: Option<String>| {
            m.entry(name).and_modify(|e| *e = None).or_insert(value);
        };
        let ident_list = |n: Node| -> Vec<String> {
            if n.kind_str() == "identifier" {
                return vec![ev.text(n).to_string()];
            }
            named_children(n)
                .filter(|c| c.kind_str() == "identifier")
                .map(|c| ev.text(c).to_string())
                .collect()
        };
        let mut stack = vec![func];
        let mut budget = 200_000usize;
        while let Some(n) = stack.pop() {
            budget = match budget.checked_sub(1) {
                Some(b) => b,
                None => break,
            };
            match n.kind_str() {
                "short_var_declaration" | "assignment_statement" | "var_spec" => {
                    let (left, right) = if n.kind_str() == "var_spec" {
                        let mut c = n.walk();
                        let names: Vec<String> = n
                            .children_by_field_name("name", &mut c)
                            .map(|x| ev.text(x).to_string())
                            .collect();
                        (names, n.field("value"))
                    } else {
                        (
                            n.field("left").map(ident_list).unwrap_or_default(),
                            n.field("right"),
                        )
                    };
                    let values: Vec<Node> = right
                        .map(|r| named_children(r).collect())
                        .unwrap_or_default();
                    let once = n.kind_str() != "assignment_statement";
                    for (i, name) in left.into_iter().enumerate() {
                        let lit = values.get(i).filter(|v| {
                            once && matches!(
                                v.kind_str(),
                                "interpreted_string_literal" | "raw_string_literal"
                            )
                        });
                        bind(
                            name,
                            lit.and_then(|v| ev.value(*v).as_str().map(str::to_string)),
                        );
                    }
                }
                "parameter_declaration" | "variadic_parameter_declaration" | "range_clause" => {
                    let mut c = n.walk();
                    let names: Vec<String> = if n.kind_str() == "range_clause" {
                        n.field("left").map(ident_list).unwrap_or_default()
                    } else {
                        n.children_by_field_name("name", &mut c)
                            .map(|x| ev.text(x).to_string())
                            .collect()
                    };
                    for name in names {
                        bind(name, None);
                    }
                }
                _ => {}
            }
            stack.extend(named_children(n));
        }
        m
    }))
}

/// The name in a Go struct tag's `key:"NAME,opts"`, when present and not empty or `-`.
fn struct_tag(tag: &str, key: &str) -> Option<String> {
    let pat = format!("{key}:\"");
    let mut rest = tag;
    while let Some(i) = rest.find(&pat) {
        let at_word = i == 0 || rest[..i].ends_with(char::is_whitespace);
        let after = &rest[i + pat.len()..];
        let end = after.find('"')?;
        if at_word {
            let name = after[..end].split(',').next().unwrap_or("").trim();
            return (!name.is_empty() && name != "-").then(|| name.to_string());
        }
        rest = &after[end..];
    }
    None
}

/// Replace identifiers bound to a local string constant by the string.
fn substitute_locals(
    v: &mut Value,
    locals: &std::collections::HashMap<String, Option<String>>,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    match v {
        Value::Ident(n) => {
            if let Some(Some(s)) = locals.get(n.as_str()) {
                *v = Value::Str(s.clone());
            }
        }
        Value::Call { args, kwargs, .. } => {
            for a in args.iter_mut().chain(kwargs.iter_mut().map(|(_, v)| v)) {
                substitute_locals(a, locals, depth + 1);
            }
        }
        Value::Array(items) => {
            for a in items {
                substitute_locals(a, locals, depth + 1);
            }
        }
        Value::Object(pairs) => {
            for (_, a) in pairs {
                substitute_locals(a, locals, depth + 1);
            }
        }
        Value::Spread(b) => substitute_locals(b, locals, depth + 1),
        _ => {}
    }
}

/// The named function declaration a node sits in directly; None inside a closure.
fn enclosing_function<'t>(ev: &Eval<'_, 't>, node: Node<'t>) -> Option<FnInfo> {
    for parent in ev.ancestors(node).into_iter().take(200) {
        match parent.kind_str() {
            "function_declaration"
            | "method_declaration"
            | "function_item"
            | "function_definition"
            | "method_definition" => {
                let f = ev.function(parent);
                return f.name.is_some().then_some(f);
            }
            "func_literal"
            | "arrow_function"
            | "function_expression"
            | "function"
            | "lambda"
            | "closure_expression" => return None,
            _ => {}
        }
    }
    None
}

/// For a definition inside a registration call (`s.AddTool(mcp.NewTool(...), h)`), the
/// receiver of that call.
fn enclosing_receiver<'t>(ev: &Eval<'_, 't>, node: Node<'t>) -> Option<String> {
    for parent in ev.ancestors(node).into_iter().take(6) {
        if matches!(parent.kind_str(), "call_expression" | "call") {
            let f = parent.field("function")?;
            let obj = match f.kind_str() {
                "member_expression" | "attribute" => f.field("object"),
                "selector_expression" => f.field("operand"),
                "field_expression" => f.field("value"),
                _ => None,
            };
            // go-sdk `mcp.AddTool(srv, &mcp.Tool{...}, h)`: the server is the first argument
            // (the definition is not).
            if ev.text(f).ends_with("AddTool") {
                let args = parent.field("arguments")?;
                let first = args.named_child(0)?;
                if args.named_child_count() == 3 && node.start_byte() >= first.end_byte() {
                    return Some(ev.text(first).to_string());
                }
            }
            if let Some(obj) = obj {
                return Some(ev.text(obj).to_string());
            }
        }
        if matches!(
            parent.kind_str(),
            "function_declaration" | "function_definition" | "method_declaration" | "function_item"
        ) {
            return None;
        }
    }
    None
}

/// Items returned by a low-level list handler: every `tools: <value>` pair inside it.
fn list_items(ev: &Eval, handler: Node) -> Vec<Value> {
    let mut out = Vec::new();
    let mut stack = vec![handler];
    let mut budget = 200_000usize;
    while let Some(n) = stack.pop() {
        budget = match budget.checked_sub(1) {
            Some(b) => b,
            None => break,
        };
        if n.kind_str() == "pair" {
            let key = n.field("key").map(|k| ev.text(k));
            if matches!(key, Some("tools") | Some("\"tools\"") | Some("'tools'")) {
                if let Some(v) = n.field("value") {
                    out.push(ev.value(v));
                    continue;
                }
            }
        }
        // JS `({ tools })`
        if n.kind_str() == "shorthand_property_identifier" && ev.text(n) == "tools" {
            out.push(Value::Ident("tools".into()));
            continue;
        }
        if n.kind_str() == "identifier" && n.parent().is_some_and(|p| p.kind_str() == "arguments") {
            // handler passed by name: `setRequestHandler(ListToolsRequestSchema, listTools)`
            if n == handler {
                out.push(Value::Ident(ev.text(n).to_string()));
            }
        }
        let mut cursor = n.walk();
        let kids: Vec<Node> = n.named_children(&mut cursor).collect();
        stack.extend(kids.into_iter().rev());
    }
    if out.is_empty() {
        out.push(Value::Expr(truncate(ev.text(handler), 160)));
    }
    out
}

/// The arguments of attribute `name` among the attributes right above a Rust item, as
/// keyword arguments (`#[tool(name = "x", annotations(read_only_hint = true))]`).
/// None when the item carries no such attribute.
fn rust_attribute(ev: &Eval, item: Node, name: &str) -> Option<Vec<(String, Value)>> {
    let mut cur = item.prev_sibling();
    while let Some(c) = cur {
        match c.kind_str() {
            "attribute_item" => {
                if let Some(attr) = c.named_child(0) {
                    let path = attr.named_child(0).map(|p| ev.text(p)).unwrap_or("");
                    let last = path.rsplit("::").next().unwrap_or(path);
                    if last == name {
                        return Some(match attr.field("arguments") {
                            Some(tt) => token_tree_kwargs(ev, tt, 0),
                            None => Vec::new(),
                        });
                    }
                }
            }
            "line_comment" | "block_comment" => {}
            _ => return None,
        }
        cur = c.prev_sibling();
    }
    None
}

/// `(a = "x", b(c = true), flag)` → [(a, "x"), (b, {c: true}), (flag, true)]
fn token_tree_kwargs(ev: &Eval, tt: Node, depth: usize) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if depth > 8 {
        return out;
    }
    let kids: Vec<Node> = {
        let mut c = tt.walk();
        tt.children(&mut c).collect()
    };
    let mut i = 0;
    while i < kids.len() {
        let k = kids[i];
        // keywords (`default`, `type`, `crate`) are unnamed tokens in a token tree
        let word = k.kind_str() == "identifier"
            || (!k.is_named()
                && ev
                    .text(k)
                    .starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && ev
                    .text(k)
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_'));
        if word {
            let key = ev.text(k).to_string();
            let next = kids.get(i + 1);
            if next.is_some_and(|n| ev.text(*n) == "=") {
                // value: the tokens up to the next comma
                let mut j = i + 2;
                let mut parts = Vec::new();
                while j < kids.len() && ev.text(kids[j]) != "," && kids[j].kind_str() != ")" {
                    parts.push(kids[j]);
                    j += 1;
                }
                let v = match parts.as_slice() {
                    [one] => token_value(ev, *one),
                    _ => Value::Expr(
                        parts
                            .iter()
                            .map(|p| ev.text(*p))
                            .collect::<Vec<_>>()
                            .join(""),
                    ),
                };
                out.push((key, v));
                i = j;
                continue;
            } else if next.is_some_and(|n| n.kind_str() == "token_tree") {
                let inner = token_tree_kwargs(ev, *next.unwrap(), depth + 1);
                out.push((key, Value::Object(inner)));
                i += 2;
                continue;
            } else {
                out.push((key, Value::Bool(true)));
            }
        }
        i += 1;
    }
    out
}

fn token_value(ev: &Eval, n: Node) -> Value {
    match n.kind_str() {
        "string_literal" | "raw_string_literal" | "boolean_literal" | "integer_literal"
        | "float_literal" => ev.value(n),
        "identifier" => match ev.text(n) {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            t => Value::Ident(t.to_string()),
        },
        _ => Value::Expr(ev.text(n).to_string()),
    }
}

/// JS/TS functions whose parameters shadow package names.
const JS_FUNCTIONS: &[&str] = &[
    "arrow_function",
    "function_expression",
    "function",
    "function_declaration",
    "generator_function",
    "generator_function_declaration",
    "method_definition",
];

/// Array methods whose callback receives each element first.
const JS_ELEMENT_CALLBACKS: &[&str] = &["forEach", "map", "flatMap", "filter", "some", "every"];

/// Parameters of the enclosing JS/TS functions and the loops around `node` (outermost first).
fn js_scope<'t>(ev: &Eval<'_, 't>, node: Node<'t>) -> (Vec<String>, Vec<LoopFact>) {
    let mut params = Vec::new();
    let mut loops = Vec::new();
    let mut cur = node;
    let ancestors = ev.ancestors(node);
    for (i, &parent) in ancestors.iter().enumerate().take(200) {
        let kind = parent.kind_str();
        if kind == "for_in_statement"
            && parent.field("body") == Some(cur)
            && parent.field("operator").is_some_and(|o| ev.text(o) == "of")
        {
            if let (Some(left), Some(right)) = (parent.field("left"), parent.field("right")) {
                loops.push(loop_fact(ev, left, ev.value(right)));
            }
        } else if JS_FUNCTIONS.contains(&kind) {
            let mut names = Vec::new();
            if let Some(ps) = parent.field("parameters") {
                for p in named_children(ps) {
                    pattern_names(ev, p, &mut names);
                }
            } else if let Some(p) = parent.field("parameter") {
                pattern_names(ev, p, &mut names);
            }
            // `X.forEach((t) => ...)`: the first parameter is the loop's element
            let element_call = ancestors
                .get(i + 1)
                .copied()
                .filter(|a| a.kind_str() == "arguments" && a.named_child(0) == Some(parent))
                .and_then(|_| ancestors.get(i + 2).copied())
                .filter(|c| c.kind_str() == "call_expression")
                .and_then(|c| c.field("function"))
                .filter(|f| f.kind_str() == "member_expression")
                .filter(|f| {
                    f.field("property")
                        .is_some_and(|m| JS_ELEMENT_CALLBACKS.contains(&ev.text(m)))
                })
                .and_then(|f| f.field("object"));
            let first = parent
                .field("parameter")
                .or_else(|| parent.field("parameters").and_then(|ps| ps.named_child(0)))
                .map(|p| match p.kind_str() {
                    "required_parameter" | "optional_parameter" => p.field("pattern").unwrap_or(p),
                    _ => p,
                });
            match (element_call, first) {
                (Some(iter), Some(first)) => {
                    loops.push(loop_fact(ev, first, ev.value(iter)));
                    // the element's names are the loop's, the others (index, array) are opaque
                    let mut mine = Vec::new();
                    pattern_names(ev, first, &mut mine);
                    names.retain(|n| !mine.contains(n));
                    params.extend(names);
                }
                _ => params.extend(names),
            }
        }
        cur = parent;
    }
    loops.reverse();
    params.sort();
    params.dedup();
    (params, loops)
}

fn loop_fact(ev: &Eval, left: Node, iter: Value) -> LoopFact {
    let mut f = LoopFact {
        var: None,
        fields: Vec::new(),
        key: None,
        iter,
    };
    match left.kind_str() {
        "identifier" => f.var = Some(ev.text(left).to_string()),
        "object_pattern" => f.fields = object_pattern_fields(ev, left),
        "array_pattern" => {
            let mut parts = named_children(left);
            if let Some(k) = parts.next().filter(|k| k.kind_str() == "identifier") {
                f.key = Some(ev.text(k).to_string());
            }
            match parts.next() {
                Some(v) if v.kind_str() == "identifier" => f.var = Some(ev.text(v).to_string()),
                Some(v) if v.kind_str() == "object_pattern" => {
                    f.fields = object_pattern_fields(ev, v)
                }
                _ => {}
            }
        }
        _ => {}
    }
    f
}

/// `{ name, schema: s, annotations = {} }` → [(name, name), (schema, s), (annotations, annotations)]
fn object_pattern_fields(ev: &Eval, pat: Node) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in named_children(pat) {
        match c.kind_str() {
            "shorthand_property_identifier_pattern" => {
                let t = ev.text(c).to_string();
                out.push((t.clone(), t));
            }
            "pair_pattern" => {
                if let (Some(k), Some(v)) = (c.field("key"), c.field("value")) {
                    let v = if v.kind_str() == "assignment_pattern" {
                        v.field("left").unwrap_or(v)
                    } else {
                        v
                    };
                    if v.kind_str() == "identifier" {
                        out.push((ev.text(k).to_string(), ev.text(v).to_string()));
                    }
                }
            }
            "object_assignment_pattern" => {
                if let Some(l) = c.field("left") {
                    let t = ev.text(l).to_string();
                    out.push((t.clone(), t));
                }
            }
            _ => {}
        }
    }
    out
}

/// Every name a parameter or pattern binds.
fn pattern_names(ev: &Eval, p: Node, out: &mut Vec<String>) {
    match p.kind_str() {
        "identifier" | "shorthand_property_identifier_pattern" => out.push(ev.text(p).to_string()),
        "required_parameter" | "optional_parameter" => {
            if let Some(pat) = p.field("pattern") {
                pattern_names(ev, pat, out);
            }
        }
        "assignment_pattern" | "object_assignment_pattern" => {
            if let Some(l) = p.field("left") {
                pattern_names(ev, l, out);
            }
        }
        "pair_pattern" => {
            if let Some(v) = p.field("value") {
                pattern_names(ev, v, out);
            }
        }
        "object_pattern" | "array_pattern" | "rest_pattern" => {
            for c in named_children(p) {
                pattern_names(ev, c, out);
            }
        }
        _ => {}
    }
}

/// Every attribute right above a Rust item, in source order: (last path segment, keyword
/// arguments); `#[doc = "x"]` gives `("doc", [("doc", "x")])`.
fn rust_attributes(ev: &Eval, item: Node) -> Vec<(String, Vec<(String, Value)>)> {
    let mut out = Vec::new();
    let mut cur = item.prev_sibling();
    while let Some(c) = cur {
        match c.kind_str() {
            "attribute_item" => out.extend(rust_attr_args(ev, c)),
            "line_comment" | "block_comment" => {}
            _ => break,
        }
        cur = c.prev_sibling();
    }
    out.reverse();
    out
}

/// One `attribute_item`: (last path segment, keyword arguments).
fn rust_attr_args(ev: &Eval, item: Node) -> Option<(String, Vec<(String, Value)>)> {
    let attr = item.named_child(0)?;
    let path = attr.named_child(0).map(|p| ev.text(p)).unwrap_or("");
    let last = path.rsplit("::").next().unwrap_or(path).to_string();
    let kwargs = if let Some(tt) = attr.field("arguments") {
        token_tree_kwargs(ev, tt, 0)
    } else if let Some(v) = attr.field("value") {
        vec![(last.clone(), ev.value(v))]
    } else {
        Vec::new()
    };
    Some((last, kwargs))
}

/// Is this node inside Rust test code: a `#[cfg(test)]` module or a `#[test]` /
/// `#[tokio::test]` function? (Test files are skipped by path; these live in source files.)
/// Byte ranges of the test items of a Rust file: `#[cfg(test)]` modules / impls and `#[test]`
/// functions, at module level or in (non-test) inline modules.
fn rust_test_ranges(ev: &Eval, root: Node) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        for item in named_children(n) {
            match item.kind_str() {
                "mod_item" | "function_item" | "impl_item" if in_rust_test_code(ev, item) => {
                    out.push((item.start_byte(), item.end_byte()));
                }
                "mod_item" => {
                    if let Some(body) = item.field("body") {
                        stack.push(body);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn in_rust_test_code<'t>(ev: &Eval<'_, 't>, node: Node<'t>) -> bool {
    // the node and its ancestors, at most 255 in all
    for n in std::iter::once(node).chain(ev.ancestors(node)).take(255) {
        if matches!(n.kind_str(), "mod_item" | "function_item" | "impl_item") {
            let mut sib = n.prev_sibling();
            while let Some(c) = sib {
                match c.kind_str() {
                    "attribute_item" => {
                        let Some(attr) = c.named_child(0) else { break };
                        let path = attr.named_child(0).map(|p| ev.text(p)).unwrap_or("");
                        let last = path.rsplit("::").next().unwrap_or(path);
                        let args = attr.field("arguments").map(|a| ev.text(a)).unwrap_or("");
                        if last == "test" && path != "cfg" {
                            return true;
                        }
                        if last == "cfg"
                            && !args.contains("not")
                            && args
                                .split(|c: char| !c.is_alphanumeric() && c != '_')
                                .any(|w| w == "test")
                        {
                            return true;
                        }
                    }
                    "line_comment" | "block_comment" => {}
                    _ => break,
                }
                sib = c.prev_sibling();
            }
        }
    }
    false
}

/// Builder calls chained on a definition (`Tool::new(..).annotate(a).with_title(t)`), as
/// keyword arguments `.annotate`, `.with_title` (several arguments become an array).
fn chained_calls(ev: &Eval, node: Node) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut cur = node;
    for _ in 0..16 {
        let Some(fe) = cur.parent() else { break };
        if !matches!(
            fe.kind_str(),
            "field_expression" | "member_expression" | "attribute"
        ) || fe.named_child(0) != Some(cur)
        {
            break;
        }
        let Some(call) = fe.parent() else { break };
        if !matches!(call.kind_str(), "call_expression" | "call")
            || call.field("function") != Some(fe)
        {
            break;
        }
        let m = fe
            .named_child(fe.named_child_count().saturating_sub(1) as u32)
            .map(|f| ev.text(f))
            .unwrap_or("");
        let (mut args, _) = match call.field("arguments") {
            Some(a) => ev.args(a, 0),
            None => (Vec::new(), Vec::new()),
        };
        let v = if args.len() == 1 {
            args.remove(0)
        } else {
            Value::Array(args)
        };
        out.push((format!(".{m}"), v));
        cur = call;
    }
    out
}

/// The tool-visible parameters of an rmcp tool method. A `Parameters<T>` argument is kept
/// with its type (the schema is T's fields); rmcp 0.1 `#[tool(aggr)] x: T` becomes
/// `Parameters<T>`, and `#[tool(param)] x: T` arguments are parameters themselves (with a
/// `#[schemars(description = "...")]`). Every other argument (`RequestContext`, `Peer`,
/// `Extension`, ...) is an extractor, not a parameter.
fn rust_tool_params(ev: &Eval, f: Node) -> Vec<Param> {
    let Some(params) = f.field("parameters") else {
        return Vec::new();
    };
    // several attributes on one parameter parse as an ERROR node holding them
    let mut kids = Vec::new();
    for c in named_children(params) {
        if c.kind_str() == "ERROR" {
            kids.extend(named_children(c));
        } else {
            kids.push(c);
        }
    }
    let mut out = Vec::new();
    let mut attrs: Vec<(String, Vec<(String, Value)>)> = Vec::new();
    for c in kids {
        match c.kind_str() {
            "attribute_item" => attrs.extend(rust_attr_args(ev, c)),
            "parameter" => {
                let (Some(pat), Some(ty)) = (c.field("pattern"), c.field("type")) else {
                    attrs.clear();
                    continue;
                };
                let ty = normalize_rust_type(ev.text(ty));
                let base = ty.split('<').next().unwrap_or(&ty).trim();
                let base = base.rsplit("::").next().unwrap_or(base);
                let tool_kw: Vec<&(String, Value)> = attrs
                    .iter()
                    .filter(|(n, _)| n == "tool")
                    .flat_map(|(_, kw)| kw.iter())
                    .collect();
                let flag = |k: &str| tool_kw.iter().any(|(n, _)| n == k);
                let name = ev.text(pat).to_string();
                if base == "Parameters" {
                    out.push(Param {
                        name,
                        ty: Some(ty),
                        required: Some(true),
                        description: None,
                    });
                } else if flag("aggr") {
                    out.push(Param {
                        name,
                        ty: Some(format!("Parameters<{ty}>")),
                        required: Some(true),
                        description: None,
                    });
                } else if flag("param") {
                    let description = attrs
                        .iter()
                        .filter(|(n, _)| n == "schemars" || n == "tool")
                        .flat_map(|(_, kw)| kw.iter())
                        .find(|(k, _)| k == "description")
                        .and_then(|(_, v)| v.as_str().map(String::from));
                    out.push(Param {
                        name: name.trim_start_matches("r#").to_string(),
                        required: Some(!ty.starts_with("Option<")),
                        ty: Some(ty),
                        description,
                    });
                }
                attrs.clear();
            }
            k if k.ends_with("comment") => {}
            _ => attrs.clear(),
        }
    }
    out
}

/// A Rust struct body as parameters-to-be: field name → `field(type=, description=, rename=,
/// optional=, flatten=)`, following serde and schemars: `#[serde(rename)]`,
/// `#[serde(rename_all)]` on the struct, `#[serde(default)]` and `Option<T>` (not required),
/// `#[serde(skip)]` (absent), `#[serde(flatten)]`, and the description from
/// `#[schemars(description)]` else the `///` doc comment (schemars joins the lines of a
/// paragraph with spaces).
fn rust_struct_fields(ev: &Eval, body: Node) -> Value {
    let item = body.parent();
    let item_attrs = item.map(|i| rust_attributes(ev, i)).unwrap_or_default();
    let serde_kw = |attrs: &[(String, Vec<(String, Value)>)], k: &str| -> Option<Value> {
        attrs
            .iter()
            .filter(|(n, _)| n == "serde" || n == "schemars")
            .flat_map(|(_, kw)| kw.iter())
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
    };
    let rename_all = serde_kw(&item_attrs, "rename_all").and_then(|v| match v {
        Value::Str(s) => Some(s),
        // rename_all(deserialize = "...")
        Value::Object(p) => p
            .iter()
            .find(|(k, _)| k == "deserialize")
            .and_then(|(_, v)| v.as_str().map(String::from)),
        _ => None,
    });
    let all_default = serde_kw(&item_attrs, "default").is_some();
    let mut fields = Vec::new();
    let mut docs: Vec<String> = Vec::new();
    let mut attrs: Vec<(String, Vec<(String, Value)>)> = Vec::new();
    for c in named_children(body).take(2000) {
        match c.kind_str() {
            "line_comment" => {
                let t = ev.text(c);
                if let Some(rest) = t.strip_prefix("///").filter(|r| !r.starts_with('/')) {
                    docs.push(rest.trim().to_string());
                }
            }
            "block_comment" => {
                let t = ev.text(c);
                if let Some(rest) = t.strip_prefix("/**").and_then(|r| r.strip_suffix("*/")) {
                    docs.extend(
                        rest.lines()
                            .map(|l| l.trim().trim_start_matches('*').trim().to_string()),
                    );
                }
            }
            "attribute_item" => {
                if let Some((n, kw)) = rust_attr_args(ev, c) {
                    if n == "doc" {
                        if let Some(Value::Str(d)) = kw.first().map(|(_, v)| v.clone()) {
                            docs.extend(d.lines().map(|l| l.trim().to_string()));
                        }
                    } else {
                        attrs.push((n, kw));
                    }
                }
            }
            "field_declaration" => {
                let (Some(name), Some(ty)) = (c.field("name"), c.field("type")) else {
                    docs.clear();
                    attrs.clear();
                    continue;
                };
                let skip = ["skip", "skip_deserializing"]
                    .iter()
                    .any(|k| serde_kw(&attrs, k).is_some());
                if !skip {
                    let name = ev.text(name).trim_start_matches("r#").to_string();
                    let ty = normalize_rust_type(ev.text(ty));
                    let mut kwargs = vec![("type".to_string(), Value::Str(ty))];
                    let desc = serde_kw(&attrs, "description")
                        .and_then(|v| v.as_str().map(String::from))
                        .or_else(|| schemars_doc(&docs));
                    if let Some(d) = desc {
                        kwargs.push(("description".into(), Value::Str(d)));
                    }
                    let rename = match serde_kw(&attrs, "rename") {
                        Some(Value::Str(s)) => Some(s),
                        Some(Value::Object(p)) => p
                            .iter()
                            .find(|(k, _)| k == "deserialize")
                            .and_then(|(_, v)| v.as_str().map(String::from)),
                        _ => None,
                    }
                    .or_else(|| rename_all.as_deref().map(|conv| rename_case(&name, conv)));
                    if let Some(r) = rename.filter(|r| *r != name) {
                        kwargs.push(("rename".into(), Value::Str(r)));
                    }
                    if all_default || serde_kw(&attrs, "default").is_some() {
                        kwargs.push(("optional".into(), Value::Bool(true)));
                    }
                    if serde_kw(&attrs, "flatten").is_some() {
                        kwargs.push(("flatten".into(), Value::Bool(true)));
                    }
                    fields.push((name, Value::field(kwargs)));
                }
                docs.clear();
                attrs.clear();
            }
            _ => {}
        }
    }
    Value::Object(fields)
}

/// schemars' description of a doc comment: lines of a paragraph joined by spaces, paragraphs
/// by a blank line; a first line starting with `#` is the title, not the description.
fn schemars_doc(lines: &[String]) -> Option<String> {
    let mut lines = lines;
    if lines.first().is_some_and(|l| l.starts_with('#')) {
        lines = &lines[1..];
    }
    let mut paras: Vec<String> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for l in lines {
        if l.is_empty() {
            if !cur.is_empty() {
                paras.push(cur.join(" "));
                cur.clear();
            }
        } else {
            cur.push(l);
        }
    }
    if !cur.is_empty() {
        paras.push(cur.join(" "));
    }
    let d = paras.join("\n\n");
    (!d.is_empty()).then_some(d)
}

/// serde's `rename_all` conventions applied to a snake_case field name.
fn rename_case(name: &str, conv: &str) -> String {
    let words: Vec<&str> = name.split('_').filter(|w| !w.is_empty()).collect();
    let cap = |w: &str| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    match conv {
        "lowercase" => name.to_lowercase(),
        "UPPERCASE" => name.to_uppercase(),
        "PascalCase" => words.iter().map(|w| cap(w)).collect(),
        "camelCase" => words
            .iter()
            .enumerate()
            .map(|(i, w)| if i == 0 { w.to_string() } else { cap(w) })
            .collect(),
        "SCREAMING_SNAKE_CASE" => name.to_uppercase(),
        "kebab-case" => words.join("-"),
        "SCREAMING-KEBAB-CASE" => words.join("-").to_uppercase(),
        _ => name.to_string(),
    }
}

/// The documentation of a Rust item as rmcp's macros read it: every `///` line and
/// `#[doc = "..."]` attribute trimmed, empty ones dropped, joined with newlines.
fn rust_doc(ev: &Eval, item: Node) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut cur = item.prev_sibling();
    while let Some(c) = cur {
        match c.kind_str() {
            "line_comment" => {
                let t = ev.text(c);
                if let Some(rest) = t.strip_prefix("///").filter(|r| !r.starts_with('/')) {
                    parts.push(rest.trim().to_string());
                }
            }
            "block_comment" => {
                let t = ev.text(c);
                if let Some(rest) = t.strip_prefix("/**").and_then(|r| r.strip_suffix("*/")) {
                    parts.push(rest.trim().to_string());
                }
            }
            "attribute_item" => {
                if let Some((n, kw)) = rust_attr_args(ev, c) {
                    if n == "doc" {
                        if let Some(Value::Str(d)) = kw.first().map(|(_, v)| v.clone()) {
                            parts.push(d.trim().to_string());
                        }
                    }
                }
            }
            _ => break,
        }
        cur = c.prev_sibling();
    }
    parts.reverse();
    parts.retain(|p| !p.is_empty());
    (!parts.is_empty()).then(|| parts.join("\n"))
}

/// Module bindings of a JS/TS import, re-export or `require` (see [`ModuleLink`]).
fn js_links(ev: &Eval, node: Node, source: &str, out: &mut Vec<ModuleLink>) {
    let mut push = |local: &str, imported: &str| {
        out.push(ModuleLink {
            local: local.to_string(),
            source: source.to_string(),
            imported: imported.to_string(),
        })
    };
    match node.kind_str() {
        "import_statement" => {
            for c in named_children(node) {
                if c.kind_str() != "import_clause" {
                    continue;
                }
                for part in named_children(c) {
                    match part.kind_str() {
                        "identifier" => push(ev.text(part), "default"),
                        "namespace_import" => {
                            if let Some(id) =
                                named_children(part).find(|n| n.kind_str() == "identifier")
                            {
                                push(ev.text(id), "*");
                            }
                        }
                        "named_imports" => {
                            for spec in named_children(part) {
                                if spec.kind_str() != "import_specifier" {
                                    continue;
                                }
                                let name = spec.field("name").map(|n| ev.text(n));
                                let alias = spec.field("alias").map(|n| ev.text(n));
                                if let Some(name) = name {
                                    push(alias.unwrap_or(name), name);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        "export_statement" => {
            let clause = named_children(node).find(|n| n.kind_str() == "export_clause");
            match clause {
                Some(clause) => {
                    for spec in named_children(clause) {
                        if spec.kind_str() != "export_specifier" {
                            continue;
                        }
                        let name = spec.field("name").map(|n| ev.text(n));
                        let alias = spec.field("alias").map(|n| ev.text(n));
                        if let Some(name) = name {
                            push(alias.unwrap_or(name), name);
                        }
                    }
                }
                None => {
                    // `export * from "./m"`, `export * as NS from "./m"`
                    match named_children(node).find(|n| n.kind_str() == "namespace_export") {
                        Some(ns) => {
                            if let Some(id) = named_children(ns).next() {
                                push(ev.text(id), "*");
                            }
                        }
                        None => push("*", "*"),
                    }
                }
            }
        }
        "call_expression" => {
            // `const X = require("./m")`, `const { A, B: C } = require("./m")`
            let decl = node
                .parent()
                .filter(|p| p.kind_str() == "variable_declarator")
                .and_then(|p| p.field("name"));
            match decl {
                Some(n) if n.kind_str() == "identifier" => push(ev.text(n), "*"),
                Some(n) if n.kind_str() == "object_pattern" => {
                    for (prop, local) in object_pattern_fields(ev, n) {
                        push(&local, &prop);
                    }
                }
                _ => {}
            }
        }
        _ => {}
    }
}

/// Most call sites kept per file.
const MAX_CALLS: usize = 5000;

/// Calls in statement position: expression statements (awaited or not), `return f(...)`,
/// an arrow function's expression body, `const x = f(...)`.
fn js_calls(ev: &Eval, root: Node) -> Vec<CallFact> {
    let mut out = Vec::new();
    let mut budget = 2_000_000usize;
    // pre-order over named nodes with one cursor (no allocation per node), keeping the
    // ancestors of the current node (`Node::parent` walks down from the root on every call)
    let mut cursor = root.walk();
    let mut ancestors: Vec<Node> = Vec::new();
    'walk: loop {
        let n = cursor.node();
        // an anonymous node is not entered
        let descend = n.is_named();
        if descend {
            budget = match budget.checked_sub(1) {
                Some(b) => b,
                None => break,
            };
            if n.kind_str() == "call_expression"
                && out.len() < MAX_CALLS
                && statement_call(n, &ancestors)
            {
                if let (Some(f), Some(a)) = (n.field("function"), n.field("arguments")) {
                    if matches!(f.kind_str(), "identifier" | "member_expression")
                        && f.byte_range().len() < 120
                    {
                        let (args, _) = ev.args(a, 0);
                        let (scope_params, loops) = js_scope(ev, n);
                        let p = n.start_position();
                        out.push(CallFact {
                            callee: ev.text(f).to_string(),
                            args,
                            scope_params,
                            loops,
                            within: js_within(ev, n),
                            line: p.row as u32 + 1,
                            column: p.column as u32 + 1,
                        });
                    }
                }
            }
        }
        if descend && cursor.goto_first_child() {
            ancestors.push(n);
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
            ancestors.pop();
        }
    }
    out
}

/// A call that is a statement of its own, a returned value, an arrow function's body or a
/// variable's value (`ancestors`: the call's, innermost last).
fn statement_call(n: Node, ancestors: &[Node]) -> bool {
    let mut up = ancestors.iter().rev();
    let mut p = up.next();
    if p.is_some_and(|x| x.kind_str() == "await_expression") {
        p = up.next();
    }
    match p {
        Some(x) => match x.kind_str() {
            "expression_statement" | "return_statement" => true,
            "arrow_function" => x.field("body").is_some_and(|b| b.id() == n.id()),
            "variable_declarator" => x.field("value").is_some_and(|v| v.id() == n.id()),
            _ => false,
        },
        None => false,
    }
}

/// The named JS/TS function `node` sits in: a declaration, a method, or a function expression
/// bound to a variable, a property or a class field. Element callbacks (`xs.forEach(...)`) are
/// looked through; any other anonymous function ends the search.
fn js_within<'t>(ev: &Eval<'_, 't>, node: Node<'t>) -> Option<JsFn> {
    let ancestors = ev.ancestors(node);
    for (i, &f) in ancestors.iter().enumerate().take(200) {
        if !JS_FUNCTIONS.contains(&f.kind_str()) {
            continue;
        }
        let parent = ancestors.get(i + 1).copied();
        let is_element_callback = parent
            .filter(|a| a.kind_str() == "arguments")
            .and_then(|_| ancestors.get(i + 2).copied())
            .and_then(|c| c.field("function"))
            .filter(|c| c.kind_str() == "member_expression")
            .and_then(|c| c.field("property"))
            .is_some_and(|m| JS_ELEMENT_CALLBACKS.contains(&ev.text(m)));
        if is_element_callback {
            continue;
        }
        let (name, method) = match f.kind_str() {
            "function_declaration" | "generator_function_declaration" => {
                (f.field("name").map(|n| ev.text(n)), false)
            }
            "method_definition" => (f.field("name").map(|n| ev.text(n)), true),
            _ => match parent {
                Some(p) if p.kind_str() == "variable_declarator" => (
                    p.field("name")
                        .filter(|n| n.kind_str() == "identifier")
                        .map(|n| ev.text(n)),
                    false,
                ),
                Some(p) if p.kind_str() == "pair" => (p.field("key").map(|n| ev.text(n)), true),
                Some(p)
                    if matches!(p.kind_str(), "public_field_definition" | "field_definition") =>
                {
                    (
                        p.field("name")
                            .or_else(|| p.field("property"))
                            .map(|n| ev.text(n)),
                        true,
                    )
                }
                _ => (None, false),
            },
        };
        let name = name?.to_string();
        let mut params = Vec::new();
        let single = f.field("parameter");
        let list: Vec<Node> = match (f.field("parameters"), single) {
            (Some(ps), _) => named_children(ps).collect(),
            (None, Some(p)) => vec![p],
            _ => Vec::new(),
        };
        for p in list {
            let pat = match p.kind_str() {
                "required_parameter" | "optional_parameter" => p.field("pattern").unwrap_or(p),
                "assignment_pattern" => p.field("left").unwrap_or(p),
                _ => p,
            };
            match pat.kind_str() {
                "identifier" => params.push((Some(ev.text(pat).to_string()), Vec::new())),
                "object_pattern" => params.push((None, object_pattern_fields(ev, pat))),
                "this" => {} // TS `this:` parameter is not positional
                _ => params.push((None, Vec::new())),
            }
        }
        return Some(JsFn {
            name,
            method,
            params,
        });
    }
    None
}

/// The returned expression of a JS/TS function without parameters whose value does not
/// depend on a call: an expression-bodied arrow, or a body with exactly one top-level
/// `return` of an array or object literal.
fn js_constant_return<'t>(f: Node<'t>) -> Option<Node<'t>> {
    if !matches!(
        f.kind_str(),
        "function_declaration" | "arrow_function" | "function_expression" | "function"
    ) {
        return None;
    }
    let no_params = match (f.field("parameters"), f.field("parameter")) {
        (Some(ps), _) => ps.named_child_count() == 0,
        (None, Some(_)) => false,
        (None, None) => true,
    };
    if !no_params {
        return None;
    }
    let body = f.field("body")?;
    let literal = |n: Node<'t>| -> Option<Node<'t>> {
        let mut n = n;
        while matches!(
            n.kind_str(),
            "parenthesized_expression" | "as_expression" | "satisfies_expression"
        ) {
            n = n.named_child(0)?;
        }
        matches!(n.kind_str(), "array" | "object").then_some(n)
    };
    if body.kind_str() != "statement_block" {
        return literal(body);
    }
    let returns: Vec<Node> = named_children(body)
        .filter(|c| c.kind_str() == "return_statement")
        .collect();
    match returns.as_slice() {
        [r] => literal(r.named_child(0)?),
        _ => None,
    }
}

/// A Rust type as one line: `Parameters<\n    T,\n>` → `Parameters<T>`.
fn normalize_rust_type(t: &str) -> String {
    let one = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(one.len());
    let chars: Vec<char> = one.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = out.chars().last();
        match c {
            ' ' if matches!(next, Some('>' | ',' | ')' | ']'))
                || matches!(prev, Some('<' | '(' | '[')) => {}
            ',' if matches!(next, Some('>'))
                || (next == Some(' ') && matches!(chars.get(i + 2), Some('>'))) => {}
            _ => out.push(*c),
        }
    }
    out
}

#[cfg(test)]
mod go_tag_tests {
    use super::struct_tag;

    #[test]
    fn go_struct_tags() {
        assert_eq!(
            struct_tag(r#"env:"GH_TOKEN,required" json:"t""#, "env").as_deref(),
            Some("GH_TOKEN")
        );
        assert_eq!(
            struct_tag(r#"json:"t" envconfig:"PORT""#, "envconfig").as_deref(),
            Some("PORT")
        );
        assert_eq!(struct_tag(r#"envconfig:"PORT""#, "env"), None);
        assert_eq!(struct_tag(r#"env:"-""#, "env"), None);
        assert_eq!(struct_tag(r#"json:"x""#, "env"), None);
    }
}
