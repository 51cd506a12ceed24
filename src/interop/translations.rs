//! One résumé in several languages from one TOML per language: the files
//! `resume import --lang` writes from JSON Resume files of the same résumé
//! in different languages (JSON Resume holds one language per file).
//!
//! Texts are matched by position: the files must have the same sections,
//! entries, bullets and skill rows in the same order. A text that differs
//! becomes a table of translations written with each file's own literal;
//! a text that is the same everywhere stays a string. Each language gets a
//! variant, and the result is checked: each variant prints exactly the
//! words its own file prints.

use crate::diag::Diagnostic;
use crate::model::{self, Text, text};

/// One file of the set: its language tag and its TOML text.
#[derive(Clone, Debug)]
pub struct Translated {
    /// A language tag such as `de`.
    pub lang: String,
    /// The TOML in that language.
    pub toml: String,
}

const SHAPE_HINT: &str = "translations are matched by position: each file needs the same \
                          sections, entries, bullets, details and skill rows, in the same order";

/// The first file's TOML with every text that differs between the files
/// written as a table of translations, and one variant per language.
pub fn merge(files: &[Translated]) -> Result<String, Diagnostic> {
    let Some(first) = files.first() else {
        return Err(Diagnostic::error("no file to merge"));
    };
    for (i, f) in files.iter().enumerate() {
        if crate::locale::find(&f.lang).is_none() {
            return Err(crate::locale::unknown(&f.lang));
        }
        if let Some(earlier) = files[..i].iter().find(|e| same_language(&e.lang, &f.lang)) {
            return Err(Diagnostic::error(format!(
                "`{}` is given twice (also as `{}`)",
                f.lang, earlier.lang
            )));
        }
    }
    let parsed: Vec<model::Resume> = files
        .iter()
        .map(|f| {
            model::parse(&f.toml).map_err(|mut errors| {
                let e = errors.remove(0);
                Diagnostic::error(format!(
                    "the `{}` file does not parse: {}",
                    f.lang, e.message
                ))
            })
        })
        .collect::<Result<_, _>>()?;
    if parsed.iter().any(|r| !r.variants.is_empty()) {
        return Err(Diagnostic::error("a file to merge has variants of its own")
            .with_hint("merge the files as `resume import` writes them, then add variants"));
    }
    let fields: Vec<Vec<(String, &Text)>> = parsed.iter().map(text::fields).collect();
    // A bullet is the same bullet whether written as a string or a table.
    let place = |p: &String| p.strip_suffix(".text").unwrap_or(p).to_owned();
    for (f, other) in files.iter().zip(&fields).skip(1) {
        let here: Vec<String> = fields[0].iter().map(|(p, _)| place(p)).collect();
        let there: Vec<String> = other.iter().map(|(p, _)| place(p)).collect();
        if here != there {
            let at = here.iter().zip(&there).find(|(a, b)| a != b).map_or_else(
                || {
                    here.get(there.len())
                        .or(there.get(here.len()))
                        .cloned()
                        .unwrap_or_default()
                },
                |(a, _)| a.clone(),
            );
            return Err(Diagnostic::error(format!(
                "the `{}` file differs in shape from the `{}` one at `{at}`",
                f.lang, first.lang
            ))
            .with_hint(SHAPE_HINT));
        }
    }
    // Replace from the end, so that earlier spans stay valid.
    let mut out = first.toml.clone();
    for i in (0..fields[0].len()).rev() {
        let texts: Vec<&Text> = fields.iter().map(|f| f[i].1).collect();
        if texts.iter().any(|t| !t.translations().is_empty()) {
            return Err(Diagnostic::error(format!(
                "`{}` is a table of translations already",
                fields[0][i].0
            ))
            .with_hint("merge files with one language each"));
        }
        if texts.iter().all(|t| t.first() == texts[0].first()) {
            continue;
        }
        let pairs: Vec<String> = files
            .iter()
            .zip(&texts)
            .map(|(f, t)| format!("{} = {}", f.lang, &f.toml[t.span()]))
            .collect();
        out.replace_range(texts[0].span(), &format!("{{ {} }}", pairs.join(", ")));
    }
    if parsed[0].lang.is_none() {
        out.insert_str(0, &format!("lang = \"{}\"\n", first.lang));
    }
    out.push_str(
        "\n# One document per language: `resume build --all` writes each, and\n\
         # `resume check --translations` lists any text a language lacks.\n",
    );
    if parsed[0].build.base.is_none() {
        out.push_str("[build]\nbase = false\n");
    }
    for f in files {
        out.push_str(&format!("\n[variants.{}]\nlang = \"{}\"\n", f.lang, f.lang));
    }
    check(&out, files)?;
    Ok(out)
}

