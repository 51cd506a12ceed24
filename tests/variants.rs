//! Variants: tags, profiles, `--variant`, `--all`, the manifest, and
//! reproducible bytes.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::{TempDir, run_in};

fn seed() -> String {
    std::fs::read_to_string(common::root().join("resume.toml")).unwrap()
}

/// A session of `source` with default options.
fn session(source: &str) -> resume::Session<'static> {
    resume::Session::new(source, resume::Options::default()).expect("parses")
}

/// The variants of `source`, in order.
fn variant_names(source: &str) -> Vec<String> {
    session(source).variants().map(str::to_owned).collect()
}

/// The bullets a profile should keep, worked out from the raw TOML (not
/// through the library): untagged bullets stay; tagged ones stay unless a
/// tag is excluded, and when `include` is set they need an included tag.
fn expected_bullets(variant: &str) -> BTreeSet<String> {
    let value: toml::Value = toml::from_str(&seed()).unwrap();
    let profile = &value["variants"][variant];
    let list = |key: &str| -> BTreeSet<String> {
        profile
            .get(key)
            .and_then(|v| v.as_array())
            .map(|a| a.iter().map(|t| t.as_str().unwrap().to_owned()).collect())
            .unwrap_or_default()
    };
    // `extends` chains merge include and exclude lists.
    let (mut include, mut exclude) = (list("include"), list("exclude"));
    let mut parent = profile
        .get("extends")
        .and_then(|e| e.as_str())
        .map(str::to_owned);
    while let Some(name) = parent {
        let p = &value["variants"][name.as_str()];
        for (key, set) in [("include", &mut include), ("exclude", &mut exclude)] {
            if let Some(a) = p.get(key).and_then(|v| v.as_array()) {
                set.extend(a.iter().map(|t| t.as_str().unwrap().to_owned()));
            }
        }
        parent = p.get("extends").and_then(|e| e.as_str()).map(str::to_owned);
    }
    let keeps = |tags: Vec<String>| {
        tags.is_empty()
            || (!tags.iter().any(|t| exclude.contains(t))
                && (include.is_empty() || tags.iter().any(|t| include.contains(t))))
    };
    let tags_of = |v: &toml::Value| -> Vec<String> {
        v.get("tags")
            .and_then(|t| t.as_array())
            .map(|a| a.iter().map(|t| t.as_str().unwrap().to_owned()).collect())
            .unwrap_or_default()
    };
    let mut out = BTreeSet::new();
    for section in value["sections"].as_array().unwrap() {
        if !keeps(tags_of(section)) {
            continue;
        }
        for entry in section
            .get("entries")
            .and_then(|e| e.as_array())
            .into_iter()
            .flatten()
        {
            if !keeps(tags_of(entry)) {
                continue;
            }
            for bullet in entry
                .get("bullets")
                .and_then(|b| b.as_array())
                .into_iter()
                .flatten()
            {
                let (text, tags) = match bullet {
                    toml::Value::String(s) => (s.clone(), Vec::new()),
                    table => (table["text"].as_str().unwrap().to_owned(), tags_of(table)),
                };
                if keeps(tags) {
                    out.insert(text);
                }
            }
        }
    }
    out
}

/// The bullets the library selected for a variant, as source text.
fn selected_bullets(variant: &str) -> BTreeSet<String> {
    let source = seed();
    let (doc, _) = session(&source).select(Some(variant)).unwrap();
    let mut out = BTreeSet::new();
    for section in &doc.sections {
        if let resume::document::Body::Entries(entries) = &section.body {
            for entry in entries {
                for bullet in &entry.bullets {
                    // Recover the TOML text of the bullet from its span.
                    let raw = &source[bullet.span.clone()];
                    let text: toml::Value = toml::from_str(&format!("x = {raw}")).unwrap();
                    let text = match &text["x"] {
                        toml::Value::String(s) => s.clone(),
                        t => t["text"].as_str().unwrap().to_owned(),
                    };
                    out.insert(text);
                }
            }
        }
    }
    out
}

