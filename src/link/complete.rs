//! Work that says it is finished while its own items are not.
//!
//! Two checks. A document that declares itself complete (`**Status**: ✅
//! COMPLETE`, `100% complete`, frontmatter `status: done`) while tasks it
//! defines are still open gets warning A140, naming how many and the first
//! lines. And a task named by an id (`DEV-012` in a tracker table) is one
//! piece of work with the document about it (a story file named
//! `DEV-012-….md`, or whose title names the id): that document's own tasks
//! become the task's subtasks, and the task marked done while they are open
//! is contradicted (`evidence::verify` reads the stories found here).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::diagnostics::Diagnostic;
use crate::model::{Document, Story, Task, TaskForm, TaskStatus};
use crate::parse::ids::IdMatcher;

/// How many open tasks an A140 message names by line.
const NAMED_LINES: usize = 3;

/// Headings under which open items are deliberately left for later: they do
/// not make a finished document unfinished.
const LATER_WORDS: [&str; 12] = [
    "future",
    "follow-up",
    "follow up",
    "followup",
    "next steps",
    "later",
    "backlog",
    "out of scope",
    "nice to have",
    "nice-to-have",
    "optional",
    "post-mvp",
];

/// Whether a task is unfinished work (skipped work was set aside, not left
/// undone).
fn is_open(task: &Task) -> bool {
    matches!(task.status, TaskStatus::Open | TaskStatus::InProgress | TaskStatus::Blocked)
}

/// Whether a task counts toward its document's completeness: not a phase
/// (a phase is the sections of work, whose items are counted themselves),
/// not an item of a work list (Next steps, Action items, Recommendations:
/// what comes after the work the document reports) and not left for later.
fn counts_toward(doc: &Document, task: &Task) -> bool {
    !matches!(task.form, TaskForm::Phase | TaskForm::WorkItem)
        && !left_for_later(doc, task.source.line)
}

/// Whether the line sits under a heading (at any level above it) that names
/// work left for later.
fn left_for_later(doc: &Document, line: usize) -> bool {
    let mut level = u8::MAX;
    for heading in doc.headings.iter().rev().filter(|h| h.line <= line) {
        if heading.level < level {
            level = heading.level;
            let text = heading.text.to_lowercase();
            if LATER_WORDS.iter().any(|w| text.contains(w)) {
                return true;
            }
        }
    }
    false
}

/// The indices of the tasks each document defines, by its path.
fn by_document(tasks: &[Task]) -> HashMap<Arc<str>, Vec<usize>> {
    let mut map: HashMap<Arc<str>, Vec<usize>> = HashMap::new();
    for (idx, task) in tasks.iter().enumerate() {
        map.entry(Arc::clone(&task.source.path)).or_default().push(idx);
    }
    map
}

/// A140 for each document that declares itself complete while some of its
/// own tasks are open, with the first open lines.
pub(crate) fn complete_but_open(documents: &[Document], tasks: &[Task]) -> Vec<Diagnostic> {
    let defined = by_document(tasks);
    documents
        .iter()
        .filter_map(|doc| {
            let own = defined.get(doc.path.as_str())?;
            declared_but_open(doc, own.iter().map(|&t| &tasks[t]))
        })
        .collect()
}

/// A140 for `doc` when it declares itself complete while some of `defined`
/// (the tasks whose definition is in it, in the site's order) are open.
pub(crate) fn declared_but_open<'t>(
    doc: &Document,
    defined: impl Iterator<Item = &'t Task>,
) -> Option<Diagnostic> {
    let line = doc.declared_complete?;
    let own: Vec<&Task> = defined.filter(|t| counts_toward(doc, t)).collect();
    let mut open: Vec<&Task> = own.iter().copied().filter(|t| is_open(t)).collect();
    if open.is_empty() {
        return None;
    }
    open.sort_by_key(|t| t.source.line);
    let first: Vec<String> = open
        .iter()
        .take(NAMED_LINES)
        .map(|t| format!("line {} “{}”", t.source.line, t.title))
        .collect();
    let more = if open.len() > NAMED_LINES { ", …" } else { "" };
    Some(
        Diagnostic::warning(
            "A140",
            &doc.path,
            line,
            format!(
                "the document says it is complete, but {} of {} of its own tasks are open: {}{more}",
                open.len(),
                own.len(),
                first.join(", "),
            ),
        )
        .with_help("update the status, or finish or skip the open tasks"),
    )
}

