//! Every language: how its dates, "present" and quotation marks print
//! (one row per language, the table of `docs/locales.md`), hyphenation
//! patterns, `[locale]` overrides, a variant's `lang`, and
//! `resume import --lang`.
//!
//! Re-write `docs/locales.md` with `BLESS=1 cargo test --test locales`.

mod common;

use resume::document::{Body, Document};
use resume::interop::jsonresume::{ImportOptions, import_json, import_json_with};

/// Per language: `lang`, its name, how `{ start = "2024-07", end =
/// "present" }` prints, how `{ start = "2023-01", end = "2024-03" }` prints.
const DATES: &[(&str, &str, &str, &str)] = &[
    ("en", "English", "Jul 2024 – Present", "Jan 2023 – Mar 2024"),
    (
        "ar",
        "Arabic",
        "يوليو ٢٠٢٤ – حتى الآن",
        "يناير ٢٠٢٣ – مارس ٢٠٢٤",
    ),
    (
        "cs",
        "Czech",
        "červenec 2024 – současnost",
        "leden 2023 – březen 2024",
    ),
    ("da", "Danish", "jul. 2024 – nu", "jan. 2023 – mar. 2024"),
    ("de", "German", "Juli 2024 – heute", "Jan. 2023 – März 2024"),
    ("el", "Greek", "Ιουλ 2024 – σήμερα", "Ιαν 2023 – Μαρ 2024"),
    (
        "es",
        "Spanish",
        "jul 2024 – actualidad",
        "ene 2023 – mar 2024",
    ),
    (
        "fa",
        "Persian",
        "ژوئیه ۲۰۲۴ – تاکنون",
        "ژانویه ۲۰۲۳ – مارس ۲۰۲۴",
    ),
    (
        "fr",
        "French",
        "juil. 2024 – aujourd’hui",
        "janv. 2023 – mars 2024",
    ),
    ("he", "Hebrew", "יולי 2024 – היום", "ינו׳ 2023 – מרץ 2024"),
    ("hi", "Hindi", "जुल॰ 2024 – वर्तमान", "जन॰ 2023 – मार्च 2024"),
    (
        "hu",
        "Hungarian",
        "2024. júl. – jelenleg",
        "2023. jan. – 2024. márc.",
    ),
    (
        "id",
        "Indonesian",
        "Jul 2024 – sekarang",
        "Jan 2023 – Mar 2024",
    ),
    (
        "it",
        "Italian",
        "lug 2024 – presente",
        "gen 2023 – mar 2024",
    ),
    (
        "ja",
        "Japanese",
        "2024年7月 – 現在",
        "2023年1月 – 2024年3月",
    ),
    (
        "ko",
        "Korean",
        "2024년 7월 – 현재",
        "2023년 1월 – 2024년 3월",
    ),
    (
        "nb",
        "Norwegian Bokmål",
        "juli 2024 – nå",
        "jan. 2023 – mars 2024",
    ),
    ("nl", "Dutch", "jul 2024 – heden", "jan 2023 – mrt 2024"),
    (
        "nn",
        "Norwegian Nynorsk",
        "juli 2024 – no",
        "jan. 2023 – mars 2024",
    ),
    ("pl", "Polish", "lip 2024 – obecnie", "sty 2023 – mar 2024"),
    (
        "pt",
        "Portuguese",
        "jul. de 2024 – presente",
        "jan. de 2023 – mar. de 2024",
    ),
    (
        "ru",
        "Russian",
        "июль 2024\u{202F}г. – настоящее время",
        "янв. 2023\u{202F}г. – март 2024\u{202F}г.",
    ),
    ("sv", "Swedish", "juli 2024 – nu", "jan. 2023 – mars 2024"),
    ("tr", "Turkish", "Tem 2024 – halen", "Oca 2023 – Mar 2024"),
    (
        "uk",
        "Ukrainian",
        "лип. 2024\u{202F}р. – дотепер",
        "січ. 2023\u{202F}р. – бер. 2024\u{202F}р.",
    ),
    (
        "vi",
        "Vietnamese",
        "thg 7 2024 – hiện tại",
        "thg 1 2023 – thg 3 2024",
    ),
    (
        "zh",
        "Mandarin Chinese",
        "2024年7月 – 至今",
        "2023年1月 – 2024年3月",
    ),
];

