use std::path::{Path, PathBuf};

use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, Content},
    tool, tool_handler, tool_router, ErrorData as McpError, ServerHandler,
};
use rmcp::transport::streamable_http_server::{
    session::local::LocalSessionManager, StreamableHttpService,
};
use schemars::JsonSchema;
use serde::Deserialize;
use tower_http::cors::{Any, CorsLayer};

mod auth;

#[derive(Deserialize, JsonSchema)]
pub struct DocPath {
    pub path: String,
}

#[derive(Clone)]
pub struct DocVault {
    root: PathBuf,
    root_str: String,
    http: reqwest::Client,
    tool_router: ToolRouter<Self>,
}

fn denied() -> McpError {
    McpError::invalid_params("outside the vault", None)
}

/// Vulnerable: a string prefix, "/srv/docs" admits "/srv/docs-private".
fn inside_loose(path: &Path, root: &str) -> bool {
    let path_str = path.to_string_lossy();
    path_str.starts_with(root)
}

/// Safe: the prefix ends with a separator.
fn inside_strict(path: &Path, root: &str) -> bool {
    let path_str = path.to_string_lossy();
    path_str.starts_with(&format!("{root}/"))
}

#[tool_router]
impl DocVault {
    pub fn new(root: PathBuf) -> Self {
        let root_str = root.to_string_lossy().to_string();
        // TLS verification off for the downstream client; `false` is fine
        let http = reqwest::Client::builder()
            .danger_accept_invalid_certs(true)
            .build()
            .unwrap();
        let _strict = reqwest::Client::builder().danger_accept_invalid_certs(false);
        Self { root, root_str, http, tool_router: Self::tool_router() }
    }

    #[tool(description = "Read a document")]
    async fn read_doc(&self, Parameters(DocPath { path }): Parameters<DocPath>) -> Result<CallToolResult, McpError> {
        // Safe: Path::starts_with compares whole components
        let canonical = Path::new(&path).canonicalize().map_err(|_| denied())?;
        if !canonical.starts_with(&self.root) {
            return Err(denied());
        }
        if !inside_loose(&canonical, &self.root_str) || !inside_strict(&canonical, &self.root_str) {
            return Err(denied());
        }
        // Vulnerable: a String against a String field
        let requested = path.trim().to_string();
        if !requested.starts_with(&self.root_str) {
            return Err(denied());
        }
        // not a containment check: a literal prefix
        if path.starts_with("tmp_") {
            return Err(denied());
        }
        let text = std::fs::read_to_string(&canonical).map_err(|_| denied())?;
        Ok(CallToolResult::success(vec![Content::text(text)]))
    }
}

#[tool_handler]
impl ServerHandler for DocVault {}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let vault = DocVault::new(PathBuf::from("/srv/docs"));
    let service = StreamableHttpService::new(
        move || Ok(vault.clone()),
        LocalSessionManager::default().into(),
        Default::default(),
    );
    // CORS open to every origin, twice; a listed origin is fine
    let open = CorsLayer::permissive();
    let any = CorsLayer::new().allow_origin(Any);
    let listed = CorsLayer::new().allow_origin("https://console.example.com".parse::<axum::http::HeaderValue>()?);
    let router = axum::Router::new()
        .nest_service("/mcp", service)
        .layer(axum::middleware::from_fn(auth::require_token))
        .layer(open)
        .layer(any)
        .layer(listed);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
    axum::serve(listener, router).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn prefix_in_test_code_is_not_reported() {
        let root_dir = String::from("/tmp");
        assert!(String::from("/tmp/x").starts_with(&root_dir));
    }
}
