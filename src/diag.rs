//! Diagnostics for résumé sources: a small error type that carries a byte
//! span and a field path, a terminal renderer that points at the offending
//! text, and helpers that turn `toml` errors into friendly messages.
//!
//! Everything here works on untrusted input, so offsets are clamped and
//! nothing in this module panics on odd spans or odd text.

use std::fmt::Write as _;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

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

const RED: &str = "1;31";
const YELLOW: &str = "1;33";
const BLUE: &str = "1;34";
const BOLD: &str = "1";

/// Adds ANSI colour codes around text only when colour is enabled.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn push(self, out: &mut String, code: &str, text: &str) {
        if self.0 {
            let _ = write!(out, "\x1b[{code}m{text}\x1b[0m");
        } else {
            out.push_str(text);
        }
    }
}

/// Render one diagnostic for a terminal. `color` adds ANSI colours (bold red "error", yellow "warning", blue gutter) — only when true.
///
/// The output looks like rustc's and every line ends with a newline:
///
/// ```text
/// error: unknown field `locaton`
///   --> resume.toml:12:1
///    |
/// 12 | locaton = "Remote"
///    | ^^^^^^^
///    = field: sections[2].entries[0].locaton
///    = hint: did you mean `location`?
/// ```
pub fn render(diag: &Diagnostic, src: &Source, color: bool) -> String {
    let paint = Paint(color);
    let (label, tone) = match diag.severity {
        Severity::Error => ("error", RED),
        Severity::Warning => ("warning", YELLOW),
    };
    let mut out = String::new();
    paint.push(&mut out, tone, label);
    paint.push(&mut out, BOLD, &format!(": {}", escape_text(&diag.message)));
    out.push('\n');

    let name = escape_text(src.name);
    let snippet = diag
        .span
        .as_ref()
        .map(|span| Snippet::new(src.text, span.clone()));
    let width = snippet.as_ref().map_or(2, |s| s.line.to_string().len());
    let pad = " ".repeat(width);

    out.push_str(&pad);
    paint.push(&mut out, BLUE, "-->");
    match &snippet {
        Some(s) => {
            let _ = writeln!(out, " {name}:{}:{}", s.line, s.column);
            out.push_str(&pad);
            out.push(' ');
            paint.push(&mut out, BLUE, "|");
            out.push('\n');

            paint.push(&mut out, BLUE, &format!("{} |", s.line));
            if !s.text.is_empty() {
                out.push(' ');
                out.push_str(&s.text);
            }
            out.push('\n');

            out.push_str(&pad);
            out.push(' ');
            paint.push(&mut out, BLUE, "|");
            out.push(' ');
            out.push_str(&" ".repeat(s.caret_start));
            paint.push(&mut out, tone, &"^".repeat(s.caret_len));
            out.push('\n');
        }
        None => {
            let _ = writeln!(out, " {name}");
        }
    }

    let notes = diag
        .path
        .iter()
        .map(|p| ("field", p))
        .chain(diag.hints.iter().map(|h| ("hint", h)));
    for (kind, text) in notes {
        out.push_str(&pad);
        out.push(' ');
        paint.push(&mut out, BLUE, "=");
        let _ = writeln!(out, " {kind}: {}", escape_text(text));
    }
    out
}

/// Source lines longer than this many chars are shown as a window.
const LONG_LINE: usize = 200;
/// Number of chars shown from a long line.
const WINDOW: usize = 160;
/// Chars of context kept before the caret in a long line.
const WINDOW_LEAD: usize = 60;
/// Display width of a tab in the shown source line.
const TAB_WIDTH: usize = 4;

/// The source line a span starts on, prepared for display.
struct Snippet {
    line: usize,
    column: usize,
    text: String,
    caret_start: usize,
    caret_len: usize,
}

impl Snippet {
    fn new(text: &str, span: Range<usize>) -> Self {
        let len = text.len();
        let mut start = text.floor_char_boundary(span.start);
        // A span at the very end after a final newline would otherwise point
        // at an empty phantom line; show the last real line instead.
        if start == len && text.ends_with('\n') {
            start = len - 1;
            if text[..start].ends_with('\r') {
                start -= 1;
            }
        }
        let end = text.floor_char_boundary(span.end).max(start);
        let (line, column) = line_col(text, start);

        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(len, |i| start + i);
        let raw = &text[line_start..line_end];
        let content = raw.strip_suffix('\r').unwrap_or(raw);
        let content_end = line_start + content.len();
        let mark_start = start.min(content_end);
        let mark_end = end.min(content_end).max(mark_start);

        let mut shown: Vec<char> = Vec::with_capacity(content.len());
        let mut caret_start = None;
        let mut caret_end = None;
        for (i, c) in content.char_indices() {
            let at = line_start + i;
            if at == mark_start {
                caret_start = Some(shown.len());
            }
            if at == mark_end {
                caret_end = Some(shown.len());
            }
            if c == '\t' {
                shown.extend(std::iter::repeat_n(' ', TAB_WIDTH));
            } else if is_unsafe_char(c) {
                shown.push('\u{FFFD}');
            } else {
                shown.push(c);
            }
        }
        let caret_start = caret_start.unwrap_or(shown.len());
        let caret_end = caret_end.unwrap_or(shown.len());
        let caret_len = caret_end.saturating_sub(caret_start).max(1);

        let (text, caret_start, caret_len) = if shown.len() > LONG_LINE {
            window(&shown, caret_start, caret_len)
        } else {
            (shown.into_iter().collect(), caret_start, caret_len)
        };
        Self {
            line,
            column,
            text: text.trim_end().to_string(),
            caret_start,
            caret_len,
        }
    }
}

/// Cut a long display line down to a window around the caret, marking cut
/// ends with `…`; returns the text and the caret position within it.
fn window(shown: &[char], caret_start: usize, caret_len: usize) -> (String, usize, usize) {
    let total = shown.len();
    let mut lo = caret_start.saturating_sub(WINDOW_LEAD);
    let hi = (lo + WINDOW).min(total);
    if hi - lo < WINDOW {
        lo = hi.saturating_sub(WINDOW);
    }
    let mut text = String::new();
    let mut caret = caret_start.saturating_sub(lo);
    if lo > 0 {
        text.push('…');
        caret += 1;
    }
    text.extend(&shown[lo..hi]);
    if hi < total {
        text.push('…');
    }
    // A caret just past the end of the line still gets one `^`.
    let room = hi.saturating_sub(caret_start).max(1);
    (text, caret, caret_len.min(room))
}

