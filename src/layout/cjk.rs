//! Line breaking for Chinese and Japanese, which put no spaces between
//! words: UAX #14 (`unicode-linebreak`) already allows a break between any
//! two ideographs or kana; this module adds the kinsoku rules it leaves to
//! the typesetter (JIS X 4051, W3C "Requirements for Japanese Text
//! Layout"), and tells which paragraphs are set this way.
//!
//! Such a paragraph is filled line by line (first fit: each line takes as
//! much as fits, as Japanese and Chinese typesetting does, rather than
//! lines balanced by the total-fit breaker, which measures only the
//! shortfall at spaces this text does not have), and it is never justified
//! by stretching spaces it does not have: its lines are set ragged. A space
//! the source has (between Latin words, or in a name) stays one space;
//! none is ever added between two CJK characters, so extracted text joins
//! them as written. Full-width punctuation keeps the advance its font
//! gives it (a full em), and is measured as such.
//!
//! Where two full-width marks meet, the shaper sets one half-width
//! (`text::cjk`).
//!
//! Korean separates words with spaces, so Hangul text is broken and
//! justified like Latin text.

use crate::text;

/// Whether `c` is written without spaces around it: Han ideographs, kana,
/// the CJK symbols and punctuation, and full-width forms.
pub fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'     // CJK radicals, Kangxi radicals
        | '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation
        | '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{3100}'..='\u{312F}'   // bopomofo
        | '\u{31C0}'..='\u{31FF}'   // CJK strokes, katakana phonetic extensions
        | '\u{3200}'..='\u{33FF}'   // enclosed CJK letters, CJK compatibility
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'   // CJK compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}'   // CJK compatibility forms
        | '\u{FF00}'..='\u{FFEF}'   // half-width and full-width forms
        | '\u{20000}'..='\u{3FFFF}' // CJK extensions B and later
    )
}

/// Whether the paragraph is Chinese or Japanese text, set without spaces
/// between words: two such characters in a row somewhere.
pub fn is_unspaced_text(text: &str) -> bool {
    let mut previous = false;
    for c in text.chars() {
        let this = is_unspaced(c);
        if this && previous {
            return true;
        }
        previous = this;
    }
    false
}

/// Characters that must not start a line: closing brackets and quotes,
/// the comma and full stop, the middle dot, iteration marks, the
/// prolonged sound mark and small kana (the strict set).
pub fn no_line_start(c: char) -> bool {
    text::cjk::is_closing(c)
        || matches!(
            c,
            '\u{FF1A}' | '\u{FF1B}' | '\u{FF1F}' | '\u{FF01}' // ：；？！
            | '\u{FF63}' | '\u{FF64}' | '\u{FF61}' // ｣ ､ ｡ (half-width forms)
            // Middle dots, iteration marks, the prolonged sound mark.
            | '\u{30FB}' | '\u{FF65}' // ・ ･
            | '\u{3005}' | '\u{303B}' // 々 〻
            | '\u{309D}' | '\u{309E}' | '\u{30FD}' | '\u{30FE}' // ゝゞヽヾ
            | '\u{30FC}' | '\u{FF70}' // ー ｰ
            // Dashes and marks that hang on the character before.
            | '\u{30A0}' | '\u{301C}' | '\u{2010}' | '\u{2013}' // ゠ 〜 ‐ –
            | '\u{203C}' | '\u{2047}' | '\u{2048}' | '\u{2049}' // ‼ ⁇ ⁈ ⁉
            // Small kana.
            | '\u{3041}' | '\u{3043}' | '\u{3045}' | '\u{3047}' | '\u{3049}' // ぁぃぅぇぉ
            | '\u{3063}' | '\u{3083}' | '\u{3085}' | '\u{3087}' | '\u{308E}' // っゃゅょゎ
            | '\u{3095}' | '\u{3096}' // ゕゖ
            | '\u{30A1}' | '\u{30A3}' | '\u{30A5}' | '\u{30A7}' | '\u{30A9}' // ァィゥェォ
            | '\u{30C3}' | '\u{30E3}' | '\u{30E5}' | '\u{30E7}' | '\u{30EE}' // ッャュョヮ
            | '\u{30F5}' | '\u{30F6}' // ヵヶ
            | '\u{31F0}'..='\u{31FF}' // ㇰ..ㇿ
            | '\u{FF67}'..='\u{FF6F}' // ｧ..ｯ
        )
}

/// Characters that must not end a line: opening brackets and quotes.
pub fn no_line_end(c: char) -> bool {
    text::cjk::is_opening(c) || matches!(c, '\u{FF62}' | '\u{2018}' | '\u{201C}') // ｢ ‘ “
}

/// Whether the kinsoku rules forbid a line break at byte `at` of `text`
/// (between the character before and the one after).
pub fn forbids_break(text: &str, at: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..at), text.get(at..)) else {
        return false;
    };
    if before.is_empty() || after.is_empty() {
        return false;
    }
    let next = after.chars().next();
    let previous = before.chars().next_back();
    next.is_some_and(no_line_start) || previous.is_some_and(no_line_end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_linebreak::{BreakOpportunity, linebreaks};

    /// The break positions UAX #14 allows and kinsoku keeps, as the text
    /// split there.
    fn pieces(text: &str) -> Vec<&str> {
        let mut cuts = vec![0];
        for (at, kind) in linebreaks(text) {
            if at < text.len() && kind == BreakOpportunity::Allowed && !forbids_break(text, at) {
                cuts.push(at);
            }
        }
        cuts.push(text.len());
        cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect()
    }

    #[test]
    fn ideographs_and_kana_break_between_any_two() {
        assert_eq!(pieces("東京大学"), ["東", "京", "大", "学"]);
        assert_eq!(pieces("かなカナ"), ["か", "な", "カ", "ナ"]);
    }

    #[test]
    fn no_line_starts_with_closing_punctuation_or_small_kana() {
        for text in [
            "設計し、運用した。",
            "「仕組み」を作る",
            "チャージバック",
            "ショップ",
            "サーバー",
            "人々",
            "検索・物流",
        ] {
            for piece in pieces(text).iter().skip(1) {
                let first = piece.chars().next().unwrap();
                assert!(!no_line_start(first), "{text}: a line would start with {first}");
            }
        }
        assert_eq!(pieces("し、運"), ["し、", "運"]);
        assert_eq!(pieces("ャッ"), ["ャッ"]);
        assert_eq!(pieces("ジャー"), ["ジャー"]);
    }

    #[test]
    fn no_line_ends_with_opening_punctuation() {
        for text in ["は「仕組み」だ", "（株）サンプル", "論文:『一貫性』"] {
            for piece in pieces(text) {
                let last = piece.chars().next_back().unwrap();
                assert!(!no_line_end(last), "{text}: a line would end with {last}");
            }
        }
        assert_eq!(pieces("は「仕"), ["は", "「仕"]);
    }

    #[test]
    fn chinese_and_japanese_paragraphs_are_unspaced_korean_and_latin_are_not() {
        assert!(is_unspaced_text("東京を拠点とする"));
        assert!(is_unspaced_text("Goによる決済"));
        assert!(is_unspaced_text("负责搜索平台的设计"));
        assert!(!is_unspaced_text("백엔드 엔지니어"));
        assert!(!is_unspaced_text("Backend engineer"));
        assert!(!is_unspaced_text("山 a 田"), "one character between spaces");
    }

    #[test]
    fn a_break_at_the_ends_or_off_a_character_boundary_is_not_forbidden() {
        assert!(!forbids_break("」", 0));
        assert!(!forbids_break("「", 3));
        assert!(!forbids_break("東京", 1));
    }
}
