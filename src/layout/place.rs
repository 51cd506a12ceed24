//! Place: break paragraphs into lines and put blocks on the page top to
//! bottom. Pure: the same blocks and theme always give the same page, so a
//! fitter can re-run it with other settings.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use crate::diag::Diagnostic;
use crate::layout::build::{
    Block, BlockKind, Builder, Frag, PGlyph, Para, Space, natural_width,
};
#[cfg(feature = "internals")]
use crate::layout::frame::Page;
use crate::layout::frame::{Item, PlacedBlock, PlacedGlyph, Role, TextItem};
use crate::layout::cjk;
use crate::layout::linebreak::{Fragment, Measure, first_fit, optimal_fit};
use crate::text::shape::FontBook;
use crate::theme::{Align, HeadingRule, Mode, Theme};
use crate::theme::icons::Icon;
use crate::units::Pt;

mod styled;

/// Place blocks on one page, with the warnings found on the way (tokens too
/// long for a line). Content that runs past the bottom margin is still
/// placed (so it can be inspected) and reported in [`Page::overflow`].
#[cfg(feature = "internals")]
pub fn place(blocks: &[Block], theme: &Theme, fonts: &FontBook) -> (Page, Vec<Diagnostic>) {
    let (pages, warnings) =
        crate::layout::paginate::place_with(blocks, theme, fonts, &mut Breaks::default(), true, 1);
    let page = pages.into_iter().next().expect("one page is always placed");
    (page, warnings)
}

/// Line breaks already computed, by block, size and measure. Valid for one
/// list of blocks (and scaled copies of it): a fitter placing the same
/// blocks at other spacings or leadings breaks every paragraph once.
#[derive(Debug, Default)]
pub struct Breaks {
    lines: HashMap<BreakKey, Vec<Range<usize>>>,
}

/// What a paragraph's line breaks depend on, besides its fragments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct BreakKey {
    block: usize,
    size: u64,
    first: u64,
    rest: u64,
    justified: bool,
}

/// Blocks placed one under the other by [`Placer::column`].
pub(super) struct Column {
    /// The placed blocks, with their items.
    pub(super) placed: Vec<PlacedBlock>,
    /// The lowest ink after each placed block.
    pub(super) bottoms: Vec<Pt>,
    /// The first block (an index into all the blocks) whose ink runs past
    /// the limit.
    pub(super) first_off: Option<usize>,
}

/// The structure role of the block at `index`: the first block (the
/// name) is the title.
fn role(kind: &BlockKind, index: usize) -> Role {
    match kind {
        _ if index == 0 => Role::Title,
        BlockKind::Photo { .. } => Role::Figure,
        BlockKind::Centered(_) | BlockKind::Aside { .. } => Role::Paragraph,
        BlockKind::Heading(_) => Role::Heading,
        BlockKind::Lines {
            marker: Some(_), ..
        } => Role::ListItem,
        BlockKind::Lines { .. } => Role::Paragraph,
    }
}

/// Places blocks and lines, top to bottom, on one page at a time.
pub(super) struct Placer<'a> {
    pub(super) theme: &'a Theme,
    fonts: &'a FontBook<'a>,
    ascent: f64,
    descent: f64,
    /// Ascender and descender of a line's box as text extraction sees it.
    line_box: (f64, f64),
    /// Emit items; off when only measuring.
    draw: bool,
    breaks: &'a mut Breaks,
    /// The block being placed, for the break cache.
    block_index: usize,
    items: Vec<Item>,
    pub(super) warnings: Vec<Diagnostic>,
    /// Top of the next line box.
    y: Pt,
    /// Lowest ink so far (descender of the last line).
    bottom: Pt,
    /// Baseline, size and left edge of the last line set.
    last_line: Option<(Pt, Pt, Pt)>,
    /// Left edge of the lines of the block being placed.
    line_left: Pt,
}

/// The breaker sees a built fragment through its measured widths.
impl Fragment for Frag {
    fn width(&self) -> f64 {
        self.width.get()
    }
    fn whitespace_width(&self) -> f64 {
        self.space_width.get()
    }
    fn penalty_width(&self) -> f64 {
        self.hyphen.as_ref().map_or(0.0, |h| h.glyph.advance.get())
    }
    fn penalty(&self) -> f64 {
        self.penalty
    }
    fn forced_break(&self) -> bool {
        self.forced
    }
}

/// Cost of breaking inside an overlong token, so that such breaks are last resorts.
const EMERGENCY_PENALTY: f64 = 1000.0;

