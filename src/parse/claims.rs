//! Figures stated in prose, and the commits a line names.
//!
//! This module owns the reading of one line of prose into claims: test
//! results (`196/196 tests passed`, `48 passed, 2 failed`, `75 PASS / 0
//! FAIL`, `✅ 46 tests`), coverage (`77% code coverage`, `Router (91%)` under
//! a coverage heading) and issue counts (`Total Issues: 75 (37 open, …)`),
//! each with the suites it names (`pytest`, `backend`, `test_auth.py`) and
//! whether it speaks of part of a run (`17/17 focused tests`). It leaves out
//! what is not a statement of fact: targets (`25+ tests passing`, `target:
//! 85%`), bounds (`>90%`), unchecked checklist items, durations, versions,
//! progress percentages, risk likelihoods, scores, counts of work (`added 46
//! tests`) and a service's errors (`500 error`, `52 posts failed`). It also
//! finds commit hashes. It does not decide which lines are prose, nor check a
//! claim against evidence: the document parser feeds it lines and the linker
//! gives each claim its evidence and verdict.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashSet;
use std::sync::Arc;

use regex::Regex;

use crate::model::{Claim, Figures, Outcome, RefKind, Reference, Source, Verdict};
use crate::text::prefixed::captures;
use crate::text::words::{Prepare, WordRegex, WordSet};

/// A count of tests or issues, with optional thousands separators.
const COUNT: &str = r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+";
/// A percentage's number, with a decimal point or a decimal comma (`81,5`).
const NUM: &str = r"[0-9]+(?:\.[0-9]+|,[0-9]{1,2}\b)?";

/// A claim pattern's text with its `COUNT` and `NUM` parts filled in.
fn expand(pattern: &str) -> String {
    pattern.replace("COUNT", COUNT).replace("NUM", NUM)
}

/// `Test Pass Rate: 99.3% (732/735 tests)`, `pass rate 98%`.
static PASS_RATE: WordRegex = WordRegex::from_source(|| {
    expand(
        r"(?i)\b(?:tests?\s+)?pass\s+rate\s*(?:(?::|=|\bis\b|\bwas\b|\bof\b|\bat\b)\s*)*~?\s*(NUM)\s*%(?:\s*\(\s*(COUNT)\s*/\s*(COUNT)(?:\s+tests?)?\s*\))?",
    )
});

/// `87% pass rate`.
static RATE_FIRST: WordRegex =
    WordRegex::from_source(|| expand(r"(?i)~?(NUM)\s*%\s+pass(?:ing)?\s+rate\b"));

/// A word that qualifies what a count counts: `focused` in `17/17 focused
/// tests`, `Playwright` in `7 Playwright specs passed`.
const QUALIFIER: &str = r"[A-Za-z][\w-]*";

/// What a count of tests counts.
const NOUN: &str = r"(?:tests?|specs?|test\s+cases|pruebas?)";

/// The test file a count of tests is in: ` in test_auth.py`.
const IN_FILE: &str = r"(?:\s+in\s+[\w./-]+\.[A-Za-z]+)";

/// A claim pattern's text with its `QUALIFIER`, `NOUN`, `IN_FILE`, `COUNT`
/// and `NUM` parts filled in.
fn expand_test(pattern: &str) -> String {
    expand(
        &pattern.replace("QUALIFIER", QUALIFIER).replace("NOUN", NOUN).replace("IN_FILE", IN_FILE),
    )
}

/// What a fraction's outcome words are, in English, German, French and
/// Spanish: `passed`, `green`, `bestanden`, `réussis`, `pasaron`, `failed`.
const FRACTION_OUTCOME: &str = r"passed|passing|pass|green|succeeded|successful|failed|failing|fail|bestanden|erfolgreich|fehlgeschlagen|réussis?|échoués?|pasaron|pasadas?|exitosas?|fallaron|fallidas?";

/// `196/196 tests passed (100%)`, `12/12 passed`, `732/735 tests`,
/// `17/17 focused tests`, `45 of 46 specs passing`, `12/12 Tests bestanden`.
static FRACTION: WordRegex = WordRegex::from_source(|| {
    expand_test(
        &r"(?i)(COUNT)\s*(?:/|\s(?:out\s+)?of\s)\s*(COUNT)(\s+((?:QUALIFIER\s+){0,2})NOUN\bIN_FILE?)?(?:\s+(FRACTION_OUTCOME)\b)?(?:\s*\(\s*~?(NUM)\s*%(?:\s*(?:pass(?:ing)?(?:\s+rate)?|success))?\s*\))?"
            .replace("FRACTION_OUTCOME", FRACTION_OUTCOME),
    )
});

/// A fraction's outcome right after it: ` passed` in `12/12 passed`.
static OUTCOME_NEXT: WordRegex = WordRegex::new(|| {
    Regex::new(&format!(r"(?i)^\s+({FRACTION_OUTCOME})\b")).expect("outcome pattern is valid")
});

/// A tests noun right after a count: ` tests` in `Passed: 12 tests`.
static NOUN_NEXT: WordRegex =
    WordRegex::from_source(|| expand_test(r"(?i)^\s+(?:QUALIFIER\s+)?NOUN\b"));

/// A label right before a bare fraction that makes it a test result:
/// `Tests: 88/88`, `frontend tests 88/88`, `Suite: 15/15`, `all tests pass: 14/14`,
/// `all focused tests passed (14/14)`.
static TESTS_LABEL: WordRegex = WordRegex::from_source(|| {
    expand_test(r"(?i)\b(?:NOUN|suite)(?:\s+(?:pass(?:ed|ing)?|green))?\s*[:=(–—-]?\s*$")
});

/// What a run's outcome words are: `passed`, `2 failed`, `0 failures`, and
/// totals: `46 total`, rspec's `120 examples`, gradle's `120 tests completed`;
/// and the passes and failures of German, French and Spanish.
const OUTCOME: &str = r"(?:passed|passing|pass|failed|failing|fail|failures?|skipped|skips?|pending|ignored|errors?|total|examples|completed|executed|run|ran|bestanden|erfolgreich|fehlgeschlagen|réussis?|échoués?|pasaron|pasadas?|exitosas?|fallaron|fallidas?)";

/// One count of a test run: `48 passed`, `2 failed`, `196 tests passing`,
/// `0 failures`, `7 Playwright specs passed`, `12 tests in test_auth.py pass`.
const TEST_ITEM: &str = r"(?:COUNT)\s+(?:(?:QUALIFIER\s+){0,2}NOUNIN_FILE?\s+)?OUTCOME\b";

/// A run's counts in any order, with an optional label, `All`, total in
/// brackets (vitest's `(63)`) or pass rate in brackets.
static TEST_COUNTS: WordRegex = WordRegex::from_source(|| {
    expand_test(&format!(
        r"(?i)(?:\b(?:tests?|specs?)\b\s*:?\s*)?(?:\ball\s+)?{TEST_ITEM}(?:\s*(?:[,;:|/]|\band\b)?\s*{TEST_ITEM})*(?:\s*\(\s*(?:(COUNT)|~?(NUM)\s*%(?:\s*pass(?:ing)?(?:\s+rate)?)?)\s*\))?"
    ).replace("OUTCOME", OUTCOME))
});

/// One count inside `TEST_COUNTS`, to read it: the count, the words
/// qualifying the tests, the tests noun, and the outcome.
static TEST_ITEM_PARTS: WordRegex = WordRegex::from_source(|| {
    expand_test(
        &r"(?i)(COUNT)\s+(?:((?:QUALIFIER\s+){0,2})(NOUN)IN_FILE?\s+)?(OUTCOME)\b"
            .replace("OUTCOME", OUTCOME),
    )
});

/// A count of tests said to pass all: `All tests pass (312)`,
/// `Tests: 196 (all passing)`, `46 tests, all green`, phpunit's `OK (120 tests, …)`.
static ALL_PASSING: WordRegex = WordRegex::from_source(|| {
    expand_test(
        r"(?i)(?:\ball\s+((?:QUALIFIER\s+){0,2}?)NOUN\s+(?:pass(?:ed|ing|es)?|green|succeeded)\s*\(\s*(COUNT)(?:\s+NOUN)?\s*\)|(?:\bNOUN\s*:\s*(COUNT)|\b(COUNT)\s+((?:QUALIFIER\s+){0,2}?)NOUN)\s*(?:\(\s*|[,:–—-]\s*)all\s+(?:pass(?:ed|ing|es)?|green|succeeded)\b\)?|\bOK\s*\(\s*(COUNT)\s+tests?\b[^()]{0,80}\))",
    )
});

/// A count of tests after the verb: `passed 1,150 tests`, `passes all 40 specs`.
static PASSED_FIRST: WordRegex = WordRegex::from_source(|| {
    expand_test(
        r"(?i)\b(?:passed|passes|passing|pass)\s+(all\s+)?(COUNT)\s+((?:QUALIFIER\s+){0,2}?)NOUN\b",
    )
});

/// One labelled count of a run: `PASS: 75`, `Failed: 0`, `Total = 46`,
/// maven's `Tests run: 120`.
const LABELLED_ITEM: &str = r"\b(?:pass(?:ed|ing)?|fail(?:ed|ing|ures?)?|skipped|ignored|errors?|total|tests?(?:\s+run)?|examples)\s*[:=]\s*(?:COUNT)\b";

/// A run's counts written label first: `PASS: 75, FAIL: 0`, `Passed: 12 | Failed: 1`,
/// `Tests run: 120, Failures: 0, Errors: 0, Skipped: 0`.
static LABELLED_COUNTS: WordRegex = WordRegex::from_source(|| {
    expand(&format!(
        r"(?i)(?:\b(?:tests?|specs?)\s+)?{LABELLED_ITEM}(?:\s*(?:[,;|/]|\band\b)?\s*{LABELLED_ITEM})*"
    ))
});

/// One count inside `LABELLED_COUNTS`, to read it: the label and the count.
static LABELLED_PARTS: WordRegex = WordRegex::from_source(|| {
    expand(
        r"(?i)\b(pass(?:ed|ing)?|fail(?:ed|ing|ures?)?|skipped|ignored|errors?|total|tests?(?:\s+run)?|examples)\s*[:=]\s*(COUNT)",
    )
});

/// A bare count of tests, a claim only beside a pass marker: `✅ 46 tests`,
/// `Unit tests: 46 ✅`, `12 e2e specs ✅`.
static BARE_COUNT: WordRegex = WordRegex::from_source(|| {
    expand_test(
        r"(?i)(?:\b(?:tests?|specs?)\s*:\s*(COUNT)|(COUNT)\s+((?:QUALIFIER\s+){0,2}?)NOUN\bIN_FILE?)",
    )
});

/// A count of what is not tests right before a run's counts: jest's
/// `Test Suites: 3 passed`, vitest's `Test Files 3 passed`.
static NOT_TESTS_LABEL: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)\btest\s+(?:suites?|files?)\s*[:=]?\s*$").expect("label pattern is valid")
});

/// Words between a count and `tests` that make the tests something other
/// than what is counted: `3/4 modules have tests`, `2 files with tests passing`.
const NOT_QUALIFIERS: [&str; 30] = [
    "have", "has", "had", "with", "without", "need", "needs", "lack", "lacks", "lacking",
    "missing", "get", "got", "add", "added", "adding", "write", "wrote", "written", "and", "or",
    "to", "for", "in", "on", "no", "not", "are", "is", "were",
];

/// The word test, a test tool or a test noun, which makes a lone count of
/// failures (`3 failed`, `0 failures`) a statement about tests.
static TEST_WORD: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)\b(?:tests?|testing|specs?|suites?|checks|pytest|vitest|jest|playwright|cypress|cargo\s+test|go\s+test)\b",
    )
    .expect("test word pattern is valid")
});

/// Tests named as work still to do: `Tests Needed`, `missing tests`,
/// `tests to write`.
static TESTS_TO_WRITE: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)\b(?:tests?\s+(?:needed|required|missing|to\s+(?:write|add))|(?:missing|needed|required|new)\s+tests?)\b",
    )
    .expect("tests-to-write pattern is valid")
});

/// An unchecked checklist box before a line's text: `- [ ] 80% coverage`
/// states what is not yet true.
static UNCHECKED: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*(?:>\s*)*(?:(?:[-*+]|[0-9]+[.)])\s+)?\[ \]")
        .expect("unchecked pattern is valid")
});

/// Suites, tools and areas a claim can name: `pytest`, `Playwright`,
/// `backend`, `E2E`, `CLI`.
static SCOPE_WORD: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)\b(?:pytest|py\.test|vitest|jest|playwright|cypress|cargo|backend|back-end|frontend|front-end|api|e2e|end-to-end|unit|integration|web|mobile|cli)\b",
    )
    .expect("scope word pattern is valid")
});

/// Go as a test tool: `go test`, `Go tests`, `Go: 45 passed`, `(Go)`;
/// not the verb.
static GO: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?:\bGo\s*(?::|\)|\b(?:tests?|suites?|unit|specs?|packages?)\b)|\(\s*Go\b|(?i:\bgo\s+test\b|\bgolang\b))",
    )
    .expect("go pattern is valid")
});

/// A test file named in prose: `test_auth.py`, `auth.spec.ts`,
/// `tests/test_api.py`, `parser_test.go`.
static TEST_FILE: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)[\w./-]*(?:test|spec)[\w./-]*\.(?:py|ts|tsx|js|jsx|mjs|cjs|rs|go|rb|java|kt|swift|php|cs|exs?|dart|scala)\b",
    )
    .expect("test file pattern is valid")
});

/// Words that make a run part of one: `focused tests`, `the 6 new tests`,
/// `targeted specs`, `these 5 tests`, `affected suites`.
static SUBSET_WORD: WordRegex = WordRegex::from_source(|| {
    expand_test(
        r"(?i)\b(?:focused|targeted|new|newly\s+added|relevant|related|selected|affected|specific|these|those|changed|modified|touched|individual)\s+(?:COUNT(?:\s*/\s*COUNT)?\s+)?(?:QUALIFIER\s+){0,2}?(?:NOUN|suites?)\b",
    )
});

/// Tests named by what they are for: `tests for the login bug`, `specs
/// covering checkout`; or a filter on the runner's command line (`-k auth`).
static SUBSET_PHRASE: WordRegex = WordRegex::from_source(|| {
    expand_test(
        r"(?i)\bNOUN\s+(?:for|covering|around)\s+(?:the\s+)?[A-Za-z]|(?:^|\s)(?:-k|--grep|--filter|--testNamePattern|--lf|--last-failed|--only-failures)\b",
    )
});

