//! SVG and PNG pictures of placed pages, drawn from the same
//! [`Page`](crate::layout::frame::Page) items as the PDF: the same glyph
//! ids from the same font data at the same positions, the same rules and
//! colours, the same link areas.
//!
//! [`svg::page`] writes one page as a standalone SVG document: each
//! distinct glyph outline once in `<defs>`, each placed glyph a `<use>` of
//! it, each text item a group labelled with its text (so the words are in
//! the document, for search and screen readers), rules as rectangles and
//! link areas as `<a href>`. [`png::page`] fills the same outlines with
//! tiny-skia at a chosen resolution on a white background.
//!
//! Contact-line icons are filled outlines as in the PDF (from
//! [`Icon::outline`], in ems); the photo is the same image, cropped to the
//! theme's square or circle: embedded as it is in SVG, decoded and drawn
//! through the crop in PNG.
//!
//! Outlines are read with the `ttf_parser` that rustybuzz re-exports (the
//! parser that shaped the text). Reading a `[fonts] fallback` file runs
//! isolated (`text::isolate`): a glyph that makes the parser panic is left
//! out, as a glyph without an outline is.

pub mod png;
pub mod svg;

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use rustybuzz::ttf_parser::{Face, GlyphId, OutlineBuilder};

use crate::photo::{Format, Photo};
use crate::text::isolate::isolated;
use crate::theme::icons::{Icon, PathOp};
use crate::text::shape::FontFile;
use crate::theme::fonts::FontId;

/// One drawing command of a glyph outline, in font units, y up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Segment {
    /// Start a contour.
    Move(f32, f32),
    /// A straight line.
    Line(f32, f32),
    /// A quadratic Bézier curve: control point, end point.
    Quad(f32, f32, f32, f32),
    /// A cubic Bézier curve: two control points, end point.
    Cubic(f32, f32, f32, f32, f32, f32),
    /// Close the contour.
    Close,
}

/// A glyph's outline and its font's scale.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Outline {
    /// The contours, in font units.
    pub(crate) segments: Vec<Segment>,
    /// Font units per em: a glyph drawn at size `s` is scaled by
    /// `s / units_per_em`.
    pub(crate) units_per_em: f32,
}

/// The outlines of the glyphs a page uses, each read once.
pub(crate) struct Outlines<'a> {
    /// The files that [`FontId::Fallback`] refers to.
    fallback: &'a [FontFile],
    /// The parsed faces; `None` for one that cannot be read.
    faces: HashMap<FontId, Option<Face<'a>>>,
    /// The outlines read so far; `None` for a glyph without one (a space).
    glyphs: HashMap<(FontId, u16), Option<Outline>>,
}

impl<'a> Outlines<'a> {
    /// No outlines read yet; `fallback` holds the files of the pages'
    /// [`FontId::Fallback`] runs.
    pub(crate) fn new(fallback: &'a [FontFile]) -> Outlines<'a> {
        Outlines {
            fallback,
            faces: HashMap::new(),
            glyphs: HashMap::new(),
        }
    }

    /// The outline of glyph `id` of `font`, or `None` when it has none
    /// (or its font cannot be read).
    pub(crate) fn get(&mut self, font: FontId, id: u16) -> Option<&Outline> {
        if let Entry::Vacant(slot) = self.glyphs.entry((font, id)) {
            let fallback = self.fallback;
            let face = self
                .faces
                .entry(font)
                .or_insert_with(|| parse(font, fallback));
            let outline = face.as_ref().and_then(|face| match font {
                FontId::Fallback(_) => isolated(|| outline(face, id)).ok().flatten(),
                _ => outline(face, id),
            });
            slot.insert(outline);
        }
        self.glyphs.get(&(font, id)).and_then(Option::as_ref)
    }
}

/// The face of `font`: a bundled face's data, or the `[fonts] fallback`
/// file, face 0 (as the shaper and the PDF writer read it).
fn parse(font: FontId, fallback: &[FontFile]) -> Option<Face<'_>> {
    match font {
        FontId::Fallback(n) => {
            let file = fallback.get(usize::from(n))?;
            isolated(|| Face::parse(file.data.as_slice(), 0).ok())
                .ok()
                .flatten()
        }
        bundled => Face::parse(bundled.data()?, 0).ok(),
    }
}

