//! Resolution: the layers of theme keys (the built-in theme and those it
//! extends, a theme file, the résumé's `[theme]` as merged for the
//! document) stacked into one [`Theme`] with every value concrete.

use crate::diag::Diagnostic;
use crate::document::{FontChoice, PageWords, Settings};
use crate::model::ThemeDef;
use crate::model::theme::{
    Color, FontRole, Glyph, HeadingCase, Hex, TextStyle, ThemeFonts, Weight,
};
use crate::text::shape::FontBook;
use crate::theme::fonts::{self, FontId};
use crate::theme::{
    Align, Case, EntryLayout, Family, HeaderLayout, HeadingRule, Limits, Mode, PhotoSlot, Rgb,
    Running, Theme, builtin,
};
use crate::units::Pt;

/// A theme file, read by the caller and parsed
/// ([`crate::model::theme::parse_file`]).
#[derive(Clone, Debug)]
pub struct ThemeFile {
    /// The path as the résumé writes it.
    pub path: String,
    /// Its keys; font paths already relative to the résumé.
    pub def: ThemeDef,
}

/// What resolution reads besides the document's settings.
#[derive(Clone, Copy, Default)]
pub struct Sources<'a> {
    /// A built-in theme that replaces the one the résumé picks (`--theme`).
    pub theme: Option<&'a str>,
    /// The theme files loaded, by the path the résumé writes.
    pub files: &'a [ThemeFile],
    /// The font files themes name (paths relative to the résumé), loaded as
    /// these faces.
    pub fonts: &'a [(String, FontId)],
    /// The faces, to ask which OpenType features they have.
    pub book: Option<&'a FontBook<'a>>,
}

/// The theme for `settings`: its layers stacked and made concrete, with a
/// warning for each font style a family lacks (and an error for a theme or
/// a font file that is not there).
pub fn resolve(settings: &Settings, sources: &Sources) -> (Theme, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let merged = layers(settings, sources, &mut diagnostics);
    let own_book;
    let book = match sources.book {
        Some(book) => book,
        None => {
            own_book = FontBook::new();
            &own_book
        }
    };
    let mut cx = Cx {
        def: &merged,
        sources,
        book,
        diagnostics,
    };
    let mut theme = cx.theme();
    theme.direction = merged.direction.unwrap_or(settings.direction);
    theme.page_words.clone_from(&settings.page_words);
    (theme, cx.diagnostics)
}

/// The layers for `settings`, stacked: every key set by the topmost layer
/// that sets it.
fn layers(settings: &Settings, sources: &Sources, diagnostics: &mut Vec<Diagnostic>) -> ThemeDef {
    let mine = &settings.theme;
    let mut stack: Vec<ThemeDef> = Vec::new();
    let mut top = ThemeDef {
        name: None,
        file: None,
        extends: None,
        ..mine.clone()
    };
    // Without a theme's name or file, "serif" and "sans" pick the classic
    // and modern themes rather than a family.
    let picks = mine.name.is_none() && mine.file.is_none();
    if picks && matches!(settings.font, FontChoice::Serif | FontChoice::Sans) {
        top.font = None;
    }
    let file = match (sources.theme, &mine.file) {
        (None, Some(path)) => {
            let found = sources.files.iter().find(|f| f.path == *path.get_ref());
            if found.is_none() {
                diagnostics.push(
                    Diagnostic::error(format!("theme file `{}` is not loaded", path.get_ref()))
                        .with_span(path.span())
                        .with_hint(
                            "the caller reads it and passes it to `Session::with_theme_files`",
                        ),
                );
            }
            found
        }
        _ => None,
    };
    let base = match (sources.theme, file, &mine.name) {
        (Some(name), _, _) => name.to_owned(),
        (None, Some(file), _) => file
            .def
            .extends
            .as_ref()
            .map_or_else(|| "classic".to_owned(), |e| e.get_ref().clone()),
        (None, None, Some(name)) => name.get_ref().clone(),
        (None, None, None) if settings.font == FontChoice::Sans => "modern".to_owned(),
        (None, None, None) => "classic".to_owned(),
    };
    if builtin::find(&base).is_none() {
        let mut d = Diagnostic::unknown("theme", &base, builtin::names());
        if let (None, Some(name)) = (sources.theme, &mine.name) {
            d = d.with_span(name.span()).with_path("theme.name");
        }
        diagnostics.push(d.with_hint("`resume themes` lists the built-in themes"));
    }
    let known = if builtin::find(&base).is_some() {
        base.as_str()
    } else {
        "classic"
    };
    stack.extend(builtin::chain(known).into_iter().cloned());
    stack.extend(file.map(|f| f.def.clone()));
    stack.push(top);
    stack
        .iter()
        .map(with_font_roles)
        .fold(ThemeDef::default(), |below, layer| {
            layer.merged_over(&below)
        })
}

