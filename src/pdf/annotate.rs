//! Link annotations: the clickable areas over link text.

use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::geom::Rect;
use krilla::page::Page;
use krilla::tagging::Identifier;

/// Add a link annotation for each area, with its URL as the alternate
/// text. When tagging, returns their identifiers in the same order, for
/// the structure tree.
pub(super) fn links(page: &mut Page, links: Vec<(Rect, String)>, tagging: bool) -> Vec<Identifier> {
    let mut annotations = Vec::with_capacity(links.len());
    for (rect, url) in links {
        let target = Target::Action(Action::Link(LinkAction::new(url.clone())));
        let annotation = Annotation::new_link(LinkAnnotation::new(rect, target), Some(url));
        if tagging {
            annotations.push(page.add_tagged_annotation(annotation));
        } else {
            page.add_annotation(annotation);
        }
    }
    annotations
}
