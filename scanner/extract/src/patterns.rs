//! Code-pattern observations (`@pattern.<kind>` in `grammars/<lang>/patterns.scm`): a path
//! checked against a directory by string prefix, a token verified without audience, TLS
//! verification turned off, a CORS wildcard. The query says where; what the query alone
//! cannot decide is said by `#set!` properties and checked here, generically, on the text of
//! the captured operands and of their local bindings (`const p = path.resolve(x)`,
//! `let s = p.to_string_lossy()`, `for d in allowed_dirs`, a typed parameter `root: &str`).
//! No node kind of one grammar is named here: bindings are found through the field names
//! the grammars share (`left`/`name`/`pattern` bound to `right`/`value`/`type`).

use crate::fields::{FieldExt, KindExt};
use crate::value::{named_children, truncate, Eval};
use mcpsweep_model::Observation;
use regex::Regex;
use std::cell::RefCell;
use std::collections::HashMap;
use tree_sitter::{Node, Query, QueryMatch};

/// Named classes a property may give instead of a regex. Each regex is tested against the
/// operand's text and bindings, followed by the same text split into lower-case words
/// (`allowedDirectories` → `allowed directories`), one per line.
const CLASSES: &[(&str, &str)] = &[
    // a name that says it holds a file system path or directory
    (
        "path-like",
        r"\b(path|paths|filepath|filepaths|dir|dirs|dirname|directory|directories|folder|folders|root|roots|rootdir|basedir|basepath|allowed|resolved|real|realpath|abs|absolute|abspath|canonical|canonicalize|canonicalized|workspace|workdir|sandbox|cwd)\b",
    ),
    // a name that says it holds something else than a directory on disk: a URL or an HTTP
    // request part, a module or namespace path, a search filter
    (
        "not-a-directory",
        r"\b(url|urls|uri|uris|href|http|https|route|routes|endpoint|endpoints|origin|origins|host|hostname|pathname|scheme|protocol|req|request|mime|module|modules|namespace|import|filter|filters|query|search|pattern|glob)\b",
    ),
    // a directory separator appended or compared: the prefix check is component-safe
    (
        "separator",
        r#"(path|os|os\.path)\.sep\b|\bsep\b|[Ss]eparator|MAIN_SEPARATOR|["'`]/["'`]|["'`]\\\\["'`]|/["'`]|\\\\["'`]"#,
    ),
    // Rust: an expression or declared type that is a `str` / `String` (its `starts_with` is a
    // string prefix), not a `Path` (whose `starts_with` compares whole components)
    (
        "string-typed",
        concat!(
            // a declared type
            r"(?m)^(&\s*('\w+\s+)?(mut\s+)?str|String|Cow<'\w+,\s*str>)$",
            // an expression ending in a conversion to a string, then error handling
            // (`p.to_str().ok_or(err)?`, `p.to_string_lossy().into_owned()`)
            r"|\.(to_str|to_string_lossy|to_string|as_str|into_string|display\(\)\.to_string)\(\)",
            r"(\?|\.(unwrap|expect|ok_or|ok_or_else|context|with_context|unwrap_or|unwrap_or_else|unwrap_or_default|map_err|as_ref|into_owned|to_owned|to_string)",
            r"\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\))*;?$",
            r"|^String::from\(|^format!\(",
        ),
    ),
];

/// An observation waiting for the file's imports (`#set! import`).
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub obs: Observation,
    pub import: Option<&'static str>,
    /// Byte offset of the pattern (test-code ranges are dropped by it).
    pub byte: usize,
}

thread_local! {
    static REGEXES: RefCell<HashMap<String, Option<Regex>>> = RefCell::new(HashMap::new());
}

/// Does the regex (or named class) `spec` match `text`? An invalid regex matches nothing.
fn re_match(spec: &str, text: &str) -> bool {
    let pat = CLASSES
        .iter()
        .find(|(n, _)| *n == spec)
        .map(|(_, r)| *r)
        .unwrap_or(spec);
    REGEXES.with(|c| {
        let mut c = c.borrow_mut();
        let re = c
            .entry(pat.to_string())
            .or_insert_with(|| Regex::new(pat).ok());
        re.as_ref().is_some_and(|re| re.is_match(text))
    })
}

