use rmcp::{handler::server::wrapper::Parameters, model::CallToolResult, tool, tool_router, ErrorData};
use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Deserialize, JsonSchema)]
pub struct PathArg {
    /// Path relative to the server root.
    pub path: String,
}

#[tool_router(router = files_router, vis = "pub(crate)")]
impl crate::server::Ops {
    /// Read a file and return its text.
    #[tool(annotations(read_only_hint = true))]
    async fn read_file(&self, Parameters(p): Parameters<PathArg>) -> Result<CallToolResult, ErrorData> {
        let _ = self.root.join(p.path);
        Ok(CallToolResult::success(vec![]))
    }

    /// Delete a file.
    #[tool(annotations(destructive_hint = true))]
    async fn delete_file(&self, Parameters(p): Parameters<PathArg>) -> Result<CallToolResult, ErrorData> {
        let _ = self.root.join(p.path);
        Ok(CallToolResult::success(vec![]))
    }
}
