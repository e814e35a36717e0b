//! A plain `N passed, N failed` summary anywhere in a file, and what the test
//! runner readers share: a log cut into lines, durations, the part of the
//! project a log says each run ran on, and one reading made of the runs of
//! every runner in a log.
//!
//! The plain summary is a smoke-test note (`Result: 9 passed, 0 failed.`), a
//! script's last line, a deploy job's smoke step. Either order is read
//! (`2 failed, 7 passed`), with an optional `, N skipped`. When a file has
//! several, the last is its summary. Runners with a summary of their own
//! (pytest, jest) and stated summaries (`summary.rs`) are read first; this is
//! the fallback.
//!
//! A log can hold several runs: a rerun after a fix, or one suite after
//! another (backend pytest, then frontend vitest). The runner that recognises
//! a log first, in the registry's order, reads it with the runs every other
//! runner finds in it ([`read_runners`]); each run then gets the scope the log
//! names for it ([`Scopes`]): a header (`== backend ==`), a `cd frontend`, a
//! test command's own target (`npm --prefix web test`, `cargo test -p cli`,
//! `pytest backend/tests`, `> frontend@1.0.0 test`), or else the test paths the
//! run prints (`backend/tests/test_api.py`).

use regex::Regex;

use super::lines::count;
use super::{Reading, Tally, cargo, gotest, js, playwright, pytest};
use crate::model::{EvidenceFormat, EvidenceKind, Run};
use crate::text::Prefixed;
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// `9 passed, 0 failed` or `0 failed, 9 passed`, then an optional skip count.
static SUMMARY: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"(?i)(?:^|[^\w.])(?:(\d+) passed,\s*(\d+) failed|(\d+) failed,\s*(\d+) passed)",
        r"(?:,\s*(\d+) skipped)?\b",
    ))
    .expect("valid regex")
});

/// The last plain summary of a text and its 1-based line.
pub(super) fn last_summary(text: &str) -> Option<(Tally, usize)> {
    crate::text::lines(text)
        .enumerate()
        .filter_map(|(i, line)| summary_of(line).map(|t| (t, i + 1)))
        .last()
}

/// The counts a line states, when it is a plain summary.
pub(super) fn summary_of(line: &str) -> Option<Tally> {
    let caps = captures(&SUMMARY, line)?;
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

/// A log cut into lines, keeping where each starts so that the lines of one
/// run can be read again as one text.
pub(super) struct Log<'a> {
    /// The whole text.
    text: &'a str,
    /// Its lines, without `\n` or `\r\n`, as `str::lines` gives them.
    lines: Vec<&'a str>,
    /// The byte offset where each line starts, then the text's length.
    starts: Vec<usize>,
}

impl<'a> Log<'a> {
    /// Cuts `text` into lines.
    pub(super) fn new(text: &'a str) -> Log<'a> {
        let mut lines = Vec::new();
        let mut starts = Vec::new();
        let mut at = 0;
        while at < text.len() {
            // Each piece up to and with its `\n`, as `split_inclusive` cuts.
            let end =
                memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i + 1);
            let piece = &text[at..end];
            starts.push(at);
            let line = piece.strip_suffix('\n').unwrap_or(piece);
            lines.push(line.strip_suffix('\r').unwrap_or(line));
            at = end;
        }
        starts.push(text.len());
        Log { text, lines, starts }
    }

    /// The whole text.
    pub(super) fn text(&self) -> &'a str {
        self.text
    }

    /// The lines, in order; line `n` (1-based) is `lines()[n - 1]`.
    pub(super) fn lines(&self) -> &[&'a str] {
        &self.lines
    }

    /// Lines `start..=end` (1-based) as one text; empty when out of range.
    pub(super) fn span(&self, start: usize, end: usize) -> &'a str {
        let end = end.min(self.lines.len());
        if start == 0 || start > end {
            return "";
        }
        &self.text[self.starts[start - 1]..self.starts[end]]
    }
}

/// Seconds from a number and its unit (`ms`, `s`, `sec`, `seconds`, `m`,
/// `min`, `h`); `None` for anything else or a value that is not finite.
pub(super) fn seconds(number: &str, unit: &str) -> Option<f64> {
    let value: f64 = number.parse().ok()?;
    let total = match unit.trim().to_ascii_lowercase().as_str() {
        "ms" => value / 1000.0,
        "s" | "sec" | "secs" | "second" | "seconds" => value,
        "m" | "min" | "mins" | "minutes" => value * 60.0,
        "h" | "hr" | "hours" => value * 3600.0,
        _ => return None,
    };
    (total.is_finite() && total >= 0.0).then_some(total)
}

/// The runner readers that can share one log, in the registry's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Runner {
    /// `cargo test` and nextest.
    Cargo,
    /// pytest.
    Pytest,
    /// Playwright's console reporters.
    Playwright,
    /// vitest and jest.
    Js,
    /// `go test`.
    Go,
}

impl Runner {
    /// Every runner.
    const ALL: [Runner; 5] =
        [Runner::Cargo, Runner::Pytest, Runner::Playwright, Runner::Js, Runner::Go];

    /// This runner's own runs in a log, or `None` when it sees none.
    fn runs(self, log: &Log<'_>) -> Option<Reading> {
        match self {
            Runner::Cargo => cargo::runs(log),
            Runner::Pytest => pytest::runs(log),
            Runner::Playwright => playwright::runs(log),
            Runner::Js => js::runs(log),
            Runner::Go => gotest::runs(log),
        }
    }
}

/// Reads a log as `own`'s: `None` when `own` sees no run of its own in it,
/// else a reading in `own`'s format made of its runs and every other runner's
/// runs in the same log, in the order they end, each with its scope.
#[cfg(test)]
pub(super) fn read_runners(own: Runner, text: &str) -> Option<Reading> {
    let at = Runner::ALL.iter().position(|&r| r == own)?;
    let log = Log::new(text);
    let readings = Runner::ALL.map(|r| r.runs(&log));
    readings[at].as_ref()?;
    combine(at, readings, &log)
}

