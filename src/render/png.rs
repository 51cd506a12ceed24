//! One placed page rasterised to PNG with tiny-skia: glyph outlines and
//! rules filled, anti-aliased, on a white background.
//!
//! The pixel size is the page size at the resolution, rounded up (as
//! `pdftoppm` sizes its pages). The file is 8-bit RGB with the resolution
//! recorded (`pHYs`), written with flate2.

use std::io::Write;

use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};

use super::{Outline, Outlines, Picture, Segment, decode, icon_outline};
use crate::diag::Diagnostic;
use crate::limits::{DEFAULT_DPI, MAX_PIXELS};
use crate::layout::frame::{Item, Page, TextItem};
use crate::text::shape::FontFile;
use crate::theme::PhotoSlot;
use crate::units::Pt;


/// The pixel size of a `width` × `height` page at `dpi`, or the error for a
/// resolution that is not a positive number or makes the page larger than
/// [`MAX_PIXELS`].
pub fn size(width: Pt, height: Pt, dpi: f32) -> Result<(u32, u32), Diagnostic> {
    if !dpi.is_finite() || dpi <= 0.0 {
        return Err(
            Diagnostic::error(format!("the resolution must be a positive number, not {dpi}"))
                .with_hint(format!("e.g. --dpi {DEFAULT_DPI} (the default)")),
        );
    }
    let pixels = |pt: Pt| (pt.get().max(0.0) * f64::from(dpi) / 72.0).ceil().max(1.0);
    let (w, h) = (pixels(width), pixels(height));
    if w * h > MAX_PIXELS as f64 {
        // The highest resolution that fits, in whole dpi.
        let most = (f64::from(dpi) * (MAX_PIXELS as f64 / (w * h)).sqrt()).floor();
        return Err(Diagnostic::error(format!(
            "a page at {dpi} dpi would be {w} × {h} pixels, more than the {} million a picture may have",
            MAX_PIXELS / 1_000_000
        ))
        .with_hint(format!("use a resolution of at most {most} dpi")));
    }
    // Both are at most MAX_PIXELS here.
    Ok((w as u32, h as u32))
}

/// Page `page` at `dpi` as a PNG file; `fallback` holds the files of the
/// page's [`crate::theme::fonts::FontId::Fallback`] runs; `picture` is
/// the photo a photo item shows.
pub(crate) fn page(
    page: &Page,
    dpi: f32,
    fallback: &[FontFile],
    picture: Option<Picture>,
) -> Result<Vec<u8>, Diagnostic> {
    let pixmap = raster(page, dpi, fallback, picture)?;
    encode(&pixmap, dpi).map_err(|e| Diagnostic::error(format!("cannot encode the PNG: {e}")))
}

/// Page `page` drawn at `dpi`.
pub(crate) fn raster(
    page: &Page,
    dpi: f32,
    fallback: &[FontFile],
    picture: Option<Picture>,
) -> Result<Pixmap, Diagnostic> {
    let (w, h) = size(page.width, page.height, dpi)?;
    let mut pixmap = Pixmap::new(w, h).ok_or_else(|| {
        Diagnostic::error(format!("cannot make a picture of {w} × {h} pixels"))
    })?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let scale = dpi / 72.0;
    let mut outlines = Outlines::new(fallback);
    for item in &page.items {
        match item {
            Item::Text(text) => draw_text(&mut pixmap, text, scale, &mut outlines),
            Item::Rule {
                x,
                y,
                width,
                thickness,
                color,
            } => {
                let (top, height) = rule_rows(y.get() as f32 * scale, thickness.get() as f32 * scale);
                let rect = Rect::from_xywh(
                    x.get() as f32 * scale,
                    top,
                    width.get() as f32 * scale,
                    height,
                );
                if thickness.get() > 0.0
                    && let Some(rect) = rect
                {
                    let paint = paint(color.0, color.1, color.2);
                    pixmap.fill_rect(rect, &paint, Transform::identity(), None);
                }
            }
            Item::Icon {
                x,
                y,
                font,
                glyph,
                size,
                color,
            } => {
                let outline = icon_outline(*font, *glyph);
                let paint = paint(color.0, color.1, color.2);
                fill(&mut pixmap, &outline, &paint, (*x, *y), *size, scale);
            }
            Item::Photo { x, y, size, shape } => {
                if let Some(picture) = picture {
                    draw_photo(&mut pixmap, picture, (*x, *y, *size), *shape, scale);
                }
            }
            Item::Link { .. } => {}
        }
    }
    Ok(pixmap)
}

