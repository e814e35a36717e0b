//! Tracker exports: a beads `issues.jsonl` read as the tasks of a tracker.
//!
//! Each line is one issue (`id`, `title`, `status`, `priority`,
//! `issue_type`, `dependencies`, dates). Fields attestor does not use are
//! ignored; a line that is not valid JSON, or has no `id`, is a diagnostic
//! and the rest of the file is still read. The issue's description is kept
//! as references, so a path or task id it names links like prose does.

use std::sync::Arc;

use serde::Deserialize;

use crate::dates::find_date;
use crate::diagnostics::Diagnostic;
use crate::model::{Event, RefKind, Reference, Source, Task, TaskForm, TaskStatus, task_url};
use crate::parse::ids::IdMatcher;
use crate::parse::markdown::looks_like_path;

/// What a tracker export holds.
#[derive(Debug, Default)]
pub struct Export {
    /// One task per issue, in file order.
    pub tasks: Vec<Task>,
    /// Paths and ids named in descriptions.
    pub references: Vec<Reference>,
    /// Issues opened and closed, for the audit trail.
    pub events: Vec<Event>,
    /// Lines that could not be read.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Deserialize)]
struct Issue {
    id: Option<String>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    status: String,
    assignee: Option<String>,
    owner: Option<String>,
    estimated_minutes: Option<u32>,
    created_at: Option<String>,
    closed_at: Option<String>,
    #[serde(default)]
    dependencies: Vec<Dependency>,
}

#[derive(Debug, Deserialize)]
struct Dependency {
    depends_on_id: Option<String>,
    #[serde(rename = "type", default)]
    kind: String,
}

/// Whether a file is a beads export, by its place or its first line.
pub fn is_tracker_export(path: &str, text: &str) -> bool {
    if path == ".beads/issues.jsonl" || path.ends_with("/.beads/issues.jsonl") {
        return true;
    }
    path.ends_with(".jsonl") && {
        let first = crate::text::lines(text).find(|l| !l.trim().is_empty()).unwrap_or("");
        first.contains("\"id\"") && first.contains("\"status\"") && first.contains("\"title\"")
    }
}

/// Id patterns that match a tracker export's ids, so that prose naming
/// them links with no config: `auto-author-9lo`, `auto-author-9lo.2` give
/// `auto\-author\-[a-z0-9]{3}(?:\.[0-9]+)*`. Ids the default pattern already
/// covers (`T-001`) give none.
pub fn id_patterns(text: &str) -> Vec<String> {
    let mut by_prefix: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for line in crate::text::lines(text).take(5_000) {
        let Ok(Issue { id: Some(id), .. }) = serde_json::from_str::<Issue>(line) else { continue };
        let base = id.split('.').next().unwrap_or(&id);
        let Some((prefix, suffix)) = base.rsplit_once('-') else { continue };
        let plain = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
        if prefix.is_empty()
            || suffix.is_empty()
            || !suffix.chars().all(plain)
            || suffix.chars().all(|c| c.is_ascii_digit())
        {
            continue;
        }
        let entry = by_prefix.entry(prefix.to_string()).or_insert((usize::MAX, 0));
        entry.0 = entry.0.min(suffix.len());
        entry.1 = entry.1.max(suffix.len());
    }
    by_prefix
        .into_iter()
        .map(|(prefix, (min, max))| {
            format!("{}-[a-z0-9]{{{min},{max}}}(?:\\.[0-9]+)*", regex::escape(&prefix))
        })
        .collect()
}

/// Reads a beads export.
pub fn read(path: &str, text: &str, ids: &IdMatcher) -> Export {
    let mut export = Export::default();
    let shared: Arc<str> = Arc::from(path);
    for (idx, line) in crate::text::lines(text).enumerate() {
        let n = idx + 1;
        if line.trim().is_empty() {
            continue;
        }
        let issue = match serde_json::from_str::<Issue>(line) {
            Ok(issue) => issue,
            Err(err) => {
                export.diagnostics.push(
                    Diagnostic::error(
                        "A110",
                        path,
                        n,
                        format!("tracker line is not valid JSON: {err}"),
                    )
                    .with_help("the issue on this line is left out until the line is fixed"),
                );
                continue;
            }
        };
        let Some(id) = issue.id.clone().filter(|id| !id.trim().is_empty()) else {
            export.diagnostics.push(Diagnostic::error(
                "A111",
                path,
                n,
                "tracker issue has no `id`".into(),
            ));
            continue;
        };
        if issue.status == "tombstone" {
            continue;
        }
        let status = status_of(&issue.status).unwrap_or_else(|| {
            let message =
                format!("unknown tracker status `{}` of {id}; read as open", issue.status);
            export.diagnostics.push(Diagnostic::warning("A112", path, n, message));
            TaskStatus::Open
        });
        note_references(&issue.description, n, ids, &mut export.references);
        export.events.extend(events(&issue, &id, path));
        export.tasks.push(task(issue, id, status, &shared, n));
    }
    export
}

fn task(issue: Issue, id: String, status: TaskStatus, path: &Arc<str>, line: usize) -> Task {
    let mut depends_on = Vec::new();
    let mut parent = None;
    for dep in issue.dependencies {
        let Some(target) = dep.depends_on_id else { continue };
        match dep.kind.as_str() {
            "parent-child" => parent = Some(target),
            "blocks" | "" => depends_on.push(target),
            _ => {}
        }
    }
    depends_on.sort();
    depends_on.dedup();
    let title =
        if issue.title.trim().is_empty() { id.clone() } else { issue.title.trim().to_string() };
    let source = Source { path: Arc::clone(path), line };
    let mut task = Task::new(id, title, status, source, TaskForm::Tracker);
    task.owner = issue.assignee.or(issue.owner).filter(|o| !o.trim().is_empty()).map(Into::into);
    task.depends_on = depends_on.into();
    task.estimate_minutes = issue.estimated_minutes;
    task.parent = parent.map(Into::into);
    task
}

fn status_of(status: &str) -> Option<TaskStatus> {
    let status = match status.trim().to_ascii_lowercase().as_str() {
        "closed" | "done" | "resolved" | "completed" => TaskStatus::Done,
        "in_progress" | "in-progress" | "in progress" | "review" => TaskStatus::InProgress,
        "open" | "" | "todo" | "deferred" | "pinned" | "hooked" => TaskStatus::Open,
        "blocked" => TaskStatus::Blocked,
        _ => return None,
    };
    Some(status)
}

fn note_references(description: &str, line: usize, ids: &IdMatcher, refs: &mut Vec<Reference>) {
    for word in
        description.split(|c: char| c.is_whitespace() || matches!(c, '`' | '(' | ')' | ',' | ';'))
    {
        let word = word.trim_end_matches(['.', ':']);
        if looks_like_path(word) {
            refs.push(Reference { kind: RefKind::Path, target: word.to_string(), line });
        }
    }
    for (_, _, id) in ids.find_all(description) {
        refs.push(Reference { kind: RefKind::Task, target: id.to_string(), line });
    }
}

fn events(issue: &Issue, id: &str, path: &str) -> Vec<Event> {
    let event = |date: &Option<String>, verb: &str| {
        let date = date.as_deref().and_then(find_date)?;
        Some(Event {
            date,
            kind: "tracker".to_string(),
            title: format!("{id} {verb}: {}", issue.title.trim()),
            path: path.to_string(),
            url: task_url(id),
        })
    };
    [event(&issue.created_at, "opened"), event(&issue.closed_at, "closed")]
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_export(text: &str) -> Export {
        let ids = IdMatcher::new(&["tw-[a-z0-9]{3}".to_string()]).0;
        read(".beads/issues.jsonl", text, &ids)
    }

    #[test]
    fn reads_issues_as_tracker_tasks() {
        let export = read_export(concat!(
            r#"{"id":"tw-7k2","title":"Invoice PDF","status":"closed","priority":1,"issue_type":"task","assignee":"jun","created_at":"2026-02-01T10:00:00Z","closed_at":"2026-02-09T16:00:00Z","dependencies":[{"issue_id":"tw-7k2","depends_on_id":"tw-3m9","type":"blocks"}],"labels":["x"]}"#,
            "\n",
            r#"{"id":"tw-3m9","title":"Epic","status":"in_progress","description":"see `tests/run.txt` and tw-7k2"}"#,
            "\n"
        ));
        assert!(export.diagnostics.is_empty());
        let first = &export.tasks[0];
        assert_eq!(
            (first.id.as_str(), first.status, first.owner.as_deref()),
            ("tw-7k2", TaskStatus::Done, Some("jun"))
        );
        assert_eq!(first.depends_on, ["tw-3m9"]);
        assert_eq!(first.source.line, 1);
        assert_eq!(export.tasks[1].status, TaskStatus::InProgress);
        let targets: Vec<_> =
            export.references.iter().map(|r| (r.target.as_str(), r.line)).collect();
        assert_eq!(targets, [("tests/run.txt", 2), ("tw-7k2", 2)]);
        let events: Vec<_> =
            export.events.iter().map(|e| (e.date.as_str(), e.title.as_str())).collect();
        assert_eq!(
            events,
            [
                ("2026-02-01", "tw-7k2 opened: Invoice PDF"),
                ("2026-02-09", "tw-7k2 closed: Invoice PDF")
            ]
        );
    }

    #[test]
    fn errors_on_a_bad_line_and_reads_the_rest() {
        let export = read_export(
            "{\"id\":\"tw-aaa\",\"title\":\"A\",\"status\":\"open\"}\n{\"id\":\"tw-bbb\",\"titl\n{\"title\":\"no id\",\"status\":\"open\"}\n{\"id\":\"tw-ccc\",\"title\":\"C\",\"status\":\"weird\"}\n",
        );
        let ids: Vec<_> = export.tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["tw-aaa", "tw-ccc"]);
        let problems: Vec<_> = export.diagnostics.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(problems, [("A110", 2), ("A111", 3), ("A112", 4)]);
        assert!(
            export.diagnostics[0]
                .message
                .starts_with("tracker line is not valid JSON: EOF while parsing")
        );
    }

