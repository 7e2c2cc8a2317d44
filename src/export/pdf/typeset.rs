//! The embedded typesetter: a Typst `World` holding the theme's print template, the book as JSON and the images
//! it shows, with fonts built into the binary; it compiles them to a PDF and turns Typst's diagnostics into
//! kennisbank's. It reads no file itself and knows nothing of pages: the caller hands it everything.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diagnostic::Diagnostic;

/// Where the template finds the book's data: `json("/boek.json")`.
pub const DATA_PATH: &str = "/boek.json";

/// The fonts every PDF is set in, parsed once: Libertinus Serif for text, DejaVu Sans Mono for code, New
/// Computer Modern as a fallback for rarer characters. None comes from the system, so every machine prints alike.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// Whether some embedded font has a glyph for this character (the typesetter falls back across all of them).
pub fn has_glyph(c: char) -> bool {
    FONTS
        .1
        .iter()
        .any(|font| font.info().coverage.contains(c as u32))
}

/// What to typeset.
pub struct Job<'a> {
    /// The template's file as the user knows it (`themes/default/print/handboek.typ`, or
    /// `(built-in theme) print/handboek.typ`) and its text.
    pub template_file: &'a str,
    pub template: &'a str,
    /// The book, read by the template from [`DATA_PATH`].
    pub data: Vec<u8>,
    /// Images by their path in the book (`/content/praktijkvoorbeelden/schema.png`).
    pub files: BTreeMap<String, Vec<u8>>,
    pub standards: &'a [PdfStandard],
    /// The document's date: written into the PDF's metadata, so that two exports of one input are identical.
    pub date: chrono::NaiveDate,
}

struct Book {
    main: FileId,
    source: Source,
    files: HashMap<FileId, Bytes>,
}

impl World for Book {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(self.source.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main {
            return Ok(Bytes::from_string(self.source.clone()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // A book printed today and tomorrow must be the same book: the template uses the configured date.
        None
    }
}

fn file_id(path: &str) -> Result<FileId, Diagnostic> {
    let vpath = VirtualPath::new(path).map_err(|e| {
        Diagnostic::error(format!(
            "internal error: `{path}` is not a path the typesetter accepts: {e:?}"
        ))
    })?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// Typesets the job into a PDF. Errors and warnings both come back as diagnostics; a warning does not stop the
/// PDF, an error does.
/// Gives the PDF, its number of pages, and the warnings.
#[allow(clippy::type_complexity)]
pub fn typeset(job: Job<'_>) -> Result<(Vec<u8>, usize, Vec<Diagnostic>), Vec<Diagnostic>> {
    let main = file_id("/handboek.typ").map_err(|d| vec![d])?;
    let mut files = HashMap::new();
    files.insert(
        file_id(DATA_PATH).map_err(|d| vec![d])?,
        Bytes::new(job.data),
    );
    for (path, bytes) in job.files {
        files.insert(file_id(&path).map_err(|d| vec![d])?, Bytes::new(bytes));
    }
    let world = Book {
        main,
        source: Source::new(main, job.template.to_string()),
        files,
    };
    let report = |diagnostics: &[SourceDiagnostic]| -> Vec<Diagnostic> {
        diagnostics
            .iter()
            .map(|d| convert(&world, job.template_file, d))
            .collect()
    };
    let compiled = typst::compile::<PagedDocument>(&world);
    let mut warnings = report(&compiled.warnings);
    let document = compiled.output.map_err(|errors| {
        let mut all = report(&errors);
        all.append(&mut warnings.clone());
        all
    })?;

    // Typst's memoised layout results are of no more use once the document is laid out; freeing them before
    // the PDF is written lowers the peak memory of a long book markedly.
    typst::comemo::evict(0);
    let standards = PdfStandards::new(job.standards).map_err(|e| {
        vec![Diagnostic::error(format!("these PDF standards cannot be combined: {}", e.message()))
            .hint("choose one PDF/A standard, optionally with ua-1, e.g. --standaard a-2a --standaard ua-1")]
    })?;
    let timestamp = Datetime::from_ymd(
        chrono::Datelike::year(&job.date),
        chrono::Datelike::month(&job.date) as u8,
        chrono::Datelike::day(&job.date) as u8,
    )
    .map(Timestamp::new_utc);
    let options = PdfOptions {
        ident: typst::foundations::Smart::Auto,
        creator: typst::foundations::Smart::Custom(Some("kennisbank".into())),
        timestamp,
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    match typst_pdf::pdf(&document, &options) {
        Ok(bytes) => Ok((bytes, document.pages().len(), warnings)),
        Err(errors) => {
            let mut all = report(&errors);
            all.append(&mut warnings);
            Err(all)
        }
    }
}

/// One of Typst's diagnostics as ours. Its span can only point into the template (the content arrives as data),
/// so a problem with the content itself must be caught before typesetting, where its file and line are known.
fn convert(world: &Book, template_file: &str, d: &SourceDiagnostic) -> Diagnostic {
    let message = format!("the typesetter reports: {}", d.message);
    let mut out = match d.severity {
        Severity::Error => Diagnostic::error(message),
        Severity::Warning => Diagnostic::warning(message),
    };
    if d.span.id() == Some(world.main) {
        out = out.in_file(template_file).at_opt(world.range(d.span));
    } else {
        out = out.in_file(template_file);
    }
    let mut hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
    for point in &d.trace {
        hints.push(point.v.to_string());
    }
    if hints.is_empty() {
        out.hint("this comes from the print template; if you did not change it, please report it")
    } else {
        out.hint(hints.join("; "))
    }
}
