//! Linear passes over the raw JSON or YAML text, before and beside the
//! parsers: how deep the brackets nest (checked before parsing, because the
//! YAML parser's work grows with the square of the nesting), and where the
//! value at a JSON path stands in the text.

use std::ops::Range;

/// The bytes that open and close a JSON list or object, or a YAML flow
/// collection.
pub(super) const LIST: u8 = b'[';
pub(super) const OBJECT: u8 = b'{';
const LIST_END: u8 = b']';
const OBJECT_END: u8 = b'}';

/// One step of a path into a JSON value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// The value under this key of an object.
    Key(String),
    /// The item at this position of a list.
    Index(usize),
}

/// The steps of a path as the warnings write it (`work[0].highlights[2]`);
/// every key the import names in a path is a schema key, without `.` or `[`.
pub(super) fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
            out.push(Step::Key(key.to_owned()));
        }
        for index in pieces {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Step::Index(i));
            }
        }
    }
    out
}

/// The offset of the first `[` or `{` that opens a JSON list or object
/// more than `limit` deep; brackets inside strings do not count.
pub(super) fn json_too_deep(text: &str, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => i = string_end(bytes, i),
            LIST | OBJECT => {
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
                i += 1;
            }
            LIST_END | OBJECT_END => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// The offset just past the JSON string that opens at `start` (or the end
/// of the text when it does not close).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The offset of the first `[` or `{` that opens a YAML flow collection
/// more than `limit` deep.
///
/// This reads the YAML tokens only as far as brackets need: `#` after a
/// space starts a comment; a quote starts a quoted scalar where a token
/// starts (after `[`, `{` or `,`, after `- `, `? ` or `: `, or first on a
/// line), and runs over lines, with `\"` and `''` inside. A quote first on
/// a line that continues a plain scalar is text, so such a quote counts as
/// one only when it closes on its line (a quoted key always does). Block
/// scalars (`|`, `>`) are read like any other text. Where this reading
/// differs from the parser's, a document could still nest deeper than it
/// finds: [`crate::limits::MAX_YAML_BRACKETS`] bounds the work there.
pub(super) fn yaml_too_deep(text: &str, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    // The last indicator (`-`, `?`, `:`, `,`, a bracket), or `a` for any
    // other token; and whether white space follows it.
    let mut prev: Option<u8> = None;
    let mut spaced = true;
    let mut line_start = true;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let token_start = match prev {
            None | Some(LIST | OBJECT | b',') => true,
            Some(b'-' | b'?') => spaced,
            Some(b':') => spaced || depth > 0,
            Some(_) => false,
        };
        let mut indicator = false;
        match b {
            b'\n' | b'\r' => {
                line_start = true;
                spaced = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' => {
                spaced = true;
                i += 1;
                continue;
            }
            b'#' if spaced => {
                while bytes.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' if token_start => {
                i = quoted_end(bytes, i, false).unwrap_or(bytes.len());
            }
            b'"' | b'\'' if line_start && depth == 0 => {
                i = quoted_end(bytes, i, true).unwrap_or(i + 1);
            }
            LIST | OBJECT if token_start || line_start || depth > 0 => {
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
                indicator = true;
                i += 1;
            }
            LIST_END | OBJECT_END if depth > 0 => {
                depth -= 1;
                indicator = true;
                i += 1;
            }
            b',' => {
                indicator = depth > 0;
                i += 1;
            }
            b'-' | b'?' => {
                indicator = token_start || line_start;
                i += 1;
            }
            b':' => {
                indicator = true;
                i += 1;
            }
            _ => i += 1,
        }
        prev = Some(if indicator { b } else { b'a' });
        spaced = false;
        line_start = false;
    }
    None
}