/// `the 4 auth tests`, `the flaky specs`: tests named by a word that is not
/// a suite, which are part of a run (`the rounding test` is one test named,
/// not the run's part).
static THE_NAMED: WordRegex = WordRegex::from_source(|| {
    expand_test(
        r"(?i)\bthe\s+(?:COUNT(?:\s*/\s*COUNT)?\s+)?((?:QUALIFIER\s+){1,2})(?:tests|specs|test\s+cases)\b",
    )
});

/// Words before `tests` that name a whole suite or say nothing of a part:
/// `the unit tests`, `the 120 existing tests`.
const WHOLE_SUITE_WORDS: [&str; 50] = [
    "pytest",
    "vitest",
    "jest",
    "playwright",
    "cypress",
    "cargo",
    "go",
    "backend",
    "back-end",
    "frontend",
    "front-end",
    "api",
    "e2e",
    "end-to-end",
    "unit",
    "integration",
    "web",
    "mobile",
    "cli",
    "smoke",
    "regression",
    "snapshot",
    "component",
    "ui",
    "browser",
    "server",
    "client",
    "rust",
    "python",
    "typescript",
    "javascript",
    "node",
    "doc",
    "acceptance",
    "functional",
    "system",
    "contract",
    "automated",
    "existing",
    "total",
    "passing",
    "failing",
    "green",
    "all",
    "whole",
    "full",
    "entire",
    "complete",
    "current",
    "test",
];

/// The whole of a run, which no subset word overrides: `full suite`,
/// `entire test suite`, `whole run`.
static WHOLE_RUN: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)\b(?:full|entire|whole|complete)\s+(?:test\s+)?(?:suite|run|test\s+run)\b")
        .expect("whole run pattern is valid")
});

/// The word coverage, in English, French, Spanish, Italian and German.
const COVERAGE: &str = r"(?:coverage|couverture|cobertura|copertura|(?:test|code)?abdeckung)";

/// Qualifiers of coverage that are not its subject.
const COVERAGE_KIND: &str = r"(?:(?:line|branch|statement|function|code|test|overall|total)\s+)?";

/// `Backend Coverage: ~60%`, `coverage at 81%`, `CLI line coverage: 89%`,
/// `coverage: 56.1% → 61.2%` (the figure after the arrow is the one now).
static COVERAGE_FIRST: WordRegex = WordRegex::from_source(|| {
    expand(&format!(
        r"(?i)\b{COVERAGE_KIND}{COVERAGE}\b\s*(?:(?::|=|-|–|—|\bis\b|\bwas\b|\bnow\b|\bat\b|\bof\b|\breached\b|\bde\b|\bdel\b|\bbei\b)\s*){{0,3}}~?\s*(NUM)\s*%(?:\s*(?:→|->|⇒|=>)\s*~?(NUM)\s*%)?"
    ))
});

/// `77% code coverage`, `81.4% line coverage`, `80 % de couverture`.
static COVERAGE_AFTER: WordRegex = WordRegex::from_source(|| {
    expand(&format!(r"(?i)~?(NUM)\s*%\s+(?:de\s+)?{COVERAGE_KIND}{COVERAGE}\b"))
});

/// `Router (91%)`, `Engine: 91%`: a coverage figure only under a coverage
/// heading or after the word coverage on the same line.
static NAMED_PERCENT: WordRegex = WordRegex::from_source(|| {
    expand(
        r"(?:^|[(,;|]\s*)([A-Za-z][\w./&-]*(?:\s+[A-Za-z0-9][\w./&-]*){0,3})\s*(?:\(\s*~?(NUM)\s*%\s*\)|:\s*~?(NUM)\s*%)",
    )
});

/// `Total Issues: 75 (…)`, `Issues: 24 (…)`, `24 issues (…)`.
static ISSUES: WordRegex = WordRegex::from_source(|| {
    expand(
        r"(?i)(?:\btotal\s+issues\s*[:=]?\s*(COUNT)|\bissues\s*[:=]\s*(COUNT)|\b(COUNT)\s+(?:total\s+)?issues\b)(\s*\(([^()]{0,160})\))?",
    )
});

/// `12 open issues`, `0 blocking issues`.
static ISSUES_IN_STATE: WordRegex = WordRegex::from_source(|| {
    expand(r"(?i)\b(COUNT)\s+(open|closed|blocked|blocking|resolved)\s+issues\b")
});

/// One state count inside an issue breakdown: `37 open`.
static ISSUE_STATE: WordRegex = WordRegex::from_source(|| {
    expand(r"(?i)\b(COUNT)\s+(open|closed|blocked|blocking|resolved|done)\b")
});

/// Capitalised words right before a figure's keyword: `Backend` in
/// `Backend Coverage: ~60%`, `CLI` in `CLI line coverage: 89%`.
static SUBJECT: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?:^|[\s(,;|])((?:[A-Z0-9][\w./&-]*\s+){1,3})$").expect("subject pattern is valid")
});

/// Words that make a figure a target, a plan or a bound rather than a fact,
/// with the targets of French, German, Spanish and Italian.
static HEDGE_WORD: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)\b(?:targets?|targeted|targeting|goals?|aims?|aiming|should|will|would|expect|expected|expecting|wants?|needs?|must|plan|planned|planning|over|above|under|below|least|than|minimum|min|max|maximum|threshold|required?|requires|requirements?|criteria|criterion|objectifs?|cibles?|ziele?|zielwert|mindestens|objetivos?|obiettivo)\b",
    )
    .expect("hedge pattern is valid")
});

/// A heading or lead-in that introduces targets.
static TARGET_CONTEXT: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)\b(?:targets?|goals?|objectifs?|ziele?|objetivos?)\b")
        .expect("target context pattern is valid")
});

/// The word coverage, which makes `Router (91%)` a coverage figure.
static COVERAGE_WORD: WordRegex = WordRegex::new(|| {
    Regex::new(&format!(r"(?i)\b{COVERAGE}\b")).expect("coverage word pattern is valid")
});

/// List markers, checkboxes, heading hashes and quote marks before a line's text.
static LEADING: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\s*(?:>\s*)*(?:#{1,6}\s+)?(?:(?:[-*+]|[0-9]+[.)])\s+)?(?:\[[ xX]\]\s*)?")
        .expect("leading markup pattern is valid")
});

/// A lowercase hex run that may be a commit hash.
/// The runs of lowercase hex a commit can be, as `[0-9a-f]{7,64}` finds
/// them (leftmost first, each as long as it can be): a run of 7 to 64, a
/// longer one cut every 64 bytes, a remainder under 7 left. Walked byte by
/// byte: most lines of prose hold none, and the regex engine's entry cost
/// more than the walk.
fn hex_runs(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let is_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    let mut at = 0;
    let mut run = 0..0;
    std::iter::from_fn(move || {
        loop {
            if run.len() >= 7 {
                let end = run.end.min(run.start + 64);
                let found = run.start..end;
                run.start = end;
                return Some(found);
            }
            while at < bytes.len() && !is_hex(bytes[at]) {
                at += 1;
            }
            if at == bytes.len() {
                return None;
            }
            let start = at;
            while at < bytes.len() && is_hex(bytes[at]) {
                at += 1;
            }
            run = start..at;
        }
    })
}

/// URLs, inside which a hex run is part of an address, not a named commit.
static URL: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)\b(?:https?|ftp)://[^\s<>]+|\bwww\.[^\s<>]+").expect("URL pattern is valid")
});

/// A claim found in a cleaned line, before it is made a `Claim`.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    kind: &'static str,
    subject: Option<String>,
    figures: Figures,
}

impl Found {
    /// A claim with no subject that spans a whole regex match.
    fn spanning(whole: &regex::Match<'_>, kind: &'static str, figures: Figures) -> Found {
        Found { start: whole.start(), end: whole.end(), kind, subject: None, figures }
    }
}

/// Claims stated in one line of prose (a paragraph line, list item, table cell or heading).
/// `line` is its 1-based file line; `path` the document; `context` the nearest heading or
/// lead-in paragraph text (used to tell `Router (91%)` is a coverage figure when the
/// context mentions coverage).
///
/// Markdown emphasis, code ticks, list markers and status markers are ignored;
/// each claim's text is the phrase as it reads without them. Targets, bounds,
/// unchecked checklist items (`- [ ] 80% coverage`) and everything under a
/// heading about targets or goals are not claims. Each claim carries the
/// suites it names (`pytest`, `backend`, `test_auth.py`) and whether it
/// speaks of part of a run (`17/17 focused tests`), read from its own text
/// and the rest of its line up to the next claim.
pub fn claims_in(path: &str, line: usize, text: &str, context: &str) -> Vec<Claim> {
    claims_under(&Arc::from(path), line, text, &Context::new(context.to_string()))
}

/// The heading and lead-in a line is read under, and what they say, each
/// found once for all the lines under them.
#[derive(Debug)]
pub(crate) struct Context {
    text: String,
    /// Whether it speaks of a target (see [`TARGET_CONTEXT`]).
    target: OnceCell<bool>,
    /// Whether, tests still to write left out, it speaks of tests.
    tests: OnceCell<bool>,
    /// Whether, tests still to write left out, it speaks of coverage.
    coverage: OnceCell<bool>,
}

impl Context {
    pub(crate) fn new(text: String) -> Context {
        Context { text, target: OnceCell::new(), tests: OnceCell::new(), coverage: OnceCell::new() }
    }

    /// Its text.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    fn target(&self) -> bool {
        *self.target.get_or_init(|| TARGET_CONTEXT.is_match(&self.text))
    }

    /// Tests still to write (`Tests Needed`, `missing tests`) are work, not
    /// a run: they do not make the figures beside them test results.
    fn without_tests_to_write(&self) -> std::borrow::Cow<'_, str> {
        TESTS_TO_WRITE.replace_all(&self.text, "")
    }

    fn about_tests(&self) -> bool {
        *self.tests.get_or_init(|| TEST_WORD.is_match(&self.without_tests_to_write()))
    }

    fn about_coverage(&self) -> bool {
        *self.coverage.get_or_init(|| COVERAGE_WORD.is_match(&self.without_tests_to_write()))
    }
}

/// The claims a line makes, read under `context` (see [`claims_in`]);
/// each holds `path`, the one copy its document's tasks share.
pub(crate) fn claims_under(
    path: &Arc<str>,
    line: usize,
    text: &str,
    context: &Context,
) -> Vec<Claim> {
    if context.target() || UNCHECKED.is_match(text) {
        return Vec::new();
    }
    let cleaned = clean_line(text);
    // Every figure's pattern holds a count or a percentage: a line without
    // an ASCII digit can only state a status.
    if !cleaned.bytes().any(|b| b.is_ascii_digit()) {
        return status_claim(path, line, text, &cleaned).into_iter().collect();
    }
    // Each figure's reader finds only what its patterns match: one search
    // for all of them says which readers have anything to read.
    let holds = FIGURES.matches(&cleaned);
    if !holds.matched_any() {
        return status_claim(path, line, text, &cleaned).into_iter().collect();
    }
    let holds = |figure: Figure| holds.matched(figure as usize);
    let marked = marked_passing(text);
    let about_tests = TEST_WORD.is_match(&cleaned) || context.about_tests();
    let mut found = Vec::new();
    if holds(Figure::PassRate) || holds(Figure::RateFirst) {
        pass_rates(&cleaned, &mut found);
    }
    if holds(Figure::Fraction) {
        fractions(&cleaned, marked || about_tests, &mut found);
    }
    if holds(Figure::TestCounts) {
        test_counts(&cleaned, &mut found);
    }
    if holds(Figure::LabelledCounts) {
        labelled_counts(&cleaned, &mut found);
    }
    if holds(Figure::AllPassing) {
        all_passing(&cleaned, &mut found);
    }
    if holds(Figure::PassedFirst) {
        passed_first(&cleaned, &mut found);
    }
    if marked && holds(Figure::BareCount) {
        bare_counts(&cleaned, &mut found);
    }
    if holds(Figure::CoverageFirst) || holds(Figure::CoverageAfter) {
        stated_coverage(&cleaned, &mut found);
    }
    if holds(Figure::NamedPercent) {
        named_coverage(&cleaned, context.about_coverage(), &mut found);
    }
    if holds(Figure::Issues) || holds(Figure::IssuesInState) {
        issue_counts(&cleaned, &mut found);
    }
    // Overlaps are settled before hedges are dropped, so that a target such
    // as `target pass rate: 100% (196/196 tests)` hides the figures inside it.
    let mut kept: Vec<Found> = without_overlaps(found)
        .into_iter()
        .filter(|f| !is_hedged(&cleaned, f))
        .filter(|f| !only_failures(f) || (about_tests && !mended(&cleaned, f)))
        .collect();
    if kept.is_empty() {
        return status_claim(path, line, text, &cleaned).into_iter().collect();
    }
    take_labels(&cleaned, &mut kept);
    let spans = spans_of(&cleaned, &kept);
    kept.into_iter()
        .zip(spans)
        .map(|(f, (label_end, from, to))| {
            let (mut scopes, mut subset) =
                scopes_of(&cleaned[from..to], f.start.saturating_sub(from)..f.end - from);
            if label_end > 0 {
                let (mut label_scopes, label_subset) = scopes_of(&cleaned[..label_end], 0..0);
                scopes.retain(|s| !label_scopes.contains(s));
                label_scopes.append(&mut scopes);
                scopes = label_scopes;
                subset |= label_subset;
            }
            Claim {
                text: cleaned[f.start..f.end].trim().to_string(),
                kind: f.kind.to_string(),
                subject: f.subject,
                scopes,
                subset,
                figures: f.figures,
                source: Source { path: Arc::clone(path), line },
                evidence: None,
                run: None,
                verdict: Verdict::Unsupported,
                note: None,
                line: Default::default(),
            }
        })
        .collect()
}

/// The pattern each figure's reader starts from, in [`FIGURES`] order.
#[derive(Clone, Copy)]
enum Figure {
    PassRate,
    RateFirst,
    Fraction,
    TestCounts,
    AllPassing,
    PassedFirst,
    LabelledCounts,
    BareCount,
    CoverageFirst,
    CoverageAfter,
    NamedPercent,
    Issues,
    IssuesInState,
}

/// The figures' patterns, in the order of [`Figure`] and of [`FIGURES`].
pub(crate) static FIGURE_PATTERNS: [&WordRegex; 13] = [
    &PASS_RATE,
    &RATE_FIRST,
    &FRACTION,
    &TEST_COUNTS,
    &ALL_PASSING,
    &PASSED_FIRST,
    &LABELLED_COUNTS,
    &BARE_COUNT,
    &COVERAGE_FIRST,
    &COVERAGE_AFTER,
    &NAMED_PERCENT,
    &ISSUES,
    &ISSUES_IN_STATE,
];

