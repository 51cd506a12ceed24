//! What a section is (experience, education, references, …) and how old an
//! entry is: the two things résumé conventions are stated in terms of.
//!
//! One classifier serves the JSON Resume export (which list a section
//! becomes) and the drop policy of [`crate::trim`] (which sections and
//! entries go first when the content does not fit); the JSON Resume import
//! writes its conventional priorities from the same kinds and ages.

use crate::document::{Body, Section};
use crate::locale::{self, Heading};
use crate::model::date::{self, Date};

/// The kind of a section, named after the JSON Resume key it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A free paragraph.
    Summary,
    /// Jobs: "Experience", "Work", "Employment".
    Work,
    /// Degrees.
    Education,
    /// Projects.
    Projects,
    /// Skill rows.
    Skills,
    /// Volunteer work.
    Volunteer,
    /// Awards and honours.
    Awards,
    /// Certificates and licences.
    Certificates,
    /// Publications.
    Publications,
    /// Spoken languages.
    Languages,
    /// Interests and hobbies.
    Interests,
    /// References.
    References,
    /// Profiles without a link (network and user name).
    Profiles,
}

impl Kind {
    /// Every kind, in the order the import writes the sections.
    pub(crate) const ALL: [Kind; 13] = [
        Kind::Summary,
        Kind::Work,
        Kind::Education,
        Kind::Projects,
        Kind::Skills,
        Kind::Volunteer,
        Kind::Awards,
        Kind::Certificates,
        Kind::Publications,
        Kind::Languages,
        Kind::Interests,
        Kind::References,
        Kind::Profiles,
    ];

    /// The title of the section the import writes, in `language`
    /// (English when `None`).
    pub(crate) fn title(self, language: Option<locale::Language>) -> &'static str {
        let heading = match self {
            Kind::Summary => Heading::Summary,
            Kind::Work => Heading::Experience,
            Kind::Education => Heading::Education,
            Kind::Projects => Heading::Projects,
            Kind::Skills => Heading::Skills,
            Kind::Volunteer => Heading::Volunteering,
            Kind::Awards => Heading::Awards,
            Kind::Certificates => Heading::Certificates,
            Kind::Publications => Heading::Publications,
            Kind::Languages => Heading::Languages,
            Kind::Interests => Heading::Interests,
            Kind::References => Heading::References,
            Kind::Profiles => Heading::Profiles,
        };
        language.unwrap_or_else(locale::english).heading(heading)
    }

    /// The kind a section id names, when it is one the import writes.
    pub(crate) fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The id of the section the import writes: the JSON Resume key.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Kind::Summary => "summary",
            Kind::Work => "work",
            Kind::Education => "education",
            Kind::Projects => "projects",
            Kind::Skills => "skills",
            Kind::Volunteer => "volunteer",
            Kind::Awards => "awards",
            Kind::Certificates => "certificates",
            Kind::Publications => "publications",
            Kind::Languages => "languages",
            Kind::Interests => "interests",
            Kind::References => "references",
            Kind::Profiles => "profiles",
        }
    }

    /// The kind of a section, from its id, else the keywords of its title
    /// (then of its id); `None` when nothing names it.
    pub(crate) fn named(section: &Section) -> Option<Kind> {
        let id = section.id.as_deref();
        id.and_then(Kind::from_id)
            .or_else(|| keywords(&section.title.text(), &section.body))
            .or_else(|| id.and_then(|id| keywords(id, &section.body)))
    }

    /// The kind of a section, guessing from its body when nothing names
    /// it: skill rows are skills; entries with an organisation are work,
    /// others projects.
    pub(crate) fn of(section: &Section) -> Kind {
        Kind::named(section).unwrap_or(match &section.body {
            Body::Text(_) => Kind::Summary,
            Body::Skills(_) => Kind::Skills,
            Body::Entries(entries) if entries.iter().any(|e| e.org.is_some()) => Kind::Work,
            Body::Entries(_) => Kind::Projects,
        })
    }
}

/// The kind that words in `text` (a title or an id) name, for a section
/// with this body.
fn keywords(text: &str, body: &Body) -> Option<Kind> {
    let t = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    match body {
        Body::Text(_) => Some(Kind::Summary),
        Body::Skills(_) => {
            if has(&["language"]) && !has(&["programming", "skill", "technical"]) {
                Some(Kind::Languages)
            } else if has(&["interest", "hobbies", "hobby"]) {
                Some(Kind::Interests)
            } else if has(&["profile"]) {
                Some(Kind::Profiles)
            } else if has(&["skill", "technolog", "tool"]) {
                Some(Kind::Skills)
            } else {
                None
            }
        }
        Body::Entries(_) => [
            (&["volunteer"][..], Kind::Volunteer),
            (&["education", "academic"], Kind::Education),
            (&["project"], Kind::Projects),
            (&["award", "honor", "honour", "achievement"], Kind::Awards),
            (&["certif", "licen"], Kind::Certificates),
            (&["publication"], Kind::Publications),
            (&["reference"], Kind::References),
            (&["experience", "work", "employment", "career"], Kind::Work),
        ]
        .into_iter()
        .find(|(words, _)| has(words))
        .map(|(_, kind)| kind),
    }
}