/// Reads a log as the first runner's of [`Runner::ALL`] that sees a run of
/// its own in it, with every other runner's runs in the same log: what
/// trying each runner's [`read_runners`] in that order gives, with each
/// runner reading the log once rather than once per runner tried before
/// it. `None` when no runner sees a run.
pub(super) fn read_first_runner(text: &str) -> Option<Reading> {
    let log = Log::new(text);
    let readings = Runner::ALL.map(|r| r.runs(&log));
    let at = readings.iter().position(Option::is_some)?;
    combine(at, readings, &log)
}

/// The reading of the runner at `at` (which saw runs) with the runs of the
/// others, in the order they end, each with its scope.
fn combine(at: usize, mut readings: [Option<Reading>; 5], log: &Log<'_>) -> Option<Reading> {
    let first = readings[at].take()?;
    let format = first.format;
    let mut runs = first.runs;
    let mut failure_lines = first.failure_lines;
    let mut date = first.date;
    for reading in readings.into_iter().flatten() {
        runs.extend(reading.runs);
        failure_lines.extend(reading.failure_lines);
        date = date.or(reading.date);
    }
    order_and_scope(&mut runs, log);
    let mut reading = Reading::of_runs(format, EvidenceKind::Test, runs);
    reading.failure_lines = failure_lines;
    reading.date = date;
    Some(reading)
}

/// Sorts runs by where they end, keeps each run's lines from overlapping the
/// previous run's, and gives each run without a scope the one the log names.
pub(super) fn order_and_scope(runs: &mut [Run], log: &Log<'_>) {
    runs.sort_by_key(|r| (r.end_line, r.start_line));
    // The log's marks are looked for when a run first needs them: a reader
    // that gave each run its scope leaves none to find.
    let mut scopes = None;
    let mut prev_end = 0;
    for run in runs.iter_mut() {
        if run.start_line <= prev_end && prev_end < run.end_line {
            run.start_line = prev_end + 1;
        }
        if run.scope.is_none() {
            let scopes = scopes.get_or_insert_with(|| Scopes::new(log));
            run.scope = scopes.scope_of(run.start_line, run.end_line, prev_end, log);
        }
        prev_end = prev_end.max(run.end_line);
    }
}

/// A place where a log names the part of the project that runs next.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mark {
    /// A header (`== backend ==`) or a `cd`: it lasts until the next one.
    /// `None` is a `cd` back to the top (`cd ..`).
    Section(Option<String>),
    /// A test command: it names the scope of the run it starts, if any.
    /// `strong` when it names a part of the project (`--prefix web`), weak
    /// when it names test paths (`pytest tests/test_auth.py`).
    Command {
        /// The scope it names.
        scope: Option<String>,
        /// Whether that scope is a part of the project.
        strong: bool,
    },
}

/// Every scope mark of a log, and for each the last section before it.
pub(super) struct Scopes {
    /// Marks by 1-based line, in order.
    marks: Vec<(usize, Mark)>,
    /// For each mark, the index of the last `Section` mark at or before it.
    last_section: Vec<Option<usize>>,
}

impl Scopes {
    /// Finds the marks of a log.
    pub(super) fn new(log: &Log<'_>) -> Scopes {
        let mut marks = Vec::new();
        for (i, line) in log.lines().iter().enumerate() {
            marks.extend(marks_of(line).into_iter().map(|m| (i + 1, m)));
        }
        let mut last = None;
        let last_section = marks
            .iter()
            .enumerate()
            .map(|(at, (_, mark))| {
                if matches!(mark, Mark::Section(_)) {
                    last = Some(at);
                }
                last
            })
            .collect();
        Scopes { marks, last_section }
    }

    /// The scope of the run on lines `start..=end`, the previous run ending on
    /// `prev_end`: the project part a command since that run names, else the
    /// section it is in, else the test paths such a command names, else the
    /// one project part the test paths it prints share.
    pub(super) fn scope_of(
        &self,
        start: usize,
        end: usize,
        prev_end: usize,
        log: &Log<'_>,
    ) -> Option<String> {
        let upto = self.marks.partition_point(|(line, _)| *line <= end);
        let (mut strong, mut weak) = (None, None);
        for (_, mark) in self.marks[..upto].iter().rev().take_while(|(line, _)| *line > prev_end) {
            if let Mark::Command { scope: Some(scope), strong: is_strong } = mark {
                let slot = if *is_strong { &mut strong } else { &mut weak };
                slot.get_or_insert(scope);
            }
        }
        if let Some(scope) = strong {
            return Some(scope.clone());
        }
        let section = upto.checked_sub(1).and_then(|at| self.last_section[at]);
        if let Some((_, Mark::Section(Some(scope)))) = section.map(|at| &self.marks[at]) {
            return Some(scope.clone());
        }
        if let Some(scope) = weak {
            return Some(scope.clone());
        }
        let lines = log.lines();
        let end = end.min(lines.len());
        if start == 0 || start > end {
            return None;
        }
        path_scope(&lines[start - 1..end])
    }
}

/// A timestamp CI runners put before each line (`2026-03-08T10:01:12.0000000Z `).
static STAMP: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?\]?\s+")
        .expect("valid regex")
});

/// A decorated header line: `== backend ==`, `--- frontend ---`,
/// `*** api ***`, `## Backend tests`.
static HEADER: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^\s*(?:={2,}\s*([^=]+?)\s*={2,}|-{2,}\s+(.+?)\s+-{2,}|\*{3,}\s*([^*]+?)\s*\*{3,}",
        r"|#{1,6}\s+(.+?)(?:\s+#+)?)\s*$",
    ))
    .expect("valid regex")
});

