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
    #[schemars(with = "Option<String>")]
    pub title: Option<Spanned<String>>,
    /// An entry's organisation.
    #[schemars(with = "Option<String>")]
    pub org: Option<Spanned<String>>,
    /// An entry's location.
    #[schemars(with = "Option<String>")]
    pub location: Option<Spanned<String>>,
    /// An entry's subtitle.
    #[schemars(with = "Option<String>")]
    pub subtitle: Option<Spanned<String>>,
    /// A text section's paragraph.
    #[schemars(with = "Option<String>")]
    pub text: Option<Spanned<String>>,
    /// The person's headline.
    #[schemars(with = "Option<String>")]
    pub headline: Option<Spanned<String>>,
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
}

/// `[person]`: the header of the page.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Printed large and centred.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// An optional line under the name, such as "Backend Engineer".
    #[schemars(with = "Option<String>")]
    pub headline: Option<Spanned<String>>,
    /// Becomes a `mailto:` link.
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    /// Becomes a `tel:` link.
    #[schemars(with = "Option<String>")]
    pub phone: Option<Spanned<String>>,
    /// Plain text.
    #[schemars(with = "Option<String>")]
    pub location: Option<Spanned<String>>,
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
    #[schemars(with = "String")]
    pub label: Spanned<String>,
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
    #[schemars(with = "String")]
    pub title: Spanned<String>,
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
    #[schemars(with = "Option<String>")]
    pub text: Option<Spanned<String>>,
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
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// A name for variants to refer to this entry.
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// Variant tags.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Spanned<String>>,
    /// Employer or institution, after the title.
    #[schemars(with = "Option<String>")]
    pub org: Option<Spanned<String>>,
    /// Place, after the organisation.
    #[schemars(with = "Option<String>")]
    pub location: Option<Spanned<String>>,
    /// A date or a date range, right-aligned on the title's baseline.
    #[schemars(with = "Option<Dates>")]
    pub dates: Option<Spanned<Dates>>,
    /// Italic line under the title (degree, project kind, a link).
    #[schemars(with = "Option<String>")]
    pub subtitle: Option<Spanned<String>>,
    /// Plain lines under the subtitle (coursework, honours).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub details: Vec<Spanned<String>>,
    /// Bullet points: a string each, or `{ text = "...", priority = 3 }`.
    #[serde(default)]
    #[schemars(with = "Vec<Bullet>")]
    pub bullets: Vec<Spanned<Bullet>>,
    /// 1 = essential (never trimmed); 2 or more: dropped first by `--trim`, the
    /// highest first; unset: dropped after every marked item, by convention.
    #[schemars(with = "Option<u32>")]
    pub priority: Option<Spanned<u32>>,
}

/// A bullet: `"text"` or `{ text = "text", priority = 2 }`.
#[derive(Debug)]
pub struct Bullet {
    /// The bullet's text, with inline markup.
    pub text: String,
    /// Trimming priority (1 = essential).
    pub priority: Option<u32>,
    /// Variant tags.
    pub tags: Vec<String>,
    /// Written as a table rather than a plain string.
    pub table: bool,
}

impl JsonSchema for Bullet {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Bullet".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A bullet: its text with inline markup, or a table with the text, a trimming priority and variant tags.",
            "oneOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": {
                        "text": { "type": "string", "description": "The bullet's text, with inline markup." },
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

/// The table form of [`Bullet`], parsed strictly.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BulletDef {
    text: String,
    priority: Option<u32>,
    #[serde(default)]
    tags: Vec<String>,
}

impl<'de> Deserialize<'de> for Bullet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BulletVisitor;

        impl<'de> Visitor<'de> for BulletVisitor {
            type Value = Bullet;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a table { text = \"...\", priority = 2, tags = [...] }")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Bullet, E> {
                Ok(Bullet {
                    text: v.to_owned(),
                    priority: None,
                    tags: Vec::new(),
                    table: false,
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Bullet, A::Error> {
                let def = BulletDef::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Bullet {
                    text: def.text,
                    priority: def.priority,
                    tags: def.tags,
                    table: true,
                })
            }
        }

        deserializer.deserialize_any(BulletVisitor)
    }
}

/// One skill row: a bold label and its items.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillRow {
    /// Printed bold, followed by a colon.
    #[schemars(with = "String")]
    pub label: Spanned<String>,
    /// The items, as one line of text.
    #[schemars(with = "String")]
    pub items: Spanned<String>,
    /// Variant tags.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Spanned<String>>,
}

/// `dates = "2024"` or `dates = { start = "2024-07", end = "present" }`.
#[derive(Debug)]
pub enum Dates {
    /// One date or free text such as `"Fall 2025"`.
    Single(String),
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

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date (\"2024-07\", \"2024\", \"present\", or free text such as \"Fall 2025\") or a range { start, end }.",
            "oneOf": [
                { "type": "string" },
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

/// The table form of [`Dates`], parsed strictly.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DateRangeDef {
    start: String,
    end: String,
}

impl<'de> Deserialize<'de> for Dates {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DatesVisitor;

        impl<'de> Visitor<'de> for DatesVisitor {
            type Value = Dates;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date string or a table { start = \"...\", end = \"...\" }")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Dates, E> {
                Ok(Dates::Single(v.to_owned()))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Dates, A::Error> {
                let range = DateRangeDef::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Dates::Range {
                    start: range.start,
                    end: range.end,
                })
            }
        }

        deserializer.deserialize_any(DatesVisitor)
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
