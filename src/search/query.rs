//! Queries against a site's index: the reader's words analysed exactly as the pages were, every word required,
//! title and headings weighing more than body text, one typo forgiven in words of five letters or more, filters
//! on content type, onderwijstype and thema, and a snippet with the matched words marked.

use std::collections::BTreeSet;
use std::path::Path;

use tantivy::schema::{Field, Value};
use tantivy::{Index, Searcher, TantivyDocument};

use super::analyzer::Analyzer;
use super::index::{schema, DutchTokenizer, Fields, TOKENIZER};
use super::score::{self, docs_with, Ords, Posting};
use crate::text::{escape_html, slugify};

#[derive(Debug, Default, Clone)]
pub struct Filters {
    pub kind: Option<String>,
    pub onderwijstype: Option<String>,
    pub thema: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    /// The content path under `content/`, without `.md`.
    pub path: String,
    pub title: String,
    /// The page, from the site root.
    pub url: String,
    pub score: f32,
    /// An excerpt with the matched words in `<mark>`, HTML-escaped.
    pub snippet: String,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug)]
pub enum SearchError {
    NoIndex(String),
    OnlyStopWords,
    Empty,
    Index(String),
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SearchError::NoIndex(dir) => write!(f, "there is no search index at {dir}; build the site first with `kennisbank build`"),
            SearchError::OnlyStopWords => write!(f, "the query holds only common words (de, het, en, …); add a word that says what you are looking for"),
            SearchError::Empty => write!(f, "the query is empty; type the words you are looking for"),
            SearchError::Index(e) => write!(f, "the search index cannot be read ({e}); build the site again"),
        }
    }
}

pub fn search(
    dir: &Path,
    text: &str,
    filters: &Filters,
    limit: usize,
) -> Result<Vec<Hit>, SearchError> {
    if !dir.join("meta.json").is_file() {
        return Err(SearchError::NoIndex(dir.display().to_string()));
    }
    let index = Index::open_in_dir(dir).map_err(|e| SearchError::Index(e.to_string()))?;
    index
        .tokenizers()
        .register(TOKENIZER, DutchTokenizer::new(None));
    let reader = index
        .reader()
        .map_err(|e| SearchError::Index(e.to_string()))?;
    let searcher = reader.searcher();
    let (_, fields) = schema();
    let analyzer = Analyzer::new();

    if text.trim().is_empty() {
        return Err(SearchError::Empty);
    }
    let tokens = analyzer.analyze(text, None);
    if tokens.is_empty() {
        return Err(SearchError::OnlyStopWords);
    }
    let words = score::words(&tokens);
    let ords = Ords::read(&searcher).map_err(|e| SearchError::Index(e.to_string()))?;
    let mut source = IndexTerms::new(&searcher, fields, &ords);
    let mut terms = BTreeSet::new();
    let mut ranked = score::rank(&mut source, &words, &mut terms);
    for (field, value) in [
        (fields.kind, filters.kind.clone()),
        (
            fields.onderwijstype,
            filters.onderwijstype.as_ref().map(|o| o.to_lowercase()),
        ),
        (fields.thema, filters.thema.as_deref().map(slugify)),
    ] {
        if let Some(value) = value {
            let allowed = docs_with(&searcher, &ords, field, &value)
                .map_err(|e| SearchError::Index(e.to_string()))?;
            ranked.retain(|(doc, _)| allowed.contains(doc));
        }
    }
    ranked.truncate(limit.max(1));
    let addresses: std::collections::HashMap<u32, tantivy::DocAddress> =
        ords.addresses().into_iter().collect();
    let mut hits = Vec::new();
    for (ord, score) in ranked {
        let Some(&address) = addresses.get(&ord) else {
            continue;
        };
        let doc: TantivyDocument = searcher
            .doc(address)
            .map_err(|e| SearchError::Index(e.to_string()))?;
        let get = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let body = get(fields.body);
        let summary = get(fields.summary);
        let snippet =
            snippet(&analyzer, &body, &terms).or_else(|| snippet(&analyzer, &summary, &terms));
        hits.push(Hit {
            path: get(fields.path),
            title: get(fields.title),
            url: get(fields.url),
            score,
            snippet: snippet.unwrap_or_else(|| escape_html(&excerpt(&summary, 0, 200))),
            kind: get(fields.kind),
        });
    }
    Ok(hits)
}

