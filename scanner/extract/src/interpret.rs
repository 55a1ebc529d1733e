//! Registration styles → tool, resource and prompt drafts.
//!
//! Each style is one SDK calling convention (see ../shared/docs/sdk-surface.md). Most reduce to
//! a few shared readers: a *tool object* (`{name, description, inputSchema, annotations}` in any
//! spelling: object literal, Python kwargs, Go struct literal), *annotations* in any spelling,
//! and *parameters* from a zod shape, a JSON Schema, a function signature or Go options.

use crate::facts::RegFact;
use crate::value::{norm_key, FnInfo, Value};
use mcpsweep_model::{Annotations, Param};

/// Resolves identifiers (constants, enums, functions) across the package.
pub trait Resolver {
    fn resolve(&self, v: &Value) -> Value;
}

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub what: What,
    /// Ok(name) or Err(expression text) when the name is computed at run time.
    pub name: Result<String, String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub uri: Option<String>,
    pub params: Vec<Param>,
    pub params_resolved: bool,
    pub annotations: Annotations,
    pub sdk_defaults: Option<Annotations>,
    pub style: String,
    pub line: u32,
    pub column: u32,
    /// Where the tool's code is, for the effect analysis.
    pub handler: Option<HandlerRef>,
}

/// A handler within the registration's file: a function's byte range, or a function name.
#[derive(Debug, Clone, PartialEq)]
pub enum HandlerRef {
    Span(usize, usize),
    Name(String),
}

