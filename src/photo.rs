//! The person's photo as the caller read it: its format sniffed from the
//! bytes (never the file name) and its size read from the header, within
//! the caps of [`crate::limits`]. Decoding is the PDF writer's (a JPEG is
//! embedded as it is, a PNG's pixels are compressed again).

use std::sync::Arc;

use crate::limits::{MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS};

/// The image formats a photo may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JPEG (JFIF or Exif).
    Jpeg,
    /// PNG.
    Png,
}

/// A photo ready to embed.
#[derive(Clone, Debug, PartialEq)]
pub struct Photo {
    /// The file as read.
    pub data: Arc<Vec<u8>>,
    /// Its format.
    pub format: Format,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl Photo {
    /// The photo in `data`, or why it cannot be used (an unsupported
    /// format, a damaged header, too many bytes or pixels).
    pub fn read(data: Vec<u8>) -> Result<Photo, String> {
        if data.len() as u64 > MAX_PHOTO_BYTES {
            return Err(format!(
                "it is {} MiB; the limit is {} MiB",
                data.len() >> 20,
                MAX_PHOTO_BYTES >> 20
            ));
        }
        let format = sniff(&data)?;
        let (width, height) = match format {
            Format::Png => png_size(&data),
            Format::Jpeg => jpeg_size(&data),
        }
        .ok_or_else(|| format!("it is not a readable {} file", format.name()))?;
        if width == 0 || height == 0 {
            return Err(format!("it is a {} file with no pixels", format.name()));
        }
        let pixels = u64::from(width) * u64::from(height);
        if pixels > MAX_PHOTO_PIXELS {
            return Err(format!(
                "it is {width} × {height} pixels ({:.1} megapixels); the limit is {} megapixels",
                pixels as f64 / 1e6,
                MAX_PHOTO_PIXELS / 1_000_000
            ));
        }
        Ok(Photo {
            data: Arc::new(data),
            format,
            width,
            height,
        })
    }
}

impl Format {
    /// The name users know it by.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
        }
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The format by the file's first bytes; other image formats are named
/// in the error, so that a GIF or WebP renamed `.jpg` is explained.
fn sniff(data: &[u8]) -> Result<Format, String> {
    if data.starts_with(PNG_SIGNATURE) {
        return Ok(Format::Png);
    }
    if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Format::Jpeg);
    }
    let other = if data.starts_with(b"GIF8") {
        Some("GIF")
    } else if data.len() >= 12 && data.starts_with(b"RIFF") && &data[8..12] == b"WEBP" {
        Some("WebP")
    } else if data.starts_with(b"BM") {
        Some("BMP")
    } else if data.starts_with(b"II*\0") || data.starts_with(b"MM\0*") {
        Some("TIFF")
    } else if data.len() >= 12 && &data[4..8] == b"ftyp" {
        Some("HEIF or AVIF")
    } else if data.starts_with(b"<svg") || data.starts_with(b"<?xml") {
        Some("SVG")
    } else {
        None
    };
    Err(match other {
        Some(name) => format!("it is a {name} image; a photo must be JPEG or PNG"),
        None if data.is_empty() => "the file is empty".to_owned(),
        None => "it is not a JPEG or PNG image".to_owned(),
    })
}

/// Width and height from the PNG header (`IHDR`, the first chunk).
fn png_size(data: &[u8]) -> Option<(u32, u32)> {
    let ihdr = data.get(PNG_SIGNATURE.len()..PNG_SIGNATURE.len() + 25)?;
    if &ihdr[4..8] != b"IHDR" || u32::from_be_bytes(ihdr[0..4].try_into().ok()?) != 13 {
        return None;
    }
    let width = u32::from_be_bytes(ihdr[8..12].try_into().ok()?);
    let height = u32::from_be_bytes(ihdr[12..16].try_into().ok()?);
    Some((width, height))
}

/// Width and height from a JPEG's start-of-frame segment, walking the
/// segments before it.
fn jpeg_size(data: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    loop {
        // Fill bytes may precede a marker.
        while *data.get(at)? == 0xFF && *data.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *data.get(at)? != 0xFF {
            return None;
        }
        let marker = *data.get(at + 1)?;
        let length = usize::from(u16::from_be_bytes([*data.get(at + 2)?, *data.get(at + 3)?]));
        if length < 2 {
            return None;
        }
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let segment = data.get(at + 4..at + 2 + length)?;
            let height = u16::from_be_bytes([*segment.get(1)?, *segment.get(2)?]);
            let width = u16::from_be_bytes([*segment.get(3)?, *segment.get(4)?]);
            return Some((u32::from(width), u32::from(height)));
        }
        if marker == 0xD9 || marker == 0xDA {
            // End of image, or the scan, before any frame header.
            return None;
        }
        at += 2 + length;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut data = PNG_SIGNATURE.to_vec();
        data.extend(13u32.to_be_bytes());
        data.extend(b"IHDR");
        data.extend(width.to_be_bytes());
        data.extend(height.to_be_bytes());
        data.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        data
    }

    fn jpeg(width: u16, height: u16) -> Vec<u8> {
        let mut data = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0];
        data.extend([0xFF, 0xC0, 0, 11, 8]);
        data.extend(height.to_be_bytes());
        data.extend(width.to_be_bytes());
        data.extend([1, 1, 0x11, 0]);
        data
    }

    #[test]
    fn sizes_come_from_the_headers() {
        let p = Photo::read(png(300, 200)).unwrap();
        assert_eq!((p.format, p.width, p.height), (Format::Png, 300, 200));
        let j = Photo::read(jpeg(640, 480)).unwrap();
        assert_eq!((j.format, j.width, j.height), (Format::Jpeg, 640, 480));
    }

    #[test]
    fn other_formats_damage_and_size_are_refused() {
        let err = |data: Vec<u8>| Photo::read(data).unwrap_err();
        assert!(err(b"GIF89a....".to_vec()).contains("GIF"));
        assert!(err(b"RIFF\0\0\0\0WEBPVP8 ".to_vec()).contains("WebP"));
        assert!(err(b"hello".to_vec()).contains("not a JPEG or PNG"));
        assert!(err(Vec::new()).contains("empty"));
        assert!(err(vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 1]).contains("not a readable JPEG"));
        assert!(err(png(300, 200)[..20].to_vec()).contains("not a readable PNG"));
        assert!(err(png(0, 200)).contains("no pixels"));
        assert!(err(png(10_000, 5_000)).contains("megapixels"));
        assert!(err(vec![0xFF; 11 << 20]).contains("MiB"));
    }
}
