//! Linters and type checkers: mypy, ruff (check and format), eslint (its
//! console output and `--format json`), tsc, flake8, pylint and clippy.
//!
//! Each tool's run is a run of the tool's suite, with the errors it reports
//! as `problems`; when one log holds several tools (`make lint`), every tool
//! must pass. Verdicts:
//! - mypy: `Success: no issues found in 42 source files` passes; `Found 3
//!   errors in 2 files (checked 40 source files)` fails with 3 problems;
//!   `path.py:12: error:` lines fail even without that summary.
//! - ruff: `All checks passed!` passes; `Found 12 errors.` and `[*] 5
//!   fixable with the --fix option.` fail; `Found 3 errors (3 fixed, 0
//!   remaining).` passes. `ruff format --check`: `2 files would be
//!   reformatted` fails, `15 files already formatted` passes.
//! - eslint: `✖ 14 problems (3 errors, 11 warnings)` fails with 3 problems;
//!   warnings alone pass, noted; `ESLint found too many warnings` fails.
//!   eslint prints nothing when all is well, so an `> eslint .` with no
//!   output after it is unknown, with a note.
//! - tsc: `Found 2 errors in 1 file.` and `error TS2322:` lines fail;
//!   `Found 0 errors.` passes; silent like eslint otherwise.
//! - flake8 prints one `path.py:1:1: F401 …` line per problem and nothing
//!   else: those lines fail, silence after the command is unknown.
//! - pylint's `Your code has been rated at 9.50/10` is a score, not a pass
//!   or a fail: unknown with a note, unless it reported errors or fatal
//!   messages (`E1101`, `F0001`), which fail.
//! - clippy: `could not compile` fails, `Finished` passes with its warnings
//!   noted. Its reader comes before cargo's test reader, which would take a
//!   clippy error for a failed test run.
//!
//! `Found N errors.` is printed by ruff and old tsc alike: it is tsc's when
//! the log has `error TS` lines or the tsc command, else ruff's. A `Found N
//! errors` line followed by other words counts for a linter unnamed (suite
//! `lint`) when it reports errors, and for nothing when it reports none. As for builds,
//! a test or deploy log is left alone, and a failing command after the last
//! verdict fails the log.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use serde_json::Value;

use super::build::{Runs, cargo_runs, command_failed, counted, not_ours, reading};
use super::lines::count;
use super::{Outcome, Reading};
use crate::model::{EvidenceFormat, EvidenceKind, Run};
use crate::text::Prefixed;
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// A lint command, the tool's name in group 1, after a shell or npm prompt
/// (`$ `, `> `, `PS C:\x> `, `+ `), a runner (`npx`, `poetry run`, `python
/// -m`), or both. A tool's name at the start of a line of prose is not a
/// command.
static COMMAND: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^\s*(?:(?:\$ |> |PS [^>]*> |\+ )",
        r"(?:(?:npx|pnpm|pnpm exec|yarn|bunx|uvx|poetry run|uv run|pipenv run|pdm run",
        r"|hatch run|python3? -m) )?",
        r"|(?:npx|pnpm|pnpm exec|yarn|bunx|uvx|poetry run|uv run|pipenv run|pdm run",
        r"|hatch run|python3? -m) )",
        r"(mypy|dmypy|ruff|eslint|next lint|tsc|vue-tsc|flake8|pylint)(?:\s|$)",
    ))
    .expect("valid regex")
});

/// The words one of which every line of [`COMMAND`] holds.
const TOOLS: [&str; 5] = ["mypy", "ruff", "lint", "tsc", "flake8"];

/// Every text [`runs`] tests a line for before a pattern (the tools' names
/// and each `contains` of its loop, `error` standing for `: error: ` and
/// `error TS`): a line with none of them, most lines of most logs, is
/// settled by one search instead of a dozen.
static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let words = ["Found ", "error", " problem", "ESLint", "Oops!", "rated at"];
    AhoCorasick::new(TOOLS.iter().chain(&words)).expect("lint words build a searcher")
});

/// Any command line after a prompt, which ends a command's output.
static ANY_COMMAND: WordRegex =
    WordRegex::new(|| Regex::new(r"^\s*(?:\$ |> |PS [^>]*> )\S").expect("valid regex"));

/// A `Found N errors` summary, as mypy, ruff and tsc print it; the rest of
/// the line says whose it is.
static FOUND: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*(?:\[[^\]]*\]\s*)?Found (\d+) errors?(.*)$").expect("valid regex")
});

