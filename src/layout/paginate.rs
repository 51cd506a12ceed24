//! Paginate: put the placed blocks on up to N pages, breaking only between
//! blocks.
//!
//! The break rules, in order: an entry that fits on a page of its own
//! starts the next page rather than being split; otherwise the page ends
//! before the first block that runs past its end; and in both cases a
//! block that must stay with the next one (a section heading, an entry's
//! title, subtitle and details) moves to the next page with it, so that no
//! page ends on a heading or an entry title. Pages after the first carry a
//! running header (the name and "page 2 of 3", in the document's language)
//! above their content.

use std::ops::Range;

use crate::diag::Diagnostic;
use crate::document::PageWords;
use crate::layout::build::{Block, BlockKind};
use crate::layout::frame::{Overflow, Page};
use crate::layout::place::{Breaks, Column, Placer};
use crate::text::shape::FontBook;
use crate::theme::Theme;
use crate::units::Pt;

/// Place blocks on at most `pages` pages (at least one), with the warnings
/// found on the way (tokens too long for a line). The last page takes
/// whatever the pages before it do not; content that runs past its bottom
/// margin is still placed and reported in its [`Page::overflow`].
///
/// `draw: false` only measures (no text items, links or rules: the pages'
/// heights, fill and overflow are exact). With one page this is the
/// single-page placement as it always was: every block in one column.
pub fn place_with(
    blocks: &[Block],
    theme: &Theme,
    fonts: &FontBook,
    breaks: &mut Breaks,
    draw: bool,
    pages: usize,
) -> (Vec<Page>, Vec<Diagnostic>) {
    if pages <= 1 {
        let mut placer = Placer::new(theme, fonts, breaks, draw);
        let page = page(&mut placer, blocks, 0..blocks.len(), 0, 1);
        return (vec![page], placer.warnings);
    }
    let measured = {
        let mut placer = Placer::new(theme, fonts, breaks, false);
        let measured = paginate(&mut placer, blocks, pages);
        if !draw {
            let pages = measured.into_iter().map(|(_, page)| page).collect();
            return (pages, placer.warnings);
        }
        measured
    };
    let count = measured.len();
    let mut placer = Placer::new(theme, fonts, breaks, true);
    let pages = measured
        .into_iter()
        .enumerate()
        .map(|(number, (range, _))| page(&mut placer, blocks, range, number, count))
        .collect();
    (pages, placer.warnings)
}

/// The text of the running header of page `number` (0-based) of `count`:
/// the name and the page number in `words`, and the page number alone for
/// a name too long to share the line.
pub fn running_header(
    name: &str,
    words: &PageWords,
    number: usize,
    count: usize,
) -> (String, String) {
    let page = words.format(number + 1, count);
    (format!("{name} {RUNNING_SEPARATOR} {page}"), page)
}

/// Between the name and the page number in a running header.
const RUNNING_SEPARATOR: &str = "·";

/// Top of the content on page `number` (0-based): the top margin, and
/// below the running header on every page after the first.
fn content_top(theme: &Theme, number: usize) -> Pt {
    if number == 0 {
        theme.margin_top
    } else {
        theme.margin_top + theme.running.height()
    }
}

/// Bottom of the content area.
fn limit(theme: &Theme) -> Pt {
    theme.page_height - theme.margin_bottom
}

/// Page `number` of `count` holding `blocks[range]`, with its running
/// header after the first page.
fn page(
    placer: &mut Placer,
    blocks: &[Block],
    range: Range<usize>,
    number: usize,
    count: usize,
) -> Page {
    let theme = placer.theme;
    let top = content_top(theme, number);
    let mut placed = Vec::new();
    if number > 0 {
        let (text, short) = running_header(name(blocks), &theme.page_words, number, count);
        placed.extend(placer.running_header(&text, &short));
    }
    let (start, end) = (range.start, range.end);
    let column = placer.column(blocks, range, top, limit(theme), false);
    placed.extend(column.placed);
    let bottom = column.bottoms.last().copied().unwrap_or(top);
    let overflow = column
        .first_off
        .map(|off| overflow(&blocks[..end], theme, start, off, bottom));
    Page {
        width: theme.page_width,
        height: theme.page_height,
        items: placer.take_items(),
        content_bottom: bottom,
        available: limit(theme) - top,
        used: bottom - top,
        overflow,
        blocks: placed,
    }
}

/// The name, for running headers: the text of the title block.
fn name(blocks: &[Block]) -> &str {
    match blocks.first().map(|b| &b.kind) {
        Some(BlockKind::Centered(para)) => &para.text,
        _ => "",
    }
}

