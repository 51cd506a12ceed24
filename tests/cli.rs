//! End-to-end checks of the `resume` command line: exit codes, messages,
//! default paths, and what is (not) written on failure.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::TempDir;

/// The binary, run in `dir` with a predictable environment.
fn resume(dir: &Path) -> Command {
    let mut cmd = common::bin();
    cmd.current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("NO_COLOR");
    cmd
}

/// Run to completion and capture everything.
fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("failed to run {cmd:?}: {e}"))
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Assert the exit code, showing both streams when it differs.
fn assert_exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "expected exit code {code}\nstdout:\n{}\nstderr:\n{}",
        stdout(out),
        stderr(out)
    );
}

/// An entry with `location` misspelt as `locaton`.
const MISSPELT: &str = r#"[person]
name = "Ada Example"

[[sections]]
title = "Experience"

[[sections.entries]]
title = "Engineer"
org = "Example Corp"
  locaton = "Remote"
bullets = ["Built things"]
"#;

/// An entry with far more bullets than fit on a page.
fn overflowing() -> String {
    let mut toml = String::from(
        "[person]\nname = \"Ada Example\"\n\n[[sections]]\ntitle = \"Experience\"\n\n\
         [[sections.entries]]\ntitle = \"Overflowing Engineer\"\norg = \"Example Corp\"\nbullets = [\n",
    );
    for i in 0..200 {
        toml.push_str(&format!(
            "  \"Bullet {i} describes a long and detailed accomplishment that goes on \
             for a while, so that it fills most of a line on the page\",\n"
        ));
    }
    toml.push_str("]\n");
    toml
}

/// A misspelt key fails with its `line:col`, a suggestion, and leaves the old PDF untouched.
#[test]
fn misspelt_key_is_reported_with_position_and_suggestion_and_writes_nothing() {
    let dir = TempDir::new("misspelt");
    dir.write("cv.toml", MISSPELT);
    let old = b"%PDF-1.7 an earlier build\n".as_slice();
    let pdf = dir.write("out.pdf", old);

    let line = MISSPELT
        .lines()
        .position(|l| l.contains("locaton"))
        .unwrap()
        + 1;
    let col = MISSPELT
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("locaton")
        .unwrap()
        + 1;

    let out = run(resume(dir.path()).args(["build", "cv.toml", "-o", "out.pdf"]));
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("cv.toml:{line}:{col}")),
        "stderr names cv.toml:{line}:{col}:\n{err}"
    );
    assert!(err.contains("locaton"), "stderr names the key:\n{err}");
    assert!(err.contains("did you mean"), "stderr suggests:\n{err}");
    assert!(
        err.contains("location"),
        "stderr suggests `location`:\n{err}"
    );

    assert_eq!(std::fs::read(&pdf).unwrap(), old, "out.pdf is unchanged");
    assert_eq!(
        dir.files(),
        ["cv.toml", "out.pdf"],
        "no temporary file is left"
    );
}

/// Content that does not fit fails, saying by how many points and which entry, and writes no PDF.
#[test]
fn overflow_is_an_error_naming_the_amount_and_the_entry() {
    let dir = TempDir::new("overflow");
    dir.write("long.toml", overflowing());

    let out = run(resume(dir.path()).args(["build", "long.toml"]));
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(
        err.contains("overflows"),
        "stderr says it overflows:\n{err}"
    );
    assert!(
        err.contains(" pt"),
        "stderr gives the overflow in pt:\n{err}"
    );
    assert!(
        err.contains("Overflowing Engineer"),
        "stderr names the entry:\n{err}"
    );
    assert_eq!(dir.files(), ["long.toml"], "no PDF or temporary file");
}

