//! The commits stage: every commit hash a document names, checked against
//! the git repository that holds ROOT.
//!
//! A hash in a session log (`**c31486f** - docs: …`, `Last Commit: e2f3c55`)
//! is a claim that the work landed. It runs after linking, on the finished
//! site, and asks git three things in three runs whatever the number of
//! hashes: which commit each hash names (`git cat-file --batch-check`), each
//! commit's author date and subject (`git log --no-walk --stdin`), and which
//! commits the built commit reaches (`git rev-list HEAD`). A hash no commit
//! has, one on no branch the build sees, or one dated after the document
//! that names it is a warning at the line that names it. Without a
//! repository, or with checks turned off (`check_commits = false`), nothing
//! is asked and the hashes are shown as not checked; a tree that names
//! hashes outside a repository is told so once.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::config::BuildConfig;
use crate::diagnostics::Diagnostic;
use crate::git::{Object, Repo, Unreadable};
use crate::model::{CommitCheck, NamedCommit, RefKind, Site, Source};

/// Checks the commits the site's documents name into `site.commits`; what
/// is wrong with them, or kept them from being checked, is a diagnostic.
pub fn check(config: &BuildConfig, site: &mut Site) -> Vec<Diagnostic> {
    let mut named: Vec<NamedCommit> = Vec::new();
    for doc in &site.documents {
        let mut seen = HashSet::new();
        for reference in doc.references.iter().filter(|r| r.kind == RefKind::Commit) {
            // A hash named twice on one line is one mention.
            if seen.insert((reference.line, reference.target.as_str())) {
                named.push(NamedCommit {
                    source: Source { path: doc.path.as_str().into(), line: reference.line },
                    hash: reference.target.clone(),
                    document_date: doc.date.clone(),
                    check: CommitCheck::NotChecked,
                    full: None,
                    date: None,
                    subject: None,
                    url: None,
                });
            }
        }
    }
    named.sort();
    let mut diagnostics = Vec::new();
    if !named.is_empty() && config.check_commits {
        match Repo::open(&config.root) {
            Ok(repo) => diagnostics = check_in(&repo, config.repo_url.as_deref(), &mut named),
            Err(unreadable) => diagnostics.push(not_checked(named.len(), &unreadable)),
        }
    }
    site.commits = named;
    diagnostics
}

