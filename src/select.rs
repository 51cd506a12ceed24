//! From the as-written model to the as-used [`Document`]: parse inline
//! markup, format dates, resolve settings, and check everything serde cannot.
//!
//! All independent problems are collected, so one run reports every bad date
//! and every unclosed `**`, not just the first.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use crate::diag::Diagnostic;
use crate::document::{
    Body, Bullet, Document, Entry, FontChoice, PageWords, Paper, PhotoRef, Rich, Section, Settings,
    SkillRow, When,
};
use crate::limits;
use crate::locale::{self, Locale, Patch, Smart};
use crate::model::date::{self, Date};
use crate::model::text::Picked;
use crate::model::{self, Dates, Resume, Text, contact, link, markup};
use crate::text::style::Span;
use crate::theme::icons::{self, ContactKind};
use crate::text::{capped_clusters, is_invisible};
use crate::variant::{self, Profile};

/// Resolve a parsed résumé into a document, or every error found.
pub fn select(resume: &Resume, source: &str) -> Result<Document, Vec<Diagnostic>> {
    select_variant(resume, source, None)
}

/// Resolve one variant of a parsed résumé (`None`: the résumé as written,
/// every item included).
pub fn select_variant(
    resume: &Resume,
    source: &str,
    variant: Option<&str>,
) -> Result<Document, Vec<Diagnostic>> {
    select_warned(resume, source, variant).map(|(doc, _)| doc)
}

/// [`select_variant`] with its warnings: a section the variant leaves
/// empty, a phone number's letters, marks dropped from an overloaded
/// letter. On failure the warnings come with the errors.
pub fn select_warned(
    resume: &Resume,
    source: &str,
    variant: Option<&str>,
) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
    select_in(resume, source, variant, None)
}

/// [`select_warned`] in the language `lang` (a tag, as `--lang` gives it)
/// rather than the variant's or the file's.
pub fn select_in(
    resume: &Resume,
    source: &str,
    variant: Option<&str>,
    lang: Option<&str>,
) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
    if let Some(tag) = lang
        && let Err(e) = locale::check_tag(&Spanned::new(0..0, tag.to_owned()), "--lang")
    {
        // Not in the file: no place to point at.
        return Err(vec![Diagnostic {
            span: None,
            path: None,
            ..e
        }]);
    }
    let mut errors = variant::check_ids(resume);
    let texts = model::text::fields(resume);
    errors.extend(texts.iter().flat_map(|(path, text)| text.check(path)));
    // A variant's override names its own field in a warning.
    let override_paths = texts
        .into_iter()
        .filter(|(path, _)| path.starts_with("variants."))
        .map(|(path, text)| (text.span().start, path))
        .collect();
    let profile = match variant.map(|name| variant::resolve(resume, name)) {
        Some(Ok(profile)) => Some(profile),
        Some(Err(mut e)) => {
            errors.append(&mut e);
            return Err(errors);
        }
        None => None,
    };
    let theme = match &profile {
        Some(p) => p.theme.merged_over(&resume.theme),
        None => resume.theme.clone(),
    };
    let fit = match &profile {
        Some(p) => p.fit.merged_over(&resume.fit),
        None => resume.fit.clone(),
    };
    let mut cx = Cx {
        source,
        errors,
        warnings: Vec::new(),
        smart: theme.smart_punctuation.unwrap_or(true),
        profile,
        locale: Locale::default(),
        lang: lang.map(str::to_owned).unwrap_or_default(),
        default_lang: resume.lang.as_ref().map(|l| l.get_ref().trim().to_owned()),
        override_paths,
    };
    let settings = cx.settings(&theme, &fit);
    let lang = cx.locale(resume);
    cx.lang.clone_from(&lang);
    let doc = cx.document(resume, settings, lang);
    // Report in the order a reader meets the problems in the file.
    let by_place = |d: &Diagnostic| d.span.as_ref().map_or(usize::MAX, |s| s.start);
    cx.warnings.sort_by_key(by_place);
    if cx.errors.is_empty() {
        Ok((doc, cx.warnings))
    } else {
        cx.errors.append(&mut cx.warnings);
        cx.errors.sort_by_key(by_place);
        Err(cx.errors)
    }
}

struct Cx<'a> {
    source: &'a str,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// Apply smart punctuation to text.
    smart: bool,
    /// The variant being selected, if any.
    profile: Option<Profile>,
    /// The language's dates, words and quotation marks.
    locale: Locale,
    /// The document's language tag: which translation a text prints.
    lang: String,
    /// The file's own `lang`: the translation printed when a text has none
    /// in the document's language.
    default_lang: Option<String>,
    /// The paths of the variants' overriding texts, by where they start.
    override_paths: BTreeMap<usize, String>,
}

/// Tags as plain strings.
fn tag_names(tags: &[Spanned<String>]) -> impl Iterator<Item = &str> + Clone {
    tags.iter().map(|t| t.get_ref().as_str())
}

