//! Which characters of a résumé's documents no face of the session draws:
//! what a caller that can look up installed system fonts needs to find.

use unicode_segmentation::UnicodeSegmentation;

use super::Session;
use crate::text::is_invisible;
use crate::text::shape::{FontBook, FontFile};
use crate::theme::fonts::FontId;

/// The text of some documents that no bundled face and no font file the
/// résumé names can draw.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Uncovered {
    /// The graphemes, each once, in order of first appearance.
    pub graphemes: Vec<String>,
    /// The language tag of each document that has some, each once.
    pub langs: Vec<String>,
}

impl Uncovered {
    /// Whether every character is drawn.
    pub fn is_empty(&self) -> bool {
        self.graphemes.is_empty()
    }
}

/// The bundled faces that every theme's fallback chain contains (Inter is
/// either the text face or its first fallback).
const EVERY_CHAIN: [FontId; 3] = [
    FontId::InterRegular,
    FontId::DejaVu,
    FontId::DevanagariRegular,
];

impl<'f> Session<'f> {
    /// Whether the résumé lets the build look up system fonts (`[fonts]
    /// system`, default true).
    pub fn allows_system_fonts(&self) -> bool {
        self.resume
            .fonts
            .system
            .as_ref()
            .is_none_or(|s| *s.get_ref())
    }

    /// The printed text of the documents of `variants` (`None`: the résumé
    /// as written) that neither the bundled fallback faces nor `files` (as
    /// [`Session::read_fonts`] returns them) draw. A document that does not
    /// select is skipped: compiling it reports why.
    ///
    /// Plain text in the bundled fonts costs one pass over its characters
    /// and no font file is parsed; `files` are parsed only when the bundled
    /// faces leave something uncovered.
    pub fn uncovered(&self, variants: &[Option<&str>], files: &[FontFile]) -> Uncovered {
        let bundled = FontBook::new();
        let mut out = Uncovered::default();
        for variant in variants {
            let Ok((document, _)) = self.select(*variant) else {
                continue;
            };
            let mut lacks = false;
            for line in document.reading_lines() {
                for grapheme in line.graphemes(true) {
                    let visible = || grapheme.chars().filter(|c| !is_invisible(*c));
                    if grapheme.is_ascii() || visible().all(|c| c.is_whitespace() || c.is_control())
                    {
                        continue;
                    }
                    if out.graphemes.iter().any(|g| g == grapheme) {
                        lacks = true;
                        continue;
                    }
                    let drawn = EVERY_CHAIN
                        .iter()
                        .any(|f| visible().all(|c| bundled.covers(*f, c)));
                    if !drawn {
                        out.graphemes.push(grapheme.to_owned());
                        lacks = true;
                    }
                }
            }
            if lacks && !out.langs.contains(&document.lang) {
                out.langs.push(document.lang.clone());
            }
        }
        if out.graphemes.is_empty() || files.is_empty() {
            return out;
        }
        let Ok(book) = FontBook::new().with_files(files, files.len()) else {
            return out;
        };
        let named: Vec<FontId> = (0..=u8::MAX)
            .take(files.len())
            .map(FontId::Fallback)
            .collect();
        out.graphemes.retain(|g| {
            !named.iter().any(|f| {
                g.chars()
                    .filter(|c| !is_invisible(*c))
                    .all(|c| book.covers(*f, c))
            })
        });
        out
    }
}
