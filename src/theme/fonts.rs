//! The bundled fonts, embedded in the binary so that it runs on a machine
//! with no fonts installed. Licenses are in `fonts/*/`.
//!
//! The faces of the first two families and the fallback are embedded as
//! they are; the theme families are embedded deflated (by `build.rs`) and
//! inflated once per process, when a document first uses the face.

use std::io::Read;
use std::sync::OnceLock;

/// How a bundled face is stored in the binary.
#[derive(Clone, Copy)]
enum Stored {
    /// The font file as it is.
    Plain(&'static [u8]),
    /// The font file deflated, and its size.
    Deflated(&'static [u8], usize),
}

/// A font file embedded as it is.
macro_rules! plain {
    ($path:literal) => {
        Stored::Plain(include_bytes!(concat!("../../fonts/", $path)))
    };
}

/// A font file embedded deflated (see `build.rs`), with its size.
macro_rules! deflated {
    ($dir:literal, $file:literal, $size:literal) => {
        Stored::Deflated(
            include_bytes!(concat!(env!("OUT_DIR"), "/", $dir, "_", $file, ".deflate")),
            $size,
        )
    };
}

/// The bundled faces: the enum, [`FontId::ALL`], names, indices and files
/// from one table.
macro_rules! faces {
    ($($(#[doc = $doc:literal])* $id:ident = $name:literal, $stored:expr;)*) => {
        /// Identifies one bundled font face, or a font file loaded at run time.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum FontId {
            $($(#[doc = $doc])* $id,)*
            /// The n-th font file loaded at run time: the `[fonts] fallback`
            /// files, then the font files a theme names.
            Fallback(u8),
        }

        /// The bundled faces without data, so that a face's position is its
        /// discriminant.
        #[derive(Clone, Copy)]
        enum Slot {
            $($id,)*
        }

        impl FontId {
            /// The position in [`FontId::ALL`] (files loaded at run time
            /// after it), for table lookups.
            pub fn index(self) -> usize {
                match self {
                    $(FontId::$id => Slot::$id as usize,)*
                    FontId::Fallback(n) => FontId::ALL.len() + usize::from(n),
                }
            }

            /// Every bundled face.
            pub const ALL: [FontId; faces!(@count $($id)*)] = [$(FontId::$id,)*];

            /// A short stable name, used in layout dumps and messages.
            pub fn name(self) -> &'static str {
                match self {
                    $(FontId::$id => $name,)*
                    FontId::Fallback(_) => "fallback",
                }
            }

            /// How the face is stored (`None` for a file loaded at run time).
            fn stored(self) -> Option<Stored> {
                Some(match self {
                    $(FontId::$id => $stored,)*
                    FontId::Fallback(_) => return None,
                })
            }
        }
    };
    (@count $($id:ident)*) => { <[()]>::len(&[$(faces!(@unit $id)),*]) };
    (@unit $id:ident) => { () };
}

faces! {
    /// Latin Modern Roman 10 Regular.
    LmRegular = "lmroman10-regular", plain!("latin-modern-roman/lmroman10-regular.otf");
    /// Latin Modern Roman 10 Bold.
    LmBold = "lmroman10-bold", plain!("latin-modern-roman/lmroman10-bold.otf");
    /// Latin Modern Roman 10 Italic.
    LmItalic = "lmroman10-italic", plain!("latin-modern-roman/lmroman10-italic.otf");
    /// Latin Modern Roman 10 Bold Italic.
    LmBoldItalic = "lmroman10-bolditalic", plain!("latin-modern-roman/lmroman10-bolditalic.otf");
    /// Latin Modern Roman Caps 10: small caps for headings.
    LmCaps = "lmromancaps10-regular", plain!("latin-modern-roman/lmromancaps10-regular.otf");
    /// Inter Regular.
    InterRegular = "inter-regular", plain!("inter/Inter-Regular.otf");
    /// Inter Bold.
    InterBold = "inter-bold", plain!("inter/Inter-Bold.otf");
    /// Inter Italic.
    InterItalic = "inter-italic", plain!("inter/Inter-Italic.otf");
    /// Inter Bold Italic.
    InterBoldItalic = "inter-bolditalic", plain!("inter/Inter-BoldItalic.otf");
    /// DejaVu Sans: fallback for symbols and scripts the main fonts lack.
    DejaVu = "dejavusans", plain!("dejavu-sans/DejaVuSans.ttf");
    /// DejaVu Sans Bold.
    DejaVuBold = "dejavusans-bold", plain!("dejavu-sans/DejaVuSans-Bold.ttf");
    /// Latin Modern Mono 10 Regular: code in the Latin Modern themes.
    LmMonoRegular = "lmmono10-regular",
        deflated!("latin-modern-mono", "lmmono10-regular.otf", 64684);
    /// Latin Modern Mono Light 10 Bold.
    LmMonoBold = "lmmonolt10-bold", deflated!("latin-modern-mono", "lmmonolt10-bold.otf", 66332);
    /// Latin Modern Mono 10 Italic.
    LmMonoItalic = "lmmono10-italic", deflated!("latin-modern-mono", "lmmono10-italic.otf", 63584);
    /// Latin Modern Mono Light 10 Bold Oblique.
    LmMonoBoldItalic = "lmmonolt10-boldoblique",
        deflated!("latin-modern-mono", "lmmonolt10-boldoblique.otf", 75300);
    /// JetBrains Mono Regular: code in the sans themes.
    JetBrainsRegular = "jetbrainsmono-regular",
        deflated!("jetbrains-mono", "JetBrainsMono-Regular.ttf", 202496);
    /// JetBrains Mono Bold.
    JetBrainsBold = "jetbrainsmono-bold", deflated!("jetbrains-mono", "JetBrainsMono-Bold.ttf", 208676);
    /// JetBrains Mono Italic.
    JetBrainsItalic = "jetbrainsmono-italic",
        deflated!("jetbrains-mono", "JetBrainsMono-Italic.ttf", 209732);
    /// JetBrains Mono Bold Italic.
    JetBrainsBoldItalic = "jetbrainsmono-bolditalic",
        deflated!("jetbrains-mono", "JetBrainsMono-BoldItalic.ttf", 211312);
    /// XCharter Regular.
    XCharterRegular = "xcharter-regular", deflated!("xcharter", "XCharter-Regular.otf", 149788);
    /// XCharter Bold.
    XCharterBold = "xcharter-bold", deflated!("xcharter", "XCharter-Bold.otf", 134920);
    /// XCharter Italic.
    XCharterItalic = "xcharter-italic", deflated!("xcharter", "XCharter-Italic.otf", 127300);
    /// XCharter Bold Italic.
    XCharterBoldItalic = "xcharter-bolditalic",
        deflated!("xcharter", "XCharter-BoldItalic.otf", 115108);
    /// EB Garamond Regular.
    GaramondRegular = "ebgaramond-regular",
        plain!("eb-garamond/EBGaramond-Regular.ttf");
    /// EB Garamond Bold.
    GaramondBold = "ebgaramond-bold", plain!("eb-garamond/EBGaramond-Bold.ttf");
    /// EB Garamond Italic.
    GaramondItalic = "ebgaramond-italic", plain!("eb-garamond/EBGaramond-Italic.ttf");
    /// EB Garamond Bold Italic.
    GaramondBoldItalic = "ebgaramond-bolditalic",
        plain!("eb-garamond/EBGaramond-BoldItalic.ttf");
    /// Source Sans 3 Regular.
    SourceSansRegular = "sourcesans3-regular",
        plain!("source-sans-3/SourceSans3-Regular.ttf");
    /// Source Sans 3 Bold.
    SourceSansBold = "sourcesans3-bold", plain!("source-sans-3/SourceSans3-Bold.ttf");
    /// Source Sans 3 Italic.
    SourceSansItalic = "sourcesans3-italic",
        plain!("source-sans-3/SourceSans3-Italic.ttf");
    /// Source Sans 3 Bold Italic.
    SourceSansBoldItalic = "sourcesans3-bolditalic",
        plain!("source-sans-3/SourceSans3-BoldItalic.ttf");
    /// Lato Regular.
    LatoRegular = "lato-regular", deflated!("lato", "Lato-Regular.ttf", 75152);
    /// Lato Bold.
    LatoBold = "lato-bold", deflated!("lato", "Lato-Bold.ttf", 73332);
    /// Lato Italic.
    LatoItalic = "lato-italic", deflated!("lato", "Lato-Italic.ttf", 75792);
    /// Lato Bold Italic.
    LatoBoldItalic = "lato-bolditalic", deflated!("lato", "Lato-BoldItalic.ttf", 77732);
    /// Font Awesome 7 Free Solid: contact-line icons (drawn as outlines).
    IconsSolid = "fontawesome7-solid",
        deflated!("font-awesome-7", "FontAwesome7Free-Solid-900.otf", 410592);
    /// Font Awesome 7 Brands: the icons of sites such as GitHub.
    IconsBrands = "fontawesome7-brands",
        deflated!("font-awesome-7", "FontAwesome7Brands-Regular-400.otf", 199352);
}

impl FontId {
    /// Whether this is one of the icon faces, which hold pictures rather
    /// than letters: never a fallback for text, and drawn as outlines.
    pub fn is_icons(self) -> bool {
        matches!(self, FontId::IconsSolid | FontId::IconsBrands)
    }
}

/// A bundled family: its four faces, and a small-caps face if it has one.
#[derive(Clone, Copy, Debug)]
pub struct BundledFamily {
    /// The name a theme uses, e.g. `eb-garamond`.
    pub name: &'static str,
    /// A few words on it, for `resume themes`.
    pub about: &'static str,
    /// Regular, bold, italic, bold italic.
    pub faces: [FontId; 4],
    /// A face of small capitals for headings (Latin Modern's caps face).
    pub small_caps: Option<FontId>,
}

/// The bundled families, by name.
pub const FAMILIES: [BundledFamily; 9] = [
    BundledFamily {
        name: "latin-modern",
        about: "Latin Modern Roman, the LaTeX serif (alias \"serif\")",
        faces: [
            FontId::LmRegular,
            FontId::LmBold,
            FontId::LmItalic,
            FontId::LmBoldItalic,
        ],
        small_caps: Some(FontId::LmCaps),
    },
    BundledFamily {
        name: "inter",
        about: "Inter, a neutral sans (alias \"sans\")",
        faces: [
            FontId::InterRegular,
            FontId::InterBold,
            FontId::InterItalic,
            FontId::InterBoldItalic,
        ],
        small_caps: None,
    },
    BundledFamily {
        name: "xcharter",
        about: "XCharter, a sturdy, compact serif",
        faces: [
            FontId::XCharterRegular,
            FontId::XCharterBold,
            FontId::XCharterItalic,
            FontId::XCharterBoldItalic,
        ],
        small_caps: None,
    },
    BundledFamily {
        name: "eb-garamond",
        about: "EB Garamond, an old-style serif with true small caps",
        faces: [
            FontId::GaramondRegular,
            FontId::GaramondBold,
            FontId::GaramondItalic,
            FontId::GaramondBoldItalic,
        ],
        small_caps: None,
    },
    BundledFamily {
        name: "source-sans-3",
        about: "Source Sans 3, a humanist sans",
        faces: [
            FontId::SourceSansRegular,
            FontId::SourceSansBold,
            FontId::SourceSansItalic,
            FontId::SourceSansBoldItalic,
        ],
        small_caps: None,
    },
    BundledFamily {
        name: "lato",
        about: "Lato, a warm, rounded sans",
        faces: [
            FontId::LatoRegular,
            FontId::LatoBold,
            FontId::LatoItalic,
            FontId::LatoBoldItalic,
        ],
        small_caps: None,
    },
    BundledFamily {
        name: "latin-modern-mono",
        about: "Latin Modern Mono, the LaTeX typewriter face",
        faces: [
            FontId::LmMonoRegular,
            FontId::LmMonoBold,
            FontId::LmMonoItalic,
            FontId::LmMonoBoldItalic,
        ],
        small_caps: None,
    },
    BundledFamily {
        name: "jetbrains-mono",
        about: "JetBrains Mono, a monospace face for code",
        faces: [
            FontId::JetBrainsRegular,
            FontId::JetBrainsBold,
            FontId::JetBrainsItalic,
            FontId::JetBrainsBoldItalic,
        ],
        small_caps: None,
    },
    BundledFamily {
        name: "dejavu-sans",
        about: "DejaVu Sans, wide coverage of symbols and scripts (no italic)",
        faces: [
            FontId::DejaVu,
            FontId::DejaVuBold,
            FontId::DejaVu,
            FontId::DejaVuBold,
        ],
        small_caps: None,
    },
];

/// The bundled family called `name` (`"serif"` and `"sans"` are Latin
/// Modern and Inter).
pub fn family(name: &str) -> Option<&'static BundledFamily> {
    let name = match name {
        "serif" => "latin-modern",
        "sans" => "inter",
        other => other,
    };
    FAMILIES.iter().find(|f| f.name == name)
}

/// Every name [`family`] knows, for did-you-mean hints.
pub fn family_names() -> impl Iterator<Item = &'static str> + Clone {
    FAMILIES.iter().map(|f| f.name).chain(["serif", "sans"])
}

/// The inflated files of the deflated faces, by [`FontId::index`]: each is
/// inflated at most once per process.
static INFLATED: [OnceLock<Vec<u8>>; FontId::ALL.len()] =
    [const { OnceLock::new() }; FontId::ALL.len()];

impl FontId {
    /// The font file of a bundled face (`None` for a file loaded at run
    /// time). A deflated face is inflated on the first call.
    pub fn data(self) -> Option<&'static [u8]> {
        match self.stored()? {
            Stored::Plain(data) => Some(data),
            Stored::Deflated(deflated, size) => {
                let slot = INFLATED.get(self.index())?;
                let data = slot.get_or_init(|| inflate(deflated, size));
                (!data.is_empty()).then_some(data.as_slice())
            }
        }
    }
}

/// A deflated font file, inflated (empty if the embedded data is damaged,
/// which a test rules out).
fn inflate(deflated: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size);
    let mut decoder = flate2::read::DeflateDecoder::new(deflated).take(size as u64 + 1);
    match decoder.read_to_end(&mut out) {
        Ok(n) if n == size => out,
        _ => Vec::new(),
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

    #[test]
    fn every_face_has_its_file_and_a_distinct_name() {
        for font in FontId::ALL {
            let data = font.data().unwrap_or_default();
            assert!(data.len() > 10_000, "{}", font.name());
            assert!(
                data.starts_with(b"OTTO") || data.starts_with(&[0, 1, 0, 0]),
                "{} is an OpenType file",
                font.name()
            );
            let same = FontId::ALL.iter().filter(|f| f.name() == font.name());
            assert_eq!(same.count(), 1, "{}", font.name());
        }
        assert_eq!(FontId::Fallback(0).data(), None);
    }
}