/// `allowedDirectories`, `ALLOWED_DIRS`, `os.path.realpath(root)` → lower-case words.
fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit()) {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
        prev = Some(c);
    }
    out
}

/// The text a property regex is tested against: the texts, then their words.
fn context(parts: &[String]) -> String {
    let raw = parts
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n");
    let w = words(&raw);
    format!("{raw}\n{w}")
}

fn is_pattern_capture(name: &str) -> bool {
    name.strip_prefix("pattern.")
        .is_some_and(|k| !matches!(k, "subject" | "arg"))
}

/// Is this match one of `patterns.scm`?
pub fn is_pattern(m: &QueryMatch, names: &[&str]) -> bool {
    m.captures()
        .iter()
        .any(|c| is_pattern_capture(names[c.index as usize]))
}

/// Check a pattern match against its properties; the observation when it holds.
pub fn observe(
    ev: &Eval,
    query: &'static Query,
    m: &QueryMatch,
    root: Node,
    index: &mut Option<Index>,
) -> Option<Pending> {
    let names = query.capture_names();
    let (kind, node) = m.captures().iter().find_map(|c| {
        let n = names[c.index as usize];
        is_pattern_capture(n).then(|| (&n["pattern.".len()..], c.node))
    })?;
    let cap = |name: &str| {
        m.captures()
            .iter()
            .find(|c| names[c.index as usize] == name)
            .map(|c| c.node)
    };
    let props = query.property_settings(m.pattern_index);
    let prop = |k: &str| -> Option<&'static str> {
        props
            .iter()
            .find(|p| &*p.key == k)
            .and_then(|p| p.value.as_deref())
    };
    if let Some(re) = prop("unless_file") {
        if re_match(re, std::str::from_utf8(ev.src).unwrap_or("")) {
            return None;
        }
    }
    let subject = cap("pattern.subject");
    let arg = cap("pattern.arg");
    if subject.is_some() || arg.is_some() {
        index.get_or_insert_with(|| Index::build(ev, root));
    }
    let index = &*index;
    let bind = |n: Node| index.as_ref().and_then(|i| i.lookup(ev, n));
    let subj_ctx = subject.map(|s| {
        let mut parts = vec![ev.text(s).to_string()];
        parts.extend(bind(s).map(|b| b.text));
        context(&parts)
    });
    let mut arg_known = true;
    let arg_ctx = arg.map(|a| {
        let mut parts = vec![ev.text(a).to_string()];
        match bind(a) {
            Some(b) => {
                arg_known = b.valued;
                parts.push(b.text);
            }
            None => arg_known = !is_name(ev.text(a)),
        }
        // names inside the argument (`options=opts`, `{ ...base }`): their bindings too
        for c in named_children(a).take(16) {
            let inner = c.field("value").unwrap_or(c);
            if inner != a && is_name(ev.text(inner)) {
                parts.extend(bind(inner).map(|b| b.text));
            }
        }
        context(&parts)
    });
    if let Some(re) = prop("subject") {
        if !subj_ctx.as_deref().is_some_and(|t| re_match(re, t)) {
            return None;
        }
    }
    if let Some(re) = prop("arg") {
        if !arg_ctx.as_deref().is_some_and(|t| re_match(re, t)) {
            return None;
        }
    }
    if let Some(re) = prop("not") {
        if subj_ctx
            .iter()
            .chain(arg_ctx.iter())
            .any(|t| re_match(re, t))
        {
            return None;
        }
    }
    if prop("known") == Some("arg") && !arg_known {
        return None; // an options object whose content is not known here
    }
    if let Some(re) = prop("present") {
        if !arg_ctx.as_deref().is_some_and(|t| re_match(re, t)) {
            return None;
        }
    }
    if let Some(re) = prop("absent") {
        // the prefix's own text and bindings, the condition the call is part of
        // (`p === dir || p.startsWith(dir + sep)`, `... && p[dir.length] === "/"`), and the
        // subject's binding (a separator appended to the path tested: the author saw the
        // problem, the prefixes are made the same way elsewhere)
        let cond = condition(node).map(|c| ev.text(c).to_string());
        let t = format!(
            "{}\n{}\n{}",
            arg_ctx.as_deref().unwrap_or(""),
            cond.as_deref().unwrap_or(""),
            subj_ctx.as_deref().unwrap_or("")
        );
        if re_match(re, &t) {
            return None;
        }
    }
    // a method called at the end of a builder chain written over several lines
    // (`Client::builder()\n.danger_accept_invalid_certs(true)`) is reported at its name
    let from = method_of_chain(node).unwrap_or(node);
    let p = from.start_position();
    let mut text = detail(ev, node, from.start_byte(), prop("redact"));
    if from != node {
        text.insert(0, '.');
    }
    Some(Pending {
        obs: Observation {
            kind: kind.to_string(),
            detail: text,
            file: String::new(),
            line: p.row as u32 + 1,
            column: p.column as u32 + 1,
        },
        import: prop("import"),
        byte: node.start_byte(),
    })
}

