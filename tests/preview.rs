//! The live preview in a real browser: `resume watch --serve --port 0` on a
//! copy of the seed, Debian's headless Chromium driven over the DevTools
//! protocol. Edits by writing in place and by rename show up in the page
//! without a reload; a typo shows its error with its line, and fixing it
//! takes the error away. Also prints, over 20 edits, the median and worst
//! time from a save to the new text in the page (a measurement, never an
//! assertion).
//!
//! With `PREVIEW_SCREENSHOTS=DIR`, it saves `DIR/…-page.png` and
//! `DIR/…-error.png`. Under `CI=true` a missing Chromium fails the test.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::TempDir;
use common::watch::{PATIENCE, Watching, save_by_rename};
use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

/// Where Debian installs Chromium.
const CHROMIUM: &str = "/usr/bin/chromium";

/// Whether Chromium is installed; under `CI=true` it must be.
fn chromium() -> bool {
    let found = Path::new(CHROMIUM).exists();
    if !found && std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{CHROMIUM} is required when CI=true; install the chromium package");
    }
    if !found {
        eprintln!("skipping: {CHROMIUM} is not installed");
    }
    found
}

/// A headless Chromium with its own profile, ended when dropped.
struct Browser {
    child: Child,
    _profile: TempDir,
    port: u16,
}

impl Browser {
    fn start() -> Browser {
        let profile = TempDir::new("chromium-profile");
        let child = Command::new(CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        let file = profile.path().join("DevToolsActivePort");
        let end = Instant::now() + PATIENCE;
        let port = loop {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            if let Some(port) = text.lines().next().and_then(|l| l.trim().parse().ok()) {
                break port;
            }
            assert!(Instant::now() < end, "chromium wrote no DevToolsActivePort");
            std::thread::sleep(Duration::from_millis(50));
        };
        Browser {
            child,
            _profile: profile,
            port,
        }
    }

    /// The DevTools connection to the browser's first page.
    fn page(&self) -> Page {
        let list = http_get(self.port, "/json/list");
        let targets: Value = serde_json::from_str(&list).expect("the target list is JSON");
        let url = targets
            .as_array()
            .and_then(|t| t.iter().find(|t| t["type"] == "page"))
            .and_then(|t| t["webSocketDebuggerUrl"].as_str())
            .expect("a page target")
            .to_owned();
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect to chromium");
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let (socket, _) = tungstenite::client(url.as_str(), stream).expect("DevTools handshake");
        Page { socket, next: 0 }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A GET on 127.0.0.1:`port`, the body as text.
fn http_get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // Chromium keeps the connection open: read up to the Content-Length.
    let mut reply = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&reply).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head.lines().find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<usize>().ok())?
            });
            if length.is_none_or(|n| body.len() >= n) {
                return body.to_owned();
            }
        }
        let n = stream.read(&mut chunk).expect("read the reply");
        if n == 0 {
            return text
                .split_once("\r\n\r\n")
                .map(|(_, b)| b.to_owned())
                .unwrap_or_default();
        }
        reply.extend_from_slice(&chunk[..n]);
    }
}

/// One page over the DevTools protocol.
struct Page {
    socket: WebSocket<TcpStream>,
    next: u64,
}

impl Page {
    /// Send a command; its id.
    fn send(&mut self, method: &str, params: Value) -> u64 {
        self.next += 1;
        let message = json!({ "id": self.next, "method": method, "params": params });
        self.socket
            .send(Message::text(message.to_string()))
            .expect("send a DevTools command");
        self.next
    }

    /// The reply to command `id` (events in between are skipped).
    fn reply(&mut self, id: u64) -> Value {
        loop {
            let message = self.socket.read().expect("a DevTools reply in time");
            let Message::Text(text) = message else {
                continue;
            };
            let value: Value = serde_json::from_str(text.as_str()).expect("DevTools JSON");
            if value["id"] == id {
                assert!(value["error"].is_null(), "DevTools error: {value}");
                return value["result"].clone();
            }
        }
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.send(method, params);
        self.reply(id)
    }

    /// Start waiting in the page until `condition` (a JS expression) holds;
    /// the id whose reply says it does.
    fn wait_for(&mut self, condition: &str) -> u64 {
        let script = format!(
            "new Promise((done) => {{
               const met = () => {{ try {{ return !!({condition}); }} catch (e) {{ return false; }} }};
               if (met()) return done(true);
               const seen = new MutationObserver(() => {{ if (met()) {{ seen.disconnect(); done(true); }} }});
               seen.observe(document, {{ subtree: true, childList: true, characterData: true, attributes: true }});
             }})"
        );
        self.send(
            "Runtime.evaluate",
            json!({ "expression": script, "awaitPromise": true, "returnByValue": true }),
        )
    }

    /// Wait until `condition` holds.
    fn until(&mut self, condition: &str) {
        let id = self.wait_for(condition);
        let result = self.reply(id);
        assert_eq!(result["result"]["value"], true, "{condition}: {result}");
    }

    /// The value of a JS expression.
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "awaitPromise": true, "returnByValue": true }),
        );
        result["result"]["value"].clone()
    }

    /// Save a screenshot as PNG.
    fn screenshot(&mut self, path: &Path) {
        let shot = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        let data = shot["data"].as_str().expect("screenshot data");
        std::fs::write(path, base64(data)).expect("write the screenshot");
    }
}

