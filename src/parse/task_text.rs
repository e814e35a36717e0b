//! What the text of a task says beside its id, and the stems of the ids
//! synthesized for tasks that have none.
//!
//! This module owns the small text helpers that reading tasks leans on: a
//! title cleaned of markers, section numbers and status words, whether a bold
//! line is a label, the status an unchecked item states beyond its box, the
//! words that mean "none", and the document stem and hash that synthesized
//! ids are built from. Which words and markers mean which status is
//! `crate::parse::words`'s vocabulary; where a title or status sits in a
//! document is `crate::parse::tasks`'s business.

use crate::model::{TaskStatus, slug};
use crate::parse::words::{markers, status_of};

/// A task's title: markers, checkbox syntax and trailing separators removed.
pub fn clean_title(text: &str) -> String {
    let text = strip_markers(text).replace("~~", "");
    let text = text.trim().trim_start_matches(['-', ':', '–', '—', '|', ' ']).trim();
    let text = text.trim_end_matches([':', '-', '–', '—', ' ']).trim();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes status markers and leftover markdown from a title.
pub(crate) fn strip_markers(text: &str) -> String {
    let marks = markers(text);
    text.chars().filter(|c| !marks.contains(c) && *c != '\u{FE0F}').collect()
}

/// A heading's title without its section number (`3. Phase 2` -> `Phase 2`)
/// and, when the heading states a status, without the status words
/// (`Phase 2 Complete (in an hour!)` -> `Phase 2`).
pub(crate) fn heading_title(text: &str) -> String {
    let title = clean_title(text);
    let title = if status_of(text).is_some() { without_status_words(&title) } else { title };
    let number_end = title.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
    match title[number_end..].strip_prefix(['.', ')']) {
        Some(rest) if number_end > 0 && rest.starts_with(' ') => rest.trim().to_string(),
        _ => title,
    }
}

/// A title without the status words and aside that end it:
/// `Phase 2 Complete (in <1 hour!)` -> `Phase 2`.
pub(crate) fn without_status_words(title: &str) -> String {
    let mut title = title.trim().to_string();
    if title.ends_with(')')
        && let Some(open) = title.rfind('(')
    {
        title.truncate(open);
    }
    let mut words: Vec<&str> = title.split_whitespace().collect();
    while let Some(last) = words.last() {
        let word = last.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() || status_of(word).is_some() {
            words.pop();
        } else {
            break;
        }
    }
    clean_title(&words.join(" "))
}

/// Whether a bold paragraph is a short label (one line, a few words).
pub(crate) fn is_label(text: &str) -> bool {
    !text.contains('\n') && text.split_whitespace().count() <= 10
}

/// The status an unchecked item states beyond its box: a marker anywhere
/// (`🚧`), a status word leading the text (`Blocked: …`), in a closing
/// parenthesis (`… (in progress)`) or leading a short closing clause
/// (`…, blocked on tw-q0w.`). A word inside the sentence is just a word:
/// `Return 403 for blocked accounts` is an open item. Work set aside is
/// skipped (see [`set_aside`]).
pub(crate) fn unchecked_status(text: &str) -> TaskStatus {
    if set_aside(text) {
        return TaskStatus::Skipped;
    }
    match stated_beyond_box(text) {
        Some(status @ (TaskStatus::InProgress | TaskStatus::Blocked)) => status,
        _ => TaskStatus::Open,
    }
}

/// The status a checked item states: done, unless it says the work was
/// set aside (`- [x] ~~Create migration~~ - SKIPPED`).
pub(crate) fn checked_status(text: &str) -> TaskStatus {
    if set_aside(text) { TaskStatus::Skipped } else { TaskStatus::Done }
}

/// Whether an item says its work was set aside rather than done or left
/// undone: its title struck through (`~~Batch export~~`), a `⏭️` marker, or
/// a skip word where an item states its status: in capitals or as a label
/// at its start (`DEFERRED: …`, `[N/A] …`), in a closing parenthesis
/// (`(won't do)`) or closing clause (`… - SKIPPED`). `Dropped the old
/// cache` and `Skip login for admins` are work, not statuses.
pub(crate) fn set_aside(text: &str) -> bool {
    if struck_through(text) || markers(text).contains(&'⏭') {
        return true;
    }
    let stripped = strip_markers(text);
    let stripped = stripped.trim().trim_start_matches(['*', '_', '~']);
    let first = stripped.split_whitespace().next().unwrap_or("");
    let labelled = first.ends_with(':')
        || first.starts_with('[')
        || (first.chars().any(char::is_alphabetic) && !first.chars().any(char::is_lowercase));
    let leading = labelled.then(|| first.trim_matches(|c: char| "[]():*_".contains(c)));
    let (trailing, clause) = closing_parts(stripped);
    [leading, trailing, clause.as_deref()]
        .into_iter()
        .flatten()
        .any(|part| status_of(part.trim_end_matches(':')) == Some(TaskStatus::Skipped))
}

/// Whether the item's title is struck through: `~~Old idea~~`, or
/// `~~Old idea~~ (dropped)`, with only a short remark after it.
fn struck_through(text: &str) -> bool {
    let text = strip_markers(text);
    let Some(rest) = text.trim().trim_start_matches(['*', '_']).strip_prefix("~~") else {
        return false;
    };
    rest.find("~~").is_some_and(|end| {
        let after = rest[end + 2..].trim();
        end > 0 && after.split_whitespace().count() <= 6
    })
}

/// The first status an item states beyond its box, by position: two words
/// at its start, a closing parenthesis, a closing clause, its markers.
fn stated_beyond_box(text: &str) -> Option<TaskStatus> {
    let marks: String = markers(text).into_iter().collect();
    let stripped = strip_markers(text);
    let stripped = stripped.trim();
    let leading: String = stripped.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
    let (trailing, clause) = closing_parts(stripped);
    [Some(leading.as_str()), trailing, clause.as_deref(), Some(marks.as_str())]
        .into_iter()
        .flatten()
        .find_map(|part| status_of(part.trim_end_matches(':')))
}

/// The closing parenthesis of an item (`… (in progress)`) and the first two
/// words of a short closing clause (`…, blocked on tw-q0w.`, `… - SKIPPED`).
fn closing_parts(stripped: &str) -> (Option<&str>, Option<String>) {
    let trailing =
        stripped.strip_suffix(')').and_then(|t| t.rsplit_once('(')).map(|(_, inner)| inner);
    let clause = [", ", " — ", " – ", " - ", "; "]
        .iter()
        .filter_map(|sep| stripped.rsplit_once(sep).map(|(_, tail)| tail))
        .min_by_key(|tail| tail.len())
        .filter(|tail| tail.split_whitespace().count() <= 4)
        .map(|tail| tail.split_whitespace().take(2).collect::<Vec<_>>().join(" "));
    (trailing, clause)
}

/// Whether a cell or a field says there is nothing (`-`, `none`, `n/a`, `TBD`).
pub(crate) fn is_none_word(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "" | "-" | "—" | "–" | "none" | "n/a" | "na" | "tbd" | "?"
    )
}

/// The document's file name without its extension, as a short slug: the
/// stem of the ids synthesized for its tasks and phases.
pub(crate) fn doc_stem(path: &str) -> String {
    let name = crate::model::file_name(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let stem = slug(stem);
    stem.chars().take(32).collect::<String>().trim_end_matches('-').to_string()
}

/// The 64-bit FNV-1a hash: small, stable across platforms and releases,
/// which a synthesized id must be.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
