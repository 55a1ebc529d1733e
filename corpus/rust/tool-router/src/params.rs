//! Request types of the counter tools. No MCP import here on purpose.

use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct AddRequest {
    /// How much to add.
    /// May be negative.
    ///
    /// Values outside i32 are clamped.
    pub amount: i64,
    /// Ignored: the schemars attribute wins.
    #[schemars(description = "Only report the result, do not store it")]
    #[serde(rename = "dryRun", default)]
    pub dry_run: bool,
    /// Free-text reason, kept in the log.
    pub reason: Option<String>,
    #[serde(skip)]
    pub internal_seq: u64,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LabelRequest {
    /// The label to attach.
    pub label_text: String,
    /// Extra tags.
    pub extra_tags: Vec<String>,
    #[serde(rename = "color")]
    pub colour_name: Option<String>,
}
