//! The random-edit test: 200+ edits, renames, deletes, bursts and broken files, each followed by serve's
//! rebuild; at regular points the served folder must be byte-identical to a clean build of the same files.

use std::path::Path;

use super::common::{snapshot, Fixture, CONFIG, STANDARD};
use super::server::Server;

/// A small deterministic generator (xorshift), so that a failing sequence can be replayed from its seed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const REGIOS: [&str; 5] = ["Tilburg", "Utrecht", "Zwolle", "’s-Hertogenbosch", "Almere"];
const THEMAS: [&str; 3] = ["preventie", "ouders", "Verzuim en thuiszitters"];
const WORDS: [&str; 8] = [
    "school",
    "ouders",
    "JVK",
    "IB'er",
    "gesprek",
    "wijkteam",
    "verzuim",
    "Jeugdverpleegkundige",
];
/// Pages of the standard fixture that an edit may change (their links and references stay valid).
const EDITABLE: [&str; 6] = [
    "content/praktijkvoorbeelden/den-bosch.md",
    "content/praktijkvoorbeelden/utrecht.md",
    "content/werkwijzen/barneveld.md",
    "content/over.md",
    "content/begrippen/intern-begeleider.md",
    "content/leerroutes/start.md",
];
/// Pages a new page may link to.
const TARGETS: [&str; 4] = [
    "../praktijkvoorbeelden/den-bosch.md",
    "../werkwijzen/barneveld.md#intakefase",
    "../over.md",
    "../begrippen/jeugdverpleegkundige.md",
];

struct Site<'a> {
    fixture: &'a Fixture,
    /// Pages the test made, by file under content/ (no other page links to them).
    made: Vec<String>,
    next: usize,
    /// A file broken on purpose, with its good text, to be repaired by a later step.
    broken: Option<(String, String)>,
}

impl Site<'_> {
    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.fixture.path().join(file)).unwrap()
    }

    fn new_page(&mut self, random: &mut Random) -> String {
        self.next += 1;
        let n = self.next;
        // A page at the root of content/ is in every page's navigation.
        let folder = random.pick(&["praktijkvoorbeelden", "artikelen", "werkwijzen", ""]);
        let file = match *folder {
            "" => format!("content/nieuw-{n}.md"),
            folder => format!("content/{folder}/nieuw-{n}.md"),
        };
        let fields = match *folder {
            "praktijkvoorbeelden" => format!(
                "samenvatting: Voorbeeld {n}.\ndatum: 2022-0{}-01\norganisaties: [Organisatie {}]\nregio: {}\nonderwijstype: [{}]\nthema: [{}]\nbron:\n  titel: Bron {n}\n",
                1 + random.below(9),
                random.below(4),
                random.pick(&REGIOS),
                random.pick(&["po", "vo", "mbo"]),
                random.pick(&THEMAS),
            ),
            "artikelen" => format!("samenvatting: Artikel {n}.\nbron:\n  titel: Boek {n}\n"),
            "" => String::new(),
            _ => format!(
                "samenvatting: Werkwijze {n}.\nbron:\n  titel: Handboek {n}\nfasen:\n  - naam: Fase {n}\n"
            ),
        };
        let body = format!(
            "## Inleiding\n\nDe {} en de {} werken samen. Zie [dit]({}).\n",
            random.pick(&WORDS),
            random.pick(&WORDS),
            match folder.is_empty() {
                true => random.pick(&TARGETS).trim_start_matches("../"),
                false => random.pick(&TARGETS),
            }
        );
        self.fixture.write(
            &file,
            &format!("---\ntitel: Nieuwe pagina {n}\n{fields}---\n{body}"),
        );
        self.made.push(file.clone());
        file
    }

    /// One random change to the site; returns a description for the failure message.
    fn change(&mut self, random: &mut Random) -> String {
        if let Some((file, good)) = self.broken.take() {
            self.fixture.write(&file, &good);
            return format!("repair {file}");
        }
        let fixture = self.fixture;
        match random.below(14) {
            0 | 1 => {
                let file = random.pick(&EDITABLE).to_string();
                let text = self.read(&file);
                fixture.write(
                    &file,
                    &format!("{text}\nNog een zin over {}.\n", random.pick(&WORDS)),
                );
                format!("append to {file}")
            }
            2 => {
                let file = random.pick(&EDITABLE).to_string();
                let text = self.read(&file);
                let n = random.below(1000);
                let changed = match text.find("\ntitel: ") {
                    Some(i) => {
                        let end = text[i + 1..].find('\n').unwrap() + i + 1;
                        format!("{}\ntitel: Titel {n}{}", &text[..i], &text[end..])
                    }
                    None => text,
                };
                fixture.write(&file, &changed);
                format!("retitle {file}")
            }
            3 | 4 => format!("create {}", self.new_page(random)),
            5 if !self.made.is_empty() => {
                let i = random.below(self.made.len());
                let file = self.made.remove(i);
                fixture.remove(&file);
                format!("delete {file}")
            }
            6 if !self.made.is_empty() => {
                let i = random.below(self.made.len());
                let file = self.made.remove(i);
                self.next += 1;
                let to = format!("{}-hernoemd-{}.md", file.trim_end_matches(".md"), self.next);
                std::fs::rename(fixture.path().join(&file), fixture.path().join(&to)).unwrap();
                self.made.push(to.clone());
                format!("rename {file} to {to}")
            }
            7 => {
                let file = "content/begrippen/jeugdverpleegkundige.md";
                let text = self.read(file);
                let variant = format!("Jeugdverpleger {}", random.below(100));
                let changed = match text.contains("varianten:") {
                    true => text.replacen("varianten: [", &format!("varianten: [{variant}, "), 1),
                    false => {
                        text.replacen("verwant:", &format!("varianten: [{variant}]\nverwant:"), 1)
                    }
                };
                fixture.write(file, &changed);
                format!("add the glossary variant {variant}")
            }
            8 if !self.made.is_empty() => {
                let file = random.pick(&self.made).clone();
                let text = self.read(&file);
                let changed = match text.contains("zichtbaarheid: intern") {
                    true => text.replace("zichtbaarheid: intern\n", ""),
                    false => text.replacen("---\n", "---\nzichtbaarheid: intern\n", 1),
                };
                fixture.write(&file, &changed);
                format!("toggle internal {file}")
            }
            9 => {
                let file = "content/praktijkvoorbeelden/utrecht.md";
                let text = self.read(file);
                let regio = random.pick(&REGIOS);
                let start = text.find("regio: ").unwrap();
                let end = text[start..].find('\n').unwrap() + start;
                fixture.write(
                    file,
                    &format!("{}regio: {regio}{}", &text[..start], &text[end..]),
                );
                format!("set the region of {file} to {regio}")
            }
            10 if !self.made.is_empty() => {
                self.next += 1;
                let image = format!("content/praktijkvoorbeelden/foto-{}.png", self.next);
                fixture.write_bytes(
                    &image,
                    &std::fs::read(super::common::repo().join("tests/fixtures/schema.png"))
                        .unwrap(),
                );
                let page = "content/praktijkvoorbeelden/den-bosch.md";
                let text = self.read(page);
                let name = Path::new(&image).file_name().unwrap().to_str().unwrap();
                fixture.write(page, &format!("{text}\n![Een foto]({name})\n"));
                format!("add the image {image}")
            }
            11 => {
                let file = random.pick(&EDITABLE).to_string();
                let good = self.read(&file);
                fixture.write(&file, &good.replacen("titel:", "titel: [kapot", 1));
                self.broken = Some((file.clone(), good));
                format!("break {file}")
            }
            12 => {
                // A checkout: many files at once.
                let made: Vec<String> = (0..8).map(|_| self.new_page(random)).collect();
                format!("burst of {} new pages", made.len())
            }
            _ => {
                let file = random.pick(&EDITABLE).to_string();
                let text = self.read(&file);
                let changed = match text.contains("\nvolgorde: ") {
                    true => text.replace("\nvolgorde: 1\n", "\n"),
                    false => text.replacen("\ntitel:", "\nvolgorde: 1\ntitel:", 1),
                };
                fixture.write(&file, &changed);
                format!("change the order of {file}")
            }
        }
    }
}

