//! Inline markup in résumé text fields.
//!
//! The language is deliberately small so that authors rarely need to escape
//! anything: `**bold**`, `*italic*`, `` `code` ``, `[label](url)` and
//! backslash escapes. Every other character, including the ones special to
//! LaTeX or HTML (`$ _ # % & ~ ^ { } < >`), is literal text.
//!
//! Parsing is strict: an unclosed or mismatched delimiter is an error rather
//! than literal text, so a typo never silently changes what gets printed.
//!
//! It runs in two linear passes with explicit stacks and no recursion, so
//! large or deeply nested input can neither stall nor overflow the stack. The
//! first pass finds links, because their extent limits where emphasis may
//! close; the second resolves emphasis and builds the spans.

use crate::text::style::{Span, Style};

/// A markup error, located in the input string.
///
/// Located so the caller can underline the exact delimiter in the source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkupError {
    /// Byte offset of the offending text in the input.
    pub offset: usize,
    /// Byte length of the offending text.
    pub len: usize,
    /// What is wrong, short and lowercase.
    pub message: String,
    /// How to fix it, when there is an obvious fix.
    pub hint: Option<String>,
}

/// Parse the inline markup of one text field into styled spans.
///
/// The single entry point, so every text field of the résumé follows the
/// same rules. Adjacent spans with the same style and link are merged and
/// empty spans are dropped, so the result is the shortest faithful list.
pub fn parse_inline(input: &str) -> Result<Vec<Span>, MarkupError> {
    let links = find_links(input)?;
    let mut parser = Parser::new(input, links);
    parser.run()?;
    Ok(parser.out.spans)
}

/// The plain text of the spans, concatenated: what the tests compare
/// parsed markup with.
#[cfg(test)]
pub fn plain_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// Where a link sits in the input; all positions are byte offsets.
#[derive(Clone, Copy, Debug)]
struct Link {
    /// The `[`.
    open: usize,
    /// The `]`; the `(` follows it directly.
    label_end: usize,
    /// The matching `)`.
    close: usize,
}

/// Byte length of the escape or lone backslash at `i`.
fn escape_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i + 1) {
        Some(c) if c.is_ascii_punctuation() => 2,
        _ => 1,
    }
}

/// Number of consecutive `b` bytes starting at `i`.
fn run_len(bytes: &[u8], i: usize, b: u8) -> usize {
    bytes
        .get(i..)
        .map_or(0, |rest| rest.iter().take_while(|&&c| c == b).count())
}

/// The code span opening at `i`: the opener length and the start of the closer.
///
/// A run of n backticks is closed by the next run of exactly n backticks, so
/// code can contain shorter or longer backtick runs.
fn code_span(bytes: &[u8], i: usize) -> Result<(usize, usize), MarkupError> {
    let n = run_len(bytes, i, b'`');
    let mut j = i + n;
    loop {
        let found = bytes
            .get(j..)
            .and_then(|rest| rest.iter().position(|&c| c == b'`'));
        let Some(k) = found.map(|p| j + p) else {
            return Err(unclosed_backtick(i, n));
        };
        let m = run_len(bytes, k, b'`');
        if m == n {
            return Ok((n, k));
        }
        j = k + m.max(1);
    }
}

fn unclosed_backtick(offset: usize, n: usize) -> MarkupError {
    let hint = if n == 1 {
        "close it with another backtick, or write \\` for a literal backtick".to_owned()
    } else {
        format!("close it with a run of {n} backticks, or write \\` for each literal backtick")
    };
    MarkupError {
        offset,
        len: n,
        message: "unclosed backtick".to_owned(),
        hint: Some(hint),
    }
}

/// The matching `)` of every `(` that directly follows a `]`.
///
/// Computed once for the whole input so that finding link targets stays
/// linear; a target is literal text, so escapes and backticks do not count.
struct TargetParens {
    /// `(open, close)` pairs sorted by `open`.
    pairs: Vec<(usize, usize)>,
}

impl TargetParens {
    fn new(bytes: &[u8]) -> TargetParens {
        let mut pairs = Vec::new();
        // Candidate openers still waiting, with the depth just after each.
        let mut waiting: Vec<(usize, usize)> = Vec::new();
        let mut depth = 0usize;
        let mut prev = 0u8;
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'(' => {
                    depth += 1;
                    if prev == b']' {
                        waiting.push((i, depth));
                    }
                }
                b')' if depth > 0 => {
                    if let Some(&(open, d)) = waiting.last()
                        && d == depth
                    {
                        waiting.pop();
                        pairs.push((open, i));
                    }
                    depth -= 1;
                }
                _ => {}
            }
            prev = b;
        }
        pairs.sort_unstable();
        TargetParens { pairs }
    }

    fn close_of(&self, open: usize) -> Option<usize> {
        let k = self.pairs.binary_search_by_key(&open, |p| p.0).ok()?;
        self.pairs.get(k).map(|p| p.1)
    }
}

