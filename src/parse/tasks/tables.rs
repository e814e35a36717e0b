//! Task tables and phase tables, read row by row.
//!
//! This part of the task reader takes a table that `crate::parse::table`
//! classified: each row of a task table becomes a task (a lone bold cell
//! names the track of the rows below it), each row of a phase table a phase
//! with one task standing for it, and the rows of any other table are only
//! noted as text of the open phase. Headings, checklists and phase sections
//! are read in the parent module.

use std::collections::HashMap;

use crate::diagnostics::Diagnostic;
use crate::model::{Phase, Source, TaskForm, TaskStatus, slug};
use crate::parse::blocks::{Cell, Table};
use crate::parse::table::{Role, TableKind, classify};
use crate::parse::task_text::{clean_title, doc_stem, is_none_word, strip_markers};
use crate::parse::tasks::Reader;
use crate::parse::words::{estimate_minutes, status_of};

impl Reader<'_> {
    /// Reads a table as tasks, as phases, or as text of the open phase.
    pub(super) fn table(&mut self, table: &Table) {
        match classify(table, self.ids) {
            TableKind::Tasks(columns) => {
                for row in &table.rows {
                    self.task_row(&columns, &row.cells, row.line);
                }
            }
            TableKind::Phases(columns) => {
                for row in &table.rows {
                    self.phase_row(&columns, &row.cells, row.line);
                }
            }
            TableKind::Other => {
                for row in &table.rows {
                    let text: Vec<_> = row.cells.iter().map(|c| c.text.as_str()).collect();
                    self.note_phase_text(&text.join(" "));
                }
            }
        }
    }

    fn task_row(&mut self, columns: &HashMap<Role, usize>, cells: &[Cell], line: usize) {
        let cell =
            |role: Role| columns.get(&role).and_then(|&idx| cells.get(idx)).map(|c| c.text.trim());
        let filled: Vec<&Cell> = cells.iter().filter(|c| !c.text.trim().is_empty()).collect();
        if filled.is_empty() {
            return;
        }
        if filled.len() == 1
            && filled[0].bold
            && cell(Role::Id).is_none_or(|t| self.ids.leading_id(t).is_none())
        {
            self.track = Some(clean_title(&filled[0].text));
            return;
        }
        let id_cell = cell(Role::Id).unwrap_or("");
        let title = clean_title(cell(Role::Title).unwrap_or(""));
        let id = match self.ids.leading_id(strip_markers(id_cell).trim()) {
            Some((id, _)) => id.to_string(),
            None if !title.is_empty() => self.synthesize(&title),
            None => {
                self.report_unreadable_row(&filled, line);
                return;
            }
        };
        let status = self.row_status(cell(Role::Status), line);
        let title = if title.is_empty() { id.clone() } else { title };
        let mut task = self.task(id, &title, status, line, TaskForm::TableRow);
        task.owner = cell(Role::Owner).filter(|t| !is_none_word(t)).map(str::to_string);
        task.done_when = cell(Role::DoneWhen).filter(|t| !is_none_word(t)).map(str::to_string);
        task.estimate_minutes = cell(Role::Estimate).and_then(estimate_minutes);
        if let Some(phase) = cell(Role::Phase).filter(|t| !t.is_empty()) {
            task.phase = Some(clean_title(phase));
        }
        if let Some(deps) = cell(Role::Depends) {
            task.depends_on = self.row_dependencies(deps, &task.id, line);
        }
        self.push(task);
    }

    /// Reports a row of a task table that has neither an id nor a title.
    fn report_unreadable_row(&mut self, filled: &[&Cell], line: usize) {
        let text: Vec<_> = filled.iter().map(|c| c.text.as_str()).collect();
        self.found.diagnostics.push(
            Diagnostic::warning(
                "A102",
                self.doc.path,
                line,
                format!(
                    "table row `{}` has no task id or title; not read as a task",
                    text.join(" | ")
                ),
            )
            .with_help("give the row an id or a title, or move it out of the task table"),
        );
    }

    /// The task ids a dependency cell lists; each piece that is not an id or
    /// a range is reported against the task `task_id` at `line`.
    fn row_dependencies(&mut self, deps: &str, task_id: &str, line: usize) -> Vec<String> {
        let read = self.ids.dependencies(deps);
        for piece in read.unreadable {
            self.found.diagnostics.push(
                Diagnostic::warning(
                    "A103",
                    self.doc.path,
                    line,
                    format!("cannot read dependency `{piece}` of {task_id}"),
                )
                .with_help("list task ids separated by commas, a range like `T-004-T-009`, or `-` for none"),
            );
        }
        read.ids
    }

    fn row_status(&mut self, cell: Option<&str>, line: usize) -> TaskStatus {
        let Some(text) = cell.filter(|t| !t.is_empty() && !is_none_word(t)) else {
            return TaskStatus::Open;
        };
        status_of(text).unwrap_or_else(|| {
            self.found.diagnostics.push(
                Diagnostic::warning(
                    "A104",
                    self.doc.path,
                    line,
                    format!("unknown status `{text}`; read as open"),
                )
                .with_help(
                    "use Done, In progress, Todo or Blocked (markers such as ✅ 🚧 ⏳ ❌ work too)",
                ),
            );
            TaskStatus::Open
        })
    }

    fn phase_row(&mut self, columns: &HashMap<Role, usize>, cells: &[Cell], line: usize) {
        let cell =
            |role: Role| columns.get(&role).and_then(|&idx| cells.get(idx)).map(|c| c.text.trim());
        let Some(name) = cell(Role::Phase).map(clean_title).filter(|n| !n.is_empty()) else {
            return;
        };
        let status = self.row_status(cell(Role::Status), line);
        let objectives = cell(Role::Title).map(clean_title).filter(|t| !t.is_empty());
        let title = objectives.unwrap_or_else(|| name.clone());
        let id = self.unique(format!("{}-{}", doc_stem(self.doc.path), slug(&name)));
        let mut task = self.task(id, &title, status, line, TaskForm::Phase);
        task.phase = Some(name.clone());
        task.estimate_minutes = cell(Role::Estimate).and_then(estimate_minutes);
        task.done_when = cell(Role::DoneWhen).filter(|t| !t.is_empty()).map(str::to_string);
        task.owner = cell(Role::Owner).filter(|t| !t.is_empty()).map(str::to_string);
        let task = self.dedupe(task);
        self.found.phases.push(Phase {
            title: name,
            status: cell(Role::Status).and_then(status_of),
            tasks: vec![task.id.clone()],
            source: Source { path: self.doc.path.to_string(), line },
        });
        self.phase_text.push(String::new());
        self.found.tasks.push(task);
    }
}
