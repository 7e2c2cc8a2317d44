//! The Dutch analyzer: one function that turns text into index terms, used for indexing and for queries alike.
//!
//! What it does, in order:
//! - **Words** are runs of letters and digits; a hyphen or apostrophe between two of them keeps the word together
//!   (*vo-team*, *IB'er*, *’s-Hertogenbosch*, *16-plussers*). Such a word gives its parts (`vo`, `team`) and its
//!   joined form (`voteam`), so it is found typed with the hyphen, with a space, or joined.
//! - **Folding**: lower case, diacritics removed (*geïntegreerde* = *geintegreerde*), curly and straight
//!   apostrophes alike.
//! - **Stop words**: Snowball's Dutch list; they take a position but give no term.
//! - **Stemming**: Snowball's Dutch *Porter* algorithm (`frostem`). Not tantivy's `Language::Dutch`
//!   (Kraaij-Pohlmann), which strips *ge-* and merges words this field keeps apart: *begeleiding* and *beleid*,
//!   *gezin* and *zin*, *gemeente* and *meen* (measured in `shared/notes/search.md`).
//! - **Compound parts**, when indexing with a vocabulary: a closed compound whose two halves are both words of the
//!   corpus also gives its halves (*jeugdverpleegkundige* → `verpleegkund`), so part of a compound finds the whole.
//!
//! It does not know about fields, glossary synonyms or typos: those are the index's and the query's business.

use std::collections::HashSet;

use frostem::{Algorithm, Stemmer};

/// Snowball's Dutch stop words (the list tantivy uses for `Language::Dutch`).
pub const STOP_WORDS: &[&str] = &[
    "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn", "is",
    "was", "op", "aan", "met", "als", "voor", "had", "er", "maar", "om", "hem", "dan", "zou", "of",
    "wat", "mijn", "men", "dit", "zo", "door", "over", "ze", "zich", "bij", "ook", "tot", "je",
    "mij", "uit", "der", "daar", "haar", "naar", "heb", "hoe", "heeft", "hebben", "deze", "u",
    "want", "nog", "zal", "me", "zij", "nu", "ge", "geen", "omdat", "iets", "worden", "toch", "al",
    "waren", "veel", "meer", "doen", "toen", "moet", "ben", "zonder", "kan", "hun", "dus", "alles",
    "onder", "ja", "eens", "hier", "wie", "werd", "altijd", "doch", "wordt", "wezen", "kunnen",
    "ons", "zelf", "tegen", "na", "reeds", "wil", "kon", "niets", "uw", "iemand", "geweest",
    "andere",
];

/// Longer terms are noise (a pasted URL, a long number) and are left out, as tantivy's `RemoveLongFilter` does.
pub const MAX_TERM_BYTES: usize = 40;
/// A longer word gives no terms at all: none of its terms would be short enough to keep, and stemming it and
/// trying every split of it take time growing with the square of its length (a pasted 5 MB line took minutes).
pub const MAX_WORD_BYTES: usize = 4 * MAX_TERM_BYTES;
/// Compounds are split only when both halves are at least this long, and the whole at least twice it.
const MIN_COMPOUND_PART: usize = 4;

const CONNECTORS: [char; 5] = ['-', '\'', '’', '‘', 'ʼ'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word as written.
    Word,
    /// One part of a hyphenated or apostrophe word.
    Part,
    /// A hyphenated or apostrophe word with its parts joined.
    Joined,
    /// A half of a closed compound (indexing only).
    CompoundPart,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    /// Byte range of the word in the text.
    pub from: usize,
    pub to: usize,
    /// Word position; parts and compound halves share their word's position.
    pub position: usize,
    /// Which word of the text the token comes from: the tokens of one word are alternatives of each other.
    pub word: usize,
    pub kind: TokenKind,
}

/// The words of a corpus, for splitting its compounds.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: HashSet<String>,
}

