//! The `resume` command: all I/O happens here (reading the TOML, writing
//! PDFs atomically, printing diagnostics and reports); the library stays pure.

mod cli;

use std::fs;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::Parser;
use resume::diag::{self, Diagnostic, Source};
use resume::model::Resume;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let ok = match cli.command {
        cli::Command::Build {
            input,
            output,
            target,
            out_dir,
            jobs,
            common,
        } => {
            let mode = if target.all {
                Mode::All { out_dir, jobs }
            } else {
                Mode::One {
                    variant: target.variant,
                    output,
                }
            };
            run(&input, mode, true, &common)
        }
        cli::Command::Check {
            input,
            target,
            common,
        } => {
            let mode = if target.all {
                Mode::All {
                    out_dir: PathBuf::new(),
                    jobs: None,
                }
            } else {
                Mode::One {
                    variant: target.variant,
                    output: None,
                }
            };
            run(&input, mode, false, &common)
        }
        cli::Command::Variants { input, format } => variants(&input, format),
        cli::Command::Schema => {
            print!("{}", resume::model::schema());
            true
        }
        cli::Command::Import {
            input,
            output,
            force,
        } => import(&input, output, force),
        cli::Command::Export {
            input,
            format,
            variant,
            output,
        } => export(&input, format, variant.as_deref(), output.as_deref()),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// What to build.
enum Mode {
    /// One document: the résumé as written or one variant.
    One {
        variant: Option<String>,
        output: Option<PathBuf>,
    },
    /// The résumé as written and every variant, into a folder.
    All {
        out_dir: PathBuf,
        jobs: Option<usize>,
    },
}

/// One document to build: which variant, and where its PDF goes.
struct Job {
    variant: Option<String>,
    output: PathBuf,
}

/// What came of one job.
struct Outcome {
    job: Job,
    result: Result<resume::Compiled, resume::Failure>,
    /// Set when the PDF was compiled but could not be written.
    write_error: Option<Diagnostic>,
}

impl Outcome {
    fn ok(&self) -> bool {
        self.result.is_ok() && self.write_error.is_none()
    }

    fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = match &self.result {
            Ok(out) => out.warnings.clone(),
            Err(failure) => failure.diagnostics.clone(),
        };
        all.extend(self.write_error.clone());
        all
    }

    fn fit(&self) -> Option<&resume::FitReport> {
        match &self.result {
            Ok(out) => Some(&out.fit),
            Err(failure) => failure.fit.as_ref(),
        }
    }
}

/// Whether a path names a JSON Resume file rather than a TOML résumé.
fn is_json_resume(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "json" | "yaml" | "yml"))
}

/// A JSON Resume file converted to TOML text, with its warnings.
fn convert(input: &Path, text: &str) -> Result<resume::interop::jsonresume::Imported, Diagnostic> {
    let yaml = input
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    let result = if yaml {
        resume::interop::jsonresume::import_yaml(text)
    } else {
        resume::interop::jsonresume::import_json(text)
    };
    result.map_err(|message| {
        Diagnostic::error(format!(
            "failed to read {} as JSON Resume ({message})",
            input.display()
        ))
    })
}

/// The input's text and its parsed model, or the diagnostics that stop
/// everything. A JSON Resume file is converted to TOML first.
fn load(input: &Path) -> Result<(String, Resume), (String, Vec<Diagnostic>)> {
    let mut text = read_input(input).map_err(|d| (String::new(), vec![*d]))?;
    if is_json_resume(input) {
        text = convert(input, &text)
            .map_err(|d| (String::new(), vec![d]))?
            .toml;
    }
    match resume::model::parse(&text) {
        Ok(model) => Ok((text, model)),
        Err(diagnostics) => Err((text, diagnostics)),
    }
}