/// How recent a typed date is, as a key that sorts in time order
/// (`present` last); `None` for free text.
pub(crate) fn recency(d: &Date) -> Option<u32> {
    date::bounds(d).map(|(_, latest)| latest)
}

/// The indices of entries from the oldest to the newest. An entry's age is
/// its latest typed date (`recency`); an entry without one counts as old
/// as the nearest dated entry above it (the newest, when none is), and
/// among equals the later in the section is the older.
pub(crate) fn oldest_first(recency: &[Option<u32>]) -> Vec<usize> {
    let mut inherited = u32::MAX;
    let keys: Vec<u32> = recency
        .iter()
        .map(|r| {
            if let Some(r) = r {
                inherited = *r;
            }
            inherited
        })
        .collect();
    let mut order: Vec<usize> = (0..recency.len()).collect();
    order.sort_by_key(|&i| (keys[i], std::cmp::Reverse(i)));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Entry, Rich, SkillRow};

    fn section(title: &str, id: Option<&str>, body: Body) -> Section {
        Section {
            title: Rich::plain(title, 0),
            id: id.map(str::to_owned),
            span: 0..0,
            body,
            priority: None,
        }
    }

    fn rows() -> Body {
        Body::Skills(vec![SkillRow {
            label: Rich::plain("x", 0),
            items: Rich::plain("y", 0),
            span: 0..0,
        }])
    }

    fn entries(org: bool) -> Body {
        Body::Entries(vec![Entry {
            title: Rich::plain("t", 0),
            org: org.then(|| Rich::plain("o", 0)),
            location: None,
            dates: None,
            latest: None,
            when: None,
            subtitle: None,
            details: Vec::new(),
            bullets: Vec::new(),
            span: 0..0,
            priority: None,
        }])
    }

    #[test]
    fn kinds_from_ids_then_titles_then_ids() {
        let of = |title, id, body| Kind::of(&section(title, id, body));
        assert_eq!(
            of("Misc", Some("references"), entries(false)),
            Kind::References
        );
        assert_eq!(of("Referees", None, entries(false)), Kind::Projects);
        assert_eq!(of("References", None, entries(false)), Kind::References);
        assert_eq!(of("Hobbies", None, rows()), Kind::Interests);
        assert_eq!(of("Languages", None, rows()), Kind::Languages);
        assert_eq!(
            of("Programming Languages", None, rows()),
            Kind::Skills,
            "programming languages are skills"
        );
        assert_eq!(of("Spoken", Some("languages"), rows()), Kind::Languages);
        assert_eq!(of("Other", Some("hobbies"), rows()), Kind::Interests);
        assert_eq!(of("Roles", None, entries(true)), Kind::Work);
        assert_eq!(Kind::named(&section("Roles", None, entries(true))), None);
        assert_eq!(of("Work History", Some("exp"), entries(false)), Kind::Work);
        assert_eq!(
            of("Summary", None, Body::Text(Rich::default())),
            Kind::Summary
        );
        for kind in Kind::ALL {
            assert_eq!(Kind::from_id(kind.id()), Some(kind));
        }
    }

    #[test]
    fn entries_by_age() {
        // Dated: by date; equal dates: the later in the section is older.
        assert_eq!(oldest_first(&[Some(30), Some(10), Some(20)]), vec![1, 2, 0]);
        assert_eq!(oldest_first(&[Some(10), Some(10)]), vec![1, 0]);
        // Undated: by position, later is older.
        assert_eq!(oldest_first(&[None, None, None]), vec![2, 1, 0]);
        // An undated entry counts as old as the dated one above it.
        assert_eq!(oldest_first(&[Some(30), None, Some(10)]), vec![2, 1, 0]);
        let present = date::parse_date("present").ok();
        let year = date::parse_date("2020").ok();
        let month = date::parse_date("2020-03").ok();
        let key = |d: &Option<Date>| d.as_ref().and_then(recency);
        assert!(key(&present) > key(&year) && key(&year) > key(&month));
        assert_eq!(key(&date::parse_date("Fall 2020").ok()), None);
    }
}
