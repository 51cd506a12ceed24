//! Properties of the whole pipeline on generated input:
//!
//! - `resume::compile` never panics, on arbitrary text or on well-formed
//!   résumés with arbitrary text in their fields;
//! - compiling the same input twice gives the same bytes (and the same
//!   diagnostics);
//! - placed text never overlaps vertically across lines, nor horizontally
//!   within a line, and stays between the side margins.
//!
//! Each property runs a modest number of cases so that the file stays fast
//! in a debug build; `PROPTEST_CASES=1000 cargo test --release --test
//! properties` runs more.

use proptest::prelude::*;
use proptest::test_runner::Config;
use resume::layout::frame::{Item, TextItem};
use toml::{Table, Value};

/// A config with `cases` cases (or `PROPTEST_CASES`, for a longer run)
/// that writes no regression files.
fn config(cases: u32) -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(cases),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Words that exercise the typesetter: markup, punctuation that smart
/// punctuation rewrites, break opportunities, scripts from every bundled
/// font and from none, and long tokens.
const WORDS: &[&str] = &[
    "Designed",
    "an",
    "event-driven",
    "system",
    "processing",
    "10K+",
    "events/min",
    "at",
    "99.9%",
    "uptime;",
    "$1.2M",
    "(p99)",
    "--",
    "---",
    "...",
    "\"quoted\"",
    "it's",
    "C++",
    "a/b/c",
    "snake_case_identifier",
    "office",
    "affluent",
    "Ǳ",
    "≈",
    "→",
    "é",
    "ß",
    "ﬁ",
    "Δύναμη",
    "Привет",
    "مرحبا",
    "שלום",
    "漢字",
    "🚀",
    "\u{E000}",
    "\t",
    "\u{00A0}",
    "\u{200B}",
    "x",
    "https://example.com/a/very/long/path/that/needs/breaking/somewhere/in/the/middle",
    "Supercalifragilisticexpialidociousnessesandevenmorelettersthanthat",
];

/// Well-formed inline markup around a word.
fn marked(word: &'static str, kind: u8) -> String {
    if word.trim().is_empty() {
        return word.to_owned();
    }
    match kind {
        0 => format!("**{word}**"),
        1 => format!("*{word}*"),
        2 => format!("`{word}`"),
        3 => format!("[{word}](https://example.com/{})", word.len()),
        _ => word.to_owned(),
    }
}

/// A line of text from [`WORDS`], with well-formed markup when `markup`.
fn text(max_words: usize, markup: bool) -> BoxedStrategy<String> {
    let kinds = if markup { 0..8u8 } else { 4..5u8 };
    prop::collection::vec((prop::sample::select(WORDS), kinds), 1..max_words)
        .prop_map(|words| {
            words
                .into_iter()
                .map(|(w, k)| marked(w, k))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .boxed()
}

/// Any text at all: well-formed words, or arbitrary characters (which may
/// hold unbalanced markup, control characters and anything else).
fn any_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => text(30, true),
        1 => any::<String>(),
        1 => "[*`\\[\\]()\\\\a-z \\-./]{0,40}",
    ]
    .boxed()
}

/// Dates in order, so that any two make a valid range.
const DATES: &[&str] = &["1999", "2019-01", "2024", "2024-07", "Fall 2025", "present"];
/// Dates that are errors.
const BAD_DATES: &[&str] = &["2024-13", "2024-7", "", "1899", "2101-01", "2024-02-30"];

/// `dates = ...`: a single date or a range; with `bad`, some are invalid
/// or in the wrong order.
fn dates(bad: bool) -> impl Strategy<Value = Value> {
    let pool: Vec<&str> = DATES
        .iter()
        .chain(if bad { BAD_DATES } else { &[] })
        .copied()
        .collect();
    let one = prop::sample::select(pool).prop_map(|d| Value::String(d.to_owned()));
    prop_oneof![
        one.clone(),
        (one.clone(), one).prop_map(move |(start, end)| {
            let (start, end) = if bad
                || DATES.iter().position(|d| Some(*d) == start.as_str())
                    <= DATES.iter().position(|d| Some(*d) == end.as_str())
            {
                (start, end)
            } else {
                (end, start)
            };
            let mut t = Table::new();
            t.insert("start".into(), start);
            t.insert("end".into(), end);
            Value::Table(t)
        }),
    ]
}

