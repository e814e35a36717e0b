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

mod build;
mod cargo;
mod coverage;
mod deploy;
pub mod details;
mod gotest;
mod http;
pub mod istanbul;
mod js;
mod junit;
mod lighthouse;
mod lines;
mod lint;
mod plain;
mod playwright;
mod pytest;
mod registry;
mod runners;
mod summary;

pub(crate) use summary::COSTLY;

use regex::Regex;
use serde_json::Value;

use crate::dates::{days_of, find_date};
use crate::model::{
    Document, Evidence, EvidenceFormat, EvidenceKind, Outcome, Run, Score, SourceFormat,
    deciding_runs,
};
use crate::text::words::WordRegex;

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
    let bare = lines::strip_line_stamps(&clean);
    let input = Input::new(document, format == "markdown", &bare);
    let reading = registry::dispatch(&input);
    let kind =
        reading.as_ref().map_or_else(|| kind_of(&document.path, document.format), |r| r.kind);
    let mut reading =
        reading.unwrap_or_else(|| Reading::new(generic_format(document, format), kind));
    reading.settle();
    let date =
        document.date.clone().or_else(|| reading.date.clone()).or_else(|| content_date(&clean));
    // A stated status overrides what the content reads, except that
    // failures counted in the file are never covered by a stated pass.
    let declared = declared_outcome(document.status.as_deref());
    let counted_failures = reading.failed.is_some_and(|n| n > 0);
    let mut note = reading.note;
    let outcome = match declared {
        Some(Outcome::Pass) if counted_failures => {
            let failed = reading.failed.unwrap_or(0);
            note = Some(format!("its status says it passed, but it counts {failed} failed"));
            Outcome::Fail
        }
        Some(declared) => declared,
        None => reading.outcome,
    };
    let mut failure_lines = reading.failure_lines;
    failure_lines.sort_unstable();
    failure_lines.dedup();
    Evidence {
        path: document.path.clone(),
        kind: reading.kind,
        format: reading.format,
        date,
        outcome,
        passed: reading.passed,
        failed: reading.failed,
        skipped: reading.skipped,
        coverage_percent: reading.coverage_percent,
        runs: reading.runs,
        note,
        tasks: Vec::new(),
        referenced_by: Vec::new(),
        failure_lines,
        scores: reading.scores,
        url: document.url.clone(),
    }
}

/// A line of a big log worth keeping when the rest is cut (see
/// [`crate::text::excerpt`]): one that reports a failure, or a run's
/// result (`12 passed`, `test result:`, `Tests run:`), as the readers look
/// for them, so that they decide from what is kept. A line per passing test
/// is not one: a verbose log has a million of them.
static NOTABLE: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:fail(?:ed|s|ure|ures|ing)?|errors?|panicked|traceback|exception|fatal|timed\ out)\b
        | [✗✘×❌]
        | \b\d[\d,]*\s+(?:tests?\s+)?(?:passed|passing|skipped|pending|ok)\b
        | \btest\ result: | \btests\ run: | \btests?:\s+\d | \bbuild\ success\b | ^\s*total\b",
    )
    .expect("valid regex")
});

/// Whether a line of a big log reports a failure or a result; see [`NOTABLE`].
pub fn notable_line(line: &str) -> bool {
    NOTABLE.is_match(line)
}

/// Gives an evidence record read from the kept lines of a big text (see
/// [`crate::text::excerpt`]) the real line numbers: `numbers[i]` is the
/// number of kept line `i + 1`.
pub fn renumber(evidence: &mut Evidence, numbers: &[usize]) {
    let real = |line: usize| match line {
        0 => 0,
        n => numbers.get(n - 1).or(numbers.last()).copied().unwrap_or(n),
    };
    for line in &mut evidence.failure_lines {
        *line = real(*line);
    }
    for run in &mut evidence.runs {
        run.start_line = real(run.start_line);
        run.end_line = real(run.end_line);
    }
}

