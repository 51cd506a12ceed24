//! The document's settings: the standard to validate against, the page
//! size, and the metadata.

use krilla::Document;
use krilla::SerializeSettings;
use krilla::configure::{Accessibility, Archival, Configuration, ConfigurationBuilder};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;

use super::{Meta, Standard};
use crate::layout::frame::Page;

/// An empty document set up to meet `standard`.
pub(super) fn document(standard: Option<Standard>) -> Result<Document, Vec<String>> {
    // The document information dictionary carries title, author and
    // language; XMP would repeat them (the standards require it, and krilla
    // then writes it anyway).
    let configuration = match standard {
        None => Configuration::default(),
        Some(standard) => {
            let builder = ConfigurationBuilder::new();
            let builder = match standard {
                Standard::A2b => builder.with_archival_validator(Archival::A2_B),
                Standard::Ua1 => builder.with_accessibility_validator(Accessibility::UA1),
            };
            builder
                .finish()
                .map_err(|e| vec![format!("cannot configure {} ({e:?})", standard.name())])?
        }
    };
    let settings = SerializeSettings {
        xmp_metadata: standard.is_some(),
        configuration,
        ..SerializeSettings::default()
    };
    Ok(Document::new_with(settings))
}

/// The size of the PDF page, from the laid-out page.
pub(super) fn page(page: &Page) -> Result<PageSettings, Vec<String>> {
    PageSettings::from_wh(page.width.get() as f32, page.height.get() as f32)
        .ok_or_else(|| vec!["invalid page size".to_owned()])
}

/// Title, author, language, creator and creation date.
pub(super) fn metadata(meta: &Meta) -> Metadata {
    let mut metadata = Metadata::new()
        .title(meta.title.clone())
        .authors(vec![meta.author.clone()])
        .language(meta.lang.clone())
        .creator(format!("resume {}", env!("CARGO_PKG_VERSION")));
    if let Some(t) = meta.created {
        metadata = metadata.creation_date(
            DateTime::new(t.year)
                .month(t.month)
                .day(t.day)
                .hour(t.hour)
                .minute(t.minute)
                .second(t.second)
                .utc_offset_hour(0)
                .utc_offset_minute(0),
        );
    }
    metadata
}
