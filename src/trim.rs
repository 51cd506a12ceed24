//! Trimming: when even the tightest setting overflows and the user asked
//! for it, drop the lowest-priority item (the last of equals first).

use crate::Trimmed;
use crate::document::{Body, Document};

/// An item that can be dropped, in document order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Item {
    Section(usize),
    Entry(usize, usize),
    Bullet(usize, usize, usize),
}

/// Every optional item (priority above 1) with its priority and source offset.
fn candidates(doc: &Document) -> Vec<(u32, usize, Item)> {
    let mut out = Vec::new();
    for (s, section) in doc.sections.iter().enumerate() {
        if section.priority > 1 {
            out.push((section.priority, section.span.start, Item::Section(s)));
        }
        if let Body::Entries(entries) = &section.body {
            for (e, entry) in entries.iter().enumerate() {
                if entry.priority > 1 {
                    out.push((entry.priority, entry.span.start, Item::Entry(s, e)));
                }
                for (b, bullet) in entry.bullets.iter().enumerate() {
                    if bullet.priority > 1 {
                        out.push((bullet.priority, bullet.span.start, Item::Bullet(s, e, b)));
                    }
                }
            }
        }
    }
    out
}

/// How many items are marked optional.
pub fn optional_items(doc: &Document) -> usize {
    candidates(doc).len()
}

/// Drop the item with the highest priority number (the last one among
/// equals) and say what it was; `None` when nothing is optional.
pub fn drop_one(doc: &mut Document) -> Option<Trimmed> {
    let (priority, _, item) = candidates(doc)
        .into_iter()
        .max_by_key(|(p, at, _)| (*p, *at))?;
    let (what, span) = match item {
        Item::Section(s) => {
            let section = doc.sections.remove(s);
            (
                format!("section \"{}\"", section.title.text()),
                section.span,
            )
        }
        Item::Entry(s, e) => {
            let Body::Entries(entries) = &mut doc.sections[s].body else {
                return None;
            };
            let entry = entries.remove(e);
            (format!("entry \"{}\"", entry.title.text()), entry.span)
        }
        Item::Bullet(s, e, b) => {
            let Body::Entries(entries) = &mut doc.sections[s].body else {
                return None;
            };
            let entry = &mut entries[e];
            let bullet = entry.bullets.remove(b);
            (
                format!("bullet {} of entry \"{}\"", b + 1, entry.title.text()),
                bullet.span,
            )
        }
    };
    // A section left without entries goes too, rather than print a bare heading.
    if let Item::Entry(s, _) = item
        && matches!(&doc.sections[s].body, Body::Entries(entries) if entries.is_empty())
    {
        doc.sections.remove(s);
    }
    Some(Trimmed {
        what,
        priority,
        span,
    })
}
