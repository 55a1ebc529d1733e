//! What each tool does and what each server holds and reaches: effects, credentials,
//! endpoints, transports, bind address, DNS-rebinding settings, auth and hard-coded secrets.
//!
//! Everything is matched on the call sites (`@site`) and environment reads (`@env`) that
//! extraction recorded, against per-language tables kept as data in
//! `grammars/<lang>/effects.toml`. A tool's effects are those of its handler and of the
//! same-package functions it calls, found by name up to [`MAX_DEPTH`] calls deep.

use crate::assemble::SourceFile;
use crate::facts::{FnSpan, Site};
use crate::lang::Lang;
use crate::lazyre::LazyRegex;
use crate::value::Value;
use mcpsweep_model::{
    Auth, Effect, Endpoint, EnvVar, Feature, HardcodedSecret, Server, Tool, Transport,
};
use regex::Regex;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

/// How many calls deep a handler's helpers are followed (handler → helper → helper → helper).
pub const MAX_DEPTH: usize = 3;

// ------------------------------------------------------------------------------ tables

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TableFile {
    #[serde(default)]
    effect: Vec<EffectRule>,
    #[serde(default)]
    http: Vec<HttpRule>,
    #[serde(default)]
    sdk_host: Vec<SdkHostRule>,
    #[serde(default)]
    env: Vec<EnvRule>,
    #[serde(default)]
    transport: Vec<TransportRule>,
    #[serde(default)]
    bind: Vec<BindRule>,
    #[serde(default)]
    rebinding: Vec<RebindingRule>,
    #[serde(default)]
    auth: Vec<AuthRule>,
    #[serde(default)]
    feature: Vec<FeatureRule>,
    // the data-flow sections, read by taint.rs (see grammars/README.md "Flow tables")
    #[serde(default, rename = "taint")]
    _taint: Option<toml::Value>,
    #[serde(default, rename = "handler")]
    _handler: Vec<toml::Value>,
    #[serde(default, rename = "sink")]
    _sink: Vec<toml::Value>,
    #[serde(default, rename = "sanitizer")]
    _sanitizer: Vec<toml::Value>,
    #[serde(default, rename = "source")]
    _source: Vec<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EffectRule {
    kind: String,
    callee: Vec<String>,
    /// The first argument must be a string matching this regex (SQL statements).
    arg0: Option<String>,
    /// Positions `arg0` is tried at, first string wins (Go `db.ExecContext(ctx, sql)`);
    /// default `[0]`.
    arg0_pos: Option<Vec<usize>>,
    /// The first argument must be a call/construction whose callee matches (AWS commands).
    arg0_callee: Option<String>,
    /// The call's receiver must match this regex (known SaaS clients).
    receiver: Option<String>,
    /// A file-open mode argument (position / keyword) that must match `mode`.
    mode_arg: Option<usize>,
    mode_kw: Option<String>,
    mode: Option<String>,
    /// Match `mode` against the source text of a non-string mode too (Go `os.O_WRONLY|...`).
    #[serde(default)]
    mode_expr: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HttpRule {
    callee: Vec<String>,
    /// Fixed method (`GET`, `POST`...), `BASE` for a client constructed with a base URL;
    /// absent: read `method` from an options argument, default GET.
    method: Option<String>,
    /// Only when the URL argument is recognisably a URL (generic `*.get`/`*.post`).
    #[serde(default)]
    url_like: bool,
    base_url_kw: Option<String>,
    /// Position of the URL argument (default 0) and of a method argument (Go
    /// `http.NewRequest(method, url, body)`): a string or an `http.MethodX` constant.
    url_arg: Option<usize>,
    method_arg: Option<usize>,
    /// Only when `method_arg` is a literal HTTP method (a generic `*.NewRequest(ctx, "PATCH",
    /// url, body)` of an SDK client): otherwise the next rule is tried.
    #[serde(default)]
    known_method: bool,
    /// The call's receiver: with `url_like`, a receiver matching this regex makes an HTTP
    /// call even when its URL is not recognisable (Rust `self.http.post(url)` on a reqwest
    /// client); without, the receiver must match (`map.get("https://..")` is no request).
    receiver: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SdkHostRule {
    callee: Vec<String>,
    /// Host, with `{arg0}` (first string argument), `{arg0_host}` (host of a URL argument),
    /// `{callee_aws}` (an AWS SDK client's service) or `{callee_pkg}` (the package the
    /// constructor is called on: Go `s3.NewFromConfig` → `s3`) filled in.
    host: String,
    #[serde(default)]
    arg0_url: bool,
    #[serde(default)]
    arg0_service: bool,
    /// Keywords (or options-object keys) that give the host, a bare host or a URL, tried in
    /// order (`{kw_host}`): `chromadb.HttpClient(host="api.trychroma.com")`,
    /// `QdrantClient(url="https://...")`, `new PostHog(key, { host: POSTHOG_HOST })`.
    #[serde(default)]
    host_kw: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvRule {
    callee: Vec<String>,
    form: String,
    /// Position of the name argument when not the first (viper `BindEnv(key, "ENV_NAME")`);
    /// falls back to the first argument when absent.
    name_arg: Option<usize>,
    /// The names are this keyword's value, a string or a list (click / typer `envvar=`);
    /// calls without it read nothing.
    name_kw: Option<String>,
    /// Config keys read from the environment only when the package makes one of these calls
    /// (viper `AutomaticEnv`): the name is the key upper-cased, `-`/`.` as `_`, after the
    /// first string argument of a `prefix_call` of the package (`SetEnvPrefix("github")`).
    #[serde(default)]
    requires_call: Vec<String>,
    #[serde(default)]
    prefix_call: Vec<String>,
    /// Names with these prefixes are not the user's settings (Rust `env!("CARGO_PKG_VERSION")`,
    /// set by Cargo at build time).
    #[serde(default)]
    skip_prefix: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TransportRule {
    /// `stdio`, `sse`, `streamable-http`, or `from-options` (read `option`).
    kind: String,
    callee: Vec<String>,
    path_arg: Option<usize>,
    option: Option<String>,
    #[serde(default)]
    values: BTreeMap<String, String>,
    default: Option<String>,
    /// The receiver must be one of the server's variables (`mcp.run()`).
    #[serde(default)]
    server_receiver: bool,
    /// The first argument must be a route (a string starting with `/`).
    #[serde(default)]
    arg0_route: bool,
    /// Option calls anywhere in the package whose first argument is this transport's route
    /// when the transport call itself names none (mcp-go `server.WithEndpointPath("/mcp")`).
    #[serde(default)]
    path_call: Vec<String>,
    /// The arguments, written out, must match this regex (Rust `.serve((stdin(), stdout()))`).
    args_text: Option<String>,
    /// `from-options`: the option may also be given positionally at this index
    /// (`mcp.run("sse")`).
    option_arg: Option<usize>,
    /// The rule applies only to calls with at most this many positional arguments
    /// (`mcp.run()` but not the low-level `server.run(read, write, options)`).
    max_args: Option<usize>,
    /// Route registrations whose first argument is the route of a transport created inside
    /// their handler (`app.post("/mcp", async (req, res) => { new ...Transport() })`).
    #[serde(default)]
    route_call: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BindRule {
    callee: Vec<String>,
    port_arg: Option<usize>,
    host_arg: Option<usize>,
    addr_arg: Option<usize>,
    host_kw: Option<String>,
    port_kw: Option<String>,
    option_host: Option<String>,
    option_port: Option<String>,
    /// A `host:port` address in a keyword / struct field (Go `http.Server{Addr: ":8080"}`).
    addr_kw: Option<String>,
    /// What an absent host means (`*` = every interface).
    default_host: Option<String>,
    /// The host an app is made for, not a listener (`createMcpExpressApp({ host })`): the
    /// bind address only when no listener call of the server names one.
    #[serde(default)]
    app_host: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RebindingRule {
    /// Callee names, `callee(value)` (a call whose first argument is `value`), or `key`,
    /// `key: value`, `key=Value` of options that turn it on / off.
    #[serde(default)]
    on: Vec<String>,
    #[serde(default)]
    off: Vec<String>,
    /// The `on` callees add protection only for a loopback host: the call's option of this
    /// name absent, not a literal, or `127.0.0.1` / `localhost` / `::1`
    /// (`createMcpExpressApp({ host: "0.0.0.0" })` adds none).
    host_option: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthRule {
    kind: String,
    #[serde(default)]
    callee: Vec<String>,
    /// Or: the callee as written (dotted) must match this regex (the project's own
    /// `require_bearer_auth(..)`, `verifyApiKey(..)`).
    callee_re: Option<String>,
    /// The first argument must be a string matching this regex (`r.Header.Get("Authorization")`).
    arg0: Option<String>,
    /// The arguments, written out, must match this regex (axum `from_fn(auth_middleware)`).
    args_text: Option<String>,
}

/// An SDK feature that advisories depend on (`Server.features`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeatureRule {
    name: String,
    callee: Vec<String>,
}

/// Compiled regexes of an `[[effect]]` rule: arg0, arg0_callee, receiver, mode.
type EffectRegexes = (
    Option<LazyRegex>,
    Option<LazyRegex>,
    Option<LazyRegex>,
    Option<LazyRegex>,
);

/// Work item of the call-graph walk: (file index, byte span, helper chain, depth).
type Visit = (usize, (usize, usize), Vec<String>, usize);

struct Compiled {
    file: TableFile,
    effect_re: Vec<EffectRegexes>,
    /// The `[[effect]]` rows a callee can match, by its last segment.
    effect_index: CalleeIndex,
    /// The same for the `[[http]]` rows.
    http_index: CalleeIndex,
    auth_re: Vec<Option<LazyRegex>>,
    /// `args_text` of the transport and auth rules.
    transport_args_re: Vec<Option<LazyRegex>>,
    auth_args_re: Vec<Option<LazyRegex>>,
    auth_callee_re: Vec<Option<LazyRegex>>,
    http_re: Vec<Option<LazyRegex>>,
}

const JS_TABLE: &str = include_str!("../../../grammars/javascript/effects.toml");
const PY_TABLE: &str = include_str!("../../../grammars/python/effects.toml");
const RS_TABLE: &str = include_str!("../../../grammars/rust/effects.toml");
const GO_TABLE: &str = include_str!("../../../grammars/go/effects.toml");
/// The embedded tables (part of [`crate::lang::grammar_key`]).
pub(crate) const TABLES: [&str; 4] = [JS_TABLE, PY_TABLE, RS_TABLE, GO_TABLE];

/// Parse and compile one table; errors name the table and the problem.
pub fn compile_table(name: &str, text: &str) -> Result<(), String> {
    compile(name, text, true)?;
    crate::taint::compile_table(name, text)
}

/// `check`: compile every regex now (else each is compiled at first use).
fn compile(name: &str, text: &str, check: bool) -> Result<Compiled, String> {
    let file: TableFile = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
    let re = |p: &Option<String>| -> Result<Option<LazyRegex>, String> {
        p.as_deref()
            .map(|p| LazyRegex::new(p, check).map_err(|e| format!("{name}: bad regex {p:?}: {e}")))
            .transpose()
    };
    let mut effect_re = Vec::new();
    for r in &file.effect {
        effect_re.push((
            re(&r.arg0)?,
            re(&r.arg0_callee)?,
            re(&r.receiver)?,
            re(&r.mode)?,
        ));
    }
    let auth_re = file
        .auth
        .iter()
        .map(|r| re(&r.arg0))
        .collect::<Result<Vec<_>, _>>()?;
    let transport_args_re = file
        .transport
        .iter()
        .map(|r| re(&r.args_text))
        .collect::<Result<Vec<_>, _>>()?;
    let auth_args_re = file
        .auth
        .iter()
        .map(|r| re(&r.args_text))
        .collect::<Result<Vec<_>, _>>()?;
    let auth_callee_re = file
        .auth
        .iter()
        .map(|r| re(&r.callee_re))
        .collect::<Result<Vec<_>, _>>()?;
    let http_re = file
        .http
        .iter()
        .map(|r| re(&r.receiver))
        .collect::<Result<Vec<_>, _>>()?;
    let effect_index = CalleeIndex::new(file.effect.iter().map(|r| r.callee.as_slice()));
    let http_index = CalleeIndex::new(file.http.iter().map(|r| r.callee.as_slice()));
    Ok(Compiled {
        file,
        effect_re,
        effect_index,
        http_index,
        auth_re,
        transport_args_re,
        auth_args_re,
        auth_callee_re,
        http_re,
    })
}

pub fn tables_source(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => {
            ("grammars/javascript/effects.toml", JS_TABLE)
        }
        Lang::Python => ("grammars/python/effects.toml", PY_TABLE),
        Lang::Rust => ("grammars/rust/effects.toml", RS_TABLE),
        Lang::Go => ("grammars/go/effects.toml", GO_TABLE),
    }
}

/// Callee patterns of the `[[env]]` rules whose first argument names the variable
/// (`os.getenv("X")`, `Deno.env.get("X")`): what taint.rs reads secret-env sources from.
pub(crate) fn env_name_callees(lang: Lang) -> impl Iterator<Item = &'static str> {
    tables(lang)
        .file
        .env
        .iter()
        .filter(|r| r.name_kw.is_none() && r.name_arg.is_none() && r.requires_call.is_empty())
        .flat_map(|r| r.callee.iter().map(String::as_str))
}

/// Which of the four per-language table sets (JS family, Python, Rust, Go) a language reads.
pub(crate) fn table_slot(lang: Lang) -> usize {
    match lang {
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => 0,
        Lang::Python => 1,
        Lang::Rust => 2,
        Lang::Go => 3,
    }
}

fn tables(lang: Lang) -> &'static Compiled {
    static CELLS: [OnceLock<Compiled>; 4] = [const { OnceLock::new() }; 4];
    CELLS[table_slot(lang)].get_or_init(|| {
        let (name, text) = tables_source(lang);
        compile(name, text, false).unwrap_or_else(|e| panic!("embedded effect table: {e}"))
    })
}

/// A callee in dotted form: `std::fs::write` → `std.fs.write`; a Rust turbofish leaves no
/// trace (`sqlx::query_as::<_, T>` → `sqlx.query_as`, `s.parse::<u16>().ok` → `s.parse().ok`).
/// Go imports bound to another name (`gogithub "github.com/google/go-github/v72/github"`):
/// alias → the package's own name (the last path element that is not a major version), so
/// the tables can name packages as their documentation does.
fn go_import_aliases(f: &SourceFile) -> Vec<(String, String)> {
    if f.lang != Lang::Go {
        return Vec::new();
    }
    f.facts
        .imports
        .iter()
        .filter_map(|i| {
            let alias = i.alias.as_deref().filter(|a| !matches!(*a, "_" | "."))?;
            let name = i.source.rsplit('/').find(|p| {
                !(p.starts_with('v') && p.len() > 1 && p[1..].chars().all(|c| c.is_ascii_digit()))
            })?;
            let name = name.split(".v").next().unwrap_or(name);
            // `mcp-grafana` is no package name: the alias is all that is known
            let ident = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            (ident && alias != name).then(|| (alias.to_string(), name.to_string()))
        })
        .collect()
}

/// JS/TS imports of packages, so the tables can name the module: `import { rm } from
/// "node:fs/promises"` makes `rm(...)` read as `fs.promises.rm(...)`; `import cp from
/// "child_process"` makes `cp.exec` read as `child_process.exec`. Relative imports (the
/// package's own modules) are left alone.
fn js_import_aliases(f: &SourceFile) -> Vec<(String, String)> {
    if !f.lang.is_js_family() {
        return Vec::new();
    }
    f.facts
        .links
        .iter()
        .filter(|l| !l.source.starts_with('.') && !l.source.starts_with('/'))
        .filter_map(|l| {
            let module = l.source.trim_start_matches("node:");
            // `@scope/pkg/sub` → `pkg.sub`; `fs/promises` → `fs.promises`
            let module = module
                .strip_prefix('@')
                .and_then(|m| m.split_once('/').map(|x| x.1))
                .unwrap_or(module);
            if !module
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_/-".contains(c))
            {
                return None;
            }
            let module = module.replace('/', ".");
            let target = match l.imported.as_str() {
                "default" | "*" | "" => module,
                name => format!("{module}.{name}"),
            };
            (target != l.local).then(|| (l.local.clone(), target))
        })
        .collect()
}

/// A callee written in file `fi` in the form the tables name it (`exec` imported from
/// `child_process` → `child_process.exec`), as call sites are.
pub(crate) fn table_callee(pkg: &Package, fi: usize, raw: &str) -> String {
    let f = pkg.files[fi].f;
    let mut aliases = go_import_aliases(f);
    aliases.extend(js_import_aliases(f));
    unalias(dotted(raw), &aliases)
}

fn unalias(callee: String, aliases: &[(String, String)]) -> String {
    let head = callee.split(['.', '(']).next().unwrap_or("");
    match aliases.iter().find(|(a, _)| a == head) {
        Some((_, name)) => format!("{name}{}", &callee[head.len()..]),
        None => callee,
    }
}

fn dotted(callee: &str) -> String {
    callee
        .replace("::", ".")
        .replace(".(", "(")
        .trim_end_matches('.')
        .to_string()
}

/// Does a table entry match a callee? `a.b` matches `a.b` and `x.a.b`; a bare `name` only
/// `name`; `*.m` the method `m` on any receiver; `*.pre*` any method starting with `pre`;
/// `*Suffix` any callee whose last segment ends with `Suffix`.
pub fn callee_matches(pat: &str, callee: &str) -> bool {
    // Every form but `*.pre*` matches only callees that end as the pattern does (`a.b`, `name`,
    // `*.m`, `*Suffix` all end the callee): a different last byte rejects at once, which is
    // most (pattern, callee) pairs of a table scan.
    if let (Some(&p), Some(&c)) = (pat.as_bytes().last(), callee.as_bytes().last()) {
        if p != b'*' && p != c {
            return false;
        }
    }
    if let Some(rest) = pat.strip_prefix("*.") {
        let Some((_, last)) = callee.rsplit_once('.') else {
            return false;
        };
        return match rest.strip_suffix('*') {
            Some(prefix) => last.starts_with(prefix),
            None => last == rest,
        };
    }
    // `*Suffix`: a constructor or function whose last segment ends with it (a subclass
    // `FilteredStdioServerTransport` of `StdioServerTransport`)
    if let Some(suffix) = pat.strip_prefix('*') {
        let last = callee.rsplit('.').next().unwrap_or(callee);
        return last.ends_with(suffix);
    }
    if pat.contains('.') {
        callee == pat
            || (callee.ends_with(pat) && callee[..callee.len() - pat.len()].ends_with('.'))
    } else {
        callee == pat
    }
}

/// Which rows of a table may match a callee: a prefilter for [`callee_matches`], which every
/// candidate row is still checked with. Every pattern form but `*.pre*` and `*Suffix` matches
/// only callees whose last `.` segment is the pattern's own (`a.b` → `b`, `name`, `*.m` → `m`);
/// rows with one of those two forms are candidates for every callee.
struct CalleeIndex {
    by_last: HashMap<Box<str>, Vec<usize>>,
    always: Vec<usize>,
}

impl CalleeIndex {
    fn new<'a>(rows: impl Iterator<Item = &'a [String]>) -> CalleeIndex {
        let mut by_last: HashMap<Box<str>, Vec<usize>> = HashMap::new();
        let mut always = Vec::new();
        for (i, pats) in rows.enumerate() {
            let mut keys: Vec<&str> = Vec::new();
            let mut any = false;
            for p in pats {
                let key = match p.strip_prefix("*.") {
                    Some(rest) if rest.ends_with('*') => None,
                    Some(rest) => Some(rest),
                    None if p.starts_with('*') => None,
                    None => Some(p.rsplit('.').next().unwrap_or(p)),
                };
                match key {
                    Some(k) => keys.push(k),
                    None => any = true,
                }
            }
            if any {
                always.push(i);
                continue;
            }
            keys.sort_unstable();
            keys.dedup();
            for k in keys {
                by_last.entry(k.into()).or_default().push(i);
            }
        }
        CalleeIndex { by_last, always }
    }

    /// The candidate rows for `callee`, in table order (the two sorted lists merged; nothing
    /// allocated per call site).
    fn rows(&self, callee: &str) -> impl Iterator<Item = usize> + '_ {
        let last = callee.rsplit('.').next().unwrap_or(callee);
        let keyed = self
            .by_last
            .get(last)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let (mut a, mut b) = (
            keyed.iter().copied().peekable(),
            self.always.iter().copied().peekable(),
        );
        std::iter::from_fn(move || match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x > y => b.next(),
            (Some(_), _) => a.next(),
            (None, _) => b.next(),
        })
    }
}

fn any_match(pats: &[String], callee: &str) -> bool {
    pats.iter().any(|p| callee_matches(p, callee))
}

// ------------------------------------------------------------------------------ analysis

/// A tool's handler: a function in a file (byte range), or a function named elsewhere.
#[derive(Debug, Clone, PartialEq)]
pub enum Handler {
    Span {
        file: String,
        span: (usize, usize),
    },
    Name {
        file: String,
        name: String,
        line: u32,
    },
}

pub(crate) struct FileView<'a> {
    pub(crate) f: &'a SourceFile,
    /// Call sites with the callee in dotted form (`std::fs::write` → `std.fs.write`).
    pub(crate) sites: Vec<(String, &'a Site)>,
}

pub struct Package<'a> {
    pub(crate) files: Vec<FileView<'a>>,
    fns: HashMap<&'a str, Vec<(usize, &'a FnSpan)>>,
    syms: HashMap<&'a str, &'a Value>,
    /// The file each of `syms` is defined in.
    sym_file: HashMap<&'a str, usize>,
    /// Each file's own symbols (first definition wins): a name resolves in its own file
    /// first, so a local `url` of one file is not another file's `url`.
    file_syms: Vec<HashMap<&'a str, &'a Value>>,
    /// JS/TS: the names a file imports; only those resolve in other files of the package.
    imported: Vec<Option<BTreeSet<&'a str>>>,
    /// The file whose sites are being matched (set by the analysis loops).
    pub(crate) cur: std::cell::Cell<Option<usize>>,
    /// Functions reading the env var their parameter names (see [`env_wrappers`]).
    env_wrappers: std::cell::OnceCell<HashMap<String, EnvWrapper>>,
}

