//! SVG and PNG pictures of the seed résumé against its PDF.

mod common;

use resume::layout::frame::Item;
use resume::{Compiled, Options, Session};

/// The seed résumé's session, compiled.
fn seed() -> (Session<'static>, Compiled) {
    let toml = std::fs::read_to_string(common::root().join("resume.toml")).unwrap();
    let session = Session::new(toml, Options::default()).unwrap();
    let compiled = session.compile(None).unwrap();
    (session, compiled)
}

/// The values of an attribute, in document order (unescaped for `&amp;`
/// and friends).
fn attribute_values(svg: &str, name: &str) -> Vec<String> {
    let key = format!(" {name}=\"");
    svg.match_indices(&key)
        .map(|(at, _)| {
            let rest = &svg[at + key.len()..];
            let value = &rest[..rest.find('"').unwrap()];
            value
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

#[test]
fn the_seed_svg_labels_every_text_item_and_places_every_glyph() {
    let (session, out) = seed();
    let page = &out.laid.pages[0];
    let svg = session.svg(&out.laid, 0);
    let texts: Vec<&str> = page
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Text(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(attribute_values(&svg, "aria-label"), texts);
    let links: Vec<&str> = page
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Link { url, .. } => Some(url.as_str()),
            _ => None,
        })
        .collect();
    assert!(!links.is_empty());
    assert_eq!(
        attribute_values(&svg, "href")
            .iter()
            .filter(|h| !h.starts_with('#'))
            .collect::<Vec<_>>(),
        links
    );
    // Every placed glyph with ink is a <use> of a definition on the page.
    let uses = attribute_values(&svg, "href");
    let ids = attribute_values(&svg, "id");
    for id in uses.iter().filter_map(|h| h.strip_prefix('#')) {
        assert!(ids.iter().any(|d| d == id), "no definition of {id}");
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "a glyph defined twice");
    // Far fewer definitions than uses: outlines are shared.
    let placed = uses.iter().filter(|h| h.starts_with('#')).count();
    assert!(
        placed > 2000 && ids.len() * 5 < placed,
        "{placed} uses of {} glyphs",
        ids.len()
    );
    // A page past the last is an empty document, not a panic.
    assert!(session.svg(&out.laid, 7).starts_with("<svg"));
}
