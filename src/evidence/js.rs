//! vitest and jest output: the console summaries and jest's `--json` report
//! (which vitest's `json` reporter copies).
//!
//! vitest closes with ` Test Files  1 failed | 7 passed (8)` and
//! `      Tests  2 failed | 61 passed (63)`; jest with `Test Suites: …` and
//! `Tests:       2 failed, 1 skipped, 61 passed, 64 total`. The figures come
//! from the `Tests` line, never the file or suite line. `✓` lines are passing
//! tests; `×`, `✗`, `✕` and `FAIL` lines are failures.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::lines::{count, epoch_date, matching_lines};
use super::{Outcome, Reading, Tally};
use crate::model::{EvidenceFormat, EvidenceKind};

/// vitest's tests line: `Tests  2 failed | 61 passed (63)`.
static VITEST_TESTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*Tests\s+((?:\d+ [a-z]+(?: \| )?)+)\s*\(\d+\)").expect("valid regex")
});

/// jest's tests line: `Tests:       2 failed, 1 skipped, 61 passed, 64 total`.
static JEST_TESTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*Tests:\s+((?:\d+ [a-z]+,\s*)*)\d+ total").expect("valid regex")
});

/// One `N word` count of either summary.
static PAIR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d+) ([a-z]+)").expect("valid regex"));

/// Reads a vitest or jest console log, or `None` when the text is neither.
pub(super) fn read(text: &str) -> Option<Reading> {
    let mut vitest = None;
    let mut jest = None;
    for line in text.lines() {
        if let Some(caps) = VITEST_TESTS.captures(line) {
            vitest = Some(counts(&caps[1]));
        } else if let Some(caps) = JEST_TESTS.captures(line) {
            jest = Some(counts(&caps[1]));
        }
    }
    let failure_lines = matching_lines(text, is_failure_line);
    let reading = match (vitest, jest) {
        (Some(tally), _) => Reading::tests(EvidenceFormat::Vitest, tally),
        (None, Some(tally)) => Reading::tests(EvidenceFormat::Jest, tally),
        (None, None) => return read_unfinished(text, failure_lines),
    };
    Some(Reading { failure_lines, ..reading })
}

/// A log with a runner's header but no tests line: cut short, or every file
/// failed to load. It fails if it shows a failure and is unknown otherwise.
fn read_unfinished(text: &str, failure_lines: Vec<usize>) -> Option<Reading> {
    let vitest = text.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("RUN  v") || l.starts_with("Test Files  ")
    });
    let jest = text.lines().any(|l| l.starts_with("Test Suites: "));
    let format = match (vitest, jest) {
        (true, _) => EvidenceFormat::Vitest,
        (false, true) => EvidenceFormat::Jest,
        (false, false) => return None,
    };
    let outcome = if failure_lines.is_empty() { Outcome::Unknown } else { Outcome::Fail };
    Some(Reading { outcome, failure_lines, ..Reading::new(format, EvidenceKind::Test) })
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
    let suites_failed = number("numFailedTestSuites").unwrap_or(0)
        + number("numRuntimeErrorTestSuites").unwrap_or(0)
        > 0;
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

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] =
        &[VITEST_FAIL, VITEST_PASS_WINDOWS, JEST_FAIL, JEST_PASS, JEST_JSON];

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
    fn ignores_logs_of_other_runners() {
        assert_eq!(read("===== 48 passed in 3.21s ====="), None);
        assert_eq!(read("Result: 9 passed, 0 failed."), None);
        assert_eq!(read_json(&serde_json::json!({"status": "success"})), None);
    }
}
