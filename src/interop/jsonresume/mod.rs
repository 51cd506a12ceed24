//! JSON Resume (schema v1) import and export.
//!
//! [`import_json`] and [`import_yaml`] turn a JSON Resume document into
//! `resume.toml` text; [`export_json`] turns a resolved [`Document`] back
//! into JSON Resume. The two are inverses: importing a document, compiling
//! the TOML and exporting the result gives the same content back, and the
//! import checks exactly that before it returns, so that whatever the
//! generated TOML cannot carry is reported in [`Imported::warnings`] rather
//! than silently lost.
//!
//! # Mapping
//!
//! | JSON Resume | resume.toml |
//! |---|---|
//! | `basics.name`, `basics.label` | `person.name`, `person.headline` |
//! | `basics.email`, `basics.phone` | `person.email`, `person.phone` |
//! | `basics.location` | `person.location`: `address, city, region, postalCode, countryCode` |
//! | `basics.url` | the first link, labelled with the address without `https://` |
//! | `basics.profiles[]` with a `url` | links labelled with the network in lower case, or `network: username` when the username is not the URL's last segment |
//! | `basics.profiles[]` without a `url` | a `Profiles` section of rows `network: username` |
//! | `basics.summary` | a `Summary` text section |
//! | `work[]`, `volunteer[]` | `Experience`, `Volunteering`: title = position, org = company linked to `url`, location, dates, subtitle = description, details = summary, bullets = highlights (without a position the company is the title) |
//! | `education[]` | `Education`: title = institution linked to `url`, subtitle = `studyType, area`, details `GPA: score` (`Grade:` when it does not start with a digit) and `Courses: a, b`; an extra `location` key is kept too |
//! | `projects[]` | `Projects`: title = name linked to `url`, org = entity, dates, subtitle = description, details `Roles: …`, `Type: …`, `Keywords: …`, bullets = highlights |
//! | `skills[]` | `Skills` rows: label = `name (level)`, items = keywords joined with `, ` |
//! | `languages[]` | `Languages` rows: label = language, items = fluency |
//! | `interests[]` | `Interests` rows: label = name, items = keywords |
//! | `awards[]` | `Awards`: title, org = awarder, dates = date, details = summary |
//! | `certificates[]` | `Certificates`: title = name linked to `url`, org = issuer, dates = date |
//! | `publications[]` | `Publications`: title = name linked to `url`, org = publisher, dates = releaseDate, details = summary |
//! | `references[]` | `References`: title = name, details = reference |
//!
//! Dates: `YYYY-MM-DD` becomes `YYYY-MM` (with a warning), `YYYY-MM` and
//! `YYYY` stay, other text is kept as free text when the résumé can print
//! it. A start without an end becomes `{ start, end = "present" }`; an end
//! without a start is a single date, which exports as `endDate` (as
//! `date` or `releaseDate` in awards, certificates and publications).
//!
//! Every section carries an `id` (`work`, `education`, …), which variants
//! can refer to and [`export_json`] maps back to its key. A section without
//! one of these ids (a hand-written file) is recognised by its title,
//! case-insensitively and by keyword: text sections go to `basics.summary`; entry sections whose title
//! mentions volunteering, education, projects, awards (honours,
//! achievements), certificates (licences), publications or references go to
//! those keys and every other entry section goes to `work` when one of its
//! entries has an organisation, else to `projects`; row sections go to
//! `languages`, `interests` or (url-less) `profiles` by title and to
//! `skills` otherwise.
//!
//! # Text
//!
//! Text is escaped so that it prints as written: `*`, `` ` ``, `[` and `\`
//! (and `]` inside link labels) get a backslash. The generated TOML turns
//! off smart punctuation (`[theme] smart_punctuation = false`), so the
//! printed text is the JSON text exactly: quotes stay straight and `--`
//! stays two hyphens, and the export needs to undo nothing. (A hand-written
//! file that keeps smart punctuation on exports the curly quotes and dashes
//! it prints: which `–` came from `--` cannot be known.) On export, rich
//! text becomes plain text, with a link inside a longer text written as
//! `label (url)`.
//!
//! # What comes back
//!
//! The export equals the input after this normalisation: empty strings,
//! lists and objects are dropped, numbers and booleans become text, dates
//! are as the TOML holds them (`YYYY-MM`, `YYYY` or free text; an `endDate`
//! of `present` is dropped), a profile's network is compared in lower case
//! and a missing username is the URL's last path segment. `$schema` is
//! written fresh; `basics.image`, `meta` and keys outside the schema have no
//! place in the TOML and are reported as warnings. Keys of the older schema
//! (`company`, `website`, `gpa`) are read as their v1 names, with a warning.
//!
//! Where two inputs print alike, the export cannot tell them apart, and the
//! import says so: a job with a position but no company comes back as a
//! company, a skill named `Cloud (AWS)` as name `Cloud` and level `AWS`, a
//! keyword or course containing `, ` as two, a subtitle without a comma as
//! the area, a location's parts by their position.