/// A function that reads the environment variable one of its parameters names:
/// `function envStr(name) { return process.env[name] }`, `def cfg(key): return os.getenv(key)`.
struct EnvWrapper {
    /// Index of that parameter among the call's arguments (`self` not counted).
    param: usize,
    /// A rest parameter (`...names`, `*names`): every argument from `param` on.
    rest: bool,
    form: String,
}

impl<'a> Package<'a> {
    pub fn new(files: &[&'a SourceFile]) -> Package<'a> {
        let mut fns: HashMap<&str, Vec<(usize, &FnSpan)>> = HashMap::new();
        let mut syms = HashMap::new();
        let views: Vec<FileView> = files
            .iter()
            .map(|f| {
                let mut aliases = go_import_aliases(f);
                aliases.extend(js_import_aliases(f));
                FileView {
                    f,
                    sites: f
                        .facts
                        .sites
                        .iter()
                        .map(|s| (unalias(dotted(&s.callee), &aliases), s))
                        .collect(),
                }
            })
            .collect();
        let mut file_syms = Vec::new();
        let mut sym_file = HashMap::new();
        let mut imported = Vec::new();
        for (i, v) in views.iter().enumerate() {
            for s in &v.f.facts.fn_spans {
                fns.entry(s.name.as_str()).or_default().push((i, s));
            }
            let mut own = HashMap::new();
            for (k, val) in &v.f.facts.symbols {
                syms.entry(k.as_str()).or_insert(val);
                sym_file.entry(k.as_str()).or_insert(i);
                own.entry(k.as_str()).or_insert(val);
            }
            file_syms.push(own);
            let js = matches!(v.f.lang, Lang::TypeScript | Lang::Tsx | Lang::JavaScript);
            imported.push(js.then(|| v.f.facts.links.iter().map(|l| l.local.as_str()).collect()));
        }
        // Go `var osWriteFile = os.WriteFile` (a seam for tests): calls of the variable are
        // calls of the function it holds
        let mut views = views;
        for v in views.iter_mut().filter(|v| v.f.lang == Lang::Go) {
            for (callee, _) in v.sites.iter_mut().filter(|(c, _)| !c.contains(['.', '('])) {
                if let Some(Value::Ident(target)) = syms.get(callee.as_str()).copied() {
                    if target.contains('.') && !fns.contains_key(callee.as_str()) {
                        *callee = target.clone();
                    }
                }
            }
        }
        Package {
            files: views,
            fns,
            syms,
            sym_file,
            file_syms,
            imported,
            cur: std::cell::Cell::new(None),
            env_wrappers: std::cell::OnceCell::new(),
        }
    }

    /// A name's definition and the file it is in: the current file's, else the package's
    /// (the first file defining it; JS/TS: only for names the file imports, `a.b` of an
    /// imported `a` too).
    pub(crate) fn lookup_at(&self, n: &str) -> Option<(usize, &'a Value)> {
        let global = || Some((*self.sym_file.get(n)?, *self.syms.get(n)?));
        let Some(fi) = self.cur.get() else {
            return global();
        };
        if let Some(v) = self.file_syms.get(fi).and_then(|m| m.get(n)) {
            return Some((fi, *v));
        }
        match self.imported.get(fi) {
            Some(Some(names)) => {
                let head = n.split('.').next().unwrap_or(n);
                if names.contains(n) || names.contains(head) {
                    global()
                } else {
                    None
                }
            }
            _ => global(),
        }
    }

    /// The calls of the package matching one of the patterns.
    fn calls<'p>(&'p self, pats: &'p [String]) -> impl Iterator<Item = &'a Site> + 'p {
        self.files
            .iter()
            .flat_map(|v| v.sites.iter())
            .filter(|(c, _)| any_match(pats, c))
            .map(|(_, s)| *s)
    }

    fn first_call(&self, pats: &[String]) -> Option<&'a Site> {
        self.calls(pats).next()
    }

    pub(crate) fn file_index(&self, path: &str) -> Option<usize> {
        self.files.iter().position(|v| v.f.path == path)
    }

    fn resolve(&self, v: &Value) -> Value {
        self.resolve_at(v).0
    }

    /// A value through names and object fields (`config.host` → the `host` of the object
    /// `config` is bound to), JS/TS imports of the package's own modules included
    /// (`import config from "./config.js"` → that module's default export).
    fn resolve_deep(&self, v: &Value, depth: usize) -> Value {
        if depth > 4 {
            return v.clone();
        }
        match v {
            Value::Member(base, field) => {
                let b = self.resolve_deep(base, depth + 1);
                match b.get(field) {
                    Some(x) => self.resolve_deep(&x.clone(), depth + 1),
                    None => v.clone(),
                }
            }
            Value::Ident(n) => {
                let r = self.resolve(v);
                if &r != v {
                    return self.resolve_deep(&r, depth + 1);
                }
                // `config.host`: the field of what `config` is bound to
                if let Some((head, field)) = n.rsplit_once('.') {
                    let b = self.resolve_deep(&Value::Ident(head.to_string()), depth + 1);
                    return match b.get(field) {
                        Some(x) => self.resolve_deep(&x.clone(), depth + 1),
                        None => v.clone(),
                    };
                }
                match self.import_lookup(n) {
                    Some((fi, x)) => {
                        let saved = self.cur.get();
                        self.cur.set(Some(fi));
                        let out = self.resolve_deep(x, depth + 1);
                        self.cur.set(saved);
                        out
                    }
                    None => v.clone(),
                }
            }
            other => other.clone(),
        }
    }

    /// JS/TS: the value a name imported from one of the package's own modules is bound to
    /// there (`import config from "./config.js"`, `import { state } from "../state"`).
    fn import_lookup(&self, n: &str) -> Option<(usize, &'a Value)> {
        let fi = self.cur.get()?;
        let f = self.files.get(fi)?.f;
        let l = f.facts.links.iter().find(|l| l.local == n)?;
        if !l.source.starts_with('.') || l.imported == "*" {
            return None;
        }
        let dir = f.path.rsplit_once('/').map_or("", |(d, _)| d);
        let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
        for seg in l.source.split('/') {
            match seg {
                "." | "" => {}
                ".." => {
                    parts.pop();
                }
                s => parts.push(s),
            }
        }
        let joined = parts.join("/");
        let stem = ["js", "mjs", "cjs", "ts", "mts", "tsx", "jsx"]
            .iter()
            .find_map(|e| joined.strip_suffix(&format!(".{e}")))
            .unwrap_or(&joined);
        let ti = ["ts", "tsx", "js", "mjs", "mts", "jsx", "cjs"]
            .iter()
            .flat_map(|e| [format!("{stem}.{e}"), format!("{stem}/index.{e}")])
            .find_map(|cand| self.files.iter().position(|v| v.f.path == cand))?;
        self.file_syms
            .get(ti)?
            .get(l.imported.as_str())
            .map(|v| (ti, *v))
    }

