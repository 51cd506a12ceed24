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
    read_capped(path, resume::limits::MAX_FONT_BYTES)
}

/// Read the photo file: a regular file within its size limit.
pub fn read_photo(path: &Path) -> Result<Vec<u8>, String> {
    read_capped(path, resume::limits::MAX_PHOTO_BYTES)
}

/// Read a regular file of at most `limit` bytes.
fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
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

/// Whether `path` names standard input: `-`, or one of the names systems
/// give it.
pub fn is_stdin(path: &Path) -> bool {
    ["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]
        .iter()
        .any(|name| path.as_os_str() == *name)
}

/// Read the input as UTF-8 text, without a byte-order mark, reading at
/// most `cap` bytes. What the path is gets checked first: a directory, a
/// FIFO or a device is refused before anything is read (standard input,
/// `-` or `/dev/stdin`, is read up to the cap).
pub fn read_text(input: &Path, cap: usize) -> Result<String, Diagnostic> {
    let name = input.display().to_string();
    let too_big = |size: u64| {
        Diagnostic::error(format!(
            "the file is {} KiB; the limit is {} KiB",
            size / 1024,
            cap / 1024
        ))
        .with_hint("a one-page résumé needs a few kilobytes; is this the right file?")
    };
    let failed =
        |e: &std::io::Error| Diagnostic::error(format!("failed to read {name} ({})", reason(e)));
    let limit = cap as u64 + 1;
    let mut bytes = Vec::new();
    if is_stdin(input) {
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| failed(&e))?;
    } else {
        let meta = fs::metadata(input).map_err(|e| failed(&e))?;
        if !meta.is_file() {
            return Err(
                Diagnostic::error(format!("{name} is {}, not a file", kind_of(&meta)))
                    .with_hint("name the résumé file, or `-` to read standard input"),
            );
        }
        if meta.len() > cap as u64 {
            return Err(too_big(meta.len()));
        }
        fs::File::open(input)
            .and_then(|f| f.take(limit).read_to_end(&mut bytes))
            .map_err(|e| failed(&e))?;
    }
    if bytes.len() > cap {
        return Err(too_big(bytes.len() as u64));
    }
    decode(bytes)
}

/// What a file that is not a regular file is, in words.
fn kind_of(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Check a single output before writing it: not empty, not one of the
/// `inputs`, not a directory or a link to nothing; what it names.
pub fn check_output(output: &Path, inputs: &[PathBuf]) -> Result<Sink, Diagnostic> {
    let shown = super::report::shown_path(output);
    if output.as_os_str().is_empty() {
        return Err(Diagnostic::error("the output path is empty")
            .with_hint("name the output with -o, or leave -o out"));
    }
    if let Some(file) = inputs.iter().find(|i| same_file(i, output)) {
        return Err(Diagnostic::error(format!(
            "the output {shown} is the input {}; writing it would destroy the input",
            super::report::shown_path(file)
        ))
        .with_hint("choose another output with -o"));
    }
    Sink::of(output).map_err(|no| no.error(&shown))
}

/// Whether two paths name the same existing file (the same device and
/// inode: `./r.toml`, `r.toml` and a hard link all do).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => file_id(&a) == file_id(&b),
        _ => false,
    }
}

/// A file's identity.
fn file_id(meta: &fs::Metadata) -> (u64, u64) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        (meta.len(), 0)
    }
}

/// Bytes as UTF-8 text without a byte-order mark, or why they are not.
fn decode(bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if looks_like_utf16(&bytes) {
        return Err(utf16_error());
    }
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

/// Whether the bytes are UTF-16 text: its byte-order mark, or (without
/// one) a zero byte beside most characters, as ASCII text has in UTF-16.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(200)];
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let pairs = head.len() / 2;
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    pairs >= 2 && (zeros_at(0) * 2 > pairs || zeros_at(1) * 2 > pairs)
}

/// The error for UTF-16 text.
fn utf16_error() -> Diagnostic {
    Diagnostic::error("the file is UTF-16 encoded, not UTF-8")
        .with_hint("save it as UTF-8 (in most editors: Save with Encoding → UTF-8)")
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

/// Where an output goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sink {
    /// `-`: standard output.
    Stdout,
    /// A character device, FIFO or socket (`/dev/null`, a pipe): written
    /// to directly, never replaced by a regular file.
    Special(PathBuf),
    /// A regular file, or none yet: written atomically. A symbolic link is
    /// followed, so the link survives and its target is replaced.
    File(PathBuf),
}

