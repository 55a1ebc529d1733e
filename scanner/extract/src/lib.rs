//! Source → model. The only crate that knows tree-sitter.
//!
//! `extract_file` turns one file into owned [`facts::FileFacts`]; [`assemble::assemble`] turns
//! the facts of one root (plus its package manifests) into [`mcpsweep_model::Server`]s.

pub mod assemble;
pub mod clientconfig;
pub mod context;
pub mod effects;
pub mod facts;
pub mod fields;
pub mod interpret;
pub mod jswrap;
pub mod lang;
pub mod lazyre;
pub mod manifest;
pub mod modules;
pub mod mutates;
pub mod patterns;
pub mod prefilter;
pub mod sdk;
pub mod taint;
pub mod value;

pub use assemble::{assemble, Assembled, SourceFile};
pub use facts::{extract, ExtractError, FileFacts, Limits};
pub use lang::Lang;

/// The allocator tree-sitter's C core uses (parse trees, query cursors). The binary installs
/// the one it uses for Rust, so that both share one allocator.
pub use tree_sitter::Allocator as ParserAllocator;

/// Install `allocator` for tree-sitter's C core.
///
/// # Safety
/// Call once, before any parser, tree, query or cursor exists (at the start of `main`); the
/// four functions must belong to one allocator family, never return null for a non-zero
/// size, and align as libc `malloc` does.
pub unsafe fn set_parser_allocator(allocator: ParserAllocator) {
    unsafe { tree_sitter::set_allocator(Some(allocator)) }
}
