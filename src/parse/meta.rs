//! A document's own facts: kind, title, date, status and owner.
//!
//! Frontmatter wins over everything here; then the conventions people use
//! in loose markdown: `**Date**: 2025-12-02`, `Last updated: 2026-02-18`,
//! `Status: Active`, a date in the title or the file name, a file called
//! `SESSION-…` or kept in `plans/`. This module decides those facts for one
//! document; it reads no other file.

use std::sync::LazyLock;

use regex::Regex;

use crate::dates::find_written_date;
use crate::model::DocKind;

/// The facts stated in a document's opening lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetaLines {
    /// `**Date**: …` or `Date: …`, as a `YYYY-MM-DD` date.
    pub date: Option<String>,
    /// `Last updated: …` or `Updated: …`, as a `YYYY-MM-DD` date.
    pub updated: Option<String>,
    /// `**Status**: …`, the short status before any explanation.
    pub status: Option<String>,
    /// `**Owner**: …`, `Author: …` or `Assignee: …`.
    pub owner: Option<String>,
}

static META_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:[-*>]\s+)?[*_]{0,2}(date|status|owner|author|assignee|last[ -]updated|updated)[*_]{0,2}\s*:[*_]{0,2}\s*(.+?)\s*$",
    )
    .expect("meta line pattern is valid")
});

/// How many lines from the top meta lines are looked for.
const META_WINDOW: usize = 40;

/// Reads the meta lines near the top of a markdown body.
pub fn meta_lines(body: &str) -> MetaLines {
    let mut meta = MetaLines::default();
    for line in body.lines().take(META_WINDOW) {
        let Some(caps) = META_LINE.captures(line.trim()) else {
            continue;
        };
        let value = clean_value(&caps[2]);
        if value.is_empty() {
            continue;
        }
        let key = caps[1].to_ascii_lowercase();
        let slot = match key.as_str() {
            "date" => &mut meta.date,
            "status" => &mut meta.status,
            "owner" | "author" | "assignee" => &mut meta.owner,
            _ => &mut meta.updated,
        };
        if slot.is_some() {
            continue;
        }
        *slot = match key.as_str() {
            "date" | "last updated" | "last-updated" | "updated" => find_written_date(&value),
            "status" => Some(short_status(&value)),
            _ => Some(value),
        };
    }
    meta
}

fn clean_value(raw: &str) -> String {
    raw.trim().trim_matches(|c| c == '*' || c == '_' || c == '`').trim().to_string()
}

/// The status itself, without the explanation that often follows it.
fn short_status(value: &str) -> String {
    let cut = [" - ", " — ", " – ", ": ", "; ", ". ", " ("]
        .iter()
        .filter_map(|sep| value.find(sep))
        .min()
        .unwrap_or(value.len());
    let status = value[..cut].trim();
    let status: String = status.chars().take(60).collect();
    status.trim_end_matches(['.', ',']).to_string()
}

/// How many lines from the top a document's declaration of completeness is
/// looked for: a story states its status near its title.
const COMPLETE_WINDOW: usize = 60;

/// A status line anywhere in the window, heading or bold label allowed:
/// `## Status: ✅ COMPLETE`, `> **Status**: Done`.
static STATUS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:#{1,6}\s+|[-*>]\s+)?[*_]{0,2}(?:overall\s+|story\s+|document\s+|plan\s+)?(?:status|statut|état|etat|estado|stato|zustand)[*_]{0,2}\s*:[*_]{0,2}\s*(.+?)\s*$",
    )
    .expect("status line pattern is valid")
});

/// Struck-through text: `~~In Progress~~`.
static STRUCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"~~[^~]*~~").expect("struck pattern is valid"));

/// A status given in a two-column table row: `| Status | ✅ Done |`.
static STATUS_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\|\s*[*_]{0,2}(?:overall\s+|story\s+)?status[*_]{0,2}\s*\|\s*([^|]+?)\s*\|\s*$",
    )
    .expect("status cell pattern is valid")
});

/// `100% complete`, `100 % done` stated on a line of its own or a label's.
static FULL_PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s:*(])100\s*%\s*(?:complete|completed|done|finished)\b")
        .expect("full percent pattern is valid")
});

/// Whether a status value says the whole thing is finished: its first word
/// is one of completion (`✅ COMPLETE - all criteria met`, `Done`), not a
/// part (`Phase 1 complete`) or a negation (`Incomplete`, `Not done`).
pub fn says_complete(value: &str) -> bool {
    let lower = value.to_lowercase();
    if FULL_PERCENT.is_match(&format!(" {lower}")) {
        return true;
    }
    let first = lower.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
    matches!(
        first,
        "complete"
            | "completed"
            | "done"
            | "finished"
            | "delivered"
            | "shipped"
            | "implemented"
            | "closed"
            | "resolved"
            | "released"
            | "merged"
            | "terminé"
            | "terminée"
            | "fini"
            | "finie"
            | "complété"
            | "achevé"
            | "completado"
            | "completada"
            | "terminado"
            | "terminada"
            | "hecho"
            | "completato"
            | "completata"
            | "abgeschlossen"
            | "erledigt"
            | "fertig"
            | "afgerond"
            | "concluído"
            | "concluido"
    )
}

