//! `cargo test` and `cargo nextest run` output.
//!
//! cargo test prints one `test result:` line per test binary (unit tests, each
//! integration test file, doc-tests); one invocation is one run, its figures
//! the sum over its binaries. A second invocation in the same log is a rerun:
//! a `cargo test` command, a new build (`Compiling`, `Finished`) after
//! results, a binary that already ran, a block that runs the tests an earlier
//! block ran, or any block after `error: test failed`. nextest prints one
//! `Summary [...] N tests run:` line per run. A compile error (`error[E0425]`)
//! or `error: test failed` fails the run even when no result line was printed;
//! a run cut off before its results fails if it shows a failed test and is
//! unknown otherwise. Other runners' logs are read by their own modules.

use std::collections::HashSet;

use regex::Regex;

use super::build::CARGO_ERROR;
use super::lines::{count, matching_lines};
use super::plain::{Log, seconds};
use super::{Outcome, Reading, Tally};
use crate::model::{EvidenceFormat, EvidenceKind, Run};
use crate::text::Prefixed;
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// The runner name of both cargo test and nextest runs.
const SUITE: &str = "cargo";

/// A test binary's result line.
static RESULT: Prefixed = Prefixed::new(
    "test result: ",
    concat!(
        r"^test result: (ok|FAILED)\. (\d+) passed; (\d+) failed; (\d+) ignored",
        r"(?:.*finished in (\d+(?:\.\d+)?)s)?",
    ),
);

/// The header of a test binary's run.
static RUNNING: Prefixed = Prefixed::new("running ", r"^running \d+ tests?\s*$");

/// The line naming the binary that runs next: `Running unittests src/lib.rs
/// (target/debug/deps/core-5b1f…)`, `Doc-tests core`.
static BINARY: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*(?:Running\s+(\S.*?\(.*\)|\S*target[/\\]\S+)|Doc-tests\s+(\S+))\s*$")
        .expect("valid regex")
});

/// A build step, which starts an invocation.
static BUILD: WordRegex =
    WordRegex::new(|| Regex::new(r"^\s*(?:Compiling|Finished) \S").expect("valid regex"));

/// A command line that runs cargo's tests.
static COMMAND: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^\s*(?:PS [^>]*>\s*|\S*[$%#>❯]\s+|\+\s+)?(?:\w+=\S*\s+)*cargo(?:\s+\+\S+)?",
        r"(?:\s+-\S+)*\s+(?:test|t|nextest)\b",
    ))
    .expect("valid regex")
});

/// A test's own line, `test money::tests::rounds ... ok`: the test's name
/// and what follows its dots. Read by hand (the test module holds it to the
/// pattern `^test (\S.*?) \.\.\. ?(.*)$`): most lines of a cargo log are such lines.
fn test_line(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("test ")?;
    let first = rest.chars().next().filter(|c| !c.is_whitespace())?;
    // The first ` ...` after the name's first character ends it.
    let dots = first.len_utf8() + rest[first.len_utf8()..].find(" ...")?;
    let after = &rest[dots + 4..];
    Some((&rest[..dots], after.strip_prefix(' ').unwrap_or(after)))
}

/// A failed test's own line, the header of its captured output, or a failed
/// binary's result line. Panic
/// messages are left out: a passing `#[should_panic]` test prints one too
/// under `--nocapture`.
static FAILURE: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(?:test .+ \.\.\. FAILED\s*$|---- .+ stdout ----\s*$|test result: FAILED\.)")
        .expect("valid regex")
});

/// nextest's start line: `Starting 37 tests across 5 binaries`.
static NEXTEST_START: Prefixed =
    Prefixed::after_blanks("Starting ", r"^\s*Starting \d+ tests? across \d+ binar");

/// nextest's closing summary: `Summary [   1.234s] 37 tests run: 35 passed, 2 failed, 1 skipped`.
static NEXTEST_SUMMARY: Prefixed = Prefixed::after_blanks(
    "Summary [",
    r"^\s*Summary \[\s*(\d+(?:\.\d+)?)s\]\s+\d+(?:/\d+)? tests? run: (.*)$",
);

