//! A theme meeting's handout, `kennisbank export pdf --bijeenkomst`, read back as its readers would: the text
//! with pdftotext, the QR codes taken out with pdfimages and read with a QR decoder, as a phone would.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::pdf::{export, export_ok, flat, poppler};
use common::{repo, Fixture};

const MEETING: &str = "bijeenkomsten/handout.md";

/// A meeting that presented three practice examples, the second of them internal.
fn site() -> Fixture {
    let site = Fixture::standard();
    site.write(
        "content/praktijkvoorbeelden/geheim.md",
        "---\n\
titel: GEHEIM-VOORBEELD\n\
samenvatting: Alleen voor intern gebruik.\n\
zichtbaarheid: intern\n\
datum: 2023-09-01\n\
bron:\n  titel: Intern verslag\n  uitgever: Intern team\n  jaar: 2023\n\
organisaties: [Intern team]\n\
regio: Utrecht\n\
onderwijstype: [po]\n\
thema: [preventie]\n\
---\n\
GEHEIM-INHOUD van het voorbeeld.\n",
    );
    site.write(
        "content/bijeenkomsten/handout.md",
        "---\n\
titel: Samen sterk in het vo\n\
datum: 2024-03-14\n\
samenvatting: Middag over samenwerking rond de school.\n\
locatie: Buurthuis De Linde, Amersfoort\n\
organisatoren: [Testuitgever, BPSW]\n\
bron:\n  titel: Verslag van de middag\n  uitgever: Testuitgever\n  jaar: 2024\n\
programma:\n\
\x20 - tijd: \"13.30\"\n    onderdeel: Ontvangst met koffie\n\
\x20 - tijd: \"14.00\"\n    onderdeel: Twee voorbeelden uit de praktijk\n\
\x20 - onderdeel: Gesprek over de stellingen\n\
workshops:\n\
\x20 - titel: Werken met de JVK\n    omschrijving: Oefenen met een eerste gesprek.\n\
stellingen:\n\
\x20 - stelling: Elke school verdient een vaste SMW'er.\n    uitkomst: De zaal was het grotendeels eens.\n    eens: 30\n    oneens: 10\n\
\x20 - stelling: Ouders horen bij elk overleg.\n\
praktijkvoorbeelden: [den-bosch, geheim, utrecht]\n\
---\n\
Verslag van de middag.\n",
    );
    site
}

/// The addresses the QR codes must hold: the published site's address of each public example, in order.
const ADDRESSES: [&str; 2] = [
    "https://example.nl/kb/praktijkvoorbeelden/den-bosch.html",
    "https://example.nl/kb/praktijkvoorbeelden/utrecht.html",
];

/// Exports the handout and gives its file.
fn handout(site: &Fixture, extra: &[&str]) -> PathBuf {
    let out = site.path().join(format!("hand-out{}.pdf", extra.join("")));
    let mut args = vec!["--bijeenkomst", MEETING, "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    exported(site, &args);
    out
}

/// Exports, insisting that it succeeds; the one warning allowed is the build's own about the internal example
/// that the public edition leaves out.
fn exported(site: &Fixture, args: &[&str]) -> String {
    let run = export(site.path(), args);
    assert!(run.success, "the export failed:\n{}", run.stderr);
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning"))
        .collect();
    let allowed =
        "warning: `geheim` in `praktijkvoorbeelden` is internal; the public edition leaves it out";
    assert!(
        warnings.iter().all(|w| *w == allowed),
        "the export warned:\n{}",
        run.stderr
    );
    run.stderr
}

/// The images in a PDF (not their transparency masks), as `pdfimages -list` counts them.
fn image_count(pdf: &Path) -> usize {
    poppler("pdfimages", &["-list"], pdf)
        .lines()
        .skip(2)
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .count()
}

/// Every image of the PDF taken out with `pdfimages -png`, in page order, and its QR code read.
fn qr_codes(pdf: &Path) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("img");
    let status = Command::new("pdfimages")
        .arg("-png")
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("run pdfimages (tests/run installs poppler-utils)");
    assert!(status.success());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.iter().map(|f| read_qr(f)).collect()
}

/// Reads the QR code in a PNG file, enlarged first as a camera sees a printed code (one pixel per module is too
/// fine for a decoder that looks for edges).
fn read_qr(file: &Path) -> String {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(file).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.bit_depth, png::BitDepth::Eight, "{}", file.display());
    let channels = info.color_type.samples();
    let (width, height) = (info.width as usize, info.height as usize);
    let grey = |x: usize, y: usize| buf[(y * width + x) * channels];
    let scale = 8;
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width * scale, height * scale, |x, y| {
            grey(x / scale, y / scale)
        });
    let grids = image.detect_grids();
    assert_eq!(
        grids.len(),
        1,
        "{} holds no readable QR code",
        file.display()
    );
    grids[0].decode().expect("a readable QR code").1
}

