//! krilla's failures as messages for the user.

use krilla::configure::ValidationError;
use krilla::error::KrillaError;

use super::Standard;

/// The messages for a failure to finish the document: one per distinct
/// validation error against `standard`, or one for any other failure.
pub(super) fn messages(error: KrillaError, standard: Option<Standard>) -> Vec<String> {
    match error {
        KrillaError::Validation(errors) => {
            let name = standard.map_or("the PDF standard", Standard::name);
            let mut messages: Vec<String> = errors
                .iter()
                .map(|(error, _)| format!("not {name}: {}", describe(error)))
                .collect();
            messages.dedup();
            messages
        }
        other => vec![format!("failed to write the PDF ({other:?})")],
    }
}

/// A validation error in words.
fn describe(error: &ValidationError) -> String {
    match error {
        ValidationError::MissingDocumentDate => {
            "the document needs a creation date; set SOURCE_DATE_EPOCH".to_owned()
        }
        ValidationError::NoDocumentLanguage => "the document has no language".to_owned(),
        ValidationError::NoDocumentTitle => "the document has no title".to_owned(),
        ValidationError::MissingTagging => "the content is not tagged".to_owned(),
        ValidationError::NoCodepointMapping(_, glyph, _) => {
            format!("glyph {} maps to no text", glyph.to_u32())
        }
        ValidationError::ContainsNotDefGlyph(_, _, text) => {
            format!("a font has no glyph for `{text}`")
        }
        ValidationError::UnicodePrivateArea(_, _, c, _) => {
            format!(
                "the private-use character U+{:04X} is not allowed",
                *c as u32
            )
        }
        ValidationError::MissingAnnotationAltText(_) => "a link has no alternate text".to_owned(),
        other => format!("{other:?}").to_lowercase(),
    }
}
