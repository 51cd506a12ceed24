//! Writing `resume.toml` from the JSON Resume content.

use super::encoding::{location_line, username_of};
use super::schema::{
    Award, Basics, Certificate, Education, Job, Key, Project, Publication, Reference, Resume, Skill,
};
use crate::interop::strip_scheme;
use crate::kinds;
use crate::model::{date, markup};
use crate::text::style::Style;

/// Escape text so that inline markup reads it back literally.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '`' | '[') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `[label](url)` in markup, when the markup parser reads it back exactly.
pub(super) fn link_markup(label: &str, url: &str) -> Option<String> {
    let mut escaped = String::new();
    for c in label.chars() {
        if matches!(c, '\\' | '*' | '`' | '[' | ']') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    let markup = format!("[{escaped}]({url})");
    let spans = markup::parse_inline(&markup).ok()?;
    match spans.as_slice() {
        [span]
            if span.text == label
                && span.link.as_deref() == Some(url)
                && span.style == Style::default() =>
        {
            Some(markup)
        }
        _ => None,
    }
}

/// A TOML string literal: a literal string when that avoids doubled
/// backslashes, else a basic string with escapes.
fn q(s: &str) -> String {
    let controls = s.chars().any(|c| c.is_control());
    if s.contains('\\') && !s.contains('\'') && !controls {
        return format!("'{s}'");
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The dates of an entry as TOML.
enum TDates {
    Single(String),
    Range(String, String),
}

/// An entry with every text already in markup.
#[derive(Default)]
struct TEntry {
    title: String,
    org: Option<String>,
    location: Option<String>,
    dates: Option<TDates>,
    subtitle: Option<String>,
    details: Vec<String>,
    bullets: Vec<String>,
}

/// A section's body, every text already in markup.
enum TBody {
    Text(String),
    Entries(Vec<TEntry>),
    Rows(Vec<(String, String)>),
}

impl TBody {
    /// Whether the section would print nothing.
    fn is_empty(&self) -> bool {
        match self {
            TBody::Text(t) => t.is_empty(),
            TBody::Entries(e) => e.is_empty(),
            TBody::Rows(r) => r.is_empty(),
        }
    }
}

/// Some(escaped) for non-empty text.
fn opt(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| esc(s))
}

/// The dates of a start and an end: no end is `present`, no start a single date.
fn range_dates(start: &str, end: &str) -> Option<TDates> {
    match (start.is_empty(), end.is_empty()) {
        (true, true) => None,
        (false, true) => Some(TDates::Range(start.to_owned(), "present".to_owned())),
        (true, false) => Some(TDates::Single(end.to_owned())),
        (false, false) => Some(TDates::Range(start.to_owned(), end.to_owned())),
    }
}

/// One date, when there is one.
fn single_date(d: &str) -> Option<TDates> {
    (!d.is_empty()).then(|| TDates::Single(d.to_owned()))
}

/// Builds the markup of linked text, reporting a link it cannot write.
struct Linker<'w> {
    warnings: &'w mut Vec<String>,
}

impl Linker<'_> {
    /// `label` linked to `url` (the URL is the label when there is none).
    fn link(&mut self, label: &str, url: &str, path: &str) -> String {
        if url.is_empty() {
            return esc(label);
        }
        let shown = if label.trim().is_empty() { url } else { label };
        match link_markup(shown, url) {
            Some(m) => m,
            None => {
                self.warnings.push(format!(
                    "{path}.url: `{url}` cannot be written as a link; not carried over"
                ));
                esc(label)
            }
        }
    }
}

/// A `work` or `volunteer` item as an entry; without a position the organisation is the title.
fn job_entry(j: &Job, path: &str, ln: &mut Linker) -> TEntry {
    let has_org = !j.org().is_empty() || !j.url.is_empty();
    let (title, org) = if j.position.is_empty() {
        (ln.link(j.org(), &j.url, path), None)
    } else {
        let org = has_org.then(|| ln.link(j.org(), &j.url, path));
        (esc(&j.position), org)
    };
    TEntry {
        title,
        org,
        location: opt(&j.location),
        dates: range_dates(&j.start, &j.end),
        subtitle: opt(&j.description),
        details: opt(&j.summary).into_iter().collect(),
        bullets: j.highlights.iter().map(|h| esc(h)).collect(),
    }
}

