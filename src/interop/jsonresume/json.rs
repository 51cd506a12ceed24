//! JSON values and text: what counts as blank, and the pretty JSON text of
//! a [`Resume`].

use std::io;

use serde::{Serialize, Serializer};
use serde_json::Value;
use serde_json::ser::{CharEscape, Formatter, PrettyFormatter};

use super::SCHEMA_URL;
use super::schema::Resume;

/// Whether a value carries nothing: null, text that is only white space,
/// an empty list or an empty object.
pub(super) fn blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// The JSON path of `key` inside the object at `path` ("" is the top).
pub(super) fn child_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Whether a schema value would be written as nothing (see [`blank`]); a
/// schema object leaves out its blank fields, so it is blank when they all are.
pub(super) fn is_blank<T: Serialize>(value: &T) -> bool {
    serde_json::to_value(value).is_ok_and(|v| blank(&v))
}

/// Whether every item of a list is blank, so that the list is left out.
pub(super) fn all_blank<T: Serialize>(items: &[T]) -> bool {
    items.iter().all(is_blank)
}

/// A list without its blank items.
pub(super) fn non_blank<T: Serialize, S: Serializer>(
    items: &[T],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(items.iter().filter(|item| !is_blank(*item)))
}

/// An exported document: `$schema` first, then the content.
#[derive(Serialize)]
struct Exported<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    #[serde(flatten)]
    resume: &'a Resume,
}

/// The JSON Resume text of the content, two spaces an indent level, with
/// a final newline.
pub(super) fn to_json(resume: &Resume) -> String {
    let exported = Exported {
        schema: SCHEMA_URL,
        resume,
    };
    let mut bytes = Vec::new();
    let formatter = ControlEscapes(PrettyFormatter::with_indent(b"  "));
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    // Writing text into memory cannot fail, and serde_json writes UTF-8.
    let written = exported.serialize(&mut serializer);
    let mut text = written
        .ok()
        .and_then(|()| String::from_utf8(bytes).ok())
        .unwrap_or_default();
    text.push('\n');
    text
}

/// serde_json's pretty layout, with every control character written as
/// `\u00XX` except `\n`, `\r` and `\t`: serde_json itself writes `\b` and
/// `\f`, and DEL as it is, where the export has always written `\u0008`,
/// `\u000c` and `\u007f`.
struct ControlEscapes(PrettyFormatter<'static>);

impl Formatter for ControlEscapes {
    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        char_escape: CharEscape,
    ) -> io::Result<()> {
        match char_escape {
            CharEscape::Backspace => writer.write_all(b"\\u0008"),
            CharEscape::FormFeed => writer.write_all(b"\\u000c"),
            other => self.0.write_char_escape(writer, other),
        }
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        for (i, part) in fragment.split('\u{7f}').enumerate() {
            if i > 0 {
                writer.write_all(b"\\u007f")?;
            }
            writer.write_all(part.as_bytes())?;
        }
        Ok(())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::jsonresume::schema::{Basics, Job, Location, Profile, Skill};

    #[test]
    fn control_characters_are_unicode_escapes() {
        let resume = Resume {
            basics: Basics {
                name: "a\u{8}b\u{c}c\u{7f}d\"\\\n\r\t\u{1}\u{1f}\u{2028}é/".to_owned(),
                ..Basics::default()
            },
            ..Resume::default()
        };
        let expected = format!(
            "{{\n  \"$schema\": \"{SCHEMA_URL}\",\n  \"basics\": {{\n    \"name\": \
             \"a\\u0008b\\u000cc\\u007fd\\\"\\\\\\n\\r\\t\\u0001\\u001f\u{2028}é/\"\n  }}\n}}\n"
        );
        assert_eq!(to_json(&resume), expected);
    }

    #[test]
    fn blank_values_are_left_out() {
        let resume = Resume {
            basics: Basics {
                name: "Ada".to_owned(),
                label: " \n".to_owned(),
                location: Location {
                    city: " ".to_owned(),
                    ..Location::default()
                },
                profiles: vec![Profile::default()],
                ..Basics::default()
            },
            work: vec![
                Job::default(),
                Job {
                    name: "Acme".to_owned(),
                    highlights: vec![" ".to_owned(), "Shipped".to_owned(), String::new()],
                    ..Job::default()
                },
            ],
            volunteer: vec![Job {
                organization: "Club".to_owned(),
                ..Job::default()
            }],
            skills: vec![Skill {
                keywords: vec![String::new()],
                ..Skill::default()
            }],
            ..Resume::default()
        };
        let expected = format!(
            "{{\n  \"$schema\": \"{SCHEMA_URL}\",\n  \"basics\": {{\n    \"name\": \"Ada\"\n  }},\n  \
             \"work\": [\n    {{\n      \"name\": \"Acme\",\n      \"highlights\": [\n        \
             \"Shipped\"\n      ]\n    }}\n  ],\n  \"volunteer\": [\n    {{\n      \
             \"organization\": \"Club\"\n    }}\n  ]\n}}\n"
        );
        assert_eq!(to_json(&resume), expected);
        assert!(is_blank(&Location::default()));
        assert!(all_blank(&[String::new(), " ".to_owned()]));
        assert!(!all_blank(&["x".to_owned()]));
    }
}
