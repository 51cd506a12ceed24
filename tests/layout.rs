//! Layout snapshots: a stable text dump of every placed item, one line each.
//! Re-bless with `BLESS=1 cargo test --test layout`.

mod common;

use std::path::Path;

fn snapshot(fixture: &str, snapshot: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(root.join(fixture)).expect("fixture exists");
    let laid = resume::lay_out(&source).unwrap_or_else(|d| panic!("{fixture} lays out: {d:?}"));
    common::assert_snapshot(
        &root.join("tests/snapshots").join(snapshot),
        &laid.page.dump(),
    );
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

/// Every example and the seed résumé fit on one page without warnings.
#[test]
fn examples_fit_without_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("resume.toml")];
    for entry in std::fs::read_dir(root.join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    assert!(files.len() >= 3);
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let out = resume::compile(&source, None)
            .unwrap_or_else(|d| panic!("{} compiles: {d:?}", file.display()));
        assert!(
            out.warnings.is_empty(),
            "{}: {:?}",
            file.display(),
            out.warnings
        );
    }
}

/// Nothing is placed beyond the right margin or the bottom margin.
#[test]
fn nothing_crosses_the_margins() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(root.join("resume.toml")).unwrap();
    let laid = resume::lay_out(&source).unwrap();
    let right = laid.theme.page_width - laid.theme.margin_x;
    for item in &laid.page.items {
        if let resume::layout::frame::Item::Text(t) = item {
            assert!(
                (t.x + t.width).get() <= right.get() + 0.01,
                "{:?} ends at {} past {}",
                t.text,
                t.x + t.width,
                right
            );
            assert!(
                t.x >= laid.theme.margin_x,
                "{:?} starts left of the margin",
                t.text
            );
        }
    }
}
