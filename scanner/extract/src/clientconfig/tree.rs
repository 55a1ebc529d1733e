//! One small value tree for the three config syntaxes (JSON with comments, TOML, YAML), with
//! the 1-based line of every node, so each client's reader is written once against it.
//!
//! Parse errors name the line and column and the parser's message, never the text around them
//! (a malformed line may hold a secret).

use std::borrow::Cow;

/// Nesting deeper than this is refused (hostile input; no client config nests this deep).
pub const MAX_DEPTH: usize = 128;
/// Nodes in one document (YAML aliases can multiply a small file).
const MAX_NODES: usize = 200_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub line: u32,
    pub v: V,
}

#[derive(Debug, Clone, PartialEq)]
pub enum V {
    Null,
    Bool(bool),
    /// Numbers, dates and other scalars, as written.
    Num(String),
    Str(String),
    Arr(Vec<Node>),
    Obj(Vec<(String, Node)>),
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.v {
            V::Obj(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn str(&self) -> Option<&str> {
        match &self.v {
            V::Str(s) => Some(s),
            _ => None,
        }
    }
    /// A scalar as text (strings, numbers, booleans).
    pub fn scalar(&self) -> Option<Cow<'_, str>> {
        match &self.v {
            V::Str(s) | V::Num(s) => Some(Cow::Borrowed(s)),
            V::Bool(b) => Some(Cow::Owned(b.to_string())),
            _ => None,
        }
    }
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Node::str)
    }
    pub fn obj(&self) -> Option<&[(String, Node)]> {
        match &self.v {
            V::Obj(m) => Some(m),
            _ => None,
        }
    }
    pub fn arr(&self) -> Option<&[Node]> {
        match &self.v {
            V::Arr(a) => Some(a),
            _ => None,
        }
    }
    pub fn bool(&self) -> Option<bool> {
        match &self.v {
            V::Bool(b) => Some(*b),
            V::Str(s) if s == "true" => Some(true),
            V::Str(s) if s == "false" => Some(false),
            _ => None,
        }
    }
    fn count(&self) -> usize {
        1 + match &self.v {
            V::Arr(a) => a.iter().map(Node::count).sum(),
            V::Obj(m) => m.iter().map(|(_, n)| n.count()).sum(),
            _ => 0,
        }
    }
}

/// Byte offset → 1-based line.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        let mut v = vec![0];
        v.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines(v)
    }
    fn line(&self, offset: usize) -> u32 {
        (self.0.partition_point(|&s| s <= offset)) as u32
    }
    fn col(&self, text: &str, offset: usize) -> usize {
        let start = self.0[self.line(offset) as usize - 1];
        text.get(start..offset.min(text.len()))
            .map(|s| s.chars().count() + 1)
            .unwrap_or(1)
    }
}

/// JSON, with comments, trailing commas and the other JSONC liberties VS Code accepts.
pub fn json(text: &str) -> Result<Node, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parsed = jsonc_parser::parse_to_ast(
        text,
        &jsonc_parser::CollectOptions::default(),
        // what VS Code's JSONC accepts: comments and trailing commas, nothing looser
        &jsonc_parser::ParseOptions {
            allow_comments: true,
            allow_trailing_commas: true,
            allow_loose_object_property_names: false,
            allow_missing_commas: false,
            allow_single_quoted_strings: false,
            allow_hexadecimal_numbers: false,
            allow_unary_plus_numbers: false,
            allow_bare_decimal_point_numbers: false,
            allow_non_finite_numbers: false,
            allow_extended_string_escapes: false,
        },
    )
    .map_err(|e| {
        format!(
            "invalid JSON at line {} column {}: {}",
            e.line_display(),
            e.column_display(),
            e.kind()
        )
    })?;
    let lines = Lines::new(text);
    let Some(value) = parsed.value else {
        return Err("invalid JSON at line 1 column 1: empty document".into());
    };
    let node = from_jsonc(&value, &lines, 0)?;
    Ok(node)
}

