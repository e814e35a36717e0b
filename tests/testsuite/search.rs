//! Search: `search-index.js` holds the documents, tasks and evidence names;
//! `search.html` is a form with a labelled input that explains itself
//! without JavaScript; every page carries a search box; and in headless
//! Chromium, from `file://`, a query finds its results, showing the docs'
//! text as text.
//!
//! Chromium is found at `/usr/bin/chromium` or as `chromium` on PATH;
//! without it the browser test says it was skipped, except in CI
//! (`CI=true`), where it fails.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::site_test::SiteTest;

/// The index's data, parsed from the script that carries it.
fn index(test: &SiteTest) -> Value {
    let js = test.file("search-index.js");
    let json = js
        .strip_prefix("window.attestorSearch = ")
        .and_then(|rest| rest.trim_end().strip_suffix(';'))
        .unwrap_or_else(|| panic!("search-index.js is not one assignment:\n{js}"));
    serde_json::from_str(json).unwrap()
}

/// The entry of the given kind and title, as `[kind, title, url, path, extra, text]`.
fn entry<'a>(data: &'a Value, kind: &str, title: &str) -> &'a Value {
    data["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e[0] == kind && e[1] == title)
        .unwrap_or_else(|| panic!("no {kind} entry `{title}` in {data:#}"))
}

// The index holds each document's title, path, headings and text, each
// task's id, title, owner and status, and the evidence by name.
#[test]
fn search_index_holds_documents_tasks_and_evidence() {
    let mut test = SiteTest::from_dir("search/basic");
    test.build().expect_success();
    let data = index(&test);
    let plan = entry(&data, "plan", "Lighthouse lantern refit");
    assert_eq!(plan[2], "docs/plans/lantern-plan.html");
    assert_eq!(plan[3], "plans/lantern-plan.md");
    assert_eq!(plan[4], "Lighthouse lantern refit · Weather window");
    assert!(
        plan[5].as_str().unwrap().contains("only when the wind stays under force five"),
        "{plan}"
    );
    let session = entry(&data, "session", "Session 2026-04-02: lamp room");
    assert!(session[5].as_str().unwrap().contains("We found quartzite dust"), "{session}");
    let task = entry(&data, "task", "Calibrate the beacon");
    assert_eq!(task[2], "tasks/ln-1.html");
    assert_eq!(task[3], "LN-1");
    assert!(task[4].as_str().unwrap().starts_with("done, "), "{task}");
    assert!(task[4].as_str().unwrap().ends_with(" · Ines Varga"), "{task}");
    let log = entry(&data, "evidence", "2026-04-02-beacon-pytest.txt");
    assert_eq!(log[3], "tests/2026-04-02-beacon-pytest.txt");
    assert_eq!(log[5], "", "a log's text is not indexed");
    assert!(log[4].as_str().unwrap().ends_with(" · passed"), "{log}");
}

// The search page is a GET form with a labelled input, says what to do
// without JavaScript, and loads the index and the script from the portal.
#[test]
fn search_page_is_a_labelled_form_that_explains_itself_without_script() {
    let mut test = SiteTest::from_dir("search/basic");
    test.build().expect_success();
    let html = test.file("search.html");
    assert!(html.contains("<form id=\"search-form\" class=\"search-form\" action=\"search.html\" method=\"get\" role=\"search\" aria-label=\"Search page\">"), "{html}");
    assert!(html.contains("<label for=\"search-q\">Search documents, tasks and evidence</label>"));
    assert!(html.contains("<input id=\"search-q\" name=\"q\" type=\"search\""));
    assert!(html.contains("Search needs JavaScript, which is off or blocked here. Without it, find tasks on the <a href=\"tasks.html\">tracker</a> and every document in <a href=\"files.html\">All files</a>."), "{html}");
    assert!(html.contains("<script src=\"search-index.js\"></script>"));
    assert!(html.contains("<script src=\"assets/search.js\"></script>"));
    assert!(test.out().join("assets/search.js").is_file());
}

// Every page's header has a search box that sends its query to search.html,
// from any depth.
#[test]
fn every_page_has_a_search_box() {
    let mut test = SiteTest::from_dir("search/basic");
    test.build().expect_success();
    for (page, action) in [
        ("index.html", "search.html"),
        ("docs/plans/lantern-plan.html", "../../search.html"),
        ("tasks/ln-1.html", "../search.html"),
        ("graph.html", "search.html"),
    ] {
        let html = test.file(page);
        let form = format!(
            "<form class=\"site-search\" action=\"{action}\" method=\"get\" role=\"search\" aria-label=\"Portal\">"
        );
        assert!(html.contains(&form), "{page} has no search box:\n{html}");
        assert!(html.contains(
            "<label for=\"site-search-q\" class=\"site-search-label\">Search the portal</label>"
        ));
    }
}

