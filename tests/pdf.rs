//! The printed handbook, `kennisbank export pdf`, read back as a reader's PDF viewer would: poppler's pdfinfo,
//! pdftotext, pdftohtml (for the outline) and pdftoppm (tests/run installs poppler-utils).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{copy_dir, repo, Fixture, Run};

/// Runs a poppler tool and gives its standard output.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" || tool == "pdftohtml" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} (tests/run installs poppler-utils): {e}"));
    assert!(
        output.status.success(),
        "{tool} failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text of each page, in reading order.
fn pages(pdf: &Path) -> Vec<String> {
    poppler("pdftotext", &[], pdf)
        .split('\u{c}')
        .map(str::to_string)
        .collect()
}

/// Text as a reader sees it: one space between words, straight apostrophes, no invisible joiners.
fn flat(text: &str) -> String {
    text.replace(['’', '‘'], "'")
        .replace(['\u{2060}', '\u{ad}'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page number printed at the foot of a page.
fn folio(page: &str) -> Option<String> {
    page.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .filter(|l| l.chars().all(|c| c.is_ascii_digit() || "ivxlc".contains(c)))
        .map(str::to_string)
}

fn export(site: &Path, args: &[&str]) -> Run {
    common::export(site, "pdf", args)
}

fn export_ok(site: &Path, args: &[&str]) -> Run {
    common::export_ok(site, "pdf", args)
}

/// The bundled content's handbook, public and internal, exported once for all tests.
struct Bundled {
    _dir: tempfile::TempDir,
    public: PathBuf,
    internal: PathBuf,
}

fn bundled() -> &'static Bundled {
    static BUNDLED: OnceLock<Bundled> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("handboek.pdf");
        let internal = dir.path().join("handboek-intern.pdf");
        export_ok(&repo(), &["--out", public.to_str().unwrap()]);
        export_ok(&repo(), &["--intern", "--out", internal.to_str().unwrap()]);
        Bundled {
            _dir: dir,
            public,
            internal,
        }
    })
}

/// The `titel` of every Markdown file in a content folder.
fn titles(folder: &str) -> Vec<String> {
    let mut titles: Vec<String> = std::fs::read_dir(repo().join("content").join(folder))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "_index.md")
        .filter_map(|e| {
            let text = std::fs::read_to_string(e.path()).ok()?;
            let line = text.lines().find(|l| l.starts_with("titel:"))?;
            Some(line["titel:".len()..].trim().trim_matches('"').to_string())
        })
        .collect();
    titles.sort();
    titles
}

/// The contents pages: each entry's title and printed page number.
fn contents(pages: &[String]) -> Vec<(String, String)> {
    let mut entries = Vec::new();
    for page in pages.iter().take(8) {
        for line in page.lines() {
            let Some((title, number)) = line.rsplit_once(". ") else {
                continue;
            };
            let number = number.trim_start_matches('\u{2060}').trim();
            if number.chars().all(|c| c.is_ascii_digit()) && !number.is_empty() {
                let title = title.trim_end_matches([' ', '.']).trim();
                entries.push((flat(title), number.to_string()));
            }
        }
    }
    entries
}

#[test]
fn the_handbook_says_its_title_and_language_and_is_tagged() {
    let pdf = &bundled().public;
    let info = poppler("pdfinfo", &[], pdf);
    assert!(
        info.lines().any(
            |l| l.starts_with("Title:") && l.ends_with("Kennisbank schoolmaatschappelijk werk")
        ),
        "{info}"
    );
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("(A4)"), "{info}");
    let meta = poppler("pdfinfo", &["-meta"], pdf);
    assert!(
        meta.contains("<dc:language><rdf:Bag><rdf:li>nl</rdf:li>"),
        "the document language is not nl:\n{meta}"
    );
}

#[test]
fn the_outline_has_an_entry_per_chapter() {
    let xml = poppler(
        "pdftohtml",
        &["-xml", "-i", "-q", "-stdout"],
        &bundled().public,
    );
    let outline = &xml[xml.find("<outline>").expect("the PDF has an outline")..];
    // The top level of the outline: items before the first nested <outline>, and between nested ones.
    let mut top = Vec::new();
    let mut depth = 0;
    let mut rest = outline;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        if rest.starts_with("<outline") {
            depth += 1;
        } else if rest.starts_with("</outline") {
            depth -= 1;
        } else if rest.starts_with("<item") && depth == 1 {
            let start = rest.find('>').unwrap() + 1;
            let end = rest.find("</item>").unwrap();
            top.push(flat(&rest[start..end]));
        }
        rest = &rest[1..];
    }
    for chapter in [
        "Inleiding",
        "1 Leerroutes",
        "2 Praktijkvoorbeelden",
        "3 Werkwijzen",
        "4 Achtergrond",
        "5 Themabijeenkomsten",
        "A Begrippen",
        "B Contacten",
        "Register van thema's",
    ] {
        assert!(
            top.iter().any(|t| t.replace('’', "'") == chapter),
            "no outline entry {chapter:?} in {top:?}"
        );
    }
    // A page of a chapter is a bookmark under its chapter.
    assert!(outline.contains("Een brugfunctie in het onderwijs: de proeftuin in Den Bosch"));
}

