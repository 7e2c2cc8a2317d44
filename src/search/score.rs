//! How a query's words become a ranking, defined once for `kennisbank search` and for the site's own search
//! (`zoek.js`), which repeats these steps on the scores the build exports.
//!
//! - A **term's score** in a document is tantivy's BM25 score of that term in each text field, with the field's
//!   boost, added in field order (see [`postings`]). Those numbers depend only on the index, so the build can
//!   export them and the browser only has to look them up.
//! - A term no page has, of at least [`FUZZY_FROM`] letters, matches the terms one edit away (a substitution,
//!   an insertion, a deletion or two neighbours swapped); a document then scores [`FUZZY_WEIGHT`] times the
//!   best score of those terms in it.
//! - A **word** of the query matches in any of its alternatives: its stemmed form, or (for *vo-team*) the joined
//!   form, or all its parts together. Its score is the sum of the alternatives that match.
//! - **Every word must match**; a document's score is the sum of its words' scores.
//! - Sums are of 32-bit floats, in the order given; equal scores keep page order.

use std::collections::{BTreeSet, HashMap};

use tantivy::query::{EnableScoring, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Searcher, Term, TERMINATED};

use super::analyzer::{Token, TokenKind};
use super::index::Fields;

/// The text fields a query searches, with how much a match in each counts, in the order scores are added.
pub const BOOSTS: [(&str, f32); 6] = [
    ("title", 3.0),
    ("headings", 2.0),
    ("summary", 1.5),
    ("kenmerken", 1.2),
    ("body", 1.0),
    ("synoniemen", 0.7),
];
/// Typos are forgiven in terms of at least this many letters.
pub const FUZZY_FROM: usize = 5;
/// What a match with a typo counts, against a match as typed.
pub const FUZZY_WEIGHT: f32 = 0.8;
/// A query of more words than this is cut off: nobody types them.
pub const MAX_WORDS: usize = 32;

pub fn text_fields(fields: &Fields) -> [Field; 6] {
    [
        fields.title,
        fields.headings,
        fields.summary,
        fields.facts,
        fields.body,
        fields.synonyms,
    ]
}

/// One document's score for one term.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Posting {
    /// The page's place in build order (the index's `ord` field).
    pub doc: u32,
    pub score: f32,
}

/// Each page's place in build order (the index's `ord` field), by segment and document id: read once, used
/// for every term.
pub struct Ords(Vec<Vec<u32>>);

impl Ords {
    pub fn read(searcher: &Searcher) -> tantivy::Result<Ords> {
        let mut segments = Vec::new();
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().u64("ord")?;
            let ords = (0..segment.max_doc())
                .map(|doc| {
                    column.first(doc).map(|ord| ord as u32).ok_or_else(|| {
                        tantivy::TantivyError::InternalError(format!("document {doc} has no ord"))
                    })
                })
                .collect::<tantivy::Result<Vec<u32>>>()?;
            segments.push(ords);
        }
        Ok(Ords(segments))
    }

    pub fn of(&self, segment: usize, doc: DocId) -> u32 {
        self.0[segment][doc as usize]
    }

    /// Where each page is in the index, in page order.
    pub fn addresses(&self) -> Vec<(u32, DocAddress)> {
        let mut out: Vec<(u32, DocAddress)> = self
            .0
            .iter()
            .enumerate()
            .flat_map(|(segment, ords)| {
                ords.iter()
                    .enumerate()
                    .map(move |(doc, &ord)| (ord, DocAddress::new(segment as u32, doc as DocId)))
            })
            .collect();
        out.sort_by_key(|&(ord, _)| ord);
        out
    }
}

/// Every document that has `term` in a text field, in page order, with tantivy's score of the term in it.
pub fn postings(
    searcher: &Searcher,
    fields: &Fields,
    ords: &Ords,
    term: &str,
) -> tantivy::Result<Vec<Posting>> {
    let mut by_doc: HashMap<u32, f32> = HashMap::new();
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    for (field, (_, boost)) in text_fields(fields).into_iter().zip(BOOSTS) {
        let term = Term::from_field_text(field, term);
        if searcher.doc_freq(&term)? == 0 {
            continue;
        }
        let weight = TermQuery::new(term, IndexRecordOption::WithFreqs).weight(scoring)?;
        for (n, segment) in searcher.segment_readers().iter().enumerate() {
            let mut scorer = weight.scorer(segment, boost)?;
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                *by_doc.entry(ords.of(n, doc)).or_insert(0.0) += scorer.score();
                doc = scorer.advance();
            }
        }
    }
    let mut out: Vec<Posting> = by_doc
        .into_iter()
        .map(|(doc, score)| Posting { doc, score })
        .collect();
    out.sort_by_key(|p| p.doc);
    Ok(out)
}