/// Finds each task's story and makes the story's top-level tasks its
/// subtasks; returns the stories, sorted by task id, and the id each
/// document could be the story of, lowercased, whether a task has it or
/// not (`Site::story_ids`).
pub(crate) fn adopt_stories(
    documents: &[Document],
    tasks: &mut [Task],
    ids: &IdMatcher,
) -> (Vec<Story>, BTreeSet<String>) {
    let known: HashMap<String, usize> =
        tasks.iter().enumerate().map(|(i, t)| (t.id.to_lowercase(), i)).collect();
    let mut stories: HashMap<String, Story> = HashMap::new();
    let mut adopt: Vec<(String, String)> = Vec::new();
    let mut story_ids = BTreeSet::new();
    for doc in documents {
        let Some(id) = story_id(doc, ids) else { continue };
        let known = known.get(&id).copied();
        story_ids.insert(id);
        let Some(t) = known else { continue };
        let task = &tasks[t];
        if *task.source.path == *doc.path {
            continue;
        }
        if stories.contains_key(&task.id) {
            continue;
        }
        adopt.push((task.id.clone(), doc.path.clone()));
        stories.insert(
            task.id.clone(),
            Story {
                task: task.id.clone(),
                path: doc.path.clone(),
                total: 0,
                open_lines: Vec::new(),
            },
        );
    }
    let docs: HashMap<&str, &Document> = documents.iter().map(|d| (d.path.as_str(), d)).collect();
    let by_path = by_document(tasks);
    for (id, path) in adopt {
        let Some(doc) = docs.get(path.as_str()) else { continue };
        let own = by_path.get(path.as_str()).map_or(&[][..], Vec::as_slice);
        for &t in own {
            let task = &mut tasks[t];
            if task.id != id && counts_toward(doc, task) && task.parent.is_none() {
                task.parent = Some(id.as_str().into());
            }
        }
        if let Some(story) = stories.get_mut(&id) {
            count_story(story, doc, own.iter().map(|&t| &tasks[t]));
        }
    }
    let mut stories: Vec<Story> = stories.into_values().filter(|s| s.total > 0).collect();
    stories.sort_by(|a, b| a.task.cmp(&b.task));
    (stories, story_ids)
}

/// The id of the task `doc` could be the story of, lowercased: the first
/// its file name names, or else the one its title names.
pub(crate) fn story_id(doc: &Document, ids: &IdMatcher) -> Option<String> {
    let name = crate::model::file_name(&doc.path);
    let mut named: Vec<String> = ids.find_in_name(name).iter().map(|id| id.to_string()).collect();
    if named.is_empty() {
        named = ids.find_all(&doc.title).into_iter().map(|(_, _, id)| id.to_string()).collect();
        // A title that names several ids is about all of them, not one story.
        if named.len() > 1 {
            return None;
        }
    }
    Some(named.first()?.to_lowercase())
}

/// Counts the tasks of a story's document (`defined`, the tasks whose
/// definition is in it) and the lines of the open ones.
pub(crate) fn count_story<'t>(
    story: &mut Story,
    doc: &Document,
    defined: impl Iterator<Item = &'t Task>,
) {
    let own = defined.filter(|t| t.id != story.task && counts_toward(doc, t));
    let (mut total, mut open_lines) = (0, Vec::new());
    for task in own {
        total += 1;
        if is_open(task) {
            open_lines.push(task.source.line);
        }
    }
    open_lines.sort_unstable();
    story.total = total;
    story.open_lines = open_lines;
}
