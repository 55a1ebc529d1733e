use std::collections::HashMap;

use k8s_openapi::api::core::v1::Pod;
use kube::api::{Api, DeleteParams, PostParams};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use reqwest::Method;
use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, Content, ServerInfo},
    tool, tool_handler, tool_router, ErrorData as McpError, ServerHandler,
};
use schemars::JsonSchema;
use serde::Deserialize;
use sqlx::SqlitePool;

/// Compiled in: the build's identity for the support API.
const SUPPORT_KEY: &str = env!("SUPPORT_API_KEY");

#[derive(Deserialize, JsonSchema)]
pub struct PodRef {
    pub namespace: String,
    pub name: String,
}

#[derive(Deserialize, JsonSchema)]
pub struct Ticket {
    pub id: i64,
    pub text: String,
}

#[derive(Clone)]
pub struct Desk {
    kube: kube::Client,
    db: SqlitePool,
    http: reqwest::Client,
    mailer: AsyncSmtpTransport<Tokio1Executor>,
    cache: HashMap<String, String>,
    tool_router: ToolRouter<Self>,
}

fn internal<E: std::fmt::Display>(e: E) -> McpError {
    McpError::internal_error(e.to_string(), None)
}

#[tool_router]
impl Desk {
    pub async fn new() -> anyhow::Result<Self> {
        let smtp_host = std::env::var("SMTP_HOST").unwrap_or_else(|_| "localhost".into());
        Ok(Self {
            kube: kube::Client::try_default().await?,
            db: SqlitePool::connect(&format!("sqlite://{}", std::env::var("DESK_DB")?)).await?,
            http: reqwest::Client::new(),
            mailer: AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(smtp_host).build(),
            cache: HashMap::new(),
            tool_router: Self::tool_router(),
        })
    }

    pub fn blocking_new() -> Result<Self, std::io::Error> {
        tokio::runtime::Handle::current()
            .block_on(Self::new())
            .map_err(std::io::Error::other)
    }

    /// Restart a pod by deleting it.
    #[tool(annotations(destructive_hint = true))]
    async fn restart_pod(&self, Parameters(p): Parameters<PodRef>) -> Result<CallToolResult, McpError> {
        let pods: Api<Pod> = Api::namespaced(self.kube.clone(), &p.namespace);
        pods.delete(&p.name, &DeleteParams::default()).await.map_err(internal)?;
        Ok(CallToolResult::success(vec![]))
    }

    /// Start a debug pod.
    #[tool]
    async fn debug_pod(&self, Parameters(p): Parameters<PodRef>) -> Result<CallToolResult, McpError> {
        let pods: Api<Pod> = Api::namespaced(self.kube.clone(), &p.namespace);
        let pod: Pod = serde_json::from_value(serde_json::json!({"metadata": {"name": p.name}})).map_err(internal)?;
        pods.create(&PostParams::default(), &pod).await.map_err(internal)?;
        Ok(CallToolResult::success(vec![]))
    }

    /// File a support ticket.
    #[tool]
    async fn file_ticket(&self, Parameters(t): Parameters<Ticket>) -> Result<CallToolResult, McpError> {
        sqlx::query!("INSERT INTO tickets (id, body) VALUES (?, ?)", t.id, t.text)
            .execute(&self.db)
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![]))
    }

    /// Read a support ticket.
    #[tool(annotations(read_only_hint = true))]
    async fn get_ticket(&self, Parameters(t): Parameters<Ticket>) -> Result<CallToolResult, McpError> {
        let row = sqlx::query_as::<_, (String,)>("SELECT body FROM tickets WHERE id = ?")
            .bind(t.id)
            .fetch_one(&self.db)
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![Content::text(row.0)]))
    }

    /// Forget closed tickets in the local archive.
    #[tool]
    async fn purge_archive(&self) -> Result<CallToolResult, McpError> {
        let conn = rusqlite::Connection::open("archive.db").map_err(internal)?;
        let sql = "DELETE FROM tickets WHERE closed = 1";
        conn.execute(sql, []).map_err(internal)?;
        Ok(CallToolResult::success(vec![]))
    }

    /// Withdraw a ticket from the support API.
    #[tool]
    async fn withdraw_ticket(&self, Parameters(t): Parameters<Ticket>) -> Result<CallToolResult, McpError> {
        self.http
            .request(Method::DELETE, format!("https://support.example.com/api/tickets/{}", t.id))
            .header("x-api-key", SUPPORT_KEY)
            .send()
            .await
            .map_err(internal)?;
        Ok(CallToolResult::success(vec![]))
    }

    /// Ask the status service, logging where it is configured.
    #[tool(annotations(read_only_hint = true))]
    async fn status(&self) -> Result<CallToolResult, McpError> {
        tracing::info!("status from {}", std::env::var("STATUS_URL").unwrap_or_default());
        let cached = self.cache.get("https://status.example.com/").cloned();
        Ok(CallToolResult::success(vec![Content::text(cached.unwrap_or_default())]))
    }

    /// Mail a ticket to the on-call engineer.
    #[tool]
    async fn page_oncall(&self, Parameters(t): Parameters<Ticket>) -> Result<CallToolResult, McpError> {
        let email = Message::builder()
            .to("oncall@example.com".parse().map_err(internal)?)
            .subject(format!("ticket {}", t.id))
            .body(t.text)
            .map_err(internal)?;
        self.mailer.send(email).await.map_err(internal)?;
        Ok(CallToolResult::success(vec![]))
    }
}

#[tool_handler]
impl ServerHandler for Desk {
    fn get_info(&self) -> ServerInfo {
        ServerInfo::default()
    }
}
