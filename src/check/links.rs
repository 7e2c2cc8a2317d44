//! The review rules that look at how pages link to each other: pages no page links to (orphans), begrippen no
//! other page uses, and public pages that link to internal ones.
//!
//! What counts is what a reader of each edition can follow. A link in a body and a reference in front matter (a
//! reading path's step, a practice example's contact sheet, a related term) lead a reader to a page. A begrip is
//! used where another page's text mentions it (where the glossary explains it, and in headings and link texts,
//! where it does not) or links to it. A public page must be reached from a public page, because the public
//! edition has no others; an internal page may be reached from any.

use std::collections::BTreeMap;

use crate::content::{Kind, Page};
use crate::diagnostic::Diagnostic;
use crate::site::{references, Site, SitePage};

/// The pages that reach a page, by how they do.
#[derive(Default)]
struct Reached<'a> {
    linked: Vec<&'a SitePage>,
    referenced: Vec<&'a SitePage>,
    /// Pages whose text mentions the begrip.
    mentioned: Vec<&'a SitePage>,
}

pub fn review(site: &Site) -> Vec<Diagnostic> {
    let reached = reached(site);
    let empty = Reached::default();
    let mut out = Vec::new();
    for target in site.content_pages() {
        let by = reached.get(target.page.key.as_str()).unwrap_or(&empty);
        // The sources a reader of the target's edition can follow; `only_internal`: there are sources, but none.
        let judge = |sources: Vec<&SitePage>| {
            let any = sources
                .iter()
                .any(|s| s.page.is_public() || !target.page.is_public());
            (any, !sources.is_empty() && !any)
        };
        if target.page.kind == Kind::Begrip {
            let (used, only_internal) = judge([&by.linked[..], &by.mentioned[..]].concat());
            if !used {
                out.push(unused_term(&target.page, only_internal));
            }
        } else if !exempt(&target.page) {
            let (reachable, only_internal) = judge([&by.linked[..], &by.referenced[..]].concat());
            if !reachable {
                out.push(orphan(&target.page, only_internal));
            }
        }
    }
    for source in site.pages.values().filter(|p| p.page.is_public()) {
        out.extend(internal_links(site, source));
    }
    out
}

/// Pages every reader reaches without a link in the content: the home page and section intros, the pages directly
/// under `content/` (in every page's navigation) and reading paths (on the home page).
fn exempt(page: &Page) -> bool {
    page.is_index || page.section.is_none() || page.kind == Kind::Leerroute
}

fn reached(site: &Site) -> BTreeMap<&str, Reached<'_>> {
    let mut reached: BTreeMap<&str, Reached<'_>> = BTreeMap::new();
    for source in site.pages.values() {
        let own = source.page.key.as_str();
        for link in &source.rendered.links {
            if link.key != own {
                reached
                    .entry(link.key.as_str())
                    .or_default()
                    .linked
                    .push(source);
            }
        }
        // The glossary finds each term's first mention in the text (its own page is left out); the markup it
        // makes is not needed.
        let mut mentioned = Vec::new();
        site.glossary
            .mark(&source.rendered.text, &mut mentioned, "", own);
        for term in mentioned.into_iter().filter_map(|i| site.glossary.key(i)) {
            reached.entry(term).or_default().mentioned.push(source);
        }
        for (_, section, reference) in references(&source.page.meta.details) {
            if let Some(target) = site.lookup(&reference.target, section) {
                if target.page.key != own {
                    reached
                        .entry(target.page.key.as_str())
                        .or_default()
                        .referenced
                        .push(source);
                }
            }
        }
    }
    reached
}

fn orphan(page: &Page, only_internal: bool) -> Diagnostic {
    let message = if only_internal {
        "only internal pages link to this page, so in the public edition no page does"
    } else {
        "no page links to this page"
    };
    Diagnostic::warning(message)
        .code("orphan")
        .in_file(&page.file)
        .at_opt(title_span(page))
        .hint(format!(
            "readers find it only in the list of its section; link to it from a related page (from another folder: [{}](../{}.md)){}, or remove it if it is no longer needed",
            page.meta.titel,
            page.key,
            if only_internal { " that is public" } else { " or add it to a leerroute" },
        ))
}

fn unused_term(page: &Page, only_internal: bool) -> Diagnostic {
    let message = if only_internal {
        format!("the begrip `{}` is used only on internal pages, so in the public edition on no other page", page.meta.titel)
    } else {
        format!("the begrip `{}` is used on no other page", page.meta.titel)
    };
    Diagnostic::warning(message)
        .code("unused-term")
        .in_file(&page.file)
        .at_opt(title_span(page))
        .hint("a term is explained where a page uses it (its title, a spelling in `varianten` or an abbreviation in `afkortingen`); use it where it belongs, add the spelling pages use, or remove the begrip if the knowledge base does not need it")
}

/// Body links and front matter references from a public page to internal pages. The public edition leaves them
/// out (and its build warns); here they are reported for every public page, also when checking everything.
fn internal_links(site: &Site, source: &SitePage) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let internal = |key: &str| {
        site.page(key)
            .filter(|t| !t.page.is_public() && !t.page.is_index)
    };
    for link in &source.rendered.links {
        if let Some(target) = internal(&link.key) {
            out.push(
                Diagnostic::warning(format!(
                    "this public page links to {}, which is internal",
                    target.page.file
                ))
                .code("internal-link")
                .in_file(&source.page.file)
                .at(link.span.clone())
                .hint(format!("the public edition leaves the link out and shows only its text; remove the link, or make {} public if it may be", target.page.file)),
            );
        }
    }
    for (field, section, reference) in references(&source.page.meta.details) {
        let target = site
            .lookup(&reference.target, section)
            .and_then(|t| internal(&t.page.key));
        if let Some(target) = target {
            out.push(
                Diagnostic::warning(format!(
                    "this public page refers in `{field}` to {}, which is internal",
                    target.page.file
                ))
                .code("internal-link")
                .in_file(&source.page.file)
                .at(reference.span.clone())
                .hint(format!("the public edition leaves it out; remove `{}` from `{field}`, or make {} public if it may be", reference.target, target.page.file)),
            );
        }
    }
    out
}

/// Where the page's `titel` is written, so that a finding about the page as a whole points at its name.
fn title_span(page: &Page) -> Option<std::ops::Range<usize>> {
    let front = &page.text[..page.body_start];
    let start = if front.starts_with("titel:") {
        0
    } else {
        front.find("\ntitel:")? + 1
    };
    let end = front[start..].find('\n').map_or(front.len(), |e| start + e);
    Some(start..end)
}
