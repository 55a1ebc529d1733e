//! Data flows ("taint"): which values reach which sinks, for the audit rules of issue 5.
//!
//! Facts (`grammars/<lang>/flows.scm`, collected by [`collect`] per file): function scopes
//! with their parameters, assignments, returned / thrown values and low-level `tools/call`
//! handlers. What calls and names *mean* is data, in the flow sections of
//! `grammars/<lang>/effects.toml` (format: grammars/README.md, "Flow tables"): `[taint]`
//! settings, `[[handler]]` (which handler parameters carry a tool's arguments, per
//! registration style), `[[source]]`, `[[sink]]` and `[[sanitizer]]`.
//!
//! Analysis is a forward walk over one function's assignments, calls and returns in source
//! order. Each name holds labels (where its value comes from); an assignment from a value
//! derived from the name itself replaces them (`p = validate(p)`), any other joins them (a
//! branch may not run). A value's labels are those of the names it mentions: identifier
//! paths, member accesses (`args.path`), arguments of unknown calls, parts of templates and
//! concatenations (read from the source text by [`scan`]); calls in `[taint] kill` yield
//! nothing and sanitisers mark what passes through them. A call of a same-package function
//! hands the labels of its arguments to the function's parameters by position, followed as
//! the effect walk follows helpers (`effects::helper_target`, depth `effects::MAX_DEPTH`).
//! A sink call whose carrying argument has labels is a [`Flow`].

use crate::effects::{self, callee_matches, Handler, Package};
use crate::facts::Site;
use crate::fields::{FieldExt, KindExt};
use crate::lang::Lang;
use crate::lazyre::LazyRegex;
use crate::value::{named_children, Eval, Value};
use mcpsweep_model::{Flow, Server, Tool};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;
use tree_sitter::{Node, Query, QueryMatch};

// ------------------------------------------------------------------------------ facts

/// The data-flow facts of one file.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, Default, PartialEq)]
pub struct FlowFacts {
    /// Every function (named or not) with its parameters (`@scope`).
    pub scopes: Vec<Scope>,
    /// Assignments, declarations, loop targets (`@assign`), in no particular order.
    pub assigns: Vec<Assign>,
    /// Returned, thrown and raised values (`@ret`).
    pub rets: Vec<Ret>,
    /// Low-level `tools/call` handlers (`@dispatch`).
    pub dispatch: Vec<Dispatch>,
    /// Membership tests (`x in ALLOWED`, `x not in SUPPORTED`: `@member`).
    pub members: Vec<Member>,
}

/// A membership test: the value tested and the collection it is tested against.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Member {
    pub value: Value,
    pub set: Value,
    pub byte: usize,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Scope {
    pub span: (usize, usize),
    pub params: Vec<ParamBind>,
}

/// One positional parameter: the name it is bound to whole, and / or the names its
/// destructured fields are bound to (property, local name).
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, Default, PartialEq)]
pub struct ParamBind {
    pub name: Option<String>,
    pub fields: Vec<(String, String)>,
    /// The declared type as written.
    pub ty: Option<String>,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Assign {
    pub targets: Vec<Target>,
    pub value: Value,
    /// Where its right-hand side starts.
    pub start: usize,
    /// Where the assignment takes effect: the end of its right-hand side.
    pub byte: usize,
    pub op: AssignOp,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignOp {
    /// `x = v`, `const x = v`
    Set,
    /// `x += v`
    Augment,
    /// `for x in v` / `for (const x of v)`: the target is an element of the value
    Iter,
    /// A new binding that shadows the name (Rust `let`, `if let`): it replaces the labels
    Bind,
}

/// A name an assignment binds: a local (or a dotted member path such as `this.root`), from a
/// destructured property (`const { path: p } = args` → local `p`, field `path`) or from a
/// position of a tuple target (`a, b = x, y`).
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Target {
    pub local: String,
    pub field: Option<String>,
    pub index: Option<usize>,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Ret {
    pub value: Value,
    /// `return`, `throw` or `raise`.
    pub form: String,
    pub byte: usize,
    pub line: u32,
    pub column: u32,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct Dispatch {
    pub handler: DispatchFn,
    /// Which parameters carry the call (`#set! params`, see [`ParamSpec`]).
    pub params: String,
    pub line: u32,
}

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub enum DispatchFn {
    Span(usize, usize),
    /// A function passed by name (`setRequestHandler(S, this.handleCall.bind(this))`).
    Name(String),
}

const FUNCTION_KINDS: &[&str] = &[
    "arrow_function",
    "function_expression",
    "function",
    "function_declaration",
    "generator_function",
    "generator_function_declaration",
    "method_definition",
    "function_definition",
    "lambda",
    "func_literal",
    "function_item",
    "closure_expression",
    "method_declaration",
];

/// What a Rust function's tail expression can be for it to count as the function's result
/// (a `return`): its body block's last named child, comments included (a trailing comment
/// means no tail is taken).
const RUST_TAIL_KINDS: &[&str] = &[
    "call_expression",
    "macro_invocation",
    "identifier",
    "field_expression",
    "struct_expression",
    "try_expression",
    "await_expression",
    "reference_expression",
    "string_literal",
];

/// A Rust `fn`'s tail expression as a returned value. Found here from the function's `@scope`
/// match rather than by a query pattern: the pattern (`(block [..] @v .)`, an end-anchored
/// child) made tree-sitter track a state per statement of every body and doubled the Rust
/// query's matching time.
fn rust_tail(ev: &Eval, f: Node) -> Option<Ret> {
    let body = f.field("body").filter(|b| b.kind_str() == "block")?;
    let n = body.named_child_count();
    let v = body.named_child(n.checked_sub(1)? as u32)?;
    if !RUST_TAIL_KINDS.contains(&v.kind_str()) {
        return None;
    }
    let p = v.start_position();
    Some(Ret {
        value: ev.value_shallow(v),
        form: "return".to_string(),
        byte: v.start_byte(),
        line: p.row as u32 + 1,
        column: p.column as u32 + 1,
    })
}

/// Is the match one [`collect`] records (a data-flow fact)?
pub fn is_flow(m: &QueryMatch, names: &[&str]) -> bool {
    m.captures().iter().any(|c| {
        matches!(
            names[c.index as usize],
            "scope" | "assign" | "ret" | "member" | "dispatch"
        )
    })
}

/// Record the data-flow facts of one query match; false when the match is not one of them.
/// Rust tail expressions go to `tails`, for the caller to append once the matches are done
/// (where the query pattern that found them put them).
pub fn collect(
    ev: &Eval,
    query: &Query,
    m: &QueryMatch,
    names: &[&str],
    out: &mut FlowFacts,
    tails: &mut Vec<Ret>,
) -> bool {
    let cap = |name: &str| {
        m.captures()
            .iter()
            .find(|c| names[c.index as usize] == name)
            .map(|c| c.node)
    };
    let props = query.property_settings(m.pattern_index);
    let prop = |k: &str| {
        props
            .iter()
            .find(|p| &*p.key == k)
            .and_then(|p| p.value.as_deref())
    };
    if let Some(n) = cap("scope") {
        out.scopes.push(Scope {
            span: (n.start_byte(), n.end_byte()),
            params: param_binds(ev, n),
        });
        if n.kind_str() == "function_item" {
            tails.extend(rust_tail(ev, n));
        }
        return true;
    }
    if cap("assign").is_some() {
        let (Some(l), Some(r)) = (cap("assign.left"), cap("assign.right")) else {
            return true;
        };
        if FUNCTION_KINDS.contains(&r.kind_str()) || r.kind_str().starts_with("class") {
            return true;
        }
        let mut targets = Vec::new();
        bind_targets(ev, l, None, &mut targets, 0);
        if targets.is_empty() {
            return true;
        }
        let op = match prop("op") {
            Some("augment") => AssignOp::Augment,
            Some("iter") => AssignOp::Iter,
            Some("bind") => AssignOp::Bind,
            _ => AssignOp::Set,
        };
        out.assigns.push(Assign {
            targets,
            value: ev.value_shallow(r),
            start: r.start_byte(),
            byte: r.end_byte(),
            op,
        });
        return true;
    }
    if cap("ret").is_some() {
        let Some(v) = cap("ret.value") else {
            return true;
        };
        if v.kind_str() == "statement_block" || v.kind_str().ends_with("comment") {
            return true;
        }
        let p = v.start_position();
        out.rets.push(Ret {
            value: ev.value_shallow(v),
            form: prop("form").unwrap_or("return").to_string(),
            byte: v.start_byte(),
            line: p.row as u32 + 1,
            column: p.column as u32 + 1,
        });
        return true;
    }
    if let Some(n) = cap("member") {
        // `a in b`, `a not in b` (any other comparison is not one)
        let kids: Vec<Node> = named_children(n).collect();
        if let [a, b] = kids.as_slice() {
            let op = ev
                .text(n)
                .get(a.end_byte() - n.start_byte()..b.start_byte() - n.start_byte())
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if op == "in" || op == "not in" {
                out.members.push(Member {
                    value: ev.value_shallow(*a),
                    set: ev.value_shallow(*b),
                    byte: n.start_byte(),
                });
            }
        }
        return true;
    }
    if let Some(n) = cap("dispatch") {
        let Some(f) = cap("dispatch.fn") else {
            return true;
        };
        let handler = if FUNCTION_KINDS.contains(&f.kind_str()) {
            DispatchFn::Span(f.start_byte(), f.end_byte())
        } else {
            // `handleCall`, `this.handleCall`, `this.handleCall.bind(this)`
            let t = ev.text(f);
            let t = t.split('(').next().unwrap_or(t).trim_end_matches(".bind");
            DispatchFn::Name(t.rsplit('.').next().unwrap_or(t).to_string())
        };
        out.dispatch.push(Dispatch {
            handler,
            params: prop("params").unwrap_or("args:0").to_string(),
            line: n.start_position().row as u32 + 1,
        });
        return true;
    }
    false
}

/// The positional parameters of a function node, in any grammar.
fn param_binds(ev: &Eval, f: Node) -> Vec<ParamBind> {
    let list: Vec<Node> = match (f.field("parameters"), f.field("parameter")) {
        (Some(ps), _) => named_children(ps).collect(),
        (None, Some(p)) => vec![p],
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for p in list {
        let kind = p.kind_str();
        if kind.ends_with("comment")
            || matches!(
                kind,
                "keyword_separator" | "positional_separator" | "attribute_item"
            )
        {
            continue;
        }
        // Go: `a, b string` declares two parameters
        if matches!(
            kind,
            "parameter_declaration" | "variadic_parameter_declaration"
        ) {
            let ty = p.field("type").map(|t| ev.text(t).to_string());
            let mut c = p.walk();
            let names: Vec<String> = p
                .children_by_field_name("name", &mut c)
                .map(|n| ev.text(n).to_string())
                .collect();
            if names.is_empty() {
                out.push(ParamBind {
                    ty: ty.clone(),
                    ..Default::default()
                });
            }
            for n in names {
                out.push(ParamBind {
                    name: Some(n),
                    fields: Vec::new(),
                    ty: ty.clone(),
                });
            }
            continue;
        }
        let (pat, ty) = match kind {
            "required_parameter" | "optional_parameter" => (p.field("pattern"), p.field("type")),
            "assignment_pattern" => (p.field("left"), None),
            "typed_parameter" => (p.named_child(0), p.field("type")),
            "default_parameter" => (p.field("name"), None),
            "typed_default_parameter" => (p.field("name"), p.field("type")),
            "parameter" => (p.field("pattern"), p.field("type")),
            "self_parameter" => {
                out.push(ParamBind {
                    name: Some("self".into()),
                    ..Default::default()
                });
                continue;
            }
            _ => (Some(p), None),
        };
        let ty = ty.map(|t| ev.text(t).trim_start_matches(':').trim().to_string());
        let Some(pat) = pat else {
            out.push(ParamBind {
                ty,
                ..Default::default()
            });
            continue;
        };
        if pat.kind_str() == "this" {
            continue; // TS `this:` parameter is not positional
        }
        let mut b = ParamBind {
            ty,
            ..Default::default()
        };
        match pat.kind_str() {
            "identifier" | "shorthand_property_identifier_pattern" => {
                b.name = Some(ev.text(pat).to_string())
            }
            "list_splat_pattern" | "dictionary_splat_pattern" | "rest_pattern" => {
                b.name = pat.named_child(0).map(|n| ev.text(n).to_string())
            }
            "object_pattern" => b.fields = object_fields(ev, pat),
            _ => match unwrap_pattern(pat) {
                // Rust `Parameters(req)`: a newtype's one field is the value
                p if p.kind_str() == "identifier" => b.name = Some(ev.text(p).to_string()),
                // Rust `Parameters(Req { path, mode: m })`: (field, local)
                p if p.kind_str() == "struct_pattern" => b.fields = struct_fields(ev, p),
                _ => {
                    // any other pattern (`[a, b]`): the names inside it
                    let mut names = Vec::new();
                    identifiers(ev, pat, &mut names, 0);
                    b.fields = names.into_iter().map(|n| (n.clone(), n)).collect();
                }
            },
        }
        out.push(b);
    }
    out
}

/// The named children of a pattern but its type (`Some` of `Some(x)`, `Req` of `Req { a }`).
fn pattern_parts(n: Node) -> Vec<Node> {
    let ty = n.field("type");
    named_children(n).filter(|c| Some(*c) != ty).collect()
}

/// The pattern a Rust pattern stands for: through `mut x`, `ref x`, `&x`, a match arm's
/// pattern and a newtype's one field (`Parameters(x)`, `Some(x)`, `Ok(x)`).
fn unwrap_pattern(n: Node) -> Node {
    let mut n = n;
    for _ in 0..8 {
        let inner = match n.kind_str() {
            "mut_pattern" | "ref_pattern" | "reference_pattern" => named_children(n)
                .filter(|c| c.kind_str() != "mutable_specifier")
                .last(),
            "match_pattern" => n.named_child(0),
            "tuple_struct_pattern" => match pattern_parts(n).as_slice() {
                [one] => Some(*one),
                _ => None,
            },
            _ => None,
        };
        match inner {
            Some(i) => n = i,
            None => break,
        }
    }
    n
}

/// (field, local) of a Rust struct pattern (`Req { path, mode: m }`).
fn struct_fields(ev: &Eval, pat: Node) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in pattern_parts(pat) {
        if c.kind_str() != "field_pattern" {
            continue;
        }
        let Some(name) = c.field("name") else {
            continue;
        };
        let name = ev.text(name).to_string();
        match c.field("pattern") {
            Some(p) => {
                let mut names = Vec::new();
                identifiers(ev, p, &mut names, 0);
                out.extend(names.into_iter().map(|n| (name.clone(), n)));
            }
            None => out.push((name.clone(), name)),
        }
    }
    out
}

/// (property, local) of a JS object pattern; a nested pattern binds its names to the outer
/// property.
fn object_fields(ev: &Eval, pat: Node) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in named_children(pat) {
        match c.kind_str() {
            "shorthand_property_identifier_pattern" => {
                let t = ev.text(c).to_string();
                out.push((t.clone(), t));
            }
            "object_assignment_pattern" => {
                if let Some(l) = c.field("left") {
                    let t = ev.text(l).to_string();
                    out.push((t.clone(), t));
                }
            }
            "pair_pattern" => {
                if let (Some(k), Some(v)) = (c.field("key"), c.field("value")) {
                    let key = ev
                        .text(k)
                        .trim_matches(|c| c == '"' || c == '\'')
                        .to_string();
                    let mut names = Vec::new();
                    identifiers(ev, v, &mut names, 0);
                    out.extend(names.into_iter().map(|n| (key.clone(), n)));
                }
            }
            _ => {}
        }
    }
    out
}

/// The identifiers a pattern binds (not default values, not keys).
fn identifiers(ev: &Eval, n: Node, out: &mut Vec<String>, depth: usize) {
    if depth > 8 {
        return;
    }
    match n.kind_str() {
        "identifier" | "shorthand_property_identifier_pattern" => out.push(ev.text(n).to_string()),
        "assignment_pattern" | "object_assignment_pattern" => {
            if let Some(l) = n.field("left") {
                identifiers(ev, l, out, depth + 1)
            }
        }
        "pair_pattern" => {
            if let Some(v) = n.field("value") {
                identifiers(ev, v, out, depth + 1)
            }
        }
        // Rust: `Req { a, b: c }`, `Some(x)` (not the type)
        "shorthand_field_identifier" => out.push(ev.text(n).to_string()),
        "field_pattern" => match n.field("pattern") {
            Some(p) => identifiers(ev, p, out, depth + 1),
            None => {
                if let Some(nm) = n.field("name") {
                    out.push(ev.text(nm).to_string())
                }
            }
        },
        "tuple_struct_pattern" | "struct_pattern" => {
            for c in pattern_parts(n) {
                identifiers(ev, c, out, depth + 1)
            }
        }
        _ => {
            for c in named_children(n) {
                if !c.kind_str().contains("type") {
                    identifiers(ev, c, out, depth + 1)
                }
            }
        }
    }
}

/// A member access as a dotted path, through casts and parentheses
/// (`(options as any).shell` → `options.shell`).
fn member_path(ev: &Eval, n: Node, depth: usize) -> Option<String> {
    if depth > 8 {
        return None;
    }
    match n.kind_str() {
        "identifier" | "this" | "self" | "property_identifier" | "field_identifier" => {
            Some(ev.text(n).to_string())
        }
        "parenthesized_expression"
        | "as_expression"
        | "non_null_expression"
        | "satisfies_expression"
        | "type_assertion" => member_path(ev, n.named_child(0)?, depth + 1),
        "member_expression" | "attribute" | "selector_expression" | "field_expression" => {
            let (obj, prop) = match n.kind_str() {
                "member_expression" => ("object", "property"),
                "attribute" => ("object", "attribute"),
                "selector_expression" => ("operand", "field"),
                _ => ("value", "field"),
            };
            let o = member_path(ev, n.field(obj)?, depth + 1)?;
            let p = ev.text(n.field(prop)?);
            (o.len() + p.len() < 80).then(|| format!("{o}.{p}"))
        }
        _ => None,
    }
}

/// The names the left side of an assignment binds.
fn bind_targets(ev: &Eval, l: Node, index: Option<usize>, out: &mut Vec<Target>, depth: usize) {
    if depth > 6 {
        return;
    }
    match l.kind_str() {
        "identifier" | "shorthand_property_identifier_pattern" => out.push(Target {
            local: ev.text(l).to_string(),
            field: None,
            index,
        }),
        // `this.root = ...`, `self.base = ...`: a member path is a name too
        "member_expression" | "attribute" | "selector_expression" | "field_expression" => {
            if let Some(t) = member_path(ev, l, 0) {
                out.push(Target {
                    local: t,
                    field: None,
                    index,
                });
            }
        }
        "object_pattern" => {
            for (prop, local) in object_fields(ev, l) {
                out.push(Target {
                    local,
                    field: Some(prop),
                    index,
                });
            }
        }
        "array_pattern" | "pattern_list" | "tuple_pattern" | "list_pattern" | "tuple" | "list"
        | "expression_list" => {
            for (i, c) in named_children(l).enumerate() {
                bind_targets(ev, c, Some(i), out, depth + 1);
            }
        }
        "parenthesized_expression"
        | "list_splat_pattern"
        | "rest_pattern"
        | "as_pattern_target" => {
            if let Some(c) = l.named_child(0) {
                bind_targets(ev, c, index, out, depth + 1)
            }
        }
        "assignment_pattern" => {
            if let Some(c) = l.field("left") {
                bind_targets(ev, c, index, out, depth + 1)
            }
        }
        // Rust patterns: `mut x`, `Some(x)`, `Parameters(req)`, `Req { a, b: c }`, `(a, b)`
        "mut_pattern"
        | "ref_pattern"
        | "reference_pattern"
        | "match_pattern"
        | "tuple_struct_pattern" => {
            let u = unwrap_pattern(l);
            if u.id() != l.id() {
                bind_targets(ev, u, index, out, depth + 1)
            } else if l.kind_str() == "tuple_struct_pattern" {
                for (i, c) in pattern_parts(l).into_iter().enumerate() {
                    bind_targets(ev, c, Some(i), out, depth + 1);
                }
            }
        }
        "struct_pattern" => {
            for (prop, local) in struct_fields(ev, l) {
                out.push(Target {
                    local,
                    field: Some(prop),
                    index,
                });
            }
        }
        "captured_pattern" => {
            if let Some(c) = l.named_child(0) {
                bind_targets(ev, c, index, out, depth + 1)
            }
        }
        _ => {}
    }
}

// ------------------------------------------------------------------------------ tables

/// The sink classes, in the order of their bits.
const CLASSES: &[&str] = mcpsweep_model::FLOW_SINKS;

/// The sources.
const SOURCES: &[&str] = mcpsweep_model::FLOW_SOURCES;

fn class_mask(names: &[String]) -> Result<u32, String> {
    let mut m = 0;
    for n in names {
        if n == "*" {
            m |= u32::MAX;
            continue;
        }
        match CLASSES.iter().position(|c| c == n) {
            Some(i) => m |= 1 << i,
            None => return Err(format!("unknown sink class {n:?}")),
        }
    }
    Ok(m)
}

fn class_bit(name: &str) -> u32 {
    CLASSES
        .iter()
        .position(|c| *c == name)
        .map(|i| 1 << i)
        .unwrap_or(0)
}

fn source_name(n: &str) -> Result<&'static str, String> {
    SOURCES
        .iter()
        .find(|s| **s == n)
        .copied()
        .ok_or_else(|| format!("unknown flow source {n:?}"))
}

#[derive(Deserialize, Default)]
struct FlowTable {
    #[serde(default)]
    taint: Settings,
    #[serde(default)]
    handler: Vec<HandlerRule>,
    #[serde(default)]
    sink: Vec<SinkRule>,
    #[serde(default)]
    sanitizer: Vec<SanitizerRule>,
    #[serde(default)]
    source: Vec<SourceRule>,
}

/// `[taint]`: what the analysis needs to know of the language.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct Settings {
    /// Member paths from a request object to the tool's arguments (`params.arguments`).
    request_args: Vec<String>,
    /// Methods whose first string argument names a field (`arguments.get("path")`).
    getters: Vec<String>,
    /// Objects whose fields are environment variables (`process.env`, `os.environ`).
    env_objects: Vec<String>,
    /// Calls whose result carries nothing of their inputs (`Number(x)`, `len(x)`,
    /// `x.startsWith(y)`).
    kill: Vec<String>,
    /// Calls whose result is still the whole request (`JSON.stringify(args)`,
    /// `Schema.parse(args)`); through any other call it is one value.
    keep_whole: Vec<String>,
    /// Calls a secret passes through into their result (`String(x)`, `new Error(msg)`,
    /// `TextContent(text=...)`); any other call's result does not hold the secret.
    carry_secret: Vec<String>,
    /// String-formatting calls (`util.format(fmt, x)`): their result is built text.
    format: Vec<String>,
    /// Calls returning a variant of the function they are given (`promisify(exec)`): a
    /// name bound to one is called as that function.
    wrap_fn: Vec<String>,
    /// Parameter names that are the receiver, not an argument (`self`).
    self_params: Vec<String>,
    /// Programs that run their argument as a shell command after one of `shell_flags`.
    shells: Vec<String>,
    shell_flags: Vec<String>,
    /// Programs that open their argument as a URL (`xdg-open`).
    url_openers: Vec<String>,
    /// Sources whose values must not reach a tool's result.
    result_sources: Vec<String>,
    /// Text that makes a built string SQL (a regex over its literal parts).
    sql_text: Option<String>,
    /// Methods of the request object whose first string argument names one of the tool's
    /// arguments (mcp-go `request.GetString("path", "")`, `request.RequireString("cmd")`).
    request_getters: Vec<String>,
    /// Member names that are the value itself (a newtype's `.0`: `params.0.path` is the
    /// argument `path` of `params`).
    transparent: Vec<String>,
    /// Calls that fill their last argument (`&x`) from their other arguments and their
    /// receiver (`json.Unmarshal(raw, &args)`, `request.BindArguments(&args)`): `x` takes
    /// their labels; a whole request decoded so is the arguments object.
    fill: Vec<String>,
    /// With several targets and one value on the right (`v, err := f(x)`), only the first
    /// target takes the value's labels.
    multi_assign_first: bool,
    /// Methods that add their arguments to their receiver (`query.push_str(&clause)`,
    /// `b.WriteString(x)`): the receiver variable takes the arguments' labels.
    mutate: Vec<String>,
    /// Calls whose result is data of an external system (a response, a row, an API
    /// object), not the values they were given: an HTTP request (any `http-url` sink) is one
    /// too. A URL in a response is not the tool's argument.
    external: Vec<String>,
    /// Calls creating a new file or directory of their own (`tempfile.NamedTemporaryFile()`):
    /// what is written into one does not make its path the written value.
    fresh: Vec<String>,
    /// Receivers (a regex) whose methods return external data (`lambda_client.get_layer(..)`,
    /// `octokit.repos.get(..)`), unless the method is a function of the package.
    external_receiver: Option<String>,
}

/// `[[handler]]`: which parameters of a tool's handler carry the tool's arguments.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HandlerRule {
    /// Registration styles (`ts.registerTool`; `py.decorator*` for a prefix).
    styles: Vec<String>,
    /// `each` (every parameter is one argument), `args:N` (parameter N is the arguments
    /// object), `request:N` (parameter N is the request; its arguments at `request_args`).
    params: String,
    /// Parameters that are not arguments: by type (substring) or by name.
    #[serde(default)]
    skip_types: Vec<String>,
    #[serde(default)]
    skip_names: Vec<String>,
    /// Parameters that are the request (its arguments at `request_args`) or the whole
    /// arguments object, by type (substring), whatever their position (`CallToolRequest`,
    /// `Parameters<`); with `params = "types"` only these.
    #[serde(default)]
    request_types: Vec<String>,
    #[serde(default)]
    args_types: Vec<String>,
}

