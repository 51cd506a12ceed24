//! Deflate the theme fonts into `OUT_DIR`, where `theme::fonts` embeds them:
//! stored compressed, they keep the binary small, and a process inflates
//! only the faces its documents use. The files in `fonts/` stay unmodified
//! copies of their sources. The outlines of the default contact-line icons
//! are written out too (`icons.rs`, for `theme::icons`).

use std::io::Write;
use std::path::Path;

/// The fonts embedded compressed, relative to `fonts/`; `theme::fonts`
/// names the same files.
const DEFLATED: &[&str] = &[
    "latin-modern-mono/lmmono10-regular.otf",
    "latin-modern-mono/lmmonolt10-bold.otf",
    "latin-modern-mono/lmmono10-italic.otf",
    "latin-modern-mono/lmmonolt10-boldoblique.otf",
    "jetbrains-mono/JetBrainsMono-Regular.ttf",
    "jetbrains-mono/JetBrainsMono-Bold.ttf",
    "jetbrains-mono/JetBrainsMono-Italic.ttf",
    "jetbrains-mono/JetBrainsMono-BoldItalic.ttf",
    "xcharter/XCharter-Regular.otf",
    "xcharter/XCharter-Bold.otf",
    "xcharter/XCharter-Italic.otf",
    "xcharter/XCharter-BoldItalic.otf",
    "lato/Lato-Regular.ttf",
    "lato/Lato-Bold.ttf",
    "lato/Lato-Italic.ttf",
    "lato/Lato-BoldItalic.ttf",
    "font-awesome-7/FontAwesome7Free-Solid-900.otf",
    "font-awesome-7/FontAwesome7Brands-Regular-400.otf",
];

/// The icon faces, in the order `theme::icons` looks names up in.
const ICON_FACES: [&str; 2] = [
    "font-awesome-7/FontAwesome7Free-Solid-900.otf",
    "font-awesome-7/FontAwesome7Brands-Regular-400.otf",
];

/// The icons contact items get by default (`theme::icons::default_for`;
/// a test there checks that this list holds every one): their outlines
/// are written into `icons.rs` so that a document using only these never
/// inflates the icon faces.
const DEFAULT_ICONS: &[&str] = &[
    "behance",
    "bitbucket",
    "blogger",
    "bluesky",
    "codepen",
    "dev",
    "discord",
    "docker",
    "dribbble",
    "envelope",
    "facebook",
    "figma",
    "flickr",
    "github",
    "gitlab",
    "globe",
    "goodreads",
    "google-scholar",
    "hackerrank",
    "hashnode",
    "instagram",
    "kaggle",
    "keybase",
    "linkedin",
    "location-dot",
    "mastodon",
    "medium",
    "npm",
    "orcid",
    "phone",
    "python",
    "reddit",
    "researchgate",
    "rust",
    "stack-exchange",
    "stack-overflow",
    "telegram",
    "threads",
    "twitch",
    "vimeo",
    "wordpress",
    "x-twitter",
    "youtube",
];

/// Outline steps in font units, as `theme::icons` reads them back.
struct Steps {
    ops: Vec<u8>,
    points: Vec<i16>,
}

impl Steps {
    fn push(&mut self, op: u8, coords: &[f32]) {
        self.ops.push(op);
        for &c in coords {
            assert!(c.fract() == 0.0 && c.abs() < 32768.0, "icon coordinate {c}");
            self.points.push(c as i16);
        }
    }
}

impl ttf_parser::OutlineBuilder for Steps {
    fn move_to(&mut self, x: f32, y: f32) {
        self.push(0, &[x, y]);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.push(1, &[x, y]);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.push(2, &[x1, y1, x, y]);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.push(3, &[x1, y1, x2, y2, x, y]);
    }
    fn close(&mut self) {
        self.push(4, &[]);
    }
}

/// Write `icons.rs`: each default icon's face, glyph, advance and outline.
fn icon_table(out: &Path) {
    let data: Vec<Vec<u8>> = ICON_FACES
        .iter()
        .map(|file| {
            let path = Path::new("fonts").join(file);
            std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        })
        .collect();
    let faces: Vec<ttf_parser::Face> = data
        .iter()
        .map(|d| ttf_parser::Face::parse(d, 0).expect("an icon face parses"))
        .collect();
    let mut steps = Steps {
        ops: Vec::new(),
        points: Vec::new(),
    };
    let mut rows = String::new();
    for name in DEFAULT_ICONS {
        let (face, glyph) = faces
            .iter()
            .enumerate()
            .find_map(|(i, f)| Some((i, f.glyph_index_by_name(name)?)))
            .unwrap_or_else(|| panic!("no icon face has `{name}`"));
        let upem = faces[face].units_per_em();
        assert_eq!(upem, 512, "the icon faces' em");
        let advance = faces[face].glyph_hor_advance(glyph).unwrap_or(0);
        let (ops, points) = (steps.ops.len(), steps.points.len());
        faces[face].outline_glyph(glyph, &mut steps);
        rows.push_str(&format!(
            "    ({name:?}, {face}, {}, {advance}, {ops}, {}, {points}),\n",
            glyph.0,
            steps.ops.len()
        ));
    }
    let list = |v: &[String]| v.join(", ");
    let ops: Vec<String> = steps.ops.iter().map(u8::to_string).collect();
    let points: Vec<String> = steps.points.iter().map(i16::to_string).collect();
    let text = format!(
        "/// The default icons: (name, face, glyph, advance, first op, end op, first point).\n\
         static BUILT: &[(&str, u8, u16, u16, usize, usize, usize)] = &[\n{rows}];\n\
         /// Outline steps: 0 move, 1 line, 2 quadratic, 3 cubic, 4 close.\n\
         static OPS: &[u8] = &[{}];\n\
         /// Their coordinates in font units.\n\
         static POINTS: &[i16] = &[{}];\n",
        list(&ops),
        list(&points)
    );
    std::fs::write(out.join("icons.rs"), text).expect("write into OUT_DIR");
    for file in ICON_FACES {
        println!("cargo::rerun-if-changed=fonts/{file}");
    }
}

fn main() {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    for file in DEFLATED {
        let source = Path::new("fonts").join(file);
        println!("cargo::rerun-if-changed={}", source.display());
        let data = std::fs::read(&source)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", source.display()));
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&data).expect("deflate into memory");
        let deflated = encoder.finish().expect("deflate into memory");
        let name = file.replace('/', "_") + ".deflate";
        std::fs::write(out.join(name), deflated).expect("write into OUT_DIR");
    }
    icon_table(out);
    println!("cargo::rerun-if-changed=build.rs");
}
