//! Task ids in text: where they are, which one leads an item, and what a
//! dependency cell lists.
//!
//! This module owns the lexical side of ids: the default pattern, the extra
//! patterns a project configures, the hand-made word boundaries that keep
//! paths and version strings out, the stoplist of look-alike tokens
//! (`AES-256`, `UTF-8`) and the reading of ranges such as `T-004-T-014`. It
//! knows nothing of which ids exist: whether a named id is defined, duplicated
//! or part of a cycle is for the linker to decide.

use std::collections::HashSet;

use regex::Regex;

use crate::text::local::PerThread;
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// The id pattern that is always on: `T-001`, `DEV-014`, `PH-NEXT-001`, `T-15a`.
///
/// It is the same text as `crate::config::DEFAULT_ID_PATTERN`; it is repeated
/// here so that this module stands on its own.
pub const DEFAULT_PATTERN: &str = r"[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-[0-9]+[A-Za-z]?";

/// First segments of tokens that look like ids but name standards, ciphers,
/// versions and the like; only the default pattern is filtered by them.
const STOPLIST: [&str; 20] = [
    "UTF", "SHA", "AES", "ISO", "RFC", "TLS", "SSL", "HTTP", "CVE", "GPT", "MD", "ES", "IPV", "X",
    "WCAG", "OWASP", "PEP", "COVID", "H", "P",
];

/// A range naming more ids than this is read as a mistake, not expanded.
const MAX_RANGE: u64 = 500;

/// What may stand between two ids of a range: a dash, `..`, `...`, or one of
/// the words `to`, `through`, `thru`.
static RANGE_JOINT: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)^(?:\s*(?:[-–—‒−]|\.{2,3})\s*|\s+(?:to|through|thru)\s+)$")
        .expect("range joint pattern is valid")
});

/// A bare number closing a range whose prefix is implied: `-014` in
/// `T-004-014`, ` to 14` in `T-004 to 14`.
static BARE_RANGE_END: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)^(?:\s*(?:[-–—‒−]|\.{2,3})\s*|\s+(?:to|through|thru)\s+)([0-9]+)")
        .expect("bare range pattern is valid")
});

/// Separators between the items of a dependency cell.
static SEPARATOR: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)[,;|&+→⟶➔⇒\[\]\n]|->|=>|\b(?:and|or|then|plus)\b")
        .expect("separator pattern is valid")
});

/// Words that introduce dependencies and say nothing by themselves.
static LEAD_IN: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)^(?:depends\s+on|blocked\s+by|requires|needs|after|see)\b")
        .expect("lead-in pattern is valid")
});

/// A parenthesised note: `(schema)` in `T-002 (schema)`.
static NOTE: WordRegex =
    WordRegex::new(|| Regex::new(r"\([^()]*\)").expect("note pattern is valid"));

/// How many lines at the top of an evidence file may name the task it is for.
pub const HEAD_LINES: usize = 10;

/// Finds task ids in text with the default pattern plus configured ones.
#[derive(Debug, Clone)]
pub struct IdMatcher {
    /// The default pattern first, then the configured ones that compiled.
    patterns: Vec<Pattern>,
}

/// One compiled id pattern.
#[derive(Debug, Clone)]
struct Pattern {
    /// Each thread searches its own clone (see [`crate::text::local`]).
    regex: PerThread<Regex>,
    /// Whether this is the default pattern, the only one the stoplist filters.
    is_default: bool,
}

/// What a dependency cell says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dependencies {
    /// The ids named, ranges expanded, in order and without repeats.
    pub ids: Vec<String>,
    /// Pieces of the cell that are neither ids, separators nor "none", as
    /// written (trimmed); a range that cannot be expanded is one piece.
    pub unreadable: Vec<String>,
}

/// Collects a cell's ids and unreadable pieces in order, without repeats;
/// the sets keep a cell with thousands of ids linear.
#[derive(Default)]
struct Collector {
    deps: Dependencies,
    seen_ids: HashSet<String>,
    seen_pieces: HashSet<String>,
}

impl Collector {
    fn push_id(&mut self, id: String) {
        if self.seen_ids.insert(id.clone()) {
            self.deps.ids.push(id);
        }
    }

    fn push_unreadable(&mut self, piece: &str) {
        if self.seen_pieces.insert(piece.to_string()) {
            self.deps.unreadable.push(piece.to_string());
        }
    }
}

