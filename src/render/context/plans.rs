//! Views of plans for the dashboard and the plans page: each plan's
//! progress, how much work it has left, when it last changed, whether it is
//! active or stale, and the order that puts the plans that matter first.
//!
//! "When it last changed" is the document's own date or the newest event of
//! the audit trail about it (a tracker's issue closed, a commit it names),
//! whichever is newer. "Stale" is judged against the portal's "as of" date
//! (`crate::render::context::as_of`), never the wall clock, so that two
//! builds of one tree agree. Which tasks a plan holds and how far they are
//! is the linker's answer; this module only counts and sorts.

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{DocKind, Document, Plan, Site, Task, TaskStatus, document_at, task_with_id};
use crate::render::context::DocView;
use crate::render::context::tasks::{PhaseView, Progress};

/// When documents count as stale: the portal's "as of" date and
/// `stale_after_days` of `attestor.toml`.
#[derive(Debug, Clone, Copy)]
pub struct Staleness<'a> {
    /// `YYYY-MM-DD`: the date the portal speaks for.
    pub as_of: Option<&'a str>,
    /// Days without a change after which a plan with open work is stale.
    pub after_days: u32,
}

impl Staleness<'_> {
    /// How many days before the "as of" date `date` is, when both are dates.
    pub fn age_days(&self, date: &str) -> Option<i64> {
        let as_of = crate::dates::days_of(self.as_of?)?;
        Some(as_of - crate::dates::days_of(date)?)
    }
}

/// Where a plan is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanGroup {
    /// A plan or tracker the headline counts.
    Counted,
    /// A checklist of a document the headline does not count (a guide).
    Other,
    /// In an archived folder.
    Archived,
    /// A session log's to-dos.
    Session,
}

/// A plan with what the dashboard sorts it by.
#[derive(Debug, Serialize)]
pub struct PlanSummary<'a> {
    /// The plan's document.
    pub doc: DocView<'a>,
    /// Its progress.
    pub progress: Progress,
    /// Its phases, each with progress.
    pub phases: Vec<PhaseView<'a>>,
    /// Tasks not done (skipped ones are not work left).
    pub work_left: usize,
    /// `YYYY-MM-DD` of its last change, if it has a date at all.
    pub changed: Option<&'a str>,
    /// Days from its last change to the "as of" date.
    pub age_days: Option<i64>,
    /// Work is in progress, or it changed within `stale_after_days`, and work is left.
    pub active: bool,
    /// Work is left and it has not changed in more than `stale_after_days`.
    pub stale: bool,
    /// Where it is listed.
    pub group: PlanGroup,
}

/// The plans of a site, each with its progress and dates, the ones that
/// matter first: active ones, then the others with work left, then the
/// finished; within each, most work left first, then the most recently
/// changed, then by path.
pub fn plan_summaries<'a>(
    site: &'a Site,
    index: &PlanIndex<'a, '_>,
    staleness: Staleness<'_>,
) -> Vec<PlanSummary<'a>> {
    let mut plans: Vec<PlanSummary<'a>> =
        site.plans.iter().filter_map(|plan| plan_summary(site, index, plan, staleness)).collect();
    plans.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then_with(|| b.work_left.cmp(&a.work_left))
            .then_with(|| b.changed.cmp(&a.changed))
            .then_with(|| a.doc.path.cmp(b.doc.path))
    });
    plans
}

/// 0 for active plans, 1 for others with work left, 2 for finished ones.
fn rank(plan: &PlanSummary<'_>) -> u8 {
    match () {
        _ if plan.active => 0,
        _ if plan.work_left > 0 => 1,
        _ => 2,
    }
}

/// The indexes of a site that plan summaries look things up in.
#[derive(Debug, Clone, Copy)]
pub struct PlanIndex<'a, 'i> {
    /// Documents by path.
    pub docs: &'a [Document],
    /// Tasks by id.
    pub tasks: &'a [Task],
    /// The date of each document's last change ([`last_changed`]).
    pub changed: &'i LastChanged<'a>,
    /// What each plan's tasks count, in the order of `Site::plans`
    /// ([`plan_counts`]); empty when they were not made, and each summary
    /// counts its own plan's.
    pub counts: &'i [PlanCounts],
}