/// A layer with its `font` written out as the family of every text role
/// it does not set itself, so that it overrides the roles of the layers
/// below it.
fn with_font_roles(layer: &ThemeDef) -> ThemeDef {
    let Some(font) = &layer.font else {
        return layer.clone();
    };
    let family = Some(FontRole::Family(font.clone()));
    let set = ThemeFonts {
        name: family.clone(),
        headings: family.clone(),
        body: family.clone(),
        dates: family,
        code: None,
    };
    let fonts = match &layer.fonts {
        Some(own) => own.merged_over(&set),
        None => set,
    };
    ThemeDef {
        fonts: Some(fonts),
        ..layer.clone()
    }
}

/// Resolution of one stacked theme.
struct Cx<'a> {
    def: &'a ThemeDef,
    sources: &'a Sources<'a>,
    book: &'a FontBook<'a>,
    diagnostics: Vec<Diagnostic>,
}

/// A mark as written, or the bullet.
fn mark(glyph: Option<&Glyph>) -> String {
    glyph.map_or_else(|| "•".to_owned(), |g| g.0.clone())
}

/// The fitter's limits.
fn limits(d: &ThemeDef) -> Limits {
    Limits {
        spacing_min: d.spacing_min.unwrap_or(0.35),
        spacing_max: d.spacing_max.unwrap_or(2.2),
        leading_min: d.leading_min.unwrap_or(1.1),
        leading_max: d.leading_max.unwrap_or(1.35),
        body_size_min: pt(d.body_size_min, 9.0),
        margin_min: pt(d.margin_min, 21.6),
    }
}

/// The faces tried for characters the text family lacks: Inter first (it
/// covers most symbols a serif lacks and embeds compactly), then DejaVu
/// Sans; for text in Inter, DejaVu Sans. Noto Sans Devanagari comes last
/// in every theme.
fn fallbacks(family: &Family) -> ([FontId; 3], [FontId; 3]) {
    if family.regular == FontId::InterRegular {
        (
            [
                FontId::DejaVu,
                FontId::DejaVuBold,
                FontId::DevanagariRegular,
            ],
            [FontId::DejaVuBold, FontId::DejaVu, FontId::DevanagariBold],
        )
    } else {
        (
            [
                FontId::InterRegular,
                FontId::DejaVu,
                FontId::DevanagariRegular,
            ],
            [
                FontId::InterBold,
                FontId::DejaVuBold,
                FontId::DevanagariBold,
            ],
        )
    }
}

/// A key's value, or `default` when no layer sets it (the classic theme
/// sets every key, so that happens only to a damaged build).
fn pt(value: Option<f64>, default: f64) -> Pt {
    Pt(value.unwrap_or(default))
}

fn rgb(hex: Hex) -> Rgb {
    Rgb(hex.0, hex.1, hex.2)
}

