//! Progress over time (issue 13): with `--git`, a burn-up of the tasks
//! counted, done and verified at the end of each day, replayed from the
//! history of the docs, on the dashboard and on each plan's page; without
//! it, one line on the dashboard says how to get it, and plan pages show
//! nothing.
//!
//! The repository is made by the test (`git init` in the temp folder) with
//! fixed dates and authors, and the portal's "as of" date is fixed with
//! `SOURCE_DATE_EPOCH`, so the chart is the same on every run.

use std::path::Path;

use crate::audit::git;
use crate::html::text_of;
use crate::site_test::SiteTest;

/// 2026-03-06, the day after the last commit: the portal's "as of" date.
const AS_OF: &str = "1772755200";

/// Writes `files` (path, text) under `dir` and commits them all on `date`.
fn commit(dir: &Path, files: &[(&str, &str)], date: &str) {
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    git(dir, &["add", "-A"], date, "Dana Ortiz");
    git(dir, &["commit", "-q", "-m", &format!("update {date}")], date, "Dana Ortiz");
}

/// A plan with a task table: T-1, T-2 and T-4 at these statuses, and T-3
/// when it is given. T-2's row names the test log that verifies it.
fn plan(t1: &str, t2: &str, t3: Option<&str>, t4: &str) -> String {
    let mut text = String::from(
        "# Release plan\n\n| ID | Task | Done When | Estimate | Status |\n|----|------|-----------|----------|--------|\n",
    );
    text.push_str(&format!("| T-1 | Write the API | it answers | 1h | {t1} |\n"));
    text.push_str(&format!(
        "| T-2 | Ship the docs | `tests/2026-03-04-run.txt` passes | 2h | {t2} |\n"
    ));
    if let Some(t3) = t3 {
        text.push_str(&format!("| T-3 | Tune the cache | it is fast | 3h | {t3} |\n"));
    }
    text.push_str(&format!("| T-4 | Rotate the keys | they rotate | 1h | {t4} |\n"));
    text
}

const RUN_LOG: &str = "$ cargo test\nrunning 3 tests\ntest a ... ok\ntest b ... ok\ntest c ... ok\n\n\
test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n";

/// The repository of issue 13's case, one commit a day: T-1, T-2 and T-4
/// added on 03-02; T-1 done on 03-03; T-2 done, T-3 added and a passing log
/// of 03-04 that verifies T-2 on 03-04; T-1 reopened on 03-05.
fn repository(test: &SiteTest) {
    let repo = test.root();
    git(repo, &["init", "-q", "-b", "main"], "2026-03-02", "x");
    commit(repo, &[("plan.md", &plan("open", "open", None, "open"))], "2026-03-02");
    commit(repo, &[("plan.md", &plan("done", "open", None, "open"))], "2026-03-03");
    commit(
        repo,
        &[
            ("plan.md", &plan("done", "done", Some("open"), "open")),
            ("tests/2026-03-04-run.txt", RUN_LOG),
        ],
        "2026-03-04",
    );
    commit(repo, &[("plan.md", &plan("open", "done", Some("open"), "open"))], "2026-03-05");
}

/// The rows of the page's burn-up table (date | counted | done | verified
/// [| estimated work done]), or nothing when the page has no chart.
fn burnup_rows(test: &SiteTest, page: &str) -> Vec<String> {
    let html = test.file(page);
    let Some(start) = html.find("<table class=\"burnup-data\">") else {
        return Vec::new();
    };
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let body = &table[table.find("<tbody>").unwrap()..];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let row = row.split("</tr>").next().unwrap();
            let cells: Vec<String> = row
                .replace("</th>", "\u{1}")
                .replace("</td>", "\u{1}")
                .split('\u{1}')
                .map(text_of)
                .filter(|cell| !cell.is_empty())
                .collect();
            cells.join(" | ")
        })
        .collect()
}

/// What the chart says of itself in words: its `<title>` and `<desc>`.
fn chart_words(test: &SiteTest, page: &str) -> (String, String) {
    let html = test.file(page);
    let between = |open: &str, close: &str| {
        let start = html.find(open).unwrap_or_else(|| panic!("{open} in {page}")) + open.len();
        text_of(&html[start..start + html[start..].find(close).unwrap()])
    };
    (
        between("<title id=\"burnup-title\">", "</title>"),
        between("<desc id=\"burnup-desc\">", "</desc>"),
    )
}

