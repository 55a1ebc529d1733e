//! The closed set of typed predicates a rule's `[match]` can use. Each is implemented once
//! here and parameterised by the rule file; each yields hits with a location, a logical anchor
//! (for a fingerprint that survives line moves) and the variables its message can use.

use mcpsweep_model::{Config, ConfigServer, Inventory, Server, Tool};
use serde::{Deserialize, Deserializer};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// One match of a predicate, before it becomes a finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    pub root: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub server: Option<String>,
    pub tool: Option<String>,
    /// What the finding is about, independent of line numbers.
    pub anchor: String,
    pub vars: BTreeMap<&'static str, String>,
    /// The context of what was found, when it is not its server's (`Transport.context`).
    pub context: Option<String>,
}

/// A regex in a rule file, compiled when the file is loaded (a bad one is a load error at its
/// position).
#[derive(Debug, Clone)]
pub struct Pattern(pub regex::Regex);

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        regex::Regex::new(&s)
            .map(Pattern)
            .map_err(|e| serde::de::Error::custom(format!("bad regex: {e}")))
    }
}

/// A value from a closed vocabulary (checked when the file is loaded).
fn vocab<'de, D: Deserializer<'de>>(
    d: D,
    what: &str,
    allowed: &[&str],
) -> Result<Vec<String>, D::Error> {
    let v = Vec::<String>::deserialize(d)?;
    for s in &v {
        if !allowed.contains(&s.as_str()) {
            return Err(serde::de::Error::custom(format!(
                "unknown {what} `{s}`, expected one of: {}",
                allowed.join(", ")
            )));
        }
    }
    Ok(v)
}

/// Flow sources (model `Flow.source`).
pub const SOURCES: &[&str] = mcpsweep_model::FLOW_SOURCES;
/// Flow sinks (model `Flow.sink`).
pub const SINKS: &[&str] = mcpsweep_model::FLOW_SINKS;
/// Observation kinds (model `Observation.kind`).
pub const OBSERVATIONS: &[&str] = &[
    "prefix-containment",
    "jwt-no-audience",
    "tls-verify-off",
    "cors-wildcard",
];
/// Capabilities a server can have, for the trifecta predicate: `effect:<kind>` for each
/// effect kind, `sink:<sink>` for each flow sink, and `secret-env`.
pub const EFFECT_KINDS: &[&str] = &[
    "fs-write",
    "fs-delete",
    "fs-rename",
    "fs-chmod",
    "exec",
    "network-write",
    "network-read",
    "db-write",
    "db-read",
    "message-send",
    "cloud-mutation",
];

