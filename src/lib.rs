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
pub mod interop;
pub mod layout;
pub mod limits;
pub mod model;
pub mod pdf;
pub mod select;
pub mod text;
pub mod theme;
pub mod trim;
pub mod units;
pub mod variant;

use diag::Diagnostic;
use document::Document;
use layout::build::Builder;
use layout::fit;
use layout::frame::Page;
use text::shape::FontBook;
pub use text::shape::FontFile;
use theme::Theme;
use units::Pt;

pub use pdf::Timestamp;

/// A laid-out résumé, before PDF writing.
#[derive(Clone, Debug)]
pub struct Laid {
    /// The resolved document (after any trimming).
    pub document: Document,
    /// The theme used, with the fitter's setting applied.
    pub theme: Theme,
    /// The placed page (may overflow; see [`Page::overflow`]).
    pub page: Page,
    /// What the fitter did.
    pub fit: FitReport,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
}

/// What the fitter chose, for the build report.
#[derive(Clone, Debug, PartialEq)]
pub struct FitReport {
    /// Body font size.
    pub body_size: Pt,
    /// Line height as a multiple of the font size.
    pub leading: f64,
    /// Vertical spacing as a factor of the theme's.
    pub spacing: f64,
    /// Side margin.
    pub margin_x: Pt,
    /// Top margin.
    pub margin_top: Pt,
    /// Used height over available height.
    pub fill: f64,
    /// Layout passes run by the last fit.
    pub passes: usize,
    /// Items dropped to make the content fit, in the order they were dropped.
    pub trimmed: Vec<Trimmed>,
}

pub use trim::Trimmed;

/// Choices made outside the TOML (on the command line).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// PDF creation date; `None` keeps builds byte-identical.
    pub created: Option<Timestamp>,
    /// Drop low-priority items when the content cannot fit otherwise (as `[fit] trim = true`).
    pub trim: bool,
    /// The variant to build (`None`: the résumé as written).
    pub variant: Option<String>,
    /// A PDF standard the output must meet.
    pub standard: Option<pdf::Standard>,
    /// The `[fonts] fallback` files, read by [`load_fallback_fonts`]; a
    /// résumé's fallback fonts are used only when they are loaded here.
    pub fonts: Vec<FontFile>,
}

/// Read the résumé's `[fonts] fallback` files with `read` (the caller does
/// the I/O, e.g. relative to the TOML file's directory). A file that cannot
/// be read is an error at its path in the TOML.
pub fn load_fallback_fonts(
    resume: &model::Resume,
    mut read: impl FnMut(&str) -> Result<Vec<u8>, String>,
) -> Result<Vec<FontFile>, Vec<Diagnostic>> {
    if let Some(extra) = resume.fonts.fallback.get(limits::MAX_FALLBACK_FONTS) {
        return Err(vec![
            Diagnostic::error(format!(
                "more than {} fallback fonts",
                limits::MAX_FALLBACK_FONTS
            ))
            .with_span(extra.span())
            .with_path("fonts.fallback")
            .with_hint("one font per script is enough; list the ones the résumé needs"),
        ]);
    }
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in &resume.fonts.fallback {
        match read(path.get_ref()) {
            Ok(data) => files.push(FontFile {
                path: path.get_ref().clone(),
                data: std::sync::Arc::new(data),
            }),
            Err(why) => errors.push(
                Diagnostic::error(format!("cannot read font file `{}`: {why}", path.get_ref()))
                    .with_span(path.span())
                    .with_path("fonts.fallback")
                    .with_hint("a relative path is relative to the résumé file"),
            ),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
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
    /// What the fitter did.
    pub fit: FitReport,
    /// Warnings (nothing here stops the build).
    pub warnings: Vec<Diagnostic>,
}

/// Why compiling failed.
#[derive(Clone, Debug)]
pub struct Failure {
    /// Errors and warnings, in order.
    pub diagnostics: Vec<Diagnostic>,
    /// What the fitter tried, when the input got that far.
    pub fit: Option<FitReport>,
}

/// Parse, select, build, fit and place, with the TOML's own settings.
pub fn lay_out(source: &str) -> Result<Laid, Vec<Diagnostic>> {
    lay_out_with(source, &Options::default())
}

/// Parse, select, build, fit and place. Errors come back as diagnostics;
/// an overflowing page is not an error here (see [`compile`]).
pub fn lay_out_with(source: &str, options: &Options) -> Result<Laid, Vec<Diagnostic>> {
    let resume = model::parse(source)?;
    lay_out_parsed(&resume, source, options)
}

/// The faces a résumé is set in: the bundled ones and the `[fonts]
/// fallback` files loaded into `options`. One book can serve every variant
/// of the résumé (it caches shaping results).
pub fn font_book<'a>(
    resume: &model::Resume,
    options: &'a Options,
) -> Result<FontBook<'a>, Vec<Diagnostic>> {
    FontBook::with_fallback(&options.fonts).map_err(|i| {
        let file = &options.fonts[i];
        let mut d = Diagnostic::error(format!(
            "`{}` is not a font file (TrueType, OpenType or a collection)",
            file.path
        ))
        .with_path("fonts.fallback");
        if let Some(path) = resume.fonts.fallback.get(i) {
            d = d.with_span(path.span());
        }
        vec![d]
    })
}

