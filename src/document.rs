//! The résumé as used: resolved content with parsed inline markup, formatted
//! dates and concrete settings, but no sizes yet.
//!
//! This is what [`crate::select`] returns and what layout consumes. Every
//! piece of text keeps absolute byte offsets into the TOML source, so that a
//! warning about a glyph or an overflow can name the line it came from.

use std::ops::Range;

use crate::text::style::{Span, Style};

/// Inline text: spans of one style each, with source offsets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rich {
    /// The spans in reading order; `offset` is a byte offset into the TOML source.
    pub spans: Vec<Span>,
}

impl Rich {
    /// Plain text with one style, starting at a source offset.
    pub fn plain(text: impl Into<String>, offset: usize) -> Rich {
        Rich {
            spans: vec![Span {
                text: text.into(),
                style: Style::default(),
                link: None,
                offset,
            }],
        }
    }

    /// The text without markup.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// The same text with every span turned into a link to `url`.
    pub fn linked(mut self, url: &str) -> Rich {
        for span in &mut self.spans {
            span.link = Some(url.to_owned());
        }
        self
    }

    /// The same text with every span set bold.
    pub fn bold(mut self) -> Rich {
        for span in &mut self.spans {
            span.style.bold = true;
        }
        self
    }

    /// The same text with every span set italic.
    pub fn italic(mut self) -> Rich {
        for span in &mut self.spans {
            span.style.italic = true;
        }
        self
    }

    /// Append another rich text.
    pub fn push(&mut self, other: Rich) {
        self.spans.extend(other.spans);
    }

    /// The source offset of the first span, for diagnostics.
    pub fn offset(&self) -> usize {
        self.spans.first().map_or(0, |s| s.offset)
    }
}

/// The `font` chosen in `[theme]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FontChoice {
    /// Latin Modern Roman (`"serif"`, the default): without a theme name,
    /// the classic theme.
    Serif,
    /// Inter (`"sans"`): without a theme name, the modern theme.
    Sans,
    /// Another bundled family, by name: the theme's text in that family.
    Family(String),
}

/// The paper size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// ISO A4, 210 × 297 mm.
    A4,
}

/// Settings chosen in `[theme]`.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The font family.
    pub font: FontChoice,
    /// Every `[theme]` key as merged for this document (the résumé's, then
    /// its variant's), which [`crate::theme::Theme`] resolution lays over
    /// the theme they pick.
    pub theme: crate::model::ThemeDef,
    /// The paper size.
    pub paper: Paper,
    /// Justified rather than ragged-right paragraphs.
    pub justify: bool,
    /// Hyphenation at line ends.
    pub hyphenate: bool,
    /// Standard ligatures.
    pub ligatures: bool,
    /// Typographic quotes, dashes and ellipses.
    pub smart_punctuation: bool,
    /// Grow spacing on an underfull page.
    pub spread: bool,
    /// Drop low-priority items when nothing else makes the content fit.
    pub trim: bool,
    /// The most pages the content may take (1 to [`crate::limits::MAX_PAGES`]).
    pub pages: u32,
    /// The direction of the document's language, which the page takes
    /// unless the theme's `direction` says otherwise.
    pub direction: crate::model::theme::Direction,
    /// How the running header of a page after the first numbers it, in
    /// the document's language.
    pub page_words: PageWords,
}

/// The page number of a running header in one language: a pattern with a
/// `{page}` and a `{count}` (`page {page} of {count}`, `Seite {page} von
/// {count}`) and the ten digits the numbers are written in, zero first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageWords {
    pattern: String,
    digits: [char; 10],
}

impl PageWords {
    /// The placeholder for the page's number.
    pub const PAGE: &'static str = "{page}";
    /// The placeholder for the number of pages.
    pub const COUNT: &'static str = "{count}";

    /// A pattern with its digits.
    pub fn new(pattern: impl Into<String>, digits: [char; 10]) -> PageWords {
        PageWords {
            pattern: pattern.into(),
            digits,
        }
    }

    /// The pattern, placeholders unfilled.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Page `page` (1-based) of `count`, as the running header prints it.
    pub fn format(&self, page: usize, count: usize) -> String {
        let number = |n: usize| -> String {
            n.to_string()
                .bytes()
                .map(|b| self.digits[usize::from(b - b'0')])
                .collect()
        };
        // Numbers hold no braces: filling one placeholder cannot make
        // another.
        self.pattern
            .replace(Self::PAGE, &number(page))
            .replace(Self::COUNT, &number(count))
    }
}

