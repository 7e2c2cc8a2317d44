//! Bad input gets a clear error naming file, line and column, with the offending line and a hint; all problems
//! are reported together; the exit status is non-zero; and the previous output stays exactly as it was.

mod common;

use common::{snapshot, Fixture};

/// Builds the standard site, breaks it with `change`, builds again and checks the failure.
/// Returns the error output for further assertions.
fn breaks(change: impl FnOnce(&Fixture), location: &str, message: &str) -> String {
    let site = Fixture::standard();
    site.build(&[]);
    let before = snapshot(&site.out());
    change(&site);
    let run = site.build_fails(&[]);
    assert!(
        run.stderr.contains(location),
        "expected {location} in:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(message),
        "expected {message:?} in:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint:"),
        "expected a hint in:\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run
        .stderr
        .contains("the previous output was left as it was"));
    assert_eq!(snapshot(&site.out()), before, "the previous output changed");
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
    run.stderr
}

const EXAMPLE: &str = "content/praktijkvoorbeelden/den-bosch.md";

fn edit(site: &Fixture, file: &str, from: &str, to: &str) {
    let path = site.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} not in {file}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn malformed_yaml() {
    let out = breaks(
        |s| {
            edit(
                s,
                EXAMPLE,
                "regio: ’s-Hertogenbosch",
                "regio: [’s-Hertogenbosch",
            )
        },
        "content/praktijkvoorbeelden/den-bosch.md:",
        "the front matter is not valid YAML",
    );
    assert!(
        out.contains("regio: [’s-Hertogenbosch") || out.contains("onderwijstype"),
        "{out}"
    );
}

#[test]
fn tab_in_yaml() {
    breaks(
        |s| {
            edit(
                s,
                "content/werkwijzen/barneveld.md",
                "  - naam: Intakefase",
                "\t- naam: Intakefase",
            )
        },
        "content/werkwijzen/barneveld.md:",
        "not valid YAML",
    );
}

#[test]
fn missing_required_field() {
    let out = breaks(
        |s| {
            edit(
                s,
                EXAMPLE,
                "samenvatting: Jeugdverpleegkundigen en SMW'ers in de school.\n",
                "",
            )
        },
        "content/praktijkvoorbeelden/den-bosch.md:2:1",
        "missing required field `samenvatting` in a praktijkvoorbeeld",
    );
    assert!(out.contains("add a line like `samenvatting: …`"), "{out}");
}

#[test]
fn unknown_field_with_suggestion() {
    let out = breaks(
        |s| edit(s, EXAMPLE, "regio:", "regoi:"),
        "content/praktijkvoorbeelden/den-bosch.md:6:1",
        "unknown field `regoi` in a praktijkvoorbeeld",
    );
    assert!(out.contains("did you mean `regio`?"), "{out}");
}

#[test]
fn unknown_field_in_a_nested_item() {
    let out = breaks(
        |s| {
            edit(
                s,
                "content/contacten/den-bosch.md",
                "    email: geheim-persoon",
                "    emial: geheim-persoon",
            )
        },
        "content/contacten/den-bosch.md:13:5",
        "unknown field `emial` in a person in `personen`",
    );
    assert!(out.contains("did you mean `email`?"), "{out}");
}

#[test]
fn value_outside_its_allowed_list() {
    let out = breaks(
        |s| {
            edit(
                s,
                EXAMPLE,
                "onderwijstype: [po]",
                "onderwijstype: [po, hbo]",
            )
        },
        "content/praktijkvoorbeelden/den-bosch.md:7:21",
        "`hbo` is not an allowed value of `onderwijstype`",
    );
    assert!(
        out.contains("po, vo, mbo, so, vso, sbo, voorschool"),
        "{out}"
    );
}

#[test]
fn theme_not_in_the_configuration() {
    let out = breaks(
        |s| {
            edit(
                s,
                EXAMPLE,
                "thema: [preventie, ouders]",
                "thema: [preventie, oudres]",
            )
        },
        "content/praktijkvoorbeelden/den-bosch.md:8:20",
        "`oudres` is not one of the site's themes",
    );
    assert!(out.contains("did you mean `Ouders`?"), "{out}");
}

