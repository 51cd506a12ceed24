//! Settings layered over settings: a variant's `[theme]`, `[fit]` and
//! overrides on top of its parent's, and the result on top of the file's.
//! Every field the upper layer sets wins; the others come from below.

use super::theme::{FontRole, ThemeFonts};
use super::{FitDef, OverrideDef, ThemeDef};

/// Each listed field from `$over`, or else from `$base`.
macro_rules! over {
    ($over:expr, $base:expr; $($field:ident),* $(,)?) => {
        ThemeDef {
            $($field: $over.$field.clone().or_else(|| $base.$field.clone()),)*
            ..ThemeDef::default()
        }
    };
}

impl ThemeDef {
    /// Whether this layer picks the theme: by `name` or `file`, or (without
    /// either) by `font = "serif"` or `"sans"`, which pick the classic and
    /// modern themes.
    pub fn picks_theme(&self) -> bool {
        self.name.is_some() || self.file.is_some() || self.legacy_font()
    }

    /// `font` is `"serif"` or `"sans"`.
    fn legacy_font(&self) -> bool {
        self.font
            .as_ref()
            .is_some_and(|f| matches!(f.get_ref().as_str(), "serif" | "sans"))
    }

    /// These theme settings on top of `base`'s. The theme's pick is one
    /// choice: a layer that picks (see [`ThemeDef::picks_theme`]) replaces
    /// `base`'s name, file and picking `font`; a `font` that names a family
    /// carries over.
    pub fn merged_over(&self, base: &ThemeDef) -> ThemeDef {
        let picks = self.picks_theme();
        let picked = if picks { self } else { base };
        let base_font = if picks && base.legacy_font() && base.name.is_none() && base.file.is_none()
        {
            None
        } else {
            base.font.clone()
        };
        let fonts = match (&self.fonts, &base.fonts) {
            (Some(over), Some(under)) => Some(over.merged_over(under)),
            (over, under) => over.clone().or_else(|| under.clone()),
        };
        ThemeDef {
            name: picked.name.clone(),
            file: picked.file.clone(),
            font: self.font.clone().or(base_font),
            fonts,
            ..over!(self, base;
                extends, description, paper, justify, hyphenate, direction, ligatures,
                smart_punctuation, accent, text_color, name_color, heading_color, rule_color,
                link_color, date_color, name_size, contact_size, heading_size, body_size,
                subtitle_size, bullet_size, date_size, code_scale, name_weight, heading_weight,
                heading_case, heading_rule, heading_align, date_style, subtitle_style,
                link_underline, header, contact_separator, entry_layout, date_column, bullet,
                leading, header_gap, section_gap, heading_gap, entry_gap, bullet_gap,
                rule_offset, rule_thickness, entry_indent, bullet_indent, bullet_text_indent,
                date_inset, date_gap, margin_top, margin_bottom, margin_x, spacing_min,
                spacing_max, leading_min, leading_max, body_size_min, margin_min, icons, photo)
        }
    }
}

impl ThemeFonts {
    /// These roles on top of `base`'s.
    pub fn merged_over(&self, base: &ThemeFonts) -> ThemeFonts {
        let pick = |over: &Option<FontRole>, under: &Option<FontRole>| {
            over.clone().or_else(|| under.clone())
        };
        ThemeFonts {
            name: pick(&self.name, &base.name),
            headings: pick(&self.headings, &base.headings),
            body: pick(&self.body, &base.body),
            dates: pick(&self.dates, &base.dates),
            code: pick(&self.code, &base.code),
        }
    }
}

impl FitDef {
    /// These fit settings on top of `base`'s.
    pub fn merged_over(&self, base: &FitDef) -> FitDef {
        FitDef {
            spread: self.spread.or(base.spread),
            trim: self.trim.or(base.trim),
            pages: self.pages.clone().or_else(|| base.pages.clone()),
        }
    }
}

