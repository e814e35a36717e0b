//! The audit trail: test and deploy events with their outcome, and with
//! `--git` (or `git = true`) each task's status changes read from the
//! history of the docs: on the task's page and on the audit trail, with the
//! commit's date, short hash and author; bounded to the last 500 commits,
//! said on the page; confined to ROOT; nothing the repository configures
//! runs; a tree that is no repository is one warning and the build goes on.
//!
//! The repositories are made by the tests (`git init` in the temp folder)
//! with fixed dates and authors, so their hashes are the same on every run.

use std::path::Path;
use std::process::Command;

use crate::html::text_of;
use crate::site_test::SiteTest;
use crate::status::diagnostic_lines;

/// Runs git in `dir` with fixed dates and names; panics if it fails.
pub(crate) fn git(dir: &Path, args: &[&str], date: &str, author: &str) -> String {
    let stamp = format!("{date}T10:00:00+00:00");
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .env("GIT_AUTHOR_NAME", author)
        .env("GIT_AUTHOR_EMAIL", "author@example.org")
        .env("GIT_COMMITTER_NAME", "CI")
        .env("GIT_COMMITTER_EMAIL", "ci@example.org")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// Writes `files` (path, text) under `dir` and commits them all.
fn commit(dir: &Path, files: &[(&str, &str)], date: &str, author: &str) -> String {
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    git(dir, &["add", "-A"], date, author);
    git(dir, &["commit", "-q", "-m", &format!("update {date}")], date, author);
    git(dir, &["rev-parse", "--short=7", "HEAD"], date, author)
}

/// A plan with a task table: T-001 and T-002 at these statuses.
fn plan(t1: &str, t2: &str) -> String {
    format!(
        "# Release plan\n\n| ID | Task | Status |\n|----|------|--------|\n\
         | T-001 | Write the API | {t1} |\n| T-002 | Ship the docs | {t2} |\n"
    )
}

/// A session log whose checklist holds T-010.
fn checklist(done: bool) -> String {
    let mark = if done { "x" } else { " " };
    format!("# Session 2026-03-03\n\n## Next steps\n\n- [{mark}] T-010 Rotate the keys\n")
}

/// The text of each item of the task page's History, in order.
fn history(test: &SiteTest, page: &str) -> Vec<String> {
    let html = test.file(page);
    let Some(start) = html.find("<section class=\"history\"") else { return Vec::new() };
    let section = &html[start..start + html[start..].find("</section>").unwrap()];
    section.split("<li>").skip(1).map(|li| text_of(li.split("</li>").next().unwrap())).collect()
}

/// The audit trail's rows whose kind is `kind`: their cells that are not
/// empty, joined by ` | `.
fn audit_rows(test: &SiteTest, page: &str, kind: &str) -> Vec<String> {
    let html = test.file(page);
    html.split("<tr>")
        .skip(1)
        .map(|row| {
            let row = row.split("</tr>").next().unwrap();
            let cells: Vec<String> = row
                .split("<td")
                .skip(1)
                .map(|cell| text_of(&format!("<td{cell}")))
                .filter(|cell| !cell.is_empty())
                .collect();
            cells.join(" | ")
        })
        .filter(|row| row.split(" | ").nth(1) == Some(kind))
        .collect()
}

// Each change of a task's status is read from git, whatever form the task
// is written in (a table row, a checklist item), in a docs folder that is a
// subfolder of the repository; files outside it are never read; the task
// page lists the changes oldest first and the audit trail newest first.
#[test]
fn shows_each_status_change_from_git_on_task_pages_and_the_audit_trail() {
    let mut test = SiteTest::empty("repo");
    let repo = test.root().to_path_buf();
    git(&repo, &["init", "-q", "-b", "main"], "2026-03-01", "x");
    let outside = "# Elsewhere\n\n| ID | Task | Status |\n|----|------|--------|\n| T-001 | Not ours | done |\n";
    let c1 = commit(
        &repo,
        &[("docs/plan.md", &plan("open", "open")), ("elsewhere/plan.md", outside)],
        "2026-03-01",
        "Dana Ortiz",
    );
    let c2 =
        commit(&repo, &[("docs/plan.md", &plan("in progress", "open"))], "2026-03-02", "Lee Park");
    let c3 = commit(&repo, &[("docs/sessions/day.md", &checklist(false))], "2026-03-03", "Sam Roe");
    let c4 = commit(
        &repo,
        &[("docs/plan.md", &plan("done", "blocked")), ("docs/sessions/day.md", &checklist(true))],
        "2026-03-04",
        "Dana Ortiz",
    );
    // A commit that changes nothing of the tasks adds no change.
    commit(&repo, &[("docs/notes.md", "# Notes\n\nNothing to do.\n")], "2026-03-05", "Lee Park");
    let docs = repo.join("docs");
    let out = test.temp().join("public");
    test.run(&[
        "build".as_ref(),
        docs.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--no-minify".as_ref(),
        "--git".as_ref(),
    ])
    .expect_success();
    assert_eq!(
        history(&test, "tasks/t-001.html"),
        [
            format!("2026-03-01 added as open {c1} Dana Ortiz"),
            format!("2026-03-02 open → in progress {c2} Lee Park"),
            format!("2026-03-04 in progress → done {c4} Dana Ortiz"),
        ]
    );
    assert_eq!(
        history(&test, "tasks/t-002.html"),
        [
            format!("2026-03-01 added as open {c1} Dana Ortiz"),
            format!("2026-03-04 open → blocked {c4} Dana Ortiz"),
        ]
    );
    assert_eq!(
        history(&test, "tasks/t-010.html"),
        [
            format!("2026-03-03 added as open {c3} Sam Roe"),
            format!("2026-03-04 open → done {c4} Dana Ortiz"),
        ]
    );
    assert_eq!(
        audit_rows(&test, "audit-status.html", "status"),
        [
            format!(
                "2026-03-04 | status | T-001 Write the API: in progress → done, {c4}, Dana Ortiz plan.md"
            ),
            format!(
                "2026-03-04 | status | T-002 Ship the docs: open → blocked, {c4}, Dana Ortiz plan.md"
            ),
            format!(
                "2026-03-04 | status | T-010 Rotate the keys: open → done, {c4}, Dana Ortiz sessions/day.md"
            ),
            format!(
                "2026-03-02 | status | T-001 Write the API: open → in progress, {c2}, Lee Park plan.md"
            ),
        ]
    );
    test.assert_file_contains(
        "audit.html",
        "Status changes from git: every commit that touched the docs, 5 commits since 2026-03-01.",
    );
    // The same repository builds to the same pages.
    let first = test.output_files();
    test.run(&[
        "build".as_ref(),
        docs.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--no-minify".as_ref(),
        "--git".as_ref(),
    ])
    .expect_success();
    assert!(first == test.output_files(), "a second build differs");
}

// `git = true` in attestor.toml reads the history as `--git` does; without
// either, task pages have no History section.
#[test]
fn git_in_the_config_reads_the_history_and_without_it_there_is_none() {
    let mut test = SiteTest::empty("configured");
    let root = test.root().to_path_buf();
    git(&root, &["init", "-q", "-b", "main"], "2026-03-01", "x");
    commit(&root, &[("plan.md", &plan("open", "open"))], "2026-03-01", "Dana Ortiz");
    let hash = commit(&root, &[("plan.md", &plan("done", "open"))], "2026-03-02", "Lee Park");
    test.build().expect_success();
    assert_eq!(history(&test, "tasks/t-001.html"), Vec::<String>::new());
    test.assert_file_lacks("tasks/t-001.html", "History");
    std::fs::write(root.join("attestor.toml"), "git = true\n").unwrap();
    test.build().expect_success();
    assert_eq!(
        history(&test, "tasks/t-001.html").last().unwrap(),
        &format!("2026-03-02 open → done {hash} Lee Park")
    );
}

// A shallow clone (CI checks out one commit by default) starts the history
// at its oldest commit: what that commit holds is not "added" then, and a
// warning says the history is cut.
#[test]
fn a_shallow_clone_starts_the_history_at_its_oldest_commit() {
    let mut test = SiteTest::empty("shallow");
    let origin = test.temp().join("origin");
    std::fs::create_dir_all(&origin).unwrap();
    git(&origin, &["init", "-q", "-b", "main"], "2026-03-01", "x");
    commit(&origin, &[("plan.md", &plan("open", "open"))], "2026-03-01", "Dana Ortiz");
    commit(&origin, &[("plan.md", &plan("in progress", "open"))], "2026-03-02", "Lee Park");
    let last = commit(&origin, &[("plan.md", &plan("done", "open"))], "2026-03-04", "Sam Roe");
    let root = test.root().to_path_buf();
    std::fs::remove_dir(&root).unwrap();
    let url = format!("file://{}", origin.display());
    git(
        test.temp(),
        &["clone", "-q", "--depth", "2", &url, root.to_str().unwrap()],
        "2026-03-05",
        "x",
    );
    test.build_with(&["--no-minify", "--git"]).expect_success();
    assert_eq!(
        history(&test, "tasks/t-001.html"),
        [format!("2026-03-04 in progress → done {last} Sam Roe")]
    );
    assert_eq!(history(&test, "tasks/t-002.html"), Vec::<String>::new());
    assert_eq!(
        diagnostic_lines(&test),
        [
            "warning[A254] .:0 the repository is a shallow clone: the task history starts at 2026-03-02, and changes before it are not shown"
        ]
    );
    test.assert_file_contains(
        "audit.html",
        "Status changes from git: the 2 commits since 2026-03-02 of a shallow clone that touched the docs (older ones are not in the clone).",
    );
}

// A docs folder that is no repository gives one warning and a full portal.
#[test]
fn warns_once_when_the_docs_are_not_in_a_repository() {
    let mut test = SiteTest::empty("loose");
    test.write_file("plan.md", &plan("done", "open"));
    test.build_with(&["--no-minify", "--git"]).expect_success();
    assert_eq!(
        diagnostic_lines(&test),
        [
            "warning[A252] .:0 the docs folder is not in a git repository; the task history is not read"
        ]
    );
    test.expect_stderr_contains("the docs folder is not in a git repository");
    test.assert_file_contains("tasks/t-001.html", "Write the API");
    test.assert_file_lacks("tasks/t-001.html", "History");
}

// Nothing the repository configures runs: a signature check would run
// `gpg.program`, and the build must not.
#[cfg(unix)]
#[test]
fn runs_nothing_the_repository_configures() {
    let mut test = SiteTest::empty("hostile");
    let root = test.root().to_path_buf();
    git(&root, &["init", "-q", "-b", "main"], "2026-03-01", "x");
    commit(&root, &[("plan.md", &plan("open", "open"))], "2026-03-01", "Dana Ortiz");
    let marker = test.temp().join("ran");
    let script = test.temp().join("gpg.sh");
    std::fs::write(&script, format!("#!/bin/sh\ntouch '{}'\n", marker.display())).unwrap();
    Command::new("chmod").arg("755").arg(&script).status().unwrap();
    for (key, value) in [
        ("log.showSignature", "true"),
        ("gpg.program", script.to_str().unwrap()),
        ("core.pager", script.to_str().unwrap()),
        ("diff.external", script.to_str().unwrap()),
    ] {
        git(&root, &["config", key, value], "2026-03-01", "x");
    }
    commit(&root, &[("plan.md", &plan("done", "open"))], "2026-03-02", "Lee Park");
    test.build_with(&["--no-minify", "--git"]).expect_success();
    assert_eq!(history(&test, "tasks/t-001.html").len(), 2);
    assert!(!marker.exists(), "the build ran a program the repository names");
}

// The history is bounded: of 503 commits only the last 500 are read, the
// first change read is a change (from the version before them), and the
// page says so.
#[test]
fn reads_at_most_500_commits_and_says_so() {
    let mut test = SiteTest::empty("long");
    let root = test.root().to_path_buf();
    git(&root, &["init", "-q", "-b", "main"], "2026-01-01", "x");
    // fast-import writes 503 commits in one process.
    let mut stream = String::new();
    for n in 0..503u32 {
        let text = plan(if n % 2 == 0 { "open" } else { "done" }, "open");
        let when = 1_767_225_600 + u64::from(n) * 3600;
        stream.push_str(&format!(
            "commit refs/heads/main\nauthor Dana Ortiz <d@example.org> {when} +0000\n\
             committer CI <ci@example.org> {when} +0000\ndata 4\nstep\n"
        ));
        stream.push_str(&format!("M 100644 inline plan.md\ndata {}\n{text}\n", text.len()));
    }
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(&root)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), stream.as_bytes()).unwrap();
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
    git(&root, &["checkout", "-q", "main"], "2026-01-01", "x");
    test.build_with(&["--no-minify", "--git"]).expect_success();
    let changes = history(&test, "tasks/t-001.html");
    assert_eq!(changes.len(), 500);
    assert!(changes[0].starts_with("2026-01-01 open → done "), "{}", changes[0]);
    assert!(changes[499].starts_with("2026-01-21 done → open "), "{}", changes[499]);
    test.assert_file_contains(
        "audit.html",
        "Status changes from git: the last 500 commits since 2026-01-01 that touched the docs (at most 500 are read; older ones are left out).",
    );
    assert_eq!(audit_rows(&test, "audit-status.html", "status").len(), 500);
}