    /// A value through its chain of names, each name looked up in the file the previous one
    /// was defined in; with the file of the last definition.
    fn resolve_at(&self, v: &Value) -> (Value, Option<usize>) {
        let saved = self.cur.get();
        let mut at = saved;
        let mut cur = v.clone();
        for _ in 0..6 {
            match &cur {
                Value::Ident(n) => match self.lookup_at(n) {
                    Some((i, x)) if x != &cur => {
                        cur = x.clone();
                        at = Some(i);
                        self.cur.set(at);
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        self.cur.set(saved);
        (cur, at)
    }
}

/// Effects, env vars and endpoints of one tool, from its handler and helpers.
pub fn analyze_tool(t: &mut Tool, h: &Handler, pkg: &Package, lang: Lang) {
    let tab = tables(lang);
    let start = match h {
        Handler::Span { file, span } => pkg.file_index(file).map(|i| (i, *span)),
        Handler::Name { file, name, line } => find_fn(pkg, file, name, *line),
    };
    let Some(start) = start else { return };
    let mut seen: BTreeSet<(usize, (usize, usize))> = BTreeSet::new();
    let mut queue: Vec<Visit> = vec![(start.0, start.1, Vec::new(), 0)];
    // a GraphQL mutation document passed on the way: its GraphQL POSTs write
    let mut mutation = false;
    while let Some((fi, span, via, depth)) = queue.pop() {
        if !seen.insert((fi, span)) {
            continue;
        }
        let view = &pkg.files[fi];
        pkg.cur.set(Some(fi));
        let via_s = (!via.is_empty()).then(|| via.join(" > "));
        for (callee, site) in view
            .sites
            .iter()
            .filter(|(_, s)| s.byte >= span.0 && s.byte < span.1)
        {
            // Rust `Command::new(..)` where the package has its own `impl Command { fn new }`
            let own = lang == Lang::Rust && own_method(callee, pkg);
            for e in site_effects(tab, callee, site, pkg)
                .into_iter()
                .filter(|_| !own)
            {
                t.effects.push(Effect {
                    kind: e.0,
                    detail: e.1,
                    file: view.f.path.clone(),
                    line: site.line,
                    via: via_s.clone(),
                    confidence: e.2,
                });
            }
            mutation |= site.args.iter().any(|a| is_mutation_doc(a, pkg));
            for (name, form) in site_env(tab, callee, site, pkg)
                .into_iter()
                .chain(wrapper_env(pkg, tab, callee, site, view.f))
            {
                t.env_vars
                    .push(env_var(name, form, &view.f.path, site.line));
            }
            if let Some(ep) = site_endpoint(tab, callee, site, pkg, &view.f.path) {
                t.endpoints.push(ep);
            }
            // follow helpers of the package by name
            if depth < MAX_DEPTH {
                if let Some((i, dspan, last)) = helper_target(pkg, lang, fi, span, callee, site) {
                    let mut v2 = via.clone();
                    v2.push(last.to_string());
                    queue.push((i, dspan, v2, depth + 1));
                }
            }
        }
        for (name, form, line, byte) in env_reads(view.f, pkg) {
            if byte >= span.0 && byte < span.1 {
                t.env_vars.push(env_var(name, form, &view.f.path, line));
            }
        }
    }
    pkg.cur.set(None);
    if mutation {
        for e in t
            .effects
            .iter_mut()
            .filter(|e| e.detail.ends_with(GRAPHQL_MARK))
        {
            e.kind = "network-write".into();
            e.confidence = Some("high".into());
        }
    }
    t.effects.sort_by(|a, b| {
        (&a.file, a.line, &a.kind, &a.detail).cmp(&(&b.file, b.line, &b.kind, &b.detail))
    });
    t.effects.dedup_by(|a, b| {
        a.file == b.file && a.line == b.line && a.kind == b.kind && a.detail == b.detail
    });
    sort_env(&mut t.env_vars);
    sort_endpoints(&mut t.endpoints);
}

/// The package function a call in `span` of file `fi` reaches by name, as the effect walk
/// follows it: (file index, span, name). None for calls of other packages' objects, for Rust
/// methods of other types, and for a function calling itself.
pub(crate) fn helper_target<'c>(
    pkg: &Package,
    lang: Lang,
    fi: usize,
    span: (usize, usize),
    callee: &'c str,
    site: &Site,
) -> Option<(usize, (usize, usize), &'c str)> {
    let view = &pkg.files[fi];
    if site.literal
        || foreign_method_call(callee, view.f, pkg)
        || external_module_call(callee, view.f, pkg)
        || (lang == Lang::Rust && !rust_followable(&site.callee))
    {
        return None;
    }
    let last = callee.rsplit('.').next().unwrap_or(callee);
    let here = view
        .f
        .facts
        .fn_spans
        .iter()
        .find(|f| f.span == span)
        .and_then(|f| f.owner.as_deref());
    let defs: Vec<&(usize, &FnSpan)> = pkg
        .fns
        .get(last)
        .map(|d| {
            d.iter()
                .filter(|(_, f)| {
                    lang != Lang::Rust || rust_callable(&site.callee, f.owner.as_deref(), here)
                })
                .filter(|(i, _)| {
                    lang != Lang::Go || go_callable(callee, view.f, &pkg.files[*i].f.path)
                })
                .collect()
        })
        .unwrap_or_default();
    if defs.is_empty() && lang.is_js_family() {
        // `import { run as runTool } from "./run"`: the function's own name
        if !callee.contains('.') {
            let imported = view
                .f
                .facts
                .links
                .iter()
                .find(|l| l.local == callee && l.source.starts_with('.'))
                .map(|l| l.imported.as_str())
                .filter(|n| !matches!(*n, "default" | "*" | ""))?;
            let defs = pkg.fns.get(imported)?;
            let (i, d) = defs
                .iter()
                .find(|(i, _)| *i != fi)
                .or_else(|| defs.first())?;
            return Some((*i, d.span, callee));
        }
        return object_method(pkg, fi, callee, site);
    }
    // prefer a definition in the same file
    let (i, d) = defs
        .iter()
        .find(|(i, _)| *i == fi)
        .or_else(|| defs.first())
        .copied()?;
    if *i == fi && d.span.0 <= site.byte && site.byte < d.span.1 {
        return None;
    }
    Some((*i, d.span, last))
}

/// JS/TS: a method of an object constant of the package (`export const tool = { handler:
/// run }` or `{ handler: async (args) => {..} }`, called as `tool.handler(..)`): the function
/// the property holds.
fn object_method<'c>(
    pkg: &Package,
    fi: usize,
    callee: &'c str,
    site: &Site,
) -> Option<(usize, (usize, usize), &'c str)> {
    let (obj, m) = callee.rsplit_once('.')?;
    let saved = pkg.cur.replace(Some(fi));
    let found = pkg.lookup_at(obj);
    pkg.cur.set(saved);
    let (i, v) = found?;
    let Value::Object(_) = v else {
        return None;
    };
    let span = match v.get(m)? {
        Value::Func(f) if f.span != (0, 0) => (i, f.span),
        Value::Ident(n) if !n.contains('.') => {
            let defs = pkg.fns.get(n.as_str())?;
            let (j, d) = defs
                .iter()
                .find(|(j, _)| *j == i)
                .or_else(|| defs.first())?;
            (*j, d.span)
        }
        _ => return None,
    };
    if span.0 == fi && span.1 .0 <= site.byte && site.byte < span.1 .1 {
        return None;
    }
    let last = callee.rsplit('.').next().unwrap_or(callee);
    Some((span.0, span.1, last))
}

/// The same-package function a callee names (the calling file's own definition first),
/// unless the callee is a method of another package's object: what a call's result summary
/// is read from (taint.rs).
pub(crate) fn package_fn(
    pkg: &Package,
    fi: usize,
    callee: &str,
) -> Option<(usize, (usize, usize))> {
    let f = pkg.files.get(fi)?.f;
    if foreign_method_call(callee, f, pkg) || external_module_call(callee, f, pkg) {
        return None;
    }
    let last = callee.rsplit('.').next().unwrap_or(callee);
    let defs = pkg.fns.get(last)?;
    defs.iter()
        .find(|(i, _)| *i == fi)
        .or_else(|| defs.first())
        .map(|(i, d)| (*i, d.span))
}

/// The type a Rust associated function is called on (`Command::new` → `Command`): its
/// helper is `fn f` in an `impl Type` of the package, if any (none for `Client::builder`).
/// Rust calls that can reach the package's own functions: `f(..)`, `module::f(..)`,
/// `Type::f(..)`, `Self::f(..)`, `self.f(..)` and `self.field.f(..)` (a method of another
/// type of the package); a method on any other value (`params.insert(k, v)`) is its type's,
/// not a helper of that name.
fn rust_followable(raw: &str) -> bool {
    match raw.strip_prefix("self.") {
        Some(m) => !m.contains('(') && m.matches('.').count() <= 1,
        None => !raw.contains('.'),
    }
}

/// Can this Rust call reach a function of that owner (`impl` type, None for a free
/// function)? `f(..)` and `module::f(..)`: free functions; `Type::f(..)`: `impl Type`;
/// `Self::f(..)` / `self.f(..)`: methods; `self.field.f(..)`: methods of another type than
/// the caller's (`here`). `drop(x)` is not the package's `impl Drop { fn drop }`.
fn rust_callable(raw: &str, owner: Option<&str>, here: Option<&str>) -> bool {
    if let Some(m) = raw.strip_prefix("self.") {
        return owner.is_some() && (!m.contains('.') || owner != here);
    }
    match raw.rsplit_once("::") {
        None => owner.is_none(),
        Some((path, _)) => {
            let ty = path.rsplit("::").next().unwrap_or(path);
            match ty {
                "Self" => owner.is_some(),
                t if t.starts_with(|c: char| c.is_ascii_uppercase()) => owner == Some(t),
                _ => owner.is_none(),
            }
        }
    }
}

fn own_method(callee: &str, pkg: &Package) -> bool {
    let Some((ty, f)) = callee.split_once('.') else {
        return false;
    };
    !f.contains('.')
        && type_qualifier(callee) == Some(ty)
        && pkg
            .fns
            .get(f)
            .is_some_and(|d| d.iter().any(|(_, s)| s.owner.as_deref() == Some(ty)))
}

fn type_qualifier(callee: &str) -> Option<&str> {
    let mut segs = callee.rsplit('.');
    let (Some(_), Some(ty)) = (segs.next(), segs.next()) else {
        return None;
    };
    (ty.starts_with(|c: char| c.is_ascii_uppercase()) && ty != "Self" && !ty.contains('('))
        .then_some(ty)
}

pub(crate) fn find_fn(
    pkg: &Package,
    file: &str,
    name: &str,
    line: u32,
) -> Option<(usize, (usize, usize))> {
    let last = name.rsplit(['.', ':']).next().unwrap_or(name);
    let defs = pkg.fns.get(last)?;
    let fi = pkg.file_index(file);
    defs.iter()
        .find(|(i, d)| Some(*i) == fi && d.line != line)
        .or_else(|| defs.first())
        .map(|(i, d)| (*i, d.span))
}

/// Server-level facts over the whole package: env vars, endpoints, transports, bind,
/// DNS rebinding, auth and hard-coded secrets.
///
/// `owned`: the files of the package whose transports, bind addresses, DNS-rebinding and auth
/// settings belong to this server (the package's other servers and contexts have their own),
/// each with its context (`example`, `library`...).
pub fn analyze_server(
    s: &mut Server,
    pkg: &Package,
    lang: Lang,
    server_vars: &[String],
    owned: &BTreeMap<String, &'static str>,
) {
    let tab = tables(lang);
    let mut transports: Vec<Transport> = Vec::new();
    let mut binds: Vec<(String, String, u32)> = Vec::new();
    // the hosts apps are made for (`createMcpExpressApp({ host })`): (host, file)
    let mut app_binds: Vec<(String, String)> = Vec::new();
    // declared DNS-rebinding settings: (declared-on / declared-off, file)
    let mut rebinding: Vec<(String, String)> = Vec::new();
    // transports whose call also names a bind address (`mcp.run(transport=t, host=h)`)
    let mut bound_calls: BTreeSet<(String, u32)> = BTreeSet::new();
    let mut features: Vec<Feature> = Vec::new();
    // functions that build and return the server (`def create_server(): mcp = FastMCP(..)`)
    let factories: Vec<String> = pkg
        .files
        .iter()
        .filter(|v| v.f.path == s.entry.file)
        .flat_map(|v| {
            let at: Vec<usize> = v
                .sites
                .iter()
                .filter(|(_, o)| o.line == s.entry.line)
                .map(|(_, o)| o.byte)
                .collect();
            v.f.facts
                .fn_spans
                .iter()
                .filter(move |f| at.iter().any(|b| f.span.0 <= *b && *b < f.span.1))
                .map(|f| f.name.clone())
        })
        .collect();
    let mut auth: Vec<(String, String)> = Vec::new();
    // routes named by option calls (`server.WithEndpointPath("/mcp")`), by transport kind
    let mut routes: BTreeMap<String, String> = BTreeMap::new();
    // Rust: a crate with several binaries (`examples/*.rs`, `src/bin/*.rs`) serves each server
    // from the files that construct it (`Counter::new().serve(stdio())`); when there are such
    // files, transports, bind, DNS-rebinding and auth settings are read there only
    let exposed_in: Option<BTreeSet<usize>> = (lang == Lang::Rust)
        .then(|| {
            let name = s.name.as_deref().unwrap_or("");
            let named = |t: &str| {
                !name.is_empty()
                    && t.split(|c: char| !c.is_alphanumeric() && c != '_')
                        .any(|w| w == name)
            };
            pkg.files
                .iter()
                .enumerate()
                .filter(|(_, v)| {
                    v.sites
                        .iter()
                        .any(|(c, site)| named(c) || args_have_word(site, &named))
                })
                .map(|(i, _)| i)
                .collect::<BTreeSet<usize>>()
        })
        .filter(|m| !m.is_empty());
    for (fi, view) in pkg.files.iter().enumerate() {
        pkg.cur.set(Some(fi));
        let path = &view.f.path;
        let exposure = exposed_in.as_ref().is_none_or(|m| m.contains(&fi))
            && owned.contains_key(path.as_str());
        for (callee, site) in &view.sites {
            for r in tab
                .file
                .transport
                .iter()
                .filter(|r| exposure && any_match(&r.path_call, callee))
            {
                if let Some(p) = site
                    .args
                    .first()
                    .and_then(|a| a.as_str())
                    .filter(|p| p.starts_with('/'))
                {
                    // several routes (`/.well-known`, `/mcp`): the one naming MCP wins
                    let mcp = |t: &str| t.to_lowercase().contains("mcp");
                    match routes.get(&r.kind) {
                        Some(old) if mcp(old) || !mcp(&args_text(site)) => {}
                        _ => {
                            routes.insert(r.kind.clone(), p.to_string());
                        }
                    }
                }
            }
            for (name, form) in site_env(tab, callee, site, pkg)
                .into_iter()
                .chain(wrapper_env(pkg, tab, callee, site, view.f))
            {
                s.env_vars.push(env_var(name, form, path, site.line));
            }
            if let Some(ep) = site_endpoint(tab, callee, site, pkg, path) {
                s.endpoints.push(ep);
            }
            for (r, args_re) in tab.file.transport.iter().zip(&tab.transport_args_re) {
                if !exposure || !any_match(&r.callee, callee) {
                    continue;
                }
                if args_re
                    .as_ref()
                    .is_some_and(|re| !re.is_match(&args_text(site)))
                {
                    continue;
                }
                if r.server_receiver {
                    let recv = callee.rsplit_once('.').map(|(a, _)| a).unwrap_or("");
                    let recv_last = recv.rsplit('.').next().unwrap_or(recv);
                    // `create_server().run(..)`: a call of the function that builds the server
                    let made = recv
                        .strip_suffix(')')
                        .and_then(|r| r.rsplit_once('('))
                        .map(|(f, _)| f)
                        .is_some_and(|f| factories.iter().any(|x| x == f));
                    if !made && !server_vars.iter().any(|v| v == recv || v == recv_last) {
                        continue;
                    }
                }
                if r.arg0_route
                    && !site
                        .args
                        .first()
                        .and_then(|a| a.as_str())
                        .is_some_and(|p| p.starts_with('/'))
                {
                    continue;
                }
                if r.max_args.is_some_and(|n| site.args.len() > n) {
                    continue;
                }
                let kind = if r.kind == "from-options" {
                    let opt = r.option.as_deref().unwrap_or("transport");
                    let resolved = r
                        .option_arg
                        .and_then(|i| site.args.get(i))
                        .map(|a| pkg.resolve(a));
                    let v = option_value(site, opt).or(resolved.as_ref());
                    match v.and_then(|v| v.as_str().map(String::from)) {
                        Some(val) => r.values.get(&val).cloned(),
                        None if v.is_some() => Some("unknown".to_string()),
                        None => r.default.clone(),
                    }
                } else {
                    Some(r.kind.clone())
                };
                let Some(kind) = kind else { continue };
                // the route of the innermost route registration around the call (the URL a
                // client connects to), else the path argument
                let route = view
                    .sites
                    .iter()
                    .filter(|(c, o)| {
                        o.byte < site.byte && site.byte < o.end && any_match(&r.route_call, c)
                    })
                    .max_by_key(|(_, o)| o.byte)
                    .and_then(|(_, o)| {
                        o.args
                            .first()?
                            .as_str()
                            .filter(|p| p.starts_with('/'))
                            .map(String::from)
                    })
                    .or_else(|| {
                        r.path_arg
                            .and_then(|i| site.args.get(i))
                            .and_then(|v| v.as_str().map(String::from))
                    });
                // a transport in a file of another context than its server's (an SDK's own
                // example serving the library class) keeps its file's context
                let context = owned
                    .get(path.as_str())
                    .filter(|c| **c != s.context)
                    .map(|c| c.to_string());
                transports.push(Transport {
                    kind,
                    path: route,
                    bind: None,
                    dns_rebinding: None,
                    file: path.clone(),
                    line: site.line,
                    context,
                });
            }
            for r in tab.file.bind.iter().filter(|_| exposure) {
                if any_match(&r.callee, callee) {
                    if let Some(b) = bind_of(r, site, pkg) {
                        if r.app_host {
                            app_binds.push((b, path.clone()));
                            continue;
                        }
                        binds.push((b, path.clone(), site.line));
                        bound_calls.insert((path.clone(), site.line));
                    }
                }
            }
            for r in tab.file.rebinding.iter().filter(|_| exposure) {
                if let Some(v) = rebinding_of(r, callee, site, pkg) {
                    rebinding.push((v, path.clone()));
                }
            }
            for (((r, arg0), args_re), callee_re) in tab
                .file
                .auth
                .iter()
                .zip(&tab.auth_re)
                .zip(&tab.auth_args_re)
                .zip(&tab.auth_callee_re)
            {
                let arg0_ok = |re: &LazyRegex| {
                    site.args
                        .first()
                        .and_then(|a| a.as_str())
                        .is_some_and(|a| re.is_match(a))
                };
                let args_ok = |re: &LazyRegex| re.is_match(&args_text(site));
                let callee_ok = match callee_re {
                    Some(re) => re.is_match(callee),
                    None => any_match(&r.callee, callee),
                };
                if exposure
                    && callee_ok
                    && arg0.as_ref().is_none_or(arg0_ok)
                    && args_re.as_ref().is_none_or(args_ok)
                {
                    auth.push((r.kind.clone(), format!("{callee} at {path}:{}", site.line)));
                    break; // one piece of evidence per call
                }
            }
            for r in tab.file.feature.iter().filter(|_| exposure) {
                if any_match(&r.callee, callee) {
                    features.push(Feature {
                        name: r.name.clone(),
                        file: path.clone(),
                        line: site.line,
                    });
                }
            }
            secrets_in_site(site, path, &mut s.secrets);
        }
        // literals a secret scanner's allow comment marks as reviewed
        let allow = &view.f.facts.secret_allow;
        s.secrets
            .retain(|x| &x.file != path || !allow.contains(&x.line));
        if exposure && matches!(lang, Lang::TypeScript | Lang::Tsx | Lang::JavaScript) {
            features.extend(shared_instance(pkg, view, server_vars, tab, s));
        }
        // the project's own Host / Origin check (a DNS-rebinding guard)
        if exposure && host_guard(view).is_some() {
            rebinding.push(("declared-on".into(), path.clone()));
        }
        // the project's own Authorization check
        if let Some(line) = auth_guard(view).filter(|_| exposure) {
            auth.push((
                "custom".into(),
                format!("Authorization header checked at {path}:{line}"),
            ));
        }
        for (name, form, line, _) in env_reads(view.f, pkg) {
            s.env_vars.push(env_var(name, form, path, line));
        }
        for sec in view
            .f
            .facts
            .secrets
            .iter()
            .filter(|x| !allow.contains(&x.line))
        {
            s.secrets.push(HardcodedSecret {
                file: path.clone(),
                ..sec.clone()
            });
        }
    }
    pkg.cur.set(None);
    // transports: dedupe, attach bind and DNS-rebinding settings to the HTTP ones
    transports.sort_by(|a, b| (&a.kind, &a.file, a.line).cmp(&(&b.kind, &b.file, b.line)));
    transports.dedup_by(|a, b| a.kind == b.kind && a.file == b.file && a.line == b.line);
    // one transport chosen at run time (`mcp.run(transport=t, host=h, port=p)` in one branch,
    // `mcp.run(transport=t)` in the other): the call that names a bind address stands for the
    // network case; the bare call next to it is the stdio branch
    let dynamic_bound: BTreeSet<String> = transports
        .iter()
        .filter(|t| t.kind == "unknown" && bound_calls.contains(&(t.file.clone(), t.line)))
        .map(|t| t.file.clone())
        .collect();
    transports.retain(|t| {
        !(t.kind == "unknown"
            && dynamic_bound.contains(&t.file)
            && !bound_calls.contains(&(t.file.clone(), t.line)))
    });
    for t in transports.iter_mut().filter(|t| t.path.is_none()) {
        t.path = routes.get(&t.kind).cloned();
    }
    binds.sort();
    binds.dedup();
    app_binds.sort();
    app_binds.dedup();
    let bind = binds.first().map(|b| b.0.clone());
    let http = transports.iter().any(|t| t.kind != "stdio");
    // a serverless platform (Cloudflare Workers): no local listener a web page could rebind to
    let serverless = s.sdk == "agents"
        || pkg.files.iter().any(|v| {
            owned.contains_key(v.f.path.as_str())
                && v.f.facts.imports.iter().any(|i| {
                    i.source == "cloudflare:workers"
                        || i.source == "agents"
                        || i.source.starts_with("agents/")
                        || (lang == Lang::Python && i.source == "workers")
                })
        });
    // a declared setting: off wins over on (a branch that turns it off is reachable)
    let declared = |file: Option<&str>| -> Option<String> {
        let mut it = rebinding
            .iter()
            .filter(|(_, f)| file.is_none_or(|x| x == f))
            .map(|(v, _)| v.as_str());
        let all: Vec<&str> = it.by_ref().collect();
        if all.contains(&"declared-off") {
            Some("declared-off".into())
        } else {
            all.first().map(|v| v.to_string())
        }
    };
    for t in transports.iter_mut().filter(|t| t.kind != "stdio") {
        // a bind address on the transport's own call, else in its own file (one binary of
        // several), else anywhere in the server's files
        let at = binds
            .iter()
            .find(|b| b.1 == t.file && b.2 == t.line)
            .map(|b| b.0.clone());
        let here = binds.iter().find(|b| b.1 == t.file).map(|b| b.0.clone());
        // else the host an app of its own file, then of the server's files, is made for
        let app = app_binds
            .iter()
            .find(|b| b.1 == t.file)
            .or_else(|| app_binds.first())
            .map(|b| b.0.clone());
        let locked = s
            .sdk_dependency
            .as_ref()
            .and_then(|d| d.locked_version.as_deref());
        t.bind = at
            .or(here)
            .or_else(|| bind.clone())
            .or(app)
            .or_else(|| sdk_default_bind(&s.sdk, s.sdk_version.as_deref(), locked));
        t.dns_rebinding = Some(if serverless {
            "not-applicable".into()
        } else {
            match declared(Some(&t.file)).or_else(|| declared(None)) {
                Some(v) => v,
                None => sdk_default_rebinding(
                    &s.sdk,
                    t.bind.as_deref(),
                    s.sdk_version.as_deref(),
                    locked,
                )
                .to_string(),
            }
        });
    }
    s.transports = transports;
    features.sort();
    features.dedup_by(|a, b| a.name == b.name);
    s.features = features;
    auth.sort();
    auth.dedup();
    s.auth = if let Some((kind, _)) = auth
        .iter()
        .find(|(k, _)| k == "oauth")
        .or_else(|| auth.first())
    {
        Some(Auth {
            kind: kind.clone(),
            evidence: auth.iter().map(|(_, e)| e.clone()).collect(),
        })
    } else if http {
        Some(Auth {
            kind: "none".into(),
            evidence: vec!["HTTP transport with no auth wiring found in the package".into()],
        })
    } else {
        None
    };
    sort_env(&mut s.env_vars);
    sort_endpoints(&mut s.endpoints);
    s.secrets
        .sort_by(|a, b| (&a.file, a.line, &a.fingerprint).cmp(&(&b.file, b.line, &b.fingerprint)));
    s.secrets
        .dedup_by(|a, b| a.file == b.file && a.fingerprint == b.fingerprint);
}

/// Found effects that contradict the declared annotations. Effects of low confidence (a
/// POST to a URL whose end is not known, which query APIs use as often as writes) do not.
pub fn annotation_conflict(t: &Tool) -> Option<String> {
    let mutating: Vec<&Effect> = t
        .effects
        .iter()
        .filter(|e| is_mutating(&e.kind) && e.confidence.as_deref() != Some("low"))
        .collect();
    let first = mutating.first()?;
    let at = match first.confidence.as_deref() {
        Some(c) => format!(
            "{} at {}:{} ({}, confidence {c})",
            first.kind, first.file, first.line, first.detail
        ),
        None => format!("{} at {}:{}", first.kind, first.file, first.line),
    };
    if t.annotations.read_only_hint == Some(true) {
        return Some(format!("readOnlyHint: true, but the handler has {at}"));
    }
    let destructive = mutating.iter().find(|e| {
        matches!(
            e.kind.as_str(),
            "fs-delete" | "db-write" | "exec" | "cloud-mutation"
        )
    });
    if t.annotations.destructive_hint == Some(false) {
        if let Some(d) = destructive {
            if d.kind == "fs-delete"
                || (d.kind == "db-write" && d.detail.to_uppercase().contains("DELETE"))
            {
                return Some(format!(
                    "destructiveHint: false, but the handler has {} at {}:{}",
                    d.kind, d.file, d.line
                ));
            }
        }
    }
    None
}

pub fn is_mutating(kind: &str) -> bool {
    !matches!(kind, "network-read" | "db-read" | "fs-read")
}

// ------------------------------------------------------------------------------ matching

/// An effect of a call: (kind, detail, confidence).
type SiteEffect = (String, String, Option<String>);

fn site_effects(tab: &Compiled, callee: &str, site: &Site, pkg: &Package) -> Vec<SiteEffect> {
    let mut out = Vec::new();
    if site.literal {
        return out;
    }
    for i in tab.effect_index.rows(callee) {
        let (r, (arg0, arg0_callee, receiver, mode)) = (&tab.file.effect[i], &tab.effect_re[i]);
        if !any_match(&r.callee, callee) {
            continue;
        }
        if let Some(re) = receiver {
            let recv = callee.rsplit_once('.').map(|(a, _)| a).unwrap_or("");
            if !re.is_match(recv) {
                continue;
            }
        }
        // the argument `arg0` matched at (Go passes a context first: `db.ExecContext(ctx, q)`)
        let mut at = 0;
        if let Some(re) = arg0 {
            let text_at = |i: usize| match site.args.get(i).map(|v| pkg.resolve(v)) {
                Some(Value::Str(s)) | Some(Value::Template(s)) => {
                    Some(s.trim_start_matches(['`', '"', '\'', 'f']).to_string())
                }
                // Rust `format!("DELETE FROM {table} WHERE ..")`
                Some(Value::Expr(e)) => rust_format(&e, pkg),
                _ => None,
            };
            let pos = r.arg0_pos.clone().unwrap_or_else(|| vec![0]);
            match pos.iter().find_map(|i| text_at(*i).map(|t| (*i, t))) {
                Some((i, text)) if re.is_match(&text) => at = i,
                _ => continue,
            }
        }
        if let Some(re) = arg0_callee {
            let ok = match site.args.first() {
                Some(Value::Call { callee, .. }) => {
                    callee.last_segment().is_some_and(|c| re.is_match(c))
                }
                _ => false,
            };
            if !ok {
                continue;
            }
        }
        if let Some(re) = mode {
            let m = r
                .mode_kw
                .as_deref()
                .and_then(|k| site.kwargs.iter().find(|(n, _)| n == k).map(|(_, v)| v))
                .or_else(|| r.mode_arg.and_then(|i| site.args.get(i)));
            let m = m.and_then(|v| match v {
                Value::Str(s) => Some(s.clone()),
                other if r.mode_expr => Some(other.text()),
                _ => None,
            });
            match m {
                Some(m) if re.is_match(&m) => {}
                _ => continue,
            }
        }
        let detail = match (&r.arg0, site.args.get(at)) {
            (Some(_), Some(Value::Str(sql))) => format!("{callee}: {}", first_words(sql, 4)),
            _ => match site.args.first() {
                Some(Value::Call { callee: c, .. }) if r.arg0_callee.is_some() => {
                    format!("{callee}({})", c.last_segment().unwrap_or(""))
                }
                _ => callee.to_string(),
            },
        };
        out.push((r.kind.clone(), detail, None));
        break; // one effect per call site: the first matching rule
    }
    if out.is_empty() {
        if let Some((method, url, arg)) = http_call_at(tab, callee, site, pkg) {
            // `?`: a method from a variable (a request helper used for reads and writes alike)
            if method != "BASE" && method != "?" {
                let to = url.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
                let (kind, confidence, graphql) = match method.as_str() {
                    "GET" | "HEAD" | "OPTIONS" => ("network-read", None, false),
                    "POST" => {
                        let text = match &url {
                            Some(u) => Some(url_text_of_known(u)),
                            None => arg.and_then(|a| url_text(a, pkg, site.byte, 0)),
                        };
                        post_effect(text.as_ref())
                    }
                    _ => ("network-write", None, false),
                };
                let mark = if graphql { GRAPHQL_MARK } else { "" };
                out.push((
                    kind.to_string(),
                    format!("{method}{to} via {callee}{mark}"),
                    confidence.map(str::to_string),
                ));
            }
        }
    }
    out
}

/// The words of `grammars/http.toml` `[post]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PostWords {
    read: Vec<String>,
    write: Vec<String>,
    graphql: Vec<String>,
    mutation: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HttpWords {
    post: PostWords,
}

const HTTP_WORDS: &str = include_str!("../../../grammars/http.toml");

fn post_words() -> &'static (PostWords, Regex) {
    static W: OnceLock<(PostWords, Regex)> = OnceLock::new();
    W.get_or_init(|| {
        let w: HttpWords = toml::from_str(HTTP_WORDS).expect("grammars/http.toml");
        let re = Regex::new(&w.post.mutation).expect("grammars/http.toml mutation regex");
        (w.post, re)
    })
}

/// Check `grammars/http.toml` (the test compiling every table calls this).
pub fn check_http_words() -> Result<(), String> {
    let w: HttpWords =
        toml::from_str(HTTP_WORDS).map_err(|e| format!("grammars/http.toml: {e}"))?;
    Regex::new(&w.post.mutation).map_err(|e| format!("grammars/http.toml: {e}"))?;
    Ok(())
}

/// What a URL says, as far as it is known: (host, literal path text, whether its end is
/// known literally). A known URL's end is known.
type UrlText = (String, String, bool);

fn url_text_of_known(url: &str) -> UrlText {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    // a template URL (`https://api/x/{id}`): its end is known when the last hole is not last
    let open = path.trim_end_matches('/').ends_with('}');
    (host.to_string(), path.to_string(), !open)
}

/// The literal parts of a URL argument whose value is not known as a whole: `base +
/// "/api/ds/query"`, `fmt.Sprintf("%s/_msearch", base)`, `` `${base}/v1/search` ``, a local
/// bound to one of these before the call; None for a bare parameter.
fn url_text(v: &Value, pkg: &Package, byte: usize, depth: usize) -> Option<UrlText> {
    if depth > 4 {
        return None;
    }
    match pkg.resolve(v) {
        Value::Str(s) => Some(if is_url(&s) {
            url_text_of_known(&s)
        } else {
            (String::new(), s.clone(), true)
        }),
        Value::Template(t) => {
            let inner = t
                .trim_start_matches(['f', 'F', 'r'])
                .trim_matches(['`', '"', '\'']);
            Some(literal_parts(inner, true))
        }
        Value::Expr(e) => Some(literal_parts(&e, false)),
        Value::Call { callee, args, .. } => {
            // `fmt.Sprintf("%s/x", base)`, `urljoin(base, "/x")`, `buildURL(base, "/x")`
            let c = callee.text();
            if c.ends_with("Sprintf") || c.ends_with("format") {
                return args.first().and_then(|a| match a {
                    Value::Str(f) => Some(literal_parts(f, true)),
                    _ => None,
                });
            }
            let mut path = String::new();
            for a in args.iter() {
                if let Some((_, p, _)) = url_text(a, pkg, byte, depth + 1) {
                    path.push_str(&p);
                }
            }
            let end = args
                .last()
                .and_then(|a| url_text(a, pkg, byte, depth + 1))
                .is_some_and(|x| x.2);
            (!path.is_empty()).then_some((String::new(), path, end))
        }
        Value::Ident(n) if !n.contains('.') => {
            let fi = pkg.cur.get()?;
            let local = local_value(pkg, fi, &n, byte)?;
            url_text(&local, pkg, byte, depth + 1)
        }
        _ => None,
    }
}

/// The literal text of an expression or template (string literals, or the text between
/// `${..}` / `{..}` / `%s` holes), and whether it ends with literal text.
fn literal_parts(e: &str, template: bool) -> UrlText {
    static LIT: OnceLock<Regex> = OnceLock::new();
    static HOLE: OnceLock<Regex> = OnceLock::new();
    let e = e.trim();
    let text = if template {
        let hole = HOLE.get_or_init(|| {
            Regex::new(r"\$\{[^}]*\}|\{[^}]*\}|%[-+ #0-9.]*[a-zA-Z]").expect("hole regex")
        });
        let end = hole.find_iter(e).last().is_none_or(|m| m.end() != e.len());
        let text = hole.replace_all(e, " ").to_string();
        return if is_url(text.trim_start()) {
            let (h, p, _) = url_text_of_known(text.trim_start());
            (h, p, end)
        } else {
            (String::new(), text, end)
        };
    } else {
        e
    };
    let lit = LIT.get_or_init(|| {
        Regex::new(r#""((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`([^`]*)`"#).expect("literal regex")
    });
    let mut out = String::new();
    let mut last_end = 0;
    for c in lit.captures_iter(text) {
        let m = c.get(0).expect("whole match");
        last_end = m.end();
        let part = c
            .get(1)
            .or_else(|| c.get(2))
            .or_else(|| c.get(3))
            .map_or("", |x| x.as_str());
        out.push_str(part);
        out.push(' ');
    }
    let end = last_end > 0
        && text[last_end..]
            .trim_end_matches([')', ';', ' '])
            .is_empty();
    if is_url(out.trim_start()) {
        let (h, p, _) = url_text_of_known(out.trim_start());
        return (h, p, end);
    }
    (String::new(), out, end)
}

/// The value a local variable holds at a byte: the last assignment to it before the byte in
/// the function around the byte.
fn local_value(pkg: &Package, fi: usize, name: &str, byte: usize) -> Option<Value> {
    let f = pkg.files.get(fi)?.f;
    let span = f
        .facts
        .fn_spans
        .iter()
        .filter(|s| s.span.0 <= byte && byte < s.span.1)
        .min_by_key(|s| s.span.1 - s.span.0)
        .map(|s| s.span)
        .unwrap_or((0, usize::MAX));
    f.facts
        .flow
        .assigns
        .iter()
        .filter(|a| a.byte >= span.0 && a.byte < byte && a.targets.len() == 1)
        .filter(|a| a.targets[0].local == name && a.targets[0].field.is_none())
        .max_by_key(|a| a.byte)
        .map(|a| a.value.clone())
}

/// Is a value (a literal, or a constant holding one) a GraphQL document that changes state?
fn is_mutation_doc(v: &Value, pkg: &Package) -> bool {
    let (_, re) = post_words();
    match pkg.resolve(v) {
        Value::Str(s) | Value::Template(s) | Value::Expr(s) => re.is_match(&s),
        Value::Call { args, .. } => args.first().is_some_and(
            |a| matches!(pkg.resolve(a), Value::Str(s) | Value::Template(s) if re.is_match(&s)),
        ),
        _ => false,
    }
}

/// Words of a URL host or path: split at non-alphanumerics and camelCase humps, lower case.
fn url_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in text.chars() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// Marks a POST to a GraphQL endpoint in an effect's detail: a read, unless the tool passes
/// a mutation document (see [`analyze_tool`]).
const GRAPHQL_MARK: &str = " (GraphQL)";

/// The kind and confidence of a POST, and whether it goes to a GraphQL endpoint (see
/// `grammars/http.toml`).
fn post_effect(text: Option<&UrlText>) -> (&'static str, Option<&'static str>, bool) {
    let (w, _) = post_words();
    let Some((host, path, end)) = text else {
        return ("network-write", Some("low"), false);
    };
    let has = |list: &[String], word: &str| {
        list.iter().any(|x| {
            x == word
                || word.strip_suffix('s').is_some_and(|s| s == x)
                || word.strip_suffix("es").is_some_and(|s| s == x)
        })
    };
    let words = url_words(path);
    if url_words(host)
        .iter()
        .chain(words.iter())
        .any(|x| has(&w.graphql, x))
    {
        return ("network-read", None, true);
    }
    for word in words.iter().rev() {
        if has(&w.read, word) {
            return ("network-read", None, false);
        }
        if has(&w.write, word) {
            return ("network-write", Some("high"), false);
        }
    }
    if *end && !words.is_empty() {
        ("network-write", Some("medium"), false)
    } else {
        ("network-write", Some("low"), false)
    }
}

fn first_words(s: &str, n: usize) -> String {
    s.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// An HTTP client call: (method, URL as known, the URL argument as written).
fn http_call_at<'s>(
    tab: &Compiled,
    callee: &str,
    site: &'s Site,
    pkg: &Package,
) -> Option<(String, Option<String>, Option<&'s Value>)> {
    for i in tab.http_index.rows(callee) {
        let (r, recv_re) = (&tab.file.http[i], &tab.http_re[i]);
        if !any_match(&r.callee, callee) {
            continue;
        }
        if let Some(kw) = &r.base_url_kw {
            let base = site.kwargs.iter().find(|(n, _)| n == kw).map(|(_, v)| v);
            return base
                .and_then(|b| url_of(b, pkg))
                .map(|u| ("BASE".to_string(), Some(u.0), base));
        }
        let at = r.url_arg.unwrap_or(0);
        // the URL positionally, or as a `url=` keyword (`session.get(url=...)`)
        let arg = site
            .args
            .get(at)
            .or_else(|| site.kwargs.iter().find(|(n, _)| n == "url").map(|(_, v)| v));
        let url = arg.and_then(|a| url_of(a, pkg));
        // (a request names its URL: `OnceLock::get()` on a static client is no request)
        let client = arg.is_some()
            && recv_re.as_ref().is_some_and(|re| {
                re.is_match(callee.rsplit_once('.').map(|(a, _)| a).unwrap_or(""))
            });
        if !client && ((r.url_like && url.is_none()) || (!r.url_like && recv_re.is_some())) {
            continue;
        }
        let method = match (&r.method, r.method_arg) {
            (Some(m), _) => m.clone(),
            // Go `http.NewRequest("POST", ...)` / `http.NewRequest(http.MethodPost, ...)`
            (None, Some(i)) => match site.args.get(i).map(|a| pkg.resolve(a)) {
                Some(Value::Str(m)) => m.to_uppercase(),
                Some(Value::Ident(c)) => {
                    // Go `http.MethodPost`; Rust `Method::POST`, `reqwest::Method::PUT`
                    let l = c.rsplit(['.', ':']).next().unwrap_or(&c);
                    match l.strip_prefix("Method") {
                        Some(m) if !m.is_empty() => m.to_uppercase(),
                        _ if l.len() >= 3 && l.chars().all(|c| c.is_ascii_uppercase()) => {
                            l.to_string()
                        }
                        _ => "?".into(),
                    }
                }
                _ => "?".into(),
            },
            (None, None) => site
                .args
                .iter()
                .find_map(|a| {
                    pkg.resolve(a)
                        .get("method")
                        .and_then(|m| m.as_str().map(str::to_uppercase))
                })
                .or_else(|| {
                    site.args.first().and_then(|a| {
                        pkg.resolve(a)
                            .get("method")
                            .and_then(|m| m.as_str().map(str::to_uppercase))
                    })
                })
                .unwrap_or_else(|| "GET".into()),
        };
        if r.known_method
            && !matches!(
                method.as_str(),
                "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE"
            )
        {
            continue;
        }
        return Some((method, url.map(|u| u.0), arg));
    }
    None
}

/// The environment variables a call reads: its name argument (a literal or a constant), or
/// the names of a keyword (click `envvar="X"` / `envvar=["x", "X"]`).
fn site_env(tab: &Compiled, callee: &str, site: &Site, pkg: &Package) -> Vec<(String, String)> {
    if site.literal {
        return Vec::new();
    }
    let Some(r) = tab.file.env.iter().find(|r| {
        any_match(&r.callee, callee)
            && r.name_kw
                .as_ref()
                .is_none_or(|k| site.kwargs.iter().any(|(n, _)| n == k))
    }) else {
        return Vec::new();
    };
    let name_of = |v: &Value| match pkg.resolve(v) {
        Value::Str(s) => Some(s),
        // Go `os.Getenv(config.TokenEnv)`: a constant of another package of the module
        Value::Ident(p)
            if p.contains('.')
                && !p.contains(['(', ':'])
                && !p.starts_with("self.")
                && !p.starts_with("this.") =>
        {
            match pkg.resolve(&Value::Ident(
                p.rsplit('.').next().unwrap_or(&p).to_string(),
            )) {
                Value::Str(s) => Some(s),
                _ => None,
            }
        }
        _ => None,
    };
    if let Some(k) = &r.name_kw {
        return match site
            .kwargs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| pkg.resolve(v))
        {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(name_of)
                .map(|n| (n, r.form.clone()))
                .collect(),
            Some(v) => name_of(&v)
                .map(|n| (n, r.form.clone()))
                .into_iter()
                .collect(),
            None => Vec::new(),
        };
    }
    let name = r
        .name_arg
        .and_then(|i| site.args.get(i))
        .and_then(name_of)
        .or_else(|| site.args.first().and_then(name_of));
    if !r.requires_call.is_empty() {
        // viper keys: only with AutomaticEnv, as the env var name it reads
        let Some(key) = name.filter(|_| pkg.first_call(&r.requires_call).is_some()) else {
            return Vec::new();
        };
        let prefix = pkg
            .calls(&r.prefix_call)
            .find_map(|s| s.args.first().and_then(name_of));
        let env = match prefix {
            Some(p) => format!("{p}_{key}"),
            None => key,
        };
        return vec![(env.to_uppercase().replace(['-', '.'], "_"), r.form.clone())];
    }
    name.filter(|n| !r.skip_prefix.iter().any(|p| n.starts_with(p.as_str())))
        .map(|n| (n, r.form.clone()))
        .into_iter()
        .collect()
}

fn site_endpoint(
    tab: &Compiled,
    callee: &str,
    site: &Site,
    pkg: &Package,
    path: &str,
) -> Option<Endpoint> {
    if site.literal {
        return None;
    }
    if let Some((_, url, written)) = http_call_at(tab, callee, site, pkg) {
        let arg = written.map(|a| pkg.resolve(a));
        let (url, source, env) = match (url, &arg) {
            // `process.env.X || "https://default"`, `os.getenv("X", "https://default")`: the
            // env var, with the default URL
            (Some(u), Some(v)) if env_source(v).is_some() => (u, "env", env_source(v)),
            (Some(u), _) => {
                let src = match written {
                    Some(Value::Str(_)) => "literal",
                    Some(Value::Template(_)) | Some(Value::Call { .. }) => "template",
                    // Rust `format!("https://host/{}", id)`
                    Some(Value::Expr(e)) if e.starts_with("format!(\"http") => "template",
                    _ => "constant",
                };
                (u, src, None)
            }
            (None, Some(v)) => match env_source(v) {
                Some(e) => (format!("${{{e}}}"), "env", Some(e)),
                None => return None,
            },
            _ => return None,
        };
        return Some(Endpoint {
            host: host_of(&url),
            url,
            file: path.to_string(),
            line: site.line,
            source: source.into(),
            env_var: env,
        });
    }
    for r in &tab.file.sdk_host {
        if !any_match(&r.callee, callee) {
            continue;
        }
        let arg0 = site.args.first().map(|a| pkg.resolve(a));
        if !r.host_kw.is_empty() {
            // a keyword argument, or a key of an options object (`new PostHog(key, { host })`)
            let v = r
                .host_kw
                .iter()
                .find_map(|k| option_value(site, k))
                .map(|v| pkg.resolve(v))?;
            let (host, env) = match (&v, url_of(&v, pkg)) {
                (_, Some((u, _))) => (host_of(&u)?, env_source(&v)),
                (Value::Str(h), None)
                    if (h.contains('.')
                        && h.chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'))
                        || h == "localhost" =>
                {
                    (h.to_lowercase(), None)
                }
                (other, None) => {
                    let e = env_source(other)?;
                    return Some(Endpoint {
                        url: format!("${{{e}}}"),
                        host: None,
                        file: path.to_string(),
                        line: site.line,
                        source: "env".into(),
                        env_var: Some(e),
                    });
                }
            };
            let host = r.host.replace("{kw_host}", &host);
            let source = if env.is_some() { "env" } else { "sdk" };
            return Some(Endpoint {
                url: format!("https://{host}"),
                host: Some(host),
                file: path.to_string(),
                line: site.line,
                source: source.into(),
                env_var: env,
            });
        }
        let host = if r.arg0_url {
            let u = url_of(arg0.as_ref()?, pkg)?;
            r.host.replace("{arg0_host}", &host_of(&u.0)?)
        } else if r.arg0_service {
            let svc = arg0.as_ref()?.as_str()?.to_string();
            r.host.replace("{arg0}", &svc)
        } else if r.host.contains("{callee_aws}") {
            // JS `S3Client`; Rust `aws_sdk_s3::Client::new` (the crate names the service)
            let svc = match callee
                .split('.')
                .find_map(|seg| seg.strip_prefix("aws_sdk_"))
            {
                Some(s) => s.to_string(),
                None => {
                    let last = callee.rsplit('.').next().unwrap_or(callee);
                    match last.strip_suffix("Client") {
                        Some(s) if !s.is_empty() => s.to_lowercase(),
                        _ => continue,
                    }
                }
            };
            r.host.replace("{callee_aws}", &svc)
        } else if r.host.contains("{callee_pkg}") {
            let pkg_name = callee.rsplit('.').nth(1)?.to_lowercase();
            r.host.replace("{callee_pkg}", &pkg_name)
        } else {
            r.host.clone()
        };
        return Some(Endpoint {
            url: format!("https://{host}"),
            host: Some(host),
            file: path.to_string(),
            line: site.line,
            source: "sdk".into(),
            env_var: None,
        });
    }
    None
}

/// A URL a value evaluates to: (url, how it was known).
fn url_of(v: &Value, pkg: &Package) -> Option<(String, &'static str)> {
    url_of_d(v, pkg, 0)
}

fn url_of_d(v: &Value, pkg: &Package, depth: usize) -> Option<(String, &'static str)> {
    if depth > 8 {
        return None;
    }
    // the names in a value defined in another file are that file's names
    let (r, at) = pkg.resolve_at(v);
    let saved = pkg.cur.get();
    pkg.cur.set(at);
    let out = url_of_resolved(&r, pkg, depth);
    pkg.cur.set(saved);
    out
}

fn url_of_resolved(r: &Value, pkg: &Package, depth: usize) -> Option<(String, &'static str)> {
    let deeper = |v: &Value| url_of_d(v, pkg, depth + 1);
    match r {
        Value::Str(s) if is_url(s) => Some((s.clone(), "literal")),
        Value::Template(t) => {
            let inner = t
                .trim_start_matches(['f', 'F', 'r'])
                .trim_matches(['`', '"', '\'']);
            if is_url(inner) {
                return Some((inner.to_string(), "template"));
            }
            // `${BASE}/x` / f"{BASE}/x": the base is a URL constant (or evaluates to a URL)
            let head = inner
                .strip_prefix("${")
                .or_else(|| inner.strip_prefix('{'))?;
            let end = head.find('}')?;
            let (name, rest) = (&head[..end], &head[end + 1..]);
            let (base, _) = deeper(&text_value(name))?;
            Some((format!("{base}{rest}"), "constant"))
        }
        Value::Expr(e) => {
            let e = e.trim();
            // Rust `format!("{}/x", BASE_URL)`, `format!("https://host/{id}")`
            if let Some(f) = rust_format(e, pkg) {
                let written = e
                    .trim_start_matches("format!")
                    .trim_start_matches(['(', ' '])
                    .starts_with("\"http");
                let how = if written { "template" } else { "constant" };
                return is_url(&f).then_some((f, how));
            }
            // `(a || b).replace(...)`: the parenthesised part
            if let Some(inner) = e
                .strip_prefix('(')
                .and_then(|x| x.find(')').map(|i| &x[..i]))
            {
                if let Some(u) = deeper(&Value::Expr(inner.to_string())) {
                    return Some(u);
                }
            }
            // `process.env.X || DEFAULT_URL`, `a ?? b`, Python `a or b`: the first operand
            // that is a URL
            for sep in ["||", "??", " or "] {
                if e.contains(sep) {
                    if let Some(u) = e.split(sep).find_map(|part| deeper(&text_value(part))) {
                        return Some(u);
                    }
                }
            }
            // string concatenation: BASE + "/x" with BASE a URL constant
            if let Some((l, rest)) = e.split_once('+') {
                let l = l.trim();
                // `url.toString() + "?" + query`, `url.href + ...`
                let l = l
                    .strip_suffix(".toString()")
                    .or_else(|| l.strip_suffix(".href"))
                    .unwrap_or(l);
                if !l.is_empty()
                    && l.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
                {
                    if let Some((base, _)) = deeper(&Value::Ident(l.to_string())) {
                        let rest = rest.trim();
                        let lit = rest
                            .strip_prefix('"')
                            .and_then(|r| r.strip_suffix('"'))
                            .filter(|r| !r.contains('"'));
                        return Some((format!("{base}{}", lit.unwrap_or("")), "constant"));
                    }
                }
            }
            // "https://..." + id
            let q = e.find("http")?;
            let tail = &e[q..];
            let end = tail.find(['"', '\'', '`']).unwrap_or(tail.len());
            let u = &tail[..end];
            is_url(u).then(|| (u.to_string(), "literal"))
        }
        Value::Call { callee, args, .. } => {
            let last = callee.last_segment()?;
            match last {
                // Go `fmt.Sprintf("https://api.example.com/v1/%s", id)`: the format string
                "Sprintf" => {
                    // `fmt.Sprintf("%s/v1/x", baseURL)`: a URL constant first
                    if let Some(rest) = args
                        .first()?
                        .as_str()
                        .and_then(|f| f.strip_prefix("%s").or_else(|| f.strip_prefix("%v")))
                    {
                        let (base, _) = deeper(args.get(1)?)?;
                        return Some((format!("{base}{rest}"), "constant"));
                    }
                    let (u, how) = deeper(args.first()?)?;
                    Some((u, if how == "literal" { "template" } else { how }))
                }
                // `new URL(x)`, `new URL(path, base)`, Python `urljoin(base, path)`
                "URL" => match args.get(1) {
                    Some(base) => deeper(base),
                    None => deeper(args.first()?),
                },
                "urljoin" => deeper(args.first()?),
                // an environment read with a URL default: `os.getenv("X", "https://...")`
                _ if env_source(r).is_some() => deeper(args.get(1)?),
                // string methods keep the URL: `(a || b).replace(/\/+$/, "")`, `base.rstrip("/")`
                "replace" | "trim" | "trimEnd" | "toString" | "rstrip" | "strip" => {
                    match callee.as_ref() {
                        Value::Member(inner, _) => deeper(inner),
                        Value::Ident(p) => deeper(&Value::Ident(p.rsplit_once('.')?.0.to_string())),
                        _ => None,
                    }
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// An operand written in source (`DEFAULT_URL`, `"https://x"`, `` `${A}/b` ``) as a value.
fn text_value(t: &str) -> Value {
    let t = t.trim();
    let quoted = |q: char| t.len() >= 2 && t.starts_with(q) && t.ends_with(q);
    if quoted('`') || (t.starts_with(['f', 'F']) && t[1..].starts_with(['"', '\''])) {
        Value::Template(t.to_string())
    } else if quoted('"') || quoted('\'') {
        Value::Str(t[1..t.len() - 1].to_string())
    } else if !t.is_empty()
        && t.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '$')
    {
        Value::Ident(t.to_string())
    } else {
        Value::Expr(t.to_string())
    }
}

fn is_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://")) && s.len() > 10
}

pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = if host.starts_with('[') {
        host
    } else {
        host.split(':').next()?
    };
    // `https://api.example.com${path}`: the host ends where the interpolation starts
    let host = match host.find(['$', '{']) {
        Some(i) if host[..i].contains('.') && !host[..i].ends_with(['.', '-']) => &host[..i],
        _ => host,
    };
    (!host.is_empty() && !host.contains(['$', '{', '}', '%'])).then(|| host.to_lowercase())
}

/// `process.env.X`, `os.getenv("X")`, `os.environ["X"]` as a value.
fn env_source(v: &Value) -> Option<String> {
    match v {
        Value::Ident(p) => p.strip_prefix("process.env.").map(String::from),
        // Rust `env::var("X").unwrap()`, `.expect(..)`, `.unwrap_or(..)`: the read itself
        Value::Call { callee, .. } if matches!(callee.as_ref(), Value::Member(_, m) if matches!(m.as_str(), "unwrap" | "expect" | "unwrap_or" | "unwrap_or_else" | "unwrap_or_default" | "ok" | "map_err" | "context" | "with_context")) =>
        {
            let Value::Member(inner, _) = callee.as_ref() else {
                return None;
            };
            env_source(inner)
        }
        Value::Call { callee, args, .. } => {
            let c = callee.path()?;
            let rust = ["env::var", "env::var_os", "dotenvy::var", "dotenv::var"];
            if c.ends_with("getenv")
                || c.ends_with("environ.get")
                || c.ends_with("Getenv")
                || c.ends_with("env.var")
                || rust.iter().any(|r| c.ends_with(r))
            {
                args.first()?.as_str().map(String::from)
            } else {
                None
            }
        }
        Value::Expr(e) => {
            // process.env.X + "/x"; Go os.Getenv("X") + "/x"
            let (i, skip) = match e.find("process.env.") {
                Some(i) => (i, 12),
                None => (e.find("Getenv(\"")?, 8),
            };
            let name: String = e[i + skip..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        }
        _ => None,
    }
}

/// The arguments of a call written out, nested calls and lists included
/// (`(stdin(), stdout())` → `[stdin(), stdout()]`).
fn args_text(site: &Site) -> String {
    fn write(v: &Value, out: &mut String, depth: usize) {
        match v {
            Value::Array(items) if depth < 4 => {
                out.push('[');
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write(x, out, depth + 1);
                }
                out.push(']');
            }
            Value::Call { callee, args, .. } if depth < 4 => {
                write(callee, out, depth + 1);
                out.push('(');
                for (i, x) in args.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write(x, out, depth + 1);
                }
                out.push(')');
            }
            Value::Member(base, m) if depth < 4 => {
                write(base, out, depth + 1);
                out.push('.');
                out.push_str(m);
            }
            other => out.push_str(&other.text()),
        }
    }
    let mut out = String::new();
    for (i, a) in site.args.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write(a, &mut out, 0);
    }
    out
}

/// `named(&args_text(site))` without building the text: `args_text` joins its pieces with
/// separators that are no word characters (`, `, `(`, `)`, `[`, `]`, `.`), so a word of the
/// text is a word of one piece. `named` must look for whole words only.
fn args_have_word(site: &Site, named: &dyn Fn(&str) -> bool) -> bool {
    fn piece(v: &Value, named: &dyn Fn(&str) -> bool, depth: usize) -> bool {
        match v {
            Value::Array(items) if depth < 4 => items.iter().any(|x| piece(x, named, depth + 1)),
            Value::Call { callee, args, .. } if depth < 4 => {
                piece(callee, named, depth + 1) || args.iter().any(|x| piece(x, named, depth + 1))
            }
            Value::Member(base, m) if depth < 4 => piece(base, named, depth + 1) || named(m),
            // `text()` is the name itself when it is short enough not to be truncated
            Value::Ident(t) | Value::Num(t) | Value::Template(t) | Value::Expr(t)
                if t.len() <= crate::value::MAX_TEXT =>
            {
                named(t)
            }
            other => named(&other.text()),
        }
    }
    site.args.iter().any(|a| piece(a, named, 0))
}

fn option_value<'s>(site: &'s Site, key: &str) -> Option<&'s Value> {
    site.kwargs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .or_else(|| site.args.iter().find_map(|a| a.get(key)))
}

