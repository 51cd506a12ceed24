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
        cli::Command::Build { input, output } => {
            let output = output.unwrap_or_else(|| input.with_extension("pdf"));
            build(&input, &output)
        }
        cli::Command::Check { input } => check(&input),
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

fn fail(message: impl Into<String>, name: &str) -> Result<(), ()> {
    report(&[Diagnostic::error(message)], name, "");
    Err(())
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
fn read_input(input: &Path) -> Result<String, ()> {
    let name = input.display().to_string();
    let bytes = match fs::read(input) {
        Ok(b) => b,
        Err(e) => {
            return fail(format!("failed to read {name} ({})", io_reason(&e)), &name)
                .map(|_| String::new());
        }
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{FEFF}') {
                // Keep offsets stable for diagnostics: replace the mark by nothing visible.
                text.replace_range(0..3, "");
            }
            Ok(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let d = Diagnostic::error("the file is not valid UTF-8")
                .with_span(valid..valid + 1)
                .with_hint("save the file as UTF-8");
            report(&[d], &name, &text);
            Err(())
        }
    }
}

fn build(input: &Path, output: &Path) -> Result<(), ()> {
    let name = input.display().to_string();
    let out_name = output.display().to_string();
    if output.is_dir() {
        return fail(
            format!("the output path {out_name} is a directory; {out_name} was not written"),
            &out_name,
        );
    }
    let text = read_input(input)?;
    let created = match source_date_epoch() {
        Ok(t) => t,
        Err(message) => return fail(message, &name),
    };
    match resume::compile(&text, created) {
        Ok(out) => {
            report(&out.warnings, &name, &text);
            if let Err(e) = write_atomically(output, &out.pdf) {
                return fail(
                    format!("failed to write {out_name} ({})", io_reason(&e)),
                    &out_name,
                );
            }
            eprintln!(
                "wrote {out_name}: 1 page, {:.0}% full, {} bytes",
                out.page.fill() * 100.0,
                out.pdf.len()
            );
            Ok(())
        }
        Err(diagnostics) => {
            report(&diagnostics, &name, &text);
            eprintln!("{out_name} was not written");
            Err(())
        }
    }
}

fn check(input: &Path) -> Result<(), ()> {
    let name = input.display().to_string();
    let text = read_input(input)?;
    match resume::compile(&text, None) {
        Ok(out) => {
            report(&out.warnings, &name, &text);
            println!(
                "{name}: ok, 1 page, {:.1}% full ({} pt of {} pt), {} warning(s)",
                out.page.fill() * 100.0,
                out.page.used,
                out.page.available,
                out.warnings.len()
            );
            Ok(())
        }
        Err(diagnostics) => {
            report(&diagnostics, &name, &text);
            Err(())
        }
    }
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
