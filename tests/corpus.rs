//! Broken and hostile inputs, run through the binary (`resume check FILE`)
//! as a user would: each `tests/corpus/NAME.toml` must exit with the code
//! its [`Case`] names, never panic, finish within [`TIME_LIMIT`], and print
//! (without colour) exactly the diagnostics in `tests/corpus/NAME.stderr`.
//! Huge inputs are generated into a temporary directory at run time instead
//! of being committed; their output is checked by phrase, not by snapshot.
//!
//! Every case's wall time is printed (`cargo test --test corpus -- --nocapture`).
//! Re-bless the snapshots with `BLESS=1 cargo test --test corpus`; a snapshot
//! is only written for a case that exits as expected.

mod common;

use std::fs::File;
use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::TempDir;

/// A generous bound for the debug build; release builds should take well
/// under a second per case.
const TIME_LIMIT: Duration = Duration::from_secs(20);

/// One committed input and what `resume check` must do with it.
struct Case {
    /// `tests/corpus/{name}.toml`, snapshot `tests/corpus/{name}.stderr`.
    name: &'static str,
    /// Arguments after `check {name}.toml`.
    args: &'static [&'static str],
    /// Environment variables to set (`SOURCE_DATE_EPOCH` for PDF/A).
    env: &'static [(&'static str, &'static str)],
    /// The exit code: 1 for bad input, 0 for input that compiles (maybe with warnings).
    code: i32,
    /// Phrases stderr must contain, on top of the snapshot.
    expect: &'static [&'static str],
    /// Files written beside the TOML (name and bytes).
    files: &'static [(&'static str, &'static [u8])],
}

/// Bad input: exit code 1.
const fn bad(name: &'static str) -> Case {
    Case {
        name,
        args: &[],
        env: &[],
        code: 1,
        expect: &[],
        files: &[],
    }
}

/// Input that compiles, perhaps with warnings: exit code 0.
const fn good(name: &'static str) -> Case {
    Case {
        name,
        args: &[],
        env: &[],
        code: 0,
        expect: &[],
        files: &[],
    }
}