#[test]
fn the_handout_holds_the_meeting_its_public_examples_in_full_and_its_statements() {
    let site = site();
    // Without --out, the file is named after the meeting, beside the other exports.
    let stderr = exported(&site, &["--bijeenkomst", MEETING]);
    let pdf = site.path().join("bijeenkomst-handout.pdf");
    assert!(pdf.is_file(), "{stderr}");
    // The trainer hears that an example was left out.
    assert!(
        stderr.contains("`geheim` in `praktijkvoorbeelden` is internal"),
        "{stderr}"
    );
    let text = flat(&poppler("pdftotext", &[], &pdf));
    for expected in [
        "Samen sterk in het vo",
        "14 maart 2024",
        "Buurthuis De Linde, Amersfoort",
        "Testuitgever, BPSW",
        "Middag over samenwerking rond de school.",
        "13.30 Ontvangst met koffie",
        "14.00 Twee voorbeelden uit de praktijk",
        "Gesprek over de stellingen",
        "Werken met de JVK",
        // Each public example, whole: its title, its facts and its body.
        "Een brugfunctie in Den Bosch",
        "GGD Hart voor Brabant, Farent",
        "De JVK komt elke week.",
        "Het vo-team in Utrecht",
        "Een stedelijk team.",
        // The statements, with the poll and room for notes.
        "Elke school verdient een vaste SMW'er.",
        "De zaal was het grotendeels eens.",
        "75% eens (30 eens, 10 oneens)",
        "Ouders horen bij elk overleg.",
        "Aantekeningen",
        // The address under each QR code, for whoever cannot scan.
        ADDRESSES[0],
        ADDRESSES[1],
    ] {
        assert!(text.contains(expected), "`{expected}` is missing:\n{text}");
    }
    assert!(
        !text.contains("GEHEIM"),
        "internal text in the public handout:\n{text}"
    );
    // A handout, not a book: no cover, no contents; the meeting opens the first page.
    let first = flat(&poppler("pdftotext", &["-f", "1", "-l", "1"], &pdf));
    assert!(first.contains("Samen sterk in het vo"), "{first}");
    assert!(!text.contains("Inhoud"), "{text}");
    assert!(!text.contains("Colofon"), "{text}");
    // The examples follow in the meeting's order, each on sheets of its own.
    let den_bosch = text
        .find("Een brugfunctie in Den Bosch Jeugdverpleegkundigen")
        .unwrap();
    let utrecht = text
        .find("Het vo-team in Utrecht Een stedelijk team")
        .unwrap();
    assert!(den_bosch < utrecht);
}

#[test]
fn each_public_example_has_a_qr_code_that_reads_as_its_address() {
    let site = site();
    let pdf = handout(&site, &[]);
    assert_eq!(image_count(&pdf), 2);
    assert_eq!(qr_codes(&pdf), ADDRESSES);
}

#[test]
fn the_internal_handout_has_the_internal_example_but_no_code_to_a_page_the_website_lacks() {
    let site = site();
    let pdf = handout(&site, &["--intern"]);
    let text = flat(&poppler("pdftotext", &[], &pdf));
    assert!(text.contains("GEHEIM-VOORBEELD"), "{text}");
    assert!(text.contains("GEHEIM-INHOUD van het voorbeeld."), "{text}");
    assert!(text.contains("Interne editie"), "{text}");
    assert_eq!(qr_codes(&pdf), ADDRESSES);
}

#[test]
fn the_bundled_meeting_has_every_example_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("bijeenkomst.pdf");
    export_ok(
        &repo(),
        &[
            "--bijeenkomst",
            "content/bijeenkomsten/themabijeenkomst-sterk-in-preventie-2017.md",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    let text = flat(&poppler("pdftotext", &[], &pdf));
    let examples = [
        "oudergespreksgroepen-de-waterlelie",
        "jeugd-en-gezinswerkers-midden-limburg",
        "signaleren-en-normaliseren-rotterdam",
        "utrecht-vo-team-mbo-team",
        "voorschools-maatschappelijk-werk-rotterdam",
    ];
    for slug in examples {
        let source =
            std::fs::read_to_string(repo().join(format!("content/praktijkvoorbeelden/{slug}.md")))
                .unwrap();
        let title = source
            .lines()
            .find_map(|l| l.strip_prefix("titel:"))
            .unwrap()
            .trim()
            .trim_matches('"');
        assert!(text.contains(&flat(title)), "`{title}` is missing");
    }
    assert!(text.contains("Preventie is vroegsignalering."), "{text}");
    let expected: Vec<String> = examples
        .iter()
        .map(|slug| format!("https://kennisbank.example.nl/smw/praktijkvoorbeelden/{slug}.html"))
        .collect();
    assert_eq!(qr_codes(&pdf), expected);
}

#[test]
fn a_meeting_without_examples_is_a_handout_without_codes() {
    let site = site();
    let text = std::fs::read_to_string(site.path().join("content").join(MEETING)).unwrap();
    site.write(
        &format!("content/{MEETING}"),
        &text.replace("praktijkvoorbeelden: [den-bosch, geheim, utrecht]\n", ""),
    );
    let pdf = handout(&site, &[]);
    assert_eq!(image_count(&pdf), 0);
    let text = flat(&poppler("pdftotext", &[], &pdf));
    assert!(text.contains("Ouders horen bij elk overleg."), "{text}");
    assert!(!text.contains("Een brugfunctie in Den Bosch"), "{text}");
}

#[test]
fn two_exports_are_the_same_bytes() {
    let site = site();
    let first = std::fs::read(handout(&site, &[])).unwrap();
    let second = std::fs::read(handout(&site, &["--formaat", "a4"])).unwrap();
    assert_eq!(first, second);
}

#[test]
fn the_paper_size_can_be_a5() {
    let site = site();
    let pdf = handout(&site, &["--formaat", "a5"]);
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.contains("419.528 x 595.276 pts"), "{info}");
    assert_eq!(qr_codes(&pdf), ADDRESSES);
}

