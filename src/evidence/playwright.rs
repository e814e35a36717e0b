//! Playwright's console reporters (list, line, dot) and its JSON reporter.
//!
//! A console run opens with `Running 9 tests using 2 workers` and closes with
//! a summary block whose lines each hold one count:
//!
//! ```text
//!   1 failed
//!     [firefox] › tests/login.spec.ts:3:5 › login ──────
//!   1 flaky
//!     [chromium] › tests/cart.spec.ts:8:3 › adds an item ──────
//!   2 skipped
//!   7 passed (20.2s)
//! ```
//!
//! Flaky tests failed first and passed on a retry: they count as passed, with
//! a note. Interrupted tests count as failed; tests that did not run leave
//! the run unknown unless something failed. Progress lines (`✓  7 [chromium]
//! › tests/seo.spec.ts:12:9 › has title (1.2s)`, `[7/9] [chromium] › …`) and
//! failure headers (`1) [chromium] › tests/a.spec.ts:3:5 › login ───`) show a
//! Playwright run and, in a run cut off before its summary, whether it
//! failed. vitest's `✓ src/a.test.ts (3 tests) 12ms` is not one: Playwright
//! always names a test by `file:line:column ›`.
//!
//! The JSON reporter's `stats` (`expected`, `unexpected`, `flaky`,
//! `skipped`, `duration`, `startTime`) give one run and its date.

use regex::Regex;
use serde_json::Value;

use super::lines::{count, epoch_date, matching_lines};
use super::plain::{Log, seconds};
use super::{Outcome, Reading, Tally};
use crate::dates::find_date;
use crate::model::{EvidenceFormat, EvidenceKind, Run};
use crate::text::Prefixed;
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// The runner name of Playwright runs.
const SUITE: &str = "playwright";

/// The line that opens a run: `Running 9 tests using 2 workers`.
static START: Prefixed =
    Prefixed::after_blanks("Running ", r"^\s*Running \d+ tests? using \d+ workers?");

/// One count of the summary block: `  7 passed (20.2s)`, `  3 did not run`.
static COUNT: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^\s*(\d+) (passed|failed|flaky|skipped|did not run|interrupted)",
        r"(?:\s+\((\d+(?:\.\d+)?)(ms|s|m|h)\))?\s*$",
    ))
    .expect("valid regex")
});

/// Errors outside any test: `  1 error was not a part of any test, see above`.
static GLOBAL_ERRORS: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*(\d+) errors? (?:was|were) not a part of any test").expect("valid regex")
});

/// A test named the Playwright way: an optional `[project] › `, then
/// `file:line:column ›`.
const TEST_REF: &str = r"(?:\[[^\]]+\]\s+›\s+)?\S+:\d+:\d+\s+›";

/// A progress line of the list reporter (`  ✓  7 [chromium] › …`, `  x  3 …`
/// where the terminal has no UTF-8) or the line reporter (`[7/9] …`); group 1
/// is the list reporter's mark.
static PROGRESS: WordRegex = WordRegex::new(|| {
    Regex::new(&format!(r"^\s*(?:(✓|✔|ok|✘|×|x|-|°|~)\s+(?:\d+\s+)?|\[\d+/\d+\]\s+){TEST_REF}"))
        .expect("valid regex")
});

/// The characters a line of [`PROGRESS`] can start with, after its spaces.
const PROGRESS_FIRST: [char; 10] = ['✓', '✔', 'o', '✘', '×', 'x', '-', '°', '~', '['];

/// A failure's header: `  1) [chromium] › tests/a.spec.ts:3:5 › login ───`.
static FAILURE_HEADER: WordRegex =
    WordRegex::new(|| Regex::new(&format!(r"^\s*\d+\) {TEST_REF}")).expect("valid regex"));

/// A test listed under a count of the summary block.
static LISTED: WordRegex =
    WordRegex::new(|| Regex::new(&format!(r"^\s{{2,}}{TEST_REF}")).expect("valid regex"));

/// Playwright's message when nothing matched: `Error: No tests found`.
static NO_TESTS: Prefixed =
    Prefixed::after_blanks("Error: No tests found", r"^\s*Error: No tests found");

/// A command line that runs Playwright.
static COMMAND: WordRegex =
    WordRegex::new(|| Regex::new(r"\bplaywright\s+test\b").expect("valid regex"));

