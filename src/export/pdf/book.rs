//! Composes the book from the resolved site: which pages it prints, in which chapters and order, and every value
//! the print template presents (facts, phases, steps, programme, cards, the register), ready-made, as JSON.
//! The template decides how things look; this module decides what is in the book.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{json, Value};

use super::body::{self, chapter_label, page_label, Links};
use crate::content::{Details, Kind, Page, Visibility};
use crate::diagnostic::{Diagnostic, Sources};
use crate::render::context::{bron_text, Values};
use crate::site::{Edition, Site, SitePage};
use crate::text::slugify;

/// What part of the site the book holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// The whole handbook, with the glossary, the contacts and a register of themes as appendices.
    Whole,
    /// These pages, in this order (content paths, keys or URLs).
    Pages(Vec<String>),
    /// One section, by folder name or title.
    Section(String),
    /// Every page on a theme, chapter by chapter.
    Theme(String),
    /// The contact sheets on one page.
    Contacts,
    /// A theme meeting's handout: the meeting (a page under `bijeenkomsten/`, named as for [`Selection::Pages`])
    /// and, each in full with a QR code to it on the website, the practice examples it presented.
    Meeting(String),
}

/// Paper sizes the template knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    A4,
    A5,
}

/// The composed book: the template's data and the files it refers to.
pub struct Book {
    pub data: Value,
    pub images: BTreeMap<String, Vec<u8>>,
    /// The date on the cover and in the PDF's metadata.
    pub date: chrono::NaiveDate,
    /// Pages printed.
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
}

/// How the template lays out a chapter's pages.
#[derive(Clone, Copy)]
pub(super) enum Style {
    /// Each page starts on a new sheet.
    Pages,
    /// Glossary entries, one after the other.
    Glossary,
    /// Contact sheets, one after the other.
    Contacts,
}

pub(super) struct Chapter {
    pub(super) label: String,
    pub(super) title: String,
    /// Whether the chapter has a heading of its own; a selection of pages prints them as chapters instead.
    pub(super) shown: bool,
    pub(super) numbered: bool,
    pub(super) appendix: bool,
    pub(super) intro: Option<String>,
    pub(super) pages: Vec<String>,
    pub(super) style: Style,
    /// Whether each (public) page gets a QR code to it on the published website.
    pub(super) qr_codes: bool,
}

pub struct Composer<'a> {
    pub site: &'a Site,
    pub values: Values<'a>,
    /// The theme's translations (`t` in templates).
    pub strings: &'a Value,
    pub site_dir: &'a Path,
    /// The text of every file read, for pointing at a line in a file the edition left out.
    pub sources: &'a Sources,
}