/// One count of nextest's summary; timed-out tests and ones that would not
/// start are failures too.
static NEXTEST_COUNT: WordRegex = WordRegex::new(|| {
    Regex::new(r"(\d+) (passed|failed|exec failed|timed out|skipped)").expect("valid regex")
});

/// nextest's status lines for a test that did not pass, while running and
/// again in the closing list.
static NEXTEST_FAILURE: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*(?:TRY \d+ )?(?:FAIL|SIGSEGV|SIGABRT|SIGKILL|TIMEOUT|ABORT|LEAK-FAIL) \[")
        .expect("valid regex")
});

/// Reads a cargo test or nextest log with any other runner's runs in it, or
/// `None` when the text is neither.
#[cfg(test)]
pub(super) fn read(text: &str) -> Option<Reading> {
    super::plain::read_runners(super::plain::Runner::Cargo, text)
}

/// The cargo test and nextest runs of a log, or `None` when it has none.
pub(super) fn runs(log: &Log<'_>) -> Option<Reading> {
    let text = log.text();
    let nextest = nextest_runs(log);
    let format =
        if nextest.is_empty() { EvidenceFormat::CargoTest } else { EvidenceFormat::Nextest };
    let mut runs = cargo_test_runs(log);
    runs.extend(nextest);
    if runs.is_empty() {
        return None;
    }
    let mut reading = Reading::of_runs(format, EvidenceKind::Test, runs);
    reading.failure_lines = matching_lines(text, |l| {
        FAILURE.is_match(l) || CARGO_ERROR.is_match(l) || NEXTEST_FAILURE.is_match(l)
    });
    Some(reading)
}

/// One test binary's run: from `running N tests` to its result line.
struct Block {
    /// Its first line (the `Running` line over it, when there is one).
    start: usize,
    /// Whether a `Running` or `Doc-tests` line named its binary.
    named: bool,
    /// The tests it ran.
    names: Vec<String>,
    /// Whether one of them failed.
    failed: bool,
}

/// One `cargo test` invocation, as far as it has been read.
#[derive(Default)]
struct Invocation {
    /// Its first line.
    start: usize,
    /// Its last line read so far.
    end: usize,
    /// Its counts, summed over its binaries' result lines.
    tally: Tally,
    /// How many result lines it has.
    results: usize,
    /// Whether it ran a block at all.
    blocks: bool,
    /// The binaries it ran.
    binaries: HashSet<String>,
    /// The tests its finished blocks ran.
    names: HashSet<String>,
    /// Whether something failed: a result, a test, an error line.
    failed: bool,
    /// Whether it stopped at a compile error.
    compile_error: bool,
    /// Whether cargo ended it (`error: test failed`).
    finished: bool,
    /// Whether a block was still open when it ended.
    cut: bool,
    /// Seconds, summed over result lines.
    seconds: Option<f64>,
}

impl Invocation {
    /// An invocation from line `start`.
    fn new(start: usize) -> Invocation {
        Invocation { start, end: start, ..Invocation::default() }
    }

    /// Whether it holds anything a run is made of.
    fn has_run(&self) -> bool {
        self.blocks || self.compile_error || self.finished
    }

    /// Adds a finished block and its result line.
    fn add(&mut self, block: Block, end: usize, tally: Tally, failed: bool, secs: Option<f64>) {
        self.results += 1;
        self.blocks = true;
        self.tally.add(tally);
        self.failed |= failed || block.failed || tally.failed > 0;
        self.names.extend(block.names);
        self.seconds = match (self.seconds, secs) {
            (Some(a), Some(b)) => Some(((a + b) * 1000.0).round() / 1000.0),
            (a, b) => a.or(b),
        };
        self.end = end;
    }

    /// Whether `block` runs again tests an earlier block ran: two or more
    /// tests, every one of which ran before, in a block no `Running` line
    /// names (a log of stdout only). Anything less is summed: two test files
    /// may share a test's name, and summing can only keep a failure.
    fn reruns(&self, block: &Block) -> bool {
        !block.named && block.names.len() >= 2 && block.names.iter().all(|n| self.names.contains(n))
    }

