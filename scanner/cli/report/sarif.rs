//! SARIF 2.1.0 for GitHub code scanning. This module is the only writer of SARIF and enforces
//! what GitHub requires (shared/docs/sarif.md §10): every rule with short and full
//! description, help text and Markdown, `security-severity` and `precision`, CWE tags; one
//! location per result with a root-relative, percent-encoded URI under `%SRCROOT%`, a full
//! region in UTF-16 columns; `primaryLocationLineHash` computed as GitHub's upload action does;
//! `automationDetails.id`; coverage gaps as tool execution notifications.
//!
//! One run per scan root (GitHub wants one upload per repository; with several roots each run
//! gets its own category). Suppressed findings are left out in the `github` profile and kept
//! with `suppressions` in the `full` profile.

use crate::record::Lines;
use mcpsweep_audit::{Rule, RuleSet, Severity};
use mcpsweep_model::{Finding, Inventory};
use serde_json::json;
use serde_sarif::sarif;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const INFORMATION_URI: &str = "https://github.com/mcpsweep/mcpsweep";
/// The key of our own line-independent fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "mcpsweep/v1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Profile {
    /// For upload to GitHub code scanning: suppressed findings are left out.
    Github,
    /// For auditors: suppressed findings kept, with their suppression and justification.
    Full,
}

pub struct Options<'a> {
    /// The analysis category (`automationDetails.id` up to the last `/`).
    pub category: &'a str,
    pub profile: Profile,
}

/// The log of an inventory; what it needs from source files and the roots' URIs come from the
/// roots' records.
pub fn render(
    inv: &Inventory,
    rules: &RuleSet,
    opts: &Options,
    src: &Lines,
    root_uris: &BTreeMap<String, String>,
) -> String {
    let mut runs = Vec::new();
    let several = inv.roots.len() > 1;
    for root in &inv.roots {
        let category = if several {
            format!(
                "{}/{}/",
                opts.category.trim_end_matches('/'),
                root_slug(&root.path)
            )
        } else {
            format!("{}/", opts.category.trim_end_matches('/'))
        };
        let findings: Vec<&Finding> = inv
            .findings
            .iter()
            .filter(|f| f.root == root.path)
            .filter(|f| opts.profile == Profile::Full || f.suppression.is_none())
            .collect();
        runs.push(run(
            inv,
            root,
            &category,
            rules,
            &findings,
            src,
            root_uris
                .get(&root.path)
                .cloned()
                .unwrap_or_else(|| root_uri(&root.path)),
        ));
    }
    let log = sarif::Sarif::builder()
        .schema(SCHEMA_URI)
        .version(json!("2.1.0"))
        .runs(runs)
        .build();
    let mut s = serde_json::to_string_pretty(&log).expect("SARIF serialises");
    s.push('\n');
    s
}

fn run(
    inv: &Inventory,
    root: &mcpsweep_model::Root,
    category: &str,
    rules: &RuleSet,
    findings: &[&Finding],
    src: &Lines,
    uri: String,
) -> sarif::Run {
    let index: HashMap<&str, usize> = rules
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let driver = sarif::ToolComponent::builder()
        .name("mcpsweep")
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .version(env!("CARGO_PKG_VERSION"))
        .information_uri(INFORMATION_URI)
        .rules(rules.rules.iter().map(descriptor).collect::<Vec<_>>())
        .build();
    let results: Vec<sarif::Result> = findings
        .iter()
        .filter_map(|f| {
            let rule = &rules.rules[*index.get(f.rule.as_str())?];
            Some(result(f, rule, index[f.rule.as_str()], src))
        })
        .collect();
    let notifications: Vec<sarif::Notification> = inv
        .coverage
        .errors
        .iter()
        .filter(|e| e.root == root.path)
        .map(|e| {
            let n = sarif::Notification::builder()
                .message(
                    sarif::Message::builder()
                        .text(format!(
                            "Not analysed: {}: {}.",
                            if e.file.is_empty() {
                                "the root"
                            } else {
                                e.file.as_str()
                            },
                            e.reason.trim_end_matches('.')
                        ))
                        .build(),
                )
                .level(json!("warning"));
            if !e.file.is_empty() {
                let loc = sarif::Location::builder()
                    .physical_location(
                        sarif::PhysicalLocation::builder()
                            .artifact_location(artifact(&e.file))
                            .build(),
                    )
                    .build();
                return n.locations(vec![loc]).build();
            }
            n.build()
        })
        .collect();
    let invocation = sarif::Invocation::builder().execution_successful(root.status == "ok");
    let invocation = if notifications.is_empty() {
        invocation.build()
    } else {
        invocation
            .tool_execution_notifications(notifications)
            .build()
    };
    let mut base = BTreeMap::new();
    base.insert(
        "%SRCROOT%".to_string(),
        sarif::ArtifactLocation::builder().uri(uri).build(),
    );
    sarif::Run::builder()
        .tool(driver)
        .results(results)
        .invocations(vec![invocation])
        .automation_details(sarif::RunAutomationDetails::builder().id(category).build())
        .column_kind(json!("utf16CodeUnits"))
        .original_uri_base_ids(base)
        .build()
}

