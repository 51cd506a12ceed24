//! Damaged `[fonts] fallback` files: whatever bytes a font file holds,
//! compiling (and drawing the page as SVG and PNG) never panics; it builds, or the font is an error at its line
//! in the TOML. Through the library for a systematic sweep of corrupted
//! tables, and through the binary for the exit code and a clean stderr.

mod common;

use std::sync::Arc;

use common::{TempDir, run_in};
use resume::diag::Diagnostic;
use resume::{FontFile, Options, Session};

/// A real OpenType font: CFF outlines, GSUB, GPOS, a format 4 and 12 cmap.
const FONT: &[u8] = include_bytes!("fixtures/fonts/cjk-subset.otf");

/// A résumé whose text needs the fallback font (no bundled face has kana
/// or kanji), in the body, a bold name and a justified paragraph.
const TOML: &str = "lang = \"ja\"\n\n[fonts]\nfallback = [\"cjk.otf\"]\n\n\
                    [theme]\njustify = true\n\n\
                    [person]\nname = \"山田 太郎\"\nheadline = \"ソフトウェアエンジニア\"\n\n\
                    [[sections]]\ntitle = \"概要\"\n\
                    text = \"東京を拠点とするバックエンドエンジニア。分散システムと検索基盤の設計が専門です。 \
                    王小明 北京大学 工程师 简历 0123 ABC abc\"\n";

/// Where the font's path is written in [`TOML`].
fn path_span() -> std::ops::Range<usize> {
    let start = TOML.find("\"cjk.otf\"").unwrap();
    start..start + "\"cjk.otf\"".len()
}

/// The offset and length of a table of [`FONT`].
fn table(tag: &[u8; 4]) -> (usize, usize) {
    let count = usize::from(u16::from_be_bytes([FONT[4], FONT[5]]));
    let be32 = |at: usize| u32::from_be_bytes(FONT[at..at + 4].try_into().unwrap()) as usize;
    (0..count)
        .map(|i| 12 + 16 * i)
        .find(|&record| &FONT[record..record + 4] == tag)
        .map(|record| (be32(record + 8), be32(record + 12)))
        .expect("the table is in the font")
}

/// How compiling [`TOML`] with `font` as its fallback ended.
enum Outcome {
    Built,
    /// The font is an error at its line.
    Unusable,
    /// Some other error (a glyph so large that the page overflows).
    Other,
}

/// Compile [`TOML`] with `font`; any error about the font must be located.
fn compile(font: Vec<u8>) -> Outcome {
    let session = Session::new(TOML, Options::default()).unwrap();
    let files = session
        .read_fonts(|path| {
            assert_eq!(path, "cjk.otf");
            Ok(font.clone())
        })
        .unwrap();
    let errors: Vec<Diagnostic> = match session.with_fonts(&files) {
        Err(errors) => errors,
        Ok(session) => match session.compile(None) {
            Ok(out) => {
                assert!(out.pdf.starts_with(b"%PDF-"));
                // The pictures read the same outlines: they never panic
                // either (a glyph the parser fails on is left out).
                assert!(session.svg(&out.laid, 0).ends_with("</svg>\n"));
                assert!(session.png(&out.laid, 0, 18.0).is_ok());
                return Outcome::Built;
            }
            Err(failure) => failure.diagnostics,
        },
    };
    let about_the_font: Vec<&Diagnostic> = errors
        .iter()
        .filter(|d| d.is_error() && d.message.contains("cjk.otf"))
        .collect();
    for d in &about_the_font {
        assert_eq!(d.span, Some(path_span()), "{d:?}");
        assert_eq!(d.path.as_deref(), Some("fonts.fallback"), "{d:?}");
        assert!(
            d.message == "`cjk.otf` is not a usable font"
                || d.message.starts_with("`cjk.otf` is not a font file"),
            "{d:?}"
        );
    }
    if about_the_font.is_empty() {
        assert!(errors.iter().any(Diagnostic::is_error), "{errors:?}");
        Outcome::Other
    } else {
        Outcome::Unusable
    }
}

