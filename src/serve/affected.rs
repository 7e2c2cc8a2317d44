//! Which files of the site a change touches: compares the site as resolved before an edit with the site after
//! it, and names the pages, lists and other files to render again.
//!
//! A page's file shows the page itself and a little of its neighbours: the title, address and summary of the
//! pages it links to or names in its front matter (contact cards, reading-path steps, presented examples) and of
//! the pages that link to it (its backlinks). So a changed page touches its own file and both kinds of
//! neighbour. Lists show what a page's front matter says (its fields), never its body: a list is rendered again
//! only when a listed page's fields changed or a page came or went. What every file shows (the navigation,
//! the configuration, the theme) touches everything. Everything else derived from all pages at once (the
//! search index, the print page) is brought up to date after the reload, by `engine`.
//!
//! This module only decides; it renders nothing. The random-edit test (`tests/serve.rs`) checks its decisions
//! against clean builds.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::render::context::Values;
use crate::render::theme::Labels;
use crate::render::Job;
use crate::site::{Site, SitePage};

/// What to render again after a change.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Affected {
    /// Every file: the navigation or something else every page shows changed.
    pub everything: bool,
    /// Content pages, by key.
    pub pages: BTreeSet<String>,
    /// Section lists, by folder (every page of a paginated list).
    pub sections: BTreeSet<String>,
    /// Taxonomy overviews, by taxonomy name.
    pub taxonomies: BTreeSet<&'static str>,
    /// Taxonomy term lists, by taxonomy name and term value.
    pub terms: BTreeSet<(&'static str, String)>,
    /// The pages that sum up the whole site: home, search, 404, the sitemap and the feed.
    pub overviews: bool,
}

impl Affected {
    pub fn everything() -> Affected {
        Affected {
            everything: true,
            ..Affected::default()
        }
    }

    /// Whether the job's file must be rendered again.
    pub fn wants(&self, job: &Job<'_>, site: &Site) -> bool {
        if self.everything {
            return true;
        }
        match *job {
            Job::Page(key) => self.pages.contains(key),
            Job::Section(i, _) => self.sections.contains(&site.sections[i].folder),
            Job::Taxonomy(t) => self.taxonomies.contains(site.taxonomies[t].name),
            Job::Term(t, i, _) => {
                let taxonomy = &site.taxonomies[t];
                self.terms
                    .contains(&(taxonomy.name, taxonomy.terms[i].value.clone()))
            }
            Job::Home | Job::Search | Job::NotFound => self.overviews,
            // The print page shows every page: `engine` renders it after the reload.
            Job::Print => false,
        }
    }
}

/// Compares two resolutions of the same site (same configuration and theme) and says what to render again.
pub fn affected(old: &Site, new: &Site, labels: &Labels) -> Affected {
    if navigation(old) != navigation(new) {
        return Affected::everything();
    }
    let mut affected = Affected::default();
    let old_values = Values { site: old, labels };
    let new_values = Values { site: new, labels };
    let changed: Vec<&String> = old
        .pages
        .keys()
        .chain(new.pages.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|key| differs(old.pages.get(*key), new.pages.get(*key)))
        .collect();
    if changed.is_empty() {
        return affected;
    }
    let old_outgoing = outgoing(old, &changed);
    let new_outgoing = outgoing(new, &changed);
    for key in changed {
        let before = old.pages.get(key);
        let after = new.pages.get(key);
        for sp in before.iter().chain(after.iter()) {
            let page = &sp.page;
            if page.is_index {
                // A section's introduction shows on its list; the site's on the home page.
                match &page.section {
                    Some(folder) if page.key != "_index" => {
                        affected.sections.insert(folder.clone());
                    }
                    _ => affected.overviews = true,
                }
            }
            affected.pages.extend(sp.backlinks.iter().cloned());
            if page.kind == crate::content::Kind::Leerroute {
                // The home page lists the reading paths with their steps.
                affected.overviews = true;
            }
        }
        for outgoing in [&old_outgoing, &new_outgoing] {
            affected
                .pages
                .extend(outgoing.get(key.as_str()).into_iter().flatten().cloned());
        }
        if let Some(sp) = after.filter(|sp| !sp.page.is_index) {
            affected.pages.insert(sp.page.key.clone());
        }
        let fields_before = before.map(|sp| old_values.fields(sp));
        let fields_after = after.map(|sp| new_values.fields(sp));
        if fields_before != fields_after {
            affected.overviews = true;
            for (site, sp) in [(old, before), (new, after)] {
                if let Some(sp) = sp {
                    listed_in(site, sp, &mut affected);
                }
            }
        }
    }
    reordered(old, new, &mut affected);
    // Only pages that exist now are rendered.
    affected.pages.retain(|key| new.pages.contains_key(key));
    affected
}

