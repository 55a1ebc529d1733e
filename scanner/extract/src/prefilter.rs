//! Byte-level prefilter: one aho-corasick automaton per language over its SDK markers decides
//! whether a file is worth parsing. Runs before any UTF-8 check or parse.

use crate::lang::{Lang, LANGS};
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

fn automaton(lang: Lang) -> &'static AhoCorasick {
    static CELLS: [OnceLock<AhoCorasick>; 6] = [const { OnceLock::new() }; 6];
    let idx = LANGS.iter().position(|s| s.lang == lang).unwrap();
    CELLS[idx].get_or_init(|| {
        AhoCorasick::builder()
            // leftmost semantics let aho-corasick use its SIMD (Teddy) prefilter; a yes/no
            // answer does not care which marker matched.
            .match_kind(MatchKind::LeftmostFirst)
            .build(lang.spec().markers)
            .expect("prefilter markers build an automaton")
    })
}

/// True when the file mentions at least one marker of its language.
pub fn is_candidate(lang: Lang, bytes: &[u8]) -> bool {
    automaton(lang).is_match(bytes)
}

/// Every marker string of every language (for benchmarks comparing with a plain grep).
pub fn all_markers() -> Vec<&'static str> {
    let mut v: Vec<&str> = LANGS
        .iter()
        .flat_map(|s| s.markers.iter().copied())
        .collect();
    v.sort();
    v.dedup();
    v
}
