//! Summaries written by hand or by an agent, in a text log or a markdown
//! report: what a person states about a run rather than what a runner prints.
//!
//! It reads statements, each on a line of its own:
//!
//! - a status line whose label names a result (`**Status**: ✅ SUCCESS`,
//!   `Overall: PASS`, `Verdict: all green`, `Deployment: FAILED`,
//!   `Backend tests: ❌ FAIL`), or a heading that states one
//!   (`## Result: ❌ FAILED`, `# ✅ All tests passed`);
//! - counts: `Total: 3 test files, 9 tests, 0 failures`, `Result: PASS (3
//!   files, 9 tests)`, `Tests: 12 passed, 1 failed`, `✅ 46/46 passing`,
//!   `Passed: 40 / Failed: 2 / Skipped: 1`;
//! - a markdown table of suites with passed and failed columns (`| Suite |
//!   Passed | Failed |`), one row a suite; a `Total` row is used only when no
//!   other row has figures. A two-column table reads as label lines.
//!
//! Ordinary prose is no statement: `the tests passed yesterday` has no label,
//! and `All tests passed after we fixed the login` says more than a result.
//! Code blocks, frontmatter and checklist items (`- [ ] All tests pass`) are
//! skipped. A file is a summary only when it holds a statement of these forms;
//! a bare `9 passed, 0 failed` is `plain.rs`'s, though a summary counts it.
//!
//! Statements about one scope (a heading or label naming a part of the
//! project, `## Backend`, `Frontend: 61 passed`, or a table row) make one run;
//! later statements replace earlier figures, and a heading that names a rerun
//! (`## After the fix`) starts new runs. The outcome of a run: failures
//! counted (more than zero) fail it; else the outcome stated; else the counts.

use std::collections::{HashMap, HashSet};

use regex::Regex;

use super::lines::count;
use super::plain::{Log, header_scope, header_text};
use super::{Input, Outcome, Reading};
use crate::model::{EvidenceFormat, EvidenceKind, Run};
use crate::text::prefixed::captures;
use crate::text::words::{Prepare, WordRegex};

/// The runner name of summary runs.
const SUITE: &str = "summary";

/// Reads a stated summary, or `None` when the text states none.
pub(super) fn read(input: &Input<'_>) -> Option<Reading> {
    read_text(input.text, input.prose, input.path_kind)
}

/// What one statement says.
#[derive(Debug, Clone, Default, PartialEq)]
struct Statement {
    /// Its 1-based line.
    line: usize,
    /// The rerun it belongs to: 0, then one more after each rerun heading.
    epoch: usize,
    /// The part of the project it is about.
    scope: Option<String>,
    /// Tests passed.
    passed: Option<u64>,
    /// Tests failed.
    failed: Option<u64>,
    /// Tests skipped.
    skipped: Option<u64>,
    /// Tests in all.
    total: Option<u64>,
    /// The outcome stated in words.
    stated: Option<Outcome>,
    /// Whether it is a summary's own form, which makes the file a summary.
    claims: bool,
    /// What its label says it is evidence of, when not a test run.
    kind: Option<EvidenceKind>,
}

impl Statement {
    /// Whether it holds a figure.
    fn has_counts(&self) -> bool {
        self.passed.is_some() || self.failed.is_some() || self.skipped.is_some()
    }

    /// Whether it says something failed.
    fn fails(&self) -> bool {
        self.failed.is_some_and(|n| n > 0) || self.stated == Some(Outcome::Fail)
    }
}

/// Reads the statements of a text, or `None` when none is a summary's own.
fn read_text(text: &str, markdown: bool, path_kind: EvidenceKind) -> Option<Reading> {
    let mut statements = statements(text, markdown);
    if !statements.iter().any(|s| s.claims) {
        return None;
    }
    let mut failure_lines: Vec<usize> =
        statements.iter().filter(|s| s.fails()).map(|s| s.line).collect();
    failure_lines.dedup();
    // A total stated beside per-scope figures would count them twice.
    let scoped: HashSet<usize> = statements
        .iter()
        .filter(|s| s.scope.is_some() && s.has_counts())
        .map(|s| s.epoch)
        .collect();
    for s in statements.iter_mut().filter(|s| s.scope.is_none() && scoped.contains(&s.epoch)) {
        (s.passed, s.failed, s.skipped, s.total) = (None, None, None, None);
    }
    // A total row with nothing else to say is not a run of its own.
    statements.retain(|s| !(s.scope.is_none() && scoped.contains(&s.epoch) && s.stated.is_none()));
    // A label's kind (`Deployment: FAILED`) is the file's only when every
    // statement has one; a test report with a `Lint: PASS` line stays a test's.
    let labelled = statements.iter().all(|s| s.kind.is_some());
    let kind = statements
        .iter()
        .find_map(|s| s.kind)
        .filter(|_| labelled)
        .or_else(|| {
            let known = [
                EvidenceKind::Deploy,
                EvidenceKind::Build,
                EvidenceKind::Lint,
                EvidenceKind::Report,
            ];
            known.contains(&path_kind).then_some(path_kind)
        })
        .unwrap_or(EvidenceKind::Test);
    let mut reading = Reading::of_runs(EvidenceFormat::Summary, kind, runs_of(&statements));
    reading.failure_lines = failure_lines;
    Some(reading)
}

/// One run per scope and rerun, in the order they are first stated.
fn runs_of(statements: &[Statement]) -> Vec<Run> {
    let mut groups: Vec<Vec<&Statement>> = Vec::new();
    let mut index: HashMap<(usize, Option<&str>), usize> = HashMap::new();
    for s in statements {
        let at = *index.entry((s.epoch, s.scope.as_deref())).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[at].push(s);
    }
    groups.iter().map(|group| run_of(group)).collect()
}

