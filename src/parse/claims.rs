//! Figures stated in prose, and the commits a line names.
//!
//! This module owns the reading of one line of prose into claims: test
//! results (`196/196 tests passed`, `48 passed, 2 failed`), coverage
//! (`77% code coverage`, `Router (91%)` under a coverage heading) and issue
//! counts (`Total Issues: 75 (37 open, …)`). It leaves out what is not a
//! statement of fact: targets (`25+ tests passing`, `target: 85%`), bounds
//! (`>90%`), durations, versions and progress percentages. It also finds
//! commit hashes. It does not decide which lines are prose, nor check a claim
//! against evidence: the document parser feeds it lines and the linker gives
//! each claim its evidence and verdict.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Claim, Figures, RefKind, Reference, Source, Verdict};

/// A count of tests or issues, with optional thousands separators.
const COUNT: &str = r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+";
/// A percentage's number.
const NUM: &str = r"[0-9]+(?:\.[0-9]+)?";

/// Compiles a claim pattern after filling in its `COUNT` and `NUM` parts.
fn compile(pattern: &str) -> Regex {
    let pattern = pattern.replace("COUNT", COUNT).replace("NUM", NUM);
    Regex::new(&pattern).expect("claim pattern is valid")
}

/// `Test Pass Rate: 99.3% (732/735 tests)`, `pass rate 98%`.
static PASS_RATE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:tests?\s+)?pass\s+rate\s*(?:(?::|=|\bis\b|\bwas\b|\bof\b|\bat\b)\s*)*~?\s*(NUM)\s*%(?:\s*\(\s*(COUNT)\s*/\s*(COUNT)(?:\s+tests?)?\s*\))?",
    )
});

/// `87% pass rate`.
static RATE_FIRST: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)~?(NUM)\s*%\s+pass(?:ing)?\s+rate\b"));

/// `196/196 tests passed (100%)`, `12/12 passed`, `732/735 tests`.
static FRACTION: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(COUNT)\s*/\s*(COUNT)(\s+(?:(?:unit|integration|e2e|api|backend|frontend|new)\s+)?(?:tests?|specs?|test\s+cases)\b)?(?:\s+(passed|passing|green|succeeded|successful|failed|failing)\b)?(?:\s*\(\s*~?(NUM)\s*%(?:\s*(?:pass(?:ing)?(?:\s+rate)?|success))?\s*\))?",
    )
});

/// One count of a test run: `48 passed`, `2 failed`, `196 tests passing`, `0 failures`.
const TEST_ITEM: &str = r"(?:COUNT)\s+(?:(?:unit|integration|e2e|api|backend|frontend)\s+)?(?:tests?\s+)?(?:passed|passing|failed|failing|failures?|skipped|pending|errors?)\b";

/// A run's counts in any order, with an optional label, `All`, total in
/// brackets (vitest's `(63)`) or pass rate in brackets.
static TEST_COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:\btests?\b\s*:?\s*)?(?:\ball\s+)?{TEST_ITEM}(?:\s*[,;|]?\s*{TEST_ITEM})*(?:\s*\(\s*(?:(COUNT)|~?(NUM)\s*%(?:\s*pass(?:ing)?(?:\s+rate)?)?)\s*\))?"
    ))
});

/// One count inside `TEST_COUNTS`, to read it.
static TEST_ITEM_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(COUNT)\s+(?:(?:unit|integration|e2e|api|backend|frontend)\s+)?(?:tests?\s+)?(passed|passing|failed|failing|failures?|skipped|pending|errors?)\b",
    )
});

/// Qualifiers of coverage that are not its subject.
const COVERAGE_KIND: &str = r"(?:(?:line|branch|statement|function|code|test|overall|total)\s+)?";

/// `Backend Coverage: ~60%`, `coverage at 81%`, `CLI line coverage: 89%`.
static COVERAGE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)\b{COVERAGE_KIND}coverage\b\s*(?:(?::|=|-|–|—|\bis\b|\bwas\b|\bnow\b|\bat\b|\bof\b|\breached\b)\s*){{0,3}}~?\s*(NUM)\s*%"
    ))
});

/// `77% code coverage`, `81.4% line coverage`.
static COVERAGE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| compile(&format!(r"(?i)~?(NUM)\s*%\s+{COVERAGE_KIND}coverage\b")));

/// `Router (91%)`, `Engine: 91%`: a coverage figure only under a coverage
/// heading or after the word coverage on the same line.
static NAMED_PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:^|[(,;|]\s*)([A-Za-z][\w./&-]*(?:\s+[A-Za-z0-9][\w./&-]*){0,3})\s*(?:\(\s*~?(NUM)\s*%\s*\)|:\s*~?(NUM)\s*%)",
    )
});

