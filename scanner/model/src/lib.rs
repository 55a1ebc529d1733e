//! The language-neutral model of what mcpsweep finds: MCP servers, their tools, and the coverage
//! of the scan that found them. Serde only: no parsing, no I/O.
//!
//! This is the public contract behind the inventory JSON (`mcpsweep scan --format json`).
//! The JSON Schema printed by `mcpsweep schema` is generated from these types; a change to them
//! that is visible in JSON must bump [`SCHEMA_VERSION`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the inventory JSON contract. Bump the minor for additions, the major for
/// removals or renames.
pub const SCHEMA_VERSION: &str = "1.0.0";

/// The whole result of one scan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Inventory {
    /// Version of this document's schema (semver).
    pub schema_version: String,
    pub scanner: ScannerInfo,
    /// Every scanned root, in the order given on the command line after sorting.
    pub roots: Vec<Root>,
    /// Every MCP server found, sorted by root, dir, name and entry location.
    pub servers: Vec<Server>,
    /// MCP client configuration files found (filled by the config reader).
    pub configs: Vec<Config>,
    /// Audit findings (filled by the rule engine).
    pub findings: Vec<Finding>,
    pub coverage: Coverage,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScannerInfo {
    pub name: String,
    pub version: String,
}

/// A scan root: a folder or a repository given to the scanner.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Root {
    /// The root as given (display form, forward slashes). Every `file` elsewhere is relative
    /// to the root it belongs to.
    pub path: String,
    /// HEAD commit when the root is a git repository.
    pub commit: Option<String>,
    /// `ok`, or `error` when the root could not be read at all (see coverage.errors).
    pub status: String,
}

/// One MCP server: an SDK server object (or wrapper) and everything registered on it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Server {
    /// Stable identifier: `<root>:<dir>:<name>` (with `#N` when a package holds several
    /// servers of the same name).
    pub id: String,
    /// The scan root this server belongs to (as in `roots[].path`).
    pub root: String,
    /// The server's package folder relative to the root (nearest manifest), `""` for the root.
    pub dir: String,
    /// Declared server name (`new McpServer({name})`, `FastMCP("name")`, ...), else null.
    pub name: Option<String>,
    /// Declared server version, else the manifest's version, else null.
    pub version: Option<String>,
    /// `typescript`, `javascript`, `python`, `rust` or `go`.
    pub language: String,
    /// SDK identifier, e.g. `@modelcontextprotocol/sdk`, `mcp`, `fastmcp`, `rmcp`,
    /// `mark3labs/mcp-go`, `modelcontextprotocol/go-sdk`, `agents` (Cloudflare), `mcp-handler`.
    pub sdk: String,
    /// The SDK version requirement from the package manifest, when it names one.
    pub sdk_version: Option<String>,
    /// The package manifest the server was attributed to, relative to the root.
    pub manifest: Option<String>,
    /// Package name from that manifest.
    pub package: Option<String>,
    /// Where the server object is created (or, for a tool library without one, its first
    /// registration).
    pub entry: Location,
    /// How the server object was recognised, e.g. `ts.new-McpServer`, `py.FastMCP`,
    /// `rust.tool_router`, `go.NewMCPServer`, or `registrations-only` when tools were found
    /// in a package with no server object.
    pub kind: String,
    /// Transports served (filled by the exposure analysis; empty = not analysed yet).
    pub transports: Vec<Transport>,
    /// Authentication wiring (null = not analysed yet).
    pub auth: Option<Auth>,
    pub tools: Vec<Tool>,
    pub resources: Vec<Resource>,
    pub prompts: Vec<Prompt>,
    /// Environment variables read (filled by the credential analysis).
    pub env_vars: Vec<EnvVar>,
    /// Downstream endpoints called (filled by the endpoint analysis).
    pub endpoints: Vec<Endpoint>,
}

/// A source location: path relative to the scan root (forward slashes), 1-based line and column.
#[derive(
    Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

/// One tool as an MCP client would list it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// The registered name exactly as a client sees it (after mount prefixes). When `dynamic`
    /// is true this is the source text of the expression that computes it.
    pub name: String,
    /// True when the name is computed at run time and could not be resolved statically.
    pub dynamic: bool,
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// The registration style that produced it, e.g. `ts.registerTool`, `py.decorator`,
    /// `rust.tool-attr`, `go.mcp-go.NewTool`.
    pub registration: String,
    pub title: Option<String>,
    /// Description exactly as declared (string argument, config key, docstring or doc comment).
    pub description: Option<String>,
    /// Input parameters, in declaration order.
    pub params: Vec<Param>,
    /// False when an input schema exists but could not be read statically (a variable from
    /// another package, a computed schema...): `params` is then incomplete.
    pub params_resolved: bool,
    /// Annotations exactly as the code declares them.
    pub annotations: Annotations,
    /// Hints the SDK fills in when the code does not (e.g. mcp-go `NewTool` pre-sets
    /// destructiveHint=true); null when the SDK leaves them unset.
    pub sdk_default_annotations: Option<Annotations>,
    /// Whether the tool changes state: true / false / null (unknown).
    pub mutates: Option<bool>,
    /// The evidence behind `mutates`, strongest first.
    pub mutates_evidence: Vec<Evidence>,
    /// Side effects found in the handler (filled by the effect analysis).
    pub effects: Vec<Effect>,
}

