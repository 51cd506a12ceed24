//! A field that prints words: a plain string, or a table of translations
//! keyed by language tag (`title = { en = "Experience", de = "Berufserfahrung" }`).
//!
//! Both forms deserialise into one [`Text`], which keeps the span of every
//! translation so that markup errors and warnings point at the right one.
//! Which translation a document prints is chosen by [`Text::pick`]: the
//! document's language, else the file's default language, else the first
//! translation written.

use std::fmt;
use std::ops::Range;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use toml::Spanned;

use crate::diag::Diagnostic;
use crate::locale;
use crate::model::Resume;

/// One translation of a [`Text`]: its language tag and its words.
#[derive(Clone, Debug)]
pub struct Translation {
    /// The key as written, such as `de` or `pt-BR`.
    pub lang: Spanned<String>,
    /// The words in that language.
    pub text: Spanned<String>,
}

/// A text field: one string for every language, or one per language.
#[derive(Clone, Debug)]
pub enum Text {
    /// `"Experience"`: the same words in every language.
    Plain(Spanned<String>),
    /// `{ en = "Experience", de = "Berufserfahrung" }`, in written order.
    Languages(Spanned<Vec<Translation>>),
}

/// Which translation [`Text::pick`] chose.
#[derive(Debug, PartialEq, Eq)]
pub enum Picked<'a> {
    /// The plain string, or the translation in the language asked for.
    Found(&'a Spanned<String>),
    /// No translation in the language asked for: this one, in `lang`, instead.
    Fallback {
        /// The translation used.
        text: &'a Spanned<String>,
        /// Its language tag, as written.
        lang: &'a str,
    },
}

impl Picked<'_> {
    /// The words picked.
    pub fn text(&self) -> &Spanned<String> {
        match self {
            Picked::Found(text) | Picked::Fallback { text, .. } => text,
        }
    }
}

/// Whether a translation keyed `key` is in the language `lang`: the same
/// tag (any case), else the same language (`de` for `de-AT`).
fn exact(key: &str, lang: &str) -> bool {
    key.trim().eq_ignore_ascii_case(lang.trim())
}

fn same_language(key: &str, lang: &str) -> bool {
    match (locale::find(key), locale::find(lang)) {
        (Some(a), Some(b)) => a.code() == b.code(),
        _ => false,
    }
}

impl Text {
    /// A plain string.
    pub fn plain(span: Range<usize>, text: impl Into<String>) -> Text {
        Text::Plain(Spanned::new(span, text.into()))
    }

    /// The span of the whole field: the string, or the table.
    pub fn span(&self) -> Range<usize> {
        match self {
            Text::Plain(s) => s.span(),
            Text::Languages(t) => t.span(),
        }
    }

    /// The translations, in written order (none for a plain string).
    pub fn translations(&self) -> &[Translation] {
        match self {
            Text::Plain(_) => &[],
            Text::Languages(t) => t.get_ref(),
        }
    }

    /// Every string the field may print: the plain string, or each translation.
    pub fn strings(&self) -> impl Iterator<Item = &str> {
        let plain = match self {
            Text::Plain(s) => Some(s.get_ref().as_str()),
            Text::Languages(_) => None,
        };
        plain.into_iter().chain(
            self.translations()
                .iter()
                .map(|t| t.text.get_ref().as_str()),
        )
    }

    /// The words as written when the field has one form for all languages,
    /// else the first translation (empty for an empty table).
    pub fn first(&self) -> &str {
        self.strings().next().unwrap_or("")
    }

    /// The translation in `lang`, if the field is a table that has one.
    pub fn translation(&self, lang: &str) -> Option<&Translation> {
        let all = self.translations();
        all.iter()
            .find(|t| exact(t.lang.get_ref(), lang))
            .or_else(|| all.iter().find(|t| same_language(t.lang.get_ref(), lang)))
    }

    /// Whether the field prints something in `lang` of its own: a plain
    /// string always does, a table when it has that translation.
    pub fn has(&self, lang: &str) -> bool {
        matches!(self, Text::Plain(_)) || self.translation(lang).is_some()
    }

