//! The `kennisbank` command line: parses arguments, calls the library, prints diagnostics and a summary.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use kennisbank::build::{build, BuildOptions};
use kennisbank::diagnostic::{self, Diagnostic, Sources};
use kennisbank::site::Edition;

/// Rendering thousands of pages allocates and frees many small values; mimalloc does that markedly faster than
/// the system allocator (measured with bench/run).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "kennisbank",
    version,
    about = "Builds a knowledge base from Markdown into a static website"
)]
struct Cli {
    /// The site folder: the one with kennisbank.yaml, content/ and themes/.
    #[arg(long, global = true, default_value = ".")]
    site: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Builds the website into the output folder (public/ unless configured otherwise).
    Build {
        /// The output folder (default: `uitvoer` from kennisbank.yaml, relative to the site folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Builds the internal edition: internal pages and fields included, every page marked noindex.
        #[arg(long)]
        intern: bool,
        /// Overrides base_url from kennisbank.yaml, e.g. for a test server.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Writes a new page of a content type, with its front matter ready to fill in.
    New {
        /// praktijkvoorbeeld, werkwijze, contact, begrip, leerroute, bijeenkomst, artikel or pagina.
        r#type: String,
        /// The page's title; the file name is made from it.
        titel: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let sources = Sources::default();
    match cli.command {
        Command::Build {
            out,
            intern,
            base_url,
        } => {
            let options = BuildOptions {
                site: cli.site,
                out,
                edition: if intern {
                    Edition::Internal
                } else {
                    Edition::Public
                },
                base_url,
                progress: std::io::stderr().is_terminal(),
            };
            match build(&options, &sources) {
                Ok(report) => {
                    print_diagnostics(&sources, &report.warnings);
                    let edition = if intern { "internal" } else { "public" };
                    let index = report.output.join("index.html");
                    eprintln!(
                        "Built {} pages ({} HTML files, {edition} edition) in {:.2} s into {}{}.\nOpen {} in a browser.",
                        report.pages,
                        report.html_files,
                        report.elapsed.as_secs_f64(),
                        report.output.display(),
                        warnings_note(&report.warnings),
                        index.display(),
                    );
                    ExitCode::SUCCESS
                }
                Err(problems) => {
                    print_diagnostics(&sources, &problems);
                    let errors = problems.iter().filter(|d| d.is_error()).count();
                    eprintln!(
                        "Build failed with {errors} error{}; the previous output was left as it was.",
                        if errors == 1 { "" } else { "s" }
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::New { r#type, titel } => {
            let today = chrono::DateTime::from_timestamp(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64),
                0,
            )
            .map(|t| t.date_naive())
            .unwrap_or_default();
            match kennisbank::new::new_page(&cli.site, &r#type, &titel, today) {
                Ok(path) => {
                    eprintln!(
                        "Wrote {}. Fill in the fields marked … and build.",
                        path.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(problem) => {
                    print_diagnostics(&sources, &[problem]);
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn warnings_note(warnings: &[Diagnostic]) -> String {
    match warnings.len() {
        0 => String::new(),
        1 => ", with 1 warning".into(),
        n => format!(", with {n} warnings"),
    }
}

fn print_diagnostics(sources: &Sources, diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let mut stderr = StandardStream::stderr(if std::io::stderr().is_terminal() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    });
    diagnostic::emit(&mut stderr, sources, diagnostics);
}
