//! How one case of the bad-input corpus is run and judged: a small valid site is built once, copied for the case,
//! broken by the case's files (`tests/corpus/<case>/`, laid over the site) and its setup, and built again by the
//! real binary, with a time limit and a memory limit.
//!
//! Every case must end in a clear error or a safe page, and never in a panic, a hang, or a write outside the
//! output folders.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::common::{copy_dir, repo, snapshot, CONFIG};

/// A build that takes longer is a hang.
const TIME_LIMIT: Duration = Duration::from_secs(60);
/// Memory a build may take (in KiB of address space, for `ulimit -v`): a bomb must fail, not take the machine.
const MEMORY_LIMIT_KIB: u64 = 4 * 1024 * 1024;

/// Text of a file outside the site; it must never end up in the output.
pub const OUTSIDE_SECRET: &str = "GEHEIM-BUITEN-DE-SITE";

pub enum Expect {
    /// The build fails with a message that names the file (and line:column) and contains each of these; a
    /// hint is always required.
    Fails(&'static [&'static str]),
    /// The build succeeds and this page (under `public/`; `**/name` for a page in any folder) contains each of
    /// these.
    Builds {
        page: &'static str,
        shows: &'static [&'static str],
    },
}

pub struct Case {
    /// The mistake, and the folder under `tests/corpus/` with its files (if it has one).
    pub name: &'static str,
    /// Breaks the site further, for what cannot be a committed file (symbolic links, FIFOs, generated sizes).
    pub setup: fn(&Path),
    pub expect: Expect,
}

pub fn nothing(_: &Path) {}

/// The base site every case starts from: it builds without problems.
const BASE: &[(&str, &str)] = &[
    (
        "content/_index.md",
        "---\ntitel: Welkom\n---\nBegin bij [de basis](praktijkvoorbeelden/basis.md).\n",
    ),
    (
        "content/praktijkvoorbeelden/basis.md",
        "---\ntitel: Het vo-team in Utrecht\nsamenvatting: Een stedelijk team.\ndatum: 2021-05-01\n\
         regio: Utrecht\nonderwijstype: [vo]\nthema: [Preventie]\norganisaties: [Gemeente Utrecht]\n\
         bron:\n  titel: Samen om het kind\n  uitgever: NJi\n  jaar: 2016\n---\n\
         De JVK komt elke week. Zie de [jeugdverpleegkundige](../begrippen/jeugdverpleegkundige.md).\n",
    ),
    (
        "content/begrippen/jeugdverpleegkundige.md",
        "---\ntitel: Jeugdverpleegkundige\nbetekenis: Verpleegkundige van de GGD.\nafkortingen: [JVK]\n---\n\
         De jeugdverpleegkundige werkt voor de GGD.\n",
    ),
];

/// A folder holding the site (`site/`) and, beside it, files the site must never reach (`buiten/`).
pub struct Workspace {
    pub root: tempfile::TempDir,
}

impl Workspace {
    pub fn site(&self) -> PathBuf {
        self.root.path().join("site")
    }
}

/// The base site, built once for all cases of a test binary.
fn base() -> &'static Path {
    static BASE_SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    BASE_SITE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temporary folder");
            write(dir.path(), "kennisbank.yaml", CONFIG);
            copy_dir(
                &repo().join("themes/default"),
                &dir.path().join("themes/default"),
            );
            for (path, text) in BASE {
                write(dir.path(), path, text);
            }
            let run = build(dir.path());
            assert_eq!(
                run.code,
                Some(0),
                "the base site does not build:\n{}",
                run.stderr
            );
            dir
        })
        .path()
}

pub fn workspace(case: &str) -> Workspace {
    let root = tempfile::tempdir().expect("temporary folder");
    let site = root.path().join("site");
    copy_dir(base(), &site);
    let outside = root.path().join("buiten");
    write(
        &outside,
        "geheim.md",
        &format!("---\ntitel: {OUTSIDE_SECRET}\n---\n{OUTSIDE_SECRET}\n"),
    );
    write(&outside, "geheim.png", OUTSIDE_SECRET);
    write(&outside, "templates/base.html", OUTSIDE_SECRET);
    let corpus = repo().join("tests/corpus").join(case);
    if corpus.is_dir() {
        copy_dir(&corpus, &site);
    }
    Workspace { root }
}

pub struct Outcome {
    /// The exit code; `None` when the process was killed (by the time limit or a signal such as an abort).
    pub code: Option<i32>,
    pub stderr: String,
    pub elapsed: Duration,
    pub timed_out: bool,
}

/// Runs `kennisbank build` on a site, killing it after the time limit.
pub fn build(site: &Path) -> Outcome {
    let started = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_LIMIT_KIB}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_kennisbank"))
        .arg("--site")
        .arg(site)
        .arg("build")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kennisbank");
    let mut pipe = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = pipe.read_to_end(&mut text);
        String::from_utf8_lossy(&text).into_owned()
    });
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for kennisbank") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            timed_out = true;
            let _ = child.kill();
            break child.wait().expect("wait for kennisbank");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    Outcome {
        code: status.code(),
        stderr: reader.join().unwrap_or_default(),
        elapsed,
        timed_out,
    }
}