/// A CI log group: `##[group]Run cd frontend && npm test`, `::group::Backend`.
static GROUP: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*(?:##\[group\]|::group::)\s*(?:Run\s+)?(.+?)\s*$").expect("valid regex")
});

/// npm's header over a script it runs: `> frontend@1.0.0 test`,
/// `> @acme/web@0.3.1 test:unit`.
static NPM_HEADER: Prefixed =
    Prefixed::after_blanks("> ", r"^\s*> ((?:@[\w.-]+/)?[\w.-]+)@\S+ ([\w:.-]+)\s*$");

/// A shell prompt before a command: `$ `, `% `, `# `, `❯ `, `+ ` (`set -x`),
/// `user@host:~/app$ `, `PS C:\app> `, `C:\app> `.
static PROMPT: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*(?:PS [^>]*>|[\w.@~:/\\\[\]-]*[$%#>]|[❯➜»+])\s+").expect("valid regex")
});

/// The scope marks one line makes.
fn marks_of(line: &str) -> Vec<Mark> {
    let first = line.trim_start().chars().next();
    let line = match first {
        Some(c) if c.is_ascii_digit() || c == '[' => {
            STAMP.find(line).map_or(line, |m| &line[m.end()..])
        }
        _ => line,
    };
    let first = line.trim_start().chars().next();
    let header = matches!(first, Some('=' | '-' | '*' | '#' | ':' | '>'));
    if !header && !COMMAND_WORDS.iter().any(|w| line.contains(w)) {
        return Vec::new();
    }
    if let Some(caps) = NPM_HEADER.captures(line) {
        let script = caps[2].to_ascii_lowercase();
        return match script_scope(&script) {
            Some(from_script) => {
                let scope = from_script.or_else(|| package_scope(&caps[1]));
                vec![Mark::Command { scope, strong: true }]
            }
            None => Vec::new(),
        };
    }
    // A group opens with `##[group]` or `::group::`, a header with `=`, `-`,
    // `*` or `#`: the patterns are not tried on other lines.
    if matches!(first, Some('#' | ':'))
        && let Some(caps) = captures(&GROUP, line)
    {
        let marks = command_marks(&caps[1]);
        if !marks.is_empty() {
            return marks;
        }
        return header_scope(&caps[1]).map(|s| Mark::Section(Some(s))).into_iter().collect();
    }
    if matches!(first, Some('=' | '-' | '*' | '#'))
        && let Some(scope) = header_text(line).and_then(header_scope)
    {
        return vec![Mark::Section(Some(scope))];
    }
    match PROMPT.find(line) {
        Some(prompt) => command_marks(&line[prompt.end()..]),
        None => command_marks(line),
    }
}

/// Words one of which every command line that names a scope holds; other
/// lines are not looked at as commands.
const COMMAND_WORDS: &[&str] =
    &["cd", "test", "jest", "e2e", "spec", "npm", "pnpm", "yarn", "bun", "make", "just"];

/// The name a decorated header line gives (`backend` in `== backend ==`), or
/// `None` when the line is no header.
pub(super) fn header_text(line: &str) -> Option<&str> {
    let caps = captures(&HEADER, line)?;
    caps.iter().skip(1).flatten().next().map(|m| m.as_str())
}

/// Header words that are not a scope but say nothing either.
const FILLER: &[&str] = &[
    "tests",
    "test",
    "suite",
    "suites",
    "run",
    "running",
    "runs",
    "the",
    "for",
    "of",
    "on",
    "in",
    "and",
    "with",
    "pytest",
    "vitest",
    "jest",
    "playwright",
    "cargo",
    "go",
    "npm",
    "pnpm",
    "yarn",
    "nextest",
    "mocha",
    "python",
    "node",
    "rust",
];

/// Header words of a log's own sections or of a rerun: a header holding one
/// names no scope.
const NOT_SCOPES: &[&str] = &[
    "rerun",
    "re-run",
    "retry",
    "retried",
    "again",
    "attempt",
    "after",
    "fix",
    "fixed",
    "second",
    "final",
    "first",
    "initial",
    "before",
    "last",
    "round",
    "failures",
    "failure",
    "errors",
    "error",
    "passes",
    "warnings",
    "warning",
    "summary",
    "result",
    "results",
    "résultat",
    "résultats",
    "resultado",
    "resultados",
    "ergebnis",
    "ergebnisse",
    "resumen",
    "résumé",
    "zusammenfassung",
    "informe",
    "rapport",
    "bericht",
    "testbericht",
    "pruebas",
    "output",
    "log",
    "logs",
    "coverage",
    "xfailures",
    "xpasses",
    "details",
    "stdout",
    "stderr",
    "captured",
    "setup",
    "teardown",
    "install",
    "build",
    "lint",
    "deploy",
    "report",
    "info",
    "session",
    "starts",
    "collection",
    "total",
    "totals",
    "stats",
    "notes",
    "status",
    "overview",
    "conclusion",
    "verdict",
    "outcome",
    "environment",
    "env",
    "steps",
    "commands",
    "done",
    "finished",
    "end",
    "start",
    "complete",
    "traceback",
    "passed",
    "failed",
    "skipped",
    "ok",
    "pass",
    "fail",
];

