//! The résumé as written: serde types that mirror `resume.toml` one to one.
//!
//! Every text field keeps its [`Spanned`] byte range so that later stages can
//! point back at the exact TOML line. Unknown keys are errors
//! (`deny_unknown_fields`) so that a typo never goes silently ignored, and
//! `#[serde(flatten)]` is avoided because it loses the spans of those errors.

mod check;
pub(crate) mod contact;
pub(crate) mod date;
pub(crate) mod field_path;
pub(crate) mod lang;
pub(crate) mod link;
pub(crate) mod markup;
mod merge;
pub mod text;
pub mod theme;
pub(crate) mod toml_error;

use std::collections::BTreeMap;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use toml::Spanned;

use crate::diag::Diagnostic;
use crate::limits::MAX_DIAGNOSTICS;
use toml_error::from_toml_error;

pub use text::{Text, Translation};
pub use theme::ThemeDef;

/// The root of `resume.toml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resume {
    /// BCP 47 language of the résumé (default `en-US`): its dates,
    /// quotation marks and hyphenation, and the PDF's language.
    #[schemars(with = "Option<String>")]
    pub lang: Option<Spanned<String>>,
    /// The look: a built-in theme's name, a theme file, or a table of theme keys.
    #[serde(default, deserialize_with = "theme::table_or_name")]
    #[schemars(with = "theme::ThemeSchema")]
    pub theme: ThemeDef,
    /// The person the résumé is about: name and contact line.
    pub person: Person,
    /// How the page is fitted.
    #[serde(default)]
    pub fit: FitDef,
    /// Fonts from outside the binary.
    #[serde(default)]
    pub fonts: FontsDef,
    /// What `--all` builds.
    #[serde(default)]
    pub build: BuildDef,
    /// Words and formats that differ from the language's own.
    #[serde(default)]
    pub locale: LocaleDef,
    /// The sections in the order they are printed.
    #[serde(default)]
    #[schemars(with = "Vec<Section>")]
    pub sections: Vec<Spanned<Section>>,
    /// Variant profiles by name: tailored selections of the same résumé.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, VariantDef>")]
    pub variants: BTreeMap<Spanned<String>, Spanned<VariantDef>>,
}

/// `[variants.NAME]`: one tailored version of the résumé.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VariantDef {
    /// Another variant whose settings this one starts from.
    #[schemars(with = "Option<String>")]
    pub extends: Option<Spanned<String>>,
    /// Keep tagged items only when they carry one of these tags (untagged items always stay).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub include: Vec<Spanned<String>>,
    /// Drop items that carry any of these tags.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub exclude: Vec<Spanned<String>>,
    /// Which sections to print, in this order (by `id` or title).
    #[schemars(with = "Option<Vec<String>>")]
    pub sections: Option<Vec<Spanned<String>>>,
    /// File name of this variant's PDF.
    #[schemars(with = "Option<String>")]
    pub output: Option<Spanned<String>>,
    /// Theme settings that differ from `[theme]` (or a theme's name or file).
    #[serde(default, deserialize_with = "theme::optional_table_or_name")]
    #[schemars(with = "Option<theme::ThemeSchema>")]
    pub theme: Option<ThemeDef>,
    /// Fit settings that differ from `[fit]`.
    pub fit: Option<FitDef>,
    /// The variant's language (BCP 47), instead of the top-level `lang`.
    #[schemars(with = "Option<String>")]
    pub lang: Option<Spanned<String>>,
    /// Locale words and formats that differ from `[locale]`.
    pub locale: Option<LocaleDef>,
    /// Replacement text for chosen fields, by the `id` of a section or an
    /// entry (or `person`).
    #[serde(default, rename = "override")]
    #[schemars(with = "BTreeMap<String, OverrideDef>")]
    pub overrides: BTreeMap<Spanned<String>, Spanned<OverrideDef>>,
}

/// Fields a variant may replace.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverrideDef {
    /// A section's or an entry's title, or the person's name.
    #[schemars(with = "Option<Text>")]
    pub title: Option<Text>,
    /// An entry's organisation.
    #[schemars(with = "Option<Text>")]
    pub org: Option<Text>,
    /// An entry's location.
    #[schemars(with = "Option<Text>")]
    pub location: Option<Text>,
    /// An entry's subtitle.
    #[schemars(with = "Option<Text>")]
    pub subtitle: Option<Text>,
    /// A text section's paragraph.
    #[schemars(with = "Option<Text>")]
    pub text: Option<Text>,
    /// The person's headline.
    #[schemars(with = "Option<Text>")]
    pub headline: Option<Text>,
}

