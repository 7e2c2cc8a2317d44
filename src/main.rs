//! The `kennisbank` command line: parses arguments, calls the library, prints diagnostics and a summary.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    /// The site folder: the one with kennisbank.yaml and content/.
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
        /// The search index folder (default: `zoekindex` from kennisbank.yaml, search-index/).
        #[arg(long)]
        search_index: Option<PathBuf>,
    },
    /// Searches the site's index (written by `build`) in Dutch: inflected forms, parts of compounds,
    /// abbreviations from the glossary and one typo are all found.
    Search {
        /// The words to look for.
        query: String,
        /// Prints the results as a JSON array (path, title, url, score, snippet, type).
        #[arg(long)]
        json: bool,
        /// Only pages of this content type (praktijkvoorbeeld, werkwijze, begrip, …).
        #[arg(long = "type")]
        kind: Option<String>,
        /// Only pages for this onderwijstype (po, vo, mbo, so, vso, sbo, voorschool).
        #[arg(long)]
        onderwijstype: Option<String>,
        /// Only pages on this thema.
        #[arg(long)]
        thema: Option<String>,
        /// At most this many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Searches the internal edition's index.
        #[arg(long)]
        intern: bool,
        /// The search index folder (default: search-index/ in the site folder).
        #[arg(long)]
        search_index: Option<PathBuf>,
    },
    /// Builds the site, serves it on this computer and rebuilds it as you save: open pages reload themselves,
    /// and errors show in the browser as well as here.
    Serve {
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but 127.0.0.1 lets other computers in.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Serves the internal edition.
        #[arg(long)]
        intern: bool,
        /// Writes the served site into this folder (kept afterwards) instead of a temporary one.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Exports the handbook, or part of it, for print.
    Export {
        #[command(subcommand)]
        what: Export,
    },
    /// Checks everything a build checks, without writing anything, and reviews the content: pages no page links
    /// to, unused begrippen, internal pages linked from public ones, skipped heading levels, images without alt
    /// text, practice examples without a standard question. Exits 0 only when no errors are found.
    Check {
        /// How to print the findings: as a build does (human), or as JSON on stdout for tools.
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        /// Warnings fail the check too.
        #[arg(long)]
        strict: bool,
        /// Also checks that links to web addresses still answer (needs a network).
        #[arg(long = "extern")]
        external: bool,
    },
    /// Writes a new page of a content type, with its front matter ready to fill in.
    New {
        /// praktijkvoorbeeld, werkwijze, contact, begrip, leerroute, bijeenkomst, artikel or pagina.
        r#type: String,
        /// The page's title; the file name is made from it.
        titel: String,
    },
    /// Starts a new kennisbank in a new or empty folder: kennisbank.yaml and an example page of each type.
    Init {
        /// The folder to create; it may not exist yet, or must be empty.
        folder: PathBuf,
    },
}

