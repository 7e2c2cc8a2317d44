//! The HTML renderer: applies the theme to the resolved site and writes every page, list, taxonomy page, the
//! home, 404, search and print pages, the sitemap, feed and robots.txt, the theme's static files and the content's
//! assets.
//!
//! Pages render in parallel, each written as soon as it is ready, so memory does not grow with the site.

pub mod context;
mod feeds;
mod lists;
mod presentation;
mod print_page;
pub mod theme;

use std::path::Path;

use indicatif::ProgressBar;
use rayon::prelude::*;
use serde_json::{json, Value};

use crate::content::Kind;
use crate::diagnostic::{Diagnostic, Sources};
use crate::markdown::highlight;
use crate::output::Sink;
use crate::site::{root_of, Edition, Site};
pub use context::route_id;
use context::Values;
use lists::{is_grouped, page_count, paginate, section_urls};
pub use print_page::PAGE as PRINT_PAGE;
pub use theme::Theme;

/// One file to render from a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job<'a> {
    Page(&'a str),
    /// A section's list, and which of its pages (0 is the first).
    Section(usize, usize),
    Taxonomy(usize),
    /// A taxonomy term's list, and which of its pages.
    Term(usize, usize, usize),
    Home,
    NotFound,
    /// The search page, when the theme has one.
    Search,
    /// The whole-handbook print page, when the theme has one.
    Print,
}

impl Job<'_> {
    /// The file the job writes, relative to the output folder.
    pub fn url(&self, site: &Site) -> String {
        let per_page = site.config.per_pagina;
        match *self {
            Job::Page(key) => site
                .page(key)
                .map(|p| p.page.url.clone())
                .unwrap_or_default(),
            Job::Section(i, n) => section_urls(&site.sections[i], per_page)[n].clone(),
            Job::Taxonomy(t) => site.taxonomies[t].index_url(),
            Job::Term(t, i, n) => lists::list_page_url(&site.taxonomies[t].terms[i].url, n),
            Job::Home => "index.html".into(),
            Job::NotFound => "404.html".into(),
            Job::Search => SEARCH_PAGE.into(),
            Job::Print => print_page::PAGE.into(),
        }
    }
}

/// Every file the site renders from a template, longest first: the print page and lists, which started last
/// would finish on one core alone.
pub fn jobs<'a>(site: &'a Site, theme: &Theme) -> Vec<Job<'a>> {
    let per_page = site.config.per_pagina;
    let mut jobs: Vec<Job> = Vec::new();
    if theme.has_template(print_page::TEMPLATE) {
        jobs.push(Job::Print);
    }
    for (i, section) in site.sections.iter().enumerate() {
        jobs.extend((0..section_urls(section, per_page).len()).map(|n| Job::Section(i, n)));
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        if !taxonomy.terms.is_empty() {
            jobs.push(Job::Taxonomy(t));
            for (i, term) in taxonomy.terms.iter().enumerate() {
                jobs.extend(
                    (0..page_count(term.pages.len(), per_page)).map(|n| Job::Term(t, i, n)),
                );
            }
        }
    }
    jobs.push(Job::Home);
    jobs.push(Job::NotFound);
    if theme.has_template(SEARCH_TEMPLATE) {
        jobs.push(Job::Search);
    }
    jobs.extend(site.content_pages().map(|p| Job::Page(&p.page.key)));
    jobs
}

/// Writes the whole site into `out`; returns the number of HTML pages written.
pub fn render(
    site: &Site,
    theme: &Theme,
    out: &dyn Sink,
    site_dir: &Path,
    sources: &Sources,
    progress: &ProgressBar,
) -> Result<usize, Vec<Diagnostic>> {
    let jobs = jobs(site, theme);
    progress.set_length(jobs.len() as u64);
    let mut problems = render_jobs(&jobs, site, theme, out, sources, progress);
    let pages = jobs.len();
    problems.extend(write_feeds(site, out));
    problems.extend(copy_static(theme, out).err());
    problems.extend(copy_assets(site.assets.iter(), site_dir, out));
    if problems.is_empty() {
        Ok(pages)
    } else {
        Err(one_per_template(problems))
    }
}

