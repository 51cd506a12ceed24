//! All printing: diagnostics, fit reports and summaries, as text for people
//! (diagnostics and progress on stderr) or as one JSON object on stdout.

use std::io::{IsTerminal, Write};
use std::path::Path;

use resume::diag::json::{diagnostics as diagnostics_json, located};
use resume::diag::{self, Diagnostic, Lines, Source};
use resume::{CutPlan, CutTarget, FitReport};
use serde_json::{Value, json};

use super::Stopped;
use super::args::Format;
use super::build::JobResult;
use super::plan::Plan;

/// The most warnings shown as text for one document.
pub const SHOWN_WARNINGS: usize = 20;

/// Prints everything a command reports.
///
/// A closed pipe (`resume check | head`) ends the printing quietly; any
/// other failure to print (a full disk) is kept for [`Reporter::failure`],
/// which makes the exit code 1.
#[derive(Debug)]
pub struct Reporter {
    json: bool,
    color: bool,
    /// A stream whose reader has gone: nothing more is printed on it.
    closed: [bool; 2],
    /// The first failure to print, other than a closed pipe.
    failed: Option<(Stream, std::io::Error)>,
}

/// The two streams a report goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Out,
    /// Standard error.
    Err,
}

impl Stream {
    /// The stream's name in messages.
    fn name(self) -> &'static str {
        match self {
            Stream::Out => "standard output",
            Stream::Err => "standard error",
        }
    }
}

impl Reporter {
    /// A reporter in the given format; colour only on a terminal, and never
    /// with `NO_COLOR` set.
    pub fn new(format: Format) -> Reporter {
        let color = std::io::stderr().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        Reporter {
            json: format == Format::Json,
            color,
            closed: [false; 2],
            failed: None,
        }
    }

    /// Print `text` on `stream`, keeping the first failure.
    fn write(&mut self, stream: Stream, text: &str) {
        let index = stream as usize;
        if self.closed[index] {
            return;
        }
        let result = match stream {
            Stream::Out => {
                let mut out = std::io::stdout().lock();
                out.write_all(text.as_bytes()).and_then(|()| out.flush())
            }
            Stream::Err => std::io::stderr().lock().write_all(text.as_bytes()),
        };
        if let Err(e) = result {
            self.closed[index] = true;
            if e.kind() != std::io::ErrorKind::BrokenPipe && self.failed.is_none() {
                self.failed = Some((stream, e));
            }
        }
    }

    /// The message for a failure to print, if one happened: the caller
    /// exits with 1 after trying to show it on standard error.
    pub fn failure(&mut self) -> Option<String> {
        let (stream, e) = self.failed.take()?;
        Some(format!(
            "error: failed to write to {} ({})",
            stream.name(),
            super::io::reason(&e)
        ))
    }

    /// Whether reports are JSON.
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// A line on stdout.
    pub fn out(&mut self, line: impl std::fmt::Display) {
        self.write(Stream::Out, &format!("{line}\n"));
    }

    /// Text on stdout as it is.
    pub fn out_raw(&mut self, text: &str) {
        self.write(Stream::Out, text);
    }

    /// A line on stderr.
    pub fn err(&mut self, line: impl std::fmt::Display) {
        self.write(Stream::Err, &format!("{line}\n"));
    }

    /// Diagnostics on stderr, each pointing into `text`.
    pub fn diagnostics(&mut self, name: &str, text: &str, diagnostics: &[Diagnostic]) {
        let src = Source { name, text };
        for d in diagnostics {
            let shown = diag::render(d, &src, self.color);
            self.write(Stream::Err, &format!("{shown}\n"));
        }
    }

