//! The session's themes: the theme files a résumé names (read by the
//! caller, parsed here), the font files themes name, and resolving a
//! document's theme from them.

use std::ops::Range;

use toml::Spanned;

use super::{Failure, Session};
use crate::diag::Diagnostic;
use crate::document::Document;
use crate::limits;
use crate::model::ThemeDef;
use crate::model::field_path::field_path;
use crate::model::theme::{FontRole, Written, check_names, parse_file, unknown_family};
use crate::text::shape::FontFile;
use crate::theme::Theme;
use crate::theme::fonts::{self, FontId};
use crate::theme::resolve::{self, Sources, ThemeFile};

/// A theme file that does not parse: its errors point into its text.
#[derive(Clone, Debug)]
pub struct ThemeFileError {
    /// The path as the résumé writes it.
    pub path: String,
    /// The file's text.
    pub text: String,
    /// What is wrong, located in `text`.
    pub diagnostics: Vec<Diagnostic>,
}

/// Every `[theme]` table of the résumé: its own, then each variant's.
fn theme_defs<'s>(session: &'s Session) -> impl Iterator<Item = &'s ThemeDef> {
    let resume = &session.resume;
    std::iter::once(&resume.theme).chain(
        resume
            .variants
            .values()
            .filter_map(|v| v.get_ref().theme.as_ref()),
    )
}

/// The font files a theme's keys name, with their places.
fn font_paths(def: &ThemeDef) -> impl Iterator<Item = &Spanned<String>> {
    def.fonts
        .iter()
        .flat_map(|f| f.roles())
        .filter_map(|(_, role)| match role {
            Some(FontRole::Files(files)) => Some(files.styles()),
            _ => None,
        })
        .flatten()
        .filter_map(|(_, path)| path)
}

/// `path` read relative to the folder of the file at `base`.
fn relative_to(base: &str, path: &str) -> String {
    let folder = std::path::Path::new(base)
        .parent()
        .unwrap_or(std::path::Path::new(""));
    if std::path::Path::new(path).is_absolute() || folder.as_os_str().is_empty() {
        return path.to_owned();
    }
    folder.join(path).to_string_lossy().into_owned()
}

impl<'f> Session<'f> {
    /// The theme files the résumé and its variants name (`theme =
    /// "mine.toml"` or `file = ...`), each once, as written: relative to
    /// the résumé. The caller reads them for [`Session::with_theme_files`].
    pub fn theme_files(&self) -> Vec<&str> {
        let mut paths: Vec<&str> = Vec::new();
        for def in theme_defs(self) {
            if let Some(file) = &def.file
                && !paths.contains(&file.get_ref().as_str())
            {
                paths.push(file.get_ref());
            }
        }
        paths
    }

    /// Where the résumé first names the theme file `path`.
    pub fn theme_file_span(&self, path: &str) -> Option<Range<usize>> {
        theme_defs(self)
            .filter_map(|d| d.file.as_ref())
            .find(|f| f.get_ref() == path)
            .map(Spanned::span)
    }

    /// The session with the theme files it names, as `(path, text)` pairs
    /// the caller has read. A file that does not parse is an error located
    /// in its own text. The font files a theme file names are read
    /// relative to it.
    pub fn with_theme_files(
        mut self,
        files: Vec<(String, String)>,
    ) -> Result<Self, ThemeFileError> {
        for (path, text) in files {
            let mut def = match parse_file(&text) {
                Ok(def) => def,
                Err(diagnostics) => {
                    return Err(ThemeFileError {
                        path,
                        text,
                        diagnostics,
                    });
                }
            };
            // Later messages about these fonts point at the résumé's
            // reference to the theme file, whose text the reader has.
            let at = self.theme_file_span(&path).unwrap_or(0..0);
            if let Some(fonts) = &mut def.fonts {
                for role in [
                    &mut fonts.name,
                    &mut fonts.headings,
                    &mut fonts.body,
                    &mut fonts.dates,
                    &mut fonts.code,
                ] {
                    if let Some(FontRole::Files(files)) = role {
                        for style in [
                            &mut files.regular,
                            &mut files.bold,
                            &mut files.italic,
                            &mut files.bold_italic,
                        ]
                        .into_iter()
                        .flatten()
                        {
                            *style = Spanned::new(at.clone(), relative_to(&path, style.get_ref()));
                        }
                    }
                }
            }
            self.themes.retain(|t| t.path != path);
            self.themes.push(ThemeFile { path, def });
        }
        Ok(self)
    }

