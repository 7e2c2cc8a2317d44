//! `kennisbank check`: every problem a build would report, found without writing the site, and what only a
//! review of the content asks for.
//!
//! It resolves the **internal** edition, so that every file is checked, internal pages and fields included, and
//! renders every page through the theme into a temporary folder outside the site that is thrown away afterwards,
//! so that template errors are found too (once, for the internal edition: the same templates as the public
//! one, over every page). Nothing in the site folder is written: no output folder, no search index. Leaks are judged from the **public** edition's point of view ([`links`]). On top of the build's own
//! checks come the review rules: pages no page links to and unused begrippen ([`links`]), heading levels, images
//! without a description and a practice example's standard questions ([`review`]), and, only when asked, whether
//! web addresses still answer ([`external`]).
//!
//! It fixes nothing and writes no search index (a build's index can only fail by failing to write). How the
//! findings are printed is [`report`]'s business; what fails the command is [`passes`].

pub mod external;
mod links;
pub mod report;
pub mod review;

use std::path::{Path, PathBuf};
use std::time::Instant;

use indicatif::ProgressBar;

use crate::build::{finish, prepare, Prepared, Timings};
use crate::content::Kind;
use crate::diagnostic::{Diagnostic, Sources};
use crate::output::Staging;
use crate::render::{self, Theme};
use crate::site::{Edition, Site};

pub struct CheckOptions {
    /// The site folder (with `kennisbank.yaml`).
    pub site: PathBuf,
    /// Also asks every web address a page links to whether it still answers (needs a network).
    pub external: bool,
}

#[derive(Debug)]
pub struct CheckReport {
    /// Every finding, errors first, then by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The Markdown files checked (section intros included).
    pub pages: usize,
    /// What the user should know about the check itself, e.g. that the network could not be reached.
    pub notes: Vec<String>,
}

/// Checks the site. Fails only when the configuration cannot be read: then nothing else can be checked.
pub fn check(options: &CheckOptions, sources: &Sources) -> Result<CheckReport, Vec<Diagnostic>> {
    let timings = Timings::new(Instant::now());
    let Prepared {
        site,
        theme,
        mut diagnostics,
    } = prepare(&options.site, Edition::Internal, None, sources, &timings)?;
    match theme {
        Ok(theme) => diagnostics.extend(render_templates(&site, &theme, &options.site, sources)),
        Err(problems) => diagnostics.extend(problems),
    }
    timings.lap("render into a temporary folder");
    diagnostics.extend(review_pages(&site));
    diagnostics.extend(links::review(&site));
    timings.lap("review");
    let mut notes = Vec::new();
    if options.external {
        let checked = external::check(&site);
        diagnostics.extend(checked.diagnostics);
        notes.extend(checked.note);
        timings.lap("external links");
    }
    Ok(CheckReport {
        diagnostics: finish(diagnostics),
        pages: site.pages.len(),
        notes,
    })
}

/// Whether the check passes: no errors, and with `strict` no warnings either.
pub fn passes(diagnostics: &[Diagnostic], strict: bool) -> bool {
    diagnostics.iter().all(|d| !(d.is_error() || strict))
}

fn review_pages(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for sp in site.pages.values() {
        let (file, rendered) = (sp.page.file.as_str(), &sp.rendered);
        out.extend(review::headings(file, &rendered.outline));
        out.extend(review::images(file, &rendered.images));
        if sp.page.kind == Kind::Praktijkvoorbeeld && !sp.page.is_index {
            out.extend(review::questions(
                file,
                &sp.page.text,
                &rendered.outline,
                &site.config.standaardvragen,
            ));
        }
    }
    out
}

/// Renders the whole site as a build does, into a temporary folder outside the site that is removed again, and
/// returns the problems (template errors above all).
fn render_templates(
    site: &Site,
    theme: &Theme,
    site_dir: &Path,
    sources: &Sources,
) -> Vec<Diagnostic> {
    let scratch = match tempfile::Builder::new()
        .prefix("kennisbank-check-")
        .tempdir()
    {
        Ok(scratch) => scratch,
        Err(e) => {
            return vec![Diagnostic::error(format!(
                "cannot make a temporary folder to render the pages into: {e}"
            ))
            .hint("the check renders every page to find template errors; set TMPDIR to a folder you may write to")]
        }
    };
    let staging = match Staging::new(scratch.path(), &scratch.path().join("public")) {
        Ok(staging) => staging,
        Err(problem) => return vec![problem],
    };
    let rendered = render::render(
        site,
        theme,
        &staging,
        site_dir,
        sources,
        &ProgressBar::hidden(),
    );
    // Dropping the staging folder waits for its files and removes them; the scratch folder goes after it.
    drop(staging);
    drop(scratch);
    rendered.err().unwrap_or_default()
}
