mod agent;
mod llm;
mod names;

use std::sync::Arc;

use rmcp::{
    handler::server::{router::prompt::PromptRouter, wrapper::Parameters},
    model::{
        CallToolRequestParam, CallToolResult, GetPromptResult, JsonObject, ListToolsResult,
        PaginatedRequestParam, PromptMessage, PromptMessageRole, ServerCapabilities, ServerInfo,
        Tool, ToolAnnotations,
    },
    prompt, prompt_handler, prompt_router,
    service::RequestContext,
    ErrorData, RoleServer, ServerHandler, ServiceExt,
};
use rmcp::handler::server::tool::cached_schema_for_type;
use serde_json::json;
use std::borrow::Cow;

const TOOL_PING: &str = "ping";
const STATS_DESCRIPTION: &str = "Hit and miss counters for a time window";

#[derive(serde::Deserialize, schemars::JsonSchema)]
struct EvictArgs {
    /// The key to drop.
    key: String,
    /// Also drop keys starting with it.
    prefix: Option<bool>,
}

#[derive(Clone)]
struct Cache {
    prompt_router: PromptRouter<Cache>,
}

fn stats_schema() -> Arc<JsonObject> {
    let v = json!({
        "type": "object",
        "properties": {
            "window": { "type": "string", "description": "Time window, e.g. 5m or 1h" },
            "by_key": { "type": "boolean" }
        },
        "required": ["window"]
    });
    Arc::new(v.as_object().cloned().unwrap_or_default())
}

fn tools() -> Vec<Tool> {
    vec![
        Tool::new(TOOL_PING, "Check that the cache answers", Arc::new(JsonObject::new()))
            .annotate(ToolAnnotations::new().read_only(true).open_world(false)),
        Tool::new(names::TOOL_PURGE, names::PURGE_HELP, Arc::new(JsonObject::new()))
            .with_annotations(ToolAnnotations::with_title("Purge").destructive(true))
            .with_title("Purge the cache"),
        Tool::new(
            "stats",
            STATS_DESCRIPTION.to_string(),
            Arc::new(
                serde_json::from_value(json!({
                    "type": "object",
                    "properties": {
                        "window": { "type": "string", "description": "Time window, e.g. 5m or 1h" },
                        "by_key": { "type": "boolean", "description": "Split counts per key" }
                    },
                    "required": ["window"]
                }))
                .unwrap(),
            ),
        ),
        Tool::new("stats_v2", "Same as stats, schema built by a helper", stats_schema()),
        Tool::new(
            Cow::Borrowed("evict"),
            Cow::Borrowed("Drop one key"),
            cached_schema_for_type::<EvictArgs>(),
        ),
        Tool {
            name: "warm".into(),
            title: None,
            description: Some("Load keys into the cache ahead of time".into()),
            input_schema: Arc::new(JsonObject::new()),
            output_schema: None,
            annotations: Some(ToolAnnotations {
                title: None,
                read_only_hint: Some(false),
                destructive_hint: Some(false),
                idempotent_hint: Some(true),
                open_world_hint: None,
            }),
            icons: None,
        },
    ]
}

#[prompt_router]
impl Cache {
    #[prompt(name = "explain_miss", description = "Explain why a key missed the cache")]
    async fn explain(&self) -> Vec<PromptMessage> {
        vec![PromptMessage::new_text(PromptMessageRole::User, "Why did it miss?")]
    }

    /// Summarise cache health.
    #[prompt]
    async fn health_report(&self) -> Result<GetPromptResult, ErrorData> {
        Ok(GetPromptResult { description: None, messages: vec![] })
    }
}

#[prompt_handler]
impl ServerHandler for Cache {
    fn get_info(&self) -> ServerInfo {
        ServerInfo {
            capabilities: ServerCapabilities::builder().enable_tools().enable_prompts().build(),
            ..Default::default()
        }
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParam>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult { tools: tools(), next_cursor: None })
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParam,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        match request.name.as_ref() {
            TOOL_PING => Ok(CallToolResult::success(vec![])),
            _ => Err(ErrorData::invalid_params("unknown tool", None)),
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cache = Cache { prompt_router: Cache::prompt_router() };
    cache.serve(rmcp::transport::stdio()).await?.waiting().await?;
    Ok(())
}

#[test]
fn tool_shape() {
    let t = Tool::new("probe_in_test_fn", "not a tool", Arc::new(JsonObject::new()));
    assert_eq!(t.name, "probe_in_test_fn");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_tools() {
        let extra = Tool::new("fixture_tool", "not a tool", Arc::new(JsonObject::new()));
        assert!(!tools().contains(&extra));
    }
}