impl Composer<'_> {
    pub(super) fn t(&self, key: &str) -> String {
        let mut value = self.strings;
        for part in key.split('.') {
            value = &value[part];
        }
        value.as_str().unwrap_or(key).to_string()
    }

    pub fn compose(&self, selection: &Selection, format: Format) -> Result<Book, Vec<Diagnostic>> {
        let (chapters, title, subtitle) = self.chapters(selection)?;
        let in_book: BTreeSet<String> = chapters
            .iter()
            .flat_map(|c| c.pages.iter().cloned())
            .collect();
        let chapter_folders: BTreeSet<String> = chapters
            .iter()
            .filter_map(|c| c.label.strip_prefix("s:").map(str::to_string))
            .collect();
        let base = self.site.config.base();
        let links = Links {
            site: self.site,
            in_book: &in_book,
            chapters: &chapter_folders,
            base: &base,
        };
        let content_dir = self.site_dir.join("content");

        let mut problems = Vec::new();
        let mut images = BTreeMap::new();
        let mut labels: BTreeSet<String> = in_book.iter().map(|k| page_label(k)).collect();
        labels.extend(chapters.iter().map(|c| c.label.clone()));
        let mut convert = |page: &Page,
                           labels: &mut BTreeSet<String>,
                           problems: &mut Vec<Diagnostic>|
         -> Vec<Value> {
            let mut body = body::convert(page, &links, &content_dir);
            problems.append(&mut body.diagnostics);
            images.append(&mut body.images);
            labels.extend(body.labels);
            body.nodes
        };

        let mut chapter_values = Vec::new();
        let mut qr_images = BTreeMap::new();
        let (mut number, mut letter) = (0u32, 0u8);
        for chapter in &chapters {
            let shown_number = match (chapter.numbered, chapter.appendix) {
                (false, _) => None,
                (true, false) => {
                    number += 1;
                    Some(number.to_string())
                }
                (true, true) => {
                    letter += 1;
                    Some(char::from(b'A' + (letter - 1) % 26).to_string())
                }
            };
            let intro = chapter
                .intro
                .as_ref()
                .and_then(|key| self.site.page(key))
                .map(|sp| convert(&sp.page, &mut labels, &mut problems));
            let mut pages = Vec::new();
            for key in &chapter.pages {
                let Some(sp) = self.site.page(key) else {
                    continue;
                };
                let body = convert(&sp.page, &mut labels, &mut problems);
                let mut value = self.page(sp, &links, chapter.style);
                typographic(&mut value);
                value["body"] = Value::Array(body);
                if chapter.qr_codes {
                    value["qr"] = self.qr_code(sp, &links, &mut qr_images, &mut problems);
                }
                // A workflow's phases are places too: links may point at them.
                if let Some(phases) = value.get("phases").and_then(Value::as_array) {
                    labels.extend(
                        phases
                            .iter()
                            .filter_map(|p| p["label"].as_str().map(str::to_string)),
                    );
                }
                check_glyphs(&value, &sp.page, &mut problems);
                pages.push(value);
            }
            chapter_values.push(json!({
                "label": chapter.label,
                "title": body::typographic(&chapter.title),
                "shown": chapter.shown,
                "number": shown_number,
                "appendix": chapter.appendix,
                "style": match chapter.style {
                    Style::Pages => "pages",
                    Style::Glossary => "glossary",
                    Style::Contacts => "contacts",
                },
                "intro": intro,
                "pages": pages,
            }));
        }
        images.append(&mut qr_images);
        if problems.iter().any(Diagnostic::is_error) {
            return Err(problems);
        }
        let mut chapter_values = Value::Array(chapter_values);
        retarget(&mut chapter_values, &labels);

        let whole = *selection == Selection::Whole;
        let mut strings = self.strings.clone();
        typographic(&mut strings);
        let date = self.date();
        let config = &self.site.config;
        let data = json!({
            "meta": {
                "title": body::typographic(&title),
                "subtitle": body::typographic(&subtitle),
                "site_title": config.titel,
                "publisher": config.uitgever,
                "edition": config.editie,
                "internal": self.site.edition == Edition::Internal,
                "date": self.values.date(Some(date)),
                "date_iso": date.to_string(),
                "url": base,
                "format": match format { Format::A4 => "a4", Format::A5 => "a5" },
                "lang": config.taal,
                "whole": whole,
                "contact_sheet": *selection == Selection::Contacts,
                "handout": matches!(selection, Selection::Meeting(_)),
            },
            "t": strings,
            "sources": self.sources(&in_book).iter().map(|s| body::typographic(s)).collect::<Vec<_>>(),
            "chapters": chapter_values,
            "register": if whole { self.register(&in_book) } else { Value::Null },
            "contact_sheet": if *selection == Selection::Contacts { self.contact_sheet() } else { Value::Null },
        });
        Ok(Book {
            data,
            images,
            date,
            pages: in_book.len(),
            warnings: problems,
        })
    }

    /// The book's date: `datum` from the configuration, else the newest date of any page, so that the same
    /// content always gives the same book.
    fn date(&self) -> chrono::NaiveDate {
        self.site.config.datum.unwrap_or_else(|| {
            self.site
                .pages
                .values()
                .flat_map(|p| [p.page.meta.datum, p.page.meta.bijgewerkt])
                .flatten()
                .max()
                .unwrap_or_default()
        })
    }

    #[allow(clippy::type_complexity)]
    fn chapters(
        &self,
        selection: &Selection,
    ) -> Result<(Vec<Chapter>, String, String), Vec<Diagnostic>> {
        let site = self.site;
        let config = &site.config;
        let style_of = |pages: &[String]| -> Style {
            let kinds: BTreeSet<Kind> = pages
                .iter()
                .filter_map(|k| site.page(k))
                .map(|p| p.page.kind)
                .collect();
            match kinds.iter().collect::<Vec<_>>().as_slice() {
                [Kind::Begrip] => Style::Glossary,
                [Kind::Contact] => Style::Contacts,
                _ => Style::Pages,
            }
        };
        let section_chapter = |section: &crate::site::Section, pages: Vec<String>, intro: bool| {
            let style = style_of(&pages);
            Chapter {
                label: chapter_label(&section.folder),
                title: section.title.clone(),
                shown: true,
                numbered: true,
                appendix: !matches!(style, Style::Pages),
                intro: intro
                    .then(|| format!("{}/_index", section.folder))
                    .filter(|k| site.page(k).is_some()),
                pages,
                style,
                qr_codes: false,
            }
        };
        match selection {
            Selection::Whole => {
                let mut chapters = Vec::new();
                if site.intro("").is_some() || !site.root_pages.is_empty() {
                    chapters.push(Chapter {
                        label: chapter_label(""),
                        title: self.t("pdf.inleiding"),
                        shown: true,
                        numbered: false,
                        appendix: false,
                        intro: site.intro("").map(|p| p.page.key.clone()),
                        pages: site.root_pages.clone(),
                        style: Style::Pages,
                        qr_codes: false,
                    });
                }
                let mut appendices = Vec::new();
                for section in &site.sections {
                    let chapter = section_chapter(section, section.pages.clone(), true);
                    if chapter.appendix {
                        appendices.push(chapter);
                    } else {
                        chapters.push(chapter);
                    }
                }
                chapters.append(&mut appendices);
                Ok((chapters, config.titel.clone(), config.ondertitel.clone()))
            }
            Selection::Section(name) => {
                let wanted = slugify(name);
                let section = site
                    .sections
                    .iter()
                    .find(|s| {
                        s.folder == *name
                            || slugify(&s.title) == wanted
                            || slugify(&s.folder) == wanted
                    })
                    .ok_or_else(|| {
                        let names: Vec<&str> =
                            site.sections.iter().map(|s| s.folder.as_str()).collect();
                        vec![Diagnostic::error(format!(
                            "there is no section `{name}` in this edition"
                        ))
                        .hint(format!("choose one of: {}", names.join(", ")))]
                    })?;
                let mut chapter = section_chapter(section, section.pages.clone(), true);
                chapter.numbered = false;
                chapter.appendix = false;
                Ok((vec![chapter], section.title.clone(), config.titel.clone()))
            }
            Selection::Theme(name) => {
                let Some(theme) = config.theme_named(name) else {
                    return Err(vec![Diagnostic::error(format!(
                        "`{name}` is not a theme of this site"
                    ))
                    .hint(format!(
                        "choose one of the themes in kennisbank.yaml: {}",
                        config.themas.join(", ")
                    ))]);
                };
                let chapters: Vec<Chapter> = site
                    .sections
                    .iter()
                    .map(|s| {
                        let pages = s
                            .pages
                            .iter()
                            .filter(|k| {
                                site.page(k)
                                    .is_some_and(|p| p.page.meta.thema.iter().any(|t| t == theme))
                            })
                            .cloned()
                            .collect();
                        section_chapter(s, pages, false)
                    })
                    .filter(|c| !c.pages.is_empty())
                    .collect();
                if chapters.is_empty() {
                    return Err(vec![Diagnostic::error(format!(
                        "no page of this edition has the theme `{theme}`"
                    ))
                    .hint(
                        "add `thema: [..]` to pages' front matter, or choose another theme",
                    )]);
                }
                Ok((
                    chapters,
                    format!("{}: {theme}", self.t("thema")),
                    config.titel.clone(),
                ))
            }
            Selection::Pages(wanted) => {
                let mut keys = Vec::new();
                let mut problems = Vec::new();
                for name in wanted {
                    match self.find_page(name) {
                        Ok(key) if !keys.contains(&key) => keys.push(key),
                        Ok(_) => {}
                        Err(problem) => problems.push(problem),
                    }
                }
                if !problems.is_empty() {
                    return Err(problems);
                }
                let title = match keys.as_slice() {
                    [only] => site
                        .page(only)
                        .map(|p| p.page.meta.titel.clone())
                        .unwrap_or_default(),
                    _ => self.t("pdf.selectie"),
                };
                Ok((
                    vec![Chapter {
                        label: "s:selectie".into(),
                        title: title.clone(),
                        shown: false,
                        numbered: false,
                        appendix: false,
                        intro: None,
                        pages: keys,
                        style: Style::Pages,
                        qr_codes: false,
                    }],
                    title,
                    config.titel.clone(),
                ))
            }
            Selection::Contacts => {
                Ok((Vec::new(), self.t("contacten_titel"), config.titel.clone()))
            }
            Selection::Meeting(name) => self.handout_chapters(name),
        }
    }

    /// Finds a page named on the command line by its file, key or URL.
    pub(super) fn find_page(&self, name: &str) -> Result<String, Diagnostic> {
        let key = name
            .trim()
            .trim_start_matches("./")
            .trim_start_matches("content/")
            .trim_end_matches(".md")
            .trim_end_matches(".html")
            .to_string();
        if self.site.page(&key).is_some_and(|p| !p.page.is_index) {
            return Ok(key);
        }
        // A file that was read but is not in the public edition is internal.
        let file = format!("content/{key}.md");
        if let Some(text) = self
            .sources
            .get(&file)
            .filter(|_| self.site.edition == Edition::Public)
        {
            let at = text
                .find("zichtbaarheid")
                .map(|i| i..i + "zichtbaarheid".len());
            return Err(Diagnostic::error(format!(
                "the page `{name}` is internal, and this export is public"
            ))
            .in_file(file)
            .at_opt(at)
            .hint("export the internal edition with --intern, or choose a public page"));
        }
        let problem = Diagnostic::error(format!("there is no page `{name}` in this edition"));
        let keys = self.site.content_pages().map(|p| p.page.key.as_str());
        Err(match crate::diagnostic::closest(&key, keys) {
            Some(c) => problem.hint(format!("did you mean {c}? Name a page by its file under content/, e.g. praktijkvoorbeelden/x.md")),
            None => problem.hint("name a page by its file under content/, e.g. praktijkvoorbeelden/den-bosch-brugfunctie.md"),
        })
    }

    /// One page's values for the template; its body is added by the caller.
    fn page(&self, sp: &SitePage, links: &Links<'_>, style: Style) -> Value {
        let page = &sp.page;
        let meta = &page.meta;
        let mut value = json!({
            "key": page.key,
            "label": page_label(&page.key),
            "title": meta.titel,
            "kind": page.kind.name(),
            "type": self.values.type_label(page.kind),
            "summary": meta.samenvatting,
            "internal": !page.is_public(),
            "sources": meta.bronnen.iter().map(bron_text).collect::<Vec<_>>(),
            "facts": self.facts(sp, links, style),
        });
        let refer = |target: &str, section: Option<&str>| -> Option<Value> {
            let target = self.site.lookup(target, section)?;
            Some(reference(links, target))
        };
        match &meta.details {
            Details::Werkwijze { fasen } => {
                value["phases"] = fasen
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        json!({
                            "number": i + 1,
                            "label": phase_label(&page.key, &f.naam, &sp.rendered.anchors),
                            "name": f.naam,
                            "summary": f.samenvatting,
                            "duration": f.duur,
                            "steps": f.stappen,
                            "conditions": f.voorwaarden,
                            "roles": f.rollen,
                        })
                    })
                    .collect();
            }
            Details::Leerroute { stappen } => {
                value["steps"] = stappen
                    .iter()
                    .filter_map(|s| {
                        let target = self.site.lookup(&s.pagina.target, None)?;
                        Some(json!({
                            "page": reference(links, target),
                            "type": self.values.type_label(target.page.kind),
                            "summary": target.page.meta.samenvatting,
                            "note": s.toelichting,
                        }))
                    })
                    .collect();
            }
            Details::Bijeenkomst(b) => {
                value["meeting"] = json!({
                    "programme": b.programma.iter()
                        .map(|p| json!({ "time": p.tijd, "item": p.onderdeel }))
                        .collect::<Vec<_>>(),
                    "workshops": b.workshops.iter().map(|w| json!({
                        "title": w.titel,
                        "text": w.omschrijving,
                        "example": w.praktijkvoorbeeld.as_ref().and_then(|r| refer(&r.target, Some("praktijkvoorbeelden"))),
                    })).collect::<Vec<_>>(),
                    "statements": b.stellingen.iter().map(|s| json!({
                        "text": s.stelling,
                        "outcome": s.uitkomst,
                        "agree": s.eens,
                        "disagree": s.oneens,
                        "percent": s.percent_agree(),
                    })).collect::<Vec<_>>(),
                    "examples": b.praktijkvoorbeelden.iter()
                        .filter_map(|r| refer(&r.target, Some("praktijkvoorbeelden")))
                        .collect::<Vec<_>>(),
                });
            }
            Details::Begrip(b) => {
                value["term"] = json!({
                    "meaning": b.betekenis,
                    "abbreviations": b.afkortingen,
                    "variants": b.varianten,
                    "related": b.verwant.iter()
                        .filter_map(|r| refer(&r.target, Some("begrippen")))
                        .collect::<Vec<_>>(),
                });
            }
            Details::Contact(sheet) => {
                value["card"] = self.card(sheet);
            }
            Details::Praktijkvoorbeeld(_) | Details::Artikel | Details::Pagina => {}
        }
        value
    }

    /// The compact block of facts at the head of a page: label and value, both ready to print.
    fn facts(&self, sp: &SitePage, links: &Links<'_>, style: Style) -> Vec<Value> {
        let meta = &sp.page.meta;
        let mut facts = Vec::new();
        let mut fact = |label: &str, value: Vec<Value>| {
            if !value.is_empty() {
                facts.push(json!({ "k": self.t(label), "v": value }));
            }
        };
        let text = |s: &str| Value::String(s.to_string());
        let joined = |items: &[String]| -> Vec<Value> {
            if items.is_empty() {
                Vec::new()
            } else {
                vec![Value::String(items.join(", "))]
            }
        };
        if let Details::Praktijkvoorbeeld(p) = &meta.details {
            fact("organisaties", joined(&p.organisaties));
            fact("gemeente", p.gemeente.iter().map(|g| text(g)).collect());
        }
        if let Details::Bijeenkomst(b) = &meta.details {
            fact(
                "datum",
                meta.datum
                    .map(|d| text(&self.values.date(Some(d))))
                    .into_iter()
                    .collect(),
            );
            fact("locatie", b.locatie.iter().map(|l| text(l)).collect());
            fact("organisatoren", joined(&b.organisatoren));
        }
        if !matches!(style, Style::Contacts) {
            fact("regio", meta.regio.iter().map(|r| text(r)).collect());
        }
        let types: Vec<String> = meta
            .onderwijstype
            .iter()
            .map(|o| self.values.onderwijstype_label(o))
            .collect();
        fact("onderwijstype", joined(&types));
        fact("themas", joined(&meta.thema));
        if let Details::Praktijkvoorbeeld(p) = &meta.details {
            fact("doelgroep", p.doelgroep.iter().map(|d| text(d)).collect());
            fact("leeftijd", p.leeftijd.iter().map(|d| text(d)).collect());
            fact("periode", p.periode.iter().map(|d| text(d)).collect());
            let mut cards = Vec::new();
            for target in p
                .contacten
                .iter()
                .filter_map(|r| self.site.lookup(&r.target, Some("contacten")))
            {
                if !cards.is_empty() {
                    cards.push(text(", "));
                }
                cards.push(reference(links, target));
            }
            fact("contactgegevens", cards);
        }
        facts
    }

    /// A contact sheet's organisations and people. The public edition has only public people left (the site
    /// model removed the rest), and on paper even they appear by role only: no names, e-mail or phone numbers.
    fn card(&self, sheet: &crate::content::ContactSheet) -> Value {
        let internal = self.site.edition == Edition::Internal;
        json!({
            "organisations": sheet.organisaties.iter().map(|o| json!({
                "name": o.naam,
                "kind": o.soort,
                "place": o.plaats,
                "website": o.website,
                "phone": o.telefoon,
            })).collect::<Vec<_>>(),
            "people": sheet.personen.iter()
                .filter(|p| internal || p.zichtbaarheid == Visibility::Publiek)
                .map(|p| json!({
                    "name": internal.then_some(&p.naam),
                    "role": p.rol,
                    "organisation": p.organisatie,
                    "email": if internal { p.email.as_ref() } else { None },
                    "phone": if internal { p.telefoon.as_ref() } else { None },
                })).collect::<Vec<_>>(),
        })
    }

    /// Every source the book's pages name, once, in the order a reader looks them up.
    fn sources(&self, in_book: &BTreeSet<String>) -> Vec<String> {
        let mut seen = BTreeSet::new();
        let mut sources: Vec<(String, String)> = Vec::new();
        let pages = in_book
            .iter()
            .filter_map(|k| self.site.page(k))
            .chain(self.site.intro(""));
        for sp in pages {
            for b in &sp.page.meta.bronnen {
                let mut whole = b.clone();
                whole.deel = None;
                let text = bron_text(&whole);
                if seen.insert(text.clone()) {
                    sources.push((crate::text::sort_key(&text), text));
                }
            }
        }
        sources.sort();
        sources.into_iter().map(|(_, text)| text).collect()
    }

    /// The register of themes: each theme with the book's pages on it.
    fn register(&self, in_book: &BTreeSet<String>) -> Value {
        let Some(themes) = self.site.taxonomies.iter().find(|t| t.name == "thema") else {
            return json!([]);
        };
        themes
            .terms
            .iter()
            .map(|term| {
                json!({
                    "name": term.value,
                    "pages": term.pages.iter()
                        .filter(|k| in_book.contains(*k))
                        .filter_map(|k| self.site.page(k))
                        .map(|sp| json!({ "title": body::typographic(&sp.page.meta.titel), "to": page_label(&sp.page.key) }))
                        .collect::<Vec<_>>(),
                })
            })
            .filter(|t| t["pages"].as_array().is_some_and(|p| !p.is_empty()))
            .collect()
    }

    /// Every contact sheet on one page: its organisations, and its people in the internal edition.
    fn contact_sheet(&self) -> Value {
        self.site
            .pages_of_kind(Kind::Contact)
            .filter_map(|sp| match &sp.page.meta.details {
                Details::Contact(sheet) => Some(json!({
                    "title": sp.page.meta.titel,
                    "region": sp.page.meta.regio,
                    "card": self.card(sheet),
                })),
                _ => None,
            })
            .collect::<Vec<_>>()
            .into()
    }
}

