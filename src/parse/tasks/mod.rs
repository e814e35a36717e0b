//! Tasks and phases in a markdown document, read the way a person reads them.
//!
//! The forms: task tables (recognised by their columns and cells, whatever
//! the header wording), phase tables (`| **Phase 1A** | 3-4 days | … |`),
//! phased sections (`## Phase 3 - Title` with their checklists), checklists
//! anywhere (nested items are subtasks), bullets and headings that name an id
//! and a status, and a document's own frontmatter `id`. This module turns the
//! blocks of one document into tasks and phases; merging tasks that several
//! documents define, and everything about evidence, is `crate::link`'s job.
//! The rows of task and phase tables are read in `tables`; cleaning titles
//! and reading statuses out of text is `crate::parse::task_text`'s.

mod forms;
mod items;
mod labels;
mod phases;
mod scope;
mod shapes;
mod tables;
mod work;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use regex::Regex;

use crate::diagnostics::Diagnostic;
use crate::model::{Phase, Source, Task, TaskForm, TaskStatus, slug, task_url};
use crate::parse::blocks::Block;
use crate::parse::chains::ids_in_prose;
use crate::parse::ids::IdMatcher;
use crate::parse::task_text::{
    checked_status, clean_title, doc_stem, fnv1a, fnv1a_more, heading_title, id_text, is_label,
    strip_markers, unchecked_status, without_status_words,
};
use crate::parse::words::{bullet_status, markers, status_of};
use crate::text::prefixed::captures;
use crate::text::words::WordRegex;

/// What one document defines.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Tasks in source order.
    pub tasks: Vec<Task>,
    /// Phases in source order.
    pub phases: Vec<Phase>,
    /// Rows and items that could not be read, and duplicate ids.
    pub diagnostics: Vec<Diagnostic>,
}

/// The document-level facts a task inherits.
pub struct DocFacts<'a> {
    /// Path relative to ROOT, shared by the sources of the document's tasks.
    pub path: &'a Arc<str>,
    /// The frontmatter `id`, which makes the document itself a task.
    pub front_id: Option<&'a str>,
    /// The document's title.
    pub title: &'a str,
    /// The document's status (frontmatter or status line).
    pub status: Option<&'a str>,
    /// The document's owner.
    pub owner: Option<&'a str>,
    /// The file line of the frontmatter `id` (the first line).
    pub front_line: usize,
}

static PHASE_HEADING: WordRegex = WordRegex::new(|| {
    Regex::new(r"(?i)^(?:[0-9]+[.)]\s*)?((?:phase|stage|milestone|sprint|iteration)\s+[0-9A-Za-z][0-9A-Za-z.\-]*)\b")
        .expect("phase heading pattern is valid")
});

/// Reads the tasks and phases of one document's blocks.
pub fn find(doc: &DocFacts<'_>, blocks: &[Block], ids: &IdMatcher) -> Found {
    let mut reader = Reader::new(doc, ids);
    reader.front_task();
    for block in blocks {
        reader.block(block);
    }
    reader.close_phases(0);
    reader.finish()
}

/// Reads one document's blocks in order, keeping track of what is open
/// around them: sections and phases, the track, checklist parents.
struct Reader<'a> {
    doc: &'a DocFacts<'a>,
    ids: &'a IdMatcher,
    found: Found,
    /// Open sections: (level, phase index if the heading opened a phase).
    sections: Vec<(u8, Option<usize>)>,
    /// Per phase: ids of its own tasks, and text written in its section.
    phase_text: Vec<String>,
    /// Per phase: how it was written (a table row, a section, both).
    phase_forms: phases::PhaseBook,
    track: Option<String>,
    /// Open checklist items: (depth, task id), for subtasks.
    parents: Vec<(usize, String)>,
    /// First line of each id defined, to report duplicates.
    seen: HashMap<String, usize>,
    /// Synthesized ids so far, to keep them unique.
    synthesized: HashMap<String, usize>,
    /// The document's stem and the hash of its path and a line break, which
    /// every synthesized id starts from: made for the first of them.
    stem: Option<(String, u64)>,
    /// The ids this reader made up (not the author's own): their tasks get
    /// no page of their own.
    made_up: HashSet<String>,
    /// A heading task (by index) whose title a bold line below may give.
    awaiting_label: Option<usize>,
    /// What the reader keeps for lists of work, labelled tasks and their
    /// subtasks and details.
    forms: forms::State,
}

