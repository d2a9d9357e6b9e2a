//! `serve`: the site from memory at `http://BIND:PORT/`. Pages are rendered when asked
//! for; a watcher updates the model from the files that change, and a script injected
//! into each HTML page reloads open tabs, or shows the error over the page while an edit
//! is broken.

use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use crate::live::{self, Live};
use crate::load::{CONTENT_FOLDER, Part};
use crate::site::Settings;
use crate::url::BaseUrl;
use crate::{Error, Include};

/// Where the reload script listens; no page of a site can have this path.
const EVENTS: &str = "/__rumourmill/events";

/// The script injected into every HTML page served: it reloads the page when the site
/// changes and shows a broken edit's error over it until the file is fixed.
const RELOAD_SCRIPT: &str = r#"<script>(() => {
  const events = new EventSource("/__rumourmill/events");
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("problem", (event) => {
    let box = document.getElementById("rumourmill-problem");
    if (!box) {
      box = document.createElement("pre");
      box.id = "rumourmill-problem";
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;margin:0;padding:2rem;overflow:auto;" +
        "white-space:pre-wrap;background:rgba(24,24,27,.95);color:#fecaca;font:14px/1.5 ui-monospace,monospace";
      document.body.appendChild(box);
    }
    box.textContent = event.data;
  });
})();</script>
"#;

/// What `serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's folder, holding `config.toml`.
    pub root: PathBuf,
    /// Where to listen; port 0 takes any free port.
    pub address: SocketAddr,
    /// Which unpublished articles to show.
    pub include: Include,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

/// What open tabs are told.
#[derive(Debug, Clone)]
enum Change {
    /// The site changed: reload.
    Reload,
    /// An edit broke the site: show this error.
    Problem(String),
    /// The server is stopping: end the stream, so that it stops at once.
    Stop,
}

/// The server's state, shared by the handlers and the watcher.
struct Served {
    model: RwLock<Live>,
    /// The error of the last update, while the files stay broken.
    problem: Mutex<Option<String>>,
    changes: broadcast::Sender<Change>,
}

/// Serves the site at `options.root` until the process is stopped.
pub fn serve(options: &ServeOptions) -> Result<(), Error> {
    let listener = TcpListener::bind(options.address)
        .map_err(|reason| Error::Listen { address: options.address, reason })?;
    let address =
        listener.local_addr().map_err(|reason| Error::Listen { address: options.address, reason })?;
    if !address.ip().is_loopback() {
        eprintln!(
            "warning: serving on {address}, which other machines can reach; `--bind 127.0.0.1` keeps it to this one"
        );
    }
    let origin = match address {
        SocketAddr::V4(v4) => format!("http://{v4}/"),
        SocketAddr::V6(v6) => format!("http://[{}]:{}/", v6.ip(), v6.port()),
    };
    let clock = Instant::now();
    let settings = Settings {
        base_url: Some(BaseUrl::parse(&origin).expect("a socket address makes an http URL")),
        drafts: options.include.drafts,
        future: options.include.future,
        now: chrono::Utc::now(),
    };
    let model = live::load(&options.root, settings).map_err(Error::errors_only)?;
    eprint!("{}", model.site.held_back);
    let (changes, _) = broadcast::channel(16);
    let served = Arc::new(Served { model: RwLock::new(model), problem: Mutex::default(), changes });
    watch(&options.root, Arc::clone(&served))?;
    println!(
        "Serving {} at {origin} (modelled in {} ms); press Ctrl-C to stop",
        options.root.display(),
        clock.elapsed().as_millis()
    );
    if options.open
        && let Err(error) = opener::open(&origin)
    {
        eprintln!("warning: could not open a browser: {error}");
    }

    let changes = served.changes.clone();
    let app = Router::new().route(EVENTS, get(events)).fallback(page).with_state(served);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|reason| Error::Listen { address, reason })?;
    runtime
        .block_on(async {
            listener.set_nonblocking(true)?;
            let listener = tokio::net::TcpListener::from_std(listener)?;
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    stop_asked().await;
                    // Open tabs hold their event streams; a server stopping gracefully
                    // waits for every response to end.
                    let _ = changes.send(Change::Stop);
                })
                .await
        })
        .map_err(|reason| Error::Listen { address, reason })
}

/// Resolves on the first Ctrl-C, or SIGTERM where there are signals.
async fn stop_asked() {
    let stop = Arc::new(tokio::sync::Notify::new());
    let on_interrupt = Arc::clone(&stop);
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_interrupt.notify_one();
        }
    });
    #[cfg(unix)]
    if let Ok(mut terminate) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        let on_terminate = Arc::clone(&stop);
        tokio::spawn(async move {
            if terminate.recv().await.is_some() {
                on_terminate.notify_one();
            }
        });
    }
    stop.notified().await;
}