#[test]
fn the_contents_give_the_page_where_each_chapter_starts() {
    let pages = pages(&bundled().public);
    let entries = contents(&pages);
    assert!(entries.len() > 30, "too few contents entries: {entries:?}");
    let page_numbered = |n: &str| {
        pages
            .iter()
            .find(|p| folio(p).as_deref() == Some(n))
            .unwrap_or_else(|| panic!("no page is numbered {n}"))
    };
    let mut checked = 0;
    for (title, number) in &entries {
        let page = page_numbered(number);
        // An appendix's opening sheet names it above its title ("BIJLAGE A").
        let first_line = page
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("BIJLAGE "))
            .unwrap();
        let is_chapter = title.starts_with(|c: char| c.is_ascii_digit() || c.is_ascii_uppercase())
            && (title.chars().nth(1) == Some(' ') || title == "Inleiding");
        if is_chapter {
            // A chapter opens its page, without a running head above it.
            assert_eq!(
                flat(first_line),
                *title,
                "page {number} does not open with {title}"
            );
            checked += 1;
        } else {
            assert!(
                flat(page).contains(title.as_str()),
                "{title} is not on page {number}:\n{page}"
            );
        }
    }
    assert!(checked >= 8, "only {checked} chapters checked");
}

#[test]
fn every_practice_example_is_in_the_handbook() {
    let text = flat(&poppler("pdftotext", &[], &bundled().public));
    let titles = titles("praktijkvoorbeelden");
    assert!(titles.len() >= 20);
    for title in titles {
        assert!(
            text.contains(&flat(&title)),
            "{title} is not in the handbook"
        );
    }
}

#[test]
fn dutch_words_are_hyphenated_at_dutch_syllables() {
    let text = poppler("pdftotext", &[], &bundled().public);
    let source: String = walkdir::WalkDir::new(repo().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap().to_lowercase())
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    let mut hyphenated = BTreeSet::new();
    for pair in lines.windows(2) {
        let Some(head) = pair[0].trim_end().strip_suffix(['-', '\u{ad}']) else {
            continue;
        };
        let head = head.rsplit(' ').next().unwrap_or_default();
        let tail: String = pair[1].chars().take_while(|c| c.is_alphabetic()).collect();
        if head.chars().all(char::is_alphabetic)
            && !head.is_empty()
            && tail.starts_with(char::is_lowercase)
        {
            let word = format!("{head}{tail}").to_lowercase();
            // A real break inside a word: the joined word is in the content, and was not written with a hyphen.
            if word.len() >= 8
                && source.contains(&word)
                && !source.contains(&format!("{}-{}", head.to_lowercase(), tail))
            {
                hyphenated.insert(format!("{head}-{tail}"));
            }
        }
    }
    assert!(
        hyphenated.len() >= 20,
        "too few words broken at the end of a line: {hyphenated:?}"
    );
    // Dutch patterns: a compound breaks between its parts or syllables, never after one letter.
    assert!(hyphenated.iter().all(|w| w.find('-').unwrap() >= 2));
}

/// Personal e-mail addresses in the bundled contact sheets.
fn personal_addresses() -> Vec<String> {
    let mut addresses = Vec::new();
    for entry in std::fs::read_dir(repo().join("content/contacten")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some(address) = line.trim().strip_prefix("email:") {
                addresses.push(address.trim().to_string());
            }
        }
    }
    assert!(
        addresses.len() >= 5,
        "the bundled content has personal addresses"
    );
    addresses
}

#[test]
fn no_personal_address_is_in_the_public_handbook_and_all_are_in_the_internal_one() {
    let squeeze = |pdf: &Path| -> String {
        let mut all = poppler("pdftotext", &[], pdf);
        all.push_str(&poppler("pdfinfo", &["-meta"], pdf));
        all.split_whitespace()
            .collect::<String>()
            .replace('\u{ad}', "")
    };
    let public = squeeze(&bundled().public);
    let internal = squeeze(&bundled().internal);
    for address in personal_addresses() {
        assert!(!public.contains(&address), "{address} is in the public PDF");
        assert!(
            internal.contains(&address),
            "{address} is missing from the internal PDF"
        );
    }
}

