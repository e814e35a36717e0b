//! pytest console output: one run per session, closed by its summary line,
//! and the lines that name failed tests.
//!
//! The summary (`===== 48 passed, 2 failed, 3 skipped in 3.21s =====`, or the
//! bare `48 passed, 1 warning in 3.21s` of `pytest -q`) carries a run's counts
//! and seconds; `test session starts` opens a run, so a log of several runs (a
//! rerun after a fix, a `--cov` run after a plain one) keeps each. A run that
//! stopped at collection (`ERROR collecting …`, `Interrupted: 1 error during
//! collection`) fails; one in which no test ran (`no tests ran`, every test
//! deselected or skipped) is unknown; one cut off before its summary fails if
//! it already shows a failure and is unknown otherwise. The `short test
//! summary info` section and verbose progress lines carry the failures; a
//! coverage table printed by `--cov` gives the run's percent.

use regex::Regex;

use super::coverage;
use super::lines::{count, matching_lines};
use super::plain::{Log, seconds};
use super::{Outcome, Reading, Tally};
use crate::model::{EvidenceFormat, EvidenceKind, Run};
use crate::text::Prefixed;
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// The closing summary line: counts (or `no tests ran`), then the duration.
static SUMMARY: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^\s*=*\s*((?:\d+ (?:passed|failed|errors?|skipped|deselected|xfailed|xpassed",
        r"|warnings?|reruns?|tests? collected)(?:, )?)+|no tests ran|no tests collected)",
        r" in (\d+(?:\.\d+)?)\s*(s|seconds)\b.*$",
    ))
    .expect("valid regex")
});

/// The header that opens a session.
static SESSION: Prefixed = Prefixed::after_blanks("=", r"^\s*=+ test session starts =+\s*$");

/// A sign that the session stopped while collecting tests.
static COLLECTION_STOP: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^(?:_* ?ERROR collecting \S|!*\s*Interrupted: \d+ errors? during collection",
        r"|collected \d+ items? / \d+ errors?)",
    ))
    .expect("valid regex")
});

/// A verbose progress line: `tests/test_api.py::test_login PASSED [ 50%]`, or
/// pytest-xdist's `[gw1] [ 50%] FAILED tests/test_api.py::test_login`.
static PROGRESS: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^(?:\S+\.py::\S.*\s(?:PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)\b",
        r"|\[gw\d+\] \[\s*\d+%\] (?:PASSED|FAILED|ERROR|SKIPPED) \S+\.py::)",
    ))
    .expect("valid regex")
});

/// One `N word` pair of a summary line.
static PAIR: WordRegex = WordRegex::new(|| Regex::new(r"(\d+) ([a-z]+)").expect("valid regex"));

/// Reads a pytest log with any other runner's runs in it, or `None` when the
/// text has no pytest summary or session header.
#[cfg(test)]
pub(super) fn read(text: &str) -> Option<Reading> {
    super::plain::read_runners(super::plain::Runner::Pytest, text)
}

/// What is known of a session before its summary.
struct Session {
    /// Its first line.
    start: usize,
    /// Whether it opened with `test session starts`.
    header: bool,
    /// Whether it stopped at collection.
    collection: bool,
    /// Whether it was interrupted (`KeyboardInterrupt`).
    interrupted: bool,
    /// Whether verbose progress lines showed tests running.
    progress: bool,
}

impl Session {
    /// A session from line `start`.
    fn new(start: usize, header: bool) -> Session {
        Session { start, header, collection: false, interrupted: false, progress: false }
    }

    /// Whether it shows pytest ran, though no summary closed it.
    fn shows_pytest(&self) -> bool {
        self.header || self.collection || self.progress
    }
}

