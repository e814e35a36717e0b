//! JUnit XML test reports: `<testsuites>` or a single `<testsuite>`, as
//! pytest, Surefire, jest-junit, gotestsum, nextest and ctest write them.
//!
//! Figures come from the `tests`, `failures`, `errors` and `skipped` (or
//! `disabled`) attributes of the outermost `<testsuite>` elements, so nested
//! suites and a `<testsuites>` element carrying the same totals are not
//! counted twice. When suites lack those attributes, the `<testcase>`
//! elements are counted instead. Cobertura coverage XML is `coverage.rs`'s.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::lines::{LineIndex, count};
use super::{Outcome, Reading, Tally};
use crate::dates::find_date;
use crate::model::{EvidenceFormat, EvidenceKind};

/// Counts from one element's attributes, or from its test cases.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    /// Tests run.
    tests: u64,
    /// Failed assertions plus errors.
    failed: u64,
    /// Skipped or disabled tests.
    skipped: u64,
}

impl Counts {
    /// Reads the counting attributes of a `<testsuite>` or `<testsuites>`,
    /// or `None` when it has no `tests` attribute.
    fn of(element: &BytesStart<'_>) -> Option<Counts> {
        let attr = |name: &str| {
            element.try_get_attribute(name).ok().flatten().map(|a| count(a.value.trim()))
        };
        Some(Counts {
            tests: attr("tests")?,
            failed: attr("failures").unwrap_or(0).saturating_add(attr("errors").unwrap_or(0)),
            skipped: attr("skipped").unwrap_or(0).saturating_add(attr("disabled").unwrap_or(0)),
        })
    }

    /// Adds another element's counts.
    fn add(&mut self, other: Counts) {
        self.tests = self.tests.saturating_add(other.tests);
        self.failed = self.failed.saturating_add(other.failed);
        self.skipped = self.skipped.saturating_add(other.skipped);
    }

    /// The counts as a tally; passed is what is left of `tests`.
    fn tally(self) -> Tally {
        let passed = self.tests.saturating_sub(self.failed).saturating_sub(self.skipped);
        Tally { passed, failed: self.failed, skipped: self.skipped }
    }
}

/// What a walk over the report found.
#[derive(Debug, Default)]
struct Walk {
    /// Whether any `<testsuite>` or `<testsuites>` element was seen.
    is_junit: bool,
    /// The `<testsuites>` element's own totals.
    root: Option<Counts>,
    /// The sum over outermost `<testsuite>` elements.
    suites: Counts,
    /// Whether every outermost suite had a `tests` attribute.
    suites_complete: bool,
    /// How many outermost suites there were.
    n_suites: usize,
    /// Counts from `<testcase>` elements and their children.
    cases: Counts,
    /// Byte offsets of `<failure` and `<error` elements.
    failures: Vec<usize>,
    /// The first `timestamp` attribute.
    timestamp: Option<String>,
    /// Whether the document ended cleanly, every element closed.
    complete: bool,
}

/// Reads a JUnit XML report, or `None` when the XML is not one.
pub(super) fn read(text: &str) -> Option<Reading> {
    let walk = walk(text);
    if !walk.is_junit {
        return None;
    }
    let counts = if walk.n_suites > 0 && walk.suites_complete {
        Some(walk.suites)
    } else if walk.root.is_some() {
        walk.root
    } else {
        (walk.cases.tests > 0).then_some(walk.cases)
    };
    let index = LineIndex::new(text);
    let failure_lines: Vec<usize> = walk.failures.iter().map(|&at| index.line_of(at)).collect();
    let mut reading = match counts {
        Some(counts) => Reading::tests(EvidenceFormat::Junit, counts.tally()),
        None => Reading::new(EvidenceFormat::Junit, EvidenceKind::Test),
    };
    if !walk.complete {
        // A report cut short may hide failures further on: only a failure
        // already seen decides it.
        let failed = !failure_lines.is_empty() || reading.failed.is_some_and(|n| n > 0);
        reading.outcome = if failed { Outcome::Fail } else { Outcome::Unknown };
    } else if !failure_lines.is_empty() {
        reading.outcome = Outcome::Fail;
    }
    reading.failure_lines = failure_lines;
    reading.date = walk.timestamp.as_deref().and_then(find_date);
    Some(reading)
}

