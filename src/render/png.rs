//! One placed page rasterised to PNG with tiny-skia: glyph outlines and
//! rules filled, anti-aliased, on a white background.
//!
//! The pixel size is the page size at the resolution, rounded up (as
//! `pdftoppm` sizes its pages). The file is 8-bit RGB with the resolution
//! recorded (`pHYs`), written with flate2.

use std::io::Write;

use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};

use super::{Bitmap, Glyph, Outlines, Picture, Segment, decode, icon_outline};
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
                icon,
                size,
                color,
            } => {
                let outline = icon_outline(*icon);
                let paint = paint(color.0, color.1, color.2);
                let glyph = (&outline.segments[..], outline.units_per_em);
                fill(&mut pixmap, glyph, &paint, (*x, *y), *size, scale);
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
        match outlines.get(text.font, glyph.id) {
            Some(Glyph::Outline(outline)) => {
                let glyph = (&outline.segments[..], outline.units_per_em);
                fill(pixmap, glyph, &paint, (origin_x, origin_y), text.size, scale);
            }
            Some(Glyph::Layers(layers)) => {
                for (segments, color) in &layers.layers {
                    let paint = match *color {
                        Some([r, g, b, a]) => {
                            let mut paint = paint.clone();
                            paint.set_color_rgba8(r, g, b, a);
                            paint
                        }
                        None => paint.clone(),
                    };
                    let glyph = (&segments[..], layers.units_per_em);
                    fill(pixmap, glyph, &paint, (origin_x, origin_y), text.size, scale);
                }
            }
            Some(Glyph::Bitmap(bitmap)) => {
                draw_bitmap(pixmap, bitmap, (origin_x, origin_y), text.size, scale);
            }
            None => {}
        }
    }
}

/// Draw a bitmap glyph at `size` with its origin at `origin`: the image
/// resampled to the whole pixels its box reaches and copied there, as PDF
/// viewers draw images (poppler's edges: the first pixel the box starts
/// in, through the pixel after the one it ends in). Each pixel is the
/// mean of the image's pixels it covers, so a glyph drawn small shows its
/// colours, not a sample of its pixels.
fn draw_bitmap(pixmap: &mut Pixmap, bitmap: &Bitmap, origin: (Pt, Pt), size: Pt, scale: f32) {
    let Some((x, y, width, height)) = bitmap_pixels(bitmap, origin, size, scale) else {
        return;
    };
    // Nothing of it on the page, or larger than the page can show.
    let (pw, ph) = (i64::from(pixmap.width()), i64::from(pixmap.height()));
    if x >= pw || y >= ph || x + i64::from(width) <= 0 || y + i64::from(height) <= 0 {
        return;
    }
    if i64::from(width) > 2 * pw + 2 || i64::from(height) > 2 * ph + 2 {
        return;
    }
    let Some(mut image) = Pixmap::new(bitmap.width, bitmap.height) else {
        return;
    };
    for (out, p) in image.pixels_mut().iter_mut().zip(bitmap.rgba.chunks_exact(4)) {
        *out = tiny_skia::ColorU8::from_rgba(p[0], p[1], p[2], p[3]).premultiply();
    }
    let Some(image) = resample(&image, width, height) else {
        return;
    };
    pixmap.draw_pixmap(
        x as i32,
        y as i32,
        image.as_ref(),
        &tiny_skia::PixmapPaint::default(),
        Transform::identity(),
        None,
    );
}

