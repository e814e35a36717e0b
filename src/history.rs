//! The history stage: each task's status changes, read from the versions of
//! the docs in git (`--git` or `git = true`).
//!
//! It runs after linking, on the finished site. The documents that define
//! tasks today are read again as each of the last [`MAX_COMMITS`] commits
//! that touched ROOT left them, with the same parser as the build
//! (`crate::parse::parse`), and each task's status is compared from one
//! version to the next: a commit that added a task, or changed the status
//! its document states, is a [`StatusChange`] with the commit's date, short
//! hash and author. Changes of tasks that no longer exist are dropped (they
//! have no page to show them). The order is the commits' (oldest first),
//! then path and id, so two builds of the same repository agree. Reading git
//! is `crate::git`'s job; a tree that is no repository is one diagnostic,
//! and the build goes on.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::discover::SourceFile;
use crate::git::{Repo, Unreadable};
use crate::model::{HistoryScope, Site, StatusChange, TaskStatus};
use crate::parse::ParseContext;

/// The most commits read: the newest that touched the docs.
pub const MAX_COMMITS: usize = 500;

/// How many characters of a hash the portal shows.
pub const SHORT_HASH: usize = 7;

/// Reads the status history of the site's tasks from the git repository
/// that holds ROOT into `site.history` and `site.history_scope`; what kept
/// it from being read is a diagnostic.
pub fn read(
    root: &std::path::Path,
    ctx: &ParseContext,
    files: &[SourceFile],
    site: &mut Site,
) -> Vec<Diagnostic> {
    match read_changes(root, ctx, files, site) {
        Ok((changes, scope)) => {
            let shallow = scope.shallow.then(|| {
                let since = scope.since.as_deref().unwrap_or("its oldest commit");
                Diagnostic::warning(
                    "A254",
                    ".",
                    0,
                    format!("the repository is a shallow clone: the task history starts at {since}, and changes before it are not shown"),
                )
                .with_help("fetch the whole history (`fetch-depth: 0` in actions/checkout, or `git fetch --unshallow`)".to_string())
            });
            site.history = changes;
            site.history_scope = Some(scope);
            shallow.into_iter().collect()
        }
        Err(unreadable) => vec![diagnostic(&unreadable)],
    }
}

/// The diagnostic for a history that cannot be read.
fn diagnostic(unreadable: &Unreadable) -> Diagnostic {
    let (code, message, help) = match unreadable {
        Unreadable::NotARepository(words) if words.contains("dubious ownership") => (
            "A252",
            "git refuses the repository of the docs folder: another user owns it; the task history is not read".to_string(),
            "mark it safe (`git config --global --add safe.directory <repository>`), or leave out `--git` and `git = true`",
        ),
        Unreadable::NotARepository(_) => (
            "A252",
            "the docs folder is not in a git repository; the task history is not read".to_string(),
            "run the build in a clone of the repository, or leave out `--git` and `git = true`",
        ),
        Unreadable::NoGit(words) => (
            "A253",
            format!("{words}; the task history is not read"),
            "install git, or leave out `--git` and `git = true`",
        ),
        Unreadable::Failed(words) => (
            "A253",
            format!(
                "git cannot read the history of the docs ({words}); the task history is not read"
            ),
            "a shallow clone has part of the history: fetch more of it (`fetch-depth: 0` in actions/checkout)",
        ),
    };
    Diagnostic::warning(code, ".", 0, message).with_help(help.to_string())
}

/// One version of a document: the commit (an index into the commits, oldest
/// first; `None` for the version before the oldest) and the tasks' statuses.
type Version = (Option<usize>, Vec<(String, TaskStatus)>);