/// The run a group of statements about one scope makes; later figures
/// replace earlier ones.
fn run_of(group: &[&Statement]) -> Run {
    let mut sum = Statement::default();
    for s in group {
        sum.passed = s.passed.or(sum.passed);
        sum.failed = s.failed.or(sum.failed);
        sum.skipped = s.skipped.or(sum.skipped);
        sum.total = s.total.or(sum.total);
        sum.stated = s.stated.or(sum.stated);
    }
    let rest = |a: u64, b: Option<u64>, c: Option<u64>| {
        a.saturating_sub(b.unwrap_or(0)).saturating_sub(c.unwrap_or(0))
    };
    if let Some(total) = sum.total {
        if sum.passed.is_none() && (sum.failed.is_some() || sum.stated == Some(Outcome::Pass)) {
            sum.passed = Some(rest(total, sum.failed, sum.skipped));
        } else if sum.failed.is_none() && sum.passed.is_some() {
            sum.failed = Some(rest(total, sum.passed, sum.skipped));
        }
    }
    let outcome = if sum.failed.is_some_and(|n| n > 0) {
        Outcome::Fail
    } else if let Some(stated) = sum.stated {
        stated
    } else if sum.passed.is_some_and(|n| n > 0) {
        Outcome::Pass
    } else {
        Outcome::Unknown
    };
    let start = group.first().map_or(1, |s| s.line);
    let end = group.last().map_or(start, |s| s.line).max(start);
    let mut run = Run::new(SUITE, outcome, end);
    run.start_line = start;
    run.scope = group.first().and_then(|s| s.scope.clone());
    if sum.has_counts() {
        run.passed = Some(sum.passed.unwrap_or(0));
        run.failed = Some(sum.failed.unwrap_or(0));
        run.skipped = Some(sum.skipped.unwrap_or(0));
    }
    if outcome == Outcome::Unknown {
        run.note = Some("the summary states no test passed or failed".to_string());
    }
    run
}

/// A markdown heading: its level and text.
static HEADING: WordRegex =
    WordRegex::new(|| Regex::new(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$").expect("valid regex"));

/// A checklist item, a task rather than a result: `- [ ] All tests pass`.
static CHECKBOX: WordRegex =
    WordRegex::new(|| Regex::new(r"^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]").expect("valid regex"));

/// A table's separator row: `|---|:---:|`.
static SEPARATOR: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$").expect("valid regex")
});

/// Headings that name a rerun: what follows replaces what came before.
const RERUN_WORDS: &[&str] = &[
    "rerun",
    "re-run",
    "retry",
    "retest",
    "re-test",
    "after fix",
    "after the fix",
    "after fixing",
    "second run",
    "second attempt",
    "attempt 2",
    "run 2",
    "again",
    "fixed",
];

/// Where the reader is: in which heading's scope and which rerun.
struct Place {
    /// The scope of each open heading level.
    headings: Vec<(usize, Option<String>)>,
    /// The current rerun.
    epoch: usize,
}

impl Place {
    /// The scope the innermost heading that names one gives.
    fn scope(&self) -> Option<String> {
        self.headings.iter().rev().find_map(|(_, s)| s.clone())
    }

    /// Enters a heading of `level` with `text`.
    fn enter(&mut self, level: usize, text: &str) {
        let lower = text.to_lowercase();
        let rerun = RERUN_WORDS.iter().any(|w| lower.contains(w));
        let mut same_level = None;
        while let Some((top, scope)) = self.headings.pop() {
            if top < level {
                self.headings.push((top, scope));
                break;
            }
            if top == level {
                same_level = scope;
            }
        }
        let scope = if rerun {
            self.epoch += 1;
            let cleaned = RERUN_WORDS.iter().fold(lower, |t, w| t.replace(w, " "));
            header_scope(&cleaned).or(same_level)
        } else {
            header_scope(text)
        };
        self.headings.push((level, scope));
    }
}

/// Every statement of a text, in order.
fn statements(text: &str, markdown: bool) -> Vec<Statement> {
    let log = Log::new(text);
    let lines = log.lines();
    let mut out = Vec::new();
    let mut place = Place { headings: Vec::new(), epoch: 0 };
    let mut fence: Option<&str> = None;
    let mut comment = false;
    let mut i = 0;
    // Frontmatter holds the document's own declared status, read elsewhere.
    if markdown && lines.first().is_some_and(|l| l.trim_end() == "---") {
        i = lines.iter().skip(1).position(|l| l.trim_end() == "---").map_or(0, |at| at + 2);
    }
    while i < lines.len() {
        let line = lines[i];
        let n = i + 1;
        i += 1;
        let trimmed = line.trim_start();
        if markdown {
            if let Some(open) = fence {
                if trimmed.starts_with(open) {
                    fence = None;
                }
                continue;
            }
            if let Some(marker) = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m)) {
                fence = Some(marker);
                continue;
            }
            // An HTML comment (a template's `<!-- Status: PASS | FAIL -->`).
            if comment || trimmed.starts_with("<!--") {
                comment = !line.contains("-->");
                continue;
            }
        }
        let heading = if markdown {
            captures(&HEADING, line).map(|c| (c[1].len(), c.get(2).map_or("", |m| m.as_str())))
        } else {
            header_text(line).map(|text| (1, text))
        };
        if let Some((level, text)) = heading {
            place.enter(level, text);
            out.extend(statement_of(text, n, true, &place));
            continue;
        }
        if trimmed.starts_with('|') && lines.get(i).is_some_and(|l| SEPARATOR.is_match(l)) {
            let rows = lines[i + 1..].iter().take_while(|l| l.trim_start().starts_with('|'));
            let rows: Vec<&str> = rows.copied().collect();
            out.extend(table_statements(line, &rows, i + 2, &mut place));
            i += 1 + rows.len();
            continue;
        }
        if CHECKBOX.is_match(line) {
            continue;
        }
        out.extend(statement_of(line, n, false, &place));
    }
    out
}

/// The cells of a table row, trimmed.
fn cells(row: &str) -> Vec<&str> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = row.strip_suffix('|').unwrap_or(row);
    row.split('|').map(str::trim).collect()
}

/// The column a table header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    /// Tests passed.
    Passed,
    /// Tests failed.
    Failed,
    /// Tests skipped.
    Skipped,
    /// Tests in all.
    Total,
    /// A stated outcome.
    Status,
    /// Anything else.
    Other,
}

/// What a header cell names.
fn column(header: &str) -> Column {
    let words = words(&clean(header));
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if header.contains('%') || has(&["rate", "percent", "percentage", "ratio", "time", "duration"])
    {
        // `Pass rate`, `Fail %`: not a count of tests.
        Column::Other
    } else if has(PASS_WORDS) || has(&["success"]) {
        Column::Passed
    } else if has(FAIL_WORDS) {
        Column::Failed
    } else if has(SKIP_WORDS) {
        Column::Skipped
    } else if has(&["total", "tests", "count", "cases"]) {
        Column::Total
    } else if has(&["status", "result", "outcome", "verdict", "state"]) {
        Column::Status
    } else {
        Column::Other
    }
}