impl IdMatcher {
    /// Compiles the patterns; a bad pattern is returned as (pattern, error message) and skipped.
    ///
    /// The default pattern is always on, so a copy of it among `patterns` (the
    /// config lists it first) is skipped quietly. A pattern that matches empty
    /// text would find an id between every two characters, so it is refused.
    pub fn new(patterns: &[String]) -> (IdMatcher, Vec<(String, String)>) {
        let default = Regex::new(DEFAULT_PATTERN).expect("the default id pattern is valid");
        let mut compiled = vec![Pattern { regex: PerThread::of(default), is_default: true }];
        let mut errors = Vec::new();
        for pattern in patterns {
            if pattern.trim() == DEFAULT_PATTERN {
                continue;
            }
            match Regex::new(pattern) {
                Ok(regex) if regex.is_match("") => errors.push((
                    pattern.clone(),
                    "the pattern matches empty text, so it would find ids everywhere".to_string(),
                )),
                Ok(regex) => {
                    compiled.push(Pattern { regex: PerThread::of(regex), is_default: false })
                }
                Err(err) => errors.push((pattern.clone(), err.to_string())),
            }
        }
        (IdMatcher { patterns: compiled }, errors)
    }

    /// Every id in `text`, in order, as (byte start, byte end, id). Overlaps resolved leftmost-longest.
    ///
    /// An id must stand as a word of its own: the characters around it may not
    /// be letters, digits, `_`, `/`, `-`, or a `.` joined to more text, which
    /// keeps `docs/T-001.md` and `v1.2-T-3` out. The exception is ids joined
    /// tight, `T-004-T-014`, `T-004..T-014` or `DEV-014/DEV-020`, whose ends
    /// are both found, and a tight range with a bare end, `T-004-014`, whose
    /// first id is found.
    pub fn find_all<'t>(&self, text: &'t str) -> Vec<(usize, usize, &'t str)> {
        let candidates = self.candidates(text);
        let mut found: Vec<(usize, usize, &'t str)> = Vec::new();
        for &(start, end) in &candidates {
            if found.last().is_some_and(|&(_, last_end, _)| start < last_end) {
                continue;
            }
            let previous_end = found.last().map(|&(_, last_end, _)| last_end);
            if boundary_before(text, start, previous_end) && boundary_after(text, end, &candidates)
            {
                found.push((start, end, &text[start..end]));
            }
        }
        found
    }

    /// Whether `text` is one id, whole: a code span that is an id links to
    /// its task, and an id [`find_all`](Self::find_all) finds is one.
    pub fn is_whole_id(&self, text: &str) -> bool {
        self.find_all(text).first().is_some_and(|m| m.0 == 0 && m.1 == text.len())
    }

    /// The ids named in the first [`HEAD_LINES`] lines of an evidence
    /// file, each with its line: a log that names the task it is for does
    /// so at its top.
    pub fn find_in_head(&self, text: &str) -> Vec<(usize, String)> {
        let mut found = Vec::new();
        for (idx, line) in crate::text::lines(text).take(HEAD_LINES).enumerate() {
            found.extend(
                self.find_all(line).into_iter().map(|(_, _, id)| (idx + 1, id.to_string())),
            );
        }
        found
    }

    /// The ids in a file name, where `-`, `_` and `.` separate words:
    /// `EN-001-migration.txt`, `2026-01-05-EN-003.log`, `EN-002_run.txt`.
    pub fn find_in_name<'t>(&self, name: &'t str) -> Vec<&'t str> {
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        let touches = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        self.candidates(stem)
            .into_iter()
            .filter(|&(start, end)| {
                !touches(stem[..start].chars().next_back()) && !touches(stem[end..].chars().next())
            })
            .map(|(start, end)| &stem[start..end])
            .collect()
    }

    /// Every raw match of every pattern, stoplist applied, sorted by start and
    /// then longest first, so that the first acceptable one at a place wins.
    fn candidates(&self, text: &str) -> Vec<(usize, usize)> {
        let mut candidates = Vec::new();
        for pattern in &self.patterns {
            // The default pattern ends in `-` and a digit: a text without
            // them, most of a document's, holds none of its ids.
            if pattern.is_default && !dash_digit(text) {
                continue;
            }
            for found in pattern.regex.find_iter(text) {
                if found.is_empty() || (pattern.is_default && is_stoplisted(found.as_str())) {
                    continue;
                }
                candidates.push((found.start(), found.end()));
            }
        }
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        candidates.dedup();
        candidates
    }

    /// The id at the start of a list item or heading text, after optional markup:
    /// `T-001 Do x`, `T-001: Do x`, `**T-001** - Do x`, `[T-001] Do x`, `` `T-001` Do x ``,
    /// `✅ T-001 Do x`. `Phase PH-NEXT-001 Complete` has no leading id: a word comes first.
    /// Leading status markers, emoji and a `[x]` / `[ ]` checkbox are skipped.
    ///
    /// Returns the id and the rest of the text with the separator (`:`, `-`, `—`, `–`, `|`) trimmed.
    pub fn leading_id<'t>(&self, text: &'t str) -> Option<(&'t str, &'t str)> {
        let (start, openers) = skip_leading_markup(text);
        let &(id_start, id_end, id) = self.find_all(text).first()?;
        if id_start != start {
            return None;
        }
        Some((id, rest_after_id(&text[id_end..], &openers)))
    }

    /// Reads a dependency cell: `T-001, T-002`, `T-004-T-014` (a range),
    /// `API-003–API-005`, `T-1 to T-5`, `T-004 through T-007`, `T-004-014`,
    /// `T-001 → T-003` (an arrow is a sequence: two ids), `T-001; T-002 and T-003`.
    /// `-`, `—`, `–`, `none`, `n/a` or an empty cell mean no dependencies.
    ///
    /// Anything else in the cell is returned as unreadable, except a note in
    /// brackets after an id (`T-002 (schema)`), which is ignored.
    pub fn dependencies(&self, cell: &str) -> Dependencies {
        let cleaned = clean_cell(cell);
        let mut deps = Collector::default();
        if is_none_word(&cleaned) {
            return deps.deps;
        }
        let found = self.find_all(&cleaned);
        let mut cursor = 0;
        let mut idx = 0;
        while let Some(&(start, end, id)) = found.get(idx) {
            note_gap(&cleaned[cursor..start], idx > 0, &mut deps);
            let next = found.get(idx + 1);
            let gap_to_next = next.map(|&(next_start, _, _)| &cleaned[end..next_start]);
            if let Some((last, len)) = bare_range_end(&cleaned[end..]) {
                let implied = format!("{}{last}", split_id(id).map_or("", |parts| parts.0));
                expand_range(id, &implied, &cleaned[start..end + len], &mut deps);
                cursor = end + len;
            } else if let (Some(&(_, next_end, next_id)), Some(gap)) = (next, gap_to_next)
                && RANGE_JOINT.is_match(gap)
            {
                expand_range(id, next_id, &cleaned[start..next_end], &mut deps);
                cursor = next_end;
                idx += 1;
            } else {
                deps.push_id(id.to_string());
                cursor = end;
            }
            idx += 1;
        }
        note_gap(&cleaned[cursor..], !found.is_empty(), &mut deps);
        deps.deps
    }
}

