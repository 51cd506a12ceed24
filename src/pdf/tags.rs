//! The document structure for PDF/UA: the tag tree over the drawn content,
//! and the outline of section headings.

use std::num::NonZeroU16;

use krilla::destination::XyzDestination;
use krilla::outline::{Outline, OutlineNode};
use krilla::tagging::{BBox, Identifier, ListNumbering, Node, Tag, TagGroup, TagTree};

use super::draw::{BlockPlan, Leaf};
use crate::layout::frame::Role;

/// The outline: one entry per section heading, pointing at its top on its
/// page.
pub(super) fn outline(plans: &[BlockPlan]) -> Outline {
    let mut outline = Outline::new();
    for plan in plans {
        if let (Some(Role::Heading), Some((page, anchor))) = (plan.role, plan.anchor) {
            outline.push_child(OutlineNode::new(
                plan.title.clone(),
                XyzDestination::new(page, anchor),
            ));
        }
    }
    outline
}

/// The structure tree: the name as the title heading, section headings,
/// paragraphs, bullets as list items (label and body), links with their
/// annotations.
pub(super) fn tree(
    plans: Vec<BlockPlan>,
    annotations: &[Identifier],
    lang: &str,
    photo_alt: Option<&str>,
) -> TagTree {
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
            Some(Role::Figure) => {
                let alt = photo_alt.map(str::to_owned);
                let bbox = plan.bbox.map(|(page, rect)| BBox::new(page, rect));
                TagGroup::new(Tag::Figure(alt).with_bbox(bbox))
            }
            Some(Role::Title) => TagGroup::new(Tag::Hn(level(1), Some(plan.title))),
            Some(Role::Heading) => TagGroup::new(Tag::Hn(level(2), Some(plan.title))),
            // Running headers are artifacts and never reach the tree.
            Some(Role::Paragraph | Role::Running) | None => TagGroup::new(Tag::P),
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
