//! `go test` output, plain, verbose (`-v`) or as `-json` events.
//!
//! Verbose runs print `--- PASS: TestX (0.00s)`, `--- FAIL:` and `--- SKIP:`
//! per test (subtests indented); those are counted, subtests included, as
//! gotestsum does. Plain runs print only one line per package (`ok  pkg
//! 0.012s`, `FAIL  pkg  0.3s`), which gives an outcome but no test counts.
//! One `go test` invocation is one run; a `go test` command line, or a package
//! that already reported, starts the next (a rerun). A run whose last lines
//! are tests still running was cut off.

use std::collections::HashSet;

use regex::Regex;
use serde_json::Value;

use super::lines::matching_lines;
use super::plain::{Log, seconds};
use super::{Outcome, Reading, Tally};
use crate::dates::find_date;
use crate::model::{EvidenceFormat, EvidenceKind, Run};
use crate::text::Prefixed;
use crate::text::words::WordRegex;

/// The runner name of go test runs.
const SUITE: &str = "go";

/// A test's verdict in verbose output.
static VERDICT: Prefixed =
    Prefixed::after_blanks("--- ", r"^\s*--- (PASS|FAIL|SKIP): \S+ \(\d+(?:\.\d+)?s\)");

/// A package that passed: `ok  ledger/money  0.012s`, or `(cached)`; go
/// separates the columns with tabs.
static PACKAGE_OK: Prefixed =
    Prefixed::new("ok", r"^ok\s+(\S+)\s+(?:(\d+(?:\.\d+)?)s|\(cached\))(?:\s|$)");

/// A package that failed, ran or did not build: `FAIL  ledger/money  0.3s`,
/// `FAIL  ledger/money [build failed]`, or the bare `FAIL` closing `-v` output.
static PACKAGE_FAIL: Prefixed = Prefixed::new(
    "FAIL",
    r"^FAIL(?:\s+(\S+)\s+(?:(\d+(?:\.\d+)?)s|\[(?:build|setup) failed\])(?:\s|$)|\s*$)",
);

/// A package without tests: `?   ledger/cmd  [no test files]`.
static NO_TEST_FILES: Prefixed = Prefixed::new("?", r"^\?\s+(\S+)\s+\[no test files\]");

/// A command line that runs go's tests.
static COMMAND: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*(?:PS [^>]*>\s*|\S*[$%#>❯]\s+|\+\s+)?(?:\w+=\S*\s+)*go\s+test\b")
        .expect("valid regex")
});

/// Reads a go test log with any other runner's runs in it, or `None` when the
/// text is not one.
#[cfg(test)]
pub(super) fn read(text: &str) -> Option<Reading> {
    super::plain::read_runners(super::plain::Runner::Go, text)
}

/// The go test runs of a log, or `None` when it has none.
pub(super) fn runs(log: &Log<'_>) -> Option<Reading> {
    read_json_events(log.text()).or_else(|| read_console(log))
}

/// One `go test` invocation, as far as it has been read.
#[derive(Default)]
struct Invocation {
    /// Its first line.
    start: usize,
    /// Its last line read so far.
    end: usize,
    /// Its verbose verdicts.
    tally: Tally,
    /// How many verdicts it has.
    verdicts: usize,
    /// Packages that passed.
    packages_ok: usize,
    /// Packages that failed, and bare `FAIL` lines.
    packages_failed: usize,
    /// Whether a `=== RUN` line showed it ran verbosely.
    verbose: bool,
    /// The packages that reported.
    packages: HashSet<String>,
    /// Seconds, summed over its packages.
    seconds: Option<f64>,
}

impl Invocation {
    /// An invocation from line `start`.
    fn new(start: usize) -> Invocation {
        Invocation { start, end: start, ..Invocation::default() }
    }

    /// Whether anything in it shows go test ran.
    fn ran(&self) -> bool {
        self.verdicts > 0 || self.packages_ok > 0 || self.packages_failed > 0 || self.verbose
    }

    /// Adds the verdicts read since the last package line.
    fn take(&mut self, pending: &mut Invocation) {
        let pending = std::mem::take(pending);
        self.tally.add(pending.tally);
        self.verdicts += pending.verdicts;
        self.packages_failed += pending.packages_failed;
        self.verbose |= pending.verbose;
        if pending.end > 0 {
            self.end = self.end.max(pending.end);
        }
    }