/// Headers of a first column whose rows are reruns, not suites.
const RERUN_COLUMNS: &[&str] = &["run", "attempt", "try", "date", "when", "iteration", "#"];

/// The statements of a table: one a row of a suite table, or one a label
/// line of a two-column table; none for any other table.
fn table_statements(
    header: &str,
    rows: &[&str],
    first_line: usize,
    place: &mut Place,
) -> Vec<Statement> {
    let heads = cells(header);
    let columns: Vec<Column> = heads.iter().map(|h| column(h)).collect();
    let suite_table = columns.contains(&Column::Passed) && columns.contains(&Column::Failed);
    if !suite_table {
        if heads.len() != 2 {
            return Vec::new();
        }
        return rows
            .iter()
            .enumerate()
            .filter_map(|(k, row)| match cells(row).as_slice() {
                [label, value] => {
                    statement_of(&format!("{label}: {value}"), first_line + k, false, place)
                }
                _ => None,
            })
            .collect();
    }
    let first = clean(heads.first().copied().unwrap_or("")).to_lowercase();
    let reruns = RERUN_COLUMNS.contains(&first.trim());
    let mut out = Vec::new();
    for (k, row) in rows.iter().enumerate() {
        let cells = cells(row);
        let name = clean(cells.first().copied().unwrap_or(""));
        let lower = name.to_lowercase();
        let total_row =
            matches!(lower.trim(), "total" | "totals" | "overall" | "all" | "sum" | "all suites");
        if reruns {
            place.epoch += 1;
        }
        let mut s = Statement {
            line: first_line + k,
            epoch: place.epoch,
            claims: true,
            scope: if reruns || total_row {
                place.scope()
            } else {
                header_scope(&name).or_else(|| row_name(&lower)).or_else(|| place.scope())
            },
            ..Statement::default()
        };
        for (cell, col) in cells.iter().zip(&columns).skip(1) {
            let value = || cell_count(cell);
            match col {
                Column::Passed => s.passed = value(),
                Column::Failed => s.failed = value(),
                Column::Skipped => s.skipped = value(),
                Column::Total => s.total = value(),
                Column::Status => {
                    s.stated = outcome_phrase(&clean(cell), Context::Labelled).map(|p| p.0);
                }
                Column::Other => {}
            }
        }
        if s.has_counts() || s.total.is_some() || s.stated.is_some() {
            out.push(s);
        }
    }
    out
}

/// A table row's name as a scope, when no single scope word is in it.
fn row_name(lower: &str) -> Option<String> {
    let name = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    (!name.is_empty() && name.len() <= 60 && name.chars().any(char::is_alphanumeric))
        .then_some(name)
}

/// A table cell's count: its leading digits, or 0 for an empty cell or a dash.
fn cell_count(cell: &str) -> Option<u64> {
    let cell = clean(cell);
    let cell = cell.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '-' | '—' | '–'));
    if cell.is_empty() || matches!(cell, "-" | "—" | "–" | "none") {
        return Some(0);
    }
    let digits: String = cell.chars().take_while(char::is_ascii_digit).collect();
    (!digits.is_empty()).then(|| count(&digits))
}

/// A line with markdown's list markers, quote marks, emphasis and code marks
/// taken out, and trimmed.
fn clean(line: &str) -> String {
    let mut line = line.trim();
    loop {
        let before = line;
        line = line.trim_start_matches('>').trim_start();
        for marker in ["- ", "* ", "+ ", "• "] {
            line = line.strip_prefix(marker).unwrap_or(line).trim_start();
        }
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && line[digits..].starts_with(". ") {
            line = line[digits + 2..].trim_start();
        }
        if line == before {
            break;
        }
    }
    line.replace("**", "").replace("__", "").replace('`', "").trim().to_string()
}

/// The lowercase words of a text, split at anything but letters, digits and `-`.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The patterns of this module that take longest to compile, for
/// [`crate::parse::prepare`].
pub(crate) static COSTLY: &[&dyn Prepare] = &[&LABEL, &NUMBER_WORDS];

/// A `label: value` line: a label of at most 48 characters starting with a
/// letter, then a colon (or `=`) and the value.
static LABEL: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(\p{L}[\p{L}0-9 ()&/._—–-]{0,47}?)\s*[:=]\s*(\S.*)$").expect("valid regex")
});

/// A ratio with nothing after it but marks or an aside: `46/46 ✅`.
static BARE_RATIO: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(\d+)\s*/\s*(\d+)\s*([^\w\s]*(?:\s*\(.*\))?)\s*$").expect("valid regex")
});

/// A value that opens with a ratio: `46/46 passing`.
static RATIO_START: WordRegex =
    WordRegex::new(|| Regex::new(r"^\d+\s*/\s*\d+").expect("valid regex"));

/// A `Passed: 40` item; several may share a line.
static ITEM: WordRegex =
    WordRegex::new(|| Regex::new(r"((?:\p{L}+ ){0,2}\p{L}+)\s*:\s*(\d+)\b").expect("valid regex"));

/// Label words that make a label a status line's.
const STATUS_LABELS: &[&str] = &[
    "status",
    "statut",
    "résultat",
    "résultats",
    "ergebnis",
    "estado",
    "resultado",
    "resultados",
    "result",
    "results",
    "outcome",
    "overall",
    "verdict",
    "conclusion",
    "state",
    "ci",
    "build",
    "deployment",
    "deploy",
    "release",
    "rollout",
    "pipeline",
    "tests",
    "test",
    "checks",
    "check",
    "run",
    "smoke",
    "suite",
    "lint",
    "typecheck",
    "job",
];

/// Label words that name no part of the project.
const LABEL_WORDS: &[&str] = &[
    "final", "total", "summary", "the", "of", "all", "health", "report", "passed", "failed",
    "skipped", "suites", "builds", "overall",
];

/// Words that make a label a sentence's start (`Ran the suite:`), which
/// names no part of the project.
const SENTENCE_WORDS: &[&str] = &[
    "a", "an", "the", "we", "i", "it", "this", "that", "ran", "run", "was", "were", "is", "are",
    "did", "have", "has", "my", "our", "after", "before", "when", "then", "note", "fix", "todo",
];

