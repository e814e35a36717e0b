//! vitest and jest output: the console summaries and jest's `--json` report
//! (which vitest's `json` reporter copies).
//!
//! vitest closes a run with ` Test Files  1 failed | 7 passed (8)` and
//! `      Tests  2 failed | 61 passed (63)`; jest with `Test Suites: …` and
//! `Tests:       2 failed, 1 skipped, 61 passed, 64 total`. Each such summary
//! closes one run (a watch-mode `RERUN`, a second `npm test`, a frontend
//! suite after a backend one). The figures come from the `Tests` line; a test
//! file or suite that failed to run (`Test Files  1 failed` over `Tests  20
//! passed`) fails the run too, as does vitest's `Errors  1 error`. A run that
//! found no test file is unknown. `✓` lines are passing tests; `×`, `✗`, `✕`
//! and `FAIL` lines are failures.

use regex::Regex;
use serde_json::Value;

use super::coverage;
use super::lines::{count, epoch_date, matching_lines};
use super::plain::{Log, seconds};
use super::{Outcome, Reading, Tally};
use crate::model::{EvidenceFormat, EvidenceKind, Run};
use crate::text::Prefixed;
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// vitest's tests line: `Tests  2 failed | 61 passed (63)`.
static VITEST_TESTS: Prefixed =
    Prefixed::after_blanks("Tests", r"^\s*Tests\s+((?:\d+ [a-z]+(?: \| )?)+)\s*\(\d+\)");

/// vitest's tests line when no test ran: `Tests  no tests`.
static VITEST_NO_TESTS: Prefixed = Prefixed::after_blanks("Tests", r"^\s*Tests\s+no tests\s*$");

/// vitest's files line: `Test Files  1 failed | 2 passed (3)`.
static VITEST_FILES: Prefixed =
    Prefixed::after_blanks("Test Files", r"^\s*Test Files\s+((?:\d+ [a-z]+(?: \| )?)+)\s*\(\d+\)");

/// vitest's header over a run or a watch-mode rerun: ` RUN  v1.6.0 /srv/web`,
/// ` RERUN  src/cart.ts x2`.
static VITEST_START: WordRegex =
    WordRegex::new(|| Regex::new(r"^\s*(?:RUN\s+v\d|RERUN\s)").expect("valid regex"));

/// vitest's count of errors outside tests: `Errors  1 error`.
static VITEST_ERRORS: Prefixed = Prefixed::after_blanks("Errors", r"^\s*Errors\s+(\d+) errors?\b");

/// How long a vitest or jest run took: `Duration  2.41s (transform …)`,
/// `Time:        7.129 s`.
static DURATION: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*(?:Duration\s+|Time:\s+)(\d+(?:\.\d+)?)\s*(ms|s|m)\b").expect("valid regex")
});

/// jest's tests line: `Tests:       2 failed, 1 skipped, 61 passed, 64 total`.
static JEST_TESTS: Prefixed =
    Prefixed::after_blanks("Tests:", r"^\s*Tests:\s+((?:\d+ [a-z]+,\s*)*)\d+ total");

/// jest's suites line: `Test Suites: 1 failed, 2 passed, 3 total`.
static JEST_SUITES: Prefixed =
    Prefixed::after_blanks("Test Suites:", r"^\s*Test Suites:\s+((?:\d+ [a-z]+,\s*)*)\d+ total");

/// jest's line for a test file as it finishes: `PASS src/a.test.js`.
static JEST_FILE: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(?:PASS|FAIL) \S+\.(?:test|spec)\.[cm]?[jt]sx?\b").expect("valid regex")
});

/// One `N word` count of either summary.
static PAIR: WordRegex = WordRegex::new(|| Regex::new(r"(\d+) ([a-z]+)").expect("valid regex"));

/// Reads a vitest or jest console log with any other runner's runs in it, or
/// `None` when the text is neither.
#[cfg(test)]
pub(super) fn read(text: &str) -> Option<Reading> {
    super::plain::read_runners(super::plain::Runner::Js, text)
}

/// The runner a run's lines belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Js {
    /// vitest.
    Vitest,
    /// jest.
    Jest,
}

impl Js {
    /// Its suite name.
    fn suite(self) -> &'static str {
        match self {
            Js::Vitest => "vitest",
            Js::Jest => "jest",
        }
    }
}

/// A run read up to its tests line.
struct Open {
    /// Its first line.
    start: usize,
    /// Its runner.
    runner: Js,
    /// Test files (vitest) or suites (jest) that failed.
    files_failed: u64,
}

