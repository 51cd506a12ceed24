//! Settings layered over settings: a variant's `[theme]`, `[fit]` and
//! overrides on top of its parent's, and the result on top of the file's.
//! Every field the upper layer sets wins; the others come from below.

use super::{FitDef, OverrideDef, ThemeDef};

impl ThemeDef {
    /// These theme settings on top of `base`'s.
    pub fn merged_over(&self, base: &ThemeDef) -> ThemeDef {
        ThemeDef {
            font: self.font.clone().or_else(|| base.font.clone()),
            paper: self.paper.clone().or_else(|| base.paper.clone()),
            justify: self.justify.or(base.justify),
            hyphenate: self.hyphenate.or(base.hyphenate),
            ligatures: self.ligatures.or(base.ligatures),
            smart_punctuation: self.smart_punctuation.or(base.smart_punctuation),
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
