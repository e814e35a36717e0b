//! Which headings open a phase, and one phase per phase.
//!
//! A heading opens a phase when it starts with a phase word and a key
//! (`## Phase 1A - Export`, `### Sprint 3`); a range (`## Phase 1-3: Local
//! stack`, `#### Phase 1 → Phase 2 Gate`) describes several phases and opens
//! none, and `## Sprint Planning` names no phase. A plan often names a phase
//! twice: as a row of its phase table (`| **Phase 1** | 2 days | … |`) and as
//! its section. Both are one phase, matched by the phase key (`phase 1`,
//! `sprint 3`, case and leading zeros aside): the section's tasks belong to
//! it, the row's status, estimate and objectives are kept on it, and the
//! row's task stands for the phase only while the phase has no tasks of its
//! own (see `Reader::settle_phase`). Reading the row's cells is `tables`' job.
//!
//! A heading that only names a phase by its key (`### Phase 1 (Achieved)`)
//! or writes about it (`### Phase 1 Summary`, `## Phase 1 Task
//! Completion`) continues the phase of that key when the document already
//! has one; otherwise it opens a phase that never stands as a task itself,
//! and that is dropped if it gets no tasks.

use std::collections::{HashMap, HashSet};
use std::ops::{Index, IndexMut};
use std::sync::Arc;

use regex::Regex;

use crate::diagnostics::Diagnostic;
use crate::model::{Phase, Source, TaskStatus};
use crate::parse::table::cells::{phase_key, phase_name};
use crate::parse::task_text::{heading_title, strip_markers, without_status_words};
use crate::parse::tasks::{PHASE_HEADING, Reader};
use crate::parse::words::status_of;
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// The phases of one document as written: how each was found, indexed by
/// key, and the stand-in tasks dropped because their phase has tasks of its
/// own (removed from the document's tasks all at once, at the end).
#[derive(Debug, Default)]
pub(super) struct PhaseBook {
    /// Per phase, in the order of `Found::phases`.
    forms: Vec<PhaseForms>,
    /// Phase key -> indices of the phases with that key.
    by_key: HashMap<String, Vec<usize>>,
    /// Ids of the stand-in tasks to drop.
    dropped: HashSet<String>,
}

impl Index<usize> for PhaseBook {
    type Output = PhaseForms;

    fn index(&self, idx: usize) -> &PhaseForms {
        &self.forms[idx]
    }
}

impl IndexMut<usize> for PhaseBook {
    fn index_mut(&mut self, idx: usize) -> &mut PhaseForms {
        &mut self.forms[idx]
    }
}

/// How a phase was written in its document.
#[derive(Debug, Clone, Default)]
pub(super) struct PhaseForms {
    /// Its key (`phase 1a`), when its name has one.
    key: Option<String>,
    /// The line of the phase-table row that names it.
    row: Option<usize>,
    /// The line of the section heading that opens it.
    heading: Option<usize>,
    /// The task (its index in `Found::tasks`) that stands for the phase
    /// while it has none of its own.
    pub(super) stand_in: Option<usize>,
    /// Whether its heading writes about the phase (`Phase 1 Summary`)
    /// rather than naming it: such a phase never stands as a task.
    pub(super) about: bool,
}

/// How a heading names its phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadingForm {
    /// Key and name: `Phase 1A - Export`, `Sprint 3: Billing`.
    Named,
    /// The key alone, maybe with a status or an aside: `Phase 1`,
    /// `Phase 1 Complete ✅`, `Phase 2 (Target)`.
    Bare,
    /// Words about the phase: `Phase 1 Summary`, `Iteration 3 Achievements`.
    About,
}

/// What a phase-table row says of its phase.
pub(super) struct PhaseRow {
    /// The phase's name (`Phase 1A`).
    pub(super) name: String,
    /// Its status cell, read.
    pub(super) status: Option<TaskStatus>,
    /// Its estimate, in minutes.
    pub(super) estimate_minutes: Option<u32>,
    /// Its objectives.
    pub(super) objective: Option<String>,
    /// The row's file line.
    pub(super) line: usize,
}

