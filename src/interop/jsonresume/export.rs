//! From a resolved document back to JSON Resume.

use super::dates::dates_of;
use super::encoding::{
    location_line, network_name, parse_location, split_level, split_list, username_of,
};
use super::schema::{
    Award, Basics, Certificate, Education, Interest, Job, Key, Language, Profile, Project,
    Publication, Reference, Resume, Skill,
};
use crate::document::{Body, Document, Entry, Rich, SkillRow};
use crate::interop::{link_runs, strip_scheme};

/// The text of rich text, with a link inside a longer text as `label (url)`.
fn flat(r: &Rich) -> String {
    let mut out = String::new();
    for (run, link) in link_runs(&r.spans) {
        let text: String = run.iter().map(|s| s.text.as_str()).collect();
        match link {
            Some(url) if text != url && text != strip_scheme(url) => {
                out.push_str(&format!("{text} ({url})"));
            }
            Some(url) => out.push_str(url),
            None => out.push_str(&text),
        }
    }
    out
}

/// The text of rich text and the one link all of it carries, if it does.
fn text_link(r: &Rich) -> (String, Option<String>) {
    let mut links = r
        .spans
        .iter()
        .filter(|s| !s.text.is_empty())
        .map(|s| s.link.as_deref());
    match links.next() {
        Some(Some(first)) if links.all(|l| l == Some(first)) => {
            let text = r.text();
            let name = if text == first { String::new() } else { text };
            (name, Some(first.to_owned()))
        }
        _ => (flat(r), None),
    }
}

/// The [`flat`] text of an optional field, "" when absent.
fn opt_text(r: &Option<Rich>) -> String {
    r.as_ref().map(flat).unwrap_or_default()
}

/// Lines of rich text as one text, a line each.
fn join_lines(lines: &[Rich]) -> String {
    lines.iter().map(flat).collect::<Vec<_>>().join("\n")
}

/// A `work` or `volunteer` item from an entry.
fn job_of(e: &Entry, work: bool) -> Job {
    let (title, title_url) = text_link(&e.title);
    let (org, position, url) = match &e.org {
        Some(org) => {
            let (name, org_url) = text_link(org);
            (name, e.title.text(), org_url.or(title_url))
        }
        None => (title, String::new(), title_url),
    };
    let (start, end) = dates_of(e).range();
    let mut summary = join_lines(&e.details);
    let mut description = opt_text(&e.subtitle);
    if !work && !description.is_empty() {
        summary = [description, summary]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        description = String::new();
    }
    let (name, organization) = if work {
        (org, String::new())
    } else {
        (String::new(), org)
    };
    Job {
        name,
        organization,
        position,
        url: url.unwrap_or_default(),
        location: if work {
            opt_text(&e.location)
        } else {
            String::new()
        },
        description,
        start,
        end,
        summary,
        highlights: e.bullets.iter().map(|b| flat(&b.text)).collect(),
    }
}

/// The text after `label:` when a line starts with one of the labels.
fn labelled<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    let (head, rest) = line.split_once(": ")?;
    labels
        .iter()
        .any(|l| l.eq_ignore_ascii_case(head.trim()))
        .then_some(rest)
}

/// An `education` item from an entry.
fn education_of(e: &Entry) -> Education {
    let (institution, url) = text_link(&e.title);
    let subtitle = opt_text(&e.subtitle);
    let (study_type, area) = match subtitle.split_once(", ") {
        Some((s, a)) => (s.to_owned(), a.to_owned()),
        None => (String::new(), subtitle),
    };
    let (start, end) = dates_of(e).range();
    let mut score = String::new();
    let mut courses = Vec::new();
    for line in e.details.iter().map(flat) {
        if let Some(s) = labelled(&line, &["GPA", "Grade"]) {
            score = s.to_owned();
        } else if let Some(c) = labelled(
            &line,
            &[
                "Courses",
                "Coursework",
                "Relevant Coursework",
                "Relevant Courses",
            ],
        ) {
            courses.extend(split_list(c));
        } else {
            courses.push(line);
        }
    }
    Education {
        institution,
        url: url.unwrap_or_default(),
        area,
        study_type,
        location: opt_text(&e.location),
        start,
        end,
        score,
        courses,
    }
}

/// A `projects` item from an entry; unlabelled details join the description.
fn project_of(e: &Entry) -> Project {
    let (name, url) = text_link(&e.title);
    let (start, end) = dates_of(e).range();
    let mut p = Project {
        name,
        url: url.unwrap_or_default(),
        entity: opt_text(&e.org),
        description: opt_text(&e.subtitle),
        start,
        end,
        highlights: e.bullets.iter().map(|b| flat(&b.text)).collect(),
        ..Project::default()
    };
    if p.url.is_empty()
        && let Some(link) = e
            .subtitle
            .iter()
            .flat_map(|s| s.spans.iter())
            .find_map(|s| s.link.clone())
    {
        p.url = link;
    }
    let mut extra = Vec::new();
    for line in e.details.iter().map(flat) {
        if let Some(r) = labelled(&line, &["Roles", "Role"]) {
            p.roles.extend(split_list(r));
        } else if let Some(k) = labelled(
            &line,
            &["Keywords", "Technologies", "Tech Stack", "Stack", "Tools"],
        ) {
            p.keywords.extend(split_list(k));
        } else if let Some(t) = labelled(&line, &["Type"]) {
            p.kind = t.to_owned();
        } else {
            extra.push(line);
        }
    }
    if !extra.is_empty() {
        extra.insert(0, std::mem::take(&mut p.description));
        extra.retain(|s| !s.is_empty());
        p.description = extra.join("\n");
    }
    p
}

