//! Shaping with rustybuzz: GPOS kerning and ligatures, font fallback per
//! grapheme, and coverage checks.
//!
//! The advances computed here are exactly the ones written to the PDF, so
//! what layout measures is what the reader sees.

use std::ops::Range;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use rustybuzz::{Direction, Face, Script, ShapePlan, UnicodeBuffer};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{cjk, is_invisible};
use crate::text::isolate::isolated;
use crate::theme::fonts::FontId;
use crate::units::Pt;

/// One positioned glyph.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    /// Glyph id in its font.
    pub id: u16,
    /// Horizontal advance at the run's size.
    pub advance: Pt,
    /// Horizontal offset from the pen position.
    pub x_offset: Pt,
    /// Vertical offset from the baseline (up is positive, as in fonts).
    pub y_offset: Pt,
    /// Byte offset, in the shaped text, of the cluster this glyph belongs to.
    pub cluster: usize,
}

/// A sequence of glyphs in one face and size.
#[derive(Clone, Debug, PartialEq)]
pub struct Shaped {
    /// The face.
    pub font: FontId,
    /// The size.
    pub size: Pt,
    /// Glyphs in visual order.
    pub glyphs: Vec<Glyph>,
}

/// A character that no bundled font can draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Missing {
    /// The grapheme.
    pub text: String,
    /// Its byte offset in the shaped text.
    pub offset: usize,
}

/// OpenType features that a theme can switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Features {
    /// Standard ligatures (fi, fl, ffi...); kerning is always on.
    pub ligatures: bool,
    /// Lowercase letters as small capitals (`smcp`), in a face that has them.
    pub small_caps: bool,
}

impl Default for Features {
    fn default() -> Self {
        Features {
            ligatures: true,
            small_caps: false,
        }
    }
}

/// A font file loaded at run time: a `[fonts] fallback` file, a font file
/// a theme names, or an installed system font the caller found.
#[derive(Clone, Debug)]
pub struct FontFile {
    /// The path as written in the TOML (a system font's full path), for
    /// messages.
    pub path: String,
    /// The file's bytes.
    pub data: Arc<Vec<u8>>,
    /// The face's index in a font collection (`.ttc`); 0 for a single font.
    pub index: u32,
    /// For a system font: which text it is tried for, after every other
    /// face; `None` for the files the résumé names.
    pub system: Option<FontWeight>,
}

impl FontFile {
    /// The first face of a font file the résumé names.
    pub fn new(path: impl Into<String>, data: Vec<u8>) -> FontFile {
        FontFile {
            path: path.into(),
            data: Arc::new(data),
            index: 0,
            system: None,
        }
    }
}

/// The text a system font is tried for: its weight, when a family has a
/// bold face beside the regular one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FontWeight {
    /// All text.
    Any,
    /// Text that is not bold.
    Regular,
    /// Bold text.
    Bold,
}

impl FontWeight {
    /// Whether a face of this weight is tried for text that is `bold` or not.
    pub fn serves(self, bold: bool) -> bool {
        match self {
            FontWeight::Any => true,
            FontWeight::Regular => !bold,
            FontWeight::Bold => bold,
        }
    }
}

/// A `[fonts] fallback` file that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadFont {
    /// Its index among the fallback files.
    pub file: usize,
    /// What is wrong with it.
    pub problem: Problem,
}

/// What is wrong with a [`BadFont`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No font format is recognised.
    NotAFont,
    /// It parses as a font, but a parser, the shaper or the PDF writer
    /// rejects it or fails on it; the text says which and how.
    Unusable(String),
}

impl BadFont {
    /// The file at `file` is unusable for the reason `why`.
    pub fn unusable(file: usize, why: impl Into<String>) -> BadFont {
        BadFont {
            file,
            problem: Problem::Unusable(why.into()),
        }
    }
}

/// How a run of text is shaped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spec<'f> {
    /// The face to use where it has the characters.
    pub font: FontId,
    /// Faces to try, in order, for characters `font` lacks (the
    /// `[fonts] fallback` files come after these).
    pub fallback: &'f [FontId],
    /// The size.
    pub size: Pt,
    /// Switchable OpenType features.
    pub features: Features,
    /// Right to left (a bidi run of odd level).
    pub rtl: bool,
    /// Bold text: picks the bold one of the system fonts of a family.
    pub bold: bool,
}