impl<'a> Placer<'a> {
    /// A placer for `theme`; `draw: false` only measures (no text items,
    /// links or rules: heights, fill and overflow are exact).
    pub(super) fn new(
        theme: &'a Theme,
        fonts: &'a FontBook<'a>,
        breaks: &'a mut Breaks,
        draw: bool,
    ) -> Self {
        let (ascent, descent) = fonts.vertical_metrics(theme.family.regular);
        Placer {
            theme,
            fonts,
            ascent,
            descent,
            line_box: fonts.box_metrics(theme.family.regular),
            draw,
            breaks,
            block_index: 0,
            items: Vec::new(),
            warnings: Vec::new(),
            y: theme.margin_top,
            bottom: theme.margin_top,
            last_line: None,
            line_left: Pt::ZERO,
        }
    }

    /// Place `blocks[range]` one under the other from `top`, the first
    /// without the space above it. With `stop`, stops after the first block
    /// whose ink runs past `limit`.
    pub(super) fn column(
        &mut self,
        blocks: &[Block],
        range: Range<usize>,
        top: Pt,
        limit: Pt,
        stop: bool,
    ) -> Column {
        self.y = top;
        self.bottom = top;
        // A new page: no line above to keep clear of.
        self.last_line = None;
        let mut column = Column {
            placed: Vec::with_capacity(range.len()),
            bottoms: Vec::with_capacity(range.len()),
            first_off: None,
        };
        for i in range.clone() {
            let block = &blocks[i];
            if i > range.start {
                self.y += self.space(block.space_before);
            }
            let start = self.items.len();
            self.block_index = i;
            self.block(&block.kind);
            column.placed.push(PlacedBlock {
                role: role(&block.kind, i),
                items: start..self.items.len(),
            });
            column.bottoms.push(self.bottom);
            if column.first_off.is_none() && self.bottom.get() > limit.get() + 0.01 {
                column.first_off = Some(i);
                if stop {
                    break;
                }
            }
        }
        column
    }

    /// The items placed since the last call.
    pub(super) fn take_items(&mut self) -> Vec<Item> {
        std::mem::take(&mut self.items)
    }

