//! `resume watch` as a child process: its report read line by line, and
//! signals sent to it.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// Long enough for a build on a loaded machine; never a measure of speed.
pub const PATIENCE: Duration = Duration::from_secs(120);

/// A running `resume watch`.
pub struct Watching {
    child: Child,
    lines: Receiver<String>,
    /// Every line of its report so far.
    pub log: Vec<String>,
}

/// One build as the report shows it.
#[derive(Debug)]
pub struct Build {
    /// Whether it made every document.
    pub ok: bool,
    /// The report's lines since the build before.
    pub lines: Vec<String>,
}

impl Build {
    /// All its lines as one text.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

impl Watching {
    /// Start `resume watch ARGS` in `dir` (the binary `RESUME_BIN` names,
    /// when set: a release build, for measuring).
    pub fn start(dir: &Path, args: &[&str]) -> Watching {
        let mut command = match std::env::var_os("RESUME_BIN") {
            Some(bin) => std::process::Command::new(bin),
            None => super::bin(),
        };
        let mut child = command
            .current_dir(dir)
            .arg("watch")
            .args(args)
            .env_remove("SOURCE_DATE_EPOCH")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start resume watch");
        let stderr = child.stderr.take().expect("stderr is piped");
        let (send, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Watching {
            child,
            lines,
            log: Vec::new(),
        }
    }

    /// The next line, waiting at most `wait`.
    fn line(&mut self, wait: Duration) -> Option<String> {
        match self.lines.recv_timeout(wait) {
            Ok(line) => {
                self.log.push(line.clone());
                Some(line)
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Wait for the first line that satisfies `found`.
    pub fn until(&mut self, found: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + PATIENCE;
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.line(left) {
                Some(line) if found(&line) => return line,
                Some(_) => {}
                None => break,
            }
        }
        panic!("no such line; the report so far:\n{}", self.log.join("\n"));
    }

    /// Wait for the next build to end.
    pub fn build(&mut self) -> Build {
        let start = self.log.len();
        let last = self.until(|l| l.starts_with("built in ") || l.starts_with("failed in "));
        Build {
            ok: last.starts_with("built in "),
            lines: self.log[start..].to_vec(),
        }
    }

    /// The builds that end within `wait` (after it, nothing is running).
    pub fn builds_within(&mut self, wait: Duration) -> usize {
        let end = Instant::now() + wait;
        let mut builds = 0;
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.line(left) {
                Some(l) if l.starts_with("built in ") || l.starts_with("failed in ") => builds += 1,
                Some(_) => {}
                None => break,
            }
        }
        builds
    }

    /// Send `signal` (`INT`, `TERM`) and return the exit code.
    pub fn stop(mut self, signal: &str) -> Option<i32> {
        let pid = self.child.id().to_string();
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -{signal} {pid}");
        let end = Instant::now() + PATIENCE;
        while Instant::now() < end {
            if let Some(status) = self.child.try_wait().expect("wait for resume watch") {
                while self.line(Duration::from_millis(100)).is_some() {}
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("resume watch did not stop on SIG{signal}");
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Save `text` to `path` as editors that write a new file and rename it
/// over the old one do (vim, VS Code, JetBrains IDEs).
pub fn save_by_rename(path: &Path, text: &str) {
    let temp = path.with_extension("toml.swp~");
    std::fs::write(&temp, text).expect("write the new copy");
    std::fs::rename(&temp, path).expect("rename it over the file");
}
