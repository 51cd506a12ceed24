//! The bundled fonts, embedded in the binary so that it runs on a machine
//! with no fonts installed. Licenses are in `fonts/*/`.

/// Identifies one bundled font face.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FontId {
    /// Latin Modern Roman 10 Regular.
    LmRegular,
    /// Latin Modern Roman 10 Bold.
    LmBold,
    /// Latin Modern Roman 10 Italic.
    LmItalic,
    /// Latin Modern Roman 10 Bold Italic.
    LmBoldItalic,
    /// Latin Modern Roman Caps 10: small caps for headings.
    LmCaps,
    /// Inter Regular.
    InterRegular,
    /// Inter Bold.
    InterBold,
    /// Inter Italic.
    InterItalic,
    /// Inter Bold Italic.
    InterBoldItalic,
    /// DejaVu Sans: fallback for symbols and scripts the main fonts lack.
    DejaVu,
    /// DejaVu Sans Bold.
    DejaVuBold,
    /// The n-th font file of `[fonts] fallback`, loaded at run time.
    Fallback(u8),
}

impl FontId {
    /// Every bundled face.
    pub const ALL: [FontId; 11] = [
        FontId::LmRegular,
        FontId::LmBold,
        FontId::LmItalic,
        FontId::LmBoldItalic,
        FontId::LmCaps,
        FontId::InterRegular,
        FontId::InterBold,
        FontId::InterItalic,
        FontId::InterBoldItalic,
        FontId::DejaVu,
        FontId::DejaVuBold,
    ];

    /// The font file of a bundled face (`None` for a fallback file).
    pub fn data(self) -> Option<&'static [u8]> {
        Some(match self {
            FontId::LmRegular => {
                include_bytes!("../../fonts/latin-modern-roman/lmroman10-regular.otf")
            }
            FontId::LmBold => include_bytes!("../../fonts/latin-modern-roman/lmroman10-bold.otf"),
            FontId::LmItalic => {
                include_bytes!("../../fonts/latin-modern-roman/lmroman10-italic.otf")
            }
            FontId::LmBoldItalic => {
                include_bytes!("../../fonts/latin-modern-roman/lmroman10-bolditalic.otf")
            }
            FontId::LmCaps => {
                include_bytes!("../../fonts/latin-modern-roman/lmromancaps10-regular.otf")
            }
            FontId::InterRegular => include_bytes!("../../fonts/inter/Inter-Regular.otf"),
            FontId::InterBold => include_bytes!("../../fonts/inter/Inter-Bold.otf"),
            FontId::InterItalic => include_bytes!("../../fonts/inter/Inter-Italic.otf"),
            FontId::InterBoldItalic => include_bytes!("../../fonts/inter/Inter-BoldItalic.otf"),
            FontId::DejaVu => include_bytes!("../../fonts/dejavu-sans/DejaVuSans.ttf"),
            FontId::DejaVuBold => include_bytes!("../../fonts/dejavu-sans/DejaVuSans-Bold.ttf"),
            FontId::Fallback(_) => return None,
        })
    }

    /// A short stable name, used in layout dumps and messages.
    pub fn name(self) -> &'static str {
        match self {
            FontId::LmRegular => "lmroman10-regular",
            FontId::LmBold => "lmroman10-bold",
            FontId::LmItalic => "lmroman10-italic",
            FontId::LmBoldItalic => "lmroman10-bolditalic",
            FontId::LmCaps => "lmromancaps10-regular",
            FontId::InterRegular => "inter-regular",
            FontId::InterBold => "inter-bold",
            FontId::InterItalic => "inter-italic",
            FontId::InterBoldItalic => "inter-bolditalic",
            FontId::DejaVu => "dejavusans",
            FontId::DejaVuBold => "dejavusans-bold",
            FontId::Fallback(_) => "fallback",
        }
    }

    /// The position in [`FontId::ALL`] (fallback files after it), for table lookups.
    pub fn index(self) -> usize {
        match self {
            FontId::LmRegular => 0,
            FontId::LmBold => 1,
            FontId::LmItalic => 2,
            FontId::LmBoldItalic => 3,
            FontId::LmCaps => 4,
            FontId::InterRegular => 5,
            FontId::InterBold => 6,
            FontId::InterItalic => 7,
            FontId::InterBoldItalic => 8,
            FontId::DejaVu => 9,
            FontId::DejaVuBold => 10,
            FontId::Fallback(n) => FontId::ALL.len() + usize::from(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FontId;

    #[test]
    fn index_is_the_position_in_all() {
        for (i, font) in FontId::ALL.iter().enumerate() {
            assert_eq!(font.index(), i, "{}", font.name());
        }
        assert_eq!(FontId::Fallback(2).index(), FontId::ALL.len() + 2);
    }
}
