//! What the benchmarks share: knobs, medians, tree sizes and the deterministic generator.
//! (Each benchmark uses a part of it.)
#![allow(dead_code)]

use std::path::Path;
use std::time::Duration;

/// A numeric knob from the environment, or `default`.
pub fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// (files, bytes) under `dir`.
pub fn tree_size(dir: &Path) -> (u64, u64) {
    let (mut n, mut bytes) = (0, 0);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                stack.push(e.path());
            } else {
                n += 1;
                bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
            }
        }
    }
    (n, bytes)
}

/// A small deterministic generator (xorshift) so generated trees are the same everywhere.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo) as u64) as usize
    }
}

pub const WORDS: &[&str] = &[
    "account", "balance", "cache", "client", "config", "customer", "data", "event", "handler",
    "index", "invoice", "item", "job", "key", "limit", "order", "payment", "queue", "record",
    "request", "result", "session", "state", "token", "user", "value", "window", "worker",
];
