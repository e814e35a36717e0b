//! Console summaries of test runners that have no reader of their own:
//! Maven Surefire, Gradle, RSpec, Python's unittest (and Django's test
//! command), PHPUnit, Mocha, `dotnet test`, Deno and `bun test`.
//!
//! Each runner is read only by its exact summary shapes, anchored at a line's
//! start after optional blanks and a Maven-style `[INFO] ` prefix, so a
//! sentence that says "ran 3 tests" is never a run. Every summary closes one
//! run of the runner's suite; a later summary of the same suite (and scope) is
//! a rerun, and `settle` keeps the last complete one. A summary that is cut
//! off before its verdict is an incomplete run: it fails if it already shows a
//! failure and is unknown otherwise, never a pass. The runners are tried in a
//! fixed order and the first that finds a run reads the log.

use memchr::memmem;
use regex::Regex;

use super::lines::count;
use super::plain::{Log, seconds};
use super::{Outcome, Reading, Tally};
use crate::model::{EvidenceFormat, EvidenceKind, Run};
use crate::text::Prefixed;
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// What one runner found in a log: its runs and the lines naming failures.
struct Found {
    /// The runs, in log order.
    runs: Vec<Run>,
    /// 1-based lines that record failures.
    failure_lines: Vec<usize>,
}

/// Reads a log of one of these runners, or `None` when it shows none of their
/// summaries.
pub(super) fn read(text: &str) -> Option<Reading> {
    let mut readers = READERS
        .iter()
        .filter(|(_, words)| {
            words.iter().any(|w| memmem::find(text.as_bytes(), w.as_bytes()).is_some())
        })
        .peekable();
    // Most logs that come this far are no runner's: their lines are not cut.
    readers.peek()?;
    let log = Log::new(text);
    let found = readers.find_map(|(reader, _)| reader(&log).filter(|f| !f.runs.is_empty()))?;
    let mut reading = Reading::of_runs(EvidenceFormat::PlainTests, EvidenceKind::Test, found.runs);
    reading.failure_lines = found.failure_lines;
    Some(reading)
}

/// A runner's reader and the words that every line it can make a run of
/// holds (a summary, a verdict, a test task): a log without one of them
/// gives that reader no run, so it is not read. The readers are tried in
/// this order.
type Reader = (fn(&Log) -> Option<Found>, &'static [&'static str]);

/// The readers, each with its words: see [`Reader`].
const READERS: [Reader; 10] = [
    // `Tests run: 12, …`; `BUILD FAILURE` after the plugin's header.
    (maven, &["Tests run: ", "BUILD "]),
    // `> Task :test`; `12 tests completed, 2 failed`.
    (gradle, &["> Task :", "completed"]),
    // `Passed!  - Failed: …`, `Failed!  - …`; `Total tests: 42`.
    (dotnet, &["Passed!", "Failed!", "Total tests: "]),
    // `OK (12 tests, …)`; `Tests: 12, Assertions: …`.
    (phpunit, &["OK (", "Tests: "]),
    // `Ran 42 tests in 1.234s`.
    (unittest, &["Ran "]),
    // `120 examples, 2 failures`.
    (rspec, &["example"]),
    // `ok | 12 passed | 0 failed (1s)`.
    (deno, &[" | "]),
    // `Ran 13 tests across 3 files.`
    (bun, &["Ran "]),
    // `12 passing (2s)`.
    (mocha, &["passing ("]),
    // `✔  All specs passed!`, `✖  1 of 2 failed (50%)`.
    (cypress, &["\u{2714}", "\u{2716}"]),
];

/// A line without its leading blanks and a `[INFO] `, `[ERROR] `,
/// `[WARNING] ` or `[WARN] ` prefix, and without trailing blanks.
fn bare(line: &str) -> &str {
    let line = line.trim();
    ["[INFO]", "[ERROR]", "[WARNING]", "[WARN]"]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .map_or(line, str::trim_start)
}

/// Counts of a summary: passed is what remains of `total` once failures and
/// skips are taken away.
fn tally(total: u64, failed: u64, skipped: u64) -> Tally {
    Tally { passed: total.saturating_sub(failed).saturating_sub(skipped), failed, skipped }
}

/// A complete run of `suite` with these counts; one in which no test passed
/// or failed says so.
fn counted(suite: &str, tally: Tally, start: usize, end: usize) -> Run {
    let mut run = tally.run(suite, start.min(end), end);
    if tally.passed == 0 && tally.failed == 0 {
        run.note = Some("no test ran".to_string());
    }
    run
}

/// A run of `suite` that never reached its summary: it fails when it already
/// shows a failure and is unknown otherwise.
fn cut_off(suite: &str, failed: bool, start: usize, end: usize, note: &str) -> Run {
    let outcome = if failed { Outcome::Fail } else { Outcome::Unknown };
    Run {
        start_line: start.min(end),
        end_line: end,
        complete: false,
        note: Some(note.to_string()),
        ..Run::new(suite, outcome, end)
    }
}

/// Surefire's (and Failsafe's) count line: `Tests run: 120, Failures: 2,
/// Errors: 1, Skipped: 3`, with `, Time elapsed: …` after on a class's line.
static MAVEN_TESTS: Prefixed = Prefixed::new(
    "Tests run: ",
    r"^Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)(,.*)?$",
);

/// The plugin header naming the module it tests:
/// `--- maven-surefire-plugin:3.2.5:test (default-test) @ ledger-core ---`,
/// or the newer `--- surefire:3.2.5:test (default-test) @ ledger-core ---`.
static MAVEN_PLUGIN: Prefixed =
    Prefixed::new("-", r"^-+ (?:maven-)?(surefire|failsafe)(?:-plugin)?:\S+ .*@ (\S+) -+$");

/// The block that holds the total: `Results:` (Surefire 3), `Results :` (2.x).
static MAVEN_RESULTS: Prefixed = Prefixed::new("Results", r"^Results ?:$");

/// Maven's verdict on the build.
static MAVEN_BUILD: Prefixed = Prefixed::new("BUILD ", r"^BUILD (SUCCESS|FAILURE)$");

