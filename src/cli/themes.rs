//! `resume themes`, `--theme`, and reading the theme files a résumé names.

use std::fmt::Write as _;

use resume::Session;
use resume::diag::{Diagnostic, did_you_mean};
use resume::theme::{builtin, fonts};

use super::{Failed, Input, Stopped, io, report};

/// The built-in themes, one line each, then the bundled font families.
pub fn list() -> String {
    let mut out = String::from("Built-in themes ([theme] name = \"...\", or --theme NAME):\n");
    let width = builtin::names().map(str::len).max().unwrap_or(0);
    for name in builtin::names() {
        let _ = writeln!(out, "  {name:<width$}  {}", builtin::description(name));
    }
    out.push_str("\nFont families (font = \"...\", or [theme.fonts] per role):\n");
    let width = fonts::FAMILIES
        .iter()
        .map(|f| f.name.len())
        .max()
        .unwrap_or(0);
    for family in fonts::FAMILIES {
        let _ = writeln!(out, "  {:<width$}  {}", family.name, family.about);
    }
    out
}

/// `--theme NAME` names a built-in theme.
pub fn check_name(name: &str) -> Result<(), Diagnostic> {
    if builtin::find(name).is_some() {
        return Ok(());
    }
    let mut d = Diagnostic::error(format!("unknown theme `{name}` (--theme)"));
    if let Some(close) = did_you_mean(name, builtin::names()) {
        d = d.with_hint(format!("did you mean `{close}`?"));
    }
    Err(d.with_hint("`resume themes` lists the built-in themes"))
}

/// The session with the theme files the résumé names, read relative to
/// it. A file that cannot be read is an error at its name in the résumé;
/// one that does not parse, an error shown in its own text.
pub fn load(session: Session<'static>, input: &Input) -> Result<Session<'static>, Failed> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in session.theme_files() {
        let full = input.folder().join(path);
        let read = if io::is_stdin(&full) {
            Err(Diagnostic::error("it is not a file"))
        } else {
            io::read_text(&full, resume::limits::MAX_THEME_BYTES)
        };
        match read {
            Ok(text) => files.push((path.to_owned(), text)),
            Err(why) => errors.push(cannot_read(&session, path, &why)),
        }
    }
    if !errors.is_empty() {
        return Err(Failed::stop(input, errors));
    }
    session.with_theme_files(files).map_err(|e| {
        Failed::Stopped(Stopped {
            name: report::shown_path(&input.folder().join(&e.path)),
            text: e.text,
            diagnostics: e.diagnostics,
        })
    })
}

/// The error for a theme file that cannot be read, at its name in the résumé.
fn cannot_read(session: &Session, path: &str, why: &Diagnostic) -> Diagnostic {
    let message = if why.message.starts_with("failed to read") {
        why.message.clone()
    } else {
        format!("theme file `{path}`: {}", why.message)
    };
    let mut d =
        Diagnostic::error(message).with_hint("a relative path is relative to the résumé file");
    if let Some(span) = session.theme_file_span(path) {
        d = d.with_span(span);
    }
    d
}