/// The seed résumé has at least two variants that keep different bullets,
/// each exactly the bullets its tags select.
#[test]
fn seed_variants_select_exactly_their_bullets() {
    let names = variant_names(&seed());
    assert!(names.len() >= 2, "{names:?}");
    let mut selections = BTreeSet::new();
    for name in &names {
        let expected = expected_bullets(name);
        assert_eq!(selected_bullets(name), expected, "variant {name}");
        selections.insert(expected.into_iter().collect::<Vec<_>>());
    }
    assert!(selections.len() >= 2, "variants select different bullets");
}

/// `build --all` writes every variant and the résumé as written as
/// one-page PDFs plus a manifest, and each PDF holds exactly its
/// document's words.
#[test]
fn build_all_writes_every_variant_and_a_manifest() {
    if !common::tool("pdftotext") || !common::tool("pdfinfo") {
        return;
    }
    let dir = TempDir::new("all");
    std::fs::write(dir.path().join("resume.toml"), seed()).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build", "--all"]);
    assert_eq!(code, 0, "{stderr}");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("dist/manifest.json")).unwrap(),
    )
    .unwrap();
    let documents = manifest["documents"].as_array().unwrap();
    let source = seed();
    let names = variant_names(&source);
    assert_eq!(documents.len(), names.len() + 1);
    for doc in documents {
        assert_eq!(doc["ok"], true);
        assert_eq!(doc["pages"], 1);
        for key in ["sha256", "bytes", "fill", "fit", "warnings"] {
            assert!(!doc[key].is_null(), "{key} in {doc}");
        }
        let pdf = dir.path().join("dist").join(doc["file"].as_str().unwrap());
        let bytes = std::fs::read(&pdf).unwrap();
        assert_eq!(doc["bytes"], bytes.len());
        let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
        assert!(String::from_utf8_lossy(&info.stdout).contains("Pages:           1"));
        let words: Vec<String> = String::from_utf8(
            Command::new("pdftotext")
                .args(["-enc", "UTF-8"])
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
        let variant = doc["variant"].as_str();
        let mut expected = common::lay_out_variant(&source, variant, resume::Options::default())
            .unwrap()
            .document
            .words();
        // The same words, each as often; poppler may read a right-aligned
        // date after the last lines of the page's last entry.
        let mut words = words;
        words.sort();
        expected.sort();
        assert_eq!(words, expected, "words of {}", pdf.display());
    }
}

/// Two `--all` runs, and one thread against every core, give the same bytes.
#[test]
fn all_is_reproducible_across_runs_and_thread_counts() {
    let dir = TempDir::new("repro");
    std::fs::write(dir.path().join("resume.toml"), seed()).unwrap();
    let mut manifests = Vec::new();
    for args in [
        &["build", "--all", "--out-dir", "a"][..],
        &["build", "--all", "--out-dir", "b"],
        &["build", "--all", "--out-dir", "c", "--jobs", "1"],
        &["build", "--all", "--out-dir", "d", "--jobs", "8"],
    ] {
        let (code, _, stderr) = run_in(dir.path(), args);
        assert_eq!(code, 0, "{stderr}");
        manifests
            .push(std::fs::read_to_string(dir.path().join(args[3]).join("manifest.json")).unwrap());
    }
    for m in &manifests[1..] {
        assert_eq!(
            *m, manifests[0],
            "manifests (with every sha256) are identical"
        );
    }
    for file in std::fs::read_dir(dir.path().join("a")).unwrap() {
        let name = file.unwrap().file_name();
        let a = std::fs::read(dir.path().join("a").join(&name)).unwrap();
        for other in ["b", "c", "d"] {
            assert_eq!(
                a,
                std::fs::read(dir.path().join(other).join(&name)).unwrap()
            );
        }
    }
}

