//! A document's own facts: kind, title, date, status, owner and dependencies.
//!
//! Frontmatter wins over everything here; then the conventions people use
//! in loose markdown: `**Date**: 2025-12-02`, `Last updated: 2026-02-18`,
//! `Status: Active`, `## Status` over a line, `**Owner**: Ana`,
//! `Dependencies: T-001, T-004`, in English, French, German or Spanish, a
//! date in the title or the file name, a file called `SESSION-…` or kept in
//! `plans/`. `labels` finds the lines that speak for the whole document and
//! `kind` sorts documents into kinds; this module turns labels into values
//! and hands a document's owner and dependencies down to its tasks. It
//! decides those facts for one document; it reads no other file.

pub mod complete;
mod keys;
pub mod kind;
mod labels;

pub(crate) use labels::COSTLY;

use regex::Regex;

use crate::dates::{find_date, find_labelled_date, find_written_date, looks_like_date};
use crate::diagnostics::Diagnostic;
use crate::model::Task;
use crate::parse::frontmatter;
use crate::parse::ids::IdMatcher;
use crate::text::words::WordRegex;
use keys::Key;

/// The facts stated in a document's own lines (its header, a `## Status`
/// section, a date footer), never in one task's or phase's section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetaLines {
    /// `**Date**: …`, `Date : …`, `Datum: …`, as a `YYYY-MM-DD` date.
    pub date: Option<String>,
    /// `Last updated: …`, `Dernière mise à jour : …`, as a `YYYY-MM-DD` date.
    pub updated: Option<String>,
    /// `Created: …`, `Generated: …`, `Erstellt am: …`, as a `YYYY-MM-DD` date.
    pub created: Option<String>,
    /// `**Status**: …` or `## Status` over a line: the short status, markup removed.
    pub status: Option<String>,
    /// `**Owner**: …`, `Assignee: …`, `Responsable : …`: who owns the document's tasks.
    pub owner: Option<String>,
    /// `Author: …`: who wrote the document (its owner only when none is named).
    pub author: Option<String>,
    /// `**Dependencies**: …` or `Depends on: …`, as written, with its body line.
    pub depends_on: Option<(usize, String)>,
    /// Date labels whose value is written as a date but is not one, with their body line.
    pub bad_dates: Vec<(usize, String)>,
    /// The owners sections name for their own tasks: (first body line, line
    /// after the section, owner).
    pub section_owners: Vec<(usize, usize, String)>,
}

/// What a document hands down to the tasks that do not say otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inheritance {
    /// The document's owner (frontmatter `owner`, or its header's `Owner:` line).
    pub owner: Option<String>,
    /// Section owners as (first file line, file line after the section, owner).
    pub section_owners: Vec<(usize, usize, String)>,
    /// The ids of the document's own `Dependencies:` line.
    pub depends_on: Vec<String>,
}

/// Reads the lines of a markdown body that state the document's own facts.
/// The first label of each kind counts.
pub fn meta_lines(body: &str) -> MetaLines {
    let mut meta = MetaLines::default();
    for label in labels::document_labels(body) {
        let value = clean_markup(&label.value);
        match label.key {
            Key::Date | Key::Updated | Key::Created => {
                let slot = match label.key {
                    Key::Date => &mut meta.date,
                    Key::Updated => &mut meta.updated,
                    _ => &mut meta.created,
                };
                if slot.is_some() {
                    continue;
                }
                *slot = find_labelled_date(&value, label.day_first);
                if slot.is_none() && looks_like_date(&value) {
                    meta.bad_dates.push((label.line, value));
                }
            }
            Key::Status => meta.status = meta.status.take().or_else(|| status_text(&value)),
            Key::Owner => meta.owner = meta.owner.take().or_else(|| owner_text(&value)),
            Key::Author => meta.author = meta.author.take().or_else(|| owner_text(&value)),
            Key::Depends => meta.depends_on = meta.depends_on.take().or(Some((label.line, value))),
        }
    }
    meta.section_owners = labels::section_owners(body)
        .into_iter()
        .filter_map(|(from, to, owner)| Some((from, to, owner_text(&clean_markup(&owner))?)))
        .collect();
    meta
}

