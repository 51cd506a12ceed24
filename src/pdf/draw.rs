//! Page content: text, rules and link areas, block by block, each piece
//! tagged for the structure tree when the output is tagged.

use std::ops::Range;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, SpanTag};
use krilla::text::{Font, GlyphId, KrillaGlyph};

use super::fonts::Fonts;
use crate::layout::frame::{Item, Page, Role, TextItem};
use crate::theme::{PhotoSlot, Rgb};
use crate::theme::icons::{Icon, PathOp};
use crate::units::Pt;

/// What drawing leaves for the later steps.
pub(super) struct Drawn {
    /// Link areas and their URLs, in reading order.
    pub(super) links: Vec<(Rect, String)>,
    /// The content of each block, in reading order.
    pub(super) blocks: Vec<BlockPlan>,
}

/// The tagged content of one block, for the structure tree.
pub(super) struct BlockPlan {
    /// What the block is; none on a page laid out without blocks.
    pub(super) role: Option<Role>,
    /// The block's text, for heading titles and the outline.
    pub(super) title: String,
    /// Where a heading starts, for the outline: the page (0-based) and
    /// the point.
    pub(super) anchor: Option<(usize, Point)>,
    /// Its tagged pieces, in order.
    pub(super) leaves: Vec<Leaf>,
    /// The area a figure covers, and its page (0-based).
    pub(super) bbox: Option<(usize, Rect)>,
}

/// A tagged piece of content.
pub(super) enum Leaf {
    /// A span of text.
    Text(Identifier),
    /// The text of a link, with the index of its annotation in the
    /// document (counting from the first page).
    Link(usize, Identifier),
}

/// Draw every item of `page`, the page at `index` (0-based), block by
/// block; `links_before` link areas are on the pages before it. The
/// running header is an artifact, not a block of the structure tree.
pub(super) fn page(
    pdf_page: &mut krilla::page::Page,
    page: &Page,
    index: usize,
    links_before: usize,
    fonts: &mut Fonts,
    photo: Option<&Image>,
    tagging: bool,
) -> Result<Drawn, Vec<String>> {
    let mut drawn = Drawn {
        links: Vec::new(),
        blocks: Vec::new(),
    };
    let mut surface = pdf_page.surface();
    for (role, range) in blocks(page) {
        let items = &page.items[range];
        if role == Some(Role::Running) {
            running_header(&mut surface, items, fonts, tagging)?;
            continue;
        }
        let mut plan = block(&mut surface, items, role, fonts, photo, tagging, &mut drawn.links)?;
        plan.anchor = plan.anchor.map(|(_, point)| (index, point));
        plan.bbox = plan.bbox.map(|(_, rect)| (index, rect));
        for leaf in &mut plan.leaves {
            if let Leaf::Link(k, _) = leaf {
                *k += links_before;
            }
        }
        drawn.blocks.push(plan);
    }
    surface.finish();
    Ok(drawn)
}

/// The page's blocks as roles and item ranges. Every item belongs to a
/// block; a page without blocks is one block of every item.
fn blocks(page: &Page) -> Vec<(Option<Role>, Range<usize>)> {
    if page.blocks.is_empty() {
        vec![(None, 0..page.items.len())]
    } else {
        page.blocks
            .iter()
            .map(|b| (Some(b.role), b.items.clone()))
            .collect()
    }
}