/// The vitest and jest runs of a log, or `None` when it has none.
pub(super) fn runs(log: &Log<'_>) -> Option<Reading> {
    let text = log.text();
    let mut runs: Vec<Run> = Vec::new();
    let mut open: Option<Open> = None;
    let mut prev_end = 0;
    // Whether the lines after the last run's summary still belong to it.
    let mut after_summary = false;
    for (i, line) in log.lines().iter().enumerate() {
        let n = i + 1;
        // The patterns that are not `Prefixed` test the first letter first.
        let jest_file = line.starts_with(['P', 'F']) && JEST_FILE.is_match(line);
        let vitest_start = line.trim_start().starts_with('R') && VITEST_START.is_match(line);
        if vitest_start || (jest_file && open.is_none()) {
            if let Some(cut) = open.take() {
                runs.push(cut_off(cut, n - 1, log));
            }
            let runner = if jest_file { Js::Jest } else { Js::Vitest };
            open = Some(Open { start: n, runner, files_failed: 0 });
            after_summary = false;
        } else if let Some(caps) = VITEST_FILES.captures(line) {
            open_as(&mut open, Js::Vitest, prev_end + 1).files_failed = counts(&caps[1]).failed;
        } else if let Some(caps) = JEST_SUITES.captures(line) {
            open_as(&mut open, Js::Jest, prev_end + 1).files_failed = counts(&caps[1]).failed;
        } else if let Some((tally, runner)) = VITEST_TESTS
            .captures(line)
            .map(|c| (counts(&c[1]), Js::Vitest))
            .or_else(|| VITEST_NO_TESTS.is_match(line).then(|| (Tally::default(), Js::Vitest)))
            .or_else(|| JEST_TESTS.captures(line).map(|c| (counts(&c[1]), Js::Jest)))
        {
            open_as(&mut open, runner, prev_end + 1);
            if let Some(run) = open.take() {
                runs.push(summarised(run, n, tally));
            }
            prev_end = n;
            after_summary = true;
        } else if line.contains("No test files found") || line.starts_with("No tests found") {
            let runner = if line.starts_with("No tests found") { Js::Jest } else { Js::Vitest };
            let start = open.take().map_or(prev_end + 1, |o| o.start);
            let what = if runner == Js::Jest { "no test found" } else { "no test files found" };
            runs.push(Run {
                start_line: start,
                note: Some(what.to_string()),
                ..Run::new(runner.suite(), Outcome::Unknown, n)
            });
            prev_end = n;
            after_summary = false;
        } else if let (true, Some(last)) = (after_summary, runs.last_mut()) {
            if let Some(caps) = captures(&DURATION, line) {
                last.seconds = seconds(&caps[1], &caps[2]);
            } else if let Some(caps) = VITEST_ERRORS.captures(line) {
                let errors = count(&caps[1]);
                if errors > 0 {
                    let s = if errors == 1 { "" } else { "s" };
                    last.outcome = Outcome::Fail;
                    last.note = Some(format!("{errors} unhandled error{s} outside tests"));
                }
            }
        }
    }
    if let Some(cut) = open.take() {
        runs.push(cut_off(cut, log.lines().len().max(1), log));
    }
    if runs.is_empty() {
        return None;
    }
    // A coverage table is printed before jest's summary and after vitest's:
    // each run takes the last total up to the next run.
    let starts: Vec<usize> = runs.iter().map(|r| r.start_line).skip(1).collect();
    for (run, next) in runs.iter_mut().zip(starts.into_iter().map(Some).chain([None])) {
        let end = next.map_or(log.lines().len(), |s| s.saturating_sub(1));
        run.coverage_percent = coverage::total(log.span(run.start_line, end));
    }
    let format = match runs.first().map(|r| r.suite.as_str()) {
        Some("jest") => EvidenceFormat::Jest,
        _ => EvidenceFormat::Vitest,
    };
    let mut reading = Reading::of_runs(format, EvidenceKind::Test, runs);
    reading.failure_lines = matching_lines(text, is_failure_line);
    Some(reading)
}

/// The open run, made a run of `runner` (from `start` when none was open).
fn open_as(open: &mut Option<Open>, runner: Js, start: usize) -> &mut Open {
    let run = open.get_or_insert(Open { start, runner, files_failed: 0 });
    run.runner = runner;
    run
}

