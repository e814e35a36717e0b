//! What a markdown table is: a task table, a phase table, or neither.
//!
//! People name columns every which way (`Task ID`, `ID`, `Key`, `#`, `Réf`,
//! `Nr.`; `Depends On`, `Blocked By`; `Est. Time`, `Aufwand`), so the header
//! words suggest each column's role (`header`) and the cells confirm it
//! (`cells`). A column is the id column when most of its cells start with a
//! task id the [`IdMatcher`] knows, or when its header names an id column
//! and most of its cells are short ids of any shape (`T0`, `1.1`, `M1`, `3`).
//!
//! Precision comes first: a table is a task table only when its rows are
//! about work. Rows about something else (risks, requirements, terms, files,
//! checks, metrics: the subject column says so) and tables that analyse
//! (likelihood, mitigation, definition, verdict, measured against target)
//! are left alone, unless a column says the rows are tasks (`Task`,
//! `Tâche`, `Aufgabe`, `Tarea`). Rows that total the others are never tasks
//! ([`is_total_row`]).

pub(crate) mod cells;
mod header;

use std::collections::HashMap;

use crate::parse::blocks::{Row, Table};
use crate::parse::ids::IdMatcher;
use crate::parse::table::cells::{is_bare_key, phase_key, short_id};
use crate::parse::task_text::is_none_word;
use crate::parse::words::status_of;

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

/// Decides what a table is and which column plays which role.
pub fn classify(table: &Table, ids: &IdMatcher) -> TableKind {
    let mut roles = header_roles(table);
    // Whether some header other than an id header says what the rows are
    // about, before the id column takes its place.
    let speaks_of_work = roles.keys().any(|role| *role != Role::Id);
    let id_col = id_column(table, ids);
    match id_col {
        Some(IdColumn { col, .. }) => {
            if roles.get(&Role::Title) == Some(&col) {
                roles.remove(&Role::Title);
            }
            roles.insert(Role::Id, col);
        }
        None => {
            roles.remove(&Role::Id);
        }
    }
    if !about_work(table, &roles) || states_verdicts(table, &roles) {
        return TableKind::Other;
    }
    if id_col.is_none() && is_phase_table(table, &roles) {
        return TableKind::Phases(roles);
    }
    let work = match id_col {
        // A column of ids makes a task table only when some other header
        // says what the rows are about; `| Gap | Sources | Agreement |`
        // merely cites ids.
        Some(IdColumn { by_header: false, .. }) => speaks_of_work,
        Some(IdColumn { by_header: true, .. }) => tracked(&roles) && states_progress(table, &roles),
        None => titled_work(table, &roles) && states_progress(table, &roles),
    };
    if !work {
        return TableKind::Other;
    }
    if !roles.contains_key(&Role::Title)
        && let Some(col) = title_column(table, &roles)
    {
        roles.insert(Role::Title, col);
    }
    TableKind::Tasks(roles)
}

/// The column that gives a task table's titles when no header says so: the
/// first column left that holds words rather than figures (a `Points`
/// column is no title), else the first column left.
fn title_column(table: &Table, roles: &HashMap<Role, usize>) -> Option<usize> {
    let free: Vec<usize> =
        (0..table.header.len()).filter(|idx| !roles.values().any(|v| v == idx)).collect();
    let worded = |col: &usize| {
        let texts: Vec<&str> = filled_cells(table, *col).collect();
        let n_figures = texts.iter().filter(|text| cells::is_figure(text)).count();
        n_figures * 2 < texts.len()
    };
    free.iter().copied().find(worded).or(free.first().copied())
}

/// Whether a row totals the others (`| **Total** | 56 hours |`,
/// `| | TOTAL | 18-23 hours |`, `| Gesamt | … |`): such a row is never a
/// task or a phase, in any table.
pub fn is_total_row(row: &Row) -> bool {
    row.cells
        .iter()
        .find(|cell| !cell.text.trim().is_empty())
        .is_some_and(|cell| cells::is_total(cell.text.trim(), cell.bold))
}