fn de_sources<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    vocab(d, "flow source", SOURCES)
}
fn de_sinks<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    vocab(d, "flow sink", SINKS)
}
fn de_observations<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    vocab(d, "observation kind", OBSERVATIONS)
}
fn de_capabilities<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let v = Vec::<String>::deserialize(d)?;
    for s in &v {
        let ok = match s.split_once(':') {
            Some(("effect", k)) => EFFECT_KINDS.contains(&k),
            Some(("sink", k)) => SINKS.contains(&k),
            _ => s == "secret-env",
        };
        if !ok {
            return Err(serde::de::Error::custom(format!(
                "unknown capability `{s}`: use effect:<{}>, sink:<{}> or secret-env",
                EFFECT_KINDS.join("|"),
                SINKS.join("|")
            )));
        }
    }
    Ok(v)
}
fn de_true() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Predicate {
    /// A flow from a source to a sink (taint), not through a recognised sanitiser.
    Flow(FlowP),
    /// A code pattern found by the grammars' pattern queries.
    Observation(ObservationP),
    /// A hard-coded secret in server source.
    HardcodedSecret(SecretP),
    /// A tool whose found effects contradict its declared annotations.
    AnnotationConflict(EmptyP),
    /// Weighted patterns over tool, resource and prompt metadata (names, descriptions,
    /// parameter descriptions).
    MetadataText(TextP),
    /// Invisible or deceptive code points in MCP-facing strings and config values.
    HiddenUnicode(UnicodeP),
    /// Network transports by bind address, DNS-rebinding setting and auth.
    Transport(TransportP),
    /// A literal secret in a client config entry (env, headers, command line, URL).
    ConfigSecret(EmptyP),
    /// A client config entry whose command line matches a dangerous pattern.
    ConfigLaunch(LaunchP),
    /// A client config entry launching a package or image with no fixed version.
    ConfigUnpinned(UnpinnedP),
    /// Committed client settings that pre-approve servers or tools.
    ConfigTrust(TrustP),
    /// A server SDK or launched package below the fixed version of a bundled advisory.
    VulnerableVersion(VulnP),
    /// Private-data access, untrusted content and external communication in one server, or
    /// in the servers one client config loads together.
    Trifecta(TrifectaP),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmptyP {}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Flows of tool handlers.
    Tool,
    /// Flows elsewhere in the server's package.
    Server,
    /// Both.
    Any,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowP {
    #[serde(deserialize_with = "de_sources")]
    pub sources: Vec<String>,
    #[serde(deserialize_with = "de_sinks")]
    pub sinks: Vec<String>,
    /// Only sinks whose callee matches.
    pub callee: Option<Pattern>,
    #[serde(default = "scope_any")]
    pub scope: Scope,
    /// Also report flows through a recognised sanitiser.
    #[serde(default)]
    pub include_sanitized: bool,
}
fn scope_any() -> Scope {
    Scope::Any
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservationP {
    #[serde(deserialize_with = "de_observations")]
    pub kinds: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretP {
    /// Only these kinds (`github-token`, `aws-access-key`, `high-entropy`...); all if absent.
    pub kinds: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weighted {
    pub regex: Pattern,
    pub weight: u32,
    pub label: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextP {
    pub patterns: Vec<Weighted>,
    /// Report when the summed weight of distinct matching labels reaches this.
    pub threshold: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnicodeP {
    /// Code point ranges, `"E0000-E007F"` or `"200B"` (hex).
    pub ranges: Vec<String>,
    /// Also flag tool names mixing Latin with Cyrillic or Greek letters.
    #[serde(default = "de_true")]
    pub mixed_script_names: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransportP {
    /// Bind classes: `all-interfaces`, `loopback`, `unknown`.
    pub bind: Option<Vec<String>>,
    /// DNS-rebinding settings (`declared-off`, `sdk-default-off`, ...).
    pub dns_rebinding: Option<Vec<String>>,
    /// Server auth kinds (`none`, `bearer`, `oauth`, ...).
    pub auth: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labeled {
    pub regex: Pattern,
    pub label: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LaunchP {
    pub patterns: Vec<Labeled>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnpinnedP {
    /// Which config warnings count: `unpinned`, `latest`, `version-range`.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingMatch {
    pub key: Pattern,
    /// Matched against the setting's compact JSON value; any value if absent.
    pub value: Option<Pattern>,
    pub label: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustP {
    #[serde(default)]
    pub settings: Vec<SettingMatch>,
    /// Entries with `alwaysAllow` / `autoApprove` lists.
    #[serde(default)]
    pub auto_approve: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advisory {
    /// `npm`, `pypi`, `cargo`, `go`.
    pub ecosystem: String,
    pub package: String,
    /// First fixed version.
    pub fixed: String,
    /// First affected version, if the advisory gives one.
    pub introduced: Option<String>,
    pub id: String,
    pub summary: String,
    /// What the server must do for the advisory to apply, all of them (checked against the
    /// model; a client config entry pinning the package is reported whatever it runs):
    /// `http-transport` (a Streamable HTTP / SSE transport, or one chosen at run time),
    /// `feature:<name>` (a `Server.features` entry: `feature:openapi-provider`,
    /// `feature:shared-instance`).
    #[serde(default, deserialize_with = "de_requires")]
    pub requires: Vec<String>,
}

/// Server features (model `Server.features`).
pub const FEATURES: &[&str] = &["openapi-provider", "shared-instance"];

fn de_requires<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let v = Vec::<String>::deserialize(d)?;
    for s in &v {
        let ok = s == "http-transport"
            || s.strip_prefix("feature:")
                .is_some_and(|f| FEATURES.contains(&f));
        if !ok {
            return Err(serde::de::Error::custom(format!(
                "unknown requirement `{s}`: use http-transport or feature:<{}>",
                FEATURES.join("|")
            )));
        }
    }
    Ok(v)
}

/// Does a server meet an advisory's preconditions?
fn applies(a: &Advisory, s: &Server) -> bool {
    a.requires.iter().all(|r| match r.as_str() {
        // no transport found at all: unknown, the advisory stays
        "http-transport" => {
            s.transports.is_empty() || s.transports.iter().any(|t| t.kind != "stdio")
        }
        r => r
            .strip_prefix("feature:")
            .is_some_and(|f| s.features.iter().any(|x| x.name == f)),
    })
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VulnP {
    pub advisories: Vec<Advisory>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrifectaP {
    #[serde(deserialize_with = "de_capabilities")]
    pub private: Vec<String>,
    #[serde(deserialize_with = "de_capabilities")]
    pub untrusted: Vec<String>,
    #[serde(deserialize_with = "de_capabilities")]
    pub external: Vec<String>,
    /// Also combine the servers one client config loads together.
    #[serde(default = "de_true")]
    pub configs: bool,
}

type Invalid = (Option<Range<usize>>, String);

impl Predicate {
    /// The message placeholders this predicate provides (beyond `server` and `file`).
    pub fn variables(&self) -> &'static [&'static str] {
        match self {
            Predicate::Flow(_) => &["tool", "name", "sink", "callee", "source", "via"],
            Predicate::Observation(_) => &["kind", "detail"],
            Predicate::HardcodedSecret(_) => &["kind", "name", "fingerprint"],
            Predicate::AnnotationConflict(_) => &["tool", "detail"],
            Predicate::MetadataText(_) => &["tool", "what", "labels"],
            Predicate::HiddenUnicode(_) => &["what", "codepoints"],
            Predicate::Transport(_) => &["kind", "bind", "route", "auth", "dns_rebinding"],
            Predicate::ConfigSecret(_) => &["entry", "key", "client"],
            Predicate::ConfigLaunch(_) => &["entry", "label", "client"],
            Predicate::ConfigUnpinned(_) => &["entry", "target", "runner", "warning"],
            Predicate::ConfigTrust(_) => &["entry", "key", "label", "client"],
            Predicate::VulnerableVersion(_) => {
                &["package", "version", "advisory", "fixed", "summary"]
            }
            Predicate::Trifecta(_) => &["what", "private", "untrusted", "external"],
        }
    }

    /// Checks serde cannot express.
    pub fn validate(&self) -> Result<(), Invalid> {
        match self {
            Predicate::Flow(p) if p.sinks.is_empty() || p.sources.is_empty() => {
                Err((None, "flow needs at least one source and one sink".into()))
            }
            Predicate::HiddenUnicode(p) => {
                for r in &p.ranges {
                    parse_range(r).ok_or((None, format!("bad code point range `{r}`")))?;
                }
                Ok(())
            }
            Predicate::ConfigUnpinned(p) => {
                for w in &p.warnings {
                    if !["unpinned", "latest", "version-range"].contains(&w.as_str()) {
                        return Err((None, format!("unknown launch warning `{w}`")));
                    }
                }
                Ok(())
            }
            Predicate::VulnerableVersion(p) => {
                for a in &p.advisories {
                    if !["npm", "pypi", "cargo", "go"].contains(&a.ecosystem.as_str()) {
                        return Err((
                            None,
                            format!("{}: unknown ecosystem `{}`", a.id, a.ecosystem),
                        ));
                    }
                    if parse_version(&a.fixed).is_none() {
                        return Err((None, format!("{}: bad fixed version `{}`", a.id, a.fixed)));
                    }
                }
                Ok(())
            }
            Predicate::MetadataText(p) if p.threshold == 0 => {
                Err((None, "metadata-text threshold must be at least 1".into()))
            }
            _ => Ok(()),
        }
    }

    pub fn eval(&self, inv: &Inventory) -> Vec<Hit> {
        let mut out = Vec::new();
        match self {
            Predicate::Flow(p) => flows(p, inv, &mut out),
            Predicate::Observation(p) => {
                for s in &inv.servers {
                    for o in s.observations.iter().filter(|o| p.kinds.contains(&o.kind)) {
                        let mut h = server_hit(s, &o.file, o.line, o.column, &o.detail);
                        h.anchor = format!("{}|{}", o.kind, o.detail);
                        h.vars.insert("kind", o.kind.clone());
                        h.vars.insert("detail", o.detail.clone());
                        out.push(h);
                    }
                }
            }
            Predicate::HardcodedSecret(p) => {
                for s in &inv.servers {
                    for x in &s.secrets {
                        if p.kinds.as_ref().is_some_and(|k| !k.contains(&x.kind)) {
                            continue;
                        }
                        let mut h = server_hit(s, &x.file, x.line, 0, &x.fingerprint);
                        h.vars.insert("kind", x.kind.clone());
                        h.vars
                            .insert("name", x.name.clone().unwrap_or_else(|| "a literal".into()));
                        h.vars.insert("fingerprint", x.fingerprint.clone());
                        out.push(h);
                    }
                }
            }
            Predicate::AnnotationConflict(_) => {
                for s in &inv.servers {
                    for t in &s.tools {
                        if let Some(c) = &t.annotation_conflict {
                            let mut h = tool_hit(s, t, &t.file, t.line, t.column, c);
                            h.vars.insert("detail", c.clone());
                            out.push(h);
                        }
                    }
                }
            }
            Predicate::MetadataText(p) => metadata_text(p, inv, &mut out),
            Predicate::HiddenUnicode(p) => hidden_unicode(p, inv, &mut out),
            Predicate::Transport(p) => transports(p, inv, &mut out),
            Predicate::ConfigSecret(_) => config_secrets(inv, &mut out),
            Predicate::ConfigLaunch(p) => {
                for (c, e) in client_entries(inv) {
                    let line = command_line(e);
                    if line.is_empty() {
                        continue;
                    }
                    let labels: Vec<&str> = p
                        .patterns
                        .iter()
                        .filter(|l| l.regex.0.is_match(&line))
                        .map(|l| l.label.as_str())
                        .collect();
                    if !labels.is_empty() {
                        let mut h = entry_hit(c, e, &labels.join(", "));
                        h.vars.insert("label", labels.join(", "));
                        out.push(h);
                    }
                }
            }
            Predicate::ConfigUnpinned(p) => {
                for (c, e) in client_entries(inv) {
                    if e.disabled {
                        continue;
                    }
                    let Some(w) = e.warnings.iter().find(|w| p.warnings.contains(w)) else {
                        continue;
                    };
                    let Some(l) = &e.launch else { continue };
                    let mut h = entry_hit(c, e, w);
                    h.vars.insert("target", l.target.clone());
                    h.vars.insert("runner", l.runner.clone());
                    h.vars.insert("warning", w.clone());
                    out.push(h);
                }
            }
            Predicate::ConfigTrust(p) => config_trust(p, inv, &mut out),
            Predicate::VulnerableVersion(p) => vulnerable(p, inv, &mut out),
            Predicate::Trifecta(p) => trifecta(p, inv, &mut out),
        }
        out.sort();
        out.dedup();
        out
    }
}

// ------------------------------------------------------------------------------ hits

fn server_hit(s: &Server, file: &str, line: u32, column: u32, anchor: &str) -> Hit {
    let mut vars = BTreeMap::new();
    vars.insert("server", server_label(s));
    vars.insert("file", file.to_string());
    Hit {
        root: s.root.clone(),
        file: file.to_string(),
        line,
        column,
        server: Some(s.id.clone()),
        tool: None,
        anchor: anchor.to_string(),
        vars,
        context: None,
    }
}

fn tool_hit(s: &Server, t: &Tool, file: &str, line: u32, column: u32, anchor: &str) -> Hit {
    let mut h = server_hit(s, file, line, column, &format!("{}|{}", t.name, anchor));
    h.tool = Some(t.name.clone());
    h.vars.insert("tool", t.name.clone());
    h
}

fn entry_hit(c: &Config, e: &ConfigServer, anchor: &str) -> Hit {
    let mut vars = BTreeMap::new();
    vars.insert("server", e.name.clone());
    vars.insert("entry", e.name.clone());
    vars.insert("client", c.client.clone());
    vars.insert("file", c.file.clone());
    Hit {
        root: c.root.clone(),
        file: c.file.clone(),
        line: e.line,
        column: 0,
        server: e.links.first().cloned(),
        tool: None,
        anchor: format!("{}|{}", e.name, anchor),
        vars,
        context: None,
    }
}

fn server_label(s: &Server) -> String {
    s.name
        .clone()
        .or_else(|| s.package.clone())
        .unwrap_or_else(|| s.id.clone())
}

/// Entries of client configs (not manifests that publish a server).
fn client_entries(inv: &Inventory) -> impl Iterator<Item = (&Config, &ConfigServer)> {
    inv.configs
        .iter()
        .filter(|c| c.kind == "client")
        .flat_map(|c| c.servers.iter().map(move |e| (c, e)))
}

/// The entry's command line as the client would run it (secrets already redacted).
fn command_line(e: &ConfigServer) -> String {
    let mut parts: Vec<&str> = e.command.iter().map(String::as_str).collect();
    parts.extend(e.args.iter().map(String::as_str));
    parts.join(" ")
}

// ------------------------------------------------------------------------------ flows

fn flows(p: &FlowP, inv: &Inventory, out: &mut Vec<Hit>) {
    let wanted = |f: &mcpsweep_model::Flow| {
        p.sources.contains(&f.source)
            && p.sinks.contains(&f.sink)
            && (p.include_sanitized || f.sanitizer.is_none())
            && p.callee.as_ref().is_none_or(|c| c.0.is_match(&f.callee))
    };
    let vars = |h: &mut Hit, f: &mcpsweep_model::Flow| {
        h.vars.insert("name", f.name.clone());
        h.vars.insert("sink", f.sink.clone());
        h.vars.insert("callee", f.callee.clone());
        h.vars.insert("source", f.source.clone());
        h.vars.insert(
            "via",
            f.via
                .as_ref()
                .map(|v| format!(" (in {v})"))
                .unwrap_or_default(),
        );
    };
    for s in &inv.servers {
        if p.scope != Scope::Server {
            for t in &s.tools {
                for f in t.flows.iter().filter(|f| wanted(f)) {
                    let anchor = format!("{}|{}|{}|{}", f.source, f.name, f.sink, f.callee);
                    let mut h = tool_hit(s, t, &f.file, f.line, f.column, &anchor);
                    vars(&mut h, f);
                    out.push(h);
                }
            }
        }
        if p.scope != Scope::Tool {
            for f in s.flows.iter().filter(|f| wanted(f)) {
                let anchor = format!("{}|{}|{}|{}", f.source, f.name, f.sink, f.callee);
                let mut h = server_hit(s, &f.file, f.line, f.column, &anchor);
                h.vars.insert("tool", String::new());
                vars(&mut h, f);
                out.push(h);
            }
        }
    }
}

// ------------------------------------------------------------------------------ metadata

/// One MCP-facing string: what it is, the text, where, and the tool it belongs to.
type Meta<'a> = (String, &'a str, &'a str, u32, u32, Option<&'a Tool>);

/// The MCP-facing strings of a server.
fn metadata(s: &Server) -> Vec<Meta<'_>> {
    let mut v: Vec<Meta<'_>> = Vec::new();
    for t in &s.tools {
        let at = |what: String, text| (what, text, t.file.as_str(), t.line, t.column, Some(t));
        if !t.dynamic {
            v.push(at(format!("name of tool '{}'", t.name), t.name.as_str()));
        }
        if let Some(d) = &t.description {
            v.push(at(format!("description of tool '{}'", t.name), d.as_str()));
        }
        if let Some(d) = &t.title {
            v.push(at(format!("title of tool '{}'", t.name), d.as_str()));
        }
        for p in &t.params {
            v.push(at(
                format!("parameter '{}' of tool '{}'", p.name, t.name),
                p.name.as_str(),
            ));
            if let Some(d) = &p.description {
                v.push(at(
                    format!("description of parameter '{}' of tool '{}'", p.name, t.name),
                    d.as_str(),
                ));
            }
        }
    }
    for r in &s.resources {
        v.push((
            format!("name of resource '{}'", r.name),
            r.name.as_str(),
            r.file.as_str(),
            r.line,
            0,
            None,
        ));
    }
    for p in &s.prompts {
        v.push((
            format!("name of prompt '{}'", p.name),
            p.name.as_str(),
            p.file.as_str(),
            p.line,
            0,
            None,
        ));
        if let Some(d) = &p.description {
            v.push((
                format!("description of prompt '{}'", p.name),
                d.as_str(),
                p.file.as_str(),
                p.line,
                0,
                None,
            ));
        }
    }
    v
}

/// Matched metadata of one tool (or resource/prompt string): what matched, labels, score,
/// and where to report.
type Group<'a> = (
    Vec<String>,
    BTreeSet<&'a str>,
    u32,
    &'a str,
    u32,
    u32,
    Option<&'a Tool>,
);

fn metadata_text(p: &TextP, inv: &Inventory, out: &mut Vec<Hit>) {
    for s in &inv.servers {
        // score per tool (all its strings together), per resource/prompt string otherwise
        let mut groups: BTreeMap<String, Group<'_>> = BTreeMap::new();
        for (what, text, file, line, col, tool) in metadata(s) {
            let key = tool.map_or_else(|| what.clone(), |t| format!("tool {}", t.name));
            let g = groups
                .entry(key)
                .or_insert_with(|| (Vec::new(), BTreeSet::new(), 0, file, line, col, tool));
            for w in &p.patterns {
                if w.regex.0.is_match(text) && g.1.insert(w.label.as_str()) {
                    g.2 += w.weight;
                    if !g.0.contains(&what) {
                        g.0.push(what.clone());
                    }
                }
            }
        }
        for (key, (whats, labels, score, file, line, col, tool)) in groups {
            if score < p.threshold {
                continue;
            }
            let labels = labels.into_iter().collect::<Vec<_>>().join(", ");
            let mut h = match tool {
                Some(t) => tool_hit(s, t, file, line, col, "metadata"),
                None => {
                    let mut h = server_hit(s, file, line, col, &key);
                    h.vars.insert("tool", String::new());
                    h
                }
            };
            h.vars.insert("what", whats.join("; "));
            h.vars.insert("labels", labels);
            out.push(h);
        }
    }
}

/// `"E0000-E007F"` or `"200B"`.
fn parse_range(r: &str) -> Option<(u32, u32)> {
    let (a, b) = r.split_once('-').unwrap_or((r, r));
    let a = u32::from_str_radix(a.trim(), 16).ok()?;
    let b = u32::from_str_radix(b.trim(), 16).ok()?;
    (a <= b && b <= 0x10FFFF).then_some((a, b))
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F)
}

fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// The flagged code points of a string, after the allow-list: ZWJ/ZWNJ/VS16 between emoji,
/// LRM/RLM/ALM in text with right-to-left letters, a leading BOM.
pub(crate) fn hidden_code_points(text: &str, ranges: &[(u32, u32)]) -> Vec<u32> {
    let chars: Vec<char> = text.chars().collect();
    let rtl = chars.iter().any(|c| is_rtl(*c));
    let mut found = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let cp = c as u32;
        if !ranges.iter().any(|(a, b)| (*a..=*b).contains(&cp)) {
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let allowed = match cp {
            0x200C | 0x200D => prev.is_some_and(is_emoji) && next.is_some_and(is_emoji),
            0x200E | 0x200F | 0x061C => rtl,
            0xFEFF => i == 0,
            _ => false,
        };
        if !allowed && !found.contains(&cp) {
            found.push(cp);
        }
    }
    found
}

/// A name mixing Latin letters with Cyrillic or Greek ones (`rеad_file` with a Cyrillic е).
fn mixed_script(name: &str) -> bool {
    let latin = name.chars().any(|c| c.is_ascii_alphabetic());
    let other = name.chars().any(|c| matches!(c as u32, 0x0370..=0x04FF));
    latin && other
}

fn hidden_unicode(p: &UnicodeP, inv: &Inventory, out: &mut Vec<Hit>) {
    let ranges: Vec<(u32, u32)> = p.ranges.iter().filter_map(|r| parse_range(r)).collect();
    let fmt_cps = |cps: &[u32]| {
        cps.iter()
            .map(|c| format!("U+{c:04X}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for s in &inv.servers {
        let mut strings = metadata(s);
        if let Some(n) = &s.name {
            strings.push((
                "server name".into(),
                n.as_str(),
                &s.entry.file,
                s.entry.line,
                0,
                None,
            ));
        }
        for (what, text, file, line, col, tool) in strings {
            let mut cps = hidden_code_points(text, &ranges);
            let confusable =
                p.mixed_script_names && what.starts_with("name of tool") && mixed_script(text);
            if cps.is_empty() && !confusable {
                continue;
            }
            let mut h = match tool {
                Some(t) => tool_hit(s, t, file, line, col, &what),
                None => {
                    let mut h = server_hit(s, file, line, col, &what);
                    h.vars.insert("tool", String::new());
                    h
                }
            };
            cps.sort_unstable();
            let mut desc = fmt_cps(&cps);
            if confusable {
                if !desc.is_empty() {
                    desc.push_str(", ");
                }
                desc.push_str("Latin mixed with Cyrillic/Greek letters");
            }
            h.vars.insert("what", what);
            h.vars.insert("codepoints", desc);
            out.push(h);
        }
    }
    for (c, e) in client_entries(inv).chain(
        inv.configs
            .iter()
            .filter(|c| c.kind != "client")
            .flat_map(|c| c.servers.iter().map(move |e| (c, e))),
    ) {
        let mut fields: Vec<(String, &str)> = vec![("entry name".into(), e.name.as_str())];
        if let Some(x) = &e.command {
            fields.push(("command".into(), x));
        }
        for a in &e.args {
            fields.push(("arguments".into(), a));
        }
        if let Some(u) = &e.url {
            fields.push(("url".into(), u));
        }
        for v in e.env.iter().chain(e.headers.iter()) {
            fields.push(("variable names".into(), &v.name));
        }
        let mut cps = Vec::new();
        let mut whats = Vec::new();
        for (what, text) in fields {
            let found = hidden_code_points(text, &ranges);
            if !found.is_empty() {
                if !whats.contains(&what) {
                    whats.push(what);
                }
                for c in found {
                    if !cps.contains(&c) {
                        cps.push(c);
                    }
                }
            }
        }
        if cps.is_empty() {
            continue;
        }
        cps.sort_unstable();
        let mut h = entry_hit(c, e, "unicode");
        h.vars.insert(
            "what",
            format!("{} of config entry '{}'", whats.join(", "), e.name),
        );
        h.vars.insert("codepoints", fmt_cps(&cps));
        out.push(h);
    }
}

// ------------------------------------------------------------------------------ transports

/// `all-interfaces`, `loopback` or `unknown`.
pub(crate) fn bind_class(bind: Option<&str>) -> &'static str {
    let Some(b) = bind else { return "unknown" };
    let b = b.trim();
    if b.starts_with("*:")
        || b.starts_with("0.0.0.0")
        || b.starts_with("[::]")
        || b.starts_with(":::")
        || b == "::"
        || b.starts_with(':')
    {
        "all-interfaces"
    } else if b.starts_with("127.") || b.starts_with("localhost") || b.starts_with("[::1]") {
        "loopback"
    } else {
        "unknown"
    }
}

fn transports(p: &TransportP, inv: &Inventory, out: &mut Vec<Hit>) {
    for s in &inv.servers {
        let auth = s.auth.as_ref().map_or("none", |a| a.kind.as_str());
        if p.auth
            .as_ref()
            .is_some_and(|a| !a.iter().any(|x| x == auth))
        {
            continue;
        }
        for t in s.transports.iter().filter(|t| t.kind != "stdio") {
            let class = bind_class(t.bind.as_deref());
            if p.bind
                .as_ref()
                .is_some_and(|b| !b.iter().any(|x| x == class))
            {
                continue;
            }
            let reb = t.dns_rebinding.as_deref().unwrap_or("unknown");
            if p.dns_rebinding
                .as_ref()
                .is_some_and(|d| !d.iter().any(|x| x == reb))
            {
                continue;
            }
            let mut h = server_hit(s, &t.file, t.line, 0, &t.kind);
            h.context = t.context.clone();
            h.vars.insert("kind", t.kind.clone());
            h.vars.insert(
                "bind",
                t.bind
                    .clone()
                    .filter(|b| !b.trim().is_empty())
                    .unwrap_or_else(|| "an unknown address".into()),
            );
            h.vars
                .insert("route", t.path.clone().unwrap_or_else(|| "/".into()));
            h.vars.insert("auth", auth.to_string());
            h.vars.insert("dns_rebinding", reb.to_string());
            out.push(h);
        }
    }
}

// ------------------------------------------------------------------------------ configs

fn config_secrets(inv: &Inventory, out: &mut Vec<Hit>) {
    for (c, e) in client_entries(inv) {
        let mut keys: Vec<String> = e
            .env
            .iter()
            .filter(|v| v.secret && v.value == "literal")
            .map(|v| format!("env {}", v.name))
            .collect();
        keys.extend(
            e.headers
                .iter()
                .filter(|v| v.secret && v.value == "literal")
                .map(|v| format!("header {}", v.name)),
        );
        if e.warnings.iter().any(|w| w == "secret-in-args") {
            keys.push("command line".into());
        }
        if keys.is_empty() {
            continue;
        }
        let mut h = entry_hit(c, e, &keys.join(","));
        h.vars.insert("key", keys.join(", "));
        out.push(h);
    }
}

fn config_trust(p: &TrustP, inv: &Inventory, out: &mut Vec<Hit>) {
    for c in &inv.configs {
        for s in &c.settings {
            for m in &p.settings {
                if m.key.0.is_match(&s.key)
                    && m.value.as_ref().is_none_or(|v| v.0.is_match(&s.value))
                {
                    let mut vars = BTreeMap::new();
                    vars.insert("server", s.key.clone());
                    vars.insert("entry", s.key.clone());
                    vars.insert("key", s.key.clone());
                    vars.insert("label", m.label.clone());
                    vars.insert("client", c.client.clone());
                    vars.insert("file", c.file.clone());
                    out.push(Hit {
                        root: c.root.clone(),
                        file: c.file.clone(),
                        line: s.line,
                        column: 0,
                        server: None,
                        tool: None,
                        anchor: format!("setting|{}", s.key),
                        vars,
                        context: None,
                    });
                    break;
                }
            }
        }
    }
    if p.auto_approve {
        for (c, e) in client_entries(inv) {
            if e.auto_approve.is_empty() || e.disabled {
                continue;
            }
            let mut h = entry_hit(c, e, "auto-approve");
            h.vars.insert(
                "key",
                format!("auto-approve of {}", e.auto_approve.join(", ")),
            );
            h.vars
                .insert("label", "tools approved without asking".into());
            out.push(h);
        }
    }
}

// ------------------------------------------------------------------------------ versions

/// The lowest version a declared version or range allows: `^1.2.3` → 1.2.3, `>=0.5,<1` →
/// 0.5.0, `v1.4.0` → 1.4.0, `1.2.*` → 1.2.0. None for `*`, `latest`, tags and git URLs.
pub(crate) fn parse_version(v: &str) -> Option<(u64, u64, u64)> {
    let v = v.trim();
    let first = v.split([',', '|', ' ']).find(|p| !p.is_empty())?;
    let first = first.trim_start_matches(|c: char| "^~=<>!v".contains(c));
    let mut it = first.split(['.', '-', '+']);
    let a = it.next()?.parse().ok()?;
    let b = it.next().map_or(Some(0), |x| x.parse().ok().or(Some(0)))?;
    let c = it.next().map_or(Some(0), |x| x.parse().ok().or(Some(0)))?;
    Some((a, b, c))
}

/// (ecosystem, package) of a server's SDK.
fn sdk_package(sdk: &str) -> Option<(&'static str, &str)> {
    Some(match sdk {
        "mcp" | "fastmcp" => ("pypi", sdk),
        "rmcp" => ("cargo", sdk),
        "modelcontextprotocol/go-sdk" => ("go", "github.com/modelcontextprotocol/go-sdk"),
        "mark3labs/mcp-go" => ("go", "github.com/mark3labs/mcp-go"),
        s if s.starts_with('@') || s == "mcp-handler" || s == "agents" => ("npm", s),
        _ => return None,
    })
}

fn vulnerable(p: &VulnP, inv: &Inventory, out: &mut Vec<Hit>) {
    let check = |eco: &str, pkg: &str, ver: &str| -> Vec<&Advisory> {
        let Some(v) = parse_version(ver) else {
            return Vec::new();
        };
        p.advisories
            .iter()
            .filter(|a| a.ecosystem == eco && a.package == pkg)
            .filter(|a| parse_version(&a.fixed).is_some_and(|f| v < f))
            .filter(|a| {
                a.introduced
                    .as_deref()
                    .and_then(parse_version)
                    .is_none_or(|i| v >= i)
            })
            .collect()
    };
    let mut fill = |mut h: Hit, pkg: &str, ver: &str, a: &Advisory| {
        h.anchor = format!("{}|{}|{}", h.anchor, pkg, a.id);
        h.vars.insert("package", pkg.to_string());
        h.vars.insert("version", ver.to_string());
        h.vars.insert("advisory", a.id.clone());
        h.vars.insert("fixed", a.fixed.clone());
        h.vars.insert("summary", a.summary.clone());
        out.push(h);
    };
    for s in &inv.servers {
        let (Some((eco, pkg)), Some(declared)) = (sdk_package(&s.sdk), s.sdk_version.as_deref())
        else {
            continue;
        };
        // the version a lockfile pins is what is installed; else the declared requirement
        let dep = s.sdk_dependency.as_ref();
        let locked = dep.and_then(|d| d.locked_version.as_deref());
        let ver = locked.unwrap_or(declared);
        let shown = match (locked, dep.and_then(|d| d.lockfile.as_deref())) {
            (Some(l), Some(f)) => format!("{l} (locked in {f})"),
            _ => declared.to_string(),
        };
        let (file, line) = match (dep, &s.manifest) {
            (Some(d), _) => (d.file.clone(), d.line),
            (None, Some(m)) => (m.clone(), 1),
            (None, None) => (s.entry.file.clone(), s.entry.line),
        };
        for a in check(eco, pkg, ver).into_iter().filter(|a| applies(a, s)) {
            fill(server_hit(s, &file, line, 0, "sdk"), pkg, &shown, a);
        }
    }
    for (c, e) in client_entries(inv) {
        let Some(l) = &e.launch else { continue };
        let Some(ver) = l.version.as_deref() else {
            continue;
        };
        for a in check(&l.ecosystem, &l.target, ver) {
            fill(entry_hit(c, e, "launch"), &l.target, ver, a);
        }
    }
}

// ------------------------------------------------------------------------------ trifecta

/// A server's capabilities: `effect:<kind>`, `sink:<sink>`, `secret-env`, each with the tools
/// that give it.
fn capabilities(s: &Server) -> BTreeMap<String, BTreeSet<String>> {
    let mut caps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for t in &s.tools {
        for e in &t.effects {
            caps.entry(format!("effect:{}", e.kind))
                .or_default()
                .insert(t.name.clone());
        }
        for f in &t.flows {
            caps.entry(format!("sink:{}", f.sink))
                .or_default()
                .insert(t.name.clone());
        }
    }
    if s.env_vars.iter().any(|v| v.secret_like) {
        caps.entry("secret-env".into())
            .or_default()
            .insert("a secret credential".into());
    }
    caps
}

fn leg(caps: &BTreeMap<String, BTreeSet<String>>, wanted: &[String]) -> Option<String> {
    let mut who = BTreeSet::new();
    for w in wanted {
        if let Some(tools) = caps.get(w) {
            who.extend(tools.iter().cloned());
        }
    }
    (!who.is_empty()).then(|| who.into_iter().take(3).collect::<Vec<_>>().join(", "))
}

fn trifecta(p: &TrifectaP, inv: &Inventory, out: &mut Vec<Hit>) {
    let mut whole: BTreeMap<&str, bool> = BTreeMap::new();
    for s in &inv.servers {
        let caps = capabilities(s);
        let legs = (
            leg(&caps, &p.private),
            leg(&caps, &p.untrusted),
            leg(&caps, &p.external),
        );
        if let (Some(a), Some(b), Some(c)) = legs {
            whole.insert(&s.id, true);
            let mut h = server_hit(s, &s.entry.file, s.entry.line, s.entry.column, "trifecta");
            h.vars
                .insert("what", format!("server '{}'", server_label(s)));
            h.vars.insert("private", a);
            h.vars.insert("untrusted", b);
            h.vars.insert("external", c);
            out.push(h);
        }
    }
    if !p.configs {
        return;
    }
    let by_id: BTreeMap<&str, &Server> = inv.servers.iter().map(|s| (s.id.as_str(), s)).collect();
    for c in inv.configs.iter().filter(|c| c.kind == "client") {
        let linked: Vec<(&ConfigServer, &Server)> = c
            .servers
            .iter()
            .filter(|e| !e.disabled)
            .flat_map(|e| {
                e.links
                    .iter()
                    .filter_map(|l| by_id.get(l.as_str()))
                    .map(move |s| (e, *s))
            })
            .collect();
        if linked.len() < 2
            || linked
                .iter()
                .any(|(_, s)| whole.contains_key(s.id.as_str()))
        {
            continue;
        }
        let mut caps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (e, s) in &linked {
            for (k, _) in capabilities(s) {
                caps.entry(k).or_default().insert(e.name.clone());
            }
        }
        if let (Some(a), Some(b), Some(x)) = (
            leg(&caps, &p.private),
            leg(&caps, &p.untrusted),
            leg(&caps, &p.external),
        ) {
            let first = linked[0].0;
            let mut h = entry_hit(c, first, "trifecta");
            h.anchor = "config-trifecta".into();
            h.vars
                .insert("what", format!("the servers {} loads together", c.file));
            h.vars.insert("private", a);
            h.vars.insert("untrusted", b);
            h.vars.insert("external", x);
            out.push(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(parse_version("^1.2.3"), Some((1, 2, 3)));
        assert_eq!(parse_version(">=0.5,<1"), Some((0, 5, 0)));
        assert_eq!(parse_version("v1.4.0"), Some((1, 4, 0)));
        assert_eq!(parse_version("1.2.*"), Some((1, 2, 0)));
        assert_eq!(parse_version("2025.7.1"), Some((2025, 7, 1)));
        assert_eq!(parse_version("latest"), None);
        assert_eq!(parse_version("*"), None);
    }

    #[test]
    fn hidden_code_points_allow_list() {
        let r = [(0x200B, 0x200F), (0xE0000, 0xE007F), (0xFEFF, 0xFEFF)];
        assert_eq!(hidden_code_points("read\u{200B}file", &r), vec![0x200B]);
        assert!(hidden_code_points("👨\u{200D}👩", &r).is_empty());
        assert!(hidden_code_points("שלום\u{200F} world", &r).is_empty());
        assert_eq!(hidden_code_points("hi\u{E0041}", &r), vec![0xE0041]);
        assert!(hidden_code_points("\u{FEFF}bom", &r).is_empty());
    }

    #[test]
    fn binds() {
        assert_eq!(bind_class(Some("*:8080")), "all-interfaces");
        assert_eq!(bind_class(Some("0.0.0.0:9000")), "all-interfaces");
        assert_eq!(bind_class(Some(":8080")), "all-interfaces");
        assert_eq!(bind_class(Some("127.0.0.1:8000 (SDK default)")), "loopback");
        assert_eq!(bind_class(None), "unknown");
    }

    #[test]
    fn mixed_scripts() {
        assert!(mixed_script("r\u{0435}ad_file"));
        assert!(!mixed_script("read_file"));
    }
}
