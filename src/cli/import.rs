//! `resume import`: a JSON Resume file (JSON or YAML) to a resume.toml,
//! never over an existing file unless asked.

use std::path::{Path, PathBuf};

use resume::diag::Diagnostic;

use super::report::{Reporter, shown_path};
use super::{Failed, Outcome, Stopped, io};

/// Convert `input` and write the TOML to `output` (default: beside it),
/// with section titles in `lang` when given.
pub fn run(
    input: &Path,
    output: Option<PathBuf>,
    force: bool,
    lang: Option<String>,
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
    io::check_output(&output, &[input.to_path_buf()]).map_err(stop)?;
    let text = io::read_text(input, resume::limits::MAX_INPUT_BYTES).map_err(stop)?;
    let kind = super::json_resume_kind(input).unwrap_or(super::JsonResume::Json);
    let options = resume::interop::jsonresume::ImportOptions { lang };
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
    if output.exists() && !force {
        return Err(stop(
            Diagnostic::error(format!("{} already exists", shown_path(&output)))
                .with_hint("pass --force to replace it, or -o to choose another file"),
        ));
    }
    io::write_output(&output, imported.toml.as_bytes())
        .map_err(|e| stop(io::write_error(&output, &e)))?;
    reporter.err(format!(
        "wrote {} ({} warning(s)); build it with `resume build {}`",
        shown_path(&output),
        imported.warnings.len(),
        shown_path(&output)
    ));
    Ok(())
}