/// What the navigation and breadcrumbs of every page show: the sections and the pages at the root.
fn navigation(site: &Site) -> Vec<(&str, &str, bool)> {
    let sections = site
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.url.as_str(), s.configured));
    let roots = site
        .root_pages
        .iter()
        .filter_map(|k| site.page(k))
        .map(|p| (p.page.meta.titel.as_str(), p.page.url.as_str(), false));
    sections.chain(roots).collect()
}

/// Whether a page's own file, or what its neighbours show of it, may have changed.
fn differs(before: Option<&SitePage>, after: Option<&SitePage>) -> bool {
    match (before, after) {
        (Some(a), Some(b)) => {
            !(Arc::ptr_eq(&a.page, &b.page) || a.page == b.page)
                || !(Arc::ptr_eq(&a.rendered, &b.rendered) || a.rendered == b.rendered)
                || a.backlinks != b.backlinks
        }
        (None, None) => false,
        _ => true,
    }
}

/// For each of `pages`, the pages it links to or names (whose backlinks list it): the reverse of backlinks.
fn outgoing<'a>(site: &'a Site, pages: &[&String]) -> BTreeMap<&'a str, Vec<String>> {
    let wanted: BTreeSet<&str> = pages.iter().map(|k| k.as_str()).collect();
    let mut out: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (key, sp) in &site.pages {
        for from in &sp.backlinks {
            if wanted.contains(from.as_str()) {
                out.entry(from.as_str()).or_default().push(key.clone());
            }
        }
    }
    out
}

/// Marks the lists whose pages or order changed (a `volgorde` shows in no field, only in the order).
fn reordered(old: &Site, new: &Site, affected: &mut Affected) {
    for section in &new.sections {
        let before = old.sections.iter().find(|s| s.folder == section.folder);
        if before.is_none_or(|b| b.pages != section.pages) {
            affected.sections.insert(section.folder.clone());
        }
    }
    for taxonomy in &new.taxonomies {
        let before = old.taxonomies.iter().find(|t| t.name == taxonomy.name);
        let same = before.is_some_and(|b| {
            b.terms.len() == taxonomy.terms.len()
                && b.terms
                    .iter()
                    .zip(&taxonomy.terms)
                    .all(|(x, y)| x.value == y.value && x.pages == y.pages)
        });
        if same {
            continue;
        }
        affected.taxonomies.insert(taxonomy.name);
        for term in &taxonomy.terms {
            let pages = before.and_then(|t| t.term(&term.value)).map(|t| &t.pages);
            if pages != Some(&term.pages) {
                affected.taxonomies.insert(taxonomy.name);
                affected.terms.insert((taxonomy.name, term.value.clone()));
            }
        }
    }
}

/// Marks the lists a page appears in: its section's and its taxonomy terms'.
fn listed_in(site: &Site, sp: &SitePage, affected: &mut Affected) {
    if let Some(folder) = &sp.page.section {
        affected.sections.insert(folder.clone());
    }
    for taxonomy in &site.taxonomies {
        for term in &taxonomy.terms {
            if term.pages.iter().any(|k| *k == sp.page.key) {
                affected.taxonomies.insert(taxonomy.name);
                affected.terms.insert((taxonomy.name, term.value.clone()));
            }
        }
    }
}
