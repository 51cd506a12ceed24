//! The one module that writes PDF, through krilla.
//!
//! Glyph ids and advances come straight from layout, so the PDF shows exactly
//! what was measured. Each glyph carries the text of its cluster, which
//! krilla turns into a ToUnicode map: extracted text equals the résumé text,
//! ligatures included.

use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::configure::{
    Accessibility, Archival, Configuration, ConfigurationBuilder, ValidationError,
};
use krilla::destination::XyzDestination;
use krilla::error::KrillaError;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, Tag, TagGroup,
    TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Data, Document, SerializeSettings};
use std::num::NonZeroU16;
use std::sync::Arc;

use crate::layout::frame::{Item, Page, Role, TextItem};
use crate::text::shape::FontFile;
use crate::theme::Rgb;
use crate::theme::fonts::FontId;

/// A UTC timestamp for the PDF creation date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timestamp {
    /// Year.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day, 1 to 31.
    pub day: u8,
    /// Hour.
    pub hour: u8,
    /// Minute.
    pub minute: u8,
    /// Second.
    pub second: u8,
}

impl Timestamp {
    /// The UTC date and time of a Unix timestamp (as in SOURCE_DATE_EPOCH).
    pub fn from_unix(secs: i64) -> Option<Timestamp> {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        // Civil from days (Howard Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Some(Timestamp {
            year: u16::try_from(year)
                .ok()
                .filter(|y| (1..=9999).contains(y))?,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
            hour: u8::try_from(rem / 3600).ok()?,
            minute: u8::try_from(rem % 3600 / 60).ok()?,
            second: u8::try_from(rem % 60).ok()?,
        })
    }
}

/// Document-level metadata.
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    /// Document title, e.g. `Ada Example — Résumé`.
    pub title: String,
    /// The author's name.
    pub author: String,
    /// BCP 47 language tag.
    pub lang: String,
    /// Creation date; none keeps two builds of the same input byte-identical.
    pub created: Option<Timestamp>,
    /// A PDF standard to meet, checked by krilla's validators.
    pub standard: Option<Standard>,
}

/// PDF standards the output can be validated against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standard {
    /// PDF/A-2b: archival, visually reproducible.
    A2b,
    /// PDF/UA-1: accessible, with the document structure tagged.
    Ua1,
}

impl Standard {
    /// The name users write, e.g. `a-2b`.
    pub fn name(self) -> &'static str {
        match self {
            Standard::A2b => "PDF/A-2b",
            Standard::Ua1 => "PDF/UA-1",
        }
    }
}

