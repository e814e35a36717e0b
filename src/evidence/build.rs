//! Build logs: vite, webpack (and Create React App), Next.js, and cargo
//! build or check.
//!
//! Each build is a run of its tool's suite (`vite`, `webpack`, `next`,
//! `cargo`), from its header (`vite v5.1.4 building for production...`,
//! `Compiling x v0.1.0`) to its verdict, and the last verdict of a suite
//! decides, as `settle` reads runs. Passing verdicts: vite's `✓ built in
//! 2.31s`, webpack's `compiled successfully` or `compiled with 3 warnings`,
//! CRA's `Compiled successfully.`, Next.js's route table or `Finalizing page
//! optimization`, cargo's `Finished `release` profile`. Failing ones: vite's
//! `error during build:` and `Build failed in`, webpack's `compiled with 2
//! errors` and `ERROR in`, `Failed to compile.`, Next.js's `Build error
//! occurred` and `Type error:`, cargo's `error: could not compile` and its
//! `error[E0308]` diagnostics (counted as problems). Warnings never fail a
//! build; they are noted. A build that started but printed no verdict is
//! unknown with a note. A failing command after the last verdict (`npm ERR!`,
//! `exit code 1`, `##[error]`) fails the log: the build step as a whole did
//! not pass. So does a linter's or type checker's failure in the same log
//! (`npm run build && npm run lint`): its runs are added to the build's.
//!
//! Two guards keep these readers, and the linters', off other logs. A log
//! that shows a test run (`running 3 tests`, `Running unittests`, `Tests:`,
//! `collected 12 items`, `$ cargo test`) is a test log, even one that begins
//! with a build line, and is left to the test readers, or to nobody. A log
//! that names a deploy is a deploy job's, left to the deploy readers.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::lines::count;
use super::{Outcome, Reading, deploy, lint};
use crate::model::{EvidenceFormat, EvidenceKind, Run};
use crate::text::Prefixed;
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// A line only a test run prints: cargo's and nextest's, pytest's, go's,
/// jest's, vitest's, mocha's, Playwright's; or the command that runs tests.
static TEST_RUN: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^\s*running \d+ tests?\s*$|^test result: |^\s*Running (?:unittests |tests/|benches/|src/|`)",
        r"|^\s*Doc-tests \S|Finished `(?:test|bench)` profile|Finished (?:test|bench) \[",
        r"|could not compile `[^`]+` \([^)]*(?-u:\b)(?:test|bench|example)(?-u:\b)",
        r"|^\s*(?:\$ |> )?cargo (?:test|nextest|bench)(?-u:\b)|^\s*Starting \d+ tests? across",
        r"|^\s*Summary \[|^\s*Test Files\s|^\s*Tests:?\s+\d+ (?:passed|failed)|^\s*Test Suites: ",
        r"|^=+ .*(?-u:\b)(?:passed|failed|errors?|no tests ran)(?-u:\b).* in [\d.]+s",
        r"|^collected \d+ items?|^=== RUN\s|^--- (?:PASS|FAIL):|^\s*\d+ (?:passing|failing)(?-u:\b)",
        r"|^\s*(?:PASS|FAIL)\s+\S+\.(?:js|ts|tsx|jsx|mjs|cjs)(?-u:\b)",
        r"|Running \d+ tests? using \d+ workers?|^\s*RUN\s+v\d",
    ))
    .expect("valid regex")
});

/// A command that failed: a non-zero exit code, npm's, pnpm's or yarn's
/// error, GitHub's `##[error]`, make's `***`.
static COMMAND_FAILED: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)exit(?:ed)?(?: with)?(?: code| status)?\s*:?\s*[1-9]\d*(?-u:\b)",
        r"|^npm ERR!|^npm error |ERR_PNPM_|^error Command failed with exit code|##\[error\]",
        r"|^make(?:\[\d+\])?: \*\*\*|(?-u:\b)ELIFECYCLE(?-u:\b)",
    ))
    .expect("valid regex")
});

/// Whether a line is a failing command's (`npm ERR!`, `exit code 1`).
pub(super) fn command_failed(line: &str) -> bool {
    COMMAND_FAILED.is_match(line)
}

