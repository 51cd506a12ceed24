//! Trimming: when even the tightest setting overflows, the items to drop,
//! in the order a stated policy drops them, as few as make the content fit.
//!
//! # The drop policy
//!
//! Every section, entry, bullet and skill row is an item. The order:
//!
//! 1. Items marked `priority = 2` or higher, the highest number first.
//! 2. Then unmarked items. They rank as if between 1 and 2: after anything
//!    the user marked optional (a mark is the user's own word on what may
//!    go), and before nothing the user marked essential.
//! 3. `priority = 1` is never dropped, nor is the header.
//!
//! Among items of equal priority (and so among all unmarked ones) the
//! conventions of résumé advice decide, in these stages:
//!
//! 1. whole References, then Interests (Hobbies), Languages and Profiles
//!    sections;
//! 2. older entries of Volunteering, Awards and Certificates (all but the
//!    newest), oldest first;
//! 3. bullets after the first of each entry: the last bullet of the
//!    oldest entry first, down to one bullet, then the next oldest entry,
//!    so that no bullet of the newest entry goes before those of older ones
//!    (Volunteering and the like first, then Projects and other sections,
//!    Publications, Experience, Education);
//! 4. skill rows after the first of each section, the last first;
//! 5. whole older entries (all but the newest of each section), oldest
//!    first: Projects and other sections, Publications, then Experience and
//!    Education;
//! 6. whole sections: Volunteering, Awards, Certificates, Projects, other
//!    sections, Publications, Skills, Summary.
//!
//! Unmarked, the first bullet of an entry, the first skill row and the
//! newest entry of a section (not counting those marked optional) go only
//! with their entry or section, and the Experience and Education sections
//! and those newest entries never go.
//! An entry's age comes from its dates when they are typed (the latest of
//! them), else from its position (later in a section is older). A
//! section's kind comes from its `id`, else from the words of its title
//! ([`crate::kinds`]); among sections of one kind the later goes first.
//!
//! The policy gives a fixed order; the cut plan is its shortest prefix
//! whose removal makes the content fit (bisected: dropping more never makes
//! the content longer), and `--trim` drops exactly that prefix.

use std::cmp::Reverse;
use std::collections::BTreeSet;

use crate::document::{Body, Document, Section};
use crate::kinds::{self, Kind};

/// An item dropped by trimming, or planned to be.
#[derive(Clone, Debug, PartialEq)]
pub struct Trimmed {
    /// What it is, e.g. `bullet 3 of entry "Engineer"`.
    pub what: String,
    /// Its priority as written; `None` when unmarked (dropped by convention).
    pub priority: Option<u32>,
    /// Its byte range in the TOML source.
    pub span: std::ops::Range<usize>,
}

/// Which setting a cut plan makes the content fit at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CutTarget {
    /// The tightest setting the theme allows: what `--trim` aims for.
    Tightest,
    /// The theme's preferred setting: no tightening needed.
    Preferred,
}

/// What to drop so that the content fits: a prefix of the drop order.
#[derive(Clone, Debug, PartialEq)]
pub struct CutPlan {
    /// The setting the content must fit at.
    pub target: CutTarget,
    /// The items to drop, in the order they are dropped; empty when the
    /// content fits as it is.
    pub items: Vec<Trimmed>,
    /// Whether dropping `items` makes the content fit. When even dropping
    /// every droppable item does not, this is false and `items` holds them all.
    pub fits: bool,
}

/// An item that can be dropped: indices into the untrimmed document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Item {
    Section(usize),
    Entry(usize, usize),
    Bullet(usize, usize, usize),
    Row(usize, usize),
}

/// One droppable item, in the order items are dropped.
#[derive(Clone, Debug)]
pub struct Candidate {
    item: Item,
    /// What it is and where, for the report.
    trimmed: Trimmed,
}

impl Candidate {
    /// What it is and where.
    pub fn trimmed(&self) -> &Trimmed {
        &self.trimmed
    }
}

/// The stages of the conventional order, first dropped first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    MinorSection,
    SupportingEntry,
    Bullet,
    SkillRow,
    OlderEntry,
    WholeSection,
}

/// Where an item falls in the order: marked items by priority, then the
/// unmarked; within each, the stage, the section's class, the later
/// section first, the older entry first, the later bullet or row first.
type Rank = (bool, Reverse<u32>, Stage, u8, Reverse<usize>, usize, Reverse<usize>);