#[test]
fn date_that_is_not_a_date() {
    breaks(
        |s| edit(s, EXAMPLE, "datum: 2020-03-01", "datum: 1 maart 2020"),
        "content/praktijkvoorbeelden/den-bosch.md:4:8",
        "`datum` is not a date",
    );
}

#[test]
fn field_of_the_wrong_type() {
    breaks(
        |s| {
            edit(
                s,
                EXAMPLE,
                "samenvatting: Jeugdverpleegkundigen en SMW'ers in de school.",
                "samenvatting: [een, lijst]",
            )
        },
        "content/praktijkvoorbeelden/den-bosch.md:3:1",
        "`samenvatting` must be a piece of text, not a list",
    );
}

#[test]
fn broken_internal_link() {
    let out = breaks(
        |s| edit(s, EXAMPLE, "../over.md", "../ovr.md"),
        "content/praktijkvoorbeelden/den-bosch.md:21:",
        "points to a page that does not exist",
    );
    assert!(out.contains("did you mean content/over.md?"), "{out}");
}

#[test]
fn broken_anchor() {
    let out = breaks(
        |s| edit(s, EXAMPLE, "#intakefase", "#intake"),
        "content/praktijkvoorbeelden/den-bosch.md:21:8",
        "content/werkwijzen/barneveld.md has no such heading",
    );
    assert!(out.contains("did you mean #intakefase?"), "{out}");
}

#[test]
fn two_pages_with_the_same_url() {
    breaks(
        |s| {
            s.write(
                "content/praktijkvoorbeelden/Den Bosch.md",
                "---\ntitel: x\n---\n",
            )
        },
        "content/praktijkvoorbeelden/den-bosch.md",
        "would both be published as praktijkvoorbeelden/den-bosch.html",
    );
}

#[test]
fn file_that_is_not_utf8() {
    breaks(
        |s| s.write_bytes("content/over.md", b"---\ntitel: Caf\xe9\n---\n"),
        "content/over.md:2:",
        "is not UTF-8 text",
    );
}

#[test]
fn template_error_names_template_and_line() {
    let out = breaks(
        |s| {
            let path = s.path().join("themes/default/templates/pagina.html");
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(
                path,
                format!("{text}\n{{% if page.titel %}}\nniet gesloten\n"),
            )
            .unwrap();
        },
        "themes/default/templates/pagina.html:",
        "the template is not valid",
    );
    assert!(!out.contains("Rust"), "{out}");
}

#[test]
fn template_render_error_names_the_template() {
    breaks(
        |s| {
            s.write("templates/pagina.html", "{% extends \"base.html\" %}{% block content %}\n{{ page.bestaat_niet.veld }}\n{% endblock %}\n")
        },
        "templates/pagina.html:2:",
        "the template pagina.html failed",
    );
}

#[test]
fn reference_to_a_missing_contact_sheet() {
    let out = breaks(
        |s| {
            edit(
                s,
                EXAMPLE,
                "contacten: [den-bosch]",
                "contacten: [den-bosh]",
            )
        },
        "content/praktijkvoorbeelden/den-bosch.md:13:13",
        "`den-bosh` in `contacten` refers to a contact sheet that does not exist",
    );
    assert!(
        out.contains("did you mean content/contacten/den-bosch.md?"),
        "{out}"
    );
}

#[test]
fn reference_to_a_page_of_the_wrong_type() {
    breaks(
        |s| {
            edit(
                s,
                "content/bijeenkomsten/preventie.md",
                "praktijkvoorbeelden: [den-bosch]",
                "praktijkvoorbeelden: [werkwijzen/barneveld]",
            )
        },
        "content/bijeenkomsten/preventie.md:",
        "is a werkwijze, not a praktijkvoorbeeld",
    );
}

