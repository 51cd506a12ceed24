//! One placed page as a standalone SVG document.
//!
//! Coordinates are PDF points, y down, as on the page: the document is
//! `width` × `height` points (`viewBox` in points, `width`/`height` in
//! `pt`). Glyph outlines are defined once each, in font units, and placed
//! by `<use>` inside a group per text item whose transform scales font
//! units to the item's size and flips y. Every string from the résumé
//! (text, URLs) is escaped.

use std::fmt::{self, Display, Write};

use super::{Glyph, Outlines, Picture, Segment, icon_outline};
use crate::photo::Format;
use crate::layout::frame::{Item, Page, TextItem};
use crate::text::shape::FontFile;
use crate::theme::{PhotoSlot, Rgb};
use crate::theme::fonts::FontId;
use crate::units::Pt;

/// Page `page` as an SVG document; `number` (from 1) makes the ids of its
/// glyph definitions unique among the pages of a document, so that pages
/// can share one HTML page. `fallback` holds the files of the page's
/// [`FontId::Fallback`] runs; `picture` is the photo a photo item shows.
pub(crate) fn page(
    page: &Page,
    number: usize,
    fallback: &[FontFile],
    picture: Option<Picture>,
) -> String {
    let mut outlines = Outlines::new(fallback);
    let mut defined = Defined::default();
    let mut body = String::new();
    let mut links = String::new();
    for item in &page.items {
        match item {
            Item::Text(text) => {
                text_item(&mut body, text, number, &mut outlines, &mut defined);
            }
            Item::Rule {
                x,
                y,
                width,
                thickness,
                color,
            } => {
                if width.get() > 0.0 && thickness.get() > 0.0 {
                    let _ = writeln!(
                        body,
                        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
                        Num(x.get()),
                        Num((*y - *thickness / 2.0).get()),
                        Num(width.get()),
                        Num(thickness.get()),
                        Hex(*color)
                    );
                }
            }
            // Decoration, as in the PDF (an artifact there): hidden from
            // screen readers, no text.
            Item::Icon {
                x,
                y,
                icon,
                size,
                color,
            } => {
                let outline = icon_outline(*icon);
                if size.get() > 0.0 && !outline.segments.is_empty() {
                    let _ = write!(
                        body,
                        r#"<path aria-hidden="true" fill="{}" transform="matrix({} 0 0 {} {} {})" d=""#,
                        Hex(*color),
                        Fine(size.get()),
                        Fine(-size.get()),
                        Num(x.get()),
                        Num(y.get())
                    );
                    path_data(&mut body, &outline.segments);
                    body.push_str("\"/>\n");
                }
            }
            Item::Photo { x, y, size, shape } => {
                if let Some(picture) = picture
                    && size.get() > 0.0
                {
                    photo(&mut body, picture, number, (*x, *y, *size), *shape);
                }
            }
            // On top of everything, as the PDF's link annotations are, so
            // that the whole area is clickable.
            Item::Link {
                x,
                y,
                width,
                height,
                url,
            } => {
                if width.get() > 0.0 && height.get() > 0.0 {
                    let _ = writeln!(
                        links,
                        r##"<a href="{}"><rect x="{}" y="{}" width="{}" height="{}" fill="#000" fill-opacity="0"/></a>"##,
                        Escaped(url),
                        Num(x.get()),
                        Num(y.get()),
                        Num(width.get()),
                        Num(height.get())
                    );
                }
            }
        }
    }
    let (w, h) = (Num(page.width.get()), Num(page.height.get()));
    let mut out = String::with_capacity(body.len() + links.len() + defined.order.len() * 400 + 300);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}">"#
    );
    let _ = writeln!(out, r##"<rect width="{w}" height="{h}" fill="#fff"/>"##);
    if !defined.order.is_empty() {
        out.push_str("<defs>\n");
        for &(font, id) in &defined.order {
            if let Some(glyph) = outlines.get(font, id) {
                definition(&mut out, GlyphRef(number, font, id), glyph);
            }
        }
        out.push_str("</defs>\n");
    }
    out.push_str(&body);
    out.push_str(&links);
    out.push_str("</svg>\n");
    out
}

