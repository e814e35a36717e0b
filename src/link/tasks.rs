//! Tasks across documents: one task per id, who mentions it, what it needs.
//!
//! A plan's checklist and the team's tracker export often define the same
//! id; they are one task, and the strongest form's word counts (a document's
//! own frontmatter, then a task table row, a checklist item, a tracker issue,
//! a phase, a heading). When two sources disagree on the status, that is a
//! diagnostic.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::model::{
    Document, RefKind, Source, Task, TaskForm, TaskStatus, task_anchor_url, task_url,
};

/// Two definitions of one task that disagree on its status: the id, then
/// each definition's place and status, the primary one first.
pub(crate) type StatusConflict = (String, Source, TaskStatus, Source, TaskStatus);

/// Merges tasks that share an id; returns them sorted by id, with the
/// definitions that disagree on a status.
pub(crate) fn merge(mut defined: Vec<Task>) -> (Vec<Task>, Vec<Diagnostic>, Vec<StatusConflict>) {
    // By id, and within an id the task that stays first: the sort is
    // stable, so tasks alike in both keep the order they were found in.
    // Merged in place: at 100,000 tasks a map of groups held them twice.
    defined.sort_by(|a, b| {
        a.id.cmp(&b.id).then_with(|| a.form.cmp(&b.form)).then_with(|| a.source.cmp(&b.source))
    });
    let mut diagnostics = Vec::new();
    let mut conflicts = Vec::new();
    defined.dedup_by(|other, primary| {
        if other.id != primary.id {
            return false;
        }
        if defines(primary) && defines(other) {
            diagnostics.push(redefined(primary, other));
        }
        if other.status != primary.status {
            diagnostics.push(conflict(primary, other));
            conflicts.push((
                primary.id.clone(),
                primary.source.clone(),
                primary.status,
                other.source.clone(),
                other.status,
            ));
        }
        fill_from(primary, other);
        true
    });
    defined.shrink_to_fit();
    (defined, diagnostics, conflicts)
}

/// Whether a task's form defines work (a plan's row, item or own
/// document), rather than mirrors it (a tracker issue) or reports on it (a
/// heading in a session). Two definitions of one id are a duplicate.
fn defines(task: &Task) -> bool {
    matches!(task.form, TaskForm::Frontmatter | TaskForm::TableRow | TaskForm::Checklist)
}

fn redefined(primary: &Task, other: &Task) -> Diagnostic {
    Diagnostic::warning(
        "A108",
        &other.source.path,
        other.source.line,
        format!(
            "duplicate task id `{}`: also defined at {}:{}; the two are shown as one task",
            primary.id, primary.source.path, primary.source.line
        ),
    )
    .with_help("give each task its own id, or refer to the task instead of defining it again")
}

fn conflict(primary: &Task, other: &Task) -> Diagnostic {
    Diagnostic::warning(
        "A106",
        &other.source.path,
        other.source.line,
        format!(
            "{} is {} here but {} at {}:{}",
            primary.id,
            other.status.words(),
            primary.status.words(),
            primary.source.path,
            primary.source.line
        ),
    )
    .with_help(format!("the portal shows it as {}; bring the two in line", primary.status.words()))
}

/// Fills what the primary definition leaves open from another one.
fn fill_from(primary: &mut Task, other: &mut Task) {
    primary.phase = primary.phase.take().or(other.phase.take());
    primary.track = primary.track.take().or(other.track.take());
    primary.owner = primary.owner.take().or(other.owner.take());
    primary.done_when = primary.done_when.take().or(other.done_when.take());
    primary.estimate_minutes = primary.estimate_minutes.or(other.estimate_minutes);
    primary.parent = primary.parent.take().or(other.parent.take());
    primary.named |= other.named;
    for dep in other.depends_on.drain(..) {
        if !primary.depends_on.contains(&dep) {
            primary.depends_on.push(dep);
        }
    }
    if other.source.path != primary.source.path {
        primary.mentioned_in.push(other.source.path.to_string());
    }
}

/// Sets every task's URL. A task with an id of its own gets a page of its
/// own, `tasks/<slug>.html`, unique even when ids differ only in case or
/// punctuation (`T-1`, `t.1` would share a slug). A task whose id was made
/// up (a checklist item, an item of a work list) gets none: it lives at the
/// anchor `#task-<slug>` of the page of the document that defines it, so a
/// tree of many checklists does not get as many near-empty pages.
pub(crate) fn assign_urls(tasks: &mut [Task], documents: &[Document]) {
    // Anchors in parallel; the pages, whose names must not clash, in order.
    let own_page: Vec<bool> = tasks
        .par_iter_mut()
        .map(|task| {
            if !task.named {
                let doc = documents.binary_search_by(|d| d.path.as_str().cmp(&task.source.path));
                if let Ok(idx) = doc {
                    task.url = task_anchor_url(&documents[idx].url, &task.id).into();
                    return false;
                }
            }
            task.url = task_url(&task.id).into();
            true
        })
        .collect();
    let mut taken = BTreeSet::new();
    for (task, _) in tasks.iter_mut().zip(own_page).filter(|(_, own_page)| *own_page) {
        let base = task.url.trim_end_matches(".html").to_string();
        let mut n = 2;
        while !taken.insert(task.url.clone()) {
            task.url = format!("{base}-{n}.html").into();
            n += 1;
        }
    }
}

