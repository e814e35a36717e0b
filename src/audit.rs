//! The audit trail: dated events drawn from the documents and evidence.
//!
//! A session held, a plan updated, a test run, a deploy: each dated
//! document or evidence file becomes an event. The list is sorted newest
//! first, then by path, so the trail is the same on every build. A commit a
//! dated document names is an event of that date.

use crate::model::{DocKind, Document, Event, Evidence, RefKind};

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
    for item in evidence {
        let Some(date) = &item.date else { continue };
        let name = crate::model::file_name(&item.path);
        events.push(Event {
            date: date.clone(),
            kind: item.kind.as_str().to_string(),
            title: name.to_string(),
            path: item.path.clone(),
            url: item.url.clone(),
        });
    }
    events.sort_by(|a, b| {
        b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)).then_with(|| a.title.cmp(&b.title))
    });
    events
}

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