/// The pages (by place in build order) that have `value` in a keyword field (type, onderwijstype, thema).
pub fn docs_with(
    searcher: &Searcher,
    ords: &Ords,
    field: Field,
    value: &str,
) -> tantivy::Result<BTreeSet<u32>> {
    let mut out = BTreeSet::new();
    let term = Term::from_field_text(field, value);
    for (n, segment) in searcher.segment_readers().iter().enumerate() {
        let Some(mut postings) = segment
            .inverted_index(field)?
            .read_postings(&term, IndexRecordOption::Basic)?
        else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            out.insert(ords.of(n, doc));
            doc = postings.advance();
        }
    }
    Ok(out)
}

/// Whether `a` and `b` are one edit apart: one letter changed, added or left out, or two neighbours swapped.
pub fn one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        0 => {
            if prefix == short.len() {
                return false;
            }
            let (sa, la) = (&short[prefix + 1..], &long[prefix + 1..]);
            sa == la
                || (prefix + 1 < short.len()
                    && short[prefix] == long[prefix + 1]
                    && short[prefix + 1] == long[prefix]
                    && short[prefix + 2..] == long[prefix + 2..])
        }
        1 => short[prefix..] == long[prefix + 1..],
        _ => false,
    }
}

/// One word of a query: the terms that stand for it on their own, and the parts that must all match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub whole: Vec<String>,
    pub parts: Vec<String>,
}

/// The words of an analysed query, each with its alternatives, at most [`MAX_WORDS`].
pub fn words(tokens: &[Token]) -> Vec<Word> {
    let mut groups: Vec<(usize, Word)> = Vec::new();
    for token in tokens {
        if groups.last().is_none_or(|(w, _)| *w != token.word) {
            groups.push((
                token.word,
                Word {
                    whole: Vec::new(),
                    parts: Vec::new(),
                },
            ));
        }
        let word = &mut groups.last_mut().expect("pushed above").1;
        match token.kind {
            TokenKind::Part => word.parts.push(token.term.clone()),
            _ => word.whole.push(token.term.clone()),
        }
    }
    groups.into_iter().take(MAX_WORDS).map(|(_, w)| w).collect()
}

/// Where the ranking gets its terms from: the tantivy index on the command line.
pub trait Terms {
    /// The postings of a term, or `None` if no page has it.
    fn postings(&mut self, term: &str) -> Option<Vec<Posting>>;
    /// Every term of the index `len` letters long.
    fn terms_of_length(&mut self, len: usize) -> Vec<String>;
}

/// The documents a term matches, with its score in each (see the module's description of typos). The terms
/// it matched with (itself, or those one edit away) are added to `matched`, for marking them in snippets.
pub fn term_scores(
    source: &mut dyn Terms,
    term: &str,
    matched: &mut BTreeSet<String>,
) -> HashMap<u32, f32> {
    if let Some(postings) = source.postings(term) {
        matched.insert(term.to_string());
        return postings.into_iter().map(|p| (p.doc, p.score)).collect();
    }
    let len = term.len();
    if len < FUZZY_FROM {
        return HashMap::new();
    }
    let mut best: HashMap<u32, f32> = HashMap::new();
    let candidates: BTreeSet<String> = (len - 1..=len + 1)
        .flat_map(|n| source.terms_of_length(n))
        .filter(|t| one_edit(term, t))
        .collect();
    for candidate in candidates {
        let postings = source.postings(&candidate).unwrap_or_default();
        if !postings.is_empty() {
            matched.insert(candidate);
        }
        for p in postings {
            let score = best.entry(p.doc).or_insert(p.score);
            *score = score.max(p.score);
        }
    }
    best.into_iter()
        .map(|(doc, score)| (doc, score * FUZZY_WEIGHT))
        .collect()
}