impl<'a> Reader<'a> {
    fn new(doc: &'a DocFacts<'a>, ids: &'a IdMatcher) -> Reader<'a> {
        Reader {
            doc,
            ids,
            found: Found::default(),
            sections: Vec::new(),
            phase_text: Vec::new(),
            phase_forms: phases::PhaseBook::default(),
            track: None,
            parents: Vec::new(),
            seen: HashMap::new(),
            synthesized: HashMap::new(),
            stem: None,
            made_up: HashSet::new(),
            awaiting_label: None,
            forms: forms::State::of(doc),
        }
    }

    fn front_task(&mut self) {
        let Some(id) = self.doc.front_id else { return };
        let status = self.doc.status.and_then(status_of).unwrap_or(TaskStatus::Open);
        let mut task = self.task(
            id.to_string(),
            self.doc.title,
            status,
            self.doc.front_line,
            TaskForm::Frontmatter,
        );
        task.owner = self.doc.owner.map(Into::into);
        self.push(task);
    }

    fn block(&mut self, block: &Block) {
        let awaiting_label = self.awaiting_label.take();
        self.settle_untitled(block);
        match block {
            Block::Paragraph { text, bold: true, .. }
                if awaiting_label.is_some() && is_label(text) =>
            {
                if let Some(idx) = awaiting_label {
                    self.found.tasks[idx].title = clean_title(text).into();
                }
                self.note_phase_text(text);
            }
            Block::Heading { level, text, line } => self.heading(*level, text, *line),
            Block::Item { depth, checked, text, line, last_line } => {
                self.item(*depth, *checked, text, (*line, *last_line))
            }
            Block::Table(table) => self.table(table),
            Block::Paragraph { text, bold, line } => {
                self.note_phase_text(text);
                self.paragraph(text, *bold, *line);
            }
            Block::Code { text, .. } => self.note_phase_text(text),
        }
        self.forms.last_line = self.forms.last_line.max(forms::block_end(block));
    }

    fn heading(&mut self, level: u8, text: &str, line: usize) {
        self.close_phases(level);
        self.close_leads(level);
        self.parents.clear();
        self.end_items();
        if text.to_lowercase().split_whitespace().any(|w| w == "track") {
            self.track = Some(clean_title(text));
        } else if level <= 2 {
            self.track = None;
        }
        let phase = self.heading_phase(level, text, line);
        self.sections.push((level, phase));
        self.forms.work.heading(level, text);
        if self.is_title_heading(level) {
            // The document's own title is never a task, whatever it states.
            return;
        }
        if let Some(status) = status_of(text)
            && let Some((id, rest)) = self.id_in_heading(text)
        {
            let bare = rest.is_empty() || without_status_words(&rest).is_empty();
            let title = if bare { heading_title(text) } else { without_status_words(&rest) };
            let task = self.task(id, &title, status, line, TaskForm::Heading);
            self.push(task);
            self.open_lead(forms::Lead::heading(self.found.tasks.len() - 1, level, true));
            // A heading that only names the id and its status often has its
            // real title as a bold line right under it.
            if bare {
                self.awaiting_label = Some(self.found.tasks.len() - 1);
            }
        } else {
            self.labelled_heading(level, text, line);
        }
    }

    /// An id a heading is about: leading (`T-001: Setup ✅`) or after a
    /// phase word (`Phase PH-NEXT-001 Complete ✅`).
    fn id_in_heading(&self, text: &str) -> Option<(String, String)> {
        let stripped = strip_markers(text);
        let stripped =
            stripped.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
        if let Some((id, rest)) = self.ids.leading_id(stripped) {
            return Some((id.to_string(), clean_title(rest)));
        }
        let after_phase =
            PHASE_HEADING.is_match(stripped).then(|| stripped.split_once(' ')).flatten()?;
        let (id, rest) = self.ids.leading_id(after_phase.1.trim())?;
        Some((id.to_string(), clean_title(rest)))
    }

    /// Closes the sections at `level` or deeper.
    fn close_phases(&mut self, level: u8) {
        while self.sections.last().is_some_and(|(open, _)| *open >= level) {
            self.sections.pop();
        }
    }

    fn current_phase(&self) -> Option<usize> {
        self.sections.iter().rev().find_map(|(_, phase)| *phase)
    }

    fn note_phase_text(&mut self, text: &str) {
        if let Some(idx) = self.current_phase() {
            self.phase_text[idx].push_str(text);
            self.phase_text[idx].push('\n');
        }
    }

    fn item(
        &mut self,
        depth: usize,
        checked: Option<bool>,
        text: &str,
        (line, last_line): (usize, usize),
    ) {
        self.note_phase_text(text);
        while self.parents.last().is_some_and(|(open, _)| *open >= depth) {
            self.parents.pop();
        }
        if self.forms.last_item.as_ref().is_some_and(|item| item.depth >= depth) {
            self.forms.last_item = None;
        }
        let stripped = strip_markers(text);
        let leading = self.ids.leading_id(stripped.trim());
        let status = match checked {
            Some(true) => checked_status(text),
            Some(false) => unchecked_status(text),
            // A plain bullet that names an id and a status is a task; other
            // plain bullets are read in `forms`.
            None => match (leading, bullet_status(text)) {
                (Some(_), Some(status)) if !markers(text).is_empty() => status,
                _ => return self.plain_item(depth, text, (line, last_line)),
            },
        };
        let (id, title) = match leading {
            Some((id, rest)) => (id.to_string(), clean_title(rest)),
            None => (self.synthesize(text), clean_title(text)),
        };
        if title.is_empty() && leading.is_none() {
            self.found.diagnostics.push(Diagnostic::warning(
                "A101",
                self.doc.path,
                line,
                "checklist item has no text; not read as a task".into(),
            ));
            return;
        }
        let form = if checked.is_some() { TaskForm::Checklist } else { TaskForm::Bullet };
        let mut task = self.task(id, &title, status, line, form);
        task.source_end = last_line;
        // An item without an id of its own is a subtask of the task it
        // sits in: a parent item, else a task heading or line above it.
        let in_lead = if leading.is_none() { self.lead_parent() } else { None };
        task.parent =
            self.parents.last().map(|(_, parent)| parent.clone()).or(in_lead).map(Into::into);
        self.parents.push((depth, task.id.clone()));
        self.push(task);
        self.forms.last_item = Some(forms::ItemTask::stated(self.found.tasks.len() - 1, depth));
    }

    /// A phase section with no tasks of its own takes the tasks its prose
    /// names (`Run T-001 through T-007`), or else stands as one task itself:
    /// its phase-table row's task, or one made from its heading. A phase
    /// with tasks of its own is not also a task.
    fn settle_phase(&mut self, phase_idx: usize) {
        if self.has_own_tasks(phase_idx) {
            self.drop_stand_in(phase_idx);
            return;
        }
        let named = ids_in_prose(self.ids, &self.phase_text[phase_idx]);
        let title = self.found.phases[phase_idx].title.clone();
        let mut taken = Vec::new();
        for task in
            self.found.tasks.iter_mut().filter(|t| t.phase.is_none() && named.contains(&t.id))
        {
            task.phase = Some(title.as_str().into());
            taken.push(task.id.clone());
        }
        if taken.is_empty() {
            taken = self.checklist_items_for(phase_idx);
        }
        if !taken.is_empty() {
            self.drop_stand_in(phase_idx);
            self.found.phases[phase_idx].tasks = taken;
            return;
        }
        if !self.found.phases[phase_idx].tasks.is_empty() || self.is_about_phase(phase_idx) {
            return;
        }
        let phase = &self.found.phases[phase_idx];
        let (status, line) = (phase.status.unwrap_or(TaskStatus::Open), phase.source.line);
        let id = self.made_up_id(format!("{}-{}", doc_stem(self.doc.path), slug(&title)));
        let mut task = self.task(id, &title, status, line, TaskForm::Phase);
        task.phase = Some(title.into());
        let task = self.dedupe(task);
        self.found.phases[phase_idx].tasks.push(task.id.clone());
        self.found.tasks.push(task);
    }

    /// Checklist items elsewhere in the document that name the phase at
    /// their start (`- [ ] Phase 2: gap synthesis complete`), taken into it;
    /// a heading whose marker disagrees with the item is reported.
    fn checklist_items_for(&mut self, phase_idx: usize) -> Vec<String> {
        let phase = &self.found.phases[phase_idx];
        let Some(key) = captures(&PHASE_HEADING, &phase.title).map(|c| c[1].to_lowercase()) else {
            return Vec::new();
        };
        let (title, declared, line) = (phase.title.clone(), phase.status, phase.source.line);
        let mut taken = Vec::new();
        for task in self.found.tasks.iter_mut() {
            let lower = task.title.to_lowercase();
            let names_phase = lower
                .strip_prefix(&key)
                .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric));
            if task.form != TaskForm::Checklist || task.phase.is_some() || !names_phase {
                continue;
            }
            task.phase = Some(title.as_str().into());
            taken.push(task.id.clone());
            if let Some(declared) = declared.filter(|d| *d != task.status) {
                self.found.diagnostics.push(Diagnostic::warning(
                    "A107",
                    self.doc.path,
                    task.source.line,
                    format!(
                        "this item says {} is {}, but its heading at line {line} says {}",
                        title,
                        task.status.words(),
                        declared.words()
                    ),
                ));
            }
        }
        taken
    }

    fn task(
        &self,
        id: String,
        title: &str,
        status: TaskStatus,
        line: usize,
        form: TaskForm,
    ) -> Task {
        let source = Source { path: Arc::clone(self.doc.path), line };
        let named = !self.made_up.contains(&id);
        let mut task = Task::new(id, title.to_string(), status, source, form);
        task.named = named;
        task.phase = self.current_phase().map(|idx| self.found.phases[idx].title.as_str().into());
        task.track = self.track.as_deref().map(Into::into);
        task
    }

    /// Adds a task to the document and to the open phase.
    fn push(&mut self, task: Task) {
        let task = self.dedupe(task);
        if let Some(idx) = self.current_phase() {
            self.found.phases[idx].tasks.push(task.id.clone());
        }
        self.found.tasks.push(task);
    }

    /// Reports a second definition of an id in this document and renames it,
    /// so both stay visible.
    fn dedupe(&mut self, mut task: Task) -> Task {
        if let Some(&first) = self.seen.get(&task.id) {
            let renamed = self.unique(format!("{}~dup", task.id));
            self.found.diagnostics.push(
                Diagnostic::error(
                    "A105",
                    self.doc.path,
                    task.source.line,
                    format!("duplicate task id `{}` (first defined at line {first}); shown as `{renamed}`", task.id),
                )
                .with_help("give each task its own id"),
            );
            task.url = task_url(&renamed).into();
            task.id = renamed;
        }
        self.seen.insert(task.id.clone(), task.source.line);
        task
    }

    /// A stable id from the document and the task's text without its
    /// status, so the id (and the task's page) survives a status change.
    fn synthesize(&mut self, text: &str) -> String {
        let normalized = id_text(text);
        let path = self.doc.path;
        let (stem, path_hash) = self
            .stem
            .get_or_insert_with(|| (doc_stem(path), fnv1a_more(fnv1a(path.as_bytes()), b"\n")));
        // The hash of `{path}\n{normalized}`, the path's part hashed once.
        let hash = fnv1a_more(*path_hash, normalized.as_bytes());
        let base = format!("{stem}-{:06x}", hash & 0xff_ffff);
        self.made_up_id(base)
    }

    /// A unique id made from `base` that is not the author's own.
    fn made_up_id(&mut self, base: String) -> String {
        let id = self.unique(base);
        self.made_up.insert(id.clone());
        id
    }

    fn unique(&mut self, base: String) -> String {
        let n = self.synthesized.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 { base } else { format!("{base}-{n}") }
    }

    /// Settles the phases that got no tasks of their own, now that the whole
    /// document is read (a progress checklist often comes after the phases).
    fn finish(mut self) -> Found {
        self.drop_groups();
        for phase_idx in 0..self.found.phases.len() {
            self.settle_phase(phase_idx);
        }
        self.finish_phases();
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown::scan;

    /// The tasks of one markdown document, with the default id patterns and
    /// `tw-…`; the readers' tests in the submodules share it.
    pub(super) fn read(path: &str, markdown: &str) -> Found {
        let ids = IdMatcher::new(&["tw-[a-z0-9]{3}".to_string()]).0;
        let rendered = scan("t.md", markdown, 1, &ids);
        let path = Arc::from(path);
        let facts = DocFacts {
            path: &path,
            front_id: None,
            title: "Doc",
            status: None,
            owner: None,
            front_line: 1,
        };
        find(&facts, &rendered.blocks, &ids)
    }

    /// `id status title` lines, for compact assertions.
    pub(super) fn summary(found: &Found) -> Vec<String> {
        found.tasks.iter().map(|t| format!("{} {:?} {}", t.id, t.status, t.title)).collect()
    }

    #[test]
    fn reads_task_table_with_tracks_ranges_and_estimates() {
        let found = read(
            "plans/p.md",
            "| ID | Task | Assignee | Blocked By | Acceptance | Estimate | State |\n\
             |---|---|---|---|---|---|---|\n\
             | **API TRACK** |\n\
             | API-001 | Login | Ana | none | tests pass | 2h | ✅ Done |\n\
             | API-002 | Logout | Ana | API-001 | - | 1-2 days | 🚧 In progress |\n\
             | **WEB TRACK** |\n\
             | WEB-001 | Page | Bo | API-001–API-002 | renders | 90 min | ❌ Blocked |\n",
        );
        assert_eq!(
            summary(&found),
            ["API-001 Done Login", "API-002 InProgress Logout", "WEB-001 Blocked Page"]
        );
        let web = &found.tasks[2];
        assert_eq!(web.track.as_deref(), Some("WEB TRACK"));
        assert_eq!(web.depends_on, ["API-001", "API-002"]);
        assert_eq!(web.estimate_minutes, Some(90));
        assert_eq!(found.tasks[1].estimate_minutes, Some(960));
        assert_eq!(found.tasks[0].owner.as_deref(), Some("Ana"));
        assert_eq!(found.tasks[0].done_when.as_deref(), Some("tests pass"));
        assert!(found.tasks[1].done_when.is_none());
        assert_eq!(found.tasks[0].source.line, 4);
        assert!(found.diagnostics.is_empty());
    }

    #[test]
    fn reports_unreadable_rows_statuses_and_dependencies() {
        let found = read(
            "p.md",
            "| Task ID | Description | Depends On | Status |\n|---|---|---|---|\n\
             | T-001 | One | - | Done |\n\
             | T-002 | Two | backend done | Done |\n\
             | T-003 | Three | T-001 | Someday |\n\
             |  |  | T-002 | Done |\n",
        );
        assert_eq!(summary(&found), ["T-001 Done One", "T-002 Done Two", "T-003 Open Three"]);
        let messages: Vec<_> =
            found.diagnostics.iter().map(|d| (d.code, d.line, d.message.as_str())).collect();
        assert_eq!(
            messages,
            [
                ("A103", 4, "cannot read dependency `backend done` of T-002"),
                ("A104", 5, "unknown status `Someday`; read as open"),
                ("A102", 6, "table row `T-002 | Done` has no task id or title; not read as a task"),
            ]
        );
    }

    #[test]
    fn reads_phased_plan_checklists_into_their_phases() {
        let found = read(
            "plans/phased.md",
            "# Plan\n\n## Phase 0 - Baseline\n\n### Tasks\n\n- [x] Audit map.\n- [X] Quality gate.\n\n### Verification\n\n- `pnpm test`\n\n\
             ## Phase 1 - Local\n\n### Tasks\n\n- [ ] PH-101 Validate services\n  - [x] Postgres\n  - [ ] Redis\n- [ ] 🚧 Document flow\n",
        );
        let phases: Vec<_> =
            found.phases.iter().map(|p| (p.title.as_str(), p.tasks.len())).collect();
        assert_eq!(phases, [("Phase 0 - Baseline", 2), ("Phase 1 - Local", 4)]);
        let statuses: Vec<_> =
            found.tasks.iter().map(|t| (t.status, t.phase.as_deref().unwrap_or(""))).collect();
        assert_eq!(statuses[0], (TaskStatus::Done, "Phase 0 - Baseline"));
        assert_eq!(statuses[1].0, TaskStatus::Done);
        assert_eq!(found.tasks[2].id, "PH-101");
        assert_eq!(&*found.tasks[2].title, "Validate services");
        assert_eq!(found.tasks[3].parent.as_deref(), Some("PH-101"));
        assert_eq!(found.tasks[4].parent.as_deref(), Some("PH-101"));
        assert_eq!(found.tasks[5].status, TaskStatus::InProgress);
        assert_eq!(&*found.tasks[5].title, "Document flow");
        assert!(found.tasks[5].parent.is_none());
    }

    #[test]
    fn synthesized_ids_are_stable_and_unique() {
        let a = read("notes/a.md", "- [ ] Write docs\n- [ ] Ship\n");
        let b = read("notes/a.md", "Intro changed.\n\n- [ ] Ship\n- [ ] Write docs\n");
        let ids_a: Vec<_> = a.tasks.iter().map(|t| t.id.clone()).collect();
        let mut ids_b: Vec<_> = b.tasks.iter().map(|t| t.id.clone()).collect();
        ids_b.reverse();
        assert_eq!(ids_a, ids_b);
        assert!(ids_a[0].starts_with("a-"));
        let twice = read("a.md", "- [ ] Same\n- [ ] Same\n");
        assert_eq!(twice.tasks[1].id, format!("{}-2", twice.tasks[0].id));
    }

    #[test]
    fn synthesized_ids_leave_out_the_status() {
        // See: issue 8. A task's page must survive a status change.
        let before =
            read("plan.md", "- [ ] Ship (in progress)\n- [ ] Dark mode\n- [ ] [WIP] Docs\n");
        let after =
            read("plan.md", "- [x] Ship ✅ done\n- [ ] ~~Dark mode~~ - SKIPPED\n- [x] Docs\n");
        let ids = |found: &Found| found.tasks.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&before), ids(&after));
        assert_ne!(before.tasks[0].status, after.tasks[0].status);
    }

    #[test]
    fn reads_phase_tables_as_phases() {
        let found = read(
            "plans/roadmap.md",
            "| Phase | Window | Objectives | Evidence Hooks |\n|---|---|---|---|\n\
             | **Phase 0** | 1-2 days | Refresh coverage | `npm test` |\n\
             | **Phase 1A** | 3-4 days | Export queue | pytest |\n",
        );
        assert_eq!(
            summary(&found),
            ["roadmap-phase-0 Open Refresh coverage", "roadmap-phase-1a Open Export queue"]
        );
        let phases: Vec<_> =
            found.phases.iter().map(|p| (p.title.as_str(), p.tasks.clone())).collect();
        assert_eq!(phases[1], ("Phase 1A", vec!["roadmap-phase-1a".to_string()]));
        assert_eq!(found.tasks[1].estimate_minutes, Some(4 * 480));
    }

    #[test]
    fn phase_sections_take_the_tasks_their_prose_names() {
        let found = read(
            "plan.md",
            "| Task ID | Description |\n|---|---|\n| T-001 | A |\n| T-002 | B |\n| T-003 | C |\n| T-004 | D |\n\n\
             ## Strategy\n\n### Phase 2A: Foundation\nRun T-001 through T-003 in order.\n\n### Phase 2B: Polish\nThen T-004.\n\n### Phase 3: Launch\nShip it.\n",
        );
        let phases: Vec<_> =
            found.phases.iter().map(|p| (p.title.as_str(), p.tasks.clone())).collect();
        assert_eq!(phases[0].1, ["T-001", "T-002", "T-003"]);
        assert_eq!(phases[1].1, ["T-004"]);
        // A phase that names no task stands as one task of its own.
        assert_eq!(phases[2].1, ["plan-phase-3-launch"]);
        assert_eq!(found.tasks[0].phase.as_deref(), Some("Phase 2A: Foundation"));
    }

    #[test]
    fn headings_and_bullets_with_an_id_and_a_status_are_tasks() {
        let found = read(
            "s.md",
            "### 3. Phase PH-NEXT-001 Complete ✅\n\n- ✅ 196/196 tests passed\n- ✅ T-007 Migrations applied\n- T-008 needs review\n\n### Phase 1: Analysis ✓\n\nText.\n",
        );
        assert_eq!(
            summary(&found),
            [
                "PH-NEXT-001 Done Phase PH-NEXT-001",
                "T-007 Done Migrations applied",
                "s-phase-1-analysis Done Phase 1: Analysis"
            ]
        );
    }

    #[test]
    fn tables_of_risks_and_lists_of_files_are_not_tasks() {
        let found = read(
            "p.md",
            "| Risk | Likelihood | Mitigation |\n|---|---|---|\n| OAuth fails | High | Mock |\n\n\
             ### Scope\n\n- `docs/00-index.md`\n- `src/lib/*`\n\n- Created `schema.json`\n- ✅ All schemas validated\n",
        );
        assert!(found.tasks.is_empty(), "{:?}", summary(&found));
        assert!(found.diagnostics.is_empty());
    }

    #[test]
    fn work_set_aside_is_skipped_and_work_named_so_is_not() {
        let found = read(
            "plan.md",
            "- [x] ~~Create migration~~ - SKIPPED\n\
             - [ ] ~~Batch export~~\n\
             - [ ] ~~Old importer~~ (dropped in review)\n\
             - [ ] Dark mode - DEFERRED\n\
             - [ ] ⏭️ Legacy theme\n\
             - [ ] N/A: IE11 support\n\
             - [ ] [CANCELLED] Fax gateway\n\
             - [ ] Mobile app (won't do)\n\
             - [ ] Offline mode - reporté\n\
             - [x] Dropped the old cache\n\
             - [ ] Skip login for admins\n\
             - [ ] Deferred rendering for charts\n\
             - [ ] Cancel button on the dialog\n\
             - ✅ AI-2: Deferred features tracked in backlog\n\
             - ⏭️ AI-3: Survey users\n",
        );
        let statuses: Vec<_> = found.tasks.iter().map(|t| (&*t.title, t.status)).collect();
        use TaskStatus::{Done, Open, Skipped};
        assert_eq!(
            statuses,
            [
                ("Create migration - SKIPPED", Skipped),
                ("Batch export", Skipped),
                ("Old importer (dropped in review)", Skipped),
                ("Dark mode - DEFERRED", Skipped),
                ("Legacy theme", Skipped),
                ("N/A: IE11 support", Skipped),
                ("[CANCELLED] Fax gateway", Skipped),
                ("Mobile app (won't do)", Skipped),
                ("Offline mode - reporté", Skipped),
                ("Dropped the old cache", Done),
                ("Skip login for admins", Open),
                ("Deferred rendering for charts", Open),
                ("Cancel button on the dialog", Open),
                ("Deferred features tracked in backlog", Done),
                ("Survey users", Skipped),
            ]
        );
    }

    #[test]
    fn only_ids_the_author_wrote_are_named() {
        let found = read(
            "plans/p.md",
            "# Plan\n\n## Phase 1: Setup\n\n| ID | Task | Status |\n|---|---|---|\n| T-001 | A | Done |\n| | B | Open |\n\n## Phase 2: Launch\n\n- [ ] T-002 C\n- [ ] D\n\n### T-003: E ✅\n\n## Phase 3: Later\n",
        );
        let named: Vec<String> =
            found.tasks.iter().map(|t| format!("{} {:?} {}", t.title, t.form, t.named)).collect();
        assert_eq!(
            named,
            [
                "A TableRow true",
                "B TableRow false",
                "C Checklist true",
                "D Checklist false",
                "E Heading true",
                "Phase 3: Later Phase false",
            ]
        );
    }

    #[test]
    fn errors_on_duplicate_task_id_and_keeps_both() {
        let found = read("p.md", "| ID | Task |\n|---|---|\n| T-001 | A |\n| T-001 | B |\n");
        assert_eq!(summary(&found), ["T-001 Open A", "T-001~dup Open B"]);
        assert_eq!(
            found.diagnostics[0].to_human(),
            "error[A105]: duplicate task id `T-001` (first defined at line 3); shown as `T-001~dup`\n  --> p.md:4\n  = help: give each task its own id"
        );
    }

    #[test]
    fn frontmatter_id_makes_the_document_a_task() {
        let ids = IdMatcher::new(&[]).0;
        let path = Arc::from("tasks/T-042.md");
        let facts = DocFacts {
            path: &path,
            front_id: Some("T-042"),
            title: "Rotate keys",
            status: Some("in progress"),
            owner: Some("Ana"),
            front_line: 1,
        };
        let found = find(&facts, &[], &ids);
        assert_eq!(summary(&found), ["T-042 InProgress Rotate keys"]);
        assert_eq!(found.tasks[0].owner.as_deref(), Some("Ana"));
    }
}