/// A résumé in `lang` with the two ranges and a quotation; hyphenation on.
fn sample(lang: &str) -> String {
    format!(
        "lang = \"{lang}\"\n[theme]\nhyphenate = true\n[person]\nname = \"A\"\n\
         [[sections]]\ntitle = \"W\"\n\
         [[sections.entries]]\ntitle = \"E\"\ndates = {{ start = \"2024-07\", end = \"present\" }}\n\
         bullets = [\"\\\"quoted\\\" and 'inner'\"]\n\
         [[sections.entries]]\ntitle = \"F\"\ndates = {{ start = \"2023-01\", end = \"2024-03\" }}\n"
    )
}

fn session(toml: &str) -> resume::Session<'static> {
    resume::Session::new(toml, resume::Options::default()).expect("parses")
}

/// The dates of each entry and the bullet texts of the first section.
fn printed(doc: &Document) -> (Vec<String>, Vec<String>) {
    let Body::Entries(entries) = &doc.sections[0].body else {
        panic!("entries");
    };
    let dates = entries
        .iter()
        .map(|e| e.dates.as_ref().map(|d| d.text()).unwrap_or_default())
        .collect();
    let bullets = entries
        .iter()
        .flat_map(|e| e.bullets.iter().map(|b| b.text.text()))
        .collect();
    (dates, bullets)
}

/// One row of the table: what a document in the language prints.
struct Row {
    ongoing: String,
    closed: String,
    quotes: String,
    /// The running header's page number on page 2 of 3.
    page: String,
    hyphenation: bool,
}

fn row(lang: &str) -> Row {
    let session = session(&sample(lang));
    let laid = session.lay_out(None).expect("lays out");
    let (dates, bullets) = printed(&laid.document);
    let no_patterns = laid
        .warnings
        .iter()
        .filter(|w| w.message.starts_with("no hyphenation patterns"))
        .count();
    assert!(no_patterns <= 1, "{lang}: said more than once");
    Row {
        ongoing: dates[0].clone(),
        closed: dates[1].clone(),
        quotes: bullets[0].clone(),
        page: laid.document.settings.page_words.format(2, 3),
        hyphenation: no_patterns == 0,
    }
}

#[test]
fn every_language_prints_its_dates() {
    assert_eq!(DATES.len(), 27);
    for (lang, _, ongoing, closed) in DATES {
        let row = row(lang);
        assert_eq!(row.ongoing, *ongoing, "{lang}");
        assert_eq!(row.closed, *closed, "{lang}");
        // A region keeps the language, and the tag goes into the PDF as written.
        let (doc, _) = session(&sample(&format!("{lang}-XY")))
            .select(None)
            .unwrap();
        assert_eq!(doc.lang, format!("{lang}-XY"));
        assert_eq!(printed(&doc).0, [*ongoing, *closed], "{lang}-XY");
    }
}

#[test]
fn the_table_of_languages_is_docs_locales_md() {
    let mut md = String::from(
        "# Languages\n\n\
         How each language prints an entry's dates, a quotation and the page\n\
         number in the running header of pages after the first. Month\n\
         names, their abbreviations, the year-and-month pattern, digits and\n\
         quotation marks come from CLDR 45 (`scripts/locales.py` writes\n\
         `src/locale/data.rs`); the word for an ongoing range and the page\n\
         number are in `src/locale/words.rs` (`[locale]` replaces any of\n\
         them). Generated by `BLESS=1 cargo test --test locales`; the same\n\
         test checks every row.\n\n\
         | Language | `lang` | `{ start = \"2024-07\", end = \"present\" }` \
         | `{ start = \"2023-01\", end = \"2024-03\" }` \
         | `\"quoted\" and 'inner'` | Page 2 of 3 | Hyphenation |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for (lang, name, _, _) in DATES {
        let row = row(lang);
        md.push_str(&format!(
            "| {name} | `{lang}` | {} | {} | {} | {} | {} |\n",
            row.ongoing,
            row.closed,
            row.quotes,
            row.page,
            if row.hyphenation { "yes" } else { "no" }
        ));
    }
    md.push_str(
        "\nA region or script after the language (`de-AT`, `pt-BR`, `zh-Hant`)\n\
         keeps the language's data and goes into the PDF as written. Without\n\
         `lang` a résumé is in `en-US`.\n",
    );
    common::assert_snapshot(&common::root().join("docs/locales.md"), &md);
}

