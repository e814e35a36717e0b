//! The labelled lines that state a document's own facts, and where they count.
//!
//! People write a document's date, status, owner and dependencies as labels:
//! `**Date**: 2025-12-02`, `Status: Active`, `Responsable : Ana`, `| Owner |
//! Bo |`, `## Status` over a line, `*Last updated: 2025-10-12*` as a footer.
//! A label counts only where it speaks for the whole document: the header
//! block (before the first section, a subtitle heading allowed), a first
//! section named like `Overview` or `Document info`, a top-level `## Status`
//! section, and date footers at the very end. The same label inside a task's
//! or a phase's section, in a nested bullet or in a code block is about that
//! part only. This module finds the labels; what their values mean is the
//! parent module's call.

use regex::Regex;

use crate::parse::meta::keys::{
    Key, heading_key, is_contents, is_meta_section, is_part_like, key_of,
};
use crate::text::prefixed::captures;
use crate::text::words::{Prepare, WordRegex};

/// One label that speaks for the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Label {
    /// The label's line in the body, from 1.
    pub(super) line: usize,
    /// What it names.
    pub(super) key: Key,
    /// Its value as written, markup and all.
    pub(super) value: String,
    /// Whether the label is in a language that writes the day first (`Datum`, `Fecha`).
    pub(super) day_first: bool,
}

/// How many lines from the top the header and its meta sections may run.
const HEAD_WINDOW: usize = 60;

/// How many non-blank lines at the end are read for a date footer.
const FOOT_WINDOW: usize = 12;

/// More words than this under a `## Status` heading is prose, not a status.
const MAX_STATUS_WORDS: usize = 8;

/// The labels of a markdown body that speak for the whole document, in the
/// order they count: the header's from the top, then the footer's.
pub(super) fn document_labels(body: &str) -> Vec<Label> {
    let lines = outside_code(body);
    let mut labels = head_labels(&lines);
    let last_head = labels.iter().map(|l| l.line).max().unwrap_or(0);
    // A block after the last thematic break, with no heading, is a footer
    // whose dates and status speak for the document (`---` then
    // `**Status**: …`); without one, only dates at the very end do.
    let after_break = lines.iter().rposition(|l| is_break(l.2)).map(|at| at + 1);
    let block = after_break.filter(|&start| {
        lines.len() - start <= FOOT_WINDOW && lines[start..].iter().all(|l| heading(l.2).is_none())
    });
    let foot_start = block.unwrap_or(lines.len().saturating_sub(FOOT_WINDOW));
    for (pos, &(idx, indent, text)) in lines.iter().enumerate().skip(foot_start) {
        let next = lines.get(pos + 1).map(|l| l.2);
        for label in labels_at(idx, indent, text, next) {
            // A footer's owner keeps the document up to date; the owner of
            // its tasks is named at the top.
            let counts = label.key.is_date() || block.is_some() && label.key == Key::Status;
            if counts && label.line > last_head {
                labels.push(label);
            }
        }
    }
    labels
}

/// A thematic break: `---`, `***`, `___`.
fn is_break(text: &str) -> bool {
    // Read without a copy of the line: every line of a document is tried.
    let mut marks = text.chars().filter(|c| !c.is_whitespace());
    let Some(mark @ ('-' | '*' | '_')) = marks.next() else { return false };
    let mut n = 1;
    for c in marks {
        if c != mark {
            return false;
        }
        n += 1;
    }
    n >= 3
}

