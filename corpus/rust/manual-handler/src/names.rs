/// Tool names shared with the CLI front end.
pub const TOOL_PURGE: &str = "purge_cache";
pub const PURGE_HELP: &str = "Drop every cached entry";
