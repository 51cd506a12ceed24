//! Link targets: what a `[label](url)` in a text field or a `person.links`
//! URL may open. One rule for both, and for the JSON Resume import.

use super::contact;

/// The address a link opens, from what the TOML says: `https`, `http`,
/// `mailto` and `tel` links as written; an address without a scheme gets
/// `https://` (`github.com/someone`) or `mailto:` (`me@example.com`).
///
/// A web address needs `//` and a host, an e-mail link one address and
/// nothing else ([`contact::email_problem`]), a phone link the digits to
/// dial. Anything else (`javascript:`, `file:`, `https:javascript:`, a
/// relative path, spaces) is an error with the reason.
pub(crate) fn link_target(url: &str) -> Result<String, String> {
    let url = url.trim();
    if url.is_empty() {
        return Err("the link target is empty".to_owned());
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("`{url}` is not a link target: it contains a space"));
    }
    let scheme_end = url.find(':').filter(|&i| {
        url[..i].starts_with(|c: char| c.is_ascii_alphabetic())
            && url[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-'))
    });
    let Some(i) = scheme_end else {
        return without_scheme(url);
    };
    let scheme = url[..i].to_ascii_lowercase();
    let rest = &url[i + 1..];
    let known = matches!(scheme.as_str(), "https" | "http" | "mailto" | "tel");
    if known && rest.is_empty() {
        return Err(format!("`{url}` has a scheme but no address"));
    }
    match scheme.as_str() {
        "https" | "http" => web_problem(url, &scheme, rest).map_or(Ok(url.to_owned()), Err),
        "mailto" => match contact::email_problem(rest) {
            None => Ok(url.to_owned()),
            Some(why) => Err(format!("`{url}` is not an e-mail link: {why}")),
        },
        "tel" => contact::tel_problem(rest).map_or(Ok(url.to_owned()), Err),
        // `localhost:8080/docs`: a host and a port, not a scheme.
        _ if rest.starts_with(|c: char| c.is_ascii_digit()) => web(url),
        _ => Err(format!(
            "`{scheme}:` links are not allowed; use https, http, mailto or tel"
        )),
    }
}

/// An address written without a scheme: an e-mail address, or a web
/// address whose host has a dot.
fn without_scheme(url: &str) -> Result<String, String> {
    if url.contains('@') && !url.contains('/') {
        return match contact::email_problem(url) {
            None => Ok(format!("mailto:{url}")),
            Some(why) => Err(format!("`{url}` is not an e-mail address: {why}")),
        };
    }
    let host = url.split(['/', '?', '#', ':']).next().unwrap_or("");
    if host.contains('.') && !host.starts_with('.') && !host.ends_with('.') {
        web(url)
    } else {
        Err(format!(
            "`{url}` is not a web address: write it in full, as `https://example.com/page`"
        ))
    }
}

/// `url` with `https://` in front, when that is a web address.
fn web(url: &str) -> Result<String, String> {
    let full = format!("https://{url}");
    match web_problem(&full, "https", &full["https:".len()..]) {
        None => Ok(full),
        Some(why) => Err(why),
    }
}

