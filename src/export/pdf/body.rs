//! A page's Markdown body as a tree for the print template: blocks and inlines as JSON values, links resolved to
//! places in the book (or to the published website), images checked and collected, quotes and dashes made
//! typographic. Nothing here knows Typst's syntax: the template reads the tree as data, so no text is escaped.
//!
//! A node is a string (text) or an object with a type `t`: `p`, `h` (with a level `l` relative to the page's
//! title and a `label`), `list` (with `start` when numbered) of `item`s (with `check` for tasks), `quote`,
//! `codeblock`, `table` (`align`, `w` for column weights, `head`, `rows`), `figure`, `hr`; inline `em`,
//! `strong`, `del`, `sup`, `sub`, `code`, `br`, `img`, `fn` (a footnote's content), `link` (`url`) and `ref`
//! (`to`, a label in the book).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use serde_json::{json, Value};
use typst::foundations::{Bytes, Smart};
use typst::visualize::{
    ExchangeFormat, ImageFormat, RasterFormat, RasterImage, SvgImage, VectorFormat,
};

use crate::content::Page;
use crate::diagnostic::Diagnostic;
use crate::markdown::{classify, normalise, page_file, Destination, HeadingIds};
use crate::site::Site;

/// Where the book sends a reader who follows a link.
pub struct Links<'a> {
    pub site: &'a Site,
    /// Keys of the pages the book prints.
    pub in_book: &'a BTreeSet<String>,
    /// Section folders the book prints as chapters (a link to a section's list goes to its chapter).
    pub chapters: &'a BTreeSet<String>,
    /// The published site's base URL with its trailing slash, or empty when none is configured.
    pub base: &'a str,
}

/// A link's destination in the book.
pub enum Place {
    /// A label in the book: the reader gets a clickable reference with a page number.
    Label(String),
    /// The page on the published website, for pages the book leaves out.
    Url(String),
    /// Nowhere: the link's text is printed as plain text.
    Nowhere,
}

/// The label of a page in the book; a heading's label adds `#` and its id.
pub fn page_label(key: &str) -> String {
    format!("p:{key}")
}

/// The label of a chapter made from a section folder.
pub fn chapter_label(folder: &str) -> String {
    format!("s:{folder}")
}

impl Links<'_> {
    pub fn page(&self, key: &str, fragment: Option<&str>) -> Place {
        if self.in_book.contains(key) {
            return Place::Label(match fragment {
                Some(f) => format!("{}#{f}", page_label(key)),
                None => page_label(key),
            });
        }
        let folder = key.strip_suffix("_index").map(|f| f.trim_end_matches('/'));
        if let Some(folder) = folder.filter(|f| self.chapters.contains(*f)) {
            return Place::Label(chapter_label(folder));
        }
        if self.base.is_empty() {
            return Place::Nowhere;
        }
        let url = match (self.site.page(key), folder) {
            (Some(sp), _) => sp.page.url.clone(),
            (None, Some("")) => "index.html".to_string(),
            (None, Some(folder)) => format!("{folder}/index.html"),
            (None, None) => return Place::Nowhere,
        };
        let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        Place::Url(format!("{}{fragment}", self.published(&url)))
    }

    /// A page's address on the published website, from its URL in the site (`praktijkvoorbeelden/x.html`).
    /// Empty without a base URL.
    pub fn published(&self, url: &str) -> String {
        if self.base.is_empty() {
            return String::new();
        }
        format!("{}{}", self.base, crate::text::encode_path(url))
    }
}