/// The pytest runs of a log, or `None` when it has none.
pub(super) fn runs(log: &Log<'_>) -> Option<Reading> {
    let text = log.text();
    let mut runs = Vec::new();
    let mut open: Option<Session> = None;
    let mut prev_end = 0;
    for (i, line) in log.lines().iter().enumerate() {
        let n = i + 1;
        // A summary has a digit or `no` after its `=`s: most lines do not.
        let counts = line.trim_start().trim_start_matches('=').trim_start();
        let summary = counts.starts_with(|c: char| c.is_numeric() || c == 'n');
        if SESSION.is_match(line) {
            if let Some(session) = open.take().filter(Session::shows_pytest) {
                runs.push(cut_off(session, n - 1, log));
            }
            open = Some(Session::new(n, true));
        } else if let Some(caps) = summary.then(|| captures(&SUMMARY, line)).flatten() {
            let session = open.take().unwrap_or_else(|| Session::new(prev_end + 1, false));
            let secs = seconds(&caps[2], &caps[3]);
            runs.push(summarised(session, n, &caps[1], secs, log));
            prev_end = n;
        } else {
            let trimmed = line.trim_start_matches(['!', ' ']);
            let stop = trimmed.trim_start_matches('_');
            let collection = stop
                .starts_with(|c: char| c.is_whitespace() || matches!(c, '!' | 'E' | 'I' | 'c'))
                && COLLECTION_STOP.is_match(stop);
            let interrupted = trimmed.starts_with("KeyboardInterrupt");
            let progress = line.contains(".py::") && PROGRESS.is_match(line.trim_start());
            if collection || interrupted || progress {
                let session = open.get_or_insert_with(|| Session::new(prev_end + 1, false));
                session.collection |= collection;
                session.interrupted |= interrupted;
                session.progress |= progress;
            }
        }
    }
    if let Some(session) = open.filter(Session::shows_pytest) {
        runs.push(cut_off(session, log.lines().len().max(1), log));
    }
    if runs.is_empty() {
        return None;
    }
    let mut reading = Reading::of_runs(EvidenceFormat::Pytest, EvidenceKind::Test, runs);
    reading.failure_lines = matching_lines(text, is_failure_line);
    Some(reading)
}

/// A run closed by its summary line at `end`.
fn summarised(session: Session, end: usize, counts: &str, secs: Option<f64>, log: &Log) -> Run {
    let (tally, reruns, collected_only) = summary_counts(counts);
    let mut run = tally.run("pytest", session.start, end);
    run.seconds = secs;
    run.coverage_percent = coverage::total(log.span(session.start, end));
    let note = if session.collection {
        run.outcome = Outcome::Fail;
        Some("stopped at collection".to_string())
    } else if tally.failed > 0 {
        None
    } else if session.interrupted {
        // Ctrl-C prints a summary of what ran so far: not a result.
        run.outcome = Outcome::Unknown;
        run.complete = false;
        Some("interrupted before every test ran".to_string())
    } else if tally.passed == 0 {
        let why = if collected_only {
            "tests collected only; no test ran"
        } else if tally.skipped > 0 {
            "every test was skipped; no test ran"
        } else {
            "no test ran"
        };
        Some(why.to_string())
    } else if reruns > 0 {
        let s = if reruns == 1 { "" } else { "s" };
        Some(format!("passed after {reruns} rerun{s}"))
    } else {
        None
    };
    run.note = note;
    run
}

/// A run that never reached its summary: it fails if it stopped at
/// collection or already shows a failure, and is unknown otherwise.
fn cut_off(session: Session, end: usize, log: &Log) -> Run {
    let end = end.max(session.start);
    let failed = session.collection || log.span(session.start, end).lines().any(is_failure_line);
    let outcome = if failed { Outcome::Fail } else { Outcome::Unknown };
    let note = if session.collection {
        "stopped at collection"
    } else if session.interrupted {
        "interrupted before its summary"
    } else {
        "cut off before its summary"
    };
    Run {
        start_line: session.start,
        end_line: end,
        complete: session.collection,
        note: Some(note.to_string()),
        coverage_percent: coverage::total(log.span(session.start, end)),
        ..Run::new("pytest", outcome, end)
    }
}

