//! The one table of supported languages: extensions, grammar, embedded queries and prefilter
//! markers. Adding a language is one row here plus `grammars/<lang>/` and `corpus/<lang>/`.

use std::sync::OnceLock;
use tree_sitter::{Language, Query};
use tree_sitter_language::LanguageFn;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    TypeScript,
    Tsx,
    JavaScript,
    Python,
    Rust,
    Go,
}

pub struct LangSpec {
    pub lang: Lang,
    /// Name used in the model (`server.language`).
    pub name: &'static str,
    pub extensions: &'static [&'static str],
    pub grammar: LanguageFn,
    /// Query sources, concatenated into one query.
    pub queries: &'static [&'static str],
    /// Byte strings of which at least one must occur for a file to be parsed.
    pub markers: &'static [&'static str],
}

const JS_QUERIES: &str = include_str!("../../../grammars/javascript/mcp.scm");
const TS_QUERIES: &str = include_str!("../../../grammars/typescript/mcp.scm");
const PY_QUERIES: &str = include_str!("../../../grammars/python/mcp.scm");
const RS_QUERIES: &str = include_str!("../../../grammars/rust/mcp.scm");
const GO_QUERIES: &str = include_str!("../../../grammars/go/mcp.scm");
const JS_EFFECTS: &str = include_str!("../../../grammars/javascript/effects.scm");
const PY_EFFECTS: &str = include_str!("../../../grammars/python/effects.scm");
const RS_EFFECTS: &str = include_str!("../../../grammars/rust/effects.scm");
const GO_EFFECTS: &str = include_str!("../../../grammars/go/effects.scm");
const JS_PATTERNS: &str = include_str!("../../../grammars/javascript/patterns.scm");
const PY_PATTERNS: &str = include_str!("../../../grammars/python/patterns.scm");
const RS_PATTERNS: &str = include_str!("../../../grammars/rust/patterns.scm");
const GO_PATTERNS: &str = include_str!("../../../grammars/go/patterns.scm");
const JS_FLOWS: &str = include_str!("../../../grammars/javascript/flows.scm");
const PY_FLOWS: &str = include_str!("../../../grammars/python/flows.scm");
const RS_FLOWS: &str = include_str!("../../../grammars/rust/flows.scm");
const GO_FLOWS: &str = include_str!("../../../grammars/go/flows.scm");

