//! A plain `N passed, N failed` summary anywhere in a file: a smoke-test note
//! (`Result: 9 passed, 0 failed.`), a script's last line, a deploy job's
//! smoke step.
//!
//! Either order is read (`2 failed, 7 passed`), with an optional
//! `, N skipped`. When a file has several, the last is its summary. Runners
//! with a summary of their own (pytest, jest) are read by their own modules
//! first; this is the fallback.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::count;
use super::{Reading, Tally};
use crate::model::EvidenceFormat;

/// `9 passed, 0 failed` or `0 failed, 9 passed`, then an optional skip count.
static SUMMARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:^|[^\w.])(?:(\d+) passed,\s*(\d+) failed|(\d+) failed,\s*(\d+) passed)",
        r"(?:,\s*(\d+) skipped)?\b",
    ))
    .expect("valid regex")
});

/// The last plain summary of a text and its 1-based line.
pub(super) fn last_summary(text: &str) -> Option<(Tally, usize)> {
    text.lines().enumerate().filter_map(|(i, line)| summary_of(line).map(|t| (t, i + 1))).last()
}

/// The counts a line states, when it is a plain summary.
fn summary_of(line: &str) -> Option<Tally> {
    let caps = SUMMARY.captures(line)?;
    let group = |i: usize| caps.get(i).map(|m| count(m.as_str()));
    let (passed, failed) = match (group(1), group(2)) {
        (Some(passed), Some(failed)) => (passed, failed),
        _ => (group(4)?, group(3)?),
    };
    Some(Tally { passed, failed, skipped: group(5).unwrap_or(0) })
}

/// Reads a file's last plain summary, or `None` when it has none. The line is
/// a failure line when it counts failures.
pub(super) fn read(text: &str) -> Option<Reading> {
    let (tally, line) = last_summary(text)?;
    let mut reading = Reading::tests(EvidenceFormat::PlainTests, tally);
    if tally.failed > 0 {
        reading.failure_lines.push(line);
    }
    Some(reading)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::Outcome;

    /// A markdown smoke-test note.
    pub(crate) const SMOKE_NOTE: &str = r"---
kind: evidence
tasks: [OPS-7]
date: 2026-03-06
---

# Production smoke check

| # | Check | Result |
|---|-------|--------|
| 1 | `GET /healthz` | PASS |
| 2 | Log in as the demo user | PASS |
| 3 | Export invoices as CSV | FAIL (timeout after 30 s) |

Result: 2 passed, 1 failed.
";

    /// A shell script's own summary, Windows style.
    pub(crate) const SCRIPT: &str = "C:\\ops> .\\smoke.ps1 -Target staging\r
[ok]   GET /healthz\r
[ok]   GET /readyz\r
[skip] POST /webhooks (no secret)\r
smoke: 2 passed, 0 failed, 1 skipped\r
";

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] = &[SMOKE_NOTE, SCRIPT];

    #[test]
    fn reads_a_result_line_in_a_markdown_note() {
        let reading = read(SMOKE_NOTE).unwrap();
        assert_eq!(reading.format.as_str(), "plain-tests");
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed), (Some(2), Some(1)));
        assert_eq!(reading.failure_lines, vec![15]);
    }

    #[test]
    fn reads_skips_and_either_order() {
        let reading = read(SCRIPT).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(2), Some(0), Some(1)));
        let reversed = read("0 failed, 12 passed").unwrap();
        assert_eq!((reversed.passed, reversed.failed), (Some(12), Some(0)));
    }

    #[test]
    fn last_summary_wins() {
        let reading = read("first try: 3 passed, 1 failed\nretry: 4 passed, 0 failed\n").unwrap();
        assert_eq!((reading.passed, reading.failed), (Some(4), Some(0)));
        assert_eq!(reading.outcome, Outcome::Pass);
    }

    #[test]
    fn prose_without_the_pattern_is_not_a_summary() {
        assert_eq!(read("All checks passed, none failed."), None);
        assert_eq!(read("v1.2 passed, 3 failed"), None);
        assert_eq!(read("test result: ok. 3 passed; 0 failed;"), None);
    }
}
