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
use crate::parse::words::{estimate_minutes, markers, status_of};

/// A task's title: markers, checkbox syntax and trailing separators removed.
pub fn clean_title(text: &str) -> String {
    let stripped = strip_markers(text);
    let text = match stripped.contains("~~") {
        true => stripped.replace("~~", ""),
        false => stripped,
    };
    let text = text.trim().trim_start_matches(['-', ':', '–', '—', '|', ' ']).trim();
    let text = text.trim_end_matches([':', '-', '–', '—', ' ']).trim();
    one_space_apart(text)
}

/// The words of `text` joined by one space, as `split_whitespace` and
/// `join(" ")` make them. A title is cleaned several times over as its
/// status is taken off, and is mostly single-spaced ASCII already: such a
/// text is copied as it is.
fn one_space_apart(text: &str) -> String {
    // Every white space character other than the space is a control byte
    // or outside ASCII.
    let spaced = |b: &u8| *b > b' ' && *b < 0x80;
    let bytes = text.as_bytes();
    let single = bytes.first().is_none_or(spaced)
        && bytes.last().is_none_or(spaced)
        && bytes.iter().all(|b| spaced(b) || *b == b' ')
        && memchr::memmem::find(bytes, b"  ").is_none();
    match single {
        true => text.to_string(),
        false => text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// Removes status markers and leftover markdown from a title.
pub(crate) fn strip_markers(text: &str) -> String {
    // Every marker and the emoji selector are outside ASCII: most titles
    // have nothing to strip (this was a fifth of task finding in a profile).
    if text.is_ascii() {
        return text.to_string();
    }
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
        // A phrase first: `IN PROGRESS`, `NOT STARTED` (whose last word
        // alone says something else, or nothing).
        let phrase = words.len().checked_sub(2).map(|at| words[at..].join(" "));
        let phrase_status = phrase.as_deref().and_then(status_of);
        if phrase_status.is_some() && phrase_status != status_of(word) {
            words.truncate(words.len() - 2);
        } else if word.is_empty() || status_of(word).is_some() {
            words.pop();
        } else {
            break;
        }
    }
    clean_title(&words.join(" "))
}

/// Whether a bold paragraph is a short label (one line, a few words).
pub(crate) fn is_label(text: &str) -> bool {
    // Ten words at most: no eleventh (a long paragraph is not walked through).
    !text.contains('\n') && text.split_whitespace().nth(10).is_none()
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

/// The status a line states where people write one: a done or skip
/// marker opening it (`✅ Ship`), a status word leading it (`DONE: Ship`,
/// `[WIP] Ship`), in a closing parenthesis (`Ship (in progress)`) or a short
/// closing clause (`Ship - blocked on review`, `Ship: NOT STARTED`), or a
/// marker anywhere. A status word inside the sentence is just a word
/// (`Fix login for blocked users`). None when the line states nothing.
pub(crate) fn stated_status(text: &str) -> Option<TaskStatus> {
    // The line's own marker first: `✅ ~~Fix the bug~~ (COMPLETED)` is done.
    let leading_marker = markers(text.trim_start().chars().take(2).collect::<String>().as_str());
    if let Some(&first) = leading_marker.first()
        && let Some(status @ (TaskStatus::Done | TaskStatus::Skipped)) =
            status_of(&first.to_string())
    {
        return Some(status);
    }
    // Struck through or `⏭️`; skip words count where they open or close the
    // line, like any status word (`(34 obsolete files)` states nothing).
    if struck_through(text) || markers(text).contains(&'⏭') {
        return Some(TaskStatus::Skipped);
    }
    let marks: String = markers(text).into_iter().collect();
    let stripped = strip_markers(text);
    let stripped = stripped.trim().trim_start_matches(['[', '(', '*']);
    let (trailing, clause) = closing_parts(stripped);
    [Some(stripped), trailing, clause.as_deref()]
        .into_iter()
        .flatten()
        .find_map(opening_status)
        .or_else(|| shouted_after_colon(stripped))
        .or_else(|| status_of(&marks))
}

/// The status the words opening a part state: `DONE: …`, `in progress`,
/// `not started yet`. A word the opening words only lead to is not it: `if
/// partially exposed` states nothing, nor does `Fix blocked users`.
fn opening_status(part: &str) -> Option<TaskStatus> {
    let words: Vec<&str> = part.split_whitespace().take(3).collect();
    let first = words.first()?.trim_end_matches([':', ',', ']', ')']);
    // `Next 1-2 months`, `New users`: a status only standing alone.
    if words.len() > 1 && ["next", "new", "review"].contains(&first.to_lowercase().as_str()) {
        return None;
    }
    // `Complete the audit`: the word that follows makes it a verb.
    let with_next = words.get(..2).map(|two| status_of(&two.join(" ")));
    if let Some(status) = status_of(first)
        && with_next.is_none_or(|next| next == Some(status))
    {
        return Some(status);
    }
    // A phrase (`in progress`, `not started`, `won't do`) states what the
    // words after its first do not.
    (2..=words.len()).find_map(|n| {
        let phrase = words[..n].join(" ");
        let status = status_of(phrase.trim_end_matches([':', ',', ']', ')']))?;
        (status_of(&words[1..n].join(" ")) != Some(status)).then_some(status)
    })
}

/// A status shouted after a colon that closes a line: `Setup (4h): NOT STARTED`.
fn shouted_after_colon(text: &str) -> Option<TaskStatus> {
    let (_, tail) = text.rsplit_once(": ")?;
    let tail = tail.trim();
    let shouted = tail.split_whitespace().count() <= 3
        && tail.chars().any(char::is_alphabetic)
        && !tail.chars().any(char::is_lowercase);
    shouted.then(|| status_of(tail)).flatten()
}

/// The text a synthesized id is built from: the item's words, lowercase,
/// without the status it states, so the id survives a status change:
/// `- [ ] Ship (in progress)`, `- [x] Ship ✅ done`, `- [ ] ~~Ship~~ -
/// SKIPPED` and `- [ ] [WIP] Ship` all give `ship`. Text with no status in
/// it gives what it always gave: its cleaned words, lowercase.
pub(crate) fn id_text(text: &str) -> String {
    without_stated_status(text).to_lowercase()
}

/// A cleaned title without the status it states at its start or end
/// (`[WIP] Ship (in progress)` -> `Ship`); a title that is nothing but a
/// status keeps its words.
pub(crate) fn without_stated_status(text: &str) -> String {
    let full = clean_title(text);
    let mut title = full.clone();
    loop {
        let before = title.len();
        title = without_leading_status(&title);
        title = without_trailing_status(&title);
        if title.len() == before {
            break;
        }
    }
    if title.is_empty() { full } else { title }
}

/// Splits an estimate off a line of work: `Project setup (3 hours)`,
/// `Migrate (Est. 2-3 hours)`, `Rollback (Optional - 10 minutes)`,
/// `Deploy — 1-2 days`. Returns the line without it, and the minutes. A
/// parenthesis or clause that holds no estimate (`(Week 1)`, `(16 tests)`)
/// stays in the line.
pub(crate) fn split_estimate(text: &str) -> (String, Option<u32>) {
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|at| from + at) {
        let Some(close) = text[open..].find(')').map(|at| open + at) else { break };
        if let Some(minutes) = estimate_in(&text[open + 1..close]) {
            let rest = format!("{} {}", &text[..open], &text[close + 1..]);
            return (rest.split_whitespace().collect::<Vec<_>>().join(" "), Some(minutes));
        }
        from = close + 1;
    }
    let clause = [" — ", " – ", " - ", ", "]
        .iter()
        .filter_map(|sep| text.rsplit_once(sep))
        .min_by_key(|(_, tail)| tail.len());
    if let Some((head, tail)) = clause
        && let Some(minutes) = estimate_in(tail)
    {
        return (head.trim().to_string(), Some(minutes));
    }
    (text.to_string(), None)
}

/// The estimate a short aside gives: `3 hours`, `Est. 2-3 hours`,
/// `Optional - 10 minutes`, `estimate: 30 min`, `16 hours total`.
fn estimate_in(aside: &str) -> Option<u32> {
    let read = |part: &str| {
        let value = part.rsplit_once(':').map_or(part, |(_, value)| value).trim();
        let value = value.strip_suffix("total").unwrap_or(value).trim();
        if value.is_empty() { None } else { estimate_minutes(value) }
    };
    aside
        .split([',', ';', '|'])
        .find_map(|part| read(part).or_else(|| part.split(" - ").find_map(read)))
}

/// A title without a status label that opens it: `[DONE - P0] Ship`,
/// `(WIP) Ship`, `DONE: Ship`, `In progress - Ship`, `DONE Ship`.
fn without_leading_status(title: &str) -> String {
    let title = title.trim();
    for (open, close) in [('[', ']'), ('(', ')')] {
        if let Some(inner_end) = title.strip_prefix(open).and_then(|rest| rest.find(close)) {
            let inner = &title[1..=inner_end];
            let head = inner.split([',', '|', ':', '/']).next().unwrap_or("");
            let head = head.split(" - ").next().unwrap_or("");
            if status_of(head).is_some() {
                return clean_title(&title[inner_end + 2..]);
            }
        }
    }
    for sep in [": ", " - ", " – ", " — "] {
        if let Some((head, rest)) = title.split_once(sep)
            && head.split_whitespace().count() <= 3
            && status_of(head).is_some()
            && !rest.trim().is_empty()
        {
            return clean_title(rest);
        }
    }
    let first = title.split_whitespace().next().unwrap_or("");
    let shouted = first.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !first.chars().any(char::is_lowercase);
    if shouted && status_of(first).is_some() {
        return clean_title(&title[first.len()..]);
    }
    title.to_string()
}

/// A title without the status that closes it: a parenthesis that states
/// one (`(in progress)`, `(dropped in review)`), a short closing clause
/// (`- SKIPPED`, `, blocked on review`), or trailing status words (`done`).
fn without_trailing_status(title: &str) -> String {
    let title = title.trim();
    let closed = without_closing_status(title, status_of);
    if closed.len() != title.len() {
        return closed;
    }
    let mut words: Vec<&str> = title.split_whitespace().collect();
    while words.len() > 1
        && words.last().is_some_and(|w| {
            let word = w.trim_matches(|c: char| !c.is_alphanumeric());
            !word.is_empty() && status_of(word).is_some()
        })
    {
        words.pop();
    }
    clean_title(&words.join(" "))
}

/// A title without a parenthesis or short clause that closes it and whose
/// words `reads` as a status: `Ship (in progress)`, `Ship - SKIPPED`.
fn without_closing_status(title: &str, reads: fn(&str) -> Option<TaskStatus>) -> String {
    let title = title.trim();
    if let Some(head) = title.strip_suffix(')')
        && let Some((before, inner)) = head.rsplit_once('(')
        && reads(inner).is_some()
    {
        return clean_title(before);
    }
    let clause = [", ", " - ", " – ", " — ", "; ", ": "]
        .iter()
        .filter_map(|sep| title.rsplit_once(sep))
        .min_by_key(|(_, tail)| tail.len());
    if let Some((before, tail)) = clause
        && tail.split_whitespace().count() <= 4
        && reads(tail).is_some()
    {
        return clean_title(before);
    }
    title.to_string()
}

/// A task's title without the status labels that open or close it (`[WIP]
/// Ship (in progress)` -> `Ship`), keeping words that belong to the
/// sentence: `Close the task as complete` stays whole.
pub(crate) fn title_without_status(text: &str) -> String {
    let full = clean_title(text);
    let mut title = full.clone();
    loop {
        let before = title.len();
        title = without_leading_status(&title);
        title = without_closing_status(&title, opening_status);
        if title.len() == before {
            break;
        }
    }
    if title.is_empty() { full } else { title }
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
    fnv1a_more(0xcbf2_9ce4_8422_2325, bytes)
}

/// The FNV-1a hash of what `hash` hashed followed by `bytes`.
pub(crate) fn fnv1a_more(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_goes_on_where_it_stopped() {
        let whole = fnv1a(b"plans/a.md\nship the importer");
        assert_eq!(fnv1a_more(fnv1a(b"plans/a.md\n"), b"ship the importer"), whole);
        assert_eq!(
            fnv1a_more(fnv1a_more(fnv1a(b"plans/a.md"), b"\n"), b"ship the importer"),
            whole
        );
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    }

    #[test]
    fn words_are_one_space_apart_as_split_and_join_make_them() {
        let alphabet = [' ', '\t', 'a', '-', '\u{a0}', '\u{b}', 'é', '\n', '\u{7f}', '\u{3000}'];
        crate::text::each_string_up_to(&alphabet, 5, |text| {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(one_space_apart(text), joined, "{text:?}");
        });
    }

    #[test]
    fn a_label_is_one_line_of_ten_words_at_most() {
        assert!(is_label("Phase 2: Import"));
        assert!(is_label("one two three four five six seven eight nine ten"));
        assert!(!is_label("one two three four five six seven eight nine ten eleven"));
        assert!(!is_label("Phase 2:\nImport"));
        assert!(is_label("  spaced \t out  words "));
    }

    #[test]
    fn id_text_leaves_out_the_status_in_any_position() {
        for text in [
            "Ship",
            "Ship (in progress)",
            "Ship ✅ done",
            "~~Ship~~ - SKIPPED",
            "[WIP] Ship",
            "[DONE - P0] Ship",
            "DONE: Ship",
            "In progress - Ship",
            "Ship, blocked on review",
            "Ship (terminé)",
            "Ship - EN COURS",
            "✅ Ship ✅",
            "Ship: NOT STARTED",
            "Ship (won't do)",
            "Ship — erledigt",
        ] {
            assert_eq!(id_text(text), "ship", "{text:?}");
        }
    }

    #[test]
    fn id_text_keeps_text_without_a_status_as_it_was() {
        for (text, want) in [
            ("Write docs", "write docs"),
            ("Delete Clerk tests (16 tests)", "delete clerk tests (16 tests)"),
            ("Fix login for blocked users", "fix login for blocked users"),
            ("Complete the audit", "complete the audit"),
            ("Open issues triage", "open issues triage"),
            ("Phase 2: Setup", "phase 2: setup"),
            ("  Spaces   inside  ", "spaces inside"),
            ("Skip login for admins", "skip login for admins"),
        ] {
            assert_eq!(id_text(text), want, "{text:?}");
        }
        // A title that is nothing but a status keeps its words.
        assert_eq!(id_text("DONE"), "done");
        assert_eq!(id_text("✅"), "");
    }

    #[test]
    fn heading_titles_leave_out_the_status_they_state() {
        for (text, want) in [
            ("Phase 6: Coverage (Weeks 5-8) 🟡 IN PROGRESS", "Phase 6: Coverage (Weeks 5-8)"),
            ("Phase 2 NOT STARTED", "Phase 2"),
            ("Phase 2 Complete ✅", "Phase 2"),
            ("3. Phase 1: Analysis ✓", "Phase 1: Analysis"),
            ("Phase 3 🚧 STARTED (10% done)", "Phase 3"),
            ("Phase 4: Rollout", "Phase 4: Rollout"),
        ] {
            assert_eq!(heading_title(text), want, "{text:?}");
        }
    }

    #[test]
    fn stated_status_reads_only_where_people_state_one() {
        use TaskStatus::{Blocked, Done, InProgress, Open, Skipped};
        for (text, want) in [
            ("✅ Report results to the team", Some(Done)),
            ("Deploy to staging (in progress)", Some(InProgress)),
            ("Deploy to staging - blocked on keys", Some(Blocked)),
            ("Monitoring setup (4h): NOT STARTED", Some(Open)),
            ("DONE: Ship", Some(Done)),
            ("Dark mode - DEFERRED", Some(Skipped)),
            ("🚧 Wire up the API", Some(InProgress)),
            ("Fix login for blocked users", None),
            ("Complete the audit", None),
            ("Review this roadmap with team", None),
            ("Note: the docs are done elsewhere and more", None),
            ("OpenAI API key (if partially exposed)", None),
            ("Open issues triage", None),
            ("Rotate keys (not started)", Some(Open)),
            ("Rotate keys (won't do)", Some(Skipped)),
            ("Rotate keys - on hold until Q3", Some(Blocked)),
            ("Blocked: waiting on legal", Some(Blocked)),
            ("Medium-term work (Next 1-2 months)", None),
            ("✅ ~~Fix the auth bugs~~ (COMPLETED)", Some(Done)),
            ("~~Fix the auth bugs~~ (dropped)", Some(Skipped)),
            ("Docs cleanup (34 obsolete files)", None),
            ("Dark mode - DEFERRED", Some(Skipped)),
            ("Dark mode (won't do)", Some(Skipped)),
        ] {
            assert_eq!(stated_status(text), want, "{text:?}");
        }
    }
}
