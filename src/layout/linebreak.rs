//! Line breaking over measured fragments, generic over a tiny trait so that
//! it is tested with fake widths and no fonts.
//!
//! A fragment is a word (everything up to a UAX #14 break opportunity) plus
//! the whitespace after it; the whitespace counts only when the line goes on.

use std::ops::Range;

/// What the breaker needs to know about a fragment.
pub trait Fragment {
    /// Width of the fragment's visible part.
    fn width(&self) -> f64;
    /// Width of the whitespace after it, when a line continues past it.
    fn whitespace_width(&self) -> f64;
    /// Extra width when a line ends after it (a hyphen, for example).
    fn penalty_width(&self) -> f64;
    /// A line must end after this fragment (a hard line break in the text).
    fn forced_break(&self) -> bool {
        false
    }
}

/// Break greedily: each line takes as many fragments as fit in
/// `line_width(line_index)`. A fragment wider than a whole line gets a line
/// of its own. Every fragment is used exactly once, in order.
pub fn first_fit<F: Fragment>(
    fragments: &[F],
    line_width: impl Fn(usize) -> f64,
) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    // Width of fragments[start..i] with inner whitespace.
    let mut width = 0.0;
    for (i, fragment) in fragments.iter().enumerate() {
        let available = line_width(lines.len());
        let end_width = width + fragment.width() + fragment.penalty_width();
        if i > start && end_width > available + EPSILON {
            lines.push(start..i);
            start = i;
            width = 0.0;
        }
        width += fragment.width() + fragment.whitespace_width();
        if fragment.forced_break() {
            lines.push(start..i + 1);
            start = i + 1;
            width = 0.0;
        }
    }
    if start < fragments.len() {
        lines.push(start..fragments.len());
    }
    lines
}

/// Tolerance for float round-off when a line fits exactly.
const EPSILON: f64 = 1e-6;

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake fragment: (width, whitespace, forced).
    struct W(f64, f64, bool);

    impl Fragment for W {
        fn width(&self) -> f64 {
            self.0
        }
        fn whitespace_width(&self) -> f64 {
            self.1
        }
        fn penalty_width(&self) -> f64 {
            0.0
        }
        fn forced_break(&self) -> bool {
            self.2
        }
    }

    fn words(widths: &[f64]) -> Vec<W> {
        widths.iter().map(|w| W(*w, 1.0, false)).collect()
    }

    #[test]
    fn fills_lines_greedily_and_drops_trailing_space() {
        // 3+1+3+1+3 = 11 fits in 11; the trailing space of the last word is free.
        let lines = first_fit(&words(&[3.0, 3.0, 3.0, 3.0]), |_| 11.0);
        assert_eq!(lines, vec![0..3, 3..4]);
    }

    #[test]
    fn overlong_fragment_gets_its_own_line() {
        let lines = first_fit(&words(&[2.0, 50.0, 2.0]), |_| 10.0);
        assert_eq!(lines, vec![0..1, 1..2, 2..3]);
    }

    #[test]
    fn forced_breaks_end_lines() {
        let frags = vec![W(1.0, 1.0, true), W(1.0, 1.0, false), W(1.0, 1.0, false)];
        assert_eq!(first_fit(&frags, |_| 100.0), vec![0..1, 1..3]);
    }

    #[test]
    fn line_width_may_differ_per_line() {
        let lines = first_fit(&words(&[4.0, 4.0, 4.0, 4.0]), |i| {
            if i == 0 { 4.0 } else { 9.0 }
        });
        assert_eq!(lines, vec![0..1, 1..3, 3..4]);
    }

    #[test]
    fn every_fragment_used_once_in_order() {
        // A small deterministic pseudo-random corpus.
        let mut seed = 7u64;
        for _ in 0..200 {
            let n = (seed % 40) as usize;
            let frags: Vec<W> = (0..n)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    W(
                        ((seed >> 33) % 30) as f64,
                        1.0,
                        (seed >> 20).is_multiple_of(17),
                    )
                })
                .collect();
            let lines = first_fit(&frags, |_| 40.0);
            let mut next = 0;
            for line in &lines {
                assert_eq!(line.start, next);
                assert!(line.end > line.start);
                next = line.end;
            }
            assert_eq!(next, n);
            for line in &lines {
                let w: f64 = frags[line.clone()].iter().map(|f| f.0 + f.1).sum::<f64>() - 1.0;
                assert!(w <= 40.0 || line.len() == 1, "line overflows: {w}");
            }
        }
    }

    #[test]
    fn empty_input_gives_no_lines() {
        assert!(first_fit::<W>(&[], |_| 10.0).is_empty());
    }
}
