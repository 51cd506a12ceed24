//! Several languages in one file: `examples/bilingual.toml` builds an
//! English and a German PDF with `--all`, each wholly in its language; a
//! missing translation is a warning at its field; `check --translations`
//! lists them; the schema, export and import understand the table form.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use resume::model::text;

fn example() -> String {
    std::fs::read_to_string(common::root().join("examples/bilingual.toml")).unwrap()
}

/// A word without the punctuation around it, as both the model and
/// pdftotext split it.
fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric()).to_owned()
}

/// The words of every translation in `lang`, and those of every other
/// text (plain strings and other languages' translations).
fn words_of(source: &str, lang: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let resume = resume::model::parse(source).unwrap();
    let (mut own, mut other) = (BTreeSet::new(), BTreeSet::new());
    for (_, field) in text::fields(&resume) {
        if field.translations().is_empty() {
            other.extend(field.first().split_whitespace().map(bare));
        }
        for t in field.translations() {
            let words = t.text.get_ref().split_whitespace().map(bare);
            if t.lang.get_ref() == lang {
                own.extend(words);
            } else {
                other.extend(words);
            }
        }
    }
    (own, other)
}

/// The words only the translations in `lang` have.
fn only_in(source: &str, lang: &str) -> BTreeSet<String> {
    let (own, other) = words_of(source, lang);
    own.difference(&other)
        .filter(|w| !w.is_empty())
        .cloned()
        .collect()
}

