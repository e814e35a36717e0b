//! Progress over time (issue 13): a burn-up of the tasks counted, done and
//! verified at the end of each day, replayed from the status changes read
//! from git (`--git`), for the dashboard (the headline's tasks) and each
//! plan's page (its tasks).
//!
//! The series runs from the first status change of the tasks to the
//! portal's "as of" date (or the last change, if later). A task whose
//! history starts with its addition exists from that day; one whose history
//! starts with a change (a cut or shallow history), or that has none, exists
//! from the first day with the status it had then. Each day counts, as the
//! progress bars do, the tasks not skipped (`scope`), those done (`done`),
//! and those done that are verified now and whose passing evidence is dated
//! on or before the day (`verified`): evidence dated later does not verify
//! the past. The last point is the portal's own count, so the chart ends
//! where the progress bar stands, even with changes not yet committed.
//!
//! Changes apply in the history's order (the commits', oldest first); a
//! change dated before the one it follows (a rebased or back-dated commit)
//! takes effect on that one's day, so the replay ends where the history
//! does. Past [`MAX_POINTS`] days there is one point a week (or every few
//! weeks), so the drawing stays small. Drawing is `crate::render::svg`'s.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::dates::{days_of, format_days};
use crate::model::{Evidence, Outcome, StatusChange, Task, TaskStatus, Verification, evidence_at};
use crate::render::context::tasks::format_minutes;

/// The most points a series has; a longer span is sampled every week (or
/// every few weeks).
pub const MAX_POINTS: usize = 400;

/// The counts at the end of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Point {
    /// Days since 1970-01-01.
    pub day: i64,
    /// Tasks that exist that day and are not skipped.
    pub scope: usize,
    /// Of those, tasks done.
    pub done: usize,
    /// Of those, tasks verified now whose evidence is dated by that day.
    pub verified: usize,
    /// The estimates of the tasks done, in minutes.
    pub estimate_done: u64,
}

/// The burn-up of a set of tasks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// One point per `step` days from the first change, and the last day.
    pub points: Vec<Point>,
    /// Days between points: 1, or a multiple of 7 past [`MAX_POINTS`] days.
    pub step: i64,
    /// The estimates of the tasks counted on the last day, in minutes.
    pub estimate_total: u64,
    /// How many tasks counted on the last day have an estimate.
    pub n_estimated: usize,
}

/// What a task adds to a day's counts: scope, done, verified, estimate done.
type Counts = [i64; 4];