    /// The run it makes, or `None` when go test did not run in it.
    fn into_run(self, complete: bool) -> Option<Run> {
        if !self.ran() {
            return None;
        }
        let outcome = if self.tally.failed > 0 || self.packages_failed > 0 {
            Outcome::Fail
        } else if !complete {
            Outcome::Unknown
        } else if self.tally.passed > 0 || self.packages_ok > 0 {
            Outcome::Pass
        } else {
            Outcome::Unknown
        };
        let mut run = if self.verdicts > 0 {
            Run { outcome, ..self.tally.run(SUITE, self.start, self.end) }
        } else {
            Run { start_line: self.start, ..Run::new(SUITE, outcome, self.end) }
        };
        run.seconds = self.seconds;
        run.complete = complete;
        if outcome == Outcome::Unknown {
            let why = if complete { "no test ran" } else { "cut off before its results" };
            run.note = Some(why.to_string());
        }
        Some(run)
    }
}

/// Reads plain or verbose console output.
fn read_console(log: &Log<'_>) -> Option<Reading> {
    let text = log.text();
    let mut runs = Vec::new();
    let mut inv = Invocation::new(1);
    // Verdicts since the last package line: they belong to the package that
    // reports next, which may start a rerun.
    let mut pending = Invocation::default();
    let mut open = false;
    for (i, line) in log.lines().iter().enumerate() {
        let n = i + 1;
        // A package line: its name, seconds, and whether it passed (`None`
        // for a package without tests).
        let package = PACKAGE_OK
            .captures(line)
            .map(|c| (c.get(1), c.get(2), Some(true)))
            .or_else(|| PACKAGE_FAIL.captures(line).map(|c| (c.get(1), c.get(2), Some(false))))
            .or_else(|| NO_TEST_FILES.captures(line).map(|c| (c.get(1), None, None)));
        if line.contains("go") && COMMAND.is_match(line) {
            let done = std::mem::replace(&mut inv, Invocation::new(n));
            runs.extend(done.into_run(!open));
            pending = Invocation::default();
            open = false;
        } else if let Some(caps) = VERDICT.captures(line) {
            pending.verdicts += 1;
            let slot = match &caps[1] {
                "PASS" => &mut pending.tally.passed,
                "FAIL" => &mut pending.tally.failed,
                _ => &mut pending.tally.skipped,
            };
            *slot = slot.saturating_add(1);
            pending.start = if pending.start == 0 { n } else { pending.start };
            pending.end = n;
            open = true;
        } else if line.starts_with("=== RUN") {
            pending.verbose = true;
            pending.start = if pending.start == 0 { n } else { pending.start };
            pending.end = n;
            open = true;
        } else if let Some((name, secs, passed)) = package {
            match name.map(|m| m.as_str().to_string()) {
                Some(name) => {
                    if inv.packages.contains(&name) {
                        let start = if pending.start > 0 { pending.start } else { n };
                        let done = std::mem::replace(&mut inv, Invocation::new(start));
                        runs.extend(done.into_run(true));
                    }
                    inv.take(&mut pending);
                    inv.packages.insert(name);
                    match passed {
                        Some(true) => inv.packages_ok += 1,
                        Some(false) => inv.packages_failed += 1,
                        None => {}
                    }
                    let secs = secs.and_then(|m| seconds(m.as_str(), "s"));
                    inv.seconds = match (inv.seconds, secs) {
                        (Some(a), Some(b)) => Some(((a + b) * 1000.0).round() / 1000.0),
                        (a, b) => a.or(b),
                    };
                }
                // A bare `FAIL`: after a package's -v output it belongs to
                // that package; after package lines it closes the invocation.
                None if pending.start == 0 => inv.packages_failed += 1,
                None => pending.packages_failed += 1,
            }
            pending.end = n;
            inv.end = inv.end.max(n);
            open = false;
        } else if line.trim_end() == "PASS" {
            open = false;
        }
    }
    inv.take(&mut pending);
    runs.extend(inv.into_run(!open));
    if runs.is_empty() {
        return None;
    }
    let mut reading = Reading::of_runs(EvidenceFormat::GoTest, EvidenceKind::Test, runs);
    reading.failure_lines = matching_lines(text, |l| {
        l.trim_start().starts_with("--- FAIL:") || PACKAGE_FAIL.is_match(l)
    });
    Some(reading)
}

