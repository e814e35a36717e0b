//! The stale-evidence stage: evidence dated before the last change of the
//! task it supports.
//!
//! A test log from March 1 says nothing of a task whose status changed on
//! March 10: the work it shows may not be the work said done. The task's
//! last change is its last status change read from git when the history is
//! read (`--git`), else the date of the document that defines it. Evidence
//! with no date, or a task with no known change, is never called stale.
//! Each stale pair is kept on the task, for its page, the dashboard's
//! "Needs attention" and `status.json`, and is a warning when the task is
//! done, since its verdict rests on that evidence.

use std::collections::HashMap;

use crate::diagnostics::Diagnostic;
use crate::history::SHORT_HASH;
use crate::model::{DocKind, Site, StaleEvidence, Task, TaskScope, TaskStatus};

/// Marks the stale evidence of every task into `Task::stale`; a warning
/// for each done task that rests on stale evidence.
pub fn mark(site: &mut Site) -> Vec<Diagnostic> {
    let last_change = last_changes(site);
    let evidence_dates: HashMap<&str, &str> =
        site.evidence.iter().filter_map(|e| Some((e.path.as_str(), e.date.as_deref()?))).collect();
    let mut marked: Vec<(usize, Vec<StaleEvidence>)> = Vec::new();
    for (idx, task) in site.tasks.iter().enumerate() {
        let Some((changed, change)) = last_change.get(task.id.as_str()) else { continue };
        let stale = dated_before(task, changed, change, |path| evidence_dates.get(path).copied());
        if !stale.is_empty() {
            marked.push((idx, stale));
        }
    }
    let mut diagnostics = Vec::new();
    for (idx, stale) in marked {
        let task = &mut site.tasks[idx];
        task.stale = stale.into();
        diagnostics.extend(warnings(task));
    }
    diagnostics
}

/// The stale evidence of one task of `site`, as [`mark`] finds it, when
/// no history is read: the task's last change is the date of the session
/// log that defines it. `None` when the site has a history, whose changes
/// only [`mark`] reads (`serve`'s splice of a new task).
pub fn of_task(site: &Site, task: &Task) -> Option<Vec<StaleEvidence>> {
    if site.history_scope.is_some() {
        return None;
    }
    let doc = crate::model::document_at(&site.documents, &task.source.path);
    let Some(date) = doc.filter(|d| d.kind == DocKind::Session).and_then(|d| d.date.as_deref())
    else {
        return Some(Vec::new());
    };
    let evidence_date =
        |path: &str| crate::model::evidence_at(&site.evidence, path)?.date.as_deref();
    Some(dated_before(task, date, &dated_log(&task.source.path), evidence_date))
}

/// A task's last change, in words, when it is the date of the session log
/// at `path` that defines it.
fn dated_log(path: &str) -> String {
    format!("the date of {path}")
}

/// The evidence of `task` dated before its last change on `changed`.
fn dated_before<'e>(
    task: &Task,
    changed: &str,
    change: &str,
    date_of: impl Fn(&str) -> Option<&'e str>,
) -> Vec<StaleEvidence> {
    task.evidence
        .iter()
        .filter_map(|path| {
            let date = date_of(path)?;
            (date < changed).then(|| StaleEvidence {
                path: path.clone(),
                date: date.to_string(),
                changed: changed.to_string(),
                change: change.to_string(),
            })
        })
        .collect()
}

/// A warning for each stale piece of evidence of a task that is done, since
/// its verdict rests on that evidence; none for other tasks.
pub fn warnings(task: &Task) -> Vec<Diagnostic> {
    if task.status != TaskStatus::Done || task.scope == TaskScope::Archived {
        return Vec::new();
    }
    task.stale
        .iter()
        .map(|item| {
            Diagnostic::warning(
                "A275",
                &task.source.path,
                task.source.line,
                format!(
                    "{}'s evidence `{}` is dated {}, before the task's last change on {} ({})",
                    task.id, item.path, item.date, item.changed, item.change
                ),
            )
            .with_help("run it again and link the new run, or say why the old one still holds")
        })
        .collect()
}

