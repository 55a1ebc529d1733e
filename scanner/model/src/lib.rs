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
pub const SCHEMA_VERSION: &str = "1.4.0";

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
    /// Where the server is defined: `application` (code someone deploys), `example` (examples,
    /// demos, tutorials, documentation code), `test` (test code, fixtures, servers behind a test
    /// harness such as Go `httptest`) or `library` (the code of an MCP SDK or framework package
    /// itself, outside its examples and tests). Audit rules report on `application` and
    /// `example` servers unless a rule says otherwise.
    #[serde(default = "application")]
    pub context: String,
    /// Where the SDK dependency is declared (its line in the manifest) and the version a
    /// lockfile pins, when one does.
    #[serde(default)]
    pub sdk_dependency: Option<SdkDependency>,
    /// SDK features the server's package uses that advisories depend on (`openapi-provider`,
    /// `shared-instance`: one server object connected to the transports of many sessions).
    #[serde(default)]
    pub features: Vec<Feature>,
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
    /// Environment variables read anywhere in the server's package.
    pub env_vars: Vec<EnvVar>,
    /// Downstream endpoints called anywhere in the server's package.
    pub endpoints: Vec<Endpoint>,
    /// Secrets written into the server's source (never the value).
    pub secrets: Vec<HardcodedSecret>,
    /// Data flows found in the server's package outside tool handlers (an inbound token
    /// forwarded downstream, OAuth metadata opened as a URL...).
    #[serde(default)]
    pub flows: Vec<Flow>,
    /// Code patterns found in the server's package that audit rules read (a path checked by
    /// string prefix, a token verified without audience, TLS verification turned off...).
    #[serde(default)]
    pub observations: Vec<Observation>,
    /// Client configs in the scanned roots whose entries launch this server.
    pub launched_by: Vec<ConfigRef>,
    /// Manifests that publish this server (registry server.json, smithery.yaml, MCPB,
    /// npm `mcpName`, Dockerfile label).
    pub published_by: Vec<ConfigRef>,
    /// Who probably owns the server: its CODEOWNERS rule and the top committers of its folder.
    /// Null when the root has neither a CODEOWNERS file nor a git history to look at.
    #[serde(default)]
    pub owners: Option<Owners>,
}

/// Owner hints of a server: hints for routing a question, not an authority.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Owners {
    /// The CODEOWNERS rule that applies to the server's entry file (the last matching rule,
    /// as GitHub applies them), from the first of `.github/CODEOWNERS`, `CODEOWNERS`,
    /// `docs/CODEOWNERS` that exists; null when no file exists or no rule matches.
    pub codeowners: Option<CodeownersRule>,
    /// The (at most 3) authors of the most commits touching the server's folder, in the
    /// history that was read (see `history`): most commits first, then by name. Bots
    /// (`[bot]` names) are left out. Empty for a folder that is not a git repository.
    pub top_committers: Vec<Committer>,
    /// The history the committers were counted from; null for a folder that is not a git
    /// repository.
    pub history: Option<OwnerHistory>,
}

/// One CODEOWNERS rule.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CodeownersRule {
    /// The CODEOWNERS file, relative to the root.
    pub file: String,
    /// 1-based line of the rule.
    pub line: u32,
    /// The rule's pattern as written.
    pub pattern: String,
    /// The owners as written (`@user`, `@org/team`, or an e-mail address the repository
    /// published as an owner). Empty when the rule leaves the path without an owner.
    pub owners: Vec<String>,
}

/// An author of commits touching a server's folder. Commit e-mail addresses are personal data
/// and are not kept: only the GitHub login of a `users.noreply.github.com` address, or the
/// domain of any other address.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Committer {
    /// The author name of their newest commit (no mailmap applied).
    pub name: String,
    /// GitHub login, when the author e-mail is a GitHub no-reply address.
    pub login: Option<String>,
    /// Domain of the author e-mail (`acme.com`), when it is not a no-reply address.
    pub email_domain: Option<String>,
    /// Commits touching the folder in the history that was read.
    pub commits: u32,
    /// Author date (YYYY-MM-DD, in the author's time zone) of the newest of those commits.
    pub latest: String,
}

