//! End-to-end checks of the PDF the `resume` binary writes, read back with
//! poppler-utils (`pdfinfo`, `pdffonts`, `pdftotext`) and `qpdf`.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::TempDir;

/// Whether every listed external tool is available (fails instead when `CI=true`).
fn tools(names: &[&str]) -> bool {
    names.iter().all(|name| common::tool(name))
}

/// Run a command, require success, and return its stdout.
fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("failed to run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed with {}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("tool output is UTF-8")
}

/// `resume build INPUT -o OUTPUT` in `dir`, without SOURCE_DATE_EPOCH unless given.
fn build(dir: &Path, input: &str, output: &str, epoch: Option<&str>) -> PathBuf {
    let mut cmd = common::bin();
    cmd.current_dir(dir)
        .args(["build", input, "-o", output])
        .env_remove("SOURCE_DATE_EPOCH");
    if let Some(epoch) = epoch {
        cmd.env("SOURCE_DATE_EPOCH", epoch);
    }
    let out = cmd.output().expect("run resume");
    assert_eq!(
        out.status.code(),
        Some(0),
        "resume build {input} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.join(output);
    assert!(pdf.is_file(), "{} was written", pdf.display());
    pdf
}

/// Copy the seed `resume.toml` into `dir` and build it to `output`.
fn build_seed(dir: &Path, output: &str) -> PathBuf {
    std::fs::copy(common::root().join("resume.toml"), dir.join("resume.toml"))
        .expect("copy resume.toml");
    build(dir, "resume.toml", output, None)
}

/// Write `toml` into `dir` as `input.toml` and build it to `out.pdf`.
fn build_toml(dir: &Path, toml: &str) -> PathBuf {
    std::fs::write(dir.join("input.toml"), toml).expect("write input.toml");
    build(dir, "input.toml", "out.pdf", None)
}

/// The `Key: value` fields printed by `pdfinfo` (with ISO dates and the boxes).
fn pdfinfo(pdf: &Path) -> Vec<(String, String)> {
    run(Command::new("pdfinfo")
        .args(["-isodates", "-box", "-enc", "UTF-8"])
        .arg(pdf))
    .lines()
    .filter_map(|l| l.split_once(':'))
    .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
    .collect()
}

/// One `pdfinfo` field, if present.
fn info_field(info: &[(String, String)], key: &str) -> Option<String> {
    info.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
}

/// The page's MediaBox as `[x0, y0, x1, y1]` in points.
fn media_box(pdf: &Path) -> [f64; 4] {
    let info = pdfinfo(pdf);
    let value = info_field(&info, "MediaBox").expect("pdfinfo prints a MediaBox");
    let numbers: Vec<f64> = value
        .split_whitespace()
        .map(|n| n.parse().expect("MediaBox numbers"))
        .collect();
    numbers.try_into().expect("MediaBox has four numbers")
}

/// One row of `pdffonts`.
#[derive(Debug)]
struct FontRow {
    name: String,
    embedded: bool,
    subset: bool,
}

/// The fonts listed by `pdffonts`. Columns are read from the right because a
/// long font name pushes the rest of its row out of alignment.
fn pdffonts(pdf: &Path) -> Vec<FontRow> {
    let text = run(Command::new("pdffonts").arg(pdf));
    let mut lines = text.lines();
    let header = lines.next().expect("pdffonts header");
    assert!(header.starts_with("name"), "unexpected header {header:?}");
    let rule = lines.next().expect("pdffonts rule");
    assert!(rule.starts_with("---"), "unexpected rule {rule:?}");
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            assert!(fields.len() >= 6, "short pdffonts row {line:?}");
            // ... emb sub uni object-number generation
            let emb = fields[fields.len() - 5];
            let sub = fields[fields.len() - 4];
            FontRow {
                name: fields[0].to_owned(),
                embedded: emb == "yes",
                subset: sub == "yes",
            }
        })
        .collect()
}

/// The words `pdftotext` extracts (default reading-order mode).
fn pdftotext_words(pdf: &Path) -> Vec<String> {
    run(Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-"))
    .split_whitespace()
    .map(str::to_owned)
    .collect()
}

/// The file rewritten by qpdf in QDF form (uncompressed, no object streams),
/// with every run of whitespace collapsed to one space.
fn qdf_text(pdf: &Path, dir: &Path) -> String {
    let qdf = dir.join("qdf.pdf");
    run(Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&qdf));
    let bytes = std::fs::read(&qdf).expect("read QDF output");
    String::from_utf8_lossy(&bytes)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A PDF literal string starting right after its opening parenthesis.
fn pdf_string(after_paren: &str) -> String {
    let mut out = String::new();
    let mut chars = after_paren.chars();
    let mut depth = 0;
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '(' => {
                depth += 1;
                out.push(c);
            }
            ')' if depth == 0 => return out,
            ')' => {
                depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    panic!("unterminated PDF string {after_paren:?}");
}

/// The seed résumé's plain text, or `None` (and a note) when it is absent
/// outside CI.
fn seed_text() -> Option<String> {
    let path = common::root().join("../shared/seed-resume.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("{} is required when CI=true: {e}", path.display());
            }
            eprintln!("skipping: {} is missing ({e})", path.display());
            None
        }
    }
}

