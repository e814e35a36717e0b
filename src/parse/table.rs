//! What a markdown table is: a task table, a phase table, or neither.
//!
//! People name columns every which way (`Task ID`, `ID`, `Key`, `#`;
//! `Depends On`, `Blocked By`; `Est. Time`, `Estimate`), so the header words
//! suggest each column's role and the cells confirm it: a column counts as
//! the id column when most of its cells start with a task id. A table of
//! risks or of files has neither ids nor a status column, and is left alone.

use std::collections::HashMap;

use crate::parse::blocks::Table;
use crate::parse::ids::IdMatcher;

/// The role a column plays in a task or phase table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The task id.
    Id,
    /// What the task is.
    Title,
    /// Who does it.
    Owner,
    /// What it waits for.
    Depends,
    /// What done means.
    DoneWhen,
    /// How long it takes.
    Estimate,
    /// Where it stands.
    Status,
    /// The phase (or milestone, sprint) it belongs to.
    Phase,
}

/// What a table holds, with the column of each role found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableKind {
    /// A row per task.
    Tasks(HashMap<Role, usize>),
    /// A row per phase.
    Phases(HashMap<Role, usize>),
    /// Anything else: risks, files, figures.
    Other,
}

/// The role a header suggests, by its words.
fn header_role(header: &str) -> Option<Role> {
    let words: String = header
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '#' { c } else { ' ' })
        .collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let role = match words.as_str() {
        "task id" | "id" | "key" | "#" | "task #" | "task no" | "ticket" | "issue" | "ref"
        | "item id" => Role::Id,
        "description" | "task" | "title" | "summary" | "name" | "deliverable" | "work item"
        | "item" | "objective" | "objectives" | "goal" | "goals" | "scope" | "what"
        | "task description" => Role::Title,
        "owner" | "owner agent" | "assignee" | "agent" | "who" | "assigned to" | "responsible"
        | "lead" | "dri" => Role::Owner,
        "depends on" | "dependencies" | "deps" | "blocked by" | "prerequisites" | "requires"
        | "after" | "depends" => Role::Depends,
        "done when"
        | "acceptance"
        | "acceptance criteria"
        | "definition of done"
        | "exit criteria"
        | "dod"
        | "evidence hooks"
        | "tdd evidence hooks"
        | "evidence"
        | "verification" => Role::DoneWhen,
        "est time" | "estimate" | "est" | "effort" | "time" | "duration" | "hours" | "window"
        | "eta" | "timebox" => Role::Estimate,
        "status" | "state" | "progress" | "done" | "complete" => Role::Status,
        "phase" | "milestone" | "sprint" | "stage" | "iteration" => Role::Phase,
        _ => return None,
    };
    Some(role)
}

/// Decides what a table is and which column plays which role.
pub fn classify(table: &Table, ids: &IdMatcher) -> TableKind {
    let mut roles: HashMap<Role, usize> = HashMap::new();
    for (idx, cell) in table.header.iter().enumerate() {
        if let Some(role) = header_role(&cell.text) {
            roles.entry(role).or_insert(idx);
        }
    }
    // The id column is the one whose cells are ids, whatever its header says.
    // A column of ids makes a task table only when some other header says
    // what the rows are about; `| Gap | Sources | Agreement |` merely cites ids.
    let speaks_of_work = roles.keys().any(|role| *role != Role::Id);
    if let Some(id_col) = id_column(table, ids).filter(|_| speaks_of_work) {
        if roles.get(&Role::Title) == Some(&id_col) {
            roles.remove(&Role::Title);
        }
        roles.insert(Role::Id, id_col);
        if !roles.contains_key(&Role::Title) {
            let text_col = (0..table.header.len()).find(|idx| !roles.values().any(|v| v == idx));
            if let Some(col) = text_col {
                roles.insert(Role::Title, col);
            }
        }
        return TableKind::Tasks(roles);
    }
    roles.remove(&Role::Id);
    if roles.get(&Role::Phase) == Some(&0) && phase_cells(table) {
        return TableKind::Phases(roles);
    }
    if roles.contains_key(&Role::Title) && roles.contains_key(&Role::Status) {
        return TableKind::Tasks(roles);
    }
    TableKind::Other
}

/// The column most of whose filled cells are a task id. Under an id header
/// (`ID`, `Task ID`, `Key`, `#`) a cell may carry a little more (`T-001 ✅`,
/// `T-001 (new)`); under any other header the cell must be the id alone, so a
/// column of prose that starts with ids (`OPS-002 closed`) is not an id column.
fn id_column(table: &Table, ids: &IdMatcher) -> Option<usize> {
    (0..table.header.len()).find(|&col| {
        let header = table.header.get(col).map_or("", |c| c.text.trim());
        let allowed = match header_role(header) {
            Some(Role::Id) => 12,
            _ if header.is_empty() || header.eq_ignore_ascii_case("task") => 12,
            _ => 2,
        };
        let cells: Vec<&str> = table
            .rows
            .iter()
            .filter_map(|row| row.cells.get(col))
            .filter(|cell| !cell.bold)
            .map(|cell| cell.text.trim())
            .filter(|text| !text.is_empty())
            .collect();
        let is_id = |text: &str| {
            ids.leading_id(text).is_some_and(|(_, rest)| rest.trim().chars().count() <= allowed)
        };
        let n_ids = cells.iter().filter(|text| is_id(text)).count();
        !cells.is_empty() && n_ids * 2 > cells.len()
    })
}