/// An `education` item as an entry.
fn education_entry(e: &Education, path: &str, ln: &mut Linker) -> TEntry {
    let subtitle = [&e.study_type, &e.area]
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    let mut details = Vec::new();
    if !e.score.is_empty() {
        let label = if e.score.starts_with(|c: char| c.is_ascii_digit()) {
            "GPA"
        } else {
            "Grade"
        };
        details.push(esc(&format!("{label}: {}", e.score)));
    }
    if !e.courses.is_empty() {
        details.push(esc(&format!("Courses: {}", e.courses.join(", "))));
    }
    TEntry {
        title: ln.link(&e.institution, &e.url, path),
        location: opt(&e.location),
        dates: range_dates(&e.start, &e.end),
        subtitle: opt(&subtitle),
        details,
        ..TEntry::default()
    }
}

/// A `projects` item as an entry.
fn project_entry(p: &Project, path: &str, ln: &mut Linker) -> TEntry {
    let mut details = Vec::new();
    for (label, items) in [("Roles", &p.roles), ("Keywords", &p.keywords)] {
        if !items.is_empty() {
            details.push(esc(&format!("{label}: {}", items.join(", "))));
        }
    }
    if !p.kind.is_empty() {
        details.push(esc(&format!("Type: {}", p.kind)));
    }
    TEntry {
        title: ln.link(&p.name, &p.url, path),
        org: opt(&p.entity),
        dates: range_dates(&p.start, &p.end),
        subtitle: opt(&p.description),
        details,
        bullets: p.highlights.iter().map(|h| esc(h)).collect(),
        ..TEntry::default()
    }
}

/// The sections in the conventional order, leaving out empty ones.
fn sections(r: &Resume, warnings: &mut Vec<String>) -> Vec<(Key, TBody)> {
    let mut ln = Linker { warnings };
    let profiles = r.basics.profiles.iter().filter(|p| p.url.is_empty());
    let all = [
        (Key::Summary, TBody::Text(esc(&r.basics.summary))),
        (Key::Work, entries(&r.work, "work", &mut ln, job_entry)),
        (
            Key::Education,
            entries(&r.education, "education", &mut ln, education_entry),
        ),
        (
            Key::Projects,
            entries(&r.projects, "projects", &mut ln, project_entry),
        ),
        (
            Key::Skills,
            TBody::Rows(r.skills.iter().map(skill_row).collect()),
        ),
        (
            Key::Volunteer,
            entries(&r.volunteer, "volunteer", &mut ln, job_entry),
        ),
        (
            Key::Awards,
            TBody::Entries(r.awards.iter().map(award_entry).collect()),
        ),
        (
            Key::Certificates,
            entries(&r.certificates, "certificates", &mut ln, certificate_entry),
        ),
        (
            Key::Publications,
            entries(&r.publications, "publications", &mut ln, publication_entry),
        ),
        (
            Key::Languages,
            rows(&r.languages, |l| (&l.language, l.fluency.clone())),
        ),
        (
            Key::Interests,
            rows(&r.interests, |i| (&i.name, i.keywords.join(", "))),
        ),
        (
            Key::References,
            TBody::Entries(r.references.iter().map(reference_entry).collect()),
        ),
        (
            Key::Profiles,
            TBody::Rows(
                profiles
                    .map(|p| (esc(&p.network), esc(&p.username)))
                    .collect(),
            ),
        ),
    ];
    all.into_iter()
        .filter(|(_, body)| !body.is_empty())
        .collect()
}

/// The entries of one list, each made by `entry` with its JSON path.
fn entries<T>(
    items: &[T],
    key: &str,
    ln: &mut Linker,
    entry: fn(&T, &str, &mut Linker) -> TEntry,
) -> TBody {
    let entries = items
        .iter()
        .enumerate()
        .map(|(i, item)| entry(item, &format!("{key}[{i}]"), ln))
        .collect();
    TBody::Entries(entries)
}