/// A digest of every embedded grammar query and effect table (and this crate's version): what
/// cached per-file facts and per-root records are keyed by, besides the content.
pub fn grammar_key() -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    for text in [
        JS_QUERIES,
        TS_QUERIES,
        PY_QUERIES,
        RS_QUERIES,
        GO_QUERIES,
        JS_EFFECTS,
        PY_EFFECTS,
        RS_EFFECTS,
        GO_EFFECTS,
        JS_PATTERNS,
        PY_PATTERNS,
        RS_PATTERNS,
        GO_PATTERNS,
        JS_FLOWS,
        PY_FLOWS,
        RS_FLOWS,
        GO_FLOWS,
    ]
    .into_iter()
    .chain(crate::effects::TABLES)
    {
        h.update((text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
    }
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

const JS_MARKERS: &[&str] = &[
    "@modelcontextprotocol/",
    "McpServer",
    "McpAgent",
    "fastmcp",
    "mcp-handler",
    "registerTool",
    "ListToolsRequestSchema",
    "tools/list",
    ".tool(",
    "addTool(",
];
const PY_MARKERS: &[&str] = &[
    "mcp.server",
    "from mcp",
    "import mcp",
    "fastmcp",
    "FastMCP",
    "MCPServer",
    ".tool(",
    ".tool\n",
    ".tool\r",
    "add_tool(",
    "list_tools",
];
const RS_MARKERS: &[&str] = &["rmcp", "tool_router", "#[tool", "ServerHandler"];
const GO_MARKERS: &[&str] = &[
    "mark3labs/mcp-go",
    "modelcontextprotocol/go-sdk",
    "NewTool(",
    "NewMCPServer(",
    "mcp.Tool{",
];

pub static LANGS: &[LangSpec] = &[
    LangSpec {
        lang: Lang::TypeScript,
        name: "typescript",
        extensions: &["ts", "mts", "cts"],
        grammar: tree_sitter_typescript::LANGUAGE_TYPESCRIPT,
        queries: &[JS_QUERIES, TS_QUERIES, JS_EFFECTS, JS_PATTERNS, JS_FLOWS],
        markers: JS_MARKERS,
    },
    LangSpec {
        lang: Lang::Tsx,
        name: "typescript",
        extensions: &["tsx"],
        grammar: tree_sitter_typescript::LANGUAGE_TSX,
        queries: &[JS_QUERIES, TS_QUERIES, JS_EFFECTS, JS_PATTERNS, JS_FLOWS],
        markers: JS_MARKERS,
    },
    LangSpec {
        lang: Lang::JavaScript,
        name: "javascript",
        extensions: &["js", "mjs", "cjs", "jsx"],
        grammar: tree_sitter_javascript::LANGUAGE,
        queries: &[JS_QUERIES, JS_EFFECTS, JS_PATTERNS, JS_FLOWS],
        markers: JS_MARKERS,
    },
    LangSpec {
        lang: Lang::Python,
        name: "python",
        extensions: &["py", "pyi"],
        grammar: tree_sitter_python::LANGUAGE,
        queries: &[PY_QUERIES, PY_EFFECTS, PY_PATTERNS, PY_FLOWS],
        markers: PY_MARKERS,
    },
    LangSpec {
        lang: Lang::Rust,
        name: "rust",
        extensions: &["rs"],
        grammar: tree_sitter_rust::LANGUAGE,
        queries: &[RS_QUERIES, RS_EFFECTS, RS_PATTERNS, RS_FLOWS],
        markers: RS_MARKERS,
    },
    LangSpec {
        lang: Lang::Go,
        name: "go",
        extensions: &["go"],
        grammar: tree_sitter_go::LANGUAGE,
        queries: &[GO_QUERIES, GO_EFFECTS, GO_PATTERNS, GO_FLOWS],
        markers: GO_MARKERS,
    },
];

impl Lang {
    pub fn spec(self) -> &'static LangSpec {
        LANGS
            .iter()
            .find(|s| s.lang == self)
            .expect("every Lang has a row in LANGS")
    }

    pub fn from_path(path: &str) -> Option<Lang> {
        let ext = path.rsplit_once('.')?.1;
        if path.ends_with(".d.ts") {
            return None; // declaration files hold types, never registrations
        }
        LANGS
            .iter()
            .find(|s| s.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
            .map(|s| s.lang)
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The grammar a file of this language is parsed with. JavaScript is parsed with the
    /// TypeScript grammar, which extends it (same node kinds for every JavaScript construct):
    /// one query compiled for both instead of two (a few ms each since the analysis is
    /// skipped, see [`Analysis`]; about 0.1 CPU-s each before).
    pub fn language(self) -> Language {
        self.parse_as().spec().grammar.into()
    }

    /// The language whose grammar and compiled query a file of this language uses.
    fn parse_as(self) -> Lang {
        match self {
            Lang::JavaScript => Lang::TypeScript,
            l => l,
        }
    }

    pub fn is_js_family(self) -> bool {
        matches!(self, Lang::TypeScript | Lang::Tsx | Lang::JavaScript)
    }

    /// The compiled query for this language (compiled once, shared by all threads).
    pub fn query(self) -> &'static Query {
        static CELLS: [OnceLock<Query>; 6] = [const { OnceLock::new() }; 6];
        let lang = self.parse_as();
        let idx = LANGS.iter().position(|s| s.lang == lang).unwrap();
        CELLS[idx].get_or_init(|| {
            compile_query(lang, Analysis::Skip)
                .unwrap_or_else(|e| panic!("embedded query for {lang:?}: {e}"))
        })
    }
}

/// Whether compiling a query runs tree-sitter's analysis of its patterns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Analysis {
    /// `Query::new`: every pattern with child patterns is walked through the grammar's parse
    /// table, which proves some steps complete a match and rejects patterns that can never
    /// match. It was 90% of compiling the embedded queries: 0.2 CPU-s per scan for the four
    /// languages, against ~3 CPU-s for a whole scan of the benchmark tree.
    Check,
    /// `Query::new_unanalyzed` (vendor/tree-sitter's patch): the same matches, the cursor
    /// merely keeps a few more alternative states. The scanner compiles the embedded
    /// queries this way; the test suite compiles them with `Check`.
    Skip,
}

/// Compile the concatenated query sources of a language. Public so tests can report errors.
pub fn compile_query(lang: Lang, analysis: Analysis) -> Result<Query, String> {
    let source = lang.spec().queries.concat();
    let compiled = match analysis {
        Analysis::Check => Query::new(&lang.language(), &source),
        Analysis::Skip => Query::new_unanalyzed(&lang.language(), &source),
    };
    compiled.map_err(|e| {
        format!(
            "{:?} at row {} col {}: {}",
            e.kind,
            e.row + 1,
            e.column + 1,
            e.message
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use streaming_iterator::StreamingIterator;
    use tree_sitter::{Parser, QueryCursor};

    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else {
                out.push(p);
            }
        }
    }

    /// Every match of a query on a tree: pattern, then each capture's name and byte range.
    fn matches(q: &Query, tree: &tree_sitter::Tree, src: &[u8]) -> Vec<String> {
        let mut cursor = QueryCursor::new();
        let mut it = cursor.matches(q, tree.root_node(), src);
        let mut out = Vec::new();
        while let Some(m) = it.next() {
            let caps: Vec<String> = m
                .captures()
                .iter()
                .map(|c| {
                    let r = c.node.byte_range();
                    format!(
                        "@{}={}..{}",
                        q.capture_names()[c.index as usize],
                        r.start,
                        r.end
                    )
                })
                .collect();
            out.push(format!("#{} {}", m.pattern_index, caps.join(" ")));
        }
        out
    }

    /// The queries the scanner compiles without tree-sitter's analysis give exactly the
    /// matches of the analysed ones, in the same order, on every corpus source file.
    #[test]
    fn unanalyzed_queries_match_like_analyzed_ones() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let mut paths = Vec::new();
        files(&corpus, &mut paths);
        paths.sort();
        let mut compared = [0usize; 6];
        let mut total_matches = 0;
        for (i, spec) in LANGS.iter().enumerate() {
            if spec.lang.parse_as() != spec.lang {
                continue; // parsed with another language's grammar and query
            }
            let checked = compile_query(spec.lang, Analysis::Check).unwrap();
            let skipped = compile_query(spec.lang, Analysis::Skip).unwrap();
            assert_eq!(checked.pattern_count(), skipped.pattern_count());
            let mut parser = Parser::new();
            parser.set_language(&spec.lang.language()).unwrap();
            for p in &paths {
                let Some(lang) = Lang::from_path(&p.to_string_lossy()) else {
                    continue;
                };
                // (no corpus file is TSX: its grammar parses the TypeScript and JavaScript ones)
                let tsx = spec.lang == Lang::Tsx && lang.is_js_family();
                if lang.parse_as() != spec.lang && !tsx {
                    continue;
                }
                let src = std::fs::read(p).unwrap();
                let tree = parser.parse(&src, None).unwrap();
                let a = matches(&checked, &tree, &src);
                assert_eq!(a, matches(&skipped, &tree, &src), "{}", p.display());
                compared[i] += 1;
                total_matches += a.len();
            }
        }
        // the corpus has sources of the four languages
        for (i, spec) in LANGS.iter().enumerate() {
            if spec.lang.parse_as() == spec.lang {
                assert!(
                    compared[i] > 3,
                    "{:?}: {} corpus files",
                    spec.lang,
                    compared[i]
                );
            }
        }
        assert!(total_matches > 1000, "{total_matches} matches compared");
    }
}
