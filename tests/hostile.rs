//! The bad-input corpus: broken and hostile sites, each built by the real binary. Every case ends in a clear error
//! (the file, line:column where there is one, what is wrong, and a hint) or in a correct, safe page; never in a
//! panic, a hang, a write outside the output folders, or a file from outside the site in the output.
//!
//! A case is named for the mistake. Its files are in `tests/corpus/<name>/`, laid over a small valid site (see
//! `hostile/harness.rs`); what cannot be a committed file (links, FIFOs, huge or odd bytes) its setup makes.

mod common;
#[path = "hostile/harness.rs"]
mod harness;
#[path = "hostile/safety.rs"]
mod safety;

use std::path::Path;

use harness::{append, nothing, run_all, symlink, write, write_bytes, Case, Expect};

/// The start of a valid page, for generated cases.
const HEAD: &str = "---\ntitel: Gemaakte pagina\n---\n";

#[test]
fn front_matter_cases() {
    run_all(&front_matter());
}

#[test]
fn markdown_cases() {
    run_all(&markdown());
}

#[test]
fn file_names_cases() {
    run_all(&file_names());
}

#[test]
fn file_system_cases() {
    run_all(&file_system());
}

#[test]
fn raw_html_cases() {
    run_all(&raw_html());
}

#[test]
fn themes_cases() {
    run_all(&themes());
}

#[test]
fn configuration_cases() {
    run_all(&configuration());
}

/// Every case has a name of its own, and every folder in `tests/corpus/` belongs to a case.
#[test]
fn the_corpus_and_the_table_agree() {
    let cases: Vec<Case> = [
        front_matter(),
        markdown(),
        file_names(),
        file_system(),
        raw_html(),
        themes(),
        configuration(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let names: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.name).collect();
    assert_eq!(names.len(), cases.len(), "two cases have the same name");
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    for folder in std::fs::read_dir(common::repo().join("tests/corpus")).unwrap() {
        let folder = folder.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            names.contains(folder.as_str()),
            "tests/corpus/{folder} belongs to no case"
        );
    }
    for case in &cases {
        let has_folder = common::repo().join("tests/corpus").join(case.name).is_dir();
        assert!(
            has_folder || !std::ptr::fn_addr_eq(case.setup, nothing as fn(&Path)),
            "the case {} changes nothing",
            case.name
        );
    }
}

