//! Task tables and phase tables, read row by row.
//!
//! This part of the task reader takes a table that `crate::parse::table`
//! classified: each row of a task table becomes a task (a lone bold cell
//! names the track of the rows below it), each row of a phase table a phase
//! with one task standing for it (merged with the phase's section, see
//! `phases`), and the rows of any other table are only noted as text of the
//! open phase. Rows that total the others (`| **Total** | … |`) are never
//! tasks. Headings, checklists and phase sections are read in the parent
//! module.
//!
//! Ids. A row whose id cell starts with an id the patterns know (`T-001`,
//! `AI-2`) keeps it: such ids are meant to be unique across the tree. A
//! short id of another shape in the id column (`T0`, `1.1`, `M1`, or a row
//! number `3`) means something only in its document, so the task's id is the
//! document stem and the id as written, `roadmap-1.1` for `1.1` in
//! `roadmap.md`: unique, stable while the row keeps its id, and the written
//! id stays visible. Row numbers restart in every table, so a number seen
//! twice in a document gets a suffix (`roadmap-3-2`) rather than a
//! duplicate-id error. Dependency cells may name these short ids.

use std::collections::HashMap;

use crate::diagnostics::Diagnostic;
use crate::model::{TaskForm, TaskStatus, slug};
use crate::parse::blocks::{Cell, Row, Table};
use crate::parse::table::cells::{is_bare_key, short_id};
use crate::parse::table::{Role, TableKind, classify, is_total_row};
use crate::parse::task_text::{clean_title, doc_stem, is_none_word, strip_markers};
use crate::parse::tasks::Reader;
use crate::parse::tasks::phases::PhaseRow;
use crate::parse::words::{estimate_minutes, status_of};

/// The columns of a task table and the short ids its id column writes,
/// each with the task id it stands for.
struct TaskColumns<'t> {
    roles: &'t HashMap<Role, usize>,
    /// Written short id (`1.1`) -> task id (`roadmap-1.1`).
    local_ids: HashMap<String, String>,
}

