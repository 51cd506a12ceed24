//! Fonts for every script: Devanagari from the bundled fonts, Chinese,
//! Japanese, Korean and emoji from installed system fonts (Debian's
//! fonts-noto-cjk and fonts-noto-color-emoji), which `--no-system-fonts`
//! and `[fonts] system = false` turn off; CJK text extracts without
//! invented spaces.

mod common;

use std::path::Path;
use std::process::Command;

use common::{TempDir, run_in};
use resume::{FontFile, Options, Session};

const NOTO_CJK: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const NOTO_EMOJI: &str = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";

/// Whether Noto CJK and Noto Color Emoji are installed; under `CI=true`
/// their absence fails the test.
fn noto_fonts() -> bool {
    let found = Path::new(NOTO_CJK).is_file() && Path::new(NOTO_EMOJI).is_file();
    if !found && std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "Noto CJK and Noto Color Emoji are required when CI=true; install fonts-noto-cjk and fonts-noto-color-emoji"
        );
    }
    if !found {
        eprintln!("skipping: fonts-noto-cjk or fonts-noto-color-emoji is not installed");
    }
    found
}

/// Characters written without spaces around them (Han, kana, CJK
/// punctuation, full-width forms).
fn unspaced(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{303F}' | '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Whitespace-separated words, with the words on either side of a break
/// next to a CJK character joined: a line may end between two characters
/// of a CJK run, which `pdftotext` prints as a line break.
fn joined_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let join = out.last().is_some_and(|last| {
            last.chars().next_back().is_some_and(unspaced)
                || word.chars().next().is_some_and(unspaced)
        });
        match out.last_mut() {
            Some(last) if join => last.push_str(word),
            _ => out.push(word.to_owned()),
        }
    }
    out
}

/// Each pair of CJK characters with one space between them, on one line.
fn spaced_pairs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        for w in chars.windows(3) {
            if unspaced(w[0]) && w[1] == ' ' && unspaced(w[2]) {
                out.push(w.iter().collect());
            }
        }
    }
    out
}

/// `pdftotext -raw`: the text in content order.
fn pdftotext_raw(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    String::from_utf8(out.stdout).expect("pdftotext prints UTF-8")
}

/// The words a reader must extract from `source`, as the library lays it
/// out (the words do not depend on the fonts).
fn document_words(source: &str) -> Vec<String> {
    let session = Session::new(source, Options::default()).expect("parses");
    session.lay_out(None).expect("lays out").words()
}