/// The top and height in pixels of a rule `thickness` pixels thick
/// centred on `centre`. A rule thinner than two pixels covers whole pixel
/// rows, at least one, as PDF viewers draw thin rules: anti-aliased, a
/// rule of a third of a pixel would be a faint grey, or vanish between the
/// rasteriser's sample rows.
fn rule_rows(centre: f32, thickness: f32) -> (f32, f32) {
    if thickness >= 2.0 {
        return (centre - thickness / 2.0, thickness);
    }
    let rows = thickness.round().max(1.0);
    ((centre - rows / 2.0).round(), rows)
}

/// A solid, opaque, anti-aliased paint.
fn paint(r: u8, g: u8, b: u8) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(r, g, b, 255);
    paint.anti_alias = true;
    paint
}

/// Fill the glyphs of one text item, `scale` pixels per point.
fn draw_text(pixmap: &mut Pixmap, text: &TextItem, scale: f32, outlines: &mut Outlines) {
    let size = text.size.get();
    if size <= 0.0 {
        return;
    }
    let paint = paint(text.color.0, text.color.1, text.color.2);
    let mut pen = Pt::ZERO;
    for glyph in &text.glyphs {
        let origin_x = text.x + pen + glyph.x_offset;
        let origin_y = text.y - glyph.y_offset;
        pen += glyph.advance;
        if let Some(outline) = outlines.get(text.font, glyph.id) {
            fill(pixmap, outline, &paint, (origin_x, origin_y), text.size, scale);
        }
    }
}

/// Fill `outline` at `size` with its origin at `origin`.
fn fill(pixmap: &mut Pixmap, outline: &Outline, paint: &Paint, origin: (Pt, Pt), size: Pt, scale: f32) {
    let Some(path) = path(&outline.segments) else {
        return;
    };
    let k = (size.get() / f64::from(outline.units_per_em)) as f32 * scale;
    if !(k.is_finite() && k > 0.0) {
        return;
    }
    let transform = Transform::from_row(
        k,
        0.0,
        0.0,
        -k,
        origin.0.get() as f32 * scale,
        origin.1.get() as f32 * scale,
    );
    pixmap.fill_path(&path, paint, FillRule::Winding, transform, None);
}

/// The photo filling the `size` square at `x`, `y` (top left), scaled to
/// cover it and cropped from its centre to the square or the circle in it.
fn draw_photo(pixmap: &mut Pixmap, picture: Picture, (x, y, size): (Pt, Pt, Pt), shape: PhotoSlot, scale: f32) {
    let photo = picture.photo;
    let Some(rgba) = decode(photo) else { return };
    let Some(mut image) = Pixmap::new(photo.width, photo.height) else {
        return;
    };
    for (out, p) in image.pixels_mut().iter_mut().zip(rgba.chunks_exact(4)) {
        *out = tiny_skia::ColorU8::from_rgba(p[0], p[1], p[2], p[3]).premultiply();
    }
    let (left, top, side) = (x.get() as f32 * scale, y.get() as f32 * scale, size.get() as f32 * scale);
    let Some(square) = Rect::from_xywh(left, top, side, side) else {
        return;
    };
    // Cover the square with the image's shorter side, centred.
    let k = side / photo.width.min(photo.height) as f32;
    let dx = left + (side - photo.width as f32 * k) / 2.0;
    let dy = top + (side - photo.height as f32 * k) / 2.0;
    let shader = tiny_skia::Pattern::new(
        image.as_ref(),
        tiny_skia::SpreadMode::Pad,
        tiny_skia::FilterQuality::Bicubic,
        1.0,
        Transform::from_row(k, 0.0, 0.0, k, dx, dy),
    );
    let paint = Paint {
        shader,
        anti_alias: true,
        ..Paint::default()
    };
    let path = match shape {
        PhotoSlot::Circle => PathBuilder::from_circle(left + side / 2.0, top + side / 2.0, side / 2.0),
        PhotoSlot::Square | PhotoSlot::None => Some(PathBuilder::from_rect(square)),
    };
    if let Some(path) = path {
        pixmap.fill_path(&path, &paint, FillRule::Winding, Transform::identity(), None);
    }
}

/// An outline as a tiny-skia path (none for a degenerate one).
fn path(segments: &[Segment]) -> Option<tiny_skia::Path> {
    let mut builder = PathBuilder::new();
    for segment in segments {
        match *segment {
            Segment::Move(x, y) => builder.move_to(x, y),
            Segment::Line(x, y) => builder.line_to(x, y),
            Segment::Quad(x1, y1, x, y) => builder.quad_to(x1, y1, x, y),
            Segment::Cubic(x1, y1, x2, y2, x, y) => builder.cubic_to(x1, y1, x2, y2, x, y),
            Segment::Close => builder.close(),
        }
    }
    builder.finish()
}

