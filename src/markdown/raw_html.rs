//! Reads the `<img>` tags out of raw HTML written in Markdown, with their `alt` text, so that a review can ask for
//! a description where the editor wrote HTML instead of `![…](…)`. A small scanner, not an HTML parser: it knows
//! tags, quoted attribute values and comments, which is all an `<img>` needs.

use std::ops::Range;

/// An `<img>` tag: where it is in the scanned text, and its `alt` (`None` when the tag has no `alt` attribute).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawImage {
    pub span: Range<usize>,
    pub alt: Option<String>,
}

/// Every `<img>` tag in `html`, outside comments.
pub fn images(html: &str) -> Vec<RawImage> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(found) = html[i..].find('<') {
        let start = i + found;
        if html[start..].starts_with("<!--") {
            i = html[start..]
                .find("-->")
                .map_or(html.len(), |end| start + end + 3);
            continue;
        }
        let name_end = start + 4;
        let is_img = html
            .get(start + 1..name_end)
            .is_some_and(|name| name.eq_ignore_ascii_case("img"))
            && bytes
                .get(name_end)
                .is_none_or(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>');
        if !is_img {
            i = start + 1;
            continue;
        }
        let (alt, end) = attributes(html, name_end, "alt");
        out.push(RawImage {
            span: start..end,
            alt,
        });
        i = end;
    }
    out
}

/// Reads a tag's attributes from `from` to its closing `>`; returns the value of `wanted` (an attribute without a
/// value is empty) and where the tag ends.
fn attributes(html: &str, from: usize, wanted: &str) -> (Option<String>, usize) {
    let bytes = html.as_bytes();
    let mut i = from;
    let mut found = None;
    let skip_space = |mut i: usize| {
        while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        i
    };
    loop {
        i = skip_space(i);
        match bytes.get(i) {
            None => return (found, html.len()),
            Some(b'>') => return (found, i + 1),
            Some(b'/') => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let name_start = i;
        while bytes
            .get(i)
            .is_some_and(|&b| !(b.is_ascii_whitespace() || b == b'=' || b == b'>' || b == b'/'))
        {
            i += 1;
        }
        let name = &html[name_start..i];
        let after = skip_space(i);
        let mut value = String::new();
        if bytes.get(after) == Some(&b'=') {
            i = skip_space(after + 1);
            match bytes.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = html[i + 1..]
                        .find(quote as char)
                        .map_or(html.len(), |e| i + 1 + e);
                    value = html[i + 1..end].to_string();
                    i = (end + 1).min(html.len());
                }
                _ => {
                    let start = i;
                    while bytes
                        .get(i)
                        .is_some_and(|&b| !(b.is_ascii_whitespace() || b == b'>'))
                    {
                        i += 1;
                    }
                    value = html[start..i].to_string();
                }
            }
        }
        if name.eq_ignore_ascii_case(wanted) && found.is_none() {
            found = Some(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alts(html: &str) -> Vec<Option<String>> {
        images(html).into_iter().map(|i| i.alt).collect()
    }

    #[test]
    fn finds_alt_in_every_way_of_writing_it() {
        assert_eq!(
            alts(r#"<img src="a.png" alt="Schema">"#),
            [Some("Schema".into())]
        );
        assert_eq!(
            alts("<IMG SRC='a.png' ALT='De fasen' />"),
            [Some("De fasen".into())]
        );
        assert_eq!(alts("<img alt=Logo src=a.png>"), [Some("Logo".into())]);
        assert_eq!(alts(r#"<img src="a.png" alt="">"#), [Some(String::new())]);
        assert_eq!(
            alts("<img src=\"a.png\"\n     alt=\"Twee\nregels\">"),
            [Some("Twee\nregels".into())]
        );
    }

    #[test]
    fn an_img_without_alt_and_its_span() {
        let html = r#"<p>Zie <img src="fasen.png" title="alt"> hier</p>"#;
        let found = images(html);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].alt, None);
        assert_eq!(
            &html[found[0].span.clone()],
            r#"<img src="fasen.png" title="alt">"#
        );
        // `>` inside a quoted value does not end the tag.
        let found = images(r#"<img data-x="a>b" src="x.png"> <img alt="y">"#);
        assert_eq!(
            found.iter().map(|i| i.alt.clone()).collect::<Vec<_>>(),
            [None, Some("y".into())]
        );
    }

    #[test]
    fn other_tags_and_comments_are_not_images() {
        assert!(images("<imgx src=a> <image src=b> <p>img</p>").is_empty());
        assert!(images("<!-- <img src=\"oud.png\"> -->").is_empty());
        assert_eq!(alts("<!-- x --><img src=a.png>"), [None]);
        assert_eq!(alts("<img src=\"a.png\""), [None]);
    }
}