/// A count and its noun: `1 error`, `3 errors`.
pub(super) fn counted(n: u64, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// Whether the text shows a test run. Build and lint readers leave such a
/// log alone.
pub(super) fn runs_tests(text: &str) -> bool {
    crate::text::lines(text).any(|line| TEST_RUN.is_match(line))
}

/// Whether a build or lint reader should leave the text alone: it is a
/// test log or a deploy log.
pub(super) fn not_ours(text: &str) -> bool {
    runs_tests(text) || deploy::names_deploy(text)
}

/// Runs of one suite as its lines are met: a header opens a run, a verdict
/// closes it, and a run left open at the end is unfinished.
pub(super) struct Runs {
    /// The suite's name.
    suite: &'static str,
    /// The runs closed so far.
    runs: Vec<Run>,
    /// The 1-based line of the open run's header.
    open: Option<usize>,
    /// 1-based lines that record failures.
    failure_lines: Vec<usize>,
}

impl Runs {
    /// No runs of `suite` yet.
    pub(super) fn new(suite: &'static str) -> Runs {
        Runs { suite, runs: Vec::new(), open: None, failure_lines: Vec::new() }
    }

    /// The suite's name.
    pub(super) fn suite(&self) -> &'static str {
        self.suite
    }

    /// A header at `line`: a run starts, unless one is already open.
    pub(super) fn start(&mut self, line: usize) {
        self.open.get_or_insert(line);
    }

    /// A verdict at `line`. A failure that follows a failure with no header
    /// between them (`Build failed in 312ms`, then `error during build:`) is
    /// the same run's.
    pub(super) fn verdict(&mut self, line: usize, outcome: Outcome, problems: Option<u64>) {
        if outcome == Outcome::Fail {
            self.failure_lines.push(line);
        }
        if self.open.is_none()
            && outcome == Outcome::Fail
            && let Some(last) = self.runs.last_mut()
            && last.outcome == Outcome::Fail
        {
            last.end_line = line;
            last.problems = match (last.problems, problems) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            return;
        }
        let start = self.open.take().filter(|&start| start <= line).unwrap_or(line);
        self.runs.push(Run {
            problems,
            start_line: start,
            end_line: line,
            ..Run::new(self.suite, outcome, line)
        });
    }

    /// A note on the run just closed.
    pub(super) fn note(&mut self, note: String) {
        if let Some(last) = self.runs.last_mut() {
            last.note = Some(note);
        }
    }

    /// A failure line that is not a verdict (`error[E0308]`, `ERROR in`).
    pub(super) fn failure(&mut self, line: usize) {
        self.failure_lines.push(line);
    }

    /// Whether any run closed.
    pub(super) fn decided(&self) -> bool {
        !self.runs.is_empty()
    }

    /// The runs, an open one last as unfinished with `note`, and the
    /// failure lines.
    pub(super) fn finish(mut self, last_line: usize, note: &str) -> (Vec<Run>, Vec<usize>) {
        if let Some(start) = self.open.take() {
            let mut run = Run::new(self.suite, Outcome::Unknown, last_line.max(start));
            run.start_line = start;
            run.complete = false;
            run.note = Some(note.to_string());
            self.runs.push(run);
        }
        (self.runs, self.failure_lines)
    }
}

/// The reading of a build or lint log's runs, oldest first: a failing
/// command after the last verdict adds a failed run of suite `command`.
/// The note is that of the first run that agrees with the outcome (a tool's
/// own, before the command's). `None` when there are no runs.
pub(super) fn reading(
    text: &str,
    format: EvidenceFormat,
    kind: EvidenceKind,
    mut runs: Vec<Run>,
    mut failure_lines: Vec<usize>,
) -> Option<Reading> {
    runs.sort_by_key(|run| run.start_line);
    let last = runs.iter().map(|run| run.end_line).max()?;
    let failed_after: Vec<usize> = text
        .lines()
        .enumerate()
        .skip(last)
        .filter(|(_, line)| COMMAND_FAILED.is_match(line))
        .map(|(i, _)| i + 1)
        .collect();
    if let (Some(&first), Some(&end)) = (failed_after.first(), failed_after.last()) {
        let mut run = Run::new("command", Outcome::Fail, end);
        run.start_line = first;
        run.note = Some(format!("the command failed at line {first}, after the last verdict"));
        runs.push(run);
        failure_lines.extend(failed_after);
    }
    let mut reading = Reading::of_runs(format, kind, runs);
    let deciding = super::final_runs(&reading.runs)
        .into_iter()
        .find(|run| run.outcome == reading.outcome && run.note.is_some())
        .and_then(|run| run.note.clone());
    reading.note = deciding;
    failure_lines.sort_unstable();
    failure_lines.dedup();
    reading.failure_lines = failure_lines;
    Some(reading)
}

