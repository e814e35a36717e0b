//! The shapes of lines in a list of work: a numbered line (`1. Fix X`,
//! `2) Fix Y`), a paragraph set off by an emoji like a list item, a field
//! line (`Confidence: 80%`), a subheading or bold label that names one
//! piece of work rather than a group of them, and the status such a line
//! states.
//!
//! This module reads one line at a time; which list the line is in is
//! `crate::parse::tasks::scope`'s business, and what becomes a task is
//! `crate::parse::tasks::forms`'s.

use regex::Regex;

use crate::model::TaskStatus;
use crate::parse::task_text::{clean_title, stated_status, strip_markers, without_status_words};
use crate::parse::tasks::{PHASE_HEADING, scope};
use crate::text::words::WordRegex;

/// The status a line of a work list states; a `⚠️` there warns, it
/// states no status.
pub(super) fn line_status(text: &str) -> Option<TaskStatus> {
    stated_status(&text.replace('⚠', ""))
}

/// Whether a subheading of a work list is a piece of work rather than a
/// group of them: numbered (`#### 4. Performance pass (2-3 days)`),
/// labelled (`#### Test 1: Sign in (30 mins)`) or stating a status
/// (`#### Secret scanning (TODO)`); not a name of work, of something
/// else, of a time or priority, nor a phase.
pub(super) fn task_like_heading(text: &str) -> bool {
    let stripped = strip_markers(text);
    let stripped = stripped.trim();
    if scope::opens_work(text)
        || scope::names_other(text)
        || scope::names_grouping(numbered(stripped).unwrap_or(stripped))
        || PHASE_HEADING.is_match(stripped)
    {
        return false;
    }
    let titled = !without_status_words(&clean_title(&stripped.replace('⚠', ""))).is_empty();
    let first = stripped.split_whitespace().next().unwrap_or("").to_lowercase();
    numbered(stripped).is_some()
        || (LABELLED.is_match(stripped) && !SECTION_WORDS.contains(&first.as_str()))
        || (titled && line_status(text).is_some())
}

/// Words that label a part of a plan, not a piece of work: `Week 1:`,
/// `Part 2:`, `Priority 1:`.
const SECTION_WORDS: &[&str] = &[
    "week",
    "day",
    "sprint",
    "iteration",
    "priority",
    "stage",
    "milestone",
    "month",
    "quarter",
    "phase",
    "part",
    "section",
    "chapter",
    "option",
    "level",
    "tier",
    "wave",
    "round",
    "version",
    "semaine",
    "jour",
    "woche",
    "tag",
    "semana",
    "día",
    "fase",
    "etapa",
    "partie",
    "teil",
];

/// Whether a paragraph is set off like an item of a list, by a marker or
/// an emoji before its words (`🔴 **Fix the production bug**: …`), and
/// short.
pub(super) fn set_off(text: &str) -> bool {
    let text = text.trim_start();
    text.starts_with(|c: char| !c.is_alphanumeric() && !"*_([`'\"<>#|~-+".contains(c))
        && text.split_whitespace().count() <= 25
}

/// Whether a line is a field (`Confidence Level: 80%`, `Target: 100%`):
/// a short name, a colon, a value.
pub(super) fn is_field(text: &str) -> bool {
    let text = strip_markers(text);
    text.split_once(": ").is_some_and(|(name, value)| {
        let name = name.trim();
        !name.is_empty()
            && name.split_whitespace().count() <= 4
            && !name.contains(['.', '(', '`'])
            && !value.trim().is_empty()
    })
}

/// Whether a bold label in a work list names a piece of work, whose lines
/// below are its details (`⚠️ **Consider Playwright for E2E tests**:`): set
/// off by a marker or emoji like the items of a list, two words or more,
/// not a sentence leading into a list (`Per the plan (see …):`), and not a
/// name of work, of something else, or of a time or priority
/// (`**Immediate**:`, `**Questions for user**:`).
pub(super) fn task_like_label(text: &str) -> bool {
    let words = text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
    let symbol_first = text.trim_start().starts_with(|c: char| !c.is_alphanumeric() && c != '*');
    symbol_first
        && words >= 2
        && !text.contains(['(', '/', '`'])
        && !LEAD_INS.contains(&first.trim_matches(|c: char| !c.is_alphanumeric()))
        && !scope::opens_work(text)
        && !scope::names_other(text)
        && !scope::names_grouping(text)
}

/// First words of a sentence that leads into a list rather than naming
/// work: `Per the plan:`, `Based on the review:`, `If tests fail:`.
const LEAD_INS: &[&str] = &[
    "per",
    "as",
    "for",
    "in",
    "to",
    "if",
    "when",
    "based",
    "according",
    "from",
    "with",
    "after",
    "before",
    "during",
    "since",
    "while",
    "once",
    "here",
    "this",
    "these",
    "the",
    "we",
    "i",
    "you",
    "it",
    "there",
    "they",
    "our",
    "a",
    "an",
];

/// A word and a number that label a subheading: `Test 1:`, `Fix 2 -`.
static LABELLED: WordRegex = WordRegex::new(|| {
    Regex::new(r"^[A-Za-z]+\s+#?[0-9]+(?:\.[0-9]+)*[a-z]?\s*[:.)\-–—](?:[^0-9]|$)")
        .expect("labelled subheading pattern is valid")
});

/// The text of a numbered line after its number: `1. Fix X` -> `Fix X`,
/// `2) Fix Y` -> `Fix Y`.
pub(super) fn numbered(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let digits = text.find(|c: char| !c.is_ascii_digit())?;
    let rest = text[digits..].strip_prefix(['.', ')'])?;
    (digits > 0 && digits <= 3 && rest.starts_with(' ')).then(|| rest.trim_start())
}
