//! What an evidence page shows above a report's raw text: a JUnit report's
//! suites and failing cases, a coverage report's files worst first (lcov,
//! Cobertura, coverage.py, Istanbul's summary and final JSON).
//!
//! The readers beside this module decide a file's outcome and figures; this
//! one reads the same formats again for the page, in more detail, once the
//! format is known. Each function is pure, like the readers, and lists at
//! most [`MAX_DETAIL_ROWS`] rows, counting the rest, so a report of 100,000
//! cases gives a page of bounded size.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use serde_json::Value;

use super::istanbul;
use super::lines::{LineIndex, count, percent};
use crate::diagnostics::Diagnostic;
use crate::model::{
    CoverageTable, EvidenceDetails, EvidenceFormat, FailingCase, FileCoverage, JunitSuite,
    JunitSummary, MAX_DETAIL_ROWS,
};

/// The most characters of a failure's message shown.
const MAX_MESSAGE_CHARS: usize = 300;

/// A warning (`A230`) for a file named as one of Istanbul's JSON coverage
/// reports (`coverage-summary.json`, `coverage-final.json`) whose JSON does
/// not parse, at the line the parser stopped: its coverage is not read, and
/// the file is shown as text. The build goes on.
pub fn broken_report(path: &str, text: &str) -> Option<Diagnostic> {
    let (message, line) = istanbul::broken_report(path, text)?;
    let name = crate::model::file_name(path);
    let diagnostic = Diagnostic::warning(
        "A230",
        path,
        line,
        format!("`{name}` is not valid JSON ({message}): its coverage is not read"),
    )
    .with_help(
        "write it again with Istanbul's reporter (`nyc report --reporter=json-summary`, \
         or the test runner's `coverageReporters`)"
            .to_string(),
    );
    Some(diagnostic)
}

/// The details of a report read as `format`, when that format has them.
pub fn details(format: EvidenceFormat, text: &str) -> Option<EvidenceDetails> {
    match format {
        EvidenceFormat::Junit => junit(text).map(EvidenceDetails::Junit),
        EvidenceFormat::Cobertura => cobertura(text).map(EvidenceDetails::Coverage),
        EvidenceFormat::Lcov => lcov(text).map(EvidenceDetails::Coverage),
        EvidenceFormat::CoveragePy => {
            let value: Value = serde_json::from_str(text).ok()?;
            coverage_py(&value).map(EvidenceDetails::Coverage)
        }
        EvidenceFormat::IstanbulSummary | EvidenceFormat::IstanbulFinal => {
            let value: Value = serde_json::from_str(text).ok()?;
            let rows = match format {
                EvidenceFormat::IstanbulSummary => istanbul::summary_files(&value)?,
                _ => istanbul::final_files(&value)?,
            };
            let files: Vec<_> =
                rows.into_iter().map(|(path, lines, covered)| file(path, lines, covered)).collect();
            (!files.is_empty()).then(|| EvidenceDetails::Coverage(table(files)))
        }
        _ => None,
    }
}

/// A suite being read: its attributes' counts, and its cases' when it has
/// no `tests` attribute.
struct OpenSuite {
    suite: JunitSuite,
    /// Whether the element carried a `tests` attribute.
    has_counts: bool,
}

/// A failure being read: its kind, line and message so far.
struct Failure {
    kind: String,
    line: usize,
    message: String,
}

