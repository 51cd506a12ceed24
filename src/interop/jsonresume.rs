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

use serde_json::{Map, Value};

use crate::document::{Body, Document, Entry, Rich, SkillRow};
use crate::model::date::{self, Date};
use crate::model::markup;
use crate::text::style::Style;

/// The schema URL written into exported documents.
pub const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";

/// The name written when the JSON has none, so that the TOML still compiles.
const PLACEHOLDER_NAME: &str = "Your Name";

/// How many round-trip differences are listed one by one.
const MAX_DIFFS: usize = 20;

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
    let mut out = String::new();
    from_document(doc).json().write(&mut out, 0);
    out.push('\n');
    out
}

fn import_value(value: &Value) -> Result<Imported, String> {
    if !value.is_object() {
        return Err(format!(
            "a JSON Resume document is an object at the top level, not {}",
            kind(value)
        ));
    }
    let mut reader = Reader::default();
    let resume = reader.resume(value);
    let mut warnings = reader.warnings;
    let toml = to_toml(&resume, &mut warnings);
    warnings.extend(self_check(&resume, &toml));
    Ok(Imported { toml, warnings })
}

// ---------------------------------------------------------------------------
// The JSON Resume content, as plain strings ("" means absent).

#[derive(Clone, Debug, Default, PartialEq)]
struct Resume {
    basics: Basics,
    work: Vec<Job>,
    volunteer: Vec<Job>,
    education: Vec<Education>,
    awards: Vec<Award>,
    certificates: Vec<Certificate>,
    publications: Vec<Publication>,
    skills: Vec<Skill>,
    languages: Vec<Language>,
    interests: Vec<Interest>,
    references: Vec<Reference>,
    projects: Vec<Project>,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Basics {
    name: String,
    label: String,
    email: String,
    phone: String,
    url: String,
    summary: String,
    location: Location,
    profiles: Vec<Profile>,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Location {
    address: String,
    postal_code: String,
    city: String,
    country_code: String,
    region: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Profile {
    network: String,
    username: String,
    url: String,
}

/// A `work` or `volunteer` item (`org` is `name` or `organization`).
#[derive(Clone, Debug, Default, PartialEq)]
struct Job {
    org: String,
    position: String,
    url: String,
    location: String,
    description: String,
    start: String,
    end: String,
    summary: String,
    highlights: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Education {
    institution: String,
    url: String,
    area: String,
    study_type: String,
    location: String,
    start: String,
    end: String,
    score: String,
    courses: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Award {
    title: String,
    date: String,
    awarder: String,
    summary: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Certificate {
    name: String,
    date: String,
    url: String,
    issuer: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Publication {
    name: String,
    publisher: String,
    release_date: String,
    url: String,
    summary: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Skill {
    name: String,
    level: String,
    keywords: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Language {
    language: String,
    fluency: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Interest {
    name: String,
    keywords: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Reference {
    name: String,
    reference: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Project {
    name: String,
    description: String,
    highlights: Vec<String>,
    keywords: Vec<String>,
    start: String,
    end: String,
    url: String,
    roles: Vec<String>,
    entity: String,
    kind: String,
}

// ---------------------------------------------------------------------------
// Ordered JSON output.

/// A JSON value whose objects keep their key order (the schema's order).
enum J {
    S(String),
    A(Vec<J>),
    O(Vec<(&'static str, J)>),
}

impl J {
    fn is_empty(&self) -> bool {
        match self {
            J::S(s) => s.trim().is_empty(),
            J::A(a) => a.is_empty(),
            J::O(o) => o.is_empty(),
        }
    }

    fn write(&self, out: &mut String, indent: usize) {
        match self {
            J::S(s) => json_string(out, s),
            J::A(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    pad(out, indent + 1);
                    item.write(out, indent + 1);
                }
                if !items.is_empty() {
                    out.push('\n');
                    pad(out, indent);
                }
                out.push(']');
            }
            J::O(fields) => {
                out.push('{');
                for (i, (key, value)) in fields.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    pad(out, indent + 1);
                    json_string(out, key);
                    out.push_str(": ");
                    value.write(out, indent + 1);
                }
                if !fields.is_empty() {
                    out.push('\n');
                    pad(out, indent);
                }
                out.push('}');
            }
        }
    }

    fn to_value(&self) -> Value {
        match self {
            J::S(s) => Value::String(s.clone()),
            J::A(a) => Value::Array(a.iter().map(J::to_value).collect()),
            J::O(o) => Value::Object(
                o.iter()
                    .map(|(k, v)| ((*k).to_owned(), v.to_value()))
                    .collect(),
            ),
        }
    }
}

fn pad(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push_str("  ");
    }
}

fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Builds an object, leaving out empty values.
#[derive(Default)]
struct Obj(Vec<(&'static str, J)>);

impl Obj {
    fn s(mut self, key: &'static str, value: &str) -> Obj {
        if !value.trim().is_empty() {
            self.0.push((key, J::S(value.to_owned())));
        }
        self
    }

    fn list(self, key: &'static str, values: &[String]) -> Obj {
        let items = values
            .iter()
            .filter(|v| !v.trim().is_empty())
            .map(|v| J::S(v.clone()))
            .collect();
        self.j(key, J::A(items))
    }

    fn all<T>(self, key: &'static str, items: &[T], f: impl Fn(&T) -> J) -> Obj {
        let items = items.iter().map(f).filter(|j| !j.is_empty()).collect();
        self.j(key, J::A(items))
    }

    fn j(mut self, key: &'static str, value: J) -> Obj {
        if !value.is_empty() {
            self.0.push((key, value));
        }
        self
    }

    fn done(self) -> J {
        J::O(self.0)
    }
}

impl Resume {
    fn json(&self) -> J {
        let b = &self.basics;
        let location = Obj::default()
            .s("address", &b.location.address)
            .s("postalCode", &b.location.postal_code)
            .s("city", &b.location.city)
            .s("countryCode", &b.location.country_code)
            .s("region", &b.location.region)
            .done();
        let basics = Obj::default()
            .s("name", &b.name)
            .s("label", &b.label)
            .s("email", &b.email)
            .s("phone", &b.phone)
            .s("url", &b.url)
            .s("summary", &b.summary)
            .j("location", location)
            .all("profiles", &b.profiles, |p| {
                Obj::default()
                    .s("network", &p.network)
                    .s("username", &p.username)
                    .s("url", &p.url)
                    .done()
            })
            .done();
        let job = |org_key: &'static str| {
            move |w: &Job| {
                Obj::default()
                    .s(org_key, &w.org)
                    .s("location", &w.location)
                    .s("description", &w.description)
                    .s("position", &w.position)
                    .s("url", &w.url)
                    .s("startDate", &w.start)
                    .s("endDate", &w.end)
                    .s("summary", &w.summary)
                    .list("highlights", &w.highlights)
                    .done()
            }
        };
        Obj::default()
            .s("$schema", SCHEMA_URL)
            .j("basics", basics)
            .all("work", &self.work, job("name"))
            .all("volunteer", &self.volunteer, job("organization"))
            .all("education", &self.education, |e| {
                Obj::default()
                    .s("institution", &e.institution)
                    .s("url", &e.url)
                    .s("area", &e.area)
                    .s("studyType", &e.study_type)
                    .s("location", &e.location)
                    .s("startDate", &e.start)
                    .s("endDate", &e.end)
                    .s("score", &e.score)
                    .list("courses", &e.courses)
                    .done()
            })
            .all("awards", &self.awards, |a| {
                Obj::default()
                    .s("title", &a.title)
                    .s("date", &a.date)
                    .s("awarder", &a.awarder)
                    .s("summary", &a.summary)
                    .done()
            })
            .all("certificates", &self.certificates, |c| {
                Obj::default()
                    .s("name", &c.name)
                    .s("date", &c.date)
                    .s("url", &c.url)
                    .s("issuer", &c.issuer)
                    .done()
            })
            .all("publications", &self.publications, |p| {
                Obj::default()
                    .s("name", &p.name)
                    .s("publisher", &p.publisher)
                    .s("releaseDate", &p.release_date)
                    .s("url", &p.url)
                    .s("summary", &p.summary)
                    .done()
            })
            .all("skills", &self.skills, |s| {
                Obj::default()
                    .s("name", &s.name)
                    .s("level", &s.level)
                    .list("keywords", &s.keywords)
                    .done()
            })
            .all("languages", &self.languages, |l| {
                Obj::default()
                    .s("language", &l.language)
                    .s("fluency", &l.fluency)
                    .done()
            })
            .all("interests", &self.interests, |i| {
                Obj::default()
                    .s("name", &i.name)
                    .list("keywords", &i.keywords)
                    .done()
            })
            .all("references", &self.references, |r| {
                Obj::default()
                    .s("name", &r.name)
                    .s("reference", &r.reference)
                    .done()
            })
            .all("projects", &self.projects, |p| {
                Obj::default()
                    .s("name", &p.name)
                    .s("description", &p.description)
                    .list("highlights", &p.highlights)
                    .list("keywords", &p.keywords)
                    .s("startDate", &p.start)
                    .s("endDate", &p.end)
                    .s("url", &p.url)
                    .list("roles", &p.roles)
                    .s("entity", &p.entity)
                    .s("type", &p.kind)
                    .done()
            })
            .done()
    }
}

// ---------------------------------------------------------------------------
// Reading the JSON value.

/// A JSON object being read: which keys were used, for the unknown-key warnings.
struct Fields<'a> {
    path: String,
    map: Option<&'a Map<String, Value>>,
    used: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    fn get(&mut self, key: &'static str) -> Option<&'a Value> {
        self.used.push(key);
        self.map?.get(key).filter(|v| !v.is_null())
    }

    fn at(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Text, a number or a boolean as text.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether a value carries nothing.
fn blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

#[derive(Default)]
struct Reader {
    warnings: Vec<String>,
}

impl Reader {
    fn warn(&mut self, message: String) {
        self.warnings.push(message);
    }

    fn fields<'a>(&mut self, v: &'a Value, path: &str) -> Fields<'a> {
        let map = match v {
            Value::Object(m) => Some(m),
            Value::Null => None,
            other => {
                self.warn(format!(
                    "{path}: expected an object, found {}; not carried over",
                    kind(other)
                ));
                None
            }
        };
        Fields {
            path: path.to_owned(),
            map,
            used: Vec::new(),
        }
    }

    /// Warn about every key that was not read.
    fn finish(&mut self, f: Fields) {
        let Some(map) = f.map else { return };
        for (key, value) in map {
            if !f.used.contains(&key.as_str()) && !blank(value) {
                self.warn(format!(
                    "{}: no place in resume.toml; not carried over",
                    f.at(key)
                ));
            }
        }
    }

    fn text(&mut self, f: &mut Fields, key: &'static str) -> String {
        let Some(v) = f.get(key) else {
            return String::new();
        };
        match scalar(v) {
            Some(s) if s.trim().is_empty() => String::new(),
            Some(s) => s,
            None => {
                self.warn(format!(
                    "{}: expected text, found {}; not carried over",
                    f.at(key),
                    kind(v)
                ));
                String::new()
            }
        }
    }

    fn url(&mut self, f: &mut Fields, key: &'static str) -> String {
        let url = self.text_or(f, key, "website").trim().to_owned();
        if url.is_empty() {
            return url;
        }
        if let Err(reason) = crate::model::markup::link_target(&url) {
            self.warn(format!("{}: {reason}; not carried over", f.at(key)));
            return String::new();
        }
        url
    }

    /// A field under its schema v1 key, or under the key an older schema
    /// used for it (`company`, `website`, `gpa`).
    fn text_or(&mut self, f: &mut Fields, key: &'static str, older: &'static str) -> String {
        let value = self.text(f, key);
        if !value.is_empty() || f.map.is_none_or(|m| m.get(older).is_none_or(blank)) {
            return value;
        }
        let old = self.text(f, older);
        if !old.is_empty() {
            self.warn(format!(
                "{}: read as `{key}`, its name in schema v1",
                f.at(older)
            ));
        }
        old
    }

    /// A URL for an entry, where it becomes the target of a `[label](url)` link.
    fn link_url(&mut self, f: &mut Fields, key: &'static str) -> String {
        let url = self.url(f, key);
        if !url.is_empty() && link_markup("link", &url).is_none() {
            self.warn(format!(
                "{}: `{url}` cannot be written as a link; not carried over",
                f.at(key)
            ));
            return String::new();
        }
        url
    }

    fn list(&mut self, f: &mut Fields, key: &'static str) -> Vec<String> {
        let path = f.at(key);
        match f.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match scalar(item) {
                        Some(s) if s.trim().is_empty() => {}
                        Some(s) => out.push(s),
                        None if item.is_null() => {}
                        None => self.warn(format!(
                            "{path}[{i}]: expected text, found {}; not carried over",
                            kind(item)
                        )),
                    }
                }
                out
            }
            Some(v) => match scalar(v) {
                Some(s) if s.trim().is_empty() => Vec::new(),
                Some(s) => vec![s],
                None => {
                    self.warn(format!(
                        "{path}: expected a list of text, found {}; not carried over",
                        kind(v)
                    ));
                    Vec::new()
                }
            },
        }
    }

    /// The items of a list of objects, with their paths.
    fn objects<'a>(&mut self, f: &mut Fields<'a>, key: &'static str) -> Vec<(String, &'a Value)> {
        let path = f.at(key);
        match f.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter(|(_, v)| !v.is_null())
                .map(|(i, v)| (format!("{path}[{i}]"), v))
                .collect(),
            Some(v @ Value::Object(_)) => vec![(format!("{path}[0]"), v)],
            Some(v) => {
                self.warn(format!(
                    "{path}: expected a list, found {}; not carried over",
                    kind(v)
                ));
                Vec::new()
            }
        }
    }

    /// A date as the TOML will hold it, or "" (with a warning when dropped).
    fn date(&mut self, f: &mut Fields, key: &'static str) -> String {
        let path = f.at(key);
        let raw = self.text(f, key);
        let (value, warning) = canonical_date(&raw);
        if let Some(w) = warning {
            self.warn(format!("{path}: {w}"));
        }
        value
    }

    /// A start and end date; a start after the end keeps the start only.
    fn range(&mut self, f: &mut Fields, path: &str) -> (String, String) {
        let start = self.date(f, "startDate");
        let mut end = self.date(f, "endDate");
        if end.eq_ignore_ascii_case("present") {
            end.clear();
        }
        if let (Ok(s), Ok(e)) = (date::parse_date(&start), date::parse_date(&end))
            && date::check_order(&s, &e).is_err()
        {
            self.warn(format!(
                "{path}: startDate {start} is after endDate {end}; kept {start} only, as a single date"
            ));
            return (String::new(), start);
        }
        (start, end)
    }

    fn resume(&mut self, root: &Value) -> Resume {
        let mut f = self.fields(root, "");
        // Written afresh on export.
        f.get("$schema");
        let basics = match f.get("basics") {
            Some(v) => self.basics(v),
            None => Basics::default(),
        };
        let mut r = Resume {
            basics,
            ..Resume::default()
        };
        if r.basics.name.trim().is_empty() {
            self.warn(format!(
                "basics.name: missing; the TOML has the placeholder \"{PLACEHOLDER_NAME}\""
            ));
            r.basics.name = PLACEHOLDER_NAME.to_owned();
        }
        for (path, v) in self.objects(&mut f, "work") {
            let job = self.job(v, &path, "name", true);
            r.work.push(job);
        }
        for (path, v) in self.objects(&mut f, "volunteer") {
            let job = self.job(v, &path, "organization", false);
            r.volunteer.push(job);
        }
        for (path, v) in self.objects(&mut f, "education") {
            let mut e = self.fields(v, &path);
            let (start, end) = self.range(&mut e, &path);
            let item = Education {
                institution: self.text(&mut e, "institution"),
                url: self.link_url(&mut e, "url"),
                area: self.text(&mut e, "area"),
                study_type: self.text(&mut e, "studyType"),
                location: self.text(&mut e, "location"),
                start,
                end,
                score: self.text_or(&mut e, "score", "gpa"),
                courses: self.list(&mut e, "courses"),
            };
            self.finish(e);
            r.education.push(item);
        }
        for (path, v) in self.objects(&mut f, "awards") {
            let mut e = self.fields(v, &path);
            let item = Award {
                title: self.text(&mut e, "title"),
                date: self.date(&mut e, "date"),
                awarder: self.text(&mut e, "awarder"),
                summary: self.text(&mut e, "summary"),
            };
            self.finish(e);
            r.awards.push(item);
        }
        for (path, v) in self.objects(&mut f, "certificates") {
            let mut e = self.fields(v, &path);
            let item = Certificate {
                name: self.text(&mut e, "name"),
                date: self.date(&mut e, "date"),
                url: self.link_url(&mut e, "url"),
                issuer: self.text(&mut e, "issuer"),
            };
            self.finish(e);
            r.certificates.push(item);
        }
        for (path, v) in self.objects(&mut f, "publications") {
            let mut e = self.fields(v, &path);
            let item = Publication {
                name: self.text(&mut e, "name"),
                publisher: self.text(&mut e, "publisher"),
                release_date: self.date(&mut e, "releaseDate"),
                url: self.link_url(&mut e, "url"),
                summary: self.text(&mut e, "summary"),
            };
            self.finish(e);
            r.publications.push(item);
        }
        for (path, v) in self.objects(&mut f, "skills") {
            let mut e = self.fields(v, &path);
            let item = Skill {
                name: self.text(&mut e, "name"),
                level: self.text(&mut e, "level"),
                keywords: self.list(&mut e, "keywords"),
            };
            self.finish(e);
            r.skills.push(item);
        }
        for (path, v) in self.objects(&mut f, "languages") {
            let mut e = self.fields(v, &path);
            let item = Language {
                language: self.text(&mut e, "language"),
                fluency: self.text(&mut e, "fluency"),
            };
            self.finish(e);
            r.languages.push(item);
        }
        for (path, v) in self.objects(&mut f, "interests") {
            let mut e = self.fields(v, &path);
            let item = Interest {
                name: self.text(&mut e, "name"),
                keywords: self.list(&mut e, "keywords"),
            };
            self.finish(e);
            r.interests.push(item);
        }
        for (path, v) in self.objects(&mut f, "references") {
            let mut e = self.fields(v, &path);
            let item = Reference {
                name: self.text(&mut e, "name"),
                reference: self.text(&mut e, "reference"),
            };
            self.finish(e);
            r.references.push(item);
        }
        for (path, v) in self.objects(&mut f, "projects") {
            let mut e = self.fields(v, &path);
            let (start, end) = self.range(&mut e, &path);
            let item = Project {
                name: self.text(&mut e, "name"),
                description: self.text(&mut e, "description"),
                highlights: self.list(&mut e, "highlights"),
                keywords: self.list(&mut e, "keywords"),
                start,
                end,
                url: self.link_url(&mut e, "url"),
                roles: self.list(&mut e, "roles"),
                entity: self.text(&mut e, "entity"),
                kind: self.text(&mut e, "type"),
            };
            self.finish(e);
            r.projects.push(item);
        }
        self.finish(f);
        r
    }

    fn basics(&mut self, v: &Value) -> Basics {
        let mut f = self.fields(v, "basics");
        let mut b = Basics {
            name: self.text(&mut f, "name"),
            label: self.text(&mut f, "label"),
            email: self.text(&mut f, "email"),
            phone: self.text(&mut f, "phone"),
            url: self.url(&mut f, "url"),
            summary: self.text(&mut f, "summary"),
            ..Basics::default()
        };
        if !b.email.is_empty() && !b.email.contains('@') {
            self.warn(format!(
                "basics.email: `{}` is not an e-mail address; not carried over",
                b.email
            ));
            b.email.clear();
        }
        let digits = b.phone.chars().filter(char::is_ascii_digit).count();
        if !b.phone.is_empty() && digits < 3 {
            self.warn(format!(
                "basics.phone: `{}` is not a phone number; not carried over",
                b.phone
            ));
            b.phone.clear();
        }
        if let Some(loc) = f.get("location") {
            let mut l = self.fields(loc, "basics.location");
            b.location = Location {
                address: self.text(&mut l, "address"),
                postal_code: self.text(&mut l, "postalCode"),
                city: self.text(&mut l, "city"),
                country_code: self.text(&mut l, "countryCode"),
                region: self.text(&mut l, "region"),
            };
            self.finish(l);
        }
        for (path, p) in self.objects(&mut f, "profiles") {
            let mut pf = self.fields(p, &path);
            let mut profile = Profile {
                network: self.text(&mut pf, "network"),
                username: self.text(&mut pf, "username"),
                url: self.url(&mut pf, "url"),
            };
            self.finish(pf);
            if profile.username.is_empty() {
                profile.username = username_of(&profile.url);
            }
            b.profiles.push(profile);
        }
        self.finish(f);
        b
    }

    fn job(&mut self, v: &Value, path: &str, org_key: &'static str, work: bool) -> Job {
        let mut f = self.fields(v, path);
        let (start, end) = self.range(&mut f, path);
        let job = Job {
            org: if work {
                self.text_or(&mut f, org_key, "company")
            } else {
                self.text(&mut f, org_key)
            },
            position: self.text(&mut f, "position"),
            url: self.link_url(&mut f, "url"),
            location: if work {
                self.text(&mut f, "location")
            } else {
                String::new()
            },
            description: if work {
                self.text(&mut f, "description")
            } else {
                String::new()
            },
            start,
            end,
            summary: self.text(&mut f, "summary"),
            highlights: self.list(&mut f, "highlights"),
        };
        self.finish(f);
        job
    }
}

// ---------------------------------------------------------------------------
// Dates.

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The date as the TOML holds it: `YYYY-MM`, `YYYY`, `present` or free
/// text; "" when it cannot be printed. The second value says what changed.
fn canonical_date(raw: &str) -> (String, Option<String>) {
    let t = raw.trim();
    if t.is_empty() {
        return (String::new(), None);
    }
    let mut note = None;
    let mut candidate = t.to_owned();
    // YYYY-MM-DD, possibly with a time.
    if let (Some(y), Some(m), Some(d)) = (t.get(0..4), t.get(5..7), t.get(8..10))
        && digits(y)
        && digits(m)
        && digits(d)
        && t.get(4..5) == Some("-")
        && t.get(7..8) == Some("-")
        && t.get(10..)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('T') || rest.starts_with(' '))
    {
        candidate = format!("{y}-{m}");
        note = Some(format!(
            "the day of {t} is dropped; the résumé prints months"
        ));
    } else if let Some((y, m)) = t.split_once('-')
        && y.len() == 4
        && digits(y)
        && m.len() == 1
        && digits(m)
    {
        candidate = format!("{y}-0{m}");
    }
    match date::parse_date(&candidate) {
        Ok(Date::Text(text)) => (unformat_date(&text), note),
        Ok(Date::Present) => ("present".to_owned(), note),
        Ok(_) => (candidate, note),
        Err(e) => (
            String::new(),
            Some(format!(
                "{t} is not a date the résumé can print ({}); not carried over",
                e.message
            )),
        ),
    }
}

/// A printed date back to its TOML form: `Jul 2024` → `2024-07`,
/// `Present` → `present`, anything else unchanged.
fn unformat_date(text: &str) -> String {
    let t = text.trim();
    if t == "Present" {
        return "present".to_owned();
    }
    if let Some((month, year)) = t.split_once(' ')
        && let Some(m) = MONTHS.iter().position(|&name| name == month)
        && year.len() == 4
        && digits(year)
        && let Ok(Date::Month { .. }) = date::parse_date(&format!("{year}-{:02}", m + 1))
    {
        return format!("{year}-{:02}", m + 1);
    }
    t.to_owned()
}

/// What an entry's printed dates say.
enum Dates {
    None,
    Single(String),
    Range(String, String),
}

fn dates_of(entry: &Entry) -> Dates {
    let Some(dates) = &entry.dates else {
        return Dates::None;
    };
    let text = dates.text();
    if text.trim().is_empty() {
        return Dates::None;
    }
    match text.split_once(" \u{2013} ") {
        Some((start, end)) => {
            let end = unformat_date(end);
            let end = if end == "present" { String::new() } else { end };
            Dates::Range(unformat_date(start), end)
        }
        None => Dates::Single(unformat_date(&text)),
    }
}

impl Dates {
    /// A start and an end: a single date is the end.
    fn range(self) -> (String, String) {
        match self {
            Dates::None => (String::new(), String::new()),
            Dates::Single(d) => (String::new(), d),
            Dates::Range(s, e) => (s, e),
        }
    }

    /// One date: a range gives its start.
    fn single(self) -> String {
        match self {
            Dates::None => String::new(),
            Dates::Single(d) => d,
            Dates::Range(s, _) => s,
        }
    }
}

// ---------------------------------------------------------------------------
// Links, usernames, lists and locations: the shared encodings.

/// The address without `https://`, `http://` or a trailing `/`.
fn strip_scheme(url: &str) -> &str {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    rest.strip_suffix('/').unwrap_or(rest)
}

/// The last path segment of a profile URL, without a leading `@`.
fn username_of(url: &str) -> String {
    let rest = url.split(['?', '#']).next().unwrap_or("");
    let Some(after_scheme) = rest.split_once("://").map(|(_, r)| r) else {
        return String::new();
    };
    let mut segments = after_scheme.split('/').filter(|s| !s.is_empty());
    // The host is not a username.
    segments.next();
    segments
        .next_back()
        .map(|s| s.trim_start_matches('@').to_owned())
        .unwrap_or_default()
}

/// Well-known networks in their usual spelling, for export.
const NETWORKS: &[&str] = &[
    "Behance",
    "Bitbucket",
    "Bluesky",
    "CodePen",
    "DEV",
    "Dribbble",
    "Facebook",
    "GitHub",
    "GitLab",
    "Google Scholar",
    "HackerRank",
    "Hacker News",
    "Instagram",
    "Kaggle",
    "LeetCode",
    "LinkedIn",
    "Mastodon",
    "Medium",
    "ORCID",
    "Reddit",
    "ResearchGate",
    "SoundCloud",
    "Stack Overflow",
    "StackOverflow",
    "Telegram",
    "Twitch",
    "Twitter",
    "X",
    "YouTube",
];

fn network_name(label: &str) -> String {
    NETWORKS
        .iter()
        .find(|n| n.eq_ignore_ascii_case(label))
        .map_or_else(|| label.to_owned(), |n| (*n).to_owned())
}

/// Split `a, b, c` at commas outside brackets; the inverse of joining with `, `.
fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 0 && bytes.get(i + 1) == Some(&b' ') && i >= start => {
                out.push(s.get(start..i).unwrap_or("").to_owned());
                start = i + 2;
            }
            _ => {}
        }
    }
    out.push(s.get(start..).unwrap_or("").to_owned());
    out.retain(|item| !item.trim().is_empty());
    out
}

/// `name (level)` back to its parts, when the label ends with a bracketed part.
fn split_level(label: &str) -> (String, String) {
    let Some(inner) = label.strip_suffix(')') else {
        return (label.to_owned(), String::new());
    };
    let mut depth = 0usize;
    for (i, c) in inner.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => {
                let level = inner.get(i + 1..).unwrap_or("").to_owned();
                return match inner.get(..i) {
                    Some("") => (String::new(), level),
                    Some(name) => match name.strip_suffix(' ') {
                        Some(name) => (name.to_owned(), level),
                        None => (label.to_owned(), String::new()),
                    },
                    None => (label.to_owned(), String::new()),
                };
            }
            '(' => depth -= 1,
            _ => {}
        }
    }
    (label.to_owned(), String::new())
}

/// The location on one line: `address, city, region, postalCode, countryCode`.
fn location_line(l: &Location) -> String {
    [
        &l.address,
        &l.city,
        &l.region,
        &l.postal_code,
        &l.country_code,
    ]
    .into_iter()
    .filter(|s| !s.trim().is_empty())
    .map(String::as_str)
    .collect::<Vec<_>>()
    .join(", ")
}

/// [`location_line`] read back: a final two-letter capital code is the
/// country, a short part with digits before it the postal code, then the
/// region and city from the end, and whatever precedes them the address.
fn parse_location(line: &str) -> Location {
    let mut parts: Vec<&str> = line.split(", ").filter(|p| !p.is_empty()).collect();
    let mut l = Location::default();
    if parts.len() > 1
        && let Some(last) = parts.last()
        && last.len() == 2
        && last.bytes().all(|b| b.is_ascii_uppercase())
    {
        l.country_code = (*last).to_owned();
        parts.pop();
    }
    if let Some(last) = parts.last()
        && parts.len() > 1
        && last.chars().count() <= 10
        && last.chars().any(|c| c.is_ascii_digit())
        && last
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
    {
        l.postal_code = (*last).to_owned();
        parts.pop();
    }
    match parts.len() {
        0 => {}
        1 => l.city = parts[0].to_owned(),
        n => {
            l.region = parts[n - 1].to_owned();
            l.city = parts[n - 2].to_owned();
            l.address = parts[..n - 2].join(", ");
        }
    }
    l
}

// ---------------------------------------------------------------------------
// Writing the TOML.

/// Escape text so that inline markup reads it back literally.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '`' | '[') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `[label](url)` in markup, when the markup parser reads it back exactly.
fn link_markup(label: &str, url: &str) -> Option<String> {
    let mut escaped = String::new();
    for c in label.chars() {
        if matches!(c, '\\' | '*' | '`' | '[' | ']') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    let markup = format!("[{escaped}]({url})");
    let spans = markup::parse_inline(&markup).ok()?;
    match spans.as_slice() {
        [span]
            if span.text == label
                && span.link.as_deref() == Some(url)
                && span.style == Style::default() =>
        {
            Some(markup)
        }
        _ => None,
    }
}

/// A TOML string literal: a literal string when that avoids doubled
/// backslashes, else a basic string with escapes.
fn q(s: &str) -> String {
    let controls = s.chars().any(|c| c.is_control());
    if s.contains('\\') && !s.contains('\'') && !controls {
        return format!("'{s}'");
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Which JSON Resume key a section stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    Summary,
    Work,
    Education,
    Projects,
    Skills,
    Volunteer,
    Awards,
    Certificates,
    Publications,
    Languages,
    Interests,
    References,
    Profiles,
}

impl Key {
    fn title(self) -> &'static str {
        match self {
            Key::Summary => "Summary",
            Key::Work => "Experience",
            Key::Education => "Education",
            Key::Projects => "Projects",
            Key::Skills => "Skills",
            Key::Volunteer => "Volunteering",
            Key::Awards => "Awards",
            Key::Certificates => "Certificates",
            Key::Publications => "Publications",
            Key::Languages => "Languages",
            Key::Interests => "Interests",
            Key::References => "References",
            Key::Profiles => "Profiles",
        }
    }

    /// The key a section id names, when it is one of ours.
    fn from_id(id: &str) -> Option<Key> {
        const ALL: [Key; 13] = [
            Key::Summary,
            Key::Work,
            Key::Education,
            Key::Projects,
            Key::Skills,
            Key::Volunteer,
            Key::Awards,
            Key::Certificates,
            Key::Publications,
            Key::Languages,
            Key::Interests,
            Key::References,
            Key::Profiles,
        ];
        ALL.into_iter().find(|k| k.id() == id)
    }

    fn id(self) -> &'static str {
        match self {
            Key::Summary => "summary",
            Key::Work => "work",
            Key::Education => "education",
            Key::Projects => "projects",
            Key::Skills => "skills",
            Key::Volunteer => "volunteer",
            Key::Awards => "awards",
            Key::Certificates => "certificates",
            Key::Publications => "publications",
            Key::Languages => "languages",
            Key::Interests => "interests",
            Key::References => "references",
            Key::Profiles => "profiles",
        }
    }
}

/// The dates of an entry as TOML.
enum TDates {
    Single(String),
    Range(String, String),
}

/// An entry with every text already in markup.
#[derive(Default)]
struct TEntry {
    title: String,
    org: Option<String>,
    location: Option<String>,
    dates: Option<TDates>,
    subtitle: Option<String>,
    details: Vec<String>,
    bullets: Vec<String>,
}

enum TBody {
    Text(String),
    Entries(Vec<TEntry>),
    Rows(Vec<(String, String)>),
}

/// Some(escaped) for non-empty text.
fn opt(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| esc(s))
}