/// A Maven build: one run per `Results:` total (per module and plugin), never
/// the per-class lines summed. `BUILD FAILURE` fails the build's last run even
/// with no test failed; a build that ran Surefire but no test is unknown.
fn maven(log: &Log) -> Option<Found> {
    let mut runs: Vec<Run> = Vec::new();
    let mut failure_lines = Vec::new();
    let mut start = 1;
    let mut scope: Option<String> = None;
    let mut in_results = false;
    // Per-class lines since the last total: whether any failed, the last line.
    let mut classes: Option<(bool, usize)> = None;
    let mut surefire = false;
    let mut build_start = 0;
    let mut seen = false;
    for (i, raw) in log.lines().iter().enumerate() {
        let n = i + 1;
        let line = bare(raw);
        if let Some(caps) = MAVEN_PLUGIN.captures(line) {
            if let Some((failed, last)) = classes.take() {
                runs.push(scoped(cut_off("maven", failed, start, last, NO_TOTAL), &scope));
            }
            let plugin = &caps[1];
            let module = caps[2].to_ascii_lowercase();
            scope =
                Some(if plugin == "failsafe" { format!("{module} (failsafe)") } else { module });
            surefire = true;
            in_results = false;
            start = n;
        } else if line == "T E S T S" {
            surefire = true;
        } else if MAVEN_RESULTS.is_match(line) {
            in_results = true;
        } else if let Some(caps) = MAVEN_TESTS.captures(line) {
            seen = true;
            let failed = count(&caps[2]).saturating_add(count(&caps[3]));
            if failed > 0 {
                failure_lines.push(n);
            }
            let per_class = caps.get(5).is_some_and(|tail| tail.as_str().contains("Time elapsed"));
            if in_results || !per_class {
                let t = tally(count(&caps[1]), failed, count(&caps[4]));
                runs.push(scoped(counted("maven", t, start, n), &scope));
                classes = None;
                in_results = false;
                start = n + 1;
            } else {
                let (any, _) = classes.unwrap_or((false, n));
                classes = Some((any || failed > 0, n));
            }
        } else if let Some(caps) = MAVEN_BUILD.captures(line) {
            if let Some((failed, last)) = classes.take() {
                runs.push(scoped(cut_off("maven", failed, start, last, NO_TOTAL), &scope));
            }
            let tested = runs.len() > build_start;
            if &caps[1] == "FAILURE" {
                if let Some(run) = runs.last_mut().filter(|_| tested) {
                    if run.outcome != Outcome::Fail {
                        run.outcome = Outcome::Fail;
                        run.complete = true;
                        run.note = Some("BUILD FAILURE".to_string());
                    }
                } else if surefire || seen {
                    // A rebuild that broke before its tests stands in for the
                    // module tested last, so that a later passing build can
                    // replace it in turn.
                    let mut run = Run::new("maven", Outcome::Fail, n);
                    run.start_line = start.min(n);
                    run.scope = scope.clone().or_else(|| runs.last().and_then(|r| r.scope.clone()));
                    run.note = Some("BUILD FAILURE before any test total".to_string());
                    runs.push(run);
                }
            } else if !tested && surefire {
                let mut run = Run::new("maven", Outcome::Unknown, n);
                run.start_line = start.min(n);
                run.note = Some("no test ran".to_string());
                runs.push(scoped(run, &scope));
            }
            build_start = runs.len();
            surefire = false;
            in_results = false;
            scope = None;
            start = n + 1;
        }
    }
    if let Some((failed, last)) = classes {
        runs.push(scoped(cut_off("maven", failed, start, last, NO_TOTAL), &scope));
    }
    Some(Found { runs, failure_lines })
}

/// Why a Maven run of class lines has no counts.
const NO_TOTAL: &str = "cut off before the Results total";

/// The run with the module it tested, when the log named one.
fn scoped(mut run: Run, scope: &Option<String>) -> Run {
    run.scope.clone_from(scope);
    run
}

/// A test task's line: `> Task :test`, `> Task :app:test FAILED`,
/// `> Task :integrationTest UP-TO-DATE`.
static GRADLE_TASK: Prefixed = Prefixed::new(
    "> Task :",
    r"^> Task :(?:[\w.-]+:)*\w*[tT]est(?: (FAILED|UP-TO-DATE|NO-SOURCE|SKIPPED|FROM-CACHE))?$",
);

/// Gradle's count line, printed when tests failed: `120 tests completed, 2
/// failed, 1 skipped`.
static GRADLE_COUNTS: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(\d+) tests? completed(?:, (\d+) failed)?(?:, (\d+) skipped)?$")
        .expect("valid regex")
});

/// Gradle's verdict: `BUILD SUCCESSFUL in 12s`, `BUILD FAILED in 3s`.
static GRADLE_BUILD: Prefixed = Prefixed::new("BUILD ", r"^BUILD (SUCCESSFUL|FAILED) in \d[\w.]*$");

/// A failed test as Gradle lists it: `CartTest > totalIncludesTax() FAILED`.
static GRADLE_TEST_FAILED: WordRegex =
    WordRegex::new(|| Regex::new(r"^\S.* > .+ FAILED$").expect("valid regex"));

/// A Gradle build: one run per build verdict that ran a test task or printed
/// counts. It passes only when the build succeeded and a test task ran.
fn gradle(log: &Log) -> Option<Found> {
    let mut runs = Vec::new();
    let mut failure_lines = Vec::new();
    let mut start = 1;
    // The test task's state in this build: `Some(None)` when it ran.
    let mut task: Option<Option<String>> = None;
    let mut counts: Option<Tally> = None;
    let mut failed_seen = false;
    for (i, raw) in log.lines().iter().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if let Some(caps) = GRADLE_TASK.captures(line) {
            let state = caps.get(1).map(|m| m.as_str().to_string());
            if state.as_deref() == Some("FAILED") {
                failure_lines.push(n);
                failed_seen = true;
            }
            // A failed task outranks one that ran, which outranks one that
            // was up to date or had no source.
            if task.as_ref().is_none_or(|t| task_rank(t.as_deref()) <= task_rank(state.as_deref()))
            {
                task = Some(state);
            }
        } else if let Some(caps) = captures(&GRADLE_COUNTS, line) {
            let failed = caps.get(2).map_or(0, |m| count(m.as_str()));
            let skipped = caps.get(3).map_or(0, |m| count(m.as_str()));
            counts = Some(tally(count(&caps[1]), failed, skipped));
            failed_seen |= failed > 0;
        } else if GRADLE_TEST_FAILED.is_match(line) && task.is_some() {
            failure_lines.push(n);
            failed_seen = true;
        } else if let Some(caps) = GRADLE_BUILD.captures(line) {
            if task.is_some() || counts.is_some() {
                runs.push(gradle_run(&caps[1] == "SUCCESSFUL", task.take(), counts, start, n));
            }
            task = None;
            counts = None;
            failed_seen = false;
            start = n + 1;
        }
    }
    if task.is_some() || counts.is_some() {
        let end = log.lines().len().max(start);
        runs.push(cut_off("gradle", failed_seen, start, end, "cut off before the BUILD result"));
    }
    Some(Found { runs, failure_lines })
}

/// How much a test task's state says tests ran: failed, then ran, then not.
fn task_rank(state: Option<&str>) -> u8 {
    match state {
        Some("FAILED") => 2,
        None => 1,
        Some(_) => 0,
    }
}

/// One Gradle build's run from its verdict, its test task and its counts.
fn gradle_run(
    successful: bool,
    task: Option<Option<String>>,
    counts: Option<Tally>,
    start: usize,
    end: usize,
) -> Run {
    let mut run = match counts {
        Some(t) => counted("gradle", t, start, end),
        None => Run { start_line: start.min(end), ..Run::new("gradle", Outcome::Unknown, end) },
    };
    if !successful {
        run.outcome = Outcome::Fail;
        if counts.is_none_or(|t| t.failed == 0) {
            run.note = Some("BUILD FAILED".to_string());
        }
    } else if counts.is_none() {
        match task.flatten() {
            Some(state) if state == "FAILED" => run.outcome = Outcome::Fail,
            None => {
                run.outcome = Outcome::Pass;
                run.note = Some("test task ran; Gradle prints no counts on success".to_string());
            }
            Some(state) => {
                run.note = Some(format!("test task {}; no test ran", state.to_lowercase()));
            }
        }
    }
    run
}

/// unittest's count line: `Ran 42 tests in 1.234s`.
static UNITTEST_RAN: Prefixed = Prefixed::new("Ran ", r"^Ran (\d+) tests? in (\d+(?:\.\d+)?)s$");

/// unittest's verdict: `OK`, `OK (skipped=2)`, `FAILED (failures=2,
/// errors=1)`, `NO TESTS RAN`.
static UNITTEST_VERDICT: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(?:(OK)(?: \(([\w ]+=\d+(?:, [\w ]+=\d+)*)\))?|(FAILED) \(([\w ]+=\d+(?:, [\w ]+=\d+)*)\)|(NO TESTS RAN))$")
        .expect("valid regex")
});

/// One `name=N` pair of a verdict.
static PAIR: WordRegex = WordRegex::new(|| Regex::new(r"([a-z ]+)=(\d+)").expect("valid regex"));

/// A failed test's header: `FAIL: test_total (tests.test_cart.CartTest)`.
static UNITTEST_FAILURE: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(?:FAIL|ERROR|UNEXPECTED SUCCESS): \S+ \(").expect("valid regex")
});