/// A JUnit report's outermost suites and failing cases, or `None` when the
/// XML holds no suite.
fn junit(text: &str) -> Option<JunitSummary> {
    let index = LineIndex::new(text);
    let mut reader = Reader::from_str(text);
    let mut summary = JunitSummary::default();
    let mut suites: Vec<OpenSuite> = Vec::new();
    let mut case: Option<String> = None;
    let mut failure: Option<Failure> = None;
    let mut skipped = false;
    let mut seen_suite = false;
    loop {
        let offset = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        match event {
            Event::Start(element) | Event::Empty(element)
                if element.local_name().as_ref() == "testsuite" =>
            {
                seen_suite = true;
                suites.push(open_suite(&element));
                if is_empty_element(text, offset) {
                    close_suite(&mut suites, &mut summary);
                }
            }
            Event::End(element) if element.local_name().as_ref() == "testsuite" => {
                close_suite(&mut suites, &mut summary);
            }
            Event::Start(element) if element.local_name().as_ref() == "testcase" => {
                case = Some(case_name(&element));
                failure = None;
                skipped = false;
            }
            Event::Empty(element) if element.local_name().as_ref() == "testcase" => {
                let _ = element;
                count_case(&mut suites, None, false);
            }
            Event::End(element) if element.local_name().as_ref() == "testcase" => {
                let _ = element;
                let name = case.take().unwrap_or_default();
                let kind = failure.as_ref().map(|f| f.kind.clone());
                if let Some(failed) = failure.take() {
                    let message = cut(&failed.message);
                    push_failing(
                        &mut summary,
                        FailingCase { name, kind: failed.kind, message, line: failed.line },
                    );
                }
                count_case(&mut suites, kind.as_deref(), skipped);
            }
            Event::Start(element) | Event::Empty(element) if case.is_some() => {
                match element.local_name().as_ref() {
                    "failure" | "error" if failure.is_none() => {
                        let kind = element.local_name().as_ref().to_string();
                        let message = attribute(&element, "message").unwrap_or_default();
                        failure = Some(Failure { kind, line: index.line_of(offset), message });
                    }
                    "skipped" => skipped = true,
                    _ => {}
                }
            }
            Event::Text(content) => {
                if let Some(failed) = failure.as_mut().filter(|f| f.message.trim().is_empty()) {
                    let raw = content.xml10_content();
                    let text = quick_xml::escape::unescape(&raw)
                        .map_or_else(|_| raw.to_string(), |t| t.into_owned());
                    failed.message = first_line(&text);
                }
            }
            Event::CData(content) => {
                if let Some(failed) = failure.as_mut().filter(|f| f.message.trim().is_empty()) {
                    failed.message = first_line(&content.xml10_content());
                }
            }
            _ => {}
        }
    }
    while !suites.is_empty() {
        close_suite(&mut suites, &mut summary);
    }
    seen_suite.then_some(summary)
}

/// Whether the element that starts at `offset` closes itself (`<x/>`).
fn is_empty_element(text: &str, offset: usize) -> bool {
    let rest = text.get(offset..).unwrap_or("");
    rest.find('>').is_some_and(|end| rest[..end].ends_with('/'))
}

/// A suite as its element opens: its name and the counts its attributes give.
fn open_suite(element: &BytesStart<'_>) -> OpenSuite {
    let number = |name: &str| attribute(element, name).map(|v| count(v.trim()));
    let tests = number("tests");
    OpenSuite {
        suite: JunitSuite {
            name: attribute(element, "name").unwrap_or_default(),
            tests: tests.unwrap_or(0),
            failures: number("failures").unwrap_or(0),
            errors: number("errors").unwrap_or(0),
            skipped: number("skipped").unwrap_or(0).saturating_add(number("disabled").unwrap_or(0)),
            time: attribute(element, "time")
                .and_then(|t| t.trim().parse::<f64>().ok())
                .filter(|t| t.is_finite() && *t >= 0.0),
        },
        has_counts: tests.is_some(),
    }
}

/// Closes the innermost open suite; an outermost one joins the summary.
fn close_suite(suites: &mut Vec<OpenSuite>, summary: &mut JunitSummary) {
    let Some(closed) = suites.pop() else { return };
    if !suites.is_empty() {
        return;
    }
    let suite = closed.suite;
    let total = &mut summary.total;
    total.tests = total.tests.saturating_add(suite.tests);
    total.failures = total.failures.saturating_add(suite.failures);
    total.errors = total.errors.saturating_add(suite.errors);
    total.skipped = total.skipped.saturating_add(suite.skipped);
    total.time = match (total.time, suite.time) {
        (Some(a), Some(b)) => Some(a + b),
        (a, b) => a.or(b),
    };
    if summary.suites.len() < MAX_DETAIL_ROWS {
        summary.suites.push(suite);
    } else {
        summary.suites_left_out += 1;
    }
}

