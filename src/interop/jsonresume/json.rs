//! The JSON text of a [`Resume`], in the schema's key order.

use serde_json::Value;

use super::SCHEMA_URL;
use super::schema::{Job, Resume};

/// A JSON value whose objects keep their key order (the schema's order).
pub(super) enum J {
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

    /// Pretty JSON text, two spaces an indent level.
    pub(super) fn write(&self, out: &mut String, indent: usize) {
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

    /// The same value as a [`Value`], for comparing.
    pub(super) fn to_value(&self) -> Value {
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
    /// The JSON Resume document, without empty values.
    pub(super) fn json(&self) -> J {
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