/// The default PDF name of a variant: its `output`, or the input's stem and the variant name.
fn default_output(input: &Path, dir: &Path, variant: Option<&str>, resume: &Resume) -> PathBuf {
    let stem = input
        .file_stem()
        .map_or_else(|| "resume".to_owned(), |s| s.to_string_lossy().into_owned());
    let file = match variant {
        None => format!("{stem}.pdf"),
        Some(name) => resume
            .variants
            .iter()
            .find(|(k, _)| k.get_ref() == name)
            .and_then(|(_, v)| v.get_ref().output.as_ref())
            .map_or_else(|| format!("{stem}-{name}.pdf"), |o| o.get_ref().clone()),
    };
    dir.join(file)
}

fn run(input: &Path, mode: Mode, write: bool, common: &cli::Common) -> bool {
    let name = input.display().to_string();
    let json = common.format == cli::Format::Json;
    let (text, model) = match load(input) {
        Ok(loaded) => loaded,
        Err((text, diagnostics)) => return fail_early(json, &name, &text, diagnostics),
    };
    let created = match source_date_epoch() {
        Ok(t) => t,
        Err(message) => return fail_early(json, &name, &text, vec![Diagnostic::error(message)]),
    };
    let beside = input.parent().unwrap_or(Path::new("")).to_path_buf();
    let fonts = resume::load_fallback_fonts(&model, |path| read_font(&beside.join(path)));
    let fonts = match fonts {
        Ok(fonts) => fonts,
        Err(diagnostics) => return fail_early(json, &name, &text, diagnostics),
    };
    if !write && matches!(mode, Mode::One { variant: None, .. }) {
        // `check` of the résumé as written also checks every variant
        // profile, so that a typo in one cannot wait for the next --all.
        let mut errors: Vec<Diagnostic> = Vec::new();
        for variant in resume::variant::names(&model) {
            for d in resume::variant::resolve(&model, &variant)
                .err()
                .unwrap_or_default()
            {
                let seen = errors
                    .iter()
                    .any(|e| e.message == d.message && e.span == d.span);
                if !seen {
                    errors.push(d);
                }
            }
        }
        if !errors.is_empty() {
            return fail_early(json, &name, &text, errors);
        }
    }
    let (jobs, threads, out_dir) = match mode {
        Mode::One { variant, output } => {
            let output = output
                .unwrap_or_else(|| default_output(input, &beside, variant.as_deref(), &model));
            (vec![Job { variant, output }], 1, None)
        }
        Mode::All { out_dir, jobs } => {
            let mut list = vec![Job {
                variant: None,
                output: default_output(input, &out_dir, None, &model),
            }];
            for variant in resume::variant::names(&model) {
                let output = default_output(input, &out_dir, Some(&variant), &model);
                list.push(Job {
                    variant: Some(variant),
                    output,
                });
            }
            let threads = jobs
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
                .max(1);
            (list, threads, Some(out_dir))
        }
    };
    if write {
        if let Some(clash) = clashing_output(&jobs) {
            let d = Diagnostic::error(format!("two documents would both be written to {clash}"))
                .with_hint("give the variants different `output` names");
            return fail_early(json, &name, &text, vec![d]);
        }
        for job in &jobs {
            if job.output.is_dir() {
                let out = job.output.display();
                let d = Diagnostic::error(format!(
                    "the output path {out} is a directory; {out} was not written"
                ));
                return fail_early(json, &name, &text, vec![d]);
            }
        }
        if let Some(dir) = &out_dir
            && let Err(e) = fs::create_dir_all(dir)
        {
            let d = Diagnostic::error(format!(
                "failed to create {} ({})",
                dir.display(),
                io_reason(&e)
            ));
            return fail_early(json, &name, &text, vec![d]);
        }
    }

    let options = resume::Options {
        created,
        trim: common.trim,
        variant: None,
        standard: common.pdf_standard.map(|s| match s {
            cli::PdfStandard::A2b => resume::pdf::Standard::A2b,
            cli::PdfStandard::Ua1 => resume::pdf::Standard::Ua1,
        }),
        fonts,
    };
    let fonts = match resume::font_book(&model, &options) {
        Ok(fonts) => fonts,
        Err(diagnostics) => return fail_early(json, &name, &text, diagnostics),
    };
    let outcomes = build_all(jobs, threads, &model, &text, &options, &fonts, write);
    let all_ok = outcomes.iter().all(Outcome::ok);
    let many = out_dir.is_some();
    if let (Some(dir), true) = (&out_dir, write)
        && let Err(e) = write_atomically(
            &dir.join("manifest.json"),
            manifest(&name, &text, &outcomes).as_bytes(),
        )
    {
        report(
            &[Diagnostic::error(format!(
                "failed to write the manifest ({})",
                io_reason(&e)
            ))],
            &name,
            &text,
        );
        return false;
    }
    if json {
        let objects: Vec<Value> = outcomes
            .iter()
            .map(|o| outcome_json(&name, &text, o, write))
            .collect();
        let value = if many {
            json!({ "file": name, "ok": all_ok, "variants": objects })
        } else {
            objects.into_iter().next().unwrap_or(Value::Null)
        };
        println!("{value}");
    } else {
        for outcome in &outcomes {
            print_outcome(&name, &text, outcome, many, write);
        }
        if many {
            let failed = outcomes.iter().filter(|o| !o.ok()).count();
            let summary = format!(
                "{} of {} documents ok{}",
                outcomes.len() - failed,
                outcomes.len(),
                out_dir
                    .as_ref()
                    .filter(|_| write)
                    .map(|d| format!("; manifest in {}", d.join("manifest.json").display()))
                    .unwrap_or_default()
            );
            if write {
                eprintln!("{summary}")
            } else {
                println!("{summary}")
            }
        }
    }
    all_ok
}

