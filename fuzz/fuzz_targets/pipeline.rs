//! Arbitrary bytes, taken as UTF-8 text, through the whole pipeline: parse,
//! select, lay out, fit, write the PDF and draw the pages as SVG and PNG,
//! for the résumé as written and its first variants, all from one session
//! (so that the shared font book and its caches are exercised as `--all`
//! uses them). Every diagnostic is rendered too, with and without colour,
//! since spans index into the source.
//!
//! Nothing may panic, whatever the input.

#![no_main]

use libfuzzer_sys::fuzz_target;
use resume::diag::{Diagnostic, Source, render};
use resume::{Options, Session};

/// How many variants of one input are compiled.
const VARIANTS: usize = 3;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let session = match Session::new(text, Options::default()) {
        Ok(session) => session,
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "a failed parse says why");
            return render_all(text, &diagnostics);
        }
    };
    let variants = std::iter::once(None).chain(session.variants().take(VARIANTS).map(Some));
    for variant in variants {
        let diagnostics = match session.compile(variant) {
            Ok(out) => {
                assert!(out.pdf.starts_with(b"%PDF-"));
                // Every page as SVG; the first as a small PNG.
                for page in 0..out.laid.pages.len() {
                    assert!(session.svg(&out.laid, page).starts_with("<svg"));
                }
                assert!(session.png(&out.laid, 0, 9.0).is_ok());
                out.laid.warnings
            }
            Err(failure) => {
                assert!(!failure.diagnostics.is_empty(), "a failed compile says why");
                failure.diagnostics
            }
        };
        render_all(text, &diagnostics);
    }
});

/// Render every diagnostic, with and without colour.
fn render_all(text: &str, diagnostics: &[Diagnostic]) {
    let src = Source {
        name: "fuzz.toml",
        text,
    };
    for d in diagnostics {
        let _ = render(d, &src, false);
        let _ = render(d, &src, true);
    }
}