/// Watches what the site is made of and updates the model when it changes, on a thread
/// of its own for as long as the process runs.
fn watch(root: &Path, served: Arc<Served>) -> Result<(), Error> {
    // Events name files by absolute path.
    let root = std::path::absolute(root).map_err(|error| Error::Watch(error.to_string()))?;
    let (send, receive) = std::sync::mpsc::channel::<DebounceEventResult>();
    // 10 ms joins the writes of one save, even from editors that write a file twice or
    // save through a rename, which come within a millisecond, without holding up the
    // reload: checked every 2 ms, a save is seen 10 to 12 ms after its last write.
    let mut debouncer = new_debouncer(Duration::from_millis(10), Some(Duration::from_millis(2)), send)
        .map_err(|error| Error::Watch(error.to_string()))?;
    // The root alone for `config.toml` and for the folders the site is made of, each
    // watched whole from when it is there.
    debouncer.watch(&root, RecursiveMode::NonRecursive).map_err(|e| Error::Watch(e.to_string()))?;
    let mut watched = Vec::new();
    watch_folders(&mut debouncer, &root, &mut watched)?;
    std::thread::spawn(move || {
        for result in receive {
            let events = match result {
                Ok(events) => events,
                Err(errors) => {
                    errors.iter().for_each(|error| eprintln!("warning: watching files: {error}"));
                    continue;
                }
            };
            // A folder made now is watched before the update reads it, so that nothing
            // written in it after the read is missed.
            if let Err(error) = watch_folders(&mut debouncer, &root, &mut watched) {
                eprintln!("warning: {error}");
            }
            let mut paths: Vec<PathBuf> = events
                .into_iter()
                // Reading a file is no change, and the update itself reads files.
                .filter(|event| !matches!(event.kind, EventKind::Access(_)))
                .flat_map(|event| event.event.paths)
                .filter_map(|path| path.strip_prefix(&root).ok().map(Path::to_path_buf))
                .filter(|path| Part::of(path) != Part::Other)
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                update(&served, &paths);
            }
        }
    });
    Ok(())
}

/// Watches each folder the site is made of that is there and not yet watched; forgets
/// those that went, so that one made again is watched again.
fn watch_folders(
    debouncer: &mut Debouncer<RecommendedWatcher, RecommendedCache>,
    root: &Path,
    watched: &mut Vec<PathBuf>,
) -> Result<(), Error> {
    watched.retain(|folder| folder.is_dir());
    for folder in [CONTENT_FOLDER, "templates", "static"].map(|folder| root.join(folder)) {
        if folder.is_dir() && !watched.contains(&folder) {
            debouncer.watch(&folder, RecursiveMode::Recursive).map_err(|e| Error::Watch(e.to_string()))?;
            watched.push(folder);
        }
    }
    Ok(())
}

/// Updates the model after the files at `paths`, from the site root, changed, and tells
/// open tabs.
fn update(served: &Served, paths: &[PathBuf]) {
    let clock = Instant::now();
    let result = served.model.write().unwrap_or_else(PoisonError::into_inner).update(paths);
    let shown: Vec<String> = paths.iter().map(|path| path.display().to_string()).collect();
    let shown = shown.join(", ");
    let elapsed = clock.elapsed().as_millis();
    let change = match result {
        Ok(()) => {
            *served.problem.lock().unwrap_or_else(PoisonError::into_inner) = None;
            println!("Updated {shown} in {elapsed} ms");
            Change::Reload
        }
        Err(error) => {
            let message = error.errors_only().to_string();
            eprintln!("Error after changing {shown}; still serving the last good site:\n{message}");
            *served.problem.lock().unwrap_or_else(PoisonError::into_inner) = Some(message.clone());
            Change::Problem(message)
        }
    };
    // No tab listening is not an error.
    let _ = served.changes.send(change);
}

