//! `kennisbank serve` as an editor and a browser meet it: pages served over HTTP, rebuilt and announced after
//! edits, renames and deletes; errors shown while the last good site stays served; no file outside the served
//! folder ever answered; a clean stop on Ctrl-C. The random-edit test (`random.rs`) checks that any sequence of
//! edits ends byte-identical to a clean build.

#[path = "../common/mod.rs"]
mod common;
mod random;
mod server;

use common::Fixture;
use server::{next_message, Server};

const PAGE: &str = "/praktijkvoorbeelden/den-bosch.html";

fn served(fixture: &Fixture) -> (Server, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let folder = out.path().join("site");
    let server = Server::start(fixture.path(), &["--out", folder.to_str().unwrap()]);
    (server, out)
}

#[test]
fn serves_the_built_site_with_the_reload_script_only_in_serve() {
    let fixture = Fixture::standard();
    let (server, _out) = served(&fixture);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains("Welkom"), "{}", home.text());
    assert!(home
        .text()
        .contains("<script src=\"/__kennisbank/livereload.js\"></script>\n</body>"));
    let page = server.get(PAGE);
    assert!(page.text().contains("Een brugfunctie in Den Bosch"));
    // The served files on disk are the build's own: the script is added as they are sent.
    let on_disk =
        std::fs::read_to_string(server.folder.join("praktijkvoorbeelden/den-bosch.html")).unwrap();
    assert!(!on_disk.contains("livereload"));
    fixture.build(&[]);
    assert!(!fixture
        .read("praktijkvoorbeelden/den-bosch.html")
        .contains("livereload"));
    assert!(!fixture.read("index.html").contains("__kennisbank"));
    let script = server.get("/__kennisbank/livereload.js");
    assert_eq!(script.status, 200);
    assert!(script.text().contains("EventSource"));
    assert!(server.log().contains("Open http://127.0.0.1:"));
}

#[test]
fn an_edit_rebuilds_the_page_and_tells_the_pages_to_reload() {
    let fixture = Fixture::standard();
    let (server, _out) = served(&fixture);
    let events = server.events();
    let before = server.build();
    let file = "content/praktijkvoorbeelden/den-bosch.md";
    let text = std::fs::read_to_string(fixture.path().join(file)).unwrap();
    fixture.write(file, &format!("{text}\nEen zin die er net bij kwam.\n"));
    let message = next_message(&events, "reload");
    let changed: Vec<&str> = message["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        changed.contains(&"praktijkvoorbeelden/den-bosch.html"),
        "{message}"
    );
    assert_eq!(message["everything"], false);
    // Only what shows the body changed; the lists show front matter only.
    assert!(
        !changed.contains(&"praktijkvoorbeelden/index.html"),
        "{message}"
    );
    assert!(server
        .get(PAGE)
        .text()
        .contains("Een zin die er net bij kwam."));
    // The search index and print page follow.
    server.settled_after(before);
    assert!(server
        .get("/afdrukken.html")
        .text()
        .contains("Een zin die er net bij kwam."));
    assert!(server.log().contains("Rebuilt in "), "{}", server.log());
}