/// Characters that could corrupt a terminal or reorder the shown text.
fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Escape characters that would corrupt a terminal in free text such as
/// messages, hints and names.
fn escape_text(text: &str) -> String {
    if !text.chars().any(is_unsafe_char) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe_char(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

/// Turn a toml deserialization error (syntax or schema) into a Diagnostic: message from err.message() made lowercase-first and trimmed of trailing period/newlines, span from err.span(), path from field_path(), and hints (below).
///
/// Unknown fields and values get a did-you-mean hint and the list of valid
/// names, missing fields a hint on what to add, and serde's type names are
/// translated into TOML's (`sequence` becomes `array`, `map` becomes
/// `table`), because that is the vocabulary of the file being edited.
pub fn from_toml_error(err: &toml::de::Error, source: &str) -> Diagnostic {
    let raw = meaningful_line(err.message());
    let mut span = err.span().map(|s| {
        let start = source.floor_char_boundary(s.start);
        start..source.floor_char_boundary(s.end).max(start)
    });
    let spanned_text = span
        .as_ref()
        .and_then(|s| source.get(s.clone()))
        .unwrap_or("");
    let mut hints = Vec::new();

    let message = if let Some(unknown) = Unknown::parse(raw, "unknown field `") {
        unknown.hints(&mut hints, "this table takes no fields");
        format!("unknown field `{}`", unknown.name)
    } else if let Some(unknown) = Unknown::parse(raw, "unknown variant `") {
        unknown.hints(&mut hints, "no value is accepted here");
        format!("unknown value `{}`", unknown.name)
    } else if let Some(name) = raw
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        // The document root has no text of its own, so toml reports an empty
        // span at the start; pointing at line 1 would mislead.
        if span.as_ref().is_none_or(|s| s.is_empty()) {
            span = None;
            hints.push(format!("add `{name}` at the top level of the file"));
        } else {
            hints.push(format!("add `{name} = \"...\"` to this table"));
        }
        raw.to_string()
    } else if let Some(rest) = raw.strip_prefix("invalid type: ") {
        type_message(rest, spanned_text, &mut hints)
    } else if let Some(rest) = raw.strip_prefix("invalid value: ") {
        // Out of range for the field's type, e.g. a negative priority.
        let message = type_message(rest, spanned_text, &mut hints);
        message.replacen("invalid type: ", "invalid value: ", 1)
    } else if raw == "integer number overflowed" {
        let digits = spanned_text
            .trim_start_matches(['+', '-'])
            .trim_start_matches("0x")
            .trim_start_matches("0o")
            .trim_start_matches("0b");
        if digits.is_empty() {
            hints.push("write digits after the prefix, as `0x1F`, or a plain number".to_owned());
            format!("`{spanned_text}` is not a number: no digits follow its prefix")
        } else {
            format!("`{spanned_text}` is too large for a number")
        }
    } else if raw.is_empty() {
        "invalid toml".to_string()
    } else {
        lowercase_first(raw)
    };

    let path = span
        .as_ref()
        .filter(|s| !s.is_empty())
        .and_then(|s| field_path(source, s.start));
    Diagnostic {
        severity: Severity::Error,
        message,
        span,
        path,
        hints,
    }
}

/// The part of a possibly multi-line toml message worth showing: the first
/// line that is not a location header or a source excerpt, trimmed of
/// trailing periods and whitespace.
fn meaningful_line(message: &str) -> &str {
    let is_noise = |line: &str| {
        let t = line.trim();
        t.is_empty()
            || t.starts_with("TOML parse error")
            || t.starts_with('|')
            || t.split_once('|').is_some_and(|(n, _)| {
                !n.trim().is_empty() && n.trim().bytes().all(|b| b.is_ascii_digit())
            })
    };
    message
        .lines()
        .find(|line| !is_noise(line))
        .unwrap_or("")
        .trim()
        .trim_end_matches(['.', ' '])
}

/// Lowercase the first char unless it starts an acronym such as `TOML`.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let second_upper = chars.clone().next().is_some_and(char::is_uppercase);
    if first.is_uppercase() && !second_upper {
        first.to_lowercase().chain(chars).collect()
    } else {
        text.to_string()
    }
}

/// A parsed serde "unknown field/variant" message.
struct Unknown<'m> {
    name: &'m str,
    /// Valid names, or `None` when the message did not list them.
    expected: Option<Vec<&'m str>>,
}

impl<'m> Unknown<'m> {
    /// Parse serde's wording, e.g. ``unknown field `x`, expected one of `a`, `b` ``,
    /// ``... expected `a` or `b` `` and ``... there are no fields``.
    fn parse(message: &'m str, prefix: &str) -> Option<Self> {
        let rest = message.strip_prefix(prefix)?;
        // The name is user text and may contain anything, while the expected
        // names come from the schema, so split at the last separator.
        if let Some(at) = rest.rfind("`, expected ") {
            let list = &rest[at + "`, expected ".len()..];
            let expected = list.split('`').skip(1).step_by(2).collect();
            return Some(Self {
                name: &rest[..at],
                expected: Some(expected),
            });
        }
        for tail in ["`, there are no fields", "`, there are no variants"] {
            if let Some(name) = rest.strip_suffix(tail) {
                return Some(Self {
                    name,
                    expected: Some(Vec::new()),
                });
            }
        }
        let name = rest.strip_suffix('`')?;
        Some(Self {
            name,
            expected: None,
        })
    }

    fn hints(&self, hints: &mut Vec<String>, when_none: &str) {
        let Some(expected) = &self.expected else {
            return;
        };
        if let Some(close) = did_you_mean(self.name, expected.iter().copied()) {
            hints.push(format!("did you mean `{close}`?"));
        }
        match expected.len() {
            0 => hints.push(when_none.to_string()),
            1 => hints.push(format!("expected: {}", expected[0])),
            _ => hints.push(format!("expected one of: {}", expected.join(", "))),
        }
    }
}

/// Reword serde's "invalid type" message in TOML terms, and suggest quoting
/// when a bare scalar was given where a string is expected.
fn type_message(rest: &str, spanned_text: &str, hints: &mut Vec<String>) -> String {
    let (found, expected) = match rest.rsplit_once(", expected ") {
        Some((found, expected)) => (found, Some(expected)),
        None => (rest, None),
    };
    // serde names the Rust type it fell back to for integers beyond 64 bits.
    let found = match found.split_once("` as ") {
        Some((integer, _)) if found.starts_with("integer `") => format!("{integer}` (too large)"),
        _ => found.to_owned(),
    };
    let found = match found.as_str() {
        "sequence" => "array".to_string(),
        // toml hands datetimes to serde as a map with a private key.
        "map" if spanned_text.starts_with(|c: char| c.is_ascii_digit()) => "datetime".to_string(),
        "map" => "table".to_string(),
        other => match other.strip_prefix("floating point ") {
            Some(value) => format!("float {value}"),
            None => other.to_string(),
        },
    };
    let expected = expected.map(|e| match e {
        "a sequence" => "an array",
        "a map" => "a table",
        "u8" => "a non-negative integer up to 255",
        "u16" => "a non-negative integer up to 65535",
        "u32" => "a non-negative integer up to 4294967295",
        "u64" | "u128" | "usize" => "a non-negative integer",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "an integer",
        "f32" | "f64" => "a number",
        other => other,
    });
    let bare_scalar = ["integer", "float", "boolean", "datetime"]
        .iter()
        .any(|t| found.starts_with(t));
    if expected == Some("a string")
        && bare_scalar
        && !spanned_text.is_empty()
        && !spanned_text.contains(['\n', '"'])
    {
        hints.push(format!("write it as a string: `\"{spanned_text}\"`"));
    }
    match expected {
        Some(e) => format!("invalid type: {found}, expected {e}"),
        None => format!("invalid type: {found}"),
    }
}

/// Names longer than this are never treated as typos, which keeps the edit
/// distance cheap on hostile input.
const MAX_TYPO_LEN: usize = 256;

/// The candidate closest to `name` by edit distance (case-insensitive, a swap of neighbours counting as one edit), if close enough to be a plausible typo (distance <= max(1, len/3)).
///
/// `len` is the length of `name` in chars. Ties go to the earliest
/// candidate, and an empty name suggests nothing.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let len = name.chars().count();
    if len == 0 || len > MAX_TYPO_LEN {
        return None;
    }
    let limit = (len / 3).max(1);
    let wanted: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate.is_empty() || candidate.len() > 4 * MAX_TYPO_LEN {
            continue;
        }
        let other: Vec<char> = candidate.chars().flat_map(char::to_lowercase).collect();
        if other.len().abs_diff(wanted.len()) > limit {
            continue;
        }
        let distance = edit_distance(&wanted, &other);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Edit distance over chars where swapping two neighbours costs one edit
