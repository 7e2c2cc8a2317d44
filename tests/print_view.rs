//! The website's print view: the "Afdrukken / PDF" link on every content page, and the whole handbook on one page
//! (`afdrukken.html`) in the handbook's order, with links that stay inside the document, unique ids and nothing
//! internal. How it looks on paper is tested in the browser (tests/browser/afdrukken.mjs).

mod common;

use std::collections::BTreeSet;

use common::{check_all_links, Fixture};

/// Strings that only internal pages and fields of the standard fixture contain.
const MARKERS: [&str; 5] = [
    "GEHEIM-PAGINA",
    "GEHEIM-TEKST",
    "GEHEIM-PERSOON",
    "GEHEIM-ORGANISATIE",
    "geheim-persoon@example.nl",
];

/// The titles of the standard fixture's public pages, as HTML writes them.
const PUBLIC_TITLES: [&str; 10] = [
    "Een brugfunctie in Den Bosch",
    "Het vo-team in Utrecht",
    "Werkwijze SMW in het basisonderwijs",
    "Jeugdverpleegkundige",
    "Intern begeleider",
    "Proeftuin Den Bosch",
    "Team Utrecht",
    "Start als SMW&#39;er",
    "Sterk in preventie",
    "Over deze kennisbank",
];

fn assert_in_order(html: &str, needles: &[&str]) {
    let mut last = 0;
    for needle in needles {
        let at = html
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} is not on the page"));
        assert!(at >= last, "{needle} comes too early");
        last = at;
    }
}

/// Every `id` on a page, failing on one that occurs twice.
fn unique_ids(html: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for part in html.split(" id=\"").skip(1) {
        let id = part.split('"').next().unwrap().to_string();
        assert!(ids.insert(id.clone()), "the id {id} occurs twice");
    }
    ids
}

#[test]
fn every_content_page_has_a_print_link_and_every_page_the_whole_handbook() {
    let site = Fixture::standard();
    site.build(&[]);
    for (page, root) in [
        ("praktijkvoorbeelden/den-bosch.html", "../"),
        ("werkwijzen/barneveld.html", "../"),
        ("begrippen/jeugdverpleegkundige.html", "../"),
        ("contacten/den-bosch.html", "../"),
        ("over.html", ""),
    ] {
        let html = site.read(page);
        assert!(
            html.contains(&format!(
                "<a class=\"afdrukken-link\" href=\"{root}afdrukken.html\" data-afdrukken>Afdrukken / PDF</a>"
            )),
            "{page} has no print link"
        );
        assert!(
            html.contains(&format!(
                "<script src=\"{root}static/afdrukken.js\"></script>"
            )),
            "{page} does not load afdrukken.js"
        );
        assert!(
            html.contains(&format!(
                "<a href=\"{root}afdrukken.html\">Het hele handboek afdrukken</a>"
            )),
            "{page} has no link to the whole handbook"
        );
    }
    assert!(site
        .read("index.html")
        .contains("<a href=\"afdrukken.html\">Het hele handboek afdrukken</a>"));
    assert!(site.read("static/afdrukken.js").contains("window.print()"));
}