/// Glyph `id`'s outline in `face`.
fn outline(face: &Face, id: u16) -> Option<Outline> {
    let mut builder = Builder(Vec::new());
    face.outline_glyph(GlyphId(id), &mut builder)?;
    if builder.0.is_empty() || face.units_per_em() == 0 {
        return None;
    }
    Some(Outline {
        segments: builder.0,
        units_per_em: f32::from(face.units_per_em()),
    })
}

/// Collects a glyph's outline as [`Segment`]s.
struct Builder(Vec<Segment>);

impl OutlineBuilder for Builder {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.push(Segment::Move(x, y));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.push(Segment::Line(x, y));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.push(Segment::Quad(x1, y1, x, y));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.push(Segment::Cubic(x1, y1, x2, y2, x, y));
    }
    fn close(&mut self) {
        self.0.push(Segment::Close);
    }
}

/// The outline of an icon glyph, in ems (`units_per_em` 1), y up.
pub(crate) fn icon_outline(font: FontId, glyph: u16) -> Outline {
    let segments = Icon { font, glyph }
        .outline()
        .into_iter()
        .map(|op| match op {
            PathOp::Move(x, y) => Segment::Move(x, y),
            PathOp::Line(x, y) => Segment::Line(x, y),
            PathOp::Quad(x1, y1, x, y) => Segment::Quad(x1, y1, x, y),
            PathOp::Cubic(x1, y1, x2, y2, x, y) => Segment::Cubic(x1, y1, x2, y2, x, y),
            PathOp::Close => Segment::Close,
        })
        .collect();
    Outline {
        segments,
        units_per_em: 1.0,
    }
}

/// The photo a page may show, with its alternative text.
#[derive(Clone, Copy)]
pub(crate) struct Picture<'a> {
    /// The image as read.
    pub(crate) photo: &'a Photo,
    /// What it shows, for screen readers.
    pub(crate) alt: &'a str,
}

/// The photo's pixels as straight (not premultiplied) 8-bit RGBA, row by
/// row, `photo.width` × `photo.height`; `None` when the file does not
/// decode to that size (the PDF writer checked it already, so a failure
/// here leaves the photo out of the picture rather than failing it).
/// Decoding runs isolated: a decoder that panics on a damaged file is a
/// failure like any other.
pub(crate) fn decode(photo: &Photo) -> Option<Vec<u8>> {
    let expected = photo.width as usize * photo.height as usize * 4;
    let rgba = isolated(|| match photo.format {
        Format::Jpeg => decode_jpeg(&photo.data),
        Format::Png => decode_png(&photo.data),
    })
    .ok()
    .flatten()?;
    (rgba.len() == expected).then_some(rgba)
}

fn decode_jpeg(data: &[u8]) -> Option<Vec<u8>> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::RGBA);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(std::io::Cursor::new(data), options);
    decoder.decode().ok()
}

fn decode_png(data: &[u8]) -> Option<Vec<u8>> {
    let mut decoder = ::png::Decoder::new(std::io::Cursor::new(data));
    decoder.set_transformations(::png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let mut buffer = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buffer).ok()?;
    buffer.truncate(info.buffer_size());
    let rgba = match info.color_type {
        ::png::ColorType::Rgba => buffer,
        ::png::ColorType::Rgb => buffer
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        ::png::ColorType::GrayscaleAlpha => buffer
            .chunks_exact(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        ::png::ColorType::Grayscale => buffer.iter().flat_map(|&v| [v, v, v, 255]).collect(),
        // normalize_to_color8 expands palettes.
        ::png::ColorType::Indexed => return None,
    };
    Some(rgba)
}