/// The document's date, `YYYY-MM-DD`, from the strongest source that has one:
/// frontmatter `date`, an explicit `Date:` line, `Last updated:`, `Created:`,
/// a date in the title, a date in the file name.
///
/// Why this order: frontmatter is the author's deliberate override. A `Date:`
/// line says what day the document is about (the session held, the review
/// done), which is what the audit trail shows. Failing that, the day it was
/// last updated is when what it says was last true, which is what a reader
/// judging staleness needs; the day it was created is only a lower bound.
/// A date in the title or the file name is often the day it was started, so
/// it comes last, and the file name after the title, which a person reads
/// first. A date in prose (`the 2024-01-03 incident`), in a table of
/// releases or in a code block is about something else and never counts.
pub fn document_date(
    front: Option<&str>,
    lines: &MetaLines,
    title: &str,
    rel: &str,
) -> Option<String> {
    front
        .and_then(|value| find_labelled_date(value, false))
        .or_else(|| lines.date.clone())
        .or_else(|| lines.updated.clone())
        .or_else(|| lines.created.clone())
        .or_else(|| find_written_date(title))
        .or_else(|| find_date(crate::model::file_name(rel)))
        .or_else(|| find_date(rel))
}

/// Hands a document's owners and dependencies down to its tasks: a task
/// keeps its own owner and its own dependencies when it names them, else
/// takes the owner of the innermost section it sits in, else the
/// document's; it never depends on itself.
pub fn inherit(tasks: &mut [Task], from: &Inheritance) {
    for task in tasks {
        if task.owner.is_none() {
            let line = task.source.line;
            let section = from
                .section_owners
                .iter()
                .filter(|(start, end, _)| (*start..*end).contains(&line))
                .max_by_key(|(start, _, _)| *start)
                .map(|(_, _, owner)| owner.clone());
            task.owner = section.or_else(|| from.owner.clone()).map(Into::into);
        }
        if task.depends_on.is_empty() {
            task.depends_on =
                from.depends_on.iter().filter(|id| **id != task.id).cloned().collect();
        }
    }
}

impl MetaLines {
    /// What the document hands down to its tasks: `owner` (frontmatter or
    /// header), its section owners moved to file lines by `line_offset`, and
    /// the ids it depends on.
    pub fn inheritance(
        &self,
        owner: Option<String>,
        depends_on: Vec<String>,
        line_offset: usize,
    ) -> Inheritance {
        let section_owners = (self.section_owners.iter())
            .map(|(from, to, who)| {
                (from + line_offset, to.saturating_add(line_offset), who.clone())
            })
            .collect();
        Inheritance { owner, section_owners, depends_on }
    }
}

/// The task ids a document depends on: its frontmatter `depends_on`, taken
/// as written, else its `Dependencies:` line read with `ids`. A line that
/// names no id at all is prose (`Requires: admin access`) and gives none; in
/// a line that names ids, each other piece is reported (A025).
/// `line_offset` maps body lines to file lines.
pub fn dependencies(
    ids: &IdMatcher,
    rel: &str,
    front: &[String],
    lines: &MetaLines,
    line_offset: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    if !front.is_empty() {
        return front.to_vec();
    }
    let Some((line, value)) = &lines.depends_on else {
        return Vec::new();
    };
    let read = ids.dependencies(value);
    if read.ids.is_empty() {
        return read.ids;
    }
    for piece in &read.unreadable {
        diagnostics.push(
            Diagnostic::warning(
                "A025",
                rel,
                line_offset + line,
                format!(
                    "cannot read dependency `{piece}` of this document; its other dependencies are read"
                ),
            )
            .with_help("list task ids separated by commas, or a range like `T-004-T-009`"),
        );
    }
    read.ids
}