/// The patterns of this module, beside [`FIGURE_PATTERNS`], that take
/// longest to compile, for [`crate::parse::prepare`]: the figures' set
/// (made from its patterns' texts, so that it compiles none of them), the
/// status words and test files.
pub(crate) static COSTLY: &[&dyn Prepare] = &[&FIGURES, &STATUS_WORDS, &TEST_FILE];

/// The figures' patterns in one set, searched once per line with a digit:
/// a reader finds a figure only inside a match of its own pattern, so a
/// reader whose pattern the line does not match is not run.
static FIGURES: WordSet =
    WordSet::from_source(|| FIGURE_PATTERNS.iter().map(|regex| regex.source()).collect());

/// Words that say a run, check, build or deploy went through.
const STATUS_PASS: &str = r"(?i)\b(?:succeeded|successful(?:ly)?|pass(?:es|ed|ing)?|green|clean|live|ready|deployed|rolled\s+out|complete[ds]?|no\s+(?:type\s+)?(?:errors|issues|problems)|0\s+(?:errors|problems)|all\s+checks\s+passed|built|(?-i:OK))\b";

/// Words that say it did not.
const STATUS_FAIL: &str = r"(?i)\b(?:fail(?:s|ed|ing|ure|ures)?|red|broken|errored|crash(?:es|ed)?|rolled\s+back|not\s+(?:green|passing|ready|live|clean))\b|\b[1-9][0-9]*\s+(?:errors|problems)\b";

/// A count of things that failed: `52 posts failed`, `3 imports errored`.
static COUNTED_FAILURES: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)\b[0-9][0-9,]*\s+((?:[a-z-]+\s+){1,2})(?:failed|failing|errored|errors?)\b")
        .expect("counted failures pattern is valid")
});

/// Words that quote another's statement rather than make one.
static REPORTED: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)\b(?:called|claimed|claims|said|says|reported\s+as|described\s+as)\b")
        .expect("reported speech pattern is valid")
});

/// A file named in brackets: `(deployments/deploys.json)`, `(see run.log)`.
static NAMED_FILE: WordRegex = WordRegex::new(|| {
    Regex::new(r"\s*\((?:see\s+)?[\w./-]+\.[A-Za-z]{2,5}\)").expect("named file pattern is valid")
});

/// A file name or path: `known-failures.log`, `tests/ci/run.txt`.
static FILE_NAME: WordRegex = WordRegex::new(|| {
    Regex::new(r"[\w./-]*[\w-]\.[A-Za-z][A-Za-z0-9]{1,4}\b").expect("file name pattern is valid")
});

/// Whether `text` holds a dot followed by an ASCII letter, as every
/// [`FILE_NAME`] does: most lines with a dot end a sentence with it.
fn may_name_a_file(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'.', bytes)
        .any(|at| bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic))
}

/// An HTTP exchange in prose (`returned 500`, `HTTP 401`, `202 Accepted`):
/// what a service answered, not a claim about a run (SPEC: not claims).
static HTTP_TALK: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)\b(?:returned|returns|responded|HTTP|status\s+code)\s*:?\s*[1-5][0-9]{2}\b|\b[1-5][0-9]{2}\s+(?:Accepted|Created|OK|Internal|Bad\s+Request|Unauthorized|Forbidden|Not\s+Found|Unprocessable)\b",
    )
    .expect("HTTP pattern is valid")
});

/// [`STATUS_PASS`] and [`STATUS_FAIL`], in that order, searched for in one pass.
static STATUS_WORDS: WordSet =
    WordSet::from_source(|| vec![STATUS_PASS.to_string(), STATUS_FAIL.to_string()]);

/// A statement that something passed or failed with no figure: `Latest
/// deploy to Render succeeded ✅`, `mypy clean`, `Frontend passes too`, `CI
/// is red`. It is kept by the linker only when its line names evidence to
/// check it against; elsewhere such words are a task's status, not a claim.
fn status_claim(path: &Arc<str>, line: usize, raw: &str, cleaned: &str) -> Option<Claim> {
    if cleaned.is_empty() {
        return None;
    }
    // The words of the line, not of the files it names: `known-failures.log`
    // says nothing about how the run went. Most lines say neither, so this
    // comes before the checks that turn a status away.
    // A file name holds a dot; most lines have none to look for.
    let words = match may_name_a_file(cleaned) {
        true => FILE_NAME.replace_all(cleaned, " "),
        false => Cow::Borrowed(cleaned),
    };
    let said = STATUS_WORDS.matches(&words);
    let fails = said.matched(1) || marked_failing(raw);
    let passes = said.matched(0) || marked_passing(raw);
    if !(passes || fails) || HTTP_TALK.is_match(cleaned) || HEDGE_WORD.is_match(cleaned) {
        return None;
    }
    // Reported speech (`the run the summary called green`) is someone
    // else's claim, quoted.
    if REPORTED.is_match(cleaned) {
        return None;
    }
    // `52 posts failed to import` counts things that are not runs.
    if COUNTED_FAILURES.captures_iter(cleaned).any(|caps| !TEST_WORD.is_match(&caps[1])) {
        return None;
    }
    let outcome = if fails { Outcome::Fail } else { Outcome::Pass };
    let (scopes, subset) = scopes_of(cleaned, 0..0);
    // The evidence a line names in brackets is where to check, not what it says.
    let said = NAMED_FILE.replace_all(cleaned, "");
    let text: String = said.trim().chars().take(120).collect();
    Some(Claim {
        text: text.trim().to_string(),
        kind: "status".to_string(),
        subject: None,
        scopes,
        subset,
        figures: Figures { outcome: Some(outcome), ..Figures::default() },
        source: Source { path: Arc::clone(path), line },
        evidence: None,
        run: None,
        verdict: Verdict::Unsupported,
        note: None,
        line: Default::default(),
    })
}

/// Whether the line carries a pass marker (✅, ✓, ✔, ☑) and no fail marker
/// (❌, ✗, ✘): what makes a bare `46 tests` beside it a passing run.
fn marked_passing(text: &str) -> bool {
    may_hold_marks(text)
        && text.contains(['\u{2705}', '\u{2713}', '\u{2714}', '\u{2611}'])
        && !marked_failing(text)
}

/// Whether the line carries a fail marker (❌, ✗, ✘).
fn marked_failing(text: &str) -> bool {
    may_hold_marks(text) && text.contains(['\u{274C}', '\u{2717}', '\u{2718}'])
}

/// Whether a test claim states failures, errors or skips only: `3 failed`,
/// `0 failures`, `500 errors`, which speak of tests only when a test word is near.
fn only_failures(f: &Found) -> bool {
    f.kind == "tests" && f.figures.passed.is_none() && f.figures.percent.is_none()
}

/// Verbs that make a count of failures a story of their fix: `Fixed the 3
/// failing tests`, `resolved 2 tests failing on CI`.
static MENDED: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)\b(?:fix|fixed|fixes|fixing|resolved?|repaired|debugged|addressed|investigated|quarantined)\b",
    )
    .expect("mended pattern is valid")
});

/// Whether a count of failures follows a fix verb in its clause, so tells of
/// failures that were, not of a run's result.
fn mended(text: &str, f: &Found) -> bool {
    let before = window_before(text, f.start);
    MENDED.is_match(&before[before.rfind([';', ',', '.', '|']).map_or(0, |i| i + 1)..])
}

/// Moves each claim's start back over a label of suite names right before
/// it, which is part of what it says: `Backend: 120/120 tests passed`,
/// `Frontend vitest: 88/88`; never into the claim before it.
fn take_labels(text: &str, kept: &mut [Found]) {
    let mut prev_end = 0;
    for f in kept.iter_mut() {
        let before = &text[prev_end..f.start.max(prev_end)];
        let from = before.rfind([';', '|', ',']).map_or(0, |i| i + 1);
        let lead = before[from..].trim();
        let label = lead.trim_end_matches([':', '-', '–', '—']).trim_end();
        if !label.is_empty() && label.len() < lead.len() && SCOPE_LABEL.is_match(label) {
            let skipped = before[from..].len() - before[from..].trim_start().len();
            f.start = prev_end + from + skipped;
        }
        prev_end = f.end;
    }
}

/// Where each claim's own part of the line starts and ends, and where the
/// label of a table row (its first cell) ends, 0 for none. The text between
/// two claims is cut at its first `,`, `;` or `|`, the part before going to
/// the earlier claim and the rest to the later; the first claim has the
/// line's start, the last the rest of the line up to a `;` or `|`. A claim
/// in a table cell (`T-7: Webhooks | Backend Agent | 0 failures | Done`)
/// has its own cell and the row's first, not the cells between.
fn spans_of(text: &str, kept: &[Found]) -> Vec<(usize, usize, usize)> {
    let mut spans = Vec::with_capacity(kept.len());
    let mut from = 0;
    for (idx, f) in kept.iter().enumerate() {
        let cut = match kept.get(idx + 1) {
            Some(next) => {
                let gap = &text[f.end..next.start.max(f.end)];
                gap.find([',', ';', '|']).map_or(f.end, |i| f.end + i + 1)
            }
            None => text[f.end..].find([';', '|']).map_or(text.len(), |i| f.end + i),
        };
        let lead = &text[from..f.start.max(from)];
        let (label_end, own_from) = match (lead.find('|'), lead.rfind('|')) {
            (Some(first), Some(last)) => (if idx == 0 { first } else { 0 }, from + last + 1),
            _ => (0, from),
        };
        spans.push((label_end, own_from, cut));
        from = cut;
    }
    spans
}

/// The suites a claim's part of the line names, lowercase and in order
/// (`pytest`, `backend`, `test_auth.py`), and whether it speaks of part of
/// a run: a named test file, a subset word (`focused`, `new`, `these`),
/// tests for something (`tests for the login bug`), a runner filter
/// (`-k auth`) or `the 4 auth tests`; never when it says `full suite`.
/// `claim` is where the claim's own text lies in `span`: outside it, a
/// suite after a count (`(29 unit tests + 8 integration tests)`) is a
/// breakdown of the run, not the run the claim names.
fn scopes_of(span: &str, claim: std::ops::Range<usize>) -> (Vec<String>, bool) {
    let mut scopes: Vec<String> = Vec::new();
    let mut add = |name: String| {
        if !scopes.contains(&name) {
            scopes.push(name);
        }
    };
    let files: Vec<(usize, usize)> = TEST_FILE
        .find_iter(span)
        .filter(|m| names_tests(m.as_str()))
        .map(|m| {
            add(m.as_str().trim_matches(['.', '/']).to_lowercase());
            (m.start(), m.end())
        })
        .collect();
    let in_file = |m: &regex::Match<'_>| {
        files.iter().any(|&(start, end)| (start..end).contains(&m.start()))
            || in_path(span, m.start(), m.end())
            || (!claim.contains(&m.start())
                && span[..m.start()].trim_end().ends_with(|c: char| c.is_ascii_digit()))
    };
    let mut words: Vec<(usize, String)> = SCOPE_WORD
        .find_iter(span)
        .filter(|m| !in_file(m))
        .map(|m| (m.start(), scope_name(m.as_str())))
        .chain(GO.find_iter(span).filter(|m| !in_file(m)).map(|m| (m.start(), "go".to_string())))
        .collect();
    words.sort_by_key(|&(at, _)| at);
    for (_, name) in words {
        add(name);
    }
    let named_part = THE_NAMED.captures_iter(span).any(|caps| {
        let qualifiers = caps.get(1).map_or("", |m| m.as_str()).to_lowercase();
        let words: Vec<&str> = qualifiers.split_whitespace().collect();
        !words.iter().all(|w| WHOLE_SUITE_WORDS.contains(w))
            && !words.iter().any(|w| NOT_QUALIFIERS.contains(w))
    });
    let subset = (!files.is_empty()
        || SUBSET_WORD.is_match(span)
        || SUBSET_PHRASE.is_match(span)
        || named_part)
        && !WHOLE_RUN.is_match(span);
    (scopes, subset)
}

/// Whether the word at `start..end` is part of a path, a file name or an
/// address (`backend` in `tests/2026-03-01-backend-pytest.txt`, `web` in
/// `apps/web`), which names where something is, not the suite a claim is about.
fn in_path(text: &str, start: usize, end: usize) -> bool {
    /// How far either side a path is looked for, so a long token stays linear.
    const REACH: usize = 80;
    let joins = |c: char| c.is_alphanumeric() || "_-/\\".contains(c);
    let mut from = start;
    while let Some(c) = text[..from].chars().next_back().filter(|_| start - from < REACH) {
        let dotted =
            c == '.' && text[..from - 1].chars().next_back().is_some_and(char::is_alphanumeric);
        if !(joins(c) || dotted) {
            break;
        }
        from -= c.len_utf8();
    }
    let mut to = end;
    while let Some(c) = text[to..].chars().next().filter(|_| to - end < REACH) {
        let dotted = c == '.' && text[to + 1..].chars().next().is_some_and(char::is_alphanumeric);
        if !(joins(c) || dotted) {
            break;
        }
        to += c.len_utf8();
    }
    let around = [&text[from..start], &text[end..to]];
    around.iter().any(|part| part.contains(['/', '\\', '.']))
}

/// Whether a file name found by `TEST_FILE` names tests: `test` or `spec`
/// starts a word of its last part (`test_auth.py`, `auth.spec.ts`,
/// `AuthTests.swift`), not the middle of one (`vitest.config.ts`,
/// `conftest.py`, `inspect.py`).
fn names_tests(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let lower = name.to_ascii_lowercase();
    ["test", "spec"].iter().any(|word| {
        lower.match_indices(word).any(|(at, _)| {
            let before = name[..at].chars().next_back();
            let first = name[at..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                || (before.is_some_and(char::is_lowercase) && first.is_some_and(char::is_uppercase))
        })
    })
}

/// The kept name of a scope word: `back-end` is `backend`, `end-to-end` is
/// `e2e`, `py.test` is `pytest`, and the rest are lowercased.
fn scope_name(word: &str) -> String {
    let lower = word.to_lowercase();
    match lower.as_str() {
        "back-end" => "backend".to_string(),
        "front-end" => "frontend".to_string(),
        "end-to-end" => "e2e".to_string(),
        "py.test" => "pytest".to_string(),
        _ => lower,
    }
}

/// The line without emphasis, code ticks, emoji and leading list markup.
fn clean_line(text: &str) -> String {
    // Every prose line comes here and most have none of these marks: each
    // step copies the line only when it has something to change.
    let mut plain = Cow::Borrowed(text);
    for mark in ["**", "__"] {
        if plain.contains(mark) {
            plain = Cow::Owned(plain.replace(mark, ""));
        }
    }
    let blank = |c: char| c == '`' || c == '\r' || is_emoji(c);
    if may_hold_blanks(&plain) && plain.contains(blank) {
        plain = Cow::Owned(plain.chars().map(|c| if blank(c) { ' ' } else { c }).collect());
    }
    LEADING.replace(&plain, "").trim().to_string()
}

/// Pictographs, dingbats and the variation selector that dresses them.
fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x2300..=0x27BF | 0x2B00..=0x2BFF | 0x1F000..=0x1FAFF | 0xFE0F)
}

