//! Views of tasks for the templates: links, rows, and progress bars.
//!
//! A task is shown as a `TaskLink` in lists and on the board, as a `TaskView`
//! in tables and on its own page, and counted into `Progress` for the bars
//! of the dashboard, the tracker, plans and phases. The names and labels of
//! statuses and verification states that these views carry are made here.

use serde::Serialize;

use crate::model::{Document, Task, TaskScope, TaskStatus, Verification, href, task_anchor};
use crate::render::context::DocView;

/// A link to a task, with what a list shows of it.
#[derive(Debug, Serialize)]
pub struct TaskLink<'a> {
    /// The id.
    pub id: &'a str,
    /// The title.
    pub title: &'a str,
    /// done, in_progress, open, blocked or skipped.
    pub status: &'static str,
    /// The status as a person reads it.
    pub status_label: &'static str,
    /// verified, claimed, contradicted or pending.
    pub verification: &'static str,
    /// Why the verification is what it is, in a sentence.
    pub verdict_note: Option<&'a str>,
    /// Page URL, encoded for an `href`: the task's own page, or the anchor
    /// of its row on its document's page when its id is not its author's.
    pub url: String,
    /// Whether its id is the author's own (else it is made up, and lists
    /// show the title alone).
    pub named: bool,
    /// The HTML id of its row on its document's page: `task-<slug of id>`.
    pub anchor: String,
}

impl<'a> TaskLink<'a> {
    /// The link to one task.
    pub fn of(task: &'a Task) -> TaskLink<'a> {
        TaskLink {
            id: &task.id,
            title: &task.title,
            status: status_name(task.status),
            status_label: status_label(task.status),
            verification: verification_name(task.verification),
            verdict_note: task.verdict_note.as_deref(),
            url: href(&task.url),
            named: task.named,
            anchor: task_anchor(&task.id),
        }
    }
}

/// A task in a table row or on its own page.
#[derive(Debug, Serialize)]
pub struct TaskView<'a> {
    /// The id.
    pub id: &'a str,
    /// The title.
    pub title: &'a str,
    /// done, in_progress, open, blocked or skipped.
    pub status: &'static str,
    /// The status as a person reads it.
    pub status_label: &'static str,
    /// verified, claimed, contradicted or pending.
    pub verification: &'static str,
    /// The defining document.
    pub plan: Option<DocView<'a>>,
    /// The phase.
    pub phase: Option<&'a str>,
    /// The track.
    pub track: Option<&'a str>,
    /// The owner.
    pub owner: Option<&'a str>,
    /// The stated condition for done.
    pub done_when: Option<&'a str>,
    /// The estimate, as `2h 30m`.
    pub estimate: Option<String>,
    /// The estimate in minutes, to sort by.
    pub estimate_minutes: Option<u32>,
    /// Why the verification is what it is.
    pub verdict_note: Option<&'a str>,
    /// Where it is defined, as `path:line`.
    pub source: String,
    /// Page URL, encoded for an `href`.
    pub url: String,
    /// Why the headline does not count it (`subtask of T-001`, `archived`),
    /// or None when it does.
    pub not_counted: Option<String>,
    /// Whether its id is the author's own (else it is made up, and lists
    /// show the title alone).
    pub named: bool,
    /// The HTML id of its row on its document's page: `task-<slug of id>`.
    pub anchor: String,
}

impl<'a> TaskView<'a> {
    /// The view of one task; `plan` is its defining document, if known.
    pub fn of(task: &'a Task, plan: Option<&'a Document>) -> TaskView<'a> {
        TaskView {
            id: &task.id,
            title: &task.title,
            status: status_name(task.status),
            status_label: status_label(task.status),
            verification: verification_name(task.verification),
            plan: plan.map(DocView::of),
            phase: task.phase.as_deref(),
            track: task.track.as_deref(),
            owner: task.owner.as_deref(),
            done_when: task.done_when.as_deref(),
            estimate: task.estimate_minutes.map(format_minutes),
            estimate_minutes: task.estimate_minutes,
            verdict_note: task.verdict_note.as_deref(),
            source: format!("{}:{}", task.source.path, task.source.line),
            url: href(&task.url),
            not_counted: not_counted(task),
            named: task.named,
            anchor: task_anchor(&task.id),
        }
    }
}