/// A small xorshift generator, so the sweep is the same on every run.
struct Seeded(u64);

impl Seeded {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Every byte of each table's first 48 (headers, counts and offsets), and
/// 48 more at seeded places, inverted one at a time: GSUB and GPOS (the
/// shaper's lookups), cmap (coverage), CFF (outlines, which the PDF
/// writer subsets) and post (the PDF writer reads the names).
#[test]
fn no_single_damaged_byte_in_the_main_tables_makes_compiling_panic() {
    assert!(matches!(compile(FONT.to_vec()), Outcome::Built));
    let mut random = Seeded(0x5EED_F0E7);
    let (mut built, mut unusable, mut other) = (0, 0, 0);
    for tag in [b"GSUB", b"GPOS", b"cmap", b"CFF ", b"post"] {
        let (offset, len) = table(tag);
        let places: Vec<usize> = (0..len.min(48))
            .chain((0..48).map(|_| random.below(len)))
            .collect();
        for at in places {
            let mut font = FONT.to_vec();
            font[offset + at] ^= 0xFF;
            match compile(font) {
                Outcome::Built => built += 1,
                Outcome::Unusable => unusable += 1,
                Outcome::Other => other += 1,
            }
        }
    }
    assert!(
        built > 0 && unusable > 0,
        "{built} built, {unusable} unusable, {other} other"
    );
}

/// A font whose `post` table makes the PDF writer's parser panic (its
/// version byte set to 2 without the glyph names version 2 has).
fn post_version_two() -> Vec<u8> {
    let (post, _) = table(b"post");
    let mut font = FONT.to_vec();
    font[post + 1] = 2;
    font
}

#[test]
fn a_font_the_pdf_writer_panics_on_is_unusable_at_its_line() {
    assert!(matches!(compile(post_version_two()), Outcome::Unusable));
}

#[test]
fn the_binary_reports_a_damaged_font_quietly_and_writes_nothing() {
    let dir = TempDir::new("damaged-font");
    dir.write("cv.toml", TOML);
    dir.write("cjk.otf", post_version_two());
    for command in ["check", "build"] {
        let (code, out, err) = run_in(dir.path(), &[command, "cv.toml"]);
        assert_eq!(code, 1, "{command}: {err}");
        assert!(
            err.contains("error: `cjk.otf` is not a usable font"),
            "{err}"
        );
        assert!(err.contains("cv.toml:4:13"), "{err}");
        assert!(
            err.contains("hint: the PDF writer fails on its tables"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "nothing else on stderr: {err}");
        assert!(!out.contains("panicked"), "{out}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("cv.toml")).unwrap(),
        TOML
    );
    assert!(!dir.path().join("cv.pdf").exists());

    // The same font, intact: it builds.
    dir.write("cjk.otf", FONT);
    let (code, _, err) = run_in(dir.path(), &["build", "cv.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(dir.path().join("cv.pdf").is_file());
}

/// A file shared by several fonts' entries is named twice: an error, read
/// once by the reader the session is given.
#[test]
fn the_same_font_twice_is_an_error_at_the_second() {
    let toml = TOML.replace("[\"cjk.otf\"]", "[\"cjk.otf\", \"./cjk.otf\"]");
    let session = Session::new(toml.as_str(), Options::default()).unwrap();
    let mut reads = 0;
    let errors = session
        .read_fonts(|_| {
            reads += 1;
            Ok(FONT.to_vec())
        })
        .unwrap_err();
    assert_eq!(reads, 1);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].message,
        "`./cjk.otf` is named twice in the fallback fonts"
    );
    let files = [FontFile {
        path: "cjk.otf".into(),
        data: Arc::new(FONT.to_vec()),
    }];
    assert!(
        Session::new(TOML, Options::default())
            .unwrap()
            .with_fonts(&files)
            .is_ok()
    );
}
