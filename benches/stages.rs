//! The compile pipeline stage by stage. Run with
//! `cargo bench --features internals --bench stages` (the stages are
//! public only with that feature).
//!
//! Every stage runs on two inputs: the seed résumé (`resume.toml`, which fits
//! at the preferred setting) and `benches/dense.toml` (a longer résumé that
//! the fitter must tighten). Each stage's input is prepared once, outside the
//! timed loop, so a stage's time is its own:
//!
//! | bench | times |
//! |---|---|
//! | `1_parse` | `model::parse`: TOML text to `Resume` |
//! | `2_select` | `select::select`: markup, dates, settings |
//! | `3_theme_fonts` | `Theme::resolve` plus `FontBook::new` (parsing the bundled faces) |
//! | `4_build` | `Builder::build`: shaping every run into blocks |
//! | `5_place` | one `layout::place::place` call: line breaking and positioning at the preferred setting |
//! | `6_fit` | `layout::fit::fit`: every placement pass the fitter runs |
//! | `7_pdf` | `pdf::write` of the fitted page |
//! | `8_compile` | `resume::compile`, everything above end to end |
//!
//! The font book caches shaping results and krilla memoises font subsets
//! for the whole process (both serve `--all`); every stage above therefore
//! gets a fresh font book and an emptied memo per sample, as a single
//! `resume build` would. `10_variant` is the warm case: one more variant of
//! the same résumé with both caches filled, the marginal cost in `--all`.
//!
//! `9_scaling` repeats every bullet of the seed résumé 1, 4 and 16 times and
//! times build plus one `place` call (which places past the page end), so
//! time against content length can be read off; the items counter is the
//! number of bullets, so a constant items/s means linear growth.

use std::hint::black_box;
use std::path::Path;

use divan::Bencher;
use divan::counter::ItemsCount;
use resume::document::Document;
use resume::layout::build::{Block, Builder};
use resume::layout::fit::{self, Fitted};
use resume::layout::place::place;
use resume::model::{self, Resume};
use resume::pdf::{self, Meta};
use resume::select;
use resume::text::shape::FontBook;
use resume::theme::Theme;

/// The seed résumé and the dense fixture, relative to the crate root.
const INPUTS: [&str; 2] = ["resume.toml", "benches/dense.toml"];

fn main() {
    divan::main();
}

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn parsed(source: &str) -> Resume {
    model::parse(source).unwrap_or_else(|d| panic!("parse: {d:?}"))
}

fn selected(source: &str) -> Document {
    select::select(&parsed(source), source).unwrap_or_else(|d| panic!("select: {d:?}"))
}

fn built(document: &Document, theme: &Theme, fonts: &FontBook) -> Vec<Block> {
    Builder::new(theme, fonts)
        .build(document)
        .expect("the bundled fonts shape")
        .0
}

fn fitted(document: &Document, theme: &Theme, fonts: &FontBook) -> Fitted {
    let blocks = built(document, theme, fonts);
    let settings = &document.settings;
    fit::fit(
        &blocks,
        theme,
        fonts,
        settings.spread,
        settings.pages as usize,
    )
}

fn meta(document: &Document) -> Meta {
    let name = document.name.text();
    Meta {
        title: format!("{name} — Résumé"),
        author: name,
        lang: document.lang.clone(),
        created: None,
        standard: None,
        photo: None,
    }
}

#[divan::bench(name = "1_parse", args = INPUTS)]
fn parse(bencher: Bencher, path: &str) {
    let source = read(path);
    bencher.bench(|| model::parse(black_box(&source)).unwrap());
}

#[divan::bench(name = "2_select", args = INPUTS)]
fn select(bencher: Bencher, path: &str) {
    let source = read(path);
    let resume = parsed(&source);
    bencher.bench(|| select::select(black_box(&resume), &source).unwrap());
}

#[divan::bench(name = "3_theme_fonts", args = INPUTS)]
fn theme_fonts(bencher: Bencher, path: &str) {
    let document = selected(&read(path));
    bencher.bench(|| {
        (
            Theme::resolve(black_box(&document.settings)),
            FontBook::new(),
        )
    });
}

