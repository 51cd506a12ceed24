//! `resume check --translations`: every text table missing a translation
//! in a language the résumé uses, language by language.

use std::path::Path;

use resume::Options;
use resume::diag::line_col;
use resume::model::text;
use serde_json::json;

use super::report::Reporter;
use super::{Failed, Input, Outcome};

/// List the missing translations of `input`; fails (exit code 1) when any
/// is missing, so that it suits a pre-commit hook.
pub fn run(input: &Path, reporter: &mut Reporter) -> Outcome {
    let input = Input::read(input)?;
    let session = input.session(Options::default())?;
    let resume = session.resume();
    let languages = text::languages(resume);
    let missing = text::missing(resume);
    if reporter.is_json() {
        let rows: Vec<_> = missing
            .iter()
            .map(|m| {
                let (line, column) = line_col(&input.text, m.span.start);
                json!({ "lang": m.lang, "path": m.path, "line": line, "column": column })
            })
            .collect();
        reporter.out(json!({
            "file": input.name,
            "ok": missing.is_empty(),
            "languages": languages,
            "missing": rows,
        }));
    } else {
        reporter.out(format!("languages: {}", languages.join(", ")));
        for lang in &languages {
            let fields: Vec<_> = missing.iter().filter(|m| &m.lang == lang).collect();
            match fields.len() {
                0 => reporter.out(format!("{lang}: every field translated")),
                n => {
                    let noun = if n == 1 { "field" } else { "fields" };
                    reporter.out(format!("{lang}: {n} {noun} without a translation"));
                    for m in fields {
                        let (line, _) = line_col(&input.text, m.span.start);
                        reporter.out(format!("  {} (line {line})", m.path));
                    }
                }
            }
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Failed::Reported)
    }
}
