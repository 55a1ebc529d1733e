use std::sync::Arc;

use rmcp::{
    model::{CallToolRequestParam, ClientInfo, Tool},
    transport::{ConfigureCommandExt, TokioChildProcess},
    ClientHandler, ServiceExt,
};
use tokio::process::Command;

#[derive(Clone, Default)]
struct Caller;

impl ClientHandler for Caller {
    fn get_info(&self) -> ClientInfo {
        ClientInfo::default()
    }
}

/// The tools the model may call, renamed with a prefix.
fn for_model(tools: &[Tool]) -> Vec<Tool> {
    tools
        .iter()
        .map(|t| Tool::new(format!("remote_{}", t.name), "Forwarded tool", t.input_schema.clone()))
        .chain(std::iter::once(Tool::new(
            "local_help",
            "Explain the available tools",
            Arc::new(serde_json::Map::new()),
        )))
        .collect()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let transport = TokioChildProcess::new(Command::new("counter-server").configure(|c| {
        c.arg("--stdio");
    }))?;
    let client = Caller.serve(transport).await?;
    let tools = client.list_all_tools().await?;
    println!("{:?}", for_model(&tools));
    let result = client
        .call_tool(CallToolRequestParam { name: "increment".into(), arguments: None })
        .await?;
    println!("{result:?}");
    client.cancel().await?;
    Ok(())
}