#[divan::bench(name = "4_build", args = INPUTS)]
fn build(bencher: Bencher, path: &str) {
    let document = selected(&read(path));
    let theme = Theme::resolve(&document.settings);
    bencher
        .with_inputs(FontBook::new)
        .bench_local_values(|fonts| built(black_box(&document), &theme, &fonts));
}

#[divan::bench(name = "5_place", args = INPUTS)]
fn place_once(bencher: Bencher, path: &str) {
    let document = selected(&read(path));
    let theme = Theme::resolve(&document.settings);
    let fonts = FontBook::new();
    let blocks = built(&document, &theme, &fonts);
    bencher.bench(|| place(black_box(&blocks), &theme, &fonts));
}

#[divan::bench(name = "6_fit", args = INPUTS)]
fn fit_page(bencher: Bencher, path: &str) {
    let document = selected(&read(path));
    let theme = Theme::resolve(&document.settings);
    let fonts = FontBook::new();
    let blocks = built(&document, &theme, &fonts);
    let spread = document.settings.spread;
    let pages = document.settings.pages as usize;
    bencher.bench(|| fit::fit(black_box(&blocks), &theme, &fonts, spread, pages));
}

#[divan::bench(name = "7_pdf", args = INPUTS)]
fn write_pdf(bencher: Bencher, path: &str) {
    let document = selected(&read(path));
    let theme = Theme::resolve(&document.settings);
    let fonts = FontBook::new();
    let pages = fitted(&document, &theme, &fonts).pages;
    assert!(pages[0].overflow.is_none(), "{path} must fit on one page");
    let meta = meta(&document);
    bencher
        .with_inputs(|| comemo::evict(0))
        .bench_local_values(|()| pdf::write(black_box(&pages), &meta, &[]).unwrap());
}

#[divan::bench(name = "8_compile", args = INPUTS)]
fn compile(bencher: Bencher, path: &str) {
    let source = read(path);
    bencher
        .with_inputs(|| comemo::evict(0))
        .bench_local_values(|()| resume::compile(black_box(&source), None).unwrap());
}

#[divan::bench(name = "10_variant", args = ["backend", "ml"])]
fn variant(bencher: Bencher, name: &str) {
    let source = read("resume.toml");
    bencher
        .with_inputs(|| {
            // Fresh caches filled by the résumé as written, as --all does
            // before the variants.
            comemo::evict(0);
            let session =
                resume::Session::new(source.as_str(), resume::Options::default()).expect("parses");
            session.compile(None).expect("compiles");
            session
        })
        .bench_local_values(|session| black_box(&session).compile(Some(name)).unwrap());
}

/// The seed résumé with every `bullets` array repeated `copies` times, and
/// the number of bullets that gives.
fn repeated_bullets(copies: usize) -> (String, usize) {
    let mut root: toml::Table = read("resume.toml").parse().expect("resume.toml is TOML");
    let mut count = 0;
    let sections = root.get_mut("sections").and_then(toml::Value::as_array_mut);
    for section in sections.into_iter().flatten() {
        let entries = section
            .get_mut("entries")
            .and_then(toml::Value::as_array_mut);
        for entry in entries.into_iter().flatten() {
            if let Some(bullets) = entry.get_mut("bullets").and_then(toml::Value::as_array_mut) {
                let once = std::mem::take(bullets);
                for _ in 0..copies {
                    bullets.extend(once.iter().cloned());
                }
                count += bullets.len();
            }
        }
    }
    (toml::to_string(&root).expect("serializes"), count)
}

#[divan::bench(name = "9_scaling", args = [1, 4, 16])]
fn scaling(bencher: Bencher, copies: usize) {
    let (source, bullets) = repeated_bullets(copies);
    let document = selected(&source);
    let theme = Theme::resolve(&document.settings);
    bencher
        .counter(ItemsCount::new(bullets))
        .with_inputs(FontBook::new)
        .bench_local_values(|fonts| {
            place(&built(black_box(&document), &theme, &fonts), &theme, &fonts)
        });
}