impl Default for PageWords {
    /// English, in ASCII digits: `page 2 of 3`.
    fn default() -> Self {
        PageWords::new(
            "page {page} of {count}",
            ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
        )
    }
}

/// One résumé ready for layout.
#[derive(Clone, Debug)]
pub struct Document {
    /// The person's name, printed large at the top.
    pub name: Rich,
    /// An optional line under the name.
    pub headline: Option<Rich>,
    /// The variant this document was selected for (`None`: as written).
    pub variant: Option<String>,
    /// The variant's output file name, if it sets one.
    pub output: Option<String>,
    /// Contact items in order (email, phone, location, links); links carry their URL.
    pub contacts: Vec<Rich>,
    /// The icon name of each contact item, in the same order (`None`: no
    /// icon), drawn when the theme has `icons = true`.
    pub contact_icons: Vec<Option<String>>,
    /// The person's photo, if `person.photo` names one.
    pub photo: Option<PhotoRef>,
    /// Language tag for the PDF metadata.
    pub lang: String,
    /// The sections, in the order written.
    pub sections: Vec<Section>,
    /// Look and paper.
    pub settings: Settings,
}

/// The person's photo as the document refers to it; the image itself is
/// read by the caller (`Session::with_photo`).
#[derive(Clone, Debug, PartialEq)]
pub struct PhotoRef {
    /// The path as written, relative to the résumé.
    pub path: String,
    /// Its alternative text: `person.photo_alt`, or "Photo of <name>".
    pub alt: String,
    /// Byte range of `person.photo` in the TOML source.
    pub span: Range<usize>,
}

/// A titled section.
#[derive(Clone, Debug)]
pub struct Section {
    /// The heading.
    pub title: Rich,
    /// The section's `id`, if it has one.
    pub id: Option<String>,
    /// Byte range of the section in the TOML source.
    pub span: Range<usize>,
    /// What the section holds.
    pub body: Body,
    /// Trimming priority as written: 1 is essential, higher numbers go
    /// first; `None` (unmarked) goes after every marked item, by convention
    /// (see [`crate::trim`]).
    pub priority: Option<u32>,
}

/// The body of a section.
#[derive(Clone, Debug)]
pub enum Body {
    /// Titled entries (education, experience, projects).
    Entries(Vec<Entry>),
    /// `label: items` rows.
    Skills(Vec<SkillRow>),
    /// A free paragraph.
    Text(Rich),
}

/// A job, degree or project.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The bold title.
    pub title: Rich,
    /// Organisation, printed after the title.
    pub org: Option<Rich>,
    /// Place, printed after the organisation.
    pub location: Option<Rich>,
    /// Formatted dates, right-aligned.
    pub dates: Option<Rich>,
    /// The latest typed date of `dates` (a range's end, else its start;
    /// a single date), for telling older entries from newer ones; `None`
    /// without dates or for free text.
    pub latest: Option<crate::model::date::Date>,
    /// The same dates in the forms the TOML takes, whatever language
    /// prints them: what an export reads.
    pub when: Option<When>,
    /// Italic line under the title.
    pub subtitle: Option<Rich>,
    /// Plain lines under the subtitle.
    pub details: Vec<Rich>,
    /// Bullet points.
    pub bullets: Vec<Bullet>,
    /// Byte range of the entry in the TOML source.
    pub span: Range<usize>,
    /// Trimming priority as written (`None`: unmarked), as for sections.
    pub priority: Option<u32>,
}

/// An entry's dates as the TOML states them: `2024-07`, `2024`,
/// `present` or free text such as `Fall 2025`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum When {
    /// One date.
    Single(String),
    /// A start and an end.
    Range(String, String),
}

/// A bullet point.
#[derive(Clone, Debug)]
pub struct Bullet {
    /// The text.
    pub text: Rich,
    /// Trimming priority as written (`None`: unmarked), as for sections.
    pub priority: Option<u32>,
    /// Byte range of the bullet in the TOML source.
    pub span: Range<usize>,
}

/// One skill row.
#[derive(Clone, Debug)]
pub struct SkillRow {
    /// The bold label (without the colon).
    pub label: Rich,
    /// The items.
    pub items: Rich,
    /// Byte range of the row in the TOML source.
    pub span: Range<usize>,
}

