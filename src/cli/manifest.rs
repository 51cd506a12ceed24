//! `manifest.json` of a `--all` build: per document its file, sha256,
//! size, pages, fill (of the last page; `fit.fills` has every page's when
//! there are several), fit settings and warnings (the first fifty, and how
//! many more).

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::build::JobResult;
use super::report::{fit_json, round2};

/// The manifest's text for the results of one `--all` build of `name`.
pub fn manifest(name: &str, text: &str, results: &[JobResult]) -> String {
    let documents: Vec<Value> = results.iter().map(|r| document(text, r)).collect();
    let value = json!({ "source": name, "documents": documents });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// One document's entry.
fn document(text: &str, r: &JobResult) -> Value {
    let file = r
        .job
        .output
        .file_name()
        .map(|f| f.to_string_lossy().into_owned());
    let diagnostics = r.diagnostics();
    let messages = |errors: bool| -> Vec<String> {
        diagnostics
            .iter()
            .filter(|d| d.is_error() == errors)
            .take(LISTED)
            .map(|d| d.message.clone())
            .collect()
    };
    let warnings = diagnostics.iter().filter(|d| !d.is_error()).count();
    match (&r.result, r.ok()) {
        (Ok(out), true) => {
            let sha256 = |bytes: &[u8]| -> String {
                Sha256::digest(bytes)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect()
            };
            // Pictures: the first page's file here, every page's in `files`.
            let (file, bytes) = match r.pictures.first() {
                Some((path, bytes)) => (
                    path.file_name().map(|f| f.to_string_lossy().into_owned()),
                    bytes.as_slice(),
                ),
                None => (file, out.pdf.as_slice()),
            };
            let mut entry = json!({
                "variant": r.job.variant,
                "ok": true,
                "file": file,
                "sha256": sha256(bytes),
                "bytes": bytes.len(),
                "pages": out.laid.pages.len(),
                "fill": round2(out.laid.fit.fill),
                "fit": listed_fit(text, &out.laid.fit),
                "warnings": messages(false),
            });
            if !r.pictures.is_empty() {
                entry["files"] = r
                    .pictures
                    .iter()
                    .map(|(path, bytes)| {
                        json!({
                            "file": path.file_name().map(|f| f.to_string_lossy().into_owned()),
                            "sha256": sha256(bytes),
                            "bytes": bytes.len(),
                        })
                    })
                    .collect();
            }
            omitted(entry, warnings)
        }
        _ => omitted(
            json!({
                "variant": r.job.variant,
                "ok": false,
                "file": file,
                "errors": messages(true),
                "warnings": messages(false),
            }),
            warnings,
        ),
    }
}

/// The most errors and warnings listed for one document; the manifest
/// says how many more there were.
const LISTED: usize = 50;

/// The fit report with at most [`LISTED`] trimmed items, and
/// `trimmed_omitted` counting the rest: a variant that drops two thousand
/// bullets keeps the manifest small and readable.
fn listed_fit(text: &str, fit: &resume::FitReport) -> Value {
    let shown = resume::FitReport {
        trimmed: fit.trimmed.iter().take(LISTED).cloned().collect(),
        ..fit.clone()
    };
    let mut value = fit_json(text, &shown);
    if fit.trimmed.len() > LISTED {
        value["trimmed_omitted"] = json!(fit.trimmed.len() - LISTED);
    }
    value
}

/// The entry with `warnings_omitted` when more than [`LISTED`] warnings
/// were left out.
fn omitted(mut entry: Value, warnings: usize) -> Value {
    if warnings > LISTED {
        entry["warnings_omitted"] = json!(warnings - LISTED);
    }
    entry
}
