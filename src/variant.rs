//! Variant profiles: which tagged items a tailored résumé keeps, in which
//! section order, with which fields replaced and which theme tweaks.
//!
//! A profile is resolved (its `extends` chain merged, every reference
//! checked against the résumé) before selection, so a typo in a tag, a
//! section or a variant name is an error with its line, not a silently
//! different PDF.

use std::collections::{BTreeMap, BTreeSet};
use toml::Spanned;

use crate::diag::Diagnostic;
use crate::model::{FitDef, LocaleDef, OverrideDef, Resume, ThemeDef, VariantDef};

/// A resolved variant profile.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    /// The variant's name.
    pub name: String,
    /// Tagged items need one of these tags (when not empty).
    pub include: BTreeSet<String>,
    /// Items with any of these tags are dropped.
    pub exclude: BTreeSet<String>,
    /// Section references (id or title) in print order, when given.
    pub sections: Option<Vec<Spanned<String>>>,
    /// Output file name, when given.
    pub output: Option<String>,
    /// Theme settings merged over `[theme]`.
    pub theme: ThemeDef,
    /// Fit settings merged over `[fit]`.
    pub fit: FitDef,
    /// The language the chain sets last, with the path of its `lang`.
    pub lang: Option<(String, Spanned<String>)>,
    /// Each `[locale]` table of the chain with its path, root first: each
    /// applies over the file's `[locale]` and the ones before it.
    pub locale: Vec<(String, LocaleDef)>,
    /// Field replacements by id (`person`, a section id or an entry id).
    pub overrides: BTreeMap<String, OverrideDef>,
}

impl Profile {
    /// Whether an item with these tags belongs to the variant.
    pub fn keeps<'a>(&self, tags: impl IntoIterator<Item = &'a str> + Clone) -> bool {
        let mut tags = tags.into_iter().peekable();
        if tags.peek().is_none() {
            return true;
        }
        let tags: Vec<&str> = tags.collect();
        if tags.iter().any(|t| self.exclude.contains(*t)) {
            return false;
        }
        self.include.is_empty() || tags.iter().any(|t| self.include.contains(*t))
    }
}

/// Every tag some item of the résumé carries.
pub fn known_tags(resume: &Resume) -> BTreeSet<String> {
    let spanned =
        |list: &[Spanned<String>]| list.iter().map(|t| t.get_ref().clone()).collect::<Vec<_>>();
    let mut tags = BTreeSet::new();
    for link in &resume.person.links {
        tags.extend(spanned(&link.get_ref().tags));
    }
    for section in &resume.sections {
        let s = section.get_ref();
        tags.extend(spanned(&s.tags));
        for entry in s.entries.iter().flatten() {
            let e = entry.get_ref();
            tags.extend(spanned(&e.tags));
            for bullet in &e.bullets {
                tags.extend(bullet.get_ref().tags.iter().cloned());
            }
        }
        for row in s.skills.iter().flatten() {
            tags.extend(spanned(&row.get_ref().tags));
        }
    }
    tags
}

/// Ids that overrides may name: `person`, and every section and entry id.
fn known_ids(resume: &Resume) -> BTreeMap<String, IdKind> {
    let mut ids = BTreeMap::new();
    ids.insert("person".to_owned(), IdKind::Person);
    for section in &resume.sections {
        let s = section.get_ref();
        if let Some(id) = &s.id {
            let kind = if s.text.is_some() {
                IdKind::TextSection
            } else {
                IdKind::Section
            };
            ids.insert(id.get_ref().clone(), kind);
        }
        for entry in s.entries.iter().flatten() {
            if let Some(id) = &entry.get_ref().id {
                ids.insert(id.get_ref().clone(), IdKind::Entry);
            }
        }
    }
    ids
}

/// What an id names, which decides the fields an override may set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum IdKind {
    Person,
    Section,
    TextSection,
    Entry,
}

impl IdKind {
    fn allows(self) -> &'static [&'static str] {
        match self {
            IdKind::Person => &["title", "headline"],
            IdKind::Section => &["title"],
            IdKind::TextSection => &["title", "text"],
            IdKind::Entry => &["title", "org", "location", "subtitle"],
        }
    }
}

