//! `[theme]` as written, and theme files: every visual choice the layout
//! makes, each optional, so that a theme is a stack of layers (a built-in
//! theme, the theme it extends, a theme file, the résumé's `[theme]`, a
//! variant's) where the upper layer's keys win.
//!
//! Values are checked as they are read (a colour, a length within its
//! bounds, one of a style's names), so a bad one is an error at its place
//! in the file with toml's span and field path; names that need a list
//! (themes, font families) are checked by `select` and by the theme-file
//! loader.

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use toml::Spanned;

/// The theme keys: `[theme]` in a résumé or a variant, or a whole theme file.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeDef {
    /// A built-in theme to start from (`resume themes` lists them).
    #[schemars(with = "Option<String>")]
    pub name: Option<Spanned<String>>,
    /// A theme file to start from, relative to the résumé (`theme =
    /// "mine.toml"` is short for `[theme] file = "mine.toml"`).
    #[schemars(with = "Option<String>")]
    pub file: Option<Spanned<String>>,
    /// In a theme file: the built-in theme it changes.
    #[schemars(with = "Option<String>")]
    pub extends: Option<Spanned<String>>,
    /// In a theme file: one line on the look, for `resume themes`.
    pub description: Option<String>,
    /// The font family of all text but code: a bundled family (`resume
    /// themes` lists them). Without a theme `name`, `"serif"` picks the
    /// classic theme and `"sans"` the modern one.
    #[schemars(with = "Option<String>")]
    pub font: Option<Spanned<String>>,
    /// `"letter"` or `"a4"`.
    #[schemars(with = "Option<String>")]
    pub paper: Option<Spanned<String>>,
    /// Justify paragraphs and bullets (default: ragged right).
    pub justify: Option<bool>,
    /// Hyphenate words at line ends (default: off).
    pub hyphenate: Option<bool>,
    /// The page's direction: `"rtl"` mirrors it (name and text flush right,
    /// dates and bullets on the other side), `"ltr"` keeps it as it is
    /// (default: the direction of the résumé's language, so `lang = "ar"`,
    /// `"fa"` or `"he"` give a right-to-left page).
    pub direction: Option<Direction>,
    /// Standard ligatures such as fi and ffi (default: on).
    pub ligatures: Option<bool>,
    /// Curly quotes, dashes from `--` and `---`, ellipsis from `...` (default: on).
    pub smart_punctuation: Option<bool>,
    /// Font family per role: a bundled family's name, or font files.
    #[serde(default, deserialize_with = "font_roles")]
    pub fonts: Option<ThemeFonts>,

    /// The accent colour (`"#rrggbb"`): what `"accent"` means in the colours below.
    #[schemars(with = "Option<String>")]
    pub accent: Option<Hex>,
    /// Colour of body text (`"#rrggbb"`).
    #[schemars(with = "Option<String>")]
    pub text_color: Option<Hex>,
    /// Colour of the name: `"#rrggbb"`, `"accent"` or `"text"`.
    #[schemars(with = "Option<String>")]
    pub name_color: Option<Color>,
    /// Colour of section headings.
    #[schemars(with = "Option<String>")]
    pub heading_color: Option<Color>,
    /// Colour of the rules by headings.
    #[schemars(with = "Option<String>")]
    pub rule_color: Option<Color>,
    /// Colour of link text.
    #[schemars(with = "Option<String>")]
    pub link_color: Option<Color>,
    /// Colour of dates.
    #[schemars(with = "Option<String>")]
    pub date_color: Option<Color>,

    /// Size of the name (pt, or a string with a unit: `"24pt"`, `"0.3in"`, `"8mm"`).
    #[serde(default, deserialize_with = "font_size")]
    #[schemars(with = "Option<Length>")]
    pub name_size: Option<f64>,
    /// Size of the headline and contact line.
    #[serde(default, deserialize_with = "font_size")]
    #[schemars(with = "Option<Length>")]
    pub contact_size: Option<f64>,
    /// Size of section headings.
    #[serde(default, deserialize_with = "font_size")]
    #[schemars(with = "Option<Length>")]
    pub heading_size: Option<f64>,
    /// Size of entry titles, skills and paragraphs.
    #[serde(default, deserialize_with = "font_size")]
    #[schemars(with = "Option<Length>")]
    pub body_size: Option<f64>,
    /// Size of subtitles and details.
    #[serde(default, deserialize_with = "font_size")]
    #[schemars(with = "Option<Length>")]
    pub subtitle_size: Option<f64>,
    /// Size of bullet text.
    #[serde(default, deserialize_with = "font_size")]
    #[schemars(with = "Option<Length>")]
    pub bullet_size: Option<f64>,
    /// Size of dates.
    #[serde(default, deserialize_with = "font_size")]
    #[schemars(with = "Option<Length>")]
    pub date_size: Option<f64>,
    /// Size of code relative to the text around it (0.5 to 1.5).
    #[serde(default, deserialize_with = "code_scale")]
    pub code_scale: Option<f64>,

    /// `"bold"` or `"regular"` name.
    pub name_weight: Option<Weight>,
    /// `"bold"` or `"regular"` section headings.
    pub heading_weight: Option<Weight>,
    /// Headings `"as-written"`, in `"small-caps"` or in `"upper"` case
    /// (the text extracted from the PDF stays as written).
    pub heading_case: Option<HeadingCase>,
    /// The heading's rule: `"below"`, `"above"`, `"none"`, or `"left-bar"`
    /// (a bar in the date column, with `entry_layout = "dates-left"`).
    pub heading_rule: Option<HeadingRule>,
    /// Headings at the `"left"` or in the `"center"`.
    pub heading_align: Option<Align>,
    /// Dates `"regular"` or `"italic"`.
    pub date_style: Option<TextStyle>,
    /// Subtitles `"italic"` or `"regular"`.
    pub subtitle_style: Option<TextStyle>,
    /// Underline links (or show them by colour only).
    pub link_underline: Option<bool>,

    /// The header: `"centered"`, or `"split"` (name on the left, contact
    /// items on the right).
    pub header: Option<HeaderLayout>,
    /// Printed between contact items (one to three visible characters).
    #[schemars(with = "Option<String>")]
    pub contact_separator: Option<Glyph>,
    /// Entries: `"dates-right"` (dates right-aligned on the title line) or
    /// `"dates-left"` (dates in a column on the left).
    pub entry_layout: Option<EntryLayout>,
    /// Width of the date column of `"dates-left"`.
    #[serde(default, deserialize_with = "indent")]
    #[schemars(with = "Option<Length>")]
    pub date_column: Option<f64>,
    /// The bullet marker (one to three visible characters).
    #[schemars(with = "Option<String>")]
    pub bullet: Option<Glyph>,

    /// Line height as a multiple of the font size.
    #[serde(default, deserialize_with = "leading")]
    pub leading: Option<f64>,
    /// Space between the name and the contact line.
    #[serde(default, deserialize_with = "gap")]
    #[schemars(with = "Option<Length>")]
    pub header_gap: Option<f64>,
    /// Space above each section heading.
    #[serde(default, deserialize_with = "gap")]
    #[schemars(with = "Option<Length>")]
    pub section_gap: Option<f64>,
    /// Space between a heading's rule and the section's first line.
    #[serde(default, deserialize_with = "gap")]
    #[schemars(with = "Option<Length>")]
    pub heading_gap: Option<f64>,
    /// Space between two entries.
    #[serde(default, deserialize_with = "gap")]
    #[schemars(with = "Option<Length>")]
    pub entry_gap: Option<f64>,
    /// Extra space between two bullets.
    #[serde(default, deserialize_with = "gap")]
    #[schemars(with = "Option<Length>")]
    pub bullet_gap: Option<f64>,
    /// Distance from a heading's baseline to its rule.
    #[serde(default, deserialize_with = "gap")]
    #[schemars(with = "Option<Length>")]
    pub rule_offset: Option<f64>,
    /// Thickness of the heading rules.
    #[serde(default, deserialize_with = "thickness")]
    #[schemars(with = "Option<Length>")]
    pub rule_thickness: Option<f64>,
    /// Indent of entries, skills and paragraphs from the left margin.
    #[serde(default, deserialize_with = "indent")]
    #[schemars(with = "Option<Length>")]
    pub entry_indent: Option<f64>,
    /// Indent of the bullet marker from the entry indent.
    #[serde(default, deserialize_with = "indent")]
    #[schemars(with = "Option<Length>")]
    pub bullet_indent: Option<f64>,
    /// Indent of bullet text from the marker.
    #[serde(default, deserialize_with = "indent")]
    #[schemars(with = "Option<Length>")]
    pub bullet_text_indent: Option<f64>,
    /// Right inset of the dates from the right margin.
    #[serde(default, deserialize_with = "indent")]
    #[schemars(with = "Option<Length>")]
    pub date_inset: Option<f64>,
    /// Least space between an entry's title and its dates.
    #[serde(default, deserialize_with = "indent")]
    #[schemars(with = "Option<Length>")]
    pub date_gap: Option<f64>,
    /// Top margin.
    #[serde(default, deserialize_with = "margin")]
    #[schemars(with = "Option<Length>")]
    pub margin_top: Option<f64>,
    /// Bottom margin.
    #[serde(default, deserialize_with = "margin")]
    #[schemars(with = "Option<Length>")]
    pub margin_bottom: Option<f64>,
    /// Left and right margins.
    #[serde(default, deserialize_with = "margin")]
    #[schemars(with = "Option<Length>")]
    pub margin_x: Option<f64>,

    /// The fitter's smallest factor on vertical spacing (0 to 1).
    #[serde(default, deserialize_with = "shrink_factor")]
    pub spacing_min: Option<f64>,
    /// The fitter's largest factor on vertical spacing (1 to 4).
    #[serde(default, deserialize_with = "grow_factor")]
    pub spacing_max: Option<f64>,
    /// The fitter's tightest line height.
    #[serde(default, deserialize_with = "leading")]
    pub leading_min: Option<f64>,
    /// The fitter's loosest line height.
    #[serde(default, deserialize_with = "leading")]
    pub leading_max: Option<f64>,
    /// The fitter's smallest body size.
    #[serde(default, deserialize_with = "font_size")]
    #[schemars(with = "Option<Length>")]
    pub body_size_min: Option<f64>,
    /// The fitter's smallest side margin.
    #[serde(default, deserialize_with = "margin")]
    #[schemars(with = "Option<Length>")]
    pub margin_min: Option<f64>,

    /// Icons in the contact line (Font Awesome, by each item's kind or
    /// link host, or its `icon`).
    pub icons: Option<bool>,
    /// The theme's photo slot: `"none"` (a photo is left out, with a
    /// warning), `"circle"` or `"square"` (beside the header).
    pub photo: Option<PhotoSlot>,
}

