//! The output folder, written safely: a build writes into a temporary folder beside the output and swaps it in
//! only when everything succeeded, so a failed build leaves the previous site exactly as it was.
//!
//! Nothing outside the output folder is written or deleted: paths are checked to stay inside it, the output may
//! not be or contain the site's own folders, and an existing folder is replaced only if a kennisbank build made
//! it (it holds the marker file) or it is empty.
//!
//! [`Memory`] is the other place renderers write to: files kept in memory, for `kennisbank serve`'s rebuilds and
//! for exports that pack the site into one file.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostic::Diagnostic;

/// Marks a folder as kennisbank's output, so a later build may replace it.
pub const MARKER: &str = ".kennisbank-uitvoer";

/// Where renderers write the files of a site: a build's [`Staging`] folder, or the files a rebuild of
/// `kennisbank serve` or an export collects in [`Memory`]. Paths are relative to the output folder, with `/` between folders.
pub trait Sink: Sync {
    fn write(&self, relative: &str, bytes: Vec<u8>) -> std::io::Result<()>;
    /// Copies a file (the content's images, the theme's static files) into the output.
    fn copy(&self, relative: &str, from: &Path) -> std::io::Result<()>;
    /// Opens a file to write as it is made, for a file too large to hold in memory first (the print page).
    fn create(&self, relative: &str) -> std::io::Result<Box<dyn std::io::Write + '_>>;
}

impl Sink for Staging {
    fn write(&self, relative: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        Staging::write(self, relative, bytes)
    }

    fn copy(&self, relative: &str, from: &Path) -> std::io::Result<()> {
        Staging::copy(self, relative, from)
    }

    fn create(&self, relative: &str) -> std::io::Result<Box<dyn std::io::Write + '_>> {
        Ok(Box::new(Staging::create(self, relative)?))
    }
}

/// Files rendered into memory, by relative path: for a rebuild of `kennisbank serve`, written only when the
/// whole rebuild succeeded, and for an export that packs the site into one file.
#[derive(Default)]
pub struct Memory {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Memory {
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn put(&self, relative: &str, bytes: Vec<u8>) {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(relative.to_string(), bytes);
    }
}

impl Sink for Memory {
    fn write(&self, relative: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.put(relative, bytes);
        Ok(())
    }

    fn copy(&self, relative: &str, from: &Path) -> std::io::Result<()> {
        self.put(relative, std::fs::read(from)?);
        Ok(())
    }

    fn create(&self, relative: &str) -> std::io::Result<Box<dyn Write + '_>> {
        Ok(Box::new(MemoryFile {
            memory: self,
            relative: relative.to_string(),
            bytes: Vec::new(),
        }))
    }
}

/// A file being written into [`Memory`]; it is kept when dropped.
struct MemoryFile<'a> {
    memory: &'a Memory,
    relative: String,
    bytes: Vec<u8>,
}

impl Write for MemoryFile<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for MemoryFile<'_> {
    fn drop(&mut self) {
        self.memory
            .put(&self.relative, std::mem::take(&mut self.bytes));
    }
}

/// Whether a relative output path stays inside the output folder: only plain names, no `..`, no root.
pub fn is_inside(relative: &Path) -> bool {
    relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
}

pub struct Staging {
    /// `None` once committed.
    dir: Option<tempfile::TempDir>,
    target: PathBuf,
    writer: Option<Writer>,
    /// Every path written so far, with where its content came from, so that two things published under one
    /// name (a page and a file beside it, a file and the theme's) are reported instead of one silently
    /// replacing the other.
    claimed: std::sync::Mutex<std::collections::HashMap<String, Source>>,
    site: PathBuf,
}

/// Where the content of an output file comes from, as messages name it.
#[derive(Clone)]
enum Source {
    Copy(PathBuf),
    Made,
}

/// One thread writes every file: rendering stays parallel, but threads creating files in the same folder only
/// contend for the folder's lock in the kernel, which on a 10,000-page site costs more than it gains.
struct Writer {
    sender: std::sync::mpsc::SyncSender<(PathBuf, Content)>,
    thread: std::thread::JoinHandle<Vec<String>>,
}

