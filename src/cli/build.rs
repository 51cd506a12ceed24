//! `resume build` and `resume check`: compile the résumé or its variants
//! and write the PDFs (build), or only report (check).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use resume::diag::Diagnostic;
use resume::{Compiled, CutPlan, CutTarget, Failure, FitReport, Options, Session};

use super::args::{Common, Kind, PdfStandard, Target as Which};
use super::plan::{Job, Plan, Target};
use super::report::{Reporter, shown_path};
use super::{Failed, Input, Outcome, io, manifest};

/// A build or check as the user asked for it.
#[derive(Debug)]
pub struct Request {
    /// The résumé.
    pub input: PathBuf,
    /// Which documents.
    pub target: Target,
    /// Write the PDFs (build) or only report (check).
    pub write: bool,
    /// Options both commands share.
    pub common: Common,
    /// Also work out what to cut (`check --suggest`).
    pub suggest: bool,
    /// `--to`: what to write.
    pub to: Option<Kind>,
    /// `--dpi`: the resolution of PNG pictures.
    pub dpi: Option<f32>,
}

/// What a build writes, settled from `--to`, `--dpi` and `-o`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drawing {
    /// The PDF or pictures of the pages.
    pub kind: Kind,
    /// The resolution of PNG pictures.
    pub dpi: f32,
}

impl Drawing {
    /// The kind `--to` asks for, or the one the extension of `-o` names,
    /// or the PDF. An explicit `--to` that disagrees with the extension of
    /// `-o`, or `--dpi` for anything but PNG, is an error.
    fn settle(
        to: Option<Kind>,
        dpi: Option<f32>,
        output: Option<&Path>,
    ) -> Result<Drawing, Diagnostic> {
        let named = output
            .filter(|o| !io::is_stdin(o) && *o != Path::new("-"))
            .and_then(Kind::of_extension);
        let kind = match (to, named) {
            (Some(to), Some(named)) if to != named => {
                return Err(Diagnostic::error(format!(
                    "--to {} disagrees with the output's extension `.{}`",
                    to.extension(),
                    output
                        .and_then(|o| o.extension())
                        .map_or_else(String::new, |e| e.to_string_lossy().into_owned())
                ))
                .with_hint(format!(
                    "name the output `.{}`, or leave out --to: the extension of -o says what to write",
                    to.extension()
                )));
            }
            (Some(kind), _) | (None, Some(kind)) => kind,
            (None, None) => Kind::Pdf,
        };
        if dpi.is_some() && kind != Kind::Png {
            return Err(Diagnostic::error(format!(
                "--dpi sets the resolution of PNG pictures, but this build writes {}",
                kind.extension().to_uppercase()
            ))
            .with_hint("add --to png (or -o NAME.png), or leave out --dpi"));
        }
        let dpi = dpi.unwrap_or(resume::limits::DEFAULT_DPI);
        if !dpi.is_finite() || dpi <= 0.0 {
            return Err(
                Diagnostic::error(format!("--dpi must be a positive number, not {dpi}"))
                    .with_hint("e.g. --dpi 144 (the default) or --dpi 300 for print"),
            );
        }
        Ok(Drawing { kind, dpi })
    }
}

impl Request {
    /// `resume build`: write the target's PDFs.
    pub fn build(input: PathBuf, target: Target, common: Common) -> Request {
        Request {
            input,
            target,
            write: true,
            common,
            suggest: false,
            to: None,
            dpi: None,
        }
    }

    /// The build with what to write: `--to` and `--dpi`.
    pub fn drawing(self, to: Option<Kind>, dpi: Option<f32>) -> Request {
        Request { to, dpi, ..self }
    }

    /// `resume check`: everything but writing, for the résumé as written
    /// (with every variant profile), one variant, or all of them; with
    /// `suggest`, what to cut too.
    pub fn check(input: PathBuf, which: Which, common: Common, suggest: bool) -> Request {
        let target = if which.all {
            Target::All {
                out_dir: PathBuf::new(),
                jobs: None,
            }
        } else {
            Target::One {
                variant: which.variant,
                output: None,
            }
        };
        Request {
            input,
            target,
            write: false,
            common,
            suggest,
            to: None,
            dpi: None,
        }
    }
}

