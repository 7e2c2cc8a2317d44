//! The schema of each content type, applied to parsed YAML: required and optional fields, allowed values, and
//! an error with a position for everything else. All problems of a file are collected, not just the first.

use std::ops::Range;

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use super::locate::Locator;
use super::model::*;
use crate::config::Config;
use crate::diagnostic::{closest, Diagnostic};

static EMPTY: std::sync::LazyLock<Mapping> = std::sync::LazyLock::new(Mapping::new);

/// The allowed values of `onderwijstype`.
pub const ONDERWIJSTYPES: [&str; 7] = ["po", "vo", "mbo", "so", "vso", "sbo", "voorschool"];

/// Fields every content type accepts.
pub const FIELDS_COMMON: [&str; 11] = [
    "titel",
    "samenvatting",
    "zichtbaarheid",
    "datum",
    "bijgewerkt",
    "thema",
    "onderwijstype",
    "regio",
    "bron",
    "trefwoorden",
    "volgorde",
];

/// Reads the front matter of one page. `yaml` is the text between the `---` lines, starting at `offset` in the
/// file; `value` is what serde_yaml made of it.
pub fn read(
    kind: Kind,
    value: &Value,
    locator: Locator<'_>,
    file: &str,
    config: &Config,
    errors: &mut Vec<Diagnostic>,
) -> Meta {
    let empty = Mapping::new();
    let map = match value {
        Value::Mapping(map) => map,
        Value::Null => &empty,
        _ => {
            errors.push(
                Diagnostic::error("the front matter is not a list of `key: value` lines")
                    .in_file(file)
                    .at(locator.file_span(0..locator.yaml.len().min(1)))
                    .hint(
                        "write one field per line, e.g. `titel: Een brugfunctie in het onderwijs`",
                    ),
            );
            &empty
        }
    };
    let mut f = Fields {
        map,
        block: locator.all(),
        locator,
        file,
        errors,
        known: Vec::new(),
        what: format!("a {}", kind.name()),
    };
    let required =
        |k: Kind| -> bool { k != Kind::Pagina && k != Kind::Contact && k != Kind::Begrip };
    let mut meta = Meta {
        titel: f.text("titel", true).unwrap_or_default(),
        samenvatting: f.text("samenvatting", required(kind)),
        zichtbaarheid: f.visibility(Visibility::Publiek),
        datum: f.date(
            "datum",
            matches!(kind, Kind::Praktijkvoorbeeld | Kind::Bijeenkomst),
        ),
        bijgewerkt: f.date("bijgewerkt", false),
        thema: f.themes(config, kind == Kind::Praktijkvoorbeeld),
        onderwijstype: f.choices(
            "onderwijstype",
            &ONDERWIJSTYPES,
            kind == Kind::Praktijkvoorbeeld,
        ),
        regio: f.text(
            "regio",
            matches!(kind, Kind::Praktijkvoorbeeld | Kind::Contact),
        ),
        bronnen: f.sources(matches!(
            kind,
            Kind::Praktijkvoorbeeld | Kind::Werkwijze | Kind::Artikel | Kind::Bijeenkomst
        )),
        trefwoorden: f.texts("trefwoorden", false),
        volgorde: f.int("volgorde"),
        details: Details::Pagina,
    };
    meta.details = match kind {
        Kind::Praktijkvoorbeeld => Details::Praktijkvoorbeeld(Praktijkvoorbeeld {
            organisaties: f.texts("organisaties", true),
            gemeente: f.text("gemeente", false),
            doelgroep: f.text("doelgroep", false),
            leeftijd: f.text("leeftijd", false),
            periode: f.text("periode", false),
            contacten: f.refs("contacten", false),
        }),
        Kind::Werkwijze => Details::Werkwijze {
            fasen: f.items("fasen", true, "a phase in `fasen`", |f| Fase {
                naam: f.text("naam", true).unwrap_or_default(),
                samenvatting: f.text("samenvatting", false),
                stappen: f.texts("stappen", false),
                voorwaarden: f.texts("voorwaarden", false),
                rollen: f.texts("rollen", false),
                duur: f.text("duur", false),
            }),
        },
        Kind::Contact => Details::Contact(ContactSheet {
            organisaties: f.items(
                "organisaties",
                true,
                "an organisation in `organisaties`",
                |f| Organisatie {
                    naam: f.text("naam", true).unwrap_or_default(),
                    soort: f.text("soort", false),
                    plaats: f.text("plaats", false),
                    website: f.web_address("website"),
                    telefoon: f.text("telefoon", false),
                    zichtbaarheid: f.visibility(Visibility::Publiek),
                },
            ),
            personen: f.items("personen", false, "a person in `personen`", |f| Persoon {
                naam: f.text("naam", true).unwrap_or_default(),
                rol: f.text("rol", false),
                organisatie: f.text("organisatie", false),
                email: f.text("email", false),
                telefoon: f.text("telefoon", false),
                // Personal data is published only where that is meant (AVG).
                zichtbaarheid: f.visibility(Visibility::Intern),
            }),
        }),
        Kind::Begrip => Details::Begrip(Begrip {
            betekenis: f.text("betekenis", true).unwrap_or_default(),
            afkortingen: f.texts("afkortingen", false),
            varianten: f.texts("varianten", false),
            verwant: f.refs("verwant", false),
        }),
        Kind::Leerroute => Details::Leerroute {
            stappen: f.items("stappen", true, "a step in `stappen`", |f| Stap {
                pagina: f.reference("pagina", true).unwrap_or(Ref {
                    target: String::new(),
                    span: 0..0,
                }),
                toelichting: f.text("toelichting", false),
            }),
        },
        Kind::Bijeenkomst => Details::Bijeenkomst(Bijeenkomst {
            organisatoren: f.texts("organisatoren", false),
            locatie: f.text("locatie", false),
            programma: f.items("programma", false, "an item in `programma`", |f| {
                Programmaonderdeel {
                    tijd: f.text("tijd", false),
                    onderdeel: f.text("onderdeel", true).unwrap_or_default(),
                }
            }),
            workshops: f.items("workshops", false, "a workshop in `workshops`", |f| {
                Workshop {
                    titel: f.text("titel", true).unwrap_or_default(),
                    omschrijving: f.text("omschrijving", false),
                    praktijkvoorbeeld: f.reference("praktijkvoorbeeld", false),
                }
            }),
            stellingen: f.items("stellingen", false, "a statement in `stellingen`", |f| {
                Stelling {
                    stelling: f.text("stelling", true).unwrap_or_default(),
                    uitkomst: f.text("uitkomst", false),
                    eens: f.count("eens"),
                    oneens: f.count("oneens"),
                }
            }),
            praktijkvoorbeelden: f.refs("praktijkvoorbeelden", false),
        }),
        Kind::Artikel => Details::Artikel,
        Kind::Pagina => Details::Pagina,
    };
    f.finish();
    meta
}