/// The scope a header names: its one remaining word once filler, runner
/// names, parenthesised asides and punctuation are left out (`Backend tests
/// (pytest)` names `backend`); `None` for a section of the log itself
/// (`FAILURES`, `test session starts`) or a rerun (`after the fix`).
pub(super) fn header_scope(name: &str) -> Option<String> {
    let mut plain = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' | '[' => depth = depth.saturating_add(1),
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let mut found: Option<String> = None;
    let separators = |c: char| c.is_whitespace() || matches!(c, ':' | '—' | '–' | '|' | ',');
    for token in plain.split(separators) {
        if token.starts_with('-') && token.chars().any(char::is_alphanumeric) {
            return None;
        }
        let word = token.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if word.is_empty() || FILLER.contains(&word.as_str()) {
            continue;
        }
        if NOT_SCOPES.contains(&word.as_str()) || found.is_some() || !is_scope_word(&word) {
            return None;
        }
        found = Some(word);
    }
    found
}

/// Whether a word can name a part of the project: it starts with a letter
/// and holds only letters, digits and `-_./@`.
fn is_scope_word(word: &str) -> bool {
    word.len() <= 60
        && word.chars().next().is_some_and(char::is_alphabetic)
        && word.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '@'))
}

/// The marks of a command line: `cd` sections and test commands.
fn command_marks(body: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    for part in chained_commands(body) {
        // Most lines of a test log hold a command word (`test_login PASSED`)
        // but start with no command: they are passed over on their first
        // word, without the tokens gathered.
        if !command_words(part).next().is_some_and(may_start_command) {
            continue;
        }
        let tokens: Vec<&str> = command_words(part).collect();
        match tokens.as_slice() {
            ["cd"] => marks.push(Mark::Section(None)),
            ["cd", dir, ..] => marks.push(Mark::Section(dir_scope(dir))),
            _ => marks.extend(test_command(&tokens)),
        }
    }
    marks
}