/// Skill rows of a label and items, both escaped.
fn rows<T>(items: &[T], row: impl Fn(&T) -> (&String, String)) -> TBody {
    let rows = items
        .iter()
        .map(|item| {
            let (label, items) = row(item);
            (esc(label), esc(&items))
        })
        .collect();
    TBody::Rows(rows)
}

/// `name (level)` and the keywords joined with `, `.
fn skill_row(s: &Skill) -> (String, String) {
    let label = if s.level.is_empty() {
        s.name.clone()
    } else if s.name.is_empty() {
        format!("({})", s.level)
    } else {
        format!("{} ({})", s.name, s.level)
    };
    (esc(&label), esc(&s.keywords.join(", ")))
}

/// An `awards` item as an entry.
fn award_entry(a: &Award) -> TEntry {
    TEntry {
        title: esc(&a.title),
        org: opt(&a.awarder),
        dates: single_date(&a.date),
        details: opt(&a.summary).into_iter().collect(),
        ..TEntry::default()
    }
}

/// A `certificates` item as an entry.
fn certificate_entry(c: &Certificate, path: &str, ln: &mut Linker) -> TEntry {
    TEntry {
        title: ln.link(&c.name, &c.url, path),
        org: opt(&c.issuer),
        dates: single_date(&c.date),
        ..TEntry::default()
    }
}

/// A `publications` item as an entry.
fn publication_entry(p: &Publication, path: &str, ln: &mut Linker) -> TEntry {
    TEntry {
        title: ln.link(&p.name, &p.url, path),
        org: opt(&p.publisher),
        dates: single_date(&p.release_date),
        details: opt(&p.summary).into_iter().collect(),
        ..TEntry::default()
    }
}

/// A `references` item as an entry.
fn reference_entry(x: &Reference) -> TEntry {
    TEntry {
        title: esc(&x.name),
        details: opt(&x.reference).into_iter().collect(),
        ..TEntry::default()
    }
}

/// The contact-line links: `basics.url` first, then the profiles with a URL.
fn links(b: &Basics) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if !b.url.is_empty() {
        out.push((strip_scheme(&b.url).to_owned(), b.url.clone()));
    }
    for p in b.profiles.iter().filter(|p| !p.url.is_empty()) {
        let network = p.network.trim().to_lowercase();
        let derived = username_of(&p.url);
        let label = if network.is_empty() {
            if p.username.is_empty() {
                strip_scheme(&p.url).to_owned()
            } else {
                p.username.clone()
            }
        } else if p.username.is_empty() || p.username == derived {
            network
        } else {
            format!("{network}: {}", p.username)
        };
        out.push((label, p.url.clone()));
    }
    out
}

/// `key = [...]` with one item a line, when there are items.
fn list_lines(out: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str(key);
    out.push_str(" = [\n");
    for item in items {
        out.push_str("  ");
        out.push_str(&q(item));
        out.push_str(",\n");
    }
    out.push_str("]\n");
}

/// A language tag as given and its language.
pub(super) type Lang<'a> = (&'a str, crate::locale::Language);

/// The comments at the top of the file, and the theme.
const PREAMBLE: &str = "# Résumé imported from JSON Resume.\n\
     #\n\
     # Build the one-page PDF:  resume build resume.toml\n\
     # Check it without writing: resume check resume.toml\n\
     #\n\
     # Text fields take inline markup: **bold**, *italic*, `code`, [label](url).\n\
     # Characters that would read as markup carry a backslash (\\*, \\`, \\[, \\\\)\n\
     # so that they print as written.\n\
     #\n\
     # Tailoring: give a section, an entry, a bullet, a skill row or a link\n\
     # `tags = [\"backend\"]` and describe variants at the end of this file.\n\
     #\n\
     # When it does not fit on the page, the error lists what to cut and\n\
     # --trim drops exactly that, in the order `priority` sets: 1 is essential\n\
     # (never dropped); 2 or higher is optional, and the highest number goes\n\
     # first; unmarked items go after every marked one, by convention. Marked\n\
     # below as résumé advice has it: references and interests 4; languages\n\
     # and all but the newest volunteering, award or certificate 3; the bullets\n\
     # after the first of jobs and projects older than the newest two 2\n\
     # (a bullet is then written `{ text = \"...\", priority = 2 }`). Change\n\
     # them freely; `resume check --suggest` prints the plan.\n\n\
     [theme]\n\
     # Text prints exactly as imported. Set true for curly quotes, and dashes\n\
     # and ellipses from -- --- and ...\n\
     smart_punctuation = false\n\n";

