//! The binary never destroys the user's files, whatever the output names:
//! an output that is an input (by any path, or a hard link) is refused
//! before any work, a symbolic link or FIFO planted at a temporary name
//! cannot redirect or block a write, devices are written to directly, and
//! names from the file are not paths. Every case checks the exit code, the
//! message, and that the file that must survive is byte-identical.

mod common;

use std::fs;
use std::path::Path;

use common::{TempDir, run_in};

/// The bytes of a file, for comparing before and after.
fn bytes(path: impl AsRef<Path>) -> Vec<u8> {
    fs::read(path).expect("read file")
}

#[test]
fn an_output_naming_the_input_is_refused_by_any_path() {
    let dir = TempDir::new("same-file").with_seed();
    let seed = bytes(dir.path().join("resume.toml"));
    fs::hard_link(dir.path().join("resume.toml"), dir.path().join("link.toml")).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let cases: &[&[&str]] = &[
        &["build", "resume.toml", "-o", "resume.toml"],
        &["build", "resume.toml", "-o", "./resume.toml"],
        &["build", "resume.toml", "-o", "sub/../resume.toml"],
        &["build", "resume.toml", "-o", "link.toml"],
        &[
            "build",
            "./resume.toml",
            "--variant",
            "ml",
            "-o",
            "resume.toml",
        ],
        &["export", "resume.toml", "--format", "md", "-o", "link.toml"],
        &["import", "cv.json", "-o", "./cv.json", "--force"],
    ];
    dir.write("cv.json", r#"{"basics": {"name": "Ada"}}"#);
    for args in cases {
        let (code, _, stderr) = run_in(dir.path(), args);
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains("writing it would destroy the input"),
            "{args:?}: {stderr}"
        );
        assert_eq!(bytes(dir.path().join("resume.toml")), seed, "{args:?}");
    }
    assert_eq!(
        bytes(dir.path().join("cv.json")),
        br#"{"basics": {"name": "Ada"}}"#
    );
    // Nothing was written beside them either.
    assert_eq!(dir.files(), ["cv.json", "link.toml", "resume.toml", "sub"]);
}

#[test]
fn an_all_build_into_the_input_folder_never_replaces_the_input() {
    let dir = TempDir::new("all-here").with_seed();
    let seed = bytes(dir.path().join("resume.toml"));
    // A variant whose output is the résumé itself.
    let hostile = format!(
        "{}\n[variants.clobber]\noutput = \"resume.toml\"\n",
        String::from_utf8(seed.clone()).unwrap()
    );
    let path = dir.write("cv.toml", &hostile);
    let (code, _, stderr) = run_in(dir.path(), &["build", "cv.toml", "--all", "--out-dir", "."]);
    assert_eq!(
        code, 0,
        "writing resume.toml beside cv.toml is allowed: {stderr}"
    );
    let (code, _, stderr) = run_in(
        dir.path(),
        &[
            "build",
            "cv.toml",
            "--all",
            "--out-dir",
            ".",
            "--variant",
            "x",
        ],
    );
    assert_eq!(code, 2, "--variant and --all conflict: {stderr}");
    // Now a variant writing cv.toml, the input.
    fs::write(&path, hostile.replace("\"resume.toml\"", "\"cv.toml\"")).unwrap();
    let before = bytes(&path);
    let (code, _, stderr) = run_in(dir.path(), &["build", "cv.toml", "--all", "--out-dir", "."]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("would destroy the input"), "{stderr}");
    assert_eq!(bytes(&path), before);
}

#[test]
fn two_outputs_of_one_all_build_are_an_error_at_the_variant() {
    let dir = TempDir::new("clash").with_seed();
    let seed = fs::read_to_string(dir.path().join("resume.toml")).unwrap();
    let toml = format!("{seed}\n[variants.manifest]\noutput = \"manifest.json\"\n");
    dir.write("resume.toml", &toml);
    let (code, _, stderr) = run_in(dir.path(), &["build", "--all"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("two documents would both be written to dist/manifest.json"),
        "{stderr}"
    );
    let line = toml.lines().count();
    assert!(stderr.contains(&format!("resume.toml:{line}:")), "{stderr}");
    assert!(!dir.path().join("dist").exists(), "nothing was written");
}

#[test]
fn variant_names_are_not_paths() {
    let dir = TempDir::new("names").with_seed();
    let seed = fs::read_to_string(dir.path().join("resume.toml")).unwrap();
    for (name, why) in [
        ("\"../../escape\"", "path separator"),
        ("\"..\"", "`..`"),
        ("\".hidden\"", "starts with a dot"),
        ("\"title\\u001b]0;owned\\u0007\"", "control character"),
    ] {
        let toml = format!("{seed}\n[variants.{name}]\n");
        dir.write("resume.toml", &toml);
        let (code, _, stderr) = run_in(dir.path(), &["build", "--all"]);
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(stderr.contains(why), "{name}: {stderr}");
        assert!(
            !stderr.contains('\u{1b}'),
            "{name}: escapes reach the terminal"
        );
        assert!(
            !dir.path().join("dist").exists(),
            "{name}: nothing was written"
        );
        assert!(!dir.path().parent().unwrap().join("escape.pdf").exists());
    }
}

#[test]
fn planted_links_and_fifos_at_temporary_names_change_nothing() {
    let dir = TempDir::new("planted").with_seed();
    let victim = dir.write("victim.txt", "keep me");
    // Every name the old scheme used, and names of the new pattern.
    let pid_guesses = (1..2000).map(|pid| format!(".resume.pdf.{pid}.tmp"));
    let patterns = [
        ".resume.pdf.tmp",
        ".resume.pdf.0000000000000000.resume.tmp",
        ".resume.pdf.ffffffffffffffff.resume.tmp",
    ];
    for name in pid_guesses.chain(patterns.iter().map(|s| s.to_string())) {
        std::os::unix::fs::symlink(&victim, dir.path().join(name)).unwrap();
    }
    #[cfg(unix)]
    {
        let fifo = dir.path().join(".resume.pdf.1.resume.tmp");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(status.is_ok_and(|s| s.success()), "mkfifo");
    }
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(bytes(&victim), b"keep me");
    assert!(bytes(dir.path().join("resume.pdf")).starts_with(b"%PDF-"));
    assert!(
        fs::symlink_metadata(dir.path().join("resume.pdf"))
            .unwrap()
            .is_file()
    );
}

#[test]
fn a_replaced_pdf_keeps_its_mode_and_a_link_keeps_pointing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("mode").with_seed();
    let pdf = dir.write("resume.pdf", "old");
    fs::set_permissions(&pdf, fs::Permissions::from_mode(0o640)).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let mode = fs::metadata(&pdf).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);

    // Through a symbolic link: the link survives, its target is replaced.
    fs::create_dir(dir.path().join("out")).unwrap();
    let target = dir.write("out/real.pdf", "old");
    std::os::unix::fs::symlink("out/real.pdf", dir.path().join("link.pdf")).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build", "-o", "link.pdf"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        fs::symlink_metadata(dir.path().join("link.pdf"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(bytes(&target).starts_with(b"%PDF-"));
}