/// vite's header: `vite v5.1.4 building for production...`.
static VITE_HEADER: Prefixed =
    Prefixed::after_blanks("vite v", r"^\s*vite v\d+\.\d+\.\d+\S* building(?-u:\b)");

/// vite's success: `✓ built in 2.31s`.
static VITE_BUILT: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*(?:[✓√✔]\s*)?built in [\d.]+\s*m?s\.?\s*$").expect("valid regex")
});

/// vite's failure: `error during build:`, `x Build failed in 312ms`.
static VITE_FAILED: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*error during build:|^\s*(?:[✗×x]\s+)?Build failed in [\d.]+\s*m?s")
        .expect("valid regex")
});

/// An error vite or its bundlers report: `[vite:esbuild] Transform failed
/// with 1 error:`, `RollupError:`, esbuild's `src/a.ts:3:14: ERROR:`.
static VITE_ERROR: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^\s*\[vite(?::[\w-]+)?\]:? .*(?:failed|error)|^\s*RollupError:",
        r"|^\S+:\d+:\d+: ERROR: ",
    ))
    .expect("valid regex")
});

/// The error count vite repeats: `Transform failed with 2 errors:`.
static FAILED_WITH: WordRegex =
    WordRegex::new(|| Regex::new(r"failed with (\d+) errors?").expect("valid regex"));

/// webpack's closing line: `webpack 5.90.3 compiled successfully in 1234 ms`,
/// `webpack 5.90.3 compiled with 1 error and 2 warnings in 980 ms`.
static WEBPACK_DONE: Prefixed = Prefixed::after_blanks(
    "webpack",
    concat!(
        r"^\s*webpack(?: \d+\.\d+\.\d+\S*)? compiled (successfully|with (.+?))",
        r"(?: in [\d.,]+ ?m?s)?\s*$",
    ),
);

/// Create React App's verdicts: `Compiled successfully.`, `Compiled with
/// warnings.`, `Failed to compile.` (also Next.js's failure).
static CRA_DONE: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(Compiled successfully|Compiled with warnings|Failed to compile)[.!]?\s*$")
        .expect("valid regex")
});

/// What starts a webpack build: CRA's `Creating an optimized production
/// build...`, or the command.
static WEBPACK_HEADER: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^Creating an optimized production build",
        r"|^\s*(?:\$ |> )(?:npx )?(?:webpack|react-scripts build|craco build)(?-u:\b)",
    ))
    .expect("valid regex")
});

/// webpack's error and warning counts in `with 1 error and 2 warnings`.
static COUNTS: WordRegex =
    WordRegex::new(|| Regex::new(r"(\d+) (error|warning)s?").expect("valid regex"));

/// Next.js's header, or the command.
static NEXT_HEADER: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*▲ Next\.js \d|^\s*(?:\$ |> )(?:npx )?next build(?-u:\b)").expect("valid regex")
});

/// Next.js's success: the route table, printed once every page is built,
/// or the last step before it.
static NEXT_PASS: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^\s*(?:✓|info\s+-)\s*Finalizing page optimization",
        r"|^\s*Route \((?:app|pages)\)\s+Size|^Page\s+Size\s+First Load JS",
    ))
    .expect("valid regex")
});

/// Next.js's failures.
static NEXT_FAIL: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"Failed to compile\.?\s*$|^\s*> Build failed because of webpack errors",
        r"|^\s*> Build error occurred|^Type error: |^\s*Error occurred prerendering page",
        r"|^\s*> Export encountered errors|Next\.js build worker exited with code: [1-9]",
        r"|^\s*⨯ ",
    ))
    .expect("valid regex")
});

/// Reads a vite, webpack or Next.js build log, or `None` when the text is
/// none of these (or is a test or deploy log).
pub(super) fn read(text: &str) -> Option<Reading> {
    let lines: Vec<&str> = crate::text::lines(text).collect();
    let next = lines.iter().any(|line| NEXT_HEADER.is_match(line));
    let tools = [vite(&lines), if next { next_js(&lines) } else { webpack(&lines) }];
    let (mut runs, mut failure_lines) = (Vec::new(), Vec::new());
    for (tool_runs, tool_lines) in tools {
        runs.extend(tool_runs);
        failure_lines.extend(tool_lines);
    }
    if runs.is_empty() || not_ours(text) {
        return None;
    }
    let (lint_runs, lint_lines) = lint::runs(&lines);
    runs.extend(lint_runs.into_iter().filter(|run| run.complete));
    failure_lines.extend(lint_lines);
    reading(text, EvidenceFormat::Build, EvidenceKind::Build, runs, failure_lines)
}

