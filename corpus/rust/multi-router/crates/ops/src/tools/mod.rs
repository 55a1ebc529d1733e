pub mod files;
pub mod shell;
