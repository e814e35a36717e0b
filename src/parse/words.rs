//! Statuses and estimates as people write them: `✅ Done`, `🚧 In progress`,
//! `PLAN READY`, `[x]`, `15min`, `1-2 days`, `2h 30m`.
//!
//! This module owns the vocabulary: which words and markers mean done, in
//! progress, open or blocked, and how a written estimate becomes minutes. It
//! reads one short piece of text at a time (a cell, a bullet, a heading) and
//! knows nothing of where the text came from; deciding which cell is the
//! status column, or what a checkbox overrides, is the caller's job.

use regex::Regex;

use crate::model::TaskStatus;
use crate::text::local::PerThread;
use crate::text::prefixed::captures;

/// The status markers this module knows, in no particular order. The
/// coloured circles 🔴 🟡 🟢 are not among them: in real docs they mark
/// priority or risk (`🔴 HIGH`, `🟢 LOW`) far more often than status.
const MARKERS: [char; 17] =
    ['✅', '✓', '✔', '☑', '❌', '✗', '✘', '⏳', '⌛', '🚧', '🔄', '⚠', '⬜', '☐', '🛑', '⛔', '⏭'];

// What `markers` and `tokenize` pass over without looking at the list.
const _: () = {
    let mut idx = 0;
    while idx < MARKERS.len() {
        assert!(!MARKERS[idx].is_ascii(), "a marker is outside ASCII");
        idx += 1;
    }
};

/// Words and phrases that state a status, as sequences of lowercase words.
/// Negated phrases come before the words they contain, though scanning left
/// to right already finds them first.
const PHRASES: &[(&[&str], TaskStatus)] = &[
    (&["not", "yet", "started"], TaskStatus::Open),
    (&["not", "started"], TaskStatus::Open),
    (&["not-started"], TaskStatus::Open),
    (&["not_started"], TaskStatus::Open),
    (&["not", "done"], TaskStatus::Open),
    (&["not", "complete"], TaskStatus::Open),
    (&["not", "completed"], TaskStatus::Open),
    (&["not", "finished"], TaskStatus::Open),
    (&["incomplete"], TaskStatus::Open),
    (&["unfinished"], TaskStatus::Open),
    (&["in", "progress"], TaskStatus::InProgress),
    (&["in-progress"], TaskStatus::InProgress),
    (&["in_progress"], TaskStatus::InProgress),
    (&["in", "review"], TaskStatus::InProgress),
    (&["on", "hold"], TaskStatus::Blocked),
    (&["on-hold"], TaskStatus::Blocked),
    (&["waiting", "on"], TaskStatus::Blocked),
    (&["waiting", "for"], TaskStatus::Blocked),
    (&["at", "risk"], TaskStatus::InProgress),
    (&["to", "do"], TaskStatus::Open),
    (&["to-do"], TaskStatus::Open),
    (&["won't", "do"], TaskStatus::Skipped),
    (&["wont", "do"], TaskStatus::Skipped),
    (&["won't", "fix"], TaskStatus::Skipped),
    (&["will", "not", "do"], TaskStatus::Skipped),
    (&["not", "needed"], TaskStatus::Skipped),
    (&["no", "longer", "needed"], TaskStatus::Skipped),
    (&["out", "of", "scope"], TaskStatus::Skipped),
    (&["en", "cours"], TaskStatus::InProgress),
    (&["in", "arbeit"], TaskStatus::InProgress),
    (&["en", "progreso"], TaskStatus::InProgress),
    (&["en", "curso"], TaskStatus::InProgress),
    (&["à", "faire"], TaskStatus::Open),
    (&["por", "hacer"], TaskStatus::Open),
];