/// Two jobs writing the same file.
fn clashing_output(jobs: &[Job]) -> Option<String> {
    let mut seen = std::collections::BTreeSet::new();
    jobs.iter()
        .find(|j| !seen.insert(j.output.clone()))
        .map(|j| j.output.display().to_string())
}

/// Compile (and write) every job on `threads` threads. The outcomes come
/// back in job order, and each PDF depends only on its input, so the bytes
/// are the same whatever the thread count.
fn build_all(
    jobs: Vec<Job>,
    threads: usize,
    model: &Resume,
    text: &str,
    base: &resume::Options,
    fonts: &resume::text::shape::FontBook<'_>,
    write: bool,
) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Outcome>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let jobs: Vec<Mutex<Option<Job>>> = jobs.into_iter().map(|j| Mutex::new(Some(j))).collect();
    // Write a compiled job's PDF (when writing) and keep its outcome.
    let finish = |i: usize, job: Job, result: Result<resume::Compiled, resume::Failure>| {
        let write_error = match (&result, write) {
            (Ok(out), true) => write_atomically(&job.output, &out.pdf).err().map(|e| {
                Diagnostic::error(format!(
                    "failed to write {} ({})",
                    job.output.display(),
                    io_reason(&e)
                ))
            }),
            _ => None,
        };
        if let Ok(mut slot) = slots[i].lock() {
            *slot = Some(Outcome {
                job,
                result,
                write_error,
            });
        }
    };
    // With several jobs, one thread writes (and waits for fsync) while the
    // others keep compiling.
    let background = write && jobs.len() > 1;
    let (sender, receiver) = std::sync::mpsc::channel();
    let work = |sender: std::sync::mpsc::Sender<_>| {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(cell) = jobs.get(i) else { break };
            let Some(job) = cell.lock().ok().and_then(|mut j| j.take()) else {
                continue;
            };
            let options = resume::Options {
                variant: job.variant.clone(),
                ..base.clone()
            };
            let result = resume::compile_in(model, text, &options, fonts);
            if background {
                // The writer outlives every worker, so the send succeeds;
                // were it gone, finishing here keeps the outcome.
                if let Err(std::sync::mpsc::SendError((i, job, result))) =
                    sender.send((i, job, result))
                {
                    finish(i, job, result);
                }
            } else {
                finish(i, job, result);
            }
        }
    };
    std::thread::scope(|scope| {
        if background {
            scope.spawn(|| {
                for (i, job, result) in receiver {
                    finish(i, job, result);
                }
            });
        }
        for _ in 1..threads.min(jobs.len()) {
            let sender = sender.clone();
            scope.spawn(move || work(sender));
        }
        work(sender);
    });
    slots
        .into_iter()
        .filter_map(|s| s.into_inner().ok().flatten())
        .collect()
}

