//! TOML errors in the words of the file being edited: `toml`'s and serde's
//! messages reworded, with a span, a field path and hints.

use super::field_path::field_path;
use crate::diag::{Diagnostic, Severity, did_you_mean_hint};

/// Turn a toml deserialization error (syntax or schema) into a Diagnostic: message from err.message() made lowercase-first and trimmed of trailing period/newlines, span from err.span(), path from field_path(), and hints (below).
///
/// Unknown fields and values get a did-you-mean hint and the list of valid
/// names, missing fields a hint on what to add, and serde's type names are
/// translated into TOML's (`sequence` becomes `array`, `map` becomes
/// `table`), because that is the vocabulary of the file being edited.
pub fn from_toml_error(err: &toml::de::Error, source: &str) -> Diagnostic {
    let mut d = describe(err, source);
    d.path = d
        .span
        .as_ref()
        .filter(|s| !s.is_empty())
        .and_then(|s| field_path(source, s.start));
    d
}

/// [`from_toml_error`] without the field path, which costs a parse of the
/// whole document: for the syntax errors of a document that does not
/// parse, which have no field path anyway.
pub fn describe(err: &toml::de::Error, source: &str) -> Diagnostic {
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

    Diagnostic {
        severity: Severity::Error,
        message,
        span,
        path: None,
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

/// The most valid names a hint lists.
const MAX_LISTED: usize = 16;

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
        hints.extend(did_you_mean_hint(self.name, expected.iter().copied()));
        match expected.len() {
            0 => hints.push(when_none.to_string()),
            1 => hints.push(format!("expected: {}", expected[0])),
            // A long list (the theme keys) would bury the line that matters.
            n if n > MAX_LISTED => hints.push(format!(
                "this table has {n} keys; `resume schema` describes each"
            )),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::render::tests::{TWELVE, plain};
    use crate::diag::{Source, line_col, render};
    use crate::model::field_path::tests::TABLES;
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
}
