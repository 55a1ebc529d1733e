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
            .find(|(n, _)| norm_key(n) == norm_key(k))
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
        "py.decorator" | "py.decorator-bare" | "py.add_tool" | "py.from_function" => {
            let func = match reg.style.as_str() {
                "py.decorator" | "py.decorator-bare" => reg.func.clone(),
                _ => match arg(0) {
                    Some(Value::Func(f)) => Some(*f),
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
            d.name = match kw("name") {
                Some(v) => name_of(&v, r),
                None => match (reg.style.as_str(), arg(0)) {
                    // fastmcp `@mcp.tool("custom")`
                    ("py.decorator", Some(Value::Str(s))) => Ok(s),
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
            if let Some(f) = &func {
                d.params = python_params(f);
            }
            if let Some(Value::Array(ex)) = kw("exclude_args") {
                let ex: Vec<String> = ex.iter().filter_map(|v| str_of(v, r)).collect();
                d.params.retain(|p| !ex.contains(&p.name));
            }
            if what == What::Resource {
                d.uri = arg(0)
                    .and_then(|v| str_of(&v, r))
                    .or(kw("uri").and_then(|v| str_of(&v, r)));
                if let Some(v) = kw("name") {
                    d.name = name_of(&v, r);
                } else if let Some(f) = fname {
                    d.name = Ok(f);
                }
            }
            if what == What::Prompt {
                if let (None, Some(Value::Str(s))) = (kw("name"), arg(0)) {
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
            let (p, ok) = rust_params(&f, r);
            d.params = p;
            d.params_resolved = ok;
        }
        "rust.Tool::new" => {
            let Some(first) = reg.args.first() else {
                return out;
            };
            d.name = name_of(first, r);
            d.description = arg(1).and_then(|v| str_of(&v, r));
            if let Some(schema) = arg(2) {
                let (p, ok) = params_from_schema(&schema, r);
                d.params = p;
                d.params_resolved = ok;
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
            d.sdk_defaults = Some(mcp_go_defaults());
            let (p, ok) = arg(2)
                .map(|s| params_from_schema(&s, r))
                .unwrap_or((Vec::new(), false));
            d.params = p;
            d.params_resolved = ok;
        }
        "go.Tool-literal" => {
            let Some(v) = arg(0) else { return out };
            tool_object(&mut d, &v, r, true);
            if v.get("InputSchema").is_none() {
                // go-sdk infers the schema from the handler's input type.
                d.params_resolved = false;
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
        Value::Call { callee, args, .. } => match callee.as_ref() {
            Value::Member(base, m)
                if args.is_empty()
                    && matches!(m.as_str(), "into" | "to_string" | "to_owned" | "trim") =>
            {
                str_of_depth(&r.resolve(base), r, depth + 1)
            }
            c if args.len() == 1
                && c.last_segment().is_some_and(|s| {
                    matches!(s, "from" | "Borrowed" | "new" | "String" | "str" | "dedent")
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
                        } else {
                            out.push(res)
                        }
                    }
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
    match v {
        Value::Object(pairs) => {
            if v.get("properties").is_some()
                || v.get("type").and_then(|t| t.as_str()) == Some("object")
            {
                return json_schema_params(v, r);
            }
            let mut out = Vec::new();
            let mut ok = true;
            for (k, val) in pairs {
                if k == "..." {
                    ok = false;
                    continue;
                }
                let (p, good) = zod_param(k, &r.resolve(val), r);
                ok &= good;
                out.push(p);
            }
            (out, ok)
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
    let mut p = Param {
        name: name.to_string(),
        ty: None,
        required: Some(true),
        description: None,
    };
    let Some((_, calls)) = v.chain() else {
        return (p, false);
    };
    for (m, args) in &calls {
        if p.ty.is_none() {
            if let Some((_, t)) = ZOD_TYPES.iter().find(|(z, _)| z == m) {
                p.ty = Some(t.to_string());
            }
        }
        match m.as_str() {
            "optional" | "nullish" | "default" => p.required = Some(false),
            "describe" => p.description = args.first().and_then(|a| str_of(a, r)),
            _ => {}
        }
    }
    let ok = p.ty.is_some();
    (p, ok)
}

/// Python function parameters, minus `self`/`cls` and the injected `Context`.
fn python_params(f: &FnInfo) -> Vec<Param> {
    f.params
        .iter()
        .filter(|p| !matches!(p.name.as_str(), "self" | "cls"))
        .filter(|p| {
            !p.ty.as_deref().is_some_and(|t| {
                t == "Context" || t.starts_with("Context[") || t.ends_with(".Context")
            })
        })
        .map(|p| {
            let ty = p.ty.as_deref().unwrap_or("");
            let (inner, desc) = split_annotated(ty);
            let optional = inner.contains("None") || inner.starts_with("Optional[");
            Param {
                name: p.name.clone(),
                ty: (!ty.is_empty()).then(|| python_type(inner)),
                required: Some(p.required == Some(true) && !optional),
                description: desc,
            }
        })
        .collect()
}

/// `Annotated[str, Field(description="x")]` → ("str", Some("x")).
fn split_annotated(ty: &str) -> (&str, Option<String>) {
    let Some(rest) = ty.strip_prefix("Annotated[") else {
        return (ty, None);
    };
    let inner = rest.split(',').next().unwrap_or(rest).trim();
    let desc = rest
        .find("description=")
        .and_then(|i| {
            let s = &rest[i + "description=".len()..];
            let q = s.chars().next()?;
            if q != '"' && q != '\'' {
                return None;
            }
            let end = s[1..].find(q)?;
            Some(s[1..1 + end].to_string())
        })
        .or_else(|| {
            // Annotated[str, "description"]
            let second = rest.split_once(',')?.1.trim();
            let q = second.chars().next()?;
            if q != '"' && q != '\'' {
                return None;
            }
            let end = second[1..].find(q)?;
            Some(second[1..1 + end].to_string())
        });
    (inner, desc)
}

fn python_type(t: &str) -> String {
    let base = t
        .trim_start_matches("Optional[")
        .split(['[', '|'])
        .next()
        .unwrap_or(t)
        .trim();
    match base {
        "str" => "string",
        "int" => "integer",
        "float" => "number",
        "bool" => "boolean",
        "list" | "List" | "tuple" | "Tuple" | "set" | "Sequence" => "array",
        "dict" | "Dict" | "Mapping" => "object",
        "Literal" => "enum",
        other => return other.to_string(),
    }
    .to_string()
}

/// rmcp `Parameters<T>` / `Parameters(x): Parameters<T>`: fields of struct T.
fn rust_params(f: &FnInfo, r: &dyn Resolver) -> (Vec<Param>, bool) {
    for p in &f.params {
        let Some(ty) = p.ty.as_deref() else { continue };
        let inner = ty
            .split_once('<')
            .filter(|(w, _)| w.trim().ends_with("Parameters") || w.trim().ends_with("Json"))
            .map(|(_, rest)| rest.trim_end_matches('>').trim());
        if let Some(inner) = inner {
            return match r.resolve(&Value::Ident(inner.to_string())) {
                Value::Object(fields) => (struct_params(&fields, r), true),
                _ => (Vec::new(), false),
            };
        }
    }
    // rmcp 0.1 `#[tool(param)]` arguments are plain parameters
    let ps: Vec<Param> = f
        .params
        .iter()
        .filter(|p| {
            !p.ty.as_deref().is_some_and(|t| {
                t.contains("Context") || t.contains("Peer") || t.contains("RequestContext")
            })
        })
        .cloned()
        .collect();
    (ps, true)
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
    let base = t
        .trim_start_matches('*')
        .trim_start_matches("Option<")
        .trim_end_matches('>');
    match base {
        "String" | "&str" | "string" => "string",
        "bool" => "boolean",
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" | "int"
        | "int32" | "int64" | "uint" | "uint32" | "uint64" => "integer",
        "f32" | "f64" | "float32" | "float64" => "number",
        b if b.starts_with("Vec<") || b.starts_with("[]") => "array",
        b if b.starts_with("HashMap<") || b.starts_with("map[") || b.starts_with("BTreeMap<") => {
            "object"
        }
        other => other,
    }
    .to_string()
}

/// mcp-go functional options of `NewTool`.
fn go_options(d: &mut Draft, opts: &[Value], r: &dyn Resolver) {
    for o in opts {
        let o = r.resolve(o);
        let Value::Call { callee, args, .. } = &o else {
            d.params_resolved = false;
            continue;
        };
        let Some(name) = callee.last_segment() else {
            continue;
        };
        let name = name.split('[').next().unwrap_or(name);
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
                if let Some(a) = first {
                    d.annotations = annotations(a, r);
                }
            }
            "WithInputSchema" | "WithRawInputSchema" => d.params_resolved = false,
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
