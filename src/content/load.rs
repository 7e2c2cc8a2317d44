//! Walks `content/`, reads each Markdown file, splits off its front matter and reads it with the schema of its type.
//!
//! A [`Cache`] keeps what each file gave, so that a rebuild (`kennisbank serve`) reads again only the files that
//! changed; the walk itself is always done anew, so files that appear or disappear are never missed.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::frontmatter;
use super::locate::Locator;
use super::model::{Kind, Meta, Page};
use crate::config::{strip_location, Config};
use crate::diagnostic::{Diagnostic, Sources};
use crate::text::slugify;

/// What the content folder holds: the pages that loaded, the other files, and every problem found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub pages: Vec<Arc<Page>>,
    /// Other files under `content/` (images, PDFs), as paths under `content/`.
    pub assets: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Pages that exist but did not load (their front matter has errors), as (key, url): links to them are
    /// not reported again as broken.
    pub broken: Vec<(String, String)>,
}

/// What each Markdown file under `content/` gave when it was last read: its page (or none, when it has errors)
/// and its problems, by path under `content/`.
#[derive(Default)]
pub struct Cache {
    files: HashMap<String, (Option<Arc<Page>>, Vec<Diagnostic>)>,
    walk: Option<Walk>,
}

/// Which files to read again.
pub enum Changed<'a> {
    All,
    /// These paths under `content/` (and any file the cache does not know yet).
    Files(&'a BTreeSet<String>),
}

/// Whether a path under `content/` is among the changed paths, itself or through a folder it is in.
pub fn is_changed(relative: &str, changed: &BTreeSet<String>) -> bool {
    changed.contains(relative)
        || relative
            .match_indices('/')
            .any(|(i, _)| changed.contains(&relative[..i]))
}

/// Loads every page under `<site>/content`, in a stable order (sorted by path).
pub fn load(site: &Path, config: &Config, sources: &Sources) -> Loaded {
    reload(site, config, sources, &mut Cache::default(), Changed::All)
}

/// Loads every page under `<site>/content` like [`load`], reading only the files that changed since the cache
/// was filled; the cache then holds exactly the files there are now.
pub fn reload(
    site: &Path,
    config: &Config,
    sources: &Sources,
    cache: &mut Cache,
    changed: Changed<'_>,
) -> Loaded {
    let root = site.join("content");
    let mut loaded = Loaded::default();
    if !root.is_dir() {
        loaded.diagnostics.push(
            Diagnostic::error(format!("there is no content folder at {}", root.display()))
                .hint("create content/ and put Markdown files in it, or start a site with `kennisbank init`"),
        );
        return loaded;
    }
    // Editing files that exist needs no new walk; a file that came, went or is not a page does.
    let same_files = match (&changed, &cache.walk) {
        (Changed::Files(files), Some(_)) => files
            .iter()
            .all(|f| f.ends_with(".md") && cache.files.contains_key(f) && root.join(f).is_file()),
        _ => false,
    };
    if !same_files {
        cache.walk = Some(walk(site, &root));
    }
    let Some(Walk {
        markdown,
        assets,
        diagnostics,
    }) = cache.walk.as_ref()
    else {
        return loaded;
    };
    loaded.assets = assets.clone();
    loaded.diagnostics = diagnostics.clone();
    let results: Vec<(Option<Arc<Page>>, Vec<Diagnostic>)> = markdown
        .par_iter()
        .map(|(relative, address)| {
            let unchanged = match changed {
                Changed::All => false,
                Changed::Files(files) => !is_changed(relative, files),
            };
            match cache.files.get(relative).filter(|_| unchanged) {
                Some(known) => known.clone(),
                None => {
                    let (page, diagnostics) = load_page(&root, relative, address, config, sources);
                    (page.map(Arc::new), diagnostics)
                }
            }
        })
        .collect();
    let mut files = HashMap::with_capacity(markdown.len());
    for ((relative, address), (page, diagnostics)) in markdown.iter().zip(results) {
        loaded.diagnostics.extend(diagnostics.iter().cloned());
        match &page {
            Some(page) => loaded.pages.push(Arc::clone(page)),
            None => loaded
                .broken
                .push((address.key.clone(), address.url.clone())),
        }
        files.insert(relative.clone(), (page, diagnostics));
    }
    cache.files = files;
    loaded
}