enum Content {
    Bytes(Vec<u8>),
    CopyOf(PathBuf),
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
        remove_leftovers(&parent, &name);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.tmp-{}-", std::process::id()))
            .tempdir_in(&parent)
            .map_err(|e| {
                Diagnostic::error(format!(
                    "cannot create a temporary folder in {}: {e}",
                    parent.display()
                ))
                .hint("check that you may write there, and that the disk is not full")
            })?;
        let (sender, receiver) = std::sync::mpsc::sync_channel::<(PathBuf, Content)>(2048);
        let staging_root = dir.path().to_path_buf();
        // The previous output, if kennisbank made it: unchanged files are linked from it, not written anew.
        let previous = target.join(MARKER).is_file().then(|| target.to_path_buf());
        let thread = std::thread::spawn(move || {
            let mut folders = std::collections::HashSet::new();
            let mut problems = Vec::new();
            for (path, content) in receiver {
                let result = (|| {
                    if let Some(parent) = path.parent() {
                        if !folders.contains(parent) {
                            std::fs::create_dir_all(parent)?;
                            folders.insert(parent.to_path_buf());
                        }
                    }
                    let bytes = match content {
                        Content::Bytes(bytes) => bytes,
                        Content::CopyOf(from) => std::fs::read(from)?,
                    };
                    let old = previous
                        .as_ref()
                        .zip(path.strip_prefix(&staging_root).ok())
                        .map(|(previous, relative)| previous.join(relative));
                    if let Some(old) = old {
                        if unchanged(&old, &bytes) && std::fs::hard_link(&old, &path).is_ok() {
                            return Ok(());
                        }
                    }
                    std::fs::write(&path, bytes)
                })();
                if let Err(e) = result {
                    problems.push(format!("cannot write {}: {e}", path.display()));
                }
            }
            problems
        });
        let staging = Staging {
            dir: Some(dir),
            target: target.to_path_buf(),
            writer: Some(Writer { sender, thread }),
            claimed: Default::default(),
            site: site.to_path_buf(),
        };
        staging
            .write(
                MARKER,
                b"This folder was written by kennisbank build; the next build replaces it.\n"
                    .to_vec(),
            )
            .map_err(|e| {
                Diagnostic::error(format!("cannot write into the temporary folder: {e}"))
            })?;
        Ok(staging)
    }

    /// The temporary folder, for writers that make their own files (the search index).
    pub fn folder(&self) -> Option<&Path> {
        self.dir.as_ref().map(|d| d.path())
    }

    /// Writes a file at a relative path inside the output, creating folders as needed. Errors of the write
    /// itself are reported by [`Staging::commit`].
    pub fn write(&self, relative: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.send(relative, Content::Bytes(bytes))
    }

    /// Opens a file at a relative path inside the output to write as it is made, for a file too large to hold in
    /// memory first (the print page of a large site). Unlike [`Staging::write`], it writes on the caller's
    /// thread, and errors come back to the caller.
    pub fn create(&self, relative: &str) -> std::io::Result<std::io::BufWriter<std::fs::File>> {
        let path = self.path(relative)?;
        self.claim(relative, Source::Made)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        Ok(std::io::BufWriter::new(std::fs::File::create(path)?))
    }

    pub fn copy(&self, relative: &str, from: &Path) -> std::io::Result<()> {
        self.send(relative, Content::CopyOf(from.to_path_buf()))
    }

    fn send(&self, relative: &str, content: Content) -> std::io::Result<()> {
        let path = self.path(relative)?;
        let source = match &content {
            Content::CopyOf(from) => Source::Copy(from.clone()),
            Content::Bytes(_) => Source::Made,
        };
        self.claim(relative, source)?;
        let writer = self
            .writer
            .as_ref()
            .ok_or_else(|| std::io::Error::other("the output is closed"))?;
        writer
            .sender
            .send((path, content))
            .map_err(|_| std::io::Error::other("the writer thread stopped"))
    }

    fn path(&self, relative: &str) -> std::io::Result<PathBuf> {
        let relative = Path::new(relative);
        if !is_inside(relative) {
            return Err(std::io::Error::other(format!(
                "refusing to write outside the output folder: {}",
                relative.display()
            )));
        }
        let dir = self
            .dir
            .as_ref()
            .ok_or_else(|| std::io::Error::other("the output is closed"))?;
        Ok(dir.path().join(relative))
    }

    /// Records that a path is written, or fails with `AlreadyExists` naming both sources if it was before.
    fn claim(&self, relative: &str, source: Source) -> std::io::Result<()> {
        let mut claimed = self.claimed.lock().unwrap_or_else(|e| e.into_inner());
        let Some(first) = claimed.get(relative).cloned() else {
            claimed.insert(relative.to_string(), source);
            return Ok(());
        };
        let name = |source: &Source| match source {
            Source::Copy(from) => format!(
                "a copy of {}",
                from.strip_prefix(&self.site).unwrap_or(from).display()
            ),
            Source::Made => "a page, list or search file the site makes".to_string(),
        };
        Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!(
                "{relative} would be published twice: as {} and as {}",
                name(&first),
                name(&source)
            ),
        ))
    }

    /// Waits for every file to be written.
    fn finish_writes(&mut self) -> Result<(), Diagnostic> {
        let Some(Writer { sender, thread }) = self.writer.take() else {
            return Ok(());
        };
        drop(sender);
        let problems = thread
            .join()
            .unwrap_or_else(|_| vec!["the writer thread failed".to_string()]);
        match problems.first() {
            None => Ok(()),
            Some(first) => Err(Diagnostic::error(format!(
                "{first} ({} files could not be written)",
                problems.len()
            ))
            .hint("check that the disk is not full and that you may write there")),
        }
    }

    /// Replaces the output folder with the finished build.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        self.finish_writes()?;
        let target = self.target.clone();
        let Some(dir) = self.dir.take() else {
            return Ok(());
        };
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
        let new = dir.keep();
        if exchange(&new, &target).is_ok() {
            // `new` now holds the previous output.
            let _ = std::fs::remove_dir_all(&new);
            return Ok(());
        }
        // A file system that cannot exchange two folders: two renames, with a moment between them in which the
        // output folder is missing.
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let old = parent_of(&target).join(format!(".{name}.old-{}", std::process::id()));
        if let Err(e) = std::fs::rename(&target, &old) {
            let _ = std::fs::remove_dir_all(&new);
            return Err(fail("replace", e));
        }
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