fn front_matter() -> Vec<Case> {
    vec![
        Case {
            name: "fm-utf8-bom",
            setup: |s| {
                write_bytes(
                    s,
                    "content/bom.md",
                    b"\xEF\xBB\xBF---\ntitel: Met BOM\n---\nBOM-tekst.\n",
                )
            },
            expect: Expect::Builds {
                page: "bom.html",
                shows: &["<h1", "Met BOM</h1>", "BOM-tekst."],
            },
        },
        Case {
            name: "fm-windows-line-endings",
            setup: |s| {
                let text = "---\r\ntitel: Met CRLF\r\nsamenvatting: Windows.\r\n---\r\n## Kop\r\n\r\nRegel een\r\nregel twee.\r\n";
                write(s, "content/crlf.md", text)
            },
            expect: Expect::Builds {
                page: "crlf.html",
                shows: &[
                    "Met CRLF</h1>",
                    "<p>Regel een\nregel twee.</p>",
                    "id=\"kop\"",
                ],
            },
        },
        Case {
            name: "fm-bom-and-windows-line-endings",
            setup: |s| {
                write_bytes(
                    s,
                    "content/beide.md",
                    b"\xEF\xBB\xBF---\r\ntitel: Allebei\r\n---\r\nTekst.\r\n",
                )
            },
            expect: Expect::Builds {
                page: "beide.html",
                shows: &["Allebei</h1>"],
            },
        },
        Case {
            name: "fm-tabs-for-indentation",
            setup: nothing,
            expect: Expect::Fails(&[
                "content/werkwijzen/tabs.md:5:1",
                "tab",
                "indent with spaces",
            ]),
        },
        Case {
            name: "fm-duplicate-key",
            setup: nothing,
            expect: Expect::Fails(&["content/dubbel.md:4:1", "duplicate", "titel"]),
        },
        Case {
            name: "fm-date-31-february",
            setup: nothing,
            expect: Expect::Fails(&[
                "content/datum.md:4:8",
                "`datum` is not a date: `31-02-2024`",
                "year-month-day",
            ]),
        },
        Case {
            name: "fm-date-a-word",
            setup: nothing,
            expect: Expect::Fails(&[
                "content/gisteren.md:4:8",
                "`datum` is not a date: `gisteren`",
                "year-month-day",
            ]),
        },
        Case {
            name: "fm-list-for-title",
            setup: nothing,
            expect: Expect::Fails(&[
                "content/lijst.md:2:1",
                "`titel` must be a piece of text, not a list",
            ]),
        },
        Case {
            name: "fm-text-for-list",
            setup: nothing,
            expect: Expect::Builds {
                page: "thema.html",
                shows: &["Preventie", "po"],
            },
        },
        Case {
            name: "fm-mapping-for-text",
            setup: nothing,
            expect: Expect::Fails(&[
                "content/regio.md:4:1",
                "`regio` must be a piece of text, not a group of fields",
            ]),
        },
        Case {
            name: "fm-number-for-title",
            setup: nothing,
            expect: Expect::Builds {
                page: "over.html",
                shows: &["2024</h1>"],
            },
        },
        Case {
            name: "fm-unknown-key",
            setup: nothing,
            expect: Expect::Fails(&["content/onbekend.md:4:1", "unknown field `auteur`"]),
        },
        Case {
            name: "fm-not-closed",
            setup: nothing,
            expect: Expect::Fails(&["content/open.md:1:1", "not closed", "---"]),
        },
        Case {
            name: "fm-empty-file",
            setup: nothing,
            expect: Expect::Fails(&["content/leeg.md:1:1", "the file is empty"]),
        },
        Case {
            name: "fm-only-front-matter",
            setup: nothing,
            expect: Expect::Builds {
                page: "alleen-kop.html",
                shows: &["Alleen een kop</h1>"],
            },
        },
        Case {
            name: "fm-no-front-matter",
            setup: nothing,
            expect: Expect::Fails(&["content/geen-kop.md:1:1", "no front matter", "titel:"]),
        },
        Case {
            name: "fm-empty-front-matter",
            setup: nothing,
            expect: Expect::Fails(&["content/lege-kop.md", "titel"]),
        },
        Case {
            name: "fm-title-empty",
            setup: nothing,
            expect: Expect::Fails(&["content/lege-titel.md:2:", "titel"]),
        },
        Case {
            name: "fm-front-matter-is-a-list",
            setup: nothing,
            expect: Expect::Fails(&["content/lijst-kop.md:2:1", "key: value"]),
        },
        Case {
            name: "fm-dashes-in-body",
            setup: nothing,
            expect: Expect::Builds {
                page: "streep.html",
                shows: &["Boven de streep.", "<hr", "Onder de streep.", "Nog meer."],
            },
        },
        Case {
            name: "fm-colon-in-value",
            setup: nothing,
            expect: Expect::Fails(&["content/dubbele-punt.md:2:", "quotes"]),
        },
        Case {
            name: "fm-apostrophe-in-value",
            setup: nothing,
            expect: Expect::Fails(&["content/apostrof.md:2:1", "apostrophe", "double quotes"]),
        },
        Case {
            name: "fm-billion-laughs",
            setup: nothing,
            expect: Expect::Fails(&[
                "content/bom.md:2:1",
                "repetition limit exceeded",
                "write the values out",
            ]),
        },
        Case {
            name: "fm-deeply-nested-lists",
            setup: |s| {
                write(
                    s,
                    "content/diep.md",
                    &format!(
                        "---\ntitel: Diep\nthema: {}{}\n---\n",
                        "[".repeat(100_000),
                        "]".repeat(100_000)
                    ),
                )
            },
            expect: Expect::Fails(&["content/diep.md:3:108", "nested more than 100 levels deep"]),
        },
        Case {
            name: "fm-deeply-nested-mappings",
            setup: |s| {
                let mut yaml = String::from("---\ntitel: Diep\n");
                for depth in 0..2_000 {
                    yaml.push_str(&format!("{}k{depth}:\n", " ".repeat(depth)));
                }
                yaml.push_str("---\n");
                write(s, "content/diep.md", &yaml)
            },
            expect: Expect::Fails(&[
                "content/diep.md:131:129",
                "recursion limit exceeded",
                "nested too deeply",
            ]),
        },
        Case {
            name: "fm-latin-1-file",
            setup: |s| {
                write_bytes(
                    s,
                    "content/latijn.md",
                    b"---\ntitel: Co\xF6rdinatie\n---\nZo\xEB.\n",
                )
            },
            expect: Expect::Fails(&["content/latijn.md:2:10", "not UTF-8", "UTF-8"]),
        },
        Case {
            name: "fm-nul-byte-in-front-matter",
            setup: |s| write_bytes(s, "content/nul.md", b"---\ntitel: Nul\0byte\n---\nTekst.\n"),
            expect: Expect::Fails(&[
                "content/nul.md:2:1",
                "control characters are not allowed",
                "retype the line",
            ]),
        },
        Case {
            name: "fm-nul-byte-in-body",
            setup: |s| {
                write_bytes(
                    s,
                    "content/nul.md",
                    b"---\ntitel: Nul in de tekst\n---\nVoor\0na.\n",
                )
            },
            expect: Expect::Builds {
                page: "nul.html",
                shows: &["<p>Voor\u{FFFD}na.</p>"],
            },
        },
        Case {
            name: "fm-url-javascript",
            setup: nothing,
            expect: Expect::Fails(&[
                "content/bron.md:6:9",
                "`url` must be a web address",
                "https://",
            ]),
        },
        Case {
            name: "fm-website-javascript",
            setup: nothing,
            expect: Expect::Fails(&[
                "content/contacten/team.md:6:",
                "`website` must be a web address",
                "https://",
            ]),
        },
        Case {
            name: "fm-email-breaks-out",
            setup: nothing,
            expect: Expect::Builds {
                page: "contacten/email.html",
                shows: &["Piet"],
            },
        },
        Case {
            name: "fm-title-script",
            setup: nothing,
            expect: Expect::Builds {
                page: "script.html",
                shows: &[
                    "Veilig in de titel",
                    "Veilige samenvatting",
                    "Utrecht",
                    "&lt;script&gt;",
                ],
            },
        },
        Case {
            name: "fm-utf16-file",
            setup: |s| {
                let mut bytes = vec![0xFF, 0xFE];
                bytes.extend(
                    "---\ntitel: Kladblok\n---\nTekst.\n"
                        .encode_utf16()
                        .flat_map(u16::to_le_bytes),
                );
                write_bytes(s, "content/kladblok.md", &bytes)
            },
            expect: Expect::Fails(&["content/kladblok.md:1:1", "not UTF-8", "UTF-8"]),
        },
        Case {
            name: "fm-visibility-unknown",
            setup: nothing,
            expect: Expect::Fails(&["content/geheim.md:3:", "zichtbaarheid"]),
        },
        Case {
            name: "fm-education-type-unknown",
            setup: nothing,
            expect: Expect::Fails(&["content/hbo.md:3:", "hbo"]),
        },
        Case {
            name: "fm-huge-number",
            setup: nothing,
            expect: Expect::Fails(&["content/getal.md:3:11", "volgorde", "too large"]),
        },
        Case {
            name: "fm-yaml-tags-and-merge-keys",
            setup: nothing,
            expect: Expect::Fails(&["content/tags.md:", "basis"]),
        },
        Case {
            name: "fm-empty-list-values",
            setup: nothing,
            expect: Expect::Builds {
                page: "leeg-lijst.html",
                shows: &["Lege velden</h1>"],
            },
        },
        Case {
            name: "fm-very-long-title",
            setup: |s| {
                write(
                    s,
                    "content/lang.md",
                    &format!(
                        "---\ntitel: {}Einde\n---\nTekst.\n",
                        "Heel lang ".repeat(100_000)
                    ),
                )
            },
            expect: Expect::Builds {
                page: "lang.html",
                shows: &["Heel lang Einde</h1>"],
            },
        },
    ]
}

