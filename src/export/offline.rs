//! The offline bundle: `kennisbank export offline`. One zip of the public website for a USB stick, to open from
//! disk (file://) where there is no network: `START-HIER.html` at the root, which opens the home page at once,
//! and the site itself in the folder `website/` beside it.
//!
//! The site is rendered by the same renderer as `kennisbank build`, into memory, and its search files are made
//! from a search index kept in memory too: the export writes its one file and nothing else (no output folder,
//! no search index folder). It always builds the public edition. It leaves out the files only a web server
//! uses: the 404 page, robots.txt, the sitemap and the feed. It does not check links itself: every link the
//! renderer writes is relative, and the resolver has checked every target. Entries are sorted and carry a fixed
//! time and fixed permissions, so the same site always gives the same bytes.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use indicatif::ProgressBar;
use rayon::prelude::*;
use serde_json::Value;
use zip::write::{PreparedZipFile, SimpleFileOptions, ZipFileBuilder};
use zip::{CompressionMethod, ZipWriter};

use super::write_atomically;
use crate::build::{finish, prepare_without_errors, Timings};
use crate::diagnostic::{Diagnostic, Sources};
use crate::output::{Memory, Sink};
use crate::render::{self, Theme};
use crate::site::{Edition, Site};

/// The zip's name in the site folder when `--out` is not given.
pub const DEFAULT_NAME: &str = "kennisbank-offline.zip";
/// The one file at the zip's root: what a user opens.
pub const START_PAGE: &str = "START-HIER.html";
/// The folder in the zip that holds the website.
pub const FOLDER: &str = "website";
/// The theme's template of the start page.
pub const TEMPLATE: &str = "start-hier.html";
/// Files of the website that only a web server uses: a browser opening files from disk never asks for them.
const SERVER_ONLY: [&str; 4] = ["404.html", "robots.txt", "sitemap.xml", "feed.xml"];

pub struct ExportOptions {
    pub site: PathBuf,
    /// The zip to write; by default [`DEFAULT_NAME`] in the site folder.
    pub out: Option<PathBuf>,
}

#[derive(Debug)]
pub struct ExportReport {
    pub file: PathBuf,
    /// Content pages of the site in the bundle.
    pub pages: usize,
    /// Files in the zip, the start page included.
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// Exports the bundle. On failure, returns every problem and leaves any earlier zip as it was.
pub fn export(options: &ExportOptions, sources: &Sources) -> Result<ExportReport, Vec<Diagnostic>> {
    let started = Instant::now();
    let timings = Timings::new(started);
    let (site, theme, mut diagnostics) =
        prepare_without_errors(&options.site, Edition::Public, sources, &timings)?;

    let memory = Memory::default();
    // As in a build, the search files need only the resolved site, so they are made while the pages render.
    let (rendered, searched) = std::thread::scope(|scope| {
        let search = scope.spawn(|| write_search(&site, &memory));
        let rendered = render::render(
            &site,
            &theme,
            &memory,
            &options.site,
            sources,
            &ProgressBar::hidden(),
        );
        let searched = search.join().unwrap_or_else(|_| {
            Err(Diagnostic::error(
                "internal error: writing the search files failed",
            ))
        });
        (rendered, searched)
    });
    diagnostics.extend(rendered.err().into_iter().flatten());
    diagnostics.extend(searched.err());
    let start_page = start_page(&site, &theme, sources);
    let start_page = start_page.map_err(|problem| diagnostics.push(problem));
    let Ok(start_page) = start_page.map(String::into_bytes) else {
        return Err(finish(diagnostics));
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(finish(diagnostics));
    }
    timings.lap("render and index");

    let mut entries: BTreeMap<String, Vec<u8>> = memory
        .into_files()
        .into_iter()
        .filter(|(path, _)| !SERVER_ONLY.contains(&path.as_str()))
        .map(|(path, bytes)| (format!("{FOLDER}/{path}"), bytes))
        .collect();
    entries.insert(START_PAGE.to_string(), start_page);
    let files = entries.len();
    let file = options
        .out
        .clone()
        .unwrap_or_else(|| options.site.join(DEFAULT_NAME));
    let modified = modified_time(site.config.datum);
    let bytes = match write_atomically(&file, |f| write_zip(f, entries, modified)) {
        Ok(bytes) => bytes,
        Err(problem) => {
            diagnostics.push(problem);
            return Err(finish(diagnostics));
        }
    };
    timings.lap("zip");
    Ok(ExportReport {
        file,
        pages: site.content_pages().count(),
        files,
        bytes,
        elapsed: started.elapsed(),
        warnings: finish(diagnostics),
    })
}

/// The site's search files (`zoek/`), from a search index that is never written to disk.
fn write_search(site: &Site, out: &dyn Sink) -> Result<(), Diagnostic> {
    let problem = |e: tantivy::TantivyError| {
        Diagnostic::error(format!("cannot make the site's search files: {e}"))
    };
    let (index, vocabulary) = crate::search::index::write_in_memory(site).map_err(problem)?;
    crate::search::client::write(&index, &vocabulary, out).map_err(problem)
}

/// `START-HIER.html`: the theme's start page, with `root` the website's folder.
fn start_page(site: &Site, theme: &Theme, sources: &Sources) -> Result<String, Diagnostic> {
    if !theme.has_template(TEMPLATE) {
        return Err(
            Diagnostic::error(format!("the theme has no template {TEMPLATE}"))
                .hint("the built-in theme has one; the site's templates folder may override it"),
        );
    }
    let mut values = render::base_context(site, theme);
    values.insert("root".into(), Value::String(format!("{FOLDER}/")));
    let context = tera::Context::from_value(Value::Object(values))
        .map_err(|e| Diagnostic::error(format!("internal error: {e}")))?;
    theme.render(TEMPLATE, &context, sources)
}

/// The time every entry carries: the site's `datum` when it has one, else the earliest time a zip can hold.
fn modified_time(datum: Option<chrono::NaiveDate>) -> zip::DateTime {
    use chrono::Datelike;
    datum
        .and_then(|d| {
            let year = u16::try_from(d.year()).ok()?;
            zip::DateTime::from_date_and_time(year, d.month() as u8, d.day() as u8, 0, 0, 0).ok()
        })
        .unwrap_or(zip::DateTime::DEFAULT)
}

/// Writes the entries, in their sorted order, compressed on every core.
fn write_zip(
    file: &mut std::fs::File,
    entries: BTreeMap<String, Vec<u8>>,
    modified: zip::DateTime,
) -> std::io::Result<()> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .system(zip::System::Unix)
        .unix_permissions(0o644)
        .last_modified_time(modified);
    let entries: Vec<(String, Vec<u8>)> = entries.into_iter().collect();
    let prepared = entries
        .into_par_iter()
        .map(|(name, bytes)| {
            let mut builder = ZipFileBuilder::new(name, options)?;
            builder.write_all(&bytes)?;
            builder.finish()
        })
        .collect::<zip::result::ZipResult<Vec<PreparedZipFile>>>()
        .map_err(std::io::Error::other)?;
    let mut zip = ZipWriter::new(file);
    for entry in prepared {
        zip.add_prepared_file(entry)
            .map_err(std::io::Error::other)?;
    }
    zip.finish().map_err(std::io::Error::other)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_carry_the_site_date_or_the_zip_epoch() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 1);
        let time = modified_time(date);
        assert_eq!((time.year(), time.month(), time.day()), (2026, 11, 1));
        let time = modified_time(None);
        assert_eq!((time.year(), time.month(), time.day()), (1980, 1, 1));
    }
}