/// The pixmap as an 8-bit RGB PNG file recording `dpi`. The pixmap is
/// opaque (drawn on white), so its premultiplied RGBA is plain RGB.
pub(crate) fn encode(pixmap: &Pixmap, dpi: f32) -> std::io::Result<Vec<u8>> {
    let (w, h) = (pixmap.width(), pixmap.height());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::with_capacity(13);
    header.extend(w.to_be_bytes());
    header.extend(h.to_be_bytes());
    // 8 bits per sample, RGB, deflate, adaptive filtering, no interlace.
    header.extend([8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header);
    // Pixels per metre, both axes.
    let per_metre = (f64::from(dpi) / 0.0254).round() as u32;
    let mut phys = Vec::with_capacity(9);
    phys.extend(per_metre.to_be_bytes());
    phys.extend(per_metre.to_be_bytes());
    phys.push(1);
    chunk(&mut out, b"pHYs", &phys);
    let row = w as usize * 3;
    let mut z = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(row * h as usize / 16),
        flate2::Compression::fast(),
    );
    let mut line = vec![0u8; 1 + row];
    let mut previous = vec![0u8; row];
    for pixels in pixmap.data().chunks_exact(w as usize * 4) {
        // Filter type 2 (Up): the difference from the row above, zero in
        // the many rows that repeat it.
        line[0] = 2;
        let rgb = pixels.chunks_exact(4).flat_map(|p| &p[..3]);
        for ((out, above), &value) in line[1..].iter_mut().zip(&mut previous).zip(rgb) {
            *out = value.wrapping_sub(*above);
            *above = value;
        }
        z.write_all(&line)?;
    }
    chunk(&mut out, b"IDAT", &z.finish()?);
    chunk(&mut out, b"IEND", &[]);
    Ok(out)
}