/// [`lay_out_with`] for an already parsed résumé, so that building many
/// variants parses the file once.
pub fn lay_out_parsed(
    resume: &model::Resume,
    source: &str,
    options: &Options,
) -> Result<Laid, Vec<Diagnostic>> {
    let fonts = font_book(resume, options)?;
    lay_out_in(resume, source, options, &fonts)
}

/// [`lay_out_parsed`] with a font book made by [`font_book`].
pub fn lay_out_in(
    resume: &model::Resume,
    source: &str,
    options: &Options,
    fonts: &FontBook<'_>,
) -> Result<Laid, Vec<Diagnostic>> {
    let mut document = select::select_variant(resume, source, options.variant.as_deref())?;
    let theme = Theme::resolve(&document.settings);
    let trim = options.trim || document.settings.trim;
    let spread = document.settings.spread;
    let build = |doc: &Document| {
        let mut builder = Builder::new(&theme, fonts);
        let blocks = builder.build(doc);
        (blocks, builder.warnings)
    };
    let (mut blocks, mut warnings) = build(&document);
    let mut fitted = fit::fit(&blocks, &theme, fonts, spread);
    let mut trimmed = Vec::new();
    if fitted.page.overflow.is_some() && trim {
        // Drop as few optional items as make it fit at the tightest
        // setting: bisect on how many, in the fixed drop order.
        let plan = trim::plan(&document);
        let fits = |k: usize| {
            let (doc, _) = trim::apply(&document, &plan, k);
            fit::fits_tightest(&build(&doc).0, &theme, fonts)
        };
        if !plan.is_empty() {
            let (mut lo, mut hi) = (0, plan.len());
            if fits(hi) {
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if fits(mid) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
            }
            let (doc, dropped) = trim::apply(&document, &plan, hi);
            document = doc;
            trimmed = dropped;
            (blocks, warnings) = build(&document);
            fitted = fit::fit(&blocks, &theme, fonts, spread);
        }
    }
    warnings.extend(fitted.page.warnings.iter().cloned());
    for t in &trimmed {
        warnings.push(
            Diagnostic::warning(format!("dropped {} to fit the page", t.what))
                .with_span(t.span.start..t.span.start)
                .with_hint(format!("its priority is {}", t.priority)),
        );
    }
    let report = FitReport {
        body_size: fitted.theme.body_size,
        leading: fitted.theme.leading,
        spacing: fitted.adjust.spacing,
        margin_x: fitted.theme.margin_x,
        margin_top: fitted.theme.margin_top,
        fill: fitted.page.fill(),
        passes: fitted.passes,
        trimmed,
    };
    Ok(Laid {
        document,
        theme: fitted.theme,
        page: fitted.page,
        fit: report,
        warnings,
    })
}