/// The owner each section names for its own work: `### T-005 Export` over
/// `**Owner**: Bo`. Each is (first body line, line after the section, owner
/// as written); a section's range holds its subsections, which may name
/// their own. The header's owner is the document's, not a section's.
pub(super) fn section_owners(body: &str) -> Vec<(usize, usize, String)> {
    let lines = outside_code(body);
    let mut open: Vec<(usize, usize, Option<String>, bool)> = Vec::new();
    let mut owners = Vec::new();
    let mut close =
        |open: &mut Vec<(usize, usize, Option<String>, bool)>, level: usize, end: usize| {
            while open.last().is_some_and(|(l, ..)| *l >= level) {
                if let Some((_, start, Some(owner), _)) = open.pop() {
                    owners.push((start, end, owner));
                }
            }
        };
    for (pos, &(idx, indent, text)) in lines.iter().enumerate() {
        if let Some((level, _)) = heading(text) {
            close(&mut open, level, idx + 1);
            // Level 1 is the title: its lines are the document's.
            if level > 1 {
                open.push((level, idx + 1, None, true));
            }
            continue;
        }
        let Some(section) = open.last_mut() else { continue };
        // Past its opening lines, or once it names its owner, a section
        // wants nothing more of its lines.
        if !section.3 || section.2.is_some() {
            continue;
        }
        let next = lines.get(pos + 1).map(|l| l.2);
        match label_at(idx, indent, text, next) {
            Some(label) if label.key == Key::Owner && section.3 && section.2.is_none() => {
                section.2 = Some(label.value);
            }
            // An owner line counts only among the section's opening lines,
            // before its first list or paragraph of other text.
            Some(_) => {}
            None => section.3 = false,
        }
    }
    close(&mut open, 0, usize::MAX);
    owners.sort();
    owners
}

