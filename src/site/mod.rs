//! The resolved site: one model every renderer works from (the HTML site now, the search index and the PDF later).
//!
//! `resolve` takes the loaded pages and the edition, drops what the edition must not contain, renders each
//! page's Markdown (in parallel), and resolves everything that ties pages together: links and their anchors,
//! front matter references (contacts, reading-path steps, related terms), backlinks, sections and taxonomies.
//! It writes nothing.

mod refs;
mod resolver;
pub mod taxonomy;

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Details, Kind, Page, Visibility};
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Glossary, Rendered, Term};

pub use refs::references;
pub use resolver::root_of;
pub use taxonomy::{Taxonomy, TaxonomyTerm};

/// Which pages and fields a build contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// Only what is public: the default.
    Public,
    /// Everything, for the organisation itself; every page is marked `noindex`.
    Internal,
}

/// A page of the site with its rendered body and what links to it. The page and its body are shared, so that a
/// rebuild (`kennisbank serve`) can keep what did not change without copying it.
#[derive(Debug)]
pub struct SitePage {
    pub page: Arc<Page>,
    pub rendered: Arc<Rendered>,
    /// Keys of the pages that link to this one (in their body or front matter), sorted by title.
    pub backlinks: Vec<String>,
}

/// A top-level folder of `content/`: its list page and its pages.
#[derive(Debug, Clone)]
pub struct Section {
    pub folder: String,
    pub title: String,
    pub url: String,
    /// Keys of the section's pages in list order: `volgorde`, then title.
    pub pages: Vec<String>,
    /// Whether `secties` in the configuration names it (it then comes first, in that order).
    pub configured: bool,
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub edition: Edition,
    /// Every published page, `_index` intros included, by key.
    pub pages: BTreeMap<String, SitePage>,
    pub sections: Vec<Section>,
    /// Pages directly under `content/` (not `_index`), by title.
    pub root_pages: Vec<String>,
    pub taxonomies: Vec<Taxonomy>,
    /// Files under `content/` that published pages use.
    pub assets: BTreeSet<String>,
    /// The published begrippen, for renderers that render bodies again (the print view).
    pub glossary: Glossary,
    /// A digest of everything a body's rendering depends on besides the page itself (which pages and files
    /// exist, the glossary, the labels): while it stays the same, an unchanged page keeps its rendered body.
    body_inputs: u64,
}

impl Site {
    pub fn page(&self, key: &str) -> Option<&SitePage> {
        self.pages.get(key)
    }

    /// Published pages that are pages of their own (not section intros), in key order.
    pub fn content_pages(&self) -> impl Iterator<Item = &SitePage> {
        self.pages.values().filter(|p| !p.page.is_index)
    }

    pub fn pages_of_kind(&self, kind: Kind) -> impl Iterator<Item = &SitePage> {
        self.content_pages().filter(move |p| p.page.kind == kind)
    }

    /// Finds the published page a front matter reference names (see `refs` for how references resolve).
    pub fn lookup(&self, target: &str, section: Option<&str>) -> Option<&SitePage> {
        let target = target
            .trim()
            .trim_start_matches("./")
            .trim_end_matches(".md");
        section
            .and_then(|s| self.pages.get(&format!("{s}/{target}")))
            .or_else(|| self.pages.get(target))
    }

    pub fn intro(&self, folder: &str) -> Option<&SitePage> {
        let key = if folder.is_empty() {
            "_index".to_string()
        } else {
            format!("{folder}/_index")
        };
        self.pages.get(&key)
    }
}

/// Options that change what the resolved site contains or how bodies render.
pub struct ResolveOptions<'a> {
    pub edition: Edition,
    /// Accessible names for the renderer's own markup, from the theme's translations.
    pub labels: &'a markdown::Labels,
    /// The site as resolved before, by a rebuild: a page that is the same `Arc` as there keeps its rendered
    /// body when nothing else a body depends on changed.
    pub previous: Option<&'a Site>,
}

