//! The public and internal editions, determinism, golden pages and `kennisbank new`.

mod common;

use common::{snapshot, Fixture};

/// Strings that only internal pages and fields of the standard fixture contain.
const MARKERS: [&str; 5] = [
    "GEHEIM-PAGINA",
    "GEHEIM-TEKST",
    "GEHEIM-PERSOON",
    "GEHEIM-ORGANISATIE",
    "geheim-persoon@example.nl",
];

fn files_containing(out: &std::path::Path, marker: &str) -> Vec<String> {
    snapshot(out)
        .into_iter()
        .filter(|(_, bytes)| bytes.windows(marker.len()).any(|w| w == marker.as_bytes()))
        .map(|(path, _)| path)
        .collect()
}

#[test]
fn nothing_internal_reaches_the_public_build() {
    let site = Fixture::standard();
    site.build(&[]);
    for marker in MARKERS {
        let found = files_containing(&site.out(), marker);
        assert!(found.is_empty(), "{marker} leaked into {found:?}");
    }
    assert!(!site.out().join("intern-overleg.html").exists());
    assert!(!site.read("sitemap.xml").contains("intern-overleg"));
    assert!(!site.read("index.html").contains("intern-overleg"));
    assert!(!site.read("index.html").contains("noindex"));
    assert!(site.read("robots.txt").contains("Allow: /"));
}

#[test]
fn the_internal_edition_has_everything_and_is_never_indexed() {
    let site = Fixture::standard();
    site.build(&["--intern"]);
    for marker in MARKERS {
        assert!(
            !files_containing(&site.out(), marker).is_empty(),
            "{marker} missing from the internal edition"
        );
    }
    assert!(site.read("intern-overleg.html").contains("GEHEIM-TEKST"));
    assert!(site
        .read("contacten/den-bosch.html")
        .contains("geheim-persoon@example.nl"));
    for (path, bytes) in snapshot(&site.out()) {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(
                html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"),
                "{path} is not noindex"
            );
            assert!(
                !html.contains("rel=\"canonical\""),
                "{path} has a canonical link"
            );
        }
    }
    assert_eq!(site.read("robots.txt"), "User-agent: *\nDisallow: /\n");
}

#[test]
fn a_public_page_linking_to_an_internal_page_keeps_only_the_text() {
    let site = Fixture::standard();
    site.write(
        "content/over.md",
        "---\ntitel: Over\n---\nZie [het overleg](intern-overleg.md).\n",
    );
    let run = site.build(&[]);
    assert!(
        run.stderr.contains("links to an internal page"),
        "{}",
        run.stderr
    );
    let html = site.read("over.html");
    assert!(html.contains("Zie het overleg."), "{html}");
    assert!(!html.contains("intern-overleg"));
    site.build(&["--intern"]);
    assert!(site
        .read("over.html")
        .contains("href=\"intern-overleg.html\""));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Fixture::standard();
    let first = site.path().join("eerste");
    let second = site.path().join("tweede");
    site.build(&["--out", first.to_str().unwrap()]);
    site.build(&["--out", second.to_str().unwrap()]);
    let (a, b) = (snapshot(&first), snapshot(&second));
    assert!(a.len() > 30);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
    // A rebuild over an existing output gives the same files too.
    site.build(&["--out", first.to_str().unwrap()]);
    assert!(snapshot(&first) == b);
}

/// Golden files: the rendered pages of the standard fixture, compared byte for byte. After a deliberate change
/// to the theme or the renderer, run `KENNISBANK_BLESS=1 cargo test --test editions golden` and review the diff.
#[test]
fn golden_pages() {
    let site = Fixture::standard();
    site.build(&[]);
    let golden = common::repo().join("tests/golden");
    let bless = std::env::var_os("KENNISBANK_BLESS").is_some();
    for (page, file) in [
        (
            "praktijkvoorbeelden/den-bosch.html",
            "praktijkvoorbeeld.html",
        ),
        ("werkwijzen/barneveld.html", "werkwijze.html"),
        ("begrippen/jeugdverpleegkundige.html", "begrip.html"),
        ("leerroutes/start.html", "leerroute.html"),
    ] {
        let actual = site.read(page);
        let path = golden.join(file);
        if bless {
            std::fs::create_dir_all(&golden).unwrap();
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "{} is missing; run with KENNISBANK_BLESS=1 to create it",
                path.display()
            )
        });
        if actual != expected {
            let line = actual
                .lines()
                .zip(expected.lines())
                .position(|(a, e)| a != e)
                .unwrap_or(0);
            panic!(
                "{page} differs from tests/golden/{file} at line {}:\n  actual:   {}\n  expected: {}\n(KENNISBANK_BLESS=1 updates the golden files after a deliberate change)",
                line + 1,
                actual.lines().nth(line).unwrap_or(""),
                expected.lines().nth(line).unwrap_or("")
            );
        }
    }
}

#[test]
fn new_writes_a_page_of_each_type_that_builds() {
    let site = Fixture::standard();
    for (kind, title, path) in [
        (
            "praktijkvoorbeeld",
            "Schoolcoach in Tilburg",
            "content/praktijkvoorbeelden/schoolcoach-in-tilburg.md",
        ),
        (
            "werkwijze",
            "Route naar het wijkteam",
            "content/werkwijzen/route-naar-het-wijkteam.md",
        ),
        (
            "contact",
            "CJG Barneveld",
            "content/contacten/cjg-barneveld.md",
        ),
        ("begrip", "Thuiszitter", "content/begrippen/thuiszitter.md"),
        (
            "bijeenkomst",
            "Verzuim: wat werkt?",
            "content/bijeenkomsten/verzuim-wat-werkt.md",
        ),
        (
            "artikel",
            "Passend onderwijs en Jeugdwet",
            "content/artikelen/passend-onderwijs-en-jeugdwet.md",
        ),
        ("pagina", "Colofon", "content/colofon.md"),
    ] {
        let run = site.run(&["new", kind, title]);
        assert!(run.success, "{}", run.stderr);
        let text = std::fs::read_to_string(site.path().join(path)).unwrap();
        assert!(text.starts_with("---\ntitel: "), "{text}");
        assert!(text.contains(title.split(':').next().unwrap()), "{text}");
    }
    let example = std::fs::read_to_string(
        site.path()
            .join("content/praktijkvoorbeelden/schoolcoach-in-tilburg.md"),
    )
    .unwrap();
    for field in [
        "samenvatting:",
        "organisaties:",
        "regio:",
        "onderwijstype:",
        "thema:",
        "bron:",
        "contacten:",
        "## Hoe werkt het?",
    ] {
        assert!(example.contains(field), "{field} missing from\n{example}");
    }
    site.build(&[]);
    assert!(site
        .read("praktijkvoorbeelden/schoolcoach-in-tilburg.html")
        .contains("Schoolcoach in Tilburg"));

    let again = site.run(&["new", "begrip", "Thuiszitter"]);
    assert!(
        !again.success && again.stderr.contains("already exists"),
        "{}",
        again.stderr
    );
    let wrong = site.run(&["new", "recept", "Appeltaart"]);
    assert!(
        !wrong.success && wrong.stderr.contains("praktijkvoorbeeld, werkwijze"),
        "{}",
        wrong.stderr
    );
}