    /// Draw the running header of a page after the first: `text` (the
    /// name and the page number) flush right, small, over a hairline; just
    /// `short` (the page number) when `text` is wider than the page.
    pub(super) fn running_header(&mut self, text: &str, short: &str) -> Option<PlacedBlock> {
        if !self.draw {
            return None;
        }
        let t = self.theme;
        let r = t.running;
        let mut builder = Builder::new(t, self.fonts);
        let (left, right) = (t.margin_x, t.page_width - t.margin_x);
        let mut para = builder.label(text, r.size, r.color);
        if para.natural_width().get() > (right - left).get() {
            para = builder.label(short, r.size, r.color);
        }
        let baseline = t.margin_top + r.size;
        let start = self.items.len();
        let set = Set::new(&para, &para.frags, 0..para.frags.len(), None);
        self.line(&set, right - para.natural_width(), baseline);
        self.items.push(Item::Rule {
            x: t.mirrored(left, right - left),
            y: baseline + r.rule_offset,
            width: right - left,
            thickness: Pt(0.3),
            color: r.color,
        });
        Some(PlacedBlock {
            role: Role::Running,
            items: start..self.items.len(),
        })
    }

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
        self.last_line = Some((baseline, size, self.line_left));
    }

    fn block(&mut self, kind: &BlockKind) {
        self.clear_for(kind);
        match kind {
            BlockKind::Centered(para) => self.centered(para),
            BlockKind::Aside { para, beside } => self.aside(para, *beside),
            BlockKind::Photo { size, shape } => self.photo(*size, *shape),
            BlockKind::Heading(para) => self.heading(para),
            BlockKind::Lines {
                para,
                indent,
                right,
                marker,
            } => self.lines(para, *indent, right.as_deref(), marker.as_deref()),
        }
    }

    /// Lines centred between the margins (the header).
    fn centered(&mut self, para: &Para) {
        let t = self.theme;
        let left = t.margin_x;
        let right = t.page_width - t.margin_x;
        let width = right - left;
        let measure = Measure::uniform(width.get());
        let frags = self.prepare(para, measure);
        let lines = self.break_lines(para, &frags, measure, Mode::Ragged);
        for line in &lines {
            let baseline = self.baseline(para.size);
            let mut w = natural_width(&frags[line.clone()]);
            // A line ending at a hyphenation point also draws the hyphen.
            if line.end < frags.len()
                && let Some(h) = &frags[line.end - 1].hyphen
            {
                w += h.glyph.advance;
            }
            let set = Set::new(para, &frags, line.clone(), None);
            self.line(&set, left + (width - w) / 2.0, baseline);
            self.advance_line(para.size, baseline);
        }
    }

    /// A section heading and its rule: under it (the classic look), over
    /// it, none, or a bar in the date column beside it.
    fn heading(&mut self, para: &Para) {
        let t = self.theme;
        let mut left = t.margin_x;
        let right = t.page_width - t.margin_x;
        let rule = t.heading_rule;
        if rule == HeadingRule::LeftBar {
            left += t.entry_indent;
        }
        let measure = Measure::uniform((right - left).get());
        let frags = self.prepare(para, measure);
        let lines = self.break_lines(para, &frags, measure, Mode::Ragged);
        if rule == HeadingRule::Above {
            self.rule(t.margin_x, self.y + t.rule_thickness / 2.0, right - t.margin_x);
            self.y += t.rule_thickness + t.rule_offset;
        }
        let mut rule_y = self.y;
        let mut last_baseline = None;
        for line in &lines {
            let baseline = self.baseline(para.size);
            let x = match t.heading_align {
                Align::Left => left,
                Align::Center => {
                    let w = natural_width(&frags[line.clone()]);
                    left + ((right - left) - w) / 2.0
                }
            };
            self.line(&Set::new(para, &frags, line.clone(), None), x, baseline);
            if rule == HeadingRule::LeftBar && last_baseline.is_none() {
                let middle = baseline - para.size * 0.32;
                self.rule(t.margin_x, middle, t.date_column);
            }
            last_baseline = Some(baseline);
            rule_y = baseline + t.rule_offset;
            self.y += para.size * t.leading;
        }
        if let Some(baseline) = last_baseline {
            self.last_line = Some((baseline, para.size, self.line_left));
        }
        match rule {
            HeadingRule::Below => {
                self.rule(t.margin_x, rule_y, right - t.margin_x);
                self.y = rule_y + t.rule_thickness / 2.0 + t.heading_gap;
                self.bottom = rule_y + t.rule_thickness / 2.0;
            }
            _ => {
                let bottom = last_baseline.map_or(self.y, |b| b + para.size * self.descent);
                self.y = self.y.max(bottom) + t.heading_gap;
                self.bottom = bottom;
            }
        }
    }

    /// Left-aligned lines at `indent`, with an optional marker before the
    /// first line and right-aligned text (dates) after it.
    fn lines(
        &mut self,
        para: &Para,
        indent: Pt,
        right_part: Option<&Para>,
        marker: Option<&(Para, Pt)>,
    ) {
        let t = self.theme;
        let left = t.margin_x;
        let right = t.page_width - t.margin_x;
        let x = left + indent;
        let text_right = right - t.date_inset;
        let reserved = right_part.map_or(Pt::ZERO, |r| r.natural_width() + t.date_gap);
        let width = text_right - x;
        let measure = Measure {
            first: (width - reserved).get(),
            rest: width.get(),
        };
        let frags = self.prepare(para, measure);
        // Chinese and Japanese have no spaces to stretch: set ragged.
        let mode = if cjk::is_unspaced_text(&para.text) {
            Mode::Ragged
        } else {
            t.mode
        };
        let lines = self.break_lines(para, &frags, measure, mode);
        let size = para.size;
        if lines.is_empty() {
            // An empty paragraph still takes its line, so markers and dates show.
            let baseline = self.baseline(size);
            self.decorations(marker, right_part, left, text_right, baseline);
            self.advance_line(size, baseline);
        }
        for (i, line) in lines.iter().enumerate() {
            let baseline = self.baseline(size);
            if i == 0 {
                self.decorations(marker, None, left, text_right, baseline);
            }
            let justify = (mode == Mode::Justified).then_some(Pt(if i == 0 {
                measure.first
            } else {
                measure.rest
            }));
            self.line(&Set::new(para, &frags, line.clone(), justify), x, baseline);
            if i == 0 {
                self.decorations(None, right_part, left, text_right, baseline);
            }
            self.advance_line(size, baseline);
        }
    }

    /// The lines of the current block's paragraph, from the cache when it
    /// was broken at this size and measure before: Chinese and Japanese
    /// filled line by line (see `layout::cjk`), other text by total fit.
    fn break_lines(
        &mut self,
        para: &Para,
        frags: &[Frag],
        measure: Measure,
        mode: Mode,
    ) -> Vec<Range<usize>> {
        let key = BreakKey {
            block: self.block_index,
            size: para.size.get().to_bits(),
            first: measure.first.to_bits(),
            rest: measure.rest.to_bits(),
            justified: mode == Mode::Justified,
        };
        self.breaks
            .lines
            .entry(key)
            .or_insert_with(|| {
                if cjk::is_unspaced_text(&para.text) {
                    first_fit(frags, measure)
                } else {
                    optimal_fit(frags, measure, mode)
                }
            })
            .clone()
    }

    /// The paragraph's fragments, with any token wider than the measure split
    /// between graphemes (preferably after `/ . - _ @`) and reported.
    fn prepare<'p>(&mut self, para: &'p Para, measure: Measure) -> Cow<'p, [Frag]> {
        let max = Pt(measure.first.min(measure.rest));
        if para.frags.iter().all(|f| f.width.get() <= max.get() + 1e-6) {
            return Cow::Borrowed(&para.frags);
        }
        let mut out = Vec::with_capacity(para.frags.len() + 4);
        for frag in &para.frags {
            if frag.width.get() <= max.get() + 1e-6 {
                out.push(frag.clone());
                continue;
            }
            let first = para.glyphs[frag.glyphs.start].glyph.cluster;
            let end = word_end(para, frag);
            let token = para.text.get(first..end).unwrap_or("");
            let shown: String = token.chars().take(60).collect();
            let ellipsis = if shown.len() < token.len() { "…" } else { "" };
            let offset = para.source_offset(first);
            self.warnings.push(
                Diagnostic::warning(format!(
                    "`{shown}{ellipsis}` is too long for one line; it is broken between characters"
                ))
                .with_span(offset..offset + token.len().min(200))
                .with_hint("shorten it, or use a link with a short label: [label](url)"),
            );
            out.extend(split_token(para, frag, max));
        }
        Cow::Owned(out)
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
            let set = Set::new(marker, &marker.frags, 0..marker.frags.len(), None);
            self.line(&set, left + *at, baseline);
        }
        if let Some(r) = right_part {
            let set = Set::new(r, &r.frags, 0..r.frags.len(), None);
            self.line(&set, text_right - r.natural_width(), baseline);
        }
    }

    /// Emit one line as text items (one per run), with link areas and
    /// underlines. Trailing whitespace is not drawn. `x` is where a
    /// left-to-right page starts the line; a right-to-left page ends it
    /// there, mirrored (the line's own glyphs are in visual order already).
    fn line(&mut self, set: &Set, x: Pt, baseline: Pt) {
        if !self.draw {
            return;
        }
        let glyphs = set.glyphs();
        let total: Pt = glyphs.iter().map(|g| g.advance).sum();
        let mut pen = self.theme.mirrored(x, total);
        // The page's base level, when the line mixes directions (always on
        // a right-to-left page): where direction marks may be needed.
        let base = if self.theme.rtl() {
            Some(1)
        } else {
            glyphs.iter().any(|g| g.level % 2 == 1).then_some(0)
        };
        let mut start = 0;
        while start < glyphs.len() {
            let run = glyphs[start].run;
            let mut end = start;
            while end < glyphs.len() && glyphs[end].run == run {
                end += 1;
            }
            let style = &set.para.runs[run];
            if style.font.is_icons() {
                for g in &glyphs[start..end] {
                    self.items.push(Item::Icon {
                        x: pen + g.x_offset,
                        y: baseline - g.y_offset,
                        icon: Icon {
                            font: style.font,
                            glyph: g.id,
                        },
                        size: style.size,
                        color: style.color,
                    });
                    pen += g.advance;
                }
                start = end;
                continue;
            }
            let mut text = String::new();
            let mut placed: Vec<PlacedGlyph> = Vec::with_capacity(end - start);
            for (i, g) in glyphs.iter().enumerate().take(end).skip(start) {
                let range = match (&g.text, placed.last()) {
                    (GlyphText::SameAsPrevious, Some(prev)) => prev.text.clone(),
                    (GlyphText::SameAsPrevious, None) => text.len()..text.len(),
                    (GlyphText::Own(s), _) => {
                        let at = text.len();
                        let marks = match base {
                            Some(base) => direction_marks(&glyphs, i, base),
                            None => Marks::default(),
                        };
                        push_visual(&mut text, s, g.level, marks);
                        at..text.len()
                    }
                };
                placed.push(PlacedGlyph {
                    id: g.id,
                    advance: g.advance,
                    x_offset: g.x_offset,
                    y_offset: g.y_offset,
                    text: range,
                });
            }
            let width: Pt = placed.iter().map(|g| g.advance).sum();
            if let Some(url) = &style.link {
                self.link(url, pen, baseline, width, style.size);
            }
            self.items.push(Item::Text(TextItem {
                x: pen,
                y: baseline,
                width,
                font: style.font,
                size: style.size,
                color: style.color,
                glyphs: placed,
                text,
            }));
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

/// What text a drawn glyph stands for.
enum GlyphText<'a> {
    /// Its own cluster text (or a carried word remainder, or nothing).
    Own(&'a str),
    /// Another glyph of the previous glyph's cluster.
    SameAsPrevious,
}

/// A glyph ready to draw.
struct DrawGlyph<'a> {
    id: u16,
    advance: Pt,
    x_offset: Pt,
    y_offset: Pt,
    run: usize,
    text: GlyphText<'a>,
    /// Bidi level (odd: right to left).
    level: u8,
    /// The cluster the glyph belongs to (`None` for an added hyphen).
    cluster: Option<usize>,
}

/// One line of a paragraph, about to be drawn.
struct Set<'a> {
    para: &'a Para,
    frags: &'a [Frag],
    line: Range<usize>,
    /// The measure to fill, for a justified line.
    justify: Option<Pt>,
}