/// The offset just past the YAML quoted scalar that opens at `start`;
/// `None` when it does not close (on its line, with `one_line`).
fn quoted_end(bytes: &[u8], start: usize, one_line: bool) -> Option<usize> {
    let &quote = bytes.get(start)?;
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        if one_line && (b == b'\n' || b == b'\r') {
            return None;
        }
        if quote == b'"' && b == b'\\' {
            if one_line && matches!(bytes.get(i + 1), Some(b'\n' | b'\r')) {
                return None;
            }
            i += 1;
        } else if b == quote {
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 1;
            } else {
                return Some(i + 1);
            }
        }
        i += 1;
    }
    None
}

/// The offset of the `n`th (from 0) `[` or `{` of the text, wherever it stands.
pub(super) fn nth_bracket(text: &str, n: usize) -> Option<usize> {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == LIST || b == OBJECT)
        .nth(n)
        .map(|(i, _)| i)
}

/// The byte range of the value at `path` in a valid JSON text; `None`
/// when the path is not there.
pub(super) fn json_span(text: &str, path: &[Step]) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut i = skip_space(bytes, 0);
    for step in path {
        i = match (step, bytes.get(i)) {
            (Step::Key(key), Some(&OBJECT)) => member(text, i, key)?,
            (Step::Index(n), Some(&LIST)) => item(bytes, i, *n)?,
            _ => return None,
        };
    }
    Some(i..value_end(bytes, i))
}

/// The offset of the value under `key` in the object that opens at `open`.
fn member(text: &str, open: usize, key: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = skip_space(bytes, open + 1);
    while bytes.get(i) == Some(&b'"') {
        let end = string_end(bytes, i);
        let name: String = serde_json::from_str(text.get(i..end)?).ok()?;
        i = skip_space(bytes, end);
        if bytes.get(i) != Some(&b':') {
            return None;
        }
        i = skip_space(bytes, i + 1);
        if name == key {
            return Some(i);
        }
        i = skip_space(bytes, value_end(bytes, i));
        if bytes.get(i) != Some(&b',') {
            return None;
        }
        i = skip_space(bytes, i + 1);
    }
    None
}

/// The offset of item `n` of the list that opens at `open`.
fn item(bytes: &[u8], open: usize, n: usize) -> Option<usize> {
    let mut i = skip_space(bytes, open + 1);
    for _ in 0..n {
        if matches!(bytes.get(i), None | Some(&LIST_END)) {
            return None;
        }
        i = skip_space(bytes, value_end(bytes, i));
        if bytes.get(i) != Some(&b',') {
            return None;
        }
        i = skip_space(bytes, i + 1);
    }
    (!matches!(bytes.get(i), None | Some(&LIST_END))).then_some(i)
}

/// The offset just past the JSON value that starts at `start`.
fn value_end(bytes: &[u8], start: usize) -> usize {
    match bytes.get(start) {
        Some(b'"') => string_end(bytes, start),
        Some(&(LIST | OBJECT)) => {
            let mut depth = 0usize;
            let mut i = start;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'"' => {
                        i = string_end(bytes, i);
                        continue;
                    }
                    LIST | OBJECT => depth += 1,
                    LIST_END | OBJECT_END => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            bytes.len()
        }
        _ => {
            let mut i = start;
            while bytes.get(i).is_some_and(|&b| {
                !matches!(b, b',' | LIST_END | OBJECT_END) && !b.is_ascii_whitespace()
            }) {
                i += 1;
            }
            i
        }
    }
}