/// What came of one job.
pub struct JobResult {
    /// The job.
    pub job: Job,
    /// The compiled document, or why it failed.
    pub result: Result<Compiled, Failure>,
    /// Set when the PDF was compiled but could not be written (or its
    /// pictures could not be drawn or written).
    pub write_error: Option<Diagnostic>,
    /// The pictures of the pages and their files, when the build writes
    /// pictures rather than the PDF.
    pub pictures: Vec<(PathBuf, Vec<u8>)>,
    /// With `check --suggest`: what to cut (nothing when the job failed
    /// for another reason than overflowing).
    pub suggestion: Option<CutPlan>,
}

impl JobResult {
    /// Whether the document was made (and written, when writing).
    pub fn ok(&self) -> bool {
        self.result.is_ok() && self.write_error.is_none()
    }

    /// Warnings and errors, in order.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = match &self.result {
            Ok(out) => out.laid.warnings.clone(),
            Err(failure) => failure.diagnostics.clone(),
        };
        all.extend(self.write_error.clone());
        all
    }

    /// Put `warnings` (the conversion's) before the document's own.
    fn preface(&mut self, warnings: &[Diagnostic]) {
        if warnings.is_empty() {
            return;
        }
        let own = match &mut self.result {
            Ok(out) => &mut out.laid.warnings,
            Err(failure) => &mut failure.diagnostics,
        };
        own.splice(0..0, warnings.iter().cloned());
    }

    /// The cut plan to report: the suggestion asked for, or the plan of
    /// content that overflows.
    pub fn cut_plan(&self) -> Option<&CutPlan> {
        match &self.result {
            Err(failure) if self.suggestion.is_none() => failure.cut_plan.as_deref(),
            _ => self.suggestion.as_ref(),
        }
    }

    /// What the fitter chose or last tried.
    pub fn fit(&self) -> Option<&FitReport> {
        match &self.result {
            Ok(out) => Some(&out.laid.fit),
            Err(failure) => failure.fit.as_deref(),
        }
    }
}

/// Carry out a build or check.
pub fn run(request: Request, reporter: &mut Reporter) -> Outcome {
    run_with(&request, reporter, &mut Kept::default(), |_| {})
}

/// What one build leaves for the next in watch mode.
#[derive(Default)]
pub struct Kept {
    /// The last session's faces and shaping caches.
    pub cache: Option<resume::Cache>,
    /// Every file the last build read (or would have read, had it got
    /// that far): the résumé, its theme files and font files.
    pub files: Vec<PathBuf>,
}

/// A finished build, for watch mode's preview.
pub struct Built<'a, 's> {
    /// The input.
    pub input: &'a Input,
    /// The session every job was compiled with.
    pub session: &'a Session<'s>,
    /// The plan.
    pub plan: &'a Plan,
    /// What came of each job.
    pub results: &'a [JobResult],
}

/// [`run`], keeping the session's caches and the list of files read in
/// `kept`, and handing the finished build to `done` (before the report).
pub fn run_with(
    request: &Request,
    reporter: &mut Reporter,
    kept: &mut Kept,
    done: impl FnOnce(&Built),
) -> Outcome {
    let mut input = Input::read(&request.input)?;
    let named = match &request.target {
        Target::One { output, .. } => output.as_deref(),
        Target::All { .. } => None,
    };
    let drawing = Drawing::settle(request.to, request.dpi, named)
        .map_err(|d| Failed::stop(&input, vec![d]))?;
    let options = Options {
        created: None,
        trim: request.common.trim,
        pages: request.common.pages,
        standard: request.common.pdf_standard.map(|s| match s {
            PdfStandard::A2b => resume::Standard::A2b,
            PdfStandard::Ua1 => resume::Standard::Ua1,
        }),
        theme: request.common.theme.clone(),
        lang: None,
    };
    // Parse errors come before a bad SOURCE_DATE_EPOCH.
    let created = super::source_date_epoch();
    let session = input.session(Options {
        created: created.clone().unwrap_or_default(),
        ..options
    })?;
    kept.files = input.files(&session);
    let session = match kept.cache.take() {
        Some(cache) => session.with_cache(cache),
        None => session,
    };
    created.map_err(|d| Failed::stop(&input, vec![d]))?;
    if let Some(name) = &request.common.theme {
        super::themes::check_name(name).map_err(|d| Failed::stop(&input, vec![d]))?;
    }
    let session = super::themes::load(session, &input)?;
    kept.files = input.files(&session);
    let mut fonts = session
        .read_fonts(|path| io::read_font(&input.folder().join(path)))
        .map_err(|d| Failed::stop(&input, d))?;
    if !request.common.no_system_fonts && session.allows_system_fonts() {
        // Only characters that no other font has send us to the system's.
        let uncovered = session.uncovered(&documents(&request.target, &session), &fonts);
        if !uncovered.is_empty() {
            let (found, notes) = super::system_fonts::find(&uncovered);
            fonts.extend(found);
            input.warnings.extend(notes);
        }
    }
    let session = session
        .with_fonts(&fonts)
        .map_err(|d| Failed::stop(&input, d))?
        .with_photo(|path| io::read_photo(&input.folder().join(path)))
        .map_err(|d| Failed::stop(&input, d))?;
    let outcome = compile_all(request, drawing, &input, &session, reporter, done);
    kept.cache = Some(session.into_cache());
    outcome
}

