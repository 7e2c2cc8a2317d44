//! The one diagnostic type for everything a user can get wrong, and how it is shown.
//!
//! A [`Diagnostic`] names a file, a byte span in it, what is wrong and a hint. Stages collect them and the driver
//! shows them all at once, rustc-style, with the offending line underneath (through `codespan-reporting`). This
//! module does not decide what is an error: the stages do.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream, WriteColor};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem found in the user's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as the user knows it, relative to the site folder (`content/praktijkvoorbeelden/x.md`).
    pub file: Option<String>,
    /// Byte range in the file; `None` when the problem concerns the file as a whole.
    pub span: Option<Range<usize>>,
    pub message: String,
    pub hint: Option<String>,
    /// What kind of problem this is, for tools reading `kennisbank check --format json` (`orphan`,
    /// `heading-level`, …); `None` for the problems of a build, which need no sorting apart.
    pub code: Option<&'static str>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            span: None,
            message: message.into(),
            hint: None,
            code: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    pub fn at_opt(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// 1-based line and column of the span's start, if the file's text is known.
    pub fn line_col(&self, sources: &Sources) -> Option<(usize, usize)> {
        let text = sources.get(self.file.as_deref()?)?;
        let offset = self.span.as_ref()?.start.min(text.len());
        Some(line_col(&text, offset))
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The text of every file a diagnostic may point into, shared between stages and threads.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Arc<Mutex<BTreeMap<String, Arc<str>>>>,
}

impl Sources {
    pub fn add(&self, name: &str, text: Arc<str>) {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(name.to_string(), text);
    }

    pub fn get(&self, name: &str) -> Option<Arc<str>> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(name)
            .cloned()
    }
}

/// Sorts diagnostics into a stable order: errors first, then by file and position.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (
            a.severity,
            &a.file,
            a.span.as_ref().map(|s| s.start),
            &a.message,
        )
            .cmp(&(
                b.severity,
                &b.file,
                b.span.as_ref().map(|s| s.start),
                &b.message,
            ))
    });
}

/// Prints diagnostics rustc-style: message, `file:line:col`, the offending line, and the hint.
/// Prints diagnostics on stderr, in colour on a terminal.
pub fn print(sources: &Sources, diagnostics: &[Diagnostic]) {
    use std::io::IsTerminal;
    if diagnostics.is_empty() {
        return;
    }
    let choice = match std::io::stderr().is_terminal() {
        true => ColorChoice::Auto,
        false => ColorChoice::Never,
    };
    emit(&mut StandardStream::stderr(choice), sources, diagnostics);
}

pub fn emit(writer: &mut dyn WriteColor, sources: &Sources, diagnostics: &[Diagnostic]) {
    let config = term::Config::default();
    let mut files = SimpleFiles::new();
    let mut ids = BTreeMap::new();
    for d in diagnostics {
        let cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        }
        .with_message(&d.message);
        let mut cs = match (&d.file, &d.span) {
            (Some(file), Some(span)) if sources.get(file).is_some() => {
                let id = *ids.entry(file.clone()).or_insert_with(|| {
                    let text = sources.get(file).unwrap_or_else(|| Arc::from(""));
                    files.add(file.clone(), text.to_string())
                });
                let len = sources.get(file).map_or(0, |t| t.len());
                let start = span.start.min(len);
                let end = span.end.clamp(start, len);
                cs.with_labels(vec![Label::primary(id, start..end)])
            }
            (Some(file), _) => cs.with_notes(vec![format!("in {file}")]),
            _ => cs,
        };
        if let Some(hint) = &d.hint {
            cs.notes.push(format!("hint: {hint}"));
        }
        let _ = term::emit(writer, &config, &files, &cs);
    }
}

/// Renders diagnostics without colour, for tests and for `--format json` messages.
pub fn render_plain(sources: &Sources, diagnostics: &[Diagnostic]) -> String {
    let mut buffer = term::termcolor::Buffer::no_color();
    emit(&mut buffer, sources, diagnostics);
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// Suggests the closest candidate to a misspelt name, for "did you mean" hints.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&name, &c.to_lowercase()), c))
        .filter(|(distance, c)| {
            // A shortened name (`intake` for `intakefase`) is as good a hint as a misspelt one.
            let prefix = name.chars().count() >= 4 && c.to_lowercase().starts_with(&name);
            prefix || *distance <= (c.chars().count() / 3).max(2)
        })
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "titel: één\nregio: x";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, text.find("regio").unwrap()), (2, 1));
        assert_eq!(line_col(text, text.find('x').unwrap()), (2, 8));
        let after_accent = text.find("n\n").unwrap();
        assert_eq!(line_col(text, after_accent), (1, 10));
    }

    #[test]
    fn rendered_diagnostic_names_file_line_and_hint() {
        let sources = Sources::default();
        sources.add("content/a.md", Arc::from("---\ntitle: x\n---\n"));
        let d = Diagnostic::error("unknown field `title`")
            .in_file("content/a.md")
            .at(4..9)
            .hint("did you mean `titel`?");
        let out = render_plain(&sources, &[d]);
        assert!(out.contains("content/a.md:2:1"), "{out}");
        assert!(out.contains("title: x"), "{out}");
        assert!(out.contains("hint: did you mean `titel`?"), "{out}");
    }

    #[test]
    fn closest_suggests_near_names_only() {
        let keys = ["titel", "samenvatting", "regio"];
        assert_eq!(closest("title", keys), Some("titel"));
        assert_eq!(closest("samenvating", keys), Some("samenvatting"));
        assert_eq!(closest("organisatie", keys), None);
        assert_eq!(
            closest("intake", ["intakefase", "aanmeldfase"]),
            Some("intakefase")
        );
    }
}
