//! Field lookup by name without tree-sitter's per-call name search.
//!
//! `Node::child_by_field_name` resolves the name on every call
//! (`ts_language_field_id_for_name`: a linear `strncmp` over the grammar's field names). The
//! field names the extractor uses are resolved here once per grammar into a table; a call
//! with a literal name folds to a table index at compile time, and only the node's grammar is
//! looked up at run time. A name outside the table, or a node of a grammar not in [`LANGS`],
//! falls back to `child_by_field_name` (same result, only slower).

use crate::lang::LANGS;
use std::sync::OnceLock;
use tree_sitter::{Language, Node};

macro_rules! field_names {
    ($($name:literal),* $(,)?) => {
        const NAMES: &[&str] = &[$($name),*];

        /// Index of `name` in [`NAMES`]: a `match` on string literals, which the compiler
        /// folds away when `name` is a constant and the call is inlined.
        #[inline(always)]
        fn index(name: &str) -> Option<usize> {
            let mut i = 0usize;
            $(
                if name == $name {
                    return Some(i);
                }
                i += 1;
            )*
            let _ = i;
            None
        }
    };
}

field_names!(
    "name",
    "value",
    "type",
    "left",
    "right",
    "pattern",
    "arguments",
    "function",
    "parameters",
    "parameter",
    "body",
    "property",
    "key",
    "operator",
    "object",
    "field",
    "operand",
    "macro",
    "alias",
    "tag",
    "superclasses",
    "constructor",
    "attribute",
    "trait",
    "return_type",
    "decorator",
    "index",
    "condition",
    "module_name",
    "source",
    "path",
    "list",
);

/// One grammar's ids for [`NAMES`] (0 = the grammar has no such field) and its node kind
/// names by kind id.
struct Table {
    language: Language,
    ids: [u16; NAMES.len()],
    kinds: Vec<Box<str>>,
}

fn tables() -> &'static [Table] {
    static TABLES: OnceLock<Vec<Table>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut out: Vec<Table> = Vec::new();
        for spec in LANGS {
            let language: Language = spec.grammar.into();
            if out.iter().any(|t| t.language == language) {
                continue;
            }
            let mut ids = [0u16; NAMES.len()];
            for (id, name) in ids.iter_mut().zip(NAMES) {
                *id = language.field_id_for_name(name).map_or(0, |f| f.get());
            }
            let kinds = (0..language.node_kind_count() as u16)
                .map(|id| language.node_kind_for_id(id).unwrap_or("").into())
                .collect();
            out.push(Table {
                language,
                ids,
                kinds,
            });
        }
        out
    })
}

/// The table of a node's grammar (`None` for a grammar outside [`LANGS`]).
fn table_of(node: &Node) -> Option<&'static Table> {
    let language = node.language();
    tables().iter().find(|t| t.language == *language)
}

pub trait FieldExt<'t> {
    /// `child_by_field_name(name)`, with the name resolved once per grammar.
    fn field(&self, name: &str) -> Option<Node<'t>>;
}

impl<'t> FieldExt<'t> for Node<'t> {
    #[inline(always)]
    fn field(&self, name: &str) -> Option<Node<'t>> {
        match index(name) {
            Some(i) => by_index(*self, i, name),
            None => self.child_by_field_name(name),
        }
    }
}

#[inline(never)]
fn by_index<'t>(node: Node<'t>, i: usize, name: &str) -> Option<Node<'t>> {
    match table_of(&node) {
        Some(t) => match t.ids[i] {
            0 => None,
            id => node.child_by_field_id(id),
        },
        None => node.child_by_field_name(name),
    }
}

pub trait KindExt<'t> {
    /// `Node::kind()` from a per-grammar table: no `strlen` and UTF-8 check on every call.
    fn kind_str(&self) -> &'t str;
}

impl<'t> KindExt<'t> for Node<'t> {
    #[inline]
    fn kind_str(&self) -> &'t str {
        match table_of(self).and_then(|t| t.kinds.get(self.kind_id() as usize)) {
            Some(name) => name,
            // ERROR and other built-in symbols, a grammar outside LANGS
            None => self.kind(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn field_matches_child_by_field_name() {
        let src = "const x = f(a, b); obj.m(1);";
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&Lang::TypeScript.language()).unwrap();
        let tree = parser.parse(src, None).unwrap();
        let mut stack = vec![tree.root_node()];
        let mut seen = 0;
        while let Some(n) = stack.pop() {
            for name in NAMES.iter().chain(&["no_such_field"]) {
                assert_eq!(n.field(name), n.child_by_field_name(name), "{name}");
                seen += n.field(name).is_some() as usize;
            }
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
        assert!(seen > 5);
    }

    #[test]
    fn kind_str_matches_kind_in_every_grammar() {
        // aliased nodes (TS `property_identifier`), anonymous tokens and ERROR nodes included
        let cases = [
            (
                Lang::TypeScript,
                "const x = f(a, b); obj.m(1); class A { m() {} } @@ (",
            ),
            (Lang::Tsx, "const e = <div a={1}>t</div>; )("),
            (Lang::JavaScript, "import x from 'y'; x?.y[0] ?? z; }{"),
            (Lang::Python, "@d\ndef f(a: int = 1):\n    return {**a}\n)"),
            (
                Lang::Rust,
                "#[tool] fn f(&self) -> R { let S { a, .. } = s; m!(x) } ]",
            ),
            (Lang::Go, "package p\nfunc f() { x := T{A: 1}; go g() } }}"),
        ];
        for (lang, src) in cases {
            let mut parser = tree_sitter::Parser::new();
            parser.set_language(&lang.language()).unwrap();
            let tree = parser.parse(src, None).unwrap();
            let mut stack = vec![tree.root_node()];
            let (mut seen, mut errors) = (0, 0);
            while let Some(n) = stack.pop() {
                assert_eq!(n.kind_str(), n.kind(), "{lang:?} {src}");
                seen += 1;
                errors += n.is_error() as usize;
                let mut c = n.walk();
                stack.extend(n.children(&mut c));
            }
            assert!(
                seen > 10 && errors > 0,
                "{lang:?}: {seen} nodes, {errors} errors"
            );
        }
    }
}
