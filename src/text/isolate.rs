//! Isolation of third-party code that reads a user's font file.
//!
//! The `[fonts] fallback` files are input like the TOML, but they are
//! parsed, shaped and subset by other crates (ttf-parser and rustybuzz
//! here, krilla's subsetter in `pdf`), and a corrupt table can make those
//! panic: a one-byte change in a GSUB lookup overflows an integer in
//! rustybuzz's parser. No validation of ours could rule that out (the
//! shaper reads whichever lookups the text reaches), so both are done:
//!
//! - **validate at load**: `Session::with_fonts` parses each file with the
//!   shaper's and the PDF writer's parsers, in [`isolated`], so a file
//!   either of them rejects or panics on is an error at its line in the
//!   TOML before anything is laid out;
//! - **isolate every later call** that reads a fallback face (coverage,
//!   shaping plans, shaping, and the PDF writer's loading and subsetting
//!   when a page uses such a face): a panic there becomes the same located
//!   error for the compilation that hit it, and nothing else.
//!
//! A panic caught here leaves no shared state half-updated: the caches of
//! `FontBook` are only locked around their own lookups and inserts, never
//! across a call into a parser or shaper, and a failed call caches nothing
//! but the failure. Whether a text fails is a function of the text and the
//! font, so `--all` on several threads reports the same errors for the same
//! documents, whichever thread gets there first.
//!
//! The default panic hook would still print `thread '...' panicked at ...`
//! on stderr before the panic is caught. So the first isolated call installs
//! a hook that wraps the one in place (the default, or the application's)
//! and stays silent while the panicking thread is inside [`isolated`]; any
//! other panic, on any thread, goes to the previous hook as before. Setting
//! and restoring the hook around each call instead would race between the
//! threads of `--all` (one thread restoring a hook another has just
//! replaced). An application that sets its own hook after the first
//! isolated call replaces this one, and then sees these panics too, but
//! still gets the error rather than a crash. Catching needs `panic =
//! "unwind"` (the default; with `abort` a corrupt font still aborts).

use std::any::Any;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// How many [`isolated`] calls the current thread is inside.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Installs the quiet hook once per process.
static HOOK: Once = Once::new();

/// Run `f`, which reads a user's font file through third-party code; a
/// panic inside it is caught and returned as its message, without printing
/// anything.
pub(crate) fn isolated<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if DEPTH.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
    /// Leaves the isolated region on every way out, unwinding included.
    struct Inside;
    impl Drop for Inside {
        fn drop(&mut self) {
            DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
        }
    }
    DEPTH.with(|d| d.set(d.get() + 1));
    let inside = Inside;
    // Unwind safety: `f` only reads the font bytes and the faces parsed from
    // them; what it writes (a result, a plan) is dropped on a panic.
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    drop(inside);
    result.map_err(|payload| message(payload.as_ref()))
}

/// Longest panic message kept for a diagnostic, in characters.
const MAX_MESSAGE_CHARS: usize = 120;

/// The text of a panic payload (a `&str` or a `String`, as `panic!` makes),
/// on one line and shortened.
fn message(payload: &(dyn Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message");
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_MESSAGE_CHARS)
        .collect();
    if text.chars().count() > MAX_MESSAGE_CHARS {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_the_thread_goes_on() {
        assert_eq!(isolated(|| 7), Ok(7));
        let caught = isolated(|| -> u8 { panic!("bad\ntable") });
        assert_eq!(caught, Err("bad table".to_owned()));
        let index = 9;
        let caught = isolated(|| [1, 2, 3][index]);
        assert!(caught.unwrap_err().contains("out of bounds"));
        // Nested calls leave the outer one isolated.
        let nested = isolated(|| {
            let inner = isolated(|| -> u8 { panic!("inner") });
            assert!(inner.is_err());
            assert_eq!(DEPTH.with(Cell::get), 1);
            panic!("{}", "x".repeat(500))
        });
        assert!(nested.unwrap_err().ends_with('…'));
        assert_eq!(DEPTH.with(Cell::get), 0, "left on every path");
    }

    #[test]
    fn other_panics_still_reach_the_previous_hook() {
        assert!(isolated(|| ()).is_ok());
        // Outside an isolated call the hook delegates (here to the test
        // harness's), and the panic still unwinds to its own catcher.
        let outside = std::thread::spawn(|| panic!("not isolated")).join();
        assert!(outside.is_err());
        assert_eq!(DEPTH.with(Cell::get), 0);
    }
}