/// The part of a repository's history owner hints were counted from.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OwnerHistory {
    /// Commits read from HEAD, newest first (merge commits are read but not counted).
    pub commits_walked: u32,
    /// Of those, non-merge commits that changed the server's folder.
    pub commits_touching: u32,
    /// True when the repository is a shallow clone: the oldest commit read stands for all
    /// the history before it (a depth-1 clone has one commit, its author the only committer).
    pub shallow: bool,
    /// True when the walk stopped at its bound (1,000 commits) before the end of the history.
    pub truncated: bool,
}

fn application() -> String {
    "application".into()
}

/// The declaration of a server's SDK dependency.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SdkDependency {
    /// The manifest that declares it, relative to the root.
    pub file: String,
    /// Line of the dependency in the manifest (1 when it cannot be told).
    pub line: u32,
    /// The version a lockfile of the package (or of its workspace) pins: `package-lock.json`,
    /// `pnpm-lock.yaml`, `yarn.lock`, `uv.lock`, `poetry.lock`, `Cargo.lock`. Null when no
    /// lockfile names the SDK.
    pub locked_version: Option<String>,
    /// That lockfile, relative to the root.
    pub lockfile: Option<String>,
}

/// An SDK feature a server uses, where it is first used.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Feature {
    /// `openapi-provider` (tools generated from an OpenAPI document: fastmcp
    /// `FastMCP.from_openapi`, `OpenAPIProvider`), `shared-instance` (a server object created
    /// once at module scope and connected to a new transport inside a request handler).
    pub name: String,
    pub file: String,
    pub line: u32,
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
    /// Side effects found in the handler and the same-package helpers it calls (bounded call
    /// graph by name, see README), each with its location.
    pub effects: Vec<Effect>,
    /// Set when the found effects contradict a declared annotation (e.g. `readOnlyHint: true`
    /// on a tool that writes files): both are kept, and this says how they disagree.
    pub annotation_conflict: Option<String>,
    /// Flows from the tool's arguments (or secrets it reads) to sinks in its handler and the
    /// same-package helpers it calls.
    #[serde(default)]
    pub flows: Vec<Flow>,
    /// Environment variables read in the handler and its helpers.
    pub env_vars: Vec<EnvVar>,
    /// Downstream endpoints called from the handler and its helpers.
    pub endpoints: Vec<Endpoint>,
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
    /// An effect's confidence (`high`, `medium`, `low`; see `Effect.confidence`). Low
    /// evidence decides the verdict only when nothing else does.
    pub confidence: Option<String>,
}

/// The vocabulary of [`Flow::source`]: where a flowing value comes from.
pub const FLOW_SOURCES: &[&str] = &[
    "tool-arg",
    "tool-request",
    "secret-env",
    "inbound-auth",
    "oauth-metadata",
];

/// The vocabulary of [`Flow::sink`]: what kind of call a value reaches.
pub const FLOW_SINKS: &[&str] = &[
    "shell",
    "argv",
    "eval",
    "fs-read",
    "fs-write",
    "fs-delete",
    "http-url",
    "http-header",
    "sql",
    "log",
    "result",
    "url-open",
    "template",
    "deserialize",
];