    /// Diagnostics on stderr, every error but at most [`SHOWN_WARNINGS`]
    /// warnings, then how many more there are: a document that trims two
    /// thousand bullets stays readable.
    pub fn capped_diagnostics(&mut self, name: &str, text: &str, diagnostics: &[Diagnostic]) {
        let mut warnings = 0;
        let shown: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| {
                warnings += usize::from(!d.is_error());
                d.is_error() || warnings <= SHOWN_WARNINGS
            })
            .cloned()
            .collect();
        self.diagnostics(name, text, &shown);
        if warnings > SHOWN_WARNINGS {
            self.err(format!(
                "... and {} more warnings (`--format json` lists every one)\n",
                warnings - SHOWN_WARNINGS
            ));
        }
    }

    /// Diagnostics that stopped a command before any document was made.
    pub fn stopped(&mut self, stopped: &Stopped) {
        let Stopped {
            name,
            text,
            diagnostics,
        } = stopped;
        if self.json {
            let value = json!({
                "file": name,
                "ok": false,
                "diagnostics": diagnostics_json(name, text, diagnostics),
            });
            self.out(value);
        } else {
            self.diagnostics(name, text, diagnostics);
        }
    }

    /// What came of each job of a build (`write`) or check.
    pub fn results(
        &mut self,
        name: &str,
        text: &str,
        plan: &Plan,
        results: &[JobResult],
        write: bool,
    ) {
        let many = plan.many();
        if self.json {
            let objects: Vec<Value> = results
                .iter()
                .map(|r| result_json(name, text, r, write))
                .collect();
            let value = if many {
                let ok = results.iter().all(JobResult::ok);
                json!({ "file": name, "ok": ok, "variants": objects })
            } else {
                objects.into_iter().next().unwrap_or(Value::Null)
            };
            self.out(value);
            return;
        }
        for result in results {
            self.result(name, text, result, many, write);
        }
        if many {
            let failed = results.iter().filter(|r| !r.ok()).count();
            let manifest = match (&plan.out_dir, write) {
                (Some(dir), true) => {
                    format!("; manifest in {}", shown_path(&dir.join("manifest.json")))
                }
                _ => String::new(),
            };
            let summary = format!(
                "{} of {} documents ok{manifest}",
                results.len() - failed,
                results.len(),
            );
            if write {
                self.err(summary);
            } else {
                self.out(summary);
            }
        }
    }

    /// One job's diagnostics and outcome, as text.
    fn result(&mut self, name: &str, text: &str, result: &JobResult, many: bool, write: bool) {
        let diagnostics = result.diagnostics();
        if many && (!diagnostics.is_empty() || !result.ok()) {
            self.err(format!("== {} ==", shown(result.job.label())));
        }
        self.capped_diagnostics(name, text, &diagnostics);
        let fit = result.fit().map(fit_line);
        let prefix = if many {
            format!("{}: ", shown(result.job.label()))
        } else {
            String::new()
        };
        match (&result.result, write, result.write_error.is_none()) {
            (Ok(out), true, true) => {
                if let Some(fit) = fit {
                    self.err(format!("{prefix}{fit}"));
                }
                let (files, bytes) = written(result, out);
                self.err(format!(
                    "{prefix}wrote {files}: {}, {bytes} bytes",
                    pages(out.laid.pages.len()),
                ));
            }
            (Ok(out), false, _) => {
                if let Some(fit) = fit {
                    self.out(format!("{prefix}{fit}"));
                }
                let fits = match out.laid.pages.len() {
                    1 => "one page".to_owned(),
                    n => pages(n),
                };
                self.out(format!("{prefix}{name}: ok, fits on {fits}"));
            }
            _ => {
                if let Some(fit) = fit {
                    self.err(format!("{prefix}{fit}"));
                }
                if write {
                    self.err(format!(
                        "{prefix}{} was not written",
                        shown_path(&result.job.output)
                    ));
                }
            }
        }
        if let Some(plan) = &result.suggestion {
            for line in plan_lines(name, text, plan) {
                self.out(format!("{prefix}{line}"));
            }
        }
    }
}

