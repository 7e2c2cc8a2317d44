//! Crash safety: a build killed at any moment (SIGKILL, so nothing of kennisbank runs after it) leaves `public/`
//! and `search-index/` either exactly as the previous build left them or exactly as the new build makes them,
//! never missing or half-written; and the next build clears what the killed one left behind.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{run_in, snapshot, Fixture};

const PAGES: usize = 400;
const KILLS: usize = 50;

/// Writes the site in one of two versions: every page's text names the version.
fn write_version(site: &Fixture, version: &str) {
    for i in 1..=PAGES {
        site.write(
            &format!("content/notities/n-{i}.md"),
            &format!(
                "---\ntitel: Notitie {i}\nsamenvatting: Over {version} en overleg {i}.\n---\n## Kop\n\n\
                 De tekst van {version}, notitie {i}, met [een link](n-{}.md).\n",
                i % PAGES + 1
            ),
        );
    }
}

/// What the search index holds, by content: tantivy names its segment files at random, so the files' names and
/// the `meta.json` that lists them differ between two builds of the same site; their contents do not.
fn index_contents(dir: &Path) -> BTreeMap<String, usize> {
    let mut contents = BTreeMap::new();
    for (path, bytes) in snapshot(dir) {
        let name = path.rsplit('/').next().unwrap_or_default();
        if name == "meta.json" || name == ".managed.json" {
            continue;
        }
        let extension = name.rsplit('.').next().unwrap_or_default();
        let digest = format!("{extension}:{}:{:016x}", bytes.len(), fnv(&bytes));
        *contents.entry(digest).or_default() += 1;
    }
    contents
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A small deterministic generator of kill moments (xorshift), so a failure can be repeated.
struct Moments(u64);

impl Moments {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below.max(1)
    }
}

/// The pages the command-line search finds for a word: the index must answer, not just exist.
fn found(site: &Path, word: &str) -> usize {
    let output = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .arg("--site")
        .arg(site)
        .args(["search", "--json", "--limit", "100000", word])
        .output()
        .expect("run kennisbank search");
    assert!(
        output.status.success(),
        "search failed after a killed build: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("search JSON");
    hits.len()
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_output_or_the_new_one() {
    let site = Fixture::empty();
    // The expected outputs of both versions, and how long a build takes here.
    write_version(&site, "appelboom");
    site.build(&[]);
    let public_a = snapshot(&site.out());
    let index_a = index_contents(&site.path().join("search-index/publiek"));
    write_version(&site, "zonnebloem");
    let started = Instant::now();
    site.build(&[]);
    let duration = started.elapsed();
    let public_b = snapshot(&site.out());
    let index_b = index_contents(&site.path().join("search-index/publiek"));
    assert_ne!(public_a, public_b);
    assert_ne!(index_a, index_b);

    let seed = std::env::var("KENNISBANK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_123_u64);
    let mut moments = Moments(seed | 1);
    // Kill anywhere from the start to a little after the build would have ended.
    let window = (duration.as_micros() as u64) * 13 / 10;
    let (mut old, mut new) = (0, 0);
    for kill in 0..KILLS {
        let (version, expected) = if kill % 2 == 0 {
            ("appelboom", &public_a)
        } else {
            ("zonnebloem", &public_b)
        };
        let before = snapshot(&site.out());
        write_version(&site, version);
        let mut child = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
            .arg("--site")
            .arg(site.path())
            .arg("build")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start a build");
        let moment = Duration::from_micros(moments.next(window));
        std::thread::sleep(moment);
        let _ = child.kill();
        let _ = child.wait();

        let after = snapshot(&site.out());
        if after == before {
            old += 1;
        } else {
            assert!(
                &after == expected,
                "kill {kill} after {moment:?} (seed {seed}) left public/ neither as it was nor as the new build \
                 makes it ({} files; the old output had {}, the new one {})",
                after.len(),
                before.len(),
                expected.len()
            );
            new += 1;
        }
        let index = index_contents(&site.path().join("search-index/publiek"));
        assert!(
            index == index_a || index == index_b,
            "kill {kill} after {moment:?} (seed {seed}) left a search index that is neither build's"
        );
        let (a, b) = (
            found(site.path(), "appelboom"),
            found(site.path(), "zonnebloem"),
        );
        assert!(
            (a == PAGES && b == 0) || (a == 0 && b == PAGES),
            "kill {kill}: the search finds {a} pages of version a and {b} of version b"
        );
    }
    // The kills must have hit both before and after the new output went in, or the test proved nothing.
    assert!(
        old > 0 && new > 0,
        "of {KILLS} kills, {old} left the old output and {new} the new one"
    );

    // The next build finishes and clears every folder the killed builds left behind.
    write_version(&site, "appelboom");
    let run = run_in(site.path(), &["build"]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(snapshot(&site.out()), public_a);
    let leftovers: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .chain(std::fs::read_dir(site.path().join("search-index")).unwrap())
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    eprintln!("{KILLS} kills: {old} left the old output, {new} the new one");
}
