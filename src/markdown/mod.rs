//! Renders one page's Markdown body to HTML, with everything a page needs from it: Dutch-aware heading ids and
//! anchors, a table of contents, checked and rewritten links, glossary terms explained, highlighted code, and
//! sanitised raw HTML.
//!
//! It knows nothing of the site model: the caller answers "which page is this link to?" through [`LinkResolver`]
//! and provides the [`Glossary`]. Anchors on other pages are checked later, by the caller, from [`Rendered::links`].
//! A body can also be rendered for its place in a document of many pages (an [`Embedding`], for the print view).

pub mod glossary;
pub mod highlight;
pub mod raw_html;
mod sanitize;

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{
    html, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

pub use glossary::{Glossary, Term};

use crate::diagnostic::Diagnostic;
use crate::text::{encode_path, escape_html, slugify};

/// What a relative link to a Markdown file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageTarget {
    /// A published page: its URL from the site root, and its key for backlinks and anchor checks.
    Found { url: String, key: String },
    /// The page exists but is internal, and this is a public build.
    Unpublished,
    /// No such page; maybe a suggestion of what was meant (a content path).
    Missing { suggestion: Option<String> },
}

/// Answers questions about the rest of the site while a page renders.
pub trait LinkResolver: Sync {
    /// `path` is normalised and relative to `content/`, e.g. `praktijkvoorbeelden/x.md` or `werkwijzen/_index.md`.
    fn page(&self, path: &str) -> PageTarget;
    /// Whether a non-Markdown file exists under `content/` at this normalised path.
    fn asset_exists(&self, path: &str) -> bool;
}

/// Everything the renderer needs to know about the page it renders.
pub struct Input<'a> {
    pub body: &'a str,
    /// Where the body starts in the file, so that spans point into the file.
    pub body_offset: usize,
    pub file: &'a str,
    /// The page's folder under `content/` (`praktijkvoorbeelden`), empty at the root.
    pub dir: &'a str,
    pub key: &'a str,
    /// Prefix from the page to the site root (`../`).
    pub root: &'a str,
    pub trusted_html: bool,
    pub glossary: Option<&'a Glossary>,
    pub links: &'a dyn LinkResolver,
    /// Accessible names from the theme's translations.
    pub labels: &'a Labels,
    /// Set when the body is placed in a document of many pages (the website's print view) rather than on a page
    /// of its own; `None` renders the page as the website shows it.
    pub embed: Option<&'a Embedding<'a>>,
}

/// How a body is rendered into a document that holds many pages. Every id the body defines (headings, footnotes)
/// and every `#anchor` link within it gets `id_prefix`, so that ids stay unique in the document; links to pages
/// the document holds go to their place in it; images and links to other pages are written from the document's
/// folder (`Input::root`) instead of the page's own.
pub struct Embedding<'a> {
    pub id_prefix: &'a str,
    /// Added to every heading's level (an `##` becomes an `<h4>` with 2), at most `<h6>`.
    pub heading_offset: u8,
    pub places: &'a dyn Places,
}

/// Where pages are in a document of many pages.
pub trait Places: Sync {
    /// The id in the document of a page (by key), or of one of its headings or footnotes (`fragment`, the id on
    /// the page's own); `None` when the document does not hold the page.
    fn place(&self, key: &str, fragment: Option<&str>) -> Option<String>;
}

/// What the renderer's own markup says to a screen reader, in the site's language.
#[derive(Debug, Clone, Default, Hash)]
pub struct Labels {
    /// The `#` link beside each heading.
    pub anchor: String,
    /// A ticked and an unticked task in a task list.
    pub task_done: String,
    pub task_open: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub niveau: u8,
    pub id: String,
    pub titel: String,
}

/// A heading as written: its level in the Markdown (`##` is 2), its text and where it is, for reviewing the
/// page's outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingUse {
    pub level: u8,
    pub title: String,
    /// Span in the file.
    pub span: Range<usize>,
}

/// An image, written in Markdown or as a raw `<img>`, with its alt text: `None` for a raw `<img>` without an `alt`
/// attribute (`alt=""`, an image marked as decoration, is `Some("")`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageUse {
    pub alt: Option<String>,
    /// Span in the file.
    pub span: Range<usize>,
}

/// A link or image to a web address (`http:` or `https:`), as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebLink {
    pub url: String,
    /// Span in the file.
    pub span: Range<usize>,
}