/// A value that reaches a sink: a tool argument passed (directly or through assignments and
/// same-package helpers) to a shell, a file path, an HTTP client, a SQL string...
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// Where the value comes from: `tool-arg` (a tool parameter), `secret-env` (a secret-like
    /// environment variable), `inbound-auth` (the caller's Authorization header or SDK auth
    /// info), `oauth-metadata` (fields of fetched OAuth discovery metadata), `tool-request`
    /// (the whole request or arguments object).
    pub source: String,
    /// The parameter or variable at the source (`command`, `args.path`, `GITHUB_TOKEN`).
    pub name: String,
    /// The sink class: `shell`, `argv`, `eval`, `fs-read`, `fs-write`, `fs-delete`, `http-url`,
    /// `http-header`, `sql`, `log`, `result`, `url-open`, `template`, `deserialize`.
    pub sink: String,
    /// The sink call as written, e.g. `child_process.exec`, `subprocess.run(shell=True)`.
    pub callee: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// The helper the sink is in, when not the handler itself (`a > b` for a chain).
    pub via: Option<String>,
    /// A recognised sanitiser the value passed through on the way (`shlex.quote`,
    /// `path.resolve+startsWith`...): the flow is kept for the record, rules skip it.
    pub sanitizer: Option<String>,
}

/// A code pattern an audit rule reads, found by the grammars' pattern queries.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// What was seen: `prefix-containment`, `jwt-no-audience`, `tls-verify-off`,
    /// `cors-wildcard`, `log-request`... (the vocabulary is in grammars/README.md).
    pub kind: String,
    /// The code as written (truncated), never a secret value.
    pub detail: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
}

/// A side effect reached from a tool's handler.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Effect {
    /// `fs-write`, `fs-delete`, `fs-rename`, `fs-chmod`, `exec`, `network-write`,
    /// `network-read`, `db-write`, `db-read`, `message-send`, `cloud-mutation`.
    pub kind: String,
    /// What was called, e.g. `fs.promises.writeFile` or `POST via fetch`.
    pub detail: String,
    pub file: String,
    pub line: u32,
    /// The helper the effect was found in, when not the handler itself (`helper` or
    /// `a > b` for a chain of helpers).
    pub via: Option<String>,
    /// How sure the kind is, when it is inferred rather than named by the call: a POST is
    /// a `high` write with a write word in its URL, `medium` to a literal path with no word
    /// either way (a REST create), `low` to a URL whose end is not known. Null when the call
    /// says what it does.
    pub confidence: Option<String>,
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
    /// Bind address as declared: `host:port`, `0.0.0.0:8080`, `*:3000` (all interfaces, e.g.
    /// `app.listen(3000)`), or `env:NAME` when an environment variable decides.
    pub bind: Option<String>,
    /// DNS-rebinding / allowed-host protection: `declared-on` (SDK settings, or the project's own
    /// middleware that checks the Host / Origin header and rejects), `declared-off`, the SDK
    /// default when nothing is declared (`sdk-default-on`, `sdk-default-off`), or
    /// `not-applicable` (a serverless platform with no local listener: Cloudflare Workers);
    /// null when unknown.
    pub dns_rebinding: Option<String>,
    pub file: String,
    pub line: u32,
    /// The context of the transport's file when it differs from its server's (`example`: an
    /// MCP SDK's own example serving the SDK's library class directly); null = the server's.
    #[serde(default)]
    pub context: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Auth {
    /// `none` (an HTTP transport with no auth wiring found), `bearer`, `oauth`, `basic`,
    /// `custom` (the project's own check: an `Authorization` / API-key header read that rejects
    /// with 401 / 403, or middleware named for authentication on the route) or `other` (the
    /// caller's token is read and passed on, but nothing verifies it).
    pub kind: String,
    pub evidence: Vec<String>,
}

/// A secret written into server source, reported by kind, location and a fingerprint —
/// never by value.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HardcodedSecret {
    /// `github-token`, `openai-key`, `aws-access-key`, `slack-token`, `stripe-key`,
    /// `private-key`, `high-entropy`...
    pub kind: String,
    /// The name it is assigned to, when there is one.
    pub name: Option<String>,
    pub file: String,
    pub line: u32,
    /// First 12 hex digits of the SHA-256 of the value: lets a reader match the same
    /// secret across reports without seeing it.
    pub fingerprint: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EnvVar {
    pub name: String,
    pub file: String,
    pub line: u32,
    /// True when the name looks like a credential (`*_TOKEN`, `*_KEY`, `*SECRET*`,
    /// `*PASSWORD*`...).
    pub secret_like: bool,
    /// How it is read: `process.env`, `os.getenv`, `std::env::var`, `os.Getenv`...
    pub form: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// The URL as far as it is known statically (template parts kept as written).
    pub url: String,
    pub host: Option<String>,
    pub file: String,
    pub line: u32,
    /// `literal`, `constant`, `template`, `env` (the URL comes from an environment
    /// variable, named in `env_var`) or `sdk` (implied by an SDK client, e.g. Octokit).
    pub source: String,
    pub env_var: Option<String>,
}