/// Renders these jobs in parallel, writing each file as soon as it is ready; returns the problems.
pub fn render_jobs(
    jobs: &[Job<'_>],
    site: &Site,
    theme: &Theme,
    out: &dyn Sink,
    sources: &Sources,
    progress: &ProgressBar,
) -> Vec<Diagnostic> {
    let values = Values {
        site,
        labels: &theme.labels,
    };
    let base = base_context(site, theme);
    let problems: Vec<Diagnostic> = jobs
        .par_iter()
        .filter_map(|job| {
            let result = render_job(job, &values, theme, &base, out, sources);
            progress.inc(1);
            result.err()
        })
        .collect();
    one_per_template(problems)
}

/// The sitemap, the feed and robots.txt.
pub fn write_feeds(site: &Site, out: &dyn Sink) -> Option<Diagnostic> {
    feeds::write(site, out).err()
}

/// Copies these files from `content/` into the output.
pub fn copy_assets<'a>(
    assets: impl Iterator<Item = &'a String>,
    site_dir: &Path,
    out: &dyn Sink,
) -> Vec<Diagnostic> {
    assets
        .filter_map(|asset| {
            out.copy(asset, &site_dir.join("content").join(asset))
                .err()
                .map(|e| {
                    crate::output::write_failure(&format!("content/{asset}"), &e)
                        .in_file(format!("content/{asset}"))
                })
        })
        .collect()
}

/// The values every template gets, as one JSON object that each page's context starts from.
pub fn base_context(site: &Site, theme: &Theme) -> serde_json::Map<String, Value> {
    let mut context = serde_json::Map::new();
    context.insert(
        "site".into(),
        json!({
            "titel": site.config.titel,
            "ondertitel": site.config.ondertitel,
            "uitgever": site.config.uitgever,
            "taal": site.config.taal,
            "base_url": site.config.base(),
            "intern": site.edition == Edition::Internal,
        }),
    );
    context.insert("t".into(), theme.strings.clone());
    context.insert(
        "noindex".into(),
        Value::Bool(site.edition == Edition::Internal),
    );
    // Where the "Print / PDF" links lead without JavaScript: the print page, when the theme has one.
    let print_page = match theme.has_template(print_page::TEMPLATE) {
        true => print_page::PAGE,
        false => "",
    };
    context.insert("afdrukken".into(), Value::String(print_page.into()));
    context
}