/// The pixels a bitmap glyph covers: left, top, width, height; `None` for
/// one of no size (or one whose numbers are not finite).
fn bitmap_pixels(bitmap: &Bitmap, origin: (Pt, Pt), size: Pt, scale: f32) -> Option<(i64, i64, u32, u32)> {
    let k = (size.get() / f64::from(bitmap.units_per_em)) * f64::from(scale);
    let place = bitmap.place;
    let left = origin.0.get() * f64::from(scale) + k * f64::from(place.left);
    let top = origin.1.get() * f64::from(scale) - k * f64::from(place.top);
    let (w, h) = (k * f64::from(place.width), k * f64::from(place.height));
    if !(left.is_finite() && top.is_finite() && w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite()) {
        return None;
    }
    if left.abs().max(top.abs()).max(w).max(h) > 1e9 {
        return None;
    }
    let (x0, y0) = (left.floor(), top.floor());
    let (x1, y1) = ((left + w).floor() + 1.0, (top + h).floor() + 1.0);
    Some((x0 as i64, y0 as i64, (x1 - x0) as u32, (y1 - y0) as u32))
}

/// `image` resampled to `width` × `height`: each pixel the mean of the
/// part of the image it covers, weighted by how much of each pixel it
/// covers (premultiplied, so the mean is too).
fn resample(image: &Pixmap, width: u32, height: u32) -> Option<Pixmap> {
    let mut out = Pixmap::new(width, height)?;
    let (sw, sh) = (image.width() as usize, image.height() as usize);
    // For each output column (row), the source columns (rows) it covers
    // and how much of each.
    let spans = |n: u32, source: usize| -> Vec<Vec<(usize, f32)>> {
        let step = source as f32 / n as f32;
        (0..n)
            .map(|i| {
                let (a, b) = (i as f32 * step, (i + 1) as f32 * step);
                let first = a.floor() as usize;
                let last = (b.ceil() as usize).min(source);
                (first..last)
                    .map(|s| (s, (b.min(s as f32 + 1.0) - a.max(s as f32)).max(0.0) / step))
                    .collect()
            })
            .collect()
    };
    let (columns, rows) = (spans(width, sw), spans(height, sh));
    let source = image.pixels();
    let w = width as usize;
    for (i, pixel) in out.pixels_mut().iter_mut().enumerate() {
        let mut sum = [0f32; 4];
        for &(sy, wy) in &rows[i / w] {
            for &(sx, wx) in &columns[i % w] {
                let p = source[sy * sw + sx];
                let weight = wx * wy;
                sum[0] += weight * f32::from(p.red());
                sum[1] += weight * f32::from(p.green());
                sum[2] += weight * f32::from(p.blue());
                sum[3] += weight * f32::from(p.alpha());
            }
        }
        let alpha = sum[3].round().clamp(0.0, 255.0) as u8;
        let channel = |v: f32| (v.round().clamp(0.0, 255.0) as u8).min(alpha);
        *pixel = tiny_skia::PremultipliedColorU8::from_rgba(
            channel(sum[0]),
            channel(sum[1]),
            channel(sum[2]),
            alpha,
        )?;
    }
    Some(out)
}