/// A run closed by its tests line at `end`.
fn summarised(open: Open, end: usize, tally: Tally) -> Run {
    let mut run = tally.run(open.runner.suite(), open.start, end);
    if open.files_failed > 0 && tally.failed == 0 {
        // A file that failed to load ran no test, so no test failed; the run did.
        let what = if open.runner == Js::Jest { "test suite" } else { "test file" };
        let s = if open.files_failed == 1 { "" } else { "s" };
        run.failed = Some(open.files_failed);
        run.outcome = Outcome::Fail;
        run.note = Some(format!("{} {what}{s} failed to run", open.files_failed));
    } else if run.outcome == Outcome::Unknown {
        run.note = Some("no test ran".to_string());
    }
    run
}

/// A run that never printed its tests line: it fails if it already shows a
/// failure, and is unknown otherwise.
fn cut_off(open: Open, end: usize, log: &Log<'_>) -> Run {
    let end = end.max(open.start);
    let failed = open.files_failed > 0 || log.span(open.start, end).lines().any(is_failure_line);
    Run {
        start_line: open.start,
        complete: false,
        note: Some("cut off before its summary".to_string()),
        ..Run::new(open.runner.suite(), if failed { Outcome::Fail } else { Outcome::Unknown }, end)
    }
}

/// The counts of a tests line; `todo` tests count as skipped.
fn counts(pairs: &str) -> Tally {
    let mut tally = Tally::default();
    for caps in PAIR.captures_iter(pairs) {
        let n = count(&caps[1]);
        let slot = match &caps[2] {
            "passed" => &mut tally.passed,
            "failed" => &mut tally.failed,
            "skipped" | "todo" | "pending" => &mut tally.skipped,
            _ => continue,
        };
        *slot = slot.saturating_add(n);
    }
    tally
}

/// A failed test (`×`, `✗`, `✕`), a failed file (`FAIL`), or jest's `●`
/// header over a failure's details (but not over captured console output).
fn is_failure_line(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with('×')
        || line.starts_with('✗')
        || line.starts_with('✕')
        || line.starts_with("FAIL ")
        || (line.starts_with("● ") && !line.starts_with("● Console"))
}

