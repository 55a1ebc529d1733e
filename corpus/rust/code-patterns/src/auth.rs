//! Bearer tokens checked with jsonwebtoken.
use axum::{extract::Request, http::StatusCode, middleware::Next, response::Response};
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use rmcp::ErrorData as _;
use serde::Deserialize;

#[derive(Deserialize)]
struct Claims {
    sub: String,
}

fn key() -> DecodingKey {
    DecodingKey::from_secret(std::env::var("DOC_VAULT_JWT_SECRET").unwrap_or_default().as_bytes())
}

/// Vulnerable: a Validation never given an audience.
pub async fn require_token(req: Request, next: Next) -> Result<Response, StatusCode> {
    let raw = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(StatusCode::UNAUTHORIZED)?;
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_issuer(&["https://auth.example.com"]);
    let data = decode::<Claims>(raw, &key(), &validation).map_err(|_| StatusCode::UNAUTHORIZED)?;
    let _ = data.claims.sub;
    Ok(next.run(req).await)
}