/// The label of a job in reports.
fn label(job: &Job) -> String {
    job.variant
        .clone()
        .unwrap_or_else(|| "(as written)".to_owned())
}

fn print_outcome(name: &str, text: &str, outcome: &Outcome, many: bool, write: bool) {
    let diagnostics = outcome.diagnostics();
    if many && (!diagnostics.is_empty() || !outcome.ok()) {
        eprintln!("== {} ==", label(&outcome.job));
    }
    report(&diagnostics, name, text);
    let fit = outcome.fit().map(fit_line);
    let prefix = if many {
        format!("{}: ", label(&outcome.job))
    } else {
        String::new()
    };
    match (&outcome.result, write, outcome.write_error.is_none()) {
        (Ok(out), true, true) => {
            if let Some(fit) = fit {
                eprintln!("{prefix}{fit}");
            }
            eprintln!(
                "{prefix}wrote {}: 1 page, {} bytes",
                outcome.job.output.display(),
                out.pdf.len()
            );
        }
        (Ok(_), false, _) => {
            if let Some(fit) = fit {
                println!("{prefix}{fit}");
            }
            println!("{prefix}{name}: ok, fits on one page");
        }
        _ => {
            if let Some(fit) = fit {
                eprintln!("{prefix}{fit}");
            }
            if write {
                eprintln!("{prefix}{} was not written", outcome.job.output.display());
            }
        }
    }
}

/// `resume import`: JSON Resume to resume.toml, never over an existing file
/// unless asked.
fn import(input: &Path, output: Option<PathBuf>, force: bool) -> bool {
    let name = input.display().to_string();
    let text = match read_input(input) {
        Ok(t) => t,
        Err(d) => return fail_early(false, &name, "", vec![*d]),
    };
    let imported = match convert(input, &text) {
        Ok(i) => i,
        Err(d) => return fail_early(false, &name, "", vec![d]),
    };
    for warning in &imported.warnings {
        report(&[Diagnostic::warning(warning.clone())], &name, "");
    }
    let output = output.unwrap_or_else(|| input.with_extension("toml"));
    if output.exists() && !force {
        let d = Diagnostic::error(format!("{} already exists", output.display()))
            .with_hint("pass --force to replace it, or -o to choose another file");
        return fail_early(false, &name, "", vec![d]);
    }
    match write_atomically(&output, imported.toml.as_bytes()) {
        Ok(()) => {
            eprintln!(
                "wrote {} ({} warning(s)); build it with `resume build {}`",
                output.display(),
                imported.warnings.len(),
                output.display()
            );
            true
        }
        Err(e) => {
            let d = Diagnostic::error(format!(
                "failed to write {} ({})",
                output.display(),
                io_reason(&e)
            ));
            fail_early(false, &name, "", vec![d])
        }
    }
}