/// Reads jest's `--json` report, or `None` when the value is not one.
pub(super) fn read_json(value: &Value) -> Option<Reading> {
    let number = |key: &str| value.get(key).and_then(Value::as_u64);
    let total = number("numTotalTests")?;
    let tally = Tally {
        passed: number("numPassedTests")?,
        failed: number("numFailedTests").unwrap_or(0),
        skipped: number("numPendingTests")
            .unwrap_or(0)
            .saturating_add(number("numTodoTests").unwrap_or(0)),
    };
    let mut reading = Reading::tests(EvidenceFormat::Jest, tally);
    // A suite that fails to load fails the run without failing a test.
    let suites_failed = number("numFailedTestSuites").unwrap_or(0) > 0
        || number("numRuntimeErrorTestSuites").unwrap_or(0) > 0;
    if value.get("success") == Some(&Value::Bool(false)) || suites_failed {
        reading.outcome = Outcome::Fail;
    } else if total == 0 {
        reading.outcome = Outcome::Unknown;
    }
    reading.date =
        value.get("startTime").and_then(Value::as_f64).and_then(|ms| epoch_date(ms / 1000.0));
    Some(reading)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    // See: issue 9. Two suite counts at u64::MAX were added and overflowed.
    #[test]
    fn huge_suite_counts_in_a_jest_report_do_not_overflow() {
        let report = serde_json::json!({
            "numTotalTests": 1, "numPassedTests": 1, "numFailedTests": 0,
            "numFailedTestSuites": u64::MAX, "numRuntimeErrorTestSuites": u64::MAX,
        });
        assert_eq!(read_json(&report).expect("a jest report").outcome, Outcome::Fail);
    }

    /// A vitest run with two failures (the shape of the content example's).
    pub(crate) const VITEST_FAIL: &str = r"
 RUN  v1.6.0 /home/runner/work/shop/shop/web

 ✓ src/lib/price.test.ts  (12 tests) 9ms
 ✓ src/lib/cart.test.ts  (8 tests | 1 skipped) 21ms
 ❯ src/components/Checkout.test.tsx  (6 tests | 2 failed) 318ms
   ✓ Checkout > renders the basket
   × Checkout > applies a discount code
   × Checkout > shows VAT per line
   ✓ Checkout > disables pay while loading

⎯⎯⎯⎯⎯⎯⎯ Failed Tests 2 ⎯⎯⎯⎯⎯⎯⎯

 FAIL  src/components/Checkout.test.tsx > Checkout > applies a discount code
AssertionError: expected '€18.00' to be '€16.20' // Object.is equality
 ❯ src/components/Checkout.test.tsx:54:31

 FAIL  src/components/Checkout.test.tsx > Checkout > shows VAT per line
TestingLibraryElementError: Unable to find an element with the text: VAT 21%

 Test Files  1 failed | 2 passed (3)
      Tests  2 failed | 23 passed | 1 skipped (26)
   Start at  09:12:44
   Duration  2.41s (transform 301ms, setup 0ms, collect 1.20s, tests 348ms, environment 1.02s, prepare 402ms)
";

    /// A passing vitest run on Windows, colours left in, with todo tests.
    pub(crate) const VITEST_PASS_WINDOWS: &str = "\r
\x1b[7m\x1b[1m\x1b[36m RUN \x1b[39m\x1b[22m\x1b[27m \x1b[36mv2.1.4 \x1b[39m\x1b[90mC:/Users/dev/shop/web\x1b[39m\r
\r
 \x1b[32m✓\x1b[39m src\\lib\\price.test.ts \x1b[2m(\x1b[22m\x1b[2m12 tests\x1b[22m\x1b[2m)\x1b[22m\x1b[90m 9\x1b[2mms\x1b[22m\x1b[39m\r
 \x1b[32m✓\x1b[39m src\\lib\\cart.test.ts \x1b[2m(\x1b[22m\x1b[2m8 tests\x1b[22m\x1b[2m | \x1b[22m\x1b[33m2 todo\x1b[39m\x1b[2m)\x1b[22m\x1b[90m 21\x1b[2mms\x1b[22m\x1b[39m\r
\r
\x1b[2m Test Files \x1b[22m \x1b[1m\x1b[32m2 passed\x1b[39m\x1b[22m\x1b[90m (2)\x1b[39m\r
\x1b[2m      Tests \x1b[22m \x1b[1m\x1b[32m18 passed\x1b[39m\x1b[22m\x1b[2m | \x1b[22m\x1b[33m2 todo\x1b[39m\x1b[90m (20)\x1b[39m\r
\x1b[2m   Start at \x1b[22m 16:02:11\r
";

    /// A failing jest run.
    pub(crate) const JEST_FAIL: &str = r"$ jest --ci
PASS src/utils/format.test.js
PASS src/api/client.test.js (5.012 s)
FAIL src/components/Cart.test.js
  Cart
    ✓ renders items (31 ms)
    ✕ updates the total when quantity changes (12 ms)
    ○ skipped persists to localStorage
    ✕ removes an item (8 ms)

  ● Cart › updates the total when quantity changes

    expect(received).toBe(expected) // Object.is equality

    Expected: 42
    Received: 21

      at Object.<anonymous> (src/components/Cart.test.js:27:45)

  ● Cart › removes an item

    TypeError: Cannot read properties of undefined (reading 'id')

  ● Console

    console.log
      rendering cart with 3 items

Test Suites: 1 failed, 2 passed, 3 total
Tests:       2 failed, 1 skipped, 61 passed, 64 total
Snapshots:   0 total
Time:        7.129 s
Ran all test suites.
";

    /// A passing jest run.
    pub(crate) const JEST_PASS: &str = r"PASS src/utils/format.test.js
PASS src/api/client.test.js

Test Suites: 2 passed, 2 total
Tests:       14 passed, 14 total
Snapshots:   2 passed, 2 total
Time:        1.802 s, estimated 2 s
Ran all test suites.
";

    /// jest's `--json` report, trimmed to its summary fields.
    pub(crate) const JEST_JSON: &str = r#"{"numFailedTestSuites":1,"numFailedTests":2,"numPassedTestSuites":2,"numPassedTests":61,"numPendingTestSuites":0,"numPendingTests":1,"numRuntimeErrorTestSuites":0,"numTodoTests":0,"numTotalTestSuites":3,"numTotalTests":64,"openHandles":[],"snapshot":{"added":0,"failure":false,"total":0},"startTime":1772806930123,"success":false,"testResults":[],"wasInterrupted":false}"#;

    /// vitest in watch mode: a failing run, an edit, and a passing rerun.
    pub(crate) const VITEST_WATCH: &str = r"
 DEV  v1.6.0 /home/ana/src/planner/web

 ✓ src/dates.test.ts (5 tests) 4ms
 ❯ src/week.test.ts (3 tests | 1 failed) 9ms
   × week > starts on monday

 Test Files  1 failed | 1 passed (2)
      Tests  1 failed | 7 passed (8)
   Start at  14:03:11
   Duration  402ms (transform 51ms, setup 0ms, collect 60ms, tests 13ms, environment 0ms, prepare 88ms)


 FAIL  Tests failed. Watching for file changes...
       press h to show help, press q to quit

 RERUN  src/week.ts x1

 ✓ src/week.test.ts (3 tests) 3ms

 Test Files  1 passed (1)
      Tests  3 passed (3)
   Start at  14:03:40
   Duration  180ms


 PASS  Waiting for file changes...
";

    /// A vitest run in which one test file failed to load.
    pub(crate) const VITEST_LOAD_ERROR: &str = r"
 RUN  v2.1.8 /srv/app/web

 ✓ src/format.test.ts (12 tests) 5ms
 ✓ src/money.test.ts (8 tests) 7ms
 ❯ src/report.test.ts (0 test)

⎯⎯⎯⎯⎯⎯ Failed Suites 1 ⎯⎯⎯⎯⎯⎯⎯

 FAIL  src/report.test.ts [ src/report.test.ts ]
Error: Failed to resolve import ./chart from src/report.test.ts. Does the file exist?

 Test Files  1 failed | 2 passed (3)
      Tests  20 passed (20)
   Start at  08:15:02
   Duration  1.05s
";

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] = &[
        VITEST_FAIL,
        VITEST_PASS_WINDOWS,
        JEST_FAIL,
        JEST_PASS,
        JEST_JSON,
        VITEST_WATCH,
        VITEST_LOAD_ERROR,
    ];

    #[test]
    fn vitest_figures_come_from_the_tests_line_not_test_files() {
        let reading = read(VITEST_FAIL).unwrap();
        assert_eq!(reading.format.as_str(), "vitest");
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(23), Some(2), Some(1)));
        assert_eq!(reading.failure_lines, vec![8, 9, 14, 18]);
    }

    #[test]
    fn vitest_counts_todo_as_skipped_once_colours_are_stripped() {
        let clean = crate::evidence::lines::strip_ansi(VITEST_PASS_WINDOWS);
        let reading = read(&clean).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(18), Some(0), Some(2)));
    }

    #[test]
    fn jest_reads_tests_line_and_marks_crosses_fail_and_bullets() {
        let reading = read(JEST_FAIL).unwrap();
        assert_eq!(reading.format.as_str(), "jest");
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(61), Some(2), Some(1)));
        assert_eq!(reading.failure_lines, vec![4, 7, 9, 11, 20]);
        assert_eq!(read(JEST_PASS).unwrap().outcome, Outcome::Pass);
    }

    #[test]
    fn jest_json_report_gives_figures_and_start_date() {
        let value: Value = serde_json::from_str(JEST_JSON).unwrap();
        let reading = read_json(&value).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(61), Some(2), Some(1)));
        assert_eq!(reading.date.as_deref(), Some("2026-03-06"));
    }

    #[test]
    fn unfinished_vitest_run_is_unknown_until_a_failure_shows() {
        let cut = " RUN  v1.6.0 /srv/web\n\n ✓ src/a.test.ts  (3 tests) 4ms\n";
        assert_eq!(read(cut).unwrap().outcome, Outcome::Unknown);
        let failing = " RUN  v1.6.0 /srv/web\n\n × src/a.test.ts > adds\n";
        assert_eq!(read(failing).unwrap().outcome, Outcome::Fail);
    }

    #[test]
    fn a_watch_mode_rerun_replaces_the_failing_run() {
        let reading = read(VITEST_WATCH).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed), (Some(3), Some(0)));
        assert_eq!(reading.runs.len(), 2);
        assert_eq!(reading.runs[0].seconds, Some(0.402));
        assert_eq!(reading.runs[1].seconds, Some(0.18));
        assert_eq!((reading.runs[1].start_line, reading.runs[1].end_line), (17, 22));
    }

    #[test]
    fn a_test_file_that_failed_to_load_fails_the_run() {
        let reading = read(VITEST_LOAD_ERROR).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed), (Some(20), Some(1)));
        assert_eq!(reading.note.as_deref(), Some("1 test file failed to run"));
        let none = " Test Files  2 failed (2)\n      Tests  no tests\n   Duration  300ms\n";
        let reading = read(none).unwrap();
        assert_eq!((reading.outcome, reading.failed), (Outcome::Fail, Some(2)));
        let jest = "FAIL src/api.test.js\n  ● Test suite failed to run\n\nTest Suites: 1 failed, 4 passed, 5 total\nTests:       30 passed, 30 total\n";
        let reading = read(jest).unwrap();
        assert_eq!((reading.outcome, reading.failed), (Outcome::Fail, Some(1)));
        assert_eq!(reading.note.as_deref(), Some("1 test suite failed to run"));
    }

    #[test]
    fn summaries_in_either_order_and_unhandled_errors() {
        let reading = read(
            " Test Files  1 failed | 2 passed (3)\r\n      Tests  1 failed | 8 passed (9)\r\n",
        )
        .unwrap();
        assert_eq!(
            (reading.outcome, reading.passed, reading.failed),
            (Outcome::Fail, Some(8), Some(1))
        );
        let reading =
            read("Tests:       1 failed, 8 passed, 9 total\nTime:        2.5 s\n").unwrap();
        assert_eq!((reading.format.as_str(), reading.outcome), ("jest", Outcome::Fail));
        assert_eq!(reading.runs[0].seconds, Some(2.5));
        let errors =
            " Test Files  3 passed (3)\n      Tests  20 passed (20)\n     Errors  1 error\n";
        let reading = read(errors).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.note.as_deref(), Some("1 unhandled error outside tests"));
    }

    #[test]
    fn no_test_files_is_unknown_with_a_note() {
        let vitest = "\n RUN  v1.6.0 /srv/web\n\ninclude: **/*.{test,spec}.?(c|m)[jt]s?(x)\nexclude:  **/node_modules/**\n\nNo test files found, exiting with code 1\n";
        let reading = read(vitest).unwrap();
        assert_eq!((reading.format.as_str(), reading.outcome), ("vitest", Outcome::Unknown));
        assert_eq!(reading.note.as_deref(), Some("no test files found"));
        let jest = "No tests found, exiting with code 1\nRun with `--passWithNoTests` to exit with code 0\n";
        let reading = read(jest).unwrap();
        assert_eq!((reading.format.as_str(), reading.outcome), ("jest", Outcome::Unknown));
        assert_eq!(reading.note.as_deref(), Some("no test found"));
        let zero = "Test Suites: 0 total\nTests:       0 total\n";
        assert_eq!(read(zero).unwrap().note.as_deref(), Some("no test ran"));
    }

    #[test]
    fn packages_of_a_workspace_are_scopes() {
        let log = format!(
            "> web@1.0.0 test\n> vitest run\n{VITEST_PASS_WINDOWS}\n> admin@1.0.0 test\n> vitest run\n{VITEST_FAIL}"
        );
        let clean = crate::evidence::lines::strip_ansi(&log);
        let reading = read(&clean).unwrap();
        let scopes: Vec<Option<&str>> = reading.runs.iter().map(|r| r.scope.as_deref()).collect();
        assert_eq!(scopes, [Some("web"), Some("admin")]);
        assert_eq!(
            (reading.outcome, reading.passed, reading.failed),
            (Outcome::Fail, Some(41), Some(2))
        );
    }

    #[test]
    fn cut_off_jest_run_is_unknown_until_a_failure_shows() {
        let cut = "PASS src/a.test.js\nPASS src/b.test.js (1.2 s)\n";
        let reading = read(cut).unwrap();
        assert_eq!((reading.format.as_str(), reading.outcome), ("jest", Outcome::Unknown));
        assert_eq!(reading.note.as_deref(), Some("cut off before its summary"));
        let failing = "PASS src/a.test.js\nFAIL src/b.test.js\n  ● b › adds\n";
        assert_eq!(read(failing).unwrap().outcome, Outcome::Fail);
    }

    #[test]
    fn ignores_logs_of_other_runners() {
        assert_eq!(read("===== 48 passed in 3.21s ====="), None);
        let playwright = "Running 3 tests using 1 worker\n\n  ✓  1 [chromium] › tests/a.spec.ts:3:5 › loads (1.1s)\n\n  3 passed (4.0s)\n";
        assert_eq!(read(playwright), None);
        assert_eq!(read("Result: 9 passed, 0 failed."), None);
        assert_eq!(read_json(&serde_json::json!({"status": "success"})), None);
    }
}