fn read_changes(
    root: &std::path::Path,
    ctx: &ParseContext,
    files: &[SourceFile],
    site: &Site,
) -> Result<(Vec<StatusChange>, HistoryScope), Unreadable> {
    let repo = Repo::open(root)?;
    let (mut commits, truncated) = repo.commits(MAX_COMMITS)?;
    // A shallow clone's oldest commit has no parent here: the history read
    // starts at it, and what it holds is where the comparison starts, not
    // tasks added then.
    let shallow = repo.is_shallow();
    commits.reverse();
    let scope = HistoryScope {
        commits: commits.len(),
        limit: MAX_COMMITS,
        truncated,
        shallow,
        since: commits.first().map(|c| c.date.clone()),
    };
    // The documents that define tasks today, by path.
    let defining: HashSet<&str> = site.tasks.iter().map(|t| t.source.path.as_ref()).collect();
    let by_path: HashMap<&str, &SourceFile> = files
        .iter()
        .filter(|f| defining.contains(f.rel.as_str()))
        .map(|f| (f.rel.as_str(), f))
        .collect();
    // Which versions to read: with older commits left out, each document as
    // it was before the oldest read, so the first change read is a change.
    let before_oldest = commits.first().map(|c| format!("{}^", c.hash));
    let mut asks: Vec<(Option<usize>, &str)> = Vec::new();
    if truncated && !shallow {
        let mut paths: Vec<&str> = by_path.keys().copied().collect();
        paths.sort_unstable();
        asks.extend(paths.into_iter().map(|p| (None, p)));
    }
    for (idx, commit) in commits.iter().enumerate() {
        asks.extend(
            commit
                .paths
                .iter()
                .filter(|p| by_path.contains_key(p.as_str()))
                .map(|p| (Some(idx), p.as_str())),
        );
    }
    let revs: Vec<(&str, &str)> = asks
        .iter()
        .map(|&(idx, path)| match idx {
            Some(idx) => (commits[idx].hash.as_str(), path),
            None => (before_oldest.as_deref().unwrap_or("HEAD"), path),
        })
        .collect();
    let bytes = repo.read_versions(&revs)?;
    let parsed: Vec<Vec<(String, TaskStatus)>> = asks
        .par_iter()
        .zip(bytes.par_iter())
        .map(|(&(_, path), bytes)| match bytes {
            Some(bytes) => statuses(ctx, by_path[path], bytes),
            None => Vec::new(),
        })
        .collect();
    let mut versions: HashMap<&str, Vec<Version>> = HashMap::new();
    for ((idx, path), tasks) in asks.iter().zip(parsed) {
        versions.entry(path).or_default().push((*idx, tasks));
    }
    let existing: HashSet<&str> = site.tasks.iter().map(|t| t.id.as_str()).collect();
    let mut changes: Vec<(usize, StatusChange)> = Vec::new();
    for (path, versions) in versions {
        for (idx, change) in compare(&versions, !truncated && !shallow) {
            if existing.contains(change.0.as_str()) {
                let commit = &commits[idx];
                changes.push((
                    idx,
                    StatusChange {
                        task: change.0,
                        date: commit.date.clone(),
                        from: change.1,
                        to: change.2,
                        commit: commit.hash.clone(),
                        author: commit.author.clone(),
                        path: path.to_string(),
                    },
                ));
            }
        }
    }
    changes.sort_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| a.1.path.cmp(&b.1.path)).then_with(|| a.1.task.cmp(&b.1.task))
    });
    Ok((changes.into_iter().map(|(_, c)| c).collect(), scope))
}

/// The tasks one version of a document defines, with their statuses; the
/// first definition of an id counts.
fn statuses(ctx: &ParseContext, file: &SourceFile, bytes: &[u8]) -> Vec<(String, TaskStatus)> {
    let parsed = crate::parse::parse(ctx, file, bytes);
    let mut seen = HashSet::new();
    parsed
        .tasks
        .into_iter()
        .filter(|t| seen.insert(t.id.clone()))
        .map(|t| (t.id, t.status))
        .collect()
}

/// A change found between versions: the commit's index, the task, the
/// status before (`None`: added) and after.
type Found = (usize, (String, Option<TaskStatus>, TaskStatus));

/// The changes from one version of a document to the next, in order. The
/// first version read is where the comparison starts; when it is the
/// document's first ever (`from_start`), its tasks count as added.
fn compare(versions: &[Version], from_start: bool) -> Vec<Found> {
    let mut changes = Vec::new();
    let mut before: HashMap<&str, TaskStatus> = HashMap::new();
    for (n, (commit, tasks)) in versions.iter().enumerate() {
        let counts = n > 0 || from_start;
        if let (Some(idx), true) = (commit, counts) {
            for (id, status) in tasks {
                let was = before.get(id.as_str()).copied();
                if was != Some(*status) {
                    changes.push((*idx, (id.clone(), was, *status)));
                }
            }
        }
        // A task a version leaves out is gone; if it comes back, it is added again.
        before = tasks.iter().map(|(id, status)| (id.as_str(), *status)).collect();
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(commit: Option<usize>, tasks: &[(&str, TaskStatus)]) -> Version {
        (commit, tasks.iter().map(|(id, s)| (id.to_string(), *s)).collect())
    }

    #[test]
    fn changes_are_read_from_one_version_to_the_next() {
        use TaskStatus::*;
        let versions = [
            version(Some(0), &[("T-1", Open)]),
            version(Some(1), &[("T-1", Open), ("T-2", Open)]),
            version(Some(2), &[("T-1", Done), ("T-2", Open)]),
            version(Some(3), &[("T-2", Blocked)]),
        ];
        let found: Vec<_> = compare(&versions, true);
        assert_eq!(
            found,
            [
                (0, ("T-1".to_string(), None, Open)),
                (1, ("T-2".to_string(), None, Open)),
                (2, ("T-1".to_string(), Some(Open), Done)),
                (3, ("T-2".to_string(), Some(Open), Blocked)),
            ]
        );
    }

    #[test]
    fn a_cut_history_starts_from_the_version_before_it() {
        use TaskStatus::*;
        let versions = [version(None, &[("T-1", InProgress)]), version(Some(0), &[("T-1", Done)])];
        assert_eq!(compare(&versions, false), [(0, ("T-1".to_string(), Some(InProgress), Done))]);
    }
}
