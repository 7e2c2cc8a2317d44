use super::*;

struct Site;

impl LinkResolver for Site {
    fn page(&self, path: &str) -> PageTarget {
        match path {
            "werkwijzen/barneveld.md" => PageTarget::Found {
                url: "werkwijzen/barneveld.html".into(),
                key: "werkwijzen/barneveld".into(),
            },
            "werkwijzen/_index.md" => PageTarget::Found {
                url: "werkwijzen/index.html".into(),
                key: "werkwijzen/_index".into(),
            },
            "contacten/geheim.md" => PageTarget::Unpublished,
            _ => PageTarget::Missing {
                suggestion: Some("werkwijzen/barneveld.md".into()),
            },
        }
    }
    fn asset_exists(&self, path: &str) -> bool {
        path == "praktijkvoorbeelden/fasen.png"
    }
}

fn render_md(body: &str) -> Rendered {
    render_with(body, false)
}

fn render_with(body: &str, trusted_html: bool) -> Rendered {
    render(&Input {
        body,
        body_offset: 0,
        file: "content/praktijkvoorbeelden/x.md",
        dir: "praktijkvoorbeelden",
        key: "praktijkvoorbeelden/x",
        root: "../",
        trusted_html,
        glossary: None,
        links: &Site,
        labels: &Labels {
            anchor: "Link naar dit kopje".into(),
            task_done: "Afgevinkt".into(),
            task_open: "Nog niet afgevinkt".into(),
        },
        embed: None,
    })
}

#[test]
fn headings_get_dutch_ids_anchors_and_toc() {
    let r = render_md("## Wat levert het op?\n\n### ’s-Hertogenbosch\n\n## Wat levert het op?\n");
    assert!(r.html.contains("<h2 id=\"wat-levert-het-op\">Wat levert het op? <a class=\"anker\" href=\"#wat-levert-het-op\" aria-label=\"Link naar dit kopje\">#</a></h2>"), "{}", r.html);
    assert!(r.html.contains("<h3 id=\"s-hertogenbosch\">"));
    assert!(r.html.contains("<h2 id=\"wat-levert-het-op-2\">"));
    let ids: Vec<_> = r.toc.iter().map(|t| (t.niveau, t.id.as_str())).collect();
    assert_eq!(
        ids,
        [
            (2, "wat-levert-het-op"),
            (3, "s-hertogenbosch"),
            (2, "wat-levert-het-op-2")
        ]
    );
}

#[test]
fn explicit_heading_id_is_kept_and_reserved_ids_avoided() {
    let r = render_md("## Fasen {#de-fasen}\n\n## Inhoud\n");
    assert!(r.html.contains("<h2 id=\"de-fasen\">"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"inhoud-2\">"), "{}", r.html);
}

#[test]
fn links_to_pages_are_rewritten_and_recorded() {
    let r = render_md(
        "Zie [de werkwijze](../werkwijzen/barneveld.md#intakefase) en [alle](../werkwijzen/).\n",
    );
    assert!(
        r.html
            .contains("href=\"../werkwijzen/barneveld.html#intakefase\""),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("href=\"../werkwijzen/index.html\""),
        "{}",
        r.html
    );
    assert_eq!(r.links[0].key, "werkwijzen/barneveld");
    assert_eq!(r.links[0].fragment.as_deref(), Some("intakefase"));
    assert!(r.diagnostics.is_empty());
}

#[test]
fn broken_link_is_an_error_with_span_and_suggestion() {
    let body = "Tekst\n\nZie [x](../werkwijzen/barnveld.md).\n";
    let r = render_md(body);
    assert_eq!(r.diagnostics.len(), 1);
    let d = &r.diagnostics[0];
    assert!(d.is_error());
    assert!(d.message.contains("does not exist"), "{}", d.message);
    assert!(d
        .hint
        .as_deref()
        .unwrap()
        .contains("werkwijzen/barneveld.md"));
    assert_eq!(
        &body[d.span.clone().unwrap()],
        "[x](../werkwijzen/barnveld.md)"
    );
}

