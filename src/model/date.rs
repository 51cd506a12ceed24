//! Résumé dates.
//!
//! A few typed forms (`2024-07`, `2024`, `present`) are checked and printed
//! uniformly in the résumé's language (`crate::locale`); anything else is free text such as `Fall 2025`, printed as
//! written. Input that looks like a failed attempt at a typed form is an
//! error instead of free text, so a typo never prints unnoticed.

use std::ops::RangeInclusive;

/// A date as written in the résumé.
///
/// Typed variants can be formatted uniformly and checked for order; free
/// text keeps what the typed forms cannot express.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Date {
    /// `YYYY-MM`, printed as `Jul 2024`.
    Month {
        /// The year, 1900 to 2100 when parsed.
        year: u16,
        /// The month, 1 to 12 when parsed.
        month: u8,
    },
    /// `YYYY`, printed as is.
    Year(u16),
    /// `present`: an ongoing range; the latest of all dates.
    Present,
    /// Anything else, trimmed and printed as written.
    Text(String),
}

/// Why a date was rejected.
///
/// Carries no location because the caller knows which field the date came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    /// What is wrong, short and lowercase.
    pub message: String,
    /// How to write it instead.
    pub hint: Option<String>,
}

/// The English months as in `Jul 2024`, three letters each: what reading
/// an English date back (a JSON Resume date written `Jul 2024`), keeping
/// English date ranges on one line and the messages use. The page prints
/// dates through `crate::locale`, whose CLDR English has the same list (a
/// test holds them equal).
pub(crate) const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const YEARS: RangeInclusive<u16> = 1900..=2100;

const FORMS_HINT: &str =
    "dates are written \"2024-07\", \"2024\", \"present\", or free text such as \"Fall 2025\"";

/// Characters that, with digits only, make a string an attempt at a typed date.
const SEPARATORS: &[char] = &['-', '/', '.', ' ', '_', ',', '\u{2013}', '\u{2014}'];

fn error(message: String) -> DateError {
    DateError {
        message,
        hint: Some(FORMS_HINT.to_owned()),
    }
}

/// Parse one date as written in the résumé.
///
/// Strict about typed forms so that `2024-7` or `2024/07` is reported rather
/// than printed verbatim; lenient about everything else, which is free text.
pub fn parse_date(s: &str) -> Result<Date, DateError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(error("empty date".to_owned()));
    }
    if t.eq_ignore_ascii_case("present") {
        return Ok(Date::Present);
    }
    if !looks_typed(t) {
        return Ok(Date::Text(t.to_owned()));
    }
    typed(t).map_err(|why| error(format!("invalid date `{}`: {why}", shorten(t))))
}

/// Whether `t` is digits and separators starting with a digit.
fn looks_typed(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || SEPARATORS.contains(&c))
}

/// The input as quoted in a message, cut short if very long.
fn shorten(t: &str) -> String {
    const MAX: usize = 32;
    if t.chars().count() <= MAX {
        t.to_owned()
    } else {
        let head: String = t.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// Parse a string that [`looks_typed`]; the error is the reason only.
fn typed(t: &str) -> Result<Date, &'static str> {
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (year, rest) = t.split_at(split);
    let mut chars = rest.chars();
    let Some(sep) = chars.next() else {
        if year.len() != 4 {
            return Err("a year has four digits");
        }
        return check_year(year).map(Date::Year);
    };
    let after = chars.as_str();
    let after_digits = after.bytes().take_while(u8::is_ascii_digit).count();
    let all_digits = after_digits == after.len();
    if year.len() != 4 {
        if year.len() <= 2 && all_digits && after.len() == 4 {
            return Err("write the year first, as YYYY-MM");
        }
        return Err("a year has four digits");
    }
    let rest_start = after.trim_start_matches(SEPARATORS);
    if rest_start.bytes().take_while(u8::is_ascii_digit).count() >= 4 {
        return Err("write a range as separate start and end dates");
    }
    if sep != '-' {
        return Err("use `-` between year and month");
    }
    if after.is_empty() {
        return Err("the month is missing after `-`");
    }
    if !all_digits {
        if after_digits > 0
            && after
                .get(after_digits..)
                .is_some_and(|r| r.starts_with('-'))
        {
            return Err("days are not supported; write year and month only");
        }
        return Err("expected YYYY-MM");
    }
    if after.len() != 2 {
        return Err("month must have two digits, as 2024-07");
    }
    let month: u8 = after.parse().map_err(|_| "expected YYYY-MM")?;
    if !(1..=12).contains(&month) {
        return Err("month must be 01 to 12");
    }
    let year = check_year(year)?;
    Ok(Date::Month { year, month })
}

fn check_year(year: &str) -> Result<u16, &'static str> {
    match year.parse::<u16>() {
        Ok(y) if YEARS.contains(&y) => Ok(y),
        _ => Err("year must be 1900 to 2100"),
    }
}

