//! The context a server is defined in (`Server.context`): an application someone deploys, an
//! example or tutorial, test code, or the MCP SDK's own library code. The inventory lists every
//! server; audit rules report on applications and examples only unless a rule says otherwise.
//!
//! - `test`: a test path (test folders, `*_test.go`, `test_*.py`, `*.test.ts`, fixture and
//!   harness folders such as `test-servers/`, `fixtures/`, `testing/`), or a server file that
//!   serves through a test harness (Go `httptest.NewServer`);
//! - `example`: under an `examples/`, `demos/`, `samples/`, `docs/`, `docs_src/`, `tutorials/`,
//!   `cookbook/` folder;
//! - `library`: code of a package that *is* an MCP SDK or framework (its manifest names it
//!   `mcp`, `fastmcp`, `@modelcontextprotocol/sdk`, `rmcp`, `github.com/mark3labs/mcp-go`,
//!   ...): such a package defines no server of its own outside its examples and tests;
//! - `application`: everything else.

use crate::manifest::Ecosystem;

pub const APPLICATION: &str = "application";
pub const EXAMPLE: &str = "example";
pub const TEST: &str = "test";
pub const LIBRARY: &str = "library";

/// Package names of MCP SDKs and frameworks themselves, per ecosystem. Go module paths match
/// with their sub-modules (`github.com/mark3labs/mcp-go/otel`).
const SDK_SELF: &[(Ecosystem, &str)] = &[
    (Ecosystem::Npm, "@modelcontextprotocol/sdk"),
    (Ecosystem::Npm, "@modelcontextprotocol/server"),
    (Ecosystem::Npm, "@modelcontextprotocol/server-legacy"),
    (Ecosystem::Npm, "@modelcontextprotocol/client"),
    (Ecosystem::Npm, "@modelcontextprotocol/core"),
    (Ecosystem::Npm, "@modelcontextprotocol/core-internal"),
    (Ecosystem::Npm, "@modelcontextprotocol/node"),
    (Ecosystem::Npm, "@modelcontextprotocol/express"),
    (Ecosystem::Npm, "@modelcontextprotocol/hono"),
    (Ecosystem::Npm, "@modelcontextprotocol/fastify"),
    (Ecosystem::Npm, "fastmcp"),
    (Ecosystem::Npm, "agents"),
    (Ecosystem::Npm, "mcp-handler"),
    (Ecosystem::Npm, "@vercel/mcp-adapter"),
    (Ecosystem::Python, "mcp"),
    (Ecosystem::Python, "fastmcp"),
    (Ecosystem::Cargo, "rmcp"),
    (Ecosystem::Cargo, "rmcp-macros"),
    (Ecosystem::Go, "github.com/mark3labs/mcp-go"),
    (Ecosystem::Go, "github.com/modelcontextprotocol/go-sdk"),
];

/// Is a package of this name an MCP SDK or framework itself?
pub fn is_sdk_package(eco: Ecosystem, name: &str) -> bool {
    SDK_SELF.iter().any(|(e, n)| {
        *e == eco
            && (name == *n
                || (eco == Ecosystem::Go
                    && name.strip_prefix(n).is_some_and(|r| r.starts_with('/'))))
    })
}

/// Test code by path: the test conventions of the four languages (what `--include-tests`
/// lets in) plus fixture and harness folders and `test-*` files.
pub fn is_test_like(rel: &str) -> bool {
    let (dirs, file) = rel.rsplit_once('/').unwrap_or(("", rel));
    let test_dir = dirs.split('/').any(|d| {
        let d = d.to_ascii_lowercase();
        matches!(
            d.as_str(),
            "test"
                | "tests"
                | "__tests__"
                | "__mocks__"
                | "spec"
                | "specs"
                | "testdata"
                | "e2e"
                | "fixtures"
                | "__fixtures__"
                | "testing"
                | "testutil"
                | "testutils"
                | "testhelpers"
        ) || d.starts_with("test-")
            || d.starts_with("test_")
            || d.ends_with("-test")
            || d.ends_with("_test")
            || d.ends_with("-tests")
            || d.ends_with("_tests")
    });
    let stem = file.split('.').next().unwrap_or(file);
    let parts: Vec<&str> = file.split('.').collect();
    let test_file = stem.starts_with("test_")
        || stem.starts_with("test-")
        || stem.ends_with("_test")
        || file == "conftest.py"
        || (parts.len() > 2
            && parts[1..parts.len() - 1]
                .iter()
                .any(|p| matches!(*p, "test" | "spec" | "e2e")));
    test_dir || test_file
}

/// Examples, demos, tutorials and documentation code, by folder.
pub fn is_example_path(rel: &str) -> bool {
    let dirs = rel.rsplit_once('/').map_or("", |(d, _)| d);
    dirs.split('/').any(|d| {
        matches!(
            d.to_ascii_lowercase().as_str(),
            "example"
                | "examples"
                | "demo"
                | "demos"
                | "sample"
                | "samples"
                | "docs"
                | "doc"
                | "docs_src"
                | "tutorial"
                | "tutorials"
                | "cookbook"
        )
    })
}

/// Calls that serve a handler through a test harness instead of a listener.
pub const HARNESS_CALLEES: &[&str] = &[
    "httptest.NewServer",
    "httptest.NewTLSServer",
    "httptest.NewUnstartedServer",
];

/// The context of a file of a package (`sdk_package`: the package is an MCP SDK itself).
pub fn file_context(rel: &str, sdk_package: bool) -> &'static str {
    if is_test_like(rel) {
        TEST
    } else if is_example_path(rel) {
        EXAMPLE
    } else if sdk_package {
        LIBRARY
    } else {
        APPLICATION
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts() {
        assert_eq!(file_context("test-servers/src/http.ts", false), TEST);
        assert_eq!(file_context("src/test-server-http.ts", false), TEST);
        assert_eq!(file_context("pkg/server_test.go", false), TEST);
        assert_eq!(file_context("examples/weather/server.py", true), EXAMPLE);
        assert_eq!(file_context("docs_src/run/tutorial001.py", true), EXAMPLE);
        assert_eq!(
            file_context("src/mcp/server/lowlevel/server.py", true),
            LIBRARY
        );
        assert_eq!(file_context("src/server.ts", false), APPLICATION);
        assert_eq!(file_context("src/latest/server.py", false), APPLICATION);
        assert_eq!(file_context("src/testing_utils.ts", false), APPLICATION);
    }

    #[test]
    fn sdk_packages() {
        assert!(is_sdk_package(Ecosystem::Python, "mcp"));
        assert!(is_sdk_package(
            Ecosystem::Go,
            "github.com/mark3labs/mcp-go/otel"
        ));
        assert!(!is_sdk_package(
            Ecosystem::Go,
            "github.com/mark3labs/mcp-gox"
        ));
        assert!(!is_sdk_package(
            Ecosystem::Npm,
            "@modelcontextprotocol/server-filesystem"
        ));
        assert!(!is_sdk_package(Ecosystem::Python, "mcp-server-git"));
    }
}