/// The handler of a registration: the decorated / attributed function, an inline function
/// argument (`server.tool(name, ..., async () => {...})`), an `execute`/`handler` option, or
/// a function passed by name.
fn handler_of(reg: &RegFact) -> Option<HandlerRef> {
    if let Some(f) = &reg.func {
        if f.span != (0, 0) {
            return Some(HandlerRef::Span(f.span.0, f.span.1));
        }
    }
    let from = |v: &Value| -> Option<HandlerRef> {
        match v {
            Value::Func(f) if f.span != (0, 0) => Some(HandlerRef::Span(f.span.0, f.span.1)),
            Value::Object(_) | Value::Call { .. } => [
                "execute", "handler", "handle", "callback", "fn", "run", "Handler",
            ]
            .iter()
            .find_map(|k| match v.get(k) {
                Some(Value::Func(f)) if f.span != (0, 0) => {
                    Some(HandlerRef::Span(f.span.0, f.span.1))
                }
                Some(Value::Ident(n)) => Some(HandlerRef::Name(n.clone())),
                _ => None,
            }),
            _ => None,
        }
    };
    if let Some(h) = reg.args.iter().rev().find_map(from) {
        return Some(h);
    }
    if let Some(h) = reg.kwargs.iter().rev().find_map(|(_, v)| from(v)) {
        return Some(h);
    }
    if matches!(
        reg.style.as_str(),
        "py.add_tool" | "py.from_function" | "py.tool-call"
    ) {
        if let Some(Value::Ident(n)) = reg
            .args
            .first()
            .or_else(|| reg.kwargs.iter().find(|(k, _)| k == "fn").map(|(_, v)| v))
        {
            return Some(HandlerRef::Name(n.clone()));
        }
    }
    match reg.args.last() {
        Some(Value::Ident(n)) if reg.args.len() > 1 => Some(HandlerRef::Name(n.clone())),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Tool,
    Resource,
    Prompt,
}

/// Outcome of interpreting one registration.
#[derive(Debug, Default)]
pub struct Interpreted {
    pub drafts: Vec<Draft>,
    /// Reasons a registration or part of it could not be resolved.
    pub unresolved: Vec<(u32, String)>,
}

impl Draft {
    fn new(what: What, reg: &RegFact) -> Draft {
        Draft {
            what,
            name: Err(String::new()),
            title: None,
            description: None,
            uri: None,
            params: Vec::new(),
            params_resolved: true,
            annotations: Annotations::default(),
            sdk_defaults: None,
            style: reg.style.clone(),
            line: reg.line,
            column: reg.column,
            handler: handler_of(reg),
        }
    }
}

/// mcp-go's `NewTool` pre-fills these hints (sdk-surface.md §5).
fn mcp_go_defaults() -> Annotations {
    Annotations {
        read_only_hint: Some(false),
        destructive_hint: Some(true),
        idempotent_hint: Some(false),
        open_world_hint: Some(true),
        title: None,
    }
}

pub fn interpret(reg: &RegFact, r: &dyn Resolver) -> Interpreted {
    let mut out = Interpreted::default();
    let what = match reg.what.as_str() {
        "resource" => What::Resource,
        "prompt" => What::Prompt,
        _ => What::Tool,
    };
    let arg = |i: usize| reg.args.get(i).map(|v| r.resolve(v));
    let kw = |k: &str| {
        reg.kwargs
            .iter()
            .find(|(n, _)| crate::value::key_eq(n, k))
            .map(|(_, v)| r.resolve(v))
    };
    let mut d = Draft::new(what, reg);
    match reg.style.as_str() {
        // ------------------------------------------------------------ TypeScript / JavaScript
        "ts.tool" => {
            let Some(first) = reg.args.first() else {
                return out;
            };
            d.name = name_of(first, r);
            let n = reg.args.len();
            let middle = if n >= 2 { &reg.args[1..n - 1] } else { &[][..] };
            let mut saw_shape = false;
            for m in middle {
                let v = r.resolve(m);
                match &v {
                    Value::Str(s) if d.description.is_none() && !saw_shape => {
                        d.description = Some(s.clone())
                    }
                    Value::Object(pairs) if is_annotation_object(pairs) => {
                        d.annotations = annotations(&v, r)
                    }
                    Value::Object(_) | Value::Call { .. } if !saw_shape => {
                        saw_shape = true;
                        let (p, ok) = params_from_schema(&v, r);
                        d.params = p;
                        d.params_resolved = ok;
                    }
                    Value::Object(_) => d.annotations = annotations(&v, r),
                    // `Schema.shape` of a zod object
                    Value::Member(_, _) | Value::Ident(_) if !saw_shape => {
                        saw_shape = true;
                        let (p, ok) = params_from_schema(&v, r);
                        d.params = p;
                        d.params_resolved = ok;
                    }
                    _ if !saw_shape => {
                        saw_shape = true;
                        d.params_resolved = false;
                    }
                    _ => {}
                }
            }
            if n == 1 {
                // `server.tool("name")` alone is not a registration (a lookup, a test stub).
                return out;
            }
        }
        "ts.registerTool" => {
            let Some(first) = reg.args.first() else {
                return out;
            };
            d.name = name_of(first, r);
            if let Some(cfg) = arg(1) {
                tool_object(&mut d, &cfg, r, false);
            }
        }
        "ts.addTool" => {
            let Some(cfg) = arg(0) else { return out };
            if !matches!(cfg, Value::Object(_)) {
                out.unresolved.push((
                    reg.line,
                    format!("addTool argument not statically known: {}", cfg.text()),
                ));
                return out;
            }
            tool_object(&mut d, &cfg, r, true);
        }
        "ts.list-handler" => {
            let mut items = Vec::new();
            for it in &reg.items {
                flatten_items(&r.resolve(it), r, &mut items, 0);
            }
            for it in items {
                match &it {
                    Value::Object(_) => {
                        let mut t = Draft::new(What::Tool, reg);
                        tool_object(&mut t, &it, r, true);
                        out.drafts.push(t);
                    }
                    other => out.unresolved.push((
                        reg.line,
                        format!("tools/list entry computed at run time: {}", other.text()),
                    )),
                }
            }
            return out;
        }
        "ts.resource" => {
            let first = arg(0);
            match first {
                Some(Value::Object(_)) => {
                    // fastmcp addResource({ uri, name, ... })
                    let cfg = first.unwrap();
                    d.name = cfg
                        .get("name")
                        .map(|v| name_of(v, r))
                        .unwrap_or_else(|| Err(cfg.text()));
                    d.uri = cfg
                        .get("uri")
                        .or_else(|| cfg.get("uriTemplate"))
                        .and_then(|v| str_of(v, r));
                    d.description = cfg.get("description").and_then(|v| str_of(v, r));
                }
                Some(_) => {
                    d.name = name_of(&reg.args[0], r);
                    d.uri = arg(1).and_then(|v| match v {
                        Value::Call { args, .. } => args.first().and_then(|a| str_of(a, r)),
                        v => str_of(&v, r),
                    });
                }
                None => return out,
            }
        }
        "ts.prompt" => {
            let Some(first) = arg(0) else { return out };
            if let Value::Object(_) = first {
                d.name = first
                    .get("name")
                    .map(|v| name_of(v, r))
                    .unwrap_or_else(|| Err(first.text()));
                d.description = first.get("description").and_then(|v| str_of(v, r));
            } else {
                d.name = name_of(&reg.args[0], r);
                match arg(1) {
                    Some(Value::Str(s)) => d.description = Some(s),
                    Some(cfg @ Value::Object(_)) => {
                        d.description = cfg.get("description").and_then(|v| str_of(v, r))
                    }
                    _ => {}
                }
            }
        }
        // ------------------------------------------------------------ Python
        "py.decorator" | "py.decorator-bare" | "py.standalone" | "py.add_tool"
        | "py.from_function" | "py.tool-call" | "py.decorator-call" => {
            let func = match reg.style.as_str() {
                "py.decorator" | "py.decorator-bare" | "py.standalone" => reg.func.clone(),
                // `Tool.from_function(fn=...)`, `mcp.add_tool(fn=...)`
                _ => match arg(0).or_else(|| kw("fn")) {
                    Some(Value::Func(f)) => Some(*f),
                    // `mcp.tool(getattr(module, name))`: a function chosen at run time
                    Some(Value::Call { .. } | Value::Expr(_))
                        if reg.style == "py.tool-call" && kw("name").is_none() =>
                    {
                        out.unresolved.push((
                            reg.line,
                            format!(
                                "{} function computed at run time: {}",
                                reg.what,
                                reg.args[0].text()
                            ),
                        ));
                        return out;
                    }
                    // `@mcp.tool(NAME)` (a decorator), or `mcp.tool(fn)` of a function not
                    // known statically: a tool only when the call names it
                    _ if reg.style == "py.tool-call" && kw("name").is_none() => return out,
                    None if reg.style == "py.tool-call" => return out,
                    Some(other) => {
                        if reg.style == "py.add_tool" {
                            // add_tool(Tool(...)) / add_tool(Tool.from_function(...)): the
                            // inner definition is its own match.
                            if matches!(other, Value::Call { .. }) {
                                return out;
                            }
                        }
                        out.unresolved.push((
                            reg.line,
                            format!("tool function not found in the package: {}", other.text()),
                        ));
                        None
                    }
                    None => return out,
                },
            };
            let fname = func.as_ref().and_then(|f| f.name.clone());
            // The first positional argument after the function: the name (fastmcp
            // `@mcp.tool("custom")`, `mcp.add_tool(fn, "name")`) or a resource URI.
            let positional = match reg.style.as_str() {
                "py.decorator" | "py.decorator-bare" | "py.standalone" => arg(0),
                "py.tool-call" => None,
                _ => arg(1),
            };
            d.name = match kw("name") {
                Some(v) => name_of(&v, r),
                None => match &positional {
                    Some(Value::Str(s)) if what == What::Tool => Ok(s.clone()),
                    _ => fname.clone().ok_or_else(|| "<function>".to_string()),
                },
            };
            d.description = kw("description")
                .and_then(|v| str_of(&v, r))
                .or_else(|| func.as_ref().and_then(|f| f.doc.clone()));
            d.title = kw("title").and_then(|v| str_of(&v, r));
            if let Some(a) = kw("annotations") {
                d.annotations = annotations(&a, r);
            }
            match &func {
                Some(f) => d.params = python_params(f),
                None => d.params_resolved = false,
            }
            if let Some(Value::Array(ex)) = kw("exclude_args") {
                let ex: Vec<String> = ex.iter().filter_map(|v| str_of(v, r)).collect();
                d.params.retain(|p| !ex.contains(&p.name));
            }
            if what == What::Resource {
                d.uri = positional
                    .as_ref()
                    .and_then(|v| str_of(v, r))
                    .or(kw("uri").and_then(|v| str_of(&v, r)));
                if let Some(v) = kw("name") {
                    d.name = name_of(&v, r);
                } else if let Some(f) = fname {
                    d.name = Ok(f);
                }
            }
            if what == What::Prompt {
                if let (None, Some(Value::Str(s))) = (kw("name"), positional) {
                    d.name = Ok(s);
                }
            }
            if func.is_none() && kw("name").is_none() {
                return out;
            }
        }
        "py.Tool" => {
            let Some(v) = arg(0) else { return out };
            tool_object(&mut d, &v, r, true);
        }
        // low-level `types.Resource(uri=..., name=...)`, `types.Prompt(name=..., ...)`
        "py.Resource" | "py.Prompt" => {
            let Some(v) = arg(0) else { return out };
            let uri = v.get("uri").or_else(|| v.get("uriTemplate")).and_then(|u| {
                match r.resolve(u) {
                    // AnyUrl("kv://keys")
                    Value::Call { args, .. } if args.len() == 1 => str_of(&args[0], r),
                    other => str_of(&other, r),
                }
            });
            if what == What::Resource && uri.is_none() && v.get("uri").is_none() {
                return out; // some other `Resource(...)` class
            }
            d.uri = uri;
            d.name = match v.get("name") {
                Some(n) => name_of(n, r),
                None => Err(v.text()),
            };
            d.description = v.get("description").and_then(|t| str_of(t, r));
        }
        // ------------------------------------------------------------ Rust
        "rust.tool-attr" => {
            let f = reg.func.clone().unwrap_or_default();
            let attr = Value::Object(reg.attr.clone().unwrap_or_default());
            d.name = attr
                .get("name")
                .map(|v| name_of(v, r))
                .unwrap_or_else(|| f.name.clone().ok_or_else(|| "<fn>".into()));
            d.description = attr
                .get("description")
                .and_then(|v| str_of(v, r))
                .or_else(|| f.doc.clone());
            d.title = attr.get("title").and_then(|v| str_of(v, r));
            if let Some(a) = attr.get("annotations") {
                d.annotations = annotations(a, r);
            }
            if what == What::Tool {
                let (p, ok) = match attr.get("input_schema") {
                    Some(schema) => rust_schema_params(schema, r),
                    None => rust_params(&f, r),
                };
                d.params = p;
                d.params_resolved = ok;
            }
        }
        "rust.Tool::new" | "rust.Tool-literal" => {
            let Some(first) = reg.args.first() else {
                return out;
            };
            let schema = if reg.style == "rust.Tool-literal" {
                let v = r.resolve(first);
                tool_object(&mut d, &v, r, true);
                if let Some(a) = v.get("annotations") {
                    d.annotations = rust_annotations(a, r);
                }
                v.get("input_schema").cloned()
            } else {
                d.name = name_of(first, r);
                d.description = arg(1).and_then(|v| str_of(&v, r));
                arg(2)
            };
            match schema {
                Some(schema) => {
                    let (p, ok) = rust_schema_params(&schema, r);
                    d.params = p;
                    d.params_resolved = ok;
                }
                None => d.params_resolved = false,
            }
            // builder calls chained on the definition
            for (k, v) in &reg.kwargs {
                match k.as_str() {
                    ".annotate" | ".with_annotations" => d.annotations = rust_annotations(v, r),
                    ".with_title" => d.title = str_of(v, r),
                    ".with_description" => d.description = str_of(v, r),
                    _ => {}
                }
            }
        }
        // ------------------------------------------------------------ Go
        "go.mcp-go.NewTool" => {
            let Some(first) = reg.args.first() else {
                return out;
            };
            d.name = name_of(first, r);
            d.sdk_defaults = Some(mcp_go_defaults());
            go_options(&mut d, &reg.args[1..], r);
        }
        "go.mcp-go.NewToolWithRawSchema" => {
            let Some(first) = reg.args.first() else {
                return out;
            };
            d.name = name_of(first, r);
            d.description = arg(1).and_then(|v| str_of(&v, r));
            // unlike NewTool, NewToolWithRawSchema pre-fills no annotations
            let (p, ok) = arg(2)
                .map(|s| params_from_schema(&s, r))
                .unwrap_or((Vec::new(), false));
            d.params = p;
            d.params_resolved = ok;
        }
        "go.Tool-literal" => {
            let Some(v) = arg(0) else { return out };
            if v.get("Name").is_none() {
                return out; // `zero := mcp.Tool{}`: a zero value, not a definition
            }
            tool_object(&mut d, &v, r, true);
            if v.get("InputSchema").is_none() {
                // go-sdk infers the schema from the handler's input type.
                d.params_resolved = false;
            }
        }
        // calls of tool wrappers: assemble.rs interprets them once the wrappers are known
        "go.wrapper-call" => return out,
        "go.sdk.AddTool" => {
            // mcp.AddTool(srv, &mcp.Tool{...}, handler)
            let Some(v) = arg(1) else { return out };
            tool_object(&mut d, &v, r, true);
            if v.get("InputSchema").is_none() {
                // the schema is inferred from the handler's input type
                let (p, ok) = arg(2)
                    .map(|h| go_handler_params(&h, r))
                    .unwrap_or((Vec::new(), false));
                d.params = p;
                d.params_resolved = ok;
            }
        }
        "go.mcp-go.NewPrompt" | "go.mcp-go.NewResource" => {
            let Some(first) = reg.args.first() else {
                return out;
            };
            if what == What::Resource {
                d.uri = str_of(first, r);
                d.name = arg(1)
                    .map(|v| name_of(&v, r))
                    .unwrap_or_else(|| name_of(first, r));
            } else {
                d.name = name_of(first, r);
                for o in &reg.args[1..] {
                    if let Value::Call { callee, args, .. } = o {
                        if callee.last_segment() == Some("WithPromptDescription") {
                            d.description = args.first().and_then(|v| str_of(v, r));
                        }
                    }
                }
            }
        }
        "go.Prompt-literal" | "go.Resource-literal" => {
            let Some(v) = arg(0) else { return out };
            if ["Name", "URI", "URITemplate"]
                .iter()
                .all(|k| v.get(k).is_none())
            {
                return out; // `mcp.Prompt{}`: a zero value, not a definition
            }
            d.name = v
                .get("Name")
                .map(|n| name_of(n, r))
                .unwrap_or_else(|| Err(v.text()));
            d.uri = v
                .get("URI")
                .or_else(|| v.get("URITemplate"))
                .and_then(|u| str_of(u, r));
            d.description = v.get("Description").and_then(|s| str_of(s, r));
            if d.name.is_err() && d.uri.is_some() {
                d.name = Ok(d.uri.clone().unwrap());
            }
        }
        other => {
            out.unresolved
                .push((reg.line, format!("unknown registration style {other}")));
            return out;
        }
    }
    out.drafts.push(d);
    out
}

/// A tool name: a literal, a resolvable constant, or a dynamic expression.
fn name_of(v: &Value, r: &dyn Resolver) -> Result<String, String> {
    match str_of(v, r) {
        Some(s) => Ok(s),
        None => Err(v.text()),
    }
}

/// A string value, looking through constants and conversions (`"x".into()`,
/// `String::from("x")`, `Cow::Borrowed("x")`).
pub fn str_of(v: &Value, r: &dyn Resolver) -> Option<String> {
    str_of_depth(&r.resolve(v), r, 0)
}

fn str_of_depth(v: &Value, r: &dyn Resolver, depth: usize) -> Option<String> {
    if depth > 6 {
        return None;
    }
    match v {
        Value::Str(s) => Some(s.clone()),
        // Python `ToolName.SEARCH.value`: the value of a (str) enum member
        Value::Ident(p) if p.ends_with(".value") => {
            let head = Value::Ident(p.trim_end_matches(".value").to_string());
            match r.resolve(&head) {
                Value::Str(s) => Some(s),
                _ => None,
            }
        }
        Value::Call { callee, args, .. } => match callee.as_ref() {
            Value::Member(base, m)
                if args.is_empty()
                    && matches!(m.as_str(), "into" | "to_string" | "to_owned" | "trim") =>
            {
                str_of_depth(&r.resolve(base), r, depth + 1)
            }
            // `NAME.to_string()` on a constant: the callee is the path `NAME.to_string`
            Value::Ident(p)
                if args.is_empty()
                    && p.rsplit_once('.').is_some_and(|(_, m)| {
                        matches!(m, "into" | "to_string" | "to_owned" | "trim")
                    }) =>
            {
                let head = Value::Ident(p.rsplit_once('.').unwrap().0.to_string());
                str_of_depth(&r.resolve(&head), r, depth + 1)
            }
            c if args.len() == 1
                && c.last_segment().is_some_and(|s| {
                    matches!(
                        s,
                        "from"
                            | "Borrowed"
                            | "Owned"
                            | "Some"
                            | "new"
                            | "String"
                            | "str"
                            | "dedent"
                            // Go conversion of a typed constant: `string(ToolEcho)`
                            | "string"
                    )
                }) =>
            {
                str_of_depth(&r.resolve(&args[0]), r, depth + 1)
            }
            _ => None,
        },
        _ => None,
    }
}

fn bool_of(v: &Value, r: &dyn Resolver) -> Option<bool> {
    match r.resolve(v) {
        Value::Bool(b) => Some(b),
        // Go pointer helpers: mcp.ToBoolPtr(true), jsonschema.Ptr(false), boolPtr(true)
        Value::Call { args, .. } if args.len() == 1 => bool_of(&args[0], r),
        _ => None,
    }
}

const ANNOTATION_KEYS: &[&str] = &[
    "readonlyhint",
    "destructivehint",
    "idempotenthint",
    "openworldhint",
    "title",
];

/// An object whose keys are all annotation hints and whose values are plain (TS v1 decides a
/// `.tool()` object argument this way at run time).
fn is_annotation_object(pairs: &[(String, Value)]) -> bool {
    !pairs.is_empty()
        && pairs
            .iter()
            .all(|(k, v)| ANNOTATION_KEYS.contains(&norm_key(k).as_str()) && v.is_primitive())
}

/// Annotations from an object, kwargs call (`ToolAnnotations(readOnlyHint=True)`), Go struct
/// literal or Rust attribute group, in any key spelling.
pub fn annotations(v: &Value, r: &dyn Resolver) -> Annotations {
    let v = r.resolve(v);
    let mut a = Annotations::default();
    let pairs: &[(String, Value)] = match &v {
        Value::Object(p) => p,
        Value::Call { kwargs, .. } => kwargs,
        _ => return a,
    };
    for (k, val) in pairs {
        match norm_key(k).as_str() {
            "readonlyhint" | "readonly" => a.read_only_hint = bool_of(val, r),
            "destructivehint" | "destructive" => a.destructive_hint = bool_of(val, r),
            "idempotenthint" | "idempotent" => a.idempotent_hint = bool_of(val, r),
            "openworldhint" | "openworld" => a.open_world_hint = bool_of(val, r),
            "title" => a.title = str_of(val, r),
            _ => {}
        }
    }
    a
}

/// Fill a draft from a tool object in any spelling. `with_name` reads `name` too.
fn tool_object(d: &mut Draft, v: &Value, r: &dyn Resolver, with_name: bool) {
    if with_name {
        d.name = match v.get("name") {
            Some(n) => name_of(n, r),
            None => Err(v.text()),
        };
    }
    d.title = v.get("title").and_then(|t| str_of(t, r));
    d.description = v.get("description").and_then(|t| str_of(t, r));
    if let Some(a) = v.get("annotations") {
        d.annotations = annotations(a, r);
        if d.title.is_none() {
            d.title = None;
        }
    }
    let schema = v
        .get("inputSchema")
        .or_else(|| v.get("parameters"))
        .or_else(|| v.get("paramsSchema"))
        .or_else(|| v.get("argsSchema"));
    if let Some(s) = schema {
        let (p, ok) = params_from_schema(s, r);
        d.params = p;
        d.params_resolved = ok;
    }
}

/// `X.filter` / `X.slice` / `X.concat`...: array methods whose result holds only elements of
/// `X` (and of the arguments, for `concat`). Returns (X, method).
pub(crate) fn array_method(callee: &Value) -> Option<(Value, &str)> {
    const KEEP: &[&str] = &[
        "filter",
        "slice",
        "sort",
        "toSorted",
        "reverse",
        "toReversed",
        "concat",
        "flat",
    ];
    match callee {
        Value::Ident(p) => {
            let (base, m) = p.rsplit_once('.')?;
            KEEP.contains(&m)
                .then(|| (Value::Ident(base.to_string()), m))
        }
        Value::Member(base, m) => KEEP
            .contains(&m.as_str())
            .then(|| ((**base).clone(), m.as_str())),
        _ => None,
    }
}

/// `defineTool({ name, ... })`, `tool({...})`: a call of a plain function with one object
/// literal, whose object is taken for the definition it builds (JS/TS tool builders).
pub fn builder_object(v: &Value) -> Option<&Value> {
    match v {
        Value::Call {
            callee,
            args,
            kwargs,
        } if kwargs.is_empty()
            && args.len() == 1
            && matches!(&args[0], Value::Object(_))
            && callee.path().is_some_and(|p| !p.contains(['.', ':'])) =>
        {
            Some(&args[0])
        }
        _ => None,
    }
}

/// Flatten the value of `tools:` in a list handler into tool objects.
fn flatten_items(v: &Value, r: &dyn Resolver, out: &mut Vec<Value>, depth: usize) {
    if depth > 6 {
        out.push(v.clone());
        return;
    }
    match v {
        Value::Array(items) => {
            for it in items {
                match it {
                    Value::Spread(inner) => flatten_items(&r.resolve(inner), r, out, depth + 1),
                    other => {
                        let res = r.resolve(other);
                        if let Value::Array(_) = res {
                            flatten_items(&res, r, out, depth + 1)
                        } else if let Some(o) = builder_object(&res) {
                            out.push(r.resolve(o))
                        } else {
                            out.push(res)
                        }
                    }
                }
            }
        }
        // `ALL.filter(pred)`, `ALL.slice(0)`, `[...A].sort()`, `A.concat(B)`: a list handler that
        // filters its literal list may list every element, so all of them are tools.
        Value::Call { callee, args, .. } if array_method(callee).is_some() => {
            let (base, m) = array_method(callee).unwrap();
            flatten_items(&r.resolve(&base), r, out, depth + 1);
            if m == "concat" {
                for a in args {
                    flatten_items(&Value::Array(vec![a.clone()]), r, out, depth + 1);
                }
            }
        }
        // `Object.values(TOOLS)`: the values of a literal object are the tools.
        Value::Call { callee, args, .. }
            if callee.path() == Some("Object.values") && args.len() == 1 =>
        {
            if let Value::Object(pairs) = r.resolve(&args[0]) {
                for (_, t) in pairs {
                    out.push(r.resolve(&t));
                }
            } else {
                out.push(v.clone());
            }
        }
        other => out.push(other.clone()),
    }
}

// ------------------------------------------------------------------------------ parameters

/// Parameters from a schema in any of its forms: zod raw shape, `z.object(shape)`, JSON Schema
/// object, `zodToJsonSchema(X)` wrappers. Returns (params, fully resolved).
pub fn params_from_schema(v: &Value, r: &dyn Resolver) -> (Vec<Param>, bool) {
    params_from_schema_d(&r.resolve(v), r, 0)
}

fn params_from_schema_d(v: &Value, r: &dyn Resolver, depth: usize) -> (Vec<Param>, bool) {
    if depth > 6 {
        return (Vec::new(), false);
    }
    // `Schema.shape`: the raw shape of a `z.object(...)` (a zod object's own fields)
    let shape_of = match v {
        Value::Ident(p) => p
            .strip_suffix(".shape")
            .map(|b| r.resolve(&Value::Ident(b.to_string()))),
        Value::Member(b, m) if m == "shape" => Some(r.resolve(b)),
        _ => None,
    };
    if let Some(base) = shape_of {
        if matches!(base, Value::Call { .. }) {
            return params_from_schema_d(&base, r, depth + 1);
        }
    }
    match v {
        Value::Object(pairs) => {
            // JSON Schema; a zod shape may have a parameter named `properties` (a zod call)
            if matches!(
                v.get("properties").map(|p| r.resolve(p)),
                Some(Value::Object(_))
            ) || v.get("type").and_then(|t| t.as_str()) == Some("object")
            {
                return json_schema_params(v, r);
            }
            let mut out = Vec::new();
            let mut ok = true;
            for (k, val) in pairs {
                if k == "..." {
                    // `{ ...baseShape, extra: z.string() }`: the spread shape's parameters
                    let inner = match val {
                        Value::Spread(b) => r.resolve(b),
                        other => r.resolve(other),
                    };
                    if matches!(inner, Value::Object(_)) {
                        let (p, good) = params_from_schema_d(&inner, r, depth + 1);
                        ok &= good;
                        out.extend(p);
                    } else {
                        ok = false;
                    }
                    continue;
                }
                let (p, good) = zod_param(k, &r.resolve(val), r);
                ok &= good;
                out.push(p);
            }
            (out, ok)
        }
        // Go struct literals of a JSON Schema: `&jsonschema.Schema{Type: "object",
        // Properties: ...}`, mcp-go `mcp.ToolInputSchema{...}`
        Value::Call { kwargs, .. }
            if !kwargs.is_empty()
                && (v.get("properties").is_some()
                    || v.get("type").and_then(|t| t.as_str()) == Some("object")) =>
        {
            json_schema_params(v, r)
        }
        // JSON text: Go `json.RawMessage(`{"type": "object", ...}`)`
        Value::Str(text) if text.trim_start().starts_with('{') => {
            match serde_json::from_str::<serde_json::Value>(text) {
                Ok(j) => params_from_schema_d(&json_value(&j, 0), r, depth + 1),
                Err(_) => (Vec::new(), false),
            }
        }
        Value::Call {
            callee,
            args,
            kwargs,
        } => {
            if let Some((_, calls)) = v.chain() {
                // z.object({...}).strict(), z.object({...}).describe(...)
                if let Some((_, a)) = calls
                    .iter()
                    .find(|(m, _)| m == "object" || m == "strictObject")
                {
                    if let Some(shape) = a.first() {
                        return params_from_schema_d(&r.resolve(shape), r, depth + 1);
                    }
                }
            }
            // pydantic `Model.model_json_schema()` (v2) / `Model.schema()` (v1)
            if let Some((root, calls)) = v.chain() {
                if let [(m, [])] = calls.as_slice() {
                    if matches!(m.as_str(), "model_json_schema" | "schema") && !root.is_empty() {
                        return match r.resolve(&Value::Ident(root)) {
                            Value::Object(fields) => (py_model_params(&fields, r), true),
                            _ => (Vec::new(), false),
                        };
                    }
                }
            }
            // zod `z.preprocess(fn, schema)`: the schema is the second argument
            if callee.path().is_some_and(|p| p.ends_with("z.preprocess")) && args.len() == 2 {
                return params_from_schema_d(&r.resolve(&args[1]), r, depth + 1);
            }
            // zodToJsonSchema(X), toJsonSchema(X), z.toJSONSchema(X), json!({...}), Arc::new(x)
            if let Some(first) = args.first() {
                if kwargs.is_empty() && args.len() <= 2 && callee.last_segment().is_some() {
                    return params_from_schema_d(&r.resolve(first), r, depth + 1);
                }
            }
            (Vec::new(), false)
        }
        Value::Null => (Vec::new(), true),
        _ => (Vec::new(), false),
    }
}

/// A parsed JSON document as a [`Value`].
fn json_value(j: &serde_json::Value, depth: usize) -> Value {
    if depth > 32 {
        return Value::Expr("…".into());
    }
    match j {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Num(n.to_string()),
        serde_json::Value::String(s) => Value::Str(s.clone()),
        serde_json::Value::Array(a) => {
            Value::Array(a.iter().map(|x| json_value(x, depth + 1)).collect())
        }
        serde_json::Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), json_value(x, depth + 1)))
                .collect(),
        ),
    }
}