impl Cx<'_> {
    fn theme(&mut self) -> Theme {
        let d = self.def;
        let (page_width, page_height) =
            match d.paper.as_ref().map(|p| p.get_ref().to_ascii_lowercase()) {
                Some(p) if p == "a4" => (Pt::mm(210.0), Pt::mm(297.0)),
                _ => (Pt::inches(8.5), Pt::inches(11.0)),
            };
        let fonts = d.fonts.clone().unwrap_or_default();
        let family = self.family("body", fonts.body.as_ref());
        let name_family = self.family("name", fonts.name.as_ref());
        let date_family = self.family("dates", fonts.dates.as_ref());
        let code_family = self.family("code", fonts.code.as_ref());
        let (heading_font, heading_case) = self.heading(fonts.headings.as_ref());
        let accent = rgb(d.accent.unwrap_or(Hex(0, 0, 0)));
        let text_color = rgb(d.text_color.unwrap_or(Hex(0, 0, 0)));
        let color = |c: Option<Color>, default: Rgb| match c {
            Some(Color::Rgb(hex)) => rgb(hex),
            Some(Color::Accent) => accent,
            Some(Color::Text) => text_color,
            None => default,
        };
        let (fallback, fallback_bold) = fallbacks(&family);
        let entry_layout = d.entry_layout.unwrap_or(EntryLayout::DatesRight);
        let date_column = pt(d.date_column, 72.0);
        let date_gap = pt(d.date_gap, 12.0);
        let entry_indent = match entry_layout {
            EntryLayout::DatesRight => pt(d.entry_indent, 10.8),
            EntryLayout::DatesLeft => date_column + date_gap,
        };
        let body_size = pt(d.body_size, 10.0);
        // The running header of pages after the first: small, in the
        // accent colour, or grey when the accent is black.
        let running = Running {
            size: body_size * 0.8,
            color: if accent == Rgb::BLACK {
                Rgb(0x55, 0x55, 0x55)
            } else {
                accent
            },
            rule_offset: Pt(3.5),
            gap: Pt(9.0),
        };
        Theme {
            running,
            page_width,
            page_height,
            margin_top: pt(d.margin_top, 32.4),
            margin_bottom: pt(d.margin_bottom, 32.4),
            margin_x: pt(d.margin_x, 36.0),
            family,
            name_family,
            name_bold: d.name_weight != Some(Weight::Regular),
            heading_font,
            heading_case,
            date_family,
            date_italic: d.date_style == Some(TextStyle::Italic),
            subtitle_italic: d.subtitle_style != Some(TextStyle::Regular),
            fallback,
            fallback_bold,
            code_family,
            code_scale: d.code_scale.unwrap_or(0.88),
            name_size: pt(d.name_size, 24.0),
            contact_size: pt(d.contact_size, 9.5),
            heading_size: pt(d.heading_size, 12.5),
            body_size,
            subtitle_size: pt(d.subtitle_size, 9.0),
            bullet_size: pt(d.bullet_size, 9.0),
            date_size: pt(d.date_size, body_size.get()),
            leading: d.leading.unwrap_or(1.2),
            header_gap: pt(d.header_gap, 2.0),
            section_gap: pt(d.section_gap, 7.0),
            rule_offset: pt(d.rule_offset, 3.2),
            rule_thickness: pt(d.rule_thickness, 0.4),
            heading_gap: pt(d.heading_gap, 4.0),
            entry_gap: pt(d.entry_gap, 4.5),
            bullet_gap: pt(d.bullet_gap, 1.0),
            entry_indent,
            bullet_indent: pt(d.bullet_indent, 10.8),
            bullet_text_indent: pt(d.bullet_text_indent, 9.5),
            date_inset: pt(d.date_inset, 7.2),
            date_gap,
            text_color,
            accent,
            name_color: color(d.name_color, accent),
            heading_color: color(d.heading_color, accent),
            rule_color: color(d.rule_color, accent),
            link_color: color(d.link_color, text_color),
            date_color: color(d.date_color, text_color),
            link_underline: d.link_underline.unwrap_or(true),
            heading_rule: d.heading_rule.unwrap_or(HeadingRule::Below),
            heading_align: d.heading_align.unwrap_or(Align::Left),
            header: d.header.unwrap_or(HeaderLayout::Centered),
            entry_layout,
            date_column,
            bullet: mark(d.bullet.as_ref()),
            contact_separator: mark(d.contact_separator.as_ref()),
            mode: match d.justify {
                Some(true) => Mode::Justified,
                _ => Mode::Ragged,
            },
            direction: d.direction.unwrap_or_default(),
            page_words: PageWords::default(),
            hyphenate: d.hyphenate == Some(true),
            ligatures: d.ligatures != Some(false),
            icons: d.icons == Some(true),
            photo: d.photo.unwrap_or(PhotoSlot::None),
            limits: limits(d),
        }
    }

    /// The family of a role: a bundled one, or the files the theme names
    /// (a missing style falls back to another style of the same files,
    /// with a warning).
    fn family(&mut self, role: &str, def: Option<&FontRole>) -> Family {
        let bundled = |faces: [FontId; 4]| Family {
            regular: faces[0],
            bold: faces[1],
            italic: faces[2],
            bold_italic: faces[3],
        };
        let latin_modern = bundled(fonts::FAMILIES[0].faces);
        match def {
            None => latin_modern,
            Some(FontRole::Family(name)) => match fonts::family(name.get_ref()) {
                Some(f) => bundled(f.faces),
                None => latin_modern,
            },
            Some(FontRole::Files(files)) => {
                let styles = files.styles();
                let mut found: [Option<(FontId, &str)>; 4] = [None; 4];
                for (i, (style, path)) in styles.iter().enumerate() {
                    let Some(path) = path else { continue };
                    match self.sources.fonts.iter().find(|(p, _)| p == path.get_ref()) {
                        Some((_, id)) => found[i] = Some((*id, path.get_ref().as_str())),
                        None => self.diagnostics.push(
                            Diagnostic::error(format!(
                                "font file `{}` is not loaded",
                                path.get_ref()
                            ))
                            .with_path(format!("theme.fonts.{role}.{style}"))
                            .with_hint("the caller reads it with `Session::read_fonts`"),
                        ),
                    }
                }
                let faces = self.fill_styles(role, found, styles.map(|(s, _)| s));
                bundled(faces)
            }
        }
    }

    /// Each style's face: its own file, or else the nearest style that has
    /// one (and a warning that says which).
    fn fill_styles(
        &mut self,
        role: &str,
        found: [Option<(FontId, &str)>; 4],
        names: [&str; 4],
    ) -> [FontId; 4] {
        // Nearest styles first: regular, bold, italic, bold italic.
        const NEAREST: [[usize; 3]; 4] = [[1, 2, 3], [0, 3, 2], [0, 3, 1], [1, 2, 0]];
        let mut faces = [FontId::LmRegular; 4];
        for i in 0..4 {
            if let Some((id, _)) = found[i] {
                faces[i] = id;
                continue;
            }
            let Some((j, (id, path))) = NEAREST[i].iter().find_map(|&j| found[j].map(|f| (j, f)))
            else {
                continue;
            };
            faces[i] = id;
            self.diagnostics.push(
                Diagnostic::warning(format!(
                    "the {role} font has no {} file; {} text is set in `{path}` (its {})",
                    names[i],
                    names[i].replace('_', " "),
                    names[j].replace('_', " "),
                ))
                .with_path(format!("theme.fonts.{role}"))
                .with_hint(format!("add `{} = \"...\"` to name one", names[i])),
            );
        }
        faces
    }

    /// The face and case of section headings.
    fn heading(&mut self, def: Option<&FontRole>) -> (FontId, Case) {
        let d = self.def;
        let family = self.family("headings", def);
        let bold = d.heading_weight == Some(Weight::Bold);
        let face = if bold { family.bold } else { family.regular };
        match d.heading_case.unwrap_or(HeadingCase::AsWritten) {
            HeadingCase::AsWritten => (face, Case::AsWritten),
            HeadingCase::Upper => (face, Case::Upper),
            HeadingCase::SmallCaps => {
                let caps_face = fonts::FAMILIES
                    .iter()
                    .find(|f| f.faces[0] == family.regular)
                    .and_then(|f| f.small_caps);
                match caps_face {
                    Some(caps) if !bold => (caps, Case::AsWritten),
                    _ if self.book.has_feature(face, b"smcp") => (face, Case::SmallCaps),
                    _ => {
                        self.diagnostics.push(
                            Diagnostic::warning(format!(
                                "the heading font `{}` has no small capitals; headings are set in capitals",
                                face.name()
                            ))
                            .with_path("theme.heading_case")
                            .with_hint("use `heading_case = \"upper\"` to say so, or a family with small capitals"),
                        );
                        (face, Case::Upper)
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{model, select};

    fn theme_of(toml: &str) -> (Theme, Vec<Diagnostic>) {
        let source = format!("{toml}\n[person]\nname = \"A\"\n");
        let resume = model::parse(&source).expect("parses");
        let doc = select::select(&resume, &source).expect("selects");
        resolve(&doc.settings, &Sources::default())
    }

    #[test]
    fn serif_and_sans_pick_the_classic_and_modern_themes() {
        let (classic, w) = theme_of("");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(classic.heading_font, FontId::LmCaps);
        assert_eq!(classic, theme_of("[theme]\nfont = \"serif\"").0);
        let (modern, _) = theme_of("[theme]\nfont = \"sans\"");
        assert_eq!(modern.family.regular, FontId::InterRegular);
        assert_eq!(modern.heading_font, FontId::InterBold);
        assert_eq!(modern, theme_of("[theme]\nname = \"modern\"").0);
    }

    #[test]
    fn keys_in_the_resume_override_the_theme() {
        let (t, _) = theme_of("[theme]\nname = \"modern\"\naccent = \"#112233\"\nbody_size = 10.5");
        assert_eq!(t.accent, Rgb(0x11, 0x22, 0x33));
        assert_eq!(t.heading_color, t.accent, "headings follow the accent");
        assert_eq!(t.body_size, Pt(10.5));
        assert_eq!(t.name_size, Pt(22.0), "the rest is modern's");
    }

    #[test]
    fn a_missing_style_falls_back_within_the_files_with_a_warning() {
        let source = "[theme]\n[theme.fonts.body]\nregular = \"a.ttf\"\nitalic = \"b.ttf\"\n\n[person]\nname = \"A\"\n";
        let resume = model::parse(source).expect("parses");
        let doc = select::select(&resume, source).expect("selects");
        let fonts = [
            ("a.ttf".to_owned(), FontId::Fallback(0)),
            ("b.ttf".to_owned(), FontId::Fallback(1)),
        ];
        let sources = Sources {
            fonts: &fonts,
            ..Sources::default()
        };
        let (t, warnings) = resolve(&doc.settings, &sources);
        assert_eq!(t.family.regular, FontId::Fallback(0));
        assert_eq!(t.family.bold, FontId::Fallback(0), "bold from regular");
        assert_eq!(t.family.italic, FontId::Fallback(1));
        assert_eq!(
            t.family.bold_italic,
            FontId::Fallback(1),
            "bold italic from italic"
        );
        let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("no bold file") && messages[0].contains("`a.ttf`"));
        assert!(messages[1].contains("no bold_italic file") && messages[1].contains("`b.ttf`"));
        assert!(warnings.iter().all(|w| !w.is_error()));
    }

    #[test]
    fn a_font_file_that_was_not_loaded_is_an_error() {
        let (_, diagnostics) = theme_of("[theme.fonts]\nname = { bold = \"x.ttf\" }");
        assert!(
            diagnostics
                .iter()
                .any(|d| d.is_error() && d.message.contains("x.ttf"))
        );
    }

    #[test]
    fn small_caps_come_from_the_caps_face_or_the_feature_or_become_capitals() {
        let (garamond, w) = theme_of("[theme]\nname = \"garamond\"");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(garamond.heading_case, Case::SmallCaps);
        let (lato, w) = theme_of("[theme]\nname = \"warm\"\nheading_case = \"small-caps\"");
        assert_eq!(lato.heading_case, Case::Upper, "Lato has no small capitals");
        assert!(w[0].message.contains("no small capitals"), "{w:?}");
    }

    #[test]
    fn icons_and_photo_slot_are_read() {
        let (t, w) = theme_of("[theme]\nicons = true\nphoto = \"circle\"");
        assert!(t.icons);
        assert_eq!(t.photo, PhotoSlot::Circle);
        assert!(w.is_empty(), "{w:?}");
        let (classic, _) = theme_of("");
        assert!(!classic.icons);
    }

    #[test]
    fn font_sets_every_text_role_of_a_named_theme() {
        let (t, _) = theme_of("[theme]\nname = \"modern\"\nfont = \"serif\"");
        assert_eq!(t.family.regular, FontId::LmRegular);
        assert_eq!(t.name_family.bold, FontId::LmBold);
        assert_eq!(t.heading_font, FontId::LmBold, "modern's bold headings");
        assert_eq!(t.accent, Rgb(0x1f, 0x3a, 0x5f));
    }
}
