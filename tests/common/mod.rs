//! Fixture sites for integration tests: a temporary site folder with the real default theme, built with the real
//! `kennisbank` binary, so that tests see what a user sees (files on disk, messages on stderr).

#![allow(dead_code)]

pub mod pdf;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub success: bool,
    pub stderr: String,
}

pub const CONFIG: &str = "\
titel: Testkennisbank
ondertitel: Voor de tests
uitgever: Testuitgever
base_url: https://example.nl/kb/
secties:
  - map: praktijkvoorbeelden
    titel: Praktijkvoorbeelden
  - map: werkwijzen
    titel: Werkwijzen
  - map: begrippen
    titel: Begrippen
  - map: contacten
    titel: Contacten
themas:
  - Preventie
  - Ouders
  - Verzuim en thuiszitters
";

/// A small but complete site: one page of each type, links between them, internal pages and fields with
/// unique markers (`GEHEIM-…`) that must never appear in a public build.
pub const STANDARD: &[(&str, &str)] = &[
    ("content/_index.md", "---\ntitel: Welkom\n---\nBegin bij de [leerroute](leerroutes/start.md).\n"),
    (
        "content/praktijkvoorbeelden/den-bosch.md",
        "---\n\
titel: Een brugfunctie in Den Bosch\n\
samenvatting: Jeugdverpleegkundigen en SMW'ers in de school.\n\
datum: 2020-03-01\n\
organisaties: [GGD Hart voor Brabant, Farent]\n\
regio: ’s-Hertogenbosch\n\
onderwijstype: [po]\n\
thema: [preventie, ouders]\n\
bron:\n  titel: Een brugfunctie in het onderwijs\n  uitgever: Testbron\n  jaar: 2019\n\
contacten: [den-bosch]\n\
---\n\
## Op welke vraag of behoefte geeft dit praktijkvoorbeeld antwoord?\n\n\
De JVK en de SMW'er zijn in de school. De JVK komt elke week.\n\n\
## Wat levert het op?\n\n\
Zie de [intakefase](../werkwijzen/barneveld.md#intakefase) en [de pagina over ons](../over.md).\n\n\
## ’s-Hertogenbosch\n\nTekst.\n",
    ),
    (
        "content/praktijkvoorbeelden/utrecht.md",
        "---\n\
titel: Het vo-team in Utrecht\n\
samenvatting: Een stedelijk team.\n\
datum: 2021-05-01\n\
organisaties: [Gemeente Utrecht]\n\
regio: Utrecht\n\
onderwijstype: [vo, mbo]\n\
thema: [Verzuim en thuiszitters]\n\
bron:\n  titel: Samen om het kind\n  uitgever: NJi\n  jaar: 2016\n\
---\n\
Zie ook [Den Bosch](den-bosch.md#wat-levert-het-op).\n",
    ),
    (
        "content/werkwijzen/barneveld.md",
        "---\n\
titel: Werkwijze SMW in het basisonderwijs\n\
samenvatting: De fasen van een traject.\n\
bron:\n  titel: Werkwijze SMW in het basisonderwijs\n  uitgever: CJG Barneveld\n  jaar: 2023\n\
fasen:\n  - naam: Aanmeldfase\n    samenvatting: Ouders melden aan.\n    voorwaarden: [Toestemming van beide ouders]\n  - naam: Intakefase\n    stappen: [Gesprek met ouders]\n  - naam: Begeleiding\n    duur: 5 tot 10 gesprekken\n\
---\n\
## Aanmeldfase\n\nDe IB'er meldt aan.\n\n## Intakefase\n\nHet gesprek.\n\n## Begeleiding\n\n```yaml\ntitel: voorbeeld\n```\n",
    ),
    (
        "content/begrippen/jeugdverpleegkundige.md",
        "---\ntitel: Jeugdverpleegkundige\nbetekenis: Verpleegkundige van de GGD voor kinderen en jongeren.\nafkortingen: [JVK, Jvk]\nverwant: [intern-begeleider]\n---\nDe jeugdverpleegkundige werkt voor de GGD.\n",
    ),
    (
        "content/begrippen/intern-begeleider.md",
        "---\ntitel: Intern begeleider\nbetekenis: Coördineert de leerlingenzorg op een basisschool.\nafkortingen: [IB'er, IB-er]\n---\nOok wel IB'er.\n",
    ),
    (
        "content/contacten/den-bosch.md",
        "---\n\
titel: Proeftuin Den Bosch\n\
regio: ’s-Hertogenbosch\n\
organisaties:\n  - naam: GGD Hart voor Brabant\n    soort: GGD\n    plaats: ’s-Hertogenbosch\n  - naam: GEHEIM-ORGANISATIE\n    zichtbaarheid: intern\n\
personen:\n  - naam: GEHEIM-PERSOON\n    rol: projectleider\n    email: geheim-persoon@example.nl\n  - naam: Openbare Woordvoerder\n    rol: woordvoerder\n    zichtbaarheid: publiek\n\
---\n",
    ),
    (
        "content/contacten/utrecht.md",
        "---\ntitel: Team Utrecht\nregio: Utrecht\norganisaties:\n  - naam: Gemeente Utrecht\n    plaats: Utrecht\n---\n",
    ),
    (
        "content/leerroutes/start.md",
        "---\n\
titel: Start als SMW'er\n\
samenvatting: Je eerste weken.\n\
stappen:\n  - pagina: begrippen/jeugdverpleegkundige\n    toelichting: Wie is wie.\n  - pagina: werkwijzen/barneveld\n  - pagina: praktijkvoorbeelden/den-bosch\n\
---\nVolg de stappen.\n",
    ),
    (
        "content/bijeenkomsten/preventie.md",
        "---\n\
titel: Sterk in preventie\n\
datum: 2017-05-18\n\
samenvatting: Themabijeenkomst.\n\
bron:\n  titel: Verslag\n  uitgever: NJi\n  jaar: 2017\n\
programma:\n  - tijd: \"13.00\"\n    onderdeel: Opening\n\
stellingen:\n  - stelling: SMW hoort in elke school.\n    eens: 30\n    oneens: 10\n\
praktijkvoorbeelden: [den-bosch]\n\
---\nVerslag.\n",
    ),
    ("content/over.md", "---\ntitel: Over deze kennisbank\n---\nOver ons.\n"),
    (
        "content/intern-overleg.md",
        "---\ntitel: GEHEIM-PAGINA\nzichtbaarheid: intern\n---\nGEHEIM-TEKST van het overleg.\n",
    ),
];