/// Compile TOML source into a one-page PDF.
///
/// `created` sets the PDF creation date; leave it `None` for byte-identical
/// output across builds. On failure the diagnostics include every warning too.
pub fn compile(source: &str, created: Option<Timestamp>) -> Result<Compiled, Vec<Diagnostic>> {
    let options = Options {
        created,
        ..Options::default()
    };
    compile_with(source, &options).map_err(|f| f.diagnostics)
}

/// Compile with options from outside the TOML.
pub fn compile_with(source: &str, options: &Options) -> Result<Compiled, Failure> {
    let resume = model::parse(source).map_err(|diagnostics| Failure {
        diagnostics,
        fit: None,
    })?;
    compile_parsed(&resume, source, options)
}

/// [`compile_with`] for an already parsed résumé.
pub fn compile_parsed(
    resume: &model::Resume,
    source: &str,
    options: &Options,
) -> Result<Compiled, Failure> {
    let fonts = font_book(resume, options).map_err(|diagnostics| Failure {
        diagnostics,
        fit: None,
    })?;
    compile_in(resume, source, options, &fonts)
}

/// [`compile_parsed`] with a font book made by [`font_book`], which
/// several compilations (the variants of one résumé) can share.
pub fn compile_in(
    resume: &model::Resume,
    source: &str,
    options: &Options,
    fonts: &FontBook<'_>,
) -> Result<Compiled, Failure> {
    let laid = lay_out_in(resume, source, options, fonts).map_err(|diagnostics| Failure {
        diagnostics,
        fit: None,
    })?;
    let mut warnings = laid.warnings;
    if let Some(overflow) = &laid.page.overflow {
        let trim = options.trim || laid.document.settings.trim;
        warnings.push(overflow_error(overflow, &laid.document, trim, source));
        return Err(Failure {
            diagnostics: warnings,
            fit: Some(laid.fit),
        });
    }
    let name = laid.document.name.text();
    let meta = pdf::Meta {
        title: format!("{name} — Résumé"),
        author: name,
        lang: laid.document.lang.clone(),
        created: options.created,
        standard: options.standard,
    };
    let written = pdf::write(&laid.page, &meta, &options.fonts);
    // krilla memoises font subsets for the whole process (so that the
    // variants of --all share them); drop those that recent compilations
    // have not used, so that a long-lived process does not grow.
    comemo::evict(KEEP_UNUSED_SUBSETS);
    match written {
        Ok(pdf) => Ok(Compiled {
            pdf,
            page: laid.page,
            document: laid.document,
            fit: laid.fit,
            warnings,
        }),
        Err(messages) => {
            warnings.extend(messages.into_iter().map(Diagnostic::error));
            Err(Failure {
                diagnostics: warnings,
                fit: Some(laid.fit),
            })
        }
    }
}

/// How many compilations a memoised font subset survives without being used.
const KEEP_UNUSED_SUBSETS: usize = 16;

/// The diagnostic for content that does not fit on the page even at the
/// tightest setting: by how much, what falls off, and what to try.
pub fn overflow_error(
    overflow: &layout::frame::Overflow,
    document: &Document,
    trimmed: bool,
    source: &str,
) -> Diagnostic {
    let mut d = Diagnostic::error(format!(
        "the content overflows the page by {} pt (about {:.1} lines) at the tightest setting",
        overflow.by, overflow.lines
    ))
    .with_span(overflow.span.start..overflow.span.start)
    .with_hint(format!(
        "{} is the first to fall off the page",
        overflow.first
    ));
    for (group, span) in &overflow.falling {
        let (line, _) = diag::line_col(source, span.start);
        d = d.with_hint(format!("{group} (line {line}) runs past the page end"));
    }
    let optional = trim::optional_items(document);
    d.with_hint(if trimmed {
        "every optional item is already dropped: shorten bullets, or mark more of them \
         `priority = 2` or higher"
            .to_owned()
    } else if optional > 0 {
        format!("run with --trim to drop lower-priority items ({optional} marked optional)")
    } else {
        "shorten bullets, or mark optional ones `{ text = \"...\", priority = 3 }` and use --trim"
            .to_owned()
    })
}