fn json_schema_params(v: &Value, r: &dyn Resolver) -> (Vec<Param>, bool) {
    let required: Vec<String> = match v.get("required").map(|x| r.resolve(x)) {
        Some(Value::Array(items)) => items.iter().filter_map(|i| str_of(i, r)).collect(),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    let mut ok = true;
    match v.get("properties").map(|p| r.resolve(p)) {
        Some(Value::Object(props)) => {
            for (k, p) in props {
                let p = r.resolve(&p);
                let ty = p
                    .get("type")
                    .and_then(|t| str_of(t, r))
                    .or_else(|| p.get("enum").map(|_| "enum".to_string()));
                out.push(Param {
                    name: k.clone(),
                    ty,
                    required: Some(required.contains(&k)),
                    description: p.get("description").and_then(|d| str_of(d, r)),
                });
            }
        }
        Some(_) => ok = false,
        None => {}
    }
    (out, ok)
}

const ZOD_TYPES: &[(&str, &str)] = &[
    ("string", "string"),
    ("number", "number"),
    ("int", "integer"),
    ("bigint", "integer"),
    ("boolean", "boolean"),
    ("array", "array"),
    ("object", "object"),
    ("record", "object"),
    ("enum", "enum"),
    ("nativeEnum", "enum"),
    ("literal", "literal"),
    ("union", "union"),
    ("any", "any"),
    ("unknown", "any"),
    ("date", "string"),
    ("tuple", "array"),
    ("url", "string"),
    ("email", "string"),
];

/// One entry of a zod raw shape: `name: z.string().optional().describe("...")`.
fn zod_param(name: &str, v: &Value, r: &dyn Resolver) -> (Param, bool) {
    zod_param_d(name, v, r, 0)
}

fn zod_param_d(name: &str, v: &Value, r: &dyn Resolver, depth: usize) -> (Param, bool) {
    let mut p = Param {
        name: name.to_string(),
        ty: None,
        required: Some(true),
        description: None,
    };
    let Some((root, calls)) = v.chain() else {
        return (p, false);
    };
    // `addressSchema.optional()`: a schema held in a constant gives the type
    if !root.is_empty() && !root.contains('.') && root != "z" && depth < 6 {
        let base = r.resolve(&Value::Ident(root.clone()));
        if base != Value::Ident(root.clone()) {
            let (inner, _) = zod_param_d(name, &base, r, depth + 1);
            p.ty = inner.ty;
            p.description = inner.description;
            if inner.required == Some(false) {
                p.required = Some(false);
            }
        }
    }
    for (m, args) in &calls {
        if p.ty.is_none() {
            if let Some((_, t)) = ZOD_TYPES.iter().find(|(z, _)| z == m) {
                p.ty = Some(t.to_string());
            }
        }
        match m.as_str() {
            "optional" | "nullish" | "default" => p.required = Some(false),
            "describe" => p.description = args.first().and_then(|a| str_of(a, r)),
            // `z.preprocess(fn, schema)`: the schema's type
            "preprocess" if args.len() == 2 && p.ty.is_none() && depth < 6 => {
                let (inner, _) = zod_param_d(name, &r.resolve(&args[1]), r, depth + 1);
                p.ty = inner.ty;
                if inner.required == Some(false) {
                    p.required = Some(false);
                }
                p.description = p.description.or(inner.description);
            }
            _ => {}
        }
    }
    let ok = p.ty.is_some();
    (p, ok)
}

/// Python function parameters, minus `self`/`cls` and the injected `Context`. Required means
/// "no default" (pydantic: `Optional[str]` without a default is still required); Field
/// descriptions and defaults were read from the tree (`value.rs`).
fn python_params(f: &FnInfo) -> Vec<Param> {
    f.params
        .iter()
        .filter(|p| !matches!(p.name.as_str(), "self" | "cls"))
        .filter(|p| !p.ty.as_deref().is_some_and(is_python_context))
        .map(|p| {
            let ty = p.ty.as_deref().unwrap_or("").trim();
            Param {
                name: p.name.clone(),
                ty: (!ty.is_empty()).then(|| python_type(py_unannotated(ty))),
                required: Some(p.required == Some(true)),
                description: p.description.clone(),
            }
        })
        .collect()
}

/// Fields of a Python class symbol (pydantic model, dataclass, TypedDict) as parameters.
fn py_model_params(fields: &[(String, Value)], r: &dyn Resolver) -> Vec<Param> {
    fields
        .iter()
        .filter(|(name, _)| name != "(bases)")
        .map(|(name, v)| {
            let ty = v.get("type").and_then(|t| str_of(t, r)).unwrap_or_default();
            Param {
                name: v
                    .get("rename")
                    .and_then(|n| str_of(n, r))
                    .unwrap_or_else(|| name.clone()),
                ty: (!ty.is_empty()).then(|| python_type(py_unannotated(&ty))),
                required: Some(v.get("optional").and_then(|o| o.as_bool()) != Some(true)),
                description: v.get("description").and_then(|d| str_of(d, r)),
            }
        })
        .collect()
}

/// The injected context parameter: `Context`, `Context[ServerSession, None]`,
/// `fastmcp.Context`, `Context | None`, `Optional[Context]`.
fn is_python_context(ty: &str) -> bool {
    let t = python_strip_optional(py_unannotated(ty.trim()));
    let base = t.split('[').next().unwrap_or(t).trim();
    base == "Context" || base.ends_with(".Context")
}

/// `Annotated[T, ...]` → `T` (bracket-aware).
fn py_unannotated(ty: &str) -> &str {
    let rest = ty
        .strip_prefix("Annotated[")
        .or_else(|| ty.strip_prefix("typing.Annotated["))
        .or_else(|| ty.strip_prefix("typing_extensions.Annotated["));
    match rest {
        Some(rest) => py_split_top(rest.strip_suffix(']').unwrap_or(rest), ',')
            .into_iter()
            .next()
            .unwrap_or(rest)
            .trim(),
        None => ty,
    }
}

/// Split at `sep` outside brackets and quotes.
fn py_split_top(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None::<char>, 0);
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '(' | '{') => depth += 1,
            (None, ']' | ')' | '}') => depth -= 1,
            (None, c) if c == sep && depth == 0 => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// `Optional[T]`, `T | None`, `Union[T, None]` → `T` (the first non-None alternative).