/// The files under `content/`: the Markdown files with their addresses, the other files, and the problems found
/// on the way (unreadable folders, links out of `content/`, names without letters, two files at one address).
#[derive(Default)]
struct Walk {
    markdown: Vec<(String, Address)>,
    assets: Vec<String>,
    diagnostics: Vec<Diagnostic>,
}

fn walk(site: &Path, root: &Path) -> Walk {
    let mut found = Walk::default();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut urls: BTreeMap<String, String> = BTreeMap::new();
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let shown = e
                    .path()
                    .and_then(|p| p.strip_prefix(site).ok())
                    .map_or_else(|| "content/".to_string(), |p| p.display().to_string());
                found.diagnostics.push(
                    Diagnostic::error(format!("cannot read {shown}: {e}"))
                        .hint("check that the file or folder exists and may be read"),
                );
                continue;
            }
        };
        let Ok(relative) = entry.path().strip_prefix(root) else {
            continue;
        };
        let relative = relative.to_string_lossy().replace('\\', "/");
        let file_type = entry.file_type();
        if file_type.is_symlink() {
            // A link is followed only when it stays inside content/ and points at a file.
            let target = entry.path().canonicalize();
            match target {
                Ok(t) if t.starts_with(&canonical_root) && t.is_file() => {}
                Ok(_) => {
                    found.diagnostics.push(
                        Diagnostic::error(format!(
                            "content/{relative} is a symbolic link to something outside content/ or to a folder"
                        ))
                        .hint("copy the file into content/ instead of linking to it"),
                    );
                    continue;
                }
                Err(_) => {
                    let target = std::fs::read_link(entry.path()).unwrap_or_default();
                    found.diagnostics.push(
                        Diagnostic::error(format!(
                            "content/{relative} is a symbolic link to {}, which does not exist",
                            target.display()
                        ))
                        .hint("remove the link, or copy the file it should point to into content/"),
                    );
                    continue;
                }
            }
        } else if file_type.is_dir() {
            continue;
        } else if !file_type.is_file() {
            // Reading a FIFO would wait forever; a socket or device is no page either.
            found.diagnostics.push(
                Diagnostic::error(format!(
                    "content/{relative} is not a regular file (but a pipe, socket or device)"
                ))
                .hint("remove it from content/; only Markdown files, images and documents belong there"),
            );
            continue;
        }
        let extension = relative.rsplit_once('.').map(|(_, e)| e);
        if extension.is_some_and(|e| e != "md" && e.eq_ignore_ascii_case("md")) {
            found.diagnostics.push(
                Diagnostic::error(format!(
                    "content/{relative} ends in .{}; a page's file name must end in .md, in small letters",
                    extension.unwrap_or_default()
                ))
                .in_file(format!("content/{relative}"))
                .hint("rename the file so that it ends in .md"),
            );
            continue;
        }
        if relative.ends_with(".md") {
            let Some(address) = address(&relative) else {
                found.diagnostics.push(
                    Diagnostic::error(format!(
                        "the file name of content/{relative} has no letters or digits to make a web address of"
                    ))
                    .in_file(format!("content/{relative}"))
                    .hint("rename the file, e.g. to `den-bosch-brugfunctie.md`"),
                );
                continue;
            };
            if let Some(first) = urls.get(&address.url) {
                found.diagnostics.push(
                    Diagnostic::error(format!(
                        "content/{relative} and content/{first} would both be published as {}",
                        address.url
                    ))
                    .in_file(format!("content/{relative}"))
                    .hint("file names that differ only in capitals, spaces or accents give the same web address; rename one"),
                );
                continue;
            }
            urls.insert(address.url.clone(), relative.clone());
            found.markdown.push((relative, address));
        } else {
            found.assets.push(relative);
        }
    }

    found
}