/// Whether `text` holds a byte that can begin what [`clean_line`] blanks:
/// a code tick, a carriage return, or the first byte of an [`is_emoji`]
/// character in UTF-8 (`E2` for U+2000 to U+2FFF, `EF` for U+F000 to
/// U+FFFF, `F0` for U+10000 to U+3FFFF). A line without one is not read a
/// character at a time.
fn may_hold_blanks(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, b'`' | b'\r' | 0xE2 | 0xEF | 0xF0))
}

/// Whether `text` holds a byte that begins a character of U+2000 to
/// U+2FFF in UTF-8, as every pass and fail mark does.
fn may_hold_marks(text: &str) -> bool {
    memchr::memchr(0xE2, text.as_bytes()).is_some()
}

/// A count as written, thousands separators allowed; None when it overflows:
/// `99999999999999999999 passed` is no figure any run has, so it is not
/// read as a claim (see `refuses_impossible_figures`).
fn count(text: &str) -> Option<u64> {
    text.replace(',', "").parse().ok()
}

/// A percentage, refused above 100.
fn percent(text: &str) -> Option<f64> {
    text.replace(',', ".").parse::<f64>().ok().filter(|p| (0.0..=100.0).contains(p))
}

/// `Frontend Test Pass Rate: 99.3% (732/735 tests)` and `87% pass rate`.
fn pass_rates(text: &str, found: &mut Vec<Found>) {
    for caps in PASS_RATE.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let Some(rate) = percent(&caps[1]) else { continue };
        let passed = caps.get(2).and_then(|m| count(m.as_str()));
        let total = caps.get(3).and_then(|m| count(m.as_str()));
        if passed.zip(total).is_some_and(|(p, t)| p > t) {
            continue;
        }
        let (start, subject) = subject_before(text, whole.start());
        let figures = Figures { passed, total, percent: Some(rate), ..Figures::default() };
        found.push(Found { start, end: whole.end(), kind: "tests", subject, figures });
    }
    for caps in RATE_FIRST.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let Some(rate) = percent(&caps[1]) else { continue };
        let figures = Figures { percent: Some(rate), ..Figures::default() };
        found.push(Found::spanning(&whole, "tests", figures));
    }
}

/// `196/196 tests passed (100%)`, `12/12 passed`, `732/735 tests`, `2/50 tests failed`,
/// `45 of 46 specs passing`, `Tests: 88/88`; and `Frontend: 88/88` when
/// `vouched` (a pass marker on the line or a test word near it).
fn fractions(text: &str, vouched: bool, found: &mut Vec<Found>) {
    for caps in FRACTION.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let mut outcome = caps.get(5).map(|m| m.as_str().to_ascii_lowercase());
        let mut start = whole.start();
        let mut end = whole.end();
        // A bare fraction (`3/4`) says nothing about tests, unless a label
        // such as `Tests:` comes right before it, or a suite's name
        // (`Backend: 120/120`) on a line that speaks of tests.
        if caps.get(3).is_none() && outcome.is_none() {
            let before = window_before(text, start);
            if let Some(label) = TESTS_LABEL.find(before) {
                start -= before.len() - label.start();
                // `tests passed (14/14)` keeps its closing bracket.
                if label.as_str().contains('(') && text[end..].starts_with(')') {
                    end += 1;
                }
            } else if !(vouched && scope_labelled(text, start) && ends_clause(&text[whole.end()..]))
            {
                continue;
            }
        }
        // `12/12 passed in tests/x.py` is not `passed in` qualifying tests:
        // such words end the fraction at its outcome, if it has one.
        if caps.get(4).is_some_and(|m| not_qualifying(m.as_str())) {
            let total_end = caps.get(2).map_or(end, |m| m.end());
            let Some(next) = captures(&OUTCOME_NEXT, &text[total_end..]) else { continue };
            end = total_end + next[0].len();
            outcome = Some(next[1].to_ascii_lowercase());
        }
        let (Some(part), Some(total)) = (count(&caps[1]), count(&caps[2])) else { continue };
        if part > total {
            continue;
        }
        let failing = outcome.as_deref().is_some_and(fails);
        let figures = Figures {
            passed: (!failing).then_some(part),
            failed: failing.then_some(part),
            total: Some(total),
            percent: caps.get(6).filter(|m| m.end() <= end).and_then(|m| percent(m.as_str())),
            ..Figures::default()
        };
        found.push(Found { start, end, kind: "tests", subject: None, figures });
    }
}

/// Whether the words between a count and `tests` tie the tests to
/// something else (`3/4 modules have tests`) rather than qualify them.
fn not_qualifying(words: &str) -> bool {
    words.split_whitespace().any(|w| NOT_QUALIFIERS.contains(&w.to_ascii_lowercase().as_str()))
}

/// Whether a run's counts follow a label that counts something other than
/// tests: `Test Suites: 3 passed`, `Test Files 3 passed`.
fn counts_other_things(text: &str, start: usize) -> bool {
    NOT_TESTS_LABEL.is_match(window_before(text, start))
}

/// Adds one count of a run to its slot by outcome; whether it is a count of
/// passes or failures rather than skips, errors or a total.
fn add_outcome(figures: &mut Figures, outcome: &str, n: u64) -> bool {
    let outcome = outcome.to_lowercase();
    let slot = match outcome.as_str() {
        o if passes(o) => &mut figures.passed,
        "skipped" | "skip" | "skips" | "pending" | "ignored" => &mut figures.skipped,
        "total" | "examples" | "completed" | "executed" | "run" | "ran" => &mut figures.total,
        o if o.starts_with("test") => &mut figures.total,
        _ => &mut figures.failed,
    };
    *slot = Some(slot.unwrap_or(0).saturating_add(n));
    passes(&outcome) || fails(&outcome)
}

/// Pass words of other languages: German, French, Spanish.
const PASSES_ELSEWHERE: [&str; 9] = [
    "bestanden",
    "erfolgreich",
    "réussi",
    "réussis",
    "pasaron",
    "pasada",
    "pasadas",
    "exitosa",
    "exitosas",
];

/// Failure words of other languages: German, French, Spanish.
const FAILS_ELSEWHERE: [&str; 6] =
    ["fehlgeschlagen", "échoué", "échoués", "fallaron", "fallida", "fallidas"];

/// Whether a lowercase outcome word says tests passed.
fn passes(outcome: &str) -> bool {
    matches!(outcome, "passed" | "passing" | "pass" | "green" | "succeeded" | "successful")
        || PASSES_ELSEWHERE.contains(&outcome)
}

/// Whether a lowercase outcome word says tests failed.
fn fails(outcome: &str) -> bool {
    matches!(outcome, "failed" | "failing" | "fail" | "failure" | "failures")
        || FAILS_ELSEWHERE.contains(&outcome)
}

/// The passes a run's total, failures and skips leave, when it names no
/// passes: `120 examples, 2 failures` passed 118.
fn derive_passed(figures: &mut Figures) {
    if figures.passed.is_none()
        && let (Some(total), Some(failed)) = (figures.total, figures.failed)
    {
        figures.passed = total
            .checked_sub(failed)
            .and_then(|rest| rest.checked_sub(figures.skipped.unwrap_or(0)));
    }
}

/// `48 passed, 2 failed, 3 skipped`, `2 failed | 61 passed (63)`,
/// `All 196 tests passing`, `196 tests passing (100% pass rate)`, `0 failures`,
/// `75 PASS / 0 FAIL`, `7 Playwright specs passed`, `312 tests pass`.
fn test_counts(text: &str, found: &mut Vec<Found>) {
    for caps in TEST_COUNTS.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        if counts_other_things(text, whole.start()) {
            continue;
        }
        let mut figures = Figures::default();
        let mut stated = false;
        let mut tied = false;
        for item in TEST_ITEM_PARTS.captures_iter(whole.as_str()) {
            let Some(n) = count(&item[1]) else { continue };
            tied |= item.get(2).is_some_and(|m| not_qualifying(m.as_str()));
            // `12 run` or `3 ran` counts tests only as `12 tests run`.
            tied |= item.get(3).is_none()
                && matches!(
                    item[4].to_ascii_lowercase().as_str(),
                    "run" | "ran" | "completed" | "executed"
                );
            stated |= add_outcome(&mut figures, &item[4], n);
        }
        // Skips, errors or a total alone are not a statement about passing tests.
        if !stated || tied {
            continue;
        }
        let says_all = whole.as_str().split_whitespace().any(|w| w.eq_ignore_ascii_case("all"));
        figures.total = caps
            .get(1)
            .and_then(|m| count(m.as_str()))
            .or(figures.total)
            .or_else(|| figures.passed.zip(figures.failed).map(|(p, f)| p.saturating_add(f)))
            .or(if says_all && figures.failed.is_none() { figures.passed } else { None });
        figures.percent = caps.get(2).and_then(|m| percent(m.as_str()));
        derive_passed(&mut figures);
        found.push(Found::spanning(&whole, "tests", figures));
    }
}

/// `All tests pass (312)`, `Tests: 196 (all passing)`, `46 tests, all green`.
fn all_passing(text: &str, found: &mut Vec<Found>) {
    for caps in ALL_PASSING.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        if caps.get(1).or(caps.get(5)).is_some_and(|m| not_qualifying(m.as_str())) {
            continue;
        }
        let n = caps.get(2).or(caps.get(3)).or(caps.get(4)).or(caps.get(6));
        let Some(n) = n.and_then(|m| count(m.as_str())) else { continue };
        let figures = Figures { passed: Some(n), total: Some(n), ..Figures::default() };
        found.push(Found::spanning(&whole, "tests", figures));
    }
}

/// `passed 1,150 tests across 41 groups`, `passes all 40 specs`.
fn passed_first(text: &str, found: &mut Vec<Found>) {
    for caps in PASSED_FIRST.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        if caps.get(3).is_some_and(|m| not_qualifying(m.as_str())) {
            continue;
        }
        let Some(n) = caps.get(2).and_then(|m| count(m.as_str())) else { continue };
        let total = caps.get(1).map(|_| n);
        let figures = Figures { passed: Some(n), total, ..Figures::default() };
        found.push(Found::spanning(&whole, "tests", figures));
    }
}

/// `PASS: 75, FAIL: 0`, `Passed: 12 | Failed: 1 | Total: 13`.
fn labelled_counts(text: &str, found: &mut Vec<Found>) {
    for caps in LABELLED_COUNTS.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        // `Failed: 3/10` is a fraction, `Passed: 98%` a rate: not counts.
        let rest = &text[whole.end()..];
        if rest.trim_start().starts_with(['/', '%', '.']) {
            continue;
        }
        // `Passed: 12 tests` counts tests; `Passed: 12 deploys` counts something
        // else, and in `FAILED: 30 tests failing` the label heads a count of its own.
        let mut end = whole.end();
        if rest.starts_with(char::is_whitespace)
            && rest.trim_start().starts_with(char::is_alphabetic)
        {
            let Some(noun) = NOUN_NEXT.find(rest) else { continue };
            if OUTCOME_NEXT.is_match(&rest[noun.end()..]) {
                continue;
            }
            end += noun.end();
        }
        if counts_other_things(text, whole.start()) {
            continue;
        }
        let mut figures = Figures::default();
        let mut stated = false;
        for item in LABELLED_PARTS.captures_iter(whole.as_str()) {
            let Some(n) = count(&item[2]) else { continue };
            stated |= add_outcome(&mut figures, &item[1], n);
        }
        if !stated {
            continue;
        }
        figures.total = figures
            .total
            .or_else(|| figures.passed.zip(figures.failed).map(|(p, f)| p.saturating_add(f)));
        derive_passed(&mut figures);
        found.push(Found { start: whole.start(), end, kind: "tests", subject: None, figures });
    }
}

/// The words that may follow a bare count of tests (`46 tests total ✅`);
/// any other (`46 tests written`, `12 tests across 3 files`) makes it a
/// count of work done, not a passing run.
const BARE_ALLOWED_AFTER: [&str; 4] = ["total", "ok", "green", "all"];

/// Words between a bare count and `tests` that make it a count of work done:
/// `✅ 12 new tests`, `✅ 4 added specs`.
static WORK_DONE: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)\b(?:add|added|adds|adding|wrote|write|writes|written|writing|created?|creates|creating|new|planned|more|extra|additional)\b",
    )
    .expect("work done pattern is valid")
});

/// A label made only of suite and test words, which may stand before a bare
/// count: `Backend:`, `Unit + integration tests`, `pytest —`.
static SCOPE_LABEL: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)^(?:(?:pytest|py\.test|vitest|jest|playwright|cypress|cargo|go|backend|back-end|frontend|front-end|api|e2e|end-to-end|unit|integration|web|mobile|cli|tests?|specs?|suites?|all)\b[\s+&/,()]*)+$",
    )
    .expect("scope label pattern is valid")
});

/// Whether a figure at `start` begins its clause (after a `;` or `|`), or
/// follows only a label of suite names ending in a colon or dash
/// (`Backend:`, `E2E (Playwright) —`).
fn scope_labelled(text: &str, start: usize) -> bool {
    let before = window_before(text, start);
    let lead = before[before.rfind([';', '|']).map_or(0, |i| i + 1)..].trim();
    let label = lead.trim_end_matches([':', '-', '–', '—']).trim_end();
    lead.is_empty() || (label.len() < lead.len() && SCOPE_LABEL.is_match(label))
}

/// Whether the text after a bare figure ends its clause: nothing, a
/// bracket or punctuation, or `total`, `ok`, `green`, `all`; not a unit
/// (`/day`, `%`) nor a noun (`46 tests written`, `3/5 endpoints`).
fn ends_clause(rest: &str) -> bool {
    let rest = rest.trim_start();
    let next_word: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
    !rest.starts_with(['/', '%', '+'])
        && (next_word.is_empty() || BARE_ALLOWED_AFTER.contains(&next_word.to_lowercase().as_str()))
}