/// What a plan's tasks count to: its progress, each phase's, and whether
/// any is in progress.
///
/// Made once for every plan of a build ([`plan_counts`]): the plans page,
/// the attention page, the dashboard and each plan's own page show the same
/// summaries, and each task of them is found by its id among all the tasks,
/// a binary search that at a million tasks misses the cache at every step.
#[derive(Debug, Clone)]
pub struct PlanCounts {
    progress: Progress,
    phases: Vec<Progress>,
    in_progress: bool,
}

impl PlanCounts {
    /// The counts of `plan`'s tasks, found in `tasks` (sorted by id).
    fn of(tasks: &[Task], plan: &Plan) -> PlanCounts {
        PlanCounts::found_by(|id| task_with_id(tasks, id), plan)
    }

    /// The counts of `plan`'s tasks, each found by `find` from its id.
    fn found_by<'t>(find: impl Fn(&str) -> Option<&'t Task>, plan: &Plan) -> PlanCounts {
        let tasks_of =
            |ids: &'_ [String]| ids.iter().filter_map(|id| find(id)).collect::<Vec<&Task>>();
        let own = tasks_of(&plan.tasks);
        PlanCounts {
            progress: Progress::of(own.iter().copied()),
            phases: plan.phases.iter().map(|phase| Progress::of(tasks_of(&phase.tasks))).collect(),
            in_progress: own.iter().any(|t| t.status == TaskStatus::InProgress),
        }
    }
}

/// The counts of every plan of a site, in the order of `Site::plans`.
pub fn plan_counts(site: &Site) -> Vec<PlanCounts> {
    plan_counts_found_by(site, |id| task_with_id(&site.tasks, id))
}

/// [`plan_counts`], each task found by `find` from its id.
pub fn plan_counts_found_by<'t>(
    site: &Site,
    find: impl Fn(&str) -> Option<&'t Task> + Sync,
) -> Vec<PlanCounts> {
    site.plans.par_iter().map(|plan| PlanCounts::found_by(&find, plan)).collect()
}

/// The summary of one plan, if its document is known.
pub fn plan_summary<'a>(
    site: &Site,
    index: &PlanIndex<'a, '_>,
    plan: &'a Plan,
    staleness: Staleness<'_>,
) -> Option<PlanSummary<'a>> {
    let doc = document_at(index.docs, &plan.path)?;
    let changed = index.changed.get(&plan.path);
    let at = site.plans.binary_search_by(|p| p.path.cmp(&plan.path));
    let counts = match at.ok().and_then(|at| index.counts.get(at)) {
        Some(counts) => Cow::Borrowed(counts),
        None => Cow::Owned(PlanCounts::of(index.tasks, plan)),
    };
    let PlanCounts { progress, phases, in_progress } = counts.into_owned();
    let work_left = progress.total - progress.done;
    let age_days = changed.and_then(|date| staleness.age_days(date));
    let recent = age_days.is_some_and(|age| age <= i64::from(staleness.after_days));
    let old = age_days.is_some_and(|age| age > i64::from(staleness.after_days));
    let group = match () {
        _ if doc.archived => PlanGroup::Archived,
        _ if doc.kind == DocKind::Session => PlanGroup::Session,
        _ if site.headline_kinds.contains(&doc.kind) => PlanGroup::Counted,
        _ => PlanGroup::Other,
    };
    Some(PlanSummary {
        doc: DocView::of(doc),
        phases: plan
            .phases
            .iter()
            .zip(phases)
            .map(|(phase, progress)| PhaseView { title: &phase.title, progress })
            .collect(),
        progress,
        work_left,
        changed,
        age_days,
        // A plan whose tasks say "in progress" but that has not changed in
        // longer than the limit is stale, not active.
        active: work_left > 0 && !old && (in_progress || recent),
        stale: work_left > 0 && old && group == PlanGroup::Counted,
        group,
    })
}

/// The newest date of each document: its own date or that of the newest
/// event about it (events hold dates in `YYYY-MM-DD`, so the strings order
/// as the dates do).
pub fn last_changed(site: &Site) -> LastChanged<'_> {
    let valid = |date: &str| crate::dates::days_of(date).is_some();
    let docs = &site.documents;
    let mut dates: Vec<Option<&str>> =
        docs.iter().map(|d| d.date.as_deref().filter(|date| valid(date))).collect();
    for event in site.events.iter().filter(|e| valid(&e.date)) {
        let Ok(idx) = docs.binary_search_by(|d| d.path.as_str().cmp(&event.path)) else {
            continue;
        };
        if dates[idx].is_none_or(|date| event.date.as_str() > date) {
            dates[idx] = Some(&event.date);
        }
    }
    LastChanged { documents: docs, dates }
}