/// Why the headline leaves a task out, in a few words.
fn not_counted(task: &Task) -> Option<String> {
    match task.scope {
        TaskScope::Headline => None,
        TaskScope::Subtask => Some(match &task.parent {
            Some(parent) => format!("subtask of {parent}"),
            None => "subtask".to_string(),
        }),
        TaskScope::Session => Some("session to-do".to_string()),
        TaskScope::Page => Some("checklist of a page".to_string()),
        TaskScope::Archived => Some("archived".to_string()),
    }
}

/// Done out of total, for a progress bar, with how much of done is verified.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Progress {
    /// Tasks done.
    pub done: usize,
    /// Tasks done and verified by passing evidence.
    pub verified: usize,
    /// Tasks done with no evidence to back them.
    pub claimed: usize,
    /// Tasks done that the evidence contradicts.
    pub contradicted: usize,
    /// Tasks in progress.
    pub in_progress: usize,
    /// Tasks blocked.
    pub blocked: usize,
    /// Tasks open.
    pub open: usize,
    /// Tasks set aside (skipped, deferred, cancelled): shown, but not part
    /// of `total`, so a plan whose other work is done reaches 100 %.
    pub skipped: usize,
    /// All tasks but the skipped ones.
    pub total: usize,
    /// Done as a whole percentage of total (0 when there are none).
    pub percent: u32,
    /// Percent widths of the bar's segments: verified, claimed,
    /// contradicted, in progress, blocked (open is the rest).
    pub bar: BarWidths,
}

/// The widths of a progress bar's segments, in whole percent of all tasks.
///
/// Pages carry no inline styles (the Content-Security-Policy forbids them),
/// so a segment's width is a class `w-N` of the stylesheet
/// ([`crate::render::assets::width_classes`]), and widths are whole numbers.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct BarWidths {
    /// Done and verified.
    pub verified: u32,
    /// Done, claimed.
    pub claimed: u32,
    /// Done, contradicted.
    pub contradicted: u32,
    /// In progress.
    pub in_progress: u32,
    /// Blocked.
    pub blocked: u32,
}

impl BarWidths {
    /// Whole-percent widths of the segments, with open work the rest of the
    /// bar. The widths add up to what the counts add up to (largest
    /// remainders get the rounding), and a segment that counts any task is
    /// at least 1 % wide, so no contradicted or blocked task disappears from
    /// the bar; the room comes from the widest segment.
    fn of(counts: [usize; 5], total: usize) -> BarWidths {
        if total == 0 {
            return BarWidths::default();
        }
        let open = total.saturating_sub(counts.iter().sum());
        let all = [counts[0], counts[1], counts[2], counts[3], counts[4], open];
        let mut widths = all.map(|n| (n * 100 / total) as u32);
        let mut order: Vec<usize> = (0..all.len()).collect();
        // Largest remainder first; ties go to the earlier segment so the
        // result never depends on anything but the counts.
        order.sort_by_key(|&idx| (std::cmp::Reverse(all[idx] * 100 % total), idx));
        let short = 100u32.saturating_sub(widths.iter().sum());
        for &idx in order.iter().take(short as usize) {
            widths[idx] += 1;
        }
        for idx in 0..all.len() {
            if all[idx] > 0 && widths[idx] == 0 {
                let widest = (0..all.len()).max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
                if let Some(widest) = widest.filter(|&i| widths[i] > 1) {
                    widths[widest] -= 1;
                    widths[idx] = 1;
                }
            }
        }
        let [verified, claimed, contradicted, in_progress, blocked, _open] = widths;
        BarWidths { verified, claimed, contradicted, in_progress, blocked }
    }
}

impl Progress {
    /// The progress of some tasks.
    pub fn of<'t>(tasks: impl IntoIterator<Item = &'t Task>) -> Progress {
        let mut progress = Progress::default();
        for task in tasks {
            if task.status == TaskStatus::Skipped {
                progress.skipped += 1;
                continue;
            }
            match task.status {
                TaskStatus::Done => progress.done += 1,
                TaskStatus::InProgress => progress.in_progress += 1,
                TaskStatus::Blocked => progress.blocked += 1,
                TaskStatus::Open => progress.open += 1,
                TaskStatus::Skipped => {}
            }
            match task.verification {
                Verification::Verified => progress.verified += 1,
                Verification::Claimed => progress.claimed += 1,
                Verification::Contradicted => progress.contradicted += 1,
                Verification::Pending => {}
            }
        }
        progress.totalled()
    }

    /// The progress of tasks known only by their counts (`attestor merge`
    /// reads them from each portal's status.json): `done`, `verified`,
    /// `claimed`, `contradicted`, `in_progress`, `blocked`, `open` and
    /// `skipped` set, `total`, `percent` and `bar` worked out from them.
    pub fn totalled(mut self) -> Progress {
        self.total = self.done + self.in_progress + self.blocked + self.open;
        self.percent = (self.done * 100).checked_div(self.total).unwrap_or(0) as u32;
        self.bar = BarWidths::of(
            [self.verified, self.claimed, self.contradicted, self.in_progress, self.blocked],
            self.total,
        );
        self
    }
}