/// The `resume.toml` text of the JSON Resume content, with section titles
/// in `lang` (its tag as given and its language; English without `lang`
/// in the file when `None`); links that cannot be written are reported in
/// `warnings`.
pub(super) fn to_toml(r: &Resume, warnings: &mut Vec<String>, lang: Option<Lang>) -> String {
    let mut out = String::from(PREAMBLE);
    if let (Some((tag, _)), Some(at)) = (lang, out.find("[theme]")) {
        out.insert_str(at, &format!("lang = {}\n\n", q(tag)));
    }
    let person_at = out.len();
    person(&mut out, &r.basics);
    let sections = sections(r, warnings);
    for (i, (key, body)) in sections.iter().enumerate() {
        section(&mut out, i, key.title(lang.map(|(_, l)| l)), *key, body);
    }
    variants_example(&mut out, &sections);
    let uncovered = uncovered_characters(&out);
    if !uncovered.is_empty() {
        let sample: String = uncovered.iter().take(8).collect();
        out.insert_str(
            person_at,
            &format!(
                "# Some text ({sample}) uses characters that the bundled fonts lack. Name a font\n\
                 # file that has them (absolute, or relative to this file), for example:\n\
                 # [fonts]\n\
                 # fallback = [\"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc\"]\n\n"
            ),
        );
    }
    out
}

/// The `[person]` table.
fn person(out: &mut String, b: &Basics) {
    out.push_str("[person]\n");
    out.push_str(&format!("name = {}\n", q(&esc(&b.name))));
    for (key, value) in [
        ("headline", &b.label),
        ("email", &b.email),
        ("phone", &b.phone),
    ] {
        if !value.is_empty() {
            out.push_str(&format!("{key} = {}\n", q(&esc(value))));
        }
    }
    let location = location_line(&b.location);
    if !location.is_empty() {
        out.push_str(&format!("location = {}\n", q(&esc(&location))));
    }
    let links = links(b);
    if !links.is_empty() {
        out.push_str("links = [\n");
        for (label, url) in &links {
            out.push_str(&format!(
                "  {{ label = {}, url = {} }},\n",
                q(&esc(label)),
                q(url)
            ));
        }
        out.push_str("]\n");
    }
}

/// The priority the import gives a whole section of this kind: what
/// résumé advice gives up first (see [`crate::trim`]).
fn section_priority(key: Key) -> Option<u32> {
    match key {
        Key::References | Key::Interests => Some(4),
        Key::Languages | Key::Profiles => Some(3),
        _ => None,
    }
}

/// The priorities the import gives the entries of a section: for each, its
/// own and that of its bullets after the first. Every volunteering, award
/// or certificate entry but the newest is 3; the later bullets of entries
/// older than the newest two are 2. Ages come from the dates, else the
/// position (later is older), as in the drop policy.
fn entry_priorities(key: Key, entries: &[TEntry]) -> Vec<(Option<u32>, Option<u32>)> {
    let recency: Vec<Option<u32>> = entries
        .iter()
        .map(|e| {
            let latest = match &e.dates {
                Some(TDates::Single(d)) => d,
                Some(TDates::Range(start, end)) => {
                    if date::parse_date(end).is_ok_and(|d| kinds::recency(&d).is_some()) {
                        end
                    } else {
                        start
                    }
                }
                None => return None,
            };
            date::parse_date(latest)
                .ok()
                .and_then(|d| kinds::recency(&d))
        })
        .collect();
    let supporting = matches!(key, Key::Volunteer | Key::Awards | Key::Certificates);
    let mut out = vec![(None, None); entries.len()];
    let by_age = kinds::oldest_first(&recency);
    let n = by_age.len();
    for (rank, e) in by_age.into_iter().enumerate() {
        let newer = n - 1 - rank;
        if supporting && newer > 0 {
            out[e].0 = Some(3);
        }
        if newer >= 2 {
            out[e].1 = Some(2);
        }
    }
    out
}