/// Runs the export and insists that it fails with `code` and says each of `expected`.
fn fails(site: &Path, args: &[&str], code: i32, expected: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .arg("--site")
        .arg(site)
        .args(["export", "pdf"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for e in expected {
        assert!(stderr.contains(e), "`{e}` is missing:\n{stderr}");
    }
}

#[test]
fn naming_no_page_or_another_kind_of_page_says_which_meetings_there_are() {
    let site = site();
    fails(
        site.path(),
        &["--bijeenkomst", "bijeenkomsten/handuot.md"],
        1,
        &[
            "there is no page `bijeenkomsten/handuot.md`",
            "did you mean bijeenkomsten/handout",
        ],
    );

    fails(
        site.path(),
        &["--bijeenkomst", "praktijkvoorbeelden/den-bosch.md"],
        1,
        &[
            "`praktijkvoorbeelden/den-bosch.md` is a praktijkvoorbeeld, not a theme meeting",
            "content/praktijkvoorbeelden/den-bosch.md:1:1",
            "bijeenkomsten/handout.md",
            "bijeenkomsten/preventie.md",
        ],
    );
    assert!(!site.path().join("bijeenkomst-den-bosch.pdf").exists());
}

#[test]
fn an_internal_meeting_is_not_in_a_public_handout() {
    let site = site();
    site.write(
        "content/bijeenkomsten/overleg.md",
        "---\ntitel: Intern overleg\ndatum: 2024-01-10\nzichtbaarheid: intern\nsamenvatting: Overleg.\n\
bron:\n  titel: Notulen\n  uitgever: Intern team\n  jaar: 2024\n---\nGEHEIM.\n",
    );
    fails(
        site.path(),
        &["--bijeenkomst", "bijeenkomsten/overleg.md"],
        1,
        &[
            "the page `bijeenkomsten/overleg.md` is internal, and this export is public",
            "content/bijeenkomsten/overleg.md:4:1",
            "--intern",
        ],
    );
    assert!(!site.path().join("bijeenkomst-overleg.pdf").exists());
    exported(
        &site,
        &["--bijeenkomst", "bijeenkomsten/overleg.md", "--intern"],
    );
    let pdf = site.path().join("bijeenkomst-overleg-intern.pdf");
    assert!(flat(&poppler("pdftotext", &[], &pdf)).contains("Intern overleg"));
}

#[test]
fn without_base_url_there_is_no_address_for_the_codes() {
    let site = site();
    let config = common::CONFIG.replace("base_url: https://example.nl/kb/", "base_url: \"\"");
    site.write("kennisbank.yaml", &config);
    fails(
        site.path(),
        &["--bijeenkomst", MEETING],
        1,
        &[
            "`base_url` is empty",
            "kennisbank.yaml:4:1",
            "set `base_url:` in kennisbank.yaml",
        ],
    );
    assert!(!site.path().join("bijeenkomst-handout.pdf").exists());

    // Every problem at once: a wrong name too.
    fails(
        site.path(),
        &["--bijeenkomst", "bijeenkomsten/bestaat-niet.md"],
        1,
        &[
            "`base_url` is empty",
            "there is no page `bijeenkomsten/bestaat-niet.md`",
        ],
    );

    // With no `base_url` at all, the message names the file.
    let config = common::CONFIG.replace("base_url: https://example.nl/kb/\n", "");
    site.write("kennisbank.yaml", &config);
    fails(
        site.path(),
        &["--bijeenkomst", MEETING],
        1,
        &["`base_url` is empty", "kennisbank.yaml"],
    );
}

#[test]
fn a_handout_is_one_selection_among_the_others() {
    let site = site();
    for other in [
        &["--pagina", "over.md"][..],
        &["--contacten"],
        &["--thema", "Ouders"],
    ] {
        let mut args = vec!["--bijeenkomst", MEETING];
        args.extend_from_slice(other);
        fails(site.path(), &args, 2, &["cannot be used with"]);
    }
}