impl Vocabulary {
    /// Every folded word of at least two letters in the texts, stop words excepted. (Compounds are split only
    /// into halves of at least `MIN_COMPOUND_PART` letters; the shorter words, such as *jvk*, are there for
    /// completing what a reader types.)
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        // Fold each distinct word once: a corpus repeats its words.
        let mut seen: HashSet<&str> = HashSet::new();
        for text in texts {
            for (_, _, word) in words_of(text) {
                for part in word.split(CONNECTORS) {
                    seen.insert(part);
                }
            }
        }
        let words = seen
            .into_iter()
            .map(fold)
            .filter(|w| w.len() >= 2 && !is_stop_word(w))
            .collect();
        Vocabulary { words }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The folded words, in no particular order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// The two halves of a closed compound, if both are words of the corpus: `jeugdverpleegkundige` →
    /// (`jeugd`, `verpleegkundige`); a linking *s* or *e(n)* is allowed (`ondersteuningsbehoeften`). The split
    /// with the longest second half wins, since Dutch compounds are headed on the right.
    pub fn split<'w>(&self, word: &'w str) -> Option<(&'w str, &'w str)> {
        if word.len() < 2 * MIN_COMPOUND_PART || !word.is_ascii() {
            return None;
        }
        for i in MIN_COMPOUND_PART..=word.len() - MIN_COMPOUND_PART {
            let (left, right) = word.split_at(i);
            if !self.words.contains(right) {
                continue;
            }
            if self.words.contains(left) {
                return Some((left, right));
            }
            for link in ["s", "en", "e"] {
                if let Some(stem) = left.strip_suffix(link) {
                    if stem.len() >= MIN_COMPOUND_PART && self.words.contains(stem) {
                        return Some((stem, right));
                    }
                }
            }
        }
        None
    }
}

pub struct Analyzer {
    stemmer: Stemmer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

impl Analyzer {
    pub fn new() -> Analyzer {
        Analyzer {
            stemmer: Stemmer::new(Algorithm::DutchPorter),
        }
    }

    /// The stem of one folded word.
    pub fn stem(&self, folded: &str) -> String {
        self.stemmer.stem(folded).into_owned()
    }

    /// The terms of a text. With a vocabulary (when indexing), closed compounds also give their halves.
    pub fn analyze(&self, text: &str, vocabulary: Option<&Vocabulary>) -> Vec<Token> {
        self.analyze_cached(text, vocabulary, &mut WordCache::default())
    }

    /// As `analyze`, remembering the terms of each distinct word: a corpus repeats its words, and folding and
    /// stemming them again is most of the cost of indexing.
    pub fn analyze_cached(
        &self,
        text: &str,
        vocabulary: Option<&Vocabulary>,
        cache: &mut WordCache,
    ) -> Vec<Token> {
        let mut tokens = Vec::new();
        for (word_index, (from, to, word)) in words_of(text).enumerate() {
            if !cache.terms.contains_key(word) {
                let terms = self.word_terms(word, vocabulary);
                cache.terms.insert(word.to_string(), terms);
            }
            for (term, kind) in &cache.terms[word] {
                tokens.push(Token {
                    term: term.clone(),
                    from,
                    to,
                    position: word_index,
                    word: word_index,
                    kind: *kind,
                });
            }
        }
        tokens
    }