/// Length of the longest common subsequence of two word lists.
fn lcs_len(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Words of `words[i - radius .. i + radius]`, for failure messages.
fn context(words: &[String], i: usize, radius: usize) -> String {
    let start = i.saturating_sub(radius);
    let end = (i + radius).min(words.len());
    words[start..end].join(" ")
}

/// Building the seed résumé succeeds and gives exactly one US Letter page.
#[test]
fn seed_resume_builds_to_one_letter_page() {
    if !tools(&["pdfinfo"]) {
        return;
    }
    let dir = TempDir::new("one-page");
    let pdf = build_seed(dir.path(), "resume.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "the output is a PDF");
    let info = pdfinfo(&pdf);
    assert_eq!(info_field(&info, "Pages").as_deref(), Some("1"));
    assert_eq!(media_box(&pdf), [0.0, 0.0, 612.0, 792.0]);
}

/// Every font in the PDF is embedded as a subset (`ABCDEF+Name`), and there are several.
#[test]
fn every_font_is_an_embedded_subset() {
    if !tools(&["pdffonts"]) {
        return;
    }
    let dir = TempDir::new("fonts");
    let pdf = build_seed(dir.path(), "resume.pdf");
    let fonts = pdffonts(&pdf);
    assert!(fonts.len() >= 2, "at least two fonts: {fonts:?}");
    for font in &fonts {
        assert!(font.embedded, "{} is not embedded", font.name);
        assert!(font.subset, "{} is not a subset", font.name);
        let (tag, rest) = font
            .name
            .split_once('+')
            .unwrap_or_else(|| panic!("{} has no subset prefix", font.name));
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()) && !rest.is_empty(),
            "{} does not start with a six-letter subset tag",
            font.name
        );
    }
}

/// The contact links and the project link are clickable URI annotations without a border.
#[test]
fn links_are_borderless_uri_annotations() {
    if !tools(&["qpdf"]) {
        return;
    }
    let dir = TempDir::new("links");
    let pdf = build_seed(dir.path(), "resume.pdf");
    let text = qdf_text(&pdf, dir.path());

    let mut uris = BTreeSet::new();
    let mut links = 0;
    for object in text.split(" endobj") {
        if !object.contains("/Subtype /Link") {
            continue;
        }
        links += 1;
        let (_, after) = object
            .split_once("/URI (")
            .unwrap_or_else(|| panic!("link annotation without a URI action: {object}"));
        let uri = pdf_string(after);
        assert!(
            object.contains("/Border [ 0 0 0 ]"),
            "the link to {uri} does not have `/Border [0 0 0]` (a visible border): {object}"
        );
        uris.insert(uri);
    }

    let expected: BTreeSet<String> = [
        "mailto:aritrroy1999@gmail.com",
        "tel:+19176157396",
        "https://www.linkedin.com/in/aritro-roy",
        "https://github.com/aritro-roy",
        "https://github.com/aritro-roy/chinchilla-music",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    let missing: Vec<&String> = expected.difference(&uris).collect();
    assert!(
        missing.is_empty(),
        "missing links {missing:?}; found {uris:?}"
    );
    assert!(links >= expected.len(), "{links} link annotations");

    // A PDF reader sees the same links (older poppler has no `-url`).
    let listed = Command::new("pdfinfo").arg("-url").arg(&pdf).output();
    if let Some(out) = listed.ok().filter(|o| o.status.success()) {
        let seen: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .skip(1)
            .filter_map(|l| l.split_whitespace().nth(2).map(str::to_owned))
            .collect();
        assert_eq!(seen, uris, "pdfinfo -url lists the same URIs");
    }
}

/// The seed résumé with extra `[theme]` settings.
fn seed_with_theme(settings: &str) -> String {
    let source = std::fs::read_to_string(common::root().join("resume.toml")).unwrap();
    source.replacen("[theme]\n", &format!("[theme]\n{settings}\n"), 1)
}

/// Theme settings under which the extracted text must still be right:
/// the default, and justified, hyphenated text.
const TEXT_MODES: [&str; 3] = ["", "hyphenate = true", "justify = true\nhyphenate = true"];

/// `pdftotext` extracts exactly the document's words, in reading order,
/// also when lines are justified and words hyphenated.
#[test]
fn extracted_text_matches_the_document_word_for_word() {
    if !tools(&["pdftotext"]) {
        return;
    }
    for mode in TEXT_MODES {
        check_words(mode);
    }
}

fn check_words(mode: &str) {
    let dir = TempDir::new("words");
    let source = seed_with_theme(mode);
    let pdf = build_toml(dir.path(), &source);
    let expected = common::lay_out(&source)
        .expect("resume.toml lays out")
        .document
        .words();
    let actual = pdftotext_words(&pdf);

    if let Some(i) =
        (0..expected.len().max(actual.len())).find(|&i| expected.get(i) != actual.get(i))
    {
        panic!(
            "[{mode}] first mismatch at word {i} of {} expected / {} extracted:\n  \
             expected: {:?}\n  actual:   {:?}\n  expected context: {}\n  actual context:   {}",
            expected.len(),
            actual.len(),
            expected.get(i),
            actual.get(i),
            context(&expected, i, 8),
            context(&actual, i, 8),
        );
    }
}

/// At least 99% of the seed's words appear, in order, in the extracted
/// text, also when lines are justified and words hyphenated.
#[test]
fn extracted_text_keeps_the_seed_wording() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let Some(seed) = seed_text() else {
        return;
    };
    for mode in TEXT_MODES {
        check_seed_wording(&seed, mode);
    }
}