/// `[theme.fonts]`: the family of each role.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeFonts {
    /// The name at the top.
    pub name: Option<FontRole>,
    /// Section headings.
    pub headings: Option<FontRole>,
    /// Body text: entries, bullets, skills, the contact line.
    pub body: Option<FontRole>,
    /// Dates.
    pub dates: Option<FontRole>,
    /// `code` spans.
    pub code: Option<FontRole>,
}

/// A role's family: a bundled family by name, or font files.
#[derive(Clone, Debug)]
pub enum FontRole {
    /// A bundled family, e.g. `"eb-garamond"`.
    Family(Spanned<String>),
    /// Font files per style; a relative path is relative to the file that names it.
    Files(FontFilesDef),
}

/// Font files of one family, per style.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FontFilesDef {
    /// Upright.
    #[schemars(with = "Option<String>")]
    pub regular: Option<Spanned<String>>,
    /// Bold.
    #[schemars(with = "Option<String>")]
    pub bold: Option<Spanned<String>>,
    /// Italic.
    #[schemars(with = "Option<String>")]
    pub italic: Option<Spanned<String>>,
    /// Bold italic.
    #[schemars(with = "Option<String>")]
    pub bold_italic: Option<Spanned<String>>,
}

impl FontFilesDef {
    /// The styles' files in the order regular, bold, italic, bold italic.
    pub fn styles(&self) -> [(&'static str, Option<&Spanned<String>>); 4] {
        [
            ("regular", self.regular.as_ref()),
            ("bold", self.bold.as_ref()),
            ("italic", self.italic.as_ref()),
            ("bold_italic", self.bold_italic.as_ref()),
        ]
    }
}

impl ThemeFonts {
    /// The roles in order, with their key.
    pub fn roles(&self) -> [(&'static str, Option<&FontRole>); 5] {
        [
            ("name", self.name.as_ref()),
            ("headings", self.headings.as_ref()),
            ("body", self.body.as_ref()),
            ("dates", self.dates.as_ref()),
            ("code", self.code.as_ref()),
        ]
    }
}

impl JsonSchema for FontRole {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FontRole".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let files = generator.subschema_for::<FontFilesDef>();
        json_schema!({
            "description": "A bundled family's name (e.g. \"eb-garamond\"), or font files per style.",
            "oneOf": [{ "type": "string" }, files]
        })
    }
}

impl<'de> Deserialize<'de> for FontRole {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read through `Spanned`, so that a family's name keeps its place.
        let spanned = Spanned::<RoleValue>::deserialize(deserializer)?;
        let span = spanned.span();
        Ok(match spanned.into_inner().0 {
            FontRole::Family(name) => FontRole::Family(Spanned::new(span, name.into_inner())),
            files => files,
        })
    }
}

