//! The audit trail: dated events drawn from the documents and evidence.
//!
//! A session held, a plan updated, a test run, a deploy: each dated
//! document or evidence file becomes an event. The list is sorted newest
//! first, then by path, so the trail is the same on every build. A commit a
//! dated document names is an event of that date. With the history read
//! from git (`crate::history`), each change of a task's status is an event
//! of its commit's date.

use crate::model::{DocKind, Document, Event, Evidence, RefKind, Site, StatusChange, Task};

/// The events of a site, newest first; `extra` are events parsers found
/// inside files (a tracker's issues opened and closed).
pub fn events(documents: &[Document], evidence: &[Evidence], extra: Vec<Event>) -> Vec<Event> {
    let mut events = extra;
    for doc in documents {
        let Some(date) = &doc.date else { continue };
        let kind = match doc.kind {
            DocKind::Session => "session",
            DocKind::Plan => "plan",
            DocKind::Tracker => "tracker",
            DocKind::Page => "page",
            DocKind::Evidence => continue,
        };
        events.push(Event {
            date: date.clone(),
            kind: kind.to_string(),
            title: doc.title.clone(),
            path: doc.path.clone(),
            url: doc.url.clone(),
        });
        events.extend(commits(doc, date));
    }
    events.extend(evidence.iter().filter_map(evidence_event));
    sort(&mut events);
    events
}

/// The event of a dated evidence file: its run, at its date.
pub fn evidence_event(item: &Evidence) -> Option<Event> {
    Some(Event {
        date: item.date.clone()?,
        kind: item.kind.as_str().to_string(),
        title: crate::model::file_name(&item.path).to_string(),
        path: item.path.clone(),
        url: item.url.clone(),
    })
}

/// Sorts events newest first, then by path and title.
pub fn sort(events: &mut [Event]) {
    events.sort_by(order);
}

/// Puts `event` into `events`, sorted as [`sort`] sorts them, after those
/// it ties with.
pub fn insert(events: &mut Vec<Event>, event: Event) {
    let at = events.partition_point(|e| order(e, &event) != std::cmp::Ordering::Greater);
    events.insert(at, event);
}

fn order(a: &Event, b: &Event) -> std::cmp::Ordering {
    b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)).then_with(|| a.title.cmp(&b.title))
}

/// Adds the status changes read from git to the site's events: each change
/// of a task's status (not its first appearance, which every task has) is
/// an event `status` of its commit's date that links to the task.
pub fn add_status_events(site: &mut Site) {
    let tasks: std::collections::HashMap<&str, &Task> =
        site.tasks.iter().map(|t| (t.id.as_str(), t)).collect();
    let events: Vec<Event> = site
        .history
        .iter()
        .filter(|change| change.from.is_some())
        .map(|change| Event {
            date: change.date.clone(),
            kind: "status".to_string(),
            title: change_sentence(change, tasks.get(change.task.as_str()).copied()),
            path: change.path.clone(),
            url: tasks.get(change.task.as_str()).map_or_else(String::new, |t| t.url.to_string()),
        })
        .collect();
    site.events.extend(events);
    sort(&mut site.events);
}

/// `T-003 Write the API: open → done, a1b2c3d, Dana Ortiz`; a long title
/// is cut. A task without an id of its own (`task.named == false`) is named
/// by its title alone: its id is made up, and means nothing to a reader.
pub fn change_sentence(change: &StatusChange, task: Option<&Task>) -> String {
    let short: String = change.commit.chars().take(crate::history::SHORT_HASH).collect();
    let title = task.map(|t| t.title.trim()).filter(|t| !t.is_empty()).map(|title| {
        let cut: String = title.chars().take(TITLE_CHARS).collect();
        let more = if cut.len() < title.len() { "…" } else { "" };
        format!("{cut}{more}")
    });
    let label = match (task.is_none_or(|t| t.named), title) {
        (true, Some(title)) => format!("{} {title}", change.task),
        (true, None) => change.task.clone(),
        (false, Some(title)) => title,
        (false, None) => format!("a task of {}", change.path),
    };
    let to = change.to.words();
    match change.from {
        Some(from) => format!("{label}: {} → {to}, {short}, {}", from.words(), change.author),
        None => format!("{label}: added as {to}, {short}, {}", change.author),
    }
}

/// How much of a task's title an event's sentence keeps.
const TITLE_CHARS: usize = 60;

/// The commits a dated document names, as events of its date.
fn commits(doc: &Document, date: &str) -> Vec<Event> {
    let mut hashes: Vec<&str> = doc
        .references
        .iter()
        .filter(|r| r.kind == RefKind::Commit)
        .map(|r| r.target.as_str())
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
        .into_iter()
        .map(|hash| Event {
            date: date.to_string(),
            kind: "commit".to_string(),
            title: format!("Commit {hash}, named in {}", doc.title),
            path: doc.path.clone(),
            url: doc.url.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TaskStatus;

    fn change() -> StatusChange {
        StatusChange {
            task: "day-9493ac".to_string(),
            path: "day.md".to_string(),
            date: "2026-04-03".to_string(),
            commit: "c9dc7fb0123".to_string(),
            author: "Rae Lund".to_string(),
            from: Some(TaskStatus::Open),
            to: TaskStatus::Done,
        }
    }

    #[test]
    fn change_sentences_name_made_up_ids_never() {
        let source = crate::model::Source { path: "day.md".into(), line: 5 };
        let mut task = Task::new(
            "day-9493ac".to_string(),
            "Rotate the keys".to_string(),
            TaskStatus::Done,
            source,
            crate::model::TaskForm::Checklist,
        );
        task.named = false;
        assert_eq!(
            change_sentence(&change(), Some(&task)),
            "Rotate the keys: open → done, c9dc7fb, Rae Lund"
        );
        task.title = "".into();
        assert_eq!(
            change_sentence(&change(), Some(&task)),
            "a task of day.md: open → done, c9dc7fb, Rae Lund"
        );
        task.named = true;
        task.title = "x".repeat(70).into();
        let named = change_sentence(&change(), Some(&task));
        assert_eq!(
            named,
            format!("day-9493ac {}…: open → done, c9dc7fb, Rae Lund", "x".repeat(60))
        );
    }
}