/// The non-blank lines outside fenced code: (index, indentation, trimmed text).
fn outside_code(body: &str) -> Vec<(usize, usize, &str)> {
    let mut in_code = false;
    let mut lines = Vec::new();
    for (idx, raw) in crate::text::lines(body).enumerate() {
        let text = raw.trim();
        if text.starts_with("```") || text.starts_with("~~~") {
            in_code = !in_code;
            continue;
        }
        if in_code || text.is_empty() {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        lines.push((idx, indent, text));
    }
    lines
}

/// Where the head of a document stands while its lines are read.
#[derive(Default)]
struct Head {
    /// The line of the level-1 title, once seen.
    title: Option<usize>,
    /// Headings below the title seen so far (a subtitle does not count).
    sections: usize,
    /// Whether a text line came since the title.
    text_since_title: bool,
    /// Whether the lines read now speak for the document.
    in_meta: bool,
    /// Whether a level-2 section that is not a meta section is open.
    in_part: bool,
    /// A `## Status` or `## Date` heading waiting for its line.
    pending: Option<Key>,
    /// Whether the lines read now, past the head, are a top-level status section's.
    late_status: bool,
    /// Whether only the opening block of labels of the current section counts.
    opening_only: bool,
}

fn head_labels(lines: &[(usize, usize, &str)]) -> Vec<Label> {
    let mut head = Head { in_meta: true, ..Head::default() };
    let mut labels = Vec::new();
    for (pos, &(idx, indent, text)) in lines.iter().enumerate() {
        let heading = heading(text);
        // Past the head, only a top-level `## Status` section speaks for the document.
        if idx >= HEAD_WINDOW {
            let status_section = heading.is_some_and(|(level, text)| {
                level <= 2 && (heading_key(text) == Some(Key::Status) || is_stated_status(text))
            });
            if heading.is_some() {
                head.late_status = status_section;
            }
            if !head.late_status {
                (head.in_meta, head.pending) = (false, None);
                continue;
            }
        }
        if let Some((level, heading)) = heading {
            (head.pending, head.opening_only) = (None, false);
            read_heading(&mut head, level, heading, idx, &mut labels);
            continue;
        }
        head.text_since_title = true;
        let found = labels_at(idx, indent, text, lines.get(pos + 1).map(|l| l.2));
        if head.opening_only && found.is_empty() && !SUB_LABEL.is_match(text) {
            // The block of labels that opened the first section has ended.
            (head.in_meta, head.opening_only) = (false, false);
        }
        if !found.is_empty() {
            head.pending = None;
            // An opening block dates the document and states its status; who
            // owns its tasks and what they wait for is said in the header.
            let for_tasks = |l: &Label| matches!(l.key, Key::Owner | Key::Depends);
            if head.in_meta {
                labels.extend(found.into_iter().filter(|l| !(head.opening_only && for_tasks(l))));
            }
            continue;
        }
        if let Some(key) = head.pending.take()
            && let Some(value) = section_value(key, text)
        {
            labels.push(Label { line: idx + 1, key, value, day_first: false });
        }
    }
    labels
}

/// `## Status: ✅ Done`: a heading that states a status.
fn is_stated_status(text: &str) -> bool {
    label_at(0, 0, text, None).is_some_and(|l| l.key == Key::Status)
}

/// Reads a heading: the title, a subtitle, a meta section, or a part.
fn read_heading(head: &mut Head, level: usize, text: &str, idx: usize, labels: &mut Vec<Label>) {
    if level == 1 && head.title.is_none() {
        head.title = Some(idx);
        head.text_since_title = false;
        return;
    }
    // A heading on the very line under the title is its subtitle.
    if head.title.is_some_and(|title| idx == title + 1) && head.sections == 0 {
        head.text_since_title = true;
        return;
    }
    head.sections += 1;
    let top = level <= 2 || !head.in_part;
    let stated = label_at(idx, 0, text, None).filter(|l| l.key == Key::Status);
    if top && let Some(label) = stated {
        // `## Status: ✅ Done` states the value in the heading itself; the
        // lines under it (`**Started**: …`) describe the document too.
        labels.push(label);
        head.in_meta = true;
        return;
    }
    match heading_key(text) {
        Some(key) if top => {
            head.pending = Some(key);
            head.in_meta = true;
        }
        _ if !head.in_part && is_meta_section(text) => {
            head.in_meta = true;
            head.in_part |= level <= 2;
        }
        // A table of contents before the first section is not a part.
        _ if !head.in_part && is_contents(text) => head.in_meta = false,
        // The labels that open a first section which is not a phase, a step
        // or a task (`## Task Overview` over `**Status**: ✅ COMPLETED`) are
        // the document's.
        _ if !head.in_part && !is_part_like(text) => {
            (head.in_meta, head.opening_only) = (true, true);
            head.in_part |= level <= 2;
        }
        _ => {
            head.in_meta = false;
            head.in_part |= level <= 2;
        }
    }
}

/// The value a `## Status` or `## Date` heading's first line gives, unless
/// that line is a table, a sub-label or prose.
fn section_value(key: Key, text: &str) -> Option<String> {
    if text.starts_with('|') || SUB_LABEL.is_match(text) {
        return None;
    }
    let value = text.trim_start_matches(['-', '*', '+', '>', ' ']).trim();
    let words = value.split_whitespace().count();
    (key != Key::Status || words <= MAX_STATUS_WORDS).then(|| value.to_string())
}

/// The patterns of this module that take longest to compile, for
/// [`crate::parse::prepare`].
pub(crate) static COSTLY: &[&dyn Prepare] = &[&SUB_LABEL, &LABEL, &CELL_LABEL];

/// `- **Backend**: done`: a label of something else.
static SUB_LABEL: WordRegex = WordRegex::new(|| {
    Regex::new(r"^(?:[-*+>]\s+)?(?:\*\*[^*]{1,40}\*\*|[\p{L} ]{1,30})\s*:")
        .expect("sub-label pattern is valid")
});

/// A heading's level and text, if the line is an ATX heading.
fn heading(text: &str) -> Option<(usize, &str)> {
    let level = text.chars().take_while(|&c| c == '#').count();
    let rest = &text[level..];
    let valid = (1..=6).contains(&level) && (rest.is_empty() || rest.starts_with(' '));
    valid.then(|| (level, rest.trim().trim_end_matches('#').trim()))
}

/// `**Date**: …`, `Date : …`, `- Owner: @ana`, `> **Status:** …`, `📅 Date: …`,
/// `Last updated on March 3, 2025`, `| **Owner** | Bo |`.
/// The pattern ends where the value starts: the value is the rest of the
/// line, trimmed, so the captures run over the label only, not the line.
static LABEL: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"^(?:[-*+>]\s+)*(?:[\p{So}\p{Sk}\u{FE0F}\u{200D}]+\s*)?[*_]{0,2}(?P<key>\p{L}[\p{L}' ]{0,38}?)[*_]{0,2}\s*(?:[:：]|\s(?P<prep>on|le|am|el)\s)[*_]{0,2}\s*",
    )
    .expect("label pattern is valid")
});

/// Whether `LABEL` can match `text`: it needs a colon (`:` or `：`) or one of
/// its prepositions as a word of its own. Most lines of prose have neither,
/// and this check costs a fraction of the regex's captures.
fn may_be_label(text: &str) -> bool {
    memchr::memchr(b':', text.as_bytes()).is_some() || text.contains('：') || has_preposition(text)
}

