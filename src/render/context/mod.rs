//! Borrowed views of the model, shaped for the templates.
//!
//! Templates never see the model types directly: these small `Serialize`
//! structs are the theme's interface, so the model can change without
//! breaking a project's template overrides. The views of documents,
//! evidence, events and diagnostics are here; those of tasks and their
//! progress are in `tasks`, those of claims and evidence runs in `claims`, those of plans with
//! their dates and staleness in `plans`; claims' marks in a document's body
//! are made and placed by `marks`; progress over time, replayed from the
//! history read from git, in `burnup`.

pub mod burnup;
pub mod claims;
pub mod marks;
pub mod plans;
pub mod tasks;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::model::{
    DocKind, Document, Event, Evidence, Outcome, Site, StatusChange, TaskStatus, href,
};

/// What every page knows about the site (the templates' global context).
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// The portal's title.
    pub title: &'a str,
    /// How many input files the portal was built from.
    pub n_files: usize,
    /// The date the portal speaks for: `SOURCE_DATE_EPOCH`, else the newest date in the docs.
    pub as_of: Option<&'a str>,
    /// The sources images may come from, for the Content-Security-Policy:
    /// the portal itself and `data:` URIs, and other sites only when
    /// `remote_media = true`.
    pub img_src: &'static str,
}

/// A document in a list.
#[derive(Debug, Serialize)]
pub struct DocView<'a> {
    /// Path relative to ROOT.
    pub path: &'a str,
    /// plan, session, tracker, evidence or page.
    pub kind: &'static str,
    /// Title.
    pub title: &'a str,
    /// `YYYY-MM-DD`.
    pub date: Option<&'a str>,
    /// Stated status.
    pub status: Option<&'a str>,
    /// Stated owner.
    pub owner: Option<&'a str>,
    /// Page URL relative to the site root, encoded for an `href`.
    pub url: String,
    /// Whether it sits in an archived folder.
    pub archived: bool,
}

impl<'a> DocView<'a> {
    /// The view of one document.
    pub fn of(doc: &'a Document) -> DocView<'a> {
        DocView {
            path: &doc.path,
            kind: doc.kind.as_str(),
            title: &doc.title,
            date: doc.date.as_deref(),
            status: doc.status.as_deref(),
            owner: doc.owner.as_deref(),
            url: href(&doc.url),
            archived: doc.archived,
        }
    }
}

/// A diagnostic as a row of a page.
#[derive(Debug, Serialize)]
pub struct DiagnosticView<'a> {
    /// `path:line`.
    pub location: String,
    /// 1-based line, 0 for the whole file.
    pub line: usize,
    /// error, warning or info.
    pub severity: &'static str,
    /// Stable code.
    pub code: &'static str,
    /// What is wrong.
    pub message: &'a str,
    /// What to do.
    pub help: Option<&'a str>,
    /// The page of the file it is about, at the line, when the file has one.
    pub url: Option<String>,
    /// The fragment of the line on the file's own page (`#L12`, `#phase-2`).
    pub anchor: String,
}

impl<'a> DiagnosticView<'a> {
    /// The view of one diagnostic; `site` finds the page of its file.
    pub fn of(site: &'a Site, diagnostic: &'a Diagnostic) -> DiagnosticView<'a> {
        let doc = site
            .documents
            .binary_search_by(|doc| doc.path.as_str().cmp(&diagnostic.path))
            .ok()
            .map(|idx| &site.documents[idx]);
        let anchor = doc.map(|d| d.anchor(diagnostic.line)).unwrap_or_default();
        let url = doc.map(|d| href(&format!("{}{anchor}", d.url)));
        DiagnosticView {
            location: diagnostic.location(),
            line: diagnostic.line,
            severity: diagnostic.severity.as_str(),
            code: diagnostic.code,
            message: &diagnostic.message,
            help: diagnostic.help.as_deref(),
            url,
            anchor,
        }
    }
}

/// The documents of one kind, for a grouped list.
#[derive(Debug, Serialize)]
pub struct GroupView {
    /// The kind's name, used as the section id.
    pub kind: &'static str,
    /// The heading of the group.
    pub label: &'static str,
    /// How many documents it has.
    pub n_docs: usize,
    /// Their rows, made by `file-rows.html`.
    pub rows: String,
}

/// Documents grouped by kind, in the portal's order, empty groups left
/// out: each kind's name, heading and documents, for the files page.
pub fn groups(site: &Site) -> Vec<(&'static str, &'static str, Vec<&Document>)> {
    DocKind::ALL
        .iter()
        .map(|&kind| {
            let label = match kind {
                DocKind::Plan => "Plans",
                DocKind::Session => "Session logs",
                DocKind::Tracker => "Trackers",
                DocKind::Evidence => "Evidence",
                DocKind::Page => "Pages",
            };
            (kind.as_str(), label, site.documents.iter().filter(|d| d.kind == kind).collect())
        })
        .filter(|(_, _, docs): &(_, _, Vec<&Document>)| !docs.is_empty())
        .collect()
}

