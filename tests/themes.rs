//! Every built-in theme sets the seed résumé on exactly one page, with
//! every font embedded as a subset and `pdftotext` reading back exactly the
//! document's words; themes are picked, overridden and written as the
//! README says.

mod common;

use std::path::Path;
use std::process::Command;

use common::TempDir;
use resume::theme::builtin;
use resume::{Options, Session};

/// The seed résumé.
fn seed() -> String {
    std::fs::read_to_string(common::root().join("resume.toml")).expect("resume.toml")
}

/// The seed compiled in the built-in theme `name`.
fn compiled(name: &str) -> resume::Compiled {
    compiled_source(&seed(), name)
}

/// `source` compiled in the built-in theme `name`.
fn compiled_source(source: &str, name: &str) -> resume::Compiled {
    compiled_with_photo(source, name, None)
}

/// `source` compiled in the built-in theme `name`, with `photo` as the
/// file its `person.photo` names.
fn compiled_with_photo(source: &str, name: &str, photo: Option<&[u8]>) -> resume::Compiled {
    let options = Options {
        theme: Some(name.to_owned()),
        ..Options::default()
    };
    Session::new(source, options)
        .expect("parses")
        .with_photo(|_| Ok(photo.expect("a photo for person.photo").to_vec()))
        .expect("the photo is usable")
        .compile(None)
        .unwrap_or_else(|f| panic!("{name}: {:#?}", f.diagnostics))
}

/// The seed with `line` added to its `[theme]` table.
fn seed_with_theme_line(line: &str) -> String {
    seed().replacen("[theme]\n", &format!("[theme]\n{line}\n"), 1)
}

/// The seed with contact-line icons on, in every theme: still one page,
/// every word, every font an embedded subset; the icons extract as nothing.
#[test]
fn every_builtin_theme_sets_the_seed_with_icons() {
    check_inputs(&[seed_with_theme_line("icons = true")], Order::Exact);
    let out = compiled_source(&seed_with_theme_line("icons = true"), "classic");
    let icons = out.laid.pages[0]
        .items
        .iter()
        .filter(|i| matches!(i, resume::layout::frame::Item::Icon { .. }))
        .count();
    assert_eq!(icons, 5, "envelope, phone, location, linkedin, github");
}

/// The seed with a photo, in every theme: one page, every word, the photo
/// embedded once in the themes with a photo slot (and left out with one
/// warning in the others).
#[test]
fn every_builtin_theme_sets_the_seed_with_a_photo() {
    let with_photo = seed().replacen("location = ", "photo = \"portrait.jpg\"\nlocation = ", 1);
    check_photo_inputs(&[with_photo], Order::Exact, Some(PORTRAIT_JPEG));
    let png = seed().replacen("location = ", "photo = \"portrait.png\"\nlocation = ", 1);
    check_photo_inputs(&[png], Order::Exact, Some(PORTRAIT_PNG));
}

const PORTRAIT_JPEG: &[u8] = include_bytes!("fixtures/photo/portrait.jpg");
const PORTRAIT_PNG: &[u8] = include_bytes!("fixtures/photo/portrait.png");

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run a poppler tool");
    assert!(out.status.success(), "{cmd:?} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The font rows of `pdffonts`: (name, embedded, subset).
fn fonts(pdf: &Path) -> Vec<(String, String, String)> {
    stdout(Command::new("pdffonts").arg(pdf))
        .lines()
        .skip(2)
        .map(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let n = cols.len();
            let name = cols.first().copied().unwrap_or("").to_owned();
            let get = |i: usize| cols.get(i).copied().unwrap_or("").to_owned();
            // name type... encoding emb sub uni object ID
            (name, get(n.saturating_sub(5)), get(n.saturating_sub(4)))
        })
        .collect()
}

#[test]
fn every_builtin_theme_sets_the_seed_on_one_page_with_its_words() {
    check_inputs(&[seed()], Order::Exact);
}

/// The examples read back every word in every theme. (`pdftotext` may
/// read a short date on the right, such as a lone year, after the lines
/// beside it, whatever the theme, so their order is not compared.)
#[test]
fn every_builtin_theme_sets_the_examples_with_all_their_words() {
    let examples: Vec<String> = ["examples/new-grad.toml", "examples/staff-engineer.toml"]
        .iter()
        .map(|p| std::fs::read_to_string(common::root().join(p)).expect("example"))
        .collect();
    check_inputs(&examples, Order::Any);
}

