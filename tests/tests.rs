//! The single integration test binary (ripgrep's layout): one module per concern.

mod bad_input;
mod cli;
mod common;
mod configs;
mod corpus;
mod git;
mod grammars;
mod rules;
mod sarif;
mod sweep;
mod walk;