    /// The run it makes, or `None` when it holds none.
    fn into_run(self) -> Option<Run> {
        if !self.has_run() {
            return None;
        }
        let complete = self.compile_error || self.finished || (self.results > 0 && !self.cut);
        let mut run = if self.results > 0 {
            self.tally.run(SUITE, self.start, self.end)
        } else {
            Run { start_line: self.start, ..Run::new(SUITE, Outcome::Unknown, self.end) }
        };
        run.seconds = self.seconds;
        run.complete = complete;
        if self.failed || self.compile_error {
            run.outcome = Outcome::Fail;
            if self.compile_error && self.results == 0 {
                run.note = Some("did not compile".to_string());
            }
        } else if !complete {
            run.outcome = Outcome::Unknown;
            run.note = Some("cut off before its results".to_string());
        } else if run.outcome == Outcome::Unknown {
            run.note = Some("no test ran".to_string());
        }
        Some(run)
    }
}

/// The `cargo test` invocations of a log, one run each.
fn cargo_test_runs(log: &Log<'_>) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut inv = Invocation::new(1);
    let mut block: Option<Block> = None;
    let mut header: Option<usize> = None;
    let restart = |inv: &mut Invocation, runs: &mut Vec<Run>, at: usize| {
        let done = std::mem::replace(inv, Invocation::new(at));
        runs.extend(done.into_run());
    };
    for (i, line) in log.lines().iter().enumerate() {
        let n = i + 1;
        let trimmed = line.trim_start();
        if line.contains("cargo") && COMMAND.is_match(line) && !line.starts_with("test ") {
            close_block(&mut inv, block.take());
            restart(&mut inv, &mut runs, n);
        } else if trimmed.starts_with(['C', 'F']) && BUILD.is_match(line) {
            if inv.has_run() {
                close_block(&mut inv, block.take());
                restart(&mut inv, &mut runs, n);
            }
        } else if let Some(caps) =
            trimmed.starts_with(['R', 'D']).then(|| captures(&BINARY, line)).flatten()
        {
            let key = caps.iter().skip(1).flatten().next().map_or("", |m| m.as_str());
            let key = format!("{}{key}", if caps.get(2).is_some() { "doc-tests " } else { "" });
            close_block(&mut inv, block.take());
            if inv.finished || inv.binaries.contains(&key) {
                restart(&mut inv, &mut runs, n);
            }
            inv.binaries.insert(key);
            header = Some(n);
            inv.end = n;
        } else if RUNNING.is_match(line) {
            close_block(&mut inv, block.take());
            let start = header.take().unwrap_or(n);
            if inv.finished {
                restart(&mut inv, &mut runs, start);
            }
            inv.blocks = true;
            block = Some(Block { start, named: start != n, names: Vec::new(), failed: false });
            inv.end = n;
        } else if let Some((name, result)) = test_line(line) {
            if let Some(open) = block.as_mut() {
                open.names.push(name.to_string());
                open.failed |= result.starts_with("FAILED");
            }
        } else if let Some(caps) = RESULT.captures(line) {
            let open = block.take().unwrap_or_else(|| Block {
                start: header.take().unwrap_or(n),
                named: false,
                names: Vec::new(),
                failed: false,
            });
            if inv.reruns(&open) || inv.finished {
                restart(&mut inv, &mut runs, open.start);
            }
            let tally = Tally {
                passed: count(&caps[2]),
                failed: count(&caps[3]),
                skipped: count(&caps[4]),
            };
            let secs = caps.get(5).and_then(|m| seconds(m.as_str(), "s"));
            inv.add(open, n, tally, &caps[1] == "FAILED", secs);
        } else if CARGO_ERROR.is_match(line) {
            inv.failed = true;
            inv.compile_error |=
                line.starts_with("error[E") || line.starts_with("error: could not compile");
            if line.starts_with("error: test failed")
                || (line.starts_with("error: ") && line.contains(" failed:"))
            {
                close_block(&mut inv, block.take());
                inv.finished = true;
            }
            if inv.has_run() {
                inv.end = n;
            }
        }
    }
    if let Some(open) = block.take() {
        inv.cut = true;
        inv.failed |= open.failed;
        inv.end = log.lines().len().max(inv.end);
    }
    runs.extend(inv.into_run());
    runs
}

