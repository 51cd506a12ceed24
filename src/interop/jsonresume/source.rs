//! The JSON or YAML text of an import: its caps, its parse, and where a
//! path stands in it, so that every error points into that file.

use std::cell::{Cell, RefCell};
use std::ops::Range;

use serde::de::DeserializeSeed;
use serde_json::Value;
use serde_json::error::Category;

use super::scan::{self, Step};
use super::strict::{Find, Strict};
use crate::diag::Diagnostic;
use crate::limits::{MAX_INPUT_BYTES, MAX_NESTING, MAX_YAML_BRACKETS};

/// The nesting at which serde_json and serde_yaml stop; the check before
/// parsing stops JSON, and YAML's flow collections, sooner, and YAML's
/// indented lists and mappings (whose parsing takes linear time) here.
const PARSER_NESTING: usize = 128;

/// Spans longer than this (in bytes) are marked by their first character.
const LONG_SPAN: usize = 80;

/// The two syntaxes of JSON Resume.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Syntax {
    /// JSON.
    Json,
    /// YAML, holding the same structure as the JSON form.
    Yaml,
}

/// Something wrong with the content, at a JSON path of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Problem {
    /// Where, as the warnings write paths (`work[0].summary`; "" is the
    /// whole document); `None` when it is nowhere in particular.
    pub(super) path: Option<String>,
    /// What is wrong, in the style of the crate's diagnostics.
    pub(super) message: String,
    /// How to fix it.
    pub(super) hints: Vec<String>,
}

impl Problem {
    /// A problem with the value at `path`.
    pub(super) fn at(path: &str, message: impl Into<String>, hint: impl Into<String>) -> Problem {
        Problem {
            path: Some(path.to_owned()),
            message: message.into(),
            hints: vec![hint.into()],
        }
    }
}

/// The text of a JSON Resume document.
#[derive(Clone, Copy, Debug)]
pub(super) struct Source<'t> {
    /// The whole text; spans point into it.
    pub(super) text: &'t str,
    /// How it is written.
    pub(super) syntax: Syntax,
}