/// Walks the XML events once, keeping the stack of open element names.
fn walk(text: &str) -> Walk {
    let mut reader = Reader::from_str(text);
    let mut walk = Walk { suites_complete: true, ..Walk::default() };
    let mut stack: Vec<String> = Vec::new();
    loop {
        let offset = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        match reader.read_event() {
            Ok(Event::Start(element)) => {
                let name = element.local_name().as_ref().to_string();
                open(&mut walk, &stack, &element, offset);
                stack.push(name);
            }
            Ok(Event::Empty(element)) => open(&mut walk, &stack, &element, offset),
            Ok(Event::End(_)) => {
                stack.pop();
            }
            Ok(Event::Eof) => {
                walk.complete = stack.is_empty();
                return walk;
            }
            Ok(_) => {}
            Err(_) => return walk,
        }
    }
}

/// Takes note of an element as it opens.
fn open(walk: &mut Walk, stack: &[String], element: &BytesStart<'_>, offset: usize) {
    let in_case = stack.last().is_some_and(|parent| parent == "testcase");
    match element.local_name().as_ref() {
        "testsuites" => {
            walk.is_junit = true;
            walk.root = walk.root.or_else(|| Counts::of(element));
        }
        "testsuite" => {
            walk.is_junit = true;
            if !stack.iter().any(|name| name == "testsuite") {
                walk.n_suites += 1;
                match Counts::of(element) {
                    Some(counts) => walk.suites.add(counts),
                    None => walk.suites_complete = false,
                }
            }
        }
        "testcase" => walk.cases.tests = walk.cases.tests.saturating_add(1),
        "failure" | "error" if in_case => {
            walk.failures.push(offset);
            walk.cases.failed = walk.cases.failed.saturating_add(1);
        }
        "skipped" if in_case => walk.cases.skipped = walk.cases.skipped.saturating_add(1),
        _ => {}
    }
    if walk.timestamp.is_none()
        && let Ok(Some(stamp)) = element.try_get_attribute("timestamp")
    {
        walk.timestamp = Some(stamp.value.into_owned());
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Surefire-style report: a `<testsuites>` with totals over two suites.
    pub(crate) const SUITES_WITH_TOTALS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="ledger" tests="9" failures="1" errors="1" skipped="1" time="2.311">
  <testsuite name="com.acme.ledger.MoneyTest" tests="5" failures="1" errors="0" skipped="1" time="0.412" timestamp="2026-03-05T09:41:12">
    <properties>
      <property name="java.version" value="21.0.2"/>
    </properties>
    <testcase name="addsSameCurrency" classname="com.acme.ledger.MoneyTest" time="0.003"/>
    <testcase name="roundsHalfEven" classname="com.acme.ledger.MoneyTest" time="0.011">
      <failure message="expected: &lt;2.4&gt; but was: &lt;2.5&gt;" type="org.opentest4j.AssertionFailedError"><![CDATA[org.opentest4j.AssertionFailedError: expected: <2.4> but was: <2.5>
	at com.acme.ledger.MoneyTest.roundsHalfEven(MoneyTest.java:88)
]]></failure>
    </testcase>
    <testcase name="refusesMixedCurrency" classname="com.acme.ledger.MoneyTest" time="0.002"/>
    <testcase name="parsesLocaleAmounts" classname="com.acme.ledger.MoneyTest" time="0.001"/>
    <testcase name="fetchesLiveRates" classname="com.acme.ledger.MoneyTest" time="0">
      <skipped message="needs network"/>
    </testcase>
  </testsuite>
  <testsuite name="com.acme.ledger.ExportTest" tests="4" failures="0" errors="1" skipped="0" time="1.899" timestamp="2026-03-05T09:41:13">
    <testcase name="writesCsvHeader" classname="com.acme.ledger.ExportTest" time="0.201"/>
    <testcase name="writesOneRowPerLine" classname="com.acme.ledger.ExportTest" time="0.301"/>
    <testcase name="streamsLargeExports" classname="com.acme.ledger.ExportTest" time="1.2">
      <error message="Java heap space" type="java.lang.OutOfMemoryError">java.lang.OutOfMemoryError: Java heap space</error>
    </testcase>
    <testcase name="escapesQuotes" classname="com.acme.ledger.ExportTest" time="0.197"/>
  </testsuite>
</testsuites>
"#;

    /// A single pytest suite, all passing.
    pub(crate) const SINGLE_SUITE: &str = r#"<?xml version="1.0" encoding="utf-8"?><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="3" time="0.120" timestamp="2026-02-10T11:03:27.412907" hostname="fv-az1024-337"><testcase classname="tests.test_money" name="test_round" time="0.001" /><testcase classname="tests.test_money" name="test_parse" time="0.001" /><testcase classname="tests.test_tax" name="test_vat" file="tests\test_tax.py" line="12" time="0.003" /></testsuite>"#;

    /// A report whose suites carry no counting attributes.
    pub(crate) const NO_ATTRIBUTES: &str = r#"<testsuites>
  <testsuite name="web">
    <testcase name="renders" classname="App"/>
    <testcase name="logs in" classname="App">
      <failure>Expected 200, got 500</failure>
    </testcase>
    <testcase name="dark mode" classname="App"><skipped/></testcase>
  </testsuite>
</testsuites>
"#;

    /// PHPUnit nests suites; the outer one carries the totals of the inner.
    pub(crate) const NESTED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="Unit" tests="3" assertions="7" errors="0" failures="0" skipped="0" time="0.02">
    <testsuite name="Tests\Unit\MoneyTest" file="C:\work\shop\tests\Unit\MoneyTest.php" tests="2" assertions="5" errors="0" failures="0" skipped="0" time="0.01">
      <testcase name="testAdd" class="Tests\Unit\MoneyTest" assertions="3" time="0.004"/>
      <testcase name="testRound" class="Tests\Unit\MoneyTest" assertions="2" time="0.003"/>
    </testsuite>
    <testsuite name="Tests\Unit\CartTest" tests="1" assertions="2" errors="0" failures="0" skipped="0" time="0.01">
      <testcase name="testTotal" class="Tests\Unit\CartTest" assertions="2" time="0.006"/>
    </testsuite>
  </testsuite>
</testsuites>
"#;

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] = &[SUITES_WITH_TOTALS, SINGLE_SUITE, NO_ATTRIBUTES, NESTED];

    #[test]
    fn sums_suites_without_counting_testsuites_totals_twice() {
        let reading = read(SUITES_WITH_TOTALS).unwrap();
        assert_eq!(reading.format.as_str(), "junit");
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(6), Some(2), Some(1)));
        assert_eq!(reading.date.as_deref(), Some("2026-03-05"));
    }

    #[test]
    fn marks_failure_and_error_elements() {
        assert_eq!(read(SUITES_WITH_TOTALS).unwrap().failure_lines, vec![9, 23]);
    }

    #[test]
    fn single_passing_suite_passes() {
        let reading = read(SINGLE_SUITE).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(3), Some(0), Some(0)));
        assert_eq!(reading.date.as_deref(), Some("2026-02-10"));
    }

    #[test]
    fn counts_test_cases_when_attributes_are_missing() {
        let reading = read(NO_ATTRIBUTES).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!((reading.passed, reading.failed, reading.skipped), (Some(1), Some(1), Some(1)));
        assert_eq!(reading.failure_lines, vec![5]);
    }

    #[test]
    fn counts_only_outermost_suites_when_nested() {
        let reading = read(NESTED).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.passed, reading.failed), (Some(3), Some(0)));
    }

    #[test]
    fn cut_short_report_is_unknown_unless_a_failure_was_seen() {
        let cut = &SINGLE_SUITE[..SINGLE_SUITE.len() - 40];
        assert_eq!(read(cut).unwrap().outcome, Outcome::Unknown);
        let cut = &SUITES_WITH_TOTALS[..SUITES_WITH_TOTALS.find("refusesMixed").unwrap()];
        assert_eq!(read(cut).unwrap().outcome, Outcome::Fail);
    }

    #[test]
    fn other_xml_is_not_junit() {
        assert_eq!(read(r#"<coverage line-rate="0.8"><packages/></coverage>"#), None);
        assert_eq!(read("<html><body>testsuite</body></html>"), None);
        assert_eq!(read("<<<>>>"), None);
    }
}
