//! Broken and hostile JSON Resume inputs (JSON and YAML), the way the
//! corpus runs broken TOML: each case is written to a temporary folder and
//! run through the binary (`resume import` and `resume build`), which must
//! exit 1 with the case's message, leave the input byte-identical and
//! write nothing; the library's diagnostic must point at the case's
//! `file:line:col` in the JSON or YAML text. Inputs that are too big or
//! too deep are generated at run time.

mod common;

use std::time::{Duration, Instant};

use common::TempDir;
use resume::diag::{Diagnostic, Source, render};
use resume::interop::jsonresume::{Imported, import_json, import_yaml};

/// One hostile input and what must come of it.
struct Case {
    /// The case's name in reports.
    name: &'static str,
    /// The input's file name: its extension picks JSON or YAML.
    file: &'static str,
    /// The input.
    text: String,
    /// The error's message.
    message: &'static str,
    /// `line:col` of the error in the input (empty: no location).
    at: &'static str,
}

/// A case written out in full.
fn case(
    name: &'static str,
    file: &'static str,
    text: &str,
    message: &'static str,
    at: &'static str,
) -> Case {
    Case {
        name,
        file,
        text: text.to_owned(),
        message,
        at,
    }
}

/// Every committed case.
fn cases() -> Vec<Case> {
    let long = "x".repeat(6_000);
    let many: Vec<String> = (0..2_100).map(|i| format!("\"h{i}\"")).collect();
    vec![
        case(
            "json-syntax-trailing-comma",
            "cv.json",
            "{\n  \"basics\": {\n    \"name\": \"Ada\",\n  }\n}\n",
            "not valid JSON: trailing comma",
            "3:18",
        ),
        case(
            "json-syntax-missing-comma",
            "cv.json",
            "{\n  \"basics\": { \"name\": \"Ada\" }\n  \"work\": []\n}\n",
            "not valid JSON: expected `,` or `}`",
            "3:3",
        ),
        case(
            "json-duplicate-key",
            "cv.json",
            "{\n  \"basics\": {\n    \"name\": \"Ada\",\n    \"name\": \"Grace\"\n  }\n}\n",
            "duplicate key `name`",
            "4:5",
        ),
        case(
            "json-duplicate-key-deep",
            "cv.json",
            "{\"basics\": {\"name\": \"Ada\"},\n \"work\": [{\"name\": \"A\"},\n  {\"name\": \"B\", \"position\": \"x\", \"position\": \"y\"}]}\n",
            "duplicate key `position`",
            "3:34",
        ),
        case(
            "json-empty-object",
            "cv.json",
            "{}\n",
            "missing field `basics`",
            "1:1",
        ),
        case(
            "json-no-name",
            "cv.json",
            "{\n  \"basics\": { \"label\": \"Engineer\" }\n}\n",
            "missing field `name`",
            "2:13",
        ),
        case(
            "json-blank-name",
            "cv.json",
            "{\"basics\": {\"name\": \" \\u200b\\u0000 \"}}",
            "the name is empty",
            "1:21",
        ),
        case(
            "json-basics-not-object",
            "cv.json",
            "{\"basics\": \"Ada\"}",
            "`basics` is text, not an object",
            "1:12",
        ),
        case(
            "json-top-level-list",
            "cv.json",
            "[\n  {\"basics\": {\"name\": \"Ada\"}}\n]\n",
            "a JSON Resume document is an object at the top level, not a list",
            "1:1",
        ),
        case(
            "json-long-field",
            "cv.json",
            &format!(
                "{{\"basics\": {{\"name\": \"Ada\"}},\n \"work\": [{{\"summary\": \"{long}\"}}]}}"
            ),
            "this text is 6000 characters long; the limit is 5000",
            "2:23",
        ),
        case(
            "json-too-many-items",
            "cv.json",
            &format!(
                "{{\"basics\": {{\"name\": \"Ada\"}}, \"work\": [{{\"name\": \"A\", \"highlights\": [{}]}}]}}",
                many.join(",")
            ),
            "converted to TOML, this résumé would not build: the résumé has 2102 sections, \
             entries, bullets, details, skill rows and links; the limit is 2000",
            "",
        ),
        case(
            "yaml-syntax-unclosed-flow",
            "cv.yaml",
            "basics:\n  name: Ada\n  profiles: [a, b\nwork: []\n",
            "not valid YAML: did not find expected ',' or ']', while parsing a flow sequence at \
             line 3 column 13",
            "4:5",
        ),
        case(
            "yaml-duplicate-key",
            "cv.yaml",
            "basics:\n  name: Ada\nwork: []\nbasics:\n  name: Grace\n",
            "duplicate key `basics`",
            "4:1",
        ),
        case(
            "yaml-empty-mapping",
            "cv.yaml",
            "{}\n",
            "missing field `basics`",
            "1:1",
        ),
        case(
            "yaml-no-name",
            "cv.yaml",
            "basics:\n  label: Engineer\n",
            "missing field `name`",
            "2:3",
        ),
    ]
}