/// Reads `go test -json` events, one JSON object a line, or `None` when the
/// text has none. The events make one run; it is complete when a package
/// reported its own pass or fail.
fn read_json_events(text: &str) -> Option<Reading> {
    let mut tally = Tally::default();
    let (mut events, mut package_failed, mut package_done, mut date) = (0, false, false, None);
    let (mut first, mut last) = (0, 0);
    let mut failure_lines = Vec::new();
    for (idx, line) in crate::text::lines(text).enumerate() {
        let line = line.trim();
        if !line.starts_with('{') || !line.contains("\"Action\"") {
            continue;
        }
        let Ok(event) = serde_json::from_str::<Value>(line) else { continue };
        let Some(action) = event.get("Action").and_then(Value::as_str) else { continue };
        events += 1;
        first = if first == 0 { idx + 1 } else { first };
        last = idx + 1;
        if date.is_none() {
            date = event.get("Time").and_then(Value::as_str).and_then(find_date);
        }
        let is_test = event.get("Test").is_some();
        package_done |= !is_test && matches!(action, "pass" | "fail");
        let slot = match action {
            "pass" if is_test => &mut tally.passed,
            "skip" if is_test => &mut tally.skipped,
            "fail" | "build-fail" => {
                failure_lines.push(idx + 1);
                if !is_test {
                    package_failed = true;
                    continue;
                }
                &mut tally.failed
            }
            _ => continue,
        };
        *slot = slot.saturating_add(1);
    }
    if events == 0 {
        return None;
    }
    let mut run = tally.run(SUITE, first, last);
    run.complete = package_done || package_failed;
    if package_failed {
        run.outcome = Outcome::Fail;
    } else if !run.complete && run.outcome == Outcome::Pass {
        run.outcome = Outcome::Unknown;
    }
    if run.outcome == Outcome::Unknown {
        let why = if run.complete { "no test ran" } else { "cut off before its results" };
        run.note = Some(why.to_string());
    }
    let mut reading = Reading::of_runs(EvidenceFormat::GoTest, EvidenceKind::Test, vec![run]);
    reading.failure_lines = failure_lines;
    reading.date = date;
    Some(reading)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A verbose run with a failing subtest and a skip.
    pub(crate) const VERBOSE_FAIL: &str = "$ go test -v ./...
=== RUN   TestParseAmount
=== RUN   TestParseAmount/plain
=== RUN   TestParseAmount/thousands_separator
    money_test.go:41: got 1.234, want 1234
--- FAIL: TestParseAmount (0.00s)
    --- PASS: TestParseAmount/plain (0.00s)
    --- FAIL: TestParseAmount/thousands_separator (0.00s)
=== RUN   TestRound
--- PASS: TestRound (0.00s)
=== RUN   TestExchangeLive
    fx_test.go:12: needs FX_API_KEY
--- SKIP: TestExchangeLive (0.00s)
FAIL
FAIL\tgithub.com/acme/ledger/money\t0.012s
=== RUN   TestExport
--- PASS: TestExport (0.03s)
PASS
ok  \tgithub.com/acme/ledger/export\t0.041s
?   \tgithub.com/acme/ledger/cmd/ledger\t[no test files]
FAIL
";

    /// A plain run over packages on Windows, one cached.
    pub(crate) const PLAIN_PASS_WINDOWS: &str = "PS C:\\src\\ledger> go test ./...\r
ok  \tgithub.com/acme/ledger/money\t(cached)\r
ok  \tgithub.com/acme/ledger/export\t0.041s\tcoverage: 78.3% of statements\r
?   \tgithub.com/acme/ledger/cmd/ledger\t[no test files]\r
";

    /// A package that does not build.
    pub(crate) const BUILD_FAILED: &str =
        "# github.com/acme/ledger/money [github.com/acme/ledger/money.test]
money/round.go:14:2: undefined: mathx
FAIL\tgithub.com/acme/ledger/money [build failed]
ok  \tgithub.com/acme/ledger/export\t0.041s
FAIL
";

    /// `go test -json` events.
    pub(crate) const JSON_EVENTS: &str = r#"{"Time":"2026-03-04T10:15:02.118Z","Action":"start","Package":"github.com/acme/ledger/money"}
{"Time":"2026-03-04T10:15:02.120Z","Action":"run","Package":"github.com/acme/ledger/money","Test":"TestRound"}
{"Time":"2026-03-04T10:15:02.121Z","Action":"output","Package":"github.com/acme/ledger/money","Test":"TestRound","Output":"--- PASS: TestRound (0.00s)\n"}
{"Time":"2026-03-04T10:15:02.121Z","Action":"pass","Package":"github.com/acme/ledger/money","Test":"TestRound","Elapsed":0}
{"Time":"2026-03-04T10:15:02.122Z","Action":"run","Package":"github.com/acme/ledger/money","Test":"TestParseAmount"}
{"Time":"2026-03-04T10:15:02.123Z","Action":"output","Package":"github.com/acme/ledger/money","Test":"TestParseAmount","Output":"--- FAIL: TestParseAmount (0.00s)\n"}
{"Time":"2026-03-04T10:15:02.123Z","Action":"fail","Package":"github.com/acme/ledger/money","Test":"TestParseAmount","Elapsed":0}
{"Time":"2026-03-04T10:15:02.124Z","Action":"skip","Package":"github.com/acme/ledger/money","Test":"TestExchangeLive","Elapsed":0}
{"Time":"2026-03-04T10:15:02.130Z","Action":"fail","Package":"github.com/acme/ledger/money","Elapsed":0.012}
"#;

    /// A failing plain run, a fix, and the same packages passing.
    pub(crate) const RERUN_AFTER_FIX: &str = "$ go test ./...
--- FAIL: TestRound (0.00s)
    round_test.go:18: Round(2.5) = 3, want 2
FAIL
FAIL\tgithub.com/acme/ledger/money\t0.011s
ok  \tgithub.com/acme/ledger/export\t0.030s
FAIL
ok  \tgithub.com/acme/ledger/money\t0.010s
ok  \tgithub.com/acme/ledger/export\t(cached)
";

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] =
        &[VERBOSE_FAIL, PLAIN_PASS_WINDOWS, BUILD_FAILED, JSON_EVENTS, RERUN_AFTER_FIX];

    #[test]
    fn counts_verbose_verdicts_subtests_included() {
        let reading = read(VERBOSE_FAIL).unwrap();
        assert_eq!(reading.format.as_str(), "go-test");
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(3), Some(2), Some(1)));
        assert_eq!(reading.failure_lines, vec![6, 8, 14, 15, 21]);
    }

    #[test]
    fn plain_run_gives_an_outcome_without_counts() {
        let reading = read(PLAIN_PASS_WINDOWS).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!(reading.passed, None);
        assert!(reading.failure_lines.is_empty());
    }

    #[test]
    fn build_failure_fails_the_run() {
        let reading = read(BUILD_FAILED).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.failure_lines, vec![3, 5]);
    }

    #[test]
    fn reads_json_events_and_their_time() {
        let reading = read(JSON_EVENTS).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(1), Some(1), Some(1)));
        assert_eq!(reading.failure_lines, vec![7, 9]);
        assert_eq!(reading.date.as_deref(), Some("2026-03-04"));
    }

    #[test]
    fn a_package_reporting_again_starts_a_rerun() {
        let reading = read(RERUN_AFTER_FIX).unwrap();
        assert_eq!(reading.runs.len(), 2);
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!(reading.runs[0].outcome, Outcome::Fail);
        assert_eq!(reading.runs[1].start_line, 8);
        assert_eq!(reading.runs[0].seconds.map(|s| (s * 1000.0).round()), Some(41.0));
        let with_command = RERUN_AFTER_FIX.replace(
            "FAIL\nok  \tgithub.com/acme/ledger/money\t0.010s",
            "FAIL\n$ go test ./...\nok  \tgithub.com/acme/ledger/money\t0.010s",
        );
        let reading = read(&with_command).unwrap();
        assert_eq!((reading.runs.len(), reading.outcome), (2, Outcome::Pass));
    }

    #[test]
    fn verbose_run_cut_off_is_unknown_unless_a_test_failed() {
        let cut = "=== RUN   TestExport\n--- PASS: TestExport (0.03s)\n=== RUN   TestImport\n";
        let reading = read(cut).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.note.as_deref(), Some("cut off before its results"));
        let failing = "=== RUN   TestExport\n--- FAIL: TestExport (0.03s)\n=== RUN   TestImport\n";
        assert_eq!(read(failing).unwrap().outcome, Outcome::Fail);
    }

    #[test]
    fn package_args_are_scopes() {
        let log = "$ go test ./api/...\nok  \texample.com/shop/api\t0.2s\n$ go test ./worker/...\nFAIL\texample.com/shop/worker\t0.4s\nFAIL\n";
        let reading = read(log).unwrap();
        let scopes: Vec<Option<&str>> = reading.runs.iter().map(|r| r.scope.as_deref()).collect();
        assert_eq!(scopes, [Some("api"), Some("worker")]);
        assert_eq!(reading.outcome, Outcome::Fail);
    }

    #[test]
    fn ignores_smoke_checks_and_other_runners() {
        assert_eq!(read("2026-03-06T14:12:01Z        PASS  GET  /healthz   200   12ms"), None);
        assert_eq!(read("test result: ok. 3 passed; 0 failed; 0 ignored"), None);
        assert_eq!(read("ok, deploying now"), None);
    }
}
