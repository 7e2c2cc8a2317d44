//! The site configuration, `kennisbank.yaml`: title, base URL, language, theme, the order of sections and the
//! allowed themes. Keys are Dutch, like the front matter, because the maintainers are.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Sources};
use crate::text::slugify;

pub const CONFIG_FILE: &str = "kennisbank.yaml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub titel: String,
    #[serde(default)]
    pub ondertitel: String,
    #[serde(default)]
    pub uitgever: String,
    /// The edition as the printed handbook's cover names it, e.g. "Editie 2026".
    #[serde(default)]
    pub editie: String,
    /// The date on the printed handbook's cover; by default the newest date of any page.
    #[serde(default)]
    pub datum: Option<chrono::NaiveDate>,
    /// Absolute URL the public site is published under, with a trailing slash.
    #[serde(default)]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub taal: String,
    /// The theme: a folder under `themes/`.
    #[serde(default = "default_theme")]
    pub vormgeving: String,
    /// The output folder, relative to the site folder.
    #[serde(default = "default_output")]
    pub uitvoer: String,
    /// The folder of the search index, relative to the site folder; each edition has its own subfolder.
    #[serde(default = "default_search_index")]
    pub zoekindex: String,
    /// Raw HTML in Markdown is trusted as is (otherwise it is sanitised).
    #[serde(default)]
    pub html_toestaan: bool,
    /// How many pages a section or taxonomy list shows before it continues on a next page.
    #[serde(default = "default_per_page")]
    pub per_pagina: usize,
    #[serde(default)]
    pub secties: Vec<SectionConfig>,
    #[serde(default)]
    pub themas: Vec<String>,
    /// The questions every praktijkvoorbeeld answers under a heading of its own; `kennisbank check` reports each
    /// one a practice example leaves out. An empty list turns the check off.
    #[serde(default = "default_questions")]
    pub standaardvragen: Vec<String>,
    /// The sections of each practice example that a meeting (`bijeenkomst`) shows in presentation mode, after the
    /// example's summary, matched to its headings as the standard questions are.
    #[serde(default = "default_presented_sections")]
    pub presentatie_secties: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionConfig {
    pub map: String,
    pub titel: String,
}

