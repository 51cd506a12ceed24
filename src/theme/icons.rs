//! The contact-line icons: Font Awesome 7 Free Solid and Brands, looked up
//! by glyph name (the CFF charset: `envelope`, `github`, ...), and which
//! icon a contact item gets by default (its kind, or its link's host).
//!
//! Icons are pictures, not text: layout places them as
//! [`crate::layout::frame::Item::Icon`] and the PDF draws their outlines,
//! so nothing of them is extracted as text. The faces are inflated (see
//! [`FontId::data`]) the first time a name is looked up.

use std::sync::OnceLock;

use rustybuzz::ttf_parser::{self, Face, GlyphId};

use super::fonts::FontId;

/// One icon: a glyph of an icon face.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Icon {
    /// The face (one of the icon faces).
    pub font: FontId,
    /// The glyph id in it.
    pub glyph: u16,
}

/// The name that means "no icon" for one item.
pub const NONE: &str = "none";

/// The icon faces in lookup order: a name both have (the letters, digits)
/// is taken from the first.
const FACES: [FontId; 2] = [FontId::IconsSolid, FontId::IconsBrands];

/// An icon face, parsed the first time it is used (which inflates it).
fn face(font: FontId) -> Option<&'static Face<'static>> {
    static PARSED: [OnceLock<Option<Face<'static>>>; 2] = [OnceLock::new(), OnceLock::new()];
    let i = FACES.iter().position(|f| *f == font)?;
    PARSED[i]
        .get_or_init(|| Face::parse(font.data()?, 0).ok())
        .as_ref()
}

// The default icons' glyphs, advances and outlines, read out of the faces
// by build.rs: a document with only these never inflates the faces.
include!(concat!(env!("OUT_DIR"), "/icons.rs"));

/// The font units of the icon faces' em (build.rs checks it).
const UNITS_PER_EM: f32 = 512.0;

/// A default icon's row of `BUILT`, by name.
type Row = (&'static str, u8, u16, u16, usize, usize, usize);

fn built_row(icon: Icon) -> Option<&'static Row> {
    BUILT
        .iter()
        .find(|row| FACES.get(usize::from(row.1)) == Some(&icon.font) && row.2 == icon.glyph)
}

/// The icon called `name` (a Font Awesome name such as `envelope` or
/// `github`), if either face has it: a default icon from the built-in
/// table, any other from the faces' glyph names, the Solid face first.
pub fn lookup(name: &str) -> Option<Icon> {
    if let Some(row) = BUILT.iter().find(|row| row.0 == name) {
        return Some(Icon {
            font: *FACES.get(usize::from(row.1))?,
            glyph: row.2,
        });
    }
    lookup_in_faces(name)
}

/// [`lookup`] in the faces themselves (which inflates them).
fn lookup_in_faces(name: &str) -> Option<Icon> {
    if matches!(name, "" | ".notdef" | "space") {
        return None;
    }
    FACES.iter().find_map(|&font| {
        let glyph = face(font)?.glyph_index_by_name(name)?;
        Some(Icon {
            font,
            glyph: glyph.0,
        })
    })
}

/// Every icon name, sorted, for did-you-mean hints (built on first use).
pub fn names() -> impl Iterator<Item = &'static str> {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            let mut names = Vec::new();
            for font in FACES {
                let Some(face) = face(font) else { continue };
                for g in 1..face.number_of_glyphs() {
                    if let Some(name) = face.glyph_name(GlyphId(g))
                        && name != "space"
                    {
                        names.push(name.to_owned());
                    }
                }
            }
            names.sort();
            names.dedup();
            names
        })
        .iter()
        .map(String::as_str)
}

/// The top and bottom of the icon faces' design box (every icon sits on
/// the same 512-unit grid), as fractions of the em: align this box, not
/// each glyph's ink, so that icons line up with each other.
pub const DESIGN_BOX: (f64, f64) = (448.0 / 512.0, -64.0 / 512.0);

impl Icon {
    /// The advance width, as a fraction of the em.
    pub fn advance(self) -> f64 {
        match built_row(self) {
            Some(row) => f64::from(row.3) / f64::from(UNITS_PER_EM),
            None => self.face_advance(),
        }
    }