fn range_dates(start: &str, end: &str) -> Option<TDates> {
    match (start.is_empty(), end.is_empty()) {
        (true, true) => None,
        (false, true) => Some(TDates::Range(start.to_owned(), "present".to_owned())),
        (true, false) => Some(TDates::Single(end.to_owned())),
        (false, false) => Some(TDates::Range(start.to_owned(), end.to_owned())),
    }
}

fn single_date(d: &str) -> Option<TDates> {
    (!d.is_empty()).then(|| TDates::Single(d.to_owned()))
}

/// Builds the markup of linked text, reporting a link it cannot write.
struct Linker<'w> {
    warnings: &'w mut Vec<String>,
}

impl Linker<'_> {
    /// `label` linked to `url` (the URL is the label when there is none).
    fn link(&mut self, label: &str, url: &str, path: &str) -> String {
        if url.is_empty() {
            return esc(label);
        }
        let shown = if label.trim().is_empty() { url } else { label };
        match link_markup(shown, url) {
            Some(m) => m,
            None => {
                self.warnings.push(format!(
                    "{path}.url: `{url}` cannot be written as a link; not carried over"
                ));
                esc(label)
            }
        }
    }
}

fn job_entry(j: &Job, path: &str, ln: &mut Linker) -> TEntry {
    let has_org = !j.org.is_empty() || !j.url.is_empty();
    let (title, org) = if j.position.is_empty() {
        (ln.link(&j.org, &j.url, path), None)
    } else {
        let org = has_org.then(|| ln.link(&j.org, &j.url, path));
        (esc(&j.position), org)
    };
    TEntry {
        title,
        org,
        location: opt(&j.location),
        dates: range_dates(&j.start, &j.end),
        subtitle: opt(&j.description),
        details: opt(&j.summary).into_iter().collect(),
        bullets: j.highlights.iter().map(|h| esc(h)).collect(),
    }
}

