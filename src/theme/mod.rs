//! Themes: every style made concrete (fonts, sizes, spacing, page, colours).
//!
//! Layout reads only a [`Theme`]; it never looks at the TOML. A fitter can
//! therefore re-run layout with an adjusted copy of the theme.

pub mod fonts;

use crate::document::{FontChoice, Paper, Settings};
use crate::layout::linebreak::Mode;
use crate::model::markup::Style;
use crate::units::Pt;
use fonts::FontId;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Black text.
    pub const BLACK: Rgb = Rgb(0, 0, 0);
}

/// The four faces of a family plus the heading face.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Family {
    /// Upright.
    pub regular: FontId,
    /// Bold.
    pub bold: FontId,
    /// Italic.
    pub italic: FontId,
    /// Bold italic.
    pub bold_italic: FontId,
    /// Section headings (small caps in the classic look).
    pub heading: FontId,
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
    /// The text family.
    pub family: Family,
    /// Faces tried, in order, for a character the family lacks.
    pub fallback: [FontId; 2],
    /// Face for `code` spans.
    pub code_font: FontId,
    /// Size of code relative to the surrounding text (sans faces look large beside a serif).
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
    /// Line height as a multiple of the font size.
    pub leading: f64,
    /// Space between the name's baseline area and the contact line.
    pub header_gap: Pt,
    /// Space above each section heading.
    pub section_gap: Pt,
    /// Distance from the heading baseline down to its rule.
    pub rule_offset: Pt,
    /// Thickness of the rule under headings.
    pub rule_thickness: Pt,
    /// Space between the rule and the first line of the section.
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
    /// Colour of the name and headings.
    pub accent: Rgb,
    /// Colour of link text.
    pub link_color: Rgb,
    /// Underline links (the classic look) or rely on colour.
    pub link_underline: bool,
    /// Ragged right or justified paragraphs.
    pub mode: Mode,
    /// Hyphenate words at line ends (off by default: a split keyword can
    /// escape an applicant-tracking system's search).
    pub hyphenate: bool,
    /// Standard ligatures (fi, fl, ffi).
    pub ligatures: bool,
}

impl Theme {
    /// The theme for the settings chosen in the TOML.
    pub fn resolve(settings: &Settings) -> Theme {
        let (page_width, page_height) = match settings.paper {
            Paper::Letter => (Pt::inches(8.5), Pt::inches(11.0)),
            Paper::A4 => (Pt::mm(210.0), Pt::mm(297.0)),
        };
        let classic = Theme {
            page_width,
            page_height,
            margin_top: Pt::inches(0.45),
            margin_bottom: Pt::inches(0.45),
            margin_x: Pt::inches(0.5),
            family: Family {
                regular: FontId::LmRegular,
                bold: FontId::LmBold,
                italic: FontId::LmItalic,
                bold_italic: FontId::LmBoldItalic,
                heading: FontId::LmCaps,
            },
            fallback: [FontId::DejaVu, FontId::DejaVuBold],
            code_font: FontId::DejaVu,
            code_scale: 0.86,
            name_size: Pt(24.0),
            contact_size: Pt(9.5),
            heading_size: Pt(12.5),
            body_size: Pt(10.0),
            subtitle_size: Pt(9.0),
            bullet_size: Pt(9.0),
            leading: 1.2,
            header_gap: Pt(2.0),
            section_gap: Pt(7.0),
            rule_offset: Pt(3.2),
            rule_thickness: Pt(0.4),
            heading_gap: Pt(4.0),
            entry_gap: Pt(4.5),
            bullet_gap: Pt(1.0),
            entry_indent: Pt::inches(0.15),
            bullet_indent: Pt::inches(0.15),
            bullet_text_indent: Pt(9.5),
            date_inset: Pt::inches(0.1),
            date_gap: Pt(12.0),
            text_color: Rgb::BLACK,
            accent: Rgb::BLACK,
            link_color: Rgb::BLACK,
            link_underline: true,
            mode: if settings.justify {
                Mode::Justified
            } else {
                Mode::Ragged
            },
            hyphenate: settings.hyphenate,
            ligatures: settings.ligatures,
        };
        match settings.font {
            FontChoice::Serif => classic,
            FontChoice::Sans => Theme {
                family: Family {
                    regular: FontId::InterRegular,
                    bold: FontId::InterBold,
                    italic: FontId::InterItalic,
                    bold_italic: FontId::InterBoldItalic,
                    heading: FontId::InterBold,
                },
                code_scale: 0.92,
                name_size: Pt(22.0),
                contact_size: Pt(8.5),
                heading_size: Pt(11.0),
                body_size: Pt(9.0),
                subtitle_size: Pt(8.5),
                bullet_size: Pt(8.5),
                leading: 1.25,
                accent: Rgb(0x1f, 0x3a, 0x5f),
                link_color: Rgb(0x1f, 0x3a, 0x5f),
                link_underline: false,
                ..classic
            },
        }
    }

    /// Width between the margins.
    pub fn text_width(&self) -> Pt {
        self.page_width - self.margin_x * 2.0
    }
}