/// The stream of changes the reload script listens to; a tab that connects while an edit
/// is broken is shown the error at once.
async fn events(State(served): State<Arc<Served>>) -> impl IntoResponse {
    let problem = served.problem.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let first = tokio_stream::iter(problem.map(Change::Problem));
    let later = BroadcastStream::new(served.changes.subscribe()).filter_map(Result::ok);
    let stream = first.chain(later).take_while(|change| !matches!(change, Change::Stop)).map(|change| {
        Ok::<_, Infallible>(match change {
            Change::Problem(message) => Event::default().event("problem").data(message),
            Change::Reload | Change::Stop => Event::default().event("reload").data("reload"),
        })
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Any other path: a page or file of the site, or the site's 404 page.
async fn page(State(served): State<Arc<Served>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")]).into_response();
    }
    let Some(path) = site_path(uri.path()) else {
        return (StatusCode::BAD_REQUEST, "400: that path leads out of the site\n").into_response();
    };
    let found = tokio::task::spawn_blocking(move || find(&served, &path)).await;
    // For HEAD, hyper sends the headers of this response, its length included, alone.
    match found {
        Ok(Lookup::File { path, bytes }) => respond(StatusCode::OK, &path, bytes),
        Ok(Lookup::Folder(location)) => {
            (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, location)]).into_response()
        }
        Ok(Lookup::Missing(bytes)) => respond(StatusCode::NOT_FOUND, "404.html", bytes),
        Ok(Lookup::Broken(message)) => (StatusCode::INTERNAL_SERVER_ERROR, message).into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

/// What a request's path finds.
enum Lookup {
    File {
        path: String,
        bytes: Vec<u8>,
    },
    /// A folder asked for without its final `/`: where it is.
    Folder(String),
    Missing(Vec<u8>),
    /// The page cannot be rendered, with why.
    Broken(String),
}

/// The page or file at `path`, an output path such as `players/x/index.html`.
fn find(served: &Served, path: &str) -> Lookup {
    if let Some(bytes) = rendered(served, path) {
        return match bytes {
            Ok(bytes) => Lookup::File { path: path.to_owned(), bytes },
            Err(message) => Lookup::Broken(message),
        };
    }
    let model = served.model.read().unwrap_or_else(PoisonError::into_inner);
    if let Some(file) = model.statics().iter().find(|file| file.output_path == path) {
        return match std::fs::read(&file.disk_path) {
            Ok(bytes) => Lookup::File { path: path.to_owned(), bytes },
            Err(error) => Lookup::Broken(format!("{}: {error}", file.disk_path.display())),
        };
    }
    drop(model);
    let folder = format!("{path}/index.html");
    if !path.is_empty() && !path.ends_with('/') && rendered(served, &folder).is_some() {
        return Lookup::Folder(format!("/{path}/"));
    }
    match rendered(served, "404.html") {
        Some(Ok(bytes)) => Lookup::Missing(bytes),
        _ => Lookup::Missing(b"404: no such page\n".to_vec()),
    }
}

/// The site's page at `path`, rendered from the current model; `None` where the site has
/// no page there.
fn rendered(served: &Served, path: &str) -> Option<Result<Vec<u8>, String>> {
    let path =
        if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_owned() };
    let model = served.model.read().unwrap_or_else(PoisonError::into_inner);
    Some(match model.render(&path)? {
        Ok(bytes) if path.ends_with(".html") => Ok(with_reload_script(bytes)),
        Ok(bytes) => Ok(bytes),
        Err(problem) => Err(problem.to_string()),
    })
}

/// A response carrying `bytes`, typed by the extension of `path`.
fn respond(status: StatusCode, path: &str, bytes: Vec<u8>) -> Response {
    let path = if path.is_empty() || path.ends_with('/') { "index.html" } else { path };
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
        _ if path.ends_with(".json") || path.ends_with(".js") => format!("{mime}; charset=utf-8"),
        _ => mime.to_string(),
    };
    let headers = [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_str(&content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ];
    (status, headers, Body::from(bytes)).into_response()
}

/// The page with the reload script before its `</body>`, or at its end.
fn with_reload_script(page: Vec<u8>) -> Vec<u8> {
    let at = page.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + RELOAD_SCRIPT.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(RELOAD_SCRIPT.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// The output path a request's path names, such as `players/x/` or `style.css`, or
/// `None` for a path that could lead out of the site: `.` or `..` segments, empty
/// segments, backslashes, control characters or drive letters, whether written plainly
/// or percent-encoded once or more. The path is only ever looked up among the site's own
/// pages and files, never joined to a folder on disk.
pub(crate) fn site_path(raw: &str) -> Option<String> {
    let mut path = raw.to_owned();
    // Decode until nothing changes, so that `%252e%252e` is judged as `..`.
    for _ in 0..4 {
        let decoded = percent_encoding::percent_decode_str(&path).decode_utf8().ok()?.into_owned();
        if decoded == path {
            break;
        }
        path = decoded;
    }
    if path.contains(['%', '\\']) || path.chars().any(char::is_control) {
        return None;
    }
    let path = path.strip_prefix('/')?;
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let drive = segment.len() == 2 && segment.ends_with(':');
        if *segment == "." || *segment == ".." || drive || (segment.is_empty() && i != last) {
            return None;
        }
    }
    Some(path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_path_is_its_output_path() {
        assert_eq!(site_path("/").as_deref(), Some(""));
        assert_eq!(site_path("/players/luka-modric/").as_deref(), Some("players/luka-modric/"));
        assert_eq!(site_path("/style.css").as_deref(), Some("style.css"));
        assert_eq!(site_path("/images/a%20b.png").as_deref(), Some("images/a b.png"));
    }

    #[test]
    fn a_path_out_of_the_site_is_refused() {
        for raw in [
            "/../x",
            "/a/../../x",
            "/%2e%2e/x",
            "/%252e%252e/x",
            "//etc/passwd",
            "/a\\..\\x",
            "/a%00b",
            "/C:/x",
            "x",
        ] {
            assert_eq!(site_path(raw), None, "{raw}");
        }
    }

    #[test]
    fn the_reload_script_goes_before_the_body_closes() {
        let page = with_reload_script(b"<html><body><p>Hi</p></body></html>".to_vec());
        let page = String::from_utf8(page).unwrap_or_default();
        assert!(page.starts_with("<html><body><p>Hi</p><script>"), "{page}");
        assert!(page.ends_with("</script>\n</body></html>"), "{page}");
    }
}
