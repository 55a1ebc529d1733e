//! The rule file format (`rules/<id>.toml`) and its loader.
//!
//! A rule file is self-contained: metadata, Markdown docs, one typed predicate under `[match]`
//! and pass/fail examples. Unknown fields, unknown predicates, unknown vocabulary values, bad
//! regexes and message placeholders the predicate does not provide are errors at load time,
//! reported with the file, line and column.

use crate::predicate::Predicate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// A severity, fixed per rule (GitHub reads `security-severity` from the rule only).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "info" => Severity::Info,
            "low" => Severity::Low,
            "medium" => Severity::Medium,
            "high" => Severity::High,
            "critical" => Severity::Critical,
            _ => return None,
        })
    }

    /// SARIF `security-severity` (rules.md §1.3); none for info.
    pub fn security_severity(self) -> Option<&'static str> {
        match self {
            Severity::Critical => Some("9.5"),
            Severity::High => Some("8.0"),
            Severity::Medium => Some("5.5"),
            Severity::Low => Some("3.0"),
            Severity::Info => None,
        }
    }

    /// SARIF default level.
    pub fn level(self) -> &'static str {
        match self {
            Severity::Critical | Severity::High => "error",
            Severity::Medium => "warning",
            Severity::Low | Severity::Info => "note",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// SARIF `precision`: how often a result of the rule is a true positive.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    VeryHigh,
    High,
    Medium,
    Low,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::VeryHigh => "very-high",
            Precision::High => "high",
            Precision::Medium => "medium",
            Precision::Low => "low",
        }
    }
}

/// The Markdown documentation of a rule, under fixed headings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Docs {
    /// One or two sentences (SARIF `fullDescription`, ≤ 1024 characters).
    pub summary: String,
    /// "What it flags".
    pub flags: String,
    /// "Why it matters".
    pub why: String,
    /// "How to fix".
    pub fix: String,
}

/// One example the tests run: the files of a tiny repository and whether the rule fires.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub expect: Expect,
    /// What the example shows (printed when the test fails).
    #[serde(default)]
    pub note: String,
    /// Path (relative, forward slashes) → contents.
    pub files: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Expect {
    /// The rule must report at least one finding.
    Fail,
    /// The rule must report nothing.
    Pass,
}

/// A rule as written in its file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// `MCP-<AREA>-<NNN>`; the file is named after it.
    pub id: String,
    /// PascalCase name (SARIF `name`).
    pub name: String,
    /// Short title (SARIF `shortDescription`).
    pub title: String,
    pub severity: Severity,
    pub precision: Precision,
    /// e.g. `["CWE-78"]`.
    #[serde(default)]
    pub cwe: Vec<String>,
    /// SOC2 controls, e.g. `["CC6.8"]`.
    #[serde(default)]
    pub soc2: Vec<String>,
    /// Checklist domain `D1`..`D8` (rules.md §1.5).
    pub domain: String,
    /// Extra tags (`owasp-mcp/mcp05`, `tier1`...).
    #[serde(default)]
    pub tags: Vec<String>,
    /// The finding message: a first sentence that reads alone (≤ 120 characters, ends with a
    /// period), with `{placeholders}` the predicate provides.
    pub message: String,
    /// The server contexts (`Server.context`) the rule reports on: `application`, `example`,
    /// `test`, `library`. Default: applications and examples (test code and the SDKs' own
    /// library code are listed in the inventory, not audited). Findings not about a server
    /// (client configs) are not filtered.
    #[serde(default = "default_contexts", deserialize_with = "de_contexts")]
    pub contexts: Vec<String>,
    pub docs: Docs,
    #[serde(rename = "match")]
    pub matcher: Predicate,
    #[serde(default, rename = "example")]
    pub examples: Vec<Example>,
}

