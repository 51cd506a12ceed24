//! Styled text: the inline style flags and the runs of one style that
//! markup parsing produces and every later stage reads (the document,
//! the theme's choice of face, shaping, the exports).
//!
//! A leaf: it uses nothing else from the crate, so the model and every
//! stage after it can share these types.

/// Inline style flags of a span.
///
/// Independent flags rather than a tree, because the backends only need to
/// know which face to pick for each run of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct Style {
    /// Inside `**…**`; selects the bold face.
    pub bold: bool,
    /// Inside `*…*`; selects the italic face.
    pub italic: bool,
    /// Inside backticks; selects the monospace face.
    pub code: bool,
}

/// A run of text with one style and at most one link target.
///
/// Flat runs are what shaping and line breaking consume; the offset lets
/// diagnostics about the printed text point back at the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// Literal text, escapes removed.
    pub text: String,
    /// How the text is set.
    pub style: Style,
    /// URL of an enclosing `[label](url)`, so the output can make the text clickable.
    pub link: Option<String>,
    /// Byte offset in the input where this span's source text begins.
    ///
    /// For an escape this is the backslash; for code it is the first byte
    /// inside the backticks.
    pub offset: usize,
}