impl Source<'_> {
    /// The document as a value: refused when it is over the caps, when it
    /// does not parse, or when one object has a key twice.
    pub(super) fn parse(self) -> Result<Value, Diagnostic> {
        self.check_caps()?;
        let duplicate = RefCell::new(None);
        let seed = Strict {
            duplicate: &duplicate,
        };
        match self.syntax {
            Syntax::Json => {
                let mut de = serde_json::Deserializer::from_str(self.text);
                seed.deserialize(&mut de)
                    .and_then(|value| de.end().map(|()| value))
                    .map_err(|e| self.json_error(&e, duplicate.take()))
            }
            Syntax::Yaml => seed
                .deserialize(serde_yaml::Deserializer::from_str(self.text))
                .map_err(|e| self.yaml_error(&e, duplicate.take())),
        }
    }

    /// The size and nesting caps, checked before the parser sees the text.
    fn check_caps(self) -> Result<(), Diagnostic> {
        let len = self.text.len();
        if len > MAX_INPUT_BYTES {
            return Err(Diagnostic::error(format!(
                "the file is {} KiB; the limit is {} KiB",
                len / 1024,
                MAX_INPUT_BYTES / 1024
            ))
            .with_hint("a one-page résumé needs a few kilobytes; is this the right file?"));
        }
        let deep = match self.syntax {
            Syntax::Json => scan::json_too_deep(self.text, MAX_NESTING),
            Syntax::Yaml => scan::yaml_too_deep(self.text, MAX_NESTING),
        };
        if let Some(at) = deep {
            return Err(self.too_deep(at, MAX_NESTING));
        }
        if self.syntax == Syntax::Yaml
            && let Some(at) = scan::nth_bracket(self.text, MAX_YAML_BRACKETS)
        {
            let (list, object) = (char::from(scan::LIST), char::from(scan::OBJECT));
            return Err(Diagnostic::error(format!(
                "the file has more than {MAX_YAML_BRACKETS} `{list}` and `{object}`"
            ))
            .with_span(at..at + 1)
            .with_hint("a résumé needs a few dozen; write lists as lines that start with `- `"));
        }
        Ok(())
    }

    /// Lists and objects nested more than `limit` deep, at the bracket (or
    /// the item) that goes too deep.
    fn too_deep(self, at: usize, limit: usize) -> Diagnostic {
        let (lists, objects) = match self.syntax {
            Syntax::Json => ("lists", "objects"),
            Syntax::Yaml => ("lists", "mappings"),
        };
        Diagnostic::error(format!(
            "{lists} and {objects} are nested more than {limit} deep"
        ))
        .with_span(at..self.next_char(at))
        .with_hint("JSON Resume nests a few levels: `work`, one job, its `highlights`")
    }

    /// serde_json's error, at its line and column.
    fn json_error(self, e: &serde_json::Error, duplicate: Option<String>) -> Diagnostic {
        let len = self.text.len();
        let at = if e.classify() == Category::Eof {
            len
        } else {
            self.boundary(line_start(self.text, e.line()) + e.column().saturating_sub(1))
        };
        if let Some(key) = duplicate {
            let span = json_key_before(self.text, at).unwrap_or(at..self.next_char(at));
            return duplicate_key(&key, span);
        }
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let detail = full.strip_suffix(&suffix).unwrap_or(&full);
        if detail == "recursion limit exceeded" {
            return self.too_deep(at, PARSER_NESTING);
        }
        let (message, hint) = json_message(detail, self.text.trim().is_empty());
        // serde_json reports a trailing comma at the bracket after it.
        let at = match detail {
            "trailing comma" => self.text[..at].rfind(',').unwrap_or(at),
            _ => at,
        };
        let d = Diagnostic::error(format!("not valid JSON: {message}"))
            .with_span(at..self.next_char(at));
        match hint {
            Some(hint) => d.with_hint(hint),
            None => d,
        }
    }

    /// serde_yaml's error, at its mark.
    fn yaml_error(self, e: &serde_yaml::Error, duplicate: Option<String>) -> Diagnostic {
        let at = e.location().map(|l| self.boundary(l.index()));
        let span = at.map(|at| at..self.next_char(at));
        if let Some(key) = duplicate {
            let span = match at {
                Some(at) if self.text[at..].starts_with(key.as_str()) => at..at + key.len(),
                _ => span.unwrap_or(0..0),
            };
            return duplicate_key(&key, span);
        }
        let message = without_position(&e.to_string());
        if message == "recursion limit exceeded" {
            return self.too_deep(at.unwrap_or(0), PARSER_NESTING);
        }
        if message.contains("invalid type: enum") {
            return Diagnostic::error("a YAML tag (`!name`) has no place in JSON Resume")
                .with_span(span.unwrap_or(0..0))
                .with_hint("remove the tag");
        }
        let mut d = Diagnostic::error(format!("not valid YAML: {message}"));
        if let Some(span) = span {
            d = d.with_span(span);
        }
        if message.contains("more than one document") {
            d = d.with_hint(
                "a JSON Resume file holds one document: remove the `---` line that starts the next",
            );
        } else if message.contains("tab") {
            d = d.with_hint("indent YAML with spaces, not tabs");
        } else if message.ends_with("number out of range") {
            d = d.with_hint("write it in quotes to keep it as text");
        }
        d
    }

    /// The problem as a diagnostic, at the value its path names (or the
    /// nearest enclosing value that can be found).
    pub(super) fn diagnostic(self, problem: Problem) -> Diagnostic {
        let mut d = Diagnostic::error(problem.message);
        if let Some(path) = &problem.path {
            let steps = scan::steps(path);
            if let Some(span) = (0..=steps.len())
                .rev()
                .find_map(|n| self.span(steps.get(..n).unwrap_or_default()))
            {
                // A long value is marked by its first character, as the
                // TOML's long texts are.
                let end = if span.len() > LONG_SPAN {
                    self.next_char(span.start)
                } else {
                    span.end
                };
                d = d.with_span(span.start..end);
            }
            if !path.is_empty() {
                d = d.with_path(path.clone());
            }
        }
        for hint in problem.hints {
            d = d.with_hint(hint);
        }
        d
    }

    /// Where the value at `path` stands: the whole value in JSON, its first
    /// character in YAML (where the parser reports only the start).
    fn span(self, path: &[Step]) -> Option<Range<usize>> {
        match self.syntax {
            Syntax::Json => scan::json_span(self.text, path),
            Syntax::Yaml => {
                let found = Cell::new(false);
                let seed = Find {
                    path,
                    found: &found,
                };
                let error = seed
                    .deserialize(serde_yaml::Deserializer::from_str(self.text))
                    .err()?;
                let at = self.boundary(error.location()?.index());
                found.get().then(|| at..self.next_char(at))
            }
        }
    }

    /// `at`, clamped to the text and moved back to a character boundary.
    fn boundary(self, at: usize) -> usize {
        self.text.floor_char_boundary(at.min(self.text.len()))
    }

    /// The end of the character at `at` (`at` itself at the end of the text).
    fn next_char(self, at: usize) -> usize {
        let at = self.boundary(at);
        self.text[at..]
            .chars()
            .next()
            .map_or(at, |c| at + c.len_utf8())
    }
}