const CASES: &[Case] = &[
    // TOML syntax.
    bad("syntax-unclosed-string"),
    bad("syntax-missing-equals"),
    bad("syntax-unclosed-table-header"),
    bad("syntax-invalid-escape"),
    bad("syntax-surrogate-escape"),
    bad("syntax-bare-value"),
    bad("syntax-unclosed-array"),
    bad("syntax-unclosed-inline-table"),
    bad("syntax-bad-number"),
    bad("syntax-raw-control-char"),
    bad("syntax-eof-in-header"),
    // Wrong types, from the top level down.
    bad("type-top-sections-string"),
    bad("type-top-person-string"),
    bad("type-person-name-integer"),
    bad("type-links-table"),
    bad("type-theme-justify-string"),
    bad("type-entry-as-string"),
    bad("type-entry-dates-integer"),
    bad("type-bullet-priority-string"),
    bad("type-priority-negative"),
    bad("type-priority-huge"),
    bad("type-skills-items-array"),
    bad("type-variant-include-string"),
    // Unknown keys at every level.
    bad("unknown-key-top"),
    bad("unknown-key-person"),
    bad("unknown-key-links"),
    bad("unknown-key-theme"),
    bad("unknown-key-fit"),
    bad("unknown-key-section"),
    bad("unknown-key-entry"),
    bad("unknown-key-bullet-table"),
    bad("unknown-key-skills-row"),
    bad("unknown-key-dates"),
    bad("unknown-key-variant"),
    bad("unknown-key-variant-theme"),
    bad("unknown-key-variant-override"),
    // Nothing there.
    bad("empty"),
    bad("whitespace-only"),
    bad("comment-only"),
    // Bytes: encodings, byte-order mark, line endings.
    bad("not-utf8"),
    bad("utf16"),
    bad("bom-with-error"),
    good("bom-valid"),
    bad("crlf-errors"),
    bad("crlf-syntax-error"),
    bad("tab-indent-error"),
    bad("error-at-eof-no-newline"),
    bad("multiline-string-error"),
    // Inline markup.
    bad("markup-unclosed-bold"),
    bad("markup-unclosed-italic"),
    bad("markup-unclosed-code"),
    Case {
        // `[label](url` and `[x](` with no `)`: markup is strict about
        // unclosed delimiters.
        expect: &["link"],
        ..bad("markup-unclosed-link")
    },
    bad("markup-wrongly-nested"),
    bad("markup-empty-and-lone"),
    // Tables of translations.
    bad("translation-odd-tables"),
    Case {
        expect: &["unknown field `txt`"],
        ..bad("translation-bullets")
    },
    Case {
        expect: &[
            "unknown language `english`",
            "this table has no translation",
        ],
        ..bad("translation-empty-and-bad-keys")
    },
    Case {
        args: &["--variant", "de"],
        expect: &["has no `de-AT` translation"],
        ..good("translation-fallback")
    },
    // Variants: checked when the variant is built.
    Case {
        args: &["--variant", "backend-sans"],
        ..bad("variant-unknown-extends")
    },
    Case {
        args: &["--variant", "a"],
        ..bad("variant-extends-cycle")
    },
    Case {
        args: &["--variant", "backend"],
        ..bad("variant-tag-typo")
    },
    Case {
        args: &["--variant", "short"],
        ..bad("variant-unknown-section")
    },
    Case {
        args: &["--variant", "short"],
        ..bad("variant-override-unknown-id")
    },
    // Dates.
    bad("date-month-13"),
    bad("date-single-digit-month"),
    bad("date-start-after-end"),
    bad("date-empty"),
    bad("date-odd-forms"),
    // The person and the sections.
    bad("missing-person"),
    bad("missing-name"),
    bad("empty-name"),
    Case {
        // Only spaces, a no-break space and a zero-width space: nothing prints.
        expect: &["the name is empty"],
        ..bad("blank-name")
    },
    bad("section-no-content"),
    bad("section-two-kinds"),
    bad("priority-zero"),
    bad("duplicate-key"),
    bad("duplicate-table"),
    bad("duplicate-inline-key"),
    bad("duplicate-ids"),
    bad("hostile-contact"),
    bad("hostile-links"),
    // Text the fonts may not have.
    Case {
        // NUL, BEL, ESC, BS and DEL would print as the blank `.notdef` glyph.
        expect: &["U+0000", "U+0007"],
        ..bad("control-chars")
    },
    good("control-breaks"),
    good("rtl-text"),
    good("bidi-controls"),
    good("emoji"),
    good("no-font-chars"),
    good("combining-marks"),
    good("long-token"),
    good("long-url"),
    bad("long-field"),
    // Validation gaps.
    bad("email-query-injection"),
    bad("email-at-only"),
    Case {
        // A link with the letters dialled needs the digits; the contact
        // line's vanity number is dialled by its keypad digits.
        expect: &["tel:18003569377", "`18003569377`"],
        ..bad("phone-letters")
    },
    Case {
        expect: &["the words in the number are not dialled"],
        ..good("phone-extension")
    },
    bad("link-https-no-host"),
    bad("link-https-javascript"),
    bad("link-tel-letters"),
    bad("lang-malformed"),
    bad("variant-section-twice"),
    Case {
        args: &["--variant", "web"],
        expect: &[
            "leaves section `Research` empty",
            "leaves section `Skills` empty",
        ],
        ..good("variant-empty-section")
    },
    bad("variant-output-nul"),
    Case {
        // A tab has no glyph; PDF/A-2b forbids the `.notdef` glyph.
        args: &["--pdf-standard", "a-2b"],
        env: &[("SOURCE_DATE_EPOCH", "1700000000")],
        ..good("text-tab-a2b")
    },
    Case {
        expect: &["280 are left out"],
        ..good("combining-marks-many")
    },
    Case {
        expect: &["dotted-key-deep.toml:3:"],
        ..bad("dotted-key-deep")
    },
    // Several pages.
    bad("fit-pages-zero"),
    bad("fit-pages-negative"),
    Case {
        name: "fit-pages-variant",
        args: &["--all"],
        code: 1,
        expect: &["variants.long.fit.pages"],
        env: &[],
        files: &[],
    },
    Case {
        name: "fit-pages-overflow",
        args: &[],
        code: 1,
        expect: &["overflows page 2 by", "`[fit] pages = 3`"],
        env: &[],
        files: &[],
    },
    // The cut plan.
    Case {
        expect: &[
            "cut plan: drop bullet 8 of entry \"Staff Engineer\" (line 27)",
            "drops exactly these 11 item(s)",
        ],
        ..bad("cut-plan")
    },
    Case {
        expect: &["nothing can be dropped"],
        ..bad("cut-plan-nothing")
    },
    Case {
        expect: &["even dropping all 3 droppable item(s) would not make it fit"],
        ..bad("cut-plan-not-enough")
    },
    Case {
        expect: &["trimming dropped all 3 droppable item(s) and it still overflows"],
        ..bad("cut-plan-trim-not-enough")
    },
    // Locales.
    bad("lang-unknown"),
    Case {
        expect: &["did you mean `ja`?"],
        ..bad("lang-country-code")
    },
    Case {
        expect: &["variants.german.lang", "did you mean `de`?"],
        ..bad("lang-variant-unknown")
    },
    bad("locale-bad"),
    bad("locale-variant-bad"),
    bad("locale-page-bad"),
    Case {
        expect: &["no hyphenation patterns for language `vi`"],
        ..good("lang-no-patterns")
    },
    // Themes.
    Case {
        expect: &["did you mean `accent`?"],
        ..bad("theme-key-misspelt")
    },
    Case {
        expect: &["did you mean `garamond`?"],
        ..bad("theme-unknown-name")
    },
    bad("theme-bad-colour"),
    Case {
        expect: &["did you mean `rtl`?"],
        ..bad("theme-direction-unknown")
    },
    Case {
        expect: &["Brand-Regular.ttf", "Brand-Bold.ttf"],
        ..bad("theme-missing-font-file")
    },
    bad("theme-file-missing"),
    Case {
        expect: &["did you mean `eb-garamond`?"],
        ..bad("theme-unknown-family")
    },
    bad("theme-extends-in-resume"),
    bad("theme-size-out-of-range"),
    bad("theme-bullet-private-use"),
    Case {
        expect: &["did you mean `moderncv`?"],
        ..bad("theme-variant-unknown-name")
    },
    // Fonts and bounded work.
    bad("fallback-named-twice"),
    Case {
        expect: &["error: and 10 more errors", "only the first 50 are shown"],
        ..bad("many-duplicate-keys")
    },
    Case {
        expect: &["error: and 10 more errors"],
        ..bad("many-bad-values")
    },
    Case {
        expect: &["error: and 10 more errors"],
        ..bad("many-content-errors")
    },
    Case {
        // The report shows twenty warnings of a document, then counts the rest.
        expect: &["... and 40 more warnings (`--format json` lists every one)"],
        ..good("many-warnings")
    },
    // Contact-line icons and the photo.
    Case {
        expect: &["did you mean `github`?"],
        ..bad("icon-unknown-name")
    },
    bad("photo-missing"),
    Case {
        files: &[("me.jpg", include_bytes!("fixtures/photo/truncated.jpg"))],
        ..bad("photo-corrupt")
    },
    Case {
        files: &[("me.jpg", include_bytes!("fixtures/photo/tiny.gif"))],
        expect: &["GIF"],
        ..bad("photo-unsupported")
    },
    Case {
        files: &[("me.png", include_bytes!("fixtures/photo/huge.png"))],
        expect: &["megapixels"],
        ..bad("photo-huge")
    },
    Case {
        files: &[("me.jpg", include_bytes!("fixtures/photo/portrait.jpg"))],
        expect: &["no photo slot"],
        ..good("photo-no-slot")
    },
];

