//! The JSON Resume content, as plain strings ("" means absent), and the
//! keys that the sections of a résumé stand for.
//!
//! The types serialise as JSON Resume in the schema's key order (the order
//! of their fields), leaving out every blank value: text that is only
//! white space, and lists and objects that hold nothing else.

use serde::Serialize;

use crate::locale::{self, Heading};

use super::json::{all_blank, is_blank, non_blank};

/// A JSON Resume document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(super) struct Resume {
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) basics: Basics,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) work: Vec<Job>,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) volunteer: Vec<Job>,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) education: Vec<Education>,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) awards: Vec<Award>,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) certificates: Vec<Certificate>,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) publications: Vec<Publication>,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) skills: Vec<Skill>,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) languages: Vec<Language>,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) interests: Vec<Interest>,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) references: Vec<Reference>,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) projects: Vec<Project>,
}

/// `basics`: the person and the contact details.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(super) struct Basics {
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) name: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) label: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) email: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) phone: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) url: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) summary: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) location: Location,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) profiles: Vec<Profile>,
}

/// `basics.location`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Location {
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) address: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) postal_code: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) city: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) country_code: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) region: String,
}

/// One of `basics.profiles`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(super) struct Profile {
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) network: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) username: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) url: String,
}

/// A `work` item or a `volunteer` one: a work item names its organisation
/// `name`, a volunteer item `organization`, and only a work item has a
/// location and a description.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(super) struct Job {
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) name: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) organization: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) location: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) description: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) position: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) url: String,
    #[serde(rename = "startDate", skip_serializing_if = "is_blank")]
    pub(super) start: String,
    #[serde(rename = "endDate", skip_serializing_if = "is_blank")]
    pub(super) end: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) summary: String,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) highlights: Vec<String>,
}

impl Job {
    /// The organisation, under whichever key its list uses.
    pub(super) fn org(&self) -> &str {
        if self.name.is_empty() {
            &self.organization
        } else {
            &self.name
        }
    }
}

/// One of `education`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Education {
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) institution: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) url: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) area: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) study_type: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) location: String,
    #[serde(rename = "startDate", skip_serializing_if = "is_blank")]
    pub(super) start: String,
    #[serde(rename = "endDate", skip_serializing_if = "is_blank")]
    pub(super) end: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) score: String,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) courses: Vec<String>,
}

/// One of `awards`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(super) struct Award {
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) title: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) date: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) awarder: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) summary: String,
}

/// One of `certificates`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(super) struct Certificate {
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) name: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) date: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) url: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) issuer: String,
}

/// One of `publications`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Publication {
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) name: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) publisher: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) release_date: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) url: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) summary: String,
}

/// One of `skills`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(super) struct Skill {
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) name: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) level: String,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) keywords: Vec<String>,
}

/// One of `languages`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(super) struct Language {
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) language: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) fluency: String,
}

/// One of `interests`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(super) struct Interest {
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) name: String,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) keywords: Vec<String>,
}

/// One of `references`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(super) struct Reference {
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) name: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) reference: String,
}

/// One of `projects`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(super) struct Project {
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) name: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) description: String,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) highlights: Vec<String>,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) keywords: Vec<String>,
    #[serde(rename = "startDate", skip_serializing_if = "is_blank")]
    pub(super) start: String,
    #[serde(rename = "endDate", skip_serializing_if = "is_blank")]
    pub(super) end: String,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) url: String,
    #[serde(skip_serializing_if = "all_blank", serialize_with = "non_blank")]
    pub(super) roles: Vec<String>,
    #[serde(skip_serializing_if = "is_blank")]
    pub(super) entity: String,
    #[serde(rename = "type", skip_serializing_if = "is_blank")]
    pub(super) kind: String,
}

/// Which JSON Resume key a section stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Key {
    Summary,
    Work,
    Education,
    Projects,
    Skills,
    Volunteer,
    Awards,
    Certificates,
    Publications,
    Languages,
    Interests,
    References,
    Profiles,
}

impl Key {
    /// The title of the section the import writes, in `language`
    /// (English when `None`).
    pub(super) fn title(self, language: Option<locale::Language>) -> &'static str {
        let heading = match self {
            Key::Summary => Heading::Summary,
            Key::Work => Heading::Experience,
            Key::Education => Heading::Education,
            Key::Projects => Heading::Projects,
            Key::Skills => Heading::Skills,
            Key::Volunteer => Heading::Volunteering,
            Key::Awards => Heading::Awards,
            Key::Certificates => Heading::Certificates,
            Key::Publications => Heading::Publications,
            Key::Languages => Heading::Languages,
            Key::Interests => Heading::Interests,
            Key::References => Heading::References,
            Key::Profiles => Heading::Profiles,
        };
        language.unwrap_or_else(locale::english).heading(heading)
    }

    /// The key a section id names, when it is one of ours.
    pub(super) fn from_id(id: &str) -> Option<Key> {
        const ALL: [Key; 13] = [
            Key::Summary,
            Key::Work,
            Key::Education,
            Key::Projects,
            Key::Skills,
            Key::Volunteer,
            Key::Awards,
            Key::Certificates,
            Key::Publications,
            Key::Languages,
            Key::Interests,
            Key::References,
            Key::Profiles,
        ];
        ALL.into_iter().find(|k| k.id() == id)
    }

    /// The id of the section the import writes: the JSON Resume key.
    pub(super) fn id(self) -> &'static str {
        match self {
            Key::Summary => "summary",
            Key::Work => "work",
            Key::Education => "education",
            Key::Projects => "projects",
            Key::Skills => "skills",
            Key::Volunteer => "volunteer",
            Key::Awards => "awards",
            Key::Certificates => "certificates",
            Key::Publications => "publications",
            Key::Languages => "languages",
            Key::Interests => "interests",
            Key::References => "references",
            Key::Profiles => "profiles",
        }
    }
}
