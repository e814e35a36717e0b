//! `attestor serve` (issue 12), driven over loopback: the real binary on
//! `--port 0` over a temp tree, spoken to with plain `TcpStream`s.
//!
//! Each test starts its own server and kills it when it ends (a guard with
//! `Drop`). Changes are awaited by polling up to a generous deadline: the
//! tests assert that a change arrives, never how fast.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::site_test::ATTESTOR;

/// How long a test waits for a build or a rebuild before it fails: far
/// above what one takes, for a loaded machine and a debug build.
const DEADLINE: Duration = Duration::from_secs(90);

/// A running `attestor serve`, killed when dropped.
struct Served {
    child: Child,
    addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response: status, headers as sent, body.
#[derive(Debug)]
struct Response {
    status: u16,
    headers: String,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then_some(value.trim())
        })
    }
}

impl Served {
    /// Starts `attestor serve ROOT --port 0` and waits for the address it
    /// prints.
    fn start(root: &Path) -> Served {
        let mut child = Command::new(ATTESTOR)
            .arg("serve")
            .arg(root)
            .args(["--port", "0", "-o"])
            .arg(root.join("public"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let mut all = sink.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        let started = Instant::now();
        let addr = loop {
            let text = stderr.lock().unwrap().clone();
            if let Some(rest) = text.split("Serving at http://").nth(1) {
                break rest.split('/').next().unwrap().parse::<SocketAddr>().unwrap();
            }
            assert!(started.elapsed() < DEADLINE, "serve printed no address:\n{text}");
            std::thread::sleep(Duration::from_millis(20));
        };
        Served { child, addr, stderr }
    }

    /// Sends `GET target` with the headers given (a Host naming the server
    /// when none is), as written, and reads the whole response.
    fn raw(&self, target: &str, headers: &str) -> Response {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        let host = if headers.contains("Host:") {
            String::new()
        } else {
            format!("Host: {}\r\n", self.addr)
        };
        let request = format!("GET {target} HTTP/1.1\r\n{host}{headers}Connection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        Response { status, headers: head.to_string(), body: body.to_string() }
    }

    fn get(&self, target: &str) -> Response {
        self.raw(target, "")
    }

    /// Polls `target` until `wanted` holds of the response; fails with the
    /// last response after the deadline.
    fn wait_for(&self, target: &str, wanted: impl Fn(&Response) -> bool) -> Response {
        let started = Instant::now();
        loop {
            let response = self.get(target);
            if wanted(&response) {
                return response;
            }
            if started.elapsed() > DEADLINE {
                let stderr = self.stderr.lock().unwrap().clone();
                panic!("{target} never became as wanted; last: {response:?}\nstderr:\n{stderr}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr holds `needle`: the thread that reads it may be
    /// behind the responses.
    fn wait_stderr(&self, needle: &str) {
        self.wait_stderr_times(needle, 1);
    }

    /// Waits until the server has printed `needle` `times` times.
    fn wait_stderr_times(&self, needle: &str, times: usize) {
        let started = Instant::now();
        while self.stderr().matches(needle).count() < times {
            let stderr = self.stderr();
            assert!(started.elapsed() < DEADLINE, "{needle:?} not {times} times in:\n{stderr}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A temp folder holding ROOT (`docs/`) with one plan, and a secret file
/// beside ROOT that no request may ever return.
fn tree() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::Builder::new().prefix("attestor-serve-").tempdir().unwrap();
    let root = temp.path().join("docs");
    std::fs::create_dir_all(root.join("plans")).unwrap();
    std::fs::write(root.join("plans/roadmap.md"), PLAN.replace("WORD", "Alpha")).unwrap();
    std::fs::write(temp.path().join("secret.txt"), "TOPSECRET-beside-root\n").unwrap();
    (temp, root)
}

const PLAN: &str = "# Roadmap\n\n| ID | Task | Status |\n|----|------|--------|\n\
                    | T-1 | Ship WORD | done |\n| T-2 | Write the docs | open |\n";

/// Writes `text` to `path` as an editor saves: a temp file renamed over it.
fn save(path: &Path, text: &[u8]) {
    let temp = path.with_extension("saving");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

#[test]
fn an_edit_to_a_document_shows_in_the_next_response() {
    let (_temp, root) = tree();
    let served = Served::start(&root);
    let page = served.wait_for("/docs/plans/roadmap.html", |r| r.status == 200);
    assert!(page.body.contains("Ship Alpha"), "{}", page.body);
    assert_eq!(page.header("Cache-Control"), Some("no-store"));
    assert_eq!(page.header("Content-Type"), Some("text/html; charset=utf-8"));
    let generation = page.body.split("data-generation=\"").nth(1).unwrap().split('"').next();
    let generation = generation.unwrap().to_string();

    save(&root.join("plans/roadmap.md"), PLAN.replace("WORD", "Omega").as_bytes());
    let page = served.wait_for("/docs/plans/roadmap.html", |r| r.body.contains("Ship Omega"));
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Ship Alpha"));
    // The open page's poll hears of the new portal and reloads.
    let poll = served.get(&format!("/__attestor/events.js?since={generation}"));
    assert_eq!(poll.body, "location.reload();\n");
    // A new page: the rebuild printed its summary and re-read one file.
    served.wait_stderr("1 file read again");
}

#[test]
fn prose_status_and_task_edits_go_in_without_a_link_and_a_new_file_links_the_tree() {
    let (_temp, root) = tree();
    let served = Served::start(&root);
    served.wait_for("/docs/plans/roadmap.html", |r| r.status == 200);
    let plan = PLAN.replace("WORD", "Alpha");
    // Prose after the table: no task, claim or link moves.
    let prose = format!("{plan}\nNotes from the Tuesday review.\n");
    save(&root.join("plans/roadmap.md"), prose.as_bytes());
    let page = served.wait_for("/docs/plans/roadmap.html", |r| r.body.contains("Tuesday review"));
    assert!(page.body.contains("Ship Alpha"));
    served.wait_stderr("Updated 1 document in");
    // The tasks page and the tracker are the same build's: T-2 still open.
    let task = served.get("/tasks/t-2.html");
    assert!(task.body.contains("Write the docs"), "{}", task.body);

    // A task's status is read by the tracker, the dashboard, the headline:
    // each shows the new one, and the tree was not linked again.
    let done = prose.replace("| T-2 | Write the docs | open |", "| T-2 | Write the docs | done |");
    let status_of_t2 = |body: &str| {
        let json: serde_json::Value = serde_json::from_str(body).ok()?;
        let tasks = json["tasks"].as_array()?;
        let t2 = tasks.iter().find(|t| t["id"] == "T-2")?;
        t2["status"].as_str().map(str::to_string)
    };
    assert_eq!(status_of_t2(&served.get("/status.json").body).as_deref(), Some("open"));
    save(&root.join("plans/roadmap.md"), done.as_bytes());
    served.wait_for("/status.json", |r| status_of_t2(&r.body).as_deref() == Some("done"));
    let dashboard = served.get("/index.html");
    assert!(dashboard.body.contains("2 of 2 tasks done"), "{}", dashboard.body);
    served.wait_stderr_times("Updated 1 document in", 2);
    assert_eq!(served.stderr().matches("Built 1 document").count(), 1, "{}", served.stderr());

    // A new task no other file names is counted everywhere, its page
    // served, and the tree not linked again.
    let row = "| T-2 | Write the docs | done |\n";
    let more = done.replace(row, &format!("{row}| T-3 | Announce it | open |\n"));
    save(&root.join("plans/roadmap.md"), more.as_bytes());
    served.wait_for("/tasks/t-3.html", |r| r.status == 200);
    let dashboard = served.get("/index.html");
    assert!(dashboard.body.contains("2 of 3 tasks done"), "{}", dashboard.body);
    served.wait_stderr_times("Updated 1 document in", 3);
    assert_eq!(served.stderr().matches("Built ").count(), 1, "{}", served.stderr());
    // A new file that names the plan is a backlink on its page: the tree
    // is linked whole again, a second "Built" line after the first's.
    save(&root.join("notes.md"), b"# Notes\n\nSee [the roadmap](plans/roadmap.md) and T-3.\n");
    served.wait_for("/docs/notes.html", |r| r.status == 200);
    served.wait_stderr_times("Built ", 2);
    let task = served.get("/tasks/t-3.html");
    assert!(task.body.contains("notes.md"), "{}", task.body);
    // A sentence that names another page's task puts the page among those
    // that mention it: spliced, not linked whole.
    assert!(!served.get("/tasks/t-1.html").body.contains("notes.md"));
    let notes = "# Notes\n\nSee [the roadmap](plans/roadmap.md) and T-3.\n\nT-1 came first.\n";
    save(&root.join("notes.md"), notes.as_bytes());
    served.wait_for("/tasks/t-1.html", |r| r.body.contains("notes.md"));
    served.wait_stderr_times("Updated 1 document in", 4);
    assert_eq!(served.stderr().matches("Built ").count(), 2, "{}", served.stderr());
}

#[test]
fn the_portal_is_served_with_its_own_404_and_content_types() {
    let (_temp, root) = tree();
    let served = Served::start(&root);
    let index = served.wait_for("/", |r| r.status == 200);
    assert!(index.body.contains("<script src=\"/__attestor/reload.js\""));
    let css = served.get("/assets/style.css");
    assert_eq!((css.status, css.header("Content-Type")), (200, Some("text/css; charset=utf-8")));
    let missing = served.get("/docs/nothing-here.html");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"), "{}", missing.body);
    let folder = served.get("/tracker/plan");
    assert_eq!((folder.status, folder.header("Location")), (301, Some("/tracker/plan/")));
    assert_eq!(served.get("/tracker/plan/").status, 200);
    let script = served.get("/__attestor/reload.js");
    assert_eq!(script.status, 200);
    assert_eq!(script.header("Content-Type"), Some("text/javascript; charset=utf-8"));
    assert!(script.body.contains("/__attestor/events.js?since="));
}

#[test]
fn traversal_requests_are_refused_and_never_return_a_file_outside_the_portal() {
    let (_temp, root) = tree();
    let served = Served::start(&root);
    served.wait_for("/", |r| r.status == 200);
    let attempts = [
        "/../secret.txt",
        "/../../secret.txt",
        "/docs/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "//secret.txt",
        "/%2f..%2fsecret.txt",
        "/index.html%00../secret.txt",
        "/C:/secret.txt",
        "http://127.0.0.1/../secret.txt",
        "/__attestor/../secret.txt",
        "/__attestor/%2e%2e/secret.txt",
        "/plans/roadmap.md",
    ];
    for target in attempts {
        let response = served.get(target);
        assert!(
            [400, 404].contains(&response.status),
            "{target} answered {}: {}",
            response.status,
            response.body
        );
        assert!(!response.body.contains("TOPSECRET"), "{target} leaked the secret");
        assert!(!response.body.contains("| T-1 |"), "{target} returned the markdown source");
    }
    assert_eq!(served.get("/%2e%2e/secret.txt").status, 400);
}

#[test]
fn a_broken_file_never_stops_the_server_and_a_fixed_one_recovers() {
    let (_temp, root) = tree();
    let served = Served::start(&root);
    served.wait_for("/", |r| r.status == 200);

    // Half-written frontmatter and bytes that are not UTF-8: diagnostics
    // of the build, which goes on.
    std::fs::write(root.join("plans/half.md"), "---\ntitle: [unclosed\nstatus: do").unwrap();
    std::fs::write(root.join("plans/garbled.md"), b"# Notes \xff\xfe\x00 and \xc3(\n").unwrap();
    let status = served.wait_for("/status.json", |r| r.body.contains("plans/garbled.md"));
    let status: serde_json::Value = serde_json::from_str(&status.body).unwrap();
    let found: Vec<String> = status["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}:{}", d["code"].as_str().unwrap(), d["path"], d["line"]))
        .collect();
    for expected in
        ["A020 \"plans/half.md\":1", "A004 \"plans/garbled.md\":1", "A007 \"plans/garbled.md\":1"]
    {
        assert!(found.contains(&expected.to_string()), "{expected} not in {found:?}");
    }
    assert_eq!(served.get("/docs/plans/half.html").status, 200);
    assert_eq!(served.get("/docs/plans/garbled.html").status, 200);

    // A template that does not compile fails the build itself: the last
    // good portal stays, with the error on top of every page.
    std::fs::write(root.join("attestor.toml"), "title = \"Served\"\n").unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(root.join("templates/document.html"), "{% if %}broken{% endif %}").unwrap();
    let page = served.wait_for("/docs/plans/roadmap.html", |r| r.body.contains("build failed"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Ship Alpha"), "the last good page is gone: {}", page.body);
    assert!(page.body.contains("document.html"), "the error is not named: {}", page.body);
    served.wait_stderr("error: the build failed; serving the last good portal");

    std::fs::remove_file(root.join("templates/document.html")).unwrap();
    let page = served.wait_for("/docs/plans/roadmap.html", |r| !r.body.contains("build failed"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<title>"));
}

#[test]
fn a_tree_that_never_built_shows_an_error_page_until_it_is_fixed() {
    let (_temp, root) = tree();
    std::fs::write(root.join("attestor.toml"), "title = \"Served\"\n").unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(root.join("templates/dashboard.html"), "{% for %}").unwrap();
    let served = Served::start(&root);
    let page = served.wait_for("/", |r| r.status == 500);
    assert!(page.body.contains("build failed"), "{}", page.body);
    assert!(page.body.contains("dashboard.html"), "{}", page.body);
    assert!(page.body.contains("/__attestor/reload.js"));

    std::fs::remove_file(root.join("templates/dashboard.html")).unwrap();
    let page = served.wait_for("/", |r| r.status == 200);
    assert!(!page.body.contains("build failed"));
}

#[test]
fn it_listens_on_loopback_only_and_answers_loopback_names_only() {
    let (_temp, root) = tree();
    let served = Served::start(&root);
    assert!(served.addr.ip().is_loopback(), "{}", served.addr);
    assert!(
        served.stderr().contains(&format!("Serving at http://127.0.0.1:{}/", served.addr.port()))
    );
    served.wait_for("/", |r| r.status == 200);
    // The machine's address toward the network, if it has one: a UDP
    // "connection" sends nothing, it only picks the interface.
    let outward = UdpSocket::bind("0.0.0.0:0")
        .and_then(|socket| socket.connect("192.0.2.1:9").map(|()| socket))
        .and_then(|socket| socket.local_addr())
        .map(|addr| addr.ip())
        .ok()
        .filter(|ip| !ip.is_loopback() && !ip.is_unspecified());
    if let Some(ip) = outward {
        let other = SocketAddr::new(ip, served.addr.port());
        assert!(
            TcpStream::connect_timeout(&other, Duration::from_secs(5)).is_err(),
            "{other} accepted a connection"
        );
    }
    // A page of another site whose name points at 127.0.0.1 is refused.
    let rebound = served.raw("/", "Host: attacker.example\r\n");
    assert_eq!(rebound.status, 400);
    assert_eq!(served.raw("/", &format!("Host: localhost:{}\r\n", served.addr.port())).status, 200);
}

#[test]
fn the_reload_script_is_never_in_the_built_portal() {
    let (temp, root) = tree();
    let out = temp.path().join("public");
    let built = Command::new(ATTESTOR).arg("build").arg(&root).arg("-o").arg(&out).output();
    assert!(built.unwrap().status.success());
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(!String::from_utf8_lossy(&bytes).contains("__attestor"), "{:?}", entry.path());
            pages += 1;
        }
    }
    assert!(pages > 5);
}

#[test]
fn a_port_that_is_taken_is_refused_with_exit_2() {
    let (_temp, root) = tree();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = Command::new(ATTESTOR).arg("serve").arg(&root).args(["--port", &port]).output();
    let output = output.unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!("error: cannot listen on 127.0.0.1:{port}\n  caused by: ")),
        "{stderr}"
    );
}

/// Node, Chromium and `tests/browser/node_modules`, or `None` (after saying
/// why) when the test must be skipped; in CI anything missing fails.
fn browser() -> Option<PathBuf> {
    let node = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path).map(|dir| dir.join("node")).find(|p| p.is_file())
    });
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let ready = Path::new("/usr/bin/chromium").is_file()
        && dir.join("node_modules/playwright-core").is_dir();
    match node {
        Some(node) if ready => Some(node),
        _ => {
            let why = "needs node, /usr/bin/chromium and `npm ci --prefix tests/browser`";
            assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "{why}");
            let _ = writeln!(std::io::stderr(), "skipped: the serve browser test {why}");
            None
        }
    }
}

#[test]
fn browser_the_open_page_reloads_itself_when_its_document_changes() {
    let Some(node) = browser() else { return };
    let (_temp, root) = tree();
    let served = Served::start(&root);
    served.wait_for("/", |r| r.status == 200);
    let url = format!("http://{}/docs/plans/roadmap.html", served.addr);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/serve-reload.mjs");
    let output = Command::new(node)
        .arg(script)
        .arg(&url)
        .arg(root.join("plans/roadmap.md"))
        .arg("ReloadedByItself")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.trim(), r#"{"reloaded":true,"messages":[]}"#, "{}", served.stderr());
}
