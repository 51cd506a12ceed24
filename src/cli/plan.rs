//! Between what the user typed and what will be done: which documents to
//! make, where each goes, and on how many threads.

use std::ops::Range;
use std::path::{Path, PathBuf};

use resume::Session;
use resume::diag::Diagnostic;

use super::io;

/// Which documents the user asked for.
#[derive(Clone, Debug)]
pub enum Target {
    /// One document: the résumé as written or one variant.
    One {
        /// The variant (`None`: the résumé as written).
        variant: Option<String>,
        /// Where its PDF goes, when given.
        output: Option<PathBuf>,
    },
    /// The résumé as written and every variant, into a folder.
    All {
        /// The folder for the PDFs and the manifest.
        out_dir: PathBuf,
        /// How many documents to compile at once (`None`: one per core).
        jobs: Option<usize>,
    },
}

/// One document to make: which variant, and where its PDF goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    /// The variant (`None`: the résumé as written).
    pub variant: Option<String>,
    /// The PDF's path.
    pub output: PathBuf,
    /// Where the TOML names the variant's output (its `output`, or else
    /// its table), for errors about it.
    pub span: Option<Range<usize>>,
}

impl Job {
    /// The job's name in reports.
    pub fn label(&self) -> &str {
        self.variant.as_deref().unwrap_or("(as written)")
    }
}

/// What will be done.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The documents, in report order.
    pub jobs: Vec<Job>,
    /// How many threads compile them.
    pub threads: usize,
    /// The folder of a `--all` build, which also gets the manifest.
    pub out_dir: Option<PathBuf>,
}

impl Plan {
    /// The plan for `target` of the résumé at `input`. A variant whose name
    /// becomes part of a file name must be a plain name.
    pub fn new(target: Target, input: &Path, session: &Session) -> Result<Plan, Diagnostic> {
        let beside = input.parent().unwrap_or(Path::new(""));
        match target {
            Target::One { variant, output } => {
                let span = variant.as_deref().and_then(|v| variant_span(session, v));
                let output = match output {
                    Some(output) => output,
                    None => default_output(input, beside, variant.as_deref(), session)?,
                };
                Ok(Plan {
                    jobs: vec![Job {
                        variant,
                        output,
                        span,
                    }],
                    threads: 1,
                    out_dir: None,
                })
            }
            Target::All { out_dir, jobs } => {
                let base = session.builds_base().then_some(None);
                let variants = base.into_iter().chain(session.variants().map(Some));
                let jobs_list = variants
                    .map(|variant| {
                        Ok(Job {
                            variant: variant.map(str::to_owned),
                            output: default_output(input, &out_dir, variant, session)?,
                            span: variant.and_then(|v| variant_span(session, v)),
                        })
                    })
                    .collect::<Result<_, Diagnostic>>()?;
                let threads = jobs
                    .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
                    .max(1);
                Ok(Plan {
                    jobs: jobs_list,
                    threads,
                    out_dir: Some(out_dir),
                })
            }
        }
    }

    /// Whether the plan makes several documents (reports then name each).
    pub fn many(&self) -> bool {
        self.out_dir.is_some()
    }

    /// The manifest's path, for a `--all` build.
    pub fn manifest(&self) -> Option<PathBuf> {
        self.out_dir.as_ref().map(|d| d.join("manifest.json"))
    }

    /// The first job whose output is the same file as an earlier job's, or
    /// as the manifest: by path, or as one existing file.
    pub fn clash(&self) -> Option<(&Job, PathBuf)> {
        let mut seen: Vec<PathBuf> = self.manifest().into_iter().collect();
        for job in &self.jobs {
            let output = lexical(&job.output);
            if let Some(earlier) = seen
                .iter()
                .find(|p| **p == output || io::same_file(p, &output))
            {
                return Some((job, earlier.clone()));
            }
            seen.push(output);
        }
        None
    }
}

