//! `sitemap.xml`, the Atom feed of practice examples (`feed.xml`) and `robots.txt`. Dates come from the content,
//! never from the clock, so two builds of the same input are identical.

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Text};
use chrono::{NaiveDate, TimeZone, Utc};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::content::Kind;
use crate::diagnostic::Diagnostic;
use crate::output::Sink;
use crate::site::{Edition, Site};

pub fn write(site: &Site, staging: &dyn Sink) -> Result<(), Diagnostic> {
    fn io(file: &'static str) -> impl Fn(std::io::Error) -> Diagnostic {
        move |e| Diagnostic::error(format!("cannot write {file}: {e}"))
    }
    let base = site.config.base();
    let robots = match site.edition {
        Edition::Internal => "User-agent: *\nDisallow: /\n".to_string(),
        Edition::Public if !base.is_empty() => {
            format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n")
        }
        Edition::Public => "User-agent: *\nAllow: /\n".to_string(),
    };
    staging
        .write("robots.txt", robots.into_bytes())
        .map_err(io("robots.txt"))?;
    if base.is_empty() {
        // Without a base URL there are no absolute addresses to put in a sitemap or feed.
        return Ok(());
    }
    staging
        .write("sitemap.xml", sitemap(site, &base))
        .map_err(io("sitemap.xml"))?;
    staging
        .write("feed.xml", feed(site, &base).into_bytes())
        .map_err(io("feed.xml"))?;
    Ok(())
}

fn sitemap(site: &Site, base: &str) -> Vec<u8> {
    let mut urls: Vec<(String, Option<NaiveDate>)> = vec![(String::from("index.html"), None)];
    let per_page = site.config.per_pagina;
    for section in &site.sections {
        urls.extend(
            super::lists::section_urls(section, per_page)
                .into_iter()
                .map(|u| (u, None)),
        );
    }
    urls.extend(site.content_pages().map(|p| {
        (
            p.page.url.clone(),
            p.page.meta.bijgewerkt.or(p.page.meta.datum),
        )
    }));
    for taxonomy in &site.taxonomies {
        if !taxonomy.terms.is_empty() {
            urls.push((taxonomy.index_url(), None));
            for term in &taxonomy.terms {
                urls.extend(
                    super::lists::list_page_urls(&term.url, term.pages.len(), per_page)
                        .into_iter()
                        .map(|u| (u, None)),
                );
            }
        }
    }
    urls.sort();
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec cannot fail.
    let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let _ = writer.write_event(Event::Start(
        BytesStart::new("urlset")
            .with_attributes([("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")]),
    ));
    for (url, date) in urls {
        let _ = writer.write_event(Event::Start(BytesStart::new("url")));
        element(
            &mut writer,
            "loc",
            &format!("{base}{}", crate::text::encode_path(&url)),
        );
        if let Some(date) = date {
            element(&mut writer, "lastmod", &date.to_string());
        }
        let _ = writer.write_event(Event::End(BytesEnd::new("url")));
    }
    let _ = writer.write_event(Event::End(BytesEnd::new("urlset")));
    let mut out = writer.into_inner();
    out.push(b'\n');
    out
}

fn element(writer: &mut Writer<Vec<u8>>, name: &str, text: &str) {
    let _ = writer.write_event(Event::Start(BytesStart::new(name)));
    let _ = writer.write_event(Event::Text(BytesText::new(text)));
    let _ = writer.write_event(Event::End(BytesEnd::new(name)));
}

fn feed(site: &Site, base: &str) -> String {
    let mut examples: Vec<_> = site.pages_of_kind(Kind::Praktijkvoorbeeld).collect();
    examples.sort_by_cached_key(|p| {
        (
            std::cmp::Reverse(p.page.meta.bijgewerkt.or(p.page.meta.datum)),
            p.page.key.clone(),
        )
    });
    let stamp = |date: Option<NaiveDate>| -> FixedDateTime {
        let date = date.unwrap_or_default();
        Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).unwrap_or_default())
            .fixed_offset()
    };
    let entries: Vec<Entry> = examples
        .iter()
        .map(|p| {
            let url = format!("{base}{}", crate::text::encode_path(&p.page.url));
            let mut entry = Entry::default();
            entry.set_id(url.clone());
            entry.set_title(Text::plain(p.page.meta.titel.clone()));
            entry.set_updated(stamp(p.page.meta.bijgewerkt.or(p.page.meta.datum)));
            if let Some(datum) = p.page.meta.datum {
                entry.set_published(Some(stamp(Some(datum))));
            }
            entry.set_summary(p.page.meta.samenvatting.clone().map(Text::plain));
            let mut link = Link::default();
            link.set_href(url);
            entry.set_links(vec![link]);
            entry
        })
        .collect();
    let updated = examples
        .iter()
        .filter_map(|p| p.page.meta.bijgewerkt.or(p.page.meta.datum))
        .max();
    let mut feed = Feed::default();
    feed.set_id(format!("{base}feed.xml"));
    feed.set_title(Text::plain(site.config.titel.clone()));
    feed.set_subtitle(Some(Text::plain(site.config.ondertitel.clone())));
    feed.set_lang(Some(site.config.taal.clone()));
    feed.set_updated(stamp(updated));
    let mut home = Link::default();
    home.set_href(format!("{base}index.html"));
    let mut this = Link::default();
    this.set_href(format!("{base}feed.xml"));
    this.set_rel("self");
    feed.set_links(vec![home, this]);
    let mut author = atom_syndication::Person::default();
    author.set_name(if site.config.uitgever.is_empty() {
        site.config.titel.clone()
    } else {
        site.config.uitgever.clone()
    });
    feed.set_authors(vec![author]);
    feed.set_entries(entries);
    format!("{}\n", feed.to_string())
}