/// A key written twice in one object, at the second.
fn duplicate_key(key: &str, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(format!("duplicate key `{key}`"))
        .with_span(span)
        .with_hint("an object holds each key once; remove one, or merge the two")
}

/// The offset where line `line` (1-based, lines end at `\n`) starts.
fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}

/// The span of the JSON string (a key) whose closing quote is at `at`,
/// where serde_json reports an error about the key, or just before it.
fn json_key_before(text: &str, at: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let end = (at.saturating_sub(1)..=(at + 1).min(bytes.len()))
        .rev()
        .find(|&i| i > 0 && bytes.get(i - 1) == Some(&b'"'))?;
    let mut i = end - 1;
    while i > 0 {
        i -= 1;
        if bytes.get(i) == Some(&b'"') {
            let backslashes = bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count();
            if backslashes % 2 == 0 {
                return Some(i..end);
            }
        }
    }
    None
}

/// serde_json's message (without its position) in the crate's words, with
/// a hint where one helps.
fn json_message(detail: &str, empty: bool) -> (String, Option<&'static str>) {
    if let Some(what) = detail.strip_prefix("EOF while parsing ") {
        if empty {
            return ("the file is empty".to_owned(), None);
        }
        let message = if what == "a value" {
            "the text ends where a value should be".to_owned()
        } else {
            format!("the text ends inside {what}")
        };
        return (
            message,
            Some("close every bracket and every quote that is opened"),
        );
    }
    if detail.starts_with("control character") {
        return (
            "a control character inside a string".to_owned(),
            Some("write a line break as `\\n` and a tab as `\\t`"),
        );
    }
    let hint = match detail {
        "trailing comma" => Some("JSON allows no comma after the last item of a list or object"),
        "key must be a string" => Some("write each key in double quotes: `\"name\": \"Ada\"`"),
        "trailing characters" => Some("a JSON file holds one value; is something left after it?"),
        d if d.starts_with("expected `,`") => Some("is a comma missing after the item before?"),
        _ => None,
    };
    (detail.to_owned(), hint)
}

/// A serde_yaml message without its first ` at line L column C`: the
/// position of the problem, which the span shows. A second one says where
/// the construct that the problem is in started, and stays.
fn without_position(message: &str) -> String {
    let Some(i) = message.find(" at line ") else {
        return message.to_owned();
    };
    let tail = &message[i + " at line ".len()..];
    let Some((line, after)) = tail.split_once(" column ") else {
        return message.to_owned();
    };
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    if line.is_empty() || !line.bytes().all(|b| b.is_ascii_digit()) || digits == 0 {
        return message.to_owned();
    }
    format!("{}{}", &message[..i], &after[digits..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_leave_yaml_messages() {
        assert_eq!(
            without_position(
                "did not find expected key at line 3 column 1, while parsing a block mapping at line 1 column 1"
            ),
            "did not find expected key, while parsing a block mapping at line 1 column 1"
        );
        assert_eq!(
            without_position("unknown anchor at line 1 column 4"),
            "unknown anchor"
        );
        assert_eq!(without_position("no position"), "no position");
        assert_eq!(
            without_position("odd at line x column 2"),
            "odd at line x column 2"
        );
    }

    #[test]
    fn lines_start_after_line_feeds() {
        let text = "a\nbc\n\nd";
        assert_eq!(line_start(text, 0), 0);
        assert_eq!(line_start(text, 1), 0);
        assert_eq!(line_start(text, 2), 2);
        assert_eq!(line_start(text, 4), 6);
        assert_eq!(line_start(text, 9), text.len());
    }

    #[test]
    fn keys_before_a_position() {
        let text = r#"{"a": 1, "x\"y" : 2}"#;
        let close = text.find(" :").expect("key") - 1;
        for at in [close, close + 1] {
            assert_eq!(
                json_key_before(text, at).map(|r| &text[r]),
                Some(r#""x\"y""#)
            );
        }
        assert_eq!(json_key_before("abc", 2), None);
        assert_eq!(json_key_before("", 0), None);
    }

    #[test]
    fn json_messages_in_the_crates_words() {
        assert_eq!(
            json_message("EOF while parsing a value", true).0,
            "the file is empty"
        );
        assert_eq!(
            json_message("EOF while parsing a string", false).0,
            "the text ends inside a string"
        );
        let (message, hint) = json_message(
            "control character (\\u0000-\\u001F) found while parsing a string",
            false,
        );
        assert_eq!(message, "a control character inside a string");
        assert!(hint.is_some());
        assert_eq!(
            json_message("invalid escape", false),
            ("invalid escape".to_owned(), None)
        );
    }
}
