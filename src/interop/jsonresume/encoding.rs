//! Links, usernames, lists and locations: how the import writes them into
//! one line of text, and how the export reads them back.

use super::schema::Location;

/// The last path segment of a profile URL, without a leading `@`.
pub(super) fn username_of(url: &str) -> String {
    let rest = url.split(['?', '#']).next().unwrap_or("");
    let Some(after_scheme) = rest.split_once("://").map(|(_, r)| r) else {
        return String::new();
    };
    let mut segments = after_scheme.split('/').filter(|s| !s.is_empty());
    // The host is not a username.
    segments.next();
    segments
        .next_back()
        .map(|s| s.trim_start_matches('@').to_owned())
        .unwrap_or_default()
}

/// Well-known networks in their usual spelling, for export.
const NETWORKS: &[&str] = &[
    "Behance",
    "Bitbucket",
    "Bluesky",
    "CodePen",
    "DEV",
    "Dribbble",
    "Facebook",
    "GitHub",
    "GitLab",
    "Google Scholar",
    "HackerRank",
    "Hacker News",
    "Instagram",
    "Kaggle",
    "LeetCode",
    "LinkedIn",
    "Mastodon",
    "Medium",
    "ORCID",
    "Reddit",
    "ResearchGate",
    "SoundCloud",
    "Stack Overflow",
    "StackOverflow",
    "Telegram",
    "Twitch",
    "Twitter",
    "X",
    "YouTube",
];

/// A network in its usual spelling when it is a well-known one.
pub(super) fn network_name(label: &str) -> String {
    NETWORKS
        .iter()
        .find(|n| n.eq_ignore_ascii_case(label))
        .map_or_else(|| label.to_owned(), |n| (*n).to_owned())
}

/// Split `a, b, c` at commas outside brackets; the inverse of joining with `, `.
pub(super) fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 0 && bytes.get(i + 1) == Some(&b' ') && i >= start => {
                out.push(s.get(start..i).unwrap_or("").to_owned());
                start = i + 2;
            }
            _ => {}
        }
    }
    out.push(s.get(start..).unwrap_or("").to_owned());
    out.retain(|item| !item.trim().is_empty());
    out
}

/// `name (level)` back to its parts, when the label ends with a bracketed part.
pub(super) fn split_level(label: &str) -> (String, String) {
    let Some(inner) = label.strip_suffix(')') else {
        return (label.to_owned(), String::new());
    };
    let mut depth = 0usize;
    for (i, c) in inner.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => {
                let level = inner.get(i + 1..).unwrap_or("").to_owned();
                return match inner.get(..i) {
                    Some("") => (String::new(), level),
                    Some(name) => match name.strip_suffix(' ') {
                        Some(name) => (name.to_owned(), level),
                        None => (label.to_owned(), String::new()),
                    },
                    None => (label.to_owned(), String::new()),
                };
            }
            '(' => depth -= 1,
            _ => {}
        }
    }
    (label.to_owned(), String::new())
}

/// The location on one line: `address, city, region, postalCode, countryCode`.
pub(super) fn location_line(l: &Location) -> String {
    [
        &l.address,
        &l.city,
        &l.region,
        &l.postal_code,
        &l.country_code,
    ]
    .into_iter()
    .filter(|s| !s.trim().is_empty())
    .map(String::as_str)
    .collect::<Vec<_>>()
    .join(", ")
}

/// [`location_line`] read back: a final two-letter capital code is the
/// country, a short part with digits before it the postal code, then the
/// region and city from the end, and whatever precedes them the address.
pub(super) fn parse_location(line: &str) -> Location {
    let mut parts: Vec<&str> = line.split(", ").filter(|p| !p.is_empty()).collect();
    let mut l = Location::default();
    if parts.len() > 1
        && let Some(last) = parts.last()
        && last.len() == 2
        && last.bytes().all(|b| b.is_ascii_uppercase())
    {
        l.country_code = (*last).to_owned();
        parts.pop();
    }
    if let Some(last) = parts.last()
        && parts.len() > 1
        && last.chars().count() <= 10
        && last.chars().any(|c| c.is_ascii_digit())
        && last
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
    {
        l.postal_code = (*last).to_owned();
        parts.pop();
    }
    match parts.len() {
        0 => {}
        1 => l.city = parts[0].to_owned(),
        n => {
            l.region = parts[n - 1].to_owned();
            l.city = parts[n - 2].to_owned();
            l.address = parts[..n - 2].join(", ");
        }
    }
    l
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_levels() {
        assert_eq!(
            split_list("AWS (Lambda, S3), Docker, "),
            vec!["AWS (Lambda, S3)", "Docker"]
        );
        assert_eq!(split_list(""), Vec::<String>::new());
        assert_eq!(
            split_level("Web (Master (5y))"),
            ("Web".to_owned(), "Master (5y)".to_owned())
        );
        assert_eq!(split_level("Rust"), ("Rust".to_owned(), String::new()));
        assert_eq!(split_level("(x)"), (String::new(), "x".to_owned()));
        assert_eq!(split_level("a)"), ("a)".to_owned(), String::new()));
    }

    #[test]
    fn locations_read_back() {
        let l = Location {
            address: "2712 Broadway St".into(),
            postal_code: "CA 94115".into(),
            city: "San Francisco".into(),
            country_code: "US".into(),
            region: "California".into(),
        };
        assert_eq!(parse_location(&location_line(&l)), l);
        let l = Location {
            city: "Berlin".into(),
            country_code: "DE".into(),
            ..Location::default()
        };
        assert_eq!(parse_location(&location_line(&l)), l);
    }

    #[test]
    fn usernames() {
        assert_eq!(username_of("https://github.com/ada/"), "ada");
        assert_eq!(username_of("https://mastodon.social/@ada"), "ada");
        assert_eq!(username_of("https://ada.dev"), "");
        assert_eq!(username_of("not a url"), "");
    }
}
