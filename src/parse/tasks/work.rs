//! The reader's part for lists of work: the items of a list under `##
//! Next Steps` or `**Action items:**` (the groups among them, and the
//! numbered or emoji-led paragraphs that stand for items), status bullets
//! with short ids, and the detail lines under a task (`Owner: @ana`,
//! `Estimate: 30 min`, `Status: done`).
//!
//! Which section is a list of work is `scope`'s call and the shape of one
//! line `shapes`'s; the task sections the items sit in are kept in `forms`.

use crate::diagnostics::Diagnostic;
use crate::model::{TaskForm, TaskStatus};
use crate::parse::task_text::{is_none_word, split_estimate, title_without_status};
use crate::parse::tasks::forms::{ItemTask, LINE_LEVEL, Lead};
use crate::parse::tasks::items::{self, Detail};
use crate::parse::tasks::labels;
use crate::parse::tasks::shapes::{line_status, numbered};
use crate::parse::tasks::{Reader, scope};

impl Reader<'_> {
    /// A numbered item of a work list written as a paragraph: `**1. TipTap
    /// mocking** (1 hour)`, whose bullets below are its details.
    pub(super) fn numbered_item(&mut self, first: &str, line: usize) {
        while self.forms.leads.last().is_some_and(|lead| lead.level == LINE_LEVEL) {
            self.pop_lead();
        }
        let idx = self.push_work(first, line, None);
        let stated = line_status(first).is_some();
        self.open_lead(Lead { numbered: true, ..Lead::heading(idx, LINE_LEVEL, stated) });
    }

    /// Adds an item of a work list as a task; returns its index.
    pub(super) fn push_work(&mut self, text: &str, line: usize, last_line: Option<usize>) -> usize {
        let text = numbered(text).unwrap_or(text);
        let status = line_status(text).or(self.forms.work.status()).unwrap_or(TaskStatus::Open);
        let (work, estimate) = split_estimate(text);
        let title = title_without_status(&work);
        let title = title.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '`');
        let id = self.synthesize(text);
        let mut task = self.task(id, title.trim_end_matches(':'), status, line, TaskForm::WorkItem);
        task.estimate_minutes = estimate;
        task.source_end = last_line.unwrap_or(line);
        task.parent = self
            .parents
            .last()
            .map(|(_, parent)| parent.clone())
            .or(self.lead_parent())
            .map(Into::into);
        self.push(task);
        self.found.tasks.len() - 1
    }

    /// A plain list item that neither checks a box nor names an id with a
    /// status: a labelled line, a status bullet with a short id, an item of
    /// a work list, or a detail line of the task above.
    pub(super) fn plain_item(&mut self, depth: usize, text: &str, lines: (usize, usize)) {
        let nested = self.forms.last_item.as_ref().is_some_and(|item| item.depth < depth);
        if self.forms.group_depth.is_some_and(|group| group >= depth) {
            self.forms.group_depth = None;
        }
        let in_work = self.forms.work.active() && !self.in_work_lead();
        // `1. **Immediate** (this week):` groups the items nested under it.
        let work_depth = self.forms.group_depth.map_or(1, |group| group + 1);
        if in_work && depth == 1 && text.trim_end().ends_with(':') && scope::names_grouping(text) {
            self.forms.group_depth = Some(depth);
            return;
        }
        let idx = if let Some(labelled) =
            labels::labelled(text).filter(|l| self.labels_work(l, Some(depth)))
        {
            let form = if self.forms.work.active() { TaskForm::WorkItem } else { TaskForm::Bullet };
            let idx = self.push_labelled(labelled, lines.0, form);
            Some((idx, self.found.tasks[idx].status != TaskStatus::Open))
        } else if let Some(bullet) = items::status_bullet(text) {
            Some((self.push_status_bullet(bullet, lines.0), true))
        } else if in_work && depth == work_depth && self.new_work(text) {
            let idx = self.push_work(text, lines.0, Some(lines.1));
            Some((idx, line_status(text).is_some()))
        } else {
            None
        };
        let Some((idx, stated)) = idx else {
            let target = if nested {
                self.forms.last_item.map(|item| (item.task, item.stated))
            } else {
                None
            };
            self.detail(text, lines.0, target);
            return;
        };
        self.found.tasks[idx].source_end = lines.1;
        self.parents.push((depth, self.found.tasks[idx].id.clone()));
        self.forms.last_item = Some(ItemTask { task: idx, depth, stated });
    }

    /// Whether an item of a work list is new work: work (not a question, a
    /// reference or a detail line), and naming no task id: `Invoice editor
    /// (T-011)` under `Next steps` is T-011 mentioned again, not a new task.
    pub(super) fn new_work(&self, text: &str) -> bool {
        items::is_work_item(text) && self.ids.find_all(text).is_empty()
    }

    /// Adds a status bullet with a short id or a bracketed status; returns
    /// its index.
    pub(super) fn push_status_bullet(&mut self, bullet: items::StatusBullet, line: usize) -> usize {
        let id = match &bullet.id {
            Some(id) => id.clone(),
            None => self.synthesize(&bullet.title),
        };
        let in_lead = if bullet.id.is_none() { self.lead_parent() } else { None };
        let mut task = self.task(id, &bullet.title, bullet.status, line, TaskForm::Bullet);
        task.parent =
            self.parents.last().map(|(_, parent)| parent.clone()).or(in_lead).map(Into::into);
        self.push(task);
        self.found.tasks.len() - 1
    }

    /// Reads the lines of a paragraph from `skip` on as detail lines of the
    /// innermost task section.
    pub(super) fn detail_lines(&mut self, text: &str, line: usize, skip: usize) {
        let target = self.forms.leads.last().map(|lead| (lead.task, lead.stated));
        for (offset, detail_line) in crate::text::lines(text).enumerate().skip(skip) {
            self.detail(detail_line, line + offset, target);
        }
    }

    /// Applies a detail line (`Owner: @ana`, `Estimate: 30 min`, `Status:
    /// done`) to `target` (or the innermost task section): the owner, an
    /// estimate the task has not got, a status its line did not state.
    /// Values that cannot be read are reported.
    pub(super) fn detail(&mut self, text: &str, line: usize, target: Option<(usize, bool)>) {
        let target =
            target.or_else(|| self.forms.leads.last().map(|lead| (lead.task, lead.stated)));
        let Some((idx, stated)) = target else { return };
        let Some(detail) = items::detail(text) else { return };
        let title = self.found.tasks[idx].title.clone();
        let task = &mut self.found.tasks[idx];
        match detail {
            Detail::Owner(owner) => task.owner = Some(owner.into()),
            Detail::Estimate(_, Some(minutes)) => {
                task.estimate_minutes.get_or_insert(minutes);
            }
            Detail::Status(_, Some(status)) if !stated => task.status = status,
            Detail::Estimate(value, None) if value.contains(|c: char| c.is_ascii_digit()) => {
                self.found.diagnostics.push(
                    Diagnostic::warning(
                        "A151",
                        self.doc.path,
                        line,
                        format!("cannot read estimate `{value}` of `{title}`; left empty"),
                    )
                    .with_help("write it as `30 min`, `2h`, `1-2 days` or `1 week`"),
                );
            }
            Detail::Status(value, None)
                if !stated && !is_none_word(&value) && value.split_whitespace().count() <= 3 =>
            {
                self.found.diagnostics.push(
                    Diagnostic::warning(
                        "A152",
                        self.doc.path,
                        line,
                        format!("unknown status `{value}` of `{title}`; read as open"),
                    )
                    .with_help("use done, in progress, open, blocked or skipped"),
                );
            }
            _ => {}
        }
    }
}