/// Builds the test's tree into its output folder, with `--git` when asked,
/// as of 2026-03-06.
fn build(test: &mut SiteTest, with_git: bool) {
    let (root, out) = (test.root().to_path_buf(), test.out().to_path_buf());
    let mut args = vec![
        "build".to_string(),
        root.display().to_string(),
        "-o".to_string(),
        out.display().to_string(),
        "--no-minify".to_string(),
    ];
    if with_git {
        args.push("--git".to_string());
    }
    test.run_env(&args, &[("SOURCE_DATE_EPOCH", AS_OF)]).expect_success();
}

// The dashboard and the plan's page show, for each day from the first
// commit to the "as of" date, the tasks counted (T-3 from the day it was
// added), done (T-1 only until it was reopened) and verified (T-2 from the
// date of its passing log), with the estimated work done; a second build
// writes the same bytes.
#[test]
fn shows_a_burn_up_of_each_day_from_the_history_in_git() {
    let mut test = SiteTest::empty("burnup");
    repository(&test);
    build(&mut test, true);
    let expected = [
        "2026-03-02 | 3 | 0 | 0 | 0m",
        "2026-03-03 | 3 | 1 | 0 | 1h",
        "2026-03-04 | 4 | 2 | 1 | 3h",
        "2026-03-05 | 4 | 1 | 1 | 2h",
        "2026-03-06 | 4 | 1 | 1 | 2h",
    ];
    for page in ["index.html", "docs/plan.html"] {
        assert_eq!(burnup_rows(&test, page), expected, "{page}");
        assert_eq!(
            chart_words(&test, page),
            (
                "Progress over time, 2026-03-02 to 2026-03-06".to_string(),
                "On 2026-03-02: 3 tasks counted, 0 done, 0 verified. \
                 On 2026-03-06: 4 tasks counted, 1 done, 1 verified."
                    .to_string()
            ),
            "{page}"
        );
        test.assert_file_contains(page, "id=\"burnup-heading\">Progress over time</h")
            .assert_file_contains(
                page,
                "<p class=\"burnup-estimate\">Estimated work done: 2h of 7h (28%) after 4 days.</p>",
            )
            .assert_file_contains(page, "Tasks counted <strong>4</strong>")
            .assert_file_contains(page, "Done <strong>1</strong>")
            .assert_file_contains(page, "Verified <strong>1</strong>")
            .assert_file_lacks(page, "to see progress over time");
    }
    // The chart's last point is the headline's count.
    test.assert_file_contains("index.html", "<strong>1 of 4 tasks done (25%)</strong>");
    let first = test.output_files();
    build(&mut test, true);
    assert!(first == test.output_files(), "a second build differs");
}

// Without `--git` the dashboard says how to see progress over time and
// draws nothing; the plan's page shows nothing of it.
#[test]
fn without_git_the_dashboard_says_how_to_see_progress_over_time() {
    let mut test = SiteTest::empty("burnup");
    repository(&test);
    build(&mut test, false);
    test.assert_file_contains(
        "index.html",
        "<p class=\"scope\">Build with <code>--git</code> to see progress over time.</p>",
    )
    .assert_file_lacks("index.html", "burnup-chart")
    .assert_file_lacks("docs/plan.html", "burnup-")
    .assert_file_lacks("docs/plan.html", "progress over time");
    assert_eq!(burnup_rows(&test, "index.html"), Vec::<String>::new());
}

// With `--git` but no commit that holds the plan (its changes are not
// committed yet), the dashboard says there is nothing to draw.
#[test]
fn with_git_but_no_change_in_the_commits_the_dashboard_says_so() {
    let mut test = SiteTest::empty("burnup");
    let repo = test.root().to_path_buf();
    git(&repo, &["init", "-q", "-b", "main"], "2026-03-02", "x");
    commit(&repo, &[("README.md", "# Project\n\nNo plan yet.\n")], "2026-03-02");
    std::fs::write(repo.join("plan.md"), plan("done", "open", None, "open")).unwrap();
    build(&mut test, true);
    test.assert_file_contains(
        "index.html",
        "<p class=\"scope\">No counted task was added or changed in the commits read: there is no progress over time to draw.</p>",
    )
    .assert_file_lacks("index.html", "burnup-chart")
    .assert_file_lacks("docs/plan.html", "burnup-");
}