#[test]
fn quotation_marks_and_hyphenation_of_some_languages() {
    let quotes = |lang| row(lang).quotes;
    assert_eq!(quotes("en"), "“quoted” and ‘inner’");
    assert_eq!(quotes("de"), "„quoted“ and ‚inner‘");
    assert_eq!(
        quotes("fr"),
        "«\u{202F}quoted\u{202F}» and «\u{202F}inner\u{202F}»"
    );
    assert_eq!(quotes("ja"), "「quoted」 and 『inner』");
    for lang in ["de", "en", "fr", "hu", "ru", "pl"] {
        assert!(row(lang).hyphenation, "{lang}");
    }
    for lang in ["ja", "zh", "ar", "he", "vi"] {
        assert!(!row(lang).hyphenation, "{lang}");
    }
}

#[test]
fn german_words_are_hyphenated_with_german_patterns() {
    let toml = |hyphenate: bool| {
        format!(
            "lang = \"de\"\n[theme]\nhyphenate = {hyphenate}\njustify = true\n[person]\nname = \"A\"\n\
             [[sections]]\ntitle = \"W\"\ntext = \"{}\"\n",
            "Die Donaudampfschifffahrtsgesellschaft verhandelte mit der \
             Rechtsschutzversicherungsgesellschaft über die Kraftfahrzeughaftpflichtversicherung \
             und die Betäubungsmittelverschreibungsverordnung. "
                .repeat(3)
        )
    };
    let on = session(&toml(true)).lay_out(None).expect("lays out");
    let off = session(&toml(false)).lay_out(None).expect("lays out");
    assert!(on.warnings.is_empty(), "{:?}", on.warnings);
    assert_ne!(on.pages, off.pages, "the German patterns break some word");
}

#[test]
fn a_locale_table_overrides_any_word() {
    let toml = "lang = \"de\"\n[locale]\npresent = \"jetzt\"\ndate_style = \"long\"\n\
                [person]\nname = \"A\"\n[[sections]]\ntitle = \"W\"\n\
                [[sections.entries]]\ntitle = \"E\"\ndates = { start = \"2024-03\", end = \"present\" }\n\
                bullets = [\"\\\"x\\\"\"]\n\
                [variants.en]\nlang = \"en-GB\"\nlocale = { present = \"now\", quotes = [\"«\", \"»\"] }\n\
                [variants.child]\nextends = \"en\"\nlocale = { months = [\"I\", \"II\", \"III\", \"IV\", \
                \"V\", \"VI\", \"VII\", \"VIII\", \"IX\", \"X\", \"XI\", \"XII\"] }\n";
    let s = session(toml);
    let (dates, bullets) = printed(&s.select(None).unwrap().0);
    assert_eq!(
        (dates[0].as_str(), bullets[0].as_str()),
        ("März 2024 – jetzt", "„x“")
    );
    let (doc, _) = s.select(Some("en")).unwrap();
    assert_eq!(doc.lang, "en-GB");
    let (dates, bullets) = printed(&doc);
    assert_eq!(
        (dates[0].as_str(), bullets[0].as_str()),
        ("March 2024 – now", "«x»")
    );
    let (dates, _) = printed(&s.select(Some("child")).unwrap().0);
    assert_eq!(dates[0], "III 2024 – now");
}

#[test]
fn an_unknown_language_is_a_located_error_with_did_you_mean() {
    let toml = "lang = \"dk\"\n[person]\nname = \"A\"\n";
    let errors = session(toml).select(None).unwrap_err();
    assert_eq!(errors[0].message, "unknown language `dk`");
    assert_eq!(errors[0].span, Some(7..11));
    assert_eq!(errors[0].path.as_deref(), Some("lang"));
    assert_eq!(errors[0].hints[0], "did you mean `da`?");
    let toml = "[person]\nname = \"A\"\n[variants.x]\nlang = \"german\"\n";
    let errors = session(toml).select(Some("x")).unwrap_err();
    assert_eq!(errors[0].path.as_deref(), Some("variants.x.lang"));
    assert_eq!(errors[0].hints[0], "did you mean `de`?");
    assert!(session(toml).check_variants()[0].message.contains("german"));
}

