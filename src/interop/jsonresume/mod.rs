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
mod schema;
mod toml;

use serde_json::Value;

use crate::document::Document;

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

/// JSON Resume (JSON text) to resume.toml text.
///
/// Fails only when the text is not JSON or not an object at the top level;
/// anything else that does not fit is reported in the warnings.
pub fn import_json(json: &str) -> Result<Imported, String> {
    let value: Value = serde_json::from_str(json).map_err(|e| format!("not valid JSON: {e}"))?;
    import_value(&value)
}

/// JSON Resume in YAML to resume.toml text.
///
/// The YAML holds the same structure as the JSON form, with the same keys.
pub fn import_yaml(yaml: &str) -> Result<Imported, String> {
    let value: Value = serde_yaml::from_str(yaml).map_err(|e| format!("not valid YAML: {e}"))?;
    import_value(&value)
}

/// A resolved document back to JSON Resume (pretty JSON text).
///
/// See the module documentation for how sections map to JSON Resume keys.
pub fn export_json(doc: &Document) -> String {
    json::to_json(&export::from_document(doc))
}

/// Read the JSON value, write the TOML and check that it exports back.
fn import_value(value: &Value) -> Result<Imported, String> {
    if !value.is_object() {
        return Err(format!(
            "a JSON Resume document is an object at the top level, not {}",
            read::kind(value)
        ));
    }
    let mut reader = read::Reader::default();
    let resume = reader.resume(value);
    let mut warnings = reader.warnings;
    let toml = toml::to_toml(&resume, &mut warnings);
    warnings.extend(check::self_check(&resume, &toml));
    Ok(Imported { toml, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(import_json("[1, 2]").is_err());
        assert!(import_json("{").is_err());
        assert!(import_yaml("- a\n- b\n").is_err());
        let odd = import_json(
            r#"{"basics": 3, "work": [1, null, {"highlights": {"a": 1}}], "skills": "x"}"#,
        )
        .expect("imports");
        assert!(!odd.warnings.is_empty());
        assert!(crate::model::parse(&odd.toml).is_ok());
    }
}