/// The photo at `x`, `y` (top left) filling a `size` square, cropped
/// from its centre to the square or to the circle inscribed in it, as the
/// PDF crops it; the file itself is embedded, labelled with its alt text.
fn photo(out: &mut String, picture: Picture, number: usize, (x, y, size): (Pt, Pt, Pt), shape: PhotoSlot) {
    use base64::Engine;
    let mime = match picture.photo.format {
        Format::Jpeg => "image/jpeg",
        Format::Png => "image/png",
    };
    let (x, y, size) = (x.get(), y.get(), size.get());
    let clip = format!("photo{number}");
    match shape {
        PhotoSlot::Circle => {
            let _ = writeln!(
                out,
                r#"<clipPath id="{clip}"><circle cx="{}" cy="{}" r="{}"/></clipPath>"#,
                Num(x + size / 2.0),
                Num(y + size / 2.0),
                Num(size / 2.0)
            );
        }
        PhotoSlot::Square | PhotoSlot::None => {
            let _ = writeln!(
                out,
                r#"<clipPath id="{clip}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath>"#,
                Num(x),
                Num(y),
                Num(size),
                Num(size)
            );
        }
    }
    let _ = writeln!(
        out,
        r#"<image role="img" aria-label="{}" x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="xMidYMid slice" clip-path="url(#{clip})" href="data:{mime};base64,{}"/>"#,
        Escaped(picture.alt),
        Num(x),
        Num(y),
        Num(size),
        Num(size),
        base64::engine::general_purpose::STANDARD.encode(picture.photo.data.as_slice())
    );
}

/// An SVG document of no size, for a page that does not exist.
pub fn empty() -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\"/>\n".to_owned()
}