/// vite's builds.
fn vite(lines: &[&str]) -> (Vec<Run>, Vec<usize>) {
    let mut runs = Runs::new("vite");
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        if VITE_HEADER.is_match(line) {
            runs.start(n);
        } else if VITE_BUILT.is_match(line) {
            runs.verdict(n, Outcome::Pass, None);
        } else if VITE_FAILED.is_match(line) {
            runs.verdict(n, Outcome::Fail, None);
        } else if VITE_ERROR.is_match(line) {
            let problems = captures(&FAILED_WITH, line).map(|caps| count(&caps[1]));
            if runs.decided() || problems.is_some() {
                runs.verdict(n, Outcome::Fail, problems);
            } else {
                runs.failure(n);
            }
        }
    }
    runs.finish(lines.len(), "vite build started, no result recorded")
}

/// webpack's and Create React App's builds.
fn webpack(lines: &[&str]) -> (Vec<Run>, Vec<usize>) {
    let mut runs = Runs::new("webpack");
    let mut errors_in = 0;
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        if let Some(caps) = WEBPACK_DONE.captures(line) {
            let (mut errors, mut warnings) = (0, 0);
            for pair in COUNTS.captures_iter(caps.get(2).map_or("", |m| m.as_str())) {
                match &pair[2] {
                    // Counts saturate: `count` reads a huge one as u64::MAX.
                    "error" => errors = count(&pair[1]).saturating_add(errors),
                    _ => warnings = count(&pair[1]).saturating_add(warnings),
                }
            }
            let outcome = if errors > 0 { Outcome::Fail } else { Outcome::Pass };
            runs.verdict(n, outcome, Some(errors));
            if errors > 0 || warnings > 0 {
                runs.note(format!(
                    "{}, {}",
                    counted(errors, "error"),
                    counted(warnings, "warning")
                ));
            }
            errors_in = 0;
        } else if let Some(caps) = captures(&CRA_DONE, line) {
            let failed = &caps[1] == "Failed to compile";
            let outcome = if failed { Outcome::Fail } else { Outcome::Pass };
            runs.verdict(n, outcome, None);
            if &caps[1] == "Compiled with warnings" {
                runs.note("compiled with warnings".to_string());
            }
        } else if line.starts_with("ERROR in ") {
            runs.failure(n);
            errors_in += 1;
        } else if WEBPACK_HEADER.is_match(line) {
            runs.start(n);
        }
    }
    // webpack 4 prints its `ERROR in` blocks and no closing line.
    if errors_in > 0 {
        let last = lines.iter().rposition(|line| line.starts_with("ERROR in ")).unwrap_or(0) + 1;
        runs.verdict(last, Outcome::Fail, Some(errors_in));
    }
    runs.finish(lines.len(), "webpack build started, no result recorded")
}

/// Next.js's builds.
fn next_js(lines: &[&str]) -> (Vec<Run>, Vec<usize>) {
    let mut runs = Runs::new("next");
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        if NEXT_HEADER.is_match(line) {
            runs.start(n);
        } else if NEXT_PASS.is_match(line) {
            // The route table follows `Finalizing page optimization`: one run.
            if runs.open.is_some() || runs.runs.last().is_none_or(|r| r.outcome != Outcome::Pass) {
                runs.verdict(n, Outcome::Pass, None);
            }
        } else if NEXT_FAIL.is_match(line) {
            runs.verdict(n, Outcome::Fail, None);
        }
    }
    runs.finish(lines.len(), "next build started, no result recorded")
}

/// A word of each line [`read_cargo`] takes for cargo's: [`CARGO_HEADER`],
/// [`CARGO_FINISHED`], [`CARGO_FAILED`] and `error[E…]`.
static CARGO_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new([
        "Compiling ",
        "Checking ",
        "Finished ",
        "error: could not compile `",
        "error[E",
    ])
    .expect("cargo words build a searcher")
});

/// cargo's header lines: `Compiling x v0.1.0 (…)`, `Checking x v0.1.0`.
static CARGO_HEADER: WordRegex =
    WordRegex::new(|| Regex::new(r"^\s*(?:Compiling|Checking) \S+ v\d").expect("valid regex"));

