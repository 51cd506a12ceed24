//! `resume export`: the résumé (or one variant) as JSON Resume, plain text
//! or Markdown.

use std::path::Path;

use resume::Options;
use resume::interop::{jsonresume, text};

use super::args::ExportFormat;
use super::report::Reporter;
use super::{Failed, Input, Outcome, io};

/// Export `variant` of `input` in `format` to `output` (default: stdout),
/// in `lang` when given.
pub fn run(
    input: &Path,
    format: ExportFormat,
    variant: Option<&str>,
    lang: Option<String>,
    output: Option<&Path>,
    reporter: &mut Reporter,
) -> Outcome {
    let input = Input::read(input)?;
    if let Some(path) = output {
        io::check_output(path, std::slice::from_ref(&input.path))
            .map_err(|d| Failed::stop(&input, vec![d]))?;
    }
    let session = input.session(Options {
        lang,
        ..Options::default()
    })?;
    let (doc, warnings) = session
        .select(variant)
        .map_err(|d| Failed::stop(&input, d))?;
    reporter.diagnostics(&input.name, &input.text, &warnings);
    let out = match format {
        ExportFormat::Json => jsonresume::export_json(&doc),
        ExportFormat::Txt => text::export_text(&doc),
        ExportFormat::Md => text::export_markdown(&doc),
    };
    match output {
        None => reporter.out_raw(&out),
        Some(path) => io::write_output(path, out.as_bytes())
            .map_err(|e| Failed::stop(&input, vec![io::write_error(path, &e)]))?,
    }
    Ok(())
}