/// How many lines after `Ran N tests` the verdict may come (blank lines).
const VERDICT_WINDOW: usize = 4;

/// unittest (and `manage.py test`): one run per `Ran N tests` line and the
/// verdict after it. A count with no verdict is cut off.
fn unittest(log: &Log) -> Option<Found> {
    let lines = log.lines();
    let mut runs = Vec::new();
    let failure_lines: Vec<usize> =
        (1..=lines.len()).filter(|&n| UNITTEST_FAILURE.is_match(lines[n - 1].trim_end())).collect();
    let mut start = 1;
    for (i, raw) in lines.iter().enumerate() {
        let n = i + 1;
        let Some(caps) = UNITTEST_RAN.captures(raw.trim()) else { continue };
        let ran = count(&caps[1]);
        let secs = seconds(&caps[2], "s");
        let verdict = lines[n..]
            .iter()
            .take(VERDICT_WINDOW)
            .enumerate()
            .find(|(_, l)| !l.trim().is_empty())
            .and_then(|(j, l)| captures(&UNITTEST_VERDICT, l.trim()).map(|c| (n + 1 + j, c)));
        // The failure lines are in order: one search, not a scan per run.
        let first = failure_lines.partition_point(|&f| f < start);
        let failed_before = failure_lines.get(first).is_some_and(|&f| f < n);
        let closed = verdict.is_some();
        let mut run = match verdict {
            None => cut_off("unittest", failed_before, start, n, "cut off before its verdict"),
            Some((end, v)) => {
                let pairs = v.get(2).or(v.get(4)).map_or("", |m| m.as_str());
                let mut failed = 0u64;
                let mut skipped = 0u64;
                let mut expected = 0u64;
                for p in PAIR.captures_iter(pairs) {
                    let value = count(&p[2]);
                    match p[1].trim() {
                        "failures" | "errors" | "unexpected successes" => {
                            failed = failed.saturating_add(value);
                        }
                        "skipped" => skipped = skipped.saturating_add(value),
                        "expected failures" => expected = expected.saturating_add(value),
                        _ => {}
                    }
                }
                let t = tally(ran.saturating_sub(expected), failed, skipped);
                let mut run = counted("unittest", t, start, end);
                if v.get(3).is_some() && run.outcome != Outcome::Fail {
                    run.outcome = Outcome::Fail;
                    run.note = Some("FAILED".to_string());
                }
                start = end + 1;
                run
            }
        };
        run.seconds = secs;
        if !closed {
            start = n + 1;
        }
        runs.push(run);
    }
    Some(Found { runs, failure_lines })
}

/// RSpec's summary: `120 examples, 2 failures, 3 pending`, maybe with `, 1
/// error occurred outside of examples`.
static RSPEC_SUMMARY: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(\d+) examples?, (\d+) failures?(?:, (\d+) pending)?(?:, (\d+) errors? occurred outside of examples)?$")
        .expect("valid regex")
});

/// A failed example's rerun line: `rspec ./spec/cart_spec.rb:12 # Cart totals`.
static RSPEC_FAILURE: Prefixed = Prefixed::new("rspec ", r"^rspec \S+:\d+");

/// RSpec: one run per summary line; pending examples are skipped and an error
/// outside of examples fails the run.
fn rspec(log: &Log) -> Option<Found> {
    let mut runs = Vec::new();
    let mut failure_lines = Vec::new();
    let mut start = 1;
    for (i, raw) in log.lines().iter().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if RSPEC_FAILURE.is_match(line) {
            failure_lines.push(n);
        } else if let Some(caps) = captures(&RSPEC_SUMMARY, line) {
            let examples = count(&caps[1]);
            let failures = count(&caps[2]);
            let pending = caps.get(3).map_or(0, |m| count(m.as_str()));
            let outside = caps.get(4).map_or(0, |m| count(m.as_str()));
            let mut run = counted("rspec", tally(examples, failures, pending), start, n);
            if outside > 0 {
                run.outcome = Outcome::Fail;
                run.failed = Some(failures.saturating_add(outside));
                run.note = Some("errors occurred outside of examples".to_string());
            }
            runs.push(run);
            start = n + 1;
        }
    }
    Some(Found { runs, failure_lines })
}

/// `dotnet test`'s line per test project: `Passed!  - Failed:     0, Passed:
/// 42, Skipped:     0, Total:    42, Duration: 1 s - App.Tests.dll (net8.0)`.
static DOTNET_SUMMARY: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^(Passed|Failed)!\s+-\s+Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+),",
        r"\s*Total:\s*(\d+)(?:,\s*Duration:[^-]*)?(?:\s+-\s+(.+))?$",
    ))
    .expect("valid regex")
});

/// The older vstest summary: `Total tests: 42. Passed: 40. Failed: 2.
/// Skipped: 0.`
static DOTNET_OLD: Prefixed = Prefixed::new(
    "Total tests: ",
    r"^Total tests: (\d+)\. Passed: (\d+)\. Failed: (\d+)\. Skipped: (\d+)\.?$",
);

/// The older vstest block's first line: `Total tests: 42`.
static DOTNET_TOTAL: Prefixed = Prefixed::new("Total tests: ", r"^Total tests: (\d+)$");

/// A line of the older vstest block: `Passed: 40`, `Failed: 2`, `Skipped: 0`.
static DOTNET_PART: WordRegex =
    WordRegex::new(|| Regex::new(r"^(Passed|Failed|Skipped): (\d+)$").expect("valid regex"));

/// How many lines after `Total tests: N` its parts may take.
const DOTNET_WINDOW: usize = 3;

/// A failed test as vstest lists it: `Failed App.Tests.CartTest.Total [12 ms]`.
static DOTNET_FAILURE: Prefixed = Prefixed::new("Failed ", r"^Failed \S+ \[[^\]]+\]$");

/// `dotnet test`: one run per test project's summary line, scoped by its
/// assembly, so projects add up and a rerun of one replaces it.
fn dotnet(log: &Log) -> Option<Found> {
    let mut runs: Vec<Run> = Vec::new();
    let mut run_failed: Option<usize> = None;
    let mut failure_lines = Vec::new();
    let mut start = 1;
    let lines = log.lines();
    for (i, raw) in lines.iter().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if let Some(caps) = captures(&DOTNET_SUMMARY, line) {
            let failed = count(&caps[2]);
            let t = Tally { passed: count(&caps[3]), failed, skipped: count(&caps[4]) };
            let mut run = counted("dotnet", t, start, n);
            run.scope = caps.get(6).map(|m| m.as_str().trim().to_ascii_lowercase());
            if &caps[1] == "Failed" {
                failure_lines.push(n);
                if run.outcome != Outcome::Fail {
                    run.outcome = Outcome::Fail;
                    run.note = Some("Failed!".to_string());
                }
            }
            runs.push(run);
            start = n + 1;
        } else if let Some(caps) = DOTNET_OLD.captures(line) {
            let failed = count(&caps[3]);
            if failed > 0 {
                failure_lines.push(n);
            }
            let t = Tally { passed: count(&caps[2]), failed, skipped: count(&caps[4]) };
            let mut run = counted("dotnet", t, start, n);
            if run_failed.take().is_some() {
                fail_run(&mut run, "Test Run Failed.");
            }
            runs.push(run);
            start = n + 1;
        } else if let Some(caps) = DOTNET_TOTAL.captures(line) {
            // vstest's older block: `Passed: 40`, `Failed: 2`, `Skipped: 0`
            // on the lines after `Total tests: 42`.
            let mut t = Tally::default();
            let mut end = None;
            for (j, next) in lines.iter().enumerate().skip(n).take(DOTNET_WINDOW) {
                let Some(pair) = captures(&DOTNET_PART, next.trim()) else { break };
                let value = count(&pair[2]);
                match &pair[1] {
                    "Passed" => t.passed = value,
                    "Failed" => t.failed = value,
                    _ => t.skipped = value,
                }
                end = Some(j + 1);
            }
            let Some(end) = end else { continue };
            if t.failed > 0 {
                failure_lines.push(n);
            }
            let total = count(&caps[1]);
            let mut run = counted("dotnet", t, start, end);
            if run_failed.take().is_some() {
                fail_run(&mut run, "Test Run Failed.");
            } else if t.passed.saturating_add(t.failed).saturating_add(t.skipped) < total
                && run.outcome == Outcome::Pass
            {
                // Tests the block does not account for did not pass.
                run.outcome = Outcome::Unknown;
                run.note = Some(format!("{total} tests, fewer accounted for"));
            }
            runs.push(run);
            start = end + 1;
        } else if line == "Test Run Failed." || line == "Test Run Aborted." {
            // The verdict comes just before or just after its counts.
            match runs.last_mut().filter(|r: &&mut Run| r.end_line + 2 >= n) {
                Some(run) => fail_run(run, line),
                None => run_failed = Some(n),
            }
        } else if DOTNET_FAILURE.is_match(line) {
            failure_lines.push(n);
        }
    }
    Some(Found { runs, failure_lines })
}

