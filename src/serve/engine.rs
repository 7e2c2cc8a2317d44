//! Rebuilds the served site after a change, doing only the work the change needs, and ending with exactly the
//! files a clean build of the same input would write.
//!
//! A rebuild reads again only the changed files (the content cache), renders again only the changed bodies
//! (`site::resolve` with the previous site), and writes only the files the change touched (`affected`), through
//! [`Folder`]. A change to the configuration or the theme renders the whole site into a fresh folder that
//! replaces the served one. What depends on every page at once (the search index and its files in `zoek/`, and
//! the print page) is brought up to date afterwards by [`Engine::settle`], so that the edited page reloads first.
//!
//! A rebuild with errors writes nothing: the last good site stays served.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::ProgressBar;

use super::affected::{affected, Affected};
use super::folder::Folder;
use crate::build::{finish, write_index};
use crate::config::Config;
use crate::content;
use crate::diagnostic::{Diagnostic, Sources};
use crate::output::Memory;
use crate::output::Staging;
use crate::render::{self, Job, Theme};
use crate::site::{Edition, Site};

/// What changed on disk since the last rebuild.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Paths under `content/` (files or folders) that were created, changed, renamed or removed.
    pub content: BTreeSet<String>,
    /// Something under the site's `themes/` or `templates/` folder.
    pub theme: bool,
    /// `kennisbank.yaml`.
    pub config: bool,
    /// Anything at all, e.g. after the watcher lost track of events.
    pub everything: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }

    pub fn merge(&mut self, other: Changes) {
        self.content.extend(other.content);
        self.theme |= other.theme;
        self.config |= other.config;
        self.everything |= other.everything;
    }
}

/// What a successful rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    /// Files of the output that were written or removed, relative to it.
    pub changed: Vec<String>,
    /// Whether every file may have changed (the theme or configuration did), so every open page reloads.
    pub everything: bool,
    /// Content pages in the site.
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// The last good build: what the next rebuild compares with and starts from.
struct Built {
    site: Arc<Site>,
    theme: Arc<Theme>,
}

pub struct Engine {
    site_dir: PathBuf,
    edition: Edition,
    /// The served address, which replaces `base_url`, so that absolute links lead to the served site.
    base_url: String,
    folder: Arc<Folder>,
    /// The tantivy index that `zoek/` is derived from; `serve` keeps it in its own temporary folder.
    index_dir: PathBuf,
    sources: Sources,
    cache: content::Cache,
    built: Option<Built>,
}

/// What [`Engine::settle`] needs, taken from the engine so that it can run beside the next rebuild.
#[derive(Clone)]
pub struct Settle {
    site: Arc<Site>,
    theme: Arc<Theme>,
    site_dir: PathBuf,
    folder: Arc<Folder>,
    index_dir: PathBuf,
    sources: Sources,
}

