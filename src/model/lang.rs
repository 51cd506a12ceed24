//! The syntax of a language tag (BCP 47, RFC 5646 section 2.1): whether
//! `lang` is well formed, without the subtag registry.
//!
//! ```text
//! langtag   = language ["-" script] ["-" region] *("-" variant)
//!             *("-" extension) ["-" privateuse]
//! language  = 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA
//! extlang   = 3ALPHA *2("-" 3ALPHA)
//! script    = 4ALPHA
//! region    = 2ALPHA / 3DIGIT
//! variant   = 5*8alphanum / (DIGIT 3alphanum)
//! extension = singleton 1*("-" (2*8alphanum))   ; singleton: not "x"
//! privateuse = "x" 1*("-" (1*8alphanum))
//! ```
//!
//! plus a tag that is private use only (`x-whatever`) and the grandfathered
//! tags. Case does not matter.

/// The hint for a tag that is not well formed.
pub(crate) const HINT: &str = "write a BCP 47 language tag such as \"en-US\", \"de\" or \"pt-BR\"";

/// Irregular grandfathered tags, which do not follow the grammar.
const IRREGULAR: [&str; 17] = [
    "en-gb-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-be-fr",
    "sgn-be-nl",
    "sgn-ch-de",
];

/// Where a subtag may come in a tag, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Next {
    Extlang,
    Script,
    Region,
    Variant,
}

/// Why `tag` is not a well-formed language tag, or `None` when it is one.
pub(crate) fn tag_problem(tag: &str) -> Option<String> {
    if tag.is_empty() {
        return Some("the language tag is empty".to_owned());
    }
    if let Some(c) = tag
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && *c != '-')
    {
        let why = if c == '_' {
            "subtags are separated by `-`, not `_`".to_owned()
        } else {
            format!("`{}` cannot be part of one", c.escape_debug())
        };
        return Some(format!("`{tag}` is not a language tag: {why}"));
    }
    let lower = tag.to_ascii_lowercase();
    if IRREGULAR.contains(&lower.as_str()) {
        return None;
    }
    let subtags: Vec<&str> = lower.split('-').collect();
    if subtags.iter().any(|s| s.is_empty() || s.len() > 8) {
        return Some(format!(
            "`{tag}` is not a language tag: each part has 1 to 8 letters or digits, \
             between single `-`"
        ));
    }
    subtags_problem(&subtags).map(|why| format!("`{tag}` is not a language tag: {why}"))
}

/// The grammar over the lowercase subtags, each 1 to 8 letters or digits.
fn subtags_problem(subtags: &[&str]) -> Option<String> {
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let digit = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let first = subtags[0];
    if first == "x" {
        return private_use(&subtags[1..]);
    }
    if !alpha(first) || first.len() < 2 {
        return Some(format!(
            "it starts with a language of 2 to 8 letters, not `{first}`"
        ));
    }
    let mut next = if first.len() <= 3 {
        Next::Extlang
    } else {
        Next::Script
    };
    let mut extlangs = 0;
    for (i, &s) in subtags.iter().enumerate().skip(1) {
        let len = s.len();
        if len == 1 {
            return extensions(&subtags[i..]);
        }
        let kind = if len == 3 && alpha(s) {
            Next::Extlang
        } else if len == 4 && alpha(s) {
            Next::Script
        } else if (len == 2 && alpha(s)) || (len == 3 && digit(s)) {
            Next::Region
        } else if len >= 5 || (len == 4 && s.as_bytes()[0].is_ascii_digit()) {
            Next::Variant
        } else {
            return Some(format!("`{s}` is not a script, a region or a variant"));
        };
        let allowed = match kind {
            Next::Extlang => next == Next::Extlang && extlangs < 3,
            Next::Variant => next <= Next::Variant,
            _ => next <= kind,
        };
        if !allowed {
            return Some(format!("`{s}` is out of place"));
        }
        if kind == Next::Extlang {
            extlangs += 1;
        } else {
            next = match kind {
                Next::Script => Next::Region,
                _ => Next::Variant,
            };
        }
    }
    None
}

/// Extensions (`u-co-phonebk`), then private use (`x-...`), to the end.
fn extensions(subtags: &[&str]) -> Option<String> {
    let mut i = 0;
    while i < subtags.len() {
        let singleton = subtags[i];
        if singleton.len() != 1 {
            return Some(format!("`{singleton}` is out of place"));
        }
        if singleton == "x" {
            return private_use(&subtags[i + 1..]);
        }
        let parts = subtags[i + 1..].iter().take_while(|s| s.len() >= 2).count();
        if parts == 0 {
            return Some(format!(
                "the extension `{singleton}` needs parts of 2 to 8 letters or digits"
            ));
        }
        i += 1 + parts;
    }
    None
}

/// The parts after `x`: at least one.
fn private_use(parts: &[&str]) -> Option<String> {
    parts
        .is_empty()
        .then(|| "private use `x` needs at least one part after it".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_tags() {
        for tag in [
            "en",
            "en-US",
            "EN-us",
            "de",
            "pt-BR",
            "en-GB",
            "zh-Hant-TW",
            "sr-Latn-RS",
            "es-419",
            "zh-yue-HK",
            "zh-min-nan",
            "sl-rozaj-biske",
            "de-CH-1901",
            "hy-Latn-IT-arevela",
            "de-DE-u-co-phonebk",
            "en-US-x-twain",
            "en-a-bbb-x-a-ccc",
            "x-whatever",
            "qaa-Qaaa-QM-x-southern",
            "i-klingon",
            "en-GB-oed",
            "art-lojban",
            "abcd",
            "english",
        ] {
            assert_eq!(tag_problem(tag), None, "{tag}");
        }
    }

    #[test]
    fn malformed_tags() {
        for (tag, why) in [
            ("", "empty"),
            ("en_US", "`-`, not `_`"),
            ("en US", "` `"),
            ("en-", "1 to 8"),
            ("-en", "1 to 8"),
            ("en--US", "1 to 8"),
            ("e", "language of 2 to 8"),
            ("1en", "language of 2 to 8"),
            ("toolonglanguage", "1 to 8"),
            ("en-US-GB", "out of place"),
            ("en-Latn-Latn", "out of place"),
            ("en-US-Latn", "out of place"),
            ("en-abc-def-ghi-jkl", "out of place"),
            ("en-1901-US", "out of place"),
            ("english-abc", "out of place"),
            ("en-a", "extension `a`"),
            ("en-a-x-y", "extension `a`"),
            ("en-x", "private use"),
            ("x", "private use"),
            ("en-u-co-1", "extension `1`"),
            ("en-12", "not a script"),
            ("fr\u{0}", "`\\0`"),
            ("en-ÜS", "`Ü`"),
        ] {
            let problem = tag_problem(tag).unwrap_or_default();
            assert!(problem.contains(why), "{tag:?}: {problem}");
        }
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn tags_built_by_the_grammar_are_well_formed(
                tag in "[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?(-[a-z0-9]{5,8})?(-u(-[a-z0-9]{2,8}){1,2})?(-x-[a-z0-9]{1,8})?"
            ) {
                prop_assert_eq!(tag_problem(&tag), None);
            }

            #[test]
            fn any_text_gets_an_answer(tag in "[a-zA-Z0-9_ -]{0,30}") {
                let _ = tag_problem(&tag);
            }
        }
    }
}
