use std::path::PathBuf;

use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, Content, ServerCapabilities, ServerInfo},
    tool, tool_handler, tool_router, ErrorData as McpError, ServerHandler,
};
use schemars::JsonSchema;
use serde::Deserialize;
use sqlx::PgPool;

use crate::{config::Config, storage};

/// Base URL of the forecast service.
const WEATHER_API: &str = "https://api.weather.example.com/v1";
/// Committed by mistake: a (fake) personal access token in the shape GitHub uses.
const GITHUB_TOKEN: &str = "ghp_Zq8Xw2Vb7Nc4Md1Lf6Kg9Jh3Ps5Rt0Yu2Ea7";

#[derive(Deserialize, JsonSchema)]
pub struct Note {
    /// File name of the note.
    pub name: String,
    /// Its text.
    pub text: String,
}

#[derive(Deserialize, JsonSchema)]
pub struct City {
    pub city: String,
}

#[derive(Deserialize, JsonSchema)]
pub struct Order {
    pub sku: String,
}

#[derive(Deserialize, JsonSchema)]
pub struct Issue {
    pub title: String,
}

#[derive(Clone)]
pub struct OpsHub {
    root: PathBuf,
    bucket: String,
    http: reqwest::Client,
    db: PgPool,
    s3: aws_sdk_s3::Client,
    github: octocrab::Octocrab,
    tool_router: ToolRouter<Self>,
}

fn internal<E: std::fmt::Display>(e: E) -> McpError {
    McpError::internal_error(e.to_string(), None)
}

#[tool_router]
impl OpsHub {
    pub async fn new(cfg: &Config) -> anyhow::Result<Self> {
        let database_url = std::env::var("DATABASE_URL")?;
        let aws = aws_config::load_from_env().await;
        Ok(Self {
            root: PathBuf::from(&cfg.notes_dir),
            bucket: cfg.report_bucket.clone(),
            http: reqwest::Client::new(),
            db: PgPool::connect(&database_url).await?,
            s3: aws_sdk_s3::Client::new(&aws),
            github: octocrab::Octocrab::builder()
                .personal_token(GITHUB_TOKEN.to_string())
                .build()?,
            tool_router: Self::tool_router(),
        })
    }

    /// Save a note as a file.
    #[tool]
    async fn write_note(&self, Parameters(n): Parameters<Note>) -> Result<CallToolResult, McpError> {
        tokio::fs::write(self.root.join(&n.name), n.text).await.map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text("saved")]))
    }

    /// Remove every note.
    #[tool]
    async fn prune_notes(&self) -> Result<CallToolResult, McpError> {
        let n = storage::prune(&self.root).map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(format!("{n} removed"))]))
    }

    /// Show how much disk the notes use.
    #[tool(annotations(read_only_hint = true))]
    async fn disk_usage(&self) -> Result<CallToolResult, McpError> {
        let out = std::process::Command::new("du")
            .arg("-sh")
            .arg(&self.root)
            .output()
            .map_err(internal)?;
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        storage::cache_report(&self.root, &text).map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(text)]))
    }

    /// Weather forecast for a city.
    #[tool(annotations(read_only_hint = true))]
    async fn forecast(&self, Parameters(c): Parameters<City>) -> Result<CallToolResult, McpError> {
        let url = format!("{}/forecast?city={}", WEATHER_API, c.city);
        let body = self.http.get(&url).send().await.map_err(internal)?.text().await.map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(body)]))
    }

    /// Public status page of the weather provider.
    #[tool]
    async fn provider_status(&self) -> Result<CallToolResult, McpError> {
        let body = reqwest::get("https://status.weather.example.com/api/v2/status.json")
            .await
            .map_err(internal)?
            .text()
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(body)]))
    }

    /// Post a message to the team's webhook.
    #[tool]
    async fn notify(&self, Parameters(n): Parameters<Note>) -> Result<CallToolResult, McpError> {
        let hook = std::env::var("WEBHOOK_URL").map_err(internal)?;
        self.http.post(hook).body(n.text).send().await.map_err(internal)?;
        Ok(CallToolResult::success(vec![]))
    }

    /// Record an order.
    #[tool]
    async fn save_order(&self, Parameters(o): Parameters<Order>) -> Result<CallToolResult, McpError> {
        sqlx::query("INSERT INTO orders (sku) VALUES ($1)")
            .bind(&o.sku)
            .execute(&self.db)
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![]))
    }

    /// List the recorded orders.
    #[tool]
    async fn list_orders(&self) -> Result<CallToolResult, McpError> {
        let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, sku FROM orders ORDER BY id")
            .fetch_all(&self.db)
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(format!("{}", rows.len()))]))
    }

    /// Upload the last disk-usage report to the report bucket.
    #[tool]
    async fn upload_report(&self) -> Result<CallToolResult, McpError> {
        let body = tokio::fs::read(self.root.join(".du")).await.map_err(internal)?;
        self.s3
            .put_object()
            .bucket(&self.bucket)
            .key("du.txt")
            .body(body.into())
            .send()
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![]))
    }

    /// Open an issue in the ops repository.
    #[tool]
    async fn open_issue(&self, Parameters(i): Parameters<Issue>) -> Result<CallToolResult, McpError> {
        let issue = self
            .github
            .issues("acme", "ops")
            .create(i.title)
            .send()
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(issue.html_url.to_string())]))
    }

    /// Count the notes (reads only; not a process, not a request).
    #[tool(annotations(read_only_hint = true))]
    async fn count_notes(&self) -> Result<CallToolResult, McpError> {
        let n = std::fs::read_dir(&self.root).map_err(internal)?.count();
        let label = Command::new(n).describe();
        Ok(CallToolResult::success(vec![Content::text(label)]))
    }
}

/// Not a process: a local type that happens to be called `Command`.
struct Command(usize);

impl Command {
    fn new(n: usize) -> Self {
        Command(n)
    }
    fn describe(&self) -> String {
        format!("{} notes", self.0)
    }
}

#[tool_handler]
impl ServerHandler for OpsHub {
    fn get_info(&self) -> ServerInfo {
        ServerInfo {
            capabilities: ServerCapabilities::builder().enable_tools().build(),
            ..Default::default()
        }
    }
}