/// Compile the request's documents with a loaded session, write them
/// (when building) and report.
fn compile_all(
    request: &Request,
    drawing: Drawing,
    input: &Input,
    session: &Session,
    reporter: &mut Reporter,
    done: impl FnOnce(&Built),
) -> Outcome {
    let checks_variants =
        !request.write && matches!(request.target, Target::One { variant: None, .. });
    if checks_variants {
        // `check` of the résumé as written also checks every variant
        // profile, so that a typo in one cannot wait for the next --all.
        let errors = session.check_variants();
        if !errors.is_empty() {
            return Err(Failed::stop(input, errors));
        }
    }
    let target = base_or_variants(request.target.clone(), request.write, session)
        .map_err(|d| Failed::stop(input, vec![d]))?;
    let names_output = matches!(
        target,
        Target::One {
            output: Some(_),
            ..
        }
    );
    if request.write && input.is_stdin() && !names_output {
        let d = Diagnostic::error("standard input has no file name to name the PDF after")
            .with_hint("give the output with -o (`-o -` writes the PDF to standard output)");
        return Err(Failed::stop(input, vec![d]));
    }
    let mut plan =
        Plan::new(target, &input.path, session).map_err(|d| Failed::stop(input, vec![d]))?;
    if drawing.kind != Kind::Pdf && !names_output {
        // Default names (and variants' `output`) take the pictures' extension.
        for job in &mut plan.jobs {
            job.output.set_extension(drawing.kind.extension());
        }
    }
    if request.write {
        let inputs = input.files(session);
        check_outputs(&plan, &inputs, names_output, reporter.is_json())
            .map_err(|d| Failed::stop(input, vec![d]))?;
        if drawing.kind != Kind::Pdf {
            check_page_files(&plan, &inputs).map_err(|d| Failed::stop(input, vec![d]))?;
        }
        prepare_folder(&plan).map_err(|d| Failed::stop(input, vec![d]))?;
    }
    let write = request.write.then_some(drawing);
    let mut results = make_all(&plan, session, write, request.suggest);
    for r in &mut results {
        r.preface(&input.warnings);
    }
    if let (Some(path), true) = (plan.manifest(), request.write) {
        let text = manifest::manifest(&input.name, &input.text, &results);
        if let Err(e) = io::write_output(&path, text.as_bytes()) {
            let d = Diagnostic::error(format!("failed to write the manifest ({})", io::reason(&e)));
            reporter.diagnostics(&input.name, &input.text, &[d]);
            return Err(Failed::Reported);
        }
    }
    done(&Built {
        input,
        session,
        plan: &plan,
        results: &results,
    });
    reporter.results(&input.name, &input.text, &plan, &results, request.write);
    if results.iter().all(JobResult::ok) {
        Ok(())
    } else {
        Err(Failed::Reported)
    }
}

/// The documents a target makes (`None`: the résumé as written), for the
/// characters they need.
fn documents<'a>(target: &'a Target, session: &'a Session) -> Vec<Option<&'a str>> {
    let every = || {
        let base = session.builds_base().then_some(None);
        base.into_iter()
            .chain(session.variants().map(Some))
            .collect()
    };
    match target {
        Target::One {
            variant: Some(v), ..
        } => vec![Some(v.as_str())],
        Target::One { variant: None, .. } if session.builds_base() => vec![None],
        _ => every(),
    }
}

