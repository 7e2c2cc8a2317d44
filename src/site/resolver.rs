//! Answers the Markdown renderer's questions about other pages and files, for one edition of the site.

use std::collections::{BTreeMap, BTreeSet};

use super::{Edition, Section};
use crate::content::Page;
use crate::diagnostic::closest;
use crate::markdown::{LinkResolver, PageTarget};

#[derive(Hash)]
pub struct Resolver {
    /// Published pages by key: their URL.
    urls: BTreeMap<String, String>,
    /// Pages left out of this edition (internal pages in a public build).
    unpublished: BTreeSet<String>,
    assets: BTreeSet<String>,
}

impl Resolver {
    pub fn new(
        published: &[std::sync::Arc<Page>],
        broken: &[(String, String)],
        internal: &BTreeSet<String>,
        sections: &[Section],
        assets: &[String],
        edition: Edition,
    ) -> Resolver {
        let mut urls: BTreeMap<String, String> = published
            .iter()
            .map(|p| (p.key.clone(), p.url.clone()))
            .collect();
        // A page that failed to load exists all the same: its own errors are reported, not every link to it.
        for (key, url) in broken {
            urls.entry(key.clone()).or_insert_with(|| url.clone());
        }
        // Every section has a list page and the site a home page, with or without an `_index.md`.
        for section in sections {
            urls.entry(format!("{}/_index", section.folder))
                .or_insert_with(|| section.url.clone());
        }
        urls.entry("_index".to_string())
            .or_insert_with(|| "index.html".to_string());
        let unpublished = match edition {
            Edition::Public => internal.clone(),
            Edition::Internal => BTreeSet::new(),
        };
        Resolver {
            urls,
            unpublished,
            assets: assets.iter().cloned().collect(),
        }
    }

    /// Resolves a front matter reference written relative to `content/` (with or without `.md`), trying the
    /// expected section first: `den-bosch-proeftuin` in `contacten` finds `contacten/den-bosch-proeftuin`.
    pub fn reference(&self, target: &str, section: Option<&str>) -> PageTarget {
        let target = target
            .trim()
            .trim_start_matches("./")
            .trim_end_matches(".md");
        let candidates = section
            .map(|s| format!("{s}/{target}"))
            .into_iter()
            .chain(std::iter::once(target.to_string()));
        for key in candidates {
            if let Some(url) = self.urls.get(&key) {
                return PageTarget::Found {
                    url: url.clone(),
                    key,
                };
            }
            if self.unpublished.contains(&key) {
                return PageTarget::Unpublished;
            }
        }
        let wanted = match section {
            Some(s) if !target.contains('/') => format!("{s}/{target}"),
            _ => target.to_string(),
        };
        PageTarget::Missing {
            suggestion: self.suggest(&wanted),
        }
    }

    fn suggest(&self, key: &str) -> Option<String> {
        closest(key, self.urls.keys().map(String::as_str)).map(|k| format!("{k}.md"))
    }
}

impl LinkResolver for Resolver {
    fn page(&self, path: &str) -> PageTarget {
        let key = path.trim_end_matches(".md");
        if let Some(url) = self.urls.get(key) {
            return PageTarget::Found {
                url: url.clone(),
                key: key.to_string(),
            };
        }
        if self.unpublished.contains(key) {
            return PageTarget::Unpublished;
        }
        PageTarget::Missing {
            suggestion: self.suggest(key),
        }
    }

    fn asset_exists(&self, path: &str) -> bool {
        self.assets.contains(path)
    }
}

/// The resolved site answers the same questions, for renderers that render a body again (the print view). Every
/// link was checked while resolving, so a page it does not hold is an internal one: its link is left out.
impl LinkResolver for super::Site {
    fn page(&self, path: &str) -> PageTarget {
        let key = path.trim_end_matches(".md");
        let url = match self.page(key) {
            Some(sp) => Some(sp.page.url.clone()),
            None if key == "_index" => Some("index.html".to_string()),
            None => key.strip_suffix("/_index").and_then(|folder| {
                self.sections
                    .iter()
                    .find(|s| s.folder == folder)
                    .map(|s| s.url.clone())
            }),
        };
        match url {
            Some(url) => PageTarget::Found {
                url,
                key: key.to_string(),
            },
            None => PageTarget::Unpublished,
        }
    }

    fn asset_exists(&self, path: &str) -> bool {
        self.assets.contains(path)
    }
}

/// The relative prefix from a page's URL to the site root: `""` for `index.html`, `"../"` for `a/b.html`.
pub fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefix_by_depth() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("praktijkvoorbeelden/x.html"), "../");
        assert_eq!(root_of("a/b/c.html"), "../../");
    }
}