/// [`FontRole`] read through its visitor, for `Spanned` to wrap.
struct RoleValue(FontRole);

impl<'de> Deserialize<'de> for RoleValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RoleValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a bundled family's name or a table { regular = \"...\", bold = \"...\" }",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RoleValue, E> {
                Ok(RoleValue(FontRole::Family(Spanned::new(
                    0..0,
                    v.to_owned(),
                ))))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RoleValue, A::Error> {
                let files = FontFilesDef::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if files.styles().iter().all(|(_, f)| f.is_none()) {
                    return Err(de::Error::custom(
                        "name at least one font file: regular, bold, italic or bold_italic",
                    ));
                }
                Ok(RoleValue(FontRole::Files(files)))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// An sRGB colour written `"#rrggbb"` (or `"#rgb"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hex(pub u8, pub u8, pub u8);

/// A colour: its own, or another colour of the theme's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    /// `"#rrggbb"`.
    Rgb(Hex),
    /// `"accent"`: the theme's accent colour.
    Accent,
    /// `"text"`: the colour of body text.
    Text,
}

impl Hex {
    /// Parse `#rrggbb` or `#rgb`.
    pub fn parse(text: &str) -> Option<Hex> {
        let digits = text.strip_prefix('#')?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let value = |s: &str| u8::from_str_radix(s, 16).ok();
        match digits.len() {
            6 => Some(Hex(
                value(&digits[0..2])?,
                value(&digits[2..4])?,
                value(&digits[4..6])?,
            )),
            3 => {
                let double = |i: usize| value(&digits[i..=i]).map(|v| v * 17);
                Some(Hex(double(0)?, double(1)?, double(2)?))
            }
            _ => None,
        }
    }
}

