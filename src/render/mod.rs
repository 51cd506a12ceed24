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
//!
//! Colour glyphs are drawn as the PDF writer draws them. A glyph with a
//! `COLR` definition of solid layers is its layers' outlines, each filled
//! in its `CPAL` colour; a glyph with a PNG bitmap (`CBDT`, `sbix`, as in
//! Noto Color Emoji) is that image, from the largest strike, placed with
//! the PDF writer's maths ([`bitmap_box`]). A bitmap that does not decode,
//! or is larger than [`MAX_BITMAP_SIDE`], is left out.

pub mod png;
pub mod svg;

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use rustybuzz::ttf_parser::{Face, GlyphId, OutlineBuilder, RasterImageFormat};

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

/// How a glyph is drawn.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Glyph {
    /// Its outline, filled in the text's colour.
    Outline(Outline),
    /// Outlines filled one over the other, each in its own colour (a
    /// `COLR` glyph).
    Layers(Layers),
    /// A picture (a `CBDT` or `sbix` colour bitmap).
    Bitmap(Bitmap),
}

impl Glyph {
    /// Font units per em of the glyph's face.
    pub(crate) fn units_per_em(&self) -> f32 {
        match self {
            Glyph::Outline(outline) => outline.units_per_em,
            Glyph::Layers(layers) => layers.units_per_em,
            Glyph::Bitmap(bitmap) => bitmap.units_per_em,
        }
    }
}

/// A `COLR` glyph: layers in painting order, each an outline (in font
/// units, y up) and its colour; `None` is the text's colour.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Layers {
    pub(crate) layers: Vec<(Vec<Segment>, Option<[u8; 4]>)>,
    pub(crate) units_per_em: f32,
}

/// A colour bitmap glyph.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Bitmap {
    /// The PNG file, as stored in the font.
    pub(crate) png: Vec<u8>,
    /// Its pixels, straight 8-bit RGBA, `width` × `height`.
    pub(crate) rgba: Vec<u8>,
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// Where the image goes, in font units relative to the glyph origin.
    pub(crate) place: BitmapBox,
    pub(crate) units_per_em: f32,
}

/// The largest side, in pixels, of a bitmap glyph that is drawn (Noto
/// Color Emoji's are 136 × 128).
pub(crate) const MAX_BITMAP_SIDE: u32 = 1024;

/// A bitmap's rectangle in font units, y up, from the glyph origin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct BitmapBox {
    pub(crate) left: f32,
    pub(crate) top: f32,
    pub(crate) width: f32,
    pub(crate) height: f32,
}

/// What a bitmap's offsets mean: which table it comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Strike {
    /// `CBDT` (or `EBDT`): `x`, `y` are the bitmap's left and bottom in
    /// pixels from the origin (ttf-parser's reading of the metrics).
    Cbdt,
    /// `sbix`: `x`, `y` are the origin offset in pixels; `lsb` and `y_min`
    /// are the glyph's side bearing and outline bottom in font units.
    Sbix { lsb: f32, y_min: f32 },
}

/// The rectangle of a `width` × `height` pixel image of a strike of `ppem`
/// pixels per em, with offsets `x`, `y` and the height `metrics_height`
/// the font records for it, in a face of `units_per_em`: the PDF writer's
/// placement (krilla's, after vello's). One pixel is `units_per_em / ppem`
/// font units. A `CBDT` image's top is `y + metrics_height` pixels above
/// the baseline and its left edge `x` pixels left of the origin; an `sbix`
/// image's bottom is `y` pixels up less 0.128 em (the shift Apple's
/// renderer applies) and `y_min`, its left `x` pixels and `lsb` left.
/// `None` for a strike of no pixels per em.
#[allow(clippy::too_many_arguments)]
pub(crate) fn bitmap_box(
    strike: Strike,
    (x, y): (f32, f32),
    metrics_height: f32,
    (width, height): (f32, f32),
    ppem: f32,
    units_per_em: f32,
) -> Option<BitmapBox> {
    if !(ppem > 0.0 && units_per_em > 0.0) {
        return None;
    }
    let s = units_per_em / ppem;
    let (left, top) = match strike {
        Strike::Cbdt => (-x * s, (y + metrics_height) * s),
        Strike::Sbix { lsb, y_min } => (
            -x * s - lsb,
            height * s - 0.128 * units_per_em + y * s - y_min,
        ),
    };
    Some(BitmapBox {
        left,
        top,
        width: width * s,
        height: height * s,
    })
}