#[test]
fn missing_local_anchor_is_an_error() {
    let r = render_md("## Intake\n\n[naar](#intke) [goed](#intake)\n");
    assert_eq!(r.diagnostics.len(), 1);
    assert!(r.diagnostics[0]
        .hint
        .as_deref()
        .unwrap()
        .contains("#intake"));
}

#[test]
fn link_to_internal_page_keeps_text_only_with_warning() {
    let r = render_md("Bel [de contactpersoon](../contacten/geheim.md).\n");
    assert!(r.html.contains("Bel de contactpersoon."), "{}", r.html);
    assert!(!r.html.contains("geheim"));
    assert_eq!(r.diagnostics.len(), 1);
    assert!(!r.diagnostics[0].is_error());
}

#[test]
fn javascript_and_absolute_links_are_errors() {
    let r = render_md("[a](javascript:alert(1)) [b](/praktijkvoorbeelden/x.md)\n");
    assert_eq!(r.diagnostics.len(), 2);
    assert!(!r.html.contains("javascript:"));
}

#[test]
fn images_need_alt_text_and_an_existing_file() {
    let r = render_md("![Fasen](fasen.png)\n\n![](fasen.png)\n\n![Weg](weg.png)\n");
    assert!(
        r.html.contains("<img src=\"fasen.png\" alt=\"Fasen\""),
        "{}",
        r.html
    );
    let messages: Vec<_> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("without alt text")));
    assert!(messages.iter().any(|m| m.contains("weg.png")));
    assert_eq!(
        r.assets,
        [
            "praktijkvoorbeelden/fasen.png",
            "praktijkvoorbeelden/fasen.png"
        ]
    );
}

#[test]
fn extensions_tables_footnotes_strikethrough_tasks() {
    let r = render_md("| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~weg~~ tekst[^1]\n\n[^1]: Voetnoot.\n\n- [x] klaar\n- [ ] open\n");
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("<del>weg</del>"));
    assert!(r.html.contains("class=\"footnote-reference\""));
    assert!(
        r.html
            .contains("<input type=\"checkbox\" disabled checked aria-label=\"Afgevinkt\"> klaar"),
        "{}",
        r.html
    );
    assert!(r
        .html
        .contains("<input type=\"checkbox\" disabled aria-label=\"Nog niet afgevinkt\"> open"));
}

#[test]
fn code_is_highlighted() {
    let r = render_md("```yaml\ntitel: x\n```\n");
    assert!(r
        .html
        .contains("<pre class=\"code\"><code class=\"language-yaml\">"));
    assert!(r.html.contains("hl-"));
}

#[test]
fn raw_html_is_sanitised_unless_trusted() {
    let body = "<script>window.pwned=1</script>\n\n<p onclick=\"x()\">Hallo <a href=\"javascript:alert(1)\">klik</a></p>\n\n## Kop\n";
    let r = render_md(body);
    assert!(!r.html.contains("<script"), "{}", r.html);
    assert!(!r.html.contains("onclick"));
    assert!(!r.html.contains("javascript:"));
    assert!(r.html.contains("Hallo"));
    assert!(r.html.contains("<h2 id=\"kop\">"), "{}", r.html);
    let trusted = render_with(body, true);
    assert!(trusted.html.contains("<script>"));
}

#[test]
fn glossary_not_in_headings_links_or_code() {
    let glossary = Glossary::new(vec![Term {
        key: "begrippen/jvk".into(),
        url: "begrippen/jvk.html".into(),
        explanation: "Jeugdverpleegkundige".into(),
        names: vec![],
        abbreviations: vec!["JVK".into()],
    }]);
    let body = "## De JVK\n\n[De JVK](../werkwijzen/barneveld.md) en `JVK`\n\n```\nJVK\n```\n\nDe JVK komt.\n";
    let r = render(&Input {
        body,
        body_offset: 0,
        file: "f",
        dir: "praktijkvoorbeelden",
        key: "praktijkvoorbeelden/x",
        root: "../",
        trusted_html: false,
        glossary: Some(&glossary),
        links: &Site,
        labels: &Labels::default(),
        embed: None,
    });
    assert_eq!(r.html.matches("<abbr").count(), 1, "{}", r.html);
    assert!(r.html.contains("<p>De <a class=\"begrip\" href=\"../begrippen/jvk.html\"><abbr title=\"Jeugdverpleegkundige\">JVK</abbr></a> komt.</p>"), "{}", r.html);
}