fn bind_of(r: &BindRule, site: &Site, pkg: &Package) -> Option<String> {
    // a host or port given but not known statically (`app.listen(config.port, config.host)`)
    // is `?`; a Node callback in the host position is no host
    let val = |v: Option<&Value>| -> Option<String> {
        let v = pkg.resolve_deep(v?, 0);
        match &v {
            Value::Str(s) | Value::Num(s) => Some(s.clone()),
            Value::Func(_) | Value::Null => None,
            other => Some(
                env_source(other)
                    .map(|e| format!("env:{e}"))
                    .unwrap_or_else(|| "?".into()),
            ),
        }
    };
    let kw = |k: &Option<String>| {
        k.as_deref()
            .and_then(|k| site.kwargs.iter().find(|(n, _)| n == k).map(|(_, v)| v))
    };
    let opt = |k: &Option<String>| {
        k.as_deref()
            .and_then(|k| site.args.iter().find_map(|a| a.get(k)))
    };
    if r.addr_arg.is_some() || r.addr_kw.is_some() {
        let v = r
            .addr_arg
            .and_then(|a| site.args.get(a))
            .or_else(|| kw(&r.addr_kw))?;
        return addr_value(&pkg.resolve(v), pkg);
    }
    let host = val(r.host_arg.and_then(|i| site.args.get(i)))
        .or_else(|| val(kw(&r.host_kw)))
        .or_else(|| val(opt(&r.option_host)));
    let port = val(r.port_arg.and_then(|i| site.args.get(i)))
        .or_else(|| val(kw(&r.port_kw)))
        .or_else(|| val(opt(&r.option_port)));
    if host.is_none() && port.is_none() {
        return None;
    }
    // a Node callback in the host position is not a host
    let host = host
        .filter(|h| !h.is_empty())
        .or_else(|| r.default_host.clone());
    Some(match (host, port) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h,
        (None, Some(p)) => format!("?:{p}"),
        (None, None) => return None,
    })
}

