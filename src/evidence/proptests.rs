//! Property tests of every evidence reader: arbitrary bytes and near-valid
//! logs made of fragments of the real formats (with counts from zero to
//! ones no integer holds) never panic, and what a reader reports is
//! consistent: lines inside the file, coverage a percent, a counted failure
//! never a pass, figures that fit together.

use proptest::prelude::*;

use super::registry::READERS;
use super::*;
use crate::model::DocKind;

/// Lines of the formats the readers know, with `{a}` and `{b}` where counts go.
const FRAGMENTS: &[&str] = &[
    "============================= test session starts ==============================",
    "collected {a} items",
    "tests/test_x.py::test_y FAILED [ 50%]",
    "FAILED tests/test_x.py::test_y - assert 1 == 2",
    "===== {a} failed, {b} passed, {a} skipped in 1.2s =====",
    "running {a} tests",
    "test it_works ... ok",
    "test it_breaks ... FAILED",
    "test result: FAILED. {a} passed; {b} failed; {a} ignored; 0 measured; 0 filtered out",
    " Test Files  {a} failed | {b} passed ({a})",
    "      Tests  {b} failed | {a} passed ({b})",
    "Tests:       {a} failed, {b} skipped, {a} passed, {b} total",
    "--- FAIL: TestThing (0.00s)",
    "ok  \texample.com/pkg\t0.012s",
    "FAIL\texample.com/pkg\t0.020s",
    "[INFO] Tests run: {a}, Failures: {b}, Errors: {a}, Skipped: {b}",
    "[ERROR] BUILD FAILURE",
    "Ran {a} tests in 0.010s",
    "FAILED (failures={b}, errors={a})",
    "{a} examples, {b} failures, {a} pending",
    "  {a} passing (12ms)",
    "  {b} failing",
    "  ✓ adds numbers",
    "  ✘ [chromium] › cart.spec.ts:3:1 › checkout",
    "  {a} passed (2.1s)",
    "error[E0308]: mismatched types",
    "error: could not compile `x` due to {a} previous errors",
    "Failed to compile.",
    "webpack 5.90.0 compiled with {b} errors and {b} errors in 12 ms",
    "warning: `app` (lib) generated {b} warnings",
    "   Compiling app v0.1.0",
    "    Finished `dev` profile [unoptimized + debuginfo] target(s) in 1.02s",
    "Found {a} errors in {b} files.",
    "src/a.py:3:1: F401 unused import",
    "TOTAL    {a}    {b}    87%",
    "LF:{a}",
    "LH:{b}",
    "end_of_record",
    "HTTP/1.1 500 Internal Server Error",
    "Deploy failed",
    "Deployed to production",
    "Total: {a} tests, {b} failures",
    "| api | {a} | {b} |",
    "**Status**: ✅ PASSED",
    "<testsuite name=\"s\" tests=\"{a}\" failures=\"{b}\" errors=\"{a}\" skipped=\"{b}\">",
    "<testcase name=\"t\"><failure message=\"x\"/></testcase>",
    "</testsuite>",
    "{\"numTotalTests\": {a}, \"numPassedTests\": {b}, \"numFailedTests\": {a}, \"success\": true}",
    "{\"numTotalTests\": {a}, \"numPassedTests\": {a}, \"numFailedTestSuites\": {a}, \"numRuntimeErrorTestSuites\": {a}}",
    "{\"stats\": {\"expected\": {a}, \"unexpected\": {b}, \"skipped\": {a}}, \"suites\": [], \"config\": {}}",
    "{\"totals\": {\"covered_lines\": {a}, \"num_statements\": {b}, \"percent_covered\": 150}}",
    "\\n3 passed, 1 failed\\n\\n",
    "\u{1b}[31mFAIL\u{1b}[0m src/a.test.ts",
    "2026-03-01T10:00:00.0000000Z ##[error]Process completed with exit code 1.",
];

/// Counts as people and tools write them, from none to more than any integer holds.
const COUNTS: &[&str] =
    &["0", "1", "63", "100", "1,150", "4294967296", "18446744073709551615", "99999999999999999999"];

/// A near-valid log: fragments in any order, with counts in them.
fn near_valid() -> impl Strategy<Value = String> {
    let line = (prop::sample::select(FRAGMENTS), prop::sample::select(COUNTS), any::<u64>())
        .prop_map(|(fragment, b, a)| fragment.replace("{a}", &a.to_string()).replace("{b}", b));
    prop::collection::vec(line, 0..24).prop_map(|lines| lines.join("\n"))
}

/// Arbitrary text: lossy bytes.
fn arbitrary_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<u8>(), 0..400).prop_map(|bytes| crate::text::decode(&bytes).text)
}

/// What a reader's reading must be, whatever the text.
fn check_reading(name: &str, text: &str, reading: &Reading) -> Result<(), TestCaseError> {
    let n_lines = text.lines().count().max(1);
    for &line in &reading.failure_lines {
        prop_assert!((1..=n_lines).contains(&line), "{name}: failure line {line} of {n_lines}");
    }
    if let Some(p) = reading.coverage_percent {
        prop_assert!((0.0..=100.0).contains(&p), "{name}: coverage {p}");
    }
    for run in &reading.runs {
        prop_assert!(run.end_line <= n_lines, "{name}: run ends at {} of {n_lines}", run.end_line);
        if run.failed.is_some_and(|n| n > 0) {
            prop_assert_ne!(run.outcome, Outcome::Pass, "{}: {:?}", name, run);
        }
    }
    Ok(())
}

/// Every reader of the table on one text, read as each shape of input.
fn every_reader(text: &str) -> Result<(), TestCaseError> {
    for (path, prose) in
        [("tests/run.log", false), ("deployments/deploy.log", false), ("evidence/notes.md", true)]
    {
        let format = if prose { SourceFormat::Markdown } else { SourceFormat::Text };
        let document = Document::new(path.to_string(), DocKind::Evidence, format);
        let input = Input::new(&document, prose, text);
        for reader in READERS {
            if let Some(mut reading) = (reader.read)(&input) {
                check_reading(reader.name, text, &reading)?;
                reading.settle();
                check_reading(reader.name, text, &reading)?;
            }
        }
        // And the whole dispatch, as a build reads the file.
        let evidence = read(&document, if prose { "markdown" } else { "text" }, text);
        if evidence.failed.is_some_and(|n| n > 0) {
            prop_assert_ne!(evidence.outcome, Outcome::Pass, "{:?}", evidence);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn readers_take_any_bytes(text in arbitrary_text()) {
        every_reader(&text)?;
    }

    #[test]
    fn readers_take_near_valid_logs(text in near_valid()) {
        every_reader(&text)?;
    }
}