/// The glyphs a page uses, each read once.
pub(crate) struct Outlines<'a> {
    /// The files that [`FontId::Fallback`] refers to.
    fallback: &'a [FontFile],
    /// The parsed faces; `None` for one that cannot be read.
    faces: HashMap<FontId, Option<Face<'a>>>,
    /// The glyphs read so far; `None` for a glyph that draws nothing (a
    /// space).
    glyphs: HashMap<(FontId, u16), Option<Glyph>>,
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

    /// How glyph `id` of `font` is drawn, or `None` when it draws nothing
    /// (or its font cannot be read).
    pub(crate) fn get(&mut self, font: FontId, id: u16) -> Option<&Glyph> {
        if let Entry::Vacant(slot) = self.glyphs.entry((font, id)) {
            let fallback = self.fallback;
            let face = self
                .faces
                .entry(font)
                .or_insert_with(|| parse(font, fallback));
            let glyph = face.as_ref().and_then(|face| match font {
                FontId::Fallback(_) => isolated(|| glyph(face, id)).ok().flatten(),
                _ => glyph(face, id),
            });
            slot.insert(glyph);
        }
        self.glyphs.get(&(font, id)).and_then(Option::as_ref)
    }
}

/// The face of `font`: a bundled face's data, or the `[fonts] fallback`
/// file (its face in a collection, as the shaper and the PDF writer read it).
fn parse(font: FontId, fallback: &[FontFile]) -> Option<Face<'_>> {
    match font {
        FontId::Fallback(n) => {
            let file = fallback.get(usize::from(n))?;
            isolated(|| Face::parse(file.data.as_slice(), file.index).ok())
                .ok()
                .flatten()
        }
        bundled => Face::parse(bundled.data()?, 0).ok(),
    }
}

/// How glyph `id` of `face` is drawn, in the PDF writer's order: `COLR`
/// layers, a PNG bitmap, the outline.
fn glyph(face: &Face, id: u16) -> Option<Glyph> {
    if let Some(layers) = layers(face, id) {
        return Some(Glyph::Layers(layers));
    }
    if let Some(bitmap) = bitmap(face, id) {
        return Some(Glyph::Bitmap(bitmap));
    }
    outline(face, id).map(Glyph::Outline)
}

/// Glyph `id`'s PNG bitmap from the largest strike of `face`, decoded.
fn bitmap(face: &Face, id: u16) -> Option<Bitmap> {
    let image = face.glyph_raster_image(GlyphId(id), u16::MAX)?;
    if image.format != RasterImageFormat::PNG {
        return None;
    }
    let units_per_em = f32::from(face.units_per_em());
    let strike = if face.tables().sbix.is_some() {
        Strike::Sbix {
            lsb: face.glyph_hor_side_bearing(GlyphId(id)).map_or(0.0, f32::from),
            y_min: face.glyph_bounding_box(GlyphId(id)).map_or(0.0, |b| f32::from(b.y_min)),
        }
    } else {
        Strike::Cbdt
    };
    let (width, height, rgba) = decode_bitmap(image.data)?;
    let place = bitmap_box(
        strike,
        (f32::from(image.x), f32::from(image.y)),
        f32::from(image.height),
        (width as f32, height as f32),
        f32::from(image.pixels_per_em),
        units_per_em,
    )?;
    Some(Bitmap {
        png: image.data.to_vec(),
        rgba,
        width,
        height,
        place,
        units_per_em,
    })
}

/// A bitmap glyph's PNG file decoded: width, height, straight RGBA; `None`
/// for one that does not decode to the size its header gives, or is larger
/// than [`MAX_BITMAP_SIDE`] (checked before decoding). The decoder runs
/// isolated.
fn decode_bitmap(data: &[u8]) -> Option<(u32, u32, Vec<u8>)> {
    let (width, height) = png_size(data)?;
    if width == 0 || height == 0 || width > MAX_BITMAP_SIDE || height > MAX_BITMAP_SIDE {
        return None;
    }
    let rgba = isolated(|| decode_png(data)).ok().flatten()?;
    (rgba.len() == width as usize * height as usize * 4).then_some((width, height, rgba))
}

/// The width and height a PNG file's header gives.
fn png_size(data: &[u8]) -> Option<(u32, u32)> {
    if data.get(..8)? != b"\x89PNG\r\n\x1a\n" || data.get(12..16)? != b"IHDR" {
        return None;
    }
    let word = |at: usize| Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?));
    Some((word(16)?, word(20)?))
}