fn render_job(
    job: &Job<'_>,
    values_of_site: &Values<'_>,
    theme: &Theme,
    base: &serde_json::Map<String, Value>,
    staging: &dyn Sink,
    sources: &Sources,
) -> Result<(), Diagnostic> {
    let values = values_of_site;
    let site = values.site;
    let labels = values.labels;
    let home = json!({ "titel": labels.home_titel, "url": "index.html" });
    // (output path, template, page value, breadcrumbs, active section folder)
    let (url, template, page, breadcrumbs, active): (
        String,
        String,
        Value,
        Vec<Value>,
        Option<&str>,
    ) = match *job {
        Job::Page(key) => {
            let sp = site
                .page(key)
                .ok_or_else(|| Diagnostic::error(format!("internal error: no page {key}")))?;
            let mut crumbs = vec![home];
            if let Some(section) = sp
                .page
                .section
                .as_deref()
                .and_then(|f| site.sections.iter().find(|s| s.folder == f))
            {
                crumbs.push(json!({ "titel": section.title, "url": section.url }));
            }
            let template = format!("{}.html", sp.page.kind.name());
            (
                sp.page.url.clone(),
                template,
                values.full(sp),
                crumbs,
                sp.page.section.as_deref(),
            )
        }
        Job::Section(i, n) => {
            let section = &site.sections[i];
            let intro = site.intro(&section.folder);
            let kind = Kind::of_folder(Some(&section.folder));
            let mut page = json!({
                "titel": section.title,
                "url": section.url,
                "kind": "sectie",
                "samenvatting": intro.and_then(|p| p.page.meta.samenvatting.clone()).unwrap_or_default(),
                "intro": intro.map(|p| p.rendered.html.as_str()).unwrap_or_default(),
                "toc": [],
                "backlinks": [],
                "bronnen": intro.map(|p| values.item(p)["bronnen"].clone()).unwrap_or(json!([])),
            });
            let items = || section.pages.iter().filter_map(|k| site.page(k));
            let template = match kind {
                Kind::Begrip => {
                    let mut letters: Vec<(String, Vec<Value>)> = Vec::new();
                    for sp in items() {
                        let letter = crate::text::sort_key(&sp.page.meta.titel)
                            .chars()
                            .next()
                            .map(|c| c.to_uppercase().to_string())
                            .unwrap_or_default();
                        let (afkortingen, betekenis) = match &sp.page.meta.details {
                            crate::content::Details::Begrip(b) => {
                                (b.afkortingen.clone(), b.betekenis.clone())
                            }
                            _ => (Vec::new(), String::new()),
                        };
                        let entry = json!({
                            "titel": sp.page.meta.titel,
                            "url": sp.page.url,
                            "afkortingen": afkortingen,
                            "betekenis": betekenis,
                        });
                        match letters.last_mut() {
                            Some((l, list)) if *l == letter => list.push(entry),
                            _ => letters.push((letter, vec![entry])),
                        }
                    }
                    let mut sorted: Vec<(String, Vec<Value>)> = letters;
                    sorted.sort_by(|a, b| a.0.cmp(&b.0));
                    context::merge(
                        &mut page,
                        json!({
                            "letters": sorted.into_iter().map(|(l, b)| json!({ "letter": l, "begrippen": b })).collect::<Vec<_>>(),
                        }),
                    );
                    "begrippen.html"
                }
                Kind::Contact => {
                    let mut regions: Vec<(String, Vec<Value>)> = Vec::new();
                    let mut sheets: Vec<_> = items().collect();
                    sheets.sort_by_cached_key(|sp| {
                        (
                            crate::text::sort_key(sp.page.meta.regio.as_deref().unwrap_or("")),
                            crate::text::sort_key(&sp.page.meta.titel),
                        )
                    });
                    for sp in sheets {
                        let region = sp.page.meta.regio.clone().unwrap_or_default();
                        match regions.last_mut() {
                            Some((r, cards)) if *r == region => cards.push(values.card(sp)),
                            _ => regions.push((region, vec![values.card(sp)])),
                        }
                    }
                    context::merge(
                        &mut page,
                        json!({
                            "regios": regions.into_iter().map(|(naam, kaarten)| json!({ "naam": naam, "kaarten": kaarten })).collect::<Vec<_>>(),
                        }),
                    );
                    "contacten.html"
                }
                _ => "section.html",
            };
            let (url, list) = paginate(&section.url, &section.pages, n, site.config.per_pagina);
            if !is_grouped(section) {
                context::merge(&mut page, list.value(values));
                page["url"] = Value::String(url.clone());
            }
            (
                url,
                template.to_string(),
                page,
                vec![home],
                Some(section.folder.as_str()),
            )
        }
        Job::Taxonomy(t) => {
            let taxonomy = &site.taxonomies[t];
            let page = json!({
                "titel": taxonomy_title(labels, taxonomy.name),
                "url": taxonomy.index_url(),
                "kind": "taxonomie",
                "taxonomie": taxonomy.name,
                "samenvatting": "",
                "termen": taxonomy.terms.iter().map(|term| json!({
                    "naam": term_label(values, taxonomy.name, &term.value),
                    "url": term.url,
                    "aantal": term.pages.len(),
                })).collect::<Vec<_>>(),
            });
            (
                taxonomy.index_url(),
                "taxonomy.html".into(),
                page,
                vec![home],
                None,
            )
        }
        Job::Term(t, i, n) => {
            let taxonomy = &site.taxonomies[t];
            let term = &taxonomy.terms[i];
            let (url, list) = paginate(&term.url, &term.pages, n, site.config.per_pagina);
            let mut page = json!({
                "titel": term_label(values, taxonomy.name, &term.value),
                "url": term.url,
                "kind": "taxonomieterm",
                "taxonomie": taxonomy.name,
                "taxonomie_titel": taxonomy_title(labels, taxonomy.name),
                "samenvatting": "",
            });
            context::merge(&mut page, list.value(values));
            page["url"] = Value::String(url.clone());
            let crumbs = vec![
                home,
                json!({ "titel": taxonomy_title(labels, taxonomy.name), "url": taxonomy.index_url() }),
            ];
            (url, "taxonomy_term.html".into(), page, crumbs, None)
        }
        Job::Home => {
            let intro = site.intro("");
            let page = json!({
                "titel": intro.map(|p| p.page.meta.titel.clone()).unwrap_or_else(|| site.config.titel.clone()),
                "url": "index.html",
                "kind": "home",
                "samenvatting": intro.and_then(|p| p.page.meta.samenvatting.clone()).unwrap_or_else(|| site.config.ondertitel.clone()),
            });
            (
                "index.html".into(),
                "home.html".into(),
                page,
                Vec::new(),
                None,
            )
        }
        Job::NotFound => {
            let page = json!({ "titel": labels.niet_gevonden, "url": "404.html", "kind": "404", "samenvatting": "" });
            ("404.html".into(), "404.html".into(), page, Vec::new(), None)
        }
        Job::Search => {
            let title = theme.strings["zoeken_titel"].as_str().unwrap_or("Zoeken");
            let page =
                json!({ "titel": title, "url": SEARCH_PAGE, "kind": "zoeken", "samenvatting": "" });
            (
                SEARCH_PAGE.into(),
                SEARCH_TEMPLATE.into(),
                page,
                vec![home],
                None,
            )
        }
        Job::Print => (
            print_page::PAGE.into(),
            print_page::TEMPLATE.into(),
            print_page::page_value(values, theme, base, sources)?,
            vec![home],
            None,
        ),
    };

    let root = match job {
        // A 404 page is served at any depth: its links start from the site's path.
        Job::NotFound => site.config.base_path(),
        _ => root_of(&url),
    };
    let canonical = match (site.edition, site.config.base().as_str()) {
        (Edition::Public, base) if !base.is_empty() && !matches!(job, Job::NotFound) => {
            format!("{base}{url}")
        }
        _ => String::new(),
    };
    // Built as one owned object and moved into tera: `Context::insert` would copy every value once more.
    let mut values = base.clone();
    values.insert("root".into(), Value::String(root));
    values.insert("nav".into(), Value::Array(nav(site, active, &url)));
    values.insert("canonical".into(), Value::String(canonical));
    values.insert("breadcrumbs".into(), Value::Array(breadcrumbs));
    if let Job::Print = job {
        // Every page once more: search engines should find the pages themselves.
        values.insert("noindex".into(), Value::Bool(true));
    }
    if let Job::Home = job {
        values.insert("home".into(), home_values(values_of_site));
    }
    if let Job::Search = job {
        values.insert("zoeken".into(), search_filters(site, labels));
    }
    values.insert("page".into(), page);
    let context = tera::Context::from_value(Value::Object(values))
        .map_err(|e| Diagnostic::error(format!("internal error: {e}")))?;
    let cannot_write = |e: std::io::Error| crate::output::write_failure(&url, &e);
    if let Job::Print = job {
        // The whole handbook is as large as all pages together: written as it is made, not held in memory.
        let mut out = staging.create(&url).map_err(cannot_write)?;
        theme.render_to(&template, &context, sources, &mut out)?;
        return std::io::Write::flush(&mut out).map_err(cannot_write);
    }
    let html = theme.render(&template, &context, sources)?;
    staging.write(&url, html.into_bytes()).map_err(cannot_write)
}

