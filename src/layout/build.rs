//! Build: turn the document's rich text into measured paragraphs (shaped
//! glyphs grouped into breakable fragments) and a list of blocks to place.

use std::ops::Range;

use hyphenation::{Hyphenator, Standard};
use unicode_linebreak::{BreakOpportunity, linebreaks};

use crate::diag::Diagnostic;
use crate::layout::cjk;
use crate::document::{Body, Document, Entry, Rich};
use crate::text::shape::{BadFont, Features, FontBook, Glyph, Spec};
use crate::text::style::{Span, Style};
use crate::theme::fonts::FontId;
use crate::theme::icons::{self, Icon};
use crate::theme::{Case, EntryLayout, Family, PhotoSlot, Rgb, Theme};
use crate::units::Pt;

mod header;

use header::{same_length_upper, wide_dates};

/// The look of one run of glyphs.
#[derive(Clone, Debug, PartialEq)]
pub struct RunStyle {
    /// The face.
    pub font: FontId,
    /// The size.
    pub size: Pt,
    /// The colour.
    pub color: Rgb,
    /// Target of the link this run belongs to.
    pub link: Option<String>,
}

/// A glyph with the index of its run style.
#[derive(Clone, Debug, PartialEq)]
pub struct PGlyph {
    /// The glyph; `cluster` is a byte offset into the paragraph text.
    pub glyph: Glyph,
    /// Index into [`Para::runs`].
    pub run: usize,
    /// End of this glyph's cluster in the paragraph text: the glyph stands
    /// for `text[glyph.cluster..text_end]` (a ligature for several letters).
    pub text_end: usize,
    /// Bidi embedding level of its cluster: odd is right to left.
    pub level: u8,
}

/// A word and the whitespace after it, as a range of glyphs.
#[derive(Clone, Debug, PartialEq)]
pub struct Frag {
    /// All glyphs of the fragment.
    pub glyphs: Range<usize>,
    /// Index of the first whitespace glyph (`glyphs.end` if none).
    pub space_start: usize,
    /// Width of the word.
    pub width: Pt,
    /// Width of the whitespace.
    pub space_width: Pt,
    /// A hard line break follows.
    pub forced: bool,
    /// The hyphen drawn when a line ends here (a hyphenation point inside a word).
    pub hyphen: Option<PGlyph>,
    /// Cost of a line ending here (hyphenation point or emergency break).
    pub penalty: f64,
    /// The next fragment continues the same word (after a hyphenation
    /// point or inside an overlong token).
    pub joined: bool,
}

/// Width of fragments set on one line: every word and the whitespace
/// between them, none after the last.
pub(crate) fn natural_width(frags: &[Frag]) -> Pt {
    match frags.last() {
        Some(last) => frags.iter().map(|f| f.width + f.space_width).sum::<Pt>() - last.space_width,
        None => Pt::ZERO,
    }
}

/// The space after a contact-line icon, in ems of the text.
const ICON_GAP: f64 = 0.35;

/// A measured paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct Para {
    /// The text of all spans, concatenated.
    pub text: String,
    /// Run styles referenced by the glyphs.
    pub runs: Vec<RunStyle>,
    /// Glyphs in order.
    pub glyphs: Vec<PGlyph>,
    /// Breakable fragments in order.
    pub frags: Vec<Frag>,
    /// The nominal size, which sets the line height.
    pub size: Pt,
    /// `(text offset, source offset)` where each span starts, for diagnostics.
    pub sources: Vec<(usize, usize)>,
}

impl Para {
    /// Width of the paragraph set on one line.
    pub fn natural_width(&self) -> Pt {
        natural_width(&self.frags)
    }

    /// The TOML source offset of a byte of the paragraph text.
    pub fn source_offset(&self, text_offset: usize) -> usize {
        let i = self.sources.partition_point(|(t, _)| *t <= text_offset);
        match i.checked_sub(1).and_then(|i| self.sources.get(i)) {
            Some((t, src)) => src + (text_offset - t),
            None => 0,
        }
    }
}

/// Where extra vertical space goes before a block; the amount comes from the theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Space {
    /// No extra space.
    None,
    /// Between the name and the contact line.
    Header,
    /// Before a section heading.
    Section,
    /// Between entries.
    Entry,
    /// Between bullets.
    Bullet,
}

/// What a block is, for placement.
#[derive(Clone, Debug, PartialEq)]
pub enum BlockKind {
    /// Lines centred on the page (name, contact line).
    Centered(Para),
    /// Lines set flush right from the top of the text area, beside the
    /// blocks before it (the contact items of a split header); the next
    /// block goes under whichever ends lower.
    Aside {
        /// The text.
        para: Para,
        /// Width taken on the left by the blocks it stands beside.
        beside: Pt,
    },
    /// The photo: a square of `size` at the left margin from the top of
    /// the text area, beside the blocks before it (the header, set to its
    /// right); the next block goes under whichever ends lower.
    Photo {
        /// Width and height.
        size: Pt,
        /// Its crop.
        shape: PhotoSlot,
    },
    /// A section heading with a rule under it.
    Heading(Para),
    /// Left-aligned lines at an indent, with an optional right-aligned part
    /// on the first line (dates) and an optional marker before it (bullet).
    Lines {
        /// The text.
        para: Para,
        /// Left edge of the text, from the left margin.
        indent: Pt,
        /// Right-aligned text on the first baseline.
        right: Option<Box<Para>>,
        /// A marker hung to the left of the first line, and its indent.
        marker: Option<Box<(Para, Pt)>>,
    },
}