fn python_strip_optional(t: &str) -> &str {
    let t = t.trim();
    for wrap in ["Optional[", "typing.Optional[", "Union[", "typing.Union["] {
        if let Some(inner) = t.strip_prefix(wrap).and_then(|r| r.strip_suffix(']')) {
            let first = py_split_top(inner, ',')
                .into_iter()
                .map(str::trim)
                .find(|a| *a != "None")
                .unwrap_or(inner);
            return python_strip_optional(first);
        }
    }
    let alts = py_split_top(t, '|');
    if alts.len() > 1 {
        if let Some(first) = alts.into_iter().map(str::trim).find(|a| *a != "None") {
            return python_strip_optional(first);
        }
    }
    t
}

fn python_type(t: &str) -> String {
    let t = python_strip_optional(t);
    let base = t.split('[').next().unwrap_or(t).trim();
    let base = base.rsplit('.').next().unwrap_or(base);
    match base {
        "str" => "string",
        "int" => "integer",
        "float" => "number",
        "bool" => "boolean",
        "list" | "List" | "tuple" | "Tuple" | "set" | "Set" | "frozenset" | "Sequence" => "array",
        "dict" | "Dict" | "Mapping" => "object",
        "Literal" => "enum",
        // pydantic / stdlib types whose JSON schema is a (formatted) string
        "AnyUrl" | "HttpUrl" | "AnyHttpUrl" | "EmailStr" | "UUID" | "datetime" | "date"
        | "time" | "Path" | "SecretStr" => "string",
        _ => return t.to_string(),
    }
    .to_string()
}

