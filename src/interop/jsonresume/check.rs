//! The import's own round trip: compile the generated TOML, export it and
//! compare with what was read.

use serde_json::Value;

use super::export::from_document;
use super::json::child_path;
use super::schema::Resume;
use super::source::Problem;
use crate::diag::Diagnostic;

/// How many round-trip differences are listed one by one.
const MAX_DIFFS: usize = 20;

/// Compile the generated TOML as far as the document, export it, and report
/// every field that would not come back as the import read it; an error
/// when the TOML does not parse or the document does not select, so that
/// no import ever hands out a TOML that does not build.
pub(super) fn self_check(expected: &Resume, toml: &str) -> Result<Vec<String>, Problem> {
    let doc = crate::model::parse(toml)
        .and_then(|parsed| crate::select::select(&parsed, toml))
        .map_err(|diagnostics| would_not_build(&diagnostics))?;
    // Networks are written in lower case and come back in their usual spelling.
    let lower = |r: &Resume| {
        let mut r = r.clone();
        for p in &mut r.basics.profiles {
            p.network = p.network.to_lowercase();
        }
        serde_json::to_value(r).unwrap_or_default()
    };
    let mut out = Vec::new();
    diff("", &lower(expected), &lower(&from_document(&doc)), &mut out);
    if out.len() > MAX_DIFFS {
        let more = out.len() - MAX_DIFFS;
        out.truncate(MAX_DIFFS);
        out.push(format!(
            "… and {more} more fields that do not export back unchanged"
        ));
    }
    Ok(out)
}

/// The first error of the generated TOML, as a problem of the whole document.
fn would_not_build(diagnostics: &[Diagnostic]) -> Problem {
    let first = diagnostics.iter().find(|d| d.is_error());
    let mut hints: Vec<String> = first.map(|d| d.hints.clone()).unwrap_or_default();
    if let Some(path) = first.and_then(|d| d.path.as_ref()) {
        hints.push(format!("the generated TOML has it at `{path}`"));
    }
    Problem {
        path: None,
        message: format!(
            "converted to TOML, this résumé would not build: {}",
            first.map_or("an unknown error", |d| d.message.as_str())
        ),
        hints,
    }
}

/// A value as a warning quotes it.
fn show(v: Option<&Value>) -> String {
    match v {
        None => "nothing".to_owned(),
        Some(Value::String(s)) => format!("{s:?}"),
        Some(Value::Array(a)) => format!("a list of {}", a.len()),
        Some(Value::Object(_)) => "an object".to_owned(),
        Some(other) => other.to_string(),
    }
}

/// Every path where `got` differs from `expected`, as warnings.
fn diff(path: &str, expected: &Value, got: &Value, out: &mut Vec<String>) {
    match (expected, got) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let p = child_path(path, key);
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => diff(&p, x, y, out),
                    (x, y) => out.push(mismatch(&p, x, y)),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                let p = format!("{path}[{i}]");
                match (a.get(i), b.get(i)) {
                    (Some(x), Some(y)) => diff(&p, x, y, out),
                    (x, y) => out.push(mismatch(&p, x, y)),
                }
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(mismatch(path, Some(a), Some(b))),
    }
}

/// The warning for one path that does not export back unchanged.
fn mismatch(path: &str, expected: Option<&Value>, got: Option<&Value>) -> String {
    format!(
        "{path}: {} would export back as {} (the TOML cannot tell them apart)",
        show(expected),
        show(got)
    )
}
