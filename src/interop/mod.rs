//! Conversions between résumé formats: JSON Resume in and out, plain text
//! and Markdown out.

pub mod jsonresume;
pub mod text;
pub mod translations;

use crate::text::style::Span;

/// The address without `https://`, `http://` or a trailing `/`: how a link
/// whose label is its own address is written.
fn strip_scheme(url: &str) -> &str {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    rest.strip_suffix('/').unwrap_or(rest)
}

/// Runs of spans that share one link (or none).
fn link_runs(spans: &[Span]) -> Vec<(&[Span], Option<&str>)> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=spans.len() {
        let ends = match (spans.get(i), spans.get(start)) {
            (Some(next), Some(first)) => next.link != first.link,
            _ => true,
        };
        if ends && let (Some(run), Some(first)) = (spans.get(start..i), spans.get(start)) {
            runs.push((run, first.link.as_deref()));
            start = i;
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_without_scheme() {
        assert_eq!(strip_scheme("https://ada.dev/"), "ada.dev");
        assert_eq!(strip_scheme("http://x.org/a/"), "x.org/a");
        assert_eq!(strip_scheme("mailto:a@b.c"), "mailto:a@b.c");
        assert_eq!(strip_scheme("https://"), "");
    }

    #[test]
    fn runs_split_where_the_link_changes() {
        let spans =
            crate::model::markup::parse_inline("a [b **c**](https://x.org) d [e](https://y.org)")
                .expect("markup");
        let runs: Vec<(String, Option<&str>)> = link_runs(&spans)
            .into_iter()
            .map(|(run, link)| (run.iter().map(|s| s.text.as_str()).collect(), link))
            .collect();
        assert_eq!(
            runs,
            [
                ("a ".to_owned(), None),
                ("b c".to_owned(), Some("https://x.org")),
                (" d ".to_owned(), None),
                ("e".to_owned(), Some("https://y.org")),
            ]
        );
        assert!(link_runs(&[]).is_empty());
    }
}
