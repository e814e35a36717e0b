//! Coverage reports: coverage.py JSON, lcov tracefiles, Cobertura XML, and
//! the total line of a console report.
//!
//! Coverage has no pass or fail of its own, so these readings' outcome is
//! `unknown`, unless the report says a required minimum was missed or met
//! (pytest-cov's `--cov-fail-under` message). Percentages are line coverage,
//! 0-100, rounded to two decimals. Test figures in the same log are the test
//! readers'; `read_log` in `mod.rs` merges the two.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use regex::Regex;
use serde_json::Value;

use super::lines::{count, epoch_date, percent};
use super::{Outcome, Reading};
use crate::dates::find_date;
use crate::model::EvidenceFormat;
use crate::text::Prefixed;
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// Reads coverage.py's `coverage json` report, or `None` when the value is
/// not one.
pub(super) fn read_coverage_py(value: &Value) -> Option<Reading> {
    let totals = value.get("totals")?;
    let number = |key: &str| totals.get(key).and_then(Value::as_f64);
    let ratio = match (number("covered_lines"), number("num_statements")) {
        (Some(covered), Some(statements)) if statements > 0.0 => Some(covered / statements * 100.0),
        _ => None,
    };
    let share = number("percent_covered").or(ratio);
    if share.is_none() && number("num_statements").is_none() {
        return None;
    }
    let mut reading = Reading::coverage(EvidenceFormat::CoveragePy, share.and_then(percent));
    let meta = value.get("meta");
    reading.date =
        meta.and_then(|m| m.get("timestamp")).and_then(Value::as_str).and_then(find_date);
    Some(reading)
}

/// Reads an lcov tracefile (`SF:` … `end_of_record`), or `None` when the text
/// is not one. The percent is the sum of `LH:` over the sum of `LF:`; files
/// without those summary lines are counted from their `DA:` lines.
pub(super) fn read_lcov(text: &str) -> Option<Reading> {
    let is_lcov = crate::text::lines(text).any(|l| l.starts_with("SF:"))
        && crate::text::lines(text).any(|l| l.trim_end() == "end_of_record");
    if !is_lcov {
        return None;
    }
    let (mut found, mut hit, mut da_found, mut da_hit) = (0u64, 0u64, 0u64, 0u64);
    for line in crate::text::lines(text).map(str::trim_end) {
        if let Some(n) = line.strip_prefix("LF:") {
            found = found.saturating_add(count(n.trim()));
        } else if let Some(n) = line.strip_prefix("LH:") {
            hit = hit.saturating_add(count(n.trim()));
        } else if let Some(data) = line.strip_prefix("DA:") {
            da_found = da_found.saturating_add(1);
            let hits = data.split(',').nth(1).unwrap_or("0");
            da_hit = da_hit.saturating_add(u64::from(hits.trim() != "0"));
        }
    }
    let (found, hit) = if found > 0 { (found, hit) } else { (da_found, da_hit) };
    let share = (found > 0).then(|| hit as f64 / found as f64 * 100.0).and_then(percent);
    Some(Reading::coverage(EvidenceFormat::Lcov, share))
}

/// Reads a Cobertura report (`<coverage line-rate="0.814" …>`), or `None`
/// when the XML's root is not one.
pub(super) fn read_cobertura(text: &str) -> Option<Reading> {
    let mut reader = Reader::from_str(text);
    let root = loop {
        match reader.read_event() {
            Ok(Event::Start(element) | Event::Empty(element)) => break element,
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    };
    if root.local_name().as_ref() != "coverage" {
        return None;
    }
    let number = |name: &str| attribute(&root, name).and_then(|v| v.trim().parse::<f64>().ok());
    let from_counts = match (number("lines-covered"), number("lines-valid")) {
        (Some(covered), Some(valid)) if valid > 0.0 => Some(covered / valid * 100.0),
        _ => None,
    };
    let share = number("line-rate").map(|rate| rate * 100.0).or(from_counts)?;
    let mut reading = Reading::coverage(EvidenceFormat::Cobertura, percent(share));
    // Cobertura stamps milliseconds since 1970; very old writers used seconds.
    reading.date =
        number("timestamp").and_then(|t| epoch_date(if t > 1e11 { t / 1000.0 } else { t }));
    Some(reading)
}

/// An attribute's raw value.
fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element.try_get_attribute(name).ok().flatten().map(|a| a.value.into_owned())
}