/// The column of each role its header names; the first column wins.
fn header_roles(table: &Table) -> HashMap<Role, usize> {
    let mut roles = HashMap::new();
    for (idx, cell) in table.header.iter().enumerate() {
        if let Some(role) = header::role(&cell.text) {
            roles.entry(role).or_insert(idx);
        }
    }
    roles
}

/// The id column and how it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct IdColumn {
    /// Its index.
    col: usize,
    /// Whether its header had to vouch for it: its ids are short ids that
    /// the id patterns do not know (`T0`, `1.1`, row numbers).
    by_header: bool,
}

/// The id column: the first column most of whose filled cells are task ids
/// the patterns know; else, under an id header (`ID`, `#`, `Key`, `Task`),
/// the first column of short ids of any shape, written ids (`1.1`, `M1`)
/// before row numbers.
fn id_column(table: &Table, ids: &IdMatcher) -> Option<IdColumn> {
    let columns: Vec<(&str, Vec<&str>)> = (0..table.header.len())
        .map(|col| (table.header.get(col).map_or("", |c| c.text.trim()), id_cells(table, col)))
        .collect();
    let majority = |cells: &[&str], n: usize| !cells.is_empty() && n * 2 > cells.len();
    let known = columns.iter().position(|(header, cells)| {
        // Under an id header a cell may carry a little more (`T-001 ✅`,
        // `T-001 (new)`); under any other header the cell must be the id
        // alone, so a column of prose that starts with ids (`OPS-002
        // closed`) is not an id column.
        let allowed = if header.is_empty() || header::may_hold_ids(header) { 12 } else { 2 };
        let is_known = |text: &str| {
            ids.leading_id(text).is_some_and(|(_, rest)| rest.trim().chars().count() <= allowed)
        };
        majority(cells, cells.iter().filter(|text| is_known(text)).count())
    });
    if let Some(col) = known {
        return Some(IdColumn { col, by_header: false });
    }
    let short: Vec<usize> = (0..columns.len())
        .filter(|&col| {
            let (header, cells) = &columns[col];
            let n_short = cells.iter().filter(|text| short_id(text).is_some()).count();
            header::may_hold_ids(header) && majority(cells, n_short)
        })
        .collect();
    let row_numbers = |col: &usize| {
        columns[*col].1.iter().all(|text| text.trim_start_matches('#').parse::<u64>().is_ok())
    };
    let col = short.iter().find(|col| !row_numbers(col)).or(short.first())?;
    Some(IdColumn { col: *col, by_header: true })
}

/// The filled cells of a column that could hold an id: bold cells (track
/// rows), totals and "none" words left out.
fn id_cells(table: &Table, col: usize) -> Vec<&str> {
    table
        .rows
        .iter()
        .filter(|row| !is_total_row(row))
        .filter_map(|row| row.cells.get(col))
        .filter(|cell| !cell.bold)
        .map(|cell| cell.text.trim())
        .filter(|text| !is_none_word(text))
        .collect()
}

/// Whether the rows are about work, as far as the header says: a work
/// column (`Task`) says yes; a subject other than work (`Risk`, `Term`,
/// `File`, `Check`), an analysis column (`Likelihood`, `Definition`,
/// `Verdict`) or figures compared (`Target` and `Actual`) say no.
fn about_work(table: &Table, roles: &HashMap<Role, usize>) -> bool {
    let headers: Vec<&str> = table.header.iter().map(|c| c.text.trim()).collect();
    if headers.iter().any(|h| header::is_work(h)) {
        return true;
    }
    if subject(&headers, roles).is_some_and(header::is_other_subject) {
        return false;
    }
    let id_header = roles.get(&Role::Id).and_then(|&col| headers.get(col));
    if id_header.is_some_and(|h| header::names_other_ids(h)) {
        return false;
    }
    if headers.iter().any(|h| header::is_analysis(h)) {
        return false;
    }
    let comparisons: Vec<String> =
        headers.iter().filter(|h| header::is_comparison(h)).map(|h| header::fold(h)).collect();
    let actual_time = roles.contains_key(&Role::Estimate);
    match comparisons.as_slice() {
        [] => true,
        [one] => actual_time || !matches!(one.as_str(), "actual" | "reel" | "ist"),
        _ => false,
    }
}

