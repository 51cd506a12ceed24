//! Fitting the content to exactly one page: tightening, spreading,
//! trimming, and the report.

mod common;

use resume::Options;

fn read(name: &str) -> String {
    std::fs::read_to_string(common::root().join("tests/fixtures/fit").join(name)).unwrap()
}

/// Content a few lines too long at the preferred setting fits after
/// tightening, within the theme's limits, and the report says how.
#[test]
fn a_few_lines_too_long_fits_after_tightening() {
    let source = read("overflow-few-lines.toml");
    let laid = common::lay_out(&source).unwrap();
    assert!(laid.page.overflow.is_none());
    let fit = &laid.fit;
    assert!(fit.spacing < 1.0, "spacing was tightened: {fit:?}");
    assert!(fit.spacing >= laid.theme.limits.spacing_min - 1e-9);
    assert!(
        fit.fill > 0.97 && fit.fill <= 1.0,
        "the page is full: {fit:?}"
    );
    assert!(fit.trimmed.is_empty());
}

/// The fitter needs at most 12 layout passes, and the same input always
/// gives the same page.
#[test]
fn fitting_is_bounded_and_deterministic() {
    let mut sources = vec![
        read("overflow-few-lines.toml"),
        read("cannot-fit.toml"),
        read("trim.toml"),
    ];
    for file in [
        "resume.toml",
        "examples/new-grad.toml",
        "examples/staff-engineer.toml",
    ] {
        sources.push(std::fs::read_to_string(common::root().join(file)).unwrap());
    }
    for source in &sources {
        let a = common::lay_out(source).unwrap();
        let b = common::lay_out(source).unwrap();
        assert!(a.fit.passes <= 12, "{} passes", a.fit.passes);
        assert_eq!(a.page.dump(), b.page.dump());
        assert_eq!(a.fit, b.fit);
    }
}

/// A half-empty page is spread within the theme's limits, never past the page end.
#[test]
fn a_short_resume_is_spread_without_overflowing() {
    let source = std::fs::read_to_string(common::root().join("examples/new-grad.toml")).unwrap();
    let laid = common::lay_out(&source).unwrap();
    assert!(laid.page.overflow.is_none());
    assert!(laid.fit.spacing > 1.0, "{:?}", laid.fit);
    assert!(laid.fit.spacing <= laid.theme.limits.spacing_max + 1e-9);
    assert!(laid.fit.leading <= laid.theme.limits.leading_max + 1e-9);
    assert!(laid.fit.fill <= 1.0);

    // Switched off, the page keeps the preferred setting.
    let off = source.replacen("[theme]", "[fit]\nspread = false\n\n[theme]", 1);
    let laid = common::lay_out(&off).unwrap();
    assert_eq!(laid.fit.spacing, 1.0);
    assert!(laid.fit.fill < 0.8);
}

/// Content that no setting fits fails with the overflow in points and
/// lines, the first entry off the page, every entry past the end, and a hint.
#[test]
fn content_that_cannot_fit_is_an_error_saying_by_how_much_and_where() {
    let source = read("cannot-fit.toml");
    let failure = common::compile_with(&source, Options::default()).unwrap_err();
    let error = failure.diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert!(error.message.contains("overflows the page by"), "{error:?}");
    assert!(error.message.contains(" pt (about "), "{error:?}");
    assert!(error.message.contains("at the tightest setting"));
    assert!(
        error.hints[0].contains("entry \"Engineer "),
        "{:?}",
        error.hints
    );
    assert!(
        error
            .hints
            .iter()
            .any(|h| h.contains("(line ") && h.contains("runs past the page end"))
    );
    let (line, _) = resume::diag::line_col(&source, error.span.clone().unwrap().start);
    assert!(
        source
            .lines()
            .nth(line - 1)
            .unwrap()
            .contains("[[sections.entries]]")
    );
    let fit = failure.fit.unwrap();
    assert!(fit.fill > 1.0);
    assert_eq!(
        fit.body_size,
        resume::units::Pt(9.0),
        "reported at the tightest setting"
    );
}