/// Fails a run whose counts show no failure, saying why.
fn fail_run(run: &mut Run, why: &str) {
    if run.outcome != Outcome::Fail {
        run.outcome = Outcome::Fail;
        run.note = Some(why.to_string());
    }
}

/// PHPUnit's passing verdict: `OK (12 tests, 40 assertions)`.
static PHPUNIT_OK: Prefixed = Prefixed::new("OK (", r"^OK \((\d+) tests?, (\d+) assertions?\)$");

/// PHPUnit's verdict line before the counts: `FAILURES!`, `ERRORS!`, `OK, but
/// incomplete, skipped, or risky tests!`, `OK, but there were issues!`.
static PHPUNIT_VERDICT: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(FAILURES!|ERRORS!|OK, but .*!|WARNINGS!|No tests executed!)$")
        .expect("valid regex")
});

/// PHPUnit's counts: `Tests: 12, Assertions: 40, Failures: 1, Errors: 0,
/// Skipped: 1.`
static PHPUNIT_COUNTS: Prefixed =
    Prefixed::new("Tests: ", r"^Tests: (\d+), Assertions: \d+((?:, [A-Z][A-Za-z ]*: \d+)*)\.$");

/// One `Name: N` pair of PHPUnit's counts.
static NAMED_COUNT: WordRegex =
    WordRegex::new(|| Regex::new(r"([A-Z][A-Za-z ]*): (\d+)").expect("valid regex"));

/// A failed test as PHPUnit lists it: `1) App\Tests\CartTest::testTotal`.
static PHPUNIT_FAILURE: WordRegex =
    WordRegex::new(|| Regex::new(r"^\d+\) \S+::\S+").expect("valid regex"));

/// PHPUnit: one run per `OK (N tests, …)` or `Tests: N, Assertions: …`
/// line; `FAILURES!` or `ERRORS!` before the counts fails the run.
fn phpunit(log: &Log) -> Option<Found> {
    let mut runs = Vec::new();
    let mut failure_lines = Vec::new();
    let mut start = 1;
    let mut verdict: Option<&str> = None;
    for (i, raw) in log.lines().iter().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if let Some(caps) = PHPUNIT_OK.captures(line) {
            let t = tally(count(&caps[1]), 0, 0);
            runs.push(counted("phpunit", t, start, n));
            verdict = None;
            start = n + 1;
        } else if let Some(caps) = captures(&PHPUNIT_VERDICT, line) {
            verdict = Some(if caps[1].starts_with("OK") { "OK" } else { raw.trim() });
        } else if let Some(caps) = PHPUNIT_COUNTS.captures(line) {
            let (mut failed, mut skipped) = (0u64, 0u64);
            for pair in NAMED_COUNT.captures_iter(&caps[2]) {
                let value = count(&pair[2]);
                match &pair[1] {
                    "Failures" | "Errors" => failed = failed.saturating_add(value),
                    "Skipped" | "Incomplete" => skipped = skipped.saturating_add(value),
                    _ => {}
                }
            }
            let mut run = counted("phpunit", tally(count(&caps[1]), failed, skipped), start, n);
            match verdict {
                Some("FAILURES!" | "ERRORS!") => {
                    failure_lines.push(n);
                    if run.outcome != Outcome::Fail {
                        run.outcome = Outcome::Fail;
                        run.note = verdict.map(str::to_string);
                    }
                }
                Some("OK") => {}
                // Counts with no verdict before them, or `WARNINGS!`, do
                // not say the run passed.
                _ if run.outcome == Outcome::Pass => {
                    run.outcome = Outcome::Unknown;
                    run.note = Some("no OK verdict before the counts".to_string());
                }
                _ => {}
            }
            runs.push(run);
            verdict = None;
            start = n + 1;
        } else if PHPUNIT_FAILURE.is_match(line) {
            failure_lines.push(n);
        }
    }
    Some(Found { runs, failure_lines })
}

/// Mocha's summary lines: `  12 passing (2s)`, `  2 failing`, `  1 pending`.
static MOCHA_PASSING: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(\d+) passing \((\d+(?:\.\d+)?)\s*(ms|s|m|h)\)$").expect("valid regex")
});

/// Mocha's `N failing` or `N pending` line after `N passing`.
static MOCHA_OTHER: WordRegex =
    WordRegex::new(|| Regex::new(r"^(\d+) (failing|pending)$").expect("valid regex"));

/// A failure Mocha numbers: `  1) Cart` or `  1) adds an item:`.
static MOCHA_FAILURE: WordRegex =
    WordRegex::new(|| Regex::new(r"^\s+\d+\) \S").expect("valid regex"));

/// Mocha: one run per `N passing (time)` line and the `failing` and
/// `pending` lines right after it.
fn mocha(log: &Log) -> Option<Found> {
    let lines = log.lines();
    let mut runs = Vec::new();
    let mut start = 1;
    let mut i = 0;
    while i < lines.len() {
        let Some(caps) = captures(&MOCHA_PASSING, lines[i].trim()) else {
            i += 1;
            continue;
        };
        let mut t = Tally { passed: count(&caps[1]), ..Tally::default() };
        let secs = seconds(&caps[2], &caps[3]);
        let mut end = i + 1;
        for (j, line) in lines.iter().enumerate().skip(i + 1) {
            let Some(other) = captures(&MOCHA_OTHER, line.trim()) else { break };
            let value = count(&other[1]);
            if &other[2] == "failing" {
                t.failed = t.failed.saturating_add(value);
            } else {
                t.skipped = t.skipped.saturating_add(value);
            }
            end = j + 1;
        }
        let mut run = counted("mocha", t, start, end);
        run.seconds = secs;
        runs.push(run);
        start = end + 1;
        i = end;
    }
    let failure_lines =
        (1..=lines.len()).filter(|&n| MOCHA_FAILURE.is_match(lines[n - 1])).collect();
    Some(Found { runs, failure_lines })
}

/// Deno's summary: `ok | 12 passed | 0 failed (120ms)`, `FAILED | 11 passed
/// (2 steps) | 1 failed | 1 ignored (130ms)`.
static DENO_SUMMARY: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^(ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed(?: \(\d+ steps?\))?",
        r"((?: \| \d+ (?:ignored|filtered out|measured))*) \((\d+(?:\.\d+)?)(ms|s|m)\)$",
    ))
    .expect("valid regex")
});

/// One `| N ignored` part of Deno's summary.
static DENO_IGNORED: WordRegex =
    WordRegex::new(|| Regex::new(r"\| (\d+) ignored").expect("valid regex"));

