//! Caps on the input, so that no file can make the compiler use unbounded
//! time or memory: a one-page résumé is far below every one of them.
//!
//! Only the numbers live here, with no dependency on the rest of the crate,
//! so every stage may read them; each stage checks the caps on what it
//! handles (`model` the file and its item count, `variant` the `extends`
//! chain, `select` the field length, `interop::jsonresume` the JSON or
//! YAML file before parsing it).

/// Largest input file, TOML or JSON Resume (JSON or YAML): a résumé is a
/// few kilobytes.
pub const MAX_INPUT_BYTES: usize = 256 << 10;
/// Deepest nesting of arrays and tables, or of JSON Resume's lists and
/// objects (the model itself needs 4, JSON Resume 4 too).
pub const MAX_NESTING: usize = 32;
/// Most `[` and `{` in a JSON Resume YAML file, wherever they stand. The
/// YAML parser's work grows with the nesting of flow collections times
/// the number of tokens; the nesting is checked before parsing by reading
/// the text, and this bounds the work wherever that reading is misled.
pub const MAX_YAML_BRACKETS: usize = 1_000;
/// Most sections, entries, bullets, details, skill rows and links together.
pub const MAX_ITEMS: usize = 2_000;
/// Longest single text field, in characters.
pub const MAX_FIELD_CHARS: usize = 5_000;
/// Most variant profiles in one file (each is a whole compile for `--all`).
pub const MAX_VARIANTS: usize = 64;
/// Longest `extends` chain.
pub const MAX_EXTENDS_DEPTH: usize = 16;
/// Largest `[fonts] fallback` file (a full CJK collection is about 20 MB).
pub const MAX_FONT_BYTES: u64 = 64 << 20;
/// Most `[fonts] fallback` files.
pub const MAX_FALLBACK_FONTS: usize = 8;
/// Most pages a résumé may ask for (`[fit] pages`, `--pages`): a long
/// academic CV runs to a few; each page allowed is at most one more
/// layout pass for the fitter.
pub const MAX_PAGES: u32 = 8;
/// The most font files the themes of one résumé may name (five roles of
/// four styles).
pub const MAX_THEME_FONTS: usize = 20;
/// The most bytes read of a theme file.
pub const MAX_THEME_BYTES: usize = 64 << 10;
/// Most diagnostics reported for one parse or one document; one more
/// counts the rest.
pub const MAX_DIAGNOSTICS: usize = 50;
/// The most pixels a PNG picture of a page may have: a US Letter or A4
/// page at 600 dpi (about 35 million), with room to spare. Each pixel
/// takes 4 bytes while drawing.
pub const MAX_PIXELS: u64 = 40_000_000;
/// The resolution of PNG pictures when none is asked for, in dots per
/// inch: twice the 72 of PDF points, sharp on a high-density screen.
pub const DEFAULT_DPI: f32 = 144.0;
/// Largest photo file (`person.photo`): a portrait for a résumé needs a
/// few hundred kilobytes.
pub const MAX_PHOTO_BYTES: u64 = 10 << 20;
/// Most pixels in a photo (a 40-megapixel camera's full frame): decoding
/// a PNG takes memory in proportion.
pub const MAX_PHOTO_PIXELS: u64 = 40_000_000;