fn markdown() -> Vec<Case> {
    vec![
        Case {
            name: "md-unclosed-code-fence",
            setup: nothing,
            expect: Expect::Builds {
                page: "code.html",
                shows: &["Voor het blok.", "nooit gesloten", "Kop in het blok"],
            },
        },
        Case {
            name: "md-link-cycle",
            setup: nothing,
            expect: Expect::Builds {
                page: "b.html",
                shows: &["href=\"a.html\"", "href=\"b.html\"", "href=\"#boven\""],
            },
        },
        Case {
            name: "md-leerroute-loop",
            setup: nothing,
            expect: Expect::Fails(&[
                "content/leerroutes/rond.md:6:",
                "`leerroutes/rond` in `stappen` is this page itself",
                "content/leerroutes/rond.md:7:",
                "`praktijkvoorbeelden/basis` is listed twice in `stappen`",
            ]),
        },
        Case {
            name: "md-leerroute-missing-step",
            setup: nothing,
            expect: Expect::Fails(&["content/leerroutes/gat.md:5:", "praktijkvoorbeelden/weg"]),
        },
        Case {
            name: "md-link-to-missing-page",
            setup: nothing,
            expect: Expect::Fails(&["content/kapot.md:4:5", "bestaat-niet.md"]),
        },
        Case {
            name: "md-link-to-missing-anchor",
            setup: nothing,
            expect: Expect::Fails(&["content/anker.md:4:", "bestaat-niet"]),
        },
        Case {
            name: "md-javascript-link",
            setup: nothing,
            expect: Expect::Fails(&[
                "content/urls.md:4:1",
                "content/urls.md:4:41",
                "content/urls.md:6:1",
                "content/urls.md:8:1",
                "content/urls.md:10:1",
                "`javascript:` scheme is not allowed",
            ]),
        },
        Case {
            name: "md-data-link",
            setup: nothing,
            expect: Expect::Fails(&[
                "content/data.md:4:1",
                "content/data.md:6:1",
                "`data:` scheme is not allowed",
            ]),
        },
        Case {
            name: "md-image-missing",
            setup: nothing,
            expect: Expect::Fails(&["content/plaatje.md:4:", "schema.png"]),
        },
        Case {
            name: "md-image-outside-the-site",
            setup: nothing,
            expect: Expect::Fails(&["content/buiten.md:4:", "geheim.png"]),
        },
        Case {
            name: "md-image-is-a-folder",
            setup: |s| {
                std::fs::create_dir_all(s.join("content/schema.png")).unwrap();
                write(
                    s,
                    "content/plaatje.md",
                    "---\ntitel: Plaatje is een map\n---\n![Schema](schema.png)\n",
                );
            },
            expect: Expect::Fails(&["content/plaatje.md:4:", "schema.png"]),
        },
        Case {
            name: "md-heading-hostile",
            setup: nothing,
            expect: Expect::Builds {
                page: "kop.html",
                shows: &["Veilige kop"],
            },
        },
        Case {
            name: "md-50-mb-page",
            setup: |s| write(s, "content/groot.md", &big_page(50_000_000)),
            expect: Expect::Fails(&[
                "content/groot.md",
                "is 47.7 MB; a page may be at most 10 MB",
                "split it",
            ]),
        },
        Case {
            name: "md-9-mb-page",
            setup: |s| write(s, "content/groot.md", &big_page(9_000_000)),
            expect: Expect::Builds {
                page: "groot.html",
                shows: &["Heel groot</h1>", "id=\"een-kop-2000\""],
            },
        },
        Case {
            name: "md-10000-nested-blockquotes",
            setup: |s| {
                write(
                    s,
                    "content/citaat.md",
                    &format!("{HEAD}{} Diep citaat\n", ">".repeat(10_000)),
                )
            },
            expect: Expect::Builds {
                page: "citaat.html",
                shows: &["Diep citaat"],
            },
        },
        Case {
            name: "md-10000-nested-lists",
            setup: |s| {
                write(
                    s,
                    "content/lijst.md",
                    &format!("{HEAD}{}Diepe lijst\n", "- ".repeat(10_000)),
                )
            },
            expect: Expect::Builds {
                page: "lijst.html",
                shows: &["Diepe lijst"],
            },
        },
        Case {
            name: "md-100000-emphasis-markers",
            setup: |s| {
                write(
                    s,
                    "content/sterren.md",
                    &format!(
                        "{HEAD}{}Sterren{}\n\n{}\n",
                        "*".repeat(50_000),
                        "*".repeat(50_000),
                        "[".repeat(100_000)
                    ),
                )
            },
            expect: Expect::Builds {
                page: "sterren.html",
                shows: &["Sterren"],
            },
        },
        Case {
            name: "md-200-folders-deep",
            setup: |s| {
                let folders = "map/".repeat(200);
                write(
                    s,
                    &format!("content/{folders}diep.md"),
                    "---\ntitel: Diep verstopt\n---\nGevonden.\n",
                );
            },
            expect: Expect::Builds {
                page: "**/diep.html",
                shows: &["Gevonden."],
            },
        },
        Case {
            name: "md-footnotes-and-tables",
            setup: nothing,
            expect: Expect::Fails(&["content/voetnoot.md:10:", "javascript:"]),
        },
        Case {
            name: "md-leerroute-cycle-between-routes",
            setup: nothing,
            expect: Expect::Builds {
                page: "leerroutes/een.html",
                shows: &["href=\"../leerroutes/twee.html\"", "Route twee"],
            },
        },
        Case {
            name: "md-5-mb-line-without-spaces",
            setup: |s| {
                write(
                    s,
                    "content/regel.md",
                    &format!("{HEAD}{}\n", "jeugdverpleegkundige".repeat(250_000)),
                )
            },
            expect: Expect::Builds {
                page: "regel.html",
                shows: &["jeugdverpleegkundigejeugdverpleegkundige"],
            },
        },
        Case {
            name: "md-10000-nested-html-elements",
            setup: |s| {
                write(
                    s,
                    "content/divs.md",
                    &format!(
                        "{HEAD}<div>{}Diep in HTML{}\n",
                        "<div><span>".repeat(10_000),
                        "</span></div>".repeat(10_000)
                    ),
                )
            },
            expect: Expect::Builds {
                page: "divs.html",
                shows: &["Diep in HTML"],
            },
        },
        Case {
            name: "md-table-with-10000-columns",
            setup: |s| {
                write(
                    s,
                    "content/tabel.md",
                    &format!(
                        "{HEAD}{}\n{}\n{}\n",
                        "| kolom ".repeat(10_000) + "|",
                        "|---".repeat(10_000) + "|",
                        "| cel ".repeat(10_000) + "|"
                    ),
                )
            },
            expect: Expect::Builds {
                page: "tabel.html",
                shows: &["<th>kolom</th>", "<td>cel</td>"],
            },
        },
    ]
}