fn education_entry(e: &Education, path: &str, ln: &mut Linker) -> TEntry {
    let subtitle = [&e.study_type, &e.area]
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    let mut details = Vec::new();
    if !e.score.is_empty() {
        let label = if e.score.starts_with(|c: char| c.is_ascii_digit()) {
            "GPA"
        } else {
            "Grade"
        };
        details.push(esc(&format!("{label}: {}", e.score)));
    }
    if !e.courses.is_empty() {
        details.push(esc(&format!("Courses: {}", e.courses.join(", "))));
    }
    TEntry {
        title: ln.link(&e.institution, &e.url, path),
        location: opt(&e.location),
        dates: range_dates(&e.start, &e.end),
        subtitle: opt(&subtitle),
        details,
        ..TEntry::default()
    }
}

fn project_entry(p: &Project, path: &str, ln: &mut Linker) -> TEntry {
    let mut details = Vec::new();
    for (label, items) in [("Roles", &p.roles), ("Keywords", &p.keywords)] {
        if !items.is_empty() {
            details.push(esc(&format!("{label}: {}", items.join(", "))));
        }
    }
    if !p.kind.is_empty() {
        details.push(esc(&format!("Type: {}", p.kind)));
    }
    TEntry {
        title: ln.link(&p.name, &p.url, path),
        org: opt(&p.entity),
        dates: range_dates(&p.start, &p.end),
        subtitle: opt(&p.description),
        details,
        bullets: p.highlights.iter().map(|h| esc(h)).collect(),
        ..TEntry::default()
    }
}

