//! `cargo test` and `cargo nextest run` output.
//!
//! cargo test prints one `test result:` line per test binary (unit tests, each
//! integration test file, doc-tests); the run's figures are their sum. nextest
//! prints one `Summary [...] N tests run:` line for the whole run. A compile
//! error (`error[E0425]`) or `error: test failed` fails the run even when no
//! result line was printed. Other runners' logs are read by their own modules.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{count, matching_lines};
use super::{Outcome, Reading, Tally};
use crate::model::{EvidenceFormat, EvidenceKind};

/// A test binary's result line.
static RESULT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^test result: (ok|FAILED)\. (\d+) passed; (\d+) failed; (\d+) ignored")
        .expect("valid regex")
});

/// The header of a test binary's run.
static RUNNING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^running \d+ tests?\s*$").expect("valid regex"));

/// An error from rustc or cargo: `error[E0425]: …`, `error: test failed, …`.
static ERROR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^error(?:\[E\d{4}\])?: ").expect("valid regex"));

/// A failed test's own line, the header of its captured output, or a failed
/// binary's result line. Panic
/// messages are left out: a passing `#[should_panic]` test prints one too
/// under `--nocapture`.
static FAILURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:test .+ \.\.\. FAILED\s*$|---- .+ stdout ----\s*$|test result: FAILED\.)")
        .expect("valid regex")
});

/// nextest's closing summary: `Summary [   1.234s] 37 tests run: 35 passed, 2 failed, 1 skipped`.
static NEXTEST_SUMMARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*Summary \[\s*[\d.]+s\]\s+\d+(?:/\d+)? tests? run: (.*)$").expect("valid regex")
});

/// One count of nextest's summary; timed-out tests and ones that would not
/// start are failures too.
static NEXTEST_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+) (passed|failed|exec failed|timed out|skipped)").expect("valid regex")
});

/// nextest's status lines for a test that did not pass, while running and
/// again in the closing list.
static NEXTEST_FAILURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:TRY \d+ )?(?:FAIL|SIGSEGV|SIGABRT|SIGKILL|TIMEOUT|ABORT|LEAK-FAIL) \[")
        .expect("valid regex")
});

/// Reads a cargo test or nextest log, or `None` when the text is neither.
pub(super) fn read(text: &str) -> Option<Reading> {
    read_nextest(text).or_else(|| read_cargo_test(text))
}

/// Sums every `test result:` line across the run's binaries.
fn read_cargo_test(text: &str) -> Option<Reading> {
    let mut tally = Tally::default();
    let (mut results, mut any_failed, mut running) = (0, false, false);
    for line in text.lines() {
        if let Some(caps) = RESULT.captures(line) {
            results += 1;
            any_failed |= &caps[1] == "FAILED";
            let counts = Tally {
                passed: count(&caps[2]),
                failed: count(&caps[3]),
                skipped: count(&caps[4]),
            };
            tally.add(counts);
        } else if RUNNING.is_match(line) {
            running = true;
        }
    }
    let error_lines = matching_lines(text, |l| ERROR.is_match(l));
    let rustc_error = text.lines().any(|l| l.starts_with("error[E"))
        || text.contains("error: could not compile")
        || text.contains("error: test failed");
    if results == 0 && !running && !rustc_error {
        return None;
    }
    let mut failure_lines = matching_lines(text, |l| FAILURE.is_match(l));
    let mut reading = if results > 0 {
        Reading::tests(EvidenceFormat::CargoTest, tally)
    } else {
        // Without a result line (a compile error, a log cut short) there are
        // no figures to give, only whether something visibly failed.
        Reading::new(EvidenceFormat::CargoTest, EvidenceKind::Test)
    };
    if any_failed || !error_lines.is_empty() || (results == 0 && !failure_lines.is_empty()) {
        reading.outcome = Outcome::Fail;
    }
    failure_lines.extend(error_lines);
    failure_lines.sort_unstable();
    reading.failure_lines = failure_lines;
    Some(reading)
}