/// The newest date the docs speak of, unless `SOURCE_DATE_EPOCH` says otherwise.
pub fn as_of<'a>(site: &'a Site, build_date: Option<&'a str>) -> Option<&'a str> {
    build_date.or_else(|| {
        let doc_dates = site.documents.iter().filter_map(|d| d.date.as_deref());
        doc_dates.chain(site.evidence.iter().filter_map(|e| e.date.as_deref())).max()
    })
}

/// An evidence file in a list.
#[derive(Debug, Serialize)]
pub struct EvidenceView<'a> {
    /// Path relative to ROOT.
    pub path: &'a str,
    /// test, coverage, deploy, screenshot, report or other.
    pub kind: &'a str,
    /// The format it was read as.
    pub format: &'a str,
    /// `YYYY-MM-DD`.
    pub date: Option<&'a str>,
    /// pass, fail or unknown.
    pub outcome: &'static str,
    /// Tests passed, failed, skipped; coverage percent.
    pub passed: Option<u64>,
    /// Tests failed.
    pub failed: Option<u64>,
    /// Tests skipped.
    pub skipped: Option<u64>,
    /// Coverage percent.
    pub coverage_percent: Option<f64>,
    /// How many documents name it.
    pub n_referenced_by: usize,
    /// Why the outcome is what it is, when the figures alone do not say.
    pub note: Option<&'a str>,
    /// Page URL, encoded for an `href`.
    pub url: String,
}

impl<'a> EvidenceView<'a> {
    /// The view of one evidence file.
    pub fn of(item: &'a Evidence) -> EvidenceView<'a> {
        EvidenceView {
            path: &item.path,
            kind: item.kind.as_str(),
            format: item.format.as_str(),
            date: item.date.as_deref(),
            outcome: outcome_name(item.outcome),
            passed: item.passed,
            failed: item.failed,
            skipped: item.skipped,
            coverage_percent: item.coverage_percent,
            n_referenced_by: item.referenced_by.len(),
            note: item.note.as_deref(),
            url: href(&item.url),
        }
    }
}

/// The lowercase name of an outcome, used in CSS classes.
pub fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pass => "pass",
        Outcome::Fail => "fail",
        Outcome::Unknown => "unknown",
    }
}

/// An event of the audit trail.
#[derive(Debug, Serialize)]
pub struct EventView<'a> {
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    /// What kind of event.
    pub kind: &'a str,
    /// What happened.
    pub title: &'a str,
    /// The document it comes from.
    pub path: &'a str,
    /// Page URL, encoded for an `href`.
    pub url: String,
    /// For the run of an evidence file (a test, a deploy): `pass`, `fail`
    /// or `unknown`.
    pub outcome: Option<&'static str>,
}

impl<'a> EventView<'a> {
    /// The view of one event.
    pub fn of(event: &'a Event) -> EventView<'a> {
        EventView {
            date: &event.date,
            kind: &event.kind,
            title: &event.title,
            path: &event.path,
            url: href(&event.url),
            outcome: None,
        }
    }

    /// The view of one event, with the outcome of the evidence file it is
    /// the run of, when it is one.
    pub fn with_evidence(event: &'a Event, evidence: Option<&Evidence>) -> EventView<'a> {
        let outcome =
            evidence.filter(|e| e.kind.as_str() == event.kind).map(|e| outcome_name(e.outcome));
        EventView { outcome, ..EventView::of(event) }
    }
}

/// A change of a task's status read from git, for its page and the audit
/// trail.
#[derive(Debug, Serialize)]
pub struct HistoryView<'a> {
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    /// The status before, in words; `None` when the commit added the task.
    pub from: Option<&'static str>,
    /// The status after, in words.
    pub to: &'static str,
    /// The status after, as a CSS class (`in_progress`).
    pub to_class: String,
    /// The commit's short hash.
    pub commit: String,
    /// The commit's full hash.
    pub commit_full: &'a str,
    /// The commit's author.
    pub author: &'a str,
    /// The document that changed.
    pub path: &'a str,
}

impl<'a> HistoryView<'a> {
    /// The view of one change.
    pub fn of(change: &'a StatusChange) -> HistoryView<'a> {
        let to_class = serde_json::to_value(change.to)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        HistoryView {
            date: &change.date,
            from: change.from.map(TaskStatus::words),
            to: change.to.words(),
            to_class,
            commit: change.commit.chars().take(7).collect(),
            commit_full: &change.commit,
            author: &change.author,
            path: &change.path,
        }
    }
}

/// What the history read from git covers, in a sentence for the pages:
/// `None` when it was not read.
pub fn history_note(site: &Site) -> Option<String> {
    let scope = site.history_scope.as_ref()?;
    let commits = if scope.commits == 1 {
        "1 commit".to_string()
    } else {
        format!("{} commits", scope.commits)
    };
    let since = scope.since.as_deref().map(|d| format!(" since {d}")).unwrap_or_default();
    Some(if scope.shallow {
        format!(
            "Status changes from git: the {commits}{since} of a shallow clone that touched the docs (older ones are not in the clone)."
        )
    } else if scope.truncated {
        format!(
            "Status changes from git: the last {commits}{since} that touched the docs (at most {} are read; older ones are left out).",
            scope.limit
        )
    } else {
        format!("Status changes from git: every commit that touched the docs, {commits}{since}.")
    })
}
