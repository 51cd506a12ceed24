//! Text: the styled runs and character classes that every stage shares
//! ([`style`], `is_invisible`; these use nothing else from the crate), the
//! one place that calls the shaper ([`shape`]), and the isolation of
//! third-party code that reads a user's font file (`isolate`).

pub(crate) mod cjk;
pub(crate) mod isolate;
pub mod shape;
pub mod style;

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// The most characters one grapheme cluster (a letter with its marks)
/// keeps: the letter and 30 marks, the longest run of non-starters in
/// Unicode's stream-safe text format (UAX #15). Its text is at most 62
/// UTF-16 units, which one ToUnicode entry holds in every PDF reader (the
/// longest that poppler accepts is 63).
pub(crate) const MAX_CLUSTER_CHARS: usize = 31;

/// Where `text` has grapheme clusters of more than [`MAX_CLUSTER_CHARS`]
/// characters: the byte ranges to keep (each such cluster cut after its
/// first characters) and the byte offsets of the clusters cut. `None` when
/// every cluster is short enough.
pub(crate) fn capped_clusters(text: &str) -> Option<(Vec<Range<usize>>, Vec<usize>)> {
    let mut keep: Vec<Range<usize>> = Vec::new();
    let mut cut = Vec::new();
    let mut start = 0;
    for (at, grapheme) in text.grapheme_indices(true) {
        let Some((end, _)) = grapheme.char_indices().nth(MAX_CLUSTER_CHARS) else {
            continue;
        };
        keep.push(start..at + end);
        cut.push(at);
        start = at + grapheme.len();
    }
    if cut.is_empty() {
        return None;
    }
    keep.push(start..text.len());
    keep.retain(|r| !r.is_empty());
    Some((keep, cut))
}

/// Characters that print as nothing and need no glyph: format characters
/// that only steer breaking, joining, direction or glyph choice.
///
/// One rule for both questions asked of a character: whether a field made
/// of such characters (and whitespace) is empty, and whether a font must
/// have a glyph for it.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_clusters_are_cut() {
        assert_eq!(capped_clusters("e\u{301} ok"), None);
        let marks = "\u{301}".repeat(300);
        let text = format!("ab e{marks} c");
        let (keep, cut) = capped_clusters(&text).expect("cut");
        let kept: String = keep.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(kept, format!("ab e{} c", "\u{301}".repeat(30)));
        assert_eq!(cut, [3]);
        // The cut is at a character boundary for marks of any length.
        let wide = format!("{}{}", "\u{1F469}\u{200D}".repeat(40), "x");
        let (keep, _) = capped_clusters(&wide).expect("cut");
        let kept: String = keep.iter().map(|r| &wide[r.clone()]).collect();
        assert_eq!(kept.chars().count(), MAX_CLUSTER_CHARS + 1);
        assert!(kept.encode_utf16().count() <= 63);
    }

    #[test]
    fn invisible_characters_and_why() {
        let invisible = [
            // Soft hyphen: a break opportunity, shown only as the hyphen of
            // a broken line; the shaper hides it (default ignorable).
            ('\u{00AD}', "soft hyphen"),
            // A break opportunity without ink.
            ('\u{200B}', "zero width space"),
            // They steer joining and ligatures of their neighbours.
            ('\u{200C}', "zero width non-joiner"),
            ('\u{200D}', "zero width joiner"),
            // They steer bidi ordering.
            ('\u{200E}', "left-to-right mark"),
            ('\u{200F}', "right-to-left mark"),
            // No break here, and the invisible operators of mathematics.
            ('\u{2060}', "word joiner"),
            ('\u{2061}', "function application"),
            ('\u{2062}', "invisible times"),
            ('\u{2063}', "invisible separator"),
            ('\u{2064}', "invisible plus"),
            // They choose the form of the character before them (text or
            // emoji presentation, say): the glyph is that character's.
            ('\u{FE00}', "variation selector 1"),
            ('\u{FE0E}', "text presentation selector"),
            ('\u{FE0F}', "emoji presentation selector"),
            // A byte-order mark that survived decoding.
            ('\u{FEFF}', "zero width no-break space"),
        ];
        for (c, name) in invisible {
            assert!(is_invisible(c), "{name} (U+{:04X})", c as u32);
        }
        for c in [
            'a',
            ' ',
            '\u{00A0}',
            '-',
            '\u{2010}',
            '\u{2065}',
            '\u{FE10}',
            '\u{1F680}',
        ] {
            assert!(!is_invisible(c), "U+{:04X} has ink", c as u32);
        }
    }
}