/// Single words that state a status.
const WORDS: &[(&str, TaskStatus)] = &[
    ("done", TaskStatus::Done),
    ("complete", TaskStatus::Done),
    ("completed", TaskStatus::Done),
    ("finished", TaskStatus::Done),
    ("closed", TaskStatus::Done),
    ("resolved", TaskStatus::Done),
    ("merged", TaskStatus::Done),
    ("shipped", TaskStatus::Done),
    ("delivered", TaskStatus::Done),
    ("landed", TaskStatus::Done),
    ("verified", TaskStatus::Done),
    ("reached", TaskStatus::Done),
    ("achieved", TaskStatus::Done),
    ("wip", TaskStatus::InProgress),
    ("started", TaskStatus::InProgress),
    ("ongoing", TaskStatus::InProgress),
    ("underway", TaskStatus::InProgress),
    ("doing", TaskStatus::InProgress),
    ("active", TaskStatus::InProgress),
    ("partial", TaskStatus::InProgress),
    ("partially", TaskStatus::InProgress),
    ("implementing", TaskStatus::InProgress),
    ("todo", TaskStatus::Open),
    ("open", TaskStatus::Open),
    ("pending", TaskStatus::Open),
    ("planned", TaskStatus::Open),
    ("backlog", TaskStatus::Open),
    ("queued", TaskStatus::Open),
    ("ready", TaskStatus::Open),
    ("blocked", TaskStatus::Blocked),
    ("stuck", TaskStatus::Blocked),
    ("skipped", TaskStatus::Skipped),
    ("deferred", TaskStatus::Skipped),
    ("postponed", TaskStatus::Skipped),
    ("cancelled", TaskStatus::Skipped),
    ("canceled", TaskStatus::Skipped),
    ("descoped", TaskStatus::Skipped),
    ("dropped", TaskStatus::Skipped),
    ("abandoned", TaskStatus::Skipped),
    ("obsolete", TaskStatus::Skipped),
    ("superseded", TaskStatus::Skipped),
    ("wontfix", TaskStatus::Skipped),
    ("n/a", TaskStatus::Skipped),
    // French, German and Spanish, in the forms a status cell takes.
    ("terminé", TaskStatus::Done),
    ("terminée", TaskStatus::Done),
    ("achevé", TaskStatus::Done),
    ("fertig", TaskStatus::Done),
    ("erledigt", TaskStatus::Done),
    ("abgeschlossen", TaskStatus::Done),
    ("hecho", TaskStatus::Done),
    ("completado", TaskStatus::Done),
    ("completada", TaskStatus::Done),
    ("terminado", TaskStatus::Done),
    ("terminada", TaskStatus::Done),
    ("offen", TaskStatus::Open),
    ("pendiente", TaskStatus::Open),
    ("bloqué", TaskStatus::Blocked),
    ("bloquée", TaskStatus::Blocked),
    ("blockiert", TaskStatus::Blocked),
    ("bloqueado", TaskStatus::Blocked),
    ("annulé", TaskStatus::Skipped),
    ("annulée", TaskStatus::Skipped),
    ("reporté", TaskStatus::Skipped),
    ("reportée", TaskStatus::Skipped),
    ("abandonné", TaskStatus::Skipped),
    ("übersprungen", TaskStatus::Skipped),
    ("verschoben", TaskStatus::Skipped),
    ("abgebrochen", TaskStatus::Skipped),
    ("entfällt", TaskStatus::Skipped),
    ("cancelado", TaskStatus::Skipped),
    ("cancelada", TaskStatus::Skipped),
    ("omitido", TaskStatus::Skipped),
    ("aplazado", TaskStatus::Skipped),
    ("pospuesto", TaskStatus::Skipped),
];

/// Words that state a status only as the first and only word of a cell:
/// in headings they are nouns (`Next Steps`, `Final Readiness Review`,
/// `New Features`).
const LONE_WORDS: &[(&str, TaskStatus)] =
    &[("review", TaskStatus::InProgress), ("next", TaskStatus::Open), ("new", TaskStatus::Open)];

/// Words that state a status unless another word follows straight on, which
/// makes them a verb or an adjective: `Complete the audit`, `open issues`,
/// `active plan links`.
const NOT_BEFORE_A_WORD: [&str; 3] = ["complete", "open", "active"];

