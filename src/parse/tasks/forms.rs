//! The reader's part for tasks written without a checkbox or a table: lines
//! and headings labelled `Task 1:` / `Step 3:` / `Action 1:` (with their
//! estimates and their items as subtasks), subheadings, numbered lines and
//! labels that stand for one piece of a list of work, and what is never a
//! task: the document's own title. It keeps the task sections the reader is
//! in (the parents of the items below them and the targets of detail
//! lines), and takes out at the end the work items that only group a
//! checklist.
//!
//! Reading one line is left to `labels`, `items`, `shapes` and `scope`; the
//! items of work lists and the detail lines are read in `work`.

use std::collections::HashMap;

use crate::diagnostics::Diagnostic;
use crate::model::{TaskForm, TaskStatus};
use crate::parse::blocks::Block;
use crate::parse::task_text::{clean_title, is_label};
use crate::parse::tasks::labels::{self, LabelKind, Labelled};
use crate::parse::tasks::shapes::{
    is_field, line_status, numbered, set_off, task_like_heading, task_like_label,
};
use crate::parse::tasks::{DocFacts, Reader, scope};

/// What the reader keeps for the forms of this module.
#[derive(Debug)]
pub(super) struct State {
    /// Lists of work around the reader (`## Next Steps`, `**Action items:**`).
    pub(super) work: scope::Scope,
    /// Open tasks whose section the reader is in, innermost last: the
    /// parents of the items below them and the targets of detail lines.
    pub(super) leads: Vec<Lead>,
    /// The last list item read as a task: the target of detail lines nested
    /// under it.
    pub(super) last_item: Option<ItemTask>,
    /// Whether the document's own title (its first H1) has been read.
    pub(super) title_read: bool,
    /// Whether the document describes rather than plans (architecture,
    /// design, reference, specs): its labelled headings are description.
    pub(super) descriptive: bool,
    /// A labelled heading task with no title, and the warning it gets unless
    /// a bold line right under it gives the title.
    pub(super) untitled: Option<(usize, Diagnostic)>,
    /// The last file line of the blocks read so far.
    pub(super) last_line: usize,
    /// The heading level at which a step stated a status: the steps after
    /// it at that level are tracked work.
    pub(super) tracked_steps: Option<u8>,
    /// The depth of a list item that groups the work items nested under it
    /// (`1. **Immediate** (this week):`).
    pub(super) group_depth: Option<usize>,
    /// Work items found to group a checklist, by index, to take out at the end.
    pub(super) groups: Vec<usize>,
    /// The labels of the labelled tasks read (`task 10`), with their index:
    /// a label seen again names the same task.
    pub(super) labels_seen: HashMap<String, usize>,
}

impl State {
    /// The state at the start of a document.
    pub(super) fn of(doc: &DocFacts<'_>) -> State {
        State {
            work: scope::Scope::default(),
            leads: Vec::new(),
            last_item: None,
            title_read: false,
            descriptive: scope::descriptive(doc.path, doc.title),
            untitled: None,
            last_line: 0,
            tracked_steps: None,
            labels_seen: HashMap::new(),
            groups: Vec::new(),
            group_depth: None,
        }
    }
}

/// The level of leads that any heading ends: labelled bold lines and
/// numbered items of a work list.
pub(super) const LINE_LEVEL: u8 = 7;

/// A task whose section the reader is in.
#[derive(Debug, Clone, Copy)]
pub(super) struct Lead {
    /// Index of the task in the document's tasks.
    pub(super) task: usize,
    /// The level of the heading it was written as; a heading at this level
    /// or above ends it. [`LINE_LEVEL`] for lines.
    pub(super) level: u8,
    /// Whether it is a numbered item of a work list (`**1. Fix X** (2h)`),
    /// which a bold label ends.
    pub(super) numbered: bool,
    /// Whether it was opened inside a list of work: the plain items under it
    /// are then its details, not more work.
    pub(super) in_work: bool,
    /// Whether its line stated a status; a `Status:` line under it gives one
    /// otherwise.
    pub(super) stated: bool,
    /// The rank of its label (see [`Labelled::rank`]); None when it has
    /// none, and then every labelled task under it is its subtask.
    pub(super) rank: Option<(u8, u8)>,
}

