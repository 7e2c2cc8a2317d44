//! Reading a PDF back as a reader's viewer would, with poppler's tools (tests/run installs poppler-utils), and
//! running `kennisbank export pdf` on a site folder.

use std::path::Path;
use std::process::Command;

use super::Run;

/// Runs a poppler tool and gives its standard output.
pub fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" || tool == "pdftohtml" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} (tests/run installs poppler-utils): {e}"));
    assert!(
        output.status.success(),
        "{tool} failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text of each page, in reading order.
pub fn pages(pdf: &Path) -> Vec<String> {
    poppler("pdftotext", &[], pdf)
        .split('\u{c}')
        .map(str::to_string)
        .collect()
}

/// Text as a reader sees it: one space between words, straight apostrophes, no invisible joiners.
pub fn flat(text: &str) -> String {
    text.replace(['’', '‘'], "'")
        .replace(['\u{2060}', '\u{ad}'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs `kennisbank export pdf` on a site folder.
pub fn export(site: &Path, args: &[&str]) -> Run {
    super::export(site, "pdf", args)
}

/// Exports a PDF and insists that it succeeds without a warning.
pub fn export_ok(site: &Path, args: &[&str]) -> Run {
    super::export_ok(site, "pdf", args)
}
