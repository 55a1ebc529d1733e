//! Streamable HTTP on every interface, behind a bearer-token check.
use axum::{
    extract::Request,
    http::{header::AUTHORIZATION, StatusCode},
    middleware::{self, Next},
    response::Response,
};
use clap::Parser;
use ops_hub::{config::Config, server::OpsHub};
use rmcp::transport::streamable_http_server::{
    session::local::LocalSessionManager, StreamableHttpServerConfig, StreamableHttpService,
};

const BIND_ADDRESS: &str = "0.0.0.0:8080";

async fn require_bearer(req: Request, next: Next) -> Result<Response, StatusCode> {
    let expected = std::env::var("MCP_API_TOKEN").map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    match req.headers().get(AUTHORIZATION).and_then(|v| v.to_str().ok()) {
        Some(h) if h.strip_prefix("Bearer ") == Some(expected.as_str()) => Ok(next.run(req).await),
        _ => Err(StatusCode::UNAUTHORIZED),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cfg = Config::parse();
    let hub = OpsHub::new(&cfg).await?;
    let config = StreamableHttpServerConfig {
        allowed_hosts: vec![],
        ..Default::default()
    };
    let service = StreamableHttpService::new(
        move || Ok(hub.clone()),
        LocalSessionManager::default().into(),
        config,
    );
    let router = axum::Router::new()
        .nest_service("/mcp", service)
        .layer(middleware::from_fn(require_bearer));
    let listener = tokio::net::TcpListener::bind(BIND_ADDRESS).await?;
    axum::serve(listener, router).await?;
    Ok(())
}