/// A reader over one YAML mapping that records which keys the schema knows and reports problems with positions.
struct Fields<'a, 'e> {
    map: &'a Mapping,
    /// Where this mapping stands in the YAML text.
    block: Range<usize>,
    locator: Locator<'a>,
    file: &'a str,
    errors: &'e mut Vec<Diagnostic>,
    known: Vec<&'static str>,
    /// What this mapping is, for messages: "a praktijkvoorbeeld", "a person in `personen`".
    what: String,
}

impl<'a> Fields<'a, '_> {
    fn get(&mut self, key: &'static str) -> Option<&'a Value> {
        self.known.push(key);
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    fn key_span(&self, key: &str) -> Range<usize> {
        let span = self
            .locator
            .key(&self.block, key)
            .unwrap_or(self.block.start..self.block.start);
        self.locator.file_span(span)
    }

    /// The span of a value under `key`, found by its text; the key's span when not found.
    fn value_span(&self, key: &str, needle: &str) -> Range<usize> {
        let key_span = self.locator.key(&self.block, key);
        let within = key_span.map_or(self.block.clone(), |k| self.locator.block(&k));
        match self.locator.find(&within, needle) {
            Some(span) => self.locator.file_span(span),
            None => self.key_span(key),
        }
    }

    fn error(&mut self, span: Range<usize>, message: String, hint: Option<String>) {
        let mut d = Diagnostic::error(message).in_file(self.file).at(span);
        if let Some(h) = hint {
            d = d.hint(h);
        }
        self.errors.push(d);
    }

    fn missing(&mut self, key: &str, example: &str) {
        let span = match self.locator.key(&self.block, key) {
            // Present but empty.
            Some(span) => self.locator.file_span(span),
            None => {
                let start = self.locator.file_span(self.block.clone()).start;
                start..start
            }
        };
        self.error(
            span,
            format!("missing required field `{key}` in {}", self.what),
            Some(format!("add a line like `{key}: {example}`")),
        );
    }

    fn text(&mut self, key: &'static str, required: bool) -> Option<String> {
        match self.get(key) {
            None => {
                if required {
                    self.missing(key, "…");
                }
                None
            }
            Some(v) => match scalar(v) {
                Some(s) if s.trim().is_empty() && required => {
                    self.missing(key, "…");
                    None
                }
                Some(s) if s.trim().is_empty() => None,
                Some(s) => Some(s.trim().to_string()),
                None => {
                    let span = self.key_span(key);
                    self.error(
                        span,
                        format!("`{key}` must be a piece of text, not {}", describe(v)),
                        Some(format!("write it on one line: `{key}: …`")),
                    );
                    None
                }
            },
        }
    }

    /// A list of texts; a single text is accepted as a list of one.
    fn texts(&mut self, key: &'static str, required: bool) -> Vec<String> {
        self.texts_with_spans(key, required)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    fn texts_with_spans(
        &mut self,
        key: &'static str,
        required: bool,
    ) -> Vec<(String, Range<usize>)> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(key, "[…, …]");
            }
            return Vec::new();
        };
        let items: Vec<&Value> = match value {
            Value::Sequence(seq) => seq.iter().collect(),
            other => vec![other],
        };
        let mut out = Vec::new();
        for item in items {
            match scalar(item) {
                Some(s) if s.trim().is_empty() => {}
                Some(s) => {
                    let span = self.value_span(key, s.trim());
                    out.push((s.trim().to_string(), span));
                }
                None => {
                    let span = self.key_span(key);
                    self.error(
                        span,
                        format!(
                            "`{key}` must be a list of texts, but one item is {}",
                            describe(item)
                        ),
                        Some(format!(
                            "write `{key}: [eerste, tweede]` or one `- item` per line"
                        )),
                    );
                }
            }
        }
        if out.is_empty() && required {
            self.missing(key, "[…, …]");
        }
        out
    }

    fn choices(&mut self, key: &'static str, allowed: &[&str], required: bool) -> Vec<String> {
        let mut out = Vec::new();
        for (value, span) in self.texts_with_spans(key, required) {
            let lower = value.to_lowercase();
            if allowed.contains(&lower.as_str()) {
                if !out.contains(&lower) {
                    out.push(lower);
                }
            } else {
                let hint = match closest(&lower, allowed.iter().copied()) {
                    Some(c) => format!("did you mean `{c}`? Allowed: {}", allowed.join(", ")),
                    None => format!("allowed values: {}", allowed.join(", ")),
                };
                self.error(
                    span,
                    format!("`{value}` is not an allowed value of `{key}`"),
                    Some(hint),
                );
            }
        }
        out
    }

    fn themes(&mut self, config: &Config, required: bool) -> Vec<String> {
        let mut out = Vec::new();
        for (value, span) in self.texts_with_spans("thema", required) {
            match config.theme_named(&value) {
                Some(name) => {
                    if !out.iter().any(|t| t == name) {
                        out.push(name.to_string());
                    }
                }
                None => {
                    let names = config.themas.iter().map(|t| t.as_str());
                    let hint = match closest(&value, names) {
                        Some(c) => format!("did you mean `{c}`? The themes are listed under `themas` in kennisbank.yaml"),
                        None => format!(
                            "use one of the themes listed under `themas` in kennisbank.yaml ({}), or add it there",
                            config.themas.join(", ")
                        ),
                    };
                    self.error(
                        span,
                        format!("`{value}` is not one of the site's themes"),
                        Some(hint),
                    );
                }
            }
        }
        out
    }

    /// A web address: it becomes a link, so only `http(s)://` (and `mailto:`) addresses are accepted, never
    /// `javascript:` or `data:`.
    fn web_address(&mut self, key: &'static str) -> Option<String> {
        let text = self.text(key, false)?;
        if is_web_address(&text) {
            return Some(text);
        }
        let span = self.value_span(key, &text);
        self.error(
            span,
            format!(
                "`{key}` must be a web address starting with https:// or http://, not `{text}`"
            ),
            Some(format!(
                "write the full address, e.g. `{key}: https://www.example.nl/`"
            )),
        );
        None
    }

    fn date(&mut self, key: &'static str, required: bool) -> Option<NaiveDate> {
        let text = self.text(key, required)?;
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                let span = self.value_span(key, &text);
                self.error(
                    span,
                    format!("`{key}` is not a date: `{text}`"),
                    Some(format!(
                        "write the date as year-month-day, e.g. `{key}: 2017-05-18`"
                    )),
                );
                None
            }
        }
    }

    fn int(&mut self, key: &'static str) -> Option<i64> {
        let value = self.get(key)?;
        let parsed = match value {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        };
        if parsed.is_none() {
            let span = self.key_span(key);
            self.error(
                span,
                format!("`{key}` must be a whole number, not {}", describe(value)),
                Some(format!("e.g. `{key}: 3`")),
            );
        }
        parsed
    }

    fn count(&mut self, key: &'static str) -> Option<u32> {
        let n = self.int(key)?;
        match u32::try_from(n) {
            Ok(n) => Some(n),
            Err(_) => {
                let span = self.key_span(key);
                self.error(
                    span,
                    format!("`{key}` must be a count of zero or more, not {n}"),
                    None,
                );
                None
            }
        }
    }

    fn visibility(&mut self, default: Visibility) -> Visibility {
        match self.text("zichtbaarheid", false).as_deref() {
            None => default,
            Some("publiek") => Visibility::Publiek,
            Some("intern") => Visibility::Intern,
            Some(other) => {
                let span = self.value_span("zichtbaarheid", other);
                self.error(
                    span,
                    format!("`{other}` is not an allowed value of `zichtbaarheid`"),
                    Some("write `zichtbaarheid: publiek` or `zichtbaarheid: intern`".into()),
                );
                default
            }
        }
    }

    fn reference(&mut self, key: &'static str, required: bool) -> Option<Ref> {
        let text = self.text(key, required)?;
        let span = self.value_span(key, &text);
        Some(Ref { target: text, span })
    }

    fn refs(&mut self, key: &'static str, required: bool) -> Vec<Ref> {
        self.texts_with_spans(key, required)
            .into_iter()
            .map(|(target, span)| Ref { target, span })
            .collect()
    }

    fn sources(&mut self, required: bool) -> Vec<Bron> {
        match self.map.get("bron") {
            Some(Value::Mapping(_)) => {
                // A single source written as a mapping.
                let key_span = self.locator.key(&self.block, "bron");
                self.known.push("bron");
                let block = key_span.map_or(self.block.clone(), |k| self.locator.block(&k));
                vec![self.nested(
                    self.map.get("bron"),
                    block,
                    "the source in `bron`",
                    read_bron,
                )]
            }
            _ => self.items("bron", required, "a source in `bron`", read_bron),
        }
    }

    /// A list of mappings, each read with `read_item`.
    fn items<T>(
        &mut self,
        key: &'static str,
        required: bool,
        what: &str,
        mut read_item: impl FnMut(&mut Fields<'a, '_>) -> T,
    ) -> Vec<T> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(key, "(a list, see the README)");
            }
            return Vec::new();
        };
        let Value::Sequence(seq) = value else {
            let span = self.key_span(key);
            self.error(
                span,
                format!(
                    "`{key}` must be a list of items, each starting with `- `, not {}",
                    describe(value)
                ),
                Some("see the README for an example of this field".into()),
            );
            return Vec::new();
        };
        if seq.is_empty() && required {
            self.missing(key, "(a list, see the README)");
        }
        let key_span = self.locator.key(&self.block, key);
        let block = key_span.map_or(self.block.clone(), |k| self.locator.block(&k));
        seq.iter()
            .enumerate()
            .map(|(i, item)| {
                let item_block = self.locator.item(&block, i).unwrap_or(block.clone());
                self.nested(Some(item), item_block, what, &mut read_item)
            })
            .collect()
    }

    fn nested<T>(
        &mut self,
        value: Option<&'a Value>,
        block: Range<usize>,
        what: &str,
        read_item: impl FnOnce(&mut Fields<'a, '_>) -> T,
    ) -> T {
        let map = match value {
            Some(Value::Mapping(m)) => m,
            other => {
                let span = self.locator.file_span(block.start..block.start + 1);
                self.error(
                    span,
                    format!(
                        "{what} must be a group of `key: value` lines, not {}",
                        other.map_or("nothing".to_string(), describe)
                    ),
                    Some("see the README for an example of this field".into()),
                );
                &EMPTY
            }
        };
        let mut child = Fields {
            map,
            block,
            locator: self.locator,
            file: self.file,
            errors: self.errors,
            known: Vec::new(),
            what: what.to_string(),
        };
        let result = read_item(&mut child);
        child.finish();
        result
    }

    /// Reports every key the schema did not ask for.
    fn finish(self) {
        for key in self.map.keys() {
            let Some(name) = key.as_str() else {
                let span = self
                    .locator
                    .file_span(self.block.start..self.block.start + 1);
                self.errors.push(
                    Diagnostic::error(format!("a field name must be text, not {}", describe(key)))
                        .in_file(self.file)
                        .at(span),
                );
                continue;
            };
            if self.known.contains(&name) {
                continue;
            }
            let hint = match closest(name, self.known.iter().copied()) {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!("the fields of {} are: {}", self.what, self.known.join(", ")),
            };
            let span = self
                .locator
                .key(&self.block, name)
                .map(|s| self.locator.file_span(s))
                .unwrap_or_else(|| self.locator.file_span(self.block.start..self.block.start));
            self.errors.push(
                Diagnostic::error(format!("unknown field `{name}` in {}", self.what))
                    .in_file(self.file)
                    .at(span)
                    .hint(hint),
            );
        }
    }
}

fn read_bron(f: &mut Fields<'_, '_>) -> Bron {
    Bron {
        titel: f.text("titel", true).unwrap_or_default(),
        uitgever: f.text("uitgever", false),
        jaar: f.int("jaar"),
        url: f.web_address("url"),
        deel: f.text("deel", false),
    }
}

fn is_web_address(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
        && !text.contains(|c: char| c.is_whitespace() || c.is_control() || c == '"')
}

/// A scalar as text (numbers and booleans as the editor wrote them), or `None` for lists and mappings.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar(&t.value),
        _ => None,
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "empty".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text `{s}`"),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a group of fields".into(),
        Value::Tagged(t) => describe(&t.value),
    }
}

#[cfg(test)]
mod tests {
    use super::is_web_address;

    #[test]
    fn only_web_addresses_become_links() {
        assert!(is_web_address("https://www.nji.nl/"));
        assert!(is_web_address("HTTP://example.nl"));
        assert!(is_web_address("mailto:info@example.nl"));
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "https://",
            "www.nji.nl",
            "https://x.nl\" onclick=\"x",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
