//! The folder `serve` serves, changed in place between rebuilds: files are written only when their bytes
//! changed, each through a temporary file and a rename, so a request never sees half a file; files the site no
//! longer has are removed, with folders left empty. Every path stays inside the folder.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::output::is_inside;

/// The served folder. One writer at a time: the lock is held while files are put in place.
pub struct Folder {
    root: PathBuf,
    lock: Mutex<()>,
}

impl Folder {
    pub fn new(root: PathBuf) -> Folder {
        Folder {
            root,
            lock: Mutex::new(()),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Runs `f` while no other rebuild changes the folder (a whole-site rebuild swaps it).
    pub fn exclusive<T>(&self, f: impl FnOnce() -> T) -> T {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        f()
    }

    /// Writes the files whose bytes differ from what the folder holds and removes `remove`; returns the paths
    /// that changed, written or removed.
    pub fn apply<'a>(
        &self,
        files: BTreeMap<String, Vec<u8>>,
        remove: impl IntoIterator<Item = &'a String>,
    ) -> std::io::Result<Vec<String>> {
        self.exclusive(|| {
            let mut changed = Vec::new();
            for (relative, bytes) in files {
                if self.put(&relative, &bytes)? {
                    changed.push(relative);
                }
            }
            for relative in remove {
                if self.remove(relative)? {
                    changed.push(relative.clone());
                }
            }
            Ok(changed)
        })
    }

    fn path(&self, relative: &str) -> std::io::Result<PathBuf> {
        if !is_inside(Path::new(relative)) {
            return Err(std::io::Error::other(format!(
                "refusing to write outside the output folder: {relative}"
            )));
        }
        Ok(self.root.join(relative))
    }

    /// Writes one file unless it already holds these bytes; returns whether it changed.
    fn put(&self, relative: &str, bytes: &[u8]) -> std::io::Result<bool> {
        let path = self.path(relative)?;
        if std::fs::read(&path).is_ok_and(|existing| existing == bytes) {
            return Ok(false);
        }
        let parent = path.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(parent)?;
        let mut temporary = tempfile::Builder::new()
            .prefix(".kennisbank-")
            .tempfile_in(parent)?;
        temporary.write_all(bytes)?;
        temporary
            .persist(&path)
            .map_err(|e| std::io::Error::other(e.error))?;
        Ok(true)
    }

    /// Removes one file and the folders it leaves empty; returns whether there was a file.
    fn remove(&self, relative: &str) -> std::io::Result<bool> {
        let path = self.path(relative)?;
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(e),
        }
        let mut folder = path.parent();
        while let Some(dir) = folder.filter(|d| *d != self.root && d.starts_with(&self.root)) {
            if std::fs::remove_dir(dir).is_err() {
                break;
            }
            folder = dir.parent();
        }
        Ok(true)
    }

    /// Every file under a folder of the output (e.g. `zoek`), as paths relative to the output.
    pub fn files_under(&self, folder: &str) -> Vec<String> {
        walkdir::WalkDir::new(self.root.join(folder))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                e.path()
                    .strip_prefix(&self.root)
                    .ok()
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_what_changed_and_removes_empty_folders() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::new(dir.path().to_path_buf());
        let files = files_of;
        let first = folder
            .apply(files(&[("a.html", "A"), ("x/b.html", "B")]), [])
            .unwrap();
        assert_eq!(first, ["a.html", "x/b.html"]);
        let second = folder
            .apply(files(&[("a.html", "A"), ("x/b.html", "B2")]), [])
            .unwrap();
        assert_eq!(second, ["x/b.html"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("x/b.html")).unwrap(),
            "B2"
        );
        let gone = folder
            .apply(
                BTreeMap::new(),
                &["x/b.html".to_string(), "nothing.html".to_string()],
            )
            .unwrap();
        assert_eq!(gone, ["x/b.html"]);
        assert!(!dir.path().join("x").exists());
        assert!(dir.path().exists());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.html"], "no temporary file is left behind");
    }

    #[test]
    fn refuses_paths_outside() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::new(dir.path().join("out"));
        let outside = files_of(&[("../escape.html", "x")]);
        assert!(folder.apply(outside, []).is_err());
        assert!(!dir.path().join("escape.html").exists());
    }

    fn files_of(list: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        list.iter()
            .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
            .collect()
    }
}