/// Counts a finished case in the outermost open suite, when that suite's
/// element gave no counts of its own.
fn count_case(suites: &mut [OpenSuite], failed: Option<&str>, skipped: bool) {
    let Some(outer) = suites.first_mut().filter(|s| !s.has_counts) else { return };
    let suite = &mut outer.suite;
    suite.tests += 1;
    match failed {
        Some("error") => suite.errors += 1,
        Some(_) => suite.failures += 1,
        None if skipped => suite.skipped += 1,
        None => {}
    }
}

fn push_failing(summary: &mut JunitSummary, case: FailingCase) {
    if summary.failing.len() < MAX_DETAIL_ROWS {
        summary.failing.push(case);
    } else {
        summary.failing_left_out += 1;
    }
}

/// `Class.name` of a `<testcase>`, or its name alone.
fn case_name(element: &BytesStart<'_>) -> String {
    let name = attribute(element, "name").unwrap_or_default();
    match attribute(element, "classname").or_else(|| attribute(element, "class")) {
        Some(class) if !class.is_empty() => format!("{class}.{name}"),
        _ => name,
    }
}

/// An attribute's value, unescaped.
fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    let attr = element.try_get_attribute(name).ok().flatten()?;
    let value = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0);
    Some(value.map_or_else(|_| attr.value.to_string(), |v| v.into_owned()))
}

/// The first line of a text that is not blank, trimmed.
fn first_line(text: &str) -> String {
    crate::text::lines(text).map(str::trim).find(|l| !l.is_empty()).unwrap_or("").to_string()
}

/// A message cut to [`MAX_MESSAGE_CHARS`].
fn cut(message: &str) -> String {
    let message = message.trim();
    if message.chars().count() <= MAX_MESSAGE_CHARS {
        return message.to_string();
    }
    let mut cut: String = message.chars().take(MAX_MESSAGE_CHARS).collect();
    cut.push('…');
    cut
}

/// The files of a coverage report, worst first: lowest percent, then path;
/// files with no lines last.
fn table(mut files: Vec<FileCoverage>) -> CoverageTable {
    files.sort_by(|a, b| {
        let key = |f: &FileCoverage| f.percent.unwrap_or(f64::INFINITY);
        key(a).total_cmp(&key(b)).then_with(|| a.path.cmp(&b.path))
    });
    let left_out = files.len().saturating_sub(MAX_DETAIL_ROWS);
    files.truncate(MAX_DETAIL_ROWS);
    CoverageTable { files, left_out }
}

fn file(path: String, lines: u64, covered: u64) -> FileCoverage {
    let share = (lines > 0).then(|| covered as f64 / lines as f64 * 100.0).and_then(percent);
    FileCoverage { path, lines, covered, percent: share }
}

/// The files of a Cobertura report: its `<class>` elements by file name,
/// counting their `<line>` elements (a line with hits is covered).
fn cobertura(text: &str) -> Option<CoverageTable> {
    let mut reader = Reader::from_str(text);
    let mut by_file: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
    let mut current: Option<String> = None;
    let mut depth_in_methods = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(element)) | Ok(Event::Empty(element)) => {
                match element.local_name().as_ref() {
                    "class" => {
                        let name = attribute(&element, "filename").unwrap_or_default();
                        by_file.entry(name.clone()).or_default();
                        current = Some(name);
                    }
                    "methods" => depth_in_methods += 1,
                    // A method's lines repeat the class's; only the class's count.
                    "line" if depth_in_methods == 0 => {
                        if let Some(entry) = current.as_ref().and_then(|f| by_file.get_mut(f)) {
                            let hits = attribute(&element, "hits").map_or(0, |h| count(h.trim()));
                            entry.0 += 1;
                            entry.1 += u64::from(hits > 0);
                        }
                    }
                    _ => {}
                }
            }
            Ok(Event::End(element)) => match element.local_name().as_ref() {
                "class" => current = None,
                "methods" => depth_in_methods = depth_in_methods.saturating_sub(1),
                _ => {}
            },
            Ok(_) => {}
        }
    }
    if by_file.is_empty() {
        return None;
    }
    Some(table(
        by_file.into_iter().map(|(path, (lines, covered))| file(path, lines, covered)).collect(),
    ))
}