impl Cx<'_> {
    /// Whether the variant keeps an item with these tags.
    fn keeps<'t>(&self, tags: impl IntoIterator<Item = &'t str> + Clone) -> bool {
        self.profile.as_ref().is_none_or(|p| p.keeps(tags))
    }

    /// The variant's replacement for a field of `id`, if it has one.
    fn replaced<'s>(
        &'s self,
        id: Option<&Spanned<String>>,
        field: impl Fn(&'s model::OverrideDef) -> Option<&'s Text>,
    ) -> Option<Text> {
        let id = id?;
        let over = self.profile.as_ref()?.overrides.get(id.get_ref())?;
        field(over).cloned()
    }

    fn document(&mut self, resume: &Resume, mut settings: Settings, lang: String) -> Document {
        settings.direction = self.locale.direction();
        settings.page_words = self.locale.page_words();
        let person = &resume.person;
        let person_id = Spanned::new(0..0, "person".to_owned());
        let name_field = self
            .replaced(Some(&person_id), |o| o.title.as_ref())
            .unwrap_or_else(|| person.name.clone());
        let errors_before = self.errors.len();
        let name = self.rich_text(&name_field, "person.name");
        let name_failed = self.errors.len() > errors_before;
        let headline_field = self
            .replaced(Some(&person_id), |o| o.headline.as_ref())
            .or_else(|| person.headline.clone());
        let headline = headline_field.map(|h| self.rich_text(&h, "person.headline"));
        if !name_failed
            && name
                .text()
                .chars()
                .all(|c| c.is_whitespace() || is_invisible(c))
        {
            self.errors.push(
                Diagnostic::error("the name is empty")
                    .with_span(person.name.span())
                    .with_path("person.name")
                    .with_hint("write the name to print at the top of the page"),
            );
        }
        let (contacts, contact_icons) = self.contacts(person);
        let photo = person.photo.as_ref().map(|path| PhotoRef {
            path: path.get_ref().trim().to_owned(),
            alt: person.photo_alt.as_ref().map_or_else(
                || format!("Photo of {}", name.text().trim()),
                |alt| alt.get_ref().trim().to_owned(),
            ),
            span: path.span(),
        });
        let sections = self
            .section_order(resume)
            .into_iter()
            .filter_map(|i| self.section(&resume.sections[i], &format!("sections[{i}]")))
            .collect();
        Document {
            name,
            headline,
            variant: self.profile.as_ref().map(|p| p.name.clone()),
            output: self.profile.as_ref().and_then(|p| p.output.clone()),
            contacts,
            contact_icons,
            photo,
            lang,
            sections,
            settings,
        }
    }

    /// Set the locale, and return the language tag: the variant's `lang`
    /// or the file's (`en-US` when neither is set), with the file's
    /// `[locale]` and then the variant chain's applied.
    fn locale(&mut self, resume: &Resume) -> String {
        let given = (!self.lang.is_empty()).then(|| Spanned::new(0..0, self.lang.clone()));
        let (path, field) = match (given, self.profile.as_ref().and_then(|p| p.lang.clone())) {
            (Some(given), _) => ("--lang".to_owned(), Some(given)),
            (None, Some((path, field))) => (path, Some(field)),
            (None, None) => ("lang".to_owned(), resume.lang.clone()),
        };
        let mut locale = match &field {
            None => Locale::default(),
            Some(field) => match locale::check_tag(field, &path) {
                Ok(language) => Locale::new(language),
                Err(e) => {
                    // A variant's `lang` was reported when the variant was
                    // resolved, and `--lang` before selecting.
                    if path == "lang" {
                        self.errors.push(e);
                    }
                    Locale::default()
                }
            },
        };
        Patch::read(&resume.locale, "locale", &mut self.errors).apply(&mut locale);
        for (path, def) in self.profile.iter().flat_map(|p| &p.locale) {
            Patch::read(def, path, &mut Vec::new()).apply(&mut locale);
        }
        self.locale = locale;
        field.map_or_else(|| "en-US".to_owned(), |f| f.get_ref().trim().to_owned())
    }

    /// The contact line: e-mail, phone, location and the kept links, and
    /// the icon of each.
    fn contacts(&mut self, person: &model::Person) -> (Vec<Rich>, Vec<Option<String>>) {
        let mut contacts = Vec::new();
        let mut icons = Vec::new();
        if let Some(email) = &person.email {
            // An address is printed as written: no curly apostrophes or dashes.
            let smart = std::mem::replace(&mut self.smart, false);
            let rich = self.rich(email, "person.email");
            self.smart = smart;
            let address = rich.text();
            let address = address.trim();
            if let Some(why) = contact::email_problem(address) {
                self.errors.push(
                    Diagnostic::error(format!("`{address}` is not an e-mail address: {why}"))
                        .with_span(email.span())
                        .with_path("person.email")
                        .with_hint(contact::EMAIL_HINT),
                );
            }
            contacts.push(rich.linked(&format!("mailto:{address}")));
            let chosen = person.icons.email.as_ref();
            icons.push(self.icon(chosen, "person.icons.email", ContactKind::Email, ""));
        }
        if let Some(phone) = &person.phone {
            let rich = self.rich(phone, "person.phone");
            contacts.push(self.phone(phone, rich));
            let chosen = person.icons.phone.as_ref();
            icons.push(self.icon(chosen, "person.icons.phone", ContactKind::Phone, ""));
        }
        if let Some(location) = &person.location {
            contacts.push(self.rich_text(location, "person.location"));
            let chosen = person.icons.location.as_ref();
            let path = "person.icons.location";
            icons.push(self.icon(chosen, path, ContactKind::Location, ""));
        }
        for (i, link) in person.links.iter().enumerate() {
            if !self.keeps(tag_names(&link.get_ref().tags)) {
                continue;
            }
            let path = format!("person.links[{i}]");
            let label = self.rich_text(&link.get_ref().label, &format!("{path}.label"));
            let written = link.get_ref().url.get_ref();
            let url = match link::link_target(written) {
                Ok(url) => url,
                Err(message) => {
                    self.errors.push(
                        Diagnostic::error(message)
                            .with_span(link.get_ref().url.span())
                            .with_path(format!("{path}.url"))
                            .with_hint(
                                "write a full address such as \"https://github.com/someone\"",
                            ),
                    );
                    written.trim().to_owned()
                }
            };
            let chosen = link.get_ref().icon.as_ref();
            icons.push(self.icon(chosen, &format!("{path}.icon"), ContactKind::Link, &url));
            contacts.push(label.linked(&url));
        }
        (contacts, icons)
    }

    /// The icon of a contact item: the one `chosen` names (`"none"`: no
    /// icon; an unknown name is an error at `path`), else the default of
    /// its kind and, for a link, its `url`.
    fn icon(
        &mut self,
        chosen: Option<&Spanned<String>>,
        path: &str,
        kind: ContactKind,
        url: &str,
    ) -> Option<String> {
        let Some(chosen) = chosen else {
            return Some(icons::default_for(kind, url).to_owned());
        };
        let name = chosen.get_ref().trim();
        if name == icons::NONE {
            return None;
        }
        if icons::lookup(name).is_none() {
            self.errors.push(
                Diagnostic::unknown("icon", name, icons::names().chain([icons::NONE]))
                    .with_span(chosen.span())
                    .with_path(path)
                    .with_hint(
                        "use a Font Awesome 7 Free Solid or Brands name, such as \"orcid\", \
                         or \"none\" for no icon",
                    ),
            );
            return None;
        }
        Some(name.to_owned())
    }

    /// The phone number's contact item, linked to the number it dials.
    fn phone(&mut self, phone: &Spanned<String>, rich: Rich) -> Rich {
        let text = rich.text();
        let (link, letters) = contact::tel_link(&text);
        if !contact::is_phone(&text) {
            self.errors.push(
                Diagnostic::error(format!("`{text}` is not a phone number"))
                    .with_span(phone.span())
                    .with_path("person.phone")
                    .with_hint("write the number with its digits, as \"+1 212 555 0123\""),
            );
            return rich.linked(&link);
        }
        let dials = link.trim_start_matches("tel:");
        let warning = match letters {
            None => None,
            Some(contact::Letters::Keypad) => Some((
                format!("the phone link dials `{dials}`: the letters by their keypad digits"),
                "write the digits beside the letters if the number is dialled otherwise",
            )),
            Some(contact::Letters::Ignored) => Some((
                format!("the phone link dials `{dials}`: the words in the number are not dialled"),
                "write the number alone (and an extension, as \"ext. 12\"); a vanity number \
                 is written in capitals, as \"1-800-FLOWERS\"",
            )),
        };
        if let Some((message, hint)) = warning {
            self.warnings.push(
                Diagnostic::warning(message)
                    .with_span(phone.span())
                    .with_path("person.phone")
                    .with_hint(hint),
            );
        }
        rich.linked(&link)
    }

    /// The indices of the sections to print: the variant's order (by id or
    /// title) or the order written, without sections the variant drops.
    fn section_order(&self, resume: &Resume) -> Vec<usize> {
        let order: Vec<usize> = match self.profile.as_ref().and_then(|p| p.sections.clone()) {
            Some(refs) => refs
                .iter()
                .filter_map(|r| {
                    resume.sections.iter().position(|s| {
                        let s = s.get_ref();
                        s.id.as_ref().is_some_and(|id| id.get_ref() == r.get_ref())
                            || s.title.strings().any(|t| t == r.get_ref())
                    })
                })
                .collect(),
            None => (0..resume.sections.len()).collect(),
        };
        order
            .into_iter()
            .filter(|&i| self.keeps(tag_names(&resume.sections[i].get_ref().tags)))
            .collect()
    }

    fn settings(&mut self, theme: &model::ThemeDef, fit: &model::FitDef) -> Settings {
        self.errors.extend(model::theme::check_names(
            theme,
            self.source,
            model::theme::Written::Resume,
        ));
        let font = match theme
            .font
            .as_ref()
            .map(|f| (f.get_ref().as_str(), f))
        {
            None | Some(("serif", _)) => FontChoice::Serif,
            Some(("sans", _)) => FontChoice::Sans,
            Some((name, _)) if crate::theme::fonts::family(name).is_some() => {
                FontChoice::Family(name.to_owned())
            }
            Some((_, font)) => {
                self.errors
                    .push(model::theme::unknown_family(font).with_path("theme.font"));
                FontChoice::Serif
            }
        };
        let paper = match theme
            .paper
            .as_ref()
            .map(|p| (p.get_ref().to_ascii_lowercase(), p.span()))
        {
            None => Paper::Letter,
            Some((p, _)) if p == "letter" => Paper::Letter,
            Some((p, _)) if p == "a4" => Paper::A4,
            Some((other, span)) => {
                self.errors.push(
                    Diagnostic::error(format!("unknown paper `{other}`"))
                        .with_span(span)
                        .with_path("theme.paper")
                        .with_hint("use \"letter\" or \"a4\""),
                );
                Paper::Letter
            }
        };
        Settings {
            font,
            theme: theme.clone(),
            paper,
            justify: theme.justify.unwrap_or(false),
            hyphenate: theme.hyphenate.unwrap_or(false),
            ligatures: theme.ligatures.unwrap_or(true),
            smart_punctuation: theme.smart_punctuation.unwrap_or(true),
            spread: fit.spread.unwrap_or(true),
            trim: fit.trim.unwrap_or(false),
            pages: self.pages(fit.pages.as_ref()),
            // Set from the language once the locale is known.
            direction: model::theme::Direction::Ltr,
            page_words: PageWords::default(),
        }
    }

    /// `[fit] pages`, 1 to [`limits::MAX_PAGES`] (default 1).
    fn pages(&mut self, pages: Option<&Spanned<u32>>) -> u32 {
        let Some(pages) = pages else {
            return 1;
        };
        let n = *pages.get_ref();
        if (1..=limits::MAX_PAGES).contains(&n) {
            return n;
        }
        self.errors.push(
            Diagnostic::error(format!(
                "`pages = {n}` is out of range: a résumé takes 1 to {} pages",
                limits::MAX_PAGES
            ))
            .with_span(pages.span())
            // `[fit]` or a variant's `fit`.
            .with_path(
                model::field_path::field_path(self.source, pages.span().start)
                    .unwrap_or_else(|| "fit.pages".to_owned()),
            )
            .with_hint("1 keeps it to one page; 2 allows a second page when the content needs it"),
        );
        n.clamp(1, limits::MAX_PAGES)
    }

    /// The section as the variant keeps it; `None` (and a warning) when the
    /// variant leaves out every entry or skill row it has.
    fn section(&mut self, section: &Spanned<model::Section>, path: &str) -> Option<Section> {
        let s = section.get_ref();
        let title_field = self
            .replaced(s.id.as_ref(), |o| o.title.as_ref())
            .unwrap_or_else(|| s.title.clone());
        let title = self.rich_text(&title_field, &format!("{path}.title"));
        let kinds = [s.entries.is_some(), s.skills.is_some(), s.text.is_some()];
        let count = kinds.iter().filter(|k| **k).count();
        if count != 1 {
            let message = if count == 0 {
                format!("section `{}` has no content", title.text())
            } else {
                format!(
                    "section `{}` has more than one kind of content",
                    title.text()
                )
            };
            self.errors.push(
                Diagnostic::error(message)
                    .with_span(s.title.span())
                    .with_path(path.to_owned())
                    .with_hint("give a section exactly one of `entries`, `skills` or `text`"),
            );
        }
        let body = if let Some(entries) = &s.entries {
            let kept: Vec<_> = entries
                .iter()
                .enumerate()
                .filter(|(_, e)| self.keeps(tag_names(&e.get_ref().tags)))
                .collect();
            Body::Entries(
                kept.into_iter()
                    .map(|(i, e)| self.entry(e, &format!("{path}.entries[{i}]")))
                    .collect(),
            )
        } else if let Some(rows) = &s.skills {
            let kept: Vec<_> = rows
                .iter()
                .enumerate()
                .filter(|(_, row)| self.keeps(tag_names(&row.get_ref().tags)))
                .collect();
            Body::Skills(
                kept.into_iter()
                    .map(|(i, row)| {
                        let p = format!("{path}.skills[{i}]");
                        SkillRow {
                            label: self.rich_text(&row.get_ref().label, &format!("{p}.label")),
                            items: self.rich_text(&row.get_ref().items, &format!("{p}.items")),
                            span: row.span(),
                        }
                    })
                    .collect(),
            )
        } else if let Some(text) = &s.text {
            let text = self
                .replaced(s.id.as_ref(), |o| o.text.as_ref())
                .unwrap_or_else(|| text.clone());
            Body::Text(self.rich_text(&text, &format!("{path}.text")))
        } else {
            Body::Entries(Vec::new())
        };
        let priority = self.priority(s.priority.as_ref(), &format!("{path}.priority"));
        if self.emptied(s, &body, &title, path) {
            return None;
        }
        Some(Section {
            title,
            id: s.id.as_ref().map(|i| i.get_ref().clone()),
            span: section.span(),
            body,
            priority,
        })
    }

    /// Whether the variant leaves out every entry or skill row of the
    /// section `s` (so that `body` is empty), with a warning when it does.
    fn emptied(&mut self, s: &model::Section, body: &Body, title: &Rich, path: &str) -> bool {
        let written =
            s.entries.as_ref().map_or(0, Vec::len) + s.skills.as_ref().map_or(0, Vec::len);
        let empty = match body {
            Body::Entries(kept) => kept.is_empty(),
            Body::Skills(kept) => kept.is_empty(),
            Body::Text(_) => false,
        };
        let Some(profile) = self.profile.as_ref().filter(|_| empty && written > 0) else {
            return false;
        };
        self.warnings.push(
            Diagnostic::warning(format!(
                "variant `{}` leaves section `{}` empty; its heading is left out",
                profile.name,
                title.text()
            ))
            .with_span(s.title.span())
            .with_path(format!("{path}.title"))
            .with_hint(
                "all its entries or skill rows carry tags the variant leaves out; to leave \
                 it out quietly, list the sections to print in the variant's `sections`",
            ),
        );
        true
    }

    fn entry(&mut self, entry: &Spanned<model::Entry>, path: &str) -> Entry {
        let e = entry.get_ref();
        let id = e.id.as_ref();
        let org = self
            .replaced(id, |o| o.org.as_ref())
            .or_else(|| e.org.clone());
        let location = self
            .replaced(id, |o| o.location.as_ref())
            .or_else(|| e.location.clone());
        let subtitle = self
            .replaced(id, |o| o.subtitle.as_ref())
            .or_else(|| e.subtitle.clone());
        let title = self
            .replaced(id, |o| o.title.as_ref())
            .unwrap_or_else(|| e.title.clone());
        let kept_bullets: Vec<_> = e
            .bullets
            .iter()
            .enumerate()
            .filter(|(_, b)| self.keeps(b.get_ref().tags.iter().map(String::as_str)))
            .collect();
        let opt = |cx: &mut Self, field: &Option<Text>, name: &str| {
            field
                .as_ref()
                .map(|f| cx.rich_text(f, &format!("{path}.{name}")))
        };
        let dates = e
            .dates
            .as_ref()
            .map(|d| self.dates_in_lang(d, &format!("{path}.dates")));
        Entry {
            title: self.rich_text(&title, &format!("{path}.title")),
            org: opt(self, &org, "org"),
            location: opt(self, &location, "location"),
            dates: dates
                .as_ref()
                .map(|d| self.dates(d, &format!("{path}.dates"))),
            latest: dates.as_ref().and_then(|d| latest(d.get_ref())),
            when: dates.as_ref().map(|d| written(d.get_ref())),
            subtitle: opt(self, &subtitle, "subtitle"),
            details: e
                .details
                .iter()
                .enumerate()
                .map(|(i, d)| self.rich_text(d, &format!("{path}.details[{i}]")))
                .collect(),
            bullets: kept_bullets
                .into_iter()
                .map(|(i, b)| self.bullet(b, &format!("{path}.bullets[{i}]")))
                .collect(),
            span: entry.span(),
            priority: self.priority(e.priority.as_ref(), &format!("{path}.priority")),
        }
    }

    fn bullet(&mut self, bullet: &Spanned<model::Bullet>, path: &str) -> Bullet {
        let b = bullet.get_ref();
        let span = bullet.span();
        let priority = match b.priority {
            Some(0) => {
                self.errors.push(
                    Diagnostic::error("priority 0 is not allowed")
                        .with_span(span.clone())
                        .with_path(format!("{path}.priority"))
                        .with_hint("1 is essential; higher numbers are trimmed first"),
                );
                Some(1)
            }
            p => p,
        };
        let text_path = if b.table {
            format!("{path}.text")
        } else {
            path.to_owned()
        };
        Bullet {
            text: self.rich_text(&b.text, &text_path),
            priority,
            span,
        }
    }

    fn priority(&mut self, priority: Option<&Spanned<u32>>, path: &str) -> Option<u32> {
        let p = priority?;
        if *p.get_ref() == 0 {
            self.errors.push(
                Diagnostic::error("priority 0 is not allowed")
                    .with_span(p.span())
                    .with_path(path.to_owned())
                    .with_hint("1 is essential; higher numbers are trimmed first"),
            );
            return Some(1);
        }
        Some(*p.get_ref())
    }

    /// The dates with free text in the document's language.
    fn dates_in_lang(&mut self, dates: &Spanned<Dates>, path: &str) -> Spanned<Dates> {
        match dates.get_ref() {
            Dates::Single(text @ Text::Languages(_)) => {
                let picked = self.text(text, path);
                Spanned::new(dates.span(), Dates::Single(Text::Plain(picked)))
            }
            _ => dates.clone(),
        }
    }

    fn dates(&mut self, dates: &Spanned<Dates>, path: &str) -> Rich {
        let span = dates.span();
        let text = match dates.get_ref() {
            Dates::Single(s) => self
                .date(s.first(), &s.span(), path)
                .map(|d| self.locale.format_date(&d)),
            Dates::Range { start, end } => {
                let start = self.date(start, &span, &format!("{path}.start"));
                let end = self.date(end, &span, &format!("{path}.end"));
                match (start, end) {
                    (Some(start), Some(end)) => {
                        if let Err(e) = date::check_order(&start, &end) {
                            self.errors.push(date_error(e, &span, path));
                        }
                        Some(self.locale.format_range(&start, &end))
                    }
                    _ => None,
                }
            }
        };
        Rich::plain(text.unwrap_or_default(), span.start)
    }

    fn date(&mut self, text: &str, span: &Range<usize>, path: &str) -> Option<Date> {
        match date::parse_date(text) {
            Ok(d) => Some(d),
            Err(e) => {
                let span = self.narrow(span, text);
                self.errors.push(date_error(e, &span, path));
                None
            }
        }
    }

    /// The span of the quoted `value` inside `span`, when it occurs there;
    /// used to point at one date of a `{ start, end }` table.
    fn narrow(&self, span: &Range<usize>, value: &str) -> Range<usize> {
        let Some(raw) = self.source.get(span.clone()) else {
            return span.clone();
        };
        for quote in ['"', '\''] {
            let quoted = format!("{quote}{value}{quote}");
            if let Some(at) = raw.find(&quoted) {
                return span.start + at..span.start + at + quoted.len();
            }
        }
        span.clone()
    }

    /// The words of a text field in the document's language, with a
    /// warning when the field has no translation in it.
    fn text(&mut self, field: &Text, path: &str) -> Spanned<String> {
        match field.pick(&self.lang, self.default_lang.as_deref()) {
            Some(Picked::Found(text)) => text.clone(),
            Some(Picked::Fallback { text, lang }) => {
                let span = field.span();
                let path = self
                    .override_paths
                    .get(&span.start)
                    .cloned()
                    .unwrap_or_else(|| path.to_owned());
                self.warnings.push(
                    Diagnostic::warning(format!(
                        "`{path}` has no `{}` translation; the `{lang}` one is printed",
                        self.lang
                    ))
                    .with_span(span)
                    .with_path(path)
                    .with_hint(format!(
                        "add `{} = \"...\"` to the table",
                        locale::find(&self.lang).map_or(self.lang.as_str(), |l| l.code())
                    )),
                );
                text.clone()
            }
            // An empty table, reported when the résumé was checked.
            None => Spanned::new(field.span(), String::new()),
        }
    }

    /// [`Cx::text`], its inline markup parsed.
    fn rich_text(&mut self, field: &Text, path: &str) -> Rich {
        let text = self.text(field, path);
        self.rich(&text, path)
    }

    /// Parse the inline markup of a text field, mapping offsets to the source.
    fn rich(&mut self, field: &Spanned<String>, path: &str) -> Rich {
        let chars = field.get_ref().chars().count();
        if chars > limits::MAX_FIELD_CHARS {
            self.errors.push(
                Diagnostic::error(format!(
                    "this text is {chars} characters long; the limit is {}",
                    limits::MAX_FIELD_CHARS
                ))
                .with_span(field.span().start..field.span().start + 1)
                .with_path(path.to_owned())
                .with_hint("split it, or shorten it: a bullet is read in seconds"),
            );
            return Rich::plain(String::new(), field.span().start);
        }
        let map = OffsetMap::new(self.source, field);
        if let Some((at, c)) = field
            .get_ref()
            .char_indices()
            .find(|(_, c)| c.is_control() && !c.is_whitespace())
        {
            let start = map.at(at);
            self.errors.push(
                Diagnostic::error(format!("control character U+{:04X} in text", c as u32))
                    .with_span(start..start + 1)
                    .with_path(path.to_owned())
                    .with_hint("remove it; it prints as nothing and confuses text extraction"),
            );
            return Rich::plain(String::new(), field.span().start);
        }
        match markup::parse_inline(field.get_ref()) {
            Ok(spans) => {
                let mut spans = self.capped(spans, &map, path);
                let mut smart = Smart::new(&self.locale);
                let mut reported: Vec<String> = Vec::new();
                for span in &mut spans {
                    span.offset = map.at(span.offset);
                    if let Some(url) = span.link.take() {
                        match link::link_target(&url) {
                            Ok(target) => span.link = Some(target),
                            Err(message) if !reported.contains(&url) => {
                                self.errors.push(
                                    Diagnostic::error(message)
                                        .with_span(span.offset..span.offset + span.text.len())
                                        .with_path(path.to_owned())
                                        .with_hint(
                                            "a link opens an https, http, mailto or tel address, \
                                             as `[label](https://example.com)`",
                                        ),
                                );
                                reported.push(url);
                            }
                            Err(_) => {}
                        }
                    }
                    if self.smart && !span.style.code {
                        span.text = smart.apply(&span.text);
                    } else {
                        smart.skip(&span.text);
                    }
                }
                Rich { spans }
            }
            Err(e) => {
                let start = map.at(e.offset);
                let end = if map.exact {
                    start + e.len.max(1)
                } else {
                    field.span().end
                };
                let mut d = Diagnostic::error(e.message)
                    .with_span(start..end)
                    .with_path(path.to_owned());
                if let Some(hint) = e.hint {
                    d = d.with_hint(hint);
                }
                self.errors.push(d);
                Rich::plain(field.get_ref().clone(), field.span().start)
            }
        }
    }
}

