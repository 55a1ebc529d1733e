//! Admin endpoint: audience checking switched off.
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use rmcp::ErrorData as _;

fn check(raw: &str, key: &DecodingKey) -> bool {
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_aud = false;
    decode::<serde_json::Value>(raw, key, &validation).is_ok()
}

fn main() {
    let _ = check;
}
