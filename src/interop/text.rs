//! Plain text and Markdown renderings of a resolved [`Document`].
//!
//! Both follow the page's reading order: the name, the headline, the
//! contact line, then each section with its heading, its entries (title,
//! organisation and location with the dates on the same line, then the
//! subtitle, the details and the bullets), its skill rows or its paragraph.
//!
//! Plain text is for pasting into job-portal forms: no markup characters,
//! bullets as `- `, a link as `label (url)` (just the address when the label
//! is the address, just the label for e-mail and phone links). Markdown keeps
//! bold, italic, code and links, and escapes characters that Markdown would
//! read as markup.

use super::{link_runs, strip_scheme};
use crate::document::{Body, Document, Entry, Rich};
use crate::text::style::{Span, Style};

/// Separates the contact items, and the dates from the rest of an entry's line.
const SEPARATOR: &str = " | ";

/// Plain text for job-portal forms: reading order, bullets as "- ", no markup.
pub fn export_text(doc: &Document) -> String {
    let mut out = Vec::new();
    out.push(plain(&doc.name));
    out.extend(doc.headline.iter().map(plain));
    if !doc.contacts.is_empty() {
        let contacts: Vec<String> = doc.contacts.iter().map(plain).collect();
        out.push(contacts.join(SEPARATOR));
    }
    for section in &doc.sections {
        out.push(String::new());
        out.push(plain(&section.title));
        match &section.body {
            Body::Entries(entries) => {
                for (i, entry) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(String::new());
                    }
                    out.push(entry_line(entry, plain));
                    out.extend(entry.subtitle.iter().map(plain));
                    out.extend(entry.details.iter().map(plain));
                    out.extend(
                        entry
                            .bullets
                            .iter()
                            .map(|b| format!("- {}", plain(&b.text))),
                    );
                }
            }
            Body::Skills(rows) => {
                for row in rows {
                    out.push(format!("{}: {}", plain(&row.label), plain(&row.items)));
                }
            }
            Body::Text(text) => out.push(plain(text)),
        }
    }
    finish(out)
}

/// Markdown.
pub fn export_markdown(doc: &Document) -> String {
    let mut out = Vec::new();
    out.push(format!("# {}", heading(markdown(&doc.name))));
    if let Some(headline) = &doc.headline {
        out.push(String::new());
        out.push(block(markdown(headline)));
    }
    if !doc.contacts.is_empty() {
        let contacts: Vec<String> = doc.contacts.iter().map(markdown).collect();
        out.push(String::new());
        out.push(block(contacts.join(" \u{2022} ")));
    }
    for section in &doc.sections {
        out.push(String::new());
        out.push(format!("## {}", heading(markdown(&section.title))));
        match &section.body {
            Body::Entries(entries) => {
                for entry in entries {
                    out.push(String::new());
                    out.push(format!("### {}", heading(entry_line(entry, markdown))));
                    if let Some(subtitle) = &entry.subtitle {
                        out.push(String::new());
                        out.push(block(markdown(&subtitle.clone().italic())));
                    }
                    for detail in &entry.details {
                        out.push(String::new());
                        out.push(block(markdown(detail)));
                    }
                    if !entry.bullets.is_empty() {
                        out.push(String::new());
                        out.extend(
                            entry
                                .bullets
                                .iter()
                                .map(|b| format!("- {}", block(markdown(&b.text)))),
                        );
                    }
                }
            }
            Body::Skills(rows) => {
                out.push(String::new());
                for row in rows {
                    out.push(format!("- {}", block(markdown(&row.line()))));
                }
            }
            Body::Text(text) => {
                out.push(String::new());
                out.push(block(markdown(text)));
            }
        }
    }
    finish(out)
}

/// The lines joined, each without trailing spaces, ending in one newline.
fn finish(lines: Vec<String>) -> String {
    let mut out = String::new();
    for line in lines {
        // Text fields may hold line breaks; keep them, trimmed the same way.
        for part in line.split('\n') {
            out.push_str(part.trim_end());
            out.push('\n');
        }
    }
    out
}