#[test]
fn devices_are_written_to_and_never_replaced() {
    let dir = TempDir::new("devices").with_seed();
    let (code, _, stderr) = run_in(dir.path(), &["build", "-o", "/dev/null"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device_like()
    );

    let (code, _, stderr) = run_in(dir.path(), &["build", "-o", "/dev/full"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("no space left on device"), "{stderr}");

    let out = common::bin()
        .current_dir(dir.path())
        .args(["build", "-o", "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote standard output"));

    let (code, stdout, _) = run_in(dir.path(), &["build", "-o", "-", "--format", "json"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("--format json writes the report"),
        "{stdout}"
    );
}

/// `FileType::is_char_device` is Unix-only; a small shim keeps the test readable.
trait CharDevice {
    fn is_char_device_like(&self) -> bool;
}

impl CharDevice for fs::FileType {
    fn is_char_device_like(&self) -> bool {
        use std::os::unix::fs::FileTypeExt;
        self.is_char_device()
    }
}

#[test]
fn inputs_that_are_not_files_are_refused_at_once() {
    let dir = TempDir::new("inputs").with_seed();
    let fifo = dir.path().join("pipe.toml");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(status.is_ok_and(|s| s.success()), "mkfifo");
    for (input, what) in [
        ("pipe.toml", "is a FIFO"),
        ("/dev/zero", "is a device"),
        (".", "is a directory"),
    ] {
        let (code, _, stderr) = run_in(dir.path(), &["check", input]);
        assert_eq!(code, 1, "{input}: {stderr}");
        assert!(stderr.contains(what), "{input}: {stderr}");
    }
    // A big file is refused by its size, before it is read.
    let big = dir.path().join("big.toml");
    fs::File::create(&big).unwrap().set_len(1 << 30).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["check", "big.toml"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("the file is 1048576 KiB; the limit is 256 KiB"),
        "{stderr}"
    );
}

#[test]
fn standard_input_needs_an_explicit_output() {
    let dir = TempDir::new("stdin").with_seed();
    let seed = bytes(dir.path().join("resume.toml"));
    let run = |args: &[&str]| {
        let mut child = common::bin()
            .current_dir(dir.path())
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        let _ = child.stdin.take().unwrap().write_all(&seed);
        let out = child.wait_with_output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stderr) = run(&["build", "-"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("give the output with -o"), "{stderr}");
    let (code, stderr) = run(&["build", "/dev/stdin"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!Path::new("/dev/stdin.pdf").exists());
    let (code, stderr) = run(&["build", "-", "-o", "from-stdin.pdf"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(bytes(dir.path().join("from-stdin.pdf")).starts_with(b"%PDF-"));
}

#[test]
fn a_closed_pipe_ends_quietly_and_a_full_disk_is_an_error() {
    let dir = TempDir::new("pipes").with_seed();
    for args in [
        &["schema"][..],
        &["export", "--format", "md"],
        &["check", "--all"],
    ] {
        // A reader that closes at once.
        let mut child = common::bin()
            .current_dir(dir.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(out.status.code().is_some(), "{args:?}: ended by a signal");
        assert!(out.status.code() != Some(101), "{args:?}: {stderr}");

        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = common::bin()
            .current_dir(dir.path())
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("failed to write to standard output"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn leftover_temporary_files_are_cleaned_up() {
    let dir = TempDir::new("leftovers").with_seed();
    let stale = dir.write(".resume.pdf.0123456789abcdef.resume.tmp", "half");
    let fresh = dir.write(".resume.pdf.fedcba9876543210.resume.tmp", "in progress");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stale.exists(), "an hour-old leftover is removed");
    assert!(fresh.exists(), "a recent one may belong to a running build");
}
