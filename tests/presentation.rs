//! What presentation mode is built from: the "Presenteren" button on every page, and the meeting's own deck
//! (`<template id="dia-bron">`): programme, each practice example with the sections `presentatie_secties` names,
//! statements with their poll results. How the slides behave is tested in the browser
//! (`tests/browser/presentatie.mjs`).

mod common;

use common::Fixture;

/// The meeting's deck as built, between `<template id="dia-bron">` and `</template>`.
fn deck(site: &Fixture) -> String {
    let page = site.read("bijeenkomsten/preventie.html");
    let start = page
        .find("<template id=\"dia-bron\">")
        .expect("the meeting page has no deck");
    let end = page[start..].find("</template>").unwrap() + start;
    page[start..end].to_string()
}

/// The standard site with a second, internal practice example presented at the meeting.
fn with_internal_example() -> Fixture {
    let site = Fixture::standard();
    site.write(
        "content/praktijkvoorbeelden/geheim.md",
        "---\ntitel: GEHEIM-VOORBEELD\nsamenvatting: GEHEIM-SAMENVATTING\ndatum: 2022-01-01\n\
         organisaties: [Team]\nregio: Utrecht\nonderwijstype: [po]\nthema: [Preventie]\n\
         bron:\n  titel: Notitie\n  uitgever: Team\n  jaar: 2022\nzichtbaarheid: intern\n---\n\
         ## Hoe werkt het?\n\nGEHEIM-WERKWIJZE\n",
    );
    let meeting =
        std::fs::read_to_string(site.path().join("content/bijeenkomsten/preventie.md")).unwrap();
    site.write(
        "content/bijeenkomsten/preventie.md",
        &meeting.replace(
            "praktijkvoorbeelden: [den-bosch]",
            "praktijkvoorbeelden: [geheim, den-bosch, utrecht]",
        ),
    );
    site
}

#[test]
fn a_meeting_presents_its_programme_examples_and_statements_in_order() {
    let site = with_internal_example();
    site.build(&[]);
    let deck = deck(&site);
    let at = |text: &str| {
        deck.find(text)
            .unwrap_or_else(|| panic!("the deck lacks {text:?}:\n{deck}"))
    };
    // Title, programme, then the public examples in the meeting's order, then the statements.
    assert!(at("<h1>Sterk in preventie</h1>") < at("<h2>Programma</h2>"));
    assert!(at("<span class=\"tijd\">13.00</span> Opening") > at("<h2>Programma</h2>"));
    assert!(at("Praktijkvoorbeeld 1 van 2") < at("<h2>Een brugfunctie in Den Bosch</h2>"));
    assert!(
        at("Jeugdverpleegkundigen en SMW&#39;ers in de school.") > at("Praktijkvoorbeeld 1 van 2")
    );
    assert!(at("Praktijkvoorbeeld 2 van 2") > at("Een brugfunctie in Den Bosch"));
    assert!(at("<h2>Het vo-team in Utrecht</h2>") > at("Praktijkvoorbeeld 2 van 2"));
    assert!(at("Stelling 1 van 1") > at("Het vo-team in Utrecht"));
    assert!(at("SMW hoort in elke school.") > at("Stelling 1 van 1"));
    // The poll result, to be revealed after the discussion.
    assert!(at("<div class=\"dia-onthul\">") < at("75% eens"));
    assert!(at("30 eens, 10 oneens") > at("75% eens"));

    // Of Den Bosch, only "Wat levert het op?" is one of the sections shown (by default how it works, what it
    // yields and tips); its link is written from the meeting's page and its ids cannot clash with the page's.
    assert!(deck.contains("Wat levert het op?"));
    assert!(!deck.contains("Op welke vraag of behoefte"), "{deck}");
    assert!(deck.contains("href=\"../werkwijzen/barneveld.html#intakefase\""));
    assert!(deck.contains("<h2 id=\"dia-1--wat-levert-het-op\">"));
    // Utrecht has none of those sections: its summary slide only.
    assert_eq!(
        deck.matches("<p class=\"dia-soort\">Het vo-team in Utrecht</p>")
            .count(),
        0
    );

    for marker in [
        "GEHEIM-VOORBEELD",
        "GEHEIM-SAMENVATTING",
        "GEHEIM-WERKWIJZE",
    ] {
        assert!(!deck.contains(marker), "{marker} is in the public deck");
    }
}

#[test]
fn the_internal_edition_presents_internal_examples_too() {
    let site = with_internal_example();
    site.build(&["--intern"]);
    let deck = deck(&site);
    assert!(deck.contains("Praktijkvoorbeeld 1 van 3"));
    assert!(deck.find("GEHEIM-VOORBEELD") < deck.find("Een brugfunctie in Den Bosch"));
    assert!(deck.contains("GEHEIM-WERKWIJZE"));
}

#[test]
fn the_sections_shown_are_configurable() {
    let site = Fixture::standard();
    let config = std::fs::read_to_string(site.path().join("kennisbank.yaml")).unwrap();
    site.write(
        "kennisbank.yaml",
        &format!("{config}presentatie_secties:\n  - Op welke vraag of behoefte geeft dit praktijkvoorbeeld antwoord\n  - ’s-Hertogenbosch\n"),
    );
    site.build(&[]);
    let deck = deck(&site);
    let question = deck
        .find("Op welke vraag of behoefte")
        .expect("the configured section is not shown");
    let place = deck
        .find(">’s-Hertogenbosch")
        .expect("the second configured section is not shown");
    assert!(question < place);
    assert!(!deck.contains("Wat levert het op?"));
}

#[test]
fn every_page_can_be_presented() {
    let site = Fixture::standard();
    site.build(&[]);
    for page in [
        "praktijkvoorbeelden/den-bosch.html",
        "werkwijzen/barneveld.html",
        "begrippen/jeugdverpleegkundige.html",
        "contacten/den-bosch.html",
        "leerroutes/start.html",
        "bijeenkomsten/preventie.html",
        "over.html",
        "praktijkvoorbeelden/index.html",
    ] {
        let html = site.read(page);
        assert!(
            html.contains("data-presenteren") && html.contains(">Presenteren</button>"),
            "{page} has no Presenteren button"
        );
        assert!(
            html.contains("static/presentatie.js\"></script>"),
            "{page} does not load presentatie.js"
        );
    }
    let script = site.read("static/presentatie.js");
    assert!(script.contains("ArrowRight") && script.contains("PageDown"));
    // Only the meeting brings a deck of its own; other pages are presented from their text.
    assert!(!site
        .read("praktijkvoorbeelden/den-bosch.html")
        .contains("dia-bron"));
}