/// First pass: find every `[label](url)`, in input order.
///
/// Brackets pair up like nested parentheses, so a label may contain
/// balanced brackets; a `[` left without a link is literal text.
fn find_links(input: &str) -> Result<Vec<Link>, MarkupError> {
    let bytes = input.as_bytes();
    let parens = TargetParens::new(bytes);
    let mut brackets: Vec<usize> = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += escape_len(bytes, i),
            b'`' => {
                let (n, close) = code_span(bytes, i)?;
                i = close + n;
            }
            b'[' => {
                brackets.push(i);
                i += 1;
            }
            b']' => {
                let open = brackets.pop();
                let close = match bytes.get(i + 1) {
                    Some(b'(') => parens.close_of(i + 1),
                    _ => None,
                };
                match (open, close) {
                    (Some(open), Some(close)) => {
                        if let Some(inner) = links.last()
                            && inner.open > open
                        {
                            return Err(MarkupError {
                                offset: inner.open,
                                len: inner.close + 1 - inner.open,
                                message: "links cannot nest".to_owned(),
                                hint: Some("move the inner link out of the label".to_owned()),
                            });
                        }
                        links.push(Link {
                            open,
                            label_end: i,
                            close,
                        });
                        i = close + 1;
                    }
                    (Some(_), None) if bytes.get(i + 1) == Some(&b'(') => {
                        return Err(MarkupError {
                            offset: i + 1,
                            len: 1,
                            message: "unclosed link target".to_owned(),
                            hint: Some(
                                "close it with `)`, or write `\\(` for a literal parenthesis"
                                    .to_owned(),
                            ),
                        });
                    }
                    _ => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    Ok(links)
}

/// An open construct on the second pass's stack.
#[derive(Clone, Copy, Debug)]
enum Frame {
    /// An asterisk run still waiting for its closer.
    Emph { count: usize, offset: usize },
    /// The label of a link.
    Link,
}

/// How `count` asterisks style the text: `*` italic, `**` bold, `***` both.
fn emph_style(count: usize) -> (bool, bool) {
    (count >= 2, count % 2 == 1)
}

/// The delimiter as shown in messages, short even for absurd runs.
fn delim(count: usize) -> String {
    if count <= 3 {
        format!("`{}`", "*".repeat(count))
    } else {
        format!("run of {count} asterisks")
    }
}

fn unclosed_emph(offset: usize, count: usize, in_link: bool) -> MarkupError {
    let escaped = if count == 1 {
        "write `\\*` for a literal asterisk".to_owned()
    } else if count <= 3 {
        format!("write `{}` for literal asterisks", "\\*".repeat(count))
    } else {
        "write `\\*` for each literal asterisk".to_owned()
    };
    let close = if count <= 3 {
        format!("close it with {}", delim(count))
    } else {
        "close it with an equal run".to_owned()
    };
    let place = if in_link {
        " before the link's `]`"
    } else {
        ""
    };
    MarkupError {
        offset,
        len: count,
        message: format!("unclosed {}", delim(count)),
        hint: Some(format!("{close}{place}, or {escaped}")),
    }
}

/// Accumulates text and turns it into merged spans.
#[derive(Default)]
struct Builder {
    spans: Vec<Span>,
    pending: String,
    pending_offset: usize,
}

impl Builder {
    fn push(&mut self, offset: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.pending.is_empty() {
            self.pending_offset = offset;
        }
        self.pending.push_str(text);
    }

    fn flush(&mut self, style: Style, link: &Option<String>) {
        if self.pending.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.pending);
        if let Some(last) = self.spans.last_mut()
            && last.style == style
            && last.link == *link
        {
            last.text.push_str(&text);
            return;
        }
        self.spans.push(Span {
            text,
            style,
            link: link.clone(),
            offset: self.pending_offset,
        });
    }
}

/// Second pass: emphasis, code and link labels, with an explicit stack.
struct Parser<'a> {
    input: &'a str,
    links: Vec<Link>,
    /// The next link not yet closed.
    next_link: usize,
    frames: Vec<Frame>,
    /// Open frames that make text bold.
    bold: usize,
    /// Open frames that make text italic.
    italic: usize,
    /// Open emphasis frames, inside or outside a link.
    emph: usize,
    code: bool,
    link: Option<String>,
    link_has_text: bool,
    out: Builder,
}