/// `[[sink]]`: a call whose argument is a sink of a class.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SinkRule {
    class: String,
    callee: Vec<String>,
    /// Positions of the arguments that carry the value (default `[0]`).
    arg: Option<Vec<usize>>,
    /// Every argument from the first of `arg` on.
    #[serde(default)]
    rest: bool,
    /// Keyword arguments, or keys of an options-object argument, that carry the value.
    #[serde(default)]
    kw: Vec<String>,
    /// The receiver carries the value (`Path(p).read_text()`); `arg` then defaults to none.
    #[serde(default)]
    receiver: bool,
    /// The receiver must match this regex (`logger`, `session`).
    receiver_re: Option<String>,
    /// The first argument must be a string matching this regex (`set("Authorization", v)`).
    arg0: Option<String>,
    /// A keyword argument or options key that must be set to something other than
    /// false / None (`shell`), or must not be (`unless`).
    when: Option<String>,
    unless: Option<String>,
    /// The call runs a program with an argument vector: `program+list` (`spawn(p, [a])`),
    /// `list` (`subprocess.run([p, a])`), `program+rest` (`exec.Command(p, a...)`).
    argv: Option<String>,
    /// A file-open mode (argument `mode_arg` or keyword `mode_kw`) must match `mode` /
    /// must not match `not_mode` (an absent mode matches only `not_mode`).
    mode: Option<String>,
    not_mode: Option<String>,
    mode_arg: Option<usize>,
    mode_kw: Option<String>,
    /// The mode is an expression, matched as written (`os.O_WRONLY|os.O_CREATE`).
    #[serde(default)]
    mode_expr: bool,
    /// With `argv = "builder"`: the constructors a builder chain starts with
    /// (`Command.new`); the call is one of its steps, on the same expression or on a
    /// variable bound to the constructor's result, and the argument vector is the
    /// constructor's first argument followed by the arguments of every step so far.
    #[serde(default)]
    builder: Vec<String>,
    /// With `argv = "args"`: the program the call runs (GitPython `repo.git.diff(x)` runs
    /// `git diff x`): every argument is an argument of it, the method name first.
    program: Option<String>,
    /// Sources this sink takes (default `tool-arg`, `tool-request`).
    sources: Option<Vec<String>>,
    /// Modules one of which the package must import (prefixes of import paths): a generic
    /// `client.get(x)` is an HTTP request only in a package using an HTTP client, not a
    /// memcached or Redis `get`.
    #[serde(default)]
    imports: Vec<String>,
}

/// `[[sanitizer]]`: a call that makes a value safe for some sink classes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SanitizerRule {
    classes: Vec<String>,
    #[serde(default)]
    callee: Vec<String>,
    /// A regex on the callee's last segment (`validatePath`, `is_safe_url`).
    callee_re: Option<String>,
    /// Also a check: the call anywhere in the function on a value (or one derived from the
    /// same source) sanitises that value's flows (`if (!p.startsWith(root)) throw ...`).
    #[serde(default)]
    check: bool,
    /// The first argument written out must match (`x.startsWith("-")`).
    arg0_text: Option<String>,
    /// Which argument `arg0_text` is checked on (default 0: `strings.HasPrefix(x, "-")` → 1).
    text_arg: Option<usize>,
    /// What a check applies to: `args` (only the arguments: `ALLOWED.includes(x)`),
    /// `params` (the arguments after the first: bound parameters), else the arguments and
    /// the receiver.
    value: Option<String>,
}

/// `[[source]]`: member paths or calls whose value is a source.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceRule {
    kind: String,
    #[serde(default)]
    path: Vec<String>,
    #[serde(default)]
    callee: Vec<String>,
    /// With `callee`: the first argument must be a string matching this regex.
    arg0: Option<String>,
}

struct CSink {
    r: SinkRule,
    sources: Vec<&'static str>,
    receiver_re: Option<LazyRegex>,
    arg0: Option<LazyRegex>,
    mode: Option<LazyRegex>,
    not_mode: Option<LazyRegex>,
}

struct CSanitizer {
    r: SanitizerRule,
    mask: u32,
    callee_re: Option<LazyRegex>,
    arg0_text: Option<LazyRegex>,
}

struct CSource {
    r: SourceRule,
    kind: &'static str,
    arg0: Option<LazyRegex>,
}

struct Tables {
    set: Settings,
    external_receiver: Option<LazyRegex>,
    handlers: Vec<HandlerRule>,
    sinks: Vec<CSink>,
    sanitizers: Vec<CSanitizer>,
    sources: Vec<CSource>,
    sql_text: Option<LazyRegex>,
    result_sources: Vec<&'static str>,
    /// Environment getters whose first argument is the variable (from `[[env]]`).
    env_calls: Vec<&'static str>,
}

/// Check the flow sections of one table (the test compiling every table calls this).
pub fn compile_table(name: &str, text: &str) -> Result<(), String> {
    compile(name, text, true).map(|_| ())
}

/// `check`: compile every regex now (else each is compiled at first use).
fn compile(name: &str, text: &str, check: bool) -> Result<Tables, String> {
    let t: FlowTable = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
    let re = |p: &Option<String>| -> Result<Option<LazyRegex>, String> {
        p.as_deref()
            .map(|p| LazyRegex::new(p, check).map_err(|e| format!("{name}: bad regex {p:?}: {e}")))
            .transpose()
    };
    let err = |e: String| format!("{name}: {e}");
    let mut sinks = Vec::new();
    for r in t.sink {
        let sources = match &r.sources {
            Some(s) => s
                .iter()
                .map(|x| source_name(x))
                .collect::<Result<Vec<_>, _>>()
                .map_err(err)?,
            None => vec!["tool-arg", "tool-request"],
        };
        if let Some(a) = &r.argv {
            if !matches!(
                a.as_str(),
                "program+list" | "list" | "program+rest" | "builder" | "args"
            ) {
                return Err(format!("{name}: unknown argv layout {a:?}"));
            }
        }
        class_mask(std::slice::from_ref(&r.class)).map_err(err)?;
        sinks.push(CSink {
            sources,
            receiver_re: re(&r.receiver_re)?,
            arg0: re(&r.arg0)?,
            mode: re(&r.mode)?,
            not_mode: re(&r.not_mode)?,
            r,
        });
    }
    let mut sanitizers = Vec::new();
    for r in t.sanitizer {
        sanitizers.push(CSanitizer {
            mask: class_mask(&r.classes).map_err(err)?,
            callee_re: re(&r.callee_re)?,
            arg0_text: re(&r.arg0_text)?,
            r,
        });
    }
    let mut sources = Vec::new();
    for r in t.source {
        sources.push(CSource {
            kind: source_name(&r.kind).map_err(err)?,
            arg0: re(&r.arg0)?,
            r,
        });
    }
    for h in &t.handler {
        ParamSpec::parse(&h.params).ok_or_else(|| format!("{name}: bad params {:?}", h.params))?;
    }
    let result_sources = t
        .taint
        .result_sources
        .iter()
        .map(|x| source_name(x))
        .collect::<Result<Vec<_>, _>>()
        .map_err(err)?;
    Ok(Tables {
        sql_text: re(&t.taint.sql_text)?,
        external_receiver: re(&t.taint.external_receiver)?,
        set: t.taint,
        handlers: t.handler,
        sinks,
        sanitizers,
        sources,
        result_sources,
        env_calls: Vec::new(),
    })
}

fn tables(lang: Lang) -> &'static Tables {
    static CELLS: [OnceLock<Tables>; 4] = [const { OnceLock::new() }; 4];
    CELLS[effects::table_slot(lang)].get_or_init(|| {
        let (name, text) = effects::tables_source(lang);
        let mut t =
            compile(name, text, false).unwrap_or_else(|e| panic!("embedded flow table: {e}"));
        t.env_calls = effects::env_name_callees(lang).collect();
        t
    })
}

fn any(pats: &[String], callee: &str) -> bool {
    pats.iter().any(|p| callee_matches(p, callee))
}

/// Which handler parameters carry the tool's arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParamSpec {
    Each,
    Args(usize),
    Request(usize),
    /// Only the parameters of `request_types` / `args_types`.
    Types,
}

impl ParamSpec {
    fn parse(s: &str) -> Option<ParamSpec> {
        match s {
            "each" => return Some(ParamSpec::Each),
            "types" => return Some(ParamSpec::Types),
            _ => {}
        }
        let (k, n) = s.split_once(':')?;
        let n = n.parse().ok()?;
        match k {
            "args" => Some(ParamSpec::Args(n)),
            "request" => Some(ParamSpec::Request(n)),
            _ => None,
        }
    }
}

// ------------------------------------------------------------------------------ labels

/// How much of the tool call a labelled value is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Level {
    /// One value (a tool argument, a secret, a header).
    Field,
    /// The whole arguments object.
    Args,
    /// The whole request, at this member path of it (`""`, `params`).
    Request(String),
}

/// Where a value comes from, and what happened to it on the way.
#[derive(Debug, Clone, PartialEq)]
struct Label {
    source: &'static str,
    /// The parameter, field or variable at the source.
    name: String,
    level: Level,
    /// Sanitisers passed: (name, classes).
    sans: Vec<(String, u32)>,
    /// Built into a string by interpolation, concatenation or formatting.
    built: bool,
    /// ... with literal parts that read as SQL.
    sqlish: bool,
    /// ... after a literal scheme + host (or path) prefix: an HTTP destination it cannot change.
    fixed: bool,
}

impl Label {
    fn new(source: &'static str, name: String, level: Level) -> Label {
        Label {
            source,
            name,
            level,
            sans: Vec::new(),
            built: false,
            sqlish: false,
            fixed: false,
        }
    }

    fn origin(&self) -> (&'static str, &str) {
        (self.source, &self.name)
    }
}

/// Does a value call one of these names (or a method of one)?
fn calls_any(v: &Value, names: &[&str], lang: Lang) -> bool {
    let head = |p: &str| p.split(['.', '(']).next().unwrap_or(p).to_string();
    match v {
        Value::Call {
            callee,
            args,
            kwargs,
        } => {
            let c = match callee.as_ref() {
                Value::Ident(p) => names.contains(&head(p).as_str()),
                other => calls_any(other, names, lang),
            };
            c || args
                .iter()
                .chain(kwargs.iter().map(|(_, v)| v))
                .any(|a| calls_any(a, names, lang))
        }
        Value::Member(b, _) | Value::Spread(b) => calls_any(b, names, lang),
        Value::Array(items) => items.iter().any(|i| calls_any(i, names, lang)),
        Value::Object(pairs) => pairs.iter().any(|(_, i)| calls_any(i, names, lang)),
        Value::Template(t) | Value::Expr(t) => scan(t, lang).iter().any(|p| {
            matches!(p, Part::Ref { path, call: true, .. } if names.contains(&head(path).as_str()))
        }),
        _ => false,
    }
}

/// What the tables say of one callee: the sink rules and check sanitisers it matches,
/// whether it fills or adds to a variable. Matched once per callee text (per thread).
#[derive(Default)]
struct Profile {
    sinks: Vec<usize>,
    checks: Vec<usize>,
    /// Every sanitiser it matches (wrapping a value).
    sans: Vec<usize>,
    /// `[[source]]` rules naming it as a callee; an `[[env]]` getter.
    sources: Vec<usize>,
    env_call: bool,
    fill: bool,
    mutate: bool,
    kill: bool,
    carry: bool,
    whole: bool,
    /// Its result is external data (`[taint] external`, an HTTP request).
    external: bool,
    /// A method of an `external_receiver` (external data unless a package function).
    external_recv: bool,
}

thread_local! {
    static PROFILES: std::cell::RefCell<Cache<Profile>> = std::cell::RefCell::new(HashMap::new());
}

type Cache<T> = HashMap<usize, HashMap<String, std::rc::Rc<T>>>;

thread_local! {
    static PATH_SOURCES: std::cell::RefCell<Cache<Vec<usize>>> =
        std::cell::RefCell::new(HashMap::new());
}