/// The sections in the conventional order.
fn sections(r: &Resume, warnings: &mut Vec<String>) -> Vec<(Key, TBody)> {
    let mut ln = Linker { warnings };
    let mut out = Vec::new();
    if !r.basics.summary.is_empty() {
        out.push((Key::Summary, TBody::Text(esc(&r.basics.summary))));
    }
    let mut push = |key: Key, body: TBody| {
        let empty = match &body {
            TBody::Text(t) => t.is_empty(),
            TBody::Entries(e) => e.is_empty(),
            TBody::Rows(r) => r.is_empty(),
        };
        if !empty {
            out.push((key, body));
        }
    };
    let work = r
        .work
        .iter()
        .enumerate()
        .map(|(i, j)| job_entry(j, &format!("work[{i}]"), &mut ln))
        .collect();
    push(Key::Work, TBody::Entries(work));
    let education = r
        .education
        .iter()
        .enumerate()
        .map(|(i, e)| education_entry(e, &format!("education[{i}]"), &mut ln))
        .collect();
    push(Key::Education, TBody::Entries(education));
    let projects = r
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| project_entry(p, &format!("projects[{i}]"), &mut ln))
        .collect();
    push(Key::Projects, TBody::Entries(projects));
    let skills = r
        .skills
        .iter()
        .map(|s| {
            let label = if s.level.is_empty() {
                s.name.clone()
            } else if s.name.is_empty() {
                format!("({})", s.level)
            } else {
                format!("{} ({})", s.name, s.level)
            };
            (esc(&label), esc(&s.keywords.join(", ")))
        })
        .collect();
    push(Key::Skills, TBody::Rows(skills));
    let volunteer = r
        .volunteer
        .iter()
        .enumerate()
        .map(|(i, j)| job_entry(j, &format!("volunteer[{i}]"), &mut ln))
        .collect();
    push(Key::Volunteer, TBody::Entries(volunteer));
    let awards = r
        .awards
        .iter()
        .map(|a| TEntry {
            title: esc(&a.title),
            org: opt(&a.awarder),
            dates: single_date(&a.date),
            details: opt(&a.summary).into_iter().collect(),
            ..TEntry::default()
        })
        .collect();
    push(Key::Awards, TBody::Entries(awards));
    let certificates = r
        .certificates
        .iter()
        .enumerate()
        .map(|(i, c)| TEntry {
            title: ln.link(&c.name, &c.url, &format!("certificates[{i}]")),
            org: opt(&c.issuer),
            dates: single_date(&c.date),
            ..TEntry::default()
        })
        .collect();
    push(Key::Certificates, TBody::Entries(certificates));
    let publications = r
        .publications
        .iter()
        .enumerate()
        .map(|(i, p)| TEntry {
            title: ln.link(&p.name, &p.url, &format!("publications[{i}]")),
            org: opt(&p.publisher),
            dates: single_date(&p.release_date),
            details: opt(&p.summary).into_iter().collect(),
            ..TEntry::default()
        })
        .collect();
    push(Key::Publications, TBody::Entries(publications));
    let languages = r
        .languages
        .iter()
        .map(|l| (esc(&l.language), esc(&l.fluency)))
        .collect();
    push(Key::Languages, TBody::Rows(languages));
    let interests = r
        .interests
        .iter()
        .map(|i| (esc(&i.name), esc(&i.keywords.join(", "))))
        .collect();
    push(Key::Interests, TBody::Rows(interests));
    let references = r
        .references
        .iter()
        .map(|x| TEntry {
            title: esc(&x.name),
            details: opt(&x.reference).into_iter().collect(),
            ..TEntry::default()
        })
        .collect();
    push(Key::References, TBody::Entries(references));
    let profiles = r
        .basics
        .profiles
        .iter()
        .filter(|p| p.url.is_empty())
        .map(|p| (esc(&p.network), esc(&p.username)))
        .collect();
    push(Key::Profiles, TBody::Rows(profiles));
    out
}