mod check;
mod dates;
mod encoding;
mod export;
mod json;
mod read;
mod scan;
mod schema;
mod source;
mod strict;
mod toml;

use serde_json::Value;

use crate::diag::Diagnostic;
use crate::document::Document;
use source::{Problem, Source, Syntax};

/// The schema URL written into exported documents.
pub const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";

/// The result of an import: the TOML text and what could not be carried over exactly.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// The `resume.toml` text, ready to compile.
    pub toml: String,
    /// One line per field that was dropped, changed or cannot come back
    /// unchanged, each starting with the JSON path it concerns.
    pub warnings: Vec<String>,
}

/// How an import writes the TOML.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The résumé's language, a BCP 47 tag such as `de`: the section
    /// titles are written in it, and `lang` at the top of the file. `None`
    /// writes English titles and no `lang`.
    pub lang: Option<String>,
}

/// JSON Resume (JSON text) to resume.toml text.
///
/// Fails, with a diagnostic whose span points into `json`, when the text is
/// over [`crate::limits::MAX_INPUT_BYTES`] or nests deeper than
/// [`crate::limits::MAX_NESTING`], is not JSON, has a key twice in one
/// object, is not an object at the top level or has no `basics.name`, or
/// when the résumé would not build (a text over
/// [`crate::limits::MAX_FIELD_CHARS`]); anything else that does not fit is
/// reported in the warnings.
pub fn import_json(json: &str) -> Result<Imported, Diagnostic> {
    import_json_with(json, &ImportOptions::default())
}

/// [`import_json`] with options; an unknown language in `options` is an
/// error of its own (with no span).
pub fn import_json_with(json: &str, options: &ImportOptions) -> Result<Imported, Diagnostic> {
    let source = Source {
        text: json,
        syntax: Syntax::Json,
    };
    import(source, options)
}

/// JSON Resume in YAML to resume.toml text.
///
/// The YAML holds the same structure as the JSON form, with the same keys,
/// and fails in the same ways as [`import_json`] (and when it has more than
/// [`crate::limits::MAX_YAML_BRACKETS`] brackets), with spans into `yaml`.
pub fn import_yaml(yaml: &str) -> Result<Imported, Diagnostic> {
    import_yaml_with(yaml, &ImportOptions::default())
}

/// [`import_yaml`] with options, as [`import_json_with`].
pub fn import_yaml_with(yaml: &str, options: &ImportOptions) -> Result<Imported, Diagnostic> {
    let source = Source {
        text: yaml,
        syntax: Syntax::Yaml,
    };
    import(source, options)
}

/// A resolved document back to JSON Resume (pretty JSON text).
///
/// See the module documentation for how sections map to JSON Resume keys.
pub fn export_json(doc: &Document) -> String {
    json::to_json(&export::from_document(doc))
}

