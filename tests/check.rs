//! `kennisbank check`: a clean site passes; each problem is reported with its file, line and column, a message
//! and a hint; errors fail the check and warnings only with --strict; --format json holds the same findings;
//! nothing is ever written into the site folder; --extern asks web addresses once each and says so plainly when
//! there is no network.

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use common::{repo, Fixture};

/// What a check run shows the user.
struct Out {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// A proxy nobody listens on: with it, a check that tries to reach the web gets no further than this machine.
const DEAD_PROXY: &str = "http://127.0.0.1:9";
const PROXY_VARS: [&str; 6] = [
    "ALL_PROXY",
    "HTTPS_PROXY",
    "HTTP_PROXY",
    "all_proxy",
    "https_proxy",
    "http_proxy",
];

fn check_in(site: &Path, args: &[&str]) -> Out {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kennisbank"));
    command.arg("--site").arg(site).arg("check").args(args);
    for var in PROXY_VARS {
        command.env(var, DEAD_PROXY);
    }
    command.env_remove("NO_PROXY").env_remove("no_proxy");
    finish(command)
}

fn finish(mut command: Command) -> Out {
    let output = command.output().expect("run kennisbank");
    let out = Out {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    out
}

fn check(site: &Fixture, args: &[&str]) -> Out {
    check_in(site.path(), args)
}

const EXAMPLE: &str = "content/praktijkvoorbeelden/brugfunctie.md";

/// A small site with nothing to report: every page reached, every question answered, the term used.
fn clean() -> Fixture {
    let site = Fixture::empty();
    site.write(
        "content/_index.md",
        "---\ntitel: Welkom\n---\nBegin bij [het voorbeeld](praktijkvoorbeelden/brugfunctie.md).\n",
    );
    site.write(
        EXAMPLE,
        "---
titel: Een brugfunctie
samenvatting: De JVK in de school.
datum: 2020-03-01
organisaties: [GGD]
regio: Utrecht
onderwijstype: [po]
thema: [preventie]
bron:
  titel: Verslag
contacten: [ggd]
---
## Op welke vraag of behoefte geeft dit praktijkvoorbeeld antwoord?

De JVK komt elke week.

## Hoe werkt het?

Tekst.

## Wat levert het op?

Tekst.

## Met wie wordt samengewerkt?

Met de GGD.

## Tips (succesfactoren en valkuilen)

Tekst.

## Meer weten?

Tekst.
",
    );
    site.write(
        "content/contacten/ggd.md",
        "---\ntitel: GGD Utrecht\nregio: Utrecht\norganisaties:\n  - naam: GGD\n---\n",
    );
    site.write(
        "content/begrippen/jeugdverpleegkundige.md",
        "---\ntitel: Jeugdverpleegkundige\nbetekenis: Verpleegkundige van de GGD.\nafkortingen: [JVK]\n---\nWerkt voor de GGD.\n",
    );
    site
}

fn edit(site: &Fixture, file: &str, from: &str, to: &str) {
    let path = site.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} not in {file}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Asserts that the human output has a finding at `location` with `message` and a hint, and the exit code.
fn finds(out: &Out, location: &str, message: &str, code: i32) {
    let stderr = &out.stderr;
    let at = stderr
        .find(message)
        .unwrap_or_else(|| panic!("expected {message:?} in:\n{stderr}"));
    let finding = &stderr[at..];
    let end = ["\nwarning: ", "\nerror: "]
        .iter()
        .filter_map(|next| finding[1..].find(next))
        .min()
        .map_or(finding.len(), |i| i + 1);
    let finding = &finding[..end];
    assert!(
        finding.contains(location),
        "expected {location} in:\n{finding}"
    );
    assert!(finding.contains("hint: "), "expected a hint in:\n{finding}");
    assert_eq!(out.code, Some(code), "{stderr}");
}

#[test]
fn a_clean_site_passes_without_findings() {
    let site = clean();
    let out = check(&site, &[]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stderr.trim(), "No problems found in 4 pages.");
    assert_eq!(check(&site, &["--strict"]).code, Some(0));
}

#[test]
fn a_page_no_page_links_to_is_an_orphan() {
    let site = clean();
    site.write(
        "content/extra/los.md",
        "---\ntitel: Losse pagina\n---\nTekst.\n",
    );
    let out = check(&site, &[]);
    finds(
        &out,
        "content/extra/los.md:2:1",
        "warning: no page links to this page",
        0,
    );
    assert!(
        out.stderr.contains("0 errors, 1 warning in 5 pages."),
        "{}",
        out.stderr
    );

    // A link from an internal page does not reach a public page's readers.
    site.write(
        "content/extra/overleg.md",
        "---\ntitel: Overleg\nzichtbaarheid: intern\n---\nZie [los](los.md).\n",
    );
    let out = check(&site, &[]);
    finds(
        &out,
        "content/extra/los.md:2:1",
        "only internal pages link to this page",
        0,
    );
    // The internal page itself is an orphan too: nothing links to it.
    finds(
        &out,
        "content/extra/overleg.md:2:1",
        "no page links to this page",
        0,
    );

    // Pages directly under content/ are in every page's navigation; a public link reaches the rest.
    site.write(
        "content/over.md",
        "---\ntitel: Over ons\n---\nZie [los](extra/los.md).\n",
    );
    let out = check(&site, &[]);
    assert!(
        !out.stderr.contains("content/extra/los.md"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_reading_path_step_and_a_reference_reach_a_page() {
    let site = clean();
    site.write(
        "content/extra/los.md",
        "---\ntitel: Losse pagina\n---\nTekst.\n",
    );
    site.write(
        "content/leerroutes/start.md",
        "---\ntitel: Start\nsamenvatting: Begin.\nstappen:\n  - pagina: extra/los\n---\n",
    );
    site.write(
        "content/contacten/jgz.md",
        "---\ntitel: JGZ\nregio: Utrecht\norganisaties:\n  - naam: JGZ\n---\n",
    );
    edit(&site, EXAMPLE, "contacten: [ggd]", "contacten: [ggd, jgz]");
    let out = check(&site, &[]);
    assert_eq!(out.code, Some(0));
    assert!(out.stderr.contains("No problems found"), "{}", out.stderr);
}

#[test]
fn a_begrip_no_other_page_uses() {
    let site = clean();
    site.write(
        "content/begrippen/thuiszitter.md",
        "---\ntitel: Thuiszitter\nbetekenis: Een leerling die niet naar school gaat.\n---\nEen thuiszitter zit thuis.\n",
    );
    let out = check(&site, &[]);
    finds(
        &out,
        "content/begrippen/thuiszitter.md:2:1",
        "warning: the begrip `Thuiszitter` is used on no other page",
        0,
    );
    assert!(
        !out.stderr.contains("no page links to this page"),
        "{}",
        out.stderr
    );

    // Used in another page's text, it is explained there, and so used; in a heading it is used all the same.
    edit(
        &site,
        EXAMPLE,
        "Met de GGD.",
        "Met de GGD, voor elke thuiszitter.",
    );
    let out = check(&site, &[]);
    assert!(out.stderr.contains("No problems found"), "{}", out.stderr);
    edit(
        &site,
        EXAMPLE,
        "Met de GGD, voor elke thuiszitter.",
        "Met de GGD.\n\n### Elke Thuiszitter\n",
    );
    let out = check(&site, &[]);
    assert!(out.stderr.contains("No problems found"), "{}", out.stderr);
    // Only on an internal page, it is unused in the public edition.
    edit(&site, EXAMPLE, "\n### Elke Thuiszitter\n", "");
    site.write(
        "content/overleg.md",
        "---\ntitel: Overleg\nzichtbaarheid: intern\n---\nOver de thuiszitters en een thuiszitter.\n",
    );
    let out = check(&site, &[]);
    finds(
        &out,
        "content/begrippen/thuiszitter.md:2:1",
        "the begrip `Thuiszitter` is used only on internal pages",
        0,
    );
}

#[test]
fn a_public_page_linking_to_an_internal_one() {
    let site = clean();
    site.write(
        "content/contacten/geheim.md",
        "---\ntitel: Geheim team\nregio: Utrecht\nzichtbaarheid: intern\norganisaties:\n  - naam: X\n---\n",
    );
    edit(
        &site,
        EXAMPLE,
        "contacten: [ggd]",
        "contacten: [ggd, geheim]",
    );
    edit(
        &site,
        EXAMPLE,
        "Met de GGD.",
        "Met de GGD en [het team](../contacten/geheim.md).",
    );
    let out = check(&site, &[]);
    finds(
        &out,
        "content/praktijkvoorbeelden/brugfunctie.md:27:15",
        "warning: this public page links to content/contacten/geheim.md, which is internal",
        0,
    );
    finds(
        &out,
        "content/praktijkvoorbeelden/brugfunctie.md:11:18",
        "warning: this public page refers in `contacten` to content/contacten/geheim.md, which is internal",
        0,
    );
    // An internal page may link to internal pages.
    assert_eq!(
        out.stderr.matches("which is internal").count(),
        2,
        "{}",
        out.stderr
    );
}

#[test]
fn internal_pages_own_problems_are_checked_too() {
    let site = clean();
    site.write(
        "content/overleg.md",
        "---\ntitel: Overleg\nzichtbaarheid: intern\n---\nZie [de werkwijze](werkwijzen/weg.md).\n",
    );
    let out = check(&site, &[]);
    finds(
        &out,
        "content/overleg.md:5:5",
        "error: the link `werkwijzen/weg.md` points to a page that does not exist",
        1,
    );
    assert!(
        out.stderr.contains("1 error, 0 warnings in 5 pages."),
        "{}",
        out.stderr
    );
}

#[test]
fn heading_levels_that_skip() {
    let site = clean();
    edit(
        &site,
        EXAMPLE,
        "Met de GGD.",
        "Met de GGD.\n\n#### Rollen\n\nTekst.",
    );
    let out = check(&site, &[]);
    finds(
        &out,
        "content/praktijkvoorbeelden/brugfunctie.md:29:1",
        "warning: the heading `Rollen` skips from level 2 (##) to level 4 (####)",
        0,
    );
    assert!(out.stderr.contains("write `### Rollen`"), "{}", out.stderr);

    site.write(
        "content/over.md",
        "---\ntitel: Over ons\n---\nIntro.\n\n### Wie wij zijn\n\nTekst.\n",
    );
    let out = check(&site, &[]);
    finds(
        &out,
        "content/over.md:6:1",
        "the first heading, `Wie wij zijn`, is level 3 (###), but a page's headings start at level 2 (##)",
        0,
    );
}

#[test]
fn images_without_alt_text() {
    let site = clean();
    site.write_bytes("content/over/logo.png", b"\x89PNG\r\n\x1a\n");
    site.write(
        "content/over.md",
        "---\ntitel: Over ons\n---\nOns logo: <img src=\"over/logo.png\" width=\"20\">\n\n![Logo](over/logo.png)\n",
    );
    let out = check(&site, &[]);
    finds(
        &out,
        "content/over.md:4:11",
        "error: an image without alt text",
        1,
    );
    assert!(out.stderr.contains("1 error, 0 warnings"), "{}", out.stderr);

    // alt="" marks decoration; a Markdown image without alt text is the build's own error.
    site.write(
        "content/over.md",
        "---\ntitel: Over ons\n---\n<img src=\"over/logo.png\" alt=\"\">\n\nTekst ![](over/logo.png)\n",
    );
    let out = check(&site, &[]);
    finds(
        &out,
        "content/over.md:6:7",
        "error: an image without alt text",
        1,
    );
    assert!(out.stderr.contains("1 error, 0 warnings"), "{}", out.stderr);
}

#[test]
fn a_practice_example_without_a_standard_question() {
    let site = clean();
    edit(&site, EXAMPLE, "## Wat levert het op?\n\nTekst.\n\n", "");
    edit(&site, EXAMPLE, "## Hoe werkt het?", "##   hoe werkt HET");
    let out = check(&site, &[]);
    finds(
        &out,
        "content/praktijkvoorbeelden/brugfunctie.md:21:1",
        "warning: this practice example does not answer the standard question \"Wat levert het op?\"",
        0,
    );
    assert!(
        out.stderr
            .contains("add a section `## Wat levert het op?` above `Met wie wordt samengewerkt?`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("0 errors, 1 warning"), "{}", out.stderr);
}

#[test]
fn the_standard_questions_are_configurable() {
    let site = clean();
    site.write(
        "kennisbank.yaml",
        &format!(
            "{}standaardvragen:\n  - Hoe werkt het?\n  - Contactgegevens\n",
            common::CONFIG
        ),
    );
    let out = check(&site, &[]);
    finds(
        &out,
        "content/praktijkvoorbeelden/brugfunctie.md:35:1",
        "does not answer the standard question \"Contactgegevens\"",
        0,
    );
    assert!(
        out.stderr.contains("at the end of the page"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("0 errors, 1 warning"), "{}", out.stderr);

    site.write(
        "kennisbank.yaml",
        &format!("{}standaardvragen: []\n", common::CONFIG),
    );
    edit(&site, EXAMPLE, "## Meer weten?", "Meer weten?");
    assert!(check(&site, &[]).stderr.contains("No problems found"));
}

#[test]
fn template_errors_are_found_without_writing_output() {
    let site = clean();
    site.write(
        "templates/praktijkvoorbeeld.html",
        "{% extends \"base.html\" %}{% block content %}\n{{ page.bestaat_niet.veld }}\n{% endblock %}\n",
    );
    let out = check(&site, &[]);
    finds(
        &out,
        "templates/praktijkvoorbeeld.html:2:",
        "the template praktijkvoorbeeld.html failed",
        1,
    );
    assert!(!site.out().exists());
}

#[test]
fn warnings_fail_only_with_strict() {
    let site = clean();
    site.write(
        "content/extra/los.md",
        "---\ntitel: Losse pagina\n---\nTekst.\n",
    );
    assert_eq!(check(&site, &[]).code, Some(0));
    let out = check(&site, &["--strict"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr
            .contains("0 errors, 1 warning in 5 pages (--strict: warnings fail the check)."),
        "{}",
        out.stderr
    );
}

#[test]
fn json_holds_every_finding_for_tools() {
    let site = clean();
    site.write(
        "content/extra/los.md",
        "---\ntitel: Losse pagina\n---\n#### Diep\n",
    );
    edit(
        &site,
        EXAMPLE,
        "Met de GGD.",
        "Met [de GGD](../contacten/gg.md).",
    );
    let out = check(&site, &["--format", "json"]);
    assert_eq!(out.code, Some(1));
    let value: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", out.stdout));
    let found: Vec<(String, String, String, u64, u64)> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert!(d["message"].as_str().is_some_and(|m| !m.is_empty()), "{d}");
            assert!(d["hint"].as_str().is_some_and(|h| !h.is_empty()), "{d}");
            (
                d["severity"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = |s: &str, c: &str, f: &str, l: u64, col: u64| {
        (s.to_string(), c.to_string(), f.to_string(), l, col)
    };
    assert_eq!(
        found,
        [
            expected("error", "build", EXAMPLE, 27, 5),
            expected("warning", "orphan", "content/extra/los.md", 2, 1),
            expected("warning", "heading-level", "content/extra/los.md", 4, 1),
        ]
    );
    assert_eq!(
        value["summary"],
        serde_json::json!({"errors": 1, "warnings": 2, "pages": 5, "passed": false})
    );
    // stderr stays quiet, so that tools can read stdout alone.
    assert_eq!(out.stderr, "");
}

#[test]
fn json_reports_a_missing_configuration_too() {
    let site = clean();
    site.remove("kennisbank.yaml");
    let out = check(&site, &["--format", "json"]);
    assert_eq!(out.code, Some(1));
    let value: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(value["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .contains("cannot read the site configuration"));
    let out = check(&site, &[]);
    assert!(
        out.stderr
            .contains("Check failed with 1 error; nothing was checked."),
        "{}",
        out.stderr
    );
}

/// Every file and folder under a folder, with its modification time.
fn listing(dir: &Path) -> BTreeMap<String, Option<SystemTime>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let name = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, e.metadata().ok().and_then(|m| m.modified().ok()))
        })
        .collect()
}

#[test]
fn check_writes_nothing() {
    let site = clean();
    // Findings of every kind, so that every rule runs, and a template that renders (and so would be written).
    site.write(
        "content/extra/los.md",
        "---\ntitel: Losse pagina\n---\n#### Diep <img src=\"x.png\">\n",
    );
    let before = listing(site.path());
    let scratch = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_kennisbank"));
    command
        .arg("--site")
        .arg(site.path())
        .args(["check", "--extern", "--format", "json"])
        .env("TMPDIR", scratch.path());
    for var in PROXY_VARS {
        command.env(var, DEAD_PROXY);
    }
    let out = finish(command);
    assert_eq!(out.code, Some(1), "{}", out.stdout);
    assert_eq!(listing(site.path()), before, "the site folder changed");
    assert!(!site.out().exists());
    assert!(!site.path().join("search-index").exists());
    // The pages were rendered into a temporary folder, which is gone again.
    let left: Vec<_> = std::fs::read_dir(scratch.path()).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");

    // After a build, a check leaves the output and the index exactly as they were.
    site.remove("content/extra/los.md");
    site.build(&[]);
    let before = listing(site.path());
    let before_bytes = common::snapshot(site.path());
    assert_eq!(check(&site, &[]).code, Some(0));
    assert_eq!(listing(site.path()), before);
    assert_eq!(common::snapshot(site.path()), before_bytes);
}

#[test]
fn the_bundled_content_has_no_errors() {
    let out = check_in(&repo(), &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let review = [
        "orphan",
        "unused-term",
        "internal-link",
        "heading-level",
        "missing-question",
    ];
    for d in value["diagnostics"].as_array().unwrap() {
        assert_eq!(d["severity"], "warning", "{d}");
        assert!(review.contains(&d["code"].as_str().unwrap()), "{d}");
        assert!(d["line"].as_u64().is_some(), "{d}");
    }
    assert_eq!(value["summary"]["errors"], 0);
    assert!(value["summary"]["pages"].as_u64().unwrap() > 100);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
}

/// Every request a test server got: method and path.
type Requests = Arc<Mutex<Vec<(String, String)>>>;

/// A web server on this machine for links to check: `/ok` answers 200, `/alleen-get` refuses HEAD but answers
/// GET, anything else 404. Returns its address and every request it got (method and path). It stops by itself
/// after a minute or 100 requests.
fn local_server() -> (String, Requests) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    listener.set_nonblocking(true).unwrap();
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = requests.clone();
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut served = 0;
        while Instant::now() < deadline && served < 100 {
            let Ok((mut stream, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            };
            served += 1;
            stream.set_nonblocking(false).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).is_ok_and(|n| n == 1) {
                head.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&head).into_owned();
            let mut parts = head.split_whitespace();
            let method = parts.next().unwrap_or_default().to_string();
            let path = parts.next().unwrap_or_default().to_string();
            seen.lock().unwrap().push((method.clone(), path.clone()));
            let status = match (method.as_str(), path.as_str()) {
                (_, "/ok") => "200 OK",
                ("HEAD", "/alleen-get") => "405 Method Not Allowed",
                ("GET", "/alleen-get") => "200 OK",
                _ => "404 Not Found",
            };
            let body = if method == "HEAD" { "" } else { "x" };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 1\r\nConnection: close\r\n\r\n{body}"
            );
        }
    });
    (address, requests)
}

#[test]
fn extern_checks_each_web_address_once() {
    let (server, requests) = local_server();
    let site = clean();
    edit(
        &site,
        EXAMPLE,
        "Met de GGD.",
        &format!("Met de [GGD]({server}/ok), [oud]({server}/weg) en [GET]({server}/alleen-get), [kopje]({server}/ok#kopje)."),
    );
    site.write(
        "content/over.md",
        &format!("---\ntitel: Over ons\nbron:\n  titel: Oud\n  url: {server}/weg\n---\nZie [oud]({server}/weg).\n"),
    );

    // Without --extern, no request is made.
    let out = check(&site, &[]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(requests.lock().unwrap().is_empty());

    let mut command = Command::new(env!("CARGO_BIN_EXE_kennisbank"));
    command
        .arg("--site")
        .arg(site.path())
        .args(["check", "--extern"]);
    for var in PROXY_VARS {
        command.env_remove(var);
    }
    let out = finish(command);
    let message = format!("warning: the web address {server}/weg answers 404 Not Found");
    finds(&out, "content/over.md:5:8", &message, 0);
    let column = "Met de [GGD](".len() + server.len() + "/ok), ".len() + 1;
    assert!(
        out.stderr.contains(&format!("{EXAMPLE}:27:{column}")),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.matches(&message).count(), 3, "{}", out.stderr);
    assert!(out.stderr.contains("content/over.md:7:5"), "{}", out.stderr);
    assert!(!out.stderr.contains("/ok answers"), "{}", out.stderr);
    assert!(!out.stderr.contains("alleen-get answers"), "{}", out.stderr);
    assert!(
        !out.stderr.contains("cannot reach the network"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("0 errors, 3 warnings in 5 pages."),
        "{}",
        out.stderr
    );

    let mut asked = requests.lock().unwrap().clone();
    asked.sort();
    let asked: Vec<(&str, &str)> = asked
        .iter()
        .map(|(m, p)| (m.as_str(), p.as_str()))
        .collect();
    assert_eq!(
        asked,
        [
            ("GET", "/alleen-get"),
            ("GET", "/weg"),
            ("HEAD", "/alleen-get"),
            ("HEAD", "/ok"),
            ("HEAD", "/weg"),
        ]
    );
}

#[test]
fn extern_without_a_network_says_so_once() {
    let site = clean();
    edit(
        &site,
        EXAMPLE,
        "Met de GGD.",
        "Met de [GGD](https://www.ggd.example/) en [NJi](https://www.nji.example/jeugd).",
    );
    edit(
        &site,
        EXAMPLE,
        "  titel: Verslag",
        "  titel: Verslag\n  url: https://bron.example/verslag",
    );
    let out = check(&site, &["--extern"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        out.stderr.trim(),
        "note: cannot reach the network: external links were not checked (3 web addresses did not answer)\n\
         No problems found in 4 pages."
    );
    let out = check(&site, &["--extern", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(value["diagnostics"], serde_json::json!([]));
    assert!(value["notes"][0]
        .as_str()
        .unwrap()
        .starts_with("cannot reach the network"));
}