/// Where a Markdown file is published, which follows from its path alone.
#[derive(Clone)]
struct Address {
    key: String,
    url: String,
    section: Option<String>,
    is_index: bool,
}

fn address(relative: &str) -> Option<Address> {
    let key = relative.trim_end_matches(".md").to_string();
    let (dir, name) = key
        .rsplit_once('/')
        .map_or(("", key.as_str()), |(d, n)| (d, n));
    let is_index = name == "_index";
    let slug = slugify(name);
    if slug.is_empty() && !is_index {
        return None;
    }
    let prefix = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    let url = if is_index {
        format!("{prefix}index.html")
    } else {
        format!("{prefix}{slug}.html")
    };
    Some(Address {
        section: relative.split_once('/').map(|(s, _)| s.to_string()),
        key,
        url,
        is_index,
    })
}

fn load_page(
    root: &Path,
    relative: &str,
    address: &Address,
    config: &Config,
    sources: &Sources,
) -> (Option<Page>, Vec<Diagnostic>) {
    let file = format!("content/{relative}");
    let mut diagnostics = Vec::new();
    let bytes = match read_limited(&root.join(relative)) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(size)) => {
            diagnostics.push(
                Diagnostic::error(format!(
                    "{file} is {:.1} MB; a page may be at most {} MB",
                    size as f64 / 1_048_576.0,
                    MAX_PAGE_BYTES / 1_048_576
                ))
                .in_file(&file)
                .hint("split it into several pages, e.g. a folder with one page per chapter"),
            );
            return (None, diagnostics);
        }
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(format!("cannot read {file}: {e}"))
                    .in_file(&file)
                    .hint("check that the file may be read (its permissions)"),
            );
            return (None, diagnostics);
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            sources.add(&file, Arc::from(lossy.as_str()));
            diagnostics.push(
                Diagnostic::error(format!("{file} is not UTF-8 text"))
                    .in_file(&file)
                    .at(valid_up_to..valid_up_to + 1)
                    .hint("save the file as UTF-8 in your editor (in Notepad: Save as… → Encoding: UTF-8)"),
            );
            return (None, diagnostics);
        }
    };
    // Editors on Windows save a byte-order mark; it is not part of the text.
    let text: Arc<str> = Arc::from(text.strip_prefix('\u{feff}').unwrap_or(&text));
    sources.add(&file, text.clone());

    let Some((yaml_start, yaml_end, body_start)) = split_front_matter(&text) else {
        let hint = if text.starts_with("---") {
            "end the front matter with a line of three dashes: `---`"
        } else {
            "start the file with front matter: a line `---`, then `titel: …`, then a line `---`"
        };
        let message = if text.starts_with("---") {
            "the front matter is not closed"
        } else if text.trim().is_empty() {
            "the file is empty"
        } else {
            "the file has no front matter"
        };
        diagnostics.push(
            Diagnostic::error(message)
                .in_file(&file)
                .at(0..3.min(text.len()))
                .hint(hint),
        );
        return (None, diagnostics);
    };

    let kind = if address.is_index {
        Kind::Pagina
    } else {
        Kind::of_folder(address.section.as_deref())
    };
    let yaml = &text[yaml_start..yaml_end];
    let locator = Locator::new(yaml, yaml_start);
    if let Some(at) = too_deep(yaml) {
        diagnostics.push(
            Diagnostic::error(format!(
                "the front matter is nested more than {MAX_FLOW_DEPTH} levels deep in [ ] or {{ }}"
            ))
            .in_file(&file)
            .at(yaml_start + at..yaml_start + at + 1)
            .hint("write a list as `thema: [a, b]` or as one `- item` per line; no field needs lists in lists this deep"),
        );
        return (None, diagnostics);
    }
    let value: serde_yaml::Value = match serde_yaml::from_str(yaml) {
        Ok(value) => value,
        Err(e) => {
            let at = e.location().map_or(yaml_start, |l| yaml_start + l.index());
            let diagnostic = match unclosed_apostrophe(yaml) {
                // `regio: 's-Hertogenbosch` opens a quoted string that never closes; YAML notices only at the end.
                Some(line) => Diagnostic::error("a value starts with an apostrophe, which YAML reads as the start of a quoted text")
                    .in_file(&file)
                    .at(yaml_start + line..yaml_start + line + 1)
                    .hint("put the whole value in double quotes, e.g. regio: \"'s-Hertogenbosch\", or write the curly apostrophe: ’s-Hertogenbosch"),
                None => {
                    // serde_yaml points at the start of the mapping for a duplicate key; the second one is the
                    // mistake.
                    let at = duplicate_key(yaml, &e.to_string()).map_or(at, |line| yaml_start + line);
                    let line = text[at.min(text.len())..].lines().next().unwrap_or("");
                    Diagnostic::error(format!("the front matter is not valid YAML: {}", strip_location(&e)))
                        .in_file(&file)
                        .at(at..at + 1)
                        .hint(yaml_hint(&e.to_string(), line))
                }
            };
            diagnostics.push(diagnostic);
            return (None, diagnostics);
        }
    };
    let meta: Meta = frontmatter::read(kind, &value, locator, &file, config, &mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return (None, diagnostics);
    }
    let meta_title = meta.titel.clone();
    let page = Page {
        file,
        key: address.key.clone(),
        url: address.url.clone(),
        section: address.section.clone(),
        is_index: address.is_index,
        kind,
        meta,
        text,
        body_start,
        sort_key: crate::text::sort_key(&meta_title),
    };
    (Some(page), diagnostics)
}