/// coverage.py's console report: `TOTAL    1290    240    81%`, with two
/// more columns when branches are measured.
static COVERAGE_PY_TOTAL: Prefixed =
    Prefixed::new("TOTAL", r"^TOTAL\s+\d+\s+\d+(?:\s+\d+\s+\d+)?\s+(\d+(?:\.\d+)?)%");

/// istanbul's text table (jest, vitest, nyc): `All files | 81.2 | 70 | 90 | 81.4 |`;
/// the fourth column, lines, is the one lcov measures too.
static ISTANBUL_TOTAL: Prefixed = Prefixed::after_blanks(
    "All files",
    r"^\s*All files\s*\|\s*[\d.]+\s*\|\s*[\d.]+\s*\|\s*[\d.]+\s*\|\s*(\d+(?:\.\d+)?)",
);

/// `go tool cover -func`'s last line, cargo-tarpaulin's summary, and
/// pytest-cov's `--cov-fail-under` message.
static OTHER_TOTAL: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^(?:total:\s+\(statements\)\s+(\d+(?:\.\d+)?)%",
        r"|(\d+(?:\.\d+)?)% coverage, \d+/\d+ lines covered",
        r"|.*Total coverage: (\d+(?:\.\d+)?)%)",
    ))
    .expect("valid regex")
});

/// Words one of which every total line holds: the prefixes of
/// [`COVERAGE_PY_TOTAL`] and [`ISTANBUL_TOTAL`], then the words of
/// [`OTHER_TOTAL`]'s three forms. Most logs hold none, and are not read
/// line by line at all.
const TOTAL_WORDS: [&str; 5] = ["TOTAL", "All files", "total:", "% coverage, ", "Total coverage: "];

/// [`TOTAL_WORDS`], searched for together.
static TOTAL_SEARCH: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(TOTAL_WORDS).expect("coverage words build a searcher"));

/// The first of [`TOTAL_WORDS`] that are [`OTHER_TOTAL`]'s.
const FIRST_OTHER_WORD: usize = 2;

/// The last coverage total line of a console log, as a percent.
///
/// Only the lines that hold a word of [`TOTAL_WORDS`] can be one, and
/// they are found in one search of the text; they are tried last first.
/// [`OTHER_TOTAL`] is tried only when the text holds one of its words.
/// No word's end is another's start, nor is one inside another, so a
/// search that does not overlap its matches still finds every word.
pub(super) fn total(text: &str) -> Option<f64> {
    let mut others = false;
    let mut starts: Vec<usize> = Vec::new();
    for found in TOTAL_SEARCH.find_iter(text) {
        others |= found.pattern().as_usize() >= FIRST_OTHER_WORD;
        let start =
            memchr::memrchr(b'\n', &text.as_bytes()[..found.start()]).map_or(0, |at| at + 1);
        if starts.last() != Some(&start) {
            starts.push(start);
        }
    }
    starts.iter().rev().find_map(|&start| {
        let line = text[start..].lines().next().unwrap_or_default();
        total_of_line(line, others)
    })
}

/// The percent a single line states, if it is a total line; `others`
/// says whether the text holds one of the words of [`OTHER_TOTAL`]'s forms.
fn total_of_line(line: &str, others: bool) -> Option<f64> {
    let caps = COVERAGE_PY_TOTAL
        .captures(line)
        .or_else(|| ISTANBUL_TOTAL.captures(line))
        .or_else(|| others.then(|| captures(&OTHER_TOTAL, line)).flatten())?;
    let digits = caps.iter().skip(1).flatten().next()?.as_str();
    digits.parse::<f64>().ok().and_then(percent)
}