/// A text log as a person reads it: a log saved with its line breaks
/// escaped (`\n` sequences, as an agent dumps a JSON string) gets them back.
/// The evidence page shows this text, so that failure lines match it.
pub fn readable_log(text: &str) -> std::borrow::Cow<'_, str> {
    lines::unescape_newlines(text)
}

/// What a file is evidence of, by its format and the words of its path.
///
/// Words are whole path segments split at punctuation, so `latest-notes.txt`
/// is not a test and `release-2026.log` is a deploy.
pub fn kind_of(path: &str, format: SourceFormat) -> EvidenceKind {
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
        EvidenceKind::Screenshot
    } else if has(&starts(&["coverage", "lcov", "cobertura", "jacoco", "tarpaulin"])) {
        EvidenceKind::Coverage
    } else if has(&starts(&["deploy", "release", "rollout", "publish"])) {
        EvidenceKind::Deploy
    } else if has(&starts(&["lighthouse", "lhr", "audit", "a11y", "accessibility", "perf"])) {
        EvidenceKind::Report
    } else if has(&|w| w.starts_with("test") || TEST_WORDS.contains(&w)) {
        EvidenceKind::Test
    } else if has(&|w| LINT_WORDS.contains(&w)) {
        EvidenceKind::Lint
    } else if has(&|w| w == "build" || w == "builds") {
        EvidenceKind::Build
    } else {
        EvidenceKind::Other
    }
}