/// Whether `text` holds a `-` followed by an ASCII digit.
fn dash_digit(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'-', bytes).any(|at| bytes.get(at + 1).is_some_and(u8::is_ascii_digit))
}

/// Whether a default-pattern match names a standard rather than a task.
fn is_stoplisted(id: &str) -> bool {
    let first = id.split('-').next().unwrap_or(id);
    STOPLIST.contains(&first)
}

/// Whether a match may start at `start`: the text before it does not run into it.
fn boundary_before(text: &str, start: usize, previous_end: Option<usize>) -> bool {
    let before = &text[..start];
    let Some(c) = before.chars().next_back() else { return true };
    if matches!(c, '-' | '.' | '/') {
        // Only the second of two ids joined tight (`T-004-T-014`,
        // `T-001..T-005`, `DEV-014/DEV-020`) may touch what comes before it.
        let joined = previous_end
            .and_then(|end| text.get(end..start))
            .is_some_and(|joint| matches!(joint, "-" | ".." | "..." | "/"));
        if joined || c != '.' {
            return joined;
        }
        // A `.` ends a sentence unless a word runs straight into it.
        return !before[..before.len() - 1]
            .chars()
            .next_back()
            .is_some_and(|p| p.is_alphanumeric() || p == '_');
    }
    !(c.is_alphanumeric() || c == '_')
}

/// Whether a match may end at `end`: the text after it does not run on.
///
/// A dash or slash after an id is fine when another id follows straight on
/// and the chain of ids so joined ends cleanly (`T-004-T-014`, but not
/// `T-001/T-002.md`), or when a bare number closes a tight range (`T-004-014`).
fn boundary_after(text: &str, end: usize, candidates: &[(usize, usize)]) -> bool {
    // Chains longer than this are not ranges or pairs anyone writes.
    const MAX_CHAIN: usize = 16;
    let mut end = end;
    for _ in 0..MAX_CHAIN {
        let after = &text[end..];
        if !after.starts_with(['-', '/']) {
            return plain_boundary_after(text, end);
        }
        let next = candidates.partition_point(|&(start, _)| start < end + 1);
        match candidates.get(next) {
            Some(&(start, next_end)) if start == end + 1 => end = next_end,
            _ => return after.starts_with('-') && bare_range_end(after).is_some(),
        }
    }
    false
}