/// Reads a log whose only figure is a coverage total, or `None` when it has
/// none. pytest-cov's fail-under message decides the outcome when present.
pub(super) fn read_total(text: &str) -> Option<Reading> {
    let mut reading = Reading::coverage(EvidenceFormat::CoverageTotal, Some(total(text)?));
    if text.contains("Required test coverage of") {
        reading.outcome = if text.contains("not reached") { Outcome::Fail } else { Outcome::Pass };
    }
    Some(reading)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// What lets [`total`] search without overlaps: no word of
    /// [`TOTAL_WORDS`] ends with another's start or holds another.
    #[test]
    fn no_total_word_overlaps_another() {
        for a in TOTAL_WORDS {
            for b in TOTAL_WORDS {
                for len in 1..a.len().min(b.len()) {
                    assert_ne!(&a[a.len() - len..], &b[..len], "{a:?} runs into {b:?}");
                }
                assert!(a == b || !a.contains(b), "{a:?} holds {b:?}");
            }
        }
    }

    /// The last total line is found among the lines that hold a word as it
    /// is by trying every line, last first: texts of up to four lines of
    /// totals of each form, near misses and noise, apart by `\n` or `\r\n`.
    #[test]
    fn finds_the_total_every_line_tried_would() {
        let by_lines = |text: &str| {
            let others =
                ["total:", "% coverage, ", "Total coverage: "].iter().any(|w| text.contains(w));
            text.lines().rev().find_map(|line| total_of_line(line, others))
        };
        let pieces = [
            "TOTAL    1290    240    81%",
            "  All files |   81.2 |    70 |    90 |   81.4 |",
            "total:\t\t\t(statements)\t\t72.5%",
            "81.25% coverage, 130/160 lines covered",
            "INFO Total coverage: 55.5%",
            "TOTAL coverage is low",
            "all files | 1 | 2 | 3 | 4 |",
            "",
            "12 passed in 0.3s TOTAL 9 9 9%",
        ];
        let separators = ["\n", "\r\n"];
        let picks: Vec<char> = ('0'..='8').collect();
        crate::text::each_string_up_to(&picks, 4, |chosen| {
            for separator in separators {
                let text: Vec<&str> =
                    chosen.chars().map(|c| pieces[c as usize - '0' as usize]).collect();
                let text = text.join(separator);
                assert_eq!(total(&text), by_lines(&text), "{text:?}");
                let ended = format!("{text}{separator}");
                assert_eq!(total(&ended), by_lines(&ended), "{ended:?}");
            }
        });
    }

    /// coverage.py's JSON report, trimmed to two files.
    pub(crate) const COVERAGE_PY: &str = r#"{"meta": {"format": 3, "version": "7.6.1", "timestamp": "2026-02-24T09:58:41.120384", "branch_coverage": false, "show_contexts": false}, "files": {"app\\money.py": {"executed_lines": [1, 2, 4], "summary": {"covered_lines": 3, "num_statements": 4, "percent_covered": 75.0, "percent_covered_display": "75", "missing_lines": 1, "excluded_lines": 0}, "missing_lines": [7], "excluded_lines": []}}, "totals": {"covered_lines": 1050, "num_statements": 1290, "percent_covered": 81.3953488372093, "percent_covered_display": "81", "missing_lines": 240, "excluded_lines": 0}}"#;

    /// An lcov tracefile from cargo-llvm-cov, Windows paths.
    pub(crate) const LCOV: &str = "TN:
SF:C:\\work\\ledger\\src\\money.rs
FN:6,money::parse
FNDA:14,money::parse
FNF:1
FNH:1
DA:6,14
DA:7,14
DA:9,0
DA:10,3
LF:4
LH:3
end_of_record
TN:
SF:C:\\work\\ledger\\src\\tax.rs
DA:3,85
DA:4,0
LF:2
LH:1
end_of_record
";

    /// A Cobertura report as coverage.py writes it.
    pub(crate) const COBERTURA: &str = r#"<?xml version="1.0" ?>
<coverage version="7.4.3" timestamp="1772806930123" lines-valid="1290" lines-covered="1050" line-rate="0.814" branches-covered="0" branches-valid="0" branch-rate="0" complexity="0">
	<!-- Generated by coverage.py: https://coverage.readthedocs.io/en/7.4.3 -->
	<sources>
		<source>/home/runner/work/tidewater/tidewater/backend/app</source>
	</sources>
	<packages>
		<package name="." line-rate="0.95" branch-rate="0" complexity="0">
		</package>
	</packages>
</coverage>
"#;

    /// coverage.py's console report with branch columns.
    pub(crate) const TERM_BRANCHES: &str = r"Name                 Stmts   Miss Branch BrPart  Cover   Missing
----------------------------------------------------------------
app/__init__.py          4      0      0      0   100%
app/money.py            88      0     24      2    98%   41->44, 90->exit
app/tax/rules.py       120     11     40      6    89%   33, 37, 59-60
----------------------------------------------------------------
TOTAL                  212     11     64      8    94%
FAIL Required test coverage of 95% not reached. Total coverage: 93.84%
";

    /// istanbul's text table, as `vitest --coverage` prints it.
    pub(crate) const ISTANBUL: &str = r" % Coverage report from v8
-------------------|---------|----------|---------|---------|-------------------
File               | % Stmts | % Branch | % Funcs | % Lines | Uncovered Line #s
-------------------|---------|----------|---------|---------|-------------------
All files          |   81.21 |    70.58 |   90.47 |   81.42 |
 src/lib           |   92.85 |    88.88 |     100 |   92.85 |
  price.ts         |   92.85 |    88.88 |     100 |   92.85 | 41-42
-------------------|---------|----------|---------|---------|-------------------
";

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] = &[COVERAGE_PY, LCOV, COBERTURA, TERM_BRANCHES, ISTANBUL];

    #[test]
    fn coverage_py_reads_percent_covered_and_timestamp() {
        let value: Value = serde_json::from_str(COVERAGE_PY).unwrap();
        let reading = read_coverage_py(&value).unwrap();
        assert_eq!(reading.format.as_str(), "coverage-py");
        assert_eq!(reading.kind.as_str(), "coverage");
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.coverage_percent, Some(81.4));
        assert_eq!(reading.date.as_deref(), Some("2026-02-24"));
    }

    #[test]
    fn coverage_py_falls_back_to_covered_over_statements() {
        let value = serde_json::json!({"totals": {"covered_lines": 3, "num_statements": 4}});
        assert_eq!(read_coverage_py(&value).unwrap().coverage_percent, Some(75.0));
        let empty = serde_json::json!({"totals": {"covered_lines": 0, "num_statements": 0}});
        assert_eq!(read_coverage_py(&empty).unwrap().coverage_percent, None);
        assert_eq!(read_coverage_py(&serde_json::json!({"status": "ok"})), None);
    }

    #[test]
    fn lcov_sums_lines_found_and_hit_over_records() {
        let reading = read_lcov(LCOV).unwrap();
        assert_eq!(reading.format.as_str(), "lcov");
        assert_eq!(reading.coverage_percent, Some(66.67));
    }

    #[test]
    fn lcov_without_summaries_counts_da_lines() {
        let bare = "SF:src/a.js\nDA:1,1\nDA:2,0\nDA:3,5\nDA:4,2\nend_of_record\n";
        assert_eq!(read_lcov(bare).unwrap().coverage_percent, Some(75.0));
    }

    #[test]
    fn cobertura_reads_line_rate_and_millisecond_timestamp() {
        let reading = read_cobertura(COBERTURA).unwrap();
        assert_eq!(reading.format.as_str(), "cobertura");
        assert_eq!(reading.coverage_percent, Some(81.4));
        assert_eq!(reading.date.as_deref(), Some("2026-03-06"));
        assert_eq!(read_cobertura("<testsuites tests=\"1\"/>"), None);
    }

    #[test]
    fn total_lines_of_each_console_report() {
        assert_eq!(total("TOTAL                      334     79    76%"), Some(76.0));
        assert_eq!(total(ISTANBUL), Some(81.42));
        assert_eq!(total("total:\t\t\t\t(statements)\t\t78.3%"), Some(78.3));
        assert_eq!(total("|| 81.40% coverage, 1050/1290 lines covered"), None);
        assert_eq!(total("81.40% coverage, 1050/1290 lines covered"), Some(81.4));
        assert_eq!(total("TOTAL 12 items"), None);
    }

    /// The search for the words of [`OTHER_TOTAL`] turns away only texts
    /// whose lines it cannot match: each total line, alone or among other
    /// lines, is read as the line by line search reads it.
    #[test]
    fn the_words_turn_away_no_total_line() {
        let ungated = |text: &str| text.lines().rev().find_map(|line| total_of_line(line, true));
        let lines = [
            "TOTAL                      334     79    76%",
            "All files |   81.2 |   70 |   90 |   81.42 |",
            "total:\t\t\t\t(statements)\t\t78.3%",
            "total:   (statements)   61%",
            "81.40% coverage, 1050/1290 lines covered",
            "Required test coverage of 90% not reached. Total coverage: 84.13%",
            "FAIL Required test coverage of 90% not reached. Total coverage: 7%",
            "Total coverage: 100.00%",
            "total coverage: 12%",
            "TOTAL 12 items",
            "|| 81.40% coverage, 1050/1290 lines covered",
            "coverage 81%",
            "",
        ];
        for line in lines {
            for text in
                [line.to_string(), format!("== run ==\n{line}\nok\n"), format!("{line}\n{line}")]
            {
                assert_eq!(total(&text), ungated(&text), "{text:?}");
            }
        }
        assert_eq!(total("Total coverage: 84.13%"), Some(84.13));
    }

    #[test]
    fn missed_fail_under_fails_the_coverage_reading() {
        let reading = read_total(TERM_BRANCHES).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.coverage_percent, Some(93.84));
        assert_eq!(read_total(ISTANBUL).unwrap().outcome, Outcome::Unknown);
    }
}
