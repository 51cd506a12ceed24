//! Non-Latin text: fallback font files from `[fonts] fallback`, and
//! right-to-left runs ordered by the Unicode Bidirectional Algorithm.

mod common;

use std::path::Path;
use std::process::Command;

use common::{TempDir, run_in};
use resume::layout::frame::Item;

const CJK_FONT: &str = "tests/fixtures/fonts/cjk-subset.otf";

/// Every CJK string of `non-latin.json` that the layout shows.
const CJK_TEXT: [&str; 14] = [
    "山田",
    "太郎",
    "ソフトウェアエンジニア",
    "東京都",
    "東京を拠点とするバックエンドエンジニア。分散システムと検索基盤の設計が専門です。",
    "株式会社サンプル",
    "シニアエンジニア",
    "検索基盤を再設計し、応答時間を",
    "短縮",
    "新人エンジニア",
    "名の育成を担当",
    "東京大学",
    "情報科学",
    "ネイティブ",
];

/// Import `non-latin.json` into `dir/cv/cv.toml`, with `fonts` as the
/// `[fonts]` table when given.
fn imported(dir: &TempDir, fonts: Option<&str>) -> String {
    let json = common::root().join("tests/fixtures/jsonresume/non-latin.json");
    std::fs::create_dir_all(dir.path().join("cv")).unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "import",
            json.to_str().unwrap(),
            "-o",
            "cv/cv.toml",
            "--force",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let path = dir.path().join("cv/cv.toml");
    let mut toml = std::fs::read_to_string(&path).unwrap();
    if let Some(fonts) = fonts {
        let at = toml
            .find("[person]")
            .expect("the import has a [person] table");
        toml.insert_str(at, &format!("[fonts]\n{fonts}\n\n"));
        std::fs::write(&path, &toml).unwrap();
    }
    toml
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    String::from_utf8(out.stdout).expect("pdftotext prints UTF-8")
}