/// The message for a string that is not a colour.
fn bad_colour(text: &str, named: bool) -> String {
    let shown: String = text.chars().take(40).collect();
    if named {
        format!(
            "`{shown}` is not a colour: write \"#rrggbb\" (e.g. \"#1f4e79\"), \"accent\" or \"text\""
        )
    } else {
        format!("`{shown}` is not a colour: write \"#rrggbb\", e.g. \"#1f4e79\"")
    }
}

impl<'de> Deserialize<'de> for Hex {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Hex::parse(text.trim()).ok_or_else(|| de::Error::custom(bad_colour(&text, false)))
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match text.trim() {
            "accent" => Ok(Color::Accent),
            "text" => Ok(Color::Text),
            other => Hex::parse(other)
                .map(Color::Rgb)
                .ok_or_else(|| de::Error::custom(bad_colour(&text, true))),
        }
    }
}

/// Bold or regular.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Weight {
    /// The family's regular face.
    Regular,
    /// The family's bold face.
    Bold,
}

/// Upright or italic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TextStyle {
    /// Upright.
    Regular,
    /// Italic.
    Italic,
}

/// How a heading's letters are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HeadingCase {
    /// As written.
    AsWritten,
    /// Lowercase letters as small capitals.
    SmallCaps,
    /// Capitals.
    Upper,
}