impl<'a> Set<'a> {
    fn new(para: &'a Para, frags: &'a [Frag], line: Range<usize>, justify: Option<Pt>) -> Self {
        Set {
            para,
            frags,
            line,
            justify,
        }
    }

    /// The glyphs of the line with their advances and text.
    ///
    /// A word broken across lines (at a hyphen or inside an overlong token)
    /// is extracted whole from the first line: the line's last glyph (the
    /// hyphen, if any) carries the rest of the word, and the continuation's
    /// glyphs on the next line carry no text.
    fn glyphs(&self) -> Vec<DrawGlyph<'a>> {
        let line = self.line.clone();
        let Some(last_index) = line.end.checked_sub(1).filter(|i| *i >= line.start) else {
            return Vec::new();
        };
        let last = &self.frags[last_index];
        let hyphen = if line.end == self.frags.len() {
            None
        } else {
            last.hyphen.as_ref()
        };
        let ends = self.word_ends(last_index);
        let stretch = self.stretch(last_index, hyphen);
        let mut out = self.line_glyphs(last_index, ends.continued, stretch);
        self.end_word(&mut out, hyphen, ends.carry);
        if out.iter().any(|g| g.level > 0) {
            to_visual_order(&mut out);
        }
        out
    }

    /// Where the line meets words broken across its ends.
    fn word_ends(&self, last_index: usize) -> WordEnds {
        let (para, frags, line) = (self.para, self.frags, self.line.clone());
        let last = &frags[last_index];
        let is_para_end = line.end == frags.len();
        // The line starts inside a word begun on an earlier line.
        let continues =
            line.start > 0 && joins(&frags[line.start - 1]) && carried(para, frags, line.start - 1);
        let continued = continues.then(|| {
            (line.start..line.end)
                .find(|&k| !joins(&frags[k]))
                .unwrap_or(last_index)
        });
        // The line ends inside a word that began on this line.
        let word_start = (line.start..=last_index)
            .rev()
            .find(|&k| k == line.start || !joins(&frags[k - 1]))
            .unwrap_or(line.start);
        let carry = (!is_para_end
            && joins(last)
            && carried(para, frags, last_index)
            && !(continues && word_start == line.start))
            .then(|| {
                let from = frags[line.end].glyphs.start;
                let start = para
                    .glyphs
                    .get(from)
                    .map_or(para.text.len(), |g| g.glyph.cluster);
                let end = (line.end..frags.len())
                    .find(|&k| !joins(&frags[k]))
                    .map_or(para.text.len(), |k| word_end(para, &frags[k]));
                start..end.max(start)
            });
        WordEnds { continued, carry }
    }

    /// Justification: the factor on the line's inner spaces that fills the
    /// measure (0 for a line set at its natural width).
    fn stretch(&self, last_index: usize, hyphen: Option<&PGlyph>) -> f64 {
        let (frags, line) = (self.frags, self.line.clone());
        let last = &frags[last_index];
        let is_para_end = line.end == frags.len();
        let mut natural = Pt::ZERO;
        let mut spaces = Pt::ZERO;
        for (k, f) in frags[line.clone()].iter().enumerate() {
            natural += f.width;
            if line.start + k < last_index {
                natural += f.space_width;
                spaces += f.space_width;
            }
        }
        if let Some(h) = hyphen {
            natural += h.glyph.advance;
        }
        match self.justify {
            Some(target) if spaces.get() > 0.0 => {
                let ratio = ((target - natural) / spaces).max(-1.0 / 3.0);
                // A last line is set at its natural width unless it must shrink.
                if is_para_end || last.forced {
                    ratio.min(0.0)
                } else {
                    ratio
                }
            }
            _ => 0.0,
        }
    }

    /// The line's own glyphs in logical order, without the trailing
    /// whitespace, spaces stretched by `stretch`; the glyphs of a word
    /// continued from the line before (up to fragment `continued`) carry no
    /// text.
    fn line_glyphs(
        &self,
        last_index: usize,
        continued: Option<usize>,
        stretch: f64,
    ) -> Vec<DrawGlyph<'a>> {
        let para = self.para;
        let mut out = Vec::new();
        let mut previous_cluster = None;
        for k in self.line.clone() {
            let f = &self.frags[k];
            let drawn_end = if k == last_index {
                f.space_start
            } else {
                f.glyphs.end
            };
            let silent = continued.is_some_and(|end| k <= end);
            for i in f.glyphs.start..drawn_end {
                let g = &para.glyphs[i];
                let is_space = i >= f.space_start;
                // An icon stands for no text and shares its cluster with
                // the first letter of its item, which keeps its own text.
                let icon = para.runs[g.run].font.is_icons();
                let text = if icon || (silent && !is_space) {
                    GlyphText::Own("")
                } else if previous_cluster == Some(g.glyph.cluster) {
                    GlyphText::SameAsPrevious
                } else {
                    GlyphText::Own(para.text.get(g.glyph.cluster..g.text_end).unwrap_or(""))
                };
                if !icon {
                    previous_cluster = Some(g.glyph.cluster);
                }
                let advance = if is_space {
                    g.glyph.advance * (1.0 + stretch)
                } else {
                    g.glyph.advance
                };
                out.push(draw(g, advance, text));
            }
        }
        out
    }

    /// End the line: draw the hyphen of a hyphenated line, and give the
    /// text of a word the next line continues (`carry`) to the hyphen or,
    /// without one, to the last glyph.
    fn end_word(
        &self,
        out: &mut Vec<DrawGlyph<'a>>,
        hyphen: Option<&PGlyph>,
        carry: Option<Range<usize>>,
    ) {
        let para = self.para;
        match (hyphen, carry) {
            (Some(h), carry) => {
                let text = carry.and_then(|r| para.text.get(r)).unwrap_or("-");
                let mut hyphen = draw(h, h.glyph.advance, GlyphText::Own(text));
                hyphen.cluster = None;
                hyphen.level = out.last().map_or(0, |g| g.level);
                out.push(hyphen);
            }
            (None, Some(carry)) => {
                // No hyphen: the last glyph carries its own text and the rest of the word.
                let last = &self.frags[self.line.end - 1];
                let own = last
                    .space_start
                    .checked_sub(1)
                    .and_then(|i| para.glyphs.get(i));
                if let (Some(g), Some(drawn)) = (own, out.last_mut())
                    && matches!(drawn.text, GlyphText::Own(t) if !t.is_empty())
                    && let Some(joined) = para.text.get(g.glyph.cluster..carry.end)
                {
                    drawn.text = GlyphText::Own(joined);
                }
            }
            (None, None) => {}
        }
    }
}

