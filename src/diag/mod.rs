//! Diagnostics for résumé sources: a small error type that carries a byte
//! span and a field path, a terminal renderer that points at the offending
//! text ([`render`]), a JSON form of the same data ([`json`]) and typo
//! suggestions ([`did_you_mean`], [`Diagnostic::unknown`]).
//!
//! Everything here works on untrusted input, so offsets are clamped and
//! nothing in this module panics on odd spans or odd text.

pub mod json;
pub(crate) mod render;
mod suggest;

use std::ops::Range;

pub use render::{escape_text, render};
pub use suggest::did_you_mean;
pub(crate) use suggest::did_you_mean_hint;

/// How serious a diagnostic is; errors stop compilation, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The résumé cannot be built until this is fixed.
    Error,
    /// The résumé builds, but something looks wrong.
    Warning,
}

/// One problem found in a résumé source, with enough context to point at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether this blocks compilation.
    pub severity: Severity,
    /// Short, lowercase summary without a trailing period.
    pub message: String,
    /// Byte range in the TOML source, so the renderer can show the line.
    pub span: Option<Range<usize>>,
    /// Field path such as `sections[2].entries[0].dates`, so the user can
    /// find the field even when the span is missing.
    pub path: Option<String>,
    /// Suggestions for fixing the problem, one per line.
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// An error with no location yet; chain the `with_*` methods to add one.
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message.into())
    }

    /// A warning with no location yet; chain the `with_*` methods to add one.
    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message.into())
    }

    fn new(severity: Severity, message: String) -> Self {
        Self {
            severity,
            message,
            span: None,
            path: None,
            hints: Vec::new(),
        }
    }

    /// Attach the byte range the diagnostic is about, so it can be underlined.
    pub fn with_span(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    /// Attach the field path, so the user can locate the field by name.
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Add a suggestion; hints are shown in the order they were added.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Whether this diagnostic must stop compilation.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// At most `max` diagnostics: the first `max`, then one that counts the
/// rest ([`more`]), so that a file with thousands of mistakes gives a
/// report one can read, in time linear in what is shown.
pub fn at_most(mut diagnostics: Vec<Diagnostic>, max: usize) -> Vec<Diagnostic> {
    if diagnostics.len() > max {
        let rest = diagnostics.split_off(max);
        let errors = rest.iter().filter(|d| d.is_error()).count();
        diagnostics.push(more(errors, rest.len() - errors, max));
    }
    diagnostics
}

/// The last line of a report cut after the first `shown` diagnostics:
/// `and 9950 more errors` (an error when any of them is one).
pub fn more(errors: usize, warnings: usize, shown: usize) -> Diagnostic {
    let count = |n: usize, what: &str| match n {
        0 => None,
        1 => Some(format!("1 more {what}")),
        n => Some(format!("{n} more {what}s")),
    };
    let parts: Vec<String> = [count(errors, "error"), count(warnings, "warning")]
        .into_iter()
        .flatten()
        .collect();
    let message = format!("and {}", parts.join(" and "));
    let d = if errors > 0 {
        Diagnostic::error(message)
    } else {
        Diagnostic::warning(message)
    };
    d.with_hint(format!("only the first {shown} are shown"))
}

/// A named source text, for rendering.
///
/// The name is what the user typed (usually a file path), so messages point
/// at the file they know.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// Name shown after `-->`, usually the file path.
    pub name: &'a str,
    /// The full text the diagnostic spans refer to.
    pub text: &'a str,
}

/// 1-based line and column (column counted in chars) of a byte offset; clamps out-of-range offsets.
///
/// Offsets past the end are treated as the end of the text, and offsets
/// inside a multi-byte character as the start of that character, so any
/// `usize` is accepted.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = text.floor_char_boundary(offset);
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The line starts of a text, for locating many offsets in it: each
/// [`Lines::line_col`] is a binary search, where [`line_col`] scans the text
/// from its start.
#[derive(Clone, Debug)]
pub struct Lines<'a> {
    text: &'a str,
    /// Byte offset of the start of every line.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    /// The line starts of `text`.
    pub fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// What [`line_col`] gives for `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.text.floor_char_boundary(offset);
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_locate_as_line_col_does() {
        let text = "ab\r\ncé\n\nxyz\n";
        let lines = Lines::new(text);
        for offset in 0..text.len() + 3 {
            assert_eq!(lines.line_col(offset), line_col(text, offset), "{offset}");
        }
        assert_eq!(Lines::new("").line_col(5), (1, 1));
    }

    // ---- Diagnostic and Severity -------------------------------------

    #[test]
    fn at_most_keeps_the_first_and_counts_the_rest() {
        let some = |n: usize, d: Diagnostic| vec![d; n];
        let few = some(3, Diagnostic::error("e"));
        assert_eq!(at_most(few.clone(), 3), few);
        let mut many = some(4, Diagnostic::error("e"));
        many.extend(some(2, Diagnostic::warning("w")));
        let cut = at_most(many, 3);
        assert_eq!(cut.len(), 4);
        assert_eq!(cut[3].message, "and 1 more error and 2 more warnings");
        assert!(cut[3].is_error());
        assert_eq!(cut[3].hints, ["only the first 3 are shown"]);
        let cut = at_most(some(60, Diagnostic::warning("w")), 50);
        assert_eq!(cut[50].message, "and 10 more warnings");
        assert_eq!(cut[50].severity, Severity::Warning);
    }

    #[test]
    fn builders_set_fields() {
        let d = Diagnostic::error("bad")
            .with_span(3..5)
            .with_path("person.name")
            .with_hint("one")
            .with_hint("two");
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.message, "bad");
        assert_eq!(d.span, Some(3..5));
        assert_eq!(d.path.as_deref(), Some("person.name"));
        assert_eq!(d.hints, ["one", "two"]);
        assert!(d.is_error());

        let w = Diagnostic::warning(String::from("meh"));
        assert_eq!(w.severity, Severity::Warning);
        assert!(!w.is_error());
        assert_eq!(w.span, None);
        assert_eq!(w.path, None);
        assert!(w.hints.is_empty());
    }

    #[test]
    fn errors_sort_before_warnings() {
        assert!(Severity::Error < Severity::Warning);
        let mut v = vec![Severity::Warning, Severity::Error];
        v.sort();
        assert_eq!(v, [Severity::Error, Severity::Warning]);
    }

    // ---- line_col ----------------------------------------------------

    #[test]
    fn line_col_basic() {
        let t = "ab\ncd\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 1), (1, 2));
        assert_eq!(line_col(t, 2), (1, 3));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 5), (2, 3));
        assert_eq!(line_col(t, 6), (3, 1));
    }

    #[test]
    fn line_col_counts_chars_and_clamps() {
        let t = "é = \"ü\"\nx";
        // `=` is after a two-byte char.
        assert_eq!(line_col(t, 3), (1, 3));
        // Inside the two-byte `é`: rounds down to its start.
        assert_eq!(line_col(t, 1), (1, 1));
        // Past the end: clamps to the end.
        assert_eq!(line_col(t, 10_000), (2, 2));
        assert_eq!(line_col(t, usize::MAX), (2, 2));
        assert_eq!(line_col("", 0), (1, 1));
        assert_eq!(line_col("", 7), (1, 1));
    }

    #[test]
    fn line_col_crlf() {
        let t = "a = 1\r\nb = 2\r\n";
        assert_eq!(line_col(t, 7), (2, 1));
        assert_eq!(line_col(t, 11), (2, 5));
    }
}
