//! Finds glossary terms in running text, so that the first occurrence of each on a page can explain itself.
//!
//! Abbreviations match case-sensitively (*ZAT* is a team, *zat* a verb); terms and their spelling variants match
//! regardless of case. Straight and curly apostrophes are the same (*IB'er* = *IB’er*). A match must stand as a
//! whole word. Which parts of a page are eligible (not headings, links or code) is the renderer's business.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::text::escape_html;

/// One glossary entry as the renderer needs it.
#[derive(Debug, Clone, Hash)]
pub struct Term {
    /// The page key of the begrip, so that a begrip's own page does not link to itself.
    pub key: String,
    /// The begrip page, from the site root.
    pub url: String,
    /// The explanation shown in the `<abbr title>`.
    pub explanation: String,
    pub names: Vec<String>,
    pub abbreviations: Vec<String>,
}

#[derive(Debug)]
pub struct Glossary {
    terms: Vec<Term>,
    matcher: Option<AhoCorasick>,
    /// For each pattern of the matcher (a form in lower case): every form it stands for, as the term it belongs
    /// to, whether it must match case-sensitively, and the form as written. JVK and Jvk are one pattern.
    patterns: Vec<Vec<(usize, bool, String)>>,
}

impl Glossary {
    pub fn new(terms: Vec<Term>) -> Glossary {
        let mut patterns: Vec<Vec<(usize, bool, String)>> = Vec::new();
        let mut lowered: Vec<String> = Vec::new();
        for (i, term) in terms.iter().enumerate() {
            let forms = term
                .names
                .iter()
                .map(|n| (n, false))
                .chain(term.abbreviations.iter().map(|a| (a, true)));
            for (form, exact) in forms {
                let form = normalise_apostrophes(form.trim()).into_owned();
                if form.is_empty() {
                    continue;
                }
                let key = form.to_ascii_lowercase();
                match lowered.iter().position(|k| *k == key) {
                    Some(p) => patterns[p].push((i, exact, form)),
                    None => {
                        lowered.push(key);
                        patterns.push(vec![(i, exact, form)]);
                    }
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&lowered)
            .ok();
        Glossary {
            terms,
            matcher,
            patterns,
        }
    }

    /// The page key of a term, by its index (as `mark` records them in `used`).
    pub fn key(&self, index: usize) -> Option<&str> {
        self.terms.get(index).map(|t| t.key.as_str())
    }

    /// The terms, in the order they were given.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Marks up the first occurrence of each term in `text` not yet in `used`, returning HTML, or `None` when
    /// nothing matched. `root` prefixes the glossary URLs; `own_key` is the page being rendered.
    pub fn mark(
        &self,
        text: &str,
        used: &mut Vec<usize>,
        root: &str,
        own_key: &str,
    ) -> Option<String> {
        let href = |term: &Term| format!("{root}{}", crate::text::encode_path(&term.url));
        self.mark_with(text, used, own_key, &href)
    }

    /// As [`Glossary::mark`], with the link to each term given by `href`, written into the attribute as it is
    /// (percent-encoded, as `mark` does with [`crate::text::encode_path`]).
    pub fn mark_with(
        &self,
        text: &str,
        used: &mut Vec<usize>,
        own_key: &str,
        href: &dyn Fn(&Term) -> String,
    ) -> Option<String> {
        self.matcher.as_ref()?;
        let haystack = normalise_apostrophes(text);
        self.mark_normalised(&haystack, text, used, own_key, href)
    }

    fn mark_normalised(
        &self,
        haystack: &str,
        original: &str,
        used: &mut Vec<usize>,
        own_key: &str,
        href: &dyn Fn(&Term) -> String,
    ) -> Option<String> {
        let matcher = self.matcher.as_ref()?;
        // Curly apostrophes are longer in UTF-8 than straight ones, so offsets in `haystack` map to `original`
        // by character index.
        let same = haystack.len() == original.len();
        let to_original = |pos: usize| -> usize {
            if same {
                return pos;
            }
            let chars = haystack[..pos].chars().count();
            original
                .char_indices()
                .nth(chars)
                .map_or(original.len(), |(i, _)| i)
        };
        let mut out = String::new();
        let mut last = 0;
        for m in matcher.find_iter(haystack) {
            let found = &haystack[m.start()..m.end()];
            // The first form this text stands for whose term is still unmarked on this page.
            let candidate =
                self.patterns[m.pattern().as_usize()]
                    .iter()
                    .find(|(term, exact, form)| {
                        (!exact || form == found)
                            && !used.contains(term)
                            && self.terms[*term].key != own_key
                    });
            let Some(&(term_index, _, _)) = candidate else {
                continue;
            };
            let term = &self.terms[term_index];
            let before = haystack[..m.start()].chars().next_back();
            let after = haystack[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            used.push(term_index);
            let (start, end) = (to_original(m.start()), to_original(m.end()));
            out.push_str(&escape_html(&original[last..start]));
            out.push_str(&format!(
                "<a class=\"begrip\" href=\"{}\"><abbr title=\"{}\">{}</abbr></a>",
                href(term),
                escape_html(&term.explanation),
                escape_html(&original[start..end])
            ));
            last = end;
        }
        if last == 0 {
            return None;
        }
        out.push_str(&escape_html(&original[last..]));
        Some(out)
    }
}

fn normalise_apostrophes(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['’', '‘', 'ʼ']) {
        std::borrow::Cow::Owned(text.replace(['’', '‘', 'ʼ'], "'"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        Glossary::new(vec![
            Term {
                key: "begrippen/jeugdverpleegkundige".into(),
                url: "begrippen/jeugdverpleegkundige.html".into(),
                explanation: "Jeugdverpleegkundige: verpleegkundige van de GGD".into(),
                names: vec!["jeugdverpleegkundige".into()],
                abbreviations: vec!["JVK".into(), "Jvk".into()],
            },
            Term {
                key: "begrippen/intern-begeleider".into(),
                url: "begrippen/intern-begeleider.html".into(),
                explanation: "Intern begeleider".into(),
                names: vec!["intern begeleider".into()],
                abbreviations: vec!["IB'er".into(), "ZAT".into()],
            },
        ])
    }

    #[test]
    fn marks_first_occurrence_only() {
        let g = glossary();
        let mut used = Vec::new();
        let html = g.mark("De JVK en de JVK.", &mut used, "../", "x").unwrap();
        assert_eq!(
            html,
            "De <a class=\"begrip\" href=\"../begrippen/jeugdverpleegkundige.html\"><abbr title=\"Jeugdverpleegkundige: verpleegkundige van de GGD\">JVK</abbr></a> en de JVK."
        );
        assert!(g.mark("Nog een Jvk", &mut used, "", "x").is_none());
    }

    #[test]
    fn each_spelling_of_an_abbreviation_matches() {
        let g = glossary();
        let html = g.mark("De Jvk komt.", &mut Vec::new(), "", "x").unwrap();
        assert!(html.contains(">Jvk</abbr>"), "{html}");
        assert!(g
            .mark("De JVK komt.", &mut Vec::new(), "", "x")
            .unwrap()
            .contains(">JVK</abbr>"));
        assert!(
            g.mark("De jvk komt.", &mut Vec::new(), "", "x").is_none(),
            "an abbreviation is not a word"
        );
    }

    #[test]
    fn abbreviations_are_case_sensitive_terms_are_not() {
        let g = glossary();
        assert!(g.mark("Hij zat daar.", &mut Vec::new(), "", "x").is_none());
        assert!(g
            .mark("Het ZAT komt samen.", &mut Vec::new(), "", "x")
            .is_some());
        assert!(g
            .mark("De Intern Begeleider belt.", &mut Vec::new(), "", "x")
            .is_some());
    }

    #[test]
    fn whole_words_and_curly_apostrophes() {
        let g = glossary();
        assert!(g
            .mark("schooljeugdverpleegkundigen", &mut Vec::new(), "", "x")
            .is_none());
        let html = g.mark("De IB’er belt.", &mut Vec::new(), "", "x").unwrap();
        assert!(
            html.contains("<abbr title=\"Intern begeleider\">IB’er</abbr>"),
            "{html}"
        );
    }

    #[test]
    fn a_term_does_not_link_on_its_own_page() {
        let g = glossary();
        assert!(g
            .mark(
                "De JVK",
                &mut Vec::new(),
                "",
                "begrippen/jeugdverpleegkundige"
            )
            .is_none());
    }
}
