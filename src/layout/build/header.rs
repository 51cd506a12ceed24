//! The header as the theme arranges it, and helpers of the looks themes
//! vary (capitals, the date column).

use super::{Base, Block, BlockKind, Builder, Group, Para, Space, plain_lines};
use crate::diag::Diagnostic;
use crate::document::{Document, Entry, Rich};
use crate::theme::{HeaderLayout, PhotoSlot};
use crate::theme::icons;
use crate::units::Pt;

impl Builder<'_> {
    /// The name, headline and contact line: centred, or (a split header)
    /// the name and headline on the left and the contact items beside them
    /// on the right; with a photo in the theme's slot, all three flush left
    /// beside the photo. Contact items get their icons when the theme has
    /// them.
    pub(super) fn header(&mut self, doc: &Document, blocks: &mut Vec<Block>) {
        let t = self.theme;
        let header = Group {
            label: format!("the header ({})", doc.name.text()),
            span: doc.name.offset()..doc.name.offset(),
        };
        let name_base = Base {
            bold: t.name_bold,
            family: t.name_family,
            ..self.base(t.name_size).color(t.name_color)
        };
        let name = self.para(&doc.name, &name_base);
        let split = t.header == HeaderLayout::Split;
        let photo = self.photo_slot(doc);
        // Beside a photo, the header is set flush left to its right.
        let indent = photo.map_or(Pt::ZERO, |size| size + t.name_size * PHOTO_GAP);
        let flush_left = split || photo.is_some();
        let mut beside = name.natural_width();
        let header_kind = |para: Para| match flush_left {
            true => plain_lines(para, indent),
            false => BlockKind::Centered(para),
        };
        blocks.push(header.block(header_kind(name), Space::None));
        if let Some(headline) = &doc.headline {
            let para = self.para(headline, &self.base(t.contact_size * 1.1).italic());
            beside = beside.max(para.natural_width());
            blocks.push(header.block(header_kind(para), Space::None));
        }
        if !doc.contacts.is_empty() {
            let mut line = Rich::default();
            let mut icons = Vec::new();
            let mut items = Vec::with_capacity(doc.contacts.len());
            for (i, contact) in doc.contacts.iter().enumerate() {
                if i > 0 {
                    let separator = format!(" {} ", t.contact_separator);
                    line.push(Rich::plain(separator, contact.offset()));
                }
                let start = line.text().len();
                let icon = doc.contact_icons.get(i).and_then(Option::as_deref);
                if let Some(icon) = icon.filter(|_| t.icons).and_then(icons::lookup) {
                    icons.push((start, icon));
                }
                line.push(contact.clone());
                items.push(start..line.text().len());
            }
            self.items = items;
            let base = self.base(t.contact_size);
            let contacts = if icons.is_empty() {
                self.para(&line, &base)
            } else {
                self.para_with_icons(&line, &base, &icons)
            };
            blocks.push(if photo.is_some() {
                // Name, headline and contact items one under the other,
                // beside the photo: a column the width of the page less
                // the photo's.
                header.block(plain_lines(contacts, indent), Space::Header)
            } else if split {
                let kind = BlockKind::Aside {
                    para: contacts,
                    beside,
                };
                header.block(kind, Space::None)
            } else {
                header.block(BlockKind::Centered(contacts), Space::Header)
            });
        }
        if let Some(size) = photo {
            let kind = BlockKind::Photo {
                size,
                shape: t.photo,
            };
            blocks.push(header.block(kind, Space::None));
        }
    }

    /// The size of the photo beside the header: none without a photo, or
    /// (with a warning) in a theme without a photo slot.
    fn photo_slot(&mut self, doc: &Document) -> Option<Pt> {
        let photo = doc.photo.as_ref()?;
        if self.theme.photo == PhotoSlot::None {
            self.warnings.push(
                Diagnostic::warning("this theme has no photo slot; the photo is left out")
                    .with_span(photo.span.clone())
                    .with_path("person.photo")
                    .with_hint(
                        "pick a theme with one (humanist, moderncv), or set \
                         `[theme] photo = \"circle\"` or `\"square\"`",
                    ),
            );
            return None;
        }
        Some(self.theme.name_size * PHOTO_SCALE)
    }
}

/// The photo's side, in multiples of the name's size.
const PHOTO_SCALE: f64 = 2.6;
/// The space between the photo and the header beside it, likewise.
const PHOTO_GAP: f64 = 0.5;

/// `text` with each letter whose capital is one character of the same
/// length in UTF-8 replaced by that capital (so `ß` stays).
pub(super) fn same_length_upper(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut upper = c.to_uppercase();
            match (upper.next(), upper.next()) {
                (Some(u), None) if u.len_utf8() == c.len_utf8() => u,
                _ => c,
            }
        })
        .collect()
}

/// The warning for dates wider than the date column they are set in.
pub(super) fn wide_dates(dates: &Para, entry: &Entry, column: Pt) -> Diagnostic {
    let at = dates.sources.first().map_or(entry.span.start, |(_, s)| *s);
    Diagnostic::warning(format!(
        "the dates `{}` are wider than the date column ({column} pt) and run into the title",
        dates.text
    ))
    .with_span(at..at + dates.text.len())
    .with_hint("widen the column with `[theme] date_column`, or shorten the dates")
}


#[cfg(test)]
mod tests {
    use super::same_length_upper;

    #[test]
    fn capitals_keep_every_byte_offset() {
        assert_eq!(same_length_upper("Experience"), "EXPERIENCE");
        for text in ["straße", "ﬁne", "Ärzte ǆ", "ŉ"] {
            let upper = same_length_upper(text);
            assert_eq!(upper.len(), text.len(), "{text}");
            let same = text.char_indices().zip(upper.char_indices());
            assert!(same.into_iter().all(|((a, _), (b, _))| a == b), "{text}");
        }
        assert_eq!(same_length_upper("straße"), "STRAßE");
    }
}