/// A block to place, with what it belongs to for overflow reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Content.
    pub kind: BlockKind,
    /// Space above it.
    pub space_before: Space,
    /// What the block is, for overflow reports (`bullet 3 of entry "X"`).
    pub owner: String,
    /// Source range of the block's own text.
    pub span: Range<usize>,
    /// The entry or section the block belongs to (`entry "X"`).
    pub group: String,
    /// Source range of that entry or section.
    pub group_span: Range<usize>,
    /// The block must not end the page without the block after it
    /// (a heading, an entry's title and subtitle before its first bullet).
    pub keep_with_next: bool,
    /// The entry the block belongs to, numbered in document order: a page
    /// break falls before an entry that fits on a page rather than inside it.
    pub entry: Option<usize>,
}

/// The entry or section blocks belong to.
struct Group {
    label: String,
    span: Range<usize>,
}

impl Group {
    /// A block of this group.
    fn block(&self, kind: BlockKind, space_before: Space) -> Block {
        Block {
            kind,
            space_before,
            owner: self.label.clone(),
            span: self.span.clone(),
            group: self.label.clone(),
            group_span: self.span.clone(),
            keep_with_next: false,
            entry: None,
        }
    }
}

/// Left-aligned lines without a marker or a right part.
fn plain_lines(para: Para, indent: Pt) -> BlockKind {
    BlockKind::Lines {
        para,
        indent,
        right: None,
        marker: None,
    }
}

/// The base look of a paragraph, refined per span by inline markup.
struct Base {
    size: Pt,
    color: Rgb,
    bold: bool,
    italic: bool,
    /// A face for every span, whatever its markup (headings).
    font: Option<FontId>,
    /// The family markup picks its faces from.
    family: Family,
    /// How letters are set.
    case: Case,
}

/// The glyphs of a paragraph as they are shaped, with the style of each.
#[derive(Default)]
struct Runs {
    /// Distinct consecutive run styles.
    styles: Vec<RunStyle>,
    /// Every glyph so far.
    glyphs: Vec<Glyph>,
    /// For each glyph, its index into `styles`.
    glyph_runs: Vec<usize>,
}

impl Runs {
    /// Append glyphs of one style, sharing the last style when it is equal.
    fn push(&mut self, style: RunStyle, glyphs: Vec<Glyph>) {
        let index = match self.styles.last() {
            Some(last) if *last == style => self.styles.len() - 1,
            _ => {
                self.styles.push(style);
                self.styles.len() - 1
            }
        };
        self.glyph_runs
            .extend(std::iter::repeat_n(index, glyphs.len()));
        self.glyphs.extend(glyphs);
    }
}

/// Builds blocks, collecting warnings.
pub struct Builder<'a> {
    theme: &'a Theme,
    fonts: &'a FontBook<'a>,
    /// Warnings found while shaping (characters no font covers).
    warnings: Vec<Diagnostic>,
    /// The first `[fonts] fallback` file the shaper failed on.
    bad_font: Option<BadFont>,
    /// The document's language, for hyphenation.
    lang: String,
    /// Hyphenation patterns: not looked up yet, or looked up (none for an unsupported language).
    dictionary: Option<Option<&'static Standard>>,
    /// Entries built so far.
    entries: usize,
    /// The words of a date range in the document's language
    /// ([`crate::locale::range_words`]).
    range_words: Vec<&'static str>,
    /// Byte ranges of the next paragraph's items (each contact item of the
    /// contact line). Each item's direction is resolved on its own, so
    /// that an e-mail address or a phone number keeps its order on a
    /// right-to-left page and the items follow the page's direction; and no
    /// line break falls inside the gap between two items (a separator), so
    /// that a wrapped contact line ends with a separator rather than
    /// starting with one.
    items: Vec<Range<usize>>,
}

impl<'a> Builder<'a> {
    /// A builder for one theme.
    pub fn new(theme: &'a Theme, fonts: &'a FontBook<'a>) -> Self {
        Builder {
            theme,
            fonts,
            warnings: Vec::new(),
            bad_font: None,
            lang: String::new(),
            dictionary: None,
            entries: 0,
            range_words: crate::locale::range_words(""),
            items: Vec::new(),
        }
    }

    /// Plain text in the upright face, for a line of its own (a running
    /// header): shaped like any paragraph, without hyphenation points.
    pub fn label(&mut self, text: &str, size: Pt, color: Rgb) -> Para {
        let base = Base {
            color,
            ..self.base(size)
        };
        self.shaped(&Rich::plain(text, 0), &base)
    }

    /// Every block of the document, top to bottom, with the warnings found
    /// while shaping; or the first `[fonts] fallback` file that the shaper
    /// failed on (see `text::isolate`).
    pub fn build(mut self, doc: &Document) -> Result<(Vec<Block>, Vec<Diagnostic>), BadFont> {
        let blocks = self.blocks(doc);
        match self.bad_font {
            Some(bad) => Err(bad),
            None => Ok((blocks, self.warnings)),
        }
    }