/// A `host:port` address as written (Go `":8080"`, `":" + port`, `fmt.Sprintf(":%d", p)`,
/// `os.Getenv("ADDR")`, a `flag.String("addr", ":8080", ...)` default). An empty host is every
/// interface (`*`); a port that is not literal is `?`, or `${NAME}` from an env var.
fn addr_value(v: &Value, pkg: &Package) -> Option<String> {
    let all = |a: String| {
        if a.starts_with(':') {
            format!("*{a}")
        } else {
            a
        }
    };
    if let Some(a) = rust_addr(v, pkg) {
        return Some(a);
    }
    match v {
        Value::Str(a) | Value::Num(a) => Some(all(a.clone())),
        Value::Expr(e) => {
            // "host:" + port
            let lit = e.trim().strip_prefix('"')?;
            let (host, rest) = lit.split_once('"')?;
            rest.trim_start().starts_with('+').then_some(())?;
            let port = env_source(v)
                .map(|n| format!("${{{n}}}"))
                .unwrap_or_else(|| "?".into());
            host.ends_with(':').then(|| all(format!("{host}{port}")))
        }
        Value::Call { callee, args, .. } => match callee.last_segment()? {
            "Sprintf" => {
                let f = args.first()?.as_str()?;
                let (host, port) = f.split_once(':')?;
                (!host.contains('%') && port.starts_with('%')).then(|| all(format!("{host}:?")))
            }
            "String" if callee.path().is_some_and(|p| p.ends_with("flag.String")) => {
                addr_value(&pkg.resolve(args.get(1)?), pkg)
            }
            _ => env_source(v).map(|e| format!("env:{e}")),
        },
        other => env_source(other).map(|e| format!("env:{e}")),
    }
}

/// Rust spellings of an address: `([0, 0, 0, 0], 8080)` / `("127.0.0.1", 8080)` tuples,
/// `SocketAddr::from(..)`, `ADDR.parse::<SocketAddr>()`, `"..".to_string()`, and
/// `format!("0.0.0.0:{}", port)` (a port that is not a constant is `?`).
fn rust_addr(v: &Value, pkg: &Package) -> Option<String> {
    match v {
        Value::Array(items) if items.len() == 2 => {
            let host = match pkg.resolve(&items[0]) {
                Value::Array(oct) if oct.len() == 4 => {
                    let num = |x: &Value| match x {
                        Value::Num(n) => Some(n.clone()),
                        _ => None,
                    };
                    let o: Vec<String> = oct.iter().map(num).collect::<Option<_>>()?;
                    o.join(".")
                }
                Value::Str(h) => h,
                Value::Ident(i) if i.ends_with("UNSPECIFIED") => "0.0.0.0".into(),
                Value::Ident(i) if i.ends_with("LOCALHOST") => "127.0.0.1".into(),
                _ => return None,
            };
            let port = match pkg.resolve(&items[1]) {
                Value::Num(p) | Value::Str(p) => p,
                _ => "?".into(),
            };
            Some(format!("{host}:{port}"))
        }
        Value::Call { callee, args, .. } => {
            let text = callee.text();
            let text = match text.find("::<") {
                Some(i) => &text[..i],
                None => &text,
            };
            if text.ends_with("SocketAddr::from") || text.ends_with("SocketAddr.from") {
                return rust_addr(&pkg.resolve(args.first()?), pkg)
                    .or_else(|| addr_value(&pkg.resolve(args.first()?), pkg));
            }
            let base = [".parse", ".into", ".to_string", ".to_owned", ".unwrap"]
                .iter()
                .find_map(|m| text.strip_suffix(m))?;
            let base = match base.strip_prefix('"').and_then(|b| b.strip_suffix('"')) {
                Some(lit) => Value::Str(lit.to_string()),
                None => pkg.resolve(&Value::Ident(base.to_string())),
            };
            match base {
                Value::Str(a) => Some(if a.starts_with(':') {
                    format!("*{a}")
                } else {
                    a
                }),
                _ => None,
            }
        }
        Value::Expr(e) => {
            let f = rust_format(e, pkg)?;
            let host = f.rsplit_once(':').map(|(h, _)| h)?;
            (!host.is_empty() && !host.contains('{')).then(|| {
                let port = f.rsplit_once(':').map(|(_, p)| p).unwrap_or("?");
                let port = if port.contains('{') { "?" } else { port };
                format!("{host}:{port}")
            })
        }
        _ => None,
    }
}

/// The text `format!("...", args)` evaluates to, as far as it is known: placeholders filled
/// with string / number constants (`{}` positional, `{NAME}` inline), others kept as `{..}`.
fn rust_format(expr: &str, pkg: &Package) -> Option<String> {
    let inner = expr.trim().strip_prefix("format!")?.trim_start();
    let inner = inner.strip_prefix('(')?.strip_suffix(')')?.trim();
    let lit_end = inner.strip_prefix('"')?.find('"')? + 1;
    let lit = &inner[1..lit_end];
    let rest: Vec<&str> = inner[lit_end + 1..]
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect();
    let known =
        |name: &str| match pkg.resolve(&Value::Ident(name.trim_start_matches('&').to_string())) {
            Value::Str(s) | Value::Num(s) => Some(s),
            _ => None,
        };
    let mut out = String::new();
    let mut next = 0;
    let mut chars = lit.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '{' {
            out.push(c);
            continue;
        }
        if lit[i + 1..].starts_with('{') {
            chars.next();
            out.push('{');
            continue;
        }
        let close = lit[i..].find('}')? + i;
        let spec = &lit[i + 1..close];
        let name = spec.split(':').next().unwrap_or("");
        let arg = if name.is_empty() {
            next += 1;
            rest.get(next - 1).copied()
        } else if let Ok(n) = name.parse::<usize>() {
            rest.get(n).copied()
        } else {
            Some(name)
        };
        match arg.and_then(known) {
            Some(v) => out.push_str(&v),
            None => out.push_str(&format!("{{{}}}", arg.unwrap_or(""))),
        }
        while chars.peek().is_some_and(|(j, _)| *j <= close) {
            chars.next();
        }
    }
    Some(out)
}

