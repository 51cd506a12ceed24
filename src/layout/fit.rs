//! Fit: choose the most generous setting of the theme's adjustable
//! dimensions at which the content fills one page.
//!
//! Build, break and place are pure, so the fitter simply re-runs placement
//! (and scales the measured blocks when the font size changes) at candidate
//! settings. The tightening path orders the dimensions (spacing, then
//! leading, then font size, then margins) so that one parameter describes
//! every setting, and a binary search over it needs a bounded number of
//! passes.

use crate::layout::build::{Block, BlockKind, Para};
use crate::layout::frame::Page;
use crate::diag::Diagnostic;
use crate::layout::place::{Breaks, place_with};
use crate::text::shape::FontBook;
use crate::theme::{Adjust, Theme};

/// Bisection steps on the tightening path (its length is 4, so the setting
/// is found to within 4 / 2^10 of a dimension's range).
const TIGHTEN_STEPS: usize = 10;
/// Bisection steps when spreading an underfull page.
const SPREAD_STEPS: usize = 8;
/// A page filled less than this is spread, when spreading is on.
pub const SPREAD_BELOW: f64 = 0.95;
/// Spreading stops short of a completely full page.
const SPREAD_TARGET: f64 = 0.995;

/// What the fitter chose.
#[derive(Clone, Debug)]
pub struct Fitted {
    /// The placed page at the chosen setting (it overflows only when even
    /// the tightest setting does).
    pub page: Page,
    /// The theme with the chosen setting applied.
    pub theme: Theme,
    /// The chosen setting.
    pub adjust: Adjust,
    /// Settings measured (the chosen one is then drawn once more).
    pub passes: usize,
    /// Warnings from drawing the chosen setting.
    pub warnings: Vec<Diagnostic>,
}

/// Fit `blocks` (built at the theme's preferred sizes) on one page.
///
/// Candidate settings are only measured, with each paragraph broken once
/// per size and measure; the chosen one is then drawn.
pub fn fit(blocks: &[Block], theme: &Theme, fonts: &FontBook, spread: bool) -> Fitted {
    let mut passes = 0;
    let mut breaks = Breaks::default();
    let mut place_at = |adjust: Adjust, draw: bool| {
        let adjusted = theme.adjusted(adjust);
        let (page, warnings) = if adjust.size == 1.0 {
            place_with(blocks, &adjusted, fonts, &mut breaks, draw)
        } else {
            place_with(
                &scaled(blocks, adjust.size),
                &adjusted,
                fonts,
                &mut breaks,
                draw,
            )
        };
        (page, adjusted, adjust, warnings)
    };
    let mut run = |adjust: Adjust| {
        passes += 1;
        place_at(adjust, false)
    };

    let preferred = run(theme.preferred());
    let chosen = if preferred.0.overflow.is_none() {
        if spread && preferred.0.fill() < SPREAD_BELOW {
            // Largest loosening that still fits below the target fill.
            let (mut lo, mut hi) = (0.0, 1.0);
            let mut best = preferred;
            let top = run(theme.loosened(hi));
            if fits_spread(&top.0) {
                best = top;
            } else {
                for _ in 0..SPREAD_STEPS {
                    let mid = (lo + hi) / 2.0;
                    let candidate = run(theme.loosened(mid));
                    if fits_spread(&candidate.0) {
                        lo = mid;
                        best = candidate;
                    } else {
                        hi = mid;
                    }
                }
            }
            best
        } else {
            preferred
        }
    } else {
        let tightest = run(theme.tightened(4.0));
        if tightest.0.overflow.is_some() {
            tightest
        } else {
            // Smallest tightening that fits: lo overflows, hi fits.
            let (mut lo, mut hi) = (0.0, 4.0);
            let mut best = tightest;
            for _ in 0..TIGHTEN_STEPS {
                let mid = (lo + hi) / 2.0;
                let candidate = run(theme.tightened(mid));
                if candidate.0.overflow.is_none() {
                    hi = mid;
                    best = candidate;
                } else {
                    lo = mid;
                }
            }
            best
        }
    };
    let (page, theme, adjust, warnings) = place_at(chosen.2, true);
    Fitted {
        page,
        theme,
        adjust,
        passes,
        warnings,
    }
}

/// Whether the blocks fit on the page at the theme's tightest setting.
pub fn fits_tightest(blocks: &[Block], theme: &Theme, fonts: &FontBook) -> bool {
    let adjust = theme.tightened(4.0);
    let scaled = scaled(blocks, adjust.size);
    let adjusted = theme.adjusted(adjust);
    place_with(&scaled, &adjusted, fonts, &mut Breaks::default(), false)
        .0
        .overflow
        .is_none()
}

fn fits_spread(page: &Page) -> bool {
    page.overflow.is_none() && page.fill() <= SPREAD_TARGET
}

/// The blocks with every glyph, width and size multiplied by `factor`.
/// Shaping is linear in the font size (no hinting), so this equals
/// shaping again at the new size, at a fraction of the cost.
pub fn scaled(blocks: &[Block], factor: f64) -> Vec<Block> {
    blocks
        .iter()
        .map(|block| {
            let mut block = block.clone();
            match &mut block.kind {
                BlockKind::Centered(para) | BlockKind::Heading(para) => scale_para(para, factor),
                BlockKind::Aside { para, beside } => {
                    scale_para(para, factor);
                    *beside = *beside * factor;
                }
                BlockKind::Lines {
                    para,
                    right,
                    marker,
                    ..
                } => {
                    scale_para(para, factor);
                    if let Some(right) = right {
                        scale_para(right, factor);
                    }
                    if let Some(marker) = marker {
                        scale_para(&mut marker.0, factor);
                    }
                }
            }
            block
        })
        .collect()
}

fn scale_para(para: &mut Para, factor: f64) {
    para.size = para.size * factor;
    for run in &mut para.runs {
        run.size = run.size * factor;
    }
    let scale_glyph = |g: &mut crate::text::shape::Glyph| {
        g.advance = g.advance * factor;
        g.x_offset = g.x_offset * factor;
        g.y_offset = g.y_offset * factor;
    };
    for g in &mut para.glyphs {
        scale_glyph(&mut g.glyph);
    }
    for f in &mut para.frags {
        f.width = f.width * factor;
        f.space_width = f.space_width * factor;
        if let Some(h) = &mut f.hyphen {
            scale_glyph(&mut h.glyph);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::build::Builder;
    use crate::{model, select};

    /// The test input that overflows the preferred setting by a few lines.
    const FEW_LINES: &str = include_str!("../../tests/fixtures/fit/overflow-few-lines.toml");

    #[test]
    fn a_few_lines_over_the_preferred_setting_fit_when_tightened() {
        let resume = model::parse(FEW_LINES).unwrap();
        let doc = select::select(&resume, FEW_LINES).unwrap();
        let theme = Theme::resolve(&doc.settings);
        let fonts = FontBook::new();
        let (blocks, _) = Builder::new(&theme, &fonts).build(&doc);
        let (page, _) = place_with(&blocks, &theme, &fonts, &mut Breaks::default(), false);
        let overflow = page.overflow.expect("overflows at the preferred setting");
        assert!((1.0..6.0).contains(&overflow.lines), "{overflow:?}");

        let fitted = fit(&blocks, &theme, &fonts, false);
        assert!(fitted.page.overflow.is_none());
        assert!(fitted.adjust.spacing < 1.0, "spacing was tightened");
        assert!(fitted.passes <= 12);
    }
}
