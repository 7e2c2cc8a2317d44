//! `kennisbank init <folder>`: a new organisation's first site. It must build at once without errors or warnings,
//! in both editions, export a PDF, link its example pages to each other, keep its example person out of the
//! public edition, and never write into a folder that has files or anywhere outside the new folder.

mod common;

use std::path::Path;
use std::process::Command;

use common::{check_all_links, snapshot};

struct Output {
    success: bool,
    stderr: String,
}

/// Runs kennisbank from `cwd`, as a user in a terminal there would.
fn kennisbank(cwd: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("run kennisbank");
    Output {
        success: output.status.success(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn ok(cwd: &Path, args: &[&str]) -> String {
    let run = kennisbank(cwd, args);
    assert!(run.success, "kennisbank {args:?} failed:\n{}", run.stderr);
    run.stderr
}

/// No line of the output is a warning (or an error).
fn assert_no_warnings(stderr: &str) {
    assert!(
        !stderr
            .lines()
            .any(|l| l.starts_with("warning") || l.starts_with("error")),
        "{stderr}"
    );
    assert!(
        !stderr.contains("with 1 warning") && !stderr.contains(" warnings"),
        "{stderr}"
    );
}

/// A new site made by init in a fresh temporary folder, in a subfolder that does not exist yet; and what init said.
fn new_site() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let said = ok(dir.path(), &["init", "organisaties/nieuwe kennisbank"]);
    let site = dir.path().join("organisaties/nieuwe kennisbank");
    (dir, site, said)
}

#[test]
fn init_writes_a_site_that_builds_and_exports_without_warnings() {
    let (dir, site, said) = new_site();
    // It says what it wrote and what to do next.
    assert!(
        said.contains("Started a new kennisbank in organisaties/nieuwe kennisbank:"),
        "{said}"
    );
    for file in [
        "kennisbank.yaml",
        ".gitignore",
        "content/_index.md",
        "content/praktijkvoorbeelden/inloopspreekuur-voor-ouders.md",
    ] {
        assert!(said.contains(&format!("  {file}\n")), "{said}");
        assert!(site.join(file).is_file(), "{file} was not written");
    }
    assert!(
        said.contains("kennisbank build --site 'organisaties/nieuwe kennisbank'"),
        "{said}"
    );
    assert!(
        said.contains("kennisbank serve --site 'organisaties/nieuwe kennisbank'"),
        "{said}"
    );
    // Nothing beside the new folder, and no theme: it is built in.
    let beside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside, vec![std::ffi::OsString::from("organisaties")]);
    assert!(!site.join("themes").exists());

    let site_arg = site.to_str().unwrap();
    assert_no_warnings(&ok(dir.path(), &["build", "--site", site_arg]));
    let out = site.join("public");
    for page in [
        "praktijkvoorbeelden/inloopspreekuur-voor-ouders.html",
        "werkwijzen/traject-schoolmaatschappelijk-werk.html",
        "contacten/cjg-voorbeeldstad.html",
        "begrippen/intern-begeleider.html",
        "begrippen/schoolmaatschappelijk-werk.html",
        "leerroutes/aan-de-slag.html",
        "bijeenkomsten/themamiddag-ouders-als-partner.html",
        "artikelen/samenwerken-met-ouders.html",
        "over-deze-kennisbank.html",
        "index.html",
        "praktijkvoorbeelden/index.html",
        "begrippen/index.html",
        "contacten/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} is missing");
    }
    check_all_links(&out);

    let intern = site.join("intern");
    assert_no_warnings(&ok(
        dir.path(),
        &[
            "build",
            "--site",
            site_arg,
            "--intern",
            "--out",
            intern.to_str().unwrap(),
        ],
    ));

    assert_no_warnings(&ok(dir.path(), &["export", "pdf", "--site", site_arg]));
    let pdf = std::fs::read(site.join("handboek.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn the_example_pages_lead_to_each_other() {
    let (dir, site, _) = new_site();
    ok(dir.path(), &["build", "--site", site.to_str().unwrap()]);
    let read = |page: &str| std::fs::read_to_string(site.join("public").join(page)).unwrap();

    // The reading path goes through a page of every type.
    let route = read("leerroutes/aan-de-slag.html");
    for step in [
        "../begrippen/schoolmaatschappelijk-werk.html",
        "../begrippen/intern-begeleider.html",
        "../werkwijzen/traject-schoolmaatschappelijk-werk.html",
        "../praktijkvoorbeelden/inloopspreekuur-voor-ouders.html",
        "../artikelen/samenwerken-met-ouders.html",
        "../bijeenkomsten/themamiddag-ouders-als-partner.html",
        "../contacten/cjg-voorbeeldstad.html",
    ] {
        assert!(
            route.contains(&format!("href=\"{step}\"")),
            "the route has no step {step}"
        );
    }
    // The home page starts the new reader on it.
    assert!(read("index.html").contains("leerroutes/aan-de-slag.html"));
    // The theme meeting presents the practice example.
    let meeting = read("bijeenkomsten/themamiddag-ouders-als-partner.html");
    assert!(meeting.contains("../praktijkvoorbeelden/inloopspreekuur-voor-ouders.html"));
    assert!(meeting.contains("Ouders horen bij het eerste gesprek over hun kind altijd aan tafel."));
    // The practice example names its contact and explains the abbreviations it uses.
    let example = read("praktijkvoorbeelden/inloopspreekuur-voor-ouders.html");
    assert!(example.contains("../contacten/cjg-voorbeeldstad.html"));
    assert!(example.contains("../werkwijzen/traject-schoolmaatschappelijk-werk.html#aanmelding"));
    assert!(
        example.contains("<abbr title=\"Intern begeleider: "),
        "{example}"
    );
    // Glossary terms point to each other.
    assert!(read("begrippen/intern-begeleider.html").contains("schoolmaatschappelijk-werk.html"));
}

#[test]
fn the_example_person_stays_out_of_the_public_edition() {
    let (dir, site, _) = new_site();
    let site_arg = site.to_str().unwrap();
    ok(dir.path(), &["build", "--site", site_arg]);
    let public = snapshot(&site.join("public"));
    let leaks: Vec<&String> = public
        .iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains("sam.voorbeeld@example.nl"))
        .map(|(path, _)| path)
        .collect();
    assert!(
        leaks.is_empty(),
        "the example person is public in {leaks:?}"
    );
    let intern = site.join("intern");
    ok(
        dir.path(),
        &[
            "build",
            "--site",
            site_arg,
            "--intern",
            "--out",
            intern.to_str().unwrap(),
        ],
    );
    let card = std::fs::read_to_string(intern.join("contacten/cjg-voorbeeldstad.html")).unwrap();
    assert!(card.contains("sam.voorbeeld@example.nl"), "{card}");
}

#[test]
fn init_refuses_a_folder_with_files_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("bestaand");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("notities.txt"), "mijn aantekeningen").unwrap();
    let run = kennisbank(dir.path(), &["init", "bestaand"]);
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("error: the folder bestaand is not empty"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("only writes into a new or empty folder"),
        "{}",
        run.stderr
    );
    let left = snapshot(dir.path());
    assert_eq!(
        left.keys().collect::<Vec<_>>(),
        vec!["bestaand/notities.txt"]
    );
    assert_eq!(left["bestaand/notities.txt"], b"mijn aantekeningen");

    // A file is no folder to start in either.
    let run = kennisbank(dir.path(), &["init", "bestaand/notities.txt"]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("exists and is not a folder"),
        "{}",
        run.stderr
    );

    // An empty folder is fine.
    std::fs::create_dir(dir.path().join("leeg")).unwrap();
    ok(dir.path(), &["init", "leeg"]);
    assert!(dir.path().join("leeg/kennisbank.yaml").is_file());
}

