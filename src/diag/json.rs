//! The JSON form of diagnostics, for tools that read reports rather than
//! people: one object per diagnostic with its file, line and column.

use serde_json::{Value, json};

use super::{Diagnostic, Lines, line_col};

/// One JSON object per diagnostic of the source `text` named `name`:
/// `severity` (`"error"` or `"warning"`), `message`, `file`, `location`
/// (see [`location`]), `path` (the field path or `null`) and `hints`.
pub fn diagnostics(name: &str, text: &str, diagnostics: &[Diagnostic]) -> Vec<Value> {
    let lines = Lines::new(text);
    diagnostics
        .iter()
        .map(|d| {
            json!({
                "severity": if d.is_error() { "error" } else { "warning" },
                "message": d.message,
                "file": name,
                "location": located(&lines, d.span.as_ref().map(|s| s.start)),
                "path": d.path,
                "hints": d.hints,
            })
        })
        .collect()
}

/// `{"line": L, "column": C}` (1-based, as [`line_col`] counts) of a byte
/// offset in `text`, or `null` when there is no offset.
pub fn location(text: &str, offset: Option<usize>) -> Value {
    match offset {
        Some(offset) => {
            let (line, column) = line_col(text, offset);
            json!({ "line": line, "column": column })
        }
        None => Value::Null,
    }
}

/// [`location`] through the line starts of the text, for many offsets.
pub fn located(lines: &Lines, offset: Option<usize>) -> Value {
    match offset {
        Some(offset) => {
            let (line, column) = lines.line_col(offset);
            json!({ "line": line, "column": column })
        }
        None => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_with_span_path_and_hints() {
        let text = "a = 1\nbé = 2\n";
        let d = Diagnostic::error("bad value")
            .with_span(10..11)
            .with_path("bé")
            .with_hint("one")
            .with_hint("two");
        let out = diagnostics("resume.toml", text, &[d]);
        assert_eq!(
            out,
            [json!({
                "severity": "error",
                "message": "bad value",
                "file": "resume.toml",
                "location": { "line": 2, "column": 4 },
                "path": "bé",
                "hints": ["one", "two"],
            })]
        );
    }

    #[test]
    fn a_warning_without_span_or_path() {
        let out = diagnostics("cv.toml", "", &[Diagnostic::warning("meh")]);
        assert_eq!(
            out,
            [json!({
                "severity": "warning",
                "message": "meh",
                "file": "cv.toml",
                "location": null,
                "path": null,
                "hints": [],
            })]
        );
    }

    #[test]
    fn one_object_per_diagnostic_in_order() {
        let ds = [Diagnostic::error("first"), Diagnostic::warning("second")];
        let out = diagnostics("f", "", &ds);
        let messages: Vec<&str> = out.iter().map(|v| v["message"].as_str().unwrap()).collect();
        assert_eq!(messages, ["first", "second"]);
        assert!(diagnostics("f", "", &[]).is_empty());
    }

    #[test]
    fn location_counts_like_line_col_and_clamps() {
        assert_eq!(
            location("ab\ncd", Some(4)),
            json!({ "line": 2, "column": 2 })
        );
        assert_eq!(
            location("ab", Some(usize::MAX)),
            json!({ "line": 1, "column": 3 })
        );
        assert_eq!(location("ab", None), Value::Null);
    }

    #[test]
    fn keys_are_exactly_these() {
        let out = diagnostics("f", "x", &[Diagnostic::error("e").with_span(0..1)]);
        let mut keys: Vec<&String> = out[0].as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(
            keys,
            ["file", "hints", "location", "message", "path", "severity"]
        );
    }
}
