//! Arbitrary bytes, taken as UTF-8 text, through the whole pipeline: parse,
//! select, lay out, fit and write the PDF. Every diagnostic is rendered too,
//! with and without colour, since spans index into the source.
//!
//! Nothing may panic, whatever the input.

#![no_main]

use libfuzzer_sys::fuzz_target;
use resume::diag::{Source, render};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let diagnostics = match resume::compile(text, None) {
        Ok(out) => {
            assert!(out.pdf.starts_with(b"%PDF-"));
            out.warnings
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "a failed compile says why");
            diagnostics
        }
    };
    let src = Source {
        name: "fuzz.toml",
        text,
    };
    for d in &diagnostics {
        let _ = render(d, &src, false);
        let _ = render(d, &src, true);
    }
});