/// Check the résumé's own ids: each at most once.
pub fn check_ids(resume: &Resume) -> Vec<Diagnostic> {
    let mut ids: Vec<&Spanned<String>> = Vec::new();
    for section in &resume.sections {
        let s = section.get_ref();
        ids.extend(&s.id);
        for entry in s.entries.iter().flatten() {
            ids.extend(&entry.get_ref().id);
        }
    }
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut errors = Vec::new();
    for id in ids {
        if id.get_ref() == "person" {
            errors.push(
                Diagnostic::error("the id `person` is reserved")
                    .with_span(id.span())
                    .with_hint("overrides use `person` for the header; choose another id"),
            );
        } else if !seen.insert(id.get_ref()) {
            errors.push(
                Diagnostic::error(format!("the id `{}` is used twice", id.get_ref()))
                    .with_span(id.span())
                    .with_hint("ids name one section or entry each"),
            );
        }
    }
    errors
}

/// Resolve the named variant: merge its `extends` chain and check every
/// tag, section, id and variant it names.
pub fn resolve(resume: &Resume, name: &str) -> Result<Profile, Vec<Diagnostic>> {
    let chain = chain(resume, name).map_err(|d| vec![d])?;
    let errors = check(resume, &chain);
    if errors.is_empty() {
        Ok(merge(name, &chain))
    } else {
        Err(errors)
    }
}

/// A variant's name and definition.
type Link<'r> = (&'r str, &'r Spanned<VariantDef>);

/// The chain from the variant `name` up to its root (the variant itself
/// first), or the first problem with it: an unknown name, a cycle, or a
/// chain deeper than [`crate::limits::MAX_EXTENDS_DEPTH`].
fn chain<'r>(resume: &'r Resume, name: &str) -> Result<Vec<Link<'r>>, Diagnostic> {
    let variants: BTreeMap<&str, &Spanned<VariantDef>> = resume
        .variants
        .iter()
        .map(|(k, v)| (k.get_ref().as_str(), v))
        .collect();
    let Some((&first, _)) = variants.get_key_value(name) else {
        let list: Vec<&str> = variants.keys().copied().collect();
        return Err(
            Diagnostic::unknown("variant", name, list.iter().copied()).with_hint(
                if list.is_empty() {
                    "the file defines no variants; add a `[variants.NAME]` table".to_owned()
                } else {
                    format!("the variants are: {}", list.join(", "))
                },
            ),
        );
    };

    let mut chain: Vec<Link<'r>> = Vec::new();
    let mut current = first;
    while let Some(&def) = variants.get(current) {
        if let Some(start) = chain.iter().position(|(n, _)| *n == current) {
            return Err(cycle(name, &chain[start..], current, def));
        }
        chain.push((current, def));
        if chain.len() > crate::limits::MAX_EXTENDS_DEPTH {
            return Err(Diagnostic::error(format!(
                "variant `{name}` extends a chain of more than {} variants",
                crate::limits::MAX_EXTENDS_DEPTH
            ))
            .with_span(def.span())
            .with_hint("let variants extend a common base instead of each other"));
        }
        let Some(parent) = &def.get_ref().extends else {
            break;
        };
        let Some((&known, _)) = variants.get_key_value(parent.get_ref().as_str()) else {
            return Err(
                Diagnostic::unknown("variant", parent.get_ref(), variants.keys().copied())
                    .with_span(parent.span())
                    .with_path(format!("variants.{current}.extends")),
            );
        };
        current = known;
    }
    Ok(chain)
}