/// The tantivy index as a source of terms for [`score::rank`].
struct IndexTerms<'a> {
    searcher: &'a Searcher,
    fields: Fields,
    ords: &'a Ords,
    /// Every term of the text fields, filled the first time a typo needs it.
    all: Option<BTreeSet<String>>,
}

impl<'a> IndexTerms<'a> {
    fn new(searcher: &'a Searcher, fields: Fields, ords: &'a Ords) -> Self {
        IndexTerms {
            searcher,
            fields,
            ords,
            all: None,
        }
    }
}

impl score::Terms for IndexTerms<'_> {
    fn postings(&mut self, term: &str) -> Option<Vec<Posting>> {
        let postings = score::postings(self.searcher, &self.fields, self.ords, term).ok()?;
        (!postings.is_empty()).then_some(postings)
    }

    fn terms_of_length(&mut self, len: usize) -> Vec<String> {
        let all = self
            .all
            .get_or_insert_with(|| all_terms(self.searcher, &self.fields).unwrap_or_default());
        all.iter().filter(|t| t.len() == len).cloned().collect()
    }
}

/// Every term of the text fields of the index.
pub fn all_terms(searcher: &Searcher, fields: &Fields) -> tantivy::Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for field in score::text_fields(fields) {
        out.append(&mut terms_of_field(searcher, field)?);
    }
    Ok(out)
}

/// Every term of one field of the index, sorted.
pub fn terms_of_field(searcher: &Searcher, field: Field) -> tantivy::Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            if let Ok(term) = std::str::from_utf8(stream.key()) {
                out.insert(term.to_string());
            }
        }
    }
    Ok(out)
}

/// About 200 characters of `text` around the densest run of matched words, HTML-escaped, the words in `<mark>`.
fn snippet(analyzer: &Analyzer, text: &str, terms: &BTreeSet<String>) -> Option<String> {
    let matches: Vec<(usize, usize)> = analyzer
        .analyze(text, None)
        .into_iter()
        .filter(|t| terms.contains(&t.term))
        .map(|t| (t.from, t.to))
        .collect();
    let first = *matches.first()?;
    // The window that starts at the match with most other matches within 200 bytes.
    let start = matches
        .iter()
        .map(|&(from, _)| {
            (
                matches
                    .iter()
                    .filter(|&&(f, _)| f >= from && f < from + 200)
                    .count(),
                std::cmp::Reverse(from),
            )
        })
        .max()
        .map_or(first.0, |(_, std::cmp::Reverse(from))| from);
    // Start and end between words.
    let mut begin = floor_boundary(text, start.saturating_sub(60));
    if begin > 0 {
        begin = text[begin..start]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(start, |(i, c)| begin + i + c.len_utf8());
    }
    let mut end = floor_boundary(text, (begin + 220).min(text.len()));
    if end < text.len() {
        if let Some(space) = text[start..end].rfind(char::is_whitespace) {
            end = start + space;
        }
    }
    let mut out = String::new();
    if begin > 0 {
        out.push('…');
    }
    let mut last = begin;
    let mut marked: Vec<&(usize, usize)> = matches
        .iter()
        .filter(|(f, t)| *f >= begin && *t <= end)
        .collect();
    marked.dedup();
    for &&(from, to) in &marked {
        if from < last {
            continue;
        }
        out.push_str(&escape_html(&text[last..from]));
        out.push_str("<mark>");
        out.push_str(&escape_html(&text[from..to]));
        out.push_str("</mark>");
        last = to;
    }
    out.push_str(&escape_html(&text[last..end]));
    if end < text.len() {
        out.push('…');
    }
    Some(out.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn excerpt(text: &str, from: usize, len: usize) -> String {
    let end = floor_boundary(text, (from + len).min(text.len()));
    text[floor_boundary(text, from)..end].to_string()
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
