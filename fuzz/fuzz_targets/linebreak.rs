//! Both line breakers on arbitrary fragment widths, with a fake fragment
//! type: every fragment must be used exactly once, in order, lines must end
//! at forced breaks, no line of several fragments may overflow its measure,
//! and total fit must never score worse than first fit.
//!
//! Input layout: three header bytes (first-line measure, other measure,
//! mode), then four bytes per fragment (width, whitespace or hyphen width,
//! kind, forced break).
//! Widths are multiples of 1/8 pt, so sums are exact in `f64`.

#![no_main]

use std::ops::Range;

use libfuzzer_sys::fuzz_target;
use resume::layout::linebreak::{
    Fragment, Measure, first_fit, line_demerits, optimal_fit, total_demerits,
};
use resume::theme::Mode;

/// Active break positions `optimal_fit` keeps; past this many fragments it
/// may prune and is no longer exactly optimal.
const PRUNE_FREE: usize = 256;

#[derive(Debug)]
struct Frag {
    width: f64,
    whitespace: f64,
    penalty_width: f64,
    penalty: f64,
    forced: bool,
}

impl Fragment for Frag {
    fn width(&self) -> f64 {
        self.width
    }
    fn whitespace_width(&self) -> f64 {
        self.whitespace
    }
    fn penalty_width(&self) -> f64 {
        self.penalty_width
    }
    fn penalty(&self) -> f64 {
        self.penalty
    }
    fn forced_break(&self) -> bool {
        self.forced
    }
}

fn quarter(byte: u8) -> f64 {
    f64::from(byte) / 4.0
}

fn decode(data: &[u8]) -> Option<(Measure, Mode, Vec<Frag>)> {
    let (header, body) = data.split_first_chunk::<3>()?;
    let measure = Measure {
        first: quarter(header[0]) * 2.0 + 1.0,
        rest: quarter(header[1]) * 2.0 + 1.0,
    };
    let mode = if header[2] & 1 == 0 {
        Mode::Ragged
    } else {
        Mode::Justified
    };
    // Fragments as the builder makes them: a word with the space after it
    // (which may end in a forced break), a hyphenation point inside a word
    // (no space, a hyphen, penalty 50), or an emergency break inside an
    // overlong token (no space, no hyphen, penalty 1000).
    let frags = body
        .chunks_exact(4)
        .map(|c| {
            let width = quarter(c[0]) / 2.0;
            match c[2] >> 6 {
                0 => Frag {
                    width,
                    whitespace: 0.0,
                    penalty_width: quarter(c[1] & 0x0f) + 0.25,
                    penalty: 50.0,
                    forced: false,
                },
                1 => Frag {
                    width,
                    whitespace: 0.0,
                    penalty_width: 0.0,
                    penalty: 1000.0,
                    forced: false,
                },
                _ => Frag {
                    width,
                    whitespace: if c[1] & 0x10 == 0 {
                        0.0
                    } else {
                        quarter(c[1] & 0x0f)
                    },
                    penalty_width: 0.0,
                    penalty: 0.0,
                    forced: c[3] & 0x0f == 0,
                },
            }
        })
        .collect();
    Some((measure, mode, frags))
}

fn check(name: &str, frags: &[Frag], lines: &[Range<usize>], measure: Measure, mode: Mode) {
    let mut next = 0;
    for (index, line) in lines.iter().enumerate() {
        assert_eq!(line.start, next, "{name}: lines {lines:?} skip or repeat");
        assert!(
            line.end > line.start,
            "{name}: empty line {index} in {lines:?}"
        );
        assert!(
            line.end <= frags.len(),
            "{name}: line {line:?} past the end"
        );
        if let Some(i) = frags[line.start..line.end - 1]
            .iter()
            .position(|f| f.forced)
        {
            panic!(
                "{name}: line {line:?} runs past the forced break after fragment {}",
                line.start + i
            );
        }
        let cost = line_demerits(frags, line.clone(), index, measure, mode);
        assert!(
            !cost.overfull || line.len() == 1,
            "{name}: line {index} {line:?} holds several fragments and overflows"
        );
        assert!(cost.demerits.is_finite(), "{name}: demerits {cost:?}");
        next = line.end;
    }
    assert_eq!(next, frags.len(), "{name}: lines {lines:?} stop early");
}

fuzz_target!(|data: &[u8]| {
    let Some((measure, mode, frags)) = decode(data) else {
        return;
    };
    let ff = first_fit(&frags, measure);
    check("first_fit", &frags, &ff, measure, mode);
    let kp = optimal_fit(&frags, measure, mode);
    check("optimal_fit", &frags, &kp, measure, mode);
    if frags.len() <= PRUNE_FREE {
        let (ff_total, kp_total) = (
            total_demerits(&frags, &ff, measure, mode),
            total_demerits(&frags, &kp, measure, mode),
        );
        assert!(
            kp_total <= ff_total * (1.0 + 1e-9) + 1e-9,
            "optimal_fit {kp:?} scores {kp_total}, worse than first_fit {ff:?} at {ff_total}"
        );
    }
});
