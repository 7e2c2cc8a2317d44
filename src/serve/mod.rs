//! `kennisbank serve`: builds the site into a temporary folder, serves it over HTTP, watches the site folder,
//! rebuilds what an edit touches and tells the open pages to reload.
//!
//! The pieces: `watch` turns file events into [`Changes`], `engine` rebuilds, `affected` decides what a change
//! touches, `folder` changes the served files in place, `http` answers requests and carries the reload and
//! error messages to the pages. This module runs them: the rebuild loop on the calling thread, the server on a
//! small tokio runtime, and the search index and print page on a thread of their own (see [`engine::Settle`]),
//! so that an edited page reloads before they are done.
//!
//! Nothing here writes into the site folder: the served site and its search index live in a temporary folder
//! that is removed on Ctrl-C (unless `--out` names a folder of the user's own).

mod affected;
mod engine;
mod folder;
mod http;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::time::Instant;

pub use engine::{Changes, Engine};
use engine::{Rebuilt, Settle};
use http::{Message, Shared, Status};

use crate::diagnostic::{self, Diagnostic, Sources};
use crate::site::Edition;

pub struct ServeOptions {
    pub site: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub edition: Edition,
    /// Serve from this folder (kept afterwards) instead of a temporary one.
    pub out: Option<PathBuf>,
}

/// Serves until Ctrl-C. Returns an error only when serving could not start.
pub fn serve(options: &ServeOptions) -> Result<(), Vec<Diagnostic>> {
    let site = options.site.canonicalize().map_err(|e| {
        vec![Diagnostic::error(format!(
            "cannot open the site folder {}: {e}",
            options.site.display()
        ))
        .hint(
            "pass the folder with kennisbank.yaml as --site, or start one with `kennisbank init`",
        )]
    })?;
    let temporary = tempfile::Builder::new()
        .prefix("kennisbank-serve-")
        .tempdir()
        .map_err(|e| {
            vec![
                Diagnostic::error(format!("cannot create a temporary folder: {e}"))
                    .hint("check that the system's temporary folder (TMPDIR) may be written"),
            ]
        })?;
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| temporary.path().join("site"));
    let address = SocketAddr::new(options.bind, options.port);
    let listener =
        std::net::TcpListener::bind(address).map_err(|e| {
            vec![Diagnostic::error(format!("cannot listen on {address}: {e}"))
            .hint("another program may use the port; choose another with --port, e.g. --port 1112")]
        })?;
    let address = listener
        .local_addr()
        .map_err(|e| vec![Diagnostic::error(e.to_string())])?;
    let shown = match address.ip() {
        ip if ip.is_unspecified() => SocketAddr::new(IpAddr::from([127, 0, 0, 1]), address.port()),
        _ => address,
    };
    let url = format!("http://{shown}/");
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {address}, so other computers on the network can open the site{}. \
             Use the default --bind 127.0.0.1 to keep it on this computer.",
            match options.edition {
                Edition::Internal => ", including its internal pages",
                Edition::Public => "",
            }
        );
    }

    let (sender, signals) = mpsc::channel();
    let mut watcher = watch::Watcher::new(&site, sender.clone(), signals).map_err(|d| vec![d])?;
    let mut engine = Engine::new(
        site.clone(),
        options.edition,
        url.clone(),
        out.clone(),
        temporary.path().join("zoekindex"),
    );
    let shared = Arc::new(Shared::new(out.clone()));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| vec![Diagnostic::error(format!("cannot start the server: {e}"))])?;
    listener
        .set_nonblocking(true)
        .map_err(|e| vec![Diagnostic::error(format!("cannot start the server: {e}"))])?;
    let router = http::router(Arc::clone(&shared));
    let stop = sender.clone();
    runtime.spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = stop.send(watch::Signal::Stop);
        }
    });

    let settler = Arc::new(Settler::default());
    let worker = {
        let settler = Arc::clone(&settler);
        let shared = Arc::clone(&shared);
        let sources = engine.sources().clone();
        std::thread::spawn(move || settler.work(&shared, &sources))
    };

    let started = Instant::now();
    let first = engine.rebuild(&Changes {
        everything: true,
        ..Changes::default()
    });
    if first.is_err() {
        placeholder(&out).map_err(|d| vec![d])?;
    }
    let server = {
        let listener = runtime
            .block_on(async { tokio::net::TcpListener::from_std(listener) })
            .map_err(|e| vec![Diagnostic::error(format!("cannot start the server: {e}"))])?;
        runtime.spawn(async move {
            let _ = axum::serve(listener, router).await;
        })
    };
    report(&engine, &shared, &settler, first, started, true);
    eprintln!("Serving {} from {} at {url}", site.display(), out.display());
    eprintln!("Open {url} in a browser. Pages reload when you save a file; Ctrl-C stops.");

    while let Some(changes) = watcher.next() {
        settler.rebuilding(&shared);
        let started = Instant::now();
        let result = engine.rebuild(&changes);
        report(&engine, &shared, &settler, result, started, false);
    }

    eprintln!("Stopping…");
    settler.stop();
    let _ = worker.join();
    server.abort();
    runtime.shutdown_timeout(std::time::Duration::from_millis(500));
    drop(engine);
    let folder = temporary.path().display().to_string();
    drop(temporary);
    eprintln!("Stopped; removed the temporary folder {folder}.");
    Ok(())
}

