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
    assert!(laid.overflow().is_none());
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
        assert_eq!(a.pages[0].dump(), b.pages[0].dump());
        assert_eq!(a.fit, b.fit);
    }
}

/// A half-empty page is spread within the theme's limits, never past the page end.
#[test]
fn a_short_resume_is_spread_without_overflowing() {
    let source = std::fs::read_to_string(common::root().join("examples/new-grad.toml")).unwrap();
    let laid = common::lay_out(&source).unwrap();
    assert!(laid.overflow().is_none());
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
        let Some(overflow) = laid.pages[0].overflow.clone() else {
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

/// The corpus's overflowing résumé with the usual sections.
fn cut_plan_source() -> String {
    std::fs::read_to_string(common::root().join("tests/corpus/cut-plan.toml")).unwrap()
}

/// The overflow error's cut plan is the marked bullet, then unmarked items
/// in the conventional order; `--trim` drops exactly those and fits, and
/// `Session::cut_plan` gives the same plan as data.
#[test]
fn trim_drops_exactly_the_cut_plan_and_fits() {
    let source = cut_plan_source();
    let failure = common::compile_with(&source, Options::default()).unwrap_err();
    let plan = failure.cut_plan.expect("the overflow carries a plan");
    assert!(plan.fits);
    assert_eq!(plan.target, resume::CutTarget::Tightest);
    let what: Vec<&str> = plan.items.iter().map(|t| t.what.as_str()).collect();
    assert_eq!(
        what[..6],
        [
            "bullet 8 of entry \"Staff Engineer\"",
            "section \"References\"",
            "section \"Interests\"",
            "section \"Languages\"",
            "entry \"Treasurer\"",
            "entry \"Organiser\"",
        ]
    );
    assert_eq!(plan.items[0].priority, Some(2));
    assert!(plan.items[1..].iter().all(|t| t.priority.is_none()));

    let session = resume::Session::new(source.as_str(), Options::default()).unwrap();
    let as_data = session.cut_plan(None, resume::CutTarget::Tightest).unwrap();
    assert_eq!(as_data, *plan);

    let options = Options {
        trim: true,
        ..Options::default()
    };
    let out = common::compile_with(&source, options).unwrap();
    assert!(out.laid.overflow().is_none());
    assert_eq!(out.laid.fit.trimmed, plan.items);
    let dropped: Vec<String> = out
        .laid
        .warnings
        .iter()
        .filter_map(|w| {
            w.message
                .strip_prefix("dropped ")?
                .strip_suffix(" to fit the page")
        })
        .map(str::to_owned)
        .collect();
    assert_eq!(dropped, what, "each drop is reported, in order");
    let words = out.laid.document.words().join(" ");
    for gone in ["References", "Interests", "Treasurer"] {
        assert!(!words.contains(gone), "{gone}");
    }
    let marked = "two now leading teams";
    assert_eq!(
        words.matches(marked).count() + 1,
        source.matches(marked).count(),
        "the marked bullet went"
    );
    for kept in ["Staff Engineer", "Mentor", "Open-source queue", "(7)"] {
        assert!(words.contains(kept), "{kept}");
    }
    // One item fewer does not fit: the plan is the shortest prefix.
    let mut shorter = source.clone();
    let at = shorter.find("[[sections]]\ntitle = \"Languages\"").unwrap();
    shorter.truncate(at);
    let failure = common::compile_with(&shorter, Options::default()).unwrap_err();
    let rest = failure.cut_plan.unwrap();
    assert_eq!(rest.items.len(), plan.items.len() - 3, "{:?}", rest.items);
}

/// `check --suggest`: the plan of an overflowing page, what to cut for a
/// page that fits only by tightening, and nothing for a page that fits.
#[test]
fn check_suggest_prints_what_to_cut() {
    let dir = common::TempDir::new("fit-suggest");
    dir.write("cv.toml", cut_plan_source());
    let (code, stdout, stderr) = common::run_in(dir.path(), &["check", "--suggest", "cv.toml"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("cut plan: drop section \"References\" (line 175)"));
    common::assert_snapshot(
        &common::root().join("tests/fixtures/fit/cut-plan.suggest.stdout"),
        &stdout,
    );

    dir.write("few.toml", read("overflow-few-lines.toml"));
    let (code, stdout, _) = common::run_in(dir.path(), &["check", "--suggest", "few.toml"]);
    assert_eq!(code, 0);
    let plan = stdout
        .lines()
        .find(|l| l.starts_with("cut plan:"))
        .unwrap_or_default();
    assert!(
        plan.contains("item(s) to fit at the preferred setting, without tightening:"),
        "{stdout}"
    );
    let session =
        resume::Session::new(read("overflow-few-lines.toml"), Options::default()).unwrap();
    let preferred = session
        .cut_plan(None, resume::CutTarget::Preferred)
        .unwrap();
    assert!(preferred.fits && !preferred.items.is_empty());
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("  drop ")).count(),
        preferred.items.len()
    );
    // At the tightest setting it fits: nothing to cut for --trim.
    let tightest = session.cut_plan(None, resume::CutTarget::Tightest).unwrap();
    assert!(tightest.fits && tightest.items.is_empty());

    let grad = std::fs::read_to_string(common::root().join("examples/new-grad.toml")).unwrap();
    dir.write("grad.toml", grad);
    let (code, stdout, _) = common::run_in(dir.path(), &["check", "--suggest", "grad.toml"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("cut plan: nothing needs cutting; grad.toml fits at the preferred setting"),
        "{stdout}"
    );
    // Without --suggest, a page that fits prints no plan.
    let (_, stdout, _) = common::run_in(dir.path(), &["check", "few.toml"]);
    assert!(!stdout.contains("cut plan"), "{stdout}");
}

/// `--format json` carries the cut plan as data: what, priority (null
/// when unmarked) and location of each item, whether it fits, and at
/// which setting.
#[test]
fn the_cut_plan_in_json() {
    let dir = common::TempDir::new("fit-plan-json");
    dir.write("cv.toml", cut_plan_source());
    let (code, stdout, _) = common::run_in(dir.path(), &["check", "--format", "json", "cv.toml"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["cut_plan_fits"], true);
    assert_eq!(report["cut_plan_setting"], "tightest");
    let items = report["cut_plan"].as_array().unwrap();
    assert_eq!(items.len(), 11);
    assert_eq!(
        items[0],
        serde_json::json!({
            "what": "bullet 8 of entry \"Staff Engineer\"",
            "priority": 2,
            "location": { "line": 27, "column": 3 },
        })
    );
    assert_eq!(items[1]["what"], "section \"References\"");
    assert_eq!(items[1]["priority"], serde_json::Value::Null);
    assert_eq!(items[1]["location"]["line"], 175);

    // With --trim it builds, and the fit report's `trimmed` holds the same items.
    let (code, stdout, _) = common::run_in(
        dir.path(),
        &["check", "--format", "json", "--trim", "cv.toml"],
    );
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["fit"]["trimmed"].as_array().unwrap(), items);
    assert!(
        report.get("cut_plan").is_none(),
        "no plan without --suggest"
    );

    // --suggest on a page that fits only by tightening: the preferred plan.
    dir.write("few.toml", read("overflow-few-lines.toml"));
    let (code, stdout, _) = common::run_in(
        dir.path(),
        &["check", "--format", "json", "--suggest", "few.toml"],
    );
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["cut_plan_setting"], "preferred");
    assert_eq!(report["cut_plan_fits"], true);
    assert!(!report["cut_plan"].as_array().unwrap().is_empty());
}
