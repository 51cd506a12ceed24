//! JSON Resume import and export, and the plain-text and Markdown exports.
//!
//! Each fixture under `tests/fixtures/jsonresume/` is imported; the TOML
//! must parse and compile (the long one must overflow), export back to the
//! same content, and show every word of the JSON's visible text fields.

mod common;

use proptest::prelude::*;
use resume::document::{Body, Document};
use resume::interop::jsonresume::{Imported, export_json, import_json, import_yaml};
use resume::interop::text::{export_markdown, export_text};
use serde_json::{Map, Value};

/// What compiling a fixture's TOML must give.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expect {
    Fits,
    Overflows,
}

const FIXTURES: &[(&str, Expect)] = &[
    ("minimal.json", Expect::Fits),
    ("full.json", Expect::Fits),
    ("markup.json", Expect::Fits),
    ("non-latin.json", Expect::Fits),
    ("long.json", Expect::Overflows),
    ("resume.yaml", Expect::Fits),
];

fn fixture(name: &str) -> String {
    let path = common::root().join("tests/fixtures/jsonresume").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The fixture as a JSON value and its import.
fn load(name: &str) -> (Value, Imported) {
    let text = fixture(name);
    if name.ends_with(".yaml") {
        let value: Value = serde_yaml::from_str(&text).expect("fixture is YAML");
        (value, import_yaml(&text).expect("imports"))
    } else {
        let value: Value = serde_json::from_str(&text).expect("fixture is JSON");
        (value, import_json(&text).expect("imports"))
    }
}

/// The document the TOML selects, without layout.
fn document(toml: &str) -> Document {
    let session =
        resume::Session::new(toml, resume::Options::default()).expect("the generated TOML parses");
    session.select(None).expect("the generated TOML selects").0
}

// ---------------------------------------------------------------------------
// Normalisation for the round trip, written independently of the library.

const DATE_KEYS: &[&str] = &["startDate", "endDate", "date", "releaseDate"];

/// `YYYY-MM-DD` (possibly with a time) as `YYYY-MM`; other dates unchanged.
fn month(date: &str) -> String {
    let t = date.trim();
    let b = t.as_bytes();
    let ymd = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    if ymd { t[..7].to_owned() } else { t.to_owned() }
}

/// The last path segment of a URL, without a leading `@`.
fn last_segment(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let mut parts = rest.split('/').filter(|s| !s.is_empty());
    parts.next();
    parts
        .next_back()
        .map(|s| s.trim_start_matches('@').to_owned())
}

/// Empty values dropped, scalars as text, dates as the TOML holds them,
/// networks in lower case, usernames filled in from URLs, and the fields
/// the TOML has no place for (`$schema`, `meta`, `basics.image`) removed.
fn normalise(value: &Value, key: &str) -> Option<Value> {
    match value {
        Value::Null => None,
        Value::Bool(b) => Some(Value::String(b.to_string())),
        Value::Number(n) => normalise(&Value::String(n.to_string()), key),
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) if DATE_KEYS.contains(&key) => {
            let m = month(s);
            (!(key == "endDate" && m.eq_ignore_ascii_case("present"))).then_some(Value::String(m))
        }
        Value::String(s) if key == "network" => Some(Value::String(s.to_lowercase())),
        Value::String(_) => Some(value.clone()),
        Value::Array(items) => {
            let items: Vec<Value> = items.iter().filter_map(|v| normalise(v, key)).collect();
            (!items.is_empty()).then_some(Value::Array(items))
        }
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                if matches!(k.as_str(), "$schema" | "meta" | "image") {
                    continue;
                }
                if let Some(v) = normalise(v, k) {
                    out.insert(k.clone(), v);
                }
            }
            if key == "profiles"
                && !out.contains_key("username")
                && let Some(user) = out
                    .get("url")
                    .and_then(Value::as_str)
                    .and_then(last_segment)
            {
                out.insert("username".to_owned(), Value::String(user));
            }
            (!out.is_empty()).then_some(Value::Object(out))
        }
    }
}

fn normalised(value: &Value) -> Value {
    normalise(value, "").unwrap_or(Value::Null)
}

// ---------------------------------------------------------------------------
// The words the layout must show.

/// Keys whose values are not printed as written (addresses, dates).
const HIDDEN: &[&str] = &[
    "url",
    "startDate",
    "endDate",
    "date",
    "releaseDate",
    "$schema",
    "image",
    "meta",
];