/// Where a heading's rule goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HeadingRule {
    /// Under the heading, across the page.
    Below,
    /// Over the heading, across the page.
    Above,
    /// No rule.
    None,
    /// A bar in the date column, beside the heading.
    LeftBar,
}

/// Left or centred.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    #[serde(alias = "centre", alias = "centered", alias = "centred")]
    Center,
}

/// The direction a page is read in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Left to right: text flush left, dates on the right.
    #[default]
    #[serde(alias = "left-to-right")]
    Ltr,
    /// Right to left: the page mirrored, text flush right, dates on the left.
    #[serde(alias = "right-to-left")]
    Rtl,
}

/// The header's arrangement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HeaderLayout {
    /// Name, headline and contact line centred.
    #[serde(alias = "centred", alias = "center", alias = "centre")]
    Centered,
    /// The name on the left, the contact items on the right.
    Split,
}

/// Where an entry's dates go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EntryLayout {
    /// Right-aligned on the title line.
    DatesRight,
    /// In a column on the left (the moderncv look).
    DatesLeft,
}

/// A theme's photo slot: where `person.photo` goes, and its crop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PhotoSlot {
    /// No photo.
    None,
    /// Cropped to a circle.
    Circle,
    /// Cropped to a square.
    Square,
}

/// A short mark such as a bullet or a separator: one to three visible
/// characters, none of them private-use (an applicant-tracking system
/// would read those as garbage).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glyph(pub String);

impl<'de> Deserialize<'de> for Glyph {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let count = text.chars().count();
        let private = |c: char| matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}');
        let hidden = |c: char| c.is_whitespace() || c.is_control() || crate::text::is_invisible(c);
        if count == 0 || count > 3 || text.chars().any(|c| hidden(c) || private(c)) {
            let shown: String = text.chars().take(10).collect();
            return Err(de::Error::custom(format!(
                "`{}` is not a mark: write one to three visible characters, such as \"•\" or \"–\"",
                shown.escape_debug()
            )));
        }
        Ok(Glyph(text))
    }
}

/// A length: a number of points, or a string with a unit (`pt`, `in`, `mm`, `cm`).
pub struct Length;

impl JsonSchema for Length {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Length".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Points, or a string with a unit: \"10pt\", \"0.5in\", \"12mm\", \"1cm\".",
            "oneOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?(pt|in|mm|cm)$" }
            ]
        })
    }
}

/// Points from a length as written: a number of points or `"<number><unit>"`.
pub fn length_points(text: &str) -> Option<f64> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let value: f64 = number.trim().parse().ok().filter(|v: &f64| v.is_finite())?;
    match unit {
        "pt" => Some(value),
        "in" => Some(value * 72.0),
        "mm" => Some(value * 72.0 / 25.4),
        "cm" => Some(value * 72.0 / 2.54),
        _ => None,
    }
}

/// A number or a string, as written.
enum Number {
    Value(f64),
    Text(String),
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number::Value(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number::Value(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                Ok(Number::Value(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Number, E> {
                Ok(Number::Text(v.to_owned()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A value read within `[min, max]`; `unit` allows a string with a unit.
fn bounded<'de, D: Deserializer<'de>>(
    deserializer: D,
    (min, max): (f64, f64),
    unit: bool,
) -> Result<Option<f64>, D::Error> {
    let value = match Number::deserialize(deserializer)? {
        Number::Value(v) => v,
        Number::Text(text) if unit => length_points(&text).ok_or_else(|| {
            let shown: String = text.chars().take(40).collect();
            de::Error::custom(format!(
                "`{shown}` is not a length: write points (10.5) or a number and a unit (\"0.5in\", \"12mm\", \"10pt\")"
            ))
        })?,
        Number::Text(text) => {
            let shown: String = text.chars().take(40).collect();
            return Err(de::Error::custom(format!("`{shown}` is not a number")));
        }
    };
    if !(min..=max).contains(&value) {
        let what = if unit { " pt" } else { "" };
        return Err(de::Error::custom(format!(
            "{value}{what} is out of range: use {min}{what} to {max}{what}"
        )));
    }
    Ok(Some(value))
}

/// `[theme.fonts]`: a table (a string is most likely meant for `font`).
fn font_roles<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<ThemeFonts>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = ThemeFonts;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a table of font roles (name, headings, body, dates, code)")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<ThemeFonts, E> {
            let shown: String = v.chars().take(40).collect();
            Err(de::Error::custom(format!(
                "`fonts` is a table of font roles; to set all text in one family, write `font = \"{shown}\"`"
            )))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ThemeFonts, A::Error> {
            ThemeFonts::deserialize(de::value::MapAccessDeserializer::new(map))
        }
    }
    deserializer.deserialize_any(V).map(Some)
}

/// Font sizes: 4 to 72 pt.
fn font_size<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    bounded(d, (4.0, 72.0), true)
}

/// Vertical gaps and offsets: 0 to 72 pt.
fn gap<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    bounded(d, (0.0, 72.0), true)
}

/// Rule thickness: 0 (no rule) to 6 pt.
fn thickness<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    bounded(d, (0.0, 6.0), true)
}

/// Horizontal indents and columns: 0 to 216 pt (3 in).
fn indent<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    bounded(d, (0.0, 216.0), true)
}

/// Margins: 0 to 144 pt (2 in).
fn margin<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    bounded(d, (0.0, 144.0), true)
}

/// Line heights: 0.8 to 3 times the size.
fn leading<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    bounded(d, (0.8, 3.0), false)
}

