//! The hyphenation dictionaries the résumé's languages use, embedded
//! compressed.
//!
//! The hyphenation crate can embed either English or every language it
//! knows (2.8 MB); the binary needs only the ones `words.rs` names. Each
//! file of `hyphenation/` is the crate's own `<code>.standard.bincode`,
//! unchanged, in the zlib format (`scripts/hyphenation.py` writes them
//! from the registry copy). The one a document needs is inflated and
//! deserialised on first use, once per process, and shared after that.
//!
//! A file that does not inflate (zlib's checksum catches a damaged one) or
//! deserialise is a build defect; it reads as a language without patterns,
//! which the builder reports as a warning, never as a panic.

use std::io::Read;
use std::sync::OnceLock;

use flate2::read::ZlibDecoder;
use hyphenation::{Language as Patterns, Load, Standard};

/// `(patterns, "code", the compressed dictionary)` for each embedded
/// language; the file's name is the crate's `Language::code()`.
macro_rules! embedded {
    ($($patterns:ident $code:literal,)*) => {
        [$((
            Patterns::$patterns,
            $code,
            include_bytes!(concat!("../../hyphenation/", $code, ".standard.bincode.zlib"))
                .as_slice(),
        ),)*]
    };
}

/// Every embedded dictionary: English (American and British) and the
/// `patterns` of each row of `words.rs`, in its order. `scripts/hyphenation.py`
/// lists the same codes.
const EMBEDDED: [(Patterns, &str, &[u8]); 19] = embedded![
    EnglishUS "en-us",
    EnglishGB "en-gb",
    Danish "da",
    German1996 "de-1996",
    GreekMono "el-monoton",
    Spanish "es",
    French "fr",
    Hindi "hi",
    Hungarian "hu",
    Italian "it",
    NorwegianBokmal "nb",
    Dutch "nl",
    NorwegianNynorsk "nn",
    Polish "pl",
    Portuguese "pt",
    Russian "ru",
    Swedish "sv",
    Turkish "tr",
    Ukrainian "uk",
];

/// The dictionaries loaded so far, by index into [`EMBEDDED`]: `None`
/// for one that failed to load.
static LOADED: [OnceLock<Option<Standard>>; EMBEDDED.len()] =
    [const { OnceLock::new() }; EMBEDDED.len()];

/// The hyphenation dictionary for a `lang` tag, loaded on first use; `None`
/// when the language has no patterns (or its embedded file is damaged).
pub(crate) fn dictionary(tag: &str) -> Option<&'static Standard> {
    embedded(super::patterns(tag)?)
}

/// The embedded dictionary of one pattern set.
fn embedded(patterns: Patterns) -> Option<&'static Standard> {
    let i = EMBEDDED.iter().position(|(p, _, _)| *p == patterns)?;
    LOADED[i]
        .get_or_init(|| load(patterns, EMBEDDED[i].2))
        .as_ref()
}

/// Inflate and deserialise a dictionary, checking that it is the
/// language's.
fn load(patterns: Patterns, compressed: &[u8]) -> Option<Standard> {
    let mut bytes = Vec::new();
    ZlibDecoder::new(compressed).read_to_end(&mut bytes).ok()?;
    Standard::from_reader(patterns, &mut bytes.as_slice()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyphenation::Hyphenator;

    #[test]
    fn every_language_with_patterns_has_its_dictionary_embedded() {
        for (patterns, code, _) in EMBEDDED {
            assert_eq!(patterns.code(), code);
        }
        let mut wanted: Vec<Patterns> = super::super::languages()
            .filter_map(|l| l.words.patterns)
            .collect();
        wanted.insert(1, Patterns::EnglishGB);
        let listed: Vec<Patterns> = EMBEDDED.iter().map(|(p, _, _)| *p).collect();
        assert_eq!(listed, wanted, "EMBEDDED follows words.rs");
    }

    #[test]
    fn the_folder_holds_exactly_the_embedded_files() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("hyphenation");
        let mut files: Vec<String> = std::fs::read_dir(folder)
            .expect("hyphenation/ exists")
            .map(|entry| entry.expect("readable").file_name().into_string().unwrap())
            .filter(|name| name.ends_with(".zlib"))
            .collect();
        files.sort();
        let mut embedded: Vec<String> = EMBEDDED
            .iter()
            .map(|(_, code, _)| format!("{code}.standard.bincode.zlib"))
            .collect();
        embedded.sort();
        assert_eq!(files, embedded);
    }

    #[test]
    fn every_embedded_dictionary_loads_once_as_its_language() {
        for (patterns, code, _) in EMBEDDED {
            let first = embedded(patterns).unwrap_or_else(|| panic!("{code} loads"));
            assert_eq!(first.language(), patterns);
            let again = embedded(patterns).expect("loaded");
            assert!(std::ptr::eq(first, again), "{code} is loaded once");
        }
        let en = dictionary("en").expect("English");
        let breaks = en.hyphenate("hyphenation").breaks;
        assert_eq!(breaks, [2, 6, 7]);
        assert!(std::ptr::eq(en, dictionary("en-US").expect("English")));
        assert_eq!(
            dictionary("en-GB").map(Standard::language),
            Some(Patterns::EnglishGB)
        );
        assert!(dictionary("ja").is_none() && dictionary("xx").is_none());
    }

    /// The compressed file of one pattern set.
    fn file(patterns: Patterns) -> &'static [u8] {
        let found = EMBEDDED.iter().find(|(p, _, _)| *p == patterns);
        found.expect("embedded").2
    }

    #[test]
    fn a_damaged_file_loads_as_no_patterns() {
        let german = file(Patterns::German1996);
        assert!(load(Patterns::German1996, german).is_some());
        let mut flipped = german.to_vec();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x10;
        let mut checksum = german.to_vec();
        let last = checksum.len() - 1;
        checksum[last] ^= 1;
        let inflated = {
            let mut bytes = Vec::new();
            ZlibDecoder::new(german).read_to_end(&mut bytes).unwrap();
            bytes
        };
        let mut raw_damaged = inflated.clone();
        raw_damaged.truncate(inflated.len() / 3);
        let recompressed = |bytes: &[u8]| {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            std::io::Write::write_all(&mut z, bytes).unwrap();
            z.finish().unwrap()
        };
        let mut garbage = inflated.clone();
        garbage
            .iter_mut()
            .skip(8)
            .step_by(7)
            .for_each(|b| *b ^= 0xA5);
        for (why, bytes) in [
            ("empty", Vec::new()),
            ("truncated", german[..german.len() / 2].to_vec()),
            ("a flipped bit", flipped),
            ("a wrong checksum", checksum),
            ("not compressed", inflated),
            ("a truncated dictionary", recompressed(&raw_damaged)),
            ("a scrambled dictionary", recompressed(&garbage)),
        ] {
            assert!(load(Patterns::German1996, &bytes).is_none(), "{why}");
        }
        assert!(
            load(Patterns::German1996, file(Patterns::EnglishUS)).is_none(),
            "another language's file"
        );
    }
}
