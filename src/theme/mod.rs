//! Themes: every style made concrete (fonts, sizes, spacing, page, colours).
//!
//! Layout reads only a [`Theme`]; it never looks at the TOML. A fitter can
//! therefore re-run layout with an adjusted copy of the theme.

pub mod fonts;

use crate::document::{FontChoice, Paper, Settings};
use crate::text::style::Style;
use crate::units::Pt;
use fonts::FontId;

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
    /// Faces tried, in order, for a character the family's upright and
    /// italic faces lack.
    pub fallback: [FontId; 2],
    /// Faces tried, in order, for a character the bold faces lack.
    pub fallback_bold: [FontId; 2],
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
    /// The running header on pages after the first (the name, and "page
    /// 2 of 3" at the right): its size, colour and the space under it.
    pub running: Running,
    /// Ragged right or justified paragraphs.
    pub mode: Mode,
    /// Hyphenate words at line ends (off by default: a split keyword can
    /// escape an applicant-tracking system's search).
    pub hyphenate: bool,
    /// Standard ligatures (fi, fl, ffi).
    pub ligatures: bool,
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
    /// The theme for the settings chosen in the TOML.
    pub fn resolve(settings: &Settings) -> Theme {
        let classic = Theme::classic(settings);
        match settings.font {
            FontChoice::Serif => classic,
            FontChoice::Sans => classic.sans(),
        }
    }

    /// The serif theme, the classic LaTeX look, for the page size and
    /// typesetting choices in `settings`.
    fn classic(settings: &Settings) -> Theme {
        let (page_width, page_height) = match settings.paper {
            Paper::Letter => (Pt::inches(8.5), Pt::inches(11.0)),
            Paper::A4 => (Pt::mm(210.0), Pt::mm(297.0)),
        };
        Theme {
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
            // Inter first: it covers most symbols Latin Modern lacks (≈, ≤, →)
            // and embeds as a compact CFF subset; DejaVu Sans covers the rest.
            fallback: [FontId::InterRegular, FontId::DejaVu],
            fallback_bold: [FontId::InterBold, FontId::DejaVuBold],
            code_font: FontId::InterRegular,
            code_scale: 0.88,
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
            running: Running {
                size: Pt(8.0),
                color: Rgb(0x55, 0x55, 0x55),
                rule_offset: Pt(3.5),
                gap: Pt(9.0),
            },
            mode: if settings.justify {
                Mode::Justified
            } else {
                Mode::Ragged
            },
            hyphenate: settings.hyphenate,
            ligatures: settings.ligatures,
            limits: Limits {
                spacing_min: 0.35,
                spacing_max: 2.2,
                leading_min: 1.1,
                leading_max: 1.35,
                body_size_min: Pt(9.0),
                margin_min: Pt::inches(0.3),
            },
        }
    }

    /// This theme in Inter: smaller sizes, looser leading, colour
    /// instead of underlined links.
    fn sans(self) -> Theme {
        Theme {
            family: Family {
                regular: FontId::InterRegular,
                bold: FontId::InterBold,
                italic: FontId::InterItalic,
                bold_italic: FontId::InterBoldItalic,
                heading: FontId::InterBold,
            },
            fallback: [FontId::DejaVu, FontId::DejaVuBold],
            fallback_bold: [FontId::DejaVuBold, FontId::DejaVu],
            code_font: FontId::DejaVu,
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
            running: Running {
                size: Pt(7.5),
                color: Rgb(0x1f, 0x3a, 0x5f),
                ..self.running
            },
            limits: Limits {
                leading_min: 1.12,
                leading_max: 1.45,
                body_size_min: Pt(8.0),
                ..self.limits
            },
            ..self
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
}
