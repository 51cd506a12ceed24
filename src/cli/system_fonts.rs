//! Installed system fonts for the characters that neither the bundled
//! fonts nor the résumé's own font files have: found with fontdb, chosen
//! here (a pure choice over the candidate faces, so that it is the same
//! on every run and testable without fonts), read like a `[fonts]
//! fallback` file, and reported, so that the user can pin them.

use std::path::PathBuf;

use resume::diag::Diagnostic;
use resume::{FontFile, FontWeight, Uncovered};
use rustybuzz::ttf_parser;

use super::io;

/// The most system faces one build uses (a regular and a bold face count
/// as one pick).
const MAX_PICKS: usize = 8;

/// One installed face, as the choice sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The font file.
    pub path: PathBuf,
    /// The face's index in the file (a `.ttc` collection holds several).
    pub index: u32,
    /// The family name, e.g. `Noto Sans CJK JP`.
    pub family: String,
    /// Weight 600 or more.
    pub bold: bool,
    /// Italic or oblique.
    pub italic: bool,
    /// For each needed grapheme (in order), whether the face draws it.
    pub covers: Vec<bool>,
}

/// A face chosen for some of the graphemes.
#[derive(Clone, Debug, PartialEq)]
pub struct Pick {
    /// The candidate (an index into the list given to [`choose`]).
    pub face: usize,
    /// Its bold sibling in the same family, for bold text, if there is one.
    pub bold: Option<usize>,
    /// The graphemes it was chosen for (indices into the needed list).
    pub graphemes: Vec<usize>,
}

/// Choose faces for the `needed` graphemes among `candidates`, given the
/// documents' languages: repeatedly the face that draws the most graphemes
/// still uncovered; among equals, one whose family is written for the
/// documents' language (or, without one, for the script of the text: kana
/// for Japanese, hangul for Korean), an upright regular face, not a
/// monospaced one, then the first by family name, path and index. Each pick
/// brings the bold face of its family for bold text. The result does not
/// depend on the order of `candidates`.
pub fn choose(needed: &[String], candidates: &[Candidate], langs: &[String]) -> Vec<Pick> {
    let markers = language_markers(langs, needed);
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&candidates[a], &candidates[b]);
        (&a.family, &a.path, a.index).cmp(&(&b.family, &b.path, b.index))
    });
    let mut open: Vec<bool> = vec![true; needed.len()];
    let mut picks = Vec::new();
    while picks.len() < MAX_PICKS {
        let gain = |c: &Candidate| {
            c.covers
                .iter()
                .zip(&open)
                .filter(|(covers, open)| **covers && **open)
                .count()
        };
        let rank = |i: usize| {
            let c = &candidates[i];
            let speaks = markers.iter().any(|m| has_word(&c.family, m));
            let plain = !c.bold && !c.italic;
            let mono = has_word(&c.family, "Mono");
            (gain(c), speaks, plain, !mono)
        };
        // The first of the best: `max_by_key` would keep the last.
        let Some(best) = order
            .iter()
            .copied()
            .filter(|&i| gain(&candidates[i]) > 0)
            .fold(None, |best: Option<usize>, i| match best {
                Some(b) if rank(b) >= rank(i) => Some(b),
                _ => Some(i),
            })
        else {
            break;
        };
        let c = &candidates[best];
        let graphemes: Vec<usize> = (0..needed.len())
            .filter(|&g| open[g] && c.covers.get(g).copied().unwrap_or(false))
            .collect();
        for &g in &graphemes {
            open[g] = false;
        }
        let bold = (!c.bold).then(|| {
            order.iter().copied().find(|&i| {
                let o = &candidates[i];
                o.family == c.family
                    && o.bold
                    && o.italic == c.italic
                    && graphemes
                        .iter()
                        .all(|&g| o.covers.get(g).copied().unwrap_or(false))
            })
        });
        picks.push(Pick {
            face: best,
            bold: bold.flatten(),
            graphemes,
        });
    }
    picks
}

/// Whether `word` is one of the space-separated words of `name`.
fn has_word(name: &str, word: &str) -> bool {
    name.split_whitespace()
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// The words in a family name that mark the language it is drawn for
/// (as in `Noto Sans CJK JP`), for the documents' languages, or, when
/// none has one, for the script of the text.
fn language_markers(langs: &[String], needed: &[String]) -> Vec<&'static str> {
    let mut markers = Vec::new();
    for lang in langs {
        let lower = lang.to_ascii_lowercase();
        let mut parts = lower.split(['-', '_']);
        let primary = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        let found: &[&str] = match primary {
            "ja" => &["JP", "Japanese"],
            "ko" => &["KR", "Korean"],
            "zh" if rest.iter().any(|p| ["hant", "tw", "mo"].contains(p)) => &["TC"],
            "zh" if rest.contains(&"hk") => &["HK", "TC"],
            "zh" => &["SC"],
            _ => &[],
        };
        markers.extend_from_slice(found);
    }
    if markers.is_empty() {
        let any = |range: &[std::ops::RangeInclusive<char>]| {
            needed
                .iter()
                .flat_map(|g| g.chars())
                .any(|c| range.iter().any(|r| r.contains(&c)))
        };
        if any(&['\u{3040}'..='\u{30FF}', '\u{31F0}'..='\u{31FF}']) {
            markers.extend_from_slice(&["JP", "Japanese"]);
        } else if any(&['\u{1100}'..='\u{11FF}', '\u{AC00}'..='\u{D7AF}']) {
            markers.extend_from_slice(&["KR", "Korean"]);
        }
    }
    markers
}