/// Whether the first column names one phase per row. When the same phase
/// repeats down the column, the rows are tasks grouped by phase instead.
fn phase_cells(table: &Table) -> bool {
    let mut names: Vec<&str> = table
        .rows
        .iter()
        .filter_map(|row| row.cells.first())
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let n_filled = names.len();
    names.sort_unstable();
    names.dedup();
    n_filled > 0 && names.len() == n_filled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::blocks::Block;
    use crate::parse::markdown::render;

    fn kind_of(markdown: &str) -> TableKind {
        let ids = IdMatcher::new(&[]).0;
        let rendered = render(markdown, 1, &ids);
        let table = rendered.blocks.iter().find_map(|b| match b {
            Block::Table(t) => Some(t.clone()),
            _ => None,
        });
        classify(&table.expect("a table"), &ids)
    }

    fn roles(kind: &TableKind) -> Vec<(Role, usize)> {
        let map = match kind {
            TableKind::Tasks(map) | TableKind::Phases(map) => map,
            TableKind::Other => return Vec::new(),
        };
        let mut roles: Vec<_> = map.iter().map(|(r, i)| (*r, *i)).collect();
        roles.sort_by_key(|(_, idx)| *idx);
        roles
    }

    #[test]
    fn reads_task_graph_columns_by_header_words() {
        let kind = kind_of(
            "| Task ID | Description | Owner Agent | Depends On | Done When | Est. Time |\n|---|---|---|---|---|---|\n| T-001 | Init | Player | - | runs | 15min |\n",
        );
        assert!(matches!(kind, TableKind::Tasks(_)));
        assert_eq!(
            roles(&kind),
            [
                (Role::Id, 0),
                (Role::Title, 1),
                (Role::Owner, 2),
                (Role::Depends, 3),
                (Role::DoneWhen, 4),
                (Role::Estimate, 5)
            ]
        );
    }

    #[test]
    fn finds_the_id_column_by_its_cells() {
        let kind = kind_of(
            "| Task | What | State |\n|---|---|---|\n| API-1 | Login | Done |\n| API-2 | Logout | WIP |\n",
        );
        assert_eq!(roles(&kind), [(Role::Id, 0), (Role::Title, 1), (Role::Status, 2)]);
    }

    #[test]
    fn title_and_status_without_ids_is_a_task_table() {
        let kind = kind_of("| Task | Status |\n|---|---|\n| Write docs | Done |\n");
        assert!(matches!(kind, TableKind::Tasks(_)));
    }

    #[test]
    fn phase_tables_are_told_apart() {
        let kind = kind_of(
            "| Phase | Window | Objectives | Evidence Hooks |\n|---|---|---|---|\n| **Phase 0** | 1-2 days | Refresh | logs |\n",
        );
        assert_eq!(
            kind,
            TableKind::Phases(HashMap::from([
                (Role::Phase, 0),
                (Role::Estimate, 1),
                (Role::Title, 2),
                (Role::DoneWhen, 3)
            ]))
        );
    }

    #[test]
    fn repeated_phases_make_a_task_table_with_a_phase_column() {
        let kind = kind_of(
            "| Phase | Task | Status |\n|---|---|---|\n| 1 | Docs | Done |\n| 1 | Tests | Todo |\n",
        );
        assert_eq!(roles(&kind), [(Role::Phase, 0), (Role::Title, 1), (Role::Status, 2)]);
        assert!(matches!(kind, TableKind::Tasks(_)));
    }

    #[test]
    fn a_table_that_only_cites_ids_is_not_a_task_table() {
        let cites = "| Gap | Sources | Agreement |\n|---|---|---|\n| GAP-001 | Security | ✅ High |\n| GAP-002 | Database | ✅ High |\n";
        assert_eq!(kind_of(cites), TableKind::Other);
    }

    #[test]
    fn prose_that_starts_with_ids_is_not_an_id_column() {
        let log = "| Date | Change |\n|---|---|\n| 2026-02-09 | OPS-001 to OPS-003 opened |\n| 2026-02-12 | OPS-005 opened after the request |\n";
        assert_eq!(kind_of(log), TableKind::Other);
    }

    #[test]
    fn risks_and_file_tables_are_not_tasks() {
        let risks =
            "| Risk | Likelihood | Mitigation |\n|---|---|---|\n| OAuth fails | High | Mock it |\n";
        assert_eq!(kind_of(risks), TableKind::Other);
        let files = "| File | Purpose |\n|---|---|\n| `src/lib.rs` | crate root |\n";
        assert_eq!(kind_of(files), TableKind::Other);
    }
}