    /// The terms of one word.
    fn word_terms(&self, word: &str, vocabulary: Option<&Vocabulary>) -> Vec<(String, TokenKind)> {
        let mut out = Vec::new();
        if word.len() > MAX_WORD_BYTES {
            return out;
        }
        let mut push = |term: String, kind: TokenKind| {
            if !term.is_empty() && term.len() <= MAX_TERM_BYTES {
                out.push((term, kind));
            }
        };
        let parts: Vec<String> = word
            .split(CONNECTORS)
            .map(fold)
            .filter(|p| !p.is_empty())
            .collect();
        match parts.as_slice() {
            [] => {}
            [only] => {
                if !is_stop_word(only) {
                    push(self.stem(only), TokenKind::Word);
                    if let Some((left, right)) = vocabulary.and_then(|v| v.split(only)) {
                        push(self.stem(left), TokenKind::CompoundPart);
                        push(self.stem(right), TokenKind::CompoundPart);
                    }
                }
            }
            many => {
                // Single letters (the s of ’s-Hertogenbosch) and stop words (the er of IB'er) are no use on
                // their own; the joined form keeps them.
                for part in many {
                    if part.len() > 1 && !is_stop_word(part) {
                        push(self.stem(part), TokenKind::Part);
                    }
                }
                push(self.stem(&many.concat()), TokenKind::Joined);
            }
        }
        out
    }
}

/// The terms of words already analysed, for one vocabulary (or none).
#[derive(Debug, Default, Clone)]
pub struct WordCache {
    terms: std::collections::HashMap<String, Vec<(String, TokenKind)>>,
}

pub fn is_stop_word(folded: &str) -> bool {
    STOP_WORDS.contains(&folded)
}

/// Letters that compatibility decomposition leaves alone but a Dutch reader spells in plain letters.
/// The browser's copy of the analyzer (`zoek.js`) holds the same table.
pub const FOLD_EXTRA: &[(char, &str)] = &[
    ('ß', "ss"),
    ('ẞ', "ss"),
    ('æ', "ae"),
    ('Æ', "ae"),
    ('œ', "oe"),
    ('Œ', "oe"),
    ('ø', "o"),
    ('Ø', "o"),
    ('ł', "l"),
    ('Ł', "l"),
    ('đ', "d"),
    ('Đ', "d"),
    ('ð', "d"),
    ('Ð', "d"),
    ('þ', "th"),
    ('Þ', "th"),
    ('ı', "i"),
    ('ħ', "h"),
    ('Ħ', "h"),
];

/// Lower case with diacritics removed: each character's compatibility decomposition (NFKD), kept as far as it
/// is ASCII letters and digits (*geïntegreerde* = *geintegreerde*, *ĳ* = *ij*, *ﬁ* = *fi*), plus `FOLD_EXTRA`.
/// Everything else folds to nothing. Defined so that JavaScript's `normalize('NFKD')` gives the same result.
pub fn fold(word: &str) -> String {
    use unicode_normalization::char::decompose_compatible;
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else if let Some((_, extra)) = FOLD_EXTRA.iter().find(|(from, _)| *from == c) {
            out.push_str(extra);
        } else {
            decompose_compatible(c, |d| {
                if d.is_ascii_alphanumeric() {
                    out.push(d.to_ascii_lowercase());
                }
            });
        }
    }
    out
}

/// The words of a text with their byte ranges: runs of letters and digits, held together by a hyphen or an
/// apostrophe between two of them, or by an apostrophe before a word (*’s*, *'t*).
fn words_of(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    std::iter::from_fn(move || {
        let is_word = |c: char| c.is_alphanumeric() || is_combining(c);
        loop {
            if i >= chars.len() {
                return None;
            }
            let (start, c) = chars[i];
            let leading_apostrophe = CONNECTORS[1..].contains(&c)
                && chars.get(i + 1).is_some_and(|&(_, n)| is_word(n))
                && (i == 0 || !is_word(chars[i - 1].1));
            if is_word(c) || leading_apostrophe {
                let mut j = i + 1;
                while j < chars.len() {
                    let c = chars[j].1;
                    let joins = CONNECTORS.contains(&c)
                        && chars.get(j + 1).is_some_and(|&(_, n)| is_word(n));
                    if is_word(c) || joins {
                        j += 1;
                    } else {
                        break;
                    }
                }
                let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
                i = j;
                return Some((start, end, &text[start..end]));
            }
            i += 1;
        }
    })
}

