//! Typo suggestions: the closest known name to an unknown one, and the
//! "unknown X" diagnostic that offers it.

use super::Diagnostic;

impl Diagnostic {
    /// The error ``unknown {kind} `{name}` ``, with the hint
    /// ``did you mean `close`?`` when one of `candidates` is a plausible
    /// typo of `name` (see [`did_you_mean`]).
    ///
    /// Further hints added with [`Diagnostic::with_hint`] come after it.
    pub(crate) fn unknown<'a>(
        kind: &str,
        name: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let mut diagnostic = Self::error(format!("unknown {kind} `{name}`"));
        diagnostic.hints.extend(did_you_mean_hint(name, candidates));
        diagnostic
    }
}

/// The hint ``did you mean `close`?`` for the candidate closest to `name`,
/// if one is close enough (see [`did_you_mean`]).
pub(crate) fn did_you_mean_hint<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    did_you_mean(name, candidates).map(|close| format!("did you mean `{close}`?"))
}

/// Names longer than this are never treated as typos, which keeps the edit
/// distance cheap on hostile input.
const MAX_TYPO_LEN: usize = 256;

/// The candidate closest to `name` by edit distance (case-insensitive, a swap of neighbours counting as one edit), if close enough to be a plausible typo (distance <= max(1, len/3)).
///
/// `len` is the length of `name` in chars. Ties go to the earliest
/// candidate, and an empty name suggests nothing.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let len = name.chars().count();
    if len == 0 || len > MAX_TYPO_LEN {
        return None;
    }
    let limit = (len / 3).max(1);
    let wanted: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate.is_empty() || candidate.len() > 4 * MAX_TYPO_LEN {
            continue;
        }
        let other: Vec<char> = candidate.chars().flat_map(char::to_lowercase).collect();
        if other.len().abs_diff(wanted.len()) > limit {
            continue;
        }
        let distance = edit_distance(&wanted, &other);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Edit distance over chars where swapping two neighbours costs one edit
/// (optimal string alignment), so `tilte` is one typo away from `title`.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            let mut best = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && *ca == b[j - 1] && a[i - 1] == *cb {
                best = best.min(before[j - 1] + 1);
            }
            current[j + 1] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    // ---- the unknown-name diagnostic -----------------------------------

    #[test]
    fn unknown_offers_the_closest_name_first() {
        let d = Diagnostic::unknown("tag", "bakend", ["frontend", "backend"])
            .with_span(2..8)
            .with_hint("more");
        assert!(d.is_error());
        assert_eq!(d.message, "unknown tag `bakend`");
        assert_eq!(d.span, Some(2..8));
        assert_eq!(d.hints, ["did you mean `backend`?", "more"]);
    }

    #[test]
    fn unknown_without_a_close_name_has_no_hint() {
        let d = Diagnostic::unknown("variant", "zzz", ["ml", "web"]);
        assert_eq!(d.message, "unknown variant `zzz`");
        assert!(d.hints.is_empty());
        let d = Diagnostic::unknown("id", "x", []);
        assert!(d.hints.is_empty());
    }

    #[test]
    fn did_you_mean_hint_wording() {
        assert_eq!(
            did_you_mean_hint("mll", ["ml"]).as_deref(),
            Some("did you mean `ml`?")
        );
        assert_eq!(did_you_mean_hint("mll", ["web"]), None);
    }

    // ---- did_you_mean ------------------------------------------------

    #[test]
    fn did_you_mean_finds_typos() {
        let fields = ["title", "org", "location", "dates"];
        assert_eq!(did_you_mean("locaton", fields), Some("location"));
        assert_eq!(did_you_mean("tile", fields), Some("title"));
        // A swap of neighbours is one typo.
        assert_eq!(did_you_mean("tilte", fields), Some("title"));
        assert_eq!(did_you_mean("locatoin", fields), Some("location"));
        assert_eq!(did_you_mean("date", fields), Some("dates"));
        assert_eq!(did_you_mean("orgg", fields), Some("org"));
        assert_eq!(did_you_mean("LOCATION", fields), Some("location"));
        assert_eq!(did_you_mean("Title", fields), Some("title"));
    }

    #[test]
    fn did_you_mean_rejects_distant_names() {
        let fields = ["title", "org", "location"];
        assert_eq!(did_you_mean("salary", fields), None);
        assert_eq!(did_you_mean("", fields), None);
        assert_eq!(did_you_mean("x", Vec::<&str>::new()), None);
        // len 6 allows distance 2, not 3.
        assert_eq!(did_you_mean("abcdef", ["abcxyz"]), None);
        assert_eq!(did_you_mean("abcdef", ["abcdxy"]), Some("abcdxy"));
        // Short names still allow one edit.
        assert_eq!(did_you_mean("ab", ["ac"]), Some("ac"));
        assert_eq!(did_you_mean("ab", ["cd"]), None);
        // Empty candidates are never suggested.
        assert_eq!(did_you_mean("a", [""]), None);
    }

    #[test]
    fn did_you_mean_prefers_closest_then_first() {
        assert_eq!(did_you_mean("nane", ["name", "nan"]), Some("name"));
        assert_eq!(did_you_mean("cat", ["bat", "hat"]), Some("bat"));
        assert_eq!(did_you_mean("dates", ["date", "dates"]), Some("dates"));
    }

    #[test]
    fn did_you_mean_handles_unicode_and_huge_input() {
        assert_eq!(
            did_you_mean("straße", ["STRASSE", "strasse"]),
            Some("STRASSE")
        );
        assert_eq!(did_you_mean("Übung", ["übung"]), Some("übung"));
        assert_eq!(did_you_mean("naïve", ["naive"]), Some("naive"));
        let huge = "a".repeat(100_000);
        assert_eq!(did_you_mean(&huge, [huge.as_str()]), None);
        assert_eq!(did_you_mean("name", [huge.as_str()]), None);
    }

    #[test]
    fn edit_distance_matches_known_values() {
        let d = |a: &str, b: &str| {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            edit_distance(&a, &b)
        };
        assert_eq!(d("tilte", "title"), 1);
        assert_eq!(d("ab", "ba"), 1);
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("abc", ""), 3);
        assert_eq!(d("flaw", "lawn"), 2);
        assert_eq!(d("same", "same"), 0);
    }
}
