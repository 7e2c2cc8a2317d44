//! The HTTP side of `serve` (axum): the served folder's files, the live-reload script put into every HTML page,
//! the stream of reload and error messages the pages listen to, and the build status for tools and tests.
//!
//! Only files inside the served folder are ever answered: a path is decoded once, may not contain `..`, a
//! backslash or a hidden name, and after symbolic links are followed it must still lie inside the folder.
//! Anything else is a 404 (or 400 for a path that is not UTF-8 once decoded).

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

/// Where the server's own files live; no site has a folder of this name.
pub const OWN: &str = "/__kennisbank";
const SCRIPT: &str = include_str!("livereload.js");

/// What the rebuild loop tells the pages.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Message {
    /// A rebuild succeeded: these files changed (relative to the site root), or everything did.
    Reload {
        build: u64,
        changed: Vec<String>,
        everything: bool,
    },
    /// A rebuild failed; the last good site is still served. `text` is the report as the terminal shows it.
    Errors { build: u64, text: String },
}

/// The state of the served site, for `GET /__kennisbank/status`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Status {
    /// Rebuilds done, the first build included.
    pub build: u64,
    /// No rebuild is waiting or running, and the search index and print page are up to date.
    pub settled: bool,
    /// The failed rebuild's report, while the last one failed.
    pub errors: Option<String>,
}

/// What the request handlers share with the rebuild loop.
pub struct Shared {
    pub root: PathBuf,
    pub messages: broadcast::Sender<Message>,
    pub status: Mutex<Status>,
}

impl Shared {
    pub fn new(root: PathBuf) -> Shared {
        Shared {
            root,
            messages: broadcast::channel(256).0,
            status: Mutex::new(Status::default()),
        }
    }

    pub fn status(&self) -> Status {
        self.status
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn update(&self, f: impl FnOnce(&mut Status)) {
        f(&mut self.status.lock().unwrap_or_else(|e| e.into_inner()));
    }

    pub fn send(&self, message: Message) {
        // No open page is not a problem.
        let _ = self.messages.send(message);
    }
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(&format!("{OWN}/livereload.js"), get(script))
        .route(&format!("{OWN}/events"), get(events))
        .route(&format!("{OWN}/status"), get(status))
        .fallback(file)
        .with_state(shared)
}

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SCRIPT,
    )
        .into_response()
}

async fn status(State(shared): State<Arc<Shared>>) -> Response {
    let json = serde_json::to_string(&shared.status()).unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        json,
    )
        .into_response()
}

/// The messages as server-sent events; a page that connects while the last rebuild failed gets its errors
/// at once.
async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.messages.subscribe();
    let status = shared.status();
    let first = status.errors.map(|text| Message::Errors {
        build: status.build,
        text,
    });
    let later = BroadcastStream::new(receiver).map(|received| {
        received.unwrap_or(
            // The page fell behind: it is safest to reload it.
            Message::Reload {
                build: 0,
                changed: Vec::new(),
                everything: true,
            },
        )
    });
    let stream = tokio_stream::iter(first).chain(later).map(|message| {
        Ok(Event::default().data(serde_json::to_string(&message).unwrap_or_default()))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// Any other request: a file of the served folder.
async fn file(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let method = request.method().clone();
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "Only GET and HEAD are served.\n",
        )
            .into_response();
    }
    let head = method == Method::HEAD;
    let raw = request.uri().path();
    let relative = match decode(raw) {
        Ok(relative) => relative,
        Err(Refused::BadRequest) => {
            return (StatusCode::BAD_REQUEST, "Bad request.\n").into_response()
        }
        Err(Refused::NotFound) => return not_found(&shared.root, head),
    };
    let mut path = shared.root.join(&relative);
    if path.is_dir() {
        if !raw.ends_with('/') {
            // A folder's own address ends in a slash, so that its page's relative links work.
            let location = format!("{raw}/");
            return (
                StatusCode::MOVED_PERMANENTLY,
                [(header::LOCATION, location)],
            )
                .into_response();
        }
        path.push("index.html");
    }
    match inside(&shared.root, &path) {
        Some(path) => send_file(&path, request.headers(), head, StatusCode::OK)
            .unwrap_or_else(|| not_found(&shared.root, head)),
        None => not_found(&shared.root, head),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Refused {
    BadRequest,
    NotFound,
}

/// The request path as a path inside the served folder: percent-decoded once, and refused when it could name
/// anything outside it or anything hidden.
fn decode(raw: &str) -> Result<PathBuf, Refused> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| Refused::BadRequest)?;
    if decoded.contains(['\0', '\\']) {
        return Err(Refused::BadRequest);
    }
    let mut path = PathBuf::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err(Refused::NotFound),
            hidden if hidden.starts_with('.') => return Err(Refused::NotFound),
            part => path.push(part),
        }
    }
    Ok(path)
}

