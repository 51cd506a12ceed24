//! `resume watch`: build, then rebuild whenever the résumé or a file it
//! uses changes, until Ctrl-C (or SIGTERM); with `--serve`, publish each
//! build to the live preview ([`super::serve`]).
//!
//! The watcher watches the folders of the files a build read (not the
//! files: an editor that saves by writing a new file and renaming it over
//! the old one replaces the file a file watch would follow), without
//! descending, and keeps the events for those files. The debouncer turns a
//! burst of events into one batch. The loop runs one build at a time;
//! every batch that arrives during a build becomes one build after it.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::EventKind;
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, new_debouncer_opt};
use resume::diag::Diagnostic;

use super::build::{Kept, Request, run_with};
use super::report::{Reporter, shown_path};
use super::serve::{self, Preview};
use super::{Failed, Outcome, io};

/// How long the debouncer holds an event back, merging it with the same
/// kind of event on the same file.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// How long the files must stay quiet before a build starts: a burst of
/// saves (a formatter after the editor, a script writing many times) is
/// one build, and a build never reads a file between its truncation and
/// its new content.
const SETTLE: Duration = Duration::from_millis(25);

/// What wakes the loop.
#[derive(Debug)]
pub enum Wake {
    /// Files the last build read changed.
    Changed,
    /// Ctrl-C or SIGTERM: stop.
    Stop,
}

/// Run the watch loop for `request` (a build), serving the preview on
/// `serve` when given.
pub fn run(request: Request, serve: Option<SocketAddr>, reporter: &mut Reporter) -> Outcome {
    if io::is_stdin(&request.input) {
        return Err(usage("watch needs a file: standard input cannot change"));
    }
    let (wake, woken) = channel();
    let stop = wake.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Wake::Stop);
    })
    .map_err(|e| usage(&format!("cannot catch Ctrl-C ({e})")))?;
    let mut files = Files::new(wake.clone()).map_err(|e| usage(&e))?;
    let server = match serve {
        Some(addr) => {
            let server = serve::start(addr).map_err(|d| stopped_by(&request, d))?;
            reporter.err(format!("preview at {}", server.url()));
            Some(server)
        }
        None => None,
    };
    // A save during the first build is seen too.
    for problem in files.watch(std::slice::from_ref(&request.input)) {
        reporter.err(format!("warning: {problem}"));
    }
    let mut kept = Kept::default();
    loop {
        let started = Instant::now();
        let (mut preview, mut built_in) = (None, None);
        let outcome = run_with(&request, reporter, &mut kept, |built| {
            // The build's time: compiled and written, before the preview.
            built_in = Some(started.elapsed());
            if let Some(server) = &server {
                // The document built first, the others for the switcher
                // after: the page shows the edit without waiting for them.
                let made = Preview::of(built);
                server.publish(made.clone());
                preview = Some(made.and_the_others(built));
            }
        });
        let took = built_in.unwrap_or_else(|| started.elapsed());
        let preview = match (&outcome, preview) {
            (_, Some(preview)) => Some(preview),
            (Err(Failed::Stopped(stopped)), None) => {
                reporter.stopped(stopped);
                Some(Preview::stopped(stopped))
            }
            _ => None,
        };
        // Watch before saying so: a save right after the message is seen.
        let mut watched = kept.files.clone();
        if !watched.contains(&request.input) {
            watched.insert(0, request.input.clone());
        }
        for problem in files.watch(&watched) {
            reporter.err(format!("warning: {problem}"));
        }
        if let (Some(server), Some(preview)) = (&server, preview) {
            server.publish(preview);
        }
        let status = if outcome.is_ok() { "built" } else { "failed" };
        reporter.err(format!(
            "{status} in {:.1} ms; watching {} for changes (Ctrl-C stops)",
            took.as_secs_f64() * 1000.0,
            shown_path(&request.input),
        ));
        if !wait(&woken) {
            break;
        }
    }
    if let Some(server) = server {
        server.stop();
    }
    reporter.err("stopped watching");
    Ok(())
}

/// Wait for the next change, then until the files have been quiet for
/// [`SETTLE`]: every wake-up until then, and every one queued during the
/// last build, is the same one build. False when it is time to stop.
fn wait(woken: &Receiver<Wake>) -> bool {
    let Ok(Wake::Changed) = woken.recv() else {
        return false;
    };
    loop {
        match woken.recv_timeout(SETTLE) {
            Ok(Wake::Changed) => {}
            Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => return false,
            Err(RecvTimeoutError::Timeout) => return true,
        }
    }
}