/// `Total Issues: 75 (…)`, `Issues: 24 (…)`, `24 issues (…)`.
static ISSUES: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?:\btotal\s+issues\s*[:=]?\s*(COUNT)|\bissues\s*[:=]\s*(COUNT)|\b(COUNT)\s+(?:total\s+)?issues\b)(\s*\(([^()]{0,160})\))?",
    )
});

/// `12 open issues`, `0 blocking issues`.
static ISSUES_IN_STATE: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)\b(COUNT)\s+(open|closed|blocked|blocking|resolved)\s+issues\b")
});

/// One state count inside an issue breakdown: `37 open`.
static ISSUE_STATE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)\b(COUNT)\s+(open|closed|blocked|blocking|resolved|done)\b"));

/// Capitalised words right before a figure's keyword: `Backend` in
/// `Backend Coverage: ~60%`, `CLI` in `CLI line coverage: 89%`.
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(,;|])((?:[A-Z0-9][\w./&-]*\s+){1,3})$").expect("subject pattern is valid")
});

/// Words that make a figure a target, a plan or a bound rather than a fact.
static HEDGE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:targets?|targeted|targeting|goals?|aims?|aiming|should|will|would|expect|expected|expecting|wants?|needs?|must|plan|planned|planning|over|above|under|below|least|than|minimum|min|max|maximum|threshold|required?|requires)\b",
    )
    .expect("hedge pattern is valid")
});

/// A heading or lead-in that introduces targets.
static TARGET_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:targets?|goals?)\b").expect("target context pattern is valid")
});

/// The word coverage, which makes `Router (91%)` a coverage figure.
static COVERAGE_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bcoverage\b").expect("coverage word pattern is valid"));

/// List markers, checkboxes, heading hashes and quote marks before a line's text.
static LEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:>\s*)*(?:#{1,6}\s+)?(?:(?:[-*+]|[0-9]+[.)])\s+)?(?:\[[ xX]\]\s*)?")
        .expect("leading markup pattern is valid")
});

/// A lowercase hex run that may be a commit hash.
static HEX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9a-f]{7,40}").expect("hex pattern is valid"));

/// URLs, inside which a hex run is part of an address, not a named commit.
static URL: LazyLock<Regex> = LazyLock::new(|| {
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
/// each claim's text is the phrase as it reads without them. Targets, bounds
/// and everything under a heading about targets or goals are not claims.
pub fn claims_in(path: &str, line: usize, text: &str, context: &str) -> Vec<Claim> {
    if TARGET_CONTEXT.is_match(context) {
        return Vec::new();
    }
    let cleaned = clean_line(text);
    let mut found = Vec::new();
    pass_rates(&cleaned, &mut found);
    fractions(&cleaned, &mut found);
    test_counts(&cleaned, &mut found);
    stated_coverage(&cleaned, &mut found);
    named_coverage(&cleaned, COVERAGE_WORD.is_match(context), &mut found);
    issue_counts(&cleaned, &mut found);
    // Overlaps are settled before hedges are dropped, so that a target such
    // as `target pass rate: 100% (196/196 tests)` hides the figures inside it.
    let kept = without_overlaps(found);
    kept.into_iter()
        .filter(|f| !is_hedged(&cleaned, f))
        .map(|f| Claim {
            text: cleaned[f.start..f.end].trim().to_string(),
            kind: f.kind.to_string(),
            subject: f.subject,
            scopes: Vec::new(),
            subset: false,
            figures: f.figures,
            source: Source { path: path.to_string(), line },
            evidence: None,
            run: None,
            verdict: Verdict::Unsupported,
            note: None,
        })
        .collect()
}

/// The line without emphasis, code ticks, emoji and leading list markup.
fn clean_line(text: &str) -> String {
    let plain: String = text
        .replace("**", "")
        .replace("__", "")
        .chars()
        .map(|c| if c == '`' || c == '\r' || is_emoji(c) { ' ' } else { c })
        .collect();
    LEADING.replace(&plain, "").trim().to_string()
}

/// Pictographs, dingbats and the variation selector that dresses them.
fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x2300..=0x27BF | 0x2B00..=0x2BFF | 0x1F000..=0x1FAFF | 0xFE0F)
}

/// A count as written, thousands separators allowed; None when it overflows.
fn count(text: &str) -> Option<u64> {
    text.replace(',', "").parse().ok()
}

/// A percentage, refused above 100.
fn percent(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|p| (0.0..=100.0).contains(p))
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

