//! Long lists split into pages: a section's list (`praktijkvoorbeelden/index.html`, `pagina-2.html`, …) and a
//! taxonomy term's (`thema/ouders.html`, `thema/ouders-pagina-2.html`, …). The glossary and the contacts overview
//! are grouped by letter and region and stay on one page.

use serde_json::{json, Value};

use super::context::Values;
use crate::content::Kind;
use crate::site::Section;

/// The glossary and the contacts overview show everything at once, grouped by letter or region.
pub fn is_grouped(section: &Section) -> bool {
    matches!(
        Kind::of_folder(Some(&section.folder)),
        Kind::Begrip | Kind::Contact
    )
}

pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// The URL of page `n` (0-based) of a list whose first page is `first`: `x/index.html` continues as
/// `x/pagina-2.html`, `thema/ouders.html` as `thema/ouders-pagina-2.html`.
pub fn list_page_url(first: &str, n: usize) -> String {
    if n == 0 {
        return first.to_string();
    }
    match first.strip_suffix("index.html") {
        Some(dir) => format!("{dir}pagina-{}.html", n + 1),
        None => format!("{}-pagina-{}.html", first.trim_end_matches(".html"), n + 1),
    }
}

/// Every URL of a section's list.
pub fn section_urls(section: &Section, per_page: usize) -> Vec<String> {
    if is_grouped(section) {
        vec![section.url.clone()]
    } else {
        list_page_urls(&section.url, section.pages.len(), per_page)
    }
}

/// Every URL of a paginated list.
pub fn list_page_urls(first: &str, items: usize, per_page: usize) -> Vec<String> {
    (0..page_count(items, per_page))
        .map(|n| list_page_url(first, n))
        .collect()
}

/// One page of a list: its items and where it stands among the list's pages.
pub struct ListPage<'a> {
    first: &'a str,
    keys: &'a [String],
    number: usize,
    count: usize,
}

pub fn paginate<'a>(
    first: &'a str,
    keys: &'a [String],
    n: usize,
    per_page: usize,
) -> (String, ListPage<'a>) {
    let per_page = per_page.max(1);
    let start = (n * per_page).min(keys.len());
    let end = (start + per_page).min(keys.len());
    let list = ListPage {
        first,
        keys: &keys[start..end],
        number: n,
        count: page_count(keys.len(), per_page),
    };
    (list_page_url(first, n), list)
}

impl ListPage<'_> {
    /// `paginas` (this page's items) and `paginering` (null when the list fits on one page).
    pub fn value(&self, values: &Values<'_>) -> Value {
        let items: Vec<Value> = self
            .keys
            .iter()
            .filter_map(|k| values.site.page(k))
            .map(|p| values.item(p))
            .collect();
        let pagination = (self.count > 1).then(|| {
            let url = |n: usize| list_page_url(self.first, n);
            json!({
                "huidige": self.number + 1,
                "totaal": self.count,
                "vorige": (self.number > 0).then(|| url(self.number - 1)),
                "volgende": (self.number + 1 < self.count).then(|| url(self.number + 1)),
                "paginas": (0..self.count).map(|n| json!({ "nummer": n + 1, "url": url(n), "huidig": n == self.number })).collect::<Vec<_>>(),
            })
        });
        json!({ "paginas": items, "paginering": pagination })
    }
}
