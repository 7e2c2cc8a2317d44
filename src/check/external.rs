//! `kennisbank check --extern`: asks every web address the content links to whether it still answers.
//!
//! Each distinct address is asked once (HEAD, then GET when a server does not answer HEAD properly), a few at a
//! time, with short timeouts; every place that links to a dead address gets a warning with its file, line and
//! column. When no server at all could be reached, the network is down (or behind a proxy that is): one note
//! says the links were not checked, instead of a warning for every link. The standard proxy variables
//! (`HTTPS_PROXY`, `NO_PROXY`, …) are honoured. This module only reads; it does not follow links within pages.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::content::Details;
use crate::diagnostic::Diagnostic;
use crate::site::Site;

/// How many addresses are asked at the same time.
const PARALLEL: usize = 6;

pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the network could not be reached.
    pub note: Option<String>,
}

/// What asking an address gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered with this status (after redirects).
    Answered(u16),
    /// The server was reached but the exchange failed (a certificate, a broken answer, a redirect loop).
    Failed(String),
    /// No server was reached: no such host, no connection, or no answer in time.
    Unreachable(String),
}

/// Every place a page links to a web address, by address: in bodies, sources (`bron.url`) and organisations'
/// websites.
pub fn addresses(site: &Site) -> BTreeMap<String, Vec<(String, Range<usize>)>> {
    let mut out: BTreeMap<String, Vec<(String, Range<usize>)>> = BTreeMap::new();
    for sp in site.pages.values() {
        let file = &sp.page.file;
        for link in &sp.rendered.web_links {
            out.entry(link.url.clone())
                .or_default()
                .push((file.clone(), link.span.clone()));
        }
        let mut written: Vec<&str> = sp
            .page
            .meta
            .bronnen
            .iter()
            .filter_map(|b| b.url.as_deref())
            .collect();
        if let Details::Contact(sheet) = &sp.page.meta.details {
            written.extend(
                sheet
                    .organisaties
                    .iter()
                    .filter_map(|o| o.website.as_deref()),
            );
        }
        let front = &sp.page.text[..sp.page.body_start];
        for url in written.into_iter().map(str::trim).filter(|u| is_web(u)) {
            let span = front.find(url).map_or(0..0, |i| i..i + url.len());
            out.entry(url.to_string())
                .or_default()
                .push((file.clone(), span));
        }
    }
    out
}

pub fn check(site: &Site) -> Checked {
    let addresses = addresses(site);
    let requests: BTreeSet<String> = addresses.keys().map(|url| request(url)).collect();
    let answers = ask_all(&requests.iter().collect::<Vec<_>>());
    let outcomes = addresses
        .keys()
        .filter_map(|url| Some((url.clone(), answers.get(&request(url))?.clone())))
        .collect();
    judge(&addresses, &outcomes)
}

/// What is asked for an address as written: without its `#fragment` (a place in the page, which the server
/// never sees), with spaces and non-ASCII characters percent-encoded as a browser does.
fn request(url: &str) -> String {
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    const UNSAFE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS.add(b' ');
    percent_encoding::utf8_percent_encode(url, UNSAFE).to_string()
}

/// Turns the outcomes into warnings, or into one note when nothing beyond this machine answered.
pub fn judge(
    addresses: &BTreeMap<String, Vec<(String, Range<usize>)>>,
    outcomes: &BTreeMap<String, Outcome>,
) -> Checked {
    let remote = |url: &str| !is_loopback(host(url));
    let offline = outcomes
        .iter()
        .filter(|(url, _)| remote(url))
        .all(|(_, o)| matches!(o, Outcome::Unreachable(_)))
        && outcomes.keys().any(|url| remote(url));
    let mut diagnostics = Vec::new();
    let mut unchecked = 0;
    for (url, outcome) in outcomes {
        let problem = match outcome {
            Outcome::Answered(status) if broken(*status) => {
                format!("answers {status} {}", reason(*status))
            }
            Outcome::Answered(_) => continue,
            Outcome::Unreachable(_) if offline && remote(url) => {
                unchecked += 1;
                continue;
            }
            Outcome::Failed(why) | Outcome::Unreachable(why) => format!("cannot be reached: {why}"),
        };
        for (file, span) in addresses.get(url).into_iter().flatten() {
            diagnostics.push(
                Diagnostic::warning(format!("the web address {url} {problem}"))
                    .code("broken-link")
                    .in_file(file)
                    .at(span.clone())
                    .hint("open it in a browser; if the page has moved, link to its new address, otherwise remove the link or find another source"),
            );
        }
    }
    let note = offline.then(|| {
        format!(
            "cannot reach the network: external links were not checked ({unchecked} web address{} did not answer)",
            if unchecked == 1 { "" } else { "es" }
        )
    });
    Checked { diagnostics, note }
}