/// mypy's success line.
static MYPY_OK: Prefixed = Prefixed::new(
    "Success: no issues found in ",
    r"^Success: no issues found in \d+ source files?",
);

/// A mypy error: `app/models.py:12: error: Incompatible types …  [assignment]`.
static MYPY_ERROR: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(?:[A-Za-z]:)?[^\s:][^:]*\.pyi?:\d+(?::\d+)?(?::\d+:\d+)?: error: ")
        .expect("valid regex")
});

/// ruff's success line.
static RUFF_OK: Prefixed = Prefixed::new("All checks passed!", r"^All checks passed!");

/// ruff's fixable count: `[*] 5 fixable with the `--fix` option.`
static RUFF_FIXABLE: Prefixed = Prefixed::new("[*] ", r"^\[\*\] \d+ fixable with the ");

/// ruff's summary after `--fix`: ` (3 fixed, 2 remaining).`
static RUFF_FIXED: Prefixed = Prefixed::new(" (", r"^ \((\d+) fixed, (\d+) remaining\)");

/// `ruff format --check`'s verdicts.
static RUFF_FORMAT: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(\d+) files? (would be reformatted|already formatted|left unchanged)")
        .expect("valid regex")
});

/// A violation in the `path:line:col: CODE message` form ruff's concise
/// output and flake8 share; pylint puts a colon after its code.
static VIOLATION: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(?:[A-Za-z]:)?[^\s:][^:]*:\d+:\d+: ([A-Z]{1,4}\d{2,4})(:?) ")
        .expect("valid regex")
});

/// ruff's full output heading a violation (`F401 [*] `os` imported but
/// unused`), followed by a ` --> path:1:8` line.
static RUFF_HEADING: WordRegex =
    WordRegex::new(|| Regex::new(r"^[A-Z]{1,4}\d{3,4}(?: \[\*\])? \S").expect("valid regex"));

/// The location line under a ruff (or rustc) heading.
static ARROW: Prefixed = Prefixed::after_blanks("--> ", r"^\s*--> \S+:\d+:\d+");

/// eslint's summary: `✖ 14 problems (3 errors, 11 warnings)`.
static ESLINT_SUMMARY: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*(?:✖|×|✕|X)\s+(\d+) problems? \((\d+) errors?, (\d+) warnings?\)")
        .expect("valid regex")
});

/// eslint's other verdicts: too many warnings, a crash, Next.js's clean run.
static ESLINT_OTHER: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"(ESLint found too many warnings \(maximum: \d+\))|^(Oops! Something went wrong!)",
        r"|^\s*(✔ No ESLint warnings or errors)",
    ))
    .expect("valid regex")
});

/// An eslint message under its file: `  12:7  error  'foo' is assigned …`.
static ESLINT_ERROR: WordRegex =
    WordRegex::new(|| Regex::new(r"^\s+\d+:\d+\s+error\s+").expect("valid regex"));

/// A tsc error: `src/a.ts(3,5): error TS2322:`, `src/a.ts:3:5 - error
/// TS2322:`, or a global `error TS5023:`.
static TS_ERROR: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\S.*\(\d+,\d+\): error TS\d+:|^\S.*:\d+:\d+ - error TS\d+:|^\s*error TS\d+:")
        .expect("valid regex")
});

/// pylint's module header and messages.
static PYLINT_MODULE: WordRegex =
    WordRegex::new(|| Regex::new(r"^\*{5,} Module \S").expect("valid regex"));

/// pylint's rating: `Your code has been rated at 9.50/10 (previous run: …)`.
static PYLINT_RATING: WordRegex = WordRegex::new(|| {
    Regex::new(r"Your code has been rated at (-?[\d.]+/10)").expect("valid regex")
});

/// clippy's marks: its lint names, its documentation, its command.
static CLIPPY: WordRegex = WordRegex::new(|| {
    Regex::new(r"rust-clippy|clippy::|^\s*(?:\$ |> )?cargo clippy(?-u:\b)").expect("valid regex")
});

/// Whose a `Found N errors` line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// mypy: `(checked 40 source files)`.
    Mypy,
    /// ruff: `(3 fixed, 2 remaining)`, or a bare `Found 12 errors.` away
    /// from tsc's marks (tsc has said `in N files` since 4.x).
    Ruff,
    /// tsc: `in 2 files.`, `Watching for file changes`, or beside TS errors.
    Tsc,
    /// Nobody the log names.
    Unnamed,
}

