//! Themes: every style made concrete (fonts, sizes, spacing, page, colours).
//!
//! A theme is data: the built-in themes are TOML files in `themes/`
//! ([`builtin`]), read into the same keys as a résumé's `[theme]` or a
//! theme file ([`crate::model::ThemeDef`]); [`resolve`] stacks those layers
//! into one [`Theme`]. Layout reads only a [`Theme`]; it never looks at the
//! TOML. A fitter can therefore re-run layout with an adjusted copy of the
//! theme.

pub mod builtin;
pub mod fonts;
pub mod icons;
pub mod resolve;

use crate::document::{Marks, PageWords, Settings};
use crate::text::style::Style;
use crate::units::Pt;
use fonts::FontId;

pub use crate::model::theme::{
    Align, Direction, EntryLayout, HeaderLayout, HeadingRule, PhotoSlot,
};

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Black text.
    pub const BLACK: Rgb = Rgb(0, 0, 0);
}

/// How lines are set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// Flush left, ragged right: minimise the raggedness of the right edge.
    #[default]
    Ragged,
    /// Flush left and right: inter-word spaces stretch and shrink.
    Justified,
}

/// The four faces of a family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Family {
    /// Upright.
    pub regular: FontId,
    /// Bold.
    pub bold: FontId,
    /// Italic.
    pub italic: FontId,
    /// Bold italic.
    pub bold_italic: FontId,
}

/// How the letters of a heading are set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// As written (in a small-caps face, when the heading font is one).
    AsWritten,
    /// Lowercase letters as the face's small capitals (`smcp`).
    SmallCaps,
    /// Capitals; the text extracted from the PDF stays as written.
    Upper,
}

impl Family {
    /// The face for an inline style.
    pub fn face(&self, style: Style) -> FontId {
        match (style.bold, style.italic) {
            (false, false) => self.regular,
            (true, false) => self.bold,
            (false, true) => self.italic,
            (true, true) => self.bold_italic,
        }
    }
}

