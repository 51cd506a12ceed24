//! The JSON Resume content, as plain strings ("" means absent), and the
//! keys that the sections of a résumé stand for.

/// A JSON Resume document.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Resume {
    pub(super) basics: Basics,
    pub(super) work: Vec<Job>,
    pub(super) volunteer: Vec<Job>,
    pub(super) education: Vec<Education>,
    pub(super) awards: Vec<Award>,
    pub(super) certificates: Vec<Certificate>,
    pub(super) publications: Vec<Publication>,
    pub(super) skills: Vec<Skill>,
    pub(super) languages: Vec<Language>,
    pub(super) interests: Vec<Interest>,
    pub(super) references: Vec<Reference>,
    pub(super) projects: Vec<Project>,
}

/// `basics`: the person and the contact details.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Basics {
    pub(super) name: String,
    pub(super) label: String,
    pub(super) email: String,
    pub(super) phone: String,
    pub(super) url: String,
    pub(super) summary: String,
    pub(super) location: Location,
    pub(super) profiles: Vec<Profile>,
}

/// `basics.location`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Location {
    pub(super) address: String,
    pub(super) postal_code: String,
    pub(super) city: String,
    pub(super) country_code: String,
    pub(super) region: String,
}

/// One of `basics.profiles`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Profile {
    pub(super) network: String,
    pub(super) username: String,
    pub(super) url: String,
}

/// A `work` or `volunteer` item (`org` is `name` or `organization`).
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Job {
    pub(super) org: String,
    pub(super) position: String,
    pub(super) url: String,
    pub(super) location: String,
    pub(super) description: String,
    pub(super) start: String,
    pub(super) end: String,
    pub(super) summary: String,
    pub(super) highlights: Vec<String>,
}

/// One of `education`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Education {
    pub(super) institution: String,
    pub(super) url: String,
    pub(super) area: String,
    pub(super) study_type: String,
    pub(super) location: String,
    pub(super) start: String,
    pub(super) end: String,
    pub(super) score: String,
    pub(super) courses: Vec<String>,
}

/// One of `awards`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Award {
    pub(super) title: String,
    pub(super) date: String,
    pub(super) awarder: String,
    pub(super) summary: String,
}

/// One of `certificates`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Certificate {
    pub(super) name: String,
    pub(super) date: String,
    pub(super) url: String,
    pub(super) issuer: String,
}

/// One of `publications`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Publication {
    pub(super) name: String,
    pub(super) publisher: String,
    pub(super) release_date: String,
    pub(super) url: String,
    pub(super) summary: String,
}

/// One of `skills`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Skill {
    pub(super) name: String,
    pub(super) level: String,
    pub(super) keywords: Vec<String>,
}

/// One of `languages`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Language {
    pub(super) language: String,
    pub(super) fluency: String,
}

/// One of `interests`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Interest {
    pub(super) name: String,
    pub(super) keywords: Vec<String>,
}

/// One of `references`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Reference {
    pub(super) name: String,
    pub(super) reference: String,
}

/// One of `projects`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Project {
    pub(super) name: String,
    pub(super) description: String,
    pub(super) highlights: Vec<String>,
    pub(super) keywords: Vec<String>,
    pub(super) start: String,
    pub(super) end: String,
    pub(super) url: String,
    pub(super) roles: Vec<String>,
    pub(super) entity: String,
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
    /// The title of the section the import writes.
    pub(super) fn title(self) -> &'static str {
        match self {
            Key::Summary => "Summary",
            Key::Work => "Experience",
            Key::Education => "Education",
            Key::Projects => "Projects",
            Key::Skills => "Skills",
            Key::Volunteer => "Volunteering",
            Key::Awards => "Awards",
            Key::Certificates => "Certificates",
            Key::Publications => "Publications",
            Key::Languages => "Languages",
            Key::Interests => "Interests",
            Key::References => "References",
            Key::Profiles => "Profiles",
        }
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