/// Write one page as a PDF file.
/// `fallback` holds the `[fonts] fallback` files that the page's
/// [`FontId::Fallback`] runs refer to.
pub fn write(page: &Page, meta: &Meta, fallback: &[FontFile]) -> Result<Vec<u8>, Vec<String>> {
    // The document information dictionary carries title, author and
    // language; XMP would repeat them (the standards require it, and krilla
    // then writes it anyway).
    let configuration = match meta.standard {
        None => Configuration::default(),
        Some(standard) => {
            let builder = ConfigurationBuilder::new();
            let builder = match standard {
                Standard::A2b => builder.with_archival_validator(Archival::A2_B),
                Standard::Ua1 => builder.with_accessibility_validator(Accessibility::UA1),
            };
            builder
                .finish()
                .map_err(|e| vec![format!("cannot configure {} ({e:?})", standard.name())])?
        }
    };
    let settings = SerializeSettings {
        xmp_metadata: meta.standard.is_some(),
        configuration,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let mut metadata = Metadata::new()
        .title(meta.title.clone())
        .authors(vec![meta.author.clone()])
        .language(meta.lang.clone())
        .creator(format!("resume {}", env!("CARGO_PKG_VERSION")));
    if let Some(t) = meta.created {
        metadata = metadata.creation_date(
            DateTime::new(t.year)
                .month(t.month)
                .day(t.day)
                .hour(t.hour)
                .minute(t.minute)
                .second(t.second)
                .utc_offset_hour(0)
                .utc_offset_minute(0),
        );
    }
    document.set_metadata(metadata);

    let tagging = meta.standard == Some(Standard::Ua1);
    let mut fonts: Vec<Option<Font>> = vec![None; FontId::ALL.len() + fallback.len()];
    let settings = PageSettings::from_wh(page.width.get() as f32, page.height.get() as f32)
        .ok_or_else(|| vec!["invalid page size".to_owned()])?;
    let mut pdf_page = document.start_page_with(settings);
    let mut links: Vec<(Rect, String)> = Vec::new();
    let mut plans: Vec<BlockPlan> = Vec::new();
    let mut outline = Outline::new();
    {
        let mut surface = pdf_page.surface();
        // Every item belongs to a block; a page without blocks is drawn item by item.
        let blocks: Vec<(Option<Role>, std::ops::Range<usize>)> = if page.blocks.is_empty() {
            vec![(None, 0..page.items.len())]
        } else {
            page.blocks
                .iter()
                .map(|b| (Some(b.role), b.items.clone()))
                .collect()
        };
        for (role, range) in blocks {
            let mut plan = BlockPlan {
                role,
                title: String::new(),
                anchor: None,
                leaves: Vec::new(),
            };
            let mut pending_link = None;
            for item in &page.items[range] {
                match item {
                    Item::Text(text) => {
                        let slot = fonts.get_mut(text.font.index()).ok_or_else(|| {
                            vec![format!("no font file for {}", text.font.name())]
                        })?;
                        let font = match slot {
                            Some(f) => f.clone(),
                            slot @ None => {
                                let data: Option<Data> = match text.font {
                                    FontId::Fallback(n) => fallback
                                        .get(usize::from(n))
                                        .map(|file| Arc::clone(&file.data).into()),
                                    bundled => bundled.data().map(Into::into),
                                };
                                let f = data.and_then(|d| Font::new(d, 0)).ok_or_else(|| {
                                    vec![format!("failed to load font {}", text.font.name())]
                                })?;
                                *slot = Some(f.clone());
                                f
                            }
                        };
                        let id = tagging
                            .then(|| surface.start_tagged(ContentTag::Span(SpanTag::empty())));
                        draw_text(&mut surface, text, font);
                        if let Some(id) = id {
                            surface.end_tagged();
                            plan.leaves.push(match pending_link.take() {
                                Some(link) => Leaf::Link(link, id),
                                None => Leaf::Text(id),
                            });
                        }
                        plan.title.push_str(&text.text);
                        if role == Some(Role::Heading) && plan.title.len() == text.text.len() {
                            let top = (text.y - text.size).get() as f32;
                            let point = Point::from_xy(text.x.get() as f32, top.max(0.0));
                            plan.anchor = Some(point);
                        }
                    }
                    Item::Rule {
                        x,
                        y,
                        width,
                        thickness,
                        color,
                    } => {
                        let rect = Rect::from_xywh(
                            x.get() as f32,
                            (*y - *thickness / 2.0).get() as f32,
                            width.get() as f32,
                            thickness.get() as f32,
                        );
                        if let Some(rect) = rect {
                            let mut builder = PathBuilder::new();
                            builder.push_rect(rect);
                            if let Some(path) = builder.finish() {
                                // Rules and underlines are decoration, not content.
                                if tagging {
                                    let artifact = Artifact::new(ArtifactType::Layout, None);
                                    surface.start_tagged(ContentTag::Artifact(artifact));
                                }
                                surface.set_fill(Some(fill(*color)));
                                surface.draw_path(&path);
                                if tagging {
                                    surface.end_tagged();
                                }
                            }
                        }
                    }
                    Item::Link {
                        x,
                        y,
                        width,
                        height,
                        url,
                    } => {
                        if let Some(rect) = Rect::from_xywh(
                            x.get() as f32,
                            y.get() as f32,
                            width.get() as f32,
                            height.get() as f32,
                        ) {
                            pending_link = Some(links.len());
                            links.push((rect, url.clone()));
                        }
                    }
                }
            }
            if let (Some(Role::Heading), Some(anchor)) = (role, plan.anchor) {
                outline.push_child(OutlineNode::new(
                    plan.title.clone(),
                    XyzDestination::new(0, anchor),
                ));
            }
            plans.push(plan);
        }
        surface.finish();
    }
    let mut annotations = Vec::with_capacity(links.len());
    for (rect, url) in links {
        let target = Target::Action(Action::Link(LinkAction::new(url.clone())));
        let annotation = Annotation::new_link(LinkAnnotation::new(rect, target), Some(url));
        if tagging {
            annotations.push(pdf_page.add_tagged_annotation(annotation));
        } else {
            pdf_page.add_annotation(annotation);
        }
    }
    pdf_page.finish();
    if tagging {
        document.set_tag_tree(tag_tree(plans, &annotations, &meta.lang));
    }
    if meta.standard.is_some() {
        document.set_outline(outline);
    }
    document.finish().map_err(|e| match e {
        KrillaError::Validation(errors) => {
            let name = meta.standard.map_or("the PDF standard", Standard::name);
            let mut messages: Vec<String> = errors
                .iter()
                .map(|(error, _)| format!("not {name}: {}", describe(error)))
                .collect();
            messages.dedup();
            messages
        }
        other => vec![format!("failed to write the PDF ({other:?})")],
    })
}

/// The tagged content of one block, for the structure tree.
struct BlockPlan {
    role: Option<Role>,
    /// The block's text, for heading titles and the outline.
    title: String,
    /// Where a heading starts, for the outline.
    anchor: Option<Point>,
    leaves: Vec<Leaf>,
}

/// A tagged piece of content.
enum Leaf {
    /// A span of text.
    Text(Identifier),
    /// The text of a link, with the index of its annotation.
    Link(usize, Identifier),
}

/// The structure tree: the name as the title heading, section headings,
/// paragraphs, bullets as list items (label and body), links with their
/// annotations.
fn tag_tree(plans: Vec<BlockPlan>, annotations: &[Identifier], lang: &str) -> TagTree {
    let node = |leaf: Leaf| -> Node {
        match leaf {
            Leaf::Text(id) => id.into(),
            Leaf::Link(k, id) => {
                let mut link = TagGroup::new(Tag::Link);
                link.push(id);
                if let Some(annotation) = annotations.get(k) {
                    link.push(*annotation);
                }
                link.into()
            }
        }
    };
    let mut tree = TagTree::new().with_lang(Some(lang.to_owned()));
    let mut list: Option<TagGroup> = None;
    for plan in plans {
        let level = |n: u16| NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN);
        let group = match plan.role {
            Some(Role::ListItem) => {
                let mut leaves = plan.leaves.into_iter();
                let mut item = TagGroup::new(Tag::LI);
                if let Some(marker) = leaves.next() {
                    let mut label = TagGroup::new(Tag::Lbl);
                    label.push(node(marker));
                    item.push(label);
                }
                let mut body = TagGroup::new(Tag::P);
                for leaf in leaves {
                    body.push(node(leaf));
                }
                let mut lbody = TagGroup::new(Tag::LBody);
                lbody.push(body);
                item.push(lbody);
                list.get_or_insert_with(|| TagGroup::new(Tag::L(ListNumbering::Disc)))
                    .push(item);
                continue;
            }
            Some(Role::Title) => TagGroup::new(Tag::Hn(level(1), Some(plan.title))),
            Some(Role::Heading) => TagGroup::new(Tag::Hn(level(2), Some(plan.title))),
            Some(Role::Paragraph) | None => TagGroup::new(Tag::P),
        };
        if let Some(done) = list.take() {
            tree.push(done);
        }
        let mut group = group;
        for leaf in plan.leaves {
            group.push(node(leaf));
        }
        tree.push(group);
    }
    if let Some(done) = list {
        tree.push(done);
    }
    tree
}

