//! The `resume` command: all I/O happens here (reading the TOML, writing
//! the PDF atomically, printing diagnostics); the library stays pure.

mod cli;

use std::fs;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use resume::diag::{self, Diagnostic, Source};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Build {
            input,
            output,
            common,
        } => {
            let output = output.unwrap_or_else(|| input.with_extension("pdf"));
            run(&input, Some(&output), &common)
        }
        cli::Command::Check { input, common } => run(&input, None, &common),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(()) => ExitCode::from(1),
    }
}

/// Colour only on a terminal, and never with NO_COLOR set.
fn use_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn report(diagnostics: &[Diagnostic], name: &str, text: &str) {
    let color = use_color();
    let src = Source { name, text };
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = write!(err, "{}", diag::render(d, &src, color));
        let _ = writeln!(err);
    }
}

/// An I/O error in words, without the "(os error N)" suffix.
fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_lowercase(),
        None => text.to_lowercase(),
    }
}

/// Read the input as UTF-8 text, without a byte-order mark.
fn read_input(input: &Path) -> Result<String, Box<Diagnostic>> {
    let name = input.display().to_string();
    let bytes = fs::read(input).map_err(|e| {
        Box::new(Diagnostic::error(format!(
            "failed to read {name} ({})",
            io_reason(&e)
        )))
    })?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{FEFF}') {
                text.replace_range(0..3, "");
            }
            Ok(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            Err(Box::new(
                Diagnostic::error(format!(
                    "the file is not valid UTF-8 (byte {valid} is not part of a character)"
                ))
                .with_hint("save the file as UTF-8"),
            ))
        }
    }
}

/// Compile `input`; write the PDF to `output` unless checking. Prints the
/// diagnostics and the fit report in the chosen format.
fn run(input: &Path, output: Option<&Path>, common: &cli::Common) -> Result<(), ()> {
    let name = input.display().to_string();
    let json = common.format == cli::Format::Json;
    if let Some(output) = output
        && output.is_dir()
    {
        let out_name = output.display().to_string();
        let d = Diagnostic::error(format!(
            "the output path {out_name} is a directory; {out_name} was not written"
        ));
        return finish(json, &name, "", Err(vec![d]), None, None);
    }
    let text = match read_input(input) {
        Ok(text) => text,
        Err(d) => return finish(json, &name, "", Err(vec![*d]), None, None),
    };
    let created = match source_date_epoch() {
        Ok(t) => t,
        Err(message) => {
            return finish(
                json,
                &name,
                &text,
                Err(vec![Diagnostic::error(message)]),
                None,
                None,
            );
        }
    };
    let options = resume::Options {
        created,
        trim: common.trim,
    };
    match resume::compile_with(&text, &options) {
        Ok(out) => {
            let written = match output {
                Some(path) => match write_atomically(path, &out.pdf) {
                    Ok(()) => Some(path),
                    Err(e) => {
                        let d = Diagnostic::error(format!(
                            "failed to write {} ({})",
                            path.display(),
                            io_reason(&e)
                        ));
                        let mut diagnostics = out.warnings.clone();
                        diagnostics.push(d);
                        return finish(json, &name, &text, Err(diagnostics), Some(&out.fit), None);
                    }
                },
                None => None,
            };
            let bytes = out.pdf.len();
            finish(
                json,
                &name,
                &text,
                Ok(out.warnings.clone()),
                Some(&out.fit),
                Some((written, bytes)),
            )
        }
        Err(failure) => {
            let result = finish(
                json,
                &name,
                &text,
                Err(failure.diagnostics),
                failure.fit.as_ref(),
                None,
            );
            if let (Some(path), false) = (output, json) {
                eprintln!("{} was not written", path.display());
            }
            result
        }
    }
}

/// Print the outcome and turn it into the exit status.
fn finish(
    json: bool,
    name: &str,
    text: &str,
    outcome: Result<Vec<Diagnostic>, Vec<Diagnostic>>,
    fit: Option<&resume::FitReport>,
    pdf: Option<(Option<&Path>, usize)>,
) -> Result<(), ()> {
    let ok = outcome.is_ok();
    let diagnostics = match &outcome {
        Ok(d) | Err(d) => d,
    };
    if json {
        println!("{}", report_json(name, text, ok, diagnostics, fit, pdf));
    } else {
        report(diagnostics, name, text);
        match (fit, pdf) {
            // `check`: the report is the product, on stdout.
            (Some(fit), Some((None, _))) => {
                println!("{}", fit_line(fit));
                println!("{name}: ok, fits on one page");
            }
            (Some(fit), _) => eprintln!("{}", fit_line(fit)),
            (None, _) => {}
        }
        if let Some((Some(path), bytes)) = pdf {
            eprintln!("wrote {}: 1 page, {bytes} bytes", path.display());
        }
    }
    if ok { Ok(()) } else { Err(()) }
}

/// One line saying what the fitter chose.
fn fit_line(fit: &resume::FitReport) -> String {
    let mut line = format!(
        "fit: {} pt body, leading {:.2}, spacing {:.0}%, margins {:.2} in × {:.2} in; page {:.1}% full",
        fit.body_size,
        fit.leading,
        fit.spacing * 100.0,
        fit.margin_x.get() / 72.0,
        fit.margin_top.get() / 72.0,
        fit.fill * 100.0,
    );
    if !fit.trimmed.is_empty() {
        line.push_str(&format!("; {} item(s) trimmed", fit.trimmed.len()));
    }
    line
}

/// The whole outcome as one JSON object, for scripts and CI.
fn report_json(
    name: &str,
    text: &str,
    ok: bool,
    diagnostics: &[Diagnostic],
    fit: Option<&resume::FitReport>,
    pdf: Option<(Option<&Path>, usize)>,
) -> serde_json::Value {
    let located = |span: &Option<std::ops::Range<usize>>| {
        span.as_ref().map(|s| {
            let (line, column) = diag::line_col(text, s.start);
            serde_json::json!({ "line": line, "column": column })
        })
    };
    let diagnostics: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "severity": if d.is_error() { "error" } else { "warning" },
                "message": d.message,
                "file": name,
                "location": located(&d.span),
                "path": d.path,
                "hints": d.hints,
            })
        })
        .collect();
    let fit = fit.map(|f| {
        serde_json::json!({
            "body_size_pt": round2(f.body_size.get()),
            "leading": round2(f.leading),
            "spacing": round2(f.spacing),
            "margin_x_pt": round2(f.margin_x.get()),
            "margin_top_pt": round2(f.margin_top.get()),
            "fill": round2(f.fill),
            "passes": f.passes,
            "trimmed": f.trimmed.iter().map(|t| serde_json::json!({
                "what": t.what,
                "priority": t.priority,
                "location": located(&Some(t.span.clone())),
            })).collect::<Vec<_>>(),
        })
    });
    serde_json::json!({
        "file": name,
        "ok": ok,
        "output": pdf.and_then(|(p, _)| p.map(|p| p.display().to_string())),
        "bytes": pdf.map(|(_, b)| b),
        "pages": if ok { Some(1) } else { None },
        "fit": fit,
        "diagnostics": diagnostics,
    })
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// SOURCE_DATE_EPOCH, if set, as the PDF creation date.
fn source_date_epoch() -> Result<Option<resume::Timestamp>, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(_) => Ok(None),
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(resume::Timestamp::from_unix)
            .map(Some)
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH `{v}` is not a Unix timestamp")),
    }
}

/// Write to a temporary file beside the target, sync it, then rename it over
/// the target: a crash leaves either the old file or the new one.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "resume.pdf".into());
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