/// The line where a document declares itself complete, if it does: its
/// frontmatter `status`, a `Status:` line or heading near the top, a `100%
/// complete` line, or a level-1 title that ends in `COMPLETE` or `✅ DONE`.
/// `body_line_offset` maps body lines to file lines.
pub fn complete_line(
    front_status: Option<&str>,
    text: &str,
    body: &str,
    body_line_offset: usize,
) -> Option<usize> {
    if front_status.is_some_and(says_complete) {
        let line = text
            .lines()
            .take(body_line_offset)
            .position(|l| l.trim_start().to_ascii_lowercase().starts_with("status"))
            .map_or(1, |i| i + 1);
        return Some(line);
    }
    let mut in_code = false;
    for (idx, raw) in body.lines().take(COMPLETE_WINDOW).enumerate() {
        let line = raw.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            in_code = !in_code;
            continue;
        }
        if in_code || line.starts_with("- [") || line.starts_with("* [") {
            continue;
        }
        // What was struck through (`~~In Progress~~ ✅ COMPLETE`) no longer holds.
        let line = STRUCK.replace_all(line, "");
        let line = line.trim();
        let stated = STATUS_LINE.captures(line).is_some_and(|caps| says_complete(&caps[1]))
            || STATUS_CELL.captures(line).is_some_and(|caps| says_complete(&caps[1]));
        let percent = FULL_PERCENT.is_match(line) && !line.starts_with('|');
        let title = line.starts_with("# ") && {
            let upper = line.trim_end_matches(|c: char| !c.is_alphanumeric());
            upper.ends_with("COMPLETE")
                || upper.ends_with("COMPLETED")
                || upper.ends_with("✅ DONE")
        };
        if stated || percent || title {
            return Some(body_line_offset + idx + 1);
        }
    }
    None
}

/// The title: frontmatter, else the first level-1 heading, else any heading,
/// else the file name made readable.
pub fn title(
    front: Option<&str>,
    first_h1: Option<&str>,
    first_heading: Option<&str>,
    rel: &str,
) -> String {
    let chosen = front.or(first_h1).or(first_heading).map(str::trim).filter(|t| !t.is_empty());
    match chosen {
        Some(title) => title.to_string(),
        None => title_from_path(rel),
    }
}

/// `docs/SESSION-2025-11-14_notes.md` becomes `SESSION 2025 11 14 notes`.
pub fn title_from_path(rel: &str) -> String {
    let name = crate::model::file_name(rel);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let words: Vec<_> = stem.split(['-', '_', ' ']).filter(|w| !w.is_empty()).collect();
    if words.is_empty() { name.to_string() } else { words.join(" ") }
}