/// How far a page break may move up from where it must fall, for looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prefer {
    /// Before an entry that then fits on the next page whole (when the
    /// page keeps at least half its height); otherwise as below.
    Whole,
    /// So that neither page has a lone bullet of an entry.
    NoLoneBullet,
    /// Right after the last block that fits (but never after a heading or
    /// an entry title).
    Nothing,
}

impl Prefer {
    /// The next, weaker preference.
    fn weaker(self) -> Prefer {
        match self {
            Prefer::Whole => Prefer::NoLoneBullet,
            Prefer::NoLoneBullet | Prefer::Nothing => Prefer::Nothing,
        }
    }
}

/// Measure the blocks onto at most `pages` pages: each page's blocks and
/// the page as measured.
///
/// A page break keeps an entry whole when it fits on a page, and
/// otherwise leaves no lone bullet of it on either page. When such a
/// preference makes the content overflow, the first break it moved gives
/// it up (first the whole entry, then the lone bullet) and the rest is
/// paginated again: at most `2 × (pages - 1)` retries.
fn paginate(placer: &mut Placer, blocks: &[Block], pages: usize) -> Vec<(Range<usize>, Page)> {
    let mut prefer = vec![Prefer::Whole; pages];
    loop {
        let (laid, moved) = paginate_once(placer, blocks, &prefer);
        let fits = laid.iter().all(|(_, page)| page.overflow.is_none());
        match moved {
            Some(number) if !fits => prefer[number] = prefer[number].weaker(),
            _ => return laid,
        }
    }
}

/// One pagination onto at most `prefer.len()` pages, each break with its
/// preference: the pages, and the first page whose break a preference
/// moved.
fn paginate_once(
    placer: &mut Placer,
    blocks: &[Block],
    prefer: &[Prefer],
) -> (Vec<(Range<usize>, Page)>, Option<usize>) {
    let theme = placer.theme;
    let n = blocks.len();
    let mut out: Vec<(Range<usize>, Page)> = Vec::new();
    let mut moved_break = None;
    let mut start = 0;
    while out.len() + 1 < prefer.len() && start < n {
        let number = out.len();
        let top = content_top(theme, number);
        let column = placer.column(blocks, start..n, top, limit(theme), true);
        let Some(off) = column.first_off else {
            // The rest fits on this page, which is then the last.
            break;
        };
        let (end, moved) = break_before(placer, blocks, &column, (start, off), number, prefer);
        if moved && moved_break.is_none() {
            moved_break = Some(number);
        }
        let kept = end - start;
        let bottom = column.bottoms[kept - 1];
        // Only a block taller than a page of its own runs off a page
        // before the last.
        let overflow = (off < end).then(|| overflow(&blocks[..end], theme, start, off, bottom));
        let mut placed = column.placed;
        placed.truncate(kept);
        out.push((
            start..end,
            Page {
                width: theme.page_width,
                height: theme.page_height,
                items: Vec::new(),
                content_bottom: bottom,
                available: limit(theme) - top,
                used: bottom - top,
                overflow,
                blocks: placed,
            },
        ));
        start = end;
    }
    if start < n || out.is_empty() {
        let number = out.len();
        out.push((start..n, page(placer, blocks, start..n, number, number + 1)));
    }
    (out, moved_break)
}

/// Where page `number`, which starts at block `start` and whose block
/// `off` is the first to run past its end (`column` placed them), ends:
/// the index of the next page's first block, after `start`, and whether
/// the page's preference moved the break up from where it must fall.
fn break_before(
    placer: &mut Placer,
    blocks: &[Block],
    column: &Column,
    (start, off): (usize, usize),
    number: usize,
    prefer: &[Prefer],
) -> (usize, bool) {
    // Between the blocks (an entry's bullets), never after a block that
    // must stay with the next.
    let at = kept_with(blocks, start, off);
    let at = if at > start { at } else { off.max(start + 1) };
    let prefer = prefer.get(number).copied().unwrap_or(Prefer::Nothing);
    if prefer == Prefer::Nothing {
        return (at, false);
    }
    // An entry that fits on a page of its own moves there whole, with the
    // heading before it when it is the section's first, unless that leaves
    // this page less than half full.
    let theme = placer.theme;
    if let Some(entry) = blocks[off].entry.filter(|_| prefer == Prefer::Whole) {
        let same = |i: &usize| blocks[*i].entry == Some(entry);
        let first = (start..=off).rev().take_while(same).last().unwrap_or(off);
        let last = (off..blocks.len()).take_while(same).last().unwrap_or(off);
        let chain = kept_with(blocks, start, first);
        let top = content_top(theme, number);
        let half = top + (limit(theme) - top) / 2.0;
        if chain > start && chain < at && column.bottoms[chain - 1 - start].get() >= half.get() {
            let next_top = content_top(theme, number + 1);
            let on_its_own = placer.column(blocks, chain..last + 1, next_top, limit(theme), true);
            if on_its_own.first_off.is_none() {
                return (chain, true);
            }
        }
    }
    let nicer = no_lone_bullet(blocks, start, at);
    (nicer, nicer < at)
}

