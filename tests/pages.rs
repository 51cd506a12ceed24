//! Several pages when asked: `[fit] pages = N` and `--pages N`. The fewest
//! pages on which the content fits, page breaks between blocks and never
//! after a heading or an entry title, a running header on later pages,
//! and a PDF whose text, links, tags and outline run on across pages.

mod common;

use std::path::Path;
use std::process::Command;

use common::{TempDir, run_in};
use resume::Options;
use resume::layout::frame::{Item, Page, Role};

/// A résumé of `entries` identical entries (a title with dates and three
/// one-line bullets) in one section, with `[fit] pages` and `spread`.
fn entries_source(entries: usize, pages: u32, spread: bool) -> String {
    let mut toml = format!(
        "[fit]\npages = {pages}\nspread = {spread}\n\n[person]\nname = \"Ada Example\"\n\
         email = \"ada@example.com\"\n\n[[sections]]\ntitle = \"Experience\"\n"
    );
    for e in 0..entries {
        toml.push_str(&format!(
            "\n[[sections.entries]]\ntitle = \"Engineer {e}\"\norg = \"Example Corp\"\n\
             dates = {{ start = \"2020-01\", end = \"2021-01\" }}\nbullets = [\n\
             \"Shipped feature {e}a on time\",\n\"Shipped feature {e}b on time\",\n\
             \"Shipped feature {e}c on time\",\n]\n"
        ));
    }
    toml
}

fn lay_out(source: &str) -> resume::Laid {
    common::lay_out(source).unwrap_or_else(|d| panic!("lays out: {d:?}"))
}

/// How many of those entries fill `pages` pages' worth of height at the
/// preferred setting: measured on one page, where each entry adds the
/// same height, and extrapolated.
fn entries_for(pages: f64) -> usize {
    let fill = |m: usize| {
        let laid = lay_out(&entries_source(m, 1, false));
        assert_eq!(
            laid.fit.spacing, 1.0,
            "{m} entries fit at the preferred setting"
        );
        laid.fit.fill
    };
    let (two, three) = (fill(2), fill(3));
    let per_entry = three - two;
    let fixed = two - 2.0 * per_entry;
    ((pages - fixed) / per_entry).ceil() as usize
}

/// The preferred setting, as the fit report gives it.
fn is_preferred(fit: &resume::FitReport) -> bool {
    fit.spacing == 1.0 && fit.body_size.get() == 10.0 && (fit.leading - 1.2).abs() < 1e-9
}

/// Content of 1.05 pages at the preferred setting, allowed two pages,
/// becomes one tightened page rather than a page and a few lines.
#[test]
fn a_little_over_one_page_becomes_one_tight_page() {
    let m = entries_for(1.05);
    let laid = lay_out(&entries_source(m, 2, true));
    assert_eq!(laid.pages.len(), 1, "{:?}", laid.fit);
    assert!(laid.overflow().is_none());
    assert!(laid.fit.spacing < 1.0, "tightened: {:?}", laid.fit);
    assert_eq!(laid.fit.fills.len(), 1);
    assert!(laid.fit.passes <= 12, "{} passes", laid.fit.passes);
}

/// Content of 1.6 pages becomes two pages at the preferred setting, the
/// first one full, within the pass budget (12 + k for k pages).
#[test]
fn one_and_a_half_pages_become_two_generous_pages() {
    let m = entries_for(1.6);
    let laid = lay_out(&entries_source(m, 2, true));
    assert_eq!(laid.pages.len(), 2, "{:?}", laid.fit);
    assert!(laid.overflow().is_none());
    assert!(is_preferred(&laid.fit), "{:?}", laid.fit);
    assert_eq!(laid.fit.fills.len(), 2);
    // Full but for the next entry, which moved to page 2 whole.
    assert!(
        laid.fit.fills[0] > 0.9,
        "page 1 is full: {:?}",
        laid.fit.fills
    );
    assert!(
        (0.4..0.8).contains(&laid.fit.fills[1]),
        "{:?}",
        laid.fit.fills
    );
    assert_eq!(laid.fit.fill, laid.fit.fills[1], "fill is the last page's");
    assert!(laid.fit.passes <= 14, "{} passes", laid.fit.passes);
    // The same content limited to one page overflows it.
    let one = lay_out(&entries_source(m, 1, true));
    assert_eq!(one.pages.len(), 1);
    assert!(one.overflow().is_some());
}