/// (optimal string alignment), so `tilte` is one typo away from `title`.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            let mut best = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && *ca == b[j - 1] && a[i - 1] == *cb {
                best = best.min(before[j - 1] + 1);
            }
            current[j + 1] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// One step of a field path.
#[derive(Clone, Copy)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// A node still to visit while walking the parsed document.
struct Pending<'a, 'i> {
    depth: usize,
    segment: Segment<'a>,
    key_span: Option<Range<usize>>,
    value: &'a Spanned<DeValue<'i>>,
}

/// The dotted field path (e.g. `sections[2].entries[0].dates`, or `person.name`) of the innermost key or value in the TOML document whose span contains `offset`; None if the document does not parse or offset is outside every key/value. Arrays of tables and inline arrays both give `[index]`. If offset falls on a key, the path ends with that key.
///
/// A `[table]` or `[[array]]` header counts as the span of the table it
/// opens, so an offset on a header names that table (with its index for
/// arrays of tables). Keys that are not bare TOML keys are quoted. The walk
/// visits each node once and uses an explicit stack, so large or deeply
/// nested documents stay linear and cannot overflow the call stack.
pub fn field_path(source: &str, offset: usize) -> Option<String> {
    let document = DeTable::parse(source).ok()?;
    let contains = |span: &Range<usize>| span.start <= offset && offset < span.end;

    let mut stack: Vec<Pending<'_, '_>> = Vec::new();
    push_table(&mut stack, document.get_ref(), 0);
    let mut path: Vec<Segment<'_>> = Vec::new();
    let mut best: Option<(usize, Vec<Segment<'_>>)> = None;
    while let Some(node) = stack.pop() {
        path.truncate(node.depth);
        path.push(node.segment);
        let value_span = node.value.span();
        if let Some(key_span) = &node.key_span {
            // In `[[name]]` the key sits inside the first element's header;
            // that element, not the whole array, is what the header opens.
            let opens_array_element = match node.value.get_ref() {
                DeValue::Array(items) => items.first().is_some_and(|first| {
                    first.get_ref().is_table()
                        && first.span().start <= key_span.start
                        && key_span.end <= first.span().end
                }),
                _ => false,
            };
            if contains(key_span) && !opens_array_element {
                consider(&mut best, key_span, &path);
            }
        }
        if contains(&value_span) {
            consider(&mut best, &value_span, &path);
        }
        match node.value.get_ref() {
            DeValue::Table(table) => push_table(&mut stack, table, node.depth + 1),
            DeValue::Array(items) => {
                for (index, item) in items.iter().enumerate().rev() {
                    stack.push(Pending {
                        depth: node.depth + 1,
                        segment: Segment::Index(index),
                        key_span: None,
                        value: item,
                    });
                }
            }
            _ => {}
        }
    }
    best.map(|(_, segments)| format_path(&segments))
}

/// Keep `path` as the best answer if `span` is at least as tight as the
/// current one. Ties go to the later (deeper) node: an array of tables shares
/// its span with its first element, which is the more precise answer.
fn consider<'a>(
    best: &mut Option<(usize, Vec<Segment<'a>>)>,
    span: &Range<usize>,
    path: &[Segment<'a>],
) {
    if best.as_ref().is_none_or(|(len, _)| span.len() <= *len) {
        *best = Some((span.len(), path.to_vec()));
    }
}

fn push_table<'a, 'i>(stack: &mut Vec<Pending<'a, 'i>>, table: &'a DeTable<'i>, depth: usize) {
    for (key, value) in table.iter().rev() {
        stack.push(Pending {
            depth,
            segment: Segment::Key(key.get_ref().as_ref()),
            key_span: Some(key.span()),
            value,
        });
    }
}

fn format_path(segments: &[Segment<'_>]) -> String {
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                push_key(&mut out, key);
            }
            Segment::Index(index) => {
                let _ = write!(out, "[{index}]");
            }
        }
    }
    out
}

