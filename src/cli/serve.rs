//! The live preview of `resume watch --serve`: a small HTTP server (on
//! 127.0.0.1 unless the user names another address) with one page that
//! shows every page of the last build as SVG, its fit report, its errors
//! and warnings over the page, a variant switcher and the PDF, and that
//! updates itself when a build finishes (Server-Sent Events).
//!
//! Routes: `/` the page (HTML, CSS and script in one embedded file, no
//! other origin), `/events` the event stream (one event per build),
//! `/state.json?doc=N` the last build as the page shows it (document `N`:
//! its pages, report and diagnostics; every document's name), `/pdf?doc=N`
//! document `N`'s PDF, the bytes `build` writes. Anything else is 404;
//! any method but GET and HEAD is 405. Requests carry no body the server
//! reads; each is answered on a thread of its own, at most
//! [`MAX_CLIENTS`] at once besides [`MAX_STREAMS`] event streams.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use resume::diag::{self, Diagnostic, Source};
use serde_json::{Value, json};
use tiny_http::{Header, Method, Request, Response, Server};

use super::Stopped;
use super::build::{Built, JobResult};
use super::report::{fit_line, shown_path};

/// The page: markup, style and script.
const PAGE: &str = include_str!("serve/page.html");

/// The most requests answered at once, and apart from them the most event
/// streams open at once; past either a request gets 503. (A stream whose
/// client has gone keeps its place until its next write fails, at most
/// [`KEEP_ALIVE`] later.)
const MAX_CLIENTS: usize = 16;
/// See [`MAX_CLIENTS`].
const MAX_STREAMS: usize = 16;

/// How often an idle event stream sends a comment, which also finds out
/// that a client has gone.
const KEEP_ALIVE: Duration = Duration::from_secs(10);

/// The last build as the page shows it.
#[derive(Clone, Debug, Default)]
pub struct Preview {
    /// Each document: the résumé as written and its variants.
    documents: Vec<Arc<Doc>>,
    /// Diagnostics that stopped the build before any document was made.
    stopped: Vec<Value>,
}

/// One document of a build.
#[derive(Debug)]
struct Doc {
    /// Its name: the variant's, or "(as written)".
    label: String,
    /// Where the build wrote it, when it did.
    written: Option<String>,
    /// The file name the download gets.
    file_name: String,
    /// Each page as SVG (none when it failed).
    pages: Vec<String>,
    /// The fit report line.
    fit: Option<String>,
    /// Errors and warnings.
    diagnostics: Vec<Value>,
    /// The PDF, when it was made.
    pdf: Option<Arc<Vec<u8>>>,
}

impl Preview {
    /// The preview of a finished build: the documents it made.
    pub fn of(built: &Built) -> Preview {
        let shown =
            |diagnostics: &[Diagnostic]| shown(&built.input.name, &built.input.text, diagnostics);
        let documents = built
            .results
            .iter()
            .map(|r| Arc::new(Doc::of(r, Some(&r.job.output), built.session, &shown)))
            .collect();
        Preview {
            documents,
            stopped: Vec::new(),
        }
    }

    /// The preview with the documents a build of one document of a file
    /// with variants did not make (the résumé as written, the other
    /// variants), made here and not written, so that the switcher can show
    /// each.
    pub fn and_the_others(mut self, built: &Built) -> Preview {
        let Built {
            input,
            session,
            plan,
            results,
        } = built;
        if plan.many() {
            return self;
        }
        let shown = |diagnostics: &[Diagnostic]| shown(&input.name, &input.text, diagnostics);
        let base = session.builds_base().then_some(None);
        let others = base
            .into_iter()
            .chain(session.variants().map(Some))
            .filter(|v| results.iter().all(|r| r.job.variant.as_deref() != *v));
        for variant in others {
            let folder = std::path::Path::new("");
            let Ok(output) = super::plan::default_output(&input.path, folder, variant, session)
            else {
                continue;
            };
            let result = JobResult {
                job: super::plan::Job {
                    variant: variant.map(str::to_owned),
                    output,
                    span: None,
                },
                result: session.compile(variant),
                write_error: None,
                pictures: Vec::new(),
                suggestion: None,
            };
            self.documents
                .push(Arc::new(Doc::of(&result, None, session, &shown)));
        }
        self
    }

    /// The preview of a build that stopped before making any document.
    pub fn stopped(stopped: &Stopped) -> Preview {
        Preview {
            documents: Vec::new(),
            stopped: shown(&stopped.name, &stopped.text, &stopped.diagnostics),
        }
    }

    /// What `/state.json?doc=N` answers; `generation` counts the builds.
    fn state(&self, doc: usize, generation: u64) -> Value {
        let names: Vec<Value> = self
            .documents
            .iter()
            .map(|d| json!({ "label": d.label, "ok": d.pdf.is_some() }))
            .collect();
        let chosen = self.documents.get(doc).map(|d| {
            json!({
                "index": doc,
                "label": d.label,
                "written": d.written,
                "file_name": d.file_name,
                "pages": d.pages,
                "fit": d.fit,
                "diagnostics": d.diagnostics,
                "pdf": d.pdf.is_some(),
            })
        });
        json!({
            "generation": generation,
            "documents": names,
            "document": chosen,
            "stopped": self.stopped,
        })
    }
}

