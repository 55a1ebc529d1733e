//! Queries compile against their grammars, and every capture name they use is in the
//! vocabulary of grammars/README.md.

use crate::common::repo;
use mcpsweep_extract::lang::{compile_query, Analysis, LANGS};

#[test]
fn queries_compile_and_use_only_the_vocabulary() {
    let readme = std::fs::read_to_string(repo().join("grammars/README.md")).unwrap();
    let vocabulary: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("| `@"))
        .filter_map(|l| l.split('`').next())
        .collect();
    assert!(
        vocabulary.len() > 10,
        "vocabulary table not found in grammars/README.md"
    );
    for spec in LANGS {
        // with tree-sitter's analysis, which rejects patterns that can never match (the
        // scanner compiles without it)
        let q = compile_query(spec.lang, Analysis::Check)
            .unwrap_or_else(|e| panic!("{:?}: {e}", spec.lang));
        for name in q.capture_names() {
            if name.starts_with('_') {
                continue; // private helper captures
            }
            assert!(
                vocabulary.contains(name),
                "{:?} uses @{name}, not in grammars/README.md",
                spec.lang
            );
        }
    }
}