/// Without trimming nothing is dropped and the error ends with the cut
/// plan; with it, the lowest-priority bullets go first, last of equals
/// first, each reported, until it fits: exactly the planned items.
#[test]
fn trimming_drops_lowest_priority_items_last_first() {
    let source = read("trim.toml");
    let failure = common::compile_with(&source, Options::default()).unwrap_err();
    let error = failure.diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert!(
        error
            .hints
            .iter()
            .any(|h| h.contains("--trim") && h.contains("drops exactly these"))
    );
    let plan = failure.cut_plan.expect("an overflow carries its cut plan");
    assert!(plan.fits && !plan.items.is_empty());
    let planned = error
        .hints
        .iter()
        .filter(|h| h.starts_with("cut plan: drop "))
        .count();
    assert_eq!(planned, plan.items.len(), "{:?}", error.hints);

    let options = Options {
        trim: true,
        ..Options::default()
    };
    let out = common::compile_with(&source, options).unwrap();
    let trimmed: Vec<&str> = out
        .laid
        .fit
        .trimmed
        .iter()
        .map(|t| t.what.as_str())
        .collect();
    assert!(!trimmed.is_empty());
    for (i, what) in trimmed.iter().enumerate() {
        // Priority-3 bullets (the 6th of each job) go first, from the last job up.
        assert_eq!(*what, format!("bullet 6 of entry \"Engineer {}\"", 11 - i));
    }
    assert!(out.laid.fit.trimmed.iter().all(|t| t.priority == Some(3)));
    assert_eq!(out.laid.fit.trimmed, plan.items, "--trim drops the plan");
    let dropped: Vec<&resume::diag::Diagnostic> = out
        .laid
        .warnings
        .iter()
        .filter(|w| w.message.starts_with("dropped "))
        .collect();
    assert_eq!(dropped.len(), trimmed.len());
    assert!(dropped.iter().all(|d| d.span.is_some()));
    // The PDF holds exactly the words that are left.
    let words = out.laid.document.words().join(" ");
    assert!(!words.contains("Bullet 6 of job 11:"));
    assert!(words.contains("Bullet 6 of job 1:"));

    // `[fit] trim = true` in the TOML does the same.
    let in_toml = format!("[fit]\ntrim = true\n\n{source}");
    let out2 = common::compile_with(&in_toml, Options::default()).unwrap();
    assert_eq!(out2.laid.fit.trimmed.len(), trimmed.len());
}

/// A section heading or an entry title never ends the page alone: when
/// its content falls off, the report names the heading or the title.
#[test]
fn headings_and_titles_are_kept_with_what_follows() {
    let mut saw_heading = false;
    let mut saw_overflow = false;
    for filler in 0..40 {
        let mut source = String::from(
            "[person]\nname = \"Ada Example\"\n\n[[sections]]\ntitle = \"Experience\"\n\n[[sections.entries]]\ntitle = \"Engineer\"\nbullets = [\n",
        );
        for i in 0..filler + 60 {
            source.push_str(&format!(
                "  \"Filler bullet {i} that takes exactly one line on the page\",\n"
            ));
        }
        source.push_str("]\n\n[[sections]]\ntitle = \"Projects\"\n\n[[sections.entries]]\ntitle = \"Side project\"\nsubtitle = \"Weekend work\"\nbullets = [\"A project\"]\n");
        let laid = common::lay_out(&source).unwrap();
        let Some(overflow) = laid.page.overflow else {
            continue;
        };
        saw_overflow = true;
        assert!(
            !overflow.first.starts_with("bullet 1 of"),
            "a first bullet is never separated from its entry title: {overflow:?}"
        );
        saw_heading |= overflow.first == "section \"Projects\"";
    }
    assert!(
        saw_overflow && saw_heading,
        "the sweep reaches a heading at the page end"
    );
}

/// `resume check --format json` prints one object with the fit report.
#[test]
fn check_reports_the_fit_as_json() {
    let dir = std::env::temp_dir().join(format!("resume-fit-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("cv.toml");
    std::fs::write(&input, read("overflow-few-lines.toml")).unwrap();
    let out = common::bin()
        .args(["check", "--format", "json"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.trim().lines().count(),
        1,
        "one JSON object: {stdout}"
    );
    for key in [
        "\"fit\":",
        "\"body_size_pt\":10.0",
        "\"spacing\":",
        "\"fill\":",
        "\"trimmed\":[]",
        "\"ok\":true",
    ] {
        assert!(stdout.contains(key), "{key} in {stdout}");
    }
    std::fs::write(&input, read("cannot-fit.toml")).unwrap();
    let out = common::bin()
        .args(["build", "--format", "json"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("\"ok\":false") && stdout.contains("overflows the page by"));
    assert!(!dir.join("cv.pdf").exists(), "no PDF on failure");
    std::fs::remove_dir_all(&dir).unwrap();
}