/// The Chromium binary, or `None` (after saying so) outside CI.
pub fn chromium() -> Option<PathBuf> {
    let installed = Path::new("/usr/bin/chromium");
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path).map(|dir| dir.join("chromium")).find(|p| p.is_file())
    });
    let found = installed.is_file().then(|| installed.to_path_buf()).or(on_path);
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Chromium is required in CI (`.ci/run` installs it)"
        );
        let _ = writeln!(
            std::io::stderr(),
            "skipped: search browser test needs Chromium (apt-get install -y chromium); not found"
        );
    }
    found
}

/// The DOM of a `file://` URL after its scripts ran, and Chromium's stderr.
pub fn dump_dom(chromium: &Path, url: &str) -> (String, String) {
    let scratch = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (scratch.path().join("out"), scratch.path().join("err"));
    let mut command = Command::new(chromium);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=3000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", scratch.path().join("profile").display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn().unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ =
                Command::new("kill").args(["-KILL", "--", &format!("-{}", child.id())]).status();
            let _ = child.wait();
            panic!("Chromium took more than 60 s on {url}; killed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_default();
    (read(&out_path), read(&err_path))
}

// From file://, search.html?q=… finds the session by a word of its text and
// the task by its owner; the docs' markup shows as text, never as HTML; no
// console message.
#[test]
fn search_finds_results_from_file_urls_in_chromium() {
    let Some(chromium) = chromium() else { return };
    let mut test = SiteTest::from_dir("search/basic");
    test.build_minified().expect_success();
    let page = test.out().join("search.html");
    let url = |query: &str| format!("file://{}?q={query}", page.display());
    let (dom, stderr) = dump_dom(&chromium, &url("quartzite"));
    assert!(dom.contains("1 result for “quartzite”."), "{dom}");
    assert!(
        dom.contains(
            "href=\"docs/sessions/2026-04-02-lamp-room.html\">Session 2026-04-02: lamp room</a>"
        ),
        "{dom}"
    );
    assert!(dom.contains("<mark>quartzite</mark>"), "{dom}");
    assert!(dom.contains("id=\"search-nojs\" hidden=\"\""), "the no-script note is hidden:\n{dom}");
    let console: Vec<&str> =
        stderr.lines().filter(|l| l.contains("CONSOLE") || l.contains("Uncaught")).collect();
    assert!(console.is_empty(), "console messages:\n{}", console.join("\n"));

    let (dom, _) = dump_dom(&chromium, &url("ines%20varga"));
    assert!(dom.contains("href=\"tasks/ln-1.html\">LN-1 Calibrate the beacon</a>"), "{dom}");

    let (dom, _) = dump_dom(&chromium, &url("onerror"));
    assert!(dom.contains("&lt;img src=x <mark>onerror</mark>=alert(1)&gt;"), "{dom}");
    assert!(!dom.contains("<img src=\"x\""), "{dom}");
}

// The header's search box sends its query to search.html from any page,
// from file://, within the page's form-action policy: a script of the
// portal's own fills the box on a plan's page and submits it.
#[test]
fn header_search_box_submits_to_the_search_page_in_chromium() {
    let Some(chromium) = chromium() else { return };
    let mut test = SiteTest::from_dir("search/basic");
    test.build_minified().expect_success();
    let plan = test.out().join("docs/plans/lantern-plan.html");
    let html = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(
        test.out().join("docs/plans/submit.js"),
        "document.getElementById('site-search-q').value = 'fresnel';\n\
         document.querySelector('form.site-search').requestSubmit();\n",
    )
    .unwrap();
    let page = test.out().join("docs/plans/submit.html");
    std::fs::write(&page, html.replace("</body>", "<script src=\"submit.js\"></script></body>"))
        .unwrap();
    let (dom, stderr) = dump_dom(&chromium, &format!("file://{}", page.display()));
    assert!(dom.contains("<title>Search · basic status</title>"), "{dom}");
    assert!(dom.contains("2 results for “fresnel”."), "{dom}");
    assert!(dom.contains(">LN-2 Replace the fresnel lens</a>"), "{dom}");
    let console: Vec<&str> =
        stderr.lines().filter(|l| l.contains("CONSOLE") || l.contains("Uncaught")).collect();
    assert!(console.is_empty(), "console messages:\n{}", console.join("\n"));
}