/// Whether a file is one of the project's own rather than a record of a run:
/// a README, licence, changelog, requirements list, tool or test-runner
/// config, a test's own source, or a story's context XML. Such files sit in
/// test folders but hold no result; they are pages unless a document names
/// them as evidence and they turn out to hold one.
pub fn is_project_file(path: &str) -> bool {
    let name = crate::model::file_name(path).to_ascii_lowercase();
    let (stem, ext) = name.split_once('.').unwrap_or((name.as_str(), ""));
    // Names that are the project's whatever follows them (`README.md`,
    // `LICENSE-MIT`, `requirements-dev.txt`, `tsconfig.build.json`).
    const PREFIXES: [&str; 9] = [
        "readme",
        "license",
        "licence",
        "copying",
        "changelog",
        "contributing",
        "requirements",
        "constraints",
        "tsconfig",
    ];
    // Whole names of tool and runner config (`package.json`, `jest.config.ts`).
    const STEMS: [&str; 21] = [
        "notice",
        "pipfile",
        "pyproject",
        "setup",
        "tox",
        "package",
        "package-lock",
        "jsconfig",
        "conftest",
        "pytest",
        "jest",
        "vitest",
        "playwright",
        "cypress",
        "karma",
        "babel",
        "dockerfile",
        "makefile",
        "codecov",
        "go",
        "cargo",
    ];
    const CONFIG_EXTS: [&str; 7] = ["toml", "ini", "cfg", "yaml", "yml", "lock", "sum"];
    const SOURCE_EXTS: [&str; 15] = [
        "py", "ts", "js", "tsx", "jsx", "mjs", "cjs", "rs", "go", "java", "kt", "rb", "sh", "ps1",
        "bat",
    ];
    let last_ext = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    // A config's own extension, after any `.config` (`jest.config.ts`).
    let config_ext = ext.trim_start_matches("config").trim_start_matches('.');
    let config_named = STEMS.contains(&stem)
        && matches!(
            config_ext,
            "" | "json"
                | "ini"
                | "cfg"
                | "toml"
                | "mod"
                | "py"
                | "lock"
                | "js"
                | "ts"
                | "mjs"
                | "cjs"
        );
    // Dotfiles are config (`.eslintrc.json`, `.coveragerc`), but for a run's
    // own record such as Playwright's `test-results/.last-run.json`.
    let dot_config = name.starts_with('.')
        && (name.contains("rc") || !matches!(last_ext, "json" | "log" | "txt" | "xml"));
    dot_config
        || PREFIXES.iter().any(|p| stem.starts_with(p))
        || config_named
        || CONFIG_EXTS.contains(&last_ext)
        || SOURCE_EXTS.contains(&last_ext)
        || (last_ext == "xml" && (stem.contains("context") || stem.contains("story")))
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

/// Path words that name a linter's or type checker's run.
const LINT_WORDS: [&str; 9] =
    ["lint", "linter", "mypy", "ruff", "eslint", "tsc", "typecheck", "flake8", "clippy"];

/// What one format reader made of a file, before the document's own facts
/// (frontmatter date and status) are added.
#[derive(Debug, Clone, PartialEq)]
struct Reading {
    /// The specific format.
    format: EvidenceFormat,
    /// What it is evidence of.
    kind: EvidenceKind,
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
    /// The runs the file records. A reader that sees several runs lists
    /// them; `settle` then derives the figures above from them. A reader
    /// that leaves this empty gets one run made of its figures.
    runs: Vec<Run>,
    /// Why the outcome is what it is, when the figures alone do not say.
    note: Option<String>,
}

impl Reading {
    /// A reading with no figures and outcome unknown.
    fn new(format: EvidenceFormat, kind: EvidenceKind) -> Reading {
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
            runs: Vec::new(),
            note: None,
        }
    }

    /// A test run's reading: its counts and the outcome they imply.
    fn tests(format: EvidenceFormat, tally: Tally) -> Reading {
        Reading {
            outcome: tally.outcome(),
            passed: Some(tally.passed),
            failed: Some(tally.failed),
            skipped: Some(tally.skipped),
            ..Reading::new(format, EvidenceKind::Test)
        }
    }

    /// A coverage report's reading: a percent and no outcome, since coverage
    /// alone neither passes nor fails.
    fn coverage(format: EvidenceFormat, percent: Option<f64>) -> Reading {
        Reading { coverage_percent: percent, ..Reading::new(format, EvidenceKind::Coverage) }
    }

    /// A reading made of runs: the figures and outcome follow from them.
    fn of_runs(format: EvidenceFormat, kind: EvidenceKind, runs: Vec<Run>) -> Reading {
        let mut reading = Reading { runs, ..Reading::new(format, kind) };
        reading.settle();
        reading
    }

    /// Makes the runs and the headline figures agree.
    ///
    /// With runs listed, the last complete run of each suite (and scope)
    /// decides: the outcome fails when any of those failed, figures are summed
    /// over different suites but never over reruns of one suite. With none,
    /// the figures read become the one run. A reading with no outcome and no
    /// figures has no run.
    fn settle(&mut self) {
        if self.runs.is_empty() {
            if self.passed.is_none() && self.failed.is_none() && self.coverage_percent.is_none() {
                return;
            }
            let mut run = Run::new(self.format.as_str(), self.outcome, 1);
            run.passed = self.passed;
            run.failed = self.failed;
            run.skipped = self.skipped;
            run.coverage_percent = self.coverage_percent;
            run.note = self.note.clone();
            self.runs.push(run);
            return;
        }
        let finals = final_runs(&self.runs);
        let sum = |field: fn(&Run) -> Option<u64>| {
            finals.iter().filter_map(|r| field(r)).reduce(u64::saturating_add)
        };
        self.passed = sum(|r| r.passed);
        self.failed = sum(|r| r.failed);
        self.skipped = sum(|r| r.skipped);
        self.coverage_percent =
            finals.iter().rev().find_map(|r| r.coverage_percent).or(self.coverage_percent);
        // A suite cut off before its result leaves the file undecided: the
        // other suites' passes do not vouch for it.
        let cut_off = finals.iter().find(|r| !r.complete && r.outcome != Outcome::Pass);
        self.outcome = if finals.iter().any(|r| r.outcome == Outcome::Fail) {
            Outcome::Fail
        } else if let Some(run) = cut_off {
            if self.note.is_none() {
                let name = run.scope.as_deref().unwrap_or(run.suite.as_str());
                self.note = run
                    .note
                    .clone()
                    .or_else(|| Some(format!("the {name} run was cut off before its result")));
            }
            Outcome::Unknown
        } else if finals.iter().any(|r| r.outcome == Outcome::Pass) {
            Outcome::Pass
        } else {
            Outcome::Unknown
        };
        if self.note.is_none() {
            self.note = finals.iter().rev().find_map(|r| r.note.clone());
        }
    }
}

