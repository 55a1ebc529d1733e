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