/// Reads a Playwright console log with any other runner's runs in it, or
/// `None` when the text is not one.
#[cfg(test)]
pub(super) fn read(text: &str) -> Option<Reading> {
    super::plain::read_runners(super::plain::Runner::Playwright, text)
}

/// The counts of one summary block.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    /// Tests that passed first time.
    passed: u64,
    /// Tests that failed.
    failed: u64,
    /// Tests that failed, then passed on a retry.
    flaky: u64,
    /// Tests skipped.
    skipped: u64,
    /// Tests that did not run (after `--max-failures`, or a timeout).
    did_not_run: u64,
    /// Tests interrupted.
    interrupted: u64,
    /// Errors outside any test (global setup, a worker crash).
    errors: u64,
}

/// A run read so far.
struct Open {
    /// Its first line.
    start: usize,
    /// Its last count line.
    end: usize,
    /// Whether its summary block has begun.
    summary: bool,
    /// Whether the line before belonged to its summary block.
    in_block: bool,
    /// Whether a progress line or failure header showed a failure.
    failure_seen: bool,
    /// Its counts.
    counts: Counts,
    /// Seconds, from the `passed` line.
    seconds: Option<f64>,
}

impl Open {
    /// A run from line `start`.
    fn new(start: usize) -> Open {
        Open {
            start,
            end: start,
            summary: false,
            in_block: false,
            failure_seen: false,
            counts: Counts::default(),
            seconds: None,
        }
    }

    /// The run it makes, ending at `last` if it has no summary.
    fn into_run(self, last: usize) -> Run {
        if !self.summary {
            let outcome = if self.failure_seen { Outcome::Fail } else { Outcome::Unknown };
            let end = last.max(self.start);
            return Run {
                start_line: self.start,
                complete: false,
                note: Some("cut off before its summary".to_string()),
                ..Run::new(SUITE, outcome, end)
            };
        }
        let mut run = counts_run(self.counts, self.start, self.end);
        run.seconds = self.seconds;
        run
    }
}

/// The run one summary's counts make, its outcome and note.
fn counts_run(c: Counts, start: usize, end: usize) -> Run {
    let tally = Tally {
        passed: c.passed.saturating_add(c.flaky),
        failed: c.failed.saturating_add(c.interrupted),
        skipped: c.skipped,
    };
    let mut run = tally.run(SUITE, start, end);
    let plural = |n: u64| if n == 1 { "" } else { "s" };
    let note = if c.interrupted > 0 {
        Some(format!("{} test{} interrupted", c.interrupted, plural(c.interrupted)))
    } else if tally.failed > 0 {
        None
    } else if c.errors > 0 {
        run.outcome = Outcome::Fail;
        Some(format!("{} error{} outside tests", c.errors, plural(c.errors)))
    } else if c.did_not_run > 0 {
        run.outcome = Outcome::Unknown;
        Some(format!("{} test{} did not run", c.did_not_run, plural(c.did_not_run)))
    } else if tally.passed == 0 {
        Some("no test ran".to_string())
    } else if c.flaky > 0 {
        let (n, s) = (c.flaky, plural(c.flaky));
        Some(format!("{n} flaky test{s} passed on retry"))
    } else {
        None
    };
    run.note = note;
    run
}