/// What the log shows of each tool before its summary lines are owned.
struct Context {
    /// tsc's errors or command.
    tsc: bool,
    /// ruff's marks or command.
    ruff: bool,
}

impl Context {
    /// The tools a log shows.
    fn of(lines: &[&str], commands: &[(usize, &str)]) -> Context {
        let command = |tools: &[&str]| commands.iter().any(|(_, tool)| tools.contains(tool));
        Context {
            tsc: command(&["tsc", "vue-tsc"]) || lines.iter().any(|line| TS_ERROR.is_match(line)),
            ruff: command(&["ruff"])
                || lines.iter().any(|line| {
                    RUFF_OK.is_match(line) || RUFF_FIXABLE.is_match(line) || line.contains(" [*] ")
                }),
        }
    }

    /// Whose a `Found N errors` line with this `rest` is.
    fn owner(&self, rest: &str) -> Owner {
        if rest.contains("source file") || rest.contains("errors prevented further checking") {
            Owner::Mypy
        } else if RUFF_FIXED.is_match(rest) {
            Owner::Ruff
        } else if rest.starts_with(" in ") || rest.contains("Watching for file changes") || self.tsc
        {
            Owner::Tsc
        } else if self.ruff || matches!(rest.trim(), "" | ".") {
            Owner::Ruff
        } else {
            Owner::Unnamed
        }
    }
}

/// Reads a linter's or type checker's log, or `None` when the text shows
/// none of them (or is a test or deploy log).
pub(super) fn read(text: &str) -> Option<Reading> {
    let lines: Vec<&str> = crate::text::lines(text).collect();
    let (runs, failure_lines) = runs(&lines);
    if runs.is_empty() || not_ours(text) {
        return None;
    }
    reading(text, EvidenceFormat::Lint, EvidenceKind::Lint, runs, failure_lines)
}

