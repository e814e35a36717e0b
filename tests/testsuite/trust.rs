//! Issue 13: what the portal checks beyond the docs' own words. The
//! repositories are made by the tests (`git init` in the temp folder, with
//! scripted commits and dates), so each check meets the case it is for.

use crate::audit::git;
use crate::site_test::SiteTest;
use crate::status::diagnostic_lines;

/// Commits `file` (path, text) into the repository at `dir` on `date`, with
/// `message`; returns the short hash.
fn commit_file(dir: &std::path::Path, file: (&str, &str), date: &str, message: &str) -> String {
    let path = dir.join(file.0);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, file.1).unwrap();
    git(dir, &["add", "-A"], date, "Dana Ortiz");
    git(dir, &["commit", "-q", "-m", message], date, "Dana Ortiz");
    git(dir, &["rev-parse", "--short=7", "HEAD"], date, "Dana Ortiz")
}

/// A session log dated `date` naming each hash on a line of its own, in the
/// forms people write them.
fn session(date: &str, hashes: &[&str]) -> String {
    let mut text = format!("# Session {date}: release work\n\n**Date**: {date}\n\n## Commits\n");
    let forms =
        ["- **{}** - feat: the loader", "- Last Commit: {} (merge)", "- commit {} fixed it"];
    for (n, hash) in hashes.iter().enumerate() {
        text.push_str(&forms[n % forms.len()].replace("{}", hash));
        text.push('\n');
    }
    text
}

#[test]
fn commits_named_in_the_docs_are_checked_against_the_repository() {
    let mut test = SiteTest::empty("commits");
    let root = test.root().to_path_buf();
    git(&root, &["init", "-q", "-b", "main"], "2026-03-01", "x");
    let landed = commit_file(&root, ("src/lib.rs", "// one\n"), "2026-03-01", "feat: the loader");
    git(&root, &["checkout", "-q", "-b", "side"], "2026-03-02", "x");
    let side = commit_file(&root, ("src/lib.rs", "// side\n"), "2026-03-02", "wip: never merged");
    git(&root, &["checkout", "-q", "main"], "2026-03-02", "x");
    let later =
        commit_file(&root, ("src/more.rs", "// later\n"), "2026-03-09", "fix: after the log");
    let log = session("2026-03-05", &[&landed, &side, &later, "d3adb33f"]);
    commit_file(&root, ("docs/sessions/2026-03-05.md", &log), "2026-03-10", "docs: the log");
    std::fs::write(
        root.join("docs/attestor.toml"),
        "repo_url = \"https://git.example.org/team/app/\"\n",
    )
    .unwrap();
    let docs = root.join("docs");
    test.run(&["check".as_ref(), docs.as_os_str()]).expect_success();
    let stderr = test.last().stderr.clone();
    assert!(
        stderr.contains(&format!("warning[A271]: commit `{side}` (2026-03-02, \"wip: never merged\") is not on the built branch")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "warning[A272]: commit `{later}` is dated 2026-03-09, after this document (2026-03-05)"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning[A270]: commit `d3adb33f` is not in the repository"),
        "{stderr}"
    );
    assert!(!stderr.contains(&format!("`{landed}`")), "the landed commit is fine: {stderr}");
    assert!(stderr.contains("(0 errors, 3 warnings)"), "{stderr}");

    // The document's page lists each with what the repository says, and
    // links the ones it has to the forge.
    let out = test.temp().join("public");
    test.run(&["build".as_ref(), docs.as_os_str(), "-o".as_ref(), out.as_os_str()])
        .expect_success();
    let page = std::fs::read_to_string(out.join("docs/sessions/2026-03-05.html")).unwrap();
    let full = git(&root, &["rev-parse", &landed], "2026-03-10", "x");
    assert!(
        page.contains(&format!(
            "<a href=\"https://git.example.org/team/app/commit/{full}\">{landed}</a>"
        )),
        "{page}"
    );
    for words in [
        "in the repository",
        "not on the built branch",
        "dated after the document",
        "not in the repository",
    ] {
        assert!(page.contains(&format!(">{words}</span>")), "{words}");
    }
    let status: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("status.json")).unwrap()).unwrap();
    let checks: Vec<String> = status["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {} line {}",
                c["hash"].as_str().unwrap(),
                c["check"].as_str().unwrap(),
                c["source"]["line"]
            )
        })
        .collect();
    assert_eq!(
        checks,
        [
            format!("{landed} found line 6"),
            format!("{side} unreachable line 7"),
            format!("{later} dated_after line 8"),
            "d3adb33f unknown line 9".to_string(),
        ]
    );
}

