//! An LLM-side helper that has its own `Tool` type: not MCP tools.

use rmcp::model::{CallToolResult, Content};

use crate::llm::Tool;

pub fn planning_tools() -> Vec<Tool> {
    vec![Tool::new("plan_steps", "Split a task into steps")]
}

pub fn render(r: &CallToolResult) -> Vec<Content> {
    r.content.clone()
}

/// A second `Tool` defined right here.
mod local {
    use rmcp::model::Content;

    pub struct Tool {
        pub name: String,
        pub help: String,
    }

    pub fn hint(_: &Content) -> Tool {
        Tool { name: "hint".into(), help: "Show a hint".into() }
    }
}