/// The contact-line links: `basics.url` first, then the profiles with a URL.
fn links(b: &Basics) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if !b.url.is_empty() {
        out.push((strip_scheme(&b.url).to_owned(), b.url.clone()));
    }
    for p in b.profiles.iter().filter(|p| !p.url.is_empty()) {
        let network = p.network.trim().to_lowercase();
        let derived = username_of(&p.url);
        let label = if network.is_empty() {
            if p.username.is_empty() {
                strip_scheme(&p.url).to_owned()
            } else {
                p.username.clone()
            }
        } else if p.username.is_empty() || p.username == derived {
            network
        } else {
            format!("{network}: {}", p.username)
        };
        out.push((label, p.url.clone()));
    }
    out
}

fn list_lines(out: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str(key);
    out.push_str(" = [\n");
    for item in items {
        out.push_str("  ");
        out.push_str(&q(item));
        out.push_str(",\n");
    }
    out.push_str("]\n");
}

fn to_toml(r: &Resume, warnings: &mut Vec<String>) -> String {
    let b = &r.basics;
    let mut out = String::new();
    out.push_str(
        "# Résumé imported from JSON Resume.\n\
         #\n\
         # Build the one-page PDF:  resume build resume.toml\n\
         # Check it without writing: resume check resume.toml\n\
         #\n\
         # Text fields take inline markup: **bold**, *italic*, `code`, [label](url).\n\
         # Characters that would read as markup carry a backslash (\\*, \\`, \\[, \\\\)\n\
         # so that they print as written.\n\
         #\n\
         # Tailoring: give a section, an entry, a bullet, a skill row or a link\n\
         # `tags = [\"backend\"]` and describe variants at the end of this file.\n\
         # Trimming: `priority = 2` or higher on a section or an entry, or a bullet\n\
         # written `{ text = \"...\", priority = 3 }`, marks it optional for --trim.\n\n",
    );
    out.push_str(
        "[theme]\n\
         # Text prints exactly as imported. Set true for curly quotes, and dashes\n\
         # and ellipses from -- --- and ...\n\
         smart_punctuation = false\n\n",
    );
    let person_at = out.len();
    out.push_str("[person]\n");
    out.push_str(&format!("name = {}\n", q(&esc(&b.name))));
    for (key, value) in [
        ("headline", &b.label),
        ("email", &b.email),
        ("phone", &b.phone),
    ] {
        if !value.is_empty() {
            out.push_str(&format!("{key} = {}\n", q(&esc(value))));
        }
    }
    let location = location_line(&b.location);
    if !location.is_empty() {
        out.push_str(&format!("location = {}\n", q(&esc(&location))));
    }
    let links = links(b);
    if !links.is_empty() {
        out.push_str("links = [\n");
        for (label, url) in &links {
            out.push_str(&format!(
                "  {{ label = {}, url = {} }},\n",
                q(&esc(label)),
                q(url)
            ));
        }
        out.push_str("]\n");
    }

    let sections = sections(r, warnings);
    for (i, (key, body)) in sections.iter().enumerate() {
        out.push_str("\n[[sections]]\n");
        out.push_str(&format!("title = {}\n", q(key.title())));
        if i == 0 {
            out.push_str(&format!(
                "id = {}   # variants name sections by id\n",
                q(key.id())
            ));
        } else {
            out.push_str(&format!("id = {}\n", q(key.id())));
        }
        match body {
            TBody::Text(text) => out.push_str(&format!("text = {}\n", q(text))),
            TBody::Rows(rows) => {
                out.push_str("skills = [\n");
                for (label, items) in rows {
                    out.push_str(&format!(
                        "  {{ label = {}, items = {} }},\n",
                        q(label),
                        q(items)
                    ));
                }
                out.push_str("]\n");
            }
            TBody::Entries(entries) => {
                for e in entries {
                    out.push_str("\n[[sections.entries]]\n");
                    out.push_str(&format!("title = {}\n", q(&e.title)));
                    for (key, value) in [("org", &e.org), ("location", &e.location)] {
                        if let Some(v) = value {
                            out.push_str(&format!("{key} = {}\n", q(v)));
                        }
                    }
                    match &e.dates {
                        Some(TDates::Single(d)) => out.push_str(&format!("dates = {}\n", q(d))),
                        Some(TDates::Range(s, e)) => out.push_str(&format!(
                            "dates = {{ start = {}, end = {} }}\n",
                            q(s),
                            q(e)
                        )),
                        None => {}
                    }
                    if let Some(s) = &e.subtitle {
                        out.push_str(&format!("subtitle = {}\n", q(s)));
                    }
                    list_lines(&mut out, "details", &e.details);
                    list_lines(&mut out, "bullets", &e.bullets);
                }
            }
        }
    }

    let ids: Vec<String> = sections.iter().map(|(k, _)| q(k.id())).take(3).collect();
    out.push_str(
        "\n# Variants: one file, a résumé per job. For example:\n\
         #\n\
         # [variants.short]\n\
         # exclude = [\"old\"]      # drop items tagged \"old\"\n",
    );
    if !ids.is_empty() {
        out.push_str(&format!(
            "# sections = [{}]   # these sections, in this order\n",
            ids.join(", ")
        ));
    }
    out.push_str(
        "#\n\
         # [variants.short.override.person]\n\
         # headline = \"Backend Engineer\"\n\
         #\n\
         # Then: resume build --variant short, or resume build --all\n",
    );
    let uncovered = uncovered_characters(&out);
    if !uncovered.is_empty() {
        let sample: String = uncovered.iter().take(8).collect();
        out.insert_str(
            person_at,
            &format!(
                "# Some text ({sample}) uses characters that the bundled fonts lack. Name a font\n\
                 # file that has them (absolute, or relative to this file), for example:\n\
                 # [fonts]\n\
                 # fallback = [\"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc\"]\n\n"
            ),
        );
    }
    out
}

