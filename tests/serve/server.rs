//! A running `kennisbank serve` for tests: started on a free port, spoken to over plain TCP as a browser
//! would (requests, the event stream of reload messages, the status), and stopped with Ctrl-C (SIGINT).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

pub struct Server {
    child: Child,
    pub port: u16,
    /// What serve printed on stderr so far.
    pub log: Arc<Mutex<String>>,
    /// The folder it serves from, as it printed it.
    pub folder: PathBuf,
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Server {
    /// Starts `kennisbank --site <site> serve --port 0 <args>` and waits until it serves.
    pub fn start(site: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
            .arg("--site")
            .arg(site)
            .args(["serve", "--port", "0"])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start kennisbank serve");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (lines, seen) = channel();
        {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    log.lock().unwrap().push_str(&format!("{line}\n"));
                    let _ = lines.send(line);
                }
            });
        }
        let started = Instant::now();
        loop {
            let Ok(line) =
                seen.recv_timeout(Duration::from_secs(60).saturating_sub(started.elapsed()))
            else {
                let _ = child.kill();
                let _ = child.wait();
                panic!("serve did not start:\n{}", log.lock().unwrap());
            };
            // "Serving <site> from <folder> at http://127.0.0.1:PORT/"
            if let Some(rest) = line.strip_prefix("Serving ") {
                let (_, rest) = rest.split_once(" from ").unwrap();
                let (folder, url) = rest.rsplit_once(" at ").unwrap();
                let port = url
                    .trim_end_matches('/')
                    .rsplit(':')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                return Server {
                    child,
                    port,
                    log,
                    folder: PathBuf::from(folder),
                };
            }
        }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Sends raw bytes and returns the whole answer as text (the connection is closed after it).
    pub fn raw(&self, request: &[u8]) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.write_all(request).unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    }

    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Response {
        let mut request =
            format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap();
        parse(&answer)
    }

    pub fn get(&self, path: &str) -> Response {
        self.request("GET", path, &[])
    }

    pub fn status(&self) -> Value {
        serde_json::from_slice(&self.get("/__kennisbank/status").body).unwrap()
    }

    pub fn build(&self) -> u64 {
        self.status()["build"].as_u64().unwrap()
    }

    /// Waits until a rebuild after `after` has finished and the search index and print page have caught up,
    /// and nothing else follows; returns the status.
    pub fn settled_after(&self, after: u64) -> Value {
        let started = Instant::now();
        loop {
            let status = self.status();
            if status["build"].as_u64().unwrap() > after && status["settled"] == true {
                // Another burst of events may still be on its way.
                std::thread::sleep(Duration::from_millis(60));
                let again = self.status();
                if again == status {
                    return status;
                }
                continue;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "serve did not settle after build {after}: {status}\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Listens to the reload and error messages, as an open page does.
    pub fn events(&self) -> Receiver<Value> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .write_all(b"GET /__kennisbank/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(data) = line.strip_prefix("data: ") {
                    if let Ok(value) = serde_json::from_str(data) {
                        if sender.send(value).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        // The stream is open once the server answered its headers; a status request after it is ordered.
        std::thread::sleep(Duration::from_millis(100));
        receiver
    }

    /// Stops the server as Ctrl-C does and returns its exit status and log.
    pub fn interrupt(mut self) -> (bool, String) {
        Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last lines.
                std::thread::sleep(Duration::from_millis(100));
                return (status.success(), self.log());
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "serve did not stop on Ctrl-C"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits for the next message of a kind, skipping others.
pub fn next_message(events: &Receiver<Value>, kind: &str) -> Value {
    let started = Instant::now();
    loop {
        let left = Duration::from_secs(30).saturating_sub(started.elapsed());
        let message = events
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no {kind} message arrived"));
        if message["type"] == kind {
            return message;
        }
    }
}

fn parse(answer: &[u8]) -> Response {
    let end = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP answer: {}", String::from_utf8_lossy(answer)));
    let head = String::from_utf8_lossy(&answer[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    Response {
        status,
        headers,
        body: answer[end + 4..].to_vec(),
    }
}