// ---------------------------------------------------------------------------
// resume import --lang

fn full_json() -> String {
    std::fs::read_to_string(common::root().join("tests/fixtures/jsonresume/full.json")).unwrap()
}

/// The section titles a TOML's document prints.
fn titles(toml: &str) -> Vec<String> {
    let doc = session(toml).select(None).expect("selects").0;
    doc.sections.iter().map(|s| s.title.text()).collect()
}

#[test]
fn import_writes_section_titles_in_every_language() {
    let json = full_json();
    let english = import_json(&json).unwrap();
    let english_titles = titles(&english.toml);
    assert!(!english.toml.contains("\nlang ="));
    for (lang, ..) in DATES {
        let options = ImportOptions {
            lang: Some((*lang).to_owned()),
        };
        let imported = import_json_with(&json, &options).unwrap();
        assert!(
            imported
                .toml
                .contains(&format!("\nlang = \"{lang}\"\n\n[theme]")),
            "{lang}"
        );
        // The same round trip as in English: dates read back in any language.
        assert_eq!(imported.warnings, english.warnings, "{lang}");
        let titles = titles(&imported.toml);
        assert_eq!(titles.len(), english_titles.len());
        // Some words are the same in English (French "Publications").
        let same = titles.iter().zip(&english_titles).filter(|(t, e)| t == e);
        if *lang != "en" {
            assert!(same.count() <= 1, "{lang}: {titles:?}");
        }
    }
    let german = import_json_with(
        &json,
        &ImportOptions {
            lang: Some("de-DE".to_owned()),
        },
    )
    .unwrap();
    assert_eq!(
        titles(&german.toml)[..3],
        ["Kurzprofil", "Berufserfahrung", "Ausbildung"]
    );
}

#[test]
fn import_lang_on_the_command_line() {
    let dir = common::TempDir::new("import-lang");
    dir.write("cv.json", full_json());
    let (code, _, err) = common::run_in(dir.path(), &["import", "--lang", "de", "cv.json"]);
    assert_eq!(code, 0, "{err}");
    let toml = std::fs::read_to_string(dir.path().join("cv.toml")).unwrap();
    assert!(toml.contains("lang = \"de\"") && toml.contains("title = \"Berufserfahrung\""));
    let (code, out, err) = common::run_in(dir.path(), &["export", "--format", "txt", "cv.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("März 2021 – heute"), "{out}");
    let (code, _, err) = common::run_in(
        dir.path(),
        &["import", "--lang", "jpn", "cv.json", "-o", "x.toml"],
    );
    assert_eq!(code, 1);
    assert!(err.contains("unknown language `jpn`"), "{err}");
    assert!(err.contains("did you mean `ja`?"), "{err}");
    assert!(!dir.path().join("x.toml").exists());
}

// ---------------------------------------------------------------------------
// The German example

#[test]
fn the_german_example_extracts_as_its_words_in_german() {
    let source = std::fs::read_to_string(common::root().join("examples/german.toml")).unwrap();
    let compiled = resume::compile(&source, None).expect("compiles");
    assert!(
        compiled.laid.warnings.is_empty(),
        "{:?}",
        compiled.laid.warnings
    );
    assert!(compiled.laid.overflow().is_none());
    let words = compiled.laid.document.words();
    let text = words.join(" ");
    for german in [
        "Apr. 2021 – heute",
        "„langweilige“",
        "Berufserfahrung",
        "Sept. 2017 – März 2021",
    ] {
        assert!(text.contains(german), "{german} in {text}");
    }
    if !common::tool("pdftotext") {
        return;
    }
    let dir = common::TempDir::new("german");
    let pdf = dir.write("german.pdf", &compiled.pdf);
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let extracted: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    assert_eq!(extracted, words);
}
