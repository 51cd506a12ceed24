//! The compile session: a parsed résumé with the faces it is set in, from
//! which any of its variants is laid out or compiled.
//!
//! Parsing and loading faces happen once per session; every variant then
//! shares the font book and its shaping cache, so `--all`, a rebuild in
//! watch mode and a fuzzer's many compilations cost only what differs.

mod coverage;
mod themes;

pub use coverage::Uncovered;
pub use themes::ThemeFileError;

use crate::diag::{self, Diagnostic};
use crate::document::Document;
use crate::layout::build::{Block, Builder};
use crate::layout::fit;
use crate::layout::frame::{Overflow, Page};
use crate::model::{self, Resume};
use crate::pdf::{self, Timestamp, WriteError};
use crate::photo::Photo;
use crate::text::shape::{BadFont, FontBook, FontFile, Problem};
use crate::theme::Theme;
use crate::theme::fonts::FontId;
use crate::theme::resolve::ThemeFile;
use crate::trim::{self, CutPlan, CutTarget, Trimmed};
use crate::units::Pt;
use crate::{limits, render, select, variant};
use toml::Spanned;

/// Choices made outside the TOML (on the command line).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// PDF creation date; `None` keeps builds byte-identical.
    pub created: Option<Timestamp>,
    /// Drop low-priority items when the content cannot fit otherwise (as `[fit] trim = true`).
    pub trim: bool,
    /// A PDF standard the output must meet.
    pub standard: Option<pdf::Standard>,
    /// The most pages, over `[fit] pages` (as `--pages`); kept within 1 to
    /// [`limits::MAX_PAGES`].
    pub pages: Option<u32>,
    /// A built-in theme in place of the one the résumé picks (`--theme`).
    pub theme: Option<String>,
    /// The document's language, over the résumé's and the variant's
    /// `lang` (`export --lang`): which translation each text prints.
    pub lang: Option<String>,
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
    /// The person's photo, as [`Session::with_photo`] read it.
    photo: Option<Photo>,
}

/// A laid-out résumé, before PDF writing.
#[derive(Clone, Debug)]
pub struct Laid {
    /// The resolved document (after any trimming); its words are what the
    /// PDF must yield.
    pub document: Document,
    /// The theme used, with the fitter's setting applied.
    pub theme: Theme,
    /// The placed pages, one or more (the last may overflow; see
    /// [`Page::overflow`] and [`Laid::overflow`]).
    pub pages: Vec<Page>,
    /// What the fitter did.
    pub fit: FitReport,
    /// Warnings: nothing here stops the build.
    pub warnings: Vec<Diagnostic>,
}

impl Laid {
    /// The first page that overflows (0-based) and what runs past its end.
    pub fn overflow(&self) -> Option<(usize, &Overflow)> {
        fit::first_overflow(&self.pages)
    }

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
    pub fit: Option<Box<FitReport>>,
    /// When the content overflows at the tightest setting: what to drop
    /// so that it fits (what `--trim` drops), or, after trimming, what was
    /// dropped in vain. (Boxed: a failure stays small.)
    pub cut_plan: Option<Box<CutPlan>>,
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Failure {
            diagnostics,
            fit: None,
            cut_plan: None,
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
    /// Used height over available height on the last page (the only one
    /// of a one-page document).
    pub fill: f64,
    /// The fill of every page, in order (boxed: a failure carries the
    /// report, and stays small).
    pub fills: Box<[f64]>,
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
            photo: None,
        })
    }
}

/// What one session leaves for the next: the bundled faces as parsed, and
/// the shaping plans and results (those made with `[fonts]` or theme font
/// files are used again only with the same files, byte for byte). A watch
/// loop keeps it between rebuilds, so that a rebuild after an edit shapes
/// only the text that changed.
///
/// ```
/// use resume::{Options, Session};
///
/// let toml = "[person]\nname = \"Ada\"\n\n[[sections]]\ntitle = \"Summary\"\ntext = \"Hi.\"\n";
/// let first = Session::new(toml, Options::default()).unwrap();
/// first.compile(None).unwrap();
/// let cache = first.into_cache();
/// let edited = toml.replace("Hi.", "Hello.");
/// let second = Session::new(edited, Options::default()).unwrap().with_cache(cache);
/// assert!(second.compile(None).is_ok());
/// ```
pub struct Cache {
    book: FontBook<'static>,
}