/// The order sections are given up in within a stage, by kind; `None`
/// is a section no kind names. Below 4: minor; 4 to 6: supporting.
fn class(kind: Option<Kind>) -> u8 {
    match kind {
        Some(Kind::References) => 0,
        Some(Kind::Interests) => 1,
        Some(Kind::Languages) => 2,
        Some(Kind::Profiles) => 3,
        Some(Kind::Volunteer) => 4,
        Some(Kind::Awards) => 5,
        Some(Kind::Certificates) => 6,
        Some(Kind::Projects) => 7,
        None => 8,
        Some(Kind::Publications) => 9,
        Some(Kind::Skills) => 10,
        Some(Kind::Summary) => 11,
        Some(Kind::Work) => 12,
        Some(Kind::Education) => 13,
    }
}

const MINOR: u8 = 4;
const SUPPORTING: u8 = 7;
const MAIN: u8 = 12;

/// The rank of an item with this priority and convention, or `None` when
/// it is never dropped: marked 1, or unmarked and `protected`.
fn rank(
    priority: Option<u32>,
    protected: bool,
    (stage, class, s, age, inner): (Stage, u8, usize, usize, usize),
) -> Option<Rank> {
    let tier = match priority {
        Some(1) => return None,
        Some(p) => (false, Reverse(p)),
        None if protected => return None,
        None => (true, Reverse(0)),
    };
    Some((tier.0, tier.1, stage, class, Reverse(s), age, Reverse(inner)))
}

/// Every droppable item of the document, in the order the policy drops
/// them (see the module documentation). An item whose section or entry
/// goes before it is left out, as is a section whose every entry or row
/// goes before it.
pub fn plan(doc: &Document) -> Vec<Candidate> {
    let mut ranked: Vec<(Rank, Candidate)> = Vec::new();
    for (s, section) in doc.sections.iter().enumerate() {
        rank_section(s, section, &mut ranked);
    }
    ranked.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.item.cmp(&b.1.item)));
    let mut gone: BTreeSet<Item> = BTreeSet::new();
    let mut parts_gone = vec![0usize; doc.sections.len()];
    let mut out = Vec::new();
    for (_, candidate) in ranked {
        let item = candidate.item;
        let covered = match item {
            Item::Section(s) => {
                let parts = match &doc.sections[s].body {
                    Body::Entries(e) => e.len(),
                    Body::Skills(r) => r.len(),
                    Body::Text(_) => usize::MAX,
                };
                parts_gone[s] == parts
            }
            Item::Entry(s, _) | Item::Row(s, _) => gone.contains(&Item::Section(s)),
            Item::Bullet(s, e, _) => {
                gone.contains(&Item::Section(s)) || gone.contains(&Item::Entry(s, e))
            }
        };
        if covered {
            continue;
        }
        if let Item::Entry(s, _) | Item::Row(s, _) = item {
            parts_gone[s] += 1;
        }
        gone.insert(item);
        out.push(candidate);
    }
    out
}

/// Rank the section `s` and everything in it.
fn rank_section(s: usize, section: &Section, out: &mut Vec<(Rank, Candidate)>) {
    let kind = Kind::named(section);
    let class = class(kind);
    let title = section.title.text();
    let stage = match class {
        c if c < MINOR => Stage::MinorSection,
        _ => Stage::WholeSection,
    };
    let whole = (stage, class, s, 0, 0);
    if let Some(r) = rank(section.priority, class >= MAIN, whole) {
        let what = format!("section \"{title}\"");
        out.push((r, candidate(Item::Section(s), what, section.priority, &section.span)));
    }
    match &section.body {
        Body::Text(_) => {}
        Body::Skills(rows) => {
            for (i, row) in rows.iter().enumerate() {
                let key = (Stage::SkillRow, class, s, 0, i);
                if let Some(r) = rank(None, i == 0, key) {
                    let what = format!("skill row \"{}\"", row.label.text());
                    out.push((r, candidate(Item::Row(s, i), what, None, &row.span)));
                }
            }
        }
        Body::Entries(entries) => {
            let recency: Vec<Option<u32>> = entries
                .iter()
                .map(|e| e.latest.as_ref().and_then(kinds::recency))
                .collect();
            let mut age = vec![0; entries.len()];
            for (rank, e) in kinds::oldest_first(&recency).into_iter().enumerate() {
                age[e] = rank;
            }
            let stage = if (MINOR..SUPPORTING).contains(&class) {
                Stage::SupportingEntry
            } else {
                Stage::OlderEntry
            };
            // The entry kept to the last: the newest one not marked optional.
            let keeper = (0..entries.len())
                .filter(|&e| !optional(entries[e].priority))
                .max_by_key(|&e| age[e]);
            for (e, entry) in entries.iter().enumerate() {
                let title = entry.title.text();
                let key = (stage, class, s, age[e], 0);
                if let Some(r) = rank(entry.priority, keeper == Some(e), key) {
                    let what = format!("entry \"{title}\"");
                    out.push((r, candidate(Item::Entry(s, e), what, entry.priority, &entry.span)));
                }
                let first = entry.bullets.iter().position(|b| !optional(b.priority));
                for (b, bullet) in entry.bullets.iter().enumerate() {
                    let key = (Stage::Bullet, class, s, age[e], b);
                    if let Some(r) = rank(bullet.priority, first == Some(b), key) {
                        let what = format!("bullet {} of entry \"{title}\"", b + 1);
                        let item = Item::Bullet(s, e, b);
                        out.push((r, candidate(item, what, bullet.priority, &bullet.span)));
                    }
                }
            }
        }
    }
}