/// Characters of `text` that no bundled face has, in order of appearance.
fn uncovered_characters(text: &str) -> Vec<char> {
    if text.is_ascii() {
        return Vec::new();
    }
    let book = crate::text::shape::FontBook::new();
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        if c.is_ascii() || c.is_whitespace() || c.is_control() || out.contains(&c) {
            continue;
        }
        if !crate::theme::fonts::FontId::ALL
            .iter()
            .any(|f| book.covers(*f, c))
        {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// From the document back to JSON Resume.

/// The text of rich text, with a link inside a longer text as `label (url)`.
fn flat(r: &Rich) -> String {
    let mut out = String::new();
    let mut i = 0;
    let spans = &r.spans;
    while let Some(span) = spans.get(i) {
        let Some(url) = &span.link else {
            out.push_str(&span.text);
            i += 1;
            continue;
        };
        let mut label = String::new();
        while let Some(s) = spans.get(i).filter(|s| s.link.as_ref() == Some(url)) {
            label.push_str(&s.text);
            i += 1;
        }
        if label == *url || label == strip_scheme(url) {
            out.push_str(url);
        } else {
            out.push_str(&format!("{label} ({url})"));
        }
    }
    out
}

/// The text of rich text and the one link all of it carries, if it does.
fn text_link(r: &Rich) -> (String, Option<String>) {
    let mut links = r
        .spans
        .iter()
        .filter(|s| !s.text.is_empty())
        .map(|s| s.link.as_deref());
    match links.next() {
        Some(Some(first)) if links.all(|l| l == Some(first)) => {
            let text = r.text();
            let name = if text == first { String::new() } else { text };
            (name, Some(first.to_owned()))
        }
        _ => (flat(r), None),
    }
}

fn opt_text(r: &Option<Rich>) -> String {
    r.as_ref().map(flat).unwrap_or_default()
}

fn join_lines(lines: &[Rich]) -> String {
    lines.iter().map(flat).collect::<Vec<_>>().join("\n")
}

/// Which key a section stands for, from its title and body.
fn classify(title: &str, body: &Body) -> Key {
    let t = title.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    match body {
        Body::Text(_) => Key::Summary,
        Body::Skills(_) => {
            if has(&["language"]) && !has(&["programming", "skill", "technical"]) {
                Key::Languages
            } else if has(&["interest", "hobbies"]) {
                Key::Interests
            } else if has(&["profile"]) {
                Key::Profiles
            } else {
                Key::Skills
            }
        }
        Body::Entries(entries) => {
            if has(&["volunteer"]) {
                Key::Volunteer
            } else if has(&["education", "academic"]) {
                Key::Education
            } else if has(&["project"]) {
                Key::Projects
            } else if has(&["award", "honor", "honour", "achievement"]) {
                Key::Awards
            } else if has(&["certif", "licen"]) {
                Key::Certificates
            } else if has(&["publication"]) {
                Key::Publications
            } else if has(&["reference"]) {
                Key::References
            } else if has(&["experience", "work", "employment", "career"])
                || entries.iter().any(|e| e.org.is_some())
            {
                Key::Work
            } else {
                Key::Projects
            }
        }
    }
}

/// A `work` or `volunteer` item from an entry.
fn job_of(e: &Entry, work: bool) -> Job {
    let (title, title_url) = text_link(&e.title);
    let (org, position, url) = match &e.org {
        Some(org) => {
            let (name, org_url) = text_link(org);
            (name, e.title.text(), org_url.or(title_url))
        }
        None => (title, String::new(), title_url),
    };
    let (start, end) = dates_of(e).range();
    let mut summary = join_lines(&e.details);
    let mut description = opt_text(&e.subtitle);
    if !work && !description.is_empty() {
        summary = [description, summary]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        description = String::new();
    }
    Job {
        org,
        position,
        url: url.unwrap_or_default(),
        location: if work {
            opt_text(&e.location)
        } else {
            String::new()
        },
        description,
        start,
        end,
        summary,
        highlights: e.bullets.iter().map(|b| flat(&b.text)).collect(),
    }
}

/// The text after `label:` when a line starts with one of the labels.
fn labelled<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    let (head, rest) = line.split_once(": ")?;
    labels
        .iter()
        .any(|l| l.eq_ignore_ascii_case(head.trim()))
        .then_some(rest)
}

fn education_of(e: &Entry) -> Education {
    let (institution, url) = text_link(&e.title);
    let subtitle = opt_text(&e.subtitle);
    let (study_type, area) = match subtitle.split_once(", ") {
        Some((s, a)) => (s.to_owned(), a.to_owned()),
        None => (String::new(), subtitle),
    };
    let (start, end) = dates_of(e).range();
    let mut score = String::new();
    let mut courses = Vec::new();
    for line in e.details.iter().map(flat) {
        if let Some(s) = labelled(&line, &["GPA", "Grade"]) {
            score = s.to_owned();
        } else if let Some(c) = labelled(
            &line,
            &[
                "Courses",
                "Coursework",
                "Relevant Coursework",
                "Relevant Courses",
            ],
        ) {
            courses.extend(split_list(c));
        } else {
            courses.push(line);
        }
    }
    Education {
        institution,
        url: url.unwrap_or_default(),
        area,
        study_type,
        location: opt_text(&e.location),
        start,
        end,
        score,
        courses,
    }
}

fn project_of(e: &Entry) -> Project {
    let (name, url) = text_link(&e.title);
    let (start, end) = dates_of(e).range();
    let mut p = Project {
        name,
        url: url.unwrap_or_default(),
        entity: opt_text(&e.org),
        description: opt_text(&e.subtitle),
        start,
        end,
        highlights: e.bullets.iter().map(|b| flat(&b.text)).collect(),
        ..Project::default()
    };
    if p.url.is_empty()
        && let Some(link) = e
            .subtitle
            .iter()
            .flat_map(|s| s.spans.iter())
            .find_map(|s| s.link.clone())
    {
        p.url = link;
    }
    let mut extra = Vec::new();
    for line in e.details.iter().map(flat) {
        if let Some(r) = labelled(&line, &["Roles", "Role"]) {
            p.roles.extend(split_list(r));
        } else if let Some(k) = labelled(
            &line,
            &["Keywords", "Technologies", "Tech Stack", "Stack", "Tools"],
        ) {
            p.keywords.extend(split_list(k));
        } else if let Some(t) = labelled(&line, &["Type"]) {
            p.kind = t.to_owned();
        } else {
            extra.push(line);
        }
    }
    if !extra.is_empty() {
        extra.insert(0, std::mem::take(&mut p.description));
        extra.retain(|s| !s.is_empty());
        p.description = extra.join("\n");
    }
    p
}

fn row_parts(row: &SkillRow) -> (String, String) {
    (flat(&row.label), flat(&row.items))
}

/// A contact link back to a profile or `basics.url`.
fn contact_link(b: &mut Basics, label: &str, url: &str) {
    if label == strip_scheme(url) || label.is_empty() {
        if b.url.is_empty() {
            b.url = url.to_owned();
        } else {
            b.profiles.push(Profile {
                username: username_of(url),
                url: url.to_owned(),
                ..Profile::default()
            });
        }
        return;
    }
    let derived = username_of(url);
    let (network, username) = match label.split_once(": ") {
        Some((n, u)) => (network_name(n), u.to_owned()),
        None if label == derived => (String::new(), derived),
        None => (network_name(label), derived),
    };
    b.profiles.push(Profile {
        network,
        username,
        url: url.to_owned(),
    });
}

fn from_document(doc: &Document) -> Resume {
    let mut r = Resume::default();
    r.basics.name = flat(&doc.name);
    r.basics.label = opt_text(&doc.headline);
    for contact in &doc.contacts {
        let (text, link) = text_link(contact);
        match link {
            Some(url) if url.starts_with("mailto:") && r.basics.email.is_empty() => {
                r.basics.email = contact.text();
            }
            Some(url) if url.starts_with("tel:") && r.basics.phone.is_empty() => {
                r.basics.phone = contact.text();
            }
            Some(url) => contact_link(&mut r.basics, &text, &url),
            None => {
                if location_line(&r.basics.location).is_empty() {
                    r.basics.location = parse_location(&text);
                }
            }
        }
    }
    for section in &doc.sections {
        // The section's id says which key it came from; the title is a guess.
        let key = section
            .id
            .as_deref()
            .and_then(Key::from_id)
            .unwrap_or_else(|| classify(&section.title.text(), &section.body));
        match &section.body {
            Body::Text(text) => {
                let text = flat(text);
                if r.basics.summary.is_empty() {
                    r.basics.summary = text;
                } else if !text.is_empty() {
                    r.basics.summary = format!("{}\n\n{text}", r.basics.summary);
                }
            }
            Body::Skills(rows) => {
                for row in rows {
                    let (label, items) = row_parts(row);
                    match key {
                        Key::Languages => r.languages.push(Language {
                            language: label,
                            fluency: items,
                        }),
                        Key::Interests => r.interests.push(Interest {
                            name: label,
                            keywords: split_list(&items),
                        }),
                        Key::Profiles => r.basics.profiles.push(Profile {
                            network: network_name(&label),
                            username: items,
                            url: String::new(),
                        }),
                        _ => {
                            let (name, level) = split_level(&label);
                            r.skills.push(Skill {
                                name,
                                level,
                                keywords: split_list(&items),
                            });
                        }
                    }
                }
            }
            Body::Entries(entries) => {
                for e in entries {
                    entry_into(&mut r, key, e);
                }
            }
        }
    }
    r
}

fn entry_into(r: &mut Resume, key: Key, e: &Entry) {
    match key {
        Key::Volunteer => r.volunteer.push(job_of(e, false)),
        Key::Education => r.education.push(education_of(e)),
        Key::Projects => r.projects.push(project_of(e)),
        Key::Awards => r.awards.push(Award {
            title: flat(&e.title),
            date: dates_of(e).single(),
            awarder: opt_text(&e.org),
            summary: join_lines(&e.details),
        }),
        Key::Certificates => {
            let (name, url) = text_link(&e.title);
            r.certificates.push(Certificate {
                name,
                date: dates_of(e).single(),
                url: url.unwrap_or_default(),
                issuer: opt_text(&e.org),
            });
        }
        Key::Publications => {
            let (name, url) = text_link(&e.title);
            r.publications.push(Publication {
                name,
                publisher: opt_text(&e.org),
                release_date: dates_of(e).single(),
                url: url.unwrap_or_default(),
                summary: join_lines(&e.details),
            });
        }
        Key::References => {
            let mut lines: Vec<String> = e.details.iter().map(flat).collect();
            lines.extend(e.bullets.iter().map(|b| flat(&b.text)));
            r.references.push(Reference {
                name: flat(&e.title),
                reference: lines.join("\n"),
            });
        }
        _ => r.work.push(job_of(e, true)),
    }
}

// ---------------------------------------------------------------------------
// The import's own round trip.

/// Compile the generated TOML as far as the document, export it, and report
/// every field that would not come back as the import read it.
fn self_check(expected: &Resume, toml: &str) -> Vec<String> {
    let parsed = match crate::model::parse(toml) {
        Ok(p) => p,
        Err(diagnostics) => {
            return diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| format!("the generated TOML does not parse: {}", d.message))
                .collect();
        }
    };
    let doc = match crate::select::select(&parsed, toml) {
        Ok(doc) => doc,
        Err(diagnostics) => {
            return diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| match &d.path {
                    Some(p) => format!("the generated TOML has an error at {p}: {}", d.message),
                    None => format!("the generated TOML has an error: {}", d.message),
                })
                .collect();
        }
    };
    // Networks are written in lower case and come back in their usual spelling.
    let lower = |r: &Resume| {
        let mut r = r.clone();
        for p in &mut r.basics.profiles {
            p.network = p.network.to_lowercase();
        }
        r.json().to_value()
    };
    let mut out = Vec::new();
    diff("", &lower(expected), &lower(&from_document(&doc)), &mut out);
    if out.len() > MAX_DIFFS {
        let more = out.len() - MAX_DIFFS;
        out.truncate(MAX_DIFFS);
        out.push(format!(
            "… and {more} more fields that do not export back unchanged"
        ));
    }
    out
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn show(v: Option<&Value>) -> String {
    match v {
        None => "nothing".to_owned(),
        Some(Value::String(s)) => format!("{s:?}"),
        Some(Value::Array(a)) => format!("a list of {}", a.len()),
        Some(Value::Object(_)) => "an object".to_owned(),
        Some(other) => other.to_string(),
    }
}