/// One `[[sections]]` table; the first one explains its id.
fn section(out: &mut String, i: usize, title: &str, key: Key, body: &TBody) {
    out.push_str("\n[[sections]]\n");
    out.push_str(&format!("title = {}\n", q(title)));
    if i == 0 {
        out.push_str(&format!(
            "id = {}   # variants name sections by id\n",
            q(key.id())
        ));
    } else {
        out.push_str(&format!("id = {}\n", q(key.id())));
    }
    if let Some(p) = section_priority(key) {
        out.push_str(&format!("priority = {p}\n"));
    }
    match body {
        TBody::Text(text) => out.push_str(&format!("text = {}\n", q(text))),
        TBody::Rows(rows) => {
            out.push_str("skills = [\n");
            for (label, items) in rows {
                out.push_str(&format!(
                    "  {{ label = {}, items = {} }},\n",
                    q(label),
                    q(items)
                ));
            }
            out.push_str("]\n");
        }
        TBody::Entries(entries) => {
            let priorities = entry_priorities(key, entries);
            for (e, (own, bullets)) in entries.iter().zip(priorities) {
                entry(out, e, own, bullets);
            }
        }
    }
}

/// One `[[sections.entries]]` table, with its priority and that of its
/// bullets after the first.
fn entry(out: &mut String, e: &TEntry, priority: Option<u32>, later_bullets: Option<u32>) {
    out.push_str("\n[[sections.entries]]\n");
    out.push_str(&format!("title = {}\n", q(&e.title)));
    for (key, value) in [("org", &e.org), ("location", &e.location)] {
        if let Some(v) = value {
            out.push_str(&format!("{key} = {}\n", q(v)));
        }
    }
    match &e.dates {
        Some(TDates::Single(d)) => out.push_str(&format!("dates = {}\n", q(d))),
        Some(TDates::Range(s, e)) => {
            out.push_str(&format!("dates = {{ start = {}, end = {} }}\n", q(s), q(e)))
        }
        None => {}
    }
    if let Some(s) = &e.subtitle {
        out.push_str(&format!("subtitle = {}\n", q(s)));
    }
    if let Some(p) = priority {
        out.push_str(&format!("priority = {p}\n"));
    }
    list_lines(out, "details", &e.details);
    match later_bullets {
        Some(p) if e.bullets.len() > 1 => {
            out.push_str("bullets = [\n");
            for (i, bullet) in e.bullets.iter().enumerate() {
                if i == 0 {
                    out.push_str(&format!("  {},\n", q(bullet)));
                } else {
                    out.push_str(&format!("  {{ text = {}, priority = {p} }},\n", q(bullet)));
                }
            }
            out.push_str("]\n");
        }
        _ => list_lines(out, "bullets", &e.bullets),
    }
}

/// The closing comment: an example variant naming the first sections.
fn variants_example(out: &mut String, sections: &[(Key, TBody)]) {
    let ids: Vec<String> = sections.iter().map(|(k, _)| q(k.id())).take(3).collect();
    out.push_str(
        "\n# Variants: one file, a résumé per job. For example:\n\
         #\n\
         # [variants.short]\n\
         # exclude = [\"old\"]      # drop items tagged \"old\"\n",
    );
    if !ids.is_empty() {
        out.push_str(&format!(
            "# sections = [{}]   # these sections, in this order\n",
            ids.join(", ")
        ));
    }
    out.push_str(
        "#\n\
         # [variants.short.override.person]\n\
         # headline = \"Backend Engineer\"\n\
         #\n\
         # Then: resume build --variant short, or resume build --all\n",
    );
}