/// How extracted words are compared with the document's.
#[derive(Clone, Copy, PartialEq)]
enum Order {
    /// The same words in the same order.
    Exact,
    /// The same words, each as often.
    Any,
}

/// Each input in every built-in theme: one page, no warnings, every font
/// an embedded subset, and `pdftotext` reads back the document's words.
fn check_inputs(inputs: &[String], order: Order) {
    check_photo_inputs(inputs, order, None);
}

/// [`check_inputs`] for inputs whose `person.photo` is `photo`: a theme
/// with a photo slot embeds it once; one without leaves it out, warning
/// once.
fn check_photo_inputs(inputs: &[String], order: Order, photo: Option<&[u8]>) {
    let tools = ["pdftotext", "pdffonts", "pdfinfo", "pdfimages"];
    if !tools.iter().all(|t| common::tool(t)) {
        return;
    }
    let dir = TempDir::new("themes");
    let mut failures = Vec::new();
    for (input, name) in inputs
        .iter()
        .flat_map(|i| builtin::names().map(move |n| (i, n)))
    {
        let out = compiled_with_photo(input, name, photo);
        let slot = out.laid.theme.photo != resume::theme::PhotoSlot::None;
        let expected_warnings = usize::from(photo.is_some() && !slot);
        let warned = &out.laid.warnings;
        if warned.len() != expected_warnings
            || warned.iter().any(|w| !w.message.contains("no photo slot"))
        {
            failures.push(format!("{name}: warnings {:#?}", out.laid.warnings));
        }
        let pdf = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&pdf, &out.pdf).expect("write the PDF");
        let images = stdout(Command::new("pdfimages").arg("-list").arg(&pdf))
            .lines()
            .skip(2)
            .count();
        if images != usize::from(photo.is_some() && slot) {
            failures.push(format!("{name}: {images} images"));
        }
        let info = stdout(Command::new("pdfinfo").arg(&pdf));
        if !info
            .lines()
            .any(|l| l.starts_with("Pages:") && l.ends_with(" 1"))
        {
            failures.push(format!("{name}: not one page:\n{info}"));
        }
        let words: Vec<String> = stdout(
            Command::new("pdftotext")
                .args(["-enc", "UTF-8"])
                .arg(&pdf)
                .arg("-"),
        )
        .split_whitespace()
        .map(str::to_owned)
        .collect();
        let mut expected = out.laid.words();
        let mut words = words;
        if order == Order::Any {
            words.sort();
            expected.sort();
        }
        if let Some(i) =
            (0..words.len().max(expected.len())).find(|&i| words.get(i) != expected.get(i))
        {
            failures.push(format!(
                "{name}: word {i} differs: extracted {:?}, expected {:?}\n  extracted: {:?}\n  expected:  {:?}",
                words.get(i),
                expected.get(i),
                &words[i.saturating_sub(5)..(i + 5).min(words.len())],
                &expected[i.saturating_sub(5)..(i + 5).min(expected.len())],
            ));
        }
        let rows = fonts(&pdf);
        if rows.is_empty() {
            failures.push(format!("{name}: no fonts listed"));
        }
        for (font, emb, sub) in rows {
            if emb != "yes" || sub != "yes" || !font.contains('+') {
                failures.push(format!(
                    "{name}: {font} is not an embedded subset ({emb} {sub})"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_themes_are_distinct() {
    let themes: Vec<(&str, resume::theme::Theme)> = builtin::names()
        .map(|name| (name, compiled(name).laid.theme))
        .collect();
    for (i, (a, ta)) in themes.iter().enumerate() {
        for (b, tb) in &themes[i + 1..] {
            let same_look = ta.family == tb.family
                && ta.heading_font == tb.heading_font
                && ta.accent == tb.accent
                && ta.header == tb.header
                && ta.entry_layout == tb.entry_layout;
            assert!(!same_look, "{a} and {b} look the same");
        }
    }
}

#[test]
fn resume_themes_lists_every_builtin_with_a_line() {
    let (code, out, err) = common::run_in(&common::root(), &["themes"]);
    assert_eq!(code, 0, "{err}");
    for name in builtin::names() {
        let line = out
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} is not listed:\n{out}"));
        assert!(line.len() > name.len() + 20, "{line}");
    }
}

/// The seed with `theme` in place of its `[theme]` table.
fn seed_with(theme: &str) -> String {
    let seed = seed();
    let start = seed.find("[theme]").expect("the seed has [theme]");
    let end = seed.find("[person]").expect("the seed has [person]");
    format!("{theme}\n\n{}{}", &seed[..start], &seed[end..])
}

/// A résumé in `dir` with `theme` as its theme settings.
fn resume_with(dir: &TempDir, theme: &str) -> String {
    let source = seed_with(theme);
    dir.write("cv.toml", &source);
    source
}

#[test]
fn a_theme_file_extends_a_builtin_and_the_resume_overrides_it() {
    let dir = TempDir::new("theme-file");
    std::fs::create_dir_all(dir.path().join("looks")).expect("mkdir");
    dir.write(
        "looks/mine.toml",
        "extends = \"garamond\"\naccent = \"#1f4e79\"\nbullet = \"▸\"\n",
    );
    resume_with(&dir, "[theme]\nfile = \"looks/mine.toml\"\nbody_size = 10");
    let (code, _, err) = common::run_in(dir.path(), &["build", "cv.toml", "-o", "cv.pdf"]);
    assert_eq!(code, 0, "{err}");
    assert!(dir.path().join("cv.pdf").is_file());

    // The same through the library: the file's keys over garamond's, the
    // résumé's over the file's.
    let source = std::fs::read_to_string(dir.path().join("cv.toml")).unwrap();
    let text = std::fs::read_to_string(dir.path().join("looks/mine.toml")).unwrap();
    let session = Session::new(source, Options::default())
        .unwrap()
        .with_theme_files(vec![("looks/mine.toml".to_owned(), text)])
        .unwrap();
    let theme = session.lay_out(None).unwrap().theme;
    assert_eq!(theme.accent, resume::theme::Rgb(0x1f, 0x4e, 0x79));
    assert_eq!(theme.bullet, "▸");
    assert_eq!(
        theme.family.regular,
        resume::theme::fonts::FontId::GaramondRegular
    );
}

#[test]
fn the_short_form_names_a_builtin_or_a_file() {
    let dir = TempDir::new("theme-short");
    resume_with(&dir, "theme = \"warm\"");
    let (code, _, err) = common::run_in(dir.path(), &["check", "cv.toml"]);
    assert_eq!(code, 0, "{err}");
    resume_with(&dir, "theme = \"missing.toml\"");
    let (code, _, err) = common::run_in(dir.path(), &["check", "cv.toml"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("cv.toml:1:9") && err.contains("missing.toml"),
        "{err}"
    );
}

#[test]
fn a_broken_theme_file_is_reported_in_its_own_text() {
    let dir = TempDir::new("theme-bad-file");
    dir.write("mine.toml", "extends = \"clasic\"\nacent = \"#fff\"\n");
    resume_with(&dir, "theme = \"mine.toml\"");
    let (code, _, err) = common::run_in(dir.path(), &["check", "cv.toml"]);
    assert_eq!(code, 1);
    assert!(err.contains("mine.toml:2:1"), "{err}");
    assert!(err.contains("did you mean `accent`?"), "{err}");
    dir.write("mine.toml", "extends = \"clasic\"\n");
    let (_, _, err) = common::run_in(dir.path(), &["check", "cv.toml"]);
    assert!(
        err.contains("mine.toml:1:11") && err.contains("did you mean `classic`?"),
        "{err}"
    );
}

#[test]
fn the_theme_option_overrides_the_resume_for_one_build() {
    let dir = TempDir::new("theme-option");
    resume_with(&dir, "[theme]\nname = \"warm\"\npaper = \"a4\"");
    let (code, _, err) = common::run_in(dir.path(), &["build", "cv.toml", "--theme", "moderncv"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = common::run_in(dir.path(), &["build", "cv.toml", "--theme", "moderncvv"]);
    assert_eq!(code, 1);
    assert!(err.contains("did you mean `moderncv`?"), "{err}");
}

#[test]
fn a_variant_picks_its_own_theme() {
    let source = format!(
        "{}\n[variants.elegant.theme]\nname = \"garamond\"\n",
        seed()
    );
    let session = Session::new(source, Options::default()).unwrap();
    let base = session.lay_out(None).unwrap().theme;
    let elegant = session.lay_out(Some("elegant")).unwrap().theme;
    assert_eq!(base.family.regular, resume::theme::fonts::FontId::LmRegular);
    assert_eq!(
        elegant.family.regular,
        resume::theme::fonts::FontId::GaramondRegular
    );
}

/// A font file that is not bundled: a copy of one of the repository's.
fn brand_font(dir: &TempDir, name: &str) {
    let data = std::fs::read(common::root().join("fonts/lato/Lato-Regular.ttf")).unwrap();
    dir.write(name, data);
}

#[test]
fn font_files_per_role_and_a_missing_style_falls_back_with_a_warning() {
    let dir = TempDir::new("theme-fonts");
    brand_font(&dir, "Brand-Regular.ttf");
    resume_with(
        &dir,
        "[theme]\nname = \"modern\"\n[theme.fonts.body]\nregular = \"Brand-Regular.ttf\"",
    );
    let (code, _, err) = common::run_in(dir.path(), &["build", "cv.toml", "-o", "cv.pdf"]);
    assert_eq!(code, 0, "{err}");
    for style in ["bold", "italic", "bold_italic"] {
        assert!(
            err.contains(&format!("the body font has no {style} file")),
            "{style}: {err}"
        );
    }
    assert!(err.contains("`Brand-Regular.ttf` (its regular)"), "{err}");
    if common::tool("pdffonts") {
        let listed = stdout(Command::new("pdffonts").arg(dir.path().join("cv.pdf")));
        assert!(listed.contains("Lato-Regular"), "{listed}");
    }
}

/// The text items of a laid-out page: (x, baseline, width, text).
fn texts(laid: &resume::Laid) -> Vec<(f64, f64, f64, String)> {
    laid.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            resume::layout::frame::Item::Text(t) => {
                Some((t.x.get(), t.y.get(), t.width.get(), t.text.clone()))
            }
            _ => None,
        })
        .collect()
}

/// The rules of a laid-out page: (x, y, width).
fn rules(laid: &resume::Laid) -> Vec<(f64, f64, f64)> {
    laid.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            resume::layout::frame::Item::Rule { x, y, width, .. } => {
                Some((x.get(), y.get(), width.get()))
            }
            _ => None,
        })
        .collect()
}

/// The seed laid out in the built-in theme `name`.
fn laid(name: &str) -> resume::Laid {
    compiled(name).laid
}

#[test]
fn a_split_header_sets_the_contacts_flush_right_beside_the_name() {
    let laid = laid("humanist");
    let t = &laid.theme;
    let right = (t.page_width - t.margin_x).get();
    let items = texts(&laid);
    let name = items
        .iter()
        .find(|i| i.3 == "Aritro Roy")
        .expect("the name");
    assert!((name.0 - t.margin_x.get()).abs() < 0.01, "name on the left");
    let mail = items
        .iter()
        .find(|i| i.3.contains("gmail"))
        .expect("the e-mail");
    let last = items
        .iter()
        .rfind(|i| i.3.contains("github"))
        .expect("github");
    assert!(
        (last.0 + last.2 - right).abs() < 0.01,
        "contacts end at the margin"
    );
    assert!(mail.0 > name.0 + name.2, "beside the name, not under it");
    assert!((mail.1 - name.1).abs() < name.1 * 0.5, "on the name's band");
}

#[test]
fn dates_in_a_left_column_come_first_and_bars_mark_the_headings() {
    let laid = laid("moderncv");
    let t = &laid.theme;
    let items = texts(&laid);
    let date = items.iter().find(|i| i.3 == "May 2027").expect("a date");
    let title = items
        .iter()
        .find(|i| i.3 == "New York University")
        .expect("a title");
    assert!(
        (date.0 - t.margin_x.get()).abs() < 0.01,
        "dates at the margin"
    );
    assert!((date.1 - title.1).abs() < 0.01, "on the title's baseline");
    assert!(
        title.0 >= date.0 + t.date_column.get(),
        "titles after the column"
    );
    let bars = rules(&laid);
    assert_eq!(bars.len(), 4, "one bar per section: {bars:?}");
    assert!(
        bars.iter()
            .all(|b| (b.2 - t.date_column.get()).abs() < 0.01)
    );
}

#[test]
fn a_rule_above_comes_before_its_heading() {
    let laid = laid("warm");
    let items = texts(&laid);
    let heading = items
        .iter()
        .find(|i| i.3 == "Experience")
        .expect("a heading");
    let rule = rules(&laid)
        .into_iter()
        .rfind(|r| r.1 < heading.1)
        .expect("a rule above");
    assert!(
        heading.1 - rule.1 < 20.0,
        "just above: {rule:?} {heading:?}"
    );
}

#[test]
fn capitals_and_small_caps_extract_as_written() {
    for name in ["engineering", "garamond", "humanist"] {
        let laid = laid(name);
        assert!(
            texts(&laid).iter().any(|i| i.3 == "Experience"),
            "{name}: the heading's text is as written"
        );
    }
}

/// Icons: chosen by kind and host, by name, or none; measured in the
/// contact line (which is wider by their widths) and set on its baseline's
/// capitals, in the accent colour.
#[test]
fn icons_are_chosen_measured_and_aligned() {
    use resume::layout::frame::Item;
    let source = |icons: &str| {
        format!(
            "[theme]\nname = \"warm\"\n{icons}\n\n[person]\nname = \"Ada Example\"\n\
             email = \"ada@example.com\"\nlocation = \"Leeds\"\n\
             icons = {{ location = \"none\" }}\nlinks = [\n\
             {{ label = \"code\", url = \"https://gitlab.com/ada\" }},\n\
             {{ label = \"papers\", url = \"https://example.org/x\", icon = \"book\" }},\n]\n\n\
             [[sections]]\ntitle = \"Summary\"\ntext = \"Builds fast things.\"\n"
        )
    };
    let items = |text: &str| compiled_source(text, "warm").laid.pages[0].items.clone();
    let with = items(&source(""));
    let without = items(&source("icons = false"));
    let icons: Vec<(f64, f64, f64)> = with
        .iter()
        .filter_map(|i| match i {
            Item::Icon { x, y, size, .. } => Some((x.get(), y.get(), size.get())),
            _ => None,
        })
        .collect();
    assert_eq!(
        icons.len(),
        3,
        "envelope, gitlab, book; none for the location"
    );
    assert!(without.iter().all(|i| !matches!(i, Item::Icon { .. })));
    let last_text_end = |items: &[Item]| {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) if t.text.contains("papers") => Some((t.x + t.width).get()),
                _ => None,
            })
            .next_back()
            .expect("the contact line")
    };
    let page = compiled_source(&source(""), "warm").laid;
    let width = |items: &[Item]| {
        let first = items.iter().find_map(|i| match i {
            Item::Text(t) if t.text.contains("ada@") => Some(t.x.get()),
            Item::Icon { x, .. } => Some(x.get()),
            _ => None,
        });
        last_text_end(items) - first.expect("the contact line")
    };
    assert!(
        width(&with) > width(&without) + 3.0 * 5.0,
        "three icons and their gaps widen the line: {} vs {}",
        width(&with),
        width(&without)
    );
    // On the contact line's baseline, smaller than its text.
    let contact = with
        .iter()
        .find_map(|i| match i {
            Item::Text(t) if t.text.contains("ada@") => Some(t.clone()),
            _ => None,
        })
        .unwrap();
    for (_, y, size) in &icons {
        assert!(
            (y - contact.y.get()).abs() < contact.size.get() * 0.2,
            "{y}"
        );
        assert!(*size < contact.size.get(), "{size}");
    }
    assert!(with.iter().any(|i| matches!(
        i,
        Item::Icon { color, .. } if *color == page.theme.accent
    )));
}

