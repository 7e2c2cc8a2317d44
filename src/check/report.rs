//! How a check's findings are told: the one-line summary after the diagnostics (which print as a build's do), and
//! the JSON that `--format json` gives tools.

use serde_json::{json, Value};

use super::CheckReport;
use crate::diagnostic::{Diagnostic, Severity, Sources};

/// The closing line: how many errors and warnings in how many pages, e.g. `2 errors, 1 warning in 120 pages.`
pub fn summary(report: &CheckReport, strict: bool) -> String {
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    let pages = plural(report.pages, "page", "pages");
    if report.diagnostics.is_empty() {
        return format!("No problems found in {pages}.");
    }
    let strictly = if strict && errors == 0 {
        " (--strict: warnings fail the check)"
    } else {
        ""
    };
    format!(
        "{}, {} in {pages}{strictly}.",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The findings for tools: `{"diagnostics": [...], "summary": {...}, "notes": [...]}`. Each diagnostic has
/// `severity` (`error` or `warning`), `code` (`build` for what a build reports, otherwise the review rule),
/// `file`, `line` and `column` (1-based; `null` when the problem concerns no place in a file), `message` and
/// `hint`.
pub fn json(report: &CheckReport, sources: &Sources, strict: bool) -> Value {
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    json!({
        "diagnostics": report.diagnostics.iter().map(|d| diagnostic(d, sources)).collect::<Vec<_>>(),
        "summary": {
            "errors": errors,
            "warnings": report.diagnostics.len() - errors,
            "pages": report.pages,
            "passed": super::passes(&report.diagnostics, strict),
        },
        "notes": report.notes,
    })
}

fn diagnostic(d: &Diagnostic, sources: &Sources) -> Value {
    let (line, column) = d.line_col(sources).unzip();
    json!({
        "severity": match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        "code": d.code.unwrap_or("build"),
        "file": d.file,
        "line": line,
        "column": column,
        "message": d.message,
        "hint": d.hint,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn report(diagnostics: Vec<Diagnostic>) -> CheckReport {
        CheckReport {
            diagnostics,
            pages: 12,
            notes: vec![],
        }
    }

    #[test]
    fn summary_counts_errors_warnings_and_pages() {
        assert_eq!(
            summary(&report(vec![]), false),
            "No problems found in 12 pages."
        );
        let found = report(vec![
            Diagnostic::error("a"),
            Diagnostic::warning("b"),
            Diagnostic::warning("c"),
        ]);
        assert_eq!(summary(&found, false), "1 error, 2 warnings in 12 pages.");
        let warned = report(vec![Diagnostic::warning("b")]);
        assert_eq!(
            summary(&warned, true),
            "0 errors, 1 warning in 12 pages (--strict: warnings fail the check)."
        );
    }

    #[test]
    fn json_has_position_code_and_hint() {
        let sources = Sources::default();
        sources.add("content/a.md", Arc::from("---\ntitel: A\n---\n#### Diep\n"));
        let found = report(vec![
            Diagnostic::warning("deep")
                .code("heading-level")
                .in_file("content/a.md")
                .at(17..26)
                .hint("write ##"),
            Diagnostic::error("no configuration"),
        ]);
        let value = json(&found, &sources, false);
        assert_eq!(
            value["diagnostics"][0],
            json!({"severity": "warning", "code": "heading-level", "file": "content/a.md", "line": 4,
                   "column": 1, "message": "deep", "hint": "write ##"})
        );
        assert_eq!(value["diagnostics"][1]["code"], "build");
        assert_eq!(value["diagnostics"][1]["line"], Value::Null);
        assert_eq!(
            value["summary"],
            json!({"errors": 1, "warnings": 1, "pages": 12, "passed": false})
        );
    }
}
