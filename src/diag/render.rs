//! The terminal form of a diagnostic: a rustc-like report that shows the
//! source line a span starts on and underlines the span.

use std::fmt::Write as _;
use std::ops::Range;

use super::{Diagnostic, Severity, Source, line_col};

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
pub fn escape_text(text: &str) -> String {
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Render `diag` without colour against `text` named `resume.toml`.
    pub(crate) fn plain(diag: &Diagnostic, text: &str) -> String {
        render(
            diag,
            &Source {
                name: "resume.toml",
                text,
            },
            false,
        )
    }

    /// A document whose twelfth line holds the misspelt field `locaton`.
    pub(crate) const TWELVE: &str = "[person]\nname = \"Ada\"\n[[sections]]\ntitle = \"A\"\n\
        [[sections]]\ntitle = \"B\"\n[[sections]]\ntitle = \"C\"\n\
        [[sections.entries]]\ntitle = \"Engineer\"\norg = \"Acme\"\n\
        locaton = \"Remote\"\n";

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