/// One text item: a group labelled with its text, its glyphs placed in font
/// units of its face.
fn text_item(
    out: &mut String,
    text: &TextItem,
    number: usize,
    outlines: &mut Outlines,
    defined: &mut Defined,
) {
    if text.size.get() <= 0.0 {
        return;
    }
    // The scale of the face's units; the glyphs of one item share a face.
    let Some(units) = text
        .glyphs
        .iter()
        .find_map(|g| outlines.get(text.font, g.id).map(Glyph::units_per_em))
    else {
        // Nothing to draw (spaces only, or a face that cannot be read):
        // the words stay in the document.
        let _ = writeln!(out, r#"<g aria-label="{}"/>"#, Escaped(&text.text));
        return;
    };
    let scale = text.size.get() / f64::from(units);
    let _ = write!(
        out,
        r#"<g aria-label="{}" fill="{}" transform="matrix({} 0 0 {} {} {})">"#,
        Escaped(&text.text),
        Hex(text.color),
        Fine(scale),
        Fine(-scale),
        Num(text.x.get()),
        Num(text.y.get())
    );
    let mut pen = Pt::ZERO;
    for glyph in &text.glyphs {
        if outlines.get(text.font, glyph.id).is_some() {
            defined.insert(text.font, glyph.id);
            let u = (pen + glyph.x_offset).get() / scale;
            let v = glyph.y_offset.get() / scale;
            let _ = write!(
                out,
                r##"<use href="#{}" x="{}""##,
                GlyphRef(number, text.font, glyph.id),
                Num(u)
            );
            // y is 0 unless the glyph is raised or lowered (a mark).
            if Num(v).is_nonzero() {
                let _ = write!(out, r#" y="{}""#, Num(v));
            }
            out.push_str("/>");
        }
        pen += glyph.advance;
    }
    out.push_str("</g>\n");
}

/// The definition of a glyph, in font units, y up: its outline as a path;
/// `COLR` layers as a group of paths, each filled in its colour (a layer in
/// the text's colour takes the group's fill); a bitmap as an image of its
/// PNG file, flipped upright, in its rectangle.
fn definition(out: &mut String, id: GlyphRef, glyph: &Glyph) {
    match glyph {
        Glyph::Outline(outline) => {
            let _ = write!(out, r#"<path id="{id}" d=""#);
            path_data(out, &outline.segments);
            out.push_str("\"/>\n");
        }
        Glyph::Layers(layers) => {
            let _ = write!(out, r#"<g id="{id}">"#);
            for (segments, color) in &layers.layers {
                out.push_str("<path");
                if let Some([r, g, b, a]) = *color {
                    let _ = write!(out, r#" fill="{}""#, Hex(Rgb(r, g, b)));
                    if a < 255 {
                        let _ = write!(out, r#" fill-opacity="{}""#, Num(f64::from(a) / 255.0));
                    }
                }
                out.push_str(r#" d=""#);
                path_data(out, segments);
                out.push_str("\"/>");
            }
            out.push_str("</g>\n");
        }
        Glyph::Bitmap(bitmap) => {
            use base64::Engine;
            let place = bitmap.place;
            let n = |v: f32| Num(f64::from(v));
            let _ = writeln!(
                out,
                r#"<image id="{id}" transform="scale(1 -1)" x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none" href="data:image/png;base64,{}"/>"#,
                n(place.left),
                n(-place.top),
                n(place.width),
                n(place.height),
                base64::engine::general_purpose::STANDARD.encode(&bitmap.png)
            );
        }
    }
}

/// The glyphs placed so far, each once, in order of first use. (A page
/// has a few hundred distinct glyphs: a scan costs less than a set.)
#[derive(Default)]
struct Defined {
    order: Vec<(FontId, u16)>,
}

impl Defined {
    fn insert(&mut self, font: FontId, id: u16) {
        if !self.order.contains(&(font, id)) {
            self.order.push((font, id));
        }
    }
}

/// An outline as SVG path data.
fn path_data(out: &mut String, segments: &[Segment]) {
    let n = |v: f32| Num(f64::from(v));
    for segment in segments {
        let _ = match *segment {
            Segment::Move(x, y) => write!(out, "M{} {}", n(x), n(y)),
            Segment::Line(x, y) => write!(out, "L{} {}", n(x), n(y)),
            Segment::Quad(x1, y1, x, y) => {
                write!(out, "Q{} {} {} {}", n(x1), n(y1), n(x), n(y))
            }
            Segment::Cubic(x1, y1, x2, y2, x, y) => write!(
                out,
                "C{} {} {} {} {} {}",
                n(x1),
                n(y1),
                n(x2),
                n(y2),
                n(x),
                n(y)
            ),
            Segment::Close => write!(out, "Z"),
        };
    }
}

/// The id of a glyph's definition: page number, face, glyph id.
struct GlyphRef(usize, FontId, u16);

impl Display for GlyphRef {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "g{}-{}-{}", self.0, self.1.index(), self.2)
    }
}

/// A number with at most two decimals and no trailing zeros (`0` for a
/// value that is not finite).
struct Num(f64);

impl Num {
    /// Whether the number prints as something else than `0`.
    fn is_nonzero(&self) -> bool {
        let v = (self.0 * 100.0).round();
        v.is_finite() && v != 0.0
    }
}

impl Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let v = (self.0 * 100.0).round() / 100.0;
        if !v.is_finite() || v == 0.0 {
            return f.write_str("0");
        }
        write!(f, "{v}")
    }
}

/// A scale factor with six significant digits: at most a millionth off, a
/// thousandth of a point across a page.
struct Fine(f64);

impl Display for Fine {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if !self.0.is_finite() || self.0 == 0.0 {
            return f.write_str("0");
        }
        // Round to six significant digits, then print the shortest form.
        let digits = 5 - self.0.abs().log10().floor() as i32;
        let p = 10f64.powi(digits);
        write!(f, "{}", (self.0 * p).round() / p)
    }
}

/// A colour as `#rrggbb`.
struct Hex(Rgb);

impl Display for Hex {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let Rgb(r, g, b) = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

/// Text escaped for an XML attribute value: markup characters as entities,
/// characters XML does not allow (C0 controls but tab, line feed and
/// carriage return; U+FFFE, U+FFFF) as U+FFFD, and tab, line feed and
/// carriage return as character references (kept, not normalised to
/// spaces).
struct Escaped<'a>(&'a str);

impl Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(needs_escape) {
            f.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or('\u{FFFD}');
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&apos;")?,
                '\t' | '\n' | '\r' => write!(f, "&#{};", u32::from(c))?,
                _ => f.write_str("\u{FFFD}")?,
            }
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// Whether `c` cannot stand as it is in an attribute value.
fn needs_escape(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{FFFE}' | '\u{FFFF}') || c < ' '
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::frame::PlacedGlyph;
    use rustybuzz::ttf_parser::Face;

    fn page(items: Vec<Item>) -> Page {
        Page {
            width: Pt(612.0),
            height: Pt(792.0),
            items,
            content_bottom: Pt::ZERO,
            available: Pt(700.0),
            used: Pt::ZERO,
            overflow: None,
            blocks: Vec::new(),
        }
    }

    /// A text item of `text` in `font`, one glyph per character, 5 pt apart.
    fn text(font: FontId, text: &str, glyphs: &[u16], x: f64) -> Item {
        Item::Text(TextItem {
            x: Pt(x),
            y: Pt(100.0),
            width: Pt(5.0 * glyphs.len() as f64),
            font,
            size: Pt(10.0),
            color: Rgb(0x12, 0x34, 0x56),
            glyphs: glyphs
                .iter()
                .enumerate()
                .map(|(i, &id)| PlacedGlyph {
                    id,
                    advance: Pt(5.0),
                    x_offset: Pt::ZERO,
                    y_offset: Pt::ZERO,
                    text: i..i + 1,
                })
                .collect(),
            text: text.to_owned(),
        })
    }

    #[test]
    fn text_from_the_resume_is_escaped() {
        let hostile = "</g><script>alert(1)</script> & \"q\" 'a'\u{1}\t";
        let svg = super::page(
            &page(vec![
                text(FontId::Fallback(0), hostile, &[1, 2], 10.0),
                Item::Link {
                    x: Pt(1.0),
                    y: Pt(2.0),
                    width: Pt(3.0),
                    height: Pt(4.0),
                    url: "https://example.com/?a=1&b=\"><script>".to_owned(),
                },
            ]),
            1,
            &[], None,
        );
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains(
            r#"aria-label="&lt;/g&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &apos;a&apos;�&#9;""#
        ), "{svg}");
        assert!(
            svg.contains(r#"<a href="https://example.com/?a=1&amp;b=&quot;&gt;&lt;script&gt;">"#),
            "{svg}"
        );
        // Every element closes: one element per line, and the file ends.
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches('<').count(), svg.matches('>').count());
    }

    #[test]
    fn rules_are_rects_and_links_come_last() {
        let svg = super::page(
            &page(vec![
                Item::Link {
                    x: Pt(10.0),
                    y: Pt(20.0),
                    width: Pt(30.5),
                    height: Pt(12.0),
                    url: "mailto:ada@example.com".to_owned(),
                },
                text(FontId::Fallback(0), "ada@example.com", &[3], 10.0),
                Item::Rule {
                    x: Pt(36.0),
                    y: Pt(50.0),
                    width: Pt(540.0),
                    thickness: Pt(0.4),
                    color: Rgb(0xff, 0x80, 0x00),
                },
            ]),
            1,
            &[], None,
        );
        let lines: Vec<&str> = svg.lines().collect();
        assert_eq!(
            lines[0],
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="612pt" height="792pt" viewBox="0 0 612 792">"#
        );
        assert_eq!(lines[1], r##"<rect width="612" height="792" fill="#fff"/>"##);
        // A face that cannot be read draws nothing, but keeps the words.
        assert_eq!(lines[2], r#"<g aria-label="ada@example.com"/>"#);
        assert_eq!(
            lines[3],
            r##"<rect x="36" y="49.8" width="540" height="0.4" fill="#ff8000"/>"##
        );
        assert_eq!(
            lines[4],
            r##"<a href="mailto:ada@example.com"><rect x="10" y="20" width="30.5" height="12" fill="#000" fill-opacity="0"/></a>"##
        );
        assert_eq!(lines[5], "</svg>");
    }

    #[test]
    fn each_glyph_is_defined_once_and_used_where_placed() {
        let data = FontId::LmRegular.data().unwrap();
        let face = Face::parse(data, 0).unwrap();
        let id = |c| face.glyph_index(c).unwrap().0;
        let (a, b, space) = (id('a'), id('b'), id(' '));
        let svg = super::page(
            &page(vec![
                text(FontId::LmRegular, "ab a", &[a, b, space, a], 72.0),
                text(FontId::LmRegular, "b", &[b], 200.0),
            ]),
            2,
            &[], None,
        );
        let index = FontId::LmRegular.index();
        let def_a = format!(r#"<path id="g2-{index}-{a}" d="M"#);
        let def_b = format!(r#"<path id="g2-{index}-{b}" d="M"#);
        assert_eq!(svg.matches(&def_a).count(), 1, "{svg}");
        assert_eq!(svg.matches(&def_b).count(), 1, "{svg}");
        assert_eq!(svg.matches("<path").count(), 2, "the space has no outline: {svg}");
        assert_eq!(svg.matches(&format!(r##"href="#g2-{index}-{a}""##)).count(), 2);
        assert_eq!(svg.matches(&format!(r##"href="#g2-{index}-{b}""##)).count(), 2);
        // Latin Modern has 1000 units per em: at 10 pt, 0.01 pt per unit,
        // and a glyph 15 pt along the run is at 1500 units.
        assert!(svg.contains(
            r##"<g aria-label="ab a" fill="#123456" transform="matrix(0.01 0 0 -0.01 72 100)">"##
        ), "{svg}");
        assert!(svg.contains(&format!(r##"<use href="#g2-{index}-{a}" x="1500"/>"##)));
    }

    #[test]
    fn colour_glyphs_are_defined_as_images_and_filled_layers() {
        use crate::render::{Bitmap, BitmapBox, Layers};
        let bitmap = Glyph::Bitmap(Bitmap {
            png: b"\x89PNG-data".to_vec(),
            rgba: vec![0; 4],
            width: 1,
            height: 1,
            place: BitmapBox {
                left: -20.0,
                top: 1897.69,
                width: 2555.3,
                height: 2405.0,
            },
            units_per_em: 2048.0,
        });
        let mut out = String::new();
        definition(&mut out, GlyphRef(1, FontId::Fallback(0), 7), &bitmap);
        let id = FontId::Fallback(0).index();
        // Flipped upright: in the group's y-up units the image spans from
        // its top down, so its y is the top negated.
        assert_eq!(
            out,
            format!(
                "<image id=\"g1-{id}-7\" transform=\"scale(1 -1)\" x=\"-20\" y=\"-1897.69\" width=\"2555.3\" height=\"2405\" preserveAspectRatio=\"none\" href=\"data:image/png;base64,iVBORy1kYXRh\"/>\n"
            )
        );
        let square = vec![Segment::Move(0.0, 0.0), Segment::Line(1.0, 0.0), Segment::Close];
        let layers = Glyph::Layers(Layers {
            layers: vec![
                (square.clone(), Some([255, 0, 0, 255])),
                (square.clone(), None),
                (square, Some([0, 0, 255, 128])),
            ],
            units_per_em: 1000.0,
        });
        let mut out = String::new();
        definition(&mut out, GlyphRef(2, FontId::LmRegular, 9), &layers);
        let id = FontId::LmRegular.index();
        assert_eq!(
            out,
            format!(
                "<g id=\"g2-{id}-9\"><path fill=\"#ff0000\" d=\"M0 0L1 0Z\"/><path d=\"M0 0L1 0Z\"/><path fill=\"#0000ff\" fill-opacity=\"0.5\" d=\"M0 0L1 0Z\"/></g>\n"
            )
        );
    }

    #[test]
    fn colr_glyphs_are_groups_of_filled_layers() {
        let data = include_bytes!("../../tests/fixtures/fonts/colr-layers.ttf").to_vec();
        let files = [FontFile::new("colr-layers.ttf", data)];
        let svg = super::page(
            &page(vec![text(FontId::Fallback(0), "\u{F0000}", &[1, 1], 10.0)]),
            1,
            &files,
            None,
        );
        let id = FontId::Fallback(0).index();
        let def = format!(
            r##"<g id="g1-{id}-1"><path fill="#ff0000" d="M0 0L0 600L600 600L600 0L0 0Z"/><path fill="#0000ff" d="M100 200L100 400L500 400L500 200L100 200Z"/><path d="M250 250L250 350L350 350L350 250L250 250Z"/></g>"##
        );
        assert_eq!(svg.matches(&def).count(), 1, "{svg}");
        // The text's colour is the group's fill, for the layer without one.
        assert!(svg.contains(r##"fill="#123456" transform="matrix(0.01 0 0 -0.01 10 100)">"##), "{svg}");
        assert_eq!(svg.matches(&format!(r##"<use href="#g1-{id}-1""##)).count(), 2);
    }

    #[test]
    fn numbers_have_at_most_two_decimals() {
        let s = |v: f64| Num(v).to_string();
        assert_eq!(s(1.0), "1");
        assert_eq!(s(0.125), "0.13");
        assert_eq!(s(-0.001), "0");
        assert_eq!(s(-2.5), "-2.5");
        assert_eq!(s(f64::NAN), "0");
        assert_eq!(s(f64::INFINITY), "0");
        assert_eq!(Hex(Rgb(0, 10, 255)).to_string(), "#000aff");
        let fine = |v: f64| Fine(v).to_string();
        assert_eq!(fine(0.024), "0.024");
        assert_eq!(fine(-10.5 / 2048.0), "-0.00512695");
        assert_eq!(fine(1.0 / 3.0), "0.333333");
        assert_eq!(fine(f64::NAN), "0");
    }
}