/// A validation error in words.
fn describe(error: &ValidationError) -> String {
    match error {
        ValidationError::MissingDocumentDate => {
            "the document needs a creation date; set SOURCE_DATE_EPOCH".to_owned()
        }
        ValidationError::NoDocumentLanguage => "the document has no language".to_owned(),
        ValidationError::NoDocumentTitle => "the document has no title".to_owned(),
        ValidationError::MissingTagging => "the content is not tagged".to_owned(),
        ValidationError::NoCodepointMapping(_, glyph, _) => {
            format!("glyph {} maps to no text", glyph.to_u32())
        }
        ValidationError::ContainsNotDefGlyph(_, _, text) => {
            format!("a font has no glyph for `{text}`")
        }
        ValidationError::UnicodePrivateArea(_, _, c, _) => {
            format!(
                "the private-use character U+{:04X} is not allowed",
                *c as u32
            )
        }
        ValidationError::MissingAnnotationAltText(_) => "a link has no alternate text".to_owned(),
        other => format!("{other:?}").to_lowercase(),
    }
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn draw_text(surface: &mut krilla::surface::Surface, text: &TextItem, font: Font) {
    let size = text.size.get();
    if size <= 0.0 {
        return;
    }
    let glyphs: Vec<KrillaGlyph> = text
        .glyphs
        .iter()
        .map(|g| {
            KrillaGlyph::new(
                GlyphId::new(u32::from(g.id)),
                (g.advance.get() / size) as f32,
                (g.x_offset.get() / size) as f32,
                // Fonts measure y up; the page measures y down.
                (-g.y_offset.get() / size) as f32,
                0.0,
                g.text.clone(),
                None,
            )
        })
        .collect();
    surface.set_fill(Some(fill(text.color)));
    surface.draw_glyphs(
        Point::from_xy(text.x.get() as f32, text.y.get() as f32),
        &glyphs,
        font,
        &text.text,
        size as f32,
        false,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_timestamps_become_utc_dates() {
        let t = Timestamp::from_unix(0).unwrap();
        assert_eq!((t.year, t.month, t.day, t.hour), (1970, 1, 1, 0));
        let t = Timestamp::from_unix(1_700_000_000).unwrap();
        assert_eq!(
            (t.year, t.month, t.day, t.hour, t.minute, t.second),
            (2023, 11, 14, 22, 13, 20)
        );
        let t = Timestamp::from_unix(951_782_400).unwrap(); // 2000-02-29
        assert_eq!((t.year, t.month, t.day), (2000, 2, 29));
        assert!(Timestamp::from_unix(i64::MAX / 2).is_none());
    }
}
