//! The one module that writes PDF, through krilla.
//!
//! Glyph ids and advances come straight from layout, so the PDF shows exactly
//! what was measured. Each glyph carries the text of its cluster, which
//! krilla turns into a ToUnicode map: extracted text equals the résumé text,
//! ligatures included.
//!
//! [`write()`] is a chain of steps, each in its own module: `configure` the
//! document for the standard, load `fonts` on first use, `draw` each page
//! and `annotate` its links, build the structure tree and outline (`tags`)
//! over all the pages,
//! set the metadata, and finish, turning failures into messages
//! (`errors`).

mod annotate;
mod configure;
mod draw;
mod errors;
mod fonts;
mod tags;

use krilla::image::Image;

use crate::layout::frame::{Item, Page};
use crate::photo::{Format, Photo};
use crate::text::isolate::isolated;
use crate::text::shape::{BadFont, FontFile};
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
    /// A PDF standard to meet, checked by krilla's validators.
    pub standard: Option<Standard>,
    /// The photo the pages' [`Item::Photo`] shows, and its alternative text.
    pub photo: Option<(Photo, String)>,
}

/// PDF standards the output can be validated against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standard {
    /// PDF/A-2b: archival, visually reproducible.
    A2b,
    /// PDF/UA-1: accessible, with the document structure tagged.
    Ua1,
}

impl Standard {
    /// The name users write, e.g. `a-2b`.
    pub fn name(self) -> &'static str {
        match self {
            Standard::A2b => "PDF/A-2b",
            Standard::Ua1 => "PDF/UA-1",
        }
    }
}

/// Why [`write()`] failed.
#[derive(Clone, Debug, PartialEq)]
pub enum WriteError {
    /// krilla's failures and, with a standard, its validator's findings,
    /// in the user's words.
    Messages(Vec<String>),
    /// A `[fonts] fallback` file that the writer failed on.
    Font(BadFont),
}

/// Whether the PDF writer can load a `[fonts] fallback` file, checked when
/// the file is loaded so that a font it rejects is an error at its line
/// before any layout (see `text::isolate`).
pub fn check_font(file: &FontFile) -> Result<(), String> {
    let data = std::sync::Arc::clone(&file.data);
    match isolated(|| krilla::text::Font::new(data.into(), 0).is_some()) {
        Ok(true) => Ok(()),
        Ok(false) => Err("the PDF writer cannot read its tables".to_owned()),
        Err(panic) => Err(format!("the PDF writer fails on its tables ({panic})")),
    }
}

/// Whether the PDF writer reads the photo's header, checked when the photo
/// is read so that an image it rejects is an error at `person.photo`.
pub fn check_photo(photo: &Photo) -> Result<(), String> {
    image(photo).map(|_| ())
}

/// The photo as an image to draw: a JPEG is embedded as it is (DCT), a
/// PNG decoded when the document is written.
fn image(photo: &Photo) -> Result<Image, String> {
    let data = std::sync::Arc::clone(&photo.data);
    let image = match photo.format {
        Format::Jpeg => Image::from_jpeg(data.into(), true),
        Format::Png => Image::from_png(data.into(), true),
    };
    image.map_err(|why| {
        // The decoder's message, on one line.
        let why = why.replace("\\n", " ");
        let why = why.split_whitespace().collect::<Vec<_>>().join(" ");
        format!("it is a damaged {} file ({why})", photo.format.name())
    })
}

/// Write the pages as a PDF file: text order, links, the structure tree
/// (PDF/UA) and the outline run on from page to page.
/// `fallback` holds the `[fonts] fallback` files that the pages'
/// [`FontId::Fallback`] runs refer to.
///
/// When the pages use such a file, writing runs isolated
/// (`text::isolate`): a panic while krilla loads or subsets it is
/// [`WriteError::Font`], naming the file whose text alone makes the writer
/// fail again.
pub fn write(pages: &[Page], meta: &Meta, fallback: &[FontFile]) -> Result<Vec<u8>, WriteError> {
    let used = fallback_faces(pages);
    if used.is_empty() {
        return write_pages(pages, meta, fallback);
    }
    isolated(|| write_pages(pages, meta, fallback)).unwrap_or_else(|panic| {
        Err(WriteError::Font(culprit(pages, meta, fallback, &used, panic)))
    })
}