/// How a line meets the words broken across its ends, for text extraction.
struct WordEnds {
    /// The line starts inside a word begun on an earlier line, which goes
    /// on up to this fragment; its glyphs carry no text.
    continued: Option<usize>,
    /// The text of the rest of a word that this line begins and the next
    /// line continues, which the end of this line carries.
    carry: Option<Range<usize>>,
}

/// Reorder a line's glyphs (logical order, right-to-left runs included)
/// into drawing order by the bidi rule L2: from the highest level down to
/// the lowest odd one, reverse every run of glyphs at that level or higher.
/// A ligature's glyphs keep their text on the first one drawn.
fn to_visual_order(glyphs: &mut [DrawGlyph<'_>]) {
    reverse_by_level(glyphs, |g| g.level);
    let mut start = 0;
    while start < glyphs.len() {
        let cluster = glyphs[start].cluster;
        let mut end = start + 1;
        while end < glyphs.len() && cluster.is_some() && glyphs[end].cluster == cluster {
            end += 1;
        }
        let group = &mut glyphs[start..end];
        if group.len() > 1
            && group
                .iter()
                .any(|g| matches!(g.text, GlyphText::SameAsPrevious))
        {
            let own = group.iter().find_map(|g| match g.text {
                GlyphText::Own(t) => Some(t),
                GlyphText::SameAsPrevious => None,
            });
            for (k, g) in group.iter_mut().enumerate() {
                g.text = match (k, own) {
                    (0, Some(t)) => GlyphText::Own(t),
                    _ => GlyphText::SameAsPrevious,
                };
            }
        }
        start = end;
    }
}

/// Append a glyph's text as it is drawn. Glyphs go on the page in visual
/// order, and text extraction turns a right-to-left run back into logical
/// order by reversing its characters; so the text of a right-to-left glyph
/// that stands for several characters (a lam-alef ligature, a letter with
/// its marks, the carried rest of a word) is written reversed, and comes
/// back in logical order with the rest. `marks` adds direction marks
/// before or after it (see [`direction_marks`]).
fn push_visual(text: &mut String, s: &str, level: u8, marks: Marks) {
    if s.is_empty() {
        return;
    }
    if let (true, Some(mark)) = (marks.before, marks.mark) {
        text.push(mark);
    }
    if level % 2 == 1 {
        text.extend(s.chars().rev());
    } else {
        text.push_str(s);
    }
    if let (true, Some(mark)) = (marks.after, marks.mark) {
        text.push(mark);
    }
}

/// Direction marks around a glyph's extracted text: the page's (a
/// right-to-left mark on a right-to-left page, a left-to-right mark on a
/// left-to-right one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Marks {
    /// The page direction's mark: U+200F or U+200E.
    mark: Option<char>,
    /// One before the text (on its left).
    before: bool,
    /// One after it (on its right).
    after: bool,
}