#[test]
fn commits_are_not_checked_without_a_repository_and_said_once() {
    let mut test = SiteTest::empty("no-repo");
    test.write_file(
        "sessions/2026-03-05.md",
        &session("2026-03-05", &["abc1234", "def5678", "0a1b2c3"]),
    );
    test.build().expect_success();
    let lines = diagnostic_lines(&test);
    let notes: Vec<&String> = lines.iter().filter(|l| l.contains("A27")).collect();
    assert_eq!(notes.len(), 1, "{lines:?}");
    assert!(
        notes[0].contains("3 commit hashes named in the docs not checked: the docs folder is not in a git repository"),
        "{notes:?}"
    );
    test.assert_file_contains("docs/sessions/2026-03-05.html", ">not checked</span>");
}

#[test]
fn check_commits_false_asks_nothing_of_the_repository() {
    let mut test = SiteTest::empty("commits-off");
    let root = test.root().to_path_buf();
    git(&root, &["init", "-q", "-b", "main"], "2026-03-01", "x");
    commit_file(&root, ("a.txt", "a\n"), "2026-03-01", "first");
    test.write_file("attestor.toml", "check_commits = false\n");
    test.write_file("sessions/2026-03-05.md", &session("2026-03-05", &["d3adb33f"]));
    test.build().expect_success();
    assert!(!diagnostic_lines(&test).iter().any(|l| l.contains("A27")));
}

// Made-up credentials of each shape, built from parts so that no scanner
// of this repository mistakes the test for a leak.
fn aws_key() -> String {
    ["AKIA", "Z7Q2KX4M9PLW3VBN"].concat()
}
fn github_token() -> String {
    ["ghp_", "4f9KzQ2mX7pL1vN8rT3wY6bC0dE5gH2jK9sA"].concat()
}
fn db_password() -> String {
    ["S3cr3t", "Pw9x"].concat()
}

#[test]
fn credentials_are_masked_everywhere_the_portal_shows_them_and_check_fails() {
    let mut test = SiteTest::empty("secrets");
    let log = format!(
        "deploy started\nexport AWS_ACCESS_KEY_ID={}\npushing with token {}\n5 passed, 0 failed\n",
        aws_key(),
        github_token()
    );
    test.write_file("deployments/2026-03-05-deploy.log", &log);
    test.write_file(
        "notes/setup.md",
        &format!(
            "# Setup\n\nThe staging database is `postgres://app:{}@db.staging:5432/app`.\n\nThe example key `AKIAIOSFODNN7EXAMPLE` is fine to show.\n",
            db_password()
        ),
    );
    let root = test.root().to_path_buf();
    test.run(&["check".as_ref(), root.as_os_str()]).expect_exit(1);
    let stderr = test.last().stderr.clone();
    for want in [
        "error[A290]: an AWS access key is written here; the portal shows it masked",
        "error[A290]: a GitHub token is written here; the portal shows it masked",
        "error[A290]: a password in a URL is written here; the portal shows it masked",
    ] {
        assert!(stderr.contains(want), "{want}\n{stderr}");
    }
    assert!(stderr.contains("deployments/2026-03-05-deploy.log:2"), "{stderr}");
    assert!(stderr.contains("notes/setup.md:3"), "{stderr}");
    assert!(stderr.contains("(3 errors, 0 warnings)"), "{stderr}");
    for secret in [aws_key(), github_token(), db_password()] {
        assert!(!stderr.contains(&secret), "the snippet shows a secret: {stderr}");
    }

    test.build().expect_success();
    for (rel, bytes) in test.output_files() {
        let text = String::from_utf8_lossy(&bytes);
        for secret in [aws_key(), github_token(), db_password()] {
            assert!(!text.contains(&secret), "{rel} publishes a secret");
        }
    }
    test.assert_file_contains(
        "docs/deployments/2026-03-05-deploy.log.html",
        "AKIA****************",
    );
    test.assert_file_contains("docs/notes/setup.html", "AKIAIOSFODNN7EXAMPLE");
    test.assert_file_contains("docs/notes/setup.html", "postgres://app:**********@db.staging");
    // The raw copy is the log masked, every other byte as it was.
    let raw = std::fs::read_to_string(test.out().join("files/deployments/2026-03-05-deploy.log"))
        .unwrap();
    assert_eq!(
        raw,
        log.replace(&aws_key()[4..], &"*".repeat(16))
            .replace(&github_token()[4..], &"*".repeat(36))
    );
}

