use rmcp::{
    handler::server::router::tool::ToolRouter,
    model::{Implementation, ServerCapabilities, ServerInfo},
    tool_handler, ServerHandler,
};

#[derive(Clone)]
pub struct Ops {
    pub(crate) root: std::path::PathBuf,
    tool_router: ToolRouter<Self>,
}

impl Ops {
    pub fn new() -> Self {
        Self {
            root: std::env::current_dir().unwrap(),
            tool_router: Self::files_router() + Self::shell_router(),
        }
    }
}

pub struct Helper;

impl Helper {
    pub fn describe(&self) -> &'static str {
        "helper"
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for Ops {
    fn get_info(&self) -> ServerInfo {
        ServerInfo {
            server_info: Implementation::from_build_env(),
            capabilities: ServerCapabilities::builder().enable_tools().build(),
            ..Default::default()
        }
    }
}