/// The error for a variant `name` whose chain comes back to `current`:
/// `looped` is the part of the chain from `current`'s first visit on, and
/// `def` is `current`'s definition.
fn cycle(name: &str, looped: &[Link<'_>], current: &str, def: &Spanned<VariantDef>) -> Diagnostic {
    let cycle: Vec<&str> = looped.iter().map(|(n, _)| *n).chain([current]).collect();
    let through = if current == name {
        String::new()
    } else {
        format!("extends `{current}`, which ")
    };
    Diagnostic::error(format!(
        "variant `{name}` {through}extends itself: {}",
        cycle.join(" → ")
    ))
    .with_span(def.span())
    .with_hint("remove one `extends` from the cycle")
}

/// What the résumé defines, for checking the names a variant uses.
struct Known {
    /// Every tag an item carries.
    tags: BTreeSet<String>,
    /// Every id an override may name, with what it names.
    ids: BTreeMap<String, IdKind>,
    /// Every section's title and id.
    sections: BTreeSet<String>,
}

impl Known {
    fn new(resume: &Resume) -> Self {
        let sections = resume
            .sections
            .iter()
            .flat_map(|s| {
                let s = s.get_ref();
                s.title
                    .strings()
                    .map(str::to_owned)
                    .chain(s.id.iter().map(|i| i.get_ref().clone()))
            })
            .collect();
        Self {
            tags: known_tags(resume),
            ids: known_ids(resume),
            sections,
        }
    }
}

/// Why a tag is unknown.
const TAG_HINT: &str = "no section, entry, bullet, skill row or link carries this tag";

/// Every problem with the tags, sections, output names and overrides the
/// chain's variants set, root first and in field order within a variant.
fn check(resume: &Resume, chain: &[Link<'_>]) -> Vec<Diagnostic> {
    let known = Known::new(resume);
    let mut errors = Vec::new();
    for (variant, def) in chain.iter().rev() {
        let d = def.get_ref();
        let named = [
            ("include", "tag", &d.include[..], &known.tags, TAG_HINT),
            ("exclude", "tag", &d.exclude[..], &known.tags, TAG_HINT),
            (
                "sections",
                "section",
                d.sections.as_deref().unwrap_or_default(),
                &known.sections,
                "name a section by its `id` or its title",
            ),
        ];
        for (field, kind, list, names, hint) in named {
            for name in list.iter().filter(|n| !names.contains(n.get_ref())) {
                errors.push(
                    Diagnostic::unknown(kind, name.get_ref(), names.iter().map(String::as_str))
                        .with_span(name.span())
                        .with_path(format!("variants.{variant}.{field}"))
                        .with_hint(hint),
                );
            }
        }
        if let Some(sections) = &d.sections {
            check_repeats(resume, variant, sections, &mut errors);
        }
        if let Some(output) = &d.output
            && let Some(why) = output_problem(output.get_ref())
        {
            errors.push(
                Diagnostic::error(format!(
                    "`{}` is not a file name: {why}",
                    shown(output.get_ref())
                ))
                .with_span(output.span())
                .with_path(format!("variants.{variant}.output"))
                .with_hint("write a plain name such as \"ada-ml.pdf\"; --out-dir sets the folder"),
            );
        }
        for (id, over) in &d.overrides {
            check_override(&known, variant, id, over, &mut errors);
        }
        if let Some(lang) = &d.lang {
            let path = format!("variants.{variant}.lang");
            errors.extend(crate::locale::check_tag(lang, &path).err());
        }
        if let Some(locale) = &d.locale {
            let path = format!("variants.{variant}.locale");
            crate::locale::Patch::read(locale, &path, &mut errors);
        }
    }
    errors
}

/// The longest output file name, in bytes (the limit of common file systems).
const MAX_OUTPUT_BYTES: usize = 255;

/// Why `file` cannot be a variant's output file name, or `None`: it names
/// one file inside the output folder, printable and not hidden.
fn output_problem(file: &str) -> Option<String> {
    if file.is_empty() {
        return Some("it is empty".to_owned());
    }
    if let Some(c) = file.chars().find(|c| c.is_control()) {
        return Some(format!("it has a control character (U+{:04X})", c as u32));
    }
    if file.contains(['/', '\\']) {
        return Some("it has a path separator".to_owned());
    }
    if file.contains("..") {
        return Some("it has `..`".to_owned());
    }
    if file.starts_with('.') {
        return Some("it starts with a dot".to_owned());
    }
    if file.len() > MAX_OUTPUT_BYTES {
        return Some(format!(
            "it is {} bytes long; the limit is {MAX_OUTPUT_BYTES}",
            file.len()
        ));
    }
    None
}

/// A name as messages show it: escaped, and cut short when long.
fn shown(name: &str) -> String {
    const SHOWN_CHARS: usize = 60;
    let mut out: String = name.chars().take(SHOWN_CHARS).collect();
    if name.chars().count() > SHOWN_CHARS {
        out.push('…');
    }
    out.escape_debug().to_string()
}

/// A section named twice in a variant's `sections` (by title or id): an
/// error at the second mention, which would print the section again.
fn check_repeats(
    resume: &Resume,
    variant: &str,
    sections: &[Spanned<String>],
    errors: &mut Vec<Diagnostic>,
) {
    let mut first: BTreeMap<usize, &Spanned<String>> = BTreeMap::new();
    for name in sections {
        // The same rule as selection: the first section with that id or title.
        let Some(index) = resume.sections.iter().position(|s| {
            let s = s.get_ref();
            s.id.as_ref().is_some_and(|id| id.get_ref() == name.get_ref())
                || s.title.strings().any(|t| t == name.get_ref())
        }) else {
            continue;
        };
        let Some(earlier) = first.get(&index) else {
            first.insert(index, name);
            continue;
        };
        let message = if earlier.get_ref() == name.get_ref() {
            format!("section `{}` is named twice", name.get_ref())
        } else {
            format!(
                "`{}` names section `{}` again, named before as `{}`",
                name.get_ref(),
                resume.sections[index].get_ref().title.first(),
                earlier.get_ref()
            )
        };
        errors.push(
            Diagnostic::error(message)
                .with_span(name.span())
                .with_path(format!("variants.{variant}.sections"))
                .with_hint("each section is printed once; remove this mention"),
        );
    }
}

/// Check one override: its id must exist, and it may only set the fields
/// of what that id names.
fn check_override(
    known: &Known,
    variant: &str,
    id: &Spanned<String>,
    over: &Spanned<OverrideDef>,
    errors: &mut Vec<Diagnostic>,
) {
    let Some(kind) = known.ids.get(id.get_ref()) else {
        errors.push(
            Diagnostic::unknown("id", id.get_ref(), known.ids.keys().map(String::as_str))
                .with_span(over.span())
                .with_path(format!("variants.{variant}.override"))
                .with_hint("overrides name `person` or the `id` of a section or an entry"),
        );
        return;
    };
    let o = over.get_ref();
    let set = [
        ("title", &o.title),
        ("org", &o.org),
        ("location", &o.location),
        ("subtitle", &o.subtitle),
        ("text", &o.text),
        ("headline", &o.headline),
    ];
    for (field, value) in set {
        if let Some(value) = value
            && !kind.allows().contains(&field)
        {
            errors.push(
                Diagnostic::error(format!(
                    "`{}` has no field `{field}` to override",
                    id.get_ref()
                ))
                .with_span(value.span())
                .with_path(format!(
                    "variants.{variant}.override.{}.{field}",
                    id.get_ref()
                ))
                .with_hint(format!("it can override: {}", kind.allows().join(", "))),
            );
        }
    }
}

/// The profile of the checked chain: root first, so that each child's
/// settings replace its parent's.
fn merge(name: &str, chain: &[Link<'_>]) -> Profile {
    let mut profile = Profile {
        name: name.to_owned(),
        ..Profile::default()
    };
    for (variant, def) in chain.iter().rev() {
        let d = def.get_ref();
        profile
            .include
            .extend(d.include.iter().map(|t| t.get_ref().clone()));
        profile
            .exclude
            .extend(d.exclude.iter().map(|t| t.get_ref().clone()));
        if let Some(sections) = &d.sections {
            profile.sections = Some(sections.clone());
        }
        if let Some(output) = &d.output {
            profile.output = Some(output.get_ref().clone());
        }
        if let Some(theme) = &d.theme {
            profile.theme = theme.merged_over(&profile.theme);
        }
        if let Some(fit) = &d.fit {
            profile.fit = fit.merged_over(&profile.fit);
        }
        if let Some(lang) = &d.lang {
            profile.lang = Some((format!("variants.{variant}.lang"), lang.clone()));
        }
        if let Some(locale) = &d.locale {
            let path = format!("variants.{variant}.locale");
            profile.locale.push((path, locale.clone()));
        }
        for (id, over) in &d.overrides {
            let merged = profile.overrides.entry(id.get_ref().clone()).or_default();
            *merged = over.get_ref().merged_over(merged);
        }
    }
    profile
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
[person]
name = "Ada"

[[sections]]
title = "Work"
id = "work"

[[sections.entries]]
title = "Engineer"
id = "eng"
tags = ["backend", "ml"]

[[sections]]
title = "Summary"
text = "Builds things."
"#;

    fn resume(variants: &str) -> Resume {
        crate::model::parse(&format!("{BASE}{variants}")).expect("test résumé parses")
    }

    fn messages(result: Result<Profile, Vec<Diagnostic>>) -> Vec<(String, Vec<String>)> {
        result
            .expect_err("variant should not resolve")
            .into_iter()
            .map(|d| (d.message, d.hints))
            .collect()
    }

    #[test]
    fn unknown_variant_lists_the_variants() {
        let r = resume("[variants.ml]\n[variants.web]\n");
        assert_eq!(
            messages(resolve(&r, "mll")),
            [(
                "unknown variant `mll`".to_owned(),
                vec![
                    "did you mean `ml`?".to_owned(),
                    "the variants are: ml, web".to_owned()
                ]
            )]
        );
        let r = resume("");
        assert_eq!(
            messages(resolve(&r, "ml"))[0].1,
            ["the file defines no variants; add a `[variants.NAME]` table"]
        );
    }

    #[test]
    fn chain_problems_stop_at_the_first() {
        let r = resume("[variants.a]\nextends = \"b\"\n[variants.b]\nextends = \"a\"\n");
        assert_eq!(
            messages(resolve(&r, "a"))[0].0,
            "variant `a` extends itself: a → b → a"
        );
        let r = resume(
            "[variants.a]\nextends = \"b\"\n[variants.b]\nextends = \"c\"\n\
             [variants.c]\nextends = \"b\"\n",
        );
        assert_eq!(
            messages(resolve(&r, "a")),
            [(
                "variant `a` extends `b`, which extends itself: b → c → b".to_owned(),
                vec!["remove one `extends` from the cycle".to_owned()]
            )]
        );
        let r = resume("[variants.a]\nextends = \"bb\"\n[variants.b]\n");
        let errors = resolve(&r, "a").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message, "unknown variant `bb`");
        assert_eq!(errors[0].path.as_deref(), Some("variants.a.extends"));
        assert_eq!(errors[0].hints, ["did you mean `b`?"]);
    }

    #[test]
    fn too_deep_a_chain_is_an_error() {
        let depth = crate::limits::MAX_EXTENDS_DEPTH;
        let mut variants = String::new();
        for i in 0..depth {
            variants.push_str(&format!("[variants.v{i}]\nextends = \"v{}\"\n", i + 1));
        }
        variants.push_str(&format!("[variants.v{depth}]\n"));
        let r = resume(&variants);
        assert_eq!(
            messages(resolve(&r, "v0"))[0].0,
            format!(
                "variant `v0` extends a chain of more than {} variants",
                crate::limits::MAX_EXTENDS_DEPTH
            )
        );
        assert!(resolve(&r, "v1").is_ok());
    }

    #[test]
    fn every_problem_of_the_chain_root_first() {
        let r = resume(
            "[variants.child]\nextends = \"base\"\ninclude = [\"bakend\"]\n\
             [variants.child.override.eng]\ntext = \"x\"\n\
             [variants.base]\nexclude = [\"mll\"]\nsections = [\"wrk\"]\noutput = \"a/b.pdf\"\n\
             [variants.base.override.wrk]\ntitle = \"T\"\n",
        );
        let errors = resolve(&r, "child").unwrap_err();
        let got: Vec<(&str, Option<&str>)> = errors
            .iter()
            .map(|d| (d.message.as_str(), d.path.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("unknown tag `mll`", Some("variants.base.exclude")),
                ("unknown section `wrk`", Some("variants.base.sections")),
                (
                    "`a/b.pdf` is not a file name: it has a path separator",
                    Some("variants.base.output")
                ),
                ("unknown id `wrk`", Some("variants.base.override")),
                ("unknown tag `bakend`", Some("variants.child.include")),
                (
                    "`eng` has no field `text` to override",
                    Some("variants.child.override.eng.text")
                ),
            ]
        );
        assert_eq!(
            errors[0].hints,
            [
                "did you mean `ml`?",
                "no section, entry, bullet, skill row or link carries this tag"
            ]
        );
        assert_eq!(
            errors[1].hints,
            [
                // Ties go to the first name in order, and titles sort first.
                "did you mean `Work`?",
                "name a section by its `id` or its title"
            ]
        );
        assert_eq!(
            errors[3].hints,
            [
                "did you mean `work`?",
                "overrides name `person` or the `id` of a section or an entry"
            ]
        );
        assert_eq!(
            errors[5].hints,
            ["it can override: title, org, location, subtitle"]
        );
    }

    #[test]
    fn a_section_named_twice_is_an_error_at_the_second_mention() {
        let r = resume("[variants.v]\nsections = [\"Summary\", \"work\", \"Summary\", \"Work\"]\n");
        let errors = resolve(&r, "v").unwrap_err();
        let got: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            got,
            [
                "section `Summary` is named twice",
                "`Work` names section `Work` again, named before as `work`"
            ]
        );
        let source = format!("{BASE}[variants.v]\nsections = [\"Summary\", \"work\", \"Summary\", \"Work\"]\n");
        let third = source.rfind("\"Summary\"").unwrap();
        assert_eq!(errors[0].span.as_ref().map(|s| s.start), Some(third));
        assert!(resolve(&resume("[variants.v]\nsections = [\"work\", \"Summary\"]\n"), "v").is_ok());
    }

    #[test]
    fn an_output_is_one_plain_file_name() {
        for good in ["ada.pdf", "Ada Lovelace – ML.pdf", "a.b.pdf", &"a".repeat(255)] {
            assert_eq!(output_problem(good), None, "{good}");
        }
        for (bad, why) in [
            ("", "empty"),
            ("a\0.pdf", "U+0000"),
            ("a\n.pdf", "U+000A"),
            ("a\u{1b}]0;x\u{7}.pdf", "U+001B"),
            ("../a.pdf", "separator"),
            ("a\\b.pdf", "separator"),
            ("..", "`..`"),
            ("a..pdf", "`..`"),
            (".hidden.pdf", "dot"),
            (&"a".repeat(256), "256 bytes"),
        ] {
            let problem = output_problem(bad).unwrap_or_default();
            assert!(problem.contains(why), "{bad:?}: {problem}");
        }
    }

    #[test]
    fn a_child_replaces_its_parents_settings() {
        let r = resume(
            "[variants.child]\nextends = \"base\"\ninclude = [\"ml\"]\nsections = [\"Summary\"]\n\
             theme = { justify = true }\nfit = { trim = true }\n\
             [variants.child.override.eng]\ntitle = \"Lead\"\n\
             [variants.base]\ninclude = [\"backend\"]\nsections = [\"work\"]\noutput = \"base.pdf\"\n\
             theme = { justify = false, hyphenate = true }\nfit = { spread = false, trim = false }\n\
             [variants.base.override.eng]\ntitle = \"Engineer II\"\norg = \"Acme\"\n",
        );
        let p = resolve(&r, "child").expect("resolves");
        assert_eq!(p.name, "child");
        assert_eq!(
            p.include.iter().map(String::as_str).collect::<Vec<_>>(),
            ["backend", "ml"]
        );
        let sections: Vec<&str> = p
            .sections
            .iter()
            .flatten()
            .map(|s| s.get_ref().as_str())
            .collect();
        assert_eq!(sections, ["Summary"]);
        assert_eq!(p.output.as_deref(), Some("base.pdf"));
        assert_eq!(
            (p.theme.justify, p.theme.hyphenate),
            (Some(true), Some(true))
        );
        assert_eq!((p.fit.spread, p.fit.trim), (Some(false), Some(true)));
        let eng = &p.overrides["eng"];
        assert_eq!(eng.title.as_ref().unwrap().first(), "Lead");
        assert_eq!(eng.org.as_ref().unwrap().first(), "Acme");
    }
}
