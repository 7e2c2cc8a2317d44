//! `kennisbank search`: the index a build writes, Dutch analysis end to end, filters, JSON, bad queries, and an
//! index that holds nothing internal.

mod common;

use common::Fixture;

fn search(site: &Fixture, args: &[&str]) -> (bool, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .arg("--site")
        .arg(site.path())
        .arg("search")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn paths(site: &Fixture, args: &[&str]) -> Vec<String> {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let (ok, stdout, stderr) = search(site, &all);
    assert!(ok, "{stderr}");
    let hits: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    hits.iter()
        .map(|h| h["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn json_results_carry_path_title_url_score_and_a_marked_snippet() {
    let site = Fixture::standard();
    site.build(&[]);
    let (ok, stdout, _) = search(&site, &["--json", "gesprek"]);
    assert!(ok);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    let hit = hits
        .iter()
        .find(|h| h["path"] == "werkwijzen/barneveld")
        .expect("the werkwijze talks of a gesprek");
    assert_eq!(hit["title"], "Werkwijze SMW in het basisonderwijs");
    assert_eq!(hit["url"], "werkwijzen/barneveld.html");
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    assert_eq!(hit["type"], "werkwijze");
    assert!(hit["snippet"].as_str().unwrap().contains("<mark>"), "{hit}");
}

#[test]
fn dutch_analysis_end_to_end() {
    let site = Fixture::standard();
    site.build(&[]);
    // Inflected forms: "gesprekken" finds "gesprek" and "Gesprek met ouders".
    assert!(paths(&site, &["gesprekken"]).contains(&"werkwijzen/barneveld".to_string()));
    // An abbreviation from the glossary finds the full term, and the other way round.
    assert!(
        paths(&site, &["jeugdverpleegkundige"])
            .contains(&"praktijkvoorbeelden/den-bosch".to_string()),
        "the page writes JVK"
    );
    assert!(paths(&site, &["jvk"]).contains(&"begrippen/jeugdverpleegkundige".to_string()));
    // Hyphens and apostrophes, typed or not.
    for query in ["IB'er", "ib’er", "ib-er", "iber"] {
        assert!(
            paths(&site, &[query]).contains(&"werkwijzen/barneveld".to_string()),
            "{query}"
        );
    }
    for query in ["’s-Hertogenbosch", "'s-Hertogenbosch", "hertogenbosch"] {
        assert!(
            paths(&site, &[query]).contains(&"praktijkvoorbeelden/den-bosch".to_string()),
            "{query}"
        );
    }
    // Part of a compound finds the compound.
    assert!(
        paths(&site, &["verpleegkundige"]).contains(&"begrippen/jeugdverpleegkundige".to_string())
    );
    // One typo in a long word.
    assert!(paths(&site, &["jeugdverpleegkundge"])
        .contains(&"begrippen/jeugdverpleegkundige".to_string()));
    // Every word must match.
    assert!(paths(&site, &["gesprek utrecht"]).is_empty());
}

#[test]
fn title_outweighs_body() {
    let site = Fixture::standard();
    site.build(&[]);
    let hits = paths(&site, &["jeugdverpleegkundige"]);
    assert_eq!(
        hits.first().map(String::as_str),
        Some("begrippen/jeugdverpleegkundige"),
        "{hits:?}"
    );
}

#[test]
fn filters_and_limit() {
    let site = Fixture::standard();
    site.build(&[]);
    let all = paths(&site, &["ouders"]);
    assert!(all.len() > 1, "{all:?}");
    let examples = paths(&site, &["ouders", "--type", "praktijkvoorbeeld"]);
    assert!(
        !examples.is_empty()
            && examples
                .iter()
                .all(|p| p.starts_with("praktijkvoorbeelden/")),
        "{examples:?}"
    );
    assert!(paths(&site, &["brugfunctie", "--onderwijstype", "vo"]).is_empty());
    assert_eq!(
        paths(&site, &["brugfunctie", "--onderwijstype", "po"]),
        ["praktijkvoorbeelden/den-bosch"]
    );
    assert_eq!(
        paths(&site, &["brugfunctie", "--thema", "Ouders"]),
        ["praktijkvoorbeelden/den-bosch"]
    );
    assert_eq!(paths(&site, &["ouders", "--limit", "1"]).len(), 1);
}

#[test]
fn bad_queries_get_an_answer_never_a_panic() {
    let site = Fixture::standard();
    let (ok, _, stderr) = search(&site, &["gesprek"]);
    assert!(!ok && stderr.contains("build the site first"), "{stderr}");
    site.build(&[]);
    let (ok, _, stderr) = search(&site, &["de het en"]);
    assert!(!ok && stderr.contains("only common words"), "{stderr}");
    let (ok, _, stderr) = search(&site, &["   "]);
    assert!(!ok && stderr.contains("empty"), "{stderr}");
    let (ok, _, stderr) = search(&site, &["\"gesprek"]);
    assert!(ok, "{stderr}");
    let long = "gesprek ".repeat(1250);
    let (ok, _, stderr) = search(&site, &[&long]);
    assert!(ok && !stderr.contains("panicked"), "{stderr}");
    let (ok, stdout, _) = search(&site, &["onvindbaarwoordxyz"]);
    assert!(ok && stdout.contains("No pages found"), "{stdout}");
}

#[test]
fn the_public_index_holds_nothing_internal() {
    let site = Fixture::standard();
    site.build(&[]);
    site.build(&["--intern"]);
    for marker in [
        "GEHEIM-TEKST",
        "GEHEIM-PAGINA",
        "GEHEIM-PERSOON",
        "GEHEIM-ORGANISATIE",
    ] {
        assert!(
            paths(&site, &[marker]).is_empty(),
            "{marker} is in the public index"
        );
        assert!(
            !paths(&site, &[marker, "--intern"]).is_empty(),
            "{marker} is missing from the internal index"
        );
    }
    // Contact details are not searchable at all, not even internally.
    assert!(paths(&site, &["geheim-persoon@example.nl", "--intern"]).is_empty());
    assert!(site.path().join("search-index/publiek/meta.json").is_file());
    assert!(site.path().join("search-index/intern/meta.json").is_file());
}

#[test]
fn a_broken_configuration_is_reported_not_guessed_around() {
    let site = Fixture::standard();
    site.build(&[]);
    let config = std::fs::read_to_string(site.path().join("kennisbank.yaml")).unwrap();
    site.write("kennisbank.yaml", &format!("{config}zoekindx: elders\n"));
    let (ok, _, stderr) = search(&site, &["gesprek"]);
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains("kennisbank.yaml:") && stderr.contains("zoekindx"),
        "{stderr}"
    );
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    // `kennisbank search … | head -1`: the pipe closes before every result is written.
    let site = Fixture::standard();
    site.build(&[]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .arg("--site")
        .arg(site.path())
        .args(["search", "--limit", "50", "ouders"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.status.success(), "{stderr}");
}