/// One `SF:` record of an lcov tracefile being read.
struct LcovRecord {
    path: String,
    /// `LF:` and `LH:`, when given.
    found: Option<u64>,
    hit: Option<u64>,
    /// `DA:` lines, and those with hits.
    da_found: u64,
    da_hit: u64,
}

impl LcovRecord {
    fn file(self) -> FileCoverage {
        let (lines, covered) = match (self.found, self.hit) {
            (Some(found), Some(hit)) if found > 0 => (found, hit.min(found)),
            _ => (self.da_found, self.da_hit),
        };
        file(self.path, lines, covered)
    }
}

/// The files of an lcov tracefile: each `SF:` record's `LF:`/`LH:`, else
/// its `DA:` lines.
fn lcov(text: &str) -> Option<CoverageTable> {
    let mut files = Vec::new();
    let mut record: Option<LcovRecord> = None;
    for line in crate::text::lines(text).map(str::trim_end) {
        if let Some(path) = line.strip_prefix("SF:") {
            let path = path.to_string();
            record = Some(LcovRecord { path, found: None, hit: None, da_found: 0, da_hit: 0 });
        } else if let Some(open) = record.as_mut() {
            if let Some(n) = line.strip_prefix("LF:") {
                open.found = Some(count(n.trim()));
            } else if let Some(n) = line.strip_prefix("LH:") {
                open.hit = Some(count(n.trim()));
            } else if let Some(data) = line.strip_prefix("DA:") {
                open.da_found += 1;
                open.da_hit += u64::from(data.split(',').nth(1).unwrap_or("0").trim() != "0");
            } else if line == "end_of_record"
                && let Some(done) = record.take()
            {
                files.push(done.file());
            }
        }
    }
    (!files.is_empty()).then(|| table(files))
}