#[test]
fn cover_and_contents_render_for_a_reviewer() {
    let dir = repo().join("target/pdf-smoke");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = &bundled().public;
    for (page, name) in [("1", "omslag"), ("3", "inhoud"), ("80", "werkwijze")] {
        let prefix = dir.join(name);
        let output = Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-singlefile", "-f", page, "-l", page])
            .arg(pdf)
            .arg(&prefix)
            .output()
            .expect("run pdftoppm");
        assert!(output.status.success());
        let png = std::fs::read(prefix.with_extension("png")).unwrap();
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 5_000,
            "{name}.png is empty"
        );
    }
    eprintln!("the cover and contents are in {}", dir.display());
}

#[test]
fn the_same_content_gives_the_same_pdf() {
    let site = Fixture::standard();
    let a = site.path().join("a.pdf");
    let b = site.path().join("b.pdf");
    export_ok(site.path(), &["--out", a.to_str().unwrap()]);
    export_ok(site.path(), &["--out", b.to_str().unwrap()]);
    assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap());
}

const MARKERS: [&str; 5] = [
    "GEHEIM-PAGINA",
    "GEHEIM-TEKST",
    "GEHEIM-PERSOON",
    "GEHEIM-ORGANISATIE",
    "geheim-persoon@example.nl",
];

#[test]
fn nothing_internal_is_in_the_public_pdf() {
    let site = Fixture::standard();
    let public = site.path().join("publiek.pdf");
    let internal = site.path().join("intern.pdf");
    export_ok(site.path(), &["--out", public.to_str().unwrap()]);
    export_ok(
        site.path(),
        &["--intern", "--out", internal.to_str().unwrap()],
    );
    let read = |pdf: &Path| {
        let mut all = poppler("pdftotext", &[], pdf);
        all.push_str(&poppler("pdfinfo", &["-meta"], pdf));
        all.split_whitespace().collect::<String>()
    };
    let (public_text, internal_text) = (read(&public), read(&internal));
    for marker in MARKERS {
        assert!(
            !public_text.contains(marker),
            "{marker} is in the public PDF"
        );
        assert!(
            internal_text.contains(marker),
            "{marker} is missing from the internal PDF"
        );
    }
    // On paper, public people appear by their role only.
    assert!(!public_text.contains("OpenbareWoordvoerder"));
    assert!(public_text.contains("woordvoerder"));
    assert!(!public_text.contains("Interne"));
    assert!(internal_text.contains("Interneeditie"));
}

#[test]
fn a_selection_holds_only_what_was_selected() {
    let site = Fixture::standard();
    let text = |args: &[&str]| {
        let out = site.path().join("selectie.pdf");
        let mut all = args.to_vec();
        all.extend(["--out", out.to_str().unwrap()]);
        export_ok(site.path(), &all);
        flat(&poppler("pdftotext", &[], &out))
    };
    let one = text(&["--pagina", "praktijkvoorbeelden/den-bosch.md"]);
    assert!(one.contains("Een brugfunctie in Den Bosch"));
    for absent in [
        "Het vo-team in Utrecht",
        "Sterk in preventie",
        "Begrippen",
        "Register van thema's",
    ] {
        assert!(!one.contains(absent), "{absent} is in a one-page export");
    }
    // A link to a page outside the selection leads to the website.
    assert!(one.contains("https://example.nl/kb/werkwijzen/barneveld.html#intakefase"));

    let two = text(&[
        "--pagina",
        "praktijkvoorbeelden/utrecht.md",
        "--pagina",
        "werkwijzen/barneveld.html",
    ]);
    assert!(
        two.contains("Het vo-team in Utrecht")
            && two.contains("Werkwijze SMW in het basisonderwijs")
    );
    assert!(!two.contains("Een brugfunctie in Den Bosch (zie"));

    let section = text(&["--sectie", "werkwijzen"]);
    assert!(section.contains("Werkwijze SMW in het basisonderwijs"));
    assert!(!section.contains("Het vo-team in Utrecht"));

    let theme = text(&["--thema", "verzuim en thuiszitters"]);
    assert!(theme.contains("Thema: Verzuim en thuiszitters"));
    assert!(theme.contains("Het vo-team in Utrecht"));
    assert!(!theme.contains("Een brugfunctie in Den Bosch Jeugdverpleegkundigen"));

    let contacts = site.path().join("contacten.pdf");
    export_ok(
        site.path(),
        &["--contacten", "--out", contacts.to_str().unwrap()],
    );
    assert!(poppler("pdfinfo", &[], &contacts).contains("Pages:           1"));
    let contacts = flat(&poppler("pdftotext", &[], &contacts));
    assert!(contacts.contains("Proeftuin Den Bosch") && contacts.contains("Team Utrecht"));
    assert!(!contacts.contains("Een brugfunctie in Den Bosch"));

    let missing = export(site.path(), &["--pagina", "praktijkvoorbeelden/den-bos.md"]);
    assert!(!missing.success);
    assert!(
        missing
            .stderr
            .contains("did you mean praktijkvoorbeelden/den-bosch?"),
        "{}",
        missing.stderr
    );
    let internal = export(site.path(), &["--pagina", "intern-overleg.md"]);
    assert!(
        !internal.success && internal.stderr.contains("--intern"),
        "{}",
        internal.stderr
    );
}