    /// Keep the first font failure; the text it stopped is left out.
    fn failed(&mut self, bad: BadFont) {
        self.bad_font.get_or_insert(bad);
    }

    /// Every block of the document, top to bottom.
    fn blocks(&mut self, doc: &Document) -> Vec<Block> {
        let t = self.theme;
        self.lang.clone_from(&doc.lang);
        self.range_words = crate::locale::range_words(&doc.lang);
        let mut blocks = Vec::new();
        self.header(doc, &mut blocks);
        for section in &doc.sections {
            let group = Group {
                label: format!("section \"{}\"", section.title.text()),
                span: section.span.clone(),
            };
            let heading_base = Base {
                font: Some(t.heading_font),
                case: t.heading_case,
                ..self.base(t.heading_size).color(t.heading_color)
            };
            let heading = self.para(&section.title, &heading_base);
            let mut block = group.block(BlockKind::Heading(heading), Space::Section);
            block.keep_with_next = true;
            blocks.push(block);
            match &section.body {
                Body::Entries(entries) => {
                    for (i, entry) in entries.iter().enumerate() {
                        let space = if i == 0 { Space::None } else { Space::Entry };
                        self.entry(entry, space, &mut blocks);
                    }
                }
                Body::Skills(rows) => {
                    for row in rows {
                        let para = self.para(&row.line(), &self.base(t.body_size));
                        let mut block = group.block(plain_lines(para, t.entry_indent), Space::None);
                        block.owner = format!("skill row \"{}\"", row.label.text());
                        block.span = row.span.clone();
                        blocks.push(block);
                    }
                }
                Body::Text(text) => {
                    let para = self.para(text, &self.base(t.body_size));
                    blocks.push(group.block(plain_lines(para, t.entry_indent), Space::None));
                }
            }
        }
        blocks
    }

    fn entry(&mut self, entry: &Entry, space: Space, blocks: &mut Vec<Block>) {
        let from = blocks.len();
        self.entry_blocks(entry, space, blocks);
        for block in &mut blocks[from..] {
            block.entry = Some(self.entries);
        }
        self.entries += 1;
    }

    fn entry_blocks(&mut self, entry: &Entry, space: Space, blocks: &mut Vec<Block>) {
        let t = self.theme;
        let group = Group {
            label: format!("entry \"{}\"", entry.title.text()),
            span: entry.span.clone(),
        };
        let head = self.para(&entry.title_line(), &self.base(t.body_size));
        let date_base = Base {
            family: t.date_family,
            italic: t.date_italic,
            ..self.base(t.date_size).color(t.date_color)
        };
        let dates = entry.dates.as_ref().map(|d| self.para(d, &date_base));
        let kind = match t.entry_layout {
            EntryLayout::DatesRight => BlockKind::Lines {
                para: head,
                indent: t.entry_indent,
                right: dates.map(Box::new),
                marker: None,
            },
            EntryLayout::DatesLeft => {
                if let Some(d) = &dates
                    && d.natural_width().get() > t.date_column.get() + 0.01
                {
                    self.warnings.push(wide_dates(d, entry, t.date_column));
                }
                BlockKind::Lines {
                    para: head,
                    indent: t.entry_indent,
                    right: None,
                    marker: dates.map(|d| Box::new((d, Pt::ZERO))),
                }
            }
        };
        let mut first = group.block(kind, space);
        first.keep_with_next =
            entry.subtitle.is_some() || !entry.details.is_empty() || !entry.bullets.is_empty();
        blocks.push(first);
        if let Some(subtitle) = &entry.subtitle {
            let base = Base {
                italic: t.subtitle_italic,
                ..self.base(t.subtitle_size)
            };
            let para = self.para(subtitle, &base);
            let mut block = group.block(plain_lines(para, t.entry_indent), Space::None);
            block.keep_with_next = !entry.details.is_empty() || !entry.bullets.is_empty();
            blocks.push(block);
        }
        for detail in &entry.details {
            let para = self.para(detail, &self.base(t.subtitle_size));
            let mut block = group.block(plain_lines(para, t.entry_indent), Space::None);
            // Details stay with the first bullet, or with each other.
            block.keep_with_next = true;
            blocks.push(block);
        }
        let marker_x = t.entry_indent + t.bullet_indent;
        for (i, bullet) in entry.bullets.iter().enumerate() {
            let para = self.para(&bullet.text, &self.base(t.bullet_size));
            let marker = self.para(
                &Rich::plain(t.bullet.clone(), bullet.text.offset()),
                &self.base(t.bullet_size),
            );
            let space = if i == 0 { Space::None } else { Space::Bullet };
            let kind = BlockKind::Lines {
                para,
                indent: marker_x + t.bullet_text_indent,
                right: None,
                marker: Some(Box::new((marker, marker_x))),
            };
            let mut block = group.block(kind, space);
            // Point overflow reports at the bullet itself.
            block.owner = format!("bullet {} of {}", i + 1, group.label);
            block.span = bullet.span.clone();
            blocks.push(block);
        }
    }