/// The header of the column that says what a row is: the first one that is
/// not an id, status, owner, phase, estimate, dependency or priority column.
fn subject<'h>(headers: &[&'h str], roles: &HashMap<Role, usize>) -> Option<&'h str> {
    let meta = [Role::Id, Role::Status, Role::Owner, Role::Phase, Role::Estimate, Role::Depends];
    headers.iter().enumerate().find_map(|(idx, header)| {
        let is_meta = meta.iter().any(|role| roles.get(role) == Some(&idx))
            || header.is_empty()
            || header::is_priority(header);
        (!is_meta).then_some(*header)
    })
}

/// Whether the status column, if any, says where work stands: most of its
/// filled cells are statuses attestor knows (`Done`, `🚧`, `Erledigt`) or
/// answers to `Done?`. A `| Name | Status |` table of services that are
/// `Running` or `Degraded` is no task table. Tables of ids the patterns
/// know skip this test: their unknown statuses are reported instead.
fn states_progress(table: &Table, roles: &HashMap<Role, usize>) -> bool {
    let Some(&col) = roles.get(&Role::Status) else { return true };
    let statuses: Vec<&str> = filled_cells(table, col).filter(|t| !is_none_word(t)).collect();
    let n_known = statuses
        .iter()
        .filter(|text| status_of(text).is_some() || cells::yes_no(text).is_some())
        .count();
    n_known * 2 >= statuses.len()
}

/// The filled cells of a column, totals left out.
fn filled_cells(table: &Table, col: usize) -> impl Iterator<Item = &str> {
    table
        .rows
        .iter()
        .filter(|row| !is_total_row(row))
        .filter_map(move |row| row.cells.get(col))
        .map(|cell| cell.text.trim())
        .filter(|text| !text.is_empty())
}

/// Whether the status column holds verdicts (`PASS`, `FAIL`, `OK`) rather
/// than where work stands: a table of checks, not of tasks.
fn states_verdicts(table: &Table, roles: &HashMap<Role, usize>) -> bool {
    let Some(&col) = roles.get(&Role::Status) else { return false };
    let statuses: Vec<&str> = filled_cells(table, col).collect();
    let n_verdicts = statuses.iter().filter(|text| cells::is_verdict(text)).count();
    !statuses.is_empty() && n_verdicts * 2 > statuses.len()
}

/// Whether the first column names one phase per row, and the table plans
/// them: most names are phase names (`Phase 1A`, `Sprint 3`, `2`), or some
/// column gives objectives, a window, a status or what done means. A table
/// of environments under a `Stage` header (`Staging`, `Production`) is
/// neither.
fn is_phase_table(table: &Table, roles: &HashMap<Role, usize>) -> bool {
    if roles.get(&Role::Phase) != Some(&0) || !phase_cells(table) {
        return false;
    }
    let plans = [Role::Title, Role::Estimate, Role::Status, Role::DoneWhen]
        .iter()
        .any(|role| roles.contains_key(role));
    let names: Vec<&str> = table
        .rows
        .iter()
        .filter(|row| !is_total_row(row))
        .filter_map(|row| row.cells.first())
        .map(|cell| cell.text.trim())
        .filter(|text| !text.is_empty())
        .collect();
    let n_named =
        names.iter().filter(|name| phase_key(name).is_some() || is_bare_key(name)).count();
    plans || (!names.is_empty() && n_named * 2 > names.len())
}

/// Whether a status or an owner column is tracked beside the id: what
/// makes short ids of any shape a task table.
fn tracked(roles: &HashMap<Role, usize>) -> bool {
    roles.contains_key(&Role::Status) || roles.contains_key(&Role::Owner)
}

/// Whether a table without ids lists work: a title beside a status, or a
/// work column (`Task`, `Aufgabe`) or actions (`| Action | Owner | Due |`)
/// beside an owner.
fn titled_work(table: &Table, roles: &HashMap<Role, usize>) -> bool {
    let headers: Vec<&str> = table.header.iter().map(|c| c.text.trim()).collect();
    let work_title = headers.iter().any(|h| header::is_work(h))
        || subject(&headers, roles).is_some_and(header::is_action);
    roles.contains_key(&Role::Title)
        && (roles.contains_key(&Role::Status) || (work_title && roles.contains_key(&Role::Owner)))
}