/// `title, org, location | dates`, each part rendered by `render`.
fn entry_line(entry: &Entry, render: fn(&Rich) -> String) -> String {
    let mut line = [
        Some(&entry.title),
        entry.org.as_ref(),
        entry.location.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(render)
    .filter(|p| !p.trim().is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    if let Some(dates) = &entry.dates {
        let dates = render(dates);
        if !dates.trim().is_empty() {
            if !line.is_empty() {
                line.push_str(SEPARATOR);
            }
            line.push_str(&dates);
        }
    }
    line
}

/// Plain text, links as `label (url)`: just the label for e-mail and phone
/// links, just the address when the label is the address.
fn plain(rich: &Rich) -> String {
    let mut out = String::new();
    for (run, link) in link_runs(&rich.spans) {
        let text: String = run.iter().map(|s| s.text.as_str()).collect();
        let Some(url) = link.filter(|u| !u.starts_with("mailto:") && !u.starts_with("tel:")) else {
            out.push_str(&text);
            continue;
        };
        if text.trim().is_empty() || text == url || text == strip_scheme(url) {
            out.push_str(url);
        } else {
            out.push_str(&format!("{text} ({url})"));
        }
    }
    out
}

/// Markdown for rich text: styles, links and escapes.
fn markdown(rich: &Rich) -> String {
    // Adjacent spans of one style and link become one, so that a bold label
    // and its bold colon are one `**…**`.
    let mut spans: Vec<Span> = Vec::with_capacity(rich.spans.len());
    for span in &rich.spans {
        match spans.last_mut() {
            Some(last) if last.style == span.style && last.link == span.link => {
                last.text.push_str(&span.text);
            }
            _ => spans.push(span.clone()),
        }
    }
    let mut out = String::new();
    for (run, link) in link_runs(&spans) {
        let mut inner = String::new();
        for span in run {
            inner.push_str(&styled(span));
        }
        match link {
            None => out.push_str(&inner),
            Some(url) => {
                let target = if url.contains([' ', '(', ')', '<', '>']) {
                    format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
                } else {
                    url.to_owned()
                };
                if inner.trim().is_empty() {
                    out.push_str(&format!("<{target}>"));
                } else {
                    // A `!` right before `[` would make the link an image.
                    if out.ends_with('!') {
                        out.pop();
                        out.push_str("\\!");
                    }
                    out.push_str(&format!("[{inner}]({target})"));
                }
            }
        }
    }
    out
}

/// One span in Markdown, with whitespace kept outside the emphasis markers.
fn styled(span: &Span) -> String {
    let text = span.text.as_str();
    if text.trim().is_empty() {
        return text.to_owned();
    }
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    let (lead, core, trail) = (
        text.get(..start).unwrap_or(""),
        text.get(start..end).unwrap_or(""),
        text.get(end..).unwrap_or(""),
    );
    let body = if span.style.code {
        code(core)
    } else {
        escape(core)
    };
    let marks = match span.style {
        Style {
            bold: true,
            italic: true,
            ..
        } => "***",
        Style { bold: true, .. } => "**",
        Style { italic: true, .. } => "*",
        _ => "",
    };
    format!("{lead}{marks}{body}{marks}{trail}")
}

/// A code span whose fence is longer than any backtick run inside.
fn code(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// Backslash before every character Markdown could read as inline markup,
/// and before an `&` that would start a character reference (`&amp;`).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let special = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~');
        if special || (c == '&' && is_reference(&text[at + 1..])) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `rest`, the text after an `&`, makes it a character reference:
/// a name or a number, then `;`.
fn is_reference(rest: &str) -> bool {
    let body = rest.strip_prefix('#').unwrap_or(rest);
    let len = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    len > 0 && body.as_bytes().get(len) == Some(&b';')
}

/// A heading on one line: a Markdown heading cannot span lines, and `#`s
/// after a space at its end would be read as its closing sequence.
fn heading(text: String) -> String {
    let line = text
        .split(['\n', '\r'])
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let content = line.trim_end();
    let hashes = content.len() - content.trim_end_matches('#').len();
    let before = &content[..content.len() - hashes];
    if hashes > 0 && (before.is_empty() || before.ends_with([' ', '\t'])) {
        format!("{before}\\{}", &content[before.len()..])
    } else {
        line
    }
}

/// A paragraph's lines, each made safe from reading as a heading, a list
/// item, a quote, a rule, a table's delimiter row or (indented four columns)
/// code.
fn block(text: String) -> String {
    text.split('\n')
        .map(|line| {
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            // Leading whitespace does not show in a paragraph; four columns
            // of it would start a code block.
            let columns: usize = line[..indent]
                .chars()
                .map(|c| if c == '\t' { 4 } else { 1 })
                .sum();
            let line = if columns >= 4 { trimmed } else { line };
            let indent = line.len() - trimmed.len();
            let first = trimmed.chars().next();
            let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
            let numbered =
                digits > 0 && matches!(trimmed.as_bytes().get(digits), Some(b'.') | Some(b')'));
            // `|---|:--:|` under a line with a `|` would make a table.
            let delimiter_row = trimmed.contains('-')
                && trimmed
                    .chars()
                    .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
            let needs = matches!(first, Some('#' | '-' | '+' | '=' | '>')) || delimiter_row;
            if needs {
                format!("{}\\{}", &line[..indent], trimmed)
            } else if numbered {
                format!(
                    "{}{}\\{}",
                    &line[..indent],
                    &trimmed[..digits],
                    &trimmed[digits..]
                )
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Rich;

    fn rich(source: &str) -> Rich {
        Rich {
            spans: crate::model::markup::parse_inline(source).expect("markup"),
        }
    }

    #[test]
    fn plain_links() {
        assert_eq!(
            plain(&rich("see [the blog](https://x.org/b) now")),
            "see the blog (https://x.org/b) now"
        );
        assert_eq!(plain(&rich("[x.org](https://x.org/)")), "https://x.org/");
        assert_eq!(
            plain(&Rich::plain("ada@example.com", 0).linked("mailto:ada@example.com")),
            "ada@example.com"
        );
        assert_eq!(plain(&rich("**bold** `code` *it*")), "bold code it");
    }

    #[test]
    fn markdown_styles_and_escapes() {
        assert_eq!(
            markdown(&rich("**bold** text, *it* and `a*b`")),
            "**bold** text, *it* and `a*b`"
        );
        assert_eq!(markdown(&rich("\\*not\\* _x_")), "\\*not\\* \\_x\\_");
        assert_eq!(
            markdown(&rich("[a **b**](https://x.org)")),
            "[a **b**](https://x.org)"
        );
        assert_eq!(markdown(&rich("``a`b``")), "``a`b``");
        assert_eq!(
            block("- not a list\n1. nor this".to_owned()),
            "\\- not a list\n1\\. nor this"
        );
    }

    #[test]
    fn markdown_never_makes_an_image_of_a_link() {
        let md = markdown(&rich("Wow![x](https://e.com) and ! [y](https://e.com)"));
        assert_eq!(md, "Wow\\![x](https://e.com) and ! [y](https://e.com)");
        assert!(!md.contains("![") || md.contains("\\!["));
        // A literal `!` before a literal `[` is safe: the `[` is escaped.
        assert_eq!(markdown(&rich("a![b] c")), "a!\\[b\\] c");
        // An escaped backslash before the `!` stays escaped.
        assert_eq!(
            markdown(&rich("a\\\\![x](https://e.com)")),
            "a\\\\\\![x](https://e.com)"
        );
    }

    #[test]
    fn markdown_escapes_line_starts_and_references() {
        assert_eq!(
            markdown(&rich("AT&T &amp; &#169; &x")),
            "AT&T \\&amp; \\&#169; &x"
        );
        assert_eq!(heading("Languages: C #".to_owned()), "Languages: C \\#");
        assert_eq!(heading("C#".to_owned()), "C#");
        assert_eq!(heading("##".to_owned()), "\\##");
        assert_eq!(
            block("a | b\n|---|:-:|\n:-- | --".to_owned()),
            "a | b\n\\|---|:-:|\n\\:-- | --"
        );
        assert_eq!(block("    code?\n\tno".to_owned()), "code?\nno");
        assert_eq!(block("  two spaces".to_owned()), "  two spaces");
        assert_eq!(markdown(&rich("<b> `x` > y")), "\\<b\\> `x` \\> y");
    }
}