/// The burn-up of `tasks` from their status changes (`history`, by task id,
/// in the history's order) up to `as_of`; verification dates come from the
/// tasks' linked `evidence` (the site's, sorted by path). `None` when none of the tasks has a
/// change in the history, or no change has a date.
pub fn series(
    tasks: &[&Task],
    history: &HashMap<&str, Vec<&StatusChange>>,
    evidence: &[Evidence],
    as_of: Option<&str>,
) -> Option<Series> {
    let timelines: Vec<Timeline> =
        tasks.iter().map(|task| Timeline::of(task, history.get(task.id.as_str()))).collect();
    let first = timelines.iter().filter_map(|t| t.events.first().map(|e| e.0)).min()?;
    let last_change = timelines.iter().filter_map(|t| t.events.last().map(|e| e.0)).max()?;
    let last = as_of.and_then(days_of).map_or(last_change, |day| day.max(last_change));
    // Each task's counts change only on its breakpoints: a change of its
    // status, or the day its evidence starts to verify it.
    let mut deltas: BTreeMap<i64, Counts> = BTreeMap::new();
    for (task, timeline) in tasks.iter().zip(&timelines) {
        let verified_from = (task.verification == Verification::Verified)
            .then(|| verified_from(task, evidence).unwrap_or(first));
        let mut days: Vec<i64> = timeline.events.iter().map(|e| e.0).collect();
        days.extend(verified_from);
        days.push(first);
        days.retain(|&day| day >= first);
        days.sort_unstable();
        days.dedup();
        let mut before: Counts = [0; 4];
        for day in days {
            let counts = counts_of(task, timeline.status_on(day), verified_from, day);
            if counts != before {
                let delta = deltas.entry(day).or_default();
                for (slot, (now, was)) in delta.iter_mut().zip(counts.iter().zip(&before)) {
                    *slot += now - was;
                }
                before = counts;
            }
        }
    }
    let span = (last - first + 1) as usize;
    let step = if span <= MAX_POINTS { 1 } else { 7 * span.div_ceil(7 * MAX_POINTS) as i64 };
    let mut days: Vec<i64> = (first..last).step_by(step as usize).collect();
    days.push(last);
    let mut running: Counts = [0; 4];
    let mut pending = deltas.into_iter().peekable();
    let mut points: Vec<Point> = days
        .into_iter()
        .map(|day| {
            while let Some((_, delta)) = pending.next_if(|(at, _)| *at <= day) {
                for (slot, d) in running.iter_mut().zip(delta) {
                    *slot += d;
                }
            }
            point(day, running)
        })
        .collect();
    // The last point is the portal's own count: the docs as built.
    let counted: Vec<&Task> =
        tasks.iter().copied().filter(|t| t.status != TaskStatus::Skipped).collect();
    let done: Vec<&Task> =
        counted.iter().copied().filter(|t| t.status == TaskStatus::Done).collect();
    let estimates = |tasks: &[&Task]| -> u64 {
        tasks.iter().filter_map(|t| t.estimate_minutes).map(u64::from).sum()
    };
    if let Some(end) = points.last_mut() {
        *end = Point {
            day: last,
            scope: counted.len(),
            done: done.len(),
            verified: done.iter().filter(|t| t.verification == Verification::Verified).count(),
            estimate_done: estimates(&done),
        };
    }
    Some(Series {
        points,
        step,
        estimate_total: estimates(&counted),
        n_estimated: counted.iter().filter(|t| t.estimate_minutes.is_some()).count(),
    })
}

fn point(day: i64, counts: Counts) -> Point {
    let n = |value: i64| usize::try_from(value).unwrap_or(0);
    Point {
        day,
        scope: n(counts[0]),
        done: n(counts[1]),
        verified: n(counts[2]),
        estimate_done: u64::try_from(counts[3]).unwrap_or(0),
    }
}

/// What `task` adds to the counts of `day` when its status is `status`
/// (`None`: it does not exist yet).
fn counts_of(
    task: &Task,
    status: Option<TaskStatus>,
    verified_from: Option<i64>,
    day: i64,
) -> Counts {
    match status {
        None | Some(TaskStatus::Skipped) => [0; 4],
        Some(TaskStatus::Done) => {
            let verified = verified_from.is_some_and(|from| day >= from);
            let estimate = task.estimate_minutes.map_or(0, i64::from);
            [1, 1, i64::from(verified), estimate]
        }
        Some(_) => [1, 0, 0, 0],
    }
}

/// A task's statuses over time.
struct Timeline {
    /// Its status before its first event; `None` when it did not exist.
    initial: Option<TaskStatus>,
    /// (day it takes effect, status after), days never decreasing.
    events: Vec<(i64, TaskStatus)>,
}

impl Timeline {
    fn of(task: &Task, changes: Option<&Vec<&StatusChange>>) -> Timeline {
        let changes = changes.map_or(&[][..], Vec::as_slice);
        let mut events: Vec<(i64, TaskStatus)> = Vec::with_capacity(changes.len());
        let mut initial = Some(task.status);
        for change in changes {
            let Some(day) = days_of(&change.date) else { continue };
            if events.is_empty() {
                initial = change.from;
            }
            let day = events.last().map_or(day, |&(before, _)| day.max(before));
            events.push((day, change.to));
        }
        Timeline { initial, events }
    }