/// The runs of every linter and type checker a log shows, and its failure
/// lines. The build reader adds them to a build's, so that a build log with
/// a failing linter in it does not pass.
pub(super) fn runs(lines: &[&str]) -> (Vec<Run>, Vec<usize>) {
    let held: Vec<bool> = lines.iter().map(|line| WORDS.is_match(line)).collect();
    let commands: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .filter(|&(i, line)| held[i] && TOOLS.iter().any(|tool| line.contains(tool)))
        .filter_map(|(i, line)| Some((i, captures(&COMMAND, line)?.get(1)?.as_str())))
        .collect();
    let context = Context::of(lines, &commands);
    let mut mypy = Runs::new("mypy");
    let mut ruff = Runs::new("ruff");
    let mut tsc = Runs::new("tsc");
    let mut unnamed = Runs::new("lint");
    let mut eslint = Runs::new("eslint");
    let (mut mypy_errors, mut ts_errors) = (Vec::new(), Vec::new());
    let mut violations: Vec<(usize, bool)> = Vec::new();
    let mut pylint: Vec<(usize, char)> = Vec::new();
    let mut rating = None;
    let mut pylint_seen = false;
    // Each test before a regex below is a text its every match holds: most
    // lines hold none of them.
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        let held = held[i];
        if let Some(caps) =
            (held && line.contains("Found ")).then(|| captures(&FOUND, line)).flatten()
        {
            let errors = count(&caps[1]);
            let rest = &caps[2];
            let owner = context.owner(rest);
            // tsc's and a bare `Found 0 errors` end there: `Found 0 errors in
            // 12 links, retrying` is somebody else's sentence.
            let bare =
                matches!(rest.trim(), "" | ".") || rest.contains("Watching for file changes");
            if errors == 0 && matches!(owner, Owner::Tsc | Owner::Unnamed) && !bare {
                continue;
            }
            let runs = match owner {
                Owner::Mypy => &mut mypy,
                Owner::Ruff => &mut ruff,
                Owner::Tsc => &mut tsc,
                Owner::Unnamed => &mut unnamed,
            };
            match RUFF_FIXED.captures(rest) {
                Some(fixed) => {
                    let remaining = count(&fixed[2]);
                    let outcome = if remaining > 0 { Outcome::Fail } else { Outcome::Pass };
                    runs.verdict(n, outcome, Some(remaining));
                    runs.note(format!("{} fixed, {remaining} remaining", &fixed[1]));
                }
                None => {
                    let outcome = if errors > 0 { Outcome::Fail } else { Outcome::Pass };
                    runs.verdict(n, outcome, Some(errors));
                }
            }
        } else if MYPY_OK.is_match(line) {
            mypy.verdict(n, Outcome::Pass, Some(0));
        } else if held && line.contains(": error: ") && MYPY_ERROR.is_match(line) {
            mypy_errors.push(n);
        } else if RUFF_OK.is_match(line) {
            ruff.verdict(n, Outcome::Pass, Some(0));
        } else if RUFF_FIXABLE.is_match(line) {
            if !ruff.decided() {
                let found = violations.iter().filter(|(_, pylint)| !pylint).count();
                ruff.verdict(n, Outcome::Fail, Some(found.max(1) as u64));
            }
        } else if let Some(caps) = line
            .starts_with(|c: char| c.is_numeric())
            .then(|| captures(&RUFF_FORMAT, line))
            .flatten()
        {
            let files = count(&caps[1]);
            if &caps[2] == "would be reformatted" {
                ruff.verdict(n, if files > 0 { Outcome::Fail } else { Outcome::Pass }, Some(files));
            } else if !ruff.decided() {
                ruff.verdict(n, Outcome::Pass, Some(0));
            }
        } else if line.starts_with("Would reformat: ") {
            ruff.failure(n);
        } else if let Some(caps) =
            (held && line.contains(" problem")).then(|| captures(&ESLINT_SUMMARY, line)).flatten()
        {
            let (errors, warnings) = (count(&caps[2]), count(&caps[3]));
            let outcome = if errors > 0 { Outcome::Fail } else { Outcome::Pass };
            eslint.verdict(n, outcome, Some(errors));
            eslint.note(format!("{}, {}", counted(errors, "error"), counted(warnings, "warning")));
        } else if let Some(caps) = (held && (line.contains("ESLint") || line.contains("Oops!")))
            .then(|| captures(&ESLINT_OTHER, line))
            .flatten()
        {
            if let Some(too_many) = caps.get(1) {
                eslint.verdict(n, Outcome::Fail, None);
                eslint.note(too_many.as_str().to_string());
            } else if caps.get(2).is_some() {
                eslint.verdict(n, Outcome::Fail, None);
                eslint.note("eslint could not run".to_string());
            } else {
                eslint.verdict(n, Outcome::Pass, Some(0));
            }
        } else if held && line.contains("error") && ESLINT_ERROR.is_match(line) {
            eslint.failure(n);
        } else if held && line.contains("error TS") && TS_ERROR.is_match(line) {
            ts_errors.push(n);
        } else if let Some(caps) = captures(&VIOLATION, line) {
            let code = caps[1].chars().next().unwrap_or('C');
            if &caps[2] == ":" {
                pylint.push((n, code));
            } else {
                violations.push((n, false));
            }
        } else if line.starts_with(|c: char| c.is_ascii_uppercase())
            && RUFF_HEADING.is_match(line)
            && lines.get(i + 1).is_some_and(|next| ARROW.is_match(next))
        {
            violations.push((n, false));
        } else if line.starts_with("*****") && PYLINT_MODULE.is_match(line) {
            pylint_seen = true;
        } else if let Some(caps) =
            (held && line.contains("rated at")).then(|| captures(&PYLINT_RATING, line)).flatten()
        {
            rating = Some((n, caps[1].to_string()));
        }
    }
    // Error lines with no summary of their own: mypy and tsc cut short, or
    // tsc with `--pretty false`, which prints none.
    for (runs, errors) in [(&mut mypy, &mypy_errors), (&mut tsc, &ts_errors)] {
        for &line in errors {
            runs.failure(line);
        }
        if !runs.decided()
            && let Some(&last) = errors.last()
        {
            runs.verdict(last, Outcome::Fail, Some(errors.len() as u64));
            runs.note("no summary line".to_string());
        }
    }
    let ruff_owns_violations = context.ruff || ruff.decided();
    let mut flake8 = Runs::new("flake8");
    let flagged = if ruff_owns_violations { &mut ruff } else { &mut flake8 };
    for &(line, _) in &violations {
        flagged.failure(line);
    }
    if !ruff_owns_violations && let Some(&(last, _)) = violations.last() {
        flake8.verdict(last, Outcome::Fail, Some(violations.len() as u64));
    }
    let mut runs: Vec<Run> = Vec::new();
    let mut failure_lines: Vec<usize> = Vec::new();
    if let Some(run) = pylint_run(&pylint, rating.as_ref(), pylint_seen) {
        failure_lines.extend(pylint.iter().filter(|(_, c)| matches!(c, 'E' | 'F')).map(|(n, _)| n));
        runs.push(run);
    }
    for tool in [mypy, ruff, tsc, unnamed, eslint, flake8] {
        let suite = tool.suite();
        let (tool_runs, tool_lines) = tool.finish(lines.len(), "");
        let tool_runs =
            if tool_runs.is_empty() { silent(lines, &commands, suite) } else { tool_runs };
        runs.extend(tool_runs);
        failure_lines.extend(tool_lines);
    }
    (runs, failure_lines)
}