/// Swaps two folders in one step, so that whenever the process stops, even killed, `b` is either what it was or
/// what `a` was.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Removes the temporary folders of builds that were stopped before they finished (killed, or the machine went
/// down): the folders `.<name>.tmp-<pid>-…` and `.<name>.old-<pid>` beside the output whose process no longer
/// runs. Where processes cannot be looked up, they are left.
fn remove_leftovers(parent: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(rest) = [".tmp-", ".old-"]
            .iter()
            .find_map(|kind| file_name.strip_prefix(&format!(".{name}{kind}")))
        else {
            continue;
        };
        let pid = rest.split('-').next().unwrap_or_default();
        let stale = !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && !Path::new("/proc").join(pid).exists();
        // Only a build makes folders by these names; one killed while deleting may have lost its marker already.
        if stale && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let path = entry.path();
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// A failed write as a diagnostic, with a hint that fits why it failed.
pub fn write_failure(what: &str, e: &std::io::Error) -> Diagnostic {
    let hint = if e.kind() == std::io::ErrorKind::AlreadyExists {
        "two things would be published under one name; rename the file in content/ (or the page) that has it"
    } else {
        "check that the disk is not full and that you may write there"
    };
    Diagnostic::error(format!("cannot write {what}: {e}")).hint(hint)
}

/// Whether a file of the previous output holds exactly these bytes. Linking it instead of writing a new file
/// spares the file system a new inode, and deleting the previous output then frees none: on ext4, creating
/// files shortly after deleting many is several times slower than either.
fn unchanged(old: &Path, bytes: &[u8]) -> bool {
    match std::fs::symlink_metadata(old) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            std::fs::read(old).is_ok_and(|existing| existing == bytes)
        }
        _ => false,
    }
}

impl Drop for Staging {
    /// A build that is not committed leaves nothing behind: the writer finishes first, then the temporary
    /// folder is removed (by `TempDir`).
    fn drop(&mut self) {
        let _ = self.finish_writes();
    }
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Refuses a folder from the configuration (`uitvoer`, `zoekindex`) that, once symbolic links are followed,
/// lies outside the site folder: the configuration may only name folders of the site. (A folder given on the
/// command line may be anywhere.)
pub fn check_inside_site(site: &Path, target: &Path, key: &str) -> Result<(), Diagnostic> {
    if absolute(target).starts_with(absolute(site)) {
        return Ok(());
    }
    Err(Diagnostic::error(format!(
        "the folder {} (`{key}` in {}) lies outside the site once symbolic links are followed",
        target.display(),
        crate::config::CONFIG_FILE
    ))
    .in_file(crate::config::CONFIG_FILE)
    .hint(format!(
        "remove the symbolic link, or give `{key}` a real folder inside the site"
    )))
}

/// A path made absolute, with what exists of it resolved (symbolic links, `..`) and the rest kept as written.
fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut existing = p.clone();
    let mut rest = Vec::new();
    while std::fs::symlink_metadata(&existing).is_err() {
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
}

/// Refuses an output folder that would overwrite the site itself or a folder kennisbank did not make.
fn check_target(site: &Path, target: &Path) -> Result<(), Diagnostic> {
    if std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Diagnostic::error(format!(
            "the output folder {} is a symbolic link",
            target.display()
        ))
        .hint("a build replaces its output folder, link and all; remove the link and let kennisbank make the folder, or pass the real folder with --out"));
    }
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