/// The scope a label of at most three words names (`Backend tests` names
/// `backend`), leaving out the words that make it a status label.
fn label_scope(label: &str) -> Option<String> {
    let all = words(label);
    if all.len() > 3 || all.iter().any(|w| SENTENCE_WORDS.contains(&w.as_str())) {
        return None;
    }
    let kept: Vec<String> = all
        .into_iter()
        .filter(|w| !STATUS_LABELS.contains(&w.as_str()) && !LABEL_WORDS.contains(&w.as_str()))
        .collect();
    if kept.is_empty() { None } else { header_scope(&kept.join(" ")) }
}

/// What a label says a statement is evidence of, when not a test run.
fn label_kind(label: &str) -> Option<EvidenceKind> {
    let words = words(label);
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if has(&["deployment", "deploy", "release", "rollout"]) {
        Some(EvidenceKind::Deploy)
    } else if has(&["build"]) {
        Some(EvidenceKind::Build)
    } else if has(&["lint", "typecheck"]) {
        Some(EvidenceKind::Lint)
    } else {
        None
    }
}

/// The statement a line (or a heading's text) makes, if any.
fn statement_of(raw: &str, line: usize, heading: bool, place: &Place) -> Option<Statement> {
    let text = clean(raw);
    let (emoji, body) = leading_marks(&text);
    let mut s = Statement { line, epoch: place.epoch, ..Statement::default() };
    if let Some(caps) = captures(&LABEL, body) {
        let label = caps[1].trim();
        let value = caps.get(2).map_or("", |m| m.as_str());
        let label_words = words(label);
        let tests_label = label_words.iter().any(|w| w == "tests" || w == "test");
        s.scope = label_scope(label).or_else(|| place.scope());
        if let Some(caps) = captures(&BARE_RATIO, value).filter(|_| tests_label) {
            // `Tests: 46/46`: passed out of all.
            s.passed = Some(count(&caps[1]));
            s.total = Some(count(&caps[2]));
            s.stated = emoji.or_else(|| leading_marks(&caps[3]).0);
            s.claims = true;
            return Some(s);
        }
        let bare_number = value.chars().take_while(char::is_ascii_digit).count();
        let after = value[bare_number..].trim_start();
        let ratio = RATIO_START.is_match(value);
        if bare_number > 0 && !ratio && !after.starts_with(char::is_alphabetic) {
            // `Passed: 40 / Failed: 2`: items, and the label's own scope is
            // the items' labels, not a part.
            s.scope = place.scope();
            return items(body, s);
        }
        let (_, value_body) = leading_marks(value);
        if value_body.starts_with(|c: char| c.is_ascii_digit()) {
            let counts = counts_of(value_body, None);
            if counts.any {
                s.claims = counts.verdicts() && (counts.ratio || counts.nouns || tests_label);
                return Some(counts.into_statement(s, emoji));
            }
            return None;
        }
        let status_label = label_words.iter().any(|w| STATUS_LABELS.contains(&w.as_str()));
        if status_label || heading || label_scope(label).is_some() {
            let context = if status_label { Context::Labelled } else { Context::Named };
            let (outcome, _) = outcome_phrase(value, context)?;
            let counts = counts_of(value, Some(outcome));
            s.stated = Some(outcome);
            s.claims = true;
            s.kind = label_kind(label);
            return Some(counts.into_statement(s, None));
        }
        return None;
    }
    s.scope = place.scope();
    if body.starts_with(|c: char| c.is_ascii_digit()) {
        let counts = counts_of(body, None);
        if !counts.any || counts.other_words > 2 {
            // `12 tests passed after I restarted the db` is a sentence.
            return None;
        }
        s.claims = counts.verdicts() && (counts.ratio || counts.nouns);
        return Some(counts.into_statement(s, emoji));
    }
    let context = if heading { Context::Named } else { Context::Standalone };
    let (outcome, _) = outcome_phrase(&text, context)?;
    s.stated = Some(outcome);
    s.claims = true;
    Some(counts_of(&text, Some(outcome)).into_statement(s, None))
}

/// The statement of a line of `Label: N` items, if it holds one.
fn items(line: &str, mut s: Statement) -> Option<Statement> {
    let mut any = false;
    for caps in ITEM.captures_iter(line) {
        let words = words(&caps[1]);
        let n = Some(count(&caps[2]));
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        if has(&["rate", "percent", "ratio", "coverage", "duration", "time", "seconds"]) {
            // `Pass rate: 95%` counts no test.
            continue;
        } else if has(FAIL_WORDS) {
            s.failed = n;
        } else if has(SKIP_WORDS) {
            s.skipped = n;
        } else if has(PASS_WORDS) {
            s.passed = n;
        } else if has(&["total", "tests", "test", "count", "executed"]) {
            s.total = n;
            continue;
        } else {
            continue;
        }
        any = true;
    }
    // A total alone (`Total: 42`) states no result.
    s.claims = any;
    any.then_some(s)
}

/// Words that count passed tests.
const PASS_WORDS: &[&str] = &[
    "passed",
    "passing",
    "pass",
    "passes",
    "succeeded",
    "successful",
    "successes",
    "ok",
    "green",
    // French, German, Spanish.
    "réussi",
    "réussis",
    "réussie",
    "réussies",
    "bestanden",
    "erfolgreich",
    "pasadas",
    "pasados",
    "pasaron",
    "exitosas",
    "exitosos",
];

/// Words that count failed tests.
const FAIL_WORDS: &[&str] = &[
    "failed",
    "failing",
    "fail",
    "fails",
    "failure",
    "failures",
    "error",
    "errors",
    "errored",
    "broken", // French, German, Spanish.
    "échoué",
    "échoués",
    "échouée",
    "échouées",
    "échec",
    "échecs",
    "fehlgeschlagen",
    "fallidas",
    "fallidos",
    "fallaron",
];

/// Words that count skipped tests.
const SKIP_WORDS: &[&str] = &[
    "skipped",
    "skipping",
    "skip",
    "skips",
    "pending",
    "ignored",
    "todo",
    "xfail",
    "ignoré",
    "ignorés",
    "übersprungen",
    "omitidas",
    "omitidos",
];

/// Words that count tests without a verdict.
const TEST_NOUNS: &[&str] = &[
    "tests",
    "test",
    "specs",
    "spec",
    "checks",
    "check",
    "cases",
    "scenarios",
    "total",
    "pruebas",
    "prueba",
];