impl Doc {
    /// The preview of one job's result.
    fn of(
        result: &JobResult,
        written: Option<&std::path::Path>,
        session: &resume::Session,
        shown: &dyn Fn(&[Diagnostic]) -> Vec<Value>,
    ) -> Doc {
        let (pages, pdf) = match &result.result {
            Ok(out) => (pages(session, &out.laid), Some(Arc::new(out.pdf.clone()))),
            Err(_) => (Vec::new(), None),
        };
        let written = written.filter(|_| result.ok()).map(shown_path);
        let file_name = result.job.output.file_name().map_or_else(
            || "resume.pdf".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        Doc {
            label: result.job.label().to_owned(),
            written,
            file_name,
            pages,
            fit: result.fit().map(fit_line),
            diagnostics: shown(&result.diagnostics()),
            pdf,
        }
    }
}

/// Every page of a layout as SVG.
fn pages(session: &resume::Session, laid: &resume::Laid) -> Vec<String> {
    (0..laid.pages.len())
        .map(|page| session.svg(laid, page))
        .collect()
}

/// Diagnostics as the page shows them: severity, `file:line:col`, message
/// and the text the terminal shows (without colour).
fn shown(name: &str, text: &str, diagnostics: &[Diagnostic]) -> Vec<Value> {
    let lines = diag::Lines::new(text);
    let src = Source { name, text };
    diagnostics
        .iter()
        .map(|d| {
            let location = match &d.span {
                Some(span) => {
                    let (line, column) = lines.line_col(span.start);
                    format!("{name}:{line}:{column}")
                }
                None => name.to_owned(),
            };
            json!({
                "severity": if d.is_error() { "error" } else { "warning" },
                "location": location,
                "message": d.message,
                "text": diag::render(d, &src, false),
            })
        })
        .collect()
}

/// The running server.
pub struct Running {
    shared: Arc<Shared>,
    server: Arc<Server>,
    url: String,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// What the server's threads share.
struct Shared {
    /// The last build and its number.
    current: Mutex<(u64, Arc<Preview>)>,
    /// Signalled on each build and on stopping.
    changed: Condvar,
    /// Set when the server stops: event streams end.
    stopping: AtomicBool,
    /// Requests being answered, event streams apart.
    clients: AtomicUsize,
    /// Event streams open.
    streams: AtomicUsize,
}

/// Start serving on `addr`.
pub fn start(addr: SocketAddr) -> Result<Running, Diagnostic> {
    let server = Server::http(addr).map_err(|e| {
        Diagnostic::error(format!("cannot serve the preview on {addr} ({e})"))
            .with_hint("another program may use the port: pick another with --port, or 0 for any")
    })?;
    let bound = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Diagnostic::error("the preview server has no IP address"))?;
    let url = format!("http://{bound}/");
    let server = Arc::new(server);
    let shared = Arc::new(Shared {
        current: Mutex::new((0, Arc::default())),
        changed: Condvar::new(),
        stopping: AtomicBool::new(false),
        clients: AtomicUsize::new(0),
        streams: AtomicUsize::new(0),
    });
    let thread = {
        let (server, shared) = (Arc::clone(&server), Arc::clone(&shared));
        std::thread::spawn(move || accept(&server, &shared))
    };
    Ok(Running {
        shared,
        server,
        url,
        thread: Some(thread),
    })
}

impl Running {
    /// The page's address.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Show a new build: every open page reloads its state.
    pub fn publish(&self, preview: Preview) {
        if let Ok(mut current) = self.shared.current.lock() {
            *current = (current.0 + 1, Arc::new(preview));
        }
        self.shared.changed.notify_all();
    }

