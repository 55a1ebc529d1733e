//! Owned, language-neutral values evaluated from expression nodes.
//!
//! Extraction runs per file in parallel, but names, schemas and descriptions are often defined
//! in one file and used in another. So every interesting expression is turned into an owned
//! [`Value`] right away, and resolution across files works on values, never on trees.
//!
//! The evaluator is one function over node kinds. The grammars agree on most kinds
//! (`call_expression` with `function`/`arguments` fields in TS, Rust and Go; `identifier`,
//! `true`, `false` everywhere), so a kind that exists in several grammars is handled once.

use crate::fields::{FieldExt, KindExt};
use mcpsweep_model::Param;
use tree_sitter::Node;

/// Depth bound for evaluation: deeper expressions become [`Value::Expr`].
const MAX_DEPTH: usize = 48;
/// Start depth for call-site arguments: they are evaluated at most this many levels deep
/// (enough for `{ method: "POST" }`, kwargs and URL templates), not whole nested literals.
pub const SITE_ARGS_DEPTH: usize = MAX_DEPTH - 6;
/// Longest expression text kept for [`Value::Expr`] and dynamic names.
pub(crate) const MAX_TEXT: usize = 160;
/// Most elements kept per array/object (hostile files can hold millions).
const MAX_ITEMS: usize = 2000;

#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    /// A string with interpolations (`\`x${y}\``, f-strings): the source text.
    Template(String),
    Num(String),
    Bool(bool),
    Null,
    Array(Vec<Value>),
    /// Object / dict literal, struct or composite literal fields. Keys are literal.
    Object(Vec<(String, Value)>),
    /// An identifier or a dotted path of identifiers: `a`, `a.b.c`, `a::b`.
    Ident(String),
    /// Member access on something that is not a plain path (e.g. a call result).
    Member(Box<Value>, String),
    /// A call, a `new`, or a struct/composite literal (`T{K: v}` becomes `T(K=v)`).
    Call {
        callee: Box<Value>,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
    },
    Spread(Box<Value>),
    Func(Box<FnInfo>),
    /// Anything else: its source text (truncated).
    Expr(String),
}

/// A function, method or lambda, as much as extraction needs of it.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq, Default)]
pub struct FnInfo {
    pub name: Option<String>,
    pub doc: Option<String>,
    pub params: Vec<Param>,
    pub line: u32,
    pub column: u32,
    /// Source text of the parameter list, for diagnostics.
    pub param_text: String,
    /// Byte range of the whole function in its file: calls inside it are its calls.
    pub span: (usize, usize),
}

/// The calls of a method chain, in order: (method, arguments).
pub type Chain<'a> = Vec<(String, &'a [Value])>;

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Look up a key in an object, or a keyword argument of a call. Keys compare after
    /// normalisation (case and `_`/`-` ignored) so `inputSchema`, `input_schema` and
    /// `InputSchema` are one key.
    pub fn get(&self, key: &str) -> Option<&Value> {
        let pairs = match self {
            Value::Object(p) => p,
            Value::Call { kwargs, .. } => kwargs,
            _ => return None,
        };
        pairs.iter().find(|(k, _)| key_eq(k, key)).map(|(_, v)| v)
    }

    /// Dotted name of a callee or identifier: `z.string`, `mcp.NewTool`, `Tool::new`.
    pub fn path(&self) -> Option<&str> {
        match self {
            Value::Ident(s) => Some(s),
            _ => None,
        }
    }

    /// Last segment of a path or member: `NewTool` for `mcp.NewTool`.
    pub fn last_segment(&self) -> Option<&str> {
        match self {
            Value::Ident(s) => Some(s.rsplit(['.', ':']).next().unwrap_or(s)),
            Value::Member(_, m) => Some(m),
            _ => None,
        }
    }

    /// The method chain of a call like `z.string().email().describe("x")`: the root path
    /// (`z`) and every call in order (`string`, `email`, `describe`) with its arguments.
    pub fn chain(&self) -> Option<(String, Chain<'_>)> {
        let mut calls = Vec::new();
        let mut cur = self;
        loop {
            match cur {
                Value::Call { callee, args, .. } => match callee.as_ref() {
                    Value::Member(base, m) => {
                        calls.push((m.clone(), args.as_slice()));
                        cur = base;
                    }
                    Value::Ident(p) => {
                        let (root, last) = match p.rsplit_once('.') {
                            Some((r, l)) => (r.to_string(), l.to_string()),
                            None => (String::new(), p.clone()),
                        };
                        calls.push((last, args.as_slice()));
                        calls.reverse();
                        return Some((root, calls));
                    }
                    _ => return None,
                },
                Value::Member(base, m) => {
                    calls.push((m.clone(), &[][..]));
                    cur = base;
                }
                Value::Ident(p) => {
                    calls.reverse();
                    return Some((p.clone(), calls));
                }
                _ => return None,
            }
        }
    }

    /// A struct field as the extractors record it (Rust, Go and Python class fields):
    /// `field(type=..., description=..., rename=..., optional=...)`.
    pub fn field(kwargs: Vec<(String, Value)>) -> Value {
        Value::Call {
            callee: Box::new(Value::Ident("field".into())),
            args: Vec::new(),
            kwargs,
        }
    }

    /// The identifier heads a value mentions (`a` of `a.b.c`), in arguments, members,
    /// elements and object values; with `callees`, the heads of called paths too
    /// (`ALL.filter(...)` uses `ALL`).
    pub fn heads(&self, callees: bool, out: &mut Vec<String>) {
        self.heads_at(callees, out, 0)
    }

    fn heads_at(&self, callees: bool, out: &mut Vec<String>, depth: usize) {
        if depth > 10 {
            return;
        }
        match self {
            Value::Ident(p) => out.push(p.split('.').next().unwrap_or(p).to_string()),
            Value::Member(b, _) | Value::Spread(b) => b.heads_at(callees, out, depth + 1),
            Value::Array(items) => items
                .iter()
                .for_each(|i| i.heads_at(callees, out, depth + 1)),
            Value::Object(pairs) => pairs
                .iter()
                .for_each(|(_, i)| i.heads_at(callees, out, depth + 1)),
            Value::Call {
                callee,
                args,
                kwargs,
            } => {
                if callees {
                    callee.heads_at(callees, out, depth + 1);
                }
                args.iter()
                    .chain(kwargs.iter().map(|(_, v)| v))
                    .for_each(|i| i.heads_at(callees, out, depth + 1))
            }
            _ => {}
        }
    }

    /// Short source-like rendering, for dynamic names and diagnostics.
    pub fn text(&self) -> String {
        let s = match self {
            Value::Str(s) => format!("{s:?}"),
            Value::Template(t) | Value::Expr(t) | Value::Num(t) | Value::Ident(t) => t.clone(),
            Value::Bool(b) => b.to_string(),
            Value::Null => "null".into(),
            Value::Array(_) => "[...]".into(),
            Value::Object(_) => "{...}".into(),
            Value::Member(b, m) => format!("{}.{m}", b.text()),
            Value::Call { callee, .. } => format!("{}(...)", callee.text()),
            Value::Spread(v) => format!("...{}", v.text()),
            Value::Func(f) => format!("fn {}", f.name.as_deref().unwrap_or("<anonymous>")),
        };
        truncate(&s, MAX_TEXT)
    }

    pub fn is_primitive(&self) -> bool {
        matches!(
            self,
            Value::Str(_) | Value::Num(_) | Value::Bool(_) | Value::Null
        )
    }
}