/// `--help` and `--version` succeed; an unknown flag is a usage error (exit 2).
#[test]
fn help_and_version_succeed_and_unknown_flags_are_usage_errors() {
    let dir = TempDir::new("usage");

    let help = run(resume(dir.path()).arg("--help"));
    assert_exit(&help, 0);
    let text = stdout(&help);
    assert!(
        text.contains("build") && text.contains("check"),
        "--help lists the subcommands:\n{text}"
    );

    let version = run(resume(dir.path()).arg("--version"));
    assert_exit(&version, 0);
    assert!(
        stdout(&version).contains(env!("CARGO_PKG_VERSION")),
        "--version prints {}: {}",
        env!("CARGO_PKG_VERSION"),
        stdout(&version)
    );

    for args in [&["--frobnicate"][..], &["build", "--frobnicate"]] {
        let out = run(resume(dir.path()).args(args));
        assert_exit(&out, 2);
        assert!(
            stderr(&out).contains("--frobnicate"),
            "the error names the flag:\n{}",
            stderr(&out)
        );
    }
    assert!(dir.files().is_empty(), "nothing is written");
}

/// A missing input file fails with a message naming it, for `build` and `check`.
#[test]
fn missing_input_is_an_error_naming_the_file() {
    let dir = TempDir::new("missing");
    for command in ["build", "check"] {
        let out = run(resume(dir.path()).args([command, "absent.toml"]));
        assert_exit(&out, 1);
        let err = stderr(&out);
        assert!(
            err.contains("absent.toml"),
            "{command}: stderr names the file:\n{err}"
        );
    }
    assert!(dir.files().is_empty(), "nothing is written");
}

/// An output path that is a directory is an error, and the directory is left alone.
#[test]
fn output_path_that_is_a_directory_is_an_error() {
    let dir = TempDir::new("outdir").with_seed();
    std::fs::create_dir(dir.path().join("out")).unwrap();

    let out = run(resume(dir.path()).args(["build", "resume.toml", "-o", "out"]));
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("out"), "stderr names the output path:\n{err}");
    assert!(err.contains("directory"), "stderr says why:\n{err}");
    assert!(dir.path().join("out").is_dir());
    assert_eq!(
        std::fs::read_dir(dir.path().join("out")).unwrap().count(),
        0,
        "nothing is written inside the directory"
    );
    assert_eq!(dir.files(), ["out", "resume.toml"]);
}

/// `check` reports how full the page is, exits 0, and writes no PDF.
#[test]
fn check_reports_the_fill_and_writes_nothing() {
    let dir = TempDir::new("check").with_seed();

    let out = run(resume(dir.path()).args(["check", "resume.toml"]));
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.contains("% full"), "check prints the fill:\n{text}");
    assert_eq!(dir.files(), ["resume.toml"], "check writes nothing");
}

/// `resume build` with no arguments turns ./resume.toml into ./resume.pdf.
#[test]
fn build_without_arguments_uses_resume_toml_and_resume_pdf() {
    let dir = TempDir::new("defaults").with_seed();

    let out = run(resume(dir.path()).arg("build"));
    assert_exit(&out, 0);
    let pdf = std::fs::read(dir.path().join("resume.pdf")).expect("resume.pdf is written");
    assert!(pdf.starts_with(b"%PDF-"), "resume.pdf is a PDF");
    assert_eq!(dir.files(), ["resume.pdf", "resume.toml"]);
}

/// Captured stderr carries no ANSI escapes, with or without NO_COLOR.
#[test]
fn captured_stderr_has_no_colour() {
    let dir = TempDir::new("colour");
    dir.write("cv.toml", MISSPELT);
    dir.write("long.toml", overflowing());

    for no_color in [None, Some("1")] {
        for input in ["cv.toml", "long.toml", "absent.toml"] {
            let mut cmd = resume(dir.path());
            cmd.args(["build", input]);
            if let Some(v) = no_color {
                cmd.env("NO_COLOR", v);
            }
            let out = run(&mut cmd);
            assert_exit(&out, 1);
            let err = stderr(&out);
            assert!(!err.is_empty(), "{input}: an error is printed");
            assert!(
                !err.contains('\x1b'),
                "{input} (NO_COLOR={no_color:?}): stderr has an escape sequence:\n{err:?}"
            );
        }
    }
}