/// The Playwright console runs of a log, or `None` when it has none.
pub(super) fn runs(log: &Log<'_>) -> Option<Reading> {
    let text = log.text();
    let lines = log.lines();
    let mut runs = Vec::new();
    let mut open: Option<Open> = None;
    let mut prev_end = 0;
    let mut marked = false;
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        // Each pattern starts its line (after any spaces) with its own
        // kind of character: a test of it spares the others' regexes.
        let first = line.trim_start().chars().next().unwrap_or(' ');
        let number = first.is_numeric();
        if START.is_match(line) {
            marked = true;
            if let Some(done) = open.take() {
                prev_end = done.end.max(n - 1);
                runs.push(done.into_run(n - 1));
            }
            open = Some(Open::new(n));
        } else if let Some(caps) = number.then(|| captures(&COUNT, line)).flatten() {
            if let Some(done) = open.take_if(|o| o.summary && !o.in_block) {
                prev_end = done.end;
                runs.push(done.into_run(prev_end));
            }
            let run = open.get_or_insert_with(|| Open::new(prev_end + 1));
            let k = count(&caps[1]);
            let slot = match &caps[2] {
                "passed" => &mut run.counts.passed,
                "failed" => &mut run.counts.failed,
                "flaky" => &mut run.counts.flaky,
                "skipped" => &mut run.counts.skipped,
                "did not run" => &mut run.counts.did_not_run,
                _ => &mut run.counts.interrupted,
            };
            *slot = k;
            if let (Some(value), Some(unit)) = (caps.get(3), caps.get(4)) {
                marked |= &caps[2] == "passed";
                run.seconds = seconds(value.as_str(), unit.as_str());
            }
            run.summary = true;
            run.in_block = true;
            run.end = n;
        } else if let Some(caps) = number.then(|| captures(&GLOBAL_ERRORS, line)).flatten() {
            let run = open.get_or_insert_with(|| Open::new(prev_end + 1));
            run.counts.errors = count(&caps[1]);
            run.summary = true;
            run.in_block = true;
            run.end = n;
        } else if let Some(run) = open.as_mut().filter(|o| o.in_block && LISTED.is_match(line)) {
            run.end = n;
        } else if (PROGRESS_FIRST.contains(&first) && PROGRESS.is_match(line))
            || (number && FAILURE_HEADER.is_match(line))
        {
            marked = true;
            if let Some(done) = open.take_if(|o| o.summary) {
                prev_end = done.end;
                runs.push(done.into_run(prev_end));
            }
            let run = open.get_or_insert_with(|| Open::new(n));
            run.failure_seen |=
                (number && FAILURE_HEADER.is_match(line)) || is_failed_progress(line);
            run.in_block = false;
        } else if NO_TESTS.is_match(line) {
            marked = true;
            let start = match open.take() {
                Some(done) if done.summary => {
                    prev_end = done.end;
                    runs.push(done.into_run(prev_end));
                    prev_end + 1
                }
                Some(done) => done.start,
                None => prev_end + 1,
            };
            let note = Some("no test found".to_string());
            runs.push(Run { start_line: start, note, ..Run::new(SUITE, Outcome::Unknown, n) });
            prev_end = n;
        } else if !line.trim().is_empty() {
            marked |= line.contains("playwright") && COMMAND.is_match(line);
            if let Some(run) = open.as_mut() {
                run.in_block = false;
            }
        }
    }
    if let Some(done) = open.take() {
        runs.push(done.into_run(lines.len()));
    }
    if !marked || runs.is_empty() {
        return None;
    }
    let mut reading = Reading::of_runs(EvidenceFormat::Playwright, EvidenceKind::Test, runs);
    reading.failure_lines =
        matching_lines(text, |l| is_failed_progress(l) || FAILURE_HEADER.is_match(l));
    Some(reading)
}

/// A list reporter's line for a test that failed (`✘`, or `x` without UTF-8).
fn is_failed_progress(line: &str) -> bool {
    line.trim_start().starts_with(['✘', '×', 'x'])
        && PROGRESS
            .captures(line)
            .is_some_and(|c| matches!(c.get(1).map(|m| m.as_str()), Some("✘" | "×" | "x")))
}

/// Reads Playwright's JSON report, or `None` when the value is not one.
///
/// The counts come from `stats`; a report without them (an older
/// Playwright) is counted from its tests' `status`. Errors outside tests
/// (the top-level `errors`) fail the run.
pub(super) fn read_json(value: &Value) -> Option<Reading> {
    let suites = value.get("suites")?.as_array()?;
    let stats = value.get("stats").filter(|s| s.is_object());
    let number = |key: &str| stats.and_then(|s| s.get(key)).and_then(Value::as_u64);
    let has_stats = number("expected").is_some() && number("unexpected").is_some();
    if !has_stats && value.get("config").is_none() {
        return None;
    }
    let mut counts = if has_stats {
        Counts {
            passed: number("expected").unwrap_or(0),
            failed: number("unexpected").unwrap_or(0),
            flaky: number("flaky").unwrap_or(0),
            skipped: number("skipped").unwrap_or(0),
            ..Counts::default()
        }
    } else {
        count_tests(suites)
    };
    counts.errors = value.get("errors").and_then(Value::as_array).map_or(0, |e| e.len() as u64);
    let mut run = counts_run(counts, 1, 1);
    run.seconds = stats
        .and_then(|s| s.get("duration"))
        .and_then(Value::as_f64)
        .filter(|ms| ms.is_finite() && *ms >= 0.0)
        .map(|ms| ms / 1000.0);
    let mut reading =
        Reading::of_runs(EvidenceFormat::PlaywrightJson, EvidenceKind::Test, vec![run]);
    reading.date = stats.and_then(|s| s.get("startTime")).and_then(|t| match t {
        Value::String(stamp) => find_date(stamp),
        Value::Number(ms) => ms.as_f64().and_then(|ms| epoch_date(ms / 1000.0)),
        _ => None,
    });
    Some(reading)
}