    /// Stop serving: the event streams end and the listener closes.
    pub fn stop(mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        self.shared.changed.notify_all();
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Accept requests until the server is unblocked, each on its own thread.
fn accept(server: &Server, shared: &Arc<Shared>) {
    while let Ok(request) = server.recv() {
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        let (count, most) = if route(request.url()) == Route::Events {
            (&shared.streams, MAX_STREAMS)
        } else {
            (&shared.clients, MAX_CLIENTS)
        };
        if count.fetch_add(1, Ordering::SeqCst) >= most {
            count.fetch_sub(1, Ordering::SeqCst);
            let _ = request.respond(text(503, "too many requests at once"));
            continue;
        }
        let mine = Arc::clone(shared);
        let spawned = std::thread::Builder::new().spawn(move || {
            let streams = route(request.url()) == Route::Events;
            answer(request, &mine);
            let count = if streams {
                &mine.streams
            } else {
                &mine.clients
            };
            count.fetch_sub(1, Ordering::SeqCst);
        });
        if spawned.is_err() {
            // The request went with the closure; its client sees the
            // connection close.
            count.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// A route of the server.
#[derive(Debug, PartialEq, Eq)]
enum Route {
    Page,
    Events,
    State(usize),
    Pdf(usize),
    NotFound,
}

/// The route of a request target (`/state.json?doc=1`).
fn route(url: &str) -> Route {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let doc = || {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("doc="))
            .map_or(Some(0), |n| n.parse().ok())
    };
    match path {
        "/" | "/index.html" => Route::Page,
        "/events" => Route::Events,
        "/state.json" => doc().map_or(Route::NotFound, Route::State),
        "/pdf" => doc().map_or(Route::NotFound, Route::Pdf),
        _ => Route::NotFound,
    }
}

/// Answer one request. A client that goes away only ends its answer.
fn answer(request: Request, shared: &Shared) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(with(text(405, "only GET and HEAD"), "Allow", "GET, HEAD"));
        return;
    }
    let current = || {
        shared
            .current
            .lock()
            .map(|c| (c.0, Arc::clone(&c.1)))
            .unwrap_or_default()
    };
    let response = match route(request.url()) {
        Route::Page => with(
            Response::from_string(PAGE),
            "Content-Type",
            "text/html; charset=utf-8",
        ),
        Route::Events => return events(request, shared),
        Route::State(doc) => {
            let (generation, preview) = current();
            let json = preview.state(doc, generation).to_string();
            with(
                Response::from_string(json),
                "Content-Type",
                "application/json",
            )
        }
        Route::Pdf(doc) => {
            let (_, preview) = current();
            let found = preview
                .documents
                .get(doc)
                .and_then(|d| Some((d.pdf.clone()?, d.file_name.clone())));
            let Some((pdf, name)) = found else {
                let _ = request.respond(text(404, "no PDF: the last build failed"));
                return;
            };
            let disposition = format!("inline; filename=\"{}\"", name.replace(['"', '\\'], "_"));
            let pdf = with(
                Response::from_data(pdf.as_slice()),
                "Content-Type",
                "application/pdf",
            );
            with(pdf, "Content-Disposition", &disposition)
        }
        Route::NotFound => {
            let _ = request.respond(text(404, "not found"));
            return;
        }
    };
    let response = with(response, "Cache-Control", "no-store");
    let _ = request.respond(with(response, "X-Content-Type-Options", "nosniff"));
}

/// The event stream: one `build` event now and after each build, a
/// comment when idle; it ends when the client goes or the server stops.
fn events(request: Request, shared: &Shared) {
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                Connection: close\r\n\r\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    let mut seen = None;
    loop {
        let next = {
            let Ok(guard) = shared.current.lock() else {
                return;
            };
            let waited = shared.changed.wait_timeout_while(guard, KEEP_ALIVE, |c| {
                Some(c.0) == seen && !shared.stopping.load(Ordering::SeqCst)
            });
            let Ok((guard, _)) = waited else { return };
            guard.0
        };
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let message = if Some(next) == seen {
            ": idle\n\n".to_owned()
        } else {
            seen = Some(next);
            format!("event: build\ndata: {next}\n\n")
        };
        if out
            .write_all(message.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

/// A plain-text response.
fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let response = Response::from_string(body).with_status_code(status);
    with(response, "Content-Type", "text/plain; charset=utf-8")
}

/// `response` with a header; a character of the value that a header cannot
/// carry (a file name's `é`) becomes `_`.
fn with<R: std::io::Read>(response: Response<R>, name: &str, value: &str) -> Response<R> {
    match header(name, value) {
        Some(h) => response.with_header(h),
        None => response,
    }
}

/// A header, its value in printable ASCII.
fn header(name: &str, value: &str) -> Option<Header> {
    let value: String = value
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c
            } else {
                '_'
            }
        })
        .collect();
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_and_their_documents() {
        assert_eq!(route("/"), Route::Page);
        assert_eq!(route("/events"), Route::Events);
        assert_eq!(route("/state.json"), Route::State(0));
        assert_eq!(route("/state.json?doc=2&x=1"), Route::State(2));
        assert_eq!(route("/pdf?doc=1"), Route::Pdf(1));
        assert_eq!(route("/pdf?doc=-1"), Route::NotFound);
        assert_eq!(route("/pdf?doc=99999999999999999999999"), Route::NotFound);
        assert_eq!(route("/../etc/passwd"), Route::NotFound);
        assert_eq!(route("/favicon.ico"), Route::NotFound);
    }

    #[test]
    fn a_state_names_every_document_and_locates_diagnostics() {
        let text = "a = 1\nb = 2\n";
        let d = Diagnostic::error("bad b").with_span(6..7);
        let preview = Preview {
            documents: Vec::new(),
            stopped: shown("cv.toml", text, &[d]),
        };
        let state = preview.state(3, 7);
        assert_eq!(state["generation"], 7);
        assert_eq!(state["document"], Value::Null);
        assert_eq!(state["stopped"][0]["location"], "cv.toml:2:1");
        assert!(
            state["stopped"][0]["text"]
                .as_str()
                .unwrap()
                .contains("cv.toml:2:1")
        );
    }

    #[test]
    fn header_values_are_ascii() {
        let h = header("Content-Disposition", "inline; filename=\"résumé.pdf\"").unwrap();
        assert_eq!(h.value.as_str(), "inline; filename=\"r_sum_.pdf\"");
    }
}