/// Where glyph `i` of a line (in visual order) on a page of base level
/// `base` needs the page direction's mark, so that a reader rebuilding the
/// logical order from the page keeps every word where it belongs. A reader
/// sees characters left to right and guesses their direction: it takes a
/// space or punctuation mark beside a word of the other direction or a
/// number for part of it, and moves it to the wrong end (`Go و` comes back
/// as `Goو`, `أولى، أنظمة` as `أولى ،أنظمة`). So a punctuation mark set in
/// the page's direction is marked on both sides, and a run of the other
/// direction on its outer sides; spaces and the marks over letters stay
/// bare, which readers need to find words.
fn direction_marks(glyphs: &[DrawGlyph<'_>], i: usize, base: u8) -> Marks {
    use unicode_bidi::BidiClass::{L, NSM};
    let g = &glyphs[i];
    let GlyphText::Own(s) = g.text else {
        return Marks::default();
    };
    let mark = Some(if base == 1 { RLM } else { LRM });
    let page_level = g.level == base || (base == 1 && g.level % 2 == 1);
    if page_level {
        let bare = |c: char| c.is_whitespace() || unicode_bidi::bidi_class(c) == NSM;
        let strong = |c: char| match base {
            1 => is_strong_rtl(c),
            _ => unicode_bidi::bidi_class(c) == L,
        };
        let weak = !s.chars().all(bare) && !s.chars().any(strong);
        return Marks {
            mark,
            before: weak,
            after: weak,
        };
    }
    // A run of the other direction (or a number) inside the page's text:
    // marked where the page's text meets it.
    let outside = |j: Option<usize>| {
        j.and_then(|j| glyphs.get(j))
            .is_some_and(|n| n.level == base)
    };
    Marks {
        mark,
        before: outside(i.checked_sub(1)),
        after: outside(Some(i + 1)),
    }
}

/// The right-to-left mark.
const RLM: char = '\u{200F}';

/// The left-to-right mark.
const LRM: char = '\u{200E}';

/// Whether a character is a right-to-left letter.
fn is_strong_rtl(c: char) -> bool {
    use unicode_bidi::BidiClass::{AL, R};
    matches!(unicode_bidi::bidi_class(c), R | AL)
}

/// Rule L2 of the Unicode Bidirectional Algorithm on any sequence.
pub(crate) fn reverse_by_level<T>(items: &mut [T], level: impl Fn(&T) -> u8) {
    let Some(highest) = items.iter().map(&level).max() else {
        return;
    };
    let lowest = items.iter().map(&level).min().unwrap_or(0);
    let lowest_odd = lowest + 1 - lowest % 2;
    for l in (lowest_odd..=highest).rev() {
        let mut i = 0;
        while i < items.len() {
            if level(&items[i]) < l {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < items.len() && level(&items[j]) >= l {
                j += 1;
            }
            items[i..j].reverse();
            i = j;
        }
    }
}

fn draw<'a>(g: &PGlyph, advance: Pt, text: GlyphText<'a>) -> DrawGlyph<'a> {
    DrawGlyph {
        id: g.glyph.id,
        advance,
        x_offset: g.glyph.x_offset,
        y_offset: g.glyph.y_offset,
        run: g.run,
        text,
        level: g.level,
        cluster: Some(g.glyph.cluster),
    }
}

