//! `resume watch` end to end: the binary on a temporary copy of the seed
//! résumé, edited the ways editors save, read through its report. The
//! waits are generous and nothing is timed: only what was built.

mod common;

use std::time::Duration;

use common::watch::{Watching, save_by_rename};
use common::{TempDir, tool};

/// The seed with one bullet's text replaced by `word`.
fn edited(seed: &str, word: &str) -> String {
    let bullet = "achieving p99 API latency";
    assert!(seed.contains(bullet));
    seed.replacen(bullet, &format!("achieving {word} API latency"), 1)
}

/// The words of a PDF, as pdftotext reads them (None without pdftotext).
fn pdf_text(pdf: &std::path::Path) -> Option<String> {
    if !tool("pdftotext") {
        return None;
    }
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A watch of the seed in a fresh folder, after its first build.
fn watching(label: &str) -> (TempDir, String, Watching) {
    let dir = TempDir::new(label).with_seed();
    let seed = std::fs::read_to_string(dir.path().join("resume.toml")).unwrap();
    let mut watch = Watching::start(dir.path(), &["resume.toml"]);
    let first = watch.build();
    assert!(first.ok, "{}", first.text());
    assert!(first.text().contains("fit: "), "{}", first.text());
    (dir, seed, watch)
}

/// Wait for the build after a save and check the PDF has `word`.
fn rebuilt_with(watch: &mut Watching, dir: &TempDir, word: &str) {
    let build = watch.build();
    assert!(build.ok, "{}", build.text());
    assert!(
        build.text().contains("wrote resume.pdf"),
        "{}",
        build.text()
    );
    if let Some(text) = pdf_text(&dir.path().join("resume.pdf")) {
        assert!(text.contains(word), "{word} not in the PDF:\n{text}");
    }
}

#[test]
fn a_save_in_place_rebuilds() {
    let (dir, seed, mut watch) = watching("watch-in-place");
    std::fs::write(dir.path().join("resume.toml"), edited(&seed, "Quokka")).unwrap();
    rebuilt_with(&mut watch, &dir, "Quokka");
    assert_eq!(watch.stop("INT"), Some(0));
}

#[test]
fn saves_by_rename_rebuild_and_watching_goes_on() {
    let (dir, seed, mut watch) = watching("watch-rename");
    let path = dir.path().join("resume.toml");
    save_by_rename(&path, &edited(&seed, "Wombat"));
    rebuilt_with(&mut watch, &dir, "Wombat");
    // The file watched now is another inode: the next save must be seen too.
    save_by_rename(&path, &edited(&seed, "Numbat"));
    rebuilt_with(&mut watch, &dir, "Numbat");
    std::fs::write(&path, edited(&seed, "Dingo")).unwrap();
    rebuilt_with(&mut watch, &dir, "Dingo");
    assert!(
        !dir.files().iter().any(|f| f.ends_with(".swp~")),
        "the editor's copy is gone"
    );
}

#[test]
fn a_deleted_then_recreated_file_rebuilds() {
    let (dir, seed, mut watch) = watching("watch-recreate");
    let path = dir.path().join("resume.toml");
    let pdf = std::fs::read(dir.path().join("resume.pdf")).unwrap();
    std::fs::remove_file(&path).unwrap();
    let gone = watch.build();
    assert!(!gone.ok, "{}", gone.text());
    assert!(gone.text().contains("resume.toml"), "{}", gone.text());
    assert_eq!(
        std::fs::read(dir.path().join("resume.pdf")).unwrap(),
        pdf,
        "the last good PDF stays"
    );
    std::fs::write(&path, edited(&seed, "Echidna")).unwrap();
    rebuilt_with(&mut watch, &dir, "Echidna");
}

#[test]
fn a_burst_of_saves_is_one_build() {
    let (dir, seed, mut watch) = watching("watch-burst");
    let path = dir.path().join("resume.toml");
    let texts: Vec<String> = (0..20)
        .map(|i| edited(&seed, &format!("Burst{i}")))
        .collect();
    for text in &texts {
        std::fs::write(&path, text).unwrap();
    }
    // The burst settles into one build. A writer paused mid-burst for
    // longer than the settling time (a loaded machine) is two bursts, and
    // a build may then read a file between its truncation and its new
    // content: that build fails and the next one, after the last save,
    // makes the PDF. Never one build per save.
    let mut builds = 0;
    loop {
        let build = watch.build();
        builds += 1;
        let text = build.text();
        if build.ok && text.contains("wrote resume.pdf") {
            let pdf = pdf_text(&dir.path().join("resume.pdf"));
            if pdf.is_none_or(|t| t.contains("Burst19")) {
                break;
            }
        }
        assert!(builds < 4, "{}", watch.log.join("\n"));
    }
    // Whatever else was queued would have been built by now.
    builds += watch.builds_within(Duration::from_secs(3));
    eprintln!("20 saves, {builds} build(s)");
    assert!(
        builds <= 3,
        "{builds} builds for 20 saves:\n{}",
        watch.log.join("\n")
    );
}

#[test]
fn an_error_keeps_the_last_good_pdf_until_fixed() {
    let (dir, seed, mut watch) = watching("watch-error");
    let path = dir.path().join("resume.toml");
    let pdf_path = dir.path().join("resume.pdf");
    let good = std::fs::read(&pdf_path).unwrap();
    let typo = seed.replacen("location = ", "locaton = ", 1);
    let line = typo.lines().position(|l| l.starts_with("locaton")).unwrap() + 1;
    std::fs::write(&path, &typo).unwrap();
    let failed = watch.build();
    assert!(!failed.ok, "{}", failed.text());
    let text = failed.text();
    assert!(text.contains("unknown field `locaton`"), "{text}");
    assert!(text.contains(&format!("resume.toml:{line}:1")), "{text}");
    assert!(text.contains("did you mean `location`?"), "{text}");
    assert_eq!(
        std::fs::read(&pdf_path).unwrap(),
        good,
        "the last good PDF stays"
    );
    std::fs::write(&path, edited(&seed, "Bilby")).unwrap();
    rebuilt_with(&mut watch, &dir, "Bilby");
}

#[test]
fn a_theme_file_it_uses_is_watched() {
    let dir = TempDir::new("watch-theme").with_seed();
    let path = dir.path().join("resume.toml");
    let seed = std::fs::read_to_string(&path).unwrap();
    dir.write("look.toml", "body_size = 10\n");
    let with_theme = seed.replacen("[theme]\n", "[theme]\nfile = \"look.toml\"\n", 1);
    std::fs::write(&path, with_theme).unwrap();
    let mut watch = Watching::start(dir.path(), &["resume.toml"]);
    let first = watch.build();
    assert!(first.ok, "{}", first.text());
    dir.write("look.toml", "body_size = 10\nbody_sizee = 9\n");
    let failed = watch.build();
    assert!(!failed.ok, "{}", failed.text());
    assert!(failed.text().contains("look.toml:2:1"), "{}", failed.text());
    save_by_rename(&dir.path().join("look.toml"), "body_size = 9.5\n");
    let fixed = watch.build();
    assert!(fixed.ok, "{}", fixed.text());
    assert!(fixed.text().contains("9.50 pt body"), "{}", fixed.text());
}

#[test]
fn ctrl_c_and_sigterm_end_it_with_exit_0() {
    for signal in ["INT", "TERM"] {
        let (_dir, _seed, watch) = watching("watch-signal");
        assert_eq!(watch.stop(signal), Some(0), "SIG{signal}");
    }
}

#[test]
fn standard_input_cannot_be_watched() {
    let dir = TempDir::new("watch-stdin");
    let (code, _, stderr) = common::run_in(dir.path(), &["watch", "-"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("standard input"), "{stderr}");
}

/// Send `request` as it is to the server at `addr`; the status line of
/// the reply (empty when the server closes without one).
fn raw(addr: &str, request: &[u8]) -> String {
    use std::io::{BufRead, BufReader, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect to the preview");
    stream
        .set_read_timeout(Some(common::watch::PATIENCE))
        .unwrap();
    let _ = stream.write_all(request);
    let mut line = String::new();
    let _ = BufReader::new(stream).read_line(&mut line);
    line.trim_end().to_owned()
}

#[test]
fn the_preview_server_answers_odd_requests_and_outlives_its_clients() {
    let dir = TempDir::new("watch-serve").with_seed();
    let mut watch = Watching::start(dir.path(), &["resume.toml", "--serve", "--port", "0"]);
    let url = watch.until(|l| l.starts_with("preview at "));
    let addr = url
        .trim_start_matches("preview at http://")
        .trim_end_matches('/')
        .to_owned();
    assert!(addr.starts_with("127.0.0.1:"), "this machine only: {url}");
    assert!(watch.build().ok);
    let get = |path: &str| {
        raw(
            &addr,
            format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes(),
        )
    };
    assert_eq!(get("/"), "HTTP/1.1 200 OK");
    assert_eq!(get("/state.json?doc=0"), "HTTP/1.1 200 OK");
    assert_eq!(get("/pdf?doc=0"), "HTTP/1.1 200 OK");
    for path in [
        "/nope",
        "/../../etc/passwd",
        "/pdf?doc=99",
        "/pdf?doc=x",
        "/state.jsonx",
    ] {
        assert_eq!(get(path), "HTTP/1.1 404 Not Found", "{path}");
    }
    let post = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello";
    assert_eq!(raw(&addr, post), "HTTP/1.1 405 Method Not Allowed");
    // Garbage, and clients that go away mid-request or mid-stream.
    let _ = raw(&addr, b"\x00\x01 nonsense\r\n\r\n");
    for half in [
        &b"GET /state.json HT"[..],
        b"GET /pdf?doc=0 HTTP/1.1\r\nHost: x\r\n\r\n",
    ] {
        use std::io::Write;
        let mut stream = std::net::TcpStream::connect(&addr).unwrap();
        stream.write_all(half).unwrap();
    }
    for _ in 0..40 {
        let _ = raw(&addr, b"GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    // Still serving, and still building.
    assert_eq!(get("/"), "HTTP/1.1 200 OK");
    let path = dir.path().join("resume.toml");
    let seed = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edited(&seed, "Potoroo")).unwrap();
    assert!(watch.build().ok);
    assert_eq!(get("/pdf?doc=0"), "HTTP/1.1 200 OK");
    assert_eq!(watch.stop("TERM"), Some(0));
}

#[test]
fn the_photo_it_uses_is_watched() {
    let dir = TempDir::new("watch-photo").with_seed();
    let path = dir.path().join("resume.toml");
    let seed = std::fs::read_to_string(&path).unwrap();
    let photos = common::root().join("tests/fixtures/photo");
    std::fs::copy(photos.join("portrait.jpg"), dir.path().join("me.jpg")).unwrap();
    let with_photo = seed.replacen("[person]\n", "[person]\nphoto = \"me.jpg\"\n", 1);
    std::fs::write(&path, with_photo).unwrap();
    let mut watch = Watching::start(dir.path(), &["resume.toml"]);
    assert!(watch.build().ok);
    let pdf = std::fs::read(dir.path().join("resume.pdf")).unwrap();
    // A damaged photo is an error at `person.photo`; the last PDF stays.
    std::fs::copy(photos.join("truncated.jpg"), dir.path().join("me.jpg")).unwrap();
    let failed = watch.build();
    assert!(!failed.ok, "{}", failed.text());
    assert!(failed.text().contains("me.jpg"), "{}", failed.text());
    assert_eq!(std::fs::read(dir.path().join("resume.pdf")).unwrap(), pdf);
    // A good photo again, saved by rename.
    let png = std::fs::read(photos.join("portrait.png")).unwrap();
    std::fs::write(dir.path().join("me.jpg.new"), png).unwrap();
    std::fs::rename(dir.path().join("me.jpg.new"), dir.path().join("me.jpg")).unwrap();
    let fixed = watch.build();
    assert!(fixed.ok, "{}", fixed.text());
    assert!(
        fixed.text().contains("wrote resume.pdf"),
        "{}",
        fixed.text()
    );
}
