//! Watches the site folder's `content/`, `themes/`, `templates/` and `kennisbank.yaml` with notify, and turns a
//! burst of file events (an editor's atomic save, a `git checkout` touching hundreds of files) into one
//! [`Changes`]: the burst ends when the folder has been quiet for a moment.
//!
//! It does not decide what to rebuild; `engine` does.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

use super::engine::Changes;
use crate::diagnostic::Diagnostic;

/// How long the folder must be quiet before a burst counts as over: long enough to join the steps of an atomic
/// save, short enough not to be noticed.
const QUIET: Duration = Duration::from_millis(10);
/// A burst that never goes quiet (a long checkout) is cut here, and the rest comes in the next rebuild.
const LONGEST: Duration = Duration::from_millis(1000);

/// What reaches the rebuild loop: a file event, or the request to stop.
pub enum Signal {
    Files(notify::Result<notify::Event>),
    Stop,
}

pub struct Watcher {
    watcher: notify::RecommendedWatcher,
    signals: Receiver<Signal>,
    /// The site folder, as notify reports paths in it.
    site: PathBuf,
}

/// The folders watched recursively.
const FOLDERS: [&str; 3] = ["content", "themes", "templates"];

impl Watcher {
    /// Starts watching `site` (an absolute, canonical path). `sender` lets others (Ctrl-C) send [`Signal::Stop`].
    pub fn new(
        site: &Path,
        sender: Sender<Signal>,
        signals: Receiver<Signal>,
    ) -> Result<Watcher, Diagnostic> {
        let watcher = notify::recommended_watcher(move |event| {
            let _ = sender.send(Signal::Files(event));
        })
        .map_err(|e| {
            Diagnostic::error(format!("cannot watch the site folder for changes: {e}"))
                .hint("on Linux, raise fs.inotify.max_user_watches (sysctl) if the site is large")
        })?;
        let mut watcher = Watcher {
            watcher,
            signals,
            site: site.to_path_buf(),
        };
        watcher
            .watcher
            .watch(site, RecursiveMode::NonRecursive)
            .map_err(|e| Diagnostic::error(format!("cannot watch {}: {e}", site.display())))?;
        watcher.watch_folders();
        Ok(watcher)
    }

    /// Watches the folders that exist (again: a folder that was removed and made anew needs a new watch).
    fn watch_folders(&mut self) {
        for folder in FOLDERS {
            let path = self.site.join(folder);
            if path.is_dir() {
                let _ = self.watcher.unwatch(&path);
                let _ = self.watcher.watch(&path, RecursiveMode::Recursive);
            }
        }
    }

    /// Waits for the next burst of changes and returns it; `None` when asked to stop.
    pub fn next(&mut self) -> Option<Changes> {
        let mut changes = Changes::default();
        // Wait for the first event that matters.
        while changes.is_empty() {
            let signal = self.signals.recv().ok()?;
            self.take(signal, &mut changes)?;
        }
        let started = Instant::now();
        loop {
            let left = LONGEST.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            match self.signals.recv_timeout(QUIET.min(left)) {
                Ok(signal) => self.take(signal, &mut changes)?,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        Some(changes)
    }

    /// Adds what a signal says to `changes`; `None` for [`Signal::Stop`].
    fn take(&mut self, signal: Signal, changes: &mut Changes) -> Option<()> {
        let event = match signal {
            Signal::Stop => return None,
            Signal::Files(Ok(event)) => event,
            Signal::Files(Err(_)) => {
                changes.everything = true;
                return Some(());
            }
        };
        if event.need_rescan() {
            changes.everything = true;
            self.watch_folders();
            return Some(());
        }
        if matches!(event.kind, EventKind::Access(_)) {
            return Some(());
        }
        for path in &event.paths {
            let Ok(relative) = path.strip_prefix(&self.site) else {
                continue;
            };
            let change = classify(relative);
            if change.everything || change.theme {
                // A watched folder itself came or went.
                self.watch_folders();
            }
            changes.merge(change);
        }
        Some(())
    }
}

/// What a changed path (relative to the site folder) means for the rebuild.
pub fn classify(relative: &Path) -> Changes {
    let mut changes = Changes::default();
    let parts: Vec<String> = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    // Hidden files (an editor's swap files, .git) are never part of the site.
    if parts.iter().any(|p| p.starts_with('.')) {
        return changes;
    }
    match parts.first().map(String::as_str) {
        Some("content") if parts.len() == 1 => changes.everything = true,
        Some("content") => {
            changes.content.insert(parts[1..].join("/"));
        }
        Some("themes" | "templates") => changes.theme = true,
        Some(crate::config::CONFIG_FILE) if parts.len() == 1 => changes.config = true,
        _ => {}
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        let content = classify(Path::new("content/praktijkvoorbeelden/x.md"));
        assert_eq!(
            content.content.into_iter().collect::<Vec<_>>(),
            ["praktijkvoorbeelden/x.md"]
        );
        assert!(classify(Path::new("themes/default/templates/base.html")).theme);
        assert!(classify(Path::new("templates/404.html")).theme);
        assert!(classify(Path::new("kennisbank.yaml")).config);
        assert!(classify(Path::new("content")).everything);
        assert!(classify(Path::new("content/.x.md.swp")).is_empty());
        assert!(classify(Path::new(".git/index")).is_empty());
        assert!(classify(Path::new("public/index.html")).is_empty());
        assert!(classify(Path::new("search-index/publiek/meta.json")).is_empty());
    }
}