/// What one run of the binary did.
struct Run {
    status: Option<ExitStatus>,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    fn code(&self) -> Option<i32> {
        self.status.and_then(|s| s.code())
    }

    /// How the process ended, in words.
    fn ending(&self) -> String {
        match (self.status, self.code()) {
            (None, _) => format!("did not finish within {} s (killed)", TIME_LIMIT.as_secs()),
            (Some(_), Some(code)) => format!("exit {code}"),
            (Some(status), None) => format!("killed by a signal ({status})"),
        }
    }
}

/// Write `bytes` as `{name}.toml` into a fresh directory and run
/// `resume check {name}.toml ARGS --no-system-fonts` there with `env` set,
/// killing it after
/// [`TIME_LIMIT`].
fn run(name: &str, bytes: &[u8], args: &[&str], env: &[(&str, &str)]) -> Run {
    run_with(name, bytes, args, env, &[])
}

/// [`run`] with `files` written beside the TOML.
fn run_with(
    name: &str,
    bytes: &[u8],
    args: &[&str],
    env: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> Run {
    let dir = TempDir::new(&format!("corpus-{name}"));
    for (file, data) in files {
        std::fs::write(dir.path().join(file), data).expect("write a file beside the input");
    }
    let file = format!("{name}.toml");
    std::fs::write(dir.path().join(&file), bytes).expect("write the input");
    let out = File::create(dir.path().join("out.txt")).expect("stdout file");
    let err_path = dir.path().join("err.txt");
    let err = File::create(&err_path).expect("stderr file");
    let start = Instant::now();
    let mut child = common::bin()
        .current_dir(dir.path())
        .arg("check")
        .arg(&file)
        .args(args)
        // The snapshots must not depend on the machine's installed fonts.
        .arg("--no-system-fonts")
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .expect("run resume");
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for resume") {
            break Some(status);
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    let stderr =
        String::from_utf8_lossy(&std::fs::read(&err_path).unwrap_or_default()).into_owned();
    Run {
        status,
        stderr,
        elapsed,
    }
}

/// The first lines of `text`, for failure messages.
fn head(text: &str) -> String {
    const LINES: usize = 30;
    if text.is_empty() {
        return "(empty)\n".to_owned();
    }
    let mut out: String = text
        .lines()
        .take(LINES)
        .map(|l| {
            let mut l: String = l.chars().take(200).collect();
            l.push('\n');
            l
        })
        .collect();
    if text.lines().count() > LINES {
        out.push_str("…\n");
    }
    out
}

/// Problems common to every case: a panic, a crash, a timeout, a wrong exit code.
fn check_run(run: &Run, code: i32) -> Vec<String> {
    let mut problems = Vec::new();
    if run.stderr.contains("panicked") || run.code() == Some(101) {
        problems.push(format!(
            "panicked ({}):\n{}",
            run.ending(),
            head(&run.stderr)
        ));
    } else if run.code() != Some(code) {
        problems.push(format!(
            "{}, expected exit {code}; stderr:\n{}",
            run.ending(),
            head(&run.stderr)
        ));
    }
    problems
}

/// Compare `actual` with the snapshot at `path` (write it under `BLESS`).
fn snapshot(path: &Path, actual: &str) -> Result<(), String> {
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(path, actual)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        return Ok(());
    }
    let Ok(expected) = std::fs::read_to_string(path) else {
        return Err(format!(
            "missing snapshot {}; run with BLESS=1; stderr:\n{}",
            path.display(),
            head(actual)
        ));
    };
    if expected == actual {
        return Ok(());
    }
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let first = (0..e.len().max(a.len()))
        .find(|&i| e.get(i) != a.get(i))
        .unwrap_or(0);
    Err(format!(
        "stderr differs from {} from line {}; re-bless with BLESS=1 if intended:\n  - {}\n  + {}",
        path.display(),
        first + 1,
        e.get(first).unwrap_or(&"<end>"),
        a.get(first).unwrap_or(&"<end>"),
    ))
}