/// Whether the first column names one phase per row. When the same phase
/// repeats down the column, the rows are tasks grouped by phase instead.
fn phase_cells(table: &Table) -> bool {
    let mut names: Vec<&str> = table
        .rows
        .iter()
        .filter(|row| !is_total_row(row))
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
    use crate::parse::markdown::scan;

    fn kind_of(markdown: &str) -> TableKind {
        let ids = IdMatcher::new(&[]).0;
        let rendered = scan("t.md", markdown, 1, &ids);
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

    #[test]
    fn short_ids_under_an_id_header_make_an_id_column_beside_a_status() {
        let kind = kind_of(
            "| # | Feature | Status |\n|---|---|---|\n| 1 | Login | Done |\n| 2 | Export | Todo |\n",
        );
        assert_eq!(roles(&kind), [(Role::Id, 0), (Role::Title, 1), (Role::Status, 2)]);
        let kind = kind_of(
            "| Task | Description | Owner |\n|---|---|---|\n| 1.1 | Schema | Ana |\n| 1.2 | API | Bo |\n",
        );
        assert_eq!(roles(&kind), [(Role::Id, 0), (Role::Title, 1), (Role::Owner, 2)]);
        // Written ids win over row numbers.
        let both = "| # | Ref | Task | Status |\n|---|---|---|---|\n| 1 | 2.1 | Schema | Done |\n";
        assert_eq!(roles(&kind_of(both)), [(Role::Id, 1), (Role::Title, 2), (Role::Status, 3)]);
    }

    #[test]
    fn short_ids_without_a_status_or_an_owner_are_no_task_table() {
        let numbered = "| # | Title | Reason |\n|---|---|---|\n| 44 | Fix UI | outdated |\n| 45 | API | mock data |\n";
        assert_eq!(kind_of(numbered), TableKind::Other);
        // Short ids under a header that names no id column are no ids.
        let versions = "| Release | Notes | Status |\n|---|---|---|\n| 1.2 | fixes | Done |\n";
        assert_eq!(kind_of(versions), TableKind::Other);
    }

    #[test]
    fn an_owner_makes_a_task_table_only_beside_a_work_column() {
        let tasks = "| Task | Effort | Owner |\n|---|---|---|\n| JWT tests | 5 days | Backend |\n";
        assert!(matches!(kind_of(tasks), TableKind::Tasks(_)));
        let areas = "| Description | Owner |\n|---|---|\n| Billing | Ana |\n";
        assert_eq!(kind_of(areas), TableKind::Other);
        let components = "| Component | Owner | Status |\n|---|---|---|\n| API | Ana | Done |\n";
        assert_eq!(kind_of(components), TableKind::Other);
        let actions = "| Action | Owner | Due |\n|---|---|---|\n| Cache CI deps | Ana | Friday |\n";
        assert!(matches!(kind_of(actions), TableKind::Tasks(_)));
        let runbook =
            "| Event | Action | Owner |\n|---|---|---|\n| Disk full | Rotate logs | On-call |\n";
        assert_eq!(kind_of(runbook), TableKind::Other);
        let roster = "| Name | Role | Status |\n|---|---|---|\n| Ana | Lead | Active |\n";
        assert_eq!(kind_of(roster), TableKind::Other);
    }

    #[test]
    fn total_rows_are_told_by_their_first_filled_cell() {
        let table = |markdown: &str| {
            let ids = IdMatcher::new(&[]).0;
            let rendered = scan("t.md", markdown, 1, &ids);
            rendered.blocks.iter().find_map(|b| match b {
                Block::Table(t) => Some(t.clone()),
                _ => None,
            })
        };
        let t = table("| A | B | C |\n|---|---|---|\n| | **TOTAL** | 3 |\n| Total rewrite of billing | x | 1 |\n")
            .expect("a table");
        assert!(is_total_row(&t.rows[0]));
        assert!(!is_total_row(&t.rows[1]));
    }
}