/// Glyph `id`'s `COLR` layers in `face`, when it has them and they are
/// solid fills of glyph outlines (`COLR` version 0, and version 1 glyphs
/// made only of solid glyph layers); `None` otherwise, and the glyph is
/// drawn as a bitmap or an outline.
fn layers(face: &Face, id: u16) -> Option<Layers> {
    if !face.is_color_glyph(GlyphId(id)) || face.units_per_em() == 0 {
        return None;
    }
    // The painter sees a layer in the text's colour (palette index
    // 0xFFFF) only as the foreground colour passed here, so it is one no
    // layer would be painted in: fully transparent.
    let mut painter = Painter {
        face,
        outline: Vec::new(),
        clips: Vec::new(),
        layers: Vec::new(),
        simple: true,
    };
    face.paint_color_glyph(GlyphId(id), 0, FOREGROUND, &mut painter)?;
    (painter.simple && !painter.layers.is_empty()).then(|| Layers {
        layers: painter.layers,
        units_per_em: f32::from(face.units_per_em()),
    })
}

/// The colour passed for "the text's colour" to the `COLR` painter, fully
/// transparent so that no visible palette entry equals it.
const FOREGROUND: rustybuzz::ttf_parser::RgbaColor = rustybuzz::ttf_parser::RgbaColor {
    red: 1,
    green: 2,
    blue: 3,
    alpha: 0,
};

/// Collects the solid layers of a `COLR` glyph; anything else (gradients,
/// transforms, blending, nested clips) makes it not `simple`.
struct Painter<'f, 'a> {
    face: &'f Face<'a>,
    outline: Vec<Segment>,
    /// The clips pushed: `true` for a glyph's outline, `false` for a
    /// clip box (which a glyph's layers lie within anyway).
    clips: Vec<bool>,
    layers: Vec<(Vec<Segment>, Option<[u8; 4]>)>,
    simple: bool,
}

