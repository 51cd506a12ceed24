//! `resume variants`: each variant and how many items it selects.

use std::path::Path;

use resume::Options;
use serde_json::json;

use super::plan::default_output;
use resume::diag::json::diagnostics as diagnostics_json;

use super::report::{self, Reporter};
use super::{Failed, Input, Outcome};

/// List the résumé as written and each variant of `input`.
pub fn run(input: &Path, reporter: &mut Reporter) -> Outcome {
    let input = Input::read(input)?;
    let session = input.session(Options::default())?;
    let json = reporter.is_json();
    let mut ok = true;
    let mut rows = Vec::new();
    for variant in std::iter::once(None).chain(session.variants().map(Some)) {
        let label = report::shown(variant.unwrap_or("(as written)"));
        let selected = default_output(&input.path, Path::new(""), variant, &session)
            .map_err(|d| vec![d])
            .and_then(|output| Ok((output, session.select(variant)?)));
        match selected {
            Ok((output, (doc, _))) => {
                let counts = doc.counts();
                rows.push(json!({
                    "name": variant,
                    "output": output.display().to_string(),
                    "sections": counts.sections,
                    "entries": counts.entries,
                    "bullets": counts.bullets,
                    "skill_rows": counts.skill_rows,
                    "contacts": counts.contacts,
                    "items": counts.total(),
                }));
                if !json {
                    reporter.out(format!(
                        "{label:<16} {:>3} items: {} sections, {} entries, {} bullets, {} skill rows, {} contact items → {}",
                        counts.total(),
                        counts.sections,
                        counts.entries,
                        counts.bullets,
                        counts.skill_rows,
                        counts.contacts,
                        report::shown_path(&output)
                    ));
                }
            }
            Err(diagnostics) => {
                ok = false;
                if json {
                    let diagnostics = diagnostics_json(&input.name, &input.text, &diagnostics);
                    rows.push(json!({ "name": variant, "ok": false, "diagnostics": diagnostics }));
                } else {
                    reporter.err(format!("== {label} =="));
                    reporter.diagnostics(&input.name, &input.text, &diagnostics);
                }
            }
        }
    }
    if json {
        reporter.out(json!({ "file": input.name, "ok": ok, "variants": rows }));
    }
    if ok { Ok(()) } else { Err(Failed::Reported) }
}
