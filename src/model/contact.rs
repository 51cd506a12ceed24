//! The rules for contact details, shared by the résumé's own checks and the
//! JSON Resume import, so that what the import lets through always compiles.

/// The fewest ASCII digits a phone number has.
const MIN_PHONE_DIGITS: usize = 3;

/// Whether `text` can be an e-mail address: it contains an `@`.
pub(crate) fn is_email(text: &str) -> bool {
    text.contains('@')
}

/// Whether `text` can be a phone number: it has at least three ASCII digits.
pub(crate) fn is_phone(text: &str) -> bool {
    text.chars().filter(char::is_ascii_digit).count() >= MIN_PHONE_DIGITS
}

/// The `tel:` link of a phone number: its ASCII digits and `+` signs.
pub(crate) fn tel_link(text: &str) -> String {
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_needs_an_at_sign() {
        assert!(is_email("ada@example.com"));
        assert!(is_email("@"));
        assert!(!is_email("ada.example.com"));
        assert!(!is_email(""));
    }

    #[test]
    fn phone_needs_three_digits() {
        assert!(is_phone("+1 (917) 615-7396"));
        assert!(is_phone("112"));
        assert!(!is_phone("12"));
        assert!(!is_phone("+12 ext."));
        // Only ASCII digits count.
        assert!(!is_phone("١٢٣"));
    }

    #[test]
    fn tel_link_keeps_digits_and_plus() {
        assert_eq!(tel_link("+1 (917) 615-7396"), "tel:+19176157396");
        assert_eq!(tel_link("call me"), "tel:");
        assert_eq!(tel_link("٠١٢ 34"), "tel:34");
    }
}