impl Spec<'static> {
    /// `font` at `size`: no fallback, default features, left to right.
    pub fn new(font: FontId, size: Pt) -> Self {
        Spec {
            font,
            fallback: &[],
            size,
            features: Features::default(),
            rtl: false,
            bold: false,
        }
    }
}

/// The faces (the bundled ones, parsed when first used, then the files
/// loaded at run time), and the shaping plans made so far.
pub struct FontBook<'a> {
    /// The bundled faces by [`FontId::index`], parsed on first use (a
    /// deflated face is inflated then, once per process).
    bundled: Vec<OnceLock<Option<Face<'static>>>>,
    /// The faces of the files loaded at run time ([`FontId::Fallback`]).
    files: Vec<Face<'a>>,
    /// Faces of `[fonts] fallback`, then the system fonts (with the text
    /// each serves), tried after every other fallback.
    extra: Vec<(FontId, FontWeight)>,
    /// Shaping plans by face, direction, script and ligature setting:
    /// making a plan costs more than shaping a short run with it.
    plans: Mutex<Vec<(PlanKey, Arc<ShapePlan>)>>,
    /// Results of [`FontBook::shape`] by what they depend on, with offsets
    /// relative to the shaped slice; a failure is kept too, so that every
    /// document with that text fails alike.
    shaped: Mutex<HashMap<ShapeKey, Result<ShapeResult, BadFont>>>,
    /// The files the book was made with (for [`FontBook::park`]).
    sources: Vec<FontFile>,
    /// Plans and results made with files the book no longer has, set
    /// aside by [`FontBook::park`] until the same files come back.
    parked: Option<Box<Parked>>,
}

/// The plans and shaping results of a book with run-time files, kept for
/// a later book made with the same files.
struct Parked {
    files: Vec<FontFile>,
    fallback: usize,
    plans: Vec<(PlanKey, Arc<ShapePlan>)>,
    shaped: HashMap<ShapeKey, Result<ShapeResult, BadFont>>,
}

/// The most shaping results a parked book keeps: past it (many edits in a
/// long watch session) the cache starts again, so memory stays bounded.
const MAX_PARKED_RESULTS: usize = 50_000;

/// Runs and uncovered graphemes, as [`FontBook::shape`] returns them.
pub type ShapeResult = (Vec<Shaped>, Vec<Missing>);

/// Everything a shaping result depends on.
#[derive(Clone, PartialEq, Eq, Hash)]
struct ShapeKey {
    text: String,
    font: FontId,
    fallback: Vec<FontId>,
    size: u64,
    features: Features,
    rtl: bool,
    bold: bool,
}

/// What a shaping plan depends on.
#[derive(Clone, Copy, PartialEq, Eq)]
struct PlanKey {
    font: FontId,
    direction: Direction,
    script: Script,
    features: Features,
}

impl Default for FontBook<'static> {
    fn default() -> Self {
        Self::new()
    }
}

impl FontBook<'static> {
    /// A book of the bundled faces; each is parsed when first used.
    pub fn new() -> FontBook<'static> {
        FontBook {
            bundled: FontId::ALL.iter().map(|_| OnceLock::new()).collect(),
            files: Vec::new(),
            extra: Vec::new(),
            plans: Mutex::new(Vec::new()),
            shaped: Mutex::new(HashMap::new()),
            sources: Vec::new(),
            parked: None,
        }
    }
}

impl FontBook<'_> {
    /// The book without its run-time files, keeping what outlives them: the
    /// bundled faces as parsed, and the shaping plans and results, which
    /// [`FontBook::with_files`] uses again when given the same files (same
    /// paths and bytes). A watch loop's next compilation starts from it.
    pub fn park(self) -> FontBook<'static> {
        let fallback = self.extra.len();
        let plans = self.plans.into_inner().unwrap_or_default();
        let mut shaped = self.shaped.into_inner().unwrap_or_default();
        if shaped.len() > MAX_PARKED_RESULTS {
            shaped = HashMap::new();
        }
        let (plans, shaped, parked) = if self.sources.is_empty() {
            (plans, shaped, None)
        } else {
            let parked = Parked {
                files: self.sources,
                fallback,
                plans,
                shaped,
            };
            (Vec::new(), HashMap::new(), Some(Box::new(parked)))
        };
        FontBook {
            bundled: self.bundled,
            files: Vec::new(),
            extra: Vec::new(),
            plans: Mutex::new(plans),
            shaped: Mutex::new(shaped),
            sources: Vec::new(),
            parked,
        }
    }
}