/// Write a key as TOML would: bare when possible, otherwise quoted.
fn push_key(out: &mut String, key: &str) {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare {
        out.push_str(key);
        return;
    }
    out.push('"');
    for c in key.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Resume {
        person: Person,
        #[serde(default)]
        sections: Vec<Section>,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Person {
        name: String,
        #[serde(default)]
        age: Option<u32>,
        #[serde(default)]
        style: Option<Style>,
        #[serde(default)]
        links: Vec<String>,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Style {
        Plain,
        Fancy,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Section {
        title: String,
        #[serde(default)]
        entries: Vec<Entry>,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Entry {
        title: String,
        org: Option<String>,
        location: Option<String>,
        dates: Option<String>,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct OneField {
        only: String,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct TwoFields {
        first: String,
        second: String,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct NoFields {}

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    struct Custom {
        #[serde(deserialize_with = "reject")]
        dates: String,
    }

    fn reject<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        let _ = String::deserialize(d)?;
        Err(serde::de::Error::custom(
            "Dates must look like 2020-2023.\n\nsee the manual",
        ))
    }

    /// Deserialize `src` as `T`, expecting failure, and convert the error.
    fn diag_for<T: for<'de> Deserialize<'de> + std::fmt::Debug>(src: &str) -> Diagnostic {
        let err = toml::from_str::<T>(src).expect_err("source should not deserialize");
        from_toml_error(&err, src)
    }

    fn plain(diag: &Diagnostic, text: &str) -> String {
        render(
            diag,
            &Source {
                name: "resume.toml",
                text,
            },
            false,
        )
    }

    /// Byte offset of the `nth` (0-based) occurrence of `needle` in `hay`.
    fn nth(hay: &str, needle: &str, n: usize) -> usize {
        hay.match_indices(needle)
            .nth(n)
            .map(|(i, _)| i)
            .expect("needle present")
    }

    const TWELVE: &str = "[person]\nname = \"Ada\"\n[[sections]]\ntitle = \"A\"\n\
        [[sections]]\ntitle = \"B\"\n[[sections]]\ntitle = \"C\"\n\
        [[sections.entries]]\ntitle = \"Engineer\"\norg = \"Acme\"\n\
        locaton = \"Remote\"\n";

    // ---- Diagnostic and Severity -------------------------------------

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

    // ---- render ------------------------------------------------------

    #[test]
    fn render_matches_documented_shape() {
        let start = TWELVE.find("locaton").unwrap();
        let d = Diagnostic::error("unknown field `locaton`")
            .with_span(start..start + 7)
            .with_path("sections[2].entries[0].locaton")
            .with_hint("did you mean `location`?");
        let expected = "\
error: unknown field `locaton`
  --> resume.toml:12:1
   |
12 | locaton = \"Remote\"
   | ^^^^^^^
   = field: sections[2].entries[0].locaton
   = hint: did you mean `location`?
";
        assert_eq!(plain(&d, TWELVE), expected);
    }

    #[test]
    fn render_from_toml_error_end_to_end() {
        let d = diag_for::<Resume>(TWELVE);
        let out = plain(&d, TWELVE);
        assert!(out.starts_with("error: unknown field `locaton`\n  --> resume.toml:12:1\n"));
        assert!(out.contains("12 | locaton = \"Remote\"\n   | ^^^^^^^\n"));
        assert!(out.contains("   = field: sections[2].entries[0].locaton\n"));
        assert!(out.contains("   = hint: did you mean `location`?\n"));
        assert!(out.contains("   = hint: expected one of: title, org, location, dates\n"));
    }

    #[test]
    fn render_single_digit_gutter_and_warning() {
        let t = "a = 1\nb = 2\n";
        let d = Diagnostic::warning("unused field `b`").with_span(6..7);
        let expected = "\
warning: unused field `b`
 --> resume.toml:2:1
  |
2 | b = 2
  | ^
";
        assert_eq!(plain(&d, t), expected);
    }

    #[test]
    fn render_three_digit_gutter() {
        let mut t = "\n".repeat(99);
        t.push_str("key = 1\n");
        let at = t.find("key").unwrap();
        let d = Diagnostic::error("oops")
            .with_span(at..at + 3)
            .with_hint("h");
        let expected = "\
error: oops
   --> resume.toml:100:1
    |
100 | key = 1
    | ^^^
    = hint: h
";
        assert_eq!(plain(&d, &t), expected);
    }

    #[test]
    fn render_without_span() {
        let d = Diagnostic::error("missing field `person`")
            .with_path("person")
            .with_hint("add it");
        let expected = "\
error: missing field `person`
  --> resume.toml
   = field: person
   = hint: add it
";
        assert_eq!(plain(&d, "whatever"), expected);
        let bare = Diagnostic::warning("nothing to do");
        assert_eq!(
            plain(&bare, ""),
            "warning: nothing to do\n  --> resume.toml\n"
        );
    }

    #[test]
    fn render_caret_in_middle_of_line() {
        let t = "name = 3\n";
        let d = Diagnostic::error("x").with_span(7..8);
        assert!(plain(&d, t).contains("1 | name = 3\n  |        ^\n"));
    }

    #[test]
    fn render_span_past_line_end_underlines_to_end() {
        let t = "key = \"\"\"multi\nline\"\"\"\n";
        let d = Diagnostic::error("x").with_span(6..t.len() - 1);
        let out = plain(&d, t);
        assert!(
            out.contains("1 | key = \"\"\"multi\n  |       ^^^^^^^^\n"),
            "{out}"
        );
    }

    #[test]
    fn render_empty_span_gives_one_caret() {
        let t = "abc\n";
        let d = Diagnostic::error("x").with_span(1..1);
        assert!(plain(&d, t).contains("1 | abc\n  |  ^\n"));
    }

    #[test]
    fn render_reversed_and_out_of_range_spans() {
        let t = "abc\ndef";
        let (start, end) = (2, 1);
        let reversed = Diagnostic::error("x").with_span(start..end);
        assert!(plain(&reversed, t).contains("1 | abc\n  |   ^\n"));

        let far = Diagnostic::error("x").with_span(1000..2000);
        let out = plain(&far, t);
        assert!(out.contains(" --> resume.toml:2:4\n"), "{out}");
        assert!(out.contains("2 | def\n  |    ^\n"), "{out}");

        let huge = Diagnostic::error("x").with_span(usize::MAX..usize::MAX);
        assert!(plain(&huge, t).contains("2 | def\n"));
        assert!(plain(&huge, "").contains("1 |\n  | ^\n"));
    }

    #[test]
    fn render_clamps_offsets_inside_chars() {
        let t = "é = \"ü\"\n";
        // Offset 1 is inside `é`, offset 6 inside `ü`.
        let d = Diagnostic::error("x").with_span(1..6);
        let out = plain(&d, t);
        assert!(out.contains(" --> resume.toml:1:1\n"), "{out}");
        assert!(out.contains("1 | é = \"ü\"\n  | ^^^^^\n"), "{out}");
    }

    #[test]
    fn render_multibyte_columns() {
        let t = "名前 = \"ä\"\n";
        let at = t.find('"').unwrap();
        let d = Diagnostic::error("x").with_span(at..at + 4);
        let out = plain(&d, t);
        assert!(out.contains(" --> resume.toml:1:6\n"), "{out}");
        assert!(out.contains("  |      ^^^\n"), "{out}");
    }

    #[test]
    fn render_expands_tabs_and_aligns_caret() {
        let t = "\tname\t= 3\n";
        let at = t.find('3').unwrap();
        let d = Diagnostic::error("x").with_span(at..at + 1);
        let out = plain(&d, t);
        assert!(!out.contains('\t'));
        assert!(out.contains(" --> resume.toml:1:9\n"), "{out}");
        assert!(
            out.contains("1 |     name    = 3\n  |               ^\n"),
            "{out}"
        );
    }

    #[test]
    fn render_strips_carriage_returns() {
        let t = "a = 1\r\nbad = \"x\"\r\nc = 3\r\n";
        let at = t.find("bad").unwrap();
        let d = Diagnostic::error("x").with_span(at..at + 3);
        let out = plain(&d, t);
        assert!(!out.contains('\r'));
        assert!(out.contains("2 | bad = \"x\"\n  | ^^^\n"), "{out}");

        // A span that starts on the `\r` itself points just past the line.
        let cr = t.find('\r').unwrap();
        let d = Diagnostic::error("x").with_span(cr..cr + 2);
        let out = plain(&d, t);
        assert!(!out.contains('\r'));
        assert!(out.contains("1 | a = 1\n  |      ^\n"), "{out}");
    }

    #[test]
    fn render_span_at_end_of_file() {
        for t in [
            "a = 1\nb = [1, 2",
            "a = 1\nb = [1, 2\n",
            "a = 1\r\nb = [1, 2\r\n",
        ] {
            let d = Diagnostic::error("unclosed array").with_span(t.len()..t.len());
            let out = plain(&d, t);
            assert!(out.contains(" --> resume.toml:2:10\n"), "{t:?}: {out}");
            assert!(
                out.contains("2 | b = [1, 2\n  |          ^\n"),
                "{t:?}: {out}"
            );
        }
    }

    #[test]
    fn render_replaces_control_characters() {
        let t = "a = \"x\u{1b}[31my\u{7}\"\u{202e} # evil\n";
        let d = Diagnostic::error("bad \u{1b}[2J message\nsecond")
            .with_span(4..5)
            .with_path("a\u{1b}")
            .with_hint("hint\u{0}");
        let out = plain(&d, t);
        assert!(!out.contains('\u{1b}'), "{out:?}");
        assert!(!out.contains('\u{7}'));
        assert!(!out.contains('\u{202e}'));
        assert!(!out.contains('\0'));
        // Only the line breaks the renderer itself adds remain.
        assert_eq!(out.lines().count(), 7, "{out}");
        assert!(out.contains("\u{FFFD}[31my\u{FFFD}"));
        assert!(out.contains("error: bad \\u{1b}[2J message\\nsecond\n"));
        let d3 = Diagnostic::error("a\u{202e}b\u{feff}c\td");
        assert!(plain(&d3, "").starts_with("error: a\\u{202e}b\\u{feff}c\\td\n"));
        // Replacement keeps the caret aligned: one char in, one char out.
        let t2 = "\u{1}\u{2}x = 1\n";
        let d2 = Diagnostic::error("x").with_span(2..3);
        assert!(plain(&d2, t2).contains("1 | \u{FFFD}\u{FFFD}x = 1\n  |   ^\n"));
    }

    #[test]
    fn render_escapes_the_source_name() {
        let d = Diagnostic::error("x");
        let out = render(
            &d,
            &Source {
                name: "evil\u{1b}[2J.toml",
                text: "",
            },
            false,
        );
        assert!(!out.contains('\u{1b}'));
    }

    #[test]
    fn render_long_line_is_windowed() {
        let mut line = String::from("key = \"");
        for i in 0..100 {
            let _ = write!(line, "word{i:02} ");
        }
        line.push('"');
        assert!(line.chars().count() > 200);
        let t = format!("{line}\n");
        let at = t.find("word50").unwrap();
        let d = Diagnostic::error("x").with_span(at..at + 6);
        let out = plain(&d, &t);
        let src_line = out.lines().nth(3).unwrap();
        let caret_line = out.lines().nth(4).unwrap();
        assert!(src_line.starts_with("1 | …"), "{src_line}");
        assert!(src_line.ends_with('…'), "{src_line}");
        assert!(src_line.chars().count() < 200);
        // The carets sit exactly under `word50`.
        let caret_col = caret_line.find('^').unwrap();
        let under: String = src_line.chars().skip(caret_col).take(6).collect();
        assert_eq!(under, "word50");
        assert_eq!(caret_line.matches('^').count(), 6);
    }

    #[test]
    fn render_long_line_edges() {
        let line = "x".repeat(500);
        let t = format!("{line}\n");
        // Caret at the start: no leading ellipsis.
        let d = Diagnostic::error("x").with_span(0..1);
        let out = plain(&d, &t);
        let src = out.lines().nth(3).unwrap();
        assert!(src.starts_with("1 | xxx"));
        assert!(src.ends_with('…'));
        // Caret at the very end: no trailing ellipsis, caret after the text.
        let d = Diagnostic::error("x").with_span(500..500);
        let out = plain(&d, &t);
        let src = out.lines().nth(3).unwrap();
        let caret = out.lines().nth(4).unwrap();
        assert!(src.starts_with("1 | …"));
        assert!(src.ends_with('x'));
        assert_eq!(caret.find('^').unwrap(), src.chars().count());
        // A span covering the whole line is cut to the window.
        let d = Diagnostic::error("x").with_span(100..500);
        let out = plain(&d, &t);
        let src = out.lines().nth(3).unwrap();
        let caret = out.lines().nth(4).unwrap();
        assert!(caret.chars().count() <= src.chars().count());
        // A line of exactly 200 chars is not cut.
        let t = format!("{}\n", "y".repeat(200));
        let out = plain(&Diagnostic::error("x").with_span(150..151), &t);
        assert!(!out.contains('…'));
    }

    #[test]
    fn render_color_only_when_asked() {
        let d = Diagnostic::error("bad")
            .with_span(0..1)
            .with_path("a")
            .with_hint("h");
        let src = Source {
            name: "resume.toml",
            text: "a = 1\n",
        };
        let plain_out = render(&d, &src, false);
        assert!(!plain_out.contains('\u{1b}'));
        let colored = render(&d, &src, true);
        assert!(colored.starts_with("\u{1b}[1;31merror\u{1b}[0m"));
        assert!(colored.contains("\u{1b}[1;34m-->\u{1b}[0m"));
        assert!(colored.contains("\u{1b}[1;34m|\u{1b}[0m"));
        assert!(colored.contains("\u{1b}[1;34m=\u{1b}[0m"));
        assert!(colored.contains("\u{1b}[1;31m^\u{1b}[0m"));
        // Stripping the escapes gives back the plain rendering.
        assert_eq!(strip_ansi(&colored), plain_out);

        let w = Diagnostic::warning("meh");
        let colored = render(&w, &src, true);
        assert!(colored.starts_with("\u{1b}[1;33mwarning\u{1b}[0m"));
        assert_eq!(strip_ansi(&colored), render(&w, &src, false));
    }

    fn strip_ansi(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    // ---- did_you_mean ------------------------------------------------

    #[test]
    fn did_you_mean_finds_typos() {
        let fields = ["title", "org", "location", "dates"];
        assert_eq!(did_you_mean("locaton", fields), Some("location"));
        assert_eq!(did_you_mean("tile", fields), Some("title"));
        // A swap of neighbours is one typo.
        assert_eq!(did_you_mean("tilte", fields), Some("title"));
        assert_eq!(did_you_mean("locatoin", fields), Some("location"));
        assert_eq!(did_you_mean("date", fields), Some("dates"));
        assert_eq!(did_you_mean("orgg", fields), Some("org"));
        assert_eq!(did_you_mean("LOCATION", fields), Some("location"));
        assert_eq!(did_you_mean("Title", fields), Some("title"));
    }

    #[test]
    fn did_you_mean_rejects_distant_names() {
        let fields = ["title", "org", "location"];
        assert_eq!(did_you_mean("salary", fields), None);
        assert_eq!(did_you_mean("", fields), None);
        assert_eq!(did_you_mean("x", Vec::<&str>::new()), None);
        // len 6 allows distance 2, not 3.
        assert_eq!(did_you_mean("abcdef", ["abcxyz"]), None);
        assert_eq!(did_you_mean("abcdef", ["abcdxy"]), Some("abcdxy"));
        // Short names still allow one edit.
        assert_eq!(did_you_mean("ab", ["ac"]), Some("ac"));
        assert_eq!(did_you_mean("ab", ["cd"]), None);
        // Empty candidates are never suggested.
        assert_eq!(did_you_mean("a", [""]), None);
    }

    #[test]
    fn did_you_mean_prefers_closest_then_first() {
        assert_eq!(did_you_mean("nane", ["name", "nan"]), Some("name"));
        assert_eq!(did_you_mean("cat", ["bat", "hat"]), Some("bat"));
        assert_eq!(did_you_mean("dates", ["date", "dates"]), Some("dates"));
    }

    #[test]
    fn did_you_mean_handles_unicode_and_huge_input() {
        assert_eq!(
            did_you_mean("straße", ["STRASSE", "strasse"]),
            Some("STRASSE")
        );
        assert_eq!(did_you_mean("Übung", ["übung"]), Some("übung"));
        assert_eq!(did_you_mean("naïve", ["naive"]), Some("naive"));
        let huge = "a".repeat(100_000);
        assert_eq!(did_you_mean(&huge, [huge.as_str()]), None);
        assert_eq!(did_you_mean("name", [huge.as_str()]), None);
    }

    #[test]
    fn edit_distance_matches_known_values() {
        let d = |a: &str, b: &str| {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            edit_distance(&a, &b)
        };
        assert_eq!(d("tilte", "title"), 1);
        assert_eq!(d("ab", "ba"), 1);
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("abc", ""), 3);
        assert_eq!(d("flaw", "lawn"), 2);
        assert_eq!(d("same", "same"), 0);
    }

    // ---- field_path --------------------------------------------------

    const TABLES: &str = "\
[person]
name = \"Ada\"
links = [\"a\", \"b\"]

[[sections]]
title = \"Work\"

[[sections.entries]]
title = \"Engineer\"
dates = \"2020\"

[[sections.entries]]
title = \"Intern\"
dates = \"2019\"

[[sections]]
title = \"School\"

[sections.meta]
hidden = true

[[sections.entries]]
title = \"Student\"
dates = \"2015\"
";

    #[test]
    fn field_path_std_table() {
        let t = TABLES;
        assert_eq!(
            field_path(t, nth(t, "name", 0)).as_deref(),
            Some("person.name")
        );
        assert_eq!(
            field_path(t, nth(t, "Ada", 0)).as_deref(),
            Some("person.name")
        );
        assert_eq!(
            field_path(t, nth(t, "\"Ada\"", 0)).as_deref(),
            Some("person.name")
        );
        assert_eq!(field_path(t, 0).as_deref(), Some("person"));
        assert_eq!(field_path(t, 1).as_deref(), Some("person"));
        assert_eq!(
            field_path(t, nth(t, "\"b\"", 0)).as_deref(),
            Some("person.links[1]")
        );
        assert_eq!(
            field_path(t, nth(t, "links", 0)).as_deref(),
            Some("person.links")
        );
        assert_eq!(
            field_path(t, nth(t, "[\"a\"", 0)).as_deref(),
            Some("person.links")
        );
        // Between key and value, and on blank lines, nothing matches.
        assert_eq!(field_path(t, nth(t, " = ", 0) + 1), None);
        assert_eq!(field_path(t, nth(t, "\n\n", 0) + 1), None);
    }

    #[test]
    fn field_path_array_of_tables() {
        let t = TABLES;
        assert_eq!(
            field_path(t, nth(t, "Work", 0)).as_deref(),
            Some("sections[0].title")
        );
        assert_eq!(
            field_path(t, nth(t, "dates", 1)).as_deref(),
            Some("sections[0].entries[1].dates")
        );
        assert_eq!(
            field_path(t, nth(t, "2019", 0)).as_deref(),
            Some("sections[0].entries[1].dates")
        );
        assert_eq!(
            field_path(t, nth(t, "title", 2)).as_deref(),
            Some("sections[0].entries[1].title")
        );
        assert_eq!(
            field_path(t, nth(t, "School", 0)).as_deref(),
            Some("sections[1].title")
        );
        assert_eq!(
            field_path(t, nth(t, "hidden", 0)).as_deref(),
            Some("sections[1].meta.hidden")
        );
        assert_eq!(
            field_path(t, nth(t, "true", 0)).as_deref(),
            Some("sections[1].meta.hidden")
        );
        assert_eq!(
            field_path(t, nth(t, "Student", 0)).as_deref(),
            Some("sections[1].entries[0].title")
        );
        assert_eq!(
            field_path(t, nth(t, "dates", 2)).as_deref(),
            Some("sections[1].entries[0].dates")
        );
    }

    #[test]
    fn field_path_on_headers() {
        let t = TABLES;
        // Each `[[...]]` header names the element it opens, wherever the
        // offset falls inside it.
        let first = nth(t, "[[sections]]", 0);
        for i in 0.."[[sections]]".len() {
            assert_eq!(
                field_path(t, first + i).as_deref(),
                Some("sections[0]"),
                "at {i}"
            );
        }
        let second = nth(t, "[[sections]]", 1);
        assert_eq!(field_path(t, second).as_deref(), Some("sections[1]"));
        assert_eq!(field_path(t, second + 4).as_deref(), Some("sections[1]"));
        let entries = nth(t, "[[sections.entries]]", 1);
        assert_eq!(
            field_path(t, entries).as_deref(),
            Some("sections[0].entries[1]")
        );
        assert_eq!(
            field_path(t, entries + 12).as_deref(),
            Some("sections[0].entries[1]")
        );
        let first_entries = nth(t, "[[sections.entries]]", 0);
        assert_eq!(
            field_path(t, first_entries + 12).as_deref(),
            Some("sections[0].entries[0]")
        );
        let last_entries = nth(t, "[[sections.entries]]", 2);
        assert_eq!(
            field_path(t, last_entries).as_deref(),
            Some("sections[1].entries[0]")
        );
        let meta = nth(t, "[sections.meta]", 0);
        assert_eq!(field_path(t, meta).as_deref(), Some("sections[1].meta"));
        assert_eq!(
            field_path(t, meta + 10).as_deref(),
            Some("sections[1].meta")
        );
    }

    #[test]
    fn field_path_inline_arrays_and_tables() {
        let t = "sections = [\n  { title = \"Work\", entries = [\n    { title = \"A\", dates = \"2020\" },\n    { title = \"B\", dates = 2021 },\n  ] },\n]\n";
        assert_eq!(field_path(t, 0).as_deref(), Some("sections"));
        assert_eq!(field_path(t, nth(t, "[", 0)).as_deref(), Some("sections"));
        assert_eq!(
            field_path(t, nth(t, "{", 0)).as_deref(),
            Some("sections[0]")
        );
        assert_eq!(
            field_path(t, nth(t, "Work", 0)).as_deref(),
            Some("sections[0].title")
        );
        assert_eq!(
            field_path(t, nth(t, "entries", 0)).as_deref(),
            Some("sections[0].entries")
        );
        assert_eq!(
            field_path(t, nth(t, "{", 1)).as_deref(),
            Some("sections[0].entries[0]")
        );
        assert_eq!(
            field_path(t, nth(t, "dates", 1)).as_deref(),
            Some("sections[0].entries[1].dates")
        );
        assert_eq!(
            field_path(t, nth(t, "2021", 0)).as_deref(),
            Some("sections[0].entries[1].dates")
        );
        // Whitespace inside an inline table belongs to that table.
        assert_eq!(
            field_path(t, nth(t, "{ title = \"B\"", 0) + 1).as_deref(),
            Some("sections[0].entries[1]")
        );
    }

    #[test]
    fn field_path_nested_and_dotted() {
        let t = "grid = [[1, 2], [3, [4]]]\nperson.name.first = \"Ada\"\n";
        assert_eq!(field_path(t, nth(t, "3", 0)).as_deref(), Some("grid[1][0]"));
        assert_eq!(
            field_path(t, nth(t, "4", 0)).as_deref(),
            Some("grid[1][1][0]")
        );
        assert_eq!(
            field_path(t, nth(t, "[4]", 0)).as_deref(),
            Some("grid[1][1]")
        );
        assert_eq!(
            field_path(t, nth(t, "person", 0)).as_deref(),
            Some("person")
        );
        assert_eq!(
            field_path(t, nth(t, "name", 0)).as_deref(),
            Some("person.name")
        );
        assert_eq!(
            field_path(t, nth(t, "first", 0)).as_deref(),
            Some("person.name.first")
        );
        assert_eq!(
            field_path(t, nth(t, "Ada", 0)).as_deref(),
            Some("person.name.first")
        );
    }

    #[test]
    fn field_path_quotes_unusual_keys() {
        let t = "\"first name\" = 1\n'a.b' = 2\n\"q\\\"x\" = 3\n[\"sp ace\".inner]\nk-e_y9 = 4\n";
        assert_eq!(field_path(t, 0).as_deref(), Some("\"first name\""));
        assert_eq!(field_path(t, nth(t, "2", 0)).as_deref(), Some("\"a.b\""));
        assert_eq!(field_path(t, nth(t, "3", 0)).as_deref(), Some("\"q\\\"x\""));
        assert_eq!(
            field_path(t, nth(t, "k-e_y9", 0)).as_deref(),
            Some("\"sp ace\".inner.k-e_y9")
        );
    }

    #[test]
    fn field_path_rejects_bad_input() {
        assert_eq!(field_path("", 0), None);
        assert_eq!(field_path("a = ", 0), None);
        assert_eq!(field_path("[a\nb = 1", 4), None);
        assert_eq!(field_path("a = 1", 5), None);
        assert_eq!(field_path("a = 1", usize::MAX), None);
        assert_eq!(field_path("# just a comment\n", 3), None);
        // Offsets inside a multi-byte char still land in the value.
        let t = "k = \"éé\"";
        assert_eq!(field_path(t, 6).as_deref(), Some("k"));
    }

    #[test]
    fn field_path_large_document_is_fast_enough() {
        let mut t = String::from("[person]\nname = \"x\"\n");
        let count = 20_000;
        for i in 0..count {
            let _ = write!(
                t,
                "[[sections]]\ntitle = \"s{i}\"\n[[sections.entries]]\ntitle = \"e{i}\"\nitems = [1, 2, {{ a = \"b\" }}]\n"
            );
        }
        let last = t.rfind("e19999").unwrap();
        let started = std::time::Instant::now();
        assert_eq!(
            field_path(&t, last).as_deref(),
            Some("sections[19999].entries[0].title")
        );
        let a = t.rfind("a = \"b\"").unwrap();
        assert_eq!(
            field_path(&t, a).as_deref(),
            Some("sections[19999].entries[0].items[2].a")
        );
        // Generous bound: catches quadratic behaviour, not slow machines.
        assert!(started.elapsed() < std::time::Duration::from_secs(30));
    }

    #[test]
    fn field_path_deep_nesting_does_not_overflow() {
        let depth = 70;
        let header: Vec<String> = (0..depth).map(|i| format!("k{i}")).collect();
        let t = format!("[{}]\nleaf = 1\n", header.join("."));
        let expected = format!("{}.leaf", header.join("."));
        assert_eq!(field_path(&t, nth(&t, "leaf", 0)), Some(expected));

        let t = format!("a = {}1{}\n", "[".repeat(60), "]".repeat(60));
        let path = field_path(&t, nth(&t, "1", 0)).unwrap();
        assert_eq!(path, format!("a{}", "[0]".repeat(60)));
    }

    // ---- from_toml_error ---------------------------------------------

    #[test]
    fn unknown_field_gets_suggestion_list_span_and_path() {
        let d = diag_for::<Resume>(TWELVE);
        let at = TWELVE.find("locaton").unwrap();
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.message, "unknown field `locaton`");
        assert_eq!(d.span, Some(at..at + 7));
        assert_eq!(d.path.as_deref(), Some("sections[2].entries[0].locaton"));
        assert_eq!(
            d.hints,
            [
                "did you mean `location`?",
                "expected one of: title, org, location, dates"
            ]
        );
    }

    #[test]
    fn unknown_field_without_close_match_lists_fields() {
        let src = "[person]\nname = \"x\"\nsalary = 3\n";
        let d = diag_for::<Resume>(src);
        assert_eq!(d.message, "unknown field `salary`");
        assert_eq!(d.path.as_deref(), Some("person.salary"));
        assert_eq!(d.hints, ["expected one of: name, age, style, links"]);
    }

    #[test]
    fn unknown_field_list_shapes() {
        let d = diag_for::<OneField>("onl = \"x\"\n");
        assert_eq!(d.message, "unknown field `onl`");
        assert_eq!(d.hints, ["did you mean `only`?", "expected: only"]);

        let d = diag_for::<TwoFields>("secnd = \"x\"\n");
        assert_eq!(d.message, "unknown field `secnd`");
        assert_eq!(
            d.hints,
            ["did you mean `second`?", "expected one of: first, second"]
        );

        let d = diag_for::<NoFields>("a = 1\n");
        assert_eq!(d.message, "unknown field `a`");
        assert_eq!(d.hints, ["this table takes no fields"]);
        assert_eq!(d.path.as_deref(), Some("a"));
    }

    #[test]
    fn unknown_field_in_header_and_inline_forms() {
        let src = "[persn]\nname = \"x\"\n";
        let d = diag_for::<Resume>(src);
        assert_eq!(d.message, "unknown field `persn`");
        assert_eq!(d.span, Some(1..6));
        assert_eq!(d.path.as_deref(), Some("persn"));
        assert_eq!(d.hints[0], "did you mean `person`?");

        let src = "person = { name = \"x\" }\nsections = [{ title = \"a\", entries = [{ title = \"t\", orgg = \"o\" }] }]\n";
        let d = diag_for::<Resume>(src);
        assert_eq!(d.message, "unknown field `orgg`");
        assert_eq!(d.path.as_deref(), Some("sections[0].entries[0].orgg"));
        assert_eq!(d.hints[0], "did you mean `org`?");
    }

    #[test]
    fn unknown_field_with_awkward_user_key() {
        let src = "[person]\nname = \"x\"\n\"nam`, expected `e\" = 1\n";
        let d = diag_for::<Resume>(src);
        assert_eq!(d.message, "unknown field `nam`, expected `e`");
        assert_eq!(
            d.hints.last().unwrap(),
            "expected one of: name, age, style, links"
        );
        assert_eq!(d.path.as_deref(), Some("person.\"nam`, expected `e\""));
    }

    #[test]
    fn unknown_variant_becomes_unknown_value() {
        let src = "[person]\nname = \"x\"\nstyle = \"fancyy\"\n";
        let d = diag_for::<Resume>(src);
        assert_eq!(d.message, "unknown value `fancyy`");
        assert_eq!(d.path.as_deref(), Some("person.style"));
        assert_eq!(
            d.hints,
            ["did you mean `fancy`?", "expected one of: plain, fancy"]
        );
        let at = src.find("\"fancyy\"").unwrap();
        assert_eq!(d.span, Some(at..at + 8));

        let src = "[person]\nname = \"x\"\nstyle = \"gothic\"\n";
        let d = diag_for::<Resume>(src);
        assert_eq!(d.message, "unknown value `gothic`");
        assert_eq!(d.hints, ["expected one of: plain, fancy"]);
    }

    #[test]
    fn missing_field_in_table() {
        let src = "[person]\nname = \"x\"\n[[sections]]\ntitle = \"a\"\n[[sections.entries]]\norg = \"o\"\n";
        let d = diag_for::<Resume>(src);
        assert_eq!(d.message, "missing field `title`");
        assert_eq!(d.path.as_deref(), Some("sections[0].entries[0]"));
        assert_eq!(d.hints, ["add `title = \"...\"` to this table"]);
        let at = src.find("[[sections.entries]]").unwrap();
        assert_eq!(d.span, Some(at..at + "[[sections.entries]]".len()));

        let src = "[person]\nage = 3\n";
        let d = diag_for::<Resume>(src);
        assert_eq!(d.message, "missing field `name`");
        assert_eq!(d.path.as_deref(), Some("person"));
        assert_eq!(d.span, Some(0..8));

        let src = "person = { name = \"x\" }\nsections = [{ entries = [] }]\n";
        let d = diag_for::<Resume>(src);
        assert_eq!(d.message, "missing field `title`");
        assert_eq!(d.path.as_deref(), Some("sections[0]"));
    }

    #[test]
    fn missing_field_at_top_level_has_no_span() {
        for src in ["", "\n", "# nothing yet\n"] {
            let d = diag_for::<Resume>(src);
            assert_eq!(d.message, "missing field `person`");
            assert_eq!(d.span, None, "{src:?}");
            assert_eq!(d.path, None);
            assert_eq!(d.hints, ["add `person` at the top level of the file"]);
            let out = plain(&d, src);
            assert!(out.contains("  --> resume.toml\n"), "{out}");
        }
    }

    #[test]
    fn invalid_type_messages_use_toml_words() {
        let d = diag_for::<Resume>("[person]\nname = 3\n");
        assert_eq!(d.message, "invalid type: integer `3`, expected a string");
        assert_eq!(d.path.as_deref(), Some("person.name"));
        assert_eq!(d.span, Some(16..17));
        assert_eq!(d.hints, ["write it as a string: `\"3\"`"]);

        let d = diag_for::<Resume>("[person]\nname = 1.5\n");
        assert_eq!(d.message, "invalid type: float `1.5`, expected a string");
        assert_eq!(d.hints, ["write it as a string: `\"1.5\"`"]);

        let d = diag_for::<Resume>("[person]\nname = true\n");
        assert_eq!(d.message, "invalid type: boolean `true`, expected a string");

        let d = diag_for::<Resume>("[person]\nname = 2020-01-01\n");
        assert_eq!(d.message, "invalid type: datetime, expected a string");
        assert_eq!(d.hints, ["write it as a string: `\"2020-01-01\"`"]);

        let d = diag_for::<Resume>("[person]\nname = [\"a\"]\n");
        assert_eq!(d.message, "invalid type: array, expected a string");
        assert!(d.hints.is_empty());

        let d = diag_for::<Resume>("[person]\nname = { a = 1 }\n");
        assert_eq!(d.message, "invalid type: table, expected a string");

        let d = diag_for::<Resume>("[person]\nname = \"x\"\nlinks = { a = 1 }\n");
        assert_eq!(d.message, "invalid type: table, expected an array");
        assert_eq!(d.path.as_deref(), Some("person.links"));

        let d = diag_for::<Resume>("[person]\nname = \"x\"\nage = \"3\"\n");
        assert_eq!(
            d.message,
            "invalid type: string \"3\", expected a non-negative integer up to 4294967295"
        );
        assert!(d.hints.is_empty());

        let d = diag_for::<Resume>("[person]\nname = \"x\"\nlinks = [\"a\", 2]\n");
        assert_eq!(d.message, "invalid type: integer `2`, expected a string");
        assert_eq!(d.path.as_deref(), Some("person.links[1]"));
    }

    #[test]
    fn invalid_values_name_the_range_not_the_rust_type() {
        let d = diag_for::<Resume>("[person]\nname = \"x\"\nage = -3\n");
        assert_eq!(
            d.message,
            "invalid value: integer `-3`, expected a non-negative integer up to 4294967295"
        );
        assert_eq!(d.path.as_deref(), Some("person.age"));

        let d = diag_for::<Resume>("[person]\nname = \"x\"\nage = 99999999999999999999\n");
        assert_eq!(
            d.message,
            "invalid type: integer `99999999999999999999` (too large), \
             expected a non-negative integer up to 4294967295"
        );
    }

    #[test]
    fn an_integer_prefix_without_digits_says_so() {
        let d = diag_for::<Resume>("[person]\nname = \"x\"\nage = 0x\n");
        assert_eq!(
            d.message,
            "`0x` is not a number: no digits follow its prefix"
        );
    }

    #[test]
    fn syntax_errors_keep_toml_message_and_span() {
        let src = "[person]\nname = \"x\n";
        let d = diag_for::<Resume>(src);
        assert_eq!(d.message, "invalid basic string, expected `\"`");
        assert_eq!(d.span, Some(18..18));
        assert_eq!(d.path, None);
        assert!(d.hints.is_empty());
        let out = plain(&d, src);
        assert!(out.contains(" --> resume.toml:2:10\n"), "{out}");

        let src = "[person\nname = \"x\"\n";
        let d = diag_for::<Resume>(src);
        assert_eq!(d.message, "unclosed table, expected `]`");

        let src = "[person]\nname = \"x\"\nname = \"y\"\n";
        let d = diag_for::<Resume>(src);
        assert_eq!(d.message, "duplicate key");
        assert_eq!(d.span, Some(20..24));
        assert_eq!(d.path, None);

        let src = "a = [1, 2";
        let d = diag_for::<Resume>(src);
        assert_eq!(d.message, "unclosed array, expected `]`");
        let out = plain(&d, src);
        assert!(out.contains("1 | a = [1, 2\n  |          ^\n"), "{out}");
    }

    #[test]
    fn custom_messages_are_cleaned() {
        let d = diag_for::<Custom>("dates = \"soon\"\n");
        assert_eq!(d.message, "dates must look like 2020-2023");
        assert_eq!(d.path.as_deref(), Some("dates"));
    }

    #[test]
    fn message_helpers() {
        assert_eq!(meaningful_line("Bad thing.\n"), "Bad thing");
        assert_eq!(meaningful_line("\n\n  Oops...  \n"), "Oops");
        assert_eq!(
            meaningful_line(
                "TOML parse error at line 1, column 10\n  |\n1 | 00:32:00.a999999\n  |          ^\nUnexpected `a`\nExpected `digit`\n"
            ),
            "Unexpected `a`"
        );
        assert_eq!(meaningful_line(""), "");
        assert_eq!(lowercase_first("Unexpected `a`"), "unexpected `a`");
        assert_eq!(lowercase_first("TOML is odd"), "TOML is odd");
        assert_eq!(lowercase_first("Élan"), "élan");
        assert_eq!(lowercase_first("x"), "x");
        assert_eq!(lowercase_first("X"), "x");
        assert_eq!(lowercase_first(""), "");
    }

    #[test]
    fn unknown_message_parser() {
        let u = Unknown::parse("unknown field `a`", "unknown field `").unwrap();
        assert_eq!(u.name, "a");
        assert!(u.expected.is_none());
        let u =
            Unknown::parse("unknown field `a`, expected `b` or `c`", "unknown field `").unwrap();
        assert_eq!(u.name, "a");
        assert_eq!(u.expected.unwrap(), ["b", "c"]);
        let u = Unknown::parse(
            "unknown variant `v`, there are no variants",
            "unknown variant `",
        )
        .unwrap();
        assert_eq!(u.name, "v");
        assert!(u.expected.unwrap().is_empty());
        assert!(Unknown::parse("unknown field `a", "unknown field `").is_none());
        assert!(Unknown::parse("something else", "unknown field `").is_none());
    }

    #[test]
    fn from_toml_error_with_mismatched_source_does_not_panic() {
        let src = "[person]\nname = \"x\"\nage = \"3\"\n";
        let err = toml::from_str::<Resume>(src).unwrap_err();
        for other in ["", "é", "[person]", "ééééééééééééééééééééé"] {
            let d = from_toml_error(&err, other);
            let span = d.span.clone().unwrap();
            assert!(span.start <= span.end && span.end <= other.len());
            assert!(other.is_char_boundary(span.start) && other.is_char_boundary(span.end));
            let _ = plain(&d, other);
        }
    }

    // ---- robustness --------------------------------------------------

    /// Small deterministic generator, so the fuzz test needs no extra crate.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) as usize
        }
    }

    #[test]
    fn nothing_panics_on_mutated_documents() {
        let pieces = [
            "[",
            "]",
            "[[",
            "]]",
            "{",
            "}",
            "\"",
            "'",
            "=",
            ".",
            ",",
            "\n",
            "\r\n",
            "\t",
            "é",
            "名",
            "\u{1b}",
            "\u{0}",
            "#",
            "title",
            "sections",
            "entries",
            " ",
            "3",
            "\\",
            "\"\"\"",
            "2020-01-01",
            "true",
            "-",
        ];
        let mut rng = Lcg(7);
        for round in 0..400 {
            let mut src: String = TABLES.to_string();
            for _ in 0..(1 + rng.next() % 4) {
                let piece = pieces[rng.next() % pieces.len()];
                let at = src.floor_char_boundary(rng.next() % (src.len() + 1));
                if rng.next().is_multiple_of(3) {
                    let end = src.floor_char_boundary(at + rng.next() % 8).max(at);
                    src.replace_range(at..end, "");
                } else {
                    src.insert_str(at, piece);
                }
            }
            let offsets = [
                0,
                1,
                src.len(),
                src.len() + 1,
                usize::MAX,
                rng.next() % (src.len() + 2),
            ];
            for &offset in &offsets {
                let _ = line_col(&src, offset);
                let _ = field_path(&src, offset);
            }
            let diag = match toml::from_str::<Resume>(&src) {
                Ok(_) => Diagnostic::warning("fine").with_span(offsets[5]..offsets[round % 6]),
                Err(err) => from_toml_error(&err, &src),
            };
            assert!(!diag.message.is_empty());
            assert!(!diag.message.ends_with('.'));
            let source = Source {
                name: "resume.toml",
                text: &src,
            };
            let plain_out = render(&diag, &source, false);
            assert!(!plain_out.contains('\r'));
            assert!(!plain_out.contains('\u{1b}'));
            let _ = render(&diag, &source, true);
        }
    }

    #[test]
    fn render_handles_every_span_in_a_tricky_text() {
        let text = "a\tb\r\nλ = \"名\"\r\n\u{1b}x\n\nlast";
        for start in 0..=text.len() + 2 {
            for end in [0, start, start + 1, start + 5, text.len() + 3] {
                let d = Diagnostic::error("x").with_span(start..end);
                let out = plain(&d, text);
                assert!(out.contains('^'), "{start}..{end}");
                assert!(!out.contains('\r'));
                assert!(!out.contains('\u{1b}'));
                assert!(!out.contains('\t'));
            }
        }
    }
}