/// `Options::pages` (`--pages`) wins over `[fit] pages`, and a variant's
/// `fit = { pages = 1 }` over the file's.
#[test]
fn the_option_and_variants_override_the_file() {
    let source = entries_source(entries_for(1.6), 2, true);
    let one = Options {
        pages: Some(1),
        ..Options::default()
    };
    let laid = common::lay_out_variant(&source, None, one).unwrap();
    assert_eq!(laid.pages.len(), 1);
    assert!(laid.overflow().is_some());
    let three = Options {
        pages: Some(3),
        ..Options::default()
    };
    let laid = common::lay_out_variant(&source, None, three).unwrap();
    assert_eq!(
        laid.pages.len(),
        2,
        "the fewest pages, not the most allowed"
    );

    let with_variant = format!("{source}\n[variants.short]\nfit = {{ pages = 1 }}\n");
    let laid = common::lay_out_variant(&with_variant, Some("short"), Options::default()).unwrap();
    assert_eq!(laid.pages.len(), 1);
}

/// The text of a placed block: its text items, concatenated.
fn block_text(page: &Page, items: &std::ops::Range<usize>) -> String {
    page.items[items.clone()]
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect()
}

/// No page but the last ends with a section heading or an entry's title
/// (or its subtitle or details), for many lengths of content.
fn check_page_feet(laid: &resume::Laid, what: &str) {
    let titles: Vec<String> = laid
        .document
        .sections
        .iter()
        .flat_map(|s| match &s.body {
            resume::document::Body::Entries(entries) => {
                entries.iter().map(|e| e.title.text()).collect()
            }
            _ => Vec::new(),
        })
        .collect();
    for (n, page) in laid.pages.iter().enumerate().rev().skip(1) {
        let last = page.blocks.last().expect("a page holds blocks");
        assert_ne!(
            last.role,
            Role::Heading,
            "{what}: page {} ends on a heading",
            n + 1
        );
        assert_ne!(last.role, Role::Running);
        let text = block_text(page, &last.items);
        assert!(
            !titles.iter().any(|t| text.starts_with(t.as_str())),
            "{what}: page {} ends on the entry title {text:?}",
            n + 1
        );
    }
}

#[test]
fn no_page_ends_on_a_heading_or_an_entry_title() {
    let base = entries_for(1.0);
    let mut several = 0;
    for m in (base..base * 3).step_by(2) {
        let laid = lay_out(&entries_source(m, 4, false));
        several += usize::from(laid.pages.len() > 1);
        check_page_feet(&laid, &format!("{m} entries"));
    }
    assert!(several >= 8, "most of these take several pages: {several}");
    let academic = read_example("academic-cv.toml");
    check_page_feet(&lay_out(&academic), "academic-cv");
}

fn read_example(name: &str) -> String {
    std::fs::read_to_string(common::root().join("examples").join(name)).unwrap()
}

/// The academic CV example is exactly two pages at its preferred setting;
/// its `brief` variant one.
#[test]
fn the_academic_cv_takes_two_pages() {
    let source = read_example("academic-cv.toml");
    let laid = lay_out(&source);
    assert_eq!(laid.pages.len(), 2);
    assert!(laid.overflow().is_none());
    assert!(laid.warnings.is_empty(), "{:?}", laid.warnings);
    assert!(
        laid.fit.fills[1] > 0.5,
        "page 2 is not a stub: {:?}",
        laid.fit
    );
    // Page 2 starts with its running header, above its content.
    let header = &laid.pages[1].blocks[0];
    assert_eq!(header.role, Role::Running);
    assert_eq!(
        block_text(&laid.pages[1], &header.items),
        "Dr Maren Okafor-Lindgren · page 2 of 2"
    );
    assert!(laid.pages[0].blocks.iter().all(|b| b.role != Role::Running));
    let brief = common::lay_out_variant(&source, Some("brief"), Options::default()).unwrap();
    assert_eq!(brief.pages.len(), 1);
    assert!(brief.overflow().is_none());
}