/// Ends a block that never printed its result line (its binary crashed, or
/// the log moved on): the invocation fails if a test in it failed, and did
/// not finish cleanly.
fn close_block(inv: &mut Invocation, block: Option<Block>) {
    if let Some(block) = block {
        inv.cut = true;
        inv.failed |= block.failed;
        inv.names.extend(block.names);
    }
}

/// nextest's runs: each from `Starting` to its `Summary` line.
fn nextest_runs(log: &Log<'_>) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut open: Option<(usize, bool)> = None;
    let mut prev_end = 0;
    let mut after_summary = false;
    for (i, line) in log.lines().iter().enumerate() {
        let n = i + 1;
        if NEXTEST_START.is_match(line) {
            if let Some((start, failed)) = open.take() {
                runs.push(cut_nextest(start, n - 1, failed));
            }
            open = Some((n, false));
            after_summary = false;
        } else if let Some(caps) = NEXTEST_SUMMARY.captures(line) {
            let (start, _) = open.take().unwrap_or((prev_end + 1, false));
            let mut tally = Tally::default();
            for count_caps in NEXTEST_COUNT.captures_iter(&caps[2]) {
                let k = count(&count_caps[1]);
                let slot = match &count_caps[2] {
                    "passed" => &mut tally.passed,
                    "skipped" => &mut tally.skipped,
                    _ => &mut tally.failed,
                };
                *slot = slot.saturating_add(k);
            }
            let mut run = tally.run(SUITE, start, n);
            run.seconds = seconds(&caps[1], "s");
            if run.outcome == Outcome::Unknown {
                run.note = Some("no test ran".to_string());
            }
            runs.push(run);
            prev_end = n;
            after_summary = true;
        } else if line.starts_with("error: test run failed") {
            match (open.as_mut(), runs.last_mut()) {
                (Some(open), _) => open.1 = true,
                (None, Some(last)) if after_summary => last.outcome = Outcome::Fail,
                _ => {}
            }
        } else if let Some(open) = open.as_mut().filter(|_| NEXTEST_FAILURE.is_match(line)) {
            open.1 = true;
        }
    }
    if let Some((start, failed)) = open {
        runs.push(cut_nextest(start, log.lines().len().max(start), failed));
    }
    runs
}