    fn base(&self, size: Pt) -> Base {
        Base {
            size,
            color: self.theme.text_color,
            bold: false,
            italic: false,
            font: None,
            family: self.theme.family,
            case: Case::AsWritten,
        }
    }

    /// Shape rich text into a measured paragraph.
    fn para(&mut self, rich: &Rich, base: &Base) -> Para {
        self.para_with_icons(rich, base, &[])
    }

    /// A paragraph with `icons` before their text offsets (see
    /// [`Builder::shaped_with_icons`]).
    fn para_with_icons(&mut self, rich: &Rich, base: &Base, icons: &[(usize, Icon)]) -> Para {
        let mut para = self.shaped_with_icons(rich, base, icons);
        if self.theme.hyphenate {
            self.hyphenate(&mut para);
        }
        para
    }

    /// Shape rich text into a measured paragraph without hyphenation points.
    fn shaped(&mut self, rich: &Rich, base: &Base) -> Para {
        self.shaped_with_icons(rich, base, &[])
    }

    /// Shape rich text into a measured paragraph with `icons`, each before
    /// the glyphs of its text offset (and in the same fragment: an icon
    /// never ends a line apart from its item).
    fn shaped_with_icons(&mut self, rich: &Rich, base: &Base, icons: &[(usize, Icon)]) -> Para {
        let mut text = String::new();
        let mut sources = Vec::with_capacity(rich.spans.len());
        for span in &rich.spans {
            sources.push((text.len(), span.offset));
            text.push_str(&span.text);
        }
        let items = std::mem::take(&mut self.items);
        let levels = bidi_levels(&text, self.theme.rtl(), &items);
        let separators: Vec<Range<usize>> =
            items.windows(2).map(|w| w[0].end..w[1].start).collect();
        // Capitals are shaped from a copy whose byte offsets are the same,
        // so every glyph still extracts as the text as written.
        let shaped_text = match base.case {
            Case::Upper => same_length_upper(&text),
            _ => text.clone(),
        };
        let mut shaped = Runs::default();
        for (span, (start, _)) in rich.spans.iter().zip(&sources) {
            self.shape_span(&shaped_text, span, *start, base, &levels, &mut shaped);
        }
        let mut glyphs = with_cluster_ends(&text, shaped.glyphs, shaped.glyph_runs, &levels);
        let mut runs = shaped.styles;
        for &(at, icon) in icons.iter().rev() {
            let (run, glyph) = self.icon_glyph(icon, at, base, runs.len());
            runs.push(run);
            let before = glyphs.partition_point(|g| g.glyph.cluster < at);
            glyphs.insert(before, glyph);
        }
        Para {
            frags: fragments(&text, &glyphs, &self.range_words, &separators),
            text,
            runs,
            glyphs,
            size: base.size,
            sources,
        }
    }

    /// The run and glyph of an icon before text offset `at` of a paragraph
    /// in `base`'s size and face, as run `run`: its design box about 1.2
    /// times the text's capital height and centred on the capitals, in the
    /// accent colour, with a third of an em of space after it. It stands
    /// for no text (its cluster ends where it starts). On a right-to-left
    /// page it takes the page's level, so that it stays before its item in
    /// reading order (on the item's right), with the space on its left.
    fn icon_glyph(&self, icon: Icon, at: usize, base: &Base, run: usize) -> (RunStyle, PGlyph) {
        let cap = self.fonts.cap_height(base.family.face(Style::default()));
        let size = base.size * (1.2 * cap);
        let (top, bottom) = icons::DESIGN_BOX;
        let centre = (top + bottom) / 2.0;
        let style = RunStyle {
            font: icon.font,
            size,
            color: self.theme.accent,
            link: None,
        };
        let rtl = self.theme.rtl();
        let gap = base.size * ICON_GAP;
        let glyph = PGlyph {
            glyph: Glyph {
                id: icon.glyph,
                advance: size * icon.advance() + gap,
                x_offset: if rtl { gap } else { Pt::ZERO },
                y_offset: base.size * (cap / 2.0) - size * centre,
                cluster: at,
            },
            run,
            text_end: at,
            level: u8::from(rtl),
        };
        (style, glyph)
    }

    /// Shape one span of the paragraph `text`, which starts at byte `start`,
    /// into `shaped`: in the face its style picks, one shaping call per bidi
    /// level run. Characters no font covers become one warning.
    fn shape_span(
        &mut self,
        text: &str,
        span: &Span,
        start: usize,
        base: &Base,
        levels: &[u8],
        shaped: &mut Runs,
    ) {
        let t = self.theme;
        let range = start..start + span.text.len();
        let style = Style {
            bold: base.bold || span.style.bold,
            italic: base.italic || span.style.italic,
            code: span.style.code,
        };
        let (font, size) = if style.code {
            (t.code_family.face(style), base.size * t.code_scale)
        } else {
            (base.font.unwrap_or_else(|| base.family.face(style)), base.size)
        };
        let fallback = if style.bold {
            t.fallback_bold
        } else {
            t.fallback
        };
        let features = Features {
            ligatures: t.ligatures && !style.code,
            small_caps: base.case == Case::SmallCaps && !style.code,
        };
        let color = if span.link.is_some() {
            t.link_color
        } else {
            base.color
        };
        let mut uncovered: Vec<(String, usize)> = Vec::new();
        for (range, level) in level_runs(levels, range) {
            let spec = Spec {
                font,
                fallback: &fallback,
                size,
                features,
                rtl: level % 2 == 1,
                bold: style.bold,
            };
            let (runs, missing) = match self.fonts.shape(text, range, &spec) {
                Ok(shaped) => shaped,
                Err(bad) => {
                    self.failed(bad);
                    continue;
                }
            };
            uncovered.extend(missing.into_iter().map(|m| {
                let at = span.offset + m.offset.saturating_sub(start);
                (m.text, at)
            }));
            for run in runs {
                let style = RunStyle {
                    font: run.font,
                    size: run.size,
                    color,
                    link: span.link.clone(),
                };
                shaped.push(style, run.glyphs);
            }
        }
        if !uncovered.is_empty() {
            self.warnings.push(missing_glyphs(&uncovered));
        }
    }