/// Progress of the tasks that share a track or an owner.
#[derive(Debug, Serialize)]
pub struct GroupProgress<'a> {
    /// The track or owner.
    pub name: &'a str,
    /// Its progress.
    pub progress: Progress,
}

/// Progress grouped by a task field (track, owner), sorted by name; tasks
/// without one are left out.
pub fn progress_by<'a>(
    tasks: &[&'a Task],
    key: impl Fn(&'a Task) -> Option<&'a str>,
) -> Vec<GroupProgress<'a>> {
    let mut groups: std::collections::BTreeMap<&str, Vec<&Task>> =
        std::collections::BTreeMap::new();
    for task in tasks {
        if let Some(name) = key(task) {
            groups.entry(name).or_default().push(task);
        }
    }
    groups
        .into_iter()
        .map(|(name, tasks)| GroupProgress { name, progress: Progress::of(tasks) })
        .collect()
}

/// A plan with its progress and its phases' progress.
#[derive(Debug, Serialize)]
pub struct PlanView<'a> {
    /// The plan's document.
    pub doc: DocView<'a>,
    /// Its progress.
    pub progress: Progress,
    /// Its phases, each with progress.
    pub phases: Vec<PhaseView<'a>>,
}

/// A phase with its progress.
#[derive(Debug, Serialize)]
pub struct PhaseView<'a> {
    /// The phase's title.
    pub title: &'a str,
    /// Its progress.
    pub progress: Progress,
}

/// The snake_case name of a status.
pub fn status_name(status: TaskStatus) -> &'static str {
    match status {
        TaskStatus::Done => "done",
        TaskStatus::InProgress => "in_progress",
        TaskStatus::Open => "open",
        TaskStatus::Blocked => "blocked",
        TaskStatus::Skipped => "skipped",
    }
}

/// A status as a person reads it.
pub fn status_label(status: TaskStatus) -> &'static str {
    match status {
        TaskStatus::Done => "Done",
        TaskStatus::InProgress => "In progress",
        TaskStatus::Open => "Open",
        TaskStatus::Blocked => "Blocked",
        TaskStatus::Skipped => "Skipped",
    }
}

/// The snake_case name of a verification state.
pub fn verification_name(verification: Verification) -> &'static str {
    match verification {
        Verification::Verified => "verified",
        Verification::Claimed => "claimed",
        Verification::Contradicted => "contradicted",
        Verification::Pending => "pending",
    }
}

/// Minutes as a person writes them: `45m`, `2h`, `2h 30m`, `3d` (8h days).
pub fn format_minutes(minutes: u32) -> String {
    let (days, rest) = (minutes / 480, minutes % 480);
    let (hours, mins) = (rest / 60, rest % 60);
    let parts: Vec<String> = [(days, "d"), (hours, "h"), (mins, "m")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect();
    if parts.is_empty() { "0m".to_string() } else { parts.join(" ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(counts: [usize; 5], total: usize) -> [u32; 5] {
        let bar = BarWidths::of(counts, total);
        [bar.verified, bar.claimed, bar.contradicted, bar.in_progress, bar.blocked]
    }

    #[test]
    fn bar_widths_are_whole_percents_that_add_up() {
        // 15, 19, 1, 8, 4 of 73 tasks; 26 open.
        assert_eq!(widths([15, 19, 1, 8, 4], 73), [21, 26, 1, 11, 5]);
        assert_eq!(widths([1, 1, 1, 0, 0], 3), [34, 33, 33, 0, 0]);
        assert_eq!(widths([0, 0, 0, 0, 0], 0), [0, 0, 0, 0, 0]);
        assert_eq!(widths([4, 0, 0, 0, 0], 4), [100, 0, 0, 0, 0]);
    }

    #[test]
    fn bar_keeps_a_sliver_for_every_segment_that_counts_a_task() {
        // One blocked task of 500 would round to nothing.
        assert_eq!(widths([499, 0, 0, 0, 1], 500), [99, 0, 0, 0, 1]);
        assert_eq!(widths([0, 0, 1, 0, 1], 1000), [0, 0, 1, 0, 1]);
    }
}