/// Whether the word goes on in the next fragment: no space follows (a break
/// after `-` or `/`, a hyphenation point, a split inside a long token).
fn joins(frag: &Frag) -> bool {
    frag.joined || frag.space_start >= frag.glyphs.end
}

/// Longest word (in bytes) whose text is moved to the line where it starts
/// when it is broken; longer tokens (URLs, identifiers) extract in pieces,
/// which keeps every ToUnicode entry short enough for PDF readers.
const MAX_CARRIED_WORD: usize = 48;

/// Whether the word around fragment `k` extracts whole from its first line
/// when broken. Depends only on the word, so both lines agree.
fn carried(para: &Para, frags: &[Frag], k: usize) -> bool {
    let first = (0..=k)
        .rev()
        .find(|&i| i == 0 || !joins(&frags[i - 1]))
        .unwrap_or(0);
    let last = (k..frags.len())
        .find(|&i| !joins(&frags[i]))
        .unwrap_or(frags.len() - 1);
    let start = para
        .glyphs
        .get(frags[first].glyphs.start)
        .map_or(0, |g| g.glyph.cluster);
    word_end(para, &frags[last]).saturating_sub(start) <= MAX_CARRIED_WORD
}

/// Byte offset in the paragraph text where a fragment's word ends.
fn word_end(para: &Para, frag: &Frag) -> usize {
    match para.glyphs.get(frag.space_start) {
        Some(g) if frag.space_start < frag.glyphs.end => g.glyph.cluster,
        _ => frag
            .glyphs
            .clone()
            .filter_map(|i| para.glyphs.get(i))
            .map(|g| g.text_end)
            .max()
            .unwrap_or(para.text.len()),
    }
}

