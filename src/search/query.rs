//! Queries against a site's index: the reader's words analysed exactly as the pages were, every word required,
//! title and headings weighing more than body text, one typo forgiven in words of five letters or more, filters
//! on content type, onderwijstype and thema, and a snippet with the matched words marked.

use std::collections::BTreeSet;
use std::path::Path;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, Searcher, TantivyDocument, Term};

use super::analyzer::{Analyzer, Token, TokenKind};
use super::index::{schema, DutchTokenizer, Fields, TOKENIZER};
use crate::text::{escape_html, slugify};

/// How much a match in each field counts.
const BOOSTS: [(&str, f32); 6] = [
    ("title", 3.0),
    ("headings", 2.0),
    ("summary", 1.5),
    ("kenmerken", 1.2),
    ("body", 1.0),
    ("synoniemen", 0.7),
];
/// A query of more words than this is cut off: nobody types them, and each costs a clause.
const MAX_WORDS: usize = 32;
/// Typos are forgiven in words of at least this many letters.
const FUZZY_FROM: usize = 5;

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
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut words: Vec<Vec<Token>> = Vec::new();
    for token in tokens {
        match words.last_mut() {
            Some(group) if group[0].word == token.word => group.push(token),
            _ => words.push(vec![token]),
        }
    }
    let mut terms = BTreeSet::new();
    for group in words.iter().take(MAX_WORDS) {
        terms.extend(group.iter().map(|t| t.term.clone()));
        clauses.push((Occur::Must, word_query(&searcher, &fields, group)));
    }
    for (field, value) in [
        (fields.kind, filters.kind.clone()),
        (
            fields.onderwijstype,
            filters.onderwijstype.as_ref().map(|o| o.to_lowercase()),
        ),
        (fields.thema, filters.thema.as_deref().map(slugify)),
    ] {
        if let Some(value) = value {
            let term = Term::from_field_text(field, &value);
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
    }
    let query = BooleanQuery::new(clauses);
    let top = searcher
        .search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())
        .map_err(|e| SearchError::Index(e.to_string()))?;
    let mut hits = Vec::new();
    for (score, address) in top {
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

/// One word of the query: its term in any field; a hyphenated word either joined or with all its parts.
fn word_query(searcher: &Searcher, fields: &Fields, group: &[Token]) -> Box<dyn Query> {
    let whole: Vec<&Token> = group
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Joined))
        .collect();
    let parts: Vec<&Token> = group.iter().filter(|t| t.kind == TokenKind::Part).collect();
    let mut alternatives: Vec<(Occur, Box<dyn Query>)> = whole
        .iter()
        .map(|t| (Occur::Should, term_query(searcher, fields, &t.term)))
        .collect();
    if !parts.is_empty() {
        let all_parts = parts
            .iter()
            .map(|t| (Occur::Must, term_query(searcher, fields, &t.term)))
            .collect();
        alternatives.push((Occur::Should, Box::new(BooleanQuery::new(all_parts))));
    }
    Box::new(BooleanQuery::new(alternatives))
}

/// A term in every text field, weighted by field; a term no page has is matched with one edit if long enough.
fn term_query(searcher: &Searcher, fields: &Fields, term: &str) -> Box<dyn Query> {
    let text_fields = [
        fields.title,
        fields.headings,
        fields.summary,
        fields.facts,
        fields.body,
        fields.synonyms,
    ];
    let known = text_fields.iter().any(|&f| {
        searcher
            .doc_freq(&Term::from_field_text(f, term))
            .unwrap_or(0)
            > 0
    });
    let clauses = text_fields
        .iter()
        .zip(BOOSTS)
        .map(|(&field, (_, boost))| {
            let t = Term::from_field_text(field, term);
            let inner: Box<dyn Query> = if known || term.chars().count() < FUZZY_FROM {
                Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs))
            } else {
                Box::new(FuzzyTermQuery::new(t, 1, true))
            };
            (
                Occur::Should,
                Box::new(BoostQuery::new(inner, boost)) as Box<dyn Query>,
            )
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
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
    let begin = floor_boundary(text, start.saturating_sub(60));
    let end = floor_boundary(text, (begin + 220).min(text.len()));
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