#[test]
fn new_renamed_and_deleted_pages() {
    let fixture = Fixture::standard();
    let (server, _out) = served(&fixture);
    let events = server.events();
    let before = server.build();

    // A new page appears, and in its section's list.
    let new = "content/praktijkvoorbeelden/tilburg.md";
    fixture.write(
        new,
        "---\ntitel: Schoolcoach in Tilburg\nsamenvatting: Een coach.\ndatum: 2022-01-01\norganisaties: [Contour]\nregio: Tilburg\nonderwijstype: [po]\nthema: [preventie]\nbron:\n  titel: Verslag\n---\nTekst over Tilburg.\n",
    );
    let message = next_message(&events, "reload");
    assert!(
        message["changed"]
            .to_string()
            .contains("praktijkvoorbeelden/tilburg.html"),
        "{message}"
    );
    assert!(server
        .get("/praktijkvoorbeelden/tilburg.html")
        .text()
        .contains("Tekst over Tilburg."));
    assert!(server
        .get("/praktijkvoorbeelden/")
        .text()
        .contains("Schoolcoach in Tilburg"));
    assert!(server
        .get("/regio/tilburg.html")
        .text()
        .contains("Schoolcoach in Tilburg"));
    let after_new = server.settled_after(before)["build"].as_u64().unwrap();

    // Renamed: the old address is gone, the new one is there.
    std::fs::rename(
        fixture.path().join(new),
        fixture
            .path()
            .join("content/praktijkvoorbeelden/tilburg-west.md"),
    )
    .unwrap();
    let after_rename = server.settled_after(after_new)["build"].as_u64().unwrap();
    assert_eq!(server.get("/praktijkvoorbeelden/tilburg.html").status, 404);
    assert_eq!(
        server.get("/praktijkvoorbeelden/tilburg-west.html").status,
        200
    );

    // Deleted: gone from the site, its list and its taxonomy pages (a term with no pages left is gone).
    fixture.remove("content/praktijkvoorbeelden/tilburg-west.md");
    server.settled_after(after_rename);
    let gone = server.get("/praktijkvoorbeelden/tilburg-west.html");
    assert_eq!(gone.status, 404);
    assert!(
        gone.text().contains("<html"),
        "the site's own 404 page is served"
    );
    assert!(!server
        .get("/praktijkvoorbeelden/")
        .text()
        .contains("Tilburg"));
    assert_eq!(server.get("/regio/tilburg.html").status, 404);
    assert!(!server
        .folder
        .join("praktijkvoorbeelden/tilburg-west.html")
        .exists());
}

#[test]
fn a_deleted_page_that_others_link_to_is_an_error_until_the_links_go() {
    let fixture = Fixture::standard();
    let (server, _out) = served(&fixture);
    let events = server.events();
    let before = server.build();
    let kept = server.get("/over.html").text();
    fixture.remove("content/over.md");
    let message = next_message(&events, "errors");
    let text = message["text"].as_str().unwrap();
    // den-bosch.md links to ../over.md on line 21.
    assert!(
        text.contains("content/praktijkvoorbeelden/den-bosch.md:21:63"),
        "{text}"
    );
    let status = server.settled_after(before);
    assert!(status["errors"].as_str().unwrap().contains("den-bosch.md"));
    // The last good site is still served, the removed page included.
    assert_eq!(server.get("/over.html").text(), kept);
    assert!(server.log().contains("still serving the last good site"));

    // Removing the link fixes it: the error is cleared and the page is gone.
    let file = "content/praktijkvoorbeelden/den-bosch.md";
    let text = std::fs::read_to_string(fixture.path().join(file)).unwrap();
    fixture.write(
        file,
        &text.replace(" en [de pagina over ons](../over.md)", ""),
    );
    let message = next_message(&events, "reload");
    assert!(
        message["changed"].to_string().contains("over.html"),
        "{message}"
    );
    let status = server.settled_after(status["build"].as_u64().unwrap());
    assert!(status["errors"].is_null(), "{status}");
    assert_eq!(server.get("/over.html").status, 404);
}

#[test]
fn a_broken_file_keeps_the_last_good_page_and_shows_where() {
    let fixture = Fixture::standard();
    let (server, _out) = served(&fixture);
    let before = server.build();
    let good = server.get(PAGE).text();
    let file = "content/praktijkvoorbeelden/den-bosch.md";
    let text = std::fs::read_to_string(fixture.path().join(file)).unwrap();
    fixture.write(file, &text.replace("datum: 2020-03-01", "datum: 1 maart"));
    let status = server.settled_after(before);
    let errors = status["errors"].as_str().expect("errors shown");
    assert!(
        errors.contains("content/praktijkvoorbeelden/den-bosch.md:4:"),
        "{errors}"
    );
    assert_eq!(server.get(PAGE).text(), good);
    // A page opened now gets the errors at once.
    let events = server.events();
    let message = next_message(&events, "errors");
    assert!(message["text"]
        .as_str()
        .unwrap()
        .contains("den-bosch.md:4:"));

    fixture.write(file, &text);
    let status = server.settled_after(status["build"].as_u64().unwrap());
    assert!(status["errors"].is_null(), "{status}");
    assert_eq!(next_message(&events, "reload")["type"], "reload");
}

