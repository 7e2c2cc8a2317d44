//! Loads a theme: its tera templates (a site's own `templates/` folder overrides any of them by name), its Dutch
//! interface strings, and its static files. Template errors become diagnostics that name the template and line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use tera::Tera;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Sources};

/// The interface strings the engine itself needs; the theme's translation file has them beside its own.
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

impl Labels {
    /// The labels the Markdown renderer puts in its own markup.
    pub fn markdown(&self) -> crate::markdown::Labels {
        crate::markdown::Labels {
            anchor: self.heading_anchor.clone(),
            task_done: self.taak_gedaan.clone(),
            task_open: self.taak_open.clone(),
        }
    }
}

pub struct Theme {
    pub tera: Tera,
    /// The whole translation file, for templates (`t`).
    pub strings: serde_json::Value,
    pub labels: Labels,
    pub static_dir: PathBuf,
    /// Template name → the file it came from, as shown to the user.
    pub files: BTreeMap<String, String>,
}

const TRANSLATIONS: &str = "nl.yaml";

impl Theme {
    pub fn load(site: &Path, name: &str, sources: &Sources) -> Result<Theme, Vec<Diagnostic>> {
        let dir = site.join("themes").join(name);
        if !dir.is_dir() {
            return Err(vec![Diagnostic::error(format!("the theme `{name}` does not exist: there is no folder themes/{name}"))
                .in_file(crate::config::CONFIG_FILE)
                .hint("set `vormgeving` in kennisbank.yaml to a folder under themes/, e.g. `vormgeving: default`")]);
        }
        let mut problems = Vec::new();
        let mut templates: BTreeMap<String, (String, Arc<str>)> = BTreeMap::new();
        for (folder, shown_prefix) in [
            (dir.join("templates"), format!("themes/{name}/templates")),
            (site.join("templates"), "templates".to_string()),
        ] {
            for (template, file, text) in read_templates(&folder, &shown_prefix, &mut problems) {
                sources.add(&file, text.clone());
                templates.insert(template, (file, text));
            }
        }
        for (template, (file, text)) in &templates {
            if let Err(e) = tera::Template::new(template, None, text) {
                problems.push(template_error(&e, file, text));
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // tera's own escaping also turns `/` into `&#x2F;`, which makes every URL unreadable; `/` is harmless.
        tera.set_escape_fn(crate::text::escape_html);
        if problems.is_empty() {
            let raw = templates
                .iter()
                .map(|(name, (_, text))| (name.as_str(), text.as_ref()));
            if let Err(e) = tera.add_raw_templates(raw) {
                problems.push(
                    Diagnostic::error(format!("the theme's templates do not fit together: {}", chain(&e)))
                        .hint("check every {% extends %}, {% include %} and {% import %} names an existing template"),
                );
            }
        }
        for required in ["base.html", "home.html", "404.html"] {
            if !templates.contains_key(required) {
                problems.push(
                    Diagnostic::error(format!("the theme `{name}` has no template {required}"))
                        .hint(format!("add themes/{name}/templates/{required}")),
                );
            }
        }

        let strings_file = format!("themes/{name}/{TRANSLATIONS}");
        let (strings, labels) = match std::fs::read_to_string(dir.join(TRANSLATIONS)) {
            Ok(text) => {
                sources.add(&strings_file, Arc::from(text.as_str()));
                match (
                    serde_yaml::from_str::<serde_json::Value>(&text),
                    serde_yaml::from_str::<Labels>(&text),
                ) {
                    (Ok(strings), Ok(labels)) => (strings, Some(labels)),
                    (Err(e), _) | (_, Err(e)) => {
                        let at = e.location().map_or(0, |l| l.index());
                        problems.push(
                            Diagnostic::error(format!("the theme's translations are not valid: {}", crate::config::strip_location(&e)))
                                .in_file(&strings_file)
                                .at(at..at + 1)
                                .hint("the file needs the keys types, onderwijstypes, maanden, taxonomieen, home_titel, niet_gevonden, heading_anchor, taak_gedaan and taak_open"),
                        );
                        (serde_json::Value::Null, None)
                    }
                }
            }
            Err(e) => {
                problems.push(
                    Diagnostic::error(format!("cannot read {strings_file}: {e}")).hint(
                        "every theme has one translation file with all its interface strings",
                    ),
                );
                (serde_json::Value::Null, None)
            }
        };
        match labels {
            Some(labels) if problems.is_empty() => Ok(Theme {
                tera,
                strings,
                labels,
                static_dir: dir.join("static"),
                files: templates.into_iter().map(|(n, (f, _))| (n, f)).collect(),
            }),
            _ => Err(problems),
        }
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// Renders a template, turning a failure into a diagnostic that names the template and, where it can be
    /// found, the line.
    pub fn render(
        &self,
        template: &str,
        context: &tera::Context,
        sources: &Sources,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|e| self.failure(template, &e, sources))
    }

    /// As [`Theme::render`], writing the page as it is made instead of returning it.
    pub fn render_to(
        &self,
        template: &str,
        context: &tera::Context,
        sources: &Sources,
        out: impl std::io::Write,
    ) -> Result<(), Diagnostic> {
        self.tera
            .render_to(template, context, out)
            .map_err(|e| self.failure(template, &e, sources))
    }

    /// A template failure as a diagnostic that names the template and, where it can be found, the line.
    fn failure(&self, template: &str, e: &tera::Error, sources: &Sources) -> Diagnostic {
        let message = chain(e);
        // "... while rendering 'x.html'": the innermost template named is where the problem is.
        let inner = message
            .rsplit("while rendering '")
            .next()
            .and_then(|rest| rest.split('\'').next())
            .filter(|name| self.files.contains_key(*name))
            .unwrap_or(template);
        let file = self
            .files
            .get(inner)
            .cloned()
            .unwrap_or_else(|| inner.to_string());
        let span = sources.get(&file).and_then(|text| {
            let variable = message.split('`').nth(1)?;
            let at = text.find(variable)?;
            Some(at..at + variable.len())
        });
        Diagnostic::error(format!("the template {inner} failed: {message}"))
            .in_file(file)
            .at_opt(span)
            .hint("a template may only use the variables the engine gives it (see the README, \"Themes\"); guard optional ones with {% if … %}")
    }
}

fn read_templates(
    folder: &Path,
    shown_prefix: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(String, String, Arc<str>)> {
    let mut out = Vec::new();
    if !folder.is_dir() {
        return out;
    }
    for entry in WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(folder) else {
            continue;
        };
        let name = relative.to_string_lossy().replace('\\', "/");
        let file = format!("{shown_prefix}/{name}");
        match std::fs::read_to_string(entry.path()) {
            Ok(text) => out.push((name, file, Arc::from(text.as_str()))),
            Err(e) => problems.push(
                Diagnostic::error(format!("cannot read the template {file}: {e}"))
                    .hint("templates are UTF-8 text files"),
            ),
        }
    }
    out
}

/// A tera parse error as a diagnostic at the line and column tera reports.
fn template_error(error: &tera::Error, file: &str, text: &str) -> Diagnostic {
    let message = chain(error);
    let span = message.split("--> ").nth(1).and_then(|rest| {
        let mut numbers = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        let line: usize = numbers.next()?.parse().ok()?;
        let column: usize = numbers.next()?.parse().ok()?;
        let line_start = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum::<usize>();
        let at = line_start + column.saturating_sub(1);
        Some(at..at + 1)
    });
    let summary = message
        .lines()
        .filter(|l| l.trim_start().starts_with("= "))
        .map(|l| l.trim_start().trim_start_matches("= ").to_string())
        .next()
        .unwrap_or_else(|| message.lines().next().unwrap_or("").to_string());
    Diagnostic::error(format!("the template is not valid: {summary}"))
        .in_file(file)
        .at_opt(span)
        .hint("check that every {{ and {% is closed and every {% block %}, {% if %} and {% for %} has its end tag")
}

/// An error with its causes, as one line.
pub fn chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