/// Reads nextest's summary line and its failure status lines.
fn read_nextest(text: &str) -> Option<Reading> {
    let summary = text.lines().rev().find_map(|l| NEXTEST_SUMMARY.captures(l))?;
    let mut tally = Tally::default();
    for caps in NEXTEST_COUNT.captures_iter(&summary[1]) {
        let n = count(&caps[1]);
        let slot = match &caps[2] {
            "passed" => &mut tally.passed,
            "skipped" => &mut tally.skipped,
            _ => &mut tally.failed,
        };
        *slot = slot.saturating_add(n);
    }
    let failure_lines = matching_lines(text, |l| NEXTEST_FAILURE.is_match(l) || ERROR.is_match(l));
    let mut reading = Reading { failure_lines, ..Reading::tests(EvidenceFormat::Nextest, tally) };
    if text.lines().any(|l| l.starts_with("error: test run failed")) {
        reading.outcome = Outcome::Fail;
    }
    Some(reading)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A workspace run: unit tests, an integration test file and doc-tests.
    pub(crate) const WORKSPACE_PASS: &str = r"$ cargo test --workspace
   Compiling ledger-core v0.3.1 (/home/ci/work/ledger/crates/core)
   Compiling ledger-cli v0.3.1 (/home/ci/work/ledger/crates/cli)
    Finished `test` profile [unoptimized + debuginfo] target(s) in 21.84s
     Running unittests src/lib.rs (target/debug/deps/ledger_core-5b1f0e6c3a2d9e41)

running 4 tests
test money::tests::adds_same_currency ... ok
test money::tests::refuses_mixed_currency ... ok
test money::tests::rounds_half_even ... ok
test parse::tests::slow_roundtrip ... ignored, needs network

test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s

     Running tests/cli.rs (target/debug/deps/cli-0f3e2c1b9a8d7e6f)

running 2 tests
test prints_help ... ok
test exports_csv ... ok

test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.40s

   Doc-tests ledger_core

running 1 test
test crates/core/src/money.rs - money::Money::parse (line 12) ... ok

test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.22s

";

    /// A failing unit test on Windows, with its captured output.
    pub(crate) const FAILING_WINDOWS: &str = r"PS C:\work\ledger> cargo test
   Compiling ledger-core v0.3.1 (C:\work\ledger\crates\core)
    Finished `test` profile [unoptimized + debuginfo] target(s) in 9.02s
     Running unittests src\lib.rs (target\debug\deps\ledger_core-5b1f0e6c3a2d9e41.exe)

running 3 tests
test money::tests::adds_same_currency ... ok
test money::tests::rounds_half_even ... FAILED
test money::tests::refuses_mixed_currency ... ok

failures:

---- money::tests::rounds_half_even stdout ----

thread 'money::tests::rounds_half_even' panicked at crates\core\src\money.rs:88:9:
assertion `left == right` failed
  left: 2.5
 right: 2.4
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    money::tests::rounds_half_even

test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

error: test failed, to rerun pass `-p ledger-core --lib`
";

    /// A test build that does not compile.
    pub(crate) const COMPILE_ERROR: &str = r"$ cargo test
   Compiling ledger-core v0.3.1 (/home/ci/work/ledger/crates/core)
error[E0425]: cannot find value `rate` in this scope
  --> crates/core/src/tax.rs:41:22
   |
41 |     let vat = amount * rate;
   |                        ^^^^ not found in this scope

For more information about this error, try `rustc --explain E0425`.
error: could not compile `ledger-core` (lib test) due to 1 previous error
";

    /// A passing nextest run.
    pub(crate) const NEXTEST_PASS: &str = r"$ cargo nextest run --workspace
    Finished `test` profile [unoptimized + debuginfo] target(s) in 0.31s
────────────
 Nextest run ID 6c9a1c8e-4b8d-4f3e-9d0e-8b7a6f5e4d3c with nextest profile: ci
    Starting 37 tests across 5 binaries
        PASS [   0.004s] ledger-core money::tests::adds_same_currency
        PASS [   0.005s] ledger-core money::tests::rounds_half_even
        PASS [   1.208s] ledger-cli::cli exports_csv
────────────
     Summary [   1.234s] 37 tests run: 37 passed, 0 skipped
";

    /// A failing nextest run with a retry and a timeout.
    pub(crate) const NEXTEST_FAIL: &str = r"    Starting 38 tests across 5 binaries (1 test skipped)
        PASS [   0.004s] ledger-core money::tests::adds_same_currency
   TRY 1 FAIL [   0.006s] ledger-core money::tests::flaky_clock
        FAIL [   0.005s] ledger-core money::tests::rounds_half_even
──── STDOUT:             ledger-core money::tests::rounds_half_even
──── STDERR:             ledger-core money::tests::rounds_half_even
thread 'money::tests::rounds_half_even' panicked at crates/core/src/money.rs:88:9:
     TIMEOUT [  60.002s] ledger-cli::cli pages_through_everything
────────────
     Summary [  61.310s] 37 tests run: 35 passed (1 slow), 1 failed, 1 timed out, 1 skipped
        FAIL [   0.005s] ledger-core money::tests::rounds_half_even
     TIMEOUT [  60.002s] ledger-cli::cli pages_through_everything
error: test run failed
";

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] =
        &[WORKSPACE_PASS, FAILING_WINDOWS, COMPILE_ERROR, NEXTEST_PASS, NEXTEST_FAIL];

    #[test]
    fn sums_every_test_result_line_across_binaries() {
        let reading = read(WORKSPACE_PASS).unwrap();
        assert_eq!(reading.format.as_str(), "cargo-test");
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(6), Some(0), Some(1)));
        assert!(reading.failure_lines.is_empty());
    }

    #[test]
    fn failed_result_fails_and_marks_the_test_its_output_and_the_error() {
        let reading = read(FAILING_WINDOWS).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed), (Some(2), Some(1)));
        assert_eq!(reading.failure_lines, vec![8, 13, 25, 27]);
    }

    #[test]
    fn compile_error_fails_without_figures() {
        let reading = read(COMPILE_ERROR).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.passed, None);
        assert_eq!(reading.failure_lines, vec![3, 10]);
    }

    #[test]
    fn reads_nextest_summary() {
        let reading = read(NEXTEST_PASS).unwrap();
        assert_eq!(reading.format.as_str(), "nextest");
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(37), Some(0), Some(0)));
    }

    #[test]
    fn nextest_counts_timeouts_as_failures_and_marks_status_lines() {
        let reading = read(NEXTEST_FAIL).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(35), Some(2), Some(1)));
        assert_eq!(reading.failure_lines, vec![3, 4, 8, 11, 12, 13]);
    }

    #[test]
    fn zero_tests_run_is_unknown() {
        let empty = "running 0 tests\n\ntest result: ok. 0 passed; 0 failed; 0 ignored; \
                     0 measured; 0 filtered out; finished in 0.00s\n";
        assert_eq!(read(empty).unwrap().outcome, Outcome::Unknown);
    }

    #[test]
    fn ignores_logs_of_other_runners() {
        assert_eq!(read("===== 48 passed in 3.21s ====="), None);
        assert_eq!(read("--- FAIL: TestParse (0.00s)\nFAIL\tledger/parse\t0.012s"), None);
        assert_eq!(read("Deploy failed\nerror: exit code 1"), None);
    }
}