/// The size of code beside text: 0.5 to 1.5.
fn code_scale<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    bounded(d, (0.5, 1.5), false)
}

/// The fitter's smallest spacing factor: 0 to 1.
fn shrink_factor<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    bounded(d, (0.0, 1.0), false)
}

/// The fitter's largest spacing factor: 1 to 4.
fn grow_factor<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    bounded(d, (1.0, 4.0), false)
}

/// `theme = "mine.toml"` (a theme file), `theme = "garamond"` (a
/// built-in), or a `[theme]` table.
pub(crate) fn table_or_name<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<ThemeDef, D::Error> {
    let spanned = Spanned::<ThemeValue>::deserialize(deserializer)?;
    let span = spanned.span();
    Ok(match spanned.into_inner() {
        ThemeValue::Table(def) => *def,
        ThemeValue::Name(text) => {
            let value = Some(Spanned::new(span, text.clone()));
            if is_theme_file(&text) {
                ThemeDef {
                    file: value,
                    ..ThemeDef::default()
                }
            } else {
                ThemeDef {
                    name: value,
                    ..ThemeDef::default()
                }
            }
        }
    })
}

/// [`table_or_name`] for a variant's optional theme.
pub(crate) fn optional_table_or_name<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<ThemeDef>, D::Error> {
    table_or_name(deserializer).map(Some)
}

/// Whether `theme = "..."` names a file rather than a built-in theme.
pub fn is_theme_file(text: &str) -> bool {
    text.to_ascii_lowercase().ends_with(".toml") || text.contains(['/', '\\'])
}

/// The string or table form of `theme`.
enum ThemeValue {
    Name(String),
    Table(Box<ThemeDef>),
}

impl<'de> Deserialize<'de> for ThemeValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ThemeValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a theme's name, a theme file's path or a table of theme keys")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ThemeValue, E> {
                Ok(ThemeValue::Name(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ThemeValue, A::Error> {
                let def = ThemeDef::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(ThemeValue::Table(Box::new(def)))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The schema of `theme`: a name or path, or the table.
pub struct ThemeSchema;

impl JsonSchema for ThemeSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ThemeOrName".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let table = generator.subschema_for::<ThemeDef>();
        json_schema!({
            "description": "A built-in theme's name, a theme file's path (ending in .toml), or a table of theme keys.",
            "oneOf": [{ "type": "string" }, table]
        })
    }
}

/// Where theme keys are written: a résumé's `[theme]` (or a variant's), or
/// a theme file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Written {
    /// In the résumé, whose text `source` is.
    Resume,
    /// In a theme file.
    ThemeFile,
}

/// The hint that lists the bundled families.
pub(crate) fn families_hint() -> String {
    let names: Vec<&str> = crate::theme::fonts::FAMILIES
        .iter()
        .map(|f| f.name)
        .collect();
    format!(
        "the bundled families are {} (\"serif\" and \"sans\" are latin-modern and inter)",
        names.join(", ")
    )
}