    /// Split hyphenatable words into syllable fragments that end in a hyphen.
    fn hyphenate(&mut self, para: &mut Para) {
        let Some(dict) = self.dictionary() else {
            return;
        };
        let points: Vec<Vec<usize>> = para
            .frags
            .iter()
            .map(|f| hyphenation_points(dict, &para.text, &para.glyphs, f))
            .collect();
        let mut out = Vec::with_capacity(para.frags.len());
        for (frag, points) in std::mem::take(&mut para.frags).into_iter().zip(points) {
            if points.is_empty() {
                out.push(frag);
                continue;
            }
            let mut start = frag.glyphs.start;
            for at in points {
                let piece = start..at;
                let last = &para.glyphs[at - 1];
                let hyphen = self.hyphen_glyph(&para.runs[last.run], last.run);
                out.push(Frag {
                    glyphs: piece.clone(),
                    space_start: at,
                    width: para.glyphs[piece].iter().map(|g| g.glyph.advance).sum(),
                    space_width: Pt::ZERO,
                    forced: false,
                    hyphen,
                    penalty: HYPHEN_PENALTY,
                    joined: true,
                });
                start = at;
            }
            out.push(Frag {
                glyphs: start..frag.glyphs.end,
                width: para.glyphs[start..frag.space_start]
                    .iter()
                    .map(|g| g.glyph.advance)
                    .sum(),
                ..frag
            });
        }
        para.frags = out;
    }

    /// The hyphenation dictionary for the document's language (loaded once
    /// per process), warning once when there is none.
    fn dictionary(&mut self) -> Option<&'static Standard> {
        if self.dictionary.is_none() {
            let loaded = crate::locale::dictionary(&self.lang);
            if loaded.is_none() {
                self.warnings.push(
                    Diagnostic::warning(format!(
                        "no hyphenation patterns for language `{}`; hyphenation is off",
                        self.lang
                    ))
                    .with_hint(format!(
                        "hyphenation patterns are bundled for {}",
                        crate::locale::with_patterns().join(", ")
                    )),
                );
            }
            self.dictionary = Some(loaded);
        }
        self.dictionary.flatten()
    }

    /// The hyphen glyph in a run's face and size.
    fn hyphen_glyph(&mut self, style: &RunStyle, run: usize) -> Option<PGlyph> {
        let shaped = self
            .fonts
            .shape("-", 0..1, &Spec::new(style.font, style.size));
        let (shaped, missing) = shaped.map_err(|bad| self.failed(bad)).ok()?;
        if !missing.is_empty() {
            return None;
        }
        let glyph = shaped.into_iter().next()?.glyphs.into_iter().next()?;
        Some(PGlyph {
            glyph,
            run,
            text_end: 1,
            level: 0,
        })
    }
}

/// Resolved bidi embedding levels per byte of `text` (Unicode Bidirectional
/// Algorithm, the paragraph's base direction the page's: right to left when
/// `rtl`), or nothing on a left-to-right page when the text has no
/// right-to-left character: all level 0. Each of the ordered, disjoint
/// byte ranges `isolates` is a first-strong isolate (as if between U+2068
/// and U+2069): its direction comes from its own first letter and its
/// neighbours do not reorder it.
fn bidi_levels(text: &str, rtl: bool, isolates: &[Range<usize>]) -> Vec<u8> {
    let has_rtl = text.chars().any(|c| {
        matches!(
            unicode_bidi::bidi_class(c),
            unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
        )
    });
    if !rtl && !has_rtl {
        return Vec::new();
    }
    let base = if rtl {
        unicode_bidi::Level::rtl()
    } else {
        unicode_bidi::Level::ltr()
    };
    // The isolates marked with the controls, each original byte's place
    // in the marked text remembered, and the levels read back from there.
    let mut marked = String::with_capacity(text.len() + 6 * isolates.len());
    let mut at = Vec::with_capacity(text.len());
    let copy = |marked: &mut String, at: &mut Vec<usize>, from: usize, end: usize| {
        let end = end.clamp(from, text.len());
        at.extend((from..end).map(|i| marked.len() + (i - from)));
        marked.push_str(text.get(from..end).unwrap_or(""));
        end
    };
    let mut copied = 0;
    for range in isolates {
        let inside = range.start >= copied && range.end <= text.len();
        if !inside || !text.is_char_boundary(range.start) || !text.is_char_boundary(range.end) {
            continue;
        }
        copied = copy(&mut marked, &mut at, copied, range.start);
        marked.push('\u{2068}');
        copied = copy(&mut marked, &mut at, copied, range.end);
        marked.push('\u{2069}');
    }
    copy(&mut marked, &mut at, copied, text.len());
    let levels = unicode_bidi::BidiInfo::new(&marked, Some(base)).levels;
    at.iter()
        .map(|&i| levels.get(i).map_or(base.number(), |l| l.number()))
        .collect()
}