fn rebinding_of(r: &RebindingRule, callee: &str, site: &Site, pkg: &Package) -> Option<String> {
    let hit = |pats: &[String]| {
        pats.iter().any(|p| {
            if let Some((name, arg)) = p.strip_suffix(')').and_then(|p| p.split_once('(')) {
                // `WithDisableLocalhostProtection(true)`: the call with that first argument
                callee_matches(name, callee)
                    && site.args.first().is_some_and(|a| match a {
                        Value::Str(x) => x == arg,
                        other => other.text().eq_ignore_ascii_case(arg),
                    })
            } else if let Some((k, v)) = p.split_once(": ").or_else(|| p.split_once('=')) {
                option_value(site, k).is_some_and(|x| match x {
                    Value::Bool(b) => b.to_string().eq_ignore_ascii_case(v),
                    // Rust `allowed_hosts: vec![]`: an empty list
                    Value::Array(items) if items.is_empty() => v == "[]",
                    other => other.text().eq_ignore_ascii_case(v),
                })
            } else {
                // an option set to nil / null / undefined declares nothing
                callee_matches(p, callee)
                    || option_value(site, p).is_some_and(|v| *v != Value::Null)
            }
        })
    };
    // a host option naming a host that is not loopback: the SDK adds no check
    let loopback = || {
        let Some(v) = r.host_option.as_deref().and_then(|k| option_value(site, k)) else {
            return true;
        };
        match pkg.resolve_deep(v, 0) {
            Value::Str(h) => matches!(h.as_str(), "127.0.0.1" | "localhost" | "::1"),
            _ => true,
        }
    };
    if hit(&r.off) {
        Some("declared-off".into())
    } else if hit(&r.on) && loopback() {
        Some("declared-on".into())
    } else {
        None
    }
}

/// TypeScript: the server object is created once at module scope and connected to a new
/// transport inside a request handler (`app.post("/mcp", async (req, res) => { const t = new
/// StreamableHTTPServerTransport(..); await server.connect(t) })`): one server shared by the
/// sessions of every client (CVE-2026-25536 for SDK 1.10.0–1.25.3).
fn shared_instance(
    pkg: &Package,
    view: &FileView,
    server_vars: &[String],
    tab: &Compiled,
    s: &Server,
) -> Option<Feature> {
    let route_calls: Vec<&String> = tab
        .file
        .transport
        .iter()
        .flat_map(|r| &r.route_call)
        .collect();
    let in_route = |site: &Site| {
        view.sites.iter().any(|(c, o)| {
            o.byte < site.byte
                && site.byte < o.end
                && route_calls.iter().any(|p| callee_matches(p, c))
                && o.args
                    .first()
                    .and_then(|a| a.as_str())
                    .is_some_and(|p| p.starts_with('/'))
        })
    };
    let connect = view.sites.iter().find(|(c, site)| {
        c.rsplit_once('.').is_some_and(|(recv, m)| {
            m == "connect"
                && server_vars
                    .iter()
                    .any(|v| recv == v || recv == format!("{v}.server"))
        }) && in_route(site)
    })?;
    // the server object itself: created outside every function of its file
    let ev = pkg.files.iter().find(|v| v.f.path == s.entry.file)?;
    let at = ev.sites.iter().find(|(_, o)| o.line == s.entry.line)?.1;
    let module_scope = !ev
        .f
        .facts
        .fn_spans
        .iter()
        .any(|f| f.span.0 <= at.byte && at.byte < f.span.1);
    module_scope.then(|| Feature {
        name: "shared-instance".into(),
        file: view.f.path.clone(),
        line: connect.1.line,
    })
}

/// A request header check of the project's own: a function that reads one of `headers`
/// (`headers.get("host")`, `r.Header.Get("Origin")`, `req.get("authorization")`,
/// `request.headers.get("Authorization")`) and rejects in the same function (an error raised,
/// thrown or returned, a response whose arguments name one of `codes`: `403`, `Unauthorized`,
/// `http.StatusForbidden`...). The line of the header read.
fn header_guard(view: &FileView, headers: &[&str], codes: &[&str]) -> Option<u32> {
    let reads = |site: &Site| {
        let last = site.callee.rsplit('.').next().unwrap_or("");
        matches!(
            last,
            "get" | "Get" | "getHeader" | "get_header" | "header" | "headers" | "Values"
        ) && site
            .args
            .first()
            .and_then(|a| a.as_str())
            .is_some_and(|h| headers.iter().any(|x| h.eq_ignore_ascii_case(x)))
    };
    fn deep(v: &Value, out: &mut String, depth: usize) {
        match v {
            Value::Object(fields) if depth < 3 => {
                for (_, x) in fields {
                    deep(x, out, depth + 1);
                }
            }
            Value::Array(items) if depth < 3 => items.iter().for_each(|x| deep(x, out, depth + 1)),
            Value::Call { args, .. } if depth < 3 => {
                args.iter().for_each(|x| deep(x, out, depth + 1))
            }
            other => {
                out.push_str(&other.text());
                out.push(' ');
            }
        }
    }
    let rejects = |site: &Site| {
        let last = site.callee.rsplit('.').next().unwrap_or("");
        let l = last.to_ascii_lowercase();
        let whole = site.callee.to_ascii_lowercase();
        if whole.contains("log") || whole.starts_with("console.") || whole.contains("warn") {
            return false; // `logger.error(..)` reports, it does not reject
        }
        if l.ends_with("error") || l.ends_with("exception") || l == "abort" {
            return true;
        }
        let mut t = String::new();
        site.args
            .iter()
            .chain(site.kwargs.iter().map(|(_, v)| v))
            .for_each(|v| deep(v, &mut t, 0));
        codes.iter().any(|c| t.contains(c))
    };
    let sites: Vec<&Site> = view.sites.iter().map(|(_, s)| *s).collect();
    // scopes: named functions, and calls taking an inline callback (`app.mount("/mcp", (req)
    // => { .. })`)
    let scopes = view.f.facts.fn_spans.iter().map(|f| f.span).chain(
        sites
            .iter()
            .filter(|s| s.args.iter().any(|a| matches!(a, Value::Func(_))))
            .map(|s| (s.byte, s.end)),
    );
    scopes.into_iter().find_map(|span| {
        let inside = |s: &&&Site| span.0 <= s.byte && s.byte < span.1;
        let read = sites.iter().filter(inside).find(|s| reads(s))?;
        sites
            .iter()
            .filter(inside)
            .any(|s| rejects(s))
            .then_some(read.line)
    })
}

/// The project's own DNS-rebinding guard: a check of the `Host` or `Origin` header that rejects.
fn host_guard(view: &FileView) -> Option<u32> {
    header_guard(
        view,
        &["host", "origin"],
        &[
            "403",
            "421",
            "Forbidden",
            "StatusMisdirectedRequest",
            "HTTP_403",
        ],
    )
}

/// The project's own authentication: a check of the `Authorization` (or API-key) header that
/// rejects with 401 / 403.
fn auth_guard(view: &FileView) -> Option<u32> {
    header_guard(
        view,
        &["authorization", "x-api-key", "api-key", "x-auth-token"],
        &["401", "403", "Unauthorized", "Forbidden", "HTTP_401"],
    )
}

/// The SDK's default bind address (sdk-surface.md §2, §3): Python `mcp` FastMCP listened on
/// every interface before 1.9.1 (a lockfile or an exact pin says which version runs).
fn sdk_default_bind(sdk: &str, version: Option<&str>, locked: Option<&str>) -> Option<String> {
    match sdk {
        "mcp" if version_below(mcp_pinned(version, locked), (1, 9, 1)) => {
            Some("0.0.0.0:8000 (SDK default)".into())
        }
        "mcp" | "fastmcp" => Some("127.0.0.1:8000 (SDK default)".into()),
        _ => None,
    }
}

/// Python `mcp`: the version a lockfile pins, else an exact pin (`mcp==1.22.0`); a
/// requirement range says little about what is installed.
fn mcp_pinned<'v>(version: Option<&'v str>, locked: Option<&'v str>) -> Option<&'v str> {
    locked.or(version.filter(|v| {
        let v = v.trim();
        v.starts_with("==") || v.starts_with(|c: char| c.is_ascii_digit())
    }))
}

/// The SDK's DNS-rebinding default (sdk-surface.md §10.2), for current SDK versions (and the
/// version that introduced it, when the server's SDK version is known).
///
/// `locked`: the version a lockfile pins, which decides over the declared requirement.
fn sdk_default_rebinding(
    sdk: &str,
    bind: Option<&str>,
    version: Option<&str>,
    locked: Option<&str>,
) -> &'static str {
    let loopback = bind.is_some_and(|b| {
        b.starts_with("127.0.0.1") || b.starts_with("localhost") || b.starts_with("[::1]")
    });
    // Python `mcp`: a lockfile or an exact pin (`mcp==1.22.0`) below 1.23.0 means no
    // automatic protection
    let pinned = mcp_pinned(version, locked);
    let version = locked.or(version);
    match sdk {
        "mcp" if version_below(pinned, (1, 23, 0)) => "sdk-default-off",
        "mark3labs/mcp-go" if version_below(version, (0, 56, 0)) => "sdk-default-off",
        "modelcontextprotocol/go-sdk" if version_below(version, (1, 4, 0)) => "sdk-default-off",
        // rmcp: Host allowlist (loopback) on Streamable HTTP since 1.4.0
        "rmcp" if version_below(version, (1, 4, 0)) => "sdk-default-off",
        "mcp" if loopback => "sdk-default-on",
        "rmcp" | "mark3labs/mcp-go" | "modelcontextprotocol/go-sdk" => "sdk-default-on",
        _ => "sdk-default-off",
    }
}

/// Is a declared version (`v0.55.0`, `^1.2`, `0.3.1-pre`) known to be below `min`?
fn version_below(version: Option<&str>, min: (u32, u32, u32)) -> bool {
    let Some(v) = version else { return false };
    let v = v.trim_start_matches(|c: char| !c.is_ascii_digit());
    let mut parts = v
        .split(|c: char| !c.is_ascii_digit())
        .map(|p| p.parse::<u32>().ok());
    let (Some(Some(a)), b, c) = (parts.next(), parts.next().flatten(), parts.next().flatten())
    else {
        return false;
    };
    (a, b.unwrap_or(0), c.unwrap_or(0)) < min
}

// ------------------------------------------------------------------------------ credentials

/// The package's env wrappers, found once: functions with an env read (a call of the table's
/// `[[env]]` or `process.env[x]` / `os.environ[x]`) whose name is one of their parameters.
fn env_wrappers<'p>(pkg: &'p Package, tab: &Compiled) -> &'p HashMap<String, EnvWrapper> {
    pkg.env_wrappers.get_or_init(|| {
        let mut out = HashMap::new();
        for (fi, view) in pkg.files.iter().enumerate() {
            // (the variable holding the env name, byte, form)
            let mut reads: Vec<(&str, usize, String)> = Vec::new();
            for r in &view.f.facts.env_refs {
                if let (Some(n), Some(base)) = (&r.name, r.form.strip_suffix("[ident]")) {
                    reads.push((n.as_str(), r.byte, base.to_string()));
                }
            }
            for (callee, site) in &view.sites {
                let Some(rule) = tab
                    .file
                    .env
                    .iter()
                    .find(|r| r.name_kw.is_none() && any_match(&r.callee, callee))
                else {
                    continue;
                };
                if let Some(Value::Ident(n)) = site.args.get(rule.name_arg.unwrap_or(0)) {
                    reads.push((n.as_str(), site.byte, rule.form.clone()));
                }
            }
            for (n, byte, form) in reads {
                if matches!(pkg.file_syms[fi].get(n), Some(Value::Str(_))) {
                    continue; // a constant, not a parameter
                }
                let Some(func) = view
                    .f
                    .facts
                    .fn_spans
                    .iter()
                    .filter(|s| s.span.0 <= byte && byte < s.span.1)
                    .min_by_key(|s| s.span.1 - s.span.0)
                else {
                    continue;
                };
                let Some(Value::Func(info)) = pkg.file_syms[fi].get(func.name.as_str()).copied()
                else {
                    continue;
                };
                let names: Vec<&str> = info
                    .params
                    .iter()
                    .map(|p| p.name.trim_start_matches(['.', '*']))
                    .collect();
                let skip = usize::from(names.first().is_some_and(|p| *p == "self" || *p == "cls"));
                let rest_of = |p: &str| {
                    info.param_text.contains(&format!("...{p}"))
                        || info.param_text.contains(&format!("*{p}"))
                };
                // the parameter itself, or a loop over a rest parameter (`for (const n of names)`)
                let found = match names.iter().position(|p| *p == n) {
                    Some(i) => Some((i, rest_of(n))),
                    None => names.iter().position(|p| rest_of(p)).map(|i| (i, true)),
                };
                if let Some((i, rest)) = found.filter(|(i, _)| *i >= skip) {
                    let form = format!("{form} via {}()", func.name);
                    out.entry(func.name.clone()).or_insert(EnvWrapper {
                        param: i - skip,
                        rest,
                        form,
                    });
                }
            }
        }
        out
    })
}

/// The env vars a call of an env wrapper reads: its literal (or constant) name arguments.
fn wrapper_env(
    pkg: &Package,
    tab: &Compiled,
    callee: &str,
    site: &Site,
    f: &SourceFile,
) -> Vec<(String, String)> {
    // `params.get("x")` is not a call of the package's `get(key)`
    if foreign_method_call(callee, f, pkg) {
        return Vec::new();
    }
    let last = callee.rsplit('.').next().unwrap_or(callee);
    let Some(w) = env_wrappers(pkg, tab).get(last) else {
        return Vec::new();
    };
    let args: Vec<&Value> = if w.rest {
        site.args.iter().skip(w.param).collect()
    } else {
        site.args.get(w.param).into_iter().collect()
    };
    args.into_iter()
        .filter_map(|a| match pkg.resolve(a) {
            Value::Str(s) => Some((s, w.form.clone())),
            _ => None,
        })
        .collect()
}

/// The environment variables a file reads without a call: (name, form, line, byte).
/// `process.env[NAME]` / `os.environ[NAME]` count when `NAME` is a string constant; the fields
/// of a pydantic-settings class are `PREFIX` + field in upper case, or their alias.
fn env_reads(f: &SourceFile, pkg: &Package) -> Vec<(String, String, u32, usize)> {
    let mut out = Vec::new();
    let refs = &f.facts.env_refs;
    // pydantic-settings: the class a ref belongs to is the last class starting at or before it
    let classes: Vec<usize> = refs
        .iter()
        .filter(|r| r.form == "pydantic-settings-class")
        .map(|r| r.byte)
        .collect();
    let class_of = |b: usize| classes.iter().copied().filter(|c| *c <= b).max();
    // `process.env.X = v` / `os.environ["X"] = v` set a variable for others to read
    let writes: BTreeSet<usize> = refs
        .iter()
        .filter(|r| r.form == "env-write")
        .map(|r| r.byte)
        .collect();
    for r in refs {
        let Some(n) = &r.name else { continue };
        if writes.contains(&r.byte) {
            continue;
        }
        match r.form.as_str() {
            "pydantic-settings-class" | "pydantic-settings-prefix" | "pydantic-settings-alias" => {}
            "pydantic-settings" => {
                let alias = refs
                    .iter()
                    .find(|a| a.form == "pydantic-settings-alias" && a.byte == r.byte);
                let name = match alias.and_then(|a| a.name.clone()) {
                    Some(a) => a,
                    None => {
                        let class = class_of(r.byte);
                        let prefix = refs
                            .iter()
                            .filter(|p| {
                                p.form == "pydantic-settings-prefix"
                                    && class.is_some()
                                    && class_of(p.byte) == class
                            })
                            .find_map(|p| p.name.clone())
                            .unwrap_or_default();
                        format!("{prefix}{n}").to_uppercase()
                    }
                };
                out.push((name, r.form.clone(), r.line, r.byte));
            }
            form => match form.strip_suffix("[ident]") {
                Some(base) => {
                    if let Value::Str(name) = pkg.resolve(&Value::Ident(n.clone())) {
                        out.push((name, base.to_string(), r.line, r.byte));
                    }
                }
                None => out.push((n.clone(), r.form.clone(), r.line, r.byte)),
            },
        }
    }
    out
}

fn env_var(name: String, form: String, file: &str, line: u32) -> EnvVar {
    EnvVar {
        secret_like: is_secret_name(&name),
        name,
        file: file.to_string(),
        line,
        form,
    }
}

fn sort_env(v: &mut Vec<EnvVar>) {
    v.sort_by(|a, b| (&a.name, &a.file, a.line).cmp(&(&b.name, &b.file, b.line)));
    v.dedup_by(|a, b| a.name == b.name && a.file == b.file && a.line == b.line);
}

fn sort_endpoints(v: &mut Vec<Endpoint>) {
    v.sort_by(|a, b| (&a.url, &a.file, a.line).cmp(&(&b.url, &b.file, b.line)));
    v.dedup_by(|a, b| a.url == b.url && a.file == b.file && a.line == b.line);
}

/// Does an environment variable or field name look like it holds a credential?
pub fn is_secret_name(name: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)(token|secret|passw|pwd|api[_-]?key|apikey|private[_-]?key|credential|auth|access[_-]?key|client[_-]?secret|session[_-]?key|cookie|bearer|signing[_-]?key|(^|_)pat$|(^|_)key$|dsn$|database[_-]?url|db[_-]?url|conn(ection)?[_-]?str)")
            .expect("secret-name regex")
    })
    .is_match(name)
}