/// Builds the site anew into a fresh folder, as `kennisbank build` with serve's address.
fn clean_build(fixture: &Fixture, base_url: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let run = fixture.run(&[
        "build",
        "--out",
        out.path().join("site").to_str().unwrap(),
        "--base-url",
        base_url,
        "--search-index",
        out.path().join("index").to_str().unwrap(),
    ]);
    assert!(run.success, "{}", run.stderr);
    out
}

fn compare(served: &Path, clean: &Path, steps: &[String]) {
    let served = snapshot(served);
    let clean = snapshot(clean);
    let only_served: Vec<_> = served.keys().filter(|k| !clean.contains_key(*k)).collect();
    let only_clean: Vec<_> = clean.keys().filter(|k| !served.contains_key(*k)).collect();
    let different: Vec<_> = served
        .iter()
        .filter(|(k, v)| clean.get(*k).is_some_and(|c| c != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        only_served.is_empty() && only_clean.is_empty() && different.is_empty(),
        "after {} steps the served site differs from a clean build:\n only served: {only_served:?}\n only in the clean build: {only_clean:?}\n different: {different:?}\nlast steps: {:#?}",
        steps.len(),
        &steps[steps.len().saturating_sub(8)..]
    );
}

#[test]
fn any_sequence_of_edits_ends_as_a_clean_build() {
    let seed: u64 = std::env::var("KENNISBANK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261123);
    let fixture = Fixture::empty();
    fixture.write("kennisbank.yaml", &format!("{CONFIG}per_pagina: 2\n"));
    for (path, text) in STANDARD {
        fixture.write(path, text);
    }
    fixture.write(
        "content/artikelen/_index.md",
        "---\ntitel: Artikelen\n---\nAchtergrond.\n",
    );
    let out = tempfile::tempdir().unwrap();
    let served = out.path().join("site");
    let server = Server::start(fixture.path(), &["--out", served.to_str().unwrap()]);
    let base_url = format!("http://127.0.0.1:{}/", server.port);
    let mut random = Random(seed);
    let mut site = Site {
        fixture: &fixture,
        made: Vec::new(),
        next: 0,
        broken: None,
    };
    let mut steps = Vec::new();
    let mut build = server.build();
    let mut compared = 0;
    while steps.len() < 210 {
        steps.push(site.change(&mut random));
        let status = server.settled_after(build);
        build = status["build"].as_u64().unwrap();
        let broken = site.broken.is_some();
        assert_eq!(
            status["errors"].is_string(),
            broken,
            "seed {seed}, step {}: {}\n{status}",
            steps.len(),
            steps.last().unwrap()
        );
        if !broken && (steps.len() % 5 == 0 || steps.len() >= 205) {
            let clean = clean_build(&fixture, &base_url);
            compare(&served, &clean.path().join("site"), &steps);
            compared += 1;
        }
    }
    assert!(compared >= 35, "compared only {compared} times");
}
