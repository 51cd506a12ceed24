//! The header as the theme arranges it, and helpers of the looks themes
//! vary (capitals, the date column).

use super::{Base, Block, BlockKind, Builder, Group, Para, Space, plain_lines};
use crate::diag::Diagnostic;
use crate::document::{Document, Entry, Rich};
use crate::theme::HeaderLayout;
use crate::units::Pt;

impl Builder<'_> {
    /// The name, headline and contact line: centred, or (a split header)
    /// the name and headline on the left and the contact items beside them
    /// on the right.
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
        let mut beside = name.natural_width();
        let header_kind = |para: Para| match split {
            true => plain_lines(para, Pt::ZERO),
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
            let mut isolates = Vec::with_capacity(doc.contacts.len());
            for (i, contact) in doc.contacts.iter().enumerate() {
                if i > 0 {
                    let separator = format!(" {} ", t.contact_separator);
                    line.push(Rich::plain(separator, contact.offset()));
                }
                let start = line.text().len();
                line.push(contact.clone());
                isolates.push(start..line.text().len());
            }
            self.isolates = isolates;
            let contacts = self.para(&line, &self.base(t.contact_size));
            blocks.push(if split {
                let kind = BlockKind::Aside {
                    para: contacts,
                    beside,
                };
                header.block(kind, Space::None)
            } else {
                header.block(BlockKind::Centered(contacts), Space::Header)
            });
        }
    }
}

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