    /// The words to print in `lang`: the plain string; or the translation
    /// in `lang`; else the one in `default` (the file's language); else the
    /// first one written. `None` only for an empty table.
    pub fn pick(&self, lang: &str, default: Option<&str>) -> Option<Picked<'_>> {
        match self {
            Text::Plain(s) => Some(Picked::Found(s)),
            Text::Languages(all) => {
                if let Some(t) = self.translation(lang) {
                    return Some(Picked::Found(&t.text));
                }
                let fallback = default
                    .and_then(|d| self.translation(d))
                    .or_else(|| all.get_ref().first())?;
                Some(Picked::Fallback {
                    text: &fallback.text,
                    lang: fallback.lang.get_ref().as_str(),
                })
            }
        }
    }

    /// The errors of a table's keys (each a language with data, named once)
    /// and of an empty table; `path` names the field.
    pub fn check(&self, path: &str) -> Vec<Diagnostic> {
        let Text::Languages(all) = self else {
            return Vec::new();
        };
        let mut errors = Vec::new();
        if all.get_ref().is_empty() {
            errors.push(
                Diagnostic::error("this table has no translation")
                    .with_span(all.span())
                    .with_path(path)
                    .with_hint(
                        "write a string, or the words per language: { en = \"...\", de = \"...\" }",
                    ),
            );
        }
        for (i, t) in all.get_ref().iter().enumerate() {
            let key_path = format!("{path}.{}", t.lang.get_ref());
            match locale::check_tag(&t.lang, &key_path) {
                Err(mut e) => {
                    if !e.hints.iter().any(|h| h.starts_with("did you mean")) {
                        let codes: Vec<&str> = locale::languages().map(|l| l.code()).collect();
                        if let Some(hint) =
                            crate::diag::did_you_mean_hint(t.lang.get_ref().trim(), codes)
                        {
                            e.hints.insert(0, hint);
                        }
                    }
                    errors.push(e);
                }
                Ok(_) => {
                    let again = all.get_ref()[..i]
                        .iter()
                        .find(|earlier| exact(earlier.lang.get_ref(), t.lang.get_ref()));
                    if let Some(earlier) = again {
                        errors.push(
                            Diagnostic::error(format!(
                                "`{}` is translated twice (also as `{}`)",
                                t.lang.get_ref().trim(),
                                earlier.lang.get_ref()
                            ))
                            .with_span(t.lang.span())
                            .with_path(key_path)
                            .with_hint("keep one translation per language"),
                        );
                    }
                }
            }
        }
        errors
    }
}

/// Every text field of the résumé with its path, in the order written
/// (the variants' overrides last).
pub fn fields(resume: &Resume) -> Vec<(String, &Text)> {
    let mut out: Vec<(String, &Text)> = Vec::new();
    let person = &resume.person;
    out.push(("person.name".to_owned(), &person.name));
    out.extend(
        person
            .headline
            .iter()
            .map(|t| ("person.headline".to_owned(), t)),
    );
    out.extend(
        person
            .location
            .iter()
            .map(|t| ("person.location".to_owned(), t)),
    );
    for (i, link) in person.links.iter().enumerate() {
        out.push((format!("person.links[{i}].label"), &link.get_ref().label));
    }
    for (i, section) in resume.sections.iter().enumerate() {
        let s = section.get_ref();
        let path = format!("sections[{i}]");
        out.push((format!("{path}.title"), &s.title));
        out.extend(s.text.iter().map(|t| (format!("{path}.text"), t)));
        for (j, entry) in s.entries.iter().flatten().enumerate() {
            let e = entry.get_ref();
            let path = format!("{path}.entries[{j}]");
            out.push((format!("{path}.title"), &e.title));
            for (name, field) in [
                ("org", &e.org),
                ("location", &e.location),
                ("subtitle", &e.subtitle),
            ] {
                out.extend(field.iter().map(|t| (format!("{path}.{name}"), t)));
            }
            if let Some(dates) = &e.dates
                && let super::Dates::Single(text) = dates.get_ref()
            {
                out.push((format!("{path}.dates"), text));
            }
            for (k, detail) in e.details.iter().enumerate() {
                out.push((format!("{path}.details[{k}]"), detail));
            }
            for (k, bullet) in e.bullets.iter().enumerate() {
                let b = bullet.get_ref();
                let at = if b.table { ".text" } else { "" };
                out.push((format!("{path}.bullets[{k}]{at}"), &b.text));
            }
        }
        for (j, row) in s.skills.iter().flatten().enumerate() {
            let r = row.get_ref();
            out.push((format!("{path}.skills[{j}].label"), &r.label));
            out.push((format!("{path}.skills[{j}].items"), &r.items));
        }
    }
    for (name, def) in &resume.variants {
        for (id, over) in &def.get_ref().overrides {
            let o = over.get_ref();
            for (field, value) in [
                ("title", &o.title),
                ("org", &o.org),
                ("location", &o.location),
                ("subtitle", &o.subtitle),
                ("text", &o.text),
                ("headline", &o.headline),
            ] {
                let path = format!(
                    "variants.{}.override.{}.{field}",
                    name.get_ref(),
                    id.get_ref()
                );
                out.extend(value.iter().map(|t| (path.clone(), t)));
            }
        }
    }
    out
}