/// The largest Markdown file a build reads. A page of this size is thousands of printed pages; a larger one is
/// a mistake (a pasted export, a log file), and building it would take minutes and gigabytes.
pub const MAX_PAGE_BYTES: u64 = 10 * 1_048_576;

/// A file's bytes, or its size when it is larger than [`MAX_PAGE_BYTES`].
fn read_limited(path: &Path) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_PAGE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Ok(Err(std::fs::metadata(path)?.len()));
    }
    Ok(Ok(bytes))
}

/// Finds the front matter between a first line `---` and the next line `---` (or `...`).
/// Returns the YAML's start and end and where the body starts.
fn split_front_matter(text: &str) -> Option<(usize, usize, usize)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = first_end + 1;
    let mut pos = yaml_start;
    while pos <= text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            let body_start = (end + 1).min(text.len());
            return Some((yaml_start, pos, body_start));
        }
        if end == text.len() {
            break;
        }
        pos = end + 1;
    }
    None
}

/// The offset of the first value that opens a single-quoted string without closing it on its line, as in
/// `regio: 's-Hertogenbosch`, a mistake Dutch names invite.
fn unclosed_apostrophe(yaml: &str) -> Option<usize> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let trimmed = line.trim_end();
        let value = trimmed
            .split_once(": ")
            .map(|(_, v)| v)
            .or_else(|| trimmed.trim_start().strip_prefix("- "))
            .map(str::trim_start);
        if let Some(value) = value.filter(|v| v.starts_with('\'')) {
            // Inside single quotes, '' is an escaped quote; an even count of the rest means it never closes.
            if value[1..].replace("''", "").matches('\'').count() == 0 {
                return Some(offset + (line.len() - line.trim_start().len()));
            }
        }
        offset += line.len();
    }
    None
}

/// How deep `[` and `{` may nest in front matter. serde_yaml refuses more than 128 levels, but only after the
/// YAML parser has read them all, which takes time growing with the square of the depth (20 s for 100,000).
const MAX_FLOW_DEPTH: usize = 100;

/// The offset of the bracket that nests deeper than [`MAX_FLOW_DEPTH`], outside quotes and comments.
fn too_deep(yaml: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    let mut comment = false;
    let mut previous = ' ';
    for (at, c) in yaml.char_indices() {
        match (quote, c) {
            _ if comment => comment = c != '\n',
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '#') if previous.is_whitespace() => comment = true,
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(at);
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        previous = c;
    }
    None
}

