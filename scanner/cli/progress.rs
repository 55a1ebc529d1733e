//! The progress bar (only when stderr is a terminal and `--no-progress` is not given): roots
//! done / total, files per second, and the root being scanned.

use indicatif::{ProgressBar, ProgressStyle};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

pub struct Progress {
    bar: Option<ProgressBar>,
    files: AtomicU64,
    started: Instant,
    /// Roots being scanned now, oldest first.
    current: Mutex<Vec<String>>,
}

impl Progress {
    pub fn new(show: bool, roots: u64) -> Progress {
        let bar = show.then(|| {
            let b = ProgressBar::new(roots);
            b.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{bar:30}] {pos}/{len} repos {elapsed_precise}  {msg}",
                )
                .expect("a valid template")
                .progress_chars("=> "),
            );
            b.enable_steady_tick(std::time::Duration::from_millis(120));
            b
        });
        Progress {
            bar,
            files: AtomicU64::new(0),
            started: Instant::now(),
            current: Mutex::new(Vec::new()),
        }
    }

    fn refresh(&self) {
        let Some(bar) = &self.bar else { return };
        let files = self.files.load(Ordering::Relaxed);
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        let current = self
            .current
            .lock()
            .map(|c| c.first().cloned())
            .ok()
            .flatten();
        bar.set_message(format!(
            "{files} files, {:.0} files/s  {}",
            files as f64 / secs,
            current.unwrap_or_default()
        ));
    }

    pub fn start(&self, label: &str) {
        if self.bar.is_none() {
            return;
        }
        if let Ok(mut c) = self.current.lock() {
            c.push(label.to_string());
        }
        self.refresh();
    }

    pub fn add_files(&self, n: u64) {
        if self.bar.is_none() {
            return;
        }
        let before = self.files.fetch_add(n, Ordering::Relaxed);
        if (before + n) / 256 != before / 256 {
            self.refresh();
        }
    }

    pub fn finish_root(&self, label: &str) {
        let Some(bar) = &self.bar else { return };
        if let Ok(mut c) = self.current.lock() {
            if let Some(i) = c.iter().position(|x| x == label) {
                c.remove(i);
            }
        }
        bar.inc(1);
        self.refresh();
    }

    pub fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