/// A reference to a page: its title, and where the book sends the reader.
fn reference(links: &Links<'_>, target: &SitePage) -> Value {
    let title = target.page.meta.titel.clone();
    match links.page(&target.page.key, None) {
        body::Place::Label(to) => json!({ "t": "ref", "to": to, "c": [title] }),
        body::Place::Url(url) => json!({ "t": "link", "url": url, "c": [title] }),
        body::Place::Nowhere => Value::String(title),
    }
}

/// A phase's label: its id as on the website (`#naam`, or `#fase-naam` when a body heading has that id).
fn phase_label(key: &str, name: &str, body_ids: &BTreeSet<String>) -> String {
    let id = slugify(name);
    if body_ids.contains(&id) {
        format!("{}#fase-{id}", page_label(key))
    } else {
        format!("{}#{id}", page_label(key))
    }
}

/// Points every reference at a label the book has: a link to a heading the book does not print (a footnote's
/// anchor, say) goes to its page instead.
fn retarget(value: &mut Value, labels: &BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            if map.get("t").and_then(Value::as_str) == Some("ref") {
                if let Some(Value::String(to)) = map.get_mut("to") {
                    if !labels.contains(to.as_str()) {
                        let page = to.split('#').next().unwrap_or_default().to_string();
                        *to = page;
                    }
                    if !labels.contains(to.as_str()) {
                        map.insert("t".into(), json!("span"));
                    }
                }
            }
            map.values_mut().for_each(|v| retarget(v, labels));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| retarget(v, labels)),
        _ => {}
    }
}