fn shown_words(value: &Value, key: &str, out: &mut Vec<String>) {
    if HIDDEN.contains(&key) {
        return;
    }
    match value {
        Value::String(s) => out.extend(s.split_whitespace().map(str::to_owned)),
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(items) => items.iter().for_each(|v| shown_words(v, key, out)),
        Value::Object(map) if key == "profiles" && map.contains_key("url") => {
            // A profile with a URL is a link labelled with its network.
            if let Some(network) = map.get("network").and_then(Value::as_str) {
                out.push(network.to_lowercase());
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                shown_words(v, k, out);
            }
        }
        _ => {}
    }
}

/// A word without the separators the page adds around fields.
fn bare(word: &str) -> &str {
    word.trim_matches([',', ':', ';', '(', ')'])
}

// ---------------------------------------------------------------------------

#[test]
fn fixtures_import_compile_and_round_trip() {
    for &(name, expect) in FIXTURES {
        let (input, imported) = load(name);
        let toml = &imported.toml;
        let stray: Vec<&String> = imported
            .warnings
            .iter()
            .filter(|w| w.contains("export back") || w.contains("generated TOML"))
            .collect();
        assert!(stray.is_empty(), "{name}: {stray:#?}");

        // Parses, and compiles or overflows as expected.
        let doc = document(toml);
        match (resume::compile(toml, None), expect) {
            (Ok(out), Expect::Fits) => assert!(out.laid.overflow().is_none()),
            (Err(diags), Expect::Overflows) => assert!(
                diags
                    .iter()
                    .any(|d| d.message.contains("overflows the page")),
                "{name}: {diags:#?}"
            ),
            (Ok(_), Expect::Overflows) => panic!("{name}: expected an overflow"),
            (Err(diags), Expect::Fits) => panic!("{name}: {diags:#?}"),
        }

        // Exports back to the same content.
        let exported: Value = serde_json::from_str(&export_json(&doc)).expect("export is JSON");
        assert_eq!(
            exported["$schema"],
            "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
        );
        assert_eq!(
            normalised(&exported),
            normalised(&input),
            "{name}: the export differs from the input"
        );

        // Every word of the visible text fields is on the page.
        if expect == Expect::Fits {
            let laid = common::lay_out(toml).expect("lays out");
            let page: std::collections::BTreeSet<String> = laid
                .document
                .words()
                .iter()
                .map(|w| bare(w).to_owned())
                .collect();
            let mut words = Vec::new();
            shown_words(&input, "", &mut words);
            assert!(!words.is_empty());
            for word in &words {
                assert!(
                    page.contains(bare(word)),
                    "{name}: `{word}` is not on the page"
                );
            }
        }
    }
}