/// Words that count files or suites, which are not tests.
const FILE_NOUNS: &[&str] = &["files", "file", "suites", "suite"];

/// A number and the words after it: `12 passed`, `46/46 passing`, `3 of 4
/// tests passed`, `9 tests`.
static NUMBER_WORDS: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"(?:^|[^\w./:-])(\d+)(?:\s*/\s*(\d+)|\s+of\s+(\d+))?",
        r"((?:\s+\p{L}[\p{L}-]*){0,2})",
    ))
    .expect("valid regex")
});

/// The counts a phrase states.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    /// Tests passed.
    passed: Option<u64>,
    /// Tests failed.
    failed: Option<u64>,
    /// Tests skipped.
    skipped: Option<u64>,
    /// Tests in all.
    total: Option<u64>,
    /// Whether it counted anything.
    any: bool,
    /// Whether it has an `N/M` or `N of M`.
    ratio: bool,
    /// Whether it counted tests by a noun (`9 tests`, `3 tests passed`).
    nouns: bool,
    /// How many words outside the counts and outside brackets the phrase has.
    other_words: usize,
}

impl Counts {
    /// Whether it counts passed, failed or skipped tests, not only a total.
    fn verdicts(&self) -> bool {
        self.passed.is_some() || self.failed.is_some() || self.skipped.is_some()
    }

    /// `s` with these counts, and the outcome a leading ✅ or ❌ states.
    fn into_statement(self, mut s: Statement, emoji: Option<Outcome>) -> Statement {
        s.passed = self.passed;
        s.failed = self.failed;
        s.skipped = self.skipped;
        s.total = self.total;
        s.stated = s.stated.or(emoji);
        s
    }
}

/// The counts of a phrase. A bare ratio (`9/9`) counts only in a phrase that
/// states its outcome: passed tests after `PASS — 9/9`, failed ones after
/// `FAILING — 3 of 40`.
fn counts_of(text: &str, stated: Option<Outcome>) -> Counts {
    let mut c = Counts::default();
    let mut outside = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut last = 0;
    for caps in NUMBER_WORDS.captures_iter(text) {
        if let Some(m) = caps.get(0) {
            outside.push_str(&text[last..m.start()]);
            outside.push(' ');
            last = m.end();
        }
        let n = count(&caps[1]);
        let of = caps.get(2).or(caps.get(3)).map(|m| count(m.as_str()));
        let words = words(caps.get(4).map_or("", |m| m.as_str()));
        let is = |w: Option<&String>, list: &[&str]| w.is_some_and(|w| list.contains(&w.as_str()));
        let (first, second) = (words.first(), words.get(1));
        let files = is(first, TEST_NOUNS) && !is(first, &["total"]) && is(second, FILE_NOUNS);
        let verdict = if files || is(first, FILE_NOUNS) {
            continue;
        } else if let (Some(of), Some(outcome), true) = (of, stated, words.is_empty()) {
            c.any = true;
            c.ratio = true;
            match outcome {
                Outcome::Fail => c.failed = Some(n),
                _ => c.passed = Some(n),
            }
            c.total = Some(of);
            continue;
        } else if is(first, TEST_NOUNS)
            && (is(second, PASS_WORDS) || is(second, FAIL_WORDS) || is(second, SKIP_WORDS))
        {
            c.nouns = true;
            second
        } else if is(first, TEST_NOUNS) {
            c.nouns = true;
            None
        } else if is(first, PASS_WORDS) || is(first, FAIL_WORDS) || is(first, SKIP_WORDS) {
            first
        } else {
            continue;
        };
        c.any = true;
        c.ratio |= of.is_some();
        let slot = match verdict {
            Some(w) if PASS_WORDS.contains(&w.as_str()) => &mut c.passed,
            Some(w) if FAIL_WORDS.contains(&w.as_str()) => &mut c.failed,
            Some(_) => &mut c.skipped,
            None => {
                // `46/46 tests`: all but the rest passed.
                if of.is_some() {
                    c.passed = Some(n);
                }
                c.total = of.or(Some(n));
                continue;
            }
        };
        *slot = Some(n);
        if of.is_some() {
            c.total = of;
        }
    }
    outside.push_str(&text[last..]);
    let mut plain = String::with_capacity(outside.len());
    for ch in outside.chars() {
        match ch {
            '(' | '[' => depth = depth.saturating_add(1),
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(ch),
            _ => {}
        }
    }
    c.other_words = plain
        .split(|ch: char| !ch.is_ascii_alphabetic())
        .filter(|w| w.len() > 1 && !matches!(*w, "in" | "and" | "ms" | "of"))
        .count();
    c
}

/// Marks that state an outcome by themselves.
fn mark_outcome(c: char) -> Option<Outcome> {
    match c {
        '✅' | '✔' | '☑' | '🟢' | '💚' | '✓' => Some(Outcome::Pass),
        '❌' | '✖' | '✗' | '✘' | '🔴' | '⛔' | '🚫' | '💥' | '×' => {
            Some(Outcome::Fail)
        }
        _ => None,
    }
}

/// The outcome the marks at the start of a text state (✅, ❌), and the
/// text after them.
fn leading_marks(text: &str) -> (Option<Outcome>, &str) {
    let mut outcome = None;
    let mut mixed = false;
    let mut end = text.len();
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() || c == '(' {
            end = at;
            break;
        }
        match (mark_outcome(c), outcome) {
            (Some(o), None) => outcome = Some(o),
            (Some(o), Some(seen)) if o != seen => mixed = true,
            _ => {}
        }
        // ⚠️ and 🟡 say neither.
        mixed |= matches!(c, '⚠' | '🟡' | '🟠');
    }
    (if mixed { None } else { outcome }, text[end..].trim_start())
}

/// Where an outcome phrase stands, which decides how much it must say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// After a status label (`Status:`, `Result:`) or in a status column:
    /// `pass` is enough.
    Labelled,
    /// A heading's text, or after a label naming a part (`Backend:`): the
    /// word must report a result (`passed`, `FAILING`, `PASS` in capitals),
    /// not state a criterion (`all tests pass`).
    Named,
    /// A line of its own: as `Named`, and it must also start with a mark,
    /// be written in capitals or say `all` (`✅ Tests passed`, `ALL CHECKS
    /// GREEN`, `All tests passed.`), and end with the phrase or an aside
    /// (`(46/46)`, `— 12s`); a sentence that goes on (`Deploy failed, see
    /// above.`) is prose.
    Standalone,
}

