//! The compile session: a parsed résumé with the faces it is set in, from
//! which any of its variants is laid out or compiled.
//!
//! Parsing and loading faces happen once per session; every variant then
//! shares the font book and its shaping cache, so `--all`, a rebuild in
//! watch mode and a fuzzer's many compilations cost only what differs.

mod themes;

pub use themes::ThemeFileError;

use crate::diag::{self, Diagnostic};
use crate::document::Document;
use crate::layout::build::{Block, Builder};
use crate::layout::fit;
use crate::layout::frame::{Overflow, Page};
use crate::model::{self, Resume};
use crate::pdf::{self, Timestamp};
use crate::text::shape::{FontBook, FontFile};
use crate::theme::Theme;
use crate::theme::fonts::FontId;
use crate::theme::resolve::ThemeFile;
use crate::trim::{self, Trimmed};
use crate::units::Pt;
use crate::{limits, select, variant};

/// Choices made outside the TOML (on the command line).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// PDF creation date; `None` keeps builds byte-identical.
    pub created: Option<Timestamp>,
    /// Drop low-priority items when the content cannot fit otherwise (as `[fit] trim = true`).
    pub trim: bool,
    /// A PDF standard the output must meet.
    pub standard: Option<pdf::Standard>,
    /// A built-in theme in place of the one the résumé picks (`--theme`).
    pub theme: Option<String>,
}

/// A parsed résumé and the faces it is set in.
///
/// ```
/// use resume::{Options, Session};
///
/// let toml = r#"
/// [person]
/// name = "Ada Example"
///
/// [[sections]]
/// title = "Summary"
/// text = "Builds **fast** things."
///
/// [variants.short]
/// sections = ["Summary"]
/// "#;
/// let session = Session::new(toml, Options::default()).expect("parses");
/// for variant in std::iter::once(None).chain(session.variants().map(Some)) {
///     let out = session.compile(variant).expect("compiles");
///     assert!(out.pdf.starts_with(b"%PDF-"));
///     assert!(out.laid.warnings.is_empty());
/// }
/// ```
pub struct Session<'f> {
    source: String,
    resume: Resume,
    options: Options,
    /// The `[fonts] fallback` files, then the font files themes name, as
    /// loaded by the caller.
    fonts: &'f [FontFile],
    book: FontBook<'f>,
    /// The theme files the résumé names, as parsed.
    themes: Vec<ThemeFile>,
    /// The faces of the font files themes name, by path.
    theme_fonts: Vec<(String, FontId)>,
}

/// A laid-out résumé, before PDF writing.
#[derive(Clone, Debug)]
pub struct Laid {
    /// The resolved document (after any trimming); its words are what the
    /// PDF must yield.
    pub document: Document,
    /// The theme used, with the fitter's setting applied.
    pub theme: Theme,
    /// The placed page (may overflow; see [`Page::overflow`]).
    pub page: Page,
    /// What the fitter did.
    pub fit: FitReport,
    /// Warnings: nothing here stops the build.
    pub warnings: Vec<Diagnostic>,
}

impl Laid {
    /// The words a reader must extract from the PDF, in order, with the
    /// theme's marks (bullet, separator) and arrangement.
    pub fn words(&self) -> Vec<String> {
        self.document.words_with(&self.theme.marks())
    }
}

/// A compiled résumé: the PDF and the layout it draws.
#[derive(Clone, Debug)]
pub struct Compiled {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// The layout the PDF draws, with the warnings.
    pub laid: Laid,
}

/// Why laying out or compiling failed.
#[derive(Clone, Debug)]
pub struct Failure {
    /// Errors and warnings, in order.
    pub diagnostics: Vec<Diagnostic>,
    /// What the fitter tried, when the input got that far.
    pub fit: Option<FitReport>,
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Failure {
            diagnostics,
            fit: None,
        }
    }
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

impl Session<'static> {
    /// Parse the TOML source; the session sets text in the bundled faces
    /// until [`Session::with_fonts`] adds the `[fonts] fallback` files.
    pub fn new(source: impl Into<String>, options: Options) -> Result<Self, Vec<Diagnostic>> {
        let source = source.into();
        let resume = model::parse(&source)?;
        Ok(Session {
            source,
            resume,
            options,
            fonts: &[],
            book: FontBook::new(),
            themes: Vec::new(),
            theme_fonts: Vec::new(),
        })
    }
}