/// A fully resolved theme.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Page width.
    pub page_width: Pt,
    /// Page height.
    pub page_height: Pt,
    /// Top margin.
    pub margin_top: Pt,
    /// Bottom margin.
    pub margin_bottom: Pt,
    /// Left and right margins.
    pub margin_x: Pt,
    /// The text family: entries, bullets, skills, the contact line.
    pub family: Family,
    /// The family of the name.
    pub name_family: Family,
    /// The name in bold.
    pub name_bold: bool,
    /// The face of section headings.
    pub heading_font: FontId,
    /// How heading letters are set.
    pub heading_case: Case,
    /// The family of dates.
    pub date_family: Family,
    /// Dates in italic.
    pub date_italic: bool,
    /// Subtitles in italic.
    pub subtitle_italic: bool,
    /// Faces tried, in order, for a character the family's upright and
    /// italic faces lack.
    pub fallback: [FontId; 3],
    /// Faces tried, in order, for a character the bold faces lack.
    pub fallback_bold: [FontId; 3],
    /// The family of `code` spans.
    pub code_family: Family,
    /// Size of code relative to the surrounding text (a sans or mono face
    /// looks large beside a serif).
    pub code_scale: f64,
    /// Size of the name at the top.
    pub name_size: Pt,
    /// Size of the contact line.
    pub contact_size: Pt,
    /// Size of section headings.
    pub heading_size: Pt,
    /// Size of entry titles, details, skills and paragraphs.
    pub body_size: Pt,
    /// Size of subtitles.
    pub subtitle_size: Pt,
    /// Size of bullet text.
    pub bullet_size: Pt,
    /// Size of dates.
    pub date_size: Pt,
    /// Line height as a multiple of the font size.
    pub leading: f64,
    /// Space between the name's baseline area and the contact line.
    pub header_gap: Pt,
    /// Space above each section heading.
    pub section_gap: Pt,
    /// Distance from the heading baseline down to its rule (up to the
    /// heading's top for a rule above).
    pub rule_offset: Pt,
    /// Thickness of the rule by headings.
    pub rule_thickness: Pt,
    /// Space between the heading (and its rule) and the first line of the section.
    pub heading_gap: Pt,
    /// Space between two entries of a section.
    pub entry_gap: Pt,
    /// Extra space between two bullets.
    pub bullet_gap: Pt,
    /// Indent of entries, skills and paragraphs from the left margin.
    pub entry_indent: Pt,
    /// Indent of the bullet marker from the entry indent.
    pub bullet_indent: Pt,
    /// Indent of bullet text (and its wrapped lines) from the marker.
    pub bullet_text_indent: Pt,
    /// Right inset of the date column from the right margin.
    pub date_inset: Pt,
    /// Minimum space between an entry title and its dates.
    pub date_gap: Pt,
    /// Colour of body text.
    pub text_color: Rgb,
    /// The accent colour.
    pub accent: Rgb,
    /// Colour of the name.
    pub name_color: Rgb,
    /// Colour of section headings.
    pub heading_color: Rgb,
    /// Colour of the rules by headings.
    pub rule_color: Rgb,
    /// Colour of link text.
    pub link_color: Rgb,
    /// Colour of dates.
    pub date_color: Rgb,
    /// Underline links (the classic look) or rely on colour.
    pub link_underline: bool,
    /// The running header on pages after the first (the name, and "page
    /// 2 of 3" at the right): its size, colour and the space under it.
    pub running: Running,
    /// Where the heading rule goes.
    pub heading_rule: HeadingRule,
    /// Headings flush left or centred.
    pub heading_align: Align,
    /// How the header is arranged.
    pub header: HeaderLayout,
    /// Where entries' dates go.
    pub entry_layout: EntryLayout,
    /// Width of the date column of [`EntryLayout::DatesLeft`].
    pub date_column: Pt,
    /// The bullet marker.
    pub bullet: String,
    /// Between contact items.
    pub contact_separator: String,
    /// Ragged right or justified paragraphs.
    pub mode: Mode,
    /// The page's direction: right to left mirrors every placement (text
    /// flush right, dates, bullets and indents on the other side) and sets
    /// each paragraph's base direction.
    pub direction: Direction,
    /// The running header's page number in the document's language (the
    /// locale's, like the direction).
    pub page_words: PageWords,
    /// Hyphenate words at line ends (off by default: a split keyword can
    /// escape an applicant-tracking system's search).
    pub hyphenate: bool,
    /// Standard ligatures (fi, fl, ffi).
    pub ligatures: bool,
    /// Icons in the contact line.
    pub icons: bool,
    /// The photo slot: none, or beside the header cropped to a circle or
    /// a square.
    pub photo: PhotoSlot,
    /// How far the fitter may tighten or loosen this theme.
    pub limits: Limits,
}

/// The look of the running header on pages after the first. The fitter
/// leaves it as it is: it is the same on every page and every setting.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Running {
    /// Font size (the family's upright face).
    pub size: Pt,
    /// Colour of its text and of the hairline under it.
    pub color: Rgb,
    /// Distance from its baseline to the hairline under it.
    pub rule_offset: Pt,
    /// Space between the hairline and the page's first block.
    pub gap: Pt,
}

impl Running {
    /// Height the running header takes from the top of a page's content
    /// area: its line, the hairline and the gap below.
    pub fn height(&self) -> Pt {
        self.size + self.rule_offset + self.gap
    }
}

/// The bounds within which the fitter adjusts a theme. Each dimension has
/// its preferred value in the theme itself and a limit here.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Smallest factor on vertical spacing (section, entry and bullet gaps).
    pub spacing_min: f64,
    /// Largest factor on vertical spacing when spreading an underfull page.
    pub spacing_max: f64,
    /// Tightest line height, as a multiple of the font size.
    pub leading_min: f64,
    /// Loosest line height when spreading an underfull page.
    pub leading_max: f64,
    /// Smallest body font size; every other size shrinks in proportion.
    pub body_size_min: Pt,
    /// Smallest side margin; the other margins shrink in proportion.
    pub margin_min: Pt,
}

