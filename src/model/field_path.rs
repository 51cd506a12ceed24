//! The field path (`sections[2].entries[0].dates`) of a byte offset in a
//! TOML document, so a diagnostic can name the field it is about.

use std::fmt::Write as _;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

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
pub(crate) mod tests {
    use super::*;

    /// Byte offset of the `nth` (0-based) occurrence of `needle` in `hay`.
    fn nth(hay: &str, needle: &str, n: usize) -> usize {
        hay.match_indices(needle)
            .nth(n)
            .map(|(i, _)| i)
            .expect("needle present")
    }

    // ---- field_path --------------------------------------------------

    /// A document with plain tables, arrays of tables and a nested table.
    pub(crate) const TABLES: &str = "\
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
}
