//! The example portal in a real headless Chromium: each page renders (a
//! screenshot that is not blank), logs no console error and sends no request
//! to the network.
//!
//! Chromium is found at `/usr/bin/chromium` or as `chromium` on PATH. Without
//! it the tests say plainly that they were skipped, except in CI (`CI=true`),
//! where they fail: `.ci/run` installs Chromium. Screenshots are kept in
//! `target/browser-screenshots/` for developers to look at.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::site_test::{ATTESTOR, SiteTest};

/// How long one Chromium run may take before it is killed.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The pages of the example portal that are opened, with their screenshot names.
const PAGES: [(&str, &str); 9] = [
    ("index.html", "dashboard"),
    ("tasks.html", "tasks"),
    ("404.html", "not-found"),
    ("claims.html", "claims"),
    ("files.html", "files"),
    ("audit.html", "audit"),
    ("docs/plans/execution-plan.html", "plan-execution-plan"),
    ("docs/sessions/2026-03-06-staging-rollout.html", "session-2026-03-06-staging-rollout"),
    ("docs/tests/2026-02-10-backend-pytest.txt.html", "evidence-2026-02-10-backend-pytest"),
];

/// What one Chromium run left behind.
struct BrowserRun {
    stdout: String,
    stderr: String,
    net_log: Value,
}

/// The Chromium binary, or `None` (after saying so) when the tests must be
/// skipped. In CI a missing Chromium is a failure.
fn chromium() -> Option<PathBuf> {
    let installed = Path::new("/usr/bin/chromium");
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path).map(|dir| dir.join("chromium")).find(|p| p.is_file())
    });
    let found = installed.is_file().then(|| installed.to_path_buf()).or(on_path);
    if found.is_none() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!(
                "Chromium is required in CI (`.ci/run` installs it): \
                 no /usr/bin/chromium and no `chromium` on PATH"
            );
        }
        uncaptured("skipped: browser tests need Chromium (apt-get install -y chromium); not found");
    }
    found
}

/// Writes a line to stderr past libtest's capture, which only takes the
/// `print!` family: a skip or a screenshot path must show on a passing run.
fn uncaptured(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Runs headless Chromium on a local file with a fresh profile and a net
/// log, killing it if it runs longer than `TIMEOUT`.
fn run_chromium(chromium: &Path, page: &Path, action: &[String]) -> BrowserRun {
    let scratch = tempfile::Builder::new().prefix("attestor-chromium-").tempdir().unwrap();
    let net_log = scratch.path().join("net.json");
    let stdout_path = scratch.path().join("stdout.txt");
    let stderr_path = scratch.path().join("stderr.txt");
    let mut command = Command::new(chromium);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1280,1600",
            "--virtual-time-budget=2000",
        ])
        .arg(format!("--user-data-dir={}", scratch.path().join("profile").display()))
        .arg(format!("--log-net-log={}", net_log.display()))
        .args(action)
        .arg(file_url(page))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).unwrap())
        .stderr(std::fs::File::create(&stderr_path).unwrap());
    // Its own process group, so that a timeout ends Chromium's helpers too.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn().unwrap_or_else(|err| panic!("cannot start Chromium: {err}"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ =
                Command::new("kill").args(["-KILL", "--", &format!("-{}", child.id())]).status();
            let _ = child.kill();
            let _ = child.wait();
            panic!("Chromium took more than {TIMEOUT:?} on {}; killed", page.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = std::fs::read_to_string(&stdout_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    assert!(status.success(), "Chromium failed ({status}) on {}:\n{stderr}", page.display());
    let log = std::fs::read_to_string(&net_log).unwrap_or_default();
    let net_log = serde_json::from_str(&log)
        .unwrap_or_else(|err| panic!("Chromium's net log is not JSON ({err}):\n{stderr}"));
    BrowserRun { stdout, stderr, net_log }
}

fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// Lines where Chromium reports a console message or an uncaught exception:
/// Chromium 156 logs `console.error("boom")` as `INFO:CONSOLE:1] "boom", …`.
fn console_errors(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|line| line.contains("CONSOLE") || line.contains("Uncaught")).collect()
}

/// The http(s) URLs the page asked for. Chromium's own background requests
/// (update checks, time sync, account lookups) are started by the browser,
/// "not an origin", outside the page's `file://` partition, and are left out.
fn page_requests(net_log: &Value) -> Vec<String> {
    let start_job = net_log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].as_u64();
    let events = net_log["events"].as_array().map(Vec::as_slice).unwrap_or_default();
    let mut urls = Vec::new();
    for event in events.iter().filter(|e| e["type"].as_u64() == start_job && start_job.is_some()) {
        let params = &event["params"];
        let Some(url) = params["url"].as_str() else { continue };
        let by_browser = params["initiator"] == "not an origin"
            && !params["network_isolation_key"].as_str().unwrap_or("").contains("file://");
        if crate::html::is_remote(url) && !by_browser {
            urls.push(url.to_string());
        }
    }
    urls
}