/// The run that decides each suite: its last complete run, or its last run
/// when none completed, in the order the suites first appear.
pub(crate) fn final_runs(runs: &[Run]) -> Vec<&Run> {
    let deciding = deciding_runs(runs);
    let mut keys: Vec<(&str, Option<&str>)> = Vec::new();
    for run in runs {
        let key = (run.suite.as_str(), run.scope.as_deref());
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys.iter()
        .filter_map(|&(suite, scope)| {
            runs.iter()
                .zip(&deciding)
                .find(|(r, d)| **d && r.suite == suite && r.scope.as_deref() == scope)
                .map(|(r, _)| r)
        })
        .collect()
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

    /// A run of `suite` with these counts, summarised at `line`.
    fn run(self, suite: &str, start_line: usize, end_line: usize) -> Run {
        Run {
            passed: Some(self.passed),
            failed: Some(self.failed),
            skipped: Some(self.skipped),
            start_line,
            end_line,
            ..Run::new(suite, self.outcome(), end_line)
        }
    }
}

/// What a reader is handed: the cleaned text, its JSON when it parses, and
/// what the path says.
struct Input<'a> {
    /// The text with terminal codes removed.
    text: &'a str,
    /// The parsed JSON, when the text is a JSON document.
    json: Option<Value>,
    /// Whether the text opens like XML.
    xml: bool,
    /// Whether the file is markdown prose, where only stated summaries count.
    prose: bool,
    /// What the path's words say the file is evidence of.
    path_kind: EvidenceKind,
}

impl<'a> Input<'a> {
    /// The input for one document's cleaned text.
    fn new(document: &Document, markdown: bool, text: &'a str) -> Input<'a> {
        let prose = markdown || document.format == SourceFormat::Markdown;
        let start = text.trim_start();
        let opens_json = !prose && (start.starts_with('{') || start.starts_with('['));
        Input {
            text,
            json: opens_json.then(|| serde_json::from_str(text).ok()).flatten(),
            xml: !prose && start.starts_with('<'),
            prose,
            path_kind: kind_of(&document.path, document.format),
        }
    }
}

/// The generic format for a file no reader recognised.
fn generic_format(document: &Document, format: &str) -> EvidenceFormat {
    match format {
        "markdown" => EvidenceFormat::Markdown,
        "text" => EvidenceFormat::Text,
        "json" => EvidenceFormat::Json,
        "xml" => EvidenceFormat::Xml,
        "image" => EvidenceFormat::Image,
        "binary" => EvidenceFormat::Binary,
        _ => match document.format {
            SourceFormat::Markdown => EvidenceFormat::Markdown,
            SourceFormat::Text => EvidenceFormat::Text,
            SourceFormat::Json => EvidenceFormat::Json,
            SourceFormat::Xml => EvidenceFormat::Xml,
            SourceFormat::Image => EvidenceFormat::Image,
            SourceFormat::Binary => EvidenceFormat::Binary,
        },
    }
}

/// A timestamp in the content (`2026-03-06T14:22:10Z`, `2026-03-06 14:22:10`).
static TIMESTAMP: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?:^|[^0-9])(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}").expect("valid regex")
});

/// The date of the first timestamp in the content, else the first date near
/// the top, as `YYYY-MM-DD`.
fn content_date(text: &str) -> Option<String> {
    let stamped = TIMESTAMP
        .captures_iter(text)
        .map(|caps| caps[1].to_string())
        .find(|date| days_of(date).is_some());
    stamped.or_else(|| crate::text::lines(text).take(DATE_WINDOW).find_map(find_date))
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
mod proptests;
#[cfg(test)]
mod tests;
