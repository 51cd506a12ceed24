//! A `[locale]` table, checked: the words and formats it replaces.
//!
//! The file's `[locale]` applies first, then each `[variants.NAME.locale]`
//! of the variant's chain, root first, like the other variant settings.

use toml::Spanned;

use super::{DateStyle, Locale, Quotes};
use crate::diag::Diagnostic;
use crate::document::PageWords;
use crate::model::LocaleDef;

/// Longest word a `[locale]` table may give, in characters.
const MAX_WORD_CHARS: usize = 32;

/// Longest page-number pattern a `[locale]` table may give, in characters.
const MAX_PAGE_CHARS: usize = 48;

const PRESENT_HINT: &str = "write the word as it should print, as present = \"heute\"";
const PAGE_HINT: &str = "write the page number as it should print, with {page} and {count} where \
                         the numbers go, as page = \"Seite {page} von {count}\"";
const MONTHS_HINT: &str = "list the twelve months in order, January first, each as it should print";
const QUOTES_HINT: &str = "write the opening and closing marks, then optionally the pair for a \
                           quotation inside another, as quotes = [\"„\", \"“\", \"‚\", \"‘\"]";

/// The checked replacements of one `[locale]` table.
#[derive(Clone, Debug, Default)]
pub(crate) struct Patch {
    present: Option<String>,
    page: Option<String>,
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
            page: def.page.as_ref().and_then(|p| check.page(p)),
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
        if let Some(page) = &self.page {
            locale.page.clone_from(page);
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
        match printable(word, what, MAX_WORD_CHARS) {
            Ok(()) => Some(word.to_owned()),
            Err(why) => {
                self.error(why, at.span(), key, hint);
                None
            }
        }
    }

    /// A running header's page number: printable, with a `{page}` and a
    /// `{count}` and no other placeholder.
    fn page(&mut self, pattern: &Spanned<String>) -> Option<String> {
        let text = pattern.get_ref();
        let problem = printable(text, "the page number", MAX_PAGE_CHARS)
            .map_err(|why| (why, None))
            .and_then(|()| placeholders(text));
        let (why, meant) = match problem {
            Ok(()) => return Some(text.clone()),
            Err(problem) => problem,
        };
        let mut d = Diagnostic::error(why)
            .with_span(pattern.span())
            .with_path(format!("{}.page", self.path));
        if let Some(meant) = meant {
            d = d.with_hint(format!("did you mean `{meant}`?"));
        }
        self.errors.push(d.with_hint(PAGE_HINT));
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

/// Why `text` cannot print (blank, a control character, over `max`
/// characters), if it cannot.
fn printable(text: &str, what: &str, max: usize) -> Result<(), String> {
    let chars = text.chars().count();
    if text.trim().is_empty() {
        Err(format!("{what} is empty"))
    } else if text.chars().any(char::is_control) {
        Err(format!("{what} has a control character"))
    } else if chars > max {
        Err(format!(
            "{what} is {chars} characters long; the limit is {max}"
        ))
    } else {
        Ok(())
    }
}

/// Why a page-number pattern's placeholders are wrong, if they are (with
/// the placeholder meant): each `{...}` must be `{page}` or `{count}`, and
/// both must be there.
pub(super) fn placeholders(pattern: &str) -> Result<(), (String, Option<&'static str>)> {
    const KNOWN: [&str; 2] = [PageWords::PAGE, PageWords::COUNT];
    let mut rest = pattern;
    while let Some(open) = rest.find(['{', '}']) {
        let after = &rest[open..];
        let Some(close) = after.find('}').filter(|_| after.starts_with('{')) else {
            return Err((
                format!("the page number has a lone `{}`", &after[..1]),
                None,
            ));
        };
        let name = &after[..=close];
        if !KNOWN.contains(&name) {
            let meant = crate::diag::did_you_mean(name, KNOWN);
            return Err((
                format!("unknown placeholder `{name}` in the page number"),
                meant,
            ));
        }
        rest = &after[close + 1..];
    }
    let missing: Vec<&str> = KNOWN.into_iter().filter(|p| !pattern.contains(p)).collect();
    match missing.as_slice() {
        [] => Ok(()),
        [one] => Err((format!("the page number has no `{one}`"), None)),
        _ => Err((
            format!(
                "the page number has no `{}` and no `{}`",
                KNOWN[0], KNOWN[1]
            ),
            None,
        )),
    }
}