/// rmcp `Parameters<T>` / `Parameters(x): Parameters<T>`: fields of struct T. The facts keep
/// only tool-visible arguments of a tool method (see `facts::rust_tool_params`), so without
/// a `Parameters<T>` the remaining ones are rmcp 0.1 `#[tool(param)]` parameters.
fn rust_params(f: &FnInfo, r: &dyn Resolver) -> (Vec<Param>, bool) {
    for p in &f.params {
        let Some(ty) = p.ty.as_deref() else { continue };
        let inner = ty
            .split_once('<')
            .filter(|(w, _)| w.trim().ends_with("Parameters"))
            .map(|(_, rest)| rest.strip_suffix('>').unwrap_or(rest).trim());
        if let Some(inner) = inner {
            return rust_struct_params(inner, r, 0);
        }
    }
    let ps = f
        .params
        .iter()
        .map(|p| Param {
            ty: p.ty.as_deref().map(rust_go_type),
            ..p.clone()
        })
        .collect();
    (ps, true)
}

/// The parameters of a Rust type used as a schema (`Parameters<T>`, `schema_for!(T)`): the
/// fields of struct T, found by its last path segment (`crate::args::T` → `T`).
fn rust_struct_params(ty: &str, r: &dyn Resolver, depth: usize) -> (Vec<Param>, bool) {
    let name = ty.rsplit("::").next().unwrap_or(ty).trim();
    if depth > 4 || name.is_empty() || name.contains('<') {
        return (Vec::new(), false);
    }
    match r.resolve(&Value::Ident(name.to_string())) {
        Value::Object(fields) if is_struct_fields(&fields) => {
            let mut out = Vec::new();
            let mut ok = true;
            for (fname, v) in &fields {
                if v.get("flatten").and_then(|f| f.as_bool()) == Some(true) {
                    // `#[serde(flatten)] inner: Other` — Other's fields, at this level
                    let t = v.get("type").and_then(|t| t.as_str()).unwrap_or("");
                    let t = t
                        .strip_prefix("Option<")
                        .and_then(|t| t.strip_suffix('>'))
                        .unwrap_or(t);
                    let (p, good) = rust_struct_params(t, r, depth + 1);
                    ok &= good;
                    out.extend(p);
                } else {
                    out.extend(struct_params(&[(fname.clone(), v.clone())], r));
                }
            }
            (out, ok)
        }
        _ => (Vec::new(), false),
    }
}

