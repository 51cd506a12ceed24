//! Reading a JSON Resume value leniently: numbers and booleans as text,
//! keys of the older schema under their v1 names, and a warning for
//! everything that is dropped.

use serde_json::{Map, Value};

use super::dates::canonical_date;
use super::encoding::username_of;
use super::json::{blank, child_path};
use super::schema::{
    Award, Basics, Certificate, Education, Interest, Job, Language, Location, Profile, Project,
    Publication, Reference, Resume, Skill,
};
use super::source::Problem;
use super::toml::link_markup;
use crate::limits::MAX_FIELD_CHARS;
use crate::model::{contact, date};
use crate::text::is_invisible;

/// Where the name goes, for every error about a missing one.
const NAME_HINT: &str = "a JSON Resume document names the person in `basics.name`";

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

    /// The JSON path of one of the object's keys.
    fn at(&self, key: &str) -> String {
        child_path(&self.path, key)
    }
}

/// What a JSON value is, as a warning names it.
pub(super) fn kind(v: &Value) -> &'static str {
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

/// Whether a control character is one the résumé cannot print: all but
/// the tab and the line feed.
fn unprintable(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// The error for a text over the length limit, counted as the TOML holds
/// it: with a backslash before each character that would read as markup.
fn too_long(text: &str, path: &str) -> Option<Problem> {
    let chars = text.chars().count();
    let escaped = chars
        + text
            .chars()
            .filter(|c| matches!(c, '\\' | '*' | '`' | '['))
            .count();
    if escaped <= MAX_FIELD_CHARS {
        return None;
    }
    let length = if escaped == chars {
        format!("{chars} characters long")
    } else {
        format!(
            "{chars} characters long, {escaped} with a backslash before each `*`, `` ` ``, `[` and `\\`"
        )
    };
    Some(Problem::at(
        path,
        format!("this text is {length}; the limit is {MAX_FIELD_CHARS}"),
        "split it, or shorten it: a bullet is read in seconds",
    ))
}

/// Why the document has no name: the problem at the value that should hold it.
fn name_problem(root: &Value) -> Problem {
    let Some(basics) = root.get("basics").filter(|v| !v.is_null()) else {
        return Problem::at("", "missing field `basics`", NAME_HINT);
    };
    let Value::Object(fields) = basics else {
        let message = format!("`basics` is {}, not an object", kind(basics));
        return Problem::at("basics", message, NAME_HINT);
    };
    match fields.get("name").filter(|v| !v.is_null()) {
        None => Problem::at("basics", "missing field `name`", NAME_HINT),
        Some(v) if scalar(v).is_none() => Problem::at(
            "basics.name",
            format!("the name is {}, not text", kind(v)),
            NAME_HINT,
        ),
        Some(_) => Problem::at(
            "basics.name",
            "the name is empty",
            "write the name to print at the top of the page",
        ),
    }
}

/// Reads JSON Resume values into the schema types and collects the warnings.
#[derive(Default)]
pub(super) struct Reader {
    /// What was dropped or changed, one line each.
    pub(super) warnings: Vec<String>,
    /// The first text the résumé cannot hold.
    error: Option<Problem>,
}

impl Reader {
    fn warn(&mut self, message: String) {
        self.warnings.push(message);
    }

    /// Text as the résumé can hold it: without the control characters it
    /// cannot print (a warning names them; a carriage return before a line
    /// feed is a line ending and goes quietly), and an error when it is
    /// over the length limit.
    fn clean(&mut self, text: String, path: &str) -> String {
        let text = self.printable(text, path);
        if self.error.is_none() {
            self.error = too_long(&text, path);
        }
        text
    }

    /// The text without the control characters the résumé cannot print,
    /// with a warning naming them.
    fn printable(&mut self, text: String, path: &str) -> String {
        if !text.chars().any(unprintable) {
            return text;
        }
        let mut removed: Vec<char> = Vec::new();
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' && chars.peek() == Some(&'\n') {
                continue;
            }
            if unprintable(c) {
                if !removed.contains(&c) {
                    removed.push(c);
                }
                continue;
            }
            out.push(c);
        }
        let names: Vec<String> = removed
            .iter()
            .map(|&c| format!("U+{:04X}", u32::from(c)))
            .collect();
        self.warn(format!(
            "{path}: control characters removed ({}): the résumé cannot print them",
            names.join(", ")
        ));
        out
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
            Some(s) => {
                let s = self.clean(s, &f.at(key));
                if s.trim().is_empty() {
                    String::new()
                } else {
                    s
                }
            }
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
        if let Err(reason) = crate::model::link::link_target(&url) {
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
                    match scalar(item).map(|s| self.clean(s, &format!("{path}[{i}]"))) {
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
            Some(v) => match scalar(v).map(|s| self.clean(s, &path)) {
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
    fn range(&mut self, f: &mut Fields) -> (String, String) {
        let start = self.date(f, "startDate");
        let mut end = self.date(f, "endDate");
        if end.eq_ignore_ascii_case("present") {
            end.clear();
        }
        if let (Ok(s), Ok(e)) = (date::parse_date(&start), date::parse_date(&end))
            && date::check_order(&s, &e).is_err()
        {
            self.warn(format!(
                "{}: startDate {start} is after endDate {end}; kept {start} only, as a single date",
                f.path
            ));
            return (String::new(), start);
        }
        (start, end)
    }

    /// The whole document; an error when it has no name or holds a text
    /// the résumé cannot.
    pub(super) fn resume(&mut self, root: &Value) -> Result<Resume, Problem> {
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
        r.work = self.each(&mut f, "work", |r, e| r.job(e, true));
        r.volunteer = self.each(&mut f, "volunteer", |r, e| r.job(e, false));
        r.education = self.each(&mut f, "education", Reader::education);
        r.awards = self.each(&mut f, "awards", Reader::award);
        r.certificates = self.each(&mut f, "certificates", Reader::certificate);
        r.publications = self.each(&mut f, "publications", Reader::publication);
        r.skills = self.each(&mut f, "skills", Reader::skill);
        r.languages = self.each(&mut f, "languages", Reader::language);
        r.interests = self.each(&mut f, "interests", Reader::interest);
        r.references = self.each(&mut f, "references", Reader::reference);
        r.projects = self.each(&mut f, "projects", Reader::project);
        self.finish(f);
        if r.basics
            .name
            .chars()
            .all(|c| c.is_whitespace() || is_invisible(c))
        {
            return Err(name_problem(root));
        }
        match self.error.take() {
            Some(problem) => Err(problem),
            None => Ok(r),
        }
    }

    /// Every object of the list under `key`, each read by `read` and then
    /// checked for keys that were not read.
    fn each<T>(
        &mut self,
        f: &mut Fields,
        key: &'static str,
        read: impl Fn(&mut Reader, &mut Fields) -> T,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for (path, v) in self.objects(f, key) {
            let mut e = self.fields(v, &path);
            out.push(read(self, &mut e));
            self.finish(e);
        }
        out
    }

    /// `basics`, with the e-mail and phone checked as the résumé checks them.
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
        if let Some(why) = Some(b.email.trim())
            .filter(|e| !e.is_empty())
            .and_then(contact::email_problem)
        {
            self.warn(format!(
                "basics.email: `{}` is not an e-mail address ({why}); not carried over",
                b.email
            ));
            b.email.clear();
        }
        if !b.phone.is_empty() && !contact::is_phone(&b.phone) {
            self.warn(format!(
                "basics.phone: `{}` is not a phone number; not carried over",
                b.phone
            ));
            b.phone.clear();
        }
        if let Some(loc) = f.get("location") {
            let mut l = self.fields(loc, "basics.location");
            b.location = self.location(&mut l);
            self.finish(l);
        }
        b.profiles = self.each(&mut f, "profiles", Reader::profile);
        self.finish(f);
        b
    }

    /// The fields of `basics.location`.
    fn location(&mut self, f: &mut Fields) -> Location {
        Location {
            address: self.text(f, "address"),
            postal_code: self.text(f, "postalCode"),
            city: self.text(f, "city"),
            country_code: self.text(f, "countryCode"),
            region: self.text(f, "region"),
        }
    }

    /// A profile; a missing username is the URL's last segment.
    fn profile(&mut self, f: &mut Fields) -> Profile {
        let mut profile = Profile {
            network: self.text(f, "network"),
            username: self.text(f, "username"),
            url: self.url(f, "url"),
        };
        if profile.username.is_empty() {
            profile.username = username_of(&profile.url);
        }
        profile
    }

    /// A `work` item, or a `volunteer` one (which has its organisation
    /// under `organization` and no location or description).
    fn job(&mut self, f: &mut Fields, work: bool) -> Job {
        let (start, end) = self.range(f);
        Job {
            name: if work {
                self.text_or(f, "name", "company")
            } else {
                String::new()
            },
            organization: if work {
                String::new()
            } else {
                self.text(f, "organization")
            },
            position: self.text(f, "position"),
            url: self.link_url(f, "url"),
            location: if work {
                self.text(f, "location")
            } else {
                String::new()
            },
            description: if work {
                self.text(f, "description")
            } else {
                String::new()
            },
            start,
            end,
            summary: self.text(f, "summary"),
            highlights: self.list(f, "highlights"),
        }
    }

    /// An `education` item.
    fn education(&mut self, f: &mut Fields) -> Education {
        let (start, end) = self.range(f);
        Education {
            institution: self.text(f, "institution"),
            url: self.link_url(f, "url"),
            area: self.text(f, "area"),
            study_type: self.text(f, "studyType"),
            location: self.text(f, "location"),
            start,
            end,
            score: self.text_or(f, "score", "gpa"),
            courses: self.list(f, "courses"),
        }
    }

    /// An `awards` item.
    fn award(&mut self, f: &mut Fields) -> Award {
        Award {
            title: self.text(f, "title"),
            date: self.date(f, "date"),
            awarder: self.text(f, "awarder"),
            summary: self.text(f, "summary"),
        }
    }

    /// A `certificates` item.
    fn certificate(&mut self, f: &mut Fields) -> Certificate {
        Certificate {
            name: self.text(f, "name"),
            date: self.date(f, "date"),
            url: self.link_url(f, "url"),
            issuer: self.text(f, "issuer"),
        }
    }

    /// A `publications` item.
    fn publication(&mut self, f: &mut Fields) -> Publication {
        Publication {
            name: self.text(f, "name"),
            publisher: self.text(f, "publisher"),
            release_date: self.date(f, "releaseDate"),
            url: self.link_url(f, "url"),
            summary: self.text(f, "summary"),
        }
    }

    /// A `skills` item.
    fn skill(&mut self, f: &mut Fields) -> Skill {
        Skill {
            name: self.text(f, "name"),
            level: self.text(f, "level"),
            keywords: self.list(f, "keywords"),
        }
    }

    /// A `languages` item.
    fn language(&mut self, f: &mut Fields) -> Language {
        Language {
            language: self.text(f, "language"),
            fluency: self.text(f, "fluency"),
        }
    }

    /// An `interests` item.
    fn interest(&mut self, f: &mut Fields) -> Interest {
        Interest {
            name: self.text(f, "name"),
            keywords: self.list(f, "keywords"),
        }
    }

    /// A `references` item.
    fn reference(&mut self, f: &mut Fields) -> Reference {
        Reference {
            name: self.text(f, "name"),
            reference: self.text(f, "reference"),
        }
    }

    /// A `projects` item.
    fn project(&mut self, f: &mut Fields) -> Project {
        let (start, end) = self.range(f);
        Project {
            name: self.text(f, "name"),
            description: self.text(f, "description"),
            highlights: self.list(f, "highlights"),
            keywords: self.list(f, "keywords"),
            start,
            end,
            url: self.link_url(f, "url"),
            roles: self.list(f, "roles"),
            entity: self.text(f, "entity"),
            kind: self.text(f, "type"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unprintable_characters_are_removed_with_a_warning() {
        let mut r = Reader::default();
        let cleaned = r.clean("a\r\nb\tc\u{0}d\u{85}\u{0}\r".to_owned(), "x");
        assert_eq!(cleaned, "a\nb\tcd");
        assert_eq!(
            r.warnings,
            [
                "x: control characters removed (U+0000, U+0085, U+000D): the résumé cannot print them"
            ]
        );
        assert_eq!(r.clean("plain\n".to_owned(), "y"), "plain\n");
        assert_eq!(r.warnings.len(), 1);
        assert!(r.error.is_none());
    }

    #[test]
    fn a_text_over_the_limit_is_an_error_at_its_path() {
        let mut r = Reader::default();
        r.clean("é".repeat(MAX_FIELD_CHARS), "fits");
        assert!(r.error.is_none());
        r.clean("é".repeat(MAX_FIELD_CHARS + 1), "long");
        r.clean("é".repeat(MAX_FIELD_CHARS + 2), "longer");
        let error = r.error.expect("an error");
        assert_eq!(error.path.as_deref(), Some("long"));
        assert_eq!(
            error.message,
            "this text is 5001 characters long; the limit is 5000"
        );
    }
}