/// Whether some text item on the pages has `word` in it.
fn shows(word: &str) -> String {
    format!(
        "[...document.querySelectorAll('#pages [aria-label]')]\
         .some((e) => e.getAttribute('aria-label').includes('{word}'))"
    )
}

/// The seed with one bullet's text replaced by `word`.
fn edited(seed: &str, word: &str) -> String {
    seed.replacen(
        "achieving p99 API latency",
        &format!("achieving {word} API latency"),
        1,
    )
}

/// Decode standard base64 (what DevTools sends screenshots in).
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').map(value).collect();
    digits
        .chunks(4)
        .flat_map(|c| {
            let n = c
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &d)| n | (u32::from(d) << (18 - 6 * i)));
            let bytes = n.to_be_bytes();
            bytes[1..c.len()].to_vec()
        })
        .collect()
}

#[test]
fn the_preview_follows_saves_errors_and_fixes() {
    if !chromium() {
        return;
    }
    let dir = TempDir::new("preview").with_seed();
    let path = dir.path().join("resume.toml");
    let seed = std::fs::read_to_string(&path).unwrap();
    let mut watch = Watching::start(dir.path(), &["resume.toml", "--serve", "--port", "0"]);
    let url = watch.until(|l| l.starts_with("preview at http://127.0.0.1:"));
    let url = url.trim_start_matches("preview at ").to_owned();
    assert!(watch.build().ok);

    let browser = Browser::start();
    let mut page = browser.page();
    page.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 1000, "height": 1300, "deviceScaleFactor": 1, "mobile": false }),
    );
    page.call("Page.navigate", json!({ "url": url }));
    page.until(&shows("p99"));
    page.until("document.getElementById('fit').textContent.startsWith('fit: ')");
    // The variants are there to switch to, and the PDF is the one written.
    let documents = page.eval("document.getElementById('variant').options.length");
    assert!(documents.as_u64() > Some(1), "a switcher: {documents}");
    let served = page.eval(
        "fetch(document.getElementById('pdf').href).then((r) => r.arrayBuffer()).then((b) => b.byteLength)",
    );
    let written = std::fs::metadata(dir.path().join("resume.pdf"))
        .unwrap()
        .len();
    assert_eq!(
        served.as_u64(),
        Some(written),
        "the PDF link serves the PDF written"
    );
    let loads = page.eval("performance.getEntriesByType('navigation').length");

    // In place.
    std::fs::write(&path, edited(&seed, "Quokka")).unwrap();
    page.until(&shows("Quokka"));
    // By rename, as vim saves.
    save_by_rename(&path, &edited(&seed, "Wombat"));
    page.until(&shows("Wombat"));
    if let Some(dir) = std::env::var_os("PREVIEW_SCREENSHOTS") {
        page.screenshot(&PathBuf::from(dir).join("r17-watch-page.png"));
    }

    // A typo: its error and line over the page; the last pages stay.
    let typo = edited(&seed, "Wombat").replacen("location = ", "locaton = ", 1);
    let line = typo.lines().position(|l| l.starts_with("locaton")).unwrap() + 1;
    std::fs::write(&path, &typo).unwrap();
    let located = format!("resume.toml:{line}:1");
    page.until(&format!(
        "[...document.querySelectorAll('#problems .diagnostic.error')]\
         .some((e) => e.dataset.location === '{located}' && e.textContent.includes('locaton'))"
    ));
    assert_eq!(page.eval(&shows("Wombat")), true, "the last pages stay");
    if let Some(dir) = std::env::var_os("PREVIEW_SCREENSHOTS") {
        page.screenshot(&PathBuf::from(dir).join("r17-watch-error.png"));
    }
    // Fixed: the error goes.
    std::fs::write(&path, edited(&seed, "Bilby")).unwrap();
    page.until(&shows("Bilby"));
    page.until("document.getElementById('problems').children.length === 0");

    // From a save to the new text in the page, 20 times.
    let mut times = Vec::new();
    for i in 0..20 {
        let word = format!("Edit{i}x");
        let id = page.wait_for(&shows(&word));
        // Let the page start waiting before the save.
        std::thread::sleep(Duration::from_millis(150));
        let text = edited(&seed, &word);
        let saved = Instant::now();
        std::fs::write(&path, text).unwrap();
        let result = page.reply(id);
        times.push(saved.elapsed());
        assert_eq!(result["result"]["value"], true);
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    eprintln!(
        "save to updated page over {} edits: median {:.1} ms, worst {:.1} ms",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
    watch.builds_within(Duration::from_millis(500));
    let builds: Vec<&String> = watch
        .log
        .iter()
        .filter(|l| l.starts_with("built in"))
        .collect();
    eprintln!("last build: {:?}", builds.last());
    // Never reloaded: the page updated itself.
    assert_eq!(
        page.eval("performance.getEntriesByType('navigation').length"),
        loads
    );
    assert_eq!(watch.stop("INT"), Some(0));
}