/// `body` cut at each `&`, `;` and `|`, as `split` cuts it; the bytes are
/// found with `memchr`, and most lines, which chain no commands, are one
/// part found in one search.
fn chained_commands(body: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(body);
    std::iter::from_fn(move || {
        let text = rest?;
        match memchr::memchr3(b'&', b';', b'|', text.as_bytes()) {
            Some(at) => {
                rest = Some(&text[at + 1..]);
                Some(&text[..at])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// The words of one command, quotes and brackets trimmed off.
fn command_words(part: &str) -> impl Iterator<Item = &str> {
    part.split_whitespace()
        .map(|t| t.trim_matches(|c| matches!(c, '(' | ')' | '"' | '\'' | '`')))
        .filter(|t| !t.is_empty())
}

/// Whether a command's first word can start what [`command_marks`] reads:
/// `cd`, a word [`test_command`] steps over to the tool, or a tool it knows.
fn may_start_command(word: &str) -> bool {
    word == "cd"
        || WRAPPERS.contains(&word)
        || (word.contains('=') && !word.starts_with('-'))
        || RUN_WRAPPERS.contains(&word)
        || PACKAGE_MANAGERS.contains(&word)
        || word.starts_with("python")
        || word == "py"
        || TOOLS.iter().any(|t| t.eq_ignore_ascii_case(tool_name(word)))
}

/// A command's tool without its folder and `.exe`: `./node_modules/.bin/jest`
/// and `C:\tools\cargo.exe` are `jest` and `cargo`.
fn tool_name(word: &str) -> &str {
    let folder_end = word.bytes().rposition(|b| b == b'/' || b == b'\\');
    let tool = folder_end.map_or(word, |at| &word[at + 1..]);
    tool.strip_suffix(".exe").unwrap_or(tool)
}

/// The tools [`test_command`] reads a mark from, in lower case.
const TOOLS: &[&str] = &[
    "pytest",
    "py.test",
    "vitest",
    "jest",
    "playwright",
    "cargo",
    "go",
    "npm",
    "pnpm",
    "yarn",
    "bun",
    "make",
    "just",
];

/// Words that run the command after them (`npx vitest`, `poetry run pytest`).
const WRAPPERS: &[&str] =
    &["npx", "bunx", "pnpx", "exec", "time", "env", "sudo", "command", "--", "dotenv"];

/// Tools that run the command after their `run` or `exec` (`uv run pytest`).
const RUN_WRAPPERS: &[&str] = &["poetry", "uv", "pipenv", "hatch", "pdm", "rye"];

/// Package managers: they run the command after `exec` (`pnpm exec vitest`),
/// and a script after `run`.
const PACKAGE_MANAGERS: &[&str] = &["npm", "pnpm", "yarn", "bun"];

/// The mark of a test command, or `None` when the tokens run no tests.
fn test_command(tokens: &[&str]) -> Option<Mark> {
    let mut i = 0;
    while i < tokens.len() {
        let word = tokens[i];
        let next = tokens.get(i + 1).copied();
        let python = word.starts_with("python") || word == "py";
        if WRAPPERS.contains(&word) || (word.contains('=') && !word.starts_with('-')) {
            i += 1;
        } else if (RUN_WRAPPERS.contains(&word) && matches!(next, Some("run" | "exec")))
            || (PACKAGE_MANAGERS.contains(&word) && next == Some("exec"))
            || (python && next == Some("-m"))
        {
            i += 2;
        } else {
            break;
        }
    }
    let tool = tool_name(tokens.get(i)?).to_ascii_lowercase();
    let rest = &tokens[i + 1..];
    // A tool read here is one of `TOOLS` too, or `command_marks` never
    // gets this far.
    match tool.as_str() {
        "pytest" | "py.test" => Some(path_args_mark(rest, PYTEST_VALUE_FLAGS)),
        "vitest" | "jest" => Some(js_runner_mark(rest)),
        "playwright" if rest.first() == Some(&"test") => {
            Some(Mark::Command { scope: None, strong: false })
        }
        "cargo" => cargo_mark(rest),
        "go" if rest.first() == Some(&"test") => Some(path_args_mark(&rest[1..], GO_VALUE_FLAGS)),
        "npm" | "pnpm" | "yarn" | "bun" => package_manager_mark(rest),
        "make" | "just" => make_mark(rest),
        _ => None,
    }
}

/// pytest options that take the next token as their value.
const PYTEST_VALUE_FLAGS: &[&str] = &[
    "-k",
    "-m",
    "-p",
    "-n",
    "-c",
    "-o",
    "-W",
    "-r",
    "--tb",
    "--cov",
    "--cov-report",
    "--cov-config",
    "--cov-fail-under",
    "--maxfail",
    "--junitxml",
    "--junit-xml",
    "--durations",
    "--rootdir",
    "--basetemp",
    "--ignore",
    "--deselect",
    "--log-level",
    "--html",
    "--dist",
    "--reruns",
    "--timeout",
    "--confcutdir",
];

/// `go test` flags that take the next token as their value.
const GO_VALUE_FLAGS: &[&str] = &[
    "-run",
    "-skip",
    "-count",
    "-timeout",
    "-tags",
    "-coverprofile",
    "-covermode",
    "-coverpkg",
    "-p",
    "-parallel",
    "-bench",
    "-cpu",
    "-o",
    "-exec",
    "-ldflags",
    "-gcflags",
];

/// Folder names that hold tests, not a part of the project.
const TEST_DIRS: &[&str] = &["tests", "test", "testing", "spec", "specs", "__tests__", "e2e"];

/// Folder names that hold code, not a part of the project.
const CODE_DIRS: &[&str] = &[
    "src",
    "lib",
    "node_modules",
    "target",
    "dist",
    "build",
    "vendor",
    "third_party",
    "venv",
    "site-packages",
    "internal",
    "pkg",
    "cmd",
    "...",
];

/// Folders that hold the project's parts (`packages/web`): the part is the
/// folder inside.
const CONTAINERS: &[&str] = &["packages", "apps", "services", "crates", "libs", "modules"];

/// The mark of a command's path arguments (`pytest backend/tests`, `go test
/// ./api/...`): the project part they share, or weakly the test path itself
/// (`tests/test_auth.py`).
fn path_args_mark(args: &[&str], value_flags: &[&str]) -> Mark {
    let mut scopes: Vec<(String, bool)> = Vec::new();
    let mut skip_next = false;
    for arg in args {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        if arg.starts_with('-') {
            skip_next = !arg.contains('=') && value_flags.contains(arg);
            continue;
        }
        if let Some(scope) = arg_scope(arg) {
            scopes.push(scope);
        }
    }
    match scopes.split_first() {
        Some((first, rest)) if rest.iter().all(|s| s == first) => {
            Mark::Command { scope: Some(first.0.clone()), strong: first.1 }
        }
        _ => Mark::Command { scope: None, strong: false },
    }
}

/// The scope a path argument names, and whether it is a project part:
/// `backend/tests` is the part `backend`; `tests/test_auth.py::test_login`
/// is the weak scope `tests/test_auth.py`; `tests`, `.` and `./...` name none.
fn arg_scope(arg: &str) -> Option<(String, bool)> {
    let path = arg.split("::").next().unwrap_or(arg);
    let path = path.trim_start_matches("./").trim_end_matches(['/', '\\']);
    let path = path.strip_suffix("/...").unwrap_or(path);
    if path.is_empty() || path.starts_with(['.', '/', '\\', '~', '$']) || path.contains(':') {
        return None;
    }
    let segments: Vec<&str> = path.split(['/', '\\']).filter(|s| !s.is_empty()).collect();
    let first = segments.first()?.to_ascii_lowercase();
    if TEST_DIRS.contains(&first.as_str()) || first.ends_with(".py") || first.ends_with(".go") {
        return (segments.len() > 1 || first.contains('.'))
            .then(|| (path.replace('\\', "/").to_lowercase(), false));
    }
    part_of(&segments).map(|part| (part, true))
}

/// The project part a relative path starts in: its first folder, or the
/// second under a container (`packages/web`); `None` for code folders.
fn part_of(segments: &[&str]) -> Option<String> {
    let first = segments.first()?.to_ascii_lowercase();
    let part = if CONTAINERS.contains(&first.as_str()) {
        segments.get(1)?.to_ascii_lowercase()
    } else {
        first
    };
    let code = CODE_DIRS.contains(&part.as_str()) || TEST_DIRS.contains(&part.as_str());
    (!code && is_scope_word(&part)).then_some(part)
}

/// The mark of `vitest` or `jest`: their root option (`--root web`,
/// `--rootDir web`) or a path argument (`vitest run web/src`).
fn js_runner_mark(args: &[&str]) -> Mark {
    if let Some(dir) = flag_value(args, &["--root", "--dir", "--rootDir", "-r"]) {
        return Mark::Command { scope: dir_scope(dir), strong: true };
    }
    let paths: Vec<&str> =
        args.iter().copied().filter(|a| !a.starts_with('-') && a.contains(['/', '\\'])).collect();
    let parts: Vec<Option<String>> = paths
        .iter()
        .map(|p| {
            let p = p.trim_start_matches("./");
            part_of(&p.split(['/', '\\']).collect::<Vec<_>>())
        })
        .collect();
    match parts.split_first() {
        Some((Some(first), rest)) if rest.iter().all(|p| p.as_ref() == Some(first)) => {
            Mark::Command { scope: Some(first.clone()), strong: true }
        }
        _ => Mark::Command { scope: None, strong: false },
    }
}

/// The mark of a cargo command that runs tests: its package (`-p cli`,
/// `--manifest-path cli/Cargo.toml`).
fn cargo_mark(args: &[&str]) -> Option<Mark> {
    let subcommand = args.iter().find(|a| !a.starts_with(['-', '+']))?;
    if !matches!(*subcommand, "test" | "t" | "nextest") {
        return None;
    }
    let package = flag_value(args, &["-p", "--package"]).map(|p| p.to_ascii_lowercase());
    let manifest = flag_value(args, &["--manifest-path"])
        .and_then(|m| m.rsplit_once(['/', '\\']).map(|(dir, _)| dir))
        .and_then(dir_scope);
    let scope = package.or(manifest).filter(|s| is_scope_word(s));
    Some(Mark::Command { strong: scope.is_some(), scope })
}

/// The mark of npm, pnpm, yarn or bun running a test script: the folder or
/// workspace it names (`--prefix web`, `-w web`, `--filter @acme/web`,
/// `yarn workspace web test`), else the part its script names
/// (`npm run test:backend`).
fn package_manager_mark(args: &[&str]) -> Option<Mark> {
    let mut positional = Vec::new();
    let mut skip_next = false;
    for arg in args {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        if *arg == "--" {
            break;
        }
        if arg.starts_with('-') {
            skip_next = !arg.contains('=') && PACKAGE_VALUE_FLAGS.contains(arg);
            continue;
        }
        positional.push(*arg);
    }
    let (workspace, rest) = match positional.as_slice() {
        ["workspace", name, rest @ ..] => (package_scope(name), rest),
        rest => (None, rest),
    };
    let script = match rest {
        ["run" | "run-script", script, ..] => script,
        [script, ..] => script,
        [] => return None,
    };
    let script = script.to_ascii_lowercase();
    let from_script = match script.as_str() {
        "t" | "tst" => None,
        _ => script_scope(&script)?,
    };
    let dir = flag_value(args, &["--prefix", "-C", "--dir", "--cwd"]).and_then(dir_scope);
    let package = flag_value(args, &["-w", "--workspace", "--filter", "-F"]).and_then(|p| {
        if p.contains('/') && !p.starts_with('@') { dir_scope(p) } else { package_scope(p) }
    });
    let scope = dir.or(package).or(workspace).or(from_script);
    Some(Mark::Command { strong: scope.is_some(), scope })
}

/// npm, pnpm and yarn options that take the next token as their value.
const PACKAGE_VALUE_FLAGS: &[&str] =
    &["--prefix", "-C", "--dir", "--cwd", "-w", "--workspace", "--filter", "-F"];

/// Whether a script runs tests, and the part it names: `test` names none,
/// `test:backend` and `e2e` name `backend` and `e2e`; `build` is no test.
fn script_scope(script: &str) -> Option<Option<String>> {
    if !(script.contains("test") || script.contains("e2e") || script.contains("spec")) {
        return None;
    }
    let part = script
        .split([':', '-', '_'])
        .find(|w| !w.is_empty() && !matches!(*w, "test" | "tests" | "run" | "ci" | "all"))
        .map(str::to_string)
        .filter(|w| is_scope_word(w) && !w.contains("test"));
    Some(part)
}

/// The mark of `make` or `just` running a test target: `make -C backend
/// test`, `make test-backend`.
fn make_mark(args: &[&str]) -> Option<Mark> {
    let mut skip_next = false;
    let target = args.iter().find(|arg| {
        if std::mem::take(&mut skip_next) {
            return false;
        }
        skip_next = matches!(**arg, "-C" | "--directory" | "-f" | "--file" | "-I");
        !arg.starts_with('-') && !arg.contains('=')
    })?;
    let from_target = script_scope(&target.to_ascii_lowercase())?;
    let scope = flag_value(args, &["-C", "--directory"]).and_then(dir_scope).or(from_target);
    Some(Mark::Command { strong: scope.is_some(), scope })
}

/// The value of the first of `flags` in `args`, as `--flag value` or
/// `--flag=value`.
fn flag_value<'a>(args: &[&'a str], flags: &[&str]) -> Option<&'a str> {
    args.iter().enumerate().find_map(|(i, arg)| {
        flags.iter().find_map(|flag| {
            if arg == flag {
                args.get(i + 1).copied().filter(|v| !v.starts_with('-'))
            } else {
                arg.strip_prefix(flag).and_then(|v| v.strip_prefix('='))
            }
        })
    })
}

/// The scope a folder names: its last part (`../frontend` is `frontend`);
/// `None` for the top or a variable (`..`, `~`, `/`, `$HOME`).
fn dir_scope(dir: &str) -> Option<String> {
    let last = dir.trim_end_matches(['/', '\\']).rsplit(['/', '\\']).next()?;
    let last = last.to_ascii_lowercase();
    (!last.starts_with(['.', '$', '~', '%']) && is_scope_word(&last)).then_some(last)
}

/// The scope a package name gives: `@acme/web` is `web`.
fn package_scope(name: &str) -> Option<String> {
    let name = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    is_scope_word(&name).then_some(name)
}

/// The one scope the test paths that open a run's progress lines share
/// (`backend/tests/test_api.py ..F`, `✓ frontend/src/cart.test.ts (3 tests)`,
/// `PASS web/src/a.test.js`), or `None` when they name none, or several, or
/// any path names none. Paths elsewhere in a line (a traceback's
/// `tests/x.py:22:`, `FAILED tests/…`) are left out: a failing `-q` run prints
/// them and its clean rerun does not.
fn path_scope(lines: &[&str]) -> Option<String> {
    let mut found: Option<String> = None;
    for line in lines {
        let Some(scope) = line_path(line).and_then(test_path_scope) else { continue };
        match (&found, scope) {
            (_, None) => return None,
            (None, Some(scope)) => found = Some(scope),
            (Some(seen), Some(scope)) if *seen == scope => {}
            (Some(_), Some(_)) => return None,
        }
    }
    found
}

/// The path that opens a progress line, after its marks (`✓`, `×`, `❯`,
/// `PASS`, `ok`, a Playwright index and `[project] ›`).
fn line_path(line: &str) -> Option<&str> {
    // The path is a word of the line: a line without a slash holds none.
    memchr::memchr2(b'/', b'\\', line.as_bytes())?;
    let mut rest = line.trim_start();
    loop {
        let before = rest;
        rest = rest.trim_start_matches(|c: char| "✓✔×✗✘❯↓·".contains(c)).trim_start();
        for word in ["PASS ", "FAIL ", "ok ", "x "] {
            rest = rest.strip_prefix(word).unwrap_or(rest).trim_start();
        }
        rest = rest.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start();
        if let Some((_, after)) = rest.split_once("] ›").filter(|_| rest.starts_with('[')) {
            rest = after.trim_start();
        }
        if rest == before {
            break;
        }
    }
    let token = rest.split(|c: char| c.is_whitespace() || c == '(').next()?;
    token.contains(['/', '\\']).then_some(token)
}

/// Whether a token is a relative path to a test, and if so the scope it
/// names: its project part (`backend` in `backend/tests/test_api.py`), or
/// the folder under the tests folder (`tests/unit`), or none
/// (`tests/test_api.py`, `src/cart.test.ts`).
fn test_path_scope(token: &str) -> Option<Option<String>> {
    let path = token.split("::").next().unwrap_or(token);
    // A traceback's location (`tests/x.py:22:`) is no progress line.
    if path.ends_with(':') {
        return None;
    }
    let path = path.trim_end_matches(|c: char| c.is_ascii_digit() || c == ':');
    let path = path.trim_start_matches("./");
    if path.starts_with(['/', '\\', '~', '.', '$']) || path.contains("://") || path.contains(":\\")
    {
        return None;
    }
    let segments: Vec<&str> = path.split(['/', '\\']).filter(|s| !s.is_empty()).collect();
    let (file, dirs) = segments.split_last()?;
    let file = file.to_ascii_lowercase();
    let test_file = (file.starts_with("test_") && file.ends_with(".py"))
        || file.ends_with("_test.py")
        || file.ends_with("_test.go")
        || file.contains(".test.")
        || file.contains(".spec.");
    let test_dir = dirs.iter().any(|d| TEST_DIRS.contains(&d.to_ascii_lowercase().as_str()));
    if dirs.is_empty() || !(test_file || test_dir) {
        return None;
    }
    let first = dirs[0].to_ascii_lowercase();
    if TEST_DIRS.contains(&first.as_str()) {
        let sub = dirs.get(1).map(|d| d.to_ascii_lowercase()).filter(|d| is_scope_word(d));
        return Some(sub.map(|sub| format!("{first}/{sub}")));
    }
    Some(part_of(dirs))
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
    fn chained_commands_are_cut_as_split_cuts_them() {
        let bodies = [
            "",
            "cd web",
            "cd web && npm test",
            "a;b|c&d",
            ";;",
            "x |",
            "| x",
            "é && ü; 日本 | ok",
            "cd web&&npm test||true;",
        ];
        for body in bodies {
            let by_split: Vec<&str> = body.split(['&', ';', '|']).collect();
            assert_eq!(chained_commands(body).collect::<Vec<_>>(), by_split, "{body:?}");
        }
    }

    /// A group and a header open with the characters `marks_of` looks for
    /// before it tries their patterns, whatever blanks come first.
    #[test]
    fn groups_and_headers_open_with_the_characters_looked_for() {
        let blanks = ["", "  ", "\t", "\u{a0}", "\u{3000}", "\u{2003} "];
        let lines = [
            "##[group]Run cd web && npm test",
            "::group::Backend",
            "== backend ==",
            "--- frontend ---",
            "*** api ***",
            "## Backend tests",
            "#### web",
            "> web@1.0.0 test",
            "$ cd api && pytest",
            "tests/test_auth.py::test_login PASSED",
            "=== RUN   TestCart",
            "-- api --",
        ];
        let texts = [super::super::pytest::tests::FIXTURES, super::super::js::tests::FIXTURES]
            .concat()
            .concat();
        let mut seen = (0, 0);
        for line in texts.lines().chain(lines) {
            for blank in blanks {
                let line = format!("{blank}{line}");
                let first = line.trim_start().chars().next();
                if GROUP.is_match(&line) {
                    seen.0 += 1;
                    assert!(matches!(first, Some('#' | ':')), "{line:?}");
                }
                if header_text(&line).is_some() {
                    seen.1 += 1;
                    assert!(matches!(first, Some('=' | '-' | '*' | '#')), "{line:?}");
                }
            }
        }
        assert!(seen.0 >= 12 && seen.1 >= 30, "{seen:?}");
    }

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

    #[test]
    fn log_spans_keep_line_numbers_of_crlf_text() {
        let log = Log::new("a\r\nbb\r\nccc\nd");
        assert_eq!(log.lines(), ["a", "bb", "ccc", "d"]);
        assert_eq!(log.span(2, 3), "bb\r\nccc\n");
        assert_eq!(log.span(4, 9), "d");
        assert_eq!(log.span(0, 2), "");
        assert_eq!(log.span(3, 2), "");
    }

    #[test]
    fn durations_in_any_unit() {
        assert_eq!(seconds("350", "ms"), Some(0.35));
        assert_eq!(seconds("1.5", "m"), Some(90.0));
        assert_eq!(seconds("3.21", "s"), Some(3.21));
        assert_eq!(seconds("2", "weeks"), None);
        assert_eq!(seconds("1e400", "s"), None);
    }

    /// The scope the only run of `log` on lines `start..=end` gets.
    fn scope(log: &str, start: usize, end: usize) -> Option<String> {
        let log = Log::new(log);
        Scopes::new(&log).scope_of(start, end, 0, &log)
    }

    #[test]
    fn headers_name_scopes_but_log_sections_and_reruns_do_not() {
        for header in [
            "== backend ==",
            "=== Backend tests (pytest) ===",
            "--- backend ---",
            "## Backend",
            "*** backend: pytest ***",
            "##[group]Backend tests",
        ] {
            assert_eq!(
                scope(&format!("{header}\n12 passed in 0.1s\n"), 2, 2).as_deref(),
                Some("backend"),
                "{header}"
            );
        }
        for header in [
            "============================= test session starts ==============================",
            "==================================== FAILURES ====================================",
            "=========================== short test summary info ============================",
            "== rerun after fix ==",
            "== pytest ==",
            "=== RUN   TestParseAmount",
            "--- FAIL: TestParseAmount (0.00s)",
            "---- money::tests::rounds stdout ----",
            "# evidence for T-004 (invoice CRUD) - CI job backend-tests #212",
        ] {
            assert_eq!(scope(&format!("{header}\n12 passed in 0.1s\n"), 2, 2), None, "{header}");
        }
    }

    #[test]
    fn commands_name_scopes() {
        for (command, expected) in [
            ("$ cd frontend && npm test", Some("frontend")),
            ("PS C:\\shop> cd web; npx vitest run", Some("web")),
            ("dev@box:~/shop$ npm --prefix frontend test", Some("frontend")),
            ("$ pnpm --filter @acme/web test", Some("web")),
            ("$ yarn workspace admin test", Some("admin")),
            ("$ npm run test:backend", Some("backend")),
            ("> frontend@1.0.0 test", Some("frontend")),
            ("$ cargo test -p ledger-cli", Some("ledger-cli")),
            ("$ cargo test --manifest-path cli/Cargo.toml", Some("cli")),
            ("$ python -m pytest -v backend", Some("backend")),
            ("$ pytest backend/tests -k login", Some("backend")),
            ("$ pytest tests/test_auth.py::test_login", Some("tests/test_auth.py")),
            ("$ go test ./api/...", Some("api")),
            ("$ make -C backend test", Some("backend")),
            (
                "2026-03-08T10:01:12.0000000Z ##[group]Run cd frontend && npm ci && npm test",
                Some("frontend"),
            ),
            ("$ pytest -q", None),
            ("$ pytest tests/", None),
            ("$ go test ./...", None),
            ("$ cargo test --workspace", None),
            ("> frontend@1.0.0 build", None),
            ("$ npm ci", None),
        ] {
            assert_eq!(
                scope(&format!("{command}\n12 passed in 0.1s\n"), 2, 2).as_deref(),
                expected,
                "{command}"
            );
        }
    }

    #[test]
    fn a_command_is_read_whatever_word_leads_to_its_tool() {
        // Each first word the gate lets through, and one it turns away.
        for (command, marks) in [
            ("cd api", 1),
            ("time pytest backend", 1),
            ("CI=1 npx vitest run web", 1),
            ("poetry run pytest api", 1),
            ("pnpm exec vitest run web", 1),
            ("python3 -m pytest api", 1),
            ("py -m pytest api", 1),
            ("./node_modules/.bin/JEST web", 1),
            ("C:\\tools\\Cargo.exe test -p core", 1),
            ("(cd web && npm test)", 2),
            ("test_login PASSED", 0),
            ("tests/test_api.py::test_create PASSED", 0),
            ("--- PASS: TestSpec (0.00s)", 0),
        ] {
            assert_eq!(command_marks(command).len(), marks, "{command}");
        }
    }

    #[test]
    fn a_command_without_a_scope_keeps_the_section_and_cd_dot_dot_ends_it() {
        let log = "== backend ==\n$ pytest\n1 passed in 0.1s\n";
        assert_eq!(scope(log, 2, 3).as_deref(), Some("backend"));
        let log = "$ cd backend\n$ pytest\n1 passed in 0.1s\n$ cd ..\n$ pytest\n1 passed in 0.1s\n";
        let log = Log::new(log);
        let scopes = Scopes::new(&log);
        assert_eq!(scopes.scope_of(2, 3, 0, &log).as_deref(), Some("backend"));
        assert_eq!(scopes.scope_of(5, 6, 3, &log), None);
    }

    #[test]
    fn test_paths_in_the_run_name_the_part_they_share() {
        let run = "backend/tests/test_api.py::test_health PASSED\nbackend/tests/test_api.py::test_login FAILED\nbackend/app/auth.py:12: in login\n";
        assert_eq!(scope(run, 1, 3).as_deref(), Some("backend"));
        let vitest = " ✓ packages/web/src/cart.test.ts (3 tests) 4ms\n";
        assert_eq!(scope(vitest, 1, 1).as_deref(), Some("web"));
        let mixed = " ✓ web/src/a.test.ts (1 test)\n ✓ admin/src/b.test.ts (1 test)\n";
        assert_eq!(scope(mixed, 1, 2), None);
        let plain = "tests/test_api.py::test_health PASSED\n/home/ci/app/tests/test_x.py:3\nsrc/a.test.ts\n";
        assert_eq!(scope(plain, 1, 3), None);
    }

    #[test]
    fn only_paths_that_open_progress_lines_count() {
        let unit = "tests/unit/test_money.py ....F\ntests/unit/test_tax.py ...\n";
        assert_eq!(scope(unit, 1, 2).as_deref(), Some("tests/unit"));
        let everything = "tests/test_app.py ..\ntests/unit/test_money.py ....\n";
        assert_eq!(scope(everything, 1, 2), None);
        let failing_quiet = "....F\nbackend/tests/test_x.py:22: AssertionError\nFAILED backend/tests/test_x.py::test_y - assert 1 == 2\n";
        assert_eq!(scope(failing_quiet, 1, 3), None);
        let playwright = "  ✓  1 [chromium] › apps/web/e2e/home.spec.ts:4:7 › renders (900ms)\n";
        assert_eq!(scope(playwright, 1, 1).as_deref(), Some("web"));
        let jest = "PASS admin/src/a.test.js\nFAIL admin/src/b.test.js\n";
        assert_eq!(scope(jest, 1, 2).as_deref(), Some("admin"));
    }
}
