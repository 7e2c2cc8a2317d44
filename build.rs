//! Build script: lists every file of `themes/default/` so that the binary carries the default theme
//! (`src/render/theme/builtin.rs` includes the list). Each file is embedded with `include_bytes!`, which makes
//! cargo recompile when a file's content changes; `rerun-if-changed` on the folder makes it list the files again
//! when one is added or removed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const THEME: &str = "themes/default";

fn main() {
    println!("cargo:rerun-if-changed={THEME}");
    println!("cargo:rerun-if-changed=build.rs");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(THEME);
    let mut files = Vec::new();
    walk(&root, &mut files);
    // Sorted by their path in the theme, so the list (and the binary) does not depend on the file system's order.
    let mut files: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|path| {
            let relative = path
                .strip_prefix(&root)
                .expect("a file under the theme folder")
                .components()
                .map(|c| c.as_os_str().to_str().expect("theme file names are UTF-8"))
                .collect::<Vec<_>>()
                .join("/");
            (relative, path)
        })
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    for (relative, path) in &files {
        writeln!(
            out,
            "    ({relative:?}, include_bytes!({:?}) as &[u8]),",
            path.to_str().expect("the theme's path is UTF-8")
        )
        .unwrap();
    }
    out.push_str("]\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_theme.rs");
    std::fs::write(target, out).expect("write the list of theme files");
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read the default theme at {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        // An editor's swap or backup file (`.style.css.swp`) is no part of the theme.
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        if path.is_dir() {
            walk(&path, files);
        } else {
            files.push(path);
        }
    }
}
