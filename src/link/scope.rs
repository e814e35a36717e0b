//! What the headline counts: which documents are archived, and for each task
//! whether "X of Y tasks done" counts it, and if not, why.
//!
//! A headline must mean something on a real tree. By default it counts the
//! work of plans and trackers (stories, epics and sprints are plans); a
//! session's to-dos and a guide's checklist show with their documents, an
//! archived folder's tasks show marked as archived, and a subtask rolls up
//! into the task it sits in. `attestor.toml`'s `[headline]` table changes
//! the kinds counted and the archive folder names.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::config::BuildConfig;
use crate::model::{DocKind, Document, Task, TaskScope};

/// Marks the documents that sit in an archived folder (at any depth, any
/// case: `archive/`, `docs/Old/`).
pub(crate) fn mark_archived(config: &BuildConfig, documents: &mut [Document]) {
    for doc in documents {
        doc.archived = is_archived(&config.archive_dirs, &doc.path);
    }
}

/// Whether a path has a folder named like one of `dirs`.
fn is_archived(dirs: &[String], path: &str) -> bool {
    let folders = path.rsplit_once('/').map_or("", |(folders, _)| folders);
    folders.split('/').any(|folder| dirs.iter().any(|dir| dir.eq_ignore_ascii_case(folder)))
}

/// Sets each task's scope from its document (the plan that defines it) and
/// its parent.
pub(crate) fn assign(config: &BuildConfig, documents: &[Document], tasks: &mut [Task]) {
    let docs: HashMap<&str, &Document> = documents.iter().map(|d| (d.path.as_str(), d)).collect();
    // Worked out from the tasks as they are, in parallel, then set.
    let scopes: Vec<TaskScope> = {
        let ids: HashSet<&str> = tasks.iter().map(|t| t.id.as_str()).collect();
        tasks
            .par_iter()
            .map(|task| {
                let doc = docs.get(task.plan.as_ref()).copied();
                let parent_known = task.parent.as_deref().is_some_and(|p| ids.contains(p));
                of(&config.headline_kinds, doc, parent_known)
            })
            .collect()
    };
    for (task, scope) in tasks.iter_mut().zip(scopes) {
        task.scope = scope;
    }
}

/// The scope of a task whose plan is `doc` (if the site has it) and whose
/// parent is a known task or not; `headline_kinds` are the kinds of
/// document the headline counts.
pub(crate) fn of(
    headline_kinds: &[DocKind],
    doc: Option<&Document>,
    parent_known: bool,
) -> TaskScope {
    match doc {
        Some(doc) if doc.archived => TaskScope::Archived,
        Some(doc) if !headline_kinds.contains(&doc.kind) => match doc.kind {
            DocKind::Session => TaskScope::Session,
            _ => TaskScope::Page,
        },
        _ if parent_known => TaskScope::Subtask,
        _ => TaskScope::Headline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archived_folders_match_whole_names_at_any_depth() {
        let dirs: Vec<String> = ["archive", "old"].iter().map(|s| s.to_string()).collect();
        assert!(is_archived(&dirs, "archive/plan.md"));
        assert!(is_archived(&dirs, "docs/Archive/2024/plan.md"));
        assert!(is_archived(&dirs, "docs/old/plan.md"));
        assert!(!is_archived(&dirs, "docs/archive.md"));
        assert!(!is_archived(&dirs, "docs/archives-policy/plan.md"));
        assert!(!is_archived(&dirs, "docs/golden/plan.md"));
        assert!(!is_archived(&dirs, "old.md"));
    }
}