impl Cx<'_> {
    /// `spans` (offsets in the field) without the marks past the first
    /// [`crate::text::MAX_CLUSTER_CHARS`] characters of a letter, which no
    /// PDF reader could map back to text; a warning at the first letter cut.
    fn capped(&mut self, spans: Vec<Span>, map: &OffsetMap, path: &str) -> Vec<Span> {
        let mut out = Vec::with_capacity(spans.len());
        let mut cut: Vec<(usize, char)> = Vec::new();
        let mut dropped = 0;
        for span in spans {
            let Some((keep, at)) = capped_clusters(&span.text) else {
                out.push(span);
                continue;
            };
            let kept: usize = keep.iter().map(|r| span.text[r.clone()].chars().count()).sum();
            dropped += span.text.chars().count() - kept;
            cut.extend(at.iter().map(|&a| (span.offset + a, span.text[a..].chars().next().unwrap_or(' '))));
            out.extend(keep.into_iter().map(|r| Span {
                text: span.text[r.clone()].to_owned(),
                offset: span.offset + r.start,
                ..span.clone()
            }));
        }
        if let Some(&(at, letter)) = cut.first() {
            let start = map.at(at);
            let letters = match cut.len() {
                1 => format!("`{}` carries", letter.escape_debug()),
                2 => format!("`{}` and 1 more letter carry", letter.escape_debug()),
                n => format!("`{}` and {} more letters carry", letter.escape_debug(), n - 1),
            };
            self.warnings.push(
                Diagnostic::warning(format!(
                    "{letters} more than {} combining characters; {dropped} are left out",
                    crate::text::MAX_CLUSTER_CHARS - 1
                ))
                .with_span(start..start + letter.len_utf8())
                .with_path(path.to_owned())
                .with_hint("a PDF reader cannot map so many marks on one letter back to text"),
            );
        }
        out
    }
}

