//! Syntax highlighting of fenced code with syntect, through CSS classes (`hl-…`) rather than inline colours, so
//! that the theme's stylesheet stays in charge and the print stylesheet can turn colour off.

use std::sync::LazyLock;

use syntect::highlighting::{Color, Theme, ThemeSet};
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::text::escape_html;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Loaded on first use: most pages have no code, and the syntax set takes a few milliseconds to load.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Renders a code block; a language syntect does not know is shown as plain text.
pub fn code_block(language: Option<&str>, code: &str) -> String {
    let syntax = language.and_then(|l| SYNTAXES.find_syntax_by_token(l));
    let class = language
        .map(|l| format!(" class=\"language-{}\"", escape_html(l)))
        .unwrap_or_default();
    let body = match syntax {
        Some(syntax) => {
            let mut generator =
                ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
            let ok = LinesWithEndings::from(code).all(|line| {
                generator
                    .parse_html_for_line_which_includes_newline(line)
                    .is_ok()
            });
            if ok {
                generator.finalize()
            } else {
                escape_html(code)
            }
        }
        None => escape_html(code),
    };
    format!("<pre class=\"code\"><code{class}>{body}</code></pre>\n")
}

/// The colour rules for highlighted code, from syntect's InspiredGitHub theme with every colour darkened until it
/// has a WCAG AA contrast (4.5:1) against the code background.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let Some(mut theme) = themes.themes.get("InspiredGitHub").cloned() else {
        return String::new();
    };
    accessible(&mut theme);
    css_for_theme_with_class_style(&theme, CLASS_STYLE).unwrap_or_default()
}

/// Themes draw code on a background of their own, usually a light grey rather than syntect's white: colours
/// are darkened until they keep 4.5:1 against any background down to this grey.
const DARKEST_CODE_BACKGROUND: Color = Color {
    r: 0xe0,
    g: 0xe0,
    b: 0xe0,
    a: 0xff,
};

fn accessible(theme: &mut Theme) {
    if let Some(fg) = theme.settings.foreground.as_mut() {
        *fg = darken_to_contrast(*fg, DARKEST_CODE_BACKGROUND);
    }
    for item in &mut theme.scopes {
        // A scope with a background of its own is measured against the darker of the two.
        let bg = match item.style.background {
            Some(bg) if luminance(bg) < luminance(DARKEST_CODE_BACKGROUND) => bg,
            _ => DARKEST_CODE_BACKGROUND,
        };
        if let Some(fg) = item.style.foreground.as_mut() {
            *fg = darken_to_contrast(*fg, bg);
        }
    }
}

fn darken_to_contrast(mut fg: Color, bg: Color) -> Color {
    // A margin above 4.5 so that rounding in the CSS hex colours never drops below it.
    while contrast(fg, bg) < 4.6 && (fg.r, fg.g, fg.b) != (0, 0, 0) {
        fg = Color {
            r: (fg.r as f64 * 0.9) as u8,
            g: (fg.g as f64 * 0.9) as u8,
            b: (fg.b as f64 * 0.9) as u8,
            a: 0xff,
        };
    }
    fg
}

fn luminance(c: Color) -> f64 {
    let channel = |v: u8| {
        let v = v as f64 / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_is_highlighted_with_prefixed_classes() {
        let html = code_block(Some("yaml"), "titel: Den Bosch\n");
        assert!(
            html.starts_with("<pre class=\"code\"><code class=\"language-yaml\">"),
            "{html}"
        );
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("Den Bosch"));
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = code_block(Some("onbekend"), "<b>\n");
        assert!(html.contains("&lt;b&gt;"));
        assert!(!html.contains("hl-"));
    }

    #[test]
    fn stylesheet_colours_meet_aa_contrast() {
        let css = stylesheet();
        assert!(css.contains(".hl-"), "{css}");
        let theme = ThemeSet::load_defaults().themes["InspiredGitHub"].clone();
        let mut fixed = theme.clone();
        accessible(&mut fixed);
        let grey = Color {
            r: 0xe0,
            g: 0xe0,
            b: 0xe0,
            a: 0xff,
        };
        for item in &fixed.scopes {
            if let Some(fg) = item.style.foreground {
                // On white, on the default theme's code grey (#f4f5f7) and on the darkest grey allowed for.
                for bg in [
                    Color::WHITE,
                    Color {
                        r: 0xf4,
                        g: 0xf5,
                        b: 0xf7,
                        a: 0xff,
                    },
                    grey,
                ] {
                    let bg = item
                        .style
                        .background
                        .filter(|b| luminance(*b) < luminance(bg))
                        .unwrap_or(bg);
                    assert!(contrast(fg, bg) >= 4.5, "{fg:?} on {bg:?}");
                }
            }
        }
    }
}
