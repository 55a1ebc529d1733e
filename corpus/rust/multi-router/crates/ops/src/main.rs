mod server;
mod tools;

use rmcp::ServiceExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = server::Ops::new().serve(rmcp::transport::stdio()).await?;
    server.waiting().await?;
    Ok(())
}