impl<'f> Session<'f> {
    /// The TOML source.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The résumé as parsed.
    pub fn resume(&self) -> &Resume {
        &self.resume
    }

    /// The options every compilation uses.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The paths of the résumé's `[fonts] fallback` files, as written.
    pub fn fallback_font_paths(&self) -> impl Iterator<Item = &str> {
        self.resume
            .fonts
            .fallback
            .iter()
            .map(|p| p.get_ref().as_str())
    }

    /// Read the résumé's `[fonts] fallback` files, then the font files its
    /// themes name, with `read` (the caller does the I/O, e.g. relative to
    /// the TOML file's directory), for [`Session::with_fonts`]. A file that
    /// cannot be read is an error at its path in the TOML.
    pub fn read_fonts(
        &self,
        mut read: impl FnMut(&str) -> Result<Vec<u8>, String>,
    ) -> Result<Vec<FontFile>, Vec<Diagnostic>> {
        let fallback = &self.resume.fonts.fallback;
        if let Some(extra) = fallback.get(limits::MAX_FALLBACK_FONTS) {
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
        for path in fallback {
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
        self.read_theme_fonts(&mut read, &mut files, &mut errors);
        if errors.is_empty() {
            Ok(files)
        } else {
            Err(errors)
        }
    }

    /// The session with the files of [`Session::read_fonts`] added: the
    /// `[fonts] fallback` files, tried (in order) after the bundled faces,
    /// and the font files themes name. A file that is not a font is an
    /// error at its path in the TOML.
    pub fn with_fonts<'g>(self, files: &'g [FontFile]) -> Result<Session<'g>, Vec<Diagnostic>>
    where
        'f: 'g,
    {
        let fallback = self.resume.fonts.fallback.len().min(files.len());
        let theme_spans: Vec<_> = files
            .iter()
            .map(|f| self.theme_font_span(&f.path))
            .collect();
        let book = self.book.with_files(files, fallback).map_err(|i| {
            let mut d = Diagnostic::error(format!(
                "`{}` is not a font file (TrueType, OpenType or a collection)",
                files[i].path
            ));
            if let Some(path) = self.resume.fonts.fallback.get(i) {
                d = d.with_span(path.span()).with_path("fonts.fallback");
            } else if let Some(Some(span)) = theme_spans.get(i) {
                d = d.with_span(span.clone());
            }
            vec![d]
        })?;
        Ok(Session {
            theme_fonts: Session::theme_faces(files, fallback),
            source: self.source,
            resume: self.resume,
            options: self.options,
            fonts: files,
            book,
            themes: self.themes,
        })
    }

    /// Whether the résumé as written is a document of its own (`[build]
    /// base`, default true), rather than a master that only feeds its
    /// variants.
    pub fn builds_base(&self) -> bool {
        self.resume.build.base.as_ref().is_none_or(|b| *b.get_ref())
    }

    /// The names of the résumé's variants, in order.
    pub fn variants(&self) -> impl Iterator<Item = &str> {
        self.resume.variants.keys().map(|k| k.get_ref().as_str())
    }

    /// The `output` file name a variant asks for, if any.
    pub fn output_name(&self, variant: &str) -> Option<&str> {
        self.resume
            .variants
            .iter()
            .find(|(k, _)| k.get_ref() == variant)
            .and_then(|(_, v)| v.get_ref().output.as_ref())
            .map(|o| o.get_ref().as_str())
    }

    /// Every error in any variant profile (unknown tags, sections, ids,
    /// cycles), each reported once, so that a typo in one variant cannot
    /// wait for the next build of that variant.
    pub fn check_variants(&self) -> Vec<Diagnostic> {
        let mut errors: Vec<Diagnostic> = Vec::new();
        for name in self.variants() {
            for d in variant::resolve(&self.resume, name)
                .err()
                .unwrap_or_default()
            {
                let seen = errors
                    .iter()
                    .any(|e| e.message == d.message && e.span == d.span);
                if !seen {
                    errors.push(d);
                }
            }
        }
        errors.extend(self.check_variant_themes());
        errors
    }

    /// The document of one variant (`None`: the résumé as written) with
    /// the warnings of selecting it, or every content error found.
    pub fn select(
        &self,
        variant: Option<&str>,
    ) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
        select::select_warned(&self.resume, &self.source, variant)
    }