/// A failed test as Deno reports it: `cart totals ... FAILED (3ms)`.
static DENO_FAILURE: WordRegex =
    WordRegex::new(|| Regex::new(r"^\S.* \.\.\. FAILED(?: \(\d+\w*\))?$").expect("valid regex"));

/// Deno: one run per `ok |` or `FAILED |` summary.
fn deno(log: &Log) -> Option<Found> {
    let mut runs = Vec::new();
    let mut failure_lines = Vec::new();
    let mut start = 1;
    for (i, raw) in log.lines().iter().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if let Some(caps) = captures(&DENO_SUMMARY, line) {
            let skipped = DENO_IGNORED
                .captures_iter(&caps[4])
                .map(|c| count(&c[1]))
                .fold(0u64, u64::saturating_add);
            let t = Tally { passed: count(&caps[2]), failed: count(&caps[3]), skipped };
            let mut run = counted("deno", t, start, n);
            run.seconds = seconds(&caps[5], &caps[6]);
            if &caps[1] == "FAILED" && run.outcome != Outcome::Fail {
                run.outcome = Outcome::Fail;
                run.note = Some("FAILED".to_string());
            }
            runs.push(run);
            start = n + 1;
        } else if DENO_FAILURE.is_match(line) {
            failure_lines.push(n);
        }
    }
    Some(Found { runs, failure_lines })
}

/// The last row of `cypress run`'s results table, after the specs:
/// `✖  1 of 5 failed (20%)   00:23   40   37   1   1   1` or
/// `✔  All specs passed!   00:23   40   40   -   -   -`, whose columns are
/// tests, passing, failing, pending and skipped (`-` for none).
static CYPRESS_TOTAL: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^[✔✖]\s+(All specs passed!|\d+ of \d+ failed \(\d+%\))\s+(?:\d+:)?\d+:\d+",
        r"\s+(\d+|-)\s+(\d+|-)\s+(\d+|-)\s+(\d+|-)\s+(\d+|-)$",
    ))
    .expect("valid regex")
});

/// Cypress: one run per results table, read from its total row (the spec
/// rows above it are parts of it, never added to it). Pending and skipped
/// tests count as skipped; a failing spec fails the run.
fn cypress(log: &Log) -> Option<Found> {
    let mut runs = Vec::new();
    let mut failure_lines = Vec::new();
    let mut start = 1;
    let cell = |text: &str| if text == "-" { 0 } else { count(text) };
    for (i, raw) in log.lines().iter().enumerate() {
        let n = i + 1;
        let Some(caps) = captures(&CYPRESS_TOTAL, raw.trim()) else { continue };
        let t = Tally {
            passed: cell(&caps[3]),
            failed: cell(&caps[4]),
            skipped: cell(&caps[5]).saturating_add(cell(&caps[6])),
        };
        let mut run = counted("cypress", t, start, n);
        if caps[1].contains("failed") {
            run.outcome = Outcome::Fail;
            failure_lines.push(n);
        }
        runs.push(run);
        start = n + 1;
    }
    Some(Found { runs, failure_lines })
}

/// bun's closing line: `Ran 13 tests across 3 files. [120.00ms]`.
static BUN_RAN: Prefixed = Prefixed::new(
    "Ran ",
    r"^Ran (\d+) tests? (?:across|in) \d+ files?\.(?: \[(\d+(?:\.\d+)?)(ms|s)\])?$",
);

/// bun's count lines before it: ` 12 pass`, ` 1 fail`, ` 2 skip`, ` 1 todo`.
static BUN_COUNT: WordRegex =
    WordRegex::new(|| Regex::new(r"^(\d+) (pass|fail|skip|todo)$").expect("valid regex"));

/// A failed test as bun reports it: `(fail) cart > totals [0.12ms]`.
static BUN_FAILURE: Prefixed = Prefixed::new("(fail) ", r"^\(fail\) \S");

/// bun: one run per `Ran N tests across M files.` line, counted by the
/// `N pass` and `N fail` lines since the last run. A closing line with no
/// count lines before it is unknown.
fn bun(log: &Log) -> Option<Found> {
    let mut runs = Vec::new();
    let mut failure_lines = Vec::new();
    let mut start = 1;
    let mut counts: Option<Tally> = None;
    for (i, raw) in log.lines().iter().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if let Some(caps) = captures(&BUN_COUNT, line) {
            let t = counts.get_or_insert_with(Tally::default);
            let value = count(&caps[1]);
            match &caps[2] {
                "pass" => t.passed = t.passed.saturating_add(value),
                "fail" => t.failed = t.failed.saturating_add(value),
                _ => t.skipped = t.skipped.saturating_add(value),
            }
        } else if let Some(caps) = BUN_RAN.captures(line) {
            let mut run = match counts.take() {
                Some(t) => counted("bun", t, start, n),
                None => {
                    let mut run = Run::new("bun", Outcome::Unknown, n);
                    run.start_line = start.min(n);
                    run.note = Some(format!("ran {} tests; no pass or fail counts", &caps[1]));
                    run
                }
            };
            run.seconds =
                caps.get(2).zip(caps.get(3)).and_then(|(v, u)| seconds(v.as_str(), u.as_str()));
            runs.push(run);
            start = n + 1;
        } else if BUN_FAILURE.is_match(line) {
            failure_lines.push(n);
        }
    }
    Some(Found { runs, failure_lines })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Maven build with a failing class, the `Results:` block and its total.
    const MAVEN_FAIL: &str = "[INFO] Scanning for projects...
[INFO] --- maven-surefire-plugin:3.2.5:test (default-test) @ ledger-core ---
[INFO] -------------------------------------------------------
[INFO]  T E S T S
[INFO] -------------------------------------------------------
[INFO] Running com.acme.ledger.CartTest
[ERROR] Tests run: 4, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.112 s <<< FAILURE! -- in com.acme.ledger.CartTest
[ERROR] com.acme.ledger.CartTest.totalIncludesTax -- Time elapsed: 0.01 s <<< FAILURE!
[INFO] Running com.acme.ledger.MoneyTest
[INFO] Tests run: 8, Failures: 0, Errors: 0, Skipped: 1, Time elapsed: 0.031 s -- in com.acme.ledger.MoneyTest
[INFO]
[INFO] Results:
[INFO]
[ERROR] Failures:
[ERROR]   CartTest.totalIncludesTax:42 expected: <12.0> but was: <10.0>
[INFO]
[ERROR] Tests run: 12, Failures: 1, Errors: 0, Skipped: 1
[INFO]
[INFO] ------------------------------------------------------------------------
[INFO] BUILD FAILURE
[INFO] ------------------------------------------------------------------------
";

    /// A passing Maven build on Windows, old Surefire's `Results :`.
    const MAVEN_PASS_WINDOWS: &str = "[INFO] --- maven-surefire-plugin:2.22.2:test (default-test) @ api ---\r
\r
-------------------------------------------------------\r
 T E S T S\r