/// cargo's success: `Finished `release` profile [optimized] target(s) in
/// 1m 02s`, older `Finished dev [unoptimized + debuginfo] target(s) in 3.2s`.
static CARGO_FINISHED: Prefixed = Prefixed::after_blanks(
    "Finished ",
    r"^\s*Finished (?:`[\w-]+` profile|[\w-]+) \[[^\]]*\] target\(s\) in ",
);

/// cargo's failure: `error: could not compile `x` (bin "x") due to 2
/// previous errors; 1 warning emitted`.
static CARGO_FAILED: Prefixed = Prefixed::new(
    "error: could not compile `",
    r"^error: could not compile `[^`]+`(?:.*?due to (\d+)(?: previous)? errors?)?",
);

/// A rustc or cargo error: `error[E0308]: mismatched types`, `error: failed
/// to run custom build command for `openssl-sys v0.9.102``.
pub(super) static CARGO_ERROR: Prefixed = Prefixed::new("error", r"^error(?:\[E\d{4}\])?: ");

/// A crate's warning count: `warning: `x` (lib) generated 3 warnings`.
static CARGO_WARNINGS: Prefixed =
    Prefixed::new("warning: `", r"^warning: `[^`]+` .*generated (\d+) warnings?");

/// A cargo build's runs of `suite` (`cargo`, or `clippy`), with their
/// problems (errors) and warnings noted.
pub(super) fn cargo_runs(lines: &[&str], suite: &'static str) -> (Vec<Run>, Vec<usize>) {
    let mut runs = Runs::new(suite);
    let (mut errors, mut warnings) = (0u64, 0u64);
    let mut last_error = None;
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        if CARGO_HEADER.is_match(line) {
            runs.start(n);
        } else if CARGO_FINISHED.is_match(line) {
            runs.verdict(n, Outcome::Pass, Some(0));
            if warnings > 0 {
                runs.note(counted(warnings, "warning"));
            }
            (errors, warnings, last_error) = (0, 0, None);
        } else if let Some(caps) = CARGO_FAILED.captures(line) {
            let stated = caps.get(1).map(|m| count(m.as_str()));
            runs.verdict(n, Outcome::Fail, Some(stated.unwrap_or(errors).max(1)));
            (errors, warnings, last_error) = (0, 0, None);
        } else if CARGO_ERROR.is_match(line) && !line.starts_with("error: aborting due to") {
            runs.failure(n);
            errors += 1;
            last_error = Some(n);
        } else if let Some(caps) = CARGO_WARNINGS.captures(line) {
            warnings = count(&caps[1]).saturating_add(warnings);
        }
    }
    // An error cargo ends on without `could not compile` (a failed build
    // script, a dependency that would not resolve) fails the build too.
    if let Some(line) = last_error {
        runs.verdict(line, Outcome::Fail, Some(errors));
    }
    runs.finish(lines.len(), "cut off before `Finished`")
}

/// Reads a `cargo build` or `cargo check` log, or `None` when the text is
/// not one. It comes before cargo's test reader, which takes any compile
/// error for a failed test run; a log that shows tests, or the `cargo test`
/// command, is left to that reader.
pub(super) fn read_cargo(text: &str) -> Option<Reading> {
    // Every line the test below looks for holds one of these: most logs,
    // holding none, are turned away in one search.
    if !CARGO_WORDS.is_match(text) {
        return None;
    }
    let lines: Vec<&str> = crate::text::lines(text).collect();
    // A lone `error:` line is any tool's (bun's assertion, a shell's): a
    // cargo log says `Compiling`, `Finished`, `could not compile` or `error[E…]`.
    if !lines.iter().any(|l| says_cargo(l)) {
        return None;
    }
    let (runs, failure_lines) = cargo_runs(&lines, "cargo");
    if runs.is_empty() || not_ours(text) {
        return None;
    }
    reading(text, EvidenceFormat::Build, EvidenceKind::Build, runs, failure_lines)
}