/// Append a PNG chunk: length, type, data, CRC of type and data.
fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    // A chunk holds at most 2^31 - 1 bytes; MAX_PIXELS keeps IDAT far below.
    out.extend((data.len() as u32).to_be_bytes());
    out.extend(kind);
    out.extend(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend(crc.sum().to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::frame::PlacedGlyph;
    use crate::theme::Rgb;
    use crate::theme::fonts::FontId;

    fn page(items: Vec<Item>) -> Page {
        Page {
            width: Pt(72.0),
            height: Pt(36.0),
            items,
            content_bottom: Pt::ZERO,
            available: Pt(36.0),
            used: Pt::ZERO,
            overflow: None,
            blocks: Vec::new(),
        }
    }

    /// Decode a PNG file: size, resolution in dpi, and RGB pixels.
    fn decode(file: &[u8]) -> (u32, u32, f64, Vec<u8>) {
        let decoder = ::png::Decoder::new(std::io::Cursor::new(file));
        let mut reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert_eq!(info.color_type, ::png::ColorType::Rgb);
        assert_eq!(info.bit_depth, ::png::BitDepth::Eight);
        let dims = info.pixel_dims.unwrap();
        assert_eq!(dims.unit, ::png::Unit::Meter);
        let dpi = f64::from(dims.xppu) * 0.0254;
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let frame = reader.next_frame(&mut pixels).unwrap();
        pixels.truncate(frame.buffer_size());
        (frame.width, frame.height, dpi, pixels)
    }

    #[test]
    fn page_sizes_round_up_like_pdftoppm() {
        assert_eq!(size(Pt(612.0), Pt(792.0), 144.0).unwrap(), (1224, 1584));
        // A4 at 80 dpi: 661.4 × 935.4 pixels.
        assert_eq!(size(Pt::mm(210.0), Pt::mm(297.0), 80.0).unwrap(), (662, 936));
        assert_eq!(size(Pt(1.0), Pt(1.0), 1.0).unwrap(), (1, 1));
    }

    #[test]
    fn absurd_resolutions_are_errors_not_allocations() {
        for dpi in [0.0, -72.0, f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
            let e = size(Pt(612.0), Pt(792.0), dpi).unwrap_err();
            assert!(e.message.contains("positive number"), "{dpi}: {}", e.message);
        }
        let e = size(Pt(612.0), Pt(792.0), 100_000.0).unwrap_err();
        assert!(e.message.contains("million"), "{}", e.message);
        // The hint's resolution fits.
        let most: f32 = e.hints[0]
            .split_whitespace()
            .find_map(|w| w.parse().ok())
            .unwrap();
        assert!(size(Pt(612.0), Pt(792.0), most).is_ok(), "{most}");
        assert!(size(Pt(612.0), Pt(792.0), most + 2.0).is_err(), "{most}");
        assert!(size(Pt(612.0), Pt(792.0), 600.0).is_ok(), "600 dpi fits");
    }

    #[test]
    fn rules_are_filled_in_their_colour_on_white() {
        let file = super::page(
            &page(vec![Item::Rule {
                x: Pt(9.0),
                y: Pt(18.0),
                width: Pt(36.0),
                thickness: Pt(4.0),
                color: Rgb(200, 10, 20),
            }]),
            144.0,
            &[], None,
        )
        .unwrap();
        let (w, h, dpi, pixels) = decode(&file);
        assert_eq!((w, h), (144, 72));
        assert!((dpi - 144.0).abs() < 0.1, "{dpi}");
        let at = |x: u32, y: u32| {
            let i = (y * w + x) as usize * 3;
            [pixels[i], pixels[i + 1], pixels[i + 2]]
        };
        // The rule covers x 18..90, y 32..40 pixels.
        assert_eq!(at(50, 36), [200, 10, 20]);
        assert_eq!(at(19, 33), [200, 10, 20]);
        for (x, y) in [(0, 0), (17, 36), (91, 36), (50, 31), (50, 40), (143, 71)] {
            assert_eq!(at(x, y), [255, 255, 255], "({x}, {y})");
        }
    }

    #[test]
    fn thin_rules_cover_whole_pixel_rows() {
        // 0.4 pt at 60 dpi is a third of a pixel: one full row.
        let file = super::page(
            &page(vec![Item::Rule {
                x: Pt(0.0),
                y: Pt(18.0),
                width: Pt(72.0),
                thickness: Pt(0.4),
                color: Rgb(0, 0, 0),
            }]),
            60.0,
            &[], None,
        )
        .unwrap();
        let (w, h, _, pixels) = decode(&file);
        let dark_rows: Vec<u32> = (0..h)
            .filter(|&y| pixels[(y * w * 3) as usize + 30] < 128)
            .collect();
        assert_eq!(dark_rows.len(), 1, "{dark_rows:?}");
        let row = dark_rows[0];
        assert_eq!(pixels[(row * w * 3) as usize + 30], 0, "a full row");
        assert_eq!((row, rule_rows(15.0, 0.33)), (15, (15.0, 1.0)));
        assert_eq!(rule_rows(15.0, 1.6), (14.0, 2.0));
        assert_eq!(rule_rows(15.0, 3.0), (13.5, 3.0));
    }

    #[test]
    fn glyphs_are_filled_where_the_pdf_places_them() {
        let data = FontId::LmBold.data().unwrap();
        let face = rustybuzz::ttf_parser::Face::parse(data, 0).unwrap();
        let l = face.glyph_index('l').unwrap().0;
        let bbox = face.glyph_bounding_box(rustybuzz::ttf_parser::GlyphId(l)).unwrap();
        // One bold `l` at 30 pt, its pen at (20, 30) pt, drawn at 72 dpi.
        let item = Item::Text(TextItem {
            x: Pt(20.0),
            y: Pt(30.0),
            width: Pt(10.0),
            font: FontId::LmBold,
            size: Pt(30.0),
            color: Rgb(0, 0, 0),
            glyphs: vec![PlacedGlyph {
                id: l,
                advance: Pt(10.0),
                x_offset: Pt::ZERO,
                y_offset: Pt::ZERO,
                text: 0..1,
            }],
            text: "l".into(),
        });
        let pixmap = raster(&page(vec![item]), 72.0, &[], None).unwrap();
        let ink: Vec<(u32, u32)> = (0..pixmap.height())
            .flat_map(|y| (0..pixmap.width()).map(move |x| (x, y)))
            .filter(|&(x, y)| pixmap.pixel(x, y).unwrap().red() < 128)
            .collect();
        let (left, right) = (ink.iter().map(|p| p.0).min().unwrap(), ink.iter().map(|p| p.0).max().unwrap());
        let (top, bottom) = (ink.iter().map(|p| p.1).min().unwrap(), ink.iter().map(|p| p.1).max().unwrap());
        // The glyph's box in font units (1000 per em), at 30 pt.
        let px = |units: i16| f64::from(units) * 30.0 / 1000.0;
        let near = |pixel: u32, pt: f64| (f64::from(pixel) - pt).abs() <= 1.0;
        assert!(near(left, 20.0 + px(bbox.x_min)), "left {left}");
        assert!(near(right + 1, 20.0 + px(bbox.x_max)), "right {right}");
        assert!(near(top, 30.0 - px(bbox.y_max)), "top {top}");
        assert!(near(bottom + 1, 30.0 - px(bbox.y_min)), "bottom {bottom}");
    }
}