/// `resume export`: the selected document as JSON Resume, text or Markdown.
fn export(
    input: &Path,
    format: cli::ExportFormat,
    variant: Option<&str>,
    output: Option<&Path>,
) -> bool {
    let name = input.display().to_string();
    let (text, model) = match load(input) {
        Ok(loaded) => loaded,
        Err((text, diagnostics)) => return fail_early(false, &name, &text, diagnostics),
    };
    let doc = match resume::select::select_variant(&model, &text, variant) {
        Ok(doc) => doc,
        Err(diagnostics) => return fail_early(false, &name, &text, diagnostics),
    };
    let out = match format {
        cli::ExportFormat::Json => resume::interop::jsonresume::export_json(&doc),
        cli::ExportFormat::Txt => resume::interop::text::export_text(&doc),
        cli::ExportFormat::Md => resume::interop::text::export_markdown(&doc),
    };
    match output {
        None => {
            print!("{out}");
            true
        }
        Some(path) => match write_atomically(path, out.as_bytes()) {
            Ok(()) => true,
            Err(e) => {
                let d = Diagnostic::error(format!(
                    "failed to write {} ({})",
                    path.display(),
                    io_reason(&e)
                ));
                fail_early(false, &name, &text, vec![d])
            }
        },
    }
}

/// Diagnostics that stop before any document is compiled.
fn fail_early(json: bool, name: &str, text: &str, diagnostics: Vec<Diagnostic>) -> bool {
    if json {
        println!(
            "{}",
            json!({ "file": name, "ok": false, "diagnostics": diagnostics_json(name, text, &diagnostics) })
        );
    } else {
        report(&diagnostics, name, text);
    }
    false
}

/// `resume variants`: each variant and how many items it selects.
fn variants(input: &Path, format: cli::Format) -> bool {
    let name = input.display().to_string();
    let json = format == cli::Format::Json;
    let (text, model) = match load(input) {
        Ok(loaded) => loaded,
        Err((text, diagnostics)) => return fail_early(json, &name, &text, diagnostics),
    };
    let mut ok = true;
    let mut rows = Vec::new();
    let names: Vec<Option<String>> = std::iter::once(None)
        .chain(resume::variant::names(&model).into_iter().map(Some))
        .collect();
    for variant in names {
        let label = variant.clone().unwrap_or_else(|| "(as written)".to_owned());
        let output = default_output(input, Path::new(""), variant.as_deref(), &model);
        match resume::select::select_variant(&model, &text, variant.as_deref()) {
            Ok(doc) => {
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
                    println!(
                        "{label:<16} {:>3} items: {} sections, {} entries, {} bullets, {} skill rows, {} contact items → {}",
                        counts.total(),
                        counts.sections,
                        counts.entries,
                        counts.bullets,
                        counts.skill_rows,
                        counts.contacts,
                        output.display()
                    );
                }
            }
            Err(diagnostics) => {
                ok = false;
                if json {
                    rows.push(json!({ "name": variant, "ok": false, "diagnostics": diagnostics_json(&name, &text, &diagnostics) }));
                } else {
                    eprintln!("== {label} ==");
                    report(&diagnostics, &name, &text);
                }
            }
        }
    }
    if json {
        println!("{}", json!({ "file": name, "ok": ok, "variants": rows }));
    }
    ok
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

/// Read a fallback font file: a regular file within the size limit (so that
/// `/dev/zero` or a huge file is an error, not a hang).
fn read_font(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let limit = resume::limits::MAX_FONT_BYTES;
    let meta = fs::metadata(path).map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err("it is not a regular file".to_owned());
    }
    let too_big = |size: u64| format!("it is {} MiB; the limit is {} MiB", size >> 20, limit >> 20);
    if meta.len() > limit {
        return Err(too_big(meta.len()));
    }
    let mut data = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut data))
        .map_err(|e| io_reason(&e))?;
    if data.len() as u64 > limit {
        return Err(too_big(data.len() as u64));
    }
    Ok(data)
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
            let bytes = e.as_bytes();
            // A UTF-16 file starts with its byte-order mark, or has a zero
            // byte beside most ASCII characters.
            let head = &bytes[..bytes.len().min(200)];
            let zeros = head.iter().filter(|b| **b == 0).count();
            if head.starts_with(&[0xFF, 0xFE])
                || head.starts_with(&[0xFE, 0xFF])
                || zeros * 4 > head.len()
            {
                return Err(Box::new(
                    Diagnostic::error("the file is UTF-16 encoded, not UTF-8").with_hint(
                        "save it as UTF-8 (in most editors: Save with Encoding → UTF-8)",
                    ),
                ));
            }
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

