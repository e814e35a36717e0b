//! Evidence files read into typed records: kind, format, date, outcome and the
//! figures a claim is checked against.
//!
//! This module owns the dispatch. It sniffs a file's content (and the words of
//! its path), hands it to the format readers in a fixed order, and adds what the
//! document itself knows: a frontmatter or file-name date, and a declared status.
//! Each reader beside it is a small pure module that takes text (or parsed JSON)
//! and returns a `Reading`, or `None` when the text is not its format. A format
//! attestor cannot read is evidence with outcome `unknown`, never an error and
//! never a panic. Linking evidence to tasks and judging claims is `crate::link`'s
//! job.

mod cargo;
mod coverage;
mod deploy;
mod gotest;
mod js;
mod junit;
mod lighthouse;
mod lines;
mod plain;
mod pytest;

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use crate::dates::{days_of, find_date};
use crate::model::{Document, Evidence, Outcome, Score, SourceFormat};

/// How many lines from the top a bare date is looked for when the content has
/// no timestamp.
const DATE_WINDOW: usize = 50;

/// The name of the generic format a source format is read as.
pub fn format_name(format: SourceFormat) -> &'static str {
    match format {
        SourceFormat::Markdown => "markdown",
        SourceFormat::Text => "text",
        SourceFormat::Json => "json",
        SourceFormat::Xml => "xml",
        SourceFormat::Image => "image",
        SourceFormat::Binary => "binary",
    }
}

/// Reads an evidence record from a document and its text.
///
/// `format` is the generic format the file was read as (see [`format_name`]);
/// the record's `format` is the specific one its content shows (`pytest`,
/// `junit`, `lcov`, ...), or that generic name when no reader recognises it.
/// Binary files pass an empty `text`.
pub fn read(document: &Document, format: &str, text: &str) -> Evidence {
    let clean = lines::strip_ansi(text);
    let reading = sniff(document, format, &clean);
    let kind =
        reading.as_ref().map_or_else(|| kind_of(&document.path, document.format), |r| r.kind);
    let reading = reading.unwrap_or_else(|| Reading::new(generic_format(document, format), kind));
    let date =
        document.date.clone().or_else(|| reading.date.clone()).or_else(|| content_date(&clean));
    let outcome = declared_outcome(document.status.as_deref()).unwrap_or(reading.outcome);
    let mut failure_lines = reading.failure_lines;
    failure_lines.sort_unstable();
    failure_lines.dedup();
    Evidence {
        path: document.path.clone(),
        kind: kind.to_string(),
        format: reading.format.to_string(),
        date,
        outcome,
        passed: reading.passed,
        failed: reading.failed,
        skipped: reading.skipped,
        coverage_percent: reading.coverage_percent,
        tasks: Vec::new(),
        referenced_by: Vec::new(),
        failure_lines,
        scores: reading.scores,
        url: document.url.clone(),
    }
}

/// What a file is evidence of, by its format and the words of its path.
///
/// Words are whole path segments split at punctuation, so `latest-notes.txt`
/// is not a test and `release-2026.log` is a deploy.
pub fn kind_of(path: &str, format: SourceFormat) -> &'static str {
    let lower = path.to_ascii_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let has = |test: &dyn Fn(&str) -> bool| words.iter().any(|w| test(w));
    let starts = |prefixes: &'static [&'static str]| {
        move |w: &str| prefixes.iter().any(|p| w.starts_with(p))
    };
    if format == SourceFormat::Image
        || (format == SourceFormat::Binary && has(&starts(&["screen"])))
    {
        "screenshot"
    } else if has(&starts(&["coverage", "lcov", "cobertura", "jacoco", "tarpaulin"])) {
        "coverage"
    } else if has(&starts(&["deploy", "release", "rollout", "publish"])) {
        "deploy"
    } else if has(&starts(&["lighthouse", "lhr", "audit", "a11y", "accessibility", "perf"])) {
        "report"
    } else if has(&|w| w.starts_with("test") || TEST_WORDS.contains(&w)) {
        "test"
    } else {
        "other"
    }
}