/// Killing the build while the new PDF is written leaves the old PDF
/// whole: the new bytes go to a temporary file that is renamed at the end.
#[test]
fn a_build_killed_mid_write_leaves_the_old_pdf() {
    let dir = std::env::temp_dir().join(format!("resume-kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(common::root().join("resume.toml"), dir.join("resume.toml")).unwrap();
    let old = b"%PDF-1.7 the previous, complete PDF".to_vec();
    std::fs::write(dir.join("resume.pdf"), &old).unwrap();

    let mut child = common::bin()
        .current_dir(&dir)
        .arg("build")
        .env("RESUME_TEST_PAUSE_BEFORE_RENAME_MS", "10000")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the temporary file is completely written, then kill.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let temp = loop {
        let found = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.file_name().unwrap().to_string_lossy().ends_with(".tmp"));
        if let Some(path) = found
            && std::fs::read(&path).is_ok_and(|b| b.ends_with(b"%%EOF\n") || b.ends_with(b"%%EOF"))
        {
            break path;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the temporary file appears"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        std::fs::read(dir.join("resume.pdf")).unwrap(),
        old,
        "the old PDF is untouched"
    );
    // The half-finished build left only its temporary file, never a truncated PDF.
    assert!(temp.exists());

    // The next build replaces the old PDF with a complete new one.
    let out = common::bin()
        .current_dir(&dir)
        .arg("build")
        .output()
        .unwrap();
    assert!(out.status.success());
    let new = std::fs::read(dir.join("resume.pdf")).unwrap();
    assert!(new.starts_with(b"%PDF-") && new.len() > 10_000);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An output directory that cannot be written is a clear error.
#[test]
fn an_unwritable_output_directory_is_an_error() {
    if runs_as_root() {
        // Root ignores directory permissions; check the missing-directory case instead.
        let dir = std::env::temp_dir().join(format!("resume-nodir-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(common::root().join("resume.toml"), dir.join("resume.toml")).unwrap();
        let out = common::bin()
            .current_dir(&dir)
            .args(["build", "-o", "no/such/dir/cv.pdf"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("failed to write no/such/dir/cv.pdf"),
            "{stderr}"
        );
        assert!(stderr.contains("no such file or directory"), "{stderr}");
        std::fs::remove_dir_all(&dir).unwrap();
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("resume-ro-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("ro")).unwrap();
    std::fs::copy(common::root().join("resume.toml"), dir.join("resume.toml")).unwrap();
    std::fs::set_permissions(dir.join("ro"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = common::bin()
        .current_dir(&dir)
        .args(["build", "-o", "ro/cv.pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("failed to write ro/cv.pdf"));
    std::fs::set_permissions(dir.join("ro"), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Whether the tests run as root (who may write anywhere).
fn runs_as_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `import` turns a JSON Resume file into a resume.toml that builds, and
/// never replaces an existing file unless asked; `build` takes the JSON
/// file directly; `export` writes JSON Resume, text or Markdown.
#[test]
fn import_build_and_export() {
    let dir = common::TempDir::new("import");
    let json = common::root().join("tests/fixtures/jsonresume/full.json");
    std::fs::copy(&json, dir.path().join("cv.json")).unwrap();
    let (code, _, stderr) = common::run_in(dir.path(), &["import", "cv.json"]);
    assert_eq!(code, 0, "{stderr}");
    let toml = std::fs::read_to_string(dir.path().join("cv.toml")).unwrap();
    assert!(toml.contains("[person]"));

    std::fs::write(dir.path().join("cv.toml"), "keep me").unwrap();
    let (code, _, stderr) = common::run_in(dir.path(), &["import", "cv.json"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("already exists") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("cv.toml")).unwrap(),
        "keep me"
    );
    let (code, _, _) = common::run_in(dir.path(), &["import", "cv.json", "--force"]);
    assert_eq!(code, 0);

    let (code, _, stderr) = common::run_in(dir.path(), &["build", "cv.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("cv.pdf").is_file());

    let (code, stdout, _) = common::run_in(dir.path(), &["export", "cv.toml", "--format", "json"]);
    assert_eq!(code, 0);
    let exported: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(exported["basics"]["name"].is_string());
    let (code, stdout, _) = common::run_in(dir.path(), &["export", "cv.toml", "--format", "txt"]);
    assert_eq!(code, 0);
    assert!(
        stdout.lines().any(|l| l.starts_with("- ")),
        "bullets as - : {stdout}"
    );
    assert!(!stdout.contains("**"));
    let (code, stdout, _) = common::run_in(dir.path(), &["export", "cv.toml", "--format", "md"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("# "), "{stdout}");
}