/// An object of `field(type=...)` values: the fields of a struct or class.
fn is_struct_fields(fields: &[(String, Value)]) -> bool {
    fields
        .iter()
        .all(|(_, v)| matches!(v, Value::Call { callee, .. } if callee.path() == Some("field")))
}

/// A Rust input schema: `Arc::new(x)`, `x.clone()`, `serde_json::from_value(x).unwrap()`
/// around a `json!({...})` JSON Schema or a constant; `JsonObject::new()` /
/// `Default::default()` (no parameters); `schema_for!(T)`, `cached_schema_for_type::<T>()`,
/// `Self::schema::<T>()` (the fields of T).
fn rust_schema_params(v: &Value, r: &dyn Resolver) -> (Vec<Param>, bool) {
    let mut cur = r.resolve(v);
    for _ in 0..12 {
        let next = match &cur {
            Value::Call { callee, args, .. } => {
                let last = callee.last_segment().unwrap_or("");
                if let (Value::Expr(t), []) = (callee.as_ref(), args.as_slice()) {
                    // `schema_for_type::<T>()`, `cached_schema_for_type::<T>()`
                    cur = Value::Expr(t.clone());
                    continue;
                }
                match (callee.as_ref(), args.as_slice()) {
                    // x.clone(), x.unwrap(), x.into(), x.as_object().cloned()
                    (Value::Member(base, _), []) => (**base).clone(),
                    (Value::Ident(p), []) if p.contains('.') => {
                        Value::Ident(p.rsplit_once('.').unwrap().0.to_string())
                    }
                    // JsonObject::new(), Map::new(), Default::default()
                    (_, []) if matches!(last, "new" | "default") => {
                        return (Vec::new(), true);
                    }
                    // schema_for!(T)
                    (Value::Ident(m), [Value::Ident(t)]) if m.ends_with('!') => {
                        if let Value::Object(_) = r.resolve(&Value::Ident(t.clone())) {
                            return rust_struct_params(t, r, 0);
                        }
                        r.resolve(&Value::Ident(t.clone()))
                    }
                    // Arc::new(x), Some(x), serde_json::from_value(x), Cow::Owned(x)
                    (_, [one]) => r.resolve(one),
                    _ => break,
                }
            }
            // `cached_schema_for_type::<T>()` as text
            Value::Expr(t) if t.contains("::<") => {
                let ty = t
                    .rsplit_once("::<")
                    .map(|(_, rest)| rest.split('>').next().unwrap_or(rest))
                    .unwrap_or("")
                    .trim();
                if ty.rsplit("::").next() == Some("EmptyObject") {
                    return (Vec::new(), true); // rmcp's empty parameter object
                }
                return rust_struct_params(ty, r, 0);
            }
            _ => break,
        };
        cur = r.resolve(&next);
    }
    params_from_schema(&cur, r)
}