fn from_jsonc(
    v: &jsonc_parser::ast::Value<'_>,
    lines: &Lines,
    depth: usize,
) -> Result<Node, String> {
    use jsonc_parser::ast::Value as J;
    let start = match v {
        J::StringLit(s) => s.range.start,
        J::NumberLit(n) => n.range.start,
        J::BooleanLit(b) => b.range.start,
        J::Object(o) => o.range.start,
        J::Array(a) => a.range.start,
        J::NullKeyword(n) => n.range.start,
    };
    let line = lines.line(start);
    if depth > MAX_DEPTH {
        return Err(format!(
            "not analysed: nesting deeper than {MAX_DEPTH} levels at line {line}"
        ));
    }
    let v = match v {
        J::StringLit(s) => V::Str(s.value.to_string()),
        J::NumberLit(n) => V::Num(n.value.to_string()),
        J::BooleanLit(b) => V::Bool(b.value),
        J::NullKeyword(_) => V::Null,
        J::Array(a) => V::Arr(
            a.elements
                .iter()
                .map(|e| from_jsonc(e, lines, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        J::Object(o) => {
            let mut m = Vec::with_capacity(o.properties.len());
            for p in &o.properties {
                let mut n = from_jsonc(&p.value, lines, depth + 1)?;
                // an entry's line is its key's line
                n.line = lines.line(p.range.start);
                m.push((p.name.as_str().to_string(), n));
            }
            V::Obj(m)
        }
    };
    Ok(Node { line, v })
}

/// TOML.
pub fn toml(text: &str) -> Result<Node, String> {
    let lines = Lines::new(text);
    let doc = toml::de::DeTable::parse(text).map_err(|e| {
        let (line, col) = e
            .span()
            .map(|s| (lines.line(s.start), lines.col(text, s.start)))
            .unwrap_or((1, 1));
        format!(
            "invalid TOML at line {line} column {col}: {}",
            first_line(e.message())
        )
    })?;
    let line = lines.line(doc.span().start);
    from_toml_table(doc.get_ref(), line, &lines, 0)
}

fn from_toml_table(
    t: &toml::de::DeTable<'_>,
    line: u32,
    lines: &Lines,
    depth: usize,
) -> Result<Node, String> {
    if depth > MAX_DEPTH {
        return Err(format!(
            "not analysed: nesting deeper than {MAX_DEPTH} levels at line {line}"
        ));
    }
    let mut m = Vec::with_capacity(t.len());
    for (k, v) in t.iter() {
        let mut n = from_toml(v.get_ref(), lines.line(v.span().start), lines, depth + 1)?;
        n.line = n.line.min(lines.line(k.span().start)).max(1);
        m.push((k.get_ref().to_string(), n));
    }
    Ok(Node { line, v: V::Obj(m) })
}

fn from_toml(
    v: &toml::de::DeValue<'_>,
    line: u32,
    lines: &Lines,
    depth: usize,
) -> Result<Node, String> {
    use toml::de::DeValue as T;
    let v = match v {
        T::String(s) => V::Str(s.to_string()),
        T::Integer(i) => V::Num(i.to_string()),
        T::Float(f) => V::Num(f.to_string()),
        T::Boolean(b) => V::Bool(*b),
        T::Datetime(d) => V::Num(d.to_string()),
        T::Array(a) => {
            if depth > MAX_DEPTH {
                return Err(format!(
                    "not analysed: nesting deeper than {MAX_DEPTH} levels at line {line}"
                ));
            }
            V::Arr(
                a.iter()
                    .map(|e| from_toml(e.get_ref(), lines.line(e.span().start), lines, depth + 1))
                    .collect::<Result<_, _>>()?,
            )
        }
        T::Table(t) => return from_toml_table(t, line, lines, depth),
    };
    Ok(Node { line, v })
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("").trim()
}

/// YAML: the first document. Built from the parser's events without recursion; aliases are
/// expanded within a node budget.
pub fn yaml(text: &str) -> Result<Node, String> {
    use saphyr_parser::{Event, Parser, ScalarStyle};
    enum Frame {
        Seq(u32, usize, Vec<Node>),
        Map(u32, usize, Vec<(String, Node)>, Option<(String, u32)>),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: std::collections::HashMap<usize, Node> = Default::default();
    let mut nodes = 0usize;
    let mut done: Option<Node> = None;
    let err = |e: saphyr_parser::ScanError| {
        format!(
            "invalid YAML at line {} column {}: {}",
            e.marker().line(),
            e.marker().col() + 1,
            first_line(e.info())
        )
    };
    // Place a finished node into its parent (or finish the document).
    fn place(
        stack: &mut [Frame],
        anchors: &mut std::collections::HashMap<usize, Node>,
        anchor: usize,
        node: Node,
        done: &mut Option<Node>,
    ) {
        if anchor > 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => *done = Some(node),
            Some(Frame::Seq(_, _, items)) => items.push(node),
            Some(Frame::Map(_, _, entries, key)) => match key.take() {
                None => {
                    let k = node.scalar().map(|s| s.into_owned()).unwrap_or_default();
                    *key = Some((k, node.line));
                }
                // an entry's line is its key's line
                Some((k, line)) => entries.push((k, Node { line, v: node.v })),
            },
        }
    }
    for ev in Parser::new_from_str(text) {
        let (ev, span) = ev.map_err(err)?;
        let line = span.start.line() as u32;
        nodes += 1;
        if nodes > MAX_NODES {
            return Err("not analysed: YAML document too large".into());
        }
        match ev {
            Event::SequenceStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!(
                        "not analysed: nesting deeper than {MAX_DEPTH} levels at line {line}"
                    ));
                }
                stack.push(Frame::Seq(line, anchor, Vec::new()))
            }
            Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!(
                        "not analysed: nesting deeper than {MAX_DEPTH} levels at line {line}"
                    ));
                }
                stack.push(Frame::Map(line, anchor, Vec::new(), None))
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match stack.pop() {
                    Some(Frame::Seq(l, a, items)) => (
                        Node {
                            line: l,
                            v: V::Arr(items),
                        },
                        a,
                    ),
                    Some(Frame::Map(l, a, entries, _)) => (
                        Node {
                            line: l,
                            v: V::Obj(entries),
                        },
                        a,
                    ),
                    None => continue,
                };
                place(&mut stack, &mut anchors, anchor, node, &mut done);
            }
            Event::Scalar(s, style, anchor, tag) => {
                let plain = matches!(style, ScalarStyle::Plain) && tag.is_none();
                let v = if plain {
                    match s.as_ref() {
                        "~" | "null" | "Null" | "NULL" | "" => V::Null,
                        "true" | "True" | "TRUE" => V::Bool(true),
                        "false" | "False" | "FALSE" => V::Bool(false),
                        t if t.parse::<f64>().is_ok() => V::Num(t.to_string()),
                        _ => V::Str(s.into_owned()),
                    }
                } else {
                    V::Str(s.into_owned())
                };
                place(
                    &mut stack,
                    &mut anchors,
                    anchor,
                    Node { line, v },
                    &mut done,
                );
            }
            Event::Alias(id) => {
                let node = anchors
                    .get(&id)
                    .cloned()
                    .unwrap_or(Node { line, v: V::Null });
                nodes += node.count();
                if nodes > MAX_NODES {
                    return Err("not analysed: YAML aliases expand past the size limit".into());
                }
                place(
                    &mut stack,
                    &mut anchors,
                    0,
                    Node { line, ..node },
                    &mut done,
                );
            }
            Event::DocumentEnd if done.is_some() => break,
            _ => {}
        }
        if done.is_some() && stack.is_empty() {
            // the first document is complete; later documents are not read
            break;
        }
    }
    Ok(done.unwrap_or(Node {
        line: 1,
        v: V::Null,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonc_with_comments_and_trailing_commas() {
        let n = json("{\n // c\n \"a\": {\n  \"b\": [1, \"x\",],\n },\n}\n").unwrap();
        let a = n.get("a").unwrap();
        assert_eq!(a.line, 3);
        assert_eq!(a.get("b").unwrap().arr().unwrap()[1].str(), Some("x"));
    }

    #[test]
    fn json_error_has_line_and_no_text() {
        let e = json("{\n \"a\": 1,\n \"b\": ghp_SECRETVALUE\n}").unwrap_err();
        assert!(e.starts_with("invalid JSON at line 3"), "{e}");
        assert!(!e.contains("SECRETVALUE"), "{e}");
    }

    #[test]
    fn toml_lines_and_errors() {
        let n = toml("x = 1\n\n[mcp_servers.docs]\ncommand = \"npx\"\n").unwrap();
        let d = n.get("mcp_servers").unwrap().get("docs").unwrap();
        assert_eq!(d.line, 3);
        assert_eq!(d.get("command").unwrap().line, 4);
        let e = toml("a = 1\nb = = 2\n").unwrap_err();
        assert!(e.starts_with("invalid TOML at line 2"), "{e}");
    }

    #[test]
    fn yaml_lines_anchors_and_errors() {
        let n = yaml(
            "base: &b\n  cmd: npx\nservers:\n  - name: a\n    <<: *b\n  - name: b\n    port: 3\n",
        )
        .unwrap();
        let s = n.get("servers").unwrap().arr().unwrap();
        assert_eq!(s[1].line, 6);
        assert_eq!(s[1].get("port").unwrap().line, 7);
        assert_eq!(s[0].get("<<").unwrap().get_str("cmd"), Some("npx"));
        let e = yaml("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(e.starts_with("invalid YAML at line"), "{e}");
        let deep = format!("{}1{}", "[".repeat(1000), "]".repeat(1000));
        assert!(yaml(&deep).is_err());
        assert!(json(&deep).is_err());
    }

    #[test]
    fn yaml_billion_laughs_is_bounded() {
        let mut s = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in 'b'..='k' {
            s.push_str(&format!("{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = c;
        }
        assert!(yaml(&s).is_err());
    }
}