/// pylint's run: failed when it reported errors or fatal messages, else
/// unknown, since its rating is a score and not a verdict.
fn pylint_run(
    messages: &[(usize, char)],
    rating: Option<&(usize, String)>,
    seen: bool,
) -> Option<Run> {
    if messages.is_empty() && rating.is_none() && !seen {
        return None;
    }
    let start = messages.first().map(|m| m.0).into_iter().chain(rating.map(|r| r.0)).min()?;
    let end = messages.last().map(|m| m.0).into_iter().chain(rating.map(|r| r.0)).max()?;
    let errors = messages.iter().filter(|(_, code)| matches!(code, 'E' | 'F')).count() as u64;
    let rated = rating.map(|(_, score)| format!("rated {score}"));
    let mut run = Run::new("pylint", Outcome::Unknown, end);
    run.start_line = start;
    run.problems = Some(messages.len() as u64);
    run.note = Some(match (errors, rated) {
        (0, Some(rated)) => format!("{rated}: a score, not a pass or a fail"),
        (0, None) => "no rating: no result recorded".to_string(),
        (errors, Some(rated)) => format!("{}, {rated}", counted(errors, "error")),
        (errors, None) => counted(errors, "error"),
    });
    if errors > 0 {
        run.outcome = Outcome::Fail;
        run.problems = Some(errors);
    }
    Some(run)
}

/// The unknown run of a tool that was run and printed nothing: its command
/// is the log's last line, or only blank lines follow it up to the next
/// command. eslint, tsc and flake8 print nothing when all is well, but a
/// log cut short looks the same.
fn silent(lines: &[&str], commands: &[(usize, &str)], suite: &'static str) -> Vec<Run> {
    let names: &[&str] = match suite {
        "eslint" => &["eslint", "next lint"],
        "tsc" => &["tsc", "vue-tsc"],
        "mypy" => &["mypy", "dmypy"],
        "ruff" => &["ruff"],
        "flake8" => &["flake8"],
        _ => return Vec::new(),
    };
    commands
        .iter()
        .filter(|(_, tool)| names.contains(tool))
        .filter(|(i, _)| {
            lines[i + 1..]
                .iter()
                .take_while(|line| !ANY_COMMAND.is_match(line))
                .all(|line| line.trim().is_empty() || command_failed(line))
        })
        .map(|(i, _)| {
            let mut run = Run::new(suite, Outcome::Unknown, i + 1);
            run.complete = false;
            run.note =
                Some(format!("{suite} printed nothing after its command: no result recorded"));
            run
        })
        .collect()
}

/// Reads a clippy log, or `None` when the text does not show clippy (or is
/// a test or deploy log).
pub(super) fn read_clippy(text: &str) -> Option<Reading> {
    // Each of clippy's marks holds `clippy`: a log without it is not
    // searched line by line.
    if !text.contains("clippy")
        || !crate::text::lines(text).any(|line| CLIPPY.is_match(line))
        || not_ours(text)
    {
        return None;
    }
    let lines: Vec<&str> = crate::text::lines(text).collect();
    let (runs, failure_lines) = cargo_runs(&lines, "clippy");
    reading(text, EvidenceFormat::Lint, EvidenceKind::Lint, runs, failure_lines)
}