/// Whether nothing runs on at `at`: no letter, digit, `_`, `-`, `/`, nor a
/// `.` joined to more text (`T-001.md`); a full stop is fine.
fn plain_boundary_after(text: &str, at: usize) -> bool {
    let mut chars = text.get(at..).unwrap_or("").chars();
    match chars.next() {
        None => true,
        Some('.') => !chars.next().is_some_and(|n| n.is_alphanumeric() || n == '_'),
        Some(c) => !(c.is_alphanumeric() || matches!(c, '_' | '-' | '/')),
    }
}

/// The bare number closing a range at the start of `after` (`-014` in
/// `T-004-014`, ` to 14` in `T-004 to 14`) and the length read, when the
/// number ends cleanly (`SESSION-2025-11-13` has none).
fn bare_range_end(after: &str) -> Option<(&str, usize)> {
    let caps = captures(&BARE_RANGE_END, after)?;
    let len = caps.get(0)?.end();
    let number = caps.get(1)?.as_str();
    plain_boundary_after(after, len).then_some((number, len))
}

/// Skips emoji, status markers, a checkbox and opening markup before an id;
/// returns where the id should start and the openers seen, to close them later.
fn skip_leading_markup(text: &str) -> (usize, Vec<&'static str>) {
    const OPENERS: [&str; 8] = ["**", "__", "~~", "*", "_", "`", "[", "("];
    let mut openers = Vec::new();
    let mut at = 0;
    loop {
        let rest = &text[at..];
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        if let Some(len) =
            ["[ ]", "[x]", "[X]"].iter().find(|b| trimmed.starts_with(**b)).map(|b| b.len())
        {
            at += len;
        } else if let Some(opener) = OPENERS.iter().find(|o| trimmed.starts_with(**o)) {
            openers.push(*opener);
            at += opener.len();
        } else if let Some(c) = trimmed.chars().next().filter(|c| is_marker_like(*c)) {
            at += c.len_utf8();
        } else {
            return (at, openers);
        }
    }
}

/// Emoji, symbols and the variation selectors that follow them: anything
/// non-ASCII that is neither a letter nor a digit, plus `#` and `>`.
fn is_marker_like(c: char) -> bool {
    matches!(c, '#' | '>') || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace())
}

/// The title after a leading id: closing markup and one separator trimmed.
fn rest_after_id<'t>(mut rest: &'t str, openers: &[&str]) -> &'t str {
    let mut closers: Vec<&str> = openers.iter().rev().map(|o| closer_of(o)).collect();
    let mut separated = false;
    loop {
        rest = rest.trim_start();
        if let Some(pos) = closers.iter().position(|c| rest.starts_with(*c)) {
            rest = &rest[closers[pos].len()..];
            closers.remove(pos);
        } else if !separated
            && let Some(c) =
                rest.chars().next().filter(|c| matches!(c, ':' | '|' | '-' | '—' | '–'))
        {
            rest = &rest[c.len_utf8()..];
            separated = true;
        } else {
            return rest.trim_end();
        }
    }
}

/// The markup that closes an opener skipped before an id.
fn closer_of(opener: &str) -> &'static str {
    match opener {
        "**" => "**",
        "__" => "__",
        "~~" => "~~",
        "*" => "*",
        "_" => "_",
        "`" => "`",
        "[" => "]",
        _ => ")",
    }
}

/// A dependency cell without emphasis, code ticks and line breaks.
fn clean_cell(cell: &str) -> String {
    let mut cleaned = cell.replace("**", "").replace("__", "").replace("~~", "").replace('`', "");
    for br in ["<br/>", "<br />", "<br>", "<BR>"] {
        cleaned = cleaned.replace(br, ",");
    }
    cleaned.trim().to_string()
}

/// Whether a cell, or a piece of one, says "no dependencies".
fn is_none_word(text: &str) -> bool {
    let word = text.trim().trim_end_matches('.').trim().to_lowercase();
    matches!(
        word.as_str(),
        "" | "-"
            | "--"
            | "---"
            | "—"
            | "–"
            | "‒"
            | "−"
            | "none"
            | "(none)"
            | "n/a"
            | "n.a"
            | "na"
            | "nil"
            | "nothing"
            | "no dependencies"
            | "∅"
    )
}