fn check_seed_wording(seed: &str, mode: &str) {
    // LaTeX and Markdown leftovers in the seed, and what the PDF prints instead.
    // The seed also has a stray space before the comma after each school name
    // ("New York University , NYC"); the résumé prints "New York University, NYC".
    let replacements = [
        (" ,", ","),
        ("Tech Stack:**", "Tech Stack:"),
        ("\\$1K", "$1K"),
        ("($D \\approx 200N$)", "(D ≈ 200N)"),
        ("($K=600$)", "(K = 600)"),
        ("`torch.compile`", "torch.compile"),
        // Smart punctuation (on by default) curls the apostrophe.
        ("BYJU'S", "BYJU\u{2019}S"),
    ];
    let mut normalized = String::new();
    for line in seed.lines() {
        let line = line.trim_start();
        normalized.push_str(line.strip_prefix("- ").unwrap_or(line));
        normalized.push('\n');
    }
    for (from, to) in replacements {
        assert!(normalized.contains(from), "the seed contains {from:?}");
        normalized = normalized.replace(from, to);
    }
    for leftover in ["**", "\\", "`", "$D", "$K"] {
        assert!(
            !normalized.contains(leftover),
            "normalization leaves {leftover:?} in the seed"
        );
    }
    let seed_words: Vec<String> = normalized.split_whitespace().map(str::to_owned).collect();

    let dir = TempDir::new("seed");
    let pdf = build_toml(dir.path(), &seed_with_theme(mode));
    let pdf_words = pdftotext_words(&pdf);

    let common = lcs_len(&seed_words, &pdf_words);
    let ratio = common as f64 / seed_words.len() as f64;
    println!(
        "[{mode}] {common} of {} seed words found in order in the PDF text: {:.4}",
        seed_words.len(),
        ratio
    );
    let extracted: BTreeSet<&String> = pdf_words.iter().collect();
    let absent: Vec<&String> = seed_words
        .iter()
        .filter(|w| !extracted.contains(w))
        .collect();
    println!("seed words never extracted: {absent:?}");
    assert!(
        ratio >= 0.99,
        "[{mode}] only {common} of {} seed words ({ratio:.4}) appear in order; never extracted: {absent:?}",
        seed_words.len()
    );
}

/// Title and author come from the name; a creation date appears only with SOURCE_DATE_EPOCH.
#[test]
fn metadata_has_title_author_and_date_only_from_source_date_epoch() {
    if !tools(&["pdfinfo"]) {
        return;
    }
    let dir = TempDir::new("meta");
    let undated = build_seed(dir.path(), "undated.pdf");
    let info = pdfinfo(&undated);
    assert_eq!(
        info_field(&info, "Title").as_deref(),
        Some("Aritro Roy — Résumé")
    );
    assert_eq!(info_field(&info, "Author").as_deref(), Some("Aritro Roy"));
    assert_eq!(
        info_field(&info, "CreationDate"),
        None,
        "no creation date without SOURCE_DATE_EPOCH"
    );

    let first = build(dir.path(), "resume.toml", "dated-1.pdf", Some("1700000000"));
    let second = build(dir.path(), "resume.toml", "dated-2.pdf", Some("1700000000"));
    let info = pdfinfo(&first);
    assert_eq!(
        info_field(&info, "CreationDate").as_deref(),
        Some("2023-11-14T22:13:20Z")
    );
    assert!(
        std::fs::read(&first).unwrap() == std::fs::read(&second).unwrap(),
        "two builds with the same SOURCE_DATE_EPOCH are byte-identical"
    );
}