/// Prints a rebuild's outcome, tells the pages, and hands the search index and print page to the settler.
fn report(
    engine: &Engine,
    shared: &Shared,
    settler: &Settler,
    result: Result<Rebuilt, Vec<Diagnostic>>,
    started: Instant,
    first: bool,
) {
    let sources = engine.sources();
    let build = shared.status().build + 1;
    match result {
        Ok(rebuilt) => {
            diagnostic::print(sources, &rebuilt.warnings);
            if first {
                eprintln!(
                    "Built {} pages in {:.2} s.",
                    rebuilt.pages,
                    started.elapsed().as_secs_f64()
                );
            } else {
                eprintln!(
                    "Rebuilt in {} ms: {}.",
                    rebuilt.elapsed.as_millis(),
                    describe(&rebuilt)
                );
            }
            let settle = engine.to_settle().filter(|_| !first);
            settler.rebuilt(shared, settle, |s| {
                s.build = build;
                s.errors = None;
            });
            shared.send(Message::Reload {
                build,
                changed: rebuilt.changed,
                everything: rebuilt.everything,
            });
        }
        Err(problems) => {
            diagnostic::print(sources, &problems);
            let errors = problems.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "Rebuild failed with {errors} error{}; still serving the last good site. \
                 Fix the file and save it again.",
                if errors == 1 { "" } else { "s" }
            );
            let text = diagnostic::render_plain(sources, &problems);
            settler.rebuilt(shared, None, |s| {
                s.build = build;
                s.errors = Some(text.clone());
            });
            shared.send(Message::Errors { build, text });
        }
    }
}

fn describe(rebuilt: &Rebuilt) -> String {
    match (rebuilt.everything, rebuilt.changed.as_slice()) {
        (true, _) => "the whole site".into(),
        (false, []) => "no file changed".into(),
        (false, [one]) => format!("{one} changed"),
        (false, [first, rest @ ..]) => format!(
            "{first} and {} more file{} changed",
            rest.len(),
            if rest.len() == 1 { "" } else { "s" }
        ),
    }
}

/// A page to serve while the site has never built: it carries the live-reload script, so the errors show in
/// the browser and the site appears as soon as they are fixed.
fn placeholder(out: &std::path::Path) -> Result<(), Diagnostic> {
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(out)?;
        std::fs::write(out.join(crate::output::MARKER), b"kennisbank serve\n")?;
        std::fs::write(
            out.join("index.html"),
            "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Kennisbank</title></head>\n\
             <body><p>De site kon nog niet worden gebouwd.</p></body></html>\n",
        )
    };
    write().map_err(|e| Diagnostic::error(format!("cannot write into {}: {e}", out.display())))
}

/// Brings the search index and print page up to date on a thread of its own, always from the newest good
/// build: a build posted while one runs replaces any that was waiting.
#[derive(Default)]
struct Settler {
    state: Mutex<SettlerState>,
    wake: Condvar,
}

#[derive(Default)]
struct SettlerState {
    waiting: Option<Settle>,
    running: bool,
    rebuilding: bool,
    stop: bool,
}

impl SettlerState {
    fn is_settled(&self) -> bool {
        !(self.running || self.rebuilding || self.waiting.is_some())
    }
}

impl Settler {
    /// A rebuild starts: the site is not settled until it and the settler are done. Every change of
    /// `settled` happens under the settler's lock, so that the two threads never contradict each other.
    fn rebuilding(&self, shared: &Shared) {
        let mut state = self.lock();
        state.rebuilding = true;
        shared.update(|s| s.settled = false);
    }

    /// A rebuild ended: `status` records its outcome, and `settle`, if any, is the settler's next work.
    fn rebuilt(&self, shared: &Shared, settle: Option<Settle>, status: impl FnOnce(&mut Status)) {
        let mut state = self.lock();
        state.rebuilding = false;
        if let Some(settle) = settle {
            state.waiting = Some(settle);
            self.wake.notify_all();
        }
        let settled = state.is_settled();
        shared.update(|s| {
            status(s);
            s.settled = settled;
        });
    }

    fn stop(&self) {
        self.lock().stop = true;
        self.wake.notify_all();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, SettlerState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn work(&self, shared: &Shared, sources: &Sources) {
        loop {
            let settle = {
                let mut state = self.lock();
                loop {
                    if state.stop {
                        return;
                    }
                    if let Some(settle) = state.waiting.take() {
                        state.running = true;
                        break settle;
                    }
                    state = self.wake.wait(state).unwrap_or_else(|e| e.into_inner());
                }
            };
            let started = Instant::now();
            let result = settle.run();
            let mut state = self.lock();
            state.running = false;
            match result {
                Ok(changed) if !changed.is_empty() => {
                    eprintln!(
                        "Search index and print page brought up to date in {:.2} s.",
                        started.elapsed().as_secs_f64()
                    );
                    // The search page reads the index's files: it reloads when they change.
                    let mut pages: Vec<String> = changed
                        .into_iter()
                        .map(|f| match f.starts_with("zoek/") {
                            true => "zoeken.html".to_string(),
                            false => f,
                        })
                        .collect();
                    pages.dedup();
                    let build = shared.status().build;
                    shared.send(Message::Reload {
                        build,
                        changed: pages,
                        everything: false,
                    });
                }
                Ok(_) => {}
                Err(problems) => {
                    diagnostic::print(sources, &problems);
                    eprintln!("The search index and print page could not be brought up to date.");
                }
            }
            let settled = state.is_settled();
            shared.update(|s| s.settled = settled);
        }
    }
}
