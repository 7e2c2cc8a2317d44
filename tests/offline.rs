//! The offline bundle, `kennisbank export offline`: the zip read back entry by entry, as a user who unzips it on a
//! USB stick gets it. (tests/browser/offline.mjs opens it from disk in a browser.)

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{check_all_links, repo, snapshot, Fixture, Run};

/// Strings that only internal pages and fields of the standard fixture contain.
const MARKERS: [&str; 6] = [
    "GEHEIM-PAGINA",
    "GEHEIM-TEKST",
    "GEHEIM-PERSOON",
    "GEHEIM-ORGANISATIE",
    "geheim-persoon@example.nl",
    "intern-overleg",
];

fn export(site: &Path, args: &[&str]) -> Run {
    common::export(site, "offline", args)
}

fn export_ok(site: &Path, args: &[&str]) -> Run {
    common::export_ok(site, "offline", args)
}

/// Every entry of a zip with its bytes, in the zip's own order.
fn entries(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let file = std::fs::File::open(zip).unwrap_or_else(|e| panic!("{}: {e}", zip.display()));
    let mut archive = zip::ZipArchive::new(file).expect("a valid zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
            (entry.name().expect("an entry name").to_string(), bytes)
        })
        .collect()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 text")
}

/// Unzips into a folder, as a user does on the stick.
fn unzip(zip: &Path, into: &Path) {
    for (name, bytes) in entries(zip) {
        let path = into.join(&name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// References a page opened from disk cannot follow: paths from the root of a web server.
fn absolute_references(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for start in [
        "href=\"/", "src=\"/", "href='/", "src='/", "url(/", "url(\"/", "url('/",
    ] {
        let mut rest = text;
        while let Some(i) = rest.find(start) {
            rest = &rest[i..];
            found.push(rest.chars().take(60).collect());
            rest = &rest[start.len()..];
        }
    }
    found
}

#[test]
fn the_bundle_has_one_start_page_beside_the_website() {
    let site = Fixture::standard();
    let before = snapshot(site.path());
    let run = export_ok(site.path(), &[]);
    let zip = site.path().join("kennisbank-offline.zip");
    assert!(
        run.stderr.contains("kennisbank-offline.zip")
            && run.stderr.contains("pages of the site")
            && run.stderr.contains("START-HIER.html"),
        "{}",
        run.stderr
    );

    // Readable by everyone who gets the stick, like any other file saved there.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&zip).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "the zip's permissions are {mode:o}");
    }

    let all = entries(&zip);
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    let roots: Vec<&&str> = names.iter().filter(|n| !n.contains('/')).collect();
    assert_eq!(roots, [&"START-HIER.html"], "one file at the root");
    assert!(
        names
            .iter()
            .all(|n| *n == "START-HIER.html" || n.starts_with("website/")),
        "{names:?}"
    );
    for needed in [
        "website/index.html",
        "website/zoeken.html",
        "website/zoek/index.js",
        "website/zoek/zoek.js",
        "website/static/style.css",
        "website/begrippen/index.html",
        "website/praktijkvoorbeelden/den-bosch.html",
    ] {
        assert!(names.contains(&needed), "{needed} missing: {names:?}");
    }
    for server_only in ["404.html", "robots.txt", "sitemap.xml", "feed.xml"] {
        let name = format!("website/{server_only}");
        assert!(!names.contains(&name.as_str()), "{name} is in the bundle");
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries are sorted");

    let start = text(&all[0].1);
    assert!(start.contains("<title>Testkennisbank</title>"), "{start}");
    assert!(
        start.contains(r#"<meta http-equiv="refresh" content="0; url=website/index.html">"#),
        "{start}"
    );
    assert!(
        start.contains(r#"<a class="knop" href="website/index.html">Open de kennisbank</a>"#),
        "{start}"
    );
    assert!(start.contains("zonder internet"), "{start}");
    assert!(start.contains("kopieer dan de hele map"), "{start}");

    // The export wrote its zip and nothing else: no output folder, no search index, no temporary file.
    let mut after = snapshot(site.path());
    assert!(after.remove("kennisbank-offline.zip").is_some());
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
}

#[test]
fn every_reference_in_the_bundled_site_stays_inside_the_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("stick.zip");
    export_ok(&repo(), &["--out", zip.to_str().unwrap()]);
    let mut checked = 0;
    for (name, bytes) in entries(&zip) {
        if [".html", ".css", ".js"].iter().any(|e| name.ends_with(e)) {
            let found = absolute_references(&text(&bytes));
            assert!(found.is_empty(), "{name}: {found:?}");
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} files checked");
    let unzipped = dir.path().join("stick");
    unzip(&zip, &unzipped);
    // Every href and src is relative and names a file of the bundle.
    check_all_links(&unzipped.join("website"));
    check_all_links(&unzipped);
}

#[test]
fn nothing_internal_reaches_the_bundle() {
    let site = Fixture::standard();
    let zip = site.path().join("uit.zip");
    export_ok(site.path(), &["--out", zip.to_str().unwrap()]);
    let all = entries(&zip);
    assert!(all.len() > 50, "{} entries", all.len());
    for (name, bytes) in &all {
        for marker in MARKERS {
            assert!(
                !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
                "{marker} leaked into {name}"
            );
        }
        if [".html", ".css", ".js"].iter().any(|e| name.ends_with(e)) {
            let found = absolute_references(&text(bytes));
            assert!(found.is_empty(), "{name}: {found:?}");
        }
    }
    let map: BTreeMap<_, _> = all.into_iter().collect();
    assert!(!map.contains_key("website/intern-overleg.html"));
    // The public page itself is there, with its public contact and without the internal one.
    let contact = text(&map["website/contacten/den-bosch.html"]);
    assert!(contact.contains("Openbare Woordvoerder"), "{contact}");
}

#[test]
fn two_exports_are_byte_identical() {
    let site = Fixture::standard();
    let first = site.path().join("een.zip");
    let second = site.path().join("twee.zip");
    export_ok(site.path(), &["--out", first.to_str().unwrap()]);
    export_ok(site.path(), &["--out", second.to_str().unwrap()]);
    assert!(
        std::fs::read(&first).unwrap() == std::fs::read(&second).unwrap(),
        "the two zips differ"
    );
}

#[test]
fn a_broken_site_fails_and_leaves_the_earlier_zip_alone() {
    let site = Fixture::standard();
    export_ok(site.path(), &[]);
    let zip = site.path().join("kennisbank-offline.zip");
    let earlier = std::fs::read(&zip).unwrap();
    site.write(
        "content/praktijkvoorbeelden/kapot.md",
        "---\ntitel: Kapot\nonderwijstype: [universiteit]\n---\nTekst.\n",
    );
    site.write(
        "content/verwijzing.md",
        "---\ntitel: Verwijzing\n---\nZie [niets](bestaat-niet.md).\n",
    );
    let before = snapshot(site.path());
    let run = export(site.path(), &[]);
    assert!(
        !run.success,
        "the export should have failed:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/praktijkvoorbeelden/kapot.md"),
        "{}",
        run.stderr
    );
    // Every problem, not just the first: the unknown value and the broken link.
    assert!(run.stderr.contains("universiteit"), "{}", run.stderr);
    assert!(run.stderr.contains("bestaat-niet"), "{}", run.stderr);
    assert!(
        run.stderr.contains("Export failed with") && run.stderr.contains("no zip was written"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(std::fs::read(&zip).unwrap() == earlier, "the zip changed");
    assert_eq!(snapshot(site.path()), before, "something else was written");
}

#[test]
fn out_names_the_zip_and_a_missing_folder_is_reported() {
    let site = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("Voor de training.zip");
    let run = export_ok(site.path(), &["--out", zip.to_str().unwrap()]);
    assert!(
        run.stderr.contains("Voor de training.zip"),
        "{}",
        run.stderr
    );
    assert!(!site.path().join("kennisbank-offline.zip").exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "only the zip was written"
    );
    assert_eq!(entries(&zip)[0].0, "START-HIER.html");

    let nowhere = dir.path().join("bestaat-niet").join("uit.zip");
    let run = export(site.path(), &["--out", nowhere.to_str().unwrap()]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("cannot write") && run.stderr.contains("--out"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn the_sites_theme_may_restyle_the_start_page() {
    let site = Fixture::standard();
    site.write(
        "themes/default/templates/start-hier.html",
        "<!DOCTYPE html><title>{{ site.titel }} eigen</title><a href=\"{{ root }}index.html\">Begin</a>\n",
    );
    let zip = site.path().join("uit.zip");
    export_ok(site.path(), &["--out", zip.to_str().unwrap()]);
    let start = text(&entries(&zip)[0].1);
    assert!(
        start.contains("<title>Testkennisbank eigen</title>")
            && start.contains(r#"href="website/index.html""#),
        "{start}"
    );
}