/// Known token shapes, by kind.
const TOKEN_PREFIXES: &[(&str, &str)] = &[
    ("github-token", r"^(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}$"),
    ("github-token", r"^github_pat_[A-Za-z0-9_]{40,}$"),
    ("openai-key", r"^sk-(proj-)?[A-Za-z0-9_-]{20,}$"),
    ("anthropic-key", r"^sk-ant-[A-Za-z0-9_-]{20,}$"),
    ("stripe-key", r"^(sk|rk)_(live|test)_[A-Za-z0-9]{16,}$"),
    ("slack-token", r"^xox[abposr]-[A-Za-z0-9-]{10,}$"),
    ("aws-access-key", r"^(AKIA|ASIA)[A-Z0-9]{16}$"),
    ("google-api-key", r"^AIza[0-9A-Za-z_-]{35}$"),
    ("private-key", r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    (
        "jwt",
        r"^eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$",
    ),
];

/// Prefixes of keys that are public by design (embedded in web pages and apps): PostHog
/// project keys, Stripe publishable keys, Mapbox public tokens.
const PUBLIC_KEY_PREFIXES: &[&str] = &["phc_", "pk_live_", "pk_test_", "pk.eyJ"];

/// Hosts of DSNs whose user part is a public, ingest-only key (Sentry).
const PUBLIC_DSN_HOSTS: &[&str] = &["sentry.io", "ingest.sentry.io", "ingest.us.sentry.io"];

/// Passwords that are the well-known default of a local development database or broker.
const DEFAULT_PASSWORDS: &[&str] = &[
    "postgres",
    "password",
    "passwd",
    "pass",
    "root",
    "admin",
    "secret",
    "changeme",
    "mysql",
    "guest",
    "example",
    "test",
    "dev",
    "local",
    "user",
    "default",
    "neo4j",
    "redis",
    "mongo",
    "minioadmin",
    "sa",
];

/// Words that make a literal a placeholder or a documentation value, not a credential: what
/// secret scanners keep as stopwords (AWS's documented `AKIAIOSFODNN7EXAMPLE`, `sk-xxxx`,
/// `<token>`, a value cut short with `...`).
const PLACEHOLDER_WORDS: &[&str] = &[
    "your",
    "xxx",
    "example",
    "changeme",
    "placeholder",
    "<",
    "${",
    "{{",
    "todo",
    "dummy",
    "fake",
    "sample",
    "redacted",
    "***",
    "...",
    "\u{2026}",
    "replace_me",
    "replace-me",
    "insert_",
    "put_your",
];

/// The kind of secret a literal is, if it is one: a known token shape anywhere, or a
/// high-entropy literal assigned to a secret-like name. Placeholders, documentation
/// examples, publishable keys, key templates (`"app:{session_id}:state"`), readable names
/// and DSNs with a default password are not secrets.
pub fn secret_kind(name: Option<&str>, value: &str) -> Option<String> {
    static RES: OnceLock<Vec<(&'static str, Regex)>> = OnceLock::new();
    let res = RES.get_or_init(|| {
        TOKEN_PREFIXES
            .iter()
            .map(|(k, p)| (*k, Regex::new(p).expect("token regex")))
            .collect()
    });
    let v = value.trim();
    let lower = v.to_lowercase();
    let placeholder = PLACEHOLDER_WORDS.iter().any(|p| lower.contains(p));
    if placeholder || PUBLIC_KEY_PREFIXES.iter().any(|p| v.starts_with(p)) {
        return None;
    }
    // a name saying the value is public (`NEXT_PUBLIC_...`, `publishableKey`)
    if name.is_some_and(|n| {
        let n = n.to_lowercase();
        n.contains("public") || n.contains("publishable")
    }) {
        return None;
    }
    if let Some((k, _)) = res.iter().find(|(_, re)| re.is_match(v)) {
        return Some(k.to_string());
    }
    // a URL or DSN (`postgresql://user:pass@host/db`): only a password in it can be one
    if v.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    }) {
        return url_secret(v).then(|| "high-entropy".into());
    }
    // test values (`test-key-123`) are placeholders when not a known token shape
    if lower.contains("test") {
        return None;
    }
    // a URN (`urn:ietf:params:oauth:token-type:saml2`) names something
    if lower.starts_with("urn:") {
        return None;
    }
    // a template (`"fastmcp:task:{session_id}:state"`, `"user:%s"`): a key pattern
    static HOLE: OnceLock<Regex> = OnceLock::new();
    let hole = HOLE.get_or_init(|| {
        Regex::new(r"\{[A-Za-z_][A-Za-z0-9_]*\}|\{\}|%[sdv]|\$[A-Za-z_]").expect("hole regex")
    });
    if hole.is_match(v) {
        return None;
    }
    // words joined by separators are names, not secrets: env var names (`GRAFANA_API_TOKEN`),
    // header names, paths (`/.well-known/oauth-protected-resource`), URNs, readable keys
    // (`my-service-request-state-key!!`)
    let pieces: Vec<&str> = v
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // (each piece letters with at most two digits after, in one case or camelCase:
    // `__Host-CSRF_TOKEN`, `ElasticGumbyFrontEndService`, `token-type:saml2`; not the mixed
    // case of a generated key)
    let word = |w: &&str| {
        let letters = w.trim_end_matches(|c: char| c.is_ascii_digit());
        let upper = letters.chars().filter(|c| c.is_ascii_uppercase()).count();
        !letters.is_empty()
            && w.len() - letters.len() <= 2
            && letters.chars().all(|c| c.is_ascii_alphabetic())
            && (upper == letters.len() || upper * 3 <= letters.len())
    };
    let words = !pieces.is_empty() && pieces.iter().all(word);
    if name.is_some_and(is_secret_name)
        && v.len() >= 16
        && !v.contains(' ')
        && !words
        && entropy(v) >= 3.5
    {
        return Some("high-entropy".into());
    }
    None
}

/// Does a URL literal carry a credential? Only a password in its user part that is not a
/// local default (`postgres:postgres@localhost`), and not a public DSN key (Sentry).
fn url_secret(v: &str) -> bool {
    let Some(rest) = v.split_once("://").map(|x| x.1) else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return false;
    };
    let host = host.split(':').next().unwrap_or(host).to_lowercase();
    if PUBLIC_DSN_HOSTS
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")))
    {
        return false;
    }
    let Some((user, pass)) = userinfo.split_once(':') else {
        return false;
    };
    let local = matches!(
        host.as_str(),
        "localhost" | "127.0.0.1" | "0.0.0.0" | "[::1]" | "host.docker.internal"
    );
    let default = pass == user || DEFAULT_PASSWORDS.contains(&pass.to_lowercase().as_str());
    !(pass.is_empty() || default || (local && entropy(pass) < 3.0))
}

fn entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = *c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

pub fn fingerprint(value: &str) -> String {
    let d = Sha256::digest(value.as_bytes());
    d.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// Secrets passed literally as keyword / option arguments (`OpenAI(api_key="sk-...")`).
fn secrets_in_site(site: &Site, path: &str, out: &mut Vec<HardcodedSecret>) {
    let mut check = |k: &str, v: &Value| {
        if let Value::Str(text) = v {
            if let Some(kind) = secret_kind(Some(k), text) {
                out.push(HardcodedSecret {
                    kind,
                    name: Some(k.to_string()),
                    file: path.to_string(),
                    line: site.line,
                    fingerprint: fingerprint(text),
                });
            }
        }
    };
    for (k, v) in &site.kwargs {
        check(k, v);
    }
    // an env read with a literal fallback: `os.getenv("API_KEY", "<literal>")`
    if site.callee.to_ascii_lowercase().contains("env") {
        if let (Some(Value::Str(name)), Some(v)) = (site.args.first(), site.args.get(1)) {
            let env_like = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            if env_like {
                check(name, v);
            }
        }
    }
    for a in &site.args {
        if let Value::Object(pairs) = a {
            for (k, v) in pairs {
                check(k, v);
            }
        }
    }
}

/// Helper functions that MCP files call but no parsed file of their package defines, as
/// needles that find their definitions (`function name`, `def name`, `fn name`,
/// `func name`, `name = (`): the second pass parses the files that contain them, so a
/// handler's helpers in marker-less files are followed too.
pub fn wanted_helpers<'a>(
    files: impl IntoIterator<Item = &'a SourceFile>,
    key_of: &dyn Fn(&SourceFile) -> crate::assemble::PackageKey,
) -> BTreeMap<crate::assemble::PackageKey, Vec<String>> {
    let mut defined: HashMap<crate::assemble::PackageKey, BTreeSet<&str>> = HashMap::new();
    let mut called: BTreeMap<crate::assemble::PackageKey, (Lang, BTreeSet<&str>)> = BTreeMap::new();
    for f in files {
        let key = key_of(f);
        let d = defined.entry(key.clone()).or_default();
        d.extend(f.facts.fn_spans.iter().map(|s| s.name.as_str()));
        if f.facts.regs.is_empty() && f.facts.servers.is_empty() && f.facts.fn_spans.is_empty() {
            continue;
        }
        let c = called.entry(key).or_insert((f.lang, BTreeSet::new()));
        let py_js = matches!(
            f.lang,
            Lang::Python | Lang::TypeScript | Lang::Tsx | Lang::JavaScript
        );
        for s in &f.facts.sites {
            // bare calls and method calls on this/self: the package's own functions;
            // Python / JS also methods of self's collaborators (`self.store.save()`) and
            // functions of imported modules (`API.issueRequest()`, `utils.helper()`)
            // Rust: `storage::prune(..)`, `crate::util::f(..)`, `Self::f(..)`: a function of a
            // module of the crate (a path of lower-case modules) or of the same type
            if f.lang == Lang::Rust {
                if let Some((path, name)) = s.callee.rsplit_once("::") {
                    let module_path = path.split("::").all(|m| {
                        m == "Self" || m.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
                    });
                    let external = ["std", "core", "alloc", "tokio", "serde_json"]
                        .contains(&path.split("::").next().unwrap_or(""));
                    if module_path
                        && !external
                        && name.len() >= 4
                        && name.chars().all(|c| c.is_alphanumeric() || c == '_')
                    {
                        c.1.insert(name);
                    }
                    continue;
                }
                // `self.field.f(..)`: a method of a collaborator type of the package
                if let Some((_, name)) = s
                    .callee
                    .strip_prefix("self.")
                    .and_then(|m| m.split_once('.'))
                {
                    if name.len() >= 4 && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                        c.1.insert(name);
                    }
                    continue;
                }
            }
            // Go: methods on any value (the receiver's name is free: `h.lookup()`), and
            // functions of the module's other packages (`logging.Setup()`): an import that is
            // not the standard library
            if f.lang == Lang::Go && !s.literal {
                let (head, name) = s.callee.rsplit_once('.').unwrap_or(("", s.callee.as_str()));
                let head = head.split('.').next().unwrap_or(head);
                let std_import = f.facts.imports.iter().any(|i| {
                    i.alias
                        .as_deref()
                        .unwrap_or_else(|| i.source.rsplit('/').next().unwrap_or(&i.source))
                        == head
                        && !i.source.split('/').next().unwrap_or("").contains('.')
                });
                if !std_import
                    && name.len() >= 4
                    && name.chars().all(|c| c.is_alphanumeric() || c == '_')
                {
                    c.1.insert(name);
                }
                continue;
            }
            let name = match s.callee.split_once('.') {
                None => s.callee.as_str(),
                Some(("this" | "self", rest)) if !rest.contains('.') => rest,
                Some(("this" | "self", rest)) if py_js => rest.rsplit('.').next().unwrap_or(rest),
                Some((head, rest)) if py_js && !rest.contains('.') && imports_name(f, head) => rest,
                _ => continue,
            };
            if name.len() >= 4 && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                c.1.insert(name);
            }
        }
    }
    called
        .into_iter()
        .filter_map(|(k, (lang, names))| {
            let d = defined.get(&k);
            let mut needles: Vec<String> = names
                .into_iter()
                .filter(|n| !d.is_some_and(|d| d.contains(n)))
                .flat_map(|n| definition_needles(lang, n))
                .collect();
            // files of the package that read the environment: the server's credentials and
            // settings are read wherever its package reads them
            needles.extend(env_needles(lang).iter().map(|n| n.to_string()));
            needles.extend(transport_needles(lang).iter().map(|n| n.to_string()));
            (!needles.is_empty()).then_some((k, needles))
        })
        .collect()
}

/// Python / JS: a method call on a value that is neither this object, a collaborator of it
/// (`self.store.save()`), nor an imported module (`utils.helper()`): `r.json().set(...)` is the
/// client library's `set`, not the package's function of that name.
/// Go: the definitions a call can reach. `pkg.Func()` of an imported package: a file of a
/// directory named like the package; a bare `Func()`: a file of the caller's directory (its
/// package); a method (`x.Method()`, `pkg.New().Method()`): any, but not one called on a
/// capitalised field (`c.Search.Dashboards()`: a client's service).
fn go_callable(callee: &str, caller: &SourceFile, def_path: &str) -> bool {
    let dir = |p: &str| {
        p.rsplit_once('/')
            .map(|(d, _)| d.to_string())
            .unwrap_or_default()
    };
    match callee.split_once('.') {
        None => dir(def_path) == dir(&caller.path),
        Some((head, rest)) if !rest.contains(['.', '(']) && !head.contains('(') => {
            let names = go_import_aliases(caller);
            let imported = caller.facts.imports.iter().any(|i| {
                let own = i
                    .source
                    .rsplit('/')
                    .find(|p| !(p.starts_with('v') && p[1..].chars().all(|c| c.is_ascii_digit())));
                i.alias.as_deref() == Some(head)
                    || own == Some(head)
                    || names.iter().any(|(_, n)| n == head)
            });
            !imported || dir(def_path).rsplit('/').next() == Some(head)
        }
        // `c.Search.Dashboards()`, `client.Issues.Create()`: a method of a client's service
        // field, not of the package
        _ => !callee.rsplit('.').nth(1).is_some_and(|f| {
            f.starts_with(|c: char| c.is_ascii_uppercase()) && !f.contains(['(', ')'])
        }),
    }
}

fn foreign_method_call(callee: &str, f: &SourceFile, pkg: &Package) -> bool {
    if !matches!(
        f.lang,
        Lang::Python | Lang::TypeScript | Lang::Tsx | Lang::JavaScript
    ) {
        return false;
    }
    match callee.split_once('.') {
        None => false,
        Some(("this" | "self" | "cls" | "super()", _)) => false,
        Some((head, _)) => {
            !imports_name(f, head)
                && !head.starts_with(char::is_uppercase)
                && !is_module_of(pkg, head)
        }
    }
}

/// A function of a module imported from outside the package (`subprocess.run(..)`,
/// `fs.readFile(..)`): it is not the package's function of the same name.
fn external_module_call(callee: &str, f: &SourceFile, pkg: &Package) -> bool {
    let Some((head, _)) = callee.split_once('.') else {
        return false;
    };
    let external = match f.lang {
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => f
            .facts
            .links
            .iter()
            .find(|l| l.local == head)
            .is_some_and(|l| !l.source.starts_with(['.', '/'])),
        // `import subprocess`, `import os.path`, `import numpy as np`
        Lang::Python => f.facts.imports.iter().any(|i| {
            let first = i.source.split('.').next().unwrap_or("");
            !i.source.starts_with('.')
                && match &i.alias {
                    Some(a) => a == head,
                    None => first == head,
                }
        }),
        _ => false,
    };
    external
        && !is_module_of(pkg, head)
        && !pkg
            .files
            .iter()
            .any(|v| v.f.path.split('/').any(|d| d == head))
}

/// Is `name` a module of the package (`notes` for `notes.py` / `notes.ts`), bound by an import
/// the facts do not record (`from . import notes`)?
fn is_module_of(pkg: &Package, name: &str) -> bool {
    pkg.files.iter().any(|v| {
        let file = v.f.path.rsplit('/').next().unwrap_or(&v.f.path);
        file.split('.').next() == Some(name)
    })
}

/// Does a file bind `name` by an import (JS/TS module binding, Python import alias)?
fn imports_name(f: &SourceFile, name: &str) -> bool {
    f.facts.links.iter().any(|l| l.local == name)
        || f.facts.imports.iter().any(|i| match &i.alias {
            Some(a) => a == name,
            // `import a.b` binds `a`; `from m import a` (source `m.a`) binds `a`
            None => {
                i.source.split('.').next() == Some(name)
                    || i.source.rsplit('.').next() == Some(name)
            }
        })
}

/// Text that marks an environment read, per language (Go reads are found in the files parsed
/// anyway).
fn env_needles(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Python => &[
            "os.environ",
            "os.getenv",
            "getenv(",
            "environ[",
            "environ.get(",
            "BaseSettings",
            "envvar=",
        ],
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => &["process.env", "Deno.env"],
        // std::env::var / env::var_os, env!/option_env!, dotenvy, clap `#[arg(env = "X")]`
        Lang::Rust => &[
            "env::var", "env!(", "dotenv", "env = \"", ", env)", ", env,",
        ],
        _ => &[],
    }
}

/// Text that marks a transport being started (Python / JS): the entry file that connects
/// `new FilteredStdioServerTransport()` or calls `uvicorn.run(app)` often has no SDK import.
fn transport_needles(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Python => &[
            "uvicorn.run",
            "run(transport",
            "streamable_http_app",
            "sse_app(",
        ],
        // fastmcp (npm) `server.start({ transportType: "httpStream" })`
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => {
            &["ServerTransport(", ".listen(", "transportType"]
        }
        _ => &[],
    }
}

fn definition_needles(lang: Lang, name: &str) -> Vec<String> {
    match lang {
        Lang::Python => vec![format!("def {name}(")],
        Lang::Rust => vec![format!("fn {name}("), format!("fn {name}<")],
        Lang::Go => vec![format!("func {name}("), format!(") {name}(")],
        _ => vec![
            format!("function {name}("),
            format!("function {name}<"),
            format!("{name} = ("),
            format!("{name} = async ("),
        ],
    }
}