/// Draw the items of one block; link areas go to `links`.
fn block(
    surface: &mut Surface,
    items: &[Item],
    role: Option<Role>,
    fonts: &mut Fonts,
    photo: Option<&Image>,
    tagging: bool,
    links: &mut Vec<(Rect, String)>,
) -> Result<BlockPlan, Vec<String>> {
    let mut plan = BlockPlan {
        role,
        title: String::new(),
        anchor: None,
        leaves: Vec::new(),
        bbox: None,
    };
    // A link area comes just before the text it covers.
    let mut pending_link = None;
    for item in items {
        match item {
            Item::Text(text) => {
                let font = fonts.get(text.font)?;
                let id = tagging.then(|| surface.start_tagged(ContentTag::Span(SpanTag::empty())));
                draw_text(surface, text, font);
                if let Some(id) = id {
                    surface.end_tagged();
                    plan.leaves.push(match pending_link.take() {
                        Some(link) => Leaf::Link(link, id),
                        None => Leaf::Text(id),
                    });
                }
                plan.title.push_str(&text.text);
                if role == Some(Role::Heading) && plan.title.len() == text.text.len() {
                    let top = (text.y - text.size).get() as f32;
                    plan.anchor = Some((0, Point::from_xy(text.x.get() as f32, top.max(0.0))));
                }
            }
            Item::Rule {
                x,
                y,
                width,
                thickness,
                color,
            } => {
                if let Some(area) = rule_area(*x, *y, *width, *thickness) {
                    draw_rule(surface, area, *color, tagging);
                }
            }
            Item::Icon {
                x,
                y,
                icon,
                size,
                color,
            } => draw_icon(surface, *icon, (*x, *y), *size, *color, tagging),
            Item::Photo { x, y, size, shape } => {
                let (Some(image), Some(area)) = (photo, rect(*x, *y, *size, *size)) else {
                    continue;
                };
                let id = tagging.then(|| surface.start_tagged(ContentTag::Other));
                draw_photo(surface, image, area, *shape);
                if let Some(id) = id {
                    surface.end_tagged();
                    plan.leaves.push(Leaf::Text(id));
                }
                plan.bbox = Some((0, area));
            }
            Item::Link {
                x,
                y,
                width,
                height,
                url,
            } => {
                if let Some(rect) = rect(*x, *y, *width, *height) {
                    pending_link = Some(links.len());
                    links.push((rect, url.clone()));
                }
            }
        }
    }
    Ok(plan)
}

/// Draw the running header's items, marked as a pagination artifact (a
/// page header) when tagging: assistive technology skips it, and the
/// document's content and structure stay the résumé's own.
fn running_header(
    surface: &mut Surface,
    items: &[Item],
    fonts: &mut Fonts,
    tagging: bool,
) -> Result<(), Vec<String>> {
    if tagging {
        let artifact = Artifact::new(ArtifactType::Header, None);
        surface.start_tagged(ContentTag::Artifact(artifact));
    }
    for item in items {
        match item {
            Item::Text(text) => draw_text(surface, text, fonts.get(text.font)?),
            Item::Rule {
                x,
                y,
                width,
                thickness,
                color,
            } => {
                if let Some(area) = rule_area(*x, *y, *width, *thickness) {
                    draw_rule(surface, area, *color, false);
                }
            }
            Item::Icon {
                x,
                y,
                icon,
                size,
                color,
            } => draw_icon(surface, *icon, (*x, *y), *size, *color, false),
            Item::Photo { .. } | Item::Link { .. } => {}
        }
    }
    if tagging {
        surface.end_tagged();
    }
    Ok(())
}

/// The area of a rule `thickness` thick, centred on `y`.
fn rule_area(x: Pt, y: Pt, width: Pt, thickness: Pt) -> Option<Rect> {
    rect(x, y - thickness / 2.0, width, thickness)
}

/// A rectangle from its top left corner and size.
fn rect(x: Pt, y: Pt, width: Pt, height: Pt) -> Option<Rect> {
    Rect::from_xywh(
        x.get() as f32,
        y.get() as f32,
        width.get() as f32,
        height.get() as f32,
    )
}

/// Fill `area`: a rule or an underline, marked as decoration rather than
/// content.
fn draw_rule(surface: &mut Surface, area: Rect, color: Rgb, tagging: bool) {
    let mut builder = PathBuilder::new();
    builder.push_rect(area);
    let Some(path) = builder.finish() else {
        return;
    };
    if tagging {
        let artifact = Artifact::new(ArtifactType::Layout, None);
        surface.start_tagged(ContentTag::Artifact(artifact));
    }
    surface.set_fill(Some(fill(color)));
    surface.draw_path(&path);
    if tagging {
        surface.end_tagged();
    }
}

/// Fill an icon's outline with its origin at `at` (the baseline), `size`
/// to the em: a picture, not text, so nothing of it is extracted, and
/// marked as decoration when tagging (the item beside it says what it is).
fn draw_icon(surface: &mut Surface, icon: Icon, at: (Pt, Pt), size: Pt, color: Rgb, tagging: bool) {
    let s = size.get() as f32;
    let (x, y) = (at.0.get() as f32, at.1.get() as f32);
    // Outlines measure y up; the page measures y down.
    let p = |px: f32, py: f32| (x + px * s, y - py * s);
    let mut builder = PathBuilder::new();
    for op in icon.outline() {
        match op {
            PathOp::Move(a, b) => {
                let (a, b) = p(a, b);
                builder.move_to(a, b);
            }
            PathOp::Line(a, b) => {
                let (a, b) = p(a, b);
                builder.line_to(a, b);
            }
            PathOp::Quad(a, b, c, d) => {
                let ((a, b), (c, d)) = (p(a, b), p(c, d));
                builder.quad_to(a, b, c, d);
            }
            PathOp::Cubic(a, b, c, d, e, f) => {
                let ((a, b), (c, d), (e, f)) = (p(a, b), p(c, d), p(e, f));
                builder.cubic_to(a, b, c, d, e, f);
            }
            PathOp::Close => builder.close(),
        }
    }
    let Some(path) = builder.finish() else {
        return;
    };
    if tagging {
        let artifact = Artifact::new(ArtifactType::Layout, None);
        surface.start_tagged(ContentTag::Artifact(artifact));
    }
    surface.set_fill(Some(fill(color)));
    surface.draw_path(&path);
    if tagging {
        surface.end_tagged();
    }
}

