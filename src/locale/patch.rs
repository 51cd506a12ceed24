//! A `[locale]` table, checked: the words and formats it replaces.
//!
//! The file's `[locale]` applies first, then each `[variants.NAME.locale]`
//! of the variant's chain, root first, like the other variant settings.

use toml::Spanned;

use super::{DateStyle, Locale, Quotes};
use crate::diag::Diagnostic;
use crate::model::LocaleDef;

/// Longest word a `[locale]` table may give, in characters.
const MAX_WORD_CHARS: usize = 32;

const PRESENT_HINT: &str = "write the word as it should print, as present = \"heute\"";
const MONTHS_HINT: &str = "list the twelve months in order, January first, each as it should print";
const QUOTES_HINT: &str = "write the opening and closing marks, then optionally the pair for a \
                           quotation inside another, as quotes = [\"„\", \"“\", \"‚\", \"‘\"]";

/// The checked replacements of one `[locale]` table.
#[derive(Clone, Debug, Default)]
pub(crate) struct Patch {
    present: Option<String>,
    months: Option<[String; 12]>,
    months_short: Option<[String; 12]>,
    style: Option<DateStyle>,
    latin_digits: Option<bool>,
    quotes: Option<(String, String, Option<[String; 2]>)>,
}

impl Patch {
    /// Check a `[locale]` table found at `path` (`locale` or
    /// `variants.NAME.locale`); every problem goes to `errors` and leaves
    /// that setting as the language has it.
    pub(crate) fn read(def: &LocaleDef, path: &str, errors: &mut Vec<Diagnostic>) -> Patch {
        let mut check = Check { path, errors };
        Patch {
            present: def
                .present
                .as_ref()
                .and_then(|p| check.word(p.get_ref(), p, "present", "the word", PRESENT_HINT)),
            months: def.months.as_ref().and_then(|m| check.months(m, "months")),
            months_short: def
                .months_short
                .as_ref()
                .and_then(|m| check.months(m, "months_short")),
            style: def.date_style.as_ref().and_then(|s| {
                let choice = check.choice(s, "date_style", "date style", &["short", "long"])?;
                Some(if choice == 0 {
                    DateStyle::Short
                } else {
                    DateStyle::Long
                })
            }),
            latin_digits: def.digits.as_ref().and_then(|d| {
                check
                    .choice(d, "digits", "digits", &["native", "latin"])
                    .map(|choice| choice == 1)
            }),
            quotes: def.quotes.as_ref().and_then(|q| check.quotes(q)),
        }
    }

    /// The locale with these replacements.
    pub(crate) fn apply(&self, locale: &mut Locale) {
        if let Some(present) = &self.present {
            locale.present.clone_from(present);
        }
        if let Some(months) = &self.months {
            locale.months_long.clone_from(months);
        }
        if let Some(months) = &self.months_short {
            locale.months_short.clone_from(months);
        }
        if let Some(style) = self.style {
            locale.style = style;
        }
        if let Some(latin) = self.latin_digits {
            locale.latin_digits = latin;
        }
        if let Some((open, close, inner)) = &self.quotes {
            let inner = inner.clone().unwrap_or_else(|| locale.quotes.inner.clone());
            locale.quotes = Quotes {
                outer: [open.clone(), close.clone()],
                inner,
            };
        }
    }
}

/// The checks of one table, reporting at its path.
struct Check<'a> {
    path: &'a str,
    errors: &'a mut Vec<Diagnostic>,
}

impl Check<'_> {
    fn error(&mut self, message: String, span: std::ops::Range<usize>, key: &str, hint: &str) {
        self.errors.push(
            Diagnostic::error(message)
                .with_span(span)
                .with_path(format!("{}.{key}", self.path))
                .with_hint(hint),
        );
    }

    /// One word, when it is printable: not blank, no control character,
    /// not over [`MAX_WORD_CHARS`].
    fn word<T>(
        &mut self,
        word: &str,
        at: &Spanned<T>,
        key: &str,
        what: &str,
        hint: &str,
    ) -> Option<String> {
        let chars = word.chars().count();
        let why = if word.trim().is_empty() {
            format!("{what} is empty")
        } else if word.chars().any(char::is_control) {
            format!("{what} has a control character")
        } else if chars > MAX_WORD_CHARS {
            format!("{what} is {chars} characters long; the limit is {MAX_WORD_CHARS}")
        } else {
            return Some(word.to_owned());
        };
        self.error(why, at.span(), key, hint);
        None
    }

    /// Twelve month names.
    fn months(&mut self, list: &Spanned<Vec<String>>, key: &str) -> Option<[String; 12]> {
        let names = list.get_ref();
        if names.len() != 12 {
            self.error(
                format!("`{key}` has {} names; a year has 12 months", names.len()),
                list.span(),
                key,
                MONTHS_HINT,
            );
            return None;
        }
        let mut out: Vec<String> = Vec::with_capacity(12);
        for (i, name) in names.iter().enumerate() {
            let what = format!("month {}", i + 1);
            out.push(self.word(name, list, key, &what, MONTHS_HINT)?);
        }
        out.try_into().ok()
    }

    /// The index of `value` among `choices`, or an error with did-you-mean.
    fn choice(
        &mut self,
        value: &Spanned<String>,
        key: &str,
        what: &str,
        choices: &[&str],
    ) -> Option<usize> {
        let written = value.get_ref().trim();
        if let Some(i) = choices.iter().position(|c| c.eq_ignore_ascii_case(written)) {
            return Some(i);
        }
        self.errors.push(
            Diagnostic::unknown(what, written, choices.iter().copied())
                .with_span(value.span())
                .with_path(format!("{}.{key}", self.path))
                .with_hint(format!("use \"{}\"", choices.join("\" or \""))),
        );
        None
    }

    /// Two or four quotation marks.
    fn quotes(
        &mut self,
        list: &Spanned<Vec<String>>,
    ) -> Option<(String, String, Option<[String; 2]>)> {
        let marks = list.get_ref();
        if marks.len() != 2 && marks.len() != 4 {
            self.error(
                format!("`quotes` has {} marks; it takes 2 or 4", marks.len()),
                list.span(),
                "quotes",
                QUOTES_HINT,
            );
            return None;
        }
        let mut out = Vec::with_capacity(4);
        for (i, mark) in marks.iter().enumerate() {
            let what = format!("quotation mark {}", i + 1);
            out.push(self.word(mark, list, "quotes", &what, QUOTES_HINT)?);
        }
        let mut out = out.into_iter();
        let (open, close) = (out.next()?, out.next()?);
        let inner = match (out.next(), out.next()) {
            (Some(a), Some(b)) => Some([a, b]),
            _ => None,
        };
        Some((open, close, inner))
    }
}