/// The languages a résumé is written in, each once, in the order first
/// met: the file's `lang` (`en-US` when it has none), each variant's, then
/// the keys of its tables. Two tags of one language (`de`, `de-AT`) count
/// once, as the first.
pub fn languages(resume: &Resume) -> Vec<String> {
    let file = resume
        .lang
        .as_ref()
        .map_or_else(|| "en-US".to_owned(), |l| l.get_ref().trim().to_owned());
    let variants = resume
        .variants
        .values()
        .filter_map(|v| v.get_ref().lang.as_ref())
        .map(|l| l.get_ref().trim().to_owned());
    let keys = fields(resume).into_iter().flat_map(|(_, t)| {
        t.translations()
            .iter()
            .map(|t| t.lang.get_ref().trim().to_owned())
    });
    let tags = std::iter::once(file).chain(variants).chain(keys);
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let known = out.iter().any(|o| exact(o, &tag) || same_language(o, &tag));
        if !known && locale::find(&tag).is_some() {
            out.push(tag);
        }
    }
    out
}

/// A table with no translation in a language the résumé uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    /// The language tag, as first written.
    pub lang: String,
    /// The field's path, such as `sections[1].entries[0].bullets[2]`.
    pub path: String,
    /// The table's span.
    pub span: Range<usize>,
}

/// Every table missing a translation, language by language (in the order
/// of [`languages`]), fields in written order. A plain string is every
/// language's and is never missing.
pub fn missing(resume: &Resume) -> Vec<Missing> {
    let fields = fields(resume);
    let mut out = Vec::new();
    for lang in languages(resume) {
        for (path, text) in &fields {
            if !text.has(&lang) && !text.translations().is_empty() {
                out.push(Missing {
                    lang: lang.clone(),
                    path: path.clone(),
                    span: text.span(),
                });
            }
        }
    }
    out
}

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Words to print: a string, or a table of translations keyed by language tag, such as { en = \"Experience\", de = \"Berufserfahrung\" }; each document prints the one in its `lang`.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "propertyNames": { "pattern": "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$" },
                    "additionalProperties": { "type": "string" },
                    "minProperties": 1
                }
            ]
        })
    }
}