/// Split an overlong fragment into pieces no wider than `max`, breaking
/// after `/ . - _ @` where possible and between any two clusters otherwise.
fn split_token(para: &Para, frag: &Frag, max: Pt) -> Vec<Frag> {
    let glyphs = &para.glyphs;
    let mut pieces = Vec::new();
    let mut start = frag.glyphs.start;
    while start < frag.space_start {
        let mut width = Pt::ZERO;
        let mut end = start;
        let mut preferred = None;
        while end < frag.space_start {
            let next = width + glyphs[end].glyph.advance;
            if next.get() > max.get() + 1e-6 && end > start {
                break;
            }
            width = next;
            end += 1;
            // A cluster boundary after a preferred character.
            let boundary = glyphs
                .get(end)
                .is_none_or(|g| g.glyph.cluster != glyphs[end - 1].glyph.cluster);
            let before = para
                .text
                .get(glyphs[end - 1].glyph.cluster..glyphs[end - 1].text_end)
                .unwrap_or("");
            if boundary && before.ends_with(['/', '.', '-', '_', '@']) && end < frag.space_start {
                preferred = Some(end);
            }
        }
        // Never split inside a cluster.
        while end < frag.space_start
            && end > start + 1
            && glyphs[end].glyph.cluster == glyphs[end - 1].glyph.cluster
        {
            end -= 1;
        }
        if end < frag.space_start
            && let Some(p) = preferred
        {
            end = p;
        }
        let last = end >= frag.space_start;
        let piece_end = if last { frag.glyphs.end } else { end };
        pieces.push(Frag {
            glyphs: start..piece_end,
            space_start: end,
            width: glyphs[start..end].iter().map(|g| g.glyph.advance).sum(),
            space_width: if last { frag.space_width } else { Pt::ZERO },
            forced: last && frag.forced,
            hyphen: if last { frag.hyphen.clone() } else { None },
            penalty: if last {
                frag.penalty
            } else {
                EMERGENCY_PENALTY
            },
            joined: if last { frag.joined } else { true },
        });
        start = end;
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::reverse_by_level;

    fn visual(text: &str, levels: &[u8]) -> String {
        let mut items: Vec<(char, u8)> = text.chars().zip(levels.iter().copied()).collect();
        reverse_by_level(&mut items, |(_, l)| *l);
        items.into_iter().map(|(c, _)| c).collect()
    }

    #[test]
    fn bidi_rule_l2_reverses_runs_from_the_highest_level_down() {
        // Left-to-right paragraph with a right-to-left phrase (upper case).
        assert_eq!(
            visual("ab CD EF gh", &[0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0]),
            "ab FE DC gh"
        );
        // Right-to-left paragraph with a number inside: digits keep their order.
        assert_eq!(visual("AB 12 CD", &[1, 1, 1, 2, 2, 1, 1, 1]), "DC 12 BA");
        // Nothing to do at level 0.
        assert_eq!(visual("abc", &[0, 0, 0]), "abc");
        assert_eq!(visual("", &[]), "");
    }
}
