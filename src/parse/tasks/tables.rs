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
use crate::parse::table::cells::{is_bare_key, short_id, yes_no};
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

    /// Reads one row of a task table: a task, the track of the rows below
    /// (a lone bold cell), or a warning when it has neither id nor title.
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
        task.owner = cell(Role::Owner).filter(|t| !is_none_word(t)).map(Into::into);
        task.done_when = cell(Role::DoneWhen).filter(|t| !is_none_word(t)).map(Into::into);
        task.estimate_minutes = cell(Role::Estimate).and_then(estimate_minutes);
        if let Some(phase) = cell(Role::Phase).filter(|t| !t.is_empty()) {
            task.phase = Some(clean_title(phase).into());
        }
        if let Some(deps) = cell(Role::Depends) {
            task.depends_on =
                self.row_dependencies(deps, &columns.local_ids, (&task.id, line)).into();
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
                format!(
                    "id cell `{text}` is not a task id; the task gets an id made from its title"
                ),
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

    /// The status a status cell states: a status word or marker, or an
    /// answer to `Done?`; open when empty, and open with a warning when
    /// attestor does not know the words.
    fn row_status(&mut self, cell: Option<&str>, line: usize) -> TaskStatus {
        let Some(text) = cell.filter(|t| !t.is_empty() && !is_none_word(t)) else {
            return TaskStatus::Open;
        };
        let answered =
            yes_no(text).map(|yes| if yes { TaskStatus::Done } else { TaskStatus::Open });
        status_of(text).or(answered).unwrap_or_else(|| {
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
        let cell = |role: Role| {
            roles.get(&role).and_then(|&idx| row.cells.get(idx)).map(|c| c.text.trim())
        };
        let Some(written) = cell(Role::Phase).map(clean_title).filter(|n| !n.is_empty()) else {
            return;
        };
        let header_word = header.split_whitespace().next().unwrap_or("Phase");
        let name = if is_bare_key(&written) { format!("{header_word} {written}") } else { written };
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
        let id = self.made_up_id(format!("{}-{}", doc_stem(self.doc.path), slug(&name)));
        let status = self.found.phases[phase_idx].status.unwrap_or(status);
        let mut task = self.task(id, &title, status, row.line, TaskForm::Phase);
        task.phase = Some(phase_title.into());
        task.estimate_minutes = estimate;
        task.done_when = cell(Role::DoneWhen).filter(|t| !t.is_empty()).map(Into::into);
        task.owner = cell(Role::Owner).filter(|t| !t.is_empty()).map(Into::into);
        let task = self.dedupe(task);
        self.found.phases[phase_idx].tasks.push(task.id.clone());
        self.phase_forms[phase_idx].stand_in = Some(self.found.tasks.len());
        self.found.tasks.push(task);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::TaskStatus;
    use crate::parse::tasks::Found;
    use crate::parse::tasks::tests::{read, summary};

    /// `code line message` of each diagnostic.
    fn diagnostics(found: &Found) -> Vec<String> {
        found.diagnostics.iter().map(|d| format!("{} {} {}", d.code, d.line, d.message)).collect()
    }

    /// Asserts that a document reads to no task and no diagnostic.
    fn assert_no_tasks(markdown: &str) {
        let found = read("notes.md", markdown);
        assert_eq!(summary(&found), Vec::<String>::new(), "{markdown}");
        assert_eq!(diagnostics(&found), Vec::<String>::new(), "{markdown}");
    }

    #[test]
    fn id_column_takes_short_ids_of_any_shape() {
        let found = read(
            "plans/roadmap.md",
            "| ID | Task | Status |\n|---|---|---|\n\
             | T0 | Bootstrap the repo | Done |\n\
             | 1.1 | Write the schema | In progress |\n\
             | M1 | Beta release | Todo |\n\
             | AI-2 | Survey users | Blocked |\n\
             | 2.3.1 | Seed data | ✅ |\n",
        );
        assert_eq!(
            summary(&found),
            [
                "roadmap-T0 Done Bootstrap the repo",
                "roadmap-1.1 InProgress Write the schema",
                "roadmap-M1 Open Beta release",
                "AI-2 Blocked Survey users",
                "roadmap-2.3.1 Done Seed data",
            ]
        );
        assert!(found.diagnostics.is_empty(), "{:?}", diagnostics(&found));
    }

    #[test]
    fn row_numbers_are_ids_within_their_document() {
        let found = read(
            "sprint.md",
            "| # | Task | Owner |\n|---|---|---|\n| 1 | Login form | Ana |\n| 2 | Logout | Bo |\n\n\
             Later:\n\n| # | Task | Owner |\n|---|---|---|\n| 1 | Dark mode | Ana |\n",
        );
        assert_eq!(
            summary(&found),
            ["sprint-1 Open Login form", "sprint-2 Open Logout", "sprint-1-2 Open Dark mode"]
        );
        assert_eq!(found.tasks[1].owner.as_deref(), Some("Bo"));
        assert!(found.diagnostics.is_empty(), "{:?}", diagnostics(&found));
    }

    #[test]
    fn reads_task_tables_in_french_german_and_spanish() {
        let french = read(
            "plan.md",
            "| N° | Tâche | Responsable | État |\n|---|---|---|---|\n\
             | 1 | Rédiger la spec | Ana | Terminé |\n| 2 | Relire | Léo | En cours |\n",
        );
        assert_eq!(summary(&french), ["plan-1 Done Rédiger la spec", "plan-2 InProgress Relire"]);
        assert_eq!(french.tasks[1].owner.as_deref(), Some("Léo"));
        let german = read(
            "plan.md",
            "| Nr. | Aufgabe | Verantwortlich | Stand |\n|---|---|---|---|\n\
             | A1 | Server aufsetzen | Jan | Erledigt |\n| A2 | Backups | Eva | In Arbeit |\n| A3 | Monitoring | Eva | Offen |\n",
        );
        assert_eq!(
            summary(&german),
            [
                "plan-A1 Done Server aufsetzen",
                "plan-A2 InProgress Backups",
                "plan-A3 Open Monitoring"
            ]
        );
        let spanish = read(
            "plan.md",
            "| Réf | Tarea | Dueño | Estado |\n|---|---|---|---|\n\
             | T1 | Migrar datos | Sol | Hecho |\n| T2 | Pruebas | Sol | Pendiente |\n",
        );
        assert_eq!(summary(&spanish), ["plan-T1 Done Migrar datos", "plan-T2 Open Pruebas"]);
        assert_eq!(spanish.tasks[0].owner.as_deref(), Some("Sol"));
    }

    #[test]
    fn labelled_numbers_are_ids_and_the_description_is_the_title() {
        let found = read(
            "plan.md",
            "| Task | Description | Depends On | Status |\n|---|---|---|---|\n\
             | Task 1 | Set up CI | - | Done |\n| Task 2 | Deploy previews | Task 1 | 🚧 |\n",
        );
        assert_eq!(
            summary(&found),
            ["plan-Task-1 Done Set up CI", "plan-Task-2 InProgress Deploy previews"]
        );
        assert_eq!(found.tasks[1].depends_on, ["plan-Task-1"]);
    }

    #[test]
    fn tracker_exports_keep_their_ids() {
        let found = read(
            "export.md",
            "| Key | Summary | Assignee | Status |\n|---|---|---|---|\n\
             | PROJ-12 | Fix login | ana | Done |\n| PROJ-13 | Add SSO | bo | In Review |\n",
        );
        assert_eq!(summary(&found), ["PROJ-12 Done Fix login", "PROJ-13 InProgress Add SSO"]);
    }

    #[test]
    fn dependencies_may_name_short_ids_of_the_same_table() {
        let found = read(
            "plan.md",
            "| ID | Task | Depends On | Status |\n|---|---|---|---|\n\
             | 1.1 | Schema | - | Done |\n| 1.2 | API | 1.1 | Todo |\n| 1.3 | UI | 1.1, 1.2, T-9 | Todo |\n",
        );
        assert_eq!(found.tasks[1].depends_on, ["plan-1.1"]);
        assert_eq!(found.tasks[2].depends_on, ["T-9", "plan-1.1", "plan-1.2"]);
        assert!(found.diagnostics.is_empty(), "{:?}", diagnostics(&found));
    }

    #[test]
    fn a_story_column_of_ids_gets_its_title_from_words_not_points() {
        let found = read(
            "backlog.md",
            "| Story | Points | Goal | Status |\n|---|---|---|---|\n\
             | US-3 | 5 | Export to PDF | Done |\n| US-4 | 3 | Import CSV | Todo |\n",
        );
        assert_eq!(summary(&found), ["US-3 Done Export to PDF", "US-4 Open Import CSV"]);
    }

    #[test]
    fn done_columns_answer_yes_or_no() {
        let found = read(
            "list.md",
            "| Task | Owner | Done? |\n|---|---|---|\n| Book rooms | Ana | Yes |\n| Send invites | Bo | No |\n",
        );
        assert_eq!(
            summary(&found),
            [
                format!("{} Done Book rooms", found.tasks[0].id),
                format!("{} Open Send invites", found.tasks[1].id)
            ]
        );
    }

    #[test]
    fn risk_registers_are_not_tasks_whatever_their_ids_and_columns() {
        // Ids, an owner and a status, but the rows are risks.
        assert_no_tasks(
            "| ID | Risk | Likelihood | Owner | Status |\n|---|---|---|---|---|\n\
             | R-01 | Vendor outage | High | Ana | Open |\n| R-02 | Key loss | Low | Bo | Mitigated |\n",
        );
        // A `#` column of row numbers in a table of risks.
        assert_no_tasks(
            "| # | Risk | Impact | Owner | Status |\n|---|---|---|---|---|\n\
             | 1 | Vendor outage | High | Ana | Open |\n| 2 | Key loss | Low | Bo | Closed |\n",
        );
        // A description column, but a mitigation plan beside it.
        assert_no_tasks(
            "| ID | Description | Probability | Mitigation | Owner | Status |\n|---|---|---|---|---|---|\n\
             | T-1 | Schema drift | Low | Run migrations in CI | Ana | Open |\n",
        );
        // Ids named after risks.
        assert_no_tasks(
            "| Risk ID | Description | Owner | Status |\n|---|---|---|---|\n| R-01 | Vendor outage | Ana | Open |\n",
        );
        // French and German registers.
        assert_no_tasks(
            "| Réf | Risque | Probabilité | Responsable | Statut |\n|---|---|---|---|---|\n| 1 | Panne | Haute | Ana | Ouvert |\n",
        );
        assert_no_tasks(
            "| Nr. | Risiko | Wahrscheinlichkeit | Verantwortlich | Stand |\n|---|---|---|---|---|\n| 1 | Ausfall | Hoch | Jan | Offen |\n",
        );
    }

    #[test]
    fn a_task_table_with_a_risk_column_is_still_a_task_table() {
        let found = read(
            "plan.md",
            "| ID | Task | Owner | Risk | Status |\n|---|---|---|---|---|\n\
             | T-1 | Rotate keys | Ana | High | Done |\n| T-2 | Audit logs | Bo | Low | Todo |\n",
        );
        assert_eq!(summary(&found), ["T-1 Done Rotate keys", "T-2 Open Audit logs"]);
    }

    #[test]
    fn requirements_slas_and_figures_are_not_tasks() {
        assert_no_tasks(
            "| Requirement | Target | Measured |\n|---|---|---|\n| p95 latency | < 200 ms | 180 ms |\n",
        );
        assert_no_tasks(
            "| ID | Requirement | Priority | Status |\n|---|---|---|---|\n\
             | NFR-01 | Uptime 99.9% | Must | Done |\n| NFR-02 | Backups daily | Should | Open |\n",
        );
        assert_no_tasks("| SLA | Target | Actual |\n|---|---|---|\n| Uptime | 99.9% | 99.95% |\n");
        // Goals measured against targets are figures, not work.
        assert_no_tasks(
            "| Goal | Target | Actual | Status |\n|---|---|---|---|\n\
             | Backend pass rate | 100% | 100% | ✅ Achieved |\n| Coverage | +15% | +3% | 🔄 Partial |\n",
        );
        assert_no_tasks(
            "| Metric | Current | Target | Status |\n|---|---|---|---|\n| Coverage | 41% | 85% | In progress |\n",
        );
    }

    #[test]
    fn actual_time_beside_an_estimate_is_still_a_task_table() {
        let found = read(
            "plan.md",
            "| Description | Estimate | Actual | Status |\n|---|---|---|---|\n\
             | Write docs | 2h | 3h | Done |\n",
        );
        assert_eq!(summary(&found).len(), 1);
        assert_eq!(found.tasks[0].estimate_minutes, Some(120));
    }

    #[test]
    fn glossaries_verdicts_checks_and_files_are_not_tasks() {
        assert_no_tasks("| Term | Definition |\n|---|---|\n| DRI | Directly responsible |\n");
        assert_no_tasks(
            "| Item | ✓ PASS | Evidence |\n|---|---|---|\n| Login works | ✓ | screenshot |\n",
        );
        assert_no_tasks("| Check | Result |\n|---|---|\n| Lint | PASS |\n| Types | FAIL |\n");
        // Verdicts in a status column: a review, not a plan.
        assert_no_tasks(
            "| Item | Status | Evidence |\n|---|---|---|\n\
             | Login works | ✅ PASS | shot.png |\n| Logout works | ❌ FAIL | log.txt |\n",
        );
        assert_no_tasks(
            "| File | Change | Status |\n|---|---|---|\n| `src/a.rs` | split parser | Done |\n",
        );
        assert_no_tasks(
            "| Fichier | Description | Statut |\n|---|---|---|\n| `a.rs` | analyse | Terminé |\n",
        );
        assert_no_tasks(
            "| ID | Test | Status |\n|---|---|---|\n| TC-01 | Login | Done |\n| TC-02 | Logout | Done |\n",
        );
    }

    #[test]
    fn services_with_states_are_not_tasks() {
        assert_no_tasks(
            "| Name | Status |\n|---|---|\n| API | Running |\n| Worker | Degraded |\n| Cache | Up |\n",
        );
        assert_no_tasks(
            "| # | Title | Labels | Suspected Status |\n|---|---|---|---|\n| 44 | Fix UI | bug | Outdated |\n",
        );
    }

    #[test]
    fn total_rows_are_never_tasks() {
        let found = read(
            "plan.md",
            "| Task | Owner | Status |\n|---|---|---|\n\
             | Write docs | Ana | Done |\n| **Total** | | **1/1 done** |\n\n\
             | ID | Aufgabe | Stand |\n|---|---|---|\n| 1 | Backups | Offen |\n| Gesamt | 1 Aufgabe | |\n\n\
             | Tarea | Dueño | Estado |\n|---|---|---|\n| Migrar | Sol | Hecho |\n| TOTALES | | |\n",
        );
        let titles: Vec<_> = found.tasks.iter().map(|t| &*t.title).collect();
        assert_eq!(titles, ["Write docs", "Backups", "Migrar"]);
        assert!(found.diagnostics.is_empty(), "{:?}", diagnostics(&found));
    }

    #[test]
    fn broken_rows_are_read_or_reported() {
        let found = read(
            "plan.md",
            "| ID | Task | Owner | Status |\n|---|---|---|---|\n\
             | 1 | Short row |\n\
             |  | No id here | Bo | Done |\n\
             | new | Id is a word | Ana | Todo |\n\
             | 4 |  |  | Done |\n",
        );
        assert_eq!(
            summary(&found),
            [
                "plan-1 Open Short row".to_string(),
                format!("{} Done No id here", found.tasks[1].id),
                format!("{} Open Id is a word", found.tasks[2].id),
                "plan-4 Done 4".to_string(),
            ]
        );
        assert!(found.tasks[1].id.starts_with("plan-"));
        assert_eq!(
            diagnostics(&found),
            ["A160 5 id cell `new` is not a task id; the task gets an id made from its title"]
        );
    }

    #[test]
    fn a_phase_row_and_its_section_are_one_phase() {
        let found = read(
            "plans/roadmap.md",
            "# Roadmap\n\n| Phase | Window | Objectives | Status |\n|---|---|---|---|\n\
             | **Phase 1** | 2 days | Foundation | ✅ Done |\n\
             | **Phase 2** | 3-4 days | Export queue | Todo |\n\
             | **Phase 3** | 1 day | Release | Todo |\n\n\
             ## Phase 1 - Foundation\n\n- [x] Repo\n- [x] CI\n\n\
             ## Phase 2: Export queue\n\nNo checklist yet.\n",
        );
        let phases: Vec<_> =
            found.phases.iter().map(|p| (p.title.as_str(), p.tasks.len(), p.status)).collect();
        assert_eq!(
            phases,
            [
                ("Phase 1 - Foundation", 2, Some(TaskStatus::Done)),
                ("Phase 2: Export queue", 1, Some(TaskStatus::Open)),
                ("Phase 3", 1, Some(TaskStatus::Open)),
            ]
        );
        // Phase 1's work is its checklist; phase 2 and 3 stand as their rows.
        let titles: Vec<_> = found.tasks.iter().map(|t| (&*t.title, t.phase.as_deref())).collect();
        assert_eq!(
            titles,
            [
                ("Export queue", Some("Phase 2: Export queue")),
                ("Release", Some("Phase 3")),
                ("Repo", Some("Phase 1 - Foundation")),
                ("CI", Some("Phase 1 - Foundation")),
            ]
        );
        assert_eq!(found.phases[1].estimate_minutes, Some(4 * 480));
        assert_eq!(found.phases[0].objective.as_deref(), Some("Foundation"));
        assert_eq!(found.tasks[0].estimate_minutes, Some(4 * 480));
    }

    #[test]
    fn a_section_before_its_phase_row_is_one_phase_too() {
        let found = read(
            "plan.md",
            "## Sprint 3: Billing\n\n- [ ] Invoices\n\n## Timeline\n\n\
             | Sprint | Goal | Status |\n|---|---|---|\n| 3 | Billing | In progress |\n| 4 | Reports | Todo |\n",
        );
        let phases: Vec<_> =
            found.phases.iter().map(|p| (p.title.as_str(), p.tasks.len())).collect();
        assert_eq!(phases, [("Sprint 3: Billing", 1), ("Sprint 4", 1)]);
        assert_eq!(summary(&found)[0], format!("{} Open Invoices", found.tasks[0].id));
        assert_eq!(&*found.tasks[1].title, "Reports");
        assert_eq!(found.phases[0].status, Some(TaskStatus::InProgress));
    }

    #[test]
    fn warns_when_a_phase_row_and_its_heading_disagree() {
        let found = read(
            "plan.md",
            "| Phase | Objectives | Status |\n|---|---|---|\n| Phase 1 | Setup | Done |\n\n\
             ## Phase 1: Setup 🚧\n\nWork in progress.\n",
        );
        assert_eq!(summary(&found), ["plan-phase-1 InProgress Setup"]);
        assert_eq!(
            diagnostics(&found),
            [
                "A161 3 this row says Phase 1 is done, but its section heading at line 5 says in progress; the heading wins"
            ]
        );
    }

    #[test]
    fn headings_about_a_phase_continue_it() {
        let found = read(
            "plan.md",
            "## Phase 1: Blockers\n\n- [ ] CORS\n\n### Phase 1 Summary\n\n- [x] Rate limits\n\n\
             ## Success\n\n### Phase 1 (Achieved)\n\nAll good.\n\n### Iteration 3 Achievements vs Goals\n\nText.\n\n\
             ## Phase 1-3: Local stack\n\nDescribed, not planned.\n\n## Sprint Planning\n\nText.\n",
        );
        let phases: Vec<_> =
            found.phases.iter().map(|p| (p.title.as_str(), p.tasks.len())).collect();
        assert_eq!(phases, [("Phase 1: Blockers", 2)]);
        assert_eq!(found.tasks.len(), 2);
    }

    #[test]
    fn a_later_heading_gives_a_phase_its_status() {
        let found = read(
            "plan.md",
            "## Phase 1: Pilot\n\nVisit one store.\n\n## Progress\n\n### Phase 1 Complete ✅\n\nDone on Monday.\n",
        );
        assert_eq!(summary(&found), ["plan-phase-1-pilot Done Phase 1: Pilot"]);
    }

    #[test]
    fn a_document_titled_after_a_phase_is_no_task() {
        assert_no_tasks("# Phase 2 Implementation Progress\n\nAll test files written.\n");
        assert_no_tasks("# Phase 3: Billing ✅\n\nShipped last week.\n");
        let found = read("phase-3.md", "# Phase 3: Billing\n\n- [ ] Invoices\n");
        let phases: Vec<_> =
            found.phases.iter().map(|p| (p.title.as_str(), p.tasks.len())).collect();
        assert_eq!(phases, [("Phase 3: Billing", 1)]);
    }

    #[test]
    fn odd_tables_are_read_without_panicking() {
        let long_id = "9".repeat(5000);
        let odd = [
            "| |\n|-|\n| |\n".to_string(),
            "| # |\n|---|\n| 1 |\n| 2 |\n".to_string(),
            "| ID | Status |\n|---|---|\n| 1 | Done |\n| 1 | Done |\n".to_string(),
            format!("| ID | Task | Status |\n|---|---|---|\n| {long_id} | x | Done |\n"),
            "| Phase | Status |\n|---|---|\n| Phase 1 | Done |\n| Phase 1 | Todo |\n\n## Phase 1\n\n## Phase 1\n".to_string(),
            "| Task | Status |\n|---|---|\n| ✅ | ✅ |\n| **Total** |\n| Überprüfung | Erledigt | extra | cells |\n".to_string(),
            "## Phase 0-0\n\n## Phase 99999999999999999999 - Big\n\n### Phase 1 - 2\n".to_string(),
        ];
        for markdown in &odd {
            let found = read("odd.md", markdown);
            assert!(found.tasks.len() <= 8, "{markdown}");
        }
    }

    #[test]
    fn phase_tables_need_phase_names_or_a_plan() {
        // Environments under a `Stage` header are no phases.
        assert_no_tasks(
            "| Stage | Where | How it is deployed |\n|---|---|---|\n| **Staging** | VPS | on merge |\n| **Production** | none yet | — |\n",
        );
        // Measurements per step are no phases either.
        assert_no_tasks(
            "| Phase | Passing | Failing | Pass Rate |\n|---|---|---|---|\n\
             | **Initial** (before mocks) | 607 | 81 | 87.8% |\n| **Phase 1 Complete** | 658 | 63 | 90.9% |\n",
        );
        // Bare keys under a phase header are named by it; the total is no phase.
        let found = read(
            "plan.md",
            "| Milestone | Deliverable | Status |\n|---|---|---|\n| M1 | Beta | Done |\n| **Total** | 1 | |\n",
        );
        let phases: Vec<_> = found.phases.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(phases, ["Milestone M1"]);
        assert_eq!(summary(&found), ["plan-milestone-m1 Done Beta"]);
    }
}