impl Sink {
    /// What `path` names as an output; a directory or a link to nothing
    /// cannot be one.
    pub fn of(path: &Path) -> Result<Sink, NoSink> {
        if path.as_os_str() == "-" {
            return Ok(Sink::Stdout);
        }
        let link = fs::symlink_metadata(path).ok();
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => Err(NoSink::Directory),
            Ok(meta) if meta.is_file() => {
                if link.is_some_and(|l| l.file_type().is_symlink()) {
                    let real = fs::canonicalize(path).map_err(|_| NoSink::DanglingLink)?;
                    Ok(Sink::File(real))
                } else {
                    Ok(Sink::File(path.to_path_buf()))
                }
            }
            Ok(_) => Ok(Sink::Special(path.to_path_buf())),
            Err(_) if link.is_some() => Err(NoSink::DanglingLink),
            Err(_) => Ok(Sink::File(path.to_path_buf())),
        }
    }
}

/// Why a path cannot take an output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoSink {
    /// It is a directory.
    Directory,
    /// It is a symbolic link to nothing.
    DanglingLink,
}

impl NoSink {
    /// The error for an output at `shown`.
    pub fn error(self, shown: &str) -> Diagnostic {
        match self {
            NoSink::Directory => Diagnostic::error(format!(
                "the output path {shown} is a directory; {shown} was not written"
            )),
            NoSink::DanglingLink => Diagnostic::error(format!(
                "the output path {shown} is a symbolic link to nothing; {shown} was not written"
            ))
            .with_hint("remove the link, or write elsewhere with -o"),
        }
    }
}

/// Write `bytes` to `path` without ever leaving a half-written or
/// clobbered file: a regular file is replaced atomically, standard output
/// and devices are written to directly.
pub fn write_output(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let sink = Sink::of(path)
        .map_err(|e| std::io::Error::other(e.error(&path.display().to_string()).message))?;
    match sink {
        Sink::Stdout => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()
        }
        Sink::Special(path) => {
            let mut file = fs::OpenOptions::new().write(true).open(&path)?;
            file.write_all(bytes)?;
            file.flush()
        }
        Sink::File(path) => write_atomically(&path, bytes),
    }
}

/// The suffix of every temporary file, so that leftovers can be found.
const TEMPORARY_SUFFIX: &str = ".resume.tmp";

/// Temporary files older than this are leftovers of a killed run.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// An unpredictable number for a temporary file's name.
fn random() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(now.as_nanos());
    }
    hasher.finish()
}

/// Write to a new temporary file beside the target, sync it, then rename it
/// over the target: a crash leaves either the old file or the new one. The
/// temporary file is created exclusively under an unpredictable name, so a
/// symbolic link or FIFO planted at any name can neither redirect nor block
/// the write; a replaced file keeps its permissions.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "resume.pdf".into());
    remove_stale_temporaries(&dir, &file_name);
    let mode = fs::metadata(path).ok().map(|m| m.permissions());
    let (tmp, mut file) = create_temporary(&dir, &file_name)?;
    let result = (|| {
        if let Some(mode) = mode {
            file.set_permissions(mode)?;
        }
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

/// A new file `.NAME.RANDOM.resume.tmp` in `dir`, created exclusively (an
/// existing name, even a dangling symbolic link, is never opened).
fn create_temporary(dir: &Path, file_name: &str) -> std::io::Result<(PathBuf, fs::File)> {
    let mut last = None;
    for _ in 0..16 {
        let tmp = dir.join(format!(".{file_name}.{:016x}{TEMPORARY_SUFFIX}", random()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no temporary file name was free")))
}

/// Remove temporary files for `file_name` that a killed run left behind
/// (older than [`STALE_AFTER`], so a build in progress keeps its own).
/// Only regular files are removed; a symbolic link is removed as a link.
fn remove_stale_temporaries(dir: &Path, file_name: &str) {
    let prefix = format!(".{file_name}.");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok).take(10_000) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !name.starts_with(&prefix) || !name.ends_with(TEMPORARY_SUFFIX) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if meta.is_file() && old {
            let _ = fs::remove_file(entry.path());
        }
    }
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
    fn decode_knows_utf16_without_a_byte_order_mark() {
        for bytes in [
            "[person]\nname = \"Ada\"\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
            "[person]"
                .encode_utf16()
                .flat_map(u16::to_be_bytes)
                .collect(),
        ] {
            assert_eq!(decode(bytes).unwrap_err().message, utf16_error().message);
        }
        // A stray NUL in UTF-8 text is not UTF-16.
        assert!(decode(b"[person]\nname = \"A\0da\"\n".to_vec()).is_ok());
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
