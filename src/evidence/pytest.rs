//! pytest console output: the closing summary line and the lines that name
//! failed tests.
//!
//! The summary (`===== 48 passed, 2 failed, 3 skipped in 3.21s =====`, or the
//! bare `48 passed in 3.21s` of `pytest -q`) carries the counts; the
//! `short test summary info` section and verbose progress lines carry the
//! failures. A coverage table printed by `--cov` is `coverage.rs`'s to read.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{count, matching_lines};
use super::{Outcome, Reading, Tally};
use crate::model::{EvidenceFormat, EvidenceKind};

/// The closing summary line: counts (or `no tests ran`), then the duration.
static SUMMARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\s*=*\s*((?:\d+ (?:passed|failed|errors?|skipped|deselected|xfailed|xpassed",
        r"|warnings?|rerun)(?:, )?)+|no tests ran) in \d+(?:\.\d+)?\s*(?:s|seconds)\b.*$",
    ))
    .expect("valid regex")
});

/// One `N word` pair of a summary line.
static PAIR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d+) ([a-z]+)").expect("valid regex"));

/// Reads a pytest log, or `None` when the text has no pytest summary or header.
pub(super) fn read(text: &str) -> Option<Reading> {
    let mut tally = Tally::default();
    let mut found = false;
    for line in text.lines() {
        if let Some(caps) = SUMMARY.captures(line) {
            found = true;
            tally.add(summary_counts(&caps[1]));
        }
    }
    let failure_lines = matching_lines(text, is_failure_line);
    if found {
        return Some(Reading { failure_lines, ..Reading::tests(EvidenceFormat::Pytest, tally) });
    }
    // A log cut off before its summary (a cancelled CI job) is still pytest's;
    // it fails if it already shows a failure and is unknown otherwise.
    text.contains("test session starts").then(|| {
        let outcome = if failure_lines.is_empty() { Outcome::Unknown } else { Outcome::Fail };
        Reading {
            outcome,
            failure_lines,
            ..Reading::new(EvidenceFormat::Pytest, EvidenceKind::Test)
        }
    })
}

/// The counts of one summary line; `error`s count as failures, and expected
/// failures (`xfailed`), `deselected` and `warnings` count as nothing.
fn summary_counts(counts: &str) -> Tally {
    let mut tally = Tally::default();
    for caps in PAIR.captures_iter(counts) {
        let n = count(&caps[1]);
        let slot = match &caps[2] {
            "passed" => &mut tally.passed,
            "failed" | "error" | "errors" => &mut tally.failed,
            "skipped" => &mut tally.skipped,
            _ => continue,
        };
        *slot = slot.saturating_add(n);
    }
    tally
}

