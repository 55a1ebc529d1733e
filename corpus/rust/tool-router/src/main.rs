mod counter;
mod params;

use rmcp::{transport::stdio, ServiceExt};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let running = counter::Counter::new().serve(stdio()).await?;
    running.waiting().await?;
    Ok(())
}