pub fn norm_key(k: &str) -> String {
    norm_chars(k).collect()
}

fn norm_chars(k: &str) -> impl Iterator<Item = char> + '_ {
    k.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
}

/// `norm_key(a) == norm_key(b)`, without building either.
pub fn key_eq(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        let skip = |c: &u8| *c != b'_' && *c != b'-';
        return a
            .bytes()
            .filter(skip)
            .map(|c| c.to_ascii_lowercase())
            .eq(b.bytes().filter(skip).map(|c| c.to_ascii_lowercase()));
    }
    norm_chars(a).eq(norm_chars(b))
}

pub fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// Evaluates nodes of one source file.
pub struct Eval<'s, 'r> {
    pub src: &'s [u8],
    /// The root of the tree every node evaluated belongs to.
    pub root: Node<'r>,
    /// `src` as text when it is valid UTF-8 (checked once, rather than every node's text on
    /// every call).
    pub text: Option<&'s str>,
}

impl<'s, 'r> Eval<'s, 'r> {
    /// `node`'s ancestors, nearest first: what `node.parent()`, `node.parent().parent()`, ...
    /// return. tree-sitter's `parent()` walks down from the root on every call, so a chain of k
    /// parents costs k walks; this is one (the same steps `ts_node_parent` takes).
    pub fn ancestors(&self, node: Node<'r>) -> Vec<Node<'r>> {
        let mut out = Vec::new();
        let mut cur = self.root;
        if cur.id() == node.id() {
            return out;
        }
        loop {
            out.push(cur);
            match cur.child_with_descendant(node) {
                Some(next) if next.id() != node.id() => cur = next,
                _ => break,
            }
        }
        out.reverse();
        out
    }

    pub fn new(src: &'s [u8], root: Node<'r>) -> Eval<'s, 'r> {
        Eval {
            src,
            root,
            text: std::str::from_utf8(src).ok(),
        }
    }

    /// A node's source text ("" when it is not valid UTF-8).
    pub fn text(&self, node: Node) -> &'s str {
        match self.text {
            // a range that does not fall on character boundaries is not text either
            Some(t) => t.get(node.start_byte()..node.end_byte()).unwrap_or(""),
            None => node.utf8_text(self.src).unwrap_or(""),
        }
    }

    pub fn value(&self, node: Node) -> Value {
        self.value_at(node, 0)
    }

    /// A value evaluated as shallowly as call-site arguments are ([`SITE_ARGS_DEPTH`]).
    pub fn value_shallow(&self, node: Node) -> Value {
        self.value_at(node, SITE_ARGS_DEPTH)
    }