/// The first offset from `i` that is not JSON white space.
fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_as_steps() {
        assert_eq!(
            steps("work[0].highlights[12]"),
            [
                Step::Key("work".into()),
                Step::Index(0),
                Step::Key("highlights".into()),
                Step::Index(12)
            ]
        );
        assert_eq!(steps(""), []);
        assert_eq!(
            steps("basics.name"),
            [Step::Key("basics".into()), Step::Key("name".into())]
        );
    }

    #[test]
    fn json_nesting_skips_strings() {
        assert_eq!(json_too_deep(r#"{"a": "[[[[[[", "b": [[1]]}"#, 3), None);
        assert_eq!(json_too_deep(r#"{"a": "\"[[[[", "b": [[1]]}"#, 3), None);
        assert_eq!(json_too_deep(r#"{"b": [[[1]]]}"#, 3), Some(8));
        assert_eq!(json_too_deep(r#"{"b": [[[1]]]}"#, 4), None);
        let deep = "[".repeat(100_000);
        assert_eq!(json_too_deep(&deep, 32), Some(32));
        assert_eq!(json_too_deep("\"unclosed [[[[", 1), None);
    }

    #[test]
    fn yaml_nesting_counts_flow_brackets_only() {
        let fine = "\
basics:
  name: Ada [[[ the first
  summary: 'it''s [[[[ quoted'   # a comment [[[[
  label: \"a \\\" [[[[\"
  url: don't [[[[ worry
work:
  - highlights: [a, 'b]]]', \"c]]\", [d, {e: f}]]
";
        assert_eq!(yaml_too_deep(fine, 3), None);
        assert_eq!(yaml_too_deep("a: [[[[x]]]]", 3), Some(6));
        assert_eq!(
            yaml_too_deep("a: [ ']', [ ']', [ ']', [ x ] ] ] ]", 3),
            Some(24)
        );
        assert_eq!(
            yaml_too_deep("a: [ \"]\", [ \"]\", [ \"]\", [ x ] ] ] ]", 3),
            Some(24)
        );
        // A comment inside a quoted key hides nothing.
        assert_eq!(yaml_too_deep("'k #': [[[[x]]]]", 3), Some(10));
        // A quote first on a line continues a plain scalar unless it closes there.
        let continued = "a: plain\n  'more text\nb: [[[[x]]]]\n";
        assert_eq!(yaml_too_deep(continued, 3), Some(28));
        let key = "a: plain\n'k': [[[[x]]]]\n";
        assert_eq!(yaml_too_deep(key, 3), Some(17));
        let deep = format!("basics: {}", "[".repeat(100_000));
        assert_eq!(yaml_too_deep(&deep, 32), Some(8 + 32));
        // Brackets inside a plain scalar are text.
        assert_eq!(yaml_too_deep("a: b [[[[[[", 3), None);
    }

    #[test]
    fn brackets_are_counted_anywhere() {
        let text = "a: '[' # [\n{";
        assert_eq!(nth_bracket(text, 0), Some(4));
        assert_eq!(nth_bracket(text, 2), Some(11));
        assert_eq!(nth_bracket(text, 3), None);
    }

    #[test]
    fn spans_of_json_paths() {
        let text = r#" { "basics" : { "name": "Ada", "x": [1, {"y": null}] },
            "work": [ {}, { "name" : "Acme" } ], "a\"b": true } "#;
        let span = |path: &str| json_span(text, &steps(path)).map(|r| &text[r]);
        assert_eq!(span("basics.name"), Some("\"Ada\""));
        assert_eq!(span("basics.x[1]"), Some("{\"y\": null}"));
        assert_eq!(span("basics.x[1].y"), Some("null"));
        assert_eq!(span("basics.x[0]"), Some("1"));
        assert_eq!(span("work[1].name"), Some("\"Acme\""));
        assert_eq!(span("work[0]"), Some("{}"));
        assert_eq!(span("work[2]"), None);
        assert_eq!(span("work[0].name"), None);
        assert_eq!(span("basics.name.x"), None);
        assert_eq!(span("nothing"), None);
        assert!(span("").is_some_and(|s| s.starts_with('{') && s.ends_with('}')));
        assert_eq!(
            json_span(text, &[Step::Key("a\"b".into())]).map(|r| &text[r]),
            Some("true")
        );
        assert_eq!(json_span("[]", &[Step::Index(0)]), None);
        assert_eq!(json_span("", &[]), Some(0..0));
    }
}
