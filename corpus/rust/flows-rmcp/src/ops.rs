use std::path::{Path, PathBuf};

use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, Content, ServerCapabilities, ServerInfo},
    schemars,
    service::RequestContext,
    tool, tool_handler, tool_router, ErrorData as McpError, RoleServer, ServerHandler,
};
use serde::Deserialize;
use tokio::process::Command;

const ROOT: &str = "/srv/workspace";

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct CommandReq {
    pub command: String,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct RepoReq {
    pub repo: String,
    pub rev: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct ScriptReq {
    pub script: String,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct PathReq {
    pub path: String,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct WriteReq {
    pub path: String,
    pub content: String,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct UrlReq {
    pub url: String,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct NameReq {
    pub name: String,
}

fn internal(e: impl std::fmt::Display) -> McpError {
    McpError::internal_error(e.to_string(), None)
}

#[derive(Clone)]
pub struct Ops {
    pool: sqlx::PgPool,
    client: reqwest::Client,
    tool_router: ToolRouter<Ops>,
}

#[tool_router]
impl Ops {
    pub fn new(pool: sqlx::PgPool) -> Self {
        Self {
            pool,
            client: reqwest::Client::new(),
            tool_router: Self::tool_router(),
        }
    }

    #[tool(description = "Run a shell command")]
    async fn run_shell(
        &self,
        Parameters(CommandReq { command }): Parameters<CommandReq>,
    ) -> Result<CallToolResult, McpError> {
        let out = Command::new("sh")
            .arg("-c")
            .arg(&command)
            .output()
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(
            String::from_utf8_lossy(&out.stdout).to_string(),
        )]))
    }

    #[tool(description = "Show the log of a repository")]
    async fn git_log(&self, Parameters(req): Parameters<RepoReq>) -> Result<CallToolResult, McpError> {
        let mut cmd = Command::new("git");
        cmd.arg("-C").arg(&req.repo).arg("log").arg("--oneline");
        let out = cmd.output().await.map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(
            String::from_utf8_lossy(&out.stdout).to_string(),
        )]))
    }

    /// The revision comes after `--`: it cannot be an option.
    #[tool]
    async fn git_show(&self, Parameters(req): Parameters<RepoReq>) -> Result<CallToolResult, McpError> {
        let rev = req.rev.clone().unwrap_or_default();
        let out = Command::new("git")
            .current_dir(ROOT)
            .args(["show", "--stat", "--", &rev])
            .output()
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(
            String::from_utf8_lossy(&out.stdout).to_string(),
        )]))
    }

    #[tool(description = "Status of the work tree")]
    async fn git_status(&self) -> Result<CallToolResult, McpError> {
        let out = Command::new("git")
            .args(["status", "--short"])
            .output()
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(
            String::from_utf8_lossy(&out.stdout).to_string(),
        )]))
    }

    #[tool(description = "Evaluate a Rhai script")]
    async fn eval_script(&self, params: Parameters<ScriptReq>) -> Result<CallToolResult, McpError> {
        let engine = rhai::Engine::new();
        let v = engine.eval::<i64>(&params.0.script).map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(v.to_string())]))
    }

    #[tool(description = "Read a file")]
    async fn read_file(
        &self,
        Parameters(PathReq { path }): Parameters<PathReq>,
    ) -> Result<CallToolResult, McpError> {
        let text = tokio::fs::read_to_string(&path).await.map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(text)]))
    }

    /// Read a file below the workspace (canonical paths compared).
    #[tool]
    async fn read_file_safe(
        &self,
        Parameters(PathReq { path }): Parameters<PathReq>,
    ) -> Result<CallToolResult, McpError> {
        let root = std::fs::canonicalize(ROOT).map_err(internal)?;
        let full: PathBuf = std::fs::canonicalize(root.join(&path)).map_err(internal)?;
        if !full.starts_with(&root) {
            return Err(McpError::invalid_params("path outside the workspace", None));
        }
        let text = std::fs::read_to_string(&full).map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(text)]))
    }

    #[tool(description = "Write a file")]
    async fn write_file(
        &self,
        Parameters(WriteReq { path, content }): Parameters<WriteReq>,
    ) -> Result<CallToolResult, McpError> {
        std::fs::write(&path, content.as_bytes()).map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text("written")]))
    }

    #[tool(description = "Delete a file")]
    async fn delete_file(&self, Parameters(req): Parameters<PathReq>) -> Result<CallToolResult, McpError> {
        self.remove(Path::new(&req.path)).map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text("deleted")]))
    }

    fn remove(&self, p: &Path) -> std::io::Result<()> {
        std::fs::remove_file(p)
    }

    #[tool(description = "Fetch a URL")]
    async fn fetch_url(&self, Parameters(UrlReq { url }): Parameters<UrlReq>) -> Result<CallToolResult, McpError> {
        let body = reqwest::get(&url)
            .await
            .map_err(internal)?
            .text()
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(body)]))
    }

    #[tool(description = "Post to a webhook")]
    async fn post_webhook(&self, params: Parameters<UrlReq>) -> Result<CallToolResult, McpError> {
        let resp = self
            .client
            .post(params.0.url.clone())
            .body("ping")
            .send()
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(resp.status().to_string())]))
    }

    /// Search the documentation (fixed host; the query is only a parameter).
    #[tool]
    async fn search_docs(&self, Parameters(NameReq { name }): Parameters<NameReq>) -> Result<CallToolResult, McpError> {
        let resp = self
            .client
            .get(format!("https://docs.example.com/search?q={}", name))
            .send()
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(resp.status().to_string())]))
    }

    #[tool(description = "Find users by name")]
    async fn find_user(&self, Parameters(NameReq { name }): Parameters<NameReq>) -> Result<CallToolResult, McpError> {
        let rows = sqlx::query(&format!("SELECT id, email FROM users WHERE name = '{name}'"))
            .fetch_all(&self.pool)
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(rows.len().to_string())]))
    }

    /// Find users by name (a bound parameter).
    #[tool]
    async fn find_user_safe(
        &self,
        Parameters(NameReq { name }): Parameters<NameReq>,
    ) -> Result<CallToolResult, McpError> {
        let rows = sqlx::query("SELECT id, email FROM users WHERE name = $1")
            .bind(&name)
            .fetch_all(&self.pool)
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(rows.len().to_string())]))
    }

    /// Search notes by tag (the statement is built with `push_str`).
    #[tool]
    async fn search_notes(
        &self,
        Parameters(NameReq { name }): Parameters<NameReq>,
    ) -> Result<CallToolResult, McpError> {
        let mut query = "SELECT id FROM notes WHERE 1 = 1".to_string();
        if let Some(tag) = Some(name.trim()) {
            query.push_str(&format!(" AND tag = '{tag}'"));
        }
        let rows = sqlx::query(&query).fetch_all(&self.pool).await.map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(rows.len().to_string())]))
    }

    #[tool(description = "Echo the call")]
    async fn debug_echo(&self, params: Parameters<NameReq>) -> Result<CallToolResult, McpError> {
        tracing::info!("tool call: {:?}", params);
        Ok(CallToolResult::success(vec![Content::text(params.0.name.clone())]))
    }

    #[tool(description = "Echo the name")]
    async fn quiet_echo(&self, params: Parameters<NameReq>) -> Result<CallToolResult, McpError> {
        tracing::info!(tool = "quiet_echo", "tool call");
        Ok(CallToolResult::success(vec![Content::text(params.0.name.clone())]))
    }

    #[tool(description = "Show the configuration")]
    async fn show_config(&self) -> Result<CallToolResult, McpError> {
        let token = std::env::var("SERVICE_API_TOKEN").unwrap_or_default();
        if token.len() < 20 {
            return Err(McpError::internal_error(format!("token {} looks too short", token), None));
        }
        Ok(CallToolResult::success(vec![Content::text(format!("token={token}"))]))
    }

    #[tool(description = "Is the service configured")]
    async fn config_status(&self) -> Result<CallToolResult, McpError> {
        let configured = std::env::var("SERVICE_API_TOKEN").is_ok();
        Ok(CallToolResult::success(vec![Content::text(if configured {
            "configured"
        } else {
            "not configured"
        })]))
    }

    /// Call the upstream API with the caller's own token (token passthrough).
    #[tool]
    async fn proxy_api(
        &self,
        Parameters(PathReq { path }): Parameters<PathReq>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, McpError> {
        let parts = ctx.extensions.get::<axum::http::request::Parts>().unwrap();
        let auth = parts
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let resp = self
            .client
            .get(format!("https://api.example.com/v1/{path}"))
            .header("Authorization", auth)
            .send()
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(resp.status().to_string())]))
    }
}

#[tool_handler]
impl ServerHandler for Ops {
    fn get_info(&self) -> ServerInfo {
        ServerInfo {
            capabilities: ServerCapabilities::builder().enable_tools().build(),
            ..Default::default()
        }
    }
}