    fn value_at(&self, node: Node, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Expr(truncate(self.text(node), MAX_TEXT));
        }
        let d = depth + 1;
        let child = |name: &str| node.field(name);
        match node.kind_str() {
            // ---- strings
            "string"
            | "string_literal"
            | "interpreted_string_literal"
            | "raw_string_literal"
            | "template_string"
            | "concatenated_string" => self.string(node),
            "string_fragment" | "string_content" => Value::Str(self.text(node).to_string()),
            // ---- scalars
            "number" | "integer" | "float" | "integer_literal" | "float_literal"
            | "int_literal" => Value::Num(self.text(node).to_string()),
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "boolean_literal" => Value::Bool(self.text(node) == "true"),
            "null" | "undefined" | "none" | "nil" | "None" => Value::Null,
            // ---- names and member access
            "identifier"
            | "property_identifier"
            | "shorthand_property_identifier"
            | "type_identifier"
            | "field_identifier"
            | "this"
            | "self"
            | "package_identifier"
            | "qualified_type"
            | "scoped_identifier"
            | "scoped_type_identifier" => Value::Ident(self.text(node).to_string()),
            "member_expression" | "attribute" | "selector_expression" | "field_expression" => {
                let (obj, prop) = match node.kind_str() {
                    "member_expression" => (child("object"), child("property")),
                    "attribute" => (child("object"), child("attribute")),
                    "selector_expression" => (child("operand"), child("field")),
                    _ => (child("value"), child("field")),
                };
                let (Some(obj), Some(prop)) = (obj, prop) else {
                    return self.expr(node);
                };
                let prop = self.text(prop).to_string();
                match self.value_at(obj, d) {
                    Value::Ident(p) => Value::Ident(format!("{p}.{prop}")),
                    other => Value::Member(Box::new(other), prop),
                }
            }
            "subscript_expression" | "subscript" | "index_expression" => self.expr(node),
            // ---- wrappers that do not change the value
            "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "type_assertion"
            | "await_expression"
            | "await"
            | "reference_expression"
            | "unary_expression"
            | "expression_statement"
            | "literal_element"
            | "try_expression" => {
                if node.kind_str() == "unary_expression" {
                    let op = node.field("operator").map(|o| self.text(o));
                    if !matches!(op, Some("&") | Some("*")) {
                        return self.expr(node);
                    }
                }
                match node.named_child(0) {
                    Some(inner) => self.value_at(inner, d),
                    None => self.expr(node),
                }
            }
            // ---- collections
            "array" | "list" | "tuple" | "array_expression" | "tuple_expression"
            | "expression_list" | "set" => Value::Array(
                named_children(node)
                    .filter(|c| !is_comment(*c))
                    .take(MAX_ITEMS)
                    .map(|c| self.value_at(c, d))
                    .collect(),
            ),
            "object" | "dictionary" => Value::Object(self.pairs(node, d)),
            "spread_element" | "list_splat" | "dictionary_splat" => match node.named_child(0) {
                Some(inner) => Value::Spread(Box::new(self.value_at(inner, d))),
                None => self.expr(node),
            },
            // ---- calls and constructions
            "call_expression" | "call" | "new_expression" => {
                let callee = child("function").or_else(|| child("constructor"));
                let Some(callee) = callee else {
                    return self.expr(node);
                };
                let (args, kwargs) = match child("arguments") {
                    Some(a) => self.args(a, d),
                    None => (Vec::new(), Vec::new()),
                };
                // Go generic calls `mcp.WithInputSchema[T]()` keep the generic name.
                Value::Call {
                    callee: Box::new(self.value_at(callee, d)),
                    args,
                    kwargs,
                }
            }
            "composite_literal" | "struct_expression" => {
                let ty = child("type").or_else(|| child("name"));
                let body = child("body");
                let callee = ty
                    .map(|t| Value::Ident(self.text(t).to_string()))
                    .unwrap_or(Value::Null);
                let Some(body) = body else {
                    return self.expr(node);
                };
                let mut args = Vec::new();
                let mut kwargs = Vec::new();
                for el in named_children(body).take(MAX_ITEMS) {
                    match el.kind_str() {
                        "keyed_element" | "field_initializer" => {
                            let (k, v) = if el.kind_str() == "field_initializer" {
                                (child_of(el, "field"), child_of(el, "value"))
                            } else {
                                (el.named_child(0), el.named_child(1))
                            };
                            if let (Some(k), Some(v)) = (k, v) {
                                kwargs.push((self.key_text(k, d), self.value_at(v, d)));
                            }
                        }
                        "shorthand_field_initializer" => {
                            let t = self.text(el).to_string();
                            kwargs.push((t.clone(), Value::Ident(t)));
                        }
                        k if k.ends_with("comment") => {}
                        _ => args.push(self.value_at(el, d)),
                    }
                }
                if kwargs.is_empty() && ty.is_some_and(|t| t.kind_str().contains("slice")) {
                    return Value::Array(args);
                }
                if kwargs.is_empty() && ty.is_none() {
                    return Value::Array(args);
                }
                // Go `map[string]any{"k": v}`: a map literal is an object
                if ty.is_some_and(|t| t.kind_str() == "map_type") && args.is_empty() {
                    return Value::Object(kwargs);
                }
                Value::Call {
                    callee: Box::new(callee),
                    args,
                    kwargs,
                }
            }
            // Go composite literal with its type elided (`{Type: "string"}` inside a map or
            // slice literal): keyed elements make an object, the rest an array.
            "literal_value" => {
                let els: Vec<Node> = named_children(node)
                    .filter(|c| !is_comment(*c))
                    .take(MAX_ITEMS)
                    .collect();
                if !els.is_empty() && els.iter().all(|e| e.kind_str() == "keyed_element") {
                    Value::Object(
                        els.iter()
                            .filter_map(|e| {
                                let (k, v) = (e.named_child(0)?, e.named_child(1)?);
                                Some((self.key_text(k, d), self.value_at(v, d)))
                            })
                            .collect(),
                    )
                } else {
                    Value::Array(els.into_iter().map(|c| self.value_at(c, d)).collect())
                }
            }
            // ---- functions
            "arrow_function"
            | "function_expression"
            | "function"
            | "function_declaration"
            | "lambda"
            | "closure_expression"
            | "func_literal"
            | "function_definition"
            | "function_item"
            | "method_definition"
            | "method_declaration"
            | "generator_function" => Value::Func(Box::new(self.function(node))),
            // ---- string concatenation
            "binary_expression" | "binary_operator" => {
                let op = child("operator").map(|o| self.text(o));
                let (l, r) = (child("left"), child("right"));
                if op == Some("+") {
                    if let (Some(l), Some(r)) = (l, r) {
                        if let (Value::Str(a), Value::Str(b)) =
                            (self.value_at(l, d), self.value_at(r, d))
                        {
                            return Value::Str(a + &b);
                        }
                    }
                }
                self.expr(node)
            }
            // ---- Rust macros: `json!({...})`, `vec![...]`, `concat!(...)`, `schema_for!(T)`
            "macro_invocation" => self.rust_macro(node, d),
            _ => self.expr(node),
        }
    }

    /// A Rust macro call. Its arguments are a token tree, not expressions: JSON-like macros
    /// (`json!`, `object!`) are read as JSON with expression leaves, `vec![a, b]` as an
    /// array of single-token items, `concat!` / `indoc!` of literals as a string, and
    /// `m!(T)` with one path as `Call(m!, [T])`. Anything else is an expression.
    fn rust_macro(&self, node: Node, d: usize) -> Value {
        let name = node.field("macro").map(|m| self.text(m)).unwrap_or("");
        let name = name.rsplit("::").next().unwrap_or(name);
        let Some(tt) = named_children(node).find(|c| c.kind_str() == "token_tree") else {
            return self.expr(node);
        };
        let toks = token_tree_inner(tt);
        match name {
            "json" | "object" => {
                let v = self.tokens_json(&toks, d);
                if matches!(v, Value::Expr(_)) {
                    self.expr(node)
                } else {
                    v
                }
            }
            "vec" => {
                let items = split_tokens(&toks);
                if items.iter().all(|i| i.len() == 1) {
                    Value::Array(
                        items
                            .iter()
                            .take(MAX_ITEMS)
                            .map(|i| self.token_leaf(i[0], d))
                            .collect(),
                    )
                } else {
                    self.expr(node)
                }
            }
            "concat" | "indoc" | "formatdoc" => {
                let mut out = String::new();
                for item in split_tokens(&toks) {
                    match item.as_slice() {
                        [one] => match self.token_leaf(*one, d) {
                            Value::Str(s) => out.push_str(&s),
                            Value::Num(n) => out.push_str(&n),
                            _ => return self.expr(node),
                        },
                        _ => return self.expr(node),
                    }
                }
                if name == "concat" {
                    Value::Str(out)
                } else {
                    Value::Str(dedent(&out))
                }
            }
            _ => match split_tokens(&toks).as_slice() {
                [one]
                    if one.iter().all(|t| {
                        matches!(
                            t.kind_str(),
                            "identifier" | "::" | "crate" | "self" | "super"
                        )
                    }) =>
                {
                    let path: String = one.iter().map(|t| self.text(*t)).collect();
                    Value::Call {
                        callee: Box::new(Value::Ident(format!("{name}!"))),
                        args: vec![Value::Ident(path)],
                        kwargs: Vec::new(),
                    }
                }
                _ => self.expr(node),
            },
        }
    }

    /// The arguments of a Rust macro call (`sqlx::query!("...", id)`, `env!("X")`): the
    /// comma-separated groups of its token tree, one token read as a value, more as text.
    pub fn macro_args(&self, tt: Node) -> Vec<Value> {
        split_tokens(&token_tree_inner(tt))
            .iter()
            .take(MAX_ITEMS)
            .map(|item| self.tokens_json(item, 1))
            .collect()
    }

    /// A JSON value from the tokens of a `json!` argument.
    fn tokens_json(&self, toks: &[Node], d: usize) -> Value {
        match toks {
            [one] => self.token_leaf(*one, d),
            // `-1`
            [minus, n] if self.text(*minus) == "-" && n.kind_str().ends_with("literal") => {
                Value::Num(format!("-{}", self.text(*n)))
            }
            _ => Value::Expr(truncate(
                &toks
                    .iter()
                    .map(|t| self.text(*t))
                    .collect::<Vec<_>>()
                    .join(" "),
                MAX_TEXT,
            )),
        }
    }

    /// One token of a token tree: a literal, a name, or a nested `{...}` / `[...]` group.
    fn token_leaf(&self, t: Node, d: usize) -> Value {
        if d > MAX_DEPTH {
            return self.expr(t);
        }
        match t.kind_str() {
            "token_tree" => {
                let open = t.child(0).map(|c| self.text(c)).unwrap_or("");
                let inner = token_tree_inner(t);
                match open {
                    "{" => {
                        let mut pairs = Vec::new();
                        for item in split_tokens(&inner).into_iter().take(MAX_ITEMS) {
                            let Some(colon) = item.iter().position(|x| self.text(*x) == ":") else {
                                continue;
                            };
                            let key = match &item[..colon] {
                                [k] => match self.token_leaf(*k, d + 1) {
                                    Value::Str(s) | Value::Ident(s) => s,
                                    other => other.text(),
                                },
                                ks => ks.iter().map(|x| self.text(*x)).collect(),
                            };
                            pairs.push((key, self.tokens_json(&item[colon + 1..], d + 1)));
                        }
                        Value::Object(pairs)
                    }
                    "[" => Value::Array(
                        split_tokens(&inner)
                            .into_iter()
                            .take(MAX_ITEMS)
                            .map(|item| self.tokens_json(&item, d + 1))
                            .collect(),
                    ),
                    _ => self.tokens_json(&inner, d + 1),
                }
            }
            "identifier" => match self.text(t) {
                "null" => Value::Null,
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                s => Value::Ident(s.to_string()),
            },
            _ => self.value_at(t, d + 1),
        }
    }

    fn expr(&self, node: Node) -> Value {
        Value::Expr(truncate(self.text(node), MAX_TEXT))
    }

    /// The key of a keyed element / field initializer: a field name, or a literal map key
    /// (`"username"` without its quotes).
    fn key_text(&self, k: Node, d: usize) -> String {
        match self.value_at(k, d) {
            Value::Str(s) | Value::Ident(s) | Value::Num(s) => s,
            _ => self.text(k).to_string(),
        }
    }

    /// Pairs of an object literal or dictionary.
    fn pairs(&self, node: Node, d: usize) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        for c in named_children(node).take(MAX_ITEMS) {
            match c.kind_str() {
                "pair" => {
                    let (Some(k), Some(v)) = (c.field("key"), c.field("value")) else {
                        continue;
                    };
                    let key = match self.value_at(k, d) {
                        Value::Str(s) => s,
                        Value::Ident(s) | Value::Num(s) => s,
                        _ => format!("[{}]", self.text(k)),
                    };
                    out.push((key, self.value_at(v, d)));
                }
                "shorthand_property_identifier" => {
                    let t = self.text(c).to_string();
                    out.push((t.clone(), Value::Ident(t)));
                }
                "method_definition" => {
                    let name = c
                        .field("name")
                        .map(|n| self.text(n).to_string())
                        .unwrap_or_default();
                    out.push((name, Value::Func(Box::new(self.function(c)))));
                }
                "spread_element" | "dictionary_splat" => {
                    out.push(("...".into(), self.value_at(c, d)));
                }
                _ => {}
            }
        }
        out
    }

    /// Positional and keyword arguments of an argument list.
    pub fn args(&self, node: Node, d: usize) -> (Vec<Value>, Vec<(String, Value)>) {
        let mut args = Vec::new();
        let mut kwargs = Vec::new();
        for c in named_children(node).take(MAX_ITEMS) {
            match c.kind_str() {
                "keyword_argument" => {
                    if let (Some(k), Some(v)) = (c.field("name"), c.field("value")) {
                        kwargs.push((self.text(k).to_string(), self.value_at(v, d)));
                    }
                }
                // Go composite literal body as arguments (`http.Server{Addr: ":8080"}`)
                "keyed_element" => {
                    if let (Some(k), Some(v)) = (c.named_child(0), c.named_child(1)) {
                        kwargs.push((self.key_text(k, d), self.value_at(v, d)));
                    }
                }
                k if k.ends_with("comment") => {}
                _ => args.push(self.value_at(c, d)),
            }
        }
        (args, kwargs)
    }

    /// Evaluate a string node: the literal text with escapes decoded, or a template.
    fn string(&self, node: Node) -> Value {
        match node.kind_str() {
            "concatenated_string" => {
                let mut out = String::new();
                for c in named_children(node) {
                    match self.string(c) {
                        Value::Str(s) => out.push_str(&s),
                        _ => return self.template(node),
                    }
                }
                return Value::Str(out);
            }
            "raw_string_literal" => {
                // Go `...` or Rust r#"..."#
                let t = self.text(node);
                if let Some(inner) = t.strip_prefix('`').and_then(|t| t.strip_suffix('`')) {
                    return Value::Str(inner.to_string());
                }
                let inner: String = named_children(node)
                    .filter(|c| c.kind_str() == "string_content")
                    .map(|c| self.text(c))
                    .collect();
                return Value::Str(inner);
            }
            _ => {}
        }
        let mut out = String::new();
        let mut saw_part = false;
        let mut cursor = node.walk();
        for c in node.children(&mut cursor) {
            match c.kind_str() {
                "string_fragment"
                | "string_content"
                | "interpreted_string_literal_content"
                | "raw_string_literal_content" => {
                    saw_part = true;
                    out.push_str(self.text(c));
                }
                "escape_sequence" => {
                    saw_part = true;
                    out.push_str(&unescape(self.text(c)));
                }
                "template_substitution" | "interpolation" => return self.template(node),
                _ => {}
            }
        }
        if !saw_part {
            // Some grammars expose no content child for simple strings.
            let t = self.text(node);
            let t = t.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            for q in ["\"\"\"", "'''", "\"", "'", "`"] {
                if let Some(inner) = t.strip_prefix(q).and_then(|t| t.strip_suffix(q)) {
                    return Value::Str(inner.to_string());
                }
            }
        }
        Value::Str(out)
    }

    fn template(&self, node: Node) -> Value {
        Value::Template(truncate(self.text(node), MAX_TEXT))
    }

    /// Function information: name, parameters and documentation (per grammar).
    pub fn function(&self, node: Node) -> FnInfo {
        let p = node.start_position();
        let name = node.field("name").map(|n| self.text(n).to_string());
        let params_node = node.field("parameters");
        let mut info = FnInfo {
            name,
            line: p.row as u32 + 1,
            column: p.column as u32 + 1,
            span: (node.start_byte(), node.end_byte()),
            param_text: params_node
                .map(|n| truncate(self.text(n), MAX_TEXT))
                .unwrap_or_default(),
            ..Default::default()
        };
        if let Some(params) = params_node {
            info.params = self.params(params);
        } else if let Some(single) = node.field("parameter") {
            // JS arrow function with one bare parameter
            info.params.push(Param {
                name: self.text(single).to_string(),
                ty: None,
                required: None,
                description: None,
            });
        }
        info.doc = self.doc(node);
        info
    }

    fn params(&self, node: Node) -> Vec<Param> {
        let mut out = Vec::new();
        for c in named_children(node) {
            let kind = c.kind_str();
            if matches!(
                kind,
                "parameter_declaration" | "variadic_parameter_declaration"
            ) {
                // Go: `a, b int` declares two parameters, `func(context.Context, In)` none
                // by name; keep one entry per position.
                let ty = c.field("type").map(|t| self.text(t).to_string());
                let names: Vec<String> = {
                    let mut cur = c.walk();
                    c.children_by_field_name("name", &mut cur)
                        .map(|n| self.text(n).to_string())
                        .collect()
                };
                let names = if names.is_empty() {
                    vec!["_".to_string()]
                } else {
                    names
                };
                for name in names {
                    out.push(Param {
                        name,
                        ty: ty.clone(),
                        required: Some(true),
                        description: None,
                    });
                }
                continue;
            }
            let (name, ty, default) = match kind {
                // Python
                "identifier" => (Some(c), None, None),
                "typed_parameter" => (c.named_child(0), c.field("type"), None),
                "default_parameter" => (c.field("name"), None, c.field("value")),
                "typed_default_parameter" => (c.field("name"), c.field("type"), c.field("value")),
                // TypeScript
                "required_parameter" | "optional_parameter" => {
                    (c.field("pattern"), c.field("type"), c.field("value"))
                }
                "assignment_pattern" => (c.field("left"), None, c.field("right")),
                // Rust / Go
                "parameter" => (c.field("pattern"), c.field("type"), None),
                "parameter_declaration" => (c.field("name"), c.field("type"), None),
                "self_parameter" | "list_splat_pattern" | "dictionary_splat_pattern" => continue,
                // Python `*` / `/` markers and comments are not parameters
                "keyword_separator" | "positional_separator" | "comment" => continue,
                _ => (Some(c), None, None),
            };
            let Some(name) = name else { continue };
            if matches!(
                name.kind_str(),
                "list_splat_pattern" | "dictionary_splat_pattern"
            ) {
                continue; // Python `*args: str`, `**kw: Any`
            }
            let ty_text = ty.map(|t| self.text(t).trim_start_matches(':').trim().to_string());
            let mut required = default.is_none() && kind != "optional_parameter";
            let mut description = None;
            // pydantic `Field(...)` as the default or in `Annotated[T, Field(...)]` metadata
            // (Python): its description, and whether it gives a default.
            let metadata = ty
                .map(|t| self.py_annotated_metadata(t))
                .unwrap_or_default();
            for m in default.into_iter().chain(metadata.iter().copied()) {
                if let Some((has_default, desc)) = self.py_field(m) {
                    if Some(m) == default {
                        required = !has_default;
                    } else if has_default {
                        required = false;
                    }
                    description = description.or(desc);
                } else if Some(m) != default && description.is_none() {
                    // `Annotated[str, "text"]`
                    if let Value::Str(s) = self.value(m) {
                        description = Some(s);
                    }
                }
            }
            out.push(Param {
                name: self.text(name).to_string(),
                ty: ty_text,
                required: Some(required),
                description,
            });
        }
        out
    }

    /// The annotated fields of a Python class body (`name: T`, `name: T = default`,
    /// `name: T = Field(...)`, `name: Annotated[T, Field(...)]`) as an object of
    /// `field(type=..., description=..., optional=..., rename=...)` values, the shape
    /// struct fields have in every language.
    pub fn py_class_fields(&self, class: Node) -> Value {
        let mut fields = Vec::new();
        // base classes first, under a key no field can have (`class S(FastMCP)`)
        if let Some(sup) = class.field("superclasses") {
            let bases: Vec<Value> = named_children(sup)
                .filter(|b| matches!(b.kind_str(), "identifier" | "attribute"))
                .map(|b| self.value(b))
                .collect();
            if !bases.is_empty() {
                fields.push(("(bases)".to_string(), Value::Array(bases)));
            }
        }
        let Some(body) = class.field("body") else {
            return Value::Object(fields);
        };
        for stmt in named_children(body).take(MAX_ITEMS) {
            let Some(a) = stmt.named_child(0).filter(|a| a.kind_str() == "assignment") else {
                continue;
            };
            let (Some(left), Some(ty)) = (a.field("left"), a.field("type")) else {
                continue;
            };
            if left.kind_str() != "identifier" {
                continue;
            }
            let name = self.text(left).to_string();
            if name.starts_with('_') || self.text(ty).starts_with("ClassVar") {
                continue;
            }
            let default = a.field("right");
            let mut optional = default.is_some();
            let mut kwargs = vec![("type".to_string(), Value::Str(self.text(ty).to_string()))];
            let mut desc = None;
            let mut alias = None;
            let metadata = self.py_annotated_metadata(ty);
            for m in default.into_iter().chain(metadata.iter().copied()) {
                if let Some((has_default, d)) = self.py_field(m) {
                    if Some(m) == default {
                        optional = has_default;
                    } else if has_default {
                        optional = true;
                    }
                    desc = desc.or(d);
                    alias = alias.or_else(|| self.py_kwarg_str(m, "alias"));
                }
            }
            if let Some(d) = desc {
                kwargs.push(("description".into(), Value::Str(d)));
            }
            if let Some(a) = alias {
                kwargs.push(("rename".into(), Value::Str(a)));
            }
            kwargs.push(("optional".into(), Value::Bool(optional)));
            fields.push((name, Value::field(kwargs)));
        }
        Value::Object(fields)
    }

    /// A string keyword argument of a call node.
    fn py_kwarg_str(&self, call: Node, key: &str) -> Option<String> {
        let args = call.field("arguments")?;
        named_children(args).find_map(|a| {
            if a.kind_str() != "keyword_argument"
                || a.field("name").map(|k| self.text(k)) != Some(key)
            {
                return None;
            }
            match self.value(a.field("value")?) {
                Value::Str(s) => Some(s),
                _ => None,
            }
        })
    }

    /// The metadata expressions of a Python `Annotated[T, m1, m2]` type (empty otherwise).
    fn py_annotated_metadata<'t>(&self, ty: Node<'t>) -> Vec<Node<'t>> {
        let mut cur = ty;
        while cur.kind_str() == "type" {
            match cur.named_child(0) {
                Some(c) => cur = c,
                None => return Vec::new(),
            }
        }
        let (head, args): (Option<Node>, Vec<Node>) = match cur.kind_str() {
            // Annotated[str, Field(...)]
            "generic_type" => (
                cur.named_child(0),
                cur.named_child(1)
                    .map(|tp| named_children(tp).collect())
                    .unwrap_or_default(),
            ),
            // typing.Annotated[str, Field(...)]
            "subscript" => (
                cur.field("value"),
                (0..cur.named_child_count())
                    .filter_map(|i| cur.named_child(i as u32))
                    .skip(1)
                    .collect(),
            ),
            _ => return Vec::new(),
        };
        let is_annotated = head.is_some_and(|h| {
            let t = self.text(h);
            t == "Annotated" || t.ends_with(".Annotated")
        });
        if !is_annotated {
            return Vec::new();
        }
        args.into_iter()
            .skip(1)
            .map(|a| {
                if a.kind_str() == "type" {
                    a.named_child(0).unwrap_or(a)
                } else {
                    a
                }
            })
            .collect()
    }

    /// A pydantic `Field(...)` call: (gives a default, description). `Field(...)` and
    /// `Field(description=...)` give none; `Field(3)`, `Field(default=...)`,
    /// `Field(default_factory=...)` do.
    fn py_field(&self, node: Node) -> Option<(bool, Option<String>)> {
        if node.kind_str() != "call" {
            return None;
        }
        let f = self.text(node.field("function")?);
        if f != "Field" && !f.ends_with(".Field") {
            return None;
        }
        let args = node.field("arguments")?;
        let mut has_default = false;
        let mut desc = None;
        for (i, a) in named_children(args).enumerate() {
            match a.kind_str() {
                "keyword_argument" => {
                    let k = a.field("name").map(|k| self.text(k));
                    let v = a.field("value");
                    match k {
                        Some("default") => has_default |= v.is_some_and(|v| self.text(v) != "..."),
                        Some("default_factory") => has_default = true,
                        Some("description") => {
                            if let Some(Value::Str(s)) = v.map(|v| self.value(v)) {
                                desc = Some(s);
                            }
                        }
                        _ => {}
                    }
                }
                k if k.ends_with("comment") => {}
                _ if i == 0 => has_default |= self.text(a) != "...",
                _ => {}
            }
        }
        Some((has_default, desc))
    }

    /// Documentation of a definition: a Python docstring, or the comments right above it
    /// (`///` in Rust, `//` in Go, `/** */` JSDoc in JS/TS).
    pub fn doc(&self, node: Node) -> Option<String> {
        if node.kind_str() == "function_definition" {
            let body = node.field("body")?;
            let first = body.named_child(0)?;
            if first.kind_str() == "expression_statement" {
                let s = first.named_child(0)?;
                if s.kind_str() == "string" {
                    if let Value::Str(d) = self.string(s) {
                        return Some(clean_docstring(&d));
                    }
                }
            }
            return None;
        }
        // Comments directly above (skipping attributes / decorators).
        let mut lines = Vec::new();
        let mut cur = node.prev_sibling();
        while let Some(c) = cur {
            match c.kind_str() {
                "line_comment" | "comment" | "block_comment" => {
                    let t = self.text(c);
                    if t.starts_with("///") || t.starts_with("/**") || t.starts_with("//") {
                        lines.push(t);
                    } else {
                        break;
                    }
                }
                "attribute_item" | "decorator" => {}
                _ => break,
            }
            cur = c.prev_sibling();
        }
        if lines.is_empty() {
            return None;
        }
        lines.reverse();
        let mut out = Vec::new();
        for l in lines {
            if l.starts_with("/**") || l.starts_with("/*") {
                for inner in l
                    .trim_start_matches("/**")
                    .trim_start_matches("/*")
                    .trim_end_matches("*/")
                    .lines()
                {
                    let t = inner.trim().trim_start_matches('*').trim();
                    if t.starts_with('@') {
                        break; // JSDoc tags are not description
                    }
                    out.push(t.to_string());
                }
            } else if let Some(rest) = l.strip_prefix("///") {
                out.push(
                    rest.strip_prefix(' ')
                        .unwrap_or(rest)
                        .trim_end()
                        .to_string(),
                );
            } else if let Some(rest) = l.strip_prefix("//") {
                out.push(rest.trim().to_string());
            }
        }
        let joined = out.join("\n").trim().to_string();
        (!joined.is_empty()).then_some(joined)
    }
}

