//! Layout snapshots: a stable text dump of every placed item, one line each.
//! Re-bless with `BLESS=1 cargo test --test layout`.

mod common;

fn snapshot(fixture: &str, snapshot: &str) {
    snapshot_with(fixture, "", snapshot);
}

/// Snapshot a fixture with extra `[theme]` settings spliced in.
fn snapshot_with(fixture: &str, theme: &str, snapshot: &str) {
    let source = with_theme(&read(fixture), theme);
    let laid = common::lay_out(&source).unwrap_or_else(|d| panic!("{fixture} lays out: {d:?}"));
    // Every page, one after the other (each dump starts with its size).
    let mut dump: String = laid.pages.iter().map(|p| p.dump()).collect();
    for w in &laid.warnings {
        dump.push_str(&format!("warning {}\n", w.message));
    }
    common::assert_snapshot(
        &common::root().join("tests/snapshots").join(snapshot),
        &dump,
    );
}

fn read(fixture: &str) -> String {
    std::fs::read_to_string(common::root().join(fixture)).expect("fixture exists")
}

/// The source with `settings` added to its `[theme]` table (or a new one).
fn with_theme(source: &str, settings: &str) -> String {
    if settings.is_empty() {
        return source.to_owned();
    }
    // A setting the file already makes is replaced, not written twice.
    let keys: Vec<String> = settings
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| format!("{k} = ")))
        .collect();
    let source: String = source
        .lines()
        .filter(|l| !keys.iter().any(|k| l.starts_with(k.as_str())))
        .map(|l| format!("{l}\n"))
        .collect();
    match source.find("[theme]\n") {
        Some(at) => {
            let end = at + "[theme]\n".len();
            format!("{}{settings}\n{}", &source[..end], &source[end..])
        }
        None => format!("[theme]\n{settings}\n\n{source}"),
    }
}