/// Why `url`, an `http` or `https` link whose part after the scheme is
/// `rest`, is not a web address: it needs `//`, a host, and a port (if
/// any) of digits.
fn web_problem(url: &str, scheme: &str, rest: &str) -> Option<String> {
    let example = format!("as `{scheme}://example.com`");
    let Some(after) = rest.strip_prefix("//") else {
        return Some(format!(
            "`{url}` is not a web address: write `{scheme}://` and a host, {example}"
        ));
    };
    let authority = after.split(['/', '?', '#']).next().unwrap_or("");
    // `user@host`: the host is after the last `@`.
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = match host_port.strip_prefix('[') {
        Some(literal) => match literal.split_once(']') {
            Some((address, tail))
                if !address.is_empty()
                    && address
                        .chars()
                        .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.')) =>
            {
                (address, tail.strip_prefix(':').unwrap_or(tail))
            }
            _ => return Some(format!("`{url}` has a malformed IPv6 host")),
        },
        None => host_port.split_once(':').unwrap_or((host_port, "")),
    };
    if host.is_empty() {
        return Some(format!(
            "`{url}` has no host: write one after `{scheme}://`, {example}"
        ));
    }
    if !port.chars().all(|c| c.is_ascii_digit()) {
        return Some(format!(
            "`{url}` is not a web address: `{port}` is not a port number"
        ));
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    let well_formed = host_port.starts_with('[')
        || (name.chars().all(|c| contact::is_host_char(c) || c == '_')
            && !name.split('.').any(str::is_empty));
    if !well_formed {
        return Some(format!(
            "`{url}` has no valid host name: `{host}`; {example}"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_targets_are_web_mail_or_phone_addresses() {
        for (written, target) in [
            ("https://x.org/a?b=c#d", "https://x.org/a?b=c#d"),
            ("HTTP://x.org", "HTTP://x.org"),
            ("mailto:a@b.org", "mailto:a@b.org"),
            ("tel:+12125551234", "tel:+12125551234"),
            ("tel:+1-212-555-1234;ext=12", "tel:+1-212-555-1234;ext=12"),
            ("github.com/someone", "https://github.com/someone"),
            ("example.com:8080/x", "https://example.com:8080/x"),
            ("localhost:8080", "https://localhost:8080"),
            ("https://localhost", "https://localhost"),
            ("https://[::1]:8080/x", "https://[::1]:8080/x"),
            ("https://user@example.com/x", "https://user@example.com/x"),
            ("https://example.com./x", "https://example.com./x"),
            ("https://bücher.example/", "https://bücher.example/"),
            ("me@example.com", "mailto:me@example.com"),
            ("  https://x.org  ", "https://x.org"),
        ] {
            assert_eq!(link_target(written).as_deref(), Ok(target), "{written}");
        }
        for written in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,hi",
            "vbscript:x",
            "",
            "https:",
            "/relative/path",
            "#anchor",
            "notes",
            "https://x.org/a b",
        ] {
            assert!(link_target(written).is_err(), "{written}");
        }
    }

    #[test]
    fn a_web_link_needs_slashes_and_a_host() {
        for (written, why) in [
            ("https://", "no host"),
            ("http://", "no host"),
            ("https:///x", "no host"),
            ("https://?q=1", "no host"),
            ("https://user@/x", "no host"),
            ("https:javascript:alert(1)", "write `https://` and a host"),
            ("https:/x.org", "write `https://` and a host"),
            ("http:x.org", "write `http://` and a host"),
            ("https://javascript:alert(1)", "not a port number"),
            ("https://x..org", "no valid host name"),
            ("https://.", "no valid host name"),
            ("https://x.org%0a/", "no valid host name"),
            ("https://[zz]/", "IPv6"),
            ("localhost:80x", "not a port number"),
        ] {
            let err = link_target(written).expect_err(written);
            assert!(err.contains(why), "{written}: {err}");
        }
    }

    #[test]
    fn mail_and_phone_links_follow_the_contact_rules() {
        for (written, why) in [
            ("mailto:ada@example.com?subject=hi", "`?`"),
            ("mailto:ada@example.com%0ABcc:x@y.org", "one `@`"),
            ("mailto:@", "no name"),
            ("someone@example.com?subject=hi", "not an e-mail address"),
            ("@", "no name"),
            ("ada@localhost", "no dot"),
            ("tel:abc", "not a phone number"),
            ("tel:1-800-FLOWERS", "`tel:18003569377`"),
            ("tel:12", "not a phone number"),
        ] {
            let err = link_target(written).expect_err(written);
            assert!(err.contains(why), "{written}: {err}");
        }
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn a_target_is_refused_or_one_of_four_schemes(
                url in "(https?:|mailto:|tel:|javascript:)?[a-zA-Z0-9:/@.%?&#;=+()\\[\\] -]{0,40}"
            ) {
                if let Ok(target) = link_target(&url) {
                    let lower = target.to_ascii_lowercase();
                    if let Some(address) = lower.strip_prefix("mailto:") {
                        prop_assert_eq!(contact::email_problem(address), None);
                    } else if let Some(number) = lower.strip_prefix("tel:") {
                        prop_assert_eq!(contact::tel_problem(number), None);
                    } else {
                        prop_assert!(lower.starts_with("https://") || lower.starts_with("http://"));
                    }
                }
            }
        }
    }
}
