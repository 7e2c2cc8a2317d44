//! The review rules that look at one page at a time: heading levels, images without a description, and the
//! standard questions of a practice example. Each works from what the Markdown renderer recorded
//! ([`crate::markdown::Rendered`]), so nothing is parsed twice and every finding has the span the renderer saw.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::markdown::{HeadingUse, ImageUse};
use crate::text::loose_heading;

/// Headings that skip a level, a body that starts deeper than `##`, and `#` in a body (the page's title is its
/// only level-1 heading). Screen readers and the table of contents navigate by these levels.
pub fn headings(file: &str, outline: &[HeadingUse]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut previous: Option<u8> = None;
    for heading in outline {
        let marks = "#".repeat(heading.level.into());
        let problem = match previous {
            _ if heading.level == 1 => Some((
                format!("the heading `{}` is level 1 (#), but the page's title is already its level-1 heading", heading.title),
                format!("write `## {}`: a page's own headings start at ##", heading.title),
            )),
            None if heading.level > 2 => Some((
                format!("the first heading, `{}`, is level {} ({marks}), but a page's headings start at level 2 (##)", heading.title, heading.level),
                format!("write `## {}`; the page's title above it is level 1", heading.title),
            )),
            Some(before) if heading.level > before + 1 => Some((
                format!("the heading `{}` skips from level {before} ({}) to level {} ({marks})", heading.title, "#".repeat(before.into()), heading.level),
                format!("write `{} {}`, or add the missing level above it; readers who navigate by headings lose their way when a level is skipped", "#".repeat((before + 1).into()), heading.title),
            )),
            _ => None,
        };
        if let Some((message, hint)) = problem {
            out.push(
                Diagnostic::warning(message)
                    .code("heading-level")
                    .in_file(file)
                    .at(heading.span.clone())
                    .hint(hint),
            );
        }
        previous = Some(heading.level);
    }
    out
}

/// Raw `<img>` tags without an `alt` attribute. A Markdown image without alt text is already an error of the
/// build; this is the same error for images written in HTML. `alt=""` marks an image as decoration and passes.
pub fn images(file: &str, images: &[ImageUse]) -> Vec<Diagnostic> {
    images
        .iter()
        .filter(|image| image.alt.is_none())
        .map(|image| {
            Diagnostic::error("an image without alt text")
                .code("image-alt")
                .in_file(file)
                .at(image.span.clone())
                .hint("add a description, e.g. <img src=\"fasen.png\" alt=\"Schema van de vier fasen\">, or alt=\"\" for an image that is only decoration; readers with a screen reader depend on it")
        })
        .collect()
}

/// The standard questions a practice example does not answer under a heading of its own. Each is reported where
/// it belongs: at the heading of the next standard question the page does have, or at the end of the page.
pub fn questions(
    file: &str,
    text: &str,
    outline: &[HeadingUse],
    questions: &[String],
) -> Vec<Diagnostic> {
    let found: Vec<Option<&HeadingUse>> = questions
        .iter()
        .map(|q| {
            let wanted = loose_heading(q);
            outline.iter().find(|h| loose_heading(&h.title) == wanted)
        })
        .collect();
    let mut out = Vec::new();
    for (i, question) in questions.iter().enumerate() {
        if found[i].is_some() {
            continue;
        }
        let next = found[i + 1..].iter().flatten().next();
        let (span, place): (Range<usize>, String) = match next {
            Some(h) => (h.span.clone(), format!("above `{}`", h.title)),
            None => (last_line(text), "at the end of the page".into()),
        };
        out.push(
            Diagnostic::warning(format!(
                "this practice example does not answer the standard question \"{question}\""
            ))
            .code("missing-question")
            .in_file(file)
            .at(span)
            .hint(format!(
                "add a section `## {question}` {place}; the standard questions are `standaardvragen` in kennisbank.yaml"
            )),
        );
    }
    out
}

/// The span of the last line with text, for a finding that belongs at the end of a file.
fn last_line(text: &str) -> Range<usize> {
    let end = text.trim_end().len();
    let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(body: &str) -> Vec<HeadingUse> {
        let mut at = 0;
        body.lines()
            .filter_map(|line| {
                let start = at;
                at += line.len() + 1;
                let level = line.chars().take_while(|&c| c == '#').count();
                (level > 0).then(|| HeadingUse {
                    level: level as u8,
                    title: line[level..].trim().to_string(),
                    span: start..start + line.len(),
                })
            })
            .collect()
    }

    fn messages(found: &[Diagnostic]) -> Vec<&str> {
        found.iter().map(|d| d.message.as_str()).collect()
    }

    #[test]
    fn a_well_ordered_outline_passes() {
        let body = "## Een\n### Twee\n#### Drie\n## Vier\n### Vijf\n";
        assert!(headings("a.md", &outline(body)).is_empty());
        assert!(headings("a.md", &[]).is_empty());
    }

    #[test]
    fn skipped_levels_are_found_where_they_skip() {
        let body = "## Hoe werkt het?\n#### Details\n## Tips\n";
        let found = headings("a.md", &outline(body));
        assert_eq!(
            messages(&found),
            ["the heading `Details` skips from level 2 (##) to level 4 (####)"]
        );
        assert_eq!(&body[found[0].span.clone().unwrap()], "#### Details");
        assert!(found[0]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("write `### Details`"));
        assert_eq!(found[0].code, Some("heading-level"));
    }

    #[test]
    fn a_body_starts_at_level_two() {
        let found = headings("a.md", &outline("### Te diep\n## Goed\n"));
        assert_eq!(
            messages(&found),
            ["the first heading, `Te diep`, is level 3 (###), but a page's headings start at level 2 (##)"]
        );
        let found = headings("a.md", &outline("# Titel\n## Goed\n"));
        assert_eq!(
            messages(&found),
            ["the heading `Titel` is level 1 (#), but the page's title is already its level-1 heading"]
        );
    }

    #[test]
    fn only_raw_images_without_alt_are_reported() {
        let found = images(
            "a.md",
            &[
                ImageUse {
                    alt: Some("Schema".into()),
                    span: 0..5,
                },
                ImageUse {
                    alt: Some(String::new()),
                    span: 6..9,
                },
                ImageUse {
                    alt: None,
                    span: 10..20,
                },
            ],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span, Some(10..20));
        assert!(found[0].is_error());
    }

    #[test]
    fn a_missing_question_is_reported_where_it_belongs() {
        let standard: Vec<String> = [
            "Hoe werkt het?",
            "Wat levert het op?",
            "Meer weten?",
            "Contactgegevens",
        ]
        .map(String::from)
        .to_vec();
        let body = "## hoe werkt het\nTekst.\n## MEER WETEN?\nLinks.\n";
        let found = questions("a.md", body, &outline(body), &standard);
        assert_eq!(
            messages(&found),
            [
                "this practice example does not answer the standard question \"Wat levert het op?\"",
                "this practice example does not answer the standard question \"Contactgegevens\"",
            ]
        );
        assert_eq!(&body[found[0].span.clone().unwrap()], "## MEER WETEN?");
        assert!(
            found[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("above `MEER WETEN?`"),
            "{:?}",
            found[0].hint
        );
        assert_eq!(&body[found[1].span.clone().unwrap()], "Links.");
        assert!(found[1]
            .hint
            .as_deref()
            .unwrap()
            .contains("at the end of the page"));
        assert!(questions("a.md", body, &outline(body), &[]).is_empty());
    }
}
