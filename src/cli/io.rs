//! Files in and out: reading the résumé and font files within limits, and
//! writing outputs so that a crash or an error never leaves a half-written
//! file.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use resume::diag::Diagnostic;

/// An I/O error in words, without the "(os error N)" suffix.
pub fn reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_lowercase(),
        None => text.to_lowercase(),
    }
}

/// The error for an output that could not be written.
pub fn write_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!(
        "failed to write {} ({})",
        path.display(),
        reason(e)
    ))
}

/// Read a fallback font file: a regular file within the size limit (so that
/// `/dev/zero` or a huge file is an error, not a hang).
pub fn read_font(path: &Path) -> Result<Vec<u8>, String> {
    let limit = resume::limits::MAX_FONT_BYTES;
    let meta = fs::metadata(path).map_err(|e| reason(&e))?;
    if !meta.is_file() {
        return Err("it is not a regular file".to_owned());
    }
    let too_big = |size: u64| format!("it is {} MiB; the limit is {} MiB", size >> 20, limit >> 20);
    if meta.len() > limit {
        return Err(too_big(meta.len()));
    }
    let mut data = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut data))
        .map_err(|e| reason(&e))?;
    if data.len() as u64 > limit {
        return Err(too_big(data.len() as u64));
    }
    Ok(data)
}

/// Read the input as UTF-8 text, without a byte-order mark.
pub fn read_text(input: &Path) -> Result<String, Diagnostic> {
    let name = input.display().to_string();
    let bytes = fs::read(input)
        .map_err(|e| Diagnostic::error(format!("failed to read {name} ({})", reason(&e))))?;
    decode(bytes)
}

/// Bytes as UTF-8 text without a byte-order mark, or why they are not.
fn decode(bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{FEFF}') {
                text.replace_range(0..3, "");
            }
            Ok(text)
        }
        Err(e) => {
            let bytes = e.as_bytes();
            // A UTF-16 file starts with its byte-order mark, or has a zero
            // byte beside most ASCII characters.
            let head = &bytes[..bytes.len().min(200)];
            let zeros = head.iter().filter(|b| **b == 0).count();
            if head.starts_with(&[0xFF, 0xFE])
                || head.starts_with(&[0xFE, 0xFF])
                || zeros * 4 > head.len()
            {
                return Err(Diagnostic::error("the file is UTF-16 encoded, not UTF-8")
                    .with_hint("save it as UTF-8 (in most editors: Save with Encoding → UTF-8)"));
            }
            let valid = e.utf8_error().valid_up_to();
            Err(Diagnostic::error(format!(
                "the file is not valid UTF-8 (byte {valid} is not part of a character)"
            ))
            .with_hint("save the file as UTF-8"))
        }
    }
}

/// A hook for the crash-safety test: with `RESUME_TEST_PAUSE_BEFORE_RENAME_MS`
/// set, wait that long between writing the temporary file and renaming it,
/// so that the test can kill the process at the worst moment.
fn pause_for_tests() {
    if let Some(ms) = std::env::var("RESUME_TEST_PAUSE_BEFORE_RENAME_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms.min(60_000)));
    }
}

/// Write to a temporary file beside the target, sync it, then rename it over
/// the target: a crash leaves either the old file or the new one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "resume.pdf".into());
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        pause_for_tests();
        fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(dir) = fs::File::open(&dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_the_byte_order_mark() {
        assert_eq!(decode(b"\xEF\xBB\xBFname".to_vec()).unwrap(), "name");
        assert_eq!(decode(b"plain".to_vec()).unwrap(), "plain");
    }

    #[test]
    fn decode_names_utf16_and_the_first_bad_byte() {
        let utf16: Vec<u8> = "\u{FEFF}[person]"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let d = decode(utf16).unwrap_err();
        assert_eq!(d.message, "the file is UTF-16 encoded, not UTF-8");
        let d = decode(b"ab\xFFcd".to_vec()).unwrap_err();
        assert!(d.message.contains("byte 2"), "{}", d.message);
    }

    #[test]
    fn reason_drops_the_os_error_number() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(reason(&e), "no such file or directory");
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("resume-io-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let target = dir.join("out.pdf");
        fs::write(&target, b"old").unwrap();
        write_atomically(&target, b"new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.pdf")]);
        fs::remove_dir_all(&dir).unwrap();
    }
}
