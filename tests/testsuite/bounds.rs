//! Inputs at the edges of what numbers and memory hold: counts that do not
//! fit or do not add up, and logs too big to show whole. The build ends
//! with exit 0 and says what it did with them.

use crate::site_test::SiteTest;
use crate::status::{ClaimLine, claim_lines, diagnostic_lines};

// See: issue 9. `100 passed (63)` beside a log overflowed an integer; counts
// too big for any integer in a claim or a log are read without a panic, and
// no claim whose figures do not add up is supported.
#[test]
fn claims_with_impossible_counts_are_contradicted_not_overflowed() {
    let mut test = SiteTest::from_dir("bounds/overflow");
    test.build().expect_success();
    assert_eq!(
        claim_lines(&test, ClaimLine::Checked),
        [
            "plans/release.md:7 tests \"100 passed (63)\" contradicted tests/importer-run.log",
            "plans/release.md:9 tests \"18446744073709551615 passed, 18446744073709551615 failed\" contradicted tests/soak.log",
            // No run has that many: the count is not read, the word is.
            "plans/release.md:11 status \"Load suite: 99999999999999999999 passed, per the soak.\" contradicted tests/soak.log",
        ]
    );
    let diagnostics = diagnostic_lines(&test);
    assert!(
        diagnostics.contains(&"warning[A130] plans/release.md:7 `100 passed (63)` is contradicted by `tests/importer-run.log`, which records 63 passed, 0 failed".to_string()),
        "{diagnostics:#?}"
    );
    let status = test.status_json();
    let soak =
        status["evidence"].as_array().unwrap().iter().find(|e| e["path"] == "tests/soak.log");
    let soak = soak.expect("the soak log is evidence");
    assert_eq!(soak["outcome"], "fail", "{soak:#}");
    assert_eq!(soak["failed"], u64::MAX, "{soak:#}");
}

/// A log of `n_lines` pytest lines with one failure at `fail_at` and the
/// summary at the end.
fn big_pytest_log(n_lines: usize, fail_at: usize) -> String {
    let mut log = String::from(
        "============================= test session starts ==============================\n",
    );
    for n in 2..n_lines {
        if n == fail_at {
            log.push_str(&format!("tests/test_big.py::test_case_{n} FAILED{:>40}\n", "[ 50%]"));
        } else {
            log.push_str(&format!("tests/test_big.py::test_case_{n} PASSED{:>40}\n", "[ 50%]"));
        }
    }
    log.push_str(&format!(
        "==================== 1 failed, {} passed in 61.20s ====================\n",
        n_lines - 3
    ));
    log
}

// See: issue 9. A 49 MB log took 2.2 GB. A log over the bound is read in
// bounded memory: the page shows its head, its tail and the failing line in
// the middle at its real number, with a note; the outcome comes from the
// summary at its end, and a diagnostic says the file was shown cut.
#[test]
fn a_log_too_big_to_show_whole_is_read_and_shown_cut() {
    let mut test = SiteTest::from_dir("bounds/big-log");
    let n_lines = 80_000;
    let log = big_pytest_log(n_lines, 40_000);
    assert!(log.len() > 6 * 1024 * 1024, "{} bytes", log.len());
    test.write_file("tests/big-run.log", &log);
    test.build().expect_success();
    let status = test.status_json();
    let run = &status["evidence"][0];
    assert_eq!(
        (&run["path"], &run["outcome"], &run["passed"], &run["failed"]),
        (&"tests/big-run.log".into(), &"fail".into(), &(n_lines as u64 - 3).into(), &1.into()),
        "{run:#}"
    );
    let page = test.file("docs/tests/big-run.log.html");
    assert!(
        page.contains(
            "<span class=\"fail\"><a id=\"L40000\" href=\"#L40000\">40000</a>tests/test_big.py::test_case_40000 FAILED"
        ),
        "the failing line is shown at its number"
    );
    assert!(page.contains(&format!("id=\"L{n_lines}\"")), "the summary is shown");
    assert!(!page.contains("id=\"L20000\""), "the middle is left out");
    assert!(page.contains(
        "Showing the first 1000, the last 1000 and the 1 failing or result lines of 80000 lines; the full file is the <a href=\"../../files/tests/big-run.log\">raw file</a>."
    ), "the note is shown");
    assert_eq!(test.file("files/tests/big-run.log"), log, "the raw copy is whole");
    assert!(diagnostic_lines(&test).contains(&format!(
        "info[A210] tests/big-run.log:0 file is {:.1} MiB, too big to show whole: its page shows the first 1000, the last 1000 and 1 failing or result lines of {n_lines}",
        log.len() as f64 / 1048576.0
    )), "{:#?}", diagnostic_lines(&test));
}

// A dated note whose one line holds 20,000 figures (a pasted dump) took
// memory and time that grew with the square of the line: each claim held
// the whole line, and the checks across documents read it once per claim.
// The build stays small; the note's page lists the first 1,000 claims and
// says status.json lists all.
#[test]
fn a_line_of_thousands_of_figures_is_read_in_bounded_memory() {
    let mut test = SiteTest::empty("long-line");
    let n = 20_000;
    let line = "backend 12/12 tests passed, ".repeat(n);
    test.write_file("notes/dump.md", &format!("# Dump\n\n**Date**: 2026-04-01\n\n{line}\n"));
    test.build().expect_success();
    let status = test.status_json();
    assert_eq!(status["claims"].as_array().unwrap().len(), n);
    let page = test.file("docs/notes/dump.html");
    assert_eq!(page.matches("<li id=\"claim-").count(), 1_000);
    assert!(page.contains(&format!("<span class=\"count\">{n}</span>")), "the count is all");
    assert!(page.contains(&format!(
        "The first 1000 are listed, contradicted first; <a href=\"../../status.json\">status.json</a> lists all {n}."
    )));
    assert!(page.len() < 4 * line.len(), "{} bytes", page.len());
}