impl Fixture {
    /// An empty site folder with the configuration and the real default theme.
    pub fn empty() -> Fixture {
        let dir = tempfile::tempdir().expect("temporary folder");
        let fixture = Fixture { dir };
        fixture.write("kennisbank.yaml", CONFIG);
        copy_dir(
            &repo().join("themes/default"),
            &fixture.path().join("themes/default"),
        );
        fixture
    }

    pub fn standard() -> Fixture {
        let fixture = Fixture::empty();
        for (path, text) in STANDARD {
            fixture.write(path, text);
        }
        fixture
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.path().join("public")
    }

    pub fn write(&self, relative: &str, text: &str) {
        self.write_bytes(relative, text.as_bytes());
    }

    pub fn write_bytes(&self, relative: &str, bytes: &[u8]) {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.path().join(relative)).unwrap();
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }

    /// Builds and insists that it succeeds.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert!(run.success, "the build failed:\n{}", run.stderr);
        run
    }

    /// Builds and insists that it fails.
    pub fn build_fails(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert!(
            !run.success,
            "the build should have failed:\n{}",
            run.stderr
        );
        run
    }

    pub fn read(&self, relative: &str) -> String {
        let path = self.out().join(relative);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }
}

/// Runs the real `kennisbank` binary on a site folder (`--site`), as a user would.
pub fn run_in(site: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .arg("--site")
        .arg(site)
        .args(args)
        .output()
        .expect("run kennisbank");
    Run {
        success: output.status.success(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `kennisbank export <what>` (pdf, offline) on a site folder.
pub fn export(site: &Path, what: &str, args: &[&str]) -> Run {
    let mut all = vec!["export", what];
    all.extend_from_slice(args);
    run_in(site, &all)
}

/// Exports and insists that it succeeds without a warning.
pub fn export_ok(site: &Path, what: &str, args: &[&str]) -> Run {
    let run = export(site, what, args);
    assert!(run.success, "the export failed:\n{}", run.stderr);
    assert!(
        !run.stderr.contains("warning"),
        "the export warned:\n{}",
        run.stderr
    );
    run
}

/// Every file under a folder with its bytes, by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every `href` and `src` value in an HTML text.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
            }
        }
    }
    out
}

/// Every href and src is relative, names a file (never a folder, which file:// would not open) and exists.
pub fn check_all_links(out: &std::path::Path) {
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") || path.ends_with("404.html") {
            continue;
        }
        let html = std::fs::read_to_string(path).unwrap();
        for link in links(&html) {
            if link.starts_with("https://")
                || link.starts_with("http://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
            {
                continue;
            }
            let (file, fragment) = link
                .split_once('#')
                .map_or((link.as_str(), None), |(f, a)| (f, Some(a)));
            assert!(
                !file.starts_with('/'),
                "{}: absolute link {link}",
                path.display()
            );
            let target = if file.is_empty() {
                path.to_path_buf()
            } else {
                let decoded = percent_encoding::percent_decode_str(file)
                    .decode_utf8_lossy()
                    .into_owned();
                path.parent().unwrap().join(decoded)
            };
            assert!(
                target.is_file(),
                "{}: link {link} does not name a file",
                path.display()
            );
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let target_html = std::fs::read_to_string(&target).unwrap();
                assert!(
                    target_html.contains(&format!("id=\"{fragment}\"")),
                    "{}: anchor {link} missing",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}
