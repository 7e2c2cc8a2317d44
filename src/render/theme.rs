//! Loads the theme a site uses, in three layers: the default theme built into the binary ([`builtin`]); the site's
//! own `themes/<vormgeving>/` folder, whose files replace the built-in ones of the same path ([`layers`]; its
//! `nl.yaml` is merged key by key, see [`strings`]); and the site's `templates/` folder, which overrides templates
//! by name. Template errors become diagnostics that name the file the template came from, and its line.

mod builtin;
mod guard;
mod layers;
mod strings;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use tera::Tera;

use crate::diagnostic::{Diagnostic, Sources};
use layers::{on_disk, Layers};
pub use layers::{Origin, ThemeFile};
pub use strings::Labels;

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
    /// Every interface string, for templates (`t`).
    pub strings: serde_json::Value,
    pub labels: Labels,
    /// The files to copy into `static/`, by their path there, each from the layer that wins.
    pub static_files: BTreeMap<String, ThemeFile>,
    /// Template name → the file it came from, as shown to the user.
    pub files: BTreeMap<String, String>,
    layers: Layers,
}

impl Theme {
    pub fn load(site: &Path, name: &str, sources: &Sources) -> Result<Theme, Vec<Diagnostic>> {
        let layers = Layers::open(site, name).map_err(|d| vec![d])?;
        let mut problems = Vec::new();
        let mut templates: BTreeMap<String, (String, Arc<str>)> = BTreeMap::new();
        let mut template_files = layers.under("templates");
        template_files.extend(on_disk(&site.join("templates"), "templates"));
        for (template, file) in template_files {
            match file.text() {
                Ok(text) => {
                    let text: Arc<str> = Arc::from(text.as_str());
                    sources.add(&file.shown, text.clone());
                    templates.insert(template, (file.shown, text));
                }
                Err(problem) => problems.push(problem),
            }
        }
        let mut parsed = BTreeMap::new();
        for (template, (file, text)) in &templates {
            match tera::Template::new(template, None, text) {
                Ok(ast) => {
                    let (file, text) = (file.as_str(), text.as_ref());
                    parsed.insert(
                        template.clone(),
                        guard::Parsed {
                            file,
                            text,
                            template: ast,
                        },
                    );
                }
                Err(e) => problems.push(template_error(&e, file, text)),
            }
        }
        if problems.is_empty() {
            problems.extend(guard::check(&parsed));
        }
        drop(parsed);
        let mut tera = Tera::default();
        tera.register_function("range", guard::range);
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
        let strings = strings::load(&layers, sources);
        match strings {
            Ok((strings, labels)) if problems.is_empty() => Ok(Theme {
                tera,
                strings,
                labels,
                static_files: layers.under("static"),
                files: templates.into_iter().map(|(n, (f, _))| (n, f)).collect(),
                layers,
            }),
            Ok(_) => Err(problems),
            Err(problem) => {
                problems.push(problem);
                Err(problems)
            }
        }
    }

    /// A file of the theme by its path in it (`print/handboek.typ`): the site's copy, or the built-in one.
    pub fn file(&self, path: &str) -> Option<ThemeFile> {
        self.layers.file(path)
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
        guard::reset_budget();
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
        guard::reset_budget();
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
        // What to point at: the call of `range`, or the variable tera names between backticks; in the template
        // rendered or, if not there, in the first template that has it (an include, a parent, a macro file).
        let needle = if message.contains("Function call 'range' failed") {
            Some("range(")
        } else {
            message.split('`').nth(1)
        };
        let place = |name: &str| {
            let file = self.files.get(name)?;
            let at = sources.get(file)?.find(needle?)?;
            Some((name.to_string(), file.clone(), at..at + needle?.len()))
        };
        let (inner, file, span) =
            match place(inner).or_else(|| self.files.keys().find_map(|name| place(name))) {
                Some((name, file, span)) => (name, file, Some(span)),
                None => {
                    let file = self
                        .files
                        .get(inner)
                        .cloned()
                        .unwrap_or_else(|| inner.to_string());
                    (inner.to_string(), file, None)
                }
            };
        let hint = if message.contains("`range`") {
            "loop over the lists the engine gives the template (see the README, \"Themes\"), not over a counted range"
        } else {
            "a template may only use the variables the engine gives it (see the README, \"Themes\"); guard optional ones with {% if … %}"
        };
        Diagnostic::error(format!("the template {inner} failed: {message}"))
            .in_file(file)
            .at_opt(span)
            .hint(hint)
    }
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