    /// Its status at the end of `day`.
    fn status_on(&self, day: i64) -> Option<TaskStatus> {
        match self.events.iter().rev().find(|(at, _)| *at <= day) {
            Some(&(_, status)) => Some(status),
            None => self.initial,
        }
    }
}

/// The first day `task`'s passing evidence verifies it: the earliest date
/// of its passing evidence (after its latest failure, when one failed).
/// `None` when a passing piece is undated: it cannot be placed in time, so
/// it verifies the task from the day it was done.
fn verified_from(task: &Task, evidence: &[Evidence]) -> Option<i64> {
    let linked: Vec<&Evidence> =
        task.evidence.iter().filter_map(|path| evidence_at(evidence, path)).collect();
    let date = |e: &Evidence| e.date.as_deref().and_then(days_of);
    let latest_failure =
        linked.iter().filter(|e| e.outcome == Outcome::Fail).filter_map(|e| date(e)).max();
    let mut from: Option<i64> = None;
    for item in linked.iter().filter(|e| e.outcome == Outcome::Pass) {
        match (date(item), latest_failure) {
            (Some(day), Some(failed)) if day <= failed => {}
            (Some(day), _) => from = Some(from.map_or(day, |f| f.min(day))),
            (None, Some(_)) => {}
            (None, None) => return None,
        }
    }
    from
}

/// A day's counts, for the page's table.
#[derive(Debug, Serialize)]
pub struct PointView {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Tasks counted.
    pub scope: usize,
    /// Tasks done.
    pub done: usize,
    /// Tasks verified.
    pub verified: usize,
    /// The estimates of the tasks done (`2h 30m`).
    pub estimate_done: String,
}

impl PointView {
    fn of(point: &Point) -> PointView {
        PointView {
            date: format_days(point.day),
            scope: point.scope,
            done: point.done,
            verified: point.verified,
            estimate_done: format_minutes(u32::try_from(point.estimate_done).unwrap_or(u32::MAX)),
        }
    }
}

/// A burn-up as a page shows it: the drawing, its caption, and the counts
/// of each day they changed, as a table for screen readers.
#[derive(Debug, Serialize)]
pub struct BurnupView {
    /// The chart, an inline SVG.
    pub svg: String,
    /// The first day, `YYYY-MM-DD`.
    pub from: String,
    /// The last day, `YYYY-MM-DD`.
    pub to: String,
    /// The last day's counts.
    pub latest: PointView,
    /// The first point, each point whose counts differ from the one
    /// before, and the last.
    pub rows: Vec<PointView>,
    /// What the chart shows, in a sentence.
    pub caption: String,
    /// The estimated work done against the total, in a sentence, when any
    /// task counted has an estimate.
    pub estimate: Option<String>,
}

impl BurnupView {
    /// The view of a series.
    pub fn of(series: &Series) -> BurnupView {
        let points = &series.points;
        let (first, last) = (points[0], points[points.len() - 1]);
        let (from, to) = (format_days(first.day), format_days(last.day));
        let every = match series.step {
            1 => "each day".to_string(),
            7 => "each week".to_string(),
            n => format!("every {} weeks", n / 7),
        };
        let caption = format!(
            "Tasks counted (dashed), done, and verified by evidence at the end of {every}, \
             from the first status change in git ({from}) to {to}. A task counts as verified \
             from the later of the day it was done and the date of its passing evidence."
        );
        let sentence = |p: &Point| {
            let tasks = if p.scope == 1 { "task" } else { "tasks" };
            format!("{} {tasks} counted, {} done, {} verified", p.scope, p.done, p.verified)
        };
        let desc = if first.day == last.day {
            format!("On {to}: {}.", sentence(&last))
        } else {
            format!("On {from}: {}. On {to}: {}.", sentence(&first), sentence(&last))
        };
        let title = format!("Progress over time, {from} to {to}");
        let svg = crate::render::svg::burnup(points, series.step, &title, &desc);
        let mut rows: Vec<PointView> = Vec::new();
        let mut before: Option<&Point> = None;
        for (idx, point) in points.iter().enumerate() {
            let same = before.is_some_and(|b| {
                (b.scope, b.done, b.verified, b.estimate_done)
                    == (point.scope, point.done, point.verified, point.estimate_done)
            });
            if !same || idx == points.len() - 1 {
                rows.push(PointView::of(point));
            }
            before = Some(point);
        }
        BurnupView {
            svg,
            latest: PointView::of(&last),
            rows,
            caption,
            estimate: estimate_sentence(series),
            from,
            to,
        }
    }
}