/// A link from this page to another page, kept for backlinks and anchor checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkUse {
    pub key: String,
    pub fragment: Option<String>,
    /// Span in the file.
    pub span: Range<usize>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// The text a reader reads (no markup, no code blocks), for search.
    pub text: String,
    /// Every heading's text, for search.
    pub headings: Vec<String>,
    /// The glossary terms the text explains (keys of begrip pages), for search.
    pub glossary_terms: Vec<String>,
    pub toc: Vec<TocEntry>,
    /// Every id a link may point at: headings and footnotes, as the page's own names them (without an
    /// [`Embedding`]'s prefix).
    pub anchors: BTreeSet<String>,
    pub links: Vec<LinkUse>,
    /// Files under `content/` this page uses (images, downloads), normalised paths.
    pub assets: Vec<String>,
    /// Every heading in order, with its level as written and its span.
    pub outline: Vec<HeadingUse>,
    /// Every image, Markdown and raw HTML, with its alt text and span.
    pub images: Vec<ImageUse>,
    /// Every link and image to a web address, for checking that it still answers.
    pub web_links: Vec<WebLink>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Ids the theme uses itself; a heading never takes one of them.
const RESERVED_IDS: [&str; 3] = ["inhoud", "navigatie", "zoeken"];

/// Gives each heading of a page its id: the one written after it (`{#id}`), or its text as a slug, made unique
/// on the page. Every renderer uses this, so that a link's `#anchor` finds the same heading on paper as on screen.
#[derive(Debug)]
pub struct HeadingIds {
    taken: BTreeSet<String>,
    /// Per base, the number to try next: every lower one is taken, so a page with thousands of equal headings
    /// does not try them all again for each new one.
    next_number: std::collections::HashMap<String, usize>,
}

impl Default for HeadingIds {
    fn default() -> Self {
        HeadingIds {
            taken: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
            next_number: Default::default(),
        }
    }
}

impl HeadingIds {
    pub fn next(&mut self, written: Option<&str>, title: &str) -> String {
        let base = written.map(str::to_string).unwrap_or_else(|| {
            let slug = slugify(title);
            if slug.is_empty() {
                "kopje".to_string()
            } else {
                slug
            }
        });
        let mut id = base.clone();
        let mut n = self.next_number.get(&base).copied().unwrap_or(2);
        while self.taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.next_number.insert(base, n);
        self.taken.insert(id.clone());
        id
    }
}

pub fn render(input: &Input<'_>) -> Rendered {
    let mut r = Renderer {
        input,
        out: Vec::new(),
        heading: None,
        code: None,
        image: None,
        link_stack: Vec::new(),
        in_table_head: false,
        used_terms: Vec::new(),
        ids: HeadingIds::default(),
        local_anchors: Vec::new(),
        raw_html: false,
        rendered: Rendered::default(),
    };
    for (event, range) in Parser::new_ext(input.body, options()).into_offset_iter() {
        r.event(without_nul(event), range);
    }
    r.finish()
}

/// CommonMark asks that U+0000 be replaced with U+FFFD "for security reasons"; pulldown-cmark passes it on.
fn without_nul(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Text(text) if text.contains('\0') => {
            Event::Text(text.replace('\0', "\u{FFFD}").into())
        }
        Event::Code(text) if text.contains('\0') => {
            Event::Code(text.replace('\0', "\u{FFFD}").into())
        }
        other => other,
    }
}

struct Heading<'a> {
    level: HeadingLevel,
    span: Range<usize>,
    id: Option<String>,
    classes: Vec<String>,
    events: Vec<Event<'a>>,
}

struct Image {
    span: Range<usize>,
    alt: String,
}

/// A link whose end tag has not come yet.
struct OpenLink {
    /// Whether its start tag was kept (an unpublished target drops the link, keeps the text).
    kept: bool,
    /// For a link to a web address: where its start tag is in the current buffer and where its text starts in
    /// `Rendered::text`, to mark a link whose text is its own address (see [`same_address`]).
    external: Option<(usize, usize)>,
}

struct Renderer<'i, 'a> {
    input: &'i Input<'a>,
    out: Vec<Event<'a>>,
    heading: Option<Heading<'a>>,
    code: Option<(Option<String>, String)>,
    image: Option<Image>,
    link_stack: Vec<OpenLink>,
    in_table_head: bool,
    used_terms: Vec<usize>,
    ids: HeadingIds,
    local_anchors: Vec<(String, Range<usize>)>,
    raw_html: bool,
    rendered: Rendered,
}

