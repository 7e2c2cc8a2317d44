//! The whole-handbook print page (`afdrukken.html`): every page of the edition on one web page, in the
//! handbook's order, for readers who print from the browser or save a PDF from its print dialog.
//!
//! The order: an introduction (the home page's text and the pages directly under `content/`), then each section
//! in the configured order, with its `_index` text and its pages in list order. Each body is rendered again for
//! its place in the document (a [`markdown::Embedding`]): its ids get the page's id as a prefix, so that they are
//! unique in the document; links to pages in the document go to them there; images are reached from the site
//! root. Pages render in parallel through the theme's `afdrukken_pagina.html`, and `afdrukken.html` puts them
//! together with a table of contents. How it looks on paper is the stylesheet's business; the PDF handbook is
//! `export/`'s.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;
use serde_json::{json, Map, Value};

use super::context::Values;
use super::theme::Theme;
use crate::diagnostic::{Diagnostic, Sources};
use crate::markdown::{self, Embedding, Places};
use crate::site::{Site, SitePage};
use crate::text::slugify;

/// The page, its template, and the template of one page in it.
pub const PAGE: &str = "afdrukken.html";
pub const TEMPLATE: &str = "afdrukken.html";
pub const PAGE_TEMPLATE: &str = "afdrukken_pagina.html";

/// How much deeper a body's headings sit in the document than on a page of their own: a page's title is an
/// `<h3>` under its chapter's `<h2>`, so its `##` becomes an `<h4>`. A chapter's own text sits one level higher.
const PAGE_HEADINGS: u8 = 2;
const CHAPTER_HEADINGS: u8 = 1;

/// A chapter of the document: a section, or the introduction.
struct Chapter<'a> {
    id: String,
    title: String,
    /// The text before the chapter's pages: the section's `_index`, or the home page's.
    intro: Option<&'a SitePage>,
    /// Each page with its id in the document.
    pages: Vec<(String, &'a SitePage)>,
}

/// The document's chapters and where every page is in it.
struct Document<'a> {
    chapters: Vec<Chapter<'a>>,
    /// Page key → id in the document; a section's list (`folder/_index`) and the home page (`_index`) are their
    /// chapter.
    ids: HashMap<String, String>,
    /// The same places by the page's URL from the site root, for the links in front matter values.
    by_url: HashMap<String, String>,
}

impl Places for Document<'_> {
    fn place(&self, key: &str, fragment: Option<&str>) -> Option<String> {
        let id = self.ids.get(key)?;
        Some(match fragment {
            Some(f) => format!("{id}--{f}"),
            None => id.clone(),
        })
    }
}