/// Keep the pending observations whose `import` regex matches one of the file's imports
/// (or the observed code itself, a fully qualified `jsonwebtoken::Validation::new`).
pub fn finish(pending: Vec<Pending>, imports: &[crate::facts::Import]) -> Vec<Observation> {
    let mut out: Vec<Observation> = pending
        .into_iter()
        .filter(|p| {
            p.import.is_none_or(|re| {
                imports.iter().any(|i| re_match(re, &i.source)) || re_match(re, &p.obs.detail)
            })
        })
        .map(|p| p.obs)
        .collect();
    out.sort();
    out.dedup_by(|a, b| a.kind == b.kind && a.line == b.line && a.column == b.column);
    out
}

/// A plain name or a dotted member (`allowedDir`, `this.root`, `self.allowed_dirs`, `&root`).
fn is_name(t: &str) -> bool {
    let t = t.trim_start_matches(['&', '*']).trim_start_matches("mut ");
    !t.is_empty()
        && t.split(['.', ':']).filter(|s| !s.is_empty()).all(|s| {
            s.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        })
        && !t.starts_with(|c: char| c.is_ascii_digit())
}

struct Binding {
    text: String,
    /// Bound to a value (an assignment or a loop), not just declared (a parameter).
    valued: bool,
}

fn is_function_like(n: Node) -> bool {
    let k = n.kind_str();
    // `function_*`, Go `func_literal`, methods, Rust closures, Python lambdas, JS arrows
    ["func", "method", "closure", "lambda", "arrow"]
        .iter()
        .any(|w| k.contains(w))
        && !k.contains("call")
}

/// Where the names of one file are bound: built once per file, on the first pattern match
/// that needs it (one walk of the tree), then looked up by name.
#[derive(Default)]
pub struct Index {
    /// name → assignments, declarations, loops and typed parameters binding it
    assigns: HashMap<String, Vec<Assign>>,
    /// name → parameters of functions and closures
    params: HashMap<String, Vec<Param>>,
}

struct Assign {
    start: usize,
    text: String,
    valued: bool,
}

struct Param {
    span: (usize, usize),
    text: String,
}

/// Nodes walked to build one file's index at most (hostile input).
const INDEX_BUDGET: usize = 2_000_000;

