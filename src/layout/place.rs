//! Place: break paragraphs into lines and put blocks on the page top to
//! bottom. Pure: the same blocks and theme always give the same page, so a
//! fitter can re-run it with other settings.

use std::ops::Range;

use crate::layout::build::{Block, BlockKind, Para, Space};
use crate::layout::frame::{Item, Overflow, Page, TextItem};
use crate::layout::linebreak::first_fit;
use crate::text::shape::FontBook;
use crate::theme::Theme;
use crate::units::Pt;

/// Place blocks on one page. Content that runs past the bottom margin is
/// still placed (so it can be inspected) and reported in [`Page::overflow`].
pub fn place(blocks: &[Block], theme: &Theme, fonts: &FontBook) -> Page {
    let (ascent, descent) = fonts.vertical_metrics(theme.family.regular);
    let mut p = Placer {
        theme,
        ascent,
        descent,
        items: Vec::new(),
        y: theme.margin_top,
        bottom: theme.margin_top,
    };
    let limit = theme.page_height - theme.margin_bottom;
    let mut overflow: Option<(String, Range<usize>)> = None;
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            p.y += p.space(block.space_before);
        }
        p.block(&block.kind);
        if overflow.is_none() && p.bottom.get() > limit.get() + 0.01 {
            overflow = Some((block.owner.clone(), block.span.clone()));
        }
    }
    let available = limit - theme.margin_top;
    let used = p.bottom - theme.margin_top;
    let line = theme.body_size * theme.leading;
    Page {
        width: theme.page_width,
        height: theme.page_height,
        items: p.items,
        content_bottom: p.bottom,
        available,
        used,
        overflow: overflow.map(|(first, span)| {
            let by = p.bottom - limit;
            Overflow {
                by,
                lines: by / line,
                first,
                span,
            }
        }),
    }
}

struct Placer<'a> {
    theme: &'a Theme,
    ascent: f64,
    descent: f64,
    items: Vec<Item>,
    /// Top of the next line box.
    y: Pt,
    /// Lowest ink so far (descender of the last line).
    bottom: Pt,
}