/// An MCP client configuration file, or a manifest declaring a server, committed to a
/// repository. Literal values of environment variables and headers are never recorded, and
/// secrets in arguments and URLs are replaced by `[redacted]`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub root: String,
    pub file: String,
    /// The client or manifest format: `claude-desktop`, `claude-code`, `claude-code-user`,
    /// `claude-code-plugin`, `claude-code-settings` (`.claude/settings.json`), `cursor`,
    /// `vscode`, `vscode-settings`, `vscode-devcontainer`, `windsurf`, `cline`, `roo-code`,
    /// `gemini-cli`, `gemini-extension`, `codex`, `zed`, `continue`, `goose`, `kiro`,
    /// `amazon-q`, `junie`, `mcp-json` (a generic `mcp.json`);
    /// manifests: `mcp-registry` (server.json), `smithery`, `mcpb`, `npm` (package.json
    /// `mcpName`), `dockerfile`.
    pub client: String,
    /// `client` (a client configuration that launches or connects to servers) or `manifest`
    /// (a file that publishes the server of its folder).
    pub kind: String,
    /// The name a manifest declares (registry name, bundle name), else null.
    pub name: Option<String>,
    /// Declared servers, in file order.
    pub servers: Vec<ConfigServer>,
    /// Input variables the client prompts for (VS Code `inputs`, MCPB `user_config`).
    pub inputs: Vec<ConfigInput>,
    /// Settings of the file that change what the client trusts or runs
    /// (`enableAllProjectMcpServers`, `chat.tools.autoApprove`, hooks, model API base URLs).
    #[serde(default)]
    pub settings: Vec<ConfigSetting>,
}

/// One trust- or launch-relevant setting of a client config. Secret values are redacted.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ConfigSetting {
    /// The key path as written, e.g. `enableAllProjectMcpServers`, `chat.tools.autoApprove`,
    /// `hooks.PreToolUse`, `env.ANTHROPIC_BASE_URL`.
    pub key: String,
    /// The value as compact JSON text (redacted when secret-like).
    pub value: String,
    pub line: u32,
}

/// One server entry of a config or manifest.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ConfigServer {
    /// The entry's key (or `name`), as the client shows it.
    pub name: String,
    /// Line of the entry in the file (1-based).
    pub line: u32,
    /// `stdio` (the client starts a process), `remote` (the client connects to a URL) or
    /// `declared` (a manifest names the server without saying how to run it).
    pub kind: String,
    /// `stdio`, `sse` or `streamable-http` when the entry or the client's default says so.
    pub transport: Option<String>,
    /// Command to start (secrets redacted).
    pub command: Option<String>,
    /// Arguments (secrets redacted).
    pub args: Vec<String>,
    /// URL of a remote server (passwords and secret query parameters redacted).
    pub url: Option<String>,
    /// Environment variables passed to the server: names and the class of each value.
    pub env: Vec<ConfigValue>,
    /// HTTP headers sent to a remote server: names and the class of each value.
    pub headers: Vec<ConfigValue>,
    /// What the command launches (package, image or path), when it can be told.
    pub launch: Option<Launch>,
    /// `unpinned` (package or image with no version, tag or digest), `latest` (`@latest`,
    /// `:latest`), `version-range` (`@^1.2`), `plain-http` (an `http://` URL to a host other
    /// than this machine), `secret-in-args` (a credential written into the command, its
    /// arguments or URL: shown as `[redacted]`).
    pub warnings: Vec<String>,
    /// True when the entry is switched off (`disabled: true`, `enabled: false`).
    pub disabled: bool,
    /// Where the entry applies when the file has several scopes (`.claude.json` projects).
    pub scope: Option<String>,
    /// Ids of the servers in the inventory this entry launches or publishes. Empty for a
    /// client entry: an external server (code not in the scanned roots).
    pub links: Vec<String>,
    /// Tools the entry pre-approves (Cline/Roo `alwaysAllow`, `autoApprove`); `*` for all.
    #[serde(default)]
    pub auto_approve: Vec<String>,
}