/// What the visitor reads, before the span is attached.
enum Raw {
    Plain(String),
    Languages(Vec<Translation>),
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // The table form is described by the schema; a wrong type reads as
        // it always has.
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Plain(v.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Raw, A::Error> {
        translations(map, None).map(Raw::Languages)
    }
}

/// The rest of a table of translations, after `first` (a key already read).
pub(crate) fn translations<'de, A: MapAccess<'de>>(
    mut map: A,
    first: Option<Spanned<String>>,
) -> Result<Vec<Translation>, A::Error> {
    let mut all = Vec::new();
    if let Some(lang) = first {
        let text = map.next_value::<Spanned<String>>()?;
        all.push(Translation { lang, text });
    }
    while let Some(lang) = map.next_key::<Spanned<String>>()? {
        let text = map.next_value::<Spanned<String>>()?;
        all.push(Translation { lang, text });
    }
    // The parser hands keys over sorted; keep them in written order.
    all.sort_by_key(|t| t.lang.span().start);
    Ok(all)
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Spanned::<Raw>::deserialize(deserializer)?;
        let span = raw.span();
        Ok(match raw.into_inner() {
            Raw::Plain(s) => Text::Plain(Spanned::new(span, s)),
            Raw::Languages(all) => Text::Languages(Spanned::new(span, all)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Doc {
        title: Text,
    }

    fn parse(toml_text: &str) -> Text {
        toml::from_str::<Doc>(toml_text).map(|d| d.title).unwrap()
    }

    #[test]
    fn a_plain_string_keeps_its_span() {
        let src = "title = \"Work\"\n";
        let text = parse(src);
        assert!(matches!(&text, Text::Plain(s) if s.get_ref() == "Work"));
        assert_eq!(&src[text.span()], "\"Work\"");
        assert!(text.translations().is_empty());
        assert_eq!(text.first(), "Work");
    }

    #[test]
    fn a_table_keeps_every_translation_and_its_spans_in_order() {
        let src = "title = { en = \"Work\", de = \"Arbeit\" }\n";
        let text = parse(src);
        let all = text.translations();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].lang.get_ref(), "en");
        assert_eq!(&src[all[1].lang.span()], "de");
        assert_eq!(&src[all[1].text.span()], "\"Arbeit\"");
        assert_eq!(&src[text.span()], "{ en = \"Work\", de = \"Arbeit\" }");
        assert_eq!(text.strings().collect::<Vec<_>>(), ["Work", "Arbeit"]);
    }

    #[test]
    fn a_table_as_its_own_section_works_too() {
        let src = "[title]\nde = \"Arbeit\"\nen = \"Work\"\n";
        let text = parse(src);
        assert_eq!(text.first(), "Arbeit");
        assert_eq!(&src[text.translations()[1].text.span()], "\"Work\"");
    }

    #[test]
    fn other_values_are_errors() {
        assert!(toml::from_str::<Doc>("title = 3\n").is_err());
        assert!(toml::from_str::<Doc>("title = { en = 3 }\n").is_err());
    }

    #[test]
    fn pick_prefers_the_language_then_the_default_then_the_first() {
        let text = parse("title = { fr = \"Travail\", en = \"Work\", de-AT = \"Arbeit\" }\n");
        let words = |p: Option<Picked<'_>>| p.map(|p| p.text().get_ref().clone());
        assert_eq!(words(text.pick("en", None)), Some("Work".to_owned()));
        assert!(matches!(text.pick("EN", None), Some(Picked::Found(_))));
        // The same language in another region.
        assert_eq!(words(text.pick("de", None)), Some("Arbeit".to_owned()));
        assert_eq!(words(text.pick("en-GB", None)), Some("Work".to_owned()));
        // Missing: the default language, else the first translation.
        assert_eq!(
            text.pick("es", Some("en-US")),
            Some(Picked::Fallback {
                text: &text.translations()[1].text,
                lang: "en"
            })
        );
        assert_eq!(words(text.pick("es", None)), Some("Travail".to_owned()));
        assert_eq!(
            words(text.pick("es", Some("it"))),
            Some("Travail".to_owned())
        );
        // A plain string is every language's.
        let plain = parse("title = \"Rust\"\n");
        assert!(matches!(
            plain.pick("de", Some("en")),
            Some(Picked::Found(_))
        ));
        assert!(plain.has("ja"));
        assert!(text.has("de-DE") && !text.has("ja"));
    }

    #[test]
    fn an_exact_tag_wins_over_the_same_language() {
        let text = parse("title = { en-US = \"Color\", en-GB = \"Colour\" }\n");
        let pick = |lang| text.pick(lang, None).map(|p| p.text().get_ref().clone());
        assert_eq!(pick("en-GB"), Some("Colour".to_owned()));
        assert_eq!(pick("en-US"), Some("Color".to_owned()));
        assert_eq!(pick("en"), Some("Color".to_owned()));
    }

    #[test]
    fn bad_keys_are_located_errors_with_a_suggestion() {
        let src = "title = { en = \"Work\", dee = \"Arbeit\", en_US = \"x\", EN = \"y\" }\n";
        let text = parse(src);
        let errors = text.check("sections[0].title");
        assert_eq!(errors.len(), 3, "{errors:#?}");
        assert_eq!(errors[0].message, "unknown language `dee`");
        assert_eq!(errors[0].hints[0], "did you mean `de`?");
        assert_eq!(&src[errors[0].span.clone().unwrap()], "dee");
        assert_eq!(errors[0].path.as_deref(), Some("sections[0].title.dee"));
        assert!(errors[1].message.contains("`-`, not `_`"));
        assert!(errors[2].message.contains("translated twice"));
        assert!(
            parse("title = {}\n").check("t")[0]
                .message
                .contains("no translation")
        );
        assert!(parse("title = \"x\"\n").check("t").is_empty());
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        fn table(keys: &[String]) -> Text {
            let all = keys
                .iter()
                .enumerate()
                .map(|(i, k)| Translation {
                    lang: Spanned::new(i..i + 1, k.clone()),
                    text: Spanned::new(i..i + 1, format!("text {i}")),
                })
                .collect();
            Text::Languages(Spanned::new(0..keys.len(), all))
        }

        proptest! {
            #[test]
            fn pick_gives_a_translation_and_names_a_fallback(
                keys in proptest::collection::vec("(en|de|de-AT|fr|xx|[a-zA-Z_-]{0,5})", 0..5),
                lang in "(en|de|de-AT|fr|[a-zA-Z_-]{0,5})",
                default in proptest::option::of("(en|de|[a-z]{2})"),
            ) {
                let text = table(&keys);
                let _ = text.check("field");
                match text.pick(&lang, default.as_deref()) {
                    None => prop_assert!(keys.is_empty()),
                    Some(Picked::Found(t)) => {
                        let i = t.span().start;
                        prop_assert!(exact(&keys[i], &lang) || same_language(&keys[i], &lang));
                    }
                    Some(Picked::Fallback { text: t, lang: key }) => {
                        prop_assert!(!text.has(&lang));
                        prop_assert_eq!(key, keys[t.span().start].as_str());
                    }
                }
            }
        }
    }
}