/// `[fit]`: how content is fitted to the page (or pages).
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FitDef {
    /// Grow spacing on a page that is clearly not full (default: on).
    pub spread: Option<bool>,
    /// Drop the lowest-priority items when even the tightest setting overflows (default: off).
    pub trim: Option<bool>,
    /// The most pages the résumé may take (default 1, at most 8): the
    /// fewest pages on which the content fits, each page break between
    /// blocks, pages after the first with a running header.
    #[schemars(with = "Option<u32>", range(min = 1, max = 8))]
    pub pages: Option<Spanned<u32>>,
}

/// `[locale]`: words and formats that differ from those of the résumé's
/// language (`lang`).
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocaleDef {
    /// The end of an ongoing range, such as "present" or "heute".
    #[schemars(with = "Option<String>")]
    pub present: Option<Spanned<String>>,
    /// The page number of the running header on pages after the first,
    /// with `{page}` and `{count}`, such as "p. {page}/{count}".
    #[schemars(with = "Option<String>")]
    pub page: Option<Spanned<String>>,
    /// The twelve month names, January first, for `date_style = "long"`
    /// (and for languages whose short dates spell months out).
    #[schemars(with = "Option<Vec<String>>")]
    pub months: Option<Spanned<Vec<String>>>,
    /// The twelve abbreviated month names, January first.
    #[schemars(with = "Option<Vec<String>>")]
    pub months_short: Option<Spanned<Vec<String>>>,
    /// `"short"` (`Jul 2024`, the default) or `"long"` (`July 2024`).
    #[schemars(with = "Option<String>")]
    pub date_style: Option<Spanned<String>>,
    /// `"native"` (the language's own digits, the default) or `"latin"` (0-9).
    #[schemars(with = "Option<String>")]
    pub digits: Option<Spanned<String>>,
    /// The quotation marks smart punctuation writes: opening and closing,
    /// optionally followed by the pair for a quotation inside another.
    #[schemars(with = "Option<Vec<String>>")]
    pub quotes: Option<Spanned<Vec<String>>>,
}

/// `[build]`: which documents the file stands for.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BuildDef {
    /// Whether the résumé as written is a document of its own (default:
    /// yes). `false` marks a master file whose content only feeds its
    /// variants: `--all` then builds just the variants.
    #[schemars(with = "Option<bool>")]
    pub base: Option<Spanned<bool>>,
}

/// `[fonts]`: font files to use besides the bundled ones.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FontsDef {
    /// Font files (`.ttf`, `.otf`, `.ttc`; the first face of a collection)
    /// for characters the bundled fonts lack, such as CJK, tried in order.
    /// A relative path is relative to this file.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub fallback: Vec<Spanned<String>>,
    /// Whether `resume build` may look up installed system fonts for
    /// characters that neither the bundled fonts nor the fallback files
    /// have (default: yes). `false` makes the build the same on every
    /// machine, like `--no-system-fonts`.
    #[schemars(with = "Option<bool>")]
    pub system: Option<Spanned<bool>>,
}

/// `[person]`: the header of the page.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Printed large and centred.
    #[schemars(with = "Text")]
    pub name: Text,
    /// An optional line under the name, such as "Backend Engineer".
    #[schemars(with = "Option<Text>")]
    pub headline: Option<Text>,
    /// Becomes a `mailto:` link.
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    /// Becomes a `tel:` link.
    #[schemars(with = "Option<String>")]
    pub phone: Option<Spanned<String>>,
    /// Plain text.
    #[schemars(with = "Option<Text>")]
    pub location: Option<Text>,
    /// Labelled links such as LinkedIn or GitHub, in order.
    #[serde(default)]
    #[schemars(with = "Vec<Link>")]
    pub links: Vec<Spanned<Link>>,
    /// The icons of the e-mail address, phone and location in a theme
    /// with `icons = true`: a Font Awesome name, or `"none"`.
    #[serde(default)]
    pub icons: ContactIcons,
    /// A photo for themes with a photo slot: a JPEG or PNG file, relative
    /// to the résumé.
    #[schemars(with = "Option<String>")]
    pub photo: Option<Spanned<String>>,
    /// The photo's alternative text (default "Photo of <name>").
    #[schemars(with = "Option<String>")]
    pub photo_alt: Option<Spanned<String>>,
}