/// Path words that name a test run although they do not start with `test`.
const TEST_WORDS: [&str; 14] = [
    "pytest",
    "vitest",
    "jest",
    "unittest",
    "unittests",
    "nextest",
    "gotest",
    "junit",
    "spec",
    "specs",
    "e2e",
    "smoke",
    "playwright",
    "cypress",
];

/// What one format reader made of a file, before the document's own facts
/// (frontmatter date and status) are added.
#[derive(Debug, Clone, PartialEq)]
struct Reading {
    /// The specific format name (`pytest`, `lcov`, ...).
    format: &'static str,
    /// What it is evidence of (`test`, `coverage`, `deploy`, `report`, ...).
    kind: &'static str,
    /// Pass, fail or unknown, as the content says.
    outcome: Outcome,
    /// Tests passed.
    passed: Option<u64>,
    /// Tests failed, errors included.
    failed: Option<u64>,
    /// Tests skipped.
    skipped: Option<u64>,
    /// Coverage percent, 0-100.
    coverage_percent: Option<f64>,
    /// 1-based lines that record failures.
    failure_lines: Vec<usize>,
    /// Named scores between 0 and 1.
    scores: Vec<Score>,
    /// `YYYY-MM-DD` from a field the format defines (a JUnit `timestamp`).
    date: Option<String>,
}

impl Reading {
    /// A reading with no figures and outcome unknown.
    fn new(format: &'static str, kind: &'static str) -> Reading {
        Reading {
            format,
            kind,
            outcome: Outcome::Unknown,
            passed: None,
            failed: None,
            skipped: None,
            coverage_percent: None,
            failure_lines: Vec::new(),
            scores: Vec::new(),
            date: None,
        }
    }

    /// A test run's reading: its counts and the outcome they imply.
    fn tests(format: &'static str, tally: Tally) -> Reading {
        Reading {
            outcome: tally.outcome(),
            passed: Some(tally.passed),
            failed: Some(tally.failed),
            skipped: Some(tally.skipped),
            ..Reading::new(format, "test")
        }
    }

    /// A coverage report's reading: a percent and no outcome, since coverage
    /// alone neither passes nor fails.
    fn coverage(format: &'static str, percent: Option<f64>) -> Reading {
        Reading { coverage_percent: percent, ..Reading::new(format, "coverage") }
    }
}

/// Test counts summed over one or more summary lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Tally {
    /// Tests passed.
    passed: u64,
    /// Tests failed, errors included.
    failed: u64,
    /// Tests skipped or ignored.
    skipped: u64,
}

impl Tally {
    /// Fail when anything failed, pass when something passed and nothing
    /// failed, unknown when nothing ran.
    fn outcome(self) -> Outcome {
        if self.failed > 0 {
            Outcome::Fail
        } else if self.passed > 0 {
            Outcome::Pass
        } else {
            Outcome::Unknown
        }
    }

    /// Adds another summary's counts, saturating so no input can overflow.
    fn add(&mut self, other: Tally) {
        self.passed = self.passed.saturating_add(other.passed);
        self.failed = self.failed.saturating_add(other.failed);
        self.skipped = self.skipped.saturating_add(other.skipped);
    }
}

/// Picks the reader by what the content looks like, then by the format.
fn sniff(document: &Document, format: &str, text: &str) -> Option<Reading> {
    match document.format {
        SourceFormat::Image => return Some(Reading::new("image", "screenshot")),
        SourceFormat::Binary => return None,
        // A markdown note is prose: only a plain `N passed, N failed` summary in it
        // is read, so that words in a paragraph never pass for a test log.
        SourceFormat::Markdown => return plain::read(text),
        SourceFormat::Text | SourceFormat::Json | SourceFormat::Xml => {}
    }
    if format == "markdown" {
        return plain::read(text);
    }
    let path_kind = kind_of(&document.path, document.format);
    let deploy_path = path_kind == "deploy";
    let start = text.trim_start();
    let structured = if start.starts_with('{') || start.starts_with('[') {
        read_json(text, path_kind)
    } else if start.starts_with('<') {
        junit::read(text).or_else(|| coverage::read_cobertura(text))
    } else {
        None
    };
    structured.or_else(|| read_log(text, deploy_path))
}