/// The file itself when, with every symbolic link followed, it is still inside the served folder.
fn inside(root: &Path, path: &Path) -> Option<PathBuf> {
    let root = root.canonicalize().ok()?;
    let path = path.canonicalize().ok()?;
    (path.starts_with(&root) && path.is_file()).then_some(path)
}

fn not_found(root: &Path, head: bool) -> Response {
    let page = root.join("404.html");
    send_file(&page, &HeaderMap::new(), head, StatusCode::NOT_FOUND).unwrap_or_else(|| {
        (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Not found.\n",
        )
            .into_response()
    })
}

/// Answers with a file: its content type, validators (ETag, Last-Modified) and `304 Not Modified` when the
/// browser's copy is current; HTML gets the live-reload script.
fn send_file(path: &Path, headers: &HeaderMap, head: bool, status: StatusCode) -> Option<Response> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
    let nanos = modified
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let etag = format!("\"{:x}-{:x}\"", meta.len(), nanos);
    let last_modified = httpdate::fmt_http_date(modified);
    if status == StatusCode::OK && fresh(headers, &etag, modified) {
        return Some(
            (
                StatusCode::NOT_MODIFIED,
                [(header::ETAG, etag), (header::LAST_MODIFIED, last_modified)],
            )
                .into_response(),
        );
    }
    let mut bytes = std::fs::read(path).ok()?;
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        bytes = with_script(bytes);
    }
    let length = bytes.len();
    let body = if head {
        Body::empty()
    } else {
        Body::from(bytes)
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    let value = |s: &str| HeaderValue::from_str(s).unwrap_or(HeaderValue::from_static(""));
    headers.insert(header::CONTENT_TYPE, value(&kind));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if status == StatusCode::OK {
        headers.insert(header::ETAG, value(&etag));
        headers.insert(header::LAST_MODIFIED, value(&last_modified));
    }
    Some(response)
}

/// Whether the browser's copy is current, by `If-None-Match` or else `If-Modified-Since` (RFC 9110, 13.2.2).
fn fresh(headers: &HeaderMap, etag: &str, modified: SystemTime) -> bool {
    if let Some(wanted) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        return wanted
            .split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == "*" || t == etag);
    }
    let since = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok());
    match since {
        // HTTP dates count whole seconds.
        Some(since) => modified
            .duration_since(since)
            .map_or(true, |newer| newer < Duration::from_secs(1)),
        None => false,
    }
}

fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == "text"
        || matches!(
            mime.subtype().as_str(),
            "javascript" | "json" | "xml" | "svg"
        );
    match (mime.essence_str(), text) {
        // mime_guess says application/javascript; text/javascript is the current name.
        ("application/javascript", _) => "text/javascript; charset=utf-8".to_string(),
        (essence, true) => format!("{essence}; charset=utf-8"),
        (essence, false) => essence.to_string(),
    }
}

/// Puts the live-reload script before `</body>` (or at the end).
fn with_script(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{OWN}/livereload.js\"></script>\n");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_safe_paths() {
        assert_eq!(decode("/").unwrap(), PathBuf::new());
        assert_eq!(
            decode("/praktijkvoorbeelden/den%20bosch.html").unwrap(),
            PathBuf::from("praktijkvoorbeelden/den bosch.html")
        );
        assert_eq!(decode("/a/./b.html").unwrap(), PathBuf::from("a/b.html"));
    }

    #[test]
    fn refuses_escapes() {
        for raw in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/a/../../etc/passwd",
            "/.kennisbank-uitvoer",
            "/.git/config",
        ] {
            assert_eq!(decode(raw), Err(Refused::NotFound), "{raw}");
        }
        for raw in ["/..%5c..%5cetc/passwd", "/a%00.html", "/%ff%fe"] {
            assert_eq!(decode(raw), Err(Refused::BadRequest), "{raw}");
        }
        // Decoded once: a doubly encoded dot stays a name.
        assert_eq!(decode("/%252e%252e/x").unwrap(), PathBuf::from("%2e%2e/x"));
    }

    #[test]
    fn script_goes_before_the_body_ends() {
        let html = with_script(b"<html><body><p>x</p></BODY></html>".to_vec());
        let html = String::from_utf8(html).unwrap();
        assert!(
            html.contains("<p>x</p><script src=\"/__kennisbank/livereload.js\"></script>\n</BODY>")
        );
    }

    #[test]
    fn content_types() {
        assert_eq!(
            content_type(Path::new("a.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("a.css")), "text/css; charset=utf-8");
        assert_eq!(
            content_type(Path::new("a.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("a.png")), "image/png");
        assert_eq!(content_type(Path::new("a.xml")), "text/xml; charset=utf-8");
        assert_eq!(
            content_type(Path::new("a.svg")),
            "image/svg+xml; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("zonder")),
            "application/octet-stream"
        );
    }
}