/// Parse the text and import its value; every error points into the text.
fn import(source: Source, options: &ImportOptions) -> Result<Imported, Diagnostic> {
    let lang = match options.lang.as_deref().map(str::trim) {
        None => None,
        Some(tag) => {
            let field = ::toml::Spanned::new(0..0, tag.to_owned());
            let language = crate::locale::check_tag(&field, "").map_err(|mut d| {
                d.span = None;
                d.path = None;
                d
            })?;
            Some((tag, language))
        }
    };
    let value = source.parse()?;
    import_value(&value, lang).map_err(|problem| source.diagnostic(problem))
}

/// Read the JSON value, write the TOML and check that it exports back.
fn import_value(value: &Value, lang: Option<toml::Lang>) -> Result<Imported, Problem> {
    if !value.is_object() {
        return Err(Problem::at(
            "",
            format!(
                "a JSON Resume document is an object at the top level, not {}",
                read::kind(value)
            ),
            "put the résumé's parts under keys such as `basics` and `work`",
        ));
    }
    let mut reader = read::Reader::default();
    let resume = reader.resume(value)?;
    let mut warnings = reader.warnings;
    let toml = toml::to_toml(&resume, &mut warnings, lang);
    warnings.extend(check::self_check(&resume, &toml)?);
    Ok(Imported { toml, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The error of an import, as `line:col message`.
    fn error_at(result: Result<Imported, Diagnostic>, text: &str) -> String {
        let d = result.expect_err("an error");
        let (line, col) = d
            .span
            .as_ref()
            .map_or((0, 0), |s| crate::diag::line_col(text, s.start));
        format!("{line}:{col} {}", d.message)
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(import_json("[1, 2]").is_err());
        assert!(import_json("{").is_err());
        assert!(import_yaml("- a\n- b\n").is_err());
        let odd = import_json(
            r#"{"basics": {"name": "A", "url": 3}, "work": [1, null, {"highlights": {"a": 1}}], "skills": "x"}"#,
        )
        .expect("imports");
        assert!(!odd.warnings.is_empty());
        assert!(crate::model::parse(&odd.toml).is_ok());
    }

    #[test]
    fn a_document_without_a_name_is_an_error_at_its_place() {
        let json = |text: &str| error_at(import_json(text), text);
        assert_eq!(json("{}"), "1:1 missing field `basics`");
        assert_eq!(
            json("\n  [1, 2]"),
            "2:3 a JSON Resume document is an object at the top level, not a list"
        );
        assert_eq!(
            json("null"),
            "1:1 a JSON Resume document is an object at the top level, not null"
        );
        assert_eq!(
            json("{\"basics\": 3}"),
            "1:12 `basics` is a number, not an object"
        );
        assert_eq!(
            json("{\"basics\": {\"label\": \"x\"}}"),
            "1:12 missing field `name`"
        );
        assert_eq!(
            json("{\"basics\": {\"name\": null}}"),
            "1:12 missing field `name`"
        );
        assert_eq!(
            json("{\"basics\": {\"name\": [\"A\"]}}"),
            "1:21 the name is a list, not text"
        );
        assert_eq!(
            json("{\"basics\": {\"name\": \" \\u200B\\u0000\"}}"),
            "1:21 the name is empty"
        );
        let yaml = |text: &str| error_at(import_yaml(text), text);
        assert_eq!(
            yaml(""),
            "1:1 a JSON Resume document is an object at the top level, not null"
        );
        assert_eq!(yaml("work: []\n"), "1:1 missing field `basics`");
        assert_eq!(
            yaml("work: []\nbasics:\n  label: x\n"),
            "3:3 missing field `name`"
        );
        assert_eq!(yaml("basics:\n  name: '  '\n"), "2:9 the name is empty");
        let d = import_json("{}").expect_err("an error");
        assert_eq!(
            d.hints,
            ["a JSON Resume document names the person in `basics.name`"]
        );
        assert_eq!(d.path, None);
        let d = import_json(r#"{"basics": {"name": ""}}"#).expect_err("an error");
        assert_eq!(d.path.as_deref(), Some("basics.name"));
    }

    #[test]
    fn syntax_errors_point_into_the_text() {
        let json = |text: &str| error_at(import_json(text), text);
        assert_eq!(
            json("{\n  \"basics\": {\"name\": \"A\",}\n}"),
            "2:25 not valid JSON: trailing comma"
        );
        assert_eq!(
            json("{\"a\": 1\n\"b\": 2}"),
            "2:1 not valid JSON: expected `,` or `}`"
        );
        assert_eq!(
            json("{\"basics\": {"),
            "1:13 not valid JSON: the text ends inside an object"
        );
        assert_eq!(json(""), "1:1 not valid JSON: the file is empty");
        assert_eq!(json("{\"é\": tru}"), "1:10 not valid JSON: expected ident");
        assert_eq!(json("{} {}"), "1:4 not valid JSON: trailing characters");
        let yaml = |text: &str| error_at(import_yaml(text), text);
        assert_eq!(
            yaml("basics:\n  name: [A\n"),
            "3:1 not valid YAML: did not find expected ',' or ']', while parsing a flow sequence at line 2 column 9"
        );
        assert_eq!(
            yaml("é: 'x"),
            "1:6 not valid YAML: found unexpected end of stream, while scanning a quoted scalar at line 1 column 4"
        );
        assert_eq!(
            yaml("a: 1\n---\nb: 2\n"),
            "0:0 not valid YAML: deserializing from YAML containing more than one document is not supported"
        );
    }

    #[test]
    fn a_key_twice_is_an_error_at_the_second() {
        let json = |text: &str| error_at(import_json(text), text);
        let text = "{\"basics\": {\"name\": \"A\",\n  \"name\" : \"B\"}}";
        assert_eq!(json(text), "2:3 duplicate key `name`");
        let d = import_json(text).expect_err("an error");
        assert_eq!(d.span.map(|s| &text[s]), Some("\"name\""));
        let escaped = r#"{"basics": {"name": "A"}, "w\"k": 1, "w\u0022k": 2}"#;
        let d = import_json(escaped).expect_err("an error");
        assert_eq!(d.message, "duplicate key `w\"k`");
        assert_eq!(d.span.map(|s| &escaped[s]), Some(r#""w\u0022k""#));
        let yaml = |text: &str| error_at(import_yaml(text), text);
        assert_eq!(
            yaml("basics:\n  name: A\n  name: B\n"),
            "3:3 duplicate key `name`"
        );
        assert_eq!(
            yaml("basics: {name: A}\nwork: []\nbasics: {}\n"),
            "3:1 duplicate key `basics`"
        );
        // The same key in two objects is no duplicate.
        assert!(
            import_json(r#"{"basics": {"name": "A"}, "work": [{"name": "x"}, {"name": "y"}]}"#)
                .is_ok()
        );
    }

    #[test]
    fn caps_come_before_parsing() {
        let big = format!(
            "{{\"basics\": {{\"name\": \"{}\"}}}}",
            "a".repeat(crate::limits::MAX_INPUT_BYTES)
        );
        let d = import_json(&big).expect_err("too big");
        assert_eq!(d.message, "the file is 256 KiB; the limit is 256 KiB");
        assert_eq!(d.span, None);
        let deep = format!("{{\"basics\": {}", "[".repeat(100_000));
        assert_eq!(
            error_at(import_json(&deep), &deep),
            "1:43 lists and objects are nested more than 32 deep"
        );
        let deep = format!("basics:\n  name: {}", "[".repeat(100_000));
        assert_eq!(
            error_at(import_yaml(&deep), &deep),
            "2:41 lists and mappings are nested more than 32 deep"
        );
        // Block nesting is the YAML parser's to refuse, at the same message.
        let block = format!("basics:\n  name:\n    {}x", "- ".repeat(200));
        assert_eq!(
            error_at(import_yaml(&block), &block),
            "3:257 lists and mappings are nested more than 128 deep"
        );
        let many = format!("basics: {{name: A}}\nwork: [{}]\n", "{}, ".repeat(3_000));
        assert_eq!(
            error_at(import_yaml(&many), &many),
            "2:4000 the file has more than 1000 `[` and `{`"
        );
    }
}