pub fn resolve(
    config: Config,
    pages: Vec<Arc<Page>>,
    assets: Vec<String>,
    broken: &[(String, String)],
    options: &ResolveOptions<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Site {
    let internal_keys: BTreeSet<String> = pages
        .iter()
        .filter(|p| !p.is_public())
        .map(|p| p.key.clone())
        .collect();
    let published: Vec<Arc<Page>> = match options.edition {
        Edition::Internal => pages,
        Edition::Public => pages
            .into_iter()
            .filter(|p| p.is_public())
            .map(redact)
            .collect(),
    };
    let sections = sections(&config, &published);
    let resolver = resolver::Resolver::new(
        &published,
        broken,
        &internal_keys,
        &sections,
        &assets,
        options.edition,
    );
    let glossary = glossary(&published);
    let body_inputs = body_inputs(&resolver, &glossary, &config, options.labels);
    let reusable = options
        .previous
        .filter(|previous| previous.body_inputs == body_inputs);

    let rendered: Vec<Arc<Rendered>> = published
        .par_iter()
        .map(|page| {
            let earlier = reusable
                .and_then(|previous| previous.pages.get(&page.key))
                .filter(|earlier| Arc::ptr_eq(&earlier.page, page) || *earlier.page == **page);
            if let Some(earlier) = earlier {
                return Arc::clone(&earlier.rendered);
            }
            Arc::new(markdown::render(&markdown::Input {
                body: page.body(),
                body_offset: page.body_start,
                file: &page.file,
                dir: page.dir(),
                key: &page.key,
                root: &root_of(&page.url),
                trusted_html: config.html_toestaan,
                glossary: (!glossary.is_empty()).then_some(&glossary),
                links: &resolver,
                labels: options.labels,
                embed: None,
            }))
        })
        .collect();

    let mut site_pages: BTreeMap<String, SitePage> = BTreeMap::new();
    let mut used_assets = BTreeSet::new();
    for (page, rendered) in published.into_iter().zip(rendered) {
        diagnostics.extend(rendered.diagnostics.iter().cloned());
        used_assets.extend(rendered.assets.iter().cloned());
        site_pages.insert(
            page.key.clone(),
            SitePage {
                page,
                rendered,
                backlinks: Vec::new(),
            },
        );
    }

    let ranks = list_ranks(&site_pages);
    // What ties pages together, on one core, and the lists, on the other.
    let ((backlinks, found), (sections, root_pages, taxonomies)) = rayon::join(
        || {
            let mut found = Vec::new();
            check_anchors(&site_pages, &mut found);
            let references = refs::check(&site_pages, &resolver, &mut found);
            (backlinks(&site_pages, &references, &ranks), found)
        },
        || {
            let root_pages = site_pages
                .values()
                .filter(|p| p.page.section.is_none() && !p.page.is_index)
                .map(|p| p.page.key.clone())
                .collect();
            (
                order_sections(sections, &site_pages, &ranks),
                sorted_keys(&site_pages, root_pages),
                taxonomy::collect(&config, &site_pages, &ranks),
            )
        },
    );
    diagnostics.extend(found);
    for (page, list) in site_pages.values_mut().zip(backlinks) {
        page.backlinks = list;
    }
    Site {
        config,
        edition: options.edition,
        pages: site_pages,
        sections,
        root_pages,
        taxonomies,
        assets: used_assets,
        glossary,
        body_inputs,
    }
}

/// What every body's rendering depends on besides its own page: the pages and files links may point at, the
/// glossary, the labels and whether raw HTML is trusted.
fn body_inputs(
    resolver: &resolver::Resolver,
    glossary: &Glossary,
    config: &Config,
    labels: &markdown::Labels,
) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    resolver.hash(&mut hasher);
    glossary.terms().hash(&mut hasher);
    config.html_toestaan.hash(&mut hasher);
    labels.hash(&mut hasher);
    hasher.finish()
}

/// Removes the internal fields of a public page, so that no later stage can publish them. A page without any
/// stays the same `Arc`.
fn redact(page: Arc<Page>) -> Arc<Page> {
    let internal = match &page.meta.details {
        Details::Contact(sheet) => {
            sheet
                .personen
                .iter()
                .any(|p| p.zichtbaarheid != Visibility::Publiek)
                || sheet
                    .organisaties
                    .iter()
                    .any(|o| o.zichtbaarheid != Visibility::Publiek)
        }
        _ => false,
    };
    if !internal {
        return page;
    }
    let mut page = Page::clone(&page);
    if let Details::Contact(sheet) = &mut page.meta.details {
        sheet
            .personen
            .retain(|p| p.zichtbaarheid == Visibility::Publiek);
        sheet
            .organisaties
            .retain(|o| o.zichtbaarheid == Visibility::Publiek);
    }
    Arc::new(page)
}

/// The sections: configured ones first, in their order, then other top-level folders by name.
fn sections(config: &Config, pages: &[Arc<Page>]) -> Vec<Section> {
    let folders: BTreeSet<&str> = pages.iter().filter_map(|p| p.section.as_deref()).collect();
    let mut out: Vec<Section> = config
        .secties
        .iter()
        .filter(|s| folders.contains(s.map.as_str()))
        .map(|s| Section {
            folder: s.map.clone(),
            title: s.titel.clone(),
            url: format!("{}/index.html", s.map),
            pages: Vec::new(),
            configured: true,
        })
        .collect();
    for folder in folders {
        if config.section_title(folder).is_none() {
            let intro_title = pages
                .iter()
                .find(|p| p.is_index && p.section.as_deref() == Some(folder) && p.dir() == folder)
                .map(|p| p.meta.titel.clone());
            out.push(Section {
                folder: folder.to_string(),
                title: intro_title.unwrap_or_else(|| capitalise(folder)),
                url: format!("{folder}/index.html"),
                pages: Vec::new(),
                configured: false,
            });
        }
    }
    out
}