/// Fill an outline (its segments and its units per em) at `size` with its
/// origin at `origin`.
fn fill(
    pixmap: &mut Pixmap,
    (segments, units_per_em): (&[Segment], f32),
    paint: &Paint,
    origin: (Pt, Pt),
    size: Pt,
    scale: f32,
) {
    let Some(path) = path(segments) else {
        return;
    };
    let k = (size.get() / f64::from(units_per_em)) as f32 * scale;
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
    // A flat glyph thinner than a pixel (a dash, an underscore) would fall
    // between the rasteriser's sample rows and vanish at low resolutions;
    // like a thin rule, it covers whole pixel rows, as PDF viewers draw it.
    if let Some(ink) = path.bounds().transform(transform)
        && ink.height() < 1.0
        && ink.width() >= 1.0
    {
        let (top, height) = rule_rows(ink.y() + ink.height() / 2.0, ink.height());
        if let Some(rect) = Rect::from_xywh(ink.x(), top, ink.width(), height) {
            pixmap.fill_rect(rect, paint, Transform::identity(), None);
        }
        return;
    }
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

    /// A bitmap glyph of one colour, 40 × 20 pixels at 20 ppem in a
    /// 1000-unit face: 2 em by 1 em, its top 0.5 em above the origin.
    fn red_bitmap() -> Bitmap {
        Bitmap {
            png: Vec::new(),
            rgba: [220, 20, 30, 255].repeat(40 * 20),
            width: 40,
            height: 20,
            place: crate::render::BitmapBox {
                left: 0.0,
                top: 500.0,
                width: 2000.0,
                height: 1000.0,
            },
            units_per_em: 1000.0,
        }
    }

    #[test]
    fn bitmap_glyphs_fill_the_pixels_their_box_reaches() {
        // At 10 pt and 72 dpi, the box is 20 × 10 pixels from (10.5, 15.5)
        // for an origin at (10.5, 20.5): pixels 10 to 30 and 15 to 25.
        let bitmap = red_bitmap();
        let origin = (Pt(10.5), Pt(20.5));
        assert_eq!(bitmap_pixels(&bitmap, origin, Pt(10.0), 1.0), Some((10, 15, 21, 11)));
        let mut pixmap = Pixmap::new(40, 40).unwrap();
        pixmap.fill(tiny_skia::Color::WHITE);
        draw_bitmap(&mut pixmap, &bitmap, origin, Pt(10.0), 1.0);
        let at = |x: u32, y: u32| {
            let p = pixmap.pixel(x, y).unwrap();
            (p.red(), p.green(), p.blue())
        };
        for (x, y) in [(10, 15), (30, 15), (10, 25), (30, 25), (20, 20)] {
            assert_eq!(at(x, y), (220, 20, 30), "inside at {x}, {y}");
        }
        for (x, y) in [(9, 20), (31, 20), (20, 14), (20, 26)] {
            assert_eq!(at(x, y), (255, 255, 255), "outside at {x}, {y}");
        }
        // The resolution scales it; nothing is drawn for no size, or
        // off the page.
        assert_eq!(bitmap_pixels(&bitmap, origin, Pt(10.0), 2.0), Some((21, 31, 41, 21)));
        assert_eq!(bitmap_pixels(&bitmap, origin, Pt(0.0), 1.0), None);
        assert_eq!(bitmap_pixels(&bitmap, origin, Pt(f64::NAN), 1.0), None);
        let mut blank = Pixmap::new(40, 40).unwrap();
        blank.fill(tiny_skia::Color::WHITE);
        let before = blank.clone();
        draw_bitmap(&mut blank, &bitmap, (Pt(-100.0), Pt(20.0)), Pt(10.0), 1.0);
        draw_bitmap(&mut blank, &bitmap, (Pt(10.0), Pt(20.0)), Pt(1e6), 1.0);
        assert!(blank == before);
    }

    #[test]
    fn resampling_keeps_the_mean_colour() {
        // Red and transparent columns, halved: red at half coverage.
        let mut image = Pixmap::new(4, 2).unwrap();
        for (i, p) in image.pixels_mut().iter_mut().enumerate() {
            if i % 2 == 0 {
                *p = tiny_skia::ColorU8::from_rgba(200, 0, 0, 255).premultiply();
            }
        }
        let small = resample(&image, 2, 1).unwrap();
        let p = small.pixel(0, 0).unwrap();
        assert_eq!((p.red(), p.green(), p.blue(), p.alpha()), (100, 0, 0, 128));
        // Four columns into three: the first covers a red column and a
        // third of a transparent one, three quarters of it red.
        let three = resample(&image, 3, 2).unwrap();
        let p = three.pixel(0, 0).unwrap();
        assert_eq!((p.red(), p.alpha()), (150, 191));
        // Enlarged, each pixel takes the colour it lies in.
        let big = resample(&image, 8, 4).unwrap();
        assert_eq!(big.pixel(1, 3).unwrap().alpha(), 255);
        assert_eq!(big.pixel(2, 0).unwrap().alpha(), 0);
    }

    #[test]
    fn a_bitmap_drawn_small_is_averaged_not_sampled() {
        // A checkerboard of black and white pixels drawn at a tenth of its
        // size is grey, as a viewer's image scaling draws it.
        let mut bitmap = red_bitmap();
        bitmap.rgba = (0..40 * 20)
            .flat_map(|i| {
                let v = if (i % 40 + i / 40) % 2 == 0 { 0 } else { 255 };
                [v, v, v, 255]
            })
            .collect();
        let mut pixmap = Pixmap::new(20, 20).unwrap();
        pixmap.fill(tiny_skia::Color::WHITE);
        // 2 pt: 4 × 2 pixels at 72 dpi, from (5, 9).
        draw_bitmap(&mut pixmap, &bitmap, (Pt(5.0), Pt(10.0)), Pt(2.0), 1.0);
        for x in 5..10 {
            let p = pixmap.pixel(x, 9).unwrap();
            assert!((120..=135).contains(&p.red()), "{x}: {p:?}");
        }
    }

    #[test]
    fn colr_layers_are_filled_in_their_palette_colours() {
        // The fixture's U+F0000 (glyph 1): a red square 0..600 units, a
        // blue bar 100..500 × 200..400 over it, and a dot 250..350 in the
        // text's colour. At 20 pt and 72 dpi, 50 units a pixel; the
        // origin at (10, 30).
        let data = include_bytes!("../../tests/fixtures/fonts/colr-layers.ttf").to_vec();
        let files = [FontFile::new("colr-layers.ttf", data)];
        let item = Item::Text(TextItem {
            x: Pt(10.0),
            y: Pt(30.0),
            width: Pt(14.0),
            font: FontId::Fallback(0),
            size: Pt(20.0),
            color: Rgb(0, 128, 0),
            glyphs: vec![PlacedGlyph {
                id: 1,
                advance: Pt(14.0),
                x_offset: Pt::ZERO,
                y_offset: Pt::ZERO,
                text: 0..4,
            }],
            text: "\u{F0000}".into(),
        });
        let pixmap = raster(&page(vec![item]), 72.0, &files, None).unwrap();
        let at = |x: u32, y: u32| {
            let p = pixmap.pixel(x, y).unwrap();
            (p.red(), p.green(), p.blue())
        };
        assert_eq!(at(10, 18), (255, 0, 0), "the square's top left");
        assert_eq!(at(21, 29), (255, 0, 0), "the square's bottom right");
        assert_eq!(at(12, 22), (0, 0, 255), "the bar");
        assert_eq!(at(19, 25), (0, 0, 255), "the bar");
        assert_eq!(at(15, 23), (0, 128, 0), "the dot, in the text's colour");
        assert_eq!(at(22, 20), (255, 255, 255));
        assert_eq!(at(10, 17), (255, 255, 255));
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

    #[test]
    fn a_dash_thinner_than_a_pixel_still_shows() {
        // Latin Modern's en dash at 10 pt is 0.4 pt thick: a third of a
        // pixel at 60 dpi, which plain anti-aliasing drops.
        let data = FontId::LmRegular.data().unwrap();
        let face = rustybuzz::ttf_parser::Face::parse(data, 0).unwrap();
        let dash = face.glyph_index('\u{2013}').unwrap().0;
        let item = Item::Text(TextItem {
            x: Pt(20.0),
            y: Pt(20.0),
            width: Pt(5.0),
            font: FontId::LmRegular,
            size: Pt(10.0),
            color: Rgb(0, 0, 0),
            glyphs: vec![PlacedGlyph {
                id: dash,
                advance: Pt(5.0),
                x_offset: Pt::ZERO,
                y_offset: Pt::ZERO,
                text: 0..3,
            }],
            text: "\u{2013}".into(),
        });
        let pixmap = raster(&page(vec![item]), 60.0, &[], None).unwrap();
        let dark = pixmap.pixels().iter().filter(|p| p.red() < 128).count();
        // About 4 pixels long, one row.
        assert!((3..=6).contains(&dark), "{dark} dark pixels");
    }
}