#[test]
fn cross_references_give_the_page_number_of_their_target() {
    let site = Fixture::standard();
    let out = site.path().join("boek.pdf");
    export_ok(site.path(), &["--out", out.to_str().unwrap()]);
    let pages = pages(&out);
    let text = flat(&pages.join(" "));
    let at = text
        .find("Zie de intakefase (zie p. ")
        .expect("a reference with a page number");
    let number: String = text[at + "Zie de intakefase (zie p. ".len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let target = pages
        .iter()
        .find(|p| folio(p).as_deref() == Some(number.as_str()))
        .unwrap();
    assert!(
        target.contains("Intakefase"),
        "page {number} has no Intakefase:\n{target}"
    );
}

#[test]
fn a_broken_image_fails_the_export_with_its_file_and_line() {
    let site = Fixture::standard();
    let out = site.path().join("boek.pdf");
    export_ok(site.path(), &["--out", out.to_str().unwrap()]);
    let before = std::fs::read(&out).unwrap();

    site.write(
        "content/schema.md",
        "---\ntitel: Schema\n---\nDe fasen:\n\n![De vier fasen](fasen.png)\n",
    );
    let missing = export(site.path(), &["--out", out.to_str().unwrap()]);
    assert!(!missing.success);
    assert!(
        missing.stderr.contains("content/schema.md:6:1"),
        "{}",
        missing.stderr
    );
    assert!(missing.stderr.contains("fasen.png"), "{}", missing.stderr);

    site.write("content/fasen.png", "dit is geen afbeelding");
    let broken = export(site.path(), &["--out", out.to_str().unwrap()]);
    assert!(!broken.success);
    assert!(
        broken.stderr.contains("content/schema.md:6:1"),
        "{}",
        broken.stderr
    );
    assert!(
        broken.stderr.contains("cannot be printed"),
        "{}",
        broken.stderr
    );
    assert!(
        !broken.stderr.contains("typesetter"),
        "a raw typesetter error:\n{}",
        broken.stderr
    );
    assert_eq!(
        std::fs::read(&out).unwrap(),
        before,
        "the earlier PDF was changed"
    );

    // A real image prints, with its alt text as caption.
    let png = std::fs::read(repo().join("tests/fixtures/schema.png")).unwrap();
    site.write_bytes("content/fasen.png", &png);
    export_ok(site.path(), &["--out", out.to_str().unwrap()]);
    assert!(flat(&poppler("pdftotext", &[], &out)).contains("De vier fasen"));
}

#[test]
fn a_character_no_font_has_is_a_warning_with_its_line() {
    let site = Fixture::standard();
    site.write(
        "content/over.md",
        "---\ntitel: Over deze kennisbank\n---\nOver ons 🙂.\n",
    );
    let run = export(
        site.path(),
        &["--out", site.path().join("b.pdf").to_str().unwrap()],
    );
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/over.md:4:10"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("U+1F642"), "{}", run.stderr);
}

#[test]
fn a_broken_print_template_is_reported_in_the_template() {
    let site = Fixture::standard();
    let template = site.path().join("themes/default/print/handboek.typ");
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(
        &template,
        text.replace("#let pt = t.pdf", "#let pt = t.pdf.bestaat-niet"),
    )
    .unwrap();
    let run = export(site.path(), &[]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("themes/default/print/handboek.typ:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("no PDF was written"), "{}", run.stderr);
    assert!(!site.path().join("handboek.pdf").exists());
}

#[test]
fn standards_and_paper_sizes() {
    let site = Fixture::standard();
    let out = site.path().join("boek.pdf");
    export_ok(
        site.path(),
        &[
            "--standaard",
            "ua-1",
            "--standaard",
            "a-2a",
            "--formaat",
            "a5",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let meta = poppler("pdfinfo", &["-meta"], &out);
    assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"), "{meta}");
    assert!(meta.contains("<pdfuaid:part>1</pdfuaid:part>"), "{meta}");
    assert!(poppler("pdfinfo", &[], &out).contains("419.528 x 595.276 pts"));
    let clash = export(site.path(), &["--standaard", "a-2b", "--standaard", "a-3b"]);
    assert!(
        !clash.success && clash.stderr.contains("cannot be combined"),
        "{}",
        clash.stderr
    );
}

#[test]
fn the_bundled_handbook_conforms_to_pdf_ua() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    for part in ["content", "themes"] {
        copy_dir(&repo().join(part), &site.join(part));
    }
    std::fs::copy(repo().join("kennisbank.yaml"), site.join("kennisbank.yaml")).unwrap();
    export_ok(&site, &["--standaard", "ua-1"]);
    assert!(site.join("handboek.pdf").is_file());
}

#[test]
fn the_front_matter_is_numbered_in_roman_and_the_chapters_from_one() {
    let bytes = std::fs::read(&bundled().public).unwrap();
    let pdf = String::from_utf8_lossy(&bytes);
    assert!(
        pdf.contains("/Lang(nl)"),
        "the catalog does not say the language"
    );
    // The catalog points at a number tree of page labels, one label object per sheet.
    let labels = pdf.split("/PageLabels ").nth(1).expect("page labels");
    let tree = labels.split(' ').next().unwrap();
    let nums = pdf
        .split(&format!("\n{tree} 0 obj\n<</Nums["))
        .nth(1)
        .expect("the page label tree")
        .split(']')
        .next()
        .unwrap()
        .to_string();
    let refs: Vec<&str> = nums.split(' ').collect();
    let label = |sheet: usize| -> String {
        let object = refs[sheet * 4 + 1];
        let after = pdf.split(&format!("\n{object} 0 obj\n")).nth(1).unwrap();
        after.split("endobj").next().unwrap().trim().to_string()
    };
    assert_eq!(label(0), "<</Type/PageLabel>>", "the cover has no number");
    assert_eq!(label(1), "<</Type/PageLabel/S/r/St 1>>");
    let first_arabic = (0..refs.len() / 4)
        .find(|&i| label(i).contains("/S/D"))
        .expect("arabic page numbers");
    assert_eq!(label(first_arabic), "<</Type/PageLabel/S/D/St 1>>");
    assert!(label(first_arabic - 1).contains("/S/r"));
}

#[test]
fn long_tables_break_across_pages_with_their_head_repeated() {
    let site = Fixture::standard();
    let mut table = String::from("| Kolomkop gemeente | Kolomkop aantal |\n|---|---:|\n");
    for i in 1..=150 {
        table.push_str(&format!("| Gemeente nummer {i} | {i} |\n"));
    }
    site.write(
        "content/tabel.md",
        &format!("---\ntitel: Een lange tabel\n---\n{table}"),
    );
    let out = site.path().join("boek.pdf");
    export_ok(site.path(), &["--out", out.to_str().unwrap()]);
    let with_head: Vec<usize> = pages(&out)
        .iter()
        .enumerate()
        .filter(|(_, p)| p.contains("Kolomkop gemeente"))
        .map(|(i, _)| i)
        .collect();
    assert!(
        with_head.len() >= 2,
        "the table's head is on sheets {with_head:?} only"
    );
    let text = flat(&pages(&out).join(" "));
    assert!(text.contains("Gemeente nummer 1 ") && text.contains("Gemeente nummer 150"));
}

#[test]
fn footnotes_quotes_dashes_and_web_addresses_are_printed() {
    let site = Fixture::standard();
    site.write(
        "content/typografie.md",
        "---\ntitel: Typografie\n---\n\
         De SMW'ers zeggen \"samen\" -- en de school - het gezin.[^bron]\n\n\
         Lees het [dossier van het NJi](https://www.nji.nl/dossier-onderwijs).\n\n\
         > Een citaat uit het verslag.\n\n\
         [^bron]: Uit het verslag van 2017.\n",
    );
    let out = site.path().join("boek.pdf");
    export_ok(site.path(), &["--out", out.to_str().unwrap()]);
    let text = poppler("pdftotext", &[], &out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("SMW’ers zeggen “samen” – en de school – het gezin"),
        "{text}"
    );
    assert!(
        text.contains("Uit het verslag van 2017."),
        "the footnote is missing"
    );
    assert!(text.contains("dossier van het NJi"));
    assert!(
        text.contains("https://www.nji.nl/dossier-onderwijs"),
        "the web address is not printed"
    );
    assert!(text.contains("Een citaat uit het verslag."));
}
