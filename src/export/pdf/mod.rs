//! The printed handbook: `kennisbank export pdf`. A renderer over the same resolved site the website comes from:
//! [`book`] chooses the pages and makes the template's values, [`body`] turns each page's Markdown into a tree,
//! and [`typeset`] lays it out with the theme's Typst template (`print/handboek.typ`) into a PDF. A theme
//! meeting's handout is a selection like the others: [`handout`] chooses its pages and [`qr`] makes the QR codes
//! it prints; the template has a handout mode. It writes one file, and only when everything succeeded.

pub mod body;
pub mod book;
mod handout;
pub mod qr;
pub mod typeset;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use book::{Format, Selection};
pub use typst_pdf::PdfStandard;

use super::write_atomically;
use crate::build::{finish, prepare_without_errors, Timings};
use crate::diagnostic::{Diagnostic, Sources};
use crate::render::context::Values;
use crate::site::Edition;

/// The print template's path in the theme.
pub const TEMPLATE: &str = "print/handboek.typ";

pub struct ExportOptions {
    pub site: PathBuf,
    /// The PDF to write; by default `handboek.pdf` (or a name for the selection) in the site folder.
    pub out: Option<PathBuf>,
    pub edition: Edition,
    pub selection: Selection,
    pub format: Format,
    pub standards: Vec<PdfStandard>,
}

#[derive(Debug)]
pub struct ExportReport {
    pub file: PathBuf,
    /// Pages of the site in the book.
    pub pages: usize,
    /// Pages of paper.
    pub sheets: usize,
    pub bytes: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// Exports the PDF. On failure, returns every problem and leaves any earlier PDF as it was.
pub fn export(options: &ExportOptions, sources: &Sources) -> Result<ExportReport, Vec<Diagnostic>> {
    let started = Instant::now();
    let timings = Timings::new(started);
    let (site, theme, mut diagnostics) =
        prepare_without_errors(&options.site, options.edition, sources, &timings)?;
    // The site's own print template, or the built-in theme's.
    let Some(template_file) = theme.file(TEMPLATE) else {
        diagnostics.push(
            Diagnostic::error(format!("the theme has no print template {TEMPLATE}"))
                .hint("the built-in theme has one; the site's theme folder may override it"),
        );
        return Err(finish(diagnostics));
    };
    let template = match template_file.text() {
        Ok(text) => text,
        Err(problem) => {
            diagnostics.push(problem);
            return Err(finish(diagnostics));
        }
    };
    let template_file = template_file.shown;
    sources.add(&template_file, Arc::from(template.as_str()));

    let composer = book::Composer {
        site: &site,
        values: Values {
            site: &site,
            labels: &theme.labels,
        },
        strings: &theme.strings,
        site_dir: &options.site,
        sources,
    };
    let book = match composer.compose(&options.selection, options.format) {
        Ok(book) => book,
        Err(mut problems) => {
            diagnostics.append(&mut problems);
            return Err(finish(diagnostics));
        }
    };
    diagnostics.extend(book.warnings);
    timings.lap("compose");
    let data = serde_json::to_vec(&book.data).map_err(|e| {
        vec![Diagnostic::error(format!(
            "internal error: the book's data: {e}"
        ))]
    })?;
    let typeset = typeset::typeset(typeset::Job {
        template_file: &template_file,
        template: &template,
        data,
        files: book.images,
        standards: &options.standards,
        date: book.date,
    });
    timings.lap("typeset");
    let (pdf, sheets, mut warnings) = match typeset {
        Ok(done) => done,
        Err(mut problems) => {
            diagnostics.append(&mut problems);
            return Err(finish(diagnostics));
        }
    };
    diagnostics.append(&mut warnings);

    let file = options.out.clone().unwrap_or_else(|| {
        options
            .site
            .join(default_name(&options.selection, options.edition))
    });
    if let Err(problem) = write_atomically(&file, |f| std::io::Write::write_all(f, &pdf)) {
        diagnostics.push(problem);
        return Err(finish(diagnostics));
    }
    Ok(ExportReport {
        file,
        pages: book.pages,
        sheets,
        bytes: pdf.len(),
        elapsed: started.elapsed(),
        warnings: finish(diagnostics),
    })
}

/// The file name when none is given: what the book holds, and `-intern` for the internal edition.
fn default_name(selection: &Selection, edition: Edition) -> String {
    let file_slug = |path: &str| {
        crate::text::slugify(
            path.rsplit('/')
                .next()
                .unwrap_or(path)
                .trim_end_matches(".md"),
        )
    };
    let stem = match selection {
        Selection::Whole => "handboek".to_string(),
        Selection::Pages(pages) => match pages.as_slice() {
            [one] => file_slug(one),
            _ => "selectie".to_string(),
        },
        Selection::Section(name) => format!("handboek-{}", crate::text::slugify(name)),
        Selection::Theme(name) => format!("thema-{}", crate::text::slugify(name)),
        Selection::Contacts => "contacten".to_string(),
        Selection::Meeting(path) => format!("bijeenkomst-{}", file_slug(path)),
    };
    match edition {
        Edition::Public => format!("{stem}.pdf"),
        Edition::Internal => format!("{stem}-intern.pdf"),
    }
}