/// The counts of one summary line, how many reruns it reports, and whether it
/// only collected tests. `error`s count as failures; expected failures
/// (`xfailed`), `deselected` and `warnings` count as nothing.
fn summary_counts(counts: &str) -> (Tally, u64, bool) {
    let mut tally = Tally::default();
    let mut reruns = 0u64;
    for caps in PAIR.captures_iter(counts) {
        let n = count(&caps[1]);
        let slot = match &caps[2] {
            "passed" => &mut tally.passed,
            "failed" | "error" | "errors" => &mut tally.failed,
            "skipped" => &mut tally.skipped,
            "rerun" | "reruns" => &mut reruns,
            _ => continue,
        };
        *slot = slot.saturating_add(n);
    }
    (tally, reruns, counts.contains("collected"))
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

    /// A failing session, a fix, and a passing rerun of the same suite.
    pub(crate) const RERUN_AFTER_FIX: &str = r"$ pytest -q tests
..F.........                                                             [100%]
=================================== FAILURES ===================================
_____________________________ test_refund_rounds ______________________________
    def test_refund_rounds():
>       assert refund(Decimal('10.005')) == Decimal('10.01')
E       AssertionError: assert Decimal('10.00') == Decimal('10.01')
tests/test_refunds.py:22: AssertionError
=========================== short test summary info ============================
FAILED tests/test_refunds.py::test_refund_rounds - AssertionError: assert Decimal('10.00') == Decimal('10.01')
1 failed, 11 passed in 0.84s
$ git diff --stat
 app/refunds.py | 2 +-
$ pytest -q tests
............                                                             [100%]
12 passed in 0.79s
";

    /// A backend pytest session then a frontend vitest run, as one CI job's log.
    pub(crate) const BACKEND_THEN_FRONTEND: &str = r"== backend ==
$ cd backend && python -m pytest
============================= test session starts ==============================
platform linux -- Python 3.12.3, pytest-8.2.0, pluggy-1.5.0
rootdir: /home/runner/work/shop/shop/backend
collected 31 items

tests/test_orders.py ..........                                          [ 32%]
tests/test_payments.py .....................                             [100%]

============================== 31 passed in 2.40s ==============================
== frontend ==
$ cd ../frontend && npm test

> frontend@0.4.2 test
> vitest run

 RUN  v2.0.5 /home/runner/work/shop/shop/frontend

 ✓ src/cart.test.ts (6 tests) 14ms
 ❯ src/checkout.test.ts (4 tests | 1 failed) 41ms
   × checkout > rejects an expired card
 ✓ src/price.test.ts (9 tests) 6ms

 Test Files  1 failed | 2 passed (3)
      Tests  1 failed | 18 passed (19)
   Start at  10:42:07
   Duration  1.32s (transform 88ms, setup 0ms, collect 201ms, tests 61ms, environment 0ms, prepare 97ms)
";

    /// A plain session, then the same suite again with coverage.
    pub(crate) const PLAIN_THEN_COVERAGE: &str = "PS C:\\src\\api> pytest\r
============================= test session starts =============================\r
platform win32 -- Python 3.11.9, pytest-8.1.1, pluggy-1.5.0\r
rootdir: C:\\src\\api\r
collected 20 items\r
\r
tests\\test_api.py ....................                                  [100%]\r
\r
============================= 20 passed in 1.12s ==============================\r
PS C:\\src\\api> pytest --cov=api --cov-report=term\r
============================= test session starts =============================\r
platform win32 -- Python 3.11.9, pytest-8.1.1, pluggy-1.5.0\r
rootdir: C:\\src\\api\r
plugins: cov-5.0.0\r
collected 20 items\r
\r
tests\\test_api.py ....................                                  [100%]\r
\r
---------- coverage: platform win32, python 3.11.9-final-0 -----------\r
Name              Stmts   Miss  Cover\r
-------------------------------------\r
api\\__init__.py      2      0   100%\r
api\\routes.py      140     23    84%\r
-------------------------------------\r
TOTAL               142     23    84%\r
\r
============================= 20 passed in 2.31s ==============================\r
";

    /// A session whose log was cut off by a CI timeout, no failure shown yet.
    pub(crate) const CUT_OFF: &str = r"============================= test session starts ==============================
platform linux -- Python 3.12.2, pytest-8.0.2, pluggy-1.4.0
collected 212 items

tests/test_import.py ........................................            [ 18%]
tests/test_sync.py ..............
Error: The action has timed out.
";

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] = &[
        FAILING_WITH_COVERAGE,
        QUIET_WINDOWS,
        COLLECTION_ERROR,
        NO_TESTS,
        XDIST_TRUNCATED,
        RERUN_AFTER_FIX,
        BACKEND_THEN_FRONTEND,
        PLAIN_THEN_COVERAGE,
        CUT_OFF,
    ];

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
        assert_eq!(reading.note.as_deref(), Some("stopped at collection"));
    }

    #[test]
    fn collection_stop_fails_in_every_wording() {
        // No error count in the summary, only the interruption.
        let interrupted = "============================= test session starts ==============================\n\
            collected 0 items / 1 error\n\
            !!!!!!!!!!!!!!!!!!!! Interrupted: 1 error during collection !!!!!!!!!!!!!!!!!!!!\n\
            ============================ no tests ran in 0.12s =============================\n";
        let reading = read(interrupted).unwrap();
        assert_eq!(
            (reading.outcome, reading.note.as_deref()),
            (Outcome::Fail, Some("stopped at collection"))
        );
        // Cut right after the interruption, with CRLF line ends.
        let cut = "============================= test session starts ==============================\r\n\
            ________________ ERROR collecting tests/unit/test_parser.py ________________\r\n\
            E   SyntaxError: invalid syntax\r\n";
        let reading = read(cut).unwrap();
        assert_eq!(
            (reading.outcome, reading.note.as_deref()),
            (Outcome::Fail, Some("stopped at collection"))
        );
        // `-q` prints no header: the summary closes the run that stopped.
        let quiet = "ERROR tests/test_models.py\n!!! Interrupted: 2 errors during collection !!!\n2 errors in 0.44s\n";
        let reading = read(quiet).unwrap();
        assert_eq!((reading.outcome, reading.failed), (Outcome::Fail, Some(2)));
        assert_eq!(reading.note.as_deref(), Some("stopped at collection"));
    }

    #[test]
    fn nothing_run_is_unknown() {
        let reading = read(NO_TESTS).unwrap();
        assert_eq!(
            (reading.outcome, reading.note.as_deref()),
            (Outcome::Unknown, Some("no test ran"))
        );
        let none_ran = "======================== no tests ran in 0.01s ========================";
        let reading = read(none_ran).unwrap();
        assert_eq!(
            (reading.outcome, reading.note.as_deref()),
            (Outcome::Unknown, Some("no test ran"))
        );
        let zero = "============================= test session starts ==============================\n\
            collected 0 items\n\n\
            ============================ no tests ran in 0.01s =============================\n";
        assert_eq!(read(zero).unwrap().note.as_deref(), Some("no test ran"));
        let skipped =
            "sss                                                  [100%]\n3 skipped in 0.02s\n";
        let reading = read(skipped).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.note.as_deref(), Some("every test was skipped; no test ran"));
        let collect_only =
            "==================== 14 tests collected in 0.03s ====================\n";
        assert_eq!(read(collect_only).unwrap().outcome, Outcome::Unknown);
    }

    #[test]
    fn quiet_summary_with_warnings_and_reruns() {
        let reading = read("12 passed, 1 warning in 0.50s\n").unwrap();
        assert_eq!(
            (reading.outcome, reading.passed, reading.failed),
            (Outcome::Pass, Some(12), Some(0))
        );
        let flaky = "..R.R......\n11 passed, 2 rerun in 3.10s\n";
        let reading = read(flaky).unwrap();
        assert_eq!((reading.outcome, reading.passed), (Outcome::Pass, Some(11)));
        assert_eq!(reading.note.as_deref(), Some("passed after 2 reruns"));
        let still_failing = "=== 1 failed, 10 passed, 3 rerun in 4.20s ===\n";
        assert_eq!(read(still_failing).unwrap().outcome, Outcome::Fail);
        let old = "=========== 3 passed, 1 xfailed in 0.12 seconds ===========\n";
        assert_eq!(read(old).unwrap().passed, Some(3));
    }

    #[test]
    fn keyboard_interrupt_is_not_a_pass() {
        let log = "============================= test session starts ==============================\n\
            collected 40 items\n\n\
            tests/test_slow.py .......\n\
            !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!! KeyboardInterrupt !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
            /usr/lib/python3.12/selectors.py:468: KeyboardInterrupt\n\
            ============================== 7 passed in 9.02s ===============================\n";
        let reading = read(log).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.note.as_deref(), Some("interrupted before every test ran"));
        assert!(!reading.runs[0].complete);
    }

    #[test]
    fn cut_off_session_is_unknown_with_a_note() {
        let reading = read(CUT_OFF).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.note.as_deref(), Some("cut off before its summary"));
        assert_eq!(reading.passed, None);
        let run = &reading.runs[0];
        assert_eq!((run.start_line, run.end_line, run.complete), (1, 7, false));
    }

    #[test]
    fn progress_lines_alone_are_a_cut_off_run() {
        let fragment = "tests/test_a.py::test_one PASSED\r\ntests/test_a.py::test_two FAILED\r\n";
        let reading = read(fragment).unwrap();
        assert_eq!((reading.outcome, reading.passed), (Outcome::Fail, None));
        let passing = "tests/test_a.py::test_one PASSED                  [ 50%]\n";
        let reading = read(passing).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.note.as_deref(), Some("cut off before its summary"));
    }

    #[test]
    fn rerun_after_a_fix_replaces_the_failing_run() {
        let reading = read(RERUN_AFTER_FIX).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed), (Some(12), Some(0)));
        assert_eq!(reading.runs.len(), 2);
        let (first, second) = (&reading.runs[0], &reading.runs[1]);
        assert_eq!(
            (first.outcome, first.failed, first.seconds),
            (Outcome::Fail, Some(1), Some(0.84))
        );
        assert_eq!((first.start_line, first.end_line), (1, 11));
        assert_eq!(
            (second.outcome, second.seconds, second.end_line),
            (Outcome::Pass, Some(0.79), 16)
        );
        assert_eq!(first.scope, second.scope);
        // The failing run's lines stay marked: they are in the file.
        assert_eq!(reading.failure_lines, vec![10]);
    }

    #[test]
    fn a_quiet_rerun_in_nested_test_folders_still_replaces_the_failing_run() {
        let log = RERUN_AFTER_FIX.replace("tests/test_refunds.py", "tests/unit/test_refunds.py");
        let reading = read(&log).unwrap();
        assert_eq!((reading.outcome, reading.runs.len()), (Outcome::Pass, 2));
        assert_eq!(reading.runs[0].scope, reading.runs[1].scope);
    }

    #[test]
    fn sessions_of_different_test_folders_are_not_reruns() {
        let session = |files: &str, summary: &str| {
            format!(
                "============================= test session starts ==============================\n{files}\n======== {summary} ========\n"
            )
        };
        let log = session("tests/unit/test_money.py ...F", "1 failed, 3 passed in 0.20s")
            + &session("tests/integration/test_api.py ..", "2 passed in 1.10s");
        let reading = read(&log).unwrap();
        assert_eq!(
            (reading.outcome, reading.passed, reading.failed),
            (Outcome::Fail, Some(5), Some(1))
        );
    }

    #[test]
    fn a_rerun_that_still_fails_fails() {
        let log = RERUN_AFTER_FIX.replace("12 passed in 0.79s", "1 failed, 11 passed in 0.80s");
        assert_eq!(read(&log).unwrap().outcome, Outcome::Fail);
    }

    #[test]
    fn suites_of_one_log_keep_their_own_runs_and_scopes() {
        let reading = read(BACKEND_THEN_FRONTEND).unwrap();
        assert_eq!(reading.format.as_str(), "pytest");
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed), (Some(49), Some(1)));
        let runs: Vec<(&str, Option<&str>, Outcome)> = reading
            .runs
            .iter()
            .map(|r| (r.suite.as_str(), r.scope.as_deref(), r.outcome))
            .collect();
        assert_eq!(
            runs,
            [
                ("pytest", Some("backend"), Outcome::Pass),
                ("vitest", Some("frontend"), Outcome::Fail)
            ]
        );
        assert_eq!(reading.runs[0].seconds, Some(2.4));
        assert_eq!(reading.runs[1].seconds, Some(1.32));
        assert_eq!(reading.failure_lines, vec![22]);
        let crlf = BACKEND_THEN_FRONTEND.replace('\n', "\r\n");
        let reading = read(&crlf).unwrap();
        assert_eq!(
            (reading.outcome, reading.passed, reading.failed),
            (Outcome::Fail, Some(49), Some(1))
        );
    }

    #[test]
    fn coverage_run_after_a_plain_one_is_a_rerun_with_its_percent() {
        let reading = read(PLAIN_THEN_COVERAGE).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed), (Some(20), Some(0)));
        assert_eq!(reading.coverage_percent, Some(84.0));
        assert_eq!(reading.runs.len(), 2);
        assert_eq!(reading.runs[0].coverage_percent, None);
        assert_eq!(reading.runs[1].coverage_percent, Some(84.0));
    }

    #[test]
    fn sessions_on_different_parts_are_summed() {
        let log = "$ pytest backend/tests\n==== 40 passed in 3.00s ====\n\
                   $ pytest services/auth/tests\n==== 1 failed, 9 passed in 1.00s ====\n";
        let reading = read(log).unwrap();
        assert_eq!(
            (reading.passed, reading.failed, reading.outcome),
            (Some(49), Some(1), Outcome::Fail)
        );
        let scopes: Vec<Option<&str>> = reading.runs.iter().map(|r| r.scope.as_deref()).collect();
        assert_eq!(scopes, [Some("backend"), Some("auth")]);
        // Test paths in the output name the part when no command does.
        let verbose = "backend/tests/test_api.py::test_health PASSED\n1 passed in 0.1s\n";
        assert_eq!(read(verbose).unwrap().runs[0].scope.as_deref(), Some("backend"));
    }

    #[test]
    fn truncated_run_with_a_failure_fails_without_figures() {
        let reading = read(XDIST_TRUNCATED).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.passed, None);
        assert_eq!(reading.failure_lines, vec![8]);
    }

    #[test]
    fn sums_summaries_of_runs_on_different_paths() {
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
        assert_eq!(read("  7 passed (20.2s)"), None);
        assert_eq!(read("ok  \tgithub.com/acme/ledger/money\t0.012s"), None);
        assert_eq!(read("The tests passed in 3 seconds yesterday."), None);
    }
}