/// Words before "done" or "complete" that make it not quite so.
const HEDGES: [&str; 4] = ["almost", "nearly", "mostly", "partly"];

/// Minutes in the units people estimate in. A day is 8 working hours and a
/// week 5 working days, so `1 week` is 40 hours of work, not 168.
const MINUTES_PER_HOUR: f64 = 60.0;
const MINUTES_PER_DAY: f64 = 8.0 * MINUTES_PER_HOUR;
const MINUTES_PER_WEEK: f64 = 5.0 * MINUTES_PER_DAY;

/// One term of an estimate: a number or a range of numbers, then a unit.
static ESTIMATE_TERM: PerThread<Regex> = PerThread::new(|| {
    Regex::new(
        r"(?ix)^\s*
        ([0-9]+(?:\.[0-9]+)?)
        (?:\s*(?:-|–|—|to)\s*([0-9]+(?:\.[0-9]+)?))?
        \s*(minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d|weeks|week|wks|wk|w)",
    )
    .expect("estimate term pattern is valid")
});

/// A range between two whole estimates: `30 min - 1h`, `1 day to 2 days`.
static ESTIMATE_RANGE: PerThread<Regex> = PerThread::new(|| {
    Regex::new(r"(?i)^(.+?)\s*(?:-|–|—|\bto\b)\s*(.+)$").expect("estimate range pattern is valid")
});

/// A piece of text as status words see it.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A lowercase word; `-` and `_` inside it are kept (`in-progress`).
    Word(String),
    /// A number followed by `%`.
    Percent(f64),
    /// A status marker or a checkbox (`[x]` reads as `✅`, `[ ]` as `☐`).
    Marker(char),
    /// Punctuation between words, which ends a phrase: `Done (was blocked)`.
    Break,
}

/// The status a cell, bullet or heading states, by its words and markers; None if it states none.
///
/// Words win over markers (`Started ✅` is in progress) and the first status
/// word wins over later ones (`Done (was blocked)` is done). Words match whole
/// and case-insensitively, with markdown emphasis and code ticks ignored:
/// `reopened`, `undone`, `newly` and `reviewer` state nothing. `not done`,
/// `incomplete` and `not started` are open; `80% complete` and `almost done`
/// are in progress. Words that double as nouns or verbs in headings count
/// only where they read as a status: `review`, `next` and `new` as the only
/// word (`Status: Review`, not `Final Readiness Review`), and `complete`,
/// `open` and `active` when no word follows (`Gap synthesis complete`, not
/// `Complete the audit`); `to complete` is never a status.
pub fn status_of(text: &str) -> Option<TaskStatus> {
    status_of_tokens(&tokenize(text))
}

/// [`status_of`] the tokens of a text.
fn status_of_tokens(tokens: &[Token]) -> Option<TaskStatus> {
    status_by_words(tokens).or_else(|| {
        tokens.iter().find_map(|token| match token {
            Token::Marker(c) => marker_status(*c),
            _ => None,
        })
    })
}

/// The status a status bullet states: like [`status_of`], except that a
/// done or skip marker opening the bullet wins over words later in it
/// (`✅ AI-2: Deferred features tracked in backlog` is done), as the item's
/// own marker. Other markers are weaker than words (`⚠️ Done with caveats`);
/// in a status cell or line, words win (`✅ Ready` is open).
pub fn bullet_status(text: &str) -> Option<TaskStatus> {
    let tokens = tokenize(text);
    leading_marker(&tokens).or_else(|| status_of_tokens(&tokens))
}

fn leading_marker(tokens: &[Token]) -> Option<TaskStatus> {
    match tokens.iter().find(|t| **t != Token::Break)? {
        Token::Marker(c)
            if matches!(marker_status(*c), Some(TaskStatus::Done | TaskStatus::Skipped)) =>
        {
            marker_status(*c)
        }
        _ => None,
    }
}