/// Whether one of `LABEL`'s prepositions (`on`, `le`, `am`, `el`) is a word
/// of `text` as `split_whitespace` cuts it. The letters are ASCII bytes,
/// never part of another character, so a pair of them is found byte by
/// byte and only its neighbours are decoded.
fn has_preposition(text: &str) -> bool {
    let bytes = text.as_bytes();
    // In a line whose only white space is the space, a preposition is a
    // pair at the start or after a space, with a space or the end after it.
    if bytes.iter().all(|b| (b' '..0x80).contains(b)) {
        let word_at = |at: usize| {
            matches!(bytes.get(at..at + 2), Some(b"on" | b"le" | b"am" | b"el"))
                && bytes.get(at + 2).is_none_or(|&b| b == b' ')
        };
        return word_at(0) || memchr::memchr_iter(b' ', bytes).any(|space| word_at(space + 1));
    }
    let spaced_before = |at: usize| text[..at].chars().next_back().is_none_or(char::is_whitespace);
    let spaced_after = |at: usize| text[at..].chars().next().is_none_or(char::is_whitespace);
    bytes.windows(2).enumerate().any(|(at, pair)| {
        matches!(pair, b"on" | b"le" | b"am" | b"el") && spaced_before(at) && spaced_after(at + 2)
    })
}

/// A table's delimiter row: `|---|:---:|`.
static DELIMITER_ROW: WordRegex =
    WordRegex::new(|| Regex::new(r"^\|?\s*:?-{2,}").expect("delimiter row pattern is valid"));

/// A two-cell table row: `| **Owner** | Bo |`.
static CELL_LABEL: WordRegex = WordRegex::new(|| {
    Regex::new(r"^\|\s*[*_]{0,2}(?P<key>\p{L}[\p{L}' ]{0,38}?)[*_]{0,2}\s*\|\s*(?P<value>[^|]*?)\s*\|?\s*$")
        .expect("cell label pattern is valid")
});

/// The labels on a line, which may hold several: `**Date**: 2026-07-02 ·
/// **Scope**: diff`, `Created: 2025-11-10 | Updated: 2025-11-21`.
fn labels_at(idx: usize, indent: usize, text: &str, next: Option<&str>) -> Vec<Label> {
    if text.starts_with('|') {
        return label_at(idx, indent, text, next).into_iter().collect();
    }
    // Each separator holds a byte no line without one holds (`|`, the last
    // of `·` and of `•`): most lines are passed on whole without the three
    // splits' searches being set up.
    let may_part = memchr::memchr3(b'|', 0xB7, 0xA2, text.as_bytes()).is_some();
    let parts = text.split(" | ").flat_map(|part| part.split(" · ")).flat_map(|p| p.split(" • "));
    if !may_part || parts.clone().nth(1).is_none() {
        // One part: the whole line's label is the answer.
        return label_at(idx, indent, text, next).into_iter().collect();
    }
    let labels: Vec<Label> =
        parts.filter_map(|part| label_at(idx, indent, part.trim(), None)).collect();
    // A value that holds a separator of its own (`✅ Done | ⚠️ 3 issues`) stays whole.
    if labels.len() > 1 { labels } else { label_at(idx, indent, text, next).into_iter().collect() }
}

