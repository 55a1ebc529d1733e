use std::path::Path;

/// Remove every note in `dir` (called by the `prune_notes` tool).
pub fn prune(dir: &Path) -> std::io::Result<usize> {
    let mut n = 0;
    for entry in std::fs::read_dir(dir)? {
        remove_note(&entry?.path())?;
        n += 1;
    }
    Ok(n)
}

fn remove_note(path: &Path) -> std::io::Result<()> {
    std::fs::remove_file(path)
}

/// Keep the last disk-usage report next to the notes.
pub fn cache_report(dir: &Path, text: &str) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new().create(true).write(true).open(dir.join(".du"))?;
    std::io::Write::write_all(&mut f, text.as_bytes())
}