/// The first status the words of `tokens` state.
fn status_by_words(tokens: &[Token]) -> Option<TaskStatus> {
    let first_word = first_word(tokens);
    for at in 0..tokens.len() {
        let Some(status) = status_at(tokens, at, first_word) else { continue };
        let before = at.checked_sub(1).and_then(|i| tokens.get(i));
        let hedged = match before {
            Some(Token::Percent(p)) => *p < 100.0,
            Some(Token::Word(w)) => HEDGES.contains(&w.as_str()),
            _ => false,
        };
        // `not blocked` says what a task is not; `to complete` is a verb.
        let negated = matches!(before, Some(Token::Word(w)) if w == "not" || w == "to");
        return Some(match status {
            TaskStatus::Done if hedged => TaskStatus::InProgress,
            _ if negated => continue,
            status => status,
        });
    }
    None
}

/// The index of the first word, past a leading `Status` label.
fn first_word(tokens: &[Token]) -> Option<usize> {
    let mut words = tokens.iter().enumerate().filter(|(_, t)| matches!(t, Token::Word(_)));
    let (at, token) = words.next()?;
    match token {
        Token::Word(w) if w == "status" => words.next().map(|(at, _)| at),
        _ => Some(at),
    }
}

/// The status of the phrase or word starting at `tokens[at]`, if any.
fn status_at(tokens: &[Token], at: usize, first_word: Option<usize>) -> Option<TaskStatus> {
    let word_at = |i: usize| match tokens.get(i) {
        Some(Token::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    let first = word_at(at)?;
    for (phrase, status) in PHRASES {
        if phrase.iter().enumerate().all(|(k, part)| word_at(at + k) == Some(*part)) {
            return Some(*status);
        }
    }
    let next = word_at(at + 1).filter(|w| w.starts_with(char::is_alphabetic));
    if let Some((_, status)) = LONE_WORDS.iter().find(|(word, _)| *word == first) {
        return (first_word == Some(at) && next.is_none()).then_some(*status);
    }
    if (NOT_BEFORE_A_WORD.contains(&first) && next.is_some())
        || (first == "done" && next == Some("when"))
    {
        return None;
    }
    WORDS.iter().find(|(word, _)| *word == first).map(|(_, status)| *status)
}

/// The status a marker states on its own.
fn marker_status(c: char) -> Option<TaskStatus> {
    match c {
        '✅' | '✓' | '✔' | '☑' => Some(TaskStatus::Done),
        '🚧' | '🔄' | '⚠' => Some(TaskStatus::InProgress),
        '⏳' | '⌛' | '⬜' | '☐' => Some(TaskStatus::Open),
        '❌' | '✗' | '✘' | '🛑' | '⛔' => Some(TaskStatus::Blocked),
        '⏭' => Some(TaskStatus::Skipped),
        _ => None,
    }
}

/// Splits text into words, percentages and markers. Markdown emphasis and
/// code ticks fall away as punctuation; `_` and `-` at the edges of a word are
/// trimmed so `_done_` reads as `done` while `in_progress` stays one word.
fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let in_number = c == '.' && word.ends_with(|p: char| p.is_ascii_digit());
        // `N/A` is one word.
        if c == '/' && word.eq_ignore_ascii_case("n") && next.is_some_and(|n| n == 'a' || n == 'A')
        {
            let after = text[at + 1..].chars().nth(1);
            if after.is_none_or(|a| !a.is_alphanumeric()) {
                word.push(c);
                continue;
            }
        }
        if c.is_alphanumeric()
            || matches!(c, '-' | '_' | '\'')
            || (in_number && next.is_some_and(|n| n.is_ascii_digit()))
        {
            word.push(c);
            continue;
        }
        flush_word(&mut word, c == '%', &mut tokens);
        if let Some(checkbox) = checkbox_at(&text[at..]) {
            tokens.push(Token::Marker(checkbox));
            chars.nth(1);
        } else if !c.is_ascii() && MARKERS.contains(&c) {
            tokens.push(Token::Marker(c));
        } else if !c.is_whitespace() && !matches!(c, '*' | '`' | '~' | '%' | '\u{FE0F}') {
            tokens.push(Token::Break);
        }
    }
    flush_word(&mut word, false, &mut tokens);
    tokens
}

