//! Text: the styled runs and character classes that every stage shares
//! ([`style`], `is_invisible`; these use nothing else from the crate), and
//! the one place that calls the shaper ([`shape`]).

pub mod shape;
pub mod style;

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
