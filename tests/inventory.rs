//! The bundled knowledge base (`content/`) against its inventory: every fixed path is published, every page cites
//! its source, every practice example has a contact sheet and a theme, every glossary term is reachable from the
//! glossary, and the public build carries no e-mail address.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kennisbank::config::Config;
use kennisbank::content::{self, Details, Kind};
use kennisbank::diagnostic::Sources;

/// The paths other parts of the product and its tests refer to (under `content/`, without `.md`).
const INVENTORY: &[&str] = &[
    "praktijkvoorbeelden/den-bosch-brugfunctie",
    "praktijkvoorbeelden/utrecht-vo-team-mbo-team",
    "praktijkvoorbeelden/school-als-werkplaats-leeuwarden",
    "praktijkvoorbeelden/oudergespreksgroepen-de-waterlelie",
    "praktijkvoorbeelden/jeugd-en-gezinswerkers-midden-limburg",
    "praktijkvoorbeelden/signaleren-en-normaliseren-rotterdam",
    "praktijkvoorbeelden/voorschools-maatschappelijk-werk-rotterdam",
    "werkwijzen/werkwijze-smw-basisonderwijs-barneveld",
    "werkwijzen/samenwerkingspartners-smw-rotterdam",
    "werkwijzen/handelingsgericht-werken",
    "werkwijzen/toeleiding-naar-het-wijkteam",
    "artikelen/passend-onderwijs-en-jeugdwet",
    "artikelen/sterke-pedagogische-basis",
    "artikelen/samenwerken-met-ouders",
    "artikelen/aansluiting-met-het-wijkteam",
    "artikelen/mbo-en-jeugdhulp",
    "artikelen/onderwijs-zorgarrangementen",
    "artikelen/arbeidstoeleiding-kwetsbare-jongeren",
    "artikelen/lessen-uit-het-buitenland",
    "artikelen/sturen-op-samenhang",
    "begrippen/intern-begeleider",
    "begrippen/jeugdverpleegkundige",
    "begrippen/schoolmaatschappelijk-werk",
    "begrippen/centrum-voor-jeugd-en-gezin",
    "begrippen/thuiszitter",
    "begrippen/startkwalificatie",
    "leerroutes/inwerken-nieuwe-smwer",
    "bijeenkomsten/themabijeenkomst-sterk-in-preventie-2017",
    "over-deze-kennisbank",
    "handleiding-voor-redacteuren",
];

/// Organisations the sources name with a contact person or a role in a practice example.
const CONTACT_SHEETS: &[&str] = &[
    "samenwerkingsverband-de-meierij",
    "cjg-midden-limburg",
    "het-kwadrant-weert",
    "stichting-smw-rijnmond",
    "mee-rotterdam-rijnmond",
    "servicepunt-smw",
    "lokalis-buurtteams-utrecht",
    "de-waterlelie",
    "nederlands-jeugdinstituut",
    "cjg-barneveld",
    "friesland-college",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The public build of the bundled content, made once for all tests in this file.
fn public() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_kennisbank"))
            .arg("--site")
            .arg(repo())
            .args(["build", "--out"])
            .arg(dir.path().join("public"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(
            !stderr.contains("warning"),
            "the bundled content builds with warnings:\n{stderr}"
        );
        dir
    })
    .path()
    .join("public")
    .leak()
}