/// The error for a name that is no bundled family: with the family whose
/// name it is part of (`garamond`), or the note that it names a theme.
pub(crate) fn unknown_family(name: &Spanned<String>) -> super::Diagnostic {
    use crate::theme::{builtin, fonts};
    let written = name.get_ref();
    let mut d = super::Diagnostic::unknown("font", written, fonts::family_names());
    if d.hints.is_empty()
        && written.len() >= 3
        && let Some(f) = fonts::FAMILIES
            .iter()
            .find(|f| f.name.contains(written.as_str()))
    {
        d = d.with_hint(format!("did you mean `{}`?", f.name));
    }
    if builtin::find(written).is_some() {
        d = d.with_hint(format!(
            "`{written}` is also a theme: pick it with `name = \"{written}\"`"
        ));
    }
    d.with_span(name.span()).with_hint(families_hint())
}

/// Every name in `def` that must be one of a list (built-in themes,
/// bundled families, paper sizes) and every key that does not belong where
/// it is written. `source` is the text the spans point into; `font` and
/// `paper` of a résumé are checked by `select`.
pub(crate) fn check_names(
    def: &ThemeDef,
    source: &str,
    written: Written,
) -> Vec<super::Diagnostic> {
    use super::Diagnostic;
    use crate::theme::{builtin, fonts};
    let path = |span: std::ops::Range<usize>, default: &str| {
        super::field_path::field_path(source, span.start).unwrap_or_else(|| default.to_owned())
    };
    let mut errors = Vec::new();
    let misplaced = |key: &Spanned<String>, message: &str, hint: &str| {
        Diagnostic::error(message.to_owned())
            .with_span(key.span())
            .with_path(path(key.span(), "theme"))
            .with_hint(hint.to_owned())
    };
    let theme_name = match written {
        Written::Resume => def.name.as_ref(),
        Written::ThemeFile => def.extends.as_ref(),
    };
    if let Some(name) = theme_name
        && builtin::find(name.get_ref()).is_none()
    {
        errors.push(
            Diagnostic::unknown("theme", name.get_ref(), builtin::names())
                .with_span(name.span())
                .with_path(path(name.span(), "theme.name"))
                .with_hint("`resume themes` lists the built-in themes"),
        );
    }
    match written {
        Written::Resume => {
            if let Some(extends) = &def.extends {
                errors.push(misplaced(
                    extends,
                    "`extends` belongs in a theme file",
                    "here, pick the theme with `name = \"...\"`",
                ));
            }
        }
        Written::ThemeFile => {
            for (key, what) in [(&def.name, "name"), (&def.file, "file")] {
                if let Some(key) = key {
                    errors.push(misplaced(
                        key,
                        &format!("a theme file has no `{what}`"),
                        "a theme file builds on a built-in theme with `extends = \"...\"`",
                    ));
                }
            }
            if let Some(font) = &def.font
                && fonts::family(font.get_ref()).is_none()
            {
                errors.push(unknown_family(font).with_path(path(font.span(), "font")));
            }
            if let Some(paper) = &def.paper
                && !["letter", "a4"].contains(&paper.get_ref().to_ascii_lowercase().as_str())
            {
                errors.push(
                    Diagnostic::error(format!("unknown paper `{}`", paper.get_ref()))
                        .with_span(paper.span())
                        .with_path(path(paper.span(), "paper"))
                        .with_hint("use \"letter\" or \"a4\""),
                );
            }
        }
    }
    for (_, role) in def.fonts.iter().flat_map(ThemeFonts::roles) {
        if let Some(FontRole::Family(name)) = role
            && fonts::family(name.get_ref()).is_none()
        {
            errors.push(unknown_family(name).with_path(path(name.span(), "theme.fonts")));
        }
    }
    errors
}