/// The latest typed date of an entry's dates: a range's end, else its
/// start; a single date. Errors are reported where the dates are printed.
fn latest(dates: &Dates) -> Option<Date> {
    let typed = |s: &str| date::parse_date(s).ok().filter(|d| date::bounds(d).is_some());
    match dates {
        Dates::Single(s) => typed(s.first()),
        Dates::Range { start, end } => typed(end).or_else(|| typed(start)),
    }
}

fn date_error(e: date::DateError, span: &Range<usize>, path: &str) -> Diagnostic {
    let mut d = Diagnostic::error(e.message)
        .with_span(span.clone())
        .with_path(path.to_owned());
    if let Some(hint) = e.hint {
        d = d.with_hint(hint);
    }
    d
}

/// Maps byte offsets inside a string value to offsets in the TOML source.
///
/// Exact when the value is written without escapes (the common case);
/// otherwise every offset maps to the start of the value.
struct OffsetMap {
    base: usize,
    exact: bool,
}

impl OffsetMap {
    fn new(source: &str, field: &Spanned<String>) -> OffsetMap {
        let span = field.span();
        let raw = source.get(span.clone()).unwrap_or("");
        let value = field.get_ref();
        for quote in ["\"\"\"", "'''", "\"", "'"] {
            if let Some(inner) = raw.strip_prefix(quote).and_then(|r| r.strip_suffix(quote)) {
                // A newline right after a multi-line opener is not part of the value.
                let (skip, inner) = if quote.len() == 3 {
                    match inner
                        .strip_prefix("\r\n")
                        .or_else(|| inner.strip_prefix('\n'))
                    {
                        Some(rest) => (inner.len() - rest.len(), rest),
                        None => (0, inner),
                    }
                } else {
                    (0, inner)
                };
                return OffsetMap {
                    base: span.start + quote.len() + skip,
                    exact: inner == value,
                };
            }
        }
        OffsetMap {
            base: span.start,
            exact: false,
        }
    }

