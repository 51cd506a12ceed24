//! Right-to-left pages: `lang = "ar"`, `"he"`, `"fa"` or `[theme] direction
//! = "rtl"` mirror the page (every block, rule and link where a
//! left-to-right page has it, reflected about the page's middle), and the
//! PDF still reads back as the document's words in reading order.

mod common;

use std::path::Path;
use std::process::Command;

use common::TempDir;
use resume::layout::frame::{Item, Page, Role};
use resume::theme::builtin;
use resume::{Options, Session};

/// The seed résumé with `settings` at the top of its `[theme]` (or a new one).
fn seed_with(settings: &str) -> String {
    let seed = std::fs::read_to_string(common::root().join("resume.toml")).expect("resume.toml");
    match seed.find("[theme]\n") {
        Some(at) => {
            let end = at + "[theme]\n".len();
            format!("{}{settings}\n{}", &seed[..end], &seed[end..])
        }
        None => format!("[theme]\n{settings}\n\n{seed}"),
    }
}

fn example(name: &str) -> String {
    std::fs::read_to_string(common::root().join("examples").join(name)).expect("example")
}

/// `source` laid out in the built-in theme `theme` (`None`: its own).
fn laid(source: &str, theme: Option<&str>) -> resume::Laid {
    let options = Options {
        theme: theme.map(str::to_owned),
        ..Options::default()
    };
    Session::new(source, options)
        .expect("parses")
        .lay_out(None)
        .unwrap_or_else(|f| panic!("{theme:?}: {:#?}", f.diagnostics))
}

/// `source` compiled in the built-in theme `theme` (`None`: its own).
fn compiled(source: &str, theme: Option<&str>) -> resume::Compiled {
    let options = Options {
        theme: theme.map(str::to_owned),
        ..Options::default()
    };
    Session::new(source, options)
        .expect("parses")
        .compile(None)
        .unwrap_or_else(|f| panic!("{theme:?}: {:#?}", f.diagnostics))
}

/// Each block's horizontal extent (left, right) and its first baseline.
fn extents(page: &Page) -> Vec<(f64, f64, f64)> {
    page.blocks
        .iter()
        .map(|b| {
            let mut left = f64::MAX;
            let mut right = f64::MIN;
            let mut top = f64::MAX;
            for item in &page.items[b.items.clone()] {
                let (x, w, y) = match item {
                    Item::Text(t) => (t.x.get(), t.width.get(), t.y.get()),
                    Item::Rule { x, y, width, .. } => (x.get(), width.get(), y.get()),
                    Item::Link { x, y, width, .. } => (x.get(), width.get(), y.get()),
                    // Icons sit inside their line's text, whose extent
                    // the text items give.
                    Item::Icon { .. } => continue,
                    Item::Photo { x, y, size, .. } => (x.get(), size.get(), y.get()),
                };
                left = left.min(x);
                right = right.max(x + w);
                top = top.min(y);
            }
            (left, right, top)
        })
        .collect()
}