fn pdf_words(pdf: &Path) -> Vec<String> {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

#[test]
fn each_language_has_words_of_its_own() {
    let source = example();
    let en = only_in(&source, "en");
    let de = only_in(&source, "de");
    for word in ["Experience", "Education", "Skills", "Mentored"] {
        assert!(en.contains(word), "{word} in {en:?}");
    }
    for word in ["Berufserfahrung", "Ausbildung", "Kenntnisse", "betreut"] {
        assert!(de.contains(word), "{word} in {de:?}");
    }
    assert!(en.is_disjoint(&de));
}

#[test]
fn all_builds_an_english_and_a_german_pdf_each_in_its_language() {
    let dir = common::TempDir::new("bilingual");
    dir.write("bilingual.toml", example());
    let (code, stdout, stderr) = common::run_in(dir.path(), &["build", "--all", "bilingual.toml"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let dist = dir.path().join("dist");
    let mut pdfs: Vec<String> = std::fs::read_dir(&dist)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    pdfs.sort();
    assert_eq!(pdfs, ["bilingual-de.pdf", "bilingual-en.pdf"]);

    let source = example();
    let session = resume::Session::new(source.as_str(), resume::Options::default()).unwrap();
    for (lang, other, dates) in [
        ("en", "de", ["Apr 2021 – Present", "Sep 2017 – Mar 2021"]),
        ("de", "en", ["Apr. 2021 – heute", "Sept. 2017 – März 2021"]),
    ] {
        let compiled = session.compile(Some(lang)).expect("compiles");
        assert!(
            compiled.laid.warnings.is_empty(),
            "{:?}",
            compiled.laid.warnings
        );
        assert_eq!(compiled.laid.pages.len(), 1, "{lang} fits on one page");
        assert_eq!(compiled.laid.document.lang, lang);
        let words = compiled.laid.document.words();
        let joined = words.join(" ");
        for date in dates {
            assert!(joined.contains(date), "{date} in {joined}");
        }
        let foreign = only_in(&source, other);
        let stray: Vec<&String> = words
            .iter()
            .filter(|w| foreign.contains(&bare(w)))
            .collect();
        assert!(
            stray.is_empty(),
            "{other} words in the {lang} document: {stray:?}"
        );
        // Every translation in this language is printed.
        let own = only_in(&source, lang);
        let printed: BTreeSet<String> = words.iter().map(|w| bare(w)).collect();
        let unprinted: Vec<&String> = own.iter().filter(|w| !printed.contains(*w)).collect();
        assert!(unprinted.is_empty(), "{lang}: not printed {unprinted:?}");

        if !common::tool("pdftotext") {
            continue;
        }
        let extracted = pdf_words(&dist.join(format!("bilingual-{lang}.pdf")));
        assert_eq!(
            extracted, words,
            "{lang}: the PDF's words are the document's"
        );
        let stray: Vec<&String> = extracted
            .iter()
            .filter(|w| foreign.contains(&bare(w)))
            .collect();
        assert!(
            stray.is_empty(),
            "{other} words in the {lang} PDF: {stray:?}"
        );
    }
}

/// The 1-based line of the first line of `source` containing `needle`.
fn line_of(source: &str, needle: &str) -> usize {
    1 + source
        .lines()
        .position(|l| l.contains(needle))
        .expect("the needle is in the source")
}

/// The example with the German half of the third bullet and the English
/// title of the skills removed.
fn with_gaps() -> String {
    let source = example();
    let gaps = source
        .replacen(
            ", de = \"Fünf Entwickler betreut, von denen zwei heute eigene Teams führen\"",
            "",
            1,
        )
        .replacen(
            "title = { en = \"Skills\", de = \"Kenntnisse\" }",
            "title = { de = \"Kenntnisse\" }",
            1,
        );
    assert_ne!(gaps, source);
    gaps
}

#[test]
fn a_missing_translation_falls_back_with_one_warning_at_its_field() {
    let source = with_gaps();
    let session = resume::Session::new(source.as_str(), resume::Options::default()).unwrap();
    let (doc, warnings) = session.select(Some("de")).unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let w = &warnings[0];
    assert!(!w.is_error());
    assert_eq!(w.path.as_deref(), Some("sections[1].entries[0].bullets[2]"));
    assert!(w.message.contains("no `de` translation"), "{}", w.message);
    let (line, _) = resume::diag::line_col(&source, w.span.clone().unwrap().start);
    assert_eq!(line, line_of(&source, "Mentored five"));
    // The file's language (`lang = "en"`) is printed instead.
    assert!(doc.words().join(" ").contains("Mentored five engineers"));

    // The English document lacks the skills title: the first translation.
    let (doc, warnings) = session.select(Some("en")).unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].path.as_deref(), Some("sections[4].title"));
    assert!(doc.words().contains(&"Kenntnisse".to_owned()));

    // On the command line, with its line.
    let dir = common::TempDir::new("bilingual-gaps");
    dir.write("cv.toml", &source);
    let (code, _, stderr) = common::run_in(dir.path(), &["check", "--variant", "de", "cv.toml"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "warning: `sections[1].entries[0].bullets[2]` has no `de` translation; the `en` one is printed"
        ),
        "{stderr}"
    );
    let at = format!("--> cv.toml:{}:3", line_of(&source, "Mentored five"));
    assert!(stderr.contains(&at), "{stderr}");
}

#[test]
fn check_translations_lists_every_missing_field_per_language() {
    let dir = common::TempDir::new("translations");
    dir.write("complete.toml", example());
    dir.write("gaps.toml", with_gaps());
    let (code, stdout, stderr) =
        common::run_in(dir.path(), &["check", "--translations", "complete.toml"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "languages: en, de\nen: every field translated\nde: every field translated\n"
    );
    let gaps = with_gaps();
    let (title, bullet) = (
        line_of(&gaps, "title = { de = \"Kenntnisse\" }"),
        line_of(&gaps, "Mentored five"),
    );
    let (code, stdout, _) = common::run_in(dir.path(), &["check", "--translations", "gaps.toml"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!(
            "languages: en, de\n\
             en: 1 field without a translation\n  sections[4].title (line {title})\n\
             de: 1 field without a translation\n  sections[1].entries[0].bullets[2] (line {bullet})\n"
        )
    );
    let (code, stdout, _) = common::run_in(
        dir.path(),
        &["check", "--translations", "--format", "json", "gaps.toml"],
    );
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value["ok"], false);
    assert_eq!(value["languages"], serde_json::json!(["en", "de"]));
    assert_eq!(
        value["missing"],
        serde_json::json!([
            { "lang": "en", "path": "sections[4].title", "line": title, "column": 9 },
            { "lang": "de", "path": "sections[1].entries[0].bullets[2]", "line": bullet, "column": 3 },
        ])
    );
    // A file of plain strings has nothing to translate.
    let (code, stdout, _) = common::run_in(
        dir.with_seed().path(),
        &["check", "--translations", "resume.toml"],
    );
    assert_eq!(code, 0);
    assert!(stdout.ends_with("every field translated\n"), "{stdout}");
}

#[test]
fn a_bad_language_key_is_an_error_with_did_you_mean() {
    let source = example().replacen("de = \"Profil\"", "dee = \"Profil\"", 1);
    let errors = match resume::Session::new(source.as_str(), resume::Options::default())
        .unwrap()
        .select(Some("de"))
    {
        Err(errors) => errors,
        Ok(_) => panic!("an unknown language is an error"),
    };
    let e = errors.iter().find(|e| e.is_error()).unwrap();
    assert_eq!(e.message, "unknown language `dee`");
    assert_eq!(e.hints[0], "did you mean `de`?");
    assert_eq!(e.path.as_deref(), Some("sections[0].title.dee"));
    assert_eq!(&source[e.span.clone().unwrap()], "dee");
}

#[test]
fn bullets_take_translations_inside_their_table_form_too() {
    let source = "lang = \"de\"\n[person]\nname = \"A\"\n[[sections]]\ntitle = \"X\"\n\
                  [[sections.entries]]\ntitle = \"T\"\nbullets = [\n  \
                  { text = { en = \"Shipped\", de = \"Geliefert\" }, priority = 2 },\n  \
                  { de = \"Gebaut\", en = \"Built\" },\n]\n";
    let (doc, warnings) = resume::Session::new(source, resume::Options::default())
        .unwrap()
        .select(None)
        .unwrap();
    assert!(warnings.is_empty(), "{warnings:#?}");
    let words = doc.words();
    assert!(words.contains(&"Geliefert".to_owned()) && words.contains(&"Gebaut".to_owned()));
    assert!(!words.contains(&"Built".to_owned()));
}

#[test]
fn free_text_dates_take_translations_and_typed_dates_stay_typed() {
    let source = "lang = \"en\"\n[variants.de]\nlang = \"de\"\n[person]\nname = \"A\"\n\
                  [[sections]]\ntitle = \"X\"\n\
                  [[sections.entries]]\ntitle = \"T\"\ndates = { en = \"Fall 2025\", de = \"Herbst 2025\" }\n\
                  [[sections.entries]]\ntitle = \"U\"\ndates = { start = \"2024-07\", end = \"present\" }\n\
                  [[sections.entries]]\ntitle = \"V\"\ndates = { en = \"2023-01\" }\n";
    let session = resume::Session::new(source, resume::Options::default()).unwrap();
    let (doc, warnings) = session.select(Some("de")).unwrap();
    let words = doc.words().join(" ");
    assert!(words.contains("Herbst 2025"), "{words}");
    assert!(words.contains("Juli 2024 – heute"), "{words}");
    // A typed date in a translation is still a date, in the document's language.
    assert!(words.contains("Jan. 2023"), "{words}");
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(
        warnings[0].path.as_deref(),
        Some("sections[0].entries[2].dates")
    );
    assert!(!words.contains("Fall"));
    let (doc, _) = session.select(None).unwrap();
    assert!(doc.words().join(" ").contains("Fall 2025"));
    // A range keeps its strict keys.
    let bad = source.replace("end = \"present\"", "ende = \"present\"");
    let Err(errors) = resume::Session::new(bad.as_str(), resume::Options::default()) else {
        panic!("`ende` is not a key of a range");
    };
    assert!(
        errors[0].message.contains("unknown field `ende`"),
        "{errors:#?}"
    );
}

#[test]
fn the_schema_describes_the_table_form() {
    let out = common::bin().arg("schema").output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = &schema["$defs"]["Text"];
    assert_eq!(text["anyOf"][0]["type"], "string");
    assert_eq!(text["anyOf"][1]["type"], "object");
    assert_eq!(text["anyOf"][1]["additionalProperties"]["type"], "string");
    let title = schema["$defs"]["Section"]["properties"]["title"].to_string();
    assert!(title.contains("#/$defs/Text"), "{title}");
    // The schema test validates examples/bilingual.toml with it.
}

/// Every string in a JSON value.
fn leaves(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| leaves(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| leaves(v, out)),
        _ => {}
    }
}

#[test]
fn export_writes_one_language_and_imports_back() {
    let dir = common::TempDir::new("bilingual-export");
    dir.write("bilingual.toml", example());
    for (args, lang) in [
        (vec!["--variant", "de"], "de"),
        (vec!["--lang", "de"], "de"),
        (vec!["--variant", "en"], "en"),
        (vec!["--variant", "en", "--lang", "de"], "de"),
    ] {
        let mut all = vec![
            "export",
            "bilingual.toml",
            "--format",
            "json",
            "-o",
            "cv.json",
        ];
        all.extend(args.iter().copied());
        let (code, _, stderr) = common::run_in(dir.path(), &all);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(!stderr.contains("warning"), "{stderr}");
        let json = std::fs::read_to_string(dir.path().join("cv.json")).unwrap();
        let label = if lang == "de" {
            "Plattformingenieur für Zahlungsverkehr und Datenpipelines"
        } else {
            "Platform engineer for payments and data pipelines"
        };
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["basics"]["label"], label, "{args:?}");
        let other = if lang == "de" { "en" } else { "de" };
        let foreign = only_in(&example(), other);
        let mut strings = Vec::new();
        leaves(&value, &mut strings);
        let stray: Vec<String> = strings
            .iter()
            .flat_map(|s| s.split_whitespace().map(bare))
            .filter(|w| foreign.contains(w))
            .collect();
        assert!(stray.is_empty(), "{args:?}: {other} words {stray:?}");

        // A JSON Resume file holds one language: it imports as plain strings.
        let (code, _, stderr) = common::run_in(
            dir.path(),
            &[
                "import",
                "cv.json",
                "--force",
                "--lang",
                lang,
                "-o",
                "back.toml",
            ],
        );
        assert_eq!(code, 0, "{stderr}");
        let back = std::fs::read_to_string(dir.path().join("back.toml")).unwrap();
        let doc = resume::compile(&back, None).expect("the import builds");
        assert!(doc.laid.document.words().join(" ").contains(label));
    }
    let (code, _, stderr) = common::run_in(
        dir.path(),
        &[
            "export",
            "bilingual.toml",
            "--format",
            "txt",
            "--lang",
            "xx",
        ],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("unknown language `xx`"), "{stderr}");
}