/// `✅ 46 tests`, `46 tests ✅`, `Backend: 120 tests ✅`, `Unit tests: 46 ✅`:
/// a bare count of tests on a line with a pass marker, when the count starts
/// its clause or follows a label of suite words, and no word but `total`,
/// `ok`, `green` or `all` follows it. `✅ Parser: 12 tests` counts a module's
/// tests and `✅ Added 46 tests` work done: neither is a run.
fn bare_counts(text: &str, found: &mut Vec<Found>) {
    for caps in BARE_COUNT.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let Some(n) = caps.get(1).or(caps.get(2)).and_then(|m| count(m.as_str())) else {
            continue;
        };
        if caps.get(3).is_some_and(|m| not_qualifying(m.as_str()) || WORK_DONE.is_match(m.as_str()))
        {
            continue;
        }
        // `Unit tests: 46` carries its own label, which may follow a suite's
        // name; `Backend: 120 tests` needs a label with a colon or dash.
        let starts_clause = if caps.get(1).is_some() {
            let before = window_before(text, whole.start());
            let lead = before[before.rfind([';', '|']).map_or(0, |i| i + 1)..].trim();
            lead.is_empty() || SCOPE_LABEL.is_match(lead)
        } else {
            scope_labelled(text, whole.start())
        };
        if !(starts_clause && ends_clause(&text[whole.end()..])) {
            continue;
        }
        let figures = Figures { passed: Some(n), ..Figures::default() };
        found.push(Found::spanning(&whole, "tests", figures));
    }
}

/// `Backend Coverage: ~60%`, `coverage at 81%`, `77% code coverage`.
fn stated_coverage(text: &str, found: &mut Vec<Found>) {
    for caps in COVERAGE_FIRST.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let now = caps.get(2).or(caps.get(1)).map_or("", |m| m.as_str());
        let Some(value) = percent(now) else { continue };
        let (start, subject) = subject_before(text, whole.start());
        let figures = Figures { percent: Some(value), ..Figures::default() };
        found.push(Found { start, end: whole.end(), kind: "coverage", subject, figures });
    }
    for caps in COVERAGE_AFTER.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let Some(value) = percent(&caps[1]) else { continue };
        let figures = Figures { percent: Some(value), ..Figures::default() };
        found.push(Found::spanning(&whole, "coverage", figures));
    }
}

/// Words in a name that make `Name: N%` something other than measured
/// coverage of that name: a keyword, a target, an average, a risk's
/// likelihood, a score, progress of a phase, or a service's rates.
const NOT_MEASURED: [&str; 39] = [
    "coverage",
    "couverture",
    "cobertura",
    "copertura",
    "abdeckung",
    "testabdeckung",
    "target",
    "targets",
    "goal",
    "avg",
    "average",
    "threshold",
    "minimum",
    "min",
    "max",
    "likelihood",
    "probability",
    "chance",
    "risk",
    "confidence",
    "impact",
    "severity",
    "progress",
    "complete",
    "completion",
    "done",
    "score",
    "effort",
    "budget",
    "phase",
    "sprint",
    "milestone",
    "week",
    "uptime",
    "availability",
    "rate",
    "error",
    "errors",
    "latency",
];

/// `Router (91%)`, `Engine: 91%`, when the context or the line before the
/// figure speaks of coverage.
fn named_coverage(text: &str, coverage_context: bool, found: &mut Vec<Found>) {
    // Where the line first says coverage, found once so long lines stay linear.
    let said_at = COVERAGE_WORD.find(text).map(|m| m.end());
    for caps in NAMED_PERCENT.captures_iter(text) {
        let Some(name) = caps.get(1) else { continue };
        let Some(whole) = caps.get(0) else { continue };
        if !coverage_context && said_at.is_none_or(|at| at > name.start()) {
            continue;
        }
        let value = caps.get(2).or(caps.get(3)).and_then(|m| percent(m.as_str()));
        let Some(value) = value else { continue };
        let lower = name.as_str().to_lowercase();
        // A name that is itself a coverage keyword is read by `stated_coverage`;
        // one that speaks of a target or an average is not a measured figure.
        if lower.split_whitespace().any(|w| NOT_MEASURED.contains(&w)) {
            continue;
        }
        let subject = (!matches!(lower.as_str(), "total" | "overall" | "all"))
            .then(|| name.as_str().to_string());
        let figures = Figures { percent: Some(value), ..Figures::default() };
        found.push(Found {
            start: name.start(),
            end: whole.end(),
            kind: "coverage",
            subject,
            figures,
        });
    }
}

/// `Total Issues: 75 (37 open, 37 closed, 8 blocked)`, `24 issues (…)`, `12 open issues`.
fn issue_counts(text: &str, found: &mut Vec<Found>) {
    for caps in ISSUES.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let total = caps.get(1).or(caps.get(2)).or(caps.get(3)).and_then(|m| count(m.as_str()));
        let Some(total) = total else { continue };
        let mut figures = Figures { total: Some(total), ..Figures::default() };
        let breakdown = caps.get(5).map_or("", |m| m.as_str());
        let stated = read_issue_states(breakdown, &mut figures);
        // A bracket that holds no counts (`24 issues (see tracker)`) is not part of the claim.
        let end = match caps.get(4) {
            Some(bracket) if !stated => bracket.start(),
            _ => whole.end(),
        };
        // `Ready Issues: 12` counts some issues, not all: the word before is the subject.
        let (start, subject) = match caps.get(2) {
            Some(_) => qualifier_before(text, whole.start()),
            None => (whole.start(), None),
        };
        found.push(Found { start, end, kind: "issues", subject, figures });
    }
    for caps in ISSUES_IN_STATE.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let mut figures = Figures::default();
        read_issue_states(whole.as_str(), &mut figures);
        found.push(Found::spanning(&whole, "issues", figures));
    }
}

/// The word right before `Issues:` that qualifies it (`Ready`, `Open`), as
/// the new start of the claim and its subject.
fn qualifier_before(text: &str, start: usize) -> (usize, Option<String>) {
    let before = &text[..start];
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() == before.len() {
        return (start, None);
    }
    let word_start = trimmed
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |idx| idx + trimmed[idx..].chars().next().map_or(1, char::len_utf8));
    let word = &trimmed[word_start..];
    if word.is_empty() || !word.chars().next().is_some_and(char::is_alphabetic) {
        return (start, None);
    }
    (word_start, Some(word.to_string()))
}

/// Fills open, closed and blocked from `37 open, 37 closed, 8 blocked`;
/// whether any count was there.
fn read_issue_states(text: &str, figures: &mut Figures) -> bool {
    let mut stated = false;
    for caps in ISSUE_STATE.captures_iter(text) {
        let Some(n) = count(&caps[1]) else { continue };
        let slot = match caps[2].to_ascii_lowercase().as_str() {
            "open" => &mut figures.open,
            "blocked" | "blocking" => &mut figures.blocked,
            _ => &mut figures.closed,
        };
        *slot = Some(slot.unwrap_or(0).saturating_add(n));
        stated = true;
    }
    stated
}

/// The capitalised words right before `start` that name what a figure is
/// about, and where the claim then starts. Words such as `Total` or `The`
/// are not subjects.
fn subject_before(text: &str, start: usize) -> (usize, Option<String>) {
    const NOT_SUBJECTS: [&str; 9] =
        ["the", "our", "overall", "total", "current", "final", "new", "all", "strong"];
    let window = window_before(text, start);
    let offset = start - window.len();
    let Some(words) = captures(&SUBJECT, window).and_then(|caps| caps.get(1)) else {
        return (start, None);
    };
    let mut at = offset + words.start();
    let mut rest = words.as_str();
    while let Some(word) = rest.split_whitespace().next() {
        if !NOT_SUBJECTS.contains(&word.to_lowercase().as_str()) {
            break;
        }
        let after = rest[word.len()..].trim_start();
        at += rest.len() - after.len();
        rest = after;
    }
    let subject = text[at..start].trim();
    if subject.is_empty() { (start, None) } else { (at, Some(subject.to_string())) }
}

/// The last few dozen bytes of `text[..end]`, cut on a character boundary.
/// Subjects and hedge words sit right before a figure, and looking no further
/// keeps a very long line linear.
fn window_before(text: &str, end: usize) -> &str {
    const WINDOW: usize = 96;
    let mut start = end.saturating_sub(WINDOW);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..end]
}

/// Keeps the leftmost, then longest, of overlapping claims.
fn without_overlaps(mut found: Vec<Found>) -> Vec<Found> {
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Found> = Vec::new();
    for f in found {
        if kept.last().is_none_or(|last| f.start >= last.end) {
            kept.push(f);
        }
    }
    kept
}

/// Whether a claim is a target, a bound or a range rather than a stated fact:
/// a `+` right after it (`85%+`), a `>`/`<` or a dash right before its number
/// (`>90%`, `80-90%`), or a hedge word (`target`, `should`, …) earlier in its
/// clause or right after it.
fn is_hedged(text: &str, f: &Found) -> bool {
    let before = window_before(text, f.start);
    let after = &text[f.end..];
    if after.starts_with('+') {
        return true;
    }
    let touching = before.chars().next_back();
    if touching.is_some_and(|c| c.is_alphanumeric() || "+-–/.".contains(c)) {
        return true;
    }
    if before.trim_end().ends_with(['>', '<', '≥', '≤']) {
        return true;
    }
    let clause_start = before.rfind(['(', '[', ';', ',', '|', '.']).map_or(0, |i| i + 1);
    let clause: Vec<&str> = before[clause_start..].split_whitespace().collect();
    let recent = clause[clause.len().saturating_sub(6)..].join(" ");
    // A subject such as `Target` in `Target pass rate: …` hedges the claim too.
    if hedges(&recent) || f.subject.as_deref().is_some_and(hedges) {
        return true;
    }
    // A figure followed by one of these words is a target or a change, not a level.
    let next_word = after.trim_start().split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    matches!(
        next_word.to_lowercase().as_str(),
        "target"
            | "targets"
            | "or"
            | "complete"
            | "completed"
            | "done"
            | "finished"
            | "likely"
            | "likelihood"
            | "probability"
            | "chance"
            | "confidence"
            | "progress"
            | "goal"
            | "expected"
            | "required"
            | "threshold"
            | "gain"
            | "increase"
            | "improvement"
            | "drop"
            | "decrease"
            | "boost"
            | "jump"
    )
}

/// Whether words hold a hedge word; `targeted` before tests (`ran the
/// targeted tests`) names a subset, not an aim.
fn hedges(words: &str) -> bool {
    HEDGE_WORD.find_iter(words).any(|m| {
        !(m.as_str().eq_ignore_ascii_case("targeted") && TESTS_NEXT.is_match(&words[m.end()..]))
    })
}

/// Tests right after a word: ` tests`, ` auth specs`, ` suite`.
static TESTS_NEXT: WordRegex =
    WordRegex::from_source(|| expand_test(r"(?i)^\s+(?:QUALIFIER\s+)?(?:NOUN|suites?)\b"));

/// Commit hashes named in one line: `**c31486f** - docs(x): …`, `**Last Commit**: e2f3c55 (…)`,
/// `commit 7c58d7f`, `` `a1b2c3d` ``, `(abc1234)` after the word commit/sha.
/// 7-12, 40 or 64 lowercase hex chars with at least one digit and at least one letter; not part of a
/// longer word, not a colour `#c0ffee`, not inside a URL or path.
pub fn commits_in(line: usize, text: &str) -> Vec<Reference> {
    let mut urls = URL.find_iter(text).map(|m| (m.start(), m.end())).peekable();
    let mut seen = HashSet::new();
    let mut refs: Vec<Reference> = Vec::new();
    for m in hex_runs(text) {
        // Both runs come in order, so one pass over the URLs serves all hashes.
        while urls.next_if(|&(_, url_end)| url_end <= m.start).is_some() {}
        let in_url = urls.peek().is_some_and(|&(url_start, _)| url_start <= m.start);
        let hash = &text[m.clone()];
        let mixed = hash.bytes().any(|b| b.is_ascii_digit())
            && hash.bytes().any(|b| b.is_ascii_lowercase());
        // git abbreviates to 7-12 digits and writes 40 (SHA-1) or 64
        // (SHA-256) in full; other runs are other ids (a 24-digit
        // database id, a 32-digit checksum).
        let hash_length = matches!(hash.len(), 7..=12 | 40 | 64);
        if mixed
            && hash_length
            && !in_url
            && stands_alone(text, m.start, m.end)
            && seen.insert(hash)
        {
            refs.push(Reference { kind: RefKind::Commit, target: hash.to_string(), line });
        }
    }
    refs
}

