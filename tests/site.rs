//! What a reader finds in a built site: pages of each type, headings and contents, glossary terms, contact cards,
//! backlinks, taxonomies, the reading path, feeds; and that every link works from disk and under a sub-path.

mod common;

use common::{check_all_links, Fixture};

#[test]
fn practice_example_page_shows_facts_body_contacts_and_sources() {
    let site = Fixture::standard();
    site.build(&[]);
    let html = site.read("praktijkvoorbeelden/den-bosch.html");
    assert!(html.contains("<h1"), "one h1 per page");
    assert!(html.contains("Een brugfunctie in Den Bosch"));
    // Heading ids are Dutch-aware slugs, with anchors and a table of contents.
    assert!(html.contains("id=\"wat-levert-het-op\""));
    assert!(html.contains("id=\"s-hertogenbosch\""));
    assert!(html.contains("href=\"#wat-levert-het-op\""));
    // Facts: organisations, region, onderwijstype and themes link to their taxonomy pages.
    assert!(
        html.contains("href=\"../organisatie/ggd-hart-voor-brabant.html\""),
        "{html}"
    );
    assert!(html.contains("href=\"../regio/s-hertogenbosch.html\""));
    assert!(html.contains("href=\"../onderwijstype/po.html\""));
    assert!(html.contains("href=\"../thema/preventie.html\""));
    assert!(html.contains("Primair onderwijs (po)"));
    // The internal link to the werkwijze is rewritten to the output page and its anchor.
    assert!(html.contains("href=\"../werkwijzen/barneveld.html#intakefase\""));
    // The contact card shows the public organisation and the public person only.
    assert!(html.contains("Openbare Woordvoerder"));
    assert!(!html.contains("GEHEIM"));
    // The source is cited.
    assert!(html.contains("Een brugfunctie in het onderwijs"));
    assert!(html.contains("Testbron"));
}

#[test]
fn glossary_terms_explain_themselves_once_per_page() {
    let site = Fixture::standard();
    site.build(&[]);
    let html = site.read("praktijkvoorbeelden/den-bosch.html");
    let abbr = "<a class=\"begrip\" href=\"../begrippen/jeugdverpleegkundige.html\"><abbr title=\"Jeugdverpleegkundige: Verpleegkundige van de GGD voor kinderen en jongeren.\">JVK</abbr></a>";
    assert!(html.contains(abbr), "{html}");
    assert_eq!(
        html.matches("<abbr title=\"Jeugdverpleegkundige").count(),
        1
    );
    // Not in headings: the werkwijze's heading "Aanmeldfase" stays plain, but the IB'er in its text is marked.
    let werkwijze = site.read("werkwijzen/barneveld.html");
    assert!(werkwijze.contains("<abbr title=\"Intern begeleider: Coördineert de leerlingenzorg op een basisschool.\">IB&#39;er</abbr>"), "{werkwijze}");
    // The glossary lists every term with its abbreviations.
    let glossary = site.read("begrippen/index.html");
    assert!(glossary.contains("Jeugdverpleegkundige"));
    assert!(glossary.contains("JVK"));
}

#[test]
fn werkwijze_shows_its_phases_in_order() {
    let site = Fixture::standard();
    site.build(&[]);
    let html = site.read("werkwijzen/barneveld.html");
    let positions: Vec<usize> = ["Aanmeldfase", "Intakefase", "Begeleiding"]
        .iter()
        .map(|name| html.find(name).unwrap_or_else(|| panic!("{name} missing")))
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "phases out of order"
    );
    assert!(html.contains("Toestemming van beide ouders"));
    assert!(html.contains("5 tot 10 gesprekken"));
    assert!(html.contains("href=\"#intakefase\""));
    // Highlighted YAML through CSS classes.
    assert!(html.contains("<code class=\"language-yaml\">"));
    assert!(html.contains("class=\"hl-"));
    let css = site.read("static/style.css");
    assert!(
        css.contains(".hl-"),
        "the highlighting colours are in the one stylesheet"
    );
}

#[test]
fn every_page_lists_the_pages_that_link_to_it() {
    let site = Fixture::standard();
    site.build(&[]);
    let html = site.read("werkwijzen/barneveld.html");
    let backlinks_at = html
        .find("praktijkvoorbeelden/den-bosch.html")
        .expect("backlink to den-bosch");
    assert!(backlinks_at > 0);
    // Front matter references count too: the reading path links to the werkwijze.
    assert!(html.contains("leerroutes/start.html"));
    let den_bosch = site.read("praktijkvoorbeelden/den-bosch.html");
    assert!(
        den_bosch.contains("praktijkvoorbeelden/utrecht.html"),
        "utrecht links to den bosch"
    );
    assert!(
        den_bosch.contains("bijeenkomsten/preventie.html"),
        "the meeting presents den bosch"
    );
}

