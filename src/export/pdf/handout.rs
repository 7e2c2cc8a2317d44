//! The handout of a theme meeting (`--bijeenkomst`): which pages it holds (the meeting, then the practice
//! examples it presented, in the meeting's order) and the QR code that sends a reader of paper to each example
//! on the website. How the handout looks is the print template's business (its handout mode); the pages are
//! composed as for the handbook, by [`super::book`].

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::body::Links;
use super::book::{Chapter, Composer, Style};
use super::qr;
use crate::config::CONFIG_FILE;
use crate::content::{Details, Kind};
use crate::diagnostic::Diagnostic;
use crate::site::SitePage;

impl Composer<'_> {
    /// The handout's two runs of pages, its title and its subtitle. Reports every problem at once: the meeting
    /// named wrongly and an empty `base_url` (the QR codes need the website's address).
    #[allow(clippy::type_complexity)]
    pub(super) fn handout_chapters(
        &self,
        name: &str,
    ) -> Result<(Vec<Chapter>, String, String), Vec<Diagnostic>> {
        let site = self.site;
        let mut problems = Vec::new();
        let meeting = match self.find_page(name) {
            Ok(key) => site.page(&key).filter(|sp| {
                let is_meeting = sp.page.kind == Kind::Bijeenkomst;
                if !is_meeting {
                    problems.push(self.not_a_meeting(name, sp));
                }
                is_meeting
            }),
            Err(problem) => {
                problems.push(problem);
                None
            }
        };
        if site.config.base().is_empty() {
            let at = self
                .sources
                .get(CONFIG_FILE)
                .and_then(|text| text.find("base_url").map(|i| i..i + "base_url".len()));
            problems.push(
                Diagnostic::error(
                    "the handout's QR codes link to the published website, but `base_url` is empty",
                )
                .in_file(CONFIG_FILE)
                .at_opt(at)
                .hint("set `base_url:` in kennisbank.yaml to the website's address, e.g. base_url: https://www.example.nl/kennisbank/"),
            );
        }
        let Some(meeting) = meeting.filter(|_| problems.is_empty()) else {
            return Err(problems);
        };

        // Examples the edition does not have (internal ones in a public handout) are left out without a word.
        let mut examples: Vec<String> = Vec::new();
        if let Details::Bijeenkomst(b) = &meeting.page.meta.details {
            for target in b
                .praktijkvoorbeelden
                .iter()
                .filter_map(|r| site.lookup(&r.target, Some("praktijkvoorbeelden")))
            {
                if !examples.contains(&target.page.key) {
                    examples.push(target.page.key.clone());
                }
            }
        }
        let title = meeting.page.meta.titel.clone();
        let run = |label: &str, title: String, pages: Vec<String>, qr_codes: bool| Chapter {
            label: label.to_string(),
            title,
            shown: false,
            numbered: false,
            appendix: false,
            intro: None,
            pages,
            style: Style::Pages,
            qr_codes,
        };
        let mut chapters = vec![run(
            "handout:bijeenkomst",
            title.clone(),
            vec![meeting.page.key.clone()],
            false,
        )];
        if !examples.is_empty() {
            chapters.push(run(
                "handout:praktijkvoorbeelden",
                self.t("gepresenteerde_praktijkvoorbeelden"),
                examples,
                true,
            ));
        }
        Ok((chapters, title, site.config.titel.clone()))
    }

    fn not_a_meeting(&self, name: &str, sp: &SitePage) -> Diagnostic {
        let meetings: Vec<String> = self
            .site
            .pages_of_kind(Kind::Bijeenkomst)
            .map(|m| m.page.file.trim_start_matches("content/").to_string())
            .collect();
        let hint = if meetings.is_empty() {
            "a handout is made of a theme meeting, a page under content/bijeenkomsten/; this edition has none: \
             add one with `kennisbank new bijeenkomst \"Titel\"`"
                .to_string()
        } else {
            format!(
                "a handout is made of a theme meeting, a page under content/bijeenkomsten/: {}",
                meetings.join(", ")
            )
        };
        Diagnostic::error(format!(
            "`{name}` is a {}, not a theme meeting (bijeenkomst)",
            sp.page.kind.name()
        ))
        .in_file(&sp.page.file)
        .at(0..3.min(sp.page.text.len()))
        .hint(hint)
    }

    /// A practice example's QR code: its image, added to the book's files, and the address it holds, printed
    /// beside it. An internal page has none: the published website does not have it.
    pub(super) fn qr_code(
        &self,
        sp: &SitePage,
        links: &Links<'_>,
        images: &mut BTreeMap<String, Vec<u8>>,
        problems: &mut Vec<Diagnostic>,
    ) -> Value {
        let url = links.published(&sp.page.url);
        if !sp.page.is_public() || url.is_empty() {
            return Value::Null;
        }
        match qr::png(&url) {
            Ok(png) => {
                let src = format!("/qr/{}.png", sp.page.key);
                images.insert(src.clone(), png);
                json!({ "src": src, "url": url })
            }
            Err(problem) => {
                problems.push(
                    Diagnostic::error(problem)
                        .in_file(&sp.page.file)
                        .hint("shorten the file's name or base_url in kennisbank.yaml"),
                );
                Value::Null
            }
        }
    }
}