fn same_language(a: &str, b: &str) -> bool {
    match (crate::locale::find(a), crate::locale::find(b)) {
        (Some(a), Some(b)) => a.code() == b.code(),
        _ => a.eq_ignore_ascii_case(b),
    }
}

/// Each variant of `merged` prints the words its own file prints, without
/// a warning of a missing translation.
fn check(merged: &str, files: &[Translated]) -> Result<(), Diagnostic> {
    let resume = model::parse(merged).map_err(|mut e| e.remove(0))?;
    for f in files {
        let own = model::parse(&f.toml).map_err(|mut e| e.remove(0))?;
        let expected = crate::select::select(&own, &f.toml).map(|d| d.words());
        let got = crate::select::select_warned(&resume, merged, Some(&f.lang));
        let same = match (&expected, &got) {
            (Ok(words), Ok((doc, warnings))) => warnings.is_empty() && &doc.words() == words,
            (Err(_), Err(_)) => true,
            _ => false,
        };
        if !same {
            return Err(Diagnostic::error(format!(
                "the `{}` file does not match the others beyond its words",
                f.lang
            ))
            .with_hint(SHAPE_HINT)
            .with_hint("dates, addresses and links are not translated: they must be the same"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(lang: &str, title: &str, bullet: &str) -> Translated {
        Translated {
            lang: lang.to_owned(),
            toml: format!(
                "lang = \"{lang}\"\n[person]\nname = \"Ada\"\n\n[[sections]]\ntitle = \"{title}\"\n\n\
                 [[sections.entries]]\ntitle = \"Rust\"\ndates = {{ start = \"2024-07\", end = \"present\" }}\n\
                 bullets = [\n  \"{bullet}\",\n  {{ text = \"{bullet}!\", priority = 2 }},\n]\n"
            ),
        }
    }

    #[test]
    fn texts_that_differ_become_tables_in_the_first_files_layout() {
        let merged = merge(&[
            file("en", "Work", "Shipped"),
            file("de", "Arbeit", "Geliefert"),
        ])
        .unwrap();
        assert!(
            merged.contains("title = { en = \"Work\", de = \"Arbeit\" }"),
            "{merged}"
        );
        assert!(merged.contains("title = \"Rust\""), "{merged}");
        assert!(
            merged.contains("  { en = \"Shipped\", de = \"Geliefert\" },"),
            "{merged}"
        );
        assert!(
            merged.contains("{ text = { en = \"Shipped!\", de = \"Geliefert!\" }, priority = 2 }"),
            "{merged}"
        );
        assert!(
            merged.contains("[variants.de]\nlang = \"de\"\n"),
            "{merged}"
        );
        assert!(merged.starts_with("lang = \"en\"\n"));
        let resume = model::parse(&merged).unwrap();
        assert!(text::missing(&resume).is_empty());
    }

    #[test]
    fn files_of_another_shape_are_an_error_at_the_first_difference() {
        let mut de = file("de", "Arbeit", "Geliefert");
        de.toml = de.toml.replace("  \"Geliefert\",\n", "");
        let e = merge(&[file("en", "Work", "Shipped"), de]).unwrap_err();
        assert!(e.message.contains("differs in shape"), "{}", e.message);
        assert!(
            e.message.contains("sections[0].entries[0].bullets[1]"),
            "{}",
            e.message
        );
    }

    #[test]
    fn other_differences_are_found_by_the_words() {
        let mut de = file("de", "Arbeit", "Geliefert");
        de.toml = de.toml.replace("2024-07", "2023-07");
        let e = merge(&[file("en", "Work", "Shipped"), de]).unwrap_err();
        assert!(e.message.contains("does not match"), "{}", e.message);
    }

    #[test]
    fn languages_are_checked() {
        let e = merge(&[file("en", "W", "S"), file("xx", "W", "S")]).unwrap_err();
        assert_eq!(e.message, "unknown language `xx`");
        let e = merge(&[file("en", "W", "S"), file("en-GB", "W", "S")]).unwrap_err();
        assert!(e.message.contains("given twice"));
    }
}