/// The `[fonts] fallback` files the pages set text in, in order.
fn fallback_faces(pages: &[Page]) -> Vec<u8> {
    let mut used: Vec<u8> = pages
        .iter()
        .flat_map(|page| &page.items)
        .filter_map(|item| match item {
            Item::Text(text) => match text.font {
                FontId::Fallback(n) => Some(n),
                _ => None,
            },
            _ => None,
        })
        .collect();
    used.sort_unstable();
    used.dedup();
    used
}

/// The file to blame for a panic while writing pages that use the
/// fallback files `used`: the first whose text alone makes writing panic
/// again, or else (only their combination fails) the first one used.
fn culprit(
    pages: &[Page],
    meta: &Meta,
    fallback: &[FontFile],
    used: &[u8],
    panic: String,
) -> BadFont {
    let why = |panic| format!("the PDF writer fails on it while embedding it ({panic})");
    for &n in used {
        let alone: Vec<Page> = pages
            .iter()
            .map(|page| Page {
                items: page
                    .items
                    .iter()
                    .filter(|item| matches!(item, Item::Text(t) if t.font == FontId::Fallback(n)))
                    .cloned()
                    .collect(),
                blocks: Vec::new(),
                ..page.clone()
            })
            .collect();
        if let Err(panic) = isolated(|| write_pages(&alone, meta, fallback)) {
            return BadFont::unusable(usize::from(n), why(panic));
        }
    }
    BadFont::unusable(usize::from(used[0]), why(panic))
}

/// [`write()`] without isolation. krilla's failure to embed a fallback file
/// (a table its subsetter rejects) is [`WriteError::Font`] too.
fn write_pages(pages: &[Page], meta: &Meta, fallback: &[FontFile]) -> Result<Vec<u8>, WriteError> {
    let tagging = meta.standard == Some(Standard::Ua1);
    let mut document = configure::document(meta.standard).map_err(WriteError::Messages)?;
    let mut fonts = fonts::Fonts::new(fallback);
    let photo = match &meta.photo {
        Some((photo, _)) => Some(image(photo).map_err(|why| WriteError::Messages(vec![why]))?),
        None => None,
    };
    let mut blocks = Vec::new();
    let mut annotations = Vec::new();
    let mut links = 0;
    for (index, page) in pages.iter().enumerate() {
        let settings = configure::page(page).map_err(WriteError::Messages)?;
        let mut pdf_page = document.start_page_with(settings);
        let drawn = draw::page(&mut pdf_page, page, index, links, &mut fonts, photo.as_ref(), tagging)
            .map_err(WriteError::Messages)?;
        links += drawn.links.len();
        annotations.extend(annotate::links(&mut pdf_page, drawn.links, tagging));
        pdf_page.finish();
        blocks.extend(drawn.blocks);
    }
    let outline = tags::outline(&blocks);
    if tagging {
        let alt = meta.photo.as_ref().map(|(_, alt)| alt.as_str());
        document.set_tag_tree(tags::tree(blocks, &annotations, &meta.lang, alt));
    }
    if meta.standard.is_some() {
        document.set_outline(outline);
    }
    document.set_metadata(configure::metadata(meta));
    document.finish().map_err(|e| match e {
        krilla::error::KrillaError::Font(font, why) => match fonts.id_of(&font) {
            Some(FontId::Fallback(n)) => WriteError::Font(BadFont::unusable(
                usize::from(n),
                format!("the PDF writer cannot embed it ({why})"),
            )),
            _ => WriteError::Messages(errors::messages(
                krilla::error::KrillaError::Font(font, why),
                meta.standard,
            )),
        },
        other => WriteError::Messages(errors::messages(other, meta.standard)),
    })
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