fn tokens(t: &str, sep: impl Fn(char) -> bool) -> Vec<&str> {
    let mut v: Vec<&str> = t.split(sep).filter(|w| !w.is_empty()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

impl Index {
    /// Bindings are nodes with a `left`/`name`/`pattern` field bound to
    /// `right`/`value`/`type` (an assignment or declaration, a loop over a collection, a typed
    /// parameter; not a binary expression, whose operator is no assignment), and the
    /// parameters of functions (for a closure passed to a call, with the call: what it
    /// iterates, `dirs.some(d => ...)` → `dirs.some`).
    pub fn build(ev: &Eval, root: Node) -> Index {
        let mut idx = Index::default();
        let mut stack = vec![root];
        let mut budget = INDEX_BUDGET;
        while let Some(n) = stack.pop() {
            let Some(b) = budget.checked_sub(1) else {
                break;
            };
            budget = b;
            // a leaf has no fields: nothing to bind, no children to visit
            if n.child_count() == 0 {
                continue;
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
            let assigns = n.field("operator").is_none_or(|o| {
                let op = ev.text(o);
                op.ends_with('=') && !matches!(op, "==" | "!=" | "<=" | ">=" | "===" | "!==")
            });
            if let Some(l) = ["left", "name", "pattern"]
                .iter()
                .filter(|_| assigns)
                .find_map(|f| n.field(f))
            {
                let lt = ev.text(l);
                let fields: Vec<&str> = ["type", "right", "value"]
                    .iter()
                    .filter_map(|f| n.field(f))
                    .map(|v| ev.text(v))
                    .collect();
                if lt.len() < 120 && !fields.is_empty() {
                    let text = fields.join("\n");
                    let valued = n.field("right").is_some() || n.field("value").is_some();
                    let sep = |c: char| ",()[]{}|:".contains(c) || c.is_whitespace();
                    for t in tokens(lt, sep) {
                        idx.assigns.entry(t.to_string()).or_default().push(Assign {
                            start: n.start_byte(),
                            text: text.clone(),
                            valued,
                        });
                    }
                    continue;
                }
            }
            if is_function_like(n) {
                let Some(ps) = n.field("parameters").or_else(|| n.field("parameter")) else {
                    continue;
                };
                let call = n
                    .parent()
                    .and_then(|a| a.parent())
                    .and_then(|c| c.field("function"))
                    .map(|f| ev.text(f));
                let ident = |c: char| !(c.is_alphanumeric() || c == '_' || c == '$');
                // each name with the one parameter that binds it (`tag: str`), not its
                // siblings; a bare single parameter (`d => ...`) is its own text
                let mut parts: Vec<&str> = named_children(ps).map(|p| ev.text(p)).collect();
                if parts.is_empty() {
                    parts.push(ev.text(ps));
                }
                for pt in parts {
                    let text = match call {
                        Some(f) => format!("{pt}\n{f}"),
                        None => pt.to_string(),
                    };
                    for t in tokens(pt, ident) {
                        idx.params.entry(t.to_string()).or_default().push(Param {
                            span: (n.start_byte(), n.end_byte()),
                            text: text.clone(),
                        });
                    }
                }
            }
        }
        idx
    }

    /// Where the name the node holds is bound, nearest enclosing function first, then the
    /// file: the last binding before the use, else the first after it (a generator's
    /// `for d in dirs` follows its expression), else a parameter.
    fn lookup(&self, ev: &Eval, node: Node) -> Option<Binding> {
        let full = ev.text(node).trim_start_matches(['&', '*']).trim();
        if !is_name(full) {
            return None;
        }
        let last = full.rsplit(['.', ':']).next().unwrap_or(full);
        let mut scopes: Vec<(usize, usize)> = Vec::new();
        let mut up = node.parent();
        let mut root = node;
        while let Some(p) = up {
            if is_function_like(p) {
                scopes.push((p.start_byte(), p.end_byte()));
            }
            root = p;
            up = p.parent();
        }
        scopes.push((root.start_byte(), root.end_byte()));
        let at = node.start_byte();
        let none: Vec<Assign> = Vec::new();
        for (i, &(s, e)) in scopes.iter().enumerate() {
            let file_level = i + 1 == scopes.len();
            let mut cands: Vec<&Assign> = self.assigns.get(full).unwrap_or(&none).iter().collect();
            if file_level && last != full {
                cands.extend(self.assigns.get(last).unwrap_or(&none));
            }
            let within = |b: &&&Assign| s <= b.start && b.start < e && b.start != at;
            let before = cands
                .iter()
                .filter(within)
                .filter(|b| b.start < at)
                .max_by_key(|b| b.start);
            let after = cands
                .iter()
                .filter(within)
                .filter(|b| b.start > at)
                .min_by_key(|b| b.start);
            if let Some(b) = before.or(after) {
                return Some(Binding {
                    text: b.text.clone(),
                    valued: b.valued,
                });
            }
            let param = self
                .params
                .get(full)
                .into_iter()
                .flatten()
                .filter(|p| s <= p.span.0 && p.span.1 <= e && p.span.0 <= at && at < p.span.1)
                .max_by_key(|p| p.span.0);
            if let Some(p) = param {
                return Some(Binding {
                    text: p.text.clone(),
                    valued: false,
                });
            }
        }
        None
    }
}

/// The method name of a call on a receiver written over several lines.
fn method_of_chain(node: Node) -> Option<Node> {
    let f = node.field("function")?;
    let name = ["field", "property", "attribute"]
        .iter()
        .find_map(|k| f.field(k))?;
    (name.start_position().row != node.start_position().row).then_some(name)
}

/// The largest boolean expression the node is part of (`a || b.startsWith(c)`).
fn condition(node: Node) -> Option<Node> {
    let mut top = None;
    let mut up = node.parent();
    while let Some(p) = up {
        let k = p.kind_str();
        if [
            "binary",
            "boolean",
            "parenthesized",
            "unary",
            "not_operator",
            "comparison",
        ]
        .iter()
        .any(|w| k.contains(w))
        {
            top = Some(p);
            up = p.parent();
        } else {
            break;
        }
    }
    top
}

/// The code as written from `start`, on one line and truncated; the arguments named by `redact`
/// (positions and keyword names: a verification key) and secret-looking literals replaced.
fn detail(ev: &Eval, node: Node, start: usize, redact: Option<&str>) -> String {
    let mut cuts: Vec<(usize, usize, &str)> = Vec::new();
    if let Some(spec) = redact {
        let want: Vec<&str> = spec.split_whitespace().collect();
        if let Some(args) = node.field("arguments") {
            for (i, a) in named_children(args)
                .filter(|a| !a.kind_str().contains("comment"))
                .enumerate()
            {
                let kw = a.field("name").filter(|_| a.field("value").is_some());
                let hit = match kw {
                    Some(k) => want.contains(&ev.text(k)),
                    None => want.contains(&i.to_string().as_str()),
                };
                if hit {
                    let v = a.field("value").unwrap_or(a);
                    cuts.push((v.start_byte(), v.end_byte(), "…"));
                }
            }
        }
    }
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n.kind_str().contains("comment") {
            cuts.push((n.start_byte(), n.end_byte(), ""));
            continue;
        }
        if n.kind_str().contains("string") && !n.kind_str().contains("content") {
            let t = ev.text(n).trim_matches(|c| "\"'`rbfuRBFU#".contains(c));
            if crate::effects::secret_kind(None, t).is_some() {
                cuts.push((n.start_byte(), n.end_byte(), "\"[redacted]\""));
            }
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    cuts.sort();
    let mut out = String::new();
    let mut pos = start;
    for (s, e, with) in cuts {
        if s < pos {
            continue; // nested in a cut already made
        }
        out.push_str(&String::from_utf8_lossy(&ev.src[pos..s]));
        out.push_str(with);
        pos = e;
    }
    out.push_str(&String::from_utf8_lossy(&ev.src[pos..node.end_byte()]));
    let one_line = out
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" .", ".");
    truncate(&one_line, 120)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_names() {
        assert_eq!(words("allowedDirectories").trim(), "allowed directories");
        assert_eq!(words("ALLOWED_DIRS").trim(), "allowed dirs");
        assert_eq!(
            words("os.path.realpath(root)").trim(),
            "os path realpath root"
        );
    }

    #[test]
    fn classes_compile() {
        for (name, re) in CLASSES {
            assert!(Regex::new(re).is_ok(), "class {name}");
        }
        assert!(re_match("separator", "dir + path.sep"));
        assert!(re_match("separator", "`${dir}/`"));
        assert!(!re_match("separator", "path.resolve(dir)"));
        assert!(re_match("string-typed", "&str"));
        assert!(re_match("string-typed", "p.to_string_lossy()"));
        assert!(re_match("string-typed", "p.to_str().unwrap()"));
        assert!(!re_match("string-typed", "&Path"));
        assert!(!re_match("string-typed", "p.canonicalize()?"));
        assert!(re_match(
            "string-typed",
            "p.as_os_str().to_str().ok_or(std::io::Error::new(Kind::InvalidInput, \"x\"))?"
        ));
        assert!(!re_match(
            "string-typed",
            "PathBuf::from(s.to_string()).join(x)"
        ));
    }
}
