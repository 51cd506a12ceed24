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
