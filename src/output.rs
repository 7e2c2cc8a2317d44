//! The output folder, written safely: a build writes into a temporary folder beside the output and swaps it in
//! only when everything succeeded, so a failed build leaves the previous site exactly as it was.
//!
//! Nothing outside the output folder is written or deleted: paths are checked to stay inside it, the output may
//! not be or contain the site's own folders, and an existing folder is replaced only if a kennisbank build made
//! it (it holds the marker file) or it is empty.

use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// Marks a folder as kennisbank's output, so a later build may replace it.
pub const MARKER: &str = ".kennisbank-uitvoer";

pub struct Staging {
    dir: tempfile::TempDir,
    target: PathBuf,
}

impl Staging {
    /// Prepares a temporary folder beside `target` after checking that `target` may be (re)placed.
    pub fn new(site: &Path, target: &Path) -> Result<Staging, Diagnostic> {
        check_target(site, target)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = parent_of(target);
        std::fs::create_dir_all(&parent).map_err(|e| {
            Diagnostic::error(format!(
                "cannot create the folder {}: {e}",
                parent.display()
            ))
        })?;
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.tmp-"))
            .tempdir_in(&parent)
            .map_err(|e| {
                Diagnostic::error(format!(
                    "cannot create a temporary folder in {}: {e}",
                    parent.display()
                ))
                .hint("check that you may write there, and that the disk is not full")
            })?;
        let staging = Staging {
            dir,
            target: target.to_path_buf(),
        };
        staging
            .write(
                MARKER,
                b"This folder was written by kennisbank build; the next build replaces it.\n",
            )
            .map_err(|e| {
                Diagnostic::error(format!("cannot write into the temporary folder: {e}"))
            })?;
        Ok(staging)
    }

    /// Writes a file at a relative path inside the output, creating folders as needed.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.path(relative)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)
    }

    pub fn copy(&self, relative: &str, from: &Path) -> std::io::Result<()> {
        let path = self.path(relative)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, path).map(|_| ())
    }

    fn path(&self, relative: &str) -> std::io::Result<PathBuf> {
        let relative = Path::new(relative);
        let safe = relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(std::io::Error::other(format!(
                "refusing to write outside the output folder: {}",
                relative.display()
            )));
        }
        Ok(self.dir.path().join(relative))
    }

    /// Replaces the output folder with the finished build.
    pub fn commit(self) -> Result<(), Diagnostic> {
        let Staging { dir, target } = self;
        let fail = |what: &str, e: std::io::Error| {
            Diagnostic::error(format!("cannot {what} {}: {e}", target.display())).hint(
                "check that no other program has the folder open, and that you may write there",
            )
        };
        if !target.exists() {
            let new = dir.keep();
            return std::fs::rename(&new, &target).map_err(|e| {
                let _ = std::fs::remove_dir_all(&new);
                fail("create", e)
            });
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let old = parent_of(&target).join(format!(".{name}.old-{}", std::process::id()));
        std::fs::rename(&target, &old).map_err(|e| fail("replace", e))?;
        let new = dir.keep();
        if let Err(e) = std::fs::rename(&new, &target) {
            // Put the previous output back; the new one is discarded.
            let _ = std::fs::rename(&old, &target);
            let _ = std::fs::remove_dir_all(&new);
            return Err(fail("replace", e));
        }
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    }
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Refuses an output folder that would overwrite the site itself or a folder kennisbank did not make.
fn check_target(site: &Path, target: &Path) -> Result<(), Diagnostic> {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Resolve what exists (symlinks, ..) and keep the rest as written.
        let mut existing = p.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.file_name(), existing.parent()) {
                (Some(name), Some(parent)) => {
                    rest.push(name.to_os_string());
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut resolved = existing.canonicalize().unwrap_or(existing);
        for part in rest.into_iter().rev() {
            resolved.push(part);
        }
        resolved
    };
    let target_abs = absolute(target);
    let site_abs = absolute(site);
    let protected = ["content", "themes", "templates", "src", ".git"].map(|d| site_abs.join(d));
    let overlaps = site_abs.starts_with(&target_abs)
        || protected
            .iter()
            .any(|p| target_abs.starts_with(p) || p.starts_with(&target_abs))
        || target_abs == site_abs.join(crate::config::CONFIG_FILE);
    if overlaps {
        return Err(Diagnostic::error(format!(
            "the output folder {} would overwrite the site's own files",
            target.display()
        ))
        .hint("choose an output folder of its own, e.g. --out public"));
    }
    if target_abs.exists() {
        if !target_abs.is_dir() {
            return Err(Diagnostic::error(format!(
                "the output {} exists and is not a folder",
                target.display()
            ))
            .hint("choose another output folder with --out"));
        }
        let is_ours = target_abs.join(MARKER).is_file();
        let is_empty = std::fs::read_dir(&target_abs)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !is_ours && !is_empty {
            return Err(Diagnostic::error(format!(
                "the folder {} exists and was not made by kennisbank; it will not be replaced",
                target.display()
            ))
            .hint("move it away or empty it, or choose another output folder with --out"));
        }
    }
    Ok(())
}