impl Lead {
    /// A heading task: `### T-001: Setup ✅`, `#### Task 2: …`.
    pub(super) fn heading(task: usize, level: u8, stated: bool) -> Lead {
        Lead { task, level, numbered: false, in_work: false, stated, rank: None }
    }
}

/// A list item read as a task, the target of detail lines nested under it.
#[derive(Debug, Clone, Copy)]
pub(super) struct ItemTask {
    /// Index of the task in the document's tasks.
    pub(super) task: usize,
    /// Its list depth.
    pub(super) depth: usize,
    /// Whether it stated its status (a checkbox always does).
    pub(super) stated: bool,
}

impl ItemTask {
    /// An item whose box or words state its status.
    pub(super) fn stated(task: usize, depth: usize) -> ItemTask {
        ItemTask { task, depth, stated: true }
    }
}

/// The last file line of a block.
pub(super) fn block_end(block: &Block) -> usize {
    match block {
        Block::Heading { line, .. } => *line,
        Block::Paragraph { text, line, .. } => line + text.matches('\n').count(),
        Block::Item { last_line, .. } => *last_line,
        Block::Table(table) => table.rows.last().map_or(table.line, |row| row.line),
        Block::Code { text, line } => line + text.matches('\n').count() + 1,
    }
}

impl Reader<'_> {
    /// Forgets the items of the section a heading ends.
    pub(super) fn end_items(&mut self) {
        self.forms.last_item = None;
        self.forms.group_depth = None;
    }

    /// Whether a heading is the document's own title: its first H1.
    pub(super) fn is_title_heading(&mut self, level: u8) -> bool {
        level == 1 && !std::mem::replace(&mut self.forms.title_read, true)
    }

    /// Opens the section of a task: items below are its subtasks.
    pub(super) fn open_lead(&mut self, mut lead: Lead) {
        lead.in_work = self.forms.work.active();
        self.forms.leads.push(lead);
    }

    /// Ends the sections of tasks that a heading at `level` ends.
    pub(super) fn close_leads(&mut self, level: u8) {
        while self.forms.leads.last().is_some_and(|lead| lead.level >= level) {
            self.pop_lead();
        }
    }

    /// Ends the innermost task section, which reaches to the last line read.
    pub(super) fn pop_lead(&mut self) {
        let Some(lead) = self.forms.leads.pop() else { return };
        let task = &mut self.found.tasks[lead.task];
        task.source_end = task.source_end.max(self.forms.last_line);
        // An item of a work list with a checklist of its own groups that
        // checklist (`#### 1. AWS credentials` over `- [ ] Rotate the key`):
        // the checklist items are the tasks.
        let id = &self.found.tasks[lead.task].id;
        let groups = self.found.tasks[lead.task].form == TaskForm::WorkItem
            && self.found.tasks[lead.task + 1..]
                .iter()
                .any(|t| t.form == TaskForm::Checklist && t.parent.as_deref() == Some(id.as_str()));
        if groups {
            self.forms.groups.push(lead.task);
        }
    }

    /// Ends the task sections still open at the end of the document, and
    /// takes out the work items that only group a checklist: their items
    /// take their parent, their phase no longer lists them.
    pub(super) fn drop_groups(&mut self) {
        self.close_leads(0);
        let mut groups = std::mem::take(&mut self.forms.groups);
        groups.sort_unstable();
        groups.dedup();
        for idx in groups.into_iter().rev() {
            let group = self.found.tasks.remove(idx);
            for task in &mut self.found.tasks {
                if task.parent.as_deref() == Some(group.id.as_str()) {
                    task.parent.clone_from(&group.parent);
                }
            }
            for phase in &mut self.found.phases {
                phase.tasks.retain(|id| *id != group.id);
            }
        }
    }

    /// The task the items here are subtasks of.
    pub(super) fn lead_parent(&self) -> Option<String> {
        self.forms.leads.last().map(|lead| self.found.tasks[lead.task].id.clone())
    }

    /// A heading labelled as work: `#### Task 2.1: Page objects (5 hours)`.
    pub(super) fn labelled_heading(&mut self, level: u8, text: &str, line: usize) {
        if self.forms.tracked_steps.is_some_and(|tracked| level < tracked) {
            self.forms.tracked_steps = None;
        }
        let Some(labelled) = labels::labelled(text).filter(|l| self.labels_work(l, None)) else {
            if self.forms.work.inside(level) && task_like_heading(text) {
                let idx = self.push_work(text, line, None);
                let stated = line_status(text).is_some();
                self.open_lead(Lead::heading(idx, level, stated));
            }
            return;
        };
        // Once a step heading states a status, the steps after it at its
        // level are tracked work too (`### Step 3: Beads sync` after `###
        // Step 2: Walk the repository ✓`).
        if labelled.kind == LabelKind::Step && labelled.status.is_some() {
            self.forms.tracked_steps = Some(level);
        }
        let (stated, untitled) = (labelled.status.is_some(), self.new_untitled(&labelled));
        let rank = Some(labelled.rank);
        let idx = self.push_labelled(labelled, line, TaskForm::Heading);
        self.open_lead(Lead { rank, ..Lead::heading(idx, level, stated) });
        if untitled {
            let warning = self.untitled_warning(idx, line);
            self.forms.untitled = Some((idx, warning));
        }
    }

    /// Whether a labelled line is work where it stands. Tasks, actions and
    /// stories are; steps are when they state a status or an estimate or sit
    /// in a list of work. A heading in a document that describes rather
    /// than plans is description unless it states a status.
    ///
    /// `item_depth` is the list depth of an item, None for a heading or a
    /// line. A step in a list is work only as an item of a work list: `- ✅
    /// Step 4: Add a summary` under `Coverage` reports a test step.
    pub(super) fn labels_work(&self, labelled: &Labelled, item_depth: Option<usize>) -> bool {
        let stated = labelled.status.is_some();
        if item_depth.is_none() && self.forms.descriptive && !stated {
            return false;
        }
        match (labelled.kind, item_depth) {
            (LabelKind::Task | LabelKind::Action | LabelKind::Story, _) => true,
            (LabelKind::Step, Some(depth)) => self.forms.work.active() && depth == 1,
            (LabelKind::Step, None) => {
                stated
                    || labelled.estimate.is_some()
                    || self.forms.work.active()
                    || self.forms.tracked_steps.is_some()
            }
        }
    }

    /// Adds a labelled task; returns its index.
    pub(super) fn push_labelled(
        &mut self,
        labelled: Labelled,
        line: usize,
        form: TaskForm,
    ) -> usize {
        if let Some(&seen) = self.forms.labels_seen.get(&labelled.label) {
            // `Task 10` named again (in a summary, a schedule) is the same task.
            return seen;
        }
        let status = labelled.status.or(self.forms.work.status()).unwrap_or(TaskStatus::Open);
        let id = self.synthesize(&labelled.title);
        let mut task = self.task(id, &labelled.title, status, line, form);
        task.estimate_minutes = labelled.estimate;
        // `Step 1` under `Task 1`, `Task 1.2` under `Task 1` are its
        // subtasks; `Task 2` under `Task 1` is not.
        let in_lead = self
            .forms
            .leads
            .last()
            .filter(|lead| lead.rank.is_none_or(|rank| rank < labelled.rank))
            .map(|lead| self.found.tasks[lead.task].id.clone());
        task.parent =
            self.parents.last().map(|(_, parent)| parent.clone()).or(in_lead).map(Into::into);
        self.push(task);
        self.forms.labels_seen.insert(labelled.label, self.found.tasks.len() - 1);
        self.found.tasks.len() - 1
    }

    /// Whether a labelled task gives no title and is not named again.
    pub(super) fn new_untitled(&self, labelled: &Labelled) -> bool {
        labelled.untitled && !self.forms.labels_seen.contains_key(&labelled.label)
    }

    /// A150 for a labelled task that gives no title.
    pub(super) fn untitled_warning(&self, idx: usize, line: usize) -> Diagnostic {
        let label = &self.found.tasks[idx].title;
        Diagnostic::warning(
            "A150",
            self.doc.path,
            line,
            format!("`{label}` has no title; read as a task named `{label}`"),
        )
        .with_help(format!("write what the work is after the label: `{label}: …`"))
    }

    /// Settles the warning of an untitled heading task: a bold line right
    /// under it gives the title, anything else leaves the warning.
    pub(super) fn settle_untitled(&mut self, block: &Block) {
        let Some((idx, warning)) = self.forms.untitled.take() else { return };
        match block {
            Block::Paragraph { text, bold: true, .. } if is_label(text) => {
                let task = &mut self.found.tasks[idx];
                task.title = format!("{}: {}", task.title, clean_title(text)).into();
            }
            _ => self.found.diagnostics.push(warning),
        }
    }

    /// A paragraph: a labelled line (`**Task 1: Update the script (10
    /// minutes)**`), a numbered item of a work list (`**1. Fix the mocks**
    /// (1 hour)`), a label that opens or closes a list of work, or detail
    /// lines of the task above.
    pub(super) fn paragraph(&mut self, text: &str, bold: bool, line: usize) {
        let first = crate::text::lines(text).next().unwrap_or("");
        if let Some(labelled) = labels::labelled(first).filter(|l| self.labels_work(l, None)) {
            // A labelled line ends the line above unless it is part of it
            // (`**Step 1: …**` under `**Task 1: …**`).
            while self.forms.leads.last().is_some_and(|lead| {
                lead.level == LINE_LEVEL && lead.rank.is_none_or(|rank| rank >= labelled.rank)
            }) {
                self.pop_lead();
            }
            if labelled.kind == LabelKind::Step && labelled.status.is_some() {
                self.forms.tracked_steps.get_or_insert(LINE_LEVEL);
            }
            let (stated, untitled) = (labelled.status.is_some(), self.new_untitled(&labelled));
            let rank = Some(labelled.rank);
            let idx = self.push_labelled(labelled, line, TaskForm::Bullet);
            self.open_lead(Lead { rank, ..Lead::heading(idx, LINE_LEVEL, stated) });
            if untitled {
                let warning = self.untitled_warning(idx, line);
                self.found.diagnostics.push(warning);
            }
        } else if self.forms.work.active() && numbered(first).is_some() && self.new_work(first) {
            self.numbered_item(first, line);
        } else if (bold || text.trim_end().ends_with(':')) && is_label(text) {
            return self.label(text, line);
        } else if self.forms.work.active()
            && !self.in_work_lead()
            && !text.contains('\n')
            && set_off(first)
            && self.new_work(first)
        {
            self.numbered_item(first, line);
        } else {
            if is_field(first) {
                // `**Confidence**: 80%` ends the list a label opened.
                self.forms.work.end_label();
            }
            return self.detail_lines(text, line, 0);
        }
        self.detail_lines(text, line, 1);
    }

    /// A bold label: it opens or closes a list of work, ends the numbered
    /// item above, and in a work list may name a piece of work itself.
    pub(super) fn label(&mut self, text: &str, line: usize) {
        while self.forms.leads.last().is_some_and(|lead| lead.numbered) {
            self.pop_lead();
        }
        self.forms.work.label(text);
        if self.forms.work.active()
            && !self.in_work_lead()
            && task_like_label(text)
            && self.new_work(text)
        {
            self.numbered_item(text, line);
        }
    }

    /// Whether the innermost task section was opened inside a work list,
    /// so the lines below are its details.
    pub(super) fn in_work_lead(&self) -> bool {
        self.forms.leads.last().is_some_and(|lead| lead.in_work)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::TaskStatus;
    use crate::parse::tasks::Found;
    use crate::parse::tasks::tests::read;

    /// `status title est=… owner=… parent=…` lines, with the parent named
    /// by its title.
    fn lines(found: &Found) -> Vec<String> {
        let title_of = |id: &str| {
            found.tasks.iter().find(|t| t.id == id).map_or(id.to_string(), |t| t.title.to_string())
        };
        found
            .tasks
            .iter()
            .map(|t| {
                format!(
                    "{:?} {:?} est={} owner={} parent={}",
                    t.status,
                    t.title,
                    t.estimate_minutes.map_or("-".into(), |m| m.to_string()),
                    t.owner.as_deref().unwrap_or("-"),
                    t.parent.as_deref().map_or("-".into(), title_of),
                )
            })
            .collect()
    }

    fn titles(found: &Found) -> Vec<String> {
        found.tasks.iter().map(|t| t.title.to_string()).collect()
    }

    #[test]
    fn reads_task_lines_and_headings_with_estimates_and_subtasks() {
        // See: issue 8.
        let found = read(
            "plans/ingest.md",
            "# Ingestion plan ✅\n\n## Work\n\n**Task 1: Update the ingestion script (10 minutes)**\n\n\
             - [ ] Read the old script\n- [x] Write the new one\n\n\
             #### Task 2: Wire the API ✅\nEstimate: 30 min\n\n- [ ] Add the route\n\n\
             #### Task 3 🚧\n**Migrate the data**\n\n#### Task 4: Backfill — 1-2 days\n",
        );
        assert_eq!(
            lines(&found),
            [
                r#"Open "Task 1: Update the ingestion script" est=10 owner=- parent=-"#,
                r#"Open "Read the old script" est=- owner=- parent=Task 1: Update the ingestion script"#,
                r#"Done "Write the new one" est=- owner=- parent=Task 1: Update the ingestion script"#,
                r#"Done "Task 2: Wire the API" est=30 owner=- parent=-"#,
                r#"Open "Add the route" est=- owner=- parent=Task 2: Wire the API"#,
                r#"InProgress "Task 3: Migrate the data" est=- owner=- parent=-"#,
                r#"Open "Task 4: Backfill" est=960 owner=- parent=-"#,
            ]
        );
        assert!(found.diagnostics.is_empty(), "{:?}", found.diagnostics);
    }

    #[test]
    fn reads_labelled_work_in_french_german_and_spanish() {
        let found = read(
            "plan.md",
            "### Étape 1 : Préparer la recette ✅\n\n**Aufgabe 2: Tests schreiben (2h)**\n\n\
             #### Tarea 3: Publicar — 1 day\n\n- Action 4: Relancer le client\n",
        );
        assert_eq!(
            lines(&found),
            [
                r#"Done "Étape 1: Préparer la recette" est=- owner=- parent=-"#,
                r#"Open "Aufgabe 2: Tests schreiben" est=120 owner=- parent=-"#,
                r#"Open "Tarea 3: Publicar" est=480 owner=- parent=-"#,
                r#"Open "Action 4: Relancer le client" est=- owner=- parent=-"#,
            ]
        );
    }

    #[test]
    fn a_label_without_a_title_is_reported_and_kept() {
        let found = read("plan.md", "## Work\n\n**Task 3**\n\n#### Task 5\n\nSome prose.\n");
        assert_eq!(titles(&found), ["Task 3", "Task 5"]);
        let messages: Vec<_> = found.diagnostics.iter().map(|d| d.to_human()).collect();
        assert_eq!(
            messages,
            [
                "warning[A150]: `Task 3` has no title; read as a task named `Task 3`\n  --> plan.md:3\n  = help: write what the work is after the label: `Task 3: …`",
                "warning[A150]: `Task 5` has no title; read as a task named `Task 5`\n  --> plan.md:5\n  = help: write what the work is after the label: `Task 5: …`",
            ]
        );
    }

    #[test]
    fn labels_rank_steps_under_tasks_and_tasks_under_stories() {
        let found = read(
            "plan.md",
            "### Story 1: Sign in\n\n**Task 1: Form**\n\n**Step 1: Markup ✅**\n\n**Step 2: Styles**\n\n\
             **Task 1.1: Validation**\n\n**Task 2: Session**\n\n- [ ] Cookie\n",
        );
        assert_eq!(
            lines(&found),
            [
                r#"Open "Story 1: Sign in" est=- owner=- parent=-"#,
                r#"Open "Task 1: Form" est=- owner=- parent=Story 1: Sign in"#,
                r#"Done "Step 1: Markup" est=- owner=- parent=Task 1: Form"#,
                r#"Open "Step 2: Styles" est=- owner=- parent=Task 1: Form"#,
                r#"Open "Task 1.1: Validation" est=- owner=- parent=Task 1: Form"#,
                r#"Open "Task 2: Session" est=- owner=- parent=Story 1: Sign in"#,
                r#"Open "Cookie" est=- owner=- parent=Task 2: Session"#,
            ]
        );
    }

    #[test]
    fn a_label_named_again_is_the_same_task() {
        let found = read(
            "plan.md",
            "## Task 10: Wizard tests (6-8 hours)\n\n## Schedule\n\n- Task 10: Wizard tests\n\n### Task 10 Complete When:\n\n- All pass\n",
        );
        assert_eq!(titles(&found), ["Task 10: Wizard tests"]);
    }

    #[test]
    fn steps_are_work_only_when_tracked() {
        let guide = read(
            "docs/setup.md",
            "## Step 1: Navigate to settings\n\nClick it.\n\n## Step 2: Add the secret\n\n- Step 3: Save\n",
        );
        assert!(guide.tasks.is_empty(), "{:?}", titles(&guide));
        let review = read(
            "review.md",
            "### Step 1: Read the plans ✓\n\n### Step 2: Walk the repo ✓\n\n### Step 3: Sync the tracker\n\n## Other\n\n### Step 1: Not tracked here\n",
        );
        assert_eq!(
            lines(&review),
            [
                r#"Done "Step 1: Read the plans" est=- owner=- parent=-"#,
                r#"Done "Step 2: Walk the repo" est=- owner=- parent=-"#,
                r#"Open "Step 3: Sync the tracker" est=- owner=- parent=-"#,
            ]
        );
        let timed = read("s.md", "### Step 1: Configure secrets (15 minutes)\n");
        assert_eq!(lines(&timed), [r#"Open "Step 1: Configure secrets" est=15 owner=- parent=-"#]);
    }

    #[test]
    fn items_of_work_lists_are_tasks_in_several_languages() {
        let found = read(
            "notes.md",
            "## Next Steps\n\n1. Deploy to staging (2h)\n2. ✅ Report results to the team\n3. Fix the flaky test (in progress)\n\n\
             ## Action items:\n\n1) Rotate the keys\n2) Book the review\n\n\
             ## Prochaines étapes\n\n- Déployer en recette\n\n## Nächste Schritte\n\n- Tests schreiben\n\n\
             ## Próximos pasos\n\n- Publicar la versión\n\n**TODO:**\n\n- Write the changelog\n",
        );
        assert_eq!(
            lines(&found),
            [
                r#"Open "Deploy to staging" est=120 owner=- parent=-"#,
                r#"Done "Report results to the team" est=- owner=- parent=-"#,
                r#"InProgress "Fix the flaky test" est=- owner=- parent=-"#,
                r#"Open "Rotate the keys" est=- owner=- parent=-"#,
                r#"Open "Book the review" est=- owner=- parent=-"#,
                r#"Open "Déployer en recette" est=- owner=- parent=-"#,
                r#"Open "Tests schreiben" est=- owner=- parent=-"#,
                r#"Open "Publicar la versión" est=- owner=- parent=-"#,
                r#"Open "Write the changelog" est=- owner=- parent=-"#,
            ]
        );
    }

    #[test]
    fn items_under_other_headings_are_not_tasks() {
        let found = read(
            "report.md",
            "## Features\n\n- Export to PDF\n\n## Overview\n\n- Three services\n\n## Notes\n\n- Slow on CI\n\n\
             ## Changes made\n\n- Added retries\n\n## Files\n\n- `src/lib.rs`\n\n\
             ## Next Steps\n\nWe will look at the numbers again next week and decide then.\n\n\
             ## Next steps\n\n- `docs/x.md`\n- https://example.com/runbook\n- Was the backend ever started?\n- Owner: Ana\n- Invoice editor (T-011)\n\n\
             ## What NOT to do\n\n- Push on Fridays\n\n## Tasks Completed ✅\n\n- Added the cache\n\n\
             ## Next steps\n\n**Questions for the user:**\n\n- Keep the old API\n\n### Examples\n\n- Call the endpoint\n",
        );
        assert!(found.tasks.is_empty(), "{:?}", titles(&found));
    }

    #[test]
    fn a_step_that_names_a_file_is_a_step() {
        let found = read("n.md", "## Next steps\n\n- Read docs/x.md\n- docs/y.md\n");
        assert_eq!(titles(&found), ["Read docs/x.md"]);
    }

    #[test]
    fn numbered_and_grouped_work_reads_the_work_not_the_groups() {
        let found = read(
            "review.md",
            "## Recommendations\n\n### Immediate (This Week)\n\n#### 1. Fix the test setup (3.5-5.5 hours)\n\n\
             - Mock the router\n- Mock ResizeObserver\n\n#### 2. AWS credentials\n\n- [ ] Rotate the key\n- [ ] Verify services\n\n\
             ### Later\n\n**1. Performance pass** (2-3 days)\n- Memoize callbacks\n\n⚠️ **Consider Playwright for editor tests**:\n- jsdom is fragile\n\n\
             ## Priority Actions\n\n1. **Immediate** (this week):\n   - Fix the cache import\n   - Fix the user id\n",
        );
        assert_eq!(
            lines(&found),
            [
                r#"Open "Fix the test setup" est=330 owner=- parent=-"#,
                r#"Open "Rotate the key" est=- owner=- parent=-"#,
                r#"Open "Verify services" est=- owner=- parent=-"#,
                r#"Open "Performance pass" est=1440 owner=- parent=-"#,
                r#"Open "Consider Playwright for editor tests" est=- owner=- parent=-"#,
                r#"Open "Fix the cache import" est=- owner=- parent=-"#,
                r#"Open "Fix the user id" est=- owner=- parent=-"#,
            ]
        );
    }

    #[test]
    fn status_bullets_with_short_ids() {
        let found = read(
            "status.md",
            "- ✅ **P1.1 - Async offload**\n- 🚧 **M2**: Editor autosave\n- ✅ [DONE - P0] Fix login\n\
             - ⏳ [NEXT - P2 Sprint 3] Export\n- ✅ All schemas validated\n- ✅ 196/196 tests passed\n- ✅ P0: Fix login\n",
        );
        let summary: Vec<_> =
            found.tasks.iter().map(|t| format!("{} {:?} {}", t.id, t.status, t.title)).collect();
        assert_eq!(summary[0], "P1.1 Done Async offload");
        assert_eq!(summary[1], "M2 InProgress Editor autosave");
        assert!(summary[2].ends_with("Done Fix login") && summary[2].starts_with("status-"));
        assert!(summary[3].ends_with("Open Export") && !summary[3].contains("NEXT"));
        assert_eq!(summary.len(), 4, "{summary:?}");
    }

    #[test]
    fn retrospective_action_items_read_their_owner() {
        let found = read(
            "retro.md",
            "# Retro\n\n## Action Items\n\n**Action 1: Improve CI caching**\n- Owner: Ana\n- Due: 2025-01-10\n\n\
             **Action 2: Rotate keys**\nOwner: @bo\n\n## Follow-ups\n\n- Add alerts\n  - Owner: Chloé\n  - Estimate: 2h\n\
             - [ ] Page the on-call\n  - Assignee: Dev\n",
        );
        assert_eq!(
            lines(&found),
            [
                r#"Open "Action 1: Improve CI caching" est=- owner=Ana parent=-"#,
                r#"Open "Action 2: Rotate keys" est=- owner=bo parent=-"#,
                r#"Open "Add alerts" est=120 owner=Chloé parent=-"#,
                r#"Open "Page the on-call" est=- owner=Dev parent=-"#,
            ]
        );
    }

    #[test]
    fn checklist_items_are_subtasks_of_the_task_they_sit_in() {
        let found = read(
            "plan.md",
            "### T-001: Setup ✅\n\n- [x] Create the repo\n- [ ] T-002 Configure CI\n\n\
             ## Phase 1 - Build\n\n- [ ] Write the parser\n\n## Misc\n\n- [ ] Tidy up\n",
        );
        let parents: Vec<_> = found
            .tasks
            .iter()
            .map(|t| (&*t.title, t.parent.as_deref(), t.phase.as_deref()))
            .collect();
        assert_eq!(
            parents,
            [
                ("Setup", None, None),
                ("Create the repo", Some("T-001"), None),
                ("Configure CI", None, None),
                ("Write the parser", None, Some("Phase 1 - Build")),
                ("Tidy up", None, None),
            ]
        );
    }

    #[test]
    fn a_documents_own_title_is_never_a_task() {
        let found = read("s.md", "# T-001: Setup ✅\n\n## T-002: Deploy ✅\n\n# T-003: Later ✅\n");
        let ids: Vec<_> = found.tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["T-002", "T-003"]);
        let todo = read("TODO.md", "# TODO\n\n- Write docs\n- Ship\n");
        assert_eq!(titles(&todo), ["Write docs", "Ship"]);
        let named = read("q.md", "# Tasks 10-11 Quick Reference\n\n- Install deps\n");
        assert!(named.tasks.is_empty());
    }

    #[test]
    fn headings_of_documents_that_describe_are_not_tasks() {
        let found = read(
            "docs/architecture.md",
            "## Task 1: Ingest events\n\n### Story 2.1: Sign in\n\n### Story 2.2: Sign out ✅\n",
        );
        assert_eq!(titles(&found), ["Story 2.2: Sign out"]);
        let spec = read("specs/001/spec.md", "### User Story 1 - Author a book (Priority: P1)\n");
        assert!(spec.tasks.is_empty());
        let plan = read("plans/auth.md", "### Story 2.1: Sign in\n");
        assert_eq!(titles(&plan), ["Story 2.1: Sign in"]);
    }

    #[test]
    fn reports_detail_lines_it_cannot_read() {
        let found = read(
            "plan.md",
            "#### Task 1: Migrate\nEstimate: 2 sprints\nStatus: someday\n\n#### Task 2: Ship\nStatus: blocked\nEffort: M\n",
        );
        assert_eq!(
            lines(&found),
            [
                r#"Open "Task 1: Migrate" est=- owner=- parent=-"#,
                r#"Blocked "Task 2: Ship" est=- owner=- parent=-"#,
            ]
        );
        let messages: Vec<_> =
            found.diagnostics.iter().map(|d| (d.code, d.line, d.message.as_str())).collect();
        assert_eq!(
            messages,
            [
                ("A151", 2, "cannot read estimate `2 sprints` of `Task 1: Migrate`; left empty"),
                ("A152", 3, "unknown status `someday` of `Task 1: Migrate`; read as open"),
            ]
        );
        assert_eq!(found.tasks[0].status, TaskStatus::Open);
    }

    #[test]
    fn never_panics_or_slows_on_odd_forms() {
        let odd = [
            "**Task**",
            "**Task 1:**",
            "## Step 1-",
            "- ✅ [",
            "- ✅ []",
            "- [DONE",
            "## Next Steps\n\n1.\n2. ?\n3. `",
            "**1. **",
            "- ✅ P1.1 -",
            "#### 1.",
            "Owner:\nEstimate:\nStatus:",
            "## TODO\n\n- (\n- )\n- ((((\n",
        ];
        for text in odd {
            let _ = read("odd.md", text);
        }
        let many = "## Next Steps\n\n".to_string() + &"- Do the thing (2h)\n".repeat(2000);
        let found = read("many.md", &many);
        assert_eq!(found.tasks.len(), 2000);
        let long = format!("## Next Steps\n\n- {}\n", "word (2h) ".repeat(20000));
        let _ = read("long.md", &long);
    }
}