#[derive(Subcommand)]
enum Export {
    /// Typesets the handbook as a PDF: cover, contents with page numbers, chapters in the configured order,
    /// glossary, contacts and a register of themes. No browser or system fonts needed.
    Pdf {
        /// The PDF to write (default: handboek.pdf in the site folder, or a name for the selection).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Paper size.
        #[arg(long, value_enum, default_value = "a4")]
        formaat: Formaat,
        /// The internal edition: internal pages and contact details included.
        #[arg(long)]
        intern: bool,
        /// Only this page (its file under content/, e.g. praktijkvoorbeelden/x.md); repeat for more pages.
        #[arg(long = "pagina", value_name = "PAD", conflicts_with_all = ["sectie", "thema", "contacten", "bijeenkomst"])]
        pagina: Vec<String>,
        /// Only this section (its folder or title), e.g. praktijkvoorbeelden.
        #[arg(long, value_name = "NAAM", conflicts_with_all = ["thema", "contacten", "bijeenkomst"])]
        sectie: Option<String>,
        /// Only the pages on this theme, e.g. Preventie.
        #[arg(long, value_name = "NAAM", conflicts_with_all = ["contacten", "bijeenkomst"])]
        thema: Option<String>,
        /// The contact sheets on one page.
        #[arg(long, conflicts_with = "bijeenkomst")]
        contacten: bool,
        /// A theme meeting's handout (its file under content/, e.g. bijeenkomsten/x.md): the meeting, its
        /// statements with room for notes, and each practice example it presented in full, with a QR code to it.
        #[arg(long, value_name = "PAD")]
        bijeenkomst: Option<String>,
        /// Conform to a PDF standard: ua-1 (accessibility), a-2b, a-2u or a-2a (archiving); may be repeated.
        #[arg(long, value_name = "STANDAARD", value_parser = parse_standard)]
        standaard: Vec<kennisbank::export::pdf::PdfStandard>,
    },
    /// Packs the public website into a zip for a USB stick: START-HIER.html and the folder website/ beside it,
    /// which works from disk without internet, search and glossary included.
    Offline {
        /// The zip to write (default: kennisbank-offline.zip in the site folder).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Formaat {
    A4,
    A5,
}

fn parse_standard(value: &str) -> Result<kennisbank::export::pdf::PdfStandard, String> {
    serde_json::from_value(serde_json::Value::String(value.to_ascii_lowercase())).map_err(|_| {
        format!("`{value}` is not a PDF standard kennisbank knows; use ua-1, a-2b, a-2u, a-2a, a-3b, a-3u, a-3a or a-4")
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let sources = Sources::default();
    match cli.command {
        Command::Search {
            query,
            json,
            kind,
            onderwijstype,
            thema,
            limit,
            intern,
            search_index,
        } => search(
            &cli.site,
            &query,
            json,
            kennisbank::search::query::Filters {
                kind,
                onderwijstype,
                thema,
            },
            limit,
            intern,
            search_index,
        ),
        Command::Build {
            out,
            intern,
            base_url,
            search_index,
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
                search_index,
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
                Err(problems) => failed(
                    &sources,
                    &problems,
                    "Build",
                    "the previous output was left as it was.",
                ),
            }
        }
        Command::Serve {
            port,
            bind,
            intern,
            out,
        } => {
            let options = kennisbank::serve::ServeOptions {
                site: cli.site,
                bind,
                port,
                edition: if intern {
                    Edition::Internal
                } else {
                    Edition::Public
                },
                out,
            };
            match kennisbank::serve::serve(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(problems) => failed(&sources, &problems, "Serving", "nothing was served."),
            }
        }
        Command::Export {
            what:
                Export::Pdf {
                    out,
                    formaat,
                    intern,
                    pagina,
                    sectie,
                    thema,
                    contacten,
                    bijeenkomst,
                    standaard,
                },
        } => {
            use kennisbank::export::pdf::{self, Format, Selection};
            let selection = if !pagina.is_empty() {
                Selection::Pages(pagina)
            } else if let Some(s) = sectie {
                Selection::Section(s)
            } else if let Some(t) = thema {
                Selection::Theme(t)
            } else if contacten {
                Selection::Contacts
            } else if let Some(b) = bijeenkomst {
                Selection::Meeting(b)
            } else {
                Selection::Whole
            };
            let options = pdf::ExportOptions {
                site: cli.site,
                out,
                edition: if intern {
                    Edition::Internal
                } else {
                    Edition::Public
                },
                selection,
                format: match formaat {
                    Formaat::A4 => Format::A4,
                    Formaat::A5 => Format::A5,
                },
                standards: standaard,
            };
            match pdf::export(&options, &sources) {
                Ok(report) => {
                    print_diagnostics(&sources, &report.warnings);
                    eprintln!(
                        "Wrote {} ({} pages of the site on {} sheets, {} KB) in {:.2} s{}.",
                        report.file.display(),
                        report.pages,
                        report.sheets,
                        report.bytes / 1024,
                        report.elapsed.as_secs_f64(),
                        warnings_note(&report.warnings),
                    );
                    ExitCode::SUCCESS
                }
                Err(problems) => failed(&sources, &problems, "Export", "no PDF was written."),
            }
        }
        Command::Export {
            what: Export::Offline { out },
        } => {
            use kennisbank::export::offline;
            let options = offline::ExportOptions {
                site: cli.site,
                out,
            };
            match offline::export(&options, &sources) {
                Ok(report) => {
                    print_diagnostics(&sources, &report.warnings);
                    eprintln!(
                        "Wrote {} ({} pages of the site in {} files, {} KB) in {:.2} s{}; unzip it and open {}.",
                        report.file.display(),
                        report.pages,
                        report.files,
                        report.bytes / 1024,
                        report.elapsed.as_secs_f64(),
                        warnings_note(&report.warnings),
                        offline::START_PAGE,
                    );
                    ExitCode::SUCCESS
                }
                Err(problems) => failed(&sources, &problems, "Export", "no zip was written."),
            }
        }
        Command::Check {
            format,
            strict,
            external,
        } => check(cli.site, format, strict, external),
        Command::New { r#type, titel } => {
            match kennisbank::new::new_page(&cli.site, &r#type, &titel, today()) {
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
        Command::Init { folder } => match kennisbank::init::init(&folder, today()) {
            Ok(files) => {
                let site = shell_word(&folder.display().to_string());
                eprintln!("Started a new kennisbank in {}:", folder.display());
                for file in files {
                    eprintln!("  {file}");
                }
                eprintln!(
                    "The pages are examples to replace with your own.\n\nNext:\n  \
                     kennisbank build --site {site}        builds the website into public/ in that folder\n  \
                     kennisbank serve --site {site}        shows the site in your browser as you edit\n  \
                     kennisbank export pdf --site {site}   typesets the handbook as handboek.pdf"
                );
                ExitCode::SUCCESS
            }
            Err(problem) => {
                print_diagnostics(&sources, &[problem]);
                ExitCode::FAILURE
            }
        },
    }
}

/// Today's date, for what the user makes now (a new page, a new site); builds never read the clock.
fn today() -> chrono::NaiveDate {
    chrono::DateTime::from_timestamp(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
        0,
    )
    .map(|t| t.date_naive())
    .unwrap_or_default()
}

/// A path as one word for the shell, quoted when it has to be.
fn shell_word(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

fn search(
    site: &std::path::Path,
    query: &str,
    json: bool,
    filters: kennisbank::search::query::Filters,
    limit: usize,
    intern: bool,
    index: Option<PathBuf>,
) -> ExitCode {
    let edition = if intern {
        Edition::Internal
    } else {
        Edition::Public
    };
    // A broken configuration is reported, not guessed around: it may name another index folder.
    let sources = Sources::default();
    let config = match kennisbank::config::Config::load(site, &sources) {
        Ok(config) => config,
        Err(problems) => {
            print_diagnostics(&sources, &problems);
            return ExitCode::FAILURE;
        }
    };
    let dir = kennisbank::build::index_folder(site, &config, index.as_deref(), edition);
    match kennisbank::search::query::search(&dir, query, &filters, limit) {
        Ok(hits) if json => {
            let mut text = serde_json::to_string_pretty(&hits).unwrap_or_else(|_| "[]".into());
            text.push('\n');
            print_out(&text)
        }
        Ok(hits) => {
            let mut text = String::new();
            if hits.is_empty() {
                text.push_str(&format!("No pages found for \"{query}\".\n"));
            }
            let terminal = std::io::stdout().is_terminal();
            for (i, hit) in hits.iter().enumerate() {
                let snippet = plain_snippet(&hit.snippet, terminal);
                text.push_str(&format!(
                    "{}. {} ({})\n   {}\n   {snippet}\n\n",
                    i + 1,
                    hit.title,
                    hit.kind,
                    hit.path
                ));
            }
            print_out(&text)
        }
        Err(problem) => {
            eprintln!("error: {problem}");
            ExitCode::FAILURE
        }
    }
}

fn check(site: PathBuf, format: CheckFormat, strict: bool, external: bool) -> ExitCode {
    use kennisbank::check::{self, report};
    let sources = Sources::default();
    let options = check::CheckOptions { site, external };
    let report = match check::check(&options, &sources) {
        Ok(report) => report,
        Err(problems) if matches!(format, CheckFormat::Human) => {
            return failed(&sources, &problems, "Check", "nothing was checked.")
        }
        // Without a configuration nothing else can be checked; tools still get JSON.
        Err(problems) => check::CheckReport {
            diagnostics: problems,
            pages: 0,
            notes: Vec::new(),
        },
    };
    match format {
        CheckFormat::Json => {
            print_out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&report::json(&report, &sources, strict))
                    .unwrap_or_else(|_| "{}".into())
            ));
        }
        CheckFormat::Human => {
            print_diagnostics(&sources, &report.diagnostics);
            for note in &report.notes {
                eprintln!("note: {note}");
            }
            eprintln!("{}", report::summary(&report, strict));
        }
    }
    if check::passes(&report.diagnostics, strict) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// A snippet for the terminal: the marked words in bold (or between ** when not a terminal), entities decoded.
fn plain_snippet(html: &str, terminal: bool) -> String {
    let (open, close) = if terminal {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    html.replace("<mark>", open)
        .replace("</mark>", close)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Prints every problem, then one line: how many errors, and what that means for the user's files.
fn failed(sources: &Sources, problems: &[Diagnostic], what: &str, consequence: &str) -> ExitCode {
    print_diagnostics(sources, problems);
    let errors = problems.iter().filter(|d| d.is_error()).count();
    eprintln!(
        "{what} failed with {errors} error{}; {consequence}",
        if errors == 1 { "" } else { "s" }
    );
    ExitCode::FAILURE
}

fn warnings_note(warnings: &[Diagnostic]) -> String {
    match warnings.len() {
        0 => String::new(),
        1 => ", with 1 warning".into(),
        n => format!(", with {n} warnings"),
    }
}

fn print_diagnostics(sources: &Sources, diagnostics: &[Diagnostic]) {
    diagnostic::print(sources, diagnostics);
}

/// Writes a command's results to standard output. A reader that stops reading early (`| head`) is not an
/// error; any other failure to write is reported.
fn print_out(text: &str) -> ExitCode {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write the results: {e}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}