/// rmcp tool annotations in any spelling: the attribute group, a `ToolAnnotations { .. }`
/// literal (optionally in `Some(..)`), or the builder
/// `ToolAnnotations::new().read_only(true)` / `ToolAnnotations::with_title("t").destructive(false)`.
fn rust_annotations(v: &Value, r: &dyn Resolver) -> Annotations {
    let v = r.resolve(v);
    if let Value::Call { callee, args, .. } = &v {
        if callee.path() == Some("Some") && args.len() == 1 {
            return rust_annotations(&args[0], r);
        }
    }
    let Some((_, calls)) = v.chain() else {
        return annotations(&v, r);
    };
    let is_builder = calls.first().is_some_and(|(m, _)| {
        m.starts_with("ToolAnnotations::") || m.contains("::ToolAnnotations::")
    });
    if !is_builder {
        return annotations(&v, r);
    }
    let mut a = Annotations::default();
    for (m, args) in &calls {
        let m = m.rsplit("::").next().unwrap_or(m);
        let first = args.first();
        match m {
            "with_title" | "title" => a.title = first.and_then(|t| str_of(t, r)),
            "read_only" => a.read_only_hint = first.and_then(|b| bool_of(b, r)),
            "destructive" => a.destructive_hint = first.and_then(|b| bool_of(b, r)),
            "idempotent" => a.idempotent_hint = first.and_then(|b| bool_of(b, r)),
            "open_world" => a.open_world_hint = first.and_then(|b| bool_of(b, r)),
            _ => {}
        }
    }
    a
}

/// Fields of a struct symbol (`{field: Call(type, description=...)}`) as parameters.
pub fn struct_params(fields: &[(String, Value)], r: &dyn Resolver) -> Vec<Param> {
    fields
        .iter()
        .map(|(name, v)| {
            let ty = v.get("type").and_then(|t| str_of(t, r));
            let optional = ty
                .as_deref()
                .is_some_and(|t| t.starts_with("Option<") || t.starts_with('*'))
                || v.get("optional").and_then(|o| o.as_bool()) == Some(true);
            Param {
                name: v
                    .get("rename")
                    .and_then(|n| str_of(n, r))
                    .unwrap_or_else(|| name.clone()),
                ty: ty.map(|t| rust_go_type(&t)),
                required: Some(!optional),
                description: v.get("description").and_then(|d| str_of(d, r)),
            }
        })
        .collect()
}

fn rust_go_type(t: &str) -> String {
    // Go `*T`; Rust `Option<T>`, `Box<T>`, `&'a T`: the inner type
    let mut base = t.trim().trim_start_matches('*').trim();
    loop {
        if let Some(rest) = base.strip_prefix('&') {
            let rest = rest.trim_start();
            base = match rest.strip_prefix('\'') {
                Some(lt) => lt.split_once(' ').map(|(_, r)| r).unwrap_or(lt),
                None => rest,
            }
            .trim_start_matches("mut ")
            .trim();
            continue;
        }
        let unwrapped = ["Option<", "Box<", "Arc<"].iter().find_map(|w| {
            base.strip_prefix(w)
                .and_then(|r| r.strip_suffix('>'))
                .map(str::trim)
        });
        match unwrapped {
            Some(inner) => base = inner,
            None => break,
        }
    }
    let head = base.split('<').next().unwrap_or(base).trim();
    let head = head.rsplit("::").next().unwrap_or(head);
    match head {
        "String" | "str" | "string" | "char" | "PathBuf" | "Path" | "Url" | "Uuid" => "string",
        "Cow" if base.contains("str") => "string",
        "bool" => "boolean",
        "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize"
        | "isize" | "int" | "int8" | "int16" | "int32" | "int64" | "uint" | "uint8" | "uint16"
        | "uint32" | "uint64" => "integer",
        "f32" | "f64" | "float32" | "float64" => "number",
        "Vec" | "VecDeque" | "HashSet" | "BTreeSet" | "IndexSet" => "array",
        b if b.starts_with("[]") || b.starts_with('[') => "array",
        "HashMap" | "BTreeMap" | "IndexMap" | "Map" | "JsonObject" => "object",
        b if b.starts_with("map[") => "object",
        "Value" if base.contains("json") || base == "Value" => "any",
        _ => base,
    }
    .to_string()
}

// ------------------------------------------------------------------------------ Go wrappers

/// A Go function that builds a tool from its parameters, e.g.
/// `func MustTool(name, description string, h H, opts ...mcp.ToolOption) Tool` whose body
/// does `mcp.NewTool(name, mcp.WithDescription(description), ...)` or
/// `mcp.Tool{Name: name, Description: description}`: its call sites are the tools.
#[derive(Debug, Clone, PartialEq)]
pub struct GoWrapper {
    pub func: String,
    /// Argument positions of the name, the description and the first option.
    pub name_idx: usize,
    pub desc_idx: Option<usize>,
    pub opts_idx: Option<usize>,
    /// The definition inside is `mcp.NewTool` (its pre-filled annotations apply).
    pub new_tool: bool,
    /// The wrapper this one calls, when it builds the tool through another wrapper.
    pub inner: Option<String>,
    /// The SDK of the definition inside (set by assemble.rs).
    pub sdk: Option<&'static str>,
}

/// The function a Go call names: `pkg.MustTool[T, R]` → `MustTool`.
pub fn go_callee_name(callee: &str) -> &str {
    let base = callee.split('[').next().unwrap_or(callee).trim();
    base.rsplit('.').next().unwrap_or(base)
}

/// Position of parameter `v` (an identifier, or `opts...`) of the enclosing function.
fn go_param_index(v: Option<&Value>, f: &FnInfo) -> Option<usize> {
    let name = match v? {
        Value::Ident(n) => n.as_str(),
        Value::Expr(t) => t.strip_suffix("...")?.trim(),
        _ => return None,
    };
    f.params.iter().position(|p| p.name == name)
}

/// When a Go definition or wrapper call takes the tool's name from a parameter of the function
/// it sits in, that function is a wrapper: where its callers put name, description, options.
pub fn go_wrapper_of(reg: &RegFact, known: &[GoWrapper]) -> Option<GoWrapper> {
    let f = reg.within.as_ref()?;
    let func = f.name.clone()?;
    let opt_param = f.params.iter().position(|p| {
        p.ty.as_deref()
            .is_some_and(|t| t.trim_start_matches("...").ends_with("ToolOption"))
    });
    let (name, desc, opts, new_tool) = match reg.style.as_str() {
        "go.mcp-go.NewTool" => {
            let desc = reg.args.iter().skip(1).find_map(|o| match o {
                Value::Call { callee, args, .. }
                    if callee.last_segment() == Some("WithDescription") =>
                {
                    args.first()
                }
                _ => None,
            });
            let opts = reg
                .args
                .iter()
                .skip(1)
                .find_map(|o| go_param_index(Some(o), f));
            (reg.args.first(), desc, opts.or(opt_param), true)
        }
        "go.mcp-go.NewToolWithRawSchema" => (reg.args.first(), reg.args.get(1), opt_param, false),
        "go.Tool-literal" | "go.sdk.AddTool" => {
            let lit = reg.args.get(usize::from(reg.style == "go.sdk.AddTool"))?;
            (lit.get("Name"), lit.get("Description"), opt_param, false)
        }
        "go.wrapper-call" => {
            let callee = go_callee_name(reg.callee.as_deref()?);
            let w = known.iter().find(|w| w.func == callee)?;
            let opts = w.opts_idx.and_then(|i| go_param_index(reg.args.get(i), f));
            return Some(GoWrapper {
                func,
                name_idx: go_param_index(reg.args.get(w.name_idx), f)?,
                desc_idx: w.desc_idx.and_then(|i| go_param_index(reg.args.get(i), f)),
                opts_idx: opts.or(opt_param),
                new_tool: w.new_tool,
                inner: Some(w.func.clone()),
                sdk: w.sdk,
            });
        }
        _ => return None,
    };
    Some(GoWrapper {
        func,
        name_idx: go_param_index(name, f)?,
        desc_idx: go_param_index(desc, f),
        opts_idx: opts,
        new_tool,
        inner: None,
        sdk: None,
    })
}

