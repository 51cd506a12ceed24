//! Between what the user typed and what will be done: which documents to
//! make, where each goes, and on how many threads.

use std::path::{Path, PathBuf};

use resume::Session;

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
    /// The plan for `target` of the résumé at `input`.
    pub fn new(target: Target, input: &Path, session: &Session) -> Plan {
        let beside = input.parent().unwrap_or(Path::new(""));
        match target {
            Target::One { variant, output } => {
                let output = output
                    .unwrap_or_else(|| default_output(input, beside, variant.as_deref(), session));
                Plan {
                    jobs: vec![Job { variant, output }],
                    threads: 1,
                    out_dir: None,
                }
            }
            Target::All { out_dir, jobs } => {
                let variants = std::iter::once(None).chain(session.variants().map(Some));
                let jobs_list = variants
                    .map(|variant| Job {
                        variant: variant.map(str::to_owned),
                        output: default_output(input, &out_dir, variant, session),
                    })
                    .collect();
                let threads = jobs
                    .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
                    .max(1);
                Plan {
                    jobs: jobs_list,
                    threads,
                    out_dir: Some(out_dir),
                }
            }
        }
    }

    /// Whether the plan makes several documents (reports then name each).
    pub fn many(&self) -> bool {
        self.out_dir.is_some()
    }

    /// The first output path two jobs share.
    pub fn clash(&self) -> Option<&Path> {
        let mut seen = std::collections::BTreeSet::new();
        self.jobs
            .iter()
            .find(|j| !seen.insert(&j.output))
            .map(|j| j.output.as_path())
    }
}

/// The default PDF path of a variant in `dir`: its `output`, or the input's
/// stem and the variant name.
pub fn default_output(
    input: &Path,
    dir: &Path,
    variant: Option<&str>,
    session: &Session,
) -> PathBuf {
    let stem = input
        .file_stem()
        .map_or_else(|| "resume".to_owned(), |s| s.to_string_lossy().into_owned());
    let file = match variant {
        None => format!("{stem}.pdf"),
        Some(name) => session
            .output_name(name)
            .map_or_else(|| format!("{stem}-{name}.pdf"), str::to_owned),
    };
    dir.join(file)
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
        );
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
        );
        let outputs: Vec<_> = plan.jobs.iter().map(|j| j.output.clone()).collect();
        assert_eq!(
            outputs,
            ["dist/me.pdf", "dist/ada.pdf", "dist/me-short.pdf"].map(PathBuf::from)
        );
        assert_eq!(plan.jobs[0].label(), "(as written)");
        assert_eq!(plan.threads, 1, "at least one thread");
        assert!(plan.clash().is_none());
    }

    #[test]
    fn a_clash_names_the_shared_path() {
        let session = Session::new(
            TOML.replace("ada.pdf", "me.pdf"),
            resume::Options::default(),
        )
        .unwrap();
        let plan = Plan::new(
            Target::All {
                out_dir: "d".into(),
                jobs: None,
            },
            Path::new("me.toml"),
            &session,
        );
        assert_eq!(plan.clash(), Some(Path::new("d/me.pdf")));
    }
}