/// The words of a path's file name and folders, lowercase, split at anything
/// that is not a letter.
fn path_words(rel: &str) -> (Vec<String>, Vec<String>) {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (dirs, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    (words(stem), words(dirs))
}

fn kind_from_words(words: &[String]) -> Option<DocKind> {
    let has = |options: &[&str]| words.iter().any(|w| options.contains(&w.as_str()));
    if has(&["session", "sessions", "handoff", "standup", "journal", "worklog", "devlog"]) {
        Some(DocKind::Session)
    } else if has(&["plan", "plans", "roadmap", "phases", "milestones", "execution"]) {
        Some(DocKind::Plan)
    } else if has(&["tracker", "todo", "backlog", "sprint", "tasks", "issues", "board", "kanban"]) {
        Some(DocKind::Tracker)
    } else {
        None
    }
}

/// What a markdown document's name, place and content say it is.
///
/// `structure` says whether the body has the shape of a plan (tasks, phases).
pub fn classify(
    rel: &str,
    in_evidence_dir: bool,
    title: &str,
    meta: &MetaLines,
    structure: bool,
) -> DocKind {
    if in_evidence_dir {
        return DocKind::Evidence;
    }
    let (name_words, dir_words) = path_words(rel);
    if let Some(kind) = kind_from_words(&name_words).or_else(|| kind_from_words(&dir_words)) {
        return kind;
    }
    let title_lower = title.to_lowercase();
    if title_lower.split(|c: char| !c.is_alphabetic()).any(|w| w == "session") {
        return DocKind::Session;
    }
    if meta.date.is_some() && (title_lower.contains("log") || title_lower.contains("summary")) {
        return DocKind::Session;
    }
    if structure { DocKind::Plan } else { DocKind::Page }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bold_and_plain_meta_lines() {
        let meta = meta_lines(
            "# S\n\n**Date**: 2025-12-02\n**Status**: PLAN READY - gap analysis done.\n**Owner**: Codex (autonomous)  \nLast updated: 2026-02-18\n",
        );
        assert_eq!(meta.date.as_deref(), Some("2025-12-02"));
        assert_eq!(meta.status.as_deref(), Some("PLAN READY"));
        assert_eq!(meta.owner.as_deref(), Some("Codex (autonomous)"));
        assert_eq!(meta.updated.as_deref(), Some("2026-02-18"));
    }

    #[test]
    fn reads_dates_written_with_month_names() {
        let meta = meta_lines("**Date**: December 2, 2025\nLast updated: 18 Feb 2026\n");
        assert_eq!(meta.date.as_deref(), Some("2025-12-02"));
        assert_eq!(meta.updated.as_deref(), Some("2026-02-18"));
    }

    #[test]
    fn reads_colon_inside_bold_and_list_items() {
        let meta = meta_lines("- **Date:** 2026-01-05\n- Status: Active\n");
        assert_eq!(meta.date.as_deref(), Some("2026-01-05"));
        assert_eq!(meta.status.as_deref(), Some("Active"));
    }

    #[test]
    fn classifies_by_name_then_folder_then_content() {
        let meta = MetaLines::default();
        assert_eq!(
            classify("docs/SESSION-2025-11-14.md", false, "x", &meta, true),
            DocKind::Session
        );
        assert_eq!(classify("IMPLEMENTATION_PLAN.md", false, "x", &meta, false), DocKind::Plan);
        assert_eq!(classify("sessions/notes.md", false, "x", &meta, false), DocKind::Session);
        assert_eq!(classify("CURRENT_SPRINT.md", false, "x", &meta, false), DocKind::Tracker);
        assert_eq!(
            classify("a.md", false, "Coding Session - Review", &meta, false),
            DocKind::Session
        );
        assert_eq!(classify("a.md", false, "08 — EXECUTION", &meta, true), DocKind::Plan);
        assert_eq!(classify("a.md", false, "Glossary", &meta, false), DocKind::Page);
        assert_eq!(classify("tests/report.md", true, "Session", &meta, false), DocKind::Evidence);
    }

    #[test]
    fn titles_fall_back_to_the_file_name() {
        assert_eq!(
            title(None, None, None, "docs/SESSION-2025-11-14_notes.md"),
            "SESSION 2025 11 14 notes"
        );
        assert_eq!(title(Some("FM"), Some("H1"), None, "a.md"), "FM");
        assert_eq!(title(None, None, Some("H2"), "a.md"), "H2");
    }

    #[test]
    fn documents_that_declare_themselves_complete() {
        let at = |body: &str| complete_line(None, body, body, 0);
        assert_eq!(at("# Story 4\n\n**Status**: ✅ COMPLETE\n"), Some(3));
        assert_eq!(at("# Story 4\n\nStatus: Done - shipped on Friday\n"), Some(3));
        assert_eq!(at("# Story 4\n\n## Status: Completed\n"), Some(3));
        assert_eq!(at("# Export\n\nProgress: 100% complete\n"), Some(3));
        assert_eq!(at("# Story 4: Export ✅ COMPLETE\n"), Some(1));
        assert_eq!(at("# S\n\n**Status:** ~~In Progress~~ ✅ COMPLETE\n"), Some(3));
        assert_eq!(at("# S\n\n**État** : Terminé\n"), Some(3));
        assert_eq!(at("# S\n\nEstado: Completado\n"), Some(3));
        assert_eq!(at("# S\n\n> Status: COMPLETE\n"), Some(3));
        assert_eq!(at("# S\n\n| Field | Value |\n|---|---|\n| Status | ✅ Done |\n"), Some(5));
        let front = "---\ntitle: x\nstatus: done\n---\n# X\n";
        assert_eq!(complete_line(Some("done"), front, "# X\n", 4), Some(3));
    }

    #[test]
    fn partial_negated_and_other_statuses_are_not_complete() {
        let at = |body: &str| complete_line(None, body, body, 0);
        for body in [
            "# S\n\n**Status**: In progress\n",
            "# S\n\nStatus: Phase 1 complete\n",
            "# S\n\nStatus: Incomplete\n",
            "# S\n\nStatus: Not done\n",
            "# S\n\nProgress: 90% complete\n",
            "# S\n\n- [ ] Status: complete\n",
            "# S\n\n```\nStatus: complete\n```\n",
            "# S\n\n| Phase | 100% complete |\n",
            "# S\n\n**Status:** ~~Complete~~ In review\n",
            "# S\n\n| Status | In progress |\n",
            "# S\n\n| Task | Status | Owner |\n| Status page | Done | Ana |\n",
        ] {
            assert_eq!(at(body), None, "{body}");
        }
    }
}