/// The page of the site's own search, and its template.
const SEARCH_PAGE: &str = "zoeken.html";
const SEARCH_TEMPLATE: &str = "zoeken.html";

/// What the search page offers to filter on: the content types, onderwijstypes and themes the site has, each
/// with the value the search engine knows it by (`waarde`), its Dutch name and how many pages have it.
fn search_filters(site: &Site, labels: &crate::render::theme::Labels) -> Value {
    let types: Vec<Value> = Kind::ALL
        .into_iter()
        .filter_map(|kind| {
            let count = site.pages_of_kind(kind).count();
            (count > 0).then(|| {
                json!({
                    "waarde": kind.name(),
                    "naam": labels.types.get(kind.name()).cloned().unwrap_or_else(|| kind.name().to_string()),
                    "aantal": count,
                })
            })
        })
        .collect();
    let terms = |name: &str,
                 label: &dyn Fn(&str) -> String,
                 value: &dyn Fn(&str) -> String|
     -> Vec<Value> {
        site.taxonomies
            .iter()
            .filter(|t| t.name == name)
            .flat_map(|t| &t.terms)
            .map(|term| json!({ "waarde": value(&term.value), "naam": label(&term.value), "aantal": term.pages.len() }))
            .collect()
    };
    json!({
        "types": types,
        "onderwijstypes": terms(
            "onderwijstype",
            &|code| labels.onderwijstypes.get(code).cloned().unwrap_or_else(|| code.to_string()),
            &|code| code.to_lowercase(),
        ),
        "themas": terms("thema", &|name| name.to_string(), &crate::text::slugify),
    })
}

fn nav(site: &Site, active: Option<&str>, url: &str) -> Vec<Value> {
    let sections = site.sections.iter().map(
        |s| json!({ "titel": s.title, "url": s.url, "actief": active == Some(s.folder.as_str()) }),
    );
    let pages = site.root_pages.iter().filter_map(|k| site.page(k)).map(
        |p| json!({ "titel": p.page.meta.titel, "url": p.page.url, "actief": p.page.url == url }),
    );
    sections.chain(pages).collect()
}

