//! The command-line application: what the user typed ([`args`]), the
//! commands that carry it out (one module each), and the edges they share:
//! loading the input ([`Input`]), files in and out ([`io`]) and all
//! printing ([`report::Reporter`]). Commands return a [`Result`]; `main`
//! turns it into the exit code.

pub mod args;
pub mod build;
pub mod export;
pub mod import;
mod io;
mod manifest;
pub mod plan;
pub mod report;
mod serve;
mod system_fonts;
pub mod themes;
pub mod translations;
pub mod variants;
pub mod watch;

use std::path::{Path, PathBuf};

use resume::diag::Diagnostic;
use resume::interop::jsonresume;
use resume::{Options, Session};

/// Why a command did not succeed (exit code 1).
#[derive(Debug)]
pub enum Failed {
    /// Diagnostics that stop the command before any document is made; the
    /// caller reports them against the source.
    Stopped(Stopped),
    /// Some documents failed; the command has reported each.
    Reported,
}

/// Diagnostics that stop a command, with the source they point into.
#[derive(Debug)]
pub struct Stopped {
    /// The input's name as the user typed it.
    pub name: String,
    /// The text the diagnostics' spans point into (empty when none).
    pub text: String,
    /// What went wrong.
    pub diagnostics: Vec<Diagnostic>,
}

impl Failed {
    /// Diagnostics about `input` that stop the command.
    fn stop(input: &Input, diagnostics: Vec<Diagnostic>) -> Failed {
        Failed::Stopped(Stopped {
            name: input.name.clone(),
            text: input.text.clone(),
            diagnostics,
        })
    }
}

/// A command's result.
pub type Outcome = Result<(), Failed>;

/// The résumé a command works on: its path, its name in messages and its
/// TOML text (a JSON Resume file converted to TOML).
#[derive(Debug)]
pub struct Input {
    /// The path as given.
    pub path: PathBuf,
    /// The path as shown in messages.
    pub name: String,
    /// The TOML text; spans of diagnostics point into it.
    pub text: String,
    /// Warnings from converting a JSON Resume file, which every document
    /// made from it repeats.
    pub warnings: Vec<Diagnostic>,
}

impl Input {
    /// Read the file; a JSON Resume file (`.json`, `.yaml`, `.yml`) is
    /// converted to TOML first.
    pub fn read(path: &Path) -> Result<Input, Failed> {
        let mut input = Input {
            path: path.to_path_buf(),
            name: if io::is_stdin(path) {
                "<stdin>".to_owned()
            } else {
                report::shown_path(path)
            },
            text: String::new(),
            warnings: Vec::new(),
        };
        let text = io::read_text(path, resume::limits::MAX_INPUT_BYTES)
            .map_err(|d| Failed::stop(&input, vec![d]))?;
        input.text = match json_resume_kind(path) {
            Some(kind) => {
                let imported = convert(kind, &text, &Default::default()).map_err(|d| {
                    // The error points into the JSON or YAML text.
                    input.text.clone_from(&text);
                    Failed::stop(&input, vec![d])
                })?;
                input.warnings = imported
                    .warnings
                    .into_iter()
                    .map(Diagnostic::warning)
                    .collect();
                imported.toml
            }
            None => text,
        };
        Ok(input)
    }

    /// The folder of the input, against which the paths it names are read
    /// (the working directory for standard input).
    pub fn folder(&self) -> &Path {
        if self.is_stdin() {
            return Path::new("");
        }
        self.path.parent().unwrap_or(Path::new(""))
    }

    /// Whether the input is standard input rather than a file of its own.
    pub fn is_stdin(&self) -> bool {
        io::is_stdin(&self.path)
    }

    /// Every file a build of the input reads: the résumé itself, its
    /// fallback fonts, its theme files and their fonts, its photo. An
    /// output must never replace one, and `watch` rebuilds when one
    /// changes; a file a build comes to read belongs here.
    pub fn files(&self, session: &Session) -> Vec<PathBuf> {
        let mut files = Vec::new();
        if !self.is_stdin() {
            files.push(self.path.clone());
        }
        files.extend(session.fallback_font_paths().map(|p| self.folder().join(p)));
        files.extend(session.theme_inputs().iter().map(|p| self.folder().join(p)));
        files.extend(session.photo_path().map(|p| self.folder().join(p)));
        files
    }

    /// Parse the input into a session with the given options.
    pub fn session(&self, options: Options) -> Result<Session<'static>, Failed> {
        Session::new(self.text.as_str(), options).map_err(|d| Failed::stop(self, d))
    }
}

/// The JSON Resume syntaxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum JsonResume {
    Json,
    Yaml,
}

/// Whether a path names a JSON Resume file, and in which syntax.
fn json_resume_kind(path: &Path) -> Option<JsonResume> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "json" => Some(JsonResume::Json),
        "yaml" | "yml" => Some(JsonResume::Yaml),
        _ => None,
    }
}

/// A JSON Resume file converted to TOML text, with its warnings; an error
/// points into the JSON or YAML text.
fn convert(
    kind: JsonResume,
    text: &str,
    options: &jsonresume::ImportOptions,
) -> Result<jsonresume::Imported, Diagnostic> {
    match kind {
        JsonResume::Yaml => jsonresume::import_yaml_with(text, options),
        JsonResume::Json => jsonresume::import_json_with(text, options),
    }
}

/// SOURCE_DATE_EPOCH, if set, as the PDF creation date.
fn source_date_epoch() -> Result<Option<resume::Timestamp>, Diagnostic> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(_) => Ok(None),
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(resume::Timestamp::from_unix)
            .map(Some)
            .ok_or_else(|| {
                Diagnostic::error(format!("SOURCE_DATE_EPOCH `{v}` is not a Unix timestamp"))
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_resume_files_are_known_by_extension() {
        assert_eq!(
            json_resume_kind(Path::new("cv.json")),
            Some(JsonResume::Json)
        );
        assert_eq!(
            json_resume_kind(Path::new("cv.YML")),
            Some(JsonResume::Yaml)
        );
        assert_eq!(
            json_resume_kind(Path::new("cv.yaml")),
            Some(JsonResume::Yaml)
        );
        assert_eq!(json_resume_kind(Path::new("cv.toml")), None);
        assert_eq!(json_resume_kind(Path::new("json")), None);
    }
}