#[test]
fn taxonomy_pages_with_counts() {
    let site = Fixture::standard();
    site.build(&[]);
    let themes = site.read("thema/index.html");
    assert!(themes.contains("thema/preventie.html") || themes.contains("preventie.html"));
    assert!(themes.contains("Verzuim en thuiszitters"));
    let preventie = site.read("thema/preventie.html");
    assert!(preventie.contains("Een brugfunctie in Den Bosch"));
    assert!(!preventie.contains("Het vo-team in Utrecht"));
    let onderwijs = site.read("onderwijstype/index.html");
    assert!(onderwijs.contains("Voortgezet onderwijs (vo)"));
    let regio = site.read("regio/s-hertogenbosch.html");
    assert!(regio.contains("Een brugfunctie in Den Bosch"));
    assert!(
        regio.contains("Proeftuin Den Bosch"),
        "contact sheets carry a region too"
    );
    let organisaties = site.read("organisatie/index.html");
    assert!(organisaties.contains("GGD Hart voor Brabant"));
    assert!(!organisaties.contains("GEHEIM"));
    // Counts: ouders has one page, preventie one, verzuim one.
    let count_of = |html: &str, name: &str| -> bool {
        let at = html.find(name).unwrap();
        html[at..at + 200].contains('1')
    };
    assert!(count_of(&themes, "Ouders"));
}

#[test]
fn contacts_overview_is_grouped_by_region() {
    let site = Fixture::standard();
    site.build(&[]);
    let html = site.read("contacten/index.html");
    let bosch = html.find("’s-Hertogenbosch").expect("region heading");
    let utrecht = html.rfind("Utrecht").expect("region heading");
    assert!(
        bosch < utrecht,
        "’s-Hertogenbosch sorts under H, before Utrecht"
    );
    assert!(html.contains("GGD Hart voor Brabant"));
    assert!(html.contains("Gemeente Utrecht"));
}

#[test]
fn reading_path_has_ordered_steps_with_checkboxes_and_progress_on_home() {
    let site = Fixture::standard();
    site.build(&[]);
    let html = site.read("leerroutes/start.html");
    let steps: Vec<usize> = [
        "begrippen/jeugdverpleegkundige.html",
        "werkwijzen/barneveld.html",
        "praktijkvoorbeelden/den-bosch.html",
    ]
    .iter()
    .map(|u| html.find(u).unwrap_or_else(|| panic!("{u} missing")))
    .collect();
    assert!(steps.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(html.matches("type=\"checkbox\"").count(), 3, "{html}");
    assert!(html.contains("data-leerroute=\"leerroutes-start\""));
    assert!(html.contains("leerroute.js"));
    let home = site.read("index.html");
    assert!(home.contains("data-leerroute-voortgang=\"leerroutes-start\""));
    assert!(home.contains("data-totaal=\"3\""));
    assert!(
        home.contains("Een brugfunctie in Den Bosch"),
        "newest practice examples on the home page"
    );
    let script = site.read("static/leerroute.js");
    assert!(script.contains("localStorage"));
    assert!(
        !script.contains("fetch(") && !script.contains("XMLHttpRequest"),
        "progress is never sent anywhere"
    );
}

#[test]
fn sitemap_feed_and_robots() {
    let site = Fixture::standard();
    site.build(&[]);
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.nl/kb/praktijkvoorbeelden/den-bosch.html</loc>"));
    assert!(sitemap.contains("<lastmod>2020-03-01</lastmod>"));
    let feed = site.read("feed.xml");
    assert!(feed.contains("<feed"));
    assert!(feed.contains("Een brugfunctie in Den Bosch"));
    assert!(feed.contains("Het vo-team in Utrecht"));
    assert!(
        !feed.contains("Werkwijze SMW"),
        "the feed holds practice examples only"
    );
    assert!(
        feed.find("Het vo-team in Utrecht") < feed.find("Een brugfunctie in Den Bosch"),
        "newest first"
    );
    let robots = site.read("robots.txt");
    assert!(robots.contains("Sitemap: https://example.nl/kb/sitemap.xml"));
    let page = site.read("praktijkvoorbeelden/den-bosch.html");
    assert!(page.contains("<link rel=\"canonical\" href=\"https://example.nl/kb/praktijkvoorbeelden/den-bosch.html\">"));
}

#[test]
fn every_link_resolves_to_a_file_on_disk() {
    let site = Fixture::standard();
    site.write_bytes(
        "content/praktijkvoorbeelden/foto's/schema fasen.png",
        b"\x89PNG\r\n",
    );
    site.write(
        "content/praktijkvoorbeelden/met-afbeelding.md",
        "---\ntitel: Met afbeelding\nsamenvatting: x\ndatum: 2020-01-01\norganisaties: [x]\nregio: x\nonderwijstype: [po]\nthema: [ouders]\nbron: {titel: x}\n---\n![Schema van de fasen](foto's/schema%20fasen.png)\n",
    );
    site.build(&[]);
    check_all_links(&site.out());
}

#[test]
fn bundled_content_builds_without_warnings_and_all_links_resolve() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .args(["--site", env!("CARGO_MANIFEST_DIR"), "build", "--out"])
        .arg(&target)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    check_all_links(&target);
    let den_bosch =
        std::fs::read_to_string(target.join("praktijkvoorbeelden/den-bosch-brugfunctie.html"))
            .unwrap();
    assert!(den_bosch.contains("wat-levert-het-op"));
}