/// The files of coverage.py's JSON report: each file's `summary`.
fn coverage_py(value: &Value) -> Option<CoverageTable> {
    let files = value.get("files")?.as_object()?;
    let rows = files
        .iter()
        .map(|(path, data)| {
            let summary = data.get("summary");
            let number =
                |key: &str| summary.and_then(|s| s.get(key)).and_then(Value::as_u64).unwrap_or(0);
            let lines = number("num_statements");
            file(path.clone(), lines, number("covered_lines").min(lines))
        })
        .collect::<Vec<_>>();
    (!rows.is_empty()).then(|| table(rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::coverage::tests::{COBERTURA, COVERAGE_PY, LCOV};
    use crate::evidence::junit::tests::{NESTED, NO_ATTRIBUTES, SUITES_WITH_TOTALS};

    fn junit_of(text: &str) -> JunitSummary {
        match details(EvidenceFormat::Junit, text) {
            Some(EvidenceDetails::Junit(summary)) => summary,
            other => panic!("not a JUnit summary: {other:?}"),
        }
    }

    fn files_of(format: EvidenceFormat, text: &str) -> Vec<(String, u64, u64, Option<f64>)> {
        match details(format, text) {
            Some(EvidenceDetails::Coverage(table)) => {
                table.files.into_iter().map(|f| (f.path, f.lines, f.covered, f.percent)).collect()
            }
            other => panic!("not a coverage table: {other:?}"),
        }
    }

    #[test]
    fn junit_lists_suites_and_failing_cases_with_messages() {
        let summary = junit_of(SUITES_WITH_TOTALS);
        let suites: Vec<_> = summary
            .suites
            .iter()
            .map(|s| (s.name.as_str(), s.tests, s.failures, s.errors, s.skipped))
            .collect();
        assert_eq!(
            suites,
            [("com.acme.ledger.MoneyTest", 5, 1, 0, 1), ("com.acme.ledger.ExportTest", 4, 0, 1, 0)]
        );
        assert_eq!((summary.total.tests, summary.total.failures, summary.total.errors), (9, 1, 1));
        assert_eq!(summary.total.time, Some(0.412 + 1.899));
        assert_eq!(
            summary.failing,
            [
                FailingCase {
                    name: "com.acme.ledger.MoneyTest.roundsHalfEven".into(),
                    kind: "failure".into(),
                    message: "expected: <2.4> but was: <2.5>".into(),
                    line: 9,
                },
                FailingCase {
                    name: "com.acme.ledger.ExportTest.streamsLargeExports".into(),
                    kind: "error".into(),
                    message: "Java heap space".into(),
                    line: 23,
                },
            ]
        );
    }

    #[test]
    fn junit_counts_cases_when_suites_give_no_counts() {
        let summary = junit_of(NO_ATTRIBUTES);
        let web = &summary.suites[0];
        assert_eq!((web.tests, web.failures, web.errors, web.skipped), (3, 1, 0, 1));
        // The message is the failure's text when it has no attribute.
        assert_eq!(summary.failing[0].message, "Expected 200, got 500");
        assert_eq!(summary.failing[0].name, "App.logs in");
    }

    #[test]
    fn junit_lists_only_outermost_suites() {
        let summary = junit_of(NESTED);
        assert_eq!(summary.suites.len(), 1);
        assert_eq!((summary.suites[0].name.as_str(), summary.suites[0].tests), ("Unit", 3));
    }

    #[test]
    fn junit_caps_failing_cases_and_counts_the_rest() {
        let cases: String = (0..MAX_DETAIL_ROWS + 3)
            .map(|n| format!("<testcase name=\"t{n}\"><failure message=\"m{n}\"/></testcase>"))
            .collect();
        let summary = junit_of(&format!("<testsuite name=\"s\">{cases}</testsuite>"));
        assert_eq!(summary.failing.len(), MAX_DETAIL_ROWS);
        assert_eq!(summary.failing_left_out, 3);
        assert_eq!(summary.suites[0].failures, MAX_DETAIL_ROWS as u64 + 3);
        assert_eq!(details(EvidenceFormat::Junit, "<coverage/>"), None);
    }

    #[test]
    fn istanbul_reports_give_per_file_tables() {
        use crate::evidence::istanbul::tests::{FINAL, SUMMARY};
        let summary = files_of(EvidenceFormat::IstanbulSummary, SUMMARY);
        assert_eq!(
            summary,
            [
                ("lib/tax.ts".to_string(), 10, 3, Some(30.0)),
                ("src/cart.ts".to_string(), 30, 27, Some(90.0))
            ]
        );
        let fin = files_of(EvidenceFormat::IstanbulFinal, FINAL);
        assert_eq!(fin, [("/w/app/src/price.js".to_string(), 3, 2, Some(66.67))]);
    }

    #[test]
    fn broken_istanbul_reports_are_warnings_at_their_line() {
        let text = "{\n  \"a.js\": {\"s\": {\"0\": 1,}}\n}\n";
        let found = broken_report("coverage/coverage-final.json", text).unwrap();
        assert_eq!((found.code, found.line), ("A230", 2));
        assert_eq!(
            found.message,
            "`coverage-final.json` is not valid JSON (key must be a string at line 2 column 25): its coverage is not read"
        );
    }

    #[test]
    fn coverage_tables_list_files_worst_first() {
        assert_eq!(
            files_of(EvidenceFormat::Lcov, LCOV),
            [
                ("C:\\work\\ledger\\src\\tax.rs".to_string(), 2, 1, Some(50.0)),
                ("C:\\work\\ledger\\src\\money.rs".to_string(), 4, 3, Some(75.0)),
            ]
        );
        assert_eq!(
            files_of(EvidenceFormat::CoveragePy, COVERAGE_PY),
            [("app\\money.py".to_string(), 4, 3, Some(75.0))]
        );
        let cobertura = r#"<coverage line-rate="0.5"><packages><package name="app"><classes>
<class name="a" filename="app/a.py" line-rate="1"><methods><method name="f"><lines><line number="1" hits="1"/></lines></method></methods>
<lines><line number="1" hits="1"/><line number="2" hits="3"/></lines></class>
<class name="b" filename="app/b.py" line-rate="0"><lines><line number="1" hits="0"/><line number="5" hits="0"/></lines></class>
</classes></package></packages></coverage>"#;
        assert_eq!(
            files_of(EvidenceFormat::Cobertura, cobertura),
            [
                ("app/b.py".to_string(), 2, 0, Some(0.0)),
                ("app/a.py".to_string(), 2, 2, Some(100.0))
            ]
        );
        // The Cobertura report with no classes has no table.
        assert_eq!(details(EvidenceFormat::Cobertura, COBERTURA), None);
    }
}
