//! Deflate the theme fonts into `OUT_DIR`, where `theme::fonts` embeds them:
//! stored compressed, they keep the binary small, and a process inflates
//! only the faces its documents use. The files in `fonts/` stay unmodified
//! copies of their sources.

use std::io::Write;
use std::path::Path;

/// The fonts embedded compressed, relative to `fonts/`; `theme::fonts`
/// names the same files.
const DEFLATED: &[&str] = &[
    "latin-modern-mono/lmmono10-regular.otf",
    "latin-modern-mono/lmmonolt10-bold.otf",
    "latin-modern-mono/lmmono10-italic.otf",
    "latin-modern-mono/lmmonolt10-boldoblique.otf",
    "jetbrains-mono/JetBrainsMono-Regular.ttf",
    "jetbrains-mono/JetBrainsMono-Bold.ttf",
    "jetbrains-mono/JetBrainsMono-Italic.ttf",
    "jetbrains-mono/JetBrainsMono-BoldItalic.ttf",
    "xcharter/XCharter-Regular.otf",
    "xcharter/XCharter-Bold.otf",
    "xcharter/XCharter-Italic.otf",
    "xcharter/XCharter-BoldItalic.otf",
    "lato/Lato-Regular.ttf",
    "lato/Lato-Bold.ttf",
    "lato/Lato-Italic.ttf",
    "lato/Lato-BoldItalic.ttf",
    "noto-sans-devanagari/NotoSansDevanagari-Regular.ttf",
    "noto-sans-devanagari/NotoSansDevanagari-Bold.ttf",
];

fn main() {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    for file in DEFLATED {
        let source = Path::new("fonts").join(file);
        println!("cargo::rerun-if-changed={}", source.display());
        let data = std::fs::read(&source)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", source.display()));
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&data).expect("deflate into memory");
        let deflated = encoder.finish().expect("deflate into memory");
        let name = file.replace('/', "_") + ".deflate";
        std::fs::write(out.join(name), deflated).expect("write into OUT_DIR");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