/// Reports a frontmatter `date` and date labels written as dates that are
/// not (A024); the document's date then comes from the next source.
/// `text` is the whole file, for the frontmatter line.
pub fn report_dates(
    rel: &str,
    text: &str,
    front: Option<&str>,
    lines: &MetaLines,
    line_offset: usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let front_bad = front.filter(|date| find_labelled_date(date, false).is_none()).map(|date| {
        let line = frontmatter::key_line(text, &frontmatter::DATE_KEYS);
        (line, date)
    });
    let body_bad = lines.bad_dates.iter().map(|(line, value)| (line_offset + line, value.as_str()));
    for (line, value) in front_bad.into_iter().chain(body_bad) {
        diagnostics.push(
            Diagnostic::warning(
                "A024",
                rel,
                line,
                format!(
                    "`{value}` is not a date attestor can read; the document's date is taken from elsewhere"
                ),
            )
            .with_help("write dates as YYYY-MM-DD (or `17 October 2025`); check that the day exists"),
        );
    }
}

/// Struck-through text: `~~In Progress~~`, which no longer holds.
pub(crate) static STRUCK: WordRegex =
    WordRegex::new(|| Regex::new(r"~~[^~]*~~").expect("struck pattern is valid"));

/// A markdown link, `[text](target)`, whose text is what a reader sees.
static LINK: WordRegex =
    WordRegex::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("link pattern is valid"));

/// Emphasis underscores at the edge of a word (`_Done_`), not inside one (`READY_FOR_QA`).
static EDGE_UNDERSCORES: WordRegex =
    WordRegex::new(|| Regex::new(r"(?:^|\s)_+|_+(?:\s|$)").expect("underscore pattern is valid"));

