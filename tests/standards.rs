//! `--pdf-standard`: PDF/A-2b and PDF/UA-1 through krilla's validators.

mod common;

use common::{TempDir, run_in};

fn seed_dir(label: &str) -> TempDir {
    let dir = TempDir::new(label);
    std::fs::copy(
        common::root().join("resume.toml"),
        dir.path().join("resume.toml"),
    )
    .unwrap();
    dir
}

/// PDF/UA-1: the seed résumé passes the validator, is tagged, and still
/// extracts word for word.
#[test]
fn seed_resume_meets_pdf_ua_1() {
    let dir = seed_dir("ua");
    let (code, _, stderr) = run_in(dir.path(), &["build", "--pdf-standard", "ua-1"]);
    assert_eq!(code, 0, "{stderr}");
    let pdf = dir.path().join("resume.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    for marker in ["/StructTreeRoot", "/MarkInfo", "/Outlines"] {
        assert!(text.contains(marker), "{marker} in the PDF");
    }
    if !common::tool("qpdf") || !common::tool("pdftotext") {
        return;
    }
    let check = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // The structure names headings, lists and links.
    let qdf = dir.path().join("qdf.pdf");
    std::process::Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(&pdf)
        .arg(&qdf)
        .status()
        .unwrap();
    let qdf = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    for tag in [
        "/S /H1",
        "/S /H2",
        "/S /L",
        "/S /LI",
        "/S /Lbl",
        "/S /LBody",
        "/S /Link",
    ] {
        assert!(qdf.contains(tag), "{tag} in the structure tree");
    }
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let words: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let source = std::fs::read_to_string(common::root().join("resume.toml")).unwrap();
    assert_eq!(words, common::lay_out(&source).unwrap().document.words());
}

/// PDF/A-2b needs a creation date: without SOURCE_DATE_EPOCH the build
/// fails with the validator's message; with it, it passes.
#[test]
fn pdf_a_2b_needs_a_date_and_then_passes() {
    let dir = seed_dir("a2b");
    let (code, _, stderr) = run_in(dir.path(), &["build", "--pdf-standard", "a-2b"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("not PDF/A-2b") && stderr.contains("SOURCE_DATE_EPOCH"),
        "{stderr}"
    );
    assert!(!dir.path().join("resume.pdf").exists());

    let out = common::bin()
        .current_dir(dir.path())
        .args(["build", "--pdf-standard", "a-2b"])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(dir.path().join("resume.pdf")).unwrap();
    assert!(
        String::from_utf8_lossy(&bytes).contains("pdfaid:part"),
        "XMP identifies PDF/A"
    );
}

/// PDF/UA-1 with icons and a photo: the validator passes, the photo is a
/// Figure with its alternative text, the icons are artifacts (drawn
/// outlines inside marked artifact content, no font of their own), and the
/// words read back are still the résumé's.
#[test]
fn icons_are_artifacts_and_the_photo_has_alt_text_in_pdf_ua_1() {
    let dir = TempDir::new("ua-photo");
    let seed = std::fs::read_to_string(common::root().join("resume.toml")).unwrap();
    let source = seed
        .replacen("[theme]\n", "[theme]\nname = \"humanist\"\n", 1)
        .replacen("location = ", "photo = \"me.jpg\"\nlocation = ", 1);
    std::fs::write(dir.path().join("resume.toml"), &source).unwrap();
    std::fs::copy(
        common::root().join("tests/fixtures/photo/portrait.jpg"),
        dir.path().join("me.jpg"),
    )
    .unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build", "--pdf-standard", "ua-1"]);
    assert_eq!(code, 0, "{stderr}");
    if !common::tool("qpdf") || !common::tool("pdftotext") || !common::tool("pdffonts") {
        return;
    }
    let pdf = dir.path().join("resume.pdf");
    let qdf = dir.path().join("qdf.pdf");
    let status = std::process::Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(&pdf)
        .arg(&qdf)
        .status()
        .unwrap();
    assert!(status.success());
    let qdf = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    assert!(qdf.contains("/S /Figure"), "a Figure in the structure tree");
    assert!(
        qdf.contains("/Alt (Photo of Aritro Roy)"),
        "the photo's alt text"
    );
    // Five icons: each filled path is in an artifact (`/Artifact ... BDC`,
    // a path, `f`, `EMC`); the heading rules are too, so count at least
    // the rules plus the icons.
    let artifacts = qdf.matches("/Artifact").count();
    let rules = 4;
    assert!(artifacts >= rules + 5, "{artifacts} artifacts");
    let fonts = std::process::Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        !fonts.contains("Awesome"),
        "no icon font is embedded:\n{fonts}"
    );
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)),
        "no private-use characters"
    );
    let words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
    let session = resume::Session::new(source, resume::Options::default())
        .unwrap()
        .with_photo(|_| Ok(std::fs::read(dir.path().join("me.jpg")).unwrap()))
        .unwrap();
    assert_eq!(words, session.lay_out(None).unwrap().words());
}
