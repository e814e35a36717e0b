//! Which headings open a phase, and one phase per phase.
//!
//! A heading opens a phase when it starts with a phase word and a key
//! (`## Phase 1A - Export`, `### Sprint 3`); a range (`## Phase 1-3: Local
//! stack`) describes several phases and opens none, and `## Sprint Planning`
//! names no phase. A plan often names a phase twice: as a row of its phase
//! table (`| **Phase 1** | 2 days | … |`) and as its section. Both are one
//! phase, matched by the phase key (`phase 1`, `sprint 3`, case and leading
//! zeros aside): the section's tasks belong to it, the row's status,
//! estimate and objectives are kept on it, and the row's task stands for the
//! phase only while the phase has no tasks of its own (see
//! `Reader::settle_phase`). Reading the row's cells is `tables`' job.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostics::Diagnostic;
use crate::model::{Phase, Source, TaskStatus};
use crate::parse::table::cells::phase_key;
use crate::parse::task_text::{heading_title, strip_markers};
use crate::parse::tasks::{PHASE_HEADING, Reader};
use crate::parse::words::status_of;

/// How a phase was written in its document.
#[derive(Debug, Clone, Default)]
pub(super) struct PhaseForms {
    /// Its key (`phase 1a`), when its name has one.
    key: Option<String>,
    /// The line of the phase-table row that names it.
    row: Option<usize>,
    /// The line of the section heading that opens it.
    heading: Option<usize>,
    /// The task that stands for the phase while it has none of its own.
    pub(super) stand_in: Option<String>,
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

/// Two phase keys joined as a range: `Phase 1-3`, `Phase 2 to 4`,
/// `Sprint 1 & 2`, `Phase 1–Phase 3`.
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:[0-9]+[.)]\s*)?(?:phase|stage|milestone|sprint|iteration)\s+([0-9]+)[a-z]?\s*(?:[-–—/&+,]|\.\.|\bto\b|\bthrough\b|\bthru\b|\band\b)\s*(?:(?:phase|stage|milestone|sprint|iteration)\s+)?([0-9]+)",
    )
    .expect("phase range pattern is valid")
});

/// Whether a heading names a range of phases (`Phase 1-3: Local stack`)
/// rather than one; `Sprint 2024-05` is one sprint, named by its month.
pub(super) fn is_phase_range(text: &str) -> bool {
    let stripped = strip_markers(text);
    let Some(caps) = RANGE.captures(stripped.trim()) else { return false };
    let first = caps[1].parse::<u64>().ok();
    let last = caps[2].parse::<u64>().ok();
    matches!((first, last), (Some(first), Some(last)) if last > first && last - first < 100)
}

impl Reader<'_> {
    /// The phase a heading opens, if it names one: the phase a row of this
    /// document's phase table already named with the same key, or a new one.
    pub(super) fn heading_phase(&mut self, text: &str, line: usize) -> Option<usize> {
        let stripped = strip_markers(text);
        if !PHASE_HEADING.is_match(stripped.trim()) || is_phase_range(text) {
            return None;
        }
        let key = phase_key(&stripped)?;
        let (title, status) = (heading_title(text), status_of(text));
        let Some(idx) = self.phase_keyed(&key, |forms| forms.heading.is_none()) else {
            let phase = self.new_phase(title, status, line);
            let forms = PhaseForms { key: Some(key), heading: Some(line), ..PhaseForms::default() };
            return Some(self.add_phase(phase, forms));
        };
        if let Some(row_line) = self.phase_forms[idx].row {
            let row_status = self.found.phases[idx].status;
            self.check_phase_statuses(idx, (status, row_status), (line, row_line));
        }
        let phase = &mut self.found.phases[idx];
        phase.status = status.or(phase.status);
        phase.source.line = line;
        phase.title = title.clone();
        self.phase_forms[idx].heading = Some(line);
        let stand_in = self.phase_forms[idx].stand_in.clone();
        for task in self.found.tasks.iter_mut().filter(|t| Some(&t.id) == stand_in.as_ref()) {
            task.phase = Some(title.clone());
            task.status = status.unwrap_or(task.status);
        }
        Some(idx)
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

    /// Whether a phase has tasks besides the one standing for it.
    pub(super) fn has_own_tasks(&self, phase_idx: usize) -> bool {
        let stand_in = self.phase_forms[phase_idx].stand_in.as_ref();
        self.found.phases[phase_idx].tasks.iter().any(|id| Some(id) != stand_in)
    }

    /// Removes the task that stood for a phase, now that the phase has tasks
    /// of its own: its work is theirs, and would be counted twice.
    pub(super) fn drop_stand_in(&mut self, phase_idx: usize) {
        let Some(stand_in) = self.phase_forms[phase_idx].stand_in.take() else { return };
        self.found.phases[phase_idx].tasks.retain(|id| *id != stand_in);
        self.found.tasks.retain(|task| task.id != stand_in);
    }

    /// A phase of this document with the given key that `eligible` accepts.
    fn phase_keyed(&self, key: &str, eligible: impl Fn(&PhaseForms) -> bool) -> Option<usize> {
        self.phase_forms.iter().position(|forms| forms.key.as_deref() == Some(key) && eligible(forms))
    }

    /// A phase found at `line`, with no tasks yet.
    fn new_phase(&self, title: String, status: Option<TaskStatus>, line: usize) -> Phase {
        Phase {
            title,
            status,
            tasks: Vec::new(),
            source: Source { path: self.doc.path.to_string(), line },
            estimate_minutes: None,
            objective: None,
        }
    }

    /// Adds a phase with the forms it was found in; returns its index.
    fn add_phase(&mut self, phase: Phase, forms: PhaseForms) -> usize {
        self.found.phases.push(phase);
        self.phase_text.push(String::new());
        self.phase_forms.push(forms);
        self.found.phases.len() - 1
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
        for text in ["Phase 1-3: Local stack", "Phase 2 to 4", "Sprint 1 & 2", "Phase 1–Phase 3", "3. Phase 1 - 2"]
        {
            assert!(is_phase_range(text), "{text}");
        }
        for text in ["Phase 1 - Foundation", "Phase 3-1 rollback", "Sprint 2024-05", "Phase 2: 3 tasks", "Phase 1A"]
        {
            assert!(!is_phase_range(text), "{text}");
        }
    }
}