#[test]
fn git_keeps_the_sources_and_ignores_what_kennisbank_makes() {
    let (dir, site, _) = new_site();
    let site_arg = site.to_str().unwrap();
    std::fs::write(site.join("content/folder.pdf"), b"%PDF-1.7 a brochure").unwrap();
    ok(dir.path(), &["build", "--site", site_arg]);
    ok(dir.path(), &["export", "pdf", "--site", site_arg]);
    let git = Command::new("git")
        .current_dir(&site)
        .args(["init", "--quiet"])
        .status()
        .expect("git");
    assert!(git.success());
    let status = Command::new("git")
        .current_dir(&site)
        .args(["status", "--porcelain", "--untracked-files=all"])
        .output()
        .expect("git status");
    let status = String::from_utf8_lossy(&status.stdout);
    let files: Vec<&str> = status
        .lines()
        .map(|l| l.trim_start_matches("?? "))
        .collect();
    assert!(files.contains(&"kennisbank.yaml"), "{status}");
    assert!(files.contains(&".gitignore"), "{status}");
    assert!(
        files.contains(&"content/folder.pdf"),
        "a PDF in content/ is part of the site: {status}"
    );
    for made in ["public/", "search-index/", "handboek.pdf"] {
        assert!(
            !files.iter().any(|f| f.starts_with(made)),
            "{made} is not ignored: {status}"
        );
    }
}