#[test]
fn cjk_comes_from_a_fallback_font_file_given_relative_to_the_toml() {
    let dir = TempDir::new("cjk");
    // Without a fallback font the characters are reported, not dropped silently.
    imported(&dir, None);
    let (code, _, err) = run_in(dir.path(), &["build", "cv/cv.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("`山` (U+5C71)"), "{err}");

    std::fs::create_dir_all(dir.path().join("cv/fonts")).unwrap();
    std::fs::copy(
        common::root().join(CJK_FONT),
        dir.path().join("cv/fonts/cjk.otf"),
    )
    .unwrap();
    imported(&dir, Some("fallback = [\"fonts/cjk.otf\"]"));
    // Run from the directory above: the path is relative to the TOML file.
    let (code, _, err) = run_in(dir.path(), &["build", "cv/cv.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("in no font"), "{err}");
    let pdf = dir.path().join("cv/cv.pdf");
    assert!(pdf.is_file());

    if !common::tool("pdffonts") {
        return;
    }
    let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let noto = fonts
        .lines()
        .find(|l| l.contains("NotoSansCJK"))
        .unwrap_or_else(|| panic!("the fallback font is in the PDF:\n{fonts}"));
    assert!(
        noto.contains("yes yes yes"),
        "embedded, subset, with ToUnicode: {noto}"
    );
    let text = pdftotext(&pdf);
    for expected in CJK_TEXT {
        assert!(
            text.contains(expected),
            "`{expected}` is extracted:\n{text}"
        );
    }
}

#[test]
fn a_fallback_font_that_cannot_be_used_is_an_error_at_its_line() {
    let dir = TempDir::new("bad-font");
    let toml = "[fonts]\nfallback = [\"missing.otf\"]\n\n[person]\nname = \"Ada\"\n";
    dir.write("cv.toml", toml);
    let (code, _, err) = run_in(dir.path(), &["build", "cv.toml"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("error: cannot read font file `missing.otf`"),
        "{err}"
    );
    assert!(err.contains("cv.toml:2:13"), "{err}");
    assert!(!dir.path().join("cv.pdf").exists());

    dir.write("notes.otf", "not a font");
    dir.write("cv.toml", toml.replace("missing.otf", "notes.otf"));
    let (code, _, err) = run_in(dir.path(), &["check", "cv.toml"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("error: `notes.otf` is not a font file"),
        "{err}"
    );
    assert!(err.contains("cv.toml:2:13"), "{err}");

    // A device or a directory is refused before it is read (no hang on /dev/zero).
    for path in ["/dev/zero", "."] {
        dir.write("cv.toml", toml.replace("missing.otf", path));
        let (code, _, err) = run_in(dir.path(), &["check", "cv.toml"]);
        assert_eq!(code, 1);
        assert!(err.contains("it is not a regular file"), "{path}: {err}");
    }

    // At most eight files.
    let many = ["\"notes.otf\""; 9].join(", ");
    dir.write(
        "cv.toml",
        format!("[fonts]\nfallback = [{many}]\n\n[person]\nname = \"Ada\"\n"),
    );
    let (code, _, err) = run_in(dir.path(), &["check", "cv.toml"]);
    assert_eq!(code, 1);
    assert!(err.contains("more than 8 fallback fonts"), "{err}");
}

/// Lays out a résumé whose one section is `text`, and returns a function
/// giving the left edge of the glyph drawn for a character on the line
/// that holds `marker`.
fn glyph_positions(text: &str, marker: char) -> impl Fn(char) -> f64 {
    let source =
        format!("[person]\nname = \"Ada\"\n\n[[sections]]\ntitle = \"Notes\"\ntext = \"{text}\"\n");
    let laid = common::lay_out(&source).expect("lays out");
    assert!(laid.warnings.is_empty(), "{:#?}", laid.warnings);
    let items: Vec<resume::layout::frame::TextItem> = laid
        .pages
        .into_iter()
        .flat_map(|p| p.items)
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .collect();
    let line = items
        .iter()
        .rev()
        .find(|t| t.text.contains(marker))
        .map(|t| t.y.get())
        .expect("the line is placed");
    move |c| {
        for t in items.iter().filter(|t| (t.y.get() - line).abs() < 0.01) {
            let mut x = t.x.get();
            for g in &t.glyphs {
                if t.text[g.text.clone()].starts_with(c) {
                    return x;
                }
                x += g.advance.get();
            }
        }
        panic!("no glyph for {c}");
    }
}

#[test]
fn right_to_left_phrases_read_right_to_left_inside_a_left_to_right_line() {
    let x = glyph_positions("Hebrew: שלום עולם, fluent", 'H');
    // Visual order, left to right: "Hebrew:", עולם, שלום, ", fluent".
    // The first letters of each Hebrew word are their rightmost glyphs.
    assert!(x('H') < x('ע'), "Hebrew: before the phrase");
    assert!(x('ע') < x('ש'), "the second word is left of the first");
    assert!(x('ש') < x('f'), "the phrase before `fluent`");
    // Within a word, letters run right to left: ם (last) left of ש (first).
    assert!(x('ם') < x('ש'));

    // An Arabic paragraph with a number: the digits keep their order.
    let x = glyph_positions("خبرة 12 سنة", '1');
    assert!(x('1') < x('2'), "12 reads left to right");
    assert!(x('س') < x('1') && x('2') < x('خ'), "سنة 12 خبرة, visually");
}

#[test]
fn right_to_left_text_extracts_in_reading_order() {
    if !common::tool("pdftotext") {
        return;
    }
    let dir = TempDir::new("rtl");
    // poppler picks a page's main direction by counting letters, so this
    // page is, like most résumés with a few right-to-left names, mostly
    // left to right.
    let toml = "[person]\nname = \"عائشة المثال\"\nlocation = \"תל אביב\"\n\n\
                [[sections]]\ntitle = \"Summary\"\n\
                text = \"Backend engineer who builds payment systems and search \
                infrastructure for teams in Tel Aviv and Dubai.\"\n\n\
                [[sections]]\ntitle = \"Languages\"\n\
                text = \"Hebrew: שלום עולם, fluent\"\n";
    dir.write("cv.toml", toml);
    let (code, _, err) = run_in(dir.path(), &["build", "cv.toml"]);
    assert_eq!(code, 0, "{err}");
    let text = pdftotext(&dir.path().join("cv.pdf"));
    // poppler marks right-to-left runs with embedding controls, and the PDF
    // carries direction marks (U+200E, U+200F) beside punctuation in mixed
    // lines; neither prints. The words come back in logical order.
    let plain: String = text
        .chars()
        .filter(|c| {
            !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    let words: Vec<&str> = plain.split_whitespace().collect();
    for phrase in ["عائشة المثال", "תל אביב", "Hebrew: שלום עולם, fluent"]
    {
        let expected: Vec<&str> = phrase.split_whitespace().collect();
        assert!(
            words.windows(expected.len()).any(|w| w == expected),
            "`{phrase}` in reading order:\n{text}"
        );
    }
}
