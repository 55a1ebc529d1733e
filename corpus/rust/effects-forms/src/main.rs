//! SSE (rmcp 0.10) or stdio, chosen on the command line.
mod desk;

use desk::Desk;
use rmcp::{transport::sse_server::SseServer, ServiceExt};
use tower_http::validate_request::ValidateRequestHeaderLayer;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    if std::env::args().any(|a| a == "--stdio") {
        let running = Desk::new().await?.serve((tokio::io::stdin(), tokio::io::stdout())).await?;
        running.waiting().await?;
        return Ok(());
    }
    let token = dotenvy::var("DESK_TOKEN")?;
    let _auth = ValidateRequestHeaderLayer::bearer(&token);
    let sse = SseServer::serve("127.0.0.1:8000".parse()?).await?;
    let ct = sse.with_service(|| Desk::blocking_new());
    tokio::signal::ctrl_c().await?;
    ct.cancel();
    Ok(())
}