impl Reader<'_> {
    /// Reads a table as tasks, as phases, or as text of the open phase.
    pub(super) fn table(&mut self, table: &Table) {
        match classify(table, self.ids) {
            TableKind::Tasks(roles) => {
                let (row_ids, local_ids) = self.local_ids(&roles, table);
                let columns = TaskColumns { roles: &roles, local_ids };
                for (row, local_id) in table.rows.iter().zip(row_ids) {
                    if !is_total_row(row) {
                        self.task_row(&columns, row, local_id);
                    }
                }
            }
            TableKind::Phases(roles) => {
                let header = table.header.first().map_or("", |cell| cell.text.trim());
                for row in table.rows.iter().filter(|row| !is_total_row(row)) {
                    self.phase_row(&roles, header, row);
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

    /// The task id of each row's short id (`1.1` -> `roadmap-1.1`), and the
    /// same as a map from the written id, for dependency cells. A row whose
    /// id the patterns know, or that has no short id, gets `None`.
    fn local_ids(
        &mut self,
        roles: &HashMap<Role, usize>,
        table: &Table,
    ) -> (Vec<Option<String>>, HashMap<String, String>) {
        let Some(&col) = roles.get(&Role::Id) else {
            return (vec![None; table.rows.len()], HashMap::new());
        };
        let stem = doc_stem(self.doc.path);
        let mut by_written = HashMap::new();
        let mut row_ids = Vec::with_capacity(table.rows.len());
        for row in &table.rows {
            let text = row.cells.get(col).map_or("", |cell| cell.text.trim());
            let known = self.ids.leading_id(strip_markers(text).trim()).is_some();
            let written = short_id(text).filter(|_| !known && !is_total_row(row));
            let id = written.map(|written| {
                let base = format!("{stem}-{written}");
                // Row numbers restart in every table: a suffix, not an error.
                let id = if written.chars().all(|c| c.is_ascii_digit()) {
                    self.unique(base)
                } else {
                    base
                };
                by_written.entry(written).or_insert_with(|| id.clone());
                id
            });
            row_ids.push(id);
        }
        (row_ids, by_written)
    }

    fn task_row(&mut self, columns: &TaskColumns<'_>, row: &Row, local_id: Option<String>) {
        let (cells, line) = (&row.cells, row.line);
        let cell = |role: Role| {
            columns.roles.get(&role).and_then(|&idx| cells.get(idx)).map(|c| c.text.trim())
        };
        let filled: Vec<&Cell> = cells.iter().filter(|c| !c.text.trim().is_empty()).collect();
        if filled.is_empty() {
            return;
        }
        if filled.len() == 1
            && filled[0].bold
            && local_id.is_none()
            && cell(Role::Id).is_none_or(|t| self.ids.leading_id(t).is_none())
        {
            self.track = Some(clean_title(&filled[0].text));
            return;
        }
        let id_cell = cell(Role::Id).unwrap_or("");
        let title = clean_title(cell(Role::Title).unwrap_or(""));
        let id = match (self.ids.leading_id(strip_markers(id_cell).trim()), local_id) {
            (Some((id, _)), _) => id.to_string(),
            (None, Some(local)) => local,
            (None, None) if !title.is_empty() => {
                if !is_none_word(id_cell) {
                    self.report_id_cell(id_cell, line);
                }
                self.synthesize(&title)
            }
            (None, None) => {
                self.report_unreadable_row(&filled, line);
                return;
            }
        };
        let status = self.row_status(cell(Role::Status), line);
        let title = if title.is_empty() { id_cell.to_string() } else { title };
        let mut task = self.task(id, &title, status, line, TaskForm::TableRow);
        task.owner = cell(Role::Owner).filter(|t| !is_none_word(t)).map(str::to_string);
        task.done_when = cell(Role::DoneWhen).filter(|t| !is_none_word(t)).map(str::to_string);
        task.estimate_minutes = cell(Role::Estimate).and_then(estimate_minutes);
        if let Some(phase) = cell(Role::Phase).filter(|t| !t.is_empty()) {
            task.phase = Some(clean_title(phase));
        }
        if let Some(deps) = cell(Role::Depends) {
            task.depends_on = self.row_dependencies(deps, &columns.local_ids, (&task.id, line));
        }
        self.push(task);
    }

    /// Reports an id cell that holds no id (`new`, `see below`); the row is
    /// read with an id made from its title.
    fn report_id_cell(&mut self, text: &str, line: usize) {
        self.found.diagnostics.push(
            Diagnostic::warning(
                "A160",
                self.doc.path,
                line,
                format!("id cell `{text}` is not a task id; the task gets an id made from its title"),
            )
            .with_help("write an id such as `T-001`, `1.2` or `M3`, or leave the cell empty"),
        );
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

    /// The task ids a dependency cell lists, short ids of the same table
    /// (`1.1`) included; each piece that is neither is reported against the
    /// task `task_id` at `line`.
    fn row_dependencies(
        &mut self,
        deps: &str,
        local_ids: &HashMap<String, String>,
        (task_id, line): (&str, usize),
    ) -> Vec<String> {
        let read = self.ids.dependencies(deps);
        let mut ids = read.ids;
        for piece in read.unreadable {
            if let Some(local) = short_id(&piece).and_then(|written| local_ids.get(&written)) {
                if !ids.contains(local) {
                    ids.push(local.clone());
                }
                continue;
            }
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
        ids
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

    /// Reads a phase-table row: the phase it names (one with the section of
    /// the same key, if the document has one) and the task standing for it.
    /// A phase named by its key alone under a `Sprint` header is `Sprint 3`.
    fn phase_row(&mut self, roles: &HashMap<Role, usize>, header: &str, row: &Row) {
        let cell = |role: Role| roles.get(&role).and_then(|&idx| row.cells.get(idx)).map(|c| c.text.trim());
        let Some(written) = cell(Role::Phase).map(clean_title).filter(|n| !n.is_empty()) else {
            return;
        };
        let header_word = header.split_whitespace().next().unwrap_or("Phase");
        let name =
            if is_bare_key(&written) { format!("{header_word} {written}") } else { written };
        let status = self.row_status(cell(Role::Status), row.line);
        let objective = cell(Role::Title).map(clean_title).filter(|t| !t.is_empty());
        let estimate = cell(Role::Estimate).and_then(estimate_minutes);
        let phase_row = PhaseRow {
            name: name.clone(),
            status: cell(Role::Status).and_then(status_of),
            estimate_minutes: estimate,
            objective: objective.clone(),
            line: row.line,
        };
        let (phase_idx, phase_title) = self.row_phase(&phase_row);
        let title = objective.unwrap_or_else(|| name.clone());
        let id = self.unique(format!("{}-{}", doc_stem(self.doc.path), slug(&name)));
        let status = self.found.phases[phase_idx].status.unwrap_or(status);
        let mut task = self.task(id, &title, status, row.line, TaskForm::Phase);
        task.phase = Some(phase_title);
        task.estimate_minutes = estimate;
        task.done_when = cell(Role::DoneWhen).filter(|t| !t.is_empty()).map(str::to_string);
        task.owner = cell(Role::Owner).filter(|t| !t.is_empty()).map(str::to_string);
        let task = self.dedupe(task);
        self.found.phases[phase_idx].tasks.push(task.id.clone());
        self.phase_forms[phase_idx].stand_in = Some(task.id.clone());
        self.found.tasks.push(task);
    }
}