/// A value as a reader sees it: without emphasis, code ticks, struck-out
/// text, link targets, HTML breaks or a trailing table pipe.
fn clean_markup(raw: &str) -> String {
    let text = STRUCK.replace_all(raw, "");
    let text = LINK.replace_all(&text, "$1");
    let text = text.replace("<br>", " ").replace("<br/>", " ").replace("<br />", " ");
    let text: String = text.chars().filter(|c| !matches!(c, '*' | '`')).collect();
    let text = EDGE_UNDERSCORES.replace_all(&text, " ");
    let text = text.trim().trim_end_matches(['|', ' ']).trim();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The status itself, without the explanation that often follows it:
/// `PLAN READY - gap analysis done` is `PLAN READY`.
fn status_text(value: &str) -> Option<String> {
    let status = short_status(value);
    let status = status.trim_end_matches(['.', ',', ';', ':', '-', '|', ' ']).trim();
    (!status.is_empty() && !is_placeholder(status)).then(|| status.to_string())
}

fn short_status(value: &str) -> String {
    let cut = [" - ", " — ", " – ", ": ", "; ", ". ", " (", " | "]
        .iter()
        .filter_map(|sep| value.find(sep))
        .min()
        .unwrap_or(value.len());
    value[..cut].trim().chars().take(60).collect()
}

/// An owner as a reader names them: `@ana` is `ana`, `Ana — until March` is
/// `Ana`; `TBD` and `-` name nobody.
fn owner_text(value: &str) -> Option<String> {
    let cut = [" - ", " — ", " – ", "; "].iter().filter_map(|sep| value.find(sep)).min();
    let owner = cut.map_or(value, |at| &value[..at]).trim();
    let owner: Vec<&str> = owner.split_whitespace().map(|w| w.trim_start_matches('@')).collect();
    let owner = owner.join(" ");
    let owner = owner.trim_end_matches(['.', ',', ';', ':']).trim();
    let too_long = owner.chars().count() > 80;
    // `[Your name]` is a template's blank; `7 tests` is a count, not a person.
    let blank = owner.starts_with('[') && owner.ends_with(']')
        || owner.starts_with(|c: char| c.is_ascii_digit());
    (!owner.is_empty() && !too_long && !blank && !is_placeholder(owner)).then(|| owner.to_string())
}

/// A value that states nothing: `TBD`, `-`, `N/A`, `____`.
fn is_placeholder(value: &str) -> bool {
    let lower = value.to_lowercase();
    matches!(
        lower.as_str(),
        "-" | "—"
            | "–"
            | "none"
            | "n/a"
            | "na"
            | "tbd"
            | "tba"
            | "?"
            | "unassigned"
            | "nobody"
            | "todo"
            | "personne"
            | "aucun"
            | "niemand"
            | "keiner"
            | "nadie"
            | "ninguno"
    ) || lower.chars().all(|c| matches!(c, '_' | '-' | '.' | ' ' | '?'))
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
    fn reads_dates_in_french_german_and_spanish() {
        let date = |body: &str| meta_lines(body).date;
        assert_eq!(date("Date : 17 octobre 2025\n").as_deref(), Some("2025-10-17"));
        assert_eq!(date("Datum: 17. Oktober 2025\n").as_deref(), Some("2025-10-17"));
        assert_eq!(date("Fecha: 17 de octubre de 2025\n").as_deref(), Some("2025-10-17"));
        assert_eq!(date("Date : 1er déc. 2025\n").as_deref(), Some("2025-12-01"));
        assert_eq!(date("Datum: 17.10.2025\n").as_deref(), Some("2025-10-17"));
        assert_eq!(date("Fecha: 03/04/2025\n").as_deref(), Some("2025-04-03"));
        assert_eq!(date("**Date**: 11/14/2025\n").as_deref(), Some("2025-11-14"));
        let updated = meta_lines("Dernière mise à jour : 3 févr. 2026\n").updated;
        assert_eq!(updated.as_deref(), Some("2026-02-03"));
        let updated = meta_lines("Zuletzt aktualisiert am 5. März 2026\n").updated;
        assert_eq!(updated.as_deref(), Some("2026-03-05"));
        let created = meta_lines("Creado: 9 ene. 2026\n").created;
        assert_eq!(created.as_deref(), Some("2026-01-09"));
    }

    #[test]
    fn empty_ambiguous_and_impossible_dates_are_not_dates() {
        let meta = meta_lines("**Date**:\n**Date**: _____________\nDate: TBD\n");
        assert_eq!((meta.date, meta.bad_dates), (None, vec![]));
        let meta = meta_lines("# T\n\nDate: 2025-02-30\nLast updated: 03/04/2025\n");
        assert_eq!(meta.date, None);
        assert_eq!(meta.updated, None);
        assert_eq!(meta.bad_dates, [(3, "2025-02-30".to_string()), (4, "03/04/2025".to_string())]);
        // The first date on the line counts; a later Date line does not.
        let meta = meta_lines("Date: 2025-10-18 to 2025-10-19\nDate: 2025-12-01\n");
        assert_eq!(meta.date.as_deref(), Some("2025-10-18"));
    }

    #[test]
    fn chooses_the_document_date_in_order_of_strength() {
        let lines = meta_lines(
            "# Plan\n\n**Created**: 2025-11-10\n**Last Updated**: 2025-11-21\n\nText.\n\n*Date: 2025-11-30*\n",
        );
        // A footer `Date:` still beats the header's Updated and Created.
        assert_eq!(
            document_date(None, &lines, "Plan", "plans/2025-01-01-plan.md").as_deref(),
            Some("2025-11-30")
        );
        let lines = meta_lines("# Plan\n\n**Created**: 2025-11-10\n**Last Updated**: 2025-11-21\n");
        let date =
            |front: Option<&str>, title: &str, rel: &str| document_date(front, &lines, title, rel);
        assert_eq!(date(Some("2024-05-06"), "Plan", "p.md").as_deref(), Some("2024-05-06"));
        assert_eq!(date(None, "Plan 2023-01-01", "p.md").as_deref(), Some("2025-11-21"));
        let bare = MetaLines::default();
        let date = |title: &str, rel: &str| document_date(None, &bare, title, rel);
        assert_eq!(date("Review - October 15, 2025", "a.md").as_deref(), Some("2025-10-15"));
        assert_eq!(date("Notes", "2025/10/x-2025-10-16.md").as_deref(), Some("2025-10-16"));
        assert_eq!(date("Notes", "archive-2025-10-17/x.md").as_deref(), Some("2025-10-17"));
        assert_eq!(date("Notes", "x.md"), None);
    }

    #[test]
    fn dates_in_prose_code_and_tables_are_not_the_document_date() {
        let body = "# Postmortem\n\nAfter the 2024-01-03 incident we met on 5 March 2024.\n\n```\nDate: 2020-01-01\n```\n\n| Release | Date |\n|---|---|\n| 1.0 | 2023-06-01 |\n";
        let lines = meta_lines(body);
        assert_eq!(document_date(None, &lines, "Postmortem", "docs/postmortem.md"), None);
    }

    #[test]
    fn status_text_loses_stray_markup_and_explanations() {
        let status = |line: &str| meta_lines(&format!("# T\n\n{line}\n")).status;
        let cases = [
            ("**Status**: ✅ COMPLETE**", "✅ COMPLETE"),
            ("**Status**: **✅ COMPLETE** - ready for review", "✅ COMPLETE"),
            ("**Status:** ✅ **97.4% ACHIEVED** (705/724 tests passing)", "✅ 97.4% ACHIEVED"),
            ("Status: `in-progress`", "in-progress"),
            ("Status: _Done_", "Done"),
            ("Status: READY_FOR_QA", "READY_FOR_QA"),
            ("| **Status** | ✅ Done |", "✅ Done"),
            ("**Status:** ~~In Progress~~ ✅ COMPLETE", "✅ COMPLETE"),
            (
                "**Status**: ✅ Functionally Complete | ⚠️ 3 Critical Issues",
                "✅ Functionally Complete",
            ),
            ("Status: [Blocked](issues/12.md)", "Blocked"),
            ("Statut : En cours", "En cours"),
            ("Estado: Completado.", "Completado"),
        ];
        for (line, expected) in cases {
            assert_eq!(status(line).as_deref(), Some(expected), "{line}");
        }
        assert_eq!(status("Status: -"), None);
        assert_eq!(status("Status: ____"), None);
    }

    #[test]
    fn owner_lines_name_the_owner_without_markup() {
        let owner = |line: &str| meta_lines(&format!("# T\n\n{line}\n")).owner;
        assert_eq!(owner("**Owner**: Ana").as_deref(), Some("Ana"));
        assert_eq!(owner("Owner: @ana").as_deref(), Some("ana"));
        assert_eq!(owner("Owners: @ana, @bo").as_deref(), Some("ana, bo"));
        assert_eq!(owner("Responsable : Ana — jusqu'en mars").as_deref(), Some("Ana"));
        assert_eq!(owner("Verantwortlich: Team Nord").as_deref(), Some("Team Nord"));
        assert_eq!(owner("Owner: TBD"), None);
        assert_eq!(owner("Owner: [Your name]"), None);
        assert_eq!(owner("Owner: 3 people"), None);
        let meta = meta_lines("# T\n\n**Author**: Li\n");
        assert_eq!((meta.owner, meta.author.as_deref()), (None, Some("Li")));
    }

    #[test]
    fn dependency_lines_are_kept_as_written_with_their_line() {
        let meta = meta_lines("# Story\n\n**Dependencies**: T-001, `T-004`\n");
        assert_eq!(meta.depends_on, Some((3, "T-001, T-004".to_string())));
        let meta = meta_lines("# Story\n\n## Tasks\n\nDepends on: T-009\n");
        assert_eq!(meta.depends_on, None);
    }

    #[test]
    fn document_owner_and_dependencies_reach_tasks_that_name_none() {
        use crate::model::{Source, TaskForm, TaskStatus};
        let task = |id: &str, owner: Option<&str>, deps: &[&str]| {
            let source = Source { path: "p.md".into(), line: 1 };
            let mut task =
                Task::new(id.into(), id.into(), TaskStatus::Open, source, TaskForm::Checklist);
            task.owner = owner.map(Into::into);
            task.depends_on = deps.iter().map(|d| d.to_string()).collect();
            task
        };
        let mut tasks = vec![
            task("T-001", None, &[]),
            task("T-002", Some("Bo"), &["T-009"]),
            task("T-003", None, &[]),
        ];
        let from = Inheritance {
            owner: Some("Ana".into()),
            section_owners: vec![(3, 5, "Dee".into())],
            depends_on: vec!["T-001".into(), "T-000".into()],
        };
        tasks[2].source.line = 4;
        inherit(&mut tasks, &from);
        let got: Vec<_> =
            tasks.iter().map(|t| (t.owner.as_deref(), t.depends_on.join(","))).collect();
        assert_eq!(
            got,
            [
                (Some("Ana"), "T-000".to_string()),
                (Some("Bo"), "T-009".to_string()),
                (Some("Dee"), "T-001,T-000".to_string())
            ]
        );
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
}