    /// Select, build, fit and place one variant. An overflowing page is not
    /// an error here (see [`Session::compile`]).
    pub fn lay_out(&self, variant: Option<&str>) -> Result<Laid, Failure> {
        let (document, mut selected) = self.select(variant)?;
        let (theme, resolved) = self.theme(&document)?;
        selected.extend(resolved);
        let spread = document.settings.spread;
        let (blocks, mut warnings) = self.build(&document, &theme);
        let mut fitted = fit::fit(&blocks, &theme, &self.book, spread);
        let (mut document, mut trimmed) = (document, Vec::new());
        if fitted.page.overflow.is_some() && self.trims(&document) {
            let plan = trim::plan(&document);
            if !plan.is_empty() {
                let k = self.fewest_to_drop(&document, &plan, &theme);
                (document, trimmed) = trim::apply(&document, &plan, k);
                let blocks;
                (blocks, warnings) = self.build(&document, &theme);
                fitted = fit::fit(&blocks, &theme, &self.book, spread);
            }
        }
        warnings.splice(0..0, selected);
        warnings.extend(fitted.warnings);
        for t in &trimmed {
            warnings.push(
                Diagnostic::warning(format!("dropped {} to fit the page", t.what))
                    .with_span(t.span.start..t.span.start)
                    .with_hint(format!("its priority is {}", t.priority)),
            );
        }
        let fit = FitReport {
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
            fit,
            warnings,
        })
    }

    /// Lay out one variant and write its PDF. Content that overflows the
    /// page even at the tightest setting is an error that says by how
    /// much and what falls off.
    pub fn compile(&self, variant: Option<&str>) -> Result<Compiled, Failure> {
        let mut laid = self.lay_out(variant)?;
        if let Some(overflow) = &laid.page.overflow {
            let trim = self.trims(&laid.document);
            let error = overflow_error(overflow, &laid.document, trim, &self.source);
            laid.warnings.push(error);
            return Err(Failure {
                diagnostics: laid.warnings,
                fit: Some(laid.fit),
            });
        }
        let name = laid.document.name.text();
        let meta = pdf::Meta {
            title: format!("{name} — Résumé"),
            author: name,
            lang: laid.document.lang.clone(),
            created: self.options.created,
            standard: self.options.standard,
        };
        let written = pdf::write(&laid.page, &meta, self.fonts);
        // krilla memoises font subsets for the whole process (so that the
        // variants of --all share them); drop those that recent compilations
        // have not used, so that a long-lived process does not grow.
        comemo::evict(KEEP_UNUSED_SUBSETS);
        match written {
            Ok(pdf) => Ok(Compiled { pdf, laid }),
            Err(messages) => {
                laid.warnings
                    .extend(messages.into_iter().map(Diagnostic::error));
                Err(Failure {
                    diagnostics: laid.warnings,
                    fit: Some(laid.fit),
                })
            }
        }
    }

    /// The document's blocks at the theme's preferred sizes, with the
    /// warnings found while shaping.
    fn build(&self, document: &Document, theme: &Theme) -> (Vec<Block>, Vec<Diagnostic>) {
        Builder::new(theme, &self.book).build(document)
    }

    /// Whether optional items may be dropped: `--trim` or `[fit] trim`.
    fn trims(&self, document: &Document) -> bool {
        self.options.trim || document.settings.trim
    }

    /// How many items of `plan` to drop: as few as make the content fit at
    /// the tightest setting, bisected in the fixed drop order (all of them
    /// when even that does not fit).
    fn fewest_to_drop(
        &self,
        document: &Document,
        plan: &[trim::Candidate],
        theme: &Theme,
    ) -> usize {
        let fits = |k: usize| {
            let (doc, _) = trim::apply(document, plan, k);
            fit::fits_tightest(&self.build(&doc, theme).0, theme, &self.book)
        };
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
        hi
    }
}

/// How many compilations a memoised font subset survives without being used.
const KEEP_UNUSED_SUBSETS: usize = 16;

/// The diagnostic for content that does not fit on the page even at the
/// tightest setting: by how much, what falls off, and what to try.
fn overflow_error(
    overflow: &Overflow,
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