/// Diagnostics as JSON values.
fn diagnostics_json(name: &str, text: &str, diagnostics: &[Diagnostic]) -> Vec<Value> {
    diagnostics
        .iter()
        .map(|d| {
            json!({
                "severity": if d.is_error() { "error" } else { "warning" },
                "message": d.message,
                "file": name,
                "location": location(text, d.span.as_ref().map(|s| s.start)),
                "path": d.path,
                "hints": d.hints,
            })
        })
        .collect()
}

fn location(text: &str, offset: Option<usize>) -> Value {
    match offset {
        Some(offset) => {
            let (line, column) = diag::line_col(text, offset);
            json!({ "line": line, "column": column })
        }
        None => Value::Null,
    }
}

/// The fit report as JSON.
fn fit_json(text: &str, f: &resume::FitReport) -> Value {
    json!({
        "body_size_pt": round2(f.body_size.get()),
        "leading": round2(f.leading),
        "spacing": round2(f.spacing),
        "margin_x_pt": round2(f.margin_x.get()),
        "margin_top_pt": round2(f.margin_top.get()),
        "fill": round2(f.fill),
        "passes": f.passes,
        "trimmed": f.trimmed.iter().map(|t| json!({
            "what": t.what,
            "priority": t.priority,
            "location": location(text, Some(t.span.start)),
        })).collect::<Vec<_>>(),
    })
}

/// One outcome as a JSON object.
fn outcome_json(name: &str, text: &str, o: &Outcome, write: bool) -> Value {
    let bytes = o.result.as_ref().ok().map(|c| c.pdf.len());
    json!({
        "file": name,
        "variant": o.job.variant,
        "ok": o.ok(),
        "output": (write && o.ok()).then(|| o.job.output.display().to_string()),
        "bytes": bytes,
        "pages": o.ok().then_some(1),
        "fit": o.fit().map(|f| fit_json(text, f)),
        "diagnostics": diagnostics_json(name, text, &o.diagnostics()),
    })
}

/// `manifest.json` of a `--all` build: per document its file, sha256,
/// size, pages, fill, fit settings and warnings.
fn manifest(name: &str, text: &str, outcomes: &[Outcome]) -> String {
    let documents: Vec<Value> = outcomes
        .iter()
        .map(|o| {
            let file = o
                .job
                .output
                .file_name()
                .map(|f| f.to_string_lossy().into_owned());
            let warnings: Vec<String> = o
                .diagnostics()
                .iter()
                .filter(|d| !d.is_error())
                .map(|d| d.message.clone())
                .collect();
            match (&o.result, o.ok()) {
                (Ok(out), true) => {
                    let digest = Sha256::digest(&out.pdf);
                    let sha256: String = digest.iter().map(|b| format!("{b:02x}")).collect();
                    json!({
                        "variant": o.job.variant,
                        "ok": true,
                        "file": file,
                        "sha256": sha256,
                        "bytes": out.pdf.len(),
                        "pages": 1,
                        "fill": round2(out.fit.fill),
                        "fit": fit_json(text, &out.fit),
                        "warnings": warnings,
                    })
                }
                _ => json!({
                    "variant": o.job.variant,
                    "ok": false,
                    "file": file,
                    "errors": o.diagnostics().iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect::<Vec<_>>(),
                    "warnings": warnings,
                }),
            }
        })
        .collect();
    let value = json!({ "source": name, "documents": documents });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
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

/// A hook for the crash-safety test: with `RESUME_TEST_PAUSE_BEFORE_RENAME_MS`
/// set, wait that long between writing the temporary file and renaming it,
/// so that the test can kill the process at the worst moment.
fn pause_for_tests() {
    if let Some(ms) = std::env::var("RESUME_TEST_PAUSE_BEFORE_RENAME_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms.min(60_000)));
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
        pause_for_tests();
        fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(dir) = fs::File::open(&dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