/// `target/browser-screenshots/`, next to the binary cargo built.
fn screenshot_dir() -> PathBuf {
    let target = Path::new(ATTESTOR).ancestors().nth(2).expect("the binary is under target/");
    let dir = target.join("browser-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let header = bytes.get(..24)?;
    if &header[..8] != b"\x89PNG\r\n\x1a\n" || &header[12..16] != b"IHDR" {
        return None;
    }
    let number = |at: usize| u32::from_be_bytes(header[at..at + 4].try_into().unwrap());
    Some((number(16), number(20)))
}

// The detectors work: a scratch page's console.error, uncaught exception
// and request to http://127.0.0.1:9 are all caught.
#[test]
fn browser_checks_catch_console_errors_and_remote_requests() {
    let Some(chromium) = chromium() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let page = scratch.path().join("boom.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><title>boom</title><h1>boom</h1>\
         <script>console.error(\"boom\")</script><script>throw new Error(\"kaboom\")</script>\
         <img src=\"http://127.0.0.1:9/x.png\">",
    )
    .unwrap();
    let shot = format!("--screenshot={}", scratch.path().join("boom.png").display());
    let run = run_chromium(&chromium, &page, &[shot]);
    let errors = console_errors(&run.stderr);
    assert!(errors.iter().any(|l| l.contains("\"boom\"")), "console.error missed:\n{}", run.stderr);
    assert!(
        errors.iter().any(|l| l.contains("Uncaught Error: kaboom")),
        "throw missed:\n{}",
        run.stderr
    );
    assert_eq!(page_requests(&run.net_log), ["http://127.0.0.1:9/x.png"]);
}

// A Content-Security-Policy violation is a console message, so the checks
// catch it: a page whose policy forbids inline styles but has one.
#[test]
fn browser_checks_catch_csp_violations() {
    let Some(chromium) = chromium() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let page = scratch.path().join("csp.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" \
         content=\"default-src 'none'; style-src 'self'\"><title>csp</title></head>\
         <body><p style=\"color:red\">styled</p></body></html>",
    )
    .unwrap();
    let run = run_chromium(&chromium, &page, &["--dump-dom".to_string()]);
    let errors = console_errors(&run.stderr);
    assert!(
        errors.iter().any(|l| l.contains("violates the following Content Security Policy")),
        "CSP violation missed:\n{}",
        run.stderr
    );
}

// Nothing of the user's runs, and no page breaks its policy: the pages of
// a report with a script, an SVG with a script and an onload handler (shown
// in a plan and on its own page) and an XML that names a stylesheet, and
// their raw copies opened directly, log nothing to the console.
// See: issue 9.
#[test]
fn browser_runs_no_script_of_the_users() {
    let Some(chromium) = chromium() else { return };
    let mut test = SiteTest::from_dir("pages/active-content");
    test.build_minified().expect_success();
    let pages = [
        ("docs/plans/checkout.html", "active-plan"),
        ("docs/evidence/flow.svg.html", "active-svg"),
        ("docs/evidence/e2e-report.html.html", "active-report"),
        ("docs/evidence/junit.xml.html", "active-junit"),
    ];
    let mut problems: Vec<String> = std::thread::scope(|scope| {
        let runs: Vec<_> = pages
            .iter()
            .map(|(page, name)| scope.spawn(|| check_page(&chromium, test.out(), page, name)))
            .collect();
        runs.into_iter().flat_map(|run| run.join().expect("a Chromium check panicked")).collect()
    });
    for copy in ["text/evidence/e2e-report.html.txt", "text/evidence/flow.svg.txt"] {
        let run = run_chromium(&chromium, &test.out().join(copy), &["--dump-dom".to_string()]);
        assert!(
            run.stdout.contains("console.error"),
            "{copy} is not shown as text:\n{}",
            run.stdout
        );
        problems.extend(console_errors(&run.stderr).iter().map(|line| format!("{copy}: {line}")));
    }
    assert!(problems.is_empty(), "problems in the browser:\n{}", problems.join("\n"));
}

/// Opens one page of the portal at `out`, keeps its screenshot as
/// `<name>.png`, and returns what is wrong with it.
fn check_page(chromium: &Path, out: &Path, page: &str, name: &str) -> Vec<String> {
    let shot = screenshot_dir().join(format!("{name}.png"));
    let _ = std::fs::remove_file(&shot);
    let run =
        run_chromium(chromium, &out.join(page), &[format!("--screenshot={}", shot.display())]);
    let bytes = std::fs::read(&shot).unwrap_or_default();
    uncaptured(&format!("screenshot: {} ({} bytes)", shot.display(), bytes.len()));
    let mut problems = Vec::new();
    if bytes.len() <= 10 * 1024 || png_size(&bytes).is_none() {
        problems.push(format!("{page}: screenshot missing or near-empty ({} bytes)", bytes.len()));
    }
    problems.extend(console_errors(&run.stderr).iter().map(|line| format!("{page}: {line}")));
    problems
        .extend(page_requests(&run.net_log).iter().map(|url| format!("{page}: requested {url}")));
    problems
}

// The minified example portal renders in Chromium: each page gives a real
// screenshot, logs no console error and requests nothing from the network.
#[test]
fn browser_renders_portal_pages_without_errors_or_requests() {
    let Some(chromium) = chromium() else { return };
    let mut test = SiteTest::example();
    test.build_minified().expect_success();
    // One Chromium per page, side by side: each has its own profile and log.
    let problems: Vec<String> = std::thread::scope(|scope| {
        let runs: Vec<_> = PAGES
            .iter()
            .map(|(page, name)| scope.spawn(|| check_page(&chromium, test.out(), page, name)))
            .collect();
        runs.into_iter().flat_map(|run| run.join().expect("a Chromium check panicked")).collect()
    });
    assert!(problems.is_empty(), "problems in the browser:\n{}", problems.join("\n"));
}

// The dashboard's DOM, as Chromium builds it, carries the portal's title.
#[test]
fn browser_dom_of_dashboard_has_portal_title() {
    let Some(chromium) = chromium() else { return };
    let mut test = SiteTest::example();
    test.build_minified().expect_success();
    let run = run_chromium(&chromium, &test.out().join("index.html"), &["--dump-dom".to_string()]);
    assert!(run.stdout.contains("Tidewater delivery portal"), "DOM:\n{}", run.stdout);
    assert!(console_errors(&run.stderr).is_empty(), "{}", run.stderr);
}