impl<'a> rustybuzz::ttf_parser::colr::Painter<'a> for Painter<'_, 'a> {
    fn outline_glyph(&mut self, glyph: GlyphId) {
        let mut builder = Builder(Vec::new());
        self.outline = match self.face.outline_glyph(glyph, &mut builder) {
            Some(_) => builder.0,
            None => Vec::new(),
        };
    }
    fn paint(&mut self, paint: rustybuzz::ttf_parser::colr::Paint<'a>) {
        match paint {
            rustybuzz::ttf_parser::colr::Paint::Solid(c)
                if self.clips.iter().filter(|&&glyph| glyph).count() <= 1 =>
            {
                let color = (c != FOREGROUND).then_some([c.red, c.green, c.blue, c.alpha]);
                if !self.outline.is_empty() {
                    self.layers.push((self.outline.clone(), color));
                }
            }
            _ => self.simple = false,
        }
    }
    fn push_clip(&mut self) {
        self.clips.push(true);
    }
    fn push_clip_box(&mut self, _: rustybuzz::ttf_parser::colr::ClipBox) {
        self.clips.push(false);
    }
    fn pop_clip(&mut self) {
        self.clips.pop();
    }
    fn push_layer(&mut self, mode: rustybuzz::ttf_parser::colr::CompositeMode) {
        if mode != rustybuzz::ttf_parser::colr::CompositeMode::SourceOver {
            self.simple = false;
        }
    }
    fn pop_layer(&mut self) {}
    fn push_transform(&mut self, _: rustybuzz::ttf_parser::Transform) {
        self.simple = false;
    }
    fn pop_transform(&mut self) {}
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
pub(crate) fn icon_outline(icon: Icon) -> Outline {
    let segments = icon
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Noto Color Emoji's rocket: 2048 units per em, a 109 ppem strike,
    /// a 136 × 128 image whose top is 101 pixels above the baseline.
    #[test]
    fn cbdt_bitmaps_are_placed_from_their_bearings() {
        let b = bitmap_box(Strike::Cbdt, (0.0, -27.0), 128.0, (136.0, 128.0), 109.0, 2048.0)
            .unwrap();
        let unit = 2048.0 / 109.0;
        assert!((b.top - 101.0 * unit).abs() < 1e-3, "{b:?}");
        assert!((b.width - 136.0 * unit).abs() < 1e-3, "{b:?}");
        assert!((b.height - 128.0 * unit).abs() < 1e-3, "{b:?}");
        assert_eq!(b.left, 0.0);
        // Its bottom is 27 pixels below the baseline.
        assert!((b.top - b.height + 27.0 * unit).abs() < 1e-3, "{b:?}");
        // A bearing moves it left by as many pixels, as the PDF writer
        // places it; a 1000-unit face at 100 ppem has 10 units a pixel.
        let b = bitmap_box(Strike::Cbdt, (2.0, 0.0), 50.0, (40.0, 50.0), 100.0, 1000.0).unwrap();
        assert_eq!(
            b,
            BitmapBox {
                left: -20.0,
                top: 500.0,
                width: 400.0,
                height: 500.0
            }
        );
    }

    #[test]
    fn sbix_bitmaps_stand_on_their_origin_less_the_shift() {
        // 10 units a pixel: the bottom is 3 pixels up, less 0.128 em
        // (128 units) and the outline's bottom (-50 units).
        let strike = Strike::Sbix { lsb: 5.0, y_min: -50.0 };
        let b = bitmap_box(strike, (1.0, 3.0), 0.0, (64.0, 60.0), 100.0, 1000.0).unwrap();
        assert!((b.left - (-10.0 - 5.0)).abs() < 1e-3, "{b:?}");
        let bottom = b.top - b.height;
        assert!((bottom - (30.0 - 128.0 + 50.0)).abs() < 1e-3, "{b:?}");
        assert!((b.width - 640.0).abs() < 1e-3 && (b.height - 600.0).abs() < 1e-3);
    }

    #[test]
    fn strikes_without_pixels_or_units_place_nothing() {
        assert_eq!(bitmap_box(Strike::Cbdt, (0.0, 0.0), 8.0, (8.0, 8.0), 0.0, 1000.0), None);
        assert_eq!(bitmap_box(Strike::Cbdt, (0.0, 0.0), 8.0, (8.0, 8.0), 8.0, 0.0), None);
        assert_eq!(bitmap_box(Strike::Cbdt, (0.0, 0.0), 8.0, (8.0, 8.0), f32::NAN, 1000.0), None);
    }

    #[test]
    fn colr_glyphs_are_their_layers_in_palette_colours() {
        let data = include_bytes!("../../tests/fixtures/fonts/colr-layers.ttf");
        let face = Face::parse(data, 0).unwrap();
        let id = face.glyph_index('\u{F0000}').unwrap().0;
        let Some(Glyph::Layers(layers)) = glyph(&face, id) else {
            panic!("{:?}", glyph(&face, id));
        };
        assert_eq!(layers.units_per_em, 1000.0);
        let colours: Vec<_> = layers.layers.iter().map(|l| l.1).collect();
        assert_eq!(colours, [Some([255, 0, 0, 255]), Some([0, 0, 255, 255]), None]);
        // Each layer is its glyph's outline.
        for (layer, name) in layers.layers.iter().zip([2, 3, 4]) {
            assert_eq!(Some(&layer.0), outline(&face, name).as_ref().map(|o| &o.segments));
        }
        // The layer glyphs themselves are plain outlines.
        assert!(matches!(glyph(&face, 3), Some(Glyph::Outline(_))));
        assert!(super::layers(&face, 3).is_none());
    }

    /// A `width` × `height` PNG file of one opaque colour.
    pub(crate) fn png_file(width: u32, height: u32, rgb: [u8; 3]) -> Vec<u8> {
        let mut file = Vec::new();
        let mut encoder = ::png::Encoder::new(&mut file, width, height);
        encoder.set_color(::png::ColorType::Rgb);
        encoder.set_depth(::png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        let pixels: Vec<u8> = (0..width * height).flat_map(|_| rgb).collect();
        writer.write_image_data(&pixels).unwrap();
        writer.finish().unwrap();
        file
    }

    #[test]
    fn damaged_or_oversized_bitmaps_are_left_out() {
        let good = png_file(3, 2, [200, 10, 20]);
        let (w, h, rgba) = decode_bitmap(&good).unwrap();
        assert_eq!((w, h), (3, 2));
        assert_eq!(&rgba[..4], &[200, 10, 20, 255]);
        // Cut short, or its pixel data damaged.
        assert_eq!(decode_bitmap(&good[..good.len() - 20]), None);
        let mut damaged = good.clone();
        let at = damaged.len() - 20;
        damaged[at] ^= 0xff;
        assert_eq!(decode_bitmap(&damaged), None);
        assert_eq!(decode_bitmap(b"not a png"), None);
        assert_eq!(decode_bitmap(&[]), None);
        // A header larger than the cap is refused before decoding.
        let mut huge = good.clone();
        huge[16..20].copy_from_slice(&(MAX_BITMAP_SIDE + 1).to_be_bytes());
        assert_eq!(png_size(&huge), Some((MAX_BITMAP_SIDE + 1, 2)));
        assert_eq!(decode_bitmap(&huge), None);
        // A header that lies about the size.
        let mut lying = good;
        lying[23] = 3;
        assert_eq!(decode_bitmap(&lying), None);
    }
}
