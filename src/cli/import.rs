//! `resume import`: a JSON Resume file (JSON or YAML) to a resume.toml,
//! never over an existing file unless asked.

use std::path::{Path, PathBuf};

use resume::diag::Diagnostic;
use resume::interop::translations::{self, Translated};

use super::report::{Reporter, shown_path};
use super::{Failed, Outcome, Stopped, io};

/// Convert `input` and write the TOML to `output` (default: beside it),
/// with section titles in `lang` when given; with `translations`
/// (`LANG=FILE`), the texts of each file as tables of translations.
pub fn run(
    input: &Path,
    output: Option<PathBuf>,
    force: bool,
    lang: Option<String>,
    translations: &[String],
    reporter: &mut Reporter,
) -> Outcome {
    let name = shown_path(input);
    let stop = |d: Diagnostic| {
        Failed::Stopped(Stopped {
            name: name.clone(),
            text: String::new(),
            diagnostics: vec![d],
        })
    };
    let output = output.unwrap_or_else(|| input.with_extension("toml"));
    let mut sources = vec![(input.to_path_buf(), lang.clone())];
    for t in translations {
        let Some((tag, file)) = t.split_once('=') else {
            return Err(stop(
                Diagnostic::error(format!("`--translation {t}` names no language"))
                    .with_hint("write the language, `=` and the file: --translation de=cv.de.json"),
            ));
        };
        sources.push((PathBuf::from(file), Some(tag.trim().to_owned())));
    }
    let inputs: Vec<PathBuf> = sources.iter().map(|(p, _)| p.clone()).collect();
    io::check_output(&output, &inputs).map_err(stop)?;
    let mut files = Vec::new();
    let mut warnings = 0;
    for (path, lang) in sources {
        let name = shown_path(&path);
        let text = io::read_text(&path, resume::limits::MAX_INPUT_BYTES).map_err(stop)?;
        let kind = super::json_resume_kind(&path).unwrap_or(super::JsonResume::Json);
        let options = resume::interop::jsonresume::ImportOptions { lang: lang.clone() };
        let imported = super::convert(kind, &text, &options).map_err(|d| {
            Failed::Stopped(Stopped {
                name: name.clone(),
                text: text.clone(),
                diagnostics: vec![d],
            })
        })?;
        for warning in &imported.warnings {
            reporter.diagnostics(&name, "", &[Diagnostic::warning(warning.clone())]);
        }
        warnings += imported.warnings.len();
        files.push(Translated {
            lang: lang.unwrap_or_default(),
            toml: imported.toml,
        });
    }
    let toml = if files.len() == 1 {
        files.remove(0).toml
    } else {
        translations::merge(&files).map_err(stop)?
    };
    if output.exists() && !force {
        return Err(stop(
            Diagnostic::error(format!("{} already exists", shown_path(&output)))
                .with_hint("pass --force to replace it, or -o to choose another file"),
        ));
    }
    io::write_output(&output, toml.as_bytes()).map_err(|e| stop(io::write_error(&output, &e)))?;
    reporter.err(format!(
        "wrote {} ({} warning(s)); build it with `resume build {}`",
        shown_path(&output),
        warnings,
        shown_path(&output)
    ));
    Ok(())
}