-------------------------------------------------------\r
Running com.acme.api.HealthTest\r
Tests run: 3, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.05 sec - in com.acme.api.HealthTest\r
Running com.acme.api.UserTest\r
Tests run: 5, Failures: 0, Errors: 0, Skipped: 2, Time elapsed: 0.2 sec - in com.acme.api.UserTest\r
\r
Results :\r
\r
Tests run: 8, Failures: 0, Errors: 0, Skipped: 2\r
\r
[INFO] ------------------------------------------------------------------------\r
[INFO] BUILD SUCCESS\r
[INFO] ------------------------------------------------------------------------\r
";

    #[test]
    fn maven_reads_the_results_total_not_the_class_lines() {
        let reading = read(MAVEN_FAIL).unwrap();
        assert_eq!(reading.format, EvidenceFormat::PlainTests);
        assert_eq!(reading.kind, EvidenceKind::Test);
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(10), Some(1), Some(1)));
        assert_eq!(reading.runs.len(), 1);
        assert_eq!(reading.runs[0].suite, "maven");
        assert_eq!(reading.runs[0].scope.as_deref(), Some("ledger-core"));
        assert_eq!(reading.failure_lines, vec![7, 17]);

        let reading = read(MAVEN_PASS_WINDOWS).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(6), Some(0), Some(2)));
    }

    #[test]
    fn maven_build_failure_fails_without_failed_tests_and_no_tests_is_unknown() {
        let failed = MAVEN_PASS_WINDOWS.replace("BUILD SUCCESS", "BUILD FAILURE");
        let reading = read(&failed).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.note.as_deref(), Some("BUILD FAILURE"));

        let none = "[INFO] --- maven-surefire-plugin:3.2.5:test (default-test) @ web ---\n[INFO] No tests to run.\n[INFO] BUILD SUCCESS\n";
        let reading = read(none).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.note.as_deref(), Some("no test ran"));

        let zero = "[INFO] Results:\n[INFO]\n[INFO] Tests run: 0, Failures: 0, Errors: 0, Skipped: 0\n[INFO] BUILD SUCCESS\n";
        assert_eq!(read(zero).unwrap().outcome, Outcome::Unknown);

        // A build that never reached Surefire is the build reader's.
        assert_eq!(read("[ERROR] COMPILATION ERROR :\n[INFO] BUILD FAILURE\n"), None);
        assert_eq!(read("[INFO] BUILD SUCCESS\n"), None);
    }

    #[test]
    fn maven_cut_off_before_results_never_passes() {
        let cut = MAVEN_PASS_WINDOWS.split("Results :").next().unwrap();
        let reading = read(cut).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.passed, None);
        let cut = MAVEN_FAIL.split("[INFO] Results:").next().unwrap();
        assert_eq!(read(cut).unwrap().outcome, Outcome::Fail);
    }

    #[test]
    fn maven_rerun_keeps_the_last_build_and_modules_add_up() {
        let fixed = MAVEN_FAIL
            .replace("Failures: 1", "Failures: 0")
            .replace("FAILURE! --", "--")
            .replace("BUILD FAILURE", "BUILD SUCCESS");
        let reading = read(&format!("{MAVEN_FAIL}{fixed}")).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed), (Some(11), Some(0)));
        assert_eq!(reading.runs.len(), 2);

        // A rebuild that broke before its tests fails until a later build passes.
        let broke = "[ERROR] COMPILATION ERROR :\n[INFO] BUILD FAILURE\n";
        let reading = read(&format!("{MAVEN_PASS_WINDOWS}{broke}")).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        let reading = read(&format!("{MAVEN_PASS_WINDOWS}{broke}{MAVEN_PASS_WINDOWS}")).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);

        let two = MAVEN_PASS_WINDOWS.replace("BUILD SUCCESS", "Reactor")
            + &MAVEN_PASS_WINDOWS.replace("@ api", "@ web");
        let reading = read(&two).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!(reading.passed, Some(12));
    }

    /// A Gradle build whose test task failed.
    const GRADLE_FAIL: &str = "> Task :compileJava
> Task :compileTestJava
> Task :test FAILED

CartTest > totalIncludesTax() FAILED
    org.opentest4j.AssertionFailedError at CartTest.java:42

120 tests completed, 2 failed, 1 skipped

FAILURE: Build failed with an exception.

BUILD FAILED in 3s
4 actionable tasks: 4 executed
";

    #[test]
    fn gradle_counts_and_verdicts() {
        let reading = read(GRADLE_FAIL).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(
            (reading.passed, reading.failed, reading.skipped),
            (Some(117), Some(2), Some(1))
        );
        assert_eq!(reading.failure_lines, vec![3, 5]);
        assert_eq!(reading.runs[0].suite, "gradle");

        let pass = "> Task :app:compileJava\r\n> Task :app:test\r\n\r\nBUILD SUCCESSFUL in 12s\r\n5 actionable tasks: 5 executed\r\n";
        let reading = read(pass).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!(reading.passed, None);

        let cached = "> Task :test UP-TO-DATE\nBUILD SUCCESSFUL in 1s\n";
        assert_eq!(read(cached).unwrap().outcome, Outcome::Unknown);
        let broke = "> Task :test\nFAILURE: Build failed with an exception.\nBUILD FAILED in 2s\n";
        assert_eq!(read(broke).unwrap().outcome, Outcome::Fail);
        let cut = "> Task :compileJava\n> Task :test\n";
        assert_eq!(read(cut).unwrap().outcome, Outcome::Unknown);
        // A build with no test task is the build reader's.
        assert_eq!(read("> Task :compileJava\nBUILD SUCCESSFUL in 2s\n"), None);
        assert_eq!(read("> Task :compileJava FAILED\nBUILD FAILED in 2s\n"), None);
    }

    #[test]
    fn gradle_rerun_after_fix_passes() {
        let fixed = "> Task :test\n\nBUILD SUCCESSFUL in 9s\n";
        let reading = read(&format!("{GRADLE_FAIL}{fixed}")).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!(reading.runs.len(), 2);
    }

    /// A failing unittest run.
    const UNITTEST_FAIL: &str = "$ python -m unittest discover -s tests
..F.E.s
======================================================================
ERROR: test_refund (test_cart.CartTest.test_refund)
----------------------------------------------------------------------
Traceback (most recent call last):
  File \"tests/test_cart.py\", line 30, in test_refund
KeyError: 'total'

======================================================================
FAIL: test_total (test_cart.CartTest.test_total)
----------------------------------------------------------------------
AssertionError: 10 != 12

----------------------------------------------------------------------
Ran 7 tests in 0.012s

FAILED (failures=1, errors=1, skipped=1)
";

    /// Django's test command, passing.
    const DJANGO_PASS: &str = "Found 42 test(s).\r