#[test]
fn a_credential_deep_in_a_log_too_big_to_show_is_masked_in_its_raw_copy() {
    let mut test = SiteTest::empty("big-secret");
    let filler = "step ok: compiled module and wrote its artifacts to the cache\n";
    let mut log = filler.repeat(40_000);
    log.push_str(&format!("curl -H 'Authorization: token {}' https://api\n", github_token()));
    log.push_str(&filler.repeat(40_000));
    assert!(log.len() > 4 * 1024 * 1024);
    test.write_file("tests/2026-03-05-build.log", &log);
    test.build().expect_success();
    for (rel, bytes) in test.output_files() {
        assert!(!String::from_utf8_lossy(&bytes).contains(&github_token()), "{rel} publishes it");
    }
    let raw = std::fs::read(test.out().join("files/tests/2026-03-05-build.log")).unwrap();
    assert_eq!(raw.len(), log.len(), "the raw copy keeps every other byte");
}

/// A plan whose T-001 row names its test log, at this status.
fn plan_naming_its_log(status: &str) -> String {
    format!(
        "# Release plan\n\n| ID | Task | Status | Evidence |\n|----|------|--------|----------|\n\
         | T-001 | Write the API | {status} | `tests/2026-03-02-api.txt` |\n\
         | T-002 | Ship the docs | open | |\n"
    )
}

#[test]
fn evidence_older_than_the_tasks_last_change_in_git_is_marked_stale() {
    let mut test = SiteTest::empty("stale");
    let root = test.root().to_path_buf();
    git(&root, &["init", "-q", "-b", "main"], "2026-03-01", "x");
    commit_file(&root, ("docs/plan.md", &plan_naming_its_log("in progress")), "2026-03-01", "plan");
    let log = "2026-03-02 api suite\n12 passed, 0 failed\n";
    commit_file(&root, ("docs/tests/2026-03-02-api.txt", log), "2026-03-02", "the run");
    // Done a week after the only run: the run shows the work as it was.
    let done =
        commit_file(&root, ("docs/plan.md", &plan_naming_its_log("done")), "2026-03-09", "done");
    let docs = root.join("docs");
    let out = test.temp().join("public");
    let build = |test: &mut SiteTest, git: bool| {
        let mut args = vec!["build".as_ref(), docs.as_os_str(), "-o".as_ref(), out.as_os_str()];
        args.push("--no-minify".as_ref());
        if git {
            args.push("--git".as_ref());
        }
        test.run(&args).expect_success();
    };
    build(&mut test, true);
    let warning = format!(
        "warning[A275]: T-001's evidence `tests/2026-03-02-api.txt` is dated 2026-03-02, before the task's last change on 2026-03-09 (set to done in commit {done})"
    );
    assert!(test.last().stderr.contains(&warning), "{}", test.last().stderr);
    let page = std::fs::read_to_string(out.join("tasks/t-001.html")).unwrap();
    assert!(page.contains("<span class=\"tag stale\">stale</span>"), "{page}");
    assert!(page.contains(&format!(
        "dated 2026-03-02, before the task's last change on 2026-03-09 (set to done in commit {done})"
    )));
    let dashboard = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(dashboard.contains("stale evidence"), "the dashboard's Needs attention lists it");
    assert!(dashboard.contains(
        "tests/2026-03-02-api.txt (2026-03-02) is older than its last change (2026-03-09)"
    ));
    let attention = std::fs::read_to_string(out.join("attention.html")).unwrap();
    assert!(
        attention.contains("Done, on evidence older than the work <span class=\"count\">1</span>")
    );
    let status: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("status.json")).unwrap()).unwrap();
    let task = status["tasks"].as_array().unwrap().iter().find(|t| t["id"] == "T-001").unwrap();
    assert_eq!(task["stale_evidence"][0]["path"], "tests/2026-03-02-api.txt");
    assert_eq!(task["verification"], "verified", "stale is a mark, not a verdict");

    // Without the history, a plan's date says nothing of one task: no mark.
    build(&mut test, false);
    assert!(!test.last().stderr.contains("A275"), "{}", test.last().stderr);
    let page = std::fs::read_to_string(out.join("tasks/t-001.html")).unwrap();
    assert!(!page.contains("tag stale"));
}