/// Ends the word being read; a number right before `%` becomes a percentage.
fn flush_word(word: &mut String, before_percent: bool, tokens: &mut Vec<Token>) {
    let trimmed = word.trim_matches(|c| matches!(c, '-' | '_' | '\''));
    if trimmed.is_empty() && word.contains('-') {
        // A dash standing alone separates, as in `Phase 1 - Title`.
        tokens.push(Token::Break);
    } else if !trimmed.is_empty() {
        match trimmed.parse::<f64>() {
            Ok(p) if before_percent => tokens.push(Token::Percent(p)),
            _ => tokens.push(Token::Word(trimmed.to_lowercase())),
        }
    }
    word.clear();
}

/// A checkbox at the start of `text`: `[x]` or `[X]` reads as `✅`, `[ ]` as `☐`.
fn checkbox_at(text: &str) -> Option<char> {
    match text.get(..3)? {
        "[x]" | "[X]" => Some('✅'),
        "[ ]" => Some('☐'),
        _ => None,
    }
}

/// An estimate in minutes: `15min`, `15 min`, `15m`, `2h`, `2 hrs`, `1.5h`,
/// `90 min`, `1-2 days`, `3–4 days`, `1 week`, `2w`, `~2h`, `2h 30m`, `1d`,
/// `0.5 day`, `30-45 min`, `30 min - 1h`.
///
/// A range takes its upper end. A day is 8 working hours and a week 5 working
/// days. None for `-`, `TBD`, `?`, `S/M/L`, a bare number with no unit, empty
/// text, or anything else unreadable.
pub fn estimate_minutes(text: &str) -> Option<u32> {
    let cleaned = text.replace(['*', '`', '~', '≈'], "");
    let cleaned = cleaned.trim();
    let cleaned =
        strip_words(cleaned, &["approx.", "approx", "about", "around", "est.", "est", "up to"]);
    let minutes = sum_of_terms(cleaned).or_else(|| {
        let caps = captures(&ESTIMATE_RANGE, cleaned)?;
        let low = sum_of_terms(&caps[1])?;
        let high = sum_of_terms(&caps[2])?;
        Some(low.max(high))
    })?;
    let rounded = minutes.round();
    (rounded >= 0.0 && rounded <= f64::from(u32::MAX)).then_some(rounded as u32)
}

/// `text` without one leading hedge word such as `about` or `approx.`.
fn strip_words<'t>(text: &'t str, words: &[&str]) -> &'t str {
    for word in words {
        if let Some(head) = text.get(..word.len())
            && head.eq_ignore_ascii_case(word)
            && text[word.len()..].starts_with(|c: char| c.is_whitespace() || c.is_ascii_digit())
        {
            return text[word.len()..].trim_start();
        }
    }
    text
}

/// The minutes a run of terms adds up to (`2h 30m`), when the whole text is
/// terms; a term that is a range counts its upper end.
fn sum_of_terms(text: &str) -> Option<f64> {
    let mut rest = text.trim();
    if rest.is_empty() {
        return None;
    }
    let mut total = 0.0;
    while !rest.is_empty() {
        let caps = captures(&ESTIMATE_TERM, rest)?;
        let low: f64 = caps[1].parse().ok()?;
        let high: f64 = caps.get(2).map_or(Some(low), |m| m.as_str().parse().ok())?;
        total += low.max(high) * unit_minutes(&caps[3]);
        rest = &rest[caps.get(0).map_or(rest.len(), |m| m.end())..];
        // The unit must end its word (`2 mo` is not minutes), though the next
        // term may follow straight on (`2h30m`).
        if rest.starts_with(|c: char| c.is_alphabetic()) {
            return None;
        }
        rest = rest.trim_start();
        for joint in [",", "+", "and "] {
            if let Some(after) = rest.strip_prefix(joint) {
                rest = after.trim_start();
                break;
            }
        }
    }
    total.is_finite().then_some(total)
}

