//! The default theme built into the binary: every file of the repository's `themes/default/`, embedded at compile
//! time (the list comes from `build.rs`). It only hands out files; which file wins when a site has its own copy
//! is decided in [`super::layers`].

/// The theme a site gets when `vormgeving` is `default` and it has no folder of that name.
pub const NAME: &str = "default";

/// Every file of the theme by its path inside the theme (`templates/base.html`), sorted by that path.
static FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/builtin_theme.rs"));

/// A file of the built-in theme by its path inside the theme.
pub fn get(path: &str) -> Option<&'static [u8]> {
    FILES
        .binary_search_by(|(name, _)| (*name).cmp(path))
        .ok()
        .map(|i| FILES[i].1)
}

/// The files under a folder of the built-in theme (`static`), by their path inside that folder.
pub fn under(folder: &str) -> impl Iterator<Item = (&'static str, &'static [u8])> + '_ {
    FILES.iter().filter_map(move |(path, bytes)| {
        path.strip_prefix(folder)
            .and_then(|rest| rest.strip_prefix('/'))
            .map(|rest| (rest, *bytes))
    })
}

/// How a built-in file is named in messages: it has no path on the user's disk.
pub fn shown(path: &str) -> String {
    format!("(built-in theme) {path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_every_file_of_the_theme_folder() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = FILES.iter().map(|(path, _)| *path).collect();
        assert_eq!(embedded, on_disk);
        for path in &on_disk {
            assert_eq!(
                get(path),
                Some(std::fs::read(root.join(path)).unwrap().as_slice()),
                "{path} differs from the file on disk"
            );
        }
    }

    #[test]
    fn finds_files_by_path_and_folder() {
        assert!(get("templates/base.html").is_some());
        assert!(get("print/handboek.typ").is_some());
        assert!(get("nl.yaml").is_some());
        assert!(get("templates/bestaat-niet.html").is_none());
        let statics: Vec<&str> = under("static").map(|(p, _)| p).collect();
        assert!(statics.contains(&"style.css"), "{statics:?}");
        assert!(statics.iter().all(|p| !p.contains("static")), "{statics:?}");
        // `templates` must not also match a folder whose name merely starts with it.
        assert!(under("templ").next().is_none());
    }
}
