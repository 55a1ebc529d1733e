pub mod config;
pub mod server;
mod storage;