/// The `[[source]]` rules whose member paths a path matches (per thread, cached).
fn path_sources(ctx: &Ctx, p: &str) -> std::rc::Rc<Vec<usize>> {
    let tab = ctx.tab as *const Tables as usize;
    if let Some(v) = PATH_SOURCES.with(|c| c.borrow().get(&tab).and_then(|m| m.get(p)).cloned()) {
        return v;
    }
    let t = ctx.tab;
    let v = std::rc::Rc::new(
        (0..t.sources.len())
            .filter(|k| t.sources[*k].r.path.iter().any(|pat| path_matches(pat, p)))
            .collect::<Vec<usize>>(),
    );
    PATH_SOURCES.with(|c| {
        let mut c = c.borrow_mut();
        let m = c.entry(tab).or_default();
        if m.len() > 200_000 {
            m.clear();
        }
        m.insert(p.to_string(), v.clone());
    });
    v
}

fn profile(ctx: &Ctx, callee: &str) -> std::rc::Rc<Profile> {
    let tab = ctx.tab as *const Tables as usize;
    if let Some(p) = PROFILES.with(|c| c.borrow().get(&tab).and_then(|m| m.get(callee)).cloned()) {
        return p;
    }
    let t = ctx.tab;
    let p = std::rc::Rc::new(Profile {
        sinks: (0..t.sinks.len())
            .filter(|k| any(&t.sinks[*k].r.callee, callee))
            .collect(),
        checks: (0..t.sanitizers.len())
            .filter(|k| t.sanitizers[*k].r.check && sanitizer_matches(&t.sanitizers[*k], callee))
            .collect(),
        // (a check that needs a certain argument, `arg0_text`, does not wrap: the result of
        // `db.execute("SELECT .. FROM sqlite_master ..", (t,))` is no sanitised value)
        sans: (0..t.sanitizers.len())
            .filter(|k| t.sanitizers[*k].arg0_text.is_none())
            .filter(|k| sanitizer_matches(&t.sanitizers[*k], callee))
            .collect(),
        sources: (0..t.sources.len())
            .filter(|k| any(&t.sources[*k].r.callee, callee))
            .collect(),
        env_call: t.env_calls.iter().any(|p| callee_matches(p, callee)),
        fill: any(&t.set.fill, callee),
        mutate: any(&t.set.mutate, callee),
        kill: any(&t.set.kill, callee),
        carry: any(&t.set.carry_secret, callee),
        whole: any(&t.set.keep_whole, callee),
        external: any(&t.set.external, callee)
            || t.sinks.iter().any(|s| {
                s.r.class == "http-url"
                    && s.r.imports.is_empty()
                    && !s.r.receiver
                    && any(&s.r.callee, callee)
                    && s.receiver_re.as_ref().is_none_or(|re| {
                        re.is_match(callee.rsplit_once('.').map(|(a, _)| a).unwrap_or(""))
                    })
            }),
        external_recv: t.external_receiver.as_ref().is_some_and(|re| {
            callee
                .rsplit_once('.')
                .is_some_and(|(r, _)| !r.contains('(') && re.is_match(r))
        }),
    });
    PROFILES.with(|c| {
        let mut c = c.borrow_mut();
        let m = c.entry(tab).or_default();
        if m.len() > 200_000 {
            m.clear();
        }
        m.insert(callee.to_string(), p.clone());
    });
    p
}

/// Per thread, for the current analysis: what each same-package function's result depends
/// on (see [`Ctx::returns_of`]), by (file index, span).
type Returns = HashMap<(usize, (usize, usize)), Option<(Vec<String>, Vec<usize>)>>;
thread_local! {
    static RETURNS: std::cell::RefCell<Returns> = std::cell::RefCell::new(HashMap::new());
}

/// Most labels one name holds.
const MAX_LABELS: usize = 12;

/// Add a label, merging it with one of the same origin and level: sanitised only if both
/// were, built if either was, fixed only if both were.
fn merge(into: &mut Vec<Label>, l: Label) {
    if let Some(o) = into
        .iter_mut()
        .find(|o| o.source == l.source && o.name == l.name && o.level == l.level)
    {
        o.sans.retain(|(n, _)| l.sans.iter().any(|(m, _)| m == n));
        o.built |= l.built;
        o.sqlish |= l.sqlish;
        o.fixed &= l.fixed;
        return;
    }
    if into.len() < MAX_LABELS {
        into.push(l);
    }
}

fn merge_all(into: &mut Vec<Label>, ls: Vec<Label>) {
    for l in ls {
        merge(into, l);
    }
}

type State = HashMap<String, Vec<Label>>;

// ------------------------------------------------------------------------------ text scanner

/// A piece of an expression written out: literal text, or a name it reads.
#[derive(Debug, Clone, PartialEq)]
enum Part {
    Lit {
        text: String,
        ctx: usize,
    },
    Ref {
        /// Dotted path; literal subscripts are segments (`a["b"]` → `a.b`), a call result
        /// is `()` (`f().x`).
        path: String,
        /// The path is called; `arg0` is its first argument when that is a literal.
        call: bool,
        arg0: Option<String>,
        /// Callees of the calls it is an argument of, innermost last.
        wrappers: Vec<String>,
        /// Inside a template interpolation or an f-string field.
        interp: bool,
        /// Only tested (a ternary's or `if`'s condition, a comparison's operand, negated):
        /// its value goes nowhere.
        cond: bool,
        /// The call it is an argument of (0: none): parts with the same `ctx` are built
        /// together.
        ctx: usize,
    },
}

const KEYWORDS: &[&str] = &[
    "new",
    "await",
    "typeof",
    "void",
    "delete",
    "in",
    "of",
    "instanceof",
    "return",
    "yield",
    "async",
    "function",
    "const",
    "let",
    "var",
    "if",
    "else",
    "true",
    "false",
    "null",
    "undefined",
    "not",
    "and",
    "or",
    "is",
    "for",
    "lambda",
    "None",
    "True",
    "False",
    "from",
    "import",
    "as",
    "nil",
    "mut",
    "move",
];

/// The keywords of Go and Rust (`in`, `is`, `not`... are names there).
const GO_RUST_KEYWORDS: &[&str] = &[
    "if", "else", "for", "return", "true", "false", "nil", "mut", "move", "as", "let", "ref", "fn",
    "func", "defer", "dyn", "unsafe", "range", "go", "loop", "while", "match", "const", "var",
    "async", "await", "break", "continue",
];

struct Scanner<'t> {
    b: &'t [u8],
    i: usize,
    python: bool,
    js: bool,
    go: bool,
    rust: bool,
    out: Vec<Part>,
    /// Open brackets: the callee of a call, or None for a plain bracket; with its context.
    frames: Vec<(Option<String>, usize)>,
    next_ctx: usize,
    interp: bool,
    depth: usize,
    /// Per bracket level: where the current operand's parts start in `out`, and whether the
    /// operands read now are only tested.
    levels: Vec<(usize, bool)>,
}

/// Read an expression's source text into parts.
fn scan(text: &str, lang: Lang) -> Vec<Part> {
    let mut s = Scanner {
        b: text.as_bytes(),
        i: 0,
        python: lang == Lang::Python,
        js: lang.is_js_family(),
        go: lang == Lang::Go,
        rust: lang == Lang::Rust,
        out: Vec::new(),
        frames: Vec::new(),
        next_ctx: 1,
        interp: false,
        depth: 0,
        levels: vec![(0, false)],
    };
    s.expr();
    s.out
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c == b'$'
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$'
}

impl<'t> Scanner<'t> {
    fn peek(&self, k: usize) -> u8 {
        self.b.get(self.i + k).copied().unwrap_or(0)
    }

    fn ctx(&self) -> usize {
        self.frames.last().map(|f| f.1).unwrap_or(0)
    }

    fn cond(&self) -> bool {
        self.levels.last().is_some_and(|l| l.1)
    }

    /// A new operand starts (after `,`, `:`, `&&`, `else`...).
    fn boundary(&mut self) {
        let n = self.out.len();
        if let Some(l) = self.levels.last_mut() {
            *l = (n, false);
        }
    }

    /// The operand read so far is only tested, and so is the next one (`a === b`, `x in y`).
    fn compared(&mut self) {
        let start = self.levels.last().map(|l| l.0).unwrap_or(0);
        for p in &mut self.out[start..] {
            if let Part::Ref { cond, .. } = p {
                *cond = true;
            }
        }
        let n = self.out.len();
        if let Some(l) = self.levels.last_mut() {
            *l = (n, true);
        }
    }

    fn open(&mut self, frame: (Option<String>, usize)) {
        self.frames.push(frame);
        let c = self.cond();
        self.levels.push((self.out.len(), c));
    }

    fn close(&mut self) {
        self.frames.pop();
        if self.levels.len() > 1 {
            self.levels.pop();
        }
    }

    fn wrappers(&self) -> Vec<String> {
        self.frames.iter().filter_map(|f| f.0.clone()).collect()
    }

    /// A nested scan of `text` (an interpolation) in the current frames.
    fn nested(&mut self, text: &str) {
        if self.depth > 4 {
            return;
        }
        let mut s = Scanner {
            b: text.as_bytes(),
            i: 0,
            python: self.python,
            js: self.js,
            go: self.go,
            rust: self.rust,
            out: Vec::new(),
            frames: self.frames.clone(),
            next_ctx: self.next_ctx + 1000,
            interp: true,
            depth: self.depth + 1,
            levels: vec![(0, self.cond())],
        };
        s.expr();
        self.next_ctx = s.next_ctx + 1;
        self.out.extend(s.out);
    }

    fn expr(&mut self) {
        let base = self.frames.len();
        let mut prev = b'(';
        while self.i < self.b.len() {
            let c = self.b[self.i];
            match c {
                b' ' | b'\t' | b'\n' | b'\r' => self.i += 1,
                // Rust: a character literal, or a lifetime (`'static`)
                b'\'' if self.rust => {
                    self.rust_quote();
                    prev = b'"';
                }
                b'"' | b'\'' => {
                    self.string(false);
                    prev = b'"';
                }
                b'`' if self.js => {
                    self.template();
                    prev = b'"';
                }
                // Go raw strings
                b'`' if self.go => {
                    self.string(false);
                    prev = b'"';
                }
                // Rust `x?`: the value, or an early return
                b'?' if self.rust => self.i += 1,
                b'/' if self.peek(1) == b'/' => self.skip_line(),
                b'#' if self.python => self.skip_line(),
                b'(' | b'[' | b'{' => {
                    let ctx = self.ctx();
                    self.open((None, ctx));
                    self.i += 1;
                    prev = c;
                }
                b')' | b']' | b'}' => {
                    if self.frames.len() > base {
                        self.close();
                    }
                    self.i += 1;
                    prev = c;
                    // a method of a call result: `f(x).strip()`
                    if self.peek(0) == b'.' && is_ident_start(self.peek(1)) {
                        self.i += 1;
                        let w = self.word();
                        if self.peek(0) == b'(' {
                            let ctx = self.next_ctx;
                            self.next_ctx += 1;
                            self.open((Some(format!("().{w}")), ctx));
                            self.i += 1;
                            prev = b'(';
                        }
                    }
                }
                b'?' if self.peek(1) == b'.' => self.i += 2,
                b'?' if self.peek(1) == b'?' => {
                    self.i += 2;
                    self.boundary();
                    prev = b'?';
                }
                b'?' => {
                    // a ternary: what came before is its condition
                    self.compared();
                    self.boundary();
                    self.i += 1;
                    prev = c;
                }
                b'=' | b'!' if self.peek(1) == b'=' => {
                    while matches!(self.peek(0), b'=' | b'!') {
                        self.i += 1;
                    }
                    self.compared();
                    prev = b'=';
                }
                b'<' | b'>' if !matches!(prev, b'=' | b'-') => {
                    self.i += 1;
                    if self.peek(0) == b'=' {
                        self.i += 1;
                    }
                    self.compared();
                    prev = b'<';
                }
                b'!' => {
                    // negated: only tested
                    let n = self.out.len();
                    if let Some(l) = self.levels.last_mut() {
                        *l = (n, true);
                    }
                    self.i += 1;
                    prev = c;
                }
                b',' | b';' | b':' | b'=' => {
                    self.boundary();
                    self.i += 1;
                    prev = c;
                }
                b'&' | b'|' if self.peek(1) == c => {
                    self.boundary();
                    self.i += 2;
                    prev = c;
                }
                c if is_ident_start(c) => prev = self.ident(prev),
                c if c.is_ascii_digit() => {
                    while self.i < self.b.len()
                        && (is_ident(self.b[self.i]) || self.b[self.i] == b'.')
                    {
                        self.i += 1;
                    }
                    prev = b'0';
                }
                _ => {
                    self.i += 1;
                    prev = c;
                }
            }
        }
        self.frames.truncate(base);
    }

    fn skip_line(&mut self) {
        while self.i < self.b.len() && self.b[self.i] != b'\n' {
            self.i += 1;
        }
    }

    fn word(&mut self) -> &'t str {
        let s = self.i;
        while self.i < self.b.len() && is_ident(self.b[self.i]) {
            self.i += 1;
        }
        std::str::from_utf8(&self.b[s..self.i]).unwrap_or("")
    }

    /// A name, path or call at `i`; what counts as the previous character after it.
    fn ident(&mut self, prev: u8) -> u8 {
        let w = self.word();
        if self.python
            && w.len() <= 2
            && w.chars().all(|c| "rRbBuUfF".contains(c))
            && matches!(self.peek(0), b'"' | b'\'')
        {
            self.string(w.contains(['f', 'F']));
            return b'"';
        }
        let keyword = if self.go || self.rust {
            GO_RUST_KEYWORDS.contains(&w)
        } else {
            KEYWORDS.contains(&w)
        };
        if keyword {
            match w {
                // `a if c else b`: c is only tested
                "if" | "not" | "typeof" => {
                    let n = self.out.len();
                    if let Some(l) = self.levels.last_mut() {
                        *l = (n, true);
                    }
                }
                "in" | "is" | "instanceof" => self.compared(),
                "else" | "and" | "or" | "for" => self.boundary(),
                _ => {}
            }
            return b'a';
        }
        let mut path = w.to_string();
        loop {
            if self.peek(0) == b'.' && is_ident_start(self.peek(1)) {
                self.i += 1;
                path.push('.');
                path.push_str(self.word());
            } else if self.peek(0) == b'?' && self.peek(1) == b'.' && is_ident_start(self.peek(2)) {
                self.i += 2;
                path.push('.');
                path.push_str(self.word());
            } else if self.rust && self.peek(0) == b':' && self.peek(1) == b':' {
                if is_ident_start(self.peek(2)) {
                    // a Rust path: `std::fs::read`
                    self.i += 2;
                    path.push('.');
                    path.push_str(self.word());
                } else if self.peek(2) == b'<' {
                    // a turbofish: `s.parse::<u32>()`
                    self.i = matching(self.b, self.i + 3, b'<', b'>') + 1;
                } else {
                    break;
                }
            } else if self.rust && self.peek(0) == b'.' && self.peek(1).is_ascii_digit() {
                // a tuple field: `params.0.path`
                self.i += 1;
                path.push('.');
                while self.peek(0).is_ascii_digit() {
                    path.push(self.peek(0) as char);
                    self.i += 1;
                }
            } else if self.go && self.peek(0) == b'.' && self.peek(1) == b'(' {
                // a Go type assertion: `args["x"].(string)` is `args["x"]`
                self.i = matching(self.b, self.i + 2, b'(', b')') + 1;
            } else if self.peek(0) == b'(' && self.peek(1) == b')' && self.member_of_result() {
                // a member of a call's result: `request.GetArguments()["x"]`, `a.b().c`
                self.i += 2;
                path.push_str("()");
            } else if self.peek(0) == b'[' && matches!(self.peek(1), b'"' | b'\'') {
                // a["key"]
                let save = self.i;
                self.i += 1;
                let key = self.literal();
                if self.peek(0) == b']' && !key.is_empty() {
                    self.i += 1;
                    path.push('.');
                    path.push_str(&key);
                } else {
                    self.i = save;
                    break;
                }
            } else {
                break;
            }
        }
        // a Rust macro call (`format!(..)`, `vec![..]`) is a call named `name!`
        let mut bracket = b'(';
        if self.rust && self.peek(0) == b'!' && matches!(self.peek(1), b'(' | b'[' | b'{') {
            path.push('!');
            self.i += 1;
            bracket = self.peek(0);
        }
        // what follows: a key (`{ k: v }`), a keyword argument (`f(k=v)`), a call
        let mut j = self.i;
        while j < self.b.len() && matches!(self.b[j], b' ' | b'\t') {
            j += 1;
        }
        let next = self.b.get(j).copied().unwrap_or(0);
        let next2 = self.b.get(j + 1).copied().unwrap_or(0);
        if next == b':'
            && next2 != b':'
            && matches!(prev, b'{' | b',')
            && self.frames.last().is_some_and(|f| f.0.is_none())
        {
            return b'a'; // an object key
        }
        if next == b'=' && !matches!(next2, b'=' | b'>') && matches!(prev, b'(' | b',') {
            return b'a'; // a keyword argument's name
        }
        if next == bracket {
            self.i = j + 1;
            // its first argument, when a literal
            let mut k = self.i;
            while k < self.b.len() && matches!(self.b[k], b' ' | b'\n' | b'\t') {
                k += 1;
            }
            let arg0 = if matches!(self.b.get(k), Some(b'"' | b'\'' | b'`')) {
                let save = self.i;
                self.i = k;
                let lit = self.literal();
                self.i = save;
                Some(lit)
            } else {
                None
            };
            self.out.push(Part::Ref {
                path: path.clone(),
                call: true,
                arg0,
                wrappers: self.wrappers(),
                interp: self.interp,
                cond: self.cond(),
                ctx: self.ctx(),
            });
            let ctx = self.next_ctx;
            self.next_ctx += 1;
            self.open((Some(path), ctx));
            return b'(';
        }
        let subscript = next == b'[';
        self.out.push(Part::Ref {
            path: path.clone(),
            call: false,
            arg0: None,
            wrappers: self.wrappers(),
            interp: self.interp,
            cond: self.cond(),
            ctx: self.ctx(),
        });
        if subscript {
            // `URLS[key]`: the key is read inside a subscript of `URLS` (wrapper `[]URLS`)
            self.i = j + 1;
            let ctx = self.ctx();
            self.open((Some(format!("[]{path}")), ctx));
            return b'[';
        }
        b'a'
    }

    /// After `()` at `i`: a subscript with a literal key or a field that is not called
    /// (`()["x"]`, `().c`), not a method call (`().trim()`).
    fn member_of_result(&self) -> bool {
        let b = |k: usize| self.peek(k);
        if b(2) == b'[' && matches!(b(3), b'"' | b'\'') {
            return true;
        }
        if b(2) != b'.' || !is_ident_start(b(3)) {
            return false;
        }
        let mut k = 3;
        while is_ident(b(k)) {
            k += 1;
        }
        !(b(k) == b'(' || (self.rust && b(k) == b'!') || (b(k) == b':' && b(k + 1) == b':'))
    }

    /// Rust `'`: a character literal (`'x'`, `'\n'`) is skipped; a lifetime's name too.
    fn rust_quote(&mut self) {
        if self.peek(1) == b'\\' {
            self.i += 2;
            while self.i < self.b.len() && self.b[self.i] != b'\'' {
                self.i += 1;
            }
            self.i = (self.i + 1).min(self.b.len());
            return;
        }
        // one character (of up to 4 bytes) and a closing quote
        let width = if self.peek(1) < 0x80 { 1..=1 } else { 2..=4 };
        for n in width {
            if self.peek(1 + n) == b'\'' && self.peek(1) != b'\'' {
                self.i += n + 2;
                return;
            }
        }
        self.i += 1;
        self.word();
    }

    /// A quoted literal's content at `i` (no interpolation), leaving `i` after it.
    fn literal(&mut self) -> String {
        let q = self.peek(0);
        self.i += 1;
        let s = self.i;
        while self.i < self.b.len() && self.b[self.i] != q {
            if self.b[self.i] == b'\\' {
                self.i += 1;
            }
            self.i += 1;
        }
        let e = self.i.min(self.b.len());
        self.i = (self.i + 1).min(self.b.len());
        String::from_utf8_lossy(&self.b[s..e]).into_owned()
    }

    /// A string at `i` (Python: triple quotes, f-string fields).
    fn string(&mut self, fstring: bool) {
        let q = self.peek(0);
        let triple = self.python && self.peek(1) == q && self.peek(2) == q;
        let open = if triple { 3 } else { 1 };
        self.i += open;
        let start = self.i;
        let mut lit = String::new();
        let mut seg = start;
        while self.i < self.b.len() {
            let c = self.b[self.i];
            if c == b'\\' && q != b'`' {
                self.i += 2;
                continue;
            }
            if c == q && (!triple || (self.peek(1) == q && self.peek(2) == q)) {
                break;
            }
            // Rust inline format arguments: `format!("{path}")`, `"{name:?}"`
            if self.rust && c == b'{' {
                if self.peek(1) == b'{' {
                    self.i += 2;
                    continue;
                }
                let b = self.b;
                let mut k = self.i + 1;
                while k < b.len() && is_ident(b[k]) {
                    k += 1;
                }
                let name = std::str::from_utf8(&b[self.i + 1..k]).unwrap_or("");
                if name.bytes().next().is_some_and(is_ident_start)
                    && matches!(b.get(k), Some(b'}' | b':'))
                {
                    let close = matching(b, self.i + 1, b'{', b'}');
                    lit.push_str(&String::from_utf8_lossy(&b[seg..self.i]));
                    self.emit_lit(std::mem::take(&mut lit));
                    self.nested(name);
                    self.i = (close + 1).min(b.len());
                    seg = self.i;
                    continue;
                }
            }
            if fstring && c == b'{' {
                if self.peek(1) == b'{' {
                    self.i += 2;
                    continue;
                }
                lit.push_str(&String::from_utf8_lossy(&self.b[seg..self.i]));
                let close = matching(self.b, self.i + 1, b'{', b'}');
                let inner = String::from_utf8_lossy(&self.b[self.i + 1..close]).into_owned();
                self.emit_lit(std::mem::take(&mut lit));
                self.nested(fstring_field(&inner));
                self.i = (close + 1).min(self.b.len());
                seg = self.i;
                continue;
            }
            self.i += 1;
        }
        let end = self.i.min(self.b.len());
        lit.push_str(&String::from_utf8_lossy(&self.b[seg.min(end)..end]));
        self.emit_lit(lit);
        self.i = (self.i + open).min(self.b.len());
    }

    /// A JS template literal at `i`.
    fn template(&mut self) {
        self.i += 1;
        let mut seg = self.i;
        while self.i < self.b.len() {
            let c = self.b[self.i];
            if c == b'\\' {
                self.i += 2;
                continue;
            }
            if c == b'`' {
                break;
            }
            if c == b'$' && self.peek(1) == b'{' {
                let lit = String::from_utf8_lossy(&self.b[seg..self.i]).into_owned();
                self.emit_lit(lit);
                let close = matching(self.b, self.i + 2, b'{', b'}');
                let inner = String::from_utf8_lossy(&self.b[self.i + 2..close]).into_owned();
                self.nested(&inner);
                self.i = (close + 1).min(self.b.len());
                seg = self.i;
                continue;
            }
            self.i += 1;
        }
        let end = self.i.min(self.b.len());
        let lit = String::from_utf8_lossy(&self.b[seg.min(end)..end]).into_owned();
        self.emit_lit(lit);
        self.i = (self.i + 1).min(self.b.len());
    }

    fn emit_lit(&mut self, text: String) {
        if !text.is_empty() {
            let ctx = self.ctx();
            self.out.push(Part::Lit { text, ctx });
        }
    }
}

