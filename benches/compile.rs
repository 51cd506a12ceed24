//! Benchmarks of the whole compile and of fitting. Run with `cargo bench`.
//!
//! `fit_needed` against `plain` shows what fitting costs: a résumé that
//! must be tightened runs up to 12 layout passes, but shaping happens once
//! and size changes rescale the measured glyphs, so the whole compile
//! stays within a small factor of a build that fits at once.
//!
//! `two_pages` is the academic CV with `[fit] pages = 2`: one page at the
//! preferred and the tightest setting, then two pages at the tightest and
//! the preferred setting, 4 passes (the budget is 12 + k for k pages), and
//! a PDF of two pages.
//!
//! `render::svg` and `render::png` draw the seed résumé's laid-out page as
//! an SVG document and as a PNG picture at 144 dpi.

use std::hint::black_box;

fn main() {
    divan::main();
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .expect("fixture exists")
}

/// The seed résumé, which fits at the preferred setting (one layout pass).
#[divan::bench]
fn plain(bencher: divan::Bencher) {
    let source = fixture("resume.toml");
    // Empty krilla's process-wide memo of font subsets, as a fresh process has it.
    bencher
        .with_inputs(|| comemo::evict(0))
        .bench_local_values(|()| resume::compile(black_box(&source), None).unwrap());
}

/// The seed résumé plus one project: the fitter must tighten it.
#[divan::bench]
fn fit_needed(bencher: divan::Bencher) {
    let source = fixture("tests/fixtures/fit/overflow-few-lines.toml");
    // Empty krilla's process-wide memo of font subsets, as a fresh process has it.
    bencher
        .with_inputs(|| comemo::evict(0))
        .bench_local_values(|()| resume::compile(black_box(&source), None).unwrap());
}

/// The two-page academic CV: four passes, two pages drawn and written.
#[divan::bench]
fn two_pages(bencher: divan::Bencher) {
    let source = fixture("examples/academic-cv.toml");
    // Empty krilla's process-wide memo of font subsets, as a fresh process has it.
    bencher
        .with_inputs(|| comemo::evict(0))
        .bench_local_values(|()| resume::compile(black_box(&source), None).unwrap());
}

/// Layout only (no PDF): plain (1 pass), with fitting (12 passes), and on
/// two pages (4 passes).
#[divan::bench(args = [
    "resume.toml",
    "tests/fixtures/fit/overflow-few-lines.toml",
    "examples/academic-cv.toml",
])]
fn lay_out(bencher: divan::Bencher, path: &str) {
    let source = fixture(path);
    bencher.bench(|| {
        resume::Session::new(black_box(source.as_str()), resume::Options::default())
            .and_then(|s| s.lay_out(None).map_err(|f| f.diagnostics))
            .unwrap()
    });
}

/// The seed résumé with its first bullet edited: the `n`th edit, so that
/// every rebuild sees text it has not shaped before.
fn edited(source: &str, n: usize) -> String {
    let bullet = "achieving p99 API latency";
    assert!(source.contains(bullet), "the seed has the bullet");
    source.replacen(bullet, &format!("achieving p{n} API latency"), 1)
}

/// A rebuild in watch mode after a one-bullet edit, with nothing kept
/// (`cold`: a fresh session, as `resume build` starts) or with the last
/// session's faces and shaping caches (`warm`: what `resume watch` does).
/// krilla's memo of font subsets lives for the process in both.
#[divan::bench(args = ["cold", "warm"])]
fn rebuild(bencher: divan::Bencher, kept: &str) {
    let source = fixture("resume.toml");
    let warm = kept == "warm";
    let first = resume::Session::new(source.as_str(), resume::Options::default()).unwrap();
    first.compile(None).unwrap();
    let cache = std::cell::RefCell::new(Some(first.into_cache()));
    let edits = std::cell::Cell::new(0);
    bencher
        .with_inputs(|| {
            edits.set(edits.get() + 1);
            edited(&source, edits.get())
        })
        .bench_local_values(|text| {
            let session = resume::Session::new(text, resume::Options::default()).unwrap();
            let session = match cache.borrow_mut().take() {
                Some(c) if warm => session.with_cache(c),
                _ => session,
            };
            let out = session.compile(None).unwrap();
            if warm {
                *cache.borrow_mut() = Some(session.into_cache());
            }
            black_box(out)
        });
}

/// Pictures of the seed résumé's page from a layout made once
/// (`cargo bench --bench compile -- render`): the SVG document, and the
/// PNG at the default 144 dpi, drawn and encoded.
mod render {
    use super::{black_box, fixture};

    fn seed() -> (resume::Session<'static>, resume::Laid) {
        let session =
            resume::Session::new(fixture("resume.toml"), resume::Options::default()).unwrap();
        let laid = session.lay_out(None).unwrap();
        (session, laid)
    }

    #[divan::bench]
    fn svg(bencher: divan::Bencher) {
        let (session, laid) = seed();
        bencher.bench_local(|| session.svg(black_box(&laid), 0));
    }

    #[divan::bench]
    fn png(bencher: divan::Bencher) {
        let (session, laid) = seed();
        bencher.bench_local(|| {
            session
                .png(black_box(&laid), 0, resume::limits::DEFAULT_DPI)
                .unwrap()
        });
    }
}