/// A cut plan as text: what it is for, then one item a line.
pub fn plan_lines(name: &str, text: &str, plan: &CutPlan) -> Vec<String> {
    let n = plan.items.len();
    let setting = match plan.target {
        CutTarget::Tightest => "at the tightest setting",
        CutTarget::Preferred => "at the preferred setting, without tightening",
    };
    let name = shown(name);
    let head = match (n, plan.fits, plan.target) {
        (0, true, _) => format!("cut plan: nothing needs cutting; {name} fits {setting}"),
        (0, false, _) => format!(
            "cut plan: nothing can be dropped, and {name} does not fit {setting}; \
             shorten bullets, or leave out entries"
        ),
        (_, false, _) => format!(
            "cut plan: even dropping all {n} droppable item(s) would not make {name} fit \
             {setting}; shorten bullets, or leave out entries"
        ),
        (_, true, CutTarget::Tightest) => {
            format!("cut plan: drop {n} item(s) to fit {setting}; --trim drops exactly these:")
        }
        (_, true, CutTarget::Preferred) => format!("cut plan: drop {n} item(s) to fit {setting}:"),
    };
    let mut lines = vec![head];
    for t in plan.items.iter().filter(|_| plan.fits) {
        let (line, _) = diag::line_col(text, t.span.start);
        let priority = t
            .priority
            .map_or(String::new(), |p| format!(", priority {p}"));
        lines.push(format!("  drop {} (line {line}{priority})", shown(&t.what)));
    }
    lines
}

/// A path as shown in messages: control and direction characters escaped,
/// so that a name cannot move the cursor or set the terminal's title.
pub fn shown_path(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "standard output".to_owned();
    }
    diag::escape_text(&path.to_string_lossy())
}

/// A name from the file (a variant's) as shown in messages.
pub fn shown(name: &str) -> String {
    diag::escape_text(name)
}

/// "1 page", "2 pages".
fn pages(n: usize) -> String {
    if n == 1 {
        "1 page".to_owned()
    } else {
        format!("{n} pages")
    }
}

/// One line saying what the fitter chose, with how full each page is.
pub fn fit_line(fit: &FitReport) -> String {
    let full = if fit.fills.len() > 1 {
        let each: Vec<String> = fit
            .fills
            .iter()
            .map(|f| format!("{:.1}%", f * 100.0))
            .collect();
        format!("pages {} full", each.join(", "))
    } else {
        format!("page {:.1}% full", fit.fill * 100.0)
    };
    let mut line = format!(
        "fit: {} pt body, leading {:.2}, spacing {:.0}%, margins {:.2} in × {:.2} in; {full}",
        fit.body_size,
        fit.leading,
        fit.spacing * 100.0,
        fit.margin_x.get() / 72.0,
        fit.margin_top.get() / 72.0,
    );
    if !fit.trimmed.is_empty() {
        line.push_str(&format!("; {} item(s) trimmed", fit.trimmed.len()));
    }
    line
}

/// The fit report as JSON: `fill` is the last page's; a document of
/// several pages adds `fills`, every page's in order.
pub fn fit_json(text: &str, f: &FitReport) -> Value {
    let mut value = json!({
        "body_size_pt": round2(f.body_size.get()),
        "leading": round2(f.leading),
        "spacing": round2(f.spacing),
        "margin_x_pt": round2(f.margin_x.get()),
        "margin_top_pt": round2(f.margin_top.get()),
        "fill": round2(f.fill),
        "passes": f.passes,
        "trimmed": items_json(text, &f.trimmed),
    });
    if f.fills.len() > 1 {
        value["fills"] = f.fills.iter().map(|v| round2(*v)).collect();
    }
    value
}