#[test]
fn a_session_log_dated_after_the_run_it_names_rests_on_stale_evidence() {
    let mut test = SiteTest::empty("stale-session");
    test.write_file("tests/2026-03-01-api.txt", "api suite\n12 passed, 0 failed\n");
    test.write_file("tests/2026-03-10-ui.txt", "ui suite\n4 passed, 0 failed\n");
    test.write_file(
        "sessions/2026-03-10.md",
        "# Session 2026-03-10\n\n**Date**: 2026-03-10\n\n\
         ## API\n\n- [x] T-101 Rework the API, see `tests/2026-03-01-api.txt`\n\n\
         ## UI\n\n- [x] T-102 Fix the UI, see `tests/2026-03-10-ui.txt`\n",
    );
    test.build().expect_success();
    let status = test.status_json();
    let stale: Vec<String> = status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{} {}",
                t["id"].as_str().unwrap(),
                t["stale_evidence"].as_array().unwrap().len()
            )
        })
        .collect();
    assert_eq!(stale, ["T-101 1", "T-102 0"]);
}

#[test]
fn one_figure_stated_differently_in_two_documents_is_listed_with_both_sources() {
    let mut test = SiteTest::empty("disagree");
    test.write_file(
        "sessions/2026-03-05-backend.md",
        "# Session 2026-03-05\n\n**Date**: 2026-03-05\n\n- Backend: 196/196 tests passing\n- Frontend coverage: 81%\n",
    );
    test.write_file(
        "notes/2026-03-05-summary.md",
        "# Progress summary\n\n**Date**: 2026-03-05\n\n## Figures\n\n- Backend: 194/196 tests passing\n- Frontend coverage: 81.4%\n- Router coverage: 0% → 91%\n",
    );
    // Another day's count is another run, not a contradiction.
    test.write_file(
        "sessions/2026-03-06-backend.md",
        "# Session 2026-03-06\n\n**Date**: 2026-03-06\n\n- Backend: 180/196 tests passing\n",
    );
    test.build().expect_success();
    let lines = diagnostic_lines(&test);
    let a276: Vec<&String> = lines.iter().filter(|l| l.contains("A276")).collect();
    assert_eq!(
        a276,
        [
            "warning[A276] sessions/2026-03-05-backend.md:5 196 of 196 passed here, but notes/2026-03-05-summary.md:7 says 194 of 196 passed (the backend tests on 2026-03-05)"
        ]
    );
    let page = test.file("claims.html");
    assert!(page.contains("<caption>the backend tests on 2026-03-05</caption>"), "{page}");
    assert!(
        page.contains("notes/2026-03-05-summary.md:7")
            && page.contains("sessions/2026-03-05-backend.md:5")
    );
    assert!(!page.contains("coverage of frontend"), "81% and 81.4% agree");
    let status = test.status_json();
    assert_eq!(status["contradictions"].as_array().unwrap().len(), 1);
}