/// The installed faces, with which of the `needed` graphemes each draws
/// (faces that draw none are left out).
pub fn candidates(needed: &[String]) -> Vec<Candidate> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let mut out = Vec::new();
    for face in db.faces() {
        let path = match &face.source {
            fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => path.clone(),
            fontdb::Source::Binary(_) => continue,
        };
        let covers = db.with_face_data(face.id, |data, index| {
            let Ok(parsed) = ttf_parser::Face::parse(data, index) else {
                return Vec::new();
            };
            needed
                .iter()
                .map(|g| {
                    g.chars()
                        .filter(|c| !is_invisible(*c))
                        .all(|c| parsed.glyph_index(c).is_some_and(|id| id.0 != 0))
                })
                .collect()
        });
        let Some(covers) = covers.filter(|c| c.iter().any(|x| *x)) else {
            continue;
        };
        let family = face
            .families
            .first()
            .map_or_else(|| face.post_script_name.clone(), |(name, _)| name.clone());
        out.push(Candidate {
            path,
            index: face.index,
            family,
            bold: face.weight.0 >= 600,
            italic: face.style != fontdb::Style::Normal,
            covers,
        });
    }
    out
}

/// Characters that print nothing and that fonts need not have (the
/// joiners and variation selectors of emoji sequences, soft hyphens).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
    ) || ('\u{E0100}'..='\u{E01EF}').contains(&c)
}

/// The system font files for what `uncovered` lacks, read, and one note
/// per face saying what it was chosen for. A file that cannot be read is
/// left out (its characters stay in the missing-glyph warning).
pub fn find(uncovered: &Uncovered) -> (Vec<FontFile>, Vec<Diagnostic>) {
    let needed = &uncovered.graphemes;
    let candidates = candidates(needed);
    let picks = choose(needed, &candidates, &uncovered.langs);
    let mut files = Vec::new();
    let mut notes = Vec::new();
    for pick in picks {
        let mut read = |face: usize, weight: FontWeight| {
            let c = &candidates[face];
            let data = io::read_font(&c.path).ok()?;
            files.push(FontFile {
                path: c.path.display().to_string(),
                data: std::sync::Arc::new(data),
                index: c.index,
                system: Some(weight),
            });
            Some(())
        };
        let (regular, bold) = match pick.bold {
            Some(_) => (FontWeight::Regular, FontWeight::Bold),
            None => (FontWeight::Any, FontWeight::Any),
        };
        if read(pick.face, regular).is_none() {
            continue;
        }
        if let Some(b) = pick.bold {
            read(b, bold);
        }
        notes.push(note(&candidates, &pick, needed));
    }
    (files, notes)
}

/// Graphemes listed in one note at most; the rest are counted.
const MAX_LISTED: usize = 12;