/// `FAILED`/`ERROR` lines of the short summary, verbose progress lines that
/// end in `FAILED`, and pytest-xdist's `[gw1] [ 50%] FAILED test_x.py::t`.
fn is_failure_line(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("FAILED ")
        || line.starts_with("ERROR ")
        || line.contains("] FAILED ")
        || line.contains("] ERROR ")
        || (line.contains("::") && (line.contains(" FAILED") || line.contains(" ERROR")))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A verbose run with failures, an error, skips and a coverage table.
    pub(crate) const FAILING_WITH_COVERAGE: &str = r"$ python -m pytest -v --cov=app --cov-report=term tests
============================= test session starts ==============================
platform linux -- Python 3.12.2, pytest-8.0.2, pluggy-1.4.0 -- /opt/venv/bin/python
cachedir: .pytest_cache
rootdir: /builds/ledger/api
configfile: pyproject.toml
plugins: cov-4.1.0, asyncio-0.23.5, xdist-3.5.0
asyncio: mode=Mode.STRICT
collecting ... collected 54 items

tests/test_accounts.py::test_open_account PASSED                         [  1%]
tests/test_accounts.py::test_close_account_with_balance_refused FAILED   [  3%]
tests/test_accounts.py::test_freeze_account SKIPPED (needs redis)        [  5%]
tests/test_ledger.py::test_double_entry_balances PASSED                  [  7%]
tests/test_ledger.py::test_reversal_links_original ERROR                 [  9%]
tests/test_ledger.py::test_idempotent_post XFAIL (bug #311)              [ 11%]
tests/test_ledger.py::test_export_csv FAILED                             [ 12%]

==================================== ERRORS ====================================
_______________ ERROR at setup of test_reversal_links_original ________________
    @pytest.fixture
    def posted_entry(db):
>       return post(db, Entry(amount=Decimal('10.00')))
E       sqlalchemy.exc.OperationalError: connection refused
tests/conftest.py:41: OperationalError
=================================== FAILURES ===================================
___________________ test_close_account_with_balance_refused ____________________
    def test_close_account_with_balance_refused(client):
        resp = client.post('/accounts/7/close')
>       assert resp.status_code == 409
E       assert 200 == 409
tests/test_accounts.py:58: AssertionError
_______________________________ test_export_csv ________________________________
E       AssertionError: header mismatch
tests/test_ledger.py:120: AssertionError

---------- coverage: platform linux, python 3.12.2-final-0 -----------
Name                     Stmts   Miss  Cover
--------------------------------------------
app/__init__.py              4      0   100%
app/accounts.py            120     18    85%
app/ledger.py              210     61    71%
--------------------------------------------
TOTAL                      334     79    76%

=========================== short test summary info ============================
FAILED tests/test_accounts.py::test_close_account_with_balance_refused - assert 200 == 409
FAILED tests/test_ledger.py::test_export_csv - AssertionError: header mismatch
ERROR tests/test_ledger.py::test_reversal_links_original - sqlalchemy.exc.OperationalError: connection refused
===== 2 failed, 48 passed, 3 skipped, 1 xfailed, 2 warnings, 1 error in 3.21s =====
";

    /// A quiet run on Windows with colour codes left in.
    pub(crate) const QUIET_WINDOWS: &str = "PS C:\\Users\\dev\\src\\shop> python -m pytest -q --color=yes\r
\x1b[32m.\x1b[0m\x1b[32m.\x1b[0m\x1b[32m.\x1b[0m\x1b[33ms\x1b[0m\x1b[32m.\x1b[0m\x1b[32m                                                   [100%]\x1b[0m\r
\x1b[33m============================== warnings summary ===============================\x1b[0m\r
tests\\test_cart.py::test_total\r
  C:\\Users\\dev\\src\\shop\\cart.py:12: DeprecationWarning: float money\r
\r
\x1b[32m4 passed\x1b[0m, \x1b[33m1 skipped\x1b[0m, \x1b[33m1 warning\x1b[0m\x1b[32m in 0.42s\x1b[0m\r
";

    /// A collection error stops the run before any test.
    pub(crate) const COLLECTION_ERROR: &str = r"============================= test session starts ==============================
platform darwin -- Python 3.11.7, pytest-7.4.4, pluggy-1.3.0
rootdir: /Users/ana/work/etl
collected 0 items / 1 error

==================================== ERRORS ====================================
____________________ ERROR collecting tests/test_loader.py _____________________
ImportError while importing test module '/Users/ana/work/etl/tests/test_loader.py'.
E   ModuleNotFoundError: No module named 'pyarrow'
=========================== short test summary info ============================
ERROR tests/test_loader.py
!!!!!!!!!!!!!!!!!!!! Interrupted: 1 error during collection !!!!!!!!!!!!!!!!!!!!
=============================== 1 error in 0.31s ===============================
";

    /// A run that selected nothing.
    pub(crate) const NO_TESTS: &str = r"============================= test session starts ==============================
platform linux -- Python 3.12.2, pytest-8.0.2, pluggy-1.4.0
rootdir: /srv/app
collected 12 items / 12 deselected / 0 selected

=========================== 12 deselected in 0.02s ============================
";

    /// A pytest-xdist run, cut off by a cancelled CI job before its summary.
    pub(crate) const XDIST_TRUNCATED: &str = r"============================= test session starts ==============================
platform linux -- Python 3.12.2, pytest-8.0.2, pluggy-1.4.0
plugins: xdist-3.5.0
4 workers [120 items]
scheduling tests via LoadScheduling

[gw0] [  0%] PASSED tests/test_api.py::test_health
[gw2] [  1%] FAILED tests/test_api.py::test_rate_limit
[gw1] [  2%] PASSED tests/test_api.py::test_login
##[error]The operation was canceled.
";

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] =
        &[FAILING_WITH_COVERAGE, QUIET_WINDOWS, COLLECTION_ERROR, NO_TESTS, XDIST_TRUNCATED];

    #[test]
    fn counts_errors_as_failures_and_ignores_xfailed_and_warnings() {
        let reading = read(FAILING_WITH_COVERAGE).unwrap();
        assert_eq!(reading.format.as_str(), "pytest");
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(48), Some(3), Some(3)));
    }

    #[test]
    fn marks_progress_and_short_summary_failures() {
        let reading = read(FAILING_WITH_COVERAGE).unwrap();
        assert_eq!(reading.failure_lines, vec![12, 15, 17, 47, 48, 49]);
    }

    #[test]
    fn reads_quiet_summary_without_rules() {
        let clean = crate::evidence::lines::strip_ansi(QUIET_WINDOWS);
        let reading = read(&clean).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(4), Some(0), Some(1)));
        assert!(reading.failure_lines.is_empty());
    }

    #[test]
    fn collection_error_fails_the_run() {
        let reading = read(COLLECTION_ERROR).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed), (Some(0), Some(1)));
        assert_eq!(reading.failure_lines, vec![11]);
    }

    #[test]
    fn nothing_run_is_unknown() {
        assert_eq!(read(NO_TESTS).unwrap().outcome, Outcome::Unknown);
        let none_ran = "======================== no tests ran in 0.01s ========================";
        assert_eq!(read(none_ran).unwrap().outcome, Outcome::Unknown);
    }

    #[test]
    fn truncated_run_with_a_failure_fails_without_figures() {
        let reading = read(XDIST_TRUNCATED).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.passed, None);
        assert_eq!(reading.failure_lines, vec![8]);
    }

    #[test]
    fn sums_summaries_of_consecutive_runs() {
        let two = "==== 10 passed in 1.00s ====\n$ pytest integration\n==== 1 failed, 4 passed in 9.50s (0:00:09) ====\n";
        let reading = read(two).unwrap();
        assert_eq!((reading.passed, reading.failed), (Some(14), Some(1)));
        assert_eq!(reading.outcome, Outcome::Fail);
    }

    #[test]
    fn ignores_logs_of_other_runners() {
        assert_eq!(
            read(
                "test result: ok. 29 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.06s"
            ),
            None
        );
        assert_eq!(read("Result: 9 passed, 0 failed."), None);
        assert_eq!(read("      Tests  2 failed | 61 passed (63)"), None);
    }
}