#[test]
fn the_japanese_example_builds_with_noto_cjk_and_names_it() {
    if !noto_fonts() || !common::tool("pdftotext") {
        return;
    }
    let dir = TempDir::new("japanese");
    let source = std::fs::read_to_string(common::root().join("examples/japanese.toml")).unwrap();
    dir.write("japanese.toml", &source);
    let (code, _, err) = run_in(dir.path(), &["build", "japanese.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("in no font"), "{err}");
    assert!(
        err.contains("system font Noto Sans CJK JP is used for 山 田 花 子")
            && err.contains("from /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc;")
            && err.contains("bold text from /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
        "{err}"
    );
    assert!(
        err.contains("`[fonts] fallback"),
        "the hint to pin it: {err}"
    );
    let text = pdftotext_raw(&dir.path().join("japanese.pdf"));
    let words = document_words(&source);
    assert_eq!(joined_words(&text), joined_words(&words.join(" ")));
    assert!(text.contains("2021年4月 – 現在"), "{text}");
    // No space between CJK characters that the source does not have.
    let written = spaced_pairs(&words.join(" "));
    for pair in spaced_pairs(&text) {
        assert!(written.contains(&pair), "`{pair}` gained a space: {text}");
    }
    // Kinsoku: no line starts with closing punctuation or a small kana,
    // none ends with an opening bracket.
    for line in text.lines() {
        let first = line.chars().next().unwrap_or(' ');
        let last = line.chars().next_back().unwrap_or(' ');
        assert!(
            !"、。」』）ッャュョー・".contains(first),
            "line starts with {first}: {line}"
        );
        assert!(!"「『（".contains(last), "line ends with {last}: {line}");
    }
}

#[test]
fn the_unicode_stress_case_builds_with_no_missing_glyph() {
    if !noto_fonts() || !common::tool("pdftotext") {
        return;
    }
    let dir = TempDir::new("stress");
    let source =
        std::fs::read_to_string(common::root().join("tests/fixtures/unicode-stress.toml")).unwrap();
    dir.write("stress.toml", &source);
    let (code, _, err) = run_in(dir.path(), &["build", "stress.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("in no font"), "{err}");
    assert!(err.contains("system font Noto Sans CJK"), "{err}");
    assert!(
        err.contains("system font Noto Color Emoji") && err.contains("🚀"),
        "{err}"
    );
    assert_eq!(err.matches("system font").count(), 2, "{err}");
    // Every word comes out, in order; right-to-left words are read in
    // visual order by pdftotext and come out somewhere on their line.
    let text = pdftotext_raw(&dir.path().join("stress.pdf"));
    let bidi =
        |c: char| ('\u{202A}'..='\u{202E}').contains(&c) || matches!(c, '\u{200E}' | '\u{200F}');
    let clean: String = text.chars().filter(|c| !bidi(*c)).collect();
    let rtl = |w: &str| w.chars().any(|c| ('\u{0590}'..='\u{08FF}').contains(&c));
    let extracted: Vec<&str> = clean.split_whitespace().filter(|w| !rtl(w)).collect();
    let words = document_words(&source);
    let expected: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !rtl(w))
        .collect();
    assert_eq!(extracted, expected);
    for word in words.iter().filter(|w| rtl(w)) {
        let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
        assert!(clean.contains(&letters), "{letters} in {clean}");
    }
    for word in [
        "क्षत्रिय,",
        "検索基盤の設計と運用を担当しました。",
        "한국어:",
        "ἦν",
        "👩‍💻",
        "q̣̇;",
    ] {
        assert!(clean.contains(word), "{word} in {clean}");
    }
}

#[test]
fn no_system_fonts_flag_and_setting_leave_the_characters_missing() {
    let dir = TempDir::new("no-system");
    let toml = "[person]\nname = \"山田 花子\"\n";
    dir.write("cv.toml", toml);
    for command in ["build", "check"] {
        let (code, _, err) = run_in(dir.path(), &[command, "cv.toml", "--no-system-fonts"]);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("`山` (U+5C71)"), "{err}");
        assert!(!err.contains("system font"), "{err}");
    }
    dir.write("off.toml", format!("{toml}\n[fonts]\nsystem = false\n"));
    let (code, _, err) = run_in(dir.path(), &["build", "off.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("`山` (U+5C71)"), "{err}");
    assert!(!err.contains("system font"), "{err}");
    if noto_fonts() {
        let (code, _, err) = run_in(dir.path(), &["check", "cv.toml"]);
        assert_eq!(code, 0, "{err}");
        assert!(!err.contains("in no font"), "{err}");
        assert!(err.contains("system font Noto Sans CJK"), "{err}");
    }
}

#[test]
fn only_characters_no_font_has_are_looked_up() {
    let seed = std::fs::read_to_string(common::root().join("resume.toml")).unwrap();
    let session = Session::new(seed, Options::default()).unwrap();
    assert!(session.allows_system_fonts());
    assert!(
        session.uncovered(&[None], &[]).is_empty(),
        "a Latin résumé needs nothing"
    );

    let toml = "lang = \"ja\"\n[person]\nname = \"山田 Zoë\"\nheadline = \"नमस्ते ≈ 🚀\"\n\
                [variants.en]\nlang = \"en\"\n[fonts]\nsystem = false\n";
    let session = Session::new(toml, Options::default()).unwrap();
    assert!(!session.allows_system_fonts());
    let uncovered = session.uncovered(&[None, Some("en")], &[]);
    assert_eq!(
        uncovered.graphemes,
        ["山", "田", "🚀"],
        "Devanagari is bundled"
    );
    assert_eq!(uncovered.langs, ["ja", "en"]);

    // A fallback file that has some of them leaves the rest.
    let font = std::fs::read(common::root().join("tests/fixtures/fonts/cjk-subset.otf")).unwrap();
    let files = [FontFile::new("cjk.otf", font)];
    let uncovered = session.uncovered(&[None], &files);
    assert_eq!(uncovered.graphemes, ["🚀"]);
}

#[test]
fn hindi_needs_no_installed_font() {
    let toml =
        "lang = \"hi\"\n[person]\nname = \"प्रिया शर्मा\"\nheadline = \"सॉफ़्टवेयर इंजीनियर, क्षत्रिय\"\n";
    let compiled = resume::compile(toml, None).expect("compiles");
    assert!(
        compiled.laid.warnings.is_empty(),
        "{:?}",
        compiled.laid.warnings
    );
    let session = Session::new(toml, Options::default()).unwrap();
    assert!(session.uncovered(&[None], &[]).is_empty());
}

#[test]
fn the_hindi_example_builds_with_no_system_font_and_extracts_its_words() {
    let dir = TempDir::new("hindi");
    let source = std::fs::read_to_string(common::root().join("examples/hindi.toml")).unwrap();
    dir.write("hindi.toml", &source);
    let (code, _, err) = run_in(dir.path(), &["build", "hindi.toml", "--no-system-fonts"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("in no font"), "{err}");
    if !common::tool("pdftotext") {
        return;
    }
    // Every character comes out, in order. (pdftotext puts a space inside
    // two words whose anusvara sits over the next letter's box, as in
    // सेकंड; the PDF's text has none.)
    let text = pdftotext_raw(&dir.path().join("hindi.pdf"));
    let extracted: String = text.split_whitespace().collect();
    assert_eq!(extracted, document_words(&source).concat());
    let words: Vec<&str> = text.split_whitespace().collect();
    for word in ["प्रिया", "वरिष्ठ", "परीक्षण", "प्रौद्योगिकी"]
    {
        assert!(words.contains(&word), "{word} in {text}");
    }
}

#[test]
fn where_two_full_width_marks_meet_one_is_half_width() {
    if !noto_fonts() {
        return;
    }
    let files = [FontFile {
        path: NOTO_CJK.to_owned(),
        data: std::sync::Arc::new(std::fs::read(NOTO_CJK).unwrap()),
        index: 0,
        system: Some(resume::FontWeight::Any),
    }];
    let toml = "lang = \"ja\"\n[person]\nname = \"A\"\n[[sections]]\ntitle = \"T\"\n\
                text = \"した。」と「『仕』」、\"\n";
    let session = Session::new(toml, Options::default())
        .unwrap()
        .with_fonts(&files)
        .unwrap();
    let laid = session.lay_out(None).unwrap();
    assert!(laid.warnings.is_empty(), "{:?}", laid.warnings);
    let mut advances: Vec<(String, f64)> = Vec::new();
    for page in &laid.pages {
        for item in &page.items {
            let resume::layout::frame::Item::Text(t) = item else {
                continue;
            };
            if !t.text.contains('仕') && !t.text.contains('。') {
                continue;
            }
            for g in &t.glyphs {
                let em = g.advance.get() / t.size.get();
                advances.push((
                    t.text[g.text.clone()].to_owned(),
                    (em * 100.0).round() / 100.0,
                ));
            }
        }
    }
    let em = |c: &str| -> Vec<f64> {
        advances
            .iter()
            .filter(|(t, _)| t == c)
            .map(|(_, a)| *a)
            .collect()
    };
    // 。 before 」: half; 」 before と: full; 「 then 『: the second half;
    // 』 before 」 half, 」 before 、 half, the last 、 full.
    assert_eq!(em("。"), [0.5], "{advances:?}");
    assert_eq!(em("「"), [1.0], "{advances:?}");
    assert_eq!(em("『"), [0.5], "{advances:?}");
    assert_eq!(em("』"), [0.5], "{advances:?}");
    assert_eq!(em("」"), [1.0, 0.5], "{advances:?}");
    assert_eq!(em("、"), [1.0], "{advances:?}");
}