impl OverrideDef {
    /// These field replacements on top of `base`'s.
    pub fn merged_over(&self, base: &OverrideDef) -> OverrideDef {
        let pick = |over: &Option<_>, under: &Option<_>| over.clone().or_else(|| under.clone());
        OverrideDef {
            title: pick(&self.title, &base.title),
            org: pick(&self.org, &base.org),
            location: pick(&self.location, &base.location),
            subtitle: pick(&self.subtitle, &base.subtitle),
            text: pick(&self.text, &base.text),
            headline: pick(&self.headline, &base.headline),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml::Spanned;

    fn spanned(text: &str, at: usize) -> Spanned<String> {
        Spanned::new(at..at + text.len(), text.to_owned())
    }

    #[test]
    fn fit_fields_set_above_win() {
        let base = FitDef {
            spread: Some(true),
            trim: Some(false),
            pages: Some(Spanned::new(3..4, 2)),
        };
        let over = FitDef {
            spread: None,
            trim: Some(true),
            pages: None,
        };
        let merged = over.merged_over(&base);
        assert_eq!((merged.spread, merged.trim), (Some(true), Some(true)));
        let pages = merged.pages.expect("pages from below");
        assert_eq!((*pages.get_ref(), pages.span()), (2, 3..4));
        let over = FitDef {
            pages: Some(Spanned::new(9..10, 3)),
            ..FitDef::default()
        };
        assert_eq!(over.merged_over(&base).pages.map(|p| *p.get_ref()), Some(3));
        let merged = FitDef::default().merged_over(&FitDef::default());
        assert_eq!((merged.spread, merged.trim), (None, None));
        assert!(merged.pages.is_none());
    }

    #[test]
    fn theme_fields_set_above_win_with_their_spans() {
        let base = ThemeDef {
            font: Some(spanned("serif", 1)),
            paper: Some(spanned("a4", 10)),
            justify: Some(true),
            ..ThemeDef::default()
        };
        let over = ThemeDef {
            font: Some(spanned("sans", 20)),
            justify: Some(false),
            ligatures: Some(false),
            ..ThemeDef::default()
        };
        let merged = over.merged_over(&base);
        let font = merged.font.unwrap();
        assert_eq!((font.get_ref().as_str(), font.span()), ("sans", 20..24));
        assert_eq!(merged.paper.unwrap().get_ref(), "a4");
        assert_eq!(merged.justify, Some(false));
        assert_eq!(merged.hyphenate, None);
        assert_eq!(merged.ligatures, Some(false));
        assert_eq!(merged.smart_punctuation, None);
    }

    #[test]
    fn a_layer_that_picks_a_theme_replaces_the_pick_below() {
        let serif = ThemeDef {
            font: Some(spanned("serif", 1)),
            ..ThemeDef::default()
        };
        let garamond = ThemeDef {
            name: Some(spanned("garamond", 10)),
            ..ThemeDef::default()
        };
        let merged = garamond.merged_over(&serif);
        assert_eq!(merged.name.unwrap().get_ref(), "garamond");
        assert!(
            merged.font.is_none(),
            "serif was the pick below, not a family"
        );
        let file = ThemeDef {
            file: Some(spanned("mine.toml", 20)),
            ..ThemeDef::default()
        };
        let merged = file.merged_over(&garamond);
        assert!(merged.name.is_none() && merged.file.is_some());
        let family = ThemeDef {
            font: Some(spanned("lato", 30)),
            ..ThemeDef::default()
        };
        let merged = family.merged_over(&garamond);
        assert_eq!(merged.name.unwrap().get_ref(), "garamond");
        assert_eq!(merged.font.unwrap().get_ref(), "lato");
        let sans = ThemeDef {
            font: Some(spanned("sans", 40)),
            ..ThemeDef::default()
        };
        let merged = sans.merged_over(&garamond);
        assert!(merged.name.is_none(), "sans picks the modern theme");
    }

    #[test]
    fn override_fields_set_above_win() {
        let base = OverrideDef {
            title: Some(spanned("Old", 0)),
            org: Some(spanned("Acme", 5)),
            ..OverrideDef::default()
        };
        let over = OverrideDef {
            title: Some(spanned("New", 30)),
            text: Some(spanned("Body", 40)),
            ..OverrideDef::default()
        };
        let merged = over.merged_over(&base);
        assert_eq!(merged.title.unwrap().get_ref(), "New");
        assert_eq!(merged.org.unwrap().get_ref(), "Acme");
        assert_eq!(merged.text.unwrap().get_ref(), "Body");
        assert!(merged.location.is_none() && merged.subtitle.is_none());
        assert!(merged.headline.is_none());
    }
}