/// One setting of the adjustable dimensions, as chosen by the fitter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Adjust {
    /// Factor on vertical spacing.
    pub spacing: f64,
    /// Line height as a multiple of the font size.
    pub leading: f64,
    /// Factor on every font size.
    pub size: f64,
    /// Factor on every margin.
    pub margin: f64,
}

impl Theme {
    /// The theme for the settings chosen in the TOML, from the built-in
    /// themes only (no theme files, no font files; see [`resolve::resolve`]).
    pub fn resolve(settings: &Settings) -> Theme {
        resolve::resolve(settings, &resolve::Sources::default()).0
    }

    /// The marks the theme prints that are part of the text a reader
    /// extracts: the bullet, the contact separator, and where dates come.
    pub fn marks(&self) -> Marks {
        Marks {
            bullet: self.bullet.clone(),
            separator: self.contact_separator.clone(),
            dates_first: self.entry_layout == EntryLayout::DatesLeft,
        }
    }

    /// The theme's own setting: nothing adjusted.
    pub fn preferred(&self) -> Adjust {
        Adjust {
            spacing: 1.0,
            leading: self.leading,
            size: 1.0,
            margin: 1.0,
        }
    }

    /// The setting `t` along the tightening path, from 0 (preferred) to 4
    /// (every limit): spacing first, then leading, then font size, then
    /// margins, each interpolated between its preferred value and its limit.
    pub fn tightened(&self, t: f64) -> Adjust {
        let l = &self.limits;
        let step = |k: f64| (t - k).clamp(0.0, 1.0);
        Adjust {
            spacing: 1.0 - step(0.0) * (1.0 - l.spacing_min),
            leading: self.leading - step(1.0) * (self.leading - l.leading_min),
            size: 1.0 - step(2.0) * (1.0 - l.body_size_min / self.body_size),
            margin: 1.0 - step(3.0) * (1.0 - l.margin_min / self.margin_x),
        }
    }

    /// The setting `u` along the loosening path, from 0 (preferred) to 1:
    /// spacing and leading grow together up to their limits.
    pub fn loosened(&self, u: f64) -> Adjust {
        let l = &self.limits;
        let u = u.clamp(0.0, 1.0);
        Adjust {
            spacing: 1.0 + u * (l.spacing_max - 1.0),
            leading: self.leading + u * (l.leading_max - self.leading),
            size: 1.0,
            margin: 1.0,
        }
    }

    /// This theme with an adjustment applied.
    pub fn adjusted(&self, a: Adjust) -> Theme {
        Theme {
            margin_top: self.margin_top * a.margin,
            margin_bottom: self.margin_bottom * a.margin,
            margin_x: self.margin_x * a.margin,
            name_size: self.name_size * a.size,
            contact_size: self.contact_size * a.size,
            heading_size: self.heading_size * a.size,
            body_size: self.body_size * a.size,
            subtitle_size: self.subtitle_size * a.size,
            bullet_size: self.bullet_size * a.size,
            date_size: self.date_size * a.size,
            leading: a.leading,
            header_gap: self.header_gap * a.spacing,
            section_gap: self.section_gap * a.spacing,
            heading_gap: self.heading_gap * a.spacing,
            entry_gap: self.entry_gap * a.spacing,
            bullet_gap: self.bullet_gap * a.spacing,
            ..self.clone()
        }
    }

    /// Width between the margins.
    pub fn text_width(&self) -> Pt {
        self.page_width - self.margin_x * 2.0
    }

    /// Whether the page is right to left (mirrored).
    pub fn rtl(&self) -> bool {
        self.direction == Direction::Rtl
    }

    /// Where something `width` wide that a left-to-right page puts at `x`
    /// goes on this page: the same place, or mirrored about the page's
    /// middle on a right-to-left page (its right edge where the left edge
    /// was).
    pub fn mirrored(&self, x: Pt, width: Pt) -> Pt {
        if self.rtl() {
            self.page_width - x - width
        } else {
            x
        }
    }
}
