//! The placed page: what the PDF writer draws, and a stable text dump of it
//! for snapshot tests.

use std::fmt::Write;
use std::ops::Range;

use crate::theme::fonts::FontId;
use crate::theme::icons::Icon;
use crate::theme::{PhotoSlot, Rgb};
use crate::units::Pt;

/// A run of glyphs placed on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct TextItem {
    /// Pen position of the first glyph.
    pub x: Pt,
    /// Baseline, from the top of the page.
    pub y: Pt,
    /// Sum of the advances.
    pub width: Pt,
    /// The face.
    pub font: FontId,
    /// The size.
    pub size: Pt,
    /// The fill colour.
    pub color: Rgb,
    /// The glyphs, in drawing order.
    pub glyphs: Vec<PlacedGlyph>,
    /// The text these glyphs represent (what a PDF reader extracts).
    pub text: String,
}

/// One glyph of a text item.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedGlyph {
    /// Glyph id in the item's font.
    pub id: u16,
    /// Horizontal advance (justified spaces are wider than their natural advance).
    pub advance: Pt,
    /// Horizontal offset from the pen position.
    pub x_offset: Pt,
    /// Vertical offset from the baseline, up positive.
    pub y_offset: Pt,
    /// The part of the item's `text` this glyph stands for; glyphs of one
    /// cluster share it, and it may be empty (the second half of a
    /// hyphenated word, whose text the hyphen already carries).
    pub text: Range<usize>,
}

/// A placed element.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// Text.
    Text(TextItem),
    /// A horizontal rule: `y` is the centre line.
    Rule {
        /// Left end.
        x: Pt,
        /// Centre line, from the top of the page.
        y: Pt,
        /// Length.
        width: Pt,
        /// Thickness.
        thickness: Pt,
        /// Colour.
        color: Rgb,
    },
    /// An icon: one glyph of an icon face, drawn as its outline. It is
    /// decoration and extracts as nothing.
    Icon {
        /// Pen position (the glyph's origin).
        x: Pt,
        /// Baseline, from the top of the page.
        y: Pt,
        /// The icon: a glyph of an icon face.
        icon: Icon,
        /// The size (the em).
        size: Pt,
        /// The fill colour.
        color: Rgb,
    },
    /// The person's photo (the document's one image), cropped to a
    /// square or a circle of `size` (centred, its aspect kept).
    Photo {
        /// Left edge.
        x: Pt,
        /// Top edge, from the top of the page.
        y: Pt,
        /// Width and height of the square the crop fills.
        size: Pt,
        /// The crop.
        shape: PhotoSlot,
    },
    /// A clickable area.
    Link {
        /// Left edge.
        x: Pt,
        /// Top edge, from the top of the page.
        y: Pt,
        /// Width.
        width: Pt,
        /// Height.
        height: Pt,
        /// Target URL.
        url: String,
    },
}

/// What fell off the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Overflow {
    /// How far the content runs past the bottom margin.
    pub by: Pt,
    /// The same in lines of body text.
    pub lines: f64,
    /// A short description of the first element past the bottom margin
    /// (a heading or an entry title whose content falls off counts as falling off).
    pub first: String,
    /// Its byte range in the TOML source.
    pub span: Range<usize>,
    /// Every entry or section with content past the bottom margin, in order.
    pub falling: Vec<(String, Range<usize>)>,
}

/// What a placed block is, for the PDF's structure tree (PDF/UA).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The name at the top.
    Title,
    /// A section heading.
    Heading,
    /// A paragraph: the contact line, an entry title, a subtitle, a skill row.
    Paragraph,
    /// A bullet point; its first text item is the marker.
    ListItem,
    /// The photo: a figure with alternative text.
    Figure,
    /// The running header of a page after the first (the name and the page
    /// number): a pagination artifact, not part of the document's content.
    Running,
}

/// A block's items on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedBlock {
    /// What the block is.
    pub role: Role,
    /// Its items: `Page::items[items]`.
    pub items: Range<usize>,
}

/// One placed page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// Page width.
    pub width: Pt,
    /// Page height.
    pub height: Pt,
    /// Placed items in reading order.
    pub items: Vec<Item>,
    /// Lowest point of the content, from the top of the page.
    pub content_bottom: Pt,
    /// Height available between the margins.
    pub available: Pt,
    /// Height the content needs.
    pub used: Pt,
    /// Set when the content does not fit: on the last page, what runs past
    /// its end; on an earlier page, a block taller than the page itself.
    pub overflow: Option<Overflow>,
    /// The blocks in reading order, with their items.
    pub blocks: Vec<PlacedBlock>,
}

impl Page {
    /// How full the page is: used height over available height.
    pub fn fill(&self) -> f64 {
        if self.available.get() <= 0.0 {
            return 0.0;
        }
        self.used / self.available
    }

    /// A stable, line-per-item text dump: kind, geometry rounded to 0.01 pt,
    /// font, size and text. Used by layout snapshot tests.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "page {} x {}", self.width, self.height);
        for item in &self.items {
            let _ = match item {
                Item::Text(t) => writeln!(
                    out,
                    "text x={} y={} w={} {} {} {:?}",
                    t.x,
                    t.y,
                    t.width,
                    t.font.name(),
                    t.size,
                    t.text
                ),
                Item::Rule {
                    x,
                    y,
                    width,
                    thickness,
                    ..
                } => writeln!(out, "rule x={x} y={y} w={width} t={thickness}"),
                Item::Icon {
                    x, y, icon, size, ..
                } => writeln!(
                    out,
                    "icon x={x} y={y} {} {size} #{}",
                    icon.font.name(),
                    icon.glyph
                ),
                Item::Photo { x, y, size, shape } => {
                    writeln!(out, "photo x={x} y={y} w={size} {shape:?}")
                }
                Item::Link {
                    x,
                    y,
                    width,
                    height,
                    url,
                } => writeln!(out, "link x={x} y={y} w={width} h={height} {url}"),
            };
        }
        let _ = writeln!(out, "fill {:.1}%", self.fill() * 100.0);
        if let Some(o) = &self.overflow {
            let _ = writeln!(
                out,
                "overflow {} ({:.1} lines) at {}",
                o.by, o.lines, o.first
            );
        }
        out
    }
}