/// The label on a line, if its key is one of ours. Nested bullets (indented
/// four spaces or more) belong to the item above them, not the document, and
/// a table's header row (`| Owner | Area |` over `|---|---|`) names columns.
fn label_at(idx: usize, indent: usize, text: &str, next: Option<&str>) -> Option<Label> {
    if indent >= 4 {
        return None;
    }
    let label = may_be_label(text).then(|| captures(&LABEL, text)).flatten();
    let caps = label.or_else(|| {
        // A two-cell row starts with its bar, and names columns over a delimiter row.
        let header_row = next.is_some_and(|next| DELIMITER_ROW.is_match(next));
        text.starts_with('|').then(|| captures(&CELL_LABEL, text)).flatten().filter(|_| !header_row)
    })?;
    let (key, day_first) = key_of(&caps["key"])?;
    // `Updated on …` is a date's form only.
    if caps.name("prep").is_some() && !key.is_date() {
        return None;
    }
    let value = match caps.name("value") {
        Some(value) => value.as_str(),
        None => &text[caps.get(0).map_or(text.len(), |whole| whole.end())..],
    }
    .trim();
    (!value.is_empty()).then(|| Label { line: idx + 1, key, value: value.to_string(), day_first })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preposition_is_found_as_a_word_of_any_spacing() {
        let by_words =
            |text: &str| text.split_whitespace().any(|w| ["on", "le", "am", "el"].contains(&w));
        let alphabet = ['o', 'n', 'l', 'e', ' ', '\t', '\u{a0}', 'x', 'é', ':'];
        crate::text::each_string_up_to(&alphabet, 5, |text| {
            assert_eq!(has_preposition(text), by_words(text), "{text:?}");
        });
    }

    #[test]
    fn a_thematic_break_is_three_or_more_of_one_mark() {
        for text in ["---", "***", "___", "- - -", " * * * * ", "_____"] {
            assert!(is_break(text), "{text:?}");
        }
        for text in ["", "--", "-*-", "---x", "— — —", "===", "- [ ] task", "+++"] {
            assert!(!is_break(text), "{text:?}");
        }
    }

    /// The preposition check reads the words `split_whitespace` would.
    #[test]
    fn a_preposition_is_found_as_a_word_only() {
        for text in [
            "",
            "on",
            "Updated on 2025-01-02",
            "done",
            "online le",
            "\u{a0}am\u{3000}",
            "r\u{e9}el el\u{e9}",
            "Mis \u{e0} jour le 2 mars",
            "eon lea",
        ] {
            let words = text.split_whitespace().any(|w| matches!(w, "on" | "le" | "am" | "el"));
            assert_eq!(has_preposition(text), words, "{text:?}");
        }
    }

    #[test]
    fn the_label_prefilter_passes_every_form_a_label_has() {
        for text in [
            "**Date**: 2025-12-02",
            "Dernière mise à jour : 3 déc. 2025",
            "Owner： Bo",
            "Last updated on March 3, 2025",
            "Zuletzt aktualisiert am 17. Okt. 2025",
            "Mis à jour le 3 mars",
            "Actualizado el 3 de marzo",
        ] {
            assert!(may_be_label(text), "{text}");
            assert!(LABEL.is_match(text), "{text}");
        }
        for text in
            ["Plain prose with no label", "Shipped online after review", "- [ ] T-001 Setup"]
        {
            assert!(!may_be_label(text), "{text}");
            assert!(!LABEL.is_match(text), "{text}");
        }
    }

    #[test]
    fn a_label_value_is_the_rest_of_the_line_trimmed() {
        let label = label_at(0, 0, "**Status**:  🟡 PARTIAL (see notes: below)   ", None).unwrap();
        assert_eq!(
            (label.key, label.value.as_str()),
            (Key::Status, "🟡 PARTIAL (see notes: below)")
        );
        assert_eq!(label_at(0, 0, "**Status**:   ", None), None);
    }

    fn keys(body: &str) -> Vec<(usize, Key, String)> {
        document_labels(body).into_iter().map(|l| (l.line, l.key, l.value)).collect()
    }

    #[test]
    fn reads_labels_in_many_spellings_and_languages() {
        let labelled = [
            ("**Date**: 2025-12-02", Key::Date, "2025-12-02"),
            ("**Date:** 2025-12-02", Key::Date, "2025-12-02"),
            ("Date : 17 octobre 2025", Key::Date, "17 octobre 2025"),
            ("- **Session Date**: 2025-12-17", Key::Date, "2025-12-17"),
            ("Datum: 17.10.2025", Key::Date, "17.10.2025"),
            ("> Fecha: 17 de octubre de 2025", Key::Date, "17 de octubre de 2025"),
            ("Dernière mise à jour : 3 déc. 2025", Key::Updated, "3 déc. 2025"),
            ("*Last updated: 2025-10-12*", Key::Updated, "2025-10-12*"),
            ("Last updated on March 3, 2025", Key::Updated, "March 3, 2025"),
            ("Zuletzt aktualisiert am 17. Okt. 2025", Key::Updated, "17. Okt. 2025"),
            ("**Created**: 2025-11-10", Key::Created, "2025-11-10"),
            ("Erstellt am: 2025-11-10", Key::Created, "2025-11-10"),
            ("📅 **Generated:** 2025-10-12", Key::Created, "2025-10-12"),
            ("**Current Status**: 🟡 PARTIAL", Key::Status, "🟡 PARTIAL"),
            ("Statut : En cours", Key::Status, "En cours"),
            ("Estado actual: Completado", Key::Status, "Completado"),
            ("Owner: @ana", Key::Owner, "@ana"),
            ("Responsable : Ana", Key::Owner, "Ana"),
            ("Verantwortlich: Bo", Key::Owner, "Bo"),
            ("**Author:** CI Engineer", Key::Author, "CI Engineer"),
            ("**Dependencies**: T-001, T-004", Key::Depends, "T-001, T-004"),
            ("Depends on: T-002", Key::Depends, "T-002"),
            ("Abhängigkeiten: T-002", Key::Depends, "T-002"),
            ("| **Owner** | Bo |", Key::Owner, "Bo"),
        ];
        let both = keys("# T\n\nCreated: 2025-11-10 | Updated: 2025-11-21\n");
        assert_eq!(
            both,
            [(3, Key::Created, "2025-11-10".into()), (3, Key::Updated, "2025-11-21".into())]
        );
        let one = keys("# T\n\n**Status**: ✅ Done | ⚠️ 3 issues\n");
        assert_eq!(one, [(3, Key::Status, "✅ Done | ⚠️ 3 issues".into())]);
        for (line, key, value) in labelled {
            let body = format!("# T\n\n{line}\n");
            assert_eq!(keys(&body), [(3, key, value.to_string())], "{line}");
        }
    }

    #[test]
    fn other_labels_and_prose_are_not_labels() {
        for line in [
            "Target date: 2026-01-01",
            "Due date: 2026-01-01",
            "Release date: 2026-01-01",
            "Created index: idx_user",
            "We updated the 2024-01-03 incident notes.",
            "Status page: https://status.example.com",
            "Owner agent responsibilities: many",
            "**Assigned**: 7 tests",
            "**Date**:",
            "Updated on-call rotation",
        ] {
            let body = format!("# T\n\n{line}\n");
            assert_eq!(keys(&body), [], "{line}");
        }
    }

    #[test]
    fn table_headers_name_columns_and_key_value_rows_are_labels() {
        assert_eq!(keys("# T\n\n| Date | Version |\n|---|---|\n| 2025-01-01 | 1.0 |\n"), []);
        assert_eq!(
            keys("# T\n\n| Field | Value |\n|---|---|\n| **Owner** | Bo |\n"),
            [(5, Key::Owner, "Bo".into())]
        );
    }

    #[test]
    fn labels_inside_sections_code_and_nested_bullets_do_not_count() {
        let body = "# Plan\n\n## Phase 1\n\n**Owner**: Bo\nStatus: Done\n\n```\nDate: 2020-01-01\n```\n\n## Notes\n- item\n    - **Status**: ✅ Complete\n";
        assert_eq!(keys(body), []);
        let code = "# T\n\n```yaml\nDate: 2020-01-01\n```\n";
        assert_eq!(keys(code), []);
    }

    #[test]
    fn subtitle_and_meta_sections_are_part_of_the_header() {
        let body = "# Pipeline\n## CI/CD Proposal\n**Date**: 2025-10-24\n\n## Overview\n**Owner**: Ana\n\n## Work\n**Owner**: Bo\n";
        assert_eq!(
            keys(body),
            [(3, Key::Date, "2025-10-24".into()), (6, Key::Owner, "Ana".into())]
        );
        let body = "# Guide\n\n## Table of Contents\n- [Intro](#intro)\n\n## Document Info\nOwner: Ana\n\n## Intro\nOwner: Bo\n";
        assert_eq!(keys(body), [(7, Key::Owner, "Ana".into())]);
    }

    #[test]
    fn labels_opening_a_first_section_that_is_not_a_part_are_the_documents() {
        let body = "# Task 8 Summary\n\n## Task Overview\n\n**Task**: E2E test\n\n**Status**: ✅ COMPLETED\n\n**Date**: 2025-10-13\n\nWe wrote it.\n\n**Owner**: Bo\n";
        assert_eq!(
            keys(body),
            [(7, Key::Status, "✅ COMPLETED".into()), (9, Key::Date, "2025-10-13".into())]
        );
        for first in
            ["## Phase 1 - Setup", "## 1. Install", "## T-004 Export", "## Week 1", "## Étape 1"]
        {
            let body = format!("# Plan\n\n{first}\n\n**Status**: Done\n**Owner**: Bo\n");
            assert_eq!(keys(&body), [], "{first}");
        }
    }

    #[test]
    fn status_and_date_headings_take_the_line_under_them() {
        let body = "# ADR 4\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n";
        assert_eq!(keys(body), [(5, Key::Status, "Accepted".into())]);
        let body = "# S\n\n### Current Status\n- ✅ COMPLETE\n";
        assert_eq!(keys(body), [(4, Key::Status, "✅ COMPLETE".into())]);
        let body = "# S\n\n## Statut\nTerminé\n";
        assert_eq!(keys(body), [(4, Key::Status, "Terminé".into())]);
        let body = "# F\n\n## Overview\nText.\n\n## Implementation Date\n2025-12-22\n";
        assert_eq!(keys(body), [(7, Key::Date, "2025-12-22".into())]);
        let body = "# S\n\n## Status: 100% Complete ✅\n**Started**: 2025-10-23\n";
        assert_eq!(
            keys(body),
            [(3, Key::Status, "100% Complete ✅".into()), (4, Key::Created, "2025-10-23".into())]
        );
    }

    #[test]
    fn a_top_level_status_section_counts_anywhere() {
        let mut body = String::from("# Tool\n\n## Usage\n\n");
        body.push_str(&"Text.\n\n".repeat(40));
        body.push_str("## 📊 État du projet\n\n**Version** : 4\n**Statut** : ✅ Fonctionnel\n\n## Licence\n\nStatus: MIT\n");
        let got = keys(&body);
        assert_eq!(got, [(88, Key::Status, "✅ Fonctionnel".into())]);
        let mut flat = String::from("# Notes\n\n");
        flat.push_str(&"Text.\n\n".repeat(40));
        flat.push_str("Status: Done\n\nMore text.\n");
        assert_eq!(keys(&flat), []);
    }

    #[test]
    fn status_headings_inside_parts_or_over_prose_do_not_count() {
        let body = "# R\n\n## Backend\n\n### Status\n- done\n";
        assert_eq!(keys(body), []);
        let body = "# R\n\n## Status\n\nThe migration went well overall and we expect to finish it next week.\n";
        assert_eq!(keys(body), []);
        let body = "# R\n\n## Status\n- **Backend**: done\n";
        assert_eq!(keys(body), []);
        let body = "# R\n\n## Status\n| a | b |\n";
        assert_eq!(keys(body), []);
    }

    #[test]
    fn sections_name_owners_for_their_own_lines() {
        let body = "# Plan\n\n**Owner**: Ana\n\n## Phase 1\n\nOwner: Chen\n\n- [ ] a\n\n### Step\n\n- [ ] b\n\n## Phase 2\n\n- [ ] c\n\n### T-005 Export\n**Status**: Done\n**Owner**: Bo\n\nText.\n\nOwner: Dee\n";
        assert_eq!(
            section_owners(body),
            [(5, 15, "Chen".to_string()), (19, usize::MAX, "Bo".to_string())]
        );
    }

    #[test]
    fn date_footers_count_after_the_header() {
        let body = "# Guide\n\n**Date**: 2025-01-02\n\n## Steps\n\nText.\n\n---\n*Last updated: 2025-10-12*\n";
        assert_eq!(
            keys(body),
            [(3, Key::Date, "2025-01-02".into()), (10, Key::Updated, "2025-10-12*".into())]
        );
        let footer_owner = "# Guide\n\n## Steps\n\nText.\n\nOwner: Bo\n";
        assert_eq!(keys(footer_owner), []);
        let block = "# Guide\n\n## Steps\n\nText.\n\n---\n\n**Créé le** : 21 octobre 2025\n**Statut final** : ✅ **SUCCÈS**\nDependencies: T-1\n**Owner**: Ops\n";
        assert_eq!(
            keys(block),
            [
                (9, Key::Created, "21 octobre 2025".into()),
                (10, Key::Status, "✅ **SUCCÈS**".into())
            ]
        );
    }
}
