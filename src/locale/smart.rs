//! Smart punctuation: `---` to an em dash, `--` to an en dash, `...` to an
//! ellipsis, and straight quotes to the locale's quotation marks (`"` the
//! outer pair, `'` the inner pair or an apostrophe).

use super::{Locale, Quotes};

/// Smart punctuation over the spans of one text field, which carries
/// across spans whether a quotation is open.
pub(crate) struct Smart {
    quotes: Quotes,
    /// Whether words are separated by spaces; without them a straight
    /// quote alternates between opening and closing.
    spaced: bool,
    /// The character before the next span.
    previous: Option<char>,
    /// An outer quotation is open.
    outer_open: bool,
    /// An inner quotation is open.
    inner_open: bool,
}

impl Smart {
    /// Smart punctuation for one text field in `locale`.
    pub(crate) fn new(locale: &Locale) -> Smart {
        Smart {
            quotes: locale.quotes().clone(),
            spaced: locale.spaced(),
            previous: None,
            outer_open: false,
            inner_open: false,
        }
    }

    /// Take note of a span left as written (code), which still decides
    /// whether the next quote opens.
    pub(crate) fn skip(&mut self, text: &str) {
        self.previous = text.chars().last().or(self.previous);
    }

    /// The span's text with typographic punctuation.
    pub(crate) fn apply(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let next = |k: usize| chars.get(i + k).copied();
            let opens = self.opens();
            let consumed = match c {
                '-' if next(1) == Some('-') && next(2) == Some('-') => {
                    out.push('\u{2014}');
                    3
                }
                '-' if next(1) == Some('-') => {
                    out.push('\u{2013}');
                    2
                }
                '.' if next(1) == Some('.') && next(2) == Some('.') => {
                    out.push('\u{2026}');
                    3
                }
                '"' => {
                    let open = if self.spaced { opens } else { !self.outer_open };
                    self.outer_open = open;
                    out.push_str(&self.quotes.outer[usize::from(!open)]);
                    1
                }
                // Between two letters, an apostrophe (it's, l'ami).
                '\'' if self.previous.is_some_and(char::is_alphanumeric)
                    && next(1).is_some_and(char::is_alphanumeric) =>
                {
                    out.push('\u{2019}');
                    1
                }
                // An apostrophe before a digit marks elision ('90s), not a quotation.
                '\'' if (if self.spaced { opens } else { !self.inner_open })
                    && !next(1).is_some_and(|d| d.is_ascii_digit()) =>
                {
                    self.inner_open = true;
                    out.push_str(&self.quotes.inner[0]);
                    1
                }
                // A quote after an open inner quotation and before a
                // letter is an apostrophe (it's), otherwise it closes.
                '\'' if self.inner_open && !next(1).is_some_and(char::is_alphanumeric) => {
                    self.inner_open = false;
                    out.push_str(&self.quotes.inner[1]);
                    1
                }
                '\'' => {
                    out.push('\u{2019}');
                    1
                }
                other => {
                    out.push(other);
                    1
                }
            };
            self.previous = out.chars().last();
            i += consumed;
        }
        out
    }

    /// Whether a quote after the previous character opens: after nothing,
    /// a space, an opening bracket, a dash, a slash or an opening mark.
    fn opens(&self) -> bool {
        match self.previous {
            None => true,
            Some(c) => {
                c.is_whitespace()
                    || matches!(c, '(' | '[' | '{' | '\u{2013}' | '\u{2014}' | '-' | '/')
                    || self.quotes.outer[0].ends_with(c)
                    || self.quotes.inner[0].ends_with(c)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Smart;
    use crate::locale::{Locale, find};

    fn smart(code: &str, text: &str) -> String {
        let locale = find(code).map_or_else(Locale::default, Locale::new);
        Smart::new(&locale).apply(text)
    }

    #[test]
    fn english() {
        let en = |text| smart("en", text);
        assert_eq!(en("2019--2021"), "2019\u{2013}2021");
        assert_eq!(en("wait---what..."), "wait\u{2014}what\u{2026}");
        assert_eq!(
            en("\"quoted\" and 'single'"),
            "\u{201C}quoted\u{201D} and \u{2018}single\u{2019}"
        );
        assert_eq!(en("BYJU'S"), "BYJU\u{2019}S");
        assert_eq!(
            en("rock 'n' roll, the '90s"),
            "rock \u{2018}n\u{2019} roll, the \u{2019}90s"
        );
        assert_eq!(en("a\""), "a\u{201D}");
        assert_eq!(en("a - b"), "a - b");
    }

    #[test]
    fn quotation_marks_of_the_language() {
        assert_eq!(
            smart("de", "\"Hallo\", sagte sie, 'leise'. Peter's Buch"),
            "„Hallo“, sagte sie, ‚leise‘. Peter’s Buch"
        );
        assert_eq!(
            smart("fr", "\"Bonjour\", l'ami"),
            "«\u{202F}Bonjour\u{202F}», l’ami"
        );
        // No spaces between words: a quote after a letter still opens.
        assert_eq!(smart("ja", "私は\"東京\"に"), "私は「東京」に");
        assert_eq!(smart("ja", "'Rust' it's"), "『Rust』 it’s");
        assert_eq!(smart("zh", "他说\"好\"。"), "他说“好”。");
    }

    #[test]
    fn a_quotation_spans_markup() {
        let locale = find("de").map(Locale::new).unwrap();
        let mut s = Smart::new(&locale);
        let parts = [s.apply("\"Das "), s.apply("ist"), s.apply("\" gut")];
        assert_eq!(parts.concat(), "„Das ist“ gut");
    }
}