Creating test database for alias 'default'...\r
System check identified no issues (0 silenced).\r
..........................................\r
----------------------------------------------------------------------\r
Ran 42 tests in 1.234s\r
\r
OK (skipped=2)\r
Destroying test database for alias 'default'...\r
";

    #[test]
    fn unittest_reads_the_count_and_verdict() {
        let reading = read(UNITTEST_FAIL).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(4), Some(2), Some(1)));
        assert_eq!(reading.failure_lines, vec![4, 11]);
        assert_eq!(reading.runs[0].suite, "unittest");
        assert_eq!(reading.runs[0].seconds, Some(0.012));

        let reading = read(DJANGO_PASS).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(40), Some(0), Some(2)));

        let none = "Ran 0 tests in 0.000s\n\nNO TESTS RAN\n";
        assert_eq!(read(none).unwrap().outcome, Outcome::Unknown);
    }

    #[test]
    fn unittest_cut_off_and_rerun() {
        let cut = DJANGO_PASS.split("\r\nOK").next().unwrap();
        let reading = read(cut).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        let cut = UNITTEST_FAIL.split("\nFAILED").next().unwrap();
        assert_eq!(read(cut).unwrap().outcome, Outcome::Fail);

        let rerun =
            format!("{UNITTEST_FAIL}$ python -m unittest\n.......\nRan 7 tests in 0.010s\n\nOK\n");
        let reading = read(&rerun).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!(reading.passed, Some(7));
    }

    #[test]
    fn rspec_reads_examples_failures_and_pending() {
        let fail = "Failures:\n\n  1) Cart totals includes tax\n     Failure/Error: expect(total).to eq(12)\n\nFinished in 1.2 seconds (files took 0.4 seconds to load)\n120 examples, 2 failures, 3 pending\n\nFailed examples:\n\nrspec ./spec/cart_spec.rb:12 # Cart totals includes tax\nrspec ./spec/cart_spec.rb:20 # Cart refunds\n";
        let reading = read(fail).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(
            (reading.passed, reading.failed, reading.skipped),
            (Some(115), Some(2), Some(3))
        );
        assert_eq!(reading.failure_lines, vec![11, 12]);
        assert_eq!(reading.runs[0].suite, "rspec");

        let pass = "Finished in 0.8 seconds\r\n40 examples, 0 failures\r\n";
        assert_eq!(read(pass).unwrap().outcome, Outcome::Pass);
        let outside = "Finished in 0.1 seconds\n0 examples, 0 failures, 1 error occurred outside of examples\n";
        assert_eq!(read(outside).unwrap().outcome, Outcome::Fail);
    }

    #[test]
    fn dotnet_adds_projects_and_reads_the_old_summary() {
        let log = "  Determining projects to restore...\n  Failed App.Tests.CartTest.Total [12 ms]\n  Error Message:\n   Assert.Equal() Failure\n\nFailed!  - Failed:     2, Passed:    40, Skipped:     1, Total:    43, Duration: 2 s - App.Tests.dll (net8.0)\nPassed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 310 ms - Api.Tests.dll (net8.0)\n";
        let reading = read(log).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(52), Some(2), Some(1)));
        assert_eq!(reading.failure_lines, vec![2, 6]);
        assert_eq!(reading.runs[0].suite, "dotnet");
        assert_eq!(reading.runs[1].scope.as_deref(), Some("api.tests.dll (net8.0)"));

        let pass = "Passed!  - Failed:     0, Passed:    42, Skipped:     0, Total:    42, Duration: 1 s - App.Tests.dll (net8.0)\r\n";
        assert_eq!(read(pass).unwrap().outcome, Outcome::Pass);
        let old = "Test Run Failed.\nTotal tests: 42. Passed: 40. Failed: 2. Skipped: 0.\n";
        let reading = read(old).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed), (Some(40), Some(2)));
        let block = "Test Run Failed.\nTotal tests: 42\n     Passed: 40\n     Failed: 2\n Total time: 1.6 Seconds\n";
        let reading = read(block).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed), (Some(40), Some(2)));
        let block = "Test Run Successful.\r\nTotal tests: 42\r\n     Passed: 42\r\n Total time: 1.6 Seconds\r\n";
        let reading = read(block).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!(reading.passed, Some(42));
        assert_eq!(read("Total tests: 42\n"), None);
        let crashed = "Total tests: 3. Passed: 3. Failed: 0. Skipped: 0.\nTest Run Aborted.\n";
        assert_eq!(read(crashed).unwrap().outcome, Outcome::Fail);
        let ok = "Total tests: 3. Passed: 3. Failed: 0. Skipped: 0.\nTest Run Successful.\n";
        assert_eq!(read(ok).unwrap().outcome, Outcome::Pass);
    }

    #[test]
    fn phpunit_reads_ok_and_failures() {
        let pass = "PHPUnit 10.5.9 by Sebastian Bergmann and contributors.\r\n\r\n............                                                      12 / 12 (100%)\r\n\r\nTime: 00:00.120, Memory: 10.00 MB\r\n\r\nOK (12 tests, 40 assertions)\r\n";
        let reading = read(pass).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!(reading.passed, Some(12));
        assert_eq!(reading.runs[0].suite, "phpunit");

        let fail = "..F.S\n\nThere was 1 failure:\n\n1) App\\Tests\\CartTest::testTotal\nFailed asserting that 10 is identical to 12.\n\nFAILURES!\nTests: 12, Assertions: 40, Failures: 1, Errors: 0, Skipped: 1.\n";
        let reading = read(fail).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(10), Some(1), Some(1)));
        assert_eq!(reading.failure_lines, vec![5, 9]);

        let errors = "ERRORS!\nTests: 3, Assertions: 2, Errors: 1, PHPUnit Deprecations: 2.\n";
        assert_eq!(read(errors).unwrap().outcome, Outcome::Fail);
        let skipped =
            "OK, but incomplete, skipped, or risky tests!\nTests: 5, Assertions: 9, Skipped: 2.\n";
        let reading = read(skipped).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.skipped), (Some(3), Some(2)));
        // Counts without a verdict before them never pass.
        let bare = "Tests: 5, Assertions: 9.\n";
        assert_eq!(read(bare).unwrap().outcome, Outcome::Unknown);
        // A rerun after a fix.
        let rerun = format!("{fail}OK (12 tests, 41 assertions)\n");
        assert_eq!(read(&rerun).unwrap().outcome, Outcome::Pass);
    }

    /// A failing Mocha run with the spec reporter.
    const MOCHA_FAIL: &str = "

  Cart
    ✔ adds an item
    1) totals with tax
    - applies a coupon

  12 passing (2s)
  1 pending
  2 failing

  1) Cart
       totals with tax:
     AssertionError: expected 10 to equal 12

  2) Checkout
       charges the card:
     Error: timeout of 2000ms exceeded
