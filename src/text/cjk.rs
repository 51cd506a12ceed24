//! Full-width CJK punctuation: which marks open and which close, and
//! where two meet, which one is set half-width.
//!
//! A full-width bracket, comma or full stop has half an em of blank
//! beside its ink. Where two meet (`。」`, `」「`, `「『`), JIS X 4051 and
//! the W3C's Requirements for Japanese Text Layout set one of them
//! half-width so that the gap between them is half an em, not a full em
//! or more. The shaper does it with the font's own `halt` feature (which
//! knows where the font draws the ink: in the left half for Japanese and
//! simplified Chinese, centred for traditional Chinese); a font without
//! the feature keeps full widths.

use std::ops::Range;

/// Full-width opening brackets and quotes.
pub fn is_opening(c: char) -> bool {
    matches!(
        c,
        '\u{3008}' | '\u{300A}' | '\u{300C}' | '\u{300E}' | '\u{3010}' // 〈《「『【
            | '\u{3014}' | '\u{3016}' | '\u{3018}' | '\u{301A}' | '\u{301D}' // 〔〖〘〚〝
            | '\u{FF08}' | '\u{FF3B}' | '\u{FF5B}' | '\u{FF5F}' // （［｛｟
    )
}

/// Full-width closing brackets and quotes, commas and full stops.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '\u{3001}' | '\u{3002}' | '\u{FF0C}' | '\u{FF0E}' // 、。，．
            | '\u{3009}' | '\u{300B}' | '\u{300D}' | '\u{300F}' | '\u{3011}' // 〉》」』】
            | '\u{3015}' | '\u{3017}' | '\u{3019}' | '\u{301B}' | '\u{301E}' | '\u{301F}' // 〕〗〙〛〞〟
            | '\u{FF09}' | '\u{FF3D}' | '\u{FF5D}' | '\u{FF60}' // ）］｝｠
    )
}

/// The byte ranges of the marks of `text` to set half-width: a closing
/// mark followed by any such mark, and an opening mark after another
/// opening one.
pub fn squeezed(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut previous: Option<char> = None;
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        let before_another = is_closing(c) && next.is_some_and(|n| is_closing(n) || is_opening(n));
        let after_opening = is_opening(c) && previous.is_some_and(is_opening);
        if before_another || after_opening {
            out.push(at..at + c.len_utf8());
        }
        previous = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> Vec<&str> {
        squeezed(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn one_of_two_marks_that_meet_is_half_width() {
        assert_eq!(marks("した。」と"), ["。"]);
        assert_eq!(marks("」「"), ["」"]);
        assert_eq!(marks("は「『仕組み』」だ"), ["『", "』"]);
        assert_eq!(marks("（株）、"), ["）"]);
    }

    #[test]
    fn a_mark_beside_text_keeps_its_width() {
        assert!(marks("設計し、運用した。").is_empty());
        assert!(marks("「仕組み」を").is_empty());
        assert!(marks("a, b. (c)").is_empty(), "Latin punctuation is not full-width");
    }
}
