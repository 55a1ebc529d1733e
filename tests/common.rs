//! Helpers: run the built binary and read its output.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run `mcpsweep` with `args` in `cwd`.
pub fn mcpsweep(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_mcpsweep"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("the mcpsweep binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Scan and parse the inventory JSON.
pub fn scan_json(cwd: &Path, paths: &[&str]) -> serde_json::Value {
    let mut args = vec!["scan", "--format", "json", "--no-progress"];
    args.extend_from_slice(paths);
    let run = mcpsweep(cwd, &args);
    assert_eq!(run.code, 0, "scan failed: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("scan output is JSON")
}

/// The inventory with the scanner version redacted, pretty-printed, for snapshots.
pub fn redacted(mut v: serde_json::Value) -> String {
    v["scanner"]["version"] = "[version]".into();
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}
