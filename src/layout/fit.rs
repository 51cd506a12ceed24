//! Fit: choose the fewest pages on which the content fits, and on them the
//! most generous setting of the theme's adjustable dimensions.
//!
//! Build, break and place are pure, so the fitter simply re-runs placement
//! (and scales the measured blocks when the font size changes) at candidate
//! settings. The tightening path orders the dimensions (spacing, then
//! leading, then font size, then margins) so that one parameter describes
//! every setting, and a binary search over it needs a bounded number of
//! passes.
//!
//! Passes: on one page, the preferred setting, then (if it overflows) the
//! tightest and 10 bisection steps, or (if it is underfull) up to 9 steps
//! spreading it: at most 12. When even the tightest setting overflows one
//! page and more are allowed, each further page count costs one pass at the
//! tightest setting until the content fits, and the first count on which
//! it does costs one more at the preferred setting and, when that
//! overflows, the 10 bisection steps: at most 12 + k passes for k pages.

use crate::diag::Diagnostic;
use crate::layout::build::{Block, BlockKind, Para};
use crate::layout::frame::{Overflow, Page};
use crate::layout::paginate::place_with;
use crate::layout::place::Breaks;
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
    /// The placed pages at the chosen setting (the last overflows only
    /// when even the tightest setting on the most pages allowed does).
    pub pages: Vec<Page>,
    /// The theme with the chosen setting applied.
    pub theme: Theme,
    /// The chosen setting.
    pub adjust: Adjust,
    /// Settings measured (the chosen one is then drawn once more).
    pub passes: usize,
    /// Warnings from drawing the chosen setting.
    pub warnings: Vec<Diagnostic>,
}

impl Fitted {
    /// The first page that overflows (0-based) and by how much.
    pub fn overflow(&self) -> Option<(usize, &Overflow)> {
        first_overflow(&self.pages)
    }
}

/// The first page of `pages` that overflows (0-based) and by how much.
pub fn first_overflow(pages: &[Page]) -> Option<(usize, &Overflow)> {
    pages
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.overflow.as_ref().map(|o| (i, o)))
}

/// Fit `blocks` (built at the theme's preferred sizes) on the fewest pages
/// up to `pages` (at least one).
///
/// Candidate settings are only measured, with each paragraph broken once
/// per size and measure; the chosen one is then drawn.
pub fn fit(
    blocks: &[Block],
    theme: &Theme,
    fonts: &FontBook,
    spread: bool,
    pages: usize,
) -> Fitted {
    let mut f = Fitter {
        blocks,
        theme,
        fonts,
        breaks: Breaks::default(),
        passes: 0,
    };
    let preferred = f.run(theme.preferred(), 1);
    let chosen = if fits(&preferred) {
        if spread && preferred.pages[0].fill() < SPREAD_BELOW {
            f.spread(preferred)
        } else {
            preferred
        }
    } else {
        f.fewest_pages(pages)
    };
    let adjusted = theme.adjusted(chosen.adjust);
    let (pages, warnings) = f.place(chosen.adjust, &adjusted, chosen.count, true);
    Fitted {
        pages,
        theme: adjusted,
        adjust: chosen.adjust,
        passes: f.passes,
        warnings,
    }
}

/// Whether the blocks fit on at most `pages` pages at the theme's tightest
/// setting.
pub fn fits_tightest(blocks: &[Block], theme: &Theme, fonts: &FontBook, pages: usize) -> bool {
    fits_at(blocks, theme, theme.tightened(4.0), fonts, pages)
}

/// Whether the blocks fit on at most `pages` pages at the theme's
/// preferred setting.
pub fn fits_preferred(blocks: &[Block], theme: &Theme, fonts: &FontBook, pages: usize) -> bool {
    fits_at(blocks, theme, theme.preferred(), fonts, pages)
}

/// Whether the blocks fit on at most `pages` pages at `adjust`.
fn fits_at(blocks: &[Block], theme: &Theme, adjust: Adjust, fonts: &FontBook, pages: usize) -> bool {
    let adjusted = theme.adjusted(adjust);
    let scaled;
    let blocks = if adjust.size == 1.0 {
        blocks
    } else {
        scaled = self::scaled(blocks, adjust.size);
        &scaled
    };
    let placed = place_with(blocks, &adjusted, fonts, &mut Breaks::default(), false, pages);
    placed.0.iter().all(|p| p.overflow.is_none())
}

