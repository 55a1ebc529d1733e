use std::sync::Arc;

use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, Content, ServerCapabilities, ServerInfo},
    tool, tool_handler, tool_router, ErrorData as McpError, ServerHandler,
};
use tokio::sync::Mutex;

use crate::params::{AddRequest, LabelRequest};

#[derive(Clone)]
pub struct Counter {
    value: Arc<Mutex<i64>>,
    label: Arc<Mutex<Option<String>>>,
    tool_router: ToolRouter<Counter>,
}

#[tool_router]
impl Counter {
    pub fn new() -> Self {
        Self {
            value: Arc::new(Mutex::new(0)),
            label: Arc::new(Mutex::new(None)),
            tool_router: Self::tool_router(),
        }
    }

    #[tool(description = "Increment the counter by one")]
    async fn increment(&self) -> Result<CallToolResult, McpError> {
        let mut v = self.value.lock().await;
        *v += 1;
        Ok(CallToolResult::success(vec![Content::text(v.to_string())]))
    }

    /// Read the current value of the counter.
    ///
    ///   The value is returned as decimal text.
    #[tool(annotations(
        read_only_hint = true,
        destructive_hint = false,
        idempotent_hint = true,
        open_world_hint = false,
        title = "Current value"
    ))]
    async fn get_value(&self) -> Result<CallToolResult, McpError> {
        let v = self.snapshot().await;
        Ok(CallToolResult::success(vec![Content::text(v.to_string())]))
    }

    #[tool(
        name = "reset_counter",
        description = "Set the counter back to zero",
        annotations(destructive_hint = true, idempotent_hint = true)
    )]
    async fn reset(&self) -> Result<CallToolResult, McpError> {
        *self.value.lock().await = 0;
        Ok(CallToolResult::success(vec![Content::text("0")]))
    }

    /// Add an amount to the counter.
    #[tool]
    async fn add(&self, Parameters(req): Parameters<AddRequest>) -> Result<CallToolResult, McpError> {
        let mut v = self.value.lock().await;
        if !req.dry_run {
            *v += req.amount;
        }
        Ok(CallToolResult::success(vec![Content::text(v.to_string())]))
    }

    #[tool(description = "Attach a label to the counter")]
    async fn label(
        &self,
        params: Parameters<
            LabelRequest,
        >,
    ) -> Result<CallToolResult, McpError> {
        *self.label.lock().await = Some(params.0.label_text);
        Ok(CallToolResult::success(vec![]))
    }

    // #[tool(description = "not a tool: this is a comment")]
    async fn snapshot(&self) -> i64 {
        *self.value.lock().await
    }
}

#[tool_handler]
impl ServerHandler for Counter {
    fn get_info(&self) -> ServerInfo {
        ServerInfo {
            instructions: Some("A shared counter".into()),
            capabilities: ServerCapabilities::builder().enable_tools().build(),
            ..Default::default()
        }
    }
}