/// "Estimated work done: 2h of 5h (40%) after 4 days; 1 of 4 tasks has no
/// estimate.", when any task counted has an estimate.
fn estimate_sentence(series: &Series) -> Option<String> {
    if series.n_estimated == 0 || series.estimate_total == 0 {
        return None;
    }
    let (first, last) = (series.points[0], series.points[series.points.len() - 1]);
    let hours = |minutes: u64| format_minutes(u32::try_from(minutes).unwrap_or(u32::MAX));
    let percent = last.estimate_done * 100 / series.estimate_total;
    let days = last.day - first.day;
    let after = match days {
        0 => "on the first day".to_string(),
        1 => "after 1 day".to_string(),
        n => format!("after {n} days"),
    };
    let missing = last.scope - series.n_estimated;
    let unestimated = match missing {
        0 => String::new(),
        1 => format!("; 1 of {} tasks has no estimate", last.scope),
        n => format!("; {n} of {} tasks have no estimate", last.scope),
    };
    Some(format!(
        "Estimated work done: {} of {} ({percent}%) {after}{unestimated}.",
        hours(last.estimate_done),
        hours(series.estimate_total),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EvidenceFormat, EvidenceKind, Source, TaskForm};
    use TaskStatus::{Done, InProgress, Open, Skipped};

    fn task(id: &str, status: TaskStatus, verification: Verification, evidence: &[&str]) -> Task {
        let source = Source { path: "plan.md".into(), line: 1 };
        let mut task = Task::new(id.into(), id.into(), status, source, TaskForm::TableRow);
        task.verification = verification;
        task.evidence = evidence.iter().map(|p| p.to_string()).collect();
        task
    }

    fn change(task: &str, date: &str, from: Option<TaskStatus>, to: TaskStatus) -> StatusChange {
        StatusChange {
            task: task.into(),
            date: date.into(),
            from,
            to,
            commit: "0".repeat(40),
            author: "A".into(),
            path: "plan.md".into(),
        }
    }

    fn evidence(path: &str, date: Option<&str>, outcome: Outcome) -> Evidence {
        Evidence {
            path: path.into(),
            kind: EvidenceKind::Test,
            format: EvidenceFormat::PlainTests,
            date: date.map(str::to_string),
            outcome,
            passed: None,
            failed: None,
            skipped: None,
            coverage_percent: None,
            runs: Vec::new(),
            note: None,
            tasks: Vec::new(),
            referenced_by: Vec::new(),
            failure_lines: Vec::new(),
            scores: Vec::new(),
            url: String::new(),
        }
    }

    /// The series of `tasks` as (date, scope, done, verified) rows.
    fn rows(
        tasks: &[Task],
        changes: &[StatusChange],
        evidence: &[Evidence],
        as_of: Option<&str>,
    ) -> Vec<(String, usize, usize, usize)> {
        let series = series_of(tasks, changes, evidence, as_of).expect("a series");
        series.points.iter().map(|p| (format_days(p.day), p.scope, p.done, p.verified)).collect()
    }

    fn series_of(
        tasks: &[Task],
        changes: &[StatusChange],
        evidence: &[Evidence],
        as_of: Option<&str>,
    ) -> Option<Series> {
        let mut history: HashMap<&str, Vec<&StatusChange>> = HashMap::new();
        for change in changes {
            history.entry(change.task.as_str()).or_default().push(change);
        }
        let mut evidence = evidence.to_vec();
        evidence.sort_by(|a, b| a.path.cmp(&b.path));
        let tasks: Vec<&Task> = tasks.iter().collect();
        series(&tasks, &history, &evidence, as_of)
    }

    fn row(
        date: &str,
        scope: usize,
        done: usize,
        verified: usize,
    ) -> (String, usize, usize, usize) {
        (date.to_string(), scope, done, verified)
    }

    // The case of issue 13: three tasks added on day 1, T-1 done on day 2,
    // T-2 done on day 3 with a passing log of day 3, T-3 added on day 3,
    // T-1 reopened on day 4; the portal speaks for day 5.
    #[test]
    fn replays_added_done_and_reopened_tasks_day_by_day() {
        let tasks = [
            task("T-1", Open, Verification::Pending, &[]),
            task("T-2", Done, Verification::Verified, &["tests/run.txt"]),
            task("T-3", Open, Verification::Pending, &[]),
            task("T-4", Open, Verification::Pending, &[]),
        ];
        let changes = [
            change("T-1", "2026-03-01", None, Open),
            change("T-2", "2026-03-01", None, Open),
            change("T-4", "2026-03-01", None, Open),
            change("T-1", "2026-03-02", Some(Open), Done),
            change("T-2", "2026-03-03", Some(Open), Done),
            change("T-3", "2026-03-03", None, Open),
            change("T-1", "2026-03-04", Some(Done), Open),
        ];
        let evidence = [evidence("tests/run.txt", Some("2026-03-03"), Outcome::Pass)];
        assert_eq!(
            rows(&tasks, &changes, &evidence, Some("2026-03-05")),
            [
                row("2026-03-01", 3, 0, 0),
                row("2026-03-02", 3, 1, 0),
                row("2026-03-03", 4, 2, 1),
                row("2026-03-04", 4, 1, 1),
                row("2026-03-05", 4, 1, 1),
            ]
        );
    }

    // Evidence dated after the day a task was done verifies it only from
    // its own date; undated evidence from the day the task was done.
    #[test]
    fn evidence_dated_later_does_not_verify_the_past() {
        let tasks = [
            task("T-1", Done, Verification::Verified, &["late.txt"]),
            task("T-2", Done, Verification::Verified, &["undated.txt"]),
            task("T-3", Done, Verification::Verified, &["early.txt"]),
        ];
        let changes = [
            change("T-1", "2026-03-01", None, Open),
            change("T-2", "2026-03-01", None, Open),
            change("T-3", "2026-03-01", None, Open),
            change("T-1", "2026-03-02", Some(Open), Done),
            change("T-2", "2026-03-02", Some(Open), Done),
            change("T-3", "2026-03-03", Some(Open), Done),
        ];
        let evidence = [
            evidence("late.txt", Some("2026-03-04"), Outcome::Pass),
            evidence("undated.txt", None, Outcome::Pass),
            evidence("early.txt", Some("2026-02-01"), Outcome::Pass),
        ];
        assert_eq!(
            rows(&tasks, &changes, &evidence, Some("2026-03-04")),
            [
                row("2026-03-01", 3, 0, 0),
                row("2026-03-02", 3, 2, 1),
                row("2026-03-03", 3, 3, 2),
                row("2026-03-04", 3, 3, 3),
            ]
        );
    }

    // A passing rerun verifies from its own date, not from an earlier pass
    // that a failure came after.
    #[test]
    fn a_passing_rerun_verifies_from_its_date() {
        let tasks = [task("T-1", Done, Verification::Verified, &["a.txt", "b.txt", "c.txt"])];
        let changes = [change("T-1", "2026-03-01", None, Done)];
        let evidence = [
            evidence("a.txt", Some("2026-03-01"), Outcome::Pass),
            evidence("b.txt", Some("2026-03-02"), Outcome::Fail),
            evidence("c.txt", Some("2026-03-03"), Outcome::Pass),
        ];
        assert_eq!(
            rows(&tasks, &changes, &evidence, Some("2026-03-03")),
            [row("2026-03-01", 1, 1, 0), row("2026-03-02", 1, 1, 0), row("2026-03-03", 1, 1, 1)]
        );
    }

    // A task with no change in the history counts from the first day at its
    // status; one whose history starts with a change (a cut history) at the
    // status it changed from; done work that is not verified now is never
    // verified in the past.
    #[test]
    fn tasks_without_history_count_from_the_first_day() {
        let tasks = [
            task("T-1", Done, Verification::Claimed, &[]),
            task("T-2", Open, Verification::Pending, &[]),
            task("T-3", Done, Verification::Verified, &[]),
        ];
        let changes = [
            change("T-1", "2026-03-02", Some(InProgress), Done),
            change("T-3", "2026-03-03", None, Done),
        ];
        assert_eq!(
            rows(&tasks, &changes, &[], Some("2026-03-03")),
            [row("2026-03-02", 2, 1, 0), row("2026-03-03", 3, 2, 1)]
        );
    }

    // Skipped work leaves the counts as it does the progress bars, on the
    // days it is skipped; a task skipped now with no history never counts.
    #[test]
    fn skipped_tasks_are_left_out_while_skipped() {
        let tasks = [
            task("T-1", Open, Verification::Pending, &[]),
            task("T-2", Skipped, Verification::Pending, &[]),
        ];
        let changes = [
            change("T-1", "2026-03-01", None, Open),
            change("T-1", "2026-03-02", Some(Open), Skipped),
            change("T-1", "2026-03-03", Some(Skipped), Open),
        ];
        assert_eq!(
            rows(&tasks, &changes, &[], None),
            [row("2026-03-01", 1, 0, 0), row("2026-03-02", 0, 0, 0), row("2026-03-03", 1, 0, 0)]
        );
    }

    // The last point is the docs as built, even when the last commit says
    // otherwise (a change not committed yet).
    #[test]
    fn the_last_point_is_the_portals_own_count() {
        let tasks = [task("T-1", Done, Verification::Claimed, &[])];
        let changes = [change("T-1", "2026-03-01", None, Open)];
        assert_eq!(
            rows(&tasks, &changes, &[], Some("2026-03-02")),
            [row("2026-03-01", 1, 0, 0), row("2026-03-02", 1, 1, 0)]
        );
    }

    // A change dated before the one it follows takes effect on that one's
    // day, so the replay ends as the history does.
    #[test]
    fn a_back_dated_change_takes_effect_on_the_day_before_it() {
        let tasks = [task("T-1", Open, Verification::Pending, &[])];
        let changes = [
            change("T-1", "2026-03-01", None, Open),
            change("T-1", "2026-03-03", Some(Open), Done),
            change("T-1", "2026-03-02", Some(Done), Open),
        ];
        assert_eq!(
            rows(&tasks, &changes, &[], None),
            [row("2026-03-01", 1, 0, 0), row("2026-03-02", 1, 0, 0), row("2026-03-03", 1, 0, 0)]
        );
    }

    // No change of any of the tasks: no series, whatever the date.
    #[test]
    fn tasks_without_any_change_have_no_series() {
        let tasks = [task("T-1", Done, Verification::Claimed, &[])];
        let other = [change("T-9", "2026-03-01", None, Open)];
        assert_eq!(series_of(&tasks, &other, &[], Some("2026-03-05")), None);
        assert_eq!(series_of(&tasks, &[], &[], Some("2026-03-05")), None);
    }

    // Past 400 days there is one point a week, and the last day still has
    // its own point.
    #[test]
    fn long_histories_have_a_point_a_week() {
        let tasks = [task("T-1", Done, Verification::Claimed, &[])];
        let changes = [
            change("T-1", "2025-01-01", None, Open),
            change("T-1", "2025-01-10", Some(Open), Done),
        ];
        let long = series_of(&tasks, &changes, &[], Some("2026-03-01")).unwrap();
        assert_eq!(long.step, 7);
        let days = days_of("2026-03-01").unwrap() - days_of("2025-01-01").unwrap();
        assert_eq!(long.points.len(), (days as usize).div_ceil(7) + 1);
        assert_eq!(format_days(long.points[1].day), "2025-01-08");
        assert_eq!((long.points[1].done, long.points[2].done), (0, 1));
        assert_eq!(format_days(long.points.last().unwrap().day), "2026-03-01");
        let short = series_of(&tasks, &changes, &[], Some("2026-02-04")).unwrap();
        assert_eq!((short.step, short.points.len()), (1, 400));
        let longer = series_of(&tasks, &changes, &[], Some("2040-01-01")).unwrap();
        assert_eq!(longer.step, 14);
        assert!(longer.points.len() <= MAX_POINTS + 1, "{}", longer.points.len());
    }

    // Estimates of done work add up day by day against the total, said in
    // a sentence; with no estimate there is none.
    #[test]
    fn estimates_of_done_work_add_up() {
        let mut tasks = [
            task("T-1", Done, Verification::Claimed, &[]),
            task("T-2", Done, Verification::Claimed, &[]),
            task("T-3", Open, Verification::Pending, &[]),
        ];
        let changes = [
            change("T-1", "2026-03-01", None, Open),
            change("T-2", "2026-03-01", None, Open),
            change("T-3", "2026-03-01", None, Open),
            change("T-1", "2026-03-02", Some(Open), Done),
            change("T-2", "2026-03-04", Some(Open), Done),
        ];
        assert_eq!(estimate_sentence(&series_of(&tasks, &changes, &[], None).unwrap()), None);
        tasks[0].estimate_minutes = Some(120);
        tasks[1].estimate_minutes = Some(60);
        tasks[2].estimate_minutes = None;
        let series = series_of(&tasks, &changes, &[], None).unwrap();
        let done: Vec<u64> = series.points.iter().map(|p| p.estimate_done).collect();
        assert_eq!(done, [0, 120, 120, 180]);
        assert_eq!((series.estimate_total, series.n_estimated), (180, 2));
        assert_eq!(
            estimate_sentence(&series).as_deref(),
            Some(
                "Estimated work done: 3h of 3h (100%) after 3 days; 1 of 3 tasks has no estimate."
            )
        );
    }

    // The page's table lists the first day, each day a count changed, and
    // the last; the drawing states the first and last counts in words.
    #[test]
    fn the_view_lists_the_days_a_count_changed() {
        let tasks = [task("T-1", Done, Verification::Claimed, &[])];
        let changes = [
            change("T-1", "2026-03-01", None, Open),
            change("T-1", "2026-03-03", Some(Open), Done),
        ];
        let series = series_of(&tasks, &changes, &[], Some("2026-03-06")).unwrap();
        let view = BurnupView::of(&series);
        let dates: Vec<&str> = view.rows.iter().map(|r| r.date.as_str()).collect();
        assert_eq!(dates, ["2026-03-01", "2026-03-03", "2026-03-06"]);
        assert_eq!((view.latest.scope, view.latest.done, view.latest.verified), (1, 1, 0));
        assert!(
            view.svg.contains(
                "<desc id=\"burnup-desc\">On 2026-03-01: 1 task counted, 0 done, 0 verified. \
             On 2026-03-06: 1 task counted, 1 done, 0 verified.</desc>"
            ),
            "{}",
            view.svg
        );
        assert_eq!(view.estimate, None);
        // The same series draws the same bytes.
        assert_eq!(view.svg, BurnupView::of(&series).svg);
    }
}