/// The files a written job made, as shown, and their total size: the PDF,
/// or the pictures of its pages.
fn written(result: &JobResult, out: &resume::Compiled) -> (String, usize) {
    if result.pictures.is_empty() {
        return (shown_path(&result.job.output), out.pdf.len());
    }
    let files: Vec<String> = result.pictures.iter().map(|(p, _)| shown_path(p)).collect();
    let bytes = result.pictures.iter().map(|(_, b)| b.len()).sum();
    (files.join(", "), bytes)
}

/// One job's outcome as a JSON object.
fn result_json(name: &str, text: &str, r: &JobResult, write: bool) -> Value {
    let bytes = match &r.result {
        Ok(_) if !r.pictures.is_empty() => Some(r.pictures.iter().map(|(_, b)| b.len()).sum()),
        Ok(c) => Some(c.pdf.len()),
        Err(_) => None,
    };
    let mut value = json!({
        "file": name,
        "variant": r.job.variant,
        "ok": r.ok(),
        "output": (write && r.ok()).then(|| r.job.output.display().to_string()),
        "bytes": bytes,
        "pages": r.result.as_ref().ok().map(|c| c.laid.pages.len()),
        "fit": r.fit().map(|f| fit_json(text, f)),
        "diagnostics": diagnostics_json(name, text, &r.diagnostics()),
    });
    if write && r.ok() && !r.pictures.is_empty() {
        let files: Vec<String> = r
            .pictures
            .iter()
            .map(|(p, _)| p.display().to_string())
            .collect();
        value["output"] = json!(files[0]);
        value["outputs"] = json!(files);
    }
    if let (Some(plan), Some(object)) = (r.cut_plan(), value.as_object_mut()) {
        object.insert("cut_plan".into(), items_json(text, &plan.items));
        object.insert("cut_plan_fits".into(), json!(plan.fits));
        let setting = match plan.target {
            CutTarget::Tightest => "tightest",
            CutTarget::Preferred => "preferred",
        };
        object.insert("cut_plan_setting".into(), json!(setting));
    }
    value
}

/// Trimmed or planned items as JSON: what, priority (null when unmarked)
/// and location.
fn items_json(text: &str, items: &[resume::Trimmed]) -> Value {
    let lines = Lines::new(text);
    items
        .iter()
        .map(|t| {
            json!({
                "what": t.what,
                "priority": t.priority,
                "location": located(&lines, Some(t.span.start)),
            })
        })
        .collect()
}

/// A number rounded to two decimals, for reports.
pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use resume::units::Pt;

    fn report() -> FitReport {
        FitReport {
            body_size: Pt(10.0),
            leading: 1.2,
            spacing: 1.0,
            margin_x: Pt(36.0),
            margin_top: Pt(32.4),
            fill: 0.979,
            fills: vec![0.979].into(),
            passes: 3,
            trimmed: Vec::new(),
        }
    }

    #[test]
    fn fit_line_reads_as_documented() {
        assert_eq!(
            fit_line(&report()),
            "fit: 10.00 pt body, leading 1.20, spacing 100%, margins 0.50 in × 0.45 in; page 97.9% full"
        );
    }

    #[test]
    fn fit_json_rounds_to_two_decimals() {
        let v = fit_json("", &report());
        assert_eq!(v["fill"], json!(0.98));
        assert_eq!(v["margin_top_pt"], json!(32.4));
        assert!(v.get("fills").is_none(), "one page: fill says it all");
    }

    #[test]
    fn several_pages_report_the_fill_of_each() {
        let two = FitReport {
            fill: 0.414,
            fills: vec![0.9812, 0.414].into(),
            ..report()
        };
        assert_eq!(
            fit_line(&two),
            "fit: 10.00 pt body, leading 1.20, spacing 100%, margins 0.50 in × 0.45 in; pages 98.1%, 41.4% full"
        );
        let v = fit_json("", &two);
        assert_eq!(v["fill"], json!(0.41));
        assert_eq!(v["fills"], json!([0.98, 0.41]));
        assert_eq!(pages(1), "1 page");
        assert_eq!(pages(2), "2 pages");
    }
}
