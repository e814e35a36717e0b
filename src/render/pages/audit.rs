//! The audit trail: the events, newest first, in pages of [`PAGE_EVENTS`]:
//! every event (`audit.html`, `audit.p2.html`, ...) and each kind's
//! (`audit-test.html`, `audit-test.p2.html`, ...).
//!
//! Each event of a test or deploy run shows the run's outcome (pass, fail
//! or unknown, in words and colour). With the history read from git, the
//! status changes are events too, and the page says how many commits were
//! read.

use std::collections::HashMap;

use tera::Context;

use super::render_page;
use crate::model::{Event, Evidence, Site, href};
use crate::render::Emit;
use crate::render::context::{EventView, history_note};
use crate::render::theme::Theme;

/// Events on one page of the audit trail: a tree of 10,000 documents has
/// 39,500 events, one page of 12 MB before they were paged.
const PAGE_EVENTS: usize = 1000;

/// The audit trail: the pages of every event and of each kind, each handed
/// to `emit`.
pub fn audit(theme: &Theme, site: &Site, emit: &Emit<'_>) -> anyhow::Result<()> {
    let mut kinds: Vec<&str> = site.events.iter().map(|e| e.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let filters: Vec<_> = kinds
        .iter()
        .map(|kind| {
            let count = site.events.iter().filter(|e| e.kind == *kind).count();
            serde_json::json!({ "kind": kind, "count": count, "url": audit_url(Some(kind)) })
        })
        .collect();
    let evidence: HashMap<&str, &Evidence> =
        site.evidence.iter().map(|e| (e.path.as_str(), e)).collect();
    let note = history_note(site);
    // Pages for all events and for each kind: a filter that works without JavaScript.
    for kind in std::iter::once(None).chain(kinds.iter().map(|k| Some(*k))) {
        let listed: Vec<&Event> =
            site.events.iter().filter(|e| kind.is_none_or(|k| e.kind == k)).collect();
        let n_pages = listed.len().div_ceil(PAGE_EVENTS).max(1);
        for page in 1..=n_pages {
            let first = (page - 1) * PAGE_EVENTS;
            let shown = &listed[first..listed.len().min(page * PAGE_EVENTS)];
            let events: Vec<_> = shown
                .iter()
                .map(|e| EventView::with_evidence(e, evidence.get(e.path.as_str()).copied()))
                .collect();
            let page_url = |n: usize| href(&audit_page_url(kind, n));
            let url = audit_page_url(kind, page);
            let mut context = Context::new();
            context.insert("nav", "audit");
            context.insert("events", &events);
            context.insert("filters", &filters);
            context.insert("current", &kind);
            context.insert("total", &site.events.len());
            context.insert("n_listed", &listed.len());
            context.insert("history_note", &note);
            context.insert("first_row", &(first + 1));
            context.insert("last_row", &(first + shown.len()));
            super::insert_pager(&mut context, page, n_pages, page_url);
            let html = render_page(theme, "audit.html", &url, context)?;
            emit(url, html)?;
        }
    }
    Ok(())
}

/// The audit trail's first page for one kind of event, or for all.
pub fn audit_url(kind: Option<&str>) -> String {
    audit_page_url(kind, 1)
}

/// Page `page` (from 1) of the audit trail for one kind of event, or for all.
fn audit_page_url(kind: Option<&str>, page: usize) -> String {
    let stem = match kind {
        Some(kind) => format!("audit-{}", crate::model::slug(kind)),
        None => "audit".to_string(),
    };
    match page {
        1 => format!("{stem}.html"),
        n => format!("{stem}.p{n}.html"),
    }
}