/// The offset of the second top-level `key:` line, when serde_yaml reports `duplicate entry with key "key"`.
fn duplicate_key(yaml: &str, message: &str) -> Option<usize> {
    let key = message
        .split_once("duplicate entry with key \"")?
        .1
        .split_once('"')?
        .0;
    let mut offset = 0;
    let mut seen = false;
    for line in yaml.split_inclusive('\n') {
        if line
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
        {
            if seen {
                return Some(offset);
            }
            seen = true;
        }
        offset += line.len();
    }
    None
}

/// A hint for a YAML error, from its message and the line it points at.
fn yaml_hint(message: &str, line: &str) -> String {
    if message.contains("tab") || line.starts_with('\t') {
        "YAML does not allow tabs for indentation; indent with spaces".into()
    } else if message.contains("repetition limit") {
        "anchors and aliases (`&name`, `*name`) are repeated too often here; write the values out"
            .into()
    } else if message.contains("recursion limit") {
        "this is nested too deeply; no field needs more than a few levels of indentation".into()
    } else if message.contains("control characters") {
        "the line holds an invisible control character (often from copying out of a PDF or Word); retype the line"
            .into()
    } else if message.contains("invalid type: integer") {
        "the number is too large; put it in quotes if it is meant as text".into()
    } else if message.contains("duplicate") {
        "each field may appear only once; remove or merge the second one".into()
    } else if message.contains("mapping values are not allowed") {
        "a value that contains `: ` must be put in quotes, e.g. titel: \"Vraag: wat werkt?\"".into()
    } else {
        "check the indentation and quotes on this line; a value with `:` or `#` in it needs quotes"
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let text = "---\ntitel: x\n---\nBody\n";
        let (s, e, b) = split_front_matter(text).unwrap();
        assert_eq!(&text[s..e], "titel: x\n");
        assert_eq!(&text[b..], "Body\n");
    }

    #[test]
    fn splits_windows_line_endings() {
        let text = "---\r\ntitel: x\r\n---\r\nBody\r\n";
        let (s, e, b) = split_front_matter(text).unwrap();
        assert_eq!(&text[s..e], "titel: x\r\n");
        assert_eq!(&text[b..], "Body\r\n");
    }

    #[test]
    fn finds_a_value_opened_with_an_apostrophe() {
        assert_eq!(
            unclosed_apostrophe("titel: x\nregio: 's-Hertogenbosch\n"),
            Some(9)
        );
        assert_eq!(unclosed_apostrophe("thema:\n  - 't Gooi\n"), Some(9));
        assert_eq!(unclosed_apostrophe("regio: '’s-Hertogenbosch'\n"), None);
        assert_eq!(unclosed_apostrophe("titel: 'Het ''beste'' plan'\n"), None);
        assert_eq!(unclosed_apostrophe("titel: SMW'ers\n"), None);
    }

    #[test]
    fn refuses_brackets_nested_too_deep() {
        let deep = format!("thema: {}{}", "[".repeat(101), "]".repeat(101));
        assert_eq!(too_deep(&deep), Some(107));
        let fine = format!("thema: {}{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(too_deep(&fine), None);
        let quoted = format!("titel: \"{}\" # {}", "[".repeat(200), "{".repeat(200));
        assert_eq!(too_deep(&quoted), None);
    }

    #[test]
    fn points_at_the_second_of_two_equal_keys() {
        let yaml = "titel: Een\nsamenvatting: x\ntitel: Twee\n";
        assert_eq!(
            duplicate_key(yaml, "duplicate entry with key \"titel\""),
            Some(27)
        );
        assert_eq!(duplicate_key(yaml, "something else"), None);
    }

    #[test]
    fn unclosed_or_missing_front_matter() {
        assert!(split_front_matter("---\ntitel: x\n").is_none());
        assert!(split_front_matter("titel: x\n").is_none());
        assert!(split_front_matter("---\ntitel: x\n---").is_some());
    }
}