/// The date of each document's last change ([`last_changed`]).
#[derive(Debug)]
pub struct LastChanged<'a> {
    documents: &'a [Document],
    /// By the document's place in `documents`.
    dates: Vec<Option<&'a str>>,
}

impl<'a> LastChanged<'a> {
    /// The date the document at `path` last changed.
    pub fn get(&self, path: &str) -> Option<&'a str> {
        let idx = self.documents.binary_search_by(|d| d.path.as_str().cmp(path)).ok()?;
        self.dates[idx]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Source, SourceFormat, TaskForm};

    fn plan_doc(path: &str, date: Option<&str>) -> Document {
        let mut doc = Document::new(path.into(), DocKind::Plan, SourceFormat::Markdown);
        doc.date = date.map(str::to_string);
        doc
    }

    fn task(id: &str, plan: &str, status: TaskStatus) -> Task {
        let source = Source { path: plan.into(), line: 1 };
        Task::new(id.into(), id.into(), status, source, TaskForm::TableRow)
    }

    /// Four plans: an old one with most work left, a recent one with a
    /// little, a finished one, and one whose tracker event is recent.
    fn site() -> Site {
        let documents = vec![
            plan_doc("a-old.md", Some("2026-01-01")),
            plan_doc("b-recent.md", Some("2026-03-10")),
            plan_doc("c-done.md", Some("2026-03-12")),
            plan_doc("d-event.md", Some("2025-12-01")),
        ];
        let mut tasks = Vec::new();
        let mut plans = Vec::new();
        for (doc, statuses) in documents.iter().zip([
            &[TaskStatus::Open, TaskStatus::Open, TaskStatus::Open][..],
            &[TaskStatus::Open, TaskStatus::Done][..],
            &[TaskStatus::Done][..],
            &[TaskStatus::Open][..],
        ]) {
            let ids: Vec<String> =
                (0..statuses.len()).map(|n| format!("{}-{n}", &doc.path[..1])).collect();
            for (id, status) in ids.iter().zip(statuses) {
                tasks.push(task(id, &doc.path, *status));
            }
            plans.push(Plan {
                path: doc.path.clone(),
                title: doc.path.clone(),
                phases: Vec::new(),
                tasks: ids,
                stated_critical_path: None,
            });
        }
        let events = vec![Event {
            date: "2026-03-14".into(),
            kind: "tracker".into(),
            title: "closed".into(),
            path: "d-event.md".into(),
            url: String::new(),
        }];
        Site {
            documents,
            plans,
            tasks,
            events,
            headline_kinds: vec![DocKind::Plan, DocKind::Tracker],
            ..Site::default()
        }
    }

    fn summaries(site: &Site, as_of: &str) -> Vec<(String, bool, bool)> {
        let changed = last_changed(site);
        let counts = plan_counts(site);
        let index = PlanIndex {
            docs: &site.documents,
            tasks: &site.tasks,
            changed: &changed,
            counts: &counts,
        };
        let staleness = Staleness { as_of: Some(as_of), after_days: 14 };
        plan_summaries(site, &index, staleness)
            .into_iter()
            .map(|p| (p.doc.path.to_string(), p.active, p.stale))
            .collect()
    }

    #[test]
    fn active_plans_come_first_then_most_work_left_then_finished() {
        let site = site();
        // `d-event.md` is dated last year, but its tracker event of
        // 2026-03-14 makes it the most recently changed of the two active
        // plans with one task left.
        assert_eq!(
            summaries(&site, "2026-03-15"),
            [
                ("d-event.md".to_string(), true, false),
                ("b-recent.md".to_string(), true, false),
                ("a-old.md".to_string(), false, true),
                ("c-done.md".to_string(), false, false),
            ]
        );
    }

    #[test]
    fn stale_counts_days_before_the_as_of_date_not_the_clock() {
        let site = site();
        // Exactly 14 days after its last change a plan is not stale yet.
        let on_the_day = summaries(&site, "2026-03-24");
        assert!(on_the_day.contains(&("b-recent.md".to_string(), true, false)), "{on_the_day:?}");
        let day_after = summaries(&site, "2026-03-25");
        assert!(day_after.contains(&("b-recent.md".to_string(), false, true)), "{day_after:?}");
        // A finished plan is never stale.
        assert!(day_after.contains(&("c-done.md".to_string(), false, false)), "{day_after:?}");
    }
}
