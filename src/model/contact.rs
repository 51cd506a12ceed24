//! The rules for contact details, shared by the résumé's own checks, the
//! links of inline markup and the JSON Resume import, so that what the
//! import lets through always compiles.
//!
//! An e-mail address is one address and nothing else, so that its
//! `mailto:` link cannot carry headers (`?subject=`, `%0A`). A phone link
//! dials what is printed: the letters of a vanity number by their keypad
//! digits (ITU E.161), an extension as RFC 3966's `;ext=`.

/// The fewest ASCII digits a phone number has.
const MIN_PHONE_DIGITS: usize = 3;

/// The longest name before the `@`, in bytes (RFC 5321).
const MAX_LOCAL_BYTES: usize = 64;

/// The longest domain, in bytes (RFC 5321).
const MAX_DOMAIN_BYTES: usize = 253;

/// The hint for an address that breaks the rules.
pub(crate) const EMAIL_HINT: &str = "write the address alone, as \"ada@example.com\"";

/// Why `text` is not an e-mail address, or `None` when it is one: a name
/// and a domain around one `@`, nothing a `mailto:` link would read as a
/// header, a line break or an escape.
pub(crate) fn email_problem(text: &str) -> Option<String> {
    if text.is_empty() {
        return Some("the address is empty".to_owned());
    }
    if let Some(c) = text.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Some(if c == ' ' {
            "an address has no spaces".to_owned()
        } else {
            format!("an address has no control characters (U+{:04X})", c as u32)
        });
    }
    let (local, domain) = match text.split_once('@') {
        None => return Some("an address has an `@`".to_owned()),
        Some((_, rest)) if rest.contains('@') => {
            return Some("an address has one `@`, not several".to_owned());
        }
        Some(parts) => parts,
    };
    if let Some(c) = text.chars().find(|c| is_header_char(*c)) {
        return Some(format!(
            "`{c}` cannot be part of an address: a `mailto:` link would read what follows as \
             headers or an escape"
        ));
    }
    if local.is_empty() {
        return Some("there is no name before the `@`".to_owned());
    }
    if let Some(c) = local.chars().find(|c| !is_local_char(*c)) {
        return Some(format!("`{c}` cannot be part of the name before the `@`"));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Some(
            "the name before the `@` starts or ends with a dot, or has two in a row".into(),
        );
    }
    if local.len() > MAX_LOCAL_BYTES {
        return Some(format!(
            "the name before the `@` is longer than {MAX_LOCAL_BYTES} bytes"
        ));
    }
    domain_problem(domain)
}

/// Why `domain` is not the domain of an address.
fn domain_problem(domain: &str) -> Option<String> {
    if domain.is_empty() {
        return Some("there is no domain after the `@`".to_owned());
    }
    if domain.len() > MAX_DOMAIN_BYTES {
        return Some(format!(
            "the domain is longer than {MAX_DOMAIN_BYTES} bytes"
        ));
    }
    if let Some(c) = domain.chars().find(|c| !is_host_char(*c)) {
        return Some(format!("`{c}` cannot be part of the domain `{domain}`"));
    }
    if !domain.contains('.') {
        return Some(format!(
            "the domain `{domain}` has no dot, as in `example.com`"
        ));
    }
    if domain
        .split('.')
        .any(|label| label.is_empty() || label.starts_with('-') || label.ends_with('-'))
    {
        return Some(format!(
            "the domain `{domain}` has an empty part, or a part that starts or ends with `-`"
        ));
    }
    None
}

/// Characters that start a query, a fragment, an escape, a list or a
/// markup tag in a `mailto:` link.
fn is_header_char(c: char) -> bool {
    matches!(c, '?' | '&' | '%' | '#' | '<' | '>' | '"' | ',' | ';')
}

/// Characters of the name before the `@`: the atoms of RFC 5322 that a
/// `mailto:` link may carry as they are (RFC 6068), and any letter beyond
/// ASCII (RFC 6531).
fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '.' | '!' | '$' | '\'' | '*' | '+' | '-' | '/' | '=' | '_' | '~'
        )
        || !c.is_ascii()
}

/// Characters of a host name: ASCII letters, digits, hyphens, dots, and
/// the letters of an internationalised name.
pub(crate) fn is_host_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.') || (!c.is_ascii() && c.is_alphanumeric())
}

/// Whether `text` can be a phone number: at least three ASCII digits
/// before any extension.
pub(crate) fn is_phone(text: &str) -> bool {
    let (number, _) = split_extension(text);
    digit_count(number) >= MIN_PHONE_DIGITS
}

/// What a phone link does with the letters of the number, for a warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Letters {
    /// A vanity number: its letters are dialled by their keypad digits.
    Keypad,
    /// Words beside the number: the link dials the digits only.
    Ignored,
}