    /// The font files themes name (relative to the résumé), each once, with
    /// the place that names it.
    fn theme_font_paths(&self) -> Vec<(String, Range<usize>)> {
        let mut out: Vec<(String, Range<usize>)> = Vec::new();
        let defs = theme_defs(self).chain(self.themes.iter().map(|t| &t.def));
        for path in defs.flat_map(font_paths) {
            if !out.iter().any(|(p, _)| p == path.get_ref()) {
                out.push((path.get_ref().clone(), path.span()));
            }
        }
        out
    }

    /// The files a build reads besides the résumé: theme files and the font
    /// files themes name, relative to the résumé.
    pub fn theme_inputs(&self) -> Vec<String> {
        let mut out: Vec<String> = self.theme_files().into_iter().map(str::to_owned).collect();
        out.extend(self.theme_font_paths().into_iter().map(|(p, _)| p));
        out
    }

    /// Read the font files themes name with `read`, after the fallback
    /// files: each is an error at its place when it cannot be read.
    pub(super) fn read_theme_fonts(
        &self,
        read: &mut impl FnMut(&str) -> Result<Vec<u8>, String>,
        files: &mut Vec<FontFile>,
        errors: &mut Vec<Diagnostic>,
    ) {
        let paths = self.theme_font_paths();
        if let Some((_, span)) = paths.get(limits::MAX_THEME_FONTS) {
            errors.push(
                Diagnostic::error(format!(
                    "themes name more than {} font files",
                    limits::MAX_THEME_FONTS
                ))
                .with_span(span.clone())
                .with_hint("four styles of a few families are enough"),
            );
            return;
        }
        for (path, span) in paths {
            match read(&path) {
                Ok(data) => files.push(FontFile::new(path, data)),
                Err(why) => {
                    let mut d = Diagnostic::error(format!("cannot read font file `{path}`: {why}"))
                        .with_hint("a relative path is relative to the file that names it");
                    if let Some(field) = field_path(&self.source, span.start) {
                        d = d.with_path(field);
                    }
                    errors.push(d.with_span(span));
                }
            }
        }
    }

    /// The faces of the theme fonts among `files` (those after the
    /// `fallback` first ones).
    pub(super) fn theme_faces(files: &[FontFile], fallback: usize) -> Vec<(String, FontId)> {
        files
            .iter()
            .enumerate()
            .skip(fallback)
            .take(usize::from(u8::MAX) + 1)
            .map(|(i, f)| (f.path.clone(), FontId::Fallback(i as u8)))
            .collect()
    }

    /// The place in the résumé of the theme font file `path`.
    pub(super) fn theme_font_span(&self, path: &str) -> Option<Range<usize>> {
        self.theme_font_paths()
            .into_iter()
            .find(|(p, _)| p == path)
            .map(|(_, span)| span)
    }

    /// Every theme name and family a variant's `[theme]` names that is not
    /// there, so that `check` finds it before that variant is built.
    pub(super) fn check_variant_themes(&self) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        for variant in self.resume.variants.values() {
            let Some(def) = &variant.get_ref().theme else {
                continue;
            };
            errors.extend(check_names(def, &self.source, Written::Resume));
            if let Some(font) = &def.font
                && fonts::family(font.get_ref()).is_none()
            {
                let path = field_path(&self.source, font.span().start);
                errors.push(unknown_family(font).with_path(path.unwrap_or_default()));
            }
        }
        errors
    }

    /// The document's theme, with the warnings of resolving it; a theme or
    /// font file that is not there is a failure.
    pub(super) fn theme(&self, document: &Document) -> Result<(Theme, Vec<Diagnostic>), Failure> {
        let sources = Sources {
            theme: self.options.theme.as_deref(),
            files: &self.themes,
            fonts: &self.theme_fonts,
            book: Some(&self.book),
        };
        let (theme, diagnostics) = resolve::resolve(&document.settings, &sources);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(diagnostics.into());
        }
        Ok((theme, diagnostics))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_in_a_theme_file_are_relative_to_it() {
        assert_eq!(relative_to("mine.toml", "a.ttf"), "a.ttf");
        assert_eq!(
            relative_to("themes/mine.toml", "fonts/a.ttf"),
            "themes/fonts/a.ttf"
        );
        assert_eq!(relative_to("themes/mine.toml", "/abs/a.ttf"), "/abs/a.ttf");
    }
}