/// Checks `named` against `repo`.
fn check_in(repo: &Repo, repo_url: Option<&str>, named: &mut [NamedCommit]) -> Vec<Diagnostic> {
    let hashes: Vec<String> =
        named.iter().map(|n| n.hash.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let hashes: Vec<&str> = hashes.iter().map(String::as_str).collect();
    let asked = (|| {
        let objects = repo.commits_named(&hashes)?;
        let fulls: Vec<&str> = objects
            .iter()
            .filter_map(|o| match o {
                Object::Commit(full) => Some(full.as_str()),
                _ => None,
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let info = repo.commit_info(&fulls)?;
        let reachable = if fulls.is_empty() { HashSet::new() } else { repo.reachable()? };
        let objects: HashMap<&str, Object> = hashes.iter().copied().zip(objects).collect();
        Ok::<_, Unreadable>((objects, info, reachable))
    })();
    let (objects, info, reachable) = match asked {
        Ok(answers) => answers,
        Err(unreadable) => return vec![not_checked(named.len(), &unreadable)],
    };
    let shallow = repo.is_shallow();
    let mut diagnostics = Vec::new();
    let mut missing_in_shallow = 0;
    for commit in named.iter_mut() {
        let object = objects.get(commit.hash.as_str()).cloned().unwrap_or(Object::Missing);
        commit.check = match object {
            Object::Commit(full) => {
                let about = info.get(&full);
                commit.date = about.map(|i| i.date.clone());
                // A commit message is published too: masked as the docs are.
                commit.subject = about.map(|i| {
                    let mut subject = i.subject.clone();
                    crate::text::secrets::mask(&mut subject);
                    subject
                });
                commit.url = repo_url.map(|base| format!("{base}/commit/{full}"));
                commit.full = Some(full);
                classify(commit, &reachable)
            }
            Object::Ambiguous => CommitCheck::Ambiguous,
            Object::Missing if shallow => {
                missing_in_shallow += 1;
                CommitCheck::NotChecked
            }
            Object::Missing => CommitCheck::Unknown,
        };
        diagnostics.extend(diagnostic(commit));
    }
    if missing_in_shallow > 0 {
        diagnostics.push(
            Diagnostic::info(
                "A274",
                ".",
                0,
                format!(
                    "{} named in the docs {} not in this shallow clone and {} not checked",
                    n_hashes(missing_in_shallow),
                    if missing_in_shallow == 1 { "is" } else { "are" },
                    if missing_in_shallow == 1 { "is" } else { "are" },
                ),
            )
            .with_help("fetch the whole history (`fetch-depth: 0` in actions/checkout, or `git fetch --unshallow`)"),
        );
    }
    diagnostics
}

/// What a commit the repository has is, given the commits the build reaches.
fn classify(commit: &NamedCommit, reachable: &HashSet<String>) -> CommitCheck {
    let full = commit.full.as_deref().unwrap_or_default();
    if !reachable.contains(full) {
        return CommitCheck::Unreachable;
    }
    match (&commit.date, &commit.document_date) {
        (Some(made), Some(written)) if made > written => CommitCheck::DatedAfter,
        _ => CommitCheck::Found,
    }
}

/// The warning for a commit that does not bear out its document.
fn diagnostic(commit: &NamedCommit) -> Option<Diagnostic> {
    let at = &commit.source;
    let hash = &commit.hash;
    let (code, message, help) = match commit.check {
        CommitCheck::Found | CommitCheck::NotChecked => return None,
        CommitCheck::Unknown => (
            "A270",
            format!("commit `{hash}` is not in the repository"),
            "check the hash: no commit of the repository starts with it (a rebased or squashed commit has a new hash)".to_string(),
        ),
        CommitCheck::Unreachable => (
            "A271",
            format!(
                "commit `{hash}`{} is not on the built branch",
                described(commit)
            ),
            "the work it names has not landed where the portal is built from: merge it, or name the commit that landed".to_string(),
        ),
        CommitCheck::DatedAfter => (
            "A272",
            format!(
                "commit `{hash}` is dated {}, after this document ({})",
                commit.date.as_deref().unwrap_or("?"),
                commit.document_date.as_deref().unwrap_or("?")
            ),
            "a document can name only commits made by its date: check the hash, or the document's date".to_string(),
        ),
        CommitCheck::Ambiguous => (
            "A273",
            format!("commit `{hash}` is ambiguous: more than one commit starts with it"),
            "write more of the hash".to_string(),
        ),
    };
    Some(Diagnostic::warning(code, &at.path, at.line, message).with_help(help))
}

/// ` (2026-03-04, "subject")`, or nothing without them.
fn described(commit: &NamedCommit) -> String {
    match (&commit.date, &commit.subject) {
        (Some(date), Some(subject)) => format!(" ({date}, \"{subject}\")"),
        (Some(date), None) => format!(" ({date})"),
        _ => String::new(),
    }
}

/// `1 commit hash`, `2 commit hashes`.
fn n_hashes(n: usize) -> String {
    if n == 1 { "1 commit hash".to_string() } else { format!("{n} commit hashes") }
}

/// The one note for hashes that cannot be checked at all.
fn not_checked(n: usize, unreadable: &Unreadable) -> Diagnostic {
    let count = n_hashes(n);
    let why = match unreadable {
        Unreadable::NotARepository(_) => "the docs folder is not in a git repository".to_string(),
        Unreadable::NoGit(words) | Unreadable::Failed(words) => words.clone(),
    };
    Diagnostic::info("A274", ".", 0, format!("{count} named in the docs not checked: {why}"))
        .with_help(
            "build in a clone of the repository to check them, or set `check_commits = false`",
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(hash: &str, document_date: Option<&str>) -> NamedCommit {
        NamedCommit {
            source: Source { path: "sessions/s.md".into(), line: 4 },
            hash: hash.into(),
            document_date: document_date.map(str::to_string),
            check: CommitCheck::NotChecked,
            full: Some(format!("{hash}000")),
            date: Some("2026-03-05".into()),
            subject: Some("fix: the loader".into()),
            url: None,
        }
    }

    #[test]
    fn a_reachable_commit_is_found_unless_dated_after_its_document() {
        let reachable: HashSet<String> = ["abc1234000".to_string()].into();
        assert_eq!(classify(&named("abc1234", Some("2026-03-05")), &reachable), CommitCheck::Found);
        assert_eq!(classify(&named("abc1234", None), &reachable), CommitCheck::Found);
        assert_eq!(
            classify(&named("abc1234", Some("2026-03-04")), &reachable),
            CommitCheck::DatedAfter
        );
        assert_eq!(
            classify(&named("def5678", Some("2026-03-09")), &reachable),
            CommitCheck::Unreachable
        );
    }

    #[test]
    fn each_failed_check_is_a_warning_at_its_line() {
        let mut commit = named("abc1234", Some("2026-03-04"));
        commit.check = CommitCheck::DatedAfter;
        let d = diagnostic(&commit).unwrap();
        assert_eq!(
            d.to_human().lines().take(2).collect::<Vec<_>>(),
            [
                "warning[A272]: commit `abc1234` is dated 2026-03-05, after this document (2026-03-04)",
                "  --> sessions/s.md:4"
            ]
        );
        commit.check = CommitCheck::Unreachable;
        assert!(diagnostic(&commit).unwrap().message.contains("(2026-03-05, \"fix: the loader\")"));
        commit.check = CommitCheck::Found;
        assert!(diagnostic(&commit).is_none());
    }
}