#[test]
fn the_long_fixture_builds_with_trim_after_import() {
    // The import marks what résumé advice gives up first, so --trim works
    // on the imported file straight away: without it the overflow error
    // carries the plan (marked items first), with it exactly that plan goes.
    let (_, imported) = load("long.json");
    assert!(imported.toml.contains("priority = 2 },\n"));
    let failure = resume::Session::new(imported.toml.as_str(), resume::Options::default())
        .unwrap()
        .compile(None)
        .expect_err("overflows without trimming");
    let plan = failure.cut_plan.expect("the overflow carries a plan");
    assert!(plan.fits, "{plan:?}");
    let marked = plan
        .items
        .iter()
        .take_while(|t| t.priority == Some(2))
        .count();
    assert!(marked > 0 && marked < plan.items.len(), "{plan:?}");

    let dir = common::TempDir::new("interop-long-trim");
    dir.write("long.json", fixture("long.json"));
    let (code, _, stderr) = common::run_in(dir.path(), &["import", "long.json"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = common::run_in(
        dir.path(),
        &["build", "--trim", "--format", "json", "long.toml"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("long.pdf").exists());
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let trimmed = report["fit"]["trimmed"].as_array().unwrap();
    let what: Vec<&str> = trimmed
        .iter()
        .map(|t| t["what"].as_str().unwrap())
        .collect();
    let planned: Vec<&str> = plan.items.iter().map(|t| t.what.as_str()).collect();
    assert_eq!(what, planned, "--trim drops exactly the plan");
    let dropped: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["message"].as_str()?.strip_prefix("dropped "))
        .collect();
    assert_eq!(dropped.len(), planned.len(), "each drop is reported");
    for (d, w) in dropped.iter().zip(&planned) {
        assert_eq!(*d, format!("{w} to fit the page"));
    }
}

#[test]
fn generated_toml_marks_what_goes_first() {
    let (_, imported) = load("full.json");
    assert!(imported.toml.contains("--trim drops exactly that"));
    let doc = document(&imported.toml);
    let priority = |title: &str| {
        doc.sections
            .iter()
            .find(|s| s.title.text() == title)
            .map(|s| s.priority)
            .expect(title)
    };
    assert_eq!(priority("References"), Some(4));
    assert_eq!(priority("Interests"), Some(4));
    assert_eq!(priority("Languages"), Some(3));
    assert_eq!(priority("Experience"), None);
    assert_eq!(priority("Skills"), None);

    // Twelve jobs of six bullets: the newest two keep every bullet
    // unmarked; the others' bullets after the first are 2.
    let (_, imported) = load("long.json");
    let doc = document(&imported.toml);
    let Body::Entries(jobs) = &doc.sections[1].body else {
        panic!("experience has entries")
    };
    let marked: Vec<usize> = jobs
        .iter()
        .map(|j| j.bullets.iter().filter(|b| b.priority == Some(2)).count())
        .collect();
    assert_eq!(marked.iter().filter(|&&m| m == 0).count(), 2, "{marked:?}");
    assert!(marked.iter().all(|&m| m == 0 || m == 5), "{marked:?}");
    assert!(jobs.iter().all(|j| j.bullets[0].priority.is_none()));
}

#[test]
fn import_reports_what_it_cannot_carry() {
    let (_, imported) = load("full.json");
    let w = imported.warnings.join("\n");
    for expected in [
        "basics.image: no place in resume.toml",
        "meta: no place in resume.toml",
        "work[0].startDate: the day of 2021-03-15 is dropped",
        "awards[0].date: the day of 2022-11-01 is dropped",
    ] {
        assert!(w.contains(expected), "missing `{expected}` in:\n{w}");
    }
    assert_eq!(imported.warnings.len(), 4, "{w}");
    for name in [
        "minimal.json",
        "markup.json",
        "non-latin.json",
        "resume.yaml",
    ] {
        let (_, imported) = load(name);
        assert!(
            imported.warnings.is_empty(),
            "{name}: {:#?}",
            imported.warnings
        );
    }
}

/// Text the bundled fonts cannot print gets a pointer to `[fonts] fallback`.
#[test]
fn generated_toml_points_non_latin_text_to_fallback_fonts() {
    let (_, imported) = load("non-latin.json");
    assert!(
        imported.toml.contains("# [fonts]\n# fallback = ["),
        "{}",
        imported.toml
    );
    assert!(imported.toml.contains("(山田太郎"), "names the characters");
    let (_, imported) = load("full.json");
    assert!(!imported.toml.contains("# [fonts]"));
}

#[test]
fn generated_toml_is_commented_and_named() {
    let (_, imported) = load("full.json");
    let toml = &imported.toml;
    assert!(toml.starts_with("# "));
    assert!(toml.contains("resume build"));
    assert!(toml.contains("tags = ["));
    assert!(toml.contains("# [variants."));
    assert!(toml.contains("smart_punctuation = false"));
    // The conventional order, every section with an id.
    let titles: Vec<&str> = toml
        .lines()
        .filter_map(|l| l.strip_prefix("title = \""))
        .filter(|t| {
            [
                "Summary\"",
                "Experience\"",
                "Education\"",
                "Projects\"",
                "Skills\"",
                "Volunteering\"",
                "Awards\"",
            ]
            .contains(t)
        })
        .collect();
    assert_eq!(
        titles,
        [
            "Summary\"",
            "Experience\"",
            "Education\"",
            "Projects\"",
            "Skills\"",
            "Volunteering\"",
            "Awards\""
        ]
    );
    let value: toml::Value = toml::from_str(toml).expect("TOML");
    let ids: Vec<&str> = value["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| s["id"].as_str().expect("every section has an id"))
        .collect();
    assert_eq!(
        ids,
        [
            "summary",
            "work",
            "education",
            "projects",
            "skills",
            "volunteer",
            "awards",
            "certificates",
            "publications",
            "languages",
            "interests",
            "references",
            "profiles"
        ]
    );
    // Profiles become links labelled with the network in lower case.
    assert!(toml.contains("{ label = \"github\", url = \"https://github.com/gsample\" }"));
    assert!(toml.contains("dates = { start = \"2021-03\", end = \"present\" }"));
}

#[test]
fn markup_characters_are_escaped() {
    let (_, imported) = load("markup.json");
    let toml = &imported.toml;
    assert!(toml.contains(r"name = 'Max \*Star\* Müller_Smith'"));
    assert!(toml.contains(r"'Ends with a backslash \\'"));
    assert!(toml.contains(r"'\[x](https://example.com) looks like a link but is text'"));
    let doc = document(toml);
    assert_eq!(doc.name.text(), "Max *Star* Müller_Smith");
    assert!(
        doc.name
            .spans
            .iter()
            .all(|s| s.link.is_none() && !s.style.bold && !s.style.italic && !s.style.code)
    );
}

#[test]
fn yaml_and_json_import_alike() {
    let json = fixture("full.json");
    let value: Value = serde_json::from_str(&json).expect("JSON");
    let yaml = serde_yaml::to_string(&value).expect("YAML");
    assert_eq!(
        import_yaml(&yaml).expect("imports"),
        import_json(&json).expect("imports")
    );
}

#[test]
fn ambiguities_are_reported_not_hidden() {
    let json = r#"{
        "basics": { "name": "A", "image": "x.png", "email": "not-an-address", "phone": "n/a" },
        "work": [
            { "position": "Freelancer" },
            { "name": "Acme", "startDate": "2024-07-15", "endDate": "2020-01" }
        ],
        "skills": [ { "name": "Cloud (AWS)" } ],
        "education": [ { "institution": "U", "startDate": "2024-13" } ],
        "projects": [ { "name": "p", "url": "https://x.org/a)b" } ],
        "extra": { "anything": true }
    }"#;
    let imported = import_json(json).expect("imports");
    let w = imported.warnings.join("\n");
    for expected in [
        "basics.image: no place",
        "basics.email: `not-an-address` is not an e-mail address",
        "basics.phone: `n/a` is not a phone number",
        "work[0].position: \"Freelancer\" would export back as nothing",
        "work[1]: startDate 2024-07 is after endDate 2020-01",
        "skills[0].name: \"Cloud (AWS)\" would export back as \"Cloud\"",
        "education[0].startDate: 2024-13 is not a date",
        "extra: no place in resume.toml",
        "projects[0].url: `https://x.org/a)b` cannot be written as a link",
    ] {
        assert!(w.contains(expected), "missing `{expected}` in:\n{w}");
    }
    // Each problem is reported once: a dropped field is not also a difference.
    assert!(!w.contains("projects[0].url: \""), "{w}");
    resume::compile(&imported.toml, None).expect("still compiles");
}

#[test]
fn older_schema_keys_are_read() {
    let json = r#"{
        "basics": { "name": "A", "website": "https://a.dev" },
        "work": [ { "company": "C", "position": "P", "website": "https://c.example" } ],
        "education": [ { "institution": "U", "gpa": "3.9" } ]
    }"#;
    let imported = import_json(json).expect("imports");
    assert_eq!(
        imported.warnings,
        [
            "basics.website: read as `url`, its name in schema v1",
            "work[0].company: read as `name`, its name in schema v1",
            "work[0].website: read as `url`, its name in schema v1",
            "education[0].gpa: read as `score`, its name in schema v1",
        ]
    );
    let json: Value = serde_json::from_str(&export_json(&document(&imported.toml))).expect("JSON");
    assert_eq!(json["basics"]["url"], "https://a.dev");
    assert_eq!(json["work"][0]["name"], "C");
    assert_eq!(json["work"][0]["url"], "https://c.example");
    assert_eq!(json["education"][0]["score"], "3.9");
}

#[test]
fn odd_shapes_never_panic() {
    for json in [
        "null",
        "[]",
        "\"text\"",
        "{}",
        r#"{"basics": null}"#,
        r#"{"basics": [], "work": {}, "skills": 5}"#,
        r#"{"work": [{"highlights": "one"}, 3, [], {"name": {"deep": [1]}}]}"#,
        r#"{"basics": {"name": "", "profiles": [{"url": "has space"}, {"network": "X"}]}}"#,
        r#"{"projects": [{"url": "https://x.org/a)b", "name": "p"}]}"#,
        r#"{"basics": {"name": "\u0001\u007f\ttab", "summary": "a\r\nb"}}"#,
    ] {
        if let Ok(imported) = import_json(json) {
            resume::model::parse(&imported.toml)
                .unwrap_or_else(|e| panic!("{json}: {e:?}\n{}", imported.toml));
        }
    }
    assert!(import_json("[]").is_err());
    assert!(import_yaml(": : :\n\t- [").is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any text survives the trip: escaped in the TOML, literal in the
    /// document, the same in the export.
    #[test]
    fn any_text_round_trips(
        position in "[ -~]{1,40}",
        highlight in "\\PC{1,60}",
        keyword in "[a-zA-Z*`\\[\\]\\\\_$ (]{1,20}",
    ) {
        let input = serde_json::json!({
            "basics": { "name": "P" },
            "work": [{ "name": "Org", "position": position, "highlights": [highlight] }],
            "skills": [{ "name": "S", "keywords": [keyword] }],
        });
        let imported = import_json(&input.to_string()).expect("imports");
        let doc = document(&imported.toml);
        let exported: Value = serde_json::from_str(&export_json(&doc)).expect("JSON");
        prop_assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        prop_assert_eq!(normalised(&exported), normalised(&input));
    }
}

/// Keys of the JSON Resume schema, and two it does not have.
const KEYS: &[&str] = &[
    "basics",
    "name",
    "label",
    "email",
    "phone",
    "url",
    "summary",
    "location",
    "city",
    "countryCode",
    "profiles",
    "network",
    "username",
    "work",
    "position",
    "startDate",
    "endDate",
    "highlights",
    "education",
    "institution",
    "area",
    "studyType",
    "score",
    "courses",
    "skills",
    "level",
    "keywords",
    "projects",
    "roles",
    "type",
    "entity",
    "awards",
    "title",
    "date",
    "languages",
    "language",
    "fluency",
    "volunteer",
    "organization",
    "references",
    "reference",
    "publications",
    "releaseDate",
    "certificates",
    "issuer",
    "interests",
    "image",
    "x",
];

/// Values shaped loosely like JSON Resume: schema keys, odd types, dates.
fn loose_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(Value::from),
        prop::sample::select(vec![
            "2024-07-15",
            "2024-07",
            "2024",
            "present",
            "1850",
            "2024-13",
            "Fall 2025",
            "a@b.c",
            "https://x.org/a_(b)",
            "https://x.org/a)b",
            "has space",
            "",
            "*",
            "`",
            "[x](y)",
            "\\",
            "Cloud (AWS)",
            "a, b",
        ])
        .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the shape, the import does not panic and its TOML parses
    /// and selects. Most documents get a name (where `basics` is an object
    /// or missing), so that the import goes on past the name check.
    #[test]
    fn any_shape_imports_to_valid_toml(
        fields in prop::collection::vec((prop::sample::select(KEYS), loose_value()), 0..8),
        named in prop::bool::weighted(0.8),
    ) {
        let mut map: Map<String, Value> =
            fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        if named
            && let Value::Object(basics) =
                map.entry("basics").or_insert_with(|| Value::Object(Map::new()))
        {
            basics.entry("name").or_insert_with(|| Value::from("P"));
        }
        let value = Value::Object(map);
        match import_json(&value.to_string()) {
            Ok(imported) => {
                let session =
                    resume::Session::new(imported.toml.as_str(), resume::Options::default());
                prop_assert!(session.is_ok(), "{}", imported.toml);
                if let Ok(session) = session {
                    prop_assert!(session.select(None).is_ok());
                }
                prop_assert!(!imported.warnings.iter().any(|w| w.contains("generated TOML")));
            }
            // Without a name the import stops; nothing else stops it.
            Err(d) => prop_assert!(
                d.message.contains("name")
                    || d.message.contains("basics")
                    || d.message.starts_with("a JSON Resume document is an object"),
                "{d:?}"
            ),
        }
    }
}

/// Any text, control characters and markup characters likely.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f\\x7f-\\x9f a-z*`\\[\\]\\\\\"'\u{200b}]{0,16}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any strings, control characters included, in the text fields: the
    /// TOML the import writes parses and selects, from JSON and from YAML
    /// alike, and only a name with nothing to print stops the import.
    #[test]
    fn any_strings_import_to_toml_that_builds(
        name in any_text(),
        t in prop::collection::vec(any_text(), 12),
    ) {
        let input = serde_json::json!({
            "basics": {
                "name": name, "label": t[0], "summary": t[1], "email": t[2],
                "location": { "city": t[3] },
                "profiles": [{ "network": t[4], "username": t[5] }],
            },
            "work": [{
                "name": t[6], "position": t[7], "highlights": [t[8], t[9]], "startDate": t[10],
            }],
            "skills": [{ "name": t[11], "keywords": [t[0]] }],
            "education": [{ "institution": t[1], "courses": [t[2], t[3]] }],
        });
        let from_json = import_json(&input.to_string());
        let yaml = serde_yaml::to_string(&input).expect("YAML");
        let message = |r: &Result<Imported, resume::diag::Diagnostic>| {
            r.as_ref().map_err(|d| d.message.clone()).cloned()
        };
        prop_assert_eq!(message(&import_yaml(&yaml)), message(&from_json));
        match from_json {
            Ok(imported) => {
                let session =
                    resume::Session::new(imported.toml.as_str(), resume::Options::default());
                prop_assert!(session.is_ok(), "{}", imported.toml);
                if let Ok(session) = session {
                    prop_assert!(session.select(None).is_ok(), "{}", imported.toml);
                }
            }
            Err(d) => {
                prop_assert_eq!(&d.message, "the name is empty");
                prop_assert!(!name.chars().any(char::is_alphanumeric), "{:?}", name);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Plain text and Markdown.

const SMALL: &str = r#"
[person]
name = "Ada Example"
headline = "Backend Engineer"
email = "ada@example.com"
location = "Brooklyn, NY"
links = [{ label = "github", url = "https://github.com/ada" }]

[[sections]]
title = "Experience"

[[sections.entries]]
title = "Senior Engineer"
org = "Example Corp"
location = "Remote"
dates = { start = "2024-07", end = "present" }
subtitle = "Platform team | [blog](https://example.com/blog)"
details = ["Relevant: *distributed* systems"]
bullets = ["Cut latency by **40%** with `Redis`", "Wrote 1. docs"]

[[sections]]
title = "Skills"
skills = [{ label = "Languages", items = "Rust, Go" }]

[[sections]]
title = "Summary"
text = "Builds *fast* things_and_more."
"#;

#[test]
fn text_export_shape() {
    let text = export_text(&document(SMALL));
    let expected = "\
Ada Example
Backend Engineer
ada@example.com | Brooklyn, NY | github (https://github.com/ada)

Experience
Senior Engineer, Example Corp, Remote | Jul 2024 – Present
Platform team | blog (https://example.com/blog)
Relevant: distributed systems
- Cut latency by 40% with Redis
- Wrote 1. docs

Skills
Languages: Rust, Go

Summary
Builds fast things_and_more.
";
    assert_eq!(text, expected);
}

#[test]
fn markdown_export_shape() {
    let md = export_markdown(&document(SMALL));
    let expected = "\
# Ada Example

Backend Engineer

[ada@example.com](mailto:ada@example.com) • Brooklyn, NY • [github](https://github.com/ada)

## Experience

### Senior Engineer, Example Corp, Remote | Jul 2024 – Present

*Platform team |* [*blog*](https://example.com/blog)

Relevant: *distributed* systems

- Cut latency by **40%** with `Redis`
- Wrote 1. docs

## Skills

- **Languages:** Rust, Go

## Summary

Builds *fast* things\\_and\\_more.
";
    assert_eq!(md, expected);
}

#[test]
fn markdown_export_never_turns_a_link_into_an_image() {
    let toml = r#"
[person]
name = "Ada Example"

[[sections]]
title = "Languages: C #"
text = "Wow![the demo](https://e.com), ! [spaced](https://e.com) and AT&T &amp; co."
"#;
    let md = export_markdown(&document(toml));
    assert!(
        md.contains("Wow\\![the demo](https://e.com), ! [spaced](https://e.com)"),
        "{md}"
    );
    // Every `![` left is escaped: no remote image loads when the file is shown.
    for (at, _) in md.match_indices("![") {
        assert!(md[..at].ends_with('\\'), "an image at {at}: {md}");
    }
    assert!(md.contains("## Languages: C \\#\n"), "{md}");
    assert!(md.contains("AT&T \\&amp; co."), "{md}");
}

#[test]
fn exports_of_the_seed_resume() {
    let source = std::fs::read_to_string(common::root().join("resume.toml")).expect("resume.toml");
    let doc = document(&source);
    let name = doc.name.text();

    let text = export_text(&doc);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], name);
    for markup in ["**", "](", "`"] {
        assert!(!text.contains(markup), "plain text holds `{markup}`");
    }
    let md = export_markdown(&doc);
    assert!(md.starts_with(&format!("# {name}\n")));
    for section in &doc.sections {
        let title = section.title.text();
        assert!(lines.contains(&title.as_str()), "no heading {title}");
        assert!(md.contains(&format!("\n## {title}\n")));
        match &section.body {
            Body::Entries(entries) => {
                for entry in entries {
                    let line = lines
                        .iter()
                        .find(|l| l.starts_with(&entry.title.text()))
                        .unwrap_or_else(|| panic!("no line for {}", entry.title.text()));
                    if let Some(dates) = &entry.dates {
                        assert!(line.ends_with(&format!(" | {}", dates.text())), "{line}");
                    }
                    for bullet in &entry.bullets {
                        let plain = format!("- {}", bullet.text.text());
                        assert!(lines.contains(&plain.as_str()), "missing {plain}");
                    }
                }
            }
            Body::Skills(rows) => {
                for row in rows {
                    let plain = format!("{}: {}", row.label.text(), row.items.text());
                    assert!(lines.contains(&plain.as_str()), "missing {plain}");
                }
            }
            Body::Text(t) => assert!(lines.contains(&t.text().as_str())),
        }
    }

    // Best effort into JSON Resume: sections by title.
    let json: Value = serde_json::from_str(&export_json(&doc)).expect("JSON");
    assert_eq!(json["basics"]["name"], name.as_str());
    for key in ["work", "education", "skills"] {
        assert!(
            json[key].as_array().is_some_and(|a| !a.is_empty()),
            "no {key} in {json:#}"
        );
    }
    // And that export imports again.
    let again = import_json(&json.to_string()).expect("imports");
    resume::model::parse(&again.toml).expect("parses");
}

#[test]
fn export_maps_sections_by_title() {
    let toml = r#"
[person]
name = "B"
links = [
  { label = "b.dev", url = "https://b.dev/" },
  { label = "mastodon", url = "https://fosstodon.org/@b" },
  { label = "gitlab: bee", url = "https://gitlab.com/someone-else" },
]

[[sections]]
title = "About"
text = "Hello."

[[sections]]
title = "Open Source"
[[sections.entries]]
title = "[tool](https://x.org/tool)"
subtitle = "A tool"
details = ["Tech Stack: Rust, Go", "Used widely"]

[[sections]]
title = "Teaching"
[[sections.entries]]
title = "Lecturer"
org = "Uni"
dates = "2020"

[[sections]]
title = "Honors"
[[sections.entries]]
title = "Prize"
org = "Society"
dates = "Fall 2019"

[[sections]]
title = "Hobbies"
skills = [{ label = "Chess", items = "blitz, endgames" }]
"#;
    let json: Value = serde_json::from_str(&export_json(&document(toml))).expect("JSON");
    assert_eq!(json["basics"]["summary"], "Hello.");
    assert_eq!(json["basics"]["url"], "https://b.dev/");
    assert_eq!(json["basics"]["profiles"][0]["network"], "Mastodon");
    assert_eq!(json["basics"]["profiles"][0]["username"], "b");
    assert_eq!(json["basics"]["profiles"][1]["network"], "GitLab");
    assert_eq!(json["basics"]["profiles"][1]["username"], "bee");
    let project = &json["projects"][0];
    assert_eq!(project["name"], "tool");
    assert_eq!(project["url"], "https://x.org/tool");
    assert_eq!(project["keywords"], serde_json::json!(["Rust", "Go"]));
    assert_eq!(project["description"], "A tool\nUsed widely");
    assert_eq!(json["work"][0]["position"], "Lecturer");
    assert_eq!(json["work"][0]["name"], "Uni");
    assert_eq!(json["work"][0]["endDate"], "2020");
    assert_eq!(json["awards"][0]["date"], "Fall 2019");
    assert_eq!(json["awards"][0]["awarder"], "Society");
    assert_eq!(
        json["interests"][0]["keywords"],
        serde_json::json!(["blitz", "endgames"])
    );
}