/// Every fixture that must lay out (on one page, or on the pages it allows).
fn fixtures() -> Vec<String> {
    let mut files = vec!["resume.toml".to_owned()];
    for dir in ["examples", "tests/fixtures/layout"] {
        let mut found: Vec<String> = std::fs::read_dir(common::root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .map(|p| format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

#[test]
fn seed_resume() {
    snapshot("resume.toml", "layout-resume.txt");
}

#[test]
fn new_grad_example_in_sans_on_a4() {
    snapshot("examples/new-grad.toml", "layout-new-grad.txt");
}

#[test]
fn staff_engineer_example() {
    snapshot("examples/staff-engineer.toml", "layout-staff-engineer.txt");
}

/// Right to left: the page mirrored, each line's glyphs in visual order.
#[test]
fn arabic_example_right_to_left() {
    snapshot("examples/arabic.toml", "layout-arabic.txt");
}

/// Right to left in the moderncv look: the date column on the right.
#[test]
fn hebrew_example_right_to_left() {
    snapshot("examples/hebrew.toml", "layout-hebrew.txt");
}

/// Two right-to-left pages: the running header of page 2 on the left,
/// the break between pages as on the left-to-right pages.
#[test]
fn academic_cv_right_to_left_on_two_pages() {
    snapshot_with(
        "examples/academic-cv.toml",
        "direction = \"rtl\"",
        "layout-academic-cv-rtl.txt",
    );
}

/// Two pages: the break before an entry, the running header on page 2.
#[test]
fn academic_cv_example_on_two_pages() {
    snapshot("examples/academic-cv.toml", "layout-academic-cv.txt");
}

/// Every example and the seed résumé fit (on one page, or on the pages
/// they allow) without warnings.
#[test]
fn examples_fit_without_warnings() {
    let mut files = vec![common::root().join("resume.toml")];
    for entry in std::fs::read_dir(common::root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    assert!(files.len() >= 3);
    let mut needs_system_fonts = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        // An example in a script no bundled font has is built with the
        // installed system fonts by tests/every_script.rs.
        let session = resume::Session::new(source.as_str(), resume::Options::default()).unwrap();
        if !session.uncovered(&[None], &[]).is_empty() {
            needs_system_fonts.extend(file.file_name().map(|n| n.to_string_lossy().into_owned()));
            continue;
        }
        let out = resume::compile(&source, None)
            .unwrap_or_else(|d| panic!("{} compiles: {d:?}", file.display()));
        assert!(
            out.laid.warnings.is_empty(),
            "{}: {:?}",
            file.display(),
            out.laid.warnings
        );
    }
    assert_eq!(needs_system_fonts, ["japanese.toml"]);
}

#[test]
fn seed_resume_justified() {
    snapshot_with(
        "resume.toml",
        "justify = true",
        "layout-resume-justified.txt",
    );
}

#[test]
fn seed_resume_hyphenated() {
    snapshot_with(
        "resume.toml",
        "hyphenate = true",
        "layout-resume-hyphenated.txt",
    );
}

#[test]
fn seed_resume_justified_and_hyphenated() {
    snapshot_with(
        "resume.toml",
        "justify = true\nhyphenate = true",
        "layout-resume-justified-hyphenated.txt",
    );
}

#[test]
fn overlong_tokens_break_between_characters_with_a_warning() {
    snapshot("tests/fixtures/layout/overlong.toml", "layout-overlong.txt");
    let laid = common::lay_out(&read("tests/fixtures/layout/overlong.toml")).unwrap();
    let messages: Vec<&str> = laid.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].contains("run=full_matrix_results"));
    assert!(messages[1].contains("abstract_singleton_proxy"));
    assert!(messages[2].contains("Donaudampfschifffahrts"));
    assert!(messages.iter().all(|m| m.contains("too long for one line")));
    assert!(laid.warnings.iter().all(|w| w.span.is_some()));
}

#[test]
fn typography_fixture() {
    snapshot(
        "tests/fixtures/layout/typography.toml",
        "layout-typography.txt",
    );
    let laid = common::lay_out(&read("tests/fixtures/layout/typography.toml")).unwrap();
    let text = laid.document.reading_lines().join("\n");
    for expected in [
        "\u{201C}fast path\u{201D}",
        "2019\u{2013}2021",
        "\u{2014}",
        "years\u{2026}",
        "team\u{2019}s",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
}

/// No text item of any fixture, in any mode, ends past the right margin or
/// starts left of the left margin.
#[test]
fn no_line_is_wider_than_its_measure() {
    for fixture in fixtures() {
        for theme in [
            "",
            "justify = true",
            "hyphenate = true",
            "justify = true\nhyphenate = true",
        ] {
            let source = with_theme(&read(&fixture), theme);
            let laid = common::lay_out(&source).unwrap();
            let right = laid.theme.page_width - laid.theme.margin_x;
            for item in laid.pages.iter().flat_map(|p| &p.items) {
                if let resume::layout::frame::Item::Text(t) = item {
                    assert!(
                        (t.x + t.width).get() <= right.get() + 0.01,
                        "{fixture} [{theme}]: {:?} ends at {} past {right}",
                        t.text,
                        t.x + t.width,
                    );
                    assert!(
                        t.x.get() >= laid.theme.margin_x.get() - 0.01,
                        "{fixture}: {:?} starts at {} left of the margin",
                        t.text,
                        t.x
                    );
                }
            }
        }
    }
}

/// No bullet of the seed résumé ends with a single word (or the tail of a
/// hyphenated word, whose text the line before carries) on a line of its own.
#[test]
fn no_bullet_of_the_seed_ends_with_a_lonely_word() {
    for theme in [
        "",
        "justify = true",
        "hyphenate = true",
        "justify = true\nhyphenate = true",
    ] {
        let laid = common::lay_out(&with_theme(&read("resume.toml"), theme)).unwrap();
        // Lines as (baseline, x of first item, text), in order.
        let mut lines: Vec<(f64, f64, String)> = Vec::new();
        for item in &laid.pages[0].items {
            if let resume::layout::frame::Item::Text(t) = item {
                match lines.last_mut() {
                    Some((y, _, text)) if (*y - t.y.get()).abs() < 0.01 => text.push_str(&t.text),
                    _ => lines.push((t.y.get(), t.x.get(), t.text.clone())),
                }
            }
        }
        let bullet_text_x = lines
            .iter()
            .find(|(_, _, text)| text.starts_with('•'))
            .map(|(_, x, _)| *x)
            .unwrap();
        for (i, (_, x, text)) in lines.iter().enumerate() {
            // A continuation line of a bullet (indented like bullet text) that ends it.
            let continuation = *x > bullet_text_x + 1.0;
            let ends_bullet = lines
                .get(i + 1)
                .is_none_or(|(_, nx, _)| *nx <= bullet_text_x + 1.0);
            if continuation && ends_bullet {
                assert!(
                    text.split_whitespace().count() > 1,
                    "[{theme}] lonely last line {text:?}"
                );
            }
        }
    }
}

/// Link targets without a scheme open as web or mail addresses.
#[test]
fn links_without_a_scheme_get_one() {
    let source = "[person]\nname = \"Ada\"\nlinks = [{ label = \"site\", url = \"example.com/ada\" }]\n\n\
                  [[sections]]\ntitle = \"Contact\"\ntext = \"[mail](ada@example.com)\"\n";
    let laid = common::lay_out(source).expect("lays out");
    let urls: Vec<&str> = laid.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            resume::layout::frame::Item::Link { url, .. } => Some(url.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(urls, ["https://example.com/ada", "mailto:ada@example.com"]);
}

/// A contact line too long for one line wraps after a separator, never
/// before one: no line of it starts with the separator, in any theme.
#[test]
fn a_wrapped_contact_line_never_starts_with_a_separator() {
    let links: Vec<String> = (1..=9)
        .map(|i| format!("{{ label = \"profile-number-{i}.example\", url = \"https://profile-number-{i}.example\" }}"))
        .collect();
    let source = format!(
        "[person]\nname = \"Ada Example\"\nemail = \"ada@example.org\"\nlocation = \"Somewhere\"\nlinks = [{}]\n\n\
         [[sections]]\ntitle = \"Summary\"\ntext = \"Hello.\"\n",
        links.join(", ")
    );
    for theme in resume::theme::builtin::names() {
        let options = resume::Options {
            theme: Some(theme.to_owned()),
            ..resume::Options::default()
        };
        let laid = resume::Session::new(source.as_str(), options)
            .unwrap()
            .lay_out(None)
            .unwrap_or_else(|f| panic!("{theme}: {:#?}", f.diagnostics));
        let page = &laid.pages[0];
        let separator = laid.theme.contact_separator.clone();
        // The contact items' lines: text items above the first heading,
        // grouped by baseline, read left to right.
        let heading = page
            .blocks
            .iter()
            .find(|b| b.role == resume::layout::frame::Role::Heading)
            .unwrap();
        let mut lines: Vec<(f64, Vec<(f64, String)>)> = Vec::new();
        for item in &page.items[..heading.items.start] {
            if let resume::layout::frame::Item::Text(t) = item {
                let y = t.y.get();
                match lines.iter_mut().find(|(ly, _)| (ly - y).abs() < 0.01) {
                    Some((_, items)) => items.push((t.x.get(), t.text.clone())),
                    None => lines.push((y, vec![(t.x.get(), t.text.clone())])),
                }
            }
        }
        let contact: Vec<String> = lines
            .into_iter()
            .map(|(_, mut items)| {
                items.sort_by(|a, b| a.0.total_cmp(&b.0));
                items.into_iter().map(|(_, s)| s).collect::<String>()
            })
            .filter(|l| l.contains("profile-number"))
            .collect();
        assert!(
            contact.len() > 1,
            "{theme}: the contact line wraps: {contact:?}"
        );
        for line in &contact {
            assert!(
                !line.trim_start().starts_with(separator.as_str()),
                "{theme}: {line:?} starts with {separator:?}"
            );
        }
    }
}