    #[test]
    fn derives_id_patterns_from_the_export() {
        let text = "{\"id\":\"auto-author-9lo\",\"title\":\"a\",\"status\":\"open\"}\n{\"id\":\"auto-author-16\",\"title\":\"b\",\"status\":\"open\"}\n{\"id\":\"auto-author-x4.1\",\"title\":\"c\",\"status\":\"open\"}\n{\"id\":\"T-001\",\"title\":\"d\",\"status\":\"open\"}\n";
        let patterns = id_patterns(text);
        assert_eq!(patterns, [r"auto\-author-[a-z0-9]{2,3}(?:\.[0-9]+)*"]);
        let ids = IdMatcher::new(&patterns).0;
        let found: Vec<_> = ids
            .find_all("see auto-author-9lo and auto-author-x4.1.")
            .into_iter()
            .map(|m| m.2)
            .collect();
        assert_eq!(found, ["auto-author-9lo", "auto-author-x4.1"]);
    }

    #[test]
    fn recognises_exports_by_place_or_first_line() {
        assert!(is_tracker_export(".beads/issues.jsonl", ""));
        assert!(is_tracker_export(
            "x/issues.jsonl",
            "{\"id\":\"a\",\"title\":\"t\",\"status\":\"open\"}"
        ));
        assert!(!is_tracker_export("logs/events.jsonl", "{\"ts\":1}"));
    }
}