/// `range` cut where the bidi level changes, each piece with its level.
fn level_runs(levels: &[u8], range: Range<usize>) -> Vec<(Range<usize>, u8)> {
    let level = |i: usize| levels.get(i).copied().unwrap_or(0);
    let mut out: Vec<(Range<usize>, u8)> = Vec::new();
    for i in range.clone() {
        match out.last_mut() {
            Some((r, l)) if *l == level(i) => r.end = i + 1,
            _ => out.push((i..i + 1, level(i))),
        }
    }
    if out.is_empty() {
        out.push((range, 0));
    }
    out
}

/// TeX's default cost of ending a line at a hyphenation point.
const HYPHEN_PENALTY: f64 = 50.0;
/// Words shorter than this are never hyphenated.
const MIN_HYPHENATED_LETTERS: usize = 6;

/// Glyph indices inside `frag` before which a hyphen may go.
fn hyphenation_points(dict: &Standard, text: &str, glyphs: &[PGlyph], frag: &Frag) -> Vec<usize> {
    if frag.space_start <= frag.glyphs.start || frag.joined {
        return Vec::new();
    }
    let word_start = glyphs[frag.glyphs.start].glyph.cluster;
    let word_end = glyphs.get(frag.space_start).map_or_else(
        || glyphs[frag.space_start - 1].text_end,
        |g| g.glyph.cluster,
    );
    let Some(word) = text.get(word_start.min(word_end)..word_end) else {
        return Vec::new();
    };
    // Leading and trailing punctuation do not belong to the word.
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    let lead = word.len()
        - word
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let letters = core.chars().count();
    if letters < MIN_HYPHENATED_LETTERS || !core.chars().all(char::is_alphabetic) {
        // Numbers, identifiers with digits, `_` or `.`, e-mail addresses and URLs.
        return Vec::new();
    }
    if word.contains(['@', '/', '_', ':']) || core.chars().all(char::is_uppercase) {
        return Vec::new();
    }
    let breaks = dict.hyphenate(&core.to_lowercase()).breaks;
    if core.to_lowercase().len() != core.len() {
        return Vec::new();
    }
    breaks
        .into_iter()
        .filter_map(|b| {
            let at = word_start + lead + b;
            // Only between clusters: never inside a ligature.
            (frag.glyphs.start + 1..frag.space_start).find(|&i| glyphs[i].glyph.cluster == at)
        })
        .collect()
}

/// Attach to each glyph the end of its cluster's text.
fn with_cluster_ends(
    text: &str,
    glyphs: Vec<Glyph>,
    runs: Vec<usize>,
    levels: &[u8],
) -> Vec<PGlyph> {
    let mut starts: Vec<usize> = glyphs.iter().map(|g| g.cluster).collect();
    starts.sort_unstable();
    starts.dedup();
    glyphs
        .into_iter()
        .zip(runs)
        .map(|(glyph, run)| {
            let i = starts.partition_point(|s| *s <= glyph.cluster);
            let text_end = starts.get(i).copied().unwrap_or(text.len());
            PGlyph {
                level: levels.get(glyph.cluster).copied().unwrap_or(0),
                glyph,
                run,
                text_end,
            }
        })
        .collect()
}

impl Base {
    fn italic(mut self) -> Base {
        self.italic = true;
        self
    }
    fn color(mut self, color: Rgb) -> Base {
        self.color = color;
        self
    }
}

/// Characters listed in one warning at most; the rest are counted.
const MAX_LISTED_MISSING: usize = 8;

/// One warning for the graphemes of a text field that no font covers
/// (with their source offsets), pointing at the first.
fn missing_glyphs(uncovered: &[(String, usize)]) -> Diagnostic {
    let mut distinct: Vec<&str> = Vec::new();
    for (g, _) in uncovered {
        if !distinct.contains(&g.as_str()) {
            distinct.push(g);
        }
    }
    let describe = |g: &str| {
        let codes: Vec<String> = g.chars().map(|c| format!("U+{:04X}", c as u32)).collect();
        format!("`{}` ({})", g.escape_debug(), codes.join(" "))
    };
    let listed: Vec<String> = distinct
        .iter()
        .take(MAX_LISTED_MISSING)
        .map(|g| describe(g))
        .collect();
    let more = distinct.len().saturating_sub(MAX_LISTED_MISSING);
    let message = match (distinct.len(), more) {
        (1, _) => format!("character {} is in no font", listed[0]),
        (_, 0) => format!("characters {} are in no font", listed.join(", ")),
        _ => format!(
            "characters {} and {more} more are in no font",
            listed.join(", ")
        ),
    };
    let (first, at) = &uncovered[0];
    let (they, blanks, them) = if distinct.len() == 1 {
        ("it", "a blank", "it")
    } else {
        ("they", "blanks", "them")
    };
    Diagnostic::warning(message)
        .with_span(*at..*at + first.len())
        .with_hint(format!(
            "{they} would print as {blanks}; name a font file that has {them} in \
             `[fonts] fallback = [\"...\"]`, or replace {them}"
        ))
}

