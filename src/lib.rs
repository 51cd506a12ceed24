//! # resume
//!
//! Compile a TOML résumé into a typeset one-page PDF.
//!
//! The pipeline is a chain of pure stages; [`compile`] runs them top to bottom:
//!
//! ```text
//! TOML text --model::parse--> Resume     (as written, with spans)
//!           --select-->       Document   (markup parsed, dates formatted, settings resolved)
//!           --Theme::resolve-> Theme     (every size, font and gap concrete)
//!           --build-->        Vec<Block> (shaped glyphs in breakable fragments)
//!           --place-->        Page       (lines broken, items positioned, overflow measured)
//!           --pdf::write-->   PDF bytes
//! ```
//!
//! The library does no I/O: it takes the TOML text (and optionally a
//! creation time) and returns bytes plus diagnostics. Reading files, writing
//! the PDF atomically and printing messages belong to the command line tool.
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
//! assert!(out.page.overflow.is_none());
//! ```

pub mod diag;
pub mod document;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod select;
pub mod text;
pub mod theme;
pub mod units;

use diag::Diagnostic;
use document::Document;
use layout::build::Builder;
use layout::frame::Page;
use text::shape::FontBook;
use theme::Theme;

pub use pdf::Timestamp;

/// A laid-out résumé, before PDF writing.
#[derive(Clone, Debug)]
pub struct Laid {
    /// The resolved document.
    pub document: Document,
    /// The theme used.
    pub theme: Theme,
    /// The placed page (may overflow; see [`Page::overflow`]).
    pub page: Page,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
}

/// A compiled résumé.
#[derive(Clone, Debug)]
pub struct Compiled {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// The placed page.
    pub page: Page,
    /// The resolved document (its words are what the PDF must yield).
    pub document: Document,
    /// Warnings (nothing here stops the build).
    pub warnings: Vec<Diagnostic>,
}

/// Parse, select, build and place. Errors come back as diagnostics; an
/// overflowing page is not an error here (see [`compile`]).
pub fn lay_out(source: &str) -> Result<Laid, Vec<Diagnostic>> {
    let resume = model::parse(source).map_err(|d| vec![d])?;
    let document = select::select(&resume, source)?;
    let theme = Theme::resolve(&document.settings);
    let fonts = FontBook::new();
    let mut builder = Builder::new(&theme, &fonts);
    let blocks = builder.build(&document);
    let mut warnings = builder.warnings;
    let page = layout::place::place(&blocks, &theme, &fonts);
    warnings.extend(page.warnings.iter().cloned());
    Ok(Laid {
        document,
        theme,
        page,
        warnings,
    })
}

/// Compile TOML source into a one-page PDF.
///
/// `created` sets the PDF creation date; leave it `None` for byte-identical
/// output across builds. On failure the diagnostics include every warning too.
pub fn compile(source: &str, created: Option<Timestamp>) -> Result<Compiled, Vec<Diagnostic>> {
    let laid = lay_out(source)?;
    let mut warnings = laid.warnings;
    if let Some(overflow) = &laid.page.overflow {
        warnings.push(overflow_error(overflow));
        return Err(warnings);
    }
    let name = laid.document.name.text();
    let meta = pdf::Meta {
        title: format!("{name} — Résumé"),
        author: name,
        lang: laid.document.lang.clone(),
        created,
    };
    match pdf::write(&laid.page, &meta) {
        Ok(pdf) => Ok(Compiled {
            pdf,
            page: laid.page,
            document: laid.document,
            warnings,
        }),
        Err(message) => {
            warnings.push(Diagnostic::error(message));
            Err(warnings)
        }
    }
}

/// The diagnostic for content that does not fit on the page.
pub fn overflow_error(overflow: &layout::frame::Overflow) -> Diagnostic {
    Diagnostic::error(format!(
        "the content overflows the page by {} pt (about {:.1} lines)",
        overflow.by, overflow.lines
    ))
    .with_span(overflow.span.start..overflow.span.start)
    .with_hint(format!(
        "{} is the first to fall off the page",
        overflow.first
    ))
    .with_hint("shorten or remove bullets, or choose a smaller theme")
}