/// A usage problem of `watch` itself, before any build.
fn usage(message: &str) -> Failed {
    Failed::Stopped(super::Stopped {
        name: String::new(),
        text: String::new(),
        diagnostics: vec![Diagnostic::error(message.to_owned())],
    })
}

/// A diagnostic that stops `watch` before the first build.
fn stopped_by(request: &Request, d: Diagnostic) -> Failed {
    Failed::Stopped(super::Stopped {
        name: shown_path(&request.input),
        text: String::new(),
        diagnostics: vec![d],
    })
}

/// The watched files: their folders are watched, and events for other
/// files in them are dropped.
struct Files {
    debouncer: Debouncer<notify::RecommendedWatcher, NoCache>,
    /// The folders watched now.
    folders: BTreeSet<PathBuf>,
    /// The files whose events count, as folder (canonical) and name.
    wanted: Arc<Mutex<BTreeSet<PathBuf>>>,
}

impl Files {
    /// A watcher that sends [`Wake::Changed`] on `wake` for each batch
    /// of events that touches a wanted file.
    fn new(wake: Sender<Wake>) -> Result<Files, String> {
        let wanted: Arc<Mutex<BTreeSet<PathBuf>>> = Arc::default();
        let filter = Arc::clone(&wanted);
        let handler = move |events: DebounceEventResult| {
            let Ok(events) = events else { return };
            // Reading a file is an event too (the build's own reads): only
            // a change counts, or the notice that events were lost.
            let hit = filter.lock().is_ok_and(|wanted| {
                events.iter().any(|e| {
                    e.need_rescan()
                        || !matches!(e.kind, EventKind::Access(_))
                            && e.paths.iter().any(|p| wanted.contains(p))
                })
            });
            if hit {
                let _ = wake.send(Wake::Changed);
            }
        };
        // Files are told apart by path, not by file id (a save by rename
        // is a new file at the same path), so no id cache: on macOS and
        // Windows it would scan each folder watched.
        let config = notify::Config::default();
        let debouncer = new_debouncer_opt(DEBOUNCE, None, handler, NoCache, config)
            .map_err(|e| format!("cannot watch files ({e})"))?;
        Ok(Files {
            debouncer,
            folders: BTreeSet::new(),
            wanted,
        })
    }

    /// Watch exactly these files (through their folders); the problems
    /// (a folder that cannot be watched) are returned as messages.
    fn watch(&mut self, files: &[PathBuf]) -> Vec<String> {
        let mut problems = Vec::new();
        let mut folders = BTreeSet::new();
        let mut wanted = BTreeSet::new();
        for file in files {
            let Some((folder, name)) = split(file) else {
                continue;
            };
            wanted.insert(folder.join(name));
            folders.insert(folder);
        }
        if let Ok(mut w) = self.wanted.lock() {
            *w = wanted;
        }
        for gone in self.folders.difference(&folders) {
            let _ = self.debouncer.unwatch(gone);
        }
        for new in folders.difference(&self.folders) {
            if let Err(e) = self.debouncer.watch(new, RecursiveMode::NonRecursive) {
                problems.push(format!("cannot watch {} ({e})", shown_path(new)));
            }
        }
        self.folders = folders;
        problems
    }
}

/// A file's folder, made absolute and canonical (as the watcher reports
/// paths), and its name.
fn split(file: &Path) -> Option<(PathBuf, std::ffi::OsString)> {
    let name = file.file_name()?.to_owned();
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some((folder.canonicalize().ok()?, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queue_of_changes_is_one_build_and_a_stop_wins() {
        let (send, receive) = channel();
        for _ in 0..5 {
            send.send(Wake::Changed).unwrap();
        }
        assert!(wait(&receive), "five changes, one build");
        assert!(receive.try_recv().is_err(), "all drained");
        send.send(Wake::Changed).unwrap();
        send.send(Wake::Stop).unwrap();
        assert!(!wait(&receive), "a stop while settling wins");
        send.send(Wake::Stop).unwrap();
        assert!(!wait(&receive));
        drop(send);
        assert!(!wait(&receive), "no sender left: stop");
    }

    #[test]
    fn a_file_is_its_canonical_folder_and_name() {
        let (folder, name) = split(Path::new("resume.toml")).unwrap();
        assert!(folder.is_absolute());
        assert_eq!(name, "resume.toml");
        assert!(split(Path::new("/no/such/folder/x.toml")).is_none());
    }
}