    fn at(&self, offset: usize) -> usize {
        if self.exact {
            self.base + offset
        } else {
            self.base
        }
    }
}

/// An entry's dates in the forms the TOML takes, trimmed.
fn written(dates: &Dates) -> When {
    let canonical = |text: &str| match date::parse_date(text) {
        Ok(Date::Month { year, month }) => format!("{year}-{month:02}"),
        Ok(Date::Year(year)) => year.to_string(),
        Ok(Date::Present) => "present".to_owned(),
        Ok(Date::Text(text)) => text,
        Err(_) => text.trim().to_owned(),
    };
    match dates {
        Dates::Single(s) => When::Single(canonical(s.first())),
        Dates::Range { start, end } => When::Range(canonical(start), canonical(end)),
    }
}

#[cfg(test)]
mod tests {
    use super::select;

    #[test]
    fn a_name_of_invisible_characters_is_empty() {
        let empty = |name: &str| {
            let toml = format!("[person]\nname = \"{name}\"\n");
            let resume = crate::model::parse(&toml).expect("parses");
            select(&resume, &toml)
                .err()
                .is_some_and(|e| e.iter().any(|d| d.message == "the name is empty"))
        };
        // Whitespace, a zero-width space, a soft hyphen, variation selectors.
        assert!(empty(" \\u200B\\u00AD\\uFE0F\\uFE0E "));
        assert!(!empty("Ada\\u00AD\\uFE0F"));
    }