fn taxonomy_title(labels: &theme::Labels, name: &str) -> String {
    labels
        .taxonomieen
        .get(name)
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

fn term_label(values: &Values<'_>, taxonomy: &str, value: &str) -> String {
    if taxonomy == "onderwijstype" {
        values.onderwijstype_label(value)
    } else {
        value.to_string()
    }
}

fn home_values(values: &Values<'_>) -> Value {
    let site = values.site;
    let mut newest: Vec<_> = site.pages_of_kind(Kind::Praktijkvoorbeeld).collect();
    newest.sort_by_cached_key(|p| {
        (
            std::cmp::Reverse(p.page.meta.datum),
            crate::text::sort_key(&p.page.meta.titel),
        )
    });
    let counts = |name: &str| -> Vec<Value> {
        site.taxonomies
            .iter()
            .find(|t| t.name == name)
            .map(|t| {
                t.terms
                    .iter()
                    .map(|term| json!({ "naam": term_label(values, name, &term.value), "url": term.url, "aantal": term.pages.len() }))
                    .collect()
            })
            .unwrap_or_default()
    };
    let routes: Vec<Value> = site
        .sections
        .iter()
        .flat_map(|s| s.pages.iter())
        .filter_map(|k| site.page(k))
        .filter(|p| p.page.kind == Kind::Leerroute)
        .map(|p| {
            let full = values.full(p);
            let ids: Vec<Value> = full["stappen"]
                .as_array()
                .map(|s| s.iter().map(|x| x["id"].clone()).collect())
                .unwrap_or_default();
            json!({
                "titel": p.page.meta.titel,
                "url": p.page.url,
                "samenvatting": p.page.meta.samenvatting.clone().unwrap_or_default(),
                "route_id": route_id(&p.page),
                "aantal_stappen": ids.len(),
                "stap_ids": ids,
            })
        })
        .collect();
    json!({
        "intro": site.intro("").map(|p| p.rendered.html.as_str()).unwrap_or_default(),
        "leerroutes": routes,
        "nieuwste": newest.into_iter().take(6).map(|p| values.item(p)).collect::<Vec<_>>(),
        "onderwijstypes": counts("onderwijstype"),
        "themas": counts("thema"),
        "secties": site.sections.iter().map(|s| json!({ "titel": s.title, "url": s.url, "aantal": s.pages.len() })).collect::<Vec<_>>(),
    })
}

/// A broken template fails on every page that uses it: report it once, with how many pages it failed on.
fn one_per_template(mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    problems.sort_by(|a, b| {
        (&a.file, &a.span.as_ref().map(|s| s.start), &a.message).cmp(&(
            &b.file,
            &b.span.as_ref().map(|s| s.start),
            &b.message,
        ))
    });
    let mut out: Vec<(Diagnostic, usize)> = Vec::new();
    for problem in problems {
        match out.last_mut() {
            Some((first, count)) if first.file == problem.file && first.span == problem.span => {
                *count += 1
            }
            _ => out.push((problem, 1)),
        }
    }
    out.into_iter()
        .map(|(mut d, count)| {
            if count > 1 {
                d.message
                    .push_str(&format!(" (and on {} more pages)", count - 1));
            }
            d
        })
        .collect()
}

/// Writes the theme's static files, built in or the site's own; the stylesheet gets the code highlighting colours
/// appended, so the site keeps one stylesheet.
pub fn copy_static(theme: &Theme, staging: &dyn Sink) -> Result<(), Diagnostic> {
    for (path, file) in &theme.static_files {
        let relative = format!("static/{path}");
        let cannot = |e: std::io::Error| {
            crate::output::write_failure(&format!("the theme file {}", file.shown), &e)
        };
        if relative == "static/style.css" {
            let css = file.text()?;
            let css = format!(
                "{css}\n/* Code highlighting (generated) */\n{}",
                highlight::stylesheet()
            );
            staging.write(&relative, css.into_bytes()).map_err(cannot)?;
            continue;
        }
        match &file.origin {
            theme::Origin::BuiltIn(bytes) => staging.write(&relative, bytes.to_vec()),
            theme::Origin::OnDisk(path) => staging.copy(&relative, path),
        }
        .map_err(cannot)?;
    }
    Ok(())
}
