//! Trimming: when even the tightest setting overflows and the user asked
//! for it, drop optional items, lowest priority first (the last of equals
//! first), as few as make the content fit.

use std::collections::BTreeSet;

use crate::document::{Body, Document};

/// An item dropped by trimming.
#[derive(Clone, Debug, PartialEq)]
pub struct Trimmed {
    /// What it was, e.g. `bullet 3 of entry "Engineer"`.
    pub what: String,
    /// Its priority.
    pub priority: u32,
    /// Its byte range in the TOML source.
    pub span: std::ops::Range<usize>,
}

/// An item that can be dropped: indices into the untrimmed document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Item {
    Section(usize),
    Entry(usize, usize),
    Bullet(usize, usize, usize),
}

/// One optional item, in the order items are dropped.
#[derive(Clone, Debug)]
pub struct Candidate {
    item: Item,
    /// What it is and where, for the report.
    trimmed: Trimmed,
}

/// Every optional item (priority above 1), in the order they are dropped:
/// the highest priority number first, and among equals the last in the file.
pub fn plan(doc: &Document) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (s, section) in doc.sections.iter().enumerate() {
        if section.priority > 1 {
            out.push(Candidate {
                item: Item::Section(s),
                trimmed: Trimmed {
                    what: format!("section \"{}\"", section.title.text()),
                    priority: section.priority,
                    span: section.span.clone(),
                },
            });
        }
        if let Body::Entries(entries) = &section.body {
            for (e, entry) in entries.iter().enumerate() {
                if entry.priority > 1 {
                    out.push(Candidate {
                        item: Item::Entry(s, e),
                        trimmed: Trimmed {
                            what: format!("entry \"{}\"", entry.title.text()),
                            priority: entry.priority,
                            span: entry.span.clone(),
                        },
                    });
                }
                for (b, bullet) in entry.bullets.iter().enumerate() {
                    if bullet.priority > 1 {
                        out.push(Candidate {
                            item: Item::Bullet(s, e, b),
                            trimmed: Trimmed {
                                what: format!(
                                    "bullet {} of entry \"{}\"",
                                    b + 1,
                                    entry.title.text()
                                ),
                                priority: bullet.priority,
                                span: bullet.span.clone(),
                            },
                        });
                    }
                }
            }
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse((c.trimmed.priority, c.trimmed.span.start)));
    out
}

/// How many items are marked optional.
pub fn optional_items(doc: &Document) -> usize {
    plan(doc).len()
}

/// The document without the first `k` items of the plan, and what went.
/// A section whose entries are all dropped goes too, rather than print a
/// bare heading.
pub fn apply(doc: &Document, plan: &[Candidate], k: usize) -> (Document, Vec<Trimmed>) {
    let dropped: BTreeSet<Item> = plan.iter().take(k).map(|c| c.item).collect();
    let mut out = doc.clone();
    out.sections = doc
        .sections
        .iter()
        .enumerate()
        .filter(|(s, _)| !dropped.contains(&Item::Section(*s)))
        .filter_map(|(s, section)| {
            let mut section = section.clone();
            if let Body::Entries(entries) = &mut section.body {
                let had_entries = !entries.is_empty();
                let kept: Vec<_> = std::mem::take(entries)
                    .into_iter()
                    .enumerate()
                    .filter(|(e, _)| !dropped.contains(&Item::Entry(s, *e)))
                    .map(|(e, mut entry)| {
                        entry.bullets = std::mem::take(&mut entry.bullets)
                            .into_iter()
                            .enumerate()
                            .filter(|(b, _)| !dropped.contains(&Item::Bullet(s, e, *b)))
                            .map(|(_, bullet)| bullet)
                            .collect();
                        entry
                    })
                    .collect();
                if had_entries && kept.is_empty() {
                    return None;
                }
                *entries = kept;
            }
            Some(section)
        })
        .collect();
    let trimmed = plan.iter().take(k).map(|c| c.trimmed.clone()).collect();
    (out, trimmed)
}