fn string(s: String) -> Value {
    Value::String(s)
}

fn strings(v: Vec<String>) -> Value {
    Value::Array(v.into_iter().map(Value::String).collect())
}

/// One entry with random fields.
fn entry(text: BoxedStrategy<String>, bad: bool) -> impl Strategy<Value = Value> {
    (
        text.clone(),
        prop::option::of(text.clone()),
        prop::option::of(dates(bad)),
        prop::option::of(text.clone()),
        prop::collection::vec(text, 0..5),
        prop::option::of(1u32..4),
    )
        .prop_map(|(title, org, dates, subtitle, bullets, priority)| {
            let mut t = Table::new();
            t.insert("title".into(), string(title));
            if let Some(org) = org {
                t.insert("org".into(), string(org));
            }
            if let Some(dates) = dates {
                t.insert("dates".into(), dates);
            }
            if let Some(subtitle) = subtitle {
                t.insert("subtitle".into(), string(subtitle));
            }
            if let Some(p) = priority {
                let bullets = bullets
                    .into_iter()
                    .map(|b| {
                        let mut bt = Table::new();
                        bt.insert("text".into(), string(b));
                        bt.insert("priority".into(), Value::Integer(p.into()));
                        Value::Table(bt)
                    })
                    .collect();
                t.insert("bullets".into(), Value::Array(bullets));
            } else {
                t.insert("bullets".into(), strings(bullets));
            }
            Value::Table(t)
        })
}

/// One section holding entries, skills or a paragraph.
fn section(text: BoxedStrategy<String>, bad: bool) -> impl Strategy<Value = Value> {
    let body = prop_oneof![
        prop::collection::vec(entry(text.clone(), bad), 1..4)
            .prop_map(|e| ("entries", Value::Array(e))),
        prop::collection::vec((text.clone(), text.clone()), 1..4).prop_map(|rows| {
            let rows = rows
                .into_iter()
                .map(|(label, items)| {
                    let mut t = Table::new();
                    t.insert("label".into(), string(label));
                    t.insert("items".into(), string(items));
                    Value::Table(t)
                })
                .collect();
            ("skills", Value::Array(rows))
        }),
        text.clone().prop_map(|p| ("text", string(p))),
    ];
    (text, body).prop_map(|(title, (key, body))| {
        let mut t = Table::new();
        t.insert("title".into(), string(title));
        t.insert(key.into(), body);
        Value::Table(t)
    })
}

/// A structurally valid résumé as TOML text, its fields from `text`; with
/// `bad`, its dates may be invalid.
fn resume_with(text: BoxedStrategy<String>, bad: bool) -> impl Strategy<Value = String> {
    let theme = (
        prop::sample::select(&["serif", "sans"][..]),
        prop::sample::select(&["letter", "a4"][..]),
        any::<[bool; 4]>(),
    );
    let person = (
        text.clone(),
        prop::option::of(text.clone()),
        prop::option::of(text.clone()),
    );
    (
        theme,
        person,
        prop::collection::vec(section(text, bad), 0..4),
        any::<bool>(),
    )
        .prop_map(
            |((font, paper, [justify, hyphenate, ligatures, smart]), person, sections, trim)| {
                let mut root = Table::new();
                let mut theme = Table::new();
                theme.insert("font".into(), string(font.to_owned()));
                theme.insert("paper".into(), string(paper.to_owned()));
                theme.insert("justify".into(), Value::Boolean(justify));
                theme.insert("hyphenate".into(), Value::Boolean(hyphenate));
                theme.insert("ligatures".into(), Value::Boolean(ligatures));
                theme.insert("smart_punctuation".into(), Value::Boolean(smart));
                root.insert("theme".into(), Value::Table(theme));
                let (name, headline, location) = person;
                let mut p = Table::new();
                p.insert("name".into(), string(name));
                if let Some(h) = headline {
                    p.insert("headline".into(), string(h));
                }
                if let Some(l) = location {
                    p.insert("location".into(), string(l));
                }
                root.insert("person".into(), Value::Table(p));
                let mut fit = Table::new();
                fit.insert("trim".into(), Value::Boolean(trim));
                root.insert("fit".into(), Value::Table(fit));
                root.insert("sections".into(), Value::Array(sections));
                toml::to_string(&root).expect("serialize a generated résumé")
            },
        )
}