impl Rule {
    /// The rule's help in Markdown, under the fixed headings.
    pub fn help_markdown(&self) -> String {
        format!(
            "# {id}: {title}\n\n{summary}\n\n## What it flags\n\n{flags}\n\n## Why it matters\n\n{why}\n\n## How to fix\n\n{fix}\n\n## Metadata\n\n- Severity: {sev}\n- Precision: {prec}\n- CWE: {cwe}\n- SOC2: {soc2}\n- Checklist domain: {dom}\n",
            id = self.id,
            title = self.title,
            summary = self.docs.summary.trim(),
            flags = self.docs.flags.trim(),
            why = self.docs.why.trim(),
            fix = self.docs.fix.trim(),
            sev = self.severity,
            prec = self.precision.as_str(),
            cwe = join_or_dash(&self.cwe),
            soc2 = join_or_dash(&self.soc2),
            dom = self.domain,
        )
    }

    /// The help as plain text (SARIF `help.text`).
    pub fn help_text(&self) -> String {
        format!(
            "{}\n\nWhat it flags: {}\n\nWhy it matters: {}\n\nHow to fix: {}",
            self.docs.summary.trim(),
            self.docs.flags.trim(),
            self.docs.why.trim(),
            self.docs.fix.trim()
        )
    }

    /// SARIF tags: `security` first for security rules, then CWE tags, then the rest
    /// (GitHub shows 10, accepts 20).
    pub fn sarif_tags(&self) -> Vec<String> {
        let mut tags = Vec::new();
        if self.severity != Severity::Info {
            tags.push("security".to_string());
        }
        for c in &self.cwe {
            tags.push(format!(
                "external/cwe/cwe-{}",
                c.trim_start_matches("CWE-").trim_start_matches('0')
            ));
        }
        tags.push("mcp".into());
        tags.push(self.domain.to_ascii_lowercase());
        for c in &self.soc2 {
            tags.push(format!("soc2/{}", c.to_ascii_lowercase()));
        }
        tags.extend(self.tags.iter().cloned());
        let mut seen = std::collections::HashSet::new();
        tags.retain(|t| seen.insert(t.clone()));
        tags.truncate(20);
        tags
    }
}

/// Server contexts (model `Server.context`).
pub const CONTEXTS: &[&str] = &["application", "example", "test", "library"];

fn default_contexts() -> Vec<String> {
    vec!["application".into(), "example".into()]
}

fn de_contexts<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let v = Vec::<String>::deserialize(d)?;
    for s in &v {
        if !CONTEXTS.contains(&s.as_str()) {
            return Err(serde::de::Error::custom(format!(
                "unknown server context `{s}`, expected one of: {}",
                CONTEXTS.join(", ")
            )));
        }
    }
    Ok(v)
}

fn join_or_dash(v: &[String]) -> String {
    if v.is_empty() {
        "—".into()
    } else {
        v.join(", ")
    }
}

/// A load error: the file, the 1-based position when known, and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

impl std::error::Error for LoadError {}

/// 1-based line and column of a byte offset.
pub(crate) fn position(text: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(text.len());
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let col = before.rfind('\n').map_or(byte, |i| byte - i - 1) + 1;
    (line, col)
}

