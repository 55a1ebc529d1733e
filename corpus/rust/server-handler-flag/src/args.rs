use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Deserialize, JsonSchema)]
pub struct Paging {
    /// Page number, from 1.
    pub page: Option<u32>,
    /// Page size.
    pub per_page: Option<u32>,
}

#[derive(Deserialize, JsonSchema)]
pub struct NoteArgs {
    /// Title of the note.
    pub title: String,
    /// Body text, Markdown.
    pub body: String,
    #[serde(flatten)]
    pub paging: Paging,
}