fn file_names() -> Vec<Case> {
    vec![
        Case {
            name: "name-with-spaces",
            setup: |s| {
                write(
                    s,
                    "content/Mijn eerste voorbeeld.md",
                    "---\ntitel: Spaties\nsamenvatting: Met spaties.\n---\nTekst.\n",
                )
            },
            expect: Expect::Builds {
                page: "mijn-eerste-voorbeeld.html",
                shows: &["Spaties</h1>"],
            },
        },
        Case {
            name: "name-with-diacritics",
            setup: |s| {
                write(
                    s,
                    "content/’s-Hertogenbosch.md",
                    "---\ntitel: Den Bosch\n---\nTekst.\n",
                );
                write(
                    s,
                    "content/Coördinatie.md",
                    "---\ntitel: Coördinatie\n---\nZie [Den Bosch](’s-Hertogenbosch.md).\n",
                );
            },
            expect: Expect::Builds {
                page: "coordinatie.html",
                shows: &["Coördinatie</h1>", "href=\"s-hertogenbosch.html\""],
            },
        },
        Case {
            name: "name-nfc-and-nfd",
            setup: |s| {
                write(s, "content/zo\u{eb}.md", "---\ntitel: NFC\n---\nTekst.\n");
                write(s, "content/zoe\u{308}.md", "---\ntitel: NFD\n---\nTekst.\n");
            },
            expect: Expect::Fails(&[
                "content/zo",
                "would both be published as zoe.html",
                "rename one",
            ]),
        },
        Case {
            name: "name-same-url",
            setup: |s| {
                write(s, "content/de_aanpak.md", "---\ntitel: Een\n---\nTekst.\n");
                write(s, "content/de aanpak.md", "---\ntitel: Twee\n---\nTekst.\n");
            },
            expect: Expect::Fails(&[
                "content/de_aanpak.md",
                "content/de aanpak.md",
                "would both be published as de-aanpak.html",
            ]),
        },
        Case {
            name: "name-case-clash",
            setup: |s| {
                write(s, "content/Utrecht.md", "---\ntitel: Groot\n---\nTekst.\n");
                write(s, "content/utrecht.md", "---\ntitel: Klein\n---\nTekst.\n");
            },
            expect: Expect::Fails(&["would both be published as utrecht.html"]),
        },
        Case {
            name: "name-hostile",
            setup: |s| {
                write(
                    s,
                    "content/\"><img src=x onerror=alert(1)>.md",
                    "---\ntitel: Rare naam\n---\nTekst.\n",
                )
            },
            expect: Expect::Builds {
                page: "img-src-x-onerror-alert-1.html",
                shows: &["Rare naam</h1>"],
            },
        },
        Case {
            name: "name-without-letters",
            setup: |s| write(s, "content/---.md", "---\ntitel: Streepjes\n---\nTekst.\n"),
            expect: Expect::Fails(&["content/---.md", "no letters or digits"]),
        },
        Case {
            name: "name-hidden-and-backup-files",
            setup: |s| {
                write(s, "content/.DS_Store", "\0\0\0");
                write(s, "content/.basis.md.swp", "\0\0\0");
                write(s, "content/~$kladje.md", "kapot");
                write(s, "content/.verborgen/pagina.md", "kapot");
            },
            expect: Expect::Fails(&["content/~$kladje.md", "no front matter"]),
        },
        Case {
            name: "name-index-beside-intro",
            setup: nothing,
            expect: Expect::Fails(&[
                "content/index.md",
                "content/_index.md",
                "would both be published as index.html",
            ]),
        },
        Case {
            name: "name-page-beside-html-file",
            setup: nothing,
            expect: Expect::Fails(&[
                "content/over.html",
                "over.html would be published twice",
                "rename the file",
            ]),
        },
        Case {
            name: "name-file-named-like-theme-output",
            setup: nothing,
            expect: Expect::Fails(&[
                "zoeken.html would be published twice",
                "content/zoeken.html",
                "static/style.css would be published twice",
                "content/static/style.css",
            ]),
        },
        Case {
            name: "name-markdown-with-capital-extension",
            setup: nothing,
            expect: Expect::Fails(&["content/Lees mij.MD ends in .MD", "must end in .md"]),
        },
        Case {
            name: "name-only-an-emoji",
            setup: |s| write(s, "content/\u{1F600}.md", "---\ntitel: Lach\n---\nTekst.\n"),
            expect: Expect::Builds {
                page: "grinning.html",
                shows: &["Lach</h1>"],
            },
        },
        Case {
            name: "name-with-invisible-characters",
            setup: |s| {
                write(
                    s,
                    "content/rich\u{202E}txt.md",
                    "---\ntitel: Omgekeerd\n---\nTekst.\n",
                )
            },
            expect: Expect::Builds {
                page: "richtxt.html",
                shows: &["Omgekeerd</h1>"],
            },
        },
    ]
}