/// Draw the photo into `area` (a square), cropped to it or to the circle
/// in it: scaled to cover the square, aspect kept, centred.
fn draw_photo(surface: &mut Surface, image: &Image, area: Rect, shape: PhotoSlot) {
    let (w, h) = image.size();
    let (w, h) = (w.max(1) as f32, h.max(1) as f32);
    let side = area.width();
    let scale = side / w.min(h);
    let (dw, dh) = (w * scale, h * scale);
    let mut clip = PathBuilder::new();
    match shape {
        PhotoSlot::Circle => {
            // Four quarter arcs, each a cubic Bézier curve.
            let r = side / 2.0;
            let (cx, cy) = (area.left() + r, area.top() + r);
            let k = r * 0.552_284_8;
            clip.move_to(cx + r, cy);
            clip.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
            clip.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
            clip.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
            clip.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
            clip.close();
        }
        _ => clip.push_rect(area),
    }
    let Some(clip) = clip.finish() else {
        return;
    };
    let Some(size) = Size::from_wh(dw, dh) else {
        return;
    };
    surface.push_clip_path(&clip, &FillRule::NonZero);
    let x = area.left() - (dw - side) / 2.0;
    let y = area.top() - (dh - side) / 2.0;
    surface.push_transform(&Transform::from_translate(x, y));
    surface.draw_image(image.clone(), size);
    surface.pop();
    surface.pop();
}

/// A solid, opaque fill.
fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// Draw one run of glyphs, measured y down, in its font and colour.
fn draw_text(surface: &mut Surface, text: &TextItem, font: Font) {
    let size = text.size.get();
    if size <= 0.0 {
        return;
    }
    let glyphs: Vec<KrillaGlyph> = text
        .glyphs
        .iter()
        .map(|g| {
            KrillaGlyph::new(
                GlyphId::new(u32::from(g.id)),
                (g.advance.get() / size) as f32,
                (g.x_offset.get() / size) as f32,
                // Fonts measure y up; the page measures y down.
                (-g.y_offset.get() / size) as f32,
                0.0,
                mappable(&text.text, g.text.clone()),
                None,
            )
        })
        .collect();
    surface.set_fill(Some(fill(text.color)));
    surface.draw_glyphs(
        Point::from_xy(text.x.get() as f32, text.y.get() as f32),
        &glyphs,
        font,
        &text.text,
        size as f32,
        false,
    );
}

/// The most UTF-16 units one glyph's text may have: a longer ToUnicode
/// entry is refused by PDF readers (poppler takes at most 63).
const MAX_GLYPH_TEXT_UNITS: usize = 63;

/// `range` of `text`, cut at a character boundary to what one ToUnicode
/// entry holds. Selection caps clusters well below this (see
/// `text::MAX_CLUSTER_CHARS`) and long words extract in pieces; this is the
/// last guard, for a fallback font that joins many characters in one glyph.
fn mappable(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range;
    };
    let mut units = 0;
    for (at, c) in slice.char_indices() {
        units += c.len_utf16();
        if units > MAX_GLYPH_TEXT_UNITS {
            return range.start..range.start + at;
        }
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_text_fits_one_tounicode_entry() {
        let text = format!("ab{}", "\u{301}".repeat(100));
        assert_eq!(mappable(&text, 0..2), 0..2);
        let cut = mappable(&text, 1..text.len());
        assert_eq!(text[cut].encode_utf16().count(), MAX_GLYPH_TEXT_UNITS);
        let wide = "\u{1F600}".repeat(40);
        let cut = mappable(&wide, 0..wide.len());
        assert_eq!(wide[cut].encode_utf16().count(), 62);
    }
}