/// The separator between contact items, also used by layout.
pub const CONTACT_SEPARATOR: &str = "•";
/// The bullet marker, also used by layout.
pub const BULLET: &str = "•";

/// The marks a theme prints that a reader extracts with the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marks {
    /// The bullet marker.
    pub bullet: String,
    /// Between contact items.
    pub separator: String,
    /// An entry's dates come before its title line (a date column on the left).
    pub dates_first: bool,
}

impl Default for Marks {
    fn default() -> Self {
        Marks {
            bullet: BULLET.to_owned(),
            separator: CONTACT_SEPARATOR.to_owned(),
            dates_first: false,
        }
    }
}

impl Document {
    /// The printed text in reading order, one logical line per element,
    /// with the classic theme's marks (see [`Document::reading_lines_with`]).
    pub fn reading_lines(&self) -> Vec<String> {
        self.reading_lines_with(&Marks::default())
    }

    /// The printed text in reading order, one logical line per element,
    /// with a theme's marks.
    ///
    /// This is the text a PDF reader must extract from the page (the ATS
    /// promise); tests compare it word for word with `pdftotext`.
    pub fn reading_lines_with(&self, marks: &Marks) -> Vec<String> {
        let mut out = vec![self.name.text()];
        out.extend(self.headline.iter().map(Rich::text));
        let contacts: Vec<String> = self.contacts.iter().map(Rich::text).collect();
        out.push(contacts.join(&format!(" {} ", marks.separator)));
        for section in &self.sections {
            out.push(section.title.text());
            match &section.body {
                Body::Entries(entries) => {
                    for entry in entries {
                        let mut head = entry.title_line().text();
                        if let Some(dates) = &entry.dates {
                            head = if marks.dates_first {
                                format!("{} {head}", dates.text())
                            } else {
                                format!("{head} {}", dates.text())
                            };
                        }
                        out.push(head);
                        out.extend(entry.subtitle.iter().map(Rich::text));
                        out.extend(entry.details.iter().map(Rich::text));
                        for bullet in &entry.bullets {
                            out.push(format!("{} {}", marks.bullet, bullet.text.text()));
                        }
                    }
                }
                Body::Skills(rows) => {
                    for row in rows {
                        out.push(row.line().text());
                    }
                }
                Body::Text(text) => out.push(text.text()),
            }
        }
        out
    }

    /// The printed words in reading order, with the classic theme's marks.
    pub fn words(&self) -> Vec<String> {
        self.words_with(&Marks::default())
    }

    /// The printed words in reading order, with a theme's marks.
    pub fn words_with(&self, marks: &Marks) -> Vec<String> {
        self.reading_lines_with(marks)
            .iter()
            .flat_map(|l| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
            .collect()
    }
}

/// How many items a document holds, for `resume variants`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Sections.
    pub sections: usize,
    /// Entries.
    pub entries: usize,
    /// Bullets.
    pub bullets: usize,
    /// Skill rows.
    pub skill_rows: usize,
    /// Contact items (e-mail, phone, location, links).
    pub contacts: usize,
}

impl Counts {
    /// Every item.
    pub fn total(&self) -> usize {
        self.sections + self.entries + self.bullets + self.skill_rows + self.contacts
    }
}

impl Document {
    /// How many items of each kind the document holds.
    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            sections: self.sections.len(),
            contacts: self.contacts.len(),
            ..Counts::default()
        };
        for section in &self.sections {
            match &section.body {
                Body::Entries(entries) => {
                    c.entries += entries.len();
                    c.bullets += entries.iter().map(|e| e.bullets.len()).sum::<usize>();
                }
                Body::Skills(rows) => c.skill_rows += rows.len(),
                Body::Text(_) => {}
            }
        }
        c
    }
}

impl Entry {
    /// The left part of the title line: bold title, then `, org, location`.
    pub fn title_line(&self) -> Rich {
        let mut line = self.title.clone().bold();
        for part in [&self.org, &self.location].into_iter().flatten() {
            line.push(Rich::plain(", ", part.offset()));
            line.push(part.clone());
        }
        line
    }
}

impl SkillRow {
    /// The row as printed: bold `label:` then the items.
    pub fn line(&self) -> Rich {
        let mut line = self.label.clone().bold();
        line.push(Rich {
            spans: vec![Span {
                text: ": ".into(),
                style: Style {
                    bold: true,
                    ..Style::default()
                },
                link: None,
                offset: self.label.offset(),
            }],
        });
        line.push(self.items.clone());
        line
    }
}
