//! The input caps of [`crate::limits`] that parsing checks: the size and
//! nesting of the raw text before TOML parsing, the number of items after.

use crate::diag::Diagnostic;
use crate::limits::{MAX_INPUT_BYTES, MAX_ITEMS, MAX_NESTING, MAX_VARIANTS};
use crate::model::Resume;

/// Check the raw text before parsing it.
pub(crate) fn check_source(text: &str) -> Result<(), Diagnostic> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Diagnostic::error(format!(
            "the file is {} KiB; the limit is {} KiB",
            text.len() / 1024,
            MAX_INPUT_BYTES / 1024
        ))
        .with_hint("a one-page résumé needs a few kilobytes; is this the right file?"));
    }
    if let Some(at) = too_deep(text) {
        return Err(Diagnostic::error(format!(
            "arrays and tables are nested more than {MAX_NESTING} deep"
        ))
        .with_span(at..at + 1)
        .with_hint("the résumé format nests at most a few levels"));
    }
    Ok(())
}

/// The offset where bracket nesting first exceeds the limit, skipping
/// strings and comments.
fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            quote @ (b'"' | b'\'') => {
                let triple = bytes.get(i..i + 3) == Some(&[quote, quote, quote][..]);
                i += if triple { 3 } else { 1 };
                while i < bytes.len() {
                    if quote == b'"' && bytes[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if triple {
                        if bytes.get(i..i + 3) == Some(&[quote, quote, quote][..]) {
                            i += 2;
                            break;
                        }
                    } else if bytes[i] == quote || bytes[i] == b'\n' {
                        break;
                    }
                    i += 1;
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Check the number of items once the file is parsed.
pub(crate) fn check_model(resume: &Resume) -> Option<Diagnostic> {
    let mut items = resume.person.links.len() + resume.sections.len();
    for section in &resume.sections {
        let s = section.get_ref();
        items += s.skills.as_ref().map_or(0, Vec::len);
        for entry in s.entries.iter().flatten() {
            let e = entry.get_ref();
            items += 1 + e.bullets.len() + e.details.len();
        }
    }
    if resume.variants.len() > MAX_VARIANTS {
        return Some(
            Diagnostic::error(format!(
                "the file defines {} variants; the limit is {MAX_VARIANTS}",
                resume.variants.len()
            ))
            .with_hint("each variant is a separate PDF; keep the ones you send out"),
        );
    }
    (items > MAX_ITEMS).then(|| {
        Diagnostic::error(format!(
            "the résumé has {items} sections, entries, bullets, details, skill rows and links; \
             the limit is {MAX_ITEMS}"
        ))
        .with_hint("a one-page résumé holds a few dozen")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_ignores_brackets_in_strings_and_comments() {
        let deep_string = format!("a = \"{}\"\n# {}\n", "[".repeat(100), "{".repeat(100));
        assert_eq!(too_deep(&deep_string), None);
        let deep = format!("a = {}{}", "[".repeat(40), "]".repeat(40));
        assert_eq!(too_deep(&deep), Some(4 + MAX_NESTING));
        let multiline = format!("a = '''\n{}\n'''\nb = [[1]]", "[".repeat(50));
        assert_eq!(too_deep(&multiline), None);
    }

    #[test]
    fn big_files_are_refused() {
        let big = "#".repeat(MAX_INPUT_BYTES + 1);
        assert!(check_source(&big).is_err());
        assert!(check_source("[person]\nname = \"A\"\n").is_ok());
    }
}