/// A page's body, converted.
#[derive(Default)]
pub struct Body {
    pub nodes: Vec<Value>,
    /// Images by their path in the book (`/content/…`), with their bytes.
    pub images: BTreeMap<String, Vec<u8>>,
    /// The labels of the body's headings.
    pub labels: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

enum Frame {
    Root,
    Paragraph,
    Heading {
        level: u8,
        written_id: Option<String>,
    },
    Quote,
    List {
        start: Option<u64>,
    },
    Item {
        check: Option<bool>,
    },
    Table {
        align: Vec<Alignment>,
        head: Vec<Value>,
        rows: Vec<Value>,
    },
    Row,
    Cell,
    Inline(&'static str),
    Link(Place),
    Image {
        src: Option<String>,
        title: String,
        /// The image's natural width in pixels.
        width: f64,
    },
    Footnote(String),
    Code {
        lang: Option<String>,
    },
    Skip,
}

struct Open {
    frame: Frame,
    children: Vec<Value>,
}

struct Converter<'a> {
    page: &'a Page,
    links: &'a Links<'a>,
    content_dir: &'a Path,
    stack: Vec<Open>,
    ids: HeadingIds,
    footnotes: BTreeMap<String, Vec<Value>>,
    /// The level (relative to the page's title) of the last heading, so that no level is skipped.
    last_level: u8,
    body: Body,
}

/// Converts a page's body for the book.
pub fn convert(page: &Page, links: &Links<'_>, content_dir: &Path) -> Body {
    let options = crate::markdown::options() | Options::ENABLE_SMART_PUNCTUATION;
    let mut c = Converter {
        page,
        links,
        content_dir,
        stack: vec![Open {
            frame: Frame::Root,
            children: Vec::new(),
        }],
        ids: HeadingIds::default(),
        footnotes: BTreeMap::new(),
        last_level: 0,
        body: Body::default(),
    };
    for (event, range) in Parser::new_ext(page.body(), options).into_offset_iter() {
        let span = range.start + page.body_start..range.end + page.body_start;
        c.event(event, span);
    }
    while c.stack.len() > 1 {
        c.close();
    }
    let root = c.stack.pop().map(|o| o.children).unwrap_or_default();
    let mut body = c.body;
    body.nodes = root
        .into_iter()
        .map(|n| with_footnotes(n, &c.footnotes))
        .collect();
    body
}

/// Puts each footnote's content where it is referenced (the template sets it at the foot of that page).
fn with_footnotes(node: Value, footnotes: &BTreeMap<String, Vec<Value>>) -> Value {
    match node {
        Value::Object(mut map) => {
            if map.get("t").and_then(Value::as_str) == Some("fnref") {
                let id = map.get("id").and_then(Value::as_str).unwrap_or_default();
                return match footnotes.get(id) {
                    Some(content) => json!({ "t": "fn", "c": content.iter().cloned()
                        .map(|n| with_footnotes(n, &BTreeMap::new())).collect::<Vec<_>>() }),
                    None => Value::String(format!("[{id}]")),
                };
            }
            for value in map.values_mut() {
                if value.is_array() || value.is_object() {
                    *value = with_footnotes(value.take(), footnotes);
                }
            }
            Value::Object(map)
        }
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|n| with_footnotes(n, footnotes))
                .collect(),
        ),
        other => other,
    }
}