/// `--variant NAME` builds one variant under its `output` name.
#[test]
fn build_one_variant() {
    let dir = TempDir::new("one");
    std::fs::write(dir.path().join("resume.toml"), seed()).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build", "--variant", "ml"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("aritro-roy-ml.pdf").is_file(), "{stderr}");
    let (code, _, stderr) = run_in(dir.path(), &["build", "--variant", "mll"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("unknown variant `mll`") && stderr.contains("did you mean `ml`?"),
        "{stderr}"
    );
}

const BROKEN: &str = r#"
[person]
name = "Ada Example"

[[sections]]
title = "Experience"

[[sections.entries]]
title = "Engineer"
bullets = [
  { text = "Built the storage engine", tags = ["backend"] },
  { text = "Trained the ranking model", tags = ["ml"] },
]

[variants.good]
include = ["backend"]

[variants.typo]
include = ["bakend"]

[variants.also-good]
exclude = ["backend"]
"#;

/// An unknown tag fails its variant with `line:col` and a suggestion; the
/// other variants are still written, and the exit code says something failed.
#[test]
fn one_failing_variant_does_not_stop_the_others() {
    let dir = TempDir::new("broken");
    std::fs::write(dir.path().join("cv.toml"), BROKEN).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build", "cv.toml", "--all"]);
    assert_eq!(code, 1);
    let line = BROKEN.lines().position(|l| l.contains("bakend")).unwrap() + 1;
    let col = BROKEN
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("\"bakend\"")
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!("cv.toml:{line}:{col}")),
        "{stderr}"
    );
    assert!(stderr.contains("unknown tag `bakend`") && stderr.contains("did you mean `backend`?"));
    assert!(
        stderr.contains("== typo =="),
        "the failure names its variant: {stderr}"
    );
    for file in ["cv.pdf", "cv-good.pdf", "cv-also-good.pdf"] {
        assert!(
            dir.path().join("dist").join(file).is_file(),
            "{file} written"
        );
    }
    assert!(!dir.path().join("dist/cv-typo.pdf").exists());
    let manifest = std::fs::read_to_string(dir.path().join("dist/manifest.json")).unwrap();
    assert!(manifest.contains("\"ok\": false"));

    // `check --all` reports the same, writes nothing, and fails: a pre-commit hook.
    let (code, _, stderr) = run_in(dir.path(), &["check", "cv.toml", "--all"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("unknown tag `bakend`"));

    // So does a plain `check`, which checks every profile, once per error.
    let (code, _, stderr) = run_in(dir.path(), &["check", "cv.toml"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr.matches("unknown tag `bakend`").count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("cv.toml:{line}:{col}")),
        "{stderr}"
    );
    // Building the résumé as written is not held up by a variant's typo.
    let (code, _, stderr) = run_in(dir.path(), &["build", "cv.toml"]);
    assert_eq!(code, 0, "{stderr}");
}

/// Overrides replace chosen fields; theme tweaks apply; `extends` inherits.
#[test]
fn overrides_theme_and_extends() {
    let source = seed();
    let ml = common::lay_out_variant(&source, Some("ml"), resume::Options::default()).unwrap();
    let headline = ml.document.headline.as_ref().unwrap().text();
    assert!(headline.starts_with("ML Systems Engineer"));
    let titles: Vec<String> = ml
        .document
        .sections
        .iter()
        .map(|s| s.title.text())
        .collect();
    assert_eq!(
        titles,
        ["Education", "Projects", "Experience", "Technical Skills"]
    );
    let sans =
        common::lay_out_variant(&source, Some("ml-sans"), resume::Options::default()).unwrap();
    assert_eq!(
        sans.document.settings.font,
        resume::document::FontChoice::Sans
    );
    assert_eq!(
        sans.document.words(),
        ml.document.words(),
        "ml-sans extends ml"
    );

    let bad = format!("{source}\n[variants.bad.override.nope]\ntitle = \"x\"\n");
    let err = session(&bad).select(Some("bad")).unwrap_err();
    assert!(err[0].message.contains("unknown id `nope`"), "{err:?}");
    assert!(err[0].span.is_some());
}

