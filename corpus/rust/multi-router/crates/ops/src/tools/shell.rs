use rmcp::{handler::server::wrapper::Parameters, model::CallToolResult, tool, tool_router, ErrorData};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::server::Ops;

#[derive(Deserialize, JsonSchema)]
pub struct RunArgs {
    /// Program to run.
    pub program: String,
    /// Its arguments.
    #[serde(default)]
    pub args: Vec<String>,
}

#[tool_router(router = shell_router)]
impl Ops {
    #[tool(description = "Run a program and return its output")]
    async fn run(&self, Parameters(a): Parameters<RunArgs>) -> Result<CallToolResult, ErrorData> {
        let _ = std::process::Command::new(a.program).args(a.args).output();
        Ok(CallToolResult::success(vec![]))
    }

    #[tool(name = "env", description = "List environment variable names")]
    async fn list_env(&self) -> Result<CallToolResult, ErrorData> {
        Ok(CallToolResult::success(vec![]))
    }
}