/// The counts of every test under `suites`, by each test's `status`
/// (`expected`, `unexpected`, `flaky`, `skipped`), walked without recursion.
fn count_tests(suites: &[Value]) -> Counts {
    let mut counts = Counts::default();
    let mut stack: Vec<&Value> = suites.iter().collect();
    while let Some(suite) = stack.pop() {
        if let Some(children) = suite.get("suites").and_then(Value::as_array) {
            stack.extend(children);
        }
        let specs = suite.get("specs").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
        for test in specs.iter().filter_map(|s| s.get("tests")?.as_array()).flatten() {
            let slot = match test.get("status").and_then(Value::as_str) {
                Some("expected") => &mut counts.passed,
                Some("unexpected") => &mut counts.failed,
                Some("flaky") => &mut counts.flaky,
                Some("skipped") => &mut counts.skipped,
                _ => continue,
            };
            *slot = slot.saturating_add(1);
        }
    }
    counts
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A list reporter run with a failure, a flaky test and skips.
    pub(crate) const LIST_FAIL: &str = r"$ npx playwright test

Running 11 tests using 2 workers

  ✓  1 [chromium] › tests/seo.spec.ts:12:9 › home has a title (1.2s)
  ✓  2 [chromium] › tests/seo.spec.ts:20:9 › home has a description (812ms)
  ✘  3 [firefox] › tests/login.spec.ts:3:5 › login with a good password (5.0s)
  ✘  4 [chromium] › tests/cart.spec.ts:8:3 › adds an item (2.1s)
  ✓  5 [chromium] › tests/cart.spec.ts:8:3 › adds an item (retry #1) (1.9s)
  -  6 [webkit] › tests/pay.spec.ts:4:3 › pays by card
  -  7 [webkit] › tests/pay.spec.ts:14:3 › pays by invoice
  ✓  8 [firefox] › tests/seo.spec.ts:12:9 › home has a title (1.4s)
  ✓  9 [firefox] › tests/seo.spec.ts:20:9 › home has a description (1.0s)
  ✓  10 [chromium] › tests/login.spec.ts:3:5 › login with a good password (2.2s)
  ✓  11 [webkit] › tests/seo.spec.ts:12:9 › home has a title (1.6s)

  1) [firefox] › tests/login.spec.ts:3:5 › login with a good password ──────────────────────

    Error: Timed out 5000ms waiting for expect(locator).toBeVisible()

    Locator: getByRole('heading', { name: 'Dashboard' })
    Expected: visible
    Received: <element(s) not found>

       5 |   await page.getByLabel('Password').fill('hunter2');
       6 |   await page.getByRole('button', { name: 'Sign in' }).click();
    >  7 |   await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
         |                                                                  ^

  1 failed
    [firefox] › tests/login.spec.ts:3:5 › login with a good password ───────────────────────
  1 flaky
    [chromium] › tests/cart.spec.ts:8:3 › adds an item ─────────────────────────────────────
  2 skipped
  7 passed (20.2s)

To open last HTML report run:

  npx playwright show-report
";

    /// The line reporter, passing with a flaky test.
    pub(crate) const LINE_FLAKY: &str = "Running 9 tests using 3 workers
[1/9] [chromium] › tests/seo.spec.ts:12:9 › home has a title
[4/9] [firefox] › tests/cart.spec.ts:8:3 › adds an item
[9/9] [webkit] › tests/seo.spec.ts:20:9 › home has a description
  1 flaky
    [firefox] › tests/cart.spec.ts:8:3 › adds an item ──────────────────────────────────
  8 passed (14.7s)
";

    /// A terminal without UTF-8 (Windows): `ok` and `x`, CRLF line ends, a
    /// run stopped by `--max-failures`.
    pub(crate) const WINDOWS_MAX_FAILURES: &str =
        "PS C:\\web> npx playwright test --max-failures=1\r
\r
Running 6 tests using 1 worker\r
\r
  ok 1 [chromium] › tests\\seo.spec.ts:12:9 › home has a title (1.1s)\r
  x  2 [chromium] › tests\\login.spec.ts:3:5 › login with a good password (5.1s)\r
\r
  1) [chromium] › tests\\login.spec.ts:3:5 › login with a good password ──────────\r