impl<'a> Parser<'a> {
    fn new(input: &'a str, links: Vec<Link>) -> Parser<'a> {
        Parser {
            input,
            links,
            next_link: 0,
            frames: Vec::new(),
            bold: 0,
            italic: 0,
            emph: 0,
            code: false,
            link: None,
            link_has_text: false,
            out: Builder::default(),
        }
    }

    fn style(&self) -> Style {
        Style {
            bold: self.bold > 0,
            italic: self.italic > 0,
            code: self.code,
        }
    }

    fn flush(&mut self) {
        let style = self.style();
        self.out.flush(style, &self.link);
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.input.get(start..end).unwrap_or("")
    }

    fn text(&mut self, offset: usize, text: &str) {
        if self.link.is_some() && !text.trim().is_empty() {
            self.link_has_text = true;
        }
        self.out.push(offset, text);
    }

    fn literal(&mut self, start: usize, end: usize) {
        let text = self.slice(start, end);
        self.text(start, text);
    }

    fn run(&mut self) -> Result<(), MarkupError> {
        let bytes = self.input.as_bytes();
        let mut i = 0;
        // Start of the literal text not yet handed to the builder.
        let mut plain = 0;
        while let Some(&b) = bytes.get(i) {
            let link = self.links.get(self.next_link).copied();
            match b {
                b'\\' => {
                    if escape_len(bytes, i) == 2 {
                        self.literal(plain, i);
                        let escaped = self.slice(i + 1, i + 2);
                        self.text(i, escaped);
                        i += 2;
                        plain = i;
                    } else {
                        i += 1;
                    }
                }
                b'`' => {
                    self.literal(plain, i);
                    i = self.code_span(i)?;
                    plain = i;
                }
                b'*' => {
                    self.literal(plain, i);
                    i = self.stars(i)?;
                    plain = i;
                }
                b'[' if link.is_some_and(|l| l.open == i) => {
                    self.literal(plain, i);
                    self.open_link()?;
                    i += 1;
                    plain = i;
                }
                b']' if link.is_some_and(|l| l.label_end == i) => {
                    self.literal(plain, i);
                    i = self.close_link()?;
                    plain = i;
                }
                _ => i += 1,
            }
        }
        self.literal(plain, bytes.len());
        self.flush();
        match self.frames.last() {
            Some(&Frame::Emph { count, offset }) => Err(unclosed_emph(offset, count, false)),
            Some(Frame::Link) => Err(MarkupError {
                offset: bytes.len(),
                len: 0,
                message: "unclosed link".to_owned(),
                hint: None,
            }),
            None => Ok(()),
        }
    }

    /// Handle the code span at `i`; returns the offset after it.
    fn code_span(&mut self, i: usize) -> Result<usize, MarkupError> {
        let (n, close) = code_span(self.input.as_bytes(), i)?;
        let mut start = i + n;
        let mut content = self.slice(start, close);
        // As in Markdown, one space on each side lets code begin or end with a backtick.
        if content.len() >= 2
            && content.starts_with(' ')
            && content.ends_with(' ')
            && !content.bytes().all(|b| b == b' ')
        {
            start += 1;
            content = self.slice(start, close - 1);
        }
        self.flush();
        self.code = true;
        self.text(start, content);
        self.flush();
        self.code = false;
        Ok(close + n)
    }

    /// Handle the asterisk run at `i`; returns the offset after it.
    fn stars(&mut self, i: usize) -> Result<usize, MarkupError> {
        let k = run_len(self.input.as_bytes(), i, b'*');
        let end = i + k;
        let prev = self.input.get(..i).and_then(|s| s.chars().next_back());
        let next = self.input.get(end..).and_then(|s| s.chars().next());
        let can_open = next.is_some_and(|c| !c.is_whitespace());
        let can_close = prev.is_some_and(|c| !c.is_whitespace());

        if can_close && self.closable(k) {
            self.close_emph(k);
            return Ok(end);
        }
        if can_open {
            self.flush();
            self.frames.push(Frame::Emph {
                count: k,
                offset: i,
            });
            self.add_style(k, true);
            self.emph += 1;
            return Ok(end);
        }
        if can_close {
            match self.frames.last() {
                Some(&Frame::Emph { count, .. }) => {
                    return Err(MarkupError {
                        offset: i,
                        len: k,
                        message: format!("{} does not match the open {}", delim(k), delim(count)),
                        hint: Some(format!(
                            "close the open {} first, or write `\\*` for each literal asterisk",
                            delim(count)
                        )),
                    });
                }
                Some(Frame::Link) if self.emph > 0 => {
                    return Err(MarkupError {
                        offset: i,
                        len: k,
                        message: format!("{} closes emphasis across a link", delim(k)),
                        hint: Some(
                            "open and close emphasis on the same side of the link's `]`".to_owned(),
                        ),
                    });
                }
                _ => {}
            }
        }
        let stars = self.slice(i, end);
        self.text(i, stars);
        Ok(end)
    }

    fn add_style(&mut self, count: usize, on: bool) {
        let (bold, italic) = emph_style(count);
        if on {
            self.bold += usize::from(bold);
            self.italic += usize::from(italic);
        } else {
            self.bold = self.bold.saturating_sub(usize::from(bold));
            self.italic = self.italic.saturating_sub(usize::from(italic));
        }
    }

    /// Whether `k` asterisks exactly close open emphasis inside the current link or text.
    ///
    /// A `***` opener may be closed in two steps, `*` then `**` or the reverse.
    fn closable(&self, mut k: usize) -> bool {
        for frame in self.frames.iter().rev() {
            match *frame {
                Frame::Link => return false,
                Frame::Emph { count, .. } => {
                    if k == count {
                        return true;
                    }
                    if k < count {
                        return count == 3;
                    }
                    k -= count;
                }
            }
        }
        false
    }

    /// Close emphasis with `k` asterisks; [`Parser::closable`] has checked it fits.
    fn close_emph(&mut self, mut k: usize) {
        self.flush();
        while k > 0 {
            let Some(Frame::Emph { count, offset }) = self.frames.last().copied() else {
                return;
            };
            self.add_style(count, false);
            if k >= count {
                self.frames.pop();
                self.emph = self.emph.saturating_sub(1);
                k -= count;
            } else {
                let left = count - k;
                self.add_style(left, true);
                if let Some(top) = self.frames.last_mut() {
                    *top = Frame::Emph {
                        count: left,
                        offset,
                    };
                }
                k = 0;
            }
        }
    }

    fn open_link(&mut self) -> Result<(), MarkupError> {
        let Some(link) = self.links.get(self.next_link).copied() else {
            return Ok(());
        };
        let url = self.slice(link.label_end + 2, link.close).trim();
        if url.is_empty() {
            return Err(MarkupError {
                offset: link.label_end + 1,
                len: link.close - link.label_end,
                message: "empty link target".to_owned(),
                hint: Some(
                    "write the address between the parentheses, as `[label](https://example.com)`"
                        .to_owned(),
                ),
            });
        }
        self.flush();
        self.frames.push(Frame::Link);
        self.link = Some(url.to_owned());
        self.link_has_text = false;
        Ok(())
    }

    /// Close the current link at its `]`; returns the offset after its `)`.
    fn close_link(&mut self) -> Result<usize, MarkupError> {
        let Some(link) = self.links.get(self.next_link).copied() else {
            return Ok(self.input.len());
        };
        if let Some(&Frame::Emph { count, offset }) = self.frames.last() {
            return Err(unclosed_emph(offset, count, true));
        }
        if !self.link_has_text {
            return Err(MarkupError {
                offset: link.open,
                len: link.close + 1 - link.open,
                message: "empty link label".to_owned(),
                hint: Some(
                    "write the text to print between the brackets, as `[label](url)`".to_owned(),
                ),
            });
        }
        self.flush();
        self.frames.pop();
        self.link = None;
        self.next_link += 1;
        Ok(link.close + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A span from a compact style code: `b` bold, `i` italic, `c` code.
    fn sp(text: &str, style: &str, link: Option<&str>, offset: usize) -> Span {
        Span {
            text: text.to_owned(),
            style: Style {
                bold: style.contains('b'),
                italic: style.contains('i'),
                code: style.contains('c'),
            },
            link: link.map(str::to_owned),
            offset,
        }
    }

    fn ok(input: &str) -> Vec<Span> {
        match parse_inline(input) {
            Ok(spans) => spans,
            Err(e) => panic!("unexpected error for {input:?}: {e:?}"),
        }
    }

    fn err(input: &str) -> MarkupError {
        match parse_inline(input) {
            Ok(spans) => panic!("expected an error for {input:?}, got {spans:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn empty_input_gives_no_spans() {
        assert_eq!(ok(""), vec![]);
    }

    #[test]
    fn plain_text_is_one_span() {
        assert_eq!(ok("hello world"), vec![sp("hello world", "", None, 0)]);
    }

    #[test]
    fn other_special_characters_are_literal() {
        let input = "$5 _x_ __y__ #1 100% a&b ~ ^2 {x} <b> é ü 😀 ( ) ] [";
        assert_eq!(ok(input), vec![sp(input, "", None, 0)]);
    }

    #[test]
    fn bold() {
        assert_eq!(
            ok("a **b** c"),
            vec![
                sp("a ", "", None, 0),
                sp("b", "b", None, 4),
                sp(" c", "", None, 7)
            ]
        );
    }

    #[test]
    fn italic() {
        assert_eq!(
            ok("*a* b"),
            vec![sp("a", "i", None, 1), sp(" b", "", None, 3)]
        );
    }

    #[test]
    fn intraword_emphasis() {
        assert_eq!(
            ok("200*N*"),
            vec![sp("200", "", None, 0), sp("N", "i", None, 4)]
        );
        assert_eq!(
            ok("un**frigging**believable"),
            vec![
                sp("un", "", None, 0),
                sp("frigging", "b", None, 4),
                sp("believable", "", None, 14)
            ]
        );
    }

    #[test]
    fn italic_inside_bold() {
        assert_eq!(
            ok("**bold *both* bold**"),
            vec![
                sp("bold ", "b", None, 2),
                sp("both", "bi", None, 8),
                sp(" bold", "b", None, 13)
            ]
        );
    }

    #[test]
    fn bold_inside_italic() {
        assert_eq!(
            ok("*it **both** it*"),
            vec![
                sp("it ", "i", None, 1),
                sp("both", "bi", None, 6),
                sp(" it", "i", None, 12)
            ]
        );
    }

    #[test]
    fn triple_asterisks() {
        assert_eq!(ok("***x***"), vec![sp("x", "bi", None, 3)]);
        assert_eq!(
            ok("***a* b**"),
            vec![sp("a", "bi", None, 3), sp(" b", "b", None, 5)]
        );
        assert_eq!(
            ok("***a** b*"),
            vec![sp("a", "bi", None, 3), sp(" b", "i", None, 6)]
        );
        assert_eq!(
            ok("*a **b***"),
            vec![sp("a ", "i", None, 1), sp("b", "bi", None, 5)]
        );
        assert_eq!(
            ok("**a *b***"),
            vec![sp("a ", "b", None, 2), sp("b", "bi", None, 5)]
        );
    }

    #[test]
    fn italic_opened_and_closed_inside_bold_between_words() {
        assert_eq!(
            ok("**a*b*c**"),
            vec![
                sp("a", "b", None, 2),
                sp("b", "bi", None, 4),
                sp("c", "b", None, 6)
            ]
        );
    }

    #[test]
    fn asterisks_that_cannot_open_or_close_are_literal() {
        for input in [
            "5 * 3",
            "a *",
            "*",
            "**",
            "***",
            "a * b * c",
            "* item",
            "a ** b",
        ] {
            assert_eq!(ok(input), vec![sp(input, "", None, 0)], "{input:?}");
        }
    }

    #[test]
    fn closer_with_nothing_open_is_literal() {
        assert_eq!(ok("Python*"), vec![sp("Python*", "", None, 0)]);
        assert_eq!(ok("a* b"), vec![sp("a* b", "", None, 0)]);
        assert_eq!(
            ok("*a* b*"),
            vec![sp("a", "i", None, 1), sp(" b*", "", None, 3)]
        );
    }

    #[test]
    fn emphasis_needs_non_space_inside() {
        assert_eq!(ok("** a **"), vec![sp("** a **", "", None, 0)]);
    }

    #[test]
    fn unicode_next_to_asterisks() {
        assert_eq!(
            ok("é*ü*é"),
            vec![
                sp("é", "", None, 0),
                sp("ü", "i", None, 3),
                sp("é", "", None, 6)
            ]
        );
        // A non-breaking space counts as whitespace.
        assert_eq!(
            ok("a\u{a0}*\u{a0}b"),
            vec![sp("a\u{a0}*\u{a0}b", "", None, 0)]
        );
    }

    #[test]
    fn code_is_literal() {
        assert_eq!(
            ok("run `*x* \\* [a](b) **` now"),
            vec![
                sp("run ", "", None, 0),
                sp("*x* \\* [a](b) **", "c", None, 5),
                sp(" now", "", None, 22)
            ]
        );
    }

    #[test]
    fn code_keeps_surrounding_style() {
        assert_eq!(
            ok("**a `b` c**"),
            vec![
                sp("a ", "b", None, 2),
                sp("b", "bc", None, 5),
                sp(" c", "b", None, 7)
            ]
        );
        assert_eq!(ok("*`x`*"), vec![sp("x", "ic", None, 2)]);
    }

    #[test]
    fn double_backticks_allow_backticks_inside() {
        assert_eq!(ok("``a`b``"), vec![sp("a`b", "c", None, 2)]);
        assert_eq!(ok("`` `x` ``"), vec![sp("`x`", "c", None, 3)]);
        assert_eq!(ok("`a``b`"), vec![sp("a``b", "c", None, 1)]);
    }

    #[test]
    fn spaces_only_code_is_kept() {
        assert_eq!(ok("`  `"), vec![sp("  ", "c", None, 1)]);
    }

    #[test]
    fn backtick_run_needs_an_equal_closer() {
        // Four backticks open a code span of their own rather than two empty ones.
        let e = err("a````b");
        assert_eq!(e.message, "unclosed backtick");
        assert_eq!((e.offset, e.len), (1, 4));
    }

    #[test]
    fn escapes() {
        assert_eq!(ok("\\*a\\*"), vec![sp("*a*", "", None, 0)]);
        assert_eq!(ok("a\\\\b"), vec![sp("a\\b", "", None, 0)]);
        assert_eq!(ok("\\[x](y)"), vec![sp("[x](y)", "", None, 0)]);
        assert_eq!(ok("\\`x"), vec![sp("`x", "", None, 0)]);
        assert_eq!(ok("\\$\\_\\#"), vec![sp("$_#", "", None, 0)]);
        assert_eq!(ok("5 \\* 3"), vec![sp("5 * 3", "", None, 0)]);
    }

    #[test]
    fn backslash_before_other_characters_is_literal() {
        for input in ["a\\b", "a\\ b", "a\\", "\\", "\\é", "C:\\Users"] {
            assert_eq!(ok(input), vec![sp(input, "", None, 0)], "{input:?}");
        }
    }

    #[test]
    fn escapes_inside_emphasis() {
        assert_eq!(ok("**a\\*b**"), vec![sp("a*b", "b", None, 2)]);
        assert_eq!(
            ok("x **\\*** y"),
            vec![
                sp("x ", "", None, 0),
                sp("*", "b", None, 4),
                sp(" y", "", None, 8)
            ]
        );
    }

    #[test]
    fn link() {
        assert_eq!(
            ok("see [docs](https://x.y) now"),
            vec![
                sp("see ", "", None, 0),
                sp("docs", "", Some("https://x.y"), 5),
                sp(" now", "", None, 23)
            ]
        );
    }

    #[test]
    fn link_label_with_markup() {
        assert_eq!(
            ok("[**b** and `c`](u)"),
            vec![
                sp("b", "b", Some("u"), 3),
                sp(" and ", "", Some("u"), 6),
                sp("c", "c", Some("u"), 12)
            ]
        );
    }

    #[test]
    fn emphasis_around_link() {
        assert_eq!(
            ok("**[a](u) b**"),
            vec![sp("a", "b", Some("u"), 3), sp(" b", "b", None, 8)]
        );
        assert_eq!(
            ok("*see [a](u)*"),
            vec![sp("see ", "i", None, 1), sp("a", "i", Some("u"), 6)]
        );
    }

    #[test]
    fn link_target_with_balanced_parentheses() {
        let url = "https://en.wikipedia.org/wiki/Rust_(programming_language)";
        let input = format!("[Rust]({url}) lang");
        assert_eq!(
            ok(&input),
            vec![
                sp("Rust", "", Some(url), 1),
                sp(" lang", "", None, input.len() - 5)
            ]
        );
    }

    #[test]
    fn link_target_is_literal() {
        assert_eq!(ok("[a](x*y`z\\)"), vec![sp("a", "", Some("x*y`z\\"), 1)]);
    }

    #[test]
    fn link_target_is_trimmed() {
        assert_eq!(ok("[a]( u )"), vec![sp("a", "", Some("u"), 1)]);
    }

    #[test]
    fn adjacent_links_to_the_same_target_merge() {
        assert_eq!(ok("[a](u)[b](u)"), vec![sp("ab", "", Some("u"), 1)]);
        assert_eq!(
            ok("[a](u)[b](v)"),
            vec![sp("a", "", Some("u"), 1), sp("b", "", Some("v"), 7)]
        );
    }

    #[test]
    fn brackets_without_link_are_literal() {
        for input in [
            "[draft]",
            "[draft] (x)",
            "[a",
            "a]",
            "](x)",
            "[[[",
            "]]](((",
        ] {
            assert_eq!(ok(input), vec![sp(input, "", None, 0)], "{input:?}");
        }
    }

    #[test]
    fn a_link_target_without_its_parenthesis_is_an_error() {
        for (input, at) in [("[a](", 3), ("[a](b", 3), ("see [docs](https://x.org", 10)] {
            let e = parse_inline(input).unwrap_err();
            assert_eq!(
                (e.offset, e.message.as_str()),
                (at, "unclosed link target"),
                "{input:?}"
            );
        }
    }

    #[test]
    fn literal_bracket_before_link() {
        assert_eq!(
            ok("[a] [b](u)"),
            vec![sp("[a] ", "", None, 0), sp("b", "", Some("u"), 5)]
        );
        assert_eq!(
            ok("[a [b](u)"),
            vec![sp("[a ", "", None, 0), sp("b", "", Some("u"), 4)]
        );
    }

    #[test]
    fn balanced_brackets_in_label() {
        assert_eq!(ok("[a [b] c](u)"), vec![sp("a [b] c", "", Some("u"), 1)]);
        assert_eq!(ok("[a \\] c](u)"), vec![sp("a ] c", "", Some("u"), 1)]);
        assert_eq!(ok("[`]`](u)"), vec![sp("]", "c", Some("u"), 2)]);
    }

    #[test]
    fn emphasis_inside_unlinked_brackets() {
        assert_eq!(
            ok("[*a] b*"),
            vec![sp("[", "", None, 0), sp("a] b", "i", None, 2)]
        );
        assert_eq!(
            ok("*a [b* c"),
            vec![sp("a [b", "i", None, 1), sp(" c", "", None, 6)]
        );
    }

    #[test]
    fn nested_links_are_an_error() {
        let e = err("[a [b](u)](v)");
        assert_eq!(e.message, "links cannot nest");
        assert_eq!((e.offset, e.len), (3, 6));
    }

    #[test]
    fn empty_link_target_is_an_error() {
        let e = err("[x]()");
        assert_eq!(e.message, "empty link target");
        assert_eq!((e.offset, e.len), (3, 2));
        assert_eq!(err("[x](  )").message, "empty link target");
    }

    #[test]
    fn empty_link_label_is_an_error() {
        let e = err("[](u)");
        assert_eq!(e.message, "empty link label");
        assert_eq!((e.offset, e.len), (0, 5));
        assert_eq!(err("a [ ](u)").message, "empty link label");
        assert_eq!(err("[` `](u)").message, "empty link label");
    }

    #[test]
    fn unclosed_bold() {
        let e = err("a **b");
        assert_eq!(e.message, "unclosed `**`");
        assert_eq!((e.offset, e.len), (2, 2));
        assert_eq!(
            e.hint.as_deref(),
            Some("close it with `**`, or write `\\*\\*` for literal asterisks")
        );
    }

    #[test]
    fn unclosed_italic() {
        let e = err("a *b");
        assert_eq!(e.message, "unclosed `*`");
        assert_eq!((e.offset, e.len), (2, 1));
        assert_eq!(
            e.hint.as_deref(),
            Some("close it with `*`, or write `\\*` for a literal asterisk")
        );
        assert_eq!(err("*nix").message, "unclosed `*`");
    }

    #[test]
    fn unclosed_triple() {
        let e = err("***a");
        assert_eq!(e.message, "unclosed `***`");
        assert_eq!((e.offset, e.len), (0, 3));
        // Once the italic half closes, the bold half is what stays open.
        let e = err("***a* b");
        assert_eq!(e.message, "unclosed `**`");
        assert_eq!((e.offset, e.len), (0, 2));
    }

    #[test]
    fn unclosed_long_run_keeps_message_short() {
        let input = format!("{}a", "*".repeat(1000));
        let e = err(&input);
        assert_eq!(e.message, "unclosed run of 1000 asterisks");
        assert_eq!((e.offset, e.len), (0, 1000));
    }

    #[test]
    fn innermost_unclosed_is_reported() {
        let e = err("**a *b");
        assert_eq!(e.message, "unclosed `*`");
        assert_eq!(e.offset, 4);
    }

    #[test]
    fn unclosed_backtick() {
        let e = err("a `b");
        assert_eq!(e.message, "unclosed backtick");
        assert_eq!((e.offset, e.len), (2, 1));
        assert!(e.hint.is_some());
        let e = err("``a`");
        assert_eq!(e.message, "unclosed backtick");
        assert_eq!((e.offset, e.len), (0, 2));
    }

    #[test]
    fn unclosed_emphasis_inside_link_label() {
        let e = err("[*a](u)");
        assert_eq!(e.message, "unclosed `*`");
        assert_eq!((e.offset, e.len), (1, 1));
        assert!(e.hint.is_some_and(|h| h.contains("`]`")));
        assert_eq!(err("[a *b](u) c*").message, "unclosed `*`");
    }

    #[test]
    fn mismatched_close_order() {
        let e = err("**a *b** c*");
        assert_eq!(e.message, "`**` does not match the open `*`");
        assert_eq!((e.offset, e.len), (6, 2));
        assert!(e.hint.is_some());
    }

    #[test]
    fn mismatched_single_against_bold() {
        let e = err("**a* b**");
        assert_eq!(e.message, "`*` does not match the open `**`");
        assert_eq!((e.offset, e.len), (3, 1));
    }

    #[test]
    fn mismatched_extra_asterisk() {
        let e = err("*a** b");
        assert_eq!(e.message, "`**` does not match the open `*`");
        assert_eq!((e.offset, e.len), (2, 2));
    }

    #[test]
    fn emphasis_cannot_close_across_link() {
        let e = err("*a [b* c](u)");
        assert_eq!(e.message, "`*` closes emphasis across a link");
        assert_eq!((e.offset, e.len), (5, 1));
    }

    #[test]
    fn offsets_of_merged_spans_are_the_first_part() {
        let spans = ok("ab\\*cd");
        assert_eq!(spans, vec![sp("ab*cd", "", None, 0)]);
        let spans = ok("\\*cd");
        assert_eq!(spans[0].offset, 0);
    }

    #[test]
    fn plain_text_concatenates() {
        let spans = ok("**Rust** and [C](u) `x`");
        assert_eq!(plain_text(&spans), "Rust and C x");
        assert_eq!(plain_text(&[]), "");
    }

    #[test]
    fn deep_brackets_do_not_overflow() {
        let input = "[".repeat(200_000);
        assert_eq!(ok(&input), vec![sp(&input, "", None, 0)]);
        let input = format!("{}a{}", "[".repeat(100_000), "](u)".repeat(2));
        assert_eq!(err(&input).message, "links cannot nest");
    }

    #[test]
    fn deep_emphasis_does_not_overflow() {
        let n = 100_000;
        let delim = |d: usize| if d.is_multiple_of(2) { "*" } else { "**" };
        let mut input = String::new();
        for d in 0..n {
            input.push_str(delim(d));
            input.push_str("x ");
        }
        for d in (0..n).rev() {
            input.push('x');
            input.push_str(delim(d));
            input.push(' ');
        }
        let spans = ok(&input);
        assert_eq!(plain_text(&spans).matches('x').count(), 2 * n);
        assert_eq!(spans.last().map(|s| s.style), Some(Style::default()));
        // Unclosed at depth: an error, not a crash.
        assert_eq!(err(&"*a ".repeat(100_000)).message, "unclosed `*`");
    }

    #[test]
    fn large_input_is_linear() {
        // Patterns that would be quadratic with naive rescanning.
        let inputs = [
            "[a](".repeat(200_000),
            "]((".repeat(200_000),
            "[a](b) ".repeat(100_000),
            "` ``".repeat(100_000) + "`",
            "**a** *b* `c` [d](e) \\* plain text ".repeat(50_000),
            "a*".repeat(200_000),
        ];
        for input in &inputs {
            let _ = parse_inline(input);
        }
    }

    /// Check what holds for every input, success or failure.
    fn check_invariants(input: &str) {
        match parse_inline(input) {
            Ok(spans) => {
                for (k, span) in spans.iter().enumerate() {
                    assert!(!span.text.is_empty(), "{input:?}");
                    assert!(span.offset <= input.len(), "{input:?}");
                    assert!(input.is_char_boundary(span.offset), "{input:?}");
                    if let Some(prev) = k.checked_sub(1).and_then(|p| spans.get(p)) {
                        assert!(
                            prev.style != span.style || prev.link != span.link,
                            "unmerged spans for {input:?}"
                        );
                        assert!(prev.offset < span.offset, "{input:?}");
                    }
                }
                let markup = ['*', '`', '\\', '[', ']', '(', ')'];
                if !input.contains(markup) {
                    assert_eq!(plain_text(&spans), input);
                }
            }
            Err(e) => {
                assert!(e.offset + e.len <= input.len(), "{input:?}");
                assert!(input.is_char_boundary(e.offset), "{input:?}");
                assert!(input.is_char_boundary(e.offset + e.len), "{input:?}");
                assert!(!e.message.is_empty());
            }
        }
    }

    #[test]
    fn exhaustive_short_inputs_never_panic() {
        let alphabet = ['*', '`', '[', ']', '(', ')', '\\', 'a', ' ', 'é'];
        let mut input = String::new();
        for len in 0..=5u32 {
            for mut n in 0..alphabet.len().pow(len) {
                input.clear();
                for _ in 0..len {
                    input.push(alphabet[n % alphabet.len()]);
                    n /= alphabet.len();
                }
                check_invariants(&input);
            }
        }
    }

    #[test]
    fn random_inputs_never_panic() {
        let alphabet = [
            "*", "**", "`", "[", "]", "(", ")", "\\", "a", "b", " ", "é", "😀", "](", "\n",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            let input: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            check_invariants(&input);
        }
    }
}