/// Whether two lists of font files are the same paths with the same bytes.
fn same_files(a: &[FontFile], b: &[FontFile]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.path == y.path && (Arc::ptr_eq(&x.data, &y.data) || x.data == y.data)
        })
}

impl<'a> FontBook<'a> {
    /// The bundled faces plus fallback files (in place of any the book had),
    /// which are tried (in order) after the bundled fallbacks. Fails with
    /// the first file that is not a font, or that the shaper's parser fails
    /// on (at most 256 files are used).
    pub fn with_fallback<'b>(self, files: &'b [FontFile]) -> Result<FontBook<'b>, BadFont>
    where
        'a: 'b,
    {
        self.with_files(files, files.len())
    }

    /// The bundled faces plus `files` (in place of any the book had): the
    /// first `fallback` of them are tried (in order) after the bundled
    /// fallbacks, then the system fonts among them (`FontFile::system`);
    /// the others are only used where a theme names them. Fails
    /// with the first file that is not a font, or that the shaper's parser
    /// fails on (at most 256 files are used).
    pub fn with_files<'b>(
        self,
        files: &'b [FontFile],
        fallback: usize,
    ) -> Result<FontBook<'b>, BadFont>
    where
        'a: 'b,
    {
        let parked = self
            .parked
            .filter(|p| p.fallback == fallback && same_files(&p.files, files));
        let same = self.files.is_empty() && files.is_empty();
        let (plans, shaped) = match parked {
            // Made with these very files: every plan and result holds.
            Some(p) => (Mutex::new(p.plans), Mutex::new(p.shaped)),
            // No run-time files before or after: nothing changed.
            None if same => (self.plans, self.shaped),
            // Plans of the files replaced would be keyed like the new ones;
            // cached results may lack glyphs the new files cover.
            None if self.files.is_empty() => (self.plans, Mutex::default()),
            None => (Mutex::default(), Mutex::default()),
        };
        let mut book = FontBook {
            bundled: self.bundled,
            files: Vec::new(),
            extra: Vec::new(),
            plans,
            shaped,
            sources: files.to_vec(),
            parked: None,
        };
        for (i, file) in files.iter().enumerate().take(usize::from(u8::MAX) + 1) {
            let face = isolated(|| Face::from_slice(file.data.as_slice(), file.index))
                .map_err(|panic| {
                    BadFont::unusable(i, format!("the shaper fails on its tables ({panic})"))
                })?
                .ok_or(BadFont {
                    file: i,
                    problem: Problem::NotAFont,
                })?;
            book.files.push(face);
            if i < fallback {
                book.extra.push((FontId::Fallback(i as u8), FontWeight::Any));
            }
        }
        for (i, file) in files.iter().enumerate().take(book.files.len()) {
            if let (Some(weight), true) = (file.system, i >= fallback) {
                book.extra.push((FontId::Fallback(i as u8), weight));
            }
        }
        Ok(book)
    }

    fn face(&self, font: FontId) -> &Face<'a> {
        let bundled = |id: FontId| {
            self.bundled
                .get(id.index())
                .and_then(|slot| {
                    slot.get_or_init(|| id.data().and_then(|d| Face::from_slice(d, 0)))
                        .as_ref()
                })
        };
        let found = match font {
            FontId::Fallback(n) => self.files.get(usize::from(n)),
            id => bundled(id),
        };
        // The bundled faces are checked by a test: falling back here is a
        // build defect, not an input error.
        found
            .or_else(|| bundled(FontId::LmRegular))
            .expect("bundled font parses")
    }

    /// Whether the face has a real glyph for the character (a fallback
    /// file that fails on the question does not).
    pub fn covers(&self, font: FontId, c: char) -> bool {
        self.try_covers(font, c).unwrap_or(false)
    }

    /// Whether the face has a real glyph for the character, or the fallback
    /// file that failed on the question.
    fn try_covers(&self, font: FontId, c: char) -> Result<bool, BadFont> {
        guarded(font, "looking up a character", || {
            self.face(font).glyph_index(c).is_some_and(|g| g.0 != 0)
        })
    }

    /// Whether the face has an OpenType substitution feature, e.g. `smcp`.
    pub fn has_feature(&self, font: FontId, tag: &[u8; 4]) -> bool {
        let tag = rustybuzz::ttf_parser::Tag::from_bytes(tag);
        self.face(font)
            .tables()
            .gsub
            .is_some_and(|gsub| gsub.features.into_iter().any(|f| f.tag == tag))
    }

    /// The ascender and descender (positive, below the baseline) that the
    /// PDF's font descriptor states, as fractions of the em: the OS/2
    /// typographic ones when the face has them (text extraction measures
    /// each glyph's box with these).
    pub fn box_metrics(&self, font: FontId) -> (f64, f64) {
        let face = self.face(font);
        let upem = f64::from(face.units_per_em());
        match face.tables().os2 {
            Some(os2) => (
                f64::from(os2.typographic_ascender()) / upem,
                -f64::from(os2.typographic_descender()) / upem,
            ),
            None => self.vertical_metrics(font),
        }
    }

    /// The height of the capitals as a fraction of the em (0.7 for a face
    /// that does not state it).
    pub fn cap_height(&self, font: FontId) -> f64 {
        let face = self.face(font);
        match face.capital_height() {
            Some(h) if h > 0 => f64::from(h) / f64::from(face.units_per_em()),
            _ => 0.7,
        }
    }

    /// Ascender and descender (positive, below the baseline) as fractions of the em.
    pub fn vertical_metrics(&self, font: FontId) -> (f64, f64) {
        let face = self.face(font);
        let upem = f64::from(face.units_per_em());
        (
            f64::from(face.ascender()) / upem,
            -f64::from(face.descender()) / upem,
        )
    }

    /// Shape `text[range]` as `spec` says, falling back per grapheme to the
    /// fallback faces where the spec's font lacks a character.
    ///
    /// A right-to-left spec shapes the text right to left; the glyphs still
    /// come back in logical order, first character first, and placement
    /// reverses such runs into visual order line by line.
    ///
    /// Returns runs in order and the graphemes that no face covers (they are
    /// still set, in the spec's font, so nothing is silently dropped), or
    /// the `[fonts] fallback` file that the shaper failed on.
    pub fn shape(
        &self,
        text: &str,
        range: Range<usize>,
        spec: &Spec<'_>,
    ) -> Result<ShapeResult, BadFont> {
        let Some(slice) = text.get(range.clone()) else {
            return Ok((Vec::new(), Vec::new()));
        };
        // Shaping sees only the slice, so its result can be reused for the
        // same slice anywhere (variants share most of their text).
        let key = ShapeKey {
            text: slice.to_owned(),
            font: spec.font,
            fallback: spec.fallback.to_vec(),
            size: spec.size.get().to_bits(),
            features: spec.features,
            rtl: spec.rtl,
            bold: spec.bold,
        };
        let cached = self.shaped.lock().ok().and_then(|c| c.get(&key).cloned());
        let (mut runs, mut missing) = match cached {
            Some(hit) => hit?,
            None => {
                let fresh = self.shape_uncached(slice, spec);
                if let Ok(mut cache) = self.shaped.lock() {
                    cache.insert(key, fresh.clone());
                }
                fresh?
            }
        };
        for run in &mut runs {
            for g in &mut run.glyphs {
                g.cluster += range.start;
            }
        }
        for m in &mut missing {
            m.offset += range.start;
        }
        Ok((runs, missing))
    }

    /// [`FontBook::shape`] of all of `text`, without the cache.
    fn shape_uncached(&self, text: &str, spec: &Spec<'_>) -> Result<ShapeResult, BadFont> {
        let Spec {
            font,
            fallback,
            size,
            features,
            rtl,
            bold,
        } = *spec;
        let mut missing = Vec::new();
        // Split the text into segments of one face each.
        let mut segments: Vec<(FontId, Range<usize>)> = Vec::new();
        for (start, grapheme) in text.grapheme_indices(true) {
            let chosen = if grapheme
                .chars()
                .all(|c| c.is_whitespace() || c.is_control())
            {
                segments.last().map_or(font, |s| s.0)
            } else {
                let mut chosen = None;
                let extra = self
                    .extra
                    .iter()
                    .filter(|(_, weight)| weight.serves(bold))
                    .map(|(f, _)| f);
                for f in std::iter::once(&font).chain(fallback).chain(extra) {
                    if self.draws(*f, grapheme)? {
                        chosen = Some(*f);
                        break;
                    }
                }
                match chosen {
                    Some(f) => f,
                    None => {
                        missing.push(Missing {
                            text: grapheme.to_owned(),
                            offset: start,
                        });
                        font
                    }
                }
            };
            match segments.last_mut() {
                Some((f, r)) if *f == chosen => r.end = start + grapheme.len(),
                _ => segments.push((chosen, start..start + grapheme.len())),
            }
        }
        let runs = segments
            .into_iter()
            .map(|(f, r)| {
                guarded(f, "shaping text", || {
                    self.shape_one(text, r, f, size, features, rtl)
                })
            })
            .collect::<Result<_, _>>()?;
        Ok((runs, missing))
    }

    /// Whether the face has a glyph for every visible character of the
    /// grapheme.
    fn draws(&self, font: FontId, grapheme: &str) -> Result<bool, BadFont> {
        for c in grapheme.chars().filter(|c| !is_invisible(*c)) {
            if !self.try_covers(font, c)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn shape_one(
        &self,
        text: &str,
        range: Range<usize>,
        font: FontId,
        size: Pt,
        features: Features,
        rtl: bool,
    ) -> Shaped {
        let face = self.face(font);
        let scale = size.get() / f64::from(face.units_per_em());
        let mut buffer = UnicodeBuffer::new();
        let slice = &text[range.clone()];
        if slice.contains('\t') {
            // A tab is whitespace like a space, but fonts have no glyph for
            // it: shaped as it is, it would print the `.notdef` glyph, which
            // PDF/A forbids. Shaped as a space it keeps its byte offset, and
            // its cluster still maps to the tab.
            buffer.push_str(&slice.replace('\t', " "));
        } else {
            buffer.push_str(slice);
        }
        buffer.set_direction(if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        });
        buffer.guess_segment_properties();
        let set = |tag: &[u8; 4], value: u32| {
            rustybuzz::Feature::new(rustybuzz::ttf_parser::Tag::from_bytes(tag), value, ..)
        };
        let mut switched: Vec<rustybuzz::Feature> = if features.ligatures {
            Vec::new()
        } else {
            vec![set(b"liga", 0), set(b"clig", 0), set(b"dlig", 0)]
        };
        if features.small_caps {
            switched.push(set(b"smcp", 1));
        }
        // Two full-width marks that meet: one is set half-width with the
        // font's `halt`. The feature applies to those marks alone, so such
        // text is shaped with a plan of its own (only such text pays).
        let squeezed = cjk::squeezed(slice);
        let output = if squeezed.is_empty() {
            let key = PlanKey {
                font,
                direction: buffer.direction(),
                script: buffer.script(),
                features,
            };
            let cached = self.plans.lock().ok().and_then(|plans| {
                plans
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, plan)| Arc::clone(plan))
            });
            let plan = cached.unwrap_or_else(|| {
                let plan = Arc::new(ShapePlan::new(
                    face,
                    key.direction,
                    Some(key.script),
                    None,
                    &switched,
                ));
                if let Ok(mut plans) = self.plans.lock() {
                    plans.push((key, Arc::clone(&plan)));
                }
                plan
            });
            rustybuzz::shape_with_plan(face, &plan, buffer)
        } else {
            let halt = rustybuzz::ttf_parser::Tag::from_bytes(b"halt");
            switched.extend(squeezed.into_iter().map(|r| rustybuzz::Feature::new(halt, 1, r)));
            rustybuzz::shape(face, &switched, buffer)
        };
        let mut glyphs: Vec<Glyph> = output
            .glyph_infos()
            .iter()
            .zip(output.glyph_positions())
            .map(|(info, pos)| Glyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: Pt(f64::from(pos.x_advance) * scale),
                x_offset: Pt(f64::from(pos.x_offset) * scale),
                y_offset: Pt(f64::from(pos.y_offset) * scale),
                cluster: range.start + info.cluster as usize,
            })
            .collect();
        if rtl {
            // The shaper returns visual order; keep logical order until placement.
            glyphs.reverse();
        }
        Shaped { font, size, glyphs }
    }
}