/// Run one committed case; returns its run and every problem found.
fn check_case(case: &Case) -> (Run, Vec<String>) {
    let dir = common::root().join("tests/corpus");
    let bytes = std::fs::read(dir.join(format!("{}.toml", case.name))).expect("corpus file");
    let run = run_with(case.name, &bytes, case.args, case.env, case.files);
    let mut problems = check_run(&run, case.code);
    let missing: Vec<&str> = case
        .expect
        .iter()
        .copied()
        .filter(|phrase| !run.stderr.contains(phrase))
        .collect();
    if !missing.is_empty() {
        problems.push(format!(
            "stderr lacks {missing:?}; stderr:\n{}",
            head(&run.stderr)
        ));
    }
    if problems.is_empty()
        && let Err(e) = snapshot(&dir.join(format!("{}.stderr", case.name)), &run.stderr)
    {
        problems.push(e);
    }
    (run, problems)
}

#[test]
fn corpus() {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Run, Vec<String>)>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(case) = CASES.get(i) else { break };
                    let (run, problems) = check_case(case);
                    results.lock().unwrap().push((i, run, problems));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(i, ..)| *i);
    let mut failures = Vec::new();
    for (i, run, problems) in &results {
        let case = &CASES[*i];
        eprintln!(
            "corpus {:<32} {:<10} {:>9.1} ms{}",
            case.name,
            run.ending(),
            run.elapsed.as_secs_f64() * 1000.0,
            if problems.is_empty() { "" } else { "  FAILED" }
        );
        for p in problems {
            failures.push(format!("{}: {p}", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus cases failed:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_corpus_file_is_a_case() {
    let dir = common::root().join("tests/corpus");
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/corpus") {
        let path = entry.expect("dir entry").path();
        let (Some(stem), Some(ext)) = (
            path.file_stem().and_then(|s| s.to_str()),
            path.extension().and_then(|s| s.to_str()),
        ) else {
            continue;
        };
        let known = CASES.iter().any(|c| c.name == stem);
        match ext {
            "toml" if !known => problems.push(format!("{stem}.toml has no entry in CASES")),
            "stderr" if !known => problems.push(format!("{stem}.stderr has no entry in CASES")),
            _ => {}
        }
    }
    for case in CASES {
        if !dir.join(format!("{}.toml", case.name)).is_file() {
            problems.push(format!("{}.toml is missing", case.name));
        }
        if CASES.iter().filter(|c| c.name == case.name).count() > 1 {
            problems.push(format!("{} is listed twice", case.name));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(CASES.len() >= 40, "the corpus has {} cases", CASES.len());
}

/// Run a generated input: exit 1, no panic, within the time limit, an
/// error located in the file, and one of `phrases` in stderr.
fn generated(name: &str, bytes: &[u8], phrases: &[&str]) -> Run {
    generated_with(name, bytes, &[], 1, phrases)
}

/// [`generated`] with arguments after `check {name}.toml` and another exit
/// code (0: `phrases` may be empty; 1: the first line is a located error).
fn generated_with(name: &str, bytes: &[u8], args: &[&str], code: i32, phrases: &[&str]) -> Run {
    // One big input at a time, so that their timings do not add up.
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let run = run(name, bytes, args, &[]);
    drop(guard);
    eprintln!(
        "corpus {name:<32} {:<10} {:>9.1} ms ({} KiB input)",
        run.ending(),
        run.elapsed.as_secs_f64() * 1000.0,
        bytes.len() / 1024
    );
    let mut problems = check_run(&run, code);
    if problems.is_empty() && code == 1 {
        if !run.stderr.starts_with("error: ") {
            problems.push(format!(
                "stderr does not start with an error:\n{}",
                head(&run.stderr)
            ));
        }
        if !run.stderr.contains(&format!("{name}.toml")) {
            problems.push(format!(
                "stderr does not name {name}.toml:\n{}",
                head(&run.stderr)
            ));
        }
    }
    if problems.is_empty() && !phrases.is_empty() && !phrases.iter().any(|p| run.stderr.contains(p))
    {
        problems.push(format!(
            "stderr has none of {phrases:?}:\n{}",
            head(&run.stderr)
        ));
    }
    assert!(problems.is_empty(), "{name}: {}", problems.join("\n"));
    run
}

/// `[person]` and one entry, ready for `bullets = ...`.
const ENTRY: &str = "[person]\nname = \"Ada Example\"\n\n[[sections]]\ntitle = \"Experience\"\n\n\
                     [[sections.entries]]\ntitle = \"Engineer\"\n";

/// Words cycling through a short list until `bytes` long.
fn words(bytes: usize) -> String {
    const WORDS: [&str; 8] = [
        "designed",
        "an",
        "event-driven",
        "system",
        "processing",
        "10K+",
        "events",
        "daily",
    ];
    let mut out = String::with_capacity(bytes + 16);
    for w in WORDS.iter().cycle() {
        if out.len() >= bytes {
            break;
        }
        out.push_str(w);
        out.push(' ');
    }
    out
}

#[test]
fn huge_bullet() {
    // 10 MB of words in one bullet.
    let text = format!("{ENTRY}bullets = [\"{}\"]\n", words(10 << 20));
    generated(
        "huge-bullet",
        text.as_bytes(),
        &["limit", "overflows the page"],
    );
}

#[test]
fn many_bullets() {
    let bullets: String = (0..100_000)
        .map(|i| format!("  \"Bullet number {i}\",\n"))
        .collect();
    let text = format!("{ENTRY}bullets = [\n{bullets}]\n");
    generated(
        "many-bullets",
        text.as_bytes(),
        &["limit", "overflows the page"],
    );
}

#[test]
fn many_entries() {
    // Twice the item limit, in a small file.
    let entries: String = (0..2 * resume::limits::MAX_ITEMS)
        .map(|i| format!("[[sections.entries]]\ntitle = \"J{i}\"\n"))
        .collect();
    let text = format!(
        "[person]\nname = \"Ada Example\"\n\n[[sections]]\ntitle = \"Experience\"\n\n{entries}"
    );
    generated(
        "many-entries",
        text.as_bytes(),
        &["limit", "overflows the page"],
    );
}

/// Bytes left for content in a file just under the size limit.
const ROOM: usize = resume::limits::MAX_INPUT_BYTES - 1024;

#[test]
fn longest_bullets_within_the_limits() {
    // Bullets as long as a field may be, as many as the file size allows:
    // the most text an accepted file can hold. This times layout at its worst.
    let len = resume::limits::MAX_FIELD_CHARS - 10;
    let count = (ROOM / (len + 6)).min(resume::limits::MAX_ITEMS - 10);
    let bullet = words(len - 16);
    let bullets: String = (0..count)
        .map(|_| format!("  \"{}\",\n", bullet.trim_end()))
        .collect();
    let text = format!("{ENTRY}bullets = [\n{bullets}]\n");
    generated("long-bullets", text.as_bytes(), &["overflows the page"]);
}

#[test]
fn most_bullets_within_the_limits() {
    // As many bullets as the item limit allows, each as long as the file
    // size then allows.
    let count = resume::limits::MAX_ITEMS - 10;
    let bullet = words((ROOM / count).saturating_sub(16).min(400));
    let bullets: String = (0..count)
        .map(|_| format!("  \"{}\",\n", bullet.trim_end()))
        .collect();
    let text = format!("{ENTRY}bullets = [\n{bullets}]\n");
    generated(
        "many-long-bullets",
        text.as_bytes(),
        &["overflows the page"],
    );
}

#[test]
fn many_entries_on_the_most_pages() {
    // 300 entries of two two-line bullets, allowed the most pages: about
    // twenty pages of content, which overflows page 8 after the fitter
    // has tried every page count and every page break preference.
    let bullet = words(200);
    let entries: String = (0..300)
        .map(|i| {
            format!(
                "[[sections.entries]]\ntitle = \"Job {i}\"\nbullets = [\"{0}\", \"{0}\"]\n",
                bullet.trim_end()
            )
        })
        .collect();
    let text = format!(
        "[person]\nname = \"Ada Example\"\n\n[[sections]]\ntitle = \"Experience\"\n\n{entries}"
    );
    let pages = resume::limits::MAX_PAGES.to_string();
    generated_with(
        "pages-most",
        text.as_bytes(),
        &["--pages", &pages],
        1,
        &["overflows page 8 by"],
    );
}

#[test]
fn trimming_many_bullets() {
    // 400 optional bullets and `trim = true`: each dropped bullet costs a
    // whole new fit, one at a time.
    let bullet = words(90);
    let bullets: String = (0..400)
        .map(|_| format!("  {{ text = \"{}\", priority = 3 }},\n", bullet.trim_end()))
        .collect();
    let text = format!("[fit]\ntrim = true\n\n{ENTRY}bullets = [\n{bullets}]\n");
    generated_with("trim-many", text.as_bytes(), &[], 0, &["dropped"]);
}

#[test]
fn a_long_chain_of_variants() {
    // 3,000 variants, each extending the one before (about 100 KB): over
    // the cap on variants, refused before any is resolved.
    let variants: String = (0..3_000)
        .map(|i| match i {
            0 => "[variants.v0]\ninclude = [\"a\"]\n".to_owned(),
            _ => format!("[variants.v{i}]\nextends = \"v{}\"\n", i - 1),
        })
        .collect();
    let text = format!(
        "[person]\nname = \"Ada Example\"\n\n[[sections]]\ntitle = \"Experience\"\n\n\
         [[sections.entries]]\ntitle = \"Engineer\"\ntags = [\"a\"]\nbullets = [\"Shipped\"]\n\n\
         {variants}"
    );
    generated_with(
        "variants-chain",
        text.as_bytes(),
        &["--all"],
        1,
        &["variants; the limit is 64"],
    );
}

#[test]
fn variants_at_the_limits() {
    // As many variants as allowed, in `extends` chains as deep as allowed,
    // every one checked.
    use resume::limits::{MAX_EXTENDS_DEPTH, MAX_VARIANTS};
    let variants: String = (0..MAX_VARIANTS)
        .map(|i| match i % MAX_EXTENDS_DEPTH {
            0 => format!("[variants.v{i}]\ninclude = [\"a\"]\n"),
            _ => format!("[variants.v{i}]\nextends = \"v{}\"\n", i - 1),
        })
        .collect();
    let text = format!(
        "[person]\nname = \"Ada Example\"\n\n[[sections]]\ntitle = \"Experience\"\n\n\
         [[sections.entries]]\ntitle = \"Engineer\"\ntags = [\"a\"]\nbullets = [\"Shipped\"]\n\n\
         {variants}"
    );
    generated_with("variants-limits", text.as_bytes(), &["--all"], 0, &[]);
}

#[test]
fn deeply_nested_arrays() {
    let depth = 10_000;
    let text = format!(
        "[person]\nname = \"Ada Example\"\nx = {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    generated(
        "deep-arrays",
        text.as_bytes(),
        &["recurs", "nested", "deep"],
    );
}

#[test]
fn deeply_nested_unclosed_arrays() {
    let text = format!(
        "[person]\nname = \"Ada Example\"\nx = {}\n",
        "[".repeat(100_000)
    );
    generated(
        "deep-arrays-unclosed",
        text.as_bytes(),
        &["recurs", "nested", "deep"],
    );
}

#[test]
fn deeply_nested_inline_tables() {
    let depth = 10_000;
    let text = format!(
        "[person]\nname = \"Ada Example\"\nx = {}1{}\n",
        "{a=".repeat(depth),
        "}".repeat(depth)
    );
    generated(
        "deep-inline-tables",
        text.as_bytes(),
        &["recurs", "nested", "deep"],
    );
}

#[test]
fn deeply_nested_table_header() {
    let text = format!(
        "[person]\nname = \"Ada Example\"\n\n[{}]\n",
        vec!["a"; 10_000].join(".")
    );
    generated(
        "deep-table-header",
        text.as_bytes(),
        &["recurs", "nested", "deep", "unknown field"],
    );
}

#[test]
fn deeply_nested_dotted_key() {
    let text = format!(
        "[person]\nname = \"Ada Example\"\n{} = 1\n",
        vec!["a"; 10_000].join(".")
    );
    generated(
        "deep-dotted-key",
        text.as_bytes(),
        &["recurs", "nested", "deep", "unknown field"],
    );
}

#[test]
fn one_very_long_line() {
    // A syntax error at the end of a line just under the size limit: the
    // source line shown with the caret must stay short.
    let text = format!(
        "[person]\nname = \"Ada Example\"\nheadline = \"{}\" oops\n",
        "x".repeat(ROOM)
    );
    let run = generated("long-line", text.as_bytes(), &["expected"]);
    assert!(
        run.stderr.len() < 4096,
        "long-line: {} bytes of stderr for one error",
        run.stderr.len()
    );
}

#[test]
fn ten_thousand_duplicate_keys() {
    // Each error used to parse the whole document again to find its field
    // path, and rendering counted lines from the start: quadratic, 15 s in
    // a release build. Now 50 are shown and the rest counted.
    let text = format!("[person]\n{}", "name = \"Ada\"\n".repeat(10_000));
    let run = generated("dup-keys-10k", text.as_bytes(), &["and 9949 more errors"]);
    assert_eq!(run.stderr.matches("error: duplicate key").count(), 50);
}

#[test]
fn ten_thousand_bad_values() {
    let values: String = (0..10_000).map(|i| format!("k{i} = @\n")).collect();
    let text = format!("[person]\nname = \"Ada\"\n{values}");
    let run = generated("bad-values-10k", text.as_bytes(), &["and 9950 more errors"]);
    assert_eq!(run.stderr.matches("error: ").count(), 51);
}
