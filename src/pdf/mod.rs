//! The one module that writes PDF, through krilla.
//!
//! Glyph ids and advances come straight from layout, so the PDF shows exactly
//! what was measured. Each glyph carries the text of its cluster, which
//! krilla turns into a ToUnicode map: extracted text equals the résumé text,
//! ligatures included.

use krilla::{Document, SerializeSettings};
use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, GlyphId, KrillaGlyph};

use crate::layout::frame::{Item, Page, TextItem};
use crate::theme::Rgb;
use crate::theme::fonts::FontId;

/// A UTC timestamp for the PDF creation date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timestamp {
    /// Year.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day, 1 to 31.
    pub day: u8,
    /// Hour.
    pub hour: u8,
    /// Minute.
    pub minute: u8,
    /// Second.
    pub second: u8,
}

impl Timestamp {
    /// The UTC date and time of a Unix timestamp (as in SOURCE_DATE_EPOCH).
    pub fn from_unix(secs: i64) -> Option<Timestamp> {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        // Civil from days (Howard Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Some(Timestamp {
            year: u16::try_from(year)
                .ok()
                .filter(|y| (1..=9999).contains(y))?,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
            hour: u8::try_from(rem / 3600).ok()?,
            minute: u8::try_from(rem % 3600 / 60).ok()?,
            second: u8::try_from(rem % 60).ok()?,
        })
    }
}

/// Document-level metadata.
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    /// Document title, e.g. `Ada Example — Résumé`.
    pub title: String,
    /// The author's name.
    pub author: String,
    /// BCP 47 language tag.
    pub lang: String,
    /// Creation date; none keeps two builds of the same input byte-identical.
    pub created: Option<Timestamp>,
}

/// Write one page as a PDF file.
pub fn write(page: &Page, meta: &Meta) -> Result<Vec<u8>, String> {
    // The document information dictionary carries title, author and
    // language; XMP would repeat them (it is only required by PDF/A).
    let settings = SerializeSettings {
        xmp_metadata: false,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let mut metadata = Metadata::new()
        .title(meta.title.clone())
        .authors(vec![meta.author.clone()])
        .language(meta.lang.clone())
        .creator(format!("resume {}", env!("CARGO_PKG_VERSION")));
    if let Some(t) = meta.created {
        metadata = metadata.creation_date(
            DateTime::new(t.year)
                .month(t.month)
                .day(t.day)
                .hour(t.hour)
                .minute(t.minute)
                .second(t.second)
                .utc_offset_hour(0)
                .utc_offset_minute(0),
        );
    }
    document.set_metadata(metadata);

    let mut fonts: Vec<Option<Font>> = vec![None; FontId::ALL.len()];
    let settings = PageSettings::from_wh(page.width.get() as f32, page.height.get() as f32)
        .ok_or("invalid page size")?;
    let mut pdf_page = document.start_page_with(settings);
    let mut links = Vec::new();
    {
        let mut surface = pdf_page.surface();
        for item in &page.items {
            match item {
                Item::Text(text) => {
                    let font = match &mut fonts[text.font.index()] {
                        Some(f) => f.clone(),
                        slot @ None => {
                            let f = Font::new(text.font.data().into(), 0).ok_or_else(|| {
                                format!("failed to load font {}", text.font.name())
                            })?;
                            *slot = Some(f.clone());
                            f
                        }
                    };
                    draw_text(&mut surface, text, font);
                }
                Item::Rule {
                    x,
                    y,
                    width,
                    thickness,
                    color,
                } => {
                    let rect = Rect::from_xywh(
                        x.get() as f32,
                        (*y - *thickness / 2.0).get() as f32,
                        width.get() as f32,
                        thickness.get() as f32,
                    );
                    if let Some(rect) = rect {
                        let mut builder = PathBuilder::new();
                        builder.push_rect(rect);
                        if let Some(path) = builder.finish() {
                            surface.set_fill(Some(fill(*color)));
                            surface.draw_path(&path);
                        }
                    }
                }
                Item::Link {
                    x,
                    y,
                    width,
                    height,
                    url,
                } => {
                    if let Some(rect) = Rect::from_xywh(
                        x.get() as f32,
                        y.get() as f32,
                        width.get() as f32,
                        height.get() as f32,
                    ) {
                        links.push((rect, url.clone()));
                    }
                }
            }
        }
        surface.finish();
    }
    for (rect, url) in links {
        let target = Target::Action(Action::Link(LinkAction::new(url.clone())));
        pdf_page.add_annotation(Annotation::new_link(
            LinkAnnotation::new(rect, target),
            Some(url),
        ));
    }
    pdf_page.finish();
    document
        .finish()
        .map_err(|e| format!("failed to write the PDF ({e:?})"))
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn draw_text(surface: &mut krilla::surface::Surface, text: &TextItem, font: Font) {
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
                g.text.clone(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_timestamps_become_utc_dates() {
        let t = Timestamp::from_unix(0).unwrap();
        assert_eq!((t.year, t.month, t.day, t.hour), (1970, 1, 1, 0));
        let t = Timestamp::from_unix(1_700_000_000).unwrap();
        assert_eq!(
            (t.year, t.month, t.day, t.hour, t.minute, t.second),
            (2023, 11, 14, 22, 13, 20)
        );
        let t = Timestamp::from_unix(951_782_400).unwrap(); // 2000-02-29
        assert_eq!((t.year, t.month, t.day), (2000, 2, 29));
        assert!(Timestamp::from_unix(i64::MAX / 2).is_none());
    }
}