/// Whether a priority marks an item optional (2 or higher).
fn optional(priority: Option<u32>) -> bool {
    priority.is_some_and(|p| p > 1)
}

fn candidate(
    item: Item,
    what: String,
    priority: Option<u32>,
    span: &std::ops::Range<usize>,
) -> Candidate {
    Candidate {
        item,
        trimmed: Trimmed {
            what,
            priority,
            span: span.clone(),
        },
    }
}

/// The document without the first `k` items of the plan, and what went.
/// A section whose entries or rows are all dropped goes too, rather than
/// print a bare heading.
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
            match &mut section.body {
                Body::Entries(entries) => {
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
                Body::Skills(rows) => {
                    let had_rows = !rows.is_empty();
                    let kept: Vec<_> = std::mem::take(rows)
                        .into_iter()
                        .enumerate()
                        .filter(|(r, _)| !dropped.contains(&Item::Row(s, *r)))
                        .map(|(_, row)| row)
                        .collect();
                    if had_rows && kept.is_empty() {
                        return None;
                    }
                    *rows = kept;
                }
                Body::Text(_) => {}
            }
            Some(section)
        })
        .collect();
    let trimmed = plan.iter().take(k).map(|c| c.trimmed.clone()).collect();
    (out, trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{model, select};

    fn document(toml: &str) -> Document {
        let resume = model::parse(toml).expect("parses");
        select::select(&resume, toml).expect("selects")
    }

    fn order(toml: &str) -> Vec<String> {
        plan(&document(toml))
            .iter()
            .map(|c| c.trimmed.what.clone())
            .collect()
    }

    /// Every kind of section, nothing marked: the conventional order.
    const CONVENTIONAL: &str = r#"
[person]
name = "Ada Example"

[[sections]]
title = "Summary"
text = "Builds things."

[[sections]]
title = "Experience"

[[sections.entries]]
title = "Middle job"
dates = { start = "2018-01", end = "2020-06" }
bullets = ["m1", "m2", "m3"]

[[sections.entries]]
title = "Newest job"
dates = { start = "2020-07", end = "present" }
bullets = ["n1", "n2"]

[[sections.entries]]
title = "Oldest job"
dates = { start = "2015-01", end = "2017-12" }
bullets = ["o1", "o2", "o3"]

[[sections]]
title = "Education"

[[sections.entries]]
title = "Master"
dates = "2015"

[[sections.entries]]
title = "Bachelor"
dates = "2013"

[[sections]]
title = "Projects"

[[sections.entries]]
title = "Recent project"
bullets = ["r1", "r2"]

[[sections.entries]]
title = "Old project"
bullets = ["p1", "p2"]

[[sections]]
title = "Technical Skills"
skills = [
  { label = "Languages", items = "Rust" },
  { label = "Tools", items = "git" },
  { label = "Cloud", items = "AWS" },
]

[[sections]]
title = "Volunteering"

[[sections.entries]]
title = "Old volunteer"
dates = "2010"

[[sections.entries]]
title = "New volunteer"
dates = "2019"
bullets = ["v1", "v2"]

[[sections]]
title = "Languages"
skills = [{ label = "French", items = "fluent" }]

[[sections]]
title = "Hobbies"
skills = [{ label = "Climbing", items = "bouldering" }]

[[sections]]
title = "References"

[[sections.entries]]
title = "Available on request"
"#;

    #[test]
    fn unmarked_items_go_in_the_conventional_order() {
        assert_eq!(
            order(CONVENTIONAL),
            [
                // 1. minor sections, whole
                "section \"References\"",
                "section \"Hobbies\"",
                "section \"Languages\"",
                // 2. older supporting entries
                "entry \"Old volunteer\"",
                // 3. bullets after the first, oldest entry first, last bullet first
                "bullet 2 of entry \"New volunteer\"",
                "bullet 2 of entry \"Old project\"",
                "bullet 2 of entry \"Recent project\"",
                "bullet 3 of entry \"Oldest job\"",
                "bullet 2 of entry \"Oldest job\"",
                "bullet 3 of entry \"Middle job\"",
                "bullet 2 of entry \"Middle job\"",
                "bullet 2 of entry \"Newest job\"",
                // 4. skill rows after the first, last first
                "skill row \"Cloud\"",
                "skill row \"Tools\"",
                // 5. older entries: projects, then experience, then education
                "entry \"Old project\"",
                "entry \"Oldest job\"",
                "entry \"Middle job\"",
                "entry \"Bachelor\"",
                // 6. whole sections, never Experience or Education
                "section \"Volunteering\"",
                "section \"Projects\"",
                "section \"Technical Skills\"",
                "section \"Summary\"",
            ]
        );
    }

    #[test]
    fn marked_items_go_first_highest_number_first_and_1_never() {
        let toml = r#"
[person]
name = "Ada Example"

[[sections]]
title = "References"
priority = 1

[[sections.entries]]
title = "Ref A"

[[sections.entries]]
title = "Ref B"

[[sections]]
title = "Experience"

[[sections.entries]]
title = "Newest job"
dates = "2024"
priority = 2
bullets = [{ text = "n1", priority = 5 }, "n2", { text = "n3", priority = 1 }]

[[sections.entries]]
title = "Old job"
dates = "2019"
bullets = ["o1", { text = "o2", priority = 2 }]

[[sections]]
title = "Awards"
priority = 3

[[sections.entries]]
title = "Prize"
"#;
        assert_eq!(
            order(toml),
            [
                // Marked: 5, then 3, then 2 (conventions among the 2s:
                // bullets before whole entries); a protected first bullet or
                // newest entry goes when it is marked.
                "bullet 1 of entry \"Newest job\"",
                "section \"Awards\"",
                "bullet 2 of entry \"Old job\"",
                "entry \"Newest job\"",
                // Unmarked: the older reference (its section is marked 1 and
                // stays, with its newest entry); the old job stays, as the
                // newest entry not marked optional, with its first bullet.
                "entry \"Ref B\"",
            ]
        );
    }

    #[test]
    fn a_dropped_section_or_entry_takes_its_items_along() {
        let toml = r#"
[person]
name = "Ada Example"

[[sections]]
title = "Projects"
priority = 2

[[sections.entries]]
title = "A"
bullets = ["a1", "a2"]

[[sections.entries]]
title = "B"
priority = 3
bullets = ["b1", "b2", { text = "b3", priority = 4 }]

[[sections]]
title = "Skills"
skills = [
  { label = "One", items = "x" },
  { label = "Two", items = "y" },
]
"#;
        // The bullets of B and A and the entry A go with their section;
        // "b3" (marked 4) goes before its entry.
        assert_eq!(
            order(toml),
            [
                "bullet 3 of entry \"B\"",
                "entry \"B\"",
                "section \"Projects\"",
                "skill row \"Two\"",
                "section \"Skills\"",
            ]
        );
    }

    #[test]
    fn a_section_whose_parts_all_went_is_not_listed_again() {
        let toml = r#"
[person]
name = "Ada Example"

[[sections]]
title = "Awards"

[[sections.entries]]
title = "A"
priority = 2

[[sections.entries]]
title = "B"
priority = 2
"#;
        assert_eq!(order(toml), ["entry \"B\"", "entry \"A\""]);
    }

    #[test]
    fn applying_a_prefix_drops_exactly_those_items() {
        let doc = document(CONVENTIONAL);
        let plan = plan(&doc);
        let at = |what: &str| {
            plan.iter()
                .position(|c| c.trimmed.what == what)
                .expect("planned")
        };
        let k = at("skill row \"Tools\"") + 1;
        let (out, trimmed) = apply(&doc, &plan, k);
        assert_eq!(trimmed.len(), k);
        assert!(trimmed.iter().all(|t| t.priority.is_none()));
        let words = out.words().join(" ");
        for gone in ["References", "Hobbies", "French", "Old volunteer", "m3", "v2", "Cloud", "Tools"] {
            assert!(!words.contains(gone), "{gone} is dropped: {words}");
        }
        for kept in ["m1", "n1", "o1", "Languages: Rust", "Volunteering", "New volunteer"] {
            assert!(words.contains(kept), "{kept} is kept: {words}");
        }
        // Dropping every item leaves the header, Experience and Education
        // with their newest entries and the first bullet of each.
        let (out, _) = apply(&doc, &plan, plan.len());
        let titles: Vec<String> = out.sections.iter().map(|s| s.title.text()).collect();
        assert_eq!(titles, ["Experience", "Education"]);
        assert_eq!(
            out.words().join(" "),
            "Ada Example Experience Newest job Jul 2020 – Present • n1 Education Master 2015"
        );
    }
}
