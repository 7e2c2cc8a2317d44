//! The four ways to browse across sections: by thema, onderwijstype, regio and organisatie, each term with the
//! pages that carry it and their count.

use std::collections::BTreeMap;

use super::SitePage;
use crate::config::Config;
use crate::content::{Details, ONDERWIJSTYPES};
use crate::text::{slugify, sort_key};

#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// `thema`, `onderwijstype`, `regio`, `organisatie`: also the output folder.
    pub name: &'static str,
    pub terms: Vec<TaxonomyTerm>,
    /// Slug of a term's value → position in `terms`: every page looks up its terms, and a large site has
    /// thousands.
    index: BTreeMap<String, usize>,
}

#[derive(Debug, Clone)]
pub struct TaxonomyTerm {
    /// The value as written (a theme's configured name, an onderwijstype code, a region).
    pub value: String,
    pub url: String,
    /// Keys of the pages with this term, in list order.
    pub pages: Vec<String>,
}

impl Taxonomy {
    /// The term a value belongs to, by slug: `'s-Hertogenbosch` finds the term shown as `’s-Hertogenbosch`.
    pub fn term(&self, value: &str) -> Option<&TaxonomyTerm> {
        self.index.get(&slugify(value)).map(|&i| &self.terms[i])
    }

    pub fn index_url(&self) -> String {
        format!("{}/index.html", self.name)
    }
}

pub const NAMES: [&str; 4] = ["thema", "onderwijstype", "regio", "organisatie"];

/// A term while it is collected: the value as first spelled, and its pages with their places in list order.
type Term<'a> = (String, Vec<(u32, &'a String)>);

/// `ranks` is each page's place in list order, in key order (see `site::list_ranks`).
pub fn collect(
    config: &Config,
    pages: &BTreeMap<String, SitePage>,
    ranks: &[u32],
) -> Vec<Taxonomy> {
    NAMES
        .iter()
        .map(|&name| {
            // Values are grouped by slug, so that spellings a reader takes for the same name are one term:
            // ’s-Hertogenbosch and 's-Hertogenbosch, Gemeente Utrecht and gemeente Utrecht.
            // The first spelling met (in page order) is the one shown.
            // By slug: the value as first spelled, and each page with its place in list order.
            let mut by_slug: BTreeMap<String, Term> = BTreeMap::new();
            // Many pages share a value: each is made a slug once.
            let mut slugs: std::collections::HashMap<&str, String> = Default::default();
            for (page, &rank) in pages.values().zip(ranks).filter(|(p, _)| !p.page.is_index) {
                for value in values(name, page) {
                    let slug = slugs.entry(value).or_insert_with(|| slugify(value));
                    let keys = match by_slug.get_mut(slug.as_str()) {
                        Some((_, keys)) => keys,
                        None => {
                            let entry = (value.to_string(), Vec::new());
                            &mut by_slug.entry(slug.clone()).or_insert(entry).1
                        }
                    };
                    // Pages come one after another: a page naming a value twice would be the last one.
                    let key = &page.page.key;
                    if keys.last().is_none_or(|(_, last)| *last != key) {
                        keys.push((rank, key));
                    }
                }
            }
            let order: Vec<String> = match name {
                "thema" => config.themas.iter().map(|t| slugify(t)).collect(),
                "onderwijstype" => ONDERWIJSTYPES.iter().map(|s| s.to_string()).collect(),
                _ => {
                    let mut slugs: Vec<(String, String)> = by_slug
                        .iter()
                        .map(|(slug, (value, _))| (sort_key(value), slug.clone()))
                        .collect();
                    slugs.sort();
                    slugs.into_iter().map(|(_, slug)| slug).collect()
                }
            };
            let mut used_slugs = BTreeMap::new();
            let mut index = BTreeMap::new();
            let terms: Vec<TaxonomyTerm> = order
                .into_iter()
                .filter_map(|slug| {
                    let (value, mut keys) = by_slug.remove(&slug)?;
                    let file = unique_slug(&mut used_slugs, &slug);
                    keys.sort_unstable();
                    Some((
                        slug,
                        TaxonomyTerm {
                            url: format!("{name}/{file}.html"),
                            pages: keys.into_iter().map(|(_, k)| k.clone()).collect(),
                            value,
                        },
                    ))
                })
                .collect::<Vec<_>>()
                .into_iter()
                .enumerate()
                .map(|(i, (slug, term))| {
                    index.insert(slug, i);
                    term
                })
                .collect();
            Taxonomy { name, terms, index }
        })
        .collect()
}

/// The file name of a term: its slug, or `term` for a value without letters or digits, numbered when taken.
fn unique_slug(used: &mut BTreeMap<String, usize>, slug: &str) -> String {
    let base = match slug {
        "" => "term".to_string(),
        s => s.to_string(),
    };
    let n = used.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        base
    } else {
        format!("{base}-{n}")
    }
}

/// The values a page carries for a taxonomy.
fn values<'a>(name: &str, page: &'a SitePage) -> Vec<&'a str> {
    let meta = &page.page.meta;
    let all = |list: &'a [String]| list.iter().map(String::as_str).collect();
    match name {
        "thema" => all(&meta.thema),
        "onderwijstype" => all(&meta.onderwijstype),
        "regio" => meta.regio.iter().map(String::as_str).collect(),
        "organisatie" => match &meta.details {
            Details::Praktijkvoorbeeld(p) => all(&p.organisaties),
            // Internal organisations were already removed from a public edition.
            Details::Contact(c) => c.organisaties.iter().map(|o| o.naam.as_str()).collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}