\r
    Error: expect(received).toBe(expected)\r
\r
  1 failed\r
    [chromium] › tests\\login.spec.ts:3:5 › login with a good password ───────────\r
  4 did not run\r
  1 passed (7.9s)\r
";

    /// The JSON reporter, trimmed to one spec.
    pub(crate) const JSON_REPORT: &str = r#"{
  "config": { "configFile": "/srv/web/playwright.config.ts", "rootDir": "/srv/web/tests", "workers": 2, "version": "1.47.2" },
  "suites": [
    { "title": "seo.spec.ts", "file": "seo.spec.ts", "line": 0, "column": 0, "specs": [
      { "title": "home has a title", "ok": true, "tags": [], "tests": [
        { "timeout": 30000, "annotations": [], "expectedStatus": "passed", "projectId": "chromium", "projectName": "chromium", "results": [], "status": "expected" }
      ], "id": "a1b2", "file": "seo.spec.ts", "line": 12, "column": 9 }
    ] }
  ],
  "errors": [],
  "stats": { "startTime": "2026-03-07T09:14:55.120Z", "duration": 20231.4, "expected": 7, "skipped": 2, "unexpected": 1, "flaky": 0 }
}"#;

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] =
        &[LIST_FAIL, LINE_FLAKY, WINDOWS_MAX_FAILURES, JSON_REPORT];

    #[test]
    fn list_reporter_counts_flaky_as_passed_and_fails_on_a_failure() {
        let reading = read(LIST_FAIL).unwrap();
        assert_eq!(reading.format.as_str(), "playwright");
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(8), Some(1), Some(2)));
        assert_eq!(reading.failure_lines, vec![7, 8, 17]);
        let run = &reading.runs[0];
        assert_eq!((run.suite.as_str(), run.start_line, run.end_line), ("playwright", 3, 35));
        assert_eq!(run.seconds, Some(20.2));
    }

    #[test]
    fn line_reporter_with_a_flaky_test_passes_with_a_note() {
        let reading = read(LINE_FLAKY).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed), (Some(9), Some(0)));
        assert_eq!(reading.note.as_deref(), Some("1 flaky test passed on retry"));
    }

    #[test]
    fn windows_marks_and_tests_that_did_not_run() {
        let reading = read(WINDOWS_MAX_FAILURES).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed), (Some(1), Some(1)));
        assert_eq!(reading.failure_lines, vec![6, 8]);
        let no_failure = "Running 6 tests using 1 worker\n  2 did not run\n  4 passed (3.0s)\n";
        let reading = read(no_failure).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.note.as_deref(), Some("2 tests did not run"));
        let interrupted = "Running 6 tests using 1 worker\n  1 interrupted\n    [chromium] › a.spec.ts:3:5 › slow ──\n  5 passed (60.0s)\n";
        let reading = read(interrupted).unwrap();
        assert_eq!((reading.outcome, reading.failed), (Outcome::Fail, Some(1)));
        assert_eq!(reading.note.as_deref(), Some("1 test interrupted"));
    }

    #[test]
    fn dot_reporter_and_errors_outside_tests() {
        let dot = "Running 40 tests using 4 workers\n··········°°·····F···············×·····\n  1 failed\n    [chromium] › a.spec.ts:3:5 › x ──\n  2 skipped\n  37 passed (31.5s)\n";
        let reading = read(dot).unwrap();
        assert_eq!(
            (reading.outcome, reading.passed, reading.failed),
            (Outcome::Fail, Some(37), Some(1))
        );
        let global = "Running 3 tests using 1 worker\n  3 passed (2.2s)\n  1 error was not a part of any test, see above for details\n";
        let reading = read(global).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.note.as_deref(), Some("1 error outside tests"));
    }

    #[test]
    fn a_rerun_of_the_failures_replaces_the_failing_run() {
        let rerun = "$ npx playwright test --last-failed\n\nRunning 1 test using 1 worker\n\n  ✓  1 [firefox] › tests/login.spec.ts:3:5 › login with a good password (2.0s)\n\n  1 passed (3.1s)\n";
        let reading = read(&format!("{LIST_FAIL}{rerun}")).unwrap();
        assert_eq!(reading.runs.len(), 2);
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed), (Some(1), Some(0)));
        // Two summaries without a `Running` line between them are two runs.
        let two = "  1 failed\n    [chromium] › a.spec.ts:3:5 › x ──\n  4 passed (9.0s)\nfixed the selector\n  5 passed (8.0s)\n";
        let reading = read(two).unwrap();
        assert_eq!((reading.runs.len(), reading.outcome), (2, Outcome::Pass));
    }

    #[test]
    fn cut_off_run_is_unknown_unless_a_test_failed() {
        let cut: String = LIST_FAIL.lines().take(9).map(|l| format!("{l}\n")).collect();
        let reading = read(&cut).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.passed, None);
        let cut: String = LIST_FAIL.lines().take(6).map(|l| format!("{l}\n")).collect();
        let reading = read(&cut).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.note.as_deref(), Some("cut off before its summary"));
    }

    #[test]
    fn no_tests_found_is_unknown_with_a_note() {
        let log = "$ npx playwright test tests/chekout.spec.ts\nError: No tests found.\nMake sure that arguments are regular expressions matching test files.\n";
        let reading = read(log).unwrap();
        assert_eq!(
            (reading.outcome, reading.note.as_deref()),
            (Outcome::Unknown, Some("no test found"))
        );
    }

    #[test]
    fn json_report_gives_counts_seconds_and_date() {
        let value: Value = serde_json::from_str(JSON_REPORT).unwrap();
        let reading = read_json(&value).unwrap();
        assert_eq!(reading.format.as_str(), "playwright-json");
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(7), Some(1), Some(2)));
        assert_eq!(reading.date.as_deref(), Some("2026-03-07"));
        assert_eq!(reading.runs[0].seconds, Some(20.2314));
        let passing = JSON_REPORT
            .replace("\"unexpected\": 1, \"flaky\": 0", "\"unexpected\": 0, \"flaky\": 1");
        let reading = read_json(&serde_json::from_str(&passing).unwrap()).unwrap();
        assert_eq!((reading.outcome, reading.passed), (Outcome::Pass, Some(8)));
        let errors = JSON_REPORT
            .replace(
                "\"errors\": []",
                "\"errors\": [{\"message\": \"Error: global setup failed\"}]",
            )
            .replace("\"unexpected\": 1", "\"unexpected\": 0");
        let reading = read_json(&serde_json::from_str(&errors).unwrap()).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
    }

    #[test]
    fn json_report_without_stats_is_counted_from_its_tests() {
        let value = serde_json::json!({
            "config": {"version": "1.20.0"},
            "suites": [{"title": "a.spec.ts", "specs": [], "suites": [{"title": "cart", "specs": [
                {"title": "adds", "tests": [{"status": "expected"}, {"status": "flaky"}]},
                {"title": "removes", "tests": [{"status": "unexpected"}, {"status": "skipped"}]}
            ]}]}]
        });
        let reading = read_json(&value).unwrap();
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(2), Some(1), Some(1)));
        assert_eq!(read_json(&serde_json::json!({"suites": []})), None);
        assert_eq!(read_json(&serde_json::json!({"numTotalTests": 3})), None);
    }

    #[test]
    fn other_runners_logs_are_not_playwright() {
        let vitest = " RUN  v1.6.0 /srv/web\n\n ✓ src/a.test.ts (3 tests) 12ms\n\n Test Files  2 passed (2)\n      Tests  9 passed (9)\n";
        assert_eq!(runs(&Log::new(vitest)), None);
        let jest = "PASS src/a.test.js\nTests:       9 passed, 9 total\n";
        assert_eq!(runs(&Log::new(jest)), None);
        let mocha = "  cart\n    ✓ adds an item\n\n  7 passing (20ms)\n  1 failing\n";
        assert_eq!(runs(&Log::new(mocha)), None);
        assert_eq!(runs(&Log::new("Results:\n  12 passed\n  1 failed\n")), None);
        assert_eq!(runs(&Log::new("===== 7 passed in 2.10s =====")), None);
    }
}