/// Reads the text between ids: separators and none-words are fine, notes in
/// brackets after an id are ignored, anything else is unreadable.
fn note_gap(gap: &str, after_id: bool, deps: &mut Collector) {
    let text = if after_id { NOTE.replace_all(gap, " ") } else { gap.into() };
    for piece in SEPARATOR.split(&text) {
        let piece = piece.trim_matches(|c: char| c.is_whitespace() || ".:/-–—‒−".contains(c));
        let piece = LEAD_IN.replace(piece, "");
        let piece = piece.trim();
        if !piece.is_empty() && !is_none_word(piece) {
            deps.push_unreadable(piece);
        }
    }
}

/// Splits an id into the text before its final number, the number's digits
/// and a trailing letter: `T-15a` is (`T-`, `15`, `a`).
fn split_id(id: &str) -> Option<(&str, &str, &str)> {
    let without_letter = id.strip_suffix(|c: char| c.is_ascii_alphabetic()).unwrap_or(id);
    let suffix = &id[without_letter.len()..];
    let prefix = without_letter.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &without_letter[prefix.len()..];
    (!digits.is_empty()).then_some((prefix, digits, suffix))
}

/// Expands `first`..=`last` into `deps`, keeping zero padding, or records the
/// range's `text` as unreadable when it descends, crosses prefixes, carries
/// letter suffixes or is too long.
fn expand_range(first: &str, last: &str, text: &str, deps: &mut Collector) {
    let (Some((prefix, from_digits, "")), Some((last_prefix, to_digits, ""))) =
        (split_id(first), split_id(last))
    else {
        deps.push_unreadable(text);
        return;
    };
    let (Ok(from), Ok(to)) = (from_digits.parse::<u64>(), to_digits.parse::<u64>()) else {
        deps.push_unreadable(text);
        return;
    };
    if prefix != last_prefix || from > to || to - from >= MAX_RANGE {
        deps.push_unreadable(text);
        return;
    }
    let width = from_digits.len();
    for n in from..=to {
        deps.push_id(format!("{prefix}{n:0width$}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(extra: &[&str]) -> IdMatcher {
        let patterns: Vec<String> = extra.iter().map(|p| p.to_string()).collect();
        let (matcher, errors) = IdMatcher::new(&patterns);
        assert!(errors.is_empty(), "{errors:?}");
        matcher
    }

    fn ids(text: &str) -> Vec<&str> {
        matcher(&[]).find_all(text).into_iter().map(|(_, _, id)| id).collect()
    }

    fn deps(cell: &str) -> (Vec<String>, Vec<String>) {
        let read = matcher(&[]).dependencies(cell);
        (read.ids, read.unreadable)
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_ids_in_file_names_between_separators() {
        let ids = matcher(&[]);
        assert_eq!(ids.find_in_name("EN-001-migration.txt"), ["EN-001"]);
        assert_eq!(ids.find_in_name("2026-01-05-EN-003.log"), ["EN-003"]);
        assert_eq!(ids.find_in_name("EN-002_run.txt"), ["EN-002"]);
        assert_eq!(ids.find_in_name("run-EN-005-final.log"), ["EN-005"]);
        assert!(ids.find_in_name("notes.txt").is_empty());
    }

    #[test]
    fn finds_default_ids_in_prose() {
        assert_eq!(ids("Ship T-001 and DEV-014 before F-009."), ["T-001", "DEV-014", "F-009"]);
        assert_eq!(ids("Phase PH-NEXT-001 Complete"), ["PH-NEXT-001"]);
        assert_eq!(ids("see MARK-002, API-003; T-15a"), ["MARK-002", "API-003", "T-15a"]);
        assert_eq!(ids("(T-001) [T-002] `T-003` **T-004**"), ["T-001", "T-002", "T-003", "T-004"]);
        assert_eq!(ids("T-001: setup"), ["T-001"]);
        assert_eq!(ids("end of sentence T-001."), ["T-001"]);
        assert_eq!(ids("T-001→T-002"), ["T-001", "T-002"]);
    }

    #[test]
    fn reports_byte_offsets() {
        let found = matcher(&[]).find_all("✅ T-001 done");
        assert_eq!(found, [(4, 9, "T-001")]);
    }

    #[test]
    fn ignores_ids_inside_paths_words_and_versions() {
        assert!(ids("docs/T-001.md").is_empty());
        assert!(ids("T-001.md").is_empty());
        assert!(ids("v1.2-T-3").is_empty());
        assert!(ids("xT-001").is_empty());
        assert!(ids("T-001x1").is_empty());
        assert!(ids("T-001_notes").is_empty());
        assert!(ids("docs/T-001/T-002.md").is_empty());
        assert!(ids("T-001/T-002.md").is_empty());
        assert!(ids("T-001/notes").is_empty());
        assert!(ids("`SESSION-2025-11-13-PLAN.md`").is_empty());
        assert!(ids("SESSION-2025-11-13").is_empty());
        assert!(ids("branch T-001-fix").is_empty());
        assert!(ids("name.T-001").is_empty());
        assert!(ids("t-001 and dev-14 are lowercase").is_empty());
        assert!(ids("T001 has no dash").is_empty());
    }

    #[test]
    fn ignores_standards_and_ciphers() {
        for text in [
            "AES-256-GCM",
            "AES-256",
            "UTF-8",
            "SHA-256",
            "ISO-8601",
            "RFC-7231",
            "GPT-4",
            "WCAG-2",
            "P-256",
            "HTTP-2",
            "CVE-2024-1234",
            "COVID-19",
            "H-1",
            "X-1",
            "MD-5",
        ] {
            assert!(ids(text).is_empty(), "{text}");
        }
        assert_eq!(ids("encrypt with AES-256-GCM for T-004"), ["T-004"]);
    }

    #[test]
    fn finds_both_ends_of_tight_ranges() {
        assert_eq!(ids("T-101-T-114"), ["T-101", "T-114"]);
        assert_eq!(ids("(T-101-T-114)"), ["T-101", "T-114"]);
        assert_eq!(ids("T-001..T-005"), ["T-001", "T-005"]);
        assert_eq!(ids("T-004-014"), ["T-004"]);
        assert!(ids("AES-256-T-001").is_empty());
    }

    #[test]
    fn reads_ids_joined_by_a_slash() {
        assert_eq!(ids("DEV-014/DEV-020 stories"), ["DEV-014", "DEV-020"]);
        assert_eq!(ids("F-1/F-2/F-3"), ["F-1", "F-2", "F-3"]);
        assert_eq!(deps("T-001/T-002"), (strings(&["T-001", "T-002"]), vec![]));
    }

    #[test]
    fn configured_patterns_add_ids_and_longest_wins() {
        let m = matcher(&["auto-author-[a-z0-9]{3}", "tw-[a-z0-9]{3}", r"PROJ-\d+"]);
        let found: Vec<_> = m
            .find_all("1. auto-author-twk: crash; tw-abc, PROJ-12 and T-001")
            .into_iter()
            .map(|(_, _, id)| id)
            .collect();
        assert_eq!(found, ["auto-author-twk", "tw-abc", "PROJ-12", "T-001"]);
        let found: Vec<_> =
            m.find_all("xtw-abc tw-abcd").into_iter().map(|(_, _, id)| id).collect();
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn configured_patterns_are_not_stoplisted() {
        let m = matcher(&[r"AES-\d+"]);
        let found: Vec<_> = m.find_all("AES-256").into_iter().map(|(_, _, id)| id).collect();
        assert_eq!(found, ["AES-256"]);
    }

    #[test]
    fn bad_patterns_are_reported_and_skipped() {
        let patterns = strings(&["tw-[a-z", "", "a*", DEFAULT_PATTERN, "ok-[0-9]+"]);
        let (m, errors) = IdMatcher::new(&patterns);
        let bad: Vec<&str> = errors.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(bad, ["tw-[a-z", "", "a*"]);
        assert!(errors.iter().all(|(_, msg)| !msg.is_empty()));
        assert_eq!(m.patterns.len(), 2);
        let found: Vec<_> = m.find_all("ok-7 T-1").into_iter().map(|(_, _, id)| id).collect();
        assert_eq!(found, ["ok-7", "T-1"]);
    }

    #[test]
    fn reads_leading_ids_after_markup() {
        let m = matcher(&[]);
        assert_eq!(m.leading_id("T-001 Do x"), Some(("T-001", "Do x")));
        assert_eq!(m.leading_id("T-001: Do x"), Some(("T-001", "Do x")));
        assert_eq!(m.leading_id("**T-001** - Do x"), Some(("T-001", "Do x")));
        assert_eq!(m.leading_id("**T-001:** Do x"), Some(("T-001", "Do x")));
        assert_eq!(m.leading_id("[T-001] Do x"), Some(("T-001", "Do x")));
        assert_eq!(m.leading_id("`T-001` Do x"), Some(("T-001", "Do x")));
        assert_eq!(m.leading_id("✅ T-001 Do x"), Some(("T-001", "Do x")));
        assert_eq!(m.leading_id("⚠️ T-002 — Do y"), Some(("T-002", "Do y")));
        assert_eq!(m.leading_id("[x] T-003 | Do z"), Some(("T-003", "Do z")));
        assert_eq!(m.leading_id("T-004 – Do *this* now"), Some(("T-004", "Do *this* now")));
        assert_eq!(m.leading_id("  T-005  "), Some(("T-005", "")));
        assert_eq!(m.leading_id("T-006 - - dashes"), Some(("T-006", "- dashes")));
    }

    #[test]
    fn refuses_ids_that_do_not_lead() {
        let m = matcher(&[]);
        assert_eq!(m.leading_id("Phase PH-NEXT-001 Complete"), None);
        assert_eq!(m.leading_id("Do T-001 first"), None);
        assert_eq!(m.leading_id("1. T-001"), None);
        assert_eq!(m.leading_id("docs/T-001.md"), None);
        assert_eq!(m.leading_id("AES-256 support"), None);
        assert_eq!(m.leading_id(""), None);
        assert_eq!(m.leading_id("✅"), None);
    }

    #[test]
    fn reads_lists_of_ids() {
        assert_eq!(deps("T-001, T-002"), (strings(&["T-001", "T-002"]), vec![]));
        assert_eq!(deps("T-006, T-007"), (strings(&["T-006", "T-007"]), vec![]));
        assert_eq!(deps("T-001; T-002 and T-003"), (strings(&["T-001", "T-002", "T-003"]), vec![]));
        assert_eq!(deps("T-001 → T-003"), (strings(&["T-001", "T-003"]), vec![]));
        assert_eq!(deps("T-001 -> T-003"), (strings(&["T-001", "T-003"]), vec![]));
        assert_eq!(deps("**T-001**, `T-002`"), (strings(&["T-001", "T-002"]), vec![]));
        assert_eq!(deps("T-001<br>T-002"), (strings(&["T-001", "T-002"]), vec![]));
        assert_eq!(deps("T-002, T-001, T-002"), (strings(&["T-002", "T-001"]), vec![]));
        assert_eq!(deps("T-001 T-002"), (strings(&["T-001", "T-002"]), vec![]));
    }

    #[test]
    fn reads_range_with_ascii_dash() {
        assert_eq!(deps("T-004-T-007").0, strings(&["T-004", "T-005", "T-006", "T-007"]));
        assert_eq!(deps("T-004-T-014").0.len(), 11);
        assert_eq!(deps("T-004 - T-006").0, strings(&["T-004", "T-005", "T-006"]));
    }

    #[test]
    fn reads_range_with_en_dash() {
        assert_eq!(deps("API-003–API-005"), (strings(&["API-003", "API-004", "API-005"]), vec![]));
        assert_eq!(deps("API-3–API-5").0, strings(&["API-3", "API-4", "API-5"]));
        assert_eq!(deps("T-1 — T-2").0, strings(&["T-1", "T-2"]));
    }

    #[test]
    fn reads_ranges_in_words_and_dots() {
        assert_eq!(deps("T-1 to T-5").0, strings(&["T-1", "T-2", "T-3", "T-4", "T-5"]));
        assert_eq!(deps("T-004 through T-007").0.len(), 4);
        assert_eq!(deps("T-004 thru T-005").0, strings(&["T-004", "T-005"]));
        assert_eq!(deps("T-001..T-003").0, strings(&["T-001", "T-002", "T-003"]));
        assert_eq!(deps("T-001...T-002").0, strings(&["T-001", "T-002"]));
        assert_eq!(deps("PH-NEXT-001 to PH-NEXT-002").0, strings(&["PH-NEXT-001", "PH-NEXT-002"]));
    }

    #[test]
    fn reads_bare_number_range_ends() {
        assert_eq!(deps("T-004-014").0.len(), 11);
        assert_eq!(deps("T-004-014").0.last().map(String::as_str), Some("T-014"));
        assert_eq!(deps("T-004 to 006").0, strings(&["T-004", "T-005", "T-006"]));
        assert_eq!(deps("T-8–10, T-20").0, strings(&["T-8", "T-9", "T-10", "T-20"]));
    }

    #[test]
    fn keeps_zero_padding_when_widening() {
        assert_eq!(deps("T-098-T-101").0, strings(&["T-098", "T-099", "T-100", "T-101"]));
        assert_eq!(deps("T-9-T-11").0, strings(&["T-9", "T-10", "T-11"]));
    }

    #[test]
    fn refuses_bad_ranges() {
        assert_eq!(deps("T-009-T-004"), (vec![], strings(&["T-009-T-004"])));
        assert_eq!(deps("T-001-API-004"), (vec![], strings(&["T-001-API-004"])));
        assert_eq!(deps("T-1 to T-900"), (vec![], strings(&["T-1 to T-900"])));
        assert_eq!(deps("T-1a-T-3a"), (vec![], strings(&["T-1a-T-3a"])));
        assert_eq!(deps("T-5-T-5").0, strings(&["T-5"]));
        assert_eq!(deps("T-1-T-500").0.len(), 500);
        let huge = "T-1-T-99999999999999999999999";
        assert_eq!(deps(huge).1.len(), 1);
    }

    #[test]
    fn none_words_mean_no_dependencies() {
        for cell in
            ["", " ", "-", "—", "–", "none", "None", "NONE", "n/a", "N/A", "**-**", "(none)"]
        {
            assert_eq!(deps(cell), (vec![], vec![]), "{cell:?}");
        }
    }

    #[test]
    fn reports_unreadable_pieces() {
        assert_eq!(deps("backend done"), (vec![], strings(&["backend done"])));
        assert_eq!(deps("TBD"), (vec![], strings(&["TBD"])));
        assert_eq!(deps("T-001, TBD"), (strings(&["T-001"]), strings(&["TBD"])));
        assert_eq!(deps("T-001 schema"), (strings(&["T-001"]), strings(&["schema"])));
        assert_eq!(deps("T-009 - 2 days"), (vec![], strings(&["T-009 - 2", "days"])));
        assert_eq!(deps("(see plan) T-001"), (strings(&["T-001"]), strings(&["(see plan)"])));
    }

    #[test]
    fn ignores_notes_lead_ins_and_links() {
        assert_eq!(deps("T-002 (schema)"), (strings(&["T-002"]), vec![]));
        assert_eq!(deps("T-002 (schema), T-003 (api)").0, strings(&["T-002", "T-003"]));
        assert_eq!(deps("[T-002](plan.md#t-002)"), (strings(&["T-002"]), vec![]));
        assert_eq!(deps("Depends on T-001"), (strings(&["T-001"]), vec![]));
        assert_eq!(deps("after T-001."), (strings(&["T-001"]), vec![]));
        assert_eq!(deps("T-001, n/a"), (strings(&["T-001"]), vec![]));
    }

    #[test]
    fn configured_ids_work_in_dependency_cells() {
        let m = matcher(&["auto-author-[a-z0-9]{3}"]);
        let read = m.dependencies("auto-author-twk, auto-author-qou");
        assert_eq!(read.ids, strings(&["auto-author-twk", "auto-author-qou"]));
        assert!(read.unreadable.is_empty());
    }

    #[test]
    fn splits_ids_into_prefix_number_and_letter() {
        assert_eq!(split_id("T-15a"), Some(("T-", "15", "a")));
        assert_eq!(split_id("PH-NEXT-001"), Some(("PH-NEXT-", "001", "")));
        assert_eq!(split_id("abc"), None);
    }

    #[test]
    fn never_panics_on_odd_text() {
        let m = matcher(&["tw-[a-z0-9]{3}"]);
        let odd = [
            "",
            "-",
            "--",
            "T-",
            "-T-1",
            "T-1-",
            "T-1--T-2",
            "T-1..",
            "..T-1",
            "T-1 to",
            "to T-1",
            "é",
            "T-001é",
            "éT-001",
            "✅T-001✅",
            "T-1-T-1-T-1-T-1",
            "(((",
            ")))",
            "[x]",
            "**",
            "`",
            "T-1 (",
            "T-1 (a (b) c)",
            "\u{FE0F}",
            "T-\u{0661}",
            "Ｔ-001",
            "T-1\r\nT-2",
            "🚧🚧 T-9 🚧",
            "T-999999999999999999999-T-1",
            "tw-abc-tw-abd",
            "T-4-",
            "T-4 to 5x",
        ];
        for text in odd {
            let _ = m.find_all(text);
            let _ = m.leading_id(text);
            let _ = m.dependencies(text);
        }
        let mut long = String::new();
        for i in 0..2000 {
            long.push(char::from_u32(0x20 + (i * 7919) % 0x2FF).unwrap_or('x'));
            long.push_str(["T-", "-", "1", "é", " ", ".", "..", "to "][i as usize % 8]);
        }
        let _ = m.find_all(&long);
        let _ = m.dependencies(&long);
        let _ = m.leading_id(&long);
    }
}