/// "Jul 2024", "2024", "Present", free text unchanged: a date in English,
/// as messages quote it. The page prints dates in the résumé's language
/// (`crate::locale::Locale::format_date`).
pub fn format_date(d: &Date) -> String {
    match d {
        Date::Month { year, month } => {
            let name = usize::from(*month)
                .checked_sub(1)
                .and_then(|m| MONTH_ABBREVIATIONS.get(m));
            match name {
                Some(name) => format!("{name} {year}"),
                None => format!("{year}-{month:02}"),
            }
        }
        Date::Year(year) => year.to_string(),
        Date::Present => "Present".to_owned(),
        Date::Text(text) => text.clone(),
    }
}

/// The earliest and latest month a date can stand for, as comparable keys.
///
/// A bare year covers January to December, so `2024` to `2024-03` is fine.
pub(crate) fn bounds(d: &Date) -> Option<(u32, u32)> {
    let key = |year: u16, month: u8| u32::from(year) * 16 + u32::from(month);
    match d {
        Date::Month { year, month } => Some((key(*year, *month), key(*year, *month))),
        Date::Year(year) => Some((key(*year, 1), key(*year, 12))),
        Date::Present => Some((u32::MAX, u32::MAX)),
        Date::Text(_) => None,
    }
}

/// Error when a typed start lies after a typed end (Month/Year comparisons; Present is the latest; Text is never checked).
///
/// Catches swapped or mistyped ranges, which would otherwise print as a
/// plausible but wrong line.
pub fn check_order(start: &Date, end: &Date) -> Result<(), DateError> {
    let (Some((start_lo, _)), Some((_, end_hi))) = (bounds(start), bounds(end)) else {
        return Ok(());
    };
    if start_lo <= end_hi {
        return Ok(());
    }
    Err(DateError {
        message: format!(
            "start date {} is after end date {}",
            format_date(start),
            format_date(end)
        ),
        hint: Some("put the earlier date in `start` and the later one in `end`".to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> DateError {
        match parse_date(s) {
            Ok(d) => panic!("expected an error for {s:?}, got {d:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn year_and_month() {
        assert_eq!(
            parse_date("2024-07"),
            Ok(Date::Month {
                year: 2024,
                month: 7
            })
        );
        assert_eq!(
            parse_date("  1999-12\n"),
            Ok(Date::Month {
                year: 1999,
                month: 12
            })
        );
    }

    #[test]
    fn year_only() {
        assert_eq!(parse_date("2024"), Ok(Date::Year(2024)));
        assert_eq!(parse_date(" 2024 "), Ok(Date::Year(2024)));
    }

    #[test]
    fn year_bounds() {
        assert_eq!(parse_date("1900"), Ok(Date::Year(1900)));
        assert_eq!(parse_date("2100"), Ok(Date::Year(2100)));
        assert_eq!(
            parse_date("2100-12"),
            Ok(Date::Month {
                year: 2100,
                month: 12
            })
        );
        for s in ["1899", "2101", "0000", "9999", "1899-01", "2101-01"] {
            assert!(err(s).message.ends_with("year must be 1900 to 2100"), "{s}");
        }
    }

    #[test]
    fn present_any_case() {
        for s in ["present", "Present", "PRESENT", "  pReSeNt\t"] {
            assert_eq!(parse_date(s), Ok(Date::Present), "{s:?}");
        }
    }

    #[test]
    fn free_text_is_trimmed() {
        for s in ["Fall 2025", "Summer 2023", "May 2027", "Q3 2024", "ongoing"] {
            assert_eq!(parse_date(s), Ok(Date::Text(s.to_owned())));
        }
        assert_eq!(
            parse_date("  Fall 2025 "),
            Ok(Date::Text("Fall 2025".to_owned()))
        );
        assert_eq!(
            parse_date("été 2024"),
            Ok(Date::Text("été 2024".to_owned()))
        );
    }

    #[test]
    fn empty_is_an_error() {
        for s in ["", "   ", "\t\n"] {
            let e = err(s);
            assert_eq!(e.message, "empty date");
            assert_eq!(e.hint.as_deref(), Some(FORMS_HINT));
        }
    }

    #[test]
    fn bad_month_message() {
        let e = err("2024-13");
        assert_eq!(e.message, "invalid date `2024-13`: month must be 01 to 12");
        assert_eq!(
            e.hint.as_deref(),
            Some(
                "dates are written \"2024-07\", \"2024\", \"present\", or free text such as \"Fall 2025\""
            )
        );
        assert_eq!(
            err("2024-00").message,
            "invalid date `2024-00`: month must be 01 to 12"
        );
    }

    #[test]
    fn typed_attempts_are_errors() {
        let cases = [
            ("2024-7", "month must have two digits"),
            ("2024-007", "month must have two digits"),
            ("2024/07", "use `-` between year and month"),
            ("2024.07", "use `-` between year and month"),
            ("2024 07", "use `-` between year and month"),
            ("24-07", "a year has four digits"),
            ("2024-07-15", "days are not supported"),
            ("20245", "a year has four digits"),
            ("24", "a year has four digits"),
            ("3024", "year must be 1900 to 2100"),
            ("07/2024", "write the year first"),
            ("2024-2025", "write a range as separate start and end dates"),
            ("2024 \u{2013} 2025", "write a range"),
            ("2024-", "the month is missing"),
            ("2024-07/", "expected YYYY-MM"),
        ];
        for (input, why) in cases {
            let e = err(input);
            assert!(
                e.message.starts_with(&format!("invalid date `{input}`: ")),
                "{input:?}: {}",
                e.message
            );
            assert!(e.message.contains(why), "{input:?}: {}", e.message);
            assert_eq!(e.hint.as_deref(), Some(FORMS_HINT));
        }
    }

    #[test]
    fn long_input_is_shortened_in_message() {
        let input = "1".repeat(10_000);
        let e = err(&input);
        assert!(e.message.len() < 100, "{}", e.message);
    }

    #[test]
    fn format_every_month() {
        let names = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        for (month, name) in (1u8..).zip(names) {
            let d = Date::Month { year: 2024, month };
            assert_eq!(format_date(&d), format!("{name} 2024"));
        }
    }

    #[test]
    fn month_abbreviations_are_three_letters() {
        // Line breaking finds a month before a year by its length.
        assert!(MONTH_ABBREVIATIONS.iter().all(|m| m.len() == 3));
    }

    #[test]
    fn format_other_forms() {
        assert_eq!(format_date(&Date::Year(2024)), "2024");
        assert_eq!(format_date(&Date::Present), "Present");
        assert_eq!(format_date(&Date::Text("Fall 2025".into())), "Fall 2025");
    }

    #[test]
    fn format_out_of_range_month_does_not_panic() {
        assert_eq!(
            format_date(&Date::Month {
                year: 2024,
                month: 0
            }),
            "2024-00"
        );
        assert_eq!(
            format_date(&Date::Month {
                year: 2024,
                month: 13
            }),
            "2024-13"
        );
    }

    #[test]
    fn order_of_months() {
        let m = |year, month| Date::Month { year, month };
        assert_eq!(check_order(&m(2024, 7), &m(2025, 8)), Ok(()));
        assert_eq!(check_order(&m(2024, 7), &m(2024, 7)), Ok(()));
        let e = check_order(&m(2025, 8), &m(2024, 7)).unwrap_err();
        assert_eq!(e.message, "start date Aug 2025 is after end date Jul 2024");
        assert!(e.hint.is_some());
        assert!(check_order(&m(2024, 8), &m(2024, 7)).is_err());
    }

    #[test]
    fn order_of_years_against_months() {
        let m = |year, month| Date::Month { year, month };
        let y = Date::Year;
        assert_eq!(check_order(&y(2024), &y(2024)), Ok(()));
        assert!(check_order(&y(2025), &y(2024)).is_err());
        // A year spans all its months.
        assert_eq!(check_order(&y(2024), &m(2024, 1)), Ok(()));
        assert_eq!(check_order(&m(2024, 12), &y(2024)), Ok(()));
        assert!(check_order(&y(2025), &m(2024, 12)).is_err());
        assert!(check_order(&m(2025, 1), &y(2024)).is_err());
    }

    #[test]
    fn present_is_latest() {
        let m = Date::Month {
            year: 2100,
            month: 12,
        };
        assert_eq!(check_order(&m, &Date::Present), Ok(()));
        assert_eq!(check_order(&Date::Year(u16::MAX), &Date::Present), Ok(()));
        assert_eq!(check_order(&Date::Present, &Date::Present), Ok(()));
        assert!(check_order(&Date::Present, &m).is_err());
        assert!(check_order(&Date::Present, &Date::Year(2024)).is_err());
    }

    #[test]
    fn text_is_never_checked() {
        let t = Date::Text("Fall 2025".into());
        assert_eq!(check_order(&t, &Date::Year(1900)), Ok(()));
        assert_eq!(check_order(&Date::Present, &t), Ok(()));
        assert_eq!(check_order(&t, &t), Ok(()));
    }

    #[test]
    fn round_trip_of_parsed_dates() {
        for (input, printed) in [
            ("2024-07", "Jul 2024"),
            ("2024", "2024"),
            ("present", "Present"),
        ] {
            assert_eq!(
                parse_date(input).map(|d| format_date(&d)),
                Ok(printed.to_owned())
            );
        }
    }

    #[test]
    fn random_inputs_never_panic() {
        let alphabet = [
            "0", "1", "2", "9", "-", "/", ".", " ", "\u{2013}", "a", "é", "P", "\n", "_",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..50_000 {
            let len = (next() % 14) as usize;
            let input: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            match parse_date(&input) {
                Ok(Date::Month { year, month }) => {
                    assert!(YEARS.contains(&year) && (1..=12).contains(&month));
                }
                Ok(Date::Year(year)) => assert!(YEARS.contains(&year)),
                Ok(Date::Text(t)) => assert_eq!(t, input.trim()),
                Ok(Date::Present) => {}
                Err(e) => assert_eq!(e.hint.as_deref(), Some(FORMS_HINT)),
            }
        }
    }
}