fn file_system() -> Vec<Case> {
    vec![
        Case {
            name: "fs-symlink-to-a-file-outside",
            setup: |s| symlink(s, "../../buiten/geheim.md", "content/geheim.md"),
            expect: Expect::Fails(&["content/geheim.md", "symbolic link", "outside content/"]),
        },
        Case {
            name: "fs-symlink-to-a-folder-outside",
            setup: |s| symlink(s, "../../buiten", "content/buiten"),
            expect: Expect::Fails(&["content/buiten", "symbolic link"]),
        },
        Case {
            name: "fs-symlink-to-a-file-inside",
            setup: |s| symlink(s, "basis.md", "content/praktijkvoorbeelden/kopie.md"),
            expect: Expect::Builds {
                page: "praktijkvoorbeelden/kopie.html",
                shows: &["Het vo-team in Utrecht"],
            },
        },
        Case {
            name: "fs-symlink-loop",
            setup: |s| symlink(s, "..", "content/praktijkvoorbeelden/lus"),
            expect: Expect::Fails(&["content/praktijkvoorbeelden/lus", "symbolic link"]),
        },
        Case {
            name: "fs-dangling-symlink",
            setup: |s| symlink(s, "bestaat-niet.md", "content/weg.md"),
            expect: Expect::Fails(&["content/weg.md", "bestaat-niet.md"]),
        },
        Case {
            name: "fs-folder-named-like-a-page",
            setup: |s| std::fs::create_dir_all(s.join("content/map.md")).unwrap(),
            expect: Expect::Builds {
                page: "index.html",
                shows: &["Welkom"],
            },
        },
        Case {
            name: "fs-fifo-named-like-a-page",
            setup: |s| mkfifo(&s.join("content/wacht.md")),
            expect: Expect::Fails(&["content/wacht.md", "not a regular file"]),
        },
        Case {
            name: "fs-image-symlink-outside",
            setup: |s| {
                symlink(s, "../../buiten/geheim.png", "content/schema.png");
                write(
                    s,
                    "content/plaatje.md",
                    "---\ntitel: Plaatje\n---\n![Schema](schema.png)\n",
                );
            },
            expect: Expect::Fails(&["content/schema.png", "symbolic link"]),
        },
        Case {
            name: "fs-theme-file-symlink-outside",
            setup: |s| {
                std::fs::remove_file(s.join("themes/default/templates/base.html")).unwrap();
                symlink(
                    s,
                    "../../../../buiten/templates/base.html",
                    "themes/default/templates/base.html",
                );
                symlink(
                    s,
                    "../../../../buiten/geheim.md",
                    "themes/default/static/geheim.txt",
                );
                write(
                    s,
                    "../buiten/nl.yaml",
                    &format!("zoeken_knop: {}\n", harness::OUTSIDE_SECRET),
                );
                std::fs::remove_file(s.join("themes/default/nl.yaml")).unwrap();
                symlink(s, "../../../buiten/nl.yaml", "themes/default/nl.yaml");
            },
            expect: Expect::Builds {
                page: "index.html",
                shows: &["Welkom"],
            },
        },
        Case {
            name: "fs-no-content-folder",
            setup: |s| std::fs::remove_dir_all(s.join("content")).unwrap(),
            expect: Expect::Fails(&["no content folder", "kennisbank init"]),
        },
    ]
}