/// A résumé whose every field is well-formed text, so that it compiles
/// unless it overflows the page.
fn clean_resume() -> impl Strategy<Value = String> {
    resume_with(text(40, true), false)
}

/// The text items of a page.
fn texts(items: &[Item]) -> Vec<&TextItem> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Baselines closer than this are the same line.
const SAME_LINE: f64 = 0.01;
/// Overlap allowed for float round-off.
const TOLERANCE: f64 = 0.5;

/// The vertical extent of a text item's line: cap height above the
/// baseline, descender depth below (a conservative 0.7 and 0.2 of the size).
fn extent(t: &TextItem) -> (f64, f64) {
    let size = t.size.get();
    (t.y.get() - 0.7 * size, t.y.get() + 0.2 * size)
}

/// The résumé as written, laid out with default options.
fn lay_out(source: &str) -> Result<resume::Laid, resume::Failure> {
    resume::Session::new(source, resume::Options::default())?.lay_out(None)
}

/// Every geometric promise of a laid-out page; the first one broken, if any.
fn check_geometry(source: &str) -> Result<(), TestCaseError> {
    let Ok(laid) = lay_out(source) else {
        return Ok(());
    };
    let page = &laid.pages[0];
    let margin = laid.fit.margin_x.get();
    let (left, right) = (margin, page.width.get() - margin);
    let items = texts(&page.items);
    for t in &items {
        if t.glyphs.is_empty() || t.width.get() == 0.0 {
            continue;
        }
        prop_assert!(
            t.x.get() >= left - TOLERANCE && t.x.get() + t.width.get() <= right + TOLERANCE,
            "{:?} at x={} w={} is outside the margins {left}..{right}",
            t.text,
            t.x,
            t.width
        );
    }
    // Lines: items grouped by baseline, top to bottom.
    let mut lines: Vec<Vec<&TextItem>> = Vec::new();
    let mut sorted = items.clone();
    sorted.sort_by(|a, b| a.y.get().total_cmp(&b.y.get()));
    for t in sorted {
        match lines.last_mut() {
            Some(line) if (line[0].y.get() - t.y.get()).abs() < SAME_LINE => line.push(t),
            _ => lines.push(vec![t]),
        }
    }
    for pair in lines.windows(2) {
        let bottom = pair[0].iter().map(|t| extent(t).1).fold(f64::MIN, f64::max);
        let top = pair[1].iter().map(|t| extent(t).0).fold(f64::MAX, f64::min);
        prop_assert!(
            top >= bottom - TOLERANCE,
            "the line at y={} ({:?}) overlaps the line at y={} ({:?}): {bottom} > {top}",
            pair[0][0].y,
            pair[0][0].text,
            pair[1][0].y,
            pair[1][0].text
        );
    }
    for line in &lines {
        let mut spans: Vec<(f64, f64, &str)> = line
            .iter()
            .filter(|t| t.width.get() > 0.0)
            .map(|t| (t.x.get(), t.x.get() + t.width.get(), t.text.as_str()))
            .collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        for w in spans.windows(2) {
            prop_assert!(
                w[1].0 >= w[0].1 - TOLERANCE,
                "on the line at y={}, {:?} ({}..{}) overlaps {:?} ({}..{})",
                line[0].y,
                w[0].2,
                w[0].0,
                w[0].1,
                w[1].2,
                w[1].0,
                w[1].1
            );
        }
    }
    Ok(())
}

