//! Per-file facts: run the language's one compiled query over a parsed file and map captures
//! to owned facts through the capture vocabulary of `grammars/README.md`.

use crate::lang::Lang;
use crate::value::{named_children, truncate, Eval, FnInfo, Value};
use std::cell::RefCell;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};
use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, ParseOptions, Parser, QueryCursor, QueryCursorOptions};

/// What one file contributes. Everything is owned: trees do not outlive extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileFacts {
    pub imports: Vec<Import>,
    pub servers: Vec<ServerFact>,
    pub regs: Vec<RegFact>,
    pub symbols: Vec<(String, Value)>,
    pub mounts: Vec<MountFact>,
    /// First syntax error (line, column), when the file did not parse cleanly.
    pub syntax_error: Option<(u32, u32)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub source: String,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
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
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq)]
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
    let ev = Eval { src };
    let mut facts = FileFacts::default();
    if root.has_error() {
        facts.syntax_error = first_error(root);
    }
    let query = lang.query();
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
            if let Some(node) = cap("import") {
                if let Some(src_node) = cap("import.source") {
                    let s = match ev.value(src_node) {
                        Value::Str(s) => s,
                        _ => ev.text(src_node).trim_matches(['"', '`', '\'']).to_string(),
                    };
                    facts.imports.push(Import {
                        source: s,
                        line: line_of(node),
                    });
                }
            } else if let Some(node) = cap("server") {
                let (args, kwargs) = match cap("server.args") {
                    Some(a) => ev.args(a, 0),
                    None => (Vec::new(), Vec::new()),
                };
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
                let (mut args, kwargs) = match cap("reg.args") {
                    Some(a) => ev.args(a, 0),
                    None => (Vec::new(), Vec::new()),
                };
                if let Some(v) = cap("reg.value") {
                    args.insert(0, ev.value(v));
                }
                let func = cap("reg.fn").map(|f| ev.function(f));
                let items = match cap("reg.handler") {
                    Some(h) => list_items(&ev, h),
                    None => Vec::new(),
                };
                let attr = cap("reg.fn").and_then(|f| rust_attribute(&ev, f, prop("attr")?));
                if prop("attr").is_some() && attr.is_none() {
                    continue; // a method without the required attribute
                }
                let receiver = cap("reg.receiver")
                    .map(|n| ev.text(n).to_string())
                    .or_else(|| enclosing_receiver(&ev, node));
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
                    line: p.row as u32 + 1,
                    column: p.column as u32 + 1,
                });
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
                let mut key = ev.text(name).to_string();
                if let Some(scope) = cap("symbol.scope") {
                    key = format!("{}.{key}", ev.text(scope));
                }
                facts.symbols.push((key, symbol_value(&ev, value)));
            }
        }
        drop(matches);
        if timed_out.get() {
            return Err(ExtractError::QueryTimeout(budget));
        }
        Ok(())
    })?;
    Ok(facts)
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
    match node.kind() {
        "enum_body" => {
            let mut pairs = Vec::new();
            for c in named_children(node) {
                match c.kind() {
                    "enum_assignment" => {
                        if let (Some(n), Some(v)) = (
                            c.child_by_field_name("name"),
                            c.child_by_field_name("value"),
                        ) {
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
        "class_definition" | "function_definition" | "function_declaration" => ev.value(node),
        _ => ev.value(node),
    }
}

/// The name a constructed value is bound to: `const x = …`, `x = …`, `x := …`,
/// `let x = …`, a class field `server = new McpServer(...)`, `self.x = …`.
fn binding_name(ev: &Eval, node: Node) -> Option<String> {
    let mut cur = node;
    for _ in 0..4 {
        let parent = cur.parent()?;
        let named = match parent.kind() {
            "variable_declarator" => parent.child_by_field_name("name"),
            "assignment_expression" | "assignment" | "augmented_assignment" => {
                parent.child_by_field_name("left")
            }
            "public_field_definition" | "field_definition" => parent
                .child_by_field_name("name")
                .or_else(|| parent.child_by_field_name("property")),
            "short_var_declaration" | "assignment_statement" => parent
                .child_by_field_name("left")
                .and_then(|l| l.named_child(0)),
            "var_spec" | "const_spec" => parent.child_by_field_name("name"),
            "let_declaration" => parent.child_by_field_name("pattern"),
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
                if parent.kind() == "call_expression" && cur.kind() != "arguments" {
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

/// For a definition inside a registration call (`s.AddTool(mcp.NewTool(...), h)`), the
/// receiver of that call.
fn enclosing_receiver(ev: &Eval, node: Node) -> Option<String> {
    let mut cur = node;
    for _ in 0..6 {
        let parent = cur.parent()?;
        if matches!(parent.kind(), "call_expression" | "call") {
            let f = parent.child_by_field_name("function")?;
            let obj = match f.kind() {
                "member_expression" | "attribute" => f.child_by_field_name("object"),
                "selector_expression" => f.child_by_field_name("operand"),
                "field_expression" => f.child_by_field_name("value"),
                _ => None,
            };
            if let Some(obj) = obj {
                return Some(ev.text(obj).to_string());
            }
            // go-sdk `mcp.AddTool(srv, &mcp.Tool{...}, h)`: the server is the first argument.
            if ev.text(f).ends_with("AddTool") {
                let args = parent.child_by_field_name("arguments")?;
                return args.named_child(0).map(|a| ev.text(a).to_string());
            }
        }
        if matches!(
            parent.kind(),
            "function_declaration" | "function_definition" | "method_declaration" | "function_item"
        ) {
            return None;
        }
        cur = parent;
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
        if n.kind() == "pair" {
            let key = n.child_by_field_name("key").map(|k| ev.text(k));
            if matches!(key, Some("tools") | Some("\"tools\"") | Some("'tools'")) {
                if let Some(v) = n.child_by_field_name("value") {
                    out.push(ev.value(v));
                    continue;
                }
            }
        }
        if n.kind() == "identifier" && n.parent().is_some_and(|p| p.kind() == "arguments") {
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
        match c.kind() {
            "attribute_item" => {
                if let Some(attr) = c.named_child(0) {
                    let path = attr.named_child(0).map(|p| ev.text(p)).unwrap_or("");
                    let last = path.rsplit("::").next().unwrap_or(path);
                    if last == name {
                        return Some(match attr.child_by_field_name("arguments") {
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
        if k.kind() == "identifier" {
            let key = ev.text(k).to_string();
            let next = kids.get(i + 1);
            if next.is_some_and(|n| ev.text(*n) == "=") {
                // value: the tokens up to the next comma
                let mut j = i + 2;
                let mut parts = Vec::new();
                while j < kids.len() && ev.text(kids[j]) != "," && kids[j].kind() != ")" {
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
            } else if next.is_some_and(|n| n.kind() == "token_tree") {
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
    match n.kind() {
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