impl Converter<'_> {
    fn open(&mut self, frame: Frame) {
        self.stack.push(Open {
            frame,
            children: Vec::new(),
        });
    }

    fn push(&mut self, node: Value) {
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        if let (Value::String(text), Some(Value::String(last))) = (&node, top.children.last_mut()) {
            last.push_str(text);
            return;
        }
        top.children.push(node);
    }

    fn text(&mut self, text: &str) {
        if matches!(self.stack.last().map(|o| &o.frame), Some(Frame::Skip)) {
            return;
        }
        // A spaced hyphen is a dash in Dutch typography (smart punctuation already made -- and --- dashes).
        self.push(Value::String(text.replace(" - ", " – ")));
    }

    fn event(&mut self, event: Event<'_>, span: Range<usize>) {
        if let Some(Open {
            frame: Frame::Code { .. },
            children,
        }) = self.stack.last_mut()
        {
            match event {
                Event::Text(t) => children.push(Value::String(t.to_string())),
                Event::End(_) => self.close(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(TagEnd::TableHead) => {
                // The head's cells arrive without a row of their own.
                let cells = self.stack.pop().map(|o| o.children).unwrap_or_default();
                if let Some(Open {
                    frame: Frame::Table { head, .. },
                    ..
                }) = self.stack.last_mut()
                {
                    *head = cells;
                }
            }
            Event::End(_) => self.close(),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.push(json!({ "t": "code", "text": t.as_ref() })),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.push(json!({ "t": "br" })),
            Event::Rule => self.push(json!({ "t": "hr" })),
            Event::FootnoteReference(id) => self.push(json!({ "t": "fnref", "id": id.as_ref() })),
            Event::TaskListMarker(done) => {
                if let Some(Open {
                    frame: Frame::Item { check },
                    ..
                }) = self
                    .stack
                    .iter_mut()
                    .rev()
                    .find(|o| matches!(o.frame, Frame::Item { .. }))
                {
                    *check = Some(done);
                }
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                // Raw HTML has no place on paper; a line break is the one tag worth keeping.
                let tag = html.trim().to_ascii_lowercase();
                if tag == "<br>" || tag == "<br/>" || tag == "<br />" {
                    self.push(json!({ "t": "br" }));
                }
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
        }
    }

    fn start(&mut self, tag: Tag<'_>, span: Range<usize>) {
        let frame = match tag {
            Tag::Paragraph => Frame::Paragraph,
            Tag::Heading { level, id, .. } => Frame::Heading {
                level: level as u8,
                written_id: id.map(|i| i.to_string()),
            },
            Tag::BlockQuote(_) => Frame::Quote,
            Tag::CodeBlock(kind) => Frame::Code {
                lang: match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split([' ', ',', '{'])
                        .next()
                        .filter(|l| !l.is_empty())
                        .map(str::to_string),
                    CodeBlockKind::Indented => None,
                },
            },
            Tag::List(start) => Frame::List { start },
            Tag::Item => Frame::Item { check: None },
            Tag::FootnoteDefinition(id) => Frame::Footnote(id.to_string()),
            Tag::Table(align) => Frame::Table {
                align,
                head: Vec::new(),
                rows: Vec::new(),
            },
            Tag::TableHead | Tag::TableRow => Frame::Row,
            Tag::TableCell => Frame::Cell,
            Tag::Emphasis => Frame::Inline("em"),
            Tag::Strong => Frame::Inline("strong"),
            Tag::Strikethrough => Frame::Inline("del"),
            Tag::Superscript => Frame::Inline("sup"),
            Tag::Subscript => Frame::Inline("sub"),
            Tag::Link { dest_url, .. } => Frame::Link(self.link(&dest_url)),
            Tag::Image {
                dest_url, title, ..
            } => self.image(&dest_url, title.to_string(), span),
            Tag::HtmlBlock
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => Frame::Skip,
        };
        self.open(frame);
    }

    fn close(&mut self) {
        let Some(Open { frame, children }) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Root | Frame::Skip => {}
            Frame::Paragraph => {
                let visible: Vec<&Value> = children
                    .iter()
                    .filter(|n| n.as_str().is_none_or(|s| !s.trim().is_empty()))
                    .collect();
                match visible.as_slice() {
                    [image] if image.get("t").and_then(Value::as_str) == Some("img") => {
                        let mut figure = (*image).clone();
                        figure["t"] = json!("figure");
                        self.push(figure);
                    }
                    _ => self.push(json!({ "t": "p", "c": children })),
                }
            }
            Frame::Heading { level, written_id } => {
                let title = plain(&children);
                let id = self.ids.next(written_id.as_deref(), &title);
                let label = format!("{}#{id}", page_label(&self.page.key));
                self.body.labels.push(label.clone());
                // `##` is the first level under the page's title; a skipped level (a `####` under a `##`) is
                // closed up, since a tagged PDF's outline must not skip one.
                let level = level.saturating_sub(1).clamp(1, self.last_level + 1);
                self.last_level = level;
                self.push(json!({
                    "t": "h",
                    "l": level,
                    "c": children,
                    "label": label,
                }));
            }
            Frame::Quote => self.push(json!({ "t": "quote", "c": children })),
            Frame::Code { lang } => {
                let text: String = children.iter().filter_map(Value::as_str).collect();
                self.push(json!({ "t": "codeblock", "lang": lang, "text": text.trim_end() }));
            }
            Frame::List { start } => {
                self.push(json!({ "t": "list", "start": start, "c": children }))
            }
            Frame::Item { check } => {
                self.push(json!({ "t": "item", "check": check, "c": children }))
            }
            Frame::Footnote(id) => {
                self.footnotes.insert(id, children);
            }
            Frame::Table {
                align,
                head,
                mut rows,
            } => {
                // Every row gets exactly one cell per column, as the template's grid expects.
                for row in &mut rows {
                    if let Value::Array(cells) = row {
                        cells.resize(align.len(), Value::Array(Vec::new()));
                    }
                }
                let align: Vec<&str> = align
                    .iter()
                    .map(|a| match a {
                        Alignment::Left | Alignment::None => "left",
                        Alignment::Center => "center",
                        Alignment::Right => "right",
                    })
                    .collect();
                let weights = column_weights(align.len(), &head, &rows);
                self.push(json!({ "t": "table", "align": align, "w": weights, "head": head, "rows": rows }));
            }
            Frame::Row => {
                if let Some(Open {
                    frame: Frame::Table { rows, .. },
                    ..
                }) = self.stack.last_mut()
                {
                    rows.push(Value::Array(children));
                }
            }
            Frame::Cell => self.push(Value::Array(children)),
            Frame::Inline(t) => self.push(json!({ "t": t, "c": children })),
            Frame::Link(Place::Label(to)) => {
                self.push(json!({ "t": "ref", "to": to, "c": children }))
            }
            Frame::Link(Place::Url(url)) => {
                self.push(json!({ "t": "link", "url": url, "c": children }))
            }
            Frame::Link(Place::Nowhere) => {
                for child in children {
                    self.push(child);
                }
            }
            Frame::Image { src, title, width } => {
                let alt = plain(&children);
                match src {
                    Some(src) => self.push(
                        json!({ "t": "img", "src": src, "alt": alt, "title": title, "px": width }),
                    ),
                    None => self.push(Value::String(alt)),
                }
            }
        }
    }

    fn link(&mut self, dest: &str) -> Place {
        match classify(dest) {
            Destination::External => Place::Url(dest.trim().to_string()),
            Destination::Anchor(fragment) => self.links.page(&self.page.key, Some(&fragment)),
            Destination::Relative { path, fragment } => {
                let Some(normalised) = normalise(self.page.dir(), &path) else {
                    return Place::Nowhere;
                };
                let is_page = path.ends_with(".md") || path.ends_with('/') || path.is_empty();
                if is_page {
                    let file = page_file(&path, normalised);
                    self.links
                        .page(file.trim_end_matches(".md"), fragment.as_deref())
                } else if self.links.base.is_empty() {
                    Place::Nowhere
                } else {
                    // A download beside the pages: it is published at the same path.
                    Place::Url(format!(
                        "{}{}",
                        self.links.base,
                        crate::text::encode_path(&normalised)
                    ))
                }
            }
            Destination::Forbidden(_) | Destination::Absolute => Place::Nowhere,
        }
    }

    /// Reads and checks an image, so that a file the typesetter cannot read is reported here, with its line.
    fn image(&mut self, dest: &str, title: String, span: Range<usize>) -> Frame {
        let nothing = |title| Frame::Image {
            src: None,
            title,
            width: 0.0,
        };
        let Destination::Relative { path, .. } = classify(dest) else {
            return nothing(title);
        };
        let Some(normalised) = normalise(self.page.dir(), &path) else {
            return nothing(title);
        };
        let book_path = format!("/content/{normalised}");
        let file = self.content_dir.join(&normalised);
        let problem = match std::fs::read(&file) {
            Ok(bytes) => match check_image(&bytes) {
                Ok(width) => {
                    self.body.images.insert(book_path.clone(), bytes);
                    return Frame::Image {
                        src: Some(book_path),
                        title,
                        width,
                    };
                }
                Err(why) => format!("the image `{dest}` cannot be printed: {why}"),
            },
            Err(e) => format!("cannot read the image `{dest}` (content/{normalised}): {e}"),
        };
        self.body.diagnostics.push(
            Diagnostic::error(problem)
                .in_file(&self.page.file)
                .at(span)
                .hint("use a PNG, JPEG, GIF, WebP or SVG file that opens in an image viewer, next to the page in content/"),
        );
        nothing(title)
    }
}

