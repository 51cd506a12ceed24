//! The input caps of [`crate::limits`] that parsing checks: the size and
//! nesting of the raw text before TOML parsing, the number of items after.

use std::ops::Range;

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
        .with_span(at)
        .with_hint("the résumé format nests at most a few levels"));
    }
    Ok(())
}

/// Where nesting first exceeds the limit: the bracket, or the part of a
/// dotted key or a `[table.header]` (each part is a table inside the one
/// before), skipping strings and comments. One pass, whatever the input.
fn too_deep(text: &str) -> Option<Range<usize>> {
    Nesting {
        bytes: text.as_bytes(),
        open: Vec::new(),
        header: 0,
        level: 0,
        expect_key: true,
    }
    .scan()
}

/// The state of [`too_deep`]'s scan.
struct Nesting<'a> {
    bytes: &'a [u8],
    /// The open arrays and inline tables: whether each is a table, and the
    /// level of the values in it.
    open: Vec<(bool, usize)>,
    /// The level of the current `[table]`'s keys: how many tables and
    /// arrays enclose them, the root not counted.
    header: usize,
    /// The level of the next value: a bracket opens one level deeper.
    level: usize,
    /// A key comes next: at the start of a line outside brackets, after `{`,
    /// and after `,` in an inline table.
    expect_key: bool,
}

impl Nesting<'_> {
    fn scan(&mut self) -> Option<Range<usize>> {
        let bytes = self.bytes;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if self.expect_key && !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'#') {
                self.expect_key = false;
                if b == b'[' && self.open.is_empty() {
                    let double = bytes.get(i + 1) == Some(&b'[');
                    let start = i + 1 + usize::from(double);
                    let (end, level) = match self.key(start, 1 + usize::from(double)) {
                        Ok(read) => read,
                        Err(part) => return Some(part),
                    };
                    self.header = level;
                    i = end;
                    continue;
                }
                let base = self.open.last().map_or(self.header, |o| o.1);
                let (end, level) = match self.key(i, base) {
                    Ok(read) => read,
                    Err(part) => return Some(part),
                };
                self.level = level;
                if end > i {
                    i = end;
                    continue;
                }
            }
            match b {
                b'#' => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                b'"' | b'\'' => {
                    i = string_end(bytes, i);
                    continue;
                }
                b'[' | b'{' => {
                    let level = self.level + 1;
                    if level > MAX_NESTING {
                        return Some(i..i + 1);
                    }
                    // `b` is `[` (an array) or the brace of an inline table.
                    let table = b != b'[';
                    self.open.push((table, level));
                    self.level = level;
                    self.expect_key = table;
                }
                b']' | b'}' => {
                    self.open.pop();
                    self.level = self.open.last().map_or(self.header, |o| o.1);
                }
                b',' => {
                    self.level = self.open.last().map_or(self.header, |o| o.1);
                    self.expect_key = self.open.last().is_some_and(|o| o.0);
                }
                b'\n' => self.expect_key = self.open.is_empty(),
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// Read the key at `i` whose first part is at level `base`, each
    /// further part one level deeper: where it ends and the level of its
    /// value, or the part past the limit. A key that is not there ends
    /// where it starts.
    fn key(&self, mut i: usize, base: usize) -> Result<(usize, usize), Range<usize>> {
        let bytes = self.bytes;
        let mut level = base;
        let mut first = true;
        loop {
            while matches!(bytes.get(i), Some(b' ' | b'\t')) {
                i += 1;
            }
            let start = i;
            match bytes.get(i) {
                Some(b'"' | b'\'') => i = string_end(bytes, i),
                _ => {
                    while bytes
                        .get(i)
                        .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
                    {
                        i += 1;
                    }
                }
            }
            if i == start {
                return Ok((i, level));
            }
            if !std::mem::take(&mut first) {
                level += 1;
            }
            if level > MAX_NESTING {
                return Err(start..i);
            }
            while matches!(bytes.get(i), Some(b' ' | b'\t')) {
                i += 1;
            }
            if bytes.get(i) != Some(&b'.') {
                return Ok((i, level));
            }
            i += 1;
        }
    }
}

/// The index just past the string that starts with the quote at `i`
/// (basic or literal, one line or multi-line), or the end of its line or
/// of the text when it is not closed.
fn string_end(bytes: &[u8], mut i: usize) -> usize {
    let quote = bytes[i];
    let triple = bytes.get(i..i + 3) == Some(&[quote, quote, quote][..]);
    i += if triple { 3 } else { 1 };
    while i < bytes.len() {
        if quote == b'"' && bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if triple {
            if bytes.get(i..i + 3) == Some(&[quote, quote, quote][..]) {
                return i + 3;
            }
        } else if bytes[i] == quote {
            return i + 1;
        } else if bytes[i] == b'\n' {
            return i;
        }
        i += 1;
    }
    bytes.len()
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
        assert_eq!(too_deep(&deep), Some(4 + MAX_NESTING..5 + MAX_NESTING));
        let multiline = format!("a = '''\n{}\n'''\nb = [[1]]", "[".repeat(50));
        assert_eq!(too_deep(&multiline), None);
    }

    #[test]
    fn dotted_keys_and_headers_nest() {
        let key = |parts: usize| vec!["a"; parts].join(".");
        let at = |text: &str, parts: usize| {
            let start = text.find(&key(parts)).unwrap() + 2 * (parts - 1);
            Some(start..start + 1)
        };
        // A dotted key of 33 parts nests 32 tables; one more is too deep.
        assert_eq!(too_deep(&format!("{} = 1\n", key(33))), None);
        let deep = format!("[person]\nname = \"A\"\n{} = 1\n", key(100));
        assert_eq!(too_deep(&deep), at(&deep, 33));
        let header = format!("[{}]\nx = 1\n", key(40));
        assert_eq!(too_deep(&header), at(&header, 33));
        let quoted = format!("{} = 1\n", vec!["\"a.b\""; 40].join("."));
        assert_eq!(too_deep(&quoted).map(|r| r.start), Some(33 * 6));
        // Levels add up: a header, a dotted key in it, brackets, inline tables.
        let mixed = format!("[{}]\n{} = [{{ {} = 1 }}]\n", key(10), key(10), key(20));
        assert!(too_deep(&mixed).is_some());
        let fine = format!("[{}]\n{} = [{{ {} = 1 }}]\n", key(10), key(10), key(5));
        assert_eq!(too_deep(&fine), None);
        // Dots in strings, values and comments are not keys.
        let values = format!(
            "a = \"{}\"\nb = 1.5 # {}\nc = [1.0, 2.0]\n",
            key(50),
            key(50)
        );
        assert_eq!(too_deep(&values), None);
    }

    #[test]
    fn big_files_are_refused() {
        let big = "#".repeat(MAX_INPUT_BYTES + 1);
        assert!(check_source(&big).is_err());
        assert!(check_source("[person]\nname = \"A\"\n").is_ok());
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn the_scan_points_into_the_text(text in "[\\[\\]{}.a=\"'#\n ,\\\\]{0,300}") {
                if let Some(at) = too_deep(&text) {
                    prop_assert!(at.start < at.end && at.end <= text.len());
                }
            }
        }
    }
}