/// Reads eslint's `--format json` report: one object per file with its
/// `errorCount` and `warningCount`.
pub(super) fn read_eslint_json(value: &Value) -> Option<Reading> {
    let files = value.as_array()?;
    let mut errors = 0u64;
    let mut warnings = 0u64;
    for file in files {
        file.get("filePath")?.as_str()?;
        errors = errors.saturating_add(file.get("errorCount")?.as_u64()?);
        warnings = warnings.saturating_add(file.get("warningCount")?.as_u64()?);
    }
    if files.is_empty() {
        return None;
    }
    let outcome = if errors > 0 { Outcome::Fail } else { Outcome::Pass };
    let mut run = Run::new("eslint", outcome, 1);
    run.problems = Some(errors);
    let note = format!("{}, {}", counted(errors, "error"), counted(warnings, "warning"));
    run.note = Some(note.clone());
    let mut reading = Reading::of_runs(EvidenceFormat::Lint, EvidenceKind::Lint, vec![run]);
    reading.note = Some(note);
    Some(reading)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// mypy that passed.
    pub(crate) const MYPY_PASS: &str = "$ mypy src/
Success: no issues found in 42 source files
";

    /// mypy with errors.
    pub(crate) const MYPY_FAIL: &str = "$ poetry run mypy src/
src/ledger/models.py:12: error: Incompatible types in assignment (expression has type \"str\", variable has type \"int\")  [assignment]
src/ledger/models.py:40: note: See https://mypy.rtfd.io/en/stable/_refs.html#code-assignment
src/ledger/export.py:7: error: Module \"ledger.money\" has no attribute \"round_half\"  [attr-defined]
src/ledger/export.py:31: error: Missing return statement  [return]
Found 3 errors in 2 files (checked 40 source files)
";

    /// ruff check with violations, concise output.
    pub(crate) const RUFF_FAIL: &str = "$ ruff check .
src/ledger/cli.py:1:8: F401 [*] `os` imported but unused
src/ledger/cli.py:14:89: E501 Line too long (104 > 88)
src/ledger/money.py:3:1: I001 [*] Import block is un-sorted or un-formatted
Found 3 errors.
[*] 2 fixable with the `--fix` option.
";

    /// ruff check with its full output (ruff 0.9 and later).
    pub(crate) const RUFF_FULL: &str = "F401 [*] `os` imported but unused
 --> src/ledger/cli.py:1:8
  |
1 | import os
  |        ^^
  |
help: Remove unused import: `os`

Found 1 error.
[*] 1 fixable with the `--fix` option.
";

    /// eslint's stylish output with errors and warnings.
    pub(crate) const ESLINT_FAIL: &str = "> tidewater-web@0.9.0 lint
> eslint .


/home/ci/web/src/App.tsx
  12:7   error    'total' is assigned a value but never used  @typescript-eslint/no-unused-vars
  40:1   warning  Unexpected console statement                no-console

/home/ci/web/src/api/client.ts
  3:10  error  'Invoice' is defined but never used   @typescript-eslint/no-unused-vars
  9:3   error  Unexpected any. Specify a different type  @typescript-eslint/no-explicit-any

✖ 14 problems (3 errors, 11 warnings)
  2 errors and 0 warnings potentially fixable with the `--fix` option.

";

    /// eslint with warnings only, on Windows.
    pub(crate) const ESLINT_WARNINGS: &str = "C:\\work\\web\\src\\App.tsx\r
  40:1  warning  Unexpected console statement  no-console\r
\r
× 1 problem (0 errors, 1 warning)\r
";

    /// eslint that printed nothing.
    pub(crate) const ESLINT_SILENT: &str = "> tidewater-web@0.9.0 lint
> eslint .

";

    /// tsc with its pretty output.
    pub(crate) const TSC_FAIL: &str = "$ npx tsc --noEmit
src/api/client.ts:14:7 - error TS2322: Type 'string' is not assignable to type 'number'.

14 const retries: number = process.env.RETRIES ?? \"3\";
         ~~~~~~~

src/App.tsx(40,12): error TS2339: Property 'totl' does not exist on type 'Invoice'.

Found 2 errors in 2 files.

Errors  Files
     1  src/api/client.ts:14
     1  src/App.tsx:40
";

    /// pylint with a rating and no errors.
    pub(crate) const PYLINT_RATED: &str = "************* Module ledger.money
src/ledger/money.py:12:0: C0301: Line too long (120/100) (line-too-long)
src/ledger/money.py:30:4: W0612: Unused variable 'rate' (unused-variable)

------------------------------------------------------------------
Your code has been rated at 9.50/10 (previous run: 9.20/10, +0.30)
";

    /// flake8 with problems.
    pub(crate) const FLAKE8_FAIL: &str = "$ flake8 src
src/ledger/cli.py:1:1: F401 'os' imported but unused
src/ledger/cli.py:14:80: E501 line too long (104 > 79 characters)
";

    /// `cargo clippy -- -D warnings` that failed.
    pub(crate) const CLIPPY_FAIL: &str = "$ cargo clippy --all-targets -- -D warnings
    Checking ledger-core v0.3.1 (/home/ci/ledger/crates/core)
error: this `if` has identical blocks
  --> crates/core/src/money.rs:10:5
   |
   = help: for further information visit https://rust-lang.github.io/rust-clippy/master/index.html#if_same_then_else
   = note: `-D clippy::if-same-then-else` implied by `-D warnings`
error: could not compile `ledger-core` (lib) due to 1 previous error
";

    /// Every fixture above, for the dispatch and robustness tests.
    pub(crate) const FIXTURES: &[&str] = &[
        MYPY_PASS,
        MYPY_FAIL,
        RUFF_FAIL,
        RUFF_FULL,
        ESLINT_FAIL,
        ESLINT_WARNINGS,
        ESLINT_SILENT,
        TSC_FAIL,
        PYLINT_RATED,
        FLAKE8_FAIL,
        CLIPPY_FAIL,
    ];

    /// The deciding run of a reading.
    fn deciding(reading: &Reading) -> &Run {
        super::super::final_runs(&reading.runs).into_iter().last().unwrap()
    }

    #[test]
    fn mypy_passes_on_success_and_counts_its_errors() {
        let reading = read(MYPY_PASS).unwrap();
        assert_eq!((reading.format.as_str(), reading.kind.as_str()), ("lint", "lint"));
        assert_eq!((reading.outcome, deciding(&reading).suite.as_str()), (Outcome::Pass, "mypy"));
        let reading = read(MYPY_FAIL).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(deciding(&reading).problems, Some(3));
        assert_eq!(reading.failure_lines, vec![2, 4, 5, 6]);
        let cut = MYPY_FAIL.lines().take(3).collect::<Vec<_>>().join("\n");
        let reading = read(&cut).unwrap();
        assert_eq!(
            (reading.outcome, reading.note.as_deref()),
            (Outcome::Fail, Some("no summary line"))
        );
    }

    #[test]
    fn ruff_fails_on_found_or_fixable_and_passes_on_all_checks() {
        let reading = read(RUFF_FAIL).unwrap();
        assert_eq!((reading.outcome, deciding(&reading).suite.as_str()), (Outcome::Fail, "ruff"));
        assert_eq!(deciding(&reading).problems, Some(3));
        assert_eq!(reading.failure_lines, vec![2, 3, 4, 5]);
        let reading = read(RUFF_FULL).unwrap();
        assert_eq!((reading.outcome, reading.failure_lines.clone()), (Outcome::Fail, vec![1, 9]));
        assert_eq!(read("$ ruff check .\nAll checks passed!\n").unwrap().outcome, Outcome::Pass);
        let fixable = read("[*] 5 fixable with the --fix option.\n").unwrap();
        assert_eq!(fixable.outcome, Outcome::Fail);
        let fixed = read("$ ruff check --fix .\nFound 3 errors (3 fixed, 0 remaining).\n").unwrap();
        assert_eq!(
            (fixed.outcome, fixed.note.as_deref()),
            (Outcome::Pass, Some("3 fixed, 0 remaining"))
        );
        let format = read("$ ruff format --check .\nWould reformat: src/a.py\n1 file would be reformatted, 14 files already formatted\n").unwrap();
        assert_eq!((format.outcome, format.failure_lines.clone()), (Outcome::Fail, vec![2, 3]));
    }

    #[test]
    fn eslint_fails_on_errors_passes_on_warnings_and_is_unknown_when_silent() {
        let reading = read(ESLINT_FAIL).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(deciding(&reading).problems, Some(3));
        assert_eq!(reading.note.as_deref(), Some("3 errors, 11 warnings"));
        assert_eq!(reading.failure_lines, vec![6, 10, 11, 13]);
        let reading = read(ESLINT_WARNINGS).unwrap();
        assert_eq!(
            (reading.outcome, reading.note.as_deref()),
            (Outcome::Pass, Some("0 errors, 1 warning"))
        );
        let reading = read(ESLINT_SILENT).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(
            reading.note.as_deref(),
            Some("eslint printed nothing after its command: no result recorded")
        );
        let failed = format!("{ESLINT_SILENT}##[error]Process completed with exit code 1.\n");
        assert_eq!(read(&failed).unwrap().outcome, Outcome::Fail);
        let too_many =
            "✖ 4 problems (0 errors, 4 warnings)\n\nESLint found too many warnings (maximum: 0).\n";
        assert_eq!(read(too_many).unwrap().outcome, Outcome::Fail);
    }

    #[test]
    fn tsc_fails_on_its_errors_and_passes_on_zero() {
        let reading = read(TSC_FAIL).unwrap();
        assert_eq!((reading.outcome, deciding(&reading).suite.as_str()), (Outcome::Fail, "tsc"));
        assert_eq!(deciding(&reading).problems, Some(2));
        assert_eq!(reading.failure_lines, vec![2, 7, 9]);
        let plain =
            "src/App.tsx(40,12): error TS2339: Property 'totl' does not exist on type 'Invoice'.\n";
        assert_eq!(read(plain).unwrap().outcome, Outcome::Fail);
        let watch = "[10:41:02 AM] Found 0 errors. Watching for file changes.\n";
        assert_eq!(read(watch).unwrap().outcome, Outcome::Pass);
        assert_eq!(read("Found 0 errors.\n").unwrap().outcome, Outcome::Pass);
        let bare = read("Found 12 errors.\n").unwrap();
        assert_eq!((bare.outcome, deciding(&bare).suite.as_str()), (Outcome::Fail, "ruff"));
        assert_eq!(read("Found 0 errors in 12 links, retrying\n"), None);
        assert_eq!(read("> tsc --noEmit\n").unwrap().outcome, Outcome::Unknown);
    }

    #[test]
    fn pylint_rating_is_not_a_verdict_but_its_errors_are() {
        let reading = read(PYLINT_RATED).unwrap();
        assert_eq!(reading.outcome, Outcome::Unknown);
        assert_eq!(reading.note.as_deref(), Some("rated 9.50/10: a score, not a pass or a fail"));
        let errors = PYLINT_RATED.replace("W0612", "E1101");
        let reading = read(&errors).unwrap();
        assert_eq!((reading.outcome, reading.failure_lines.clone()), (Outcome::Fail, vec![3]));
    }

    #[test]
    fn flake8_lines_fail_and_clippy_counts_its_errors() {
        let reading = read(FLAKE8_FAIL).unwrap();
        assert_eq!((reading.outcome, deciding(&reading).suite.as_str()), (Outcome::Fail, "flake8"));
        assert_eq!(deciding(&reading).problems, Some(2));
        assert_eq!(reading.failure_lines, vec![2, 3]);
        let reading = read_clippy(CLIPPY_FAIL).unwrap();
        assert_eq!((reading.format.as_str(), reading.kind.as_str()), ("lint", "lint"));
        assert_eq!((reading.outcome, deciding(&reading).suite.as_str()), (Outcome::Fail, "clippy"));
        assert_eq!(deciding(&reading).problems, Some(1));
        assert_eq!(reading.failure_lines, vec![3, 8]);
        assert_eq!(read_clippy(super::super::build::tests::CARGO_ERRORS), None);
    }

    #[test]
    fn several_tools_in_one_log_must_all_pass() {
        let log = format!("{}{MYPY_FAIL}", "$ ruff check .\nAll checks passed!\n");
        let reading = read(&log).unwrap();
        assert_eq!(reading.outcome, Outcome::Fail);
        assert_eq!(reading.runs.len(), 2);
        let log = format!("{}{MYPY_PASS}", "$ ruff check .\nAll checks passed!\n");
        assert_eq!(read(&log).unwrap().outcome, Outcome::Pass);
    }

    #[test]
    fn eslint_json_sums_errors_over_files() {
        let report: Value = serde_json::from_str(r#"[{"filePath": "/w/src/a.ts", "messages": [], "errorCount": 0, "warningCount": 2}, {"filePath": "/w/src/b.ts", "messages": [{"ruleId": "no-undef", "severity": 2}], "errorCount": 1, "warningCount": 0}]"#).unwrap();
        let reading = read_eslint_json(&report).unwrap();
        assert_eq!(
            (reading.outcome, reading.note.as_deref()),
            (Outcome::Fail, Some("1 error, 2 warnings"))
        );
        assert_eq!(read_eslint_json(&serde_json::json!([])), None);
        assert_eq!(read_eslint_json(&serde_json::json!([{"filePath": "a"}])), None);
    }

    #[test]
    fn logs_of_other_kinds_are_not_lint() {
        assert_eq!(read("nothing here\n"), None);
        let pytest = format!("{MYPY_PASS}collected 3 items\n\n=== 3 passed in 0.12s ===\n");
        assert_eq!(read(&pytest), None);
    }
}