/// The output path with `.` components dropped, for comparing paths.
fn lexical(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// Where the TOML names a variant's output: its `output`, or its table.
fn variant_span(session: &Session, name: &str) -> Option<Range<usize>> {
    let (key, def) = session
        .resume()
        .variants
        .iter()
        .find(|(k, _)| k.get_ref() == name)?;
    Some(match &def.get_ref().output {
        Some(output) => output.span(),
        None => key.span(),
    })
}

/// The default PDF path of a variant in `dir`: its `output`, or the input's
/// stem and the variant name, which must then be a plain name.
pub fn default_output(
    input: &Path,
    dir: &Path,
    variant: Option<&str>,
    session: &Session,
) -> Result<PathBuf, Diagnostic> {
    let stem = input
        .file_stem()
        .filter(|_| !io::is_stdin(input))
        .map_or_else(|| "resume".to_owned(), |s| s.to_string_lossy().into_owned());
    let file = match variant {
        None => format!("{stem}.pdf"),
        Some(name) => match session.output_name(name) {
            Some(output) => output.to_owned(),
            None => {
                if let Some(why) = not_a_file_name(name) {
                    let mut d = Diagnostic::error(format!(
                        "the variant name `{name}` cannot be part of a file name: {why}"
                    ))
                    .with_hint("rename the variant, or give it `output = \"name.pdf\"`");
                    if let Some(span) = variant_span(session, name) {
                        d = d.with_span(span);
                    }
                    return Err(d);
                }
                format!("{stem}-{name}.pdf")
            }
        },
    };
    Ok(dir.join(file))
}

/// Why a variant name cannot stand in a file name, if it cannot.
fn not_a_file_name(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("it is empty")
    } else if name.contains(['/', '\\']) {
        Some("it contains a path separator")
    } else if name.contains("..") {
        Some("it contains `..`")
    } else if name.chars().any(char::is_control) {
        Some("it contains a control character")
    } else if name.starts_with('.') {
        Some("it starts with a dot")
    } else if name.len() > 200 {
        Some("it is longer than 200 bytes")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = r#"
[person]
name = "Ada"

[[sections]]
title = "Summary"
text = "Hello."

[variants.short]
[variants.named]
output = "ada.pdf"
"#;

    fn session() -> Session<'static> {
        Session::new(TOML, resume::Options::default()).unwrap()
    }

    #[test]
    fn one_document_goes_beside_the_input() {
        let plan = Plan::new(
            Target::One {
                variant: Some("short".into()),
                output: None,
            },
            Path::new("cv/me.toml"),
            &session(),
        )
        .unwrap();
        assert_eq!(plan.jobs[0].output, PathBuf::from("cv/me-short.pdf"));
        assert_eq!(plan.threads, 1);
        assert!(!plan.many());
    }

    #[test]
    fn all_lists_the_résumé_then_each_variant_by_name() {
        let plan = Plan::new(
            Target::All {
                out_dir: "dist".into(),
                jobs: Some(0),
            },
            Path::new("me.toml"),
            &session(),
        )
        .unwrap();
        let outputs: Vec<_> = plan.jobs.iter().map(|j| j.output.clone()).collect();
        assert_eq!(
            outputs,
            ["dist/me.pdf", "dist/ada.pdf", "dist/me-short.pdf"].map(PathBuf::from)
        );
        assert_eq!(plan.jobs[0].label(), "(as written)");
        assert_eq!(plan.threads, 1, "at least one thread");
        assert!(plan.clash().is_none());
    }

    /// The `--all` plan into `d/` of the test résumé with the named
    /// variant's `output` replaced.
    fn all_with_output(output: &str) -> Result<Plan, Diagnostic> {
        let toml = TOML.replace("ada.pdf", output);
        let session = Session::new(toml, resume::Options::default()).unwrap();
        let target = Target::All {
            out_dir: "d".into(),
            jobs: None,
        };
        Plan::new(target, Path::new("me.toml"), &session)
    }

    #[test]
    fn a_clash_names_the_shared_path() {
        let plan = all_with_output("me.pdf").unwrap();
        let (job, earlier) = plan.clash().unwrap();
        assert_eq!(job.variant.as_deref(), Some("named"));
        assert_eq!(earlier, PathBuf::from("d/me.pdf"));
        assert!(job.span.is_some(), "the clash points at the variant");
    }

    #[test]
    fn a_variant_writing_the_manifest_clashes_with_it() {
        let plan = all_with_output("manifest.json").unwrap();
        assert_eq!(plan.clash().unwrap().1, PathBuf::from("d/manifest.json"));
    }

    #[test]
    fn variant_names_that_are_not_file_names_are_errors() {
        for name in ["\"../x\"", "\".hidden\"", "\"a\\u0007b\"", "\"a\\\\b\""] {
            let toml = format!("{TOML}\n[variants.{name}]\n");
            let session = Session::new(toml, resume::Options::default()).unwrap();
            let target = Target::All {
                out_dir: "d".into(),
                jobs: None,
            };
            let d = Plan::new(target, Path::new("me.toml"), &session).unwrap_err();
            assert!(
                d.message.contains("cannot be part of a file name"),
                "{name}: {}",
                d.message
            );
            assert!(d.span.is_some(), "{name}");
        }
        assert_eq!(not_a_file_name("ml-2026"), None);
    }
}