/// Minutes in one of the units `ESTIMATE_TERM` accepts.
fn unit_minutes(unit: &str) -> f64 {
    match unit.to_ascii_lowercase().chars().next() {
        Some('m') => 1.0,
        Some('h') => MINUTES_PER_HOUR,
        Some('d') => MINUTES_PER_DAY,
        _ => MINUTES_PER_WEEK,
    }
}

/// The status markers found in text (✅ ✓ ✔ ☑ ❌ ✗ ✘ ⏳ ⌛ 🚧 🔄 ⚠️ ⚠ ⬜ ☐ 🛑 ⛔), in order;
/// used by callers that need to know a marker was present. `⚠️` is reported as `⚠`.
pub fn markers(text: &str) -> Vec<char> {
    // Every marker is outside ASCII, and most texts are ASCII throughout.
    if text.is_ascii() {
        return Vec::new();
    }
    text.chars().filter(|c| !c.is_ascii() && MARKERS.contains(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use TaskStatus::{Blocked, Done, InProgress, Open};

    fn check(cases: &[(&str, Option<TaskStatus>)]) {
        for (text, want) in cases {
            assert_eq!(status_of(text), *want, "{text:?}");
        }
    }

    #[test]
    fn reads_done_words_and_markers() {
        check(&[
            ("done", Some(Done)),
            ("Done", Some(Done)),
            ("**DONE**", Some(Done)),
            ("_done_", Some(Done)),
            ("`complete`", Some(Done)),
            ("Completed", Some(Done)),
            ("finished", Some(Done)),
            ("Closed", Some(Done)),
            ("resolved", Some(Done)),
            ("Merged", Some(Done)),
            ("shipped", Some(Done)),
            ("delivered", Some(Done)),
            ("landed", Some(Done)),
            ("Verified", Some(Done)),
            ("✅", Some(Done)),
            ("✓", Some(Done)),
            ("✔", Some(Done)),
            ("☑", Some(Done)),
            ("🟢", None),
            ("[x]", Some(Done)),
            ("[X] write docs", Some(Done)),
            ("100% complete", Some(Done)),
        ]);
    }

    #[test]
    fn reads_in_progress_words_and_markers() {
        check(&[
            ("in progress", Some(InProgress)),
            ("In Progress", Some(InProgress)),
            ("in-progress", Some(InProgress)),
            ("IN_PROGRESS", Some(InProgress)),
            ("WIP", Some(InProgress)),
            ("started", Some(InProgress)),
            ("ongoing", Some(InProgress)),
            ("underway", Some(InProgress)),
            ("doing", Some(InProgress)),
            ("Status: Active", Some(InProgress)),
            ("in review", Some(InProgress)),
            ("Review", Some(InProgress)),
            ("partial", Some(InProgress)),
            ("partially", Some(InProgress)),
            ("implementing", Some(InProgress)),
            ("🚧", Some(InProgress)),
            ("🔄", Some(InProgress)),
            ("🟡", None),
            ("⚠️", Some(InProgress)),
            ("⚠", Some(InProgress)),
            ("80% complete", Some(InProgress)),
            ("(10% done)", Some(InProgress)),
            ("almost done", Some(InProgress)),
        ]);
    }

    #[test]
    fn reads_open_words_and_markers() {
        check(&[
            ("todo", Some(Open)),
            ("TODO", Some(Open)),
            ("to do", Some(Open)),
            ("To-Do", Some(Open)),
            ("open", Some(Open)),
            ("Pending", Some(Open)),
            ("not started", Some(Open)),
            ("Not yet started", Some(Open)),
            ("planned", Some(Open)),
            ("backlog", Some(Open)),
            ("queued", Some(Open)),
            ("next", Some(Open)),
            ("new", Some(Open)),
            ("PLAN READY", Some(Open)),
            ("⏳", Some(Open)),
            ("⌛", Some(Open)),
            ("⬜", Some(Open)),
            ("☐", Some(Open)),
            ("[ ]", Some(Open)),
        ]);
    }

    #[test]
    fn reads_blocked_words_and_markers() {
        check(&[
            ("blocked", Some(Blocked)),
            ("BLOCKED", Some(Blocked)),
            ("on hold", Some(Blocked)),
            ("on-hold", Some(Blocked)),
            ("stuck", Some(Blocked)),
            ("waiting on design", Some(Blocked)),
            ("Waiting for API keys", Some(Blocked)),
            ("❌", Some(Blocked)),
            ("✗", Some(Blocked)),
            ("✘", Some(Blocked)),
            ("🔴", None),
            ("🛑", Some(Blocked)),
            ("⛔", Some(Blocked)),
        ]);
    }

    #[test]
    fn negations_read_as_open() {
        check(&[
            ("not done", Some(Open)),
            ("Not Complete", Some(Open)),
            ("not completed yet", Some(Open)),
            ("incomplete", Some(Open)),
            ("unfinished", Some(Open)),
            ("not started", Some(Open)),
            ("not-started", Some(Open)),
            ("not blocked, in progress", Some(InProgress)),
        ]);
    }

    #[test]
    fn set_aside_words_in_several_languages_are_skipped() {
        use TaskStatus::Skipped;
        check(&[
            ("SKIPPED", Some(Skipped)),
            ("Deferred", Some(Skipped)),
            ("N/A", Some(Skipped)),
            ("n/a", Some(Skipped)),
            ("Won't do", Some(Skipped)),
            ("Out of scope", Some(Skipped)),
            ("⏭️", Some(Skipped)),
            ("Annulé", Some(Skipped)),
            ("Verschoben", Some(Skipped)),
            ("Cancelado", Some(Skipped)),
            ("Terminé", Some(Done)),
            ("Erledigt", Some(Done)),
            ("En cours", Some(InProgress)),
            ("Pendiente", Some(Open)),
            ("n/amount", None),
            ("Skip", None),
        ]);
        assert_eq!(bullet_status("✅ AI-2: Deferred features"), Some(Done));
        assert_eq!(bullet_status("⏭️ Later: done soon"), Some(Skipped));
        assert_eq!(bullet_status("⚠️ Done with caveats"), Some(Done));
        assert_eq!(status_of("✅ Ready"), Some(Open));
    }

    #[test]
    fn words_win_over_markers() {
        check(&[
            ("✅ Done", Some(Done)),
            ("🚧 In progress", Some(InProgress)),
            ("⏳ Todo", Some(Open)),
            ("❌ Blocked", Some(Blocked)),
            ("Complete ✅", Some(Done)),
            ("Started ✅", Some(InProgress)),
            ("❌ Not started", Some(Open)),
            ("✅ Ready", Some(Open)),
            ("Phase 2 🚧 STARTED (10% done)", Some(InProgress)),
            ("Setup the repo ✅", Some(Done)),
            ("⚠️ ✅", Some(InProgress)),
        ]);
    }

    #[test]
    fn first_status_word_wins() {
        check(&[
            ("Done (was blocked)", Some(Done)),
            ("Blocked, was in progress", Some(Blocked)),
            ("Open / in review", Some(Open)),
            ("Phase PH-NEXT-001 Complete", Some(Done)),
        ]);
    }

    #[test]
    fn heading_nouns_and_verbs_are_not_statuses() {
        check(&[
            ("Next Steps", None),
            ("Immediate Next Steps", None),
            ("Recommendations for Next Session", None),
            ("Final Readiness Review", None),
            ("New Features", None),
            ("Complete the audit", None),
            ("Priority 1: Complete Missing Components", None),
            ("Open issues", None),
            ("Missing Components (20% to Complete)", None),
            ("Done When", None),
            ("Normalize active plan links", None),
            ("Codebase Review ✅", Some(Done)),
            ("Next ⏳", Some(Open)),
            ("Status: Review", Some(InProgress)),
            ("Review pending", Some(Open)),
            ("Gap synthesis complete", Some(Done)),
            ("Complete: yes", Some(Done)),
        ]);
    }

    #[test]
    fn matches_only_whole_words() {
        check(&[
            ("reopened", None),
            ("undone", None),
            ("newly added", None),
            ("reviewer", None),
            ("nextjs", None),
            ("openapi", None),
            ("predone", None),
            ("doneness", None),
            ("blockedness", None),
            ("started-up", None),
            ("Excellent progress", None),
            ("", None),
            ("-", None),
            ("   ", None),
            ("Setup the repo", None),
        ]);
    }

    #[test]
    fn reads_estimates_in_minutes_and_hours() {
        for (text, want) in [
            ("15min", 15),
            ("15 min", 15),
            ("15m", 15),
            ("15 minutes", 15),
            ("90 min", 90),
            ("2h", 120),
            ("2 hrs", 120),
            ("2 hours", 120),
            ("1.5h", 90),
            ("~2h", 120),
            ("2h 30m", 150),
            ("2h30m", 150),
            ("1 hour and 15 minutes", 75),
            ("30-45 min", 45),
            ("30 – 45 mins", 45),
            ("30 min - 1h", 60),
            ("**45min**", 45),
            ("approx. 3h", 180),
            ("about 20 min", 20),
            ("0 min", 0),
        ] {
            assert_eq!(estimate_minutes(text), Some(want), "{text:?}");
        }
    }

    #[test]
    fn reads_estimates_in_days_and_weeks() {
        for (text, want) in [
            ("1d", 480),
            ("1 day", 480),
            ("0.5 day", 240),
            ("1-2 days", 960),
            ("3–4 days", 1920),
            ("3 to 4 days", 1920),
            ("1 week", 2400),
            ("2w", 4800),
            ("2 wks", 4800),
            ("1 week 2 days", 3360),
            ("10-14 days", 6720),
        ] {
            assert_eq!(estimate_minutes(text), Some(want), "{text:?}");
        }
    }

    #[test]
    fn refuses_unreadable_estimates() {
        for text in [
            "",
            "-",
            "—",
            "TBD",
            "?",
            "S",
            "M",
            "L",
            "S/M/L",
            "XL",
            "30",
            "soon",
            "2 months",
            "2 mo",
            "h",
            "2 hours?",
            "2h tbd",
            "2 sprints",
            "2x",
            "1..2h",
            "minutes",
            "1e9h",
        ] {
            assert_eq!(estimate_minutes(text), None, "{text:?}");
        }
        assert_eq!(estimate_minutes("99999999999 weeks"), None);
    }

    #[test]
    fn lists_markers_in_order() {
        assert_eq!(markers("✅ done, ⏳ next, ❌"), ['✅', '⏳', '❌']);
        assert_eq!(markers("⚠️ careful"), ['⚠']);
        assert_eq!(
            markers("🚧🔄🟡🟢🔴⬜☐🛑⛔✓✔☑✗✘⌛"),
            ['🚧', '🔄', '⬜', '☐', '🛑', '⛔', '✓', '✔', '☑', '✗', '✘', '⌛']
        );
        assert!(markers("no markers here [x]").is_empty());
        assert!(markers("").is_empty());
    }

    #[test]
    fn never_panics_on_odd_text() {
        let odd = [
            "",
            "[",
            "[x",
            "[ ",
            "%",
            "1%",
            ".%",
            "1.%",
            "1.5.%",
            "é%",
            "✅[x]",
            "\u{FE0F}",
            "--",
            "__",
            "not",
            "not not",
            "100.0.0% done",
            "1-",
            "-1h",
            "h1",
            "1 - ",
            " - 2h",
            "🚧[ ]",
            "1.5.5h",
            "½ day",
            "٣ hours",
            "1\u{0301}h",
        ];
        for text in odd {
            let _ = status_of(text);
            let _ = estimate_minutes(text);
            let _ = markers(text);
        }
        let long: String =
            (0..3000).map(|i| ['✅', 'a', ' ', '[', 'x', ']', '%', '9', '.'][i % 9]).collect();
        let _ = status_of(&long);
        let _ = estimate_minutes(&long);
    }
}