    /// The outline, in ems with y up from the baseline and x from the pen
    /// position (empty for a glyph without one).
    pub fn outline(self) -> Vec<PathOp> {
        let Some(&(_, _, _, _, first, end, point)) = built_row(self) else {
            return self.face_outline();
        };
        let mut out = Outline {
            ops: Vec::new(),
            scale: 1.0 / UNITS_PER_EM,
        };
        let mut points = POINTS.get(point..).unwrap_or_default().iter();
        let mut next = || points.next().map_or(0.0, |&p| f32::from(p));
        use ttf_parser::OutlineBuilder;
        for op in OPS.get(first..end).unwrap_or_default() {
            match op {
                0 => out.move_to(next(), next()),
                1 => out.line_to(next(), next()),
                2 => out.quad_to(next(), next(), next(), next()),
                3 => out.curve_to(next(), next(), next(), next(), next(), next()),
                _ => out.close(),
            }
        }
        out.ops
    }

    /// The advance width from the face.
    fn face_advance(self) -> f64 {
        face(self.font).map_or(1.0, |f| {
            let advance = f.glyph_hor_advance(GlyphId(self.glyph)).unwrap_or(0);
            f64::from(advance) / f64::from(f.units_per_em())
        })
    }

    /// The outline from the face.
    fn face_outline(self) -> Vec<PathOp> {
        let mut out = Outline {
            ops: Vec::new(),
            scale: 1.0,
        };
        if let Some(f) = face(self.font) {
            out.scale = 1.0 / f32::from(f.units_per_em());
            f.outline_glyph(GlyphId(self.glyph), &mut out);
        }
        out.ops
    }
}

/// One step of an icon's outline, in ems, y up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PathOp {
    /// Start a contour.
    Move(f32, f32),
    /// A straight line to the point.
    Line(f32, f32),
    /// A quadratic curve: control point, end point.
    Quad(f32, f32, f32, f32),
    /// A cubic curve: two control points, end point.
    Cubic(f32, f32, f32, f32, f32, f32),
    /// Close the contour.
    Close,
}

struct Outline {
    ops: Vec<PathOp>,
    scale: f32,
}

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let s = self.scale;
        self.ops.push(PathOp::Move(x * s, y * s));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let s = self.scale;
        self.ops.push(PathOp::Line(x * s, y * s));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let s = self.scale;
        self.ops.push(PathOp::Quad(x1 * s, y1 * s, x * s, y * s));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let s = self.scale;
        self.ops
            .push(PathOp::Cubic(x1 * s, y1 * s, x2 * s, y2 * s, x * s, y * s));
    }
    fn close(&mut self) {
        self.ops.push(PathOp::Close);
    }
}

/// The kinds of contact item, for their default icons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactKind {
    /// The e-mail address.
    Email,
    /// The phone number.
    Phone,
    /// The location.
    Location,
    /// A link (its icon follows its host).
    Link,
}

/// The default icon of a contact item: by its kind, and for a link by the
/// host of `url` (the link's target as select resolved it).
pub fn default_for(kind: ContactKind, url: &str) -> &'static str {
    match kind {
        ContactKind::Email => "envelope",
        ContactKind::Phone => "phone",
        ContactKind::Location => "location-dot",
        ContactKind::Link => for_url(url),
    }
}

/// Hosts (the host itself or any subdomain of it) and their icons.
const HOSTS: &[(&str, &str)] = &[
    ("github.com", "github"),
    ("github.io", "github"),
    ("gitlab.com", "gitlab"),
    ("bitbucket.org", "bitbucket"),
    ("linkedin.com", "linkedin"),
    ("x.com", "x-twitter"),
    ("twitter.com", "x-twitter"),
    ("orcid.org", "orcid"),
    ("researchgate.net", "researchgate"),
    ("stackoverflow.com", "stack-overflow"),
    ("stackexchange.com", "stack-exchange"),
    ("medium.com", "medium"),
    ("bsky.app", "bluesky"),
    ("youtube.com", "youtube"),
    ("youtu.be", "youtube"),
    ("kaggle.com", "kaggle"),
    ("dribbble.com", "dribbble"),
    ("behance.net", "behance"),
    ("instagram.com", "instagram"),
    ("facebook.com", "facebook"),
    ("codepen.io", "codepen"),
    ("dev.to", "dev"),
    ("hashnode.dev", "hashnode"),
    ("npmjs.com", "npm"),
    ("keybase.io", "keybase"),
    ("t.me", "telegram"),
    ("discord.gg", "discord"),
    ("reddit.com", "reddit"),
    ("threads.net", "threads"),
    ("goodreads.com", "goodreads"),
    ("hackerrank.com", "hackerrank"),
    ("wordpress.com", "wordpress"),
    ("blogspot.com", "blogger"),
    ("twitch.tv", "twitch"),
    ("vimeo.com", "vimeo"),
    ("flickr.com", "flickr"),
    ("figma.com", "figma"),
    ("hub.docker.com", "docker"),
    ("pypi.org", "python"),
    ("crates.io", "rust"),
    // Mastodon has many servers; these are the large ones.
    ("mastodon.social", "mastodon"),
    ("mastodon.online", "mastodon"),
    ("mstdn.social", "mastodon"),
    ("fosstodon.org", "mastodon"),
    ("hachyderm.io", "mastodon"),
    ("infosec.exchange", "mastodon"),
    ("sigmoid.social", "mastodon"),
];