impl Placer<'_> {
    fn space(&self, space: Space) -> Pt {
        let t = self.theme;
        match space {
            Space::None => Pt::ZERO,
            Space::Header => t.header_gap,
            Space::Section => t.section_gap,
            Space::Entry => t.entry_gap,
            Space::Bullet => t.bullet_gap,
        }
    }

    /// Baseline of a line of `size` whose box starts at the current `y`,
    /// with the leading split evenly above and below.
    fn baseline(&self, size: Pt) -> Pt {
        let half_leading = (size * self.theme.leading - size * (self.ascent + self.descent)) / 2.0;
        self.y + half_leading + size * self.ascent
    }

    fn advance_line(&mut self, size: Pt, baseline: Pt) {
        self.y += size * self.theme.leading;
        self.bottom = baseline + size * self.descent;
    }

    fn block(&mut self, kind: &BlockKind) {
        let t = self.theme;
        let left = t.margin_x;
        let right = t.page_width - t.margin_x;
        match kind {
            BlockKind::Centered(para) => {
                let width = right - left;
                for line in first_fit(&para.frags, |_| width.get()) {
                    let baseline = self.baseline(para.size);
                    let w = line_width(para, &line);
                    self.line(para, &line, left + (width - w) / 2.0, baseline);
                    self.advance_line(para.size, baseline);
                }
            }
            BlockKind::Heading(para) => {
                let baseline = self.baseline(para.size);
                for line in first_fit(&para.frags, |_| (right - left).get()) {
                    self.line(para, &line, left, baseline);
                }
                let rule_y = baseline + t.rule_offset;
                self.items.push(Item::Rule {
                    x: left,
                    y: rule_y,
                    width: right - left,
                    thickness: t.rule_thickness,
                    color: t.accent,
                });
                self.y = rule_y + t.rule_thickness / 2.0 + t.heading_gap;
                self.bottom = rule_y + t.rule_thickness / 2.0;
            }
            BlockKind::Lines {
                para,
                indent,
                right: right_part,
                marker,
            } => {
                let x = left + *indent;
                let text_right = right - t.date_inset;
                let reserved = right_part
                    .as_ref()
                    .map_or(Pt::ZERO, |r| r.natural_width() + t.date_gap);
                let lines = first_fit(&para.frags, |i| {
                    let w = text_right - x;
                    if i == 0 {
                        (w - reserved).get()
                    } else {
                        w.get()
                    }
                });
                let size = para.size;
                if lines.is_empty() {
                    // An empty paragraph still takes its line, so markers and dates show.
                    let baseline = self.baseline(size);
                    self.decorations(
                        marker.as_deref(),
                        right_part.as_deref(),
                        left,
                        text_right,
                        baseline,
                    );
                    self.advance_line(size, baseline);
                }
                for (i, line) in lines.iter().enumerate() {
                    let baseline = self.baseline(size);
                    if i == 0 {
                        self.decorations(marker.as_deref(), None, left, text_right, baseline);
                    }
                    self.line(para, line, x, baseline);
                    if i == 0 {
                        self.decorations(None, right_part.as_deref(), left, text_right, baseline);
                    }
                    self.advance_line(size, baseline);
                }
            }
        }
    }

    /// The bullet marker before the first line and the right-aligned dates after it.
    fn decorations(
        &mut self,
        marker: Option<&(Para, Pt)>,
        right_part: Option<&Para>,
        left: Pt,
        text_right: Pt,
        baseline: Pt,
    ) {
        if let Some((marker, at)) = marker {
            let all = 0..marker.frags.len();
            self.line(marker, &all, left + *at, baseline);
        }
        if let Some(r) = right_part {
            let all = 0..r.frags.len();
            self.line(r, &all, text_right - r.natural_width(), baseline);
        }
    }

    /// Emit the glyphs of fragments `line` starting at `x`, one text item per
    /// run, plus link areas and underlines. Trailing whitespace is not drawn.
    fn line(&mut self, para: &Para, line: &Range<usize>, x: Pt, baseline: Pt) {
        let (Some(first), Some(last)) = (
            para.frags.get(line.start),
            para.frags.get(line.end.wrapping_sub(1)),
        ) else {
            return;
        };
        let glyphs = first.glyphs.start..last.space_start;
        let mut pen = x;
        let mut start = glyphs.start;
        while start < glyphs.end {
            let run = para.glyphs[start].run;
            let mut end = start;
            while end < glyphs.end && para.glyphs[end].run == run {
                end += 1;
            }
            let style = &para.runs[run];
            let item = text_item(para, start..end, pen, baseline);
            let width = item.width;
            if let Some(url) = &style.link {
                self.link(url, pen, baseline, width, style.size);
            }
            self.items.push(Item::Text(item));
            pen += width;
            start = end;
        }
    }

    fn link(&mut self, url: &str, x: Pt, baseline: Pt, width: Pt, size: Pt) {
        let t = self.theme;
        let top = baseline - size * self.ascent;
        let height = size * (self.ascent + self.descent);
        // Extend the previous area when a link continues in another run.
        let merged = match self
            .items
            .iter_mut()
            .rev()
            .find(|i| matches!(i, Item::Link { .. }))
        {
            Some(Item::Link {
                x: lx,
                y: ly,
                width: lw,
                url: lurl,
                ..
            }) if lurl == url
                && (*ly - top).get().abs() < 0.01
                && ((*lx + *lw) - x).get().abs() < 0.01 =>
            {
                *lw += width;
                true
            }
            _ => false,
        };
        if !merged {
            self.items.push(Item::Link {
                x,
                y: top,
                width,
                height,
                url: url.to_owned(),
            });
        }
        if t.link_underline {
            self.items.push(Item::Rule {
                x,
                y: baseline + size * 0.14,
                width,
                thickness: Pt(0.4),
                color: t.link_color,
            });
        }
    }
}

/// Width of the visible part of a line.
fn line_width(para: &Para, line: &Range<usize>) -> Pt {
    let frags = &para.frags[line.clone()];
    match frags.last() {
        Some(last) => frags.iter().map(|f| f.width + f.space_width).sum::<Pt>() - last.space_width,
        None => Pt::ZERO,
    }
}

/// A text item for `para.glyphs[glyphs]`, with clusters rebased onto its own text.
fn text_item(para: &Para, glyphs: Range<usize>, x: Pt, baseline: Pt) -> TextItem {
    let slice = &para.glyphs[glyphs.clone()];
    let style = &para.runs[slice[0].run];
    let start = slice.iter().map(|g| g.glyph.cluster).min().unwrap_or(0);
    // The text ends where the next glyph's cluster begins (or at the end of the paragraph).
    let max_cluster = slice.iter().map(|g| g.glyph.cluster).max().unwrap_or(0);
    let end = para
        .glyphs
        .get(glyphs.end)
        .map(|g| g.glyph.cluster)
        .filter(|c| *c > max_cluster)
        .unwrap_or_else(|| next_boundary(&para.text, max_cluster, &para.glyphs));
    let text = para.text.get(start..end).unwrap_or("").to_owned();
    let glyphs = slice
        .iter()
        .map(|g| {
            let mut glyph = g.glyph.clone();
            glyph.cluster -= start;
            glyph
        })
        .collect::<Vec<_>>();
    TextItem {
        x,
        y: baseline,
        width: glyphs.iter().map(|g| g.advance).sum(),
        font: style.font,
        size: style.size,
        color: style.color,
        glyphs,
        text,
    }
}

/// The smallest cluster start after `cluster` in the paragraph, or the text end.
fn next_boundary(text: &str, cluster: usize, glyphs: &[crate::layout::build::PGlyph]) -> usize {
    glyphs
        .iter()
        .map(|g| g.glyph.cluster)
        .filter(|c| *c > cluster)
        .min()
        .unwrap_or(text.len())
}
