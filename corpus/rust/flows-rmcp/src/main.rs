mod ops;

use rmcp::{transport::stdio, ServiceExt};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let pool = sqlx::PgPool::connect(&std::env::var("DATABASE_URL")?).await?;
    let running = ops::Ops::new(pool).serve(stdio()).await?;
    running.waiting().await?;
    Ok(())
}