fn raw_html() -> Vec<Case> {
    vec![
        Case {
            name: "html-script",
            setup: nothing,
            expect: Expect::Builds {
                page: "script.html",
                shows: &["Voor het script.", "Na het script"],
            },
        },
        Case {
            name: "html-event-handlers",
            setup: nothing,
            expect: Expect::Builds {
                page: "events.html",
                shows: &["Klik-tekst", "Link-tekst", "Div-tekst", "alt=\"Plaatje\""],
            },
        },
        Case {
            name: "html-javascript-urls",
            setup: nothing,
            expect: Expect::Builds {
                page: "urls.html",
                shows: &[
                    "HTML-link",
                    "Entiteit-link",
                    "Hex-link",
                    "Tab-link",
                    "Spatie-link",
                    "VB-link",
                    "alt=\"HTML-plaatje\"",
                ],
            },
        },
        Case {
            name: "html-control-characters-in-url",
            setup: nothing,
            expect: Expect::Builds {
                page: "stuur.html",
                shows: &["Controle-link", "Nieuwe-regel-link"],
            },
        },
        Case {
            name: "html-data-urls",
            setup: nothing,
            expect: Expect::Builds {
                page: "data.html",
                shows: &["HTML-data-link", "alt=\"Data-plaatje\""],
            },
        },
        Case {
            name: "html-svg",
            setup: nothing,
            expect: Expect::Builds {
                page: "svg.html",
                shows: &["SVG-tekst blijft."],
            },
        },
        Case {
            name: "html-embedding",
            setup: nothing,
            expect: Expect::Builds {
                page: "insluiten.html",
                shows: &["Ingesloten-tekst blijft."],
            },
        },
        Case {
            name: "html-style",
            setup: nothing,
            expect: Expect::Builds {
                page: "stijl.html",
                shows: &["Stijl-tekst", "Achtergrond-tekst"],
            },
        },
        Case {
            name: "html-meta-base-form",
            setup: nothing,
            expect: Expect::Builds {
                page: "meta.html",
                shows: &["Formulier-tekst blijft."],
            },
        },
        Case {
            name: "html-comment-and-cdata",
            setup: nothing,
            expect: Expect::Builds {
                page: "commentaar.html",
                shows: &["Commentaar-tekst blijft."],
            },
        },
        Case {
            name: "glossary-term-hostile",
            setup: nothing,
            expect: Expect::Builds {
                page: "gebruik.html",
                shows: &["Hier werkt een", "Begeleidt leerlingen.", "&gt;"],
            },
        },
        Case {
            name: "glossary-term-matches-markup-words",
            setup: nothing,
            expect: Expect::Builds {
                page: "tekst.html",
                shows: &[
                    "href=\"praktijkvoorbeelden/basis.html\"",
                    "<strong>klasse</strong>",
                ],
            },
        },
        Case {
            name: "config-hostile-title",
            setup: nothing,
            expect: Expect::Builds {
                page: "index.html",
                shows: &["Kennisbank", "Voor de tests", "Uitgever"],
            },
        },
    ]
}

