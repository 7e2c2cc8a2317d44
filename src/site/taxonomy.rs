//! The four ways to browse across sections: by thema, onderwijstype, regio and organisatie, each term with the
//! pages that carry it and their count.

use std::collections::BTreeMap;

use super::{sorted_keys, SitePage};
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

pub fn collect(config: &Config, pages: &BTreeMap<String, SitePage>) -> Vec<Taxonomy> {
    NAMES
        .iter()
        .map(|&name| {
            // Values are grouped by slug, so that spellings a reader takes for the same name are one term:
            // ’s-Hertogenbosch and 's-Hertogenbosch, Gemeente Utrecht and gemeente Utrecht.
            // The first spelling met (in page order) is the one shown.
            let mut by_slug: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
            for page in pages.values().filter(|p| !p.page.is_index) {
                for value in values(name, page) {
                    let (_, keys) = by_slug
                        .entry(slugify(&value))
                        .or_insert_with(|| (value, Vec::new()));
                    if !keys.contains(&page.page.key) {
                        keys.push(page.page.key.clone());
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
            let terms: Vec<TaxonomyTerm> = order
                .into_iter()
                .filter_map(|slug| {
                    let (value, keys) = by_slug.remove(&slug)?;
                    let file = unique_slug(&mut used_slugs, &value);
                    Some(TaxonomyTerm {
                        url: format!("{name}/{file}.html"),
                        pages: sorted_keys(pages, keys),
                        value,
                    })
                })
                .collect();
            let index = terms
                .iter()
                .enumerate()
                .map(|(i, t)| (slugify(&t.value), i))
                .collect();
            Taxonomy { name, terms, index }
        })
        .collect()
}

fn unique_slug(used: &mut BTreeMap<String, usize>, value: &str) -> String {
    let base = match slugify(value) {
        s if s.is_empty() => "term".to_string(),
        s => s,
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
fn values(name: &str, page: &SitePage) -> Vec<String> {
    let meta = &page.page.meta;
    match name {
        "thema" => meta.thema.clone(),
        "onderwijstype" => meta.onderwijstype.clone(),
        "regio" => meta.regio.iter().cloned().collect(),
        "organisatie" => match &meta.details {
            Details::Praktijkvoorbeeld(p) => p.organisaties.clone(),
            // Internal organisations were already removed from a public edition.
            Details::Contact(c) => c.organisaties.iter().map(|o| o.naam.clone()).collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}