/// Reads a JSON document as the first format whose fields it has.
fn read_json(text: &str, path_kind: &'static str) -> Option<Reading> {
    let value: Value = serde_json::from_str(text).ok()?;
    let specific = lighthouse::read(&value)
        .or_else(|| coverage::read_coverage_py(&value))
        .or_else(|| js::read_json(&value));
    if specific.is_some() {
        return specific;
    }
    // A bare status record is a deploy's unless its path says what it is of
    // (`tests/check-run.json` with `"conclusion": "success"` is a test's).
    let mut reading = deploy::read_json(&value, path_kind == "deploy")?;
    if path_kind != "other" {
        reading.kind = path_kind;
    }
    Some(reading)
}

/// Reads a text log: test runners first, then an lcov tracefile, a deploy
/// log, a plain summary, and last a bare coverage total.
///
/// Order matters. A file under a deploy path is read as a deploy log first,
/// because deploy jobs often run tests on the way. Test runners' own summary
/// lines are specific enough that their order among themselves rarely
/// matters, but cargo comes before pytest because both say `N passed`. A
/// coverage `TOTAL` line in a test log (`pytest --cov`) adds its percent to
/// the test reading rather than replacing it.
fn read_log(text: &str, deploy_path: bool) -> Option<Reading> {
    if deploy_path && let Some(reading) = deploy::read_text(text, true) {
        return Some(reading);
    }
    let tests = cargo::read(text)
        .or_else(|| pytest::read(text))
        .or_else(|| js::read(text))
        .or_else(|| gotest::read(text));
    if let Some(mut reading) = tests {
        reading.coverage_percent = reading.coverage_percent.or_else(|| coverage::total(text));
        return Some(reading);
    }
    if let Some(reading) = coverage::read_lcov(text).or_else(|| deploy::read_text(text, false)) {
        return Some(reading);
    }
    if let Some(mut reading) = plain::read(text) {
        reading.coverage_percent = coverage::total(text);
        return Some(reading);
    }
    coverage::read_total(text)
}

/// The generic format name for a file no reader recognised.
fn generic_format(document: &Document, format: &str) -> &'static str {
    match format {
        "markdown" => "markdown",
        "text" => "text",
        "json" => "json",
        "xml" => "xml",
        "image" => "image",
        "binary" => "binary",
        _ => format_name(document.format),
    }
}

/// A timestamp in the content (`2026-03-06T14:22:10Z`, `2026-03-06 14:22:10`).
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}").expect("valid regex")
});

/// The date of the first timestamp in the content, else the first date near
/// the top, as `YYYY-MM-DD`.
fn content_date(text: &str) -> Option<String> {
    let stamped = TIMESTAMP
        .captures_iter(text)
        .map(|caps| caps[1].to_string())
        .find(|date| days_of(date).is_some());
    stamped.or_else(|| text.lines().take(DATE_WINDOW).find_map(find_date))
}

/// The outcome a document declares for itself (frontmatter `status: passed`,
/// or a `**Status**: FAILED` line), which overrides what the content says.
fn declared_outcome(status: Option<&str>) -> Option<Outcome> {
    let status = status?.to_lowercase();
    let word = status.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty())?;
    match word {
        "pass" | "passed" | "passing" | "success" | "succeeded" | "successful" | "ok" | "green" => {
            Some(Outcome::Pass)
        }
        "fail" | "failed" | "failing" | "failure" | "error" | "errored" | "red" | "broken" => {
            Some(Outcome::Fail)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
