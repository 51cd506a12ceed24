//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Compare `actual` with the snapshot file; with `BLESS=1`, write it instead.
pub fn assert_snapshot(path: &Path, actual: &str) {
    if std::env::var_os("BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|_| panic!("missing snapshot {}; run with BLESS=1", path.display()));
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (e, a))| e != a)
            .take(10)
            .map(|(i, (e, a))| format!("line {}:\n  - {e}\n  + {a}", i + 1))
            .collect();
        panic!(
            "snapshot {} differs ({} vs {} lines); re-bless with BLESS=1 if intended:\n{}",
            path.display(),
            expected.lines().count(),
            actual.lines().count(),
            diff.join("\n")
        );
    }
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The compiled `resume` binary.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_resume"))
}

/// Whether an external tool is installed; when `CI=true`, a missing tool fails the test.
pub fn tool(name: &str) -> bool {
    let found = Command::new(name).arg("-v").output().is_ok();
    if !found && std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{name} is required when CI=true; install poppler-utils and qpdf");
    }
    if !found {
        eprintln!("skipping: {name} is not installed");
    }
    found
}

/// A fresh directory under the system temp dir, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// A new empty directory whose name contains `label`.
    pub fn new(label: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("resume-{label}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Write a file into the directory and return its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, contents).expect("write fixture");
        path
    }

    /// Copy the seed `resume.toml` into the directory.
    pub fn with_seed(self) -> TempDir {
        std::fs::copy(root().join("resume.toml"), self.0.join("resume.toml"))
            .expect("copy resume.toml");
        self
    }

    /// The names of the files in the directory, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .expect("read temp dir")
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Run the binary in `dir` with `args`; returns (exit code, stdout, stderr).
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = bin()
        .current_dir(dir)
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .expect("run resume");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The résumé as written, laid out in the bundled faces with default options.
pub fn lay_out(source: &str) -> Result<resume::Laid, Vec<resume::diag::Diagnostic>> {
    lay_out_variant(source, None, resume::Options::default())
}

/// One variant laid out with `options`.
pub fn lay_out_variant(
    source: &str,
    variant: Option<&str>,
    options: resume::Options,
) -> Result<resume::Laid, Vec<resume::diag::Diagnostic>> {
    resume::Session::new(source, options)?
        .lay_out(variant)
        .map_err(|f| f.diagnostics)
}

/// The résumé as written, compiled with `options`.
pub fn compile_with(
    source: &str,
    options: resume::Options,
) -> Result<resume::Compiled, resume::Failure> {
    resume::Session::new(source, options)?.compile(None)
}

pub mod watch;