fn diff(path: &str, expected: &Value, got: &Value, out: &mut Vec<String>) {
    match (expected, got) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let p = child(path, key);
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => diff(&p, x, y, out),
                    (x, y) => out.push(mismatch(&p, x, y)),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                let p = format!("{path}[{i}]");
                match (a.get(i), b.get(i)) {
                    (Some(x), Some(y)) => diff(&p, x, y, out),
                    (x, y) => out.push(mismatch(&p, x, y)),
                }
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(mismatch(path, Some(a), Some(b))),
    }
}

fn mismatch(path: &str, expected: Option<&Value>, got: Option<&Value>) -> String {
    format!(
        "{path}: {} would export back as {} (the TOML cannot tell them apart)",
        show(expected),
        show(got)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_reads_back_literally() {
        for s in [
            "*stars*",
            "`ticks`",
            "[brackets](x)",
            "back\\slash\\",
            "$ _ # % & ~ ^ { } < >",
            "**bold** and *it*",
            "a\\*b",
            "",
        ] {
            let spans = markup::parse_inline(&esc(s)).expect("escaped text parses");
            assert_eq!(markup::plain_text(&spans), s);
            assert!(
                spans
                    .iter()
                    .all(|sp| sp.link.is_none() && sp.style == Style::default())
            );
        }
    }

    #[test]
    fn links_are_checked() {
        assert_eq!(
            link_markup("A [b] *c*", "https://x.org/a_(b)"),
            Some("[A \\[b\\] \\*c\\*](https://x.org/a_(b))".to_owned())
        );
        assert_eq!(link_markup("a", "https://x.org/a)b"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(canonical_date("2024-07-15").0, "2024-07");
        assert!(canonical_date("2024-07-15").1.is_some());
        assert_eq!(canonical_date("2024-07"), ("2024-07".to_owned(), None));
        assert_eq!(canonical_date("2024"), ("2024".to_owned(), None));
        assert_eq!(canonical_date("2024-7").0, "2024-07");
        assert_eq!(
            canonical_date("Summer 2020"),
            ("Summer 2020".to_owned(), None)
        );
        assert_eq!(canonical_date("Jul 2024").0, "2024-07");
        assert_eq!(canonical_date("2024-13").0, "");
        assert_eq!(canonical_date("2020-01-01T00:00:00Z").0, "2020-01");
        assert_eq!(unformat_date("Present"), "present");
        assert_eq!(unformat_date("Dec 1999"), "1999-12");
    }

    #[test]
    fn lists_and_levels() {
        assert_eq!(
            split_list("AWS (Lambda, S3), Docker, "),
            vec!["AWS (Lambda, S3)", "Docker"]
        );
        assert_eq!(split_list(""), Vec::<String>::new());
        assert_eq!(
            split_level("Web (Master (5y))"),
            ("Web".to_owned(), "Master (5y)".to_owned())
        );
        assert_eq!(split_level("Rust"), ("Rust".to_owned(), String::new()));
        assert_eq!(split_level("(x)"), (String::new(), "x".to_owned()));
        assert_eq!(split_level("a)"), ("a)".to_owned(), String::new()));
    }

    #[test]
    fn locations_read_back() {
        let l = Location {
            address: "2712 Broadway St".into(),
            postal_code: "CA 94115".into(),
            city: "San Francisco".into(),
            country_code: "US".into(),
            region: "California".into(),
        };
        assert_eq!(parse_location(&location_line(&l)), l);
        let l = Location {
            city: "Berlin".into(),
            country_code: "DE".into(),
            ..Location::default()
        };
        assert_eq!(parse_location(&location_line(&l)), l);
    }

    #[test]
    fn usernames() {
        assert_eq!(username_of("https://github.com/ada/"), "ada");
        assert_eq!(username_of("https://mastodon.social/@ada"), "ada");
        assert_eq!(username_of("https://ada.dev"), "");
        assert_eq!(username_of("not a url"), "");
    }

    #[test]
    fn toml_strings() {
        assert_eq!(q("a\\*b"), "'a\\*b'");
        assert_eq!(q("it's \\*"), "\"it's \\\\*\"");
        assert_eq!(q("line\nnext\u{1}"), "\"line\\nnext\\u0001\"");
    }

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
