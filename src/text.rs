//! Dutch-aware text helpers: slugs for URLs and heading ids, sort keys, and HTML escaping.
//!
//! Slugs fold diacritics (*één* → `een`), drop apostrophes inside and before words (*SMW'ers* → `smwers`,
//! *’s-Hertogenbosch* → `s-hertogenbosch`) and turn every other run of non-alphanumerics into one hyphen, so that a
//! reader can guess a URL and an editor can guess an anchor.

/// Apostrophes as they come in Dutch text: straight, curly, backtick and the modifier letter.
const APOSTROPHES: [char; 5] = ['\'', '’', '‘', '`', 'ʼ'];

pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if APOSTROPHES.contains(&c) {
            continue;
        }
        let folded = if c.is_ascii() {
            c.to_string()
        } else {
            deunicode::deunicode_char(c).unwrap_or("-").to_string()
        };
        for f in folded.chars() {
            if f.is_ascii_alphanumeric() {
                if pending_hyphen && !slug.is_empty() {
                    slug.push('-');
                }
                pending_hyphen = false;
                slug.push(f.to_ascii_lowercase());
            } else if !APOSTROPHES.contains(&f) {
                pending_hyphen = true;
            }
        }
    }
    slug
}

/// A key that sorts names the way a Dutch index does: case and diacritics ignored, and the old genitive
/// *’s-* or *'t* before a name ignored (*’s-Hertogenbosch* sorts under H).
pub fn sort_key(text: &str) -> String {
    let trimmed = text.trim_start();
    let mut rest = trimmed;
    for prefix in ["'s-", "’s-", "'s ", "’s ", "'t ", "’t "] {
        if let Some(r) = trimmed.strip_prefix(prefix) {
            rest = r;
            break;
        }
    }
    deunicode::deunicode(rest).to_lowercase()
}

/// A heading as compared with another (a standard question, a section a presentation shows): case, spacing,
/// curly apostrophes and a final `?`, `:` or `.` do not matter.
pub fn loose_heading(heading: &str) -> String {
    let words: Vec<&str> = heading.split_whitespace().collect();
    words
        .join(" ")
        .to_lowercase()
        .replace('’', "'")
        .trim_end_matches(['?', ':', '.', ' '])
        .to_string()
}

/// Escapes text for an HTML element body or a quoted attribute value.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Percent-encodes a relative URL path (keeping `/`, `#` and `.`), for hrefs built from file names.
pub fn encode_path(path: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
    const PATH: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'<')
        .add(b'>')
        .add(b'`')
        .add(b'?')
        .add(b'{')
        .add(b'}')
        .add(b'%')
        .add(b'\'');
    utf8_percent_encode(path, PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_match_questions_loosely() {
        assert_eq!(
            loose_heading("  Hoe  werkt het ?"),
            loose_heading("hoe werkt het")
        );
        assert_eq!(loose_heading("Wat levert het op?"), "wat levert het op");
        assert_eq!(
            loose_heading("Tips (succesfactoren en valkuilen):"),
            "tips (succesfactoren en valkuilen)"
        );
        assert_eq!(
            loose_heading("Wat is ’t doel?"),
            loose_heading("Wat is 't doel")
        );
        assert_ne!(
            loose_heading("Wat levert het niet op?"),
            loose_heading("Wat levert het op?")
        );
    }

    #[test]
    fn slugs_of_standard_questions() {
        assert_eq!(slugify("Wat levert het op?"), "wat-levert-het-op");
        assert_eq!(
            slugify("Tips (succesfactoren en valkuilen)"),
            "tips-succesfactoren-en-valkuilen"
        );
        assert_eq!(
            slugify("Op welke vraag of behoefte geeft dit praktijkvoorbeeld antwoord?"),
            "op-welke-vraag-of-behoefte-geeft-dit-praktijkvoorbeeld-antwoord"
        );
    }

    #[test]
    fn slugs_fold_diacritics_and_drop_apostrophes() {
        assert_eq!(slugify("’s-Hertogenbosch"), "s-hertogenbosch");
        assert_eq!(slugify("'s-Hertogenbosch"), "s-hertogenbosch");
        assert_eq!(slugify("Geïntegreerde aanpak"), "geintegreerde-aanpak");
        assert_eq!(slugify("één SMW'er"), "een-smwer");
        assert_eq!(slugify("SMW’ers en IB-ers"), "smwers-en-ib-ers");
        assert_eq!(slugify("16-plussers"), "16-plussers");
        assert_eq!(slugify("  vo-team / mbo-team  "), "vo-team-mbo-team");
        assert_eq!(slugify("Reliëf"), "relief");
    }

    #[test]
    fn slugs_of_decomposed_characters_match_composed_ones() {
        // "ë" written as e + combining diaeresis (NFD), as macOS file names come.
        assert_eq!(slugify("Reli\u{65}\u{308}f"), slugify("Reliëf"));
    }

    #[test]
    fn slug_of_nothing_is_empty() {
        assert_eq!(slugify("?!"), "");
        assert_eq!(slugify(""), "");
    }

    #[test]
    fn dutch_sort_ignores_genitive_and_case() {
        let mut names = vec!["Utrecht", "’s-Hertogenbosch", "amsterdam", "Éde"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, ["amsterdam", "Éde", "’s-Hertogenbosch", "Utrecht"]);
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape_html("a <b> & \"c\""),
            "a &lt;b&gt; &amp; &quot;c&quot;"
        );
        assert_eq!(
            encode_path("foto's/een foto.jpg"),
            "foto%27s/een%20foto.jpg"
        );
    }
}