/// Parse a theme file: the theme keys at its top level. Errors point into
/// `text`.
pub fn parse_file(text: &str) -> Result<ThemeDef, Vec<super::Diagnostic>> {
    super::check::check_source(text).map_err(|d| vec![d])?;
    let def: ThemeDef =
        toml::from_str(text).map_err(|e| vec![super::toml_error::from_toml_error(&e, text)])?;
    if def.smart_punctuation.is_some() {
        let d = super::Diagnostic::error("`smart_punctuation` belongs in the résumé")
            .with_hint("it changes the text, not the look: set it in the résumé's [theme]");
        return Err(vec![d]);
    }
    let errors = check_names(&def, text, Written::ThemeFile);
    if errors.is_empty() {
        Ok(def)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(toml: &str) -> Result<ThemeDef, String> {
        toml::from_str(toml).map_err(|e| e.message().to_owned())
    }

    #[test]
    fn colours_are_hex_or_another_colour() {
        assert_eq!(Hex::parse("#1f4e79"), Some(Hex(0x1f, 0x4e, 0x79)));
        assert_eq!(Hex::parse("#fff"), Some(Hex(255, 255, 255)));
        for bad in ["1f4e79", "#1f4e7", "#ggg", "#", "blue", "#1f4e79aa"] {
            assert_eq!(Hex::parse(bad), None, "{bad}");
        }
        let d = def("name_color = \"accent\"\nlink_color = \"#123\"").unwrap();
        assert_eq!(d.name_color, Some(Color::Accent));
        assert_eq!(d.link_color, Some(Color::Rgb(Hex(0x11, 0x22, 0x33))));
        assert!(
            def("accent = \"accent\"")
                .unwrap_err()
                .contains("not a colour")
        );
    }

    #[test]
    fn lengths_take_units_and_stay_in_bounds() {
        assert_eq!(length_points("0.5in"), Some(36.0));
        assert_eq!(length_points("10pt"), Some(10.0));
        assert_eq!(length_points("1cm"), Some(72.0 / 2.54));
        assert!((length_points("25.4mm").unwrap() - 72.0).abs() < 1e-9);
        for bad in ["", "in", "3furlongs", "12", "nanin", "1e999in"] {
            assert_eq!(length_points(bad), None, "{bad}");
        }
        assert_eq!(
            def("margin_x = \"0.45in\"").unwrap().margin_x,
            Some(0.45 * 72.0)
        );
        assert_eq!(def("body_size = 11").unwrap().body_size, Some(11.0));
        assert!(def("body_size = 0.5").unwrap_err().contains("out of range"));
        assert!(
            def("leading = \"1.2in\"")
                .unwrap_err()
                .contains("not a number")
        );
        assert!(def("margin_x = -1").unwrap_err().contains("out of range"));
    }

    #[test]
    fn marks_are_short_and_visible() {
        assert_eq!(
            def("bullet = \"–\"").unwrap().bullet,
            Some(Glyph("–".to_owned()))
        );
        for bad in ["\"\"", "\" \"", "\"\\u200B\"", "\"\\uE000\"", "\"abcd\""] {
            assert!(def(&format!("bullet = {bad}")).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_short_form_names_a_theme_or_a_file() {
        assert!(is_theme_file("mine.toml") && is_theme_file("looks/mine"));
        assert!(!is_theme_file("garamond"));
        #[derive(Deserialize)]
        struct Root {
            #[serde(deserialize_with = "table_or_name")]
            theme: ThemeDef,
        }
        let root: Root = toml::from_str("theme = \"looks/a.toml\"").unwrap();
        assert_eq!(
            root.theme.file.map(|f| f.span()),
            Some(8..22),
            "the quoted value"
        );
        let root: Root = toml::from_str("theme = \"warm\"").unwrap();
        assert_eq!(root.theme.name.unwrap().into_inner(), "warm");
        let root: Root = toml::from_str("[theme]\nbody_size = 9").unwrap();
        assert_eq!(root.theme.body_size, Some(9.0));
    }

    #[test]
    fn a_theme_file_is_checked_for_keys_that_belong_elsewhere() {
        let errors = parse_file("name = \"classic\"\nfile = \"x.toml\"\n").unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors[0].message.contains("no `name`"));
        assert!(parse_file("smart_punctuation = false").is_err());
        assert!(parse_file("extends = \"warm\"\npaper = \"a4\"").is_ok());
        let errors = parse_file("paper = \"legal\"\nfont = \"comic\"").unwrap_err();
        assert_eq!(errors.len(), 2);
    }
}