#[test]
fn the_print_page_holds_every_public_page_in_handbook_order() {
    let site = Fixture::standard();
    site.build(&[]);
    let html = site.read("afdrukken.html");
    assert!(html.contains("<html lang=\"nl\">"));
    // It repeats every page, so search engines are kept to the pages themselves.
    assert!(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    assert!(html.contains("<title>Het hele handboek · Testkennisbank</title>"));
    // The introduction, the configured sections in their order, then the other folders by name; each chapter
    // after the table of contents.
    assert_in_order(
        &html,
        &[
            "<h2 id=\"afdruk-inhoud-kop\">Inhoud</h2>",
            "<section class=\"hoofdstuk\" id=\"h-inleiding\">",
            "<h2 class=\"hoofdstuk-titel\">Inleiding</h2>",
            "Begin bij de",
            "id=\"p-over\"",
            "<section class=\"hoofdstuk\" id=\"h-praktijkvoorbeelden\">",
            "id=\"p-praktijkvoorbeelden-den-bosch\"",
            "id=\"p-praktijkvoorbeelden-utrecht\"",
            "<section class=\"hoofdstuk\" id=\"h-werkwijzen\">",
            "<section class=\"hoofdstuk\" id=\"h-begrippen\">",
            "id=\"p-begrippen-intern-begeleider\"",
            "id=\"p-begrippen-jeugdverpleegkundige\"",
            "<section class=\"hoofdstuk\" id=\"h-contacten\">",
            "<section class=\"hoofdstuk\" id=\"h-bijeenkomsten\">",
            "<section class=\"hoofdstuk\" id=\"h-leerroutes\">",
        ],
    );
    for title in PUBLIC_TITLES {
        assert!(
            html.contains(&format!("<h3 class=\"afdruk-pagina-titel\">{title}</h3>")),
            "{title} is not printed"
        );
    }
    // The table of contents links to every chapter and page.
    assert!(html.contains("<li><a href=\"#h-werkwijzen\">Werkwijzen</a>"));
    assert!(html.contains(
        "<li><a href=\"#p-werkwijzen-barneveld\">Werkwijze SMW in het basisonderwijs</a></li>"
    ));
    // What front matter adds is printed: phases, a meaning, a contact card, the steps of a reading path.
    assert!(html.contains("Toestemming van beide ouders"));
    assert!(html.contains("Verpleegkundige van de GGD voor kinderen en jongeren."));
    assert!(html.contains("Openbare Woordvoerder"));
    assert!(html.contains("<strong>Waarom deze stap:</strong> Wie is wie."));
    // The body's headings sit under the page's title.
    assert!(html.contains("<h4 id=\"p-praktijkvoorbeelden-den-bosch--wat-levert-het-op\">"));
    // Nothing that makes no sense on paper.
    assert!(!html.contains("class=\"backlinks\""));
    assert!(!html.contains("type=\"checkbox\""));
}

#[test]
fn links_on_the_print_page_stay_in_the_document_and_ids_are_unique() {
    let site = Fixture::standard();
    site.write_bytes(
        "content/praktijkvoorbeelden/foto's/schema fasen.png",
        b"\x89PNG\r\n",
    );
    site.write(
        "content/praktijkvoorbeelden/met-afbeelding.md",
        "---\ntitel: Met afbeelding\nsamenvatting: x\ndatum: 2020-01-01\norganisaties: [x]\nregio: x\nonderwijstype: [po]\nthema: [ouders]\nbron: {titel: x}\n---\n\
## Wat levert het op?\n\n![Schema van de fasen](foto's/schema%20fasen.png)\n\n\
Zie [hierboven](#wat-levert-het-op), [alle werkwijzen](../werkwijzen/) en de bron.[^1]\n\n[^1]: Een voetnoot.\n",
    );
    site.build(&[]);
    let html = site.read("afdrukken.html");
    // Links to pages and their headings go to their place in the document.
    assert!(html.contains("<a href=\"#p-werkwijzen-barneveld--intakefase\">intakefase</a>"));
    assert!(html.contains("<a href=\"#p-over\">de pagina over ons</a>"));
    assert!(html.contains("<a href=\"#h-werkwijzen\">alle werkwijzen</a>"));
    assert!(html.contains(
        "<a href=\"#p-praktijkvoorbeelden-met-afbeelding--wat-levert-het-op\">hierboven</a>"
    ));
    assert!(html.contains("<a class=\"begrip\" href=\"#p-begrippen-jeugdverpleegkundige\">"));
    assert!(html.contains(
        "<h5><a href=\"#p-werkwijzen-barneveld\">Werkwijze SMW in het basisonderwijs</a></h5>"
    ));
    assert!(html.contains("<a href=\"#p-contacten-den-bosch\">Proeftuin Den Bosch</a>"));
    // Footnotes, and the same heading on two pages, get ids of their page.
    assert!(html.contains("id=\"p-praktijkvoorbeelden-met-afbeelding--1\""));
    assert!(html.contains("id=\"p-praktijkvoorbeelden-den-bosch--wat-levert-het-op\""));
    // Images are reached from the site root; the page itself still reaches them from its own folder.
    assert!(html.contains("src=\"praktijkvoorbeelden/foto%27s/schema%20fasen.png\""));
    assert!(site
        .read("praktijkvoorbeelden/met-afbeelding.html")
        .contains("src=\"foto%27s/schema%20fasen.png\""));
    let ids = unique_ids(&html);
    assert!(ids.contains("p-werkwijzen-barneveld--intakefase"));
    check_all_links(&site.out());
}

#[test]
fn nothing_internal_reaches_the_public_print_page() {
    let site = Fixture::standard();
    site.write(
        "content/over.md",
        "---\ntitel: Over deze kennisbank\n---\nZie [het overleg](intern-overleg.md).\n",
    );
    site.build(&[]);
    let html = site.read("afdrukken.html");
    for marker in MARKERS {
        assert!(
            !html.contains(marker),
            "{marker} is on the public print page"
        );
    }
    assert!(!html.contains("intern-overleg"));
    // A link to an internal page keeps its text only, as on the page itself.
    assert!(html.contains("Zie het overleg."));

    // The internal edition prints everything, marked as internal.
    site.build(&["--intern"]);
    let html = site.read("afdrukken.html");
    for marker in MARKERS {
        assert!(
            html.contains(marker),
            "{marker} is missing from the internal print page"
        );
    }
    assert!(html.contains("<a href=\"#p-intern-overleg\">het overleg</a>"));
    assert!(html.contains("<span class=\"intern-label\">Intern</span>"));
    assert!(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
}

#[test]
fn two_builds_give_the_same_print_page() {
    let site = Fixture::standard();
    let first = site.path().join("eerste");
    let second = site.path().join("tweede");
    site.build(&["--out", first.to_str().unwrap()]);
    site.build(&["--out", second.to_str().unwrap()]);
    let read = |dir: &std::path::Path| std::fs::read(dir.join("afdrukken.html")).unwrap();
    assert!(
        read(&first) == read(&second),
        "afdrukken.html differs between two builds"
    );
}

#[test]
fn a_site_theme_without_the_print_page_prints_with_the_built_in_one() {
    // Every theme starts from the built-in one: removing the site's copy of a template brings the built-in
    // template back rather than leaving the print links with nowhere to go.
    let site = Fixture::standard();
    site.remove("themes/default/templates/afdrukken.html");
    site.build(&[]);
    assert!(site
        .read("afdrukken.html")
        .contains("Een brugfunctie in Den Bosch"));
    let page = site.read("praktijkvoorbeelden/den-bosch.html");
    assert!(page.contains("href=\"../afdrukken.html"), "{page}");
}