/// Outcome words that report a result in any case; others (`pass`, `fails`)
/// do only in capitals or after a status label.
const REPORTED: &[&str] = &[
    "passed",
    "passing",
    "succeeded",
    "successful",
    "failed",
    "failing",
    "errored",
    "broken",
    "green",
    "red",
];

/// Words an outcome phrase can open with.
const ALL_WORDS: &[&str] = &["all", "everything", "every"];

/// What passed or failed, in an outcome phrase.
const SUBJECTS: &[&str] = &[
    "tests",
    "test",
    "checks",
    "check",
    "suites",
    "suite",
    "specs",
    "build",
    "builds",
    "deploy",
    "deployment",
    "ci",
    "pipeline",
    "e2e",
    "unit",
    "integration",
    "smoke",
];

/// Verbs between the subject and the outcome: `tests are passing`.
const COPULAS: &[&str] = &["are", "is", "were", "was", "have", "has"];

/// Words after an outcome that still leave it a phrase: `PASSED with 2
/// warnings`, `passed in 3.2s`, `green on staging`.
const TRAILING_WORDS: &[&str] = &["with", "in", "on", "at"];

/// The outcome a phrase states and the text after it, or `None` when the
/// text is no outcome phrase.
fn outcome_phrase(text: &str, context: Context) -> Option<(Outcome, &str)> {
    let (mark, body) = leading_marks(text.trim());
    let mut rest = body;
    let mut all = false;
    let mut subject = false;
    let mut outcome = None;
    let mut shouted = false;
    while let Some(word_end) = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '/'))
        .or((!rest.is_empty()).then_some(rest.len()))
    {
        if word_end == 0 {
            break;
        }
        let raw = &rest[..word_end];
        let word = raw.to_lowercase();
        let after = &rest[word_end..];
        if let Some(o) = word_outcome(&word, all || subject) {
            shouted = raw.chars().all(|c| !c.is_lowercase());
            let strict = context != Context::Labelled && mark.is_none();
            if strict && !shouted && !REPORTED.contains(&word.as_str()) {
                return None;
            }
            // `status: ok` in a dumped response or config is no test result;
            // `OK` and `✅ ok` are.
            if matches!(word.as_str(), "ok" | "okay") && !shouted && mark.is_none() {
                return None;
            }
            outcome = Some(o);
            rest = after;
            break;
        }
        if ALL_WORDS.contains(&word.as_str()) && !all && !subject {
            all = true;
        } else if SUBJECTS.contains(&word.as_str())
            || (word.contains('/') && word.chars().all(|c| c.is_ascii_digit() || c == '/'))
            || word.chars().all(|c| c.is_ascii_digit())
        {
            subject = true;
        } else if !(COPULAS.contains(&word.as_str()) && subject) {
            return mark
                .filter(|_| context != Context::Standalone && body.is_empty())
                .map(|o| (o, body));
        }
        rest = after.trim_start();
    }
    let Some(outcome) = outcome else {
        // A mark alone: `Status: ✅`.
        return mark
            .filter(|_| body.is_empty() && context != Context::Standalone)
            .map(|o| (o, body));
    };
    if context == Context::Standalone
        && !((all || subject || mark.is_some()) && (all || shouted || mark.is_some()))
    {
        return None;
    }
    if mark.is_some_and(|m| m != outcome) {
        return None;
    }
    let tail = rest.trim_start();
    if offers_a_choice(tail) {
        return None;
    }
    if context == Context::Standalone {
        let aside = tail.is_empty()
            || matches!(tail, "." | "!")
            || tail.starts_with(['(', '[', '—', '–', ':'])
            || tail.starts_with("- ")
            || tail.starts_with(|c: char| !c.is_ascii() && !c.is_alphanumeric());
        return aside.then_some((outcome, tail));
    }
    let next_word: String = tail.chars().take_while(|c| c.is_alphanumeric()).collect();
    let ends = tail.is_empty()
        || tail.starts_with(['(', '[', '—', '–', ':', ',', ';', '.', '!', '|'])
        || tail.starts_with("- ")
        || tail.starts_with(|c: char| !c.is_ascii() && !c.is_alphanumeric())
        || TRAILING_WORDS.contains(&next_word.to_lowercase().as_str());
    ends.then_some((outcome, tail))
}

/// Whether the text after an outcome word offers another outcome, as a
/// template does: `PASS | FAIL`, `✅ Passed / ❌ Failed`, `pass or fail`.
fn offers_a_choice(tail: &str) -> bool {
    let Some(after) = ["|", "/", "or "].into_iter().find_map(|sep| tail.strip_prefix(sep)) else {
        return false;
    };
    let (_, after) = leading_marks(after.trim_start());
    let word: String = after.chars().take_while(|c| c.is_alphanumeric()).collect();
    word_outcome(&word.to_lowercase(), true).is_some()
}