fn order_sections(
    mut sections: Vec<Section>,
    pages: &BTreeMap<String, SitePage>,
    ranks: &[u32],
) -> Vec<Section> {
    let mut in_order: Vec<(u32, &SitePage)> = ranks.iter().copied().zip(pages.values()).collect();
    in_order.sort_unstable_by_key(|(rank, _)| *rank);
    let folders: BTreeMap<&str, usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.folder.as_str(), i))
        .collect();
    let mut lists: Vec<Vec<String>> = vec![Vec::new(); sections.len()];
    for (_, sp) in in_order {
        let folder = sp.page.section.as_deref().filter(|_| !sp.page.is_index);
        if let Some(&i) = folder.and_then(|f| folders.get(f)) {
            lists[i].push(sp.page.key.clone());
        }
    }
    for (section, list) in sections.iter_mut().zip(lists) {
        section.pages = list;
    }
    sections
}

/// Each page's place (in key order) when all pages are listed as lists list them: by `volgorde`, then Dutch
/// title order, then key. Worked out once, so that every list sorts by a number.
fn list_ranks(pages: &BTreeMap<String, SitePage>) -> Vec<u32> {
    let keys: Vec<(i64, &str, &str)> = pages
        .values()
        .map(|p| {
            let order = p.page.meta.volgorde.unwrap_or(i64::MAX);
            (order, p.page.sort_key.as_str(), p.page.key.as_str())
        })
        .collect();
    let mut by_rank: Vec<usize> = (0..keys.len()).collect();
    by_rank.sort_unstable_by(|a, b| keys[*a].cmp(&keys[*b]));
    let mut ranks = vec![0; keys.len()];
    for (rank, i) in by_rank.into_iter().enumerate() {
        ranks[i] = rank as u32;
    }
    ranks
}

/// Sorts page keys by `volgorde` (lowest first, pages without one last), then by Dutch title order.
pub fn sorted_keys(pages: &BTreeMap<String, SitePage>, keys: Vec<String>) -> Vec<String> {
    let mut entries: Vec<(i64, &str, String)> = keys
        .into_iter()
        .map(|key| {
            let page = &pages[&key].page;
            let order = page.meta.volgorde.unwrap_or(i64::MAX);
            (order, page.sort_key.as_str(), key)
        })
        .collect();
    entries.sort_unstable();
    entries.into_iter().map(|(_, _, key)| key).collect()
}

fn capitalise(folder: &str) -> String {
    let mut chars = folder.chars();
    match chars.next() {
        Some(c) => c
            .to_uppercase()
            .chain(chars)
            .collect::<String>()
            .replace('-', " "),
        None => String::new(),
    }
}

fn glossary(pages: &[Arc<Page>]) -> Glossary {
    let terms = pages
        .iter()
        .filter_map(|p| match &p.meta.details {
            Details::Begrip(b) if !p.is_index => {
                let mut names = vec![p.meta.titel.clone()];
                names.extend(b.varianten.iter().cloned());
                Some(Term {
                    key: p.key.clone(),
                    url: p.url.clone(),
                    explanation: format!("{}: {}", p.meta.titel, b.betekenis),
                    names,
                    abbreviations: b.afkortingen.clone(),
                })
            }
            _ => None,
        })
        .collect();
    Glossary::new(terms)
}

fn check_anchors(pages: &BTreeMap<String, SitePage>, diagnostics: &mut Vec<Diagnostic>) {
    for page in pages.values() {
        for link in &page.rendered.links {
            let Some(fragment) = &link.fragment else {
                continue;
            };
            // A page that failed to load, or a section list without an intro, has no known headings.
            let Some(target) = pages.get(&link.key) else {
                continue;
            };
            let anchors = &target.rendered.anchors;
            if anchors.contains(fragment) {
                continue;
            }
            let hint = match crate::diagnostic::closest(fragment, anchors.iter().map(String::as_str)) {
                Some(c) => format!("did you mean #{c}?"),
                None => "an anchor is the heading in lower case with hyphens, e.g. ## Wat levert het op? → #wat-levert-het-op".into(),
            };
            diagnostics.push(
                Diagnostic::error(format!(
                    "the link points to `#{fragment}`, but {} has no such heading",
                    target.page.file
                ))
                .in_file(&page.page.file)
                .at(link.span.clone())
                .hint(hint),
            );
        }
    }
}

/// For every page (in key order), the pages that link to it or name it, in list order. Pages are numbered, so
/// that the tens of thousands of links of a large site are counted without comparing or copying their keys.
fn backlinks(
    pages: &BTreeMap<String, SitePage>,
    references: &[(String, String)],
    ranks: &[u32],
) -> Vec<Vec<String>> {
    let keys: Vec<&str> = pages.keys().map(String::as_str).collect();
    let number: std::collections::HashMap<&str, usize> =
        keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
    let mut add = |from: &str, to: &str| {
        if let (Some(&from), Some(&to)) = (number.get(from), number.get(to)) {
            if from != to {
                incoming[to].push(from);
            }
        }
    };
    for page in pages.values() {
        for link in &page.rendered.links {
            add(&page.page.key, &link.key);
        }
    }
    for (from, to) in references {
        add(from, to);
    }
    incoming
        .into_iter()
        .map(|mut sources| {
            sources.sort_unstable_by_key(|&i| ranks[i]);
            sources.dedup();
            sources.into_iter().map(|i| keys[i].to_string()).collect()
        })
        .collect()
}