    /// The document and warnings of `toml` (as written, or one variant).
    fn selected(toml: &str, variant: Option<&str>) -> (crate::document::Document, Vec<String>) {
        let resume = crate::model::parse(toml).expect("parses");
        let (doc, warnings) = super::select_warned(&resume, toml, variant).expect("selects");
        (doc, warnings.into_iter().map(|d| d.message).collect())
    }

    #[test]
    fn contact_links_carry_the_address_and_the_number_dialled() {
        let toml = "[person]\nname = \"A\"\nemail = \"first--o'brien@example.com\"\n\
                    phone = \"+1 (212) 555-0123 ext. 45\"\n";
        let (doc, warnings) = selected(toml, None);
        let links: Vec<(String, Option<String>)> = doc
            .contacts
            .iter()
            .map(|c| (c.text(), c.spans[0].link.clone()))
            .collect();
        assert_eq!(
            links,
            [
                (
                    "first--o'brien@example.com".to_owned(),
                    Some("mailto:first--o'brien@example.com".to_owned())
                ),
                (
                    "+1 (212) 555-0123 ext. 45".to_owned(),
                    Some("tel:+12125550123;ext=45".to_owned())
                ),
            ]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let (doc, warnings) = selected("[person]\nname = \"A\"\nphone = \"1-800-FLOWERS\"\n", None);
        assert_eq!(doc.contacts[0].spans[0].link.as_deref(), Some("tel:18003569377"));
        assert_eq!(
            warnings,
            ["the phone link dials `18003569377`: the letters by their keypad digits"]
        );
    }

    #[test]
    fn a_section_a_variant_empties_is_left_out_with_a_warning() {
        let toml = "[person]\nname = \"A\"\n\
                    [[sections]]\ntitle = \"Work\"\n[[sections.entries]]\ntitle = \"E\"\ntags = [\"ml\"]\n\
                    [[sections]]\ntitle = \"Summary\"\ntext = \"S\"\n\
                    [variants.web]\nexclude = [\"ml\"]\n";
        let (doc, warnings) = selected(toml, Some("web"));
        let titles: Vec<String> = doc.sections.iter().map(|s| s.title.text()).collect();
        assert_eq!(titles, ["Summary"]);
        assert_eq!(
            warnings,
            ["variant `web` leaves section `Work` empty; its heading is left out"]
        );
        let (doc, warnings) = selected(toml, None);
        assert_eq!(doc.sections.len(), 2);
        assert!(warnings.is_empty());
    }

    #[test]
    fn lang_must_be_a_language_tag() {
        let (doc, _) = selected("lang = \" pt-BR \"\n[person]\nname = \"A\"\n", None);
        assert_eq!(doc.lang, "pt-BR");
        let toml = "lang = \"en_US\"\n[person]\nname = \"A\"\n";
        let resume = crate::model::parse(toml).expect("parses");
        let errors = select(&resume, toml).unwrap_err();
        assert_eq!(errors[0].path.as_deref(), Some("lang"));
        assert_eq!(errors[0].span, Some(7..14));
    }
}