/// A break at `at` inside an entry, moved so that neither page has a lone
/// bullet of it: not the entry's only first bullet at the foot of a page
/// (under its title), nor its only last bullet at the top of the next.
fn no_lone_bullet(blocks: &[Block], start: usize, at: usize) -> usize {
    let bullet = |i: usize| {
        matches!(
            blocks[i].kind,
            BlockKind::Lines {
                marker: Some(_),
                ..
            }
        )
    };
    let entry = blocks[at].entry;
    if entry.is_none() || blocks[at - 1].entry != entry || !bullet(at - 1) {
        return at;
    }
    let last = blocks.get(at + 1).is_none_or(|b| b.entry != entry);
    let first = at - 1 == start || !bullet(at - 2) || blocks[at - 2].entry != entry;
    let moved = if first {
        kept_with(blocks, start, at - 1)
    } else if last {
        at - 1
    } else {
        at
    };
    if moved > start { moved } else { at }
}

/// The first block of the run that must stay with block `i` (the heading
/// and entry title before it), not before `start`.
fn kept_with(blocks: &[Block], start: usize, mut i: usize) -> usize {
    while i > start && blocks[i - 1].keep_with_next {
        i -= 1;
    }
    i
}

/// The overflow of a page that starts at block `start` and ends with the
/// last of `blocks`, when block `off` is the first whose ink runs past the
/// bottom margin and the content ends at `bottom`.
fn overflow(blocks: &[Block], theme: &Theme, start: usize, off: usize, bottom: Pt) -> Overflow {
    // A heading or an entry title must not end the page without what follows it.
    let first = kept_with(blocks, start, off);
    let mut falling: Vec<(String, Range<usize>)> = Vec::new();
    for block in &blocks[first..] {
        if falling.last().is_none_or(|(g, _)| *g != block.group) {
            falling.push((block.group.clone(), block.group_span.clone()));
        }
    }
    let by = bottom - limit(theme);
    Overflow {
        by,
        lines: by / (theme.body_size * theme.leading),
        first: blocks[first].owner.clone(),
        span: blocks[first].span.clone(),
        falling,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::build::Builder;
    use crate::{model, select};

    /// A résumé of one section per entry size in `entries`: each entry has
    /// that many one-line bullets.
    fn source(entries: &[usize]) -> String {
        let mut toml = String::from("[person]\nname = \"Ada Example\"\n");
        for (e, bullets) in entries.iter().enumerate() {
            toml.push_str(&format!(
                "\n[[sections]]\ntitle = \"Section {e}\"\n\n[[sections.entries]]\n\
                 title = \"Entry {e}\"\nbullets = [\n"
            ));
            for b in 0..*bullets {
                toml.push_str(&format!("  \"Bullet {b} of entry {e}, one short line\",\n"));
            }
            toml.push_str("]\n");
        }
        toml
    }

    /// The blocks of `entries` paginated onto at most `pages` pages at the
    /// preferred setting: the blocks and each page's range.
    fn paginated(entries: &[usize], pages: usize) -> (Vec<Block>, Vec<Range<usize>>, Vec<Page>) {
        let toml = source(entries);
        let resume = model::parse(&toml).unwrap();
        let doc = select::select(&resume, &toml).unwrap();
        let theme = Theme::resolve(&doc.settings);
        let fonts = FontBook::new();
        let (blocks, _) = Builder::new(&theme, &fonts).build(&doc).unwrap();
        let mut breaks = Breaks::default();
        let mut placer = Placer::new(&theme, &fonts, &mut breaks, false);
        let (ranges, pages): (Vec<_>, Vec<_>) =
            paginate(&mut placer, &blocks, pages).into_iter().unzip();
        (blocks, ranges, pages)
    }

    /// The entry (by number) each page starts in, and whether the page
    /// starts with the entry's title.
    fn page_starts(blocks: &[Block], ranges: &[Range<usize>]) -> Vec<(Option<usize>, bool)> {
        ranges
            .iter()
            .map(|r| {
                let entry = blocks[r.start..].iter().find_map(|b| b.entry);
                let title = r.start == 0
                    || blocks[r.start - 1].entry != blocks[r.start].entry
                    || blocks[r.start].entry.is_none();
                (entry, title)
            })
            .collect()
    }

    #[test]
    fn the_running_header_prints_the_words_it_is_given() {
        let english = PageWords::default();
        assert_eq!(
            running_header("Ada Example", &english, 1, 3),
            ("Ada Example · page 2 of 3".to_owned(), "page 2 of 3".to_owned())
        );
        let latin: Vec<char> = ('0'..='9').collect();
        let german = PageWords::new("Seite {page} von {count}", latin.try_into().unwrap());
        assert_eq!(running_header("A", &german, 2, 3).0, "A · Seite 3 von 3");
    }

    #[test]
    fn one_page_is_one_column_of_every_block() {
        let (blocks, ranges, pages) = paginated(&[80], 1);
        assert_eq!(ranges, vec![0..blocks.len()]);
        assert!(pages[0].overflow.is_some(), "80 lines do not fit one page");
    }

    #[test]
    fn pages_follow_each_other_and_no_page_ends_on_a_heading_or_title() {
        for entries in [
            vec![30, 2, 25, 1, 40, 3, 12],
            vec![55, 5, 5, 5, 5, 5, 5, 5, 5, 5],
            vec![1; 40],
            vec![90, 70],
        ] {
            for pages in 2..=4 {
                let (blocks, ranges, laid) = paginated(&entries, pages);
                assert!(ranges.len() <= pages);
                assert_eq!(ranges[0].start, 0);
                assert_eq!(ranges.last().unwrap().end, blocks.len());
                for (pair, page) in ranges.windows(2).zip(&laid) {
                    assert_eq!(pair[0].end, pair[1].start);
                    assert!(pair[0].end > pair[0].start, "no empty page");
                    let last = &blocks[pair[0].end - 1];
                    assert!(!last.keep_with_next, "{entries:?} on {pages}: {}", last.owner);
                    assert!(page.overflow.is_none(), "only the last page overflows");
                }
            }
        }
    }

    #[test]
    fn an_entry_that_fits_on_a_page_moves_to_the_next_whole() {
        // 45 lines fill most of page 1; the 12-bullet entry would not fit
        // below them, so it starts page 2 with its heading.
        let (blocks, ranges, pages) = paginated(&[45, 12], 2);
        assert_eq!(ranges.len(), 2);
        assert_eq!(page_starts(&blocks, &ranges)[1], (Some(1), true));
        assert!(matches!(blocks[ranges[1].start].kind, BlockKind::Heading(_)));
        assert!(pages[0].fill() < 0.9, "page 1 keeps the space: {}", pages[0].fill());
    }

    #[test]
    fn a_page_is_not_left_half_empty_to_keep_an_entry_whole() {
        // The 50-bullet entry would fit on page 2, but moving it would
        // leave page 1 with 12 lines: it is split instead.
        let (blocks, ranges, pages) = paginated(&[10, 50], 2);
        assert_eq!(ranges.len(), 2);
        assert_eq!(page_starts(&blocks, &ranges)[1], (Some(1), false));
        assert!(pages[0].fill() > 0.97, "page 1 is full: {}", pages[0].fill());
    }

    #[test]
    fn an_entry_longer_than_a_page_breaks_between_its_bullets() {
        let (blocks, ranges, pages) = paginated(&[20, 70], 2);
        assert_eq!(ranges.len(), 2);
        assert_eq!(page_starts(&blocks, &ranges)[1], (Some(1), false));
        assert!(pages[0].fill() > 0.97, "page 1 is full: {}", pages[0].fill());
        assert!(pages[1].overflow.is_none());
    }

    fn is_bullet(block: &Block) -> bool {
        matches!(
            block.kind,
            BlockKind::Lines {
                marker: Some(_),
                ..
            }
        )
    }

    #[test]
    fn no_page_break_leaves_a_lone_bullet_of_an_entry() {
        let mut splits = 0;
        for filler in 30..62 {
            for long in [9, 70] {
                let (blocks, ranges, pages) = paginated(&[filler, long], 3);
                assert!(pages.iter().all(|p| p.overflow.is_none()));
                for pair in ranges.windows(2) {
                    let (foot, top) = (pair[0].end - 1, pair[1].start);
                    if blocks[top].entry.is_none() || blocks[foot].entry != blocks[top].entry {
                        continue;
                    }
                    splits += 1;
                    let case = format!("[{filler}, {long}]: {}", blocks[top].owner);
                    assert!(is_bullet(&blocks[foot - 1]), "{case}: a first bullet alone");
                    let next = blocks.get(top + 1);
                    assert!(next.is_some_and(|b| b.entry == blocks[top].entry), "{case}");
                }
            }
        }
        assert!(splits > 20, "{splits} entries split");
    }

    #[test]
    fn an_entry_is_split_when_keeping_it_whole_would_overflow() {
        // Kept whole, the 35-bullet entry and the 30 after it would not fit
        // on page 2; split after page 1's last line, everything fits.
        let (blocks, ranges, pages) = paginated(&[40, 35, 30], 2);
        assert_eq!(ranges.len(), 2);
        assert_eq!(page_starts(&blocks, &ranges)[1], (Some(1), false));
        assert!(pages.iter().all(|p| p.overflow.is_none()));
    }
}
