//! What a meeting page (`bijeenkomst`) carries for presentation mode beyond its own fields: for each practice
//! example it presented, the sections a trainer shows of it (`presentatie_secties` in `kennisbank.yaml`: by
//! default how it works, what it yields and tips), rendered for the meeting's page so that its links and images
//! work from there. The slides themselves are made in the browser (`static/presentatie.js`), from these values
//! and from any page's own text; this module does not decide what fits on a slide.

use serde_json::{json, Value};

use super::context::Values;
use crate::content::Details;
use crate::markdown::{self, Embedding, Places};
use crate::site::{root_of, SitePage};
use crate::text::loose_heading;

/// A document that holds no other pages: links to pages go to the pages themselves.
struct OwnPages;

impl Places for OwnPages {
    fn place(&self, _key: &str, _fragment: Option<&str>) -> Option<String> {
        None
    }
}

/// The meeting's practice examples as presented: `titel`, `url`, `samenvatting` and `secties` (each `titel` and
/// `html`, the section from its `##` heading to the next). An empty list for any other kind of page.
pub fn meeting_examples(values: &Values<'_>, meeting: &SitePage) -> Value {
    let Details::Bijeenkomst(details) = &meeting.page.meta.details else {
        return json!([]);
    };
    let site = values.site;
    let root = root_of(&meeting.page.url);
    let labels = values.labels.markdown();
    let wanted: Vec<String> = site
        .config
        .presentatie_secties
        .iter()
        .map(|s| loose_heading(s))
        .collect();
    let examples = details
        .praktijkvoorbeelden
        .iter()
        .filter_map(|r| site.lookup(&r.target, Some("praktijkvoorbeelden")))
        .enumerate()
        .map(|(n, example)| {
            let prefix = format!("dia-{}--", n + 1);
            let embed = Embedding {
                id_prefix: &prefix,
                heading_offset: 0,
                places: &OwnPages,
            };
            // Problems in the body were reported when the site was resolved.
            let rendered = markdown::render(&markdown::Input {
                body: example.page.body(),
                body_offset: example.page.body_start,
                file: &example.page.file,
                dir: example.page.dir(),
                key: &example.page.key,
                root: &root,
                trusted_html: site.config.html_toestaan,
                glossary: (!site.glossary.is_empty()).then_some(&site.glossary),
                links: site,
                labels: &labels,
                embed: Some(&embed),
            });
            let sections = sections(&rendered, &wanted);
            json!({
                "titel": example.page.meta.titel,
                "url": example.page.url,
                "samenvatting": example.page.meta.samenvatting.clone().unwrap_or_default(),
                "secties": sections,
            })
        })
        .collect::<Vec<_>>();
    Value::Array(examples)
}

/// The wanted sections of a rendered body, in the order wanted, each once. A section runs from its `<h2>` to the
/// next heading of the same level in the table of contents, or to the end of the body.
fn sections(rendered: &markdown::Rendered, wanted: &[String]) -> Vec<Value> {
    let html = &rendered.html;
    let starts: Vec<(usize, &markdown::TocEntry)> = rendered
        .toc
        .iter()
        .filter(|e| e.niveau == 2)
        .filter_map(|e| Some((html.find(&format!("<h2 id=\"{}\"", e.id))?, e)))
        .collect();
    wanted
        .iter()
        .filter_map(|w| {
            starts
                .iter()
                .position(|(_, e)| loose_heading(&e.titel) == *w)
        })
        .map(|i| {
            let (start, entry) = starts[i];
            let end = starts.get(i + 1).map_or(html.len(), |(s, _)| *s);
            json!({ "titel": entry.titel, "html": html[start..end].trim_end() })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(html: &str, toc: &[(u8, &str, &str)]) -> markdown::Rendered {
        markdown::Rendered {
            html: html.to_string(),
            toc: toc
                .iter()
                .map(|(niveau, id, titel)| markdown::TocEntry {
                    niveau: *niveau,
                    id: id.to_string(),
                    titel: titel.to_string(),
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn sections_are_cut_at_the_next_second_level_heading_in_the_order_wanted() {
        let r = rendered(
            "<p>intro</p>\n<h2 id=\"a\">Wat levert het op?</h2>\n<p>veel</p>\n<h3 id=\"c\">Cijfers</h3>\n<p>3</p>\n\
             <h2 id=\"b\">Hoe werkt het</h2>\n<p>zo</p>\n<h2 id=\"d\">Meer weten?</h2>\n<p>x</p>\n",
            &[
                (2, "a", "Wat levert het op?"),
                (3, "c", "Cijfers"),
                (2, "b", "Hoe werkt het"),
                (2, "d", "Meer weten?"),
            ],
        );
        let wanted = ["Hoe werkt het?", "Wat levert het op?", "Tips"].map(loose_heading);
        let got = sections(&r, &wanted);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0]["titel"], "Hoe werkt het");
        assert_eq!(got[0]["html"], "<h2 id=\"b\">Hoe werkt het</h2>\n<p>zo</p>");
        assert_eq!(got[1]["titel"], "Wat levert het op?");
        assert_eq!(
            got[1]["html"],
            "<h2 id=\"a\">Wat levert het op?</h2>\n<p>veel</p>\n<h3 id=\"c\">Cijfers</h3>\n<p>3</p>"
        );
    }
}
