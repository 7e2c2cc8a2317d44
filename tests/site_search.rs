//! The site's own search (`zoek/`, run by the shipped `zoek.js` in Node through `tests/client_search.mjs`):
//! its analysis matches the Rust analyzer word for word, it ranks like `kennisbank search`, the bundled
//! content's searches find what a reader wants, and a public build's search files hold nothing internal.
//!
//! Needs Node.js and Debian's Dutch word list (`wdutch`, /usr/share/dict/dutch); `tests/run` installs both.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{repo, snapshot, Fixture};
use kennisbank::search::analyzer::Analyzer;
use kennisbank::search::score;
use serde_json::{json, Value};

/// The bundled content built into a temporary folder: (folder, site output, search index folder).
fn bundled() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let index = dir.path().join("index");
    let status = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .arg("--site")
        .arg(repo())
        .args(["build", "--out"])
        .arg(&out)
        .arg("--search-index")
        .arg(&index)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    (dir, out, index)
}

/// Runs `tests/client_search.mjs <site> <mode>` with `input` as JSON on stdin.
fn node(site: &Path, mode: &str, input: &Value) -> Value {
    let mut child = Command::new("node")
        .arg(repo().join("tests/client_search.mjs"))
        .arg(site)
        .arg(mode)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node is needed for this test (tests/run installs it)");
    let stdin = child.stdin.take().unwrap();
    let text = input.to_string();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let mut stdin = stdin;
        stdin.write_all(text.as_bytes()).unwrap();
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(
        output.status.success(),
        "client_search.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// `kennisbank search --json` on the bundled build.
fn cli(index: &Path, query: &str, extra: &[&str]) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .arg("--site")
        .arg(repo())
        .args(["search", "--json", "--search-index"])
        .arg(index)
        .arg(query)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "search {query:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn rust_analysis(text: &str) -> Value {
    let tokens = Analyzer::new().analyze(text, None);
    Value::Array(
        score::words(&tokens)
            .into_iter()
            .map(|w| json!({ "whole": w.whole, "parts": w.parts }))
            .collect(),
    )
}

#[test]
fn the_browser_analyses_every_dutch_word_as_the_index_does() {
    let list = Path::new("/usr/share/dict/dutch");
    let words = std::fs::read_to_string(list).unwrap_or_else(|e| {
        panic!(
            "{} is needed ({e}): install Debian's wdutch (tests/run does)",
            list.display()
        )
    });
    let mut texts: Vec<String> = words.lines().map(str::to_string).collect();
    assert!(texts.len() > 400_000, "the word list is incomplete");
    // Every word the bundled content uses, as written.
    for entry in walkdir::WalkDir::new(repo().join("content"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            texts.extend(text.split_whitespace().map(str::to_string));
        }
    }
    // Letters with diacritics, ligatures, full-width and other compatibility forms, between plain letters.
    let ranges = [
        0xa0..0x250,
        0x1e00..0x1f00,
        0x2070..0x20a0,
        0x2150..0x2190,
        0xfb00..0xfb07,
        0xff10..0xff5b,
    ];
    for range in ranges {
        for code in range {
            if let Some(c) = char::from_u32(code) {
                texts.push(format!("ka{c}mer k{c}"));
            }
        }
    }
    texts.extend(
        [
            "vo-team",
            "SMW-XTRA",
            "IB'er",
            "IB’er",
            "’s-Hertogenbosch",
            "'t Gooi",
            "16-plussers",
            "geïntegreerde",
            "gezin-",
            "-gezin",
            "e\u{301}e\u{301}n",
            "de het en",
            "a--b",
            "x'y'z",
        ]
        .map(str::to_string),
    );
    let (_dir, out, _) = bundled();
    let browser = node(&out, "--analyse", &json!(texts));
    let browser = browser.as_array().unwrap();
    assert_eq!(browser.len(), texts.len());
    let mismatches: Vec<String> = texts
        .iter()
        .zip(browser)
        .filter_map(|(text, js)| {
            let rust = rust_analysis(text);
            (&rust != js).then(|| format!("{text:?}: rust {rust} browser {js}"))
        })
        .collect();
    assert!(
        mismatches.is_empty(),
        "{} of {} texts analysed differently, e.g.:\n{}",
        mismatches.len(),
        texts.len(),
        mismatches[..mismatches.len().min(20)].join("\n")
    );
}

/// Queries a reader types, with filters: the client must answer each exactly as the command line does.
const PARITY: &[(&str, &[&str])] = &[
    ("verzuim", &[]),
    ("ouders", &[]),
    ("gesprekken met ouders", &[]),
    ("centrum voor jeugd en gezin", &[]),
    ("cjg", &[]),
    ("jvk", &[]),
    ("jeugdverpleegkundige", &[]),
    ("verpleegkundige", &[]),
    ("ib'er", &[]),
    ("IB’er", &[]),
    ("intern begeleider", &[]),
    ("vo-team", &[]),
    ("vo team", &[]),
    ("voteam", &[]),
    ("’s-Hertogenbosch", &[]),
    ("s hertogenbosch", &[]),
    ("16-plussers", &[]),
    ("schoolmaatschapelijk", &[]),
    ("schoolmaatschappelijk werk", &[]),
    ("begeleiding", &[]),
    ("leerlingbegeleiding", &[]),
    ("beleid", &[]),
    ("gezin", &[]),
    ("gemeente", &[]),
    ("geïntegreerde aanpak", &[]),
    ("privacy toestemming", &[]),
    ("thuiszitters", &[]),
    ("brugfunctionaris", &[]),
    ("preventie groepstraining", &[]),
    ("samenwerking wijkteam", &[]),
    ("zorgadviesteam", &[]),
    ("meldcode huiselijk geweld", &[]),
    ("verwijsindex", &[]),
    ("passend onderwijs", &[]),
    ("ouders", &["--type", "praktijkvoorbeeld"]),
    ("school", &["--onderwijstype", "vo"]),
    ("school", &["--thema", "Verzuim en thuiszitters"]),
    ("aanpak", &["--type", "werkwijze", "--onderwijstype", "po"]),
    ("signaleren", &["--limit", "3"]),
    ("xyzzy-onbestaand", &[]),
];

#[test]
fn the_site_ranks_like_the_command_line() {
    let (_dir, out, index) = bundled();
    let requests: Vec<Value> = PARITY
        .iter()
        .map(|(query, args)| {
            let mut options = serde_json::Map::new();
            options.insert("limit".into(), json!(10));
            for pair in args.chunks(2) {
                let value = if pair[0] == "--limit" {
                    json!(pair[1].parse::<u32>().unwrap())
                } else {
                    json!(pair[1])
                };
                options.insert(pair[0].trim_start_matches("--").into(), value);
            }
            json!({ "query": query, "options": options })
        })
        .collect();
    let answers = node(&out, "--batch", &Value::Array(requests));
    let mut compared = 0;
    for ((query, args), answer) in PARITY.iter().zip(answers.as_array().unwrap()) {
        let mut extra = args.to_vec();
        if !extra.contains(&"--limit") {
            extra.extend(["--limit", "10"]);
        }
        let expected = cli(&index, query, &extra);
        let got = &answer["results"];
        for field in ["path", "title", "url", "type", "score"] {
            // Scores are 32-bit floats: the command line prints them shortest, JavaScript as doubles.
            let pick = |list: &Value| -> Vec<Value> {
                list.as_array()
                    .unwrap()
                    .iter()
                    .map(|hit| match hit[field].as_f64() {
                        Some(score) => json!((score as f32).to_bits()),
                        None => hit[field].clone(),
                    })
                    .collect()
            };
            assert_eq!(
                pick(got),
                pick(&expected),
                "{field} differs for {query:?} {args:?}"
            );
        }
        compared += expected.as_array().unwrap().len();
    }
    assert!(compared > 200, "only {compared} results compared");
}

/// Searches a reader does, and the page they want among the first three.
const RELEVANCE: &[(&str, &str)] = &[
    ("jvk", "begrippen/jeugdverpleegkundige"),
    ("cjg", "begrippen/centrum-voor-jeugd-en-gezin"),
    (
        "centrum voor jeugd en gezin",
        "begrippen/centrum-voor-jeugd-en-gezin",
    ),
    ("ib'er", "begrippen/intern-begeleider"),
    ("intern begeleider", "begrippen/intern-begeleider"),
    ("vo-team", "praktijkvoorbeelden/utrecht-vo-team-mbo-team"),
    (
        "vo team utrecht",
        "praktijkvoorbeelden/utrecht-vo-team-mbo-team",
    ),
    (
        "brugfunctie den bosch",
        "praktijkvoorbeelden/den-bosch-brugfunctie",
    ),
    (
        "school als werkplaats",
        "praktijkvoorbeelden/school-als-werkplaats-leeuwarden",
    ),
    (
        "schoolmaatschapelijk werk",
        "begrippen/schoolmaatschappelijk-werk",
    ),
    ("thuiszitters", "begrippen/thuiszitter"),
    ("leerplicht", "begrippen/leerplichtambtenaar"),
    ("inwerken", "leerroutes/inwerken-nieuwe-smwer"),
    (
        "sterk in preventie",
        "bijeenkomsten/themabijeenkomst-sterk-in-preventie-2017",
    ),
    ("redacteur", "handleiding-voor-redacteuren"),
];

#[test]
fn the_bundled_content_finds_what_a_reader_wants_first() {
    let (_dir, _out, index) = bundled();
    let mut misses = Vec::new();
    for (query, wanted) in RELEVANCE {
        let hits = cli(&index, query, &["--limit", "3"]);
        let paths: Vec<&str> = hits
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["path"].as_str().unwrap())
            .collect();
        if !paths.contains(wanted) {
            misses.push(format!("{query:?}: wanted {wanted}, got {paths:?}"));
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

#[test]
fn the_last_word_completes_while_typing() {
    let (_dir, out, _) = bundled();
    let requests = json!([
        { "query": "jeugdverpl", "options": { "prefix": true, "limit": 3 } },
        { "query": "brugfunctie den bo", "options": { "prefix": true, "limit": 3 } },
        { "query": "jeugdverpl", "options": { "limit": 3 } },
        { "query": "jeugdverpl ", "options": { "prefix": true, "limit": 3 } },
    ]);
    let answers = node(&out, "--batch", &requests);
    let paths = |i: usize| -> Vec<String> {
        answers[i]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        paths(0).contains(&"begrippen/jeugdverpleegkundige".to_string()),
        "{:?}",
        paths(0)
    );
    assert!(
        paths(1).contains(&"praktijkvoorbeelden/den-bosch-brugfunctie".to_string()),
        "{:?}",
        paths(1)
    );
    // A finished query (no prefix, or a space after the last word) matches whole words only.
    assert!(paths(2).is_empty(), "{:?}", paths(2));
    assert!(paths(3).is_empty(), "{:?}", paths(3));
}

/// Every search file's payload, unpacked (base64 of zlib, or the JSON of `index.js`), by name.
fn unpacked(out: &Path) -> Vec<(String, Vec<u8>)> {
    use base64::Engine as _;
    use std::io::Read as _;
    snapshot(&out.join("zoek"))
        .into_iter()
        .filter(|(path, _)| path != "zoek.js")
        .map(|(path, bytes)| {
            let text = String::from_utf8(bytes).unwrap();
            let data = text
                .strip_prefix("KennisbankSearch.receive(")
                .and_then(|t| t.strip_suffix(");\n"))
                .and_then(|t| t.split_once(','))
                .unwrap_or_else(|| panic!("zoek/{path} is not a data file"))
                .1;
            let payload =
                if let Some(b64) = data.strip_prefix('"').and_then(|d| d.strip_suffix('"')) {
                    let packed = base64::engine::general_purpose::STANDARD
                        .decode(b64)
                        .unwrap();
                    let mut bytes = Vec::new();
                    flate2::read::ZlibDecoder::new(&packed[..])
                        .read_to_end(&mut bytes)
                        .unwrap();
                    bytes
                } else {
                    data.as_bytes().to_vec()
                };
            (path, payload)
        })
        .collect()
}

fn holding(files: &[(String, Vec<u8>)], needle: &str) -> Vec<String> {
    files
        .iter()
        .filter(|(_, bytes)| {
            String::from_utf8_lossy(bytes)
                .to_lowercase()
                .contains(needle)
        })
        .map(|(path, _)| path.clone())
        .collect()
}

#[test]
fn a_public_builds_search_files_hold_nothing_internal() {
    let site = Fixture::standard();
    site.build(&[]);
    let files = unpacked(&site.out());
    assert!(files.len() > 10, "the search files are missing");
    // "geheim" is in every internal marker of the fixture (GEHEIM-TEKST, geheim-persoon@…): as text, as a
    // term, as a word to complete.
    let leaked = holding(&files, "geheim");
    assert!(leaked.is_empty(), "internal text in {leaked:?}");
    let answers = node(
        &site.out(),
        "--batch",
        &json!([{ "query": "geheim" }, { "query": "overleg" }]),
    );
    assert_eq!(answers[0]["total"], 0);

    let internal = Fixture::standard();
    internal.build(&["--intern"]);
    let files = unpacked(&internal.out());
    for kind in ["d/", "t/", "l/", "p/"] {
        assert!(
            holding(&files, "geheim")
                .iter()
                .any(|p| p.starts_with(kind)),
            "the internal edition's {kind} files should hold the internal text"
        );
    }
    let answers = node(&internal.out(), "--batch", &json!([{ "query": "geheim" }]));
    assert!(
        answers[0]["total"].as_u64().unwrap() > 0,
        "the internal edition finds its internal pages: {answers}"
    );
}

#[test]
fn results_carry_the_fields_of_the_command_line_and_escape_html() {
    let site = Fixture::standard();
    site.write(
        "content/gevaar.md",
        "---\ntitel: \"<script>alert(1)</script> Gevaarlijke titel\"\nsamenvatting: Over <b>vet</b>.\n---\nTekst met <img src=x onerror=alert(2)> gevaarlijke opmaak.\n",
    );
    site.build(&[]);
    let answers = node(&site.out(), "--batch", &json!([{ "query": "gevaarlijke" }]));
    let hit = &answers[0]["results"][0];
    assert_eq!(hit["path"], "gevaar");
    assert_eq!(hit["url"], "gevaar.html");
    assert_eq!(hit["type"], "pagina");
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    // The title is text (the page escapes it when showing it); the snippet is HTML with only <mark> in it.
    assert_eq!(hit["title"], "<script>alert(1)</script> Gevaarlijke titel");
    let snippet = hit["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>"), "{snippet}");
    let without_marks = snippet.replace("<mark>", "").replace("</mark>", "");
    assert!(!without_marks.contains('<'), "{snippet}");
}
