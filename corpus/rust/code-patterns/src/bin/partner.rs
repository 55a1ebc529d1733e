//! Partner endpoint: the audience is checked (safe).
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use rmcp::ErrorData as _;

fn check(raw: &str, key: &DecodingKey) -> bool {
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&["https://docs.example.com/mcp"]);
    decode::<serde_json::Value>(raw, key, &validation).is_ok()
}

fn main() {
    let _ = check;
}
