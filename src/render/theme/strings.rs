//! The theme's Dutch interface strings, `nl.yaml`: the built-in theme's file, with the site's own
//! `themes/<vormgeving>/nl.yaml` merged over it key by key. A site that wants to change one string writes only
//! that key (nested keys under their group, e.g. `types:` then `praktijkvoorbeeld: Voorbeeld`); every other
//! string stays the built-in one. A list (`maanden`) is replaced whole. A key the built-in file does not have is
//! added, for a site's own templates.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::Value;

use super::layers::{builtin_file, Layers, ThemeFile};
use crate::diagnostic::{Diagnostic, Sources};

pub const TRANSLATIONS: &str = "nl.yaml";

/// The interface strings the engine itself needs; the translation file has them beside the templates' own.
#[derive(Debug, Clone, Deserialize)]
pub struct Labels {
    pub types: BTreeMap<String, String>,
    pub onderwijstypes: BTreeMap<String, String>,
    pub maanden: Vec<String>,
    pub taxonomieen: BTreeMap<String, String>,
    pub home_titel: String,
    pub niet_gevonden: String,
    pub heading_anchor: String,
    pub taak_gedaan: String,
    pub taak_open: String,
}

const NEEDED: &str = "the file needs the keys types, onderwijstypes, maanden, taxonomieen, home_titel, niet_gevonden, heading_anchor, taak_gedaan and taak_open";

/// Every string (for templates, as `t`) and the engine's own labels among them.
pub fn load(layers: &Layers, sources: &Sources) -> Result<(Value, Labels), Diagnostic> {
    let mut strings = Value::Object(serde_json::Map::new());
    let mut last = None;
    for file in [builtin_file(TRANSLATIONS), layers.site_file(TRANSLATIONS)]
        .into_iter()
        .flatten()
    {
        let text = file.text()?;
        sources.add(&file.shown, Arc::from(text.as_str()));
        let value = parse(&file, &text)?;
        merge(&mut strings, value, &mut Vec::new())
            .map_err(|(path, problem)| mismatch(&file, &text, &path, &problem))?;
        last = Some(file.shown);
    }
    let labels = serde_json::from_value::<Labels>(strings.clone()).map_err(|e| {
        Diagnostic::error(format!("the theme's translations are not valid: {e}"))
            .in_file(last.unwrap_or_else(|| TRANSLATIONS.to_string()))
            .hint(NEEDED)
    })?;
    Ok((strings, labels))
}

fn parse(file: &ThemeFile, text: &str) -> Result<Value, Diagnostic> {
    match serde_yaml::from_str::<Value>(text) {
        // An empty file changes nothing.
        Ok(Value::Null) => Ok(Value::Object(serde_json::Map::new())),
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err(Diagnostic::error(format!(
            "{} must be a list of keys with their text",
            file.shown
        ))
        .in_file(&file.shown)
        .hint("e.g. `home_titel: Welkom`, one key on each line")),
        Err(e) => {
            let at = e.location().map_or(0, |l| l.index());
            Err(Diagnostic::error(format!(
                "the theme's translations are not valid: {}",
                crate::config::strip_location(&e)
            ))
            .in_file(&file.shown)
            .at(at..at + 1)
            .hint("YAML does not allow tabs for indentation; a text containing `: ` or `#` needs quotes"))
        }
    }
}

/// Merges `over` into `base` key by key. A value must keep its kind: a group of keys stays a group, a list a
/// list, a text a text; otherwise the path of the key and what it was are returned.
fn merge(
    base: &mut Value,
    over: Value,
    path: &mut Vec<String>,
) -> Result<(), (Vec<String>, String)> {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => {
            for (key, value) in over {
                path.push(key.clone());
                match base.get_mut(&key) {
                    Some(existing) => merge(existing, value, path)?,
                    None => {
                        base.insert(key, value);
                    }
                }
                path.pop();
            }
            Ok(())
        }
        (base, over) if kind(base) == kind(&over) || matches!(base, Value::Null) => {
            *base = over;
            Ok(())
        }
        (base, over) => Err((
            path.clone(),
            format!(
                "is {} in the built-in theme, but {} here",
                kind(base),
                kind(&over)
            ),
        )),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Object(_) => "a group of keys",
        Value::Array(_) => "a list",
        Value::String(_) | Value::Number(_) | Value::Bool(_) => "a text",
        Value::Null => "empty",
    }
}

fn mismatch(file: &ThemeFile, text: &str, path: &[String], problem: &str) -> Diagnostic {
    let key = path.last().map(String::as_str).unwrap_or_default();
    let span = text.find(&format!("{key}:")).map(|at| at..at + key.len());
    Diagnostic::error(format!("`{}` {problem}", path.join(".")))
        .in_file(&file.shown)
        .at_opt(span)
        .hint("write only the keys you want to change, in the same form as in the built-in theme's nl.yaml (see the README, \"Themes\")")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn merges_key_by_key_and_replaces_lists_whole() {
        let mut base = yaml("a: een\ngroep:\n  x: 1\n  y: 2\nlijst: [a, b]\n");
        merge(
            &mut base,
            yaml("groep:\n  y: twee\nlijst: [c]\nnieuw: ja\n"),
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(
            base,
            yaml("a: een\ngroep:\n  x: 1\n  y: twee\nlijst: [c]\nnieuw: ja\n")
        );
    }

    #[test]
    fn a_value_of_another_kind_names_its_key() {
        let mut base = yaml("types:\n  begrip: Begrip\n");
        let (path, problem) =
            merge(&mut base, yaml("types: Soorten\n"), &mut Vec::new()).unwrap_err();
        assert_eq!(path, vec!["types".to_string()]);
        assert_eq!(
            problem,
            "is a group of keys in the built-in theme, but a text here"
        );
    }

    #[test]
    fn the_built_in_strings_have_every_label() {
        let site = tempfile::tempdir().unwrap();
        let layers = Layers::open(site.path(), "default").unwrap();
        let (strings, labels) = load(&layers, &Sources::default()).unwrap();
        assert_eq!(labels.maanden.len(), 12);
        assert!(strings["pdf"].is_object());
    }
}
