//! SVG and PNG pictures of the seed résumé against its PDF.

mod common;

use std::process::Command;

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

/// Run a command, require success, and return its stdout.
fn run(cmd: &mut Command) -> Vec<u8> {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("failed to run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed with {}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A grey picture: width, height, one luminance byte per pixel.
struct Grey(usize, usize, Vec<u8>);

/// Luminance of an RGB pixel (Rec. 601 weights), 0 black to 255 white.
fn luma(rgb: &[u8]) -> u8 {
    ((299 * u32::from(rgb[0]) + 587 * u32::from(rgb[1]) + 114 * u32::from(rgb[2])) / 1000) as u8
}

/// Decode a PNG file (8-bit RGB, as the renderer writes it).
fn decode_png(file: &[u8]) -> Grey {
    let mut reader = png::Decoder::new(std::io::Cursor::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    assert_eq!(frame.color_type, png::ColorType::Rgb);
    let pixels = buf[..frame.buffer_size()]
        .chunks_exact(3)
        .map(luma)
        .collect();
    Grey(frame.width as usize, frame.height as usize, pixels)
}

/// Decode a binary PPM (P6, maxval 255), as `pdftoppm` writes it.
fn decode_ppm(file: &[u8]) -> Grey {
    // Four whitespace-separated header fields, then one whitespace byte.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while file[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !file[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&file[start..at]).unwrap().to_owned());
    }
    assert_eq!((fields[0].as_str(), fields[3].as_str()), ("P6", "255"));
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels: Vec<u8> = file[at + 1..].chunks_exact(3).map(luma).collect();
    assert_eq!(pixels.len(), w * h);
    Grey(w, h, pixels)
}

/// How two pictures of a page differ.
#[derive(Debug)]
struct Difference {
    /// Mean absolute luminance difference per pixel, 0 to 255.
    pixel_mean: f64,
    /// The share of pixels whose luminance differs by more than 64.
    pixels_differing: f64,
    /// Mean absolute difference of the mean luminance of 4 × 4 pixel
    /// cells (2 pt at 144 dpi): what is left once the rasterisers'
    /// anti-aliasing and hinting at glyph edges average out.
    cell_mean: f64,
    /// The share of cells whose mean luminance differs by more than 32.
    cells_differing: f64,
    /// Total ink (darkness) of the first over the second.
    ink_ratio: f64,
}

/// The side of a comparison cell, in pixels.
const CELL: usize = 4;

fn difference(a: &Grey, b: &Grey) -> Difference {
    assert_eq!((a.0, a.1), (b.0, b.1), "the pictures differ in size");
    let (w, h) = (a.0, a.1);
    let n = (w * h) as f64;
    let (mut sum, mut differing) = (0u64, 0usize);
    for (&p, &q) in a.2.iter().zip(&b.2) {
        let d = p.abs_diff(q);
        sum += u64::from(d);
        differing += usize::from(d > 64);
    }
    let cell = |g: &Grey, cx: usize, cy: usize| -> f64 {
        let mut total = 0u32;
        for y in cy * CELL..(cy + 1) * CELL {
            total += g.2[y * w + cx * CELL..y * w + (cx + 1) * CELL]
                .iter()
                .map(|&p| u32::from(p))
                .sum::<u32>();
        }
        f64::from(total) / (CELL * CELL) as f64
    };
    let (mut cell_sum, mut cells_differing, mut cells) = (0.0, 0usize, 0usize);
    for cy in 0..h / CELL {
        for cx in 0..w / CELL {
            let d = (cell(a, cx, cy) - cell(b, cx, cy)).abs();
            cell_sum += d;
            cells_differing += usize::from(d > 32.0);
            cells += 1;
        }
    }
    let ink = |g: &Grey| g.2.iter().map(|&p| u64::from(255 - p)).sum::<u64>() as f64;
    Difference {
        pixel_mean: sum as f64 / n,
        pixels_differing: differing as f64 / n,
        cell_mean: cell_sum / cells as f64,
        cells_differing: cells_differing as f64 / cells as f64,
        ink_ratio: ink(a) / ink(b).max(1.0),
    }
}

/// Shift a picture right by `dx` pixels (white comes in on the left).
fn shifted(g: &Grey, dx: usize) -> Grey {
    let mut pixels = vec![255; g.2.len()];
    for y in 0..g.1 {
        let row = y * g.0;
        pixels[row + dx..row + g.0].copy_from_slice(&g.2[row..row + g.0 - dx]);
    }
    Grey(g.0, g.1, pixels)
}

/// The resolution of the pixel comparison.
const DPI: u32 = 144;

/// `resume build` of the seed résumé in `dir` with `args`; the file it wrote.
fn build_seed(dir: &common::TempDir, args: &[&str]) {
    let (code, _, stderr) = common::run_in(dir.path(), &[&["build"], args].concat());
    assert_eq!(code, 0, "{args:?}: {stderr}");
}

/// `pdf` rasterised by `pdftoppm` at [`DPI`].
fn pdftoppm(pdf: &std::path::Path) -> Grey {
    decode_ppm(&run(Command::new("pdftoppm")
        .args(["-r", &DPI.to_string(), "-singlefile"])
        .arg(pdf)))
}

/// The résumé in `dir` built with `args` as PNG at [`DPI`], and built as
/// PDF and rasterised by `pdftoppm` at the same resolution.
fn seed_and_pdftoppm(dir: &common::TempDir, args: &[&str]) -> (Grey, Grey) {
    build_seed(dir, &[args, &["-o", "seed.pdf"]].concat());
    build_seed(
        dir,
        &[args, &["-o", "seed.png", "--dpi", &DPI.to_string()]].concat(),
    );
    let ours = decode_png(&std::fs::read(dir.path().join("seed.png")).unwrap());
    (ours, pdftoppm(&dir.path().join("seed.pdf")))
}

#[test]
fn the_seed_png_matches_pdftoppm_pixel_for_pixel() {
    if !common::tool("pdftoppm") {
        return;
    }
    let dir = common::TempDir::new("render-png").with_seed();
    let (ours, theirs) = seed_and_pdftoppm(&dir, &[]);
    let d = difference(&ours, &theirs);
    eprintln!("ours vs pdftoppm at {DPI} dpi: {d:?}");
    // The two rasterisers differ at glyph edges (poppler hints stems to
    // whole pixels), so single pixels differ; 2 pt cells agree, and the
    // page has the same ink.
    assert!(d.cell_mean < 3.0, "{d:?}");
    assert!(d.cells_differing < 0.01, "{d:?}");
    assert!((d.ink_ratio - 1.0).abs() < 0.03, "{d:?}");
    assert!(d.pixel_mean < 8.0 && d.pixels_differing < 0.05, "{d:?}");
    // What the thresholds guard against: the same picture a pixel (half a
    // point) off, as a misplaced glyph or page offset would be.
    let off = difference(&shifted(&ours, 1), &theirs);
    eprintln!("ours shifted by 1 pixel: {off:?}");
    assert!(
        off.cell_mean >= 3.0 && off.cells_differing >= 0.01,
        "{off:?}"
    );
}

/// The origin of every glyph the SVG places, in points, y down: the group
/// transforms `matrix(k 0 0 -k X Y)` applied to each `<use>`'s `x`, `y`.
fn svg_glyph_origins(svg: &str) -> Vec<(f64, f64)> {
    let number = |s: &str| s.parse::<f64>().unwrap();
    let mut origins = Vec::new();
    for line in svg.lines().filter(|l| l.starts_with("<g aria-label=")) {
        let Some(at) = line.find("transform=\"matrix(") else {
            continue;
        };
        let rest = &line[at + "transform=\"matrix(".len()..];
        let m: Vec<f64> = rest[..rest.find(')').unwrap()]
            .split(' ')
            .map(number)
            .collect();
        let (k, x0, y0) = (m[0], m[4], m[5]);
        assert_eq!(m[3], -k, "{line}");
        for use_ in line.split("<use ").skip(1) {
            // An attribute's value; y is 0 when left out.
            let attr = |name: &str| {
                let key = format!(" {name}=\"");
                let use_ = &use_[..use_.find("/>").unwrap()];
                use_.find(&key).map_or(0.0, |at| {
                    let v = &use_[at + key.len()..];
                    number(&v[..v.find('"').unwrap()])
                })
            };
            origins.push((x0 + k * attr("x"), y0 - k * attr("y")));
        }
    }
    origins
}

/// `pdftotext -bbox` words: text and box (x min, y min, x max, y max), in
/// points, y down.
fn pdftotext_boxes(pdf: &std::path::Path) -> Vec<(String, [f64; 4])> {
    let html = String::from_utf8(run(Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")))
    .unwrap();
    html.split("<word ")
        .skip(1)
        .map(|w| {
            let attr = |name: &str| {
                let key = format!("{name}=\"");
                let v = &w[w.find(&key).unwrap() + key.len()..];
                v[..v.find('"').unwrap()].parse::<f64>().unwrap()
            };
            let text = &w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()];
            (
                text.to_owned(),
                [attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax")],
            )
        })
        .collect()
}

#[test]
fn svg_glyphs_start_where_pdftotext_finds_the_words() {
    if !common::tool("pdftotext") {
        return;
    }
    let dir = common::TempDir::new("render-bbox").with_seed();
    build_seed(&dir, &["-o", "seed.pdf"]);
    build_seed(&dir, &["-o", "seed.svg"]);
    let origins = svg_glyph_origins(&std::fs::read_to_string(dir.path().join("seed.svg")).unwrap());
    let pdf = dir.path().join("seed.pdf");
    let words = pdftotext_boxes(&pdf);
    assert!(words.len() > 500, "{} words", words.len());
    let mut worst = (0.0f64, String::new());
    for (text, [x_min, y_min, _, y_max]) in &words {
        // The nearest glyph on the word's line to where the word starts.
        let nearest = origins
            .iter()
            .filter(|(_, y)| (y_min..=y_max).contains(&y))
            .map(|(x, _)| (x - x_min).abs())
            .fold(f64::INFINITY, f64::min);
        if nearest > worst.0 {
            worst = (nearest, text.clone());
        }
    }
    eprintln!(
        "{} words; farthest from a glyph: {:?} pt",
        words.len(),
        worst
    );
    // The SVG rounds positions to 0.01 pt (0.01 font unit in a group).
    assert!(worst.0 < 0.05, "{worst:?}");
}

/// The size of a PNG file, from its header.
fn png_size(file: &[u8]) -> (u32, u32) {
    assert_eq!(&file[..8], b"\x89PNG\r\n\x1a\n");
    let word = |at: usize| u32::from_be_bytes(file[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

#[test]
fn build_writes_svg_and_png_by_extension_or_to() {
    let dir = common::TempDir::new("render-cli").with_seed();
    build_seed(&dir, &["--to", "svg"]);
    build_seed(&dir, &["-o", "page.PNG", "--dpi", "72"]);
    build_seed(&dir, &["--to", "png", "-o", "picture"]);
    assert_eq!(
        dir.files(),
        ["page.PNG", "picture", "resume.svg", "resume.toml"]
    );
    let svg = std::fs::read_to_string(dir.path().join("resume.svg")).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"612pt\""));
    assert!(svg.contains("aria-label=\"Aritro Roy\""));
    let png = std::fs::read(dir.path().join("page.PNG")).unwrap();
    assert_eq!(png_size(&png), (612, 792), "a letter page at 72 dpi");
    let png = std::fs::read(dir.path().join("picture")).unwrap();
    assert_eq!(png_size(&png), (1224, 1584), "144 dpi by default");
}

#[test]
fn pictures_of_several_pages_are_numbered() {
    let dir = common::TempDir::new("render-pages");
    std::fs::copy(
        common::root().join("examples/academic-cv.toml"),
        dir.path().join("cv.toml"),
    )
    .unwrap();
    let (code, _, stderr) = common::run_in(dir.path(), &["build", "cv.toml", "--to", "svg"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("wrote cv-1.svg, cv-2.svg: 2 pages"),
        "{stderr}"
    );
    let (code, _, stderr) = common::run_in(
        dir.path(),
        &["build", "cv.toml", "-o", "out/p.png", "--dpi", "30"],
    );
    assert_eq!(code, 1, "no folder out/: {stderr}");
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let (code, _, stderr) = common::run_in(
        dir.path(),
        &["build", "cv.toml", "-o", "out/p.png", "--dpi", "30"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(dir.files(), ["cv-1.svg", "cv-2.svg", "cv.toml", "out"]);
    let mut pngs: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    pngs.sort();
    assert_eq!(pngs, ["p-1.png", "p-2.png"]);
    // Standard output takes one picture.
    let (code, _, stderr) =
        common::run_in(dir.path(), &["build", "cv.toml", "--to", "png", "-o", "-"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("standard output takes one picture"),
        "{stderr}"
    );
    // So does a device: no `/dev/null-1.png` beside it.
    let (code, _, stderr) = common::run_in(
        dir.path(),
        &["build", "cv.toml", "-o", "/dev/null", "--to", "png"],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("/dev/null takes one picture"), "{stderr}");
    let svg = std::fs::read_to_string(dir.path().join("cv-2.svg")).unwrap();
    assert!(
        svg.contains("id=\"g2-"),
        "page 2's glyph ids carry its number"
    );
    assert!(!svg.contains("id=\"g1-"));
}

#[test]
fn bad_picture_options_are_errors_that_write_nothing() {
    let dir = common::TempDir::new("render-errors").with_seed();
    for (args, message) in [
        (
            &["--to", "svg", "-o", "x.png"][..],
            "--to svg disagrees with the output's extension `.png`",
        ),
        (&["--to", "pdf", "-o", "x.svg"], "--to pdf disagrees"),
        (
            &["--dpi", "300"],
            "--dpi sets the resolution of PNG pictures, but this build writes PDF",
        ),
        (
            &["--to", "svg", "--dpi", "300"],
            "but this build writes SVG",
        ),
        (
            &["--to", "png", "--dpi", "0"],
            "--dpi must be a positive number, not 0",
        ),
        (
            &["--to", "png", "--dpi", "-3"],
            "--dpi must be a positive number, not -3",
        ),
        (
            &["--to", "png", "--dpi", "inf"],
            "--dpi must be a positive number",
        ),
        (
            &["--to", "png", "--dpi", "100000"],
            "more than the 40 million a picture may have",
        ),
        (&["--to", "svg", "-o", "resume.toml"], "resume.toml"),
    ] {
        let (code, _, stderr) = common::run_in(dir.path(), &[&["build"], args].concat());
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert_eq!(dir.files(), ["resume.toml"], "{args:?}");
    }
    let toml = std::fs::read_to_string(common::root().join("resume.toml")).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("resume.toml")).unwrap(),
        toml
    );
}

#[test]
fn all_writes_pictures_of_every_variant_with_a_manifest() {
    let dir = common::TempDir::new("render-all").with_seed();
    build_seed(&dir, &["--all", "--to", "svg"]);
    let mut files: Vec<_> = std::fs::read_dir(dir.path().join("dist"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert!(files.len() > 2, "{files:?}");
    assert!(
        files
            .iter()
            .all(|f| f.ends_with(".svg") || f == "manifest.json"),
        "{files:?}"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("dist/manifest.json")).unwrap())
            .unwrap();
    for doc in manifest["documents"].as_array().unwrap() {
        let file = doc["file"].as_str().unwrap();
        assert!(file.ends_with(".svg"), "{doc}");
        assert_eq!(doc["files"][0]["file"], doc["file"]);
        let bytes = std::fs::read(dir.path().join("dist").join(file)).unwrap();
        assert_eq!(doc["bytes"], bytes.len());
    }
}

/// A résumé set mostly in a `[fonts] fallback` file (CJK), with that font.
fn fallback_session_files() -> (String, Vec<resume::FontFile>) {
    let toml = "lang = \"ja\"\n\n[fonts]\nfallback = [\"cjk.otf\"]\n\n\
                [person]\nname = \"山田 太郎\"\nheadline = \"ソフトウェアエンジニア\"\n\n\
                [[sections]]\ntitle = \"概要\"\n\
                text = \"東京を拠点とするバックエンドエンジニア。分散システムと検索基盤の設計が専門です。\"\n";
    let font = include_bytes!("fixtures/fonts/cjk-subset.otf").to_vec();
    let files = vec![resume::FontFile::new("cjk.otf", font)];
    (toml.to_owned(), files)
}

#[test]
fn fallback_fonts_are_drawn_from_the_sessions_files() {
    let (toml, files) = fallback_session_files();
    let session = Session::new(toml, Options::default())
        .unwrap()
        .with_fonts(&files)
        .unwrap();
    let out = session.compile(None).unwrap();
    let svg = session.svg(&out.laid, 0);
    // Glyphs of the first run-time file have the face index after the
    // bundled faces.
    let fallback = resume::theme::fonts::FontId::Fallback(0).index();
    let defined = format!("<path id=\"g1-{fallback}-");
    assert!(svg.matches(&defined).count() > 20, "{svg}");
    assert!(svg.contains("aria-label=\"山田 太郎\""));
    if !common::tool("pdftoppm") {
        return;
    }
    let dir = common::TempDir::new("render-fallback");
    let pdf = dir.write("cjk.pdf", &out.pdf);
    let ours = decode_png(&session.png(&out.laid, 0, DPI as f32).unwrap());
    let d = difference(&ours, &pdftoppm(&pdf));
    eprintln!("fallback font, ours vs pdftoppm: {d:?}");
    assert!(d.cell_mean < 3.0 && d.cells_differing < 0.01, "{d:?}");
    assert!((d.ink_ratio - 1.0).abs() < 0.03, "{d:?}");
}

/// The seed with contact-line icons and a circular photo (the humanist
/// theme): the pictures draw both, as the PDF does. The SVG embeds the
/// photo once with its alt text and hides the icons from screen readers;
/// the PNG matches `pdftoppm`'s page as closely as the plain seed does.
#[test]
fn icons_and_the_photo_are_drawn_as_in_the_pdf() {
    let dir = common::TempDir::new("render-photo").with_seed();
    let photo = std::fs::read(common::root().join("tests/fixtures/photo/portrait.jpg")).unwrap();
    dir.write("portrait.jpg", photo);
    let toml = std::fs::read_to_string(dir.path().join("resume.toml")).unwrap();
    let toml = toml.replacen("[person]\n", "[person]\nphoto = \"portrait.jpg\"\n", 1);
    dir.write("resume.toml", toml);
    let theme = ["--theme", "humanist"];
    build_seed(&dir, &[&theme[..], &["-o", "seed.svg"]].concat());
    let svg = std::fs::read_to_string(dir.path().join("seed.svg")).unwrap();
    assert_eq!(svg.matches("<image ").count(), 1, "one photo");
    assert!(svg.contains(r#"aria-label="Photo of Aritro Roy""#));
    assert!(svg.contains("<clipPath id=\"photo1\"><circle "));
    // Email, phone, location and two links: five icons, no text.
    assert_eq!(svg.matches(r#"<path aria-hidden="true""#).count(), 5);

    if !common::tool("pdftoppm") {
        return;
    }
    let (ours, theirs) = seed_and_pdftoppm(&dir, &theme);
    let d = difference(&ours, &theirs);
    eprintln!("with icons and a photo, ours vs pdftoppm at {DPI} dpi: {d:?}");
    assert!(d.cell_mean < 3.0, "{d:?}");
    assert!(d.cells_differing < 0.01, "{d:?}");
    assert!((d.ink_ratio - 1.0).abs() < 0.03, "{d:?}");
}

/// Debian's Noto Color Emoji (PNG bitmaps in `CBDT`): whether it is
/// installed; under `CI=true` its absence fails the test.
fn noto_color_emoji() -> bool {
    let found = std::path::Path::new("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf").is_file();
    if !found && std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("Noto Color Emoji is required when CI=true; install fonts-noto-color-emoji");
    }
    if !found {
        eprintln!("skipping: fonts-noto-color-emoji is not installed");
    }
    found
}

/// A colour picture: width, height, three bytes per pixel.
struct Colour(usize, usize, Vec<u8>);

impl Colour {
    /// Whether the pixel at `x`, `y` is coloured: its channels spread by
    /// more than 60 (no grey, black or white text is).
    fn coloured(&self, x: usize, y: usize) -> bool {
        let p = &self.2[(y * self.0 + x) * 3..][..3];
        p.iter().max().unwrap() - p.iter().min().unwrap() > 60
    }

    /// The rectangle `x0..x1` × `y0..y1` in grey.
    fn grey(&self, (x0, y0, x1, y1): (usize, usize, usize, usize)) -> Grey {
        let mut pixels = Vec::with_capacity((x1 - x0) * (y1 - y0));
        for y in y0..y1 {
            for x in x0..x1 {
                pixels.push(luma(&self.2[(y * self.0 + x) * 3..][..3]));
            }
        }
        Grey(x1 - x0, y1 - y0, pixels)
    }
}

/// A PNG file (8-bit RGB, as the renderer writes it) in colour.
fn decode_png_colour(file: &[u8]) -> Colour {
    let mut reader = png::Decoder::new(std::io::Cursor::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    assert_eq!(frame.color_type, png::ColorType::Rgb);
    buf.truncate(frame.buffer_size());
    Colour(frame.width as usize, frame.height as usize, buf)
}

/// `pdftoppm`'s PNG output in colour (it may write RGB or RGBA).
fn decode_pdftoppm_png(file: &[u8]) -> Colour {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    buf.truncate(frame.buffer_size());
    let rgb = match frame.color_type {
        png::ColorType::Rgb => buf,
        png::ColorType::Rgba => buf
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect(),
        other => panic!("pdftoppm wrote {other:?}"),
    };
    Colour(frame.width as usize, frame.height as usize, rgb)
}

/// The areas of a page with colour: for each band of rows with coloured
/// pixels (bands apart by more than 8 rows), the rectangle around them,
/// `pad` pixels larger on each side.
fn colour_areas(page: &Colour, pad: usize) -> Vec<(usize, usize, usize, usize)> {
    let mut areas: Vec<(usize, usize, usize, usize)> = Vec::new();
    for y in 0..page.1 {
        for x in 0..page.0 {
            if !page.coloured(x, y) {
                continue;
            }
            match areas.last_mut() {
                Some(a) if y <= a.3 + 8 => {
                    *a = (a.0.min(x), a.1, a.2.max(x + 1), y + 1);
                }
                _ => areas.push((x, y, x + 1, y + 1)),
            }
        }
    }
    areas
        .into_iter()
        .map(|(x0, y0, x1, y1)| {
            (
                x0.saturating_sub(pad),
                y0.saturating_sub(pad),
                (x1 + pad).min(page.0),
                (y1 + pad).min(page.1),
            )
        })
        .collect()
}

/// The unicode stress résumé with Noto Color Emoji: the PNG draws its
/// emoji (PNG bitmaps) where `pdftoppm` draws the PDF's, in the same
/// colours; the SVG embeds one image per distinct emoji glyph.
#[test]
fn emoji_are_drawn_as_in_the_pdf() {
    if !noto_color_emoji() {
        return;
    }
    let dir = common::TempDir::new("render-emoji");
    let toml = std::fs::read(common::root().join("tests/fixtures/unicode-stress.toml")).unwrap();
    dir.write("resume.toml", toml);
    build_seed(&dir, &["-o", "u.svg"]);
    let svg = std::fs::read_to_string(dir.path().join("u.svg")).unwrap();
    // 🌍 🚀 ✨ 👩‍💻 🇯🇵 are one glyph each (the sequence and the flag
    // ligated) from the emoji font; each is an image, defined once, of a
    // PNG file, and placed where the text has it.
    let images: Vec<&str> = svg
        .lines()
        .filter(|l| l.starts_with("<image id=\""))
        .collect();
    assert_eq!(images.len(), 5, "{images:#?}");
    let ids: std::collections::BTreeSet<String> = attribute_values(&images.join("\n"), "id")
        .into_iter()
        .collect();
    assert_eq!(ids.len(), 5, "{ids:?}");
    for id in &ids {
        assert_eq!(svg.matches(&format!("href=\"#{id}\"")).count(), 1, "{id}");
    }
    for href in attribute_values(&images.join("\n"), "href") {
        use base64::Engine;
        let data = href.strip_prefix("data:image/png;base64,").unwrap();
        let png = base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    }

    if !common::tool("pdftoppm") {
        return;
    }
    build_seed(&dir, &["-o", "u.pdf"]);
    build_seed(&dir, &["-o", "u.png", "--dpi", &DPI.to_string()]);
    let ours = decode_png_colour(&std::fs::read(dir.path().join("u.png")).unwrap());
    let theirs = decode_pdftoppm_png(&run(Command::new("pdftoppm")
        .args(["-r", &DPI.to_string(), "-singlefile", "-png"])
        .arg(dir.path().join("u.pdf"))));
    assert_eq!((ours.0, ours.1), (theirs.0, theirs.1));
    // The headline's globe, and the line of four in the notes.
    let areas = colour_areas(&theirs, 3);
    assert_eq!(areas.len(), 2, "{areas:?}");
    for area in areas {
        let (x0, y0, x1, y1) = area;
        let count = |page: &Colour| {
            (y0..y1)
                .flat_map(|y| (x0..x1).map(move |x| (x, y)))
                .filter(|&(x, y)| page.coloured(x, y))
                .count()
        };
        let both = (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| ours.coloured(x, y) && theirs.coloured(x, y))
            .count();
        let (mine, pdf) = (count(&ours), count(&theirs));
        let d = difference(&ours.grey(area), &theirs.grey(area));
        eprintln!(
            "emoji area {area:?}: {mine} coloured pixels, pdftoppm {pdf}, {both} in both; {d:?}"
        );
        // Colour where the PDF has colour, about as much of it.
        assert!(both as f64 >= 0.9 * pdf as f64, "{both} of {pdf}");
        assert!(
            (mine as f64 / pdf as f64 - 1.0).abs() < 0.1,
            "{mine} vs {pdf}"
        );
        // The same picture: no pixel far off, 2 pt cells within a few
        // levels, the same ink.
        assert!(d.pixels_differing < 0.01, "{d:?}");
        assert!(d.cell_mean < 3.0, "{d:?}");
        assert!((d.ink_ratio - 1.0).abs() < 0.05, "{d:?}");
        // What the thresholds guard against: the emoji two pixels (a
        // point) off.
        let off = difference(&shifted(&ours.grey(area), 2), &theirs.grey(area));
        eprintln!("shifted by 2 pixels: {off:?}");
        assert!(off.cell_mean >= 3.0, "{off:?}");
    }
}

/// A `[fonts] fallback` font with `COLR` layers (the fixture's U+F0000:
/// a red square, a blue bar, a dot in the text's colour): the PNG fills
/// the layers in their colours where `pdftoppm` draws the PDF's.
#[test]
fn colr_glyphs_are_drawn_as_in_the_pdf() {
    let dir = common::TempDir::new("render-colr");
    let font = std::fs::read(common::root().join("tests/fixtures/fonts/colr-layers.ttf")).unwrap();
    dir.write("colr-layers.ttf", font);
    dir.write(
        "resume.toml",
        "[fonts]\nfallback = [\"colr-layers.ttf\"]\n\n[person]\nname = \"Ada Lovelace \u{F0000} \u{F0000}\"\n",
    );
    build_seed(&dir, &["-o", "c.svg", "--no-system-fonts"]);
    let svg = std::fs::read_to_string(dir.path().join("c.svg")).unwrap();
    assert_eq!(
        svg.matches(r##"<path fill="#ff0000" d="M0 0L0 600L600 600"##)
            .count(),
        1,
        "{svg}"
    );
    if !common::tool("pdftoppm") {
        return;
    }
    build_seed(&dir, &["-o", "c.pdf", "--no-system-fonts"]);
    build_seed(
        &dir,
        &[
            "-o",
            "c.png",
            "--no-system-fonts",
            "--dpi",
            &DPI.to_string(),
        ],
    );
    let ours = decode_png_colour(&std::fs::read(dir.path().join("c.png")).unwrap());
    let theirs = decode_pdftoppm_png(&run(Command::new("pdftoppm")
        .args(["-r", &DPI.to_string(), "-singlefile", "-png"])
        .arg(dir.path().join("c.pdf"))));
    let areas = colour_areas(&theirs, 3);
    assert_eq!(areas.len(), 1, "{areas:?}");
    let area = areas[0];
    let d = difference(&ours.grey(area), &theirs.grey(area));
    eprintln!("COLR glyphs {area:?}, ours vs pdftoppm: {d:?}");
    assert!(d.cell_mean < 3.0 && d.pixels_differing < 0.02, "{d:?}");
    assert!((d.ink_ratio - 1.0).abs() < 0.05, "{d:?}");
    let off = difference(&shifted(&ours.grey(area), 2), &theirs.grey(area));
    assert!(off.cell_mean >= 3.0, "two pixels off: {off:?}");
    // Red, blue and the text's colour where the PDF has them.
    let (x0, y0, x1, y1) = area;
    let mut same = 0;
    let mut total = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            if theirs.coloured(x, y) {
                total += 1;
                let (p, q) = (
                    &ours.2[(y * ours.0 + x) * 3..][..3],
                    &theirs.2[(y * ours.0 + x) * 3..][..3],
                );
                same += usize::from(p.iter().zip(q).all(|(a, b)| a.abs_diff(*b) < 40));
            }
        }
    }
    eprintln!("{same} of {total} coloured pixels match in colour");
    assert!(
        total > 100 && same as f64 >= 0.9 * total as f64,
        "{same} of {total}"
    );
}