/// The `tel:` link of a phone number: a leading `+`, the digits (a vanity
/// number's capitals by their keypad digits), and an extension (`ext. 12`,
/// `x12`, `#12`) as `;ext=12`; with what happened to any letters.
pub(crate) fn tel_link(text: &str) -> (String, Option<Letters>) {
    let (number, extension) = split_extension(text);
    let plus = number.chars().find(|c| c.is_ascii_digit() || *c == '+') == Some('+');
    let letters = if !number.chars().any(char::is_alphabetic) {
        None
    } else if is_vanity(number) {
        Some(Letters::Keypad)
    } else {
        Some(Letters::Ignored)
    };
    let mut link = String::from("tel:");
    if plus {
        link.push('+');
    }
    for c in number.chars() {
        match c {
            '0'..='9' => link.push(c),
            'A'..='Z' if letters == Some(Letters::Keypad) => link.push(keypad(c)),
            _ => {}
        }
    }
    if let Some(ext) = extension {
        link.push_str(";ext=");
        link.push_str(ext);
    }
    (link, letters)
}

/// A vanity number: digits and capital letters (as `1-800-FLOWERS`),
/// with the usual separators and nothing else.
fn is_vanity(number: &str) -> bool {
    number.chars().any(|c| c.is_ascii_digit())
        && number.chars().all(|c| {
            c.is_ascii_digit()
                || c.is_ascii_uppercase()
                || matches!(c, '+' | ' ' | '-' | '.' | '(' | ')' | '/')
        })
}

/// The keypad digit of a capital letter (ITU E.161).
fn keypad(c: char) -> char {
    match c {
        'A'..='C' => '2',
        'D'..='F' => '3',
        'G'..='I' => '4',
        'J'..='L' => '5',
        'M'..='O' => '6',
        'P'..='S' => '7',
        'T'..='V' => '8',
        _ => '9',
    }
}

/// The number and its extension's digits: `ext. 12`, `ext 12`, `x12`,
/// `extension 12` or `#12` at the end, after a number of its own.
fn split_extension(text: &str) -> (&str, Option<&str>) {
    let trimmed = text.trim_end();
    let digits_start = trimmed.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let digits = &trimmed[digits_start..];
    if digits.is_empty() {
        return (text, None);
    }
    let before = trimmed[..digits_start].trim_end();
    let lower = before.to_ascii_lowercase();
    for marker in ["extension", "ext.", "ext:", "ext", "x", "#"] {
        let Some(head) = lower.strip_suffix(marker) else {
            continue;
        };
        // A marker that is a word of its own: `fax` does not end in `x` here.
        let word = head
            .chars()
            .last()
            .is_none_or(|c| !c.is_alphabetic() || marker == "#");
        let number = &before[..head.len()];
        if word && digit_count(number) >= MIN_PHONE_DIGITS {
            let number = number.trim_end_matches([' ', ',', ';']);
            return (number, Some(digits));
        }
    }
    (text, None)
}

fn digit_count(text: &str) -> usize {
    text.chars().filter(char::is_ascii_digit).count()
}