/// `[person.icons]`: the icon of each contact item that is not a link.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactIcons {
    /// The e-mail address's icon (default `envelope`).
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    /// The phone number's icon (default `phone`).
    #[schemars(with = "Option<String>")]
    pub phone: Option<Spanned<String>>,
    /// The location's icon (default `location-dot`).
    #[schemars(with = "Option<String>")]
    pub location: Option<Spanned<String>>,
}

/// A labelled link in the contact line.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The text printed, e.g. `linkedin`.
    #[schemars(with = "Text")]
    pub label: Text,
    /// The target, e.g. `https://www.linkedin.com/in/someone`.
    #[schemars(with = "String")]
    pub url: Spanned<String>,
    /// Variant tags.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Spanned<String>>,
    /// The icon in a theme with `icons = true`: a Font Awesome name such
    /// as `orcid`, or `"none"` (default: by the URL's host).
    #[schemars(with = "Option<String>")]
    pub icon: Option<Spanned<String>>,
}

/// `[[sections]]`: a titled part of the résumé with exactly one kind of body.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Any title, printed as the section heading.
    #[schemars(with = "Text")]
    pub title: Text,
    /// A name for variants to refer to this section.
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// Variant tags.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Spanned<String>>,
    /// Education, experience, projects: titled entries with dates and bullets.
    #[schemars(with = "Option<Vec<Entry>>")]
    pub entries: Option<Vec<Spanned<Entry>>>,
    /// Rows of `label: items`.
    #[schemars(with = "Option<Vec<SkillRow>>")]
    pub skills: Option<Vec<Spanned<SkillRow>>>,
    /// A free paragraph, such as a summary.
    #[schemars(with = "Option<Text>")]
    pub text: Option<Text>,
    /// 1 = essential (never trimmed); 2 or more: dropped first by `--trim`, the
    /// highest first; unset: dropped after every marked item, by convention.
    #[schemars(with = "Option<u32>")]
    pub priority: Option<Spanned<u32>>,
}

/// One entry: a job, a degree or a project.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Bold first words of the entry (job title, school, project name).
    #[schemars(with = "Text")]
    pub title: Text,
    /// A name for variants to refer to this entry.
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// Variant tags.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Spanned<String>>,
    /// Employer or institution, after the title.
    #[schemars(with = "Option<Text>")]
    pub org: Option<Text>,
    /// Place, after the organisation.
    #[schemars(with = "Option<Text>")]
    pub location: Option<Text>,
    /// A date or a date range, right-aligned on the title's baseline.
    #[schemars(with = "Option<Dates>")]
    pub dates: Option<Spanned<Dates>>,
    /// Italic line under the title (degree, project kind, a link).
    #[schemars(with = "Option<Text>")]
    pub subtitle: Option<Text>,
    /// Plain lines under the subtitle (coursework, honours).
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub details: Vec<Text>,
    /// Bullet points: a string each, or `{ text = "...", priority = 3 }`.
    #[serde(default)]
    #[schemars(with = "Vec<Bullet>")]
    pub bullets: Vec<Spanned<Bullet>>,
    /// 1 = essential (never trimmed); 2 or more: dropped first by `--trim`, the
    /// highest first; unset: dropped after every marked item, by convention.
    #[schemars(with = "Option<u32>")]
    pub priority: Option<Spanned<u32>>,
}

/// A bullet: `"text"`, `{ text = "text", priority = 2 }`, or a table of
/// translations `{ en = "...", de = "..." }`.
#[derive(Debug)]
pub struct Bullet {
    /// The bullet's text, with inline markup.
    pub text: Text,
    /// Trimming priority (1 = essential).
    pub priority: Option<u32>,
    /// Variant tags.
    pub tags: Vec<String>,
    /// Written as a table with `text` rather than as the text alone.
    pub table: bool,
}