impl<'a> Document<'a> {
    /// Every id is a slug with a letter in front (`h-` for a chapter, `p-` for a page), made unique. A slug never
    /// holds `--` nor ends in `-`, so the prefix `<id>--` of one page's ids never starts another's.
    fn new(site: &'a Site, intro_title: &str) -> Document<'a> {
        let mut taken = BTreeSet::new();
        let mut unique = |letter: &str, name: &str| -> String {
            let slug = slugify(name);
            let base = format!(
                "{letter}-{}",
                if slug.is_empty() { "pagina" } else { &slug }
            );
            let mut id = base.clone();
            let mut n = 2;
            while !taken.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            id
        };
        // (title, section folder or "" for the introduction, the chapter's own text, its pages)
        let mut outline: Vec<(&str, &str, Option<&SitePage>, &[String])> = Vec::new();
        let home = site.intro("");
        if home.is_some() || !site.root_pages.is_empty() {
            outline.push((intro_title, "", home, &site.root_pages));
        }
        for section in &site.sections {
            let intro = site.intro(&section.folder);
            outline.push((&section.title, &section.folder, intro, &section.pages));
        }
        let mut document = Document {
            chapters: Vec::with_capacity(outline.len()),
            ids: HashMap::new(),
            by_url: HashMap::new(),
        };
        for (title, folder, intro, keys) in outline {
            let (id, key, url) = match folder {
                "" => (
                    unique("h", title),
                    "_index".to_string(),
                    "index.html".to_string(),
                ),
                _ => (
                    unique("h", folder),
                    format!("{folder}/_index"),
                    format!("{folder}/index.html"),
                ),
            };
            document.ids.insert(key, id.clone());
            document.by_url.insert(url, format!("#{id}"));
            let pages: Vec<(String, &SitePage)> = keys
                .iter()
                .filter_map(|k| site.page(k))
                .map(|sp| (unique("p", &sp.page.key), sp))
                .collect();
            for (page_id, sp) in &pages {
                document.ids.insert(sp.page.key.clone(), page_id.clone());
                document
                    .by_url
                    .insert(sp.page.url.clone(), format!("#{page_id}"));
            }
            document.chapters.push(Chapter {
                id,
                title: title.to_string(),
                intro,
                pages,
            });
        }
        document
    }

    /// A body rendered for its place in the document.
    fn body(
        &self,
        site: &Site,
        sp: &SitePage,
        id: &str,
        depth: u8,
        labels: &markdown::Labels,
    ) -> String {
        let prefix = format!("{id}--");
        let embed = Embedding {
            id_prefix: &prefix,
            heading_offset: depth,
            places: self,
        };
        // Problems in the body were reported when the site was resolved.
        markdown::render(&markdown::Input {
            body: sp.page.body(),
            body_offset: sp.page.body_start,
            file: &sp.page.file,
            dir: sp.page.dir(),
            key: &sp.page.key,
            root: "",
            trusted_html: site.config.html_toestaan,
            glossary: (!site.glossary.is_empty()).then_some(&site.glossary),
            links: site,
            labels,
            embed: Some(&embed),
        })
        .html
    }

    /// Points every `url` of a page's values that names a page or section in the document to its place in it.
    fn point_into(&self, value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (name, v) in map.iter_mut() {
                    match v {
                        Value::String(url) if name == "url" => {
                            if let Some(place) = self.by_url.get(url.as_str()) {
                                *url = place.clone();
                            }
                        }
                        _ => self.point_into(v),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.point_into(v)),
            _ => {}
        }
    }
}

/// The print page's `page` value: its title and its chapters (`hoofdstukken`), each with `id`, `titel`, the
/// chapter's own text (`intro`, HTML) and its pages (`paginas`: `id`, `titel` and the page as HTML).
pub fn page_value(
    values: &Values<'_>,
    theme: &Theme,
    base: &Map<String, Value>,
    sources: &Sources,
) -> Result<Value, Diagnostic> {
    let site = values.site;
    let string = |key: &str, default: &str| -> String {
        theme.strings[key].as_str().unwrap_or(default).to_string()
    };
    let document = Document::new(site, &string("afdrukken_inleiding", "Inleiding"));
    let labels = markdown::Labels {
        anchor: theme.labels.heading_anchor.clone(),
        task_done: theme.labels.taak_gedaan.clone(),
        task_open: theme.labels.taak_open.clone(),
    };
    // One part per chapter text and per page, rendered in parallel and put back in document order.
    let parts: Vec<(&Chapter, Option<&(String, &SitePage)>)> = document
        .chapters
        .iter()
        .flat_map(|c| std::iter::once((c, None)).chain(c.pages.iter().map(move |p| (c, Some(p)))))
        .collect();
    let rendered: Vec<Result<String, Diagnostic>> = parts
        .par_iter()
        .map(|(chapter, page)| match page {
            None => Ok(chapter.intro.map_or_else(String::new, |sp| {
                document.body(site, sp, &chapter.id, CHAPTER_HEADINGS, &labels)
            })),
            Some((id, sp)) => {
                let mut page = values.fields(sp);
                document.point_into(&mut page);
                let body = document.body(site, sp, id, PAGE_HEADINGS, &labels);
                // Most of a page is its body: room for it and the rest, so the page is not copied as it grows.
                let mut html = Vec::with_capacity(body.len() * 5 / 4 + 4096);
                page["id"] = Value::String(id.clone());
                page["inhoud"] = Value::String(body);
                let mut context = base.clone();
                context.insert("root".into(), Value::String(String::new()));
                context.insert("p".into(), page);
                let context = tera::Context::from_value(Value::Object(context))
                    .map_err(|e| Diagnostic::error(format!("internal error: {e}")))?;
                theme.render_to(PAGE_TEMPLATE, &context, sources, &mut html)?;
                String::from_utf8(html)
                    .map_err(|e| Diagnostic::error(format!("internal error: {e}")))
            }
        })
        .collect();

    // Values are moved in, never passed to `json!`, which would copy the whole handbook once more.
    let mut chapters: Vec<Value> = Vec::with_capacity(document.chapters.len());
    for ((chapter, page), html) in parts.into_iter().zip(rendered) {
        let html = Value::String(html?);
        match page {
            None => {
                let mut value = json!({ "id": chapter.id, "titel": chapter.title, "paginas": [] });
                value["intro"] = html;
                chapters.push(value);
            }
            Some((id, sp)) => {
                let mut value = json!({ "id": id, "titel": sp.page.meta.titel });
                value["html"] = html;
                if let Some(Value::Array(pages)) = chapters.last_mut().map(|c| &mut c["paginas"]) {
                    pages.push(value);
                }
            }
        }
    }
    let mut page = json!({
        "titel": string("afdrukken_titel", "Het hele handboek"),
        "url": PAGE,
        "kind": "afdrukken",
        "samenvatting": string("afdrukken_samenvatting", ""),
    });
    page["hoofdstukken"] = Value::Array(chapters);
    Ok(page)
}