/// The outcome one word states: `PASSED`, `success`, `failing`, `red`;
/// colour words only after `all` or a subject (`all green`).
fn word_outcome(word: &str, after_subject: bool) -> Option<Outcome> {
    match word {
        "pass" | "passed" | "passes" | "passing" | "success" | "successful" | "succeeded"
        | "ok" | "okay" | "réussi" | "réussie" | "succès" | "bestanden" | "erfolgreich"
        | "exitoso" | "exitosa" | "éxito" | "superato" => Some(Outcome::Pass),
        "fail" | "failed" | "fails" | "failing" | "failure" | "error" | "errored" | "broken"
        | "échoué" | "échouée" | "échec" | "fehlgeschlagen" | "fallido" | "fallida" | "fallito" => {
            Some(Outcome::Fail)
        }
        "green" if after_subject => Some(Outcome::Pass),
        "red" if after_subject => Some(Outcome::Fail),
        _ => None,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// An agent's markdown report: a status line, then a section per part.
    pub(crate) const AGENT_REPORT: &str = "---
kind: evidence
tasks: [T-021]
---

# Test run — checkout rework

**Date**: 2026-03-09
**Status**: ✅ SUCCESS

## Backend (pytest)

Total: 3 test files, 9 tests, 0 failures

## Frontend

- ✅ 46/46 passing
- Duration: 4.2s

## Notes

The tests passed yesterday too; the flaky cart test was rewritten.
";

    /// A table of suites with a total row, and a failing heading.
    pub(crate) const SUITE_TABLE: &str = "# CI summary

| Suite | Passed | Failed | Skipped |
|-------|-------:|-------:|--------:|
| API (pytest) | 48 | 0 | 2 |
| Web (vitest) | 61 | 2 | - |
| E2E | 12 | 0 | 1 |
| **Total** | **121** | **2** | **3** |

## Result: ❌ FAILED
";

    /// An agent's plain-text summary, Windows line ends.
    pub(crate) const TEXT_SUMMARY: &str = "Checks for T-014\r
Backend: 40 passed, 0 failed\r
Frontend: 20 passed, 1 failed\r
Passed: 60 / Failed: 1 / Skipped: 0\r
Overall: FAIL\r
";

    /// A report of a failing run, a fix, and a passing rerun.
    pub(crate) const RERUN_REPORT: &str = "# Smoke tests

## First run

Result: ❌ FAIL (12 passed, 1 failed)

## After the fix

Result: ✅ PASS (13 passed)
";

    /// A plan's prose and checklist: no summary in it.
    pub(crate) const PLAN_PROSE: &str = "# Checkout plan

The tests passed yesterday, so we ship on Monday.
Deploy failed, see above.

- [ ] All tests pass
- [x] ✅ Deploy succeeded on staging

Acceptance: all tests pass before merge.
Fix: passed the token through to the worker.
Status: In progress

```
**Status**: ✅ PASS
Tests: 12 passed, 1 failed
```
";

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] =
        &[AGENT_REPORT, SUITE_TABLE, TEXT_SUMMARY, RERUN_REPORT, PLAN_PROSE];

    /// Reads markdown.
    fn md(text: &str) -> Option<Reading> {
        read_text(text, true, EvidenceKind::Other)
    }

    /// Reads a text log.
    fn txt(text: &str) -> Option<Reading> {
        read_text(text, false, EvidenceKind::Other)
    }

    /// The outcome and figures of a reading.
    fn verdict(r: &Reading) -> (Outcome, Option<u64>, Option<u64>) {
        (r.outcome, r.passed, r.failed)
    }

    #[test]
    fn status_line_and_sections_per_part() {
        let reading = md(AGENT_REPORT).unwrap();
        assert_eq!(reading.format.as_str(), "summary");
        assert_eq!(verdict(&reading), (Outcome::Pass, Some(55), Some(0)));
        let scopes: Vec<Option<&str>> = reading.runs.iter().map(|r| r.scope.as_deref()).collect();
        assert_eq!(scopes, [None, Some("backend"), Some("frontend")]);
        assert!(reading.failure_lines.is_empty());
    }

    #[test]
    fn suite_table_sums_rows_and_skips_the_total_row() {
        let reading = md(SUITE_TABLE).unwrap();
        assert_eq!(verdict(&reading), (Outcome::Fail, Some(121), Some(2)));
        assert_eq!(reading.skipped, Some(3));
        assert_eq!(reading.failure_lines, vec![6, 8, 10]);
        let scopes: Vec<Option<&str>> = reading.runs.iter().map(|r| r.scope.as_deref()).collect();
        assert_eq!(scopes, [Some("api"), Some("web"), Some("e2e"), None]);
    }

    #[test]
    fn a_bold_total_row_beside_suite_rows_is_no_run_of_its_own() {
        let table = "| Suite | Passed | Failed |\n|---|---|---|\n| backend | 212 | 0 |\n\
                     | frontend | 88 | 2 |\n| **Total** | **300** | **2** |\n";
        let reading = md(table).unwrap();
        assert_eq!(verdict(&reading), (Outcome::Fail, Some(300), Some(2)));
        assert_eq!(reading.runs.len(), 2);
        assert_eq!(reading.note, None);
    }

    #[test]
    fn reads_reports_written_in_french_german_and_spanish() {
        let fr = "# Rapport\n\n**Statut** : ✅ Réussi\n\n## Résultats\n\n\
                  - Résultat : 40 réussis, 0 échoué, 1 ignoré\n";
        assert_eq!(verdict(&md(fr).unwrap()), (Outcome::Pass, Some(40), Some(0)));
        let de = "# Testbericht\n\n**Status**: ❌ Fehlgeschlagen\n\n## Ergebnis\n\n\
                  Ergebnis: 40 bestanden, 2 fehlgeschlagen, 1 übersprungen\n";
        assert_eq!(verdict(&md(de).unwrap()), (Outcome::Fail, Some(40), Some(2)));
        let es = "# Informe\n\n**Estado**: ❌ Fallido\n\n## Resultados\n\n\
                  | Suite | Pasadas | Fallidas |\n|---|---|---|\n\
                  | vitest | 38 | 2 |\n\nTotal: 40 pruebas, 38 pasadas, 2 fallidas.\n";
        assert_eq!(verdict(&md(es).unwrap()), (Outcome::Fail, Some(38), Some(2)));
    }

    #[test]
    fn a_total_row_alone_is_used() {
        let table = "| Suite | Passed | Failed |\n|---|---|---|\n| Total | 40 | 0 |\n";
        assert_eq!(verdict(&md(table).unwrap()), (Outcome::Pass, Some(40), Some(0)));
        let failing_row =
            "| Suite | Passed | Failed |\n|---|---|---|\n| unit | 40 | 0 |\n| smoke | 3 | 1 |\n";
        assert_eq!(verdict(&md(failing_row).unwrap()), (Outcome::Fail, Some(43), Some(1)));
        let status_column = "| Suite | Passed | Failed | Status |\n|---|---|---|---|\n| unit | 40 | 0 | ❌ FAIL |\n";
        assert_eq!(md(status_column).unwrap().outcome, Outcome::Fail);
        let reruns = "| Run | Passed | Failed |\n|---|---|---|\n| 1 | 39 | 1 |\n| 2 (after fix) | 40 | 0 |\n";
        assert_eq!(verdict(&md(reruns).unwrap()), (Outcome::Pass, Some(40), Some(0)));
    }

    #[test]
    fn scoped_figures_beat_an_unscoped_total_and_the_stated_failure_stands() {
        let reading = txt(TEXT_SUMMARY).unwrap();
        assert_eq!(verdict(&reading), (Outcome::Fail, Some(60), Some(1)));
        assert_eq!(reading.failure_lines, vec![3, 4, 5]);
    }

    #[test]
    fn a_rerun_heading_replaces_the_run_before() {
        let reading = md(RERUN_REPORT).unwrap();
        assert_eq!(verdict(&reading), (Outcome::Pass, Some(13), Some(0)));
        assert_eq!(reading.runs.len(), 2);
        let still = RERUN_REPORT.replace("✅ PASS (13 passed)", "❌ FAIL (12 passed, 1 failed)");
        assert_eq!(md(&still).unwrap().outcome, Outcome::Fail);
    }

    #[test]
    fn each_stated_form() {
        let cases: &[(&str, Outcome, Option<u64>, Option<u64>)] = &[
            ("Total: 3 test files, 9 tests, 0 failures", Outcome::Pass, Some(9), Some(0)),
            ("Result: PASS (3 files, 9 tests)", Outcome::Pass, Some(9), Some(0)),
            ("Tests: 12 passed, 1 failed", Outcome::Fail, Some(12), Some(1)),
            ("✅ 46/46 passing", Outcome::Pass, Some(46), Some(0)),
            ("44/46 tests passing", Outcome::Fail, Some(44), Some(2)),
            ("Passed: 40 / Failed: 2 / Skipped: 1", Outcome::Fail, Some(40), Some(2)),
            ("- **Passed**: 40\n- **Failed**: 0", Outcome::Pass, Some(40), Some(0)),
            ("**Status**: ✅ SUCCESS", Outcome::Pass, None, None),
            ("## Result: ❌ FAILED", Outcome::Fail, None, None),
            ("Overall: PASS", Outcome::Pass, None, None),
            ("Verdict: all green", Outcome::Pass, None, None),
            ("# ✅ All tests passed", Outcome::Pass, None, None),
            ("ALL TESTS PASSED", Outcome::Pass, None, None),
            ("All 46 tests passed.", Outcome::Pass, Some(46), Some(0)),
            ("Status: ✅", Outcome::Pass, None, None),
            ("Health check: OK", Outcome::Pass, None, None),
            ("Backend tests: ❌ FAILING — 3 of 40", Outcome::Fail, Some(37), Some(3)),
            ("Result: **PASS** — 9/9", Outcome::Pass, Some(9), Some(0)),
            ("**Tests**: 196/196 passed", Outcome::Pass, Some(196), Some(0)),
            ("- Tests: **46/46 passing** ✅", Outcome::Pass, Some(46), Some(0)),
            (
                "| Field | Value |\n|---|---|\n| Status | ✅ Passed |\n| Tests | 46/46 |",
                Outcome::Pass,
                Some(46),
                Some(0),
            ),
            ("**Status**: ✅ SUCCESS\nTests: 3 passed, 1 failed", Outcome::Fail, Some(3), Some(1)),
        ];
        for (text, outcome, passed, failed) in cases {
            let reading = md(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(verdict(&reading), (*outcome, *passed, *failed), "{text}");
            let crlf = text.replace('\n', "\r\n");
            assert_eq!(verdict(&txt(&crlf).unwrap()), (*outcome, *passed, *failed), "{text}");
        }
    }

    #[test]
    fn a_label_that_reads_as_a_sentence_names_no_scope() {
        let reading = md("Ran the suite: 48 passed, 0 failed.\n\n**Result**: PASSED\n").unwrap();
        assert_eq!(verdict(&reading), (Outcome::Pass, Some(48), Some(0)));
        assert!(reading.runs.iter().all(|r| r.scope.is_none()));
        let reading = md("Unit tests: 40 passed\nE2E: 12 passed, 1 failed\n").unwrap();
        let scopes: Vec<Option<&str>> = reading.runs.iter().map(|r| r.scope.as_deref()).collect();
        assert_eq!(scopes, [Some("unit"), Some("e2e")]);
        assert_eq!(verdict(&reading), (Outcome::Fail, Some(52), Some(1)));
    }

    #[test]
    fn a_lint_line_in_a_test_report_leaves_it_a_test_report() {
        let reading = md("Tests: 46 passed, 0 failed\nLint: PASS\n").unwrap();
        assert_eq!((reading.kind, reading.outcome), (EvidenceKind::Test, Outcome::Pass));
        let reading = md("Tests: 46 passed, 0 failed\nLint: FAILED\n").unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        let reading = md("Build: ✅ SUCCESS\n").unwrap();
        assert_eq!(reading.kind, EvidenceKind::Build);
    }

    #[test]
    fn deployment_status_is_deploy_evidence() {
        let reading = md("# Release 2.3\n\nDeployment: FAILED\n").unwrap();
        assert_eq!((reading.outcome, reading.kind), (Outcome::Fail, EvidenceKind::Deploy));
        let reading = read_text("**Status**: ✅ SUCCESS\n", true, EvidenceKind::Deploy).unwrap();
        assert_eq!(reading.kind, EvidenceKind::Deploy);
    }

    #[test]
    fn prose_checklists_code_and_frontmatter_are_no_summary() {
        assert_eq!(md(PLAN_PROSE), None);
        assert_eq!(md("---\nstatus: passed\n---\n\n# Notes\n"), None);
        for line in [
            "the tests passed yesterday",
            "Tests passed yesterday after the rebase.",
            "All tests pass",
            "## Failed tests",
            "## Failures",
            "## Pass/fail criteria",
            "## Success criteria",
            "Note: failing tests are tracked in #123",
            "Status: ⚠️ PARTIAL",
            "status: ok",
            "**Result**: PASS | FAIL",
            "Status: ✅ Passed / ❌ Failed",
            "<!-- Status: PASS -->",
            "| Suite | Pass rate | Failed |\n|---|---|---|\n| api | 95% | - |",
            "Total: 42",
            "Run: 57",
            "12 tests cover the parser.",
            "12 tests passed after I restarted the database",
            "Pass rate: 95%",
            "Coverage: 81%",
            "FAILED",
        ] {
            assert_eq!(md(line), None, "{line}");
            assert_eq!(txt(line), None, "{line}");
        }
    }

    #[test]
    fn a_plain_count_line_alone_is_left_to_plain() {
        assert_eq!(md("Result: 9 passed, 0 failed."), None);
        assert_eq!(txt("smoke: 2 passed, 0 failed, 1 skipped"), None);
        // Beside a summary's own statement it counts.
        let both = "Result: ✅ PASS\nResult: 9 passed, 0 failed.\n";
        assert_eq!(verdict(&md(both).unwrap()), (Outcome::Pass, Some(9), Some(0)));
    }
}
