//! Damaged font files as `[fonts] fallback`: loaded into one session, then
//! the résumé as written and a variant, whose text needs the font (kana and
//! kanji no bundled face has), are shaped, laid out and written as PDFs.
//!
//! The first input byte chooses how the rest becomes a font: odd, the rest
//! is the font file itself (start from `tests/fixtures/fonts/cjk-subset.otf`
//! as a seed); even, the rest is a list of four-byte patches, a 24-bit
//! offset and a byte XORed into the bundled copy of that subset there, so
//! that the fuzzer corrupts the tables of a real font from an empty corpus.
//!
//! Nothing may panic or print; a font the shaper, a parser or the PDF
//! writer fails on is an error at its line in the TOML (`fonts.fallback`),
//! and a compilation that fails says why.

#![no_main]

use libfuzzer_sys::fuzz_target;
use resume::diag::{Diagnostic, Severity};
use resume::{Options, Session};

/// A real OpenType (CFF) font with GSUB, GPOS and a format 4 and 12 cmap.
const FONT: &[u8] = include_bytes!("../../tests/fixtures/fonts/cjk-subset.otf");

/// Text that every run of the subset's characters reaches, in the body,
/// a bold name, an italic subtitle and a justified, hyphenated paragraph.
const TOML: &str = r#"lang = "ja"

[fonts]
fallback = ["damaged.otf"]

[theme]
justify = true
hyphenate = true

[person]
name = "山田 太郎"
headline = "ソフトウェアエンジニア"
location = "東京都"

[[sections]]
title = "概要"
id = "summary"
text = "東京を拠点とするバックエンドエンジニア。分散システムと検索基盤の設計が専門です。 王小明 北京大学 工程师 简历 0123456789 ABCXYZ abcxyz"

[[sections]]
title = "職歴"

[[sections.entries]]
title = "シニアエンジニア"
org = "株式会社サンプル"
subtitle = "*検索基盤*"
dates = { start = "2020-04", end = "present" }
bullets = [
  "検索基盤を再設計し、応答時間を **短縮**",
  { text = "新人エンジニア 5 名の育成を担当", priority = 3 },
]

[variants.short]
sections = ["summary"]
"#;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let font = if mode % 2 == 1 {
        rest.to_vec()
    } else {
        patched(rest)
    };
    let session = Session::new(TOML, Options::default()).expect("the résumé parses");
    let fonts = session
        .read_fonts(|_| Ok(font.clone()))
        .expect("the font is read");
    assert_eq!(fonts.len(), 1);
    let session = match session.with_fonts(&fonts) {
        Ok(session) => session,
        Err(diagnostics) => return font_errors_only(&diagnostics),
    };
    for variant in [None, Some("short")] {
        match session.compile(variant) {
            Ok(out) => assert!(out.pdf.starts_with(b"%PDF-")),
            Err(failure) => {
                let errors: Vec<&Diagnostic> = failure
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .collect();
                assert!(!errors.is_empty(), "a failed compile says why");
                for d in errors {
                    located(d);
                }
            }
        }
    }
});

/// The bundled subset with each four-byte patch (24-bit offset, XOR byte)
/// applied.
fn patched(patches: &[u8]) -> Vec<u8> {
    let mut font = FONT.to_vec();
    for p in patches.chunks_exact(4) {
        let at = (usize::from(p[0]) << 16 | usize::from(p[1]) << 8 | usize::from(p[2])) % font.len();
        font[at] ^= p[3];
    }
    font
}

/// Loading fails only with errors about the font, at its line.
fn font_errors_only(diagnostics: &[Diagnostic]) {
    assert!(!diagnostics.is_empty());
    for d in diagnostics {
        located(d);
    }
}

/// An error about the fallback font points at its path in the TOML; other
/// errors (the page overflows when glyphs are huge) are fine.
fn located(d: &Diagnostic) {
    if d.message.contains("damaged.otf") {
        assert_eq!(d.path.as_deref(), Some("fonts.fallback"), "{d:?}");
        let span = d.span.clone().expect("a font error has a span");
        assert_eq!(&TOML[span], "\"damaged.otf\"", "{d:?}");
        assert!(
            d.message.ends_with("is not a usable font") || d.message.contains("is not a font file"),
            "{d:?}"
        );
    }
}
