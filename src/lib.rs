//! # resume
//!
//! Compile a TOML résumé into a typeset one-page PDF.
//!
//! The pipeline is a chain of pure stages, driven by a [`Session`]:
//!
//! ```text
//! TOML text --model::parse-->   Resume     (as written, with spans)
//!           --select-->         Document   (one variant: markup parsed, dates formatted, settings)
//!           --Theme::resolve--> Theme      (every size, font and gap concrete)
//!           --build-->          blocks     (shaped glyphs in breakable fragments)
//!           --fit-->            Page       (lines broken and placed at the setting that fits)
//!           --trim-->           (when asked and it overflows: the fewest optional items dropped)
//!           --pdf-->            PDF bytes
//! ```
//!
//! A [`Session`] parses the TOML once and holds the font book, so every
//! variant of a résumé is laid out ([`Session::lay_out`]) or compiled
//! ([`Session::compile`]) without parsing or shaping again; each result
//! carries its warnings. [`compile`] is the one-line convenience for the
//! résumé as written.
//!
//! The library does no I/O: it takes the TOML text (and, through the
//! session, the bytes of any fallback font files and a creation time) and
//! returns bytes plus diagnostics. Reading files, writing the PDF
//! atomically and printing messages belong to the command line tool.
//!
//! ```
//! let toml = r#"
//! [person]
//! name = "Ada Example"
//! email = "ada@example.com"
//!
//! [[sections]]
//! title = "Summary"
//! text = "Builds **fast** things."
//! "#;
//! let out = resume::compile(toml, None).expect("compiles");
//! assert!(out.pdf.starts_with(b"%PDF-"));
//! assert!(out.laid.overflow().is_none());
//! ```

#![deny(missing_docs)]

/// Declares a pipeline stage: internal to the crate, and public only with
/// the `internals` feature, which the stage benchmarks and fuzz targets use.
/// Nothing a stage exposes that way is a stable API.
macro_rules! stage {
    ($(#[$attr:meta])* $name:ident) => {
        $(#[$attr])*
        #[cfg(feature = "internals")]
        pub mod $name;
        $(#[$attr])*
        #[cfg(not(feature = "internals"))]
        pub(crate) mod $name;
    };
}
pub(crate) use stage;

pub mod diag;
pub mod document;
pub mod interop;
mod kinds;
pub mod layout;
pub mod limits;
pub(crate) mod locale;
pub mod model;
stage!(pdf);
stage!(photo);
stage!(render);
stage!(select);
mod session;
stage!(text);
pub mod theme;
stage!(trim);
pub mod units;
stage!(variant);

use diag::Diagnostic;

pub use pdf::{Standard, Timestamp};
pub use session::{
    Cache, Compiled, Failure, FitReport, Laid, Options, Session, ThemeFileError, Uncovered,
};
pub use text::shape::{FontFile, FontWeight};
pub use trim::{CutPlan, CutTarget, Trimmed};

/// Compile TOML source into a one-page PDF: the résumé as written, in the
/// bundled faces. A [`Session`] does more (variants, fallback fonts, options).
///
/// `created` sets the PDF creation date; leave it `None` for byte-identical
/// output across builds. On failure the diagnostics include every warning too.
pub fn compile(source: &str, created: Option<Timestamp>) -> Result<Compiled, Vec<Diagnostic>> {
    let options = Options {
        created,
        ..Options::default()
    };
    Session::new(source, options)?
        .compile(None)
        .map_err(|f| f.diagnostics)
}