/// The icon for a link to `url`: the site's own for a known host (Google
/// Scholar on any `scholar.google.*`, Mastodon on a `mastodon.*` host),
/// the envelope and the phone for `mailto:` and `tel:`, a globe for
/// any other site.
pub fn for_url(url: &str) -> &'static str {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("mailto:") {
        return "envelope";
    }
    if lower.starts_with("tel:") {
        return "phone";
    }
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("").trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    let under = |domain: &str| {
        host == domain
            || host
                .strip_suffix(domain)
                .is_some_and(|sub| sub.ends_with('.'))
    };
    if let Some((_, icon)) = HOSTS.iter().find(|(domain, _)| under(domain)) {
        return icon;
    }
    if host.starts_with("scholar.google.") {
        return "google-scholar";
    }
    if host.starts_with("mastodon.") {
        return "mastodon";
    }
    "globe"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_icons_are_the_faces_own() {
        assert!(BUILT.len() >= 40);
        for row in BUILT {
            let built = lookup(row.0).unwrap();
            let face = lookup_in_faces(row.0).unwrap();
            assert_eq!(built, face, "{}", row.0);
            assert_eq!(built.advance(), face.face_advance(), "{}", row.0);
            assert_eq!(built.outline(), face.face_outline(), "{}", row.0);
        }
    }

    /// Every icon a contact item can get without naming one: by host, and
    /// by kind or host rule.
    fn default_names() -> impl Iterator<Item = &'static str> {
        HOSTS.iter().map(|(_, icon)| *icon).chain([
            "envelope",
            "phone",
            "location-dot",
            "globe",
            "google-scholar",
            "mastodon",
        ])
    }

    #[test]
    fn every_default_icon_is_built_in() {
        for name in default_names() {
            assert!(
                BUILT.iter().any(|row| row.0 == name),
                "{name} is not in build.rs"
            );
        }
    }

    #[test]
    fn every_default_icon_is_in_a_face() {
        for name in default_names() {
            let icon = lookup(name).unwrap_or_else(|| panic!("{name} is in no face"));
            assert!(icon.advance() > 0.2, "{name}");
            assert!(!icon.outline().is_empty(), "{name}");
        }
    }

    #[test]
    fn brands_come_from_the_brands_face() {
        assert_eq!(lookup("github").map(|i| i.font), Some(FontId::IconsBrands));
        assert_eq!(lookup("envelope").map(|i| i.font), Some(FontId::IconsSolid));
        assert_eq!(lookup("no-such-icon"), None);
        assert_eq!(lookup(NONE), None);
        assert!(names().count() > 1500);
    }

    #[test]
    fn hosts_pick_their_icons() {
        let cases = [
            ("https://github.com/someone", "github"),
            ("https://www.linkedin.com/in/someone", "linkedin"),
            ("https://de.linkedin.com/in/someone", "linkedin"),
            ("https://x.com/someone", "x-twitter"),
            ("https://twitter.com/someone", "x-twitter"),
            ("https://orcid.org/0000-0002-1825-0097", "orcid"),
            (
                "https://scholar.google.co.uk/citations?user=x",
                "google-scholar",
            ),
            ("https://stackoverflow.com/users/1", "stack-overflow"),
            ("https://someone.medium.com", "medium"),
            ("https://mastodon.example/@me", "mastodon"),
            ("https://fosstodon.org/@me", "mastodon"),
            ("https://GitLab.com:443/me", "gitlab"),
            ("https://user@github.com/me", "github"),
            ("https://notgithub.com/me", "globe"),
            ("https://example.com", "globe"),
            ("mailto:a@b.c", "envelope"),
            ("tel:+15551234", "phone"),
        ];
        for (url, icon) in cases {
            assert_eq!(for_url(url), icon, "{url}");
        }
    }
}
