//! `go test` output, plain, verbose (`-v`) or as `-json` events.
//!
//! Verbose runs print `--- PASS: TestX (0.00s)`, `--- FAIL:` and `--- SKIP:`
//! per test (subtests indented); those are counted, subtests included, as
//! gotestsum does. Plain runs print only one line per package (`ok  pkg
//! 0.012s`, `FAIL  pkg  0.3s`), which gives an outcome but no test counts.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::lines::matching_lines;
use super::{Outcome, Reading, Tally};
use crate::dates::find_date;
use crate::model::{EvidenceFormat, EvidenceKind};

/// A test's verdict in verbose output.
static VERDICT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*--- (PASS|FAIL|SKIP): \S+ \(\d+(?:\.\d+)?s\)").expect("valid regex")
});

/// A package that passed: `ok  ledger/money  0.012s`, or `(cached)`; go
/// separates the columns with tabs.
static PACKAGE_OK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ok\s+\S+\s+(?:\d+(?:\.\d+)?s|\(cached\))(?:\s|$)").expect("valid regex")
});

/// A package that failed, ran or did not build: `FAIL  ledger/money  0.3s`,
/// `FAIL  ledger/money [build failed]`, or the bare `FAIL` closing `-v` output.
static PACKAGE_FAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^FAIL(?:\s+\S+\s+(?:\d+(?:\.\d+)?s|\[(?:build|setup) failed\])(?:\s|$)|\s*$)")
        .expect("valid regex")
});

/// Reads a go test log, or `None` when the text is not one.
pub(super) fn read(text: &str) -> Option<Reading> {
    read_json_events(text).or_else(|| read_console(text))
}

/// Reads plain or verbose console output.
fn read_console(text: &str) -> Option<Reading> {
    let mut tally = Tally::default();
    let (mut verdicts, mut packages_ok, mut packages_failed) = (0, 0, 0);
    for line in text.lines() {
        if let Some(caps) = VERDICT.captures(line) {
            verdicts += 1;
            let slot = match &caps[1] {
                "PASS" => &mut tally.passed,
                "FAIL" => &mut tally.failed,
                _ => &mut tally.skipped,
            };
            *slot = slot.saturating_add(1);
        } else if PACKAGE_OK.is_match(line) {
            packages_ok += 1;
        } else if line.starts_with("FAIL") && PACKAGE_FAIL.is_match(line) {
            packages_failed += 1;
        }
    }
    let verbose_run = text.lines().any(|l| l.starts_with("=== RUN"));
    if verdicts == 0 && packages_ok == 0 && packages_failed == 0 && !verbose_run {
        return None;
    }
    let failure_lines = matching_lines(text, |l| {
        l.trim_start().starts_with("--- FAIL:") || PACKAGE_FAIL.is_match(l)
    });
    let mut reading = if verdicts > 0 {
        Reading::tests(EvidenceFormat::GoTest, tally)
    } else {
        Reading::new(EvidenceFormat::GoTest, EvidenceKind::Test)
    };
    reading.outcome = if tally.failed > 0 || packages_failed > 0 {
        Outcome::Fail
    } else if tally.passed > 0 || packages_ok > 0 {
        Outcome::Pass
    } else {
        Outcome::Unknown
    };
    reading.failure_lines = failure_lines;
    Some(reading)
}

/// Reads `go test -json` events, one JSON object a line, or `None` when the
/// text has none.
fn read_json_events(text: &str) -> Option<Reading> {
    let mut tally = Tally::default();
    let (mut events, mut package_failed, mut date) = (0, false, None);
    let mut failure_lines = Vec::new();
    for (idx, line) in text.lines().enumerate() {
        let line = line.trim();
        if !line.starts_with('{') || !line.contains("\"Action\"") {
            continue;
        }
        let Ok(event) = serde_json::from_str::<Value>(line) else { continue };
        let Some(action) = event.get("Action").and_then(Value::as_str) else { continue };
        events += 1;
        if date.is_none() {
            date = event.get("Time").and_then(Value::as_str).and_then(find_date);
        }
        let is_test = event.get("Test").is_some();
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
    let mut reading =
        Reading { failure_lines, date, ..Reading::tests(EvidenceFormat::GoTest, tally) };
    if package_failed {
        reading.outcome = Outcome::Fail;
    }
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

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] =
        &[VERBOSE_FAIL, PLAIN_PASS_WINDOWS, BUILD_FAILED, JSON_EVENTS];

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
    fn ignores_smoke_checks_and_other_runners() {
        assert_eq!(read("2026-03-06T14:12:01Z        PASS  GET  /healthz   200   12ms"), None);
        assert_eq!(read("test result: ok. 3 passed; 0 failed; 0 ignored"), None);
        assert_eq!(read("ok, deploying now"), None);
    }
}