/// Combining marks belong to the letter before them (NFD text, as macOS writes file contents).
fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        Analyzer::new()
            .analyze(text, None)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    fn same(a: &str, b: &str) -> bool {
        terms(a) == terms(b)
    }

    #[test]
    fn folds_case_diacritics_and_decomposed_letters() {
        assert!(same("Geïntegreerde", "geintegreerde"));
        assert!(same("één", "EEN"));
        assert!(same("reli\u{65}\u{308}f", "reliëf"));
        assert_eq!(terms("Reliëf"), ["relief"]);
    }

    #[test]
    fn stems_inflected_forms_together() {
        assert!(same("gesprekken", "gesprek"));
        assert!(same("ouders", "ouder"));
        assert!(same("leerlingen", "leerling"));
        assert!(
            same("scholen", "school"),
            "{:?} {:?}",
            terms("scholen"),
            terms("school")
        );
    }

    #[test]
    fn keeps_apart_what_kraaij_pohlmann_merges() {
        assert!(!same("begeleiding", "beleid"), "{:?}", terms("begeleiding"));
        assert!(!same("gezin", "zin"));
        assert!(!same("gemeente", "meen"));
        assert!(!same("gezondheid", "zon"));
        assert!(!same("geweld", "wel"));
        assert!(!same("gesprek", "sprek"));
    }

    #[test]
    fn drops_stop_words_but_keeps_positions() {
        let analyzer = Analyzer::new();
        let tokens = analyzer.analyze("de school en het gezin", None);
        let found: Vec<(&str, usize)> = tokens
            .iter()
            .map(|t| (t.term.as_str(), t.position))
            .collect();
        let school = analyzer.stem("school");
        assert_eq!(found, [(school.as_str(), 1), ("gezin", 4)]);
        assert!(terms("de en het van").is_empty());
    }

    #[test]
    fn hyphenated_words_give_parts_and_joined_form() {
        assert_eq!(terms("vo-team"), ["vo", "team", "voteam"]);
        assert_eq!(terms("SMW-XTRA"), ["smw", "xtra", "smwxtra"]);
        assert!(terms("16-plussers").contains(&"16".to_string()));
        // Typed joined or with a space, the terms are found among the word's own.
        assert!(terms("vo-team").contains(&terms("voteam")[0]));
        assert!(terms("vo team")
            .iter()
            .all(|t| terms("vo-team").contains(t)));
    }

    #[test]
    fn apostrophes_straight_or_curly_are_one_word() {
        assert!(same("IB'er", "IB’er"));
        assert!(same("IB'er", "ib-er"));
        assert!(same("’s-Hertogenbosch", "'s-Hertogenbosch"));
        // The joined form and the town's own name are both there; the lone s is not.
        let bosch = terms("’s-Hertogenbosch");
        assert!(bosch.contains(&"hertogenbosch".to_string()), "{bosch:?}");
        assert!(!bosch.contains(&"s".to_string()));
        assert_eq!(terms("SMW’ers"), terms("SMW'ers"));
        // The apostrophe of a plural does not split the word from its neighbours.
        let tokens = Analyzer::new().analyze("de SMW'ers gaan", None);
        let words: Vec<usize> = tokens.iter().map(|t| t.word).collect();
        assert_eq!(
            words.first(),
            Some(&1),
            "SMW'ers is the second word: {tokens:?}"
        );
        assert_eq!(words.last(), Some(&2), "gaan is the third: {tokens:?}");
    }

    #[test]
    fn offsets_point_at_the_word_in_the_text() {
        let text = "Met de jeugdverpleegkundige’s";
        for token in Analyzer::new().analyze(text, None) {
            assert!(text[token.from..token.to].starts_with("jeugdverpleegkundige"));
        }
    }

    #[test]
    fn compounds_split_into_words_of_the_corpus() {
        let vocabulary = Vocabulary::from_texts([
            "de jeugd en de verpleegkundige",
            "leerling begeleiding ondersteuning behoeften school",
        ]);
        let analyzer = Analyzer::new();
        let with = |w: &str| -> Vec<String> {
            analyzer
                .analyze(w, Some(&vocabulary))
                .into_iter()
                .map(|t| t.term)
                .collect()
        };
        let nurse = with("jeugdverpleegkundige");
        assert!(
            nurse.contains(&analyzer.stem("verpleegkundige")),
            "{nurse:?}"
        );
        assert!(
            nurse.contains(&analyzer.stem("jeugdverpleegkundige")),
            "the whole word stays"
        );
        assert!(with("leerlingbegeleiding").contains(&analyzer.stem("begeleiding")));
        assert!(with("ondersteuningsbehoeften").contains(&analyzer.stem("behoeften")));
        // Without halves in the corpus, nothing is split.
        assert_eq!(with("gemeentebeleid"), [analyzer.stem("gemeentebeleid")]);
        // A query is analysed without the vocabulary: the part typed finds the part indexed.
        assert_eq!(terms("verpleegkundige"), [analyzer.stem("verpleegkundige")]);
    }

    #[test]
    fn long_noise_is_left_out_and_nothing_panics() {
        assert!(terms(&"a".repeat(100)).is_empty());
        assert!(terms("").is_empty());
        assert!(terms("''' --- ’’ -").is_empty());
        terms(&"ë\u{308}-'’".repeat(1000));
        terms("\u{0}\u{feff}x");
    }

    #[test]
    fn a_huge_word_is_left_out_quickly() {
        let analyzer = Analyzer::new();
        let word = "jeugdverpleegkundige".repeat(50_000);
        let vocabulary = Vocabulary::from_texts([word.as_str(), "jeugd verpleegkundige"]);
        let started = std::time::Instant::now();
        assert!(analyzer.analyze(&word, Some(&vocabulary)).is_empty());
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }
}