impl Engine {
    pub fn new(
        site_dir: PathBuf,
        edition: Edition,
        base_url: String,
        out: PathBuf,
        index_dir: PathBuf,
    ) -> Engine {
        Engine {
            site_dir,
            edition,
            base_url,
            folder: Arc::new(Folder::new(out)),
            index_dir,
            sources: Sources::default(),
            cache: content::Cache::default(),
            built: None,
        }
    }

    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// Brings the served folder up to date with the site folder. The first call builds everything, the search
    /// index and print page included; later calls leave those to [`Engine::settle`].
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Rebuilt, Vec<Diagnostic>> {
        let started = Instant::now();
        let timings = crate::build::Timings::new(started);
        let mut config = Config::load(&self.site_dir, &self.sources)?;
        config.base_url = self.base_url.clone();
        let whole = self.built.is_none() || changes.config || changes.everything;
        let mut diagnostics = Vec::new();
        let theme = match &self.built {
            Some(built) if !(whole || changes.theme) => Ok(Arc::clone(&built.theme)),
            _ => Theme::load(&self.site_dir, &config.vormgeving, &self.sources).map(Arc::new),
        };
        let changed = match whole {
            true => content::Changed::All,
            false => content::Changed::Files(&changes.content),
        };
        let loaded = content::reload(
            &self.site_dir,
            &config,
            &self.sources,
            &mut self.cache,
            changed,
        );
        timings.lap("load");
        let site = crate::build::resolve(
            config,
            loaded,
            theme.as_ref().ok().map(|t| t.as_ref()),
            self.edition,
            self.built.as_ref().map(|b| b.site.as_ref()),
            &mut diagnostics,
        );
        let theme = match theme {
            Ok(theme) => theme,
            Err(problems) => {
                diagnostics.extend(problems);
                return Err(finish(diagnostics));
            }
        };
        timings.lap("resolve");
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(finish(diagnostics));
        }
        let site = Arc::new(site);
        let (changed, everything) = match &self.built {
            None => (self.build_first(&site, &theme)?, true),
            Some(_) if whole || changes.theme => (self.build_whole(&site, &theme)?, true),
            Some(built) => {
                let affected = affected(&built.site, &site, &theme.labels);
                timings.lap("affected");
                let changed =
                    self.build_part(&built.site, &site, &theme, &affected, &changes.content)?;
                (changed, false)
            }
        };
        timings.lap("render and write");
        let pages = site.content_pages().count();
        self.built = Some(Built { site, theme });
        Ok(Rebuilt {
            changed,
            everything,
            pages,
            warnings: finish(diagnostics),
            elapsed: started.elapsed(),
        })
    }

    /// What [`Engine::settle`] needs to bring the search index and print page up to date with the last good
    /// build.
    pub fn to_settle(&self) -> Option<Settle> {
        self.built.as_ref().map(|built| Settle {
            site: Arc::clone(&built.site),
            theme: Arc::clone(&built.theme),
            site_dir: self.site_dir.clone(),
            folder: Arc::clone(&self.folder),
            index_dir: self.index_dir.clone(),
            sources: self.sources.clone(),
        })
    }

    /// The first build: everything, as `kennisbank build` writes it, into the served folder.
    fn build_first(&self, site: &Site, theme: &Theme) -> Result<Vec<String>, Vec<Diagnostic>> {
        let staging = Staging::new(&self.site_dir, self.folder.root()).map_err(|d| vec![d])?;
        let mut problems = render::render(
            site,
            theme,
            &staging,
            &self.site_dir,
            &self.sources,
            &ProgressBar::hidden(),
        )
        .err()
        .unwrap_or_default();
        let index = write_index(site, &self.site_dir, &self.index_dir, &staging);
        let index = match index {
            Ok(index) => Some(index),
            Err(problem) => {
                problems.push(problem);
                None
            }
        };
        match index {
            Some(index) if problems.is_empty() => {
                self.folder
                    .exclusive(|| staging.commit())
                    .and_then(|_| index.commit())
                    .map_err(|d| vec![d])?;
                Ok(Vec::new())
            }
            _ => Err(finish(problems)),
        }
    }

    /// After a change to the theme or configuration: every file but the search files and print page, which
    /// are carried over from the served folder until [`Engine::settle`] renews them.
    fn build_whole(&self, site: &Site, theme: &Theme) -> Result<Vec<String>, Vec<Diagnostic>> {
        let staging = Staging::new(&self.site_dir, self.folder.root()).map_err(|d| vec![d])?;
        let jobs: Vec<Job> = render::jobs(site, theme)
            .into_iter()
            .filter(|job| *job != Job::Print)
            .collect();
        let hidden = ProgressBar::hidden();
        let mut problems =
            render::render_jobs(&jobs, site, theme, &staging, &self.sources, &hidden);
        problems.extend(render::write_feeds(site, &staging));
        problems.extend(render::copy_static(theme, &staging).err());
        problems.extend(render::copy_assets(
            site.assets.iter(),
            &self.site_dir,
            &staging,
        ));
        if !problems.is_empty() {
            return Err(finish(problems));
        }
        self.folder
            .exclusive(|| {
                for relative in settled_files(&self.folder) {
                    let from = self.folder.root().join(&relative);
                    staging.copy(&relative, &from).ok();
                }
                staging.commit()
            })
            .map_err(|d| vec![d])?;
        Ok(Vec::new())
    }

    /// After a change to content: the files `affected` names, the assets that came or changed, and the removal
    /// of files the site no longer has.
    fn build_part(
        &self,
        old: &Site,
        site: &Site,
        theme: &Theme,
        affected: &Affected,
        changed_content: &BTreeSet<String>,
    ) -> Result<Vec<String>, Vec<Diagnostic>> {
        let jobs: Vec<Job> = render::jobs(site, theme)
            .into_iter()
            .filter(|job| affected.wants(job, site))
            .collect();
        let memory = Memory::default();
        let hidden = ProgressBar::hidden();
        let mut problems = render::render_jobs(&jobs, site, theme, &memory, &self.sources, &hidden);
        if affected.overviews || affected.everything {
            problems.extend(render::write_feeds(site, &memory));
        }
        let assets = site.assets.iter().filter(|asset| {
            !old.assets.contains(*asset) || content::is_changed(asset, changed_content)
        });
        problems.extend(render::copy_assets(assets, &self.site_dir, &memory));
        if !problems.is_empty() {
            return Err(finish(problems));
        }
        // Files go only when pages come or go or move between lists, and then `overviews` is set (or
        // `everything`, when a page at the root came or went).
        let mut gone = BTreeSet::new();
        if affected.overviews || affected.everything {
            gone = rendered_files(old, theme);
            for kept in rendered_files(site, theme) {
                gone.remove(&kept);
            }
        }
        gone.extend(old.assets.difference(&site.assets).cloned());
        self.folder
            .apply(memory.into_files(), &gone)
            .map_err(|e| vec![cannot_write(&e)])
    }
}

