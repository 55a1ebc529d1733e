use clap::Parser;

/// Command line of both binaries; every option can come from the environment.
#[derive(Parser, Debug)]
pub struct Config {
    /// Directory the notes live in.
    #[arg(long, env = "NOTES_DIR", default_value = "./notes")]
    pub notes_dir: String,

    /// Bucket the reports are uploaded to.
    #[arg(long, env)]
    pub report_bucket: String,

    /// Log filter.
    #[arg(long, default_value = "info")]
    pub log: String,
}