fn pages() -> Vec<content::Page> {
    let sources = Sources::default();
    let config = Config::load(&repo(), &sources).unwrap();
    let loaded = content::load(&repo(), &config, &sources);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded
        .pages
        .iter()
        .filter(|p| !p.is_index)
        .map(|p| content::Page::clone(p))
        .collect()
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(public().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

#[test]
fn every_fixed_path_is_published() {
    for key in INVENTORY {
        assert!(
            public().join(format!("{key}.html")).is_file(),
            "{key} is missing from the site"
        );
    }
    for sheet in CONTACT_SHEETS {
        assert!(
            public().join(format!("contacten/{sheet}.html")).is_file(),
            "contact sheet {sheet} is missing"
        );
    }
}

#[test]
fn the_inventory_is_complete_in_number() {
    let pages = pages();
    let count = |kind: Kind| pages.iter().filter(|p| p.kind == kind).count();
    assert!(
        count(Kind::Praktijkvoorbeeld) >= 15,
        "{} practice examples",
        count(Kind::Praktijkvoorbeeld)
    );
    assert!(
        count(Kind::Begrip) >= 40,
        "{} glossary terms",
        count(Kind::Begrip)
    );
    assert!(count(Kind::Artikel) >= 9);
    assert!(count(Kind::Werkwijze) >= 4);
}

#[test]
fn every_page_cites_its_source() {
    for page in pages() {
        assert!(!page.meta.bronnen.is_empty(), "{} has no `bron`", page.file);
        let html = read(&page.url);
        for bron in &page.meta.bronnen {
            let shown = bron.titel.replace('\'', "&#39;").replace('"', "&quot;");
            assert!(
                html.contains(&shown),
                "{} does not show its source {:?}",
                page.url,
                bron.titel
            );
        }
    }
}

#[test]
fn every_practice_example_has_a_contact_sheet_and_a_theme() {
    for page in pages().iter().filter(|p| p.kind == Kind::Praktijkvoorbeeld) {
        let Details::Praktijkvoorbeeld(details) = &page.meta.details else {
            unreachable!()
        };
        assert!(
            !details.contacten.is_empty(),
            "{} has no contact sheet",
            page.file
        );
        assert!(!page.meta.thema.is_empty(), "{} has no thema", page.file);
        let html = read(&page.url);
        assert!(
            html.contains("href=\"../contacten/"),
            "{} shows no contact card",
            page.url
        );
        assert!(
            html.contains("href=\"../thema/"),
            "{} links to no theme",
            page.url
        );
    }
}

#[test]
fn every_glossary_term_is_reachable_from_the_glossary() {
    let glossary = read("begrippen/index.html");
    for page in pages().iter().filter(|p| p.kind == Kind::Begrip) {
        let file = page.url.trim_start_matches("begrippen/");
        assert!(
            glossary.contains(&format!("href=\"../begrippen/{file}\""))
                || glossary.contains(&format!("href=\"{file}\"")),
            "{} is not linked from the glossary",
            page.url
        );
    }
}

#[test]
fn the_reading_path_guides_through_at_least_ten_steps() {
    let route = pages()
        .into_iter()
        .find(|p| p.key == "leerroutes/inwerken-nieuwe-smwer")
        .unwrap();
    let Details::Leerroute { stappen } = &route.meta.details else {
        unreachable!()
    };
    assert!(stappen.len() >= 10, "{} steps", stappen.len());
    for stap in stappen {
        assert!(
            stap.toelichting.as_deref().is_some_and(|t| t.len() > 20),
            "step {} says not why it matters",
            stap.pagina.target
        );
    }
    assert_eq!(
        read("leerroutes/inwerken-nieuwe-smwer.html")
            .matches("data-stap=")
            .count(),
        stappen.len()
    );
}

#[test]
fn the_theme_meeting_links_the_five_practice_examples_presented() {
    let html = read("bijeenkomsten/themabijeenkomst-sterk-in-preventie-2017.html");
    for example in [
        "oudergespreksgroepen-de-waterlelie",
        "jeugd-en-gezinswerkers-midden-limburg",
        "signaleren-en-normaliseren-rotterdam",
        "utrecht-vo-team-mbo-team",
        "voorschools-maatschappelijk-werk-rotterdam",
    ] {
        assert!(
            html.contains(&format!("praktijkvoorbeelden/{example}.html")),
            "{example} is not linked"
        );
    }
    assert!(html.contains("18 mei 2017"));
}

#[test]
fn the_public_build_carries_no_e_mail_address() {
    for entry in walkdir::WalkDir::new(public())
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
        for (i, _) in text.match_indices('@') {
            let before = text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric());
            let after = text[i + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
            // The editors' guide shows how to fill in a person with a placeholder address.
            let domain = &text[i + 1..];
            let placeholder = domain.starts_with("voorbeeld.") || domain.starts_with("example.");
            assert!(
                !(before && after) || placeholder,
                "{} contains an e-mail address near {:?}",
                entry.path().display(),
                &text[i.saturating_sub(30)..(i + 30).min(text.len())]
            );
        }
    }
}