impl JsonSchema for Bullet {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Bullet".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Text>();
        json_schema!({
            "description": "A bullet: its text with inline markup (a string or a table of translations), or a table with the text, a trimming priority and variant tags.",
            "anyOf": [
                text.clone(),
                {
                    "type": "object",
                    "properties": {
                        "text": text,
                        "priority": { "type": "integer", "minimum": 1, "description": "1 = essential; 2 or more: trimmed first, the highest first; unset: after every marked item, by convention." },
                        "tags": { "type": "array", "items": { "type": "string" }, "description": "Variant tags." }
                    },
                    "required": ["text"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// The keys of a bullet's table form.
const BULLET_KEYS: &[&str] = &["text", "priority", "tags"];

/// What a bullet's visitor reads, before the span is attached.
enum BulletRaw {
    Plain(String),
    Languages(Vec<Translation>),
    Table {
        text: Text,
        priority: Option<u32>,
        tags: Vec<String>,
    },
}

/// A key of a bullet's table: `text`, `priority` or `tags`, or (for the
/// first key) a language, which makes the table one of translations. An
/// unknown key is an error at that key.
struct BulletKey {
    first: bool,
}

impl<'de> de::DeserializeSeed<'de> for BulletKey {
    type Value = Spanned<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let key = Spanned::<String>::deserialize(deserializer)?;
        let name = key.get_ref().as_str();
        let language = self.first && crate::locale::find(name).is_some();
        if BULLET_KEYS.contains(&name) || language {
            Ok(key)
        } else {
            Err(de::Error::unknown_field(name, BULLET_KEYS))
        }
    }
}

impl<'de> Deserialize<'de> for BulletRaw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BulletVisitor;

        impl<'de> Visitor<'de> for BulletVisitor {
            type Value = BulletRaw;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a table { text = \"...\", priority = 2, tags = [...] }")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<BulletRaw, E> {
                Ok(BulletRaw::Plain(v.to_owned()))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<BulletRaw, A::Error> {
                let Some(first) = map.next_key_seed(BulletKey { first: true })? else {
                    return Err(de::Error::missing_field("text"));
                };
                // A key that names a language starts a table of translations;
                // anything else is the table form, whose keys are checked.
                if !BULLET_KEYS.contains(&first.get_ref().as_str()) {
                    return text::translations(map, Some(first)).map(BulletRaw::Languages);
                }
                let (mut text, mut priority, mut tags) = (None, None, Vec::new());
                let mut key = Some(first);
                while let Some(k) = key {
                    match k.get_ref().as_str() {
                        "text" => text = Some(map.next_value::<Text>()?),
                        "priority" => priority = Some(map.next_value::<u32>()?),
                        _ => tags = map.next_value::<Vec<String>>()?,
                    }
                    key = map.next_key_seed(BulletKey { first: false })?;
                }
                let text = text.ok_or_else(|| de::Error::missing_field("text"))?;
                Ok(BulletRaw::Table {
                    text,
                    priority,
                    tags,
                })
            }
        }

        deserializer.deserialize_any(BulletVisitor)
    }
}

impl<'de> Deserialize<'de> for Bullet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Spanned::<BulletRaw>::deserialize(deserializer)?;
        let span = raw.span();
        let bare = |text| Bullet {
            text,
            priority: None,
            tags: Vec::new(),
            table: false,
        };
        Ok(match raw.into_inner() {
            BulletRaw::Plain(s) => bare(Text::Plain(Spanned::new(span, s))),
            BulletRaw::Languages(all) => bare(Text::Languages(Spanned::new(span, all))),
            BulletRaw::Table {
                text,
                priority,
                tags,
            } => Bullet {
                text,
                priority,
                tags,
                table: true,
            },
        })
    }
}

/// One skill row: a bold label and its items.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillRow {
    /// Printed bold, followed by a colon.
    #[schemars(with = "Text")]
    pub label: Text,
    /// The items, as one line of text.
    #[schemars(with = "Text")]
    pub items: Text,
    /// Variant tags.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Spanned<String>>,
}

/// `dates = "2024"` or `dates = { start = "2024-07", end = "present" }`.
#[derive(Clone, Debug)]
pub enum Dates {
    /// One date or free text such as `"Fall 2025"`; free text may be a
    /// table of translations (`{ en = "Fall 2025", de = "Herbst 2025" }`).
    Single(Text),
    /// A range; formatted by the theme with an en dash.
    Range {
        /// First month or year.
        start: String,
        /// Last month or year, or `"present"`.
        end: String,
    },
}

impl JsonSchema for Dates {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Dates".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Text>();
        json_schema!({
            "description": "A date (\"2024-07\", \"2024\", \"present\", or free text such as \"Fall 2025\", which may be a table of translations) or a range { start, end }.",
            "anyOf": [
                text,
                {
                    "type": "object",
                    "properties": {
                        "start": { "type": "string", "description": "First month or year." },
                        "end": { "type": "string", "description": "Last month or year, or \"present\"." }
                    },
                    "required": ["start", "end"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// The keys of a date range.
const RANGE_KEYS: &[&str] = &["start", "end"];

/// A key of a `dates` table: `start` or `end`, or (for the first key) a
/// language, which makes the table one of translations of free text.
struct DatesKey {
    first: bool,
}

impl<'de> de::DeserializeSeed<'de> for DatesKey {
    type Value = Spanned<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let key = Spanned::<String>::deserialize(deserializer)?;
        let name = key.get_ref().as_str();
        let language = self.first && crate::locale::find(name).is_some();
        if RANGE_KEYS.contains(&name) || language {
            Ok(key)
        } else {
            Err(de::Error::unknown_field(name, RANGE_KEYS))
        }
    }
}

/// What the dates visitor reads, before the span is attached.
enum DatesRaw {
    Plain(String),
    Languages(Vec<Translation>),
    Range { start: String, end: String },
}

impl<'de> Deserialize<'de> for DatesRaw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DatesVisitor;

        impl<'de> Visitor<'de> for DatesVisitor {
            type Value = DatesRaw;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date string or a table { start = \"...\", end = \"...\" }")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<DatesRaw, E> {
                Ok(DatesRaw::Plain(v.to_owned()))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DatesRaw, A::Error> {
                let Some(first) = map.next_key_seed(DatesKey { first: true })? else {
                    return Err(de::Error::missing_field("start"));
                };
                if !RANGE_KEYS.contains(&first.get_ref().as_str()) {
                    return text::translations(map, Some(first)).map(DatesRaw::Languages);
                }
                let (mut start, mut end) = (None, None);
                let mut key = Some(first);
                while let Some(k) = key {
                    let value = map.next_value::<String>()?;
                    if k.get_ref() == "start" {
                        start = Some(value);
                    } else {
                        end = Some(value);
                    }
                    key = map.next_key_seed(DatesKey { first: false })?;
                }
                Ok(DatesRaw::Range {
                    start: start.ok_or_else(|| de::Error::missing_field("start"))?,
                    end: end.ok_or_else(|| de::Error::missing_field("end"))?,
                })
            }
        }

        deserializer.deserialize_any(DatesVisitor)
    }
}

impl<'de> Deserialize<'de> for Dates {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Spanned::<DatesRaw>::deserialize(deserializer)?;
        let span = raw.span();
        Ok(match raw.into_inner() {
            DatesRaw::Plain(s) => Dates::Single(Text::Plain(Spanned::new(span, s))),
            DatesRaw::Languages(all) => Dates::Single(Text::Languages(Spanned::new(span, all))),
            DatesRaw::Range { start, end } => Dates::Range { start, end },
        })
    }
}

/// Parse TOML source into the as-written model.
///
/// Syntax errors are all reported (the parser recovers and goes on); a
/// schema error is reported alone, since serde stops at the first one (the
/// checks in [`crate::select`] then report every independent problem).
pub fn parse(source: &str) -> Result<Resume, Vec<Diagnostic>> {
    check::check_source(source).map_err(|d| vec![d])?;
    let resume: Resume = toml::from_str(source).map_err(|err| {
        let (_, mut syntax) = toml::de::DeTable::parse_recoverable(source);
        if syntax.len() > 1 {
            syntax_errors(&mut syntax, source)
        } else {
            vec![from_toml_error(&err, source)]
        }
    })?;
    match check::check_model(&resume) {
        Some(d) => Err(vec![d]),
        None => Ok(resume),
    }
}

/// Every syntax error of a document that does not parse, in source order:
/// the first [`MAX_DIAGNOSTICS`] described, the rest counted. Such errors
/// have no field path (there is no document to find one in), so each costs
/// only its own wording: thousands of them stay linear.
fn syntax_errors(errors: &mut [toml::de::Error], source: &str) -> Vec<Diagnostic> {
    errors.sort_by_key(|e| {
        e.span()
            .map_or(usize::MAX, |s| source.floor_char_boundary(s.start))
    });
    let shown = errors.len().min(MAX_DIAGNOSTICS);
    let mut all: Vec<Diagnostic> = errors[..shown]
        .iter()
        .map(|e| toml_error::describe(e, source))
        .collect();
    if errors.len() > shown {
        all.push(crate::diag::more(errors.len() - shown, 0, shown));
    }
    all
}

/// The JSON Schema of `resume.toml`, generated from these types, for
/// editors (Taplo / Even Better TOML) to complete and check fields.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Resume);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