/// Two phase keys joined as a range or a passage: `Phase 1-3`, `Phase 2
/// to 4`, `Sprint 1 & 2`, `Phase 1–Phase 3`, `Phase 1 → Phase 2`.
static RANGE: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)^(?:[0-9]+[.)]\s*)?(?:phase|stage|milestone|sprint|iteration)\s+([0-9]+)[a-z]?\s*(?:[-–—/&+,→]|->|\.\.|\bto\b|\bthrough\b|\bthru\b|\band\b)\s*(?:(?:phase|stage|milestone|sprint|iteration)\s+)?([0-9]+)\s*([a-zäéíü]*)",
    )
    .expect("phase range pattern is valid")
});

/// Whether a heading names a range of phases (`Phase 1-3: Local stack`)
/// rather than one; `Sprint 2024-05` is one sprint, named by its month.
pub(super) fn is_phase_range(text: &str) -> bool {
    let stripped = strip_markers(text);
    let Some(caps) = captures(&RANGE, stripped.trim()) else { return false };
    let first = caps[1].parse::<u64>().ok();
    let last = caps[2].parse::<u64>().ok();
    // `Phase 1 - 2 weeks` is phase 1 and its length.
    let unit = caps
        .get(3)
        .is_some_and(|unit| DURATION_UNITS.contains(&unit.as_str().to_lowercase().as_str()));
    !unit
        && matches!((first, last), (Some(first), Some(last)) if last > first && last - first < 100)
}

/// Units of a length written after a phase key (`Phase 1 - 2 weeks`).
#[rustfmt::skip]
const DURATION_UNITS: &[&str] = &[
    "h", "hr", "hrs", "hour", "hours", "d", "day", "days", "w", "wk", "wks", "week", "weeks",
    "month", "months", "min", "mins", "sprint", "sprints", "task", "tasks", "jours", "jour",
    "semaine", "semaines", "heures", "tage", "tag", "wochen", "woche", "stunden", "dias", "días",
    "semanas", "horas",
];

/// How a heading names its phase, by the text after the key and its
/// asides: a separator and a name (`: Export`, ` (Week 1) - Auth`), nothing
/// but a status or an aside (` Complete`, ` (Target)`), or other words
/// (` Summary`, ` Kickoff (Sprint 1)`).
fn heading_form(rest: &str) -> HeadingForm {
    let mut rest = rest.trim();
    // An aside right after the key is part of the name:
    // `Sprint 1 (Week 1) - Authentication`.
    while rest.starts_with('(')
        && let Some(end) = rest.find(')')
    {
        rest = rest[end + 1..].trim_start();
    }
    let named = rest.starts_with([':', '-', '–', '—', '|', '.', ',']);
    if without_status_words(rest).is_empty() {
        HeadingForm::Bare
    } else if named {
        HeadingForm::Named
    } else {
        HeadingForm::About
    }
}