/// `196/196 tests passed (100%)`, `12/12 passed`, `732/735 tests`, `2/50 tests failed`.
fn fractions(text: &str, found: &mut Vec<Found>) {
    for caps in FRACTION.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let outcome = caps.get(4).map(|m| m.as_str().to_ascii_lowercase());
        // A bare fraction (`3/4`) says nothing about tests.
        if caps.get(3).is_none() && outcome.is_none() {
            continue;
        }
        let (Some(part), Some(total)) = (count(&caps[1]), count(&caps[2])) else { continue };
        if part > total {
            continue;
        }
        let failing = outcome.as_deref().is_some_and(|o| o.starts_with("fail"));
        let figures = Figures {
            passed: (!failing).then_some(part),
            failed: failing.then_some(part),
            total: Some(total),
            percent: caps.get(5).and_then(|m| percent(m.as_str())),
            ..Figures::default()
        };
        found.push(Found::spanning(&whole, "tests", figures));
    }
}

/// `48 passed, 2 failed, 3 skipped`, `2 failed | 61 passed (63)`,
/// `All 196 tests passing`, `196 tests passing (100% pass rate)`, `0 failures`.
fn test_counts(text: &str, found: &mut Vec<Found>) {
    for caps in TEST_COUNTS.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let mut figures = Figures::default();
        for item in TEST_ITEM_PARTS.captures_iter(whole.as_str()) {
            let Some(n) = count(&item[1]) else { continue };
            let slot = match item[2].to_ascii_lowercase().as_str() {
                "passed" | "passing" => &mut figures.passed,
                "skipped" | "pending" => &mut figures.skipped,
                _ => &mut figures.failed,
            };
            *slot = Some(slot.unwrap_or(0).saturating_add(n));
        }
        // Skips or errors alone are not a statement about passing tests.
        if figures.passed.is_none() && figures.failed.is_none() {
            continue;
        }
        let says_all = whole.as_str().split_whitespace().any(|w| w.eq_ignore_ascii_case("all"));
        figures.total = caps
            .get(1)
            .and_then(|m| count(m.as_str()))
            .or_else(|| figures.passed.zip(figures.failed).map(|(p, f)| p.saturating_add(f)))
            .or(if says_all && figures.failed.is_none() { figures.passed } else { None });
        figures.percent = caps.get(2).and_then(|m| percent(m.as_str()));
        found.push(Found::spanning(&whole, "tests", figures));
    }
}

/// `Backend Coverage: ~60%`, `coverage at 81%`, `77% code coverage`.
fn stated_coverage(text: &str, found: &mut Vec<Found>) {
    for caps in COVERAGE_FIRST.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let Some(value) = percent(&caps[1]) else { continue };
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
/// coverage of that name.
const NOT_MEASURED: [&str; 10] = [
    "coverage",
    "target",
    "targets",
    "goal",
    "avg",
    "average",
    "threshold",
    "minimum",
    "min",
    "max",
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
    let Some(words) = SUBJECT.captures(window).and_then(|caps| caps.get(1)) else {
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
    if HEDGE_WORD.is_match(&recent) || f.subject.as_deref().is_some_and(|s| HEDGE_WORD.is_match(s))
    {
        return true;
    }
    // A figure followed by one of these words is a target or a change, not a level.
    let next_word = after.trim_start().split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    matches!(
        next_word.to_lowercase().as_str(),
        "target"
            | "targets"
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

/// Commit hashes named in one line: `**c31486f** - docs(x): …`, `**Last Commit**: e2f3c55 (…)`,
/// `commit 7c58d7f`, `` `a1b2c3d` ``, `(abc1234)` after the word commit/sha.
/// 7-40 lowercase hex chars with at least one digit and at least one letter; not part of a
/// longer word, not a colour `#c0ffee`, not inside a URL or path.
pub fn commits_in(line: usize, text: &str) -> Vec<Reference> {
    let mut urls = URL.find_iter(text).map(|m| (m.start(), m.end())).peekable();
    let mut seen = HashSet::new();
    let mut refs: Vec<Reference> = Vec::new();
    for m in HEX.find_iter(text) {
        // Both runs come in order, so one pass over the URLs serves all hashes.
        while urls.next_if(|&(_, url_end)| url_end <= m.start()).is_some() {}
        let in_url = urls.peek().is_some_and(|&(url_start, _)| url_start <= m.start());
        let hash = m.as_str();
        let mixed = hash.bytes().any(|b| b.is_ascii_digit())
            && hash.bytes().any(|b| b.is_ascii_lowercase());
        if mixed && !in_url && stands_alone(text, m.start(), m.end()) && seen.insert(hash) {
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

    /// The claims of a line as (text, kind, subject, figures).
    fn read(text: &str, context: &str) -> Vec<(String, String, Option<String>, Figures)> {
        claims_in("docs/s.md", 7, text, context)
            .into_iter()
            .map(|c| (c.text, c.kind, c.subject, c.figures))
            .collect()
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
        assert_eq!(one("0 failures", "").3, tests(None, Some(0), None));
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
}