fn descriptor(r: &Rule) -> sarif::ReportingDescriptor {
    let mut props = BTreeMap::new();
    props.insert("precision".to_string(), json!(r.precision.as_str()));
    match r.severity.security_severity() {
        Some(s) => {
            props.insert("security-severity".to_string(), json!(s));
        }
        None => {
            props.insert("problem.severity".to_string(), json!("recommendation"));
        }
    }
    sarif::ReportingDescriptor::builder()
        .id(&r.id)
        .name(&r.name)
        .short_description(
            sarif::MultiformatMessageString::builder()
                .text(&r.title)
                .build(),
        )
        .full_description(
            sarif::MultiformatMessageString::builder()
                .text(r.docs.summary.trim())
                .build(),
        )
        .help(
            sarif::MultiformatMessageString::builder()
                .text(r.help_text())
                .markdown(r.help_markdown())
                .build(),
        )
        .help_uri(format!("{INFORMATION_URI}/blob/main/rules/{}.toml", r.id))
        .default_configuration(
            sarif::ReportingConfiguration::builder()
                .level(json!(r.severity.level()))
                .build(),
        )
        .properties(
            sarif::PropertyBag::builder()
                .tags(r.sarif_tags())
                .additional_properties(props)
                .build(),
        )
        .build()
}

fn result(f: &Finding, rule: &Rule, index: usize, src: &Lines) -> sarif::Result {
    let (start_line, start_col, end_col, hash) = src.region(&f.root, &f.file, f.line, f.column);
    let hash = hash.map(str::to_string);
    let region = sarif::Region::builder()
        .start_line(start_line as i64)
        .start_column(start_col as i64)
        .end_line(start_line as i64)
        .end_column(end_col as i64)
        .build();
    let location = sarif::Location::builder()
        .physical_location(
            sarif::PhysicalLocation::builder()
                .artifact_location(artifact(&f.file))
                .region(region)
                .build(),
        )
        .build();
    let mut fps = BTreeMap::new();
    fps.insert(FINGERPRINT_KEY.to_string(), f.fingerprint.clone());
    if let Some(h) = hash {
        fps.insert("primaryLocationLineHash".to_string(), h);
    }
    let level = match Severity::parse(&f.severity)
        .unwrap_or(rule.severity)
        .level()
    {
        "error" => sarif::ResultLevel::Error,
        "warning" => sarif::ResultLevel::Warning,
        _ => sarif::ResultLevel::Note,
    };
    let b = sarif::Result::builder()
        .rule_id(&f.rule)
        .rule_index(index as i64)
        .level(level)
        .message(sarif::Message::builder().text(&f.message).build())
        .locations(vec![location])
        .partial_fingerprints(fps);
    match &f.suppression {
        Some(s) => b
            .suppressions(vec![sarif::Suppression::builder()
                .kind(json!(if s.kind == "inline" {
                    "inSource"
                } else {
                    "external"
                }))
                .status(json!("accepted"))
                .justification(&s.justification)
                .build()])
            .build(),
        None => b.build(),
    }
}

fn artifact(file: &str) -> sarif::ArtifactLocation {
    sarif::ArtifactLocation::builder()
        .uri(percent_encode(file))
        .uri_base_id("%SRCROOT%")
        .build()
}