/// The label and the items of a skill row as text.
fn row_parts(row: &SkillRow) -> (String, String) {
    (flat(&row.label), flat(&row.items))
}

/// A contact link back to a profile or `basics.url`.
fn contact_link(b: &mut Basics, label: &str, url: &str) {
    if label == strip_scheme(url) || label.is_empty() {
        if b.url.is_empty() {
            b.url = url.to_owned();
        } else {
            b.profiles.push(Profile {
                username: username_of(url),
                url: url.to_owned(),
                ..Profile::default()
            });
        }
        return;
    }
    let derived = username_of(url);
    let (network, username) = match label.split_once(": ") {
        Some((n, u)) => (network_name(n), u.to_owned()),
        None if label == derived => (String::new(), derived),
        None => (network_name(label), derived),
    };
    b.profiles.push(Profile {
        network,
        username,
        url: url.to_owned(),
    });
}

/// The JSON Resume content of a resolved document.
pub(super) fn from_document(doc: &Document) -> Resume {
    let mut r = Resume::default();
    r.basics.name = flat(&doc.name);
    r.basics.label = opt_text(&doc.headline);
    for contact in &doc.contacts {
        let (text, link) = text_link(contact);
        match link {
            Some(url) if url.starts_with("mailto:") && r.basics.email.is_empty() => {
                r.basics.email = contact.text();
            }
            Some(url) if url.starts_with("tel:") && r.basics.phone.is_empty() => {
                r.basics.phone = contact.text();
            }
            Some(url) => contact_link(&mut r.basics, &text, &url),
            None => {
                if location_line(&r.basics.location).is_empty() {
                    r.basics.location = parse_location(&text);
                }
            }
        }
    }
    for section in &doc.sections {
        // The section's id says which key it came from; the title is a guess.
        let key = Key::of(section);
        match &section.body {
            Body::Text(text) => {
                let text = flat(text);
                if r.basics.summary.is_empty() {
                    r.basics.summary = text;
                } else if !text.is_empty() {
                    r.basics.summary = format!("{}\n\n{text}", r.basics.summary);
                }
            }
            Body::Skills(rows) => {
                for row in rows {
                    let (label, items) = row_parts(row);
                    match key {
                        Key::Languages => r.languages.push(Language {
                            language: label,
                            fluency: items,
                        }),
                        Key::Interests => r.interests.push(Interest {
                            name: label,
                            keywords: split_list(&items),
                        }),
                        Key::Profiles => r.basics.profiles.push(Profile {
                            network: network_name(&label),
                            username: items,
                            url: String::new(),
                        }),
                        _ => {
                            let (name, level) = split_level(&label);
                            r.skills.push(Skill {
                                name,
                                level,
                                keywords: split_list(&items),
                            });
                        }
                    }
                }
            }
            Body::Entries(entries) => {
                for e in entries {
                    entry_into(&mut r, key, e);
                }
            }
        }
    }
    r
}

/// An entry into the list its section stands for.
fn entry_into(r: &mut Resume, key: Key, e: &Entry) {
    match key {
        Key::Volunteer => r.volunteer.push(job_of(e, false)),
        Key::Education => r.education.push(education_of(e)),
        Key::Projects => r.projects.push(project_of(e)),
        Key::Awards => r.awards.push(Award {
            title: flat(&e.title),
            date: dates_of(e).single(),
            awarder: opt_text(&e.org),
            summary: join_lines(&e.details),
        }),
        Key::Certificates => {
            let (name, url) = text_link(&e.title);
            r.certificates.push(Certificate {
                name,
                date: dates_of(e).single(),
                url: url.unwrap_or_default(),
                issuer: opt_text(&e.org),
            });
        }
        Key::Publications => {
            let (name, url) = text_link(&e.title);
            r.publications.push(Publication {
                name,
                publisher: opt_text(&e.org),
                release_date: dates_of(e).single(),
                url: url.unwrap_or_default(),
                summary: join_lines(&e.details),
            });
        }
        Key::References => {
            let mut lines: Vec<String> = e.details.iter().map(flat).collect();
            lines.extend(e.bullets.iter().map(|b| flat(&b.text)));
            r.references.push(Reference {
                name: flat(&e.title),
                reference: lines.join("\n"),
            });
        }
        _ => r.work.push(job_of(e, true)),
    }
}