impl<'a> Renderer<'_, 'a> {
    fn span(&self, range: &Range<usize>) -> Range<usize> {
        range.start + self.input.body_offset..range.end + self.input.body_offset
    }

    fn push(&mut self, event: Event<'a>) {
        self.buffer().push(event);
    }

    /// Where events go now: the open heading's events, or the output.
    fn buffer(&mut self) -> &mut Vec<Event<'a>> {
        match &mut self.heading {
            Some(h) => &mut h.events,
            None => &mut self.out,
        }
    }

    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if let Some(image) = &mut self.image {
            match &event {
                Event::Text(t) | Event::Code(t) => image.alt.push_str(t),
                Event::End(TagEnd::Image) => {
                    let image = self.image.take().expect("image is open");
                    self.rendered.images.push(ImageUse {
                        alt: Some(image.alt.clone()),
                        span: image.span.clone(),
                    });
                    if image.alt.trim().is_empty() {
                        self.rendered.diagnostics.push(
                            Diagnostic::error("an image without alt text")
                                .code("image-alt")
                                .in_file(self.input.file)
                                .at(image.span)
                                .hint("describe the image between the brackets, e.g. ![Schema van de vier fasen](fasen.png); readers with a screen reader depend on it"),
                        );
                    }
                }
                _ => {}
            }
            self.push(event);
            return;
        }
        if let Some((_, code)) = &mut self.code {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (language, code) = self.code.take().expect("code block is open");
                    let html = highlight::code_block(language.as_deref(), &code);
                    self.push(Event::Html(html.into()));
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs: _,
            }) => {
                // Without the line break after it, so that a finding points at the heading's line only.
                let written = self.input.body.get(range.clone()).unwrap_or_default();
                let end = range.start + written.trim_end().len();
                self.heading = Some(Heading {
                    level,
                    span: self.span(&(range.start..end)),
                    id: id.map(|i| i.to_string()),
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    events: Vec::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split([' ', ',', '{'])
                        .next()
                        .filter(|l| !l.is_empty())
                        .map(str::to_string),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some((language, String::new()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let span = self.span(&range);
                let is_web = matches!(classify(&dest_url), Destination::External)
                    && link_type != LinkType::Email;
                self.web_link(&dest_url, &span);
                match self.link(&dest_url, span) {
                    Some(href) => {
                        self.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url: href.into(),
                            title,
                            id,
                        }));
                        let external =
                            is_web.then(|| (self.buffer().len() - 1, self.rendered.text.len()));
                        self.link_stack.push(OpenLink {
                            kept: true,
                            external,
                        });
                    }
                    None => self.link_stack.push(OpenLink {
                        kept: false,
                        external: None,
                    }),
                }
            }
            Event::End(TagEnd::Link) => {
                let open = self.link_stack.pop();
                if let Some((at, text_start)) = open.as_ref().and_then(|o| o.external) {
                    self.mark_address(at, text_start);
                }
                if open.is_none_or(|o| o.kept) {
                    self.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let span = self.span(&range);
                self.web_link(&dest_url, &span);
                let href = self.asset(&dest_url, span.clone()).unwrap_or_default();
                self.image = Some(Image {
                    span,
                    alt: String::new(),
                });
                self.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: href.into(),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::TableHead) => {
                self.in_table_head = true;
                self.push(Event::Start(Tag::TableHead));
            }
            Event::End(TagEnd::TableHead) => {
                self.in_table_head = false;
                self.push(Event::End(TagEnd::TableHead));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.rendered.anchors.insert(label.to_string());
                let label = self.prefixed(label);
                self.push(Event::Start(Tag::FootnoteDefinition(label)));
            }
            Event::FootnoteReference(label) => {
                let label = self.prefixed(label);
                self.push(Event::FootnoteReference(label));
            }
            Event::Text(text) => self.text(text),
            Event::TaskListMarker(done) => {
                // pulldown-cmark's checkbox has no accessible name; give it one.
                let (checked, label) = if done {
                    (" checked", &self.input.labels.task_done)
                } else {
                    ("", &self.input.labels.task_open)
                };
                let html = format!(
                    "<input type=\"checkbox\" disabled{checked} aria-label=\"{}\"> ",
                    escape_html(label)
                );
                self.push(Event::InlineHtml(html.into()));
            }
            Event::Code(code) => {
                self.rendered.text.push_str(&code);
                self.push(Event::Code(code));
            }
            e @ (Event::SoftBreak | Event::HardBreak) => {
                self.rendered.text.push(' ');
                self.push(e);
            }
            e @ Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_),
            ) => {
                self.rendered.text.push('\n');
                self.push(e);
            }
            Event::Start(Tag::HtmlBlock) => {
                // The whole block at once: a tag may run over several of its lines.
                self.raw_images(&range);
                self.push(Event::Start(Tag::HtmlBlock));
            }
            Event::InlineHtml(html) => {
                self.raw_images(&range);
                self.raw_html = true;
                self.push(Event::Html(html));
            }
            Event::Html(html) => {
                self.raw_html = true;
                self.push(Event::Html(html));
            }
            other => self.push(other),
        }
    }

    fn text(&mut self, text: CowStr<'a>) {
        self.rendered.text.push_str(&text);
        let eligible = self.heading.is_none() && self.link_stack.is_empty() && !self.in_table_head;
        if let (true, Some(glossary)) = (eligible, self.input.glossary) {
            let input = self.input;
            let href = |term: &Term| match input.embed.and_then(|e| e.places.place(&term.key, None))
            {
                Some(id) => format!("#{id}"),
                None => format!("{}{}", input.root, encode_path(&term.url)),
            };
            if let Some(html) =
                glossary.mark_with(&text, &mut self.used_terms, self.input.key, &href)
            {
                self.push(Event::InlineHtml(html.into()));
                return;
            }
        }
        self.push(Event::Text(text));
    }

    fn end_heading(&mut self) {
        let Some(heading) = self.heading.take() else {
            return;
        };
        let title: String = heading
            .events
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let id = self.ids.next(heading.id.as_deref(), &title);
        self.rendered.anchors.insert(id.clone());
        self.rendered.text.push('\n');
        self.rendered.headings.push(title.trim().to_string());
        let level = heading.level as u8;
        self.rendered.outline.push(HeadingUse {
            level,
            title: title.trim().to_string(),
            span: heading.span,
        });
        let id = format!("{}{id}", self.id_prefix());
        if level == 2 || level == 3 {
            self.rendered.toc.push(TocEntry {
                niveau: level,
                id: id.clone(),
                titel: title.trim().to_string(),
            });
        }
        let mut inner = String::new();
        html::push_html(&mut inner, heading.events.into_iter());
        let class = if heading.classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", escape_html(&heading.classes.join(" ")))
        };
        let id = escape_html(&id);
        let level = (level + self.input.embed.map_or(0, |e| e.heading_offset)).min(6);
        let html = format!(
            "<h{level} id=\"{id}\"{class}>{inner} <a class=\"anker\" href=\"#{id}\" aria-label=\"{}\">#</a></h{level}>\n",
            escape_html(&self.input.labels.anchor)
        );
        self.out.push(Event::Html(html.into()));
    }

    /// Checks a link and gives the href to write, or `None` to drop the link and keep its text.
    fn link(&mut self, dest: &str, span: Range<usize>) -> Option<String> {
        match classify(dest) {
            Destination::External => Some(dest.to_string()),
            Destination::Forbidden(scheme) => {
                self.rendered.diagnostics.push(
                    Diagnostic::error(format!("a link with the `{scheme}:` scheme is not allowed"))
                        .in_file(self.input.file)
                        .at(span)
                        .hint("link to a page with a relative path (../werkwijzen/x.md) or to a web address starting with https://"),
                );
                None
            }
            Destination::Absolute => {
                self.rendered.diagnostics.push(
                    Diagnostic::error(format!("the link `{dest}` starts with `/`, which breaks when the site is opened from disk or published under a sub-path"))
                        .in_file(self.input.file)
                        .at(span)
                        .hint("write a relative path to the Markdown file, e.g. ../praktijkvoorbeelden/den-bosch-brugfunctie.md"),
                );
                None
            }
            Destination::Anchor(fragment) => {
                let href = format!("#{}{fragment}", self.id_prefix());
                self.local_anchors.push((fragment, span));
                Some(href)
            }
            Destination::Relative { path, fragment } => {
                let is_page = path.ends_with(".md") || path.ends_with('/') || path.is_empty();
                if !is_page {
                    return self.asset(dest, span);
                }
                let Some(normalised) = normalise(self.input.dir, &path) else {
                    self.outside(dest, span);
                    return None;
                };
                let normalised = page_file(&path, normalised);
                match self.input.links.page(&normalised) {
                    PageTarget::Found { url, key } => {
                        let place = self
                            .input
                            .embed
                            .and_then(|e| e.places.place(&key, fragment.as_deref()));
                        let href = match (place, &fragment) {
                            (Some(id), _) => format!("#{id}"),
                            (None, Some(f)) => {
                                format!("{}{}#{f}", self.input.root, encode_path(&url))
                            }
                            (None, None) => format!("{}{}", self.input.root, encode_path(&url)),
                        };
                        self.rendered.links.push(LinkUse {
                            key,
                            fragment,
                            span,
                        });
                        Some(href)
                    }
                    PageTarget::Unpublished => {
                        self.rendered.diagnostics.push(
                            Diagnostic::warning(format!("`{dest}` links to an internal page; in the public edition the link is left out and only its text is shown"))
                                .in_file(self.input.file)
                                .at(span)
                                .hint("make the target page public, or remove the link"),
                        );
                        None
                    }
                    PageTarget::Missing { suggestion } => {
                        let hint = match suggestion {
                            Some(s) => format!("did you mean content/{s}? Links are relative to this file's folder"),
                            None => "check the file name; links are relative to this file's folder, e.g. ../werkwijzen/x.md".to_string(),
                        };
                        self.rendered.diagnostics.push(
                            Diagnostic::error(format!("the link `{dest}` points to a page that does not exist (content/{normalised})"))
                                .in_file(self.input.file)
                                .at(span)
                                .hint(hint),
                        );
                        Some(dest.to_string())
                    }
                }
            }
        }
    }

    /// Checks a link to a file beside the pages (an image, a PDF) and gives its href.
    fn asset(&mut self, dest: &str, span: Range<usize>) -> Option<String> {
        match classify(dest) {
            Destination::External => return Some(dest.to_string()),
            Destination::Relative { path, .. } => {
                let Some(normalised) = normalise(self.input.dir, &path) else {
                    self.outside(dest, span);
                    return None;
                };
                if self.input.links.asset_exists(&normalised) {
                    // Pages are written into the same folders as their sources, so the relative path holds on
                    // the page's own; a document elsewhere reaches the file from the site root.
                    let href = match self.input.embed {
                        Some(_) => format!("{}{}", self.input.root, encode_path(&normalised)),
                        None => encode_path(&path),
                    };
                    self.rendered.assets.push(normalised);
                    return Some(href);
                }
                self.rendered.diagnostics.push(
                    Diagnostic::error(format!("the file `{dest}` does not exist (content/{normalised})"))
                        .in_file(self.input.file)
                        .at(span)
                        .hint("put the file next to the page in content/, or correct the path; paths are relative to this file's folder"),
                );
            }
            _ => {
                return self.link(dest, span);
            }
        }
        None
    }

    /// Records a link or image to a web address.
    fn web_link(&mut self, dest: &str, span: &Range<usize>) {
        let dest = dest.trim();
        let web = ["http://", "https://"].iter().any(|scheme| {
            dest.get(..scheme.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
        });
        if web {
            self.rendered.web_links.push(WebLink {
                url: dest.to_string(),
                span: span.clone(),
            });
        }
    }

    /// Records the `<img>` tags of raw HTML at `range` of the body.
    fn raw_images(&mut self, range: &Range<usize>) {
        let Some(source) = self.input.body.get(range.clone()) else {
            return;
        };
        let offset = range.start + self.input.body_offset;
        for image in raw_html::images(source) {
            self.rendered.images.push(ImageUse {
                alt: image.alt,
                span: image.span.start + offset..image.span.end + offset,
            });
        }
    }

    /// What ids this body defines start with: empty on a page of its own.
    fn id_prefix(&self) -> &'a str {
        self.input.embed.map_or("", |e| e.id_prefix)
    }

    fn prefixed(&self, label: CowStr<'a>) -> CowStr<'a> {
        match self.id_prefix() {
            "" => label,
            prefix => format!("{prefix}{label}").into(),
        }
    }

    /// Gives a link to a web address the class `webadres` when its text is that address, so that a printout
    /// does not repeat the address after it.
    fn mark_address(&mut self, at: usize, text_start: usize) {
        let text = self.rendered.text.get(text_start..).unwrap_or_default();
        let buffer = match &mut self.heading {
            Some(h) => &mut h.events,
            None => &mut self.out,
        };
        let Some(Event::Start(Tag::Link {
            dest_url, title, ..
        })) = buffer.get(at)
        else {
            return;
        };
        if !same_address(text, dest_url) {
            return;
        }
        let mut html = String::from("<a class=\"webadres\" href=\"");
        // Writing to a String cannot fail.
        let _ = pulldown_cmark_escape::escape_href(&mut html, dest_url);
        if !title.is_empty() {
            html.push_str("\" title=\"");
            html.push_str(&escape_html(title));
        }
        html.push_str("\">");
        buffer[at] = Event::InlineHtml(html.into());
    }

    fn outside(&mut self, dest: &str, span: Range<usize>) {
        self.rendered.diagnostics.push(
            Diagnostic::error(format!(
                "the link `{dest}` points outside the content folder"
            ))
            .in_file(self.input.file)
            .at(span)
            .hint("link only to pages and files inside content/"),
        );
    }

    fn finish(mut self) -> Rendered {
        if let Some(heading) = self.heading.take() {
            self.out.extend(heading.events);
        }
        for (fragment, span) in std::mem::take(&mut self.local_anchors) {
            if !self.rendered.anchors.contains(&fragment) {
                let hint = match crate::diagnostic::closest(&fragment, self.rendered.anchors.iter().map(String::as_str)) {
                    Some(c) => format!("did you mean #{c}?"),
                    None => "an anchor is the heading in lower case with hyphens, e.g. ## Wat levert het op? → #wat-levert-het-op".into(),
                };
                self.rendered.diagnostics.push(
                    Diagnostic::error(format!(
                        "the link `#{fragment}` points to a heading that is not on this page"
                    ))
                    .in_file(self.input.file)
                    .at(span)
                    .hint(hint),
                );
            }
        }
        if let Some(glossary) = self.input.glossary {
            self.rendered.glossary_terms = self
                .used_terms
                .iter()
                .filter_map(|&i| glossary.key(i))
                .map(str::to_string)
                .collect();
        }
        let mut out = String::with_capacity(self.input.body.len() * 3 / 2);
        html::push_html(&mut out, self.out.into_iter());
        self.rendered.html = if self.raw_html && !self.input.trusted_html {
            sanitize::clean(&out)
        } else {
            out
        };
        self.rendered
    }
}