#[test]
fn import_writes_the_table_form_from_one_json_resume_file_per_language() {
    let dir = common::TempDir::new("bilingual-import");
    dir.write("bilingual.toml", example());
    for lang in ["en", "de"] {
        let out = format!("cv.{lang}.json");
        let (code, _, stderr) = common::run_in(
            dir.path(),
            &[
                "export",
                "bilingual.toml",
                "--format",
                "json",
                "--lang",
                lang,
                "-o",
                &out,
            ],
        );
        assert_eq!(code, 0, "{stderr}");
    }
    let (code, _, stderr) = common::run_in(
        dir.path(),
        &[
            "import",
            "cv.en.json",
            "--lang",
            "en",
            "--translation",
            "de=cv.de.json",
            "-o",
            "cv.toml",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let merged = std::fs::read_to_string(dir.path().join("cv.toml")).unwrap();
    assert!(
        merged.contains("title = { en = \"Experience\", de = \"Berufserfahrung\" }"),
        "{merged}"
    );
    // What is the same in both stays a string.
    assert!(
        merged.contains("org = \"Zahlwerk Payments AG\"\n"),
        "{merged}"
    );
    assert!(
        merged.contains("[variants.de]\nlang = \"de\"\n"),
        "{merged}"
    );
    let (code, stdout, _) = common::run_in(dir.path(), &["check", "--translations", "cv.toml"]);
    assert_eq!(code, 0, "{stdout}");

    let session = resume::Session::new(merged.as_str(), resume::Options::default()).unwrap();
    for (lang, other) in [("en", "de"), ("de", "en")] {
        let (doc, warnings) = session.select(Some(lang)).unwrap();
        assert!(warnings.is_empty(), "{warnings:#?}");
        let foreign = only_in(&example(), other);
        let stray: Vec<String> = doc
            .words()
            .iter()
            .map(|w| bare(w))
            .filter(|w| foreign.contains(w))
            .collect();
        assert!(stray.is_empty(), "{other} words in {lang}: {stray:?}");
    }

    // Files that are not the same résumé are an error, and nothing is written.
    let de = std::fs::read_to_string(dir.path().join("cv.de.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&de).unwrap();
    let mut fewer = value.clone();
    fewer["work"].as_array_mut().unwrap().pop();
    dir.write("fewer.json", fewer.to_string());
    let (code, _, stderr) = common::run_in(
        dir.path(),
        &[
            "import",
            "cv.en.json",
            "--lang",
            "en",
            "--translation",
            "de=fewer.json",
            "-o",
            "bad.toml",
        ],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("differs in shape"), "{stderr}");
    assert!(!dir.path().join("bad.toml").exists());
    let (code, _, stderr) = common::run_in(
        dir.path(),
        &[
            "import",
            "cv.en.json",
            "--translation",
            "de=cv.de.json",
            "-o",
            "bad.toml",
        ],
    );
    assert_eq!(code, 2, "--translation needs --lang: {stderr}");
}
