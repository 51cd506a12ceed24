//! One placed page rasterised to PNG with tiny-skia: glyph outlines and
//! rules filled, anti-aliased, on a white background.
//!
//! The pixel size is the page size at the resolution, rounded up (as
//! `pdftoppm` sizes its pages). The file is 8-bit RGB with the resolution
//! recorded (`pHYs`), written with flate2.

use std::io::Write;

use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};

use super::{Outlines, Segment};
use crate::diag::Diagnostic;
use crate::layout::frame::{Item, Page, TextItem};
use crate::text::shape::FontFile;
use crate::units::Pt;

/// The resolution when none is asked for: twice the 72 dpi of PDF points,
/// sharp on a high-density screen.
pub const DEFAULT_DPI: f32 = 144.0;

/// The most pixels a page may have: a US Letter or A4 page at 600 dpi
/// (about 35 million), with room to spare. Each pixel takes 4 bytes while
/// drawing.
pub const MAX_PIXELS: u64 = 40_000_000;

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
/// page's [`crate::theme::fonts::FontId::Fallback`] runs.
pub fn page(page: &Page, dpi: f32, fallback: &[FontFile]) -> Result<Vec<u8>, Diagnostic> {
    let pixmap = raster(page, dpi, fallback)?;
    encode(&pixmap, dpi).map_err(|e| Diagnostic::error(format!("cannot encode the PNG: {e}")))
}

/// Page `page` drawn at `dpi`.
pub(crate) fn raster(page: &Page, dpi: f32, fallback: &[FontFile]) -> Result<Pixmap, Diagnostic> {
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
                let top = *y - *thickness / 2.0;
                let rect = Rect::from_xywh(
                    x.get() as f32 * scale,
                    top.get() as f32 * scale,
                    width.get() as f32 * scale,
                    thickness.get() as f32 * scale,
                );
                if let Some(rect) = rect {
                    let paint = paint(color.0, color.1, color.2);
                    pixmap.fill_rect(rect, &paint, Transform::identity(), None);
                }
            }
            Item::Link { .. } => {}
        }
    }
    Ok(pixmap)
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
        let Some(outline) = outlines.get(text.font, glyph.id) else {
            continue;
        };
        let Some(path) = path(&outline.segments) else {
            continue;
        };
        let k = (size / f64::from(outline.units_per_em)) as f32 * scale;
        let transform = Transform::from_row(
            k,
            0.0,
            0.0,
            -k,
            origin_x.get() as f32 * scale,
            origin_y.get() as f32 * scale,
        );
        pixmap.fill_path(&path, &paint, FillRule::Winding, transform, None);
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