/// The inputs over the caps, made at run time.
fn generated() -> Vec<Case> {
    vec![
        Case {
            name: "json-100000-brackets",
            file: "cv.json",
            text: format!("{{\"basics\": {}", "[".repeat(100_000)),
            message: "lists and objects are nested more than 32 deep",
            at: "1:43",
        },
        Case {
            name: "yaml-100000-flow-brackets",
            file: "cv.yaml",
            text: format!("basics:\n  name: {}", "[".repeat(100_000)),
            message: "lists and mappings are nested more than 32 deep",
            at: "2:41",
        },
        Case {
            name: "yaml-hidden-flow-brackets",
            // In a block scalar, `- '` is text, but the check before
            // parsing reads a quoted scalar there and misses the brackets
            // after it; their number still bounds the parser's work.
            file: "cv.yaml",
            text: format!("a: |\n  - 'x\nb: {}", "[ ']', ".repeat(20_000)),
            message: "the file has more than 1000 `[` and `{`",
            at: "3:7004",
        },
        Case {
            name: "json-40mb",
            file: "cv.json",
            text: format!(
                "{{\"basics\": {{\"name\": \"Ada\", \"summary\": \"{}\"}}}}",
                "a".repeat(40 << 20)
            ),
            message: "the file is 40960 KiB; the limit is 256 KiB",
            at: "",
        },
    ]
}

/// The library's import of a case.
fn import(case: &Case) -> Result<Imported, Diagnostic> {
    if case.file.ends_with(".json") {
        import_json(&case.text)
    } else {
        import_yaml(&case.text)
    }
}

/// Import the case with the library; its error must say what and where.
fn check_library(case: &Case) -> Vec<String> {
    let start = Instant::now();
    let result = import(case);
    let elapsed = start.elapsed();
    let mut problems = Vec::new();
    if elapsed > Duration::from_secs(1) {
        problems.push(format!("took {elapsed:?}"));
    }
    let d = match result {
        Ok(_) => return vec!["imported without an error".to_owned()],
        Err(d) => d,
    };
    if d.message != case.message {
        problems.push(format!("message {:?}", d.message));
    }
    if d.message.starts_with(char::is_uppercase) || d.message.ends_with('.') {
        problems.push(format!("message not in the crate's style: {:?}", d.message));
    }
    if d.hints.is_empty() && !d.message.starts_with("not valid") {
        problems.push("no hint".to_owned());
    }
    let shown = render(
        &d,
        &Source {
            name: case.file,
            text: &case.text,
        },
        false,
    );
    let location = if case.at.is_empty() {
        format!("--> {}\n", case.file)
    } else {
        format!("--> {}:{}\n", case.file, case.at)
    };
    if !shown.contains(&location) {
        problems.push(format!("not at `{location}`:\n{shown}"));
    }
    problems
}