fn default_language() -> String {
    "nl".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_search_index() -> String {
    "search-index".into()
}
fn default_per_page() -> usize {
    50
}
fn default_output() -> String {
    "public".into()
}

/// The questions of the Dutch practice-example databases that the bundled practice examples answer (nearly)
/// all. The rest of that list (whether the target group was involved, how it is secured and financed, contact
/// details) is often unknown to whoever writes up an example, and contacts have their own field, so they are
/// not asked by default.
pub fn default_questions() -> Vec<String> {
    [
        "Op welke vraag of behoefte geeft dit praktijkvoorbeeld antwoord?",
        "Hoe werkt het?",
        "Wat levert het op?",
        "Met wie wordt samengewerkt?",
        "Tips (succesfactoren en valkuilen)",
        "Meer weten?",
    ]
    .map(String::from)
    .to_vec()
}

pub fn default_presented_sections() -> Vec<String> {
    [
        "Hoe werkt het?",
        "Wat levert het op?",
        "Tips (succesfactoren en valkuilen)",
    ]
    .map(String::from)
    .to_vec()
}

impl Config {
    /// Reads and checks `kennisbank.yaml` in the site folder.
    pub fn load(site: &Path, sources: &Sources) -> Result<Config, Vec<Diagnostic>> {
        let path = site.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                return Err(vec![Diagnostic::error(format!(
                    "cannot read the site configuration {}: {e}",
                    path.display()
                ))
                .hint(format!(
                    "run kennisbank in a site folder (one with {CONFIG_FILE} and content/), \
                     pass --site <folder>, or start one with `kennisbank init <folder>`"
                ))])
            }
        };
        sources.add(CONFIG_FILE, Arc::from(text.as_str()));
        let config: Config = serde_yaml::from_str(&text).map_err(|e| {
            let span = e.location().map(|l| l.index()..l.index() + 1);
            vec![Diagnostic::error(format!(
                "{CONFIG_FILE} is not valid: {}",
                strip_location(&e)
            ))
            .in_file(CONFIG_FILE)
            .at_opt(span)
            .hint("see the README, section \"kennisbank.yaml\", for the keys and their meaning")]
        })?;
        config.check(&text)?;
        Ok(config)
    }

    fn check(&self, text: &str) -> Result<(), Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let at = |needle: &str| text.find(needle).map(|i| i..i + needle.len());
        let absolute =
            self.base_url.starts_with("https://") || self.base_url.starts_with("http://");
        if !(self.base_url.is_empty() || absolute) {
            problems.push(
                Diagnostic::error("`base_url` must be an absolute http(s) URL")
                    .in_file(CONFIG_FILE)
                    .at_opt(at("base_url"))
                    .hint("e.g. base_url: https://www.example.nl/kennisbank/"),
            );
        }
        if self.per_pagina == 0 {
            problems.push(
                Diagnostic::error("`per_pagina` must be 1 or more")
                    .in_file(CONFIG_FILE)
                    .at_opt(at("per_pagina"))
                    .hint("e.g. per_pagina: 50"),
            );
        }
        for (key, value, example) in [
            ("uitvoer", &self.uitvoer, "public"),
            ("zoekindex", &self.zoekindex, "search-index"),
        ] {
            if let Some(what) = folder_problem(value) {
                problems.push(
                    Diagnostic::error(format!("`{key}` must be a folder inside the site, not `{value}` ({what})"))
                        .in_file(CONFIG_FILE)
                        .at_opt(at(&format!("{key}:")))
                        .hint(format!("a build deletes and replaces this folder; give it a folder of its own inside the site, e.g. `{key}: {example}`")),
                );
            }
        }
        if !is_plain_name(&self.vormgeving) {
            problems.push(
                Diagnostic::error(format!(
                    "`vormgeving` must be the name of a folder under themes/, not `{}`",
                    self.vormgeving
                ))
                .in_file(CONFIG_FILE)
                .at_opt(at("vormgeving:"))
                .hint(
                    "e.g. `vormgeving: default`, or the name of your own theme's folder in themes/",
                ),
            );
        }
        let mut seen = std::collections::BTreeSet::new();
        for theme in &self.themas {
            if !seen.insert(slugify(theme)) {
                problems.push(
                    Diagnostic::error(format!("the theme `{theme}` is listed twice in `themas`"))
                        .in_file(CONFIG_FILE)
                        .at_opt(at(theme))
                        .hint("names that differ only in capitals, spaces or accents are one theme; remove one"),
                );
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for section in &self.secties {
            if !is_plain_name(&section.map) {
                problems.push(
                    Diagnostic::error(format!("`{}` is not a folder name under content/", section.map))
                        .in_file(CONFIG_FILE)
                        .at_opt(at(&section.map))
                        .hint("`map` is the name of a folder directly under content/, e.g. praktijkvoorbeelden"),
                );
            }
            if !seen.insert(section.map.as_str()) {
                problems.push(
                    Diagnostic::error(format!(
                        "the section `{}` is listed twice in `secties`",
                        section.map
                    ))
                    .in_file(CONFIG_FILE)
                    .at_opt(at(&section.map))
                    .hint("list each folder once in `secties`; remove the second one"),
                );
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// The base URL with exactly one trailing slash, or empty.
    pub fn base(&self) -> String {
        if self.base_url.is_empty() {
            String::new()
        } else {
            format!("{}/", self.base_url.trim_end_matches('/'))
        }
    }

    /// The path part of the base URL (`/smw/`), used by pages served at any depth such as the 404 page.
    pub fn base_path(&self) -> String {
        let base = self.base();
        let after_scheme = base.split_once("://").map_or("", |(_, rest)| rest);
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_string(),
            None => "/".to_string(),
        }
    }

    /// The configured title of a section folder, if it is configured.
    pub fn section_title(&self, folder: &str) -> Option<&str> {
        self.secties
            .iter()
            .find(|s| s.map == folder)
            .map(|s| s.titel.as_str())
    }

    /// The canonical name of a theme, matched on its slug (case and spacing do not matter).
    pub fn theme_named(&self, value: &str) -> Option<&str> {
        let wanted = slugify(value);
        self.themas
            .iter()
            .find(|t| slugify(t) == wanted)
            .map(|t| t.as_str())
    }
}

/// serde_yaml appends " at line X column Y" to its messages; diagnostics show the position themselves.
/// A folder name without `/`, not hidden and not empty, as `map` and `vormgeving` need.
fn is_plain_name(name: &str) -> bool {
    !(name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.'))
}

/// Why a folder the build replaces (`uitvoer`, `zoekindex`) may not be where it is: outside the site, the site
/// itself, or one of the site's own folders. `None` when it is fine.
fn folder_problem(folder: &str) -> Option<&'static str> {
    use std::path::Component;
    let path = Path::new(folder);
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy()),
            Component::CurDir => {}
            Component::ParentDir => return Some("it goes up out of the site"),
            Component::RootDir | Component::Prefix(_) => return Some("it is an absolute path"),
        }
    }
    match parts.first().map(|p| p.as_ref()) {
        None => Some("that is the site itself"),
        Some("content" | "themes" | "templates" | ".git" | CONFIG_FILE) => {
            Some("that holds the site's own files")
        }
        Some(_) => None,
    }
}

pub fn strip_location(error: &serde_yaml::Error) -> String {
    let message = error.to_string();
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Config {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn output_folders_stay_inside_the_site_and_off_its_own_files() {
        for fine in ["public", "./public", "build/site", "zoek-index"] {
            assert_eq!(folder_problem(fine), None, "{fine}");
        }
        for bad in [
            "..",
            "/",
            "/tmp/x",
            "../buiten",
            ".",
            "",
            "content",
            "content/x",
            "themes",
            "kennisbank.yaml",
            "public/../..",
        ] {
            assert!(folder_problem(bad).is_some(), "{bad}");
        }
        assert!(is_plain_name("default") && !is_plain_name("../buiten") && !is_plain_name(".."));
    }

    #[test]
    fn base_path_of_sub_path_site() {
        let c = parse("titel: x\nbase_url: https://example.nl/smw");
        assert_eq!(c.base(), "https://example.nl/smw/");
        assert_eq!(c.base_path(), "/smw/");
        assert_eq!(
            parse("titel: x\nbase_url: https://example.nl").base_path(),
            "/"
        );
        assert_eq!(parse("titel: x").base_path(), "/");
    }

    #[test]
    fn standard_questions_have_a_default_and_can_be_replaced() {
        assert_eq!(parse("titel: x").standaardvragen, default_questions());
        assert_eq!(
            parse("titel: x\nstandaardvragen: [Hoe werkt het?]").standaardvragen,
            ["Hoe werkt het?"]
        );
        assert!(parse("titel: x\nstandaardvragen: []")
            .standaardvragen
            .is_empty());
    }

    #[test]
    fn themes_match_on_slug() {
        let c = parse("titel: x\nthemas: [Verzuim en thuiszitters]");
        assert_eq!(
            c.theme_named("verzuim en thuiszitters"),
            Some("Verzuim en thuiszitters")
        );
        assert_eq!(
            c.theme_named("verzuim-en-thuiszitters"),
            Some("Verzuim en thuiszitters")
        );
        assert_eq!(c.theme_named("verzuim"), None);
    }
}
