//! Drives a build through its stages: configuration and theme, load, resolve, render, and the swap of the output
//! folder. Every stage runs as far as it can, so that all problems of a build are reported together; the output
//! is replaced only when there are none.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::config::Config;
use crate::content;
use crate::diagnostic::{self, Diagnostic, Sources};
use crate::output::Staging;
use crate::render::{self, Theme};
use crate::site::{self, Edition, ResolveOptions};

pub struct BuildOptions {
    /// The site folder (with `kennisbank.yaml`).
    pub site: PathBuf,
    /// The output folder; by default `uitvoer` from the configuration, relative to the site folder.
    pub out: Option<PathBuf>,
    pub edition: Edition,
    /// Replaces `base_url` from the configuration.
    pub base_url: Option<String>,
    /// The search index folder; by default `zoekindex` from the configuration. The edition's index goes into
    /// its subfolder `publiek` or `intern`.
    pub search_index: Option<PathBuf>,
    /// Shows a progress bar (only drawn on a terminal).
    pub progress: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    /// Content pages (praktijkvoorbeelden, begrippen, …) in the build.
    pub pages: usize,
    /// HTML files written, including lists, taxonomy pages, home and 404.
    pub html_files: usize,
    pub output: PathBuf,
    pub search_index: PathBuf,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site. On failure, returns every problem found (warnings included) and leaves the output untouched.
pub fn build(options: &BuildOptions, sources: &Sources) -> Result<BuildReport, Vec<Diagnostic>> {
    let started = Instant::now();
    let timings = Timings::new(started);
    let Prepared {
        site,
        theme,
        mut diagnostics,
    } = prepare(
        &options.site,
        options.edition,
        options.base_url.as_deref(),
        sources,
        &timings,
    )?;
    let output = options
        .out
        .clone()
        .unwrap_or_else(|| options.site.join(&site.config.uitvoer));
    let search_index = index_folder(
        &options.site,
        &site.config,
        options.search_index.as_deref(),
        options.edition,
    );
    let from_config = [
        (options.out.is_none(), &output, "uitvoer"),
        (options.search_index.is_none(), &search_index, "zoekindex"),
    ];
    for (_, folder, key) in from_config.iter().filter(|(configured, _, _)| *configured) {
        if let Err(problem) = crate::output::check_inside_site(&options.site, folder, key) {
            diagnostics.push(problem);
            return Err(finish(diagnostics));
        }
    }
    let theme = match theme {
        Ok(theme) => theme,
        Err(mut problems) => {
            diagnostics.append(&mut problems);
            return Err(finish(diagnostics));
        }
    };

    let staging = match Staging::new(&options.site, &output) {
        Ok(staging) => staging,
        Err(problem) => {
            diagnostics.push(problem);
            return Err(finish(diagnostics));
        }
    };
    let progress = if options.progress {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} pages") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    // The index needs only the resolved site, so it is written while the pages render.
    let content_errors = diagnostics.iter().any(Diagnostic::is_error);
    let (rendered, index_staging) = std::thread::scope(|scope| {
        let index = scope.spawn(|| {
            (!content_errors).then(|| write_index(&site, &options.site, &search_index, &staging))
        });
        let rendered = render::render(&site, &theme, &staging, &options.site, sources, &progress);
        let index = index.join().unwrap_or_else(|_| {
            Some(Err(Diagnostic::error(
                "internal error: writing the search index failed",
            )))
        });
        (rendered, index)
    });
    progress.finish_and_clear();
    timings.lap("render and index");
    let html_files = match rendered {
        Ok(n) => n,
        Err(mut problems) => {
            diagnostics.append(&mut problems);
            0
        }
    };
    let index_staging = match index_staging {
        Some(Ok(staging)) => Some(staging),
        Some(Err(problem)) => {
            diagnostics.push(problem);
            None
        }
        None => None,
    };
    let Some(index_staging) =
        index_staging.filter(|_| !diagnostics.iter().any(Diagnostic::is_error))
    else {
        // Dropping the staging folders removes them; the previous output stays as it was.
        drop(staging);
        return Err(finish(diagnostics));
    };
    if let Err(problem) = staging.commit().and_then(|_| index_staging.commit()) {
        diagnostics.push(problem);
        return Err(finish(diagnostics));
    }
    timings.lap("swap");
    Ok(BuildReport {
        pages: site.content_pages().count(),
        html_files,
        output,
        search_index,
        elapsed: started.elapsed(),
        warnings: finish(diagnostics),
    })
}

/// The resolved site and its theme, with every problem found on the way: what each renderer starts from.
pub struct Prepared {
    pub site: site::Site,
    pub theme: Result<Theme, Vec<Diagnostic>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads the configuration, the theme and the content, and resolves the site for an edition. Only a missing or
/// broken configuration stops it early; every other problem is collected.
pub fn prepare(
    site_dir: &Path,
    edition: Edition,
    base_url: Option<&str>,
    sources: &Sources,
    timings: &Timings,
) -> Result<Prepared, Vec<Diagnostic>> {
    let mut config = Config::load(site_dir, sources)?;
    if let Some(base_url) = base_url {
        config.base_url = base_url.to_string();
    }
    let mut diagnostics = Vec::new();
    let theme = Theme::load(site_dir, &config.vormgeving, sources);
    let loaded = content::load(site_dir, &config, sources);
    timings.lap("load");
    let site = resolve(
        config,
        loaded,
        theme.as_ref().ok(),
        edition,
        None,
        &mut diagnostics,
    );
    timings.lap("resolve");
    Ok(Prepared {
        site,
        theme,
        diagnostics,
    })
}

/// As [`prepare`], for renderers that go no further when the content or the theme has an error (the exports): the
/// resolved site, its theme and the warnings, or every problem found.
pub fn prepare_without_errors(
    site_dir: &Path,
    edition: Edition,
    sources: &Sources,
    timings: &Timings,
) -> Result<(site::Site, Theme, Vec<Diagnostic>), Vec<Diagnostic>> {
    let Prepared {
        site,
        theme,
        mut diagnostics,
    } = prepare(site_dir, edition, None, sources, timings)?;
    match theme {
        Ok(theme) if !diagnostics.iter().any(Diagnostic::is_error) => {
            Ok((site, theme, diagnostics))
        }
        Ok(_) => Err(finish(diagnostics)),
        Err(mut problems) => {
            diagnostics.append(&mut problems);
            Err(finish(diagnostics))
        }
    }
}

/// Resolves the loaded content for an edition, with the theme's labels for the renderer's own markup, and
/// collects the problems of both. `previous` is the same site resolved before (see `site::resolve`).
pub(crate) fn resolve(
    config: Config,
    loaded: content::Loaded,
    theme: Option<&Theme>,
    edition: Edition,
    previous: Option<&site::Site>,
    diagnostics: &mut Vec<Diagnostic>,
) -> site::Site {
    diagnostics.extend(loaded.diagnostics);
    let labels = theme.map(|t| t.labels.markdown()).unwrap_or_default();
    site::resolve(
        config,
        loaded.pages,
        loaded.assets,
        &loaded.broken,
        &ResolveOptions {
            edition,
            labels: &labels,
            previous,
        },
        diagnostics,
    )
}

/// Where an edition's search index lives: the folder chosen on the command line, or `zoekindex` from the
/// configuration in the site folder; in it, each edition has an index of its own, so that a public build can
/// never serve internal pages. Building and searching both ask here.
pub fn index_folder(
    site: &Path,
    config: &Config,
    chosen: Option<&Path>,
    edition: Edition,
) -> PathBuf {
    let base = chosen.map_or_else(|| site.join(&config.zoekindex), Path::to_path_buf);
    base.join(match edition {
        Edition::Public => "publiek",
        Edition::Internal => "intern",
    })
}

/// Writes the edition's tantivy index into a staging folder of its own, and the site's search files (derived
/// from it) into the site's staging folder.
pub(crate) fn write_index(
    site: &site::Site,
    site_dir: &Path,
    target: &Path,
    site_staging: &dyn crate::output::Sink,
) -> Result<Staging, Diagnostic> {
    let staging = Staging::new(site_dir, target)?;
    let dir = staging
        .folder()
        .ok_or_else(|| Diagnostic::error("internal error: the index folder is closed"))?
        .to_path_buf();
    let problem = |e: tantivy::TantivyError| {
        Diagnostic::error(format!(
            "cannot write the search index into {}: {e}",
            target.display()
        ))
        .hint("check that the disk is not full and that you may write there")
    };
    let timings = Timings::new(Instant::now());
    let (index, vocabulary) = crate::search::index::write(site, &dir).map_err(problem)?;
    timings.lap("  tantivy index (beside rendering)");
    crate::search::client::write(&index, &vocabulary, site_staging).map_err(problem)?;
    timings.lap("  site search files (beside rendering)");
    Ok(staging)
}

pub fn finish(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    diagnostics
}

/// The site folder to use when none is given: the current folder.
pub fn default_site() -> PathBuf {
    Path::new(".").to_path_buf()
}

/// Stage timings on stderr when `KENNISBANK_TIMINGS` is set, for benchmarks and profiling.
pub struct Timings {
    last: std::cell::Cell<Instant>,
    enabled: bool,
}

impl Timings {
    pub fn new(start: Instant) -> Timings {
        Timings {
            last: std::cell::Cell::new(start),
            enabled: std::env::var_os("KENNISBANK_TIMINGS").is_some(),
        }
    }

    pub fn lap(&self, stage: &str) {
        if self.enabled {
            let now = Instant::now();
            eprintln!(
                "timing: {stage} {:.3} s",
                (now - self.last.get()).as_secs_f64()
            );
            self.last.set(now);
        }
    }
}
