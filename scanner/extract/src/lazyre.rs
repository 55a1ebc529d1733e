//! Regexes of the embedded rule tables, compiled at first use.
//!
//! A table holds about a hundred regexes (`arg0`, `receiver`, `mode`, ...); most scans use few
//! of them, and compiling them all when the table loads was a fixed cost of every run
//! (~0.2 G instructions). [`LazyRegex`] keeps the pattern and compiles it on the first match.
//! The tables' `compile_table` (run over every embedded table by the tests) still compiles
//! every pattern, so a bad one fails there, not in a scan.

use regex::Regex;
use std::ops::Deref;
use std::sync::OnceLock;

pub struct LazyRegex {
    pattern: String,
    re: OnceLock<Regex>,
}

impl LazyRegex {
    /// A regex compiled at first use. With `check`, the pattern is compiled now as well (and
    /// the error returned); otherwise a bad pattern panics at first use.
    pub fn new(pattern: &str, check: bool) -> Result<LazyRegex, regex::Error> {
        let re = OnceLock::new();
        if check {
            let _ = re.set(Regex::new(pattern)?);
        }
        Ok(LazyRegex {
            pattern: pattern.to_string(),
            re,
        })
    }

    pub fn get(&self) -> &Regex {
        self.re.get_or_init(|| {
            Regex::new(&self.pattern)
                .unwrap_or_else(|e| panic!("embedded table regex {:?}: {e}", self.pattern))
        })
    }
}

impl Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.get()
    }
}