/// Characters of `text` that no bundled face has, in order of appearance.
fn uncovered_characters(text: &str) -> Vec<char> {
    if text.is_ascii() {
        return Vec::new();
    }
    let book = crate::text::shape::FontBook::new();
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        if c.is_ascii() || c.is_whitespace() || c.is_control() || out.contains(&c) {
            continue;
        }
        if !crate::theme::fonts::FontId::ALL
            .iter()
            .any(|f| !f.is_icons() && book.covers(*f, c))
        {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_reads_back_literally() {
        for s in [
            "*stars*",
            "`ticks`",
            "[brackets](x)",
            "back\\slash\\",
            "$ _ # % & ~ ^ { } < >",
            "**bold** and *it*",
            "a\\*b",
            "",
        ] {
            let spans = markup::parse_inline(&esc(s)).expect("escaped text parses");
            assert_eq!(markup::plain_text(&spans), s);
            assert!(
                spans
                    .iter()
                    .all(|sp| sp.link.is_none() && sp.style == Style::default())
            );
        }
    }

    #[test]
    fn links_are_checked() {
        assert_eq!(
            link_markup("A [b] *c*", "https://x.org/a_(b)"),
            Some("[A \\[b\\] \\*c\\*](https://x.org/a_(b))".to_owned())
        );
        assert_eq!(link_markup("a", "https://x.org/a)b"), None);
    }

    #[test]
    fn toml_strings() {
        assert_eq!(q("a\\*b"), "'a\\*b'");
        assert_eq!(q("it's \\*"), "\"it's \\\\*\"");
        assert_eq!(q("line\nnext\u{1}"), "\"line\\nnext\\u0001\"");
    }

    #[test]
    fn every_control_character_is_escaped() {
        let controls: String = ('\u{0}'..='\u{a0}').collect();
        for s in [
            controls.as_str(),
            "a\\b'c",
            "\u{0}\\",
            "\\\u{7f}",
            "'\u{9f}",
        ] {
            let line = format!("v = {}\n", q(s));
            let table: ::toml::Table = ::toml::from_str(&line).expect("the string parses");
            assert_eq!(table.get("v").and_then(|v| v.as_str()), Some(s), "{line}");
        }
    }

    fn dated(dates: Option<TDates>, bullets: usize) -> TEntry {
        TEntry {
            title: "t".into(),
            dates,
            bullets: vec!["b".to_owned(); bullets],
            ..TEntry::default()
        }
    }

    #[test]
    fn conventional_priorities() {
        let range = |s: &str, e: &str| Some(TDates::Range(s.into(), e.into()));
        // Jobs out of order: the two newest keep every bullet unmarked.
        let jobs = [
            dated(range("2019-01", "2021-01"), 3),
            dated(range("2021-02", "present"), 3),
            dated(range("2015-01", "2016-01"), 3),
            dated(range("2016-02", "2018-12"), 3),
        ];
        assert_eq!(
            entry_priorities(Key::Work, &jobs),
            [(None, None), (None, None), (None, Some(2)), (None, Some(2))]
        );
        // Undated projects: later in the list is older.
        let projects = [dated(None, 2), dated(None, 2), dated(None, 2)];
        assert_eq!(
            entry_priorities(Key::Projects, &projects),
            [(None, None), (None, None), (None, Some(2))]
        );
        // Volunteering: every entry but the newest is 3. Free text counts
        // as old as the dated entry above it, and the later of equals is
        // the older.
        let volunteer = [
            dated(Some(TDates::Single("2010".into())), 1),
            dated(Some(TDates::Single("Fall 2020".into())), 1),
            dated(range("2018-01", "2019-01"), 1),
        ];
        assert_eq!(
            entry_priorities(Key::Volunteer, &volunteer),
            [(Some(3), None), (Some(3), Some(2)), (None, None)]
        );
        assert_eq!(section_priority(Key::References), Some(4));
        assert_eq!(section_priority(Key::Interests), Some(4));
        assert_eq!(section_priority(Key::Languages), Some(3));
        assert_eq!(section_priority(Key::Work), None);
    }

    #[test]
    fn marked_bullets_are_tables_after_the_first() {
        let mut out = String::new();
        entry(&mut out, &dated(None, 2), Some(3), Some(2));
        assert_eq!(
            out,
            "\n[[sections.entries]]\ntitle = \"t\"\npriority = 3\nbullets = [\n  \"b\",\n  { text = \"b\", priority = 2 },\n]\n"
        );
    }
}