/// The position of the bracket closing the one opened before `from` (or the end).
fn matching(b: &[u8], from: usize, open: u8, close: u8) -> usize {
    let mut depth = 0usize;
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' => i += 1,
            b'"' | b'\'' | b'`' => {
                i += 1;
                while i < b.len() && b[i] != c {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            c if c == open => depth += 1,
            c if c == close => {
                if depth == 0 {
                    return i;
                }
                depth -= 1;
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// An f-string field without its conversion and format spec: `x!r:>10` → `x`.
fn fstring_field(inner: &str) -> &str {
    let b = inner.as_bytes();
    let mut depth = 0i32;
    for (i, c) in b.iter().enumerate() {
        match c {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b'!' | b':' if depth == 0 && b.get(i + 1) != Some(&b'=') => return &inner[..i],
            _ => {}
        }
    }
    inner
}

/// The literal text of a format string before its `n`-th hole (`%s`, `%v`, `{}`, `{0:?}`):
/// the holes before it filled by an unlabelled value are written `X`; at a labelled one the
/// prefix stops.
fn format_prefix(fmt: &str, n: usize, fills: &[bool]) -> String {
    let b = fmt.as_bytes();
    let mut out = String::new();
    let (mut i, mut seg, mut hole) = (0, 0, 0);
    while i < b.len() {
        let c = b[i];
        if !matches!(c, b'%' | b'{') {
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&c) {
            i += 2; // `%%`, `{{`
            continue;
        }
        out.push_str(&fmt[seg..i]);
        if hole == n || !fills.get(hole).copied().unwrap_or(false) {
            return out;
        }
        out.push('X');
        i += 1;
        if c == b'{' {
            while i < b.len() && b[i] != b'}' {
                i += 1;
            }
        } else {
            while i < b.len() && !b[i].is_ascii_alphabetic() {
                i += 1;
            }
        }
        i = (i + 1).min(b.len());
        seg = i;
        hole += 1;
    }
    out.push_str(&fmt[seg..]);
    out
}

/// Does a URL prefix fix the destination (a scheme + host and a `/`, `?` or `#` after it,
/// or a path)?
fn fixed_prefix(prefix: &str) -> bool {
    let rest = match prefix.find("://") {
        Some(i) => &prefix[i + 3..],
        None => prefix.strip_prefix("//").unwrap_or(prefix),
    };
    rest.contains(['/', '?', '#'])
}

// ------------------------------------------------------------------------------ evaluation

/// Sources a run looks for.
const ACTIVE_TOOL: &[&str] = &["tool-arg", "tool-request", "secret-env"];
const ACTIVE_SERVER: &[&str] = &["inbound-auth", "oauth-metadata"];

struct Ctx<'p, 'a> {
    pkg: &'p Package<'a>,
    lang: Lang,
    tab: &'static Tables,
    active: &'static [&'static str],
}

impl<'p, 'a> Ctx<'p, 'a> {
    fn on(&self, source: &str) -> bool {
        self.active.contains(&source)
    }

    /// The labels of a value.
    fn value(&self, v: &Value, st: &State, d: usize) -> Vec<Label> {
        match v {
            Value::Str(_) | Value::Num(_) | Value::Bool(_) | Value::Null | Value::Func(_) => {
                Vec::new()
            }
            Value::Ident(p) => self.path(p, st, d),
            Value::Member(b, m) => self
                .value(b, st, d)
                .into_iter()
                .flat_map(|l| self.descend(l, std::slice::from_ref(m)))
                .collect(),
            Value::Spread(b) => self.value(b, st, d),
            Value::Array(items) => {
                let mut out = Vec::new();
                for i in items.iter().take(64) {
                    merge_all(&mut out, self.value(i, st, d));
                }
                out
            }
            Value::Object(pairs) => {
                let mut out = Vec::new();
                for (_, i) in pairs.iter().take(64) {
                    merge_all(&mut out, self.value(i, st, d));
                }
                out
            }
            Value::Call {
                callee,
                args,
                kwargs,
            } => self.call(callee, args, kwargs, st, d),
            Value::Template(t) | Value::Expr(t) => self.text(t, st, d),
        }
    }

    /// A labelled value's member `rest`: a field of a whole object, the same value otherwise.
    fn descend(&self, l: Label, rest: &[String]) -> Vec<Label> {
        if rest.is_empty() {
            return vec![l];
        }
        // `params.0.path` is `params.path`
        let see = &self.tab.set.transparent;
        if l.level != Level::Field && rest.iter().any(|s| see.contains(s)) {
            let kept: Vec<String> = rest.iter().filter(|s| !see.contains(s)).cloned().collect();
            return self.descend(l, &kept);
        }
        match &l.level {
            Level::Field => vec![l],
            Level::Args => {
                let mut f = l.clone();
                f.name = format!("{}.{}", l.name, rest[0]);
                f.level = Level::Field;
                vec![f]
            }
            Level::Request(at) => {
                let mut at = at.clone();
                for (i, seg) in rest.iter().enumerate() {
                    let cand = if at.is_empty() {
                        seg.clone()
                    } else {
                        format!("{at}.{seg}")
                    };
                    let name = format!("{}.{}", l.name, rest[..=i].join("."));
                    if self.tab.set.request_args.contains(&cand) {
                        let mut a = l.clone();
                        a.name = name;
                        a.level = Level::Args;
                        return self.descend(a, &rest[i + 1..]);
                    }
                    if self
                        .tab
                        .set
                        .request_args
                        .iter()
                        .any(|a| a.starts_with(&format!("{cand}.")))
                    {
                        at = cand;
                        continue;
                    }
                    return Vec::new(); // the tool's name, the method...: not its arguments
                }
                let mut r = l.clone();
                r.name = format!("{}.{}", l.name, rest.join("."));
                r.level = Level::Request(at);
                vec![r]
            }
        }
    }

    /// The labels of a dotted path: the longest prefix bound in the state, else a source.
    fn path(&self, p: &str, st: &State, d: usize) -> Vec<Label> {
        let mut bound = false;
        // the longest prefix bound: `p` itself, then up to each `.` from the right
        let ends = std::iter::once(p.len()).chain(p.rmatch_indices('.').map(|(i, _)| i));
        for end in ends {
            if let Some(ls) = st.get(&p[..end]) {
                let rest: Vec<String> = p[end..]
                    .split('.')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                let mut out = Vec::new();
                for l in ls {
                    merge_all(&mut out, self.descend(l.clone(), &rest));
                }
                if !out.is_empty() {
                    return out;
                }
                bound = true;
                break;
            }
        }
        // sources are paths of any object (`req.headers.authorization` of a parameter `req`)
        let mut out = Vec::new();
        for s in path_sources(self, p).iter().map(|k| &self.tab.sources[*k]) {
            if self.on(s.kind) {
                merge(&mut out, Label::new(s.kind, p.to_string(), Level::Field));
            }
        }
        if self.on("secret-env") {
            for o in &self.tab.set.env_objects {
                if let Some(rest) = p.strip_prefix(o.as_str()).and_then(|r| r.strip_prefix('.')) {
                    let name = rest.split('.').next().unwrap_or(rest);
                    if effects::is_secret_name(name) {
                        merge(
                            &mut out,
                            Label::new("secret-env", name.to_string(), Level::Field),
                        );
                    }
                }
            }
            // a package constant holding a secret (`API_KEY = os.getenv("API_KEY")`)
            if out.is_empty() && !bound && d < 3 {
                if let Some(v) = self
                    .constant(&p.split('.').map(str::to_string).collect::<Vec<_>>())
                    .filter(|v| !matches!(v, Value::Array(_) | Value::Object(_) | Value::Func(_)))
                {
                    out = self
                        .value(&v, &State::new(), d + 1)
                        .into_iter()
                        .filter(|l| l.source == "secret-env")
                        .collect();
                }
            }
        }
        out
    }

    /// The value of a package constant (`X`, `CONFIG.apiKey`), if any.
    fn constant(&self, segs: &[String]) -> Option<Value> {
        let (_, v) = self.pkg.lookup_at(&segs[0])?;
        let mut v = v.clone();
        for s in &segs[1..] {
            v = v.get(s)?.clone();
        }
        Some(v)
    }

    /// A call's labels.
    fn call(
        &self,
        callee: &Value,
        args: &[Value],
        kwargs: &[(String, Value)],
        st: &State,
        d: usize,
    ) -> Vec<Label> {
        // Rust paths are matched with `.` (`std::env::var` → `std.env.var`)
        let ctext = match callee {
            Value::Ident(p) => p.replace("::", "."),
            Value::Member(b, m) => format!("{}.{m}", b.text()),
            other => other.text(),
        };
        let arg0 = args.first().and_then(|a| a.as_str());
        if let Some(l) = self.call_source(&ctext, arg0) {
            return vec![l];
        }
        let last = ctext.rsplit('.').next().unwrap_or(&ctext);
        let recv = match callee {
            Value::Ident(_) => match ctext.rsplit_once('.') {
                Some((r, _)) => self.path(r, st, d),
                None => Vec::new(),
            },
            Value::Member(b, _) => self.value(b, st, d),
            _ => Vec::new(),
        };
        let noargs = args.is_empty() && kwargs.is_empty();
        if let Some(ls) = self.getter(last, arg0, noargs, &recv) {
            return ls;
        }
        let mut all = recv;
        let positional = args.iter().enumerate().map(|(i, a)| (i, None, a));
        let named = kwargs
            .iter()
            .map(|(k, a)| (usize::MAX, Some(k.as_str()), a));
        let labelled: Vec<(usize, Option<&str>, &Value, Vec<Label>)> = positional
            .chain(named)
            .map(|(i, k, a)| (i, k, a, self.value(a, st, d)))
            .filter(|x| !x.3.is_empty())
            .collect();
        if all.is_empty() && labelled.is_empty() {
            return all;
        }
        // a same-package function: only the arguments its result depends on
        let deps = if labelled.is_empty() {
            None
        } else {
            self.returns_of(&ctext, d)
        };
        let kept = |i: usize, name: Option<&str>| match &deps {
            None => true,
            Some((params, ds)) => ds
                .iter()
                .any(|k| *k == i || name.is_some_and(|n| params.get(*k).is_some_and(|p| p == n))),
        };
        // `Model(**arguments)`: built from the whole object, still the whole object
        let mut spread = Vec::new();
        for (_, _, a, ls) in labelled.into_iter().filter(|x| kept(x.0, x.1)) {
            if matches!(a, Value::Spread(_)) {
                spread.extend(ls.iter().filter(|l| l.level != Level::Field).cloned());
            }
            merge_all(&mut all, ls);
        }
        if all.is_empty() {
            return all;
        }
        let mut all = self.through(&ctext, all);
        for l in &mut all {
            if let Some(w) = spread.iter().find(|w| w.origin() == l.origin()) {
                l.level = w.level.clone();
            }
        }
        // "...{}".format(x) / util.format("...%s", x): built text
        let fmt = match callee {
            Value::Member(b, m) if m == "format" => b.as_str().map(|s| (s, '{')),
            _ if any(&self.tab.set.format, &ctext) => arg0.map(|s| (s, '%')),
            _ => None,
        };
        if let Some((f, _)) = fmt {
            let sql = self.sqlish(f);
            // the values filling the holes, in order, and whether the text before each
            // one's hole fixes a destination
            let skip = usize::from(!matches!(callee, Value::Member(_, m) if m == "format"));
            let vals: Vec<Vec<Label>> = args
                .iter()
                .skip(skip)
                .map(|a| self.value(a, st, d))
                .collect();
            let fills: Vec<bool> = vals.iter().map(|v| v.is_empty()).collect();
            for l in &mut all {
                l.built = true;
                l.sqlish |= sql;
                let mut holes = vals
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.iter().any(|x| x.origin() == l.origin()))
                    .map(|(i, _)| fixed_prefix(&format_prefix(f, i, &fills)))
                    .peekable();
                if holes.peek().is_some() {
                    l.fixed |= holes.all(|x| x);
                }
            }
        }
        all
    }

    /// A getter on labelled values: a field of an object by name (`args.get("path")`), an
    /// argument of a request by name (`request.GetString("path", "")`, `request_getters`),
    /// a member of a request called without arguments (`request.GetArguments()`, when
    /// `GetArguments()` is a segment of `request_args`).
    fn getter(
        &self,
        last: &str,
        key: Option<&str>,
        noargs: bool,
        recv: &[Label],
    ) -> Option<Vec<Label>> {
        if recv.is_empty() {
            return None;
        }
        let set = &self.tab.set;
        let request = |l: &Label| matches!(l.level, Level::Request(_));
        if let Some(k) = key {
            if set.request_getters.iter().any(|g| g == last) && recv.iter().any(request) {
                let mut out = Vec::new();
                for l in recv.iter().filter(|l| request(l)) {
                    let mut f = l.clone();
                    f.name = k.to_string();
                    f.level = Level::Field;
                    merge(&mut out, f);
                }
                return Some(out);
            }
            if set.getters.iter().any(|g| g == last) {
                let mut out = Vec::new();
                for l in recv {
                    merge_all(&mut out, self.descend(l.clone(), &[k.to_string()]));
                }
                return Some(out);
            }
        }
        let seg = format!("{last}()");
        if noargs
            && recv.iter().any(request)
            && set
                .request_args
                .iter()
                .any(|a| a.split('.').any(|s| s == seg))
        {
            let mut out = Vec::new();
            for l in recv {
                merge_all(
                    &mut out,
                    self.descend(l.clone(), std::slice::from_ref(&seg)),
                );
            }
            return Some(out);
        }
        None
    }

    /// A call whose result is a source: an environment getter naming a secret, a
    /// `[[source]]` call.
    fn call_source(&self, ctext: &str, arg0: Option<&str>) -> Option<Label> {
        let prof = profile(self, ctext);
        if let Some(a) = arg0 {
            if prof.env_call && self.on("secret-env") && effects::is_secret_name(a) {
                return Some(Label::new("secret-env", a.to_string(), Level::Field));
            }
        }
        for s in prof.sources.iter().map(|k| &self.tab.sources[*k]) {
            if !self.on(s.kind) {
                continue;
            }
            match (&s.arg0, arg0) {
                (None, _) => return Some(Label::new(s.kind, format!("{ctext}()"), Level::Field)),
                (Some(re), Some(a)) if re.is_match(a) => {
                    return Some(Label::new(s.kind, format!("{ctext}({a:?})"), Level::Field))
                }
                _ => {}
            }
        }
        None
    }

    /// Labels through a call: dropped by `kill`, sanitised by sanitisers, a secret kept only
    /// by `carry_secret`, a whole request kept whole only by `keep_whole`.
    fn through(&self, callee: &str, labels: Vec<Label>) -> Vec<Label> {
        let prof = profile(self, callee);
        if prof.kill || prof.external {
            return Vec::new();
        }
        if prof.external_recv
            && self
                .pkg
                .cur
                .get()
                .is_none_or(|fi| effects::package_fn(self.pkg, fi, callee).is_none())
        {
            return Vec::new();
        }
        let (carry, whole) = (prof.carry, prof.whole);
        let mut sans: Vec<(String, u32)> = prof
            .sans
            .iter()
            .map(|k| (short(callee), self.tab.sanitizers[*k].mask))
            .collect();
        if let Some(m) = self.summary(callee, 0) {
            sans.push((short(callee), m));
        }
        labels
            .into_iter()
            .filter(|l| carry || !matches!(l.source, "secret-env" | "inbound-auth"))
            .map(|mut l| {
                if !whole && l.level != Level::Field {
                    l.level = Level::Field;
                }
                for s in &sans {
                    if !l.sans.contains(s) {
                        l.sans.push(s.clone());
                    }
                }
                l
            })
            .collect()
    }

    /// The parameters (names, and positions of the call's arguments, `self` not counted)
    /// a same-package function's returned values depend on; None when the callee is not one
    /// or cannot be told (a recursion, too deep).
    fn returns_of(&self, callee: &str, d: usize) -> Option<(Vec<String>, Vec<usize>)> {
        let fi = self.pkg.cur.get()?;
        let (i, span) = effects::package_fn(self.pkg, fi, callee)?;
        if let Some(r) = RETURNS.with(|r| r.borrow().get(&(i, span)).cloned()) {
            return r;
        }
        if d > 2 {
            return None;
        }
        // None while it is being computed: a recursive call keeps every argument
        RETURNS.with(|r| r.borrow_mut().insert((i, span), None));
        let facts = &self.pkg.files[i].f.facts.flow;
        let scope = own_scope(facts, span)?;
        let mut params = scope.params.as_slice();
        if params
            .first()
            .and_then(|p| p.name.as_deref())
            .is_some_and(|n| self.tab.set.self_params.iter().any(|s| s == n))
        {
            params = &params[1..];
        }
        let mut st: State = HashMap::new();
        let mut names = Vec::new();
        for (k, p) in params.iter().enumerate() {
            let l = Label::new("tool-arg", format!("#{k}"), Level::Field);
            names.push(p.name.clone().unwrap_or_default());
            if let Some(n) = &p.name {
                st.insert(n.clone(), vec![l.clone()]);
            }
            for (_, local) in &p.fields {
                st.insert(local.clone(), vec![l.clone()]);
            }
        }
        let saved = self.pkg.cur.replace(Some(i));
        let view = &self.pkg.files[i];
        // assignments and calls that add to a variable (`parts.push(x)`), in source order
        let mut steps: Vec<(usize, Option<&Assign>, Option<&Site>)> = facts
            .assigns
            .iter()
            .filter(|a| a.byte > span.0 && a.byte < span.1)
            .map(|a| (a.byte, Some(a), None))
            .collect();
        steps.extend(
            view.sites
                .iter()
                .filter(|(c, s)| s.byte > span.0 && s.byte < span.1 && any(&self.tab.set.mutate, c))
                .map(|(_, s)| (s.byte, None, Some(*s))),
        );
        steps.sort_by_key(|x| x.0);
        for (_, a, m) in steps {
            match (a, m) {
                (Some(a), _) => assign(self, a, &mut st),
                (_, Some(m)) => mutate(self, m, &mut st),
                _ => {}
            }
        }
        // functions defined inside it: a value returned through one of them is not seen
        let inner: Vec<&str> = view
            .f
            .facts
            .fn_spans
            .iter()
            .filter(|f| f.span.0 > span.0 && f.span.1 <= span.1)
            .map(|f| f.name.as_str())
            .collect();
        let mut deps = BTreeSet::new();
        let mut opaque = false;
        for r in &facts.rets {
            if r.form == "return" && innermost_scope(facts, r.byte) == Some(scope.span) {
                opaque |= !inner.is_empty() && calls_any(&r.value, &inner, self.lang);
                for l in self.value(&r.value, &st, d + 1) {
                    if let Some(k) = l.name.strip_prefix('#').and_then(|k| k.parse().ok()) {
                        deps.insert(k);
                    }
                }
            }
        }
        self.pkg.cur.set(saved);
        let out = (!opaque).then(|| (names, deps.into_iter().collect::<Vec<usize>>()));
        RETURNS.with(|r| r.borrow_mut().insert((i, span), out.clone()));
        out
    }

    /// The sink classes a same-package function's result is safe for: every value it
    /// returns is a sanitiser's result (or a literal, or another such function's), or it
    /// checks a value with a sanitiser on the way (`validate_identifier(t)`,
    /// `if (!full.startsWith(root)) throw ...; return full`).
    fn summary(&self, callee: &str, depth: usize) -> Option<u32> {
        if depth > 2 {
            return None;
        }
        let fi = self.pkg.cur.get()?;
        let (i, span) = effects::package_fn(self.pkg, fi, callee)?;
        let view = &self.pkg.files[i];
        let facts = &view.f.facts.flow;
        let own = own_scope(facts, span)?.span;
        let mut rets = u32::MAX;
        let mut any_ret = false;
        for r in &facts.rets {
            if r.form == "return" && innermost_scope(facts, r.byte) == Some(own) {
                any_ret = true;
                rets &= self.safe_mask(&r.value, depth);
            }
        }
        let mut checks = 0;
        for (c, site) in view
            .sites
            .iter()
            .filter(|(_, s)| s.byte >= own.0 && s.byte < own.1)
        {
            for s in self.tab.sanitizers.iter().filter(|s| s.r.check) {
                let arg_ok = s
                    .arg0_text
                    .as_ref()
                    .is_none_or(|re| site.args.first().is_some_and(|a| re.is_match(&a.text())));
                if arg_ok && sanitizer_matches(s, c) {
                    checks |= s.mask;
                }
            }
        }
        // a membership test of a name against a fixed set (`if lang not in SUPPORTED: raise`)
        if facts.members.iter().any(|m| {
            m.byte >= own.0
                && m.byte < own.1
                && matches!(m.value, Value::Ident(_) | Value::Member(..))
                && !matches!(m.set, Value::Str(_) | Value::Template(_))
        }) {
            checks |= u32::MAX;
        }
        let m = if any_ret { rets } else { 0 } | checks;
        (m != 0).then_some(m)
    }

    /// The classes a returned value is safe for (see [`Ctx::summary`]).
    fn safe_mask(&self, v: &Value, depth: usize) -> u32 {
        match v {
            Value::Str(_) | Value::Num(_) | Value::Bool(_) | Value::Null => u32::MAX,
            Value::Array(items) => items
                .iter()
                .fold(u32::MAX, |m, i| m & self.safe_mask(i, depth)),
            Value::Call { callee, .. } => {
                let c = match callee.as_ref() {
                    Value::Ident(p) => p.clone(),
                    other => other.text(),
                };
                if any(&self.tab.set.kill, &c) {
                    return u32::MAX;
                }
                let wrap = self
                    .tab
                    .sanitizers
                    .iter()
                    .filter(|s| s.arg0_text.is_none() && sanitizer_matches(s, &c))
                    .fold(0, |m, s| m | s.mask);
                wrap | self.summary(&c, depth + 1).unwrap_or(0)
            }
            _ => 0,
        }
    }

    /// Is a value literal text that reads as SQL (`"SELECT ..."`, `"SELECT ..".to_string()`,
    /// a template or concatenation with SQL text in its literal parts)?
    fn sql_literal(&self, v: &Value, d: usize) -> bool {
        if d > 4 || self.tab.sql_text.is_none() {
            return false;
        }
        match v {
            Value::Str(s) => self.sqlish(s),
            Value::Template(t) | Value::Expr(t) => scan(t, self.lang)
                .iter()
                .any(|p| matches!(p, Part::Lit { text, .. } if self.sqlish(text))),
            Value::Call { callee, args, .. } => match callee.as_ref() {
                Value::Member(b, _) => self.sql_literal(b, d + 1),
                _ => args.first().is_some_and(|a| self.sql_literal(a, d + 1)),
            },
            Value::Array(items) => items.len() == 1 && self.sql_literal(&items[0], d + 1),
            _ => false,
        }
    }

    fn sqlish(&self, text: &str) -> bool {
        self.tab
            .sql_text
            .as_ref()
            .is_some_and(|re| re.is_match(text))
    }

    /// The labels of an expression written out.
    fn text(&self, t: &str, st: &State, d: usize) -> Vec<Label> {
        let parts = scan(t, self.lang);
        let mut out = Vec::new();
        // labels per part
        let mut per: Vec<Vec<Label>> = Vec::with_capacity(parts.len());
        for p in &parts {
            let Part::Ref {
                path,
                call,
                arg0,
                wrappers,
                cond: false,
                ..
            } = p
            else {
                per.push(Vec::new());
                continue;
            };
            let mut ls = if *call {
                match self.call_source(path, arg0.as_deref()) {
                    Some(l) => vec![l],
                    None => match path.rsplit_once('.') {
                        Some((recv, last)) => {
                            let r = self.path(recv, st, d);
                            match self.getter(last, arg0.as_deref(), arg0.is_none(), &r) {
                                Some(ls) => ls,
                                None if r.is_empty() => r,
                                None => self.through(path, r),
                            }
                        }
                        None => Vec::new(),
                    },
                }
            } else {
                self.path(path, st, d)
            };
            for w in wrappers.iter().rev() {
                if ls.is_empty() {
                    break;
                }
                // a key into a constant map or list (`SOURCE_URLS[source]`): the value is one
                // of the constant's, whatever the key
                if let Some(owner) = w.strip_prefix("[]") {
                    let segs: Vec<String> = owner.split('.').map(str::to_string).collect();
                    if st.get(owner).is_none()
                        && matches!(
                            self.constant(&segs),
                            Some(Value::Object(_) | Value::Array(_))
                        )
                    {
                        ls = Vec::new();
                    }
                    continue;
                }
                ls = self.through(w, ls);
            }
            per.push(ls);
        }
        for (k, p) in parts.iter().enumerate() {
            let Part::Ref { interp, ctx, .. } = p else {
                continue;
            };
            if per[k].is_empty() {
                continue;
            }
            // the other parts built together with it
            let mut prefix = String::new();
            let mut prefix_open = true;
            let mut built = *interp;
            let mut sql = false;
            for (j, q) in parts.iter().enumerate() {
                let qctx = match q {
                    Part::Lit { ctx, .. } | Part::Ref { ctx, .. } => *ctx,
                };
                if qctx != *ctx {
                    continue;
                }
                if let Part::Lit { text, .. } = q {
                    built = true;
                    sql |= self.sqlish(text);
                }
                if j >= k {
                    continue;
                }
                if !prefix_open {
                    continue;
                }
                match q {
                    Part::Lit { text, .. } => {
                        let hole = if *interp { None } else { text.find(['%', '{']) };
                        match hole {
                            Some(_) => {
                                // a format string: the values before this one fill its holes
                                let fills: Vec<bool> = (j + 1..k)
                                    .filter(|&x| {
                                        matches!(&parts[x], Part::Ref { ctx: c, .. } if c == ctx)
                                    })
                                    .map(|x| per[x].is_empty())
                                    .collect();
                                prefix.push_str(&format_prefix(text, fills.len(), &fills));
                                prefix_open = false;
                            }
                            None => prefix.push_str(text),
                        }
                    }
                    // a package constant holding a URL (`f"{API_URL}?ids={x}"`): its text
                    Part::Ref {
                        path, call: false, ..
                    } if per[j].is_empty() => {
                        let segs: Vec<String> = path.split('.').map(str::to_string).collect();
                        match self.constant(&segs) {
                            Some(Value::Str(u)) if st.get(path).is_none() && u.contains("://") => {
                                prefix.push_str(&u)
                            }
                            _ => prefix.push('X'),
                        }
                    }
                    Part::Ref { .. } if per[j].is_empty() => prefix.push('X'),
                    Part::Ref { .. } => prefix_open = false,
                }
            }
            let fixed = fixed_prefix(&prefix);
            for mut l in per[k].clone() {
                if built {
                    l.built = true;
                    l.sqlish |= sql;
                    l.fixed |= fixed;
                }
                merge(&mut out, l);
            }
        }
        out
    }
}

/// Does a `[[source]]` path pattern match a dotted path (or the path's prefix, so that
/// `req.headers.authorization.split(" ")` reads it)?
fn path_matches(pat: &str, p: &str) -> bool {
    if callee_matches(pat, p) {
        return true;
    }
    let mut cur = p;
    while let Some((head, _)) = cur.rsplit_once('.') {
        if callee_matches(pat, head) {
            return true;
        }
        cur = head;
    }
    false
}

fn sanitizer_matches(s: &CSanitizer, callee: &str) -> bool {
    any(&s.r.callee, callee)
        || s.callee_re.as_ref().is_some_and(|re| {
            let last = callee.rsplit('.').next().unwrap_or(callee);
            re.is_match(last)
        })
}

/// A callee as a sanitiser's name: at most its last two segments.
fn short(callee: &str) -> String {
    let mut segs: Vec<&str> = callee.rsplit('.').take(2).collect();
    segs.reverse();
    crate::value::truncate(&segs.join("."), 60)
}

// ------------------------------------------------------------------------------ the walk

/// A function to walk: (file index, span, helper chain, depth, labels of its parameters by
/// local name).
struct Visit {
    fi: usize,
    span: (usize, usize),
    via: Vec<String>,
    depth: usize,
    params: Vec<(String, Vec<Label>)>,
    /// Returns are results (the tool's handler itself).
    returns: bool,
}

/// One event of a walk, in source order.
enum Event<'f> {
    Scope(&'f Scope),
    Assign(&'f Assign),
    Site(&'f str, &'f Site),
    Ret(&'f Ret),
    Member(&'f Member),
}

/// Found in one walk: a flow not yet sanitised by checks, with the origin it came from.
struct Found {
    flow: Flow,
    origin: (&'static str, String),
    class: u32,
}

/// Names a nested function's parameters shadow until its end byte, with their old labels.
type Shadow = (usize, Vec<(String, Option<Vec<Label>>)>);

/// A call of a same-package function: (file index, span, name, labels of the positional
/// arguments, labels of the keyword arguments).
type HelperCall = (
    usize,
    (usize, usize),
    String,
    Vec<Vec<Label>>,
    Vec<(String, Vec<Label>)>,
);

/// Records the flows of a sink: (class, callee shown, labels, sanitiser already known).
type Emit<'e> = dyn FnMut(&str, &str, Vec<Label>, Option<String>) + 'e;

/// Most functions one analysis walks.
const MAX_VISITS: usize = 64;

fn run(ctx: &Ctx, start: Visit) -> Vec<Flow> {
    RETURNS.with(|r| r.borrow_mut().clear());
    let mut out: Vec<Flow> = Vec::new();
    let mut queue = vec![start];
    let mut seen: BTreeSet<(usize, (usize, usize), Vec<String>)> = BTreeSet::new();
    let mut visits = 0;
    while let Some(v) = queue.pop() {
        let sig: Vec<String> = v
            .params
            .iter()
            .filter(|(_, l)| !l.is_empty())
            .map(|(n, _)| n.clone())
            .collect();
        if !seen.insert((v.fi, v.span, sig)) {
            continue;
        }
        visits += 1;
        if visits > MAX_VISITS {
            break;
        }
        ctx.pkg.cur.set(Some(v.fi));
        walk(ctx, &v, &mut out, &mut queue);
    }
    ctx.pkg.cur.set(None);
    sort_flows(&mut out);
    out
}

/// Flows in source order (file, line, column), then by sink and source; no duplicates.
fn sort_flows(v: &mut Vec<Flow>) {
    v.sort_by(|a, b| {
        (
            &a.file, a.line, a.column, &a.sink, &a.source, &a.name, &a.callee, &a.via,
        )
            .cmp(&(
                &b.file, b.line, b.column, &b.sink, &b.source, &b.name, &b.callee, &b.via,
            ))
            .then_with(|| a.sanitizer.cmp(&b.sanitizer))
    });
    v.dedup();
}

/// The innermost scope holding a byte.
fn innermost_scope(facts: &FlowFacts, byte: usize) -> Option<(usize, usize)> {
    facts
        .scopes
        .iter()
        .filter(|s| s.span.0 <= byte && byte < s.span.1)
        .min_by_key(|s| s.span.1 - s.span.0)
        .map(|s| s.span)
}

/// The outermost scope inside a span (the function the span is).
fn own_scope(facts: &FlowFacts, span: (usize, usize)) -> Option<&Scope> {
    facts
        .scopes
        .iter()
        .filter(|s| s.span.0 >= span.0 && s.span.1 <= span.1)
        .min_by_key(|s| (s.span.0, std::cmp::Reverse(s.span.1)))
}

fn walk(ctx: &Ctx, v: &Visit, out: &mut Vec<Flow>, queue: &mut Vec<Visit>) {
    let view = &ctx.pkg.files[v.fi];
    let facts = &view.f.facts.flow;
    let file = &view.f.path;
    // the function walked (none for a whole file)
    let own = if v.span.1 == usize::MAX {
        None
    } else {
        own_scope(facts, v.span).map(|s| s.span)
    };
    let inside = |b: usize| b >= v.span.0 && b < v.span.1;
    let mut events: Vec<(usize, u8, Event)> = Vec::new();
    for s in &facts.scopes {
        if inside(s.span.0) && Some(s.span) != own {
            events.push((s.span.0, 0, Event::Scope(s)));
        }
    }
    for a in &facts.assigns {
        if inside(a.byte) {
            events.push((a.byte, 1, Event::Assign(a)));
        }
    }
    for (c, s) in &view.sites {
        if inside(s.byte) {
            events.push((s.byte, 2, Event::Site(c.as_str(), s)));
        }
    }
    for r in &facts.rets {
        if inside(r.byte) {
            events.push((r.byte, 3, Event::Ret(r)));
        }
    }
    for m in &facts.members {
        if inside(m.byte) {
            events.push((m.byte, 4, Event::Member(m)));
        }
    }
    events.sort_by_key(|(b, k, _)| (*b, *k));
    let mut st: State = HashMap::new();
    for (n, ls) in &v.params {
        st.insert(n.clone(), ls.clone());
    }
    // names shadowed by a nested function's parameters, restored when it ends
    let mut shadows: Vec<Shadow> = Vec::new();
    let mut found: Vec<Found> = Vec::new();
    // (origin, classes, sanitiser) of checks in this function
    let mut checks: Vec<((&'static str, String), u32, String)> = Vec::new();
    let mut calls: Vec<HelperCall> = Vec::new();
    let sites_here: Vec<&Site> = view
        .sites
        .iter()
        .filter(|(_, s)| inside(s.byte))
        .map(|(_, s)| *s)
        .collect();
    for (byte, _, ev) in &events {
        while shadows.last().is_some_and(|(end, _)| *end <= *byte) {
            let (_, saved) = shadows.pop().expect("checked");
            for (n, old) in saved {
                match old {
                    Some(ls) => st.insert(n, ls),
                    None => st.remove(&n),
                };
            }
        }
        match ev {
            Event::Scope(s) => {
                // a callback of a method on a labelled value (`args.files.map(f => ..)`):
                // its first parameter is an element of that value
                let elem: Vec<Label> = sites_here
                    .iter()
                    .filter(|c| c.byte < s.span.0 && s.span.1 <= c.end)
                    .max_by_key(|c| c.byte)
                    .and_then(|c| c.callee.rsplit_once('.').map(|(r, _)| r.to_string()))
                    .map(|recv| {
                        ctx.text(&recv, &st, 0)
                            .into_iter()
                            .map(|mut l| {
                                l.level = Level::Field;
                                l
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let mut saved = Vec::new();
                for (i, p) in s.params.iter().enumerate() {
                    let names = p
                        .name
                        .iter()
                        .cloned()
                        .chain(p.fields.iter().map(|(_, l)| l.clone()));
                    for n in names {
                        let ls = if i == 0 { elem.clone() } else { Vec::new() };
                        saved.push((n.clone(), st.insert(n, ls)));
                    }
                }
                shadows.push((s.span.1, saved));
            }
            Event::Assign(a) => assign(ctx, a, &mut st),
            Event::Member(m) => {
                // `if x not in SUPPORTED: raise`: x is one of a fixed set of values
                if fixed_set(ctx, &m.set, &st) {
                    for l in ctx.value(&m.value, &st, 0) {
                        checks.push(((l.source, l.name.clone()), u32::MAX, "in".into()));
                    }
                }
            }
            Event::Site(callee, site) => {
                // Rust: arguments the extraction replaced by a local's value read the local
                let restored;
                let site: &Site = if site.replaced.is_empty() {
                    site
                } else {
                    restored = unreplaced(site);
                    &restored
                };
                site_flows(ctx, v, file, callee, site, &st, &mut found);
                let prof = profile(ctx, callee);
                // checks
                for s in prof.checks.iter().map(|k| &ctx.tab.sanitizers[*k]) {
                    let params = s.r.value.as_deref() == Some("params");
                    // `params`: the arguments after the first (bound parameters), or all of
                    // them when the text is the receiver's (`db.prepare("..").all(t)`)
                    let mut skip = usize::from(params);
                    if let Some(re) = &s.arg0_text {
                        let at = s.r.text_arg.unwrap_or(0);
                        if !site.args.get(at).is_some_and(|a| re.is_match(&a.text())) {
                            match site.callee.rsplit_once('.') {
                                Some((recv, _)) if params && re.is_match(recv) => skip = 0,
                                _ => continue,
                            }
                        }
                    }
                    let mut ls = Vec::new();
                    for a in site
                        .args
                        .iter()
                        .skip(skip)
                        .chain(site.kwargs.iter().map(|(_, v)| v))
                    {
                        merge_all(&mut ls, ctx.value(a, &st, 0));
                    }
                    if let Some((recv, _)) = site.callee.rsplit_once('.') {
                        if !matches!(s.r.value.as_deref(), Some("args" | "params")) {
                            merge_all(&mut ls, ctx.text(recv, &st, 0));
                        }
                    }
                    for l in ls {
                        checks.push(((l.source, l.name.clone()), s.mask, short(callee)));
                    }
                }
                // `json.Unmarshal(raw, &args)`: the last argument is filled from the others
                if prof.fill {
                    fill(ctx, site, &mut st);
                }
                if prof.mutate {
                    mutate(ctx, site, &mut st);
                }
                // helpers of the package
                if v.depth < effects::MAX_DEPTH {
                    if let Some((i, dspan, last)) =
                        effects::helper_target(ctx.pkg, ctx.lang, v.fi, v.span, callee, site)
                    {
                        let args: Vec<Vec<Label>> =
                            site.args.iter().map(|a| ctx.value(a, &st, 0)).collect();
                        let kwargs: Vec<(String, Vec<Label>)> = site
                            .kwargs
                            .iter()
                            .map(|(k, a)| (k.clone(), ctx.value(a, &st, 0)))
                            .collect();
                        if args.iter().any(|a| !a.is_empty())
                            || kwargs.iter().any(|(_, a)| !a.is_empty())
                        {
                            calls.push((i, dspan, last.to_string(), args, kwargs));
                        }
                    }
                }
            }
            Event::Ret(r) => {
                let result = r.form != "return"
                    || (v.returns
                        && facts
                            .scopes
                            .iter()
                            .filter(|s| s.span.0 <= r.byte && r.byte < s.span.1)
                            .min_by_key(|s| s.span.1 - s.span.0)
                            .map(|s| s.span)
                            == own);
                if result && !ctx.tab.result_sources.is_empty() {
                    for l in ctx.value(&r.value, &st, 0) {
                        if !ctx.tab.result_sources.contains(&l.source) {
                            continue;
                        }
                        found.push(Found {
                            flow: Flow {
                                source: l.source.to_string(),
                                name: l.name.clone(),
                                sink: "result".into(),
                                callee: r.form.clone(),
                                file: file.clone(),
                                line: r.line,
                                column: r.column,
                                via: via_text(&v.via),
                                sanitizer: l
                                    .sans
                                    .iter()
                                    .find(|(_, m)| m & class_bit("result") != 0)
                                    .map(|(n, _)| n.clone()),
                            },
                            origin: (l.source, l.name.clone()),
                            class: class_bit("result"),
                        });
                    }
                }
            }
        }
    }
    let sanitise = |origin: &(&'static str, String), class: u32| {
        checks
            .iter()
            .find(|(o, m, _)| o == origin && m & class != 0)
            .map(|(_, _, n)| n.clone())
    };
    for mut f in found {
        if f.flow.sanitizer.is_none() {
            f.flow.sanitizer = sanitise(&f.origin, f.class);
        }
        out.push(f.flow);
    }
    // hand the labels to the helpers' parameters
    for (i, dspan, name, args, kwargs) in calls {
        let Some(scope) = own_scope(&ctx.pkg.files[i].f.facts.flow, dspan) else {
            continue;
        };
        let mut params = scope.params.as_slice();
        let method = params
            .first()
            .and_then(|p| p.name.as_deref())
            .is_some_and(|n| ctx.tab.set.self_params.iter().any(|s| s == n));
        if method {
            params = &params[1..];
        }
        let with_checks = |ls: &Vec<Label>| -> Vec<Label> {
            ls.iter()
                .cloned()
                .map(|mut l| {
                    for (o, m, n) in &checks {
                        if o.0 == l.source && o.1 == l.name && !l.sans.iter().any(|(x, _)| x == n) {
                            l.sans.push((n.clone(), *m));
                        }
                    }
                    l
                })
                .collect()
        };
        let mut bound: Vec<(String, Vec<Label>)> = Vec::new();
        for (k, p) in params.iter().enumerate() {
            let ls = match (args.get(k), &p.name) {
                (Some(a), _) => with_checks(a),
                (None, Some(n)) => kwargs
                    .iter()
                    .find(|(kw, _)| kw == n)
                    .map(|(_, a)| with_checks(a))
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            bind_param(ctx, p, ls, &mut bound);
        }
        let mut via = v.via.clone();
        via.push(name);
        queue.push(Visit {
            fi: i,
            span: dspan,
            via,
            depth: v.depth + 1,
            params: bound,
            returns: false,
        });
    }
}

/// Is a membership test's collection a fixed set of values, not the value's own text or
/// another argument (`x in ALLOWED`, `x in ("a", "b")`, `x in list_papers()`; not
/// `".." in path`, `x in other_arg`)?
fn fixed_set(ctx: &Ctx, set: &Value, st: &State) -> bool {
    !matches!(set, Value::Str(_) | Value::Template(_)) && ctx.value(set, st, 0).is_empty()
}

/// A call filling its last argument (`json.Unmarshal(raw, &args)`, `req.BindArguments(&a)`):
/// the variable takes the labels of the other arguments and of the receiver; a whole request
/// or arguments object decoded so is the arguments object, named by the variable.
fn fill(ctx: &Ctx, site: &Site, st: &mut State) {
    let Some((Value::Ident(target), rest)) = site.args.split_last() else {
        return;
    };
    if target.contains(['.', ':']) {
        return;
    }
    let mut ls = Vec::new();
    for a in rest {
        merge_all(&mut ls, ctx.value(a, st, 0));
    }
    if let Some((recv, _)) = site.callee.rsplit_once('.') {
        merge_all(&mut ls, ctx.text(recv, st, 0));
    }
    for mut l in ls {
        if l.level != Level::Field {
            l.level = Level::Args;
            l.name = target.clone();
        }
        merge(st.entry(target.clone()).or_default(), l);
    }
}

/// A site with the arguments the extraction replaced by a local's value named again.
fn unreplaced(site: &Site) -> Site {
    let mut s = site.clone();
    for (i, name) in &site.replaced {
        if let Some(a) = s.args.get_mut(*i) {
            *a = Value::Ident(name.clone());
        }
    }
    s
}

/// A method adding its arguments to its receiver (`query.push_str(&clause)`): the receiver
/// variable (a name or member path) takes their labels besides its own.
fn mutate(ctx: &Ctx, site: &Site, st: &mut State) {
    let Some((recv, _)) = site.callee.rsplit_once('.') else {
        return;
    };
    if recv.is_empty()
        || !recv
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.'))
    {
        return;
    }
    let mut ls = Vec::new();
    // `args.push("--", x)`: what follows a literal `--` cannot be an option
    let mut dashdash = false;
    for a in &site.args {
        let mut got = ctx.value(a, st, 0);
        if dashdash {
            for l in &mut got {
                l.sans.push(("--".into(), class_bit("argv")));
            }
        }
        dashdash |= a.as_str() == Some("--");
        merge_all(&mut ls, got);
    }
    // appended to SQL text (`let mut q = "SELECT ..".to_string(); q.push_str(..)`,
    // `sb.WriteString("SELECT ..")`)
    if site.args.iter().any(|a| ctx.sql_literal(a, 0)) {
        st.insert(sql_marker(recv), Vec::new());
    }
    // `tmp.write(content)` on a temporary file: its name is still the temporary path
    if st.contains_key(&fresh_marker(recv)) {
        return;
    }
    let sql = st.contains_key(&sql_marker(recv));
    let into = st.entry(recv.to_string()).or_default();
    for mut l in ls {
        if sql {
            l.built = true;
            l.sqlish = true;
        }
        merge(into, l);
    }
}

/// The state entry saying a name holds a new temporary file (see `[taint] fresh`).
fn fresh_marker(name: &str) -> String {
    format!("#fresh.{name}")
}

/// The state entry saying a name holds SQL text (not a name any language can write).
fn sql_marker(name: &str) -> String {
    format!("#sql.{name}")
}

/// Bind one parameter: its name to the labels, its destructured fields to the fields.
fn bind_param(ctx: &Ctx, p: &ParamBind, ls: Vec<Label>, out: &mut Vec<(String, Vec<Label>)>) {
    for (prop, local) in &p.fields {
        let mut f = Vec::new();
        for l in &ls {
            merge_all(&mut f, field_of(ctx, l.clone(), prop));
        }
        out.push((local.clone(), f));
    }
    if let Some(n) = &p.name {
        out.push((n.clone(), ls));
    }
}

/// A destructured property of a labelled value; a field of a whole object is named by the
/// property alone.
fn field_of(ctx: &Ctx, l: Label, prop: &str) -> Vec<Label> {
    match l.level {
        Level::Args => {
            let mut f = l;
            f.name = prop.to_string();
            f.level = Level::Field;
            vec![f]
        }
        _ => ctx.descend(l, &[prop.to_string()]),
    }
}

fn via_text(via: &[String]) -> Option<String> {
    (!via.is_empty()).then(|| via.join(" > "))
}

fn assign(ctx: &Ctx, a: &Assign, st: &mut State) {
    let whole = ctx.value(&a.value, st, 0);
    let items = match &a.value {
        Value::Array(items) if a.op != AssignOp::Iter => Some(items),
        _ => None,
    };
    let mut updates: Vec<(String, Vec<Label>)> = Vec::new();
    for t in &a.targets {
        // `a, b = x, y`: position by position
        let base = match (t.index, items) {
            // (positions of a nested pattern too: `match (a, b) { (Some(v), None) => .. }`)
            (Some(i), Some(items))
                if i < items.len() && (items.len() == a.targets.len() || items.len() > 1) =>
            {
                ctx.value(&items[i], st, 0)
            }
            // `v, err := f(x)`: the value is the first result
            (Some(i), Some(items))
                if i > 0 && items.len() == 1 && ctx.tab.set.multi_assign_first =>
            {
                Vec::new()
            }
            _ => whole.clone(),
        };
        let base: Vec<Label> = if a.op == AssignOp::Iter {
            base.into_iter()
                .map(|mut l| {
                    l.level = Level::Field;
                    l
                })
                .collect()
        } else {
            base
        };
        let new = match &t.field {
            Some(f) => {
                let mut out = Vec::new();
                for l in base {
                    merge_all(&mut out, field_of(ctx, l, f));
                }
                out
            }
            None => base,
        };
        updates.push((t.local.clone(), new));
    }
    // a name holding SQL text (`q := "SELECT ..."`): what is appended to it is SQL
    let sql = a.targets.len() == 1 && ctx.sql_literal(&a.value, 0);
    let fresh = a.targets.len() == 1
        && matches!(&a.value, Value::Call { callee, .. }
            if any(&ctx.tab.set.fresh, &callee.text().replace("::", ".")));
    if let (true, Some(t)) = (fresh, a.targets.first()) {
        st.insert(fresh_marker(&t.local), Vec::new());
    }
    for (name, mut new) in updates {
        let marker = sql_marker(&name);
        if a.op == AssignOp::Augment && st.contains_key(&marker) {
            for l in &mut new {
                l.built = true;
                l.sqlish = true;
            }
        }
        if sql {
            st.insert(marker, Vec::new());
        } else if a.op == AssignOp::Bind {
            st.remove(&marker);
        }
        let old = st.remove(&name).unwrap_or_default();
        let mut next = new.clone();
        if a.op == AssignOp::Augment {
            merge_all(&mut next, old);
        } else if a.op != AssignOp::Bind {
            // a value derived from the name itself replaces its labels (`p = validate(p)`);
            // other labels stay, for a branch that did not run
            for o in old {
                if !new.iter().any(|n| n.origin() == o.origin()) {
                    merge(&mut next, o);
                }
            }
        }
        st.insert(name, next);
    }
}

/// Is a keyword / option set to something other than false, None, 0 (a variable counts)?
fn option_set(site: &Site, key: &str) -> Option<String> {
    let on =
        |v: &Value| !matches!(v, Value::Bool(false) | Value::Null) && v != &Value::Num("0".into());
    if let Some((_, v)) = site.kwargs.iter().find(|(k, _)| k == key) {
        return on(v).then(|| format!("{key}={}", py_text(v)));
    }
    for a in &site.args {
        if let Value::Object(_) = a {
            if let Some(v) = a.get(key) {
                return on(v).then(|| format!("{{{key}: {}}}", v.text()));
            }
        }
    }
    None
}

/// An option of a call that may be set on an options variable (`const o = {..}; o.shell =
/// true; spawn(c, a, o)`): (how it is set, when it is; whether it may also be unset).
fn option_state(ctx: &Ctx, fi: usize, site: &Site, key: &str) -> (Option<String>, bool) {
    if let Some(t) = option_set(site, key) {
        return (Some(t), false);
    }
    let vars: Vec<&str> = site
        .args
        .iter()
        .skip(1)
        .filter_map(|a| match a {
            Value::Ident(n) if !n.contains('.') => Some(n.as_str()),
            _ => None,
        })
        .collect();
    if vars.is_empty() {
        return (None, true);
    }
    let on = |v: &Value| !matches!(v, Value::Bool(false) | Value::Null);
    let (mut set, mut unset) = (None, false);
    for a in &ctx.pkg.files[fi].f.facts.flow.assigns {
        for t in &a.targets {
            let v = if vars.contains(&t.local.as_str()) {
                a.value.get(key)
            } else if t
                .local
                .strip_suffix(key)
                .and_then(|h| h.strip_suffix('.'))
                .is_some_and(|h| vars.contains(&h))
            {
                Some(&a.value)
            } else {
                continue;
            };
            match v {
                Some(v) if on(v) => set = set.or_else(|| Some(format!("{key}: {}", v.text()))),
                _ => unset = true,
            }
        }
    }
    let unset = unset || set.is_none();
    (set.map(|t| format!("{{{t}}}")), unset)
}

fn py_text(v: &Value) -> String {
    match v {
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        other => other.text(),
    }
}

fn basename(p: &str) -> &str {
    p.rsplit(['/', '\\']).next().unwrap_or(p)
}

/// Can a sink rule's carrying value be in this call at all? A rule read only from keywords
/// or options (`headers`) needs one of them, or an options variable after the first argument.
fn may_carry(r: &SinkRule, site: &Site) -> bool {
    if r.kw.is_empty() || r.arg.is_some() || r.receiver || r.argv.is_some() {
        return true;
    }
    r.kw.iter().any(|k| {
        site.kwargs.iter().any(|(n, _)| n == k)
            || site
                .args
                .iter()
                .any(|a| matches!(a, Value::Object(_)) && a.get(k).is_some())
            || site
                .args
                .iter()
                .skip(1)
                .any(|a| matches!(a, Value::Ident(_)))
    })
}

/// A bare callee as the sink tables name it, when it is not its own name:
/// `const run = promisify(exec); run(cmd)` → `exec`; Python `from subprocess import run;
/// run(..)` → `subprocess.run`.
fn sink_callee(ctx: &Ctx, fi: usize, callee: &str) -> Option<String> {
    if callee.contains('.') {
        return None;
    }
    let wrapped = wrapped_fn(ctx, fi, callee);
    let callee = wrapped.as_deref().unwrap_or(callee);
    if ctx.lang != Lang::Python || callee.contains('.') {
        return wrapped;
    }
    ctx.pkg.files[fi]
        .f
        .facts
        .imports
        .iter()
        .filter(|i| i.alias.as_deref().is_none_or(|a| a == callee))
        .find(|i| {
            !i.source.starts_with('.')
                && i.source.rsplit_once('.').is_some_and(|(_, n)| n == callee)
        })
        .map(|i| i.source.clone())
        .or(wrapped)
}

/// The flows of one call site.
fn site_flows(
    ctx: &Ctx,
    v: &Visit,
    file: &str,
    callee: &str,
    site: &Site,
    st: &State,
    found: &mut Vec<Found>,
) {
    if site.literal {
        return;
    }
    let named = sink_callee(ctx, v.fi, callee);
    let callee = named.as_deref().unwrap_or(callee);
    let prof = profile(ctx, callee);
    for s in prof.sinks.iter().map(|k| &ctx.tab.sinks[*k]) {
        let r = &s.r;
        if !s.sources.iter().any(|x| ctx.on(x)) {
            continue;
        }
        // tool runs take tool-argument sources (a secret only reaches results)
        if let Some(re) = &s.receiver_re {
            let recv = callee.rsplit_once('.').map(|(a, _)| a).unwrap_or("");
            if !re.is_match(recv) {
                continue;
            }
        }
        if !r.imports.is_empty() && !package_imports(ctx, &r.imports) {
            continue;
        }
        if let Some(re) = &s.arg0 {
            match site.args.first().map(|a| ctx.pkg_resolve(a)) {
                Some(Value::Str(a)) if re.is_match(&a) => {}
                // a constant named like it: `header::AUTHORIZATION`
                Some(Value::Ident(n)) if re.is_match(n.rsplit(['.', ':']).next().unwrap_or(&n)) => {
                }
                _ => continue,
            }
        }
        if s.mode.is_some() || s.not_mode.is_some() {
            let m = r
                .mode_kw
                .as_deref()
                .and_then(|k| site.kwargs.iter().find(|(n, _)| n == k).map(|(_, v)| v))
                .or_else(|| r.mode_arg.and_then(|i| site.args.get(i)));
            let m = m.and_then(|v| match v {
                Value::Str(s) => Some(s.clone()),
                other if r.mode_expr => Some(other.text()),
                _ => None,
            });
            let ok = match m.as_deref() {
                Some(m) => {
                    s.mode.as_ref().is_none_or(|re| re.is_match(m))
                        && s.not_mode.as_ref().is_none_or(|re| !re.is_match(m))
                }
                None => s.mode.is_none(),
            };
            if !ok {
                continue;
            }
        }
        let mut shown = compact_calls(callee);
        if let Some(k) = &r.when {
            match option_state(ctx, v.fi, site, k) {
                (Some(t), _) => shown = format!("{callee}({t})"),
                (None, _) => continue,
            }
        }
        if let Some(k) = &r.unless {
            // set on every path: no argument vector
            if let (Some(_), false) = option_state(ctx, v.fi, site, k) {
                continue;
            }
        }
        let mut emit = |class: &str, shown: &str, ls: Vec<Label>, extra: Option<String>| {
            let bit = class_bit(class);
            for l in ls {
                let source = match (&l.level, l.source) {
                    (Level::Field, s) => s,
                    (_, "tool-arg") => "tool-request",
                    (_, s) => s,
                };
                if !s.sources.contains(&source) || !ctx.on(l.source) {
                    continue;
                }
                if class == "sql" && !(l.built && l.sqlish) {
                    continue;
                }
                if class == "http-url" && l.fixed {
                    continue;
                }
                let sanitizer = l
                    .sans
                    .iter()
                    .find(|(_, m)| m & bit != 0)
                    .map(|(n, _)| n.clone())
                    .or_else(|| extra.clone());
                found.push(Found {
                    flow: Flow {
                        source: source.to_string(),
                        name: l.name.clone(),
                        sink: class.to_string(),
                        callee: shown.to_string(),
                        file: file.to_string(),
                        line: site.line,
                        column: site.column,
                        via: via_text(&v.via),
                        sanitizer,
                    },
                    origin: (l.source, l.name.clone()),
                    class: bit,
                });
            }
        };
        if let Some(layout) = &r.argv {
            if layout == "builder" {
                if let Some((api, elems, from)) = builder_argv(ctx, v, r, callee, site) {
                    argv_elems(ctx, &r.class, &api, &elems, from, st, &mut emit);
                }
            } else {
                argv_flows(ctx, r, callee, site, st, &mut emit);
            }
            continue;
        }
        let mut vals: Vec<&Value> = Vec::new();
        let default_arg = if r.receiver || !r.kw.is_empty() {
            Vec::new()
        } else {
            vec![0]
        };
        let pos = r.arg.clone().unwrap_or(default_arg);
        if r.rest {
            let from = pos.iter().min().copied().unwrap_or(0);
            vals.extend(site.args.iter().skip(from));
        } else {
            vals.extend(pos.iter().filter_map(|i| site.args.get(*i)));
        }
        for k in &r.kw {
            if let Some((_, v)) = site.kwargs.iter().find(|(n, _)| n == k) {
                vals.push(v);
            }
            for a in &site.args {
                if let (Value::Object(_), Some(v)) = (a, a.get(k)) {
                    vals.push(v);
                }
            }
        }
        let mut ls = Vec::new();
        for val in vals {
            merge_all(&mut ls, ctx.value(val, st, 0));
        }
        if r.receiver {
            if let Some((recv, _)) = site.callee.rsplit_once('.') {
                merge_all(&mut ls, ctx.text(recv, st, 0));
            }
        }
        emit(&r.class, &shown, ls, None);
    }
}

/// Does the package import one of these modules (a module or a module under it)?
fn package_imports(ctx: &Ctx, mods: &[String]) -> bool {
    let hit = |src: &str| {
        let src = src.trim_start_matches("node:");
        mods.iter().any(|m| {
            src == m
                || src
                    .strip_prefix(m.as_str())
                    .is_some_and(|r| r.starts_with(['.', '/']))
        })
    };
    ctx.pkg.files.iter().any(|v| {
        v.f.facts.imports.iter().any(|i| hit(&i.source))
            || v.f.facts.links.iter().any(|l| hit(&l.source))
    })
}

/// A chained callee without the arguments of the calls in it, as shown in a flow:
/// `client.get(format!(..)).header` → `client.get().header`.
fn compact_calls(callee: &str) -> String {
    if !callee.contains(").") {
        return callee.to_string();
    }
    let b = callee.as_bytes();
    let mut out = String::with_capacity(callee.len());
    let (mut i, mut last) = (0, 0);
    while i < b.len() {
        if b[i] == b'(' && i > 0 && (is_ident(b[i - 1]) || b[i - 1] == b'!') {
            out.push_str(&callee[last..=i]);
            out.push(')');
            i = (matching(b, i + 1, b'(', b')') + 1).min(b.len());
            last = i;
            continue;
        }
        i += 1;
    }
    out.push_str(&callee[last..]);
    out
}

/// The function a name is bound to by a `wrap_fn` call (`const run = promisify(exec)`),
/// in the file or the package.
fn wrapped_fn(ctx: &Ctx, fi: usize, name: &str) -> Option<String> {
    let set = &ctx.tab.set;
    if set.wrap_fn.is_empty() {
        return None;
    }
    let of = |v: &Value| match v {
        Value::Call { callee, args, .. } => match (callee.as_ref(), args.first()) {
            (Value::Ident(c), Some(Value::Ident(f))) if any(&set.wrap_fn, c) => Some(f.clone()),
            _ => None,
        },
        _ => None,
    };
    let of = |v: &Value| of(v).map(|f| effects::table_callee(ctx.pkg, fi, &f));
    let local = ctx.pkg.files[fi]
        .f
        .facts
        .flow
        .assigns
        .iter()
        .filter(|a| {
            a.targets
                .iter()
                .any(|t| t.local == name && t.field.is_none())
        })
        .find_map(|a| of(&a.value));
    local.or_else(|| ctx.pkg.lookup_at(name).and_then(|(_, v)| of(v)))
}

impl<'p, 'a> Ctx<'p, 'a> {
    fn pkg_resolve(&self, v: &Value) -> Value {
        match v {
            Value::Ident(n) => match self.pkg.lookup_at(n) {
                Some((_, x)) => x.clone(),
                None => v.clone(),
            },
            _ => v.clone(),
        }
    }
}

/// Flows into a program's argument vector: `argv` (callee `<api> <program>` when the program
/// is a literal; sanitiser `--` when a literal `--` comes before the value), or `shell` when
/// the program is a shell given a command flag, or `url-open` for a URL opener.
fn argv_flows(ctx: &Ctx, r: &SinkRule, callee: &str, site: &Site, st: &State, emit: &mut Emit) {
    let mut elems: Vec<&Value> = Vec::new();
    // `args`: a wrapper of a fixed program, its method the subcommand (`repo.git.diff(x)`)
    let wrapper: Vec<Value> = match (r.argv.as_deref(), &r.program) {
        (Some("args"), Some(p)) => {
            let sub = callee.rsplit('.').next().unwrap_or(callee);
            vec![Value::Str(p.clone()), Value::Str(sub.replace('_', "-"))]
        }
        _ => Vec::new(),
    };
    elems.extend(wrapper.iter());
    // `program+rest` from the first of `arg` (`exec.CommandContext(ctx, p, a...)`)
    let start = r
        .arg
        .as_ref()
        .and_then(|a| a.iter().min().copied())
        .unwrap_or(0);
    match r.argv.as_deref().unwrap_or_default() {
        "program+list" => {
            elems.extend(site.args.first());
            match site.args.get(1) {
                Some(Value::Array(items)) => elems.extend(items.iter()),
                Some(Value::Object(_)) | None => {}
                Some(other) => elems.push(other),
            }
        }
        "args" => elems.extend(site.args.iter()),
        "list" => match site.args.first().or_else(|| {
            site.kwargs
                .iter()
                .find(|(k, _)| k == "args")
                .map(|(_, v)| v)
        }) {
            Some(Value::Array(items)) => elems.extend(items.iter()),
            Some(other) => elems.push(other),
            None => {}
        },
        _ => elems.extend(site.args.iter().skip(start)),
    }
    argv_elems(ctx, &r.class, callee, &elems, 0, st, emit);
}

/// The argument vector of one step of a builder (`Command::new("git").arg("log").arg(x)`,
/// or `let mut c = Command::new("git"); c.arg(x)`): the constructor's callee, its first
/// argument followed by the arguments of every step up to this one (a list argument is
/// its elements), and the index of this step's first element.
fn builder_argv<'s>(
    ctx: &Ctx<'_, 's>,
    v: &Visit,
    r: &SinkRule,
    callee: &str,
    site: &'s Site,
) -> Option<(String, Vec<&'s Value>, usize)> {
    let view = &ctx.pkg.files[v.fi];
    let sites = &view.sites;
    let is_ctor = |c: &str| any(&r.builder, c.split('(').next().unwrap_or(c));
    let inside = |b: usize| b >= v.span.0 && b < v.span.1;
    // the constructor this chain starts with, or the one bound to the variable it starts with
    let chained = sites
        .iter()
        .filter(|(c, s)| s.byte == site.byte && s.end < site.end && is_ctor(c))
        .min_by_key(|(_, s)| s.end);
    let (ctor, var) = match chained {
        Some(c) => (c, None),
        None => {
            let head = callee.split(['.', '(']).next()?;
            let a = view
                .f
                .facts
                .flow
                .assigns
                .iter()
                .filter(|a| a.byte <= site.byte && inside(a.start))
                .filter(|a| {
                    a.targets
                        .iter()
                        .any(|t| t.local == head && t.field.is_none())
                })
                .max_by_key(|a| a.byte)?;
            let c = sites
                .iter()
                .filter(|(c, s)| s.byte >= a.start && s.end <= a.byte && is_ctor(c))
                .min_by_key(|(_, s)| s.byte)?;
            (c, Some((format!("{head}."), a.byte)))
        }
    };
    let (api, ctor) = (ctor.0.split('(').next().unwrap_or(&ctor.0), ctor.1);
    let upto = |s: &Site| s.byte != site.byte || s.end <= site.end;
    let mut steps: Vec<&Site> = sites
        .iter()
        .filter(|(c, s)| {
            any(&r.callee, c)
                && upto(s)
                && ((s.byte == ctor.byte && s.end > ctor.end)
                    || var.as_ref().is_some_and(|(h, after)| {
                        s.byte > *after && s.byte <= site.byte && c.starts_with(h.as_str())
                    }))
        })
        .map(|(_, s)| *s)
        .collect();
    steps.sort_by_key(|s| (s.byte, s.end));
    let mut elems: Vec<&Value> = vec![ctor.args.first()?];
    let mut from = None;
    for s in steps {
        if (s.byte, s.end) == (site.byte, site.end) {
            from = Some(elems.len());
        }
        for a in &s.args {
            match a {
                Value::Array(items) => elems.extend(items.iter()),
                other => elems.push(other),
            }
        }
    }
    Some((api.to_string(), elems, from?))
}

/// Flows into the elements of an argument vector from index `from` on (see [`argv_flows`]).
fn argv_elems(
    ctx: &Ctx,
    class: &str,
    callee: &str,
    elems: &[&Value],
    from: usize,
    st: &State,
    emit: &mut Emit,
) {
    let Some(first) = elems.first() else {
        return;
    };
    let program = match first {
        // a local: its one literal value, if every assignment in the file gives the same
        Value::Ident(n) if st.contains_key(n.as_str()) => {
            let vals: Vec<&Value> = ctx
                .pkg
                .cur
                .get()
                .map(|fi| {
                    ctx.pkg.files[fi]
                        .f
                        .facts
                        .flow
                        .assigns
                        .iter()
                        .filter(|a| a.targets.iter().any(|t| &t.local == n && t.field.is_none()))
                        .map(|a| &a.value)
                        .collect()
                })
                .unwrap_or_default();
            match vals.first() {
                Some(Value::Str(s)) if !s.is_empty() && vals.iter().all(|v| *v == vals[0]) => {
                    Some(s.clone())
                }
                _ => None,
            }
        }
        _ => match ctx.pkg_resolve(first) {
            Value::Str(s) if !s.is_empty() => Some(s),
            _ => None,
        },
    };
    let set = &ctx.tab.set;
    let prog = program.as_deref().map(basename);
    let is_shell = prog.is_some_and(|p| set.shells.iter().any(|s| s == p));
    let opener = prog.is_some_and(|p| set.url_openers.iter().any(|s| s == p));
    let shown = match &program {
        Some(p) => format!("{callee} {p}"),
        None => callee.to_string(),
    };
    let mut dashdash = false;
    let mut shell_flag = false;
    for (i, e) in elems.iter().enumerate() {
        let lit = match e {
            Value::Str(s) => Some(s.as_str()),
            _ => None,
        };
        if i > 0 {
            if let Some(l) = lit {
                dashdash |= l == "--";
                shell_flag |= set.shell_flags.iter().any(|f| f == l);
                continue;
            }
        }
        if i < from {
            continue;
        }
        let ls = ctx.value(e, st, 0);
        if ls.is_empty() {
            continue;
        }
        if i == 0 {
            emit(class, callee, ls, None);
        } else if is_shell && shell_flag {
            emit("shell", &shown, ls, None);
        } else if opener {
            emit("url-open", &shown, ls, None);
        } else if class == "argv" && literal_start(ctx, e, st) {
            // `--unified={n}`: the value cannot start an option of its own
            continue;
        } else {
            emit(class, &shown, ls, dashdash.then(|| "--".to_string()));
        }
    }
}

/// Does a built string start with literal text (`f"--unified={n}"`, `"-n" + x`), also
/// through a local every assignment of which does?
fn literal_start(ctx: &Ctx, v: &Value, st: &State) -> bool {
    let lit = |v: &Value| match v {
        Value::Template(t) | Value::Expr(t) => {
            matches!(scan(t, ctx.lang).first(), Some(Part::Lit { text, .. }) if !text.is_empty())
        }
        _ => false,
    };
    match v {
        Value::Ident(n) if st.contains_key(n.as_str()) => {
            let Some(fi) = ctx.pkg.cur.get() else {
                return false;
            };
            let mut vals = ctx.pkg.files[fi]
                .f
                .facts
                .flow
                .assigns
                .iter()
                .filter(|a| a.targets.iter().any(|t| &t.local == n && t.field.is_none()))
                .map(|a| &a.value)
                .peekable();
            vals.peek().is_some() && vals.all(lit)
        }
        other => lit(other),
    }
}

// ------------------------------------------------------------------------------ drivers

/// The registration style without mount and wrapper decorations: `py.mount(py.decorator)`
/// → `py.decorator`, `ts.tool (via wrapper)` → `ts.tool`.
fn base_style(style: &str) -> &str {
    let mut s = style.trim_end_matches(" (via wrapper)");
    while let Some(inner) = s
        .strip_prefix("py.mount(")
        .and_then(|r| r.strip_suffix(')'))
    {
        s = inner;
    }
    s
}

fn style_matches(pat: &str, style: &str) -> bool {
    match pat.strip_suffix('*') {
        Some(p) => style.starts_with(p),
        None => pat == style,
    }
}

/// The labels a handler's parameters start with.
fn handler_params(
    ctx: &Ctx,
    scope: &Scope,
    spec: ParamSpec,
    skip_types: &[String],
    skip_names: &[String],
) -> Vec<(String, Vec<Label>)> {
    let types = ParamTypes {
        skip_types,
        skip_names,
        request_types: &[],
        args_types: &[],
    };
    typed_handler_params(ctx, scope, spec, &types)
}

/// The parameter types and names of a `[[handler]]` rule.
struct ParamTypes<'r> {
    skip_types: &'r [String],
    skip_names: &'r [String],
    request_types: &'r [String],
    args_types: &'r [String],
}

impl<'r> ParamTypes<'r> {
    fn of(rule: &'r HandlerRule) -> ParamTypes<'r> {
        ParamTypes {
            skip_types: &rule.skip_types,
            skip_names: &rule.skip_names,
            request_types: &rule.request_types,
            args_types: &rule.args_types,
        }
    }

    /// The level a parameter has by its type (`request_types`, `args_types`).
    fn level(&self, p: &ParamBind) -> Option<Level> {
        let has = |list: &[String]| {
            p.ty.as_deref()
                .is_some_and(|t| list.iter().any(|s| t.contains(s.as_str())))
        };
        if has(self.request_types) {
            Some(Level::Request(String::new()))
        } else if has(self.args_types) {
            Some(Level::Args)
        } else {
            None
        }
    }
}

/// The labels a handler's parameters start with: by type first (`request_types`,
/// `args_types`), then by position or each (`params`).
fn typed_handler_params(
    ctx: &Ctx,
    scope: &Scope,
    spec: ParamSpec,
    types: &ParamTypes,
) -> Vec<(String, Vec<Label>)> {
    let mut out = Vec::new();
    let skip = |p: &ParamBind| {
        p.name
            .as_deref()
            .is_some_and(|n| types.skip_names.iter().any(|s| s == n))
            || p.ty
                .as_deref()
                .is_some_and(|t| types.skip_types.iter().any(|s| t.contains(s.as_str())))
    };
    let mut typed = vec![false; scope.params.len()];
    for (i, p) in scope.params.iter().enumerate() {
        let Some(level) = types.level(p).filter(|_| !skip(p)) else {
            continue;
        };
        typed[i] = true;
        let name = p.name.clone().unwrap_or_else(|| "arguments".into());
        bind_param(ctx, p, vec![Label::new("tool-arg", name, level)], &mut out);
    }
    let params: Vec<&ParamBind> = scope
        .params
        .iter()
        .enumerate()
        .filter(|(i, p)| !typed[*i] && !skip(p))
        .map(|(_, p)| p)
        .collect();
    match spec {
        ParamSpec::Types => {}
        ParamSpec::Each => {
            for p in params {
                if let Some(n) = &p.name {
                    let l = Label::new("tool-arg", n.clone(), Level::Field);
                    out.push((n.clone(), vec![l]));
                }
                for (prop, local) in &p.fields {
                    let l = Label::new("tool-arg", prop.clone(), Level::Field);
                    out.push((local.clone(), vec![l]));
                }
            }
        }
        ParamSpec::Args(i) | ParamSpec::Request(i) => {
            let Some(p) = scope.params.get(i).filter(|_| !typed[i]) else {
                return out;
            };
            let level = match spec {
                ParamSpec::Args(_) => Level::Args,
                _ => Level::Request(String::new()),
            };
            let name = p.name.clone().unwrap_or_else(|| "arguments".into());
            let l = Label::new("tool-arg", name, level);
            bind_param(ctx, p, vec![l], &mut out);
        }
    }
    out
}

fn start_of(pkg: &Package, h: &Handler) -> Option<(usize, (usize, usize))> {
    match h {
        Handler::Span { file, span } => pkg.file_index(file).map(|i| (i, *span)),
        Handler::Name { file, name, line } => effects::find_fn(pkg, file, name, *line),
    }
}

/// The flows of one tool: from its arguments (and the secrets it reads) through its handler
/// and the same-package helpers it calls.
pub fn tool_flows(t: &mut Tool, h: &Handler, pkg: &Package, lang: Lang) {
    let tab = tables(lang);
    let style = base_style(&t.registration);
    let Some(rule) = tab
        .handlers
        .iter()
        .find(|r| r.styles.iter().any(|s| style_matches(s, style)))
    else {
        return;
    };
    let Some(spec) = ParamSpec::parse(&rule.params) else {
        return;
    };
    let Some((fi, span)) = start_of(pkg, h) else {
        return;
    };
    let ctx = Ctx {
        pkg,
        lang,
        tab,
        active: ACTIVE_TOOL,
    };
    let facts = &pkg.files[fi].f.facts.flow;
    let Some(scope) = own_scope(facts, span) else {
        return;
    };
    let types = ParamTypes::of(rule);
    let mut span = span;
    let mut params = typed_handler_params(&ctx, scope, spec, &types);
    if params.iter().all(|(_, ls)| ls.is_empty()) {
        // a factory returning the handler (`func h(db *DB) server.ToolHandlerFunc { return
        // func(ctx, req mcp.CallToolRequest) {..} }`): the first function inside it with a
        // parameter of a request or arguments type
        let inner = facts
            .scopes
            .iter()
            .filter(|s| s.span.0 > span.0 && s.span.1 <= span.1)
            .filter(|s| s.params.iter().any(|p| types.level(p).is_some()))
            .min_by_key(|s| s.span.0);
        if let Some(s) = inner {
            span = s.span;
            params = typed_handler_params(&ctx, s, spec, &types);
        }
    }
    let flows = run(
        &ctx,
        Visit {
            fi,
            span,
            via: Vec::new(),
            depth: 0,
            params,
            returns: true,
        },
    );
    t.flows.extend(flows);
    sort_flows(&mut t.flows);
}

/// Server-level flows: through the package's low-level `tools/call` handlers (tool
/// arguments), and anywhere in the package from the caller's credentials and from fetched
/// OAuth metadata.
pub fn server_flows(s: &mut Server, pkg: &Package, lang: Lang) {
    let tab = tables(lang);
    let mut flows = Vec::new();
    for (fi, view) in pkg.files.iter().enumerate() {
        for d in &view.f.facts.flow.dispatch {
            let Some(spec) = ParamSpec::parse(&d.params) else {
                continue;
            };
            let span = match &d.handler {
                DispatchFn::Span(a, b) => Some((fi, (*a, *b))),
                DispatchFn::Name(n) => effects::find_fn(pkg, &view.f.path, n, d.line),
            };
            let Some((hi, span)) = span else { continue };
            let ctx = Ctx {
                pkg,
                lang,
                tab,
                active: ACTIVE_TOOL,
            };
            let Some(scope) = own_scope(&pkg.files[hi].f.facts.flow, span) else {
                continue;
            };
            let params = handler_params(&ctx, scope, spec, &[], &[]);
            flows.extend(run(
                &ctx,
                Visit {
                    fi: hi,
                    span,
                    via: Vec::new(),
                    depth: 0,
                    params,
                    returns: true,
                },
            ));
        }
    }
    // the caller's credentials and OAuth metadata, anywhere in the package
    let wanted = tab
        .sinks
        .iter()
        .any(|s| s.sources.iter().any(|x| ACTIVE_SERVER.contains(x)));
    if wanted {
        let ctx = Ctx {
            pkg,
            lang,
            tab,
            active: ACTIVE_SERVER,
        };
        // a file with no call that takes these sources, and no call of a package helper that
        // leads to one (a token read in one file, sent by a helper of another), has nothing
        // to walk
        let n = pkg.files.len();
        let mut wanted: Vec<bool> = (0..n)
            .map(|fi| {
                pkg.files[fi].sites.iter().any(|(c, site)| {
                    let named = sink_callee(&ctx, fi, c);
                    profile(&ctx, named.as_deref().unwrap_or(c))
                        .sinks
                        .iter()
                        .any(|k| {
                            let s = &tab.sinks[*k];
                            s.sources.iter().any(|x| ACTIVE_SERVER.contains(x))
                                && may_carry(&s.r, site)
                        })
                })
            })
            .collect();
        if wanted.iter().any(|w| *w) {
            // the files each other file's calls lead into (the walk follows MAX_DEPTH calls)
            let targets: Vec<BTreeSet<usize>> = (0..n)
                .map(|fi| {
                    if wanted[fi] {
                        return BTreeSet::new();
                    }
                    pkg.files[fi]
                        .sites
                        .iter()
                        .filter_map(|(c, site)| {
                            effects::helper_target(pkg, lang, fi, (0, usize::MAX), c, site)
                        })
                        .map(|t| t.0)
                        .filter(|i| *i != fi)
                        .collect()
                })
                .collect();
            for _ in 0..effects::MAX_DEPTH {
                let next: Vec<bool> = (0..n)
                    .map(|fi| wanted[fi] || targets[fi].iter().any(|i| wanted[*i]))
                    .collect();
                if next == wanted {
                    break;
                }
                wanted = next;
            }
        }
        for (fi, _) in wanted.iter().enumerate().filter(|(_, w)| **w) {
            flows.extend(run(
                &ctx,
                Visit {
                    fi,
                    span: (0, usize::MAX),
                    via: Vec::new(),
                    depth: 0,
                    params: Vec::new(),
                    returns: false,
                },
            ));
        }
    }
    s.flows.extend(flows);
    sort_flows(&mut s.flows);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::SourceFile;
    use crate::facts::{extract, Limits};

    fn refs(parts: &[Part]) -> Vec<(String, bool, Vec<String>)> {
        parts
            .iter()
            .filter_map(|p| match p {
                Part::Ref {
                    path,
                    cond,
                    wrappers,
                    ..
                } => Some((path.clone(), *cond, wrappers.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn scanner_reads_templates_fstrings_and_calls() {
        let p = scan("`git -C ${repo} log ${opts.n}`", Lang::TypeScript);
        assert_eq!(
            refs(&p),
            vec![
                ("repo".into(), false, vec![]),
                ("opts.n".into(), false, vec![])
            ]
        );
        assert!(matches!(&p[0], Part::Lit { text, .. } if text == "git -C "));
        let p = scan(
            r#"f"SELECT * FROM {table!r:>10} WHERE a = '{args['x']}'""#,
            Lang::Python,
        );
        assert_eq!(
            refs(&p),
            vec![
                ("table".into(), false, vec![]),
                ("args.x".into(), false, vec![])
            ]
        );
        // keys and keyword names are not references; call arguments know their callee
        let p = scan("run(cmd=shlex.quote(x), env={ PATH: y })", Lang::Python);
        let r = refs(&p);
        assert!(r.contains(&("x".into(), false, vec!["run".into(), "shlex.quote".into()])));
        assert!(r.iter().any(|(p, _, _)| p == "y"));
        assert!(!r.iter().any(|(p, _, _)| p == "cmd" || p == "PATH"));
    }

    #[test]
    fn scanner_marks_tested_names() {
        let r = refs(&scan(r#"token ? "set" : "unset""#, Lang::TypeScript));
        assert_eq!(r, vec![("token".into(), true, vec![])]);
        let r = refs(&scan(r#""yes" if key else "no""#, Lang::Python));
        assert_eq!(r, vec![("key".into(), true, vec![])]);
        let r = refs(&scan("a === b || c", Lang::TypeScript));
        assert_eq!(
            r.iter().map(|x| x.1).collect::<Vec<_>>(),
            vec![true, true, false]
        );
        let r = refs(&scan("!isValid(p) && q", Lang::TypeScript));
        assert!(r[0].1); // the callee, negated
        assert_eq!(r[1], ("p".into(), true, vec!["isValid".into()]));
        assert!(!r[2].1);
    }

    #[test]
    fn url_prefixes() {
        assert!(fixed_prefix("https://api.example.com/"));
        assert!(fixed_prefix("https://api.example.com/search?q="));
        assert!(fixed_prefix("/v1/"));
        assert!(fixed_prefix("X/items/"));
        assert!(!fixed_prefix(""));
        assert!(!fixed_prefix("https://"));
        // the host can still be extended (`.evil.com`, `@evil.com`)
        assert!(!fixed_prefix("https://api.example.com"));
        assert!(!fixed_prefix("X"));
    }

    /// Flows of function `name` in one file, its parameters labelled by `params`.
    fn flows(lang: Lang, src: &str, name: &str, params: &str) -> Vec<Flow> {
        let facts = extract(lang, src.as_bytes(), &Limits::default()).unwrap();
        let path = if lang == Lang::Python { "m.py" } else { "m.ts" };
        let f = SourceFile {
            path: path.into(),
            lang,
            facts,
        };
        let pkg = Package::new(&[&f]);
        let span = f
            .facts
            .fn_spans
            .iter()
            .find(|s| s.name == name)
            .expect("the function")
            .span;
        let ctx = Ctx {
            pkg: &pkg,
            lang,
            tab: tables(lang),
            active: ACTIVE_TOOL,
        };
        let scope = own_scope(&f.facts.flow, span).unwrap();
        let spec = ParamSpec::parse(params).unwrap();
        let p = handler_params(&ctx, scope, spec, &[], &["self".into(), "ctx".into()]);
        run(
            &ctx,
            Visit {
                fi: 0,
                span,
                via: Vec::new(),
                depth: 0,
                params: p,
                returns: true,
            },
        )
    }

    fn brief(fs: &[Flow]) -> Vec<String> {
        fs.iter()
            .map(|f| {
                format!(
                    "{} {}>{} {}{}{}",
                    f.source,
                    f.name,
                    f.sink,
                    f.callee,
                    f.via
                        .as_deref()
                        .map(|v| format!(" via {v}"))
                        .unwrap_or_default(),
                    f.sanitizer
                        .as_deref()
                        .map(|s| format!(" [{s}]"))
                        .unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn assignments_propagate_and_replace() {
        let src = r#"
import os, subprocess
def tool(path, cmd, n, flag):
    p = path
    p = validate_path(p)
    open(p)
    c = "ls "
    if flag:
        c += cmd
    os.system(c)
    a, b = cmd, "x"
    os.system(b)
    os.system(a)
    subprocess.run(["head", "-n", str(int(n)), "--", path])
    for part in cmd.split(";"):
        os.popen(part)
"#;
        let got = brief(&flows(Lang::Python, src, "tool", "each"));
        assert_eq!(
            got,
            vec![
                "tool-arg path>fs-read open [validate_path]",
                "tool-arg cmd>shell os.system",
                "tool-arg cmd>shell os.system",
                "tool-arg path>argv subprocess.run head [--]",
                "tool-arg cmd>shell os.popen",
            ]
        );
    }

    #[test]
    fn helpers_receive_arguments_by_position_and_keyword() {
        let src = r#"
import os
class Runner:
    def go(self, target, mode="r"):
        os.remove(target)
def helper(a, b):
    os.system(b)
def tool(x, y):
    helper(y, b=x)
    Runner().go(y)
"#;
        let got = brief(&flows(Lang::Python, src, "tool", "each"));
        assert_eq!(
            got,
            vec![
                "tool-arg y>fs-delete os.remove via go",
                "tool-arg x>shell os.system via helper",
            ]
        );
    }

    #[test]
    fn whole_arguments_object_and_fields() {
        let src = r#"
import { exec } from "node:child_process";
async function handler(args: any) {
  const { cmd, other } = args;
  console.log("called", args);
  console.log(`cmd=${args.cmd}`);
  exec(cmd);
  exec(String(Number(other)));
  args.files.forEach((f: string) => exec(`rm ${f}`));
}
"#;
        let got = brief(&flows(Lang::TypeScript, src, "handler", "args:0"));
        assert_eq!(
            got,
            vec![
                "tool-request args>log console.log",
                "tool-arg cmd>shell child_process.exec",
                "tool-arg args.files>shell child_process.exec",
            ]
        );
    }

    #[test]
    fn request_envelope_and_secrets() {
        let src = r#"
import { readFileSync } from "node:fs";
const KEY = process.env.SERVICE_API_KEY;
async function handler(request: any) {
  const { name, arguments: a } = request.params;
  readFileSync(name);
  readFileSync(a.file);
  if (!KEY) throw new Error(`missing key ${KEY}`);
  return { content: [{ type: "text", text: KEY ? "configured" : "missing" }] };
}
"#;
        let got = brief(&flows(Lang::TypeScript, src, "handler", "request:0"));
        assert_eq!(
            got,
            vec![
                "tool-arg request.params.arguments.file>fs-read fs.readFileSync",
                "secret-env SERVICE_API_KEY>result throw",
            ]
        );
    }

    #[test]
    fn sql_needs_built_sql_text_and_urls_an_open_destination() {
        let src = r#"
import requests
def tool(q, host, table):
    db.execute(q)
    db.execute("SELECT * FROM t WHERE a = ?", (q,))
    db.execute("SELECT * FROM %s" % table)
    requests.get(f"https://api.example.com/search?q={q}")
    requests.get(f"https://{host}/status")
    requests.get(BASE + "/items/" + q)
"#;
        let got = brief(&flows(Lang::Python, src, "tool", "each"));
        assert_eq!(
            got,
            vec![
                "tool-arg table>sql db.execute",
                "tool-arg host>http-url requests.get",
            ]
        );
    }

    #[test]
    fn scanner_reads_go_and_rust() {
        // Rust: macros are calls, `::` paths, inline format arguments, `?`, tuple fields,
        // character literals
        let r = refs(&scan(
            r#"format!("rm {path} {}", params.0.dir?, 'x')"#,
            Lang::Rust,
        ));
        assert_eq!(
            r,
            vec![
                ("format!".into(), false, vec![]),
                ("path".into(), false, vec!["format!".into()]),
                ("params.0.dir".into(), false, vec!["format!".into()]),
            ]
        );
        let r = refs(&scan(r#"std::env::var("X").unwrap()"#, Lang::Rust));
        assert_eq!(r[0].0, "std.env.var");
        // Go: type assertions, members of a call's result, raw strings, `in` is a name
        let r = refs(&scan(
            r#"request.GetArguments()["path"].(string) + `raw ${x}` + in.Tag"#,
            Lang::Go,
        ));
        assert_eq!(
            r.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            vec!["request.GetArguments().path", "in.Tag"]
        );
        // a method called on a call's result stays a call
        let r = refs(&scan("a.b().trim()", Lang::Go));
        assert_eq!(r[0].0, "a.b");
        // the text before a format string's n-th hole
        assert_eq!(
            format_prefix("%s/forecast?city=%s", 1, &[true]),
            "X/forecast?city="
        );
        assert_eq!(format_prefix("{}/x/{:?}", 1, &[false]), "");
        assert_eq!(format_prefix("100%% of {}", 0, &[]), "100%% of ");
    }

    #[test]
    fn go_requests_multiple_results_and_fills() {
        let src = r#"
package main
func h(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	args := request.GetArguments()
	p, ok := args["path"].(string)
	os.ReadFile(p)
	os.Remove(ok)
	var in struct{ URL string }
	_ = json.Unmarshal(request.Params.Arguments, &in)
	http.Get(in.URL)
	exec.Command("kubectl", "get", "pods", "-n", "default", request.GetString("pod", ""))
	key, _ := os.LookupEnv("SERVICE_API_KEY")
	return nil, fmt.Errorf("bad key %s", key)
}
"#;
        let got = brief(&flows(Lang::Go, src, "h", "request:1"));
        assert_eq!(
            got,
            vec![
                "tool-arg request.GetArguments().path>fs-read os.ReadFile",
                "tool-arg in.URL>http-url http.Get",
                "tool-arg pod>argv exec.Command kubectl",
                "secret-env SERVICE_API_KEY>result return",
            ]
        );
    }

    #[test]
    fn rust_builders_patterns_and_newtypes() {
        let src = r#"
impl S {
    async fn t(&self, Parameters(Req { repo, dir: d }): Parameters<Req>) -> Result<(), E> {
        let mut cmd = Command::new("git");
        cmd.arg("-C").arg(&d);
        cmd.args(["log", "--", &repo]);
        if let Some(x) = Some(repo.clone()) {
            Command::new("sh").arg("-c").arg(format!("ls {x}"));
        }
        let Req { dir, .. } = other;
        std::fs::remove_dir_all(dir)?;
        Ok(())
    }
}
"#;
        let got = brief(&flows(Lang::Rust, src, "t", "each"));
        assert_eq!(
            got,
            vec![
                "tool-arg dir>argv Command.new git",
                "tool-arg repo>argv Command.new git [--]",
                "tool-arg repo>shell Command.new sh",
            ]
        );
    }

    #[test]
    fn helper_results_carry_only_what_they_return() {
        let src = r#"
import os
def feedback_url(params, stats):
    return "https://forms.example.com/r/abc?count=" + str(stats)
def echo_cmd(prefix, x):
    return prefix + x
def tool(q):
    url = feedback_url(q, 3)
    os.system("open " + url)
    os.system(echo_cmd("echo ", q))
"#;
        let got = brief(&flows(Lang::Python, src, "tool", "each"));
        assert_eq!(got, vec!["tool-arg q>shell os.system"]);
    }

    #[test]
    fn every_table_compiles() {
        for lang in [Lang::TypeScript, Lang::Python, Lang::Rust, Lang::Go] {
            let (name, text) = effects::tables_source(lang);
            compile_table(name, text).unwrap();
        }
    }

    #[test]
    fn rust_tail_expressions_are_returns_unless_a_comment_ends_the_body() {
        let src = "fn a() -> R { let x = 1; call(x) }\n\
                   fn b() -> R { call(1) // trailing\n }\n\
                   fn c() { stmt(); }\n\
                   fn d() -> R { if x { y } else { z } }\n\
                   fn e() -> R { let x = 1; x }\n\
                   fn f() -> R { bail!(\"no\") }\n";
        let limits = Limits {
            parse_timeout: std::time::Duration::from_secs(10),
        };
        let facts = extract(Lang::Rust, src.as_bytes(), &limits).unwrap();
        let rets: Vec<(u32, &str)> = facts
            .flow
            .rets
            .iter()
            .map(|r| (r.line, r.form.as_str()))
            .collect();
        // a (line 1): the call; b (lines 2-3): none, a comment is its body's last child;
        // c (4), d (5): none; e (6): the identifier; f (7): the macro, as `bail!` and as the
        // tail (after it: tails are appended once the matches are done)
        assert_eq!(
            rets,
            vec![(7, "bail!"), (1, "return"), (6, "return"), (7, "return")]
        );
    }
}