/// One input parameter of a tool.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Param {
    pub name: String,
    /// JSON-Schema-like type (`string`, `number`, `integer`, `boolean`, `array`, `object`,
    /// `enum`...) or the source type when no mapping is known; null when not declared.
    #[serde(rename = "type")]
    pub ty: Option<String>,
    /// True / false when the declaration says; null when it cannot be told.
    pub required: Option<bool>,
    pub description: Option<String>,
}

/// MCP tool annotations (hints). Absent keys are `null`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Annotations {
    #[serde(rename = "readOnlyHint")]
    pub read_only_hint: Option<bool>,
    #[serde(rename = "destructiveHint")]
    pub destructive_hint: Option<bool>,
    #[serde(rename = "idempotentHint")]
    pub idempotent_hint: Option<bool>,
    #[serde(rename = "openWorldHint")]
    pub open_world_hint: Option<bool>,
    pub title: Option<String>,
}

impl Annotations {
    pub fn is_empty(&self) -> bool {
        *self == Annotations::default()
    }
}

/// One piece of evidence for a tool's `mutates` verdict.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// `effect`, `annotation`, `sdk-default`, `name` or `description`.
    pub source: String,
    /// What was seen, e.g. `readOnlyHint: true` or `name verb "delete"`.
    pub detail: String,
    /// What it points to: true = mutates, false = read-only.
    pub mutates: bool,
}

/// A side effect reached from a tool's handler.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Effect {
    /// `fs-write`, `fs-delete`, `exec`, `network-write`, `network-read`, `db-write`,
    /// `message-send`, `cloud-mutation`...
    pub kind: String,
    pub detail: String,
    pub file: String,
    pub line: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Registered name, or the URI when only a URI is declared.
    pub name: String,
    /// URI or URI template, when declared literally.
    pub uri: Option<String>,
    pub dynamic: bool,
    pub file: String,
    pub line: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    pub name: String,
    pub dynamic: bool,
    pub description: Option<String>,
    pub file: String,
    pub line: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Transport {
    /// `stdio`, `sse` or `streamable-http`.
    pub kind: String,
    pub path: Option<String>,
    pub bind: Option<String>,
    pub file: String,
    pub line: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Auth {
    /// `none`, `bearer`, `oauth` or `other`.
    pub kind: String,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EnvVar {
    pub name: String,
    pub file: String,
    pub line: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    pub url: String,
    pub host: Option<String>,
    pub file: String,
    pub line: u32,
}

/// An MCP client configuration file committed to a repository.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub root: String,
    pub file: String,
    pub client: String,
    pub servers: Vec<ConfigServer>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ConfigServer {
    pub name: String,
    pub kind: String,
    pub command: Option<String>,
    pub args: Vec<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub rule: String,
    pub severity: String,
    pub root: String,
    pub file: String,
    pub line: u32,
    pub message: String,
    pub server: Option<String>,
    pub tool: Option<String>,
}

/// What was and was not analysed. A file listed in `errors` was not analysed: nothing in this
/// document vouches for it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// Files the walker listed (after ignore rules and include/exclude globs).
    pub files_seen: u64,
    /// Files whose bytes matched an SDK marker and were handed to the parser.
    pub files_candidates: u64,
    /// Candidate files parsed without error.
    pub files_parsed: u64,
    /// Bytes read.
    pub bytes_read: u64,
    /// Files skipped on purpose, by reason (`binary`, `too-large`, `test-code`...).
    pub skipped: Vec<SkipCount>,
    /// Files or roots that could not be analysed, each with the reason.
    pub errors: Vec<CoverageError>,
    /// Registrations found but not fully resolved (dynamic names, unknown schemas...).
    pub unresolved: Vec<Unresolved>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SkipCount {
    pub reason: String,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct CoverageError {
    pub root: String,
    pub file: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Unresolved {
    pub root: String,
    pub file: String,
    pub line: u32,
    /// What could not be resolved and why.
    pub reason: String,
}

/// The JSON Schema of [`Inventory`], generated from these types. `schema/inventory.schema.json`
/// holds the published copy; a test fails when the two differ.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Inventory);
    let mut s = serde_json::to_string_pretty(&schema).expect("the schema serialises");
    s.push('\n');
    s
}