/// Each task's last change: its date and what it was, in words.
fn last_changes(site: &Site) -> HashMap<&str, (String, String)> {
    let mut last = HashMap::new();
    if site.history_scope.is_some() {
        // Oldest first: the last one for a task is its latest.
        for change in &site.history {
            let short = &change.commit[..change.commit.len().min(SHORT_HASH)];
            let what = match change.from {
                Some(_) => format!("set to {} in commit {short}", change.to.words()),
                None => format!("added as {} in commit {short}", change.to.words()),
            };
            last.insert(change.task.as_str(), (change.date.clone(), what));
        }
        return last;
    }
    // A plan's or tracker's date is when it was last edited, for any of
    // its tasks; a session log's is the day of the work it records.
    let doc_dates: HashMap<&str, &str> = site
        .documents
        .iter()
        .filter(|d| d.kind == DocKind::Session)
        .filter_map(|d| Some((d.path.as_str(), d.date.as_deref()?)))
        .collect();
    for task in &site.tasks {
        if let Some(date) = doc_dates.get(task.source.path.as_ref()) {
            last.insert(task.id.as_str(), (date.to_string(), dated_log(&task.source.path)));
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        DocKind, Document, Evidence, HistoryScope, Source, SourceFormat, StatusChange, Task,
        TaskForm,
    };

    fn site(doc_date: Option<&str>, evidence_date: &str) -> Site {
        let mut task = Task::new(
            "T-001".into(),
            "Ship".into(),
            TaskStatus::Done,
            Source { path: "plan.md".into(), line: 4 },
            TaskForm::TableRow,
        );
        task.evidence = thin_vec::thin_vec!["tests/run.log".into()];
        let mut doc = Document::new("plan.md".into(), DocKind::Session, SourceFormat::Markdown);
        doc.date = doc_date.map(str::to_string);
        let evidence =
            Evidence { date: Some(evidence_date.into()), ..Evidence::blank("tests/run.log") };
        Site {
            tasks: vec![task],
            documents: vec![doc],
            evidence: vec![evidence],
            ..Site::default()
        }
    }

    #[test]
    fn evidence_older_than_the_session_log_that_records_the_task_is_stale() {
        let mut stale = site(Some("2026-03-10"), "2026-03-01");
        let diagnostics = mark(&mut stale);
        assert_eq!(stale.tasks[0].stale[0].changed, "2026-03-10");
        assert_eq!(
            diagnostics[0].message,
            "T-001's evidence `tests/run.log` is dated 2026-03-01, before the task's last change on 2026-03-10 (the date of plan.md)"
        );
        for (doc_date, evidence_date) in [(Some("2026-03-10"), "2026-03-10"), (None, "2026-03-01")]
        {
            let mut fresh = site(doc_date, evidence_date);
            assert!(mark(&mut fresh).is_empty());
            assert!(fresh.tasks[0].stale.is_empty());
        }
        // A plan's date is its last edit, for any of its tasks: not judged.
        let mut plan = site(Some("2026-03-10"), "2026-03-01");
        plan.documents[0].kind = DocKind::Plan;
        assert!(mark(&mut plan).is_empty());
    }

    #[test]
    fn with_the_history_read_the_last_status_change_counts() {
        let change = |date: &str, to: TaskStatus| StatusChange {
            task: "T-001".into(),
            date: date.into(),
            from: Some(TaskStatus::Open),
            to,
            commit: "3f9e1d2aa".into(),
            author: "Dana".into(),
            path: "plan.md".into(),
        };
        // The document's date says nothing new once git says when it changed.
        let mut stale = site(Some("2026-02-01"), "2026-03-05");
        stale.history_scope = Some(HistoryScope::default());
        stale.history = vec![
            change("2026-03-01", TaskStatus::InProgress),
            change("2026-03-09", TaskStatus::Done),
        ];
        let diagnostics = mark(&mut stale);
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].message.ends_with("on 2026-03-09 (set to done in commit 3f9e1d2)"));
    }
}