/// Clean a docstring like Python's `inspect.cleandoc`.
pub fn clean_docstring(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let indent = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i == 0 {
            out.push(l.trim().to_string());
        } else {
            out.push(
                l.get(indent..)
                    .unwrap_or(l.trim_start())
                    .trim_end()
                    .to_string(),
            );
        }
    }
    out.join("\n").trim().to_string()
}

fn unescape(esc: &str) -> String {
    match esc {
        "\\n" => "\n".into(),
        "\\t" => "\t".into(),
        "\\r" => "\r".into(),
        "\\0" => "\0".into(),
        "\\\\" => "\\".into(),
        "\\\"" => "\"".into(),
        "\\'" => "'".into(),
        "\\`" => "`".into(),
        _ => {
            let hex = esc
                .trim_start_matches("\\u")
                .trim_start_matches("\\x")
                .trim_start_matches("\\U")
                .trim_matches(['{', '}']);
            if esc.len() > 2 {
                if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                    return c.to_string();
                }
            }
            // Line continuations and unknown escapes: keep the character after the backslash.
            esc.trim_start_matches('\\')
                .trim_start_matches(['\n', '\r'])
                .to_string()
        }
    }
}

pub fn named_children(node: Node) -> impl Iterator<Item = Node> {
    (0..node.named_child_count()).filter_map(move |i| node.named_child(i as u32))
}

