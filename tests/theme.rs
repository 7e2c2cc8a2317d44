//! The default theme built into the binary, and how a site overrides it: a site with no `themes/` folder builds
//! exactly as one with a copy of the theme; a file in the site's `themes/default/` replaces the built-in file of
//! the same path (a template, a static file, the print template), its `nl.yaml` changes only the strings it names,
//! and errors name the file the user wrote.

mod common;

use std::path::Path;
use std::process::Command;

use common::{repo, snapshot, Fixture, Run, CONFIG, STANDARD};

/// The standard fixture site without any theme folder, in a temporary folder away from the repository.
fn site_without_theme() -> Fixture {
    let fixture = Fixture {
        dir: tempfile::tempdir().expect("temporary folder"),
    };
    fixture.write("kennisbank.yaml", CONFIG);
    for (path, text) in STANDARD {
        fixture.write(path, text);
    }
    fixture
}

/// Runs kennisbank from inside the site folder, so that nothing can be found relative to the repository.
fn kennisbank(site: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .current_dir(site)
        .args(args)
        .output()
        .expect("run kennisbank");
    Run {
        success: output.status.success(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn build_ok(site: &Fixture) -> Run {
    let run = kennisbank(site.path(), &["build"]);
    assert!(run.success, "the build failed:\n{}", run.stderr);
    run
}

fn build_fails(site: &Fixture) -> String {
    let run = kennisbank(site.path(), &["build"]);
    assert!(
        !run.success,
        "the build should have failed:\n{}",
        run.stderr
    );
    run.stderr
}

#[test]
fn a_site_without_a_theme_folder_builds_as_with_a_copy_of_the_theme() {
    let built_in = site_without_theme();
    assert!(!built_in.path().join("themes").exists());
    assert!(!built_in.path().starts_with(repo()));
    build_ok(&built_in);
    let copied = Fixture::standard();
    copied.build(&[]);
    let (ours, theirs) = (snapshot(&built_in.out()), snapshot(&copied.out()));
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        theirs.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &ours {
        assert!(
            bytes == &theirs[path],
            "{path} differs from the build with a copy of the theme"
        );
    }
    // Every static file of the theme is there, as it is in the repository.
    let statics = repo().join("themes/default/static");
    for (path, bytes) in snapshot(&statics) {
        let written = &ours[&format!("static/{path}")];
        assert!(
            written.starts_with(&bytes),
            "static/{path} is not the theme's file"
        );
    }

    // The same input twice gives the same site.
    let first = ours;
    build_ok(&built_in);
    assert!(first == snapshot(&built_in.out()), "two builds differ");
}

#[test]
fn a_site_without_a_theme_folder_exports_the_pdf() {
    let site = site_without_theme();
    let run = kennisbank(site.path(), &["export", "pdf"]);
    assert!(run.success, "{}", run.stderr);
    let pdf = std::fs::read(site.path().join("handboek.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // The same book as with a copy of the theme's print template.
    let copied = Fixture::standard();
    let run = copied.run(&["export", "pdf"]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        pdf == std::fs::read(copied.path().join("handboek.pdf")).unwrap(),
        "the built-in print template gave another PDF than its copy"
    );
}

#[test]
fn one_overridden_file_of_each_kind_shows_and_the_rest_stays_built_in() {
    let site = site_without_theme();
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>EIGEN-404: {{ page.titel }}</h1>{% endblock %}\n",
    );
    site.write("templates/_slot.html", "<p>EIGEN-SLOT</p>\n");
    site.write(
        "themes/default/static/style.css",
        "/* EIGEN-STIJL */\nbody { color: black }\n",
    );
    site.write(
        "themes/default/static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write(
        "themes/default/nl.yaml",
        "# Alleen wat anders moet.\ntypes:\n  praktijkvoorbeeld: Voorbeeld uit de praktijk\nniet_gevonden: Deze pagina bestaat niet\n",
    );
    build_ok(&site);

    let not_found = site.read("404.html");
    assert!(
        not_found.contains("<h1>EIGEN-404: Deze pagina bestaat niet</h1>"),
        "{not_found}"
    );
    // The rest of the frame is still the built-in base.html.
    assert!(not_found.contains("static/style.css"), "{not_found}");

    let page = site.read("praktijkvoorbeelden/den-bosch.html");
    assert!(
        page.contains("EIGEN-SLOT"),
        "the site's templates/ override is not used"
    );
    assert!(
        page.contains("Voorbeeld uit de praktijk"),
        "the overridden string is not used"
    );
    // Strings the site did not name stay the built-in ones, in the same group and outside it.
    let werkwijze = site.read("werkwijzen/barneveld.html");
    assert!(werkwijze.contains(">Werkwijze<"), "{werkwijze}");
    assert!(
        page.contains("Op deze pagina"),
        "a built-in string went missing"
    );

    let css = site.read("static/style.css");
    assert!(css.starts_with("/* EIGEN-STIJL */"), "{css}");
    assert!(css.contains("/* Code highlighting (generated) */"), "{css}");
    assert!(
        site.out().join("static/logo.svg").is_file(),
        "the site's own static file is missing"
    );
    let builtin_js = std::fs::read(repo().join("themes/default/static/zoeken.js")).unwrap();
    assert!(std::fs::read(site.out().join("static/zoeken.js")).unwrap() == builtin_js);
}

#[test]
fn the_print_template_can_be_overridden() {
    let site = site_without_theme();
    site.write(
        "themes/default/print/handboek.typ",
        "#set document(title: \"Eigen opmaak\")\n#let boek = json(\"/boek.json\")\nEIGEN-OPMAAK\n",
    );
    let run = kennisbank(site.path(), &["export", "pdf"]);
    assert!(run.success, "{}", run.stderr);
    let info = Command::new("pdfinfo")
        .arg(site.path().join("handboek.pdf"))
        .output()
        .expect("pdfinfo (tests/run installs poppler-utils)");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Title:") && l.ends_with("Eigen opmaak")),
        "the PDF was not made with the site's template:\n{info}"
    );

    site.write("themes/default/print/handboek.typ", "#let x = (\n");
    let run = kennisbank(site.path(), &["export", "pdf"]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("themes/default/print/handboek.typ:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_template_error_in_an_override_names_its_file_and_line() {
    let site = site_without_theme();
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock %}\n",
    );
    let stderr = build_fails(&site);
    assert!(
        stderr.contains("themes/default/templates/404.html:3:"),
        "{stderr}"
    );
    assert!(stderr.contains("the template is not valid"), "{stderr}");
}

#[test]
fn an_error_in_a_built_in_template_names_the_built_in_file() {
    // The site replaces the macros the built-in templates import; they fail, and say where they are.
    let site = site_without_theme();
    site.write(
        "themes/default/templates/macros.html",
        "{% macro niets() %}{% endmacro niets %}\n",
    );
    let stderr = build_fails(&site);
    assert!(
        stderr.contains("(built-in theme) templates/contact.html:"),
        "{stderr}"
    );
}

#[test]
fn a_broken_nl_yaml_names_the_site_file() {
    let site = site_without_theme();
    site.write(
        "themes/default/nl.yaml",
        "home_titel: Start\n\tniet_gevonden: x\n",
    );
    let stderr = build_fails(&site);
    assert!(stderr.contains("themes/default/nl.yaml:2:"), "{stderr}");

    site.write(
        "themes/default/nl.yaml",
        "home_titel: Start\ntypes: Soorten pagina's\n",
    );
    let stderr = build_fails(&site);
    assert!(stderr.contains("themes/default/nl.yaml:2:"), "{stderr}");
    assert!(
        stderr.contains("`types` is a group of keys in the built-in theme, but a text here"),
        "{stderr}"
    );
}

#[test]
fn another_theme_needs_its_folder_and_starts_from_the_built_in_one() {
    let site = site_without_theme();
    site.write(
        "kennisbank.yaml",
        &CONFIG.replace(
            "titel: Testkennisbank",
            "titel: Testkennisbank\nvormgeving: huisstijl",
        ),
    );
    let stderr = build_fails(&site);
    assert!(
        stderr
            .contains("the theme `huisstijl` does not exist: there is no folder themes/huisstijl"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`default` (the built-in theme)"),
        "{stderr}"
    );

    site.write("themes/huisstijl/static/style.css", "/* HUISSTIJL */\n");
    build_ok(&site);
    assert!(site.read("static/style.css").starts_with("/* HUISSTIJL */"));
    assert!(site
        .read("praktijkvoorbeelden/den-bosch.html")
        .contains("Een brugfunctie in Den Bosch"));
}
