//! The same server over stdio.
use clap::Parser;
use ops_hub::{config::Config, server::OpsHub};
use rmcp::{transport::stdio, ServiceExt};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cfg = Config::parse();
    let running = OpsHub::new(&cfg).await?.serve(stdio()).await?;
    running.waiting().await?;
    Ok(())
}