/// Makes the front matter's text typographic (see [`body::typographic`]); addresses and labels stay as they are.
fn typographic(value: &mut Value) {
    const VERBATIM: [&str; 8] = [
        "url", "to", "label", "src", "key", "kind", "website", "email",
    ];
    match value {
        Value::String(s) => *s = body::typographic(s),
        Value::Array(items) => items.iter_mut().for_each(typographic),
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if !VERBATIM.contains(&key.as_str()) {
                    typographic(v);
                }
            }
        }
        _ => {}
    }
}

/// Warns about characters none of the book's fonts can print; they would come out as empty boxes.
fn check_glyphs(value: &Value, page: &Page, problems: &mut Vec<Diagnostic>) {
    fn walk(value: &Value, seen: &mut BTreeMap<char, bool>) {
        match value {
            Value::String(s) => {
                for c in s.chars().filter(|c| !c.is_ascii() && !c.is_whitespace()) {
                    seen.entry(c)
                        .or_insert_with(|| super::typeset::has_glyph(c));
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, seen)),
            Value::Object(map) => map.values().for_each(|v| walk(v, seen)),
            _ => {}
        }
    }
    let mut seen = BTreeMap::new();
    walk(value, &mut seen);
    for c in seen.into_iter().filter(|(_, ok)| !ok).map(|(c, _)| c) {
        let span = page.text.find(c).map(|i| i..i + c.len_utf8());
        problems.push(
            Diagnostic::warning(format!(
                "the character `{c}` (U+{:04X}) is in none of the handbook's fonts; it would print as an empty box",
                c as u32
            ))
            .in_file(&page.file)
            .at_opt(span)
            .hint("write it another way (an emoji as a word, a rare symbol as its name); the website shows it as it is"),
        );
    }
}