";

    #[test]
    fn mocha_reads_passing_failing_and_pending() {
        let reading = read(MOCHA_FAIL).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(12), Some(2), Some(1)));
        assert_eq!(reading.failure_lines, vec![5, 12, 16]);
        assert_eq!(reading.runs[0].suite, "mocha");
        assert_eq!(reading.runs[0].seconds, Some(2.0));

        let pass = "  cart\r\n    ✔ adds an item\r\n\r\n  7 passing (20ms)\r\n";
        let reading = read(pass).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!(reading.passed, Some(7));
        let rerun = format!("{MOCHA_FAIL}\n  14 passing (3s)\n  1 pending\n");
        let reading = read(&rerun).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed), (Some(14), Some(0)));
    }

    #[test]
    fn deno_reads_its_summary() {
        let fail = "running 12 tests from ./cart_test.ts\ncart totals ... ok (2ms)\ncart tax ... FAILED (3ms)\n\n ERRORS \n\ncart tax => ./cart_test.ts:12:6\n\nFAILED | 11 passed | 1 failed | 1 ignored (130ms)\n\nerror: Test failed\n";
        let reading = read(fail).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(11), Some(1), Some(1)));
        assert_eq!(reading.failure_lines, vec![3]);
        assert_eq!(reading.runs[0].suite, "deno");

        let pass = "ok | 12 passed (3 steps) | 0 failed (120ms)\r\n";
        let reading = read(pass).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!(reading.passed, Some(12));
    }

    #[test]
    fn bun_reads_pass_and_fail_lines_before_its_ran_line() {
        let fail = "bun test v1.1.8\n\ncart.test.ts:\n(pass) cart > adds an item [0.20ms]\n(fail) cart > totals with tax [0.12ms]\n\n 12 pass\n 1 fail\n 30 expect() calls\nRan 13 tests across 3 files. [120.00ms]\n";
        let reading = read(fail).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed), (Some(12), Some(1)));
        assert_eq!(reading.failure_lines, vec![5]);
        assert_eq!(reading.runs[0].suite, "bun");

        let pass = " 13 pass\r\n 0 fail\r\nRan 13 tests across 3 files. [88.00ms]\r\n";
        assert_eq!(read(pass).unwrap().outcome, Outcome::Pass);
        let bare = "Ran 13 tests across 3 files. [88.00ms]\n";
        assert_eq!(read(bare).unwrap().outcome, Outcome::Unknown);
        // Counts with no closing line are not bun's.
        assert_eq!(read(" 13 pass\n 0 fail\n"), None);
    }

    /// The fixtures of the other evidence readers' tests.
    fn other_readers_fixtures() -> Vec<&'static str> {
        [
            super::super::pytest::tests::FIXTURES,
            super::super::cargo::tests::FIXTURES,
            super::super::js::tests::FIXTURES,
            super::super::gotest::tests::FIXTURES,
            super::super::playwright::tests::FIXTURES,
            super::super::plain::tests::FIXTURES,
            super::super::build::tests::FIXTURES,
            super::super::lint::tests::FIXTURES,
            super::super::summary::tests::FIXTURES,
            super::super::deploy::tests::FIXTURES,
            super::super::http::tests::FIXTURES,
        ]
        .concat()
    }

    #[test]
    fn leaves_prose_and_other_runners_alone() {
        let prose = "Plan: Ran 3 tests in the sandbox and they passed.\n12 passing tests so far.\nWe expect 120 examples, 2 failures at most.\nTests run: many\nBUILD SUCCESSFUL after the fix\nNext: 12 passing (2s) is what mocha said.\nThe summary OK (12 tests, 40 assertions) is expected.\nRan 13 tests across 3 files, see above.\nok | 12 passed | 0 failed is the goal\n";
        assert_eq!(read(prose), None);
        for fixture in other_readers_fixtures() {
            assert_eq!(read(fixture), None, "{fixture}");
        }
    }

    /// Reads `text` through the whole dispatch, as the file at `path`.
    fn dispatched(path: &str, text: &str) -> crate::model::Evidence {
        let format = if path.ends_with(".md") {
            crate::model::SourceFormat::Markdown
        } else {
            crate::model::SourceFormat::Text
        };
        let document =
            crate::model::Document::new(path.to_string(), crate::model::DocKind::Evidence, format);
        super::super::read(&document, super::super::format_name(format), text)
    }

    #[test]
    fn the_dispatch_gives_these_logs_to_this_reader_and_keeps_prose_out() {
        for (path, text, outcome) in [
            ("logs/mvn-verify.log", MAVEN_FAIL, Outcome::Fail),
            ("logs/build.log", MAVEN_PASS_WINDOWS, Outcome::Pass),
            ("logs/gradle-build.txt", GRADLE_FAIL, Outcome::Fail),
            ("logs/django.txt", DJANGO_PASS, Outcome::Pass),
            ("logs/mocha.txt", MOCHA_FAIL, Outcome::Fail),
        ] {
            let evidence = dispatched(path, text);
            assert_eq!(evidence.format, EvidenceFormat::PlainTests, "{path}");
            assert_eq!(evidence.kind, EvidenceKind::Test, "{path}");
            assert_eq!(evidence.outcome, outcome, "{path}");
        }
        // The same summaries in a markdown plan are prose, never a run.
        let plan = "# Plan\n\nRan 42 tests in 1.234s\n\nOK\n\n  12 passing (2s)\n";
        let evidence = dispatched("docs/plan.md", plan);
        assert_ne!(evidence.format, EvidenceFormat::PlainTests);
        // pytest keeps its own logs.
        let pytest = super::super::pytest::tests::FAILING_WITH_COVERAGE;
        assert_eq!(dispatched("logs/pytest.txt", pytest).format, EvidenceFormat::Pytest);
    }

    /// For each reader, each of its words, and a log in which that word
    /// alone of the reader's words opens the way to a run.
    const ONE_WORD_RUNS: [(usize, &str, &str); 17] = [
        (
            0,
            "Tests run: ",
            "[INFO] Results:\n[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 0\n",
        ),
        (0, "BUILD ", "[INFO]  T E S T S\n[INFO] BUILD SUCCESS\n"),
        (1, "> Task :", "> Task :app:test\n"),
        (1, "completed", "12 tests completed, 2 failed\n"),
        (
            2,
            "Passed!",
            "Passed!  - Failed:     0, Passed:    42, Skipped:     0, Total:    42, Duration: 1 s - App.Tests.dll (net8.0)\n",
        ),
        (2, "Failed!", "Failed!  - Failed:     1, Passed:    41, Skipped:     0, Total:    42\n"),
        (2, "Total tests: ", "Total tests: 42\n     Passed: 42\n"),
        (3, "OK (", "OK (12 tests, 40 assertions)\n"),
        (3, "Tests: ", "FAILURES!\nTests: 12, Assertions: 40, Failures: 1.\n"),
        (4, "Ran ", "Ran 3 tests in 0.1s\n\nOK\n"),
        (5, "example", "3 examples, 0 failures\n"),
        (6, " | ", "ok | 3 passed | 0 failed (12ms)\n"),
        (7, "Ran ", " 3 pass\n 0 fail\nRan 3 tests across 1 files. [12.00ms]\n"),
        (8, "passing (", "  3 passing (12ms)\n"),
        (9, "\u{2714}", "    \u{2714}  All specs passed!   01:02   40   40   -   -   -\n"),
        (9, "\u{2716}", "    \u{2716}  1 of 2 failed (50%)   00:13   17   15    1    -    1\n"),
        (9, "\u{2716}", "\u{2716}  2 of 2 failed (100%)   00:13   17   15    2    -    -\n"),
    ];

    /// The runs `READERS[at]` sees in `text`, asked whatever its words.
    fn runs_of(at: usize, text: &str) -> usize {
        READERS[at].0(&Log::new(text)).map_or(0, |found| found.runs.len())
    }

    /// A reader is passed over only where it would see no run: every log of
    /// these tests, and each log cut at every line, either holds one of the
    /// reader's words or gives it no run; and each word is needed, as some
    /// log holds it alone and gives its reader a run.
    #[test]
    fn a_reader_is_passed_over_only_where_it_sees_no_run() {
        for (at, word, text) in ONE_WORD_RUNS {
            let (_, words) = READERS[at];
            assert!(words.contains(&word), "{word:?}");
            assert!(runs_of(at, text) > 0, "{text:?}");
            let others: Vec<_> =
                words.iter().filter(|w| **w != word && text.contains(**w)).collect();
            assert!(others.is_empty(), "{text:?} holds {others:?}");
        }
        let own =
            [MAVEN_FAIL, MAVEN_PASS_WINDOWS, GRADLE_FAIL, UNITTEST_FAIL, DJANGO_PASS, MOCHA_FAIL];
        let texts: Vec<String> = own
            .iter()
            .chain(&other_readers_fixtures())
            .chain(ONE_WORD_RUNS.iter().map(|(_, _, text)| text))
            .flat_map(|text| {
                let lines: Vec<&str> = text.split_inclusive('\n').collect();
                (0..lines.len()).map(move |from| lines[from..].concat())
            })
            .collect();
        let mut runs_seen = 0;
        for text in &texts {
            for (at, (_, words)) in READERS.iter().enumerate() {
                let runs = runs_of(at, text);
                runs_seen += runs;
                let holds = words.iter().any(|w| text.contains(*w));
                assert!(holds || runs == 0, "reader {at} sees {runs} runs in {text:?}");
            }
        }
        assert!(runs_seen > 50, "{runs_seen} runs in {} texts", texts.len());
    }

    #[test]
    fn huge_counts_saturate() {
        let huge = "Results:\nTests run: 99999999999999999999999, Failures: 99999999999999999999999, Errors: 5, Skipped: 0\n";
        let reading = read(huge).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.failed, Some(u64::MAX));
    }

    #[test]
    fn cypress_is_read_from_the_total_row_of_its_results_table() {
        let failing = "       Spec              Tests  Passing  Failing  Pending  Skipped\n\
  │ ✔  cart.cy.ts      00:04        8        8        -        -        - │\n\
  │ ✖  checkout.cy.ts  00:09        9        7        1        -        1 │\n\
    ✖  1 of 2 failed (50%)   00:13   17   15    1    -    1\n";
        let reading = read(failing).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(15), Some(1), Some(1)));
        let passing = "    ✔  All specs passed!   01:02   40   40   -   -   -\n";
        let reading = read(passing).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!(reading.passed, Some(40));
        assert_eq!(read("All specs passed! We are done.\n"), None);
    }
}