/// Records, for each task, the documents that name it (other than where it
/// is defined), sorted by path.
pub(crate) fn fill_mentions(tasks: &mut [Task], documents: &[Document]) {
    let index: HashMap<&str, usize> =
        tasks.iter().enumerate().map(|(idx, t)| (t.id.as_str(), idx)).collect();
    let mut mentions: Vec<BTreeSet<String>> =
        tasks.iter().map(|t| t.mentioned_in.iter().cloned().collect()).collect();
    for doc in documents {
        for reference in doc.references.iter().filter(|r| r.kind == RefKind::Task) {
            if let Some(&idx) = index.get(reference.target.as_str())
                && *tasks[idx].source.path != *doc.path
            {
                mentions[idx].insert(doc.path.clone());
            }
        }
    }
    for (task, docs) in tasks.iter_mut().zip(mentions) {
        task.mentioned_in = docs.into_iter().collect();
    }
}

/// A diagnostic for every dependency on an id no document defines.
pub(crate) fn check_dependencies(tasks: &[Task]) -> Vec<Diagnostic> {
    let known: BTreeSet<&str> = tasks.iter().map(|t| t.id.as_str()).collect();
    tasks.iter().flat_map(|task| unknown_dependencies(task, &|id| known.contains(id))).collect()
}

/// A diagnostic for each dependency of `task` on an id not `known`.
pub(crate) fn unknown_dependencies(task: &Task, known: &dyn Fn(&str) -> bool) -> Vec<Diagnostic> {
    let unknown = task.depends_on.iter().filter(|dep| !known(dep));
    unknown
        .map(|dep| {
            Diagnostic::warning(
                "A120",
                &task.source.path,
                task.source.line,
                format!("{} depends on `{dep}`, which no document defines", task.id),
            )
            .with_help("fix the id, or add the task to a plan or tracker")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str, status: TaskStatus, path: &str, form: TaskForm) -> Task {
        Task::new(id.into(), id.into(), status, Source { path: path.into(), line: 3 }, form)
    }

    #[test]
    fn merges_plan_and_tracker_definitions_and_reports_conflicts() {
        let mut from_tracker =
            task("tw-k8r", TaskStatus::Open, ".beads/issues.jsonl", TaskForm::Tracker);
        from_tracker.owner = Some("jun".into());
        let from_plan = task("tw-k8r", TaskStatus::Done, "plans/p.md", TaskForm::Checklist);
        let (tasks, diagnostics, _) = merge(vec![from_tracker, from_plan]);
        assert_eq!(tasks.len(), 1);
        assert_eq!(&*tasks[0].source.path, "plans/p.md");
        assert_eq!(tasks[0].owner.as_deref(), Some("jun"));
        assert_eq!(tasks[0].mentioned_in, [".beads/issues.jsonl"]);
        assert_eq!(
            diagnostics[0].to_human(),
            "warning[A106]: tw-k8r is open here but done at plans/p.md:3\n  --> .beads/issues.jsonl:3\n  = help: the portal shows it as done; bring the two in line"
        );
    }

    #[test]
    fn warns_on_the_same_id_defined_in_two_plans() {
        let first = task("T-001", TaskStatus::Done, "plans/a.md", TaskForm::TableRow);
        let second = task("T-001", TaskStatus::Done, "plans/b.md", TaskForm::Checklist);
        let (tasks, diagnostics, _) = merge(vec![second, first]);
        assert_eq!(tasks.len(), 1);
        assert_eq!(
            diagnostics[0].to_human(),
            "warning[A108]: duplicate task id `T-001`: also defined at plans/a.md:3; the two are shown as one task\n  --> plans/b.md:3\n  = help: give each task its own id, or refer to the task instead of defining it again"
        );
    }

    #[test]
    fn reports_dependencies_on_unknown_ids() {
        let mut a = task("T-002", TaskStatus::Open, "p.md", TaskForm::TableRow);
        a.depends_on = thin_vec::thin_vec!["T-001".into(), "T-999".into()];
        let b = task("T-001", TaskStatus::Done, "p.md", TaskForm::TableRow);
        let diagnostics = check_dependencies(&[a, b]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].message, "T-002 depends on `T-999`, which no document defines");
    }
}