/// An environment variable or header of a config entry. The literal value is never kept.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ConfigValue {
    pub name: String,
    /// `literal` (written in the file), `placeholder` (empty or to be filled, e.g.
    /// `<your-token>`), `env-reference` (`${VAR}`, `${env:VAR}`, `$VAR`, a variable passed by
    /// name), `input-variable` (`${input:id}`, `${user_config.x}`: the client prompts),
    /// `secret-reference` (a secret store: Continue `${{ secrets.X }}`, Goose `env_keys`), or
    /// `declared` (a manifest says the user supplies it).
    pub value: String,
    /// The variable, input or secret the value refers to.
    pub reference: Option<String>,
    /// True when a literal looks like a credential (by its name or its shape), or when a
    /// manifest declares the value secret.
    pub secret: bool,
}

/// What a config entry launches.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Launch {
    /// The launcher: `npx`, `bunx`, `pnpm`, `yarn`, `uvx`, `uv`, `pipx`, `python`, `node`,
    /// `deno`, `docker`, `podman`, `go`, `cargo`, `dotnet`, `java`, or `binary`.
    pub runner: String,
    /// `npm`, `pypi`, `oci`, `go`, `cargo`, `nuget`, `mcpb`, `url` (a remote server) or
    /// `path` (a file or folder).
    pub ecosystem: String,
    /// Package, module, image or path.
    pub target: String,
    /// Version, tag or digest as written, else null.
    pub version: Option<String>,
}

/// An input a client prompts for.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ConfigInput {
    pub id: String,
    pub line: u32,
    /// `promptString`, `pickString`, `string`, `number`...
    #[serde(rename = "type")]
    pub ty: Option<String>,
    /// True for a password / sensitive input.
    pub secret: bool,
}

/// A config entry that launches or publishes a server.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct ConfigRef {
    pub root: String,
    pub file: String,
    pub line: u32,
    pub client: String,
    /// The entry's name in that file.
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// The rule id, e.g. `MCP-EXEC-001`.
    pub rule: String,
    /// The rule's severity: `critical`, `high`, `medium`, `low`, `info`.
    pub severity: String,
    pub root: String,
    pub file: String,
    pub line: u32,
    /// 1-based column (in bytes of the line) where the finding starts; 0 when only the line
    /// is known.
    #[serde(default)]
    pub column: u32,
    pub message: String,
    /// The server id the finding is about, if any.
    pub server: Option<String>,
    pub tool: Option<String>,
    /// A stable fingerprint of rule, file and logical anchor (not the line number): the
    /// same finding keeps it when unrelated lines move. Baselines match on it.
    #[serde(default)]
    pub fingerprint: String,
    /// Set when the finding is suppressed (inline comment or baseline). Suppressed findings
    /// never count for `--fail-on` and are left out of the SARIF upload.
    #[serde(default)]
    pub suppression: Option<Suppression>,
}

/// Why a finding does not count.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    /// `inline` (an `mcpsweep: ignore[rule] reason` comment) or `baseline`.
    pub kind: String,
    /// The reason given in the comment, or the baseline file.
    pub justification: String,
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
    /// Roots this run took from its `--state` folder (recorded earlier at the same commit)
    /// instead of scanning them again; absent when none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub roots_from_state: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
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