#[test]
fn missing_front_matter_and_unclosed_front_matter() {
    breaks(
        |s| s.write("content/over.md", "Gewoon tekst.\n"),
        "content/over.md:1:1",
        "the file has no front matter",
    );
    breaks(
        |s| s.write("content/over.md", "---\ntitel: x\n"),
        "content/over.md:1:1",
        "the front matter is not closed",
    );
}

#[test]
fn image_without_alt_text() {
    breaks(
        |s| {
            s.write_bytes("content/fasen.png", b"png");
            s.write("content/over.md", "---\ntitel: Over\n---\n![](fasen.png)\n");
        },
        "content/over.md:4:1",
        "an image without alt text",
    );
}

#[test]
fn all_problems_are_reported_together() {
    let site = Fixture::standard();
    edit(&site, EXAMPLE, "regio:", "regoi:");
    edit(
        &site,
        "content/praktijkvoorbeelden/utrecht.md",
        "onderwijstype: [vo, mbo]",
        "onderwijstype: [vo, hbo]",
    );
    edit(
        &site,
        "content/leerroutes/start.md",
        "werkwijzen/barneveld",
        "werkwijzen/barneveldd",
    );
    site.write_bytes("content/kapot.md", b"---\ntitel: \xff\n---\n");
    let run = site.build_fails(&[]);
    for expected in [
        "`regoi`",
        "`hbo`",
        "werkwijzen/barneveldd",
        "content/kapot.md",
        "Build failed with 5 errors",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected} in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn missing_configuration_says_what_to_do() {
    let site = Fixture::empty();
    site.remove("kennisbank.yaml");
    let run = site.build_fails(&[]);
    assert!(
        run.stderr.contains("cannot read the site configuration"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("kennisbank.yaml"));
}

#[test]
fn output_folder_not_made_by_kennisbank_is_refused() {
    let site = Fixture::standard();
    site.write("public/eigen-bestand.txt", "van iemand anders");
    let run = site.build_fails(&[]);
    assert!(
        run.stderr.contains("was not made by kennisbank"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(site.out().join("eigen-bestand.txt")).unwrap(),
        "van iemand anders"
    );
    let run = site.build_fails(&["--out", site.path().join("content").to_str().unwrap()]);
    assert!(
        run.stderr.contains("would overwrite the site's own files"),
        "{}",
        run.stderr
    );
    let run = site.build_fails(&["--out", site.path().to_str().unwrap()]);
    assert!(
        run.stderr.contains("would overwrite the site's own files"),
        "{}",
        run.stderr
    );
}

#[test]
fn raw_html_is_sanitised_by_default_and_trusted_when_configured() {
    let site = Fixture::standard();
    site.write(
        "content/over.md",
        "---\ntitel: Over\n---\n<script>window.gehackt = 1</script>\n\n<p onmouseover=\"alert(1)\">Hallo <a href=\"javascript:alert(1)\">klik</a></p>\n\n<iframe src=\"https://example.org\"></iframe>\n",
    );
    site.build(&[]);
    let html = site.read("over.html");
    for forbidden in ["window.gehackt", "onmouseover", "javascript:", "<iframe"] {
        assert!(!html.contains(forbidden), "{forbidden} in {html}");
    }
    assert!(html.contains("Hallo"));
    let config = std::fs::read_to_string(site.path().join("kennisbank.yaml")).unwrap();
    site.write("kennisbank.yaml", &format!("{config}html_toestaan: true\n"));
    site.build(&[]);
    assert!(site
        .read("over.html")
        .contains("<script>window.gehackt = 1</script>"));
}

#[test]
fn a_value_opened_with_an_apostrophe_points_at_its_line() {
    let out = breaks(
        |s| {
            edit(
                s,
                EXAMPLE,
                "regio: ’s-Hertogenbosch",
                "regio: 's-Hertogenbosch",
            )
        },
        "content/praktijkvoorbeelden/den-bosch.md:6:1",
        "a value starts with an apostrophe",
    );
    assert!(out.contains("regio: \"'s-Hertogenbosch\""), "{out}");
}