/// Whether a line is one only cargo writes: a crate compiled or checked,
/// the build finished, a crate that could not compile, `error[E…]`.
fn says_cargo(line: &str) -> bool {
    CARGO_HEADER.is_match(line)
        || CARGO_FINISHED.is_match(line)
        || CARGO_FAILED.is_match(line)
        || line.trim_start().starts_with("error[E")
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The one search that turns a log away before its lines are read
    /// finds a word in every line that [`says_cargo`].
    #[test]
    fn the_words_turn_away_no_line_cargo_writes() {
        let cargo = [
            "   Compiling attestor v0.1.0 (/work)",
            "Compiling serde v1.0.200",
            "\tChecking app v2.0.0",
            "    Finished `release` profile [optimized] target(s) in 1m 02s",
            "    Finished dev [unoptimized + debuginfo] target(s) in 3.2s",
            "Finished `test` profile [unoptimized] target(s) in 0.4s",
            "error: could not compile `app` (lib) due to 2 previous errors",
            "error: could not compile `app`",
            "error[E0308]: mismatched types",
            "   error[E0425]: cannot find value",
        ];
        for line in cargo {
            assert!(says_cargo(line), "{line:?}");
            assert!(CARGO_WORDS.is_match(line), "{line:?}");
        }
        let other =
            ["error: expected 2, got 3", "Compiling…", "finished in 3s", "compiling app v1"];
        for line in other {
            assert!(!says_cargo(line), "{line:?}");
        }
    }

    // See: issue 9. Counts too large for u64 read as the largest there is;
    // adding two of them, or one per line, overflowed.
    #[test]
    fn huge_error_and_warning_counts_do_not_overflow() {
        let huge = "18446744073709551615";
        let webpack =
            format!("webpack 5.90.0 compiled with {huge} errors and {huge} errors in 12 ms\n");
        let reading = read(&webpack).expect("a webpack build");
        assert_eq!((reading.outcome, reading.runs[0].problems), (Outcome::Fail, Some(u64::MAX)));
        let line = format!("warning: `app` (lib) generated {huge} warnings\n");
        let cargo = format!(
            "   Compiling app v0.1.0\n{line}{line}    Finished `dev` profile [unoptimized + debuginfo] target(s) in 1.02s\n"
        );
        let reading = read_cargo(&cargo).expect("a cargo build");
        assert_eq!(reading.outcome, Outcome::Pass);
    }

    /// `npm run build` with vite, on Windows.
    pub(crate) const VITE_PASS: &str = "PS C:\\work\\tidewater\\web> npm run build\r
\r
> tidewater-web@0.9.0 build\r
> vite build\r
\r
vite v5.1.4 building for production...\r
transforming...\r
✓ 1432 modules transformed.\r
rendering chunks...\r
computing gzip size...\r
dist/index.html                   0.46 kB │ gzip:  0.30 kB\r
dist/assets/index-4f2a9c1b.css   12.31 kB │ gzip:  3.02 kB\r
dist/assets/index-9b4e21f0.js   187.45 kB │ gzip: 61.20 kB\r
✓ built in 2.31s\r
";

    /// A vite build that stopped on a syntax error.
    pub(crate) const VITE_FAIL: &str = "> tidewater-web@0.9.0 build
> vite build

vite v5.1.4 building for production...
transforming...
✓ 12 modules transformed.
x Build failed in 312ms
error during build:
[vite:esbuild] Transform failed with 1 error:
/home/ci/web/src/main.ts:3:14: ERROR: Expected \";\" but found \"x\"
    at failureErrorWithLog (/home/ci/web/node_modules/esbuild/lib/main.js:1650:15)
";

    /// webpack 5 with warnings only.
    pub(crate) const WEBPACK_WARNINGS: &str = "asset main.4f2a9c1b.js 312 KiB [emitted] [immutable] [minimized] [big] (name: main)
WARNING in asset size limit: The following asset(s) exceed the recommended size limit (244 KiB).
WARNING in entrypoint size limit: The following entrypoint(s) combined asset size exceeds the recommended limit (244 KiB).
WARNING in webpack performance recommendations:
webpack 5.90.3 compiled with 3 warnings in 4127 ms
";

    /// webpack 5 that could not resolve a module.
    pub(crate) const WEBPACK_ERRORS: &str = "asset main.js 1.2 MiB [emitted] (name: main)
ERROR in ./src/index.js 3:0-28
Module not found: Error: Can't resolve './api/client' in '/home/ci/web/src'
ERROR in ./src/app.ts 12:4
TS2322: Type 'string' is not assignable to type 'number'.
webpack 5.90.3 compiled with 2 errors in 1840 ms
";

    /// `cargo build --release` that finished with a warning.
    pub(crate) const CARGO_RELEASE: &str = "$ cargo build --release
   Compiling proc-macro2 v1.0.86
   Compiling ledger-core v0.3.1 (/home/ci/ledger/crates/core)
warning: unused variable: `rate`
  --> crates/core/src/money.rs:41:9
   |
41 |     let rate = 3;
   |         ^^^^ help: if this is intentional, prefix it with an underscore: `_rate`
warning: `ledger-core` (lib) generated 1 warning
   Compiling ledger-cli v0.3.1 (/home/ci/ledger/crates/cli)
    Finished `release` profile [optimized] target(s) in 1m 02s
";

    /// `cargo build` that failed on type errors.
    pub(crate) const CARGO_ERRORS: &str =
        "   Compiling ledger-cli v0.3.1 (/home/ci/ledger/crates/cli)
error[E0308]: mismatched types
  --> crates/cli/src/main.rs:12:18
   |
12 |     let total: u64 = parse(&args);
   |                ---   ^^^^^^^^^^^^ expected `u64`, found `Result<u64, Error>`
error[E0425]: cannot find value `rate` in this scope
  --> crates/cli/src/export.rs:30:5
Some errors have detailed explanations: E0308, E0425.
error: could not compile `ledger-cli` (bin \"ledger\") due to 2 previous errors
";

    /// A Next.js build whose type check failed.
    pub(crate) const NEXT_FAIL_LOG: &str = "> next build

   ▲ Next.js 14.1.0

   Creating an optimized production build ...
 ✓ Compiled successfully
   Linting and checking validity of types  ..Failed to compile.

./src/app/page.tsx:12:5
Type error: Type 'string' is not assignable to type 'number'.

Next.js build worker exited with code: 1 and signal: null
";

    /// A Next.js build that finished.
    pub(crate) const NEXT_PASS_LOG: &str = "   ▲ Next.js 14.1.0

   Creating an optimized production build ...
 ✓ Compiled successfully
 ✓ Linting and checking validity of types
 ✓ Collecting page data
 ✓ Generating static pages (5/5)
 ✓ Finalizing page optimization

Route (app)                              Size     First Load JS
┌ ○ /                                    5.2 kB         89.3 kB
└ ○ /_not-found                          885 B          85.1 kB
";

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] = &[
        VITE_PASS,
        VITE_FAIL,
        WEBPACK_WARNINGS,
        WEBPACK_ERRORS,
        CARGO_RELEASE,
        CARGO_ERRORS,
        NEXT_FAIL_LOG,
        NEXT_PASS_LOG,
    ];

    /// The problems of a reading's deciding run.
    fn problems(reading: &Reading) -> Option<u64> {
        super::super::final_runs(&reading.runs).last().and_then(|run| run.problems)
    }

    #[test]
    fn vite_passes_on_built_in_and_fails_on_error_during_build() {
        let reading = read(VITE_PASS).unwrap();
        assert_eq!((reading.format.as_str(), reading.kind.as_str()), ("build", "build"));
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!((reading.runs[0].start_line, reading.runs[0].end_line), (6, 14));
        let reading = read(VITE_FAIL).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.failure_lines, vec![7, 8, 9, 10]);
        assert_eq!(reading.runs.len(), 1);
        assert_eq!(problems(&reading), Some(1));
    }

    #[test]
    fn webpack_warnings_pass_and_errors_fail() {
        let reading = read(WEBPACK_WARNINGS).unwrap();
        assert_eq!(reading.outcome, Outcome::Pass);
        assert_eq!(reading.note.as_deref(), Some("0 errors, 3 warnings"));
        let reading = read(WEBPACK_ERRORS).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.failure_lines, vec![2, 4, 6]);
        assert_eq!(problems(&reading), Some(2));
        let ok = read("webpack 5.90.3 compiled successfully in 1234 ms\n").unwrap();
        assert_eq!(ok.outcome, Outcome::Pass);
    }

    #[test]
    fn create_react_app_verdicts() {
        let log = "Creating an optimized production build...\nCompiled successfully.\n\nFile sizes after gzip:\n";
        assert_eq!(read(log).unwrap().outcome, Outcome::Pass);
        let log = "Creating an optimized production build...\nFailed to compile.\n\n./src/App.js\nModule not found\n";
        assert_eq!(read(log).unwrap().outcome, Outcome::Fail);
        let log = "Creating an optimized production build...\nCompiled with warnings.\n";
        assert_eq!(read(log).unwrap().outcome, Outcome::Pass);
        let cut = read("Creating an optimized production build...\n").unwrap();
        assert_eq!(
            (cut.outcome, cut.note.as_deref()),
            (Outcome::Unknown, Some("webpack build started, no result recorded"))
        );
    }

    #[test]
    fn next_build_passes_only_when_every_page_is_built() {
        let reading = read(NEXT_PASS_LOG).unwrap();
        assert_eq!((reading.outcome, reading.runs.len()), (Outcome::Pass, 1));
        let reading = read(NEXT_FAIL_LOG).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.failure_lines, vec![7, 10, 12]);
        let compiled_only = NEXT_PASS_LOG.split(" ✓ Linting").next().unwrap();
        assert_eq!(read(compiled_only).unwrap().outcome, Outcome::Unknown);
    }

    #[test]
    fn cargo_build_finishes_or_counts_its_errors() {
        let reading = read_cargo(CARGO_RELEASE).unwrap();
        assert_eq!((reading.format.as_str(), reading.outcome), ("build", Outcome::Pass));
        assert_eq!(reading.note.as_deref(), Some("1 warning"));
        assert_eq!(problems(&reading), Some(0));
        let reading = read_cargo(CARGO_ERRORS).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.failure_lines, vec![2, 7, 10]);
        assert_eq!(problems(&reading), Some(2));
        let script = "   Compiling openssl-sys v0.9.102\nerror: failed to run custom build command for `openssl-sys v0.9.102`\n";
        assert_eq!(read_cargo(script).unwrap().outcome, Outcome::Fail);
        let cut = read_cargo("   Compiling ledger-core v0.3.1\n").unwrap();
        assert_eq!(
            (cut.outcome, cut.note.as_deref()),
            (Outcome::Unknown, Some("cut off before `Finished`"))
        );
    }

    #[test]
    fn a_failing_command_after_the_build_fails_the_log() {
        let log = format!("{VITE_PASS}\nnpm ERR! code ELIFECYCLE\nnpm ERR! errno 1\n");
        let reading = read(&log).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(
            reading.note.as_deref(),
            Some("the command failed at line 16, after the last verdict")
        );
        assert_eq!(reading.failure_lines, vec![16, 17]);
    }

    #[test]
    fn a_failing_linter_in_a_build_log_fails_it() {
        let log = format!(
            "{VITE_PASS}\n> eslint .\n\n/w/src/a.ts\n  1:1  error  x  no-undef\n\n✖ 1 problem (1 error, 0 warnings)\n"
        );
        let reading = read(&log).unwrap();
        assert_eq!((reading.format.as_str(), reading.outcome), ("build", Outcome::Fail));
        assert_eq!(reading.note.as_deref(), Some("1 error, 0 warnings"));
        assert_eq!(reading.failure_lines, vec![19, 21]);
    }

    #[test]
    fn test_and_deploy_logs_are_not_builds() {
        let bin_test = "   Compiling ledger v0.3.1\nerror[E0308]: mismatched types\nerror: could not compile `ledger` (bin \"ledger\" test) due to 1 previous error\n";
        assert_eq!(read_cargo(bin_test), None);
        let cargo_test = "   Compiling ledger v0.3.1\n    Finished `test` profile [unoptimized + debuginfo] target(s) in 4.1s\n     Running unittests src/lib.rs (target/debug/deps/ledger-1a2b)\n";
        assert_eq!(read_cargo(cargo_test), None);
        let release_test = "   Compiling ledger v0.3.1\n    Finished `release` profile [optimized] target(s) in 9.0s\n     Running tests/cli.rs (target/release/deps/cli-0f3e)\n";
        assert_eq!(read_cargo(release_test), None);
        let cargo_run = "    Finished `dev` profile [unoptimized + debuginfo] target(s) in 0.1s\n     Running `target/debug/ledger`\n";
        assert_eq!(read_cargo(cargo_run), None);
        let vitest = format!("{VITE_PASS} RUN  v1.3.1 /work/web\n Test Files  1 failed (1)\n");
        assert_eq!(read(&vitest), None);
        let deploy = format!("{VITE_PASS}✅  Production: https://web.vercel.app [41s]\n");
        assert_eq!(read(&deploy), None);
        assert_eq!(read("nothing to build\n"), None);
    }

    #[test]
    fn a_lone_error_line_is_not_a_cargo_build() {
        let bun = "bun test v1.0.30\n\nsrc/a.test.ts:\n✗ orders > refund\nerror: expect(received).toBe(expected)\n\n 12 pass\n 1 fail\n";
        assert_eq!(read_cargo(bun), None);
    }
}