/// Whether a link's text is its web address, written with or without `https://`, `www.` or a final `/`.
fn same_address(text: &str, href: &str) -> bool {
    fn bare(address: &str) -> String {
        let address = address.trim();
        let address = ["https://", "http://"]
            .iter()
            .find_map(|scheme| {
                address
                    .get(..scheme.len())
                    .filter(|s| s.eq_ignore_ascii_case(scheme))
                    .map(|_| &address[scheme.len()..])
            })
            .unwrap_or(address);
        let address = address.strip_prefix("www.").unwrap_or(address);
        address.trim_end_matches('/').to_lowercase()
    }
    !text.trim().is_empty() && bare(text) == bare(href)
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Destination {
    External,
    Forbidden(String),
    Absolute,
    Anchor(String),
    Relative {
        path: String,
        fragment: Option<String>,
    },
}

pub(crate) fn classify(dest: &str) -> Destination {
    let dest = dest.trim();
    if let Some(fragment) = dest.strip_prefix('#') {
        return Destination::Anchor(fragment.to_string());
    }
    if let Some(colon) = dest.find(':') {
        let scheme = &dest[..colon];
        let is_scheme = !scheme.is_empty()
            && scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if is_scheme {
            let lower = scheme.to_ascii_lowercase();
            return if ["http", "https", "mailto", "tel"].contains(&lower.as_str()) {
                Destination::External
            } else {
                Destination::Forbidden(lower)
            };
        }
    }
    if dest.starts_with('/') || dest.starts_with('\\') {
        return Destination::Absolute;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (dest, None),
    };
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    Destination::Relative { path, fragment }
}

/// The Markdown file a link to a page names, from its path as written and that path normalised: the file itself
/// (`werkwijzen/x.md`), or a folder's intro (`werkwijzen/` → `werkwijzen/_index.md`, `../` → `_index.md`).
pub(crate) fn page_file(written: &str, normalised: String) -> String {
    if !(written.ends_with('/') || normalised.is_empty() || !normalised.ends_with(".md")) {
        return normalised;
    }
    if normalised.is_empty() {
        "_index.md".to_string()
    } else {
        format!("{}/_index.md", normalised.trim_end_matches('/'))
    }
}

/// Joins a relative path to a folder under `content/`, resolving `.` and `..`; `None` if it leaves `content/`.
pub(crate) fn normalise(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

#[cfg(test)]
mod tests;