/// A nextest run cut off before its summary.
fn cut_nextest(start: usize, end: usize, failed: bool) -> Run {
    let outcome = if failed { Outcome::Fail } else { Outcome::Unknown };
    Run {
        start_line: start,
        end_line: end.max(start),
        complete: false,
        note: Some("cut off before its summary".to_string()),
        ..Run::new(SUITE, outcome, end.max(start))
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The pattern [`test_line`] reads by hand.
    static TEST: Prefixed = Prefixed::new("test ", r"^test (\S.*?) \.\.\. ?(.*)$");

    /// The test line read by hand is the one the pattern reads.
    #[test]
    fn a_test_line_reads_as_its_pattern_does() {
        let lines = [
            "test cart::total ... ok",
            "test cart::total ... FAILED",
            "test cart::total ...ok",
            "test cart::total ...",
            "test a ... b ... ok",
            "test  spaced ... ok",
            "test \u{a0}nbsp ... ok",
            "test é ... ok",
            "test x... ok",
            "test x ... ",
            "test x ...  two spaces",
            "test  ... ok",
            "test ... ok",
            "test ",
            "test",
            "tests x ... ok",
            " test x ... ok",
            "test src/lib.rs - Cart::new (line 12) ... ignored",
            "test 日本 ... ok\r",
        ];
        let fixtures = FIXTURES.concat();
        for line in fixtures.lines().chain(lines) {
            let by_pattern = TEST.captures(line).map(|c| {
                (c.get(1).map_or("", |m| m.as_str()), c.get(2).map_or("", |m| m.as_str()))
            });
            assert_eq!(test_line(line), by_pattern, "{line:?}");
        }
    }

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

    /// A failing invocation, a fix, and a rebuild that passes.
    pub(crate) const RERUN_AFTER_FIX: &str = r#"$ cargo test
   Compiling tally v0.2.0 (/home/dev/tally)
    Finished `test` profile [unoptimized + debuginfo] target(s) in 3.10s
     Running unittests src/lib.rs (target/debug/deps/tally-9c0d2e1f3a4b5c6d)

running 2 tests
test parse::tests::reads_negative ... FAILED
test parse::tests::reads_plain ... ok

failures:

---- parse::tests::reads_negative stdout ----
thread 'parse::tests::reads_negative' panicked at src/parse.rs:40:9:
assertion failed: parse("-3").is_ok()

failures:
    parse::tests::reads_negative

test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

error: test failed, to rerun pass `--lib`
   Compiling tally v0.2.0 (/home/dev/tally)
    Finished `test` profile [unoptimized + debuginfo] target(s) in 1.02s
     Running unittests src/lib.rs (target/debug/deps/tally-9c0d2e1f3a4b5c6d)

running 2 tests
test parse::tests::reads_negative ... ok
test parse::tests::reads_plain ... ok

test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

     Running tests/cli.rs (target/debug/deps/cli-1a2b3c4d5e6f7a8b)

running 1 test
test prints_version ... ok

test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.02s

"#;

    /// Only stdout saved (`cargo test > out.txt`): no `Running` lines, two
    /// binaries, then the first binary's tests again after a fix.
    pub(crate) const STDOUT_ONLY: &str = "
running 3 tests
test money::adds ... ok
test money::rounds ... FAILED
test money::splits ... ok

test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s


running 3 tests
test money::adds ... ok
test money::rounds ... ok
test money::splits ... ok

test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s


running 2 tests
test exports_csv ... ok
test exports_json ... ok

test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.30s

";

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] = &[
        WORKSPACE_PASS,
        FAILING_WINDOWS,
        COMPILE_ERROR,
        NEXTEST_PASS,
        NEXTEST_FAIL,
        RERUN_AFTER_FIX,
        STDOUT_ONLY,
    ];

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
    fn one_invocation_is_one_run_over_its_binaries() {
        let reading = read(WORKSPACE_PASS).unwrap();
        assert_eq!(reading.runs.len(), 1);
        let run = &reading.runs[0];
        assert_eq!((run.suite.as_str(), run.start_line, run.end_line), ("cargo", 1, 28));
        assert_eq!(run.seconds.map(|s| (s * 100.0).round()), Some(63.0));
    }

    #[test]
    fn a_rebuild_after_results_starts_a_rerun() {
        let reading = read(RERUN_AFTER_FIX).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed), (Some(3), Some(0)));
        let outcomes: Vec<Outcome> = reading.runs.iter().map(|r| r.outcome).collect();
        assert_eq!(outcomes, [Outcome::Fail, Outcome::Pass]);
        assert_eq!(reading.runs[1].start_line, 22);
        // Without the rebuild, the same binary running again is the rerun.
        let no_build: String = RERUN_AFTER_FIX
            .lines()
            .filter(|l| {
                !l.contains("Compiling") && !l.contains("Finished") && !l.starts_with("error:")
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let reading = read(&no_build).unwrap();
        assert_eq!((reading.outcome, reading.runs.len()), (Outcome::Pass, 2));
    }

    #[test]
    fn stdout_only_binaries_are_summed_but_the_same_tests_again_are_a_rerun() {
        let reading = read(STDOUT_ONLY).unwrap();
        assert_eq!(reading.runs.len(), 2);
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed), (Some(5), Some(0)));
        // Two binaries of distinct tests, one failing: one failing run.
        let blocks: Vec<&str> = STDOUT_ONLY.split("\n\n\n").collect();
        let two_binaries = format!("{}\n\n\n{}", blocks[0], blocks[2]);
        let reading = read(&two_binaries).unwrap();
        assert_eq!((reading.runs.len(), reading.outcome), (1, Outcome::Fail));
        assert_eq!((reading.passed, reading.failed), (Some(4), Some(1)));
    }

    #[test]
    fn binaries_sharing_a_test_name_are_not_a_rerun() {
        let two_files = "running 1 test\ntest it_works ... FAILED\n\ntest result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n\n\
                         running 1 test\ntest it_works ... ok\n\ntest result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n";
        let reading = read(two_files).unwrap();
        assert_eq!((reading.runs.len(), reading.outcome), (1, Outcome::Fail));
        assert_eq!((reading.passed, reading.failed), (Some(1), Some(1)));
    }

    #[test]
    fn compile_error_then_a_passing_rerun_passes() {
        let log = format!("{COMPILE_ERROR}{WORKSPACE_PASS}");
        let reading = read(&log).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!(reading.runs[0].note.as_deref(), Some("did not compile"));
        assert_eq!(reading.runs.len(), 2);
        let reading = read(COMPILE_ERROR).unwrap();
        assert_eq!(reading.note.as_deref(), Some("did not compile"));
    }

    #[test]
    fn cut_off_invocation_is_unknown_unless_a_test_failed() {
        let cut = "     Running unittests src/lib.rs (target/debug/deps/tally-9c0d)\r\n\r\nrunning 5 tests\r\ntest a ... ok\r\ntest b ... ok\r\n";
        let reading = read(cut).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.note.as_deref(), Some("cut off before its results"));
        assert!(!reading.runs[0].complete);
        let failing = cut.replace("test b ... ok", "test b ... FAILED");
        assert_eq!(read(&failing).unwrap().outcome, Outcome::Fail);
        // Earlier binaries passed, the last one was cut: not a pass.
        let partial =
            format!("{}{cut}", &WORKSPACE_PASS[..WORKSPACE_PASS.find("   Doc-tests").unwrap()]);
        assert_eq!(read(&partial).unwrap().outcome, Outcome::Unknown);
    }

    #[test]
    fn packages_named_by_the_command_are_scopes() {
        let log = format!(
            "$ cargo test -p ledger-core\n{}$ cargo test -p ledger-cli\n{}",
            &FAILING_WINDOWS[FAILING_WINDOWS.find("   Compiling").unwrap()..],
            &WORKSPACE_PASS[WORKSPACE_PASS.find("   Compiling").unwrap()..]
        );
        let reading = read(&log).unwrap();
        let scopes: Vec<Option<&str>> = reading.runs.iter().map(|r| r.scope.as_deref()).collect();
        assert_eq!(scopes, [Some("ledger-core"), Some("ledger-cli")]);
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed), (Some(8), Some(1)));
    }

    #[test]
    fn nextest_reruns_keep_the_last_summary() {
        let log = format!(
            "{NEXTEST_FAIL}$ cargo nextest run\n{}",
            &NEXTEST_PASS[NEXTEST_PASS.find("    Finished").unwrap()..]
        );
        let reading = read(&log).unwrap();
        assert_eq!(reading.format.as_str(), "nextest");
        assert_eq!(
            (reading.outcome, reading.passed, reading.failed),
            (Outcome::Pass, Some(37), Some(0))
        );
        assert_eq!(reading.runs.len(), 2);
        let cut = "    Starting 12 tests across 2 binaries\n        PASS [   0.004s] core a\n";
        let reading = read(cut).unwrap();
        assert_eq!((reading.outcome, reading.runs[0].complete), (Outcome::Unknown, false));
    }

    #[test]
    fn ignores_logs_of_other_runners() {
        assert_eq!(read("===== 48 passed in 3.21s ====="), None);
        assert_eq!(read("--- FAIL: TestParse (0.00s)\nFAIL\tledger/parse\t0.012s"), None);
        assert_eq!(read("Deploy failed\nerror: exit code 1"), None);
        assert_eq!(read("Running 9 tests using 2 workers\n  9 passed (4.1s)\n"), None);
        assert_eq!(
            read("$ cargo build --release\n   Compiling tally v0.2.0\n    Finished release\n"),
            None
        );
    }
}
