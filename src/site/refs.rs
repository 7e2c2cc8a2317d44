//! Checks references written in front matter (a practice example's contact sheets, a reading path's steps, a
//! meeting's practice examples, related terms) and reports each that points nowhere, to an internal page from a
//! public one, or to a page of the wrong type.

use std::collections::BTreeMap;

use super::resolver::Resolver;
use super::SitePage;
use crate::content::{Details, Kind, Ref};
use crate::diagnostic::Diagnostic;
use crate::markdown::PageTarget;

/// A reference field: where it points by default and what it must point at.
struct Field<'a> {
    name: &'static str,
    section: Option<&'static str>,
    kind: Option<Kind>,
    refs: Vec<&'a Ref>,
}

/// The references of one page, by field.
fn fields(details: &Details) -> Vec<Field<'_>> {
    match details {
        Details::Praktijkvoorbeeld(p) => vec![Field {
            name: "contacten",
            section: Some("contacten"),
            kind: Some(Kind::Contact),
            refs: p.contacten.iter().collect(),
        }],
        Details::Begrip(b) => vec![Field {
            name: "verwant",
            section: Some("begrippen"),
            kind: Some(Kind::Begrip),
            refs: b.verwant.iter().collect(),
        }],
        Details::Leerroute { stappen } => vec![Field {
            name: "stappen",
            section: None,
            kind: None,
            refs: stappen.iter().map(|s| &s.pagina).collect(),
        }],
        Details::Bijeenkomst(b) => vec![
            Field {
                name: "praktijkvoorbeelden",
                section: Some("praktijkvoorbeelden"),
                kind: Some(Kind::Praktijkvoorbeeld),
                refs: b.praktijkvoorbeelden.iter().collect(),
            },
            Field {
                name: "workshops",
                section: Some("praktijkvoorbeelden"),
                kind: Some(Kind::Praktijkvoorbeeld),
                refs: b
                    .workshops
                    .iter()
                    .filter_map(|w| w.praktijkvoorbeeld.as_ref())
                    .collect(),
            },
        ],
        _ => Vec::new(),
    }
}

/// Every reference a page's front matter makes: the field it is written in, the section it points into when it
/// names no folder, and the reference itself. Resolve one with [`super::Site::lookup`].
pub fn references(details: &Details) -> Vec<(&'static str, Option<&'static str>, &Ref)> {
    fields(details)
        .into_iter()
        .flat_map(|f| f.refs.into_iter().map(move |r| (f.name, f.section, r)))
        .collect()
}

/// Returns every resolved reference as (from key, to key), for backlinks.
pub fn check(
    pages: &BTreeMap<String, SitePage>,
    resolver: &Resolver,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    let mut edges = Vec::new();
    for page in pages.values() {
        for field in fields(&page.page.meta.details) {
            let mut seen = std::collections::BTreeSet::new();
            for r in field.refs {
                match resolver.reference(&r.target, field.section) {
                    PageTarget::Found { key, .. } => {
                        // A page that is its own step, or a step taken twice, makes a reading path go round.
                        let problem = if key == page.page.key {
                            Some((
                                format!("`{}` in `{}` is this page itself", r.target, field.name),
                                "a page cannot refer to itself here; remove it",
                            ))
                        } else if !seen.insert(key.clone()) {
                            Some((
                                format!("`{}` is listed twice in `{}`", r.target, field.name),
                                "list each page once; remove the second one",
                            ))
                        } else {
                            None
                        };
                        if let Some((message, hint)) = problem {
                            diagnostics.push(
                                Diagnostic::error(message)
                                    .in_file(&page.page.file)
                                    .at(r.span.clone())
                                    .hint(hint),
                            );
                            continue;
                        }
                        let target_kind = pages.get(&key).map(|p| p.page.kind);
                        if let (Some(expected), Some(found)) = (field.kind, target_kind) {
                            if expected != found {
                                diagnostics.push(
                                    Diagnostic::error(format!(
                                        "`{}` in `{}` is a {}, not a {}",
                                        r.target,
                                        field.name,
                                        found.name(),
                                        expected.name()
                                    ))
                                    .in_file(&page.page.file)
                                    .at(r.span.clone())
                                    .hint(format!(
                                        "`{}` lists pages from content/{}/",
                                        field.name,
                                        expected.folder().unwrap_or_default()
                                    )),
                                );
                                continue;
                            }
                        }
                        edges.push((page.page.key.clone(), key));
                    }
                    PageTarget::Unpublished => diagnostics.push(
                        Diagnostic::warning(format!(
                            "`{}` in `{}` is internal; the public edition leaves it out",
                            r.target, field.name
                        ))
                        .in_file(&page.page.file)
                        .at(r.span.clone())
                        .hint("make that page public, or remove the reference"),
                    ),
                    PageTarget::Missing { suggestion } => {
                        let what = match field.kind {
                            Some(Kind::Contact) => "contact sheet",
                            _ => "page",
                        };
                        let hint = match suggestion {
                            Some(s) => format!("did you mean content/{s}?"),
                            None => match field.section {
                                Some(s) => format!("write the file name of a page in content/{s}/, without .md"),
                                None => "write the path of a page under content/, without .md, e.g. praktijkvoorbeelden/den-bosch-brugfunctie".into(),
                            },
                        };
                        diagnostics.push(
                            Diagnostic::error(format!(
                                "`{}` in `{}` refers to a {what} that does not exist",
                                r.target, field.name
                            ))
                            .in_file(&page.page.file)
                            .at(r.span.clone())
                            .hint(hint),
                        );
                    }
                }
            }
        }
    }
    edges
}