#[test]
fn plain_page_needs_only_a_title_and_sections_list_their_pages() {
    let site = Fixture::empty();
    site.write(
        "content/info/colofon.md",
        "---\ntitel: Colofon\n---\nGemaakt door ons.\n",
    );
    site.build(&[]);
    assert!(site.read("info/colofon.html").contains("Gemaakt door ons."));
    assert!(
        site.read("info/index.html").contains("info/colofon.html")
            || site.read("info/index.html").contains("colofon.html")
    );
    assert!(
        site.read("index.html").contains("info/index.html"),
        "the section is in the navigation"
    );
}

#[test]
fn summary_line_names_pages_and_time() {
    let site = Fixture::standard();
    let run = site.build(&[]);
    assert!(run.stderr.contains("Built 10 pages"), "{}", run.stderr);
    assert!(run.stderr.contains(" s into "));
}

#[test]
fn long_lists_are_split_into_pages() {
    let site = Fixture::empty();
    for i in 1..=120 {
        site.write(
            &format!("content/praktijkvoorbeelden/voorbeeld-{i:03}.md"),
            &format!("---\ntitel: Voorbeeld {i:03}\nsamenvatting: x\ndatum: 2020-01-01\norganisaties: [Org]\nregio: Utrecht\nonderwijstype: [po]\nthema: [ouders]\nbron: {{titel: x}}\n---\nTekst.\n"),
        );
    }
    site.build(&[]);
    let first = site.read("praktijkvoorbeelden/index.html");
    assert!(first.contains("Voorbeeld 001") && first.contains("Voorbeeld 050"));
    assert!(!first.contains("Voorbeeld 051"));
    assert!(first.contains("Pagina 1 van 3"), "{first}");
    assert!(
        first.contains("href=\"../praktijkvoorbeelden/pagina-2.html\" rel=\"next\""),
        "{first}"
    );
    let third = site.read("praktijkvoorbeelden/pagina-3.html");
    assert!(third.contains("Voorbeeld 101") && third.contains("Voorbeeld 120"));
    assert!(third.contains("href=\"../praktijkvoorbeelden/pagina-2.html\" rel=\"prev\""));
    assert!(!site
        .out()
        .join("praktijkvoorbeelden/pagina-4.html")
        .exists());
    // Taxonomy terms are split the same way, and every page is in the sitemap.
    assert!(site
        .read("thema/ouders-pagina-3.html")
        .contains("Voorbeeld 120"));
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("praktijkvoorbeelden/pagina-3.html"));
    assert!(sitemap.contains("thema/ouders-pagina-2.html"));
}

#[test]
fn a_site_overrides_a_theme_template_with_its_own_copy() {
    let site = Fixture::standard();
    site.write(
        "templates/begrip.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"eigen\">Eigen sjabloon: {{ page.titel }}</p>{% endblock content %}\n",
    );
    site.build(&[]);
    let html = site.read("begrippen/jeugdverpleegkundige.html");
    assert!(
        html.contains("<p class=\"eigen\">Eigen sjabloon: Jeugdverpleegkundige</p>"),
        "{html}"
    );
    assert!(
        html.contains("static/style.css"),
        "the theme's base.html is still used"
    );
    assert!(!site
        .read("werkwijzen/barneveld.html")
        .contains("Eigen sjabloon"));
}

#[test]
fn spellings_of_one_name_are_one_taxonomy_term() {
    let site = Fixture::standard();
    let utrecht =
        std::fs::read_to_string(site.path().join("content/praktijkvoorbeelden/utrecht.md"))
            .unwrap();
    // The same town with a straight apostrophe: a Dutch reader sees one place, and so must the site.
    site.write(
        "content/praktijkvoorbeelden/utrecht.md",
        &utrecht.replace("regio: Utrecht", "regio: \"'s-Hertogenbosch\""),
    );
    site.build(&[]);
    let regions = site.read("regio/index.html");
    assert_eq!(
        regions.matches("regio/s-hertogenbosch").count(),
        1,
        "{regions}"
    );
    assert!(!site.out().join("regio/s-hertogenbosch-2.html").exists());
    let term = site.read("regio/s-hertogenbosch.html");
    assert!(
        term.contains("Het vo-team in Utrecht") && term.contains("Een brugfunctie in Den Bosch")
    );
    assert!(site
        .read("praktijkvoorbeelden/utrecht.html")
        .contains("href=\"../regio/s-hertogenbosch.html\""));
}