impl Settle {
    /// Renders the print page and writes the search index, then puts what changed in the served folder;
    /// returns the files that changed.
    pub fn run(&self) -> Result<Vec<String>, Vec<Diagnostic>> {
        let memory = Memory::default();
        let print: Vec<Job> = render::jobs(&self.site, &self.theme)
            .into_iter()
            .filter(|job| *job == Job::Print)
            .collect();
        let hidden = ProgressBar::hidden();
        let mut problems = render::render_jobs(
            &print,
            &self.site,
            &self.theme,
            &memory,
            &self.sources,
            &hidden,
        );
        match write_index(&self.site, &self.site_dir, &self.index_dir, &memory) {
            Ok(index) => problems.extend(index.commit().err()),
            Err(problem) => problems.push(problem),
        }
        if !problems.is_empty() {
            return Err(finish(problems));
        }
        let files = memory.into_files();
        let gone: Vec<String> = settled_files(&self.folder)
            .into_iter()
            .filter(|f| !files.contains_key(f))
            .collect();
        self.folder
            .apply(files, &gone)
            .map_err(|e| vec![cannot_write(&e)])
    }
}

/// The files [`Settle::run`] writes, as the served folder holds them now.
fn settled_files(folder: &Folder) -> Vec<String> {
    let mut files = folder.files_under(crate::search::client::FOLDER);
    let print = render::PRINT_PAGE;
    if folder.root().join(print).is_file() {
        files.push(print.to_string());
    }
    files
}

/// The files rendered from templates, but for the print page, which [`Settle::run`] writes.
fn rendered_files(site: &Site, theme: &Theme) -> BTreeSet<String> {
    render::jobs(site, theme)
        .iter()
        .filter(|job| **job != Job::Print)
        .map(|job| job.url(site))
        .collect()
}

fn cannot_write(e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write the served site: {e}"))
        .hint("check that the disk is not full and that the temporary folder may be written")
}
