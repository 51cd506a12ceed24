//! Font slots: each face is loaded into krilla once, when a run first
//! uses it.

use std::sync::Arc;

use krilla::Data;
use krilla::text::Font;

use crate::text::shape::FontFile;
use crate::theme::fonts::FontId;

/// One slot per bundled face and per `[fonts] fallback` file.
pub(super) struct Fonts<'a> {
    /// The loaded faces, by [`FontId::index`].
    slots: Vec<Option<Font>>,
    /// The files that [`FontId::Fallback`] refers to.
    fallback: &'a [FontFile],
}

impl<'a> Fonts<'a> {
    /// Empty slots for the bundled faces and `fallback`.
    pub(super) fn new(fallback: &'a [FontFile]) -> Fonts<'a> {
        Fonts {
            slots: vec![None; FontId::ALL.len() + fallback.len()],
            fallback,
        }
    }

    /// The face that krilla loaded as `font`, if it is one of these.
    pub(super) fn id_of(&self, font: &Font) -> Option<FontId> {
        let index = self.slots.iter().position(|s| s.as_ref() == Some(font))?;
        FontId::ALL.get(index).copied().or_else(|| {
            u8::try_from(index - FontId::ALL.len())
                .ok()
                .map(FontId::Fallback)
        })
    }

    /// The face `id`, loaded on first use.
    pub(super) fn get(&mut self, id: FontId) -> Result<Font, Vec<String>> {
        let slot = self
            .slots
            .get_mut(id.index())
            .ok_or_else(|| vec![format!("no font file for {}", id.name())])?;
        if let Some(font) = slot {
            return Ok(font.clone());
        }
        let data: Option<(Data, u32)> = match id {
            FontId::Fallback(n) => self
                .fallback
                .get(usize::from(n))
                .map(|file| (Arc::clone(&file.data).into(), file.index)),
            bundled => bundled.data().map(|d| (d.into(), 0)),
        };
        let font = data
            .and_then(|(d, index)| Font::new(d, index))
            .ok_or_else(|| vec![format!("failed to load font {}", id.name())])?;
        *slot = Some(font.clone());
        Ok(font)
    }
}
