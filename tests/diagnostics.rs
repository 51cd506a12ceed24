//! Diagnostics snapshots: each broken input under `tests/fixtures/errors/`
//! renders (without colour) to the snapshot beside it.
//! Re-bless with `BLESS=1 cargo test --test diagnostics`.

mod common;

use resume::diag::{Source, render};

fn check(name: &str) {
    let dir = common::root().join("tests/fixtures/errors");
    let file = format!("{name}.toml");
    let source = std::fs::read_to_string(dir.join(&file)).expect("fixture exists");
    let diagnostics = match resume::compile(&source, None) {
        Ok(out) => out.laid.warnings,
        Err(diagnostics) => diagnostics,
    };
    assert!(
        !diagnostics.is_empty(),
        "{file} gives at least one diagnostic"
    );
    let src = Source {
        name: &file,
        text: &source,
    };
    let rendered: String = diagnostics
        .iter()
        .map(|d| render(d, &src, false) + "\n")
        .collect();
    common::assert_snapshot(&dir.join(format!("{name}.stderr")), &rendered);
}

#[test]
fn toml_syntax_error() {
    check("syntax-error");
}

#[test]
fn unknown_field_suggests_the_closest_key() {
    check("unknown-field");
}

#[test]
fn wrong_type() {
    check("wrong-type");
}

#[test]
fn bad_dates_are_all_reported() {
    check("bad-date");
}

#[test]
fn missing_name() {
    check("missing-name");
}

#[test]
fn unclosed_markup_is_reported_per_bullet() {
    check("unclosed-bold");
}

#[test]
fn unknown_font_and_paper_list_the_choices() {
    check("unknown-font");
}

#[test]
fn characters_in_no_font_are_warnings() {
    check("missing-glyph");
}

#[test]
fn independent_syntax_errors_are_all_reported() {
    check("several-syntax-errors");
}

#[test]
fn a_missing_translation_is_one_warning_per_field() {
    check("missing-translation");
}

#[test]
fn a_bad_language_key_is_located_with_a_suggestion() {
    check("bad-language-key");
}