/// `resume variants` lists each variant with its item count.
#[test]
fn variants_lists_counts() {
    let dir = TempDir::new("list");
    std::fs::write(dir.path().join("resume.toml"), seed()).unwrap();
    let (code, stdout, stderr) = run_in(dir.path(), &["variants"]);
    assert_eq!(code, 0, "{stderr}");
    for name in ["(as written)", "backend", "ml", "ml-sans"] {
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with(name) && l.contains(" items: ")),
            "{name}: {stdout}"
        );
    }
}

/// Every example and the seed résumé pass `check --all` (every variant
/// fits, no error), as a pre-commit hook would run it, and the CI example
/// builds every variant and uploads dist/.
#[test]
fn examples_pass_check_all() {
    let mut files = vec![common::root().join("resume.toml")];
    for entry in std::fs::read_dir(common::root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    let mut with_variants = 0;
    for file in &files {
        let dir = TempDir::new("examples");
        let (code, stdout, stderr) =
            run_in(dir.path(), &["check", "--all", file.to_str().unwrap()]);
        assert_eq!(code, 0, "{}: {stderr}", file.display());
        assert!(stdout.contains("documents ok"), "{stdout}");
        // The one warning allowed says which installed font the Japanese
        // example takes its characters from (tests/every_script.rs).
        let warnings = stderr.matches("warning").count();
        let system_fonts = stderr.matches("warning: system font").count();
        assert_eq!(warnings, system_fonts, "{}: {stderr}", file.display());
        if !variant_names(&std::fs::read_to_string(file).unwrap()).is_empty() {
            with_variants += 1;
        }
    }
    assert!(files.len() >= 3 && with_variants >= 2);
    let ci =
        std::fs::read_to_string(common::root().join("examples/ci/github-actions.yml")).unwrap();
    assert!(
        ci.contains("resume build --all")
            && ci.contains("upload-artifact")
            && ci.contains("path: dist/")
    );
}

/// A master file (`[build] base = false`) builds only its variants: --all
/// exits 0 when they all succeed, the résumé as written is not a document,
/// and `check` checks each variant.
#[test]
fn a_master_file_builds_only_its_variants() {
    let dir = TempDir::new("master").with_seed();
    let seed = std::fs::read_to_string(dir.path().join("resume.toml")).unwrap();
    let master = seed.replacen("[person]", "[build]\nbase = false\n\n[person]", 1);
    dir.write("resume.toml", &master);
    let (code, _, stderr) = run_in(dir.path(), &["build", "--all", "--out-dir", "out"]);
    assert_eq!(code, 0, "{stderr}");
    let mut written: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert!(!written.contains(&"resume.pdf".to_owned()), "{written:?}");
    assert_eq!(
        written.len(),
        variant_names(&master).len() + 1,
        "{written:?}"
    );
    let manifest = std::fs::read_to_string(dir.path().join("out/manifest.json")).unwrap();
    assert!(!manifest.contains("\"variant\": null"), "{manifest}");

    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("not a document of its own"), "{stderr}");
    let line = master.lines().position(|l| l == "base = false").unwrap() + 1;
    assert!(
        stderr.contains(&format!("resume.toml:{line}:8")),
        "{stderr}"
    );
    assert!(!dir.path().join("resume.pdf").exists());

    let (code, stdout, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    let checked = variant_names(&master).len();
    assert!(
        stdout.contains(&format!("{checked} of {checked} documents ok")),
        "{stdout}"
    );

    let (code, _, stderr) = run_in(dir.path(), &["build", "--variant", "ml"]);
    assert_eq!(code, 0, "{stderr}");
}