/// Run `f`, which reads the face `font`: directly for a bundled face, and
/// [`isolated`] for a `[fonts] fallback` file, whose panic becomes the
/// [`BadFont`] that says what was being done (`doing`).
fn guarded<T>(font: FontId, doing: &str, f: impl FnOnce() -> T) -> Result<T, BadFont> {
    match font {
        FontId::Fallback(n) => isolated(f).map_err(|panic| {
            BadFont::unusable(
                usize::from(n),
                format!("the shaper fails on it while {doing} ({panic})"),
            )
        }),
        _ => Ok(f()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many shaping results the book holds.
    fn results(book: &FontBook) -> usize {
        book.shaped.lock().map_or(0, |c| c.len())
    }

    #[test]
    fn a_parked_book_keeps_its_results_for_the_same_files_only() {
        let ten = Spec::new(FontId::LmRegular, Pt(10.0));
        let book = FontBook::new().with_files(&[], 0).unwrap();
        book.shape("Ada", 0..3, &ten).unwrap();
        let book = book.park().with_files(&[], 0).unwrap();
        assert_eq!(results(&book), 1, "no files before or after");

        let cjk = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/fonts/cjk-subset.otf"
        ))
        .unwrap();
        let file = |path: &str| FontFile::new(path, cjk.clone());
        let files = [file("cjk.otf")];
        let book = book.park().with_files(&files, 1).unwrap();
        assert_eq!(results(&book), 0, "new files may cover more");
        book.shape("Ada", 0..3, &ten).unwrap();
        let same = [file("cjk.otf")];
        let book = book.park().with_files(&same, 1).unwrap();
        assert_eq!(results(&book), 1, "the same paths and bytes");
        let book = book.park().with_files(&same, 0).unwrap();
        assert_eq!(results(&book), 0, "the files' roles changed");
        book.shape("Ada", 0..3, &ten).unwrap();
        let other = [file("other.otf")];
        let book = book.park().with_files(&other, 0).unwrap();
        assert_eq!(results(&book), 0, "another path");
    }

    #[test]
    fn every_bundled_face_parses_and_has_basic_latin() {
        let book = FontBook::new();
        for font in FontId::ALL.into_iter().filter(|f| !f.is_icons()) {
            // The Devanagari faces have the script's letters, digits and
            // danda instead (their Latin comes from the theme's fonts).
            let devanagari = matches!(font, FontId::DevanagariRegular | FontId::DevanagariBold);
            let letters = if devanagari {
                ['क', '\u{94D}', 'ष', '\u{966}', '\u{964}']
            } else {
                ['a', 'Z', '0', '.', ',']
            };
            for c in letters {
                assert!(book.covers(font, c), "{} lacks {c}", font.name());
            }
        }
    }

    #[test]
    fn kerning_and_ligatures_are_applied() {
        let book = FontBook::new();
        let ten = Spec::new(FontId::LmRegular, Pt(10.0));
        let (runs, missing) = book.shape("AV", 0..2, &ten).unwrap();
        assert!(missing.is_empty());
        let kerned: Pt = runs[0].glyphs.iter().map(|g| g.advance).sum();
        let (a, _) = book.shape("A", 0..1, &ten).unwrap();
        let (v, _) = book.shape("V", 0..1, &ten).unwrap();
        let apart = a[0].glyphs[0].advance + v[0].glyphs[0].advance;
        assert!(kerned < apart, "AV is kerned: {kerned} < {apart}");

        let (runs, _) = book.shape("office", 0..6, &ten).unwrap();
        assert!(runs[0].glyphs.len() < 6, "ffi ligature forms");
        let plain = Features {
            ligatures: false,
            ..Features::default()
        };
        let plain = Spec {
            features: plain,
            ..ten
        };
        let (runs, _) = book.shape("office", 0..6, &plain).unwrap();
        assert_eq!(runs[0].glyphs.len(), 6, "no ligature when switched off");
    }

    #[test]
    fn a_tab_is_shaped_as_a_space() {
        let book = FontBook::new();
        let spec = Spec::new(FontId::LmRegular, Pt(10.0));
        let (tab, _) = book.shape("a\tb", 0..3, &spec).unwrap();
        let (space, _) = book.shape("a b", 0..3, &spec).unwrap();
        assert_eq!(tab, space);
        assert_ne!(tab[0].glyphs[1].id, 0, "not the .notdef glyph");
    }

    #[test]
    fn falls_back_per_grapheme_and_reports_uncovered() {
        let book = FontBook::new();
        let text = "D ≈ 200N \u{10FFFD}";
        let spec = Spec {
            fallback: &[FontId::DejaVu],
            ..Spec::new(FontId::LmRegular, Pt(10.0))
        };
        let (runs, missing) = book.shape(text, 0..text.len(), &spec).unwrap();
        let fonts: Vec<FontId> = runs.iter().map(|r| r.font).collect();
        assert!(
            fonts.contains(&FontId::DejaVu),
            "≈ comes from DejaVu: {fonts:?}"
        );
        assert_eq!(fonts[0], FontId::LmRegular);
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].text, "\u{10FFFD}");
    }
}