#[inline]
fn child_of<'t>(node: Node<'t>, field: &str) -> Option<Node<'t>> {
    node.field(field)
}

fn is_comment(n: Node) -> bool {
    n.kind_str().ends_with("comment")
}

/// The tokens of a Rust token tree without its delimiters.
fn token_tree_inner(tt: Node) -> Vec<Node> {
    let n = tt.child_count();
    (1..n.saturating_sub(1))
        .filter_map(|i| tt.child(i))
        .filter(|c| !c.kind_str().ends_with("comment"))
        .collect()
}

/// Tokens split at top-level commas (a trailing comma gives no empty item).
fn split_tokens<'t>(toks: &[Node<'t>]) -> Vec<Vec<Node<'t>>> {
    let mut out = vec![Vec::new()];
    for t in toks {
        if t.kind_str() == "," {
            out.push(Vec::new());
        } else {
            out.last_mut().unwrap().push(*t);
        }
    }
    out.retain(|i| !i.is_empty());
    out
}

/// Remove the common leading whitespace of the lines (Rust `indoc!`).
fn dedent(s: &str) -> String {
    let s = s.strip_prefix('\n').unwrap_or(s);
    let indent = s
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    s.lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_eq_agrees_with_norm_key() {
        let keys = [
            "inputSchema",
            "input_schema",
            "InputSchema",
            "input-schema",
            "input_schemas",
            "readOnlyHint",
            "read_only_hint",
            "READONLYHINT",
            "",
            "_",
            "-_-",
            "Ünïcode_Key",
            "ünïcodekey",
            "ÜNÏCODE-KEY",
            "İstanbul",
            "i̇stanbul",
            "ß",
            "SS",
        ];
        for a in keys {
            for b in keys {
                assert_eq!(key_eq(a, b), norm_key(a) == norm_key(b), "{a:?} vs {b:?}");
            }
        }
        assert!(key_eq("inputSchema", "input_schema"));
        assert!(!key_eq("inputSchema", "outputSchema"));
    }
}