/// `%SRCROOT%`: the root as an absolute `file:///.../` URI (computed when the root is
/// scanned, kept in its record).
pub fn root_uri(root: &str) -> String {
    if root.contains("://") {
        // a repository swept from a URL (credentials were removed from the label)
        return format!("{}/", root.trim_end_matches('/'));
    }
    let abs = std::fs::canonicalize(Path::new(root))
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|_| root.to_string());
    let mut uri = format!("file://{}", percent_encode(&abs));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// A name for a root in a category: its label with safe characters only.
fn root_slug(root: &str) -> String {
    let s: String = root
        .trim_end_matches('/')
        .trim_start_matches("./")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() || s == "." {
        "root".into()
    } else {
        s
    }
}

/// RFC 3986: keep unreserved characters and `/`, percent-encode every other UTF-8 byte.
pub fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Start and end columns (1-based, UTF-16 code units, end exclusive) on a line: from the
/// finding's byte column (or the first non-blank character) to the end of the line's
/// non-blank text.
pub fn columns(line: &str, byte_col: u32) -> (usize, usize) {
    let u16_at = |byte: usize| -> usize {
        let mut b = byte.min(line.len());
        while !line.is_char_boundary(b) {
            b -= 1;
        }
        line[..b].encode_utf16().count()
    };
    let trimmed_end = line.trim_end().len();
    let first = line.len() - line.trim_start().len();
    let start_byte = if byte_col > 0 && ((byte_col - 1) as usize) < trimmed_end {
        (byte_col - 1) as usize
    } else {
        first
    };
    let start = u16_at(start_byte) + 1;
    let end = (u16_at(trimmed_end) + 1).max(start + 1);
    (start, end)
}

/// `primaryLocationLineHash` of every line, as GitHub's upload action computes it
/// (codeql-action `fingerprints.ts`): a rolling hash (×37, wrapping 64-bit) over a window of the
/// next 100 characters that are not spaces or tabs (UTF-16 code units, CR and CRLF read as LF),
/// started at each line's first kept character; hex, then `:` and the occurrence count.
#[cfg(test)]
pub fn line_hashes(text: &str) -> Vec<String> {
    line_hash_values(text, usize::MAX)
        .into_iter()
        .map(line_hash_text)
        .collect()
}

/// A line's hash as SARIF writes it (`hex:count`; empty for a line with none).
pub fn line_hash_text(h: Option<(u64, u32)>) -> String {
    h.map(|(hash, n)| format!("{hash:x}:{n}"))
        .unwrap_or_default()
}

/// [`line_hashes`] before formatting: per line, the rolling hash and its occurrence number
/// (`None` for a line the algorithm gives no hash). Callers format only the lines they need.
/// Lines are hashed in order and a line's count depends only on the lines before it, so the
/// text after line `upto`'s window is not read (those lines are left out).
pub fn line_hash_values(text: &str, upto: usize) -> Vec<Option<(u64, u32)>> {
    const BLOCK: usize = 100;
    const MOD: u64 = 37;
    const EOF: u64 = 65535;
    let first_mod = (0..BLOCK).fold(1u64, |m, _| m.wrapping_mul(MOD));
    let mut window = [0u64; BLOCK];
    let mut line_numbers = [usize::MAX; BLOCK];
    let mut hash: u64 = 0;
    let mut index = 0usize;
    let mut line_number = 0usize;
    let mut line_start = true;
    let mut prev_cr = false;
    // occurrences per hash value (the hex form is injective, so counting values is counting
    // the strings the algorithm counts)
    let mut counts: HashMap<u64, u32> = HashMap::new();
    let mut out: Vec<(usize, (u64, u32))> = Vec::new();

    let mut output = |hash: u64, line: usize, out: &mut Vec<(usize, (u64, u32))>| {
        let n = counts.entry(hash).or_insert(0);
        *n += 1;
        out.push((line, (hash, *n)));
    };
    let update = |hash: &mut u64, index: &mut usize, window: &mut [u64; BLOCK], c: u64| {
        let begin = window[*index];
        window[*index] = c;
        *hash = MOD
            .wrapping_mul(*hash)
            .wrapping_add(c)
            .wrapping_sub(first_mod.wrapping_mul(begin));
        *index = (*index + 1) % BLOCK;
    };
    let units = text
        .encode_utf16()
        .map(u64::from)
        .chain(std::iter::once(EOF));
    for mut c in units {
        if c == b' ' as u64 || c == b'\t' as u64 || (prev_cr && c == b'\n' as u64) {
            prev_cr = false;
            continue;
        }
        if c == b'\r' as u64 {
            c = b'\n' as u64;
            prev_cr = true;
        } else {
            prev_cr = false;
        }
        if line_numbers[index] != usize::MAX {
            let line = line_numbers[index];
            output(hash, line, &mut out);
            line_numbers[index] = usize::MAX;
            if line >= upto {
                return by_line(out, line);
            }
        }
        if line_start {
            line_start = false;
            line_number += 1;
            line_numbers[index] = line_number;
        }
        if c == b'\n' as u64 {
            line_start = true;
        }
        update(&mut hash, &mut index, &mut window, c);
    }
    for _ in 0..BLOCK {
        if line_numbers[index] != usize::MAX {
            output(hash, line_numbers[index], &mut out);
            line_numbers[index] = usize::MAX;
        }
        update(&mut hash, &mut index, &mut window, 0);
    }
    by_line(out, line_number)
}

