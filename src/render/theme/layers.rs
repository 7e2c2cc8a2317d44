//! Where each file of a theme comes from: the built-in default theme ([`super::builtin`]), overridden file by file
//! by the site's own `themes/<vormgeving>/` folder, which may also add files of its own. Any file can be
//! overridden: a template, a static file, `nl.yaml`, the print template. This module only finds files; how their
//! contents combine (templates by name, `nl.yaml` key by key) is up to the theme loader.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::builtin;
use crate::diagnostic::Diagnostic;

/// One file of the theme, from whichever layer it comes.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// The file as messages name it: relative to the site folder (`themes/default/static/style.css`), or
    /// `(built-in theme) static/style.css`.
    pub shown: String,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub enum Origin {
    /// Embedded in the binary.
    BuiltIn(&'static [u8]),
    /// A file in the site folder.
    OnDisk(PathBuf),
}

impl ThemeFile {
    pub fn bytes(&self) -> std::io::Result<Cow<'static, [u8]>> {
        match &self.origin {
            Origin::BuiltIn(bytes) => Ok(Cow::Borrowed(bytes)),
            Origin::OnDisk(path) => std::fs::read(path).map(Cow::Owned),
        }
    }

    /// The file as text, or a diagnostic naming it.
    pub fn text(&self) -> Result<String, Diagnostic> {
        let bytes = self.bytes().map_err(|e| {
            Diagnostic::error(format!("cannot read {}: {e}", self.shown)).in_file(&self.shown)
        })?;
        String::from_utf8(bytes.into_owned()).map_err(|_| {
            Diagnostic::error(format!("{} is not UTF-8 text", self.shown))
                .in_file(&self.shown)
                .hint("save the file as UTF-8 in your editor")
        })
    }
}

/// The layers of the theme a site uses.
#[derive(Debug, Clone)]
pub struct Layers {
    /// The site's folder for the theme, when it has one.
    folder: Option<PathBuf>,
    /// That folder as messages name it: `themes/<name>`.
    shown: String,
}

impl Layers {
    /// The theme named by `vormgeving`. A site needs a folder of that name under `themes/`, except for the
    /// built-in `default`.
    pub fn open(site: &Path, name: &str) -> Result<Layers, Diagnostic> {
        let folder = site.join("themes").join(name);
        let shown = format!("themes/{name}");
        if folder.is_dir() {
            Ok(Layers {
                folder: Some(folder),
                shown,
            })
        } else if name == builtin::NAME {
            Ok(Layers {
                folder: None,
                shown,
            })
        } else {
            Err(Diagnostic::error(format!(
                "the theme `{name}` does not exist: there is no folder themes/{name}"
            ))
            .in_file(crate::config::CONFIG_FILE)
            .hint(format!(
                "set `vormgeving` in kennisbank.yaml to `{}` (the built-in theme) or to a folder under themes/",
                builtin::NAME
            )))
        }
    }

    /// One file by its path in the theme (`print/handboek.typ`): the site's copy if it has one, else the
    /// built-in one.
    pub fn file(&self, path: &str) -> Option<ThemeFile> {
        self.site_file(path).or_else(|| builtin_file(path))
    }

    /// Only the site's own copy of a file of the theme. A symbolic link is not followed (as in [`on_disk`]): it
    /// could bring a file from outside the site into the output.
    pub fn site_file(&self, path: &str) -> Option<ThemeFile> {
        let on_disk = self.folder.as_ref()?.join(path);
        let is_file = std::fs::symlink_metadata(&on_disk).is_ok_and(|m| m.file_type().is_file());
        is_file.then(|| ThemeFile {
            shown: format!("{}/{path}", self.shown),
            origin: Origin::OnDisk(on_disk),
        })
    }

    /// Every file under a folder of the theme (`static`), by its path inside that folder: the built-in ones,
    /// each replaced by the site's file of the same path, and the site's other files besides.
    pub fn under(&self, folder: &str) -> BTreeMap<String, ThemeFile> {
        let mut files: BTreeMap<String, ThemeFile> = builtin::under(folder)
            .map(|(path, bytes)| {
                let file = ThemeFile {
                    shown: builtin::shown(&format!("{folder}/{path}")),
                    origin: Origin::BuiltIn(bytes),
                };
                (path.to_string(), file)
            })
            .collect();
        if let Some(site) = &self.folder {
            files.extend(on_disk(
                &site.join(folder),
                &format!("{}/{folder}", self.shown),
            ));
        }
        files
    }
}

/// Only the built-in copy of a file of the theme.
pub fn builtin_file(path: &str) -> Option<ThemeFile> {
    builtin::get(path).map(|bytes| ThemeFile {
        shown: builtin::shown(path),
        origin: Origin::BuiltIn(bytes),
    })
}

/// Every file under a folder on disk, by its path inside that folder, named in messages under `shown_prefix`.
/// A folder that does not exist has no files; symbolic links are not followed.
pub fn on_disk(folder: &Path, shown_prefix: &str) -> BTreeMap<String, ThemeFile> {
    WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(folder)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let file = ThemeFile {
                shown: format!("{shown_prefix}/{relative}"),
                origin: Origin::OnDisk(entry.path().to_path_buf()),
            };
            Some((relative, file))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_file_replaces_the_built_in_one_and_adds_to_the_folder() {
        let site = tempfile::tempdir().unwrap();
        let statics = site.path().join("themes/default/static");
        std::fs::create_dir_all(&statics).unwrap();
        std::fs::write(statics.join("style.css"), "body { color: red }").unwrap();
        std::fs::write(statics.join("logo.svg"), "<svg/>").unwrap();
        let layers = Layers::open(site.path(), "default").unwrap();
        let files = layers.under("static");
        assert_eq!(files["style.css"].shown, "themes/default/static/style.css");
        assert_eq!(
            files["style.css"].bytes().unwrap().as_ref(),
            b"body { color: red }"
        );
        assert_eq!(files["logo.svg"].shown, "themes/default/static/logo.svg");
        assert_eq!(
            files["zoeken.js"].shown,
            "(built-in theme) static/zoeken.js"
        );
        assert_eq!(
            layers.file("templates/base.html").unwrap().shown,
            "(built-in theme) templates/base.html"
        );
    }

    #[test]
    fn only_default_may_be_missing_from_the_site() {
        let site = tempfile::tempdir().unwrap();
        let layers = Layers::open(site.path(), "default").unwrap();
        assert!(layers.site_file("nl.yaml").is_none());
        assert_eq!(
            layers.file("nl.yaml").unwrap().shown,
            "(built-in theme) nl.yaml"
        );
        let missing = Layers::open(site.path(), "huisstijl").unwrap_err();
        assert!(
            missing.message.contains("no folder themes/huisstijl"),
            "{}",
            missing.message
        );
        // Another theme's folder starts from the built-in theme too.
        std::fs::create_dir_all(site.path().join("themes/huisstijl")).unwrap();
        let other = Layers::open(site.path(), "huisstijl").unwrap();
        assert!(other.file("templates/home.html").is_some());
    }
}