/// Two builds of the same file are byte-identical.
#[test]
fn builds_are_byte_identical() {
    let dir = TempDir::new("reproducible");
    let first = std::fs::read(build_seed(dir.path(), "first.pdf")).unwrap();
    let second = std::fs::read(build(dir.path(), "resume.toml", "second.pdf", None)).unwrap();
    assert_eq!(first.len(), second.len(), "the two builds differ in length");
    if let Some(i) = first.iter().zip(&second).position(|(a, b)| a != b) {
        panic!("the two builds first differ at byte {i}");
    }
}

/// `qpdf --check` finds no errors and no warnings.
#[test]
fn qpdf_check_is_clean() {
    if !tools(&["qpdf"]) {
        return;
    }
    let dir = TempDir::new("qpdf");
    let pdf = build_seed(dir.path(), "resume.pdf");
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(&pdf)
        .output()
        .expect("run qpdf");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "qpdf --check:\n{text}");
    assert!(
        !text.to_uppercase().contains("WARNING"),
        "qpdf --check:\n{text}"
    );
}

/// Words set with ligatures (ffi, fl, ff, ffl) extract as their letters.
#[test]
fn ligatures_extract_as_letters() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let toml = "[person]\nname = \"Ada Example\"\n\n\
                [[sections]]\ntitle = \"Summary\"\ntext = \"An office efficient fluffy waffle.\"\n";

    // The page really does set ligatures: glyphs standing for several letters.
    let laid = common::lay_out(toml).expect("the summary lays out");
    let ligatures: Vec<&str> = laid.pages[0]
        .items
        .iter()
        .filter_map(|item| match item {
            resume::layout::frame::Item::Text(t) => Some(t),
            _ => None,
        })
        .flat_map(|t| {
            t.glyphs
                .iter()
                .map(|g| &t.text[g.text.clone()])
                .filter(|letters| letters.chars().count() > 1)
        })
        .collect();
    assert!(
        ligatures.contains(&"ffi") && ligatures.contains(&"ffl"),
        "expected ffi and ffl ligatures on the page, found {ligatures:?}"
    );

    let dir = TempDir::new("ligatures");
    let pdf = build_toml(dir.path(), toml);
    let words = pdftotext_words(&pdf);
    let wanted = ["office", "efficient", "fluffy", "waffle."];
    assert!(
        words.windows(wanted.len()).any(|w| w == wanted),
        "expected {wanted:?} in {words:?}"
    );
    let ligature = words
        .iter()
        .find(|w| w.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)));
    assert_eq!(ligature, None, "a ligature code point was extracted");
}

/// `paper = "a4"` gives a 595.28 × 841.89 pt page.
#[test]
fn a4_paper_gives_an_a4_page() {
    if !tools(&["pdfinfo"]) {
        return;
    }
    let dir = TempDir::new("a4");
    let pdf = build_toml(
        dir.path(),
        "[theme]\npaper = \"a4\"\n\n[person]\nname = \"Ada Example\"\n\n\
         [[sections]]\ntitle = \"Summary\"\ntext = \"Builds fast things.\"\n",
    );
    let [x0, y0, x1, y1] = media_box(&pdf);
    let near = |a: f64, b: f64| (a - b).abs() < 0.01;
    assert!(
        near(x0, 0.0) && near(y0, 0.0) && near(x1, 595.28) && near(y1, 841.89),
        "MediaBox {:?} is not A4",
        [x0, y0, x1, y1]
    );
}

/// `font = "sans"` embeds Inter.
#[test]
fn sans_font_embeds_inter() {
    if !tools(&["pdffonts"]) {
        return;
    }
    let dir = TempDir::new("sans");
    let pdf = build_toml(
        dir.path(),
        "[theme]\nfont = \"sans\"\n\n[person]\nname = \"Ada Example\"\n\n\
         [[sections]]\ntitle = \"Summary\"\ntext = \"Builds **fast** things.\"\n",
    );
    let fonts = pdffonts(&pdf);
    assert!(
        fonts.iter().any(|f| f.name.contains("Inter")),
        "no Inter font in {fonts:?}"
    );
    assert!(
        fonts.iter().all(|f| !f.name.contains("LMRoman")),
        "Latin Modern is embedded in a sans résumé: {fonts:?}"
    );
}
