//! `kennisbank init <folder>`: starts a new kennisbank for another organisation. It writes a small site that builds
//! at once without errors or warnings: `kennisbank.yaml` with every key explained, a `.gitignore` for what a build
//! makes, and under `content/` one example page of each content type with the sections' introductions, linked to
//! each other (a leerroute through them, a bijeenkomst presenting the praktijkvoorbeeld, a contact sheet, glossary
//! terms used in the text). The pages are Markdown files in `src/init/starter/`. It writes no theme: the default
//! theme is built into the binary.
//!
//! It only ever writes into a folder that is new or empty, and nothing outside it.

use std::io::Write as _;
use std::path::Path;

use crate::diagnostic::Diagnostic;

/// The files of a new site, by their path in it. `{jaar}` and `{vandaag}` in kennisbank.yaml become the date of
/// the day it is made.
const FILES: &[(&str, &str)] = &[
    (
        "kennisbank.yaml",
        include_str!("init/starter/kennisbank.yaml"),
    ),
    // Stored without its dot, so that it does not apply to this repository.
    (".gitignore", include_str!("init/starter/gitignore")),
    (
        "content/_index.md",
        include_str!("init/starter/content/_index.md"),
    ),
    (
        "content/over-deze-kennisbank.md",
        include_str!("init/starter/content/over-deze-kennisbank.md"),
    ),
    (
        "content/leerroutes/_index.md",
        include_str!("init/starter/content/leerroutes/_index.md"),
    ),
    (
        "content/leerroutes/aan-de-slag.md",
        include_str!("init/starter/content/leerroutes/aan-de-slag.md"),
    ),
    (
        "content/praktijkvoorbeelden/_index.md",
        include_str!("init/starter/content/praktijkvoorbeelden/_index.md"),
    ),
    (
        "content/praktijkvoorbeelden/inloopspreekuur-voor-ouders.md",
        include_str!("init/starter/content/praktijkvoorbeelden/inloopspreekuur-voor-ouders.md"),
    ),
    (
        "content/werkwijzen/_index.md",
        include_str!("init/starter/content/werkwijzen/_index.md"),
    ),
    (
        "content/werkwijzen/traject-schoolmaatschappelijk-werk.md",
        include_str!("init/starter/content/werkwijzen/traject-schoolmaatschappelijk-werk.md"),
    ),
    (
        "content/artikelen/_index.md",
        include_str!("init/starter/content/artikelen/_index.md"),
    ),
    (
        "content/artikelen/samenwerken-met-ouders.md",
        include_str!("init/starter/content/artikelen/samenwerken-met-ouders.md"),
    ),
    (
        "content/bijeenkomsten/_index.md",
        include_str!("init/starter/content/bijeenkomsten/_index.md"),
    ),
    (
        "content/bijeenkomsten/themamiddag-ouders-als-partner.md",
        include_str!("init/starter/content/bijeenkomsten/themamiddag-ouders-als-partner.md"),
    ),
    (
        "content/begrippen/_index.md",
        include_str!("init/starter/content/begrippen/_index.md"),
    ),
    (
        "content/begrippen/intern-begeleider.md",
        include_str!("init/starter/content/begrippen/intern-begeleider.md"),
    ),
    (
        "content/begrippen/schoolmaatschappelijk-werk.md",
        include_str!("init/starter/content/begrippen/schoolmaatschappelijk-werk.md"),
    ),
    (
        "content/contacten/_index.md",
        include_str!("init/starter/content/contacten/_index.md"),
    ),
    (
        "content/contacten/cjg-voorbeeldstad.md",
        include_str!("init/starter/content/contacten/cjg-voorbeeldstad.md"),
    ),
];

/// Writes a new site into `folder`, creating it and its parents if needed; returns the files written, by their
/// path in the folder. Refuses a folder that exists and is not empty, before writing anything.
pub fn init(folder: &Path, today: chrono::NaiveDate) -> Result<Vec<&'static str>, Diagnostic> {
    check_folder(folder)?;
    std::fs::create_dir_all(folder).map_err(|e| {
        Diagnostic::error(format!(
            "cannot create the folder {}: {e}",
            folder.display()
        ))
    })?;
    let mut written = Vec::new();
    for (path, text) in FILES {
        let text = text
            .replace("{jaar}", &chrono::Datelike::year(&today).to_string())
            .replace("{vandaag}", &today.to_string());
        let target = folder.join(path);
        let result = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| {
                // Never replaces a file, even one that appeared after the folder was checked.
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&target)
            })
            .and_then(|mut file| file.write_all(text.as_bytes()));
        result.map_err(|e| {
            Diagnostic::error(format!("cannot write {}: {e}", target.display())).hint(format!(
                "the site is incomplete: remove the folder {} and run init again",
                folder.display()
            ))
        })?;
        written.push(*path);
    }
    Ok(written)
}

fn check_folder(folder: &Path) -> Result<(), Diagnostic> {
    let shown = folder.display();
    if !folder.exists() {
        return Ok(());
    }
    if !folder.is_dir() {
        return Err(
            Diagnostic::error(format!("{shown} exists and is not a folder"))
                .hint("choose a name for a new folder, e.g. `kennisbank init mijn-kennisbank`"),
        );
    }
    let mut entries = std::fs::read_dir(folder)
        .map_err(|e| Diagnostic::error(format!("cannot read the folder {shown}: {e}")))?;
    if entries.next().is_some() {
        return Err(Diagnostic::error(format!("the folder {shown} is not empty"))
            .hint("init only writes into a new or empty folder, so that it never overwrites your files; choose a new folder name, e.g. `kennisbank init mijn-kennisbank`"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Kind;

    #[test]
    fn has_an_example_of_every_content_type_and_an_intro_for_every_section() {
        for kind in Kind::ALL {
            let folder = kind
                .folder()
                .map_or("content/".to_string(), |f| format!("content/{f}/"));
            let pages = FILES.iter().filter(|(path, _)| {
                path.strip_prefix(&folder).is_some_and(|rest| {
                    !rest.contains('/') && rest.ends_with(".md") && rest != "_index.md"
                })
            });
            assert!(pages.count() >= 1, "no example {} in {folder}", kind.name());
            assert!(
                FILES
                    .iter()
                    .any(|(path, _)| *path == format!("{folder}_index.md")),
                "no introduction {folder}_index.md"
            );
        }
    }

    #[test]
    fn lists_every_file_of_the_starter_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/init/starter");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .map(|p| {
                if p == "gitignore" {
                    ".gitignore".to_string()
                } else {
                    p
                }
            })
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
        listed.sort();
        assert_eq!(listed, on_disk);
    }

    #[test]
    fn fills_in_the_year_and_refuses_a_folder_with_files() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("nieuw/kennisbank");
        let today = chrono::NaiveDate::from_ymd_opt(2027, 3, 4).unwrap();
        let written = init(&site, today).unwrap();
        assert_eq!(written.len(), FILES.len());
        let config = std::fs::read_to_string(site.join("kennisbank.yaml")).unwrap();
        assert!(config.contains("editie: Editie 2027"), "{config}");
        assert!(config.contains("# datum: 2027-03-04"), "{config}");
        assert!(!config.contains('{'), "{config}");

        let again = init(&site, today).unwrap_err();
        assert!(again.message.contains("is not empty"), "{}", again.message);
        let file = site.join("kennisbank.yaml");
        let not_a_folder = init(&file, today).unwrap_err();
        assert!(
            not_a_folder.message.contains("is not a folder"),
            "{}",
            not_a_folder.message
        );
    }
}