#[test]
fn normalise_paths() {
    assert_eq!(normalise("a", "../b/c.md").as_deref(), Some("b/c.md"));
    assert_eq!(normalise("a", "./c.md").as_deref(), Some("a/c.md"));
    assert_eq!(normalise("", "../c.md"), None);
    assert_eq!(normalise("a", "../b/").as_deref(), Some("b/"));
}

#[test]
fn a_link_whose_text_is_its_address_is_marked() {
    let r = render_md(
        "<https://voordejeugd.nl/x/> en [www.nji.nl](https://www.nji.nl) maar [het NJi](https://www.nji.nl).\n",
    );
    assert!(
        r.html
            .contains("<a class=\"webadres\" href=\"https://voordejeugd.nl/x/\">https://voordejeugd.nl/x/</a>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<a class=\"webadres\" href=\"https://www.nji.nl\">www.nji.nl</a>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<a href=\"https://www.nji.nl\">het NJi</a>"),
        "{}",
        r.html
    );
}

/// The print view's places: one page of the site is in the document.
struct Document;

impl Places for Document {
    fn place(&self, key: &str, fragment: Option<&str>) -> Option<String> {
        (key == "werkwijzen/barneveld").then(|| match fragment {
            Some(f) => format!("p-werkwijzen-barneveld--{f}"),
            None => "p-werkwijzen-barneveld".to_string(),
        })
    }
}

fn render_embedded(body: &str, glossary: Option<&Glossary>) -> Rendered {
    render(&Input {
        body,
        body_offset: 0,
        file: "content/praktijkvoorbeelden/x.md",
        dir: "praktijkvoorbeelden",
        key: "praktijkvoorbeelden/x",
        root: "",
        trusted_html: false,
        glossary,
        links: &Site,
        labels: &Labels::default(),
        embed: Some(&Embedding {
            id_prefix: "p-praktijkvoorbeelden-x--",
            heading_offset: 2,
            places: &Document,
        }),
    })
}