/// The handler of a Go tool, from where its definition is registered:
/// 1. the registration around it: `s.AddTool(mcp.NewTool(...), h)`, `mcp.AddTool(srv,
///    &mcp.Tool{...}, h)`, `server.ServerTool{Tool: ..., Handler: h}`, or a project wrapper
///    taking a function literal after it (`NewTool(meta, mcp.Tool{...}, func(...) {...})`);
/// 2. a tool held in a package variable or returned by a function (`func fooTool() mcp.Tool`):
///    the `AddTool` / `ServerTool` of the package that registers that variable or call;
/// 3. a tool in a local variable: the next `AddTool` of the same function;
/// 4. a function building exactly one tool and registering none (`return mcp.NewTool(...),
///    func(...) {...}`): that whole function.
pub fn go_handler(pkg: &Package, f: &SourceFile, tool_line: u32) -> Option<Handler> {
    let last = |c: &str| c.rsplit('.').next().unwrap_or(c).to_string();
    let is_ctor = |c: &str| {
        let l = last(c);
        (l.ends_with("Tool") && !l.starts_with("Add") && !l.ends_with("ServerTool"))
            || l == "NewToolWithRawSchema"
    };
    let is_reg = |c: &str| last(c) == "AddTool";
    let sites = &f.facts.sites;
    let tool = sites
        .iter()
        .filter(|s| s.line == tool_line && is_ctor(&s.callee))
        .min_by_key(|s| s.byte)?;
    let handler = |file: &str, at: &Site, v: &Value| go_handler_value(pkg, file, at.line, v);
    // the tool argument of a registration: s.AddTool(tool, h) / mcp.AddTool(srv, tool, h)
    let reg_parts = |s: &Site| -> Option<(Value, Value)> {
        if is_reg(&s.callee) {
            let i = usize::from(s.args.len() >= 3);
            Some((s.args.get(i)?.clone(), s.args.get(i + 1)?.clone()))
        } else {
            let t = s.kwargs.iter().find(|(k, _)| k == "Tool")?.1.clone();
            let h = s.kwargs.iter().find(|(k, _)| k == "Handler")?.1.clone();
            Some((t, h))
        }
    };
    // 1. the innermost call or literal around the definition
    let enclosing = sites
        .iter()
        .filter(|s| {
            s.byte <= tool.byte && s.end >= tool.end && (s.byte, s.end) != (tool.byte, tool.end)
        })
        .max_by_key(|s| (s.byte, std::cmp::Reverse(s.end)));
    if let Some(e) = enclosing {
        if let Some((_, h)) = reg_parts(e) {
            return handler(&f.path, e, &h);
        }
        if let Some(h) = e
            .args
            .iter()
            .skip(1)
            .rev()
            .find(|a| matches!(a, Value::Func(_)))
        {
            return handler(&f.path, e, h);
        }
    }
    // a project wrapper taking the handler itself: `MustTool("name", "desc", handler, opts...)`
    let is_fn = |v: &&Value| match v {
        Value::Func(f) => f.span != (0, 0),
        Value::Ident(n) => pkg.fns.contains_key(n.rsplit('.').next().unwrap_or(n)),
        _ => false,
    };
    if let Some(h) = tool.args.iter().skip(1).find(is_fn) {
        return handler(&f.path, tool, h);
    }
    let within = f
        .facts
        .fn_spans
        .iter()
        .filter(|s| s.span.0 <= tool.byte && tool.end <= s.span.1)
        .min_by_key(|s| s.span.1 - s.span.0);
    // 2. registered by name elsewhere: the package variable holding it, or the function
    //    returning it
    let name = match within {
        Some(func) => Some(func.name.clone()),
        None => f.facts.symbols.iter().find_map(|(k, v)| match v {
            Value::Call { callee, args, .. }
                if callee.last_segment() == Some(last(&tool.callee).as_str())
                    && args.first() == tool.args.first() =>
            {
                Some(k.clone())
            }
            _ => None,
        }),
    };
    if let Some(name) = &name {
        let names_it = |v: &Value| match v {
            Value::Ident(n) => n == name || n.rsplit('.').next() == Some(name.as_str()),
            Value::Call { callee, .. } => callee.last_segment() == Some(name.as_str()),
            _ => false,
        };
        for view in &pkg.files {
            for (callee, s) in &view.sites {
                if !is_reg(callee) && !callee.ends_with("ServerTool") {
                    continue;
                }
                if let Some((t, h)) = reg_parts(s) {
                    if names_it(&t) {
                        return handler(&view.f.path, s, &h);
                    }
                }
            }
        }
    }
    let func = within?;
    // 3. a local variable: the next registration of the same function
    let next = sites
        .iter()
        .filter(|s| s.byte > tool.end && s.end <= func.span.1 && is_reg(&s.callee))
        .find(|s| reg_parts(s).is_some_and(|(t, _)| !matches!(&t, Value::Call { callee, .. } if callee.last_segment().is_some_and(is_ctor))));
    if let Some(s) = next {
        let (_, h) = reg_parts(s)?;
        return handler(&f.path, s, &h);
    }
    // 4. the function builds this one tool and its handler
    let in_func = |s: &&Site| func.span.0 <= s.byte && s.end <= func.span.1;
    let ctors = sites
        .iter()
        .filter(in_func)
        .filter(|s| is_ctor(&s.callee))
        .filter(|s| {
            !sites
                .iter()
                .any(|o| is_ctor(&o.callee) && o.byte < s.byte && s.end <= o.end)
        })
        .count();
    let regs = sites
        .iter()
        .filter(in_func)
        .any(|s| is_reg(&s.callee) || s.callee.ends_with("ServerTool"));
    (ctors == 1 && !regs).then(|| Handler::Span {
        file: f.path.clone(),
        span: func.span,
    })
}

/// A handler value: a function literal, a function or method by name, a handler wrapped by a
/// call (`mcp.NewTypedToolHandler(h)`, `withAuth(h)`), or a factory call (`makeHandler(db)`).
fn go_handler_value(pkg: &Package, file: &str, line: u32, v: &Value) -> Option<Handler> {
    let named = |n: &str| pkg.fns.contains_key(n.rsplit('.').next().unwrap_or(n));
    match v {
        Value::Func(func) if func.span != (0, 0) => Some(Handler::Span {
            file: file.to_string(),
            span: func.span,
        }),
        Value::Ident(n) => Some(Handler::Name {
            file: file.to_string(),
            name: n.clone(),
            line,
        }),
        Value::Call { callee, args, .. } => match (args.first(), callee.last_segment()) {
            (Some(w @ Value::Func(_)), _) => go_handler_value(pkg, file, line, w),
            (Some(w @ Value::Ident(n)), _) if named(n) => go_handler_value(pkg, file, line, w),
            (_, Some(c)) if named(c) => Some(Handler::Name {
                file: file.to_string(),
                name: c.to_string(),
                line,
            }),
            (Some(w @ Value::Call { .. }), _) => go_handler_value(pkg, file, line, w),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_paths_and_helpers() {
        assert_eq!(dotted("sqlx::query_as::"), "sqlx.query_as");
        assert_eq!(dotted("s.parse::().ok"), "s.parse().ok");
        // which package functions a Rust call can reach
        assert!(rust_callable("helper", None, None));
        assert!(!rust_callable("drop", Some("Guard"), None));
        assert!(rust_callable("Command::new", Some("Command"), None));
        assert!(!rust_callable("Command::new", Some("OpsHub"), None));
        assert!(rust_callable("storage::prune", None, None));
        assert!(rust_callable(
            "self.query_internal",
            Some("Svc"),
            Some("Svc")
        ));
        assert!(!rust_callable(
            "self.cloud.create_instance",
            Some("Svc"),
            Some("Svc")
        ));
        assert!(rust_callable(
            "self.cloud.create_instance",
            Some("CloudClient"),
            Some("Svc")
        ));
        assert!(rust_followable("self.cloud.pause") && !rust_followable("params.insert"));
        // format! text with constants filled in
        let pkg = Package::new(&[]);
        assert_eq!(
            rust_format(r#"format!("https://api.example.com/{}/x?q={q}", id)"#, &pkg).as_deref(),
            Some("https://api.example.com/{id}/x?q={q}")
        );
        assert_eq!(
            rust_addr(&Value::Expr(r#"format!("0.0.0.0:{}", port)"#.into()), &pkg).as_deref(),
            Some("0.0.0.0:?")
        );
        let tuple = Value::Array(vec![
            Value::Array(
                ["127", "0", "0", "1"]
                    .iter()
                    .map(|n| Value::Num(n.to_string()))
                    .collect(),
            ),
            Value::Num("8080".into()),
        ]);
        assert_eq!(rust_addr(&tuple, &pkg).as_deref(), Some("127.0.0.1:8080"));
    }

    #[test]
    fn tables_compile() {
        for lang in [Lang::TypeScript, Lang::Python, Lang::Rust, Lang::Go] {
            let (name, text) = tables_source(lang);
            compile_table(name, text).unwrap();
        }
    }

    #[test]
    fn callee_patterns() {
        assert!(callee_matches("fs.writeFile", "fs.writeFile"));
        assert!(callee_matches(
            "promises.writeFile",
            "fs.promises.writeFile"
        ));
        assert!(!callee_matches("exec", "re.exec"));
        assert!(callee_matches("exec", "exec"));
        assert!(callee_matches("*.insertOne", "db.users.insertOne"));
        assert!(!callee_matches("*.insertOne", "insertOne"));
        assert!(callee_matches("*.put_*", "s3.put_object"));
        assert!(!callee_matches("fs.writeFile", "myfs.writeFile"));
        assert!(callee_matches(
            "*StdioServerTransport",
            "FilteredStdioServerTransport"
        ));
        assert!(callee_matches(
            "*StdioServerTransport",
            "sdk.StdioServerTransport"
        ));
        assert!(!callee_matches(
            "*StdioServerTransport",
            "StdioClientTransport"
        ));
    }

    #[test]
    fn post_words_decide() {
        check_http_words().unwrap();
        let known = |u: &str| post_effect(Some(&url_text_of_known(u)));
        let built = |e: &str| post_effect(Some(&literal_parts(e, false)));
        assert_eq!(
            known("https://almsearch.dev.azure.com/org/_apis/search/codesearchresults?x=1").0,
            "network-read"
        );
        assert_eq!(
            known("https://api.example.com/v1/issues?search=x"),
            ("network-write", Some("medium"), false)
        );
        assert_eq!(known("https://es.local/logs-*/_msearch").0, "network-read");
        assert_eq!(
            known("https://graphql.anilist.co"),
            ("network-read", None, true)
        );
        assert_eq!(
            built(r#"baseURL+"/api/ds/query""#),
            ("network-read", None, false)
        );
        assert_eq!(
            built(r#"apiBaseURL+"/api/short-urls""#),
            ("network-write", Some("medium"), false)
        );
        assert_eq!(
            built(r#"c.baseURL + "/api/datasources/uid/" + c.uid + "/resources" + path"#),
            ("network-write", Some("low"), false)
        );
        assert_eq!(
            built(r#"base + "/v1/issues/" + id + "/comments""#),
            ("network-write", Some("high"), false)
        );
        assert_eq!(post_effect(None), ("network-write", Some("low"), false));
        assert_eq!(
            post_effect(Some(&literal_parts(
                "`${BASE}/api/users/${id}/delete`",
                true
            )))
            .1,
            Some("high")
        );
    }

    #[test]
    fn secrets() {
        assert_eq!(
            secret_kind(None, "ghp_abcdefghijklmnopqrstuvwxyz0123456789").as_deref(),
            Some("github-token")
        );
        assert_eq!(
            secret_kind(Some("API_KEY"), "q9X2mP7vL4kR8sT1wZ6yB3nC5"),
            Some("high-entropy".into())
        );
        assert_eq!(
            secret_kind(Some("API_KEY"), "your-api-key-here-please"),
            None
        );
        assert_eq!(secret_kind(Some("name"), "q9X2mP7vL4kR8sT1wZ6yB3nC5"), None);
        // documentation examples, publishable keys, templates, readable names, cut values
        assert_eq!(secret_kind(Some("KEY"), "AKIAIOSFODNN7EXAMPLE"), None);
        assert_eq!(
            secret_kind(Some("AWS_ACCESS_KEY_ID"), "AKIAQ3EGRT7XW4JL2N5M").as_deref(),
            Some("aws-access-key")
        );
        assert_eq!(
            secret_kind(Some("SECRET"), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            None
        );
        assert_eq!(
            secret_kind(
                Some("POSTHOG_API_KEY"),
                "phc_q9X2mP7vL4kR8sT1wZ6yB3nC5dF0gH"
            ),
            None
        );
        assert_eq!(
            secret_kind(Some("STATE_KEY"), "app:task:{session_id}:{task_id}:state"),
            None
        );
        assert_eq!(
            secret_kind(Some("STATE_KEY"), "my-service-request-state-key!!"),
            None
        );
        assert_eq!(
            secret_kind(Some("csrfCookieName"), "__Host-CSRF_TOKEN"),
            None
        );
        assert_eq!(
            secret_kind(Some("SERVICE_COOKIE"), "ElasticGumbyFrontEndService"),
            None
        );
        assert_eq!(
            secret_kind(Some("TokenHeader"), "X-Grafana-Service-Account-Token"),
            None
        );
        assert_eq!(
            secret_kind(Some("API_KEY"), "qXmPvLkRsTwZyBnCdFgHjKaE"),
            Some("high-entropy".into())
        );
        assert_eq!(secret_kind(Some("token"), "eyJhbGciOiJSUzI1NiIs..."), None);
        assert_eq!(
            secret_kind(
                Some("DB_DSN"),
                "postgresql://postgres:postgres@localhost:5432/app"
            ),
            None
        );
        assert_eq!(
            secret_kind(
                Some("DB_DSN"),
                "postgresql://app:Xq9vL2mR7tK4wZ8p@db.internal:5432/app"
            )
            .as_deref(),
            Some("high-entropy")
        );
        assert_eq!(
            secret_kind(
                Some("SENTRY_DSN"),
                "https://a1b2c3d4e5f6@o12345.ingest.sentry.io/678"
            ),
            None
        );
        assert_eq!(
            secret_kind(Some("AUTH_SERVER_URL"), "https://clerk7.example.com/x9Yq2"),
            None
        );
        assert_eq!(
            secret_kind(Some("tokenEnvVar"), "GRAFANA_SERVICE_ACCOUNT_TOKEN"),
            None
        );
        assert_eq!(
            secret_kind(Some("TokenTypeJWT"), "urn:ietf:params:oauth:token-type:jwt"),
            None
        );
        assert_eq!(
            secret_kind(
                Some("TokenTypeSAML2"),
                "urn:ietf:params:oauth:token-type:saml2"
            ),
            None
        );
        assert_eq!(
            secret_kind(
                Some("authEndpoint"),
                "/.well-known/oauth-authorization-server"
            ),
            None
        );
        assert!(
            is_secret_name("GITHUB_TOKEN")
                && is_secret_name("db_password")
                && !is_secret_name("LOG_LEVEL")
        );
        assert_eq!(
            host_of("https://api.example.com:8443/v1?q=1").as_deref(),
            Some("api.example.com")
        );
        assert_eq!(host_of("https://${HOST}/x"), None);
        assert_eq!(
            host_of("https://api.example.com${path}").as_deref(),
            Some("api.example.com")
        );
        assert_eq!(host_of("https://api-{region}.example.com/x"), None);
        assert_eq!(fingerprint("x").len(), 12);
    }

    #[test]
    fn go_addresses_and_versions() {
        let pkg = Package::new(&[]);
        let call = |c: &str, args: Vec<Value>| Value::Call {
            callee: Box::new(Value::Ident(c.into())),
            args,
            kwargs: vec![],
        };
        let addr = |v: Value| addr_value(&v, &pkg);
        assert_eq!(addr(Value::Str(":8080".into())).as_deref(), Some("*:8080"));
        assert_eq!(
            addr(Value::Str("127.0.0.1:8080".into())).as_deref(),
            Some("127.0.0.1:8080")
        );
        assert_eq!(
            addr(Value::Expr("\":\" + port".into())).as_deref(),
            Some("*:?")
        );
        assert_eq!(
            addr(Value::Expr("\"localhost:\" + os.Getenv(\"PORT\")".into())).as_deref(),
            Some("localhost:${PORT}")
        );
        assert_eq!(
            addr(call("fmt.Sprintf", vec![Value::Str(":%d".into())])).as_deref(),
            Some("*:?")
        );
        assert_eq!(
            addr(call("fmt.Sprintf", vec![Value::Str("%s:%d".into())])),
            None
        );
        assert_eq!(
            addr(call("os.Getenv", vec![Value::Str("ADDR".into())])).as_deref(),
            Some("env:ADDR")
        );
        assert_eq!(
            addr(call(
                "flag.String",
                vec![Value::Str("addr".into()), Value::Str(":9000".into())]
            ))
            .as_deref(),
            Some("*:9000")
        );
        assert!(version_below(Some("v0.55.0"), (0, 56, 0)));
        assert!(!version_below(Some("v0.56.0"), (0, 56, 0)));
        assert!(!version_below(Some("v1.6.0"), (1, 4, 0)));
        assert!(version_below(Some("1.3"), (1, 4, 0)));
        assert!(!version_below(None, (1, 4, 0)));
        assert_eq!(
            sdk_default_rebinding("mark3labs/mcp-go", None, Some("v0.40.0"), None),
            "sdk-default-off"
        );
        assert_eq!(
            sdk_default_rebinding("mark3labs/mcp-go", None, None, None),
            "sdk-default-on"
        );
    }

    #[test]
    fn callee_index_keeps_every_row_that_matches() {
        // every callee pattern of every table, as a callee, bare and on a receiver, plus a few
        // that only wildcards can match
        for lang in [Lang::TypeScript, Lang::Python, Lang::Rust, Lang::Go] {
            let tab = tables(lang);
            let mut callees: Vec<String> = vec![
                "x.y".into(),
                "FilteredStdioServerTransport".into(),
                "a.b.createSomething".into(),
                "".into(),
            ];
            let effect: Vec<&[String]> = tab.file.effect.iter().map(|r| &r.callee[..]).collect();
            let http: Vec<&[String]> = tab.file.http.iter().map(|r| &r.callee[..]).collect();
            for pats in effect.iter().chain(&http) {
                for p in pats.iter() {
                    let p = p.trim_start_matches("*.").trim_start_matches('*');
                    let p = p.trim_end_matches('*');
                    callees.push(p.to_string());
                    callees.push(format!("recv.{p}"));
                    callees.push(format!("recv.{p}Tail"));
                }
            }
            for (what, index, rows_pats) in [
                ("effect", &tab.effect_index, effect),
                ("http", &tab.http_index, http),
            ] {
                let mut matched = 0;
                for c in &callees {
                    let rows: Vec<usize> = index.rows(c).collect();
                    assert!(
                        rows.windows(2).all(|w| w[0] < w[1]),
                        "{c}: {what} rows in table order"
                    );
                    for (i, pats) in rows_pats.iter().enumerate() {
                        if any_match(pats, c) {
                            matched += 1;
                            assert!(rows.contains(&i), "{lang:?}: {c:?} matches {what} row {i}");
                        }
                    }
                }
                // every row's own patterns, made callees, match it
                assert!(matched >= rows_pats.len(), "{lang:?} {what}: {matched}");
                if what == "effect" {
                    assert!(matched > rows_pats.len(), "{lang:?}: {matched}");
                }
            }
        }
    }

    #[test]
    fn args_have_word_agrees_with_args_text() {
        let id = |t: &str| Value::Ident(t.to_string());
        let call = |c: Value, args: Vec<Value>| Value::Call {
            callee: Box::new(c),
            args,
            kwargs: vec![],
        };
        let long = "x".repeat(200) + "_Counter";
        let mut deep = id("Counter");
        for _ in 0..6 {
            deep = call(id("wrap"), vec![deep]);
        }
        let args = vec![
            vec![call(id("Counter::new"), vec![])],
            vec![Value::Member(
                Box::new(call(id("make"), vec![])),
                "Counter".into(),
            )],
            vec![Value::Array(vec![
                Value::Str("a Counter here".into()),
                id("other"),
            ])],
            vec![Value::Str("Counter\n".into())],
            vec![id(&long), Value::Num("7".into())],
            vec![deep],
            vec![Value::Object(vec![("k".into(), id("Counter"))])],
            vec![
                Value::Template("`${Counter}`".into()),
                Value::Bool(true),
                Value::Null,
            ],
            vec![],
        ];
        for name in ["Counter", "counter", "new", "x", "n", "wrap", ""] {
            let named = |t: &str| {
                !name.is_empty()
                    && t.split(|c: char| !c.is_alphanumeric() && c != '_')
                        .any(|w| w == name)
            };
            for a in &args {
                let site = Site {
                    callee: "serve".into(),
                    args: a.clone(),
                    kwargs: vec![],
                    line: 1,
                    column: 1,
                    byte: 0,
                    end: 0,
                    literal: false,
                    replaced: vec![],
                };
                assert_eq!(
                    args_have_word(&site, &named),
                    named(&args_text(&site)),
                    "{name:?} in {:?}",
                    args_text(&site)
                );
            }
        }
    }
}