/// The photo goes into every variant of `--all` (variants that override
/// person fields or pick another theme included), each a PDF of its own.
#[test]
fn every_variant_gets_the_photo() {
    let dir = TempDir::new("photo-variants");
    let source = seed_with_theme_line("name = \"humanist\"").replacen(
        "location = ",
        "photo = \"me.png\"\nlocation = ",
        1,
    );
    std::fs::write(dir.path().join("cv.toml"), &source).unwrap();
    std::fs::write(dir.path().join("me.png"), PORTRAIT_PNG).unwrap();
    let (code, _, err) = common::run_in(dir.path(), &["build", "cv.toml", "--all"]);
    assert_eq!(code, 0, "{err}");
    let session = Session::new(source, Options::default())
        .unwrap()
        .with_photo(|path| {
            assert_eq!(path, "me.png");
            Ok(PORTRAIT_PNG.to_vec())
        })
        .unwrap();
    let variants: Vec<String> = session.variants().map(str::to_owned).collect();
    assert!(variants.len() >= 3);
    for variant in variants {
        let laid = session.compile(Some(&variant)).unwrap().laid;
        let photos = laid.pages[0]
            .items
            .iter()
            .filter(|i| matches!(i, resume::layout::frame::Item::Photo { .. }))
            .count();
        let slot = laid.theme.photo != resume::theme::PhotoSlot::None;
        assert_eq!(photos, usize::from(slot), "{variant}");
    }
    // Without the file read, a document naming a photo is an error at it.
    let unread = Session::new(
        seed_with_theme_line("").replacen("location = ", "photo = \"me.png\"\nlocation = ", 1),
        Options::default(),
    )
    .unwrap();
    let failure = unread.compile(None).unwrap_err();
    assert!(failure.diagnostics[0].message.contains("was not read"));
}