/// Parse and validate one rule file. `file` names it in errors.
pub fn parse_rule(file: &str, text: &str) -> Result<Rule, LoadError> {
    let err_at = |span: Option<std::ops::Range<usize>>, message: String| {
        let (line, column) = span.map_or((0, 0), |s| position(text, s.start));
        LoadError {
            file: file.to_string(),
            line,
            column,
            message,
        }
    };
    let rule: Rule = toml::from_str(text).map_err(|e| err_at(e.span(), e.message().to_string()))?;
    let field = |key: &str| field_span(text, key);
    let id_ok = regex::Regex::new(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$").unwrap();
    if !id_ok.is_match(&rule.id) {
        return Err(err_at(
            field("id"),
            format!("id `{}` is not of the form MCP-AREA-NNN", rule.id),
        ));
    }
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".toml");
    if stem != rule.id {
        return Err(err_at(
            field("id"),
            format!(
                "id `{}` does not match the file name `{stem}.toml`",
                rule.id
            ),
        ));
    }
    if !regex::Regex::new(r"^[A-Z][A-Za-z0-9]*$")
        .unwrap()
        .is_match(&rule.name)
    {
        return Err(err_at(field("name"), "name must be PascalCase".into()));
    }
    if !regex::Regex::new(r"^D[1-8]$")
        .unwrap()
        .is_match(&rule.domain)
    {
        return Err(err_at(field("domain"), "domain must be D1..D8".into()));
    }
    let cwe_re = regex::Regex::new(r"^CWE-[1-9][0-9]*$").unwrap();
    let soc2_re = regex::Regex::new(r"^CC[1-9]\.[0-9]+$").unwrap();
    for c in &rule.cwe {
        if !cwe_re.is_match(c) {
            return Err(err_at(
                field("cwe"),
                format!("`{c}` is not a CWE id (CWE-78)"),
            ));
        }
    }
    for c in &rule.soc2 {
        if !soc2_re.is_match(c) {
            return Err(err_at(
                field("soc2"),
                format!("`{c}` is not a SOC2 control (CC6.1)"),
            ));
        }
    }
    if rule.title.is_empty() || rule.title.chars().count() > 1024 {
        return Err(err_at(
            field("title"),
            "title must be 1..1024 characters".into(),
        ));
    }
    if rule.docs.summary.trim().is_empty() || rule.docs.summary.chars().count() > 1024 {
        return Err(err_at(
            field("summary"),
            "docs.summary must be 1..1024 characters".into(),
        ));
    }
    for (k, v) in [
        ("flags", &rule.docs.flags),
        ("why", &rule.docs.why),
        ("fix", &rule.docs.fix),
    ] {
        if v.trim().is_empty() {
            return Err(err_at(field(k), format!("docs.{k} is empty")));
        }
    }
    if rule.sarif_tags().len() > 20 {
        return Err(err_at(field("tags"), "more than 20 tags in all".into()));
    }
    let first_sentence = rule.message.split(". ").next().unwrap_or("");
    if !rule.message.trim_end().ends_with('.') {
        return Err(err_at(
            field("message"),
            "message must end with a period".into(),
        ));
    }
    if first_sentence.chars().count() > 160 {
        return Err(err_at(
            field("message"),
            "the message's first sentence is too long for a code-scanning alert title".into(),
        ));
    }
    let vars = rule.matcher.variables();
    for name in placeholders(&rule.message) {
        if !vars.contains(&name.as_str()) && !COMMON_VARS.contains(&name.as_str()) {
            return Err(err_at(
                field("message"),
                format!(
                    "placeholder {{{name}}} is not provided by this predicate (it provides: {})",
                    vars.iter()
                        .chain(COMMON_VARS)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    rule.matcher
        .validate()
        .map_err(|(span, msg)| err_at(span, msg))?;
    Ok(rule)
}

/// Placeholders every predicate provides.
pub(crate) const COMMON_VARS: &[&str] = &["server", "file"];

/// `{name}` placeholders of a message template.
pub(crate) fn placeholders(template: &str) -> Vec<String> {
    let re = regex::Regex::new(r"\{([a-z_]+)\}").unwrap();
    re.captures_iter(template)
        .map(|c| c[1].to_string())
        .collect()
}

/// The span of `key = ...` (first occurrence at the start of a line), for errors about a value
/// serde accepted but validation did not.
fn field_span(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                let start = offset + (line.len() - t.len());
                return Some(start..start + key.len());
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        assert_eq!(position("ab\ncd", 0), (1, 1));
        assert_eq!(position("ab\ncd", 4), (2, 2));
    }

    #[test]
    fn placeholders_found() {
        assert_eq!(
            placeholders("Tool '{tool}' runs {callee}."),
            vec!["tool", "callee"]
        );
    }
}