/// Decodes an image the way the typesetter will, to find a broken one before typesetting; gives its width.
fn check_image(bytes: &[u8]) -> Result<f64, String> {
    let data = Bytes::new(bytes.to_vec());
    match ImageFormat::detect(bytes) {
        Some(ImageFormat::Raster(RasterFormat::Exchange(format))) => {
            RasterImage::new(data, format, Smart::Auto)
                .map(|image| image.width() as f64)
                .map_err(|e| e.to_string())
        }
        Some(ImageFormat::Vector(VectorFormat::Svg)) => SvgImage::new(data)
            .map(|image| image.width())
            .map_err(|e| format!("{e:?}")),
        _ => Err(format!(
            "it is not a PNG, JPEG, GIF, WebP or SVG image{}",
            if ExchangeFormat::detect(bytes).is_some() {
                ""
            } else {
                " (the file's contents say so, whatever its name)"
            }
        )),
    }
}

/// Makes the straight quotes, apostrophes, dots and spaced hyphens of plain text (front matter, which is no
/// Markdown) typographic, the way the Markdown parser does for bodies: *SMW'ers* → *SMW’ers*, *'s-Hertogenbosch*
/// → *’s-Hertogenbosch*, "x" → “x”, ... → …, a - b → a – b.
pub fn typographic(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let opening =
        |prev: Option<&char>| prev.is_none_or(|p| p.is_whitespace() || "([{–—/".contains(*p));
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|j| &chars[j]);
        match c {
            '"' => out.push(if opening(prev) { '“' } else { '”' }),
            '\'' => {
                let elision = matches!(chars.get(i + 1), Some('s' | 't'))
                    && chars.get(i + 2).is_none_or(|n| *n == ' ' || *n == '-');
                out.push(if opening(prev) && !elision {
                    '‘'
                } else {
                    '’'
                });
            }
            '.' if chars.get(i + 1) == Some(&'.') && chars.get(i + 2) == Some(&'.') => {
                out.push('…');
                i += 2;
            }
            '-' if prev == Some(&' ') && chars.get(i + 1) == Some(&' ') => out.push('–'),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// The text of a list of nodes, without markup.
pub fn plain(nodes: &[Value]) -> String {
    let mut out = String::new();
    fn walk(node: &Value, out: &mut String) {
        match node {
            Value::String(s) => out.push_str(s),
            Value::Array(items) => items.iter().for_each(|n| walk(n, out)),
            Value::Object(map) => {
                if let Some(text) = map.get("text").and_then(Value::as_str) {
                    out.push_str(text);
                }
                if let Some(children) = map.get("c") {
                    walk(children, out);
                }
            }
            _ => {}
        }
    }
    nodes.iter().for_each(|n| walk(n, &mut out));
    out
}

/// Relative column widths from the longest text in each column, so that a short column does not take a third
/// of the page and a long one does not squeeze the others.
fn column_weights(columns: usize, head: &[Value], rows: &[Value]) -> Vec<usize> {
    let mut longest = vec![0usize; columns];
    let rows =
        std::iter::once(head).chain(rows.iter().filter_map(|r| r.as_array().map(Vec::as_slice)));
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            let words = plain(std::slice::from_ref(cell));
            longest[i] = longest[i].max(words.chars().count());
        }
    }
    longest.iter().map(|&n| n.clamp(6, 60)).collect()
}

#[cfg(test)]
mod tests {
    use super::typographic;

    #[test]
    fn quotes_apostrophes_and_dashes_become_typographic() {
        assert_eq!(typographic("SMW'ers en IB'ers"), "SMW’ers en IB’ers");
        assert_eq!(
            typographic("'s-Hertogenbosch en 't Gooi"),
            "’s-Hertogenbosch en ’t Gooi"
        );
        assert_eq!(
            typographic("het \"Doen wat werkt\"-lijstje"),
            "het “Doen wat werkt”-lijstje"
        );
        assert_eq!(typographic("'Samen' zei ze"), "‘Samen’ zei ze");
        assert_eq!(
            typographic("school - gezin ... en verder"),
            "school – gezin … en verder"
        );
        assert_eq!(typographic("vo-team, 16-plussers"), "vo-team, 16-plussers");
    }
}
