//! The placement of what themes vary: the split header's contact column,
//! heading rules, and keeping text extraction's line boxes apart.

use super::{Placer, Set};
use crate::layout::build::{BlockKind, Para, natural_width};
use crate::layout::frame::Item;
use crate::layout::linebreak::Measure;
use crate::theme::{Mode, PhotoSlot};
use crate::units::Pt;

impl Placer<'_> {
    /// Move the next block down, if need be, so that its first line's box
    /// (ascender to descender, as text extraction measures it) clears the
    /// last line's, unless it continues the same column in the same size
    /// (skill rows, bullets). A face taller than the line pitch would
    /// otherwise make text extraction reorder the two (an entry's dates
    /// read after its subtitle, titles before bullets). Faces no taller
    /// than the leading never move.
    fn clear_last_line(&mut self, size: Pt, left: Pt) {
        self.line_left = left;
        let Some((last_baseline, last_size, last_left)) = self.last_line else {
            return;
        };
        let same_size = (size - last_size).get().abs() <= 0.05 * size.max(last_size).get();
        if same_size && (left - last_left).get().abs() < 0.5 {
            return;
        }
        let (ascent, descent) = self.line_box;
        let needed = last_baseline + last_size * descent + size * ascent + Pt(0.1);
        let natural = self.baseline(size);
        if natural.get() < needed.get() {
            self.y += needed - natural;
        }
    }

    /// Clear the last line for the first line of the block `kind` (see
    /// [`Placer::clear_last_line`]).
    pub(super) fn clear_for(&mut self, kind: &BlockKind) {
        let margin = self.theme.margin_x;
        match kind {
            // Centred lines start anywhere: never the same column.
            BlockKind::Centered(para) => self.clear_last_line(para.size, Pt(-1.0)),
            BlockKind::Heading(para) => self.clear_last_line(para.size, margin),
            BlockKind::Lines {
                para,
                indent,
                right,
                marker,
            } => {
                let size = [Some(para.size), right.as_ref().map(|r| r.size)]
                    .into_iter()
                    .chain([marker.as_ref().map(|m| m.0.size)])
                    .flatten()
                    .fold(Pt::ZERO, Pt::max);
                self.clear_last_line(size, margin + *indent);
            }
            BlockKind::Aside { .. } | BlockKind::Photo { .. } => self.line_left = Pt(-1.0),
        }
    }

    /// The photo at the left margin from the top of the text area, beside
    /// the header blocks before it; what follows goes under the lower of
    /// the two.
    pub(super) fn photo(&mut self, size: Pt, shape: PhotoSlot) {
        let t = self.theme;
        let top = t.margin_top;
        if self.draw {
            self.items.push(Item::Photo {
                x: t.margin_x,
                y: top,
                size,
                shape,
            });
        }
        self.y = self.y.max(top + size);
        self.bottom = self.bottom.max(top + size);
    }

    /// Lines set flush right beside the blocks above them (a split
    /// header's contact items): from the top of the text area, centred on
    /// the height of those blocks, or under them when they leave too little
    /// room.
    pub(super) fn aside(&mut self, para: &Para, beside: Pt) {
        let t = self.theme;
        let full = t.text_width();
        let room = full - beside - t.date_gap;
        let (width, top) = if room.get() >= full.get() * 0.35 {
            (room, t.margin_top)
        } else {
            (full, self.y)
        };
        let measure = Measure::uniform(width.get());
        let frags = self.prepare(para, measure);
        let lines = self.break_lines(para, &frags, measure, Mode::Ragged);
        let (below, bottom) = (self.y, self.bottom);
        let height = para.size * t.leading * lines.len() as f64;
        self.y = top + ((below - top) - height).max(Pt::ZERO) / 2.0;
        let right = t.page_width - t.margin_x;
        for line in &lines {
            let baseline = self.baseline(para.size);
            let w = natural_width(&frags[line.clone()]);
            let set = Set::new(para, &frags, line.clone(), None);
            self.line(&set, right - w, baseline);
            self.advance_line(para.size, baseline);
        }
        self.y = self.y.max(below);
        self.bottom = self.bottom.max(bottom);
    }

    /// A rule in the heading rule's colour and thickness, centred on `y`.
    pub(super) fn rule(&mut self, x: Pt, y: Pt, width: Pt) {
        let t = self.theme;
        if self.draw && t.rule_thickness.get() > 0.0 {
            self.items.push(Item::Rule {
                x: t.mirrored(x, width),
                y,
                width,
                thickness: t.rule_thickness,
                color: t.rule_color,
            });
        }
    }
}