/// Why the part of a `tel:` link after the scheme is not a number to
/// dial, or `None`: a `+` or a digit first, then digits and the visual
/// separators `-.()`, then parameters such as `;ext=12` (RFC 3966).
pub(crate) fn tel_problem(rest: &str) -> Option<String> {
    let mut parts = rest.split(';');
    let number = parts.next().unwrap_or("");
    let digits = number.strip_prefix('+').unwrap_or(number);
    if number.chars().any(|c| c.is_ascii_alphabetic()) && is_vanity(&number.to_ascii_uppercase()) {
        let (dialled, _) = tel_link(&number.to_ascii_uppercase());
        return Some(format!(
            "`tel:{rest}` has letters: a `tel:` link dials digits, as in `{dialled}`"
        ));
    }
    let numeric = digits
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '(' | ')'));
    if !numeric || digit_count(digits) < MIN_PHONE_DIGITS {
        return Some(format!(
            "`tel:{rest}` is not a phone number: write the digits to dial, as `tel:+12125551234`"
        ));
    }
    for param in parts {
        let (name, value) = param.split_once('=').unwrap_or((param, ""));
        let name_ok =
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        let value_ok = value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+' | '(' | ')'));
        let ext_ok = !name.eq_ignore_ascii_case("ext")
            || (!value.is_empty() && value.chars().all(|c| c.is_ascii_digit()));
        if !(name_ok && value_ok && ext_ok) {
            return Some(format!(
                "`;{param}` in `tel:{rest}` is not a parameter of a phone link, \
                 such as `;ext=12`"
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_is_one_address() {
        for good in [
            "ada@example.com",
            "first.last+tag@mail.example.co.uk",
            "o'brien@example.ie",
            "user_name-1@sub-domain.example",
            "jürgen@münchen.example",
        ] {
            assert_eq!(email_problem(good), None, "{good}");
        }
        for (bad, why) in [
            ("", "empty"),
            ("@", "no name"),
            ("ada@", "no domain"),
            ("@example.com", "no name"),
            ("ada.example.com", "has an `@`"),
            ("a@b@example.com", "one `@`"),
            ("ada@localhost", "no dot"),
            ("ada@example.com?subject=hi", "`?`"),
            ("ada@example.com?cc=eve@x.org", "one `@`"),
            ("ada@example.com%0ABcc:eve@x.org", "one `@`"),
            ("ada%0a@example.com", "`%`"),
            ("ada@example.com&body=x", "`&`"),
            ("<ada@example.com>", "`<`"),
            ("ada@example.com\r\nBcc: x", "control"),
            ("ada @example.com", "spaces"),
            (".ada@example.com", "dot"),
            ("a..da@example.com", "dot"),
            ("ada@example..com", "empty part"),
            ("ada@-example.com", "`-`"),
            ("ada@example.com.", "empty part"),
            ("ada@exa_mple.com", "`_`"),
            ("a(b)@example.com", "`(`"),
        ] {
            let problem = email_problem(bad).unwrap_or_default();
            assert!(problem.contains(why), "{bad:?}: {problem}");
        }
        let long = format!("{}@example.com", "a".repeat(65));
        assert!(email_problem(&long).is_some());
    }

    #[test]
    fn phone_needs_three_digits() {
        assert!(is_phone("+1 (917) 615-7396"));
        assert!(is_phone("112"));
        assert!(is_phone("1-800-FLOWERS"));
        assert!(!is_phone("12"));
        assert!(!is_phone("+12 ext."));
        // Only ASCII digits count.
        assert!(!is_phone("١٢٣"));
    }

    #[test]
    fn tel_link_keeps_the_plus_and_the_digits() {
        assert_eq!(
            tel_link("+1 (917) 615-7396"),
            ("tel:+19176157396".into(), None)
        );
        assert_eq!(tel_link("+44 20 7946 0958").0, "tel:+442079460958");
        assert_eq!(tel_link("٠١٢ 34").0, "tel:34");
        assert_eq!(tel_link("Desk: +1 212 555 0123").0, "tel:+12125550123");
        assert_eq!(tel_link("(+1) 212 555 0123").0, "tel:+12125550123");
    }

    #[test]
    fn tel_link_dials_a_vanity_number_by_its_keypad() {
        assert_eq!(
            tel_link("1-800-FLOWERS"),
            ("tel:18003569377".into(), Some(Letters::Keypad))
        );
        assert_eq!(
            tel_link("+1 800 ABC DEF GHI JKL MNO PQRS TUV WXYZ").0,
            "tel:+180022233344455566677778889999"
        );
        // Words beside a number are not dialled.
        assert_eq!(
            tel_link("+1 (917) 615-7396 (mobile)"),
            ("tel:+19176157396".into(), Some(Letters::Ignored))
        );
    }

    #[test]
    fn tel_link_carries_the_extension() {
        for text in [
            "+1 212 555 0123 ext. 12",
            "+1 212 555 0123 ext 12",
            "+1 212 555 0123 Ext.12",
            "+1 212 555 0123 x12",
            "+1 212 555 0123x12",
            "+1 212 555 0123 #12",
            "+1 212 555 0123, extension 12",
        ] {
            assert_eq!(
                tel_link(text),
                ("tel:+12125550123;ext=12".into(), None),
                "{text}"
            );
        }
        // Not an extension: a number without one, or a marker inside a word.
        assert_eq!(tel_link("#12").0, "tel:12");
        assert_eq!(tel_link("+1 212 555 0123").0, "tel:+12125550123");
        assert_eq!(tel_link("1-800-FAX 12").0, "tel:180032912");
    }

    #[test]
    fn a_tel_target_needs_digits() {
        for good in [
            "+12125551234",
            "+1-212-555-1234",
            "112",
            "+1(212)5551234;ext=12",
        ] {
            assert_eq!(tel_problem(good), None, "{good}");
        }
        for bad in [
            "abc",
            "",
            "+",
            "12",
            "+1 212",
            "1-800-FLOWERS",
            "+1212;ext=",
            "+1212555;a=<b>",
        ] {
            assert!(tel_problem(bad).is_some(), "{bad}");
        }
        assert!(
            tel_problem("1-800-flowers")
                .unwrap()
                .contains("`tel:18003569377`")
        );
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn a_tel_link_dials_digits_only(text in "[+0-9A-Za-z ().#-]{0,30}( ?(ext\\.?|x|#) ?[0-9]{1,4})?") {
                let (link, _) = tel_link(&text);
                let (number, ext) = link["tel:".len()..]
                    .split_once(";ext=")
                    .unwrap_or((&link["tel:".len()..], "0"));
                let digits = number.strip_prefix('+').unwrap_or(number);
                prop_assert!(digits.chars().all(|c| c.is_ascii_digit()), "{}", link);
                prop_assert!(!ext.is_empty() && ext.chars().all(|c| c.is_ascii_digit()), "{}", link);
            }
        }
    }
}