/// Run a command and return its stdout, requiring success.
fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn pdftotext(pdf: &Path, page: Option<usize>) -> Vec<String> {
    let mut cmd = Command::new("pdftotext");
    cmd.args(["-enc", "UTF-8"]);
    if let Some(n) = page {
        cmd.args(["-f", &n.to_string(), "-l", &n.to_string()]);
    }
    run(cmd.arg(pdf).arg("-"))
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

/// Build the example in `dir` with extra arguments; the PDF's path.
fn build_example(dir: &TempDir, name: &str, args: &[&str]) -> std::path::PathBuf {
    let input = dir.write(name, read_example(name));
    let pdf = dir.path().join("out.pdf");
    let mut all = vec![
        "build",
        input.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    let (code, _, stderr) = run_in(dir.path(), &all);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains(": 2 pages, "), "{stderr}");
    pdf
}

/// `pdftotext` of the two-page PDF gives the document's words in order.
/// The running header at the top of page 2 is a pagination artifact, not
/// content: `Document::words` leaves it out, tagged readers skip it, and
/// pdftotext (which ignores tags) reads it first on its page, so it is
/// expected there and nowhere else.
fn check_extraction(pdf: &Path, laid: &resume::Laid) {
    let expected = laid.document.words();
    let header = words(&block_text(&laid.pages[1], &laid.pages[1].blocks[0].items));
    let first = pdftotext(pdf, Some(1));
    let second = pdftotext(pdf, Some(2));
    assert_eq!(
        second[..header.len()],
        header[..],
        "page 2 opens with its header"
    );
    let mut content = first.clone();
    content.extend_from_slice(&second[header.len()..]);
    if let Some(i) =
        (0..expected.len().max(content.len())).find(|&i| expected.get(i) != content.get(i))
    {
        panic!(
            "first mismatch at word {i}: expected {:?}, extracted {:?}",
            expected.get(i..(i + 8).min(expected.len())),
            content.get(i..(i + 8).min(content.len()))
        );
    }
    // The whole file reads the same: page 1, the header, the rest.
    let mut whole = first;
    whole.extend(second);
    assert_eq!(pdftotext(pdf, None), whole);
}

#[test]
fn a_two_page_pdf_extracts_the_documents_words_in_order() {
    if !common::tool("pdftotext") {
        return;
    }
    let dir = TempDir::new("pages-words");
    let pdf = build_example(&dir, "academic-cv.toml", &[]);
    check_extraction(&pdf, &lay_out(&read_example("academic-cv.toml")));
    // Justified and hyphenated, so that words break at line ends too.
    let source = read_example("academic-cv.toml")
        .replace("[theme]\n", "[theme]\njustify = true\nhyphenate = true\n");
    assert!(source.contains("hyphenate = true"));
    let input = dir.write("justified.toml", &source);
    let (code, _, stderr) = run_in(dir.path(), &["build", input.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    check_extraction(&dir.path().join("justified.pdf"), &lay_out(&source));
}

/// A résumé's running header is in its language: page 2 of the academic
/// CV in German reads "Seite 2 von 2", in the PDF as in the layout, and
/// `[locale] page` replaces the phrase.
#[test]
fn a_german_running_header_reads_seite_2_von_2() {
    let source = read_example("academic-cv.toml").replace("lang = \"en-GB\"", "lang = \"de\"");
    assert!(source.contains("\nlang = \"de\"\n"));
    let header = |laid: &resume::Laid| {
        assert_eq!(laid.pages.len(), 2);
        let block = &laid.pages[1].blocks[0];
        assert_eq!(block.role, Role::Running);
        block_text(&laid.pages[1], &block.items)
    };
    let laid = lay_out(&source);
    assert_eq!(header(&laid), "Dr Maren Okafor-Lindgren · Seite 2 von 2");
    let custom = source.replace(
        "[theme]\n",
        "[locale]\npage = \"S. {page}/{count}\"\n\n[theme]\n",
    );
    assert_eq!(
        header(&lay_out(&custom)),
        "Dr Maren Okafor-Lindgren · S. 2/2"
    );
    if !common::tool("pdftotext") {
        return;
    }
    let dir = TempDir::new("pages-german");
    let input = dir.write("lebenslauf.toml", &source);
    let (code, _, stderr) = run_in(dir.path(), &["build", input.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let pdf = dir.path().join("lebenslauf.pdf");
    let second = pdftotext(&pdf, Some(2));
    assert_eq!(
        second[..8].join(" "),
        "Dr Maren Okafor-Lindgren · Seite 2 von 2"
    );
    assert!(!pdftotext(&pdf, None).contains(&"page".to_owned()));
    check_extraction(&pdf, &laid);
}

/// PDF/UA-1: a two-page PDF passes krilla's validator and `qpdf --check`;
/// the structure tree and the outline run on to page 2, and the running
/// header is marked as a page-header artifact.
#[test]
fn a_two_page_pdf_meets_pdf_ua_1() {
    let dir = TempDir::new("pages-ua");
    let pdf = build_example(&dir, "academic-cv.toml", &["--pdf-standard", "ua-1"]);
    let bytes = std::fs::read(&pdf).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    for marker in ["/StructTreeRoot", "/MarkInfo", "/Outlines"] {
        assert!(raw.contains(marker), "{marker} in the PDF");
    }
    if !common::tool("qpdf") || !common::tool("pdftotext") {
        return;
    }
    run(Command::new("qpdf").arg("--check").arg(&pdf));
    // Every section heading is in the outline, pointing at its page.
    let json = run(Command::new("qpdf")
        .args(["--json", "--json-key=pages"])
        .arg(&pdf));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let outlines = |page: usize| -> Vec<String> {
        json["pages"][page]["outlines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["title"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(json["pages"].as_array().map(Vec::len), Some(2));
    assert_eq!(outlines(0)[0], "Research interests");
    assert_eq!(
        outlines(1),
        ["Invited talks", "Teaching", "Service", "Skills"],
        "page 2's headings point at page 2"
    );
    let qdf = dir.path().join("qdf.pdf");
    run(Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(&pdf)
        .arg(&qdf));
    let qdf = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    let qdf = qdf.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        qdf.matches("/Subtype/Header/Type/Pagination").count(),
        1,
        "the running header is a page-header artifact"
    );
    // Both pages' content is in the structure tree.
    assert_eq!(
        qdf.matches("/StructParents").count(),
        2,
        "both pages tagged"
    );
    check_extraction(&pdf, &lay_out(&read_example("academic-cv.toml")));
}

/// The reports: the fill of each page, "fits on 2 pages", "2 pages" in
/// the build line, `pages` and `fills` in JSON, and `--pages` overriding
/// the file.
#[test]
fn reports_give_every_pages_fill() {
    let dir = TempDir::new("pages-report");
    let input = dir.write("cv.toml", read_example("academic-cv.toml"));
    let input = input.to_str().unwrap();
    let (code, stdout, stderr) = run_in(dir.path(), &["check", input]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("; pages 9"), "{stdout}");
    assert!(stdout.contains("% full\n"), "{stdout}");
    assert!(stdout.contains("ok, fits on 2 pages"), "{stdout}");

    let (code, stdout, _) = run_in(dir.path(), &["check", input, "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["pages"], 2);
    assert_eq!(v["fit"]["fills"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["fit"]["fill"], v["fit"]["fills"][1]);

    let (code, _, stderr) = run_in(dir.path(), &["build", input, "--pages", "1"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("overflows the page by"), "{stderr}");
    assert!(!dir.path().join("cv.pdf").exists());

    let (code, _, stderr) = run_in(dir.path(), &["build", input, "--pages", "9"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("9 is not in 1..=8"), "{stderr}");

    let (code, _, stderr) = run_in(dir.path(), &["build", "--all", input, "--out-dir", "dist"]);
    assert_eq!(code, 0, "{stderr}");
    let manifest = std::fs::read_to_string(dir.path().join("dist/manifest.json")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let pages: Vec<u64> = manifest["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["pages"].as_u64().unwrap())
        .collect();
    assert_eq!(pages, vec![2, 1], "as written, then brief");
}

/// Content that overflows the last page allowed even at the tightest
/// setting says which page, and that another page would help.
#[test]
fn an_overflow_names_the_last_page() {
    let m = entries_for(3.2);
    let dir = TempDir::new("pages-overflow");
    let input = dir.write("cv.toml", entries_source(m, 2, true));
    let (code, _, stderr) = run_in(dir.path(), &["check", input.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("the content overflows page 2 by"),
        "{stderr}"
    );
    assert!(stderr.contains("to fall off page 2"), "{stderr}");
    assert!(
        stderr.contains("`[fit] pages = 3` (or --pages 3)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("pages 9"),
        "the fit line gives both pages: {stderr}"
    );
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &["check", input.to_str().unwrap(), "--pages", "4"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("ok, fits on 3 pages"), "{stdout}");
}