impl Session<'static> {
    /// The session with the faces and caches `cache` keeps, in place of
    /// fresh ones; call it before [`Session::with_fonts`].
    pub fn with_cache(self, cache: Cache) -> Self {
        Session {
            book: cache.book,
            ..self
        }
    }
}

impl<'f> Session<'f> {
    /// What this session leaves for the next one (see [`Cache`]).
    pub fn into_cache(self) -> Cache {
        Cache {
            book: self.book.park(),
        }
    }

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
    ///
    /// A path named twice (as written, or differing only in `./` and
    /// doubled slashes) is an error at its second mention, and no path is
    /// read twice: the second copy of a font could never be chosen, since
    /// the first covers every character it has, so the entry is a mistake
    /// (often a copied line meant to name another file), as a section named
    /// twice in a variant is. Spellings that only the file system can tell
    /// apart (a symbolic link, an absolute path) are the caller's to catch.
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
        for (i, path) in fallback.iter().enumerate() {
            if let Some(first) = fallback[..i]
                .iter()
                .find(|p| same_path(p.get_ref(), path.get_ref()))
            {
                let (line, _) = diag::line_col(&self.source, first.span().start);
                errors.push(
                    Diagnostic::error(format!(
                        "`{}` is named twice in the fallback fonts",
                        path.get_ref()
                    ))
                    .with_span(path.span())
                    .with_path("fonts.fallback")
                    .with_hint(format!(
                        "line {line} names it first, and the first copy covers every character \
                         this one has: remove this entry, or name the font you meant"
                    )),
                );
                continue;
            }
            match read(path.get_ref()) {
                Ok(data) => files.push(FontFile::new(path.get_ref().clone(), data)),
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
    /// and the font files themes name. A file that is not a font, or that
    /// the shaper or the PDF writer cannot read or fails on, is an error at
    /// its path in the TOML.
    ///
    /// Fonts are validated here and isolated later (see
    /// `text::isolate`): both parsers read every file now, and any later
    /// panic of third-party code on one of these files (shaping text it is
    /// chosen for, subsetting it into the PDF) fails only the compilation
    /// that hit it, with the same error.
    pub fn with_fonts<'g>(self, files: &'g [FontFile]) -> Result<Session<'g>, Vec<Diagnostic>>
    where
        'f: 'g,
    {
        let fallback = self.resume.fonts.fallback.len().min(files.len());
        let paths = &self.resume.fonts.fallback;
        let theme_spans: Vec<_> = files
            .iter()
            .map(|f| self.theme_font_span(&f.path))
            .collect();
        let bad_font = |bad: BadFont| {
            let d = font_error(&bad, files, paths);
            match theme_spans.get(bad.file) {
                Some(Some(span)) if d.span.is_none() => vec![d.with_span(span.clone())],
                _ => vec![d],
            }
        };
        let book = self.book.with_files(files, fallback).map_err(bad_font)?;
        for (file, font) in files.iter().enumerate() {
            pdf::check_font(font).map_err(|why| bad_font(BadFont::unusable(file, why)))?;
        }
        Ok(Session {
            theme_fonts: Session::theme_faces(files, fallback),
            source: self.source,
            resume: self.resume,
            options: self.options,
            fonts: files,
            book,
            themes: self.themes,
            photo: self.photo,
        })
    }

    /// The photo file `person.photo` names, relative to the résumé, for
    /// the caller to read and hand to [`Session::with_photo`].
    pub fn photo_path(&self) -> Option<&str> {
        self.resume
            .person
            .photo
            .as_ref()
            .map(|p| p.get_ref().trim())
    }

    /// Read the photo `person.photo` names with `read` (the caller's file
    /// access, given [`Session::photo_path`]; a failure is its reason).
    /// Nothing to do without a photo. A file that cannot be read, is not a
    /// JPEG or PNG image, is damaged or over the caps of [`limits`] is an
    /// error at `person.photo`.
    pub fn with_photo(
        mut self,
        read: impl FnOnce(&str) -> Result<Vec<u8>, String>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let Some(field) = &self.resume.person.photo else {
            return Ok(self);
        };
        let path = field.get_ref().trim();
        let error = |why: String| {
            vec![
                Diagnostic::error(format!("cannot use the photo `{path}`: {why}"))
                    .with_span(field.span())
                    .with_path("person.photo")
                    .with_hint("name a JPEG or PNG file, relative to the résumé"),
            ]
        };
        let photo = read(path)
            .and_then(Photo::read)
            .and_then(|photo| pdf::check_photo(&photo).map(|()| photo))
            .map_err(error)?;
        self.photo = Some(photo);
        Ok(self)
    }

    /// Whether the résumé as written is a document of its own (`[build]
    /// base`, default true), rather than a master that only feeds its
    /// variants.
    pub fn builds_base(&self) -> bool {
        self.resume.build.base.as_ref().is_none_or(|b| *b.get_ref())
    }

    /// The error for a fallback or theme font file that cannot be used.
    fn font_error(&self, bad: &BadFont) -> Diagnostic {
        let d = font_error(bad, self.fonts, &self.resume.fonts.fallback);
        let theme_span = self
            .fonts
            .get(bad.file)
            .and_then(|f| self.theme_font_span(&f.path));
        match theme_span {
            Some(span) if d.span.is_none() => d.with_span(span),
            _ => d,
        }
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
    /// wait for the next build of that variant (at most
    /// [`limits::MAX_DIAGNOSTICS`], then a count of the rest).
    pub fn check_variants(&self) -> Vec<Diagnostic> {
        let mut seen = std::collections::HashSet::new();
        let mut errors: Vec<Diagnostic> = Vec::new();
        for name in self.variants() {
            for d in variant::resolve(&self.resume, name)
                .err()
                .unwrap_or_default()
            {
                if seen.insert((d.message.clone(), d.span.clone())) {
                    errors.push(d);
                }
            }
        }
        errors.extend(self.check_variant_themes());
        diag::at_most(errors, limits::MAX_DIAGNOSTICS)
    }

    /// The document of one variant (`None`: the résumé as written) with
    /// the warnings of selecting it, or every content error found (at most
    /// [`limits::MAX_DIAGNOSTICS`], then a count of the rest).
    pub fn select(
        &self,
        variant: Option<&str>,
    ) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
        let (document, warnings) = select::select_in(
            &self.resume,
            &self.source,
            variant,
            self.options.lang.as_deref(),
        )
        .map_err(|errors| diag::at_most(errors, limits::MAX_DIAGNOSTICS))?;
        if let Some(photo) = document.photo.as_ref().filter(|_| self.photo.is_none()) {
            return Err(vec![
                Diagnostic::error(format!("the photo `{}` was not read", photo.path))
                    .with_span(photo.span.clone())
                    .with_path("person.photo")
                    .with_hint("the program reads it with `Session::with_photo`"),
            ]);
        }
        Ok((document, warnings))
    }

    /// Select, build, fit and place one variant. An overflowing page is not
    /// an error here (see [`Session::compile`]).
    pub fn lay_out(&self, variant: Option<&str>) -> Result<Laid, Failure> {
        let (document, mut selected) = self.select(variant)?;
        let (theme, resolved) = self.theme(&document)?;
        selected.extend(resolved);
        let spread = document.settings.spread;
        let pages = self.pages(&document);
        let (blocks, mut warnings) = self.build(&document, &theme)?;
        let mut fitted = fit::fit(&blocks, &theme, &self.book, spread, pages);
        let (mut document, mut trimmed) = (document, Vec::new());
        if fitted.overflow().is_some() && self.trims(&document) {
            let plan = trim::plan(&document);
            if !plan.is_empty() {
                let k = self
                    .fewest_to_drop(&document, &plan, &theme, CutTarget::Tightest, pages)
                    .unwrap_or(plan.len());
                (document, trimmed) = trim::apply(&document, &plan, k);
                let blocks;
                (blocks, warnings) = self.build(&document, &theme)?;
                fitted = fit::fit(&blocks, &theme, &self.book, spread, pages);
            }
        }
        warnings.splice(0..0, selected);
        warnings.extend(fitted.warnings);
        for t in &trimmed {
            warnings.push(
                Diagnostic::warning(format!("dropped {} to fit the page", t.what))
                    .with_span(t.span.start..t.span.start)
                    .with_hint(why_dropped(t)),
            );
        }
        let fit = FitReport {
            body_size: fitted.theme.body_size,
            leading: fitted.theme.leading,
            spacing: fitted.adjust.spacing,
            margin_x: fitted.theme.margin_x,
            margin_top: fitted.theme.margin_top,
            fill: fitted.pages.last().map_or(0.0, Page::fill),
            fills: fitted.pages.iter().map(Page::fill).collect(),
            passes: fitted.passes,
            trimmed,
        };
        Ok(Laid {
            document,
            theme: fitted.theme,
            pages: fitted.pages,
            fit,
            warnings,
        })
    }

    /// Lay out one variant and write its PDF. Content that overflows the
    /// page even at the tightest setting is an error that says by how
    /// much and what falls off.
    pub fn compile(&self, variant: Option<&str>) -> Result<Compiled, Failure> {
        let mut laid = self.lay_out(variant)?;
        if let Some((index, overflow)) = laid.overflow() {
            let trimmed = self.trims(&laid.document);
            let page = (index, laid.pages.len());
            let plan = if trimmed {
                CutPlan {
                    target: CutTarget::Tightest,
                    items: laid.fit.trimmed.clone(),
                    fits: false,
                }
            } else {
                let theme = Theme::resolve(&laid.document.settings);
                let pages = self.pages(&laid.document);
                self.plan_cut(&laid.document, &theme, CutTarget::Tightest, pages)
            };
            let error = overflow_error(overflow, page, &plan, trimmed, &self.source);
            laid.warnings.push(error);
            return Err(Failure {
                diagnostics: laid.warnings,
                fit: Some(Box::new(laid.fit)),
                cut_plan: Some(Box::new(plan)),
            });
        }
        let name = laid.document.name.text();
        let meta = pdf::Meta {
            title: format!("{name} — Résumé"),
            author: name,
            lang: laid.document.lang.clone(),
            created: self.options.created,
            standard: self.options.standard,
            photo: laid.document.photo.as_ref().and_then(|p| {
                let photo = self.photo.clone()?;
                Some((photo, p.alt.clone()))
            }),
        };
        let written = pdf::write(&laid.pages, &meta, self.fonts);
        // krilla memoises font subsets for the whole process (so that the
        // variants of --all share them); drop those that recent compilations
        // have not used, so that a long-lived process does not grow.
        comemo::evict(KEEP_UNUSED_SUBSETS);
        match written {
            Ok(pdf) => Ok(Compiled { pdf, laid }),
            Err(failed) => {
                match failed {
                    WriteError::Messages(messages) => laid
                        .warnings
                        .extend(messages.into_iter().map(Diagnostic::error)),
                    WriteError::Font(bad) => {
                        laid.warnings.push(self.font_error(&bad));
                    }
                }
                Err(Failure {
                    diagnostics: laid.warnings,
                    fit: Some(Box::new(laid.fit)),
                    cut_plan: None,
                })
            }
        }
    }

    /// The photo the document shows, with its alt text.
    fn picture<'a>(&'a self, laid: &'a Laid) -> Option<render::Picture<'a>> {
        Some(render::Picture {
            photo: self.photo.as_ref()?,
            alt: &laid.document.photo.as_ref()?.alt,
        })
    }

    /// One page (0-based) of a laid-out document as a standalone SVG
    /// document: the glyphs the PDF draws, from the same fonts, each text
    /// item labelled with its text (see `render::svg`). A page past the
    /// last is an empty document.
    pub fn svg(&self, laid: &Laid, page: usize) -> String {
        match laid.pages.get(page) {
            Some(p) => render::svg::page(p, page + 1, self.fonts, self.picture(laid)),
            None => render::svg::empty(),
        }
    }

    /// One page (0-based) of a laid-out document rasterised to PNG at
    /// `dpi` (see `render::png`); a resolution that is not a positive
    /// number, or that makes the page larger than
    /// [`limits::MAX_PIXELS`], is an error, as is a page past the last.
    pub fn png(&self, laid: &Laid, page: usize, dpi: f32) -> Result<Vec<u8>, Diagnostic> {
        let p = laid.pages.get(page).ok_or_else(|| {
            Diagnostic::error(format!(
                "there is no page {} (the document has {})",
                page + 1,
                laid.pages.len()
            ))
        })?;
        render::png::page(p, dpi, self.fonts, self.picture(laid))
    }

    /// What to drop from one variant (`None`: the résumé as written) so
    /// that it fits at `target`, in the drop order of [`crate::trim`]: the
    /// plan in the overflow error (`CutTarget::Tightest`, what `--trim`
    /// drops), or what to cut so that a page that needed tightening fits at
    /// the preferred setting (`CutTarget::Preferred`). Empty when the
    /// content fits there already; trimming options play no part.
    pub fn cut_plan(&self, variant: Option<&str>, target: CutTarget) -> Result<CutPlan, Failure> {
        let (document, _) = self.select(variant)?;
        let theme = Theme::resolve(&document.settings);
        let blocks = self.build(&document, &theme)?.0;
        let pages = self.pages(&document);
        if fits_at(&blocks, &theme, &self.book, target, pages) {
            return Ok(CutPlan {
                target,
                items: Vec::new(),
                fits: true,
            });
        }
        Ok(self.plan_cut(&document, &theme, target, pages))
    }

    /// The cut plan for a document that does not fit at `target`.
    fn plan_cut(
        &self,
        document: &Document,
        theme: &Theme,
        target: CutTarget,
        pages: usize,
    ) -> CutPlan {
        let plan = trim::plan(document);
        let k = self.fewest_to_drop(document, &plan, theme, target, pages);
        CutPlan {
            target,
            items: plan
                .iter()
                .take(k.unwrap_or(plan.len()))
                .map(|c| c.trimmed().clone())
                .collect(),
            fits: k.is_some(),
        }
    }

    /// The document's blocks at the theme's preferred sizes, with the
    /// warnings found while shaping; or the error for the `[fonts]
    /// fallback` file the shaper failed on.
    fn build(&self, document: &Document, theme: &Theme) -> Result<Built, Failure> {
        Builder::new(theme, &self.book)
            .build(document)
            .map_err(|bad| vec![self.font_error(&bad)].into())
    }

    /// The most pages: `--pages` over `[fit] pages`.
    fn pages(&self, document: &Document) -> usize {
        let pages = self.options.pages.unwrap_or(document.settings.pages);
        pages.clamp(1, limits::MAX_PAGES) as usize
    }

    /// Whether optional items may be dropped: `--trim` or `[fit] trim`.
    fn trims(&self, document: &Document) -> bool {
        self.options.trim || document.settings.trim
    }

    /// How many items of `plan` to drop: as few as make the content fit at
    /// `target`, bisected in the fixed drop order; `None` when even
    /// dropping all of them does not.
    fn fewest_to_drop(
        &self,
        document: &Document,
        plan: &[trim::Candidate],
        theme: &Theme,
        target: CutTarget,
        pages: usize,
    ) -> Option<usize> {
        let fits = |k: usize| {
            let (doc, _) = trim::apply(document, plan, k);
            self.build(&doc, theme)
                .is_ok_and(|(blocks, _)| fits_at(&blocks, theme, &self.book, target, pages))
        };
        let (mut lo, mut hi) = (0, plan.len());
        if !fits(hi) {
            return None;
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if fits(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Some(hi)
    }
}

/// Whether two paths as written name the same file without asking the file
/// system: equal after dropping `.` components and doubled separators.
fn same_path(a: &str, b: &str) -> bool {
    use std::path::{Component, Path};
    let parts = |p| {
        Path::new(p)
            .components()
            .filter(|c| *c != Component::CurDir)
    };
    a == b || parts(a).eq(parts(b))
}

/// Blocks and the warnings found while building them.
type Built = (Vec<Block>, Vec<Diagnostic>);

/// How many compilations a memoised font subset survives without being used.
const KEEP_UNUSED_SUBSETS: usize = 16;

/// The error for a `[fonts] fallback` file that cannot be used, at its
/// path in the TOML (`paths`, as written).
fn font_error(bad: &BadFont, files: &[FontFile], paths: &[Spanned<String>]) -> Diagnostic {
    let path = files
        .get(bad.file)
        .map(|f| f.path.as_str())
        .or_else(|| paths.get(bad.file).map(|p| p.get_ref().as_str()))
        .unwrap_or("?");
    let d = match &bad.problem {
        Problem::NotAFont => Diagnostic::error(format!(
            "`{path}` is not a font file (TrueType, OpenType or a collection)"
        )),
        Problem::Unusable(why) => Diagnostic::error(format!("`{path}` is not a usable font"))
            .with_hint(why.clone())
            .with_hint("the file may be damaged: try a fresh copy, or another font"),
    }
    .with_path("fonts.fallback");
    match paths.get(bad.file) {
        Some(path) => d.with_span(path.span()),
        None => d,
    }
}

/// Whether the blocks fit on at most `pages` pages at the target setting.
fn fits_at(
    blocks: &[Block],
    theme: &Theme,
    book: &FontBook,
    target: CutTarget,
    pages: usize,
) -> bool {
    match target {
        CutTarget::Tightest => fit::fits_tightest(blocks, theme, book, pages),
        CutTarget::Preferred => fit::fits_preferred(blocks, theme, book, pages),
    }
}

/// Why a trimmed item went: its priority, or the conventions.
fn why_dropped(t: &Trimmed) -> String {
    match t.priority {
        Some(p) => format!("its priority is {p}"),
        None => "it has no `priority`: unmarked items go after marked ones, in the \
                 conventional order (README, \"When it does not fit\")"
            .to_owned(),
    }
}

/// The most items of a cut plan an overflow error lists (JSON lists all).
const SHOWN_CUTS: usize = 20;

/// The diagnostic for content that does not fit on page `index` of `count`
/// even at the tightest setting: by how much, what falls off, what else to
/// allow, and the cut plan.
fn overflow_error(
    overflow: &Overflow,
    (index, count): (usize, usize),
    plan: &CutPlan,
    trimmed: bool,
    source: &str,
) -> Diagnostic {
    // A one-page document says "the page", as it always has.
    let which = if count > 1 {
        format!("page {}", index + 1)
    } else {
        "the page".to_owned()
    };
    let mut d = Diagnostic::error(format!(
        "the content overflows {which} by {} pt (about {:.1} lines) at the tightest setting",
        overflow.by, overflow.lines
    ))
    .with_span(overflow.span.start..overflow.span.start)
    .with_hint(format!(
        "{} is the first to fall off {which}",
        overflow.first
    ));
    for (group, span) in &overflow.falling {
        let (line, _) = diag::line_col(source, span.start);
        d = d.with_hint(format!("{group} (line {line}) runs past the page end"));
    }
    if count > 1 && index + 1 == count && count < limits::MAX_PAGES as usize {
        d = d.with_hint(format!(
            "or allow another page: `[fit] pages = {}` (or --pages {})",
            count + 1,
            count + 1
        ));
    }
    let n = plan.items.len();
    let shorten = "shorten bullets, or leave out entries (`tags` and a variant)";
    if n == 0 {
        return d.with_hint(format!(
            "nothing can be dropped (items marked `priority = 1` never are, nor the newest \
             Experience and Education entries): {shorten}"
        ));
    }
    if trimmed {
        return d.with_hint(format!(
            "trimming dropped all {n} droppable item(s) and it still overflows: {shorten}"
        ));
    }
    if !plan.fits {
        return d.with_hint(format!(
            "even dropping all {n} droppable item(s) would not make it fit: {shorten}"
        ));
    }
    for t in plan.items.iter().take(SHOWN_CUTS) {
        let (line, _) = diag::line_col(source, t.span.start);
        d = d.with_hint(format!("cut plan: drop {} (line {line})", t.what));
    }
    if n > SHOWN_CUTS {
        d = d.with_hint(format!(
            "cut plan: ... and {} more (`--format json` lists every one)",
            n - SHOWN_CUTS
        ));
    }
    d.with_hint(format!(
        "--trim (or `[fit] trim = true`) drops exactly these {n} item(s) and the content \
         fits; `priority = 1` keeps an item, 2 or more drops it sooner"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_font_named_twice_is_an_error_and_read_once() {
        let toml = "[fonts]\nfallback = [\"a.otf\", \"b.otf\", \"./a.otf\", \"b.otf\"]\n\n\
                    [person]\nname = \"Ada\"\n";
        let session = Session::new(toml, Options::default()).unwrap();
        let mut reads = Vec::new();
        let errors = session
            .read_fonts(|path| {
                reads.push(path.to_owned());
                Ok(Vec::new())
            })
            .unwrap_err();
        assert_eq!(reads, ["a.otf", "b.otf"]);
        assert_eq!(errors.len(), 2);
        assert_eq!(
            errors[0].message,
            "`./a.otf` is named twice in the fallback fonts"
        );
        assert_eq!(&toml[errors[0].span.clone().unwrap()], "\"./a.otf\"");
        assert!(errors[0].hints[0].starts_with("line 2 names it first"));
        assert_eq!(&toml[errors[1].span.clone().unwrap()], "\"b.otf\"");
        assert!(errors[1].span.as_ref().unwrap().start > 40);
    }

    #[test]
    fn paths_are_the_same_up_to_dot_components_and_doubled_slashes() {
        for (a, b) in [
            ("a.otf", "./a.otf"),
            ("f/a.otf", "f//a.otf"),
            ("f/a.otf", "./f/./a.otf"),
        ] {
            assert!(same_path(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("a.otf", "A.otf"),
            ("f/a.otf", "g/../f/a.otf"),
            ("/a.otf", "a.otf"),
        ] {
            assert!(!same_path(a, b), "{a} {b}");
        }
    }
}