/// Group glyphs into fragments at UAX #14 break opportunities, except
/// inside a date range or an `unbroken` range, before closing punctuation
/// and where the CJK kinsoku rules forbid one (`cjk::forbids_break`).
fn fragments(
    text: &str,
    glyphs: &[PGlyph],
    range_words: &[&str],
    unbroken: &[Range<usize>],
) -> Vec<Frag> {
    let mut protected = date_ranges(text, range_words);
    protected.extend(unbroken.iter().cloned());
    // Segment i covers text[bounds[i]..bounds[i + 1]]; forced[i] marks a hard break after it.
    let mut bounds = vec![0];
    let mut forced = Vec::new();
    for (at, kind) in linebreaks(text) {
        if at == 0 || at <= *bounds.last().unwrap_or(&0) {
            continue;
        }
        let mandatory = kind == BreakOpportunity::Mandatory;
        if !mandatory && at < text.len() {
            let inside_date = protected.iter().any(|r| r.start < at && at < r.end);
            let before_closing = text[at..].starts_with(is_closing);
            if inside_date || before_closing || cjk::forbids_break(text, at) {
                continue;
            }
        }
        bounds.push(at);
        forced.push(mandatory && at < text.len());
    }
    // Start of the trailing whitespace of each segment.
    let space_starts: Vec<usize> = bounds
        .windows(2)
        .map(|w| {
            let seg = &text[w[0]..w[1]];
            w[0] + seg
                .trim_end_matches(|c: char| c.is_whitespace() && c != '\u{A0}')
                .len()
        })
        .collect();
    let segment_of = |cluster: usize| bounds.partition_point(|b| *b <= cluster).saturating_sub(1);

    let mut frags: Vec<Frag> = Vec::new();
    let mut current: Option<(usize, Frag)> = None;
    for (i, g) in glyphs.iter().enumerate() {
        let seg = segment_of(g.glyph.cluster).min(space_starts.len().saturating_sub(1));
        let in_space = space_starts.get(seg).is_some_and(|s| g.glyph.cluster >= *s);
        match &mut current {
            Some((s, frag)) if *s == seg => {
                frag.glyphs.end = i + 1;
                if in_space {
                    frag.space_width += g.glyph.advance;
                } else {
                    // Whitespace followed by a word glyph (only in odd visual
                    // orders) becomes part of the word.
                    frag.width += frag.space_width + g.glyph.advance;
                    frag.space_width = Pt::ZERO;
                    frag.space_start = i + 1;
                }
            }
            _ => {
                if let Some((_, frag)) = current.take() {
                    frags.push(frag);
                }
                let (width, space_width) = if in_space {
                    (Pt::ZERO, g.glyph.advance)
                } else {
                    (g.glyph.advance, Pt::ZERO)
                };
                current = Some((
                    seg,
                    Frag {
                        glyphs: i..i + 1,
                        space_start: if in_space { i } else { i + 1 },
                        width,
                        space_width,
                        forced: forced.get(seg).copied().unwrap_or(false),
                        hyphen: None,
                        penalty: 0.0,
                        joined: false,
                    },
                ));
            }
        }
    }
    if let Some((_, frag)) = current {
        frags.push(frag);
    }
    frags
}

/// Closing punctuation that must not start a line.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '\u{2019}'
            | '\u{201D}'
            | '\u{00BB}'
            | '\u{2026}'
            | '%'
    )
}

