//! `resume build` and `resume check`: compile the résumé or its variants
//! and write the PDFs (build), or only report (check).

use std::fs;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use resume::diag::Diagnostic;
use resume::{Compiled, Failure, FitReport, Options, Session};

use super::args::{Common, PdfStandard, Target as Which};
use super::plan::{Job, Plan, Target};
use super::report::Reporter;
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
}

impl Request {
    /// `resume build`: write the target's PDFs.
    pub fn build(input: PathBuf, target: Target, common: Common) -> Request {
        Request {
            input,
            target,
            write: true,
            common,
        }
    }

    /// `resume check`: everything but writing, for the résumé as written
    /// (with every variant profile), one variant, or all of them.
    pub fn check(input: PathBuf, which: Which, common: Common) -> Request {
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
        }
    }
}

/// What came of one job.
pub struct JobResult {
    /// The job.
    pub job: Job,
    /// The compiled document, or why it failed.
    pub result: Result<Compiled, Failure>,
    /// Set when the PDF was compiled but could not be written.
    pub write_error: Option<Diagnostic>,
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

    /// What the fitter chose or last tried.
    pub fn fit(&self) -> Option<&FitReport> {
        match &self.result {
            Ok(out) => Some(&out.laid.fit),
            Err(failure) => failure.fit.as_ref(),
        }
    }
}

/// Carry out a build or check.
pub fn run(request: Request, reporter: &mut Reporter) -> Outcome {
    let input = Input::read(&request.input)?;
    let options = Options {
        created: None,
        trim: request.common.trim,
        standard: request.common.pdf_standard.map(|s| match s {
            PdfStandard::A2b => resume::Standard::A2b,
            PdfStandard::Ua1 => resume::Standard::Ua1,
        }),
    };
    // Parse errors come before a bad SOURCE_DATE_EPOCH.
    let created = super::source_date_epoch();
    let session = input.session(Options {
        created: created.clone().unwrap_or_default(),
        ..options
    })?;
    created.map_err(|d| Failed::stop(&input, vec![d]))?;
    let fonts = session
        .read_fonts(|path| io::read_font(&input.folder().join(path)))
        .map_err(|d| Failed::stop(&input, d))?;
    let session = session
        .with_fonts(&fonts)
        .map_err(|d| Failed::stop(&input, d))?;
    let checks_variants =
        !request.write && matches!(request.target, Target::One { variant: None, .. });
    if checks_variants {
        // `check` of the résumé as written also checks every variant
        // profile, so that a typo in one cannot wait for the next --all.
        let errors = session.check_variants();
        if !errors.is_empty() {
            return Err(Failed::stop(&input, errors));
        }
    }
    let plan = Plan::new(request.target, &input.path, &session);
    if request.write {
        prepare_outputs(&plan).map_err(|d| Failed::stop(&input, vec![d]))?;
    }
    let results = make_all(&plan, &session, request.write);
    if let (Some(dir), true) = (&plan.out_dir, request.write) {
        let path = dir.join("manifest.json");
        let text = manifest::manifest(&input.name, &input.text, &results);
        if let Err(e) = io::write_atomically(&path, text.as_bytes()) {
            let d = Diagnostic::error(format!("failed to write the manifest ({})", io::reason(&e)));
            reporter.diagnostics(&input.name, &input.text, &[d]);
            return Err(Failed::Reported);
        }
    }
    reporter.results(&input.name, &input.text, &plan, &results, request.write);
    if results.iter().all(JobResult::ok) {
        Ok(())
    } else {
        Err(Failed::Reported)
    }
}

/// Check the plan's outputs before any work: no two jobs writing one file,
/// no output that is a directory, and the output folder made.
fn prepare_outputs(plan: &Plan) -> Result<(), Diagnostic> {
    if let Some(clash) = plan.clash() {
        return Err(Diagnostic::error(format!(
            "two documents would both be written to {}",
            clash.display()
        ))
        .with_hint("give the variants different `output` names"));
    }
    if let Some(job) = plan.jobs.iter().find(|j| j.output.is_dir()) {
        let out = job.output.display();
        return Err(Diagnostic::error(format!(
            "the output path {out} is a directory; {out} was not written"
        )));
    }
    if let Some(dir) = &plan.out_dir {
        fs::create_dir_all(dir).map_err(|e| {
            Diagnostic::error(format!(
                "failed to create {} ({})",
                dir.display(),
                io::reason(&e)
            ))
        })?;
    }
    Ok(())
}

/// Compile (and write) every job of the plan on its threads. The results
/// come back in job order, and each PDF depends only on its input, so the
/// bytes are the same whatever the thread count.
fn make_all(plan: &Plan, session: &Session, write: bool) -> Vec<JobResult> {
    let jobs = &plan.jobs;
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<JobResult>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    // Write a compiled job's PDF (when writing) and keep its result.
    let finish = |i: usize, result: Result<Compiled, Failure>| {
        let job = jobs[i].clone();
        let write_error = match (&result, write) {
            (Ok(out), true) => io::write_atomically(&job.output, &out.pdf)
                .err()
                .map(|e| io::write_error(&job.output, &e)),
            _ => None,
        };
        if let Ok(mut slot) = slots[i].lock() {
            *slot = Some(JobResult {
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
            let Some(job) = jobs.get(i) else { break };
            let result = session.compile(job.variant.as_deref());
            if background {
                // The writer outlives every worker, so the send succeeds;
                // were it gone, finishing here keeps the result.
                if let Err(std::sync::mpsc::SendError((i, result))) = sender.send((i, result)) {
                    finish(i, result);
                }
            } else {
                finish(i, result);
            }
        }
    };
    std::thread::scope(|scope| {
        if background {
            scope.spawn(|| {
                for (i, result) in receiver {
                    finish(i, result);
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