fn themes() -> Vec<Case> {
    vec![
        Case {
            name: "theme-include-self",
            setup: nothing,
            expect: Expect::Fails(&[
                "themes/default/templates/_slot.html:1:21",
                "the template _slot.html includes or extends itself",
            ]),
        },
        Case {
            name: "theme-include-cycle",
            setup: nothing,
            expect: Expect::Fails(&[
                "themes/default/templates/_ring.html:1:18",
                "the templates _ring.html → _slot.html include or extend each other in a circle",
            ]),
        },
        Case {
            name: "theme-recursive-macro",
            setup: nothing,
            expect: Expect::Fails(&[
                "templates/eindeloos.html:1:4",
                "the macro `eindeloos` calls itself",
                "recursive",
            ]),
        },
        Case {
            name: "theme-macro-cycle",
            setup: nothing,
            expect: Expect::Fails(&[
                "templates/heen-en-terug.html:1:4",
                "the macros heen → terug call each other in a circle",
            ]),
        },
        Case {
            name: "theme-huge-range",
            setup: nothing,
            expect: Expect::Fails(&[
                "templates/_slot.html:1:",
                "`range` would count 100000000000 numbers",
            ]),
        },
        Case {
            name: "theme-nested-ranges",
            setup: nothing,
            expect: Expect::Fails(&[
                "templates/_slot.html:1:",
                "at most 10000 at once and 100000 in all",
            ]),
        },
        Case {
            name: "theme-syntax-error",
            setup: nothing,
            expect: Expect::Fails(&[
                "themes/default/templates/_slot.html:4:1",
                "the template is not valid",
            ]),
        },
        Case {
            name: "theme-missing-template",
            setup: nothing,
            expect: Expect::Fails(&["pagina.html", "bestaat-niet.html"]),
        },
        Case {
            name: "theme-missing-include",
            setup: nothing,
            expect: Expect::Fails(&[
                "themes/default/templates/_slot.html:1:13",
                "includes `weg.html`, which does not exist",
            ]),
        },
        Case {
            name: "theme-extends-itself",
            setup: nothing,
            expect: Expect::Fails(&[
                "themes/default/templates/pagina.html:1:13",
                "the template pagina.html includes or extends itself",
            ]),
        },
        Case {
            name: "theme-unknown-variable",
            setup: nothing,
            expect: Expect::Fails(&["themes/default/templates/_slot.html:1:", "pagina"]),
        },
        Case {
            name: "theme-nl-yaml-invalid",
            setup: nothing,
            expect: Expect::Fails(&["themes/default/nl.yaml:3:1", "translations are not valid"]),
        },
        Case {
            name: "theme-nl-yaml-wrong-type",
            setup: nothing,
            expect: Expect::Fails(&["themes/default/nl.yaml:1:", "zoeken_knop"]),
        },
        Case {
            name: "theme-template-not-utf8",
            setup: |s| {
                write_bytes(
                    s,
                    "themes/default/templates/_slot.html",
                    b"<footer>\xE9t\xE9</footer>",
                )
            },
            expect: Expect::Fails(&["themes/default/templates/_slot.html", "not UTF-8"]),
        },
        Case {
            name: "theme-does-not-exist",
            setup: |s| append(s, "kennisbank.yaml", "vormgeving: huisstijl\n"),
            expect: Expect::Fails(&["kennisbank.yaml", "huisstijl", "vormgeving"]),
        },
        Case {
            name: "theme-outside-the-site",
            setup: |s| append(s, "kennisbank.yaml", "vormgeving: ../../buiten\n"),
            expect: Expect::Fails(&["kennisbank.yaml:", "vormgeving"]),
        },
    ]
}