/// A call of a Go tool wrapper: the tool it builds. Its input schema is built inside the
/// wrapper (from the handler or the options), so parameters are not statically known.
pub fn interpret_go_wrapper_call(reg: &RegFact, w: &GoWrapper, r: &dyn Resolver) -> Interpreted {
    let mut out = Interpreted::default();
    let Some(name) = reg.args.get(w.name_idx) else {
        return out;
    };
    let mut d = Draft::new(What::Tool, reg);
    d.style = format!("go.wrapper({})", w.func);
    d.name = name_of(name, r);
    d.description = w
        .desc_idx
        .and_then(|i| reg.args.get(i))
        .and_then(|v| str_of(v, r));
    if w.new_tool {
        d.sdk_defaults = Some(mcp_go_defaults());
    }
    if let Some(i) = w.opts_idx {
        if i < reg.args.len() {
            go_options(&mut d, &reg.args[i..], r);
        }
    }
    d.params_resolved = false;
    out.drafts.push(d);
    out
}

/// go-sdk typed handler `func(ctx, req *mcp.CallToolRequest, in In) (...)` (v0.3+) or
/// `func(ctx, ss *mcp.ServerSession, params *mcp.CallToolParamsFor[In]) (...)` (v0.1–v0.2):
/// the fields of `In`, by name or as a function literal.
fn go_handler_params(h: &Value, r: &dyn Resolver) -> (Vec<Param>, bool) {
    let Value::Func(f) = r.resolve(h) else {
        return (Vec::new(), false);
    };
    let Some(ty) = f.params.get(2).and_then(|p| p.ty.as_deref()) else {
        return (Vec::new(), false);
    };
    let ty = ty.trim().trim_start_matches('*');
    let ty = match ty.split_once("CallToolParamsFor[") {
        Some((_, rest)) => rest.strip_suffix(']').unwrap_or(rest),
        None => ty,
    };
    go_type_params(ty, r)
}

/// Parameters of a Go input type: the JSON-visible fields of a struct (embedded structs
/// promote theirs). Anonymous structs with fields and types not found in the package are not
/// statically known.
fn go_type_params(ty: &str, r: &dyn Resolver) -> (Vec<Param>, bool) {
    let ty = ty.trim().trim_start_matches('*');
    let compact: String = ty.chars().filter(|c| !c.is_whitespace()).collect();
    // `any` (go-sdk: an empty object schema), `struct{}`, maps: an object with no declared
    // properties
    if matches!(compact.as_str(), "any" | "interface{}" | "struct{}") || ty.starts_with("map[") {
        return (Vec::new(), true);
    }
    if ty.is_empty()
        || ty.starts_with("struct")
        || ty.starts_with("interface")
        || ty == "json.RawMessage"
    {
        return (Vec::new(), false);
    }
    let mut fields = Vec::new();
    let ok = go_struct_fields(&Value::Ident(ty.to_string()), r, &mut fields, 0);
    (struct_params(&fields, r), ok)
}

fn go_struct_fields(
    ty: &Value,
    r: &dyn Resolver,
    out: &mut Vec<(String, Value)>,
    depth: usize,
) -> bool {
    if depth > 6 {
        return false;
    }
    let Value::Object(fields) = r.resolve(ty) else {
        return false;
    };
    let mut ok = true;
    for (k, v) in fields {
        match (k.as_str(), &v) {
            ("...", Value::Spread(inner)) => ok &= go_struct_fields(inner, r, out, depth + 1),
            _ => out.push((k, v)),
        }
    }
    ok
}

/// mcp-go functional options of `NewTool`.
fn go_options(d: &mut Draft, opts: &[Value], r: &dyn Resolver) {
    for o in opts {
        let o = r.resolve(o);
        let Value::Call { callee, args, .. } = &o else {
            d.params_resolved = false;
            continue;
        };
        // generic calls (`mcp.WithInputSchema[Args]()`) evaluate to their source text
        let (name, type_arg) = match callee.as_ref() {
            Value::Expr(t) => match t.split_once('[') {
                Some((head, rest)) => (
                    head.rsplit('.').next().unwrap_or(head),
                    Some(rest.trim_end_matches(']').trim()),
                ),
                None => (t.rsplit('.').next().unwrap_or(t), None),
            },
            c => match c.last_segment() {
                Some(n) => (n, None),
                None => continue,
            },
        };
        let first = args.first();
        match name {
            "WithDescription" => d.description = first.and_then(|v| str_of(v, r)),
            "WithTitleAnnotation" => d.annotations.title = first.and_then(|v| str_of(v, r)),
            "WithToolTitle" | "WithTitle" => d.title = first.and_then(|v| str_of(v, r)),
            "WithReadOnlyHintAnnotation" => {
                d.annotations.read_only_hint = first.and_then(|v| bool_of(v, r))
            }
            "WithDestructiveHintAnnotation" => {
                d.annotations.destructive_hint = first.and_then(|v| bool_of(v, r))
            }
            "WithIdempotentHintAnnotation" => {
                d.annotations.idempotent_hint = first.and_then(|v| bool_of(v, r))
            }
            "WithOpenWorldHintAnnotation" => {
                d.annotations.open_world_hint = first.and_then(|v| bool_of(v, r))
            }
            "WithToolAnnotation" => {
                // replaces the whole struct NewTool pre-filled: unset hints become absent
                d.sdk_defaults = None;
                if let Some(a) = first {
                    d.annotations = annotations(a, r);
                }
            }
            "WithInputSchema" => {
                let (p, ok) = match type_arg {
                    Some(t) => go_type_params(t, r),
                    None => (Vec::new(), false),
                };
                d.params = p;
                d.params_resolved = ok;
            }
            "WithRawInputSchema" => {
                let (p, ok) = first
                    .map(|s| params_from_schema(s, r))
                    .unwrap_or((Vec::new(), false));
                d.params = p;
                d.params_resolved = ok;
            }
            n if n.starts_with("With") && n.len() > 4 => {
                let kind = &n[4..];
                let ty = match kind {
                    "String" => "string",
                    "Number" => "number",
                    "Integer" => "integer",
                    "Boolean" => "boolean",
                    "Array" => "array",
                    "Object" => "object",
                    "Any" => "any",
                    _ => continue, // other options (WithOutputSchema, WithDeferLoading...)
                };
                let mut p = Param {
                    name: first
                        .and_then(|v| str_of(v, r))
                        .unwrap_or_else(|| first.map(|v| v.text()).unwrap_or_default()),
                    ty: Some(ty.to_string()),
                    required: Some(false),
                    description: None,
                };
                for po in args.iter().skip(1) {
                    if let Value::Call { callee, args, .. } = r.resolve(po) {
                        match callee.last_segment() {
                            Some("Required") => p.required = Some(true),
                            Some("Description") => {
                                p.description = args.first().and_then(|v| str_of(v, r))
                            }
                            Some("Enum") => p.ty = Some("enum".into()),
                            _ => {}
                        }
                    }
                }
                d.params.push(p);
            }
            _ => {}
        }
    }
}