/// The documents that match every word, with their scores, best first; equal scores in page order. The terms
/// that matched are added to `matched`.
pub fn rank(
    source: &mut dyn Terms,
    words: &[Word],
    matched: &mut BTreeSet<String>,
) -> Vec<(u32, f32)> {
    let mut total: Option<HashMap<u32, f32>> = None;
    for word in words {
        let mut alternatives: Vec<Vec<&String>> = word.whole.iter().map(|t| vec![t]).collect();
        if !word.parts.is_empty() {
            alternatives.push(word.parts.iter().collect());
        }
        let mut word_scores: HashMap<u32, f32> = HashMap::new();
        // Alternatives are added in order, so that every document's sum is made the same way.
        let mut per_alternative: Vec<HashMap<u32, f32>> = Vec::new();
        for terms in alternatives {
            let mut all: Option<HashMap<u32, f32>> = None;
            for term in terms {
                all = Some(both(all, term_scores(source, term, matched)));
            }
            per_alternative.push(all.unwrap_or_default());
        }
        let docs: BTreeSet<u32> = per_alternative
            .iter()
            .flat_map(|m| m.keys().copied())
            .collect();
        for doc in docs {
            let mut score = 0.0f32;
            for alternative in &per_alternative {
                if let Some(s) = alternative.get(&doc) {
                    score += s;
                }
            }
            word_scores.insert(doc, score);
        }
        total = Some(both(total, word_scores));
    }
    let mut ranked: Vec<(u32, f32)> = total.unwrap_or_default().into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

/// The documents in both, their scores added (`so_far`'s first); `None` is the start of a chain.
fn both(so_far: Option<HashMap<u32, f32>>, next: HashMap<u32, f32>) -> HashMap<u32, f32> {
    let Some(mut so_far) = so_far else {
        return next;
    };
    so_far.retain(|doc, score| match next.get(doc) {
        Some(s) => {
            *score += s;
            true
        }
        None => false,
    });
    so_far
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_is_a_substitution_insertion_deletion_or_swap() {
        assert!(one_edit("schoolmaatschapelijk", "schoolmaatschappelijk"));
        assert!(one_edit("gesprek", "gesprak"));
        assert!(!one_edit("gesprek", "gsperek"));
        assert!(one_edit("gesprek", "gesperk"));
        assert!(one_edit("ouder", "ouders"));
        assert!(one_edit("ouders", "ouder"));
        assert!(one_edit("xouder", "ouder"));
        assert!(!one_edit("ouder", "ouder"));
        assert!(!one_edit("ouder", "oudere1"));
        assert!(!one_edit("abcd", "badc"));
    }

    struct Fake(HashMap<String, Vec<Posting>>);

    impl Terms for Fake {
        fn postings(&mut self, term: &str) -> Option<Vec<Posting>> {
            self.0.get(term).cloned()
        }
        fn terms_of_length(&mut self, len: usize) -> Vec<String> {
            self.0.keys().filter(|k| k.len() == len).cloned().collect()
        }
    }

    fn p(doc: u32, score: f32) -> Posting {
        Posting { doc, score }
    }

    #[test]
    fn every_word_must_match_and_scores_add_up() {
        let mut source = Fake(HashMap::from([
            ("school".into(), vec![p(0, 1.0), p(1, 2.0), p(2, 0.5)]),
            ("ouder".into(), vec![p(1, 1.0), p(2, 4.0)]),
        ]));
        let words = vec![
            Word {
                whole: vec!["school".into()],
                parts: vec![],
            },
            Word {
                whole: vec!["ouder".into()],
                parts: vec![],
            },
        ];
        assert_eq!(
            rank(&mut source, &words, &mut BTreeSet::new()),
            vec![(2, 4.5), (1, 3.0)]
        );
    }

    #[test]
    fn an_unknown_long_term_matches_one_edit_away_for_less() {
        let mut source = Fake(HashMap::from([("gesprek".into(), vec![p(3, 9.0)])]));
        let words = vec![Word {
            whole: vec!["gesprak".into()],
            parts: vec![],
        }];
        assert_eq!(
            rank(&mut source, &words, &mut BTreeSet::new()),
            vec![(3, 9.0 * FUZZY_WEIGHT)]
        );
        let short = vec![Word {
            whole: vec!["gesp".into()],
            parts: vec![],
        }];
        assert!(rank(&mut source, &short, &mut BTreeSet::new()).is_empty());
    }

    #[test]
    fn a_hyphenated_word_matches_joined_or_with_all_its_parts() {
        let mut source = Fake(HashMap::from([
            ("voteam".into(), vec![p(0, 2.0)]),
            ("vo".into(), vec![p(1, 1.0), p(2, 1.0)]),
            ("team".into(), vec![p(1, 1.0)]),
        ]));
        let words = vec![Word {
            whole: vec!["voteam".into()],
            parts: vec!["vo".into(), "team".into()],
        }];
        assert_eq!(
            rank(&mut source, &words, &mut BTreeSet::new()),
            vec![(0, 2.0), (1, 2.0)]
        );
    }
}
