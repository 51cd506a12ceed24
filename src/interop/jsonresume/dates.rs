//! Dates between JSON Resume (`YYYY-MM-DD`) and the résumé's forms.

use crate::document::{Entry, When};
use crate::model::date::{self, Date, MONTH_ABBREVIATIONS};

/// Whether `s` is one or more ASCII digits.
fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The date as the TOML holds it: `YYYY-MM`, `YYYY`, `present` or free
/// text; "" when it cannot be printed. The second value says what changed.
pub(super) fn canonical_date(raw: &str) -> (String, Option<String>) {
    let t = raw.trim();
    if t.is_empty() {
        return (String::new(), None);
    }
    let mut note = None;
    let mut candidate = t.to_owned();
    // YYYY-MM-DD, possibly with a time.
    if let (Some(y), Some(m), Some(d)) = (t.get(0..4), t.get(5..7), t.get(8..10))
        && digits(y)
        && digits(m)
        && digits(d)
        && t.get(4..5) == Some("-")
        && t.get(7..8) == Some("-")
        && t.get(10..)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('T') || rest.starts_with(' '))
    {
        candidate = format!("{y}-{m}");
        note = Some(format!(
            "the day of {t} is dropped; the résumé prints months"
        ));
    } else if let Some((y, m)) = t.split_once('-')
        && y.len() == 4
        && digits(y)
        && m.len() == 1
        && digits(m)
    {
        candidate = format!("{y}-0{m}");
    }
    match date::parse_date(&candidate) {
        Ok(Date::Text(text)) => (unformat_date(&text), note),
        Ok(Date::Present) => ("present".to_owned(), note),
        Ok(_) => (candidate, note),
        Err(e) => (
            String::new(),
            Some(format!(
                "{t} is not a date the résumé can print ({}); not carried over",
                e.message
            )),
        ),
    }
}

/// A printed date back to its TOML form: `Jul 2024` → `2024-07`,
/// `Present` → `present`, anything else unchanged.
pub(super) fn unformat_date(text: &str) -> String {
    let t = text.trim();
    if t == "Present" {
        return "present".to_owned();
    }
    if let Some((month, year)) = t.split_once(' ')
        && let Some(m) = MONTH_ABBREVIATIONS.iter().position(|&name| name == month)
        && year.len() == 4
        && digits(year)
        && let Ok(Date::Month { .. }) = date::parse_date(&format!("{year}-{:02}", m + 1))
    {
        return format!("{year}-{:02}", m + 1);
    }
    t.to_owned()
}

/// What an entry's printed dates say.
pub(super) enum Dates {
    None,
    Single(String),
    Range(String, String),
}

/// An entry's dates in their TOML forms, whatever language prints them
/// (a free-text date such as `Jul 2024` read as the month it names).
pub(super) fn dates_of(entry: &Entry) -> Dates {
    let text = match &entry.when {
        None => return Dates::None,
        Some(When::Single(date)) => date.clone(),
        Some(When::Range(start, end)) => format!("{start} \u{2013} {end}"),
    };
    if text.trim().is_empty() {
        return Dates::None;
    }
    match text.split_once(" \u{2013} ") {
        Some((start, end)) => {
            let end = unformat_date(end);
            let end = if end == "present" { String::new() } else { end };
            Dates::Range(unformat_date(start), end)
        }
        None => Dates::Single(unformat_date(&text)),
    }
}

impl Dates {
    /// A start and an end: a single date is the end.
    pub(super) fn range(self) -> (String, String) {
        match self {
            Dates::None => (String::new(), String::new()),
            Dates::Single(d) => (String::new(), d),
            Dates::Range(s, e) => (s, e),
        }
    }

    /// One date: a range gives its start.
    pub(super) fn single(self) -> String {
        match self {
            Dates::None => String::new(),
            Dates::Single(d) => d,
            Dates::Range(s, _) => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(canonical_date("2024-07-15").0, "2024-07");
        assert!(canonical_date("2024-07-15").1.is_some());
        assert_eq!(canonical_date("2024-07"), ("2024-07".to_owned(), None));
        assert_eq!(canonical_date("2024"), ("2024".to_owned(), None));
        assert_eq!(canonical_date("2024-7").0, "2024-07");
        assert_eq!(
            canonical_date("Summer 2020"),
            ("Summer 2020".to_owned(), None)
        );
        assert_eq!(canonical_date("Jul 2024").0, "2024-07");
        assert_eq!(canonical_date("2024-13").0, "");
        assert_eq!(canonical_date("2020-01-01T00:00:00Z").0, "2020-01");
        assert_eq!(unformat_date("Present"), "present");
        assert_eq!(unformat_date("Dec 1999"), "1999-12");
    }
}