/// Run `import` and `build` on the case; both must fail with its message,
/// leave the input as it was and write nothing.
fn check_binary(case: &Case) -> Vec<String> {
    let dir = TempDir::new(&format!("import-{}", case.name));
    let input = dir.write(case.file, &case.text);
    let mut problems = Vec::new();
    for command in ["import", "build"] {
        let start = Instant::now();
        let (code, _, stderr) = common::run_in(dir.path(), &[command, case.file]);
        let elapsed = start.elapsed();
        if code != 1 {
            problems.push(format!("{command}: exit {code}: {stderr}"));
        }
        if !stderr.contains(&format!("error: {}\n", case.message)) {
            let head: String = stderr.chars().take(600).collect();
            problems.push(format!("{command}: no `{}` in:\n{head}", case.message));
        }
        if elapsed > Duration::from_secs(5) {
            problems.push(format!("{command}: took {elapsed:?}"));
        }
    }
    if std::fs::read(&input).ok().as_deref() != Some(case.text.as_bytes()) {
        problems.push("the input changed".to_owned());
    }
    if dir.files() != [case.file] {
        problems.push(format!("files written: {:?}", dir.files()));
    }
    problems
}

/// Check every case with `check`, and report every problem at once.
fn check_all(cases: &[Case], check: fn(&Case) -> Vec<String>) {
    let failures: Vec<String> = cases
        .iter()
        .flat_map(|case| {
            check(case)
                .into_iter()
                .map(move |p| format!("{}: {p}", case.name))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn errors_point_into_the_json_or_yaml() {
    check_all(&cases(), check_library);
    check_all(&generated(), check_library);
}

#[test]
fn the_binary_refuses_and_writes_nothing() {
    check_all(&cases(), check_binary);
    check_all(&generated(), check_binary);
}

/// What the binary prints must point into the JSON text as the library's
/// diagnostic does, at `cv.json:LINE:COL`.
#[test]
fn the_binary_points_into_the_json() {
    let failures: Vec<String> = cases()
        .iter()
        .filter(|case| !case.at.is_empty())
        .filter_map(|case| {
            let dir = TempDir::new(&format!("import-at-{}", case.name));
            dir.write(case.file, &case.text);
            let (_, _, stderr) = common::run_in(dir.path(), &["import", case.file]);
            let location = format!("--> {}:{}\n", case.file, case.at);
            (!stderr.contains(&location))
                .then(|| format!("{}: not at {location}{stderr}", case.name))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Control characters in JSON strings: the import removes those the
/// résumé cannot print, names the fields, and writes a TOML that builds.
#[test]
fn control_characters_are_removed_and_the_toml_builds() {
    let dir = TempDir::new("import-controls");
    let json = "{\"basics\": {\"name\": \"Ada\\u0000 Lovelace\", \"summary\": \"one\\r\\ntwo\\u0007\\u001bX\\u0085\"},\n \
                \"work\": [{\"name\": \"A\", \"highlights\": [\"tab\\there\", \"del\\u007f\"]}]}";
    dir.write("cv.json", json);
    let (code, _, stderr) = common::run_in(dir.path(), &["import", "cv.json"]);
    assert_eq!(code, 0, "{stderr}");
    for expected in [
        "basics.name: control characters removed (U+0000): the résumé cannot print them",
        "basics.summary: control characters removed (U+0007, U+001B, U+0085)",
        "work[0].highlights[1]: control characters removed (U+007F)",
    ] {
        assert!(stderr.contains(expected), "no `{expected}` in:\n{stderr}");
    }
    assert!(!stderr.contains("highlights[0]"), "{stderr}");
    let toml = std::fs::read_to_string(dir.path().join("cv.toml")).expect("the TOML");
    assert!(toml.contains("name = \"Ada Lovelace\""), "{toml}");
    assert!(toml.contains("text = \"one\\ntwoX\""), "{toml}");
    assert!(toml.contains("\"tab\\there\""), "{toml}");
    let (code, _, stderr) = common::run_in(dir.path(), &["check", "cv.toml"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = common::run_in(dir.path(), &["build", "cv.json"]);
    assert_eq!(code, 0, "{stderr}");
}