/// The rules of the headings as (x, y, width).
fn heading_rules(page: &Page) -> Vec<(f64, f64, f64)> {
    page.blocks
        .iter()
        .filter(|b| b.role == Role::Heading)
        .flat_map(|b| &page.items[b.items.clone()])
        .filter_map(|i| match i {
            Item::Rule { x, y, width, .. } => Some((x.get(), y.get(), width.get())),
            _ => None,
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.05
}

/// In every built-in theme, the seed (Latin text, so the same glyphs and
/// line breaks either way) set right to left is its left-to-right page
/// mirrored: every block's extent, rule and link reflected, every baseline
/// where it was; and so are the two pages of the academic CV.
#[test]
fn a_right_to_left_page_mirrors_every_block_in_every_theme() {
    let ltr = seed_with("direction = \"ltr\"");
    let rtl = seed_with("direction = \"rtl\"");
    // Two pages, with the running header on the second.
    let academic = example("academic-cv.toml");
    let two =
        |d: &str| academic.replacen("[theme]\n", &format!("[theme]\ndirection = \"{d}\"\n"), 1);
    let (ltr2, rtl2) = (two("ltr"), two("rtl"));
    let mut failures = Vec::new();
    let cases = builtin::names()
        .map(|n| (n, &ltr, &rtl))
        .chain([("academic-cv", &ltr2, &rtl2)]);
    for (name, ltr, rtl) in cases {
        let theme = (name != "academic-cv").then_some(name);
        let (a, b) = (laid(ltr, theme), laid(rtl, theme));
        assert!(!a.theme.rtl() && b.theme.rtl());
        assert_eq!(a.pages.len(), b.pages.len(), "{name}");
        let width = a.theme.page_width.get();
        for (pa, pb) in a.pages.iter().zip(&b.pages) {
            let (ea, eb) = (extents(pa), extents(pb));
            assert_eq!(ea.len(), eb.len(), "{name}: blocks");
            for (i, (l, r)) in ea.iter().zip(&eb).enumerate() {
                let mirrored = close(r.0, width - l.1) && close(r.1, width - l.0);
                if !mirrored || !close(l.2, r.2) {
                    failures.push(format!("{name}: block {i}: ltr {l:?}, rtl {r:?}"));
                }
            }
            // The heading rules and bars (a block's rules are in its extent).
            let mirror = |(x, y, w): (f64, f64, f64)| (width - x - w, y, w);
            let mut ra: Vec<_> = heading_rules(pa).into_iter().map(mirror).collect();
            let mut rb = heading_rules(pb);
            ra.sort_by(|p, q| p.partial_cmp(q).unwrap());
            rb.sort_by(|p, q| p.partial_cmp(q).unwrap());
            let same = ra.len() == rb.len()
                && ra
                    .iter()
                    .zip(&rb)
                    .all(|(p, q)| close(p.0, q.0) && close(p.1, q.1) && close(p.2, q.2));
            if !same {
                failures.push(format!("{name}: heading rules {ra:?}, rtl {rb:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The language sets the direction; the theme key overrides it either way.
#[test]
fn the_language_sets_the_direction_and_the_theme_overrides_it() {
    let arabic = example("arabic.toml");
    assert!(laid(&arabic, None).theme.rtl());
    let forced = arabic.replacen("[theme]\n", "[theme]\ndirection = \"ltr\"\n", 1);
    assert!(!laid(&forced, None).theme.rtl());
    for lang in ["he", "fa", "ar-EG", "iw"] {
        let source = format!("lang = \"{lang}\"\n[person]\nname = \"A\"\n");
        assert!(laid(&source, None).theme.rtl(), "{lang}");
    }
    for lang in ["en", "de", "ja", "hi"] {
        let source = format!("lang = \"{lang}\"\n[person]\nname = \"A\"\n");
        assert!(!laid(&source, None).theme.rtl(), "{lang}");
    }
    // A variant can set it too.
    let source = "[person]\nname = \"A\"\n[variants.rtl.theme]\ndirection = \"rtl\"\n";
    let session = Session::new(source, Options::default()).expect("parses");
    assert!(session.lay_out(Some("rtl")).unwrap().theme.rtl());
    assert!(!session.lay_out(None).unwrap().theme.rtl());
}

/// On the Arabic page the name is centred, the entry's title ends at the
/// right margin and its dates start at the left, and each bullet's marker
/// is right of its text.
#[test]
fn the_arabic_example_puts_text_right_and_dates_left() {
    let laid = laid(&example("arabic.toml"), None);
    let t = &laid.theme;
    let (left, right) = (t.margin_x.get(), (t.page_width - t.margin_x).get());
    let page = &laid.pages[0];
    let texts: Vec<_> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .collect();
    let find = |needle: &str| {
        texts
            .iter()
            .find(|t| t.text.replace('\u{200F}', "").contains(needle))
            .unwrap_or_else(|| panic!("{needle}"))
    };
    let date = find("٢٠٢١ ");
    // The first entry's line: its title and its dates.
    let line: Vec<_> = texts
        .iter()
        .filter(|i| (i.y - date.y).get().abs() < 0.01)
        .collect();
    let middle = t.page_width.get() / 2.0;
    let dates_left = line
        .iter()
        .filter(|i| i.x.get() < middle)
        .map(|i| i.x.get())
        .fold(f64::MAX, f64::min);
    assert!(
        close(dates_left, left + t.date_inset.get()),
        "dates at the left"
    );
    let title_right = line
        .iter()
        .filter(|i| i.x.get() > middle)
        .map(|i| (i.x + i.width).get())
        .fold(f64::MIN, f64::max);
    assert!(
        close(title_right, right - t.entry_indent.get()),
        "title at the right"
    );
    let marker = texts
        .iter()
        .find(|i| i.text.contains('•') && i.glyphs.len() == 1)
        .expect("a bullet marker");
    let bullet = texts
        .iter()
        .find(|i| (i.y - marker.y).get().abs() < 0.01 && i.x < marker.x)
        .expect("its text");
    assert!(
        marker.x.get() > bullet.x.get() + bullet.width.get(),
        "marker on the right"
    );
}

/// The words `pdftotext` extracts, without the bidi controls it wraps
/// right-to-left lines in and the marks the PDF carries (U+200E, U+200F,
/// U+202A to U+202E, U+2066 to U+2069: formatting, not words).
fn pdftotext_words(pdf: &Path, layout: bool) -> Vec<String> {
    let mut cmd = Command::new("pdftotext");
    cmd.args(["-enc", "UTF-8"]);
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd.arg(pdf).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .chars()
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect::<String>()
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// The Arabic example: one page, no warnings, and `pdftotext` reads back
/// the document's words in reading order, also as PDF/UA-1.
#[test]
fn the_arabic_example_reads_back_in_order_on_one_page() {
    let source = example("arabic.toml");
    let out = compiled(&source, None);
    assert!(out.laid.warnings.is_empty(), "{:#?}", out.laid.warnings);
    assert_eq!(out.laid.pages.len(), 1);
    assert!(out.laid.overflow().is_none());
    if !common::tool("pdftotext") {
        return;
    }
    let dir = TempDir::new("rtl-arabic");
    let pdf = dir.write("arabic.pdf", &out.pdf);
    assert_eq!(pdftotext_words(&pdf, false), out.laid.words());
    // The layout mode reads each line right to left too: the name first,
    // then the headline, and the same words.
    let mut layout = pdftotext_words(&pdf, true);
    assert_eq!(layout[..3], out.laid.words()[..3]);
    let mut words = out.laid.words();
    layout.sort();
    words.sort();
    assert_eq!(layout, words);

    // PDF/UA-1: the validator passes and the tagged text reads the same.
    let ua = Options {
        standard: Some(resume::Standard::Ua1),
        ..Options::default()
    };
    let tagged = Session::new(&source, ua)
        .expect("parses")
        .compile(None)
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    let pdf = dir.write("arabic-ua.pdf", &tagged.pdf);
    let text = String::from_utf8_lossy(&tagged.pdf);
    assert!(text.contains("/StructTreeRoot"));
    assert_eq!(pdftotext_words(&pdf, false), out.laid.words());
}

/// Both examples in every built-in theme: one page, no warnings but dates
/// too wide for a date column, every word read back (a lone date beside a
/// short title, or the contact column of a split header, may come out of
/// place in `pdftotext`'s reading order, as on left-to-right pages, so the
/// order is compared for the Arabic example in its own theme above).
#[test]
fn the_right_to_left_examples_read_back_in_every_theme() {
    let tools = common::tool("pdftotext");
    let dir = TempDir::new("rtl-themes");
    let mut failures = Vec::new();
    for file in ["arabic.toml", "hebrew.toml"] {
        let source = example(file);
        for name in builtin::names() {
            let out = compiled(&source, Some(name));
            if out.laid.pages.len() != 1 {
                failures.push(format!("{file} in {name}: {} pages", out.laid.pages.len()));
            }
            let wide =
                |w: &resume::diag::Diagnostic| w.message.contains("wider than the date column");
            if let Some(w) = out.laid.warnings.iter().find(|w| !wide(w)) {
                failures.push(format!("{file} in {name}: {}", w.message));
            }
            // Dates wider than their column run into the title (the warning
            // says so), and a reader may join the two words where they meet.
            if !tools || out.laid.warnings.iter().any(wide) {
                continue;
            }
            let pdf = dir.write(&format!("{file}-{name}.pdf"), &out.pdf);
            let mut words = pdftotext_words(&pdf, false);
            let mut expected = out.laid.words();
            words.sort();
            expected.sort();
            if words != expected {
                let missing: Vec<_> = expected.iter().filter(|w| !words.contains(w)).collect();
                let extra: Vec<_> = words.iter().filter(|w| !expected.contains(w)).collect();
                failures.push(format!(
                    "{file} in {name}: missing {missing:?}, extra {extra:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// An English résumé with an Arabic name: the page stays left to right,
/// the name reads in order, and so do the words around it.
#[test]
fn an_arabic_name_on_a_left_to_right_page_reads_back_in_order() {
    let seed = std::fs::read_to_string(common::root().join("resume.toml")).expect("resume.toml");
    let source = seed.replacen(
        "name = \"Aritro Roy\"",
        "name = \"Ammar Al-Ahmad (عمار الأحمد)\"",
        1,
    );
    assert_ne!(source, seed);
    let out = compiled(&source, None);
    assert!(!out.laid.theme.rtl());
    if !common::tool("pdftotext") {
        return;
    }
    let dir = TempDir::new("rtl-name");
    let pdf = dir.write("name.pdf", &out.pdf);
    assert_eq!(pdftotext_words(&pdf, false), out.laid.words());
}