/// Asks each address, a few at a time.
fn ask_all(urls: &[&String]) -> BTreeMap<String, Outcome> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_resolve(Some(Duration::from_secs(5)))
        .timeout_connect(Some(Duration::from_secs(5)))
        .timeout_global(Some(Duration::from_secs(15)))
        .http_status_as_error(false)
        .user_agent(concat!("kennisbank-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let results = std::sync::Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for _ in 0..PARALLEL.min(urls.len()) {
            scope.spawn(|| {
                while let Some(url) = urls.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = ask(&agent, url);
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(url.to_string(), outcome);
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// HEAD first; some servers refuse or mishandle it, so anything but a good answer is asked again with GET.
fn ask(agent: &ureq::Agent, url: &str) -> Outcome {
    let head = outcome(agent.head(url).call());
    match head {
        Outcome::Answered(status) if status < 400 => head,
        Outcome::Unreachable(_) => head,
        _ => outcome(agent.get(url).call()),
    }
}

fn outcome(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Outcome {
    match result {
        Ok(response) => Outcome::Answered(response.status().as_u16()),
        Err(ureq::Error::StatusCode(status)) => Outcome::Answered(status),
        Err(ureq::Error::HostNotFound) => Outcome::Unreachable("the host was not found".into()),
        Err(ureq::Error::Timeout(_)) => Outcome::Unreachable("no answer in time".into()),
        Err(ureq::Error::ConnectionFailed | ureq::Error::ConnectProxyFailed(_)) => {
            Outcome::Unreachable("no connection".into())
        }
        Err(ureq::Error::Io(e)) => Outcome::Unreachable(format!("no connection ({})", e.kind())),
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// Whether a status means the link is dead. Servers that ask for a login, refuse robots or ask to slow down
/// (401, 403, 429) still have the page.
fn broken(status: u16) -> bool {
    (400..600).contains(&status) && ![401, 403, 429].contains(&status)
}

fn reason(status: u16) -> &'static str {
    ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

fn is_web(url: &str) -> bool {
    ["http://", "https://"].iter().any(|s| {
        url.get(..s.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(s))
    })
}

/// The host of an address: `https://user@[::1]:8080/x` → `::1`.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    }
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_loopback() {
        assert_eq!(host("https://www.nji.nl/nl/Kennis"), "www.nji.nl");
        assert_eq!(host("http://user:pw@127.0.0.1:8080/x?y#z"), "127.0.0.1");
        assert_eq!(host("http://[::1]:80/"), "::1");
        assert!(is_loopback(host("http://localhost:3000")));
        assert!(is_loopback("127.0.0.2"));
        assert!(is_loopback("::1"));
        assert!(!is_loopback("www.nji.nl"));
        assert!(!is_loopback("10.0.0.1"));
    }

    #[test]
    fn what_is_asked_for_an_address() {
        assert_eq!(
            request("https://www.nji.nl/a#kopje"),
            "https://www.nji.nl/a"
        );
        assert_eq!(
            request("https://nl.example/één plek?q=1"),
            "https://nl.example/%C3%A9%C3%A9n%20plek?q=1"
        );
        assert_eq!(request("http://a.nl/x%20y"), "http://a.nl/x%20y");
    }

    #[test]
    fn which_statuses_are_broken() {
        assert!(broken(404) && broken(410) && broken(500));
        assert!(!broken(200) && !broken(301) && !broken(403) && !broken(429));
    }

    fn places(urls: &[&str]) -> BTreeMap<String, Vec<(String, Range<usize>)>> {
        urls.iter()
            .map(|u| (u.to_string(), vec![("content/a.md".to_string(), 3..9)]))
            .collect()
    }

    #[test]
    fn dead_links_are_warnings_at_each_place() {
        let urls = ["https://a.nl/weg", "https://b.nl/", "https://c.invalid/"];
        let outcomes = BTreeMap::from([
            (urls[0].to_string(), Outcome::Answered(404)),
            (urls[1].to_string(), Outcome::Answered(200)),
            (
                urls[2].to_string(),
                Outcome::Unreachable("the host was not found".into()),
            ),
        ]);
        let checked = judge(&places(&urls), &outcomes);
        assert_eq!(checked.note, None);
        let messages: Vec<_> = checked
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "the web address https://a.nl/weg answers 404 Not Found",
                "the web address https://c.invalid/ cannot be reached: the host was not found",
            ]
        );
        assert_eq!(checked.diagnostics[0].span, Some(3..9));
    }

    #[test]
    fn no_remote_answer_means_no_network_said_once() {
        let urls = ["https://a.nl/", "https://b.nl/", "http://127.0.0.1:9/weg"];
        let outcomes = BTreeMap::from([
            (
                urls[0].to_string(),
                Outcome::Unreachable("no connection".into()),
            ),
            (
                urls[1].to_string(),
                Outcome::Unreachable("the host was not found".into()),
            ),
            (urls[2].to_string(), Outcome::Answered(404)),
        ]);
        let checked = judge(&places(&urls), &outcomes);
        assert_eq!(
            checked.note.as_deref(),
            Some("cannot reach the network: external links were not checked (2 web addresses did not answer)")
        );
        // What this machine itself serves is still judged.
        assert_eq!(checked.diagnostics.len(), 1);
        assert!(checked.diagnostics[0]
            .message
            .contains("127.0.0.1:9/weg answers 404"));
        assert_eq!(judge(&BTreeMap::new(), &BTreeMap::new()).note, None);
    }
}