/// A measured setting.
struct Candidate {
    /// The setting.
    adjust: Adjust,
    /// The pages it was placed on at most.
    count: usize,
    /// The measured pages.
    pages: Vec<Page>,
}

/// Whether a candidate's every page fits.
fn fits(candidate: &Candidate) -> bool {
    candidate.pages.iter().all(|p| p.overflow.is_none())
}

/// The placement passes of one fit, counted.
struct Fitter<'a, 'f> {
    blocks: &'a [Block],
    theme: &'a Theme,
    fonts: &'a FontBook<'f>,
    breaks: Breaks,
    passes: usize,
}

impl Fitter<'_, '_> {
    /// Place the blocks at `adjust` on at most `count` pages.
    fn place(
        &mut self,
        adjust: Adjust,
        adjusted: &Theme,
        count: usize,
        draw: bool,
    ) -> (Vec<Page>, Vec<Diagnostic>) {
        let (fonts, breaks) = (self.fonts, &mut self.breaks);
        if adjust.size == 1.0 {
            place_with(self.blocks, adjusted, fonts, breaks, draw, count)
        } else {
            let scaled = scaled(self.blocks, adjust.size);
            place_with(&scaled, adjusted, fonts, breaks, draw, count)
        }
    }

    /// Measure one setting on at most `count` pages.
    fn run(&mut self, adjust: Adjust, count: usize) -> Candidate {
        self.passes += 1;
        let adjusted = self.theme.adjusted(adjust);
        let (pages, _) = self.place(adjust, &adjusted, count, false);
        Candidate {
            adjust,
            count,
            pages,
        }
    }

    /// The largest loosening of a one-page candidate that still fits below
    /// the target fill.
    fn spread(&mut self, preferred: Candidate) -> Candidate {
        let (mut lo, mut hi) = (0.0, 1.0);
        let top = self.run(self.theme.loosened(hi), 1);
        if fits_spread(&top) {
            return top;
        }
        let mut best = preferred;
        for _ in 0..SPREAD_STEPS {
            let mid = (lo + hi) / 2.0;
            let candidate = self.run(self.theme.loosened(mid), 1);
            if fits_spread(&candidate) {
                lo = mid;
                best = candidate;
            } else {
                hi = mid;
            }
        }
        best
    }

    /// When the preferred setting overflows one page: the fewest pages up
    /// to `most` on which the content fits at the tightest setting, and on
    /// them the most generous setting that fits (the tightest on `most`
    /// pages when none does).
    fn fewest_pages(&mut self, most: usize) -> Candidate {
        let tightest = self.theme.tightened(4.0);
        let mut candidate = self.run(tightest, 1);
        let mut count = 1;
        while !fits(&candidate) && count < most {
            count += 1;
            candidate = self.run(tightest, count);
        }
        if !fits(&candidate) {
            return candidate;
        }
        if count > 1 {
            let preferred = self.run(self.theme.preferred(), count);
            if fits(&preferred) {
                return preferred;
            }
        }
        self.tighten(candidate)
    }

    /// The smallest tightening that fits on the pages of `tightest`, which
    /// fits: bisected between the preferred setting (which overflows) and
    /// the tightest.
    fn tighten(&mut self, tightest: Candidate) -> Candidate {
        let count = tightest.count;
        let (mut lo, mut hi) = (0.0, 4.0);
        let mut best = tightest;
        for _ in 0..TIGHTEN_STEPS {
            let mid = (lo + hi) / 2.0;
            let candidate = self.run(self.theme.tightened(mid), count);
            if fits(&candidate) {
                hi = mid;
                best = candidate;
            } else {
                lo = mid;
            }
        }
        best
    }
}

fn fits_spread(candidate: &Candidate) -> bool {
    let page = &candidate.pages[0];
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
                BlockKind::Photo { size, .. } => *size = *size * factor,
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
        let (blocks, _) = Builder::new(&theme, &fonts).build(&doc).unwrap();
        let (pages, _) = place_with(&blocks, &theme, &fonts, &mut Breaks::default(), false, 1);
        let overflow = pages[0].overflow.clone().expect("overflows at the preferred setting");
        assert!((1.0..6.0).contains(&overflow.lines), "{overflow:?}");

        let fitted = fit(&blocks, &theme, &fonts, false, 1);
        assert_eq!(fitted.pages.len(), 1);
        assert!(fitted.overflow().is_none());
        assert!(fitted.adjust.spacing < 1.0, "spacing was tightened");
        assert!(fitted.passes <= 12);
    }
}