/// Whether the hex run at `start..end` is a word of its own, not part of a
/// longer word, a colour, a path, a file name or a version string.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    if before.is_some_and(|c| c.is_alphanumeric() || "_#/\\-@.$%".contains(c)) {
        return false;
    }
    let mut after = text[end..].chars();
    match after.next() {
        None => true,
        Some('.') => !after.next().is_some_and(|c| c.is_alphanumeric()),
        Some(c) => !(c.is_alphanumeric() || "_/\\-@".contains(c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::RegexSet;

    #[test]
    fn a_file_name_is_looked_for_only_where_one_can_be() {
        let check = |text: &str| {
            if FILE_NAME.is_match(text) {
                assert!(may_name_a_file(text), "{text:?}");
            }
        };
        let alphabet = ['a', 'Z', '.', '-', '/', '1', 'é', ' ', '_'];
        crate::text::each_string_up_to(&alphabet, 5, check);
        ["see known-failures.log", "tests/e2e/login.spec.ts passed"].into_iter().for_each(check);
        assert!(!may_name_a_file("All 46 tests passed. Done."));
        assert!(!may_name_a_file("v1.2 shipped …"));
    }

    #[test]
    fn every_character_blanked_or_marked_is_seen_by_its_first_byte() {
        let marks =
            ['\u{2705}', '\u{2713}', '\u{2714}', '\u{2611}', '\u{274C}', '\u{2717}', '\u{2718}'];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let text = format!("a {c} b");
            if c == '`' || c == '\r' || is_emoji(c) {
                assert!(may_hold_blanks(&text), "{c:?}");
            }
            if marks.contains(&c) {
                assert!(may_hold_marks(&text), "{c:?}");
            }
        }
        assert!(!may_hold_blanks("46 tests passed, all green é ü"));
        assert!(!may_hold_marks("46 tests passed ✅".trim_end_matches('✅')));
    }

    /// The claims of a line as (text, kind, subject, figures).
    /// The figure claims of a line; status claims, which the linker keeps
    /// only beside evidence, are read by `status`.
    fn read(text: &str, context: &str) -> Vec<(String, String, Option<String>, Figures)> {
        claims_in("docs/s.md", 7, text, context)
            .into_iter()
            .filter(|c| c.kind != "status")
            .map(|c| (c.text, c.kind, c.subject, c.figures))
            .collect()
    }

    /// The outcome a line states in words, when it is a status claim.
    fn status(text: &str) -> Option<Outcome> {
        let claims = claims_in("docs/s.md", 7, text, "");
        claims.iter().find(|c| c.kind == "status").and_then(|c| c.figures.outcome)
    }

    /// The patterns search lines without letters outside ASCII with ASCII
    /// word boundaries (`text::words`): each finds what the pattern as
    /// written finds, on lines with marks, and with letters and digits
    /// outside ASCII beside the words and figures.
    #[test]
    fn the_patterns_find_what_they_would_with_unicode_boundaries_alone() {
        let lines = [
            "✅ 196/196 tests passed — 100% → ready",
            "❌ 3 failed, 12 passed (pytest) — CI is red",
            "Coverage: 87% ✅ · backend tests green",
            "passé: 12 tests passedé — not a claim",
            "٣ tests passed, 5 errors → build broken",
            "тесты: 12/12 passed ✅",
            "12 passeſ and 3 errors ✓",
            "Tests: 45 passed, 0 failed ✔ (vitest) — 98.5% pass rate",
            "Déployé ✅ — deploy succeeded, 0 errors",
        ];
        let figures = RegexSet::new(FIGURES.patterns()).unwrap();
        let status = RegexSet::new(STATUS_WORDS.patterns()).unwrap();
        let words: [&WordRegex; 6] =
            [&TEST_WORD, &SCOPE_WORD, &HEDGE_WORD, &REPORTED, &COUNTED_FAILURES, &TEST_COUNTS];
        for line in lines {
            let set = |s: regex::SetMatches| s.into_iter().collect::<Vec<_>>();
            assert_eq!(set(FIGURES.matches(line)), set(figures.matches(line)), "{line:?}");
            assert_eq!(set(STATUS_WORDS.matches(line)), set(status.matches(line)), "{line:?}");
            for pattern in words {
                let written = Regex::new(pattern.as_str()).unwrap();
                let spans = |r: regex::Matches<'_, '_>| r.map(|m| m.range()).collect::<Vec<_>>();
                assert_eq!(spans(pattern.find_iter(line)), spans(written.find_iter(line)));
            }
        }
    }

    #[test]
    fn reads_outcomes_stated_in_words() {
        for (line, outcome) in [
            ("- Latest deploy to Render succeeded ✅ (`deploys.json`)", Outcome::Pass),
            ("- mypy clean, 0 errors (`lint/mypy.log`)", Outcome::Pass),
            ("- ruff: all checks passed", Outcome::Pass),
            ("- Frontend passes too", Outcome::Pass),
            ("- Production build OK (`build.log`)", Outcome::Pass),
            ("- web rollout completed", Outcome::Pass),
            ("- CI is red on main", Outcome::Fail),
            ("- ❌ staging deploy", Outcome::Fail),
            ("- tsc: 4 errors (`tsc.log`)", Outcome::Fail),
            ("- Heroku release v42 failed", Outcome::Fail),
            ("- The web suite passed (tests/known-failures.log)", Outcome::Pass),
        ] {
            assert_eq!(status(line), Some(outcome), "{line}");
        }
    }

    #[test]
    fn words_about_services_content_and_plans_are_no_status() {
        for line in [
            "- The hook returned 500 (`hook.txt`)",
            "- Prod hook call accepted with 202 Accepted",
            "- 52 posts failed to import during the migration",
            "- The deploy should succeed once the secret is set",
            "- [ ] CI green on main",
            "- Reviewed the design doc",
            "- Run log: `run.txt`, the run the summary called fully green",
            "- Nightly log: `tests/known-failures.log`",
        ] {
            assert_eq!(status(line), None, "{line}");
        }
    }

    fn one(text: &str, context: &str) -> (String, String, Option<String>, Figures) {
        let mut claims = read(text, context);
        assert_eq!(claims.len(), 1, "{text:?} gave {claims:?}");
        claims.remove(0)
    }

    fn tests(passed: Option<u64>, failed: Option<u64>, total: Option<u64>) -> Figures {
        Figures { passed, failed, total, ..Figures::default() }
    }

    fn pct(value: f64) -> Figures {
        Figures { percent: Some(value), ..Figures::default() }
    }

    // See: issue 9. A count too large for u64 is no figure at all, and the
    // largest counts there are add up without overflowing.
    #[test]
    fn huge_counts_never_overflow() {
        assert!(read("99999999999999999999 passed", "").is_empty());
        let max = Some(u64::MAX);
        let f = one("18446744073709551615 passed, 18446744073709551615 failed", "").3;
        assert_eq!(f, tests(max, max, max));
        let f = one("5 passed, 18446744073709551615 failed (3)", "").3;
        assert_eq!(f, tests(Some(5), max, Some(3)));
        assert_eq!(one("Tests: 100 passed (63)", "").3, tests(Some(100), None, Some(63)));
    }

    #[test]
    fn claim_carries_source_and_no_verdict_yet() {
        let claims = claims_in("plans/p.md", 12, "- ✅ 40/40 tests passed", "");
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].source, Source { path: "plans/p.md".into(), line: 12 });
        assert_eq!(claims[0].evidence, None);
        assert_eq!(claims[0].verdict, Verdict::Unsupported);
        assert_eq!(claims[0].text, "40/40 tests passed");
    }

    #[test]
    fn reads_test_fractions() {
        let (text, kind, _, figures) = one("✅ 120/120 tests passed", "");
        assert_eq!((text.as_str(), kind.as_str()), ("120/120 tests passed", "tests"));
        assert_eq!(figures, tests(Some(120), None, Some(120)));
        assert_eq!(one("**88/90 tests passing**", "").3, tests(Some(88), None, Some(90)));
        assert_eq!(one("Suite: 15/15 passed", "").3, tests(Some(15), None, Some(15)));
        assert_eq!(one("510/512 tests", "").3, tests(Some(510), None, Some(512)));
        assert_eq!(one("3/40 tests failed", "").3, tests(None, Some(3), Some(40)));
        assert_eq!(one("1,204/1,210 tests passed", "").3, tests(Some(1204), None, Some(1210)));
        let (text, _, _, figures) = one("- 64/64 tests passed (100%)", "");
        assert_eq!(text, "64/64 tests passed (100%)");
        assert_eq!(figures.percent, Some(100.0));
    }

    #[test]
    fn reads_pass_rate_with_fraction() {
        let (text, kind, subject, figures) =
            one("- Mobile Test Pass Rate: 97.5% (390/400 tests)", "");
        assert_eq!(text, "Mobile Test Pass Rate: 97.5% (390/400 tests)");
        assert_eq!(kind, "tests");
        assert_eq!(subject.as_deref(), Some("Mobile"));
        assert_eq!(figures.passed, Some(390));
        assert_eq!(figures.total, Some(400));
        assert_eq!(figures.percent, Some(97.5));
        assert_eq!(one("pass rate: 98%", "").3, pct(98.0));
        assert_eq!(one("a 91% pass rate overall", "").3, pct(91.0));
    }

    #[test]
    fn reads_runner_counts() {
        assert_eq!(one("31 passed, 4 failed", "").3, tests(Some(31), Some(4), Some(35)));
        let (text, _, _, f) = one("Result: 31 passed, 0 failed, 2 skipped in 3.1s", "");
        assert_eq!(text, "31 passed, 0 failed, 2 skipped");
        assert_eq!(
            (f.passed, f.failed, f.skipped, f.total),
            (Some(31), Some(0), Some(2), Some(31))
        );
        let (text, _, _, f) = one("Tests: 70 passed, 1 failed", "");
        assert_eq!(text, "Tests: 70 passed, 1 failed");
        assert_eq!(f, tests(Some(70), Some(1), Some(71)));
        let (text, _, _, f) = one("Tests  3 failed | 57 passed (60)", "");
        assert_eq!(text, "Tests  3 failed | 57 passed (60)");
        assert_eq!(f, tests(Some(57), Some(3), Some(60)));
        assert_eq!(one("1 failed, 9 passed, 1 error", "").3, tests(Some(9), Some(2), Some(11)));
    }

    #[test]
    fn reads_counts_of_passing_tests() {
        assert_eq!(one("All 150 tests passing", "").3, tests(Some(150), None, Some(150)));
        let (text, _, _, f) = one("✅ 150 tests passing (100% pass rate)", "");
        assert_eq!(text, "150 tests passing (100% pass rate)");
        assert_eq!((f.passed, f.percent), (Some(150), Some(100.0)));
        assert_eq!(one("150 tests passed", "").3, tests(Some(150), None, None));
        assert_eq!(one("42 unit tests passing", "").3, tests(Some(42), None, None));
        // A lone count of failures speaks of tests only when a test word is near.
        assert_eq!(one("0 failures", "Test run").3, tests(None, Some(0), None));
        assert_eq!(one("Tests: 0 failures", "").3, tests(None, Some(0), None));
    }

    #[test]
    fn reads_stated_coverage() {
        let cases: [(&str, &str, Option<&str>, f64); 10] = [
            ("63% code coverage", "63% code coverage", None, 63.0),
            ("coverage: 72%", "coverage: 72%", None, 72.0),
            ("Coverage at 72%", "Coverage at 72%", None, 72.0),
            ("coverage is now at 72%", "coverage is now at 72%", None, 72.0),
            (
                "- Backend Coverage: ~55% (target: 90%)",
                "Backend Coverage: ~55%",
                Some("Backend"),
                55.0,
            ),
            ("73.9% line coverage", "73.9% line coverage", None, 73.9),
            ("CLI line coverage: 84%", "CLI line coverage: 84%", Some("CLI"), 84.0),
            ("Coverage 93%", "Coverage 93%", None, 93.0),
            ("✅ 66% coverage achieved", "66% coverage", None, 66.0),
            ("Total coverage: 70%", "Total coverage: 70%", None, 70.0),
        ];
        for (line, text, subject, value) in cases {
            let (got_text, kind, got_subject, figures) = one(line, "");
            assert_eq!(got_text, text, "{line}");
            assert_eq!(kind, "coverage", "{line}");
            assert_eq!(got_subject.as_deref(), subject, "{line}");
            assert_eq!(figures, pct(value), "{line}");
        }
    }

    #[test]
    fn reads_named_coverage_only_in_coverage_context() {
        let (text, kind, subject, figures) = one("- Parser (93%)", "Well covered (>90% coverage)");
        assert_eq!((text.as_str(), kind.as_str()), ("Parser (93%)", "coverage"));
        assert_eq!(subject.as_deref(), Some("Parser"));
        assert_eq!(figures, pct(93.0));
        assert_eq!(
            one("Query planner (81%)", "Coverage by module").2.as_deref(),
            Some("Query planner")
        );
        assert_eq!(one("Cache: 77%", "## Coverage").0, "Cache: 77%");
        assert!(read("- Parser (93%)", "Implementation status").is_empty());
        assert!(read("Cache: 77%", "").is_empty());
        assert!(read("- Parser (93% avg)", "coverage").is_empty());
        assert!(read("- Parsers (80-90%)", "coverage").is_empty());
    }

    #[test]
    fn reads_several_claims_on_one_line() {
        let claims =
            read("✅ Solid per-module coverage (Lexer: 92%, Planner: 95%, Cache: 88%)", "");
        let subjects: Vec<_> = claims.iter().map(|c| c.2.clone().unwrap_or_default()).collect();
        assert_eq!(subjects, ["Lexer", "Planner", "Cache"]);
        assert!(claims.iter().all(|c| c.1 == "coverage"));
        let claims = read("Solid base (71% coverage, 300/300 tests passing)", "");
        let kinds: Vec<_> = claims.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(kinds, ["coverage", "tests"]);
        let claims = read("Stats: 12/12 tests passed; coverage: 80%; 5 open issues", "");
        let kinds: Vec<_> = claims.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(kinds, ["tests", "coverage", "issues"]);
    }

    #[test]
    fn reads_issue_counts() {
        let (text, kind, _, f) = one("- Total Issues: 50 (20 open, 25 closed, 5 blocked)", "");
        assert_eq!(text, "Total Issues: 50 (20 open, 25 closed, 5 blocked)");
        assert_eq!(kind, "issues");
        assert_eq!((f.total, f.open, f.closed, f.blocked), (Some(50), Some(20), Some(25), Some(5)));
        let f = one("18 issues (9 open, 8 closed, 1 blocked)", "").3;
        assert_eq!((f.total, f.open, f.closed, f.blocked), (Some(18), Some(9), Some(8), Some(1)));
        let (text, _, _, f) = one("Issues: 18 (see tracker)", "");
        assert_eq!((text.as_str(), f.total, f.open), ("Issues: 18", Some(18), None));
        assert_eq!(one("9 open issues", "").3.open, Some(9));
        assert_eq!(one("✅ 0 blocking issues", "").3.blocked, Some(0));
        assert_eq!(one("3 resolved issues", "").3.closed, Some(3));
    }

    #[test]
    fn skips_targets_and_bounds() {
        for line in [
            "Run tests (target: 30+ tests passing)",
            "Target: 40+ tests",
            "40+ tests passing",
            "Coverage target: 85%+",
            "E2E Test Coverage: 80%+",
            "⏳ 85%+ coverage on new code",
            "Well covered (>90% coverage)",
            "Thin areas (<80% coverage)",
            "should reach 90% coverage",
            "We will have 200 tests passing",
            "expected to hit 50/50 tests passed",
            "80% coverage target",
            "at least 75% coverage",
            "Target pass rate: 100% (196/196 tests)",
            "coverage ≥ 80%",
            "Target: 196/196 tests passed",
            "Goal: 90% coverage",
            "a 5% coverage gain",
            "+4% coverage",
            "12 tests passing expected",
        ] {
            assert!(read(line, "").is_empty(), "{line:?} gave {:?}", read(line, ""));
        }
        assert!(read("- 120 tests passing", "Targets").is_empty());
        assert!(read("- coverage: 90%", "Sprint goals").is_empty());
    }

    #[test]
    fn skips_non_claims() {
        for line in [
            "Full plan (12-16 hours)",
            "Implementation Status (~70% Complete)",
            "Reached 100%",
            "100%",
            "Released v2.3.1 on 2025-10-02",
            "Upgrade to Next.js 15",
            "Catalogued 140 tests across 9 files",
            "Found 140 tests (30 more than expected)",
            "0 critical failures",
            "Refactored 3/4 modules",
            "Partially done (60-80%)",
            "120 warnings across 5 files",
            "4 skipped",
            "Ready Tasks: 12 (no blockers)",
            "Budget: 2 hours, 85% used",
            "",
        ] {
            assert!(read(line, "").is_empty(), "{line:?} gave {:?}", read(line, ""));
        }
    }

    /// The scopes and subset flag of a line's one claim.
    fn scoped(text: &str) -> (Vec<String>, bool) {
        let mut claims = claims_in("docs/s.md", 7, text, "");
        assert_eq!(claims.len(), 1, "{text:?} gave {claims:?}");
        let claim = claims.remove(0);
        (claim.scopes, claim.subset)
    }

    #[test]
    fn reads_counts_with_thousands_separators() {
        let (text, _, _, f) = one("✅ 1,708/1,708 tests passing", "");
        assert_eq!(text, "1,708/1,708 tests passing");
        assert_eq!(f, tests(Some(1708), None, Some(1708)));
        assert_eq!(one("1,708 passed", "").3, tests(Some(1708), None, None));
        assert_eq!(one("12,004 passed, 3 failed", "").3, tests(Some(12004), Some(3), Some(12007)));
        assert_eq!(one("All 2,310 tests pass", "").3, tests(Some(2310), None, Some(2310)));
        assert_eq!(one("PASS: 1,204, FAIL: 0", "").3, tests(Some(1204), Some(0), Some(1204)));
    }

    #[test]
    fn reads_pass_and_fail_tallies() {
        let (text, kind, _, f) = one("75 PASS / 0 FAIL", "");
        assert_eq!((text.as_str(), kind.as_str()), ("75 PASS / 0 FAIL", "tests"));
        assert_eq!(f, tests(Some(75), Some(0), Some(75)));
        assert_eq!(one("75 passed / 0 failed", "").3, tests(Some(75), Some(0), Some(75)));
        let (text, _, _, f) = one("Result — PASS: 75, FAIL: 0", "");
        assert_eq!(text, "PASS: 75, FAIL: 0");
        assert_eq!(f, tests(Some(75), Some(0), Some(75)));
        assert_eq!(one("Passed: 12 | Failed: 1", "").3, tests(Some(12), Some(1), Some(13)));
        let f = one("Passed: 12 | Failed: 1 | Skipped: 2 | Total: 15", "").3;
        assert_eq!(
            (f.passed, f.failed, f.skipped, f.total),
            (Some(12), Some(1), Some(2), Some(15))
        );
        assert_eq!(one("passing = 40", "").3, tests(Some(40), None, None));
        assert_eq!(one("12 passed and 2 failed", "").3, tests(Some(12), Some(2), Some(14)));
        assert_eq!(one("Tests passed: 64", "").3, tests(Some(64), None, None));
        let (text, _, _, f) = one("Passed: 12 unit tests (pytest)", "");
        assert_eq!((text.as_str(), f), ("Passed: 12 unit tests", tests(Some(12), None, None)));
        let f = one("web: 2,717 pass / 0 fail / 1 skip", "").3;
        assert_eq!((f.passed, f.failed, f.skipped), (Some(2717), Some(0), Some(1)));
        // A label heading a count of its own, or counting other things.
        assert_eq!(one("FAILED: 30 tests failing", "").0, "30 tests failing");
        assert!(read("Passed: 12 deploys", "").is_empty());
    }

    #[test]
    fn reads_the_verb_before_the_count() {
        let (text, _, _, f) = one("npm test passed 1,150 tests across 41 groups", "");
        assert_eq!((text.as_str(), f), ("passed 1,150 tests", tests(Some(1150), None, None)));
        assert_eq!(one("The build passes all 40 specs", "").3, tests(Some(40), None, Some(40)));
        let (text, _, _, f) = one("Checkout focused tests passed 10/10 on retry", "");
        assert_eq!((text.as_str(), f), ("tests passed 10/10", tests(Some(10), None, Some(10))));
        let (text, _, _, f) = one("All focused tests passed (14/14).", "");
        assert_eq!((text.as_str(), f), ("tests passed (14/14)", tests(Some(14), None, Some(14))));
        assert!(read("Must pass 40 tests", "").is_empty());
        assert!(read("should pass all 12 tests", "").is_empty());
    }

    #[test]
    fn reads_specs_and_named_tools() {
        assert_eq!(one("7 specs passed", "").3, tests(Some(7), None, None));
        assert_eq!(one("12 e2e specs passing", "").3, tests(Some(12), None, None));
        let (text, _, _, f) = one("All 7 Playwright specs passed", "");
        assert_eq!(text, "All 7 Playwright specs passed");
        assert_eq!(f, tests(Some(7), None, Some(7)));
        assert_eq!(one("2 Cypress specs failing", "").3, tests(None, Some(2), None));
        assert_eq!(one("45 of 46 specs passing", "").3, tests(Some(45), None, Some(46)));
        assert_eq!(one("3 out of 40 tests failed", "").3, tests(None, Some(3), Some(40)));
        assert_eq!(one("17/17 focused tests passed", "").3, tests(Some(17), None, Some(17)));
    }

    #[test]
    fn reads_present_tense_and_runner_summaries() {
        assert_eq!(one("All 312 tests pass", "").3, tests(Some(312), None, Some(312)));
        assert_eq!(one("312 tests pass", "").3, tests(Some(312), None, None));
        assert_eq!(one("2 tests fail on Windows", "").3, tests(None, Some(2), None));
        assert_eq!(one("✅ 46/46 passing", "").3, tests(Some(46), None, Some(46)));
        assert_eq!(one("Tests: 12 passed, 1 failed", "").3, tests(Some(12), Some(1), Some(13)));
        // jest, cargo, mocha and pytest summaries.
        let f = one("Tests:       1 failed, 45 passed, 46 total", "").3;
        assert_eq!(f, tests(Some(45), Some(1), Some(46)));
        let f = one("test result: ok. 196 passed; 0 failed; 2 ignored", "").3;
        assert_eq!((f.passed, f.failed, f.skipped), (Some(196), Some(0), Some(2)));
        assert_eq!(one("45 passing (2s)", "").3, tests(Some(45), None, None));
        let (text, _, _, f) = one("==== 120 passed, 2 skipped in 3.40s ====", "");
        assert_eq!(text, "120 passed, 2 skipped");
        assert_eq!((f.passed, f.skipped), (Some(120), Some(2)));
        // A fraction after a label that names tests.
        let (text, _, _, f) = one("Tests: 88/88", "");
        assert_eq!((text.as_str(), f), ("Tests: 88/88", tests(Some(88), None, Some(88))));
        assert_eq!(one("frontend tests 88/88", "").3, tests(Some(88), None, Some(88)));
        assert_eq!(one("Unit suite — 15/15", "").3, tests(Some(15), None, Some(15)));
    }

    #[test]
    fn reads_other_runners_summaries() {
        // maven surefire, rspec, phpunit, gradle, nextest and dotnet.
        let f = one("Tests run: 120, Failures: 2, Errors: 1, Skipped: 3", "").3;
        assert_eq!(
            (f.passed, f.failed, f.skipped, f.total),
            (Some(114), Some(3), Some(3), Some(120))
        );
        assert_eq!(one("Tests run: 40, Failures: 0", "").3, tests(Some(40), Some(0), Some(40)));
        assert_eq!(one("120 examples, 0 failures", "").3, tests(Some(120), Some(0), Some(120)));
        let (text, _, _, f) = one("OK (120 tests, 340 assertions)", "");
        assert_eq!(text, "OK (120 tests, 340 assertions)");
        assert_eq!(f, tests(Some(120), None, Some(120)));
        assert_eq!(
            one("120 tests completed, 2 failed", "").3,
            tests(Some(118), Some(2), Some(120))
        );
        let f = one("Summary [1.2s] 196 tests run: 196 passed, 0 skipped", "").3;
        assert_eq!((f.passed, f.total), (Some(196), Some(196)));
        let f = one("Passed!  - Failed: 0, Passed: 120, Skipped: 0, Total: 120", "").3;
        assert_eq!((f.passed, f.failed, f.total), (Some(120), Some(0), Some(120)));
        assert_eq!(one("Tests:  1 failed, 46 total", "").3, tests(Some(45), Some(1), Some(46)));
        for line in ["Sprint 12 run, 2 failed", "Tests: 120", "Total tests: 120", "3 ran"] {
            assert!(read(line, "").is_empty(), "{line:?} gave {:?}", read(line, ""));
        }
    }

    #[test]
    fn reads_fractions_after_a_suite_label_on_a_test_line() {
        let (text, _, _, f) = one("- Frontend: 88/88 ✅", "");
        assert_eq!((text.as_str(), f), ("Frontend: 88/88", tests(Some(88), None, Some(88))));
        assert_eq!(one("- Backend: 120/120", "Test results").3, tests(Some(120), None, Some(120)));
        assert_eq!(one("E2E (Playwright): 12/12 ✅", "").3, tests(Some(12), None, Some(12)));
        assert_eq!(one("✅ 312/312", "").3, tests(Some(312), None, Some(312)));
        for (line, context) in [
            ("- Backend: 120/120", "Sprint review"),
            ("- API: 3/5 endpoints ✅", ""),
            ("Score: 8/10 ✅", ""),
            ("Phase 1: 3/5", "Testing checklist"),
            ("Parser ✅ 3/3", ""),
        ] {
            let got = read(line, context);
            assert!(got.is_empty(), "{line:?} under {context:?} gave {got:?}");
        }
    }

    #[test]
    fn reads_bare_counts_beside_a_pass_marker() {
        let (text, kind, _, f) = one("✅ 46 tests", "");
        assert_eq!((text.as_str(), kind.as_str()), ("46 tests", "tests"));
        assert_eq!(f, tests(Some(46), None, None));
        assert_eq!(one("- 46 tests ✅", "").3, tests(Some(46), None, None));
        assert_eq!(one("✓ 12 e2e specs", "").3, tests(Some(12), None, None));
        assert_eq!(one("Backend: 120 tests ✔️", "").3, tests(Some(120), None, None));
        assert_eq!(one("Unit tests: 46 ✅", "").3, tests(Some(46), None, None));
        assert_eq!(one("☑ 30 tests total.", "").3, tests(Some(30), None, None));
        assert_eq!(one("✅ Backend + frontend: 312 tests", "").3, tests(Some(312), None, None));
        assert_eq!(
            one("✅ 8 tests, including the rounding test", "").3,
            tests(Some(8), None, None)
        );
        let claims = read("✅ 46 tests, 0 failures", "");
        let figures: Vec<_> = claims.into_iter().map(|c| c.3).collect();
        assert_eq!(figures, [tests(Some(46), None, None), tests(None, Some(0), None)]);
    }

    #[test]
    fn reads_counts_said_to_pass_all() {
        let (text, _, _, f) = one("All tests pass (312)", "");
        assert_eq!((text.as_str(), f), ("All tests pass (312)", tests(Some(312), None, Some(312))));
        assert_eq!(one("all unit tests passing (64 tests)", "").3, tests(Some(64), None, Some(64)));
        assert_eq!(one("Tests: 196 (all passing)", "").3, tests(Some(196), None, Some(196)));
        assert_eq!(one("196 tests, all green", "").3, tests(Some(196), None, Some(196)));
        assert_eq!(one("Specs: 40 — all passed", "").3, tests(Some(40), None, Some(40)));
        assert!(read("3/4 modules have tests, all passing", "").is_empty());
        assert!(read("All tests pass", "").is_empty());
    }

    #[test]
    fn skips_bare_counts_that_are_counts_of_work() {
        for line in [
            "46 tests",
            "Backend: 120 tests",
            "Added 46 tests",
            "✅ Added 46 tests",
            "✅ added 46 tests for the parser",
            "✅ Wrote 12 new tests",
            "✅ 120 tests written",
            "✅ 46 tests across 5 files",
            "✅ 46 tests to write next sprint",
            "❌ 46 tests",
            "✅ 46 tests ❌ 3 flaky",
            "✅ Parser done (46 tests)",
            "✅ 3/4 modules have tests",
            "✅ Test plan: 46 tests added",
            "✅ 46 tests/day",
            "✅ Parser: 12 tests",
            "✅ Money type (T-9): 8 tests, including the rounding test",
            "✅ 12 new tests",
            "✅ Invoice CRUD: 12 API tests plus 6 customer tests",
        ] {
            assert!(read(line, "").is_empty(), "{line:?} gave {:?}", read(line, ""));
        }
    }

    #[test]
    fn reads_decimal_coverage() {
        for line in ["coverage: 56.1%", "56.1% coverage", "Coverage 56.1 %", "✅ Coverage at 56.1%"]
        {
            let (_, kind, _, f) = one(line, "");
            assert_eq!((kind.as_str(), f), ("coverage", pct(56.1)), "{line}");
        }
    }

    #[test]
    fn reads_the_coverage_after_an_arrow() {
        let (text, _, _, f) = one("Coverage: 56.1% → 61.2%", "");
        assert_eq!((text.as_str(), f), ("Coverage: 56.1% → 61.2%", pct(61.2)));
        assert_eq!(one("line coverage 70% -> 74.5%", "").3, pct(74.5));
    }

    #[test]
    fn reads_results_written_in_other_languages() {
        let f = one("12 Tests bestanden, 0 fehlgeschlagen", "").3;
        assert_eq!(f, tests(Some(12), Some(0), Some(12)));
        assert_eq!(one("✅ 40 tests réussis", "").3, tests(Some(40), None, None));
        assert_eq!(one("38/40 tests réussis", "").3, tests(Some(38), None, Some(40)));
        assert_eq!(one("3 tests échoués", "").3, tests(None, Some(3), None));
        assert_eq!(one("25 pruebas pasaron, 1 fallaron", "").3, tests(Some(25), Some(1), Some(26)));
        assert_eq!(one("Testabdeckung: 81,5 %", "").3, pct(81.5));
        assert_eq!(one("couverture : 72 %", "").3, pct(72.0));
        assert_eq!(one("80 % de couverture", "").3, pct(80.0));
        assert_eq!(one("cobertura del 64%", "").3, pct(64.0));
        assert_eq!(one("Parser (91%)", "Abdeckung je Modul").3, pct(91.0));
        for line in [
            "objectif : 80 % de couverture",
            "Ziel: 90% Testabdeckung",
            "52 Beiträge fehlgeschlagen",
        ] {
            assert!(read(line, "").is_empty(), "{line:?} gave {:?}", read(line, ""));
        }
    }

    #[test]
    fn reads_lone_failures_only_about_tests() {
        assert_eq!(one("3 tests failed", "").3, tests(None, Some(3), None));
        assert_eq!(one("- 2 failed", "## Test results").3, tests(None, Some(2), None));
        assert_eq!(one("Failed: 3 (pytest)", "").3, tests(None, Some(3), None));
        assert_eq!(one("CI checks: 1 failed", "").3, tests(None, Some(1), None));
        assert!(read("2 failed", "Deploys this week").is_empty());
        // A fix of failures tells what was, not a run's result.
        assert!(read("Fixed the 3 failing tests", "").is_empty());
        assert!(read("Resolved 2 tests failing on CI", "").is_empty());
        assert_eq!(one("2 tests failing on CI, fix pending", "").3, tests(None, Some(2), None));
        assert!(read("0 failures", "").is_empty());
    }

    #[test]
    fn skips_status_codes_and_service_errors() {
        for line in [
            "500 error",
            "The endpoint returned 422",
            "HTTP 404 on /health",
            "3 errors in the API logs",
            "52 posts failed to import",
            "2 requests failed",
            "Import: 52 failed",
            "Failed: 3 deploys",
            "Errors: 12",
            "500 errors, 12 warnings",
            "Sent 40 emails, 2 failed",
            "Test Suites: 3 passed, 3 total",
            "Test Files  4 passed (4)",
            "Failed: 3/10",
            "Passed: 98%",
        ] {
            assert!(read(line, "").is_empty(), "{line:?} gave {:?}", read(line, ""));
        }
    }

    #[test]
    fn skips_unchecked_items_and_targets() {
        for line in [
            "- [ ] >80% coverage",
            "- [ ] 196/196 tests passing",
            "* [ ] coverage: 85%",
            "1. [ ] 40 passed, 0 failed",
            "[ ] 12/12 specs passed",
            "> - [ ] ✅ 46 tests",
            "Expected: 750+ passing",
            "Expected: 750 passing",
            "Target: 85%",
            "Goal: 90% coverage",
            "coverage ≥ 80%",
            "at least 80% coverage",
            "should reach 95%",
            "Raise coverage (target 100%)",
            "Aim for 95% coverage",
            "Needs 40/40 tests passing",
            "Acceptance: coverage 80% or higher",
            "Acceptance criteria: 196/196 tests pass",
            "Success criteria: all 196 tests passing",
            "Requirement: 80% coverage",
            "Coverage >= 80%",
            "- [ ] Coverage above 80%",
        ] {
            assert!(read(line, "").is_empty(), "{line:?} gave {:?}", read(line, ""));
        }
        // A checked box states a fact.
        assert_eq!(one("- [x] 40/40 tests passed", "").3, tests(Some(40), None, Some(40)));
    }

    #[test]
    fn skips_risks_scores_content_and_progress() {
        for line in [
            "Likelihood: 30%",
            "Risk: flaky CI (probability 20%)",
            "Probability: 20%",
            "Score: 8/10",
            "12/15 checks complete",
            "9/10 items done",
            "42 pages",
            "15 documents",
            "120 tests written",
            "added 46 tests",
            "wrote 12 new tests",
            "Progress: 75%",
            "80% complete",
            "Phase 2: 80% done",
            "Confidence: 90%",
            "Test plan score: 9/10",
            "Phase 2 (80%)",
            "Sprint 3 is 80% complete",
            "Uptime: 99.9%",
            "Error rate: 0.5%",
        ] {
            for context in ["", "Coverage and risks"] {
                let got = read(line, context);
                assert!(got.is_empty(), "{line:?} under {context:?} gave {got:?}");
            }
        }
    }

    #[test]
    fn targeted_tests_are_a_subset_not_a_target() {
        let claims = claims_in("p", 1, "Ran the targeted tests: 17/17 passed", "");
        assert_eq!(claims.len(), 1, "{claims:?}");
        assert!(claims[0].subset);
        assert!(read("targeted 17/17 tests passing", "").is_empty());
    }

    #[test]
    fn names_the_scopes_a_claim_speaks_of() {
        let cases: [(&str, &[&str]); 14] = [
            ("7 Playwright specs passed", &["playwright"]),
            ("Backend: 120 passed", &["backend"]),
            ("pytest: 120 passed", &["pytest"]),
            ("frontend tests 88/88", &["frontend"]),
            ("vitest run — 40 passed, 1 failed", &["vitest"]),
            ("Jest (web): 88/88 tests passing", &["jest", "web"]),
            ("✅ 12 E2E specs passing on mobile", &["e2e", "mobile"]),
            ("End-to-end: 12/12 passed", &["e2e"]),
            ("cargo test: 196 passed; 0 failed", &["cargo"]),
            ("Go tests: 45 passed", &["go"]),
            ("API integration tests 30/30 passed", &["api", "integration"]),
            ("CLI line coverage: 84%", &["cli"]),
            ("Back-end unit tests: 64 passed", &["backend", "unit"]),
            ("42 unit tests passing (Cypress)", &["unit", "cypress"]),
        ];
        for (line, want) in cases {
            assert_eq!(scoped(line).0, want, "{line}");
        }
        assert_eq!(scoped("12/12 passed in tests/test_api.py").0, ["tests/test_api.py"]);
        assert_eq!(scoped("auth.spec.ts: 6 passed").0, ["auth.spec.ts"]);
        assert_eq!(scoped("Test_Auth.py — 4 passed").0, ["test_auth.py"]);
        assert!(scoped("196/196 tests passed").0.is_empty());
        assert_eq!(scoped("AuthTests.swift: 9 passed").0, ["authtests.swift"]);
        assert_eq!(scoped("e2e/login.spec.ts — 3/3 passed").0, ["e2e/login.spec.ts"]);
        assert_eq!(scoped("vitest.config.ts updated; 40 passed"), (vec![], false));
        // A path or evidence file names where things are, not the suite.
        let (scopes, _) = scoped("Frontend: 88/88 passed (see logs/2026-03-01-backend-pytest.txt)");
        assert_eq!(scopes, ["frontend"]);
        assert!(scoped("apps/web: 40 passed").0.is_empty());
        assert_eq!(scoped("40 passed with pytest.").0, ["pytest"]);
        assert_eq!(scoped("40 passed under py.test").0, ["pytest"]);
        assert!(!scoped("conftest.py fixed: 40 passed").1);
        assert!(scoped("Ready to go: 12/12 tests passed").0.is_empty());
        assert!(scoped("Go ahead: 12/12 tests passed").0.is_empty());
    }

    #[test]
    fn a_claim_includes_the_suite_label_before_it() {
        let texts =
            |line: &str| -> Vec<String> { read(line, "").into_iter().map(|c| c.0).collect() };
        assert_eq!(texts("- Backend: 120/120 tests passed"), ["Backend: 120/120 tests passed"]);
        assert_eq!(texts("Frontend vitest — 88 passed"), ["Frontend vitest — 88 passed"]);
        assert_eq!(
            texts("Backend: 120 passed, frontend: 88/88 passed"),
            ["Backend: 120 passed", "frontend: 88/88 passed"]
        );
        assert_eq!(texts("Billing: 120/120 tests passed"), ["120/120 tests passed"]);
    }

    #[test]
    fn keeps_each_claims_scopes_to_its_part_of_the_line() {
        let claims = claims_in("p", 1, "Backend: 120 passed, frontend: 88/88 passed", "");
        let scopes: Vec<_> = claims.iter().map(|c| c.scopes.clone()).collect();
        assert_eq!(scopes, [vec!["backend".to_string()], vec!["frontend".to_string()]]);
        let claims = claims_in("p", 1, "120 passed (pytest); 88 passed (vitest)", "");
        let scopes: Vec<_> = claims.iter().map(|c| c.scopes.clone()).collect();
        assert_eq!(scopes, [vec!["pytest".to_string()], vec!["vitest".to_string()]]);
        // The last claim's part of the line ends at a `;`.
        assert_eq!(scoped("Backend: 120 passed; the frontend build still fails").0, ["backend"]);
        assert_eq!(scoped("120 passed, 0 failed (pytest, backend)").0, ["pytest", "backend"]);
        // A table row: the claim's own cell and the row's first, not the cells between.
        let row = "T-7: Webhooks | Backend Agent | api-junit.xml: 40 passed | 4h | Done";
        assert!(scoped(row).0.is_empty());
        assert_eq!(scoped("Backend: pytest | 120 passed | CLI docs").0, ["backend", "pytest"]);
        // A breakdown after the run's own counts names its parts, not the run.
        assert!(scoped("37 passed, 0 failed (29 unit tests + 8 integration tests)").0.is_empty());
        assert_eq!(scoped("42 unit tests passing").0, ["unit"]);
    }

    #[test]
    fn marks_claims_about_part_of_a_run() {
        for line in [
            "17/17 focused tests",
            "the 4 auth tests pass",
            "All 6 new tests pass",
            "3/3 regression tests for the login bug",
            "the 12 tests in test_auth.py pass",
            "Targeted tests: 9/9 passed",
            "Relevant tests: 30 passed",
            "related specs 8/8 passing",
            "5 passed (selected tests only)",
            "All affected tests pass: 14/14",
            "these 5 tests pass",
            "pytest -k login: 4 passed",
            "Ran the flaky specs again: 3/3 passed",
            "8/8 tests in auth.spec.ts passed",
        ] {
            assert!(scoped(line).1, "{line:?} is a subset");
        }
        for line in [
            "All 196 tests pass",
            "196/196 tests passed",
            "Full suite: 196 passed",
            "Entire suite green: 196/196 tests passed",
            "Ran the full suite after the new tests: 196 passed",
            "42 unit tests passing",
            "7 Playwright specs passed",
            "the 120 backend tests pass",
            "Backend: 120 passed",
            "coverage: 80%",
            "196/196 tests passing, including 6 new ones",
            "✅ 8 tests, including the rounding property test",
            "2 of the tests failed",
        ] {
            assert!(!scoped(line).1, "{line:?} is a whole run");
        }
    }

    #[test]
    fn refuses_impossible_figures() {
        assert!(read("12/10 tests passed", "").is_empty());
        assert!(read("coverage: 130%", "").is_empty());
        assert!(read("99999999999999999999999/99999999999999999999999 tests", "").is_empty());
    }

    #[test]
    fn finds_commits_in_the_forms_people_write() {
        let hashes = |text: &str| -> Vec<String> {
            commits_in(3, text).into_iter().map(|r| r.target).collect()
        };
        assert_eq!(hashes("1. **b41e9a0** - fix(api): handle nulls"), ["b41e9a0"]);
        assert_eq!(hashes("**Last Commit**: 9d0c3ab (chore: bump)"), ["9d0c3ab"]);
        assert_eq!(hashes("landed in commit 3f9e1d2"), ["3f9e1d2"]);
        assert_eq!(hashes("see `a1b2c3d4e5`"), ["a1b2c3d4e5"]);
        assert_eq!(hashes("sha (abc1234) and commit (def5678)."), ["abc1234", "def5678"]);
        let full = "0123456789abcdef0123456789abcdef01234567";
        assert_eq!(hashes(&format!("merged {full}")), [full]);
        assert_eq!(hashes("[b41e9a0](https://example.com/o/r/commit/b41e9a0)"), ["b41e9a0"]);
        assert_eq!(hashes("b41e9a0 and b41e9a0 again"), ["b41e9a0"]);
        let refs = commits_in(3, "commit 3f9e1d2");
        assert_eq!(refs[0], Reference { kind: RefKind::Commit, target: "3f9e1d2".into(), line: 3 });
    }

    /// The walk finds the runs the pattern it stands for finds, at every
    /// length around its bounds (6, 7, 64, 65, 128, 134), beside other
    /// runs, letters past `f`, capitals and text outside ASCII.
    #[test]
    fn hex_runs_are_the_runs_the_pattern_finds() {
        let pattern = Regex::new(r"[0-9a-f]{7,64}").unwrap();
        let pieces = ["", " ", "g", "G", "é", "-", "A", "0", "f", "a1", "✅"];
        let mut checked = 0;
        for len in [0, 1, 6, 7, 8, 12, 40, 63, 64, 65, 70, 71, 127, 128, 134, 135] {
            let run: String = (0..len).map(|i| b"0a1b2c3d4e5f6789"[i % 16] as char).collect();
            for before in pieces {
                for after in pieces {
                    for text in
                        [format!("{before}{run}{after}"), format!("{run}{before}{run}{after}")]
                    {
                        let want: Vec<_> = pattern.find_iter(&text).map(|m| m.range()).collect();
                        assert_eq!(hex_runs(&text).collect::<Vec<_>>(), want, "{text:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 16 * 11 * 11 * 2);
    }

    #[test]
    fn ignores_hex_that_is_not_a_commit() {
        for text in [
            "colour #c0ffee1 and #a1b2c3d",
            "https://example.com/commit/3f9e1d2",
            "see www.example.com/3f9e1d2",
            "docs/3f9e1d2.md",
            "file 3f9e1d2.txt",
            "decade faceted",
            "20251114",
            "3f9e1d",
            "x3f9e1d2",
            "3f9e1d2x",
            "0123456789abcdef0123456789abcdef012345678",
            "uuid 550e8400-e29b-41d4-a716-446655440000",
            "E2F3C55",
            "pkg@3f9e1d2",
            "v1.0-3f9e1d2",
            "book 6a4b35b724ac66ac49d6f436 (a database id)",
            "md5 9e107d9d372bb6826bd81d3542a419d6",
        ] {
            assert!(commits_in(1, text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        let odd = [
            "",
            "%",
            "/",
            "(",
            ")",
            "(%)",
            "1/",
            "/1",
            "1/0 tests",
            "0/0 tests passed",
            "é: 5%",
            "Ünïcode (55%)",
            "✅✅✅",
            "**",
            "`",
            "coverage",
            "coverage:",
            "coverage: %",
            "issues: ",
            "Total Issues: (1 open)",
            "1,2,3 passed",
            "tests: all",
            "\u{FE0F}9%",
            "- [x] ",
            "# ",
            "> > ",
            "ａ1b2c3d4",
            "1.5/2 tests",
            "99.% coverage",
            "pass rate: .5%",
        ];
        for text in odd {
            let _ = claims_in("p", 1, text, text);
            let _ = claims_in("p", 1, text, "coverage");
            let _ = commits_in(1, text);
        }
        let long: String = (0..4000)
            .map(|i| ['1', '/', ' ', 't', 'e', 's', '%', '(', 'é', ',', 'a', '7'][i % 12])
            .collect();
        let _ = claims_in("p", 1, &long, "coverage");
        let _ = commits_in(1, &long);
    }

    #[test]
    fn figures_beside_tests_still_to_write_are_not_runs() {
        let context = "Coverage by Priority\nPriority Module Coverage Missing Tests Needed Effort";
        let got = read("P1: users.py | 47% | 62/118 | 15-18 | 4 days", context);
        assert!(got.iter().all(|c| c.1 != "tests"), "{got:?}");
        assert_eq!(read("Frontend: 88/88 ✅", "Test results").len(), 1);
    }
}