// Test and deploy events show the outcome of their run, in words.
#[test]
fn test_and_deploy_events_show_pass_or_fail() {
    let mut test = SiteTest::empty("outcomes");
    test.write_file(
        "tests/2026-03-02-unit.log",
        "============================= test session starts ==============================\n\
         collected 3 items\n\ntests/test_a.py ..F\n\n\
         FAILED tests/test_a.py::test_c - assert 1 == 2\n\
         ========================= 1 failed, 2 passed in 0.12s =========================\n",
    );
    test.write_file(
        "tests/2026-03-03-unit.log",
        "============================= test session starts ==============================\n\
         collected 2 items\n\ntests/test_a.py ..\n\n\
         ============================== 2 passed in 0.10s ===============================\n",
    );
    test.build().expect_success();
    assert_eq!(
        audit_rows(&test, "audit.html", "test"),
        [
            "2026-03-03 | test | pass | 2026-03-03-unit.log tests/2026-03-03-unit.log",
            "2026-03-02 | test | fail | 2026-03-02-unit.log tests/2026-03-02-unit.log",
        ]
    );
}

// See: issue 11 (the audit trail was one page of every event, 12 MB at
// 10,000 documents). It is paged, 1,000 events a page, newest first, for
// every event and for each kind; each page says which events it shows and
// links the others.
#[test]
fn the_audit_trail_is_paged_newest_first() {
    let mut test = SiteTest::empty("audit-pages");
    // 1,001 test runs, one a day from 2023-01-01 (28 days a month), and a
    // session after them.
    for n in 0..1001u32 {
        let (year, month, day) = (2023 + n / 336, n / 28 % 12 + 1, n % 28 + 1);
        test.write_file(
            &format!("tests/{year}-{month:02}-{day:02}-unit.log"),
            "============================= test session starts ==============================\n\
             collected 2 items\n\ntests/test_a.py ..\n\n\
             ============================== 2 passed in 0.10s ===============================\n",
        );
    }
    test.write_file(
        "sessions/2026-03-01-review.md",
        "# Session 2026-03-01: review\n\nRead the runs.\n",
    );
    test.build_with(&["--no-minify"]).expect_success();

    assert_eq!(audit_rows(&test, "audit.html", "test").len(), 999);
    assert_eq!(
        audit_rows(&test, "audit.p2.html", "test"),
        [
            "2023-01-02 | test | pass | 2023-01-02-unit.log tests/2023-01-02-unit.log",
            "2023-01-01 | test | pass | 2023-01-01-unit.log tests/2023-01-01-unit.log",
        ],
        "the oldest runs are last"
    );
    test.assert_file_contains("audit.html", "<a href=\"audit.p2.html\" rel=\"next\">Next</a>");
    test.assert_file_contains("audit.html", "Events 1 to 1000 of 1002, newest first.");
    test.assert_file_contains("audit.p2.html", "Events 1001 to 1002 of 1002, newest first.");
    test.assert_file_contains("audit.p2.html", "<a href=\"audit.html\" rel=\"prev\">Previous</a>");
    test.assert_file_contains("audit.p2.html", "<title>Audit trail (page 2)");
    // A kind's own pages.
    assert_eq!(audit_rows(&test, "audit-test.html", "test").len(), 1000);
    assert_eq!(audit_rows(&test, "audit-test.p2.html", "test").len(), 1);
    test.assert_file_contains("audit-test.p2.html", "Events 1001 to 1001 of 1001, newest first.");
    test.assert_file_lacks("audit-session.html", "class=\"pager\"");
    assert!(!test.out().join("audit-session.p2.html").exists(), "one page is enough");
    assert!(!test.out().join("audit.p3.html").exists());
    // The chips count every event of a kind, not the page's.
    test.assert_file_contains("audit.p2.html", ">all 1002</a>");
    test.assert_file_contains("audit.p2.html", ">test 1001</a>");
}