/// Byte ranges of date ranges such as `Jul 2024 – Aug 2025`, `2019–2021`,
/// `Mar 2021 – Present` or `يوليو ٢٠٢١ – حتى الآن`, which must stay on one
/// line: a year (four digits of any script), maybe after a month, a dash,
/// then a month (maybe with its year), a year or the word for an ongoing
/// range. `words` are the month names and that word (longest first).
fn date_ranges(text: &str, words: &[&str]) -> Vec<Range<usize>> {
    let digits = |s: &str| s.chars().take_while(|c| c.is_numeric()).count();
    let digits_len = |s: &str| s.chars().take_while(|c| c.is_numeric()).map(char::len_utf8).sum::<usize>();
    let mut out = Vec::new();
    for (dash, d) in text.match_indices(['\u{2013}', '\u{2014}']) {
        let before = text[..dash].trim_end_matches(' ');
        let after_start = dash + d.len();
        let after = text[after_start..].trim_start_matches(' ');
        // Year before the dash, optionally preceded by a month.
        let year = before.trim_end_matches(|c: char| c.is_numeric());
        if before.chars().rev().take_while(|c| c.is_numeric()).count() != 4 {
            continue;
        }
        let mut start = year.len();
        let head = text[..start].trim_end_matches(' ');
        if let Some(m) = words.iter().find(|m| head.ends_with(**m)) {
            start = head.len() - m.len();
        }
        // A month (and its year), a year or the word for "present" after the dash.
        let skip = text.len() - after.len();
        let mut end = skip;
        let rest = &text[skip..];
        if let Some(m) = words.iter().find(|m| rest.starts_with(**m)) {
            end += m.len();
            let tail = &text[end..];
            let spaces = tail.len() - tail.trim_start_matches(' ').len();
            if digits(&tail[spaces..]) == 4 {
                end += spaces + digits_len(&tail[spaces..]);
            }
        } else {
            if digits(rest) != 4 {
                continue;
            }
            end += digits_len(rest);
        }
        out.push(start..end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_width_counts_no_space_after_the_last_word() {
        let frag = |width: f64, space: f64| Frag {
            glyphs: 0..0,
            space_start: 0,
            width: Pt(width),
            space_width: Pt(space),
            forced: false,
            hyphen: None,
            penalty: 0.0,
            joined: false,
        };
        assert_eq!(natural_width(&[]), Pt::ZERO);
        assert_eq!(natural_width(&[frag(10.0, 3.0)]), Pt(10.0));
        let frags = [frag(10.0, 3.0), frag(20.0, 2.5), frag(5.0, 4.0)];
        assert_eq!(natural_width(&frags), Pt(40.5));
        let para = Para {
            text: String::new(),
            runs: Vec::new(),
            glyphs: Vec::new(),
            frags: frags.to_vec(),
            size: Pt(10.0),
            sources: Vec::new(),
        };
        assert_eq!(para.natural_width(), natural_width(&frags));
    }

    /// The text cut into runs of one bidi level, on a page of the direction `rtl`.
    fn level_pieces(text: &str, rtl: bool) -> Vec<(&str, u8)> {
        level_runs(&bidi_levels(text, rtl, &[]), 0..text.len())
            .into_iter()
            .map(|(r, l)| (&text[r], l))
            .collect()
    }

    #[test]
    fn bidi_levels_mark_right_to_left_runs() {
        assert!(bidi_levels("plain English text", false, &[]).is_empty());
        assert_eq!(
            level_pieces("Hebrew: שלום עולם, fluent", false),
            [("Hebrew: ", 0), ("שלום עולם", 1), (", fluent", 0)]
        );
        // On a left-to-right page a paragraph that starts right to left
        // keeps the page's base direction: the English word after the
        // Hebrew one stays at level 0 (the number goes with the Hebrew).
        assert_eq!(
            level_pieces("שנת 2020 at", false),
            [("שנת ", 1), ("2020", 2), (" at", 0)]
        );
    }

    #[test]
    fn right_to_left_pages_set_every_paragraph_right_to_left() {
        // Digits and Latin words inside right-to-left text sit at level 2.
        assert_eq!(level_pieces("שנת 2020", true), [("שנת ", 1), ("2020", 2)]);
        assert_eq!(
            level_pieces("البريد a@b.com والهاتف", true),
            [("البريد ", 1), ("a@b.com", 2), (" والهاتف", 1)]
        );
        // A Latin-only paragraph on a right-to-left page: its words keep
        // their order (level 2) and the separators between them take the
        // page's direction, so a list of items reads from the right.
        let line = "+1 555 · a@b.com";
        let pieces = |isolates: &[Range<usize>]| -> Vec<(&str, u8)> {
            level_runs(&bidi_levels(line, true, isolates), 0..line.len())
                .into_iter()
                .map(|(r, l)| (&line[r], l))
                .collect()
        };
        // Unisolated, a phone number's digit groups would swap places.
        assert_eq!(
            pieces(&[]),
            [("+", 1), ("1", 2), (" ", 1), ("555", 2), (" · ", 1), ("a@b.com", 2)]
        );
        // Each contact item isolated: each reads left to right within
        // itself, and the items from the right.
        assert_eq!(
            pieces(&[0..6, 10..17]),
            [("+1 555", 2), (" · ", 1), ("a@b.com", 2)]
        );
    }

    #[test]
    fn date_ranges_are_protected() {
        let text = "Led it Jan 2020 – Mar 2021 and 2019–2021, until Mar 2021 – Present.";
        let words = crate::locale::range_words("en");
        let ranges: Vec<&str> = date_ranges(text, &words)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            ranges,
            ["Jan 2020 – Mar 2021", "2019–2021", "Mar 2021 – Present"]
        );
        // In the document's language, with its digits.
        let words = crate::locale::range_words("ar");
        let text = "عملت هناك من يوليو ٢٠٢١ – حتى الآن، ومن مارس ٢٠١٨ – يناير ٢٠٢٠.";
        let ranges: Vec<&str> = date_ranges(text, &words)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(ranges, ["يوليو ٢٠٢١ – حتى الآن", "مارس ٢٠١٨ – يناير ٢٠٢٠"]);
        let words = crate::locale::range_words("de");
        let text = "von Juli 2021 – heute und Sept. 2017 – März 2021";
        let ranges: Vec<&str> = date_ranges(text, &words)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(ranges, ["Juli 2021 – heute", "Sept. 2017 – März 2021"]);
    }
}