/// Compile and render every diagnostic; panics propagate to proptest.
fn compile_and_render(source: &str) {
    let diagnostics = match resume::compile(source, None) {
        Ok(out) => out.laid.warnings,
        Err(diagnostics) => diagnostics,
    };
    let src = resume::diag::Source {
        name: "generated.toml",
        text: source,
    };
    for d in &diagnostics {
        let _ = resume::diag::render(d, &src, false);
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn arbitrary_text_never_panics(source in any::<String>()) {
        compile_and_render(&source);
    }

    #[test]
    fn toml_like_text_never_panics(
        source in "(\\[\\[?[a-z.]{0,20}\\]\\]?\n|[a-z_]{1,10} = (\"[^\"\\\\]{0,20}\"|[0-9]{1,3}|true|\\[|\\{)\n){0,12}"
    ) {
        compile_and_render(&format!("[person]\nname = \"Ada\"\n{source}"));
    }
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn random_fields_never_panic(source in resume_with(any_text(), true)) {
        compile_and_render(&source);
    }
}

proptest! {
    #![proptest_config(config(12))]

    #[test]
    fn output_is_deterministic(source in clean_resume()) {
        match (resume::compile(&source, None), resume::compile(&source, None)) {
            (Ok(a), Ok(b)) => {
                prop_assert!(a.pdf == b.pdf, "two compiles gave different PDFs");
                prop_assert_eq!(format!("{:?}", a.laid.warnings), format!("{:?}", b.laid.warnings));
            }
            (Err(a), Err(b)) => prop_assert_eq!(format!("{a:?}"), format!("{b:?}")),
            (a, b) => prop_assert!(
                false,
                "one compile succeeded and one failed: {:?} / {:?}",
                a.err(),
                b.err()
            ),
        }
    }
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn text_never_overlaps_and_stays_within_the_margins(source in clean_resume()) {
        check_geometry(&source)?;
    }
}

#[test]
fn the_examples_keep_their_geometry() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in [
        "resume.toml",
        "examples/new-grad.toml",
        "examples/staff-engineer.toml",
    ] {
        let source = std::fs::read_to_string(root.join(file)).expect("example exists");
        if let Err(e) = check_geometry(&source) {
            panic!("{file}: {e}");
        }
    }
}

/// Found by `text_never_overlaps_and_stays_within_the_margins`: a centred
/// line (the name, the headline) that ends in a hyphen is centred as if the
/// hyphen had no width, so its right end passes the right margin.
#[test]
fn a_hyphenated_centred_line_stays_within_the_margins() {
    let source = "[theme]\nfont = \"sans\"\nhyphenate = true\n\n[person]\n\
                  name = \"Supercalifragilisticexpialidociousnessesandevenmorelettersthanthat\"\n";
    if let Err(e) = check_geometry(source) {
        panic!("{e}");
    }
}

/// Words for mixed-direction paragraphs: Hebrew, Arabic (with a mark),
/// Latin, digits, punctuation that bidi resolves by its neighbours.
const MIXED: &[&str] = &[
    "שלום",
    "עולם,",
    "שנת",
    "مرحبا",
    "بالعالم.",
    "نظامًا",
    "العربية:",
    "Rust",
    "office",
    "fluent.",
    "2024",
    "10K+",
    "(p99)",
    "a/b",
    "123",
    "«ok»",
    "—",
];

proptest! {
    #![proptest_config(config(32))]

    /// Reordering right-to-left runs draws every character once: the text
    /// the page's items carry is the document's text, character for
    /// character, in every typesetting mode.
    #[test]
    fn mixed_direction_text_draws_every_character_once(
        words in prop::collection::vec(prop::sample::select(MIXED), 1..60),
        justify in any::<bool>(),
        hyphenate in any::<bool>(),
    ) {
        let text = words.join(" ");
        let source = format!(
            "[theme]\njustify = {justify}\nhyphenate = {hyphenate}\n\n\
             [person]\nname = \"Ada\"\n\n[[sections]]\ntitle = \"Languages\"\ntext = {}\n",
            Value::String(text)
        );
        let laid = lay_out(&source).expect("lays out");
        // The direction marks a mixed line carries for text extraction
        // (U+200E, U+200F) print nothing and are not the document's.
        let sorted = |s: String| {
            let mut chars: Vec<char> = s
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200E}' | '\u{200F}'))
                .collect();
            chars.sort_unstable();
            chars
        };
        let drawn: String = texts(&laid.pages[0].items).iter().map(|t| t.text.as_str()).collect();
        prop_assert_eq!(sorted(drawn), sorted(laid.document.words().concat()));
        check_geometry(&source)?;
    }
}