#[test]
fn a_template_change_rebuilds_everything() {
    let fixture = Fixture::standard();
    let (server, _out) = served(&fixture);
    let events = server.events();
    let base = fixture.path().join("themes/default/templates/base.html");
    let html = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &base,
        html.replace(
            "<footer class=\"site-voet\">",
            "<footer class=\"site-voet\"><p>NIEUWE-VOET</p>",
        ),
    )
    .unwrap();
    let message = next_message(&events, "reload");
    assert_eq!(message["everything"], true, "{message}");
    assert!(server.get(PAGE).text().contains("NIEUWE-VOET"));
    assert!(server.get("/begrippen/").text().contains("NIEUWE-VOET"));
    // A template error is reported at the template's line, and the site stays.
    std::fs::write(
        &base,
        html.replace("{% block content %}", "{% block content %"),
    )
    .unwrap();
    let message = next_message(&events, "errors");
    assert!(
        message["text"]
            .as_str()
            .unwrap()
            .contains("themes/default/templates/base.html:"),
        "{message}"
    );
    assert!(server.get(PAGE).text().contains("NIEUWE-VOET"));
}

#[test]
fn no_file_outside_the_served_folder_is_ever_served() {
    let fixture = Fixture::standard();
    let secret_dir = tempfile::tempdir().unwrap();
    let secret = secret_dir.path().join("geheim.txt");
    std::fs::write(&secret, "GEHEIM-BUITEN-DE-MAP").unwrap();
    let (server, _out) = served(&fixture);
    // A symbolic link inside the served folder that points out of it.
    std::os::unix::fs::symlink(&secret, server.folder.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(secret_dir.path(), server.folder.join("map")).unwrap();
    let name = secret_dir.path().file_name().unwrap().to_str().unwrap();
    let attempts = [
        "/../../../../etc/passwd".to_string(),
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd".to_string(),
        "/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd".to_string(),
        "/..%2f..%2f..%2fetc%2fpasswd".to_string(),
        "/praktijkvoorbeelden/../../../etc/passwd".to_string(),
        "/..%5c..%5c..%5cetc%5cpasswd".to_string(),
        "/%252e%252e/%252e%252e/etc/passwd".to_string(),
        "//etc/passwd".to_string(),
        "/etc/passwd".to_string(),
        format!("/../{name}/geheim.txt"),
        "/link.txt".to_string(),
        "/map/geheim.txt".to_string(),
        "/.kennisbank-uitvoer".to_string(),
        "/index.html%00.txt".to_string(),
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd".to_string(),
        "/praktijkvoorbeelden/..%2f..%2f..%2fetc/passwd".to_string(),
    ];
    for attempt in &attempts {
        let answer = server.get(attempt);
        assert!(
            answer.status == 404 || answer.status == 400,
            "{attempt} got {}",
            answer.status
        );
        let text = answer.text();
        assert!(
            !text.contains("root:") && !text.contains("GEHEIM-BUITEN-DE-MAP"),
            "{attempt}"
        );
    }
    // An absolute URL in the request line and a request line with no slash.
    for request in [
        "GET http://127.0.0.1/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET ../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    ] {
        let answer = server.raw(request.as_bytes());
        assert!(!answer.contains("root:"), "{request}: {answer}");
        assert!(answer.starts_with("HTTP/1.1 4"), "{request}: {answer}");
    }
}

#[test]
fn malformed_requests_do_not_stop_the_server() {
    let fixture = Fixture::standard();
    let (server, _out) = served(&fixture);
    for request in [
        &b"\x00\x01\x02 garbage\r\n\r\n"[..],
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET\r\n\r\n",
        b"POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nabcde",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n",
        b"GET /\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    ] {
        let _ = server.raw(request);
    }
    let long = format!(
        "GET /{} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "a".repeat(100_000)
    );
    let _ = server.raw(long.as_bytes());
    let post = server.raw(b"DELETE /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(post.starts_with("HTTP/1.1 405"), "{post}");
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn head_conditional_requests_and_content_types() {
    let fixture = Fixture::standard();
    let (server, _out) = served(&fixture);
    let get = server.get(PAGE);
    let head = server.request("HEAD", PAGE, &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-length"), get.header("content-length"));
    assert_eq!(
        get.header("content-length").unwrap(),
        get.body.len().to_string()
    );
    let etag = get.header("etag").unwrap().to_string();
    let modified = get.header("last-modified").unwrap().to_string();
    assert_eq!(
        server
            .request("GET", PAGE, &[("If-None-Match", &etag)])
            .status,
        304
    );
    assert_eq!(
        server
            .request("GET", PAGE, &[("If-Modified-Since", &modified)])
            .status,
        304
    );
    assert_eq!(
        server
            .request("GET", PAGE, &[("If-None-Match", "\"iets-anders\"")])
            .status,
        200
    );
    for (path, kind) in [
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/static/afdrukken.js", "text/javascript; charset=utf-8"),
        ("/sitemap.xml", "text/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let answer = server.get(path);
        assert_eq!(answer.status, 200, "{path}");
        assert_eq!(answer.header("content-type"), Some(kind), "{path}");
    }
    // A folder's address without its slash is redirected, so its relative links work.
    let folder = server.get("/praktijkvoorbeelden");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some("/praktijkvoorbeelden/"));
    let missing = server.get("/bestaat-niet.html");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("livereload"),
        "the 404 page reloads when the page appears"
    );
}

#[test]
fn ctrl_c_stops_and_removes_the_temporary_folder() {
    let fixture = Fixture::standard();
    let server = Server::start(fixture.path(), &[]);
    let folder = server.folder.clone();
    assert!(folder.join("index.html").is_file());
    let temporary = folder.parent().unwrap().to_path_buf();
    assert!(temporary
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("kennisbank-serve-"));
    let (success, log) = server.interrupt();
    assert!(success, "{log}");
    assert!(
        !temporary.exists(),
        "{} is left behind",
        temporary.display()
    );
    assert!(log.contains("Stopped"), "{log}");
    // Nothing was written into the site folder.
    assert!(!fixture.path().join("public").exists());
    assert!(!fixture.path().join("search-index").exists());
}

#[test]
fn binding_beyond_this_computer_warns() {
    let fixture = Fixture::standard();
    let server = Server::start(fixture.path(), &["--bind", "0.0.0.0"]);
    assert!(
        server.log().contains("warning: serving on 0.0.0.0:"),
        "{}",
        server.log()
    );
    let local = Server::start(fixture.path(), &[]);
    assert!(!local.log().contains("warning"), "{}", local.log());
}

#[test]
fn a_site_that_never_built_shows_its_errors_and_appears_when_fixed() {
    let fixture = Fixture::standard();
    let file = "content/praktijkvoorbeelden/utrecht.md";
    let text = std::fs::read_to_string(fixture.path().join(file)).unwrap();
    fixture.write(file, &text.replace("titel:", "titel: [kapot"));
    let (server, _out) = served(&fixture);
    let status = server.status();
    assert!(
        status["errors"]
            .as_str()
            .unwrap()
            .contains("content/praktijkvoorbeelden/utrecht.md:"),
        "{status}"
    );
    assert!(server.get("/").text().contains("livereload"));
    fixture.write(file, &text);
    let status = server.settled_after(status["build"].as_u64().unwrap());
    assert!(status["errors"].is_null());
    assert!(server
        .get("/praktijkvoorbeelden/utrecht.html")
        .text()
        .contains("Het vo-team in Utrecht"));
}