impl Reader<'_> {
    /// The phase a heading opens or continues, if it names one: for a
    /// heading that names a phase, the phase a row of this document's phase
    /// table already named with the same key, or a new one; for a heading
    /// about a phase, the phase of that key already read, or a new one. A
    /// phase a document's title (`# Phase 2 Progress`) opens never stands as
    /// a task.
    pub(super) fn heading_phase(&mut self, level: u8, text: &str, line: usize) -> Option<usize> {
        let stripped = strip_markers(text);
        if !PHASE_HEADING.is_match(stripped.trim()) || is_phase_range(text) {
            return None;
        }
        let (key, rest) = phase_name(&stripped)?;
        let form = heading_form(&rest);
        let (title, status) = (heading_title(text), status_of(text));
        let merge_into = match form {
            HeadingForm::Named => self.phase_keyed(&key, |forms| forms.heading.is_none()),
            HeadingForm::Bare | HeadingForm::About => self.phase_keyed(&key, |_| true),
        };
        match (form, merge_into) {
            (HeadingForm::Named, Some(idx)) => self.merge_heading(idx, (&title, status), line),
            (HeadingForm::Bare, Some(idx)) => self.declare_phase_status(idx, status),
            (HeadingForm::About, Some(_)) => {}
            (_, None) => {
                let phase = self.new_phase(title, status, line);
                // A document's own title is never a task, even when it names a phase.
                let about = form == HeadingForm::About || level == 1;
                let forms = PhaseForms {
                    key: Some(key),
                    heading: Some(line),
                    about,
                    ..PhaseForms::default()
                };
                return Some(self.add_phase(phase, forms));
            }
        }
        merge_into
    }

    /// Gives the phase a table row named its section heading: the heading's
    /// title, and its status when it states one.
    fn merge_heading(
        &mut self,
        idx: usize,
        (title, status): (&str, Option<TaskStatus>),
        line: usize,
    ) {
        if let Some(row_line) = self.phase_forms[idx].row {
            let row_status = self.found.phases[idx].status;
            self.check_phase_statuses(idx, (status, row_status), (line, row_line));
        }
        let phase = &mut self.found.phases[idx];
        phase.status = status.or(phase.status);
        phase.source.line = line;
        phase.title = title.to_string();
        let forms = &mut self.phase_forms[idx];
        forms.heading = Some(line);
        forms.about = false;
        if let Some(task) = forms.stand_in.and_then(|task_idx| self.found.tasks.get_mut(task_idx)) {
            task.phase = Some(title.into());
            task.status = status.unwrap_or(task.status);
        }
    }

    /// The phase a phase-table row names: the phase a section heading of
    /// this document opened with the same key, or a new one. Returns the
    /// phase's index and its title.
    pub(super) fn row_phase(&mut self, row: &PhaseRow) -> (usize, String) {
        let key = phase_key(&row.name);
        let merged = key.as_deref().and_then(|key| self.phase_keyed(key, |f| f.row.is_none()));
        let Some(idx) = merged else {
            let mut phase = self.new_phase(row.name.clone(), row.status, row.line);
            phase.estimate_minutes = row.estimate_minutes;
            phase.objective = row.objective.clone();
            let forms = PhaseForms { key, row: Some(row.line), ..PhaseForms::default() };
            return (self.add_phase(phase, forms), row.name.clone());
        };
        if let Some(heading_line) = self.phase_forms[idx].heading {
            let heading_status = self.found.phases[idx].status;
            self.check_phase_statuses(idx, (heading_status, row.status), (heading_line, row.line));
        }
        let phase = &mut self.found.phases[idx];
        phase.status = phase.status.or(row.status);
        phase.estimate_minutes = row.estimate_minutes;
        phase.objective = row.objective.clone();
        self.phase_forms[idx].row = Some(row.line);
        (idx, phase.title.clone())
    }

    /// Gives a phase the status a later heading states (`### Phase 1
    /// Complete ✅` in a progress section) when nothing declared one yet.
    fn declare_phase_status(&mut self, idx: usize, status: Option<TaskStatus>) {
        let Some(status) = status.filter(|_| self.found.phases[idx].status.is_none()) else {
            return;
        };
        self.found.phases[idx].status = Some(status);
        let stand_in = self.phase_forms[idx].stand_in;
        if let Some(task) = stand_in.and_then(|task_idx| self.found.tasks.get_mut(task_idx)) {
            task.status = status;
        }
    }

    /// Whether a phase has tasks besides the one standing for it.
    pub(super) fn has_own_tasks(&self, phase_idx: usize) -> bool {
        let stand_in = self.stand_in_id(phase_idx);
        self.found.phases[phase_idx].tasks.iter().any(|id| Some(id) != stand_in)
    }

    /// The id of the task that stands for a phase, if any.
    fn stand_in_id(&self, phase_idx: usize) -> Option<&String> {
        let task_idx = self.phase_forms[phase_idx].stand_in?;
        self.found.tasks.get(task_idx).map(|task| &task.id)
    }

    /// Removes the task that stood for a phase, now that the phase has tasks
    /// of its own: its work is theirs, and would be counted twice.
    pub(super) fn drop_stand_in(&mut self, phase_idx: usize) {
        let Some(stand_in) = self.stand_in_id(phase_idx).cloned() else { return };
        self.phase_forms[phase_idx].stand_in = None;
        self.found.phases[phase_idx].tasks.retain(|id| *id != stand_in);
        self.phase_forms.dropped.insert(stand_in);
    }

    /// Whether a phase opened by a heading about it, which never stands as
    /// a task.
    pub(super) fn is_about_phase(&self, phase_idx: usize) -> bool {
        self.phase_forms[phase_idx].about
    }

    /// Ends the reading of phases, once every phase is settled: drops the
    /// stand-in tasks of phases with tasks of their own, and the phases
    /// opened by a heading about a phase that got no tasks (`### Iteration 3
    /// Achievements vs Goals` over a table of figures): a phase without work
    /// is no phase of the plan.
    pub(super) fn finish_phases(&mut self) {
        let dropped = std::mem::take(&mut self.phase_forms.dropped);
        if !dropped.is_empty() {
            self.found.tasks.retain(|task| !dropped.contains(&task.id));
        }
        let keep: Vec<bool> = (0..self.found.phases.len())
            .map(|idx| !self.phase_forms[idx].about || !self.found.phases[idx].tasks.is_empty())
            .collect();
        if keep.iter().all(|k| *k) {
            return;
        }
        let mut flags = keep.iter();
        self.found.phases.retain(|_| flags.next().copied().unwrap_or(true));
        let mut flags = keep.iter();
        self.phase_text.retain(|_| flags.next().copied().unwrap_or(true));
        let mut flags = keep.iter();
        self.phase_forms.forms.retain(|_| flags.next().copied().unwrap_or(true));
        self.phase_forms.by_key.clear();
    }

    /// A phase of this document with the given key that `eligible` accepts.
    fn phase_keyed(&self, key: &str, eligible: impl Fn(&PhaseForms) -> bool) -> Option<usize> {
        let indices = self.phase_forms.by_key.get(key)?;
        indices.iter().copied().find(|&idx| eligible(&self.phase_forms[idx]))
    }

    /// A phase found at `line`, with no tasks yet.
    fn new_phase(&self, title: String, status: Option<TaskStatus>, line: usize) -> Phase {
        Phase {
            title,
            status,
            tasks: Vec::new(),
            source: Source { path: Arc::clone(self.doc.path), line },
            estimate_minutes: None,
            objective: None,
        }
    }

    /// Adds a phase with the forms it was found in; returns its index.
    fn add_phase(&mut self, phase: Phase, forms: PhaseForms) -> usize {
        let idx = self.found.phases.len();
        if let Some(key) = &forms.key {
            self.phase_forms.by_key.entry(key.clone()).or_default().push(idx);
        }
        self.found.phases.push(phase);
        self.phase_text.push(String::new());
        self.phase_forms.forms.push(forms);
        idx
    }

    /// Reports a phase whose section heading and table row state different
    /// statuses; the heading's is kept.
    fn check_phase_statuses(
        &mut self,
        phase_idx: usize,
        (heading, row): (Option<TaskStatus>, Option<TaskStatus>),
        (heading_line, row_line): (usize, usize),
    ) {
        let (Some(heading), Some(row)) = (heading, row) else { return };
        if heading == row {
            return;
        }
        let title = &self.found.phases[phase_idx].title;
        self.found.diagnostics.push(
            Diagnostic::warning(
                "A161",
                self.doc.path,
                row_line,
                format!(
                    "this row says {title} is {}, but its section heading at line {heading_line} says {}; the heading wins",
                    row.words(),
                    heading.words()
                ),
            )
            .with_help("make the phase table and the heading agree"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_of_phases_are_told_from_one_phase() {
        for text in [
            "Phase 1-3: Local stack",
            "Phase 2 to 4",
            "Sprint 1 & 2",
            "Phase 1–Phase 3",
            "3. Phase 1 - 2",
            "Phase 1 → Phase 2 Gate",
        ] {
            assert!(is_phase_range(text), "{text}");
        }
        for text in [
            "Phase 1 - Foundation",
            "Phase 3-1 rollback",
            "Sprint 2024-05",
            "Phase 2: 3 tasks",
            "Phase 1A",
            "Phase 1 - 2 weeks",
            "Phase 1 – 3 days: Setup",
        ] {
            assert!(!is_phase_range(text), "{text}");
        }
    }

    #[test]
    fn headings_name_a_phase_or_write_about_it() {
        let forms = [
            (": Export", HeadingForm::Named),
            (" - Local stack", HeadingForm::Named),
            ("", HeadingForm::Bare),
            (" Complete", HeadingForm::Bare),
            (" (Target)", HeadingForm::Bare),
            (": Done", HeadingForm::Bare),
            (" Summary", HeadingForm::About),
            (" Task Completion", HeadingForm::About),
            (" Complete When:", HeadingForm::About),
            (" (Week 1) - Authentication", HeadingForm::Named),
            (" (P0)", HeadingForm::Bare),
            (" Kickoff (Sprint 1)", HeadingForm::About),
        ];
        for (rest, form) in forms {
            assert_eq!(heading_form(rest), form, "{rest:?}");
        }
    }
}