/// What a build may change: everything under the workspace except the output folders, with symbolic links by
/// their target and other special files by their kind.
fn state(root: &Path) -> BTreeMap<String, String> {
    let skip = [root.join("site/public"), root.join("site/search-index")];
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !skip.iter().any(|s| e.path() == s))
        .filter_map(Result::ok)
        .map(|e| {
            let relative = e.path().strip_prefix(root).unwrap().display().to_string();
            let kind = e.file_type();
            let what = if kind.is_symlink() {
                format!("link to {:?}", std::fs::read_link(e.path()).ok())
            } else if kind.is_dir() {
                "folder".to_string()
            } else if kind.is_file() {
                let bytes = std::fs::read(e.path()).unwrap_or_default();
                format!("{} bytes, hash {:x}", bytes.len(), fingerprint(&bytes))
            } else {
                "special file".to_string()
            };
            (relative, what)
        })
        .collect()
}

fn fingerprint(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// Runs one case and returns what went wrong with it, if anything.
pub fn check(case: &Case) -> Result<Duration, String> {
    let workspace = workspace(case.name);
    let site = workspace.site();
    (case.setup)(&site);
    let before = state(workspace.root.path());
    let previous_output = snapshot(&site.join("public"));
    let previous_index = snapshot(&site.join("search-index"));
    let run = build(&site);
    if std::env::var_os("HOSTILE_SHOW").is_some() {
        eprintln!("=== {} ({:?})\n{}", case.name, run.elapsed, run.stderr);
    }
    let shown = || {
        format!(
            "exit {:?} after {:?}:\n{}",
            run.code, run.elapsed, run.stderr
        )
    };
    if run.timed_out {
        return Err(format!(
            "hangs: killed after {TIME_LIMIT:?}\n{}",
            run.stderr
        ));
    }
    if run.code.is_none() || run.code == Some(101) || run.stderr.contains("panicked") {
        return Err(format!("crashes: {}", shown()));
    }
    if run.stderr.contains("stack backtrace") || run.stderr.contains("RUST_BACKTRACE") {
        return Err(format!("shows a backtrace: {}", shown()));
    }
    if state(workspace.root.path()) != before {
        let after = state(workspace.root.path());
        let changed: Vec<_> = before
            .iter()
            .filter(|(k, v)| after.get(*k) != Some(v))
            .map(|(k, _)| k.clone())
            .chain(after.keys().filter(|k| !before.contains_key(*k)).cloned())
            .collect();
        return Err(format!(
            "writes outside the output folder: {changed:?}\n{}",
            shown()
        ));
    }
    let leftovers: Vec<_> = std::fs::read_dir(&site)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public") || n.starts_with(".search-index"))
        .collect();
    if !leftovers.is_empty() {
        return Err(format!("leaves temporary folders: {leftovers:?}"));
    }
    let out = site.join("public");
    for (file, bytes) in snapshot(&out) {
        if String::from_utf8_lossy(&bytes).contains(OUTSIDE_SECRET) {
            return Err(format!(
                "publishes a file from outside the site in public/{file}"
            ));
        }
    }
    match &case.expect {
        Expect::Fails(messages) => {
            if run.code == Some(0) {
                return Err(format!("should fail but builds: {}", shown()));
            }
            for message in messages.iter().copied().chain(["error", "hint:"]) {
                if !run.stderr.contains(message) {
                    return Err(format!("the error does not say {message:?}: {}", shown()));
                }
            }
            if snapshot(&out) != previous_output
                || snapshot(&site.join("search-index")) != previous_index
            {
                return Err(format!(
                    "a failed build changed the previous output: {}",
                    shown()
                ));
            }
        }
        Expect::Builds { page, shows } => {
            if run.code != Some(0) {
                return Err(format!("should build but fails: {}", shown()));
            }
            let path = match page.strip_prefix("**/") {
                Some(name) => {
                    find(&out, name).ok_or_else(|| format!("no {name} in public/\n{}", shown()))?
                }
                None => out.join(page),
            };
            let html = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read public/{page}: {e}\n{}", shown()))?;
            for text in *shows {
                if !html.contains(text) {
                    return Err(format!("public/{page} does not show {text:?}:\n{html}"));
                }
            }
            for (file, bytes) in snapshot(&out) {
                if file.ends_with(".html") {
                    crate::safety::check(&String::from_utf8_lossy(&bytes))
                        .map_err(|e| format!("public/{file}: {e}"))?;
                }
            }
        }
    }
    Ok(run.elapsed)
}

/// Runs cases, on every core, and fails listing every case that went wrong. With `HOSTILE_SHOW` set, every
/// build's messages are shown; with `HOSTILE_TIMES`, how long each case took.
pub fn run_all(cases: &[Case]) {
    use rayon::prelude::*;
    let failures: Vec<String> = cases
        .par_iter()
        .filter_map(|case| match check(case) {
            Ok(elapsed) => {
                if std::env::var_os("HOSTILE_TIMES").is_some() {
                    eprintln!("{}: {elapsed:?}", case.name);
                }
                None
            }
            Err(problem) => Some(format!("case {}: {problem}", case.name)),
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

pub fn write(site: &Path, relative: &str, text: &str) {
    write_bytes(site, relative, text.as_bytes());
}

pub fn write_bytes(site: &Path, relative: &str, bytes: &[u8]) {
    let path = site.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

pub fn append(site: &Path, relative: &str, text: &str) {
    let path = site.join(relative);
    let mut old = std::fs::read_to_string(&path).unwrap();
    old.push_str(text);
    std::fs::write(path, old).unwrap();
}

pub fn symlink(site: &Path, target: &str, relative: &str) {
    let path = site.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, path).unwrap();
}

/// A file of this name anywhere under a folder.
fn find(dir: &Path, name: &str) -> Option<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_name() == name)
        .map(|e| e.into_path())
}