fn configuration() -> Vec<Case> {
    vec![
        Case {
            name: "config-missing",
            setup: |s| std::fs::remove_file(s.join("kennisbank.yaml")).unwrap(),
            expect: Expect::Fails(&["kennisbank.yaml", "kennisbank init"]),
        },
        Case {
            name: "config-empty",
            setup: |s| write(s, "kennisbank.yaml", ""),
            expect: Expect::Fails(&["kennisbank.yaml", "titel"]),
        },
        Case {
            name: "config-invalid-yaml",
            setup: nothing,
            expect: Expect::Fails(&["kennisbank.yaml:", "kennisbank.yaml is not valid"]),
        },
        Case {
            name: "config-unknown-key",
            setup: nothing,
            expect: Expect::Fails(&["kennisbank.yaml:3:1", "uitvoor", "uitvoer"]),
        },
        Case {
            name: "config-wrong-type",
            setup: nothing,
            expect: Expect::Fails(&["kennisbank.yaml:1:8", "titel"]),
        },
        Case {
            name: "config-output-is-the-parent",
            setup: |s| append(s, "kennisbank.yaml", "uitvoer: ..\n"),
            expect: Expect::Fails(&["kennisbank.yaml:", "uitvoer", "inside the site"]),
        },
        Case {
            name: "config-output-is-the-root",
            setup: |s| append(s, "kennisbank.yaml", "uitvoer: /\n"),
            expect: Expect::Fails(&["kennisbank.yaml:", "uitvoer", "inside the site"]),
        },
        Case {
            name: "config-output-is-the-site",
            setup: |s| append(s, "kennisbank.yaml", "uitvoer: .\n"),
            expect: Expect::Fails(&["kennisbank.yaml:", "uitvoer"]),
        },
        Case {
            name: "config-output-is-the-content",
            setup: |s| append(s, "kennisbank.yaml", "uitvoer: content\n"),
            expect: Expect::Fails(&["kennisbank.yaml:", "uitvoer", "content"]),
        },
        Case {
            name: "config-output-is-the-theme",
            setup: |s| append(s, "kennisbank.yaml", "uitvoer: themes/default\n"),
            expect: Expect::Fails(&["kennisbank.yaml:", "uitvoer"]),
        },
        Case {
            name: "config-output-outside-the-site",
            setup: |s| append(s, "kennisbank.yaml", "uitvoer: ../buiten/publiek\n"),
            expect: Expect::Fails(&["kennisbank.yaml:", "uitvoer", "inside the site"]),
        },
        Case {
            name: "config-output-is-a-symlink",
            setup: |s| {
                append(s, "kennisbank.yaml", "uitvoer: uit\n");
                symlink(s, "../buiten", "uit");
            },
            expect: Expect::Fails(&["uit", "symbolic link"]),
        },
        Case {
            name: "config-output-is-an-empty-symlinked-folder",
            setup: |s| {
                append(s, "kennisbank.yaml", "uitvoer: uit\n");
                std::fs::create_dir_all(s.join("../leeg")).unwrap();
                symlink(s, "../leeg", "uit");
            },
            expect: Expect::Fails(&["uit", "symbolic link"]),
        },
        Case {
            name: "config-index-outside-the-site",
            setup: |s| append(s, "kennisbank.yaml", "zoekindex: ../buiten\n"),
            expect: Expect::Fails(&["kennisbank.yaml:", "zoekindex", "inside the site"]),
        },
        Case {
            name: "config-index-is-the-content",
            setup: |s| append(s, "kennisbank.yaml", "zoekindex: content\n"),
            expect: Expect::Fails(&["kennisbank.yaml:", "zoekindex"]),
        },
        Case {
            name: "config-index-is-a-symlink",
            setup: |s| {
                std::fs::remove_dir_all(s.join("search-index")).unwrap();
                symlink(s, "../buiten", "search-index");
            },
            expect: Expect::Fails(&["search-index", "zoekindex", "outside the site"]),
        },
        Case {
            name: "config-no-items-per-page",
            setup: |s| append(s, "kennisbank.yaml", "per_pagina: 0\n"),
            expect: Expect::Fails(&["kennisbank.yaml:", "per_pagina"]),
        },
        Case {
            name: "config-theme-listed-twice",
            setup: |s| {
                write(
                    s,
                    "kennisbank.yaml",
                    &common::CONFIG.replace("  - Ouders\n", "  - preventie\n"),
                )
            },
            expect: Expect::Fails(&["kennisbank.yaml:", "listed twice"]),
        },
    ]
}

/// A page of about this many bytes, in sections under equal headings.
fn big_page(bytes: usize) -> String {
    let paragraph =
        "De SMW'er voert een gesprek met de ouders en de intern begeleider over het verzuim. \
                     **Vet** en [een link](https://example.nl).\n\n";
    let mut text = String::from("---\ntitel: Heel groot\n---\n");
    while text.len() < bytes {
        text.push_str("## Een kop\n\n");
        for _ in 0..20 {
            text.push_str(paragraph);
        }
    }
    text
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}