/// The note for one chosen face: which family, which file, for which
/// characters, and how to pin it.
fn note(candidates: &[Candidate], pick: &Pick, needed: &[String]) -> Diagnostic {
    let c = &candidates[pick.face];
    let listed: String = pick
        .graphemes
        .iter()
        .take(MAX_LISTED)
        .filter_map(|&g| needed.get(g).map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    let more = pick.graphemes.len().saturating_sub(MAX_LISTED);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    let file = |c: &Candidate| {
        if c.index > 0 {
            format!("{} (face {})", c.path.display(), c.index)
        } else {
            c.path.display().to_string()
        }
    };
    let mut files = format!("from {}", file(c));
    if let Some(b) = pick.bold {
        files.push_str(&format!("; bold text from {}", file(&candidates[b])));
    }
    Diagnostic::warning(format!(
        "system font {} is used for {listed}{more}",
        c.family
    ))
    .with_hint(files)
    .with_hint(
        "no bundled font has these characters; for the same PDF on another machine, copy the \
         font next to the résumé and name it in `[fonts] fallback = [\"...\"]`, then build with \
         --no-system-fonts (or set `[fonts] system = false`)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face(family: &str, path: &str, index: u32, bold: bool, covers: &[bool]) -> Candidate {
        Candidate {
            path: PathBuf::from(path),
            index,
            family: family.to_owned(),
            bold,
            italic: false,
            covers: covers.to_vec(),
        }
    }

    fn needed(text: &[&str]) -> Vec<String> {
        text.iter().map(|s| s.to_string()).collect()
    }

    /// The Noto CJK collection: every language's face covers everything.
    fn cjk(covers: &[bool]) -> Vec<Candidate> {
        let mut out = Vec::new();
        for (i, lang) in ["JP", "KR", "SC", "TC", "HK"].iter().enumerate() {
            let family = format!("Noto Sans CJK {lang}");
            let mono = format!("Noto Sans Mono CJK {lang}");
            out.push(face(
                &family,
                "/f/NotoSansCJK-Regular.ttc",
                i as u32,
                false,
                covers,
            ));
            out.push(face(
                &mono,
                "/f/NotoSansCJK-Regular.ttc",
                5 + i as u32,
                false,
                covers,
            ));
            out.push(face(
                &family,
                "/f/NotoSansCJK-Bold.ttc",
                i as u32,
                true,
                covers,
            ));
        }
        out
    }

    fn family(c: &[Candidate], pick: &Pick) -> String {
        c[pick.face].family.clone()
    }

    #[test]
    fn the_face_for_the_documents_language_wins_among_equals() {
        let text = needed(&["漢", "字"]);
        let c = cjk(&[true, true]);
        for (lang, want) in [
            ("ja", "Noto Sans CJK JP"),
            ("ko-KR", "Noto Sans CJK KR"),
            ("zh-Hans", "Noto Sans CJK SC"),
            ("zh-TW", "Noto Sans CJK TC"),
            ("zh-HK", "Noto Sans CJK HK"),
        ] {
            let picks = choose(&text, &c, &[lang.to_owned()]);
            assert_eq!(picks.len(), 1, "{lang}");
            assert_eq!(family(&c, &picks[0]), want, "{lang}");
            let bold = picks[0].bold.expect("the bold face of the family");
            assert_eq!(c[bold].family, want);
            assert!(c[bold].bold);
            assert_eq!(picks[0].graphemes, vec![0, 1]);
        }
    }

    #[test]
    fn without_a_language_the_script_decides_then_the_name() {
        let c = cjk(&[true, true]);
        let kana = choose(&needed(&["か", "漢"]), &c, &["en".to_owned()]);
        assert_eq!(family(&c, &kana[0]), "Noto Sans CJK JP");
        let hangul = choose(&needed(&["한", "漢"]), &c, &[]);
        assert_eq!(family(&c, &hangul[0]), "Noto Sans CJK KR");
        // Han alone: the first name in order, never a monospaced face.
        let han = choose(&needed(&["漢", "字"]), &c, &[]);
        assert_eq!(family(&c, &han[0]), "Noto Sans CJK HK");
    }

    #[test]
    fn the_choice_does_not_depend_on_the_order_of_the_candidates() {
        let text = needed(&["漢", "😀"]);
        let mut c = cjk(&[true, false]);
        c.push(face(
            "Noto Color Emoji",
            "/f/NotoColorEmoji.ttf",
            0,
            false,
            &[false, true],
        ));
        let forward = choose(&text, &c, &["ja".to_owned()]);
        let names = |c: &[Candidate], p: &[Pick]| -> Vec<(String, Vec<usize>)> {
            p.iter()
                .map(|p| (family(c, p), p.graphemes.clone()))
                .collect()
        };
        let mut reversed = c.clone();
        reversed.reverse();
        let backward = choose(&text, &reversed, &["ja".to_owned()]);
        assert_eq!(names(&c, &forward), names(&reversed, &backward));
        assert_eq!(
            names(&c, &forward),
            vec![
                ("Noto Sans CJK JP".to_owned(), vec![0]),
                ("Noto Color Emoji".to_owned(), vec![1]),
            ]
        );
        assert_eq!(forward[1].bold, None, "no bold emoji face");
    }

    #[test]
    fn the_face_covering_most_comes_first_and_nothing_is_picked_twice() {
        let text = needed(&["a", "b", "c"]);
        let c = vec![
            face("Small", "/f/small.ttf", 0, false, &[true, false, false]),
            face("Wide", "/f/wide.ttf", 0, false, &[true, true, false]),
            face("Other", "/f/other.ttf", 0, false, &[false, false, true]),
        ];
        let picks = choose(&text, &c, &[]);
        let got: Vec<(String, Vec<usize>)> = picks
            .iter()
            .map(|p| (family(&c, p), p.graphemes.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Wide".to_owned(), vec![0, 1]),
                ("Other".to_owned(), vec![2])
            ]
        );
    }

    #[test]
    fn a_bold_face_is_chosen_when_no_regular_one_covers_and_none_when_nothing_does() {
        let text = needed(&["x"]);
        let c = vec![face("Heavy", "/f/heavy.ttf", 0, true, &[true])];
        let picks = choose(&text, &c, &[]);
        assert_eq!(picks.len(), 1);
        assert_eq!(picks[0].bold, None);
        assert!(choose(&text, &[face("None", "/f/n.ttf", 0, false, &[false])], &[]).is_empty());
        assert!(choose(&text, &[], &[]).is_empty());
    }
}