#[test]
fn an_embedded_body_has_prefixed_ids_and_links_into_the_document() {
    let body = "## Intake\n\nNaar [de intake](#intake), [Barneveld](../werkwijzen/barneveld.md#intakefase), \
                [alle](../werkwijzen/) en een voetnoot[^1].\n\n![Schema](fasen.png)\n\n[^1]: Bron.\n";
    let r = render_embedded(body, None);
    assert!(
        r.html.contains("<h4 id=\"p-praktijkvoorbeelden-x--intake\">Intake <a class=\"anker\" href=\"#p-praktijkvoorbeelden-x--intake\""),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("href=\"#p-praktijkvoorbeelden-x--intake\">de intake</a>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("href=\"#p-werkwijzen-barneveld--intakefase\""),
        "{}",
        r.html
    );
    // A page the document does not hold is reached from the document's folder.
    assert!(
        r.html.contains("href=\"werkwijzen/index.html\""),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("src=\"praktijkvoorbeelden/fasen.png\""),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("href=\"#p-praktijkvoorbeelden-x--1\""),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("id=\"p-praktijkvoorbeelden-x--1\""),
        "{}",
        r.html
    );
    // Link checks still see the page's own names.
    assert!(r.anchors.contains("intake"));
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn an_embedded_body_links_glossary_terms_into_the_document() {
    let glossary = Glossary::new(vec![Term {
        key: "werkwijzen/barneveld".into(),
        url: "werkwijzen/barneveld.html".into(),
        explanation: "Werkwijze".into(),
        names: vec!["werkwijze".into()],
        abbreviations: vec![],
    }]);
    let r = render_embedded("De werkwijze.\n", Some(&glossary));
    assert!(
        r.html
            .contains("<a class=\"begrip\" href=\"#p-werkwijzen-barneveld\">"),
        "{}",
        r.html
    );
}

#[test]
fn without_an_embedding_a_body_renders_as_before() {
    let body = "## Intake\n\n[a](#intake) [b](../werkwijzen/barneveld.md) ![Schema](fasen.png)[^n]\n\n[^n]: x\n";
    let r = render_md(body);
    assert!(r.html.contains("<h2 id=\"intake\">"), "{}", r.html);
    assert!(r.html.contains("href=\"#intake\""));
    assert!(r.html.contains("href=\"../werkwijzen/barneveld.html\""));
    assert!(r.html.contains("src=\"fasen.png\""));
    assert!(r.html.contains("id=\"n\""), "{}", r.html);
}

#[test]
fn the_outline_keeps_levels_titles_and_spans() {
    let body = "Intro.\n\n## Hoe werkt het?\n\nTekst.\n\n#### Te diep\n\nKop\n---\n";
    let r = render_md(body);
    let outline: Vec<_> = r
        .outline
        .iter()
        .map(|h| (h.level, h.title.as_str(), &body[h.span.clone()]))
        .collect();
    assert_eq!(
        outline,
        [
            (2, "Hoe werkt het?", "## Hoe werkt het?"),
            (4, "Te diep", "#### Te diep"),
            (2, "Kop", "Kop\n---"),
        ]
    );
}

#[test]
fn images_are_recorded_with_alt_markdown_and_raw() {
    let body = "![Fasen](fasen.png)\n\nZie <img src=\"fasen.png\"> en <img src=\"fasen.png\" alt=\"\">.\n\n<div>\n<img\n  src=\"fasen.png\"\n  alt=\"Schema\">\n</div>\n";
    let r = render_md(body);
    let images: Vec<_> = r
        .images
        .iter()
        .map(|i| (i.alt.as_deref(), &body[i.span.clone()]))
        .collect();
    assert_eq!(
        images,
        [
            (Some("Fasen"), "![Fasen](fasen.png)"),
            (None, "<img src=\"fasen.png\">"),
            (Some(""), "<img src=\"fasen.png\" alt=\"\">"),
            (
                Some("Schema"),
                "<img\n  src=\"fasen.png\"\n  alt=\"Schema\">"
            ),
        ]
    );
    // Code is not HTML.
    assert!(
        render_md("`<img src=\"x.png\">`\n\n```\n<img src=\"x.png\">\n```\n")
            .images
            .is_empty()
    );
}

#[test]
fn the_image_alt_error_has_a_code() {
    let r = render_md("![](fasen.png)\n");
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].code, Some("image-alt"));
}

#[test]
fn web_links_are_recorded_with_their_spans() {
    let body = "Zie [NJi](https://www.nji.nl/) en ![logo](HTTP://example.nl/logo.png), <https://a.nl>, [mail](mailto:a@b.nl) en [intern](../werkwijzen/barneveld.md).\n";
    let r = render_md(body);
    let links: Vec<_> = r
        .web_links
        .iter()
        .map(|l| (l.url.as_str(), &body[l.span.clone()]))
        .collect();
    assert_eq!(
        links,
        [
            ("https://www.nji.nl/", "[NJi](https://www.nji.nl/)"),
            (
                "HTTP://example.nl/logo.png",
                "![logo](HTTP://example.nl/logo.png)"
            ),
            ("https://a.nl", "<https://a.nl>"),
        ]
    );
}

#[test]
fn equal_headings_get_numbered_ids_without_trying_every_number_again() {
    let mut ids = HeadingIds::default();
    assert_eq!(ids.next(None, "Kop"), "kop");
    assert_eq!(ids.next(None, "Kop 3"), "kop-3");
    assert_eq!(ids.next(None, "Kop"), "kop-2");
    assert_eq!(ids.next(None, "Kop"), "kop-4");
    let started = std::time::Instant::now();
    for _ in 0..50_000 {
        ids.next(None, "Kop");
    }
    assert_eq!(ids.next(None, "Kop"), "kop-50005");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn a_nul_byte_becomes_the_replacement_character() {
    let html = render_md("Voor\0na en `co\0de`.\n").html;
    assert!(html.contains("Voor\u{FFFD}na"), "{html}");
    assert!(html.contains("co\u{FFFD}de"), "{html}");
    assert!(!html.contains('\0'));
}