/// The hashes of lines 1..=`lines` by line (`None` for a line with none).
fn by_line(mut out: Vec<(usize, (u64, u32))>, lines: usize) -> Vec<Option<(u64, u32)>> {
    out.sort_by_key(|(l, _)| *l);
    let mut v = vec![None; lines];
    for (l, h) in out {
        if l >= 1 && l <= v.len() {
            v[l - 1] = Some(h);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hashing only up to a line gives that line and the ones before it the hashes of the
    /// whole text (counts of repeated lines included).
    #[test]
    fn line_hashes_up_to_a_line_agree_with_the_whole_text() {
        let mut text = String::new();
        for i in 0..300 {
            // short lines repeat (equal windows, rising counts); some lines are blank
            match i % 7 {
                0 => text.push_str("x();\n"),
                1 => text.push('\n'),
                2 => text.push_str("\t  y = z + 1;\r\n"),
                _ => text.push_str(&format!("let v{i} = \"{}\";\n", "é".repeat(i % 5))),
            }
        }
        let whole = line_hash_values(&text, usize::MAX);
        // (the text ends with a line break: an empty 301st line follows)
        assert_eq!(whole.len(), 301);
        for upto in [1, 2, 7, 50, 299, 300, 301, 302] {
            let part = line_hash_values(&text, upto);
            assert!(
                part.len() >= upto.min(301),
                "upto {upto}: {} lines",
                part.len()
            );
            assert!(
                part.len() < 301 || upto >= 290,
                "upto {upto}: nothing skipped"
            );
            assert_eq!(part[..], whole[..part.len()], "upto {upto}");
        }
    }

    /// The vectors of shared/docs/sarif.md §4.
    #[test]
    fn line_hash_vectors() {
        assert_eq!(line_hashes("hello\n")[0], "5e536e90a7094d15:1");
        assert_eq!(line_hashes("hello\n")[1], "c129715d7a2bc9a3:1");
        let h = line_hashes("const x = 1;\nconst y = 2;\n");
        assert_eq!(h[0], "1c4c048970cce329:1");
        assert_eq!(h[1], "87acee3d01378d63:1");
        let h = line_hashes("a\r\nb\r\n");
        assert_eq!(h[0], "81b8d8db678b2bbe:1");
        assert_eq!(h[1], "ade70578248be16f:1");
        assert_eq!(line_hashes("  \tindented();\n")[0], "fef5f5b7f963f4c0:1");
    }

    #[test]
    fn utf16_columns() {
        // `ñ` is 2 bytes / 1 unit, `😀` 4 bytes / 2 units
        let line = "// ñ😀 exec(x)";
        let byte = line.find("exec").unwrap() as u32 + 1;
        assert_eq!(columns(line, byte), (8, 15));
        assert_eq!(columns("    foo()  ", 0), (5, 10));
        assert_eq!(columns("", 0), (1, 2));
    }

    #[test]
    fn uris_are_encoded() {
        assert_eq!(percent_encode("src/my file.ts"), "src/my%20file.ts");
        assert_eq!(percent_encode("a/é.py"), "a/%C3%A9.py");
    }
}