/// The target for a master file (`[build] base = false`), whose content as
/// written is no document: checking it checks every variant, and building
/// it needs a variant.
fn base_or_variants(target: Target, write: bool, session: &Session) -> Result<Target, Diagnostic> {
    let as_written = matches!(target, Target::One { variant: None, .. });
    if session.builds_base() || !as_written && session.variants().next().is_some() {
        return Ok(target);
    }
    let span = session.resume().build.base.as_ref().map(|b| b.span());
    let names: Vec<&str> = session.variants().collect();
    let mut d = if names.is_empty() {
        Diagnostic::error("`[build] base = false`, but the file has no variants to build")
            .with_hint("add a `[variants.NAME]` table, or remove `base = false`")
    } else if write {
        Diagnostic::error("the résumé as written is not a document of its own (`[build] base = false`)")
            .with_hint(format!(
                "build a variant with --variant NAME, or every variant with --all; the variants are: {}",
                names.join(", ")
            ))
    } else {
        return Ok(Target::All {
            out_dir: PathBuf::new(),
            jobs: None,
        });
    };
    if let Some(span) = span {
        d = d.with_span(span);
    }
    Err(d)
}

/// Check the plan's outputs before any work: none is an input (the
/// résumé, a font), a directory or a dangling link, no two are the same
/// file, and a default one never lies in `/dev` or `/proc`.
fn check_outputs(
    plan: &Plan,
    inputs: &[PathBuf],
    named: bool,
    json: bool,
) -> Result<(), Diagnostic> {
    if let Some((job, earlier)) = plan.clash() {
        let mut d = Diagnostic::error(format!(
            "two documents would both be written to {}",
            shown_path(&earlier)
        ))
        .with_hint("give the variants different `output` names");
        if let Some(span) = &job.span {
            d = d.with_span(span.clone());
        }
        return Err(d);
    }
    let outputs = plan
        .jobs
        .iter()
        .map(|j| j.output.clone())
        .chain(plan.manifest());
    for output in outputs {
        match io::check_output(&output, inputs)? {
            io::Sink::Stdout if json => {
                return Err(Diagnostic::error(
                    "-o - writes the PDF to standard output, where --format json writes the report",
                )
                .with_hint("write the PDF to a file, or use --format text"));
            }
            io::Sink::File(path) if !named && in_system_folder(&path) => {
                return Err(Diagnostic::error(format!(
                    "the output {} would be created in a system folder",
                    shown_path(&output)
                ))
                .with_hint("give the output with -o"));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The file of page `page` (0-based) of `count` pictures written to
/// `output`: `output` itself for a one-page document, else its stem with
/// the page number (`resume.svg`: `resume-1.svg`, `resume-2.svg`, ...).
pub fn page_file(output: &Path, page: usize, count: usize) -> PathBuf {
    if count <= 1 {
        return output.to_path_buf();
    }
    let stem = output
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let name = match output.extension() {
        Some(ext) => format!("{stem}-{}.{}", page + 1, ext.to_string_lossy()),
        None => format!("{stem}-{}", page + 1),
    };
    output.with_file_name(name)
}

/// Check the files the pictures of several pages could go to (one per
/// page, up to the most pages a document may have), before any work, as
/// [`check_outputs`] checks the outputs: none is an input, a directory or
/// a dangling link, and no two documents could write the same file.
fn check_page_files(plan: &Plan, inputs: &[PathBuf]) -> Result<(), Diagnostic> {
    let most = resume::limits::MAX_PAGES as usize;
    let mut seen: Vec<(PathBuf, usize)> = Vec::new();
    for (j, job) in plan.jobs.iter().enumerate() {
        if !writes_files(&job.output) {
            continue;
        }
        let mut files = vec![job.output.clone()];
        files.extend((0..most).map(|page| page_file(&job.output, page, most)));
        for file in files {
            io::check_output(&file, inputs)?;
            if let Some((_, _)) = seen
                .iter()
                .find(|(p, k)| *k != j && (*p == file || io::same_file(p, &file)))
            {
                let mut d = Diagnostic::error(format!(
                    "two documents could both write their pictures to {}",
                    shown_path(&file)
                ))
                .with_hint(
                    "give the variants names (or `output` names) that do not end in -1, -2, ...",
                );
                if let Some(span) = &job.span {
                    d = d.with_span(span.clone());
                }
                return Err(d);
            }
            seen.push((file, j));
        }
    }
    Ok(())
}

/// Whether `output` names a file (or none yet) beside which the pictures
/// of further pages can go: not standard output, a device or a pipe.
fn writes_files(output: &Path) -> bool {
    !io::is_stdin(output) && matches!(io::Sink::of(output), Ok(io::Sink::File(_)))
}

/// Draw every page of a compiled document as `drawing` asks, with the file
/// each goes to (see [`page_file`]). Several pages cannot all go to
/// standard output.
fn pictures(
    session: &Session,
    out: &Compiled,
    output: &Path,
    drawing: Drawing,
) -> Result<Vec<(PathBuf, Vec<u8>)>, Diagnostic> {
    let count = out.laid.pages.len();
    if count > 1 && !writes_files(output) {
        return Err(Diagnostic::error(format!(
            "the document has {count} pages, and {} takes one picture",
            shown_path(output)
        ))
        .with_hint("give -o a file name: each page gets its own file (`resume-1.svg`, ...)"));
    }
    (0..count)
        .map(|page| {
            let bytes = match drawing.kind {
                Kind::Svg => session.svg(&out.laid, page).into_bytes(),
                Kind::Png => session.png(&out.laid, page, drawing.dpi)?,
                Kind::Pdf => out.pdf.clone(),
            };
            Ok((page_file(output, page, count), bytes))
        })
        .collect()
}

/// Whether a path lies under `/dev` or `/proc`, where no PDF belongs.
fn in_system_folder(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

/// Make the `--all` output folder.
fn prepare_folder(plan: &Plan) -> Result<(), Diagnostic> {
    if let Some(dir) = &plan.out_dir {
        fs::create_dir_all(dir).map_err(|e| {
            Diagnostic::error(format!(
                "failed to create {} ({})",
                shown_path(dir),
                io::reason(&e)
            ))
        })?;
    }
    Ok(())
}

/// Compile (and, with `write`, write as it says) every job of the plan on
/// its threads. The results come back in job order, and each file depends
/// only on its input, so the bytes are the same whatever the thread count.
fn make_all(
    plan: &Plan,
    session: &Session,
    write: Option<Drawing>,
    suggest: bool,
) -> Vec<JobResult> {
    let jobs = &plan.jobs;
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<JobResult>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    // Write a compiled job's PDF (when writing) and keep its result.
    let finish = |i: usize, result: Result<Compiled, Failure>, suggestion| {
        let job = jobs[i].clone();
        let mut drawn = Vec::new();
        let write_error = match (&result, write) {
            (Ok(out), Some(drawing)) if drawing.kind == Kind::Pdf => {
                io::write_output(&job.output, &out.pdf)
                    .err()
                    .map(|e| io::write_error(&job.output, &e))
            }
            // Every page is drawn before any file is written.
            (Ok(out), Some(drawing)) => match pictures(session, out, &job.output, drawing) {
                Ok(files) => {
                    drawn = files;
                    drawn.iter().find_map(|(path, bytes)| {
                        io::write_output(path, bytes)
                            .err()
                            .map(|e| io::write_error(path, &e))
                    })
                }
                Err(d) => Some(d),
            },
            _ => None,
        };
        if let Ok(mut slot) = slots[i].lock() {
            *slot = Some(JobResult {
                job,
                result,
                write_error,
                suggestion,
                pictures: drawn,
            });
        }
    };
    // With several jobs, one thread writes (and waits for fsync) while the
    // others keep compiling.
    let background = write.is_some() && jobs.len() > 1;
    let (sender, receiver) = std::sync::mpsc::channel();
    let work = |sender: std::sync::mpsc::Sender<_>| {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else { break };
            let result = session.compile(job.variant.as_deref());
            let suggestion = suggest
                .then(|| suggestion(session, job.variant.as_deref(), &result))
                .flatten();
            if background {
                // The writer outlives every worker, so the send succeeds;
                // were it gone, finishing here keeps the result.
                if let Err(std::sync::mpsc::SendError((i, result, suggestion))) =
                    sender.send((i, result, suggestion))
                {
                    finish(i, result, suggestion);
                }
            } else {
                finish(i, result, suggestion);
            }
        }
    };
    std::thread::scope(|scope| {
        if background {
            scope.spawn(|| {
                for (i, result, suggestion) in receiver {
                    finish(i, result, suggestion);
                }
            });
        }
        for _ in 1..plan.threads.min(jobs.len()) {
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

/// What to cut for `check --suggest`: the plan of content that overflows;
/// for content that fits, what to cut to fit at the preferred setting
/// (empty when it fits there already); nothing for other failures.
fn suggestion(
    session: &Session,
    variant: Option<&str>,
    result: &Result<Compiled, Failure>,
) -> Option<CutPlan> {
    match result {
        Err(failure) => failure.cut_plan.as_deref().cloned(),
        Ok(_) => session.cut_plan(variant, CutTarget::Preferred).ok(),
    }
}
