//! Exports: renderers over the resolved site that write one file other than the website. `pdf` typesets the
//! printed handbook; `offline` packs the public website into a zip for a USB stick.

pub mod offline;
pub mod pdf;

use std::path::Path;

use crate::diagnostic::Diagnostic;

/// Writes a file beside its final place and renames it there, so that a reader never sees half a file and a
/// failure leaves an earlier file as it was. `write` fills the temporary file; returns the file's size.
pub(crate) fn write_atomically(
    file: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<u64, Diagnostic> {
    let problem = |e: std::io::Error| {
        Diagnostic::error(format!("cannot write {}: {e}", file.display()))
            .hint("check that the folder exists and that you may write there, or choose another file with --out")
    };
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let extension = file
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let suffix = format!("{extension}.tmp");
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kennisbank-").suffix(&suffix);
    // Readable by everyone, as a file saved by any other program (a temporary file is the owner's only).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut temp = builder.tempfile_in(dir).map_err(problem)?;
    write(temp.as_file_mut()).map_err(problem)?;
    let size = temp.as_file().metadata().map_err(problem)?.len();
    temp.persist(file).map_err(|e| problem(e.error))?;
    Ok(size)
}
